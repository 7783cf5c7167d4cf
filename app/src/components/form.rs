//! Form pieces shared by every page: the error of the last submission (the
//! server's, after a post that came back) next to its field, and what the
//! person typed, kept.
use crate::components::session::Session;
use crate::components::use_lang;
use crate::error::AppError;
use crate::i18n::fields::{field_label, field_message, smsg};
use crate::i18n::{area_kind, error_message, field_problem, msg};
use crate::model::{AreaSummary, Category, FormFlash};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[derive(Clone)]
pub struct FormState {
    pub error: Signal<Option<AppError>>,
    pub flash: Option<FormFlash>,
}

impl FormState {
    /// The value to show again in field `name`, or `fallback`.
    pub fn value(&self, name: &str, fallback: &str) -> String {
        self.flash
            .as_ref()
            .and_then(|f| f.field(name))
            .unwrap_or_else(|| fallback.to_owned())
    }
}

/// Where a form for server function `S` posts: a plain HTML form, the same
/// with or without script (only islands run in the browser).
pub fn post_url<S: ServerFn>() -> &'static str {
    S::PATH
}

/// The state of a form for server function `S`. Call it where the session
/// has resolved (inside a `Suspend` after `session.await`), so the error and
/// values of a post that came back are known.
pub fn form_state<S: ServerFn>() -> FormState {
    plain_form_state(&[S::PATH])
}

/// The state of a plain HTML form posted to `path` (an admin form that
/// needs no script): only the error and values a no-JS post came back with.
pub fn plain_form_state(paths: &[&'static str]) -> FormState {
    let flash = use_context::<Session>()
        .and_then(|s| s.get_untracked())
        .and_then(|s| s.ok())
        .and_then(|s| s.flash)
        .filter(|f| paths.contains(&f.action.as_str()));
    let error = flash.as_ref().and_then(|f| f.error.clone());
    FormState {
        error: Signal::derive(move || error.clone()),
        flash,
    }
}

/// `aria-describedby` for a field: its hint, and its error while it has one.
fn described_by<E: Fn() -> Option<AppError>>(
    has_hint: bool,
    hint_id: &str,
    err_id: &str,
    error: E,
) -> impl Fn() -> Option<String> {
    let (hint_id, err_id) = (hint_id.to_owned(), err_id.to_owned());
    move || {
        let ids: Vec<&str> = [(has_hint, hint_id.as_str()), (error().is_some(), err_id.as_str())]
            .into_iter()
            .filter_map(|(on, id)| on.then_some(id))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The error summary at the top of a form that came back: every problem at
/// once, each a link to its field (or the form's one error, when it belongs
/// to no field). It takes focus as the page loads, with or without script,
/// so the page opens on it and a screen reader reads it first.
#[component]
pub fn FormError(form: FormState) -> impl IntoView {
    let lang = use_lang();
    let error = form.error.get_untracked().filter(|e| {
        !matches!(
            e,
            AppError::Preview { .. }
                | AppError::Confirm { .. }
                | AppError::Template { .. }
                | AppError::ConfirmAmount { .. }
        )
    })?;
    let fields = error.field_errors();
    let items: Vec<(Option<String>, String)> = if fields.is_empty() {
        vec![(None, error_message(lang, &error))]
    } else {
        fields
            .into_iter()
            .map(|f| {
                let text = match (field_message(lang, &f.field, f.problem), field_label(lang, &f.field)) {
                    (Some(specific), _) => specific.to_owned(),
                    (None, Some(label)) => format!("{label}: {}", field_problem(lang, f.problem)),
                    (None, None) => field_problem(lang, f.problem),
                };
                (Some(format!("#f-{}", f.field)), text)
            })
            .collect()
    };
    Some(view! {
        <div class="error-summary" role="alert" tabindex="-1" autofocus=true aria-labelledby="error-summary-h">
            <h2 id="error-summary-h">{smsg(lang).heading}</h2>
            <ul>
                {items.into_iter().map(|(href, text)| match href {
                    Some(href) => Either::Left(view! { <li><a href=href>{text}</a></li> }),
                    None => Either::Right(view! { <li>{text}</li> }),
                }).collect_view()}
            </ul>
        </div>
    })
}

#[component]
pub fn Field(
    form: FormState,
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional, into)] value: String,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("f-{name}");
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-err");
    let initial = if kind == "password" {
        String::new()
    } else {
        form.value(name, &value)
    };
    let error = move || form.error.get().and_then(|e| e.for_field(name));
    let described = described_by(hint.is_some(), &hint_id, &err_id, error);
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                value=initial
                autocomplete=autocomplete
                maxlength=maxlength
                required=required
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <Show when=move || error().is_some()>
                <p class="error" id=err_id.clone()>{move || error().map(|e| error_message(lang, &e))}</p>
            </Show>
        </div>
    }
}

