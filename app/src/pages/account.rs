use crate::api::get_area_choice;
use crate::components::area_picker::AreaPicker;
use crate::components::form::post_url;
use crate::components::form::{form_state, Field, FormError};
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::domain::{DISPLAY_NAME_MAX, PASSWORD_MAX, USERNAME_MAX};
use crate::i18n::msg;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let m = msg(use_lang());
    let session = use_session();
    let next = use_query_map().read_untracked().get("next").unwrap_or_default();
    view! {
        <Title text=format!("{} · Rembuk", m.sign_in_title)/>
        <section class="narrow">
            <h1>{m.sign_in_title}</h1>
            <Suspense fallback=move || view! { <p>{m.loading}</p> }>
                {move || {
                    let next = next.clone();
                    Suspend::new(async move {
                        let _ = session.await;
                        let form = form_state::<crate::api::SignIn>();
                        view! {
                            <form method="post" action={post_url::<crate::api::SignIn>()}>
                                <FormError form=form.clone()/>
                                <Field form=form.clone() name="username" label=m.username autocomplete="username" maxlength=USERNAME_MAX required=true/>
                                <Field form=form.clone() name="password" label=m.password kind="password" autocomplete="current-password" maxlength=PASSWORD_MAX required=true/>
                                <input type="hidden" name="next" value=next/>
                                <button type="submit" class="primary">{m.sign_in_button}</button>
                            </form>
                            <p><a href="/password/forgot">{crate::i18n::mail::emsg(use_lang()).forgot_link}</a></p>
                        }
                    })
                }}
            </Suspense>
            <p><a href="/register">{m.no_account}</a></p>
        </section>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let m = msg(use_lang());
    let session = use_session();
    let query = leptos_router::hooks::use_query_map();
    let area = Resource::new_blocking(
        move || query.read().get("home_area_id").unwrap_or_default(),
        get_area_choice,
    );
    view! {
        <Title text=format!("{} · Rembuk", m.register_title)/>
        <section class="narrow">
            <h1>{m.register_title}</h1>
            <Suspense fallback=move || view! { <p>{m.loading}</p> }>
                {move || {
                    Suspend::new(async move {
                        let _ = session.await;
                        let form = form_state::<crate::api::Register>();
                        match area.await {
                            Ok(area) => Either::Left(view! {
                                <form method="post" action={post_url::<crate::api::Register>()}>
                                    <FormError form=form.clone()/>
                                    <AreaPicker form=form.clone() name="home_area_id" label=m.home_area choice=area hint=crate::i18n::areas::amsg(use_lang()).home_area_hint required=true/>
                                    <Field form=form.clone() name="username" label=m.username hint=m.username_hint autocomplete="username" maxlength=USERNAME_MAX required=true/>
                                    <Field form=form.clone() name="display_name" label=m.display_name hint=m.display_name_hint autocomplete="name" maxlength=DISPLAY_NAME_MAX required=true/>
                                    <Field form=form.clone() name="password" label=m.password kind="password" hint=m.password_hint autocomplete="new-password" maxlength=PASSWORD_MAX required=true/>
                                    <Field form=form.clone() name="password_confirm" label=m.password_confirm kind="password" autocomplete="new-password" maxlength=PASSWORD_MAX required=true/>
                                    <button type="submit" class="primary">{m.register_button}</button>
                                </form>
                            }),
                            Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                        }
                    })
                }}
            </Suspense>
            <p><a href="/signin">{m.have_account}</a></p>
        </section>
    }
}

