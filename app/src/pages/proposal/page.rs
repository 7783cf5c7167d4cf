//! One proposal: its supports, official responses, discussion and decision
//! history.
use super::answer::AnswerForms;
use crate::api::get_proposal;
use crate::components::correction::{CorrectionForm, CorrectionList};
use crate::components::discussion::DiscussionView;
use crate::components::form::post_url;
use crate::components::form::{form_state, FormError};
use crate::components::moderation::{FlagForm, HiddenNotice, ItemTools, MergeTool};
use crate::components::photos::{Photos, PointLinks};
use crate::components::proposal::supports_text;
use crate::components::proposal::RecordList;
use crate::components::session::use_session;
use crate::components::{status::urlencode, status::ErrorView, use_lang};
use crate::i18n::msg;
use crate::i18n::proposals::{more_needed, outside_area, pmsg, rupiah, state_name};
use crate::model::ProposalPage as Page;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ProposalPage() -> impl IntoView {
    let m = msg(use_lang());
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("template").unwrap_or_default(),
            )
        },
        |(id, template)| get_proposal(id, template),
    );
    let session = use_session();
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let me = session.await.ok().and_then(|s| s.me);
                let signed_in = me.is_some();
                let writer = me.as_ref().is_some_and(|me| me.may_write());
                // "Tarik usulan" first asks (a page, so it works without script).
                let withdrawing = query.read_untracked().get("withdraw").is_some();
                let done = query.read_untracked().get("done").unwrap_or_default();
                match data.await {
                    Ok(x) => Either::Left(view! { <Proposal x signed_in writer withdrawing done/> }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Proposal(x: Page, signed_in: bool, writer: bool, withdrawing: bool, done: String) -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let pid = x.id;
    let state = x.state.clone();
    let next = urlencode(&format!("/proposals/{}", x.id));
    let support = match x.supported {
        Some(on) => {
            let form = form_state::<crate::api::Support>();
            Some(view! {
                <form method="post" action={post_url::<crate::api::Support>()} class="inline">
                    <FormError form/>
                    {match done.as_str() {
                        "supported" if on => Some(p.support_saved),
                        "unsupported" if !on => Some(p.support_removed),
                        _ => None,
                    }.map(|text| view! { <p class="notice" role="status" tabindex="-1" autofocus=true>{text}</p> })}
                    <input type="hidden" name="id" value=pid.to_string()/>
                    <input type="hidden" name="support" value=if on { "0" } else { "1" }/>
                    {on.then(|| view! { <p>{p.you_support}</p> })}
                    <button type="submit" class:primary=!on>{if on { p.unsupport } else { p.support }}</button>
                </form>
            })
        }
        None => None,
    };
    let author_actions = x.mine.then(|| {
        let publish = (state == "draft").then(|| {
            let form = form_state::<crate::api::PublishProposal>();
            view! {
                <form method="post" action={post_url::<crate::api::PublishProposal>()} class="inline">
                    <FormError form/>
                    <input type="hidden" name="id" value=pid.to_string()/>
                    <button type="submit" class="primary">{p.publish}</button>
                    " " <a class="button" href=format!("/proposals/{pid}/edit")>{p.edit_draft}</a>
                </form>
            }
        });
        let withdraw = (state == "published").then(|| {
            let form = form_state::<crate::api::WithdrawProposal>();
            let back = format!("/proposals/{pid}");
            if withdrawing || form.error.get_untracked().is_some() {
                Either::Left(view! {
                    <section class="confirm-box" id="withdraw" role="alert" tabindex="-1" autofocus=true aria-labelledby="withdraw-h">
                        <h2 id="withdraw-h">{p.withdraw_heading}</h2>
                        <p>{p.withdraw_text}</p>
                        <form method="post" action={post_url::<crate::api::WithdrawProposal>()} class="inline">
                            <FormError form/>
                            <input type="hidden" name="id" value=pid.to_string()/>
                            <input type="hidden" name="confirm" value="1"/>
                            <button type="submit" class="danger">{p.withdraw_yes}</button>
                            " " <a href=back>{p.cancel}</a>
                        </form>
                    </section>
                })
            } else {
                Either::Right(view! {
                    <a class="button" href=format!("{back}?withdraw=1")>{p.withdraw}</a>
                })
            }
        });
        view! { {publish} {withdraw} }
    });
    let facts = [
        (p.estimated_cost, x.cost.map(|c| rupiah(lang, c))),
        (p.location, (!x.location.is_empty()).then(|| x.location.clone())),
        (p.responsible_agency, x.agency.clone()),
        (p.due, x.due.clone()),
        (p.budget, x.budget.map(|b| rupiah(lang, b))),
        (p.timeline, x.timeline.clone()),
        (p.progress, x.progress.map(|n| format!("{n}%"))),
    ];
    // What an officer may correct: each official response and update.
    let correctable: Vec<(i64, String)> = x
        .responses
        .iter()
        .map(|r| {
            let kind = if r.kind == "progress" {
                p.progress_update
            } else {
                p.official_response
            };
            let label = format!(
                "#{} · {kind} · {} · {}",
                r.record_seq,
                state_name(lang, &r.state),
                r.when
            );
            (r.record_seq, label)
        })
        .collect();
    let correct = (x.can_correct && !correctable.is_empty())
        .then(|| view! { <CorrectionForm entries=correctable fields=&["text", "budget", "timeline"]/> });
    view! {
        <Title text=format!("{} · Rembuk", x.title)/>
        <Link rel="alternate" type_="application/atom+xml" href=format!("/proposals/{pid}/feed.atom")/>
        <nav aria-label=m.breadcrumbs class="crumbs">
            <ol>
                <li><a href="/proposals">{p.nav_proposals}</a></li>
                <li><a href=format!("/area/{}", x.area.id)>{x.area.name.clone()}</a></li>
                <li aria-current="page">{x.title.clone()}</li>
            </ol>
        </nav>
        <h1>{x.title.clone()}</h1>
        <p class="lead">
            <span class="tag">{state_name(lang, &x.state)}</span>
            {format!(" · {} · {} {} · {}", x.category, p.proposed_by, x.author, x.created)}
            {x.overdue.then(|| view! { " " <span class="badge overdue">{p.overdue}</span> })}
        </p>
        {x.escalated.clone().map(|when| view! {
            <p class="notice escalated">{format!("{} ({when})", crate::i18n::notify::nmsg(lang).escalated_first)}</p>
        })}
        {(x.state == "draft").then(|| view! { <p class="notice">{p.draft_notice}</p> })}
        {x.moderation.merged_into.map(|into| view! {
            <p class="notice">
                {crate::i18n::moderation::mmsg(lang).merged_notice} " "
                <a href=format!("/proposals/{into}")>{format!("#{into}")}</a>
            </p>
        })}
        {x.moderation.hidden.clone().map(|reason| view! { <HiddenNotice reason shown=!x.moderation.withheld/> })}
        <div class="post-body" inner_html=x.html.clone()></div>
        <Photos photos=x.photos.clone()/>
        {(writer && !x.mine && x.state != "draft" && x.moderation.hidden.is_none()).then(|| view! {
            <FlagForm kind="proposal" id=pid/>
        })}
        {x.moderation.can_moderate.then(|| view! {
            <ItemTools kind="proposal" id=pid hidden=x.moderation.hidden.is_some() official=false/>
            {x.moderation.merged_into.is_none().then(|| view! { <MergeTool id=pid/> })}
        })}
        <dl class="facts">
            {facts.into_iter().filter_map(|(k, v)| v.map(|v| view! { <dt>{k}</dt><dd>{v}</dd> })).collect_view()}
            {x.point.map(|point| view! { <dt>{crate::i18n::photos::pmsg(lang).point_fact}</dt><dd><PointLinks point/></dd> })}
            {crate::components::proposal::taken_to_musrenbang(&x.usulan)}
        </dl>
        <section class="supports" aria-labelledby="supports-h">
            <h2 id="supports-h">{supports_text(lang, x.support_count, x.threshold)}</h2>
            {(state == "published" && x.due.is_none() && x.support_count < x.threshold).then(|| view! {
                <p class="hint">{more_needed(lang, x.threshold - x.support_count)}</p>
            })}
            {support}
            {x.outside_area.then(|| view! {
                <p class="hint">{outside_area(lang, &x.area.name)} " " <a href="/settings">{p.change_home}</a></p>
            })}
            {(!signed_in && (state == "published" || state == "under_review")).then(|| view! {
                <p><a href=format!("/signin?next={next}")>{p.sign_in_to_support}</a></p>
            })}
            {author_actions}
        </section>
        <section class="responses" aria-labelledby="responses-h">
            <h2 id="responses-h">{p.responses_heading}</h2>
            {if x.responses.is_empty() {
                Either::Left(view! { <p class="empty">{p.no_responses}</p> })
            } else {
                Either::Right(view! {
                    <ol class="posts">
                        {x.responses.into_iter().map(|r| view! {
                            <li>
                                <article class="post officer" id=format!("e{}", r.record_seq)>
                                    <header>
                                        <span class="badge">{if r.kind == "progress" { p.progress_update } else { p.official_response }}</span>
                                        " " <strong>{state_name(lang, &r.state)}</strong>
                                        <span class="meta">{format!(" · {}{} · {}", r.officer, r.agency.map(|a| format!(", {a}")).unwrap_or_default(), r.when)}</span>
                                    </header>
                                    <div class="post-body" inner_html=r.html></div>
                                    <p class="meta">
                                        {r.budget.map(|b| format!("{}: {} · ", p.budget, rupiah(lang, b)))}
                                        {r.timeline.map(|t| format!("{}: {t} · ", p.timeline))}
                                        {r.progress.map(|n| format!("{}: {n}% · ", p.progress))}
                                        <a href=format!("#entry-{}", r.record_seq)>{format!("{} #{}", p.entry, r.record_seq)}</a>
                                    </p>
                                    <CorrectionList items=r.corrections/>
                                </article>
                            </li>
                        }).collect_view()}
                    </ol>
                })
            }}
            {correct}
        </section>
        // An officer answers with the discussion beside the form (wide
        // screens) or just above it (phones).
        <div class:answer-desk=x.can_answer>
            {x.discussion.map(|d| view! { <DiscussionView d reply=writer && !x.can_answer signed_in writer here=format!("/proposals/{pid}")/> })}
            {x.can_answer.then(|| view! {
                <AnswerForms id=x.id state=x.state.clone() templates=x.templates template_body=x.template_body/>
            })}
        </div>
        <crate::components::rating::RatingSection subject="proposal" id=pid rating=x.rating/>
        <section class="record" id="record" aria-labelledby="timeline-h">
            <h2 id="timeline-h">{p.timeline_heading}</h2>
            <p><a class="feed" href=format!("/proposals/{pid}/feed.atom")>{m.atom_feed}</a></p>
            <RecordList items=x.record show_title=false/>
        </section>
    }
}
