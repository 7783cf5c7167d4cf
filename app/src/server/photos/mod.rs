//! Photos on complaints, proposals and posts: checked and converted before
//! the item's transaction (`prepare`), stored in it (`attach`), and served
//! only to those who may read the item (`serve`).
//!
//! A form with photos is posted as `multipart/form-data`; the server's
//! upload layer reads its files into [`Uploads`] (a request extension) and
//! hands the server function the rest of the form as an ordinary one.
pub mod process;

use crate::db::photos::{self as rows, Item};
use crate::domain::complaint::Access;
use crate::domain::permissions::moderates;
use crate::error::{AppError, AppResult, FieldProblem, PhotoProblem, Problems};
use crate::model::{GeoPoint, Me, PhotoView};
use crate::server::AppState;
pub use process::{Processed, MAX_BYTES};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Most photos on one item.
pub const MAX_PHOTOS: usize = 4;

/// One file of a form's `photos` field.
#[derive(Debug, Clone)]
pub struct Upload {
    pub bytes: Vec<u8>,
    /// Larger than [`MAX_BYTES`]: the layer stopped reading it.
    pub too_large: bool,
}

/// The files of this request's form (none for a form without photos).
#[derive(Debug, Clone, Default)]
pub struct Uploads(pub Arc<Vec<Upload>>);

/// The photos sent with the form this server function is answering.
pub fn uploads() -> Uploads {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<Uploads>().cloned())
        .unwrap_or_default()
}

/// Photos converted at once across the process: each takes a core (and up
/// to a few hundred MB while a 48-megapixel photo is decoded).
fn converting() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    &SLOTS
}

/// The cheap checks of a form's photos (`room`: how many more the item may
/// have): their number, size and kind, from the first bytes. Problems go to
/// field `photos`, with the form's others.
pub fn check(p: &mut Problems, uploads: &Uploads, room: usize) {
    let files = &uploads.0;
    if files.len() > room {
        p.add("photos", FieldProblem::TooManyPhotos { max: MAX_PHOTOS as u32 });
        return;
    }
    for (i, file) in files.iter().enumerate() {
        let n = i as u32 + 1;
        let why = if file.too_large {
            PhotoProblem::TooLarge {
                mb: (MAX_BYTES / (1024 * 1024)) as u32,
            }
        } else if !process::sniffed(&file.bytes) {
            PhotoProblem::NotImage
        } else {
            continue;
        };
        p.add("photos", FieldProblem::Photo { n, why });
    }
}

/// Decodes and converts the form's photos (after [`check`], for a form
/// that is otherwise right): every photo that fails is named at once.
pub async fn convert(uploads: &Uploads) -> AppResult<Vec<Processed>> {
    let files = uploads.0.clone();
    let mut p = Problems::default();
    let mut done = Vec::with_capacity(files.len());
    for i in 0..files.len() {
        let n = i as u32 + 1;
        let Ok(_slot) = converting().acquire().await else {
            return Err(AppError::Internal);
        };
        let files = files.clone();
        match tokio::task::spawn_blocking(move || process::process(&files[i].bytes)).await {
            Ok(Ok(photo)) => done.push(photo),
            Ok(Err(why)) => p.add("photos", FieldProblem::Photo { n, why }),
            Err(e) => {
                tracing::error!("converting a photo failed: {e}");
                return Err(AppError::Internal);
            }
        }
    }
    p.done()?;
    Ok(done)
}

/// Where photo files live when they are not kept in the database.
fn file_path(dir: &Path, key: &str, variant: &str) -> PathBuf {
    dir.join(&key[..2]).join(format!("{key}-{variant}.jpg"))
}

