//! Proposals: residents propose, the community supports, the responsible
//! agency answers. Every state change and official response is appended to
//! the decision record in the same transaction as the change itself.
//!
//! The lifecycle and who may answer live in [`crate::domain::proposal`];
//! the SQL in [`crate::db::proposals`], [`crate::db::supports`] and
//! [`crate::db::responses`].
use super::record::{self, Actor, Content, Named};
use super::{areas, forums, time};
use crate::db::proposals::{self as rows, Head};
use crate::db::{Backend, Db};
use crate::domain::ids::{AgencyId, AreaId, CategoryId, ProposalId, UserId};
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::Me;
use crate::server::AppState;

mod answer;
mod feed;
mod list;
mod page;
mod supports;
mod templates;

pub use crate::domain::proposal::{keeps_budget, State, LOCATION_MAX, TIMELINE_MAX};
pub use answer::{answer, Answer};
pub use feed::feed;
pub use list::{list, ListQuery, LIST_PAGE};
pub use page::page;
pub use supports::{reach_threshold, support, unsupport};
pub use templates::{add_template, delete_template, desk_templates, template_for, templates_of};

/// The date a response is due: `days` working days (Monday to Friday) after
/// `from`, at the end of that day in the area's time zone.
pub fn due_after(from: i64, days: i64, zone: &str) -> i64 {
    let offset = time::zone_offset(zone) * 3600;
    let mut day = (from + offset).div_euclid(86_400);
    let mut left = days.max(0);
    while left > 0 {
        day += 1;
        // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
        if (day + 3).rem_euclid(7) < 5 {
            left -= 1;
        }
    }
    (day + 1) * 86_400 - 1 - offset
}

pub struct NewProposal {
    pub title: String,
    pub body: String,
    pub area_id: AreaId,
    pub category_id: CategoryId,
    pub cost: Option<i64>,
    pub location: String,
    pub point: Option<crate::model::GeoPoint>,
    /// Added to the draft's photos (checked and converted already).
    pub photos: Vec<crate::server::photos::Processed>,
}

fn actor(me: &Me, role: &str) -> Actor {
    Actor {
        username: me.username.clone(),
        name: me.display_name.clone(),
        role: role.into(),
    }
}

fn state_of(h: &Head) -> State {
    State::parse(&h.state).unwrap_or(State::Draft)
}

/// A record entry about the proposal `h` (the step fills in the rest).
fn content(h: &Head, seq: i64, at: i64, event: &str, from: State, to: State, actor: Option<Actor>) -> Content {
    let item = record::Item {
        subject: "proposal",
        id: h.id.0,
        title: h.title.clone(),
        area: Named {
            id: h.area_id.0,
            name: h.area_name.clone(),
        },
        agency: h.agency_id.map(|id| Named {
            id: id.0,
            name: h.agency_name.clone().unwrap_or_default(),
        }),
    };
    Content::event(seq, at, item, event, from.code(), to.code(), actor)
}

async fn head(conn: &mut sqlx::AnyConnection, id: ProposalId) -> AppResult<Head> {
    rows::head(conn, id).await?.ok_or(AppError::NotFound)
}

/// The agency responsible for a category in an area: the nearest area, from
/// the area itself upwards, that names one.
async fn responsible(
    conn: &mut sqlx::AnyConnection,
    area_path: &str,
    category: CategoryId,
) -> AppResult<Option<(AgencyId, String)>> {
    let areas: Vec<AreaId> = forums::path_ids(area_path).into_iter().map(AreaId).collect();
    Ok(crate::db::responsibilities::responsible(conn, &areas, category)
        .await?
        .map(|a| (a.id, a.name)))
}

/// Tells the author and every supporter, except whoever took the step,
/// about record entry `seq` of proposal `id` (in the same transaction).
async fn tell(
    conn: &mut sqlx::AnyConnection,
    id: ProposalId,
    seq: i64,
    actor: Option<UserId>,
    at: i64,
) -> AppResult<()> {
    Ok(rows::notify_followers(conn, id, seq, actor, at).await?)
}

/// What a draft's row holds, checked and rendered: the area's path ids, the
/// body's HTML and excerpt.
struct Checked {
    html: String,
    excerpt: String,
    up: Vec<i64>,
}

async fn check(st: &AppState, p: &NewProposal) -> AppResult<Checked> {
    let html = forums::render("body", &p.body)?;
    let excerpt = forums::excerpt_of(&p.body);
    let Some(path) = areas::path(st, p.area_id.0).await? else {
        return Err(AppError::field("area_id", FieldProblem::Unknown));
    };
    if !rows::category_exists(&st.db, p.category_id).await? {
        return Err(AppError::field("category_id", FieldProblem::Unknown));
    }
    Ok(Checked {
        html,
        excerpt,
        up: forums::path_ids(&path),
    })
}

fn draft_row<'a>(me: &Me, p: &'a NewProposal, c: &'a Checked, at: i64) -> rows::NewDraft<'a> {
    rows::NewDraft {
        author_id: UserId(me.id),
        area_id: p.area_id,
        category_id: p.category_id,
        title: &p.title,
        body_src: &p.body,
        body_html: &c.html,
        excerpt: &c.excerpt,
        cost: p.cost,
        location: &p.location,
        area_ids: [c.up.first().copied(), c.up.get(1).copied(), c.up.get(2).copied()],
        at,
        point: p.point,
    }
}

