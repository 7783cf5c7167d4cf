//! The service rating (SKM) a resident gives once their complaint or
//! proposal is settled.
use crate::components::form::{form_state, post_url, textarea_text, FormError};
use crate::components::use_lang;
use crate::i18n::complaints::cmsg;
use crate::i18n::error_message;
use crate::model::RatingState;
use leptos::either::Either;
use leptos::prelude::*;

/// The SKM rating of a complaint or proposal: the form while open, thanks
/// once done, nothing for those who may not rate.
#[component]
pub fn RatingSection(subject: &'static str, id: i64, rating: RatingState) -> impl IntoView {
    let lang = use_lang();
    let c = cmsg(lang);
    match rating {
        RatingState::None => None,
        RatingState::Done => Some(Either::Left(view! {
            <section class="rating" id="rating" aria-labelledby="rating-h">
                <h2 id="rating-h">{c.rating_heading}</h2>
                <p class="notice" role="status">{c.rating_done}</p>
            </section>
        })),
        RatingState::Open => {
            let form = form_state::<crate::api::Rate>();
            let scores = [c.score1, c.score2, c.score3, c.score4];
            Some(Either::Right(view! {
                <section class="rating" id="rating" aria-labelledby="rating-h">
                    <h2 id="rating-h">{c.rating_heading}</h2>
                    <p class="hint">{c.rating_intro}</p>
                    <form method="post" action={post_url::<crate::api::Rate>()}>
                        <FormError form=form.clone()/>
                        <input type="hidden" name="subject" value=subject/>
                        <input type="hidden" name="id" value=id.to_string()/>
                        {c.elements.into_iter().enumerate().map(|(i, name)| {
                            let field = format!("u{}", i + 1);
                            let chosen = form.value(&field, "");
                            let error = {
                                let form = form.clone();
                                let field = field.clone();
                                move || form.error.get().and_then(|e| e.for_field(&field))
                            };
                            let fieldset_id = format!("f-{field}");
                            view! {
                                <fieldset class="scale" id=fieldset_id>
                                    <legend>{format!("U{} · {name}", i + 1)}</legend>
                                    {scores.into_iter().enumerate().map(|(k, label)| {
                                        let v = (k + 1).to_string();
                                        let input_id = format!("f-{field}-{v}");
                                        let label_for = input_id.clone();
                                        view! {
                                            <label for=label_for>
                                                <input type="radio" id=input_id name=field.clone() value=v.clone() required=true checked=chosen == v/>
                                                {label}
                                            </label>
                                        }
                                    }).collect_view()}
                                    {move || error().map(|e| view! { <p class="error">{error_message(lang, &e)}</p> })}
                                </fieldset>
                            }
                        }).collect_view()}
                        <div class="field">
                            <label for="f-comment">{c.rating_comment}</label>
                            <textarea id="f-comment" name="comment" maxlength="1000" rows="3">{textarea_text(form.value("comment", ""))}</textarea>
                        </div>
                        <div class="buttons"><button type="submit" class="primary">{c.rating_submit}</button></div>
                    </form>
                </section>
            }))
        }
    }
}
