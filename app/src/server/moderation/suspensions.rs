//! Suspensions and bans: moderators of an account's home area suspend it
//! (not a moderator's or an admin's: those are for admins); only admins lift
//! a ban.
use super::{areas, moderated, no_change, write_log};
use crate::db::mod_log::NewEntry;
use crate::db::suspensions::{self, AccountRow};
use crate::db::Db;
use crate::domain::ids::UserId;
use crate::domain::moderation::{reason, suspension_days, AccountAction, Detail, Subject};
use crate::domain::permissions::{may_lift, may_suspend};
use crate::error::{AppError, AppResult};
use crate::model::{AccountModeration, Lang, Me, Suspension};
use crate::server::users;
use crate::server::AppState;

async fn account(db: &Db, username: &str) -> AppResult<AccountRow> {
    suspensions::account(db, &username.trim().to_lowercase())
        .await?
        .ok_or(AppError::NotFound)
}

/// May `me` suspend this account? (See `permissions::may_suspend`.)
async fn may_suspend_account(st: &AppState, me: &Me, a: &AccountRow) -> AppResult<bool> {
    let db = &st.db;
    if a.id == UserId(me.id) {
        return Ok(false);
    }
    let path = areas::path(st, a.home_area_id.0).await?.unwrap_or_default();
    let moderated = moderated(st, me).await?;
    // The account's roles matter only to a moderator who is not an admin.
    let roles = if me.is_admin() || !crate::domain::permissions::moderates(me, &moderated, &path) {
        Vec::new()
    } else {
        users::roles_of(db, a.id.0).await?.into_iter().map(|r| r.role).collect()
    };
    Ok(may_suspend(me, &moderated, a.id, &path, &roles))
}

/// Suspends, bans or lifts either. Only admins lift a ban.
pub async fn suspend(
    st: &AppState,
    me: &Me,
    username: &str,
    action: AccountAction,
    why: &str,
    at: i64,
) -> AppResult<String> {
    let db = &st.db;
    let a = account(db, username).await?;
    if !may_suspend_account(st, me, &a).await? {
        return Err(AppError::Forbidden);
    }
    let banned = a.banned != 0;
    let active = banned || a.suspended_until.is_some_and(|t| t > at);
    if matches!(action, AccountAction::Lift) && !may_lift(me, banned) {
        return Err(AppError::Forbidden);
    }
    let why = reason("reason", why)?;
    let (until, ban) = match action {
        AccountAction::Suspend { days } => {
            let days = suspension_days(days)?;
            if banned {
                return Err(no_change());
            }
            (Some(at + days * 86_400), false)
        }
        AccountAction::Ban => {
            if banned {
                return Err(no_change());
            }
            (None, true)
        }
        AccountAction::Lift => {
            if !active {
                return Err(no_change());
            }
            (None, false)
        }
    };
    let lift = matches!(action, AccountAction::Lift);
    let path = areas::path(st, a.home_area_id.0).await?.unwrap_or_default();
    let mut tx = db.pool.begin().await?;
    suspensions::set(&mut tx, a.id, until, ban, (!lift).then_some(why.as_str())).await?;
    write_log(
        &mut tx,
        NewEntry {
            actor: UserId(me.id),
            action: action.log_action(),
            subject: Subject::User,
            item_id: a.id.0,
            target: Some(a.id),
            area: (a.home_area_id, &path),
            reason: &why,
            until,
            detail: Detail::None,
            ref_id: None,
            original: None,
        },
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(format!("/u/{}", username.trim()))
}

/// An account's moderation as its profile shows it to `me`.
pub async fn account_state(
    st: &AppState,
    lang: Lang,
    me: Option<&Me>,
    username: &str,
    at: i64,
) -> AppResult<AccountModeration> {
    let db = &st.db;
    let a = account(db, username).await?;
    let suspension = users::suspension(st, lang, a.home_area_id.0, a.banned, a.suspended_until, at)
        .await?
        .map(|until| Suspension {
            until,
            reason: a.suspension_reason.clone().unwrap_or_default(),
        });
    let can_suspend = match me {
        Some(me) => may_suspend_account(st, me, &a).await?,
        None => false,
    };
    Ok(AccountModeration {
        suspension,
        banned: a.banned != 0,
        can_suspend,
        can_lift_ban: can_suspend && me.is_some_and(Me::is_admin),
    })
}
