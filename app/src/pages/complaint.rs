//! Complaints: the lists (public, one's own, an agency's desk), the guided
//! form, one complaint with its deadlines and official steps.
use crate::api::{get_complaint, get_complaints, get_new_complaint};
use crate::components::area_picker::AreaPicker;
use crate::components::correction::{CorrectionForm, CorrectionList};
use crate::components::filters::{AreaFilter, CategoryFilter};
use crate::components::form::post_url;
use crate::components::form::CategorySelect;
use crate::components::form::{form_state, Field, FormError, FormState, PreviewBox, TextArea};
use crate::components::moderation::{FlagForm, HiddenNotice, ItemTools};
use crate::components::photos::{PhotoField, Photos, PointField, PointLinks};
use crate::components::post::body_hint;
use crate::components::rating::RatingSection;
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::domain::{BODY_MAX, TITLE_MAX};
use crate::i18n::complaints::cmsg;
use crate::i18n::photos::pmsg;
use crate::i18n::proposals::{event_name, state_name};
use crate::i18n::{error_message, msg};
use crate::model::{ComplaintPage as Page, ComplaintSummary};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

const STATES: [&str; 6] = ["received", "verified", "in_progress", "resolved", "closed", "rejected"];

#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let lang = use_lang();
    let (m, c) = (msg(lang), cmsg(lang));
    let query = use_query_map();
    let session = use_session();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).unwrap_or_default();
            (get("scope"), get("area"), get("category"), get("state"), get("before"))
        },
        |(scope, area, category, state, before)| get_complaints(scope, area, category, state, before),
    );
    view! {
        <Title text=format!("{} · Rembuk", c.complaints_title)/>
        <h1>{c.complaints_title}</h1>
        <p class="lead">{c.complaints_intro}</p>
        <p><a class="button primary" href="/complaints/new">{c.new_complaint}</a></p>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let me = session.await.ok().and_then(|s| s.me);
                match data.await {
                    Ok(page) => {
                        let mut tabs = vec![("public", c.scope_public)];
                        if let Some(me) = &me {
                            tabs.push(("mine", c.scope_mine));
                            if me.is_admin() || me.roles.iter().any(|r| r.role == crate::model::Role::Officer) {
                                tabs.push(("desk", c.scope_desk));
                            }
                        }
                        let scope = page.scope.clone();
                        let older = page.next.map(|b| {
                            let mut href = format!("/complaints?scope={}&before={b}", page.scope);
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
                        Either::Left(view! {
                            <nav class="tabs" aria-label=c.nav_complaints>
                                <ul>
                                    {tabs.into_iter().map(|(s, label)| view! {
                                        <li>
                                            <a href=format!("/complaints?scope={s}") aria-current=(s == scope).then_some("page")>{label}</a>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </nav>
                            <form method="get" action="/complaints" class="filters">
                                <input type="hidden" name="scope" value=page.scope.clone()/>
                                <AreaFilter choice=page.area_choice.clone()/>
                                <CategoryFilter categories=page.categories selected=page.category/>
                                <div class="field">
                                    <label for="filter-state">{c.status}</label>
                                    <select id="filter-state" name="state">
                                        <option value="">{c.all_states}</option>
                                        {STATES.into_iter().map(|s| view! {
                                            <option value=s selected=page.state == s>{state_name(lang, s)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit">{m.apply_filters}</button>
                            </form>
                            <ComplaintList complaints=page.complaints/>
                            {older.map(|href| view! {
                                <nav class="pager" aria-label=m.more_pages><a href=href rel="next">{c.older}</a></nav>
                            })}
                        })
                    }
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ComplaintList(complaints: Vec<ComplaintSummary>) -> impl IntoView {
    let lang = use_lang();
    let (p, c) = (crate::i18n::proposals::pmsg(lang), cmsg(lang));
    if complaints.is_empty() {
        return Either::Left(view! { <p class="empty">{c.no_complaints}</p> });
    }
    Either::Right(view! {
        <ul class="threads complaints">
            {complaints.into_iter().map(|x| view! {
                <li>
                    <a class="title" href=format!("/complaints/{}", x.id)>{x.title}</a>
                    <span class="meta">
                        <span class="tag">{state_name(lang, &x.state)}</span>
                        {x.private.then(|| view! { " " <span class="tag">{c.private_tag}</span> })}
                        " · " <a href=format!("/area/{}", x.area_id)>{x.area_name}</a>
                        {format!(" · {} · {}", x.category, x.filed)}
                        {x.agency.map(|a| format!(" · {a}"))}
                        {x.due.map(|d| format!(" · {} {d}", c.by_date))}
                        {x.overdue.then(|| view! { " " <span class="badge overdue">{p.overdue}</span> })}
                    </span>
                </li>
            }).collect_view()}
        </ul>
    })
}

/// A checkbox with its hint.
#[component]
fn Check(form: FormState, name: &'static str, label: &'static str, hint: &'static str) -> impl IntoView {
    let id = format!("f-{name}");
    let hint_id = format!("{id}-hint");
    let checked = form.value(name, "") == "1";
    view! {
        <div class="field check">
            <input type="checkbox" id=id.clone() name=name value="1" checked=checked aria-describedby=hint_id.clone()/>
            <label for=id>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
        </div>
    }
}

#[component]
pub fn NewComplaintPage() -> impl IntoView {
    let lang = use_lang();
    let (m, c) = (msg(lang), cmsg(lang));
    let session = use_session();
    let query = leptos_router::hooks::use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            q.get("area_id").or_else(|| q.get("area")).unwrap_or_default()
        },
        get_new_complaint,
    );
    view! {
        <Title text=format!("{} · Rembuk", c.new_complaint)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                let form = form_state::<crate::api::FileComplaint>();
                match data.await {
                    Ok(d) => {
                        let date_error = {
                            let form = form.clone();
                            move || form.error.get().and_then(|e| e.for_field("happened_on"))
                        };
                        let date_value = form.value("happened_on", &d.today);
                        Either::Left(view! {
                            <h1>{c.new_complaint}</h1>
                            <p class="lead">{c.form_intro}</p>
                            <p>{format!("{} ", c.already_reported)}<a href="/search?scope=complaints">{c.search_complaints}</a></p>
                            <PreviewBox form=form.clone()/>
                            <form method="post" action={post_url::<crate::api::FileComplaint>()} class="narrow" enctype="multipart/form-data">
                                <FormError form=form.clone()/>
                                <fieldset>
                                    <legend>{c.step_where}</legend>
                                    <AreaPicker form=form.clone() name="area_id" label=c.area choice=d.area_choice.clone() required=true/>
                                    <Field form=form.clone() name="location" label=c.location maxlength=200/>
                                    <PointField form=form.clone() value=None/>
                                </fieldset>
                                <fieldset>
                                    <legend>{c.step_what}</legend>
                                    <Field form=form.clone() name="title" label=c.complaint_title hint=m.title_hint_short maxlength=TITLE_MAX required=true/>
                                    <TextArea form=form.clone() name="body" label=c.complaint_body hint=c.body_hint.to_owned() maxlength=BODY_MAX rows=8/>
                                    <PhotoField form=form.clone()/>
                                </fieldset>
                                <fieldset>
                                    <legend>{c.step_when}</legend>
                                    <div class="field" class:invalid=move || date_error().is_some()>
                                        <label for="f-happened_on">{c.happened_on}</label>
                                        <input id="f-happened_on" name="happened_on" type="date" required=true max=d.today.clone() value=date_value
                                            aria-describedby="f-happened_on-hint"/>
                                        <p class="hint" id="f-happened_on-hint">{c.happened_hint}</p>
                                        {move || date_error().map(|e| view! { <p class="error">{error_message(lang, &e)}</p> })}
                                    </div>
                                </fieldset>
                                <fieldset>
                                    <legend>{c.step_which}</legend>
                                    <CategorySelect form=form.clone() categories=d.categories/>
                                </fieldset>
                                <fieldset>
                                    <legend>{c.step_privacy}</legend>
                                    <Check form=form.clone() name="anonymous" label=c.anonymous_label hint=c.anonymous_hint/>
                                    <Check form=form.clone() name="private" label=c.private_label hint=c.private_hint/>
                                </fieldset>
                                <div class="buttons">
                                    <button type="submit" name="preview" value="1">{m.preview_button}</button>
                                    <button type="submit" class="primary">{c.send}</button>
                                </div>
                            </form>
                        })
                    }
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ComplaintPage() -> impl IntoView {
    let m = msg(use_lang());
    let params = use_params_map();
    let session = use_session();
    let data = Resource::new_blocking(move || params.read().get("id").unwrap_or_default(), get_complaint);
    // Just filed (the form sends the complainant here): the receipt.
    let query = leptos_router::hooks::use_query_map();
    let filed = query.read_untracked().get("filed").is_some();
    // Just said "Belum selesai": a short confirmation that takes focus.
    let reopened = query.read_untracked().get("reopened").is_some();
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let writer = session.await.ok().and_then(|s| s.me).is_some_and(|me| me.may_write());
                match data.await {
                    Ok(x) => {
                        let receipt = (filed && x.mine).then(|| view! { <Receipt x=x.clone()/> });
                        let sent = (reopened && x.mine).then(|| {
                            let c = cmsg(use_lang());
                            view! { <p class="notice" role="status" tabindex="-1" autofocus=true>{c.reopened_notice}</p> }
                        });
                        Either::Left(view! { {receipt} {sent} <Complaint x writer/> })
                    }
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Complaint(x: Page, writer: bool) -> impl IntoView {
    let lang = use_lang();
    let (m, c, p) = (msg(lang), cmsg(lang), crate::i18n::proposals::pmsg(lang));
    let id = x.id;
    let author = x.author.clone().unwrap_or_else(|| c.anonymous_name.to_owned());
    let facts = [
        (c.area, Some(x.area.name.clone())),
        (c.place, (!x.location.is_empty()).then(|| x.location.clone())),
        (c.happened_on, Some(x.happened_on.clone())),
        (
            c.handling_agency,
            Some(x.agency.clone().unwrap_or_else(|| c.no_agency.to_owned())),
        ),
    ];
    let deadline_name = move |w: &str| match w {
        "verify" => c.due_verify,
        "followup" => c.due_followup,
        _ => c.due_resolve,
    };
    // What an officer may correct: each step taken.
    let correctable: Vec<(i64, String)> = x
        .steps
        .iter()
        .filter(|s| s.event != "reopened")
        .map(|s| {
            let label = format!("#{} · {} · {}", s.record_seq, event_name(lang, &s.event), s.when);
            (s.record_seq, label)
        })
        .collect();
    let correct = (x.can_correct && !correctable.is_empty())
        .then(|| view! { <CorrectionForm entries=correctable fields=&["text"]/> });
    let status_name = move |s: &str| match s {
        "met" => c.dl_met,
        "late" => c.dl_late,
        "overdue" => c.dl_overdue,
        _ => c.dl_open,
    };
    view! {
        <Title text=format!("{} · Rembuk", x.title)/>
        <nav aria-label=m.breadcrumbs class="crumbs">
            <ol>
                <li><a href="/complaints">{c.nav_complaints}</a></li>
                <li><a href=format!("/area/{}", x.area.id)>{x.area.name.clone()}</a></li>
                <li aria-current="page">{x.title.clone()}</li>
            </ol>
        </nav>
        <h1>{x.title.clone()}</h1>
        <p class="lead">
            <span class="tag">{state_name(lang, &x.state)}</span>
            {format!(" · {} · {} {author} · {} {}", x.category, c.filed_by, c.filed_on, x.filed)}
        </p>
        {x.private.then(|| view! { <p class="notice">{c.private_notice}</p> })}
        {x.anonymous.then(|| view! {
            <p class="notice">{if x.mine { c.anonymous_mine } else { c.anonymous_notice }}</p>
        })}
        {x.moderation.hidden.clone().map(|reason| view! { <HiddenNotice reason shown=!x.moderation.withheld/> })}
        <div class="post-body" inner_html=x.html.clone()></div>
        <Photos photos=x.photos.clone()/>
        {(writer && !x.mine && !x.private && x.moderation.hidden.is_none()).then(|| view! {
            <FlagForm kind="complaint" id/>
        })}
        {(x.moderation.can_moderate && !x.private).then(|| view! {
            <ItemTools kind="complaint" id hidden=x.moderation.hidden.is_some() official=false/>
        })}
        <dl class="facts">
            {facts.into_iter().filter_map(|(k, v)| v.map(|v| view! { <dt>{k}</dt><dd>{v}</dd> })).collect_view()}
            {x.point.map(|point| view! { <dt>{pmsg(lang).point_fact}</dt><dd><PointLinks point/></dd> })}
            {crate::components::proposal::taken_to_musrenbang(&x.usulan)}
        </dl>
        <section aria-labelledby="deadlines-h">
            <h2 id="deadlines-h">{c.deadlines}</h2>
            <ul class="deadlines">
                {x.deadlines.into_iter().map(|d| view! {
                    <li class=format!("deadline {}", d.status)>
                        {format!("{}: {} {} · ", deadline_name(&d.what), c.by_date, d.date)}
                        <span class:badge=d.status == "overdue" class:overdue=d.status == "overdue">{status_name(&d.status)}</span>
                        {d.escalated.map(|when| view! { " · " <strong class="escalated">{format!("{} ({when})", c.escalated)}</strong> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="responses" id="steps" aria-labelledby="steps-h">
            <h2 id="steps-h">{c.steps_heading}</h2>
            {if x.steps.is_empty() {
                Either::Left(view! { <p class="empty">{c.no_steps}</p> })
            } else {
                Either::Right(view! {
                    <ol class="posts">
                        {x.steps.into_iter().map(|s| view! {
                            <li>
                                <article class="post officer" id=format!("e{}", s.record_seq)>
                                    <header>
                                        <strong>{event_name(lang, &s.event)}</strong>
                                        <span class="meta">{format!(" · {}{} · {}", s.officer, s.agency.map(|a| format!(", {a}")).unwrap_or_default(), s.when)}</span>
                                    </header>
                                    {s.to_agency.map(|t| view! { <p><strong>{format!("{}: {t}", c.forwarded_to)}</strong></p> })}
                                    <div class="post-body" inner_html=s.html></div>
                                    <p class="meta"><a href=format!("/record#entry-{}", s.record_seq)>{format!("{} #{}", p.entry, s.record_seq)}</a></p>
                                    <CorrectionList items=s.corrections/>
                                </article>
                            </li>
                        }).collect_view()}
                    </ol>
                })
            }}
            {correct}
        </section>
        {(!x.can_step.is_empty()).then(|| view! { <StepForm id events=x.can_step agencies=x.agencies/> })}
        {(x.can_reopen && writer).then(|| view! { <Reopen id/> })}
        <RatingSection subject="complaint" id rating=x.rating/>
    }
}

/// What the complainant sees right after filing: the number to quote, and
/// each deadline with its date, hour and zone. It takes focus, so the page
/// opens on it.
#[component]
fn Receipt(x: Page) -> impl IntoView {
    let c = cmsg(use_lang());
    let name = move |w: &str| match w {
        "verify" => c.due_verify,
        "followup" => c.due_followup,
        _ => c.due_resolve,
    };
    view! {
        <section class="receipt" id="receipt" role="status" tabindex="-1" autofocus=true aria-labelledby="receipt-h">
            <h2 id="receipt-h">{c.receipt_heading}</h2>
            <p class="receipt-number">{format!("{} ", c.receipt_number)}<strong>{x.id.to_string()}</strong></p>
            <p>{c.receipt_keep}</p>
            <h3>{c.receipt_next}</h3>
            <ol>
                <li>{format!("{}: {}", c.handling_agency, x.agency.clone().unwrap_or_else(|| c.no_agency.to_owned()))}</li>
                {x.deadlines.into_iter().map(|d| view! {
                    <li>{format!("{}: {} {}", name(&d.what), c.by_date, d.date)}</li>
                }).collect_view()}
            </ol>
            <p>{c.receipt_notify}</p>
        </section>
    }
}

/// The complainant's "Belum selesai": what is still wrong, and back to the
/// agency it goes.
#[component]
fn Reopen(id: i64) -> impl IntoView {
    let lang = use_lang();
    let c = cmsg(lang);
    let form = form_state::<crate::api::ReopenComplaint>();
    view! {
        <section class="reply" id="reopen" aria-labelledby="reopen-h">
            <h2 id="reopen-h">{c.reopen_heading}</h2>
            <p>{c.reopen_text}</p>
            <form method="post" action={post_url::<crate::api::ReopenComplaint>()}>
                <FormError form=form.clone()/>
                <input type="hidden" name="id" value=id.to_string()/>
                <TextArea form name="body" label=c.reopen_label hint=body_hint(lang) maxlength=BODY_MAX rows=4/>
                <button type="submit">{c.reopen_button}</button>
            </form>
        </section>
    }
}

/// An officer's next step on a complaint.
#[component]
fn StepForm(id: i64, events: Vec<String>, agencies: Vec<crate::model::AgencySummary>) -> impl IntoView {
    let lang = use_lang();
    let (m, c) = (msg(lang), cmsg(lang));
    let form = form_state::<crate::api::ComplaintStep>();
    let forward = events.iter().any(|e| e == "forwarded");
    view! {
        <section class="reply" id="act" aria-labelledby="act-h">
            <h2 id="act-h">{c.act_heading}</h2>
            <PreviewBox form=form.clone()/>
            <form method="post" action={post_url::<crate::api::ComplaintStep>()}>
                <FormError form=form.clone()/>
                <input type="hidden" name="id" value=id.to_string()/>
                <div class="field">
                    <label for="f-event">{c.act_event}</label>
                    <select id="f-event" name="event">
                        {events.into_iter().map(|e| {
                            let label = event_name(lang, &e);
                            let chosen = form.value("event", "") == e;
                            view! { <option value=e selected=chosen>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <TextArea form=form.clone() name="body" label=c.act_body hint=body_hint(lang) maxlength=BODY_MAX rows=6/>
                {forward.then(|| {
                    let error = {
                        let form = form.clone();
                        move || form.error.get().and_then(|e| e.for_field("to_agency"))
                    };
                    view! {
                        <div class="field">
                            <label for="f-to_agency">{c.act_to_agency}</label>
                            <select id="f-to_agency" name="to_agency">
                                <option value="">{m.none_option}</option>
                                {agencies.into_iter().map(|g| {
                                    let v = g.id.to_string();
                                    let chosen = form.value("to_agency", "") == v;
                                    view! { <option value=v selected=chosen>{g.name}</option> }
                                }).collect_view()}
                            </select>
                            {move || error().map(|e| view! { <p class="error">{error_message(lang, &e)}</p> })}
                        </div>
                    }
                })}
                <div class="buttons">
                    <button type="submit" class="primary">{c.act_submit}</button>
                </div>
            </form>
        </section>
    }
}
