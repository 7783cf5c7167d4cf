//! Complaints, SKM ratings and the accountability dashboard. Every write
//! needs a signed-in person; who may take a step or rate is checked in
//! `server::complaints` inside the same transaction as the write.
#![allow(clippy::too_many_arguments)]
use crate::error::AppError;
use crate::model::{ComplaintPage, ComplaintsPage, DashboardPage, NewComplaintPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::complaint::Event,
    domain::ids::{AgencyId, AreaId, CategoryId, ComplaintId},
    domain::service::ServiceItem,
    domain::skm,
    domain::{parse_id, post_body, thread_title, whole_number},
    error::{FieldProblem, Problems},
    server::{complaints, dashboard, for_page, photos, request_ctx, state, time},
};

#[cfg(feature = "ssr")]
use super::{
    forum::{limit, number, signed_in, spend, writer},
    proposal::optional,
};
#[cfg(feature = "ssr")]
use crate::server::limits::Write;

/// Files a complaint. The form asks for what happened, where, when and
/// which service; each is required before it can be sent.
#[server(endpoint = "file_complaint")]
pub async fn file_complaint(
    title: String,
    body: String,
    area_id: String,
    category_id: String,
    happened_on: String,
    #[server(default)] location: String,
    #[server(default)] lat: String,
    #[server(default)] lon: String,
    #[server(default)] anonymous: String,
    #[server(default)] private: String,
    #[server(default)] preview: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let uploads = photos::uploads();
    if !preview.is_empty() {
        return Err(super::forum::preview(&body));
    }
    // Every field is checked, in the form's order, so the form comes back
    // with all its problems listed at once.
    let mut p = Problems::default();
    let area_id = p.take(parse_id("area_id", &area_id))?;
    if !p.has("area_id") {
        p.check(crate::server::areas::chosen(&state()?, "area_id", area_id).await)?;
    }
    let location = location.trim();
    if location.chars().count() > complaints::LOCATION_MAX {
        let max = complaints::LOCATION_MAX as u32;
        p.add("location", FieldProblem::TooLong { max });
    }
    let point = photos::point(&mut p, &lat, &lon);
    let title = p.take(thread_title("title", &title))?;
    let body = p.take(post_body("body", &body))?;
    if !p.has("body") && body.trim().chars().count() < complaints::BODY_MIN {
        let min = complaints::BODY_MIN as u32;
        p.add("body", FieldProblem::TooShort { min });
    }
    // Not in the future anywhere in Indonesia (the form offers today in the
    // easternmost zone as its latest date).
    let latest = time::local_day(time::now(), "WIT");
    let happened_on = match time::parse_date(&happened_on) {
        _ if happened_on.trim().is_empty() => p.failed("happened_on", FieldProblem::Required),
        None => p.failed("happened_on", FieldProblem::Date),
        Some(day) if day > latest => p.failed("happened_on", FieldProblem::FutureDate),
        Some(day) => day,
    };
    let category_id = p.take(parse_id("category_id", &category_id))?;
    photos::check(&mut p, &uploads, photos::MAX_PHOTOS);
    p.done()?;
    let permit = limit(Some(&me), Write::Post, Some(&body)).await?;
    // Decoded only for a form that is otherwise right, within the write limit.
    let shots = photos::convert(&uploads).await?;
    let c = complaints::NewComplaint {
        title,
        body,
        area_id: AreaId(area_id),
        category_id: CategoryId(category_id),
        location: location.to_owned(),
        happened_on,
        anonymous: anonymous == "1",
        private: private == "1",
        point,
        photos: shots,
    };
    let st = state()?;
    let id = complaints::file(&st, &me, c, time::now()).await?;
    // Its area's page lists it at once (on this server; others within seconds).
    st.caches.areas.highlights.clear();
    spend(permit).await;
    // The receipt: the number to quote and what happens next.
    leptos_axum::redirect(&format!("/complaints/{id}?filed=1"));
    Ok(())
}

/// An official step: `event` verified, in_progress, resolved, closed,
/// rejected or forwarded (with `to_agency`); `body` is the response.
#[server(endpoint = "complaint_step")]
pub async fn complaint_step(
    id: String,
    event: String,
    body: String,
    #[server(default)] to_agency: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let id = number(&id)?;
    let Some(event) = Event::parse(&event) else {
        return Err(AppError::field("event", FieldProblem::Invalid));
    };
    let body = post_body("body", &body)?;
    let to = match to_agency.trim() {
        "" => None,
        g => Some(AgencyId(parse_id("to_agency", g)?)),
    };
    let permit = limit(Some(&me), Write::Other, None).await?;
    complaints::step(&state()?, &me, ComplaintId(id), event, &body, to, time::now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&format!("/complaints/{id}#steps"));
    Ok(())
}

/// The complainant says a resolved complaint is not fixed ("Belum
/// selesai"): `body` says what is still wrong. It goes back to the agency.
#[server(endpoint = "reopen_complaint")]
pub async fn reopen_complaint(id: String, body: String) -> Result<(), AppError> {
    let me = writer()?;
    let id = number(&id)?;
    let body = post_body("body", &body)?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    complaints::reopen(&state()?.db, &me, ComplaintId(id), &body, time::now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&format!("/complaints/{id}?reopened=1"));
    Ok(())
}

