//! Forums: thread lists, threads, posts, search, notifications and joins.
//!
//! Reads page by keyset; nothing counts rows or renders Markdown. The SQL
//! lives in `crate::db` (`threads`, `posts`, `search`, `notifications`,
//! `feeds`, `forum_members`, `activity`); the rules (who moderates, who may
//! change a post, where a post is shown) in `crate::domain::forum_rules`.
//!
//! - [`threads`]: a forum's lists, joining, starting a thread
//! - [`thread_page`]: a thread's page, with the posts its reader may see
//! - [`posts`]: replies, edits, deletions, revisions
//! - [`search`], [`notifications`], [`feed`]
//! - [`post_cache`]: thread pages' posts kept in memory
//! - [`access`]: what the rules need loaded about the caller
//! - [`text`]: a post's stored HTML, excerpt and search document

pub mod access;
pub mod feed;
pub mod notifications;
pub mod post_cache;
pub mod posts;
pub mod search;
pub mod text;
pub mod thread_page;
pub mod threads;

pub use crate::domain::forum_rules::{page_of, path_end, path_ids, REPLIES_PAGE};
pub use access::moderates;
pub use feed::{area_feed, thread_feed, Feed, FeedEntry};
pub use notifications::{mark_all_read, notifications};
pub use posts::{delete, edit, for_edit, reply, reply_with, revisions};
pub use search::{query_words, search, HITS_PAGE};
pub use text::{excerpt_of, render, search_doc};
pub use thread_page::thread;
pub use threads::{categories, create_thread, forum, joined_threads, set_membership, ForumQuery, NewThread, PAGE};
