//! The public decision record, and the record list a proposal page shows.
use crate::api::get_record;
use crate::components::correction::was_now;
use crate::components::filters::AreaFilter;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::msg;
use crate::i18n::proposals::{event_name, pmsg, state_name};
use crate::model::RecordItem;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub(super) fn RecordList(items: Vec<RecordItem>, show_title: bool) -> impl IntoView {
    let lang = use_lang();
    let (p, c) = (pmsg(lang), crate::i18n::complaints::cmsg(lang));
    let a = crate::i18n::amounts::amsg(lang);
    let field_name = crate::i18n::amounts::field_name;
    if items.is_empty() {
        return Either::Left(view! { <p class="empty">{p.record_empty}</p> });
    }
    Either::Right(view! {
        <ol class="record-list">
            {items.into_iter().map(|e| {
                let change = if e.state_from == e.state_to || e.state_from.is_empty() {
                    state_name(lang, &e.state_to).to_owned()
                } else {
                    format!("{} → {}", state_name(lang, &e.state_from), state_name(lang, &e.state_to))
                };
                view! {
                    <li id=format!("entry-{}", e.seq)>
                        <span class="meta">{format!("{} #{} · {}", p.entry, e.seq, e.when)}</span>
                        {show_title.then(|| {
                            let (href, title) = if e.subject == "complaint" {
                                let title = if e.title.is_empty() { c.private_entry.to_owned() } else { e.title.clone() };
                                (format!("/complaints/{}", e.subject_id), format!("{} #{} · {title}", c.complaint_word, e.subject_id))
                            } else {
                                (format!("/proposals/{}", e.subject_id), e.title.clone())
                            };
                            view! { " · " <a href=href>{title}</a> }
                        })}
                        <br/>
                        <strong>{event_name(lang, &e.event)}</strong>
                        {format!(" · {change} · {}", e.actor.clone().unwrap_or_else(|| {
                            if e.subject == "complaint" { c.anonymous_name } else { p.by_rules }.to_owned()
                        }))}
                        {e.agency.map(|a| format!(" · {a}"))}
                        {e.due.map(|d| format!(" · {}: {d}", p.due))}
                        {e.correction.map(|c| view! {
                            <br/>
                            {format!("{} ", a.corrects_entry)}
                            <a href=format!("#entry-{}", c.corrects)>{format!("#{}", c.corrects)}</a>
                            {format!(" · {}", field_name(lang, &c.field))}
                            {was_now(lang, &c)}
                            {match c.why.clone() {
                                Some(why) => format!("{}: {why}", a.reason),
                                None => a.withheld.to_owned(),
                            }}
                        })}
                        {(!e.corrected_by.is_empty()).then(|| view! {
                            <br/>
                            <strong class="corrected">{a.corrected_in}</strong>
                            {e.corrected_by.into_iter().map(|n| view! {
                                " " <a href=format!("#entry-{n}")>{format!("#{n}")}</a>
                            }).collect_view()}
                        })}
                        <br/>
                        <code class="hash" title="SHA-256">{e.hash}</code>
                    </li>
                }
            }).collect_view()}
        </ol>
    })
}

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