fn new_key() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Stores converted photos on `item`, in the caller's transaction, after
/// the photos it has. With a photo directory configured the copies are
/// written there first (a file whose row is never committed is unreachable:
/// its name is its random key).
pub async fn attach(
    tx: &mut sqlx::AnyConnection,
    st: &AppState,
    item: Item,
    author: i64,
    photos: &[Processed],
    at: i64,
) -> AppResult<()> {
    if photos.is_empty() {
        return Ok(());
    }
    let first = rows::max_position(tx, item).await? + 1;
    if first - 1 + photos.len() as i64 > MAX_PHOTOS as i64 {
        return Err(AppError::field(
            "photos",
            FieldProblem::TooManyPhotos { max: MAX_PHOTOS as u32 },
        ));
    }
    let dir = st.config.photo_dir.as_deref();
    for (i, ph) in photos.iter().enumerate() {
        let key = new_key();
        if let Some(dir) = dir {
            for (variant, bytes) in [("d", &ph.display), ("t", &ph.thumb)] {
                let path = file_path(dir, &key, variant);
                let write = async {
                    if let Some(parent) = path.parent() {
                        tokio::fs::create_dir_all(parent).await?;
                    }
                    tokio::fs::write(&path, bytes).await
                };
                write.await.map_err(|e| {
                    tracing::error!("writing a photo to {}: {e}", path.display());
                    AppError::Internal
                })?;
            }
        }
        let id = rows::insert(
            tx,
            &rows::NewPhoto {
                key: &key,
                item,
                author_id: author,
                position: first + i as i64,
                width: i64::from(ph.width),
                height: i64::from(ph.height),
                thumb_width: i64::from(ph.thumb_width),
                thumb_height: i64::from(ph.thumb_height),
                display_size: ph.display.len() as i64,
                thumb_size: ph.thumb.len() as i64,
                in_db: dir.is_none(),
                created_at: at,
            },
        )
        .await?;
        if dir.is_none() {
            rows::insert_data(tx, id, "d", &ph.display).await?;
            rows::insert_data(tx, id, "t", &ph.thumb).await?;
        }
    }
    Ok(())
}

/// What decides who sees an item's photos.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct Gate {
    pub author_id: i64,
    /// Complaints: 1 when private.
    pub private: i64,
    pub agency_id: Option<i64>,
    /// The item (or its thread) is hidden by a moderator, or deleted.
    pub gone: i64,
    /// Proposals: a draft; complaints: no longer only received; posts:
    /// never. The author can then no longer remove photos.
    pub settled: i64,
    pub area_path: String,
}

pub async fn gate<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(ex: E, item: Item) -> AppResult<Option<Gate>> {
    let sql = match item {
        Item::Complaint(_) => {
            "SELECT author_id, private, agency_id, \
             CASE WHEN hidden_at IS NULL THEN 0 ELSE 1 END AS gone, \
             CASE WHEN state = 'received' THEN 0 ELSE 1 END AS settled, area_path \
             FROM complaints WHERE id = $1"
        }
        Item::Proposal(_) => {
            "SELECT author_id, CASE WHEN state = 'draft' THEN 1 ELSE 0 END AS private, agency_id, \
             CASE WHEN hidden_at IS NULL THEN 0 ELSE 1 END AS gone, \
             CASE WHEN state IN ('draft', 'open') THEN 0 ELSE 1 END AS settled, area_path \
             FROM proposals WHERE id = $1"
        }
        Item::Post(_) => {
            "SELECT p.author_id, 0 AS private, CAST(NULL AS BIGINT) AS agency_id, \
             CASE WHEN p.hidden_at IS NULL AND p.deleted_at IS NULL AND t.hidden_at IS NULL THEN 0 ELSE 1 END AS gone, \
             0 AS settled, t.area_path \
             FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1"
        }
    };
    Ok(sqlx::query_as(sql).bind(item.id()).fetch_optional(ex).await?)
}

impl Gate {
    /// May `me` see the item's photos at all? A private complaint: its
    /// parties; a draft: its author; a hidden or deleted item: admins only.
    pub fn readable(&self, item: Item, me: Option<&Me>) -> bool {
        let admin = me.is_some_and(Me::is_admin);
        if self.gone != 0 {
            return admin;
        }
        match item {
            Item::Complaint(_) => Access {
                author: crate::domain::ids::UserId(self.author_id),
                agency: self.agency_id.map(crate::domain::ids::AgencyId),
                private: self.private != 0,
            }
            .visible_to(me),
            Item::Proposal(_) => self.private == 0 || me.is_some_and(|m| m.id == self.author_id),
            Item::Post(_) => true,
        }
    }

