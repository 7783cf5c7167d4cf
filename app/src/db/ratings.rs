//! The `ratings` table: SKM ratings of complaints and proposals, and what a
//! rating needs to know of the item it rates.
use super::Db;
use crate::domain::ids::{AgencyId, AreaId, ProposalId, UserId, UsulanId};
use crate::domain::service::ServiceItem;
use sqlx::{AnyConnection, FromRow};

/// The item a rating is about: who may rate it and whose service it was.
#[derive(Debug, FromRow)]
pub struct Rateable {
    pub author_id: UserId,
    pub state: String,
    pub agency_id: Option<AgencyId>,
    pub area_id: AreaId,
    pub area_path: String,
    pub timezone: String,
    /// 1 for a private complaint.
    pub private: i64,
}

/// A complaint, a proposal that is not a draft, or an usulan (its agency:
/// the one carrying it out in the plan).
pub async fn rateable(db: &Db, item: ServiceItem) -> sqlx::Result<Option<Rateable>> {
    let sql = match item {
        ServiceItem::Complaint(_) => {
            "SELECT c.author_id, c.state, c.agency_id, c.area_id, c.area_path, a.timezone, c.private \
             FROM complaints c JOIN areas a ON a.id = c.area_id WHERE c.id = $1"
        }
        ServiceItem::Proposal(_) => {
            "SELECT p.author_id, p.state, p.agency_id, p.area_id, p.area_path, a.timezone, CAST(0 AS BIGINT) AS private \
             FROM proposals p JOIN areas a ON a.id = p.area_id WHERE p.id = $1 AND p.state <> 'draft'"
        }
        ServiceItem::Usulan(_) => {
            "SELECT u.author_id, u.state, u.plan_agency_id AS agency_id, u.area_id, u.area_path, a.timezone, \
             CAST(0 AS BIGINT) AS private FROM usulan u JOIN areas a ON a.id = u.area_id WHERE u.id = $1"
        }
    };
    sqlx::query_as(sql).bind(item.id()).fetch_optional(&db.pool).await
}

/// Whether `user` supports the proposal.
pub async fn is_supporter(db: &Db, proposal: ProposalId, user: UserId) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT user_id FROM supports WHERE proposal_id = $1 AND user_id = $2")
        .bind(proposal)
        .bind(user)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// Whether `user` chose the usulan on a ballot, at any tier.
pub async fn chose(db: &Db, usulan: UsulanId, user: UserId) -> sqlx::Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM plan_ballot_items WHERE usulan_id = $1 AND user_id = $2 LIMIT 1")
            .bind(usulan)
            .bind(user)
            .fetch_optional(&db.pool)
            .await?;
    Ok(found.is_some())
}

/// Counts one more rating of usulan `id`, its scores summing to `sum`.
pub async fn count_usulan(conn: &mut AnyConnection, id: UsulanId, sum: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE usulan SET ratings = ratings + 1, rating_sum = rating_sum + $2 WHERE id = $1")
        .bind(id)
        .bind(sum)
        .execute(conn)
        .await?;
    Ok(())
}

pub struct NewRating<'a> {
    pub item: ServiceItem,
    pub rater: UserId,
    pub agency: Option<AgencyId>,
    pub area: AreaId,
    pub scores: [u8; 9],
    pub comment: &'a str,
    pub created_at: i64,
}

/// Inserts a rating; false if this person already rated the item.
pub async fn insert(conn: &mut AnyConnection, r: &NewRating<'_>) -> sqlx::Result<bool> {
    let mut q = sqlx::query(
        "INSERT INTO ratings (subject, subject_id, rater_id, agency_id, area_id, u1, u2, u3, u4, u5, u6, u7, u8, u9, \
         comment, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
         ON CONFLICT DO NOTHING",
    )
    .bind(r.item.subject())
    .bind(r.item.id())
    .bind(r.rater)
    .bind(r.agency)
    .bind(r.area);
    for s in r.scores {
        q = q.bind(i64::from(s));
    }
    let n = q
        .bind(r.comment)
        .bind(r.created_at)
        .execute(conn)
        .await?
        .rows_affected();
    Ok(n > 0)
}

/// Whether `rater` rated the item.
pub async fn rated_by(db: &Db, item: ServiceItem, rater: UserId) -> sqlx::Result<bool> {
    let done: Option<i64> =
        sqlx::query_scalar("SELECT id FROM ratings WHERE subject = $1 AND subject_id = $2 AND rater_id = $3")
            .bind(item.subject())
            .bind(item.id())
            .bind(rater)
            .fetch_optional(&db.pool)
            .await?;
    Ok(done.is_some())
}
