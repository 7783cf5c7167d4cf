//! Notifications by email (issue 22): each person's choices, the worker
//! that turns new notifications into email (at once, or kept for the daily
//! digest), the digests, one-click unsubscribe, and officers' alerts.
//!
//! A notification row is written in the transaction of what causes it, with
//! `mail = 1`. The worker claims such rows (on PostgreSQL skipping rows
//! another server holds) and, in the same transaction, queues their email
//! in the outbox or keeps them for the digest: each is looked at once.
use super::mail::{compose, Footer};
use super::{time, AppState, Config};
use crate::db::mail::{self as outbox, NewMessage};
use crate::db::notify::{self as rows, Alert};
use crate::db::Db;
use crate::domain::ids::UserId;
use crate::domain::notify::{next_local_hour, How, Kind, Pref};
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::i18n::notes::note_text;
use crate::i18n::notify::{nmsg, stop_name};
use crate::model::{Lang, Me, Role};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Notifications looked at per transaction.
const NOTES_BATCH: i64 = 200;
/// Digests built per claim, and notifications listed in one.
const DIGEST_BATCH: i64 = 20;
const DIGEST_SHOWN: i64 = 30;

/// The key unsubscribe links are signed with: made once, kept in `meta`,
/// shared by every server on the database.
async fn mail_key(db: &Db) -> AppResult<String> {
    let read = || sqlx::query_scalar("SELECT value FROM meta WHERE key = 'mail_key'").fetch_optional(&db.pool);
    if let Some(key) = read().await? {
        return Ok(key);
    }
    // Two servers starting at once: the first key written is everyone's.
    sqlx::query("INSERT INTO meta (key, value) VALUES ('mail_key', $1) ON CONFLICT (key) DO NOTHING")
        .bind(super::auth::new_token())
        .execute(&db.pool)
        .await?;
    read().await?.ok_or(AppError::Internal)
}

/// What an unsubscribe link stops: one kind's emails, or (None) the daily
/// digest, as `k=` in the link says it.
fn stop_code(stop: Option<Kind>) -> &'static str {
    stop.map_or(DAILY, Kind::code)
}
use crate::domain::notify::DAILY;

