//! Musrenbang pages: the cycles, one cycle's calendar and areas, an area at
//! a tier (its usulan, the ballot, the result), one usulan, and the forms.
mod area;
mod forms;
mod funnel;
mod usulan;

pub use area::PlanAreaPage;
pub use forms::{NewCyclePage, NewUsulanPage};
pub use funnel::PlanFunnelPage;
pub use usulan::UsulanPage;

use crate::api::{get_plan_cycle, get_plan_cycles};
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::musrenbang::{mmsg, phase_name, rule_name, tier_name};
use crate::i18n::proposals::rupiah;
use crate::i18n::{msg, number};
use crate::model::musrenbang::{CyclePage as Cycle, CyclesPage, StageView};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn PlanCyclesPage() -> impl IntoView {
    let lang = use_lang();
    let (m, t) = (msg(lang), mmsg(lang));
    let query = use_query_map();
    let data = Resource::new_blocking(move || query.read().get("before").unwrap_or_default(), get_plan_cycles);
    view! {
        <Title text=format!("{} · Rembuk", t.musrenbang)/>
        <h1>{t.musrenbang}</h1>
        <p>{t.intro}</p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => Either::Left(cycles(p)),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

fn cycles(p: CyclesPage) -> impl IntoView {
    let lang = use_lang();
    let t = mmsg(lang);
    view! {
        {p.may_open.then(|| view! { <p><a class="button" href="/musrenbang/new">{t.open_cycle}</a></p> })}
        {p.cycles.is_empty().then(|| view! { <p>{t.no_cycles}</p> })}
        <ul class="threads">
            {p.cycles.into_iter().map(|c| view! {
                <li>
                    <a href=format!("/musrenbang/{}", c.id)>{format!("{} {} · {}", t.cycle_of, c.year, c.area_name)}</a>
                    <p class="meta">{format!("{} {}: {}", t.stage, tier_name(lang, c.tier), phase_name(lang, &c.phase))}</p>
                </li>
            }).collect_view()}
        </ul>
        {p.next.map(|n| view! { <p><a rel="next" href=format!("/musrenbang?before={n}")>{t.more}</a></p> })}
    }
}

#[component]
pub fn PlanCyclePage() -> impl IntoView {
    let m = msg(use_lang());
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (
                params.read().get("id").unwrap_or_default(),
                q.get("tier").unwrap_or_default(),
                q.get("after").unwrap_or_default(),
            )
        },
        |(id, tier, after)| get_plan_cycle(id, tier, after),
    );
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(c) => Either::Left(cycle(c)),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

/// A stage's calendar as a table, one row per tier.
pub(crate) fn calendar(stages: &[StageView], current: i64) -> impl IntoView {
    let lang = use_lang();
    let t = mmsg(lang);
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t.calendar>
            <table class="data cards">
                <thead>
                    <tr>
                        <th scope="col">{t.stage}</th>
                        <th scope="col">{t.submission}</th>
                        <th scope="col">{t.voting}</th>
                        <th scope="col">{t.result_by}</th>
                        <th scope="col">{t.ceiling}</th>
                        <th scope="col">{t.now_label}</th>
                    </tr>
                </thead>
                <tbody>
                    {stages.iter().map(|s| view! {
                        <tr class:current=s.tier == current>
                            <th scope="row">{tier_name(lang, s.tier)}</th>
                            <td data-label=t.submission>{format!("{} – {}", s.submit_from, s.submit_until)}</td>
                            <td data-label=t.voting>{format!("{} – {}", s.vote_from, s.vote_until)}</td>
                            <td data-label=t.result_by>{s.result_by.clone()}</td>
                            <td data-label=t.ceiling>{rupiah(lang, s.ceiling)}</td>
                            <td data-label=t.now_label>{phase_name(lang, &s.phase)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn cycle(c: Cycle) -> impl IntoView {
    let lang = use_lang();
    let t = mmsg(lang);
    let title = format!("{} {} · {}", t.cycle_of, c.year, c.area.name);
    let id = c.id;
    let tier = c.tier;
    let tabs = c.stages.iter().map(|s| {
        let here = s.tier == tier;
        view! {
            <li>
                <a href=format!("/musrenbang/{id}?tier={}", s.tier) aria-current=here.then_some("page")>{tier_name(lang, s.tier)}</a>
            </li>
        }
    }).collect_view();
    view! {
        <Title text=format!("{title} · Rembuk")/>
        <p class="meta"><a href="/musrenbang">{t.musrenbang}</a></p>
        <h1>{title}</h1>
        <p>{format!("{}: {} ({})", t.rule, rule_name(lang, &c.rule), t.decides)}</p>
        <h2>{t.calendar}</h2>
        {calendar(&c.stages, c.current)}
        <p class="meta">{format!("{}: {}", t.zone, c.zone)}</p>
        {(!c.mine.is_empty()).then(|| view! {
            <h2>{t.your_places}</h2>
            <ul>
                {c.mine.iter().map(|p| view! {
                    <li><a href=format!("/musrenbang/{id}/{}/{}", p.tier, p.area_id)>{format!("{}: {}", tier_name(lang, p.tier), p.area_name)}</a></li>
                }).collect_view()}
            </ul>
        })}
        <h2>{t.funnel}</h2>
        {funnel::chart(&c.funnel)}
        <p><a href=format!("/musrenbang/{id}/funnel")>{t.see_funnel}</a></p>
        <h2>{t.areas_of_tier}</h2>
        <nav class="tabs" aria-label=t.stage><ul>{tabs}</ul></nav>
        {c.areas.is_empty().then(|| view! { <p>{t.no_areas}</p> })}
        <ul class="threads">
            {c.areas.into_iter().map(|a| view! {
                <li>
                    <a href=format!("/musrenbang/{id}/{tier}/{}", a.id)>{a.name}</a>
                    <p class="meta">
                        {format!("{} {} · {} {} · {} · {}", number(lang, a.usulan), t.usulan_count, number(lang, a.voters), t.voters,
                            rupiah(lang, a.ceiling), if a.confirmed { t.confirmed } else { t.not_confirmed })}
                    </p>
                </li>
            }).collect_view()}
        </ul>
        {c.next.map(|n| view! { <p><a rel="next" href=format!("/musrenbang/{id}?tier={tier}&after={n}")>{t.more}</a></p> })}
    }
}
