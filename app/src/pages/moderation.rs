//! Moderation in the open: the queue, the public log and one log entry with
//! its appeal (the tools on each item are in `components::moderation`).
use crate::api::{get_mod_entry, get_mod_log, get_queue};
use crate::components::form::post_url;
use crate::components::form::{form_state, textarea_text};
use crate::components::moderation::{AnyError, ItemTools, ReasonField};
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::moderation::{action_name, item_label, mmsg, reason_name};
use crate::i18n::msg;
use crate::model::LogEntry;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn entry_line(lang: crate::model::Lang, e: &LogEntry) -> String {
    let mut s = format!(
        "{} · {}",
        action_name(lang, &e.action),
        item_label(lang, &e.item_kind, e.item_id, e.target.as_deref())
    );
    if !e.detail.is_empty() {
        s.push_str(&format!(" → {}", e.detail));
    }
    if let Some(u) = &e.until {
        s.push_str(&format!(" ({} {u})", mmsg(lang).until_word));
    }
    s
}

fn appeal_state(lang: crate::model::Lang, state: &str) -> &'static str {
    let mm = mmsg(lang);
    match state {
        "open" => mm.appeal_state_open,
        "upheld" => mm.appeal_state_upheld,
        _ => mm.appeal_state_reversed,
    }
}

/// One row of the log, as a list item.
#[component]
fn EntryItem(e: LogEntry) -> impl IntoView {
    let lang = use_lang();
    let mm = mmsg(lang);
    let line = entry_line(lang, &e);
    view! {
        <li>
            <a href=format!("/moderation/log/{}", e.id)>{line}</a>
            <p>{format!("{}: {}", mm.reason_word, e.reason)}</p>
            <p class="meta">
                {e.when.clone()} " · "
                {match e.actor_username.clone() {
                    Some(u) => Either::Left(view! { <a href=format!("/u/{u}")>{e.actor.clone()}</a> }),
                    None => Either::Right(mm.anonymous_complainant),
                }}
                {format!(" · {}", e.area_name)}
                " · " <a href=e.item_url.clone()>{item_label(lang, &e.item_kind, e.item_id, e.target.as_deref())}</a>
                {e.appeal_state.as_deref().map(|s| format!(" · {}", appeal_state(lang, s)))}
            </p>
        </li>
    }
}

/// Editing personal data out of an item, starting from its text as written
/// (the moderator deletes what must go instead of retyping the rest).
#[component]
fn RedactBox(r: crate::model::RedactItem) -> impl IntoView {
    let lang = use_lang();
    let mm = mmsg(lang);
    let form = form_state::<crate::api::Moderate>();
    let key = format!("redact-{}-{}", r.kind, r.id);
    let text = textarea_text(form.value("text", &r.source));
    view! {
        <section class="confirm-box" id="redact" aria-labelledby="redact-h">
            <h2 id="redact-h">{mm.redact}</h2>
            <p><a href=r.url.clone()>{r.title.clone()}</a></p>
            <form method="post" action={post_url::<crate::api::Moderate>()}>
                <AnyError form=form.clone()/>
                <input type="hidden" name="kind" value=r.kind.clone()/>
                <input type="hidden" name="id" value=r.id.to_string()/>
                <input type="hidden" name="back" value="queue"/>
                <input type="hidden" name="action" value="redact"/>
                <label for="redact-text">{mm.redact_text}</label>
                <textarea id="redact-text" name="text" rows="8" maxlength=crate::domain::BODY_MAX autofocus=true
                    aria-describedby="redact-text-hint">{text}</textarea>
                <p class="hint" id="redact-text-hint">{mm.redact_hint}</p>
                <ReasonField key form=form.clone() open=true/>
                <div class="buttons">
                    <button type="submit" class="primary">{mm.redact}</button>
                    <a href="/moderation">{crate::i18n::proposals::pmsg(lang).cancel}</a>
                </div>
            </form>
        </section>
    }
}

