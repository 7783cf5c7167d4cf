//! Agency webhooks (issue 22): an agency's events (a new complaint, a
//! proposal reaching its threshold, a deadline coming or missed) as JSON to
//! an address its admin sets, signed with HMAC-SHA256, so that it can
//! connect its own WhatsApp or SMS gateway.
//!
//! A call is written to `hook_outbox` in the event's transaction (nothing
//! is sent there, so a slow gateway never holds it up) and sent by a worker
//! in each server like email: claimed, retried with a growing wait, and
//! after the last try marked failed for admins to see.
use super::{time, Config};
use crate::db::notify::Subject;
use crate::db::{Backend, Db};
use crate::domain::ids::AgencyId;
use crate::error::{AppError, AppResult, FieldProblem};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::FromRow;

const BATCH: i64 = 20;
const CLAIM_SECS: i64 = 120;
const MAX_ATTEMPTS: i64 = 8;
/// How long a gateway has to answer.
const TIMEOUT_SECS: u64 = 10;

/// Queues `kind` (desk_new, desk_threshold, due_soon, escalated) about
/// `subject` for `agency`'s webhook, if it has one (in the caller's
/// transaction).
pub async fn queue(
    conn: &mut sqlx::AnyConnection,
    config: &Config,
    agency: AgencyId,
    kind: &str,
    subject: Subject,
    at: i64,
) -> AppResult<()> {
    let (path, key, id) = match subject {
        Subject::Complaint(c) => ("complaints", "complaint_id", c.0),
        Subject::Proposal(p) => ("proposals", "proposal_id", p.0),
    };
    let body = serde_json::json!({
        "event": kind,
        "at": time::rfc3339(at),
        "agency_id": agency.0,
        key: id,
        "url": format!("{}/{path}/{id}", config.public_url),
    })
    .to_string();
    sqlx::query(
        "INSERT INTO hook_outbox (agency_id, event, body, created_at, next_at) \
         SELECT agency_id, $2, $3, $4, $4 FROM agency_hooks WHERE agency_id = $1",
    )
    .bind(agency)
    .bind(kind)
    .bind(body)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The signature a gateway checks: `sha256=` and the hex HMAC of the body.
pub fn signature(secret: &str, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(body.as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// A webhook address as an admin typed it: http(s), a host, no spaces.
pub fn parse_url(raw: &str) -> AppResult<String> {
    let u = raw.trim();
    let rest = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://"));
    let ok = u.len() <= 500
        && rest.is_some_and(|r| {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !host.contains('@')
        })
        && u.chars().all(|c| c.is_ascii_graphic());
    if ok {
        Ok(u.to_owned())
    } else {
        Err(AppError::field("hook_url", FieldProblem::Invalid))
    }
}

/// Sets (or, with an empty address, removes) `agency`'s webhook.
pub async fn set(db: &Db, agency: AgencyId, url: &str, secret: &str) -> AppResult<()> {
    if url.trim().is_empty() {
        sqlx::query("DELETE FROM agency_hooks WHERE agency_id = $1")
            .bind(agency)
            .execute(&db.pool)
            .await?;
        return Ok(());
    }
    let url = parse_url(url);
    let secret_ok = (16..=200).contains(&secret.trim().chars().count());
    match (url, secret_ok) {
        (Err(e), _) => Err(e),
        (Ok(_), false) => Err(AppError::field("hook_secret", FieldProblem::TooShort { min: 16 })),
        (Ok(url), true) => {
            sqlx::query(
                "INSERT INTO agency_hooks (agency_id, url, secret, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (agency_id) DO UPDATE SET url = excluded.url, secret = excluded.secret",
            )
            .bind(agency)
            .bind(url)
            .bind(secret.trim())
            .bind(time::now())
            .execute(&db.pool)
            .await?;
            Ok(())
        }
    }
}

/// The address of `agency`'s webhook (its secret is never shown again).
pub async fn url_of(db: &Db, agency: AgencyId) -> AppResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT url FROM agency_hooks WHERE agency_id = $1")
        .bind(agency)
        .fetch_optional(&db.pool)
        .await?)
}

#[derive(FromRow)]
struct Call {
    id: i64,
    event: String,
    body: String,
    attempts: i64,
    url: Option<String>,
    secret: Option<String>,
}

/// Sends the calls due now until none is left; returns how many a gateway
/// took (answered 2xx).
pub async fn deliver_due(db: &Db, client: &reqwest::Client) -> AppResult<usize> {
    let lock = match db.backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let mut sent = 0;
    loop {
        let t = time::now();
        // Read first: an idle worker never takes SQLite's write lock.
        let due: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM hook_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_at <= $1 \
             AND (claimed_until IS NULL OR claimed_until <= $1) LIMIT 1",
        )
        .bind(t)
        .fetch_optional(&db.pool)
        .await?;
        if due.is_none() {
            return Ok(sent);
        }
        let ids: Vec<i64> = sqlx::query_scalar(&format!(
            "UPDATE hook_outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id IN (\
               SELECT id FROM hook_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_at <= $2 \
               AND (claimed_until IS NULL OR claimed_until <= $2) ORDER BY next_at, id LIMIT $3{lock}) RETURNING id"
        ))
        .bind(t + CLAIM_SECS)
        .bind(t)
        .bind(BATCH)
        .fetch_all(&db.pool)
        .await?;
        if ids.is_empty() {
            return Ok(sent);
        }
        let mut q = crate::db::numbered::Numbered::new(
            "SELECT o.id, o.event, o.body, o.attempts, h.url, h.secret FROM hook_outbox o \
             LEFT JOIN agency_hooks h ON h.agency_id = o.agency_id WHERE o.id IN (",
        );
        q.push_bind_list(ids).push(")");
        let calls: Vec<Call> = q.build().build_query_as().fetch_all(&db.pool).await?;
        let mut sending = tokio::task::JoinSet::new();
        for c in calls {
            let client = client.clone();
            sending.spawn(async move {
                let result = call(&client, &c).await;
                (c.id, c.attempts, result)
            });
        }
        while let Some(done) = sending.join_next().await {
            let Ok((id, attempts, result)) = done else { continue };
            let t = time::now();
            match result {
                Ok(()) => {
                    sqlx::query("UPDATE hook_outbox SET sent_at = $1, claimed_until = NULL WHERE id = $2")
                        .bind(t)
                        .bind(id)
                        .execute(&db.pool)
                        .await?;
                    sent += 1;
                }
                Err(error) => {
                    let last = attempts >= MAX_ATTEMPTS;
                    let wait = 60 * (1_i64 << (attempts - 1).clamp(0, 10));
                    tracing::warn!(id, attempts, "a webhook call failed (its error is kept in the outbox)");
                    sqlx::query(
                        "UPDATE hook_outbox SET claimed_until = NULL, last_error = $1, next_at = $2, failed_at = $3 \
                         WHERE id = $4",
                    )
                    .bind(error)
                    .bind(t + wait)
                    .bind(last.then_some(t))
                    .bind(id)
                    .execute(&db.pool)
                    .await?;
                }
            }
        }
    }
}