/// Writes a draft (and, if asked, publishes it at once); returns its id.
pub async fn create(st: &AppState, me: &Me, p: NewProposal, publish: bool, at: i64) -> AppResult<ProposalId> {
    let db = &st.db;
    let c = check(st, &p).await?;
    let mut tx = db.pool.begin().await?;
    let id = rows::insert_draft(&mut tx, &draft_row(me, &p, &c, at)).await?;
    let item = crate::db::photos::Item::Proposal(id.0);
    crate::server::photos::attach(&mut tx, st, item, me.id, &p.photos, at).await?;
    if publish {
        publish_in(&mut tx, db.backend, me, id, at).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Rewrites a draft, by its author (and, if asked, publishes it).
pub async fn edit(st: &AppState, me: &Me, id: ProposalId, p: NewProposal, publish: bool, at: i64) -> AppResult<()> {
    let db = &st.db;
    let c = check(st, &p).await?;
    let mut tx = db.pool.begin().await?;
    // Write first: on SQLite this takes the write lock before anything is read.
    if rows::update_draft(&mut tx, id, &draft_row(me, &p, &c, at)).await? == 0 {
        return Err(not_by_author(&head(&mut tx, id).await?, me));
    }
    let item = crate::db::photos::Item::Proposal(id.0);
    crate::server::photos::attach(&mut tx, st, item, me.id, &p.photos, at).await?;
    if publish {
        publish_in(&mut tx, db.backend, me, id, at).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A draft as its author wrote it, for the edit form; nobody else's, and
/// nothing once published.
pub async fn draft(db: &Db, me: &Me, id: ProposalId) -> AppResult<rows::DraftRow> {
    let d = rows::draft(db, id).await?.ok_or(AppError::NotFound)?;
    if d.author_id != UserId(me.id) {
        // As for the draft's page: to anyone else it does not exist.
        return Err(AppError::NotFound);
    }
    if d.state != "draft" {
        return Err(AppError::Refused {
            reason: Refusal::WrongStep,
        });
    }
    Ok(d)
}

/// Draft → published, by its author.
pub async fn publish(db: &Db, me: &Me, id: ProposalId, at: i64) -> AppResult<()> {
    let mut tx = db.pool.begin().await?;
    publish_in(&mut tx, db.backend, me, id, at).await?;
    tx.commit().await?;
    Ok(())
}

/// Why an author's step changed nothing: not theirs, or not at that step.
fn not_by_author(h: &Head, me: &Me) -> AppError {
    if h.author_id != UserId(me.id) {
        AppError::Forbidden
    } else {
        AppError::Refused {
            reason: Refusal::WrongStep,
        }
    }
}

async fn publish_in(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    me: &Me,
    id: ProposalId,
    at: i64,
) -> AppResult<()> {
    // Write first: on SQLite this takes the write lock before anything is read.
    let n = rows::publish(conn, id, UserId(me.id), at).await?;
    let h = head(conn, id).await?;
    if n == 0 {
        return Err(not_by_author(&h, me));
    }
    open_discussion(conn, backend, &h, at).await?;
    let path = h.area_path.clone();
    record::append(conn, &path, |seq| {
        content(
            &h,
            seq,
            at,
            "published",
            State::Draft,
            State::Published,
            Some(actor(me, "resident")),
        )
    })
    .await?;
    Ok(())
}

/// Opens a published proposal's discussion: a thread (left out of forum
/// lists) whose opening post is the proposal, so replies, quotes,
/// notifications, search and feeds work as in the forum.
async fn open_discussion(conn: &mut sqlx::AnyConnection, backend: Backend, h: &Head, at: i64) -> AppResult<()> {
    let body = rows::body(conn, h.id).await?;
    let thread = rows::insert_thread(conn, h, at).await?;
    let opening = crate::db::posts::NewPost {
        thread_id: thread,
        seq: 0,
        author_id: h.author_id,
        parent_id: None,
        agency_id: None,
        body_src: &body.body_src,
        body_html: &body.body_html,
        excerpt: &forums::excerpt_of(&body.body_src),
        at,
    };
    let post = crate::db::posts::insert(conn, &opening).await?;
    let doc = forums::search_doc(Some(&h.title), &body.body_src);
    crate::db::search::index_post(conn, backend, post, &doc).await?;
    rows::set_thread(conn, h.id, thread).await?;
    Ok(())
}

/// Published → withdrawn, by its author.
pub async fn withdraw(db: &Db, me: &Me, id: ProposalId, at: i64) -> AppResult<()> {
    let mut tx = db.pool.begin().await?;
    let n = rows::withdraw(&mut tx, id, UserId(me.id), at).await?;
    let h = head(&mut tx, id).await?;
    if n == 0 {
        return Err(not_by_author(&h, me));
    }
    let path = h.area_path.clone();
    let seq = record::append(&mut tx, &path, |seq| {
        content(
            &h,
            seq,
            at,
            "withdrawn",
            State::Published,
            State::Withdrawn,
            Some(actor(me, "resident")),
        )
    })
    .await?;
    tell(&mut tx, id, seq, Some(UserId(me.id)), at).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_skip_weekends() {
        // Friday 2026-11-20 10:00 WIB (03:00 UTC) + 1 working day = Monday 23rd, end of day WIB.
        let friday = 20_777 * 86_400 + 3 * 3600;
        let due = due_after(friday, 1, "Asia/Jakarta");
        assert_eq!(time::iso_date(due, "Asia/Jakarta"), "2026-11-23");
        assert_eq!((due + 7 * 3600 + 1) % 86_400, 0, "end of the day in WIB");
        let due = due_after(friday, 10, "Asia/Jakarta");
        assert_eq!(time::iso_date(due, "Asia/Jakarta"), "2026-12-04");
        assert_eq!(
            time::iso_date(due_after(friday, 0, "Asia/Jakarta"), "Asia/Jakarta"),
            "2026-11-20"
        );
    }
}
