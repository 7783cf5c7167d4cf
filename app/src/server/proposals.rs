//! Proposals: residents propose, the community supports, the responsible
//! agency answers. Every state change and official response is appended to
//! the decision record in the same transaction as the change itself.
use super::record::{self, Actor, Content, Named};
use super::{areas, forums, time};
use crate::db::{Backend, Db};
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::{Lang, Me, Role};
use sqlx::FromRow;

/// The lifecycle. `draft → published → under_review → accepted /
/// partially_accepted / rejected → in_progress → implemented`, and
/// `withdrawn` by the author while published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Draft,
    Published,
    UnderReview,
    Accepted,
    PartiallyAccepted,
    Rejected,
    InProgress,
    Implemented,
    Withdrawn,
}

impl State {
    pub const ALL: [State; 9] = [
        State::Draft,
        State::Published,
        State::UnderReview,
        State::Accepted,
        State::PartiallyAccepted,
        State::Rejected,
        State::InProgress,
        State::Implemented,
        State::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Published => "published",
            State::UnderReview => "under_review",
            State::Accepted => "accepted",
            State::PartiallyAccepted => "partially_accepted",
            State::Rejected => "rejected",
            State::InProgress => "in_progress",
            State::Implemented => "implemented",
            State::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.code() == s)
    }

    /// Residents may support (and withdraw support) in these states.
    pub fn open(self) -> bool {
        matches!(self, State::Published | State::UnderReview)
    }

    /// May an official response move a proposal from `self` to `to`?
    pub fn response_allowed(self, to: State) -> bool {
        matches!(self, State::Published | State::UnderReview)
            && matches!(
                to,
                State::UnderReview | State::Accepted | State::PartiallyAccepted | State::Rejected
            )
            && self != to
    }

    /// May a progress update move a proposal from `self` to `to`?
    pub fn progress_allowed(self, to: State) -> bool {
        matches!(self, State::Accepted | State::PartiallyAccepted | State::InProgress)
            && matches!(to, State::InProgress | State::Implemented)
    }
}

pub const LOCATION_MAX: usize = 200;
pub const TIMELINE_MAX: usize = 200;

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
    pub area_id: i64,
    pub category_id: i64,
    pub cost: Option<i64>,
    pub location: String,
}

fn actor(me: &Me, role: &str) -> Actor {
    Actor {
        username: me.username.clone(),
        name: me.display_name.clone(),
        role: role.into(),
    }
}

#[derive(FromRow)]
struct Head {
    id: i64,
    author_id: i64,
    area_id: i64,
    area_path: String,
    area_name: String,
    timezone: String,
    category_id: i64,
    title: String,
    state: String,
    agency_id: Option<i64>,
    agency_name: Option<String>,
}

const HEAD: &str = "SELECT p.id, p.author_id, p.area_id, p.area_path, a.name AS area_name, a.timezone, \
     p.category_id, p.title, p.state, p.agency_id, g.name AS agency_name \
     FROM proposals p JOIN areas a ON a.id = p.area_id LEFT JOIN agencies g ON g.id = p.agency_id WHERE p.id = $1";

impl Head {
    fn state(&self) -> State {
        State::parse(&self.state).unwrap_or(State::Draft)
    }

    fn content(&self, seq: i64, at: i64, event: &str, from: State, to: State, actor: Option<Actor>) -> Content {
        Content {
            seq,
            at: record::utc(at),
            subject: "proposal".into(),
            subject_id: self.id,
            title: self.title.clone(),
            event: event.into(),
            state_from: from.code().into(),
            state_to: to.code().into(),
            area: Named {
                id: self.area_id,
                name: self.area_name.clone(),
            },
            agency: self.agency_id.map(|id| Named {
                id,
                name: self.agency_name.clone().unwrap_or_default(),
            }),
            actor,
            due: None,
            text: None,
            budget: None,
            timeline: None,
            progress: None,
            correction: None,
        }
    }
}

