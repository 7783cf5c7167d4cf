//! Forums: reading threads, writing posts, search, notifications. Reads are
//! public; every write needs a signed-in person and checks ownership.
use crate::error::AppError;
use crate::model::{EditPage, ForumPage, NewThreadPage, NotificationsPage, RevisionsPage, SearchPage, ThreadPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::ids::{AreaId, CategoryId, PostId, ThreadId, UserId},
    domain::{parse_cursor, parse_id, post_body, thread_title},
    error::Problems,
    model::{Lang, Me, ThreadSort},
    server::{
        areas, for_page, forums,
        limits::{self, Permit, Write},
        request_ctx, state,
        time::now,
    },
};

#[cfg(feature = "ssr")]
pub(crate) fn signed_in() -> Result<Me, AppError> {
    request_ctx().me.ok_or(AppError::NotSignedIn)
}

/// A signed-in person who may write: a suspended or banned account reads only.
#[cfg(feature = "ssr")]
pub(crate) fn writer() -> Result<Me, AppError> {
    let me = signed_in()?;
    match &me.suspension {
        Some(s) => Err(AppError::Suspended {
            until: s.until.clone(),
            reason: s.reason.clone(),
        }),
        None => Ok(me),
    }
}

/// Refuses a write over the rate limits with the wait (`text`: a post's
/// text, for duplicate detection); else a permit, to spend once the write
/// succeeded (a refused or failed write is not counted).
#[cfg(feature = "ssr")]
pub(crate) async fn limit(me: Option<&Me>, kind: Write, text: Option<&str>) -> Result<Permit, AppError> {
    let st = state()?;
    let ctx = request_ctx();
    let permit = limits::check(
        &st.db,
        &st.config.limits,
        me,
        &ctx.client,
        kind,
        text.map(limits::digest),
    )
    .await?;
    // Handed back when the response leaves unless the write succeeded.
    ctx.permits.hold(&permit);
    Ok(permit)
}

/// Counts a write that succeeded (see [`limit`]).
#[cfg(feature = "ssr")]
pub(crate) async fn spend(permit: Permit) {
    if let Ok(st) = state() {
        permit.spend(&st.db).await;
    }
}

/// A number from a link or form; anything else is a missing page.
#[cfg(feature = "ssr")]
pub(crate) fn number(raw: &str) -> Result<i64, AppError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or(AppError::NotFound)
}

/// An optional number from a query string: empty or malformed means none.
#[cfg(feature = "ssr")]
fn optional(raw: &str) -> Option<i64> {
    raw.trim().parse::<i64>().ok().filter(|n| *n >= 0)
}

/// The preview button was pressed: render, write nothing, show it.
#[cfg(feature = "ssr")]
pub(crate) fn preview(body: &str) -> AppError {
    match post_body("body", body).and_then(|b| forums::render("body", &b)) {
        Ok(html) => AppError::Preview { html },
        Err(e) => e,
    }
}

#[server(endpoint = "forum")]
pub async fn get_forum(
    area_id: String,
    #[server(default)] sort: String,
    #[server(default)] category: String,
    #[server(default)] sub: String,
    #[server(default)] after: String,
) -> Result<ForumPage, AppError> {
    let ctx = request_ctx();
    let page = async {
        forum_data(
            &state()?,
            ctx.lang,
            ctx.me.as_ref(),
            [&area_id, &sort, &category, &sub, &after],
        )
        .await
    };
    for_page(page.await)
}

/// [`get_forum`]'s answer for `[area_id, sort, category, sub, after]` as the
/// address gives them.
#[cfg(feature = "ssr")]
pub(crate) async fn forum_data(
    st: &crate::server::AppState,
    lang: Lang,
    me: Option<&Me>,
    [area_id, sort, category, sub, after]: [&str; 5],
) -> Result<ForumPage, AppError> {
    let q = forums::ForumQuery {
        area_id: AreaId(number(area_id)?),
        sort: ThreadSort::parse(sort),
        category: optional(category).filter(|c| *c > 0).map(CategoryId),
        include_sub: sub == "1",
        after: parse_cursor(after).map(|(k, id)| (k, ThreadId(id))),
    };
    forums::forum(st, lang, me, q).await
}

#[server(endpoint = "thread")]
pub async fn get_thread(
    id: String,
    #[server(default)] after: String,
    #[server(default)] reply_to: String,
    #[server(default)] move_to: String,
) -> Result<ThreadPage, AppError> {
    let ctx = request_ctx();
    let page = async { thread_data(&state()?, ctx.lang, ctx.me.as_ref(), [&id, &after, &reply_to, &move_to]).await };
    for_page(page.await)
}

/// [`get_thread`]'s answer for `[id, after, reply_to, move_to]` as the
/// address gives them.
#[cfg(feature = "ssr")]
pub(crate) async fn thread_data(
    st: &crate::server::AppState,
    lang: Lang,
    me: Option<&Me>,
    [id, after, reply_to, move_to]: [&str; 4],
) -> Result<ThreadPage, AppError> {
    forums::thread(
        st,
        lang,
        me,
        ThreadId(number(id)?),
        optional(after).unwrap_or(0),
        optional(reply_to).map(PostId),
        optional(move_to),
    )
    .await
}

#[server(endpoint = "new_thread_page")]
pub async fn get_new_thread(#[server(default)] area: String) -> Result<NewThreadPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let me = signed_in()?;
        let st = state()?;
        let area = area.trim().parse::<i64>().unwrap_or(me.home_area_id);
        Ok(NewThreadPage {
            area_choice: areas::maybe_choice(&st, ctx.lang, Some(area), true).await?,
            categories: forums::categories(&st, ctx.lang).await?,
        })
    };
    for_page(page.await)
}

