#![allow(clippy::unwrap_used)]
//! Issue 22: notifications by email through a real SMTP server (the sink in
//! `common::smtp`): at once or in the daily digest as each person chose, a
//! one-click unsubscribe that needs no sign-in, officers' alerts, reminders,
//! escalation to the agency's head, and agency webhooks.
mod common;
use common::smtp::{Received, Sink};
use common::{browser, category, code, resident, TestApp};
use std::sync::{Arc, Mutex};

const PUBLIC: &str = "https://rembuk.example";

async fn app_with_mail() -> (Sink, TestApp) {
    let (sink, url) = Sink::start().await;
    let app = common::spawn_with(|c| {
        c.smtp_url = Some(url);
        c.public_url = PUBLIC.into();
    })
    .await;
    // The demo data's own notifications, looked at before anyone has an address.
    settle(&app).await;
    (sink, app)
}

async fn exec(app: &TestApp, sql: &str) {
    sqlx::query(sql).execute(&app.db().pool).await.unwrap();
}

/// Until every notification has been looked at by a mail worker (the
/// tests' own call or a server's): the claim and its email commit together.
async fn settle(app: &TestApp) {
    app::server::notify::fan_out(app.db(), &app.state.config).await.unwrap();
    for _ in 0..200 {
        if app.scalar("SELECT COUNT(*) FROM notifications WHERE mail = 1").await == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("notifications were not looked at");
}

/// Waits (up to 20 s) for `n` messages to `address`; returns them all.
async fn wait_to(sink: &Sink, address: &str, n: usize) -> Vec<Received> {
    for _ in 0..200 {
        let got = to(&sink.messages(), address);
        if got.len() >= n {
            return got;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{n} messages to {address} expected: {:?}", sink.messages());
}

fn to(messages: &[Received], address: &str) -> Vec<Received> {
    messages
        .iter()
        .filter(|m| m.to.iter().any(|t| t == address))
        .cloned()
        .collect()
}

/// The one-click unsubscribe link in a message's `List-Unsubscribe` header.
fn unsubscribe_link(m: &Received) -> String {
    let at = m.text.find("List-Unsubscribe: <").expect("List-Unsubscribe") + "List-Unsubscribe: <".len();
    m.text[at..].chars().take_while(|c| *c != '>').collect()
}

async fn file(app: &TestApp, c: &reqwest::Client, title: &str) -> i64 {
    let area = app.area_id("Kota Denpasar").await.to_string();
    let cat = category(app, "infrastruktur").await;
    let today = app::server::time::iso_date(app::server::time::now(), "WITA");
    app.call(
        c,
        "file_complaint",
        &[
            ("title", title),
            (
                "body",
                "Lampu jalan di Jalan Gunung Agung padam sejak sebulan; malam hari gelap dan rawan.",
            ),
            ("area_id", &area),
            ("category_id", &cat),
            ("happened_on", &today),
            ("location", "Jalan Gunung Agung"),
        ],
    )
    .await
    .unwrap();
    app.scalar("SELECT MAX(id) FROM complaints").await
}

async fn step(app: &TestApp, c: &reqwest::Client, id: i64, event: &str) {
    let id = id.to_string();
    app.call(
        c,
        "complaint_step",
        &[
            ("id", &id),
            ("event", event),
            ("body", "Sudah kami periksa di lapangan."),
        ],
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn updates_come_at_once_in_the_persons_language_and_stop_with_one_click() {
    let (sink, app) = app_with_mail().await;
    exec(
        &app,
        "UPDATE users SET email = 'warga@contoh.id' WHERE username = 'warga.denpasar'",
    )
    .await;
    let warga = app.signed_in_as("warga.denpasar").await;
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;

    // Choices are checked: an unknown one, or an officer's kind for a resident.
    let e = app
        .call(&warga, "set_notify_prefs", &[("updates", "hourly")])
        .await
        .unwrap_err();
    assert_eq!(
        (e["field"].as_str(), e["problem"].as_str()),
        (Some("updates"), Some("unknown")),
        "{e}"
    );
    let e = app
        .call(&warga, "set_notify_prefs", &[("desk_new", "now")])
        .await
        .unwrap_err();
    assert_eq!(e["field"].as_str(), Some("notify"), "{e}");
    let e = app
        .call(&warga, "set_notify_prefs", &[("desk_digest", "now")])
        .await
        .unwrap_err();
    assert_eq!(e["field"].as_str(), Some("notify"), "{e}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM notify_prefs").await, 0);
    let (_, page) = app.page(&warga, "/settings").await;
    assert!(page.contains(r#"id="n-updates-now""#), "{page}");
    assert!(
        !page.contains("n-desk_new"),
        "a resident is not offered officers' kinds"
    );

    // An official step on her complaint: an email at once, in Indonesian.
    let id = file(&app, &warga, "Lampu jalan padam sebulan").await;
    step(&app, &officer, id, "verified").await;
    settle(&app).await;
    let got = wait_to(&sink, "warga@contoh.id", 1).await;
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert!(m.text.contains("Lampu jalan padam sebulan"), "{}", m.text);
    assert!(m.text.contains(&format!("{PUBLIC}/complaints/{id}")), "{}", m.text);
    assert!(m.text.contains("Berhenti menerima email seperti ini"), "{}", m.text);
    assert!(
        m.text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{}",
        m.text
    );
    let link = unsubscribe_link(m);
    assert!(link.starts_with(&format!("{PUBLIC}/unsubscribe?u=")), "{link}");

    // In English once she reads the site in English.
    exec(&app, "UPDATE users SET lang = 'en' WHERE username = 'warga.denpasar'").await;
    step(&app, &officer, id, "in_progress").await;
    settle(&app).await;
    let got = wait_to(&sink, "warga@contoh.id", 2).await;
    assert!(got[1].text.contains("Stop emails like this"), "{}", got[1].text);
    assert!(got[1].text.contains("Lampu jalan padam sebulan"));

    // A changed link changes nothing, and says so.
    let local = link.replace(PUBLIC, &app.base);
    let tampered = format!("{}0", &local[..local.len() - 1]);
    let tampered = if tampered == local {
        format!("{}1", &local[..local.len() - 1])
    } else {
        tampered
    };
    let r = reqwest::Client::new()
        .post(&tampered)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let (status, page) = app.page(&browser(), &tampered.replace(&app.base, "")).await;
    assert_eq!(status, 409);
    assert!(page.contains("tidak utuh"), "{page}");
    let query: Vec<(String, String)> = form_urlencoded::parse(tampered.split_once('?').unwrap().1.as_bytes())
        .into_owned()
        .collect();
    let arg = |k: &str| query.iter().find(|(n, _)| n == k).unwrap().1.clone();
    let e = app
        .call(
            &browser(),
            "unsubscribe",
            &[("u", &arg("u")), ("k", &arg("k")), ("s", &arg("s"))],
        )
        .await
        .unwrap_err();
    assert_eq!(
        (code(&e), e["reason"].as_str()),
        ("refused".into(), Some("bad_link")),
        "{e}"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM notify_prefs").await, 0);

    // The page behind the real link asks before it changes anything; a mail
    // program's one-click POST needs no sign-in.
    let (_, page) = app.page(&browser(), &local.replace(&app.base, "")).await;
    assert!(page.contains("Berhenti menerima email ini"), "{page}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM notify_prefs").await, 0);
    let r = reqwest::Client::new()
        .post(&local)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://mail.example")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM notify_prefs WHERE kind = 'updates' AND how = 'site'")
            .await,
        1
    );
    step(&app, &officer, id, "resolved").await;
    settle(&app).await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM outbox WHERE recipient = 'warga@contoh.id'")
            .await,
        2
    );
    // Still told on the site.
    let (_, page) = app.page(&warga, "/notifications").await;
    assert!(page.contains("Lampu jalan padam sebulan"));

    // Settings show the choice, and set it back.
    let (_, page) = app.page(&warga, "/settings").await;
    let site = page.find(r#"id="n-updates-site""#).unwrap();
    assert!(page[site..site + 80].contains("checked"), "{}", &page[site..site + 80]);
    app.call(&warga, "set_notify_prefs", &[("updates", "now")])
        .await
        .unwrap();
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM notify_prefs WHERE kind = 'updates' AND how = 'now'")
            .await,
        1
    );
}

#[tokio::test]
async fn replies_wait_for_the_daily_digest_at_the_local_hour() {
    let (sink, app) = app_with_mail().await;
    let area = app.area_id("Dauh Puri").await;
    let (penulis, tetangga) = (
        resident(&app, "penulis", area).await,
        resident(&app, "tetangga", area).await,
    );
    exec(
        &app,
        "UPDATE users SET email = 'penulis@contoh.id', lang = 'en' WHERE username = 'penulis'",
    )
    .await;
    let area_s = area.to_string();
    let cat = category(&app, "infrastruktur").await;
    app.call(
        &penulis,
        "create_thread",
        &[
            ("title", "Got mampet di Jalan Sudirman"),
            ("body", "Setiap hujan air meluap ke jalan. Siapa yang bisa membantu?"),
            ("area_id", &area_s),
            ("category_id", &cat),
        ],
    )
    .await
    .unwrap();
    let thread = app
        .scalar("SELECT MAX(id) FROM threads WHERE usulan_id IS NULL")
        .await
        .to_string();
    for body in ["Saya juga melihatnya kemarin.", "Sudah saya laporkan ke kelurahan."] {
        app.call(&tetangga, "reply", &[("thread_id", &thread), ("body", body)])
            .await
            .unwrap();
    }
    settle(&app).await;
    // Nothing yet: replies go in the daily digest by default, planned for the
    // next 07:00 in Denpasar (UTC+8).
    assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox").await, 0);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM notifications WHERE mail = 2").await, 2);
    let due = app
        .scalar("SELECT d.due_at FROM digests d JOIN users u ON u.id = d.user_id WHERE u.username = 'penulis'")
        .await;
    let now = app::server::time::now();
    assert!(due > now && due <= now + 86_400, "{due} {now}");
    assert_eq!((due + 8 * 3_600) % 86_400, 7 * 3_600, "07:00 WITA");
    assert_eq!(
        app::server::notify::send_digests(app.db(), &app.state.config)
            .await
            .unwrap(),
        0
    );

    // The hour comes: one email with both, in English.
    exec(&app, "UPDATE digests SET due_at = 0").await;
    app::server::notify::send_digests(app.db(), &app.state.config)
        .await
        .unwrap();
    let got = wait_to(&sink, "penulis@contoh.id", 1).await;
    assert_eq!(got.len(), 1);
    let text = &got[0].text;
    assert!(text.contains("Subject: Your Rembuk daily digest (2)"), "{text}");
    assert!(text.matches("Got mampet di Jalan Sudirman").count() >= 2, "{text}");
    assert!(text.contains("List-Unsubscribe: <"), "{text}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM notifications WHERE mail = 2").await, 0);
    // Its link stops the digest: every kind that goes in it.
    let stop = unsubscribe_link(&got[0]);
    assert!(stop.contains("&k=daily&"), "{stop}");
    let r = reqwest::Client::new()
        .post(stop.replace(PUBLIC, &app.base))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM notify_prefs p JOIN users u ON u.id = p.user_id \
             WHERE u.username = 'penulis' AND p.kind = 'replies' AND p.how = 'site'"
        )
        .await,
        1
    );
    // Nothing more waits, so no digest is planned until something does.
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM digests d JOIN users u ON u.id = d.user_id WHERE u.username = 'penulis'")
            .await,
        0
    );
}

