//! The forms: a new usulan (in the person's own area of the tier taking
//! submissions) and a new cycle (admins).
use crate::api::get_new_usulan;
use crate::components::amount::AmountCheck;
use crate::components::area_picker::AreaPicker;
use crate::components::form::{form_state, post_url, CategorySelect, Field, FormError, TextArea};
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::domain::TITLE_MAX;
use crate::error::AppError;
use crate::i18n::msg;
use crate::i18n::musrenbang::{mmsg, tier_name};
use crate::i18n::proposals::rupiah;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewUsulanPage() -> impl IntoView {
    let lang = use_lang();
    let (m, t) = (msg(lang), mmsg(lang));
    let params = use_params_map();
    let session = use_session();
    let data = Resource::new_blocking(move || params.read().get("id").unwrap_or_default(), get_new_usulan);
    view! {
        <Title text=format!("{} · Rembuk", t.new_usulan)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                let form = form_state::<crate::api::SubmitUsulan>();
                match data.await {
                    Ok(d) => Either::Left(view! {
                        <p class="meta"><a href=format!("/musrenbang/{}", d.cycle_id)>{format!("{} {} · {}", t.cycle_of, d.year, d.cycle_area)}</a></p>
                        <h1>{t.new_usulan}</h1>
                        <p>{format!("{} {}: {}", t.stage, tier_name(lang, d.tier), d.area.name)}</p>
                        <p>{format!("{}: {}", t.ceiling, rupiah(lang, d.ceiling))}</p>
                        <p class="meta">{t.new_usulan_hint}</p>
                        <form method="post" action={post_url::<crate::api::SubmitUsulan>()} class="narrow">
                            <FormError form=form.clone()/>
                            <input type="hidden" name="cycle_id" value=d.cycle_id.to_string()/>
                            <Field form=form.clone() name="title" label=t.usulan_title maxlength=TITLE_MAX required=true/>
                            <CategorySelect form=form.clone() categories=d.categories/>
                            <TextArea form=form.clone() name="problem" label=t.problem hint=t.problem_hint.to_owned() maxlength=2000 rows=4/>
                            <TextArea form=form.clone() name="action" label=t.action hint=t.action_hint.to_owned() maxlength=2000 rows=4/>
                            <Field form=form.clone() name="location" label=t.location hint=t.location_hint maxlength=200 required=true/>
                            <Field form=form.clone() name="volume" label=t.volume hint=t.volume_hint maxlength=20 required=true/>
                            <Field form=form.clone() name="unit" label=t.unit hint=t.unit_hint maxlength=30 required=true/>
                            <Field form=form.clone() name="cost" label=t.cost hint=t.cost_hint maxlength=40 required=true/>
                            <AmountCheck form=form.clone() field="cost"/>
                            <Field form=form.clone() name="from_complaints" label=t.from_complaints hint=t.from_hint maxlength=80/>
                            <Field form=form.clone() name="from_proposals" label=t.from_proposals hint=t.from_hint maxlength=80/>
                            <div class="buttons"><button type="submit" class="primary">{t.submit}</button></div>
                        </form>
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewCyclePage() -> impl IntoView {
    let lang = use_lang();
    let (m, t) = (msg(lang), mmsg(lang));
    let session = use_session();
    // The picker (without JavaScript, a page of its own) sends the chosen
    // kota back as `area_id`.
    let query = leptos_router::hooks::use_query_map();
    let choice = Resource::new_blocking(
        move || query.read().get("area_id").unwrap_or_default(),
        crate::api::get_area_choice,
    );
    view! {
        <Title text=format!("{} · Rembuk", t.open_cycle)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let me = session.await.ok().and_then(|s| s.me);
                let choice = choice.await.ok().flatten();
                match me {
                    Some(me) if me.plans() => EitherOf3::A(cycle_form(choice)),
                    Some(_) => EitherOf3::B(view! { <ErrorView error=AppError::Forbidden/> }),
                    None => EitherOf3::C(view! { <ErrorView error=AppError::NotSignedIn/> }),
                }
            })}
        </Suspense>
    }
}

fn cycle_form(choice: Option<crate::model::AreaChoice>) -> impl IntoView {
    let lang = use_lang();
    let t = mmsg(lang);
    let form = form_state::<crate::api::OpenCycle>();
    let windows = [
        ("submit_from", t.submission, "1"),
        ("submit_until", t.submission, "2"),
        ("vote_from", t.voting, "1"),
        ("vote_until", t.voting, "2"),
        ("result_by", t.result_by, ""),
    ];
    let rule = form.value("rule", "equal_shares");
    let stages = (0..3).map(|tier| {
        let f = form.clone();
        view! {
            <fieldset class="field">
                <legend>{format!("{} {}", t.stage, tier_name(lang, tier))}</legend>
                {windows.iter().map(|(name, label, part)| {
                    let field = format!("t{tier}_{name}");
                    let value = f.value(&field, "");
                    let label = match *part {
                        "1" => format!("{label} ({})", if lang == crate::model::Lang::Id { "mulai" } else { "from" }),
                        "2" => format!("{label} ({})", if lang == crate::model::Lang::Id { "sampai" } else { "until" }),
                        _ => label.to_string(),
                    };
                    view! {
                        <label for=format!("f-{field}")>{label}</label>
                        <input id=format!("f-{field}") type="date" name=field.clone() value=value required=true/>
                    }
                }).collect_view()}
                <label for=format!("f-t{tier}_ceiling")>{t.ceiling}</label>
                <input id=format!("f-t{tier}_ceiling") type="text" name=format!("t{tier}_ceiling")
                    value=f.value(&format!("t{tier}_ceiling"), "") aria-describedby="f-ceiling-hint" required=true/>
            </fieldset>
        }
    }).collect_view();
    view! {
        <h1>{t.open_cycle}</h1>
        <form method="post" action={post_url::<crate::api::OpenCycle>()} class="narrow">
            <FormError form=form.clone()/>
            <AreaPicker form=form.clone() name="area_id" label=tier_name(lang, 2) choice=choice required=true/>
            <Field form=form.clone() name="year" label=t.plan_year maxlength=4 required=true/>
            <fieldset class="field">
                <legend>{t.rule}</legend>
                <label class="check"><input type="radio" name="rule" value="equal_shares" checked=rule != "greedy"/>{t.rule_shares}</label>
                <p class="hint">{t.rule_shares_hint}</p>
                <label class="check"><input type="radio" name="rule" value="greedy" checked=rule == "greedy"/>{t.rule_greedy}</label>
                <p class="hint">{t.rule_greedy_hint}</p>
            </fieldset>
            <p class="hint" id="f-ceiling-hint">{t.ceiling_hint}</p>
            {stages}
            <div class="buttons"><button type="submit" class="primary">{t.open_cycle}</button></div>
        </form>
    }
}