    /// Only its parties may ever read it: its photos are never cached by
    /// anyone in between.
    pub fn is_private(&self, item: Item) -> bool {
        self.private != 0 || self.gone != 0 || matches!(item, Item::Proposal(_) if self.private != 0)
    }

    fn removable(&self, me: Option<&Me>) -> bool {
        me.is_some_and(|m| m.id == self.author_id) && self.gone == 0 && self.settled == 0
    }
}

/// An item's photos for its page, as `me` may see them (none when `me` may
/// not read the item, which its page has already refused).
pub async fn of_item(st: &AppState, me: Option<&Me>, item: Item) -> AppResult<Vec<PhotoView>> {
    let mut conn = st.db.pool.acquire().await?;
    let (list, gate) = rows_of(&mut conn, item).await?;
    drop(conn);
    views(st, me, item, list, gate).await
}

/// An item's photos and (when it has any) who may see them, read on `conn`.
pub async fn rows_of(conn: &mut sqlx::AnyConnection, item: Item) -> AppResult<(Vec<rows::Row>, Option<Gate>)> {
    let list = rows::of_item(&mut *conn, item).await?;
    if list.is_empty() {
        return Ok((list, None));
    }
    Ok((list, gate(&mut *conn, item).await?))
}

/// The photos [`rows_of`] read, as `me` may see them.
pub async fn views(
    st: &AppState,
    me: Option<&Me>,
    item: Item,
    list: Vec<rows::Row>,
    gate: Option<Gate>,
) -> AppResult<Vec<PhotoView>> {
    let Some(gate) = gate.filter(|g| g.readable(item, me)) else {
        return Ok(Vec::new());
    };
    let moderated = match me {
        Some(_) => crate::server::areas::moderated_paths(st, me).await?,
        None => Vec::new(),
    };
    let hideable = me.is_some_and(|m| moderates(m, &moderated, &gate.area_path) && m.id != gate.author_id);
    let removable = gate.removable(me);
    Ok(list.into_iter().map(|r| view(r, removable, hideable)).collect())
}

pub fn view(r: rows::Row, removable: bool, hideable: bool) -> PhotoView {
    let hidden = r.hidden_at.is_some();
    PhotoView {
        key: r.key,
        position: r.position,
        thumb_width: r.thumb_width,
        thumb_height: r.thumb_height,
        hidden,
        removable,
        hideable: hideable && !hidden,
    }
}

/// A photo's copy, for `GET /photos/{key}/{t|d}.jpg`.
pub struct Served {
    pub bytes: Vec<u8>,
    /// Only its item's parties may have it: never kept by shared caches.
    pub private: bool,
}

