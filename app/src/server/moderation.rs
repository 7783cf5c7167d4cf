//! Moderation, in the open: flags collapse into one queue entry per item;
//! moderators of an area (and admins) hide, restore, redact, lock, pin, move
//! and merge, and suspend or ban accounts; every action is a row of the
//! public log, its author is notified and may appeal once; another moderator
//! of the area or an admin decides.
//!
//! Every function checks who is calling before it writes, and every
//! transaction writes first (see `forums`).
use super::forums::{self, path_end, post_url};
use super::{areas, time};
use crate::db::Db;
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::{
    AccountModeration, Lang, LogEntry, LogEntryPage, LogPage, Me, QueueEntry, QueuePage, Role, Suspension,
};
use sqlx::FromRow;

pub const REASONS: [&str; 5] = ["spam", "abuse", "off_topic", "personal_data", "other"];
/// Actions an author may appeal (each can be undone by the decision).
pub const APPEALABLE: [&str; 5] = ["hide", "redact", "lock", "suspend", "ban"];
/// Queue entries and log rows per page.
const PAGE: i64 = 50;
/// Longest suspension a moderator can give, in days (longer: a ban).
pub const MAX_SUSPENSION_DAYS: i64 = 365;

/// What can be flagged, hidden and redacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Post,
    Proposal,
    Complaint,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "post" => Some(Kind::Post),
            "proposal" => Some(Kind::Proposal),
            "complaint" => Some(Kind::Complaint),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Kind::Post => "post",
            Kind::Proposal => "proposal",
            Kind::Complaint => "complaint",
        }
    }
}

/// What moderation needs to know of an item.
#[derive(FromRow)]
struct ItemRow {
    id: i64,
    area_id: i64,
    area_path: String,
    author_id: i64,
    hidden_at: Option<i64>,
    deleted: i64,
    official: i64,
    thread_id: Option<i64>,
    seq: Option<i64>,
    proposal_id: Option<i64>,
    title: String,
    body_src: String,
}

struct Item {
    kind: Kind,
    row: ItemRow,
}

impl Item {
    fn url(&self) -> String {
        match self.kind {
            Kind::Post => post_url(self.row.thread_id.unwrap_or_default(), self.row.seq.unwrap_or_default()),
            Kind::Proposal => format!("/proposals/{}", self.row.id),
            Kind::Complaint => format!("/complaints/{}", self.row.id),
        }
    }
}

/// An item as the public may see it: drafts, private complaints and missing
/// ids are not found. A proposal's opening post is the proposal.
async fn item(db: &Db, kind: Kind, id: i64) -> AppResult<Item> {
    let sql = match kind {
        Kind::Post => {
            "SELECT p.id, t.area_id, t.area_path, p.author_id, p.hidden_at, \
             CAST(CASE WHEN p.deleted_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS deleted, \
             CAST(CASE WHEN p.agency_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS official, \
             p.thread_id, p.seq, t.proposal_id, t.title, p.body_src \
             FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1"
        }
        Kind::Proposal => {
            "SELECT p.id, p.area_id, p.area_path, p.author_id, p.hidden_at, \
             CAST(CASE WHEN p.state = 'draft' THEN 1 ELSE 0 END AS BIGINT) AS deleted, \
             CAST(0 AS BIGINT) AS official, p.thread_id, \
             CAST(NULL AS BIGINT) AS seq, CAST(NULL AS BIGINT) AS proposal_id, p.title, p.body_src \
             FROM proposals p WHERE p.id = $1 AND p.state <> 'draft'"
        }
        Kind::Complaint => {
            "SELECT c.id, c.area_id, c.area_path, c.author_id, c.hidden_at, CAST(0 AS BIGINT) AS deleted, \
             CAST(0 AS BIGINT) AS official, CAST(NULL AS BIGINT) AS thread_id, \
             CAST(NULL AS BIGINT) AS seq, CAST(NULL AS BIGINT) AS proposal_id, c.title, c.body_src \
             FROM complaints c WHERE c.id = $1 AND c.private = 0"
        }
    };
    let row: ItemRow = sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    if let (Kind::Post, Some(0), Some(pid)) = (kind, row.seq, row.proposal_id) {
        return Box::pin(item(db, Kind::Proposal, pid)).await;
    }
    Ok(Item { kind, row })
}

/// Does `me` moderate the area with this path? Admins everywhere, moderators
/// in their areas and below.
pub async fn moderates(db: &Db, me: &Me, path: &str) -> AppResult<bool> {
    forums::moderates(db, me, path).await
}

/// The moderator check of every action on someone's item: 403 outside
/// one's areas and on one's own posts.
async fn may_act(db: &Db, me: &Me, path: &str, author_id: Option<i64>) -> AppResult<()> {
    if !moderates(db, me, path).await? || author_id == Some(me.id) {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// A moderator's reason: required, at most 500 characters.
pub fn reason(field: &str, raw: &str) -> AppResult<String> {
    let r = raw.trim();
    if r.is_empty() {
        return Err(AppError::field(field, FieldProblem::Required));
    }
    if r.chars().count() > 500 {
        return Err(AppError::field(field, FieldProblem::TooLong { max: 500 }));
    }
    Ok(r.to_owned())
}

fn no_change() -> AppError {
    AppError::Refused {
        reason: Refusal::NoChange,
    }
}

/// Tells `user` of a moderation log row (written in the caller's transaction).
async fn notify(conn: &mut sqlx::AnyConnection, user: i64, log_id: i64, actor: i64, at: i64) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, mod_log_id, actor_id, created_at) VALUES ($1, 'moderation', $2, $3, $4)",
    )
    .bind(user)
    .bind(log_id)
    .bind(actor)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE users SET unread_count = unread_count + 1 WHERE id = $1")
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// One row of the log.
struct LogRow<'a> {
    actor: i64,
    action: &'a str,
    item_kind: &'a str,
    item_id: i64,
    target: Option<i64>,
    area: (i64, &'a str),
    reason: &'a str,
    until: Option<i64>,
    detail: String,
    ref_id: Option<i64>,
    original: Option<&'a str>,
}

