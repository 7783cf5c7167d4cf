use crate::api::get_settings;
use crate::components::area_picker::AreaPicker;
use crate::components::form::post_url;
use crate::components::form::{form_state, Field, FormError, FormState};
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::domain::notify::Pref;
use crate::domain::{DISPLAY_NAME_MAX, PASSWORD_MAX};
use crate::i18n::notify::{how_name, kind_name, nmsg};
use crate::i18n::{mail::emsg, msg};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let m = msg(use_lang());
    let query = use_query_map();
    let saved = move || query.read().get("saved");
    let data = Resource::new_blocking(
        move || query.read().get("home_area_id").unwrap_or_default(),
        get_settings,
    );
    let session = use_session();
    view! {
        <Title text=format!("{} · Rembuk", m.settings_title)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || {
                Suspend::new(async move {
                    let _ = session.await;
                    let (profile_form, password_form) = (form_state::<crate::api::SaveProfile>(), form_state::<crate::api::ChangePassword>());
                    let email_form = form_state::<crate::api::SetEmail>();
                    match data.await {
                        Ok(s) => Either::Left(view! {
                            <h1>{m.settings_title}</h1>
                            <div class="columns">
                                <section class="narrow" aria-labelledby="profile-h">
                                    <h2 id="profile-h">{m.profile_section}</h2>
                                    <Show when=move || saved().as_deref() == Some("profile")>
                                        <p class="notice" role="status">{m.saved}</p>
                                    </Show>
                                    <form method="post" action={post_url::<crate::api::SaveProfile>()}>
                                        <FormError form=profile_form.clone()/>
                                        <Field form=profile_form.clone() name="display_name" label=m.display_name value=s.display_name autocomplete="name" maxlength=DISPLAY_NAME_MAX required=true/>
                                        <AreaPicker form=profile_form.clone() name="home_area_id" label=m.home_area choice=s.area_choice.clone() required=true/>
                                        <button type="submit" class="primary">{m.save}</button>
                                    </form>
                                </section>
                                <EmailSection email=s.email.clone() pending=s.email_pending.clone() form=email_form saved=saved().unwrap_or_default()/>
                                <NotifySection prefs=s.notify.clone() has_email=s.email.is_some() saved=saved().as_deref() == Some("notify")/>
                                <section class="narrow" aria-labelledby="password-h">
                                    <h2 id="password-h">{m.change_password_title}</h2>
                                    <Show when=move || saved().as_deref() == Some("password")>
                                        <p class="notice" role="status">{m.password_changed}</p>
                                    </Show>
                                    <form method="post" action={post_url::<crate::api::ChangePassword>()}>
                                        <FormError form=password_form.clone()/>
                                        <Field form=password_form.clone() name="current_password" label=m.current_password kind="password" autocomplete="current-password" maxlength=PASSWORD_MAX required=true/>
                                        <Field form=password_form.clone() name="new_password" label=m.new_password kind="password" hint=m.password_hint autocomplete="new-password" maxlength=PASSWORD_MAX required=true/>
                                        <Field form=password_form.clone() name="new_password_confirm" label=m.password_confirm kind="password" autocomplete="new-password" maxlength=PASSWORD_MAX required=true/>
                                        <button type="submit" class="primary">{m.change_password_button}</button>
                                    </form>
                                </section>
                            </div>
                        }),
                        Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                    }
                })
            }}
        </Suspense>
    }
}

/// The account's email address: the confirmed one, one waiting for its
/// link, and the form to change or remove it.
#[component]
fn EmailSection(email: Option<String>, pending: Option<String>, form: FormState, saved: String) -> impl IntoView {
    let e = emsg(use_lang());
    let notice = match saved.as_str() {
        "email_sent" => Some(e.sent),
        "email_removed" => Some(e.removed),
        _ => None,
    };
    view! {
        <section class="narrow" aria-labelledby="email-h">
            <h2 id="email-h">{e.section}</h2>
            {notice.map(|text| view! { <p class="notice" role="status" tabindex="-1" autofocus=true>{text}</p> })}
            {email.clone().map(|a| view! { <p>{e.confirmed} " " <strong>{a}</strong></p> })}
            {pending.clone().map(|a| view! { <p>{e.waiting} " " <strong>{a}</strong><br/>{e.waiting_hint}</p> })}
            <form method="post" action={post_url::<crate::api::SetEmail>()}>
                <FormError form=form.clone()/>
                <Field form=form name="email" label=e.label kind="email" hint=e.hint autocomplete="email" maxlength=254 value=email.or(pending).unwrap_or_default()/>
                <button type="submit" class="primary">{e.save}</button>
            </form>
        </section>
    }
}

/// How each kind of notification is told: at once by email, in the daily
/// digest, or only on the site.
#[component]
fn NotifySection(prefs: Vec<Pref>, has_email: bool, saved: bool) -> impl IntoView {
    let lang = use_lang();
    let n = nmsg(lang);
    let form = form_state::<crate::api::SetNotifyPrefs>();
    view! {
        <section class="narrow" id="notify" aria-labelledby="notify-h">
            <h2 id="notify-h">{n.section}</h2>
            {saved.then(|| view! { <p class="notice" role="status" tabindex="-1" autofocus=true>{n.saved}</p> })}
            <p>{n.lead}</p>
            {(!has_email).then(|| view! { <p class="hint">{n.no_email}</p> })}
            <form method="post" action={post_url::<crate::api::SetNotifyPrefs>()}>
                <FormError form=form/>
                {prefs.into_iter().map(|p| {
                    let kind = p.kind.code();
                    view! {
                        <fieldset class="scale">
                            <legend>{kind_name(lang, p.kind)}</legend>
                            {p.kind.choices().iter().map(|how| {
                                let (id, for_id) = (format!("n-{kind}-{}", how.code()), format!("n-{kind}-{}", how.code()));
                                view! {
                                    <label for=for_id>
                                        <input type="radio" id=id name=kind value=how.code() checked=p.how == *how/>
                                        {how_name(lang, *how)}
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                <button type="submit" class="primary">{n.save}</button>
            </form>
        </section>
    }
}