pub fn well_formed(key: &str) -> bool {
    key.len() == 32 && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The copy `variant` ('t' or 'd') of photo `key`, if `me` may see it;
/// otherwise not found (whether it exists is not told either).
pub async fn serve(st: &AppState, me: Option<&Me>, key: &str, variant: &str) -> AppResult<Served> {
    if !well_formed(key) || !matches!(variant, "t" | "d") {
        return Err(AppError::NotFound);
    }
    let row = rows::by_key(&st.db, key).await?.ok_or(AppError::NotFound)?;
    let item = Item::from_parts(&row.item_kind, row.item_id).ok_or(AppError::NotFound)?;
    let gate = gate(&st.db.pool, item).await?.ok_or(AppError::NotFound)?;
    let admin = me.is_some_and(Me::is_admin);
    if !gate.readable(item, me) || (row.hidden_at.is_some() && !admin) {
        return Err(AppError::NotFound);
    }
    let bytes = if row.in_db != 0 {
        rows::data(&st.db, row.id, variant).await?
    } else {
        match st.config.photo_dir.as_deref() {
            Some(dir) => tokio::fs::read(file_path(dir, key, variant)).await.ok(),
            None => None,
        }
    };
    let bytes = bytes.ok_or(AppError::NotFound)?;
    Ok(Served {
        bytes,
        private: gate.is_private(item) || row.hidden_at.is_some(),
    })
}

/// Removes photo `key` for its author, while the item can still change.
pub async fn remove(st: &AppState, me: &Me, key: &str) -> AppResult<Item> {
    if !well_formed(key) {
        return Err(AppError::NotFound);
    }
    let row = rows::by_key(&st.db, key).await?.ok_or(AppError::NotFound)?;
    let item = Item::from_parts(&row.item_kind, row.item_id).ok_or(AppError::NotFound)?;
    let gate = gate(&st.db.pool, item).await?.ok_or(AppError::NotFound)?;
    if !gate.readable(item, Some(me)) {
        return Err(AppError::NotFound);
    }
    if !gate.removable(Some(me)) {
        return Err(AppError::Forbidden);
    }
    let mut tx = st.db.pool.begin().await?;
    rows::delete(&mut tx, row.id).await?;
    tx.commit().await?;
    if row.in_db == 0 {
        if let Some(dir) = st.config.photo_dir.as_deref() {
            for variant in ["d", "t"] {
                let _ = tokio::fs::remove_file(file_path(dir, key, variant)).await;
            }
        }
    }
    Ok(item)
}

/// Indonesia's bounds, with a margin for its outer islands' waters.
const LAT_E6: (i64, i64) = (-11_500_000, 6_500_000);
const LON_E6: (i64, i64) = (94_500_000, 141_500_000);

fn parse_e6(s: &str) -> Option<i64> {
    let s = s.trim().replace(',', ".");
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_owned()),
        None => (false, s.strip_prefix('+').unwrap_or(&s).to_owned()),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((&digits, ""));
    let ok = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || frac.len() > 12 || !ok(whole) || !ok(frac) {
        return None;
    }
    let mut frac6: String = frac.chars().take(6).collect();
    while frac6.len() < 6 {
        frac6.push('0');
    }
    let v = whole.parse::<i64>().ok()? * 1_000_000 + frac6.parse::<i64>().ok()?;
    Some(if neg { -v } else { v })
}

/// A point from the form's `lat` and `lon` fields: none when both are empty;
/// problems on field `lat`.
pub fn point(p: &mut Problems, lat: &str, lon: &str) -> Option<GeoPoint> {
    if lat.trim().is_empty() && lon.trim().is_empty() {
        return None;
    }
    match (parse_e6(lat), parse_e6(lon)) {
        (Some(lat_e6), Some(lon_e6)) => {
            if (LAT_E6.0..=LAT_E6.1).contains(&lat_e6) && (LON_E6.0..=LON_E6.1).contains(&lon_e6) {
                Some(GeoPoint { lat_e6, lon_e6 })
            } else {
                p.add("lat", FieldProblem::OutsideIndonesia);
                None
            }
        }
        _ => {
            p.add("lat", FieldProblem::Coordinates);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_read_exactly_and_bounded() {
        assert_eq!(parse_e6("-8.6705"), Some(-8_670_500));
        assert_eq!(parse_e6(" 115,2126 "), Some(115_212_600));
        assert_eq!(parse_e6("+1.0000009"), Some(1_000_000));
        for bad in ["", "-", "1e5", "8.6.7", "abc", "1234.5", "NaN", "inf", "- 8"] {
            assert_eq!(parse_e6(bad), None, "{bad}");
        }
        let mut p = Problems::default();
        assert!(point(&mut p, "", " ").is_none() && !p.has("lat"));
        assert!(point(&mut p, "-8.67", "115.21").is_some() && !p.has("lat"));
        assert!(point(&mut p, "48.85", "2.35").is_none() && p.has("lat"));
        let mut p = Problems::default();
        assert!(point(&mut p, "-8.67", "").is_none() && p.has("lat"));
    }

    #[test]
    fn keys_are_random_hex_and_checked() {
        let (a, b) = (new_key(), new_key());
        assert!(well_formed(&a) && a != b);
        assert!(!well_formed("../../etc/passwd") && !well_formed(&a.to_uppercase()));
    }
}
