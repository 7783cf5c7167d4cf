//! Complaint deadlines and holidays per area, set by an admin.
use crate::db::complaints as db_complaints;
use crate::db::Db;
use crate::domain::ids::AreaId;
use crate::error::{AppError, AppResult, FieldProblem};
use crate::server::{forums, time};

/// Complaint deadlines (working days) for an area and every area below it,
/// and the area's own holidays (which count below it too), set by an admin.
/// `holidays` replaces the area's list.
pub async fn set_rules(db: &Db, area: AreaId, days: [i64; 3], holidays: &[(i64, String)]) -> AppResult<()> {
    let Some(path) = db_complaints::area_path(db, area).await? else {
        return Err(AppError::field("complaint_area_id", FieldProblem::Unknown));
    };
    // The area and every area below it.
    let mut tx = db.pool.begin().await?;
    db_complaints::set_deadlines(&mut tx, &path, &forums::path_end(&path), days).await?;
    db_complaints::replace_holidays(&mut tx, area, holidays).await?;
    tx.commit().await?;
    Ok(())
}

/// Lines `YYYY-MM-DD name` (the name optional) from the admin form.
pub fn parse_holidays(raw: &str) -> AppResult<Vec<(i64, String)>> {
    let mut out = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (date, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let day = time::parse_date(date).ok_or_else(|| AppError::field("holidays", FieldProblem::Invalid))?;
        out.push((day, name.trim().chars().take(100).collect()));
    }
    if out.len() > 100 {
        return Err(AppError::field("holidays", FieldProblem::TooLong { max: 100 }));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holidays_from_the_form() {
        let h = parse_holidays("2026-12-25 Natal\n\n 2026-12-24\tCuti bersama \n").unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].1, "Natal");
        assert_eq!(h[1].1, "Cuti bersama");
        assert!(parse_holidays("25-12-2026").is_err());
        assert!(parse_holidays("").unwrap().is_empty());
    }
}
