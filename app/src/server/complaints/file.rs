//! Filing a complaint: routing it to the responsible agency and setting its
//! deadlines in working days.
use super::content;
use crate::db::complaints::{self as db_complaints, Head};
use crate::db::notify::{Alert, Subject};
use crate::db::responsibilities;
use crate::domain::complaint::State;
use crate::domain::ids::{AreaId, CategoryId, ComplaintId, UserId};
use crate::domain::service::ServiceItem;
use crate::domain::skm;
use crate::error::{AppError, AppResult, FieldProblem};
use crate::model::Me;
use crate::server::dashboard::{self, Receipt};
use crate::server::record::{self, Actor};
use crate::server::{forums, notify, time, AppState};

pub struct NewComplaint {
    pub title: String,
    pub body: String,
    pub area_id: AreaId,
    pub category_id: CategoryId,
    pub location: String,
    /// The day it happened (since 1970-01-01).
    pub happened_on: i64,
    pub anonymous: bool,
    pub private: bool,
    pub point: Option<crate::model::GeoPoint>,
    /// Checked and converted already (`photos::prepare`).
    pub photos: Vec<crate::server::photos::Processed>,
}

/// Files a complaint, routes it, sets its deadlines and records it; returns
/// its id.
pub async fn file(st: &AppState, me: &Me, c: NewComplaint, at: i64) -> AppResult<ComplaintId> {
    let db = &st.db;
    let html = forums::render("body", &c.body)?;
    let excerpt = forums::excerpt_of(&c.body);
    // Everything read before the transaction, which then writes first (on
    // SQLite a transaction that reads before it writes can lose its snapshot
    // to another writer and fail).
    let mut conn = db.pool.acquire().await?;
    let Some(rules) = db_complaints::area_rules(&mut conn, c.area_id).await? else {
        return Err(AppError::field("area_id", FieldProblem::Unknown));
    };
    if !db_complaints::category_exists(&mut conn, c.category_id).await? {
        return Err(AppError::field("category_id", FieldProblem::Unknown));
    }
    // Not in the future anywhere in Indonesia (the form offers today in the
    // easternmost zone as its latest date).
    if c.happened_on > time::local_day(at, "WIT") {
        return Err(AppError::field("happened_on", FieldProblem::FutureDate));
    }
    let path_areas: Vec<AreaId> = forums::path_ids(&rules.path).into_iter().map(AreaId).collect();
    let agency = responsibilities::responsible(&mut conn, &path_areas, c.category_id).await?;
    let today = time::local_day(at, &rules.timezone);
    // The holidays of the area and the areas above it.
    let holidays = db_complaints::holidays_after(&mut conn, &path_areas, today).await?;
    let due = [rules.verify_days, rules.followup_days, rules.resolve_days].map(|days| {
        let day = skm::add_working_days(today, days.clamp(0, 365) as u32, &holidays);
        time::end_of_day(day, &rules.timezone)
    });
    drop(conn);
    let mut tx = db.pool.begin().await?;
    let happened_on = time::iso_day(c.happened_on);
    let id = db_complaints::insert(
        &mut tx,
        &db_complaints::NewComplaint {
            author: UserId(me.id),
            anonymous: c.anonymous,
            private: c.private,
            area: c.area_id,
            area_path: &rules.path,
            category: c.category_id,
            title: &c.title,
            body_src: &c.body,
            body_html: &html,
            excerpt: &excerpt,
            location: &c.location,
            happened_on: &happened_on,
            agency: agency.as_ref().map(|a| a.id),
            verify_due: due[0],
            followup_due: due[1],
            resolve_due: due[2],
            created_at: at,
            point: c.point,
        },
    )
    .await?;
    let item = crate::db::photos::Item::Complaint(id.0);
    crate::server::photos::attach(&mut tx, st, item, me.id, &c.photos, at).await?;
    // A public complaint can be found by search; a private one never.
    crate::db::search::index_complaint(&mut tx, db.backend, id).await?;
    let head = Head {
        id,
        author_id: UserId(me.id),
        private: i64::from(c.private),
        area_id: c.area_id,
        area_path: rules.path.clone(),
        area_name: rules.name.clone(),
        title: c.title.clone(),
        state: State::Received.code().into(),
        agency_id: agency.as_ref().map(|a| a.id),
        agency_name: agency.as_ref().map(|a| a.name.clone()),
    };
    // The public record never names an anonymous complainant, nor the
    // complainant of a private complaint (which the public may not read, so
    // its record entry must not say whose it is).
    let actor = (!c.anonymous && !c.private).then(|| Actor {
        username: me.username.clone(),
        name: me.display_name.clone(),
        role: "resident".into(),
    });
    let seq = record::append(&mut tx, &rules.path, |seq| {
        let mut e = content(&head, seq, at, "filed", State::Received, actor);
        e.due = Some(time::iso_date(due[1], &rules.timezone));
        e
    })
    .await?;
    dashboard::receive(
        &mut tx,
        &Receipt {
            item: ServiceItem::Complaint(id),
            agency: head.agency_id,
            area_path: &rules.path,
            zone: &rules.timezone,
            received_at: at,
            due_at: due[1],
        },
    )
    .await?;
    // The agency's officers hear of it (never who filed it).
    let alert = Alert {
        agency: head.agency_id,
        kind: "desk_new",
        subject: Subject::Complaint(id),
        seq: Some(seq),
        actor: Some(UserId(me.id)),
        at,
    };
    notify::alert(&mut tx, &st.config, &alert).await?;
    tx.commit().await?;
    Ok(id)
}
