//! Complaints (*pengaduan*): a resident reports a public service that failed
//! them; the agency responsible for the category in that area verifies,
//! follows up and resolves it within deadlines counted in working days. Every
//! step is an official response, goes to the decision record and tells the
//! complainant. Anonymous complaints hide the complainant from the public
//! (never from the agency or admins); private ones hide the whole complaint.
//!
//! The lifecycle and who may act or see are in [`crate::domain::complaint`];
//! the SQL in [`crate::db::complaints`], [`crate::db::complaint_steps`] and
//! [`crate::db::ratings`].
use super::record::{self, Actor, Content, Named};
use crate::db::complaints::Head;
use crate::domain::complaint::{Access, State};

mod file;
mod page;
mod ratings;
mod rules;
mod steps;

pub use file::{file, NewComplaint};
pub use page::{list, page, ListQuery, PAGE};
pub use ratings::{rate, rating_state};
pub use rules::parse_holidays;
pub use steps::{reopen, step};

/// Characters a complaint's description needs at least: what happened, in
/// enough words that the agency can act on it.
pub const BODY_MIN: usize = 30;
pub const LOCATION_MAX: usize = 200;

/// The rules' view of a complaint's head.
fn access(h: &Head) -> Access {
    Access {
        author: h.author_id,
        agency: h.agency_id,
        private: h.private != 0,
    }
}

/// A record entry about the complaint of `h`: `event` (`filed` or a step's
/// code) leads from its state to `to`.
fn content(h: &Head, seq: i64, at: i64, event: &str, to: State, actor: Option<Actor>) -> Content {
    let item = record::Item {
        subject: "complaint",
        id: h.id.0,
        // A private complaint's record says that a step happened, and who
        // took it, but not what it is about.
        title: if h.private != 0 { String::new() } else { h.title.clone() },
        area: Named {
            id: h.area_id.0,
            name: h.area_name.clone(),
        },
        agency: h.agency_id.map(|id| Named {
            id: id.0,
            name: h.agency_name.clone().unwrap_or_default(),
        }),
    };
    let from = if event == "filed" { "" } else { h.state.as_str() };
    Content::event(seq, at, item, event, from, to.code(), actor)
}
