use crate::api::get_home;
use crate::components::forum::{ActivityList, ThreadList};
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::{area_kind, counted, msg};
use crate::model::AreaSummary;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let a = crate::i18n::areas::amsg(lang);
    let data = Resource::new_blocking(|| (), |_| get_home());
    view! {
        <Title text=format!("Rembuk · {}", m.tagline)/>
        <h1>"Rembuk"</h1>
        <p class="lead">{m.home_intro}</p>
        <nav aria-label=m.tasks_label>
            <ul class="tasks">
                {[
                    ("/complaints/new", m.task_report, m.task_report_hint),
                    ("/proposals/new", m.task_propose, m.task_propose_hint),
                    ("/areas/pick?to=/area", m.task_find, m.task_find_hint),
                ].into_iter().map(|(href, what, hint)| view! {
                    <li><a class="task" href=href><strong>{what}</strong><span>{hint}</span></a></li>
                }).collect_view()}
            </ul>
        </nav>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(home) => Either::Left(view! {
                        {home.joined.map(|threads| view! {
                            <section aria-labelledby="joined-h">
                                <h2 id="joined-h">{m.joined_heading}</h2>
                                {if threads.is_empty() {
                                    Either::Left(view! { <p class="empty">{m.joined_none}</p> })
                                } else {
                                    Either::Right(view! { <ThreadList threads show_area=true/> })
                                }}
                            </section>
                        })}
                        <div class="columns">
                            <section aria-labelledby="areas-h">
                                {if home.home_chain.is_empty() {
                                    Either::Left(view! {
                                        <h2 id="areas-h">{a.provinces_heading}</h2>
                                        <p><a class="button" href="/areas/pick?to=/area">{a.find_area}</a></p>
                                        <AreaTree areas=home.provinces/>
                                    })
                                } else {
                                    Either::Right(view! {
                                        <h2 id="areas-h">{a.my_areas}</h2>
                                        <AreaTree areas=home.home_chain/>
                                        <p><a href="/areas/pick?to=/area">{a.find_area}</a></p>
                                    })
                                }}
                            </section>
                            <section aria-labelledby="recent-h">
                                <h2 id="recent-h">{m.recent_heading}</h2>
                                <ActivityList items=home.recent/>
                            </section>
                        </div>
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

/// The area tree as one list, each entry indented by its depth.
#[component]
pub fn AreaTree(areas: Vec<AreaSummary>) -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    view! {
        <ul class="tree">
            {areas
                .into_iter()
                .map(|a| {
                    let class = format!("depth-{}", a.depth.min(4));
                    view! {
                        <li class=class>
                            <a href=format!("/area/{}", a.id)>{a.name}</a>
                            " "
                            <span class="kind">{area_kind(lang, a.level, &a.kind_label)}</span>
                            // No "0 residents": a count only once someone lives there.
                            {(a.resident_count > 0).then(|| view! {
                                <span class="meta">{counted(lang, a.resident_count, m.resident_one, m.residents)}</span>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
