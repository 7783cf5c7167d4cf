//! Email (issue 22): a person's address, confirmed by a link sent to it, and
//! the worker that sends what the outbox holds over SMTP.
//!
//! A message is written to the outbox in the same transaction as what causes
//! it, so none is lost. A worker claims due messages for a while before
//! sending them (on PostgreSQL skipping rows another server is claiming), and
//! marks each sent after the SMTP server took it. A server that stops between
//! the two sends that message once more when the claim runs out: at most one
//! duplicate, never a loss.
use super::{auth::new_token, secrets::sha256_hex, time::now, AppState, Config};
use crate::db::mail::{self as rows, NewMessage, NewToken};
use crate::db::Db;
use crate::domain::ids::UserId;
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::{Lang, Me};
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

const CONFIRM: &str = "confirm";
const RESET: &str = "reset";
/// Password reset links sent to one account per hour, at most.
const RESETS_PER_HOUR: i64 = 3;
/// Messages claimed at once, and for how long.
const BATCH: i64 = 20;
const CLAIM_SECS: i64 = 120;
/// Tries before a message is marked failed (waits 1, 2, 4 … minutes between).
const MAX_ATTEMPTS: i64 = 8;

/// An email address as typed: trimmed and lower-cased, or the field's error.
pub fn parse_address(field: &str, raw: &str) -> AppResult<String> {
    let a = raw.trim().to_lowercase();
    let ok = a.len() <= 254
        && a.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && local.len() <= 64
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
        })
        && a.chars().all(|c| c.is_ascii_graphic() && !"\"(),:;<>[\\]".contains(c))
        && a.parse::<lettre::Address>().is_ok();
    if ok {
        Ok(a)
    } else {
        Err(AppError::field(field, FieldProblem::Email))
    }
}

pub(super) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A line under a message, with a link after it.
pub(super) struct Footer {
    pub text: String,
    pub link: Option<String>,
}

/// A short message: its paragraphs, then one link, then small print.
pub(super) fn compose(paragraphs: &[String], link: &str, footer: &[Footer]) -> (String, String) {
    let mut text = String::new();
    let mut html = String::from("<!DOCTYPE html><html><body style=\"font-family:sans-serif;max-width:36em\">");
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p>", escape(p)));
    }
    text.push_str(link);
    text.push_str("\n\n");
    html.push_str(&format!("<p><a href=\"{0}\">{0}</a></p>", escape(link)));
    for f in footer {
        text.push_str(&f.text);
        html.push_str("<p style=\"font-size:small\">");
        html.push_str(&escape(&f.text));
        if let Some(l) = &f.link {
            text.push(' ');
            text.push_str(l);
            html.push_str(&format!(" <a href=\"{0}\">{0}</a>", escape(l)));
        }
        text.push('\n');
        html.push_str("</p>");
    }
    html.push_str("</body></html>");
    (text, html)
}

/// A link to send by email: to whom, for what, and for how long.
struct Link<'a> {
    user: UserId,
    purpose: &'static str,
    address: &'a str,
    lasts_secs: i64,
    /// The page the link opens, with the token as its `?token=`.
    path: &'static str,
    subject: &'a str,
}

/// Makes a fresh link (ending the person's older ones for the same purpose)
/// and queues the message that carries it, after `paragraphs`, in `tx`.
async fn send_link(
    st: &AppState,
    tx: &mut sqlx::AnyConnection,
    link: Link<'_>,
    paragraphs: &[String],
    t: i64,
) -> AppResult<()> {
    let token = new_token();
    rows::end_tokens(tx, link.user, link.purpose, t).await?;
    rows::insert_token(
        tx,
        &NewToken {
            token_hash: &sha256_hex(&token),
            user_id: link.user,
            purpose: link.purpose,
            address: link.address,
            at: t,
            expires_at: t + link.lasts_secs,
        },
    )
    .await?;
    let url = format!("{}{}?token={token}", st.config.public_url, link.path);
    let sign = Footer {
        text: "Rembuk".to_owned(),
        link: None,
    };
    let (text, html) = compose(paragraphs, &url, &[sign]);
    rows::queue(
        tx,
        &NewMessage {
            recipient: link.address,
            subject: link.subject,
            text: &text,
            html: &html,
            at: t,
            unsubscribe: None,
        },
    )
    .await?;
    Ok(())
}

