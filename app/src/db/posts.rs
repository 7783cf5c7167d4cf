//! Posts: a thread's page of posts, writing, editing and deleting them, and
//! the revisions kept for moderators.
use super::numbered::Numbered;
use super::Db;
use crate::domain::ids::{AgencyId, AreaId, PostId, ThreadId, UserId};
use sqlx::FromRow;

/// A post as a thread page shows it, with what it quotes.
#[derive(Debug, FromRow)]
pub struct PostRow {
    pub id: PostId,
    pub seq: i64,
    pub author_id: UserId,
    pub author: String,
    pub author_username: String,
    pub agency: Option<String>,
    pub body_html: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub deleted_at: Option<i64>,
    pub q_seq: Option<i64>,
    pub q_author: Option<String>,
    pub q_excerpt: Option<String>,
    pub q_deleted_at: Option<i64>,
    pub hidden_at: Option<i64>,
    pub hidden_reason: Option<String>,
    pub q_hidden_at: Option<i64>,
    /// Its photos (read after the posts, in one statement for the page).
    #[sqlx(skip)]
    pub photos: Vec<crate::db::photos::Row>,
}

/// The replies of `thread` at positions `after + 1 ..= after + n` in order,
/// after its opening post if `opening`.
pub async fn page(db: &Db, thread: ThreadId, after: i64, n: i64, opening: bool) -> Result<Vec<PostRow>, sqlx::Error> {
    let mut sql = Numbered::new(
        "SELECT p.id, p.seq, p.author_id, u.display_name AS author, u.username AS author_username, \
         g.name AS agency, p.body_html, p.created_at, p.edited_at, p.deleted_at, \
         q.seq AS q_seq, qu.display_name AS q_author, q.excerpt AS q_excerpt, q.deleted_at AS q_deleted_at, \
         p.hidden_at, p.hidden_reason, q.hidden_at AS q_hidden_at \
         FROM posts p JOIN users u ON u.id = p.author_id LEFT JOIN agencies g ON g.id = p.agency_id \
         LEFT JOIN posts q ON q.id = p.parent_id LEFT JOIN users qu ON qu.id = q.author_id \
         WHERE p.thread_id = ",
    );
    sql.push_bind(thread).push(" AND (");
    if opening {
        sql.push("p.seq = 0 OR ");
    }
    sql.push("(p.seq > ").push_bind(after);
    sql.push(" AND p.seq <= ").push_bind(after + n);
    sql.push(")) ORDER BY p.seq");
    sql.build().build_query_as().fetch_all(&db.pool).await
}

/// What a reply form quotes.
#[derive(Debug, FromRow)]
pub struct QuoteRow {
    pub seq: i64,
    #[sqlx(rename = "display_name")]
    pub author: String,
    pub excerpt: String,
}

/// Post `id` of `thread` if it may be quoted (not deleted or hidden).
pub async fn quotable(db: &Db, id: PostId, thread: ThreadId) -> Result<Option<QuoteRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.seq, u.display_name, p.excerpt FROM posts p JOIN users u ON u.id = p.author_id \
         WHERE p.id = $1 AND p.thread_id = $2 AND p.deleted_at IS NULL AND p.hidden_at IS NULL",
    )
    .bind(id)
    .bind(thread)
    .fetch_optional(&db.pool)
    .await
}

/// The author of post `id` of `thread`, if it is not deleted.
pub async fn live_author(
    conn: &mut sqlx::AnyConnection,
    id: PostId,
    thread: ThreadId,
) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar("SELECT author_id FROM posts WHERE id = $1 AND thread_id = $2 AND deleted_at IS NULL")
        .bind(id)
        .bind(thread)
        .fetch_optional(conn)
        .await
}

/// Does `agency` serve `area`?
pub async fn agency_serves(db: &Db, agency: AgencyId, area: AreaId) -> Result<bool, sqlx::Error> {
    let serves: Option<i64> =
        sqlx::query_scalar("SELECT agency_id FROM agency_areas WHERE agency_id = $1 AND area_id = $2")
            .bind(agency)
            .bind(area)
            .fetch_optional(&db.pool)
            .await?;
    Ok(serves.is_some())
}

