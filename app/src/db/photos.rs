//! The `photos` and `photo_data` tables: photos on complaints, proposals and
//! posts, and their copies when they are kept in the database.
use super::Db;
use sqlx::FromRow;

/// What a photo is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Complaint(i64),
    Proposal(i64),
    Post(i64),
}

impl Item {
    pub fn kind(self) -> &'static str {
        match self {
            Item::Complaint(_) => "complaint",
            Item::Proposal(_) => "proposal",
            Item::Post(_) => "post",
        }
    }
    pub fn id(self) -> i64 {
        match self {
            Item::Complaint(id) | Item::Proposal(id) | Item::Post(id) => id,
        }
    }
    pub fn from_parts(kind: &str, id: i64) -> Option<Item> {
        match kind {
            "complaint" => Some(Item::Complaint(id)),
            "proposal" => Some(Item::Proposal(id)),
            "post" => Some(Item::Post(id)),
            _ => None,
        }
    }
}

pub struct NewPhoto<'a> {
    pub key: &'a str,
    pub item: Item,
    pub author_id: i64,
    pub position: i64,
    pub width: i64,
    pub height: i64,
    pub thumb_width: i64,
    pub thumb_height: i64,
    pub display_size: i64,
    pub thumb_size: i64,
    pub in_db: bool,
    pub created_at: i64,
}

/// Adds a photo's row; returns its id.
pub async fn insert(conn: &mut sqlx::AnyConnection, p: &NewPhoto<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO photos (key, item_kind, item_id, author_id, position, width, height, thumb_width, \
         thumb_height, display_size, thumb_size, in_db, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(p.key)
    .bind(p.item.kind())
    .bind(p.item.id())
    .bind(p.author_id)
    .bind(p.position)
    .bind(p.width)
    .bind(p.height)
    .bind(p.thumb_width)
    .bind(p.thumb_height)
    .bind(p.display_size)
    .bind(p.thumb_size)
    .bind(i64::from(p.in_db))
    .bind(p.created_at)
    .fetch_one(&mut *conn)
    .await
}

pub async fn insert_data(
    conn: &mut sqlx::AnyConnection,
    photo_id: i64,
    variant: &str,
    bytes: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO photo_data (photo_id, variant, bytes) VALUES ($1, $2, $3)")
        .bind(photo_id)
        .bind(variant)
        .bind(bytes)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A photo as pages list it.
#[derive(FromRow, Debug, Clone, Default)]
pub struct Row {
    pub id: i64,
    pub key: String,
    pub item_kind: String,
    pub item_id: i64,
    pub author_id: i64,
    pub position: i64,
    pub width: i64,
    pub height: i64,
    pub thumb_width: i64,
    pub thumb_height: i64,
    pub in_db: i64,
    pub hidden_at: Option<i64>,
}

const COLUMNS: &str =
    "id, key, item_kind, item_id, author_id, position, width, height, thumb_width, thumb_height, in_db, hidden_at";

/// An item's photos in their order (at most four: the index's range).
pub async fn of_item<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    item: Item,
) -> Result<Vec<Row>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM photos WHERE item_kind = $1 AND item_id = $2 ORDER BY position LIMIT 4"
    ))
    .bind(item.kind())
    .bind(item.id())
    .fetch_all(ex)
    .await
}

/// The photos of several items of one kind (a thread page's posts), in
/// item then position order.
pub async fn of_items(db: &Db, kind: &str, ids: &[i64]) -> Result<Vec<Row>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM photos WHERE item_kind = $1 AND item_id IN ({list}) ORDER BY item_id, position"
    ))
    .bind(kind)
    .fetch_all(&db.pool)
    .await
}

pub async fn by_key(db: &Db, key: &str) -> Result<Option<Row>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM photos WHERE key = $1"))
        .bind(key)
        .fetch_optional(&db.pool)
        .await
}

pub async fn data(db: &Db, photo_id: i64, variant: &str) -> Result<Option<Vec<u8>>, sqlx::Error> {
    sqlx::query_scalar("SELECT bytes FROM photo_data WHERE photo_id = $1 AND variant = $2")
        .bind(photo_id)
        .bind(variant)
        .fetch_optional(&db.pool)
        .await
}

/// The next free positions of an item, in the caller's transaction.
pub async fn count(conn: &mut sqlx::AnyConnection, item: Item) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM photos WHERE item_kind = $1 AND item_id = $2")
        .bind(item.kind())
        .bind(item.id())
        .fetch_one(&mut *conn)
        .await
}

pub async fn max_position(conn: &mut sqlx::AnyConnection, item: Item) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(MAX(position), 0) AS BIGINT) FROM photos WHERE item_kind = $1 AND item_id = $2",
    )
    .bind(item.kind())
    .bind(item.id())
    .fetch_one(&mut *conn)
    .await
}

/// Removes a photo (its copies in the database go with it).
pub async fn delete(conn: &mut sqlx::AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM photo_data WHERE photo_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM photos WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn hide(conn: &mut sqlx::AnyConnection, id: i64, at: i64, log_id: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE photos SET hidden_at = $1, hidden_log_id = $2 WHERE id = $3 AND hidden_at IS NULL")
            .bind(at)
            .bind(log_id)
            .bind(id)
            .execute(&mut *conn)
            .await?
            .rows_affected(),
    )
}
