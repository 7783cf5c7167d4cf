//! Moderation's vocabulary: what is moderated, what a moderator does, an
//! appeal's state and the detail a log row keeps. Each is stored as the text
//! of its `code()`; `parse()` reads it back and rejects anything else.
use super::ids::{AreaId, CategoryId, ProposalId};
use crate::error::{AppError, AppResult, FieldProblem};

/// Reasons a flag may give.
pub const REASONS: [&str; 5] = ["spam", "abuse", "off_topic", "personal_data", "other"];
/// Longest suspension a moderator can give, in days (longer: a ban).
pub const MAX_SUSPENSION_DAYS: i64 = 365;
/// Longest reason (or flag note), in characters.
pub const REASON_MAX: usize = 500;

/// Declares a fieldless enum stored as text, with `code`, `parse` and `ALL`.
macro_rules! coded {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)*
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($code => Some($name::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

coded! {
    /// What can be flagged, hidden and redacted.
    Kind {
        Post = "post",
        Proposal = "proposal",
        Complaint = "complaint",
    }
}

coded! {
    /// What a log row is about (`mod_log.item_kind`).
    Subject {
        Post = "post",
        Thread = "thread",
        Proposal = "proposal",
        Complaint = "complaint",
        /// An account (suspensions and bans).
        User = "user",
    }
}

coded! {
    /// What a log row records (`mod_log.action`).
    LogAction {
        Hide = "hide",
        Restore = "restore",
        Redact = "redact",
        Dismiss = "dismiss",
        Lock = "lock",
        Unlock = "unlock",
        Pin = "pin",
        Unpin = "unpin",
        Move = "move",
        Merge = "merge",
        /// One photo of an item hidden (a face, an identity card).
        HidePhoto = "hide_photo",
        Suspend = "suspend",
        Ban = "ban",
        Lift = "lift",
        Appeal = "appeal",
        AppealUpheld = "appeal_upheld",
        AppealReversed = "appeal_reversed",
    }
}

coded! {
    /// Where an appeal stands (`mod_log.appeal_state`, NULL before one).
    AppealState {
        Open = "open",
        Upheld = "upheld",
        Reversed = "reversed",
    }
}

impl From<Kind> for Subject {
    fn from(k: Kind) -> Subject {
        match k {
            Kind::Post => Subject::Post,
            Kind::Proposal => Subject::Proposal,
            Kind::Complaint => Subject::Complaint,
        }
    }
}

impl Subject {
    /// The flaggable kind, if this is one.
    pub fn kind(self) -> Option<Kind> {
        Kind::parse(self.code())
    }
}

impl LogAction {
    /// Actions an author may appeal (each can be undone by the decision).
    pub const APPEALABLE: [LogAction; 5] = [
        LogAction::Hide,
        LogAction::Redact,
        LogAction::Lock,
        LogAction::Suspend,
        LogAction::Ban,
    ];

    pub fn appealable(self) -> bool {
        Self::APPEALABLE.contains(&self)
    }

    /// The actions that set what this one set: a later one of them replaced
    /// its effect (and reversing an appeal of this one must not undo that).
    /// Empty for actions whose appeal undoes nothing.
    pub fn same_effect(self) -> &'static [LogAction] {
        use LogAction::*;
        match self {
            Suspend | Ban => &[Suspend, Ban, Lift],
            Hide => &[Hide, Restore],
            Lock => &[Lock, Unlock],
            Redact => &[Redact],
            _ => &[],
        }
    }

    /// The decision of an appeal.
    pub fn decision(reverse: bool) -> LogAction {
        if reverse {
            LogAction::AppealReversed
        } else {
            LogAction::AppealUpheld
        }
    }
}

impl AppealState {
    pub fn decided(reverse: bool) -> AppealState {
        if reverse {
            AppealState::Reversed
        } else {
            AppealState::Upheld
        }
    }
}

/// A moderator's action on a post, proposal, complaint or thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Hide,
    Restore,
    /// Edit out personal data: the new text (the original kept for admins).
    Redact(String),
    /// Close the item's flags without acting on it.
    Dismiss,
    Lock,
    Unlock,
    Pin,
    Unpin,
    Move {
        area_id: AreaId,
        category_id: CategoryId,
    },
    /// Merge this proposal into another.
    Merge {
        into: ProposalId,
    },
}

