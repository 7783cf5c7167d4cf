//! Moderation in the open: the flag form, moderators' tools on posts,
//! threads, proposals, complaints and accounts, the queue, the public log
//! and one log entry with its appeal.
use crate::api::{get_mod_entry, get_mod_log, get_queue};
use crate::app::Session;
use crate::components::form::post_url;
use crate::components::form::{form_state, textarea_text, FormState};
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::moderation::{action_name, item_label, mmsg, reason_name};
use crate::i18n::{error_message, msg};
use crate::model::{AccountModeration, Category, LogEntry};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::domain::moderation::REASONS;

/// This instance's form came back from a no-JS post (its `key` field
/// matches), so it opens with the error in view.
fn came_back(form: &FormState, key: &str, value: &str) -> bool {
    form.flash.as_ref().and_then(|f| f.field(key)).as_deref() == Some(value)
}

/// The error of the last submission of a form shared by several items on a
/// page (any field's, in words).
#[component]
fn AnyError(form: FormState) -> impl IntoView {
    let lang = use_lang();
    let error = move || {
        form.error
            .get()
            .filter(|e| !matches!(e, crate::error::AppError::Preview { .. }))
    };
    view! {
        <Show when=move || error().is_some()>
            <p class="form-error" role="alert">{move || error().map(|e| error_message(lang, &e))}</p>
        </Show>
    }
}

