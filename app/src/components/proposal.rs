//! Lists shared by the proposal pages and the desk: proposals, their
//! supports, and the decision record.
use crate::components::correction::was_now;
use crate::components::use_lang;
use crate::i18n::number;
use crate::i18n::proposals::{event_name, pmsg, state_name, supports_count};
use crate::model::{Lang, ProposalSummary, RecordItem};
use leptos::either::Either;
use leptos::prelude::*;

pub fn supports_text(lang: Lang, count: i64, threshold: i64) -> String {
    let p = pmsg(lang);
    format!(
        "{} ({} {})",
        supports_count(lang, count),
        p.of_threshold,
        number(lang, threshold)
    )
}

#[component]
pub fn ProposalList(proposals: Vec<ProposalSummary>) -> impl IntoView {
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
pub fn RecordList(items: Vec<RecordItem>, show_title: bool) -> impl IntoView {
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
                            } else if e.subject == "usulan" {
                                (format!("/usulan/{}", e.subject_id), format!("Musrenbang #{} · {}", e.subject_id, e.title))
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
                        // The chain's fingerprint, for those who check it.
                        <details class="hash">
                            <summary>{p.check_authentic}</summary>
                            <p class="hint">{p.hash_hint}</p>
                            <code class="hash">{e.hash}</code>
                        </details>
                    </li>
                }
            }).collect_view()}
        </ol>
    })
}

/// The usulan grown from a complaint or proposal, as a fact of its page.
pub(crate) fn taken_to_musrenbang(items: &[crate::model::musrenbang::LinkedItem]) -> impl IntoView {
    let lang = use_lang();
    (!items.is_empty()).then(|| {
        view! {
            <dt>{crate::i18n::musrenbang::mmsg(lang).taken_to_musrenbang}</dt>
            <dd>
                {crate::i18n::musrenbang::linked_list(lang, items).into_iter().map(|(href, label)| view! {
                    <a href=href>{label}</a><br/>
                }).collect_view()}
            </dd>
        }
    })
}
