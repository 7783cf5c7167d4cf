//! The `areas` table: the official area tree, read in the order of its
//! precomputed `path`; residents and last activity are counted on the row.
use super::numbered::Numbered;
use super::Db;
use crate::domain::ids::AreaId;
use sqlx::FromRow;

#[derive(FromRow, Debug, Clone)]
pub struct Area {
    pub id: AreaId,
    pub name: String,
    pub level: String,
    pub kind_label: String,
    pub depth: i64,
    pub timezone: String,
    pub resident_count: i64,
    pub last_activity_at: Option<i64>,
    pub path: String,
    /// The official (Kemendagri) code; `None` for an area added locally.
    pub code: Option<String>,
    /// 0: gone from the official list; kept, but no longer chosen.
    pub active: i64,
}

const AREA_COLS: &str =
    "id, name, level, kind_label, depth, timezone, resident_count, last_activity_at, path, code, active";

/// Every area, in tree order.
pub async fn all(db: &Db) -> Result<Vec<Area>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {AREA_COLS} FROM areas ORDER BY path"))
        .fetch_all(&db.pool)
        .await
}

pub async fn get(db: &Db, id: AreaId) -> Result<Option<Area>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {AREA_COLS} FROM areas WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

pub async fn exists(db: &Db, id: AreaId) -> Result<bool, sqlx::Error> {
    let n: Option<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(n.is_some())
}

/// The first area in tree order, if there is one.
pub async fn first(db: &Db) -> Result<Option<AreaId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM areas ORDER BY path LIMIT 1")
        .fetch_optional(&db.pool)
        .await
}

