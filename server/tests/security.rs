#![allow(clippy::unwrap_used)]
//! The security review of issue 17 (items 7–15 and bootstrapping), tried as
//! an attacker would: each test fails when its defence is taken away. Runs on
//! SQLite, or on PostgreSQL with TEST_DATABASE_URL.
mod common;

use common::*;
use reqwest::header::{ACCEPT, CONTENT_TYPE, ORIGIN, REFERER};
use reqwest::Client;

/// Calls a server function as the hydrated page does, through a proxy that
/// appended `x_forwarded_for`'s last entry (whatever is left of it, the
/// client wrote itself).
async fn call_via(
    app: &TestApp,
    c: &Client,
    x_forwarded_for: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Result<serde_json::Value, serde_json::Value> {
    let r = c
        .post(app.url(&format!("/api/{endpoint}")))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ORIGIN, &app.base)
        .header(ACCEPT, "application/json")
        .header("x-forwarded-for", x_forwarded_for)
        .body(serde_urlencoded(form))
        .send()
        .await
        .unwrap();
    let is_err = r.headers().contains_key("serverfnerror");
    let text = r.text().await.unwrap();
    let v = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
    if is_err {
        Err(v)
    } else {
        Ok(v)
    }
}

fn sign_in_form<'a>(user: &'a str, password: &'a str) -> [(&'a str, &'a str); 3] {
    [("username", user), ("password", password), ("next", "/")]
}

async fn register_via(app: &TestApp, xff: &str, username: &str) -> Result<serde_json::Value, serde_json::Value> {
    let area = app.area_id("Dauh Puri").await.to_string();
    call_via(
        app,
        &browser(),
        xff,
        "register",
        &[
            ("username", username),
            ("display_name", "Warga Baru"),
            ("password", "kata-sandi-baru"),
            ("password_confirm", "kata-sandi-baru"),
            ("home_area_id", &area),
        ],
    )
    .await
}

// ------------------------------------------------------------------ item 7

/// Behind one proxy, the client is the address that proxy appended: a
/// client that writes its own X-Forwarded-For entries on the left is still
/// counted by its real address for sign-ups and wrong passwords.
#[tokio::test]
async fn spoofed_forwarded_for_entries_do_not_escape_per_address_limits() {
    let app = spawn_with(|c| {
        c.trust_proxy = 1;
        c.max_failures_per_client = 3;
        // One window for the whole test: no boundary in the middle of it.
        c.throttle_minutes = 10_000_000;
        c.limits.registrations_per_hour = 2;
    })
    .await;
    let real = "203.0.113.7";
    for i in 0..2 {
        let xff = format!("10.0.{i}.1, {real}");
        register_via(&app, &xff, &format!("palsu.{i}")).await.unwrap();
    }
    for spoof in ["10.0.9.9", "10.0.9.9, 10.0.9.8", "unknown", ""] {
        let xff = if spoof.is_empty() {
            real.to_owned()
        } else {
            format!("{spoof}, {real}")
        };
        let e = register_via(&app, &xff, "palsu.lagi").await.unwrap_err();
        assert_eq!(code(&e), "rate_limited", "{xff}");
    }
    // Another real address is another client.
    register_via(&app, "10.0.9.9, 198.51.100.4", "tetangga").await.unwrap();
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM users WHERE username LIKE 'palsu.%'")
            .await,
        2
    );

    // Wrong passwords for many accounts, each with a new made-up address.
    let users = ["warga.walesi", "warga.plaju", "warga.kotalama"];
    for (i, user) in users.into_iter().enumerate() {
        let xff = format!("192.0.2.{i}, {real}");
        let e = call_via(&app, &browser(), &xff, "sign_in", &sign_in_form(user, "tebak-tebak"))
            .await
            .unwrap_err();
        assert_eq!(code(&e), "wrong_credentials");
    }
    let e = call_via(
        &app,
        &browser(),
        &format!("192.0.2.200, {real}"),
        "sign_in",
        &sign_in_form("warga.sawahlunto", "tebak-tebak"),
    )
    .await
    .unwrap_err();
    assert_eq!(code(&e), "throttled");
}

