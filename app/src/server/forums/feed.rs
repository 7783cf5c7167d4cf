//! Atom feeds of an area's new threads and of a thread's new posts (the
//! XML is written by the server crate).
use crate::db::{feeds, Db};
use crate::domain::forum_rules::post_url;
use crate::domain::ids::{AreaId, ThreadId};
use crate::error::{AppError, AppResult};

/// One entry of an Atom feed.
pub struct FeedEntry {
    pub id: String,
    pub title: String,
    pub url: String,
    pub author: String,
    pub updated: i64,
    pub html: String,
}

pub struct Feed {
    pub title: String,
    pub url: String,
    pub entries: Vec<FeedEntry>,
}

const FEED_SIZE: i64 = 30;

/// An area's newest threads, with their opening posts.
pub async fn area_feed(db: &Db, area_id: AreaId) -> AppResult<Feed> {
    let name = feeds::area_name(db, area_id).await?.ok_or(AppError::NotFound)?;
    let rows = feeds::area_threads(db, area_id, FEED_SIZE).await?;
    Ok(Feed {
        title: name,
        url: format!("/area/{area_id}"),
        entries: rows
            .into_iter()
            .map(|r| FeedEntry {
                id: format!("thread-{}", r.id),
                url: format!("/t/{}", r.id),
                title: r.title,
                author: r.display_name,
                updated: r.created_at,
                html: r.body_html,
            })
            .collect(),
    })
}

/// A thread's newest posts.
pub async fn thread_feed(db: &Db, thread_id: ThreadId) -> AppResult<Feed> {
    let title = feeds::thread_title(db, thread_id).await?.ok_or(AppError::NotFound)?;
    let rows = feeds::thread_posts(db, thread_id, FEED_SIZE).await?;
    Ok(Feed {
        url: format!("/t/{thread_id}"),
        entries: rows
            .into_iter()
            .map(|r| FeedEntry {
                id: format!("post-{}", r.id),
                title: format!("{title} #{}", r.seq),
                url: post_url(thread_id, r.seq),
                author: r.display_name,
                updated: r.edited_at.unwrap_or(r.created_at),
                html: r.body_html,
            })
            .collect(),
        title,
    })
}
