use crate::api::get_admin;
use crate::app::{Actions, Session, SessionEpoch};
use crate::components::area_picker::AreaPicker;
use crate::components::form::{form_state, Field, FormError, TextArea};
use crate::components::{status::ErrorView, use_lang};
use crate::domain::USERNAME_MAX;
use crate::i18n::{msg, role_name};
use crate::model::Role;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminPage() -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let p = crate::i18n::proposals::pmsg(lang);
    let actions = expect_context::<Actions>();
    let query = use_query_map();
    let epoch = expect_context::<SessionEpoch>().0;
    let q = move || query.read().get("q").unwrap_or_default();
    // Each of the page's area pickers comes back with its own field; one area
    // is chosen for the page.
    let area = move || {
        let q = query.read();
        ["area_id", "rules_area_id", "complaint_area_id"]
            .into_iter()
            .find_map(|k| q.get(k))
            .unwrap_or_default()
    };
    let data = Resource::new_blocking(move || (q(), area(), epoch.get()), |(q, area, _)| get_admin(q, area));
    let session = expect_context::<Session>();
    view! {
        <Title text=format!("{} · Rembuk", m.admin_title)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || {
                Suspend::new(async move {
                    let _ = session.await;
                    let (grant_form, revoke_form) = (form_state(actions.grant_role), form_state(actions.revoke_role));
                    let rules_form = form_state(actions.set_area_rules);
                    let complaint_form = form_state(actions.set_complaint_rules);
                    let c = crate::i18n::complaints::cmsg(lang);
                    let page = match data.await {
                        Ok(page) => page,
                        Err(e) => return Either::Right(view! { <ErrorView error=e/> }),
                    };
                    let users = page.users;
                    let (choice, rules_choice, complaint_choice) =
                        (page.area_choice.clone(), page.area_choice.clone(), page.area_choice.clone());
                    let (threshold, days) = page.area_rules.unwrap_or((20, 10));
                    let username_default = if users.len() == 1 { users[0].username.clone() } else { String::new() };
                    Either::Left(view! {
                        <h1>{m.admin_title}</h1>
                        <p><a href="/admin/areas">{crate::i18n::areas::amsg(lang).nav_areas}</a></p>
                        <div class="columns">
                            <section aria-labelledby="users-h">
                                <h2 id="users-h">{m.users_heading}</h2>
                                <form method="get" action="/admin" class="search" role="search">
                                    <label for="q">{m.search_users}</label>
                                    <input id="q" name="q" type="search" value=q()/>
                                    <button type="submit">{m.search_button}</button>
                                </form>
                                <FormError form=revoke_form/>
                                {if users.is_empty() {
                                    Either::Left(view! { <p class="empty">{m.no_users}</p> })
                                } else {
                                    Either::Right(view! {
                                        <ul class="people">
                                            {users.into_iter().map(|u| view! {
                                                <li>
                                                    <a href=format!("/u/{}", u.username)>{u.display_name}</a>
                                                    <span class="meta">{format!(" @{}", u.username)}</span>
                                                    {if u.roles.is_empty() {
                                                        Either::Left(view! { <p class="meta">{m.no_roles}</p> })
                                                    } else {
                                                        Either::Right(view! {
                                                            <ul class="roles">
                                                                {u.roles.into_iter().map(|r| {
                                                                    let bound = r.agency_name.or(r.area_name).map(|b| format!(" — {b}")).unwrap_or_default();
                                                                    let label = format!("{}{}", role_name(lang, r.role), bound);
                                                                    view! {
                                                                        <li>
                                                                            {label.clone()}
                                                                            <ActionForm action=actions.revoke_role>
                                                                                <input type="hidden" name="grant_id" value=r.id/>
                                                                                <button type="submit" class="small" aria-label=format!("{}: {}", m.revoke_button, label)>{m.revoke_button}</button>
                                                                            </ActionForm>
                                                                        </li>
                                                                    }
                                                                }).collect_view()}
                                                            </ul>
                                                        })
                                                    }}
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    })
                                }}
                            </section>
                            <section class="narrow" aria-labelledby="grant-h">
                                <h2 id="grant-h">{m.grant_title}</h2>
                                <Show when=move || query.read().get("saved").is_some()>
                                    <p class="notice" role="status">{m.granted}</p>
                                </Show>
                                <ActionForm action=actions.grant_role>
                                    <FormError form=grant_form.clone()/>
                                    <Field form=grant_form.clone() name="username" label=m.username value=username_default maxlength=USERNAME_MAX required=true/>
                                    <div class="field">
                                        <label for="f-role">{m.role}</label>
                                        <select id="f-role" name="role" required=true>
                                            {[Role::Officer, Role::Moderator, Role::Admin].into_iter().map(|r| {
                                                let chosen = grant_form.value("role", "officer") == r.code();
                                                view! { <option value=r.code() selected=chosen>{role_name(lang, r)}</option> }
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <AgencySelect form=grant_form.clone() agencies=page.agencies/>
                                    <AreaPicker form=grant_form.clone() name="area_id" label=m.area choice=choice hint=m.area_hint/>
                                    <button type="submit" class="primary">{m.grant_button}</button>
                                </ActionForm>
                            </section>
                            <section class="narrow" aria-labelledby="rules-h">
                                <h2 id="rules-h">{p.rules_title}</h2>
                                <p class="hint">{p.rules_intro}</p>
                                <p class="hint">{p.rules_now}</p>
                                <Show when=move || query.read().get("rules").is_some()>
                                    <p class="notice" role="status">{p.rules_saved}</p>
                                </Show>
                                <ActionForm action=actions.set_area_rules>
                                    <FormError form=rules_form.clone()/>
                                    <AreaPicker form=rules_form.clone() name="rules_area_id" label=m.area choice=rules_choice required=true/>
                                    <Field form=rules_form.clone() name="support_threshold" label=p.threshold_label kind="number" value=threshold.to_string() maxlength=7 required=true/>
                                    <Field form=rules_form.clone() name="response_days" label=p.response_days_label kind="number" value=days.to_string() maxlength=2 required=true/>
                                    <button type="submit" class="primary">{p.rules_button}</button>
                                </ActionForm>
                            </section>
                            <section class="narrow" aria-labelledby="complaint-rules-h">
                                <h2 id="complaint-rules-h">{c.rules_title}</h2>
                                <p class="hint">{c.rules_intro}</p>
                                <Show when=move || query.read().get("complaint_rules").is_some()>
                                    <p class="notice" role="status">{c.rules_saved}</p>
                                </Show>
                                <ActionForm action=actions.set_complaint_rules>
                                    <FormError form=complaint_form.clone()/>
                                    <AreaPicker form=complaint_form.clone() name="complaint_area_id" label=m.area choice=complaint_choice required=true/>
                                    <Field form=complaint_form.clone() name="verify_days" label=c.verify_days kind="number" value="3" maxlength=2 required=true/>
                                    <Field form=complaint_form.clone() name="followup_days" label=c.followup_days kind="number" value="5" maxlength=2 required=true/>
                                    <Field form=complaint_form.clone() name="resolve_days" label=c.resolve_days kind="number" value="10" maxlength=2 required=true/>
                                    <TextArea form=complaint_form.clone() name="holidays" label=c.holidays hint="2026-12-25 Natal".to_owned() maxlength=4000 rows=4/>
                                    <button type="submit" class="primary">{c.rules_button}</button>
                                </ActionForm>
                            </section>
                        </div>
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
fn AgencySelect(form: crate::components::form::FormState, agencies: Vec<crate::model::AgencySummary>) -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let chosen = form.value("agency_id", "");
    let error = move || form.error.get().filter(|e| e.field_name() == Some("agency_id"));
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for="f-agency_id">{m.agency}</label>
            <select id="f-agency_id" name="agency_id" aria-describedby="f-agency_id-hint" aria-invalid=move || error().map(|_| "true")>
                <option value="">{m.none_option}</option>
                {agencies.into_iter().map(|g| {
                    let v = g.id.to_string();
                    let sel = v == chosen;
                    view! { <option value=v selected=sel>{g.name}</option> }
                }).collect_view()}
            </select>
            <p class="hint" id="f-agency_id-hint">{m.agency_hint}</p>
            <Show when=move || error().is_some()>
                <p class="error">{move || error().map(|e| crate::i18n::error_message(lang, &e))}</p>
            </Show>
        </div>
    }
}