/// With two proxies the client is the second entry from the right.
#[tokio::test]
async fn the_hop_count_picks_the_entry_the_first_proxy_added() {
    let app = spawn_with(|c| {
        c.trust_proxy = 2;
        c.limits.registrations_per_hour = 1;
    })
    .await;
    register_via(&app, "1.1.1.1, 203.0.113.7, 10.0.0.2", "dua.hop")
        .await
        .unwrap();
    // Same client (the second from the right), other spoofed and proxy parts.
    let e = register_via(&app, "8.8.8.8, 203.0.113.7, 10.0.0.3", "dua.hop.lagi")
        .await
        .unwrap_err();
    assert_eq!(code(&e), "rate_limited");
}

// ------------------------------------------------------------------ item 8

/// Twenty wrong passwords at once for one account: only the free attempts
/// reach Argon2, the rest wait, and no more Argon2 hashes run at once than
/// there are cores.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_wrong_sign_ins_passes_no_more_than_the_limit() {
    let app = spawn_with(|c| c.max_failures_per_account = 5).await;
    let burst: Vec<_> = (0..20)
        .map(|_| {
            let base = app.base.clone();
            tokio::spawn(async move {
                let r = browser()
                    .post(format!("{base}/api/sign_in"))
                    .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(ORIGIN, &base)
                    .header(ACCEPT, "application/json")
                    .body(serde_urlencoded(&sign_in_form("warga.walesi", "salah-salah")))
                    .send()
                    .await
                    .unwrap();
                let v: serde_json::Value = r.json().await.unwrap();
                code(&v)
            })
        })
        .collect();
    let mut codes = Vec::new();
    for h in burst {
        codes.push(h.await.unwrap());
    }
    let wrong = codes.iter().filter(|c| *c == "wrong_credentials").count();
    let throttled = codes.iter().filter(|c| *c == "throttled").count();
    assert_eq!((wrong, throttled), (5, 15), "{codes:?}");
    assert!(
        app::server::secrets::argon2_peak() <= app::server::secrets::argon2_concurrency(),
        "{} hashes at once",
        app::server::secrets::argon2_peak()
    );
}

/// Twenty replies at once from an account allowed three: three are written.
/// A write that fails after passing the limit gives its count back.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_writes_passes_no_more_than_the_limit() {
    let app = spawn_with(|c| {
        c.limits.posts = 3;
        c.limits.client_factor = 100;
        // One window for the whole test: no boundary in the middle of it.
        c.limits.window_secs = 1_000_000_000;
    })
    .await;
    let c = app.signed_in_as("warga.denpasar").await;
    let before = app.scalar("SELECT COUNT(*) FROM posts").await;
    let burst: Vec<_> = (0..20)
        .map(|i| {
            let (base, c) = (app.base.clone(), c.clone());
            tokio::spawn(async move {
                let r = c
                    .post(format!("{base}/api/reply"))
                    .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(ORIGIN, &base)
                    .header(ACCEPT, "application/json")
                    .body(serde_urlencoded(&[
                        ("thread_id", "3"),
                        ("body", &format!("Balasan serentak nomor {i}")),
                    ]))
                    .send()
                    .await
                    .unwrap();
                let failed = r.headers().contains_key("serverfnerror");
                let v: serde_json::Value = r.json().await.unwrap_or_default();
                if failed {
                    code(&v)
                } else {
                    "ok".to_owned()
                }
            })
        })
        .collect();
    let mut codes = Vec::new();
    for h in burst {
        codes.push(h.await.unwrap());
    }
    let ok = codes.iter().filter(|c| *c == "ok").count();
    assert_eq!(ok, 3, "{codes:?}");
    assert!(codes.iter().all(|c| c == "ok" || c == "rate_limited"), "{codes:?}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM posts").await, before + 3);

    // A failed write is not counted: one reply allowed, a reply to a thread
    // that does not exist fails after the limit let it through, and the
    // allowed reply still passes.
    let app = spawn_with(|c| {
        c.limits.posts = 1;
        c.limits.client_factor = 100;
        c.limits.window_secs = 1_000_000_000;
    })
    .await;
    let c = app.signed_in_as("warga.denpasar").await;
    for _ in 0..3 {
        let e = app
            .call(&c, "reply", &[("thread_id", "424242"), ("body", "Ke mana ini?")])
            .await
            .unwrap_err();
        assert_eq!(code(&e), "not_found");
    }
    app.call(&c, "reply", &[("thread_id", "3"), ("body", "Yang ini sampai.")])
        .await
        .unwrap();
    let e = app
        .call(&c, "reply", &[("thread_id", "3"), ("body", "Yang ini tidak.")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "rate_limited");
}

