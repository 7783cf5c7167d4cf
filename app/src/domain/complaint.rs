//! A complaint's lifecycle and who may act on it or see it. The states and
//! events are stored as text (`complaints.state`, `complaint_steps.event`);
//! [`State::code`] and [`Event::code`] are those texts.
use super::ids::{AgencyId, UserId};
use crate::model::{Me, Role};

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    Received,
    Verified,
    InProgress,
    Resolved,
    Closed,
    Rejected,
}

impl State {
    pub const ALL: [State; 6] = [
        State::Received,
        State::Verified,
        State::InProgress,
        State::Resolved,
        State::Closed,
        State::Rejected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            State::Received => "received",
            State::Verified => "verified",
            State::InProgress => "in_progress",
            State::Resolved => "resolved",
            State::Closed => "closed",
            State::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.code() == s)
    }

    /// Rejected or closed: no deadline is still running.
    pub fn is_done(self) -> bool {
        matches!(self, State::Rejected | State::Closed)
    }

    /// Resolved or closed: the complainant may rate the service.
    pub fn is_rateable(self) -> bool {
        matches!(self, State::Resolved | State::Closed)
    }
}

/// An official step an officer takes on a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    Verified,
    InProgress,
    Resolved,
    Closed,
    Rejected,
    /// Handed to another agency: the state stays, the agency changes.
    Forwarded,
    /// The complainant says a resolved complaint is not fixed: it goes back
    /// to the agency. Not an officer's step, so not in [`Event::ALL`].
    Reopened,
}

impl Event {
    pub const ALL: [Event; 6] = [
        Event::Verified,
        Event::InProgress,
        Event::Resolved,
        Event::Closed,
        Event::Rejected,
        Event::Forwarded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Event::Verified => "verified",
            Event::InProgress => "in_progress",
            Event::Resolved => "resolved",
            Event::Closed => "closed",
            Event::Rejected => "rejected",
            Event::Forwarded => "forwarded",
            Event::Reopened => "reopened",
        }
    }

    pub fn parse(s: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|x| x.code() == s)
    }

    /// Every officer's step but a forward answers the complainant (a
    /// forward lets the clock run on).
    pub fn responds(self) -> bool {
        !matches!(self, Event::Forwarded | Event::Reopened)
    }
}

/// What an officer can do to a complaint in each state, and where it leads.
/// [`Event::Forwarded`] keeps the state and changes the agency.
pub fn step_to(state: State, event: Event) -> Option<State> {
    use Event as E;
    use State as S;
    Some(match (state, event) {
        (S::Received, E::Verified) => S::Verified,
        (S::Verified, E::InProgress) => S::InProgress,
        (S::Verified | S::InProgress, E::Resolved) => S::Resolved,
        (S::Resolved, E::Closed) => S::Closed,
        (S::Received | S::Verified | S::InProgress, E::Rejected) => S::Rejected,
        (S::Received | S::Verified, E::Forwarded) => state,
        (S::Resolved, E::Reopened) => S::InProgress,
        _ => return None,
    })
}

/// The steps open from `state`, in [`Event::ALL`]'s order.
pub fn open_steps(state: State) -> Vec<Event> {
    Event::ALL
        .into_iter()
        .filter(|e| step_to(state, *e).is_some())
        .collect()
}

/// Whether `me` is an officer of `agency`.
pub fn officer_of(me: &Me, agency: Option<AgencyId>) -> bool {
    agency.is_some_and(|g| {
        me.roles
            .iter()
            .any(|r| r.role == Role::Officer && r.agency_id == Some(g.0))
    })
}

/// What the rules about one complaint need to know of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    pub author: UserId,
    pub agency: Option<AgencyId>,
    pub private: bool,
}

/// In which capacity someone takes an official step (as the record says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acting {
    Officer,
    Admin,
}

impl Acting {
    pub fn code(self) -> &'static str {
        match self {
            Acting::Officer => "officer",
            Acting::Admin => "admin",
        }
    }
}

impl Access {
    pub fn is_author(&self, me: Option<&Me>) -> bool {
        me.is_some_and(|me| me.id == self.author.0)
    }

    /// An officer of its agency.
    pub fn is_officer(&self, me: Option<&Me>) -> bool {
        me.is_some_and(|me| officer_of(me, self.agency))
    }

    /// The complainant, an officer of its agency, or an admin: those who
    /// always see the whole complaint and who filed it.
    pub fn is_party(&self, me: Option<&Me>) -> bool {
        self.is_author(me) || self.is_officer(me) || me.is_some_and(Me::is_admin)
    }

    /// A private complaint only for [`Access::is_party`]; any other for all.
    pub fn visible_to(&self, me: Option<&Me>) -> bool {
        !self.private || self.is_party(me)
    }

