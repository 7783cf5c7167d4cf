//! Search: the index of the posts the public may read (SQLite FTS5 or a
//! PostgreSQL `tsvector` column), and the queries that read it.
use super::{Backend, Db};
use crate::domain::ids::{ComplaintId, PostId, ThreadId};
use sqlx::FromRow;

/// The posts the public may read: not hidden or deleted, in a thread that
/// is not hidden, of no hidden (or merged) proposal. `p` is the post.
macro_rules! public_post {
    () => {
        "p.hidden_at IS NULL AND p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM threads t \
         LEFT JOIN proposals r ON r.id = t.proposal_id WHERE t.id = p.thread_id AND t.hidden_at IS NULL \
         AND r.hidden_at IS NULL)"
    };
}

/// The columns of a hit, and the joins they come from (`s` is the index).
macro_rules! hit_cols {
    () => {
        "p.id, p.seq, p.thread_id, t.title, a.name AS area_name, a.timezone, u.display_name AS author, p.created_at"
    };
}
macro_rules! hit_joins {
    ($id:literal) => {
        concat!(
            "JOIN posts p ON p.id = s.",
            $id,
            " JOIN threads t ON t.id = p.thread_id JOIN areas a ON a.id = t.area_id JOIN users u ON u.id = p.author_id"
        )
    };
}

/// (Re)indexes a post, if the public may read it: a reply to a hidden
/// thread, or an edit of a hidden post, stays out of the index.
pub async fn index_post(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    id: PostId,
    doc: &str,
) -> Result<(), sqlx::Error> {
    unindex_post(conn, backend, id).await?;
    let public: Option<i64> =
        sqlx::query_scalar(concat!("SELECT p.id FROM posts p WHERE p.id = $1 AND ", public_post!()))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    if public.is_none() {
        return Ok(());
    }
    let sql = match backend {
        Backend::Sqlite => "INSERT INTO post_search (rowid, doc) VALUES ($1, $2)",
        Backend::Postgres => "INSERT INTO post_search (post_id, doc) VALUES ($1, $2)",
    };
    sqlx::query(sql).bind(id).bind(doc).execute(&mut *conn).await?;
    Ok(())
}

pub async fn unindex_post(conn: &mut sqlx::AnyConnection, backend: Backend, id: PostId) -> Result<(), sqlx::Error> {
    let sql = match backend {
        Backend::Sqlite => "DELETE FROM post_search WHERE rowid = $1",
        Backend::Postgres => "DELETE FROM post_search WHERE post_id = $1",
    };
    sqlx::query(sql).bind(id).execute(conn).await?;
    Ok(())
}

/// Takes every post of a thread out of the index.
pub async fn unindex_thread(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    thread: ThreadId,
) -> Result<(), sqlx::Error> {
    let sql = match backend {
        Backend::Sqlite => "DELETE FROM post_search WHERE rowid IN (SELECT id FROM posts WHERE thread_id = $1)",
        Backend::Postgres => "DELETE FROM post_search WHERE post_id IN (SELECT id FROM posts WHERE thread_id = $1)",
    };
    sqlx::query(sql).bind(thread).execute(conn).await?;
    Ok(())
}

/// A post to index, with its thread's title.
#[derive(Debug, FromRow)]
pub struct Indexable {
    pub id: PostId,
    pub seq: i64,
    pub body_src: String,
    pub title: String,
}

/// The posts of `thread` the public may read.
pub async fn public_posts(conn: &mut sqlx::AnyConnection, thread: ThreadId) -> Result<Vec<Indexable>, sqlx::Error> {
    sqlx::query_as(concat!(
        "SELECT p.id, p.seq, p.body_src, t.title FROM posts p JOIN threads t ON t.id = p.thread_id \
         WHERE p.thread_id = $1 AND ",
        public_post!(),
        " ORDER BY p.id"
    ))
    .bind(thread)
    .fetch_all(conn)
    .await
}

