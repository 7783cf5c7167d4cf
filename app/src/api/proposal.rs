//! Proposals: writing, publishing, supporting, and officers' answers. Every
//! write needs a signed-in person; ownership and role are checked in
//! `server::proposals` inside the same transaction as the write.
// One argument per form field, as a plain HTML form posts them.
#![allow(clippy::too_many_arguments)]
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::ids::{AgencyId, AreaId, CategoryId, ProposalId},
    domain::{parse_id, post_body, rupiah, thread_title, Rupiah},
    domain::{permissions::officer_agencies, proposal::may_keep_templates},
    error::{FieldProblem, Problems},
    server::{photos, proposals, request_ctx, state, time::now},
};

// The same helpers as the forum's server functions.
#[cfg(feature = "ssr")]
use super::forum::{limit, number, signed_in, spend, writer};
#[cfg(feature = "ssr")]
use crate::server::limits::Write;

#[cfg(feature = "ssr")]
fn short_text(field: &str, raw: &str, max: usize) -> Result<String, AppError> {
    let t = raw.trim();
    if t.chars().count() > max {
        return Err(AppError::field(field, FieldProblem::TooLong { max: max as u32 }));
    }
    Ok(t.to_owned())
}

#[cfg(feature = "ssr")]
fn url(id: i64) -> String {
    format!("/proposals/{id}")
}

/// Saves a draft; with `publish` = "1" publishes it at once.
#[server(endpoint = "create_proposal")]
pub async fn create_proposal(
    title: String,
    body: String,
    area_id: String,
    category_id: String,
    #[server(default)] cost: String,
    #[server(default)] location: String,
    #[server(default)] lat: String,
    #[server(default)] lon: String,
    #[server(default)] publish: String,
    #[server(default)] preview: String,
    #[server(default)] cost_confirmed: String,
) -> Result<(), AppError> {
    let me = writer()?;
    if !preview.is_empty() {
        return Err(super::forum::preview(&body));
    }
    let uploads = photos::uploads();
    let place = Place {
        location: &location,
        lat: &lat,
        lon: &lon,
    };
    let (mut p, cost) = fields(
        &title,
        &body,
        &area_id,
        &category_id,
        &cost,
        place,
        (&uploads, photos::MAX_PHOTOS),
    )
    .await?;
    // Last, once everything else is valid: the cost as understood is shown
    // (figures and words) before anything is saved.
    rupiah::confirmed("cost", cost, &cost_confirmed)?;
    let permit = limit(Some(&me), Write::Post, Some(&p.body)).await?;
    p.photos = photos::convert(&uploads).await?;
    let st = state()?;
    let id = proposals::create(&st, &me, p, publish == "1", now()).await?;
    st.caches.areas.highlights.clear();
    spend(permit).await;
    leptos_axum::redirect(&url(id.0));
    Ok(())
}

/// Where a proposal is: a description and a point.
#[cfg(feature = "ssr")]
struct Place<'a> {
    location: &'a str,
    lat: &'a str,
    lon: &'a str,
}

/// A proposal's fields, every one checked in the form's order, so the form
/// comes back with all its problems listed at once (the photos only as far
/// as their kind and size; they are converted once the rest is right).
#[cfg(feature = "ssr")]
async fn fields(
    title: &str,
    body: &str,
    area_id: &str,
    category_id: &str,
    cost: &str,
    place: Place<'_>,
    (uploads, room): (&photos::Uploads, usize),
) -> Result<(proposals::NewProposal, Option<Rupiah>), AppError> {
    let mut v = Problems::default();
    let title = v.take(thread_title("title", title))?;
    let area_id = v.take(parse_id("area_id", area_id))?;
    if !v.has("area_id") {
        v.check(crate::server::areas::chosen(&state()?, "area_id", area_id).await)?;
    }
    let category_id = v.take(parse_id("category_id", category_id))?;
    let body = v.take(post_body("body", body))?;
    let cost = v.take(Rupiah::parse_optional("cost", cost))?;
    let location = v.take(short_text("location", place.location, proposals::LOCATION_MAX))?;
    let point = photos::point(&mut v, place.lat, place.lon);
    photos::check(&mut v, uploads, room);
    v.done()?;
    let p = proposals::NewProposal {
        title,
        body,
        area_id: AreaId(area_id),
        category_id: CategoryId(category_id),
        cost: cost.map(Rupiah::value),
        location,
        point,
        photos: Vec::new(),
    };
    Ok((p, cost))
}

