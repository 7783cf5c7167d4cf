//! Ids of the main entities, each its own type, so that a thread's id cannot
//! be passed where a post's is wanted. They travel as plain numbers (serde
//! and sqlx see an `i64`).
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    )*};
}

ids! {
    /// A person's account.
    UserId;
    /// An official area (province, regency or city, district, village).
    AreaId;
    /// A government agency (OPD).
    AgencyId;
    /// A topic category.
    CategoryId;
    /// A discussion thread.
    ThreadId;
    /// A post in a thread.
    PostId;
    /// A proposal (usulan).
    ProposalId;
    /// A complaint (pengaduan).
    ComplaintId;
    /// A report of a post, thread, proposal or complaint to moderators.
    FlagId;
    /// A row of the public moderation log.
    ModLogId;
    /// An entry of the decision record.
    RecordId;
    /// A Musrenbang planning cycle (a kota or kabupaten, a plan year).
    CycleId;
    /// An usulan put forward in a Musrenbang cycle.
    UsulanId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_travel_as_plain_numbers() {
        assert_eq!(serde_json::to_string(&ThreadId(7)).ok().as_deref(), Some("7"));
        assert_eq!(serde_json::from_str::<PostId>("42").ok(), Some(PostId(42)));
        assert_eq!(ProposalId(3).to_string(), "3");
    }
}