async fn head(conn: &mut sqlx::AnyConnection, id: i64) -> AppResult<Head> {
    sqlx::query_as(HEAD)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// Writes a draft (and, if asked, publishes it at once); returns its id.
pub async fn create(db: &Db, me: &Me, p: NewProposal, publish: bool, at: i64) -> AppResult<i64> {
    let html = forums::render("body", &p.body)?;
    let excerpt = forums::excerpt_of(&p.body);
    let Some(path) = areas::path(db, p.area_id).await? else {
        return Err(AppError::field("area_id", FieldProblem::Unknown));
    };
    let up = forums::path_ids(&path);
    let category: Option<i64> = sqlx::query_scalar("SELECT id FROM categories WHERE id = $1")
        .bind(p.category_id)
        .fetch_optional(&db.pool)
        .await?;
    if category.is_none() {
        return Err(AppError::field("category_id", FieldProblem::Unknown));
    }
    let mut tx = db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO proposals (author_id, area_id, area_path, category_id, title, body_src, body_html, excerpt, \
         cost, location, state, threshold, created_at, updated_at, area0_id, area1_id, area2_id) \
         SELECT $1, id, path, $2, $3, $4, $5, $6, $7, $8, 'draft', support_threshold, $9, $9, $11, $12, $13 \
         FROM areas WHERE id = $10 RETURNING id",
    )
    .bind(me.id)
    .bind(p.category_id)
    .bind(&p.title)
    .bind(&p.body)
    .bind(&html)
    .bind(&excerpt)
    .bind(p.cost)
    .bind(&p.location)
    .bind(at)
    .bind(p.area_id)
    .bind(up.first().copied())
    .bind(up.get(1).copied())
    .bind(up.get(2).copied())
    .fetch_one(&mut *tx)
    .await?;
    if publish {
        publish_in(&mut tx, db.backend, me, id, at).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Draft → published, by its author.
pub async fn publish(db: &Db, me: &Me, id: i64, at: i64) -> AppResult<()> {
    let mut tx = db.pool.begin().await?;
    publish_in(&mut tx, db.backend, me, id, at).await?;
    tx.commit().await?;
    Ok(())
}

async fn publish_in(conn: &mut sqlx::AnyConnection, backend: Backend, me: &Me, id: i64, at: i64) -> AppResult<()> {
    // Write first: on SQLite this takes the write lock before anything is read.
    let n = sqlx::query(
        "UPDATE proposals SET state = 'published', published_at = $1, updated_at = $1, \
         threshold = (SELECT support_threshold FROM areas WHERE areas.id = proposals.area_id) \
         WHERE id = $2 AND author_id = $3 AND state = 'draft'",
    )
    .bind(at)
    .bind(id)
    .bind(me.id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let h = head(conn, id).await?;
    if n == 0 {
        return Err(if h.author_id != me.id {
            AppError::Forbidden
        } else {
            AppError::Refused {
                reason: Refusal::WrongStep,
            }
        });
    }
    open_discussion(conn, backend, &h, at).await?;
    let path = h.area_path.clone();
    record::append(conn, &path, |seq| {
        h.content(
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
    let (body_src, body_html): (String, String) =
        sqlx::query_as("SELECT body_src, body_html FROM proposals WHERE id = $1")
            .bind(h.id)
            .fetch_one(&mut *conn)
            .await?;
    let thread: i64 = sqlx::query_scalar(
        "INSERT INTO threads (area_id, area_path, category_id, author_id, title, created_at, last_post_at, proposal_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
    )
    .bind(h.area_id)
    .bind(&h.area_path)
    .bind(h.category_id)
    .bind(h.author_id)
    .bind(&h.title)
    .bind(at)
    .bind(h.id)
    .fetch_one(&mut *conn)
    .await?;
    let post = forums::insert_post(conn, thread, 0, h.author_id, None, None, &body_src, &body_html, at).await?;
    forums::index_post(conn, backend, post, &forums::search_doc(Some(&h.title), &body_src)).await?;
    sqlx::query("UPDATE proposals SET thread_id = $1 WHERE id = $2")
        .bind(thread)
        .bind(h.id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Tells the author and every supporter, except whoever took the step,
/// about record entry `seq` of proposal `id` (in the same transaction).
pub(crate) async fn tell(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    seq: i64,
    actor: Option<i64>,
    at: i64,
) -> AppResult<()> {
    const WHO: &str = "SELECT user_id FROM supports WHERE proposal_id = $1 \
         UNION SELECT author_id FROM proposals WHERE id = $1";
    let actor = actor.unwrap_or(0);
    sqlx::query(&format!(
        "INSERT INTO notifications (user_id, kind, proposal_id, record_seq, actor_id, created_at) \
         SELECT w.user_id, 'proposal', $1, $2, $3, $4 FROM ({WHO}) w WHERE w.user_id <> $5"
    ))
    .bind(id)
    .bind(seq)
    .bind((actor != 0).then_some(actor))
    .bind(at)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "UPDATE users SET unread_count = unread_count + 1 WHERE id IN ({WHO}) AND id <> $2"
    ))
    .bind(id)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Published → withdrawn, by its author.
pub async fn withdraw(db: &Db, me: &Me, id: i64, at: i64) -> AppResult<()> {
    let mut tx = db.pool.begin().await?;
    let n = sqlx::query(
        "UPDATE proposals SET state = 'withdrawn', updated_at = $1 WHERE id = $2 AND author_id = $3 AND state = 'published'",
    )
    .bind(at)
    .bind(id)
    .bind(me.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let h = head(&mut tx, id).await?;
    if n == 0 {
        return Err(if h.author_id != me.id {
            AppError::Forbidden
        } else {
            AppError::Refused {
                reason: Refusal::WrongStep,
            }
        });
    }
    let path = h.area_path.clone();
    let seq = record::append(&mut tx, &path, |seq| {
        h.content(
            seq,
            at,
            "withdrawn",
            State::Published,
            State::Withdrawn,
            Some(actor(me, "resident")),
        )
    })
    .await?;
    tell(&mut tx, id, seq, Some(me.id), at).await?;
    tx.commit().await?;
    Ok(())
}

/// The agency responsible for a category in an area: the nearest area, from
/// the area itself upwards, that names one.
pub(crate) async fn responsible(
    conn: &mut sqlx::AnyConnection,
    area_path: &str,
    category_id: i64,
) -> AppResult<Option<(i64, String)>> {
    for area in forums::path_ids(area_path).into_iter().rev() {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT g.id, g.name FROM responsibilities r JOIN agencies g ON g.id = r.agency_id \
             WHERE r.area_id = $1 AND r.category_id = $2",
        )
        .bind(area)
        .bind(category_id)
        .fetch_optional(&mut *conn)
        .await?;
        if row.is_some() {
            return Ok(row);
        }
    }
    Ok(None)
}

/// Why a proposal takes no supports: it is not open, or (a draft someone
/// else is writing, or no such id) not there at all.
async fn not_open(conn: &mut sqlx::AnyConnection, me: &Me, id: i64) -> AppResult<AppError> {
    let row: Option<(String, i64)> = sqlx::query_as("SELECT state, author_id FROM proposals WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(match row {
        Some((state, author)) if state != "draft" || author == me.id => AppError::Refused {
            reason: Refusal::ClosedForSupport,
        },
        _ => AppError::NotFound,
    })
}

/// One support from `me`; returns the new count. Crossing the threshold
/// assigns the responsible agency and starts its deadline, in the same
/// transaction.
/// Supports a proposal; `permit` (rate limits) is counted in the same
/// transaction, so the busiest write pays for one commit.
pub async fn support(db: &Db, me: &Me, id: i64, at: i64, permit: Option<&super::limits::Permit>) -> AppResult<i64> {
    let home = areas::path(db, me.home_area_id).await?.unwrap_or_default();
    let mut tx = db.pool.begin().await?;
    // Write first (the count), so concurrent supports queue on the row lock.
    let row: Option<(i64, i64, Option<i64>, String)> = sqlx::query_as(
        "UPDATE proposals SET support_count = support_count + 1 \
         WHERE id = $1 AND state IN ('published', 'under_review') AND hidden_at IS NULL \
         RETURNING support_count, threshold, awaiting_since, area_path",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((count, threshold, awaiting, path)) = row else {
        return Err(not_open(&mut tx, me, id).await?);
    };
    if !home.starts_with(&path) {
        return Err(AppError::Refused {
            reason: Refusal::OutsideArea,
        });
    }
    let inserted = sqlx::query(
        "INSERT INTO supports (proposal_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(me.id)
    .bind(at)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(AppError::Refused {
            reason: Refusal::AlreadySupported,
        });
    }
    if count >= threshold && awaiting.is_none() {
        reach_threshold(&mut tx, id, at).await?;
    }
    if let Some(p) = permit {
        p.record(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(count)
}

/// The first time supports reach the threshold: assign, set the due date,
/// record it. (A proposal answered already keeps its answer.)
pub(crate) async fn reach_threshold(conn: &mut sqlx::AnyConnection, id: i64, at: i64) -> AppResult<()> {
    let h = head(conn, id).await?;
    let answered: Option<i64> = sqlx::query_scalar("SELECT answered_at FROM proposals WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let already: Option<i64> = sqlx::query_scalar(
        "SELECT seq FROM record WHERE subject = 'proposal' AND subject_id = $1 AND event = 'threshold_reached'",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    if answered.is_some() || already.is_some() {
        return Ok(());
    }
    let agency = responsible(conn, &h.area_path, h.category_id).await?;
    let days: i64 = sqlx::query_scalar("SELECT response_days FROM areas WHERE id = $1")
        .bind(h.area_id)
        .fetch_one(&mut *conn)
        .await?;
    let due = due_after(at, days, &h.timezone);
    super::dashboard::receive(
        conn,
        "proposal",
        id,
        agency.as_ref().map(|a| a.0),
        &h.area_path,
        &h.timezone,
        at,
        due,
    )
    .await?;
    sqlx::query("UPDATE proposals SET agency_id = $1, awaiting_since = $2, due_at = $3, updated_at = $2 WHERE id = $4")
        .bind(agency.as_ref().map(|a| a.0))
        .bind(at)
        .bind(due)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let mut h = h;
    h.agency_id = agency.as_ref().map(|a| a.0);
    h.agency_name = agency.map(|a| a.1);
    let state = h.state();
    let zone = h.timezone.clone();
    let path = h.area_path.clone();
    let seq = record::append(conn, &path, |seq| {
        let mut c = h.content(seq, at, "threshold_reached", state, state, None);
        c.due = Some(time::iso_date(due, &zone));
        c
    })
    .await?;
    tell(conn, id, seq, None, at).await?;
    Ok(())
}

/// Takes back `me`'s support while the proposal is open; returns the count.
pub async fn unsupport(db: &Db, me: &Me, id: i64) -> AppResult<i64> {
    let mut tx = db.pool.begin().await?;
    let row: Option<(i64,)> = sqlx::query_as(
        "UPDATE proposals SET support_count = support_count - 1 \
         WHERE id = $1 AND state IN ('published', 'under_review') RETURNING support_count",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((count,)) = row else {
        return Err(not_open(&mut tx, me, id).await?);
    };
    let deleted = sqlx::query("DELETE FROM supports WHERE proposal_id = $1 AND user_id = $2")
        .bind(id)
        .bind(me.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if deleted == 0 {
        return Err(AppError::Refused {
            reason: Refusal::NotSupported,
        });
    }
    tx.commit().await?;
    Ok(count)
}

/// Whether an answer setting `to` keeps its budget and timeline (a
/// decision to review or reject has none).
pub fn keeps_budget(to: State) -> bool {
    matches!(
        to,
        State::Accepted | State::PartiallyAccepted | State::InProgress | State::Implemented
    )
}

/// An official response or a progress update.
pub struct Answer {
    pub to: State,
    pub body: String,
    pub budget: Option<i64>,
    pub timeline: Option<String>,
    pub progress: Option<i64>,
}

/// The agency `me` answers for on this proposal, or `Forbidden`: an officer
/// of the assigned agency (or, before assignment, of the agency responsible
/// for its category and area); an admin answers for that agency too.
async fn answering_agency(
    conn: &mut sqlx::AnyConnection,
    me: &Me,
    assigned: Option<(i64, String)>,
    area_path: &str,
    category_id: i64,
) -> AppResult<(Option<(i64, String)>, &'static str)> {
    let agency = match assigned {
        Some(a) => Some(a),
        None => responsible(conn, area_path, category_id).await?,
    };
    let officer = agency.as_ref().is_some_and(|(id, _)| {
        me.roles
            .iter()
            .any(|r| r.role == Role::Officer && r.agency_id == Some(*id))
    });
    if officer {
        Ok((agency, "officer"))
    } else if me.is_admin() {
        Ok((agency, "admin"))
    } else {
        Err(AppError::Forbidden)
    }
}

/// Publishes an official response (`progress = false`) or a progress
/// update; returns its record seq.
pub async fn answer(db: &Db, me: &Me, id: i64, a: Answer, progress: bool, at: i64) -> AppResult<i64> {
    let html = forums::render("body", &a.body)?;
    let mut tx = db.pool.begin().await?;
    // Write first: lock the proposal row for the whole step.
    let n = sqlx::query("UPDATE proposals SET updated_at = $1 WHERE id = $2 AND state <> 'draft'")
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(AppError::NotFound);
    }
    let mut h = head(&mut tx, id).await?;
    let assigned = h.agency_id.map(|id| (id, h.agency_name.clone().unwrap_or_default()));
    let (agency, role) = answering_agency(&mut tx, me, assigned, &h.area_path, h.category_id).await?;
    let from = h.state();
    let allowed = if progress {
        from.progress_allowed(a.to)
    } else {
        from.response_allowed(a.to)
    };
    if !allowed {
        return Err(AppError::Refused {
            reason: Refusal::WrongStep,
        });
    }
    let percent = match (progress, a.to) {
        (true, State::Implemented) => Some(100),
        (true, _) => Some(a.progress.unwrap_or(0).clamp(0, 100)),
        (false, _) => None,
    };
    let (budget, timeline) = if keeps_budget(a.to) {
        (a.budget, a.timeline.clone())
    } else {
        (None, None)
    };
    h.agency_id = agency.as_ref().map(|g| g.0);
    h.agency_name = agency.as_ref().map(|g| g.1.clone());
    let path = h.area_path.clone();
    let event = if progress { "progress" } else { "response" };
    let seq = record::append(&mut tx, &path, |seq| {
        let mut c = h.content(seq, at, event, from, a.to, Some(actor(me, role)));
        c.text = Some(a.body.clone());
        c.budget = budget;
        c.timeline = timeline.clone();
        c.progress = percent;
        c
    })
    .await?;
    sqlx::query(
        "INSERT INTO official_responses (proposal_id, officer_id, agency_id, kind, state, body_src, body_html, \
         budget, timeline, progress, created_at, record_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id)
    .bind(me.id)
    .bind(h.agency_id)
    .bind(event)
    .bind(a.to.code())
    .bind(&a.body)
    .bind(&html)
    .bind(budget)
    .bind(&timeline)
    .bind(percent)
    .bind(at)
    .bind(seq)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE proposals SET state = $1, agency_id = COALESCE(agency_id, $2), awaiting_since = NULL, \
         answered_at = COALESCE(answered_at, $3), budget = COALESCE($4, budget), timeline = COALESCE($5, timeline), \
         progress = COALESCE($6, progress) WHERE id = $7",
    )
    .bind(a.to.code())
    .bind(h.agency_id)
    .bind(at)
    .bind(budget)
    .bind(&timeline)
    .bind(percent)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    super::dashboard::answered(&mut tx, "proposal", id, me.id, at).await?;
    tell(&mut tx, id, seq, Some(me.id), at).await?;
    tx.commit().await?;
    Ok(seq)
}

const FEED_SIZE: i64 = 30;
/// Replies a proposal's page shows; the thread page has them all.
const DISCUSSION_SHOWN: i64 = 20;

/// Atom feed of the decision record of one proposal (`proposal`) or of the
/// proposals of an area and its sub-areas: every step, and an official
/// response's own text where there is one.
pub async fn feed(db: &Db, lang: Lang, proposal: Option<i64>, area: Option<i64>) -> AppResult<forums::Feed> {
    use crate::i18n::proposals::{event_name, pmsg, state_name};
    let (title, url, filter) = match (proposal, area) {
        (Some(id), _) => {
            let title: String = sqlx::query_scalar("SELECT title FROM proposals WHERE id = $1 AND state <> 'draft'")
                .bind(id)
                .fetch_optional(&db.pool)
                .await?
                .ok_or(AppError::NotFound)?;
            let f = record::Filter {
                subject: Some(("proposal".into(), id)),
                ..Default::default()
            };
            (title, format!("/proposals/{id}"), f)
        }
        (None, Some(area)) => {
            let info = areas::info(db, area).await?;
            let f = record::Filter {
                area_path: Some(info.path().to_owned()),
                kind: Some("proposal"),
                ..Default::default()
            };
            (
                format!("{} · {}", pmsg(lang).proposals_title, info.name()),
                format!("/proposals?area={area}"),
                f,
            )
        }
        (None, None) => return Err(AppError::NotFound),
    };
    let entries = record::newest(db, &filter, None, FEED_SIZE).await?;
    // The responses' texts, in one read.
    let seqs: Vec<i64> = entries
        .iter()
        .filter(|e| matches!(e.event.as_str(), "response" | "progress"))
        .map(|e| e.seq)
        .collect();
    let mut bodies = std::collections::HashMap::new();
    if !seqs.is_empty() {
        let marks: Vec<String> = (1..=seqs.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT record_seq, body_html FROM official_responses WHERE record_seq IN ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
        for seq in &seqs {
            q = q.bind(*seq);
        }
        bodies.extend(q.fetch_all(&db.pool).await?);
    }
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let Ok(c) = serde_json::from_str::<Content>(&e.content) else {
            continue;
        };
        let mut line = format!("{} · {}", event_name(lang, &c.event), state_name(lang, &c.state_to));
        for extra in [c.agency.as_ref().map(|a| a.name.clone()), c.due.clone()]
            .into_iter()
            .flatten()
        {
            line.push_str(" · ");
            line.push_str(&extra);
        }
        let mut html = format!("<p>{}</p>", ammonia::clean_text(&line));
        if let Some(body) = bodies.get(&e.seq) {
            html.push_str(body);
        }
        // A correction says what it corrects, what was and is, and why.
        if let Some(x) = &c.correction {
            use crate::i18n::amounts::{amsg, field_name};
            let a = amsg(lang);
            let v = super::corrections::of_entry(lang, e.seq, x, None, String::new());
            let mut what = format!("{} #{} · {}", a.corrects_entry, x.corrects, field_name(lang, &x.field));
            if let (Some(was), Some(now)) = (&v.was, &v.now) {
                what.push_str(&format!(" · {}: {was} · {}: {now}", a.was, a.now));
            }
            html.push_str(&format!("<p>{}</p>", ammonia::clean_text(&what)));
            if let Some(text) = x.now.as_ref().and_then(|n| n.as_str()).filter(|_| x.field == "text") {
                html.push_str(&format!("<p>{}</p>", ammonia::clean_text(text)));
            }
            if let Some(why) = &v.why {
                html.push_str(&format!(
                    "<p>{}</p>",
                    ammonia::clean_text(&format!("{}: {why}", a.reason))
                ));
            }
        }
        out.push(forums::FeedEntry {
            id: format!("record-{}", e.seq),
            title: format!("{}: {}", c.title, event_name(lang, &c.event)),
            url: format!("/proposals/{}#entry-{}", c.subject_id, e.seq),
            author: c.actor.map(|a| a.name).unwrap_or_else(|| "Rembuk".into()),
            updated: e.created_at,
            html,
        });
    }
    Ok(forums::Feed {
        title,
        url,
        entries: out,
    })
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

    #[test]
    fn lifecycle_steps() {
        assert!(State::Published.response_allowed(State::Accepted));
        assert!(State::UnderReview.response_allowed(State::Rejected));
        assert!(!State::Draft.response_allowed(State::Accepted));
        assert!(!State::Accepted.response_allowed(State::Rejected));
        assert!(
            !State::Published.progress_allowed(State::Implemented),
            "no skipping the decision"
        );
        assert!(State::Accepted.progress_allowed(State::InProgress));
        assert!(State::InProgress.progress_allowed(State::Implemented));
        assert!(!State::Rejected.progress_allowed(State::InProgress));
        assert!(!State::Withdrawn.open() && State::Published.open());
    }
}

// ---- Reading ----

#[derive(FromRow)]
struct PageRow {
    author_id: i64,
    author: String,
    author_username: String,
    area_id: i64,
    area_path: String,
    title: String,
    body_html: String,
    cost: Option<i64>,
    location: String,
    state: String,
    support_count: i64,
    threshold: i64,
    agency: Option<String>,
    awaiting_since: Option<i64>,
    due_at: Option<i64>,
    budget: Option<i64>,
    timeline: Option<String>,
    progress: Option<i64>,
    created_at: i64,
    agency_id: Option<i64>,
    category_id: i64,
    thread_id: Option<i64>,
    reply_count: Option<i64>,
    post_count: Option<i64>,
    version: Option<i64>,
    hidden_at: Option<i64>,
    hidden_reason: Option<String>,
    merged_into: Option<i64>,
}

/// A proposal's record entry, with the official response it carries, if any.
#[derive(FromRow)]
struct StepRow {
    #[sqlx(flatten)]
    entry: record::Entry,
    kind: Option<String>,
    response_state: Option<String>,
    response_html: Option<String>,
    officer: Option<String>,
    response_agency: Option<String>,
    response_at: Option<i64>,
    budget: Option<i64>,
    timeline: Option<String>,
    progress: Option<i64>,
}

/// A proposal's page: drafts only for their author.
pub async fn page(
    db: &Db,
    lang: Lang,
    me: Option<&Me>,
    id: i64,
    template: Option<i64>,
    at: i64,
) -> AppResult<crate::model::ProposalPage> {
    let r: PageRow = sqlx::query_as(
        "SELECT p.author_id, u.display_name AS author, u.username AS author_username, p.area_id, p.area_path, \
         p.title, p.body_html, p.cost, p.location, p.state, p.support_count, p.threshold, \
         g.name AS agency, p.awaiting_since, p.due_at, p.budget, p.timeline, p.progress, p.created_at, \
         p.agency_id, p.category_id, p.thread_id, t.reply_count, t.post_count, t.version, p.hidden_at, p.hidden_reason, p.merged_into \
         FROM proposals p \
         LEFT JOIN threads t ON t.id = p.thread_id JOIN users u ON u.id = p.author_id \
         LEFT JOIN agencies g ON g.id = p.agency_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let mine = me.is_some_and(|m| m.id == r.author_id);
    if r.state == "draft" && !mine {
        return Err(AppError::NotFound);
    }
    let area = areas::summary(db, lang, r.area_id).await?;
    let zone = areas::info(db, r.area_id).await?.timezone().to_owned();
    let state = State::parse(&r.state).unwrap_or(State::Draft);
    let supported = match me {
        Some(me) if state.open() && r.hidden_at.is_none() => {
            let home = areas::path(db, me.home_area_id).await?.unwrap_or_default();
            if home.starts_with(&r.area_path) {
                let row: Option<i64> =
                    sqlx::query_scalar("SELECT proposal_id FROM supports WHERE proposal_id = $1 AND user_id = $2")
                        .bind(id)
                        .bind(me.id)
                        .fetch_optional(&db.pool)
                        .await?;
                Some(row.is_some())
            } else {
                None
            }
        }
        _ => None,
    };
    let answering = match me {
        Some(me) if state != State::Draft && (me.is_admin() || me.roles.iter().any(|r| r.role == Role::Officer)) => {
            let mut conn = db.pool.acquire().await?;
            let assigned = r.agency_id.map(|id| (id, r.agency.clone().unwrap_or_default()));
            answering_agency(&mut conn, me, assigned, &r.area_path, r.category_id)
                .await
                .ok()
        }
        _ => None,
    };
    let can_answer = answering.is_some();
    // Templates of the agency the viewer answers for, and the one chosen.
    let (templates, template_body) = match answering.as_ref().and_then(|(a, _)| a.as_ref()) {
        Some((agency, _)) => {
            // The picker needs titles only; the chosen text comes alone.
            let mut list = templates_of(db, *agency).await?;
            list.iter_mut().for_each(|t| t.body.clear());
            let chosen = match template {
                Some(t) => {
                    sqlx::query_scalar("SELECT body_src FROM response_templates WHERE id = $1 AND agency_id = $2")
                        .bind(t)
                        .bind(*agency)
                        .fetch_optional(&db.pool)
                        .await?
                }
                None => None,
            };
            (list, chosen)
        }
        None => (Vec::new(), None),
    };
    let discussion = match r.thread_id {
        Some(t) => {
            let version = (r.version.unwrap_or(0), r.post_count.unwrap_or(0));
            let (replies, moderator) =
                forums::first_replies(db, lang, me, (t, version), (&r.area_path, &zone), DISCUSSION_SHOWN).await?;
            let reply_count = r.reply_count.unwrap_or(0);
            Some(crate::model::Discussion {
                thread_id: t,
                reply_count,
                moderator,
                replies,
            })
        }
        None => None,
    };
    // The whole record (one entry per step anyone took) and the responses
    // it carries, in one read, in order.
    let steps: Vec<StepRow> = sqlx::query_as(&format!(
        "SELECT {}, o.kind, o.state AS response_state, o.body_html AS response_html, \
         u.display_name AS officer, g.name AS response_agency, o.created_at AS response_at, o.budget, \
         o.timeline, o.progress FROM record r LEFT JOIN official_responses o ON o.record_seq = r.seq \
         LEFT JOIN users u ON u.id = o.officer_id LEFT JOIN agencies g ON g.id = o.agency_id \
         WHERE r.subject = 'proposal' AND r.subject_id = $1 ORDER BY r.seq",
        record::ENTRY_FIELDS
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let mut responses = Vec::new();
    let mut corrections = super::corrections::of_subject(db, lang, "proposal", id, &zone).await?;
    let mut entries = Vec::with_capacity(steps.len());
    for step in steps {
        if let (Some(kind), Some(state), Some(html), Some(officer), Some(at)) = (
            step.kind,
            step.response_state,
            step.response_html,
            step.officer,
            step.response_at,
        ) {
            responses.push(crate::model::ResponseView {
                kind,
                state,
                html,
                officer,
                agency: step.response_agency,
                when: time::date_time(lang, at, &zone),
                budget: step.budget,
                timeline: step.timeline,
                progress: step.progress,
                record_seq: step.entry.seq,
                corrections: corrections.remove(&step.entry.seq).unwrap_or_default(),
            });
        }
        entries.push(step.entry);
    }
    // Author and supporters rate the agency's answer once it has decided.
    let rating = match me {
        Some(me) if super::complaints::rateable("proposal", &r.state) && r.agency_id.is_some() && !can_answer => {
            let supporter: Option<i64> =
                sqlx::query_scalar("SELECT user_id FROM supports WHERE proposal_id = $1 AND user_id = $2")
                    .bind(id)
                    .bind(me.id)
                    .fetch_optional(&db.pool)
                    .await?;
            super::complaints::rating_state(db, Some(me), "proposal", id, mine || supporter.is_some()).await?
        }
        _ => crate::model::RatingState::None,
    };
    let moderation = crate::domain::permissions::item_moderation(
        me,
        &areas::moderated_paths(db, me).await?,
        crate::domain::ids::UserId(r.author_id),
        &r.area_path,
        r.hidden_at.map(|_| r.hidden_reason.clone().unwrap_or_default()),
        r.merged_into,
    );
    // Hidden: the title and text only for its author and the area's moderators.
    let mut moderation = moderation;
    let withheld = r.hidden_at.is_some() && !mine && !moderation.can_moderate;
    moderation.withheld = withheld;
    Ok(crate::model::ProposalPage {
        id,
        title: if withheld { String::new() } else { r.title },
        html: if withheld { String::new() } else { r.body_html },
        area,
        category: areas::category_name(&areas::categories(db).await?, lang, r.category_id),
        state: r.state,
        cost: r.cost,
        location: r.location,
        author: r.author,
        author_username: r.author_username,
        created: time::date(lang, r.created_at, &zone),
        support_count: r.support_count,
        threshold: r.threshold,
        agency: r.agency,
        due: r
            .due_at
            .filter(|_| r.awaiting_since.is_some())
            .map(|d| time::date(lang, d, &zone)),
        overdue: r.awaiting_since.is_some() && r.due_at.is_some_and(|d| d < at),
        budget: r.budget,
        timeline: r.timeline,
        progress: r.progress,
        responses,
        record: record::items(db, lang, entries).await?,
        mine,
        moderation,
        supported,
        can_answer,
        discussion,
        templates,
        template_body,
        rating,
        can_correct: me.is_some_and(|me| {
            me.is_admin()
                || me
                    .roles
                    .iter()
                    .any(|g| g.role == Role::Officer && g.agency_id.is_some() && g.agency_id == r.agency_id)
        }),
    })
}

/// An agency's response templates, by title.
pub async fn templates_of(db: &Db, agency: i64) -> AppResult<Vec<crate::model::TemplateView>> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, title, body_src FROM response_templates WHERE agency_id = $1 ORDER BY title, id")
            .bind(agency)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, body)| crate::model::TemplateView { id, title, body })
        .collect())
}

/// The agencies `me` keeps templates for: those they are an officer of.
pub fn own_agencies(me: &Me) -> Vec<i64> {
    me.roles
        .iter()
        .filter(|r| r.role == Role::Officer)
        .filter_map(|r| r.agency_id)
        .collect()
}

/// Adds a template to one of `me`'s agencies; returns its id.
pub async fn add_template(db: &Db, me: &Me, agency: i64, title: &str, body: &str, at: i64) -> AppResult<i64> {
    if !own_agencies(me).contains(&agency) {
        return Err(AppError::Forbidden);
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO response_templates (agency_id, title, body_src, created_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(agency)
    .bind(title)
    .bind(body)
    .bind(me.id)
    .bind(at)
    .fetch_one(&db.pool)
    .await?)
}

/// Deletes a template of one of `me`'s agencies.
pub async fn delete_template(db: &Db, me: &Me, id: i64) -> AppResult<()> {
    let agency: i64 = sqlx::query_scalar("SELECT agency_id FROM response_templates WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    if !own_agencies(me).contains(&agency) {
        return Err(AppError::Forbidden);
    }
    sqlx::query("DELETE FROM response_templates WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The templates of every agency `me` is an officer of, for the desk.
pub async fn desk_templates(db: &Db, me: &Me) -> AppResult<Vec<crate::model::AgencyTemplates>> {
    let mut out = Vec::new();
    for agency in own_agencies(me) {
        let name: String = sqlx::query_scalar("SELECT name FROM agencies WHERE id = $1")
            .bind(agency)
            .fetch_one(&db.pool)
            .await?;
        out.push(crate::model::AgencyTemplates {
            agency_id: agency,
            agency: name,
            templates: templates_of(db, agency).await?,
        });
    }
    Ok(out)
}

/// Proposal lists: `sort` is `supports` (default), `newest` or `awaiting`
/// (by due date, soonest first).
pub struct ListQuery {
    pub area_id: Option<i64>,
    pub category: Option<i64>,
    pub state: Option<State>,
    pub sort: String,
    pub after: Option<(i64, i64)>,
    /// Officer desk: only proposals assigned to one of these agencies
    /// (`Some(empty)` = assigned to any agency, for admins).
    pub agencies: Option<Vec<i64>>,
    /// Officer desk: awaiting a response (false) or answered (true).
    pub answered: Option<bool>,
}

pub const LIST_PAGE: i64 = 30;

#[derive(FromRow)]
struct ListRow {
    id: i64,
    title: String,
    area_id: i64,
    category_id: i64,
    state: String,
    support_count: i64,
    threshold: i64,
    author: String,
    awaiting_since: Option<i64>,
    due_at: Option<i64>,
}

pub async fn list(
    db: &Db,
    lang: Lang,
    q: ListQuery,
    at: i64,
) -> AppResult<(Vec<crate::model::ProposalSummary>, Option<String>)> {
    let (key, dir) = match q.sort.as_str() {
        "newest" => ("p.id", "DESC"),
        "awaiting" => ("p.due_at", "ASC"),
        _ => ("p.support_count", "DESC"),
    };
    let mut sql = String::from(
        "SELECT p.id, p.title, p.area_id, p.category_id, p.state, \
         p.support_count, p.threshold, u.display_name AS author, p.awaiting_since, p.due_at \
         FROM proposals p JOIN users u ON u.id = p.author_id WHERE p.state <> 'draft' AND p.hidden_at IS NULL",
    );
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    let path = match q.area_id {
        Some(a) => Some(areas::path(db, a).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    // An area and everything under it: by its column up to district depth,
    // by path range below (small subtrees).
    let depth = path.as_deref().map(|p| forums::path_ids(p).len().saturating_sub(1));
    match depth {
        Some(d @ 0..=2) => sql.push_str(&format!(" AND p.area{d}_id = {}", next())),
        Some(_) => sql.push_str(&format!(" AND p.area_path >= {} AND p.area_path < {}", next(), next())),
        None => {}
    }
    if q.category.is_some() {
        sql.push_str(&format!(" AND p.category_id = {}", next()));
    }
    if q.state.is_some() {
        sql.push_str(&format!(" AND p.state = {}", next()));
    }
    if q.sort == "awaiting" && q.answered.is_none() {
        sql.push_str(" AND p.awaiting_since IS NOT NULL");
    }
    match &q.agencies {
        // Ids of the person's own agencies, never user input.
        Some(ids) if !ids.is_empty() => {
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            sql.push_str(&format!(" AND p.agency_id IN ({})", ids.join(", ")));
        }
        Some(_) => sql.push_str(" AND p.agency_id IS NOT NULL"),
        None => {}
    }
    match q.answered {
        Some(true) => sql.push_str(" AND p.answered_at IS NOT NULL"),
        Some(false) => sql.push_str(" AND p.awaiting_since IS NOT NULL"),
        None => {}
    }
    if q.after.is_some() {
        let cmp = if dir == "DESC" { "<" } else { ">" };
        sql.push_str(&format!(" AND ({key}, p.id) {cmp} ({}, {})", next(), next()));
    }
    sql.push_str(&format!(" ORDER BY {key} {dir}, p.id {dir} LIMIT {}", next()));
    let mut query = sqlx::query_as::<_, ListRow>(&sql);
    match (&path, depth) {
        (Some(_), Some(0..=2)) => query = query.bind(q.area_id),
        (Some(p), _) => query = query.bind(p.clone()).bind(format!("{}0", p.trim_end_matches('/'))),
        _ => {}
    }
    if let Some(c) = q.category {
        query = query.bind(c);
    }
    if let Some(s) = q.state {
        query = query.bind(s.code());
    }
    if let Some((k, i)) = q.after {
        query = query.bind(k).bind(i);
    }
    let mut rows = query.bind(LIST_PAGE + 1).fetch_all(&db.pool).await?;
    let next = if rows.len() as i64 > LIST_PAGE {
        rows.truncate(LIST_PAGE as usize);
        rows.last().map(|r| {
            let k = match q.sort.as_str() {
                "newest" => r.id,
                "awaiting" => r.due_at.unwrap_or(0),
                _ => r.support_count,
            };
            format!("{k}_{}", r.id)
        })
    } else {
        None
    };
    // Areas' and categories' names come from memory.
    let categories = areas::categories(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let area = areas::info(db, r.area_id).await?;
        out.push(crate::model::ProposalSummary {
            due: r
                .due_at
                .filter(|_| r.awaiting_since.is_some())
                .map(|d| time::date(lang, d, area.timezone())),
            overdue: r.awaiting_since.is_some() && r.due_at.is_some_and(|d| d < at),
            id: r.id,
            title: r.title,
            area_id: r.area_id,
            area_name: area.name().to_owned(),
            category: areas::category_name(&categories, lang, r.category_id),
            state: r.state,
            support_count: r.support_count,
            threshold: r.threshold,
            author: r.author,
        });
    }
    Ok((out, next))
}
