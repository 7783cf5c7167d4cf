//! The proposal lifecycle and who may answer, decide on and correct a
//! proposal: pure rules over a loaded caller, no I/O.
use super::ids::AgencyId;
use super::permissions::officer_agencies;
use crate::model::{Me, RatingState, Role};

pub const LOCATION_MAX: usize = 200;
pub const TIMELINE_MAX: usize = 200;

/// The lifecycle. `draft → published → under_review → accepted /
/// partially_accepted / rejected → in_progress → implemented`, and
/// `withdrawn` by the author while published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Draft,
    Published,
    UnderReview,
    Accepted,
    PartiallyAccepted,
    Rejected,
    InProgress,
    Implemented,
    Withdrawn,
}

/// What moves a proposal from one state to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Its author publishes the draft.
    Publish,
    /// Its author takes it back while it is published.
    Withdraw,
    /// The responsible agency's official response (a decision or a review).
    Response,
    /// The agency's progress update on a decision it carries out.
    Progress,
}

impl State {
    pub const ALL: [State; 9] = [
        State::Draft,
        State::Published,
        State::UnderReview,
        State::Accepted,
        State::PartiallyAccepted,
        State::Rejected,
        State::InProgress,
        State::Implemented,
        State::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Published => "published",
            State::UnderReview => "under_review",
            State::Accepted => "accepted",
            State::PartiallyAccepted => "partially_accepted",
            State::Rejected => "rejected",
            State::InProgress => "in_progress",
            State::Implemented => "implemented",
            State::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.code() == s)
    }

    /// Residents may support (and withdraw support) in these states.
    pub fn open(self) -> bool {
        matches!(self, State::Published | State::UnderReview)
    }

    /// May an official response move a proposal from `self` to `to`?
    pub fn response_allowed(self, to: State) -> bool {
        allowed(Step::Response, self, to)
    }

    /// May a progress update move a proposal from `self` to `to`?
    pub fn progress_allowed(self, to: State) -> bool {
        allowed(Step::Progress, self, to)
    }

    /// Author and supporters may rate the agency's answer once it has decided.
    pub fn rateable(self) -> bool {
        matches!(
            self,
            State::Accepted | State::PartiallyAccepted | State::Rejected | State::InProgress | State::Implemented
        )
    }
}

/// May `step` move a proposal from `from` to `to`?
pub fn allowed(step: Step, from: State, to: State) -> bool {
    use State::*;
    match step {
        Step::Publish => from == Draft && to == Published,
        Step::Withdraw => from == Published && to == Withdrawn,
        Step::Response => {
            matches!(from, Published | UnderReview)
                && matches!(to, UnderReview | Accepted | PartiallyAccepted | Rejected)
                && from != to
        }
        Step::Progress => {
            matches!(from, Accepted | PartiallyAccepted | InProgress) && matches!(to, InProgress | Implemented)
        }
    }
}

/// Whether an answer setting `to` keeps its budget and timeline (a
/// decision to review or reject has none).
pub fn keeps_budget(to: State) -> bool {
    matches!(
        to,
        State::Accepted | State::PartiallyAccepted | State::InProgress | State::Implemented
    )
}

/// In which capacity someone answers for an agency; the record names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerRole {
    Officer,
    Admin,
}

impl AnswerRole {
    pub fn code(self) -> &'static str {
        match self {
            AnswerRole::Officer => "officer",
            AnswerRole::Admin => "admin",
        }
    }
}

/// Is `me` an officer of `agency`?
pub fn officer_of(me: &Me, agency: AgencyId) -> bool {
    me.roles
        .iter()
        .any(|r| r.role == Role::Officer && r.agency_id == Some(agency.0))
}

/// Who may answer a proposal whose answering agency is `agency` (the one
/// assigned, or before assignment the one responsible for its category and
/// area): an officer of that agency, or an admin (for that agency too).
pub fn answering_role(me: &Me, agency: Option<AgencyId>) -> Option<AnswerRole> {
    if agency.is_some_and(|a| officer_of(me, a)) {
        Some(AnswerRole::Officer)
    } else if me.is_admin() {
        Some(AnswerRole::Admin)
    } else {
        None
    }
}

/// Whether a page should look up the answering agency for `me` at all: only
/// admins and officers can ever answer.
pub fn may_ever_answer(me: &Me) -> bool {
    me.is_admin() || me.roles.iter().any(|r| r.role == Role::Officer)
}

/// Who may correct a step of a proposal assigned to `agency`: an admin, or
/// an officer of that agency.
pub fn may_correct(me: &Me, agency: Option<AgencyId>) -> bool {
    me.is_admin() || agency.is_some_and(|a| officer_of(me, a))
}

/// May `me` keep (add, delete) the response templates of `agency`?
pub fn may_keep_templates(me: &Me, agency: AgencyId) -> bool {
    officer_agencies(me).contains(&agency)
}

/// What a viewer's rating of the agency's answer stands at: only the author
/// and supporters (`entitled`) rate, once.
pub fn rating_state(entitled: bool, rated: bool) -> RatingState {
    match (entitled, rated) {
        (false, _) => RatingState::None,
        (true, false) => RatingState::Open,
        (true, true) => RatingState::Done,
    }
}