/// The areas above `id`, from the top.
pub async fn ancestors(db: &Db, id: AreaId) -> Result<Vec<Area>, sqlx::Error> {
    sqlx::query_as(&format!(
        "WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM areas WHERE id = $1 \
         UNION ALL SELECT a.id, a.parent_id FROM areas a JOIN up ON a.id = up.parent_id) \
         SELECT {AREA_COLS} FROM areas WHERE id IN (SELECT id FROM up) AND id <> $1 ORDER BY depth"
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// The areas right below `id`, by name.
pub async fn children(db: &Db, id: AreaId) -> Result<Vec<Area>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {AREA_COLS} FROM areas WHERE parent_id = $1 ORDER BY name"
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// The ids of `id` and the areas above it (from its path).
async fn chain(conn: &mut sqlx::AnyConnection, id: AreaId) -> Result<Vec<i64>, sqlx::Error> {
    let path: Option<String> = sqlx::query_scalar("SELECT path FROM areas WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(path
        .map(|p| crate::domain::forum_rules::path_ids(&p))
        .unwrap_or_default())
}

/// Adds `delta` residents to `id` and every area above it (an area counts
/// the residents of the areas below it too).
async fn add_residents(conn: &mut sqlx::AnyConnection, id: AreaId, delta: i64) -> Result<(), sqlx::Error> {
    let ids = chain(conn, id).await?;
    if ids.is_empty() {
        return Ok(());
    }
    let list = (0..ids.len())
        .map(|i| format!("${}", i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("UPDATE areas SET resident_count = resident_count + $1 WHERE id IN ({list})");
    let mut q = sqlx::query(&sql).bind(delta);
    for i in ids {
        q = q.bind(i);
    }
    q.execute(&mut *conn).await?;
    Ok(())
}

/// One more resident of `id` (and of the areas above it), who joined at
/// `at` (also the area's latest activity).
pub async fn resident_joined(conn: &mut sqlx::AnyConnection, id: AreaId, at: i64) -> Result<(), sqlx::Error> {
    add_residents(conn, id, 1).await?;
    sqlx::query("UPDATE areas SET last_activity_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A resident moved from `from` to `to`.
pub async fn resident_moved(conn: &mut sqlx::AnyConnection, from: AreaId, to: AreaId) -> Result<(), sqlx::Error> {
    add_residents(conn, from, -1).await?;
    add_residents(conn, to, 1).await
}

/// An area as the official list's import sees it.
#[derive(FromRow, Debug, Clone)]
pub struct Coded {
    pub id: AreaId,
    pub parent_id: Option<AreaId>,
    pub code: Option<String>,
    pub name: String,
    pub level: String,
    pub kind_label: String,
    pub timezone: String,
    pub active: i64,
    pub local: i64,
    pub path: String,
    pub depth: i64,
}

/// Every area (for the import, which runs from the command line).
pub async fn everything(conn: &mut sqlx::AnyConnection) -> Result<Vec<Coded>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, parent_id, code, name, level, kind_label, timezone, active, local, path, depth FROM areas",
    )
    .fetch_all(&mut *conn)
    .await
}

pub async fn max_id(conn: &mut sqlx::AnyConnection) -> Result<i64, sqlx::Error> {
    let n: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM areas")
        .fetch_one(&mut *conn)
        .await?;
    Ok(n.unwrap_or(0))
}

/// A new area with its id and path chosen by the caller.
pub struct NewArea {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub code: Option<String>,
    pub name: String,
    pub level: &'static str,
    pub kind_label: String,
    pub timezone: String,
    pub path: String,
    pub depth: i64,
    pub local: bool,
}

/// Inserts `rows` a few hundred to a statement.
pub async fn insert_many(conn: &mut sqlx::AnyConnection, rows: &[NewArea]) -> Result<(), sqlx::Error> {
    const COLS: usize = 11;
    for chunk in rows.chunks(400) {
        let mut sql = String::from(
            "INSERT INTO areas (id, parent_id, code, name, level, kind_label, timezone, path, depth, local, search_key) VALUES ",
        );
        for i in 0..chunk.len() {
            let n = i * COLS;
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            sql.push_str(&(1..=COLS).map(|k| format!("${}", n + k)).collect::<Vec<_>>().join(","));
            sql.push(')');
        }
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q
                .bind(r.id)
                .bind(r.parent_id)
                .bind(r.code.clone())
                .bind(r.name.clone())
                .bind(r.level)
                .bind(r.kind_label.clone())
                .bind(r.timezone.clone())
                .bind(r.path.clone())
                .bind(r.depth)
                .bind(i64::from(r.local))
                .bind(crate::domain::official::search_key(&r.name));
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Sets what the official list says of an existing area (and makes it
/// active again).
pub async fn set_official(
    conn: &mut sqlx::AnyConnection,
    id: AreaId,
    code: &str,
    name: &str,
    kind: (&str, &str, &str),
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE areas SET code = $1, name = $2, level = $3, kind_label = $4, timezone = $5, search_key = $6, active = 1 WHERE id = $7",
    )
    .bind(code)
    .bind(name)
    .bind(kind.0)
    .bind(kind.1)
    .bind(kind.2)
    .bind(crate::domain::official::search_key(name))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_active(conn: &mut sqlx::AnyConnection, id: AreaId, active: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE areas SET active = $1 WHERE id = $2")
        .bind(i64::from(active))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// PostgreSQL's identity sequence after ids were chosen by the import.
pub async fn resync_ids(conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT setval(pg_get_serial_sequence('areas', 'id'), (SELECT MAX(id) FROM areas))")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Fills the search key of areas that have none (areas made before it
/// existed), a few hundred at a time.
pub async fn fill_search_keys(db: &Db) -> Result<(), sqlx::Error> {
    loop {
        let rows: Vec<(AreaId, String)> = sqlx::query_as("SELECT id, name FROM areas WHERE search_key = '' LIMIT 500")
            .fetch_all(&db.pool)
            .await?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut tx = db.pool.begin().await?;
        for (id, name) in rows {
            let key = match crate::domain::official::search_key(&name) {
                k if k.is_empty() => "-".to_owned(),
                k => k,
            };
            sqlx::query("UPDATE areas SET search_key = $1 WHERE id = $2")
                .bind(key)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
}

/// Active areas whose folded name starts with `key` (see
/// [`crate::domain::official::search_key`]), the larger ones first; or the
/// area with this official code. At most `limit`, read from the search
/// index alone (the names above each come from memory, see
/// [`names`]). The limit is written into the text, not bound: with only
/// the range bound, PostgreSQL settles on one generic plan for the
/// statement instead of planning every keystroke again (planning cost
/// three times the search itself).
pub async fn search(db: &Db, key: &str, code: Option<&str>, limit: i64) -> Result<Vec<Area>, sqlx::Error> {
    match code {
        Some(code) => {
            sqlx::query_as(&format!("SELECT {AREA_COLS} FROM areas WHERE code = $1 AND active = 1"))
                .bind(code)
                .fetch_all(&db.pool)
                .await
        }
        None => {
            sqlx::query_as(&format!(
                "SELECT {AREA_COLS} FROM areas \
                 WHERE search_key >= $1 AND search_key < $2 AND active = 1 ORDER BY search_key, depth, id LIMIT {limit}"
            ))
            .bind(key)
            .bind(format!("{key}~"))
            .fetch_all(&db.pool)
            .await
        }
    }
}

/// The names of these areas (unknown ids are left out).
pub async fn names(db: &Db, ids: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut q = Numbered::new("SELECT id, name FROM areas WHERE id IN (".to_owned());
    q.push_bind_list(ids.iter().copied()).push(")");
    q.build().build_query_as().fetch_all(&db.pool).await
}

/// The active areas right below `id` (the provinces for `None`), by name.
pub async fn active_children(db: &Db, id: Option<AreaId>) -> Result<Vec<Area>, sqlx::Error> {
    match id {
        Some(id) => {
            sqlx::query_as(&format!(
                "SELECT {AREA_COLS} FROM areas WHERE parent_id = $1 AND active = 1 ORDER BY name"
            ))
            .bind(id)
            .fetch_all(&db.pool)
            .await
        }
        None => {
            sqlx::query_as(&format!(
                "SELECT {AREA_COLS} FROM areas WHERE parent_id IS NULL AND active = 1 ORDER BY name"
            ))
            .fetch_all(&db.pool)
            .await
        }
    }
}

pub async fn get_in(conn: &mut sqlx::AnyConnection, id: AreaId) -> Result<Option<Area>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {AREA_COLS} FROM areas WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// Has `parent` an area below it with this folded name?
pub async fn child_named(conn: &mut sqlx::AnyConnection, parent: AreaId, key: &str) -> Result<bool, sqlx::Error> {
    let n: Option<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE parent_id = $1 AND search_key = $2 LIMIT 1")
        .bind(parent)
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(n.is_some())
}

/// The active area with this official code.
pub async fn by_code(db: &Db, code: &str) -> Result<Option<AreaId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM areas WHERE code = $1 AND active = 1")
        .bind(code)
        .fetch_optional(&db.pool)
        .await
}
