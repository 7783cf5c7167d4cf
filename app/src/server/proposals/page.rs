//! A proposal's page: the proposal, whether the viewer supports, answers or
//! moderates it, its discussion, and its whole record with the responses.
use super::answer::answering_agency;
use super::templates::templates_of;
use crate::db::proposals as rows;
use crate::db::{responses, supports};
use crate::domain::ids::{ProposalId, UserId};
use crate::domain::proposal::{self as rules, State};
use crate::error::{AppError, AppResult};
use crate::model::{Discussion, Lang, Me, ProposalPage, RatingState, ResponseView};
use crate::server::record::{self, corrections};
use crate::server::AppState;
use crate::server::{areas, forums, time};

/// Replies a proposal's page shows; the thread page has them all.
const DISCUSSION_SHOWN: i64 = 20;

/// A proposal's page: drafts only for their author.
pub async fn page(
    st: &AppState,
    lang: Lang,
    me: Option<&Me>,
    id: ProposalId,
    template: Option<i64>,
    at: i64,
) -> AppResult<ProposalPage> {
    let db = &st.db;
    let item = crate::db::photos::Item::Proposal(id.0);
    // The proposal and what its page lists of it, read on one connection:
    // read one by one from the pool, each would also pay sqlx's test of
    // the connection on its way back (a round trip of its own).
    let (r, steps, correction_rows, corrected, (photo_rows, gate), usulan) = {
        let mut conn = db.pool.acquire().await?;
        let r = rows::page(&mut *conn, id).await?.ok_or(AppError::NotFound)?;
        let steps = responses::steps(&mut *conn, id).await?;
        let seqs: Vec<i64> = steps.iter().map(|s| s.entry.seq).collect();
        (
            r,
            steps,
            crate::db::corrections::of_subject(&mut *conn, "proposal", id.0).await?,
            corrections::corrected_by(&mut conn, &seqs).await?,
            crate::server::photos::rows_of(&mut conn, item).await?,
            crate::db::musrenbang::usulan_from(&mut *conn, "proposal", id.0, crate::server::musrenbang::LINKS_SHOWN)
                .await?,
        )
    };
    let mine = me.is_some_and(|m| UserId(m.id) == r.author_id);
    let state = State::parse(&r.state).unwrap_or(State::Draft);
    if r.state == "draft" && !mine {
        return Err(AppError::NotFound);
    }
    let area = areas::summary(st, lang, r.area_id.0).await?;
    let zone = areas::info(st, r.area_id.0).await?.timezone().to_owned();
    // Who may support: residents of its area or an area below it. Anyone
    // else signed in is told why there is no button.
    let mut outside_area = false;
    let supported = match me {
        Some(me) if state.open() && r.hidden_at.is_none() => {
            let home = areas::path(st, me.home_area_id).await?.unwrap_or_default();
            if home.starts_with(&r.area_path) {
                Some(supports::exists(db, id, UserId(me.id)).await?)
            } else {
                outside_area = true;
                None
            }
        }
        _ => None,
    };
    let answering = match me {
        Some(me) if state != State::Draft && rules::may_ever_answer(me) => {
            let mut conn = db.pool.acquire().await?;
            let assigned = r.agency_id.map(|id| (id, r.agency.clone().unwrap_or_default()));
            answering_agency(&mut conn, me, assigned, &r.area_path, r.category_id)
                .await
                .ok()
        }
        _ => None,
    };
    let can_answer = answering.is_some();
    // Templates of the agency the viewer answers for, and the one chosen.
    let (templates, template_body) = match answering.as_ref().and_then(|(a, _)| a.as_ref()) {
        Some((agency, _)) => {
            // The picker needs titles only; the chosen text comes alone.
            let mut list = templates_of(db, *agency).await?;
            list.iter_mut().for_each(|t| t.body.clear());
            let chosen = match template {
                Some(t) => responses::template_body(db, t, *agency).await?,
                None => None,
            };
            (list, chosen)
        }
        None => (Vec::new(), None),
    };
    let discussion = match r.thread_id {
        Some(t) => {
            let version = (r.version.unwrap_or(0), r.post_count.unwrap_or(0));
            let (replies, moderator) =
                forums::thread_page::first_replies(st, lang, me, (t, version), (&r.area_path, &zone), DISCUSSION_SHOWN)
                    .await?;
            Some(Discussion {
                thread_id: t.0,
                reply_count: r.reply_count.unwrap_or(0),
                moderator,
                replies,
            })
        }
        None => None,
    };
    // The whole record (one entry per step anyone took) and the responses
    // it carries, in one read, in order.
    let mut responses = Vec::new();
    let mut corrections = corrections::views(lang, correction_rows, &zone);
    let mut entries = Vec::with_capacity(steps.len());
    for step in steps {
        if let (Some(kind), Some(state), Some(html), Some(officer), Some(at)) = (
            step.kind,
            step.response_state,
            step.response_html,
            step.officer,
            step.response_at,
        ) {
            responses.push(ResponseView {
                kind,
                state,
                html,
                officer,
                agency: step.response_agency,
                when: time::date_time(lang, at, &zone),
                budget: step.budget,
                timeline: step.timeline,
                progress: step.progress,
                record_seq: step.entry.seq,
                corrections: corrections.remove(&step.entry.seq).unwrap_or_default(),
            });
        }
        entries.push(step.entry);
    }
    // Author and supporters rate the agency's answer once it has decided.
    let rating = match me {
        Some(me) if state.rateable() && r.agency_id.is_some() && !can_answer => {
            let entitled = mine || supports::exists(db, id, UserId(me.id)).await?;
            let rated = entitled && rows::rated_by(db, id, UserId(me.id)).await?;
            rules::rating_state(entitled, rated)
        }
        _ => RatingState::None,
    };
    let mut moderation = crate::domain::permissions::item_moderation(
        me,
        &areas::moderated_paths(st, me).await?,
        r.author_id,
        &r.area_path,
        r.hidden_at.map(|_| r.hidden_reason.clone().unwrap_or_default()),
        r.merged_into.map(|m| m.0),
    );
    // Hidden: the title and text only for its author and the area's moderators.
    let withheld = r.hidden_at.is_some() && !mine && !moderation.can_moderate;
    moderation.withheld = withheld;
    let photos = crate::server::photos::views(st, me, item, photo_rows, gate).await?;
    let point = match (r.lat_e6, r.lon_e6) {
        (Some(lat_e6), Some(lon_e6)) if !withheld => Some(crate::model::GeoPoint { lat_e6, lon_e6 }),
        _ => None,
    };
    Ok(ProposalPage {
        id: id.0,
        title: if withheld { String::new() } else { r.title },
        html: if withheld { String::new() } else { r.body_html },
        area,
        category: areas::category_name(&areas::categories(st).await?, lang, r.category_id.0),
        state: r.state,
        cost: r.cost,
        location: r.location,
        author: r.author,
        author_username: r.author_username,
        created: time::date(lang, r.created_at, &zone),
        support_count: r.support_count,
        threshold: r.threshold,
        agency: r.agency,
        due: r
            .due_at
            .filter(|_| r.awaiting_since.is_some())
            .map(|d| time::date(lang, d, &zone)),
        overdue: r.awaiting_since.is_some() && r.due_at.is_some_and(|d| d < at),
        escalated: r.escalated_at.map(|t| time::date_time(lang, t, &zone)),
        budget: r.budget,
        timeline: r.timeline,
        progress: r.progress,
        responses,
        record: record::view::items_with(st, lang, entries, corrected).await?,
        mine,
        moderation,
        supported,
        outside_area,
        can_answer,
        discussion,
        templates,
        template_body,
        rating,
        can_correct: me.is_some_and(|me| rules::may_correct(me, r.agency_id)),
        photos,
        point,
        usulan: usulan.into_iter().map(crate::server::musrenbang::linked).collect(),
    })
}