    /// Who may take an official step: an officer of its agency, else an
    /// admin; nobody else.
    pub fn acting(&self, me: &Me) -> Option<Acting> {
        if officer_of(me, self.agency) {
            Some(Acting::Officer)
        } else if me.is_admin() {
            Some(Acting::Admin)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoleGrant;

    fn me(id: i64, roles: &[(Role, Option<i64>)]) -> Me {
        Me {
            id,
            username: "ani".into(),
            display_name: "Ani".into(),
            roles: roles
                .iter()
                .map(|(role, agency_id)| RoleGrant {
                    id: 1,
                    role: *role,
                    agency_id: *agency_id,
                    agency_name: None,
                    area_id: None,
                    area_name: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn states_and_events_round_trip() {
        for s in State::ALL {
            assert_eq!(State::parse(s.code()), Some(s));
        }
        for e in Event::ALL {
            assert_eq!(Event::parse(e.code()), Some(e));
        }
        let codes: Vec<_> = State::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(
            codes,
            ["received", "verified", "in_progress", "resolved", "closed", "rejected"]
        );
        let codes: Vec<_> = Event::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(
            codes,
            ["verified", "in_progress", "resolved", "closed", "rejected", "forwarded"]
        );
    }

    #[test]
    fn unknown_codes_are_rejected() {
        for bad in ["", "filed", "Received", "received ", "draft", "open"] {
            assert_eq!(State::parse(bad), None, "{bad:?}");
        }
        for bad in ["", "filed", "received", "Verified", "forward", "reopened"] {
            assert_eq!(Event::parse(bad), None, "{bad:?}");
        }
    }

    /// Every (state, event) pair: exactly these are allowed.
    #[test]
    fn every_transition_allowed_or_forbidden() {
        use Event as E;
        use State as S;
        let allowed = [
            (S::Received, E::Verified, S::Verified),
            (S::Received, E::Rejected, S::Rejected),
            (S::Received, E::Forwarded, S::Received),
            (S::Verified, E::InProgress, S::InProgress),
            (S::Verified, E::Resolved, S::Resolved),
            (S::Verified, E::Rejected, S::Rejected),
            (S::Verified, E::Forwarded, S::Verified),
            (S::InProgress, E::Resolved, S::Resolved),
            (S::InProgress, E::Rejected, S::Rejected),
            (S::Resolved, E::Closed, S::Closed),
        ];
        for s in State::ALL {
            for e in Event::ALL {
                let want = allowed.iter().find(|(a, b, _)| *a == s && *b == e).map(|x| x.2);
                assert_eq!(step_to(s, e), want, "{s:?} + {e:?}");
            }
        }
        assert_eq!(open_steps(S::Received), [E::Verified, E::Rejected, E::Forwarded]);
        assert!(open_steps(S::Closed).is_empty());
        assert!(open_steps(S::Rejected).is_empty());
    }

    #[test]
    fn done_and_rateable_states() {
        let done: Vec<_> = State::ALL.into_iter().filter(|s| s.is_done()).collect();
        assert_eq!(done, [State::Closed, State::Rejected]);
        let rateable: Vec<_> = State::ALL.into_iter().filter(|s| s.is_rateable()).collect();
        assert_eq!(rateable, [State::Resolved, State::Closed]);
        assert!(!Event::Forwarded.responds());
        assert!(Event::Verified.responds());
    }

    #[test]
    fn officers_are_bound_to_their_agency() {
        let officer = me(5, &[(Role::Officer, Some(3)), (Role::Moderator, None)]);
        assert!(officer_of(&officer, Some(AgencyId(3))));
        assert!(!officer_of(&officer, Some(AgencyId(4))));
        assert!(!officer_of(&officer, None));
        assert_eq!(crate::domain::permissions::officer_agencies(&officer), [AgencyId(3)]);
        assert!(crate::domain::permissions::officer_agencies(&me(5, &[(Role::Admin, None)])).is_empty());
    }

    #[test]
    fn who_sees_a_private_complaint() {
        let private = Access {
            author: UserId(1),
            agency: Some(AgencyId(3)),
            private: true,
        };
        let public = Access {
            private: false,
            ..private
        };
        let author = me(1, &[]);
        let stranger = me(2, &[]);
        let officer = me(3, &[(Role::Officer, Some(3))]);
        let other_officer = me(4, &[(Role::Officer, Some(9))]);
        let admin = me(5, &[(Role::Admin, None)]);
        let moderator = me(6, &[(Role::Moderator, None)]);
        for (who, sees) in [
            (None, false),
            (Some(&stranger), false),
            (Some(&other_officer), false),
            (Some(&moderator), false),
            (Some(&author), true),
            (Some(&officer), true),
            (Some(&admin), true),
        ] {
            assert_eq!(private.visible_to(who), sees, "{:?}", who.map(|m| m.id));
            assert_eq!(private.is_party(who), sees, "{:?}", who.map(|m| m.id));
            assert!(public.visible_to(who));
        }
        // Without an agency only the complainant and admins are parties.
        let unrouted = Access {
            agency: None,
            ..private
        };
        assert!(!unrouted.visible_to(Some(&officer)));
        assert!(unrouted.visible_to(Some(&admin)));
    }

    #[test]
    fn who_acts_on_a_complaint() {
        let c = Access {
            author: UserId(1),
            agency: Some(AgencyId(3)),
            private: false,
        };
        let officer_admin = me(3, &[(Role::Officer, Some(3)), (Role::Admin, None)]);
        assert_eq!(c.acting(&me(3, &[(Role::Officer, Some(3))])), Some(Acting::Officer));
        assert_eq!(c.acting(&officer_admin), Some(Acting::Officer), "officer first");
        assert_eq!(c.acting(&me(5, &[(Role::Admin, None)])), Some(Acting::Admin));
        assert_eq!(c.acting(&me(4, &[(Role::Officer, Some(9))])), None);
        assert_eq!(c.acting(&me(1, &[])), None, "not the complainant");
        assert_eq!(c.acting(&me(6, &[(Role::Moderator, None)])), None);
        assert_eq!(Acting::Officer.code(), "officer");
        assert_eq!(Acting::Admin.code(), "admin");
    }
}
