//! Complaints (*pengaduan*): a resident reports a public service that failed
//! them; the agency responsible for the category in that area verifies,
//! follows up and resolves it within deadlines counted in working days. Every
//! step is an official response, goes to the decision record and tells the
//! complainant. Anonymous complaints hide the complainant from the public
//! (never from the agency or admins); private ones hide the whole complaint.
use super::record::{self, Actor, Content, Named};
use super::{areas, dashboard, forums, skm, time};
use crate::db::Db;
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::{
    AgencySummary, ComplaintPage, ComplaintStep, ComplaintSummary, ComplaintsPage, Deadline, Lang, Me, RatingState,
    Role,
};
use sqlx::FromRow;

/// Characters a complaint's description needs at least: what happened, in
/// enough words that the agency can act on it.
pub const BODY_MIN: usize = 30;
pub const LOCATION_MAX: usize = 200;

/// What an officer can do to a complaint in each state, and where it leads.
/// `forwarded` keeps the state and changes the agency.
pub fn step_to(state: &str, event: &str) -> Option<&'static str> {
    Some(match (state, event) {
        ("received", "verified") => "verified",
        ("verified", "in_progress") => "in_progress",
        ("verified" | "in_progress", "resolved") => "resolved",
        ("resolved", "closed") => "closed",
        ("received" | "verified" | "in_progress", "rejected") => "rejected",
        ("received", "forwarded") => "received",
        ("verified", "forwarded") => "verified",
        _ => return None,
    })
}

pub const EVENTS: [&str; 6] = ["verified", "in_progress", "resolved", "closed", "rejected", "forwarded"];

pub struct NewComplaint {
    pub title: String,
    pub body: String,
    pub area_id: i64,
    pub category_id: i64,
    pub location: String,
    /// The day it happened (since 1970-01-01).
    pub happened_on: i64,
    pub anonymous: bool,
    pub private: bool,
}

/// The holidays after `start` of the area of `path` and the areas above it,
/// sorted, for [`skm::add_working_days`].
async fn holidays_after(conn: &mut sqlx::AnyConnection, path: &str, start: i64) -> AppResult<Vec<i64>> {
    let list: Vec<String> = forums::path_ids(path).iter().map(i64::to_string).collect();
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let mut days: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT day FROM area_holidays WHERE day > $1 AND area_id IN ({})",
        list.join(", ")
    ))
    .bind(start)
    .fetch_all(&mut *conn)
    .await?;
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

#[derive(FromRow)]
struct AreaRules {
    path: String,
    name: String,
    timezone: String,
    verify_days: i64,
    followup_days: i64,
    resolve_days: i64,
}

