use crate::api::get_area;
use crate::components::forum::ActivityList;
use crate::components::forum::{forum_data, ForumSection};
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::{area_kind, msg, number};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn AreaPage() -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new_blocking(id, get_area);
    let forum = forum_data(id);
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => Either::Left(view! {
                        <Link rel="alternate" type_="application/atom+xml" href=format!("/area/{}/feed.atom", p.area.id)/>
                        <Title text=format!("{} · Rembuk", p.area.name)/>
                        <nav aria-label=m.breadcrumbs class="crumbs">
                            <ol>
                                <li><a href="/">{m.nav_home}</a></li>
                                {p.ancestors.into_iter().map(|a| view! {
                                    <li><a href=format!("/area/{}", a.id)>{a.name}</a></li>
                                }).collect_view()}
                                <li aria-current="page">{p.area.name.clone()}</li>
                            </ol>
                        </nav>
                        <h1>{p.area.name.clone()}</h1>
                        <p class="lead">
                            {area_kind(lang, p.area.level, &p.area.kind_label)}
                            {format!(" · {} {} · {}: {}", number(lang, p.area.resident_count), m.residents, m.time_zone, p.timezone)}
                        </p>
                        <ForumSection data=forum/>
                        <div class="columns">
                            <section aria-labelledby="sub-h">
                                <h2 id="sub-h">{m.sub_areas}</h2>
                                {if p.children.is_empty() {
                                    Either::Left(view! { <p class="empty">{m.no_sub_areas}</p> })
                                } else {
                                    Either::Right(view! {
                                        <ul class="plain">
                                            {p.children.into_iter().map(|c| view! {
                                                <li>
                                                    <a href=format!("/area/{}", c.id)>{c.name}</a>
                                                    " "
                                                    <span class="kind">{area_kind(lang, c.level, &c.kind_label)}</span>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    })
                                }}
                                <h2>{m.agencies}</h2>
                                {if p.agencies.is_empty() {
                                    Either::Left(view! { <p class="empty">{m.no_agencies}</p> })
                                } else {
                                    Either::Right(view! {
                                        <ul class="plain">
                                            {p.agencies.into_iter().map(|g| view! { <li>{g.name}</li> }).collect_view()}
                                        </ul>
                                    })
                                }}
                            </section>
                            <section aria-labelledby="recent-h">
                                <h2 id="recent-h">{m.recent_heading}</h2>
                                <ActivityList items=p.recent/>
                            </section>
                        </div>
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}
