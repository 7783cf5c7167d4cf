//! Items an agency must serve: a complaint, a proposal that reached its
//! threshold, or an usulan the Musrenbang put into the plan. They are counted on the dashboard and rated by residents
//! under the same `subject` texts (`service_items.subject`, `ratings.subject`).
use super::ids::{ComplaintId, ProposalId, UsulanId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceItem {
    Complaint(ComplaintId),
    Proposal(ProposalId),
    /// Rated only (its deadlines are the plan's, not the dashboard's).
    Usulan(UsulanId),
}

impl ServiceItem {
    /// The stored `subject` text.
    pub fn subject(self) -> &'static str {
        match self {
            ServiceItem::Complaint(_) => "complaint",
            ServiceItem::Proposal(_) => "proposal",
            ServiceItem::Usulan(_) => "usulan",
        }
    }

    /// The stored `subject_id`.
    pub fn id(self) -> i64 {
        match self {
            ServiceItem::Complaint(id) => id.0,
            ServiceItem::Proposal(id) => id.0,
            ServiceItem::Usulan(id) => id.0,
        }
    }

    /// From a stored or posted `subject` and id; None for any other subject.
    pub fn parse(subject: &str, id: i64) -> Option<ServiceItem> {
        match subject {
            "complaint" => Some(ServiceItem::Complaint(ComplaintId(id))),
            "proposal" => Some(ServiceItem::Proposal(ProposalId(id))),
            "usulan" => Some(ServiceItem::Usulan(UsulanId(id))),
            _ => None,
        }
    }

    /// Whether the item in `state` can be rated: a complaint once resolved,
    /// a proposal once it has a decision, an usulan once the plan took it.
    pub fn rateable(self, state: &str) -> bool {
        match self {
            ServiceItem::Complaint(_) => {
                super::complaint::State::parse(state).is_some_and(super::complaint::State::is_rateable)
            }
            ServiceItem::Proposal(_) => matches!(
                state,
                "accepted" | "partially_accepted" | "rejected" | "in_progress" | "implemented"
            ),
            ServiceItem::Usulan(_) => matches!(state, "accepted" | "in_progress" | "implemented"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_round_trip() {
        for item in [
            ServiceItem::Complaint(ComplaintId(4)),
            ServiceItem::Proposal(ProposalId(9)),
            ServiceItem::Usulan(UsulanId(3)),
        ] {
            assert_eq!(ServiceItem::parse(item.subject(), item.id()), Some(item));
        }
        assert_eq!(ServiceItem::parse("thread", 1), None);
        assert_eq!(ServiceItem::parse("", 1), None);
    }

    #[test]
    fn what_can_be_rated() {
        let c = ServiceItem::Complaint(ComplaintId(1));
        let p = ServiceItem::Proposal(ProposalId(1));
        let complaint: Vec<_> = ["received", "verified", "in_progress", "resolved", "closed", "rejected"]
            .into_iter()
            .filter(|s| c.rateable(s))
            .collect();
        assert_eq!(complaint, ["resolved", "closed"]);
        for s in [
            "accepted",
            "partially_accepted",
            "rejected",
            "in_progress",
            "implemented",
        ] {
            assert!(p.rateable(s), "{s}");
        }
        for s in [
            "draft",
            "published",
            "awaiting_response",
            "under_review",
            "withdrawn",
            "resolved",
        ] {
            assert!(!p.rateable(s), "{s}");
        }
    }
}
