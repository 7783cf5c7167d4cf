//! Message catalogues. Both languages are one struct each, so the compiler
//! refuses a build in which English (or Indonesian) misses a string.
pub mod amounts;
mod common;
pub mod complaints;
mod errors;
pub mod moderation;
pub mod proposals;

pub use common::{msg, Msg, EN, ID};
pub use errors::error_message;

use crate::model::{AreaLevel, Lang, Role};

pub fn role_name(lang: Lang, role: Role) -> &'static str {
    let m = msg(lang);
    match role {
        Role::Officer => m.role_officer,
        Role::Moderator => m.role_moderator,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{AppError, FieldProblem, Refusal};

    #[test]
    fn numbers_use_the_readers_grouping() {
        assert_eq!(number(Lang::Id, 1_234_567), "1.234.567");
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Id, 999), "999");
        assert_eq!(number(Lang::En, -1000), "-1,000");
    }

    #[test]
    fn every_error_is_translated_differently() {
        let all = [
            AppError::field("x", FieldProblem::Taken),
            AppError::WrongCredentials,
            AppError::Throttled { minutes: 5 },
            AppError::NotSignedIn,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::BadRequest,
            AppError::Internal,
            AppError::Refused {
                reason: Refusal::AlreadySupported,
            },
            AppError::Refused {
                reason: Refusal::NotSupported,
            },
            AppError::Refused {
                reason: Refusal::ClosedForSupport,
            },
            AppError::Refused {
                reason: Refusal::OutsideArea,
            },
            AppError::Refused {
                reason: Refusal::WrongStep,
            },
            AppError::Refused {
                reason: Refusal::ComplaintStep,
            },
            AppError::Refused {
                reason: Refusal::AlreadyRated,
            },
            AppError::Refused {
                reason: Refusal::NotRateable,
            },
            AppError::Refused {
                reason: Refusal::OwnAgency,
            },
            AppError::Suspended {
                until: Some("1 Des 2026".into()),
                reason: "spam".into(),
            },
            AppError::Suspended {
                until: None,
                reason: "spam".into(),
            },
            AppError::RateLimited { seconds: 30 },
            AppError::RateLimited { seconds: 600 },
            AppError::ConfirmAmount {
                field: "budget".into(),
                amount: 165_000_000,
            },
            AppError::field(
                "budget",
                FieldProblem::Amount {
                    amount: crate::error::AmountProblem::Ambiguous,
                },
            ),
        ];
        for r in [
            Refusal::Locked,
            Refusal::AlreadyFlagged,
            Refusal::Duplicate,
            Refusal::Deleted,
            Refusal::OfficialResponse,
            Refusal::NoChange,
            Refusal::AlreadyAppealed,
            Refusal::NotAppealable,
            Refusal::CannotMerge,
            Refusal::AgencyOutsideArea,
            Refusal::NotCorrectable,
        ] {
            let e = AppError::Refused { reason: r };
            assert_ne!(error_message(Lang::Id, &e), error_message(Lang::En, &e), "{e:?}");
        }
        for e in all {
            assert_ne!(error_message(Lang::Id, &e), error_message(Lang::En, &e), "{e:?}");
        }
    }
}