// ------------------------------------------------------------------ item 9

/// Someone guessing an admin's password from elsewhere never keeps the
/// admin out: the right password from the admin's own address gets in. The
/// guesser waits longer after each further try.
#[tokio::test]
async fn wrong_passwords_elsewhere_never_keep_the_owner_out() {
    let app = spawn_with(|c| c.trust_proxy = 1).await;
    let attacker = "203.0.113.66";
    let mut codes = Vec::new();
    for _ in 0..12 {
        let e = call_via(
            &app,
            &browser(),
            attacker,
            "sign_in",
            &sign_in_form("admin", "tebakan-1"),
        )
        .await
        .unwrap_err();
        codes.push(code(&e));
    }
    assert_eq!(codes.iter().filter(|c| *c == "wrong_credentials").count(), 5);
    assert_eq!(codes.iter().filter(|c| *c == "throttled").count(), 7);
    // Even the right password waits from the guesser's address…
    let e = call_via(
        &app,
        &browser(),
        attacker,
        "sign_in",
        &sign_in_form("admin", DEMO_PASSWORD),
    )
    .await
    .unwrap_err();
    assert_eq!(code(&e), "throttled");
    // …but not from the owner's.
    let owner = browser();
    call_via(
        &app,
        &owner,
        "198.51.100.20",
        "sign_in",
        &sign_in_form("admin", DEMO_PASSWORD),
    )
    .await
    .unwrap();
    let (_, html) = app.page(&owner, "/admin").await;
    assert!(html.contains("class=\"me\""), "the owner is signed in");

    // The pauses grow: once the first one is over, one try passes, and the
    // next waits twice as long.
    let key = format!("admin {attacker}");
    let pause = |app: &TestApp| {
        let key = key.clone();
        let pool = app.db().pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT delay FROM signin_throttle WHERE key = $1")
                .bind(key)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(pause(&app).await, 60);
    sqlx::query("UPDATE signin_throttle SET next_at = next_at - 61 WHERE key = $1")
        .bind(&key)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let e = call_via(
        &app,
        &browser(),
        attacker,
        "sign_in",
        &sign_in_form("admin", "tebakan-2"),
    )
    .await
    .unwrap_err();
    assert_eq!(code(&e), "wrong_credentials");
    assert_eq!(pause(&app).await, 120);
    let e = call_via(
        &app,
        &browser(),
        attacker,
        "sign_in",
        &sign_in_form("admin", "tebakan-3"),
    )
    .await
    .unwrap_err();
    assert_eq!(code(&e), "throttled");
    assert!(e["minutes"].as_u64().unwrap() >= 2, "{e}");
}

// ----------------------------------------------------------------- item 10

/// A `next` with a tab (the issue's `/%09/other.example` in the sign-in
/// link) or a Referer whose path starts with `//` never sends the browser
/// to another site.
#[tokio::test]
async fn redirects_after_sign_in_and_back_to_the_form_stay_on_this_site() {
    let app = spawn().await;
    let (_, html) = app.page(&browser(), "/signin?next=%2F%09%2Fother.example").await;
    assert!(html.contains("name=\"next\""));
    for next in [
        "/\t/other.example",
        "//other.example",
        "/\\other.example",
        "/%2F/other.example",
    ] {
        let c = browser();
        let r = app
            .post_form(
                &c,
                "sign_in",
                "/signin",
                &[
                    ("username", "warga.walesi"),
                    ("password", DEMO_PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(r.status(), 302, "{next:?}");
        assert_eq!(r.headers()["location"], "/", "{next:?}");
    }
    // A failed form goes back to the Referer's path, never to `//host`.
    let c = browser();
    let r = c
        .post(app.url("/api/sign_in"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ACCEPT, "text/html")
        .header(ORIGIN, &app.base)
        .header(REFERER, format!("{}//other.example/signin", app.base))
        .body(serde_urlencoded(&sign_in_form("warga.walesi", "salah-sekali")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/");
    let r = app
        .post_form(
            &c,
            "sign_in",
            "/signin?next=%2Fsettings",
            &sign_in_form("warga.walesi", "salah"),
        )
        .await;
    assert_eq!(r.headers()["location"], "/signin?next=%2Fsettings");
}

// ----------------------------------------------------------------- item 11

/// A failed no-JS form is kept bounded in size, one per browser, only for
/// the session that sent it, and only so many per client address.
#[tokio::test]
async fn kept_forms_are_bounded_bound_to_their_browser_and_limited() {
    let app = spawn_with(|c| {
        c.limits.flashes = 5;
        c.limits.window_secs = 1_000_000_000;
    })
    .await;
    let c = app.signed_in_as("warga.denpasar").await;
    // Six fields of 20,000 characters (as much as a post's body): more than
    // is kept of one form.
    let big = "x".repeat(20_000);
    let mut form = vec![("thread_id", "3"), ("body", "")];
    let names = ["a", "b", "c", "d", "e", "f"];
    form.extend(names.iter().map(|n| (*n, big.as_str())));
    let r = app.post_form(&c, "reply", "/t/3", &form).await;
    assert_eq!(r.status(), 303);
    let size = app
        .scalar("SELECT CAST(LENGTH(fields) AS BIGINT) FROM form_flash")
        .await;
    assert!(size <= 97 * 1024, "{size} bytes kept");
    let r = app
        .post_form(&c, "reply", "/t/3", &[("thread_id", "3"), ("body", "")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM form_flash").await,
        1,
        "one kept form per browser"
    );
    let token = set_cookies(&r)
        .into_iter()
        .find(|v| v.starts_with("rembuk_flash="))
        .unwrap();
    let token = token["rembuk_flash=".len()..].split(';').next().unwrap().to_owned();
    let stored: String = sqlx::query_scalar("SELECT id FROM form_flash")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_ne!(stored, token, "the table holds a hash, not the cookie");
    // Someone else with the cookie value (signed out, or in another
    // session) reads nothing, and leaves it for its owner.
    for other in [reqwest::Client::new(), app.signed_in_as("warga.plaju").await] {
        let html = other
            .get(app.url("/t/3"))
            .header(ACCEPT, "text/html")
            .header("cookie", format!("rembuk_flash={token}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!html.contains("id=\"f-body-err\""));
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM form_flash").await, 1);
    // The owner's next page view shows it, and it is gone.
    let (_, html) = app.page(&c, "/t/3").await;
    assert!(html.contains("id=\"f-body-err\""), "the error came back");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM form_flash").await, 0);

    // Failed forms of one address: the fifth in the window is the last kept.
    for status in [303, 303, 303, 429] {
        let r = app
            .post_form(&browser(), "sign_in", "/signin", &sign_in_form("warga.walesi", "salah"))
            .await;
        assert_eq!(r.status(), status);
        if status == 429 {
            assert!(r.text().await.unwrap().contains("Terlalu banyak formulir gagal"));
        }
    }

    // Expired ones are swept.
    sqlx::query("UPDATE form_flash SET created_at = created_at - 601")
        .execute(&app.db().pool)
        .await
        .unwrap();
    app::server::sweep::expired(app.db(), app::server::time::now())
        .await
        .unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM form_flash").await, 0);
}

// ----------------------------------------------------------------- item 12

async fn suspend(app: &TestApp, by: &Client, username: &str, action: &str, days: &str) {
    app.call(
        by,
        "suspend",
        &[
            ("username", username),
            ("action", action),
            ("reason", "Spam berulang"),
            ("days", days),
        ],
    )
    .await
    .unwrap();
}

async fn account(app: &TestApp, username: &str) -> (Option<i64>, i64) {
    sqlx::query_as("SELECT suspended_until, banned FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
}

/// Granting an old appeal against a suspension does not lift a later ban,
/// nor a later, longer suspension; with nothing later, it lifts its own.
#[tokio::test]
async fn granting_an_old_appeal_undoes_only_its_own_action() {
    let app = spawn().await;
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let admin = app.signed_in_as("admin").await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let appeal_last = |app: &TestApp| {
        let app_pool = app.db().pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT MAX(id) FROM mod_log WHERE action IN ('suspend', 'ban')")
                .fetch_one(&app_pool)
                .await
                .unwrap()
                .to_string()
        }
    };

    // A suspension, appealed; then an admin bans; then the appeal is granted.
    suspend(&app, &moderator, "warga.denpasar", "suspend", "3").await;
    let first = appeal_last(&app).await;
    app.call(&resident, "appeal", &[("id", &first), ("reason", "Bukan saya")])
        .await
        .unwrap();
    suspend(&app, &admin, "warga.denpasar", "ban", "").await;
    decide(&app, &admin, &first).await;
    assert_eq!(account(&app, "warga.denpasar").await.1, 1, "the later ban stands");

    // A suspension, appealed; a later, longer one; the first appeal granted.
    let app = spawn().await;
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let admin = app.signed_in_as("admin").await;
    let resident = app.signed_in_as("warga.denpasar").await;
    suspend(&app, &moderator, "warga.denpasar", "suspend", "2").await;
    let first = appeal_last(&app).await;
    app.call(&resident, "appeal", &[("id", &first), ("reason", "Bukan saya")])
        .await
        .unwrap();
    suspend(&app, &admin, "warga.denpasar", "suspend", "30").await;
    let until = account(&app, "warga.denpasar").await.0;
    assert!(until.is_some());
    decide(&app, &admin, &first).await;
    assert_eq!(
        account(&app, "warga.denpasar").await.0,
        until,
        "the later suspension stands"
    );

    // Nothing later: granting the appeal lifts the suspension it was about.
    let newcomer = resident_in(&app, "warga.baru", "Dauh Puri").await;
    suspend(&app, &moderator, "warga.baru", "suspend", "2").await;
    let only = appeal_last(&app).await;
    app.call(&newcomer, "appeal", &[("id", &only), ("reason", "Bukan saya")])
        .await
        .unwrap();
    decide(&app, &admin, &only).await;
    assert_eq!(account(&app, "warga.baru").await, (None, 0));
}

async fn decide(app: &TestApp, by: &Client, id: &str) {
    app.call(
        by,
        "decide_appeal",
        &[("id", id), ("outcome", "reversed"), ("reason", "Salah orang")],
    )
    .await
    .unwrap();
}

async fn resident_in(app: &TestApp, username: &str, area: &str) -> Client {
    let area = app.area_id(area).await;
    resident(app, username, area).await
}

// ----------------------------------------------------------------- item 13

const HOSTILE: &str = "</textarea><script>alert(1)</script>";
const ESCAPED: &str = "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;";

/// Every form's text box that shows a failed form's text again prints it
/// escaped: a flashed `</textarea><script>` stays text.
#[tokio::test]
async fn flashed_text_in_every_textarea_comes_back_escaped() {
    let app = spawn().await;
    // The flag form's note (a reason that does not exist fails the form).
    let resident = app.signed_in_as("warga.kotalama").await;
    let post = app
        .scalar("SELECT MIN(id) FROM posts WHERE thread_id = 3")
        .await
        .to_string();
    let r = app
        .post_form(
            &resident,
            "flag",
            "/t/3",
            &[("kind", "post"), ("id", &post), ("reason", "bogus"), ("note", HOSTILE)],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.page(&resident, "/t/3").await;
    assert!(html.contains(ESCAPED), "flag note escaped");
    assert!(!html.contains(HOSTILE), "flag note raw");

    // A moderator's redaction text (no reason fails the form).
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let denpasar_thread = app
        .scalar("SELECT MIN(t.id) FROM threads t JOIN areas a ON a.id = t.area_id WHERE a.name = 'Kota Denpasar'")
        .await;
    let opening = app
        .scalar(&format!(
            "SELECT MIN(id) FROM posts WHERE thread_id = {denpasar_thread}"
        ))
        .await
        .to_string();
    // Redaction has a page of its own, which starts from the text.
    let path = format!("/moderation?redact=post-{opening}");
    let r = app
        .post_form(
            &moderator,
            "moderate",
            &path,
            &[
                ("kind", "post"),
                ("id", &opening),
                ("action", "redact"),
                ("reason", ""),
                ("text", HOSTILE),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.page(&moderator, &path).await;
    assert!(html.contains(ESCAPED), "redaction text escaped");
    assert!(!html.contains(HOSTILE), "redaction text raw");

    // An appeal's reason (too long fails the form).
    let admin = app.signed_in_as("admin").await;
    suspend(&app, &admin, "warga.walesi", "suspend", "2").await;
    let action = app.scalar("SELECT MAX(id) FROM mod_log").await;
    let walesi = app.signed_in_as("warga.walesi").await;
    let long = format!("{HOSTILE}{}", "x".repeat(600));
    let entry = format!("/moderation/log/{action}");
    let r = app
        .post_form(
            &walesi,
            "appeal",
            &entry,
            &[("id", &action.to_string()), ("reason", &long)],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.page(&walesi, &entry).await;
    assert!(html.contains(ESCAPED), "appeal reason escaped");
    assert!(!html.contains(HOSTILE), "appeal reason raw");

    // The SKM rating's comment (no answers fails the form), on the demo's
    // accepted proposal, which its author may rate.
    let proposal = app
        .scalar("SELECT id FROM proposals WHERE title LIKE 'Lampu penerangan%'")
        .await
        .to_string();
    let author = app.signed_in_as("warga.denpasar").await;
    let page = format!("/proposals/{proposal}");
    let mut form = vec![("subject", "proposal"), ("id", proposal.as_str()), ("comment", HOSTILE)];
    let units = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];
    form.extend(units.iter().map(|u| (*u, "")));
    let r = app.post_form(&author, "rate", &page, &form).await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.page(&author, &page).await;
    assert!(html.contains(ESCAPED), "rating comment escaped");
    assert!(!html.contains(HOSTILE), "rating comment raw");
}

// ----------------------------------------------------------------- item 14

/// Writes another site may have sent are refused: `Sec-Fetch-Site:
/// cross-site`, and a write carrying a session cookie with neither Origin
/// nor Referer.
#[tokio::test]
async fn cross_site_writes_are_refused() {
    let app = spawn().await;
    let c = app.signed_in_as("warga.denpasar").await;
    let before = app.scalar("SELECT COUNT(*) FROM posts").await;
    let reply = serde_urlencoded(&[("thread_id", "3"), ("body", "Dikirim dari situs lain")]);
    let bare = c
        .post(app.url("/api/reply"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(reply.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 403, "session cookie, no Origin, no Referer");
    let marked = c
        .post(app.url("/api/reply"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ORIGIN, &app.base)
        .header("sec-fetch-site", "cross-site")
        .body(reply.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(marked.status(), 403, "Sec-Fetch-Site: cross-site");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM posts").await, before);
    // The same write from this site passes (Referer only, as old browsers
    // send it; and Sec-Fetch-Site same-origin).
    let ok = c
        .post(app.url("/api/reply"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ACCEPT, "application/json")
        .header(REFERER, app.url("/t/3"))
        .header("sec-fetch-site", "same-origin")
        .body(reply)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM posts").await, before + 1);
    // Without a session there is nothing to ride on: a sign-in from a
    // script without either header still works.
    let r = browser()
        .post(app.url("/api/sign_in"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(serde_urlencoded(&sign_in_form("warga.plaju", DEMO_PASSWORD)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

// ----------------------------------------------------------------- item 15

fn set_cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

/// Over https: HSTS on every response, and cookies named `__Host-…` with
/// Secure and Path=/; over plain http neither.
#[tokio::test]
async fn https_sites_send_hsts_and_host_prefixed_cookies() {
    let plain = spawn().await;
    let r = browser().get(plain.url("/")).send().await.unwrap();
    assert!(!r.headers().contains_key("strict-transport-security"));

    let app = spawn_with(|c| c.cookie_secure = true).await;
    let r = browser().get(app.url("/")).send().await.unwrap();
    let hsts = r.headers()["strict-transport-security"].to_str().unwrap();
    assert!(hsts.contains("max-age=31536000"), "{hsts}");
    let r = browser()
        .post(app.url("/api/sign_in"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(serde_urlencoded(&sign_in_form("warga.plaju", DEMO_PASSWORD)))
        .send()
        .await
        .unwrap();
    let cookies = set_cookies(&r);
    let session = cookies
        .iter()
        .find(|c| c.starts_with("__Host-rembuk_session="))
        .unwrap_or_else(|| panic!("{cookies:?}"));
    assert!(session.contains("; Secure") && session.contains("Path=/") && !session.contains("Domain"));
    assert!(cookies.iter().all(|c| c.starts_with("__Host-")), "{cookies:?}");
    // The prefixed cookie is the one read; the bare name is not.
    let token = session["__Host-rembuk_session=".len()..].split(';').next().unwrap();
    for (name, signed_in) in [("__Host-rembuk_session", true), ("rembuk_session", false)] {
        let html = reqwest::Client::new()
            .get(app.url("/"))
            .header("cookie", format!("{name}={token}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(html.contains("class=\"me\""), signed_in, "{name}");
    }
}

/// Wrong current passwords when changing one's password are counted and
/// throttled like sign-ins.
#[tokio::test]
async fn changing_the_password_counts_wrong_attempts() {
    let app = spawn_with(|c| c.max_failures_per_account = 3).await;
    let c = app.signed_in_as("warga.kotalama").await;
    let change = |current: &'static str| {
        [
            ("current_password", current),
            ("new_password", "apel-malang-9"),
            ("new_password_confirm", "apel-malang-9"),
        ]
    };
    for _ in 0..3 {
        let e = app
            .call(&c, "change_password", &change("tebak-tebak"))
            .await
            .unwrap_err();
        assert_eq!(e["problem"], "wrong_password");
    }
    let e = app
        .call(&c, "change_password", &change(DEMO_PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(code(&e), "throttled");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM users WHERE username = 'warga.kotalama' AND password_hash LIKE '%'")
            .await,
        1
    );
}

/// A session unused for longer than the idle period ends; one in use goes
/// on.
#[tokio::test]
async fn idle_sessions_end() {
    let app = spawn_with(|c| c.session_idle_days = 7).await;
    let idle = app.signed_in_as("warga.walesi").await;
    let busy = app.signed_in_as("warga.plaju").await;
    let now = app::server::time::now();
    sqlx::query(
        "UPDATE sessions SET last_seen_at = $1 WHERE user_id = (SELECT id FROM users WHERE username = 'warga.walesi')",
    )
    .bind(now - 8 * 86_400)
    .execute(&app.db().pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE sessions SET last_seen_at = $1 WHERE user_id = (SELECT id FROM users WHERE username = 'warga.plaju')",
    )
    .bind(now - 6 * 86_400)
    .execute(&app.db().pool)
    .await
    .unwrap();
    let (status, _) = app.page(&idle, "/settings").await;
    assert_eq!(status, 302, "the idle session ended");
    let (status, _) = app.page(&busy, "/settings").await;
    assert_eq!(status, 200);
    // Using it moved its last use to now.
    let seen = app
        .scalar(
            "SELECT last_seen_at FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'warga.plaju')",
        )
        .await;
    assert!(seen >= now - 5, "{seen} < {now}");
}

/// Exports of the record and searches are limited per client address.
#[tokio::test]
async fn exports_and_searches_are_limited_per_client() {
    let app = spawn_with(|c| {
        c.trust_proxy = 1;
        c.limits.exports = 2;
        c.limits.searches = 2;
        c.limits.window_secs = 1_000_000_000;
    })
    .await;
    let get = |path: &'static str, addr: &'static str| {
        let url = app.url(path);
        async move {
            reqwest::Client::new()
                .get(url)
                .header("x-forwarded-for", addr)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(get("/record.json", "203.0.113.1").await, 200);
    assert_eq!(get("/record.csv", "203.0.113.1").await, 200);
    assert_eq!(get("/record.json", "203.0.113.1").await, 429);
    assert_eq!(get("/record.csv", "203.0.113.1").await, 429);
    assert_eq!(get("/record.json", "203.0.113.2").await, 200);

    let c = browser();
    for _ in 0..2 {
        call_via(&app, &c, "203.0.113.1", "search", &[("q", "jalan")])
            .await
            .unwrap();
    }
    let e = call_via(&app, &c, "203.0.113.1", "search", &[("q", "jalan")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "rate_limited");
    assert_eq!(get("/search?q=jalan", "203.0.113.1").await, 429);
    call_via(&app, &c, "203.0.113.2", "search", &[("q", "jalan")])
        .await
        .unwrap();
}

// ----------------------------------------------------------- bootstrapping

/// Every page of a demo site says so, in both languages.
#[tokio::test]
async fn a_demo_site_says_so_on_every_page() {
    let app = spawn().await;
    for path in ["/", "/proposals", "/signin", "/t/3", "/record", "/nothing-here"] {
        let (_, html) = app.page(&browser(), path).await;
        assert!(html.contains("Situs demo: akun demo terbuka untuk semua"), "{path}");
    }
    let c = browser();
    app.call(&c, "set_language", &[("lang", "en")]).await.unwrap();
    let (_, html) = app.page(&c, "/").await;
    assert!(html.contains("Demo site: demo accounts are open to all"));
}

/// The real binary, serving without `--demo` on an empty database, creates
/// no account and says nothing of a demo.
#[test]
fn serving_without_demo_creates_no_accounts() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let url = tokio::runtime::Runtime::new().unwrap().block_on(database_url(&dir));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env("DATABASE_URL", &url)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .env_remove("REMBUK_LOG_FORMAT")
        .env_remove("REMBUK_ADMIN_PASSWORD")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let addr = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.split("listening on http://").nth(1).map(|a| a.trim().to_owned()))
        .expect("server started");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (html, users, meta) = rt.block_on(async {
        let html = reqwest::get(format!("http://{addr}/"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&pool)
            .await
            .unwrap();
        let meta: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meta WHERE key = 'demo_data'")
            .fetch_one(&pool)
            .await
            .unwrap();
        (html, users, meta)
    });
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(users, 0, "no account without --demo");
    assert_eq!(meta, 0);
    assert!(!html.contains("Situs demo"), "no demo banner");
}
