//! The `proposals` table: a proposal's rows, its steps as single writes, its
//! page and its lists. Steps that must hold together run on the caller's
//! transaction (`&mut AnyConnection`).
use super::numbered::Numbered;
use super::Db;
use crate::domain::ids::{AgencyId, AreaId, CategoryId, ProposalId, ThreadId, UserId};
use crate::domain::proposal::State;
use sqlx::FromRow;

/// What every step needs to know about a proposal.
#[derive(FromRow, Debug, Clone)]
pub struct Head {
    pub id: ProposalId,
    pub author_id: UserId,
    pub area_id: AreaId,
    pub area_path: String,
    pub area_name: String,
    pub timezone: String,
    pub category_id: CategoryId,
    pub title: String,
    pub state: String,
    pub agency_id: Option<AgencyId>,
    pub agency_name: Option<String>,
}

pub async fn head(conn: &mut sqlx::AnyConnection, id: ProposalId) -> Result<Option<Head>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.author_id, p.area_id, p.area_path, a.name AS area_name, a.timezone, \
         p.category_id, p.title, p.state, p.agency_id, g.name AS agency_name \
         FROM proposals p JOIN areas a ON a.id = p.area_id LEFT JOIN agencies g ON g.id = p.agency_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
}

pub async fn category_exists(db: &Db, id: CategoryId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM categories WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// A new draft's row. `area_ids` are the first three ids of the area's path
/// (province, regency or city, district), where it has them.
pub struct NewDraft<'a> {
    pub author_id: UserId,
    pub area_id: AreaId,
    pub category_id: CategoryId,
    pub title: &'a str,
    pub body_src: &'a str,
    pub body_html: &'a str,
    pub excerpt: &'a str,
    pub cost: Option<i64>,
    pub location: &'a str,
    pub area_ids: [Option<i64>; 3],
    pub at: i64,
    pub point: Option<crate::model::GeoPoint>,
}

pub async fn insert_draft(conn: &mut sqlx::AnyConnection, p: &NewDraft<'_>) -> Result<ProposalId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO proposals (author_id, area_id, area_path, category_id, title, body_src, body_html, excerpt, \
         cost, location, state, threshold, created_at, updated_at, area0_id, area1_id, area2_id, lat_e6, lon_e6) \
         SELECT $1, id, path, $2, $3, $4, $5, $6, $7, $8, 'draft', support_threshold, $9, $9, $11, $12, $13, $14, $15 \
         FROM areas WHERE id = $10 RETURNING id",
    )
    .bind(p.author_id)
    .bind(p.category_id)
    .bind(p.title)
    .bind(p.body_src)
    .bind(p.body_html)
    .bind(p.excerpt)
    .bind(p.cost)
    .bind(p.location)
    .bind(p.at)
    .bind(p.area_id)
    .bind(p.area_ids[0])
    .bind(p.area_ids[1])
    .bind(p.area_ids[2])
    .bind(p.point.map(|g| g.lat_e6))
    .bind(p.point.map(|g| g.lon_e6))
    .fetch_one(&mut *conn)
    .await
}

/// Rewrites a draft, if `p.author_id` wrote it and it is still a draft; the
/// number of rows changed.
pub async fn update_draft(
    conn: &mut sqlx::AnyConnection,
    id: ProposalId,
    p: &NewDraft<'_>,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE proposals SET area_id = a.id, area_path = a.path, category_id = $1, title = $2, body_src = $3, \
         body_html = $4, excerpt = $5, cost = $6, location = $7, updated_at = $8, threshold = a.support_threshold, \
         area0_id = $9, area1_id = $10, area2_id = $11, lat_e6 = $15, lon_e6 = $16 \
         FROM (SELECT id, path, support_threshold FROM areas WHERE id = $12) a \
         WHERE proposals.id = $13 AND proposals.author_id = $14 AND proposals.state = 'draft'",
    )
    .bind(p.category_id)
    .bind(p.title)
    .bind(p.body_src)
    .bind(p.body_html)
    .bind(p.excerpt)
    .bind(p.cost)
    .bind(p.location)
    .bind(p.at)
    .bind(p.area_ids[0])
    .bind(p.area_ids[1])
    .bind(p.area_ids[2])
    .bind(p.area_id)
    .bind(id)
    .bind(p.author_id)
    .bind(p.point.map(|g| g.lat_e6))
    .bind(p.point.map(|g| g.lon_e6))
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// What a draft's author wrote, to edit it.
#[derive(FromRow, Debug, Clone)]
pub struct DraftRow {
    pub author_id: UserId,
    pub state: String,
    pub area_id: AreaId,
    pub category_id: CategoryId,
    pub title: String,
    pub body_src: String,
    pub cost: Option<i64>,
    pub location: String,
    pub lat_e6: Option<i64>,
    pub lon_e6: Option<i64>,
}

