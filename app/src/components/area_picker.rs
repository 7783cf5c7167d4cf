//! Choosing one area among Indonesia's 91,000 without ever sending the tree.
//! The form carries the chosen id in a hidden field and shows the area with
//! its ancestors. Without JavaScript, "Change area" opens the picker page
//! (search by name, or step down from the province, each step a plain GET),
//! which sends the person back with `?{name}={id}`. With JavaScript, a
//! search box offers matches as the person types.
use super::use_lang;
use crate::components::form::FormState;
use crate::domain::urlencode;
use crate::i18n::areas::amsg;
use crate::i18n::error_message;
use crate::model::AreaChoice;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The current page's address without the parameter `name`, for the picker
/// page to send the person back to.
fn here_without(name: &str) -> String {
    let loc = use_location();
    let path = loc.pathname.get_untracked();
    let search = loc.search.get_untracked();
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some(name))
        .collect();
    if kept.is_empty() {
        path
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// The picker page's address for the field `name`, coming back to `to`.
pub fn pick_href(to: &str, name: &str) -> String {
    format!("/areas/pick?to={}&field={name}", urlencode(to))
}

/// The area field of a form (`required`) or of a list's filter (not
/// required: it can be cleared to mean every area).
#[component]
pub fn AreaPicker(
    /// The form's state (its error and the values of a no-JS post).
    #[prop(optional)]
    form: Option<FormState>,
    name: &'static str,
    label: &'static str,
    /// The area chosen now (from the page's data).
    choice: Option<AreaChoice>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let lang = use_lang();
    // A no-JS post that came back keeps the id it sent.
    let kept = form.as_ref().map(|f| f.value(name, "")).filter(|v| !v.is_empty());
    let choice = match (choice, kept) {
        (Some(c), Some(k)) if k != c.id.to_string() => None,
        (c, _) => c,
    };
    let error = form
        .as_ref()
        .and_then(|f| f.error.get_untracked())
        .and_then(|e| e.for_field(name))
        .map(|e| error_message(lang, &e));
    let here = here_without(name);
    let change = pick_href(&here, name);
    let clear = (!required).then_some(here);
    view! {
        <AreaField
            lang
            name=name.to_owned()
            label=label.to_owned()
            choice
            hint=hint.map(str::to_owned)
            error
            change
            clear
        />
    }
}

/// The picker itself, the one part of a form that runs in the browser: the
/// page's script (when it has one) adds a search box that offers matches as
/// the person types. Everything it shows comes in its props, already
/// translated, so it needs nothing else from the page.
#[island]
fn AreaField(
    lang: crate::model::Lang,
    name: String,
    label: String,
    choice: Option<AreaChoice>,
    hint: Option<String>,
    /// The field's error from the last submission, translated.
    error: Option<String>,
    /// The picker page's address, for stepping down the tree without script.
    change: String,
    /// "All areas" (a list filter only).
    clear: Option<String>,
) -> impl IntoView {
    let a = amsg(lang);
    let id = format!("f-{name}");
    let (hint_id, err_id, q_id, list_id) = (
        format!("{id}-hint"),
        format!("{id}-err"),
        format!("{id}-q"),
        format!("{id}-list"),
    );
    let described = [(hint.is_some(), hint_id.clone()), (error.is_some(), err_id.clone())]
        .into_iter()
        .filter_map(|(on, id)| on.then_some(id))
        .collect::<Vec<_>>()
        .join(" ");
    let invalid = error.is_some();
    let selected = RwSignal::new(choice);
    // The type-ahead exists only once the page runs its script.
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let query = RwSignal::new(String::new());
    let matches = RwSignal::new(Vec::<AreaChoice>::new());
    let on_input = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        query.set(q.clone());
        if q.trim().chars().count() < 2 {
            matches.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(found) = crate::api::search_areas(q.clone()).await {
                if query.get_untracked() == q {
                    matches.set(found);
                }
            }
        });
    };
    view! {
        <fieldset class="field picker" class:invalid=invalid>
            <legend>{label}</legend>
            <input type="hidden" name=name value=move || selected.get().map(|c| c.id.to_string()).unwrap_or_default()/>
            <p class="chosen" id=id tabindex="-1" aria-describedby=(!described.is_empty()).then_some(described) aria-live="polite">
                {move || match selected.get() {
                    Some(c) => c.label(),
                    None => a.none_chosen.to_owned(),
                }}
            </p>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {error.map(|e| view! { <p class="error" id=err_id>{e}</p> })}
            <p class="picker-links">
                <a href=change>{a.change}</a>
                {clear.map(|clear| view! {
                    " · "
                    <a href=clear>{a.all_areas}</a>
                })}
            </p>
            <div class="typeahead" hidden=move || !scripted.get()>
                <label for=q_id.clone()>{a.search_label}</label>
                <input
                    id=q_id
                    type="search"
                    autocomplete="off"
                    maxlength="100"
                    placeholder=a.search_hint
                    aria-controls=list_id.clone()
                    prop:value=move || query.get()
                    on:input=on_input
                />
                <ul id=list_id class="matches">
                    <For each=move || matches.get() key=|c| c.id let:c>
                        {
                            let text = c.label();
                            view! {
                                <li>
                                    <button type="button" class="link" on:click=move |_| {
                                        selected.set(Some(c.clone()));
                                        matches.set(Vec::new());
                                        query.set(String::new());
                                    }>{text}</button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </div>
        </fieldset>
    }
}
