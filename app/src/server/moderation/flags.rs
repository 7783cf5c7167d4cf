//! Flags: anyone signed in reports an item to its area's moderators, once.
use super::{item, Kind};
use crate::db::flags::{self, Flagged, NewFlag};
use crate::db::Db;
use crate::domain::ids::UserId;
use crate::domain::moderation::flag_note;
use crate::error::{AppError, AppResult, Refusal};
use crate::model::Me;

/// Flags an item. Refused: a missing or non-public item (404), a deleted one,
/// a second flag by the same person. Returns the item's address.
pub async fn flag(db: &Db, me: &Me, kind: Kind, id: i64, reason: &str, note: &str, at: i64) -> AppResult<String> {
    let note = flag_note(reason, note)?;
    let it = item(db, kind, id).await?;
    if it.row.deleted != 0 {
        return Err(AppError::Refused {
            reason: Refusal::Deleted,
        });
    }
    let mut tx = db.pool.begin().await?;
    let flagged = Flagged {
        kind: it.kind,
        id: it.row.id,
        area_id: it.row.area_id,
        area_path: &it.row.area_path,
        author_id: it.row.author_id,
    };
    let queue = flags::enqueue(&mut tx, &flagged, at).await?;
    let flag = NewFlag {
        kind: it.kind,
        item_id: it.row.id,
        reporter: UserId(me.id),
        reason,
        note,
        queue,
    };
    if !flags::insert(&mut tx, &flag, at).await? {
        // Rolled back with the transaction: the count stays as it was.
        return Err(AppError::Refused {
            reason: Refusal::AlreadyFlagged,
        });
    }
    tx.commit().await?;
    Ok(it.url())
}
