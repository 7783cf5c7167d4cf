//! Flags and the moderation queue (`flags`, `flag_queue`): one queue entry
//! per flagged item, reopened when a new flag comes in.
use super::mod_log::{push_within, Within};
use super::numbered::Numbered;
use super::Db;
use crate::domain::ids::{AreaId, FlagId, ThreadId, UserId};
use crate::domain::moderation::Kind;
use sqlx::{AnyConnection, FromRow};

/// The item a flag is about, as the queue keeps it.
pub struct Flagged<'a> {
    pub kind: Kind,
    pub id: i64,
    pub area_id: AreaId,
    pub area_path: &'a str,
    pub author_id: UserId,
}

/// Opens (or reopens, or counts one more flag on) the item's queue entry;
/// its id.
pub async fn enqueue(conn: &mut AnyConnection, it: &Flagged<'_>, at: i64) -> Result<FlagId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO flag_queue (item_kind, item_id, area_id, area_path, author_id, is_open, flag_count, \
         first_flag_at, last_flag_at) VALUES ($1, $2, $3, $4, $5, 1, 1, $6, $6) \
         ON CONFLICT (item_kind, item_id) DO UPDATE SET \
         flag_count = CASE WHEN flag_queue.is_open = 1 THEN flag_queue.flag_count + 1 ELSE 1 END, \
         first_flag_at = CASE WHEN flag_queue.is_open = 1 THEN flag_queue.first_flag_at ELSE excluded.first_flag_at END, \
         last_flag_at = excluded.last_flag_at, is_open = 1, resolved_by = NULL, resolved_at = NULL, \
         area_id = excluded.area_id, area_path = excluded.area_path RETURNING id",
    )
    .bind(it.kind.code())
    .bind(it.id)
    .bind(it.area_id)
    .bind(it.area_path)
    .bind(it.author_id)
    .bind(at)
    .fetch_one(&mut *conn)
    .await
}

/// One person's flag. False when they flagged this item already.
pub struct NewFlag<'a> {
    pub kind: Kind,
    pub item_id: i64,
    pub reporter: UserId,
    pub reason: &'a str,
    pub note: &'a str,
    pub queue: FlagId,
}

pub async fn insert(conn: &mut AnyConnection, f: &NewFlag<'_>, at: i64) -> Result<bool, sqlx::Error> {
    let added = sqlx::query(
        "INSERT INTO flags (item_kind, item_id, reporter_id, reason, note, created_at, queue_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(f.kind.code())
    .bind(f.item_id)
    .bind(f.reporter)
    .bind(f.reason)
    .bind(f.note)
    .bind(at)
    .bind(f.queue)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(added > 0)
}

/// Closes the open queue entry of an item, if it has one; how many closed.
pub async fn resolve(conn: &mut AnyConnection, kind: Kind, id: i64, by: UserId, at: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE flag_queue SET is_open = 0, resolved_by = $1, resolved_at = $2 \
         WHERE item_kind = $3 AND item_id = $4 AND is_open = 1",
    )
    .bind(by)
    .bind(at)
    .bind(kind.code())
    .bind(id)
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// The queue entries of a thread's posts follow it to its new area.
pub async fn move_thread(
    conn: &mut AnyConnection,
    thread: ThreadId,
    area: AreaId,
    path: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE flag_queue SET area_id = $1, area_path = $2 \
         WHERE item_kind = 'post' AND item_id IN (SELECT id FROM posts WHERE thread_id = $3)",
    )
    .bind(area)
    .bind(path)
    .bind(thread)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An open queue entry, with its area and author.
#[derive(FromRow, Debug)]
pub struct QueueRow {
    pub id: FlagId,
    pub item_kind: String,
    pub item_id: i64,
    pub flag_count: i64,
    pub first_flag_at: i64,
    pub area_name: String,
    pub timezone: String,
    pub author: String,
    /// 1 for an anonymous or private complaint.
    pub anonymous: i64,
    pub complaint_agency: Option<i64>,
}

/// The open entries within `within`, oldest first, at most `limit`.
pub async fn open(db: &Db, within: Within<'_>, limit: i64) -> Result<Vec<QueueRow>, sqlx::Error> {
    let mut q = Numbered::new(
        "SELECT q.id, q.item_kind, q.item_id, q.flag_count, q.first_flag_at, a.name AS area_name, a.timezone, \
         u.display_name AS author, \
         CAST(CASE WHEN c.anonymous = 1 OR c.private = 1 THEN 1 ELSE 0 END AS BIGINT) AS anonymous, \
         c.agency_id AS complaint_agency \
         FROM flag_queue q JOIN areas a ON a.id = q.area_id JOIN users u ON u.id = q.author_id \
         LEFT JOIN complaints c ON q.item_kind = 'complaint' AND c.id = q.item_id \
         WHERE q.is_open = 1",
    );
    let ranged = matches!(within, Within::Areas(_));
    push_within(&mut q, "q.area_path", within);
    q.push(" ORDER BY q.first_flag_at, q.id LIMIT ").push_bind(limit);
    q.build().build_query_as().fetch_all(db.pool_for(ranged)).await
}

/// A flag counted in a queue entry.
#[derive(FromRow, Debug)]
pub struct FlagRow {
    pub reason: String,
    pub note: String,
}

/// The flags of a queue entry since it was last opened.
pub async fn of_entry(db: &Db, queue: FlagId, since: i64) -> Result<Vec<FlagRow>, sqlx::Error> {
    sqlx::query_as("SELECT reason, note FROM flags WHERE queue_id = $1 AND created_at >= $2 ORDER BY id")
        .bind(queue)
        .bind(since)
        .fetch_all(&db.pool)
        .await
}
