//! Moderation, in the open: flags collapse into one queue entry per item;
//! moderators of an area (and admins) hide, restore, redact, lock, pin, move
//! and merge, and suspend or ban accounts; every action is a row of the
//! public log, its author is notified and may appeal once; another moderator
//! of the area or an admin decides.
//!
//! Who may do what is decided in `domain::permissions`, over the paths of
//! the areas the caller moderates (loaded here); the SQL is in `db::flags`,
//! `db::mod_log`, `db::appeals`, `db::suspensions` and `db::moderation`.
//! Every function checks who is calling before it writes, and every
//! transaction writes first (see `forums`).
mod actions;
mod appeals;
mod flags;
mod log;
mod photos;
mod queue;
mod suspensions;

pub use crate::domain::moderation::{reason, AccountAction, Action, Kind, MAX_SUSPENSION_DAYS, REASONS};
pub use actions::act;
pub use appeals::{appeal, decide};
pub use flags::flag;
pub use log::{entry_page, log_page};
pub use photos::hide_photo;
pub use queue::queue;
pub use suspensions::{account_state, suspend};

use super::areas;
use super::forums;
use crate::db::mod_log::{self, NewEntry, PathRange, Within};
use crate::db::moderation::ItemRow;
use crate::db::{moderation as items, Db};
use crate::domain::forum_rules::post_url;
use crate::domain::ids::{ModLogId, ProposalId};
use crate::error::{AppError, AppResult, Refusal};
use crate::model::Me;
use crate::server::AppState;

/// Queue entries and log rows per page.
const PAGE: i64 = 50;

/// An item moderation acts on.
struct Item {
    kind: Kind,
    row: ItemRow,
}

impl Item {
    fn url(&self) -> String {
        match self.kind {
            Kind::Post => post_url(
                self.row.thread_id.unwrap_or(crate::domain::ids::ThreadId(0)),
                self.row.seq.unwrap_or_default(),
            ),
            Kind::Proposal => format!("/proposals/{}", self.row.id),
            Kind::Complaint => format!("/complaints/{}", self.row.id),
        }
    }
}

/// An item as the public may see it: drafts, private complaints and missing
/// ids are not found. A proposal's opening post is the proposal.
async fn item(db: &Db, kind: Kind, id: i64) -> AppResult<Item> {
    let row = items::item(db, kind, id).await?.ok_or(AppError::NotFound)?;
    if let (Kind::Post, Some(0), Some(pid)) = (kind, row.seq, row.proposal_id) {
        return Box::pin(item(db, Kind::Proposal, pid.0)).await;
    }
    Ok(Item { kind, row })
}

/// The paths of the areas `me` moderates (see `domain::permissions`).
async fn moderated(st: &AppState, me: &Me) -> AppResult<Vec<String>> {
    areas::moderated_paths(st, Some(me)).await
}

pub use areas::moderates;

/// The areas `me`'s queue and appeals cover: everywhere for admins; None
/// when `me` moderates nowhere.
async fn scope(st: &AppState, me: &Me) -> AppResult<Option<Scope>> {
    if me.is_admin() {
        return Ok(Some(Scope::Everywhere));
    }
    let ranges: Vec<PathRange> = moderated(st, me)
        .await?
        .into_iter()
        .map(|p| PathRange {
            end: forums::path_end(&p),
            start: p,
        })
        .collect();
    Ok((!ranges.is_empty()).then_some(Scope::Areas(ranges)))
}

enum Scope {
    Everywhere,
    Areas(Vec<PathRange>),
}

impl Scope {
    fn within(&self) -> Within<'_> {
        match self {
            Scope::Everywhere => Within::Everywhere,
            Scope::Areas(r) => Within::Areas(r),
        }
    }
}

fn no_change() -> AppError {
    AppError::Refused {
        reason: Refusal::NoChange,
    }
}

/// Writes a row of the log and tells whose item or account it was (unless
/// they did it themselves), in the caller's transaction.
async fn write_log(conn: &mut sqlx::AnyConnection, r: NewEntry<'_>, at: i64) -> AppResult<ModLogId> {
    let id = mod_log::insert(conn, &r, at).await?;
    if let Some(t) = r.target.filter(|t| *t != r.actor) {
        mod_log::notify(conn, t, id, r.actor, at).await?;
    }
    Ok(id)
}

/// Where a merged proposal's page sends its readers.
fn proposal_url(id: ProposalId) -> String {
    format!("/proposals/{id}")
}
