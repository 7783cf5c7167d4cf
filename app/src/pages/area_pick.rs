//! `/areas/pick`: find an area by name or step down from the province, then
//! go back to the form or list that asked (`to`), with `?{field}={id}`.
//! Every step is a link or a GET form, so it works without JavaScript.
use crate::api::get_area_pick;
use crate::components::area_picker::pick_href;
use crate::components::{status::ErrorView, use_lang};
use crate::domain::local_path;
use crate::i18n::areas::amsg;
use crate::i18n::msg;
use crate::model::AreaChoice;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The field name the picker fills (letters and underscores only).
fn field_name(s: Option<String>) -> String {
    match s {
        Some(f) if !f.is_empty() && f.len() <= 32 && f.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => f,
        _ => "area".to_owned(),
    }
}

/// `to` with `field={id}` added (any earlier value of it dropped).
fn back_with(to: &str, field: &str, id: i64) -> String {
    // "Find your area" on the home page goes to the area's own page.
    if to == "/area" {
        return format!("/area/{id}");
    }
    let (path, query) = to.split_once('?').unwrap_or((to, ""));
    let mut kept: Vec<String> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some(field))
        .map(str::to_owned)
        .collect();
    kept.push(format!("{field}={id}"));
    format!("{path}?{}", kept.join("&"))
}

#[component]
pub fn AreaPickPage() -> impl IntoView {
    let lang = use_lang();
    let (m, a) = (msg(lang), amsg(lang));
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (q.get("q").unwrap_or_default(), q.get("at").unwrap_or_default())
        },
        |(q, at)| get_area_pick(q, at),
    );
    view! {
        <Title text=format!("{} · Rembuk", a.pick_title)/>
        <h1>{a.pick_title}</h1>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let (to, field) = {
                    let q = query.read_untracked();
                    (q.get("to").and_then(|t| local_path(&t)).unwrap_or_else(|| "/".to_owned()), field_name(q.get("field")))
                };
                let page = match data.await {
                    Ok(p) => p,
                    Err(e) => return Either::Right(view! { <ErrorView error=e/> }),
                };
                let step = {
                    let (to, field) = (to.clone(), field.clone());
                    move |id: Option<i64>| {
                        let base = pick_href(&to, &field);
                        match id {
                            Some(id) => format!("{base}&at={id}"),
                            None => base,
                        }
                    }
                };
                let choose = {
                    let (to, field) = (to.clone(), field.clone());
                    move |c: &AreaChoice| back_with(&to, &field, c.id)
                };
                let row = {
                    let (step, choose) = (step.clone(), choose.clone());
                    move |c: AreaChoice, show_context: bool| {
                        let label = if show_context { c.label() } else { format!("{} ({})", c.name, c.kind) };
                        let down = (!c.leaf).then(|| step(Some(c.id)));
                        let pick = choose(&c);
                        let aria = format!("{} {}", a.choose, c.name);
                        view! {
                            <li>
                                {match down {
                                    Some(href) => Either::Left(view! { <a href=href>{label}</a> }),
                                    None => Either::Right(view! { <span>{label}</span> }),
                                }}
                                " "
                                <a class="button small" href=pick aria-label=aria>{a.choose}</a>
                            </li>
                        }
                    }
                };
                let results = page.results.map(|results| {
                    let row = row.clone();
                    view! {
                        <section aria-labelledby="results-h">
                            <h2 id="results-h">{a.results_heading}</h2>
                            {if results.is_empty() {
                                Either::Left(view! { <p class="empty" role="status">{a.no_results}</p> })
                            } else {
                                Either::Right(view! {
                                    <ul class="picks">{results.into_iter().map(|c| row(c, true)).collect_view()}</ul>
                                })
                            }}
                            {page.more.then(|| view! { <p class="hint">{a.more_results}</p> })}
                        </section>
                    }
                });
                let here = page.at.clone();
                Either::Left(view! {
                    <p class="lead">{a.pick_intro}</p>
                    <form method="get" action="/areas/pick" class="search" role="search">
                        <input type="hidden" name="to" value=to.clone()/>
                        <input type="hidden" name="field" value=field.clone()/>
                        <label for="pick-q">{a.search_label}</label>
                        <input id="pick-q" name="q" type="search" maxlength="100" value=page.query.clone() aria-describedby="pick-q-hint"/>
                        <p class="hint" id="pick-q-hint">{a.search_hint}</p>
                        <button type="submit">{a.search_button}</button>
                    </form>
                    {results}
                    <section aria-labelledby="browse-h">
                        <h2 id="browse-h">{a.browse_heading}</h2>
                        <nav aria-label=m.breadcrumbs class="crumbs">
                            <ol>
                                <li><a href=step(None)>{a.all_provinces}</a></li>
                                {page.trail.into_iter().map(|t| view! { <li><a href=step(Some(t.id))>{t.name}</a></li> }).collect_view()}
                                {here.clone().map(|h| view! { <li aria-current="page">{h.name}</li> })}
                            </ol>
                        </nav>
                        {here.map(|h| {
                            let pick = choose(&h);
                            view! { <p><a class="button" href=pick>{format!("{} {}", a.choose, h.name)}</a></p> }
                        })}
                        <ul class="picks">{page.children.into_iter().map(|c| row(c, false)).collect_view()}</ul>
                    </section>
                    <p><a href=to.clone()>{a.back_to_form}</a></p>
                })
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goes_back_with_the_choice() {
        assert_eq!(back_with("/complaints/new", "area_id", 7), "/complaints/new?area_id=7");
        assert_eq!(
            back_with("/proposals?status=open&area=3", "area", 9),
            "/proposals?status=open&area=9"
        );
        assert_eq!(field_name(Some("home_area_id".into())), "home_area_id");
        assert_eq!(field_name(Some("x\" onload".into())), "area");
    }
}
