//! Pages for errors, with the right HTTP status when rendered on the server.
use super::use_lang;
use crate::error::AppError;
use crate::i18n::{error_message, msg};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

#[cfg(feature = "ssr")]
fn set_status(code: u16) {
    if let (Some(res), Ok(status)) = (crate::server::response(), http::StatusCode::from_u16(code)) {
        res.set_status(status);
    }
}

#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    if error == AppError::NotSignedIn {
        let loc = use_location();
        let next = format!("{}{}", loc.pathname.get_untracked(), loc.search.get_untracked());
        let next = if next.starts_with('/') { next } else { "/".into() };
        return Either::Left(view! { <Redirect path=format!("/signin?next={}", urlencode(&next))/> });
    }
    #[cfg(feature = "ssr")]
    set_status(error.status());
    let title = match error {
        AppError::NotFound => m.not_found_title,
        AppError::Forbidden => m.forbidden_title,
        _ => m.error_title,
    };
    let text = if error == AppError::NotFound {
        m.not_found_text.to_owned()
    } else {
        error_message(lang, &error)
    };
    Either::Right(view! {
        <Title text=format!("{title} · Rembuk")/>
        <section class="status">
            <h1>{title}</h1>
            <p>{text}</p>
            <p><a href="/">{m.back_home}</a></p>
        </section>
    })
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorView error=AppError::NotFound/> }
}

/// Percent-encodes a path for use inside a query string.
pub use crate::domain::urlencode;
