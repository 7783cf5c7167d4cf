//! A thread: its opening post, a page of replies, and the reply form.
use crate::api::{get_thread, Reply};
use crate::components::moderation::ThreadTools;
use crate::components::post::{Post, ReplyForm};
use crate::components::session::use_session;
use crate::components::suspension::suspension_text;
use crate::components::{status::urlencode, status::ErrorView, use_lang};
use crate::i18n::{msg, number};
use crate::model::{Suspension, ThreadPage as Page};
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ThreadPage() -> impl IntoView {
    let m = msg(use_lang());
    let params = use_params_map();
    let query = use_query_map();
    let session = use_session();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (
                params.read().get("id").unwrap_or_default(),
                q.get("after").unwrap_or_default(),
                q.get("reply_to").unwrap_or_default(),
                q.get("area_id").unwrap_or_default(),
            )
        },
        |(id, after, reply_to, move_to)| get_thread(id, after, reply_to, move_to),
    );
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let info = session.await.ok();
                // A reply refused for the suspension (a form opened before
                // it, posted without JavaScript) comes back once to its form,
                // with the reason and what was typed.
                let refused = info.as_ref().and_then(|s| s.flash.as_ref()).is_some_and(|f| f.action == Reply::PATH);
                let me = info.and_then(|s| s.me);
                let signed_in = me.is_some();
                let suspension = me.and_then(|me| me.suspension).filter(|_| !refused);
                match data.await {
                    Ok(t) => Either::Left(view! { <Thread t signed_in suspension/> }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Thread(t: Page, signed_in: bool, suspension: Option<Suspension>) -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let id = t.id;
    // A suspended person reads, and is offered nothing to write.
    let can_reply = !t.deleted && !t.locked && signed_in && suspension.is_none();
    let after_link = move |after: i64| {
        if after == 0 {
            format!("/t/{id}")
        } else {
            format!("/t/{id}?after={after}")
        }
    };
    let (prev, next) = (t.prev, t.next);
    let pager = move || {
        (prev.is_some() || next.is_some()).then(|| {
            view! {
                <nav class="pager" aria-label=m.more_pages>
                    {prev.map(|a| view! { <a href=after_link(a) rel="prev">{m.prev_page}</a> })}
                    {next.map(|a| view! { <a href=after_link(a) rel="next">{m.next_page}</a> })}
                </nav>
            }
        })
    };
    let moderator = t.moderator;
    // A proposal's or usulan's discussion: its opening post is the item,
    // flagged and kept where the item is.
    let attached = t.proposal_id.or(t.usulan_id);
    let here_after = t.after;
    let replies = if t.reply_count == 1 {
        m.one_reply.to_owned()
    } else {
        format!("{} {}", number(lang, t.reply_count), m.replies_word)
    };
    view! {
        <Title text=format!("{} · Rembuk", t.title)/>
        <Link rel="alternate" type_="application/atom+xml" href=format!("/t/{id}/feed.atom")/>
        <nav aria-label=m.breadcrumbs class="crumbs">
            <ol>
                <li><a href="/">{m.nav_home}</a></li>
                <li><a href=format!("/area/{}", t.area.id)>{t.area.name.clone()}</a></li>
                <li aria-current="page">{t.title.clone()}</li>
            </ol>
        </nav>
        <h1>{t.title.clone()}</h1>
        {t.proposal_id.map(|pid| view! {
            <p class="notice">
                {crate::i18n::proposals::pmsg(lang).discussion_of} " "
                <a href=format!("/proposals/{pid}")>{t.title.clone()}</a>
            </p>
        })}
        {t.usulan_id.map(|uid| view! {
            <p class="notice">
                {crate::i18n::musrenbang::mmsg(lang).discussion_of} " "
                <a href=format!("/usulan/{uid}")>{t.title.clone()}</a>
            </p>
        })}
        <p class="lead">
            <span class="tag">{t.category.clone()}</span>
            {format!(" · {replies} · ")}
            <a class="feed" href=format!("/t/{id}/feed.atom")>{m.atom_feed}</a>
        </p>
        {t.pinned.then(|| view! { <p class="notice">{crate::i18n::moderation::mmsg(lang).pinned_badge}</p> })}
        {(moderator && !t.opening.mine && !t.deleted).then(|| view! {
            <ThreadTools id locked=t.locked pinned=t.pinned movable=attached.is_none() category_id=t.category_id area_choice=t.area_choice.clone() categories=t.categories.clone()/>
        })}
        <Post p=t.opening thread=id after=0 moderator can_reply flaggable=attached.is_none()/>
        <h2 id="replies-h">{m.replies_heading}</h2>
        {pager()}
        {if t.replies.is_empty() {
            Either::Left(view! { <p class="empty">{m.no_replies}</p> })
        } else {
            Either::Right(view! {
                <ol class="posts" aria-labelledby="replies-h">
                    {t.replies.into_iter().map(|p| view! {
                        <li><Post p thread=id after=here_after moderator can_reply/></li>
                    }).collect_view()}
                </ol>
            })
        }}
        {pager()}
        {if t.deleted || t.locked {
            EitherOf4::A(view! {
                <p class="notice">{if t.deleted { m.thread_closed } else { crate::i18n::moderation::mmsg(lang).locked_notice }}</p>
            })
        } else if let Some(s) = &suspension {
            EitherOf4::B(view! { <p class="notice" id="reply">{suspension_text(lang, s)}</p> })
        } else if signed_in {
            EitherOf4::C(view! { <ReplyForm thread=id after=here_after reply_to=t.reply_to reply_to_id=t.reply_to_id/> })
        } else {
            let next = urlencode(&after_link(here_after));
            EitherOf4::D(view! {
                <p class="notice" id="reply"><a href=format!("/signin?next={next}")>{m.sign_in_to_reply}</a></p>
            })
        }}
    }
}
