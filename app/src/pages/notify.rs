//! The page an unsubscribe link opens, and the admins' outbox.
use crate::api::{get_outbox, unsubscribe_link};
use crate::components::form::{form_state, post_url, FormError};
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::msg;
use crate::i18n::notify::{nmsg, stop_name};
use crate::model::FailedSend;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Opened from an email's unsubscribe link: says what stops, and stops it
/// on a button (a link alone changes nothing: mail scanners open links).
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let lang = use_lang();
    let n = nmsg(lang);
    let query = use_query_map().read_untracked();
    let get = |k: &str| query.get(k).unwrap_or_default();
    let (u, k, s) = (get("u"), get("k"), get("s"));
    let done = query.get("done").is_some();
    // Once done, the link is not checked again (its page is a plain 200).
    let data = Resource::new_blocking(
        {
            let (u, k, s) = (u.clone(), k.clone(), s.clone());
            move || (u.clone(), k.clone(), s.clone())
        },
        move |(u, k, s)| async move {
            if done {
                Ok(String::new())
            } else {
                unsubscribe_link(u, k, s).await
            }
        },
    );
    let session = use_session();
    view! {
        <Title text=format!("{} · Rembuk", n.unsub_title)/>
        <section class="narrow">
            <h1>{n.unsub_title}</h1>
            <Suspense fallback=move || view! { <p>{msg(lang).loading}</p> }>
                {move || {
                    let (u, k, s) = (u.clone(), k.clone(), s.clone());
                    Suspend::new(async move {
                        let _ = session.await;
                        let form = form_state::<crate::api::Unsubscribe>();
                        if done {
                            let what = stop_name(lang, &k);
                            return EitherOf3::A(view! {
                                <p class="notice" role="status" tabindex="-1" autofocus=true>{n.unsub_done}</p>
                                <p><strong>{what}</strong></p>
                                <p><a href="/settings#notify">{n.to_settings}</a></p>
                            });
                        }
                        match data.await {
                            Ok(what) => EitherOf3::B(view! {
                                <p><strong>{what}</strong></p>
                                <p>{n.unsub_lead}</p>
                                <form method="post" action={post_url::<crate::api::Unsubscribe>()}>
                                    <FormError form=form/>
                                    <input type="hidden" name="u" value=u/>
                                    <input type="hidden" name="k" value=k/>
                                    <input type="hidden" name="s" value=s/>
                                    <button type="submit" class="primary">{n.unsub_button}</button>
                                </form>
                                <p><a href="/settings#notify">{n.to_settings}</a></p>
                            }),
                            Err(e) => EitherOf3::C(view! {
                                <ErrorView error=e/>
                                <p><a href="/settings#notify">{n.to_settings}</a></p>
                            }),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// What waits in the outbox, and what failed after its last try.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let n = nmsg(lang);
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (
                q.get("before").unwrap_or_default(),
                q.get("hooks_before").unwrap_or_default(),
            )
        },
        |(before, hooks_before)| get_outbox(before, hooks_before),
    );
    let session = use_session();
    view! {
        <Title text=format!("{} · Rembuk", n.outbox_title)/>
        <Suspense fallback=move || view! { <p>{msg(lang).loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                match data.await {
                    Ok(p) => Either::Left(view! {
                        <h1>{n.outbox_title}</h1>
                        <p>{n.outbox_lead}</p>
                        <h2>{n.outbox_waiting}</h2>
                        <ul>
                            <li>{format!("Email: {}", crate::i18n::number(lang, p.waiting_mail))}</li>
                            <li>{format!("Webhook: {}", crate::i18n::number(lang, p.waiting_hooks))}</li>
                        </ul>
                        <Failed id="failed-mail" heading=n.outbox_failed rows=p.failed next=p.next.map(|b| format!("/admin/outbox?before={b}"))/>
                        <Failed id="failed-hooks" heading=n.hooks_failed rows=p.failed_hooks next=p.next_hooks.map(|b| format!("/admin/outbox?hooks_before={b}"))/>
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Failed(id: &'static str, heading: &'static str, rows: Vec<FailedSend>, next: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let n = nmsg(lang);
    let (h, labelled) = (format!("{id}-h"), format!("{id}-h"));
    view! {
        <section aria-labelledby=labelled>
            <h2 id=h>{heading}</h2>
            {if rows.is_empty() {
                Either::Left(view! { <p class="empty">{n.outbox_none}</p> })
            } else {
                Either::Right(view! {
                    <table class="data cards">
                        <thead><tr>
                            <th scope="col">{n.col_when}</th>
                            <th scope="col">{n.col_to}</th>
                            <th scope="col">{n.col_subject}</th>
                            <th scope="col">{n.col_tries}</th>
                            <th scope="col">{n.col_error}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{r.when}</th>
                                    <td data-label=n.col_to>{r.to}</td>
                                    <td data-label=n.col_subject>{r.subject}</td>
                                    <td data-label=n.col_tries>{r.attempts}</td>
                                    <td data-label=n.col_error>{r.error}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })
            }}
            {next.map(|href| view! {
                <nav class="pager" aria-label=msg(lang).more_pages><a href=href rel="next">{msg(lang).next_page}</a></nav>
            })}
        </section>
    }
}