async fn log(conn: &mut sqlx::AnyConnection, r: LogRow<'_>, at: i64) -> AppResult<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO mod_log (created_at, actor_id, action, item_kind, item_id, target_id, area_id, area_path, \
         reason, until, detail, ref_id, original) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         RETURNING id",
    )
    .bind(at)
    .bind(r.actor)
    .bind(r.action)
    .bind(r.item_kind)
    .bind(r.item_id)
    .bind(r.target)
    .bind(r.area.0)
    .bind(r.area.1)
    .bind(r.reason)
    .bind(r.until)
    .bind(r.detail)
    .bind(r.ref_id)
    .bind(r.original)
    .fetch_one(&mut *conn)
    .await?;
    if let Some(t) = r.target.filter(|t| *t != r.actor) {
        notify(conn, t, id, r.actor, at).await?;
    }
    Ok(id)
}

// ---------------------------------------------------------------- flags

/// Flags an item. Refused: a missing or non-public item (404), a deleted one,
/// a second flag by the same person. Returns the item's address.
pub async fn flag(db: &Db, me: &Me, kind: Kind, id: i64, reason: &str, note: &str, at: i64) -> AppResult<String> {
    if !REASONS.contains(&reason) {
        return Err(AppError::field("reason", FieldProblem::Invalid));
    }
    let note = note.trim();
    if reason == "other" && note.is_empty() {
        return Err(AppError::field("note", FieldProblem::Required));
    }
    if note.chars().count() > 500 {
        return Err(AppError::field("note", FieldProblem::TooLong { max: 500 }));
    }
    let it = item(db, kind, id).await?;
    if it.row.deleted != 0 {
        return Err(AppError::Refused {
            reason: Refusal::Deleted,
        });
    }
    let mut tx = db.pool.begin().await?;
    let queue: i64 = sqlx::query_scalar(
        "INSERT INTO flag_queue (item_kind, item_id, area_id, area_path, author_id, is_open, flag_count, \
         first_flag_at, last_flag_at) VALUES ($1, $2, $3, $4, $5, 1, 1, $6, $6) \
         ON CONFLICT (item_kind, item_id) DO UPDATE SET \
         flag_count = CASE WHEN flag_queue.is_open = 1 THEN flag_queue.flag_count + 1 ELSE 1 END, \
         first_flag_at = CASE WHEN flag_queue.is_open = 1 THEN flag_queue.first_flag_at ELSE excluded.first_flag_at END, \
         last_flag_at = excluded.last_flag_at, is_open = 1, resolved_by = NULL, resolved_at = NULL, \
         area_id = excluded.area_id, area_path = excluded.area_path RETURNING id",
    )
    .bind(it.kind.code())
    .bind(it.row.id)
    .bind(it.row.area_id)
    .bind(&it.row.area_path)
    .bind(it.row.author_id)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let added = sqlx::query(
        "INSERT INTO flags (item_kind, item_id, reporter_id, reason, note, created_at, queue_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(it.kind.code())
    .bind(it.row.id)
    .bind(me.id)
    .bind(reason)
    .bind(note)
    .bind(at)
    .bind(queue)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if added == 0 {
        // Rolled back with the transaction: the count stays as it was.
        return Err(AppError::Refused {
            reason: Refusal::AlreadyFlagged,
        });
    }
    tx.commit().await?;
    Ok(it.url())
}

#[derive(FromRow)]
struct QueueRow {
    id: i64,
    item_kind: String,
    item_id: i64,
    flag_count: i64,
    first_flag_at: i64,
    area_name: String,
    timezone: String,
    author: String,
    /// 1 for an anonymous or private complaint.
    anonymous: i64,
    complaint_agency: Option<i64>,
}

/// `AND (path range OR …)` for the areas `me` moderates (nothing for admins),
/// with the binds; None when `me` moderates nowhere.
async fn scope(db: &Db, me: &Me, column: &str) -> AppResult<Option<(String, Vec<String>)>> {
    if me.is_admin() {
        return Ok(Some((String::new(), Vec::new())));
    }
    let mut parts = Vec::new();
    let mut binds = Vec::new();
    for area in me
        .roles
        .iter()
        .filter(|r| r.role == Role::Moderator)
        .filter_map(|r| r.area_id)
    {
        if let Some(p) = areas::path(db, area).await? {
            parts.push(format!("({column} >= $0 AND {column} < $0)"));
            binds.push(path_end(&p));
            binds.insert(binds.len() - 1, p);
        }
    }
    if parts.is_empty() {
        return Ok(None);
    }
    Ok(Some((format!(" AND ({})", parts.join(" OR ")), binds)))
}

/// The open flags of the areas `me` moderates, oldest first, each with its
/// item in context; and the appeals `me` may decide. 403 for non-moderators.
pub async fn queue(db: &Db, lang: Lang, me: &Me) -> AppResult<QueuePage> {
    let Some((filter, binds)) = scope(db, me, "q.area_path").await? else {
        return Err(AppError::Forbidden);
    };
    let sql = forums::renumber(&format!(
        "SELECT q.id, q.item_kind, q.item_id, q.flag_count, q.first_flag_at, a.name AS area_name, a.timezone, \
         u.display_name AS author, {ANONYMOUS} AS anonymous, c.agency_id AS complaint_agency \
         FROM flag_queue q JOIN areas a ON a.id = q.area_id JOIN users u ON u.id = q.author_id \
         LEFT JOIN complaints c ON q.item_kind = 'complaint' AND c.id = q.item_id \
         WHERE q.is_open = 1{filter} ORDER BY q.first_flag_at, q.id LIMIT $0"
    ));
    let mut query = sqlx::query_as::<_, QueueRow>(&sql);
    for b in &binds {
        query = query.bind(b.clone());
    }
    let rows = query.bind(PAGE).fetch_all(&db.pool).await?;
    let mut entries = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(kind) = Kind::parse(&r.item_kind) else {
            continue;
        };
        let Ok(it) = item(db, kind, r.item_id).await else {
            continue;
        };
        let flags: Vec<(String, String)> =
            sqlx::query_as("SELECT reason, note FROM flags WHERE queue_id = $1 AND created_at >= $2 ORDER BY id")
                .bind(r.id)
                .bind(r.first_flag_at)
                .fetch_all(&db.pool)
                .await?;
        let mut reasons: Vec<(String, i64)> = Vec::new();
        for (reason, _) in &flags {
            match reasons.iter_mut().find(|(k, _)| k == reason) {
                Some((_, n)) => *n += 1,
                None => reasons.push((reason.clone(), 1)),
            }
        }
        // Moderators judge what was written, not who wrote it: an anonymous
        // complainant is named only to those who may know (see
        // `complaints::page`).
        let author = (r.anonymous == 0 || may_know_complainant(me, r.complaint_agency)).then_some(r.author);
        entries.push(QueueEntry {
            id: r.id,
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
            notes: flags.into_iter().map(|(_, n)| n).filter(|n| !n.is_empty()).collect(),
            first_flag: time::date_time(lang, r.first_flag_at, &r.timezone),
            hidden: it.row.hidden_at.is_some(),
            official: it.row.official != 0,
        });
    }
    let Some((filter, binds)) = scope(db, me, "m.area_path").await? else {
        return Err(AppError::Forbidden);
    };
    let sql = forums::renumber(&format!(
        "{LOG_SELECT} WHERE m.appeal_state = 'open' AND m.actor_id <> $0{filter} ORDER BY m.id LIMIT $0"
    ));
    let mut query = sqlx::query_as::<_, LogQueryRow>(&sql).bind(me.id);
    for b in &binds {
        query = query.bind(b.clone());
    }
    let rows = query.bind(PAGE).fetch_all(&db.pool).await?;
    let mut appeals = Vec::with_capacity(rows.len());
    for r in rows {
        if r.action == "ban" && !me.is_admin() {
            continue;
        }
        let reveal = may_know_complainant(me, r.complaint_agency);
        appeals.push(r.entry_for(db, lang, reveal).await?);
    }
    Ok(QueuePage { entries, appeals })
}