/// Drafts are seen by their author only.
pub fn may_see(state: State, mine: bool) -> bool {
    state != State::Draft || mine
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoleGrant;

    #[test]
    fn every_state_round_trips() {
        for s in State::ALL {
            assert_eq!(State::parse(s.code()), Some(s));
        }
        let codes: std::collections::HashSet<_> = State::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes.len(), State::ALL.len());
    }

    #[test]
    fn unknown_text_is_rejected() {
        for raw in [
            "",
            "Draft",
            "PUBLISHED",
            "under review",
            "closed",
            " draft",
            "accepted ",
        ] {
            assert_eq!(State::parse(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn stored_values_stay_the_same() {
        let codes: Vec<_> = State::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(
            codes,
            [
                "draft",
                "published",
                "under_review",
                "accepted",
                "partially_accepted",
                "rejected",
                "in_progress",
                "implemented",
                "withdrawn"
            ]
        );
        assert_eq!(AnswerRole::Officer.code(), "officer");
        assert_eq!(AnswerRole::Admin.code(), "admin");
    }

    /// Every (step, from, to) allowed, listed once; everything else is not.
    #[test]
    fn transitions_allowed_and_forbidden() {
        use State::*;
        let mut yes = vec![
            (Step::Publish, Draft, Published),
            (Step::Withdraw, Published, Withdrawn),
        ];
        for from in [Published, UnderReview] {
            for to in [UnderReview, Accepted, PartiallyAccepted, Rejected] {
                if from != to {
                    yes.push((Step::Response, from, to));
                }
            }
        }
        for from in [Accepted, PartiallyAccepted, InProgress] {
            for to in [InProgress, Implemented] {
                yes.push((Step::Progress, from, to));
            }
        }
        assert_eq!(yes.len(), 2 + 7 + 6);
        for step in [Step::Publish, Step::Withdraw, Step::Response, Step::Progress] {
            for from in State::ALL {
                for to in State::ALL {
                    assert_eq!(
                        allowed(step, from, to),
                        yes.contains(&(step, from, to)),
                        "{step:?} {from:?} → {to:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn lifecycle_steps() {
        assert!(State::Published.response_allowed(State::Accepted));
        assert!(State::UnderReview.response_allowed(State::Rejected));
        assert!(!State::UnderReview.response_allowed(State::UnderReview));
        assert!(!State::Draft.response_allowed(State::Accepted));
        assert!(!State::Accepted.response_allowed(State::Rejected));
        assert!(
            !State::Published.progress_allowed(State::Implemented),
            "no skipping the decision"
        );
        assert!(State::Accepted.progress_allowed(State::InProgress));
        assert!(State::InProgress.progress_allowed(State::Implemented));
        assert!(!State::Rejected.progress_allowed(State::InProgress));
        assert!(!State::Withdrawn.open() && State::Published.open() && State::UnderReview.open());
        assert!(State::Rejected.rateable() && !State::UnderReview.rateable() && !State::Withdrawn.rateable());
        assert!(keeps_budget(State::Accepted) && !keeps_budget(State::Rejected) && !keeps_budget(State::UnderReview));
    }

    fn person(roles: &[(Role, Option<i64>)]) -> Me {
        Me {
            id: 9,
            roles: roles
                .iter()
                .enumerate()
                .map(|(i, (role, agency))| RoleGrant {
                    id: i as i64,
                    role: *role,
                    agency_id: *agency,
                    agency_name: None,
                    area_id: None,
                    area_name: None,
                })
                .collect(),
            ..Me::default()
        }
    }

    #[test]
    fn who_answers() {
        let resident = person(&[]);
        let officer = person(&[(Role::Officer, Some(3))]);
        let other_officer = person(&[(Role::Officer, Some(4))]);
        let moderator = person(&[(Role::Moderator, None)]);
        let admin = person(&[(Role::Admin, None)]);
        let both = person(&[(Role::Admin, None), (Role::Officer, Some(3))]);
        let a = Some(AgencyId(3));
        assert_eq!(answering_role(&resident, a), None);
        assert_eq!(answering_role(&moderator, a), None);
        assert_eq!(answering_role(&officer, a), Some(AnswerRole::Officer));
        assert_eq!(answering_role(&other_officer, a), None);
        assert_eq!(answering_role(&officer, None), None, "no agency, no officer");
        assert_eq!(answering_role(&admin, a), Some(AnswerRole::Admin));
        assert_eq!(answering_role(&admin, None), Some(AnswerRole::Admin));
        assert_eq!(answering_role(&both, a), Some(AnswerRole::Officer), "an officer first");
        assert!(may_ever_answer(&admin) && may_ever_answer(&other_officer));
        assert!(!may_ever_answer(&resident) && !may_ever_answer(&moderator));
    }

    #[test]
    fn who_corrects_and_keeps_templates() {
        let officer = person(&[(Role::Officer, Some(3)), (Role::Officer, None)]);
        let admin = person(&[(Role::Admin, None)]);
        let resident = person(&[]);
        assert!(may_correct(&officer, Some(AgencyId(3))));
        assert!(!may_correct(&officer, Some(AgencyId(4))));
        assert!(!may_correct(&officer, None));
        assert!(may_correct(&admin, None));
        assert!(!may_correct(&resident, Some(AgencyId(3))));
        assert_eq!(officer_agencies(&officer), vec![AgencyId(3)]);
        assert!(officer_agencies(&admin).is_empty(), "admins keep no agency's templates");
        assert!(may_keep_templates(&officer, AgencyId(3)));
        assert!(!may_keep_templates(&officer, AgencyId(4)));
        assert!(!may_keep_templates(&admin, AgencyId(3)));
    }

    #[test]
    fn ratings_by_author_and_supporters_once() {
        assert_eq!(rating_state(false, false), RatingState::None);
        assert_eq!(rating_state(false, true), RatingState::None);
        assert_eq!(rating_state(true, false), RatingState::Open);
        assert_eq!(rating_state(true, true), RatingState::Done);
    }

    #[test]
    fn drafts_only_for_their_author() {
        assert!(may_see(State::Draft, true));
        assert!(!may_see(State::Draft, false));
        assert!(may_see(State::Withdrawn, false));
    }
}
