//! Registering, signing in and out, settings and language.
use crate::error::AppError;
use crate::model::{Lang, SessionInfo, SettingsPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{parse_id, safe_next, sign_in_password, DisplayName, NewPassword, Username},
    error::{FieldProblem, Problems},
    server::{
        areas, auth, flash, for_page, request_ctx, secrets, set_cookie, state, time::now, users, FLASH_COOKIE,
        LANG_COOKIE, SESSION_COOKIE,
    },
};

#[cfg(feature = "ssr")]
const YEAR: i64 = 365 * 86_400;

/// Who is signed in, plus a failed no-JS form waiting to be shown again.
#[server(endpoint = "session")]
pub async fn get_session() -> Result<SessionInfo, AppError> {
    let ctx = request_ctx();
    let flash = match use_context::<http::request::Parts>()
        .and_then(|p| crate::server::our_cookie(&p.headers, FLASH_COOKIE, ctx.secure).map(str::to_owned))
    {
        Some(token) => {
            set_cookie(FLASH_COOKIE, "", 0);
            flash::take(&state()?.db, &token, ctx.session_hash.as_deref()).await?
        }
        None => None,
    };
    let demo = state()?.db.is_demo();
    Ok(SessionInfo {
        me: ctx.me,
        flash,
        demo,
    })
}

#[cfg(feature = "ssr")]
fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

#[server(endpoint = "register")]
pub async fn register(
    username: String,
    display_name: String,
    password: String,
    password_confirm: String,
    home_area_id: String,
) -> Result<(), AppError> {
    let ctx = request_ctx();
    // A suspended or banned person does not get a fresh account from the
    // same browser.
    if ctx.me.as_ref().is_some_and(|me| !me.may_write()) {
        super::forum::writer()?;
    }
    let st = state()?;
    // Every field is checked, in the form's order, so the form comes back
    // with all its problems listed at once.
    let mut v = Problems::default();
    let area = v.take(parse_id("home_area_id", &home_area_id))?;
    if !v.has("home_area_id") {
        v.check(areas::home(&st, "home_area_id", area).await)?;
    }
    let username = v.check(Username::parse("username", &username))?;
    let display_name = v.check(DisplayName::parse("display_name", &display_name))?;
    let password = v.check(NewPassword::parse(
        "password",
        &password,
        "password_confirm",
        &password_confirm,
    ))?;
    v.done()?;
    let (Some(username), Some(display_name), Some(password)) = (username, display_name, password) else {
        return Err(AppError::Internal);
    };
    let permit = super::forum::limit(None, crate::server::limits::Write::Register, None).await?;
    let hash = secrets::hash_password(password.as_str().to_owned()).await?;
    let mut tx = st.db.pool.begin().await?;
    let new = users::NewUser {
        username: username.as_str(),
        display_name: display_name.as_str(),
        password_hash: &hash,
        home_area_id: area,
        lang: ctx.lang,
        at: now(),
    };
    let user_id = match users::insert(&mut tx, new).await {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => return Err(AppError::field("username", FieldProblem::Taken)),
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    super::forum::spend(permit).await;
    st.caches.areas.forget_areas();
    let token = auth::start_session(&st, user_id, ctx.session_hash.as_deref()).await?;
    set_cookie(SESSION_COOKIE, &token, st.config.session_days * 86_400);
    leptos_axum::redirect("/");
    Ok(())
}

/// Signs in; returns the person's language, which the page switches to.
#[server(endpoint = "sign_in")]
pub async fn sign_in(username: String, password: String, #[server(default)] next: String) -> Result<Lang, AppError> {
    let ctx = request_ctx();
    let st = state()?;
    let key = username.trim().to_ascii_lowercase();
    if key.is_empty() {
        return Err(AppError::field("username", FieldProblem::Required));
    }
    sign_in_password("password", &password)?;
    if key.len() > crate::domain::USERNAME_MAX {
        return Err(AppError::WrongCredentials);
    }
    // Counted before the password is checked (a wrong one stays counted).
    auth::begin_attempt(&st, &key, &ctx.client).await?;
    let creds = users::credentials_by_key(&st.db, &key).await?;
    let ok = secrets::verify_password(password, creds.as_ref().map(|c| c.password_hash.clone())).await;
    let creds = match creds {
        Some(c) if ok => c,
        _ => {
            tracing::info!(client = %ctx.client, "failed sign-in");
            return Err(AppError::WrongCredentials);
        }
    };
    auth::attempt_succeeded(&st, &key, &ctx.client).await?;
    let token = auth::start_session(&st, creds.id.0, ctx.session_hash.as_deref()).await?;
    set_cookie(SESSION_COOKIE, &token, st.config.session_days * 86_400);
    let lang = Lang::parse(&creds.lang).unwrap_or_default();
    set_cookie(LANG_COOKIE, lang.code(), YEAR);
    leptos_axum::redirect(&safe_next(&next));
    Ok(lang)
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let ctx = request_ctx();
    if let Some(hash) = ctx.session_hash {
        auth::end_session(&state()?, &hash).await?;
    }
    set_cookie(SESSION_COOKIE, "", 0);
    leptos_axum::redirect("/");
    Ok(())
}

/// Switches the interface language for this browser (and the person, when
/// signed in). Returns the new language so a hydrated page can re-render.
#[server(endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<Lang, AppError> {
    let ctx = request_ctx();
    let lang = Lang::parse(lang.trim()).ok_or_else(|| AppError::field("lang", FieldProblem::Unknown))?;
    if let Some(me) = &ctx.me {
        users::set_lang(&state()?.db, me.id, lang).await?;
    }
    set_cookie(LANG_COOKIE, lang.code(), YEAR);
    Ok(lang)
}