impl Action {
    /// The row it writes to the log.
    pub fn log_action(&self) -> LogAction {
        match self {
            Action::Hide => LogAction::Hide,
            Action::Restore => LogAction::Restore,
            Action::Redact(_) => LogAction::Redact,
            Action::Dismiss => LogAction::Dismiss,
            Action::Lock => LogAction::Lock,
            Action::Unlock => LogAction::Unlock,
            Action::Pin => LogAction::Pin,
            Action::Unpin => LogAction::Unpin,
            Action::Move { .. } => LogAction::Move,
            Action::Merge { .. } => LogAction::Merge,
        }
    }

    pub fn code(&self) -> &'static str {
        self.log_action().code()
    }

    /// Lock, pin and move act on a thread; the others on an item.
    pub fn on_thread(&self) -> bool {
        matches!(
            self,
            Action::Lock | Action::Unlock | Action::Pin | Action::Unpin | Action::Move { .. }
        )
    }
}

/// What a moderator may do to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountAction {
    Suspend { days: i64 },
    Ban,
    Lift,
}

impl AccountAction {
    pub fn log_action(self) -> LogAction {
        match self {
            AccountAction::Suspend { .. } => LogAction::Suspend,
            AccountAction::Ban => LogAction::Ban,
            AccountAction::Lift => LogAction::Lift,
        }
    }
}

/// What a move or a merge keeps in the log (`mod_log.detail`): today's text
/// `move:{area}:{category}`, `merge:{proposal}`, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    None,
    Move {
        area: AreaId,
        category: CategoryId,
    },
    Merge {
        into: ProposalId,
    },
    /// The photo's place among its item's photos.
    Photo {
        position: i64,
    },
}

impl Detail {
    pub fn encode(self) -> String {
        match self {
            Detail::None => String::new(),
            Detail::Move { area, category } => format!("move:{area}:{category}"),
            Detail::Merge { into } => format!("merge:{into}"),
            Detail::Photo { position } => format!("photo:{position}"),
        }
    }

    pub fn parse(s: &str) -> Option<Detail> {
        let mut parts = s.split(':');
        let detail = match (parts.next(), parts.next(), parts.next()) {
            (Some(""), None, None) => Detail::None,
            (Some("move"), Some(area), Some(category)) => Detail::Move {
                area: AreaId(area.parse().ok()?),
                category: CategoryId(category.parse().ok()?),
            },
            (Some("merge"), Some(into), None) => Detail::Merge {
                into: ProposalId(into.parse().ok()?),
            },
            (Some("photo"), Some(position), None) => Detail::Photo {
                position: position.parse().ok()?,
            },
            _ => return None,
        };
        parts.next().is_none().then_some(detail)
    }
}

/// A moderator's reason: required, at most 500 characters.
pub fn reason(field: &str, raw: &str) -> AppResult<String> {
    let r = raw.trim();
    if r.is_empty() {
        return Err(AppError::field(field, FieldProblem::Required));
    }
    if r.chars().count() > REASON_MAX {
        return Err(AppError::field(field, FieldProblem::TooLong { max: REASON_MAX as u32 }));
    }
    Ok(r.to_owned())
}

/// A flag's reason and note: a known reason; a note (required for "other"),
/// at most 500 characters. Returns the trimmed note.
pub fn flag_note<'a>(reason: &str, note: &'a str) -> AppResult<&'a str> {
    if !REASONS.contains(&reason) {
        return Err(AppError::field("reason", FieldProblem::Invalid));
    }
    let note = note.trim();
    if reason == "other" && note.is_empty() {
        return Err(AppError::field("note", FieldProblem::Required));
    }
    if note.chars().count() > REASON_MAX {
        return Err(AppError::field(
            "note",
            FieldProblem::TooLong { max: REASON_MAX as u32 },
        ));
    }
    Ok(note)
}