/// Rewrites one's own draft; with `publish` = "1" publishes it too.
#[server(endpoint = "edit_proposal")]
pub async fn edit_proposal(
    id: String,
    title: String,
    body: String,
    area_id: String,
    category_id: String,
    #[server(default)] cost: String,
    #[server(default)] location: String,
    #[server(default)] lat: String,
    #[server(default)] lon: String,
    #[server(default)] publish: String,
    #[server(default)] preview: String,
    #[server(default)] cost_confirmed: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let id = ProposalId(number(&id)?);
    let st = state()?;
    // Only the author's own draft, before anything else is looked at.
    let before = proposals::draft(&st.db, &me, id).await?;
    if !preview.is_empty() {
        return Err(super::forum::preview(&body));
    }
    let uploads = photos::uploads();
    let had = crate::db::photos::of_item(&st.db.pool, crate::db::photos::Item::Proposal(id.0))
        .await?
        .len();
    let place = Place {
        location: &location,
        lat: &lat,
        lon: &lon,
    };
    let room = photos::MAX_PHOTOS.saturating_sub(had);
    let (mut p, cost) = fields(&title, &body, &area_id, &category_id, &cost, place, (&uploads, room)).await?;
    // A cost already confirmed when the draft was saved is not asked again.
    if p.cost != before.cost {
        rupiah::confirmed("cost", cost, &cost_confirmed)?;
    }
    let permit = limit(Some(&me), Write::Post, Some(&p.body)).await?;
    p.photos = photos::convert(&uploads).await?;
    proposals::edit(&st, &me, id, p, publish == "1", now()).await?;
    st.caches.areas.highlights.clear();
    spend(permit).await;
    leptos_axum::redirect(&url(id.0));
    Ok(())
}

/// One's own draft, as written, for its edit form.
#[server(endpoint = "draft_page")]
pub async fn get_draft(id: String) -> Result<crate::model::DraftPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let me = signed_in()?;
        let st = state()?;
        let id = number(&id)?;
        let d = proposals::draft(&st.db, &me, ProposalId(id)).await?;
        Ok(crate::model::DraftPage {
            id,
            title: d.title,
            body: d.body_src,
            area_choice: crate::server::areas::maybe_choice(&st, ctx.lang, Some(d.area_id.0), true).await?,
            category_id: d.category_id.0,
            categories: crate::server::forums::categories(&st, ctx.lang).await?,
            cost: d.cost.map(|c| c.to_string()).unwrap_or_default(),
            location: d.location,
            point: d
                .lat_e6
                .zip(d.lon_e6)
                .map(|(lat_e6, lon_e6)| crate::model::GeoPoint { lat_e6, lon_e6 }),
        })
    };
    crate::server::for_page(page.await)
}

#[server(endpoint = "publish_proposal")]
pub async fn publish_proposal(id: String) -> Result<(), AppError> {
    let me = writer()?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    let id = number(&id)?;
    proposals::publish(&state()?.db, &me, ProposalId(id), now()).await?;
    state()?.caches.areas.highlights.clear();
    spend(permit).await;
    leptos_axum::redirect(&url(id));
    Ok(())
}

/// Withdraws a published proposal; only from its confirmation step
/// (`confirm` = "1"), as it cannot be undone.
#[server(endpoint = "withdraw_proposal")]
pub async fn withdraw_proposal(id: String, #[server(default)] confirm: String) -> Result<(), AppError> {
    let me = writer()?;
    if confirm != "1" {
        return Err(AppError::BadRequest);
    }
    let permit = limit(Some(&me), Write::Other, None).await?;
    let id = number(&id)?;
    proposals::withdraw(&state()?.db, &me, ProposalId(id), now()).await?;
    state()?.caches.areas.highlights.clear();
    spend(permit).await;
    leptos_axum::redirect(&url(id));
    Ok(())
}

