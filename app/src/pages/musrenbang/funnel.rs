//! A cycle's funnel: how many usulan were put forward, carried from each
//! tier, accepted into the plan and implemented; as a chart drawn on the
//! server (no script) and as tables per kecamatan and per agency.
use crate::api::get_plan_funnel;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::musrenbang::mmsg;
use crate::i18n::proposals::rupiah;
use crate::i18n::{msg, number};
use crate::model::musrenbang::{FunnelPage, FunnelRow};
use crate::model::Lang;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Each step's name and count.
fn steps(lang: Lang, f: &FunnelRow) -> [(&'static str, i64); 5] {
    let t = mmsg(lang);
    [
        (t.f_submitted, f.submitted),
        (t.f_carried0, f.carried0),
        (t.f_carried1, f.carried1),
        (t.f_accepted, f.accepted),
        (t.f_implemented, f.implemented),
    ]
}

/// The funnel as horizontal bars, one per step, each labelled with its
/// count; its text alternative says every number.
pub(crate) fn chart(f: &FunnelRow) -> impl IntoView {
    let lang = use_lang();
    let steps = steps(lang, f);
    let max = steps.iter().map(|s| s.1).max().unwrap_or(0).max(1);
    let label = steps
        .iter()
        .map(|(name, n)| format!("{name}: {}", number(lang, *n)))
        .collect::<Vec<_>>()
        .join("; ");
    let bars = steps
        .iter()
        .enumerate()
        .map(|(i, (name, n))| {
            let y = i as i64 * 34;
            let width = (*n * 240 / max).max(if *n > 0 { 2 } else { 0 });
            view! {
                <text x="0" y=(y + 12).to_string()>{*name}</text>
                <rect x="0" y=(y + 16).to_string() width=width.to_string() height="14" rx="2"></rect>
                <text x=(width + 6).to_string() y=(y + 28).to_string() class="n">{number(lang, *n)}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="funnel" viewBox="0 0 320 170" role="img" aria-label=label>
            {bars}
        </svg>
    }
}

#[component]
pub fn PlanFunnelPage() -> impl IntoView {
    let m = msg(use_lang());
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (
                params.read().get("id").unwrap_or_default(),
                q.get("scope").unwrap_or_default(),
                q.get("after").unwrap_or_default(),
            )
        },
        |(id, scope, after)| get_plan_funnel(id, scope, after),
    );
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => Either::Left(page(p)),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

fn page(p: FunnelPage) -> impl IntoView {
    let lang = use_lang();
    let t = mmsg(lang);
    let id = p.cycle_id;
    let agencies = p.scope == "agency";
    let title = format!("{} · {} {} · {}", t.funnel, t.cycle_of, p.year, p.cycle_area);
    let tab = |scope: &'static str, label: &'static str| {
        let here = (scope == "agency") == agencies;
        view! { <li><a href=format!("/musrenbang/{id}/funnel?scope={scope}") aria-current=here.then_some("page")>{label}</a></li> }
    };
    let row = move |r: FunnelRow| {
        let cells = steps(lang, &r);
        view! {
            <tr>
                <th scope="row">{r.name.clone()}</th>
                {cells.into_iter().map(|(name, n)| view! { <td data-label=name>{number(lang, n)}</td> }).collect_view()}
                <td data-label=t.plan_amount>{rupiah(lang, r.amount)}</td>
            </tr>
        }
    };
    let head = steps(lang, &p.total);
    view! {
        <Title text=format!("{title} · Rembuk")/>
        <p class="meta"><a href=format!("/musrenbang/{id}")>{format!("{} {} · {}", t.cycle_of, p.year, p.cycle_area)}</a></p>
        <h1>{t.funnel}</h1>
        <p>{t.funnel_intro}</p>
        {chart(&p.total)}
        <p>{format!("{}: {}", t.plan_amount, rupiah(lang, p.total.amount))}</p>
        <nav class="tabs" aria-label=t.funnel><ul>{tab("area", t.per_area)}{tab("agency", t.per_agency)}</ul></nav>
        {p.rows.is_empty().then(|| view! { <p>{if agencies { t.no_agency_rows } else { t.no_usulan }}</p> })}
        {(!p.rows.is_empty()).then(|| view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=if agencies { t.per_agency } else { t.per_area }>
                <table class="data cards">
                    <thead>
                        <tr>
                            <th scope="col">{if agencies { t.agency } else { t.area_word }}</th>
                            {head.iter().map(|(name, _)| view! { <th scope="col">{*name}</th> }).collect_view()}
                            <th scope="col">{t.plan_amount}</th>
                        </tr>
                    </thead>
                    <tbody>{p.rows.into_iter().map(row).collect_view()}</tbody>
                </table>
            </div>
        })}
        {p.next.map(|n| view! { <p><a rel="next" href=format!("/musrenbang/{id}/funnel?scope={}&after={n}", p.scope)>{t.more}</a></p> })}
    }
}
