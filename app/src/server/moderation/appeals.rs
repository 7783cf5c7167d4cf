//! Appeals: the author's one appeal of an action on their item or account,
//! and its decision by another moderator of the area or an admin.
use super::actions::{set_hidden, set_text};
use super::log::{log_row, may_decide_row};
use super::{item, write_log};
use crate::db::mod_log::{self, NewEntry};
use crate::db::moderation as items;
use crate::db::{appeals, suspensions, Db};
use crate::domain::ids::{ModLogId, ThreadId, UserId};
use crate::domain::moderation::{reason, AppealState, Detail, LogAction, Subject};
use crate::domain::permissions::is_appellant;
use crate::error::{AppError, AppResult, Refusal};
use crate::model::Me;
use crate::server::AppState;

fn not_appealable() -> AppError {
    AppError::Refused {
        reason: Refusal::NotAppealable,
    }
}

/// The author's one appeal of an action on their post or account.
pub async fn appeal(db: &Db, me: &Me, id: ModLogId, why: &str, at: i64) -> AppResult<String> {
    let r = log_row(db, id).await?;
    if !is_appellant(me, r.actor_id, r.target_id) {
        return Err(AppError::Forbidden);
    }
    if !LogAction::parse(&r.action).is_some_and(LogAction::appealable) {
        return Err(not_appealable());
    }
    let subject = Subject::parse(&r.item_kind).ok_or_else(not_appealable)?;
    let why = reason("reason", why)?;
    let mut tx = db.pool.begin().await?;
    if !appeals::open(&mut tx, id).await? {
        return Err(AppError::Refused {
            reason: Refusal::AlreadyAppealed,
        });
    }
    let area_id = mod_log::area_of(&mut tx, id).await?;
    write_log(
        &mut tx,
        NewEntry {
            actor: UserId(me.id),
            action: LogAction::Appeal,
            subject,
            item_id: r.item_id,
            target: None,
            area: (area_id, &r.area_path),
            reason: &why,
            until: None,
            detail: Detail::None,
            ref_id: Some(id),
            original: None,
        },
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(format!("/moderation/log/{id}"))
}

/// Decides the open appeal of action `id`: upheld, or reversed (the action
/// is undone). Logged, and the author told.
pub async fn decide(st: &AppState, me: &Me, id: ModLogId, reverse: bool, why: &str, at: i64) -> AppResult<String> {
    let db = &st.db;
    let r = log_row(db, id).await?;
    if r.appeal_state.as_deref().and_then(AppealState::parse) != Some(AppealState::Open) {
        return Err(not_appealable());
    }
    if !may_decide_row(st, me, &r).await? {
        return Err(AppError::Forbidden);
    }
    let why = reason("reason", why)?;
    let action = LogAction::parse(&r.action);
    let subject = Subject::parse(&r.item_kind).ok_or_else(not_appealable)?;
    // What undoing needs, read before the transaction.
    let undo_item = match (reverse, subject.kind(), action) {
        (true, Some(kind), Some(LogAction::Hide | LogAction::Redact)) => Some(item(db, kind, r.item_id).await?),
        _ => None,
    };
    let original = if reverse && action == Some(LogAction::Redact) {
        mod_log::original(db, id).await?
    } else {
        None
    };
    let mut tx = db.pool.begin().await?;
    if !appeals::decide(&mut tx, id, AppealState::decided(reverse)).await? {
        return Err(not_appealable());
    }
    // Undone only while still in force: a later action of the same kind on
    // the same item or account (a ban after the suspension appealed, a
    // second suspension, a lift, a new hide after a restore) replaced it,
    // and granting the old appeal must not undo that one.
    let replaced = match action {
        Some(a) if reverse => mod_log::any_later(&mut tx, id, &r.item_kind, r.item_id, a.same_effect()).await?,
        _ => false,
    };
    if reverse && !replaced {
        match (action, &undo_item) {
            (Some(LogAction::Hide), Some(it)) => {
                set_hidden(&mut tx, db, it.kind, &it.row, None, at).await?;
            }
            (Some(LogAction::Redact), Some(it)) => {
                set_text(&mut tx, db, it.kind, &it.row, original.as_deref().unwrap_or_default()).await?;
            }
            (Some(LogAction::Lock), _) => items::set_locked(&mut tx, ThreadId(r.item_id), None).await?,
            (Some(LogAction::Suspend | LogAction::Ban), _) => suspensions::clear(&mut tx, UserId(r.item_id)).await?,
            _ => {}
        }
    }
    let area_id = mod_log::area_of(&mut tx, id).await?;
    write_log(
        &mut tx,
        NewEntry {
            actor: UserId(me.id),
            action: LogAction::decision(reverse),
            subject,
            item_id: r.item_id,
            target: r.target_id,
            area: (area_id, &r.area_path),
            reason: &why,
            until: None,
            detail: Detail::None,
            ref_id: Some(id),
            original: None,
        },
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(format!("/moderation/log/{id}"))
}
