#![allow(clippy::unwrap_used)]
//! The privacy guard (issue 17): an anonymous complaint never names its
//! complainant in public, and a private complaint is read only by its
//! complainant, its agency and admins. One test drives every action that can
//! touch two such complaints, then reads every public URL, export, feed and
//! server function as a visitor, an unrelated resident and a moderator (who
//! is neither the agency nor an admin), and looks for the complainants in
//! every body. Its tables are checked against the route table and the
//! server functions, so a new route or server function fails it until it
//! is added. Beside it: search never shows what was hidden, and a complaint
//! is forwarded only to an agency that serves its area.
mod common;

use common::*;
use reqwest::Client;
use std::collections::BTreeSet;

/// The anonymous complaint's complainant.
const ANON_USER: &str = "pelapor.rahasia";
const ANON_NAME: &str = "Pelapor Tersembunyi";
const ANON_TITLE: &str = "Lampu taman kota padam";
/// The private complaint's complainant (not anonymous: private alone must
/// be enough to keep them out of public).
const PRIV_USER: &str = "pengadu.pribadi";
const PRIV_NAME: &str = "Pengadu Diam-diam";
const PRIV_TITLE: &str = "Setoran gelap di loket KTP";
const PRIV_BODY: &str = "Petugas loket meminta setoran gelap untuk KTP; kuitansi bernomor 7734 saya simpan.";
const PRIV_MARK: &str = "kuitansi bernomor 7734";

/// What must never reach anyone but the complainants, their agency and admins.
const SECRETS: [&str; 6] = [ANON_USER, ANON_NAME, PRIV_USER, PRIV_NAME, PRIV_TITLE, PRIV_MARK];

