//! The decision record's tables: `record` (the hash-chained entries) and
//! `record_head` (the last seq and hash, whose row lock serializes appends).
use super::numbered::Numbered;
use super::Db;
use serde::{Deserialize, Serialize};

/// One stored entry, as exported.
#[derive(sqlx::FromRow, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Entry {
    pub seq: i64,
    pub created_at: i64,
    pub subject: String,
    pub subject_id: i64,
    pub event: String,
    pub area_id: i64,
    pub agency_id: Option<i64>,
    pub content: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The columns of an [`Entry`], from `record r` (for joins).
pub const ENTRY_FIELDS: &str =
    "r.seq, r.created_at, r.subject, r.subject_id, r.event, r.area_id, r.agency_id, r.content, r.prev_hash, r.hash";

/// Which entries a list or an export shows.
#[derive(Default, Clone, Debug)]
pub struct Filter {
    /// The area's path: it and its sub-areas.
    pub area_path: Option<String>,
    pub agency_id: Option<i64>,
    pub subject: Option<(String, i64)>,
    /// Only entries about this kind of subject (`proposal`, `complaint`).
    pub kind: Option<&'static str>,
}

/// Where a keyset page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Entries after this seq, oldest first.
    After(i64),
    /// Entries before this seq, newest first.
    Before(i64),
}

/// The chain's head: the last seq and its hash.
#[derive(sqlx::FromRow, Debug, Clone, PartialEq)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
}

/// A new entry's row (its content already canonical JSON).
pub struct NewEntry<'a> {
    pub seq: i64,
    pub created_at: i64,
    pub subject: &'a str,
    pub subject_id: i64,
    pub event: &'a str,
    pub area_id: i64,
    pub area_path: &'a str,
    pub agency_id: Option<i64>,
    pub content: &'a str,
    pub prev_hash: &'a str,
    pub hash: &'a str,
}

/// Takes the next seq (and the head row's lock, until the caller's
/// transaction ends); returns it with the previous entry's hash.
pub async fn next_seq(conn: &mut sqlx::AnyConnection) -> Result<Head, sqlx::Error> {
    sqlx::query_as("UPDATE record_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
        .fetch_one(&mut *conn)
        .await
}

pub async fn set_head_hash(conn: &mut sqlx::AnyConnection, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE record_head SET hash = $1 WHERE id = 1")
        .bind(hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn insert(conn: &mut sqlx::AnyConnection, e: &NewEntry<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO record (seq, created_at, subject, subject_id, event, area_id, area_path, agency_id, \
         content, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(e.seq)
    .bind(e.created_at)
    .bind(e.subject)
    .bind(e.subject_id)
    .bind(e.event)
    .bind(e.area_id)
    .bind(e.area_path)
    .bind(e.agency_id)
    .bind(e.content)
    .bind(e.prev_hash)
    .bind(e.hash)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The head as stored (to check the chain against).
pub async fn head(db: &Db) -> Result<Head, sqlx::Error> {
    sqlx::query_as("SELECT seq, hash FROM record_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await
}

/// The seq of a subject's entry of `event`, if there is one.
pub async fn seq_of_event(
    conn: &mut sqlx::AnyConnection,
    subject: &str,
    subject_id: i64,
    event: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT seq FROM record WHERE subject = $1 AND subject_id = $2 AND event = $3")
        .bind(subject)
        .bind(subject_id)
        .bind(event)
        .fetch_optional(&mut *conn)
        .await
}

/// Up to `limit` entries from `from`, in its order, that `f` lets through.
pub async fn read(db: &Db, f: &Filter, from: Start, limit: i64) -> Result<Vec<Entry>, sqlx::Error> {
    read_query(f, from, limit)
        .build()
        .build_query_as()
        .fetch_all(db.pool_for(f.area_path.is_some()))
        .await
}

fn read_query(f: &Filter, from: Start, limit: i64) -> Numbered<'static> {
    let mut q = Numbered::new(format!("SELECT {ENTRY_FIELDS} FROM record r WHERE "));
    let order = match from {
        Start::After(seq) => {
            q.push("seq > ").push_bind(seq);
            " ORDER BY seq LIMIT "
        }
        Start::Before(seq) => {
            q.push("seq < ").push_bind(seq);
            " ORDER BY seq DESC LIMIT "
        }
    };
    if let Some(p) = &f.area_path {
        // A path and every path under it: `…/` up to (not including) `…0`.
        let end = format!("{}0", p.trim_end_matches('/'));
        q.push(" AND area_path >= ").push_bind(p.clone());
        q.push(" AND area_path < ").push_bind(end);
    }
    if let Some(a) = f.agency_id {
        q.push(" AND agency_id = ").push_bind(a);
    }
    if let Some((s, id)) = &f.subject {
        q.push(" AND subject = ").push_bind(s.clone());
        q.push(" AND subject_id = ").push_bind(*id);
    }
    if let Some(k) = f.kind {
        q.push(" AND subject = ").push_bind(k);
    }
    q.push(order).push_bind(limit);
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_is_bound() {
        let f = Filter {
            area_path: Some("1/2/".into()),
            agency_id: Some(3),
            subject: Some(("proposal".into(), 4)),
            kind: Some("proposal"),
        };
        let q = read_query(&f, Start::Before(10), 5);
        assert_eq!(
            q.sql(),
            format!(
                "SELECT {ENTRY_FIELDS} FROM record r WHERE seq < $1 AND area_path >= $2 AND area_path < $3 \
                 AND agency_id = $4 AND subject = $5 AND subject_id = $6 AND subject = $7 ORDER BY seq DESC LIMIT $8"
            )
        );
        let q = read_query(&Filter::default(), Start::After(0), 5);
        assert_eq!(
            q.sql(),
            format!("SELECT {ENTRY_FIELDS} FROM record r WHERE seq > $1 ORDER BY seq LIMIT $2")
        );
    }
}