pub async fn draft(db: &Db, id: ProposalId) -> Result<Option<DraftRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT author_id, state, area_id, category_id, title, body_src, cost, location, lat_e6, lon_e6 \
         FROM proposals WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// Draft → published, if `author` wrote it and it is a draft; the number of
/// rows changed.
pub async fn publish(
    conn: &mut sqlx::AnyConnection,
    id: ProposalId,
    author: UserId,
    at: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE proposals SET state = 'published', published_at = $1, updated_at = $1, \
         threshold = (SELECT support_threshold FROM areas WHERE areas.id = proposals.area_id) \
         WHERE id = $2 AND author_id = $3 AND state = 'draft'",
    )
    .bind(at)
    .bind(id)
    .bind(author)
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// Published → withdrawn, if `author` wrote it; the number of rows changed.
pub async fn withdraw(
    conn: &mut sqlx::AnyConnection,
    id: ProposalId,
    author: UserId,
    at: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE proposals SET state = 'withdrawn', updated_at = $1 WHERE id = $2 AND author_id = $3 AND state = 'published'",
    )
    .bind(at)
    .bind(id)
    .bind(author)
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

#[derive(FromRow, Debug, Clone)]
pub struct Body {
    pub body_src: String,
    pub body_html: String,
}

pub async fn body(conn: &mut sqlx::AnyConnection, id: ProposalId) -> Result<Body, sqlx::Error> {
    sqlx::query_as("SELECT body_src, body_html FROM proposals WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
}

/// The discussion thread of a proposal (left out of forum lists); its
/// opening post is written by the caller.
pub async fn insert_thread(conn: &mut sqlx::AnyConnection, h: &Head, at: i64) -> Result<ThreadId, sqlx::Error> {
    sqlx::query_scalar(
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
    .await
}

pub async fn set_thread(conn: &mut sqlx::AnyConnection, id: ProposalId, thread: ThreadId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE proposals SET thread_id = $1 WHERE id = $2")
        .bind(thread)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Notifies the author and every supporter, except `actor`, of record entry
/// `seq` of proposal `id`, and counts it unread for each of them.
pub async fn notify_followers(
    conn: &mut sqlx::AnyConnection,
    id: ProposalId,
    seq: i64,
    actor: Option<UserId>,
    at: i64,
) -> Result<(), sqlx::Error> {
    let actor = actor.map_or(0, |a| a.0);
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, proposal_id, record_seq, actor_id, created_at) \
         SELECT w.user_id, 'proposal', $1, $2, $3, $4 FROM (SELECT user_id FROM supports WHERE proposal_id = $1 \
         UNION SELECT author_id FROM proposals WHERE id = $1) w WHERE w.user_id <> $5",
    )
    .bind(id)
    .bind(seq)
    .bind((actor != 0).then_some(actor))
    .bind(at)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE users SET unread_count = unread_count + 1 WHERE id IN (SELECT user_id FROM supports WHERE proposal_id = $1 \
         UNION SELECT author_id FROM proposals WHERE id = $1) AND id <> $2",
    )
    .bind(id)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(FromRow, Debug, Clone)]
pub struct StateAuthor {
    pub state: String,
    pub author_id: UserId,
}

pub async fn state_and_author(
    conn: &mut sqlx::AnyConnection,
    id: ProposalId,
) -> Result<Option<StateAuthor>, sqlx::Error> {
    sqlx::query_as("SELECT state, author_id FROM proposals WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// The count after one more support, on an open proposal not hidden.
#[derive(FromRow, Debug, Clone)]
pub struct Supported {
    pub support_count: i64,
    pub threshold: i64,
    pub awaiting_since: Option<i64>,
    pub area_path: String,
}

/// One more support on an open, visible proposal (`None` if it is not).
/// Written first, so concurrent supports queue on the row lock.
pub async fn count_support(conn: &mut sqlx::AnyConnection, id: ProposalId) -> Result<Option<Supported>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE proposals SET support_count = support_count + 1 \
         WHERE id = $1 AND state IN ('published', 'under_review') AND hidden_at IS NULL \
         RETURNING support_count, threshold, awaiting_since, area_path",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
}

/// One support fewer on an open proposal; the new count (`None` if closed).
pub async fn uncount_support(conn: &mut sqlx::AnyConnection, id: ProposalId) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE proposals SET support_count = support_count - 1 \
         WHERE id = $1 AND state IN ('published', 'under_review') RETURNING support_count",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
}

