//! Moderation: flags, the queue, moderators' actions, suspensions, the
//! public log and appeals. Reads of the log are public; the queue is for
//! moderators; every write needs a signed-in account that is not suspended
//! (an appeal excepted), and `server::moderation` checks the area.
#![allow(clippy::too_many_arguments)]
use crate::error::AppError;
use crate::model::{LogEntryPage, LogPage, QueuePage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::ids::{AreaId, CategoryId, ModLogId, ProposalId},
    domain::parse_id,
    error::FieldProblem,
    server::{
        for_page,
        limits::Write,
        moderation::{self, AccountAction, Action, Kind},
        request_ctx, state,
        time::now,
    },
};

#[cfg(feature = "ssr")]
use super::{
    forum::{limit, number, signed_in, spend, writer},
    proposal::optional,
};

/// Flags a post (a thread is its opening post), proposal or public complaint.
#[server(endpoint = "flag")]
pub async fn flag(kind: String, id: String, reason: String, #[server(default)] note: String) -> Result<(), AppError> {
    let me = writer()?;
    let kind = Kind::parse(kind.trim()).ok_or(AppError::NotFound)?;
    let id = number(&id)?;
    let permit = limit(Some(&me), Write::Flag, None).await?;
    let url = moderation::flag(&state()?.db, &me, kind, id, reason.trim(), &note, now()).await?;
    spend(permit).await;
    // Back to the item, which then thanks the person for this flag; the
    // thanks takes focus, which brings the item into view (a fragment would
    // cancel that focus).
    let path = url.split_once('#').map_or(url.as_str(), |(p, _)| p);
    let sep = if path.contains('?') { '&' } else { '?' };
    leptos_axum::redirect(&format!("{path}{sep}flagged={}-{id}", kind.code()));
    Ok(())
}

/// A moderator's action: `kind` post, proposal or complaint with hide,
/// restore, redact (`text`), dismiss or merge (`into`); `kind` thread with
/// lock, unlock, pin, unpin or move (`area_id`, `category_id`).
#[server(endpoint = "moderate")]
pub async fn moderate(
    kind: String,
    id: String,
    action: String,
    reason: String,
    #[server(default)] text: String,
    #[server(default)] area_id: String,
    #[server(default)] category_id: String,
    #[server(default)] into: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let id = number(&id)?;
    let code = action.trim().to_owned();
    let action = match action.trim() {
        "hide" => Action::Hide,
        "restore" => Action::Restore,
        "redact" => Action::Redact(text),
        "dismiss" => Action::Dismiss,
        "lock" => Action::Lock,
        "unlock" => Action::Unlock,
        "pin" => Action::Pin,
        "unpin" => Action::Unpin,
        "move" => Action::Move {
            area_id: AreaId(parse_id("area_id", &area_id)?),
            category_id: CategoryId(parse_id("category_id", &category_id)?),
        },
        "merge" => Action::Merge {
            into: ProposalId(parse_id("into", &into)?),
        },
        _ => return Err(AppError::BadRequest),
    };
    let st = state()?;
    let url = moderation::act(&st, &me, kind.trim(), id, action, &reason, now()).await?;
    // A hidden item leaves its area's page at once.
    st.caches.areas.highlights.clear();
    // Acting from the queue goes back to the queue, saying what was done
    // (no fragment: a page opened at one gives no element autofocus).
    let url = if back == "queue" {
        format!("/moderation?done={code}")
    } else {
        url
    };
    leptos_axum::redirect(&url);
    Ok(())
}

/// Suspends an account for `days`, bans it, or lifts either (`action`
/// suspend, ban or lift).
#[server(endpoint = "suspend")]
pub async fn suspend(
    username: String,
    action: String,
    reason: String,
    #[server(default)] days: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let action = match action.trim() {
        "suspend" => AccountAction::Suspend {
            days: days
                .trim()
                .parse()
                .map_err(|_| AppError::field("days", FieldProblem::Invalid))?,
        },
        "ban" => AccountAction::Ban,
        "lift" => AccountAction::Lift,
        _ => return Err(AppError::BadRequest),
    };
    let url = moderation::suspend(&state()?, &me, &username, action, &reason, now()).await?;
    leptos_axum::redirect(&url);
    Ok(())
}

/// The author's one appeal of an action on their post or account (open to
/// suspended accounts: that is what it is for).
#[server(endpoint = "appeal")]
pub async fn appeal(id: String, reason: String) -> Result<(), AppError> {
    let me = signed_in()?;
    let id = number(&id)?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    let url = moderation::appeal(&state()?.db, &me, ModLogId(id), &reason, now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&url);
    Ok(())
}

/// Decides an open appeal: `outcome` upheld or reversed.
#[server(endpoint = "decide_appeal")]
pub async fn decide_appeal(id: String, outcome: String, reason: String) -> Result<(), AppError> {
    let me = writer()?;
    let id = number(&id)?;
    let reverse = match outcome.trim() {
        "upheld" => false,
        "reversed" => true,
        _ => return Err(AppError::field("outcome", FieldProblem::Invalid)),
    };
    let url = moderation::decide(&state()?, &me, ModLogId(id), reverse, &reason, now()).await?;
    leptos_axum::redirect(&url);
    Ok(())
}

#[server(endpoint = "mod_queue")]
pub async fn get_queue(#[server(default)] redact: String) -> Result<QueuePage, AppError> {
    let page = async {
        let me = signed_in()?;
        // `post-12`: edit personal data out of that item.
        let redact = match redact.split_once('-') {
            Some((kind, id)) => Some((moderation::Kind::parse(kind).ok_or(AppError::BadRequest)?, number(id)?)),
            None if redact.is_empty() => None,
            None => return Err(AppError::BadRequest),
        };
        moderation::queue(&state()?, request_ctx().lang, &me, redact).await
    };
    for_page(page.await)
}

#[server(endpoint = "mod_log")]
pub async fn get_mod_log(
    #[server(default)] area: String,
    #[server(default)] moderator: String,
    #[server(default)] before: String,
) -> Result<LogPage, AppError> {
    let page = async {
        let moderator: String = moderator.chars().take(64).collect();
        moderation::log_page(
            &state()?,
            request_ctx().lang,
            optional(&area).filter(|a| *a > 0).map(AreaId),
            &moderator,
            optional(&before).filter(|b| *b > 0).map(ModLogId),
        )
        .await
    };
    for_page(page.await)
}

#[server(endpoint = "mod_entry")]
pub async fn get_mod_entry(id: String) -> Result<LogEntryPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        moderation::entry_page(&state()?, ctx.lang, ctx.me.as_ref(), ModLogId(number(&id)?)).await
    };
    for_page(page.await)
}