/// "Flag" under a post, proposal or complaint: a reason and a note.
#[component]
pub fn FlagForm(kind: &'static str, id: i64) -> impl IntoView {
    let lang = use_lang();
    let mm = mmsg(lang);
    let form = form_state::<crate::api::Flag>();
    let key = format!("{kind}-{id}");
    let open = came_back(&form, "id", &id.to_string()) && came_back(&form, "kind", kind);
    let chosen = if open { form.value("reason", "") } else { String::new() };
    if use_query_map().read_untracked().get("flagged").as_deref() == Some(key.as_str()) {
        return Either::Left(view! { <p class="notice" role="status">{mm.flag_thanks}</p> });
    }
    Either::Right(view! {
        <details class="flag" open=open>
            <summary>{mm.flag_summary}</summary>
            <form method="post" action={post_url::<crate::api::Flag>()}>
                <AnyError form=form.clone()/>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id.to_string()/>
                <fieldset>
                    <legend>{mm.flag_reason}</legend>
                    {REASONS.into_iter().map(|r| {
                        let rid = format!("flag-{key}-{r}");
                        let for_id = rid.clone();
                        let checked = chosen == r;
                        view! {
                            <label for=for_id class="choice">
                                <input type="radio" id=rid name="reason" value=r required=true checked=checked/>
                                {reason_name(lang, r)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <label for=format!("flag-{key}-note")>{mm.flag_note}</label>
                <textarea id=format!("flag-{key}-note") name="note" rows="2" maxlength="500"
                    aria-describedby=format!("flag-{key}-hint")>{textarea_text(if open { form.value("note", "") } else { String::new() })}</textarea>
                <p class="hint" id=format!("flag-{key}-hint")>{mm.flag_note_hint}</p>
                <button type="submit">{mm.flag_send}</button>
            </form>
        </details>
    })
}

/// The reason field of a moderator's form, with an id unique on the page.
#[component]
fn ReasonField(key: String, form: FormState, open: bool) -> impl IntoView {
    let mm = mmsg(use_lang());
    let id = format!("mod-{key}-reason");
    let hint = format!("mod-{key}-reason-hint");
    view! {
        <label for=id.clone()>{mm.mod_reason}</label>
        <input id=id type="text" name="reason" maxlength="500" required=true aria-describedby=hint.clone()
            value=if open { form.value("reason", "") } else { String::new() }/>
        <p class="hint" id=hint>{mm.mod_reason_hint}</p>
    }
}

/// Hide or show again, edit out personal data, or dismiss the flags of a
/// post, proposal or complaint.
#[component]
pub fn ItemTools(kind: &'static str, id: i64, hidden: bool, official: bool) -> impl IntoView {
    let lang = use_lang();
    let mm = mmsg(lang);
    let form = form_state::<crate::api::Moderate>();
    let key = format!("{kind}-{id}");
    let open = came_back(&form, "id", &id.to_string()) && came_back(&form, "kind", kind);
    view! {
        <details class="mod-tools" open=open>
            <summary>{mm.tools}</summary>
            <form method="post" action={post_url::<crate::api::Moderate>()}>
                <AnyError form=form.clone()/>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id.to_string()/>
                <ReasonField key=key.clone() form=form.clone() open/>
                <div class="buttons">
                    {if hidden {
                        Either::Left(view! { <button type="submit" name="action" value="restore">{mm.restore}</button> })
                    } else {
                        Either::Right((!official).then(|| view! {
                            <button type="submit" name="action" value="hide">{mm.hide}</button>
                        }))
                    }}
                    <button type="submit" name="action" value="dismiss">{mm.dismiss}</button>
                </div>
                <label for=format!("mod-{key}-text")>{mm.redact_text}</label>
                <textarea id=format!("mod-{key}-text") name="text" rows="4" maxlength=crate::domain::BODY_MAX
                    aria-describedby=format!("mod-{key}-text-hint")>{textarea_text(if open { form.value("text", "") } else { String::new() })}</textarea>
                <p class="hint" id=format!("mod-{key}-text-hint")>{mm.redact_hint}</p>
                <button type="submit" name="action" value="redact">{mm.redact}</button>
            </form>
        </details>
    }
}

/// Merge a duplicate proposal into another.
#[component]
pub fn MergeTool(id: i64) -> impl IntoView {
    let mm = mmsg(use_lang());
    let form = form_state::<crate::api::Moderate>();
    let open = came_back(&form, "action", "merge");
    view! {
        <details class="mod-tools" open=open>
            <summary>{mm.merge_into}</summary>
            <form method="post" action={post_url::<crate::api::Moderate>()}>
                <AnyError form=form.clone()/>
                <input type="hidden" name="kind" value="proposal"/>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="action" value="merge"/>
                <label for="mod-merge-into">{mm.merge_into}</label>
                <input id="mod-merge-into" type="number" name="into" min="1" required=true inputmode="numeric"
                    value=if open { form.value("into", "") } else { String::new() }/>
                <p class="hint">{mm.merge_hint}</p>
                <ReasonField key="merge".into() form=form.clone() open/>
                <button type="submit">{mm.merge_into}</button>
            </form>
        </details>
    }
}

/// Lock, pin and move a thread.
#[component]
pub fn ThreadTools(
    id: i64,
    locked: bool,
    pinned: bool,
    movable: bool,
    category_id: i64,
    area_choice: Option<crate::model::AreaChoice>,
    categories: Vec<Category>,
) -> impl IntoView {
    let lang = use_lang();
    let mm = mmsg(lang);
    let m = msg(lang);
    let form = form_state::<crate::api::Moderate>();
    let open = came_back(&form, "kind", "thread");
    view! {
        <details class="mod-tools" open=open>
            <summary>{format!("{} · {}", mm.tools, m.thread_title)}</summary>
            <form method="post" action={post_url::<crate::api::Moderate>()}>
                <AnyError form=form.clone()/>
                <input type="hidden" name="kind" value="thread"/>
                <input type="hidden" name="id" value=id.to_string()/>
                <ReasonField key=format!("thread-{id}") form=form.clone() open/>
                <div class="buttons">
                    <button type="submit" name="action" value=if locked { "unlock" } else { "lock" }>
                        {if locked { mm.unlock } else { mm.lock }}
                    </button>
                    <button type="submit" name="action" value=if pinned { "unpin" } else { "pin" }>
                        {if pinned { mm.unpin } else { mm.pin }}
                    </button>
                </div>
                {movable.then(|| view! {
                    <crate::components::area_picker::AreaPicker name="area_id" label=m.area choice=area_choice required=true/>
                    <label for="mod-move-category">{m.category}</label>
                    <select id="mod-move-category" name="category_id">
                        {categories.into_iter().map(|c| view! {
                            <option value=c.id.to_string() selected=c.id == category_id>{c.name}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" name="action" value="move">{mm.move_to}</button>
                })}
            </form>
        </details>
    }
}

/// The notice on a hidden item: the reason, and for its author a way to
/// the log entry (and the appeal).
#[component]
pub fn HiddenNotice(reason: String, shown: bool) -> impl IntoView {
    let mm = mmsg(use_lang());
    view! {
        <p class="notice hidden-notice">
            {if shown { mm.hidden_own } else { mm.hidden_public }}
            " " {format!("{}: {reason}", mm.reason_word)}
            " " <a href="/moderation/log">{mm.nav_log}</a>
        </p>
    }
}

/// On the page of a suspended person, and in the header of their own pages.
pub use crate::components::suspension::suspension_text;

/// Suspend, ban or lift, on a profile.
#[component]
pub fn AccountTools(username: String, state: AccountModeration) -> impl IntoView {
    let lang = use_lang();
    let mm = mmsg(lang);
    let form = form_state::<crate::api::Suspend>();
    let open = form.flash.is_some();
    let lift = state.suspension.is_some() && (!state.banned || state.can_lift_ban);
    view! {
        <section class="mod-tools" aria-labelledby="account-mod-h">
            <h2 id="account-mod-h">{mm.account_heading}</h2>
            <form method="post" action={post_url::<crate::api::Suspend>()} class="narrow">
                <AnyError form=form.clone()/>
                <input type="hidden" name="username" value=username/>
                <ReasonField key="account".into() form=form.clone() open/>
                <label for="mod-days">{mm.suspend_days}</label>
                <input id="mod-days" type="number" name="days" min="1" max="365" inputmode="numeric"
                    value=if open { form.value("days", "7") } else { "7".to_owned() }/>
                <div class="buttons">
                    {(!state.banned).then(|| view! {
                        <button type="submit" name="action" value="suspend">{mm.suspend}</button>
                        <button type="submit" name="action" value="ban" class="danger">{mm.ban}</button>
                    })}
                    {lift.then(|| view! { <button type="submit" name="action" value="lift">{mm.lift}</button> })}
                </div>
            </form>
        </section>
    }
}

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

#[component]
pub fn ModQueuePage() -> impl IntoView {
    let lang = use_lang();
    let mm = mmsg(lang);
    let m = msg(lang);
    let session = expect_context::<Session>();
    let data = Resource::new_blocking(|| (), |_| get_queue());
    view! {
        <Title text=format!("{} · Rembuk", mm.queue_title)/>
        <h1>{mm.queue_title}</h1>
        <p class="lead">{mm.queue_intro} " " <a href="/moderation/log">{mm.nav_log}</a></p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                match data.await {
                    Ok(p) => Either::Left(view! {
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
                                                {(!q.notes.is_empty()).then(|| view! {
                                                    <ul class="plain notes">{q.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                                                })}
                                                <ItemTools kind id=q.item_id hidden=q.hidden official=q.official/>
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
    let session = expect_context::<Session>();
    let data = Resource::new_blocking(
        move || (params.read().get("id").unwrap_or_default(), ()),
        |(id, _)| get_mod_entry(id),
    );
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