pub async fn answered_at(conn: &mut sqlx::AnyConnection, id: ProposalId) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT answered_at FROM proposals WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
}

/// The working days an area gives agencies to answer.
pub async fn response_days(conn: &mut sqlx::AnyConnection, area: AreaId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT response_days FROM areas WHERE id = $1")
        .bind(area)
        .fetch_one(&mut *conn)
        .await
}

/// Assigns the agency and starts its deadline.
pub async fn assign(
    conn: &mut sqlx::AnyConnection,
    id: ProposalId,
    agency: Option<AgencyId>,
    at: i64,
    due: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE proposals SET agency_id = $1, awaiting_since = $2, due_at = $3, updated_at = $2 WHERE id = $4")
        .bind(agency)
        .bind(at)
        .bind(due)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Locks a proposal that is not a draft for an answer; the rows changed.
pub async fn touch_for_answer(conn: &mut sqlx::AnyConnection, id: ProposalId, at: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE proposals SET updated_at = $1 WHERE id = $2 AND state <> 'draft'")
            .bind(at)
            .bind(id)
            .execute(&mut *conn)
            .await?
            .rows_affected(),
    )
}

/// What an official response or progress update sets on the proposal.
pub struct Answered<'a> {
    pub to: State,
    pub agency_id: Option<AgencyId>,
    pub at: i64,
    pub budget: Option<i64>,
    pub timeline: Option<&'a str>,
    pub progress: Option<i64>,
}

pub async fn set_answered(conn: &mut sqlx::AnyConnection, id: ProposalId, a: &Answered<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE proposals SET state = $1, agency_id = COALESCE(agency_id, $2), awaiting_since = NULL, \
         answered_at = COALESCE(answered_at, $3), budget = COALESCE($4, budget), timeline = COALESCE($5, timeline), \
         progress = COALESCE($6, progress) WHERE id = $7",
    )
    .bind(a.to.code())
    .bind(a.agency_id)
    .bind(a.at)
    .bind(a.budget)
    .bind(a.timeline)
    .bind(a.progress)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The title of a proposal that is not a draft.
pub async fn published_title(db: &Db, id: ProposalId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT title FROM proposals WHERE id = $1 AND state <> 'draft'")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// Has `user` rated the agency's answer to proposal `id`? (A read of the
/// `ratings` table, kept here so that a proposal's page needs nothing of
/// the complaints service; the complaints branch has `db/ratings.rs`.)
pub async fn rated_by(db: &Db, id: ProposalId, user: UserId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM ratings WHERE subject = 'proposal' AND subject_id = $1 AND rater_id = $2")
            .bind(id)
            .bind(user)
            .fetch_optional(&db.pool)
            .await?;
    Ok(found.is_some())
}

/// A proposal's page, with its author, agency and discussion thread.
#[derive(FromRow, Debug, Clone)]
pub struct PageRow {
    pub author_id: UserId,
    pub author: String,
    pub author_username: String,
    pub area_id: AreaId,
    pub area_path: String,
    pub title: String,
    pub body_html: String,
    pub cost: Option<i64>,
    pub location: String,
    pub state: String,
    pub support_count: i64,
    pub threshold: i64,
    pub agency: Option<String>,
    pub awaiting_since: Option<i64>,
    pub due_at: Option<i64>,
    pub budget: Option<i64>,
    pub timeline: Option<String>,
    pub progress: Option<i64>,
    pub created_at: i64,
    pub agency_id: Option<AgencyId>,
    pub category_id: CategoryId,
    pub thread_id: Option<ThreadId>,
    pub reply_count: Option<i64>,
    pub post_count: Option<i64>,
    pub version: Option<i64>,
    pub hidden_at: Option<i64>,
    pub hidden_reason: Option<String>,
    pub merged_into: Option<ProposalId>,
    pub escalated_at: Option<i64>,
    pub lat_e6: Option<i64>,
    pub lon_e6: Option<i64>,
}

pub async fn page<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    id: ProposalId,
) -> Result<Option<PageRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.author_id, u.display_name AS author, u.username AS author_username, p.area_id, p.area_path, \
         p.title, p.body_html, p.cost, p.location, p.state, p.support_count, p.threshold, \
         g.name AS agency, p.awaiting_since, p.due_at, p.budget, p.timeline, p.progress, p.created_at, \
         p.agency_id, p.category_id, p.thread_id, t.reply_count, t.post_count, t.version, p.hidden_at, p.hidden_reason, p.merged_into, \
         s.escalated_at, p.lat_e6, p.lon_e6 FROM proposals p \
         LEFT JOIN threads t ON t.id = p.thread_id JOIN users u ON u.id = p.author_id \
         LEFT JOIN agencies g ON g.id = p.agency_id \
         LEFT JOIN service_items s ON s.subject = 'proposal' AND s.subject_id = p.id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(ex)
    .await
}

