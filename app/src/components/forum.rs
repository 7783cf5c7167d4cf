//! An area's forum (on the area page), the list of threads it shows and
//! the latest activity.
use crate::api::get_forum;
use crate::components::form::post_url;
use crate::components::use_lang;
use crate::i18n::{msg, number};
use crate::model::{ActivityItem, ForumPage, ThreadSort, ThreadSummary};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// An area's forum as the address asks for it (sort, category, sub-areas,
/// page), for [`ForumSection`]. Made with the page's own data, at the top
/// of the page: made inside the area's view, it was made again each time
/// that view ran during one server render, and read the threads one to
/// three times a request.
pub fn forum_data(
    area_id: impl Fn() -> String + Send + Sync + 'static,
) -> Resource<Result<ForumPage, crate::error::AppError>> {
    let query = use_query_map();
    Resource::new_blocking(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).unwrap_or_default();
            (area_id(), get("sort"), get("category"), get("sub"), get("after"))
        },
        |(area, sort, category, sub, after)| get_forum(area, sort, category, sub, after),
    )
}

/// The forum section of an area page: filters, join button, threads.
#[component]
pub fn ForumSection(data: Resource<Result<ForumPage, crate::error::AppError>>) -> impl IntoView {
    let m = msg(use_lang());
    view! {
        <section aria-labelledby="forum-h" class="forum">
            <h2 id="forum-h">{m.forum_heading}</h2>
            <Suspense fallback=move || view! { <p>{m.loading}</p> }>
                {move || Suspend::new(async move {
                    data.await.ok().map(|f| view! { <Forum f/> })
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn Forum(f: ForumPage) -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let area = f.area_id;
    let next = f.next.clone().map(|cursor| {
        let mut href = format!("/area/{area}?sort={}&after={cursor}", f.sort.code());
        if let Some(c) = f.category {
            href.push_str(&format!("&category={c}"));
        }
        if f.include_sub {
            href.push_str("&sub=1");
        }
        href
    });
    let sorts = [
        (ThreadSort::Activity, m.sort_activity),
        (ThreadSort::Newest, m.sort_newest),
        (ThreadSort::Replies, m.sort_replies),
    ];
    view! {
        <div class="forum-actions">
            <a class="button primary" href=format!("/new?area={area}")>{m.new_thread}</a>
            {f.joined.map(|joined| view! {
                <form method="post" action={post_url::<crate::api::JoinForum>()}>
                    <input type="hidden" name="area_id" value=area.to_string()/>
                    <input type="hidden" name="join" value=if joined { "0" } else { "1" }/>
                    <button type="submit">{if joined { m.leave_forum } else { m.join_forum }}</button>
                </form>
            })}
            <a class="feed" href=format!("/area/{area}/feed.atom")>{m.atom_feed}</a>
        </div>
        <form method="get" action=format!("/area/{area}") class="filters">
            <div class="field">
                <label for="filter-category">{m.category}</label>
                <select id="filter-category" name="category">
                    <option value="">{m.all_categories}</option>
                    {f.categories.into_iter().map(|c| view! {
                        <option value=c.id.to_string() selected=f.category == Some(c.id)>{c.name}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-sort">{m.sort_by}</label>
                <select id="filter-sort" name="sort">
                    {sorts.into_iter().map(|(s, label)| view! {
                        <option value=s.code() selected=f.sort == s>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="check">
                <input type="checkbox" id="filter-sub" name="sub" value="1" checked=f.include_sub/>
                <label for="filter-sub">{m.include_sub_areas}</label>
            </div>
            <button type="submit">{m.apply_filters}</button>
        </form>
        {(!f.pinned.is_empty()).then(|| view! {
            <h3>{crate::i18n::moderation::mmsg(use_lang()).pinned_heading}</h3>
            <ThreadList threads=f.pinned.clone()/>
        })}
        <ThreadList threads=f.threads show_area=f.include_sub/>
        {next.map(|href| view! {
            <nav class="pager" aria-label=m.more_pages><a href=href rel="next">{m.next_page}</a></nav>
        })}
    }
}

/// Threads as rows: title, where, who, how many replies, when last active.
#[component]
pub fn ThreadList(threads: Vec<ThreadSummary>, #[prop(optional)] show_area: bool) -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    if threads.is_empty() {
        return Either::Left(view! { <p class="empty">{m.no_threads}</p> });
    }
    Either::Right(view! {
        <ul class="threads">
            {threads.into_iter().map(|t| {
                let replies = if t.reply_count == 1 {
                    m.one_reply.to_owned()
                } else {
                    format!("{} {}", number(lang, t.reply_count), m.replies_word)
                };
                view! {
                    <li>
                        <a class="title" href=format!("/t/{}", t.id)>{t.title}</a>
                        <span class="meta">
                            <span class="tag">{t.category}</span>
                            {show_area.then(|| view! { " · " <a href=format!("/area/{}", t.area_id)>{t.area_name}</a> })}
                            {format!(" · {} · {} · {} {}", t.author, replies, m.last_post, t.last_activity)}
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

#[component]
pub fn ActivityList(items: Vec<ActivityItem>) -> impl IntoView {
    let m = msg(use_lang());
    if items.is_empty() {
        return Either::Left(view! { <p class="empty">{m.no_activity}</p> });
    }
    Either::Right(view! {
        <ul class="activity">
            {items
                .into_iter()
                .map(|i| {
                    view! {
                        <li>
                            <strong>{i.actor}</strong>
                            {format!(" {} ", match i.kind.as_str() {
                                "thread" => m.activity_thread,
                                "reply" => m.activity_reply,
                                _ => m.activity_joined,
                            })}
                            <a href=format!("/area/{}", i.area_id)>{i.area_name}</a>
                            <span class="meta">{i.when}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    })
}
