//! Corrections of official responses and steps: appended to the decision
//! record next to the original, which is never edited.
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::forum::{limit, number, spend, writer};
#[cfg(feature = "ssr")]
use crate::{
    domain::{post_body, rupiah, Rupiah},
    error::FieldProblem,
    server::{correct, limits::Write, proposals, state, time::now},
};

/// Corrects record entry `seq` (an official response, progress update or
/// complaint step): `field` (`text`, `budget` or `timeline`) is `value`,
/// because `reason`. A budget is written only once the officer has seen it
/// as understood and sent it back in `value_confirmed`.
#[server(endpoint = "correct_entry")]
pub async fn correct_entry(
    seq: String,
    field: String,
    #[server(default)] value: String,
    #[server(default)] reason: String,
    #[server(default)] value_confirmed: String,
) -> Result<(), AppError> {
    let me = writer()?;
    correct::may_correct(&me)?;
    let st = state()?;
    let db = &st.db;
    // Whether this person may correct this entry, before anything typed.
    let target = correct::target(db, &me, number(&seq)?).await?;
    let (fix, amount) = match field.trim() {
        "text" => (correct::Fix::Text(post_body("value", &value)?), None),
        "budget" => {
            let amount = Rupiah::parse("value", &value)?;
            (correct::Fix::Budget(amount.value()), Some(amount))
        }
        "timeline" => {
            let t = value.trim();
            if t.is_empty() {
                return Err(AppError::field("value", FieldProblem::Required));
            }
            if t.chars().count() > proposals::TIMELINE_MAX {
                return Err(AppError::field(
                    "value",
                    FieldProblem::TooLong {
                        max: proposals::TIMELINE_MAX as u32,
                    },
                ));
            }
            (correct::Fix::Timeline(t.to_owned()), None)
        }
        _ => return Err(AppError::field("field", FieldProblem::Invalid)),
    };
    if !target.fields().contains(&fix.field()) {
        return Err(AppError::field("field", FieldProblem::Invalid));
    }
    let why = post_body("reason", &reason)?;
    if why.chars().count() > correct::REASON_MAX {
        return Err(AppError::field(
            "reason",
            FieldProblem::TooLong {
                max: correct::REASON_MAX as u32,
            },
        ));
    }
    // Last, once all else is valid: the amount as understood, seen.
    rupiah::confirmed("value", amount, &value_confirmed)?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    correct::correct(db, &me, &target, fix, &why, now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&target.url());
    Ok(())
}
