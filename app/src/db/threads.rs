//! Threads: the lists of a forum, a thread's head row and its counters.
use super::numbered::Numbered;
use super::Db;
use crate::domain::ids::{AreaId, CategoryId, ThreadId, UserId};
use crate::model::ThreadSort;
use sqlx::FromRow;

/// The columns of a list entry. Areas' and categories' names come from
/// memory; the authors' names are joined after the limit (see [`list`]).
macro_rules! thread_cols {
    () => {
        "SELECT t.id, t.title, t.area_id, t.category_id, t.author_id, t.reply_count, \
         t.last_post_at, t.pinned_at FROM threads t"
    };
}

/// A thread as a list shows it.
#[derive(Debug, FromRow)]
pub struct ThreadRow {
    pub id: ThreadId,
    pub title: String,
    pub area_id: AreaId,
    pub category_id: CategoryId,
    pub author: String,
    pub reply_count: i64,
    pub last_post_at: i64,
    pub pinned_at: Option<i64>,
}

impl ThreadRow {
    /// The value the list is ordered by (with the id as tie-break).
    pub fn key(&self, sort: ThreadSort) -> i64 {
        match sort {
            ThreadSort::Activity => self.last_post_at,
            ThreadSort::Newest => self.id.0,
            ThreadSort::Replies => self.reply_count,
        }
    }
}

/// Which threads of a forum a page lists.
#[derive(Debug, Clone)]
pub struct ListQuery<'a> {
    pub area_id: AreaId,
    /// The area's path (for sub-areas).
    pub path: &'a str,
    /// The end of the range of paths under `path`.
    pub path_end: &'a str,
    pub sort: ThreadSort,
    pub category: Option<CategoryId>,
    pub include_sub: bool,
    /// The keyset cursor `(key, id)` of the last thread of the page before;
    /// None on the first page, which also brings the area's pinned threads.
    pub after: Option<(i64, ThreadId)>,
    /// Threads asked for (not counting pinned ones).
    pub limit: i64,
}

/// How many of the newest listed threads of all areas a `recent` list looks
/// through (see [`list`]).
pub const SUB_AREA_WINDOW: i64 = 500;

/// The threads `q` lists (unordered: a UNION keeps no order, so the caller
/// sorts), with the area's pinned threads (at most 10) on the first page.
/// `recent`: only from the [`SUB_AREA_WINDOW`] newest listed threads of
/// all areas by the list's order, which is the whole answer only when it
/// holds more than a page.
pub async fn list(db: &Db, q: &ListQuery<'_>, recent: bool) -> Result<Vec<ThreadRow>, sqlx::Error> {
    let key = sort_key(q.sort);
    // The threads chosen, ordered and limited, with their authors' names
    // joined after the limit: joined before it, both planners looked up the
    // author of every thread of a big area before keeping a page of them.
    // A sub-tree read by its range (one seldom among the newest, see
    // `recent`) is planned for its own range (see [`Db::pool_for`]).
    let ranged = q.include_sub && !recent;
    let mut sql = Numbered::new("SELECT l.*, u.display_name AS author FROM (");
    // A proposal's (or usulan's) discussion lives on its page. On the first
    // page, the area's pinned threads come in the same read.
    if q.after.is_none() {
        sql.push(concat!("SELECT * FROM (", thread_cols!(), " WHERE t.area_id = "))
            .push_bind(q.area_id)
            .push(
                " AND t.pinned_at IS NOT NULL AND t.hidden_at IS NULL AND t.proposal_id IS NULL AND t.usulan_id IS NULL \
                 ORDER BY t.pinned_at DESC LIMIT 10) pinned UNION ALL SELECT * FROM (",
            );
    }
    if recent {
        sql.push(
            "SELECT r.id, r.title, r.area_id, r.category_id, r.author_id, r.reply_count, r.last_post_at, r.pinned_at \
             FROM (SELECT t.id, t.title, t.area_id, t.category_id, t.author_id, t.reply_count, t.last_post_at, \
             t.pinned_at, t.area_path FROM threads t WHERE ",
        );
        listed(&mut sql, q);
    } else {
        sql.push(concat!(thread_cols!(), " WHERE "));
        listed(&mut sql, q);
        if ranged {
            sql.push(" AND t.area_path >= ").push_bind(q.path.to_owned());
            sql.push(" AND t.area_path < ").push_bind(q.path_end.to_owned());
        } else {
            sql.push(" AND t.area_id = ").push_bind(q.area_id);
        }
    }
    if recent {
        // The window is a constant of the plan, as it always was (not a value).
        sql.push(format_args!(
            " ORDER BY t.{key} DESC, t.id DESC LIMIT {SUB_AREA_WINDOW}) r WHERE r.area_path >= "
        ))
        .push_bind(q.path.to_owned());
        sql.push(" AND r.area_path < ").push_bind(q.path_end.to_owned());
        sql.push(format_args!(" ORDER BY r.{key} DESC, r.id DESC LIMIT "));
    } else {
        sql.push(format_args!(" ORDER BY t.{key} DESC, t.id DESC LIMIT "));
    }
    sql.push_bind(q.limit);
    if q.after.is_none() {
        sql.push(") listed");
    }
    sql.push(") l JOIN users u ON u.id = l.author_id");
    sql.build().build_query_as().fetch_all(db.pool_for(ranged)).await
}