/// A `<select>` over the area tree, indented by depth.
#[component]
pub fn AreaSelect(
    form: FormState,
    name: &'static str,
    label: &'static str,
    areas: Vec<AreaSummary>,
    #[prop(optional)] selected: Option<i64>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let id = format!("f-{name}");
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-err");
    let chosen = form.value(name, &selected.map(|s| s.to_string()).unwrap_or_default());
    let error = move || form.error.get().and_then(|e| e.for_field(name));
    let described = described_by(hint.is_some(), &hint_id, &err_id, error);
    let options = areas
        .into_iter()
        .map(|a| {
            let value = a.id.to_string();
            let is_selected = value == chosen;
            let text = format!(
                "{}{} ({})",
                "\u{2003}".repeat(a.depth as usize),
                a.name,
                area_kind(lang, a.level, &a.kind_label)
            );
            view! { <option value=value selected=is_selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            <select id=id name=name required=required aria-invalid=move || error().map(|_| "true") aria-describedby=described>
                <option value="">{if required { m.choose_area } else { m.none_option }}</option>
                {options}
            </select>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <Show when=move || error().is_some()>
                <p class="error" id=err_id.clone()>{move || error().map(|e| error_message(lang, &e))}</p>
            </Show>
        </div>
    }
}

/// A multi-line field (Markdown bodies).
#[component]
pub fn TextArea(
    form: FormState,
    name: &'static str,
    label: &'static str,
    hint: String,
    maxlength: usize,
    #[prop(optional, into)] value: String,
    #[prop(default = 8)] rows: u32,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("f-{name}");
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-err");
    let initial = textarea_text(form.value(name, &value));
    let error = move || form.error.get().and_then(|e| e.for_field(name));
    let described = described_by(true, &hint_id, &err_id, error);
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                name=name
                rows=rows
                maxlength=maxlength
                required=true
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=described
            >{initial}</textarea>
            <p class="hint" id=hint_id>{hint}</p>
            <Show when=move || error().is_some()>
                <p class="error" id=err_id.clone()>{move || error().map(|e| error_message(lang, &e))}</p>
            </Show>
        </div>
    }
}

/// What a post will look like, after the preview button was pressed. The
/// HTML was sanitized on the server, as it is when the post is saved.
#[component]
pub fn PreviewBox(form: FormState) -> impl IntoView {
    let m = msg(use_lang());
    let html = move || match form.error.get() {
        Some(AppError::Preview { html }) => Some(html),
        _ => None,
    };
    view! {
        <Show when=move || html().is_some()>
            <section class="preview" aria-labelledby="preview-h">
                <h2 id="preview-h">{m.preview_heading}</h2>
                <div class="post-body" inner_html=move || html().unwrap_or_default()></div>
            </section>
        </Show>
    }
}

/// Leptos writes a `<textarea>`'s children into the HTML unescaped (as it
/// does for `<script>`), so typed text such as `</textarea><form…` would end
/// the element. On the server the text is escaped here; in the browser it is
/// set through the DOM, which needs no escaping (hydration keeps the node the
/// server sent). Every `<textarea>` prints its text through this.
pub fn textarea_text(s: String) -> String {
    if cfg!(feature = "ssr") {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    } else {
        s
    }
}

#[component]
pub fn CategorySelect(
    form: FormState,
    categories: Vec<Category>,
    /// The category chosen before (a draft's), if any.
    #[prop(optional, into)]
    value: String,
) -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let chosen = form.value("category_id", &value);
    let error = move || form.error.get().and_then(|e| e.for_field("category_id"));
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for="f-category_id">{m.category}</label>
            <select id="f-category_id" name="category_id" required=true aria-invalid=move || error().map(|_| "true")
                aria-describedby=move || error().map(|_| "f-category_id-err")>
                <option value="">{m.choose_category}</option>
                {categories.into_iter().map(|c| {
                    let v = c.id.to_string();
                    let sel = v == chosen;
                    view! { <option value=v selected=sel>{c.name}</option> }
                }).collect_view()}
            </select>
            <Show when=move || error().is_some()>
                <p class="error" id="f-category_id-err">{move || error().map(|e| crate::i18n::error_message(lang, &e))}</p>
            </Show>
        </div>
    }
}
