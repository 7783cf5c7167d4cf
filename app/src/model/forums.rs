//! Forums, threads, posts and their revisions.
use super::{AreaChoice, AreaSummary};
use serde::{Deserialize, Serialize};

/// How a forum's thread list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThreadSort {
    #[default]
    Activity,
    Newest,
    Replies,
}

impl ThreadSort {
    pub fn code(self) -> &'static str {
        match self {
            ThreadSort::Activity => "activity",
            ThreadSort::Newest => "newest",
            ThreadSort::Replies => "replies",
        }
    }

    pub fn parse(s: &str) -> ThreadSort {
        match s {
            "newest" => ThreadSort::Newest,
            "replies" => ThreadSort::Replies,
            _ => ThreadSort::Activity,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: i64,
    pub title: String,
    pub area_id: i64,
    pub area_name: String,
    pub category: String,
    pub author: String,
    pub reply_count: i64,
    pub last_activity: String,
}

/// One page of a forum: its threads after the filters, and the cursor of the next page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumPage {
    pub area_id: i64,
    pub threads: Vec<ThreadSummary>,
    /// Keyset cursor of the next page, if there is one.
    pub next: Option<String>,
    pub categories: Vec<Category>,
    pub sort: ThreadSort,
    pub category: Option<i64>,
    pub include_sub: bool,
    /// Whether the person joined this forum (None for visitors).
    pub joined: Option<bool>,
    /// Pinned threads, above the list on its first page.
    pub pinned: Vec<ThreadSummary>,
}

/// The post a reply answers, shown as a quote link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRef {
    pub seq: i64,
    pub author: String,
    pub excerpt: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub id: i64,
    pub seq: i64,
    pub author: String,
    pub author_username: String,
    /// An officer's agency, for the badge.
    pub agency: Option<String>,
    /// Sanitized at write time; empty when deleted.
    pub html: String,
    pub when: String,
    pub edited: bool,
    pub deleted: bool,
    pub parent: Option<QuoteRef>,
    /// The viewer wrote it (and so may edit or delete it).
    pub mine: bool,
    /// Hidden by a moderator, with the reason. The text is empty unless the
    /// viewer wrote it or moderates here.
    pub hidden: Option<String>,
    /// Hidden and this viewer may not see the text (neither author nor
    /// moderator here).
    pub withheld: bool,
    /// Written by an officer for an agency (cannot be hidden).
    pub official: bool,
    pub photos: Vec<super::PhotoView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadPage {
    pub id: i64,
    pub title: String,
    pub area: AreaSummary,
    pub category: String,
    pub reply_count: i64,
    /// The opening post, on every page.
    pub opening: PostView,
    pub replies: Vec<PostView>,
    /// Position after which this page of replies starts.
    pub after: i64,
    /// `after` of the previous and next pages of replies.
    pub prev: Option<i64>,
    pub next: Option<i64>,
    /// The post being answered by the reply form, if one was chosen.
    pub reply_to: Option<QuoteRef>,
    pub reply_to_id: Option<i64>,
    /// The viewer may see earlier versions of posts (a moderator here).
    pub moderator: bool,
    pub deleted: bool,
    /// The proposal this thread discusses, if it is one's discussion.
    pub proposal_id: Option<i64>,
    /// The thread is this Musrenbang usulan's discussion.
    pub usulan_id: Option<i64>,
    /// No new replies (a moderator locked it).
    pub locked: bool,
    pub pinned: bool,
    pub category_id: i64,
    /// For a moderator's move form.
    /// The area chosen (for a form) or filtered by, as its picker shows it.
    pub area_choice: Option<AreaChoice>,
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewThreadPage {
    /// The area chosen (for a form) or filtered by, as its picker shows it.
    pub area_choice: Option<AreaChoice>,
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditPage {
    pub post_id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    /// Set when the post opens its thread (the title can be edited too).
    pub title: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub title: Option<String>,
    pub body: String,
    pub written: String,
    pub replaced: String,
    pub replaced_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionsPage {
    pub post_id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub url: String,
    pub current: String,
    pub deleted: bool,
    pub revisions: Vec<Revision>,
}
