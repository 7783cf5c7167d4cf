//! The public log: every action, appeal and decision, newest first, by area
//! or moderator; and one row's page with its appeal and decision.
use super::{moderated, PAGE};
use crate::db::mod_log::{self, LogFilter, LogRow, PathRange};
use crate::db::Db;
use crate::domain::forum_rules::post_url;
use crate::domain::ids::{AreaId, ModLogId, UserId};
use crate::domain::moderation::{AppealState, Detail, LogAction, Subject};
use crate::domain::permissions::{may_appeal, may_decide};
use crate::error::{AppError, AppResult};
use crate::model::{Lang, LogEntry, LogEntryPage, LogPage, Me};
use crate::server::forums;
use crate::server::AppState;
use crate::server::{areas, time};

/// The row as the public log shows it.
async fn entry(st: &AppState, lang: Lang, r: &LogRow) -> AppResult<LogEntry> {
    entry_for(st, lang, r, false).await
}

/// The row; `reveal` for a viewer who may know an anonymous complainant
/// (see `permissions::may_know_complainant`). Otherwise a row about an
/// anonymous complaint names neither its complainant as the one it
/// concerns, nor as the one who appealed.
pub(super) async fn entry_for(st: &AppState, lang: Lang, r: &LogRow, reveal: bool) -> AppResult<LogEntry> {
    let hide = r.anonymous != 0 && !reveal;
    let target = if hide { None } else { r.target.clone() };
    let (actor, actor_username) = if hide && r.complainant_id == Some(r.actor_id) {
        (String::new(), None)
    } else {
        (r.actor.clone(), Some(r.actor_username.clone()))
    };
    let item_url = match Subject::parse(&r.item_kind) {
        Some(Subject::Post) => post_url(
            crate::domain::ids::ThreadId(r.thread_id.unwrap_or_default()),
            r.seq.unwrap_or_default(),
        ),
        Some(Subject::Thread) => format!("/t/{}", r.item_id),
        Some(Subject::Proposal) => format!("/proposals/{}", r.item_id),
        Some(Subject::Complaint) => format!("/complaints/{}", r.item_id),
        Some(Subject::User) | None => format!("/u/{}", r.target.clone().unwrap_or_default()),
    };
    let detail = match Detail::parse(&r.detail) {
        Some(Detail::Move { area, category }) => {
            let name = areas::summary(st, lang, area.0)
                .await
                .map(|a| a.name)
                .unwrap_or_default();
            let cat = forums::categories(st, lang)
                .await?
                .into_iter()
                .find(|c| c.id == category.0)
                .map(|c| c.name)
                .unwrap_or_default();
            format!("{name} · {cat}")
        }
        Some(Detail::Merge { into }) => format!("#{into}"),
        Some(Detail::Photo { position }) => format!("{} {position}", crate::i18n::photos::pmsg(lang).photo_n),
        Some(Detail::None) | None => String::new(),
    };
    Ok(LogEntry {
        id: r.id.0,
        when: time::date_time(lang, r.created_at, &r.timezone),
        actor,
        actor_username,
        action: r.action.clone(),
        item_kind: r.item_kind.clone(),
        item_id: r.item_id,
        item_url,
        target,
        area_name: r.area_name.clone(),
        reason: r.reason.clone(),
        until: r.until.map(|t| time::date_time(lang, t, &r.timezone)),
        detail,
        ref_id: r.ref_id.map(|x| x.0),
        appeal_state: r.appeal_state.clone(),
    })
}

/// The public log, newest first: of an area and its sub-areas, of one
/// moderator (by username), before row `before`.
pub async fn log_page(
    st: &AppState,
    lang: Lang,
    area_id: Option<AreaId>,
    moderator: &str,
    before: Option<ModLogId>,
) -> AppResult<LogPage> {
    let db = &st.db;
    let area = match area_id {
        Some(a) => {
            let path = areas::path(st, a.0).await?.ok_or(AppError::NotFound)?;
            Some(PathRange {
                end: forums::path_end(&path),
                start: path,
            })
        }
        None => None,
    };
    let moderator = moderator.trim();
    let key = moderator.to_lowercase();
    let filter = LogFilter {
        before,
        area: area.as_ref(),
        actor_key: (!moderator.is_empty()).then_some(key.as_str()),
    };
    let mut rows = mod_log::page(db, &filter, PAGE + 1).await?;
    let next = if rows.len() as i64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|r| r.id.0)
    } else {
        None
    };
    let mut entries = Vec::with_capacity(rows.len());
    for r in &rows {
        entries.push(entry(st, lang, r).await?);
    }
    Ok(LogPage {
        entries,
        next,
        area_id: area_id.map(i64::from),
        moderator: moderator.to_owned(),
        area_choice: areas::maybe_choice(st, lang, area_id.map(i64::from), false).await?,
    })
}

pub(super) async fn log_row(db: &Db, id: ModLogId) -> AppResult<LogRow> {
    mod_log::by_id(db, id).await?.ok_or(AppError::NotFound)
}

/// May `me` decide the open appeal of this action? Another moderator of its
/// area, or an admin; a ban's appeal only an admin.
pub(super) async fn may_decide_row(st: &AppState, me: &Me, r: &LogRow) -> AppResult<bool> {
    // The cheap checks first: a row one took part in needs no area.
    if r.actor_id == UserId(me.id) || r.target_id == Some(UserId(me.id)) {
        return Ok(false);
    }
    let moderated = moderated(st, me).await?;
    Ok(may_decide(
        me,
        &moderated,
        r.actor_id,
        r.target_id,
        LogAction::parse(&r.action),
        &r.area_path,
    ))
}

/// One log row with its appeal and decision, and what `me` may do with it.
pub async fn entry_page(st: &AppState, lang: Lang, me: Option<&Me>, id: ModLogId) -> AppResult<LogEntryPage> {
    let db = &st.db;
    let r = log_row(db, id).await?;
    let related_rows = mod_log::referring_to(db, id).await?;
    let mut related = Vec::with_capacity(related_rows.len());
    for x in &related_rows {
        related.push(entry(st, lang, x).await?);
    }
    let appeal = r.appeal_state.as_deref().map(AppealState::parse);
    let can_appeal = me
        .is_some_and(|m| appeal.is_none() && may_appeal(m, r.actor_id, r.target_id, LogAction::parse(&r.action), None));
    let can_decide = match me {
        Some(me) if appeal == Some(Some(AppealState::Open)) => may_decide_row(st, me, &r).await?,
        _ => false,
    };
    let original = if me.is_some_and(Me::is_admin) {
        mod_log::original(db, id).await?
    } else {
        None
    };
    Ok(LogEntryPage {
        entry: entry(st, lang, &r).await?,
        related,
        can_appeal,
        can_decide,
        original,
    })
}
