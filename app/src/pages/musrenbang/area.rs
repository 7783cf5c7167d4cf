//! An area at one tier of a cycle: its usulan (with the viewer's ballot
//! while voting is open), the counts of both rules once counted, the
//! facilitator's confirmation form, and the confirmed result as a printable
//! berita acara.
use crate::api::get_plan_area;
use crate::components::form::{form_state, post_url, FormError};
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::musrenbang::{mmsg, outcome_name, phase_name, rule_name, tier_name, verdict_name};
use crate::i18n::proposals::rupiah;
use crate::i18n::{msg, number};
use crate::model::musrenbang::{PlanAreaPage as Page, UsulanRow};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn PlanAreaPage() -> impl IntoView {
    let m = msg(use_lang());
    let params = use_params_map();
    let query = use_query_map();
    let session = use_session();
    let data = Resource::new_blocking(
        move || {
            let p = params.read();
            (
                p.get("id").unwrap_or_default(),
                p.get("tier").unwrap_or_default(),
                p.get("area").unwrap_or_default(),
                query.read().get("after").unwrap_or_default(),
            )
        },
        |(c, t, a, after)| get_plan_area(c, t, a, after),
    );
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                match data.await {
                    Ok(p) => Either::Left(area(p)),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

fn rank(r: Option<i64>) -> String {
    r.map_or_else(|| "—".into(), |n| n.to_string())
}

fn area(p: Page) -> impl IntoView {
    let lang = use_lang();
    let t = mmsg(lang);
    let title = format!("{} · {} {}", p.area.name, t.cycle_of, p.year);
    let base = format!("/musrenbang/{}/{}/{}", p.cycle_id, p.tier, p.area.id);
    let counted = p.stage.counted;
    let may_vote = p.may_vote;
    let back = base.clone();
    let approve = form_state::<crate::api::ApproveUsulan>();
    let rows = p.usulan.iter().map(|u| {
        let u = u.clone();
        let vote = may_vote.then(|| {
            let feasible = u.verdict.as_deref() != Some("not_feasible");
            (feasible || u.chosen).then(|| view! {
                <form method="post" action={post_url::<crate::api::ApproveUsulan>()} class="inline">
                    <input type="hidden" name="id" value=u.id.to_string()/>
                    <input type="hidden" name="approve" value=if u.chosen { "0" } else { "1" }/>
                    <input type="hidden" name="back" value=back.clone()/>
                    <button type="submit" class:primary=!u.chosen>{if u.chosen { t.unchoose } else { t.choose }}</button>
                </form>
            })
        });
        view! {
            <tr>
                <th scope="row">
                    <a href=format!("/usulan/{}", u.id)>{format!("#{} {}", u.id, u.title)}</a>
                    {u.chosen.then(|| view! { <span class="tag">{t.chosen}</span> })}
                </th>
                <td data-label=t.estimated_cost>{rupiah(lang, u.cost)}</td>
                <td data-label=t.verification>{u.verdict.as_deref().map_or(t.none, |v| verdict_name(lang, v))}</td>
                {counted.then(|| view! {
                    <td data-label=t.approvals>{number(lang, u.approvals.unwrap_or(0))}</td>
                    <td data-label=rule_name(lang, "greedy")>{rank(u.greedy_rank)}</td>
                    <td data-label=rule_name(lang, "equal_shares")>{rank(u.shares_rank)}</td>
                })}
                {may_vote.then(|| view! { <td>{vote}</td> })}
            </tr>
        }
    }).collect_view();
    view! {
        <Title text=format!("{title} · Rembuk")/>
        <p class="meta"><a href=format!("/musrenbang/{}?tier={}", p.cycle_id, p.tier)>{format!("{} {} · {}", t.cycle_of, p.year, p.cycle_area)}</a></p>
        <h1>{title}</h1>
        <p>{format!("{} {} · {}", t.stage, tier_name(lang, p.tier), phase_name(lang, &p.stage.phase))}</p>
        <p>{format!("{}: {}", t.area_ceiling, rupiah(lang, p.ceiling))}</p>
        <FormError form=approve/>
        {p.may_submit.then(|| view! {
            <p><a class="button primary" href=format!("/musrenbang/{}/usulan/new", p.cycle_id)>{t.new_usulan}</a></p>
        })}
        {p.may_vote.then(|| view! {
            <section class="notice" aria-labelledby="ballot-h">
                <h2 id="ballot-h">{t.your_ballot}</h2>
                <p>{format!("{} {} · {} / {}", number(lang, p.ballot_count), t.usulan_count, rupiah(lang, p.ballot_total), rupiah(lang, p.ceiling))}</p>
                <p>{t.ballot_hint}</p>
                <p class="meta">{t.ballot_secret}</p>
            </section>
        })}
        {(!p.resident && matches!(p.stage.phase.as_str(), "submission" | "voting")).then(|| view! { <p class="meta">{t.not_resident}</p> })}
        {counted.then(|| {
            let data = format!("/musrenbang-data/{}/{}/{}", p.cycle_id, p.tier, p.area.id);
            view! {
                <p>{format!("{} {}", number(lang, p.voters), t.voters)}". "{t.rules_compared}</p>
                <p class="meta">
                    {format!("{}: ", t.downloads)}
                    <a href=format!("{data}.csv")>"CSV"</a>" · "
                    <a href=format!("{data}.json")>"JSON"</a>" · "
                    <a href=format!("{data}.pb")>"Pabulib (.pb)"</a>
                </p>
            }
        })}
        {p.usulan.is_empty().then(|| view! { <p>{t.no_usulan}</p> })}
        {(!p.usulan.is_empty()).then(|| view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=t.usulan_count>
                <table class="data cards">
                    <thead>
                        <tr>
                            <th scope="col">{t.usulan_title}</th>
                            <th scope="col">{t.estimated_cost}</th>
                            <th scope="col">{t.verification}</th>
                            {counted.then(|| view! {
                                <th scope="col">{t.approvals}</th>
                                <th scope="col">{rule_name(lang, "greedy")}</th>
                                <th scope="col">{rule_name(lang, "equal_shares")}</th>
                            })}
                            {may_vote.then(|| view! { <th scope="col">{t.your_ballot}</th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })}
        {p.next.clone().map(|n| view! { <p><a rel="next" href=format!("{base}?after={n}")>{t.more}</a></p> })}
        {p.may_confirm.then(|| confirm_form(&p))}
        {p.confirmed.clone().map(|c| minutes(&p, c))}
    }
}

/// The facilitator's form: each usulan the deciding rule selected, carried
/// by default, and any others to carry as well.
fn confirm_form(p: &Page) -> impl IntoView {
    let lang = use_lang();
    let t = mmsg(lang);
    let form = form_state::<crate::api::ConfirmResult>();
    let city = p.tier == 2;
    let choices: Vec<(&str, &str)> = if city {
        vec![("carry", t.accept), ("defer", t.defer), ("drop", t.reject)]
    } else {
        vec![("carry", t.carry), ("drop", t.drop)]
    };
    let rows = p
        .selection
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let legend = format!("#{} {} · {}", u.id, u.title, rupiah(lang, u.cost));
            let reason_id = format!("f-reason[{i}]");
            view! {
                <fieldset class="field">
                    <legend>{legend}</legend>
                    <input type="hidden" name=format!("ids[{i}]") value=u.id.to_string()/>
                    {choices.iter().enumerate().map(|(k, (value, label))| view! {
                        <label class="check">
                            <input type="radio" name=format!("choice[{i}]") value=*value checked=k == 0/>
                            {*label}
                        </label>
                    }).collect_view()}
                    <label for=reason_id.clone()>{t.reason_hint}</label>
                    <input id=reason_id type="text" name=format!("reason[{i}]") maxlength="500"/>
                    {city.then(|| {
                        let amount_id = format!("f-amount[{i}]");
                        let hint_id = format!("{amount_id}-hint");
                        view! {
                            <label for=amount_id.clone()>{t.plan_amount}</label>
                            <input id=amount_id type="text" inputmode="numeric" name=format!("amount[{i}]")
                                value=u.cost.to_string() aria-describedby=hint_id.clone() maxlength="30"/>
                            <p class="hint" id=hint_id>{t.amount_hint}</p>
                        }
                    })}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="confirm-h">
            <h2 id="confirm-h">{t.confirm_heading}</h2>
            <p>{t.confirm_hint}</p>
            <form method="post" action={post_url::<crate::api::ConfirmResult>()} class="narrow">
                <FormError form=form.clone()/>
                <input type="hidden" name="cycle_id" value=p.cycle_id.to_string()/>
                <input type="hidden" name="tier" value=p.tier.to_string()/>
                <input type="hidden" name="area_id" value=p.area.id.to_string()/>
                {rows}
                <div class="field">
                    <label for="f-extra">{t.extra}</label>
                    <input id="f-extra" type="text" name="extra" aria-describedby="f-extra-hint"/>
                    <p class="hint" id="f-extra-hint">{t.extra_hint}</p>
                </div>
                <div class="field">
                    <label for="f-extra_reason">{t.extra_reason}</label>
                    <input id="f-extra_reason" type="text" name="extra_reason" maxlength="500"/>
                </div>
                <div class="field">
                    <label for="f-attendance">{t.attendance}</label>
                    <input id="f-attendance" type="text" inputmode="numeric" name="attendance"/>
                </div>
                <div class="field">
                    <label for="f-delegates">{t.delegates}</label>
                    <textarea id="f-delegates" name="delegates" rows="3" maxlength="2000"></textarea>
                </div>
                <p class="notice">{t.confirm_warning}</p>
                <div class="buttons"><button type="submit" class="primary">{t.confirm_button}</button></div>
            </form>
        </section>
    }
}

/// The confirmed result, laid out to print and sign.
fn minutes(p: &Page, c: crate::model::musrenbang::Confirmed) -> impl IntoView {
    let lang = use_lang();
    let t = mmsg(lang);
    let row = |u: UsulanRow| {
        let outcome = u.outcome.as_deref().map_or("", |o| outcome_name(lang, o));
        let reason = u.reason.clone().unwrap_or_else(|| {
            if u.position.is_some() {
                String::new()
            } else {
                t.not_selected.to_owned()
            }
        });
        view! {
            <tr>
                <th scope="row"><a href=format!("/usulan/{}", u.id)>{format!("#{} {}", u.id, u.title)}</a></th>
                <td data-label=t.rank_in>{rank(u.position)}</td>
                <td data-label=t.estimated_cost>{rupiah(lang, u.cost)}</td>
                <td data-label=t.approvals>{number(lang, u.approvals.unwrap_or(0))}</td>
                <td data-label=t.result>{outcome}</td>
                <td data-label=t.reason>{reason}</td>
            </tr>
        }
    };
    view! {
        <section class="minutes" aria-labelledby="minutes-h">
            <h2 id="minutes-h">{format!("{} · {} {}", t.minutes, tier_name(lang, p.tier), p.area.name)}</h2>
            <p>{format!("{} {} · {}: {} · {}: {}", t.cycle_of, p.year, t.rule, rule_name(lang, &p.rule), t.confirmed_on, c.when)}</p>
            <p>{format!("{}: {} · {} {}", t.attendance, c.attendance.map_or_else(|| t.none.to_owned(), |n| number(lang, n)), number(lang, p.voters), t.voters)}</p>
            {(!c.delegates.is_empty()).then(|| view! { <p>{format!("{}: {}", t.delegates, c.delegates)}</p> })}
            <div class="table-scroll" tabindex="0" role="region" aria-label=t.result>
                <table class="data cards">
                    <thead>
                        <tr>
                            <th scope="col">{t.usulan_title}</th>
                            <th scope="col">{t.rank_in}</th>
                            <th scope="col">{t.estimated_cost}</th>
                            <th scope="col">{t.approvals}</th>
                            <th scope="col">{t.result}</th>
                            <th scope="col">{t.reason}</th>
                        </tr>
                    </thead>
                    <tbody>{c.outcomes.into_iter().map(row).collect_view()}</tbody>
                </table>
            </div>
            <p class="signatures">{format!("{}: ____________________   ____________________", t.signatures)}</p>
        </section>
    }
}