/// The app's page routes, read from the route table (`path!("…")`).
fn app_routes() -> BTreeSet<String> {
    include_str!("../../app/src/app.rs")
        .split("path!(\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

/// The server's own routes (`.route("…")`): feeds, exports, health.
fn server_routes() -> BTreeSet<String> {
    // `.route(` may be followed by a line break (rustfmt) before the path.
    include_str!("../src/lib.rs")
        .split(".route(")
        .skip(1)
        .map(|rest| {
            rest.trim_start()
                .trim_start_matches('"')
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// Files a complaint about infrastructure in `area`; returns its id.
async fn file(app: &TestApp, c: &Client, area: i64, extra: &[(&str, &str)]) -> i64 {
    let cat = category(app, "infrastruktur").await;
    let area = area.to_string();
    let date = app::server::time::iso_date(app::server::time::now(), "WITA");
    let mut form = vec![
        ("title", "Jalan berlubang"),
        (
            "body",
            "Jalan di depan balai banjar berlubang besar dan membahayakan pengendara.",
        ),
        ("area_id", area.as_str()),
        ("category_id", cat.as_str()),
        ("happened_on", date.as_str()),
        ("location", "Jalan Gunung Agung"),
    ];
    for (k, v) in extra {
        form.retain(|(name, _)| name != k);
        form.push((k, v));
    }
    app.call(c, "file_complaint", &form).await.unwrap();
    app.scalar("SELECT MAX(id) FROM complaints").await
}

async fn step(
    app: &TestApp,
    c: &Client,
    id: i64,
    event: &str,
    extra: &[(&str, &str)],
) -> Result<(), serde_json::Value> {
    let id = id.to_string();
    let mut form = vec![
        ("id", id.as_str()),
        ("event", event),
        ("body", "Sudah kami periksa di lapangan."),
    ];
    form.extend_from_slice(extra);
    app.call(c, "complaint_step", &form).await.map(|_| ())
}

async fn rate(app: &TestApp, c: &Client, id: i64) {
    let id = id.to_string();
    let mut form = vec![
        ("subject", "complaint"),
        ("id", id.as_str()),
        ("comment", "Cukup cepat."),
    ];
    for u in ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"] {
        form.push((u, "3"));
    }
    app.call(c, "rate", &form).await.unwrap();
}

async fn moderate(app: &TestApp, c: &Client, kind: &str, id: i64, action: &str, extra: &[(&str, &str)]) -> i64 {
    let id = id.to_string();
    let mut form = vec![
        ("kind", kind),
        ("id", id.as_str()),
        ("action", action),
        ("reason", "Memuat data pribadi."),
    ];
    form.extend_from_slice(extra);
    app.call(c, "moderate", &form).await.unwrap();
    app.scalar("SELECT MAX(id) FROM mod_log").await
}

async fn agency(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM agencies WHERE name = $1")
        .bind(name)
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
}

type Args = Vec<(String, String)>;

fn args(pairs: &[(&str, &str)]) -> Args {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Which of the secrets a body carries (case-insensitively: usernames are
/// matched without case elsewhere too).
fn leaked(body: &str) -> Vec<&'static str> {
    let body = body.to_lowercase();
    SECRETS
        .iter()
        .filter(|s| body.contains(&s.to_lowercase()))
        .copied()
        .collect()
}

#[tokio::test]
async fn no_public_output_names_an_anonymous_or_private_complainant() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    let denpasar = app.area_id("Kota Denpasar").await;
    let bali = app.area_id("Bali").await;
    let anon = person(&app, ANON_USER, ANON_NAME, dauh_puri, app::server::time::now()).await;
    let private = person(&app, PRIV_USER, PRIV_NAME, dauh_puri, app::server::time::now()).await;
    let a = file(&app, &anon, dauh_puri, &[("anonymous", "1"), ("title", ANON_TITLE)]).await;
    let p = file(
        &app,
        &private,
        dauh_puri,
        &[("private", "1"), ("title", PRIV_TITLE), ("body", PRIV_BODY)],
    )
    .await;
    let admin = app.signed_in_as("admin").await;
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let kotalama = app.signed_in_as("warga.kotalama").await;
    let plaju = app.signed_in_as("warga.plaju").await;
    let (a_s, p_s) = (a.to_string(), p.to_string());
    // A photo on each: the private one's is for its parties only.
    let (a_photo, p_photo) = ("a".repeat(32), "b".repeat(32));
    for (key, id, author) in [(&a_photo, a, ANON_USER), (&p_photo, p, PRIV_USER)] {
        sqlx::query(
            "INSERT INTO photos (key, item_kind, item_id, author_id, position, width, height, thumb_width, \
             thumb_height, display_size, thumb_size, in_db, created_at) \
             SELECT $1, 'complaint', $2, id, 1, 10, 10, 10, 10, 2, 2, 1, 1 FROM users WHERE username = $3",
        )
        .bind(key)
        .bind(id)
        .bind(author)
        .execute(&app.db().pool)
        .await
        .unwrap();
        for variant in ["t", "d"] {
            sqlx::query(
                "INSERT INTO photo_data (photo_id, variant, bytes) SELECT id, $1, $2 FROM photos WHERE key = $3",
            )
            .bind(variant)
            .bind(if id == p {
                PRIV_NAME.as_bytes().to_vec()
            } else {
                b"foto".to_vec()
            })
            .bind(key)
            .execute(&app.db().pool)
            .await
            .unwrap();
        }
    }

    // Someone else's thread in Dauh Puri, with a reply: the forum's pages.
    let author = app.signed_in_as("warga.denpasar").await;
    let cat = category(&app, "infrastruktur").await;
    let dauh_s = dauh_puri.to_string();
    app.call(
        &author,
        "create_thread",
        &[
            ("title", "Trotoar Jalan Sudirman"),
            ("body", "Trotoar di Jalan Sudirman retak di banyak tempat."),
            ("area_id", &dauh_s),
            ("category_id", &cat),
        ],
    )
    .await
    .unwrap();
    let thread = app.scalar("SELECT MAX(id) FROM threads WHERE usulan_id IS NULL").await;
    app.call(
        &plaju,
        "reply",
        &[
            ("thread_id", &thread.to_string()),
            ("body", "Betul, dekat sekolah juga."),
        ],
    )
    .await
    .unwrap();
    let post = app.scalar("SELECT MAX(id) FROM posts").await;

    // Flags: the anonymous complaint can be flagged; the private one is not
    // there for anyone else.
    app.call(
        &kotalama,
        "flag",
        &[("kind", "complaint"), ("id", &a_s), ("reason", "spam")],
    )
    .await
    .unwrap();
    let e = app
        .call(
            &kotalama,
            "flag",
            &[("kind", "complaint"), ("id", &p_s), ("reason", "spam")],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&e), "not_found");
    // Hidden, appealed by the complainant, reversed by an admin.
    let hide = moderate(&app, &moderator, "complaint", a, "hide", &[]).await;
    app.call(
        &anon,
        "appeal",
        &[("id", &hide.to_string()), ("reason", "Ini bukan spam.")],
    )
    .await
    .unwrap();
    app.call(
        &admin,
        "decide_appeal",
        &[
            ("id", &hide.to_string()),
            ("outcome", "reversed"),
            ("reason", "Keluhan yang sah."),
        ],
    )
    .await
    .unwrap();
    // Hidden again and restored by the moderator.
    moderate(&app, &moderator, "complaint", a, "hide", &[]).await;
    moderate(&app, &moderator, "complaint", a, "restore", &[]).await;
    // Redacted by an admin; the complainant's appeal stays open, for the
    // moderator's queue.
    let redact = moderate(
        &app,
        &admin,
        "complaint",
        a,
        "redact",
        &[(
            "text",
            "Lampu taman kota padam sejak sebulan; [nomor telepon dihapus moderator].",
        )],
    )
    .await;
    app.call(
        &anon,
        "appeal",
        &[("id", &redact.to_string()), ("reason", "Nomor itu milik kantor.")],
    )
    .await
    .unwrap();
    // And flagged again: an open queue entry.
    app.call(
        &plaju,
        "flag",
        &[("kind", "complaint"), ("id", &a_s), ("reason", "abuse")],
    )
    .await
    .unwrap();

    // Every step, and a rating, on both.
    for event in ["verified", "in_progress", "resolved"] {
        step(&app, &officer, a, event, &[]).await.unwrap();
    }
    rate(&app, &anon, a).await;
    step(&app, &officer, a, "closed", &[]).await.unwrap();
    let pupr = agency(&app, "Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar").await;
    let dlh = agency(&app, "Dinas Lingkungan Hidup Kota Denpasar").await;
    step(&app, &officer, p, "forwarded", &[("to_agency", &dlh.to_string())])
        .await
        .unwrap();
    for event in ["verified", "in_progress", "resolved"] {
        step(&app, &admin, p, event, &[]).await.unwrap();
    }
    rate(&app, &private, p).await;
    step(&app, &admin, p, "closed", &[]).await.unwrap();
    // A correction of a step on each, appended to the record.
    let step_of = |id: i64| {
        format!("SELECT MAX(seq) FROM record WHERE subject = 'complaint' AND subject_id = {id} AND event = 'verified'")
    };
    let a_step = app.scalar(&step_of(a)).await.to_string();
    let p_step = app.scalar(&step_of(p)).await.to_string();
    for (c, seq) in [(&officer, &a_step), (&admin, &p_step)] {
        app.call(
            c,
            "correct_entry",
            &[
                ("seq", seq.as_str()),
                ("field", "text"),
                ("value", "Laporan sudah dicek di lokasi."),
                ("reason", "Salah ketik pada catatan."),
            ],
        )
        .await
        .unwrap();
    }

    // Whom the complainants may be shown to, they still are.
    let page = format!("/complaints/{a}");
    for (who, c) in [("officer", &officer), ("admin", &admin)] {
        assert!(app.page(c, &page).await.1.contains(ANON_NAME), "{who} sees the name");
    }
    assert!(
        app.page(&admin, "/moderation").await.1.contains(ANON_NAME),
        "an admin's queue names the complainant"
    );

    // Both complainants vote in the demo's Musrenbang (Denpasar Barat,
    // voting now): a ballot is secret, so no page may name them for it.
    let cycle = app
        .scalar("SELECT id FROM plan_cycles WHERE year = 2027")
        .await
        .to_string();
    let on_ballot = app
        .scalar("SELECT MIN(usulan_id) FROM usulan_tiers WHERE tier = 1")
        .await
        .to_string();
    let stopped = app.scalar("SELECT MAX(id) FROM usulan").await.to_string();
    let barat = app.area_id("Denpasar Barat").await.to_string();
    for c in [&anon, &private] {
        app.call(c, "approve_usulan", &[("id", &on_ballot), ("approve", "1")])
            .await
            .unwrap();
    }

    let log_ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM mod_log ORDER BY id")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    assert!(log_ids.len() >= 7, "{log_ids:?}");
    let month = app::server::dashboard::month_of(app::server::time::now(), "WITA");
    let (thread_s, post_s, den_s, bali_s, pupr_s, dlh_s) = (
        thread.to_string(),
        post.to_string(),
        denpasar.to_string(),
        bali.to_string(),
        pupr.to_string(),
        dlh.to_string(),
    );

    // Every route, with real ids: the app's pages, then the server's own.
    let mut routes: Vec<(&str, Vec<String>)> = vec![
        ("/", vec!["/".into()]),
        (
            "/area/:id",
            vec![
                format!("/area/{dauh_puri}"),
                format!("/area/{denpasar}"),
                format!("/area/{bali}"),
            ],
        ),
        (
            "/areas/pick",
            vec![
                "/areas/pick?to=/complaints/new&field=area_id&q=dauh".into(),
                format!("/areas/pick?to=/proposals&field=area&at={denpasar}"),
            ],
        ),
        (
            "/admin/areas",
            vec!["/admin/areas".into(), format!("/admin/areas?area_id={denpasar}")],
        ),
        ("/signin", vec!["/signin".into()]),
        ("/register", vec!["/register".into()]),
        (
            "/u/:username",
            vec![
                "/u/moderator.denpasar".into(),
                "/u/petugas.pupr.denpasar".into(),
                "/u/warga.denpasar".into(),
            ],
        ),
        ("/settings", vec!["/settings".into()]),
        (
            "/email/confirm",
            vec!["/email/confirm?token=0".into(), "/email/confirm?done=1".into()],
        ),
        (
            "/password/forgot",
            vec!["/password/forgot".into(), "/password/forgot?sent=1".into()],
        ),
        (
            "/password/reset",
            vec!["/password/reset?token=0".into(), "/password/reset?done=1".into()],
        ),
        ("/admin", vec!["/admin".into()]),
        ("/admin/outbox", vec!["/admin/outbox".into()]),
        (
            "/unsubscribe",
            vec![
                "/unsubscribe?u=1&k=replies&s=0".into(),
                "/unsubscribe?done=1&k=replies".into(),
            ],
        ),
        ("/new", vec!["/new".into()]),
        ("/t/:id", vec![format!("/t/{thread}")]),
        ("/p/:id/edit", vec![format!("/p/{post}/edit")]),
        ("/p/:id/revisions", vec![format!("/p/{post}/revisions")]),
        (
            "/search",
            vec![
                "/search?q=lampu+taman".into(),
                "/search?q=setoran+gelap".into(),
                "/search?q=trotoar".into(),
                "/search?scope=complaints&q=lampu+taman".into(),
                "/search?scope=complaints&q=setoran+gelap".into(),
                "/search?scope=complaints&q=trotoar".into(),
            ],
        ),
        ("/notifications", vec!["/notifications".into()]),
        (
            "/proposals",
            vec![
                "/proposals".into(),
                format!("/proposals?area={dauh_puri}"),
                "/proposals?scope=mine".into(),
            ],
        ),
        ("/proposals/new", vec!["/proposals/new".into()]),
        ("/proposals/:id", vec!["/proposals/1".into()]),
        ("/proposals/:id/edit", vec!["/proposals/1/edit".into()]),
        (
            "/record",
            vec![
                "/record".into(),
                format!("/record?area={dauh_puri}"),
                format!("/record?area={bali}"),
                format!("/record?agency={pupr}"),
                format!("/record?agency={dlh}"),
            ],
        ),
        ("/desk", vec!["/desk".into()]),
        (
            "/complaints",
            vec![
                "/complaints".into(),
                format!("/complaints?area={dauh_puri}"),
                "/complaints?state=resolved".into(),
                "/complaints?state=closed".into(),
                "/complaints?scope=mine".into(),
                "/complaints?scope=desk".into(),
            ],
        ),
        ("/complaints/new", vec!["/complaints/new".into()]),
        (
            "/complaints/:id",
            vec![format!("/complaints/{a}"), format!("/complaints/{p}")],
        ),
        (
            "/dashboard",
            vec![
                "/dashboard".into(),
                "/dashboard?kind=complaint".into(),
                format!("/dashboard?area={dauh_puri}"),
                format!("/dashboard?agency={pupr}"),
                format!("/dashboard?agency={dlh}&kind=complaint"),
            ],
        ),
        (
            "/moderation",
            vec![
                "/moderation".into(),
                format!("/moderation?redact=complaint-{a}"),
                format!("/moderation?redact=complaint-{p}"),
            ],
        ),
        (
            "/moderation/log",
            vec![
                "/moderation/log".into(),
                format!("/moderation/log?area={dauh_puri}"),
                "/moderation/log?moderator=moderator.denpasar".into(),
                "/moderation/log?moderator=admin".into(),
            ],
        ),
        (
            "/moderation/log/:id",
            log_ids.iter().map(|id| format!("/moderation/log/{id}")).collect(),
        ),
        ("/healthz", vec!["/healthz".into()]),
        (
            "/area/{id}/feed.atom",
            vec![
                format!("/area/{dauh_puri}/feed.atom"),
                format!("/area/{denpasar}/feed.atom"),
            ],
        ),
        ("/t/{id}/feed.atom", vec![format!("/t/{thread}/feed.atom")]),
        ("/proposals/{id}/feed.atom", vec!["/proposals/1/feed.atom".into()]),
        (
            "/area/{id}/proposals.atom",
            vec![
                format!("/area/{dauh_puri}/proposals.atom"),
                format!("/area/{denpasar}/proposals.atom"),
            ],
        ),
        (
            "/record.json",
            vec![
                "/record.json".into(),
                format!("/record.json?area={dauh_puri}"),
                format!("/record.json?agency={pupr}"),
                format!("/record.json?agency={dlh}"),
            ],
        ),
        (
            "/record.csv",
            vec![
                "/record.csv".into(),
                format!("/record.csv?area={dauh_puri}"),
                format!("/record.csv?agency={dlh}"),
            ],
        ),
        (
            "/dashboard.json",
            vec![
                format!("/dashboard.json?period={month}"),
                format!("/dashboard.json?period={month}&kind=complaint&area={denpasar}"),
                format!("/dashboard.json?period={month}&agency={dlh}"),
            ],
        ),
        (
            "/dashboard.csv",
            vec![
                format!("/dashboard.csv?period={month}"),
                format!("/dashboard.csv?period={month}&kind=complaint&area={dauh_puri}"),
            ],
        ),
        // The private complaint's photo carries its complainant's name as
        // its bytes here: only its parties may fetch it.
        (
            "/photos/{key}/{file}",
            vec![
                format!("/photos/{a_photo}/t.jpg"),
                format!("/photos/{p_photo}/t.jpg"),
                format!("/photos/{p_photo}/d.jpg"),
            ],
        ),
        ("/musrenbang", vec!["/musrenbang".into()]),
        ("/musrenbang/new", vec!["/musrenbang/new".into()]),
        (
            "/musrenbang/:id",
            vec![format!("/musrenbang/{cycle}"), format!("/musrenbang/{cycle}?tier=0")],
        ),
        (
            "/musrenbang/:id/funnel",
            vec![
                format!("/musrenbang/{cycle}/funnel"),
                format!("/musrenbang/{cycle}/funnel?scope=agency"),
            ],
        ),
        (
            "/musrenbang/:id/usulan/new",
            vec![format!("/musrenbang/{cycle}/usulan/new")],
        ),
        (
            "/musrenbang/:id/:tier/:area",
            vec![
                format!("/musrenbang/{cycle}/0/{dauh_puri}"),
                format!("/musrenbang/{cycle}/1/{barat}"),
            ],
        ),
        (
            "/usulan/:id",
            vec![format!("/usulan/{on_ballot}"), format!("/usulan/{stopped}")],
        ),
        (
            "/musrenbang-data/{cycle}/{tier}/{file}",
            vec![
                format!("/musrenbang-data/{cycle}/0/{dauh_puri}.pb"),
                format!("/musrenbang-data/{cycle}/0/{dauh_puri}.csv"),
                format!("/musrenbang-data/{cycle}/0/{dauh_puri}.json"),
                format!("/musrenbang-data/{cycle}/1/{barat}.pb"),
            ],
        ),
        // Served by the server functions below.
        ("/api/{*fn_name}", vec![]),
    ];
    let covered: BTreeSet<String> = routes.iter().map(|(r, _)| r.to_string()).collect();
    let all_routes: BTreeSet<String> = app_routes().union(&server_routes()).cloned().collect();
    assert_eq!(
        covered, all_routes,
        "every route of app/src/app.rs and server/src/lib.rs must be in this table"
    );

    // Every server function, with arguments that point at the complaints,
    // their log rows, areas and agencies. Writes are made to stop at their
    // checks (an empty reason, someone else's item).
    let scores: Vec<(&str, &str)> = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"]
        .iter()
        .map(|u| (*u, "4"))
        .collect();
    let mut rate_a = vec![("subject", "complaint"), ("id", a_s.as_str())];
    rate_a.extend(scores.iter().copied());
    let mut rate_p = vec![("subject", "complaint"), ("id", p_s.as_str())];
    rate_p.extend(scores.iter().copied());
    let log_args: Vec<Args> = log_ids.iter().map(|id| args(&[("id", &id.to_string())])).collect();
    let appeal_args: Vec<Args> = log_ids
        .iter()
        .map(|id| args(&[("id", &id.to_string()), ("reason", "")]))
        .collect();
    let mut functions: Vec<(&str, Vec<Args>)> = vec![
        ("session", vec![args(&[])]),
        ("home", vec![args(&[])]),
        (
            "area",
            vec![
                args(&[("id", &dauh_s)]),
                args(&[("id", &den_s)]),
                args(&[("id", &bali_s)]),
            ],
        ),
        (
            "area_pick",
            vec![args(&[("q", "dauh"), ("at", "")]), args(&[("q", ""), ("at", &dauh_s)])],
        ),
        (
            "search_areas",
            vec![args(&[("q", "dauh puri")]), args(&[("q", "51.71.03")])],
        ),
        ("area_choice", vec![args(&[("id", &dauh_s)])]),
        ("profile", vec![args(&[("username", "moderator.denpasar")])]),
        (
            "forum",
            vec![
                args(&[("area_id", &dauh_s)]),
                args(&[("area_id", &den_s), ("sub", "1")]),
            ],
        ),
        ("thread", vec![args(&[("id", &thread_s)])]),
        (
            "search",
            vec![
                args(&[("q", "lampu taman")]),
                args(&[("q", "setoran gelap")]),
                args(&[("q", "kuitansi")]),
            ],
        ),
        ("proposals", vec![args(&[]), args(&[("area", &dauh_s)])]),
        ("proposal", vec![args(&[("id", "1")])]),
        (
            "record",
            vec![
                args(&[]),
                args(&[("area", &dauh_s)]),
                args(&[("agency", &pupr_s)]),
                args(&[("agency", &dlh_s)]),
            ],
        ),
        (
            "complaints",
            vec![
                args(&[]),
                args(&[("area", &dauh_s)]),
                args(&[("state", "closed")]),
                args(&[("scope", "mine")]),
                args(&[("scope", "desk")]),
            ],
        ),
        ("complaint", vec![args(&[("id", &a_s)]), args(&[("id", &p_s)])]),
        (
            "dashboard",
            vec![
                args(&[]),
                args(&[("kind", "complaint"), ("area", &dauh_s)]),
                args(&[("agency", &pupr_s)]),
                args(&[("agency", &dlh_s), ("kind", "complaint")]),
            ],
        ),
        (
            "mod_log",
            vec![
                args(&[]),
                args(&[("area", &dauh_s)]),
                args(&[("moderator", "moderator.denpasar")]),
                args(&[("moderator", "admin")]),
            ],
        ),
        ("mod_entry", log_args),
        (
            "sign_in",
            vec![args(&[("username", "nobody"), ("password", "wrong-password")])],
        ),
        ("set_language", vec![args(&[("lang", "id")])]),
        (
            "register",
            vec![args(&[
                ("username", "x"),
                ("display_name", ""),
                ("password", ""),
                ("password_confirm", ""),
                ("home_area_id", &dauh_s),
            ])],
        ),
        ("settings", vec![args(&[])]),
        ("notifications", vec![args(&[])]),
        ("new_thread_page", vec![args(&[])]),
        ("new_proposal_page", vec![args(&[])]),
        ("new_complaint_page", vec![args(&[])]),
        ("edit_page", vec![args(&[("post_id", &post_s)])]),
        (
            "change_password",
            vec![args(&[
                ("current_password", ""),
                ("new_password", ""),
                ("new_password_confirm", ""),
            ])],
        ),
        ("mark_read", vec![args(&[])]),
        (
            "remove_photo",
            vec![args(&[("key", &a_photo)]), args(&[("key", &p_photo)])],
        ),
        (
            "hide_photo",
            vec![
                args(&[("key", &a_photo), ("reason", "")]),
                args(&[("key", &p_photo), ("reason", "x")]),
            ],
        ),
        ("set_email", vec![args(&[("email", "")])]),
        ("set_notify_prefs", vec![args(&[("replies", "site")])]),
        (
            "unsubscribe_link",
            vec![args(&[("u", "1"), ("k", "replies"), ("s", "0")])],
        ),
        ("unsubscribe", vec![args(&[("u", "1"), ("k", "replies"), ("s", "0")])]),
        ("confirm_email", vec![args(&[("token", "0")])]),
        ("request_reset", vec![args(&[("who", "warga.denpasar")])]),
        ("reset_link", vec![args(&[("token", "0")])]),
        (
            "reset_password",
            vec![args(&[
                ("token", "0"),
                ("new_password", ""),
                ("new_password_confirm", ""),
            ])],
        ),
        (
            "save_profile",
            vec![args(&[("display_name", ""), ("home_area_id", &dauh_s)])],
        ),
        (
            "create_thread",
            vec![args(&[
                ("title", ""),
                ("body", ""),
                ("area_id", &dauh_s),
                ("category_id", &cat),
            ])],
        ),
        ("reply", vec![args(&[("thread_id", &thread_s), ("body", "")])]),
        ("edit_post", vec![args(&[("post_id", &post_s), ("body", "x")])]),
        ("delete_post", vec![args(&[("post_id", &post_s)])]),
        ("join_forum", vec![args(&[("area_id", &dauh_s), ("join", "1")])]),
        (
            "create_proposal",
            vec![args(&[
                ("title", ""),
                ("body", ""),
                ("area_id", &dauh_s),
                ("category_id", &cat),
            ])],
        ),
        ("publish_proposal", vec![args(&[("id", "1")])]),
        ("draft_page", vec![args(&[("id", "1")])]),
        (
            "edit_proposal",
            vec![args(&[
                ("id", "1"),
                ("title", ""),
                ("body", ""),
                ("area_id", &dauh_s),
                ("category_id", &cat),
            ])],
        ),
        ("withdraw_proposal", vec![args(&[("id", "1"), ("confirm", "1")])]),
        ("support", vec![args(&[("id", "1"), ("support", "1")])]),
        (
            "file_complaint",
            vec![args(&[
                ("title", ""),
                ("body", ""),
                ("area_id", &dauh_s),
                ("category_id", &cat),
                ("happened_on", ""),
            ])],
        ),
        (
            "flag",
            vec![
                args(&[("kind", "complaint"), ("id", &a_s), ("reason", "bogus")]),
                args(&[("kind", "complaint"), ("id", &p_s), ("reason", "spam")]),
            ],
        ),
        (
            "answer",
            vec![args(&[
                ("id", "1"),
                ("kind", "response"),
                ("to", "draft"),
                ("body", "Kami tinjau."),
            ])],
        ),
        ("desk", vec![args(&[])]),
        (
            "save_template",
            vec![args(&[("agency_id", &pupr_s), ("title", ""), ("body", "")])],
        ),
        ("delete_template", vec![args(&[("id", "1")])]),
        (
            "reopen_complaint",
            vec![
                args(&[("id", &a_s), ("body", "Belum beres.")]),
                args(&[("id", &p_s), ("body", "Belum beres.")]),
            ],
        ),
        (
            "complaint_step",
            vec![
                args(&[("id", &a_s), ("event", "rejected"), ("body", "x")]),
                args(&[
                    ("id", &p_s),
                    ("event", "forwarded"),
                    ("body", "x"),
                    ("to_agency", &pupr_s),
                ]),
            ],
        ),
        (
            "rate",
            vec![
                rate_a.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
                rate_p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            ],
        ),
        (
            "moderate",
            vec![
                args(&[("kind", "complaint"), ("id", &a_s), ("action", "hide"), ("reason", "")]),
                args(&[("kind", "complaint"), ("id", &p_s), ("action", "hide"), ("reason", "")]),
            ],
        ),
        ("revisions", vec![args(&[("post_id", &post_s)])]),
        (
            "suspend",
            vec![args(&[
                ("username", ANON_USER),
                ("action", "suspend"),
                ("reason", ""),
                ("days", "1"),
            ])],
        ),
        (
            "mod_queue",
            vec![
                args(&[]),
                args(&[("redact", &format!("complaint-{a_s}"))]),
                args(&[("redact", &format!("complaint-{p_s}"))]),
            ],
        ),
        ("appeal", appeal_args),
        (
            "decide_appeal",
            vec![args(&[
                ("id", &redact.to_string()),
                ("outcome", "upheld"),
                ("reason", ""),
            ])],
        ),
        ("admin", vec![args(&[("q", "")])]),
        (
            "grant_role",
            vec![args(&[
                ("username", PRIV_USER),
                ("role", "bogus"),
                ("agency_id", ""),
                ("area_id", ""),
            ])],
        ),
        ("revoke_role", vec![args(&[("grant_id", "999999")])]),
        ("outbox", vec![args(&[])]),
        (
            "set_hook",
            vec![args(&[("area_id", &dauh_s), ("agency_id", &pupr_s), ("hook_url", "")])],
        ),
        (
            "set_area_rules",
            vec![args(&[
                ("rules_area_id", &dauh_s),
                ("support_threshold", ""),
                ("response_days", ""),
            ])],
        ),
        (
            "set_complaint_rules",
            vec![args(&[
                ("complaint_area_id", &dauh_s),
                ("verify_days", ""),
                ("followup_days", ""),
                ("resolve_days", ""),
            ])],
        ),
        (
            "correct_entry",
            vec![
                args(&[("seq", &a_step), ("field", "text"), ("value", "x"), ("reason", "x")]),
                args(&[("seq", &p_step), ("field", "text"), ("value", "x"), ("reason", "x")]),
            ],
        ),
        ("admin_area", vec![args(&[("area_id", &dauh_s)]), args(&[])]),
        (
            "create_agency",
            vec![args(&[("area_id", &dauh_s), ("name", ""), ("short_name", "")])],
        ),
        (
            "update_agency",
            vec![args(&[
                ("area_id", &dauh_s),
                ("agency_id", "999999"),
                ("name", ""),
                ("short_name", ""),
            ])],
        ),
        (
            "set_responsibility",
            vec![args(&[
                ("area_id", &dauh_s),
                ("category_id", "999999"),
                ("agency_id", ""),
            ])],
        ),
        ("save_category", vec![args(&[("name_id", ""), ("name_en", "")])]),
        ("import_agencies", vec![args(&[("area_id", &dauh_s), ("csv", "")])]),
        (
            "add_area",
            vec![args(&[("area_id", &dauh_s), ("name", ""), ("kind", "")])],
        ),
        ("plan_cycles", vec![args(&[])]),
        (
            "plan_funnel",
            vec![args(&[("id", &cycle)]), args(&[("id", &cycle), ("scope", "agency")])],
        ),
        (
            "plan_cycle",
            vec![args(&[("id", &cycle)]), args(&[("id", &cycle), ("tier", "1")])],
        ),
        (
            "plan_area",
            vec![
                args(&[("cycle", &cycle), ("tier", "0"), ("area", &dauh_s)]),
                args(&[("cycle", &cycle), ("tier", "1"), ("area", &barat)]),
            ],
        ),
        ("usulan", vec![args(&[("id", &on_ballot)]), args(&[("id", &stopped)])]),
        ("new_usulan_page", vec![args(&[("cycle", &cycle)])]),
        (
            "open_cycle",
            vec![args(&[("area_id", &den_s), ("year", ""), ("rule", "")])],
        ),
        (
            "submit_usulan",
            vec![args(&[
                ("cycle_id", &cycle),
                ("title", ""),
                ("category_id", &cat),
                ("problem", ""),
                ("action", ""),
                ("location", ""),
                ("volume", ""),
                ("unit", ""),
                ("cost", ""),
            ])],
        ),
        ("approve_usulan", vec![args(&[("id", &on_ballot), ("approve", "1")])]),
        (
            "verify_usulan",
            vec![args(&[
                ("id", &on_ballot),
                ("verdict", "not_feasible"),
                ("verify_reason", ""),
            ])],
        ),
        (
            "report_usulan_progress",
            vec![args(&[("id", &on_ballot), ("percent", "10"), ("report", "")])],
        ),
        ("count_votes", vec![args(&[("cycle_id", &cycle), ("tier", "1")])]),
        (
            "confirm_result",
            vec![args(&[("cycle_id", &cycle), ("tier", "1"), ("area_id", &barat)])],
        ),
        // Last: it ends the session.
        ("sign_out", vec![args(&[])]),
    ];
    let covered: BTreeSet<String> = functions.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(
        covered,
        server_functions(),
        "every server function must be called by this test"
    );
    routes.retain(|(_, urls)| !urls.is_empty());
    functions.retain(|(_, calls)| !calls.is_empty());

    let viewers = [
        ("visitor", browser()),
        ("resident", app.signed_in_as("warga.sawahlunto").await),
        ("moderator", moderator),
    ];
    let mut leaks: Vec<String> = Vec::new();
    let mut fetched = 0;
    for (who, c) in &viewers {
        for (_, urls) in &routes {
            for url in urls {
                let (status, body) = app.page(c, url).await;
                assert!(status < 500, "{who} GET {url}: {status}");
                fetched += 1;
                for s in leaked(&body) {
                    leaks.push(format!("{who} GET {url}: \"{s}\""));
                }
            }
        }
        for (endpoint, calls) in &functions {
            for form in calls {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let body = match app.call(c, endpoint, &form).await {
                    Ok(v) | Err(v) => v.to_string(),
                };
                fetched += 1;
                for s in leaked(&body) {
                    leaks.push(format!("{who} {endpoint}({form:?}): \"{s}\""));
                }
            }
        }
    }
    assert!(fetched > 300, "{fetched}");

    // Asking the log for someone's rows must not tell whether they appealed
    // an action on an anonymous complaint.
    for user in [ANON_USER, PRIV_USER] {
        let v = app.call(&browser(), "mod_log", &[("moderator", user)]).await.unwrap();
        let n = v["entries"].as_array().map(Vec::len).unwrap_or(0);
        if n != 0 {
            leaks.push(format!("mod_log(moderator={user}) lists {n} rows"));
        }
    }
    // Their profiles name them, of course, but say nothing of the complaints.
    for user in [ANON_USER, PRIV_USER] {
        let (_, body) = app.page(&browser(), &format!("/u/{user}")).await;
        for s in [
            ANON_TITLE,
            PRIV_TITLE,
            &format!("/complaints/{a}"),
            &format!("/complaints/{p}"),
        ] {
            if body.contains(s) {
                leaks.push(format!("/u/{user} shows {s}"));
            }
        }
    }
    assert!(leaks.is_empty(), "{} leaks:\n{}", leaks.len(), leaks.join("\n"));

    // The sweep saw the things it was looking through.
    let (_, html) = app.page(&browser(), &page).await;
    assert!(html.contains(ANON_TITLE) && html.contains("Anonim"));
    let (_, html) = app.page(&browser(), "/moderation/log").await;
    assert!(html.contains(&format!("/complaints/{a}")));
    // The complainant's appeal is there, as the complainant's.
    assert!(html.contains("pengadu (anonim)"), "the appeal is shown without a name");
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let (_, html) = app.page(&moderator, "/moderation").await;
    assert!(html.contains(ANON_TITLE) && html.contains("oleh pengadu (anonim)"));
    let (_, json) = app.page(&browser(), "/record.json").await;
    assert!(
        json.contains(&format!("\\\"subject_id\\\":{p}")),
        "the private complaint is in the record"
    );
}

/// Replies of a hidden thread, of a hidden proposal and of a merged one are
/// not found by search (on FTS5 and on tsvector alike), nor is a reply
/// written or edited while the thread is hidden; all come back when it is
/// restored.
#[tokio::test]
async fn search_never_finds_what_was_hidden() {
    let app = spawn().await;
    let author = app.signed_in_as("warga.denpasar").await;
    let other = app.signed_in_as("warga.kotalama").await;
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let cat = category(&app, "infrastruktur").await;
    let area = app.area_id("Dauh Puri").await.to_string();
    app.call(
        &author,
        "create_thread",
        &[
            ("title", "Jembatan gantung kuarsabiru"),
            ("body", "Jembatan gantung di ujung desa perlu diperiksa."),
            ("area_id", &area),
            ("category_id", &cat),
        ],
    )
    .await
    .unwrap();
    let thread = app.scalar("SELECT MAX(id) FROM threads WHERE usulan_id IS NULL").await;
    let t = thread.to_string();
    app.call(
        &other,
        "reply",
        &[("thread_id", &t), ("body", "Talinya berkarat, kata safirhijau.")],
    )
    .await
    .unwrap();
    let reply = app.scalar("SELECT MAX(id) FROM posts").await;
    let hits = |q: &'static str| {
        let app = &app;
        async move {
            let v = app.call(&browser(), "search", &[("q", q)]).await.unwrap();
            v["hits"].as_array().map(Vec::len).unwrap_or(0)
        }
    };
    assert_eq!(hits("safirhijau").await, 1);
    let opening = app
        .scalar(&format!("SELECT id FROM posts WHERE thread_id = {thread} AND seq = 0"))
        .await;
    moderate(&app, &moderator, "post", opening, "hide", &[]).await;
    assert_eq!(hits("safirhijau").await, 0, "a reply of a hidden thread");
    assert_eq!(hits("kuarsabiru").await, 0);
    let (_, html) = app.page(&browser(), "/search?q=safirhijau").await;
    assert!(!html.contains("kuarsabiru"), "the hidden thread's title is not shown");
    // Written and edited while it is hidden: still not found.
    app.call(
        &author,
        "reply",
        &[("thread_id", &t), ("body", "Sudah dilaporkan, kata zamrudungu.")],
    )
    .await
    .unwrap();
    app.call(
        &other,
        "edit_post",
        &[
            ("post_id", &reply.to_string()),
            ("body", "Talinya berkarat parah, kata safirhijau."),
        ],
    )
    .await
    .unwrap();
    assert_eq!(hits("zamrudungu").await, 0, "a reply written while hidden");
    assert_eq!(hits("safirhijau").await, 0, "a reply edited while hidden");
    moderate(&app, &moderator, "post", opening, "restore", &[]).await;
    assert_eq!(hits("safirhijau").await, 1, "back when restored");
    assert_eq!(hits("zamrudungu").await, 1);
    assert_eq!(hits("kuarsabiru").await, 1);

    // A proposal: hidden, restored, merged.
    let propose = |title: &'static str, area: String| {
        let app = &app;
        let author = &author;
        let cat = cat.clone();
        async move {
            app.call(
                author,
                "create_proposal",
                &[
                    ("title", title),
                    ("body", "Pasang lampu di sepanjang gang supaya aman malam hari."),
                    ("area_id", &area),
                    ("category_id", &cat),
                    ("publish", "1"),
                ],
            )
            .await
            .unwrap();
            app.scalar("SELECT MAX(id) FROM proposals").await
        }
    };
    let small = propose("Lampu gang topazungu", area.clone()).await;
    let big = propose("Lampu seluruh kota", app.area_id("Kota Denpasar").await.to_string()).await;
    let small_thread = app
        .scalar(&format!("SELECT thread_id FROM proposals WHERE id = {small}"))
        .await;
    app.call(
        &other,
        "reply",
        &[
            ("thread_id", &small_thread.to_string()),
            ("body", "Setuju, gang itu gelap sekali, kata opalmerah."),
        ],
    )
    .await
    .unwrap();
    assert_eq!(hits("opalmerah").await, 1);
    moderate(&app, &moderator, "proposal", small, "hide", &[]).await;
    assert_eq!(hits("opalmerah").await, 0, "a reply of a hidden proposal");
    assert_eq!(hits("topazungu").await, 0);
    moderate(&app, &moderator, "proposal", small, "restore", &[]).await;
    assert_eq!(hits("opalmerah").await, 1);
    moderate(
        &app,
        &moderator,
        "proposal",
        small,
        "merge",
        &[("into", &big.to_string())],
    )
    .await;
    assert_eq!(hits("opalmerah").await, 0, "a reply of a merged proposal");
    let (_, html) = app.page(&browser(), "/search?q=opalmerah").await;
    assert!(!html.contains("topazungu"));
}

/// A complaint (here a private one) is forwarded only to an agency that
/// serves its area: any other is refused with a translated reason, with or
/// without JavaScript, and nothing changes; the form offers only those.
#[tokio::test]
async fn forwarding_only_to_an_agency_serving_the_area() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let id = file(
        &app,
        &resident,
        dauh_puri,
        &[("private", "1"), ("title", PRIV_TITLE), ("body", PRIV_BODY)],
    )
    .await;
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let pupr = agency(&app, "Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar").await;
    let far = agency(&app, "Dinas Kesehatan Kabupaten Jayawijaya").await.to_string();
    let head = "SELECT seq FROM record_head WHERE id = 1";
    let before = app.scalar(head).await;
    let e = step(&app, &officer, id, "forwarded", &[("to_agency", &far)])
        .await
        .unwrap_err();
    assert_eq!(
        (code(&e), e["reason"].as_str()),
        ("refused".into(), Some("agency_outside_area"))
    );
    // Nothing changed.
    let agency_now = app
        .scalar(&format!("SELECT agency_id FROM complaints WHERE id = {id}"))
        .await;
    assert_eq!(agency_now, pupr);
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM complaint_steps WHERE complaint_id = {id}"
        ))
        .await,
        0
    );
    assert_eq!(app.scalar(head).await, before);
    // The same without JavaScript: back to the form, with the reason.
    let page = format!("/complaints/{id}");
    let r = app
        .post_form(
            &officer,
            "complaint_step",
            &page,
            &[
                ("id", &id.to_string()),
                ("event", "forwarded"),
                ("body", "Bukan wewenang kami."),
                ("to_agency", &far),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.page(&officer, &page).await;
    assert!(
        html.contains("tidak melayani wilayah pengaduan ini"),
        "the reason is shown"
    );
    assert_eq!(
        app.scalar(&format!("SELECT agency_id FROM complaints WHERE id = {id}"))
            .await,
        pupr
    );
    // The form offers the agencies serving Denpasar, and no others.
    assert!(html.contains("Dinas Lingkungan Hidup Kota Denpasar"));
    assert!(!html.contains("Jayawijaya"), "no agency of another place is offered");
    // One that serves the area is accepted.
    let dlh = agency(&app, "Dinas Lingkungan Hidup Kota Denpasar").await;
    step(&app, &officer, id, "forwarded", &[("to_agency", &dlh.to_string())])
        .await
        .unwrap();
    assert_eq!(
        app.scalar(&format!("SELECT agency_id FROM complaints WHERE id = {id}"))
            .await,
        dlh
    );
}
