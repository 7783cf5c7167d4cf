//! The list of proposals, with its filters.
use crate::api::get_proposals;
use crate::components::filters::{AreaFilter, CategoryFilter};
use crate::components::proposal::ProposalList;
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::msg;
use crate::i18n::proposals::{pmsg, state_name};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const STATES: [&str; 8] = [
    "published",
    "under_review",
    "accepted",
    "partially_accepted",
    "rejected",
    "in_progress",
    "implemented",
    "withdrawn",
];

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).unwrap_or_default();
            (
                get("scope"),
                get("area"),
                get("category"),
                get("state"),
                get("sort"),
                get("after"),
            )
        },
        |(scope, area, category, state, sort, after)| get_proposals(scope, area, category, state, sort, after),
    );
    let session = use_session();
    view! {
        <Title text=format!("{} · Rembuk", p.proposals_title)/>
        <h1>{p.proposals_title}</h1>
        <p class="lead">{p.proposals_intro}</p>
        <p><a class="button primary" href="/proposals/new">{p.new_proposal}</a></p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let signed_in = session.await.ok().and_then(|s| s.me).is_some();
                match data.await {
                    Ok(page) => {
                        let mine = page.scope == "mine";
                        let next = page.next.clone().map(|cursor| {
                            let mut href = format!("/proposals?scope={}&sort={}&after={cursor}", page.scope, page.sort);
                            for (k, v) in [("area", page.area), ("category", page.category)] {
                                if let Some(v) = v {
                                    href.push_str(&format!("&{k}={v}"));
                                }
                            }
                            if !page.state.is_empty() {
                                href.push_str(&format!("&state={}", page.state));
                            }
                            href
                        });
                        let sorts = [("supports", p.sort_supports), ("newest", p.sort_newest), ("awaiting", p.sort_awaiting)];
                        let tabs = signed_in.then(|| view! {
                            <nav class="tabs" aria-label=p.nav_proposals>
                                <ul>
                                    {[("all", p.scope_all), ("mine", p.scope_mine)].into_iter().map(|(s, label)| view! {
                                        <li>
                                            <a href=format!("/proposals?scope={s}") aria-current=(s == page.scope).then_some("page")>{label}</a>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </nav>
                        });
                        let list = if mine && page.proposals.is_empty() {
                            Either::Left(view! { <p class="empty">{p.mine_empty}</p> })
                        } else {
                            Either::Right(view! { <ProposalList proposals=page.proposals/> })
                        };
                        Either::Left(view! {
                            {tabs}
                            <form method="get" action="/proposals" class="filters" hidden=mine>
                                <AreaFilter choice=page.area_choice.clone()/>
                                <CategoryFilter categories=page.categories selected=page.category/>
                                <div class="field">
                                    <label for="filter-state">{p.stage}</label>
                                    <select id="filter-state" name="state">
                                        <option value="">{p.all_states}</option>
                                        {STATES.into_iter().map(|s| view! {
                                            <option value=s selected=page.state == s>{state_name(lang, s)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="filter-sort">{m.sort_by}</label>
                                    <select id="filter-sort" name="sort">
                                        {sorts.into_iter().map(|(s, label)| view! {
                                            <option value=s selected=page.sort == s>{label}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit">{m.apply_filters}</button>
                            </form>
                            {page.area.map(|a| view! {
                                <p><a class="feed" href=format!("/area/{a}/proposals.atom")>{p.proposals_feed}</a></p>
                            })}
                            {list}
                            {next.map(|href| view! {
                                <nav class="pager" aria-label=m.more_pages><a href=href rel="next">{m.next_page}</a></nav>
                            })}
                        })
                    }
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}
