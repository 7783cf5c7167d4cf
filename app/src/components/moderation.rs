//! Moderators' and residents' tools on an item: flag it, hide or show it,
//! merge, lock or move a thread, suspend an account, and the notice a hidden
//! item leaves.
use crate::components::form::{form_state, post_url, textarea_text, FormState};
use crate::components::use_lang;
use crate::domain::moderation::REASONS;
use crate::i18n::moderation::{mmsg, reason_name};
use crate::i18n::{error_message, msg};
use crate::model::{AccountModeration, Category};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// This instance's form came back from a no-JS post (its `key` field
/// matches), so it opens with the error in view.
pub fn came_back(form: &FormState, key: &str, value: &str) -> bool {
    form.flash.as_ref().and_then(|f| f.field(key)).as_deref() == Some(value)
}

/// The error of the last submission of a form shared by several items on a
/// page (any field's, in words).
#[component]
pub fn AnyError(form: FormState) -> impl IntoView {
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
        return Either::Left(
            view! { <p class="notice" role="status" tabindex="-1" autofocus=true>{mm.flag_thanks}</p> },
        );
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
pub fn ReasonField(key: String, form: FormState, open: bool) -> impl IntoView {
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
pub fn ItemTools(
    kind: &'static str,
    id: i64,
    hidden: bool,
    official: bool,
    /// Acting from the queue returns to it.
    #[prop(optional)]
    from_queue: bool,
) -> impl IntoView {
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
                {from_queue.then(|| view! { <input type="hidden" name="back" value="queue"/> })}
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
            </form>
            // Starts from the text as written, on a page of its own.
            <p><a class="button" href=format!("/moderation?redact={kind}-{id}")>{mm.redact}</a></p>
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
