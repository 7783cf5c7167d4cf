#![allow(clippy::unwrap_used)]
//! The foundation, end to end over HTTP against the real router: accounts,
//! sessions, throttling, roles, languages, pages, and the request layers.
mod common;
use common::*;

fn field(v: &serde_json::Value) -> (String, String) {
    (
        v["field"].as_str().unwrap_or("").into(),
        v["problem"].as_str().unwrap_or("").into(),
    )
}

#[tokio::test]
async fn health_check_reports_the_database() {
    let app = spawn().await;
    let (status, body) = app.page(&browser(), "/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok\n"));
}

#[tokio::test]
async fn home_lists_the_provinces_in_indonesian_by_default_and_english_on_request() {
    let app = spawn().await;
    let (status, html) = app.page(&browser(), "/").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"id\""), "{}", &html[..200]);
    for place in [
        "Bali",
        "Jawa Timur",
        "Papua Pegunungan",
        "Sumatera Barat",
        "Sumatera Selatan",
        "Cari kelurahan atau desa Anda",
    ] {
        assert!(html.contains(place), "home page lacks {place}");
    }
    // Not the tree below them: a visitor steps down or searches.
    assert!(!html.contains("Kotalama"));
    assert!(html.contains("Aktivitas terbaru"));
    let c = browser();
    app.call(&c, "set_language", &[("lang", "en")]).await.unwrap();
    let (_, html) = app.page(&c, "/").await;
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Recent activity") && html.contains("Sign in"));
}

#[tokio::test]
async fn area_pages_show_their_place_in_the_tree_and_unknown_ones_are_404() {
    let app = spawn().await;
    let plaju = app.area_id("Plaju").await;
    let (status, html) = app.page(&browser(), &format!("/area/{plaju}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Kota Palembang") && html.contains("Sumatera Selatan") && html.contains("Plaju Ulu"));
    assert!(
        html.contains("Dinas Kesehatan Kota Palembang"),
        "agencies of the city serve its districts"
    );
    for bad in ["/area/999999", "/area/abc", "/area/-1", "/no-such-page"] {
        let (status, html) = app.page(&browser(), bad).await;
        assert_eq!(status, 404, "{bad}");
        assert!(html.contains("Halaman tidak ditemukan"), "{bad}");
    }
}

#[tokio::test]
async fn registering_signs_the_person_in_and_counts_them_in_their_area() {
    let app = spawn().await;
    let kotalama = app.area_id("Kotalama").await;
    let before = app
        .scalar(&format!("SELECT resident_count FROM areas WHERE id = {kotalama}"))
        .await;
    let c = browser();
    let id = kotalama.to_string();
    app.call(
        &c,
        "register",
        &[
            ("username", "Dewi.R"),
            ("display_name", "  Dewi   Rahayu "),
            ("password", "kopi-malang-7"),
            ("password_confirm", "kopi-malang-7"),
            ("home_area_id", &id),
        ],
    )
    .await
    .unwrap();
    let (_, html) = app.page(&c, "/").await;
    assert!(html.contains("Dewi Rahayu"), "header shows the new person");
    assert_eq!(
        app.scalar(&format!("SELECT resident_count FROM areas WHERE id = {kotalama}"))
            .await,
        before + 1
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM users WHERE username_key = 'dewi.r' AND display_name = 'Dewi Rahayu'")
            .await,
        1
    );
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE username_key = 'dewi.r'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$"));
    let (status, html) = app.page(&browser(), "/u/dewi.r").await;
    assert_eq!(status, 200);
    assert!(html.contains("Dewi Rahayu") && html.contains("Kotalama"));
}

