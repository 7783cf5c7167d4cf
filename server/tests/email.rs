#![allow(clippy::unwrap_used)]
//! Issue 22: an account's email address, confirmed by a link sent through a
//! real SMTP server (the sink in `common::smtp`), and never shown to others.
mod common;
use common::smtp::Sink;
use common::{code, resident, TestApp};

async fn email_of(app: &TestApp, username: &str) -> Option<String> {
    sqlx::query_scalar::<_, Option<String>>("SELECT email FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
}

/// The confirmation link's token in a received message.
fn token_in(text: &str) -> String {
    let at = text.find("/email/confirm?token=").expect("a confirmation link") + "/email/confirm?token=".len();
    text[at..].chars().take_while(char::is_ascii_hexdigit).collect()
}

#[tokio::test]
async fn an_address_is_confirmed_by_its_link_and_shown_to_nobody_else() {
    let (sink, url) = Sink::start().await;
    let app = common::spawn_with(|c| {
        c.smtp_url = Some(url);
        c.public_url = "https://rembuk.example".into();
    })
    .await;
    let area = app.area_id("Dauh Puri").await;
    let (warga, lain) = (resident(&app, "warga", area).await, resident(&app, "lain", area).await);

    // Not an address: the field says so, nothing is queued.
    for bad in ["bukan-email", "a@b", "x@@contoh.id", "x y@contoh.id", "<x@contoh.id>"] {
        let e = app.call(&warga, "set_email", &[("email", bad)]).await.unwrap_err();
        assert_eq!(
            (e["field"].as_str(), e["problem"].as_str()),
            (Some("email"), Some("email")),
            "{bad}: {e}"
        );
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox").await, 0);

    // A link goes to the new address; until it is followed the account has none.
    app.call(&warga, "set_email", &[("email", " Warga@Contoh.ID ")])
        .await
        .unwrap();
    let got = sink.wait_for(1).await;
    assert_eq!(got[0].to, vec!["warga@contoh.id"]);
    assert!(
        got[0].text.contains("Subject: Konfirmasi alamat email Anda di Rembuk"),
        "{}",
        got[0].text
    );
    assert!(got[0].text.contains("https://rembuk.example/email/confirm?token="));
    let token = token_in(&got[0].text);
    assert_eq!(token.len(), 64);
    assert_eq!(email_of(&app, "warga").await, None);
    let (_, page) = app.page(&warga, "/settings").await;
    assert!(
        page.contains("Menunggu konfirmasi") && page.contains("warga@contoh.id"),
        "{page}"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
            .await,
        1
    );

    // Another account cannot use it, and that leaves it good.
    let e = app
        .call(&lain, "confirm_email", &[("token", &token)])
        .await
        .unwrap_err();
    assert_eq!(
        (code(&e), e["reason"].as_str()),
        ("refused".into(), Some("other_account")),
        "{e}"
    );
    assert_eq!(email_of(&app, "warga").await, None);

    // The link's page asks before it changes anything; the button confirms.
    let visitor = common::browser();
    let (status, page) = app.page(&visitor, &format!("/email/confirm?token={token}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Konfirmasi alamat email") && page.contains(&token),
        "{page}"
    );
    assert_eq!(email_of(&app, "warga").await, None);
    app.call(&warga, "confirm_email", &[("token", &token)]).await.unwrap();
    assert_eq!(email_of(&app, "warga").await.as_deref(), Some("warga@contoh.id"));
    let (_, page) = app.page(&warga, "/settings").await;
    assert!(page.contains("Alamat yang sudah dikonfirmasi"), "{page}");

    // Used once only; a made-up token is no better.
    for t in [token.as_str(), &"ab".repeat(32), ""] {
        let e = app.call(&warga, "confirm_email", &[("token", t)]).await.unwrap_err();
        assert_eq!(e["reason"].as_str(), Some("link_expired"), "{e}");
    }

    // One account per address: the second to confirm it is told.
    app.call(&lain, "set_language", &[("lang", "en")]).await.unwrap();
    app.call(&lain, "set_email", &[("email", "warga@contoh.id")])
        .await
        .unwrap();
    let got = sink.wait_for(2).await;
    assert!(
        got[1].text.contains("Subject: Confirm your email address on Rembuk"),
        "{}",
        got[1].text
    );
    let e = app
        .call(&lain, "confirm_email", &[("token", &token_in(&got[1].text))])
        .await
        .unwrap_err();
    assert_eq!(e["reason"].as_str(), Some("email_taken"), "{e}");
    assert_eq!(email_of(&app, "lain").await, None);

    // Nobody else sees the address: not on the profile, not to a visitor.
    for path in ["/u/warga", "/", "/settings", "/area/1"] {
        let (_, page) = app.page(&visitor, path).await;
        assert!(!page.contains("contoh.id"), "{path}");
    }
    let (_, page) = app.page(&lain, "/u/warga").await;
    assert!(!page.contains("contoh.id"));

    // An empty address removes it.
    app.call(&warga, "set_email", &[("email", "")]).await.unwrap();
    assert_eq!(email_of(&app, "warga").await, None);
}

#[tokio::test]
async fn without_smtp_messages_wait_in_the_outbox() {
    let app = common::spawn().await;
    let area = app.area_id("Dauh Puri").await;
    let warga = resident(&app, "warga", area).await;
    app.call(&warga, "set_email", &[("email", "warga@contoh.id")])
        .await
        .unwrap();
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
            .await,
        1
    );
    // A visitor has no address to set.
    let e = app
        .call(&common::browser(), "set_email", &[("email", "x@contoh.id")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "not_signed_in");
}

async fn queue(app: &TestApp, n: usize) {
    let mut tx = app.db().pool.begin().await.unwrap();
    for i in 0..n {
        let text = format!("pesan {i}");
        app::db::mail::queue(
            &mut tx,
            &app::db::mail::NewMessage {
                recipient: &format!("w{i}@contoh.id"),
                subject: "uji",
                text: &text,
                html: &text,
                at: 1,
                unsubscribe: None,
            },
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

/// Two servers on one database, each with its own worker and connections,
/// share a batch: every message arrives exactly once. A worker that stopped
/// after claiming messages (and sending none, or some) loses none: they go
/// once its claim runs out, and not before.
#[tokio::test]
async fn the_outbox_sends_every_message_once_across_servers_and_after_a_crash() {
    use app::server::mail::{deliver_due, Mailer};
    let (sink, url) = Sink::start().await;
    // No worker runs in these servers: the test drives delivery itself.
    let one = common::spawn().await;
    let two = common::second_server(&one).await;
    let mut cfg = (*one.state.config).clone();
    cfg.smtp_url = Some(url);
    let mailer = Mailer::from_config(&cfg).unwrap().unwrap();

    queue(&one, 1000).await;
    let (a, b) = tokio::join!(deliver_due(one.db(), &mailer), deliver_due(two.db(), &mailer));
    assert_eq!(a.unwrap() + b.unwrap(), 1000);
    let got = sink.messages();
    let mut to: Vec<String> = got.iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(to.len(), 1000);
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 1000, "a message was sent twice");
    assert_eq!(one.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").await, 0);

    // A worker claims 5 and stops: another worker leaves them alone while
    // the claim lasts.
    queue(&one, 5).await;
    let now = app::server::time::now();
    let claimed = app::db::mail::claim(one.db(), now, now + 3_600, 20).await.unwrap();
    assert_eq!(claimed.len(), 5);
    assert_eq!(deliver_due(two.db(), &mailer).await.unwrap(), 0);
    // It had sent two of them before it stopped; once its claim is over
    // (moved into the past here), the other three go, and only they.
    for m in &claimed[..2] {
        app::db::mail::sent(one.db(), m.id, now).await.unwrap();
    }
    sqlx::query("UPDATE outbox SET claimed_until = 0 WHERE claimed_until IS NOT NULL")
        .execute(&one.db().pool)
        .await
        .unwrap();
    assert_eq!(deliver_due(two.db(), &mailer).await.unwrap(), 3);
    assert_eq!(one.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").await, 0);
    assert_eq!(sink.messages().len(), 1003);
}

/// An SMTP server that is not there: the message waits and is tried again
/// later, a growing wait each time, and is marked failed after the last try.
#[tokio::test]
async fn an_unreachable_server_is_retried_with_backoff_then_given_up() {
    use app::server::mail::{deliver_due, Mailer};
    let app = common::spawn().await;
    // A port nothing listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut cfg = (*app.state.config).clone();
    cfg.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
    let mailer = Mailer::from_config(&cfg).unwrap().unwrap();
    queue(&app, 1).await;
    let mut waits = Vec::new();
    for _ in 0..8 {
        sqlx::query("UPDATE outbox SET next_at = 0 WHERE failed_at IS NULL")
            .execute(&app.db().pool)
            .await
            .unwrap();
        let before = app::server::time::now();
        assert_eq!(deliver_due(app.db(), &mailer).await.unwrap(), 0);
        waits.push(app.scalar("SELECT next_at FROM outbox").await - before);
    }
    assert!(waits.windows(2).take(6).all(|w| w[1] > w[0]), "{waits:?}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL")
            .await,
        1
    );
    let error: String = sqlx::query_scalar("SELECT last_error FROM outbox")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert!(!error.is_empty());
}

/// The token of the newest link to `path` in the messages to `address`.
fn link_token(sink: &Sink, address: &str, path: &str) -> String {
    let m = sink
        .messages()
        .into_iter()
        .rev()
        .find(|m| m.to.iter().any(|t| t == address))
        .expect("a message");
    let at = m.text.find(path).expect("a link") + path.len();
    m.text[at..].chars().take_while(char::is_ascii_hexdigit).collect()
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_a_link_to_the_confirmed_address() {
    let (sink, url) = Sink::start().await;
    let app = common::spawn_with(|c| c.smtp_url = Some(url)).await;
    let area = app.area_id("Dauh Puri").await;
    let phone = resident(&app, "lupa", area).await;
    let _nomail = resident(&app, "tanpa.surel", area).await;
    sqlx::query("UPDATE users SET email = 'lupa@contoh.id', lang = 'en' WHERE username = 'lupa'")
        .execute(&app.db().pool)
        .await
        .unwrap();
    let visitor = common::browser();
    let outbox = "SELECT COUNT(*) FROM outbox";

    // The same answer whoever is named; mail only to a confirmed address.
    for who in ["nobody", "nobody@contoh.id", "tanpa.surel", ""] {
        let r = app.call(&visitor, "request_reset", &[("who", who)]).await;
        if who.is_empty() {
            assert_eq!(r.unwrap_err()["problem"].as_str(), Some("required"));
        } else {
            assert!(r.is_ok(), "{who}: {r:?}");
        }
    }
    assert_eq!(app.scalar(outbox).await, 0);
    app.call(&visitor, "request_reset", &[("who", "LUPA@contoh.id")])
        .await
        .unwrap();
    sink.wait_for(1).await;
    let first = link_token(&sink, "lupa@contoh.id", "/password/reset?token=");
    app.call(&visitor, "request_reset", &[("who", "Lupa")]).await.unwrap();
    let got = sink.wait_for(2).await;
    assert!(
        got[1].text.contains("Subject: Reset your Rembuk password"),
        "{}",
        got[1].text
    );
    let token = link_token(&sink, "lupa@contoh.id", "/password/reset?token=");
    assert_ne!(first, token);
    // At most three links an hour to one account, without saying so.
    for _ in 0..3 {
        app.call(&visitor, "request_reset", &[("who", "lupa")]).await.unwrap();
    }
    assert_eq!(app.scalar(outbox).await, 3);
    let token = {
        sink.wait_for(3).await;
        link_token(&sink, "lupa@contoh.id", "/password/reset?token=")
    };

    // A newer link ends the older ones.
    let form = |t: &str, a: &str, b: &str| {
        vec![
            ("token".to_owned(), t.to_owned()),
            ("new_password".to_owned(), a.to_owned()),
            ("new_password_confirm".to_owned(), b.to_owned()),
        ]
    };
    let call = |f: Vec<(String, String)>| {
        let app = &app;
        let visitor = &visitor;
        async move {
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call(visitor, "reset_password", &f).await
        }
    };
    let e = call(form(&first, "kata-sandi-baru", "kata-sandi-baru"))
        .await
        .unwrap_err();
    assert_eq!(e["reason"].as_str(), Some("link_expired"), "{e}");
    // The page asks for a new password only while the link is good.
    let (_, page) = app.page(&visitor, &format!("/password/reset?token={token}")).await;
    assert!(page.contains("f-new_password"), "{page}");
    let (_, page) = app.page(&visitor, &format!("/password/reset?token={first}")).await;
    assert!(!page.contains("f-new_password") && page.contains("/password/forgot"));
    // A bad password is said, and leaves the link good.
    let e = call(form(&token, "kata-sandi-baru", "lain-sekali")).await.unwrap_err();
    assert_eq!(e["problem"].as_str(), Some("mismatch"), "{e}");

    call(form(&token, "kata-sandi-baru", "kata-sandi-baru")).await.unwrap();
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'lupa'")
            .await,
        0,
        "every session ends"
    );
    let r = app.get(&phone, "/settings").await;
    assert!(r.status().is_redirection(), "the old session is over: {}", r.status());
    let e = call(form(&token, "kata-sandi-lagi", "kata-sandi-lagi"))
        .await
        .unwrap_err();
    assert_eq!(e["reason"].as_str(), Some("link_expired"), "used once only");
    let fresh = common::browser();
    app.sign_in(&fresh, "lupa", "kata-sandi-baru").await.unwrap();
}
