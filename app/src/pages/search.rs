//! Search results and notifications.
use crate::api::{get_notifications, search};
use crate::components::filters::with_param;
use crate::components::form::post_url;
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::msg;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let m = msg(use_lang());
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (
                q.get("q").unwrap_or_default(),
                q.get("after").unwrap_or_default(),
                q.get("scope").unwrap_or_default(),
            )
        },
        |(q, after, scope)| search(q, after, scope),
    );
    let c = crate::i18n::complaints::cmsg(use_lang());
    view! {
        <Title text=format!("{} · Rembuk", m.search_title)/>
        <h1>{m.search_title}</h1>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => Either::Left(view! {
                        // The forums, or public complaints: the same words either way.
                        <nav class="tabs" aria-label=m.search_title>
                            <ul>
                                {[("posts", c.search_scope_posts), ("complaints", c.search_scope_complaints)].into_iter().map(|(s, label)| view! {
                                    <li>
                                        <a href=with_param("/search", &[("q", p.q.clone()), ("scope", s.to_owned())]) aria-current=(s == p.scope).then_some("page")>{label}</a>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </nav>
                        <form method="get" action="/search" role="search" class="search">
                            <input type="hidden" name="scope" value=p.scope.clone()/>
                            <label for="search-page-q">{if p.scope == "complaints" { c.search_complaints } else { m.search_label }}</label>
                            <input id="search-page-q" type="search" name="q" value=p.q.clone() maxlength="200"/>
                            <button type="submit">{m.search_button}</button>
                        </form>
                        {if p.q.trim().is_empty() {
                            Either::Left(view! { <p class="empty">{m.search_prompt}</p> })
                        } else if p.hits.is_empty() {
                            Either::Right(Either::Left(view! { <p class="empty">{m.no_results}</p> }))
                        } else {
                            let next = p.next.map(|n| with_param("/search", &[("q", p.q.clone()), ("scope", p.scope.clone()), ("after", n.to_string())]));
                            Either::Right(Either::Right(view! {
                                <ol class="hits">
                                    {p.hits.into_iter().map(|h| view! {
                                        <li>
                                            <a class="title" href=h.url>{h.thread_title}</a>
                                            <p class="snippet">
                                                {h.snippet.into_iter().map(|s| if s.hit {
                                                    Either::Left(view! { <mark>{s.text}</mark> })
                                                } else {
                                                    Either::Right(s.text)
                                                }).collect_view()}
                                            </p>
                                            <p class="meta">{format!("{} · {} · {}", h.byline, h.area_name, h.when)}</p>
                                        </li>
                                    }).collect_view()}
                                </ol>
                                {next.map(|href| view! {
                                    <nav class="pager" aria-label=m.more_pages><a href=href rel="next">{m.next_page}</a></nav>
                                })}
                            }))
                        }}
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let query = use_query_map();
    let session = use_session();
    let data = Resource::new_blocking(move || query.read().get("after").unwrap_or_default(), get_notifications);
    view! {
        <Title text=format!("{} · Rembuk", m.notifications_title)/>
        <h1>{m.notifications_title}</h1>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let unread = session.await.ok().and_then(|s| s.me).map(|me| me.unread).unwrap_or(0);
                match data.await {
                    Ok(p) => Either::Left(view! {
                        {(unread > 0).then(|| view! {
                            <form method="post" action={post_url::<crate::api::MarkAllRead>()}>
                                <button type="submit">{m.mark_all_read}</button>
                            </form>
                        })}
                        {if p.items.is_empty() {
                            Either::Left(view! { <p class="empty">{m.no_notifications}</p> })
                        } else {
                            Either::Right(view! {
                                <ul class="notifications">
                                    {p.items.into_iter().map(|n| view! {
                                        <li class:unread=n.unread>
                                            {n.unread.then(|| view! { <span class="badge">{m.new_badge}</span> " " })}
                                            <a href=n.url>{crate::i18n::notes::note_text(lang, &n)}</a>
                                            <p class="excerpt">{n.excerpt}</p>
                                            <p class="meta">{n.when}</p>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            })
                        }}
                        {p.next.map(|n| view! {
                            <nav class="pager" aria-label=m.more_pages><a href=format!("/notifications?after={n}") rel="next">{m.next_page}</a></nav>
                        })}
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}
