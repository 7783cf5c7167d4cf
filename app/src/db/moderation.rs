//! What moderation reads and writes of the items it acts on: posts,
//! proposals, complaints and threads (hide, show, redact, lock, pin, move,
//! merge). The flags, the log and accounts have their own modules.
use super::Db;
use crate::domain::ids::{AreaId, CategoryId, PostId, ProposalId, ThreadId, UserId};
use crate::domain::moderation::Kind;
use sqlx::{AnyConnection, FromRow};

/// What moderation needs to know of an item.
#[derive(FromRow, Debug, Clone)]
pub struct ItemRow {
    pub id: i64,
    pub area_id: AreaId,
    pub area_path: String,
    pub author_id: UserId,
    pub hidden_at: Option<i64>,
    /// 1 for a deleted post or a draft proposal.
    pub deleted: i64,
    /// 1 for an official response.
    pub official: i64,
    pub thread_id: Option<ThreadId>,
    pub seq: Option<i64>,
    /// The proposal a post's thread stands for.
    pub proposal_id: Option<ProposalId>,
    pub title: String,
    pub body_src: String,
}

fn table(kind: Kind) -> &'static str {
    match kind {
        Kind::Post => "posts",
        Kind::Proposal => "proposals",
        Kind::Complaint => "complaints",
    }
}

/// An item as the public may see it: drafts and private complaints are not
/// found.
pub async fn item(db: &Db, kind: Kind, id: i64) -> Result<Option<ItemRow>, sqlx::Error> {
    let sql = match kind {
        Kind::Post => {
            "SELECT p.id, t.area_id, t.area_path, p.author_id, p.hidden_at, \
             CAST(CASE WHEN p.deleted_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS deleted, \
             CAST(CASE WHEN p.agency_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS official, \
             p.thread_id, p.seq, t.proposal_id, t.title, p.body_src \
             FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1"
        }
        Kind::Proposal => {
            "SELECT p.id, p.area_id, p.area_path, p.author_id, p.hidden_at, \
             CAST(CASE WHEN p.state = 'draft' THEN 1 ELSE 0 END AS BIGINT) AS deleted, \
             CAST(0 AS BIGINT) AS official, p.thread_id, \
             CAST(NULL AS BIGINT) AS seq, CAST(NULL AS BIGINT) AS proposal_id, p.title, p.body_src \
             FROM proposals p WHERE p.id = $1 AND p.state <> 'draft'"
        }
        Kind::Complaint => {
            "SELECT c.id, c.area_id, c.area_path, c.author_id, c.hidden_at, CAST(0 AS BIGINT) AS deleted, \
             CAST(0 AS BIGINT) AS official, CAST(NULL AS BIGINT) AS thread_id, \
             CAST(NULL AS BIGINT) AS seq, CAST(NULL AS BIGINT) AS proposal_id, c.title, c.body_src \
             FROM complaints c WHERE c.id = $1 AND c.private = 0"
        }
    };
    sqlx::query_as(sql).bind(id).fetch_optional(&db.pool).await
}

/// Hides an item (`reason` Some, at `at`) or shows it again. False when it
/// was already so.
pub async fn set_item_hidden(
    conn: &mut AnyConnection,
    kind: Kind,
    id: i64,
    reason: Option<&str>,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let table = table(kind);
    let changed = match reason {
        Some(why) => {
            sqlx::query(&format!(
                "UPDATE {table} SET hidden_at = $1, hidden_reason = $2 WHERE id = $3 AND hidden_at IS NULL"
            ))
            .bind(at)
            .bind(why)
            .bind(id)
            .execute(&mut *conn)
            .await?
        }
        None => {
            sqlx::query(&format!(
                "UPDATE {table} SET hidden_at = NULL, hidden_reason = NULL WHERE id = $1 AND hidden_at IS NOT NULL"
            ))
            .bind(id)
            .execute(&mut *conn)
            .await?
        }
    };
    Ok(changed.rows_affected() > 0)
}

/// Hides (`hidden` Some) or shows a thread in lists and search.
pub async fn set_thread_hidden(conn: &mut AnyConnection, id: ThreadId, hidden: Option<i64>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE threads SET hidden_at = $1 WHERE id = $2")
        .bind(hidden)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The opening post of a thread.
pub async fn opening_post(conn: &mut AnyConnection, thread: ThreadId) -> Result<Option<PostId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM posts WHERE thread_id = $1 AND seq = 0")
        .bind(thread)
        .fetch_optional(&mut *conn)
        .await
}

/// Sets a post's hidden state as its proposal's.
pub async fn set_post_hidden(
    conn: &mut AnyConnection,
    id: PostId,
    hidden: Option<i64>,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE posts SET hidden_at = $1, hidden_reason = $2 WHERE id = $3")
        .bind(hidden)
        .bind(reason)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// What search indexes of a post: its text, and its thread's title for an
/// opening post.
#[derive(FromRow)]
pub struct PostDoc {
    pub body_src: String,
    pub title: Option<String>,
}

pub async fn post_doc(conn: &mut AnyConnection, id: PostId) -> Result<PostDoc, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.body_src, CASE WHEN p.seq = 0 THEN t.title END AS title FROM posts p \
         JOIN threads t ON t.id = p.thread_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await
}

/// An item's text, rendered, and its excerpt.
pub struct Text<'a> {
    pub src: &'a str,
    pub html: &'a str,
    pub excerpt: &'a str,
}

