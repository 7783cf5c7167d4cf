//! Reminders of deadlines coming: an item still unanswered at the start of
//! the last working day before its first-response deadline is brought to
//! its agency's officers (and webhook). Missed deadlines are escalated by
//! the dashboard's sweep (see `dashboard::sweep`).
use super::{forums, time, Config};
use crate::db::complaints as db_complaints;
use crate::db::notify::{Alert, Subject};
use crate::db::Db;
use crate::domain::ids::{AgencyId, AreaId, ComplaintId, ProposalId};
use crate::domain::skm::weekday;
use crate::error::AppResult;
use sqlx::FromRow;

/// Items planned per sweep.
const PLAN_BATCH: i64 = 500;
/// Deadlines further than this are planned later (a week covers any run of
/// weekends and holidays before a deadline).
const PLAN_AHEAD: i64 = 8 * 86_400;

#[derive(FromRow)]
struct Unplanned {
    subject: String,
    subject_id: i64,
    area_path: String,
    due_at: i64,
    timezone: String,
}

#[derive(FromRow)]
struct Due {
    subject: String,
    subject_id: i64,
    agency_id: Option<AgencyId>,
    due_at: i64,
}

/// The start (local midnight) of the last working day before the day of
/// `due_at`: from then on the item is due within one working day.
fn remind_time(due_at: i64, zone: &str, holidays: &[i64]) -> i64 {
    let mut day = time::local_day(due_at, zone) - 1;
    while weekday(day) >= 5 || holidays.binary_search(&day).is_ok() {
        day -= 1;
    }
    (day * 86_400 - time::zone_offset(zone) * 3_600).max(1)
}

/// Plans the reminders of items whose deadline is near, and sends those
/// due at `now` (each once: the row is marked in the same transaction).
/// Returns how many reminders went out.
pub async fn remind(db: &Db, config: &Config, now: i64) -> AppResult<usize> {
    let mut conn = db.pool.acquire().await?;
    let unplanned: Vec<Unplanned> = sqlx::query_as(
        "SELECT s.subject, s.subject_id, s.area_path, s.due_at, a.timezone FROM service_items s \
         JOIN areas a ON a.path = s.area_path \
         WHERE s.first_response_at IS NULL AND s.remind_at IS NULL AND s.due_at < $1 ORDER BY s.due_at LIMIT $2",
    )
    .bind(now + PLAN_AHEAD)
    .bind(PLAN_BATCH)
    .fetch_all(&mut *conn)
    .await?;
    for u in unplanned {
        let ids: Vec<AreaId> = forums::path_ids(&u.area_path).into_iter().map(AreaId).collect();
        let start = time::local_day(now, &u.timezone) - 30;
        let mut days: Vec<i64> = db_complaints::holidays_by_area(&mut conn, &ids, start)
            .await?
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        days.sort_unstable();
        sqlx::query(
            "UPDATE service_items SET remind_at = $1 WHERE subject = $2 AND subject_id = $3 AND remind_at IS NULL",
        )
        .bind(remind_time(u.due_at, &u.timezone, &days))
        .bind(&u.subject)
        .bind(u.subject_id)
        .execute(&mut *conn)
        .await?;
    }
    drop(conn);
    let mut tx = db.pool.begin().await?;
    let due: Vec<Due> = sqlx::query_as(
        "UPDATE service_items SET remind_at = 0 WHERE first_response_at IS NULL AND remind_at > 0 AND remind_at <= $1 \
         RETURNING subject, subject_id, agency_id, due_at",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    let mut sent = 0;
    // An item past its deadline is escalated instead.
    for d in due.into_iter().filter(|d| d.due_at > now) {
        let subject = match d.subject.as_str() {
            "proposal" => Subject::Proposal(ProposalId(d.subject_id)),
            _ => Subject::Complaint(ComplaintId(d.subject_id)),
        };
        let alert = Alert {
            agency: d.agency_id,
            kind: "due_soon",
            subject,
            seq: None,
            actor: None,
            at: now,
        };
        super::notify::alert(&mut tx, config, &alert).await?;
        sent += 1;
    }
    tx.commit().await?;
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminded_at_the_start_of_the_last_working_day_before() {
        // Monday 7 December 2026 (day 20,794), due at its end in Jakarta:
        // reminded from Friday 4 December, 00:00 WIB.
        let monday = 20_794;
        assert_eq!(weekday(monday), 0);
        let due = time::end_of_day(monday, "WIB");
        let friday = monday - 3;
        assert_eq!(remind_time(due, "WIB", &[]), friday * 86_400 - 7 * 3_600);
        // With Friday a holiday, from Thursday.
        assert_eq!(remind_time(due, "WIB", &[friday]), (friday - 1) * 86_400 - 7 * 3_600);
        // Due on a Wednesday: from Tuesday.
        let wednesday = monday + 2;
        assert_eq!(
            remind_time(time::end_of_day(wednesday, "WIT"), "WIT", &[]),
            (wednesday - 1) * 86_400 - 9 * 3_600
        );
    }
}
