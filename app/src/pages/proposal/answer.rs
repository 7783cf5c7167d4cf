//! An officer's official response and progress update forms.
use crate::components::amount::AmountCheck;
use crate::components::form::post_url;
use crate::components::form::{form_state, Field, FormError, PreviewBox, TextArea};
use crate::components::post::body_hint;
use crate::components::use_lang;
use crate::domain::BODY_MAX;
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
    // Picking a template reloads the page with its text in the form: a GET
    // form, so it works without JavaScript.
    let picker = (!templates.is_empty()).then(|| view! {
        <form method="get" action=format!("/proposals/{id}") class="filters">
            <div class="field">
                <label for="f-template">{p.templates_heading}</label>
                <select id="f-template" name="template">
                    {templates.into_iter().map(|t| view! { <option value=t.id.to_string()>{t.title}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit">{p.use_template}</button>
        </form>
    });
    Some(view! {
        <section class="reply" id="answer" aria-labelledby="answer-h">
            <h2 id="answer-h">{heading}</h2>
            {picker}
            <PreviewBox form=form.clone()/>
            <form method="post" action={post_url::<crate::api::Answer>()}>
                <FormError form=form.clone()/>
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
