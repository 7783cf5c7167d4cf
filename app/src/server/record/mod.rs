//! The decision record: an append-only, hash-chained log of every state
//! change of a proposal and every official response. Each entry's `content`
//! is canonical JSON (keys in the order of [`Content`], no spaces, UTF-8);
//! its `hash` is SHA-256 over the previous entry's hash (64 lowercase hex
//! characters; the first entry follows [`GENESIS`]) followed by the content,
//! written as lowercase hex. Anyone can recompute the chain from an export.
use crate::db::record as store;
use crate::db::Db;
pub use store::{Entry, Filter};

pub mod corrections;
/// Entries as pages show them (apart, because it shows their corrections,
/// and corrections append to the record).
pub mod view;
use crate::error::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Named {
    pub id: i64,
    pub name: String,
}

/// Who did it: `None` for what the rules did by themselves (a proposal
/// reaching its support threshold).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Actor {
    pub username: String,
    pub name: String,
    /// resident, officer or admin
    pub role: String,
}

/// One entry, in the order its canonical JSON lists the keys. Every key is
/// always present (`null` where it does not apply).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Content {
    pub seq: i64,
    /// UTC, `2026-11-23T10:55:37Z`.
    pub at: String,
    /// `proposal`
    pub subject: String,
    pub subject_id: i64,
    pub title: String,
    /// What happened: `published`, `withdrawn`, `threshold_reached`,
    /// `response`, `progress`.
    pub event: String,
    /// The subject's state before and after.
    pub state_from: String,
    pub state_to: String,
    pub area: Named,
    pub agency: Option<Named>,
    pub actor: Option<Actor>,
    /// The date an official response is due (`YYYY-MM-DD`, the area's zone).
    pub due: Option<String>,
    /// An official response's text (Markdown, as written).
    pub text: Option<String>,
    /// Budget in rupiah, timeline and percent done, where given.
    pub budget: Option<i64>,
    pub timeline: Option<String>,
    pub progress: Option<i64>,
    /// Only in a `correction` entry, as its last key: what it corrects.
    /// (Entries of other events never carry the key, so every entry written
    /// before corrections existed keeps its canonical form.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
}

impl Content {
    /// Entry `seq`, written at `at` (Unix seconds): `event` moved `subject`
    /// number `subject_id` (its title, area and agency in `item`) from state
    /// `from` to `to`. The fields of an answer (due, text, budget, timeline,
    /// progress) start empty for the caller to fill.
    pub fn event(seq: i64, at: i64, item: Item, event: &str, from: &str, to: &str, actor: Option<Actor>) -> Content {
        Content {
            seq,
            at: utc(at),
            subject: item.subject.into(),
            subject_id: item.id,
            title: item.title,
            event: event.into(),
            state_from: from.into(),
            state_to: to.into(),
            area: item.area,
            agency: item.agency,
            actor,
            due: None,
            text: None,
            budget: None,
            timeline: None,
            progress: None,
            correction: None,
        }
    }
}

/// What every entry says of the item it is about.
pub struct Item {
    /// `proposal` or `complaint`
    pub subject: &'static str,
    pub id: i64,
    pub title: String,
    pub area: Named,
    pub agency: Option<Named>,
}

/// A correction of an official response or step: the entry it corrects, the
/// field, what it said and what is right, and why. In a private complaint's
/// entry `was`, `now` and `why` are null (the record says that something was
/// corrected, by whom and when, not what).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Correction {
    /// The seq of the entry corrected.
    pub corrects: i64,
    /// `text`, `budget` or `timeline`.
    pub field: String,
    /// Text as written (Markdown), timeline as text, budget in rupiah.
    pub was: Option<serde_json::Value>,
    pub now: Option<serde_json::Value>,
    pub why: Option<String>,
}

pub fn hash(prev_hash: &str, content: &str) -> String {
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(content.as_bytes());
    hex::encode(h.finalize())
}

/// `2026-11-23T10:55:37Z` for a unix time.
pub fn utc(at: i64) -> String {
    super::time::rfc3339(at)
}

