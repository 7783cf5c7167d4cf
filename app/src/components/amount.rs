//! The amount as the server understood it, in figures and words, before a
//! form that carries one writes anything (`domain::rupiah::confirmed`).
use super::form::FormState;
use super::use_lang;
use crate::error::AppError;
use crate::i18n::amounts::{amount_text, amsg};
use leptos::prelude::*;

/// After a form came back asking to confirm the amount of `field`: the
/// amount read, and the hidden `{field}_confirmed` that lets the next
/// submission through (only for that amount: an edit is asked about again).
#[component]
pub fn AmountCheck(form: FormState, field: &'static str) -> impl IntoView {
    let lang = use_lang();
    let a = amsg(lang);
    let amount = move || match form.error.get() {
        Some(AppError::ConfirmAmount { field: f, amount }) if f == field => Some(amount),
        _ => None,
    };
    view! {
        <Show when=move || amount().is_some()>
            <div class="notice amount-check" role="status" id=format!("f-{field}-check")>
                <p>
                    <strong>{format!("{}: ", a.read_as)}</strong>
                    <span class="amount">{move || amount().map(|n| amount_text(lang, n))}</span>
                </p>
                <p>{a.confirm_hint}</p>
                <input
                    type="hidden"
                    name=format!("{field}_confirmed")
                    value=move || amount().map(|n| n.to_string()).unwrap_or_default()
                />
            </div>
        </Show>
    }
}
