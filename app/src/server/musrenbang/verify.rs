//! The technical verification of an usulan by the agency responsible for
//! its category where it stands (its officers, or an admin): feasible,
//! needs changes or not feasible, a cost estimate, and a reason. Allowed
//! until voting at its tier closes; each verification is a record entry.
use super::{refused, rows};
use crate::domain::forum_rules::path_ids;
use crate::domain::ids::{AreaId, UserId, UsulanId};
use crate::domain::musrenbang::Tier;
use crate::domain::permissions::officer_agencies;
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::Me;
use crate::server::record::{self, Actor, Content, Named};
use crate::server::{areas, AppState};

pub struct Verification {
    pub id: UsulanId,
    /// feasible, needs_changes or not_feasible
    pub verdict: String,
    pub cost: Option<i64>,
    pub reason: String,
}

/// The agency that verifies usulan `u` (responsible for its category in
/// the area where it stands now), if any.
pub async fn verifier(st: &AppState, u: &rows::Usulan) -> AppResult<Option<(crate::domain::ids::AgencyId, String)>> {
    let here = rows::tiers_of(&st.db, u.id).await?;
    let Some(at) = here.iter().find(|t| t.tier == u.tier_now) else {
        return Ok(None);
    };
    let path = areas::info(st, at.area_id.0).await?.path().to_owned();
    let chain: Vec<AreaId> = path_ids(&path).into_iter().map(AreaId).collect();
    let mut conn = st.db.pool.acquire().await?;
    Ok(
        crate::db::responsibilities::responsible(&mut conn, &chain, u.category_id)
            .await?
            .map(|a| (a.id, a.name)),
    )
}

/// May `me` verify usulan `u` now (an officer of its agency, or an admin)?
pub async fn may_verify(st: &AppState, me: &Me, u: &rows::Usulan) -> AppResult<bool> {
    if u.state != "open" {
        return Ok(false);
    }
    let Some((agency, _)) = verifier(st, u).await? else {
        return Ok(me.is_admin());
    };
    Ok(me.is_admin() || officer_agencies(me).contains(&agency))
}

pub async fn verify(st: &AppState, me: &Me, v: &Verification, at: i64) -> AppResult<()> {
    let u = rows::usulan(&st.db, v.id).await?.ok_or(AppError::NotFound)?;
    if !may_verify(st, me, &u).await? {
        return Err(if u.state == "open" {
            AppError::Forbidden
        } else {
            refused(Refusal::PlanClosed)
        });
    }
    if !["feasible", "needs_changes", "not_feasible"].contains(&v.verdict.as_str()) {
        return Err(AppError::field("verdict", FieldProblem::Choose));
    }
    if v.verdict != "feasible" && v.reason.trim().is_empty() {
        return Err(AppError::field("verify_reason", FieldProblem::Required));
    }
    let agency = verifier(st, &u).await?;
    let tier = Tier::from_i64(u.tier_now).ok_or(AppError::Internal)?;
    let path = areas::info(st, u.area_id.0).await?.path().to_owned();
    let mut tx = st.db.pool.begin().await?;
    crate::db::write_first(&mut tx).await?;
    let stage = rows::stage_in(&mut tx, u.cycle_id, tier.n())
        .await?
        .ok_or(AppError::NotFound)?;
    if stage.calendar().voting_over(at) {
        return Err(refused(Refusal::PlanClosed));
    }
    rows::set_verification(
        &mut tx,
        &rows::Verified {
            id: u.id,
            verdict: &v.verdict,
            cost: v.cost,
            agency: agency.as_ref().map(|a| a.0),
            reason: v.reason.trim(),
            by: UserId(me.id),
            at,
        },
    )
    .await?;
    let seq = record::append(&mut tx, &path, |seq| {
        let item = record::Item {
            subject: "usulan",
            id: u.id.0,
            title: u.title.clone(),
            area: Named {
                id: u.area_id.0,
                name: u.area_name.clone(),
            },
            agency: agency.map(|(id, name)| Named { id: id.0, name }),
        };
        let actor = Actor {
            username: me.username.clone(),
            name: me.display_name.clone(),
            role: if me.is_admin() { "admin" } else { "officer" }.into(),
        };
        let mut c = Content::event(seq, at, item, "verified", "open", &v.verdict, Some(actor));
        c.text = Some(v.reason.trim().to_owned()).filter(|r| !r.is_empty());
        c.budget = v.cost;
        c
    })
    .await?;
    rows::notify_usulan(&mut tx, u.id, seq, UserId(me.id), false, at).await?;
    tx.commit().await?;
    Ok(())
}