/// Replaces an item's text.
pub async fn set_item_text(conn: &mut AnyConnection, kind: Kind, id: i64, t: &Text<'_>) -> Result<(), sqlx::Error> {
    let table = table(kind);
    sqlx::query(&format!(
        "UPDATE {table} SET body_src = $1, body_html = $2, excerpt = $3 WHERE id = $4"
    ))
    .bind(t.src)
    .bind(t.html)
    .bind(t.excerpt)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Replaces the text of a thread's opening post; its id.
pub async fn set_opening_text(
    conn: &mut AnyConnection,
    thread: ThreadId,
    t: &Text<'_>,
) -> Result<Option<PostId>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE posts SET body_src = $1, body_html = $2, excerpt = $3 WHERE thread_id = $4 AND seq = 0 \
         RETURNING id",
    )
    .bind(t.src)
    .bind(t.html)
    .bind(t.excerpt)
    .bind(thread)
    .fetch_optional(&mut *conn)
    .await
}

/// What moderation needs to know of a thread.
#[derive(FromRow)]
pub struct ThreadRow {
    pub area_id: AreaId,
    pub area_path: String,
    pub author_id: UserId,
    pub proposal_id: Option<ProposalId>,
    pub usulan_id: Option<i64>,
    pub category_id: CategoryId,
    pub locked_at: Option<i64>,
    pub pinned_at: Option<i64>,
    /// 1 when its opening post is deleted.
    pub deleted: i64,
}

pub async fn thread(db: &Db, id: ThreadId) -> Result<Option<ThreadRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.area_id, t.area_path, t.author_id, t.proposal_id, t.usulan_id, t.category_id, t.locked_at, t.pinned_at, \
         CAST(CASE WHEN o.deleted_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS deleted \
         FROM threads t JOIN posts o ON o.thread_id = t.id AND o.seq = 0 WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

pub async fn set_locked(conn: &mut AnyConnection, id: ThreadId, at: Option<i64>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE threads SET locked_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_pinned(conn: &mut AnyConnection, id: ThreadId, at: Option<i64>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE threads SET pinned_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Moves a thread to another area and category.
pub async fn move_thread(
    conn: &mut AnyConnection,
    id: ThreadId,
    area: AreaId,
    path: &str,
    category: CategoryId,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE threads SET area_id = $1, area_path = $2, category_id = $3 WHERE id = $4")
        .bind(area)
        .bind(path)
        .bind(category)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// What a merge checks of the proposal merged into.
#[derive(FromRow)]
pub struct MergeTarget {
    pub area_path: String,
    pub merged_into: Option<ProposalId>,
    pub hidden_at: Option<i64>,
}

pub async fn merge_target(db: &Db, id: ProposalId) -> Result<Option<MergeTarget>, sqlx::Error> {
    sqlx::query_as("SELECT area_path, merged_into, hidden_at FROM proposals WHERE id = $1 AND state <> 'draft'")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

pub async fn merged_into(db: &Db, id: ProposalId) -> Result<Option<ProposalId>, sqlx::Error> {
    sqlx::query_scalar("SELECT merged_into FROM proposals WHERE id = $1")
        .bind(id)
        .fetch_one(&db.pool)
        .await
}

/// Marks `from` merged into `into` (hidden, its count at 0). False when it
/// was merged already.
pub async fn mark_merged(
    conn: &mut AnyConnection,
    from: ProposalId,
    into: ProposalId,
    why: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE proposals SET merged_into = $1, hidden_at = $2, hidden_reason = $3, support_count = 0, updated_at = $2 \
         WHERE id = $4 AND merged_into IS NULL",
    )
    .bind(into)
    .bind(at)
    .bind(why)
    .bind(from)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Moves `from`'s supports to `into` (a person who supports both counts
/// once); how many moved.
pub async fn move_supports(conn: &mut AnyConnection, from: ProposalId, into: ProposalId) -> Result<i64, sqlx::Error> {
    let moved = sqlx::query(
        "INSERT INTO supports (proposal_id, user_id, created_at) SELECT $1, s.user_id, s.created_at FROM supports s \
         WHERE s.proposal_id = $2 AND NOT EXISTS (SELECT 1 FROM supports x WHERE x.proposal_id = $1 AND x.user_id = s.user_id)",
    )
    .bind(into)
    .bind(from)
    .execute(&mut *conn)
    .await?
    .rows_affected() as i64;
    sqlx::query("DELETE FROM supports WHERE proposal_id = $1")
        .bind(from)
        .execute(&mut *conn)
        .await?;
    Ok(moved)
}

/// A proposal's support count after a merge added to it.
#[derive(FromRow)]
pub struct Supported {
    pub support_count: i64,
    pub threshold: i64,
    pub awaiting_since: Option<i64>,
    pub state: String,
}

pub async fn add_supports(
    conn: &mut AnyConnection,
    id: ProposalId,
    moved: i64,
    at: i64,
) -> Result<Supported, sqlx::Error> {
    sqlx::query_as(
        "UPDATE proposals SET support_count = support_count + $1, updated_at = $2 WHERE id = $3 \
         RETURNING support_count, threshold, awaiting_since, state",
    )
    .bind(moved)
    .bind(at)
    .bind(id)
    .fetch_one(&mut *conn)
    .await
}
