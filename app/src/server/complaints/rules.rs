//! Holidays as an admin types them (see [`crate::server::area_settings`]).
use crate::error::{AppError, AppResult, FieldProblem};
use crate::server::time;

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
