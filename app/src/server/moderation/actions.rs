//! Moderators' actions on items (hide, restore, redact, dismiss, merge) and
//! on threads (lock, unlock, pin, unpin, move), each logged.
use super::{item, moderated, no_change, proposal_url, write_log, Action, Kind};
use crate::db::mod_log::NewEntry;
use crate::db::moderation::{self as items, ItemRow, Text};
use crate::db::{flags, Db};
use crate::domain::ids::{CategoryId, PostId, ProposalId, ThreadId, UserId};
use crate::domain::moderation::{reason, Detail, Subject};
use crate::domain::permissions::{may_act, moderates};
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::Me;
use crate::server::AppState;
use crate::server::{areas, forums};

/// Hides (`reason` Some) or shows again an item, with the thread it stands
/// for and its place in search. Returns false when it was already so.
pub(super) async fn set_hidden(
    conn: &mut sqlx::AnyConnection,
    db: &Db,
    kind: Kind,
    row: &ItemRow,
    reason: Option<&str>,
    at: i64,
) -> AppResult<bool> {
    if !items::set_item_hidden(conn, kind, row.id, reason, at).await? {
        return Ok(false);
    }
    if kind == Kind::Complaint {
        // Hidden: out of search; shown again: back in, if public.
        let id = crate::domain::ids::ComplaintId(row.id);
        match reason {
            Some(_) => crate::db::search::unindex_complaint(conn, db.backend, id).await?,
            None => crate::db::search::index_complaint(conn, db.backend, id).await?,
        }
    }
    // The thread an opening post (or a proposal) stands for leaves the lists
    // and search with it.
    let opening = match kind {
        Kind::Post if row.seq == Some(0) => row.thread_id,
        Kind::Proposal => row.thread_id,
        _ => None,
    };
    let hidden = reason.map(|_| at);
    if let Some(t) = opening {
        items::set_thread_hidden(conn, t, hidden).await?;
    }
    let post = match kind {
        Kind::Post => Some(PostId(row.id)),
        Kind::Proposal => match row.thread_id {
            Some(t) => items::opening_post(conn, t).await?,
            None => None,
        },
        Kind::Complaint => None,
    };
    if let Some(pid) = post {
        if kind == Kind::Proposal {
            items::set_post_hidden(conn, pid, hidden, reason).await?;
        }
        if let Some(t) = opening {
            // Every reply of a hidden thread leaves search with it, or a
            // search would still find them (and show the thread's title).
            forums::search::index_thread(conn, db.backend, t, reason.is_none()).await?;
        } else if reason.is_some() {
            crate::db::search::unindex_post(conn, db.backend, pid).await?;
        } else {
            let doc = items::post_doc(conn, pid).await?;
            let doc = forums::search_doc(doc.title.as_deref(), &doc.body_src);
            crate::db::search::index_post(conn, db.backend, pid, &doc).await?;
        }
    }
    Ok(true)
}

/// Replaces an item's text (a redaction, or its reversal).
pub(super) async fn set_text(
    conn: &mut sqlx::AnyConnection,
    db: &Db,
    kind: Kind,
    row: &ItemRow,
    src: &str,
) -> AppResult<()> {
    let html = forums::render("text", src)?;
    let excerpt = forums::excerpt_of(src);
    let text = Text {
        src,
        html: &html,
        excerpt: &excerpt,
    };
    items::set_item_text(conn, kind, row.id, &text).await?;
    if kind == Kind::Complaint {
        // A redaction leaves no trace of the words it took out in search.
        crate::db::search::index_complaint(conn, db.backend, crate::domain::ids::ComplaintId(row.id)).await?;
    }
    let post = match kind {
        Kind::Post => Some(PostId(row.id)),
        Kind::Proposal => match row.thread_id {
            Some(t) => items::set_opening_text(conn, t, &text).await?,
            None => None,
        },
        Kind::Complaint => None,
    };
    if let (Some(pid), None) = (post, row.hidden_at) {
        let title = (kind == Kind::Proposal || row.seq == Some(0)).then_some(row.title.as_str());
        crate::db::search::index_post(conn, db.backend, pid, &forums::search_doc(title, src)).await?;
    }
    Ok(())
}