/// The conditions every list shares: listed threads (not pinned, hidden or
/// a proposal's or usulan's discussion) of the category, after the cursor.
/// (The lists' partial indexes leave out proposals' discussions; usulan's
/// are few beside the forum's, and skipped as the index is read.)
fn listed(sql: &mut Numbered<'_>, q: &ListQuery<'_>) {
    sql.push("t.proposal_id IS NULL AND t.usulan_id IS NULL AND t.hidden_at IS NULL AND t.pinned_at IS NULL");
    if let Some(c) = q.category {
        sql.push(" AND t.category_id = ").push_bind(c);
    }
    if let Some((k, i)) = q.after {
        let key = sort_key(q.sort);
        sql.push(format_args!(" AND (t.{key}, t.id) < (")).push_bind(k);
        sql.push(", ").push_bind(i).push(")");
    }
}

/// The column a list is ordered by (with the id as tie-break).
fn sort_key(sort: ThreadSort) -> &'static str {
    match sort {
        ThreadSort::Activity => "last_post_at",
        ThreadSort::Newest => "id",
        ThreadSort::Replies => "reply_count",
    }
}

/// Latest threads of the forums `user` joined.
pub async fn joined(db: &Db, user: UserId, limit: i64) -> Result<Vec<ThreadRow>, sqlx::Error> {
    sqlx::query_as(concat!(
        "SELECT l.*, u.display_name AS author FROM (",
        thread_cols!(),
        " WHERE t.area_id IN (SELECT area_id FROM forum_members WHERE user_id = $1) \
         AND t.proposal_id IS NULL AND t.usulan_id IS NULL AND t.hidden_at IS NULL \
         ORDER BY t.last_post_at DESC, t.id DESC LIMIT $2\
         ) l JOIN users u ON u.id = l.author_id ORDER BY l.last_post_at DESC, l.id DESC"
    ))
    .bind(user)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// The thread a page shows, read (by primary key) on every request: it also
/// says whether posts kept in memory are still current.
#[derive(Debug, FromRow)]
pub struct ThreadHead {
    pub title: String,
    pub area_id: AreaId,
    pub area_path: String,
    pub category_id: CategoryId,
    pub reply_count: i64,
    pub post_count: i64,
    pub proposal_id: Option<i64>,
    pub usulan_id: Option<i64>,
    pub locked_at: Option<i64>,
    pub pinned_at: Option<i64>,
    pub version: i64,
}

pub async fn head(db: &Db, id: ThreadId) -> Result<Option<ThreadHead>, sqlx::Error> {
    sqlx::query_as(
        "SELECT title, area_id, area_path, category_id, reply_count, post_count, proposal_id, usulan_id, \
         locked_at, pinned_at, version FROM threads WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

pub async fn area_path(db: &Db, id: ThreadId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT area_path FROM threads WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// `Some(locked_at)` if the thread exists.
pub async fn locked_at(db: &Db, id: ThreadId) -> Result<Option<Option<i64>>, sqlx::Error> {
    sqlx::query_scalar("SELECT locked_at FROM threads WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

pub async fn category_exists(db: &Db, id: CategoryId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM categories WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

pub struct NewThreadRow<'a> {
    pub area_id: AreaId,
    pub area_path: &'a str,
    pub category_id: CategoryId,
    pub author_id: UserId,
    pub title: &'a str,
    pub at: i64,
}

/// Inserts a thread (without its opening post); returns its id.
pub async fn insert(conn: &mut sqlx::AnyConnection, t: &NewThreadRow<'_>) -> Result<ThreadId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO threads (area_id, area_path, category_id, author_id, title, created_at, last_post_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(t.area_id)
    .bind(t.area_path)
    .bind(t.category_id)
    .bind(t.author_id)
    .bind(t.title)
    .bind(t.at)
    .fetch_one(conn)
    .await
}

/// A thread a reply was just counted in.
#[derive(Debug, FromRow)]
pub struct Bumped {
    pub post_count: i64,
    pub area_id: AreaId,
    pub author_id: UserId,
}

/// Counts a new reply in an open thread whose opening post stands, and
/// locks its row (the new post's position comes from it); None if the
/// thread is missing, locked or its opening post deleted.
pub async fn count_reply(conn: &mut sqlx::AnyConnection, id: ThreadId, at: i64) -> Result<Option<Bumped>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE threads SET post_count = post_count + 1, reply_count = reply_count + 1, last_post_at = $1 \
         WHERE id = $2 AND locked_at IS NULL \
         AND EXISTS (SELECT 1 FROM posts o WHERE o.thread_id = $2 AND o.seq = 0 AND o.deleted_at IS NULL) \
         RETURNING post_count, area_id, author_id",
    )
    .bind(at)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// A reply was deleted.
pub async fn uncount_reply(conn: &mut sqlx::AnyConnection, id: ThreadId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE threads SET reply_count = reply_count - 1 WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_title(conn: &mut sqlx::AnyConnection, id: ThreadId, title: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE threads SET title = $1 WHERE id = $2")
        .bind(title)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}
