//! The officer desk and its response templates.
use crate::api::get_desk;
use crate::components::filters::{AreaFilter, CategoryFilter};
use crate::components::form::post_url;
use crate::components::form::{form_state, Field, FormError, TextArea};
use crate::components::post::body_hint;
use crate::components::proposal::ProposalList;
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::domain::{BODY_MAX, TITLE_MAX};
use crate::i18n::msg;
use crate::i18n::proposals::{days_left, desk_labels, pmsg};
use crate::model::{AgencyTemplates, DeskItem};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Officers: what their agency must answer, soonest due first.
#[component]
pub fn DeskPage() -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let query = use_query_map();
    let session = use_session();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).unwrap_or_default();
            (get("answered"), get("area"), get("category"), get("after"))
        },
        |(answered, area, category, after)| get_desk(answered, area, category, after),
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
                                <AreaFilter choice=page.area_choice.clone()/>
                                <CategoryFilter categories=page.categories selected=page.category/>
                                <button type="submit">{m.apply_filters}</button>
                            </form>
                            {if page.proposals.is_empty() && page.desk.is_empty() {
                                EitherOf3::A(view! { <p class="empty">{p.desk_empty}</p> })
                            } else if answered {
                                EitherOf3::B(view! { <ProposalList proposals=page.proposals/> })
                            } else {
                                EitherOf3::C(view! { <DeskList items=page.desk/> })
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

/// What the agency must act on: each row says what is due and how many
/// working days are left (or how late it is).
#[component]
fn DeskList(items: Vec<DeskItem>) -> impl IntoView {
    let lang = use_lang();
    let c = crate::i18n::complaints::cmsg(lang);
    view! {
        <ol class="desk-list">
            {items.into_iter().map(|d| {
                let (kind, what) = desk_labels(lang, &d.kind, &d.what);
                let href = format!("/{}s/{}", d.kind, d.id);
                let stand = days_left(lang, d.days_left, d.overdue);
                view! {
                    <li class:overdue=d.overdue data-due=d.due_at.to_string()>
                        <p><span class="tag">{kind}</span> <a href=href>{d.title}</a></p>
                        <p class="due"><strong>{format!("{what}: {stand}")}</strong></p>
                        <p class="meta">{format!("{} {} · {}", c.by_date, d.due, d.area_name)}</p>
                        {d.point.map(|point| view! { <p class="meta"><crate::components::photos::PointLinks point/></p> })}
                        <crate::components::photos::Photos photos=d.photos/>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// The response templates of the officer's agencies: each with a delete
/// button, and a form to add one.
#[component]
fn Templates(agencies: Vec<AgencyTemplates>) -> impl IntoView {
    let lang = use_lang();
    let p = pmsg(lang);
    let form = form_state::<crate::api::SaveTemplate>();
    let removing = form_state::<crate::api::DeleteTemplate>();
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
                                    <form method="post" action={post_url::<crate::api::DeleteTemplate>()} class="inline">
                                        <input type="hidden" name="id" value=t.id.to_string()/>
                                        <button type="submit" aria-label=format!("{} {}", p.delete_template, t.title)>{p.delete_template}</button>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                    })
                }}
            }).collect_view()}
            <h3>{p.add_template}</h3>
            <form method="post" action={post_url::<crate::api::SaveTemplate>()}>
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
            </form>
        </section>
    }
}