/// Where the link sent to a new address leads: a button confirms it (a
/// link alone changes nothing, as mail scanners open links).
#[component]
pub fn EmailConfirmPage() -> impl IntoView {
    let lang = use_lang();
    let e = crate::i18n::mail::emsg(lang);
    let session = use_session();
    let query = use_query_map().read_untracked();
    let token = query.get("token").unwrap_or_default();
    let done = query.get("done").is_some();
    view! {
        <Title text=format!("{} · Rembuk", e.confirm_title)/>
        <section class="narrow">
            <h1>{e.confirm_title}</h1>
            <Suspense fallback=move || view! { <p>{msg(lang).loading}</p> }>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        let _ = session.await;
                        let form = form_state::<crate::api::ConfirmEmail>();
                        if done {
                            Either::Left(view! {
                                <p class="notice" role="status" tabindex="-1" autofocus=true>{e.done}</p>
                                <p><a href="/settings">{e.to_settings}</a></p>
                            })
                        } else {
                            Either::Right(view! {
                                <p>{e.confirm_lead}</p>
                                <form method="post" action={post_url::<crate::api::ConfirmEmail>()}>
                                    <FormError form=form.clone()/>
                                    <input type="hidden" name="token" value=token/>
                                    <button type="submit" class="primary">{e.confirm_button}</button>
                                </form>
                            })
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// Asks for a password reset link by username or email address.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let e = crate::i18n::mail::emsg(lang);
    let session = use_session();
    let sent = use_query_map().read_untracked().get("sent").is_some();
    view! {
        <Title text=format!("{} · Rembuk", e.forgot_title)/>
        <section class="narrow">
            <h1>{e.forgot_title}</h1>
            <Suspense fallback=move || view! { <p>{msg(lang).loading}</p> }>
                {move || Suspend::new(async move {
                    let _ = session.await;
                    let form = form_state::<crate::api::RequestReset>();
                    view! {
                        {sent.then(|| view! { <p class="notice" role="status" tabindex="-1" autofocus=true>{e.reset_sent}</p> })}
                        <p>{e.forgot_lead}</p>
                        <form method="post" action={post_url::<crate::api::RequestReset>()}>
                            <FormError form=form.clone()/>
                            <Field form=form name="who" label=e.who_label hint=e.who_hint autocomplete="username" maxlength=254 required=true/>
                            <button type="submit" class="primary">{e.send_link}</button>
                        </form>
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Where a password reset link leads: a new password, if the link is good.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let (m, e) = (msg(lang), crate::i18n::mail::emsg(lang));
    let session = use_session();
    let query = use_query_map().read_untracked();
    let token = query.get("token").unwrap_or_default();
    let done = query.get("done").is_some();
    let good = Resource::new_blocking(
        {
            let token = token.clone();
            move || token.clone()
        },
        crate::api::reset_link,
    );
    view! {
        <Title text=format!("{} · Rembuk", e.reset_title)/>
        <section class="narrow">
            <h1>{e.reset_title}</h1>
            <Suspense fallback=move || view! { <p>{m.loading}</p> }>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        let _ = session.await;
                        let form = form_state::<crate::api::ResetPassword>();
                        if done {
                            return EitherOf3::A(view! {
                                <p class="notice" role="status" tabindex="-1" autofocus=true>{e.reset_done}</p>
                                <p><a href="/signin">{e.sign_in}</a></p>
                            });
                        }
                        if !good.await.unwrap_or(false) {
                            return EitherOf3::B(view! {
                                <p class="form-error" role="alert">{e.reset_expired}</p>
                                <p><a href="/password/forgot">{e.new_link}</a></p>
                            });
                        }
                        EitherOf3::C(view! {
                            <form method="post" action={post_url::<crate::api::ResetPassword>()}>
                                <FormError form=form.clone()/>
                                <input type="hidden" name="token" value=token/>
                                <Field form=form.clone() name="new_password" label=m.new_password kind="password" hint=m.password_hint autocomplete="new-password" maxlength=PASSWORD_MAX required=true/>
                                <Field form=form name="new_password_confirm" label=m.password_confirm kind="password" autocomplete="new-password" maxlength=PASSWORD_MAX required=true/>
                                <button type="submit" class="primary">{e.reset_button}</button>
                            </form>
                        })
                    })
                }}
            </Suspense>
        </section>
    }
}