#[server(endpoint = "settings")]
pub async fn get_settings(#[server(default)] home_area_id: String) -> Result<SettingsPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let me = ctx.me.ok_or(AppError::NotSignedIn)?;
        let st = state()?;
        let area = home_area_id.trim().parse::<i64>().unwrap_or(me.home_area_id);
        let (email, email_pending) = crate::server::mail::addresses(&st.db, &me).await?;
        let notify = crate::server::notify::prefs(&st.db, &me).await?;
        Ok(SettingsPage {
            email,
            email_pending,
            notify,
            display_name: me.display_name,
            home_area_id: me.home_area_id,
            lang: ctx.lang,
            area_choice: areas::maybe_choice(&st, ctx.lang, Some(area), true).await?,
        })
    };
    for_page(page.await)
}

#[server(endpoint = "save_profile")]
pub async fn save_profile(display_name: String, home_area_id: String) -> Result<(), AppError> {
    let me = super::forum::writer()?;
    let st = state()?;
    let display_name = DisplayName::parse("display_name", &display_name)?;
    let area = parse_id("home_area_id", &home_area_id)?;
    if area == me.home_area_id {
        areas::chosen(&st, "home_area_id", area).await?;
    } else {
        areas::home(&st, "home_area_id", area).await?;
    }
    let permit = super::forum::limit(Some(&me), crate::server::limits::Write::Other, None).await?;
    users::save_profile(&st.db, &me, display_name.as_str(), area).await?;
    super::forum::spend(permit).await;
    st.caches.areas.forget_areas();
    leptos_axum::redirect("/settings?saved=profile");
    Ok(())
}

/// Sends a confirmation link to a new address (an empty one removes the
/// address). Nothing else is sent there until the link is followed.
#[server(endpoint = "set_email")]
pub async fn set_email(email: String) -> Result<(), AppError> {
    let ctx = request_ctx();
    let me = ctx.me.ok_or(AppError::NotSignedIn)?;
    let st = state()?;
    let permit = super::forum::limit(Some(&me), crate::server::limits::Write::Other, None).await?;
    let sent = crate::server::mail::set_address(&st, &me, ctx.lang, &email).await?;
    super::forum::spend(permit).await;
    leptos_axum::redirect(if sent {
        "/settings?saved=email_sent"
    } else {
        "/settings?saved=email_removed"
    });
    Ok(())
}

