//! Notification choices, unsubscribe links, agency webhooks and the admins'
//! outbox.
use crate::error::AppError;
use crate::model::OutboxPage;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{ids::AgencyId, parse_id, require_admin},
    server::{for_page, notify, request_ctx, state},
};

/// Stores how each kind of notification is told (a kind left out keeps
/// its choice).
#[server(endpoint = "set_notify_prefs")]
pub async fn set_notify_prefs(
    #[server(default)] replies: String,
    #[server(default)] updates: String,
    #[server(default)] moderation: String,
    #[server(default)] desk_new: String,
    #[server(default)] desk_threshold: String,
    #[server(default)] deadlines: String,
    #[server(default)] desk_digest: String,
) -> Result<(), AppError> {
    // Account upkeep: open to a suspended person too.
    let me = request_ctx().me.ok_or(AppError::NotSignedIn)?;
    let st = state()?;
    let choices: Vec<(String, String)> = [
        ("replies", replies),
        ("updates", updates),
        ("moderation", moderation),
        ("desk_new", desk_new),
        ("desk_threshold", desk_threshold),
        ("deadlines", deadlines),
        ("desk_digest", desk_digest),
    ]
    .into_iter()
    .filter(|(_, how)| !how.is_empty())
    .map(|(k, how)| (k.to_owned(), how))
    .collect();
    let permit = super::forum::limit(Some(&me), crate::server::limits::Write::Other, None).await?;
    notify::set_prefs(&st.db, &me, &choices).await?;
    super::forum::spend(permit).await;
    leptos_axum::redirect("/settings?saved=notify");
    Ok(())
}

/// The kind an unsubscribe link stops, named in the reader's language; a
/// link we did not make is refused.
#[server(endpoint = "unsubscribe_link")]
pub async fn unsubscribe_link(
    #[server(default)] u: String,
    #[server(default)] k: String,
    #[server(default)] s: String,
) -> Result<String, AppError> {
    let page = async {
        let lang = request_ctx().lang;
        notify::check_unsubscribe(&state()?.db, &u, &k, &s).await?;
        Ok(crate::i18n::notify::stop_name(lang, k.trim()).to_owned())
    };
    for_page(page.await)
}

/// Follows an unsubscribe link from its page: no sign-in needed, the
/// signature is the proof.
#[server(endpoint = "unsubscribe")]
pub async fn unsubscribe(u: String, k: String, s: String) -> Result<(), AppError> {
    let ctx = request_ctx();
    let st = state()?;
    let permit = super::forum::limit(ctx.me.as_ref(), crate::server::limits::Write::Other, None).await?;
    let stop = notify::unsubscribe(&st.db, &u, &k, &s).await?;
    super::forum::spend(permit).await;
    let code = stop.map_or(crate::domain::notify::DAILY, |k| k.code());
    leptos_axum::redirect(&format!("/unsubscribe?done=1&k={code}"));
    Ok(())
}

/// What waits in the outbox and what failed (admins only).
#[server(endpoint = "outbox")]
pub async fn get_outbox(
    #[server(default)] before: String,
    #[server(default)] hooks_before: String,
) -> Result<OutboxPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        require_admin(ctx.me.as_ref())?;
        let before = before.trim().parse().unwrap_or(i64::MAX);
        let hooks_before = hooks_before.trim().parse().unwrap_or(i64::MAX);
        crate::server::mail::outbox_page(&state()?.db, ctx.lang, before, hooks_before).await
    };
    for_page(page.await)
}

/// Sets (or, with an empty address, removes) an agency's webhook (admins).
#[server(endpoint = "set_hook")]
pub async fn set_hook(
    area_id: String,
    agency_id: String,
    #[server(default)] hook_url: String,
    #[server(default)] hook_secret: String,
) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let st = state()?;
    let area = parse_id("area_id", &area_id)?;
    let agency = AgencyId(parse_id("agency_id", &agency_id)?);
    if crate::db::agencies::get(&st.db, agency).await?.is_none() {
        return Err(AppError::NotFound);
    }
    crate::server::hooks::set(&st.db, agency, &hook_url, &hook_secret).await?;
    tracing::info!(admin = me.id, agency = agency.0, "webhook set");
    leptos_axum::redirect(&format!("/admin/areas?area_id={area}&saved=hook"));
    Ok(())
}