/// Supports (`support` = "1") or takes back a support; returns the count.
#[server(endpoint = "support")]
pub async fn support(id: String, support: String) -> Result<i64, AppError> {
    let me = writer()?;
    let permit = limit(Some(&me), Write::Support, None).await?;
    let id = number(&id)?;
    let st = state()?;
    let db = &st.db;
    let count = if support == "1" {
        proposals::support(&st, &me, ProposalId(id), now(), Some(&permit)).await?
    } else {
        let count = proposals::unsupport(db, &me, ProposalId(id)).await?;
        spend(permit).await;
        count
    };
    // Its area's page shows the new count. Back on the proposal, a short
    // confirmation by the button takes focus.
    st.caches.areas.highlights.clear();
    let done = if support == "1" { "supported" } else { "unsupported" };
    leptos_axum::redirect(&format!("{}?done={done}", url(id)));
    Ok(count)
}

/// An official response (`kind` = "response", `to`: under_review, accepted,
/// partially_accepted, rejected) or a progress update (`kind` = "progress",
/// `to`: in_progress with a percentage, implemented).
#[server(endpoint = "answer")]
pub async fn answer(
    id: String,
    kind: String,
    to: String,
    body: String,
    #[server(default)] budget: String,
    #[server(default)] timeline: String,
    #[server(default)] progress: String,
    #[server(default)] preview: String,
    #[server(default)] budget_confirmed: String,
    #[server(default)] confirm: String,
    #[server(default)] template: String,
    #[server(default)] insert: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let id = number(&id)?;
    if !insert.is_empty() {
        // A template goes where the text is empty, or below what is there.
        let t = parse_id("template", &template)?;
        let text = proposals::template_for(&state()?.db, &me, ProposalId(id), t).await?;
        let body = match body.trim_end() {
            "" => text,
            typed => format!("{typed}\n\n{text}"),
        };
        return Err(AppError::Template { body });
    }
    if !preview.is_empty() {
        return Err(super::forum::preview(&body));
    }
    let progress_update = match kind.as_str() {
        "response" => false,
        "progress" => true,
        _ => return Err(AppError::BadRequest),
    };
    let to = proposals::State::parse(to.trim()).ok_or_else(|| AppError::field("to", FieldProblem::Invalid))?;
    let percent = match progress.trim() {
        "" => None,
        p => Some(
            p.trim_end_matches('%')
                .parse::<i64>()
                .ok()
                .filter(|n| (0..=100).contains(n))
                .ok_or_else(|| AppError::field("progress", FieldProblem::Invalid))?,
        ),
    };
    let timeline = short_text("timeline", &timeline, proposals::TIMELINE_MAX)?;
    let budget = Rupiah::parse_optional("budget", &budget)?;
    let a = proposals::Answer {
        to,
        body: post_body("body", &body)?,
        budget: budget.map(Rupiah::value),
        timeline: (!timeline.is_empty()).then_some(timeline),
        progress: percent,
        confirm,
    };
    // A budget enters the immutable record only after the officer has seen
    // it as understood (a decision without one keeps none: nothing to check).
    if proposals::keeps_budget(to) {
        rupiah::confirmed("budget", budget, &budget_confirmed)?;
    }
    let permit = limit(Some(&me), Write::Other, None).await?;
    proposals::answer(&state()?.db, &me, ProposalId(id), a, progress_update, now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&url(id));
    Ok(())
}

#[server(endpoint = "proposal")]
pub async fn get_proposal(
    id: String,
    #[server(default)] template: String,
) -> Result<crate::model::ProposalPage, AppError> {
    let ctx = request_ctx();
    let page = async { proposal_data(&state()?, ctx.lang, ctx.me.as_ref(), [&id, &template]).await };
    crate::server::for_page(page.await)
}

