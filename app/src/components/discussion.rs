//! The discussion of a proposal or an usulan on its own page.
use crate::components::post::{Post, ReplyForm};
use crate::components::{status::urlencode, use_lang};
use crate::i18n::proposals::pmsg;
use crate::i18n::{msg, number};
use crate::model::Discussion;
use leptos::either::Either;
use leptos::prelude::*;

/// An item's discussion (a proposal's or an usulan's, on the item's page
/// `here`): its first replies and the reply form; the thread page holds the
/// rest. `reply`: show the reply form (not beside an officer's answer form,
/// which has its own text box; they reply on the thread page).
#[component]
pub fn DiscussionView(d: Discussion, reply: bool, signed_in: bool, writer: bool, here: String) -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let thread = d.thread_id;
    let moderator = d.moderator;
    let count = if d.reply_count == 1 {
        m.one_reply.to_owned()
    } else {
        format!("{} {}", number(lang, d.reply_count), m.replies_word)
    };
    let next = urlencode(&format!("{here}#discussion"));
    view! {
        <section class="discussion" id="discussion" aria-labelledby="discussion-h">
            <h2 id="discussion-h">{format!("{} · {count}", p.discussion_heading)}</h2>
            {if d.replies.is_empty() {
                Either::Left(view! { <p class="empty">{m.no_replies}</p> })
            } else {
                Either::Right(view! {
                    <ol class="posts">
                        {d.replies.into_iter().map(|r| view! {
                            <li><Post p=r thread after=0 moderator can_reply=writer/></li>
                        }).collect_view()}
                    </ol>
                })
            }}
            <p><a href=format!("/t/{thread}")>{p.discussion_full}</a></p>
            {if reply {
                Some(Either::Left(view! { <ReplyForm thread after=0 reply_to=None reply_to_id=None/> }))
            } else if !signed_in {
                Some(Either::Right(view! {
                    <p class="notice"><a href=format!("/signin?next={next}")>{m.sign_in_to_reply}</a></p>
                }))
            } else {
                None
            }}
        </section>
    }
}
