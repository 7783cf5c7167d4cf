//! Who is asking and in which language: read once per request, on the
//! server, and handed to every page and component through the context.
use crate::error::AppError;
use crate::model::{Lang, SessionInfo};
use leptos::prelude::*;

/// The caller's session (signed in or not, their roles, a flash message).
pub type Session = Resource<Result<SessionInfo, AppError>>;

/// Provides the language and the session for this render. Pages are
/// rendered on the server only (islands aside, which take their texts as
/// props), so both are read from the request.
pub fn provide_session() {
    #[cfg(feature = "ssr")]
    provide_context(crate::server::request_ctx().lang);
    let session: Session = Resource::new_blocking(|| (), |_| crate::api::get_session());
    provide_context(session);
}

/// The session provided by [`provide_session`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The language this page renders in.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}