/// Sends a link to `address` that confirms it for `me`: until it is
/// followed, nothing else is sent there. An empty address removes the
/// confirmed one. Returns whether a link was sent.
pub async fn set_address(st: &AppState, me: &Me, lang: Lang, address: &str) -> AppResult<bool> {
    let t = now();
    let user = UserId(me.id);
    let mut tx = st.db.pool.begin().await?;
    if address.trim().is_empty() {
        rows::set_address(&mut tx, user, None).await?;
        rows::end_tokens(&mut tx, user, CONFIRM, t).await?;
        tx.commit().await?;
        return Ok(false);
    }
    let address = parse_address("email", address)?;
    let hours = st.config.email_link_hours;
    let (subject, paragraphs) = match lang {
        Lang::Id => (
            "Konfirmasi alamat email Anda di Rembuk",
            vec![
                format!("Halo {},", me.display_name),
                format!(
                    "Alamat ini diminta untuk akun Rembuk \"{}\". Untuk mengonfirmasinya, buka tautan di bawah ini dalam {hours} jam, lalu tekan \"Konfirmasi\".",
                    me.username
                ),
                "Kalau bukan Anda yang meminta, abaikan email ini: tidak ada yang berubah.".to_owned(),
            ],
        ),
        Lang::En => (
            "Confirm your email address on Rembuk",
            vec![
                format!("Hello {},", me.display_name),
                format!(
                    "This address was given for the Rembuk account \"{}\". To confirm it, open the link below within {hours} hours, then press \"Confirm\".",
                    me.username
                ),
                "If you did not ask for this, ignore this email: nothing changes.".to_owned(),
            ],
        ),
    };
    let link = Link {
        user,
        purpose: CONFIRM,
        address: &address,
        lasts_secs: hours * 3_600,
        path: "/email/confirm",
        subject,
    };
    send_link(st, &mut tx, link, &paragraphs, t).await?;
    tx.commit().await?;
    Ok(true)
}

/// Follows a confirmation link: its address becomes the account's. Signed
/// in as another account, the link is refused (and stays good).
pub async fn confirm(st: &AppState, token: &str, me: Option<&Me>) -> AppResult<()> {
    let hash = sha256_hex(token.trim());
    if let (Some(me), Some(owner)) = (me, rows::token_owner(&st.db, &hash).await?) {
        if owner != me.id {
            return Err(AppError::Refused {
                reason: Refusal::OtherAccount,
            });
        }
    }
    let mut tx = st.db.pool.begin().await?;
    let Some(link) = rows::use_token(&mut tx, &hash, CONFIRM, now()).await? else {
        return Err(AppError::Refused {
            reason: Refusal::LinkExpired,
        });
    };
    let user = UserId(link.user_id);
    if rows::taken(&mut tx, &link.address, user).await? {
        return Err(AppError::Refused {
            reason: Refusal::EmailTaken,
        });
    }
    rows::set_address(&mut tx, user, Some(&link.address)).await?;
    tx.commit().await?;
    Ok(())
}