#[tokio::test]
async fn bad_registrations_are_refused_field_by_field_and_write_nothing() {
    let app = spawn().await;
    let users = app.scalar("SELECT COUNT(*) FROM users").await;
    let counts = app
        .scalar("SELECT CAST(SUM(resident_count) AS BIGINT) FROM areas")
        .await;
    let area = app.area_id("Welesi").await.to_string();
    let long_name = "x".repeat(61);
    type Case<'a> = ([(&'a str, &'a str); 5], (&'a str, &'a str));
    let cases: Vec<Case> = vec![
        (
            [
                ("username", ""),
                ("display_name", "A"),
                ("password", "abcdefgh1"),
                ("password_confirm", "abcdefgh1"),
                ("home_area_id", &area),
            ],
            ("username", "required"),
        ),
        (
            [
                ("username", "ADMIN"),
                ("display_name", "A"),
                ("password", "abcdefgh1"),
                ("password_confirm", "abcdefgh1"),
                ("home_area_id", &area),
            ],
            ("username", "taken"),
        ),
        (
            [
                ("username", "a b"),
                ("display_name", "A"),
                ("password", "abcdefgh1"),
                ("password_confirm", "abcdefgh1"),
                ("home_area_id", &area),
            ],
            ("username", "username_chars"),
        ),
        (
            [
                ("username", "yakob"),
                ("display_name", &long_name),
                ("password", "abcdefgh1"),
                ("password_confirm", "abcdefgh1"),
                ("home_area_id", &area),
            ],
            ("display_name", "too_long"),
        ),
        (
            [
                ("username", "yakob"),
                ("display_name", "Yakob"),
                ("password", "short"),
                ("password_confirm", "short"),
                ("home_area_id", &area),
            ],
            ("password", "too_short"),
        ),
        (
            [
                ("username", "yakob"),
                ("display_name", "Yakob"),
                ("password", "abcdefgh1"),
                ("password_confirm", "abcdefgh2"),
                ("home_area_id", &area),
            ],
            ("password_confirm", "mismatch"),
        ),
        (
            [
                ("username", "yakob"),
                ("display_name", "Yakob"),
                ("password", "abcdefgh1"),
                ("password_confirm", "abcdefgh1"),
                ("home_area_id", "99999"),
            ],
            ("home_area_id", "unknown"),
        ),
        (
            [
                ("username", "yakob"),
                ("display_name", "Yakob"),
                ("password", "abcdefgh1"),
                ("password_confirm", "abcdefgh1"),
                ("home_area_id", ""),
            ],
            ("home_area_id", "required"),
        ),
    ];
    for (form, expected) in cases {
        let err = app.call(&browser(), "register", &form).await.unwrap_err();
        assert_eq!(field(&err), (expected.0.to_owned(), expected.1.to_owned()), "{form:?}");
    }
    let err = app
        .call(&browser(), "register", &[("username", "yakob")])
        .await
        .unwrap_err();
    assert_eq!(code(&err), "bad_request", "missing fields");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM users").await, users);
    assert_eq!(
        app.scalar("SELECT CAST(SUM(resident_count) AS BIGINT) FROM areas")
            .await,
        counts
    );
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_ends_it() {
    let app = spawn().await;
    let c = browser();
    app.sign_in(&c, "warga.denpasar", DEMO_PASSWORD).await.unwrap();
    let first: String = sqlx::query_scalar("SELECT id_hash FROM sessions")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    app.sign_in(&c, "WARGA.DENPASAR", DEMO_PASSWORD).await.unwrap();
    let hashes: Vec<String> = sqlx::query_scalar("SELECT id_hash FROM sessions")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(hashes.len(), 1, "the earlier session of this browser ended");
    assert_ne!(hashes[0], first, "a new session id at sign-in");
    let (_, html) = app.page(&c, "/").await;
    assert!(html.contains("class=\"me\">Ni Luh Ayu"));
    app.call(&c, "sign_out", &[]).await.unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM sessions").await, 0);
    let (_, html) = app.page(&c, "/").await;
    assert!(!html.contains("class=\"me\"") && html.contains("href=\"/signin\""));
}

#[tokio::test]
async fn session_cookie_is_http_only_and_lax() {
    let app = spawn().await;
    let r = browser()
        .post(app.url("/api/sign_in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded(&[("username", "admin"), ("password", DEMO_PASSWORD)]))
        .send()
        .await
        .unwrap();
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("rembuk_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"),
        "{cookie}"
    );
    let secure = spawn_with(|c| c.cookie_secure = true).await;
    let r = browser()
        .post(secure.url("/api/sign_in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded(&[("username", "admin"), ("password", DEMO_PASSWORD)]))
        .send()
        .await
        .unwrap();
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("__Host-rembuk_session="))
        .unwrap();
    assert!(cookie.contains("; Secure") && cookie.contains("Path=/"), "{cookie}");
}

#[tokio::test]
async fn malformed_or_unknown_session_cookies_mean_a_visitor() {
    let app = spawn().await;
    for cookie in [
        "rembuk_session=x'; DROP TABLE users;--",
        "rembuk_session=",
        &format!("rembuk_session={}", "a".repeat(64)),
        "rembuk_session=%%%; rembuk_lang=xx",
    ] {
        let r = reqwest::Client::new()
            .get(app.url("/"))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{cookie}");
        let html = r.text().await.unwrap();
        assert!(html.contains("href=\"/signin\""), "{cookie}");
    }
    assert!(app.scalar("SELECT COUNT(*) FROM users").await > 0);
}

#[tokio::test]
async fn wrong_passwords_are_refused_then_throttled_per_account() {
    let app = spawn_with(|c| c.max_failures_per_account = 3).await;
    for _ in 0..3 {
        let err = app
            .sign_in(&browser(), "warga.walesi", "wrong-password")
            .await
            .unwrap_err();
        assert_eq!(code(&err), "wrong_credentials");
    }
    // Even the right password waits now from this address, and says for how long
    // (from another address it would pass: server/tests/security.rs).
    let err = app
        .sign_in(&browser(), "Warga.Walesi", DEMO_PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "throttled");
    assert!(err["minutes"].as_u64().unwrap() >= 1);
    // Other accounts are not affected.
    app.sign_in(&browser(), "warga.plaju", DEMO_PASSWORD).await.unwrap();
    // Unknown accounts answer exactly like wrong passwords.
    let err = app.sign_in(&browser(), "nobody.here", "whatever1").await.unwrap_err();
    assert_eq!(code(&err), "wrong_credentials");
}

#[tokio::test]
async fn wrong_passwords_are_throttled_per_client_too() {
    let app = spawn_with(|c| c.max_failures_per_client = 4).await;
    for user in ["warga.walesi", "warga.plaju", "warga.kotalama", "warga.sawahlunto"] {
        app.sign_in(&browser(), user, "wrong-password").await.unwrap_err();
    }
    let err = app
        .sign_in(&browser(), "warga.denpasar", DEMO_PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(code(&err), "throttled");
}

#[tokio::test]
async fn changing_the_password_checks_the_old_one_and_ends_other_sessions() {
    let app = spawn().await;
    let a = app.signed_in_as("warga.kotalama").await;
    let b = app.signed_in_as("warga.kotalama").await;
    let err = app
        .call(
            &a,
            "change_password",
            &[
                ("current_password", "nope-nope"),
                ("new_password", "apel-malang-9"),
                ("new_password_confirm", "apel-malang-9"),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(field(&err), ("current_password".into(), "wrong_password".into()));
    let err = app
        .call(
            &a,
            "change_password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", "apel-malang-9"),
                ("new_password_confirm", "apel-malang-8"),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(field(&err), ("new_password_confirm".into(), "mismatch".into()));
    app.call(
        &a,
        "change_password",
        &[
            ("current_password", DEMO_PASSWORD),
            ("new_password", "apel-malang-9"),
            ("new_password_confirm", "apel-malang-9"),
        ],
    )
    .await
    .unwrap();
    let (_, html) = app.page(&a, "/settings").await;
    assert!(html.contains("Budi Santoso"), "this browser stays signed in");
    let (status, _) = app.page(&b, "/settings").await;
    assert_eq!(status, 302, "the other browser was signed out");
    app.sign_in(&browser(), "warga.kotalama", DEMO_PASSWORD)
        .await
        .unwrap_err();
    app.sign_in(&browser(), "warga.kotalama", "apel-malang-9")
        .await
        .unwrap();
    let err = app
        .call(
            &browser(),
            "change_password",
            &[
                ("current_password", "x"),
                ("new_password", "y"),
                ("new_password_confirm", "y"),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_signed_in");
}

#[tokio::test]
async fn language_choice_is_remembered_per_person() {
    let app = spawn().await;
    let a = app.signed_in_as("warga.sawahlunto").await;
    app.call(&a, "set_language", &[("lang", "en")]).await.unwrap();
    let err = app.call(&a, "set_language", &[("lang", "fr")]).await.unwrap_err();
    assert_eq!(field(&err), ("lang".into(), "unknown".into()));
    // A new browser with no language cookie: Indonesian until this person signs in.
    let b = browser();
    let (_, html) = app.page(&b, "/").await;
    assert!(html.contains("<html lang=\"id\""));
    app.sign_in(&b, "warga.sawahlunto", DEMO_PASSWORD).await.unwrap();
    let (_, html) = app.page(&b, "/").await;
    assert!(html.contains("<html lang=\"en\""));
}

#[tokio::test]
async fn settings_update_the_profile_and_move_the_resident_count() {
    let app = spawn().await;
    let c = app.signed_in_as("warga.plaju").await;
    let (ulu, ilir) = (app.area_id("Plaju Ulu").await, app.area_id("Plaju Ilir").await);
    let ilir_s = ilir.to_string();
    app.call(
        &c,
        "save_profile",
        &[("display_name", "Siti A."), ("home_area_id", &ilir_s)],
    )
    .await
    .unwrap();
    assert_eq!(
        app.scalar(&format!("SELECT resident_count FROM areas WHERE id = {ulu}"))
            .await,
        0
    );
    assert_eq!(
        app.scalar(&format!("SELECT resident_count FROM areas WHERE id = {ilir}"))
            .await,
        1
    );
    let err = app
        .call(&c, "save_profile", &[("display_name", ""), ("home_area_id", &ilir_s)])
        .await
        .unwrap_err();
    assert_eq!(field(&err), ("display_name".into(), "required".into()));
    let err = app
        .call(
            &c,
            "save_profile",
            &[("display_name", "Siti"), ("home_area_id", "424242")],
        )
        .await
        .unwrap_err();
    assert_eq!(field(&err), ("home_area_id".into(), "unknown".into()));
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM users WHERE display_name = 'Siti A.'")
            .await,
        1
    );
}

#[tokio::test]
async fn only_admins_grant_and_revoke_roles() {
    let app = spawn().await;
    let agency: i64 = sqlx::query_scalar("SELECT id FROM agencies WHERE name = 'Dinas Sosial Kota Palembang'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let agency = agency.to_string();
    let grant = [
        ("username", "warga.plaju"),
        ("role", "officer"),
        ("agency_id", agency.as_str()),
        ("area_id", ""),
    ];
    let err = app.call(&browser(), "grant_role", &grant).await.unwrap_err();
    assert_eq!(code(&err), "not_signed_in");
    for user in ["warga.denpasar", "moderator.denpasar", "petugas.pupr.denpasar"] {
        let err = app
            .call(&app.signed_in_as(user).await, "grant_role", &grant)
            .await
            .unwrap_err();
        assert_eq!(code(&err), "forbidden", "{user}");
    }
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = 'warga.plaju'"
        )
        .await,
        0
    );

    let admin = app.signed_in_as("admin").await;
    let err = app
        .call(
            &admin,
            "grant_role",
            &[
                ("username", "warga.plaju"),
                ("role", "officer"),
                ("agency_id", ""),
                ("area_id", ""),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(field(&err), ("agency_id".into(), "required".into()));
    let err = app
        .call(
            &admin,
            "grant_role",
            &[
                ("username", "warga.plaju"),
                ("role", "officer"),
                ("agency_id", "9999"),
                ("area_id", ""),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(field(&err), ("agency_id".into(), "unknown".into()));
    let err = app
        .call(
            &admin,
            "grant_role",
            &[
                ("username", "nobody"),
                ("role", "admin"),
                ("agency_id", ""),
                ("area_id", ""),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(field(&err), ("username".into(), "unknown".into()));
    let err = app
        .call(
            &admin,
            "grant_role",
            &[
                ("username", "warga.plaju"),
                ("role", "root"),
                ("agency_id", ""),
                ("area_id", ""),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(field(&err), ("role".into(), "unknown".into()));
    app.call(&admin, "grant_role", &grant).await.unwrap();
    app.call(&admin, "grant_role", &grant).await.unwrap(); // twice is still one grant
    let plaju = app.area_id("Plaju").await.to_string();
    app.call(
        &admin,
        "grant_role",
        &[
            ("username", "WARGA.PLAJU"),
            ("role", "moderator"),
            ("agency_id", ""),
            ("area_id", &plaju),
        ],
    )
    .await
    .unwrap();
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = 'warga.plaju'"
        )
        .await,
        2
    );
    let (_, html) = app.page(&browser(), "/u/warga.plaju").await;
    assert!(html.contains("Petugas") && html.contains("Dinas Sosial Kota Palembang") && html.contains("Moderator"));

    let grant_id = app.scalar("SELECT r.id FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = 'warga.plaju' AND r.role = 'officer'").await.to_string();
    let err = app
        .call(
            &app.signed_in_as("warga.plaju").await,
            "revoke_role",
            &[("grant_id", &grant_id)],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), "forbidden");
    app.call(&admin, "revoke_role", &[("grant_id", &grant_id)])
        .await
        .unwrap();
    let err = app
        .call(&admin, "revoke_role", &[("grant_id", &grant_id)])
        .await
        .unwrap_err();
    assert_eq!(code(&err), "not_found");
    let own = app
        .scalar("SELECT r.id FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = 'admin'")
        .await
        .to_string();
    let err = app
        .call(&admin, "revoke_role", &[("grant_id", &own)])
        .await
        .unwrap_err();
    assert_eq!(code(&err), "forbidden", "an admin cannot remove their own admin role");
}

#[tokio::test]
async fn admin_page_is_for_admins_only() {
    let app = spawn().await;
    let (status, html) = app.page(&app.signed_in_as("warga.denpasar").await, "/admin").await;
    assert_eq!(status, 403);
    assert!(html.contains("Tidak diizinkan"));
    let r = app.get(&browser(), "/admin").await;
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "/signin?next=/admin");
    let (status, html) = app.page(&app.signed_in_as("admin").await, "/admin?q=warga").await;
    assert_eq!(status, 200);
    assert!(html.contains("warga.walesi") && html.contains("Beri peran"));
}

#[tokio::test]
async fn forms_from_another_site_are_refused_and_write_nothing() {
    let app = spawn().await;
    let users = app.scalar("SELECT COUNT(*) FROM users").await;
    let area = app.area_id("Welesi").await.to_string();
    let r = browser()
        .post(app.url("/api/register"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "http://evil.example")
        .body(serde_urlencoded(&[
            ("username", "intruder"),
            ("display_name", "X"),
            ("password", "abcdefgh1"),
            ("password_confirm", "abcdefgh1"),
            ("home_area_id", &area),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("situs lain"));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM users").await, users);
}

#[tokio::test]
async fn without_javascript_a_failed_form_comes_back_with_its_error_and_input() {
    let app = spawn().await;
    let c = browser();
    let r = app
        .post_form(
            &c,
            "sign_in",
            "/signin?next=%2Fsettings",
            &[
                ("username", "warga.walesi"),
                ("password", "salah-sekali"),
                ("next", "/settings"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/signin?next=%2Fsettings");
    let (_, html) = app.page(&c, "/signin?next=%2Fsettings").await;
    assert!(html.contains("Nama pengguna atau kata sandi salah."), "error shown");
    assert!(html.contains("value=\"warga.walesi\""), "username kept");
    assert!(!html.contains("salah-sekali"), "password never echoed");
    let (_, html) = app.page(&c, "/signin").await;
    assert!(!html.contains("kata sandi salah"), "shown once");

    let area = app.area_id("Welesi").await.to_string();
    let r = app
        .post_form(
            &c,
            "register",
            "/register",
            &[
                ("username", "Admin"),
                ("display_name", "Markus Wenda"),
                ("password", "abcdefgh1"),
                ("password_confirm", "abcdefgh1"),
                ("home_area_id", &area),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("/register?home_area_id={area}").as_str()
    );
    let (_, html) = app.page(&c, &format!("/register?home_area_id={area}")).await;
    assert!(html.contains("Nama pengguna ini sudah dipakai."));
    assert!(html.contains("value=\"Markus Wenda\""));
    let (_, html) = app.page(&c, &format!("/register?home_area_id={area}")).await;
    assert!(
        html.contains(&format!("name=\"home_area_id\" value=\"{area}\"")),
        "area choice kept"
    );
    assert!(html.contains("Welesi (Distrik) — Kabupaten Jayawijaya, Papua Pegunungan"));

    // Success without JavaScript: a plain redirect, signed in.
    let r = app
        .post_form(
            &c,
            "sign_in",
            "/signin?next=%2Fsettings",
            &[
                ("username", "warga.walesi"),
                ("password", DEMO_PASSWORD),
                ("next", "/settings"),
            ],
        )
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "/settings");
    let (status, html) = app.page(&c, "/settings").await;
    assert_eq!(status, 200);
    assert!(html.contains("Yosef Lani"));
}

#[tokio::test]
async fn responses_carry_security_headers_and_compress() {
    let app = spawn().await;
    let r = reqwest::Client::new()
        .get(app.url("/"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    let h = r.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
    assert_eq!(h["content-encoding"], "gzip");
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'nonce-") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    // Every page, found or not, names in its policy the nonce its inline
    // scripts carry, and a new one each time.
    let mut seen = std::collections::HashSet::new();
    for path in [
        "/area/2",
        "/area/2",
        "/no-such-page",
        "/proposals/999999",
        "/t/abc",
        "/signin?next=/complaints/new",
        "/register",
    ] {
        let r = browser().get(app.url(path)).send().await.unwrap();
        let csp = r.headers()["content-security-policy"].to_str().unwrap().to_owned();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|s| s.split('\'').next())
            .unwrap()
            .to_owned();
        let html = r.text().await.unwrap();
        assert!(html.contains("<script type=\"module\" src=\"/boot.js\">"), "{path}");
        for tag in html.split("<script").skip(1) {
            let open_tag = &tag[..tag.find('>').unwrap()];
            assert!(
                open_tag.contains("src=") || open_tag.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: inline script without this response's nonce: <script{open_tag}>"
            );
        }
        // The style sheet is in the page (no second request before the
        // first paint), admitted by the same nonce, and nothing else is.
        assert!(
            csp.contains(&format!("style-src 'self' 'nonce-{nonce}';")),
            "{path}: {csp}"
        );
        assert_eq!(html.matches("<style").count(), 1, "{path}");
        assert!(
            html.contains(&format!("<style nonce=\"{nonce}\">:root")) && html.contains(".pager a["),
            "{path}: the style sheet is not inline"
        );
        assert!(!html.contains("rembuk.css"), "{path}");
        assert!(seen.insert(nonce), "{path}: a nonce used twice");
        // Valid HTML: nothing after `</html>`, no `<!>` hydration marks
        // (dropped outside islands, spelled out within).
        assert!(
            html.ends_with("</html>"),
            "{path}: {}",
            &html[html.len().saturating_sub(200)..]
        );
        assert!(!html.contains("<!>"), "{path}: a bogus comment");
    }
    let r = reqwest::Client::new().get(app.url("/healthz")).send().await.unwrap();
    assert!(r.headers().contains_key("content-security-policy"));
}

#[tokio::test]
async fn server_function_errors_carry_their_http_status() {
    let app = spawn().await;
    let post = |endpoint: &'static str, form: Vec<(&'static str, &'static str)>| {
        let c = browser();
        let url = app.url(&format!("/api/{endpoint}"));
        async move {
            c.post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(serde_urlencoded(&form))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        post("sign_in", vec![("username", "admin"), ("password", "wrong-one")]).await,
        401
    );
    assert_eq!(post("sign_in", vec![("username", ""), ("password", "x")]).await, 422);
    assert_eq!(post("sign_in", vec![("nothing", "")]).await, 400);
    assert_eq!(
        post("grant_role", vec![("username", "a"), ("role", "admin")]).await,
        401
    );
    assert_eq!(post("settings", vec![]).await, 401);
    assert_eq!(post("area", vec![("id", "424242")]).await, 404);
    assert_eq!(
        post("sign_in", vec![("username", "admin"), ("password", DEMO_PASSWORD)]).await,
        200
    );
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = spawn().await;
    let big = "x".repeat(server::BODY_LIMIT + 1);
    let r = browser()
        .post(app.url("/api/sign_in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded(&[("username", &big), ("password", "x")]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
}

#[tokio::test]
async fn demo_data_loads_once_and_never_into_a_database_with_people() {
    use app::server::seed;
    let app = spawn().await;
    assert!(matches!(
        seed::demo(&app.state).await.unwrap(),
        seed::Outcome::AlreadyLoaded
    ));
    sqlx::query("DELETE FROM meta").execute(&app.db().pool).await.unwrap();
    assert!(matches!(seed::demo(&app.state).await.unwrap(), seed::Outcome::Refused));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM areas WHERE name = 'Welesi'").await, 1);
}

#[tokio::test]
async fn create_admin_promotes_or_creates_the_first_admin() {
    use app::server::users::make_admin;
    let app = spawn().await;
    let msg = make_admin(app.db(), "warga.walesi", || {
        panic!("no questions for an existing account")
    })
    .await
    .unwrap();
    assert!(msg.contains("now an admin"));
    make_admin(app.db(), "warga.walesi", || panic!()).await.unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = 'warga.walesi' AND r.role = 'admin'").await, 1);
    let msg = make_admin(app.db(), "kepala.dinas", || {
        Ok(("rahasia-negara".into(), "".into(), "".into()))
    })
    .await
    .unwrap();
    assert!(msg.contains("created"));
    let c = browser();
    app.sign_in(&c, "kepala.dinas", "rahasia-negara").await.unwrap();
    let (status, _) = app.page(&c, "/admin").await;
    assert_eq!(status, 200);
    assert!(make_admin(app.db(), "x y", || panic!()).await.is_err());
    assert!(
        make_admin(app.db(), "pendek", || Ok(("123".into(), "".into(), "".into())))
            .await
            .is_err()
    );
}

#[test]
fn the_binary_documents_itself() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "create-admin",
        "--demo",
        "DATABASE_URL",
        "LEPTOS_SITE_ADDR",
        "REMBUK_TRUST_PROXY",
        "REMBUK_SESSION_IDLE_DAYS",
        "REMBUK_LIMIT_SEARCHES",
    ] {
        assert!(text.contains(needle), "--help lacks {needle}");
    }
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", format!("sqlite://{}/t.db", dir.path().display()))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .env_remove("REMBUK_LOG_FORMAT")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    assert!(
        lines.by_ref().map_while(Result::ok).any(|l| l.contains("listening")),
        "server started"
    );
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "still running 10 s after SIGTERM"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Area pages come from a per-server cache; a write on this server shows at
/// once (the parent page lists the child's residents too).
#[tokio::test]
async fn area_pages_show_new_residents_and_activity_at_once() {
    let app = spawn().await;
    let kotalama = app.area_id("Kotalama").await;
    let parent = app
        .scalar(&format!("SELECT parent_id FROM areas WHERE id = {kotalama}"))
        .await;
    let count = |html: &str| -> i64 {
        let at = html.find(" warga · ").expect("resident count shown");
        let digits: String = html[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .filter(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        digits.parse().unwrap()
    };
    let (_, html) = app.page(&browser(), &format!("/area/{kotalama}")).await;
    let before = count(&html);
    let (_, parent_before) = app.page(&browser(), &format!("/area/{parent}")).await;
    let c = browser();
    let id = kotalama.to_string();
    app.call(
        &c,
        "register",
        &[
            ("username", "baru.kotalama"),
            ("display_name", "Warga Baru"),
            ("password", "kopi-malang-7"),
            ("password_confirm", "kopi-malang-7"),
            ("home_area_id", &id),
        ],
    )
    .await
    .unwrap();
    let (_, html) = app.page(&browser(), &format!("/area/{kotalama}")).await;
    assert_eq!(count(&html), before + 1, "the cached area was forgotten");
    let (_, parent_after) = app.page(&browser(), &format!("/area/{parent}")).await;
    assert_ne!(parent_before, parent_after, "the parent's list of children changed too");
}

/// A page renders while another router is being built in the same process.
/// Leptos turns resource loading off for the whole process while it
/// generates a route list (leptos#4773); if each router generated its own, a
/// resource first polled meanwhile would wait forever and so would its page.
/// This is what hung about one parallel test run in two.
#[tokio::test]
async fn pages_render_while_other_routers_are_built() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let app = spawn().await;
    let plaju = app.area_id("Plaju").await;
    let stop = Arc::new(AtomicBool::new(false));
    let builder = {
        let (stop, state) = (stop.clone(), app.state.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let _runtime = rt.enter();
            let mut built = 0;
            while !stop.load(Ordering::Relaxed) {
                drop(server::router(state.clone()));
                built += 1;
            }
            built
        })
    };
    let c = browser();
    for i in 0..150 {
        let path = if i % 2 == 0 {
            "/".to_string()
        } else {
            format!("/area/{plaju}")
        };
        let page = tokio::time::timeout(std::time::Duration::from_secs(10), app.page(&c, &path)).await;
        if page.is_err() {
            stop.store(true, Ordering::Relaxed);
            panic!("{path} did not finish rendering within 10 s (request {i})");
        }
        assert_eq!(page.unwrap().0, 200, "{path}");
    }
    stop.store(true, Ordering::Relaxed);
    assert!(builder.join().unwrap() > 0, "no router was built during the renders");
}