/// A suspension's length, in days: 1 to [`MAX_SUSPENSION_DAYS`].
pub fn suspension_days(days: i64) -> AppResult<i64> {
    if (1..=MAX_SUSPENSION_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(AppError::field("days", FieldProblem::Invalid))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_unknown_text_is_rejected() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Some(*k));
            assert_eq!(Subject::from(*k).kind(), Some(*k));
        }
        for s in Subject::ALL {
            assert_eq!(Subject::parse(s.code()), Some(*s));
        }
        for a in LogAction::ALL {
            assert_eq!(LogAction::parse(a.code()), Some(*a));
        }
        for a in AppealState::ALL {
            assert_eq!(AppealState::parse(a.code()), Some(*a));
        }
        for bad in ["", "Post", "posts", "appeal-reversed", " hide", "user "] {
            assert_eq!(Kind::parse(bad), None);
            assert_eq!(Subject::parse(bad), None);
            assert_eq!(LogAction::parse(bad), None);
            assert_eq!(AppealState::parse(bad), None);
        }
        assert_eq!(Subject::Thread.kind(), None);
        assert_eq!(Subject::User.kind(), None);
    }

    #[test]
    fn stored_codes_are_todays() {
        assert_eq!(LogAction::AppealReversed.code(), "appeal_reversed");
        assert_eq!(LogAction::AppealUpheld.code(), "appeal_upheld");
        assert_eq!(LogAction::decision(true), LogAction::AppealReversed);
        assert_eq!(AppealState::decided(false).code(), "upheld");
        assert_eq!(Subject::User.code(), "user");
        assert_eq!(
            LogAction::APPEALABLE.map(LogAction::code),
            ["hide", "redact", "lock", "suspend", "ban"]
        );
        assert!(!LogAction::Lift.appealable());
    }

    #[test]
    fn actions_name_their_log_rows() {
        let all = [
            Action::Hide,
            Action::Restore,
            Action::Redact("x".into()),
            Action::Dismiss,
            Action::Lock,
            Action::Unlock,
            Action::Pin,
            Action::Unpin,
            Action::Move {
                area_id: AreaId(1),
                category_id: CategoryId(2),
            },
            Action::Merge { into: ProposalId(3) },
        ];
        for a in &all {
            assert_eq!(LogAction::parse(a.code()), Some(a.log_action()));
        }
        let on_thread: Vec<_> = all.iter().filter(|a| a.on_thread()).map(Action::code).collect();
        assert_eq!(on_thread, ["lock", "unlock", "pin", "unpin", "move"]);
        assert_eq!(AccountAction::Suspend { days: 3 }.log_action().code(), "suspend");
        assert_eq!(AccountAction::Ban.log_action().code(), "ban");
        assert_eq!(AccountAction::Lift.log_action().code(), "lift");
    }

    #[test]
    fn details_round_trip_as_todays_text() {
        let all = [
            Detail::None,
            Detail::Move {
                area: AreaId(12),
                category: CategoryId(3),
            },
            Detail::Merge { into: ProposalId(7) },
        ];
        for d in all {
            assert_eq!(Detail::parse(&d.encode()), Some(d));
        }
        assert_eq!(all[0].encode(), "");
        assert_eq!(all[1].encode(), "move:12:3");
        assert_eq!(all[2].encode(), "merge:7");
        for bad in [
            "move",
            "move:1",
            "move:1:x",
            "move:1:2:3",
            "merge:",
            "merge:a",
            "merge:1:2",
            "lock:1",
            ":",
        ] {
            assert_eq!(Detail::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn replaced_by_the_actions_that_set_the_same() {
        use LogAction::*;
        assert_eq!(Ban.same_effect(), &[Suspend, Ban, Lift]);
        assert_eq!(Hide.same_effect(), &[Hide, Restore]);
        assert_eq!(Lock.same_effect(), &[Lock, Unlock]);
        assert_eq!(Redact.same_effect(), &[Redact]);
        assert!(Pin.same_effect().is_empty());
    }

    #[test]
    fn reasons_and_notes() {
        assert_eq!(reason("reason", "  spam  ").unwrap(), "spam");
        assert!(reason("reason", "   ").is_err());
        assert!(reason("reason", &"x".repeat(501)).is_err());
        assert!(reason("reason", &"x".repeat(500)).is_ok());
        assert_eq!(flag_note("spam", "  ").unwrap(), "");
        assert!(flag_note("other", " ").is_err());
        assert!(flag_note("rude", "x").is_err());
        assert!(flag_note("abuse", &"é".repeat(501)).is_err());
        assert!(suspension_days(0).is_err());
        assert!(suspension_days(366).is_err());
        assert_eq!(suspension_days(365).unwrap(), 365);
    }
}
