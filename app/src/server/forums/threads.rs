//! A forum's thread lists, joining and leaving it, and starting a thread.
use super::access::{area_path, badge};
use super::text::{excerpt_of, render, search_doc};
use crate::db::threads::{self, ListQuery, NewThreadRow, ThreadRow};
use crate::db::{activity, forum_members, posts, search};
use crate::domain::forum_rules::path_end;
use crate::domain::ids::{AreaId, CategoryId, ThreadId, UserId};
use crate::error::{AppError, AppResult, FieldProblem};
use crate::model::{Category, ForumPage, Lang, Me, ThreadSort, ThreadSummary};
use crate::server::AppState;
use crate::server::{areas, time};

/// Threads per page of a forum.
pub const PAGE: i64 = 25;

pub async fn categories(st: &AppState, lang: Lang) -> AppResult<Vec<Category>> {
    Ok(areas::categories(st)
        .await?
        .iter()
        .map(|(id, name_id, name_en)| Category {
            id: *id,
            name: if lang == Lang::En { name_en } else { name_id }.clone(),
        })
        .collect())
}

/// The rows as list entries, with their areas' and categories' names.
async fn summaries(st: &AppState, lang: Lang, rows: Vec<ThreadRow>) -> AppResult<Vec<ThreadSummary>> {
    let categories = areas::categories(st).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let area = areas::info(st, r.area_id.0).await?;
        let category = areas::category_name(&categories, lang, r.category_id.0);
        out.push(ThreadSummary {
            last_activity: time::date_time(lang, r.last_post_at, area.timezone()),
            id: r.id.0,
            title: r.title,
            area_id: r.area_id.0,
            area_name: area.name().to_owned(),
            category,
            author: r.author,
            reply_count: r.reply_count,
        });
    }
    Ok(out)
}

pub struct ForumQuery {
    pub area_id: AreaId,
    pub sort: ThreadSort,
    pub category: Option<CategoryId>,
    pub include_sub: bool,
    pub after: Option<(i64, ThreadId)>,
}

/// One page of an area's threads (and, if asked, its sub-areas').
pub async fn forum(st: &AppState, lang: Lang, me: Option<&Me>, q: ForumQuery) -> AppResult<ForumPage> {
    let db = &st.db;
    let path = area_path(st, q.area_id).await?.ok_or(AppError::NotFound)?;
    let end = path_end(&path);
    let list = ListQuery {
        area_id: q.area_id,
        path: &path,
        path_end: &end,
        sort: q.sort,
        category: q.category,
        include_sub: q.include_sub,
        after: q.after,
        limit: PAGE + 1,
    };
    let mut rows = None;
    let sparse_key = (q.area_id.0, q.category.map(|c| c.0));
    if q.include_sub && !st.caches.areas.is_sparse(sparse_key) {
        // A big sub-tree (a city or a province) has many of the newest
        // threads: picking them from the newest of all areas reads a few
        // hundred index entries where the sub-tree's own range would sort
        // thousands of threads for every page. A small one seldom fills a
        // page that way and is read by its range, which is then cheap; it
        // is remembered for a while, so that it is read by its range alone.
        let recent = threads::list(db, &list, true).await?;
        if recent.iter().filter(|r| r.pinned_at.is_none()).count() as i64 > PAGE {
            rows = Some(recent);
        } else {
            st.caches.areas.mark_sparse(sparse_key);
        }
    }
    let rows = match rows {
        Some(rows) => rows,
        None => threads::list(db, &list, false).await?,
    };
    let (mut pinned, mut rows): (Vec<ThreadRow>, Vec<ThreadRow>) =
        rows.into_iter().partition(|r| r.pinned_at.is_some());
    // A UNION keeps no order of its own.
    pinned.sort_by_key(|r| std::cmp::Reverse((r.pinned_at, r.id)));
    rows.sort_by_key(|r| std::cmp::Reverse((r.key(q.sort), r.id)));
    let next = if rows.len() as i64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|r| format!("{}_{}", r.key(q.sort), r.id))
    } else {
        None
    };
    let joined = match me {
        Some(me) => Some(forum_members::is_member(db, UserId(me.id), q.area_id).await?),
        None => None,
    };
    Ok(ForumPage {
        pinned: summaries(st, lang, pinned).await?,
        area_id: q.area_id.0,
        threads: summaries(st, lang, rows).await?,
        next,
        categories: categories(st, lang).await?,
        sort: q.sort,
        category: q.category.map(|c| c.0),
        include_sub: q.include_sub,
        joined,
    })
}

/// Latest threads of the forums `user` joined.
pub async fn joined_threads(st: &AppState, lang: Lang, user: UserId, limit: i64) -> AppResult<Vec<ThreadSummary>> {
    let db = &st.db;
    let rows = threads::joined(db, user, limit).await?;
    summaries(st, lang, rows).await
}

pub async fn set_membership(st: &AppState, user: UserId, area: AreaId, join: bool, at: i64) -> AppResult<()> {
    let db = &st.db;
    if join {
        if area_path(st, area).await?.is_none() {
            return Err(AppError::NotFound);
        }
        forum_members::join(db, user, area, at).await?;
    } else {
        forum_members::leave(db, user, area).await?;
    }
    Ok(())
}

pub struct NewThread {
    pub title: String,
    pub body: String,
    pub area_id: AreaId,
    pub category_id: CategoryId,
    /// Photos of its opening post (checked and converted already).
    pub photos: Vec<crate::server::photos::Processed>,
}

/// Starts a thread; returns its id.
pub async fn create_thread(st: &AppState, me: &Me, t: NewThread, at: i64) -> AppResult<ThreadId> {
    let db = &st.db;
    let html = render("body", &t.body)?;
    let path = area_path(st, t.area_id)
        .await?
        .ok_or_else(|| AppError::field("area_id", FieldProblem::Unknown))?;
    if !threads::category_exists(db, t.category_id).await? {
        return Err(AppError::field("category_id", FieldProblem::Unknown));
    }
    let agency = badge(db, me, &path).await?;
    let author = UserId(me.id);
    let mut tx = db.pool.begin().await?;
    let row = NewThreadRow {
        area_id: t.area_id,
        area_path: &path,
        category_id: t.category_id,
        author_id: author,
        title: &t.title,
        at,
    };
    let id = threads::insert(&mut tx, &row).await?;
    let post = posts::NewPost {
        thread_id: id,
        seq: 0,
        author_id: author,
        parent_id: None,
        agency_id: agency,
        body_src: &t.body,
        body_html: &html,
        excerpt: &excerpt_of(&t.body),
        at,
    };
    let post_id = posts::insert(&mut tx, &post).await?;
    let item = crate::db::photos::Item::Post(post_id.0);
    crate::server::photos::attach(&mut tx, st, item, me.id, &t.photos, at).await?;
    search::index_post(&mut tx, db.backend, post_id, &search_doc(Some(&t.title), &t.body)).await?;
    activity::record(&mut tx, t.area_id, "thread", author, at).await?;
    tx.commit().await?;
    st.caches.areas.forget_areas();
    Ok(id)
}
