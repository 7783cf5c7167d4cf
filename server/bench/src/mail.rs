//! Email in the benchmark: how fast notifications become email (the
//! worker's fan-out into the outbox) and how fast the outbox is sent to an
//! SMTP server on this machine that accepts everything.
use crate::Res;
use app::server::{mail, notify, AppState, Config};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// An SMTP server that accepts every message and counts it; returns its
/// `smtp://` URL and the count.
async fn sink() -> Res<(String, Arc<AtomicUsize>)> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("smtp://{}", listener.local_addr()?);
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let counted = counted.clone();
            tokio::spawn(async move {
                let _ = serve(stream, &counted).await;
            });
        }
    });
    Ok((url, count))
}

async fn serve(stream: tokio::net::TcpStream, count: &AtomicUsize) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink ESMTP\r\n").await?;
    let mut line = String::new();
    let mut data = false;
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        if data {
            if line == ".\r\n" {
                data = false;
                count.fetch_add(1, Ordering::Relaxed);
                write.write_all(b"250 kept\r\n").await?;
            }
            continue;
        }
        let upper = line.to_ascii_uppercase();
        let answer: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            b"250-sink\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("DATA") {
            data = true;
            b"354 go on\r\n"
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            b"250 OK\r\n"
        };
        write.write_all(answer).await?;
    }
}

/// Notifications turned into email, and email sent, per second.
pub struct Throughput {
    pub messages: usize,
    pub fan_out_per_s: f64,
    pub sent_per_s: f64,
}

/// `n` residents with an address each get a notification (an official step
/// on a proposal they follow, sent at once by default); the worker's
/// fan-out and the outbox's sending are timed apart. The addresses are
/// taken away again afterwards.
pub async fn throughput(st: &AppState, n: usize) -> Res<Throughput> {
    let db = &st.db;
    let (url, delivered) = sink().await?;
    let config = Config {
        smtp_url: Some(url),
        public_url: "https://rembuk.example".into(),
        ..Config::default()
    };
    let mailer = mail::Mailer::from_config(&config)?.ok_or("no SMTP")?;
    // The demo's own notifications first, before anyone has an address.
    notify::fan_out(db, &config).await?;
    sqlx::query(
        "UPDATE users SET email = 'w' || CAST(id AS TEXT) || '@bench.example' WHERE id IN \
         (SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM user_roles) ORDER BY id LIMIT $1)",
    )
    .bind(n as i64)
    .execute(&db.pool)
    .await?;
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, proposal_id, created_at) \
         SELECT id, 'proposal', (SELECT MIN(id) FROM proposals), 0 FROM users WHERE email LIKE '%@bench.example'",
    )
    .execute(&db.pool)
    .await?;
    let t = Instant::now();
    let queued = notify::fan_out(db, &config).await?;
    let fan_out = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let sent = mail::deliver_due(db, &mailer).await?;
    let sending = t.elapsed().as_secs_f64();
    if sent != queued || delivered.load(Ordering::Relaxed) != queued {
        return Err(format!(
            "{queued} emails queued, {sent} sent, {} arrived",
            delivered.load(Ordering::Relaxed)
        )
        .into());
    }
    sqlx::query("UPDATE users SET email = NULL WHERE email LIKE '%@bench.example'")
        .execute(&db.pool)
        .await?;
    Ok(Throughput {
        messages: queued,
        fan_out_per_s: queued as f64 / fan_out,
        sent_per_s: sent as f64 / sending,
    })
}

/// Gives every resident an address: every supporter is then subscribed to
/// what they support (official steps come at once by default).
pub async fn subscribe_everyone(st: &AppState) -> Res<()> {
    sqlx::query("UPDATE users SET email = 'w' || CAST(id AS TEXT) || '@bench.example' WHERE email IS NULL")
        .execute(&st.db.pool)
        .await?;
    Ok(())
}
