//! `/admin/areas`: an admin sets up one area at a time: the agencies serving
//! it, who answers for each category there, a whole pemda's agencies from
//! CSV, areas missing from the official list, and the categories. Plain
//! forms: everything works without JavaScript.
use crate::api::get_admin_area;
use crate::components::area_picker::AreaPicker;
use crate::components::form::{plain_form_state, textarea_text};
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::areas::amsg;
use crate::i18n::{complaints::cmsg, proposals::pmsg};
use crate::i18n::{error_message, msg};
use crate::model::SettingSource;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const ACTIONS: [&str; 9] = [
    "/api/create_agency",
    "/api/update_agency",
    "/api/set_responsibility",
    "/api/save_category",
    "/api/import_agencies",
    "/api/add_area",
    "/api/set_area_rules",
    "/api/set_complaint_rules",
    "/api/set_hook",
];

#[component]
pub fn AreaAdminPage() -> impl IntoView {
    let lang = use_lang();
    let (m, a) = (msg(lang), amsg(lang));
    let (p, c) = (pmsg(lang), cmsg(lang));
    let query = use_query_map();
    let session = use_session();
    let data = Resource::new_blocking(move || query.read().get("area_id").unwrap_or_default(), get_admin_area);
    view! {
        <Title text=format!("{} · Rembuk", a.admin_title)/>
        <h1>{a.admin_title}</h1>
        <p class="lead">{a.admin_intro}</p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                let form = plain_form_state(&ACTIONS);
                let page = match data.await {
                    Ok(p) => p,
                    Err(e) => return Either::Right(view! { <ErrorView error=e/> }),
                };
                let error = form.error.get_untracked().map(|e| error_message(lang, &e));
                let kept = |name: &str| form.value(name, "");
                let saved = query.read_untracked().get("saved").is_some() && error.is_none();
                let area_id = page.area.as_ref().map(|c| c.id.to_string()).unwrap_or_default();
                let categories = page.categories.clone();
                let area_sections = page.area.clone().map(|area| {
                    let id = area.id.to_string();
                    let eligible = page.eligible.clone();
                    view! {
                        <section aria-labelledby="agencies-h">
                            <h2 id="agencies-h">{format!("{} — {}", a.agencies_here, area.name)}</h2>
                            {if page.agencies.is_empty() {
                                Either::Left(view! { <p class="empty">{a.no_agencies_here}</p> })
                            } else {
                                Either::Right(view! {
                                    <ul class="plain admin-list">
                                        {page.agencies.into_iter().map(|g| {
                                            let (n, s, r) = (format!("g{}-name", g.id), format!("g{}-short", g.id), format!("g{}-retired", g.id));
                                            let r_for = r.clone();
                                            view! {
                                                <li>
                                                    <form method="post" action="/api/update_agency" class="inline-form">
                                                        <input type="hidden" name="area_id" value=id.clone()/>
                                                        <input type="hidden" name="agency_id" value=g.id.to_string()/>
                                                        <label for=n.clone()>{a.agency_name}</label>
                                                        <input id=n name="name" value=g.name maxlength="150" required=true/>
                                                        <label for=s.clone()>{a.agency_short}</label>
                                                        <input id=s name="short_name" value=g.short_name maxlength="30" required=true/>
                                                        <label class="check" for=r_for>
                                                            <input id=r type="checkbox" name="retired" value="1" checked=g.retired/>
                                                            {a.retired_label}
                                                        </label>
                                                        <button type="submit" class="small">{a.save}</button>
                                                    </form>
                                                    <HookForm area_id=id.clone() agency_id=g.id url=g.hook_url/>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                })
                            }}
                            <form method="post" action="/api/create_agency" class="narrow">
                                <h3>{a.add_agency}</h3>
                                <input type="hidden" name="area_id" value=id.clone()/>
                                <div class="field">
                                    <label for="new-agency-name">{a.agency_name}</label>
                                    <input id="new-agency-name" name="name" maxlength="150" required=true value=kept("name")/>
                                </div>
                                <div class="field">
                                    <label for="new-agency-short">{a.agency_short}</label>
                                    <input id="new-agency-short" name="short_name" maxlength="30" required=true value=kept("short_name")/>
                                </div>
                                <button type="submit" class="primary">{a.add_agency}</button>
                            </form>
                        </section>
                        <section aria-labelledby="resp-h">
                            <h2 id="resp-h">{a.responsibilities_heading}</h2>
                            <ul class="plain admin-list">
                                {page.responsibilities.into_iter().map(|r| {
                                    let now = match (&r.here, &r.inherited) {
                                        (Some(g), _) => format!("{}: {}", a.set_here, g.name),
                                        (None, Some((g, from))) => format!("{} {from}: {}", a.inherited_from, g.name),
                                        (None, None) => a.nobody.to_owned(),
                                    };
                                    let here = r.here.as_ref().map(|g| g.id);
                                    let sel = format!("resp-{}", r.category_id);
                                    view! {
                                        <li>
                                            <form method="post" action="/api/set_responsibility" class="inline-form">
                                                <input type="hidden" name="area_id" value=id.clone()/>
                                                <input type="hidden" name="category_id" value=r.category_id.to_string()/>
                                                <label for=sel.clone()><strong>{r.category}</strong></label>
                                                <p class="meta">{now}</p>
                                                <select id=sel name="agency_id">
                                                    <option value="">{a.inherit_option}</option>
                                                    {eligible.iter().map(|g| view! {
                                                        <option value=g.id.to_string() selected=here == Some(g.id)>{g.name.clone()}</option>
                                                    }).collect_view()}
                                                </select>
                                                <button type="submit" class="small">{a.save}</button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                        {page.settings.map(|s| {
                            let from = |f: &SettingSource| match f {
                                SettingSource::Here => a.set_here.to_owned(),
                                SettingSource::Above(n) => format!("{} {n}", a.inherited_from),
                                SettingSource::Default => a.defaults_in_force.to_owned(),
                            };
                            let number = |name: &'static str, label: &'static str, v: i64, max: &'static str| {
                                view! {
                                    <div class="field">
                                        <label for=name>{label}</label>
                                        <input id=name name=name type="number" value=form.value(name, &v.to_string()) min="1" max=max required=true/>
                                    </div>
                                }
                            };
                            let inherit = |f: &SettingSource| (*f == SettingSource::Here).then(|| view! {
                                <button type="submit" name="inherit" value="1" formnovalidate=true>{a.inherit_button}</button>
                            });
                            let holidays = form.value("holidays", &s.holidays_here);
                            view! {
                                <section aria-labelledby="rules-h">
                                    <h2 id="rules-h">{p.rules_title}</h2>
                                    <p class="hint">{p.rules_intro}</p>
                                    <form method="post" action="/api/set_area_rules" class="narrow">
                                        <input type="hidden" name="rules_area_id" value=id.clone()/>
                                        <p class="meta" id="rules-from">{from(&s.rules_from)}</p>
                                        {number("support_threshold", p.threshold_label, s.rules[0], "1000000")}
                                        {number("response_days", p.response_days_label, s.rules[1], "60")}
                                        <button type="submit" class="primary">{p.rules_button}</button>
                                        {inherit(&s.rules_from)}
                                    </form>
                                </section>
                                <section aria-labelledby="deadlines-h">
                                    <h2 id="deadlines-h">{c.rules_title}</h2>
                                    <p class="hint">{c.rules_intro}</p>
                                    <form method="post" action="/api/set_complaint_rules" class="narrow">
                                        <input type="hidden" name="complaint_area_id" value=id.clone()/>
                                        <p class="meta" id="deadlines-from">{from(&s.deadlines_from)}</p>
                                        {number("verify_days", c.verify_days, s.deadlines[0], "60")}
                                        {number("followup_days", c.followup_days, s.deadlines[1], "60")}
                                        {number("resolve_days", c.resolve_days, s.deadlines[2], "60")}
                                        <div class="field">
                                            <label for="holidays">{c.holidays}</label>
                                            <textarea id="holidays" name="holidays" rows="4" maxlength="4000" aria-describedby="holidays-hint">{textarea_text(holidays)}</textarea>
                                            <p class="hint" id="holidays-hint">"2026-12-25 Natal"</p>
                                        </div>
                                        {(!s.holidays_above.is_empty()).then(|| view! {
                                            <p class="meta">{a.holidays_above}</p>
                                            <ul class="meta">
                                                {s.holidays_above.iter().map(|(day, at)| view! { <li>{format!("{day} ({at})")}</li> }).collect_view()}
                                            </ul>
                                        })}
                                        <button type="submit" class="primary">{c.rules_button}</button>
                                        {inherit(&s.deadlines_from)}
                                    </form>
                                </section>
                            }
                        })}
                        <section aria-labelledby="import-h">
                            <h2 id="import-h">{a.import_heading}</h2>
                            <form method="post" action="/api/import_agencies" class="narrow">
                                <input type="hidden" name="area_id" value=id.clone()/>
                                <div class="field">
                                    <label for="import-csv">{a.import_heading}</label>
                                    <textarea id="import-csv" name="csv" rows="8" maxlength="20000" required=true aria-describedby="import-csv-hint">{textarea_text(kept("csv"))}</textarea>
                                    <p class="hint" id="import-csv-hint">{a.import_hint}</p>
                                </div>
                                <button type="submit" class="primary">{a.import_button}</button>
                            </form>
                        </section>
                        {(!area.leaf).then(|| view! {
                            <section aria-labelledby="add-area-h">
                                <h2 id="add-area-h">{a.add_area_heading}</h2>
                                <form method="post" action="/api/add_area" class="narrow">
                                    <input type="hidden" name="area_id" value=id.clone()/>
                                    <div class="field">
                                        <label for="add-area-name">{a.area_name}</label>
                                        <input id="add-area-name" name="name" maxlength="100" required=true/>
                                    </div>
                                    <div class="field">
                                        <label for="add-area-kind">{a.area_kind}</label>
                                        <input id="add-area-kind" name="kind" maxlength="40" required=true/>
                                    </div>
                                    <button type="submit">{a.add_area_button}</button>
                                </form>
                            </section>
                        })}
                    }
                });
                Either::Left(view! {
                    {error.map(|e| view! { <p class="form-error" role="alert" tabindex="-1">{e}</p> })}
                    {saved.then(|| view! { <p class="notice" role="status">{a.saved_notice}</p> })}
                    <form method="get" action="/admin/areas" class="filters">
                        <AreaPicker name="area_id" label=m.area choice=page.area.clone() required=true/>
                        <button type="submit">{a.show}</button>
                    </form>
                    {area_sections}
                    <section aria-labelledby="categories-h">
                        <h2 id="categories-h">{a.categories_heading}</h2>
                        <ul class="plain admin-list">
                            {categories.into_iter().map(|c| {
                                let (i, e) = (format!("c{}-id", c.id), format!("c{}-en", c.id));
                                view! {
                                    <li>
                                        <form method="post" action="/api/save_category" class="inline-form">
                                            <input type="hidden" name="area_id" value=area_id.clone()/>
                                            <input type="hidden" name="category_id" value=c.id.to_string()/>
                                            <span class="meta">{c.slug}</span>
                                            <label for=i.clone()>{a.name_id}</label>
                                            <input id=i name="name_id" value=c.name_id maxlength="80" required=true/>
                                            <label for=e.clone()>{a.name_en}</label>
                                            <input id=e name="name_en" value=c.name_en maxlength="80" required=true/>
                                            <button type="submit" class="small">{a.save}</button>
                                        </form>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <form method="post" action="/api/save_category" class="narrow">
                            <h3>{a.add_category}</h3>
                            <input type="hidden" name="area_id" value=area_id.clone()/>
                            <div class="field">
                                <label for="new-cat-slug">{a.slug}</label>
                                <input id="new-cat-slug" name="slug" maxlength="40" required=true/>
                            </div>
                            <div class="field">
                                <label for="new-cat-id">{a.name_id}</label>
                                <input id="new-cat-id" name="name_id" maxlength="80" required=true/>
                            </div>
                            <div class="field">
                                <label for="new-cat-en">{a.name_en}</label>
                                <input id="new-cat-en" name="name_en" maxlength="80" required=true/>
                            </div>
                            <button type="submit">{a.add_category}</button>
                        </form>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// An agency's webhook: where its events are sent, and the secret they are
/// signed with (never shown again once saved).
#[component]
fn HookForm(area_id: String, agency_id: i64, url: Option<String>) -> impl IntoView {
    let n = crate::i18n::notify::nmsg(use_lang());
    let (u, s) = (format!("g{agency_id}-hook-url"), format!("g{agency_id}-hook-secret"));
    let (u_for, s_for, s_hint, s_hint_id) = (u.clone(), s.clone(), format!("{s}-hint"), format!("{s}-hint"));
    let area_again = area_id.clone();
    let summary = match &url {
        Some(url) => format!("{}: {url}", n.hook_title),
        None => format!("{}: {}", n.hook_title, n.hook_none),
    };
    view! {
        <details class="hook">
            <summary>{summary}</summary>
            <p class="hint">{n.hook_lead}</p>
            <form method="post" action="/api/set_hook">
                <input type="hidden" name="area_id" value=area_id/>
                <input type="hidden" name="agency_id" value=agency_id.to_string()/>
                <div class="field">
                    <label for=u_for>{n.hook_url}</label>
                    <input id=u name="hook_url" type="url" maxlength="500" value=url.clone().unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for=s_for>{n.hook_secret}</label>
                    <input id=s name="hook_secret" type="password" autocomplete="off" maxlength="200" aria-describedby=s_hint/>
                    <p class="hint" id=s_hint_id>{n.hook_secret_hint}</p>
                </div>
                <button type="submit" class="small">{n.hook_save}</button>
            </form>
            {url.map(|_| view! {
                <form method="post" action="/api/set_hook">
                    <input type="hidden" name="area_id" value=area_again/>
                    <input type="hidden" name="agency_id" value=agency_id.to_string()/>
                    <input type="hidden" name="hook_url" value=""/>
                    <button type="submit" class="small">{n.hook_remove}</button>
                </form>
            })}
        </details>
    }
}