/// A post found, with an excerpt whose matched words are marked.
#[derive(Debug, FromRow)]
pub struct HitRow {
    pub id: PostId,
    pub seq: i64,
    pub thread_id: ThreadId,
    pub title: String,
    pub area_name: String,
    pub timezone: String,
    pub author: String,
    pub created_at: i64,
    pub snip: String,
}

/// Which posts a search looks for.
pub struct HitQuery<'a> {
    /// SQLite: an FTS5 query. PostgreSQL: the words, for
    /// `websearch_to_tsquery`.
    pub terms: &'a str,
    /// Only posts with a smaller id.
    pub before: PostId,
    pub limit: i64,
}

/// SQLite: the newest matching posts through FTS5, `marks` around the
/// matched words of their excerpts.
pub async fn sqlite_hits(db: &Db, q: &HitQuery<'_>, marks: (&str, &str)) -> Result<Vec<HitRow>, sqlx::Error> {
    sqlx::query_as(concat!(
        "SELECT ",
        hit_cols!(),
        ", snippet(post_search, 0, $1, $2, '…', 24) AS snip FROM post_search s ",
        hit_joins!("rowid"),
        " WHERE post_search MATCH $3 AND s.rowid < $4 AND ",
        public_post!(),
        " ORDER BY s.rowid DESC LIMIT $5"
    ))
    .bind(marks.0)
    .bind(marks.1)
    .bind(q.terms)
    .bind(q.before)
    .bind(q.limit)
    .fetch_all(&db.pool)
    .await
}

/// PostgreSQL, for a common word: the matches among the newest 2,000
/// posts, their excerpts made by `ts_headline` with `options`.
pub async fn pg_recent_hits(db: &Db, q: &HitQuery<'_>, options: &str) -> Result<Vec<HitRow>, sqlx::Error> {
    sqlx::query_as(concat!(
        "SELECT ",
        hit_cols!(),
        ", ts_headline('indonesian', s.doc, websearch_to_tsquery('indonesian', $1), $2) AS snip \
         FROM (SELECT post_id, doc, tsv FROM post_search WHERE post_id < $3 ORDER BY post_id DESC LIMIT 2000) s ",
        hit_joins!("post_id"),
        " WHERE s.tsv @@ websearch_to_tsquery('indonesian', $1) AND ",
        public_post!(),
        " ORDER BY s.post_id DESC LIMIT $4"
    ))
    .bind(q.terms)
    .bind(options)
    .bind(q.before)
    .bind(q.limit)
    .fetch_all(&db.pool)
    .await
}

/// PostgreSQL, for a rarer word: through the GIN index alone, keeping the
/// newest page of ids before joining anything. `+ 0` keeps the primary key
/// out of the plan: walked backwards it takes seconds for a rare word, and
/// the generic plan would otherwise AND the GIN bitmap with a bitmap of
/// every post id below the cursor (85 ms with a million posts).
pub async fn pg_indexed_hits(db: &Db, q: &HitQuery<'_>, options: &str) -> Result<Vec<HitRow>, sqlx::Error> {
    sqlx::query_as(concat!(
        "SELECT ",
        hit_cols!(),
        ", ts_headline('indonesian', s.doc, websearch_to_tsquery('indonesian', $1), $2) AS snip \
         FROM (SELECT post_id, doc FROM post_search WHERE tsv @@ websearch_to_tsquery('indonesian', $1) \
         AND post_id + 0 < $3 ORDER BY post_id + 0 DESC LIMIT $4) s ",
        hit_joins!("post_id"),
        " WHERE ",
        public_post!(),
        " ORDER BY s.post_id DESC"
    ))
    .bind(q.terms)
    .bind(options)
    .bind(q.before)
    .bind(q.limit)
    .fetch_all(&db.pool)
    .await
}

