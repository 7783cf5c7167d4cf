//! The area and category choices of the filter forms of lists (proposals,
//! the desk, complaints, the dashboard).
use super::use_lang;
use crate::i18n::msg;
use crate::i18n::proposals::pmsg;
use leptos::prelude::*;

/// The area choice of a filter form: every area, indented by depth.
#[component]
pub fn AreaFilter(areas: Vec<crate::model::AreaSummary>, selected: Option<i64>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field">
            <label for="filter-area">{msg(lang).area}</label>
            <select id="filter-area" name="area">
                <option value="">{pmsg(lang).all_areas}</option>
                {areas.into_iter().map(|a| view! {
                    <option value=a.id.to_string() selected=selected == Some(a.id)>
                        {format!("{}{}", "\u{2003}".repeat(a.depth as usize), a.name)}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
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
