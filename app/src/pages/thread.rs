//! A thread: its opening post, a page of replies, and the reply form.
use super::forum::with_param;
use crate::api::{get_thread, Reply};
use crate::app::Session;
use crate::components::form::post_url;
use crate::components::form::{form_state, FormError, PreviewBox, TextArea};
use crate::components::{status::urlencode, status::ErrorView, use_lang};
use crate::domain::BODY_MAX;
use crate::i18n::{msg, number};
use crate::model::{PostView, QuoteRef, Suspension, ThreadPage as Page};
use crate::pages::moderation::{suspension_text, FlagForm, HiddenNotice, ItemTools, ThreadTools};
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
    let session = expect_context::<Session>();
    let data: Resource<Result<Page, crate::error::AppError>, WithoutBodies> = Resource::new_with_options(
        move || {
            let q = query.read();
            (
                params.read().get("id").unwrap_or_default(),
                q.get("after").unwrap_or_default(),
                q.get("reply_to").unwrap_or_default(),
                q.get("area_id").unwrap_or_default(),
                (),
            )
        },
        |(id, after, reply_to, move_to, _)| get_thread(id, after, reply_to, move_to),
        true,
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

/// How a page's data travels inside the page for hydration: as JSON, but
/// without the HTML bodies (posts, proposals, responses). The page carries
/// each body once, in the markup; hydration leaves an `inner_html` that the
/// server rendered as it is, and any later fetch (another page, after
/// signing in) comes over HTTP with the bodies. This halves the thread page
/// on the wire.
pub struct WithoutBodies;

/// Page data whose HTML bodies can be left out of the hydration data.
pub trait Bodies: Clone + serde::Serialize {
    fn strip_bodies(&mut self);
}

impl Bodies for Page {
    fn strip_bodies(&mut self) {
        self.opening.html.clear();
        for p in &mut self.replies {
            p.html.clear();
        }
    }
}

impl<T: Bodies> leptos::server::codee::Encoder<Result<T, crate::error::AppError>> for WithoutBodies {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &Result<T, crate::error::AppError>) -> Result<String, serde_json::Error> {
        match val {
            Ok(page) => {
                let mut page = page.clone();
                page.strip_bodies();
                serde_json::to_string(&Ok::<T, crate::error::AppError>(page))
            }
            Err(_) => serde_json::to_string(val),
        }
    }
}

impl<T: serde::de::DeserializeOwned> leptos::server::codee::Decoder<Result<T, crate::error::AppError>>
    for WithoutBodies
{
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<Result<T, crate::error::AppError>, serde_json::Error> {
        serde_json::from_str(val)
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
        <p class="lead">
            <span class="tag">{t.category.clone()}</span>
            {format!(" · {replies} · ")}
            <a class="feed" href=format!("/t/{id}/feed.atom")>{m.atom_feed}</a>
        </p>
        {t.pinned.then(|| view! { <p class="notice">{crate::i18n::moderation::mmsg(lang).pinned_badge}</p> })}
        {(moderator && !t.opening.mine && !t.deleted).then(|| view! {
            <ThreadTools id locked=t.locked pinned=t.pinned movable=t.proposal_id.is_none() category_id=t.category_id area_choice=t.area_choice.clone() categories=t.categories.clone()/>
        })}
        <Post p=t.opening thread=id after=0 moderator can_reply flaggable=t.proposal_id.is_none()/>
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

#[component]
pub(crate) fn Post(
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
    let reply_href = with_param(
        &format!("/t/{thread}"),
        &[
            ("after", if after > 0 { after.to_string() } else { String::new() }),
            ("reply_to", p.id.to_string()),
        ],
    ) + "#reply";
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
                Either::Right(Either::Right(view! { <div class="post-body" inner_html=p.html></div> }))
            }}
            <footer>
                {(can_reply && !p.deleted && p.hidden.is_none()).then(|| view! {
                    <a href=reply_href aria-label=format!("{} {}", m.reply_to_label, p.author)>{m.reply_button}</a>
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
fn Quote(q: QuoteRef) -> impl IntoView {
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
pub(crate) fn ReplyForm(
    thread: i64,
    after: i64,
    reply_to: Option<QuoteRef>,
    reply_to_id: Option<i64>,
) -> impl IntoView {
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
            <form method="post" action={post_url::<crate::api::Reply>()}>
                <FormError form=form.clone()/>
                <input type="hidden" name="thread_id" value=thread.to_string()/>
                <input type="hidden" name="parent_id" value=parent/>
                <TextArea form=form.clone() name="body" label=m.your_reply hint=body_hint(lang) maxlength=BODY_MAX rows=6/>
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
    format!("{} {}", msg(lang).markdown_hint, number(lang, BODY_MAX as i64))
}
