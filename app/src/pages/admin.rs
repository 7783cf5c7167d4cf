use crate::api::get_admin;
use crate::components::area_picker::AreaPicker;
use crate::components::form::post_url;
use crate::components::form::{form_state, Field, FormError};
use crate::components::session::use_session;
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
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let area = move || query.read().get("area_id").unwrap_or_default();
    let data = Resource::new_blocking(move || (q(), area()), |(q, area)| get_admin(q, area));
    let session = use_session();
    view! {
        <Title text=format!("{} · Rembuk", m.admin_title)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || {
                Suspend::new(async move {
                    let _ = session.await;
                    let (grant_form, revoke_form) = (form_state::<crate::api::GrantRole>(), form_state::<crate::api::RevokeRole>());
                    let page = match data.await {
                        Ok(page) => page,
                        Err(e) => return Either::Right(view! { <ErrorView error=e/> }),
                    };
                    let users = page.users;
                    let choice = page.area_choice.clone();
                    let username_default = if users.len() == 1 { users[0].username.clone() } else { String::new() };
                    Either::Left(view! {
                        <h1>{m.admin_title}</h1>
                        <p>
                            <a href="/admin/areas">{crate::i18n::areas::amsg(lang).nav_areas}</a>
                            " · "
                            <a href="/admin/outbox">{crate::i18n::notify::nmsg(lang).outbox_title}</a>
                        </p>
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
                                                                            <form method="post" action={post_url::<crate::api::RevokeRole>()}>
                                                                                <input type="hidden" name="grant_id" value=r.id/>
                                                                                <button type="submit" class="small" aria-label=format!("{}: {}", m.revoke_button, label)>{m.revoke_button}</button>
                                                                            </form>
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
                                <form method="post" action={post_url::<crate::api::GrantRole>()}>
                                    <FormError form=grant_form.clone()/>
                                    <Field form=grant_form.clone() name="username" label=m.username value=username_default maxlength=USERNAME_MAX required=true/>
                                    <div class="field">
                                        <label for="f-role">{m.role}</label>
                                        <select id="f-role" name="role">
                                            {[Role::Officer, Role::Head, Role::Moderator, Role::Planner, Role::Admin].into_iter().map(|r| {
                                                let chosen = grant_form.value("role", "officer") == r.code();
                                                view! { <option value=r.code() selected=chosen>{role_name(lang, r)}</option> }
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <AgencySelect form=grant_form.clone() agencies=page.agencies/>
                                    <AreaPicker form=grant_form.clone() name="area_id" label=m.area choice=choice hint=m.area_hint/>
                                    <button type="submit" class="primary">{m.grant_button}</button>
                                </form>
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
    let error = move || form.error.get().and_then(|e| e.for_field("agency_id"));
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
