//! The new-proposal form.
use crate::api::get_new_proposal;
use crate::components::amount::AmountCheck;
use crate::components::area_picker::AreaPicker;
use crate::components::form::post_url;
use crate::components::form::CategorySelect;
use crate::components::form::{form_state, Field, FormError, PreviewBox, TextArea};
use crate::components::post::body_hint;
use crate::components::session::use_session;
use crate::components::{status::ErrorView, use_lang};
use crate::domain::{BODY_MAX, TITLE_MAX};
use crate::i18n::msg;
use crate::i18n::proposals::pmsg;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
                        <form method="post" action={post_url::<crate::api::CreateProposal>()} class="narrow">
                            <FormError form=form.clone()/>
                            <Field form=form.clone() name="title" label=p.proposal_title hint=m.title_hint_short maxlength=TITLE_MAX required=true/>
                            <AreaPicker form=form.clone() name="area_id" label=m.area choice=d.area_choice.clone() required=true/>
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
                        </form>
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}
