//! Proposals: the list, the form, one proposal with its supports, official
//! responses and decision history, and the public decision record.
mod answer;
mod desk;
mod form;
mod list;
mod page;
mod record;

pub use desk::*;
pub use form::*;
pub use list::*;
pub use page::*;
pub use record::*;