/// Follows the link sent to a new address: it becomes the account's.
#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    let ctx = request_ctx();
    let st = state()?;
    let permit = super::forum::limit(ctx.me.as_ref(), crate::server::limits::Write::Other, None).await?;
    crate::server::mail::confirm(&st, &token, ctx.me.as_ref()).await?;
    super::forum::spend(permit).await;
    leptos_axum::redirect("/email/confirm?done=1");
    Ok(())
}

/// Asks for a password reset link by username or email address. Answers
/// the same whether or not such an account (with a confirmed address)
/// exists.
#[server(endpoint = "request_reset")]
pub async fn request_reset(who: String) -> Result<(), AppError> {
    let st = state()?;
    let permit = super::forum::limit(None, crate::server::limits::Write::Other, None).await?;
    crate::server::mail::request_reset(&st, &who).await?;
    super::forum::spend(permit).await;
    leptos_axum::redirect("/password/forgot?sent=1");
    Ok(())
}

/// Whether a password reset link is still good.
#[server(endpoint = "reset_link")]
pub async fn reset_link(#[server(default)] token: String) -> Result<bool, AppError> {
    let st = state()?;
    crate::server::mail::reset_link_good(&st, &token).await
}

/// Follows a password reset link: a new password, and every session of the
/// account ends.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, new_password: String, new_password_confirm: String) -> Result<(), AppError> {
    let st = state()?;
    let new = NewPassword::parse(
        "new_password",
        &new_password,
        "new_password_confirm",
        &new_password_confirm,
    )?;
    // Counted like any write from this address: no endless guessing.
    let permit = super::forum::limit(None, crate::server::limits::Write::Other, None).await?;
    if !crate::server::mail::reset_link_good(&st, &token).await? {
        return Err(AppError::Refused {
            reason: crate::error::Refusal::LinkExpired,
        });
    }
    let hash = secrets::hash_password(new.as_str().to_owned()).await?;
    crate::server::mail::reset_password(&st, &token, &hash).await?;
    super::forum::spend(permit).await;
    // This browser's own session (if any) ended with the others.
    set_cookie(SESSION_COOKIE, "", 0);
    leptos_axum::redirect("/password/reset?done=1");
    Ok(())
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    new_password_confirm: String,
) -> Result<(), AppError> {
    let ctx = request_ctx();
    let me = ctx.me.ok_or(AppError::NotSignedIn)?;
    let st = state()?;
    if current_password.is_empty() {
        return Err(AppError::field("current_password", FieldProblem::Required));
    }
    let new = NewPassword::parse(
        "new_password",
        &new_password,
        "new_password_confirm",
        &new_password_confirm,
    )?;
    let permit = super::forum::limit(Some(&me), crate::server::limits::Write::Other, None).await?;
    // Guessed like a sign-in (someone at an unlocked screen): throttled the
    // same way, per account and client address.
    let key = me.username.to_ascii_lowercase();
    auth::begin_attempt(&st, &key, &ctx.client).await?;
    let stored = users::password_hash(&st.db, me.id).await?;
    if !secrets::verify_password(current_password, stored).await {
        return Err(AppError::field("current_password", FieldProblem::WrongPassword));
    }
    auth::attempt_succeeded(&st, &key, &ctx.client).await?;
    let hash = secrets::hash_password(new.as_str().to_owned()).await?;
    // Every other browser signed in as this person is signed out.
    users::set_password(&st.db, me.id, &hash, &ctx.session_hash.unwrap_or_default()).await?;
    super::forum::spend(permit).await;
    leptos_axum::redirect("/settings?saved=password");
    Ok(())
}