#[component]
pub fn ModQueuePage() -> impl IntoView {
    let lang = use_lang();
    let mm = mmsg(lang);
    let m = msg(lang);
    let session = use_session();
    let query = use_query_map();
    let data = Resource::new_blocking(move || query.read().get("redact").unwrap_or_default(), get_queue);
    // Back from an action taken here: what was done, where the eye lands.
    let done = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("done")
        .map(|code| crate::i18n::moderation::action_name(lang, &code))
        .filter(|name| !name.is_empty());
    view! {
        <Title text=format!("{} · Rembuk", mm.queue_title)/>
        <h1 id="queue">{mm.queue_title}</h1>
        {done.map(|name| view! {
            <p class="notice" role="status" tabindex="-1" autofocus=true>{format!("{}: {name}.", mm.done_word)}</p>
        })}
        <p class="lead">{mm.queue_intro} " " <a href="/moderation/log">{mm.nav_log}</a></p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                match data.await {
                    Ok(p) => Either::Left(view! {
                        {p.redact.map(|r| view! { <RedactBox r/> })}
                        {if p.entries.is_empty() {
                            Either::Left(view! { <p class="empty">{mm.queue_empty}</p> })
                        } else {
                            Either::Right(view! {
                                <ol class="queue">
                                    {p.entries.into_iter().map(|q| {
                                        let reasons = q.reasons.iter()
                                            .map(|(r, n)| format!("{} ×{n}", reason_name(lang, r)))
                                            .collect::<Vec<_>>().join(", ");
                                        let kind: &'static str = match q.kind.as_str() {
                                            "proposal" => "proposal",
                                            "complaint" => "complaint",
                                            _ => "post",
                                        };
                                        view! {
                                            <li class="queue-entry">
                                                <p>
                                                    <strong>{format!("{} {}", q.count, mm.flags_word)}</strong>
                                                    {format!(" · {reasons} · ")}
                                                    <a href=q.url.clone()>{item_label(lang, &q.kind, q.item_id, None)}</a>
                                                    {q.hidden.then(|| view! { " " <span class="tag">{mm.hidden_tag}</span> })}
                                                    {q.official.then(|| view! { " " <span class="tag">{mm.official_tag}</span> })}
                                                </p>
                                                <p class="meta">{format!("{} · {} {} · {} {}", q.area_name, mm.by_author, q.author.as_deref().unwrap_or(mm.anonymous_complainant), mm.first_flag, q.first_flag)}</p>
                                                <blockquote class="quote"><p><strong>{q.title.clone()}</strong></p><p>{q.excerpt.clone()}</p></blockquote>
                                                <crate::components::photos::Photos photos=q.photos.clone()/>
                                                {(!q.notes.is_empty()).then(|| view! {
                                                    <ul class="plain notes">{q.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                                                })}
                                                <ItemTools kind id=q.item_id hidden=q.hidden official=q.official from_queue=true/>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ol>
                            })
                        }}
                        <h2>{mm.appeals_heading}</h2>
                        {if p.appeals.is_empty() {
                            Either::Left(view! { <p class="empty">{mm.no_appeals}</p> })
                        } else {
                            Either::Right(view! {
                                <ul class="log">{p.appeals.into_iter().map(|e| view! { <EntryItem e/> }).collect_view()}</ul>
                            })
                        }}
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ModLogPage() -> impl IntoView {
    let lang = use_lang();
    let mm = mmsg(lang);
    let m = msg(lang);
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (
                q.get("area").unwrap_or_default(),
                q.get("moderator").unwrap_or_default(),
                q.get("before").unwrap_or_default(),
            )
        },
        |(area, moderator, before)| get_mod_log(area, moderator, before),
    );
    view! {
        <Title text=format!("{} · Rembuk", mm.log_title)/>
        <h1>{mm.log_title}</h1>
        <p class="lead">{mm.log_intro}</p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => Either::Left({
                        let area = p.area_id.map(|a| a.to_string()).unwrap_or_default();
                        let older = p.next.map(|n| {
                            let mut url = format!("/moderation/log?before={n}");
                            if !area.is_empty() {
                                url.push_str(&format!("&area={area}"));
                            }
                            if !p.moderator.is_empty() {
                                url.push_str(&format!("&moderator={}", crate::components::status::urlencode(&p.moderator)));
                            }
                            url
                        });
                        view! {
                            <form method="get" action="/moderation/log" class="filters">
                                <crate::components::filters::AreaFilter choice=p.area_choice.clone()/>
                                <label for="log-moderator">{mm.moderator_label}</label>
                                <input id="log-moderator" type="text" name="moderator" value=p.moderator.clone() maxlength="64"/>
                                <button type="submit">{mm.filter}</button>
                            </form>
                            {if p.entries.is_empty() {
                                Either::Left(view! { <p class="empty">{mm.log_empty}</p> })
                            } else {
                                Either::Right(view! {
                                    <ul class="log">{p.entries.into_iter().map(|e| view! { <EntryItem e/> }).collect_view()}</ul>
                                })
                            }}
                            {older.map(|u| view! {
                                <nav class="pager" aria-label=m.more_pages><a href=u rel="next">{mm.older}</a></nav>
                            })}
                        }
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ModEntryPage() -> impl IntoView {
    let lang = use_lang();
    let mm = mmsg(lang);
    let m = msg(lang);
    let params = use_params_map();
    let session = use_session();
    let data = Resource::new_blocking(move || params.read().get("id").unwrap_or_default(), get_mod_entry);
    view! {
        <Title text=format!("{} · Rembuk", mm.entry_title)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                let appeal_form = form_state::<crate::api::Appeal>();
                let decide_form = form_state::<crate::api::DecideAppeal>();
                match data.await {
                    Ok(p) => Either::Left({
                        let id = p.entry.id;
                        let line = entry_line(lang, &p.entry);
                        view! {
                            <nav aria-label=m.breadcrumbs class="crumbs">
                                <ol>
                                    <li><a href="/moderation/log">{mm.log_title}</a></li>
                                    <li aria-current="page">{format!("#{id}")}</li>
                                </ol>
                            </nav>
                            <h1>{line}</h1>
                            <ul class="log"><EntryItem e=p.entry.clone()/></ul>
                            {(!p.related.is_empty()).then(|| view! {
                                <ul class="log">{p.related.into_iter().map(|e| view! { <EntryItem e/> }).collect_view()}</ul>
                            })}
                            {p.original.map(|o| view! {
                                <section class="danger">
                                    <h2>{mm.original_heading}</h2>
                                    <p class="hint">{mm.original_note}</p>
                                    <pre class="source">{o}</pre>
                                </section>
                            })}
                            {p.can_appeal.then(|| view! {
                                <section aria-labelledby="appeal-h">
                                    <h2 id="appeal-h">{mm.appeal_heading}</h2>
                                    <p class="hint">{mm.appeal_once}</p>
                                    <form method="post" action={post_url::<crate::api::Appeal>()} class="narrow">
                                        <AnyError form=appeal_form.clone()/>
                                        <input type="hidden" name="id" value=id.to_string()/>
                                        <label for="appeal-reason">{mm.appeal_reason}</label>
                                        <textarea id="appeal-reason" name="reason" rows="4" maxlength="500" required=true>
                                            {textarea_text(appeal_form.value("reason", ""))}
                                        </textarea>
                                        <button type="submit" class="primary">{mm.appeal_send}</button>
                                    </form>
                                </section>
                            })}
                            {p.can_decide.then(|| view! {
                                <section aria-labelledby="decide-h">
                                    <h2 id="decide-h">{mm.decide_heading}</h2>
                                    <form method="post" action={post_url::<crate::api::DecideAppeal>()} class="narrow">
                                        <AnyError form=decide_form.clone()/>
                                        <input type="hidden" name="id" value=id.to_string()/>
                                        <ReasonField key="decide".into() form=decide_form.clone() open=true/>
                                        <div class="buttons">
                                            <button type="submit" name="outcome" value="upheld">{mm.uphold}</button>
                                            <button type="submit" name="outcome" value="reversed">{mm.reverse}</button>
                                        </div>
                                    </form>
                                </section>
                            })}
                        }
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}
