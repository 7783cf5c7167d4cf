//! A post (a thread's opening or a reply, a proposal's discussion) and the
//! reply form.
use crate::components::filters::with_param;
use crate::components::form::{form_state, post_url, FormError, PreviewBox, TextArea};
use crate::components::moderation::{FlagForm, HiddenNotice, ItemTools};
use crate::components::use_lang;
use crate::domain::BODY_MAX;
use crate::i18n::{msg, number};
use crate::model::{PostView, QuoteRef};
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn Post(
    p: PostView,
    thread: i64,
    after: i64,
    moderator: bool,
    can_reply: bool,
    /// False for a proposal's opening post, which is flagged as the proposal.
    #[prop(default = true)]
    flaggable: bool,
) -> impl IntoView {
    let m = msg(use_lang());
    let anchor = format!("r{}", p.seq);
    // Most readers are offered no reply link: its address is made only
    // for those who are.
    let reply = can_reply && !p.deleted && p.hidden.is_none();
    let reply_href = move |id: i64| {
        with_param(
            &format!("/t/{thread}"),
            &[
                ("after", if after > 0 { after.to_string() } else { String::new() }),
                ("reply_to", id.to_string()),
            ],
        ) + "#reply"
    };
    let history = moderator && (p.edited || p.deleted);
    view! {
        <article class="post" class:officer=p.agency.is_some() id=anchor>
            <header>
                <a class="author" href=format!("/u/{}", p.author_username)>{p.author.clone()}</a>
                {p.agency.clone().map(|a| view! { <span class="badge">{format!("{} · {a}", m.officer_badge)}</span> })}
                <span class="meta">
                    <a href=format!("#r{}", p.seq)>{p.when.clone()}</a>
                    {p.edited.then(|| view! { " · " <span class="edited">{m.edited_marker}</span> })}
                </span>
            </header>
            {p.parent.map(|q| view! { <Quote q/> })}
            {p.hidden.clone().map(|reason| view! { <HiddenNotice reason shown=!p.withheld/> })}
            {if p.deleted {
                Either::Left(view! { <p class="placeholder">{m.post_deleted}</p> })
            } else if p.withheld {
                Either::Right(Either::Left(()))
            } else {
                Either::Right(Either::Right(view! {
                    <div class="post-body" inner_html=p.html></div>
                    <crate::components::photos::Photos photos=p.photos/>
                }))
            }}
            <footer>
                {reply.then(|| view! {
                    <a href=reply_href(p.id) aria-label=format!("{} {}", m.reply_to_label, p.author)>{m.reply_button}</a>
                })}
                {p.mine.then(|| view! { <a href=format!("/p/{}/edit", p.id)>{m.edit_button}</a> })}
                {history.then(|| view! { <a href=format!("/p/{}/revisions", p.id)>{m.history_link}</a> })}
            </footer>
            {(flaggable && can_reply && !p.mine && !p.deleted && p.hidden.is_none()).then(|| view! { <FlagForm kind="post" id=p.id/> })}
            {(flaggable && moderator && !p.mine && !p.deleted).then(|| view! {
                <ItemTools kind="post" id=p.id hidden=p.hidden.is_some() official=p.official/>
            })}
        </article>
    }
}

/// The post a reply answers, as a link to it.
#[component]
pub fn Quote(q: QuoteRef) -> impl IntoView {
    let m = msg(use_lang());
    let text = if q.excerpt.is_empty() {
        m.post_deleted.to_owned()
    } else {
        q.excerpt
    };
    view! {
        <blockquote class="quote">
            <a href=q.url>{format!("{} {} #{}", m.in_reply_to, q.author, q.seq)}</a>
            <p>{text}</p>
        </blockquote>
    }
}

#[component]
pub fn ReplyForm(thread: i64, after: i64, reply_to: Option<QuoteRef>, reply_to_id: Option<i64>) -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let form = form_state::<crate::api::Reply>();
    let cancel = if after > 0 {
        format!("/t/{thread}?after={after}#reply")
    } else {
        format!("/t/{thread}#reply")
    };
    // After a failed no-JS post the answered post comes back from the flash.
    let parent = form.value("parent_id", &reply_to_id.map(|i| i.to_string()).unwrap_or_default());
    view! {
        <section class="reply" id="reply" aria-labelledby="reply-h">
            <h2 id="reply-h">{m.reply_heading}</h2>
            {reply_to.map(|q| view! {
                <div class="replying-to">
                    <Quote q/>
                    <a href=cancel>{m.cancel_quote}</a>
                </div>
            })}
            <PreviewBox form=form.clone()/>
            <form method="post" action={post_url::<crate::api::Reply>()} enctype="multipart/form-data">
                <FormError form=form.clone()/>
                <input type="hidden" name="thread_id" value=thread.to_string()/>
                <input type="hidden" name="parent_id" value=parent/>
                <TextArea form=form.clone() name="body" label=m.your_reply hint=body_hint(lang) maxlength=BODY_MAX rows=6/>
                <crate::components::photos::PhotoField form=form.clone()/>
                <div class="buttons">
                    <button type="submit" name="preview" value="1">{m.preview_button}</button>
                    <button type="submit" class="primary">{m.send_reply}</button>
                </div>
            </form>
        </section>
    }
}

/// The limits of a post body, stated in the form.
pub fn body_hint(lang: crate::model::Lang) -> String {
    let unit = if lang == crate::model::Lang::Id {
        "karakter"
    } else {
        "characters"
    };
    format!("{} {} {unit}.", msg(lang).markdown_hint, number(lang, BODY_MAX as i64))
}
