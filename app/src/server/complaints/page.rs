//! A complaint's page and the lists of complaints.
use super::ratings::rating_state;
use crate::db::complaint_steps;
use crate::db::complaints::{self as db_complaints, ListFilter, Scope};
use crate::domain::complaint::{open_steps, Access, Event, State};
use crate::domain::ids::{AreaId, CategoryId, ComplaintId};
use crate::domain::permissions::officer_agencies;
use crate::domain::service::ServiceItem;
use crate::error::{AppError, AppResult};
use crate::model::{
    AgencySummary, ComplaintPage, ComplaintStep, ComplaintSummary, ComplaintsPage, Deadline, Lang, Me, RatingState,
};
use crate::server::AppState;
use crate::server::{areas, forums, time};

/// A deadline and how it stands: met (done by then), late (done after),
/// overdue (not done, passed) or open.
fn deadline(lang: Lang, what: &str, due: i64, done: Option<i64>, closed: bool, now: i64, zone: &str) -> Deadline {
    let status = match done {
        Some(t) if t <= due => "met",
        Some(_) => "late",
        None if closed => "open",
        None if now > due => "overdue",
        None => "open",
    };
    Deadline {
        what: what.into(),
        // The hour and zone too: a deadline ends at 23.59 in the area's zone.
        date: time::date_time(lang, due, zone),
        status: status.into(),
        escalated: None,
    }
}

/// A complaint's page, for whoever may see it.
pub async fn page(st: &AppState, lang: Lang, me: Option<&Me>, id: ComplaintId, now: i64) -> AppResult<ComplaintPage> {
    let db = &st.db;
    let r = db_complaints::page(db, id).await?.ok_or(AppError::NotFound)?;
    let rules = Access {
        author: r.author_id,
        agency: r.agency_id,
        private: r.private != 0,
    };
    let officer = rules.is_officer(me);
    let admin = me.is_some_and(|me| me.is_admin());
    let mine = rules.is_author(me);
    if !rules.visible_to(me) {
        return Err(AppError::NotFound);
    }
    let info = areas::info(st, r.area_id.0).await?;
    let zone = info.timezone().to_owned();
    let steps = complaint_steps::of_complaint(db, id).await?;
    let mut corrections = crate::server::record::corrections::of_subject(db, lang, "complaint", id.0, &zone).await?;
    let state = State::parse(&r.state);
    let done = state.is_some_and(State::is_done);
    let escalated = |at: Option<i64>| at.filter(|t| *t > 0).map(|t| time::date_time(lang, t, &zone));
    let mut deadlines = vec![
        deadline(
            lang,
            "verify",
            r.verify_due,
            r.verified_at.or(r.first_response_at),
            done,
            now,
            &zone,
        ),
        deadline(lang, "followup", r.followup_due, r.first_response_at, done, now, &zone),
        deadline(lang, "resolve", r.resolve_due, r.resolved_at, done, now, &zone),
    ];
    deadlines[1].escalated = escalated(r.escalated_at);
    deadlines[2].escalated = escalated(r.resolve_escalated_at);
    let can_step: Vec<Event> = match state {
        Some(s) if officer || admin => open_steps(s),
        _ => Vec::new(),
    };
    // Forwarding offers the agencies serving the complaint's area, the only
    // ones `step` accepts.
    let agencies = if can_step.contains(&Event::Forwarded) {
        info.agencies()
            .into_iter()
            .filter(|g| Some(g.id) != r.agency_id.map(|a| a.0))
            .collect()
    } else {
        Vec::<AgencySummary>::new()
    };
    let item = ServiceItem::Complaint(id);
    let rating = if mine && item.rateable(&r.state) && r.agency_id.is_some() && !officer {
        rating_state(db, me, item, true).await?
    } else {
        RatingState::None
    };
    // The agency and admins always see who filed it; the public not if anonymous.
    let author = (r.anonymous == 0 || rules.is_party(me)).then(|| r.author.clone());
    let mut moderation = crate::domain::permissions::item_moderation(
        me,
        &areas::moderated_paths(st, me).await?,
        r.author_id,
        info.path(),
        r.hidden_at.map(|_| r.hidden_reason.clone().unwrap_or_default()),
        None,
    );
    // Hidden: the text only for its complainant, its agency and moderators.
    let withheld = r.hidden_at.is_some() && !(rules.is_party(me) || moderation.can_moderate);
    moderation.withheld = withheld;
    let photos = crate::server::photos::of_item(st, me, crate::db::photos::Item::Complaint(r.id.0)).await?;
    let point = match (r.lat_e6, r.lon_e6) {
        (Some(lat_e6), Some(lon_e6)) if !withheld => Some(crate::model::GeoPoint { lat_e6, lon_e6 }),
        _ => None,
    };
    Ok(ComplaintPage {
        id: r.id.0,
        title: if withheld { String::new() } else { r.title },
        html: if withheld { String::new() } else { r.body_html },
        area: areas::summary(st, lang, r.area_id.0).await?,
        category: if lang == Lang::Id {
            r.category_id_name
        } else {
            r.category_en_name
        },
        state: r.state,
        location: r.location,
        happened_on: time::parse_date(&r.happened_on)
            .map(|d| time::date(lang, d * 86_400, "WIB"))
            .unwrap_or(r.happened_on),
        author,
        anonymous: r.anonymous != 0,
        private: r.private != 0,
        agency: r.agency,
        filed: time::date_time(lang, r.created_at, &zone),
        deadlines,
        steps: steps
            .into_iter()
            .map(|s| {
                // The complainant's own step names nobody: "Pelapor".
                let by_complainant = s.event == Event::Reopened.code();
                ComplaintStep {
                    state_to: s.state_to,
                    html: s.body_html,
                    officer: if by_complainant {
                        crate::i18n::complaints::cmsg(lang).complainant.to_owned()
                    } else {
                        s.officer
                    },
                    agency: if by_complainant { None } else { s.agency },
                    event: s.event,
                    to_agency: s.to_agency,
                    when: time::date_time(lang, s.created_at, &zone),
                    record_seq: s.record_seq,
                    corrections: corrections.remove(&s.record_seq).unwrap_or_default(),
                }
            })
            .collect(),
        mine,
        moderation,
        can_step: can_step.iter().map(|e| e.code().to_owned()).collect(),
        can_reopen: mine && state == Some(State::Resolved),
        agencies,
        rating,
        can_correct: officer || admin,
        photos,
        point,
        usulan: crate::server::musrenbang::grown_from(st, "complaint", r.id.0).await?,
    })
}

