//! Server functions: every one is a public endpoint. Each works out who is
//! calling first, then applies the domain rule, then touches the database.
pub mod account;
pub mod admin;
pub mod agencies;
pub mod complaint;
pub mod correction;
pub mod forum;
pub mod moderation;
pub mod musrenbang;
pub mod notify;
pub mod photos;
pub mod proposal;
pub mod read;
#[cfg(feature = "ssr")]
pub mod visitor;

pub use account::*;
pub use admin::*;
pub use agencies::*;
pub use complaint::*;
pub use correction::*;
pub use forum::*;
pub use moderation::*;
pub use musrenbang::*;
pub use notify::*;
pub use photos::*;
pub use proposal::*;
pub use read::*;

/// The server functions whose forms may carry photos (posted as
/// `multipart/form-data`; every other form is refused in that encoding).
pub fn photo_forms() -> [&'static str; 5] {
    use leptos::server_fn::ServerFn;
    [
        FileComplaint::PATH,
        CreateProposal::PATH,
        EditProposal::PATH,
        CreateThread::PATH,
        Reply::PATH,
    ]
}
