use crate::api::get_area;
use crate::components::forum::ActivityList;
use crate::components::forum::{forum_data, ForumSection};
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::areas::amsg;
use crate::i18n::complaints::cmsg;
use crate::i18n::proposals::{pmsg, state_name, supports_count};
use crate::i18n::{area_kind, counted, msg};
use crate::model::AreaItem;
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
                            {format!(" · {} · {}: {}", counted(lang, p.area.resident_count, m.resident_one, m.residents), m.time_zone, p.timezone)}
                        </p>
                        <AreaItems id=p.area.id proposals=p.proposals complaints=p.complaints/>
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

/// What residents come to an area's page for: to report a problem or
/// propose something here, and to see what neighbours already did (so a
/// broken light is supported or followed rather than reported again).
#[component]
fn AreaItems(id: i64, proposals: Vec<AreaItem>, complaints: Vec<AreaItem>) -> impl IntoView {
    let lang = use_lang();
    let (a, c, p) = (amsg(lang), cmsg(lang), pmsg(lang));
    let list = move |items: Vec<AreaItem>, path: &'static str, empty: &'static str| {
        if items.is_empty() {
            Either::Left(view! { <p class="empty">{empty}</p> })
        } else {
            Either::Right(view! {
                <ul class="plain area-items">
                    {items.into_iter().map(|i| {
                        let supports = (path == "proposals").then(|| format!(" · {}", supports_count(lang, i.supports)));
                        view! {
                            <li>
                                <a href=format!("/{path}/{}", i.id)>{i.title}</a>
                                <span class="meta">{format!(" · {}", state_name(lang, &i.state))}{supports}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })
        }
    };
    view! {
        <p class="actions">
            <a class="button" href=format!("/complaints/new?area={id}")>{c.new_complaint}</a>
            <a class="button" href=format!("/proposals/new?area={id}")>{p.new_proposal}</a>
        </p>
        <div class="columns">
            <section aria-labelledby="area-proposals-h">
                <h2 id="area-proposals-h">{a.area_proposals}</h2>
                {list(proposals, "proposals", a.no_area_proposals)}
                <p><a href=format!("/proposals?area={id}")>{a.all_proposals}</a></p>
            </section>
            <section aria-labelledby="area-complaints-h">
                <h2 id="area-complaints-h">{a.area_complaints}</h2>
                {list(complaints, "complaints", a.no_area_complaints)}
                <p><a href=format!("/complaints?area={id}")>{a.all_complaints}</a></p>
            </section>
        </div>
    }
}