/// Sends a password reset link to the confirmed address of the account
/// named by `who` (its username or that address). Says nothing of whether
/// there is one: the caller answers the same either way. An account gets
/// at most [`RESETS_PER_HOUR`] links an hour.
pub async fn request_reset(st: &AppState, who: &str) -> AppResult<()> {
    let who = who.trim().to_lowercase();
    if who.is_empty() || who.len() > 254 {
        return Err(AppError::field("who", FieldProblem::Required));
    }
    let Some(r) = rows::recipient(&st.db, &who, &who).await? else {
        return Ok(());
    };
    let t = now();
    let user = UserId(r.id);
    if rows::tokens_since(&st.db, user, RESET, t - 3_600).await? >= RESETS_PER_HOUR {
        return Ok(());
    }
    let minutes = st.config.reset_minutes;
    let (subject, paragraphs) = match Lang::parse(&r.lang).unwrap_or_default() {
        Lang::Id => (
            "Atur ulang kata sandi Rembuk Anda",
            vec![
                format!("Halo {},", r.display_name),
                format!(
                    "Ada permintaan untuk mengatur ulang kata sandi akun Rembuk \"{}\". Buka tautan di bawah ini dalam {minutes} menit untuk memilih kata sandi baru. Tautan ini hanya bisa dipakai sekali, dan semua sesi masuk akun ini akan berakhir.",
                    r.username
                ),
                "Kalau bukan Anda yang meminta, abaikan email ini: kata sandi Anda tidak berubah.".to_owned(),
            ],
        ),
        Lang::En => (
            "Reset your Rembuk password",
            vec![
                format!("Hello {},", r.display_name),
                format!(
                    "Someone asked to reset the password of the Rembuk account \"{}\". Open the link below within {minutes} minutes to choose a new password. The link works once, and every signed-in session of this account will end.",
                    r.username
                ),
                "If you did not ask for this, ignore this email: your password stays as it is.".to_owned(),
            ],
        ),
    };
    let mut tx = st.db.pool.begin().await?;
    let link = Link {
        user,
        purpose: RESET,
        address: &r.email,
        lasts_secs: minutes * 60,
        path: "/password/reset",
        subject,
    };
    send_link(st, &mut tx, link, &paragraphs, t).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether a reset link is still good (the page asks for a new password
/// only then).
pub async fn reset_link_good(st: &AppState, token: &str) -> AppResult<bool> {
    Ok(rows::token_good(&st.db, &sha256_hex(token.trim()), RESET, now()).await?)
}

/// Follows a reset link: the account's password becomes `hash` and every
/// session of the account ends.
pub async fn reset_password(st: &AppState, token: &str, hash: &str) -> AppResult<()> {
    let mut tx = st.db.pool.begin().await?;
    let Some(link) = rows::use_token(&mut tx, &sha256_hex(token.trim()), RESET, now()).await? else {
        return Err(AppError::Refused {
            reason: Refusal::LinkExpired,
        });
    };
    let user = UserId(link.user_id);
    crate::db::users::set_password(&mut tx, user, hash).await?;
    crate::db::sessions::delete_others(&mut tx, user, "").await?;
    rows::end_tokens(&mut tx, user, RESET, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// What the settings page shows: the confirmed address, and one waiting
/// for its link to be followed.
pub async fn addresses(db: &Db, me: &Me) -> AppResult<(Option<String>, Option<String>)> {
    let user = UserId(me.id);
    Ok((rows::address(db, user).await?, rows::pending(db, user, now()).await?))
}

/// An address shown to admins in part: `w***@contoh.id`.
fn masked(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
        None => "***".to_owned(),
    }
}

/// Failed sends listed per page.
const FAILED_PAGE: i64 = 30;

/// The admins' view of the outbox: how many emails and webhook calls wait,
/// and those that failed after their last try, newest first.
pub async fn outbox_page(db: &Db, lang: Lang, before: i64, hooks_before: i64) -> AppResult<crate::model::OutboxPage> {
    let waiting = |table: &str| {
        format!(
            "SELECT COUNT(*) FROM (SELECT id FROM {table} WHERE sent_at IS NULL AND failed_at IS NULL LIMIT 1000) w"
        )
    };
    let waiting_mail: i64 = sqlx::query_scalar(&waiting("outbox")).fetch_one(&db.pool).await?;
    let waiting_hooks: i64 = sqlx::query_scalar(&waiting("hook_outbox")).fetch_one(&db.pool).await?;
    let when = |at: i64| super::time::date_time(lang, at, "WIB");
    type Row = (i64, i64, String, String, i64, Option<String>);
    let mut failed: Vec<Row> = sqlx::query_as(
        "SELECT id, failed_at, recipient, subject, attempts, last_error FROM outbox \
         WHERE failed_at IS NOT NULL AND id < $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(before)
    .bind(FAILED_PAGE + 1)
    .fetch_all(&db.pool)
    .await?;
    let mut hooks: Vec<Row> = sqlx::query_as(
        "SELECT o.id, o.failed_at, g.name, o.event, o.attempts, o.last_error FROM hook_outbox o \
         JOIN agencies g ON g.id = o.agency_id WHERE o.failed_at IS NOT NULL AND o.id < $1 ORDER BY o.id DESC LIMIT $2",
    )
    .bind(hooks_before)
    .bind(FAILED_PAGE + 1)
    .fetch_all(&db.pool)
    .await?;
    let more = |rows: &mut Vec<Row>| {
        (rows.len() as i64 > FAILED_PAGE).then(|| {
            rows.truncate(FAILED_PAGE as usize);
            rows.last().map_or(0, |r| r.0)
        })
    };
    let (next, next_hooks) = (more(&mut failed), more(&mut hooks));
    let send = |(id, at, to, subject, attempts, error): Row, mask: bool| crate::model::FailedSend {
        id,
        when: when(at),
        to: if mask { masked(&to) } else { to },
        subject,
        attempts,
        error: error.unwrap_or_default(),
    };
    Ok(crate::model::OutboxPage {
        waiting_mail,
        waiting_hooks,
        failed: failed.into_iter().map(|r| send(r, true)).collect(),
        failed_hooks: hooks.into_iter().map(|r| send(r, false)).collect(),
        next,
        next_hooks,
    })
}

/// Sends over SMTP (`Config::smtp_url`).
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// None when no SMTP server is configured.
    pub fn from_config(cfg: &Config) -> Result<Option<Mailer>, String> {
        let Some(url) = &cfg.smtp_url else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("REMBUK_SMTP_URL: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        let from = cfg
            .mail_from
            .parse::<Mailbox>()
            .map_err(|e| format!("REMBUK_MAIL_FROM: {e}"))?;
        Ok(Some(Mailer { transport, from }))
    }

    async fn send(&self, m: &rows::Message) -> Result<(), (String, bool)> {
        let to = m
            .recipient
            .parse::<Mailbox>()
            .map_err(|e| (format!("recipient: {e}"), true))?;
        let mut builder = lettre::Message::builder();
        if let Some(url) = &m.unsubscribe {
            // RFC 8058: a mail program may offer one click that POSTs here.
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let email = builder
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .header(ContentTransferEncoding::QuotedPrintable)
                            .body(m.text_body.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .header(ContentTransferEncoding::QuotedPrintable)
                            .body(m.html_body.clone()),
                    ),
            )
            .map_err(|e| (format!("message: {e}"), true))?;
        match self.transport.send(email).await {
            Ok(_) => Ok(()),
            Err(e) => Err((e.to_string(), e.is_permanent())),
        }
    }
}

/// Sends the messages due now, a batch at a time (the batch's messages at
/// once, over the transport's pooled connections), until none is left;
/// returns how many were sent.
pub async fn deliver_due(db: &Db, mailer: &Mailer) -> AppResult<usize> {
    let mut sent = 0;
    loop {
        let t = now();
        let batch = rows::claim(db, t, t + CLAIM_SECS, BATCH).await?;
        if batch.is_empty() {
            return Ok(sent);
        }
        let mut sending = tokio::task::JoinSet::new();
        for m in batch {
            let mailer = mailer.clone();
            sending.spawn(async move {
                let result = mailer.send(&m).await;
                (m, result)
            });
        }
        while let Some(done) = sending.join_next().await {
            let Ok((m, result)) = done else {
                // A send that panicked: its claim runs out and it is tried again.
                continue;
            };
            match result {
                Ok(()) => {
                    rows::sent(db, m.id, now()).await?;
                    sent += 1;
                }
                Err((error, permanent)) => {
                    let t = now();
                    let last = permanent || m.attempts >= MAX_ATTEMPTS;
                    let wait = 60 * (1_i64 << (m.attempts - 1).clamp(0, 10));
                    tracing::warn!(
                        id = m.id,
                        attempts = m.attempts,
                        permanent,
                        "an email was not sent (its error is kept in the outbox)"
                    );
                    rows::failed(db, m.id, &error, t + wait, last.then_some(t)).await?;
                }
            }
        }
    }
}

/// The worker each server runs when SMTP is configured: every few seconds
/// it sends what is due.
pub async fn run(db: Db, mailer: Mailer) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(2));
    loop {
        every.tick().await;
        if let Err(e) = deliver_due(&db, &mailer).await {
            tracing::warn!("mail worker: {e:?}");
        }
    }
}
