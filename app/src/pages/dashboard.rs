//! The public accountability dashboard: figures per agency and area for a
//! period, the SKM element scores, and a twelve-month trend drawn as SVG on
//! the server (no script needed).
use crate::api::get_dashboard;
use crate::components::filters::AreaFilter;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::complaints::{cmsg, decimal};
use crate::i18n::{counted, msg, number};
use crate::model::{DashboardPage as Page, Figures, Lang, TrendPoint};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let (m, c) = (msg(lang), cmsg(lang));
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).unwrap_or_default();
            (get("kind"), get("period"), get("area"), get("agency"))
        },
        |(kind, period, area, agency)| get_dashboard(kind, period, area, agency),
    );
    view! {
        <Title text=format!("{} · Rembuk", c.dashboard_title)/>
        <h1>{c.dashboard_title}</h1>
        <p class="lead">{c.dashboard_intro}</p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => Either::Left(view! { <Dashboard page/> }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

/// A duration as people say it: minutes under an hour, hours under two
/// days, days after that.
fn hours(lang: Lang, h: Option<f64>) -> String {
    let c = cmsg(lang);
    match h {
        None => "–".into(),
        Some(h) if h * 60.0 < 0.5 => c.under_minute.into(),
        Some(h) if h < 1.0 => format!("{} {}", (h * 60.0).round() as i64, c.minutes),
        Some(h) if h < 48.0 => format!("{} {}", decimal(lang, h, 1), c.hours),
        Some(h) => format!("{} {}", decimal(lang, h / 24.0, 1), c.days),
    }
}

fn percent(lang: Lang, p: Option<f64>) -> String {
    p.map(|p| format!("{} %", decimal(lang, p, 1)))
        .unwrap_or_else(|| "–".into())
}

fn ikm(lang: Lang, f: &Figures) -> String {
    match (f.ikm, &f.grade) {
        (Some(i), Some(g)) => format!("{} ({g})", decimal(lang, i, 2)),
        (Some(i), None) => decimal(lang, i, 2),
        _ => "–".into(),
    }
}

#[component]
fn Dashboard(page: Page) -> impl IntoView {
    let lang = use_lang();
    let c = cmsg(lang);
    let mut q = vec![format!("kind={}", page.kind), format!("period={}", page.period)];
    if let Some(a) = page.area {
        q.push(format!("area={a}"));
    }
    if let Some(g) = page.agency {
        q.push(format!("agency={g}"));
    }
    let q = q.join("&");
    let kinds = [
        ("month", c.kind_month),
        ("quarter", c.kind_quarter),
        ("year", c.kind_year),
    ];
    let t = page.total.clone();
    let summary = [
        (c.received, number(lang, t.received)),
        (c.answered, number(lang, t.answered)),
        (c.overdue, number(lang, t.overdue)),
        (c.reopened, number(lang, t.reopened)),
        (c.escalated, number(lang, t.escalated)),
        (c.median, hours(lang, t.median_hours)),
        (c.p90, hours(lang, t.p90_hours)),
        (c.on_time, percent(lang, t.on_time_pct)),
        (
            c.ikm,
            format!(
                "{} · {}",
                ikm(lang, &t),
                counted(lang, t.ratings, c.rating_one, c.ratings)
            ),
        ),
    ];
    let empty = t.received == 0 && t.ratings == 0;
    // Rated, but too few times for a grade: say so.
    let few = (t.ratings > 0 && t.grade.is_none()).then(|| c.grade_from.replace("{n}", &page.min_ratings.to_string()));
    let period_name = page
        .periods
        .iter()
        .position(|p| *p == page.period)
        .and_then(|i| page.period_names.get(i).cloned())
        .unwrap_or_else(|| page.period.clone());
    view! {
        <form method="get" action="/dashboard" class="filters">
            <div class="field">
                <label for="filter-kind">{c.period_kind}</label>
                <select id="filter-kind" name="kind">
                    {kinds.into_iter().map(|(k, label)| view! {
                        <option value=k selected=page.kind == k>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-period">{c.period}</label>
                <select id="filter-period" name="period">
                    {page.periods.iter().zip(page.period_names.iter()).map(|(p, name)| view! {
                        <option value=p.clone() selected=*p == page.period>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <AreaFilter choice=page.area_choice.clone()/>
            <div class="field">
                <label for="filter-agency">{c.agency}</label>
                <select id="filter-agency" name="agency">
                    <option value="">{c.all_agencies}</option>
                    {page.agency_list.iter().map(|g| view! {
                        <option value=g.id.to_string() selected=page.agency == Some(g.id)>{g.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">{c.apply}</button>
        </form>
        <p>
            <a href=format!("/dashboard.csv?{q}")>{c.export_csv}</a>
            " · "
            <a href=format!("/dashboard.json?{q}")>{c.export_json}</a>
        </p>
        <h2>{period_name}</h2>
        {empty.then(|| view! { <p class="empty">{c.no_data}</p> })}
        <dl class="figures">
            {summary.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
        </dl>
        {few.map(|text| view! { <p class="hint">{text}</p> })}
        {(!t.elements.is_empty()).then(|| view! {
            <section aria-labelledby="elements-h">
                <h2 id="elements-h">{c.elements_heading}</h2>
                <table class="data">
                    <tbody>
                        {c.elements.iter().zip(t.elements.iter()).enumerate().map(|(i, (name, v))| view! {
                            <tr><th scope="row">{format!("U{} · {name}", i + 1)}</th><td>{decimal(lang, *v, 2)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
        <section aria-labelledby="trend-h">
            <h2 id="trend-h">{c.trend_heading}</h2>
            <Chart points=page.trend.clone()/>
        </section>
        <FigureTable id="agency" heading=c.by_agency name=c.agency rows=page.by_agency.clone()/>
        <FigureTable id="area" heading=c.by_area name=c.area rows=page.by_area.clone()/>
        {(!page.officers.is_empty()).then(|| view! {
            <FigureTable id="officer" heading=if page.own_only { c.officers_own } else { c.officers_all } name=c.officer rows=page.officers.clone() per_officer=true/>
        })}
    }
}

#[component]
fn FigureTable(
    id: &'static str,
    heading: &'static str,
    name: &'static str,
    rows: Vec<Figures>,
    /// Officers answer items; they do not receive them (agencies do).
    #[prop(optional)]
    per_officer: bool,
) -> impl IntoView {
    let lang = use_lang();
    let c = cmsg(lang);
    let h = format!("{id}-h");
    let labelled = h.clone();
    let scroller = h.clone();
    // Narrow screens scroll the table sideways: a focusable, named region,
    // so keyboards can scroll it too.
    (!rows.is_empty()).then(|| {
        view! {
            <section aria-labelledby=labelled>
                <h2 id=h>{heading}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby=scroller>
                    <table class="data cards">
                        <thead>
                            <tr>
                                <th scope="col">{name}</th>
                                <th scope="col">{c.received}</th>
                                <th scope="col">{c.answered}</th>
                                <th scope="col">{c.overdue}</th>
                                <th scope="col">{c.reopened}</th>
                                <th scope="col">{c.escalated}</th>
                                <th scope="col">{c.median}</th>
                                <th scope="col">{c.p90}</th>
                                <th scope="col">{c.on_time}</th>
                                <th scope="col">{c.ikm}</th>
                                <th scope="col">{c.ratings_col}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|f| view! {
                                <tr>
                                    <th scope="row">{f.label.clone()}</th>
                                    <td data-label=c.received>{if per_officer { "–".to_owned() } else { number(lang, f.received) }}</td>
                                    <td data-label=c.answered>{number(lang, f.answered)}</td>
                                    <td data-label=c.overdue>{if per_officer { "–".to_owned() } else { number(lang, f.overdue) }}</td>
                                    <td data-label=c.reopened>{if per_officer { "–".to_owned() } else { number(lang, f.reopened) }}</td>
                                    <td data-label=c.escalated>{if per_officer { "–".to_owned() } else { number(lang, f.escalated) }}</td>
                                    <td data-label=c.median>{hours(lang, f.median_hours)}</td>
                                    <td data-label=c.p90>{hours(lang, f.p90_hours)}</td>
                                    <td data-label=c.on_time>{percent(lang, f.on_time_pct)}</td>
                                    <td data-label=c.ikm>{ikm(lang, &f)}</td>
                                    <td data-label=c.ratings_col>{number(lang, f.ratings)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
    })
}

/// Received and answered per month as paired bars, scaled to the busiest
/// month; the numbers are in the table-free text alternative as well.
#[component]
fn Chart(points: Vec<TrendPoint>) -> impl IntoView {
    let lang = use_lang();
    let c = cmsg(lang);
    const W: i64 = 360;
    const H: i64 = 160;
    const BASE: i64 = 130;
    let max = points
        .iter()
        .map(|p| p.received.max(p.answered))
        .max()
        .unwrap_or(0)
        .max(1);
    let slot = W / points.len().max(1) as i64;
    let bar = (slot - 6) / 2;
    let summary = points
        .iter()
        .map(|p| {
            format!(
                "{}: {} {}, {} {}",
                p.month, p.received, c.received, p.answered, c.answered
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=format!("{}. {summary}", c.trend_desc)>
                <line x1="0" y1=BASE.to_string() x2=W.to_string() y2=BASE.to_string() class="axis"/>
                {points.into_iter().enumerate().map(|(i, p)| {
                    let x = i as i64 * slot + 3;
                    let hr = p.received * (BASE - 10) / max;
                    let ha = p.answered * (BASE - 10) / max;
                    view! {
                        <g>
                            <rect class="received" x=x.to_string() y=(BASE - hr).to_string() width=bar.to_string() height=hr.to_string()/>
                            <rect class="answered" x=(x + bar).to_string() y=(BASE - ha).to_string() width=bar.to_string() height=ha.to_string()/>
                            <text x=(x + bar).to_string() y=(BASE + 14).to_string() text-anchor="middle">{p.month[5..].to_owned()}</text>
                            {(p.received > 0).then(|| view! {
                                <text x=(x + bar / 2).to_string() y=(BASE - hr - 2).to_string() text-anchor="middle" class="value">{p.received.to_string()}</text>
                            })}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                <span class="key received"></span>{format!(" {} ", c.received)}
                <span class="key answered"></span>{format!(" {}", c.answered)}
            </figcaption>
        </figure>
    }
}
