//! The moderation queue: the open flags of the areas a moderator moderates,
//! each with its item in context, and the appeals they may decide.
use super::log::entry_for;
use super::{item, scope, Kind, PAGE};
use crate::db::{appeals, flags};
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::moderation::LogAction;
use crate::domain::permissions::{lists_appeal, may_act, may_know_complainant};
use crate::error::{AppError, AppResult};
use crate::model::{Lang, Me, QueueEntry, QueuePage, RedactItem};
use crate::server::AppState;
use crate::server::{areas, forums, time};

/// The open flags of the areas `me` moderates, oldest first, each with its
/// item in context; and the appeals `me` may decide. 403 for non-moderators.
pub async fn queue(st: &AppState, lang: Lang, me: &Me, redact: Option<(Kind, i64)>) -> AppResult<QueuePage> {
    let db = &st.db;
    let Some(scope) = scope(st, me).await? else {
        return Err(AppError::Forbidden);
    };
    // Editing personal data out starts from the text as written, for those
    // who may act on that item only.
    let redact = match redact {
        Some((kind, id)) => {
            let it = item(db, kind, id).await?;
            let moderated = areas::moderated_paths(st, Some(me)).await?;
            if !may_act(me, &moderated, &it.row.area_path, Some(it.row.author_id)) {
                return Err(AppError::Forbidden);
            }
            Some(RedactItem {
                kind: it.kind.code().to_owned(),
                id: it.row.id,
                title: it.row.title.clone(),
                url: it.url(),
                source: it.row.body_src.clone(),
            })
        }
        None => None,
    };
    let rows = flags::open(db, scope.within(), PAGE).await?;
    let mut entries = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(kind) = Kind::parse(&r.item_kind) else {
            continue;
        };
        let Ok(it) = item(db, kind, r.item_id).await else {
            continue;
        };
        let flags = flags::of_entry(db, r.id, r.first_flag_at).await?;
        let mut reasons: Vec<(String, i64)> = Vec::new();
        for f in &flags {
            match reasons.iter_mut().find(|(k, _)| *k == f.reason) {
                Some((_, n)) => *n += 1,
                None => reasons.push((f.reason.clone(), 1)),
            }
        }
        // Moderators judge what was written, not who wrote it: an anonymous
        // complainant is named only to those who may know (see
        // `complaints::page`).
        let author =
            (r.anonymous == 0 || may_know_complainant(me, r.complaint_agency.map(AgencyId))).then_some(r.author);
        let photos = match crate::db::photos::Item::from_parts(it.kind.code(), it.row.id) {
            Some(item) => crate::db::photos::of_item(&db.pool, item)
                .await?
                .into_iter()
                .map(|p| crate::server::photos::view(p, false, true))
                .collect(),
            None => Vec::new(),
        };
        entries.push(QueueEntry {
            id: r.id.0,
            kind: r.item_kind,
            item_id: it.row.id,
            seq: it.row.seq,
            url: it.url(),
            title: it.row.title.clone(),
            excerpt: forums::excerpt_of(&it.row.body_src),
            author,
            area_name: r.area_name,
            count: r.flag_count,
            reasons,
            notes: flags.into_iter().map(|f| f.note).filter(|n| !n.is_empty()).collect(),
            first_flag: time::date_time(lang, r.first_flag_at, &r.timezone),
            hidden: it.row.hidden_at.is_some(),
            official: it.row.official != 0,
            photos,
        });
    }
    let rows = appeals::open_within(db, UserId(me.id), scope.within(), PAGE).await?;
    let mut appeals = Vec::with_capacity(rows.len());
    for r in rows {
        if !lists_appeal(me, LogAction::parse(&r.action)) {
            continue;
        }
        let reveal = may_know_complainant(me, r.complaint_agency.map(AgencyId));
        appeals.push(entry_for(st, lang, &r, reveal).await?);
    }
    Ok(QueuePage {
        redact,
        entries,
        appeals,
    })
}