pub struct NewPost<'a> {
    pub thread_id: ThreadId,
    pub seq: i64,
    pub author_id: UserId,
    pub parent_id: Option<PostId>,
    pub agency_id: Option<AgencyId>,
    pub body_src: &'a str,
    pub body_html: &'a str,
    pub excerpt: &'a str,
    pub at: i64,
}

pub async fn insert(conn: &mut sqlx::AnyConnection, p: &NewPost<'_>) -> Result<PostId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO posts (thread_id, seq, author_id, parent_id, agency_id, body_src, body_html, excerpt, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(p.thread_id)
    .bind(p.seq)
    .bind(p.author_id)
    .bind(p.parent_id)
    .bind(p.agency_id)
    .bind(p.body_src)
    .bind(p.body_html)
    .bind(p.excerpt)
    .bind(p.at)
    .fetch_one(conn)
    .await
}

/// A post with what its author's changes depend on.
#[derive(Debug, FromRow)]
pub struct OwnPost {
    pub id: PostId,
    pub thread_id: ThreadId,
    pub seq: i64,
    pub author_id: UserId,
    pub title: String,
    pub body_src: String,
    pub deleted_at: Option<i64>,
    pub proposal_id: Option<i64>,
    pub usulan_id: Option<i64>,
}

pub async fn own(db: &Db, id: PostId) -> Result<Option<OwnPost>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.thread_id, p.seq, p.author_id, t.title, p.body_src, p.deleted_at, t.proposal_id, t.usulan_id \
         FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// Keeps the version of post `id` being replaced by its author `by`;
/// returns the rows written (0: deleted or not theirs).
pub async fn keep_revision(
    conn: &mut sqlx::AnyConnection,
    id: PostId,
    by: UserId,
    at: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO post_revisions (post_id, title, body_src, written_at, replaced_at, replaced_by) \
         SELECT p.id, CASE WHEN p.seq = 0 THEN t.title END, p.body_src, COALESCE(p.edited_at, p.created_at), $1, $2 \
         FROM posts p JOIN threads t ON t.id = p.thread_id \
         WHERE p.id = $3 AND p.author_id = $2 AND p.deleted_at IS NULL",
    )
    .bind(at)
    .bind(by)
    .bind(id)
    .execute(conn)
    .await?
    .rows_affected())
}

pub async fn set_body(
    conn: &mut sqlx::AnyConnection,
    id: PostId,
    (body_src, body_html, excerpt): (&str, &str, &str),
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE posts SET body_src = $1, body_html = $2, excerpt = $3, edited_at = $4 WHERE id = $5")
        .bind(body_src)
        .bind(body_html)
        .bind(excerpt)
        .bind(at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes a post's text; its place stays.
pub async fn blank(conn: &mut sqlx::AnyConnection, id: PostId, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE posts SET body_src = '', body_html = '', excerpt = '', deleted_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A post with where it lives, for its revisions page.
#[derive(Debug, FromRow)]
pub struct RevisedPost {
    pub thread_id: ThreadId,
    pub seq: i64,
    pub title: String,
    pub area_path: String,
    pub body_src: String,
    pub deleted_at: Option<i64>,
    pub timezone: String,
}

pub async fn revised(db: &Db, id: PostId) -> Result<Option<RevisedPost>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.thread_id, p.seq, t.title, t.area_path, p.body_src, p.deleted_at, a.timezone \
         FROM posts p JOIN threads t ON t.id = p.thread_id JOIN areas a ON a.id = t.area_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// An earlier version of a post.
#[derive(Debug, FromRow)]
pub struct RevisionRow {
    pub title: Option<String>,
    pub body_src: String,
    pub written_at: i64,
    pub replaced_at: i64,
    #[sqlx(rename = "display_name")]
    pub replaced_by: String,
}

/// A post's earlier versions, newest first.
pub async fn revisions(db: &Db, id: PostId) -> Result<Vec<RevisionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.title, r.body_src, r.written_at, r.replaced_at, u.display_name FROM post_revisions r \
         JOIN users u ON u.id = r.replaced_by WHERE r.post_id = $1 ORDER BY r.id DESC",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}
