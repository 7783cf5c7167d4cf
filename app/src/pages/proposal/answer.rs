//! An officer's official response and progress update forms.
use crate::components::amount::AmountCheck;
use crate::components::form::post_url;
use crate::components::form::{form_state, Field, FormError, PreviewBox, TextArea};
use crate::components::post::body_hint;
use crate::components::use_lang;
use crate::domain::BODY_MAX;
use crate::error::AppError;
use crate::i18n::msg;
use crate::i18n::proposals::{pmsg, state_name};
use crate::model::TemplateView;
use leptos::prelude::*;

/// An officer's forms: the official response while a decision is open, then
/// progress updates.
#[component]
pub(super) fn AnswerForms(
    id: i64,
    state: String,
    templates: Vec<TemplateView>,
    template_body: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let form = form_state::<crate::api::Answer>();
    let (kind, heading, button, choices): (&str, &str, &str, &[&str]) = match state.as_str() {
        "published" | "under_review" => (
            "response",
            p.answer_heading,
            p.publish_response,
            &["under_review", "accepted", "partially_accepted", "rejected"],
        ),
        "accepted" | "partially_accepted" | "in_progress" => (
            "progress",
            p.progress_heading,
            p.publish_progress,
            &["in_progress", "implemented"],
        ),
        _ => return None,
    };
    let choices: Vec<&str> = choices.iter().copied().filter(|c| *c != state).collect();
    // A template goes into the text through the form itself (a button that
    // posts it, so it works without JavaScript): typed text is kept.
    let picker = (!templates.is_empty()).then(|| view! {
        <div class="field template-insert">
            <label for="f-template">{p.templates_heading}</label>
            <select id="f-template" name="template">
                {templates.into_iter().map(|t| view! { <option value=t.id.to_string()>{t.title}</option> }).collect_view()}
            </select>
            <button type="submit" name="insert" value="1">{p.use_template}</button>
        </div>
    });
    // Back with a template put in: the text as it is now.
    let mut form = form;
    let mut inserted = None;
    if let (Some(AppError::Template { body }), Some(flash)) = (form.error.get_untracked(), form.flash.as_mut()) {
        flash.fields.retain(|(k, _)| k != "body");
        flash.fields.push(("body".to_owned(), body));
        // Said next to the text, which the eye (and focus) returns to.
        inserted =
            Some(view! { <p class="notice" role="status" tabindex="-1" autofocus=true>{p.template_inserted}</p> });
    }
    // Sent once: it came back to be checked, exactly as it will stand.
    let confirming = match form.error.get_untracked() {
        Some(AppError::Confirm { html, token }) => Some((html, token)),
        _ => None,
    };
    let button = if confirming.is_some() {
        p.confirm_publish
    } else {
        button
    };
    let confirm_box = confirming.map(|(html, token)| {
        let to = form.value("to", "");
        // A budget and timeline are kept only with a decision that has them.
        let keeps = crate::domain::proposal::State::parse(&to).is_some_and(crate::domain::proposal::keeps_budget);
        let kept = move |v: String| Some(v).filter(|v| keeps && !v.trim().is_empty());
        let facts = [
            (p.decision, Some(state_name(lang, &to).to_owned())),
            (
                p.budget,
                kept(form.value("budget_confirmed", ""))
                    .and_then(|n| n.parse::<i64>().ok())
                    .map(|n| crate::i18n::amounts::amount_text(lang, n)),
            ),
            (p.timeline, kept(form.value("timeline", ""))),
            (p.progress, Some(form.value("progress", "")).filter(|t| !t.trim().is_empty()).map(|n| format!("{}%", n.trim().trim_end_matches('%')))),
        ];
        view! {
            <div class="confirm-box" id="confirm" role="alert" tabindex="-1" autofocus=true aria-labelledby="confirm-h">
                <h3 id="confirm-h">{p.confirm_heading}</h3>
                <p>{p.confirm_intro}</p>
                <dl class="facts">
                    {facts.into_iter().filter_map(|(k, v)| v.map(|v| view! { <dt>{k}</dt><dd>{v}</dd> })).collect_view()}
                </dl>
                <div class="post-body" inner_html=html></div>
                <input type="hidden" name="confirm" value=token/>
                <input type="hidden" name="budget_confirmed" value=form.value("budget_confirmed", "")/>
                <p class="hint">{p.confirm_edit}</p>
            </div>
        }
    });
    Some(view! {
        <section class="reply" id="answer" aria-labelledby="answer-h">
            <h2 id="answer-h">{heading}</h2>
            <PreviewBox form=form.clone()/>
            <form method="post" action={post_url::<crate::api::Answer>()}>
                // Enter in a field previews: the first submit button is the
                // form's default, and it must not insert or publish.
                <button type="submit" name="preview" value="1" hidden=true tabindex="-1" aria-hidden="true"></button>
                <FormError form=form.clone()/>
                {confirm_box}
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="kind" value=kind/>
                <div class="field">
                    <label for="f-to">{p.decision}</label>
                    <select id="f-to" name="to">
                        // A form refused without JavaScript (a preview, the
                        // amount to confirm) comes back with its decision: the
                        // first option would publish another one.
                        {choices.into_iter().map(|c| {
                            let chosen = form.value("to", "") == c;
                            view! { <option value=c selected=chosen>{state_name(lang, c)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {picker}
                {inserted}
                <TextArea form=form.clone() name="body" label=p.response_text hint=body_hint(lang) maxlength=BODY_MAX rows=6 value=template_body.unwrap_or_default()/>
                <Field form=form.clone() name="budget" label=p.budget hint=p.cost_hint maxlength=40/>
                <AmountCheck form=form.clone() field="budget"/>
                <Field form=form.clone() name="timeline" label=p.timeline maxlength=200/>
                {(kind == "progress").then(|| view! {
                    <Field form=form.clone() name="progress" label=p.progress kind="number"/>
                })}
                <div class="buttons">
                    <button type="submit" name="preview" value="1">{m.preview_button}</button>
                    <button type="submit" class="primary">{button}</button>
                </div>
            </form>
        </section>
    })
}
