//! Per-area settings, inherited downwards (see [`crate::db::area_settings`]):
//! proposals' support threshold and response days, complaint deadlines and
//! holidays, set by an admin on the area's page.
use super::{time, AppState};
use crate::db::area_settings::{self as rows, Group, COMPLAINTS, PROPOSALS};
use crate::db::complaints as db_complaints;
use crate::db::Db;
use crate::domain::ids::AreaId;
use crate::error::{AppError, AppResult, FieldProblem};
use crate::model::{AreaSettings, SettingSource};

/// Sets an area's support threshold and response days (`None`: it inherits
/// them again); the areas below that inherit follow.
pub async fn set_proposal_rules(db: &Db, area: AreaId, rules: Option<[i64; 2]>) -> AppResult<()> {
    set(
        db,
        area,
        "rules_area_id",
        &PROPOSALS,
        rules.as_ref().map(|r| &r[..]),
        None,
    )
    .await
}

/// Sets an area's complaint deadlines (`None`: it inherits them again) and
/// replaces its own holidays (which count in the areas below it too).
pub async fn set_complaint_rules(
    db: &Db,
    area: AreaId,
    days: Option<[i64; 3]>,
    holidays: &[(i64, String)],
) -> AppResult<()> {
    let days = days.as_ref().map(|d| &d[..]);
    set(db, area, "complaint_area_id", &COMPLAINTS, days, Some(holidays)).await
}

async fn set(
    db: &Db,
    area: AreaId,
    field: &str,
    g: &Group,
    values: Option<&[i64]>,
    holidays: Option<&[(i64, String)]>,
) -> AppResult<()> {
    let Some(path) = db_complaints::area_path(db, area).await? else {
        return Err(AppError::field(field, FieldProblem::Unknown));
    };
    let mut tx = db.pool.begin().await?;
    rows::set(&mut tx, g, &path, values).await?;
    if let Some(h) = holidays {
        db_complaints::replace_holidays(&mut tx, area, h).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The settings in force in `area` and where each comes from. `chain` is the
/// area and those above it, from the top; `name` names one of them.
pub async fn of(
    st: &AppState,
    area: AreaId,
    chain: &[AreaId],
    name: impl Fn(AreaId) -> String,
) -> AppResult<AreaSettings> {
    let mut conn = st.db.pool.acquire().await?;
    let mut source = async |g: &Group| -> AppResult<(Vec<i64>, SettingSource)> {
        let values = rows::values_of(&mut conn, g, area).await?.ok_or(AppError::NotFound)?;
        let set = rows::set_in(&mut conn, g, chain).await?;
        let from = match chain.iter().rev().find(|a| set.contains(a)) {
            Some(a) if *a == area => SettingSource::Here,
            Some(a) => SettingSource::Above(name(*a)),
            None => SettingSource::Default,
        };
        Ok((values, from))
    };
    let (rules, rules_from) = source(&PROPOSALS).await?;
    let (deadlines, deadlines_from) = source(&COMPLAINTS).await?;
    let mut holidays_here = String::new();
    let mut holidays_above = Vec::new();
    for (at, day, label) in rows::holidays_in(&mut conn, chain).await? {
        let line = format!("{} {label}", time::iso_day(day)).trim_end().to_owned();
        if at == area {
            holidays_here.push_str(&line);
            holidays_here.push('\n');
        } else {
            holidays_above.push((line, name(at)));
        }
    }
    Ok(AreaSettings {
        rules: [rules[0], rules[1]],
        rules_from,
        deadlines: [deadlines[0], deadlines[1], deadlines[2]],
        deadlines_from,
        holidays_here,
        holidays_above,
    })
}
