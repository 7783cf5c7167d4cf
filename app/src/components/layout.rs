use super::use_lang;
use crate::components::form::post_url;
use crate::i18n::msg;
use crate::model::Lang;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let (p, c) = (crate::i18n::proposals::pmsg(lang), crate::i18n::complaints::cmsg(lang));
    // Who is asking was settled before the page began (the session
    // layer): the header needs no resource and waits for nothing.
    let (me, demo) = who_asks();
    view! {
        <a class="skip" href="#main">{m.skip_to_content}</a>
        <header class="site">
            // Inside the header (a landmark), first: every page of a demo
            // site says so before anything else.
            {demo.then(|| view! { <p class="demo-banner" role="note">{m.demo_banner}</p> })}
            <div class="bar">
                <a class="brand" href="/">"Rembuk"</a>
                <form method="get" action="/search" role="search" class="site-search">
                    <label for="search-q" class="sr-only">{m.search_label}</label>
                    <input id="search-q" type="search" name="q" placeholder=m.search_placeholder maxlength="200"/>
                    <button type="submit">{m.search_button}</button>
                </form>
                <LanguageSwitch/>
            </div>
            // What each person uses most comes first: on a phone the menu is
            // one row that scrolls sideways. The brand leads home.
            <nav aria-label=m.nav_label>
                <ul>
                    {match me.clone() {
                        Some(me) => Either::Left(view! {
                            {(me.is_admin() || me.roles.iter().any(|r| r.role == crate::model::Role::Officer)).then(|| view! {
                                <li><a href="/desk">{p.nav_desk}</a></li>
                            })}
                            {(me.is_admin() || me.roles.iter().any(|r| r.role == crate::model::Role::Moderator)).then(|| view! {
                                <li><a href="/moderation">{crate::i18n::moderation::mmsg(lang).nav_moderation}</a></li>
                            })}
                            <li><a href="/proposals">{p.nav_proposals}</a></li>
                            <li><a href="/complaints">{c.nav_complaints}</a></li>
                            <li>
                                <a href="/notifications" class="notifications-link">
                                    {m.nav_notifications}
                                    {(me.unread > 0).then(|| view! {
                                        " " <span class="count">{me.unread}</span>
                                        <span class="sr-only">{format!(" {}", m.unread_word)}</span>
                                    })}
                                </a>
                            </li>
                            <li><a href=format!("/u/{}", me.username) class="me">{me.display_name.clone()}</a></li>
                            <li><a href="/settings">{m.nav_settings}</a></li>
                            {me.is_admin().then(|| view! { <li><a href="/admin">{m.nav_admin}</a></li> })}
                            <li>
                                <form method="post" action={post_url::<crate::api::SignOut>()}>
                                    <button type="submit" class="link">{m.nav_sign_out}</button>
                                </form>
                            </li>
                        }),
                        None => Either::Right(view! {
                            <li><a href="/signin">{m.nav_sign_in}</a></li>
                            <li><a href="/register">{m.nav_register}</a></li>
                            <li><a href="/proposals">{p.nav_proposals}</a></li>
                            <li><a href="/complaints">{c.nav_complaints}</a></li>
                        }),
                    }}
                    <li><a href="/musrenbang">{crate::i18n::musrenbang::mmsg(lang).musrenbang}</a></li>
                    <li><a href="/record">{p.nav_record}</a></li>
                    <li><a href="/dashboard">{c.nav_dashboard}</a></li>
                </ul>
            </nav>
            {me.and_then(|me| me.suspension).map(|s| view! {
                <p class="suspended-banner" role="status">{crate::components::suspension::suspension_text(lang, &s)}</p>
            })}
        </header>
    }
}

/// The signed-in person, if any, and whether this is a demo site.
fn who_asks() -> (Option<crate::model::Me>, bool) {
    #[cfg(feature = "ssr")]
    {
        // Read quietly: listing the routes at start renders the header
        // without a request or state, which is not an error.
        let demo = use_context::<crate::server::AppState>().is_some_and(|s| s.db.is_demo());
        (crate::server::request_ctx().me, demo)
    }
    #[cfg(not(feature = "ssr"))]
    {
        (None, false)
    }
}

/// Two buttons, one per language; the current one is marked and disabled.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    // Short on the button ("ID", "EN"), whole for a screen reader: the
    // header stays one row on a phone.
    let button = move |l: Lang, label: &'static str| {
        let current = l == lang;
        view! {
            <button type="submit" name="lang" value=l.code() lang=l.code() aria-pressed=if current { "true" } else { "false" } disabled=current>
                {l.code().to_uppercase()}<span class="sr-only">{format!(" · {label}")}</span>
            </button>
        }
    };
    view! {
        <div class="lang">
            <form method="post" action={post_url::<crate::api::SetLanguage>()}>
                <span class="sr-only">{msg(lang).switch_language}</span>
                {button(Lang::Id, "Bahasa Indonesia")}
                {button(Lang::En, "English")}
            </form>
        </div>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    view! {
        <footer class="site">
            <p>{m.footer}</p>
            <p><a href="/moderation/log">{crate::i18n::moderation::mmsg(lang).nav_log}</a></p>
        </footer>
    }
}