/// A gateway for the tests: answers `status` and keeps what it was sent.
async fn gateway(status: u16) -> (String, Arc<Mutex<Vec<(String, String, String)>>>) {
    use axum::http::HeaderMap;
    let kept: Arc<Mutex<Vec<(String, String, String)>>> = Arc::default();
    let k = kept.clone();
    let handler = move |headers: HeaderMap, body: String| {
        let k = k.clone();
        async move {
            let h = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
            k.lock()
                .unwrap()
                .push((h("x-rembuk-event"), h("x-rembuk-signature"), body));
            axum::http::StatusCode::from_u16(status).unwrap()
        }
    };
    let router = axum::Router::new().route("/hook", axum::routing::post(handler));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    (url, kept)
}

#[tokio::test]
async fn officers_are_alerted_reminded_and_missed_deadlines_escalate() {
    let (sink, app) = app_with_mail().await;
    exec(
        &app,
        "UPDATE users SET email = 'petugas@contoh.id' WHERE username = 'petugas.pupr.denpasar'",
    )
    .await;
    exec(
        &app,
        "UPDATE users SET email = 'admin@contoh.id' WHERE username = 'admin'",
    )
    .await;
    let admin = app.signed_in_as("admin").await;
    let warga = app.signed_in_as("warga.denpasar").await;
    let pupr = app
        .scalar("SELECT id FROM agencies WHERE name LIKE 'Dinas Pekerjaan Umum%Denpasar'")
        .await;
    let (pupr_s, den_s) = (pupr.to_string(), app.area_id("Kota Denpasar").await.to_string());

    // The agency's webhook: bad input is refused, and nothing is stored.
    let secret = "rahasia-gerbang-sms-2026";
    for (url, key, field) in [
        ("ftp://gateway", secret, "hook_url"),
        ("https://", secret, "hook_url"),
        ("https://gateway.example/hook", "pendek", "hook_secret"),
    ] {
        let e = app
            .call(
                &admin,
                "set_hook",
                &[
                    ("area_id", &den_s),
                    ("agency_id", &pupr_s),
                    ("hook_url", url),
                    ("hook_secret", key),
                ],
            )
            .await
            .unwrap_err();
        assert_eq!(e["field"].as_str(), Some(field), "{url}: {e}");
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM agency_hooks").await, 0);
    let (hook, calls) = gateway(200).await;
    app.call(
        &admin,
        "set_hook",
        &[
            ("area_id", &den_s),
            ("agency_id", &pupr_s),
            ("hook_url", &hook),
            ("hook_secret", secret),
        ],
    )
    .await
    .unwrap();
    let (_, page) = app.page(&admin, &format!("/admin/areas?area_id={den_s}")).await;
    assert!(
        page.contains(&hook) && !page.contains(secret),
        "the secret is never shown"
    );

    // The agency's head: an admin grants it; it makes them an officer too.
    let area = app.area_id("Dauh Puri").await;
    let _kepala = resident(&app, "kepala.pupr", area).await;
    exec(
        &app,
        "UPDATE users SET email = 'kepala@contoh.id' WHERE username = 'kepala.pupr'",
    )
    .await;
    app.call(
        &admin,
        "grant_role",
        &[
            ("username", "kepala.pupr"),
            ("role", "head"),
            ("agency_id", &pupr_s),
            ("area_id", ""),
        ],
    )
    .await
    .unwrap();
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = 'kepala.pupr'"
        )
        .await,
        2
    );

    // A new complaint for the agency: its officers hear of it at once, and
    // the webhook is called, signed.
    let id = file(&app, &warga, "Trotoar amblas di depan sekolah").await;
    settle(&app).await;
    let got = wait_to(&sink, "petugas@contoh.id", 1).await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].text.contains("Pengaduan baru untuk instansi Anda"),
        "{}",
        got[0].text
    );
    assert!(got[0].text.contains("Trotoar amblas di depan sekolah"));
    assert!(!got[0].text.contains("Warga Denpasar"), "the complainant is not named");
    app::server::hooks::deliver_due(app.db(), &app::server::hooks::client())
        .await
        .unwrap();
    let c = calls.lock().unwrap().clone();
    let (event, signature, body) = c
        .iter()
        .find(|(e, _, _)| e == "desk_new")
        .cloned()
        .expect("a desk_new call");
    assert_eq!(event, "desk_new");
    assert_eq!(signature, app::server::hooks::signature(secret, &body));
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["complaint_id"], id);
    assert_eq!(v["url"], format!("{PUBLIC}/complaints/{id}"));

    // A working day before the first-response deadline: a reminder, in the
    // officer's language.
    exec(
        &app,
        "UPDATE users SET lang = 'en' WHERE username = 'petugas.pupr.denpasar'",
    )
    .await;
    let now = app::server::time::now();
    app::server::deadlines::remind(app.db(), &app.state.config, now)
        .await
        .unwrap();
    let remind_at = app
        .scalar(&format!(
            "SELECT remind_at FROM service_items WHERE subject = 'complaint' AND subject_id = {id}"
        ))
        .await;
    let due_at = app
        .scalar(&format!(
            "SELECT due_at FROM service_items WHERE subject = 'complaint' AND subject_id = {id}"
        ))
        .await;
    assert!(remind_at > now && remind_at < due_at, "{now} {remind_at} {due_at}");
    assert_eq!(
        app::server::deadlines::remind(app.db(), &app.state.config, remind_at)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        app::server::deadlines::remind(app.db(), &app.state.config, remind_at + 60)
            .await
            .unwrap(),
        0,
        "once"
    );
    settle(&app).await;
    let got = wait_to(&sink, "petugas@contoh.id", 2).await;
    assert!(
        got.iter().any(|m| m.text.contains("Due within one working day")),
        "{got:?}"
    );

    // The deadline passes unanswered: the head and the admins are told, the
    // item and the dashboard show it.
    app::server::dashboard::sweep(app.db(), &app.state.config, due_at + 1)
        .await
        .unwrap();
    settle(&app).await;
    for address in ["kepala@contoh.id", "admin@contoh.id"] {
        let mut tries = 0;
        while to(&sink.messages(), address)
            .iter()
            .all(|m| !m.text.contains("dilaporkan ke kepala instansi"))
        {
            tries += 1;
            assert!(tries < 200, "{address} was not told: {:?}", sink.messages());
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    assert!(to(&sink.messages(), "petugas@contoh.id")
        .iter()
        .all(|m| !m.text.contains("reported to the agency head")));
    let (_, page) = app.page(&browser(), &format!("/complaints/{id}")).await;
    assert!(page.contains("Dilaporkan ke kepala instansi"), "{page}");
    assert!(
        app.scalar(&format!(
            "SELECT CAST(COALESCE(SUM(escalated), 0) AS BIGINT) FROM dashboard_cells WHERE agency_id = {pupr} AND area_id = 0 AND officer_id = 0"
        ))
        .await
            >= 3,
        "counted in the month, quarter and year"
    );
    let (_, page) = app.page(&browser(), "/dashboard").await;
    assert!(page.contains("Dilaporkan ke kepala instansi"), "{page}");

    // The gateway heard of the reminder and the escalation too (queued at
    // the test's future hours: made due now).
    exec(&app, "UPDATE hook_outbox SET next_at = 0 WHERE sent_at IS NULL").await;
    let client = app::server::hooks::client();
    app::server::hooks::deliver_due(app.db(), &client).await.unwrap();
    let events: Vec<String> = calls.lock().unwrap().iter().map(|c| c.0.clone()).collect();
    for e in ["desk_new", "due_soon", "escalated"] {
        assert!(events.iter().any(|x| x == e), "{e}: {events:?}");
    }

    // A gateway that fails is tried again, and after the last try the call
    // is marked failed and shown to admins.
    let (bad, _) = gateway(500).await;
    app.call(
        &admin,
        "set_hook",
        &[
            ("area_id", &den_s),
            ("agency_id", &pupr_s),
            ("hook_url", &bad),
            ("hook_secret", secret),
        ],
    )
    .await
    .unwrap();
    file(&app, &warga, "Saluran air tersumbat").await;
    app::server::hooks::deliver_due(app.db(), &client).await.unwrap();
    let waiting = "SELECT COUNT(*) FROM hook_outbox WHERE sent_at IS NULL AND failed_at IS NULL";
    assert_eq!(app.scalar(waiting).await, 1);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM hook_outbox WHERE last_error = 'answered 500' AND next_at > 0")
            .await,
        1
    );
    exec(
        &app,
        "UPDATE hook_outbox SET attempts = 7, next_at = 0 WHERE sent_at IS NULL",
    )
    .await;
    app::server::hooks::deliver_due(app.db(), &client).await.unwrap();
    assert_eq!(app.scalar(waiting).await, 0);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM hook_outbox WHERE failed_at IS NOT NULL")
            .await,
        1
    );
    let (_, page) = app.page(&admin, "/admin/outbox").await;
    assert!(page.contains("answered 500") && page.contains("desk_new"), "{page}");
    let e = app.call(&warga, "outbox", &[]).await.unwrap_err();
    assert_eq!(code(&e), "forbidden");
}

