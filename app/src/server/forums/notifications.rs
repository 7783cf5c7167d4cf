//! A person's notifications, as their page shows them.
use super::text::excerpt_of;
use crate::db::notifications::{self, NoteRow};
use crate::db::Db;
use crate::domain::forum_rules::post_url;
use crate::domain::ids::{ThreadId, UserId};
use crate::error::AppResult;
use crate::model::{Lang, Me, Notification, NotificationsPage, ProposalNote};
use crate::server::{record, time};

/// Notifications per page.
const PAGE: i64 = 20;

pub(crate) fn view(row: NoteRow, lang: Lang) -> Notification {
    let when = time::date_time(lang, row.created_at, &row.timezone);
    let unread = row.read_at.is_none();
    let actor = row.actor.unwrap_or_default();
    if let (Some(id), Some(action)) = (row.mod_log_id, row.mod_action) {
        return Notification {
            on_thread: false,
            proposal: None,
            actor,
            thread_title: String::new(),
            excerpt: row.mod_reason.unwrap_or_default(),
            url: format!("/moderation/log/{id}"),
            when,
            unread,
            moderation: Some(action),
            desk: None,
        };
    }
    if let (Some(c), Some(t), Some(a)) = (row.plan_cycle_id, row.plan_tier, row.plan_area_id) {
        return Notification {
            on_thread: false,
            proposal: None,
            actor: String::new(),
            thread_title: row.title,
            excerpt: String::new(),
            url: format!("/musrenbang/{c}/{t}/{a}"),
            when,
            unread,
            moderation: None,
            desk: Some(row.kind),
        };
    }
    let subject = match (row.proposal_id, row.complaint_id, row.usulan_id) {
        (Some(pid), _, _) => Some(format!("/proposals/{pid}#record")),
        (None, Some(cid), _) => Some(format!("/complaints/{cid}#steps")),
        (None, None, Some(uid)) => Some(format!("/usulan/{uid}")),
        _ => None,
    };
    if matches!(
        row.kind.as_str(),
        "desk_new" | "desk_threshold" | "due_soon" | "escalated"
    ) {
        return Notification {
            on_thread: false,
            proposal: None,
            actor: String::new(),
            thread_title: row.title,
            excerpt: String::new(),
            url: subject
                .map(|u| u.replace("#record", "").replace("#steps", ""))
                .unwrap_or_default(),
            when,
            unread,
            moderation: None,
            desk: Some(row.kind),
        };
    }
    match (subject, row.thread_id) {
        (Some(url), _) => {
            let c = row
                .content
                .and_then(|c| serde_json::from_str::<record::Content>(&c).ok());
            let excerpt = c
                .as_ref()
                .and_then(|c| c.text.as_deref())
                .map(excerpt_of)
                .unwrap_or_default();
            Notification {
                on_thread: false,
                proposal: c.map(|c| ProposalNote {
                    event: c.event,
                    state_to: c.state_to,
                    agency: c.agency.map(|a| a.name),
                }),
                actor,
                thread_title: row.title,
                excerpt,
                url,
                when,
                unread,
                moderation: None,
                desk: None,
            }
        }
        (None, thread) => Notification {
            on_thread: row.kind == "reply_thread",
            proposal: None,
            actor,
            thread_title: row.title,
            excerpt: row.excerpt.unwrap_or_default(),
            url: post_url(ThreadId(thread.unwrap_or_default()), row.seq.unwrap_or_default()),
            when,
            unread,
            moderation: None,
            desk: None,
        },
    }
}

pub async fn notifications(db: &Db, lang: Lang, me: &Me, before: Option<i64>) -> AppResult<NotificationsPage> {
    let mut rows = notifications::page(db, UserId(me.id), before.unwrap_or(i64::MAX), PAGE + 1).await?;
    let next = if rows.len() as i64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    Ok(NotificationsPage {
        items: rows.into_iter().map(|r| view(r, lang)).collect(),
        next,
    })
}

pub async fn mark_all_read(db: &Db, me: &Me, at: i64) -> AppResult<()> {
    Ok(notifications::mark_all_read(db, UserId(me.id), at).await?)
}