/// Acts on an item (`kind` post, proposal or complaint) or, for lock, pin and
/// move, on a thread (`kind` "thread", `id` the thread). Returns where to go.
pub async fn act(st: &AppState, me: &Me, kind: &str, id: i64, action: Action, why: &str, at: i64) -> AppResult<String> {
    let db = &st.db;
    if action.on_thread() {
        if Subject::parse(kind) != Some(Subject::Thread) {
            return Err(AppError::BadRequest);
        }
        return act_on_thread(st, me, ThreadId(id), action, why, at).await;
    }
    let kind = Kind::parse(kind).ok_or(AppError::BadRequest)?;
    let it = item(db, kind, id).await?;
    let (kind, row) = (it.kind, &it.row);
    let moderated = moderated(st, me).await?;
    if !may_act(me, &moderated, &row.area_path, Some(row.author_id)) {
        return Err(AppError::Forbidden);
    }
    if row.deleted != 0 && action != Action::Dismiss {
        return Err(AppError::Refused {
            reason: Refusal::Deleted,
        });
    }
    if action == Action::Hide && row.official != 0 {
        return Err(AppError::Refused {
            reason: Refusal::OfficialResponse,
        });
    }
    let why = reason("reason", why)?;
    let text = match &action {
        Action::Redact(t) => {
            let t = crate::domain::post_body("text", t)?;
            forums::render("text", &t)?;
            if t == row.body_src {
                return Err(no_change());
            }
            Some(t)
        }
        _ => None,
    };
    let merge_into = match &action {
        Action::Merge { into } => {
            if kind != Kind::Proposal {
                return Err(AppError::BadRequest);
            }
            Some(merge_target(db, me, &moderated, row, *into).await?)
        }
        _ => None,
    };
    let by = UserId(me.id);
    let mut tx = db.pool.begin().await?;
    let mut detail = Detail::None;
    let mut original = None;
    match &action {
        Action::Hide => {
            if !set_hidden(&mut tx, db, kind, row, Some(&why), at).await? {
                return Err(no_change());
            }
            flags::resolve(&mut tx, kind, row.id, by, at).await?;
        }
        Action::Restore => {
            if !set_hidden(&mut tx, db, kind, row, None, at).await? {
                return Err(no_change());
            }
        }
        Action::Redact(_) => {
            set_text(&mut tx, db, kind, row, text.as_deref().unwrap_or_default()).await?;
            flags::resolve(&mut tx, kind, row.id, by, at).await?;
            original = Some(row.body_src.as_str());
        }
        Action::Dismiss => {
            if flags::resolve(&mut tx, kind, row.id, by, at).await? == 0 {
                return Err(no_change());
            }
        }
        Action::Merge { .. } => {
            let into = merge_into.unwrap_or(ProposalId(0));
            merge(&mut tx, &st.config, ProposalId(row.id), into, &why, at).await?;
            // A merged proposal is hidden: its discussion leaves search.
            if let Some(t) = row.thread_id {
                forums::search::index_thread(&mut tx, db.backend, t, false).await?;
            }
            detail = Detail::Merge { into };
        }
        _ => return Err(AppError::BadRequest),
    }
    let target = (action != Action::Dismiss).then_some(row.author_id);
    write_log(
        &mut tx,
        NewEntry {
            actor: by,
            action: action.log_action(),
            subject: kind.into(),
            item_id: row.id,
            target,
            area: (row.area_id, &row.area_path),
            reason: &why,
            until: None,
            detail,
            ref_id: None,
            original,
        },
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(match action {
        Action::Merge { into } => proposal_url(into),
        _ => it.url(),
    })
}

/// Checks a merge of proposal `row` into `into`: the target exists, is public,
/// neither is merged, the target's area covers this one's, and `me`
/// moderates it too.
async fn merge_target(
    db: &Db,
    me: &Me,
    moderated: &[String],
    row: &ItemRow,
    into: ProposalId,
) -> AppResult<ProposalId> {
    let cannot = AppError::Refused {
        reason: Refusal::CannotMerge,
    };
    if into.0 == row.id {
        return Err(cannot);
    }
    let Some(target) = items::merge_target(db, into).await? else {
        return Err(AppError::field("into", FieldProblem::Unknown));
    };
    let this_merged = items::merged_into(db, ProposalId(row.id)).await?;
    if target.merged_into.is_some()
        || target.hidden_at.is_some()
        || this_merged.is_some()
        || !row.area_path.starts_with(&target.area_path)
    {
        return Err(cannot);
    }
    if !moderates(me, moderated, &target.area_path) {
        return Err(AppError::Forbidden);
    }
    Ok(into)
}

/// Moves `from`'s supports to `into` (a person who supports both counts
/// once), hides `from` as merged, and lets `into` cross its threshold.
async fn merge(
    conn: &mut sqlx::AnyConnection,
    config: &crate::server::Config,
    from: ProposalId,
    into: ProposalId,
    why: &str,
    at: i64,
) -> AppResult<()> {
    if !items::mark_merged(conn, from, into, why, at).await? {
        return Err(no_change());
    }
    let moved = items::move_supports(conn, from, into).await?;
    let s = items::add_supports(conn, into, moved, at).await?;
    let open = s.state == "published" || s.state == "under_review";
    if open && s.support_count >= s.threshold && s.awaiting_since.is_none() {
        crate::server::proposals::reach_threshold(conn, config, into, at).await?;
    }
    Ok(())
}

async fn act_on_thread(st: &AppState, me: &Me, id: ThreadId, action: Action, why: &str, at: i64) -> AppResult<String> {
    let db = &st.db;
    let t = items::thread(db, id).await?.ok_or(AppError::NotFound)?;
    let moderated = moderated(st, me).await?;
    if !may_act(me, &moderated, &t.area_path, Some(t.author_id)) {
        return Err(AppError::Forbidden);
    }
    if t.deleted != 0 {
        return Err(AppError::Refused {
            reason: Refusal::Deleted,
        });
    }
    let why = reason("reason", why)?;
    let unchanged = match action {
        Action::Lock => t.locked_at.is_some(),
        Action::Unlock => t.locked_at.is_none(),
        Action::Pin => t.pinned_at.is_some(),
        Action::Unpin => t.pinned_at.is_none(),
        _ => false,
    };
    if unchanged {
        return Err(no_change());
    }
    let mut detail = Detail::None;
    let mut moved_to = None;
    match &action {
        Action::Lock | Action::Unlock | Action::Pin | Action::Unpin => {}
        Action::Move { area_id, category_id } => {
            // A proposal's or usulan's discussion stays with its item.
            if t.proposal_id.is_some() || t.usulan_id.is_some() {
                return Err(AppError::field("area_id", FieldProblem::Invalid));
            }
            let path = areas::path(st, area_id.0)
                .await?
                .ok_or_else(|| AppError::field("area_id", FieldProblem::Unknown))?;
            if !areas::categories(st)
                .await?
                .iter()
                .any(|c| CategoryId(c.0) == *category_id)
            {
                return Err(AppError::field("category_id", FieldProblem::Unknown));
            }
            if !moderates(me, &moderated, &path) {
                return Err(AppError::Forbidden);
            }
            if *area_id == t.area_id && *category_id == t.category_id {
                return Err(no_change());
            }
            detail = Detail::Move {
                area: *area_id,
                category: *category_id,
            };
            moved_to = Some((*area_id, *category_id, path));
        }
        _ => return Err(AppError::BadRequest),
    }
    let mut tx = db.pool.begin().await?;
    match &action {
        Action::Lock => items::set_locked(&mut tx, id, Some(at)).await?,
        Action::Unlock => items::set_locked(&mut tx, id, None).await?,
        Action::Pin => items::set_pinned(&mut tx, id, Some(at)).await?,
        Action::Unpin => items::set_pinned(&mut tx, id, None).await?,
        _ => {}
    }
    if let Some((area, category, path)) = &moved_to {
        items::move_thread(&mut tx, id, *area, path, *category).await?;
        flags::move_thread(&mut tx, id, *area, path).await?;
    }
    // Logged in the area it was in (a move shows where it went).
    write_log(
        &mut tx,
        NewEntry {
            actor: UserId(me.id),
            action: action.log_action(),
            subject: Subject::Thread,
            item_id: id.0,
            target: Some(t.author_id),
            area: (t.area_id, &t.area_path),
            reason: &why,
            until: None,
            detail,
            ref_id: None,
            original: None,
        },
        at,
    )
    .await?;
    tx.commit().await?;
    st.caches.areas.forget_areas();
    Ok(format!("/t/{id}"))
}