#[tokio::test]
async fn a_proposal_reaching_its_threshold_alerts_its_agency() {
    let (sink, app) = app_with_mail().await;
    exec(
        &app,
        "UPDATE users SET email = 'petugas@contoh.id' WHERE username = 'petugas.pupr.denpasar'",
    )
    .await;
    // A published proposal in Dauh Puri one support short of its threshold.
    let area = app.area_id("Dauh Puri").await;
    let pengusul = resident(&app, "pengusul", area).await;
    let (area_s, cat) = (area.to_string(), category(&app, "infrastruktur").await);
    app.call(
        &pengusul,
        "create_proposal",
        &[
            ("title", "Lampu jalan di Gang Mawar"),
            ("body", "Gang Mawar gelap sejak Januari. Tiga lampu mati."),
            ("area_id", &area_s),
            ("category_id", &cat),
            ("location", "Gang Mawar"),
            ("publish", "1"),
        ],
    )
    .await
    .unwrap();
    let id = app.scalar("SELECT MAX(id) FROM proposals").await;
    let threshold = app
        .scalar(&format!("SELECT threshold FROM proposals WHERE id = {id}"))
        .await;
    exec(
        &app,
        &format!("UPDATE proposals SET support_count = {} WHERE id = {id}", threshold - 1),
    )
    .await;
    let pendukung = resident(&app, "pendukung", area).await;
    app.call(&pendukung, "support", &[("id", &id.to_string()), ("support", "1")])
        .await
        .unwrap();
    settle(&app).await;
    let got = wait_to(&sink, "petugas@contoh.id", 1).await;
    assert!(
        got.iter()
            .any(|m| m.text.contains("mencapai ambang dukungan") && m.text.contains("Lampu jalan di Gang Mawar")),
        "{got:?}"
    );
}