/// [`get_proposal`]'s answer for `[id, template]` as the address gives them.
#[cfg(feature = "ssr")]
pub(crate) async fn proposal_data(
    st: &crate::server::AppState,
    lang: crate::model::Lang,
    me: Option<&crate::model::Me>,
    [id, template]: [&str; 2],
) -> Result<crate::model::ProposalPage, AppError> {
    proposals::page(st, lang, me, ProposalId(number(id)?), optional(template), now()).await
}

/// An optional number from a query string: empty or malformed means none.
#[cfg(feature = "ssr")]
pub(crate) fn optional(raw: &str) -> Option<i64> {
    raw.trim().parse::<i64>().ok().filter(|n| *n > 0)
}

#[server(endpoint = "proposals")]
pub async fn get_proposals(
    #[server(default)] scope: String,
    #[server(default)] area: String,
    #[server(default)] category: String,
    #[server(default)] state: String,
    #[server(default)] sort: String,
    #[server(default)] after: String,
) -> Result<crate::model::ProposalsPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let st = self::state()?;
        // One's own (drafts too), newest first; or everyone's published ones.
        let author = match scope.as_str() {
            "mine" => Some(crate::domain::ids::UserId(signed_in()?.id)),
            _ => None,
        };
        let sort = match sort.as_str() {
            _ if author.is_some() => "newest".to_owned(),
            "newest" | "awaiting" => sort,
            _ => "supports".to_owned(),
        };
        let q = proposals::ListQuery {
            author,
            area_id: optional(&area).map(AreaId),
            category: optional(&category).map(CategoryId),
            state: proposals::State::parse(state.trim()).filter(|s| *s != proposals::State::Draft),
            sort: sort.clone(),
            after: crate::domain::parse_cursor(&after),
            agencies: None,
            answered: None,
        };
        let (area, category) = (q.area_id.map(i64::from), q.category.map(i64::from));
        let state_code = q.state.map(|s| s.code().to_owned()).unwrap_or_default();
        let (list, next) = proposals::list(&st, ctx.lang, q, now()).await?;
        Ok(crate::model::ProposalsPage {
            proposals: list,
            next,
            area_choice: crate::server::areas::maybe_choice(&st, ctx.lang, area, false).await?,
            categories: crate::server::forums::categories(&st, ctx.lang).await?,
            area,
            category,
            state: state_code,
            sort,
            scope: if author.is_some() { "mine" } else { "all" }.to_owned(),
            templates: Vec::new(),
            desk: Vec::new(),
        })
    };
    crate::server::for_page(page.await)
}

/// What the new-proposal form offers (signed-in people only).
#[server(endpoint = "new_proposal_page")]
pub async fn get_new_proposal(#[server(default)] area: String) -> Result<crate::model::NewThreadPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let me = signed_in()?;
        let st = state()?;
        let area = optional(&area).unwrap_or(me.home_area_id);
        Ok(crate::model::NewThreadPage {
            area_choice: crate::server::areas::maybe_choice(&st, ctx.lang, Some(area), true).await?,
            categories: crate::server::forums::categories(&st, ctx.lang).await?,
        })
    };
    crate::server::for_page(page.await)
}

/// The public decision record, newest first (`before` = a seq).
#[server(endpoint = "record")]
pub async fn get_record(
    #[server(default)] area: String,
    #[server(default)] agency: String,
    #[server(default)] before: String,
) -> Result<crate::model::RecordPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let st = state()?;
        let db = &st.db;
        let area = optional(&area);
        let agency = optional(&agency);
        let filter = crate::server::record::Filter {
            area_path: match area {
                Some(a) => Some(crate::server::areas::path(&st, a).await?.ok_or(AppError::NotFound)?),
                None => None,
            },
            agency_id: agency,
            ..Default::default()
        };
        const PAGE: i64 = 50;
        let entries = crate::server::record::newest(db, &filter, optional(&before), PAGE + 1).await?;
        let more = entries.len() as i64 > PAGE;
        let entries: Vec<_> = entries.into_iter().take(PAGE as usize).collect();
        let before = if more { entries.last().map(|e| e.seq) } else { None };
        Ok(crate::model::RecordPage {
            items: crate::server::record::view::items(&st, ctx.lang, entries).await?,
            before,
            area_choice: crate::server::areas::maybe_choice(&st, ctx.lang, area, false).await?,
            agencies: crate::server::areas::agencies_for(&st, area).await?,
            area,
            agency,
        })
    };
    crate::server::for_page(page.await)
}

