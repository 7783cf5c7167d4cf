//! Proposals: the list, the form, one proposal with its supports, official
//! responses and decision history, and the public decision record.
use super::post::CategorySelect;
use super::thread::{body_hint, Bodies, Post, ReplyForm, WithoutBodies};
use crate::api::{get_desk, get_new_proposal, get_proposal, get_proposals, get_record};
use crate::app::{Actions, Session, SessionEpoch};
use crate::components::amount::AmountCheck;
use crate::components::correction::{was_now, CorrectionForm, CorrectionList};
use crate::components::filters::{AreaFilter, CategoryFilter};
use crate::components::form::{form_state, AreaSelect, Field, FormError, PreviewBox, TextArea};
use crate::components::{status::urlencode, status::ErrorView, use_lang};
use crate::domain::{BODY_MAX, TITLE_MAX};
use crate::i18n::proposals::{event_name, pmsg, rupiah, state_name};
use crate::i18n::{msg, number};
use crate::model::{
    AgencyTemplates, Discussion, Lang, ProposalPage as Page, ProposalSummary, RecordItem, TemplateView,
};
use crate::pages::moderation::{FlagForm, HiddenNotice, ItemTools, MergeTool};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

const STATES: [&str; 8] = [
    "published",
    "under_review",
    "accepted",
    "partially_accepted",
    "rejected",
    "in_progress",
    "implemented",
    "withdrawn",
];

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let query = use_query_map();
    let epoch = expect_context::<SessionEpoch>().0;
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).unwrap_or_default();
            (
                get("area"),
                get("category"),
                get("state"),
                get("sort"),
                get("after"),
                epoch.get(),
            )
        },
        |(area, category, state, sort, after, _)| get_proposals(area, category, state, sort, after),
    );
    view! {
        <Title text=format!("{} · Rembuk", p.proposals_title)/>
        <h1>{p.proposals_title}</h1>
        <p class="lead">{p.proposals_intro}</p>
        <p><a class="button primary" href="/proposals/new">{p.new_proposal}</a></p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let next = page.next.clone().map(|cursor| {
                            let mut href = format!("/proposals?sort={}&after={cursor}", page.sort);
                            for (k, v) in [("area", page.area), ("category", page.category)] {
                                if let Some(v) = v {
                                    href.push_str(&format!("&{k}={v}"));
                                }
                            }
                            if !page.state.is_empty() {
                                href.push_str(&format!("&state={}", page.state));
                            }
                            href
                        });
                        let sorts = [("supports", p.sort_supports), ("newest", p.sort_newest), ("awaiting", p.sort_awaiting)];
                        Either::Left(view! {
                            <form method="get" action="/proposals" class="filters">
                                <AreaFilter areas=page.areas selected=page.area/>
                                <CategoryFilter categories=page.categories selected=page.category/>
                                <div class="field">
                                    <label for="filter-state">{p.stage}</label>
                                    <select id="filter-state" name="state">
                                        <option value="">{p.all_states}</option>
                                        {STATES.into_iter().map(|s| view! {
                                            <option value=s selected=page.state == s>{state_name(lang, s)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="filter-sort">{m.sort_by}</label>
                                    <select id="filter-sort" name="sort">
                                        {sorts.into_iter().map(|(s, label)| view! {
                                            <option value=s selected=page.sort == s>{label}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit">{m.apply_filters}</button>
                            </form>
                            {page.area.map(|a| view! {
                                <p><a class="feed" href=format!("/area/{a}/proposals.atom")>{p.proposals_feed}</a></p>
                            })}
                            <ProposalList proposals=page.proposals/>
                            {next.map(|href| view! {
                                <nav class="pager" aria-label=m.more_pages><a href=href rel="next">{m.next_page}</a></nav>
                            })}
                        })
                    }
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

fn supports_text(lang: Lang, count: i64, threshold: i64) -> String {
    let p = pmsg(lang);
    format!(
        "{} {} ({} {})",
        number(lang, count),
        p.supports_word,
        p.of_threshold,
        number(lang, threshold)
    )
}

#[component]
fn ProposalList(proposals: Vec<ProposalSummary>) -> impl IntoView {
    let lang = use_lang();
    let p = pmsg(lang);
    if proposals.is_empty() {
        return Either::Left(view! { <p class="empty">{p.no_proposals}</p> });
    }
    Either::Right(view! {
        <ul class="threads proposals">
            {proposals.into_iter().map(|x| view! {
                <li>
                    <a class="title" href=format!("/proposals/{}", x.id)>{x.title}</a>
                    <span class="meta">
                        <span class="tag">{state_name(lang, &x.state)}</span>
                        " · " <a href=format!("/area/{}", x.area_id)>{x.area_name}</a>
                        {format!(" · {} · {} · {}", x.category, x.author, supports_text(lang, x.support_count, x.threshold))}
                        {x.due.map(|d| view! { {format!(" · {}: {d}", p.due)} })}
                        {x.overdue.then(|| view! { " " <span class="badge overdue">{p.overdue}</span> })}
                    </span>
                </li>
            }).collect_view()}
        </ul>
    })
}

#[component]
pub fn NewProposalPage() -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let actions = expect_context::<Actions>();
    let session = expect_context::<Session>();
    let query = use_query_map();
    let data = Resource::new_blocking(|| (), |_| get_new_proposal());
    view! {
        <Title text=format!("{} · Rembuk", p.new_proposal)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let me = session.await.ok().and_then(|s| s.me);
                let form = form_state(actions.create_proposal);
                let area = query
                    .read_untracked()
                    .get("area")
                    .and_then(|a| a.parse::<i64>().ok())
                    .or(me.map(|me| me.home_area_id));
                match data.await {
                    Ok(d) => Either::Left(view! {
                        <h1>{p.new_proposal}</h1>
                        <PreviewBox form=form.clone()/>
                        <ActionForm action=actions.create_proposal attr:class="narrow">
                            <FormError form=form.clone()/>
                            <Field form=form.clone() name="title" label=p.proposal_title hint=m.title_hint_short maxlength=TITLE_MAX required=true/>
                            <AreaSelect form=form.clone() name="area_id" label=m.area areas=d.areas selected=area.unwrap_or_default() required=true/>
                            <CategorySelect form=form.clone() categories=d.categories/>
                            <TextArea form=form.clone() name="body" label=p.proposal_body hint=body_hint(lang) maxlength=BODY_MAX rows=10/>
                            <Field form=form.clone() name="cost" label=p.cost hint=p.cost_hint maxlength=40/>
                            <AmountCheck form=form.clone() field="cost"/>
                            <Field form=form.clone() name="location" label=p.location hint=p.location_hint maxlength=200/>
                            <div class="buttons">
                                <button type="submit" name="preview" value="1">{m.preview_button}</button>
                                <button type="submit">{p.save_draft}</button>
                                <button type="submit" class="primary" name="publish" value="1">{p.publish_now}</button>
                            </div>
                        </ActionForm>
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let m = msg(use_lang());
    let params = use_params_map();
    let query = use_query_map();
    let epoch = expect_context::<SessionEpoch>().0;
    let data: Resource<Result<Page, crate::error::AppError>, WithoutBodies> = Resource::new_with_options(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("template").unwrap_or_default(),
                epoch.get(),
            )
        },
        |(id, template, _)| get_proposal(id, template),
        true,
    );
    let session = expect_context::<Session>();
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let me = session.await.ok().and_then(|s| s.me);
                let signed_in = me.is_some();
                let writer = me.as_ref().is_some_and(|me| me.may_write());
                match data.await {
                    Ok(x) => Either::Left(view! { <Proposal x signed_in writer/> }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

impl Bodies for Page {
    fn strip_bodies(&mut self) {
        self.html.clear();
        for r in &mut self.responses {
            r.html.clear();
            for c in &mut r.corrections {
                if let Some(h) = &mut c.now_html {
                    h.clear();
                }
            }
        }
        if let Some(d) = &mut self.discussion {
            for p in &mut d.replies {
                p.html.clear();
            }
        }
    }
}

#[component]
fn Proposal(x: Page, signed_in: bool, writer: bool) -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let actions = expect_context::<Actions>();
    let pid = x.id;
    let state = x.state.clone();
    let next = urlencode(&format!("/proposals/{}", x.id));
    let support = match x.supported {
        Some(on) => {
            let form = form_state(actions.support);
            Some(view! {
                <ActionForm action=actions.support attr:class="inline">
                    <FormError form/>
                    <input type="hidden" name="id" value=pid.to_string()/>
                    <input type="hidden" name="support" value=if on { "0" } else { "1" }/>
                    {on.then(|| view! { <p>{p.you_support}</p> })}
                    <button type="submit" class:primary=!on>{if on { p.unsupport } else { p.support }}</button>
                </ActionForm>
            })
        }
        None => None,
    };
    let author_actions = x.mine.then(|| {
        let publish = (state == "draft").then(|| {
            let form = form_state(actions.publish_proposal);
            view! {
                <ActionForm action=actions.publish_proposal attr:class="inline">
                    <FormError form/>
                    <input type="hidden" name="id" value=pid.to_string()/>
                    <button type="submit" class="primary">{p.publish}</button>
                </ActionForm>
            }
        });
        let withdraw = (state == "published").then(|| {
            let form = form_state(actions.withdraw_proposal);
            view! {
                <ActionForm action=actions.withdraw_proposal attr:class="inline">
                    <FormError form/>
                    <input type="hidden" name="id" value=pid.to_string()/>
                    <button type="submit">{p.withdraw}</button>
                </ActionForm>
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
        {(x.state == "draft").then(|| view! { <p class="notice">{p.draft_notice}</p> })}
        {x.moderation.merged_into.map(|into| view! {
            <p class="notice">
                {crate::i18n::moderation::mmsg(lang).merged_notice} " "
                <a href=format!("/proposals/{into}")>{format!("#{into}")}</a>
            </p>
        })}
        {x.moderation.hidden.clone().map(|reason| view! { <HiddenNotice reason shown=!x.moderation.withheld/> })}
        <div class="post-body" inner_html=x.html.clone()></div>
        {(writer && !x.mine && x.state != "draft" && x.moderation.hidden.is_none()).then(|| view! {
            <FlagForm kind="proposal" id=pid/>
        })}
        {x.moderation.can_moderate.then(|| view! {
            <ItemTools kind="proposal" id=pid hidden=x.moderation.hidden.is_some() official=false/>
            {x.moderation.merged_into.is_none().then(|| view! { <MergeTool id=pid/> })}
        })}
        <dl class="facts">
            {facts.into_iter().filter_map(|(k, v)| v.map(|v| view! { <dt>{k}</dt><dd>{v}</dd> })).collect_view()}
        </dl>
        <section class="supports" aria-labelledby="supports-h">
            <h2 id="supports-h">{supports_text(lang, x.support_count, x.threshold)}</h2>
            {support}
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
            {x.discussion.map(|d| view! { <DiscussionView d reply=writer && !x.can_answer signed_in writer pid/> })}
            {x.can_answer.then(|| view! {
                <AnswerForms id=x.id state=x.state.clone() templates=x.templates template_body=x.template_body/>
            })}
        </div>
        <super::complaint::RatingSection subject="proposal" id=pid rating=x.rating/>
        <section class="record" id="record" aria-labelledby="timeline-h">
            <h2 id="timeline-h">{p.timeline_heading}</h2>
            <p><a class="feed" href=format!("/proposals/{pid}/feed.atom")>{m.atom_feed}</a></p>
            <RecordList items=x.record show_title=false/>
        </section>
    }
}

/// A proposal's discussion: its first replies and the reply form; the
/// thread page holds the rest. `reply`: show the reply form (not beside an
/// officer's answer form, which has its own text box; they reply on the
/// thread page).
#[component]
fn DiscussionView(d: Discussion, reply: bool, signed_in: bool, writer: bool, pid: i64) -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let thread = d.thread_id;
    let moderator = d.moderator;
    let count = if d.reply_count == 1 {
        m.one_reply.to_owned()
    } else {
        format!("{} {}", number(lang, d.reply_count), m.replies_word)
    };
    let next = urlencode(&format!("/proposals/{pid}#discussion"));
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

/// An officer's forms: the official response while a decision is open, then
/// progress updates.
#[component]
fn AnswerForms(id: i64, state: String, templates: Vec<TemplateView>, template_body: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let actions = expect_context::<Actions>();
    let form = form_state(actions.answer);
    let (kind, heading, button, choices): (&str, &str, &str, &[&str]) = match state.as_str() {
        "published" | "under_review" => (
            "response",
            p.answer_heading,
            p.publish_response,
            &["under_review", "accepted", "partially_accepted", "rejected"],
        ),
        "accepted" | "partially_accepted" | "in_progress" => (
            "progress",
            p.progress_heading,
            p.publish_progress,
            &["in_progress", "implemented"],
        ),
        _ => return None,
    };
    let choices: Vec<&str> = choices.iter().copied().filter(|c| *c != state).collect();
    // Picking a template reloads the page with its text in the form: a GET
    // form, so it works without JavaScript.
    let picker = (!templates.is_empty()).then(|| view! {
        <form method="get" action=format!("/proposals/{id}") class="filters">
            <div class="field">
                <label for="f-template">{p.templates_heading}</label>
                <select id="f-template" name="template">
                    {templates.into_iter().map(|t| view! { <option value=t.id.to_string()>{t.title}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit">{p.use_template}</button>
        </form>
    });
    Some(view! {
        <section class="reply" id="answer" aria-labelledby="answer-h">
            <h2 id="answer-h">{heading}</h2>
            {picker}
            <PreviewBox form=form.clone()/>
            <ActionForm action=actions.answer>
                <FormError form=form.clone()/>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="kind" value=kind/>
                <div class="field">
                    <label for="f-to">{p.decision}</label>
                    <select id="f-to" name="to" required=true>
                        // A form refused without JavaScript (a preview, the
                        // amount to confirm) comes back with its decision: the
                        // first option would publish another one.
                        {choices.into_iter().map(|c| {
                            let chosen = form.value("to", "") == c;
                            view! { <option value=c selected=chosen>{state_name(lang, c)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <TextArea form=form.clone() name="body" label=p.response_text hint=body_hint(lang) maxlength=BODY_MAX rows=6 value=template_body.unwrap_or_default()/>
                <Field form=form.clone() name="budget" label=p.budget hint=p.cost_hint maxlength=40/>
                <AmountCheck form=form.clone() field="budget"/>
                <Field form=form.clone() name="timeline" label=p.timeline maxlength=200/>
                {(kind == "progress").then(|| view! {
                    <Field form=form.clone() name="progress" label=p.progress kind="number" maxlength=3/>
                })}
                <div class="buttons">
                    <button type="submit" name="preview" value="1">{m.preview_button}</button>
                    <button type="submit" class="primary">{button}</button>
                </div>
            </ActionForm>
        </section>
    })
}

#[component]
fn RecordList(items: Vec<RecordItem>, show_title: bool) -> impl IntoView {
    let lang = use_lang();
    let (p, c) = (pmsg(lang), crate::i18n::complaints::cmsg(lang));
    let a = crate::i18n::amounts::amsg(lang);
    let field_name = crate::i18n::amounts::field_name;
    if items.is_empty() {
        return Either::Left(view! { <p class="empty">{p.record_empty}</p> });
    }
    Either::Right(view! {
        <ol class="record-list">
            {items.into_iter().map(|e| {
                let change = if e.state_from == e.state_to || e.state_from.is_empty() {
                    state_name(lang, &e.state_to).to_owned()
                } else {
                    format!("{} → {}", state_name(lang, &e.state_from), state_name(lang, &e.state_to))
                };
                view! {
                    <li id=format!("entry-{}", e.seq)>
                        <span class="meta">{format!("{} #{} · {}", p.entry, e.seq, e.when)}</span>
                        {show_title.then(|| {
                            let (href, title) = if e.subject == "complaint" {
                                let title = if e.title.is_empty() { c.private_entry.to_owned() } else { e.title.clone() };
                                (format!("/complaints/{}", e.subject_id), format!("{} #{} · {title}", c.complaint_word, e.subject_id))
                            } else {
                                (format!("/proposals/{}", e.subject_id), e.title.clone())
                            };
                            view! { " · " <a href=href>{title}</a> }
                        })}
                        <br/>
                        <strong>{event_name(lang, &e.event)}</strong>
                        {format!(" · {change} · {}", e.actor.clone().unwrap_or_else(|| {
                            if e.subject == "complaint" { c.anonymous_name } else { p.by_rules }.to_owned()
                        }))}
                        {e.agency.map(|a| format!(" · {a}"))}
                        {e.due.map(|d| format!(" · {}: {d}", p.due))}
                        {e.correction.map(|c| view! {
                            <br/>
                            {format!("{} ", a.corrects_entry)}
                            <a href=format!("#entry-{}", c.corrects)>{format!("#{}", c.corrects)}</a>
                            {format!(" · {}", field_name(lang, &c.field))}
                            {was_now(lang, &c)}
                            {match c.why.clone() {
                                Some(why) => format!("{}: {why}", a.reason),
                                None => a.withheld.to_owned(),
                            }}
                        })}
                        {(!e.corrected_by.is_empty()).then(|| view! {
                            <br/>
                            <strong class="corrected">{a.corrected_in}</strong>
                            {e.corrected_by.into_iter().map(|n| view! {
                                " " <a href=format!("#entry-{n}")>{format!("#{n}")}</a>
                            }).collect_view()}
                        })}
                        <br/>
                        <code class="hash" title="SHA-256">{e.hash}</code>
                    </li>
                }
            }).collect_view()}
        </ol>
    })
}

#[component]
pub fn RecordPage() -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).unwrap_or_default();
            (get("area"), get("agency"), get("before"))
        },
        |(area, agency, before)| get_record(area, agency, before),
    );
    view! {
        <Title text=format!("{} · Rembuk", p.record_title)/>
        <h1>{p.record_title}</h1>
        <p class="lead">{p.record_intro}</p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let filters = {
                            let mut q = Vec::new();
                            if let Some(a) = page.area {
                                q.push(format!("area={a}"));
                            }
                            if let Some(g) = page.agency {
                                q.push(format!("agency={g}"));
                            }
                            q.join("&")
                        };
                        let with = |path: &str| if filters.is_empty() { path.to_owned() } else { format!("{path}?{filters}") };
                        let older = page.before.map(|b| {
                            let base = with("/record");
                            if base.contains('?') { format!("{base}&before={b}") } else { format!("{base}?before={b}") }
                        });
                        Either::Left(view! {
                            <form method="get" action="/record" class="filters">
                                <AreaFilter areas=page.areas selected=page.area/>
                                <div class="field">
                                    <label for="filter-agency">{m.agencies}</label>
                                    <select id="filter-agency" name="agency">
                                        <option value="">{p.all_agencies}</option>
                                        {page.agencies.into_iter().map(|g| view! {
                                            <option value=g.id.to_string() selected=page.agency == Some(g.id)>{g.name}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit">{m.apply_filters}</button>
                            </form>
                            <p>
                                <a href=with("/record.json")>{p.export_json}</a>
                                " · "
                                <a href=with("/record.csv")>{p.export_csv}</a>
                            </p>
                            <RecordList items=page.items show_title=true/>
                            {older.map(|href| view! {
                                <nav class="pager" aria-label=m.more_pages><a href=href rel="next">{p.older}</a></nav>
                            })}
                        })
                    }
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

/// Officers: what their agency must answer, soonest due first.
#[component]
pub fn DeskPage() -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let query = use_query_map();
    let epoch = expect_context::<SessionEpoch>().0;
    let session = expect_context::<Session>();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).unwrap_or_default();
            (get("answered"), get("area"), get("category"), get("after"), epoch.get())
        },
        |(answered, area, category, after, _)| get_desk(answered, area, category, after),
    );
    view! {
        <Title text=format!("{} · Rembuk", p.desk_title)/>
        <h1>{p.desk_title}</h1>
        <p class="lead">{p.desk_intro}</p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                // The template forms need the session (a failed no-JS post's flash).
                let _ = session.await;
                match data.await {
                    Ok(page) => {
                        let answered = page.state == "answered";
                        let next = page.next.clone().map(|cursor| {
                            let mut href = format!("/desk?after={cursor}");
                            if answered {
                                href.push_str("&answered=1");
                            }
                            for (k, v) in [("area", page.area), ("category", page.category)] {
                                if let Some(v) = v {
                                    href.push_str(&format!("&{k}={v}"));
                                }
                            }
                            href
                        });
                        Either::Left(view! {
                            <form method="get" action="/desk" class="filters">
                                <div class="field">
                                    <label for="filter-answered">{p.answer_status}</label>
                                    <select id="filter-answered" name="answered">
                                        <option value="" selected=!answered>{p.awaiting_only}</option>
                                        <option value="1" selected=answered>{p.answered_only}</option>
                                    </select>
                                </div>
                                <AreaFilter areas=page.areas selected=page.area/>
                                <CategoryFilter categories=page.categories selected=page.category/>
                                <button type="submit">{m.apply_filters}</button>
                            </form>
                            {if page.proposals.is_empty() {
                                Either::Left(view! { <p class="empty">{p.desk_empty}</p> })
                            } else {
                                Either::Right(view! { <ProposalList proposals=page.proposals/> })
                            }}
                            {next.map(|href| view! {
                                <nav class="pager" aria-label=m.more_pages><a href=href rel="next">{m.next_page}</a></nav>
                            })}
                            {(!page.templates.is_empty()).then(|| view! { <Templates agencies=page.templates/> })}
                        })
                    }
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

/// The response templates of the officer's agencies: each with a delete
/// button, and a form to add one.
#[component]
fn Templates(agencies: Vec<AgencyTemplates>) -> impl IntoView {
    let lang = use_lang();
    let p = pmsg(lang);
    let actions = expect_context::<Actions>();
    let form = form_state(actions.save_template);
    let removing = form_state(actions.delete_template);
    let choices: Vec<(i64, String)> = agencies.iter().map(|a| (a.agency_id, a.agency.clone())).collect();
    view! {
        <section class="templates" id="templates" aria-labelledby="templates-h">
            <h2 id="templates-h">{p.templates_heading}</h2>
            <p class="hint">{p.templates_intro}</p>
            <FormError form=removing/>
            {agencies.into_iter().map(|a| view! {
                <h3>{a.agency}</h3>
                {if a.templates.is_empty() {
                    Either::Left(view! { <p class="empty">{p.no_templates}</p> })
                } else {
                    Either::Right(view! {
                        <ul class="template-list">
                            {a.templates.into_iter().map(|t| view! {
                                <li>
                                    <strong>{t.title.clone()}</strong>
                                    <p class="excerpt">{t.body}</p>
                                    <ActionForm action=actions.delete_template attr:class="inline">
                                        <input type="hidden" name="id" value=t.id.to_string()/>
                                        <button type="submit" aria-label=format!("{} {}", p.delete_template, t.title)>{p.delete_template}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    })
                }}
            }).collect_view()}
            <h3>{p.add_template}</h3>
            <ActionForm action=actions.save_template>
                <FormError form=form.clone()/>
                <div class="field">
                    <label for="f-agency_id">{p.template_agency}</label>
                    <select id="f-agency_id" name="agency_id">
                        {choices.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </div>
                <Field form=form.clone() name="title" label=p.template_title maxlength=TITLE_MAX required=true/>
                <TextArea form=form.clone() name="body" label=p.response_text hint=body_hint(lang) maxlength=BODY_MAX rows=5/>
                <div class="buttons"><button type="submit" class="primary">{p.save_template}</button></div>
            </ActionForm>
        </section>
    }
}
