//! Message catalogues. Both languages are one struct each, so the compiler
//! refuses a build in which English (or Indonesian) misses a string.
pub mod amounts;
pub mod areas;
mod common;
pub mod complaints;
mod errors;
pub mod fields;
mod format;
pub mod mail;
pub mod moderation;
pub mod musrenbang;
pub mod notes;
pub mod notify;
pub mod photos;
pub mod proposals;

pub use common::{msg, Msg, EN, ID};
pub use errors::{error_message, field_problem};
pub use format::{area_kind, counted, number, role_name};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{AppError, FieldProblem, Refusal};
    use crate::model::Lang;

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