// ---------------------------------------------------------------- actions

/// A moderator's action on a post, proposal, complaint or thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Hide,
    Restore,
    /// Edit out personal data: the new text (the original kept for admins).
    Redact(String),
    /// Close the item's flags without acting on it.
    Dismiss,
    Lock,
    Unlock,
    Pin,
    Unpin,
    Move {
        area_id: i64,
        category_id: i64,
    },
    /// Merge this proposal into another.
    Merge {
        into: i64,
    },
}

impl Action {
    pub fn code(&self) -> &'static str {
        match self {
            Action::Hide => "hide",
            Action::Restore => "restore",
            Action::Redact(_) => "redact",
            Action::Dismiss => "dismiss",
            Action::Lock => "lock",
            Action::Unlock => "unlock",
            Action::Pin => "pin",
            Action::Unpin => "unpin",
            Action::Move { .. } => "move",
            Action::Merge { .. } => "merge",
        }
    }

    fn on_thread(&self) -> bool {
        matches!(
            self,
            Action::Lock | Action::Unlock | Action::Pin | Action::Unpin | Action::Move { .. }
        )
    }
}

/// Closes the open queue entry of an item, if it has one.
async fn resolve_flags(conn: &mut sqlx::AnyConnection, kind: Kind, id: i64, me: i64, at: i64) -> AppResult<u64> {
    Ok(sqlx::query(
        "UPDATE flag_queue SET is_open = 0, resolved_by = $1, resolved_at = $2 \
         WHERE item_kind = $3 AND item_id = $4 AND is_open = 1",
    )
    .bind(me)
    .bind(at)
    .bind(kind.code())
    .bind(id)
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// Hides (`reason` Some) or shows again an item. Returns false when it was
/// already so.
async fn set_hidden(
    conn: &mut sqlx::AnyConnection,
    db: &Db,
    kind: Kind,
    row: &ItemRow,
    reason: Option<&str>,
    at: i64,
) -> AppResult<bool> {
    let table = match kind {
        Kind::Post => "posts",
        Kind::Proposal => "proposals",
        Kind::Complaint => "complaints",
    };
    let hide = format!("UPDATE {table} SET hidden_at = $1, hidden_reason = $2 WHERE id = $3 AND hidden_at IS NULL");
    let show =
        format!("UPDATE {table} SET hidden_at = NULL, hidden_reason = NULL WHERE id = $1 AND hidden_at IS NOT NULL");
    let changed = match reason {
        Some(why) => sqlx::query(&hide).bind(at).bind(why).bind(row.id),
        None => sqlx::query(&show).bind(row.id),
    }
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(false);
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
        sqlx::query("UPDATE threads SET hidden_at = $1 WHERE id = $2")
            .bind(hidden)
            .bind(t)
            .execute(&mut *conn)
            .await?;
    }
    let post = match kind {
        Kind::Post => Some(row.id),
        Kind::Proposal => match row.thread_id {
            Some(t) => {
                sqlx::query_scalar("SELECT id FROM posts WHERE thread_id = $1 AND seq = 0")
                    .bind(t)
                    .fetch_optional(&mut *conn)
                    .await?
            }
            None => None,
        },
        Kind::Complaint => None,
    };
    if let Some(pid) = post {
        if kind == Kind::Proposal {
            sqlx::query("UPDATE posts SET hidden_at = $1, hidden_reason = $2 WHERE id = $3")
                .bind(hidden)
                .bind(reason)
                .bind(pid)
                .execute(&mut *conn)
                .await?;
        }
        if let Some(t) = opening {
            // Every reply of a hidden thread leaves search with it, or a
            // search would still find them (and show the thread's title).
            forums::index_thread(conn, db.backend, t, reason.is_none()).await?;
        } else if reason.is_some() {
            forums::unindex_post(conn, db.backend, pid).await?;
        } else {
            let (src, title): (String, Option<String>) = sqlx::query_as(
                "SELECT p.body_src, CASE WHEN p.seq = 0 THEN t.title END FROM posts p \
                 JOIN threads t ON t.id = p.thread_id WHERE p.id = $1",
            )
            .bind(pid)
            .fetch_one(&mut *conn)
            .await?;
            forums::index_post(conn, db.backend, pid, &forums::search_doc(title.as_deref(), &src)).await?;
        }
    }
    Ok(true)
}

/// Replaces an item's text (a redaction, or its reversal).
async fn set_text(conn: &mut sqlx::AnyConnection, db: &Db, kind: Kind, row: &ItemRow, src: &str) -> AppResult<()> {
    let html = forums::render("text", src)?;
    let excerpt = forums::excerpt_of(src);
    let table = match kind {
        Kind::Post => "posts",
        Kind::Proposal => "proposals",
        Kind::Complaint => "complaints",
    };
    sqlx::query(&format!(
        "UPDATE {table} SET body_src = $1, body_html = $2, excerpt = $3 WHERE id = $4"
    ))
    .bind(src)
    .bind(&html)
    .bind(&excerpt)
    .bind(row.id)
    .execute(&mut *conn)
    .await?;
    let post: Option<i64> =
        match kind {
            Kind::Post => Some(row.id),
            Kind::Proposal => match row.thread_id {
                Some(t) => sqlx::query_scalar(
                    "UPDATE posts SET body_src = $1, body_html = $2, excerpt = $3 WHERE thread_id = $4 AND seq = 0 \
                     RETURNING id",
                )
                .bind(src)
                .bind(&html)
                .bind(&excerpt)
                .bind(t)
                .fetch_optional(&mut *conn)
                .await?,
                None => None,
            },
            Kind::Complaint => None,
        };
    if let (Some(pid), None) = (post, row.hidden_at) {
        let title = (kind == Kind::Proposal || row.seq == Some(0)).then_some(row.title.as_str());
        forums::index_post(conn, db.backend, pid, &forums::search_doc(title, src)).await?;
    }
    Ok(())
}

#[derive(FromRow)]
struct ThreadRow {
    area_id: i64,
    area_path: String,
    author_id: i64,
    proposal_id: Option<i64>,
    locked_at: Option<i64>,
    pinned_at: Option<i64>,
    deleted: i64,
}

/// Acts on an item (`kind` post, proposal or complaint) or, for lock, pin and
/// move, on a thread (`kind` "thread", `id` the thread). Returns where to go.
pub async fn act(db: &Db, me: &Me, kind: &str, id: i64, action: Action, why: &str, at: i64) -> AppResult<String> {
    if action.on_thread() {
        if kind != "thread" {
            return Err(AppError::BadRequest);
        }
        return act_on_thread(db, me, id, action, why, at).await;
    }
    let kind = Kind::parse(kind).ok_or(AppError::BadRequest)?;
    let it = item(db, kind, id).await?;
    let (kind, row) = (it.kind, &it.row);
    may_act(db, me, &row.area_path, Some(row.author_id)).await?;
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
            Some(merge_target(db, me, row, *into).await?)
        }
        _ => None,
    };
    let mut tx = db.pool.begin().await?;
    let mut detail = String::new();
    let mut original = None;
    match &action {
        Action::Hide => {
            if !set_hidden(&mut tx, db, kind, row, Some(&why), at).await? {
                return Err(no_change());
            }
            resolve_flags(&mut tx, kind, row.id, me.id, at).await?;
        }
        Action::Restore => {
            if !set_hidden(&mut tx, db, kind, row, None, at).await? {
                return Err(no_change());
            }
        }
        Action::Redact(_) => {
            set_text(&mut tx, db, kind, row, text.as_deref().unwrap_or_default()).await?;
            resolve_flags(&mut tx, kind, row.id, me.id, at).await?;
            original = Some(row.body_src.as_str());
        }
        Action::Dismiss => {
            if resolve_flags(&mut tx, kind, row.id, me.id, at).await? == 0 {
                return Err(no_change());
            }
        }
        Action::Merge { .. } => {
            let into = merge_into.unwrap_or_default();
            merge(&mut tx, row.id, into, &why, at).await?;
            // A merged proposal is hidden: its discussion leaves search.
            if let Some(t) = row.thread_id {
                forums::index_thread(&mut tx, db.backend, t, false).await?;
            }
            detail = format!("merge:{into}");
        }
        _ => return Err(AppError::BadRequest),
    }
    let target = (action != Action::Dismiss).then_some(row.author_id);
    log(
        &mut tx,
        LogRow {
            actor: me.id,
            action: action.code(),
            item_kind: kind.code(),
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
        Action::Merge { into } => format!("/proposals/{into}"),
        _ => it.url(),
    })
}