#[server(endpoint = "create_thread")]
pub async fn create_thread(
    title: String,
    body: String,
    area_id: String,
    category_id: String,
    #[server(default)] preview: String,
) -> Result<(), AppError> {
    let me = writer()?;
    if !preview.is_empty() {
        return Err(self::preview(&body));
    }
    let uploads = crate::server::photos::uploads();
    // Every field is checked, so the form comes back with all its problems.
    let mut v = Problems::default();
    let title = v.take(thread_title("title", &title))?;
    let area_id = v.take(parse_id("area_id", &area_id))?;
    if !v.has("area_id") {
        v.check(areas::chosen(&state()?, "area_id", area_id).await)?;
    }
    let category_id = v.take(parse_id("category_id", &category_id))?;
    let body = v.take(post_body("body", &body))?;
    crate::server::photos::check(&mut v, &uploads, crate::server::photos::MAX_PHOTOS);
    v.done()?;
    let permit = limit(Some(&me), Write::Post, Some(&body)).await?;
    let t = forums::NewThread {
        title,
        body,
        area_id: AreaId(area_id),
        category_id: CategoryId(category_id),
        photos: crate::server::photos::convert(&uploads).await?,
    };
    let id = forums::create_thread(&state()?, &me, t, now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&format!("/t/{id}"));
    Ok(())
}

#[server(endpoint = "reply")]
pub async fn reply(
    thread_id: String,
    body: String,
    #[server(default)] parent_id: String,
    #[server(default)] preview: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let thread_id = ThreadId(number(&thread_id)?);
    if !preview.is_empty() {
        return Err(self::preview(&body));
    }
    let uploads = crate::server::photos::uploads();
    let mut v = Problems::default();
    let body = v.take(post_body("body", &body))?;
    crate::server::photos::check(&mut v, &uploads, crate::server::photos::MAX_PHOTOS);
    v.done()?;
    let parent = match parent_id.trim() {
        "" => None,
        p => Some(PostId(number(p)?)),
    };
    let permit = limit(Some(&me), Write::Post, Some(&body)).await?;
    let photos = crate::server::photos::convert(&uploads).await?;
    let url = forums::reply_with(&state()?, &me, (thread_id, parent), &body, &photos, now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&url);
    Ok(())
}

#[server(endpoint = "edit_page")]
pub async fn get_edit(post_id: String) -> Result<EditPage, AppError> {
    let page = async {
        let me = signed_in()?;
        forums::for_edit(&state()?.db, &me, PostId(number(&post_id)?)).await
    };
    for_page(page.await)
}

#[server(endpoint = "edit_post")]
pub async fn edit_post(
    post_id: String,
    body: String,
    #[server(default)] title: String,
    #[server(default)] preview: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let post_id = PostId(number(&post_id)?);
    if !preview.is_empty() {
        return Err(self::preview(&body));
    }
    let st = state()?;
    let db = &st.db;
    let current = forums::for_edit(db, &me, post_id).await?;
    let title = match current.title {
        Some(_) => Some(thread_title("title", &title)?),
        None => None,
    };
    let body = post_body("body", &body)?;
    let permit = limit(Some(&me), Write::Post, None).await?;
    let url = forums::edit(db, &me, post_id, title, &body, now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&url);
    Ok(())
}

#[server(endpoint = "delete_post")]
pub async fn delete_post(post_id: String) -> Result<(), AppError> {
    let me = writer()?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    let url = forums::delete(&state()?.db, &me, PostId(number(&post_id)?), now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&url);
    Ok(())
}

#[server(endpoint = "revisions")]
pub async fn get_revisions(post_id: String) -> Result<RevisionsPage, AppError> {
    let page = async {
        let me = signed_in()?;
        forums::revisions(&state()?, request_ctx().lang, &me, PostId(number(&post_id)?)).await
    };
    for_page(page.await)
}

#[server(endpoint = "search")]
pub async fn search(
    q: String,
    #[server(default)] after: String,
    #[server(default)] scope: String,
) -> Result<SearchPage, AppError> {
    let page = async {
        let q: String = q.chars().take(200).collect();
        // Searches are the costliest reads: counted per client address.
        if !q.trim().is_empty() {
            spend(limit(None, Write::Search, None).await?).await;
        }
        let (db, lang) = (&state()?.db, request_ctx().lang);
        match scope.as_str() {
            "complaints" => forums::search::complaints(db, lang, &q, optional(&after)).await,
            _ => forums::search(db, lang, &q, optional(&after).map(PostId)).await,
        }
    };
    for_page(page.await)
}

#[server(endpoint = "notifications")]
pub async fn get_notifications(#[server(default)] after: String) -> Result<NotificationsPage, AppError> {
    let page = async {
        let me = signed_in()?;
        forums::notifications(&state()?.db, request_ctx().lang, &me, optional(&after)).await
    };
    for_page(page.await)
}

#[server(endpoint = "mark_read")]
pub async fn mark_all_read() -> Result<(), AppError> {
    let me = signed_in()?;
    forums::mark_all_read(&state()?.db, &me, now()).await
}

/// Joins (`join` = "1") or leaves an area's forum.
#[server(endpoint = "join_forum")]
pub async fn join_forum(area_id: String, join: String) -> Result<(), AppError> {
    let me = writer()?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    forums::set_membership(&state()?, UserId(me.id), AreaId(number(&area_id)?), join == "1", now()).await?;
    spend(permit).await;
    Ok(())
}
