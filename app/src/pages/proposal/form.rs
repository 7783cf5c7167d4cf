//! The proposal form: a new proposal, and one's own draft edited.
use crate::api::{get_draft, get_new_proposal};
use crate::components::amount::AmountCheck;
use crate::components::area_picker::AreaPicker;
use crate::components::form::post_url;
use crate::components::form::CategorySelect;
use crate::components::form::{form_state, Field, FormError, FormState, PreviewBox, TextArea};
use crate::components::photos::{PhotoField, PointField};
use crate::components::post::body_hint;
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::domain::{BODY_MAX, TITLE_MAX};
use crate::i18n::msg;
use crate::i18n::proposals::pmsg;
use crate::model::DraftPage;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewProposalPage() -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let session = use_session();
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            q.get("area_id").or_else(|| q.get("area")).unwrap_or_default()
        },
        get_new_proposal,
    );
    view! {
        <Title text=format!("{} · Rembuk", p.new_proposal)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                let form = form_state::<crate::api::CreateProposal>();
                match data.await {
                    Ok(d) => Either::Left(view! {
                        <h1>{p.new_proposal}</h1>
                        <PreviewBox form=form.clone()/>
                        <form method="post" action={post_url::<crate::api::CreateProposal>()} class="narrow" enctype="multipart/form-data">
                            <FormError form=form.clone()/>
                            <Fields form=form.clone() area_choice=d.area_choice categories=d.categories/>
                            <div class="buttons">
                                <button type="submit" name="preview" value="1">{m.preview_button}</button>
                                <button type="submit">{p.save_draft}</button>
                                <button type="submit" class="primary" name="publish" value="1">{p.publish_now}</button>
                            </div>
                        </form>
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

/// One's own draft, to change before (or while) publishing it.
#[component]
pub fn EditProposalPage() -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let session = use_session();
    let params = use_params_map();
    let data = Resource::new_blocking(move || params.read().get("id").unwrap_or_default(), get_draft);
    view! {
        <Title text=format!("{} · Rembuk", p.edit_draft_title)/>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                let _ = session.await;
                let form = form_state::<crate::api::EditProposal>();
                match data.await {
                    Ok(d) => Either::Left(view! {
                        <h1>{p.edit_draft_title}</h1>
                        <p class="notice">{p.draft_notice}</p>
                        <PreviewBox form=form.clone()/>
                        <form method="post" action={post_url::<crate::api::EditProposal>()} class="narrow" enctype="multipart/form-data">
                            <FormError form=form.clone()/>
                            <input type="hidden" name="id" value=d.id.to_string()/>
                            <Fields form=form.clone() area_choice=d.area_choice.clone() categories=d.categories.clone() draft=d.clone()/>
                            <div class="buttons">
                                <button type="submit" name="preview" value="1">{m.preview_button}</button>
                                <button type="submit">{p.save_changes}</button>
                                <button type="submit" class="primary" name="publish" value="1">{p.publish_now}</button>
                            </div>
                            <p><a href=format!("/proposals/{}", d.id)>{p.cancel}</a></p>
                        </form>
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}

/// The fields of a proposal, empty or as a draft has them.
#[component]
fn Fields(
    form: FormState,
    area_choice: Option<crate::model::AreaChoice>,
    categories: Vec<crate::model::Category>,
    #[prop(optional)] draft: Option<DraftPage>,
) -> impl IntoView {
    let lang = use_lang();
    let (m, p) = (msg(lang), pmsg(lang));
    let d = draft.unwrap_or_default();
    let category = if d.category_id > 0 {
        d.category_id.to_string()
    } else {
        String::new()
    };
    view! {
        <Field form=form.clone() name="title" label=p.proposal_title hint=m.title_hint_short maxlength=TITLE_MAX required=true value=d.title/>
        <AreaPicker form=form.clone() name="area_id" label=m.area choice=area_choice required=true/>
        <CategorySelect form=form.clone() categories=categories value=category/>
        <TextArea form=form.clone() name="body" label=p.proposal_body hint=body_hint(lang) maxlength=BODY_MAX rows=10 value=d.body/>
        <Field form=form.clone() name="cost" label=p.cost hint=p.cost_hint maxlength=40 value=d.cost/>
        <AmountCheck form=form.clone() field="cost"/>
        <Field form=form.clone() name="location" label=p.location hint=p.location_hint maxlength=200 value=d.location/>
        <PointField form=form.clone() value=d.point/>
        <PhotoField form=form.clone()/>
    }
}