/// The order of a list, and the key its cursor carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Most supported first.
    Supports,
    /// Newest first.
    Newest,
    /// Soonest due first.
    Awaiting,
}

impl Sort {
    /// `newest`, `awaiting`, anything else by supports.
    pub fn parse(s: &str) -> Sort {
        match s {
            "newest" => Sort::Newest,
            "awaiting" => Sort::Awaiting,
            _ => Sort::Supports,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Sort::Newest => "p.id",
            Sort::Awaiting => "p.due_at",
            Sort::Supports => "p.support_count",
        }
    }

    fn descending(self) -> bool {
        self != Sort::Awaiting
    }

    /// The cursor key of a row.
    pub fn key_of(self, r: &ListRow) -> i64 {
        match self {
            Sort::Newest => r.id.0,
            Sort::Awaiting => r.due_at.unwrap_or(0),
            Sort::Supports => r.support_count,
        }
    }
}

/// Where in the tree of areas a list looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaScope {
    /// An area at depth 0 to 2 and everything under it, by its column.
    Column { depth: usize, id: AreaId },
    /// Paths from `from` (included) to `to` (excluded): a small subtree.
    Paths { from: String, to: String },
}

/// The filters of a proposal list (never hidden ones; drafts only in a
/// list of one author's own).
#[derive(Debug, Clone)]
pub struct ListFilter {
    /// Only this author's, drafts included.
    pub author: Option<UserId>,
    pub area: Option<AreaScope>,
    pub category: Option<CategoryId>,
    pub state: Option<State>,
    /// Only those awaiting an answer.
    pub awaiting: bool,
    /// Only those assigned to one of these agencies (`Some(empty)`: to any).
    pub agencies: Option<Vec<AgencyId>>,
    /// Answered (true) or awaiting an answer (false).
    pub answered: Option<bool>,
    pub sort: Sort,
    /// Keyset cursor: the sort key and id of the last row shown.
    pub after: Option<(i64, i64)>,
    pub limit: i64,
}

#[derive(FromRow, Debug, Clone)]
pub struct ListRow {
    pub id: ProposalId,
    pub title: String,
    pub area_id: AreaId,
    pub category_id: CategoryId,
    pub state: String,
    pub support_count: i64,
    pub threshold: i64,
    pub author: String,
    pub awaiting_since: Option<i64>,
    pub due_at: Option<i64>,
}

pub async fn list(db: &Db, f: &ListFilter) -> Result<Vec<ListRow>, sqlx::Error> {
    let ranged = matches!(f.area, Some(AreaScope::Paths { .. }));
    list_query(f)
        .build()
        .build_query_as()
        .fetch_all(db.pool_for(ranged))
        .await
}