/// One SKM rating (nine elements `u1`…`u9`, 1–4 each) of a complaint or a
/// proposal (`subject`).
#[server(endpoint = "rate")]
pub async fn rate(
    subject: String,
    id: String,
    // An element left unanswered is not sent at all: it is asked for again
    // by name, with the answers given kept.
    #[server(default)] u1: String,
    #[server(default)] u2: String,
    #[server(default)] u3: String,
    #[server(default)] u4: String,
    #[server(default)] u5: String,
    #[server(default)] u6: String,
    #[server(default)] u7: String,
    #[server(default)] u8: String,
    #[server(default)] u9: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let id = number(&id)?;
    let raw = [&u1, &u2, &u3, &u4, &u5, &u6, &u7, &u8, &u9];
    let mut scores = [0u8; skm::ELEMENTS];
    let mut v = Problems::default();
    for (i, (s, r)) in scores.iter_mut().zip(raw).enumerate() {
        let field = format!("u{}", i + 1);
        *s = match r.trim().parse::<u8>() {
            _ if r.trim().is_empty() => v.failed(&field, FieldProblem::Choose),
            Ok(n) if (1..=4).contains(&n) => n,
            _ => v.failed(&field, FieldProblem::Invalid),
        };
    }
    let comment = comment.trim();
    if comment.chars().count() > 1000 {
        v.add("comment", FieldProblem::TooLong { max: 1000 });
    }
    v.done()?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    let st = state()?;
    let db = &st.db;
    let item = ServiceItem::parse(&subject, id).ok_or(AppError::BadRequest)?;
    complaints::rate(db, &me, item, scores, comment, time::now()).await?;
    spend(permit).await;
    let back = match subject.as_str() {
        "proposal" => format!("/proposals/{id}#rating"),
        "usulan" => format!("/usulan/{id}#rating"),
        _ => format!("/complaints/{id}#rating"),
    };
    leptos_axum::redirect(&back);
    Ok(())
}

#[server(endpoint = "complaint")]
pub async fn get_complaint(id: String) -> Result<ComplaintPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        complaints::page(
            &state()?,
            ctx.lang,
            ctx.me.as_ref(),
            ComplaintId(number(&id)?),
            time::now(),
        )
        .await
    };
    for_page(page.await)
}

#[server(endpoint = "complaints")]
pub async fn get_complaints(
    #[server(default)] scope: String,
    #[server(default)] area: String,
    #[server(default)] category: String,
    #[server(default)] state: String,
    #[server(default)] before: String,
) -> Result<ComplaintsPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let q = complaints::ListQuery {
            area_id: optional(&area).map(AreaId),
            category: optional(&category).map(CategoryId),
            state: Some(state.trim().to_owned()).filter(|s| !s.is_empty()),
            scope,
            before: optional(&before),
        };
        complaints::list(&self::state()?, ctx.lang, ctx.me.as_ref(), q, time::now()).await
    };
    for_page(page.await)
}

#[server(endpoint = "new_complaint_page")]
pub async fn get_new_complaint(#[server(default)] area: String) -> Result<NewComplaintPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let me = signed_in()?;
        let st = state()?;
        let area = area.trim().parse::<i64>().unwrap_or(me.home_area_id);
        Ok(NewComplaintPage {
            area_choice: crate::server::areas::maybe_choice(&st, ctx.lang, Some(area), true).await?,
            categories: crate::server::forums::categories(&st, ctx.lang).await?,
            today: time::iso_date(time::now(), "WIT"),
        })
    };
    for_page(page.await)
}

#[server(endpoint = "dashboard")]
pub async fn get_dashboard(
    #[server(default)] kind: String,
    #[server(default)] period: String,
    #[server(default)] area: String,
    #[server(default)] agency: String,
) -> Result<DashboardPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let now = time::now();
        let q = dashboard::Query::parse(
            &kind,
            &period,
            optional(&area).map(AreaId),
            optional(&agency).map(AgencyId),
            now,
        );
        dashboard::page(&state()?, ctx.lang, ctx.me.as_ref(), q, now).await
    };
    for_page(page.await)
}

/// An area's complaint deadlines (working days), or (`inherit`) those of
/// the area above again, and its own holidays. Admins only.
#[server(endpoint = "set_complaint_rules")]
pub async fn set_complaint_rules(
    complaint_area_id: String,
    #[server(default)] verify_days: String,
    #[server(default)] followup_days: String,
    #[server(default)] resolve_days: String,
    #[server(default)] holidays: String,
    #[server(default)] inherit: String,
) -> Result<(), AppError> {
    let ctx = request_ctx();
    writer()?;
    let me = crate::domain::require_admin(ctx.me.as_ref())?;
    let area = parse_id("complaint_area_id", &complaint_area_id)?;
    let days = if inherit.is_empty() {
        let days = [
            whole_number("verify_days", &verify_days, 60)?,
            whole_number("followup_days", &followup_days, 60)?,
            whole_number("resolve_days", &resolve_days, 60)?,
        ];
        if !(days[0] <= days[1] && days[1] <= days[2]) {
            return Err(AppError::field("resolve_days", FieldProblem::Invalid));
        }
        Some(days)
    } else {
        None
    };
    let holidays = complaints::parse_holidays(&holidays)?;
    crate::server::area_settings::set_complaint_rules(&state()?.db, AreaId(area), days, &holidays).await?;
    tracing::info!(
        admin = me.id,
        area,
        ?days,
        holidays = holidays.len(),
        "complaint rules set"
    );
    leptos_axum::redirect(&format!("/admin/areas?area_id={area}&saved=deadlines"));
    Ok(())
}
