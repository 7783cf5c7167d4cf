//! A notification in one line, as its page and its email say it.
use super::msg;
use crate::model::{Lang, Notification};

/// One line of a notification: who replied to what, or what happened to a
/// proposal ("Usulan “…”: Jawaban resmi · Diterima · Dinas PUPR").
pub fn note_text(lang: Lang, n: &Notification) -> String {
    use crate::i18n::proposals::{event_name, pmsg, state_name};
    let m = msg(lang);
    if let Some(kind) = &n.desk {
        let nm = super::notify::nmsg(lang);
        let what = match kind.as_str() {
            "desk_new" => nm.desk_new,
            "desk_threshold" => nm.desk_threshold,
            "due_soon" => nm.due_soon,
            "plan_result" => crate::i18n::musrenbang::mmsg(lang).result_note,
            _ => nm.escalated,
        };
        return format!("{what}: “{}”", n.thread_title);
    }
    if let Some(action) = &n.moderation {
        return format!(
            "{}: {}",
            crate::i18n::moderation::mmsg(lang).note_action,
            crate::i18n::moderation::action_name(lang, action)
        );
    }
    match &n.proposal {
        Some(p) => {
            // A complaint's steps come the same way: named as what they are.
            let word = if n.url.starts_with("/complaints/") {
                crate::i18n::proposals::desk_labels(lang, "complaint", "").0
            } else if n.url.starts_with("/usulan/") {
                crate::i18n::musrenbang::mmsg(lang).usulan_word
            } else {
                pmsg(lang).proposal_word
            };
            let mut s = format!(
                "{} “{}”: {} · {}",
                word,
                n.thread_title,
                event_name(lang, &p.event),
                state_name(lang, &p.state_to)
            );
            if let Some(a) = &p.agency {
                s.push_str(&format!(" · {a}"));
            }
            s
        }
        None => format!(
            "{} {} “{}”",
            n.actor,
            if n.on_thread {
                m.replied_to_thread
            } else {
                m.replied_to_post
            },
            n.thread_title
        ),
    }
}