/// Appends an entry inside the caller's transaction and returns its seq.
/// Taking the head row's lock first serializes appends on both backends.
pub async fn append(
    conn: &mut sqlx::AnyConnection,
    area_path: &str,
    make: impl FnOnce(i64) -> Content,
) -> AppResult<i64> {
    let head = store::next_seq(conn).await?;
    let (seq, prev) = (head.seq, head.hash);
    let content = make(seq);
    let text = serde_json::to_string(&content).map_err(|e| {
        tracing::error!("record entry {seq}: {e}");
        AppError::Internal
    })?;
    let hash = hash(&prev, &text);
    store::set_head_hash(conn, &hash).await?;
    store::insert(
        conn,
        &store::NewEntry {
            seq,
            created_at: super::time::now(),
            subject: &content.subject,
            subject_id: content.subject_id,
            event: &content.event,
            area_id: content.area.id,
            area_path,
            agency_id: content.agency.as_ref().map(|a| a.id),
            content: &text,
            prev_hash: &prev,
            hash: &hash,
        },
    )
    .await?;
    Ok(seq)
}

/// Up to `limit` entries after `after`, oldest first (keyset paging).
pub async fn page(db: &Db, f: &Filter, after: i64, limit: i64) -> AppResult<Vec<Entry>> {
    Ok(store::read(db, f, store::Start::After(after), limit).await?)
}

/// The newest entries first, before `before` (the public record page).
pub async fn newest(db: &Db, f: &Filter, before: Option<i64>, limit: i64) -> AppResult<Vec<Entry>> {
    Ok(store::read(db, f, store::Start::Before(before.unwrap_or(i64::MAX)), limit).await?)
}

/// Why the chain does not verify, naming the first entry that breaks it.
#[derive(Debug, PartialEq)]
pub struct Broken {
    pub seq: i64,
    pub reason: String,
}

/// Checks every entry in order: consecutive seqs from 1, each `prev_hash`
/// equal to the previous `hash`, each `hash` recomputed from its content,
/// each content naming its own seq, and the head pointing at the last one.
/// Returns the number of entries.
pub async fn verify(db: &Db) -> AppResult<Result<i64, Broken>> {
    let mut prev = GENESIS.to_owned();
    let mut expected = 1;
    loop {
        let entries = page(db, &Filter::default(), expected - 1, 1000).await?;
        if entries.is_empty() {
            break;
        }
        for e in entries {
            let broken = |reason: &str| {
                Ok(Err(Broken {
                    seq: e.seq,
                    reason: reason.into(),
                }))
            };
            if e.seq != expected {
                return Ok(Err(Broken {
                    seq: expected,
                    reason: format!("missing: the next entry is {}", e.seq),
                }));
            }
            if e.prev_hash != prev {
                return broken("prev_hash is not the previous entry's hash");
            }
            if hash(&e.prev_hash, &e.content) != e.hash {
                return broken("hash does not match prev_hash and content");
            }
            match serde_json::from_str::<Content>(&e.content) {
                Ok(c) if c.seq == e.seq && c.subject == e.subject && c.subject_id == e.subject_id => {}
                Ok(_) => return broken("content names another entry"),
                Err(_) => return broken("content is not a record entry"),
            }
            prev = e.hash;
            expected += 1;
        }
    }
    let store::Head { seq, hash } = store::head(db).await?;
    if seq != expected - 1 || hash != prev {
        return Ok(Err(Broken {
            seq: expected,
            reason: format!("the chain ends at {} but its head says {seq}", expected - 1),
        }));
    }
    Ok(Ok(expected - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(1_795_430_137), "2026-11-23T10:35:37Z");
    }

    #[test]
    fn hash_is_sha256_of_prev_then_content() {
        // printf '%s%s' 0000…0000 '{}' | sha256sum
        assert_eq!(
            hash(GENESIS, "{}"),
            "5508d2b710e64bc470079e1b211d9c58e21011e59d0559e422345dc19d659a75"
        );
    }
}