async fn call(client: &reqwest::Client, c: &Call) -> Result<(), String> {
    let (Some(url), Some(secret)) = (&c.url, &c.secret) else {
        return Err("the agency's webhook was removed".to_owned());
    };
    let answer = client
        .post(url)
        .header("content-type", "application/json")
        .header("x-rembuk-event", &c.event)
        .header("x-rembuk-delivery", c.id.to_string())
        .header("x-rembuk-signature", signature(secret, &c.body))
        .body(c.body.clone())
        .send()
        .await
        .map_err(|e| {
            if e.is_timeout() {
                "timed out".to_owned()
            } else {
                "could not connect".to_owned()
            }
        })?;
    if answer.status().is_success() {
        Ok(())
    } else {
        Err(format!("answered {}", answer.status().as_u16()))
    }
}

/// The client webhook calls are made with.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(TIMEOUT_SECS))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("Rembuk-Webhook/1")
        .build()
        .unwrap_or_default()
}

/// The worker each server runs: every few seconds it sends what is due.
pub async fn run(db: Db) {
    let client = client();
    let mut every = tokio::time::interval(std::time::Duration::from_secs(2));
    loop {
        every.tick().await;
        if let Err(e) = deliver_due(&db, &client).await {
            tracing::warn!("webhook worker: {e:?}");
        }
    }
}
