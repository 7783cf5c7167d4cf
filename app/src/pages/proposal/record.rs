//! The public decision record.
use crate::api::get_record;
use crate::components::filters::AreaFilter;
use crate::components::proposal::RecordList;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::msg;
use crate::i18n::proposals::pmsg;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RecordPage() -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).unwrap_or_default();
            (get("area"), get("agency"), get("before"))
        },
        |(area, agency, before)| get_record(area, agency, before),
    );
    view! {
        <Title text=format!("{} · Rembuk", p.record_title)/>
        <h1>{p.record_title}</h1>
        <p class="lead">{p.record_intro}</p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let filters = {
                            let mut q = Vec::new();
                            if let Some(a) = page.area {
                                q.push(format!("area={a}"));
                            }
                            if let Some(g) = page.agency {
                                q.push(format!("agency={g}"));
                            }
                            q.join("&")
                        };
                        let with = |path: &str| if filters.is_empty() { path.to_owned() } else { format!("{path}?{filters}") };
                        let older = page.before.map(|b| {
                            let base = with("/record");
                            if base.contains('?') { format!("{base}&before={b}") } else { format!("{base}?before={b}") }
                        });
                        Either::Left(view! {
                            <form method="get" action="/record" class="filters">
                                <AreaFilter choice=page.area_choice.clone()/>
                                <div class="field">
                                    <label for="filter-agency">{m.agencies}</label>
                                    <select id="filter-agency" name="agency">
                                        <option value="">{p.all_agencies}</option>
                                        {page.agencies.into_iter().map(|g| view! {
                                            <option value=g.id.to_string() selected=page.agency == Some(g.id)>{g.name}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit">{m.apply_filters}</button>
                            </form>
                            <p>
                                <a href=with("/record.json")>{p.export_json}</a>
                                " · "
                                <a href=with("/record.csv")>{p.export_csv}</a>
                            </p>
                            <RecordList items=page.items show_title=true/>
                            {older.map(|href| view! {
                                <nav class="pager" aria-label=m.more_pages><a href=href rel="next">{p.older}</a></nav>
                            })}
                        })
                    }
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}