/// (Re)indexes a complaint's words, if the public may read it: never a
/// private one, nor a hidden one.
pub async fn index_complaint(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    id: ComplaintId,
) -> Result<(), sqlx::Error> {
    unindex_complaint(conn, backend, id).await?;
    let sql = match backend {
        Backend::Sqlite => {
            "INSERT INTO complaint_search (rowid, doc) SELECT id, title || ' ' || body_src FROM complaints \
             WHERE id = $1 AND private = 0 AND hidden_at IS NULL"
        }
        Backend::Postgres => {
            "INSERT INTO complaint_search (complaint_id, doc) SELECT id, title || ' ' || body_src FROM complaints \
             WHERE id = $1 AND private = 0 AND hidden_at IS NULL"
        }
    };
    sqlx::query(sql).bind(id).execute(&mut *conn).await?;
    Ok(())
}

pub async fn unindex_complaint(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    id: ComplaintId,
) -> Result<(), sqlx::Error> {
    let sql = match backend {
        Backend::Sqlite => "DELETE FROM complaint_search WHERE rowid = $1",
        Backend::Postgres => "DELETE FROM complaint_search WHERE complaint_id = $1",
    };
    sqlx::query(sql).bind(id).execute(conn).await?;
    Ok(())
}

/// A public complaint found, with an excerpt whose matched words are marked.
/// Nothing about who filed it.
#[derive(Debug, FromRow)]
pub struct ComplaintHitRow {
    pub id: ComplaintId,
    pub title: String,
    pub state: String,
    pub area_name: String,
    pub timezone: String,
    pub created_at: i64,
    pub snip: String,
}

/// Which complaints a search looks for: `terms` as for posts, ids below
/// `before`.
pub struct ComplaintQuery<'a> {
    pub terms: &'a str,
    pub before: i64,
    pub limit: i64,
}

/// The newest public complaints matching `q`. SQLite: `marks` around the
/// matched words; PostgreSQL: `ts_headline` with `marks.0` as its options.
pub async fn complaint_hits(
    db: &Db,
    q: &ComplaintQuery<'_>,
    marks: (&str, &str),
) -> Result<Vec<ComplaintHitRow>, sqlx::Error> {
    const COLS: &str = "c.id, c.title, c.state, a.name AS area_name, a.timezone, c.created_at";
    const PUBLIC: &str = "c.private = 0 AND c.hidden_at IS NULL";
    match db.backend {
        Backend::Sqlite => {
            sqlx::query_as(&format!(
                "SELECT {COLS}, snippet(complaint_search, 0, $1, $2, '…', 24) AS snip FROM complaint_search s \
                 JOIN complaints c ON c.id = s.rowid JOIN areas a ON a.id = c.area_id \
                 WHERE complaint_search MATCH $3 AND s.rowid < $4 AND {PUBLIC} ORDER BY s.rowid DESC LIMIT $5"
            ))
            .bind(marks.0)
            .bind(marks.1)
            .bind(q.terms)
            .bind(q.before)
            .bind(q.limit)
            .fetch_all(&db.pool)
            .await
        }
        Backend::Postgres => {
            // Through the GIN index, newest page of ids first (as for posts).
            sqlx::query_as(&format!(
                "SELECT {COLS}, ts_headline('indonesian', s.doc, websearch_to_tsquery('indonesian', $1), $2) AS snip \
                 FROM (SELECT complaint_id, doc FROM complaint_search \
                 WHERE tsv @@ websearch_to_tsquery('indonesian', $1) AND complaint_id + 0 < $3 \
                 ORDER BY complaint_id + 0 DESC LIMIT $4) s \
                 JOIN complaints c ON c.id = s.complaint_id JOIN areas a ON a.id = c.area_id \
                 WHERE {PUBLIC} ORDER BY s.complaint_id DESC"
            ))
            .bind(q.terms)
            .bind(marks.0)
            .bind(q.before)
            .bind(q.limit)
            .fetch_all(&db.pool)
            .await
        }
    }
}
