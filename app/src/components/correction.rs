//! Corrections of official responses and steps: shown next to the original
//! (which the record never changes), and the form officers append one with.
use super::amount::AmountCheck;
use super::form::{form_state, post_url, FormError, TextArea};
use super::use_lang;
use crate::api::CorrectEntry;
use crate::domain::BODY_MAX;
use crate::i18n::amounts::{amsg, field_name};
use crate::i18n::error_message;
use crate::i18n::proposals::pmsg;
use crate::model::CorrectionView;
use leptos::prelude::*;

/// The corrections of one response or step, oldest first.
#[component]
pub fn CorrectionList(items: Vec<CorrectionView>) -> impl IntoView {
    let lang = use_lang();
    let (a, p) = (amsg(lang), pmsg(lang));
    (!items.is_empty()).then(|| {
        view! {
            <ul class="corrections">
                {items.into_iter().map(|c| {
                    let change = was_now(lang, &c);
                    let head = format!(" {} · {} · {} · ", field_name(lang, &c.field), c.officer, c.when);
                    let entry = (format!("/record#entry-{}", c.seq), format!("{} #{}", p.entry, c.seq));
                    view! {
                        <li class="correction" id=format!("c{}", c.seq)>
                            <p>
                                <strong class="badge">{a.correction}</strong>
                                {head}
                                <a href=entry.0>{entry.1}</a>
                            </p>
                            {change}
                            {c.now_html.map(|html| view! { <div class="post-body" inner_html=html></div> })}
                            {c.why.map(|why| view! { <p class="why">{format!("{}: {why}", a.reason)}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// "was X · now Y" for an amount or a timeline.
pub fn was_now(lang: crate::model::Lang, c: &CorrectionView) -> impl IntoView {
    let a = amsg(lang);
    let (was, now) = (c.was.clone(), c.now.clone());
    (was.is_some() || now.is_some()).then(|| {
        view! {
            <p class="change">
                {was.map(|w| view! { {format!("{}: ", a.was)} <del>{w}</del> " · " })}
                {now.map(|n| view! { {format!("{}: ", a.now)} <ins>{n}</ins> })}
            </p>
        }
    })
}

/// The officer's correction form: which entry (`entries`: seq and label),
/// which field (`fields`), what is right and why. One form per page, so
/// its fields keep their ids and a no-JS post comes back to it.
#[component]
pub fn CorrectionForm(entries: Vec<(i64, String)>, fields: &'static [&'static str]) -> impl IntoView {
    let lang = use_lang();
    let a = amsg(lang);
    let form = form_state::<CorrectEntry>();
    let came_back = form.flash.is_some();
    let chosen_seq = form.value("seq", "");
    let chosen_field = form.value("field", "text");
    let field_error = {
        let form = form.clone();
        move |name: &'static str| {
            let form = form.clone();
            move || {
                form.error
                    .get()
                    .and_then(|e| e.for_field(name))
                    .map(|e| view! { <p class="error">{error_message(lang, &e)}</p> })
            }
        }
    };
    view! {
        <section class="correct" id="correct">
            <details open=came_back>
                <summary>{a.correct_summary}</summary>
                <p class="hint">{a.correct_intro}</p>
                <form method="post" action={post_url::<CorrectEntry>()}>
                    <FormError form=form.clone()/>
                    <div class="field">
                        <label for="f-seq">{pmsg(lang).entry}</label>
                        <select id="f-seq" name="seq">
                            {entries.into_iter().map(|(seq, label)| {
                                let v = seq.to_string();
                                let selected = v == chosen_seq;
                                view! { <option value=v selected=selected>{label}</option> }
                            }).collect_view()}
                        </select>
                        {field_error("seq")}
                    </div>
                    {if fields.len() > 1 {
                        leptos::either::Either::Left(view! {
                            <div class="field">
                                <label for="f-field">{a.correct_field}</label>
                                <select id="f-field" name="field">
                                    {fields.iter().map(|f| view! {
                                        <option value=*f selected=chosen_field == *f>{field_name(lang, f)}</option>
                                    }).collect_view()}
                                </select>
                                {field_error("field")}
                            </div>
                        })
                    } else {
                        leptos::either::Either::Right(view! { <input type="hidden" name="field" value="text"/> })
                    }}
                    <TextArea form=form.clone() name="value" label=a.correct_value hint=a.correct_value_hint.to_owned() maxlength=BODY_MAX rows=4/>
                    <AmountCheck form=form.clone() field="value"/>
                    <TextArea form=form.clone() name="reason" label=a.correct_reason hint=a.correct_reason_hint.to_owned() maxlength=1000 rows=3/>
                    <div class="buttons">
                        <button type="submit" class="primary">{a.publish_correction}</button>
                    </div>
                </form>
            </details>
        </section>
    }
}
