//! Email: the `outbox` of messages to send, the `email_tokens` of links sent
//! by email, and each account's confirmed address (`users.email`).
use super::{Backend, Db};
use crate::domain::ids::UserId;
use sqlx::{AnyConnection, FromRow};

/// A message to send, written in the caller's transaction.
pub struct NewMessage<'a> {
    pub recipient: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
    pub at: i64,
    /// The link that stops emails like this one (List-Unsubscribe).
    pub unsubscribe: Option<&'a str>,
}

pub async fn queue(conn: &mut AnyConnection, m: &NewMessage<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (recipient, subject, text_body, html_body, created_at, next_at, unsubscribe) \
         VALUES ($1, $2, $3, $4, $5, $5, $6)",
    )
    .bind(m.recipient)
    .bind(m.subject)
    .bind(m.text)
    .bind(m.html)
    .bind(m.at)
    .bind(m.unsubscribe)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A message claimed for sending.
#[derive(FromRow, Debug, Clone)]
pub struct Message {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub unsubscribe: Option<String>,
    /// Tries so far, this one included.
    pub attempts: i64,
}

/// Claims up to `n` messages due at `now` for this worker until `until`:
/// another worker (another server) skips them meanwhile. A worker that
/// stops before marking them leaves them to be claimed again after `until`.
pub async fn claim(db: &Db, now: i64, until: i64, n: i64) -> Result<Vec<Message>, sqlx::Error> {
    // Read first: an idle worker never takes SQLite's write lock.
    let due: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_at <= $1 \
         AND (claimed_until IS NULL OR claimed_until <= $1) LIMIT 1",
    )
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    if due.is_none() {
        return Ok(vec![]);
    }
    // PostgreSQL: rows another server is claiming right now are skipped, not
    // waited for. SQLite has one writer: the update is the claim.
    let lock = match db.backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    sqlx::query_as(&format!(
        "UPDATE outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id IN (\
           SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_at <= $2 \
           AND (claimed_until IS NULL OR claimed_until <= $2) ORDER BY next_at, id LIMIT $3{lock}) \
         RETURNING id, recipient, subject, text_body, html_body, unsubscribe, attempts"
    ))
    .bind(until)
    .bind(now)
    .bind(n)
    .fetch_all(&db.pool)
    .await
}

pub async fn sent(db: &Db, id: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox SET sent_at = $1, claimed_until = NULL WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A try failed: again at `next_at`, or, after the last, never
/// (`failed_at` is set; admins see it).
pub async fn failed(db: &Db, id: i64, error: &str, next_at: i64, failed_at: Option<i64>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox SET claimed_until = NULL, last_error = $1, next_at = $2, failed_at = $3 WHERE id = $4")
        .bind(error)
        .bind(next_at)
        .bind(failed_at)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A link's row, written in the caller's transaction.
pub struct NewToken<'a> {
    pub token_hash: &'a str,
    pub user_id: UserId,
    pub purpose: &'a str,
    pub address: &'a str,
    pub at: i64,
    pub expires_at: i64,
}

pub async fn insert_token(conn: &mut AnyConnection, t: &NewToken<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO email_tokens (token_hash, user_id, purpose, address, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(t.token_hash)
    .bind(t.user_id)
    .bind(t.purpose)
    .bind(t.address)
    .bind(t.at)
    .bind(t.expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An unused, unexpired link.
#[derive(FromRow, Debug, Clone)]
pub struct Token {
    pub user_id: i64,
    pub address: String,
}

/// Marks the link used and returns it, if it is one for `purpose` that is
/// still good at `now`; in the caller's transaction, so that a link is
/// used once however many times it is sent.
pub async fn use_token(
    conn: &mut AnyConnection,
    token_hash: &str,
    purpose: &str,
    now: i64,
) -> Result<Option<Token>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE email_tokens SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
         RETURNING user_id, address",
    )
    .bind(now)
    .bind(token_hash)
    .bind(purpose)
    .fetch_optional(&mut *conn)
    .await
}

/// Whether the link is one for `purpose`, unused and unexpired at `now`.
pub async fn token_good(db: &Db, token_hash: &str, purpose: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM email_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(token_hash)
    .bind(purpose)
    .bind(now)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

/// Whose link this is (used or not), to tell "another account" from "no
/// longer good".
pub async fn token_owner(db: &Db, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT user_id FROM email_tokens WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(&db.pool)
        .await
}

/// Ends the person's unused links for `purpose` (a newer one replaces them).
pub async fn end_tokens(conn: &mut AnyConnection, user: UserId, purpose: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE email_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL")
        .bind(now)
        .bind(user)
        .bind(purpose)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The address waiting for confirmation, if a link for it is still good.
pub async fn pending(db: &Db, user: UserId, now: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT address FROM email_tokens WHERE user_id = $1 AND purpose = 'confirm' \
         AND used_at IS NULL AND expires_at > $2 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(user)
    .bind(now)
    .fetch_optional(&db.pool)
    .await
}

/// The person's confirmed address.
pub async fn address(db: &Db, user: UserId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar::<_, Option<String>>("SELECT email FROM users WHERE id = $1")
        .bind(user)
        .fetch_optional(&db.pool)
        .await
        .map(Option::flatten)
}

/// Sets (or, with `None`, removes) the confirmed address.
pub async fn set_address(conn: &mut AnyConnection, user: UserId, email: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
        .bind(email)
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether another account has confirmed `email`.
pub async fn taken(conn: &mut AnyConnection, email: &str, user: UserId) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1 AND id <> $2")
        .bind(email)
        .bind(user)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// An account with a confirmed address, to send a password reset to.
#[derive(FromRow, Debug, Clone)]
pub struct Recipient {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub lang: String,
}

/// The account named by its username key, or by its confirmed address.
pub async fn recipient(db: &Db, username_key: &str, email: &str) -> Result<Option<Recipient>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, username, display_name, email, lang FROM users \
         WHERE email IS NOT NULL AND (username_key = $1 OR email = $2)",
    )
    .bind(username_key)
    .bind(email)
    .fetch_optional(&db.pool)
    .await
}

/// Links for `purpose` made for the person since `since`.
pub async fn tokens_since(db: &Db, user: UserId, purpose: &str, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM email_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > $3")
        .bind(user)
        .bind(purpose)
        .bind(since)
        .fetch_one(&db.pool)
        .await
}
