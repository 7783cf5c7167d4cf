//! Writing in a thread: replies, and an author's edits and deletions (each
//! keeping the replaced version for moderators, who can read them).
//!
//! Writes keep the thread row's counters (replies, positions, last post) in
//! the same transaction as the post, and every transaction writes first so
//! that on SQLite it holds the write lock before it reads anything it relies
//! on.
use super::access::{badge, moderates};
use super::text::{excerpt_of, render, search_doc};
use crate::db::posts::{self, NewPost, OwnPost};
use crate::db::{activity, notifications, search, threads, Db};
use crate::domain::forum_rules::{may_change_post, post_url, PostOwnership};
use crate::domain::ids::{PostId, ThreadId, UserId};
use crate::error::{AppError, AppResult, Refusal};
use crate::model::{EditPage, Lang, Me, Revision, RevisionsPage};
use crate::server::time;
use crate::server::AppState;

/// Replies to a thread (to its opening post, or to `parent_id` in it).
/// Returns the new post's address.
pub async fn reply(
    st: &AppState,
    me: &Me,
    thread_id: ThreadId,
    parent_id: Option<PostId>,
    body: &str,
    at: i64,
) -> AppResult<String> {
    reply_with(st, me, (thread_id, parent_id), body, &[], at).await
}

/// As [`reply`], with photos (checked and converted already).
pub async fn reply_with(
    st: &AppState,
    me: &Me,
    (thread_id, parent_id): (ThreadId, Option<PostId>),
    body: &str,
    photos: &[crate::server::photos::Processed],
    at: i64,
) -> AppResult<String> {
    let db = &st.db;
    let html = render("body", body)?;
    let path = threads::area_path(db, thread_id).await?.ok_or(AppError::NotFound)?;
    let agency = badge(db, me, &path).await?;
    let author = UserId(me.id);
    let mut tx = db.pool.begin().await?;
    // The position comes from the thread row, which this also locks.
    let Some(head) = threads::count_reply(&mut tx, thread_id, at).await? else {
        drop(tx);
        return Err(match threads::locked_at(db, thread_id).await? {
            Some(Some(_)) => AppError::Refused {
                reason: Refusal::Locked,
            },
            _ => AppError::NotFound,
        });
    };
    let parent_author = match parent_id {
        Some(pid) => Some(
            posts::live_author(&mut tx, pid, thread_id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let seq = head.post_count - 1;
    let post = NewPost {
        thread_id,
        seq,
        author_id: author,
        parent_id,
        agency_id: agency,
        body_src: body,
        body_html: &html,
        excerpt: &excerpt_of(body),
        at,
    };
    let post_id = posts::insert(&mut tx, &post).await?;
    let item = crate::db::photos::Item::Post(post_id.0);
    crate::server::photos::attach(&mut tx, st, item, me.id, photos, at).await?;
    search::index_post(&mut tx, db.backend, post_id, &search_doc(None, body)).await?;
    let mut told = vec![author];
    for (user, kind) in [(parent_author, "reply_post"), (Some(head.author_id), "reply_thread")] {
        let Some(user) = user else { continue };
        if told.contains(&user) {
            continue;
        }
        told.push(user);
        notifications::notify_post(&mut tx, user, kind, post_id, author, at).await?;
    }
    activity::record(&mut tx, head.area_id, "reply", author, at).await?;
    tx.commit().await?;
    st.caches.areas.forget_areas();
    Ok(post_url(thread_id, seq))
}

/// A post its author may change: 404 if it is gone, 403 if it is not theirs
/// (nor is a proposal's opening post, which is the proposal itself).
async fn own_post(db: &Db, me: &Me, post_id: PostId) -> AppResult<OwnPost> {
    let post = posts::own(db, post_id).await?.ok_or(AppError::NotFound)?;
    may_change_post(
        me,
        PostOwnership {
            author: post.author_id,
            seq: post.seq,
            deleted: post.deleted_at.is_some(),
            of_item: post.proposal_id.is_some() || post.usulan_id.is_some(),
        },
    )?;
    Ok(post)
}

/// What the edit form starts from.
pub async fn for_edit(db: &Db, me: &Me, post_id: PostId) -> AppResult<EditPage> {
    let p = own_post(db, me, post_id).await?;
    Ok(EditPage {
        post_id: p.id.0,
        thread_id: p.thread_id.0,
        title: (p.seq == 0).then(|| p.title.clone()),
        thread_title: p.title,
        body: p.body_src,
    })
}

/// Keeps the version being replaced, for moderators. Writes first.
async fn keep_revision(conn: &mut sqlx::AnyConnection, post_id: PostId, me: UserId, at: i64) -> AppResult<()> {
    // None written: deleted or changed hands between the check and the write.
    if posts::keep_revision(conn, post_id, me, at).await? == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Edits a post (and, for an opening post, its thread's title). Returns the
/// post's address.
pub async fn edit(db: &Db, me: &Me, post_id: PostId, title: Option<String>, body: &str, at: i64) -> AppResult<String> {
    let p = own_post(db, me, post_id).await?;
    let html = render("body", body)?;
    let title = if p.seq == 0 { title } else { None };
    let url = post_url(p.thread_id, p.seq);
    if body == p.body_src && title.as_ref().is_none_or(|t| *t == p.title) {
        return Ok(url);
    }
    let mut tx = db.pool.begin().await?;
    keep_revision(&mut tx, post_id, UserId(me.id), at).await?;
    posts::set_body(&mut tx, post_id, (body, &html, &excerpt_of(body)), at).await?;
    if let Some(t) = &title {
        threads::set_title(&mut tx, p.thread_id, t).await?;
    }
    let title = if p.seq == 0 {
        Some(title.unwrap_or(p.title))
    } else {
        None
    };
    search::index_post(&mut tx, db.backend, post_id, &search_doc(title.as_deref(), body)).await?;
    tx.commit().await?;
    Ok(url)
}

/// Deletes a post: its text goes (kept as a revision for moderators), its
/// place stays. Returns the thread's address.
pub async fn delete(db: &Db, me: &Me, post_id: PostId, at: i64) -> AppResult<String> {
    let p = own_post(db, me, post_id).await?;
    let mut tx = db.pool.begin().await?;
    keep_revision(&mut tx, post_id, UserId(me.id), at).await?;
    posts::blank(&mut tx, post_id, at).await?;
    if p.seq > 0 {
        threads::uncount_reply(&mut tx, p.thread_id).await?;
    }
    search::unindex_post(&mut tx, db.backend, post_id).await?;
    tx.commit().await?;
    Ok(if p.seq == 0 {
        format!("/t/{}", p.thread_id)
    } else {
        post_url(p.thread_id, p.seq)
    })
}

/// Earlier versions of a post, newest first, for moderators of its area.
pub async fn revisions(st: &AppState, lang: Lang, me: &Me, post_id: PostId) -> AppResult<RevisionsPage> {
    let db = &st.db;
    let p = posts::revised(db, post_id).await?.ok_or(AppError::NotFound)?;
    if !moderates(st, me, &p.area_path).await? {
        return Err(AppError::Forbidden);
    }
    let rows = posts::revisions(db, post_id).await?;
    let zone = p.timezone;
    Ok(RevisionsPage {
        post_id: post_id.0,
        thread_id: p.thread_id.0,
        thread_title: p.title,
        url: post_url(p.thread_id, p.seq),
        current: p.body_src,
        deleted: p.deleted_at.is_some(),
        revisions: rows
            .into_iter()
            .map(|r| Revision {
                title: r.title,
                body: r.body_src,
                written: time::date_time(lang, r.written_at, &zone),
                replaced: time::date_time(lang, r.replaced_at, &zone),
                replaced_by: r.replaced_by,
            })
            .collect(),
    })
}