/// The officer desk: proposals assigned to the caller's agencies (all
/// agencies for an admin), awaiting a response by due date, or answered.
#[server(endpoint = "desk")]
pub async fn get_desk(
    #[server(default)] answered: String,
    #[server(default)] area: String,
    #[server(default)] category: String,
    #[server(default)] after: String,
) -> Result<crate::model::ProposalsPage, AppError> {
    let page = async {
        let me = signed_in()?;
        let ctx = request_ctx();
        let st = state()?;
        let db = &st.db;
        let agencies = officer_agencies(&me);
        if agencies.is_empty() && !me.is_admin() {
            return Err(AppError::Forbidden);
        }
        let done = answered == "1";
        let sort = if done { "newest" } else { "awaiting" }.to_owned();
        let (area_id, category_id) = (optional(&area).map(AreaId), optional(&category).map(CategoryId));
        // Awaiting: complaints and proposals together, by the next deadline.
        // Answered: the proposals answered, newest first.
        let (list, desk, next) = if done {
            let q = proposals::ListQuery {
                author: None,
                area_id,
                category: category_id,
                state: None,
                sort: sort.clone(),
                after: crate::domain::parse_cursor(&after),
                agencies: Some(if me.is_admin() { Vec::new() } else { agencies }),
                answered: Some(true),
            };
            let (list, next) = proposals::list(&st, ctx.lang, q, now()).await?;
            (list, Vec::new(), next)
        } else {
            let q = crate::server::desk::DeskQuery {
                agencies: (!me.is_admin()).then_some(agencies),
                area: area_id,
                category: category_id,
                after,
            };
            let (desk, next) = crate::server::desk::page(&st, ctx.lang, q, now()).await?;
            (Vec::new(), desk, next)
        };
        let (area, category) = (area_id.map(i64::from), category_id.map(i64::from));
        Ok(crate::model::ProposalsPage {
            proposals: list,
            desk,
            next,
            area_choice: crate::server::areas::maybe_choice(&st, ctx.lang, area, false).await?,
            categories: crate::server::forums::categories(&st, ctx.lang).await?,
            area,
            category,
            state: if done { "answered".into() } else { String::new() },
            sort,
            scope: "desk".into(),
            templates: proposals::desk_templates(db, &me).await?,
        })
    };
    crate::server::for_page(page.await)
}

/// Adds a response template to one of the officer's agencies.
#[server(endpoint = "save_template")]
pub async fn save_template(agency_id: String, title: String, body: String) -> Result<(), AppError> {
    let me = writer()?;
    let agency = AgencyId(parse_id("agency_id", &agency_id)?);
    // Who is asking comes before what they typed.
    if !may_keep_templates(&me, agency) {
        return Err(AppError::Forbidden);
    }
    let title = thread_title("title", &title)?;
    let body = post_body("body", &body)?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    proposals::add_template(&state()?.db, &me, agency, &title, &body, now()).await?;
    spend(permit).await;
    leptos_axum::redirect("/desk#templates");
    Ok(())
}

/// Deletes one of the officer's agency's templates.
#[server(endpoint = "delete_template")]
pub async fn delete_template(id: String) -> Result<(), AppError> {
    let me = writer()?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    proposals::delete_template(&state()?.db, &me, number(&id)?).await?;
    spend(permit).await;
    leptos_axum::redirect("/desk#templates");
    Ok(())
}
