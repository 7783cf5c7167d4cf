pub mod amount;
pub mod area_picker;
pub mod correction;
pub mod filters;
pub mod form;
pub mod layout;
pub mod status;
pub mod suspension;

use crate::model::Lang;
use leptos::prelude::*;

/// The language this page renders in. The whole layout is rebuilt when it
/// changes, so components read it once.
pub fn use_lang() -> Lang {
    use_context::<RwSignal<Lang>>()
        .map(|l| l.get_untracked())
        .unwrap_or_default()
}
