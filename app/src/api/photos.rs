//! Photos: their author removes them while the item can still change.
use crate::error::AppError;
use leptos::prelude::*;

/// Removes a photo the caller added, from an item that can still change
/// (a complaint not yet verified, a draft or open proposal, a post). The
/// browser goes back to the item's page.
#[server(endpoint = "remove_photo")]
pub async fn remove_photo(key: String) -> Result<(), AppError> {
    let me = super::forum::signed_in()?;
    let st = crate::server::state()?;
    crate::server::photos::remove(&st, &me, &key).await?;
    Ok(())
}

/// A moderator of the item's area hides one of its photos, with a reason
/// shown in the public log. Back to the item.
#[server(endpoint = "hide_photo")]
pub async fn hide_photo(key: String, reason: String) -> Result<(), AppError> {
    let me = super::forum::writer()?;
    let st = crate::server::state()?;
    let url = crate::server::moderation::hide_photo(&st, &me, &key, &reason, crate::server::time::now()).await?;
    leptos_axum::redirect(&url);
    Ok(())
}
