//! How people want to be told: per kind of notification, an email at once,
//! one email a day, or only on the site.
use serde::{Deserialize, Serialize};

/// A kind of notification a person chooses for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// Replies to my posts and threads.
    Replies,
    /// Official responses and steps on what I filed or support.
    Updates,
    /// Moderators' actions on my posts.
    Moderation,
    /// (Officers) a complaint routed or forwarded to my agency.
    DeskNew,
    /// (Officers) a proposal of my agency reached its support threshold.
    DeskThreshold,
    /// (Officers) an item due within a working day, or past its deadline.
    Deadlines,
    /// (Officers) the daily summary of my desk.
    DeskDigest,
}

/// How a kind is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum How {
    Now,
    Daily,
    Site,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Replies,
        Kind::Updates,
        Kind::Moderation,
        Kind::DeskNew,
        Kind::DeskThreshold,
        Kind::Deadlines,
        Kind::DeskDigest,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Replies => "replies",
            Kind::Updates => "updates",
            Kind::Moderation => "moderation",
            Kind::DeskNew => "desk_new",
            Kind::DeskThreshold => "desk_threshold",
            Kind::Deadlines => "deadlines",
            Kind::DeskDigest => "desk_digest",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Only officers (and heads, and admins) are told of these.
    pub fn for_officers(self) -> bool {
        matches!(
            self,
            Kind::DeskNew | Kind::DeskThreshold | Kind::Deadlines | Kind::DeskDigest
        )
    }

    /// What a person who never chose gets: replies once a day (there can
    /// be many), everything else at once, and the desk summary daily.
    pub fn default_how(self) -> How {
        match self {
            Kind::Replies | Kind::DeskDigest => How::Daily,
            _ => How::Now,
        }
    }

    /// The choices offered: the desk summary is daily or not at all.
    pub fn choices(self) -> &'static [How] {
        match self {
            Kind::DeskDigest => &[How::Daily, How::Site],
            _ => &[How::Now, How::Daily, How::Site],
        }
    }

    /// The kind a notification (its `notifications.kind`) is chosen under.
    pub fn of_note(note: &str) -> Option<Kind> {
        Some(match note {
            "reply_thread" | "reply_post" => Kind::Replies,
            "proposal" | "complaint" | "usulan" | "plan_result" => Kind::Updates,
            "moderation" => Kind::Moderation,
            "desk_new" => Kind::DeskNew,
            "desk_threshold" => Kind::DeskThreshold,
            "due_soon" | "escalated" => Kind::Deadlines,
            _ => return None,
        })
    }
}

impl How {
    pub fn code(self) -> &'static str {
        match self {
            How::Now => "now",
            How::Daily => "daily",
            How::Site => "site",
        }
    }

    pub fn parse(s: &str) -> Option<How> {
        [How::Now, How::Daily, How::Site].into_iter().find(|h| h.code() == s)
    }
}

/// What an unsubscribe link for the daily digest says it stops (`k=`).
pub const DAILY: &str = "daily";

/// A person's choice for one kind, as the settings page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pref {
    pub kind: Kind,
    pub how: How,
}

/// The next time it is `hour` o'clock where the clock is `offset` seconds
/// ahead of UTC, strictly after `now`.
pub fn next_local_hour(now: i64, offset: i64, hour: i64) -> i64 {
    let day = (now + offset).div_euclid(86_400);
    let at = day * 86_400 + hour * 3_600 - offset;
    if at > now {
        at
    } else {
        at + 86_400
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_and_notes_map_to_kinds() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Some(k));
            assert!(k.choices().contains(&k.default_how()));
        }
        assert_eq!(Kind::parse("everything"), None);
        assert_eq!(How::parse("weekly"), None);
        assert_eq!(Kind::of_note("reply_post"), Some(Kind::Replies));
        assert_eq!(Kind::of_note("escalated"), Some(Kind::Deadlines));
        assert_eq!(Kind::of_note("complaint"), Some(Kind::Updates));
        assert!(!Kind::Updates.for_officers());
        assert!(Kind::DeskNew.for_officers());
    }

    #[test]
    fn digests_go_at_the_local_hour() {
        // 2026-12-04 00:00 UTC is 07:00 in Jakarta (UTC+7).
        let midnight_utc = 20_791 * 86_400;
        let wib = 7 * 3_600;
        assert_eq!(next_local_hour(midnight_utc - 1, wib, 7), midnight_utc);
        assert_eq!(next_local_hour(midnight_utc, wib, 7), midnight_utc + 86_400);
        // Jayapura (UTC+9): 07:00 there is 22:00 UTC the day before.
        let wit = 9 * 3_600;
        assert_eq!(next_local_hour(midnight_utc, wit, 7), midnight_utc + 22 * 3_600);
    }
}
