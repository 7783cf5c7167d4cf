//! Words and numbers shared by the catalogues: role and area names, and
//! numbers written the way each language groups digits.
use super::common::msg;
use crate::model::{AreaLevel, Lang, Role};

pub fn role_name(lang: Lang, role: Role) -> &'static str {
    let m = msg(lang);
    match role {
        Role::Officer => m.role_officer,
        Role::Head => m.role_head,
        Role::Moderator => m.role_moderator,
        Role::Planner => m.role_planner,
        Role::Admin => m.role_admin,
    }
}

/// The kind of an area: Indonesian pages use the local word kept with the
/// area ("Distrik", "Kelurahan"); English uses the administrative level.
pub fn area_kind(lang: Lang, level: AreaLevel, local: &str) -> String {
    match lang {
        Lang::Id => local.to_owned(),
        Lang::En => match level {
            AreaLevel::Province => "Province",
            AreaLevel::City => "City",
            AreaLevel::Regency => "Regency",
            AreaLevel::District => "District",
            AreaLevel::Village => "Village",
        }
        .to_owned(),
    }
}

/// 12345 → "12.345" (id) or "12,345" (en).
pub fn number(lang: Lang, n: i64) -> String {
    let sep = if lang == Lang::Id { '.' } else { ',' };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// "1 resident", "2 residents" (Indonesian has one form: "1 warga").
pub fn counted(lang: Lang, n: i64, one: &str, many: &str) -> String {
    format!("{} {}", number(lang, n), if n == 1 { one } else { many })
}
