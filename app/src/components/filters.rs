//! The area and category choices of the filter forms of lists (proposals,
//! the desk, complaints, the dashboard), and links that change one of a
//! list's parameters.
use crate::components::status::urlencode;
use crate::components::use_lang;
use crate::i18n::msg;
use leptos::prelude::*;

/// The area choice of a filter form: the area filtered by (with a link to
/// the picker), or every area.
#[component]
pub fn AreaFilter(choice: Option<crate::model::AreaChoice>) -> impl IntoView {
    let lang = use_lang();
    view! { <super::area_picker::AreaPicker name="area" label=msg(lang).area choice/> }
}

/// The category choice of a filter form.
#[component]
pub fn CategoryFilter(categories: Vec<crate::model::Category>, selected: Option<i64>) -> impl IntoView {
    let m = msg(use_lang());
    view! {
        <div class="field">
            <label for="filter-category">{m.category}</label>
            <select id="filter-category" name="category">
                <option value="">{m.all_categories}</option>
                {categories.into_iter().map(|c| view! {
                    <option value=c.id.to_string() selected=selected == Some(c.id)>{c.name}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// `/area/1?after=…` style links keep the current query but change one key.
pub fn with_param(path: &str, pairs: &[(&str, String)]) -> String {
    let q: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    if q.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", q.join("&"))
    }
}