fn signature(key: &str, user: UserId, stop: Option<Kind>) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
    mac.update(format!("unsubscribe:{}:{}", user.0, stop_code(stop)).as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

/// The link that stops emails of a kind (or the digest) to `user`, no
/// sign-in needed.
fn unsubscribe_url(config: &Config, key: &str, user: UserId, stop: Option<Kind>) -> String {
    format!(
        "{}/unsubscribe?u={}&k={}&s={}",
        config.public_url,
        user.0,
        stop_code(stop),
        signature(key, user, stop)
    )
}

/// The person and what an unsubscribe link stops, if it is one we made.
pub async fn check_unsubscribe(db: &Db, user: &str, kind: &str, sig: &str) -> AppResult<(UserId, Option<Kind>)> {
    let bad = || AppError::Refused {
        reason: Refusal::BadLink,
    };
    let user = user.trim().parse::<i64>().map(UserId).map_err(|_| bad())?;
    let kind = match kind.trim() {
        DAILY => None,
        k => Some(Kind::parse(k).ok_or_else(bad)?),
    };
    let expected = signature(&mail_key(db).await?, user, kind);
    // Compared as MACs are: in time that does not depend on where they differ.
    let mut mac = Hmac::<Sha256>::new_from_slice(expected.as_bytes()).expect("any key length");
    mac.update(b"compare");
    let a = mac.finalize().into_bytes();
    let mut mac = Hmac::<Sha256>::new_from_slice(sig.trim().as_bytes()).expect("any key length");
    mac.update(b"compare");
    if a != mac.finalize().into_bytes() {
        return Err(bad());
    }
    Ok((user, kind))
}

/// Follows an unsubscribe link (the page's button, or a mail program's
/// one-click POST): emails of its kind stop, or, for the digest, every kind
/// that goes in it; returns what stopped.
pub async fn unsubscribe(db: &Db, user: &str, kind: &str, sig: &str) -> AppResult<Option<Kind>> {
    let (user, stop) = check_unsubscribe(db, user, kind, sig).await?;
    let stored = rows::prefs(db, user).await?;
    let kinds: Vec<Kind> = match stop {
        Some(k) => vec![k],
        None => Kind::ALL
            .into_iter()
            .filter(|k| how_of(&stored, *k) == How::Daily)
            .collect(),
    };
    let mut tx = db.pool.begin().await?;
    for k in kinds {
        rows::set_pref(&mut tx, user, k.code(), How::Site.code()).await?;
    }
    tx.commit().await?;
    tracing::info!(user = user.0, stop = stop_code(stop), "unsubscribed by link");
    Ok(stop)
}

/// A kind's stored choice, or its default.
fn how_of(stored: &[(String, String)], kind: Kind) -> How {
    stored
        .iter()
        .find(|(k, _)| k == kind.code())
        .and_then(|(_, h)| How::parse(h))
        .unwrap_or(kind.default_how())
}

fn is_officer(me: &Me) -> bool {
    me.is_admin() || me.roles.iter().any(|r| matches!(r.role, Role::Officer | Role::Head))
}

/// The kinds `me` chooses for (officers' kinds only for officers, heads
/// and admins) with their choice or its default.
pub async fn prefs(db: &Db, me: &Me) -> AppResult<Vec<Pref>> {
    let stored = rows::prefs(db, UserId(me.id)).await?;
    Ok(Kind::ALL
        .into_iter()
        .filter(|k| !k.for_officers() || is_officer(me))
        .map(|kind| Pref {
            kind,
            how: how_of(&stored, kind),
        })
        .collect())
}

/// Stores `me`'s choices (form fields named by kind). An unknown kind or a
/// choice the kind does not offer is refused, and nothing is changed.
pub async fn set_prefs(db: &Db, me: &Me, choices: &[(String, String)]) -> AppResult<()> {
    let mut parsed = Vec::new();
    for (k, h) in choices {
        let kind = Kind::parse(k)
            .filter(|k| !k.for_officers() || is_officer(me))
            .ok_or_else(|| AppError::field("notify", FieldProblem::Unknown))?;
        let how = How::parse(h)
            .filter(|h| kind.choices().contains(h))
            .ok_or_else(|| AppError::field(kind.code(), FieldProblem::Unknown))?;
        parsed.push((kind, how));
    }
    let mut tx = db.pool.begin().await?;
    for (kind, how) in parsed {
        rows::set_pref(&mut tx, UserId(me.id), kind.code(), how.code()).await?;
    }
    tx.commit().await?;
    Ok(())
}

fn lang_of(code: &str) -> Lang {
    Lang::parse(code).unwrap_or_default()
}

/// The lines under every notification email.
fn footer(config: &Config, key: &str, user: UserId, stop: Option<Kind>, lang: Lang) -> Vec<Footer> {
    let nm = nmsg(lang);
    vec![
        Footer {
            text: nm.footer.to_owned(),
            link: None,
        },
        Footer {
            text: format!("{} {}", nm.stop, stop_name(lang, stop_code(stop))),
            link: Some(unsubscribe_url(config, key, user, stop)),
        },
        Footer {
            text: nm.change.to_owned(),
            link: Some(format!("{}/settings#notify", config.public_url)),
        },
    ]
}

fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// Turns the notifications the worker has not looked at into email (at
/// once, or kept for the digest) until none is left; returns how many
/// emails it queued.
pub async fn fan_out(db: &Db, config: &Config) -> AppResult<usize> {
    // Read first: an idle worker never takes SQLite's write lock.
    if !rows::any_new(db).await? {
        return Ok(0);
    }
    let key = mail_key(db).await?;
    let mut queued = 0;
    loop {
        let t = time::now();
        let mut tx = db.pool.begin().await?;
        let notes = rows::claim_new(&mut tx, db.backend, NOTES_BATCH).await?;
        if notes.is_empty() {
            return Ok(queued);
        }
        for n in notes {
            let Some(kind) = Kind::of_note(&n.note.kind) else {
                continue;
            };
            let Some(address) = n.email.clone() else {
                continue;
            };
            match n.how.as_deref().and_then(How::parse).unwrap_or(kind.default_how()) {
                How::Site => {}
                How::Daily => {
                    let due = next_local_hour(t, time::zone_offset(&n.home_zone) * 3_600, config.digest_hour);
                    rows::keep_for_digest(&mut tx, n.note.id, n.user_id, due).await?;
                }
                How::Now => {
                    let lang = lang_of(&n.lang);
                    let user = n.user_id;
                    let view = super::forums::notifications::view(n.note, lang);
                    let line = note_text(lang, &view);
                    let mut paragraphs = vec![line.clone()];
                    if !view.excerpt.is_empty() {
                        paragraphs.push(format!("“{}”", view.excerpt));
                    }
                    let link = format!("{}{}", config.public_url, view.url);
                    let (text, html) = compose(&paragraphs, &link, &footer(config, &key, user, Some(kind), lang));
                    let unsubscribe = unsubscribe_url(config, &key, user, Some(kind));
                    outbox::queue(
                        &mut tx,
                        &NewMessage {
                            recipient: &address,
                            subject: &format!("Rembuk: {}", shorten(&line, 110)),
                            text: &text,
                            html: &html,
                            at: t,
                            unsubscribe: Some(&unsubscribe),
                        },
                    )
                    .await?;
                    queued += 1;
                }
            }
        }
        tx.commit().await?;
    }
}

/// Builds the digests due now; returns how many it queued.
pub async fn send_digests(db: &Db, config: &Config) -> AppResult<usize> {
    if !rows::any_digest_due(db, time::now()).await? {
        return Ok(0);
    }
    let key = mail_key(db).await?;
    let mut queued = 0;
    loop {
        let t = time::now();
        let users = rows::claim_digests(db, t, t + 120, DIGEST_BATCH).await?;
        if users.is_empty() {
            return Ok(queued);
        }
        for user in users {
            if digest(db, config, &key, user, t).await? {
                queued += 1;
            }
        }
    }
}

/// One person's digest: what waits for it, and (officers) their desk.
async fn digest(db: &Db, config: &Config, key: &str, user: UserId, t: i64) -> AppResult<bool> {
    let mut tx = db.pool.begin().await?;
    // Written first: on SQLite the transaction holds the write lock from here.
    rows::next_digest(&mut tx, user, Some(t + 86_400)).await?;
    let Some(person) = rows::digest_person(&mut tx, user).await? else {
        tx.commit().await?;
        return Ok(false);
    };
    let lang = lang_of(&person.lang);
    let nm = nmsg(lang);
    let notes = rows::waiting(&mut tx, user, DIGEST_SHOWN).await?;
    let more = match notes.last() {
        Some(last) if notes.len() as i64 == DIGEST_SHOWN => {
            rows::waiting_beyond(&mut tx, user, last.note.id, 1000).await?
        }
        _ => 0,
    };
    rows::digested(&mut tx, user).await?;
    let officer: bool = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM (SELECT 1 FROM user_roles WHERE user_id = $1 AND role = 'officer' LIMIT 1) o",
    )
    .bind(user)
    .fetch_one(&mut *tx)
    .await?
        > 0;
    let desk_on = officer && person.desk_how.as_deref().and_then(How::parse).unwrap_or(How::Daily) == How::Daily;
    let offset = time::zone_offset(&person.home_zone) * 3_600;
    let next = desk_on.then(|| next_local_hour(t, offset, config.digest_hour));
    rows::next_digest(&mut tx, user, next).await?;
    let desk = if desk_on {
        let c = rows::desk_counts(&mut tx, user, t, t + 86_400, 1000).await?;
        (c.open > 0).then_some(c)
    } else {
        None
    };
    let Some(address) = person.email.filter(|_| !notes.is_empty() || desk.is_some()) else {
        tx.commit().await?;
        return Ok(false);
    };
    let mut text = String::new();
    let mut html = String::from("<!DOCTYPE html><html><body style=\"font-family:sans-serif;max-width:36em\">");
    let esc = super::mail::escape;
    if let Some(c) = desk {
        let line = nm
            .desk_summary
            .replace("{open}", &crate::i18n::number(lang, c.open))
            .replace("{soon}", &crate::i18n::number(lang, c.due_soon))
            .replace("{late}", &crate::i18n::number(lang, c.late));
        let link = format!("{}/desk", config.public_url);
        text.push_str(&format!("{line}\n{}: {link}\n\n", nm.to_desk));
        html.push_str(&format!(
            "<p>{}</p><p><a href=\"{}\">{}</a></p>",
            esc(&line),
            esc(&link),
            esc(nm.to_desk)
        ));
    }
    let count = notes.len();
    if !notes.is_empty() {
        text.push_str(nm.digest_lead);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p><ul>", esc(nm.digest_lead)));
        for n in notes {
            let view = super::forums::notifications::view(n.note, lang);
            let line = note_text(lang, &view);
            let link = format!("{}{}", config.public_url, view.url);
            text.push_str(&format!("- {line}\n  {link}\n"));
            html.push_str(&format!("<li><a href=\"{}\">{}</a></li>", esc(&link), esc(&line)));
        }
        html.push_str("</ul>");
        if more > 0 {
            let line = nm.digest_more.replace("{n}", &crate::i18n::number(lang, more));
            let link = format!("{}/notifications", config.public_url);
            text.push_str(&format!("\n{line} {link}\n"));
            html.push_str(&format!(
                "<p>{} <a href=\"{}\">{}</a></p>",
                esc(&line),
                esc(&link),
                esc(&link)
            ));
        }
        text.push('\n');
    }
    // The digest's unsubscribe link stops the digest: every kind in it.
    for f in footer(config, key, user, None, lang) {
        match &f.link {
            Some(l) => {
                text.push_str(&format!("{} {l}\n", f.text));
                html.push_str(&format!(
                    "<p style=\"font-size:small\">{} <a href=\"{}\">{}</a></p>",
                    esc(&f.text),
                    esc(l),
                    esc(l)
                ));
            }
            None => {
                text.push_str(&format!("{}\n", f.text));
                html.push_str(&format!("<p style=\"font-size:small\">{}</p>", esc(&f.text)));
            }
        }
    }
    html.push_str("</body></html>");
    let subject = if count > 0 {
        format!(
            "{} ({})",
            nm.digest_subject,
            crate::i18n::number(lang, count as i64 + more)
        )
    } else {
        nm.digest_subject.to_owned()
    };
    let unsubscribe = unsubscribe_url(config, key, user, None);
    outbox::queue(
        &mut tx,
        &NewMessage {
            recipient: &address,
            subject: &subject,
            text: &text,
            html: &html,
            at: t,
            unsubscribe: Some(&unsubscribe),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Plans the daily desk summary of a new officer (or head) for their next
/// digest hour.
pub async fn plan_desk_digest(st: &AppState, user: UserId) -> AppResult<()> {
    let zone: Option<String> =
        sqlx::query_scalar("SELECT a.timezone FROM users u JOIN areas a ON a.id = u.home_area_id WHERE u.id = $1")
            .bind(user)
            .fetch_optional(&st.db.pool)
            .await?;
    let due = next_local_hour(
        time::now(),
        time::zone_offset(zone.as_deref().unwrap_or("WIB")) * 3_600,
        st.config.digest_hour,
    );
    let mut conn = st.db.pool.acquire().await?;
    rows::plan_digest(&mut conn, user, due).await?;
    Ok(())
}

/// Plans the daily desk summary of every officer who has none planned
/// (officers made before digests existed, or by the demo data), at the
/// next digest hour of their home area's zone. Run once as a server starts.
pub async fn plan_officer_digests(db: &Db, config: &Config) -> AppResult<()> {
    let t = time::now();
    let mut conn = db.pool.acquire().await?;
    for zone in ["WIB", "WITA", "WIT"] {
        let due = next_local_hour(t, time::zone_offset(zone) * 3_600, config.digest_hour);
        sqlx::query(
            "INSERT INTO digests (user_id, due_at) SELECT DISTINCT r.user_id, $1 FROM user_roles r \
             JOIN users u ON u.id = r.user_id JOIN areas a ON a.id = u.home_area_id \
             WHERE r.role = 'officer' AND (a.timezone = $2 OR ($2 = 'WIB' AND a.timezone NOT IN ('WITA', 'WIT'))) \
             ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(due)
        .bind(zone)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Tells an agency of an event, in the event's transaction: its officers
/// (or, for `escalated`, its heads and the admins) and its webhook.
pub async fn alert(conn: &mut sqlx::AnyConnection, config: &Config, a: &Alert<'_>) -> AppResult<()> {
    rows::alert(conn, a).await?;
    if let Some(agency) = a.agency {
        super::hooks::queue(conn, config, agency, a.kind, a.subject, a.at).await?;
    }
    Ok(())
}

/// The worker each server runs: every few seconds it turns new
/// notifications into email and builds the digests that are due.
pub async fn run(db: Db, config: std::sync::Arc<Config>) {
    if let Err(e) = plan_officer_digests(&db, &config).await {
        tracing::warn!("desk digests: {e:?}");
    }
    let mut every = tokio::time::interval(std::time::Duration::from_secs(2));
    loop {
        every.tick().await;
        if let Err(e) = fan_out(&db, &config).await {
            tracing::warn!("notification worker: {e:?}");
        }
        if let Err(e) = send_digests(&db, &config).await {
            tracing::warn!("digest worker: {e:?}");
        }
    }
}