/// Checks a merge of proposal `row` into `into`: the target exists, is public,
/// neither is merged, the target's area covers this one's, and `me`
/// moderates it too.
async fn merge_target(db: &Db, me: &Me, row: &ItemRow, into: i64) -> AppResult<i64> {
    let cannot = AppError::Refused {
        reason: Refusal::CannotMerge,
    };
    if into == row.id {
        return Err(cannot);
    }
    let target: Option<(String, Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT area_path, merged_into, hidden_at FROM proposals WHERE id = $1 AND state <> 'draft'")
            .bind(into)
            .fetch_optional(&db.pool)
            .await?;
    let Some((path, merged, hidden)) = target else {
        return Err(AppError::field("into", FieldProblem::Unknown));
    };
    let this_merged: Option<i64> = sqlx::query_scalar("SELECT merged_into FROM proposals WHERE id = $1")
        .bind(row.id)
        .fetch_one(&db.pool)
        .await?;
    if merged.is_some() || hidden.is_some() || this_merged.is_some() || !row.area_path.starts_with(&path) {
        return Err(cannot);
    }
    if !moderates(db, me, &path).await? {
        return Err(AppError::Forbidden);
    }
    Ok(into)
}

/// Moves `from`'s supports to `into` (a person who supports both counts
/// once), hides `from` as merged, and lets `into` cross its threshold.
async fn merge(conn: &mut sqlx::AnyConnection, from: i64, into: i64, why: &str, at: i64) -> AppResult<()> {
    let changed = sqlx::query(
        "UPDATE proposals SET merged_into = $1, hidden_at = $2, hidden_reason = $3, support_count = 0, updated_at = $2 \
         WHERE id = $4 AND merged_into IS NULL",
    )
    .bind(into)
    .bind(at)
    .bind(why)
    .bind(from)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(no_change());
    }
    let moved = sqlx::query(
        "INSERT INTO supports (proposal_id, user_id, created_at) SELECT $1, s.user_id, s.created_at FROM supports s \
         WHERE s.proposal_id = $2 AND NOT EXISTS (SELECT 1 FROM supports x WHERE x.proposal_id = $1 AND x.user_id = s.user_id)",
    )
    .bind(into)
    .bind(from)
    .execute(&mut *conn)
    .await?
    .rows_affected() as i64;
    sqlx::query("DELETE FROM supports WHERE proposal_id = $1")
        .bind(from)
        .execute(&mut *conn)
        .await?;
    let (count, threshold, awaiting, state): (i64, i64, Option<i64>, String) = sqlx::query_as(
        "UPDATE proposals SET support_count = support_count + $1, updated_at = $2 WHERE id = $3 \
         RETURNING support_count, threshold, awaiting_since, state",
    )
    .bind(moved)
    .bind(at)
    .bind(into)
    .fetch_one(&mut *conn)
    .await?;
    let open = state == "published" || state == "under_review";
    if open && count >= threshold && awaiting.is_none() {
        super::proposals::reach_threshold(conn, crate::domain::ids::ProposalId(into), at).await?;
    }
    Ok(())
}