/// Files a complaint, routes it, sets its deadlines and records it; returns
/// its id.
pub async fn file(db: &Db, me: &Me, c: NewComplaint, at: i64) -> AppResult<i64> {
    let html = forums::render("body", &c.body)?;
    let excerpt = forums::excerpt_of(&c.body);
    // Everything read before the transaction, which then writes first (on
    // SQLite a transaction that reads before it writes can lose its snapshot
    // to another writer and fail).
    let mut conn = db.pool.acquire().await?;
    let rules: Option<AreaRules> = sqlx::query_as(
        "SELECT path, name, timezone, verify_days, followup_days, resolve_days FROM areas WHERE id = $1",
    )
    .bind(c.area_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(rules) = rules else {
        return Err(AppError::field("area_id", FieldProblem::Unknown));
    };
    let category: Option<i64> = sqlx::query_scalar("SELECT id FROM categories WHERE id = $1")
        .bind(c.category_id)
        .fetch_optional(&mut *conn)
        .await?;
    if category.is_none() {
        return Err(AppError::field("category_id", FieldProblem::Unknown));
    }
    // Not in the future anywhere in Indonesia (the form offers today in the
    // easternmost zone as its latest date).
    if c.happened_on > time::local_day(at, "WIT") {
        return Err(AppError::field("happened_on", FieldProblem::Invalid));
    }
    let agency = super::proposals::responsible(&mut conn, &rules.path, c.category_id).await?;
    let today = time::local_day(at, &rules.timezone);
    let holidays = holidays_after(&mut conn, &rules.path, today).await?;
    let due = [rules.verify_days, rules.followup_days, rules.resolve_days].map(|days| {
        let day = skm::add_working_days(today, days.clamp(0, 365) as u32, &holidays);
        time::end_of_day(day, &rules.timezone)
    });
    drop(conn);
    let mut tx = db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO complaints (author_id, anonymous, private, area_id, area_path, category_id, title, body_src, \
         body_html, excerpt, location, happened_on, state, agency_id, verify_due, followup_due, resolve_due, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'received', $13, $14, \
         $15, $16, $17, $17) RETURNING id",
    )
    .bind(me.id)
    .bind(i64::from(c.anonymous))
    .bind(i64::from(c.private))
    .bind(c.area_id)
    .bind(&rules.path)
    .bind(c.category_id)
    .bind(&c.title)
    .bind(&c.body)
    .bind(&html)
    .bind(&excerpt)
    .bind(&c.location)
    .bind(time::iso_day(c.happened_on))
    .bind(agency.as_ref().map(|a| a.0))
    .bind(due[0])
    .bind(due[1])
    .bind(due[2])
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let head = Head {
        id,
        author_id: me.id,
        private: Flag(c.private),
        area_id: c.area_id,
        area_path: rules.path.clone(),
        area_name: rules.name.clone(),
        title: c.title.clone(),
        state: "received".into(),
        agency_id: agency.as_ref().map(|a| a.0),
        agency_name: agency.as_ref().map(|a| a.1.clone()),
    };
    // The public record never names an anonymous complainant, nor the
    // complainant of a private complaint (which the public may not read, so
    // its record entry must not say whose it is).
    let actor = (!c.anonymous && !c.private).then(|| Actor {
        username: me.username.clone(),
        name: me.display_name.clone(),
        role: "resident".into(),
    });
    record::append(&mut tx, &rules.path, |seq| {
        let mut e = head.content(seq, at, "filed", "received", actor);
        e.due = Some(time::iso_date(due[1], &rules.timezone));
        e
    })
    .await?;
    dashboard::receive(
        &mut tx,
        "complaint",
        id,
        head.agency_id,
        &rules.path,
        &rules.timezone,
        at,
        due[1],
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(FromRow)]
struct Head {
    id: i64,
    author_id: i64,
    #[sqlx(try_from = "i64")]
    private: Flag,
    area_id: i64,
    area_path: String,
    area_name: String,
    title: String,
    state: String,
    agency_id: Option<i64>,
    agency_name: Option<String>,
}

/// A 0/1 column.
#[derive(Clone, Copy)]
struct Flag(bool);

impl From<i64> for Flag {
    fn from(v: i64) -> Flag {
        Flag(v != 0)
    }
}

impl std::ops::Deref for Flag {
    type Target = bool;
    fn deref(&self) -> &bool {
        &self.0
    }
}

const HEAD: &str = "SELECT c.id, c.author_id, c.private, c.area_id, c.area_path, a.name AS area_name, \
     c.title, c.state, c.agency_id, g.name AS agency_name \
     FROM complaints c JOIN areas a ON a.id = c.area_id LEFT JOIN agencies g ON g.id = c.agency_id WHERE c.id = $1";

impl Head {
    fn content(&self, seq: i64, at: i64, event: &str, to: &str, actor: Option<Actor>) -> Content {
        Content {
            seq,
            at: record::utc(at),
            subject: "complaint".into(),
            subject_id: self.id,
            // A private complaint's record says that a step happened, and
            // who took it, but not what it is about.
            title: if *self.private {
                String::new()
            } else {
                self.title.clone()
            },
            event: event.into(),
            state_from: if event == "filed" {
                String::new()
            } else {
                self.state.clone()
            },
            state_to: to.into(),
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

    /// The complainant, an officer of its agency, or an admin.
    fn visible_to(&self, me: Option<&Me>) -> bool {
        !*self.private || me.is_some_and(|me| me.id == self.author_id || me.is_admin() || self.officer(me))
    }

    fn officer(&self, me: &Me) -> bool {
        officer_of(me, self.agency_id)
    }
}

/// An official step by an officer of the complaint's agency (or an admin):
/// `event` is one of [`EVENTS`]; `text` is the official response (for a
/// rejection or forward, the reason); `to_agency` where it is forwarded.
/// Returns its record seq.
pub async fn step(
    db: &Db,
    me: &Me,
    id: i64,
    event: &str,
    text: &str,
    to_agency: Option<i64>,
    at: i64,
) -> AppResult<i64> {
    let html = forums::render("body", text)?;
    let mut tx = db.pool.begin().await?;
    // Write first: lock the complaint's row for the whole step.
    let n = sqlx::query("UPDATE complaints SET updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(AppError::NotFound);
    }
    let mut h: Head = sqlx::query_as(HEAD).bind(id).fetch_one(&mut *tx).await?;
    if !h.visible_to(Some(me)) {
        return Err(AppError::NotFound);
    }
    let role = if h.officer(me) {
        "officer"
    } else if me.is_admin() {
        "admin"
    } else {
        return Err(AppError::Forbidden);
    };
    let Some(to) = step_to(&h.state, event) else {
        return Err(AppError::Refused {
            reason: Refusal::ComplaintStep,
        });
    };
    let forwarded = match (event, to_agency) {
        ("forwarded", Some(g)) if Some(g) != h.agency_id => {
            let name: Option<String> = sqlx::query_scalar("SELECT name FROM agencies WHERE id = $1")
                .bind(g)
                .fetch_optional(&mut *tx)
                .await?;
            let name = name.ok_or_else(|| AppError::field("to_agency", FieldProblem::Unknown))?;
            // Only to an agency that serves the complaint's area (or an area
            // above it): anything else would hand a resident's complaint,
            // private ones too, to an office with no business reading it.
            if !serves(&mut tx, g, &h.area_path).await? {
                return Err(AppError::Refused {
                    reason: Refusal::AgencyOutsideArea,
                });
            }
            Some((g, name))
        }
        ("forwarded", None) => return Err(AppError::field("to_agency", FieldProblem::Required)),
        ("forwarded", _) => return Err(AppError::field("to_agency", FieldProblem::Invalid)),
        _ => None,
    };
    let from_agency = h.agency_id;
    if let Some((g, name)) = &forwarded {
        h.agency_id = Some(*g);
        h.agency_name = Some(name.clone());
    }
    let actor = Actor {
        username: me.username.clone(),
        name: me.display_name.clone(),
        role: role.into(),
    };
    let path = h.area_path.clone();
    let seq = record::append(&mut tx, &path, |seq| {
        let mut c = h.content(seq, at, event, to, Some(actor));
        if !*h.private {
            c.text = Some(text.to_owned());
        }
        c
    })
    .await?;
    sqlx::query(
        "INSERT INTO complaint_steps (complaint_id, officer_id, agency_id, event, state_to, body_src, body_html, \
         to_agency_id, created_at, record_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id)
    .bind(me.id)
    .bind(from_agency)
    .bind(event)
    .bind(to)
    .bind(text)
    .bind(&html)
    .bind(forwarded.as_ref().map(|f| f.0))
    .bind(at)
    .bind(seq)
    .execute(&mut *tx)
    .await?;
    // Forwarding is not a response to the resident: the clock runs on.
    let responds = event != "forwarded";
    sqlx::query(
        "UPDATE complaints SET state = $1, agency_id = $2, \
         verified_at = CASE WHEN $3 = 'verified' THEN $4 ELSE verified_at END, \
         first_response_at = CASE WHEN $5 = 1 THEN COALESCE(first_response_at, $4) ELSE first_response_at END, \
         resolved_at = CASE WHEN $1 = 'resolved' THEN $4 ELSE resolved_at END WHERE id = $6",
    )
    .bind(to)
    .bind(h.agency_id)
    .bind(event)
    .bind(at)
    .bind(i64::from(responds))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if let Some((g, _)) = forwarded {
        dashboard::forward(&mut tx, "complaint", id, g).await?;
    }
    if responds {
        dashboard::answered(&mut tx, "complaint", id, me.id, at).await?;
    }
    if h.author_id != me.id {
        tell(&mut tx, h.author_id, id, seq, me.id, at).await?;
    }
    tx.commit().await?;
    Ok(seq)
}

/// Whether `agency` serves the area of `path` or an area above it.
async fn serves(conn: &mut sqlx::AnyConnection, agency: i64, path: &str) -> AppResult<bool> {
    let list: Vec<String> = forums::path_ids(path).iter().map(i64::to_string).collect();
    if list.is_empty() {
        return Ok(false);
    }
    let found: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT agency_id FROM agency_areas WHERE agency_id = $1 AND area_id IN ({}) LIMIT 1",
        list.join(", ")
    ))
    .bind(agency)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// Tells the complainant about a step (in the same transaction).
pub(crate) async fn tell(
    conn: &mut sqlx::AnyConnection,
    user: i64,
    id: i64,
    seq: i64,
    actor: i64,
    at: i64,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, complaint_id, record_seq, actor_id, created_at) \
         VALUES ($1, 'complaint', $2, $3, $4, $5)",
    )
    .bind(user)
    .bind(id)
    .bind(seq)
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

/// The item a rating is about: who may rate it and whose service it was.
#[derive(FromRow)]
struct Rateable {
    author_id: i64,
    state: String,
    agency_id: Option<i64>,
    area_id: i64,
    area_path: String,
    timezone: String,
    /// 1 for a private complaint.
    private: i64,
}

/// One SKM rating by `me` of a resolved complaint they filed, or of a
/// proposal with its final answer that they wrote or supported.
pub async fn rate(
    db: &Db,
    me: &Me,
    subject: &str,
    id: i64,
    scores: skm::Scores,
    comment: &str,
    at: i64,
) -> AppResult<()> {
    if !skm::valid(&scores) {
        return Err(AppError::field("u1", FieldProblem::Invalid));
    }
    let sql = match subject {
        "complaint" => {
            "SELECT c.author_id, c.state, c.agency_id, c.area_id, c.area_path, a.timezone, c.private \
             FROM complaints c JOIN areas a ON a.id = c.area_id WHERE c.id = $1"
        }
        "proposal" => {
            "SELECT p.author_id, p.state, p.agency_id, p.area_id, p.area_path, a.timezone, CAST(0 AS BIGINT) AS private \
             FROM proposals p JOIN areas a ON a.id = p.area_id WHERE p.id = $1 AND p.state <> 'draft'"
        }
        _ => return Err(AppError::BadRequest),
    };
    // Reads first, outside the transaction, which then writes first.
    let item: Rateable = sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let entitled = if subject == "complaint" {
        if item.private == 1 && item.author_id != me.id && !me.is_admin() && !officer_of(me, item.agency_id) {
            return Err(AppError::NotFound);
        }
        item.author_id == me.id
    } else {
        let supporter: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM supports WHERE proposal_id = $1 AND user_id = $2")
                .bind(id)
                .bind(me.id)
                .fetch_optional(&db.pool)
                .await?;
        item.author_id == me.id || supporter.is_some()
    };
    if officer_of(me, item.agency_id) {
        return Err(AppError::Refused {
            reason: Refusal::OwnAgency,
        });
    }
    if !entitled {
        return Err(AppError::Forbidden);
    }
    if !rateable(subject, &item.state) || item.agency_id.is_none() {
        return Err(AppError::Refused {
            reason: Refusal::NotRateable,
        });
    }
    let mut tx = db.pool.begin().await?;
    let mut q = sqlx::query(
        "INSERT INTO ratings (subject, subject_id, rater_id, agency_id, area_id, u1, u2, u3, u4, u5, u6, u7, u8, u9, \
         comment, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
         ON CONFLICT DO NOTHING",
    )
    .bind(subject)
    .bind(id)
    .bind(me.id)
    .bind(item.agency_id)
    .bind(item.area_id);
    for s in scores {
        q = q.bind(i64::from(s));
    }
    let inserted = q.bind(comment).bind(at).execute(&mut *tx).await?.rows_affected();
    if inserted == 0 {
        return Err(AppError::Refused {
            reason: Refusal::AlreadyRated,
        });
    }
    let month = dashboard::month_of(at, &item.timezone);
    dashboard::rated(&mut tx, subject, id, item.agency_id, &item.area_path, &month, &scores).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) fn officer_of(me: &Me, agency: Option<i64>) -> bool {
    agency.is_some_and(|g| {
        me.roles
            .iter()
            .any(|r| r.role == Role::Officer && r.agency_id == Some(g))
    })
}

/// Whether an item in `state` can be rated: a complaint once resolved, a
/// proposal once it has a decision.
pub fn rateable(subject: &str, state: &str) -> bool {
    match subject {
        "complaint" => matches!(state, "resolved" | "closed"),
        _ => matches!(
            state,
            "accepted" | "partially_accepted" | "rejected" | "in_progress" | "implemented"
        ),
    }
}

/// Whether `me` may rate the item, or already did.
pub async fn rating_state(db: &Db, me: Option<&Me>, subject: &str, id: i64, entitled: bool) -> AppResult<RatingState> {
    let Some(me) = me else {
        return Ok(RatingState::None);
    };
    if !entitled {
        return Ok(RatingState::None);
    }
    let done: Option<i64> =
        sqlx::query_scalar("SELECT id FROM ratings WHERE subject = $1 AND subject_id = $2 AND rater_id = $3")
            .bind(subject)
            .bind(id)
            .bind(me.id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(if done.is_some() {
        RatingState::Done
    } else {
        RatingState::Open
    })
}

#[derive(FromRow)]
struct PageRow {
    id: i64,
    author_id: i64,
    author: String,
    #[sqlx(try_from = "i64")]
    anonymous: Flag,
    #[sqlx(try_from = "i64")]
    private: Flag,
    area_id: i64,
    category: String,
    title: String,
    body_html: String,
    location: String,
    happened_on: String,
    state: String,
    agency_id: Option<i64>,
    agency: Option<String>,
    verify_due: i64,
    followup_due: i64,
    resolve_due: i64,
    verified_at: Option<i64>,
    first_response_at: Option<i64>,
    resolved_at: Option<i64>,
    created_at: i64,
    hidden_at: Option<i64>,
    hidden_reason: Option<String>,
}

#[derive(FromRow)]
struct StepRow {
    event: String,
    state_to: String,
    body_html: String,
    officer: String,
    agency: Option<String>,
    to_agency: Option<String>,
    created_at: i64,
    record_seq: i64,
}

/// A deadline and how it stands: met (done by then), late (done after),
/// overdue (not done, passed) or open.
fn deadline(lang: Lang, what: &str, due: i64, done: Option<i64>, closed: bool, now: i64, zone: &str) -> Deadline {
    let status = match done {
        Some(t) if t <= due => "met",
        Some(_) => "late",
        None if closed => "open",
        None if now > due => "overdue",
        None => "open",
    };
    Deadline {
        what: what.into(),
        date: time::date(lang, due, zone),
        status: status.into(),
    }
}

/// A complaint's page, for whoever may see it.
pub async fn page(db: &Db, lang: Lang, me: Option<&Me>, id: i64, now: i64) -> AppResult<ComplaintPage> {
    let name = if lang == Lang::Id { "name_id" } else { "name_en" };
    let r: PageRow = sqlx::query_as(&format!(
        "SELECT c.id, c.author_id, u.display_name AS author, c.anonymous, c.private, c.area_id, k.{name} AS category, \
         c.title, c.body_html, c.location, c.happened_on, c.state, c.agency_id, g.name AS agency, c.verify_due, \
         c.followup_due, c.resolve_due, c.verified_at, c.first_response_at, c.resolved_at, c.created_at, \
         c.hidden_at, c.hidden_reason FROM complaints c JOIN users u ON u.id = c.author_id JOIN categories k ON k.id = c.category_id \
         LEFT JOIN agencies g ON g.id = c.agency_id WHERE c.id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let officer = me.is_some_and(|me| officer_of(me, r.agency_id));
    let admin = me.is_some_and(|me| me.is_admin());
    let mine = me.is_some_and(|me| me.id == r.author_id);
    if *r.private && !(mine || officer || admin) {
        return Err(AppError::NotFound);
    }
    let info = areas::info(db, r.area_id).await?;
    let zone = info.timezone().to_owned();
    let steps: Vec<StepRow> = sqlx::query_as(
        "SELECT s.event, s.state_to, s.body_html, u.display_name AS officer, g.name AS agency, \
         t.name AS to_agency, s.created_at, s.record_seq FROM complaint_steps s JOIN users u ON u.id = s.officer_id \
         LEFT JOIN agencies g ON g.id = s.agency_id LEFT JOIN agencies t ON t.id = s.to_agency_id \
         WHERE s.complaint_id = $1 ORDER BY s.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let mut corrections = super::corrections::of_subject(db, lang, "complaint", id, &zone).await?;
    let done = matches!(r.state.as_str(), "rejected" | "closed");
    let deadlines = vec![
        deadline(
            lang,
            "verify",
            r.verify_due,
            r.verified_at.or(r.first_response_at),
            done,
            now,
            &zone,
        ),
        deadline(lang, "followup", r.followup_due, r.first_response_at, done, now, &zone),
        deadline(lang, "resolve", r.resolve_due, r.resolved_at, done, now, &zone),
    ];
    let can_step: Vec<String> = if officer || admin {
        EVENTS
            .iter()
            .filter(|e| step_to(&r.state, e).is_some())
            .map(|e| e.to_string())
            .collect()
    } else {
        Vec::new()
    };
    // Forwarding offers the agencies serving the complaint's area, the only
    // ones `step` accepts.
    let agencies = if can_step.iter().any(|e| e == "forwarded") {
        info.agencies()
            .into_iter()
            .filter(|g| Some(g.id) != r.agency_id)
            .collect()
    } else {
        Vec::<AgencySummary>::new()
    };
    let rating = if mine && rateable("complaint", &r.state) && r.agency_id.is_some() && !officer {
        rating_state(db, me, "complaint", id, true).await?
    } else {
        RatingState::None
    };
    // The agency and admins always see who filed it; the public not if anonymous.
    let author = (!*r.anonymous || mine || officer || admin).then(|| r.author.clone());
    let moderation = crate::domain::permissions::item_moderation(
        me,
        &areas::moderated_paths(db, me).await?,
        crate::domain::ids::UserId(r.author_id),
        info.path(),
        r.hidden_at.map(|_| r.hidden_reason.clone().unwrap_or_default()),
        None,
    );
    // Hidden: the text only for its complainant, its agency and moderators.
    let mut moderation = moderation;
    let withheld = r.hidden_at.is_some() && !(mine || officer || admin || moderation.can_moderate);
    moderation.withheld = withheld;
    Ok(ComplaintPage {
        id: r.id,
        title: if withheld { String::new() } else { r.title },
        html: if withheld { String::new() } else { r.body_html },
        area: areas::summary(db, lang, r.area_id).await?,
        category: r.category,
        state: r.state,
        location: r.location,
        happened_on: time::parse_date(&r.happened_on)
            .map(|d| time::date(lang, d * 86_400, "WIB"))
            .unwrap_or(r.happened_on),
        author,
        anonymous: *r.anonymous,
        private: *r.private,
        agency: r.agency,
        filed: time::date_time(lang, r.created_at, &zone),
        deadlines,
        steps: steps
            .into_iter()
            .map(|s| ComplaintStep {
                event: s.event,
                state_to: s.state_to,
                html: s.body_html,
                officer: s.officer,
                agency: s.agency,
                to_agency: s.to_agency,
                when: time::date_time(lang, s.created_at, &zone),
                record_seq: s.record_seq,
                corrections: corrections.remove(&s.record_seq).unwrap_or_default(),
            })
            .collect(),
        mine,
        moderation,
        can_step,
        agencies,
        rating,
        can_correct: officer || admin,
    })
}

/// Which complaints a list shows.
pub struct ListQuery {
    pub area_id: Option<i64>,
    pub category: Option<i64>,
    pub state: Option<String>,
    /// public, mine or desk
    pub scope: String,
    pub before: Option<i64>,
}

#[derive(FromRow)]
struct ListRow {
    id: i64,
    title: String,
    area_id: i64,
    area_name: String,
    timezone: String,
    category: String,
    state: String,
    #[sqlx(try_from = "i64")]
    private: Flag,
    agency: Option<String>,
    created_at: i64,
    verify_due: i64,
    followup_due: i64,
    resolve_due: i64,
    first_response_at: Option<i64>,
}

pub const PAGE: i64 = 30;

/// Newest first, keyset-paged by id. `public`: every public complaint;
/// `mine`: the caller's own (private ones too); `desk`: those of the
/// caller's agencies (every one for an admin).
pub async fn list(db: &Db, lang: Lang, me: Option<&Me>, q: ListQuery, now: i64) -> AppResult<ComplaintsPage> {
    let name = if lang == Lang::Id { "name_id" } else { "name_en" };
    let mut sql = format!(
        "SELECT c.id, c.title, c.area_id, a.name AS area_name, a.timezone, k.{name} AS category, c.state, c.private, \
         g.name AS agency, c.created_at, c.verify_due, c.followup_due, c.resolve_due, c.first_response_at \
         FROM complaints c JOIN areas a ON a.id = c.area_id JOIN categories k ON k.id = c.category_id \
         LEFT JOIN agencies g ON g.id = c.agency_id WHERE c.id < $1"
    );
    let mut n = 1;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    let scope = q.scope.as_str();
    let own: Vec<String> = me
        .map(|me| super::proposals::own_agencies(me).iter().map(i64::to_string).collect())
        .unwrap_or_default();
    match (scope, me) {
        ("mine", Some(_)) => sql.push_str(&format!(" AND c.author_id = {}", next())),
        ("desk", Some(me)) if me.is_admin() => {}
        ("desk", Some(_)) if !own.is_empty() => sql.push_str(&format!(" AND c.agency_id IN ({})", own.join(", "))),
        ("mine" | "desk", None) => return Err(AppError::NotSignedIn),
        ("desk", Some(_)) => return Err(AppError::Forbidden),
        _ => sql.push_str(" AND c.private = 0 AND c.hidden_at IS NULL"),
    }
    let path = match q.area_id {
        Some(a) => Some(areas::path(db, a).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    if path.is_some() {
        sql.push_str(&format!(" AND c.area_path >= {} AND c.area_path < {}", next(), next()));
    }
    if q.category.is_some() {
        sql.push_str(&format!(" AND c.category_id = {}", next()));
    }
    let state = q.state.filter(|s| STATES.contains(&s.as_str()));
    if state.is_some() {
        sql.push_str(&format!(" AND c.state = {}", next()));
    }
    sql.push_str(&format!(" ORDER BY c.id DESC LIMIT {}", next()));
    let mut query = sqlx::query_as::<_, ListRow>(&sql).bind(q.before.unwrap_or(i64::MAX));
    if scope == "mine" {
        query = query.bind(me.map(|m| m.id).unwrap_or(0));
    }
    if let Some(p) = &path {
        query = query.bind(p.clone()).bind(forums::path_end(p));
    }
    if let Some(c) = q.category {
        query = query.bind(c);
    }
    if let Some(s) = &state {
        query = query.bind(s.clone());
    }
    let mut rows = query.bind(PAGE + 1).fetch_all(&db.pool).await?;
    let more = rows.len() as i64 > PAGE;
    rows.truncate(PAGE as usize);
    let next_cursor = if more { rows.last().map(|r| r.id) } else { None };
    let complaints = rows
        .into_iter()
        .map(|r| {
            let due = match r.state.as_str() {
                "received" => Some(if r.first_response_at.is_some() {
                    r.resolve_due
                } else {
                    r.verify_due
                }),
                "verified" | "in_progress" => Some(if r.first_response_at.is_some() {
                    r.resolve_due
                } else {
                    r.followup_due
                }),
                _ => None,
            };
            ComplaintSummary {
                id: r.id,
                title: r.title,
                area_id: r.area_id,
                area_name: r.area_name,
                category: r.category,
                state: r.state,
                private: *r.private,
                agency: r.agency,
                filed: time::date(lang, r.created_at, &r.timezone),
                due: due.map(|d| time::date(lang, d, &r.timezone)),
                overdue: due.is_some_and(|d| d < now),
            }
        })
        .collect();
    Ok(ComplaintsPage {
        complaints,
        next: next_cursor,
        areas: areas::tree(db, lang).await?,
        categories: forums::categories(db, lang).await?,
        area: q.area_id,
        category: q.category,
        state: state.unwrap_or_default(),
        scope: match scope {
            "mine" | "desk" => scope.to_owned(),
            _ => "public".to_owned(),
        },
    })
}

pub const STATES: [&str; 6] = ["received", "verified", "in_progress", "resolved", "closed", "rejected"];

/// Complaint deadlines (working days) for an area and every area below it,
/// and the area's own holidays (which count below it too), set by an admin.
/// `holidays` replaces the area's list.
pub async fn set_rules(db: &Db, area: i64, days: [i64; 3], holidays: &[(i64, String)]) -> AppResult<()> {
    let path: Option<String> = sqlx::query_scalar("SELECT path FROM areas WHERE id = $1")
        .bind(area)
        .fetch_optional(&db.pool)
        .await?;
    let Some(path) = path else {
        return Err(AppError::field("complaint_area_id", FieldProblem::Unknown));
    };
    // The area and every area below it.
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "UPDATE areas SET verify_days = $1, followup_days = $2, resolve_days = $3 WHERE path >= $4 AND path < $5",
    )
    .bind(days[0])
    .bind(days[1])
    .bind(days[2])
    .bind(&path)
    .bind(forums::path_end(&path))
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM area_holidays WHERE area_id = $1")
        .bind(area)
        .execute(&mut *tx)
        .await?;
    for (day, name) in holidays {
        sqlx::query("INSERT INTO area_holidays (area_id, day, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(area)
            .bind(day)
            .bind(name)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Lines `YYYY-MM-DD name` (the name optional) from the admin form.
pub fn parse_holidays(raw: &str) -> AppResult<Vec<(i64, String)>> {
    let mut out = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (date, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let day = time::parse_date(date).ok_or_else(|| AppError::field("holidays", FieldProblem::Invalid))?;
        out.push((day, name.trim().chars().take(100).collect()));
    }
    if out.len() > 100 {
        return Err(AppError::field("holidays", FieldProblem::TooLong { max: 100 }));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_steps() {
        assert_eq!(step_to("received", "verified"), Some("verified"));
        assert_eq!(step_to("received", "resolved"), None, "no skipping verification");
        assert_eq!(step_to("verified", "resolved"), Some("resolved"));
        assert_eq!(step_to("in_progress", "resolved"), Some("resolved"));
        assert_eq!(step_to("resolved", "closed"), Some("closed"));
        assert_eq!(step_to("closed", "in_progress"), None);
        assert_eq!(step_to("rejected", "verified"), None);
        assert_eq!(step_to("resolved", "rejected"), None);
        assert_eq!(step_to("received", "forwarded"), Some("received"));
        assert_eq!(step_to("in_progress", "forwarded"), None);
        assert_eq!(step_to("received", "filed"), None);
    }

    #[test]
    fn holidays_from_the_form() {
        let h = parse_holidays("2026-12-25 Natal\n\n 2026-12-24\tCuti bersama \n").unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].1, "Natal");
        assert_eq!(h[1].1, "Cuti bersama");
        assert!(parse_holidays("25-12-2026").is_err());
        assert!(parse_holidays("").unwrap().is_empty());
    }
}
