//! A thread's page: its head, a page of posts as the reader may see them,
//! and the post a reply quotes.
use super::access::moderates;
use super::post_cache::posts;
use super::threads::categories;
use crate::db::posts::{self as db_posts, PostRow};
use crate::db::threads;
use crate::domain::forum_rules::{page_of, post_url, post_withheld, REPLIES_PAGE};
use crate::domain::ids::{PostId, ThreadId, UserId};
use crate::error::{AppError, AppResult};
use crate::model::{Lang, Me, PostView, QuoteRef, ThreadPage};
use crate::server::AppState;
use crate::server::{areas, time};

/// The post as `me` sees it; `moderator`: `me` moderates its area (and so,
/// like its author, still sees a hidden post's text).
fn view(row: &PostRow, lang: Lang, zone: &str, thread_id: ThreadId, me: Option<&Me>, moderator: bool) -> PostView {
    let parent = match (row.q_seq, &row.q_author) {
        (Some(seq), Some(author)) => Some(QuoteRef {
            seq,
            author: author.clone(),
            excerpt: if row.q_deleted_at.is_some() || row.q_hidden_at.is_some() {
                String::new()
            } else {
                row.q_excerpt.clone().unwrap_or_default()
            },
            url: post_url(thread_id, seq),
        }),
        _ => None,
    };
    let deleted = row.deleted_at.is_some();
    let mine = me.is_some_and(|m| UserId(m.id) == row.author_id);
    let hidden = row.hidden_at.map(|_| row.hidden_reason.clone().unwrap_or_default());
    let withheld = post_withheld(deleted, hidden.is_some(), mine, moderator);
    PostView {
        id: row.id.0,
        seq: row.seq,
        author: row.author.clone(),
        author_username: row.author_username.clone(),
        official: row.agency.is_some(),
        agency: row.agency.clone(),
        hidden: hidden.clone(),
        withheld: withheld && !deleted,
        html: if withheld { String::new() } else { row.body_html.clone() },
        when: time::date_time(lang, row.created_at, zone),
        edited: row.edited_at.is_some() && !deleted,
        deleted,
        parent,
        mine: mine && !deleted,
        // A hidden or deleted post's photos go with it (its readers are
        // told it is hidden; only admins may open them).
        photos: if deleted || hidden.is_some() {
            Vec::new()
        } else {
            row.photos
                .iter()
                .map(|ph| crate::server::photos::view(ph.clone(), mine, moderator && !mine))
                .collect()
        },
    }
}

/// The first `n` replies of a thread (a proposal's page shows them), given
/// the thread's `(version, post_count)` and its area's path and time zone;
/// and whether `me` moderates it.
pub async fn first_replies(
    st: &AppState,
    lang: Lang,
    me: Option<&Me>,
    (id, version): (ThreadId, (i64, i64)),
    (area_path, zone): (&str, &str),
    n: i64,
) -> AppResult<(Vec<PostView>, bool)> {
    let rows = posts(st, (id, 0, n, false), version).await?;
    let moderator = match me {
        Some(me) => moderates(st, me, area_path).await?,
        None => false,
    };
    let replies = rows.iter().map(|r| view(r, lang, zone, id, me, moderator)).collect();
    Ok((replies, moderator))
}

/// A thread with the page of replies after position `after`.
pub async fn thread(
    st: &AppState,
    lang: Lang,
    me: Option<&Me>,
    id: ThreadId,
    after: i64,
    reply_to: Option<PostId>,
    move_to: Option<i64>,
) -> AppResult<ThreadPage> {
    let db = &st.db;
    let head = threads::head(db, id).await?.ok_or(AppError::NotFound)?;
    // The page asked for; past the end, the last page.
    let last = head.post_count - 1;
    let after = page_of(after.clamp(0, last.max(0)) + 1).min(page_of(last.max(1)));
    let rows = posts(st, (id, after, REPLIES_PAGE, true), (head.version, head.post_count)).await?;
    let area = areas::info(st, head.area_id.0).await?;
    let moderator = match me {
        Some(me) => moderates(st, me, &head.area_path).await?,
        None => false,
    };
    let mut posts = rows.iter().map(|r| view(r, lang, area.timezone(), id, me, moderator));
    let mut opening = posts.next().filter(|p| p.seq == 0).ok_or(AppError::NotFound)?;
    // A proposal's (or usulan's) opening post is the item: it changes only
    // as one.
    opening.mine &= head.proposal_id.is_none() && head.usulan_id.is_none();
    let replies: Vec<PostView> = posts.collect();
    let reply_to = match reply_to {
        Some(pid) => db_posts::quotable(db, pid, id).await?.map(|q| {
            (
                pid,
                QuoteRef {
                    url: post_url(id, q.seq),
                    seq: q.seq,
                    author: q.author,
                    excerpt: q.excerpt,
                },
            )
        }),
        None => None,
    };
    // A hidden thread's title is withheld like its opening post.
    let title = if opening.withheld { String::new() } else { head.title };
    let (move_area, all_categories) = if moderator {
        let chosen = areas::maybe_choice(st, lang, move_to, true).await?;
        let current = match chosen {
            Some(c) => c,
            None => areas::area_choice(st, lang, head.area_id.0).await?,
        };
        (Some(current), categories(st, lang).await?)
    } else {
        (None, Vec::new())
    };
    Ok(ThreadPage {
        id: id.0,
        title,
        area: areas::summary(st, lang, head.area_id.0).await?,
        category: areas::category_name(&areas::categories(st).await?, lang, head.category_id.0),
        reply_count: head.reply_count,
        proposal_id: head.proposal_id,
        usulan_id: head.usulan_id,
        deleted: opening.deleted,
        opening,
        replies,
        after,
        prev: (after > 0).then(|| after - REPLIES_PAGE),
        next: (after + REPLIES_PAGE < last).then_some(after + REPLIES_PAGE),
        reply_to_id: reply_to.as_ref().map(|(pid, _)| pid.0),
        reply_to: reply_to.map(|(_, q)| q),
        moderator,
        locked: head.locked_at.is_some(),
        pinned: head.pinned_at.is_some(),
        category_id: head.category_id.0,
        area_choice: move_area,
        categories: all_categories,
    })
}
