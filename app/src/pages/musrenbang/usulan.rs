//! One usulan: what it asks, its verification, and its whole path through
//! the tiers (votes, each rule's place, the decision and its reason).
use crate::api::get_usulan;
use crate::components::discussion::DiscussionView;
use crate::components::form::{form_state, post_url, Field, FormError, TextArea};
use crate::components::rating::RatingSection;
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::complaints::decimal;
use crate::i18n::musrenbang::{linked_list, mmsg, outcome_name, rule_name, state_name, tier_name, verdict_name};
use crate::i18n::proposals::rupiah;
use crate::i18n::{msg, number};
use crate::model::musrenbang::UsulanPage as Page;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn UsulanPage() -> impl IntoView {
    let m = msg(use_lang());
    let params = use_params_map();
    let data = Resource::new_blocking(move || params.read().get("id").unwrap_or_default(), get_usulan);
    let session = use_session();
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let me = session.await.ok().and_then(|s| s.me);
                let signed_in = me.is_some();
                let writer = me.as_ref().is_some_and(|me| me.may_write());
                match data.await {
                    Ok(u) => Either::Left(usulan(u, signed_in, writer)),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

/// The responsible agency's verification form.
fn verify_form(id: i64) -> impl IntoView {
    let lang = use_lang();
    let t = mmsg(lang);
    let form = form_state::<crate::api::VerifyUsulan>();
    let verdict = form.value("verdict", "");
    view! {
        <form method="post" action={post_url::<crate::api::VerifyUsulan>()} class="narrow">
            <FormError form=form.clone()/>
            <input type="hidden" name="id" value=id.to_string()/>
            <fieldset class="field" id="f-verdict">
                <legend>{t.verdict}</legend>
                {["feasible", "needs_changes", "not_feasible"].into_iter().map(|v| view! {
                    <label class="check"><input type="radio" name="verdict" value=v checked=verdict == v/>{verdict_name(lang, v)}</label>
                }).collect_view()}
            </fieldset>
            <Field form=form.clone() name="verified_cost" label=t.verified_cost hint=t.ceiling_hint maxlength=40/>
            <TextArea form=form.clone() name="verify_reason" label=t.verify_reason hint=t.verify_reason_hint.to_owned() maxlength=2000 rows=3/>
            <div class="buttons"><button type="submit" class="primary">{t.verify_button}</button></div>
        </form>
    }
}

/// The agency's progress report form.
fn report_form(id: i64) -> impl IntoView {
    let t = mmsg(use_lang());
    let form = form_state::<crate::api::ReportUsulanProgress>();
    view! {
        <form method="post" action={post_url::<crate::api::ReportUsulanProgress>()} class="narrow">
            <FormError form=form.clone()/>
            <input type="hidden" name="id" value=id.to_string()/>
            <Field form=form.clone() name="percent" label=t.percent hint=t.percent_hint maxlength=4/>
            <TextArea form=form.clone() name="report" label=t.report hint=t.report_hint.to_owned() maxlength=2000 rows=4/>
            <div class="buttons"><button type="submit" class="primary">{t.report_button}</button></div>
        </form>
    }
}

/// The plan's decision, and the work's progress since.
fn plan_part(u: &Page) -> impl IntoView {
    let lang = use_lang();
    let t = mmsg(lang);
    let percent = u.progress.unwrap_or(0);
    let updates = u
        .updates
        .iter()
        .map(|x| {
            view! {
                <li>
                    <strong>{format!("{}% · {}", x.percent, x.when)}</strong>
                    {x.agency.clone().map(|a| view! { " · " {a} })}
                    <p>{x.body.clone()}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section id="progress" aria-labelledby="plan-h">
            <h2 id="plan-h">{t.plan_heading}</h2>
            <dl class="facts">
                {u.plan_agency.clone().map(|a| view! { <dt>{t.agency}</dt><dd>{a}</dd> })}
                {u.plan_amount.map(|a| view! { <dt>{t.plan_amount}</dt><dd>{rupiah(lang, a)}</dd> })}
                {u.plan_reason.clone().map(|r| view! { <dt>{t.reason}</dt><dd>{r}</dd> })}
            </dl>
            <h3>{t.progress}</h3>
            <p>
                <progress max="100" value=percent.to_string() aria-label=t.progress>{format!("{percent}%")}</progress>
                {format!(" {percent}%")}
                {(u.state == "implemented").then(|| view! { " · " <strong>{t.implemented_note}</strong> })}
            </p>
            {u.updates.is_empty().then(|| view! { <p class="meta">{t.no_updates}</p> })}
            <ol class="record-list">{updates}</ol>
            {u.may_report.then(|| report_form(u.id))}
            {u.ikm_hundredths.map(|i| {
                let grade = u.grade.clone().map(|g| format!(" ({g})")).unwrap_or_default();
                view! {
                    <h3>{t.rated_heading}</h3>
                    <p>{format!("{} {} · IKM {}{grade}", number(lang, u.ratings), t.ratings_word, decimal(lang, i as f64 / 100.0, 2))}</p>
                }
            })}
        </section>
    }
}

fn usulan(u: Page, signed_in: bool, writer: bool) -> impl IntoView {
    let lang = use_lang();
    let t = mmsg(lang);
    let id = u.id;
    let vote = u.may_vote.then(|| {
        view! {
            <form method="post" action={post_url::<crate::api::ApproveUsulan>()} class="inline">
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="approve" value=if u.chosen { "0" } else { "1" }/>
                {u.chosen.then(|| view! { <p>{t.chosen}</p> })}
                <button type="submit" class:primary=!u.chosen>{if u.chosen { t.unchoose } else { t.choose }}</button>
                <p class="meta">{t.ballot_secret}</p>
            </form>
        }
    });
    let verification = match &u.verdict {
        Some(v) => Either::Left(view! {
            <p><strong>{verdict_name(lang, v)}</strong></p>
            {u.verified_cost.map(|c| view! { <p>{format!("{}: {}", t.verified_cost, rupiah(lang, c))}</p> })}
            {u.verified_agency.clone().map(|a| view! { <p>{format!("{}: {a}", t.agency)}</p> })}
            {u.verify_reason.clone().map(|r| view! { <p>{r}</p> })}
        }),
        None => Either::Right(view! { <p class="meta">{t.not_verified}</p> }),
    };
    let planned = matches!(u.state.as_str(), "accepted" | "in_progress" | "implemented");
    let plan = planned.then(|| plan_part(&u));
    let steps = u.path.iter().map(|s| {
        let decided = s.outcome.as_deref().map(|o| outcome_name(lang, o));
        let reason = match (&s.reason, &s.outcome, s.position) {
            (Some(r), _, _) => Some(r.clone()),
            (None, Some(_), None) => Some(t.not_selected.to_owned()),
            _ => None,
        };
        view! {
            <li>
                <strong>{format!("{}: {}", tier_name(lang, s.tier), s.area_name)}</strong>
                {s.approvals.map(|n| view! {
                    <p class="meta">{format!("{}: {} · {}: {} · {}: {}", t.approvals, number(lang, n),
                        rule_name(lang, "greedy"), s.greedy_rank.map_or_else(|| t.none.to_owned(), |r| r.to_string()),
                        rule_name(lang, "equal_shares"), s.shares_rank.map_or_else(|| t.none.to_owned(), |r| r.to_string()))}</p>
                })}
                {decided.map(|d| view! { <p>{d}{s.position.map(|p| format!(" ({} {p})", t.rank_in))}</p> })}
                {reason.map(|r| view! { <p class="meta">{r}</p> })}
            </li>
        }
    }).collect_view();
    view! {
        <Title text=format!("{} · Rembuk", u.title)/>
        <p class="meta"><a href=format!("/musrenbang/{}", u.cycle_id)>{format!("{} {} · {}", t.cycle_of, u.year, u.cycle_area)}</a></p>
        <h1>{format!("#{} {}", u.id, u.title)}</h1>
        <p>
            <span class="tag">{state_name(lang, &u.state)}</span>" "
            {format!("{} · {} · {} {}", u.area.name, u.category, t.put_forward, u.created)}
        </p>
        <p>{format!("{}: ", t.author)}<a href=format!("/u/{}", u.author_username)>{u.author.clone()}</a></p>
        {vote}
        <dl class="facts">
            <dt>{t.problem}</dt><dd>{u.problem.clone()}</dd>
            <dt>{t.action}</dt><dd>{u.action.clone()}</dd>
            <dt>{t.location}</dt><dd>{u.location.clone()}</dd>
            <dt>{t.volume}</dt><dd>{format!("{} {}", u.volume, u.unit)}</dd>
            <dt>{t.cost}</dt><dd>{rupiah(lang, u.cost)}</dd>
        </dl>
        {(!u.from.is_empty()).then(|| view! {
            <h2>{t.grows_from}</h2>
            <ul>
                {linked_list(lang, &u.from).into_iter().map(|(href, label)| view! { <li><a href=href>{label}</a></li> }).collect_view()}
            </ul>
        })}
        <h2>{t.verification}</h2>
        {verification}
        {u.may_verify.then(|| verify_form(id))}
        <h2>{t.path}</h2>
        <ol class="record-list">{steps}</ol>
        {plan}
        <RatingSection subject="usulan" id=id rating=u.rating/>
        {u.discussion.clone().map(|d| view! { <DiscussionView d reply=writer signed_in writer here=format!("/usulan/{id}")/> })}
    }
}