/// Which complaints a list shows.
pub struct ListQuery {
    pub area_id: Option<AreaId>,
    pub category: Option<CategoryId>,
    /// A state's code; anything else shows every state.
    pub state: Option<String>,
    /// public, mine or desk
    pub scope: String,
    pub before: Option<i64>,
}

pub const PAGE: i64 = 30;

/// Newest first, keyset-paged by id. `public`: every public complaint;
/// `mine`: the caller's own (private ones too); `desk`: those of the
/// caller's agencies (every one for an admin).
pub async fn list(st: &AppState, lang: Lang, me: Option<&Me>, q: ListQuery, now: i64) -> AppResult<ComplaintsPage> {
    let db = &st.db;
    let scope = match (q.scope.as_str(), me) {
        ("mine", Some(me)) => Scope::Author(crate::domain::ids::UserId(me.id)),
        ("desk", Some(me)) if me.is_admin() => Scope::All,
        ("desk", Some(me)) if !officer_agencies(me).is_empty() => Scope::Agencies(officer_agencies(me)),
        ("mine" | "desk", None) => return Err(AppError::NotSignedIn),
        ("desk", Some(_)) => return Err(AppError::Forbidden),
        _ => Scope::Public,
    };
    let paths = match q.area_id {
        Some(a) => {
            let p = areas::path(st, a.0).await?.ok_or(AppError::NotFound)?;
            let end = forums::path_end(&p);
            Some((p, end))
        }
        None => None,
    };
    let state = q.state.as_deref().and_then(State::parse);
    let filter = ListFilter {
        scope,
        before: q.before.unwrap_or(i64::MAX),
        paths,
        category: q.category,
        state,
        limit: PAGE + 1,
    };
    let mut rows = db_complaints::list(db, &filter).await?;
    let more = rows.len() as i64 > PAGE;
    rows.truncate(PAGE as usize);
    let next_cursor = if more { rows.last().map(|r| r.id.0) } else { None };
    let complaints = rows
        .into_iter()
        .map(|r| {
            let due = match State::parse(&r.state) {
                Some(State::Received) => Some(if r.first_response_at.is_some() {
                    r.resolve_due
                } else {
                    r.verify_due
                }),
                Some(State::Verified | State::InProgress) => Some(if r.first_response_at.is_some() {
                    r.resolve_due
                } else {
                    r.followup_due
                }),
                _ => None,
            };
            ComplaintSummary {
                id: r.id.0,
                title: r.title,
                area_id: r.area_id.0,
                area_name: r.area_name,
                category: if lang == Lang::Id {
                    r.category_id_name
                } else {
                    r.category_en_name
                },
                state: r.state,
                private: r.private != 0,
                agency: r.agency,
                filed: time::date(lang, r.created_at, &r.timezone),
                due: due.map(|d| time::date(lang, d, &r.timezone)),
                overdue: due.is_some_and(|d| d < now),
            }
        })
        .collect();
    Ok(ComplaintsPage {
        complaints,
        next: next_cursor,
        area_choice: areas::maybe_choice(st, lang, q.area_id.map(|a| a.0), false).await?,
        categories: forums::categories(st, lang).await?,
        area: q.area_id.map(|a| a.0),
        category: q.category.map(|c| c.0),
        state: state.map(|s| s.code().to_owned()).unwrap_or_default(),
        scope: match q.scope.as_str() {
            "mine" | "desk" => q.scope.clone(),
            _ => "public".to_owned(),
        },
    })
}
