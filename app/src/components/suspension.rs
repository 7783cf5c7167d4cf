//! A suspension or ban in force, as one line of text: in the header of the
//! suspended person's own pages, on their profile and in place of a reply
//! form.
use crate::i18n::moderation::mmsg;
use crate::model::{Lang, Suspension};

pub fn suspension_text(lang: Lang, s: &Suspension) -> String {
    let mm = mmsg(lang);
    match &s.until {
        Some(t) => format!("{} {t}. {}: {}", mm.suspended_banner, mm.reason_word, s.reason),
        None => format!("{} {}: {}", mm.banned_banner, mm.reason_word, s.reason),
    }
}