fn list_query(f: &ListFilter) -> Numbered<'static> {
    let mut q = Numbered::new(
        "SELECT p.id, p.title, p.area_id, p.category_id, p.state, \
         p.support_count, p.threshold, u.display_name AS author, p.awaiting_since, p.due_at \
         FROM proposals p JOIN users u ON u.id = p.author_id WHERE ",
    );
    match f.author {
        Some(a) => q.push("p.author_id = ").push_bind(a),
        None => q.push("p.state <> 'draft'"),
    };
    q.push(" AND p.hidden_at IS NULL");
    match &f.area {
        Some(AreaScope::Column { depth, id }) => {
            let column = match depth {
                0 => " AND p.area0_id = ",
                1 => " AND p.area1_id = ",
                _ => " AND p.area2_id = ",
            };
            q.push(column).push_bind(*id);
        }
        Some(AreaScope::Paths { from, to }) => {
            q.push(" AND p.area_path >= ").push_bind(from.clone());
            q.push(" AND p.area_path < ").push_bind(to.clone());
        }
        None => {}
    }
    if let Some(c) = f.category {
        q.push(" AND p.category_id = ").push_bind(c);
    }
    if let Some(s) = f.state {
        q.push(" AND p.state = ").push_bind(s.code());
    }
    if f.awaiting {
        q.push(" AND p.awaiting_since IS NOT NULL");
    }
    match &f.agencies {
        Some(ids) if !ids.is_empty() => {
            q.push(" AND p.agency_id IN (")
                .push_bind_list(ids.iter().copied())
                .push(")");
        }
        Some(_) => {
            q.push(" AND p.agency_id IS NOT NULL");
        }
        None => {}
    }
    match f.answered {
        Some(true) => {
            q.push(" AND p.answered_at IS NOT NULL");
        }
        Some(false) => {
            q.push(" AND p.awaiting_since IS NOT NULL");
        }
        None => {}
    }
    let (key, dir, cmp) = if f.sort.descending() {
        (f.sort.key(), "DESC", "<")
    } else {
        (f.sort.key(), "ASC", ">")
    };
    if let Some((k, i)) = f.after {
        q.push(format!(" AND ({key}, p.id) {cmp} ("))
            .push_bind(k)
            .push(", ")
            .push_bind(i)
            .push(")");
    }
    q.push(format!(" ORDER BY {key} {dir}, p.id {dir} LIMIT "))
        .push_bind(f.limit);
    q
}

/// The newest published, visible proposals of `area` itself.
pub async fn newest_in(db: &Db, area: AreaId, limit: i64) -> sqlx::Result<Vec<(i64, String, String, i64)>> {
    sqlx::query_as(
        "SELECT id, title, state, support_count FROM proposals WHERE area_id = $1 AND state <> 'draft' \
         AND hidden_at IS NULL ORDER BY id DESC LIMIT $2",
    )
    .bind(area)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> ListFilter {
        ListFilter {
            author: None,
            area: Some(AreaScope::Paths {
                from: "1/2/3/4/".into(),
                to: "1/2/3/40".into(),
            }),
            category: Some(CategoryId(2)),
            state: Some(State::Accepted),
            awaiting: true,
            agencies: Some(vec![AgencyId(1), AgencyId(5)]),
            answered: Some(true),
            sort: Sort::Awaiting,
            after: Some((10, 20)),
            limit: 31,
        }
    }

    #[test]
    fn list_binds_every_value() {
        let q = list_query(&all());
        let sql = q.sql();
        assert!(
            sql.ends_with(
                "WHERE p.state <> 'draft' AND p.hidden_at IS NULL AND p.area_path >= $1 AND p.area_path < $2 \
                 AND p.category_id = $3 AND p.state = $4 AND p.awaiting_since IS NOT NULL AND p.agency_id IN ($5, $6) \
                 AND p.answered_at IS NOT NULL AND (p.due_at, p.id) > ($7, $8) ORDER BY p.due_at ASC, p.id ASC LIMIT $9"
            ),
            "{sql}"
        );
        let none = ListFilter {
            author: None,
            area: Some(AreaScope::Column {
                depth: 1,
                id: AreaId(4),
            }),
            category: None,
            state: None,
            awaiting: false,
            agencies: Some(Vec::new()),
            answered: None,
            sort: Sort::Supports,
            after: None,
            limit: 31,
        };
        let q = list_query(&none);
        let sql = q.sql();
        assert!(
            sql.ends_with(
                "AND p.area1_id = $1 AND p.agency_id IS NOT NULL ORDER BY p.support_count DESC, p.id DESC LIMIT $2"
            ),
            "{sql}"
        );
    }

    #[test]
    fn sorts() {
        assert_eq!(Sort::parse("newest"), Sort::Newest);
        assert_eq!(Sort::parse("awaiting"), Sort::Awaiting);
        assert_eq!(Sort::parse("supports"), Sort::Supports);
        assert_eq!(Sort::parse(""), Sort::Supports);
    }
}
