//! A moderator hides one photo of an item (a face, an identity card), with
//! a reason in the public log; the item itself stays.
use super::{item, moderated, no_change, write_log, Kind};
use crate::db::mod_log::NewEntry;
use crate::db::photos as rows;
use crate::domain::ids::UserId;
use crate::domain::moderation::{reason, Detail, LogAction};
use crate::domain::permissions::may_act;
use crate::error::{AppError, AppResult};
use crate::model::Me;
use crate::server::AppState;

/// Hides photo `key`; returns the item's address.
pub async fn hide_photo(st: &AppState, me: &Me, key: &str, why: &str, at: i64) -> AppResult<String> {
    let why = reason("reason", why)?;
    let photo = match crate::server::photos::well_formed(key) {
        true => rows::by_key(&st.db, key).await?,
        false => None,
    };
    let photo = photo.ok_or(AppError::NotFound)?;
    let kind = Kind::parse(&photo.item_kind).ok_or(AppError::NotFound)?;
    // As the public sees the item: a private complaint is not found.
    let it = item(&st.db, kind, photo.item_id).await?;
    let mine = moderated(st, me).await?;
    if !may_act(me, &mine, &it.row.area_path, Some(it.row.author_id)) {
        return Err(AppError::Forbidden);
    }
    let mut tx = st.db.pool.begin().await?;
    let entry = NewEntry {
        actor: UserId(me.id),
        action: LogAction::HidePhoto,
        subject: it.kind.into(),
        item_id: it.row.id,
        target: Some(it.row.author_id),
        area: (it.row.area_id, &it.row.area_path),
        reason: &why,
        until: None,
        detail: Detail::Photo {
            position: photo.position,
        },
        ref_id: None,
        original: None,
    };
    let log_id = write_log(&mut tx, entry, at).await?;
    if rows::hide(&mut tx, photo.id, at, log_id.0).await? == 0 {
        return Err(no_change());
    }
    tx.commit().await?;
    Ok(it.url())
}
