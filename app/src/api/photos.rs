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
