//! Progress of an usulan the plan accepted, reported by the agency that
//! carries it out (its officers, or an admin): a percentage and what was
//! done. At 100 it is implemented and takes no more reports. Each report is
//! a record entry, written with it.
use super::{refused, rows};
use crate::db::musrenbang::funnel::Step;
use crate::domain::ids::{UserId, UsulanId};
use crate::domain::permissions::officer_agencies;
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::Me;
use crate::server::record::{self, Actor, Content, Named};
use crate::server::{areas, AppState};

/// May `me` report progress on usulan `u` now?
pub fn may_report(me: &Me, u: &rows::Usulan) -> bool {
    matches!(u.state.as_str(), "accepted" | "in_progress")
        && (me.is_admin() || u.plan_agency_id.is_some_and(|a| officer_agencies(me).contains(&a)))
}

pub async fn report(st: &AppState, me: &Me, id: UsulanId, percent: i64, body: &str, at: i64) -> AppResult<()> {
    let u = rows::usulan(&st.db, id).await?.ok_or(AppError::NotFound)?;
    let officer = me.is_admin() || u.plan_agency_id.is_some_and(|a| officer_agencies(me).contains(&a));
    if !officer {
        return Err(AppError::Forbidden);
    }
    if !may_report(me, &u) {
        return Err(refused(Refusal::WrongStep));
    }
    if !(0..=100).contains(&percent) {
        return Err(AppError::field("percent", FieldProblem::Invalid));
    }
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::field("report", FieldProblem::Required));
    }
    let state = if percent == 100 { "implemented" } else { "in_progress" };
    let path = areas::info(st, u.area_id.0).await?.path().to_owned();
    let c = super::cycle(st, u.cycle_id).await?;
    let mut tx = st.db.pool.begin().await?;
    // Write first: the state moves only from accepted or in progress, so of
    // two reports racing to 100 one finds it implemented.
    if !rows::set_progress(&mut tx, id, state, percent).await? {
        return Err(refused(Refusal::WrongStep));
    }
    let agency = u.plan_agency_id.zip(u.plan_agency.clone());
    let seq = record::append(&mut tx, &path, |seq| {
        let item = record::Item {
            subject: "usulan",
            id: id.0,
            title: u.title.clone(),
            area: Named {
                id: u.area_id.0,
                name: u.area_name.clone(),
            },
            agency: agency.map(|(a, name)| Named { id: a.0, name }),
        };
        let actor = Actor {
            username: me.username.clone(),
            name: me.display_name.clone(),
            role: if me.is_admin() { "admin" } else { "officer" }.into(),
        };
        let mut c = Content::event(seq, at, item, "progress", &u.state, state, Some(actor));
        c.text = Some(body.to_owned());
        c.progress = Some(percent);
        c
    })
    .await?;
    rows::insert_update(
        &mut tx,
        &rows::NewUpdate {
            usulan: id,
            percent,
            body,
            by: UserId(me.id),
            agency: u.plan_agency_id,
            at,
            record_seq: seq,
        },
    )
    .await?;
    if state == "implemented" {
        super::funnel::count(&mut tx, &c, &path, Step::Implemented, 0, u.plan_agency_id).await?;
    }
    rows::notify_usulan(&mut tx, id, seq, UserId(me.id), true, at).await?;
    tx.commit().await?;
    Ok(())
}