async fn act_on_thread(db: &Db, me: &Me, id: i64, action: Action, why: &str, at: i64) -> AppResult<String> {
    let t: ThreadRow = sqlx::query_as(
        "SELECT t.area_id, t.area_path, t.author_id, t.proposal_id, t.locked_at, t.pinned_at, \
         CAST(CASE WHEN o.deleted_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS deleted \
         FROM threads t JOIN posts o ON o.thread_id = t.id AND o.seq = 0 WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    may_act(db, me, &t.area_path, Some(t.author_id)).await?;
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
    let mut detail = String::new();
    let mut area = (t.area_id, t.area_path.clone());
    let mut tx_ops: Vec<(String, Option<i64>)> = Vec::new();
    match &action {
        Action::Lock => tx_ops.push(("locked_at = $1".into(), Some(at))),
        Action::Unlock => tx_ops.push(("locked_at = $1".into(), None)),
        Action::Pin => tx_ops.push(("pinned_at = $1".into(), Some(at))),
        Action::Unpin => tx_ops.push(("pinned_at = $1".into(), None)),
        Action::Move { area_id, category_id } => {
            if t.proposal_id.is_some() {
                return Err(AppError::field("area_id", FieldProblem::Invalid));
            }
            let path = areas::path(db, *area_id)
                .await?
                .ok_or_else(|| AppError::field("area_id", FieldProblem::Unknown))?;
            if !areas::categories(db).await?.iter().any(|c| c.0 == *category_id) {
                return Err(AppError::field("category_id", FieldProblem::Unknown));
            }
            if !moderates(db, me, &path).await? {
                return Err(AppError::Forbidden);
            }
            if *area_id == t.area_id
                && sqlx::query_scalar::<_, i64>("SELECT category_id FROM threads WHERE id = $1")
                    .bind(id)
                    .fetch_one(&db.pool)
                    .await?
                    == *category_id
            {
                return Err(no_change());
            }
            detail = format!("move:{area_id}:{category_id}");
            area = (*area_id, path);
        }
        _ => return Err(AppError::BadRequest),
    }
    let mut tx = db.pool.begin().await?;
    for (set, value) in tx_ops {
        sqlx::query(&format!("UPDATE threads SET {set} WHERE id = $2"))
            .bind(value)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    if let Action::Move { area_id, category_id } = action {
        sqlx::query("UPDATE threads SET area_id = $1, area_path = $2, category_id = $3 WHERE id = $4")
            .bind(area_id)
            .bind(&area.1)
            .bind(category_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE flag_queue SET area_id = $1, area_path = $2 \
             WHERE item_kind = 'post' AND item_id IN (SELECT id FROM posts WHERE thread_id = $3)",
        )
        .bind(area_id)
        .bind(&area.1)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    // Logged in the area it was in (a move shows where it went).
    log(
        &mut tx,
        LogRow {
            actor: me.id,
            action: action.code(),
            item_kind: "thread",
            item_id: id,
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
    db.cache.forget_areas();
    Ok(format!("/t/{id}"))
}

// ---------------------------------------------------------------- accounts

#[derive(FromRow)]
struct AccountRow {
    id: i64,
    home_area_id: i64,
    suspended_until: Option<i64>,
    banned: i64,
    suspension_reason: Option<String>,
}

/// What a moderator may do to an account.
pub enum AccountAction {
    Suspend { days: i64 },
    Ban,
    Lift,
}

async fn account(db: &Db, username: &str) -> AppResult<AccountRow> {
    sqlx::query_as(
        "SELECT id, home_area_id, suspended_until, banned, suspension_reason FROM users WHERE username_key = $1",
    )
    .bind(username.trim().to_lowercase())
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// May `me` suspend this account? Moderators of its home area (not their own,
/// nor a moderator's or admin's: those are for admins).
async fn may_suspend(db: &Db, me: &Me, a: &AccountRow) -> AppResult<bool> {
    if a.id == me.id {
        return Ok(false);
    }
    let path = areas::path(db, a.home_area_id).await?.unwrap_or_default();
    if !moderates(db, me, &path).await? {
        return Ok(false);
    }
    if me.is_admin() {
        return Ok(true);
    }
    let roles = super::users::roles_of(db, a.id).await?;
    Ok(!roles.iter().any(|r| matches!(r.role, Role::Moderator | Role::Admin)))
}

/// Suspends, bans or lifts either. Only admins lift a ban.
pub async fn suspend(db: &Db, me: &Me, username: &str, action: AccountAction, why: &str, at: i64) -> AppResult<String> {
    let a = account(db, username).await?;
    if !may_suspend(db, me, &a).await? {
        return Err(AppError::Forbidden);
    }
    let active = a.banned != 0 || a.suspended_until.is_some_and(|t| t > at);
    if matches!(action, AccountAction::Lift) && a.banned != 0 && !me.is_admin() {
        return Err(AppError::Forbidden);
    }
    let why = reason("reason", why)?;
    let (code, until, banned) = match action {
        AccountAction::Suspend { days } => {
            if !(1..=MAX_SUSPENSION_DAYS).contains(&days) {
                return Err(AppError::field("days", FieldProblem::Invalid));
            }
            if a.banned != 0 {
                return Err(no_change());
            }
            ("suspend", Some(at + days * 86_400), 0)
        }
        AccountAction::Ban => {
            if a.banned != 0 {
                return Err(no_change());
            }
            ("ban", None, 1)
        }
        AccountAction::Lift => {
            if !active {
                return Err(no_change());
            }
            ("lift", None, 0)
        }
    };
    let path = areas::path(db, a.home_area_id).await?.unwrap_or_default();
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE users SET suspended_until = $1, banned = $2, suspension_reason = $3 WHERE id = $4")
        .bind(until)
        .bind(banned)
        .bind((code != "lift").then_some(why.as_str()))
        .bind(a.id)
        .execute(&mut *tx)
        .await?;
    log(
        &mut tx,
        LogRow {
            actor: me.id,
            action: code,
            item_kind: "user",
            item_id: a.id,
            target: Some(a.id),
            area: (a.home_area_id, &path),
            reason: &why,
            until,
            detail: String::new(),
            ref_id: None,
            original: None,
        },
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(format!("/u/{}", username.trim()))
}

/// An account's moderation as its profile shows it to `me`.
pub async fn account_state(
    db: &Db,
    lang: Lang,
    me: Option<&Me>,
    username: &str,
    at: i64,
) -> AppResult<AccountModeration> {
    let a = account(db, username).await?;
    let suspension = super::users::suspension(db, lang, a.home_area_id, a.banned, a.suspended_until, at)
        .await?
        .map(|until| Suspension {
            until,
            reason: a.suspension_reason.clone().unwrap_or_default(),
        });
    let can_suspend = match me {
        Some(me) => may_suspend(db, me, &a).await?,
        None => false,
    };
    Ok(AccountModeration {
        suspension,
        banned: a.banned != 0,
        can_suspend,
        can_lift_ban: can_suspend && me.is_some_and(Me::is_admin),
    })
}

// ---------------------------------------------------------------- the log

/// 1 when `c` (a complaint joined to a log or queue row) is anonymous or
/// private: its complainant is named to no one but the agency and admins.
const ANONYMOUS: &str = "CAST(CASE WHEN c.anonymous = 1 OR c.private = 1 THEN 1 ELSE 0 END AS BIGINT)";

/// Whether `me` may know who filed a complaint of `agency`: its officers and
/// admins (as on the complaint's own page).
fn may_know_complainant(me: &Me, agency: Option<i64>) -> bool {
    me.is_admin() || crate::domain::complaint::officer_of(me, agency.map(crate::domain::ids::AgencyId))
}

const LOG_SELECT: &str = "SELECT m.id, m.created_at, m.action, m.item_kind, m.item_id, m.reason, m.until, m.detail, \
     m.ref_id, m.appeal_state, m.actor_id, m.target_id, m.area_path, u.display_name AS actor, u.username AS actor_username, \
     tu.username AS target, a.name AS area_name, a.timezone, p.thread_id, p.seq, \
     CAST(CASE WHEN c.anonymous = 1 OR c.private = 1 THEN 1 ELSE 0 END AS BIGINT) AS anonymous, \
     c.author_id AS complainant_id, c.agency_id AS complaint_agency \
     FROM mod_log m JOIN users u ON u.id = m.actor_id LEFT JOIN users tu ON tu.id = m.target_id \
     JOIN areas a ON a.id = m.area_id LEFT JOIN posts p ON m.item_kind = 'post' AND p.id = m.item_id \
     LEFT JOIN complaints c ON m.item_kind = 'complaint' AND c.id = m.item_id";

#[derive(FromRow)]
struct LogQueryRow {
    id: i64,
    created_at: i64,
    action: String,
    item_kind: String,
    item_id: i64,
    reason: String,
    until: Option<i64>,
    detail: String,
    ref_id: Option<i64>,
    appeal_state: Option<String>,
    actor_id: i64,
    target_id: Option<i64>,
    area_path: String,
    actor: String,
    actor_username: String,
    target: Option<String>,
    area_name: String,
    timezone: String,
    thread_id: Option<i64>,
    seq: Option<i64>,
    /// 1 when the row is about an anonymous or private complaint.
    anonymous: i64,
    complainant_id: Option<i64>,
    complaint_agency: Option<i64>,
}

impl LogQueryRow {
    /// The row as the public log shows it.
    async fn entry(&self, db: &Db, lang: Lang) -> AppResult<LogEntry> {
        self.entry_for(db, lang, false).await
    }

    /// The row; `reveal` for a viewer who may know an anonymous
    /// complainant (see [`may_know_complainant`]). Otherwise a row about an
    /// anonymous complaint names neither its complainant as the one it
    /// concerns, nor as the one who appealed.
    async fn entry_for(&self, db: &Db, lang: Lang, reveal: bool) -> AppResult<LogEntry> {
        let hide = self.anonymous != 0 && !reveal;
        let target = if hide { None } else { self.target.clone() };
        let (actor, actor_username) = if hide && self.complainant_id == Some(self.actor_id) {
            (String::new(), None)
        } else {
            (self.actor.clone(), Some(self.actor_username.clone()))
        };
        let item_url = match self.item_kind.as_str() {
            "post" => post_url(self.thread_id.unwrap_or_default(), self.seq.unwrap_or_default()),
            "thread" => format!("/t/{}", self.item_id),
            "proposal" => format!("/proposals/{}", self.item_id),
            "complaint" => format!("/complaints/{}", self.item_id),
            _ => format!("/u/{}", self.target.clone().unwrap_or_default()),
        };
        let mut parts = self.detail.split(':');
        let detail = match (parts.next(), parts.next(), parts.next()) {
            (Some("move"), Some(area), Some(cat)) => {
                let area = area.parse().unwrap_or(0);
                let cat: i64 = cat.parse().unwrap_or(0);
                let name = areas::summary(db, lang, area).await.map(|a| a.name).unwrap_or_default();
                let cat = forums::categories(db, lang)
                    .await?
                    .into_iter()
                    .find(|c| c.id == cat)
                    .map(|c| c.name)
                    .unwrap_or_default();
                format!("{name} · {cat}")
            }
            (Some("merge"), Some(into), _) => format!("#{into}"),
            _ => String::new(),
        };
        Ok(LogEntry {
            id: self.id,
            when: time::date_time(lang, self.created_at, &self.timezone),
            actor,
            actor_username,
            action: self.action.clone(),
            item_kind: self.item_kind.clone(),
            item_id: self.item_id,
            item_url,
            target,
            area_name: self.area_name.clone(),
            reason: self.reason.clone(),
            until: self.until.map(|t| time::date_time(lang, t, &self.timezone)),
            detail,
            ref_id: self.ref_id,
            appeal_state: self.appeal_state.clone(),
        })
    }
}

/// The public log, newest first: of an area and its sub-areas, of one
/// moderator (by username), before row `before`.
pub async fn log_page(
    db: &Db,
    lang: Lang,
    area_id: Option<i64>,
    moderator: &str,
    before: Option<i64>,
) -> AppResult<LogPage> {
    let mut sql = format!("{LOG_SELECT} WHERE m.id < $0");
    let mut binds: Vec<String> = Vec::new();
    if let Some(a) = area_id {
        let path = areas::path(db, a).await?.ok_or(AppError::NotFound)?;
        sql.push_str(" AND m.area_path >= $0 AND m.area_path < $0");
        binds.push(path.clone());
        binds.push(path_end(&path));
    }
    let moderator = moderator.trim();
    if !moderator.is_empty() {
        // Not the appeals of an anonymous complainant: asking for someone's
        // rows would otherwise tell whether they filed that complaint.
        sql.push_str(&format!(
            " AND u.username_key = $0 AND NOT ({ANONYMOUS} = 1 AND c.author_id = m.actor_id)"
        ));
        binds.push(moderator.to_lowercase());
    }
    sql.push_str(" ORDER BY m.id DESC LIMIT $0");
    let sql = forums::renumber(&sql);
    let mut query = sqlx::query_as::<_, LogQueryRow>(&sql).bind(before.unwrap_or(i64::MAX));
    for b in binds {
        query = query.bind(b);
    }
    let mut rows = query.bind(PAGE + 1).fetch_all(&db.pool).await?;
    let next = if rows.len() as i64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let mut entries = Vec::with_capacity(rows.len());
    for r in &rows {
        entries.push(r.entry(db, lang).await?);
    }
    Ok(LogPage {
        entries,
        next,
        area_id,
        moderator: moderator.to_owned(),
        areas: areas::tree(db, lang).await?,
    })
}

async fn log_row(db: &Db, id: i64) -> AppResult<LogQueryRow> {
    sqlx::query_as(&format!("{LOG_SELECT} WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// May `me` decide the open appeal of this action? Another moderator of its
/// area, or an admin; a ban's appeal only an admin.
async fn may_decide(db: &Db, me: &Me, r: &LogQueryRow) -> AppResult<bool> {
    Ok(r.actor_id != me.id
        && r.target_id != Some(me.id)
        && (r.action != "ban" || me.is_admin())
        && moderates(db, me, &r.area_path).await?)
}

/// One log row with its appeal and decision, and what `me` may do with it.
pub async fn entry_page(db: &Db, lang: Lang, me: Option<&Me>, id: i64) -> AppResult<LogEntryPage> {
    let r = log_row(db, id).await?;
    let related_rows: Vec<LogQueryRow> = sqlx::query_as(&format!("{LOG_SELECT} WHERE m.ref_id = $1 ORDER BY m.id"))
        .bind(id)
        .fetch_all(&db.pool)
        .await?;
    let mut related = Vec::with_capacity(related_rows.len());
    for x in &related_rows {
        related.push(x.entry(db, lang).await?);
    }
    let can_appeal = me.is_some_and(|m| r.target_id == Some(m.id) && r.actor_id != m.id)
        && r.appeal_state.is_none()
        && APPEALABLE.contains(&r.action.as_str());
    let can_decide = match me {
        Some(me) if r.appeal_state.as_deref() == Some("open") => may_decide(db, me, &r).await?,
        _ => false,
    };
    let original = if me.is_some_and(Me::is_admin) {
        sqlx::query_scalar::<_, Option<String>>("SELECT original FROM mod_log WHERE id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await?
    } else {
        None
    };
    Ok(LogEntryPage {
        entry: r.entry(db, lang).await?,
        related,
        can_appeal,
        can_decide,
        original,
    })
}

/// The author's one appeal of an action on their post or account.
pub async fn appeal(db: &Db, me: &Me, id: i64, why: &str, at: i64) -> AppResult<String> {
    let r = log_row(db, id).await?;
    if r.target_id != Some(me.id) || r.actor_id == me.id {
        return Err(AppError::Forbidden);
    }
    if !APPEALABLE.contains(&r.action.as_str()) {
        return Err(AppError::Refused {
            reason: Refusal::NotAppealable,
        });
    }
    let why = reason("reason", why)?;
    let mut tx = db.pool.begin().await?;
    let opened = sqlx::query("UPDATE mod_log SET appeal_state = 'open' WHERE id = $1 AND appeal_state IS NULL")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if opened == 0 {
        return Err(AppError::Refused {
            reason: Refusal::AlreadyAppealed,
        });
    }
    let area_id: i64 = sqlx::query_scalar("SELECT area_id FROM mod_log WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    log(
        &mut tx,
        LogRow {
            actor: me.id,
            action: "appeal",
            item_kind: &r.item_kind,
            item_id: r.item_id,
            target: None,
            area: (area_id, &r.area_path),
            reason: &why,
            until: None,
            detail: String::new(),
            ref_id: Some(id),
            original: None,
        },
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(format!("/moderation/log/{id}"))
}

/// Decides the open appeal of action `id`: upheld, or reversed (the action
/// is undone). Logged, and the author told.
pub async fn decide(db: &Db, me: &Me, id: i64, reverse: bool, why: &str, at: i64) -> AppResult<String> {
    let r = log_row(db, id).await?;
    if r.appeal_state.as_deref() != Some("open") {
        return Err(AppError::Refused {
            reason: Refusal::NotAppealable,
        });
    }
    if !may_decide(db, me, &r).await? {
        return Err(AppError::Forbidden);
    }
    let why = reason("reason", why)?;
    let outcome = if reverse { "reversed" } else { "upheld" };
    // What undoing needs, read before the transaction.
    let undo_item = match (reverse, Kind::parse(&r.item_kind)) {
        (true, Some(kind)) if r.action == "hide" || r.action == "redact" => Some(item(db, kind, r.item_id).await?),
        _ => None,
    };
    let original: Option<String> = if reverse && r.action == "redact" {
        sqlx::query_scalar("SELECT original FROM mod_log WHERE id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await?
    } else {
        None
    };
    let mut tx = db.pool.begin().await?;
    let decided = sqlx::query("UPDATE mod_log SET appeal_state = $1 WHERE id = $2 AND appeal_state = 'open'")
        .bind(outcome)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if decided == 0 {
        return Err(AppError::Refused {
            reason: Refusal::NotAppealable,
        });
    }
    // Undone only while still in force: a later action of the same kind on
    // the same item or account (a ban after the suspension appealed, a
    // second suspension, a lift, a new hide after a restore) replaced it,
    // and granting the old appeal must not undo that one.
    let replaced = reverse && replaced_later(&mut tx, id, &r.item_kind, r.item_id, &r.action).await?;
    if reverse && !replaced {
        match (r.action.as_str(), &undo_item) {
            ("hide", Some(it)) => {
                set_hidden(&mut tx, db, it.kind, &it.row, None, at).await?;
            }
            ("redact", Some(it)) => {
                set_text(&mut tx, db, it.kind, &it.row, original.as_deref().unwrap_or_default()).await?;
            }
            ("lock", _) => {
                sqlx::query("UPDATE threads SET locked_at = NULL WHERE id = $1")
                    .bind(r.item_id)
                    .execute(&mut *tx)
                    .await?;
            }
            ("suspend" | "ban", _) => {
                sqlx::query(
                    "UPDATE users SET suspended_until = NULL, banned = 0, suspension_reason = NULL WHERE id = $1",
                )
                .bind(r.item_id)
                .execute(&mut *tx)
                .await?;
            }
            _ => {}
        }
    }
    let area_id: i64 = sqlx::query_scalar("SELECT area_id FROM mod_log WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    log(
        &mut tx,
        LogRow {
            actor: me.id,
            action: if reverse { "appeal_reversed" } else { "appeal_upheld" },
            item_kind: &r.item_kind,
            item_id: r.item_id,
            target: r.target_id,
            area: (area_id, &r.area_path),
            reason: &why,
            until: None,
            detail: String::new(),
            ref_id: Some(id),
            original: None,
        },
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(format!("/moderation/log/{id}"))
}

/// Whether an action after log row `id` on the same item replaced its
/// effect (the actions that set what `action` set).
async fn replaced_later(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    item_kind: &str,
    item_id: i64,
    action: &str,
) -> AppResult<bool> {
    let same_effect: [&str; 3] = match action {
        "suspend" | "ban" => ["suspend", "ban", "lift"],
        "hide" => ["hide", "restore", "restore"],
        "lock" => ["lock", "unlock", "unlock"],
        "redact" => ["redact", "redact", "redact"],
        _ => return Ok(false),
    };
    let later: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM mod_log WHERE item_kind = $1 AND item_id = $2 AND id > $3 \
         AND action IN ($4, $5, $6) LIMIT 1",
    )
    .bind(item_kind)
    .bind(item_id)
    .bind(id)
    .bind(same_effect[0])
    .bind(same_effect[1])
    .bind(same_effect[2])
    .fetch_optional(&mut *conn)
    .await?;
    Ok(later.is_some())
}

/// A proposal's or complaint's moderation state as its page shows it.
pub async fn item_state(
    db: &Db,
    me: Option<&Me>,
    author_id: i64,
    area_path: &str,
    hidden: Option<String>,
    merged_into: Option<i64>,
) -> AppResult<crate::model::ItemModeration> {
    let can_moderate = match me {
        Some(me) if me.id != author_id => moderates(db, me, area_path).await?,
        _ => false,
    };
    Ok(crate::model::ItemModeration {
        hidden,
        withheld: false,
        merged_into,
        can_moderate,
    })
}
