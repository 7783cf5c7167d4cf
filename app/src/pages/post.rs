//! Writing: a new thread, editing or deleting a post, and (for moderators)
//! the earlier versions of a post.
use crate::api::{get_edit, get_new_thread, get_revisions};
use crate::components::area_picker::AreaPicker;
use crate::components::form::post_url;
use crate::components::form::CategorySelect;
use crate::components::form::{form_state, Field, FormError, PreviewBox, TextArea};
use crate::components::post::body_hint;
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::domain::{BODY_MAX, TITLE_MAX};
use crate::i18n::msg;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewThreadPage() -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let session = use_session();
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            q.get("area_id").or_else(|| q.get("area")).unwrap_or_default()
        },
        get_new_thread,
    );
    view! {
        <Title text=format!("{} · Rembuk", m.new_thread)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                let form = form_state::<crate::api::CreateThread>();
                match data.await {
                    Ok(p) => Either::Left(view! {
                        <h1>{m.new_thread}</h1>
                        <PreviewBox form=form.clone()/>
                        <form method="post" action={post_url::<crate::api::CreateThread>()} class="narrow" enctype="multipart/form-data">
                            <FormError form=form.clone()/>
                            <Field form=form.clone() name="title" label=m.thread_title hint=m.title_hint_short maxlength=TITLE_MAX required=true/>
                            <AreaPicker form=form.clone() name="area_id" label=m.area choice=p.area_choice.clone() required=true/>
                            <CategorySelect form=form.clone() categories=p.categories/>
                            <TextArea form=form.clone() name="body" label=m.thread_body hint=body_hint(lang) maxlength=BODY_MAX rows=10/>
                            <crate::components::photos::PhotoField form=form.clone()/>
                            <div class="buttons">
                                <button type="submit" name="preview" value="1">{m.preview_button}</button>
                                <button type="submit" class="primary">{m.publish_thread}</button>
                            </div>
                        </form>
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditPostPage() -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let session = use_session();
    let params = use_params_map();
    let data = Resource::new_blocking(move || params.read().get("id").unwrap_or_default(), get_edit);
    view! {
        <Title text=format!("{} · Rembuk", m.edit_title)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                let form = form_state::<crate::api::EditPost>();
                let delete_form = form_state::<crate::api::DeletePost>();
                match data.await {
                    Ok(p) => Either::Left({
                        let opening = p.title.is_some();
                        view! {
                        <nav aria-label=m.breadcrumbs class="crumbs">
                            <ol>
                                <li><a href="/">{m.nav_home}</a></li>
                                <li><a href=format!("/t/{}", p.thread_id)>{p.thread_title.clone()}</a></li>
                                <li aria-current="page">{m.edit_title}</li>
                            </ol>
                        </nav>
                        <h1>{m.edit_title}</h1>
                        <PreviewBox form=form.clone()/>
                        <form method="post" action={post_url::<crate::api::EditPost>()} class="narrow">
                            <FormError form=form.clone()/>
                            <input type="hidden" name="post_id" value=p.post_id.to_string()/>
                            {p.title.clone().map(|t| view! {
                                <Field form=form.clone() name="title" label=m.thread_title hint=m.title_hint_short value=t maxlength=TITLE_MAX required=true/>
                            })}
                            <TextArea form=form.clone() name="body" label=m.thread_body hint=body_hint(lang) maxlength=BODY_MAX value=p.body.clone() rows=10/>
                            <p class="hint">{m.edit_note}</p>
                            <div class="buttons">
                                <button type="submit" name="preview" value="1">{m.preview_button}</button>
                                <button type="submit" class="primary">{m.save}</button>
                            </div>
                        </form>
                        <section class="danger narrow" aria-labelledby="delete-h">
                            <h2 id="delete-h">{m.delete_heading}</h2>
                            <p>{if opening { m.delete_thread_note } else { m.delete_note }}</p>
                            <form method="post" action={post_url::<crate::api::DeletePost>()}>
                                <FormError form=delete_form/>
                                <input type="hidden" name="post_id" value=p.post_id.to_string()/>
                                <button type="submit" class="danger">{m.delete_button}</button>
                            </form>
                        </section>
                    }}),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn RevisionsPage() -> impl IntoView {
    let m = msg(use_lang());
    let params = use_params_map();
    let data = Resource::new_blocking(move || params.read().get("id").unwrap_or_default(), get_revisions);
    view! {
        <Title text=format!("{} · Rembuk", m.history_title)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => Either::Left(view! {
                        <nav aria-label=m.breadcrumbs class="crumbs">
                            <ol>
                                <li><a href="/">{m.nav_home}</a></li>
                                <li><a href=p.url.clone()>{p.thread_title.clone()}</a></li>
                                <li aria-current="page">{m.history_title}</li>
                            </ol>
                        </nav>
                        <h1>{m.history_title}</h1>
                        <h2>{m.current_version}</h2>
                        {if p.deleted {
                            Either::Left(view! { <p class="placeholder">{m.post_deleted}</p> })
                        } else {
                            Either::Right(view! { <pre class="source">{p.current.clone()}</pre> })
                        }}
                        <h2>{m.earlier_versions}</h2>
                        <ol class="revisions">
                            {p.revisions.into_iter().map(|r| view! {
                                <li>
                                    <p class="meta">{format!("{} {} · {} {} ({})", m.written_at, r.written, m.replaced_at, r.replaced, r.replaced_by)}</p>
                                    {r.title.map(|t| view! { <p><strong>{t}</strong></p> })}
                                    <pre class="source">{r.body}</pre>
                                </li>
                            }).collect_view()}
                        </ol>
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}
