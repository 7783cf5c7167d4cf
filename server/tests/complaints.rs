#![allow(clippy::unwrap_used)]
//! Complaints, SKM ratings and the accountability dashboard, over HTTP
//! against the real router on whichever backend the suite runs on.
mod common;
use app::domain::complaint::Event;
use app::domain::ids::{AgencyId, AreaId, CategoryId};
use app::domain::service::ServiceItem;
use app::model::Me;
use app::server::{complaints, dashboard, record, time, users};
use common::*;
use reqwest::Client;

/// `YYYY-MM-DD` of today in Bali (where every complaint here is filed).
fn today() -> String {
    time::iso_date(time::now(), "WITA")
}

/// Files a complaint about infrastructure in `area` and returns its id.
async fn file(app: &TestApp, c: &Client, area: i64, extra: &[(&str, &str)]) -> Result<i64, serde_json::Value> {
    let cat = category(app, "infrastruktur").await;
    let area = area.to_string();
    let date = today();
    let mut form = vec![
        ("title", "Lampu jalan padam sebulan"),
        (
            "body",
            "Lampu jalan di Jalan Gunung Agung padam sejak sebulan; malam hari gelap dan rawan.",
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
    app.call(c, "file_complaint", &form).await?;
    Ok(app.scalar("SELECT MAX(id) FROM complaints").await)
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

async fn rate(app: &TestApp, c: &Client, subject: &str, id: i64, scores: [&str; 9]) -> Result<(), serde_json::Value> {
    let id = id.to_string();
    let mut form = vec![("subject", subject), ("id", id.as_str())];
    let names = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];
    form.extend(names.iter().copied().zip(scores));
    app.call(c, "rate", &form).await.map(|_| ())
}

async fn me_of(app: &TestApp, username: &str) -> Me {
    let (id, display_name, home_area_id): (i64, String, i64) =
        sqlx::query_as("SELECT id, display_name, home_area_id FROM users WHERE username = $1")
            .bind(username)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    Me {
        id,
        username: username.into(),
        display_name,
        home_area_id,
        roles: users::roles_of(app.db(), id).await.unwrap(),
        unread: 0,
        ..Default::default()
    }
}

#[tokio::test]
async fn complaint_lifecycle_permissions_and_rating() {
    let app = spawn().await;
    let denpasar = app.area_id("Kota Denpasar").await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let id = file(&app, &resident, denpasar, &[]).await.unwrap();
    // Routed to the agency responsible for infrastructure in Denpasar, with
    // three deadlines in working days.
    let (agency, state, v, f, r, created): (String, String, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT g.name, c.state, c.verify_due, c.followup_due, c.resolve_due, c.created_at FROM complaints c \
         JOIN agencies g ON g.id = c.agency_id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(agency, "Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar");
    assert_eq!(state, "received");
    let day = |t: i64| time::local_day(t, "WITA");
    let start = day(created);
    let working = |n| app::domain::skm::add_working_days(start, n, &[]);
    assert_eq!((day(v), day(f), day(r)), (working(3), working(5), working(10)));
    let page = app.page(&resident, &format!("/complaints/{id}")).await;
    assert_eq!(page.0, 200);
    assert!(page.1.contains("Lampu jalan padam sebulan") && page.1.contains("Ni Luh Ayu"));

    // Only an officer of that agency (or an admin) takes steps, in order.
    let other_officer = app.signed_in_as("petugas.dinkes.jayawijaya").await;
    let e = step(&app, &other_officer, id, "verified", &[]).await.unwrap_err();
    assert_eq!(code(&e), "forbidden");
    let e = step(&app, &resident, id, "verified", &[]).await.unwrap_err();
    assert_eq!(code(&e), "forbidden");
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let e = step(&app, &officer, id, "resolved", &[]).await.unwrap_err();
    assert_eq!(
        (code(&e), e["reason"].as_str()),
        ("refused".into(), Some("complaint_step"))
    );
    let e = step(&app, &officer, id, "teleported", &[]).await.unwrap_err();
    assert_eq!(e["field"], "event");
    let e = app
        .call(
            &officer,
            "complaint_step",
            &[("id", &id.to_string()), ("event", "verified"), ("body", "  ")],
        )
        .await
        .unwrap_err();
    assert_eq!(e["field"], "body");
    // Rating before it is resolved.
    let e = rate(&app, &resident, "complaint", id, ["4"; 9]).await.unwrap_err();
    assert_eq!(e["reason"], "not_rateable");
    let steps = format!("SELECT COUNT(*) FROM complaint_steps WHERE complaint_id = {id}");
    assert_eq!(app.scalar(&steps).await, 0);

    step(&app, &officer, id, "verified", &[]).await.unwrap();
    step(&app, &officer, id, "in_progress", &[]).await.unwrap();
    step(&app, &officer, id, "resolved", &[]).await.unwrap();
    let (state, first): (String, Option<i64>) =
        sqlx::query_as("SELECT state, first_response_at FROM complaints WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(state, "resolved");
    assert!(first.is_some());
    // The complainant was told of each step.
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM notifications WHERE complaint_id = {id} AND kind = 'complaint'"
        ))
        .await,
        3
    );
    let notes = app.page(&resident, "/notifications").await.1;
    assert!(notes.contains(&format!("/complaints/{id}#steps")));
    assert!(
        notes.contains("Pengaduan “"),
        "named a complaint, not a proposal: {}",
        &notes[notes.find("<main").unwrap_or(0)..]
    );
    // Every step is in the verifiable record.
    let events: Vec<String> =
        sqlx::query_scalar("SELECT event FROM record WHERE subject = 'complaint' AND subject_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(events, ["filed", "verified", "in_progress", "resolved"]);
    assert!(record::verify(app.db()).await.unwrap().is_ok());

    // Ratings: not by the officer, not by another resident, not out of range,
    // once by the complainant.
    let e = rate(&app, &officer, "complaint", id, ["4"; 9]).await.unwrap_err();
    assert_eq!(e["reason"], "own_agency");
    let stranger = app.signed_in_as("warga.kotalama").await;
    let e = rate(&app, &stranger, "complaint", id, ["4"; 9]).await.unwrap_err();
    assert_eq!(code(&e), "forbidden");
    let mut bad = ["3"; 9];
    bad[2] = "5";
    let e = rate(&app, &resident, "complaint", id, bad).await.unwrap_err();
    assert_eq!(e["field"], "u3");
    bad[2] = "";
    let e = rate(&app, &resident, "complaint", id, bad).await.unwrap_err();
    assert_eq!(e["field"], "u3");
    rate(
        &app,
        &resident,
        "complaint",
        id,
        ["4", "3", "3", "4", "3", "4", "4", "3", "3"],
    )
    .await
    .unwrap();
    let e = rate(&app, &resident, "complaint", id, ["1"; 9]).await.unwrap_err();
    assert_eq!(e["reason"], "already_rated");
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM ratings WHERE subject_id = {id}"))
            .await,
        1
    );
    let page = app.page(&resident, &format!("/complaints/{id}")).await.1;
    assert!(page.contains("id=\"rating\"") && !page.contains("name=\"u1\""));

    // After resolution it can be closed, and nothing moves after that.
    step(&app, &officer, id, "closed", &[]).await.unwrap();
    let e = step(&app, &officer, id, "in_progress", &[]).await.unwrap_err();
    assert_eq!(e["reason"], "complaint_step");
    let e = step(&app, &officer, 999_999, "verified", &[]).await.unwrap_err();
    assert_eq!(code(&e), "not_found");
}

#[tokio::test]
async fn a_complaint_form_must_be_complete_and_nothing_is_half_written() {
    let app = spawn().await;
    let denpasar = app.area_id("Kota Denpasar").await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let tomorrow = time::iso_date(time::now() + 86_400, "WIT");
    // The demo data has complaints of its own.
    let counts = || async {
        (
            app.scalar("SELECT COUNT(*) FROM complaints").await,
            app.scalar("SELECT COUNT(*) FROM record").await,
            app.scalar("SELECT COUNT(*) FROM service_items").await,
            app.scalar("SELECT COUNT(*) FROM dashboard_cells").await,
        )
    };
    let before = counts().await;
    let cases: [(&[(&str, &str)], &str); 6] = [
        (&[("happened_on", "")], "happened_on"),
        (&[("happened_on", "2026-02-30")], "happened_on"),
        (&[("happened_on", tomorrow.as_str())], "happened_on"),
        (&[("body", "Lampu padam.")], "body"),
        (&[("category_id", "")], "category_id"),
        (&[("area_id", "999999")], "area_id"),
    ];
    for (extra, field) in cases {
        // Later pairs replace earlier ones in a server function's form.
        let cat = category(&app, "infrastruktur").await;
        let area = denpasar.to_string();
        let date = today();
        let mut form: Vec<(&str, &str)> = vec![
            ("title", "Lampu jalan padam sebulan"),
            ("body", "Lampu jalan di Jalan Gunung Agung padam sejak sebulan lamanya."),
            ("area_id", &area),
            ("category_id", &cat),
            ("happened_on", &date),
        ];
        for (k, v) in extra.iter() {
            form.retain(|(name, _)| name != k);
            form.push((k, v));
        }
        let e = app.call(&resident, "file_complaint", &form).await.unwrap_err();
        assert_eq!(e["field"], field, "{extra:?}: {e}");
    }
    let visitor = browser();
    let e = file(&app, &visitor, denpasar, &[]).await.unwrap_err();
    assert_eq!(code(&e), "not_signed_in");
    assert_eq!(counts().await, before, "nothing written");
    // The same form works without JavaScript: a redirect to the complaint.
    let cat = category(&app, "infrastruktur").await;
    let area = denpasar.to_string();
    let date = today();
    let r = app
        .post_form(
            &resident,
            "file_complaint",
            "/complaints/new",
            &[
                ("title", "Trotoar rusak di depan sekolah"),
                (
                    "body",
                    "Trotoar di depan SD 3 berlubang besar; anak-anak harus turun ke jalan.",
                ),
                ("area_id", &area),
                ("category_id", &cat),
                ("happened_on", &date),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 302);
    let id = app.scalar("SELECT MAX(id) FROM complaints").await;
    assert_eq!(r.headers()["location"], format!("/complaints/{id}?filed=1").as_str());
}

#[tokio::test]
async fn private_complaints_are_seen_only_by_the_complainant_the_agency_and_admins() {
    let app = spawn().await;
    let denpasar = app.area_id("Kota Denpasar").await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let id = file(
        &app,
        &resident,
        denpasar,
        &[("private", "1"), ("title", "Pungutan liar di kantor kelurahan")],
    )
    .await
    .unwrap();
    let path = format!("/complaints/{id}");
    for who in ["petugas.pupr.denpasar", "admin"] {
        let c = app.signed_in_as(who).await;
        assert_eq!(app.page(&c, &path).await.0, 200, "{who}");
    }
    assert_eq!(app.page(&resident, &path).await.0, 200);
    let stranger = app.signed_in_as("warga.kotalama").await;
    let other_officer = app.signed_in_as("petugas.dinkes.jayawijaya").await;
    for c in [&browser(), &stranger, &other_officer] {
        assert_eq!(app.page(c, &path).await.0, 404);
        let e = step(&app, c, id, "verified", &[]).await.unwrap_err();
        assert!(["not_found", "not_signed_in"].contains(&code(&e).as_str()), "{e}");
    }
    for (c, list) in [
        (&browser(), "/complaints"),
        (&stranger, "/complaints?scope=mine"),
        (&stranger, "/record"),
    ] {
        assert!(!app.page(c, list).await.1.contains("Pungutan liar"), "{list}");
    }
    assert!(app
        .page(&resident, "/complaints?scope=mine")
        .await
        .1
        .contains("Pungutan liar"));
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    assert!(app
        .page(&officer, "/complaints?scope=desk")
        .await
        .1
        .contains("Pungutan liar"));
    assert_eq!(app.page(&stranger, "/complaints?scope=desk").await.0, 403);
    // The record says that something happened, not what.
    step(&app, &officer, id, "verified", &[]).await.unwrap();
    let export = app.page(&browser(), "/record.json").await.1;
    assert!(!export.contains("Pungutan liar") && !export.contains("Sudah kami periksa"));
    assert!(export.contains("\\\"event\\\":\\\"verified\\\""));
}

#[tokio::test]
async fn forwarding_moves_a_complaint_and_its_count_to_another_agency() {
    let app = spawn().await;
    let denpasar = app.area_id("Kota Denpasar").await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let id = file(&app, &resident, denpasar, &[]).await.unwrap();
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let dlh: i64 = sqlx::query_scalar("SELECT id FROM agencies WHERE name = 'Dinas Lingkungan Hidup Kota Denpasar'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let pupr: i64 = sqlx::query_scalar("SELECT agency_id FROM complaints WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let e = step(&app, &officer, id, "forwarded", &[]).await.unwrap_err();
    assert_eq!(e["field"], "to_agency");
    let e = step(&app, &officer, id, "forwarded", &[("to_agency", "999999")])
        .await
        .unwrap_err();
    assert_eq!(e["field"], "to_agency");
    let month = dashboard::month_of(time::now(), "WITA");
    let received = |g: i64| {
        let month = month.clone();
        let pool = app.db().pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT received FROM dashboard_cells WHERE period = $1 AND agency_id = $2 AND area_id = 0 AND officer_id = 0",
            )
            .bind(month)
            .bind(g)
            .fetch_optional(&pool)
            .await
            .unwrap()
            .unwrap_or(0)
        }
    };
    // (The demo data has items of its own this month.)
    let before = (received(pupr).await, received(dlh).await, received(0).await);
    let dlh_s = dlh.to_string();
    step(&app, &officer, id, "forwarded", &[("to_agency", &dlh_s)])
        .await
        .unwrap();
    let (state, agency, first): (String, i64, Option<i64>) =
        sqlx::query_as("SELECT state, agency_id, first_response_at FROM complaints WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(
        (state.as_str(), agency, first),
        ("received", dlh, None),
        "forwarding is not an answer"
    );
    let after = (received(pupr).await, received(dlh).await, received(0).await);
    assert_eq!((after.0 - before.0, after.1 - before.1, after.2 - before.2), (-1, 1, 0));
    // The old agency can no longer act on it.
    let e = step(&app, &officer, id, "verified", &[]).await.unwrap_err();
    assert_eq!(code(&e), "forbidden");
    let page = app.page(&resident, &format!("/complaints/{id}")).await.1;
    assert!(page.contains("Dinas Lingkungan Hidup Kota Denpasar"));
}

/// Everywhere the public can look: the author of an anonymous complaint is
/// never named, though the agency sees who it is.
#[tokio::test]
async fn anonymous_complaints_never_name_their_author_in_public() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    let denpasar = app.area_id("Kota Denpasar").await;
    let bali = app.area_id("Bali").await;
    let who = resident(&app, "pelapor.rahasia", dauh_puri).await;
    // Area pages name each new resident ("joined"), which is not about the
    // complaint: take that line away so that any mention found is a leak.
    sqlx::query("DELETE FROM activity WHERE actor_id = (SELECT id FROM users WHERE username = 'pelapor.rahasia')")
        .execute(&app.db().pool)
        .await
        .unwrap();
    let id = file(
        &app,
        &who,
        dauh_puri,
        &[("anonymous", "1"), ("title", "Antrean KTP tanpa nomor")],
    )
    .await
    .unwrap();
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    step(&app, &officer, id, "verified", &[]).await.unwrap();
    step(&app, &officer, id, "resolved", &[]).await.unwrap();
    rate(&app, &who, "complaint", id, ["3"; 9]).await.unwrap();
    // The agency and admins see the name; the complainant too.
    let page = format!("/complaints/{id}");
    for c in [&officer, &app.signed_in_as("admin").await, &who] {
        assert!(app.page(c, &page).await.1.contains("pelapor.rahasia"));
    }
    let month = dashboard::month_of(time::now(), "WITA");
    let paths = [
        page.clone(),
        "/complaints".into(),
        format!("/complaints?area={denpasar}"),
        "/record".into(),
        format!("/record?area={bali}"),
        "/record.json".into(),
        "/record.csv".into(),
        format!("/record.json?area={dauh_puri}"),
        format!("/area/{dauh_puri}"),
        format!("/area/{dauh_puri}/feed.atom"),
        format!("/area/{denpasar}/proposals.atom"),
        "/".into(),
        "/search?q=Antrean".into(),
        "/search?scope=complaints&q=Antrean".into(),
        "/dashboard".into(),
        format!("/dashboard?area={denpasar}"),
        format!("/dashboard.csv?period={month}"),
        format!("/dashboard.json?period={month}&area={denpasar}"),
    ];
    let stranger = app.signed_in_as("warga.kotalama").await;
    for c in [&browser(), &stranger] {
        for p in &paths {
            let (status, body) = app.page(c, p).await;
            assert_eq!(status, 200, "{p}");
            assert!(!body.contains("pelapor.rahasia"), "{p} names the author");
        }
        // Their profile names them, of course, but not the complaint.
        assert!(!app.page(c, "/u/pelapor.rahasia").await.1.contains("Antrean KTP"));
    }
    // The page itself says it is anonymous.
    assert!(app.page(&browser(), &page).await.1.contains("Anonim"));
}

/// The dashboard's figures against a hand-computed fixture: four complaints
/// to one agency in one month, three answered (after 2, 30 and 200 hours;
/// the last past its 5-working-day deadline), one still open past its
/// deadline, and two ratings.
#[tokio::test]
async fn dashboard_figures_match_a_hand_computed_fixture() {
    let app = spawn().await;
    let db = app.db();
    let denpasar = app.area_id("Kota Denpasar").await;
    let bali = app.area_id("Bali").await;
    let resident = me_of(&app, "warga.denpasar").await;
    let other = me_of(&app, "warga.kotalama").await;
    let officer = me_of(&app, "petugas.pupr.denpasar").await;
    let infra: i64 = category(&app, "infrastruktur").await.parse().unwrap();
    // Monday 3 November 2025, 09:00 WITA (a month the demo data never touches).
    let t0 = time::end_of_day(time::days_from_civil(2025, 11, 2), "WITA") + 1 + 9 * 3600;
    let new = |title: &str| complaints::NewComplaint {
        title: title.into(),
        body: "Uraian yang cukup panjang untuk ditindaklanjuti oleh instansi.".into(),
        area_id: AreaId(denpasar),
        category_id: CategoryId(infra),
        location: String::new(),
        happened_on: time::days_from_civil(2025, 11, 2),
        anonymous: false,
        private: false,
        point: None,
        photos: Vec::new(),
    };
    let mut ids = Vec::new();
    for (n, who) in [&resident, &resident, &other, &resident].into_iter().enumerate() {
        ids.push(
            complaints::file(&app.state, who, new(&format!("Pengaduan uji {n}")), t0)
                .await
                .unwrap(),
        );
    }
    const H: i64 = 3600;
    for (id, after) in ids.iter().zip([2 * H, 30 * H, 200 * H]) {
        complaints::step(
            &app.state,
            &officer,
            *id,
            Event::Verified,
            "Diverifikasi.",
            None,
            t0 + after,
        )
        .await
        .unwrap();
        complaints::step(
            &app.state,
            &officer,
            *id,
            Event::Resolved,
            "Selesai.",
            None,
            t0 + after + H,
        )
        .await
        .unwrap();
    }
    let (a, b) = ([4, 4, 4, 4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3, 3, 3, 2]);
    complaints::rate(db, &resident, ServiceItem::Complaint(ids[0]), a, "", t0 + 10 * H)
        .await
        .unwrap();
    complaints::rate(db, &other, ServiceItem::Complaint(ids[2]), b, "Lambat.", t0 + 300 * H)
        .await
        .unwrap();
    let now = t0 + 25 * 86_400;
    // The minute's sweep counts the open one as overdue (once, however often
    // it runs); the answered ones never were.
    assert_eq!(dashboard::sweep(db, &app.state.config, now).await.unwrap(), 1);
    assert_eq!(dashboard::sweep(db, &app.state.config, now).await.unwrap(), 0);
    let q = |area: Option<i64>, agency: Option<i64>| dashboard::Query {
        kind: "month".into(),
        period: "2025-11".into(),
        area: area.map(AreaId),
        agency: agency.map(AgencyId),
    };
    let pupr: i64 = sqlx::query_scalar("SELECT agency_id FROM complaints WHERE id = $1")
        .bind(ids[0])
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let lang = app::model::Lang::En;
    let page = dashboard::page(&app.state, lang, Some(&officer), q(Some(denpasar), Some(pupr)), now)
        .await
        .unwrap();
    let t = &page.total;
    assert_eq!((t.received, t.answered, t.overdue), (4, 3, 1));
    // Nearest rank: the median of 2, 30, 200 hours is 30; the 90th percentile is 200.
    assert_eq!((t.median_hours, t.p90_hours), (Some(30.0), Some(200.0)));
    // 200 hours is past 5 working days (Monday 10 November, end of day).
    assert_eq!(t.on_time_pct, Some(66.7));
    // Element means 3.5 (×8) and 3.0; their mean 31 / 9 = 3.444…; × 25 =
    // 86.11, which would be a B, but two ratings are too few for a grade.
    assert_eq!((t.ratings, t.ikm, t.grade.as_deref()), (2, Some(86.11), None));
    assert_eq!(t.elements, vec![3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.0]);
    assert_eq!(page.by_agency.len(), 1);
    assert_eq!(
        page.by_agency[0].label,
        "Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar"
    );
    // The same figures for the province, the quarter and the year, and for
    // all agencies together.
    for (period, kind) in [("2025-11", "month"), ("2025-Q4", "quarter"), ("2025", "year")] {
        let q = dashboard::Query {
            kind: kind.into(),
            period: period.into(),
            area: Some(AreaId(bali)),
            agency: None,
        };
        let p = dashboard::page(&app.state, lang, None, q, now).await.unwrap();
        let t = &p.total;
        assert_eq!(
            (t.received, t.answered, t.median_hours, t.p90_hours, t.ikm),
            (4, 3, Some(30.0), Some(200.0), Some(86.11)),
            "{period}"
        );
        assert!(p.by_area.iter().any(|f| f.id == denpasar && f.received == 4));
        assert!(p.officers.is_empty(), "the public sees no officer's figures");
    }
    // The officer sees their own figures; ratings count for them too.
    assert_eq!(page.officers.len(), 1);
    let o = &page.officers[0];
    assert_eq!(
        (o.answered, o.median_hours, o.ratings, o.ikm),
        (3, Some(30.0), 2, Some(86.11))
    );
    // The trend of the month.
    let nov = page.trend.iter().find(|p| p.month == "2025-11").unwrap();
    assert_eq!((nov.received, nov.answered, nov.ikm), (4, 3, Some(86.11)));
    // Another month has nothing.
    let empty = dashboard::page(
        &app.state,
        lang,
        None,
        dashboard::Query {
            period: "2025-10".into(),
            ..q(None, None)
        },
        now,
    )
    .await
    .unwrap();
    assert_eq!((empty.total.received, empty.total.ikm), (0, None));
    // Answering the overdue one, late, takes it off the overdue count.
    complaints::step(
        &app.state,
        &officer,
        ids[3],
        Event::Rejected,
        "Bukan wewenang kami.",
        None,
        now,
    )
    .await
    .unwrap();
    let page = dashboard::page(&app.state, lang, None, q(Some(denpasar), Some(pupr)), now)
        .await
        .unwrap();
    let t = &page.total;
    assert_eq!(
        (t.received, t.answered, t.overdue, t.on_time_pct),
        (4, 4, 0, Some(50.0))
    );
}

#[tokio::test]
async fn proposal_authors_and_supporters_rate_the_final_answer_once() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    let author = app.signed_in_as("warga.denpasar").await;
    let cat = category(&app, "infrastruktur").await;
    let area = dauh_puri.to_string();
    app.call(
        &author,
        "create_proposal",
        &[
            ("title", "Taman bermain di Dauh Puri"),
            ("body", "Lahan kosong di ujung gang bisa menjadi taman bermain."),
            ("area_id", &area),
            ("category_id", &cat),
            ("publish", "1"),
        ],
    )
    .await
    .unwrap();
    let id = app.scalar("SELECT MAX(id) FROM proposals").await;
    let ids = id.to_string();
    let mut supporters = Vec::new();
    for n in 0..3 {
        let c = resident(&app, &format!("pendukung{n}"), dauh_puri).await;
        app.call(&c, "support", &[("id", &ids), ("support", "1")])
            .await
            .unwrap();
        supporters.push(c);
    }
    let e = rate(&app, &supporters[0], "proposal", id, ["4"; 9]).await.unwrap_err();
    assert_eq!(e["reason"], "not_rateable");
    // The proposal counts on the dashboard as received, then answered (the
    // demo data has its own items in this month too).
    let month = dashboard::month_of(time::now(), "WITA");
    let cell = || {
        let (pool, month) = (app.db().pool.clone(), month.clone());
        async move {
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT received, answered FROM dashboard_cells WHERE period = $1 AND agency_id = 0 AND area_id = 0 AND officer_id = 0",
            )
            .bind(month)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let before = cell().await;
    assert!(before.0 >= 1, "received when it reached the threshold");
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    app.call_confirmed(
        &officer,
        "answer",
        &[
            ("id", &ids),
            ("kind", "response"),
            ("to", "accepted"),
            ("body", "Kami terima."),
        ],
    )
    .await
    .unwrap();
    let after = cell().await;
    assert_eq!((after.0 - before.0, after.1 - before.1), (0, 1));
    rate(&app, &supporters[0], "proposal", id, ["4"; 9]).await.unwrap();
    rate(&app, &author, "proposal", id, ["2"; 9]).await.unwrap();
    let e = rate(&app, &author, "proposal", id, ["2"; 9]).await.unwrap_err();
    assert_eq!(e["reason"], "already_rated");
    let e = rate(
        &app,
        &app.signed_in_as("warga.kotalama").await,
        "proposal",
        id,
        ["2"; 9],
    )
    .await
    .unwrap_err();
    assert_eq!(code(&e), "forbidden");
    let e = rate(&app, &officer, "proposal", id, ["4"; 9]).await.unwrap_err();
    assert_eq!(e["reason"], "own_agency");
    let page = app.page(&supporters[1], &format!("/proposals/{id}")).await.1;
    assert!(
        page.contains("name=\"u9\""),
        "the rating form is offered to a supporter"
    );
    // (Denpasar only: the demo data rated a service elsewhere.)
    let denpasar = app.area_id("Kota Denpasar").await;
    let json = app
        .page(&browser(), &format!("/dashboard.json?period={month}&area={denpasar}"))
        .await
        .1;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["rows"][0]["ratings"], 2);
    assert_eq!(v["rows"][0]["ikm"], 75.0);
    assert_eq!(
        v["rows"][0]["grade"],
        serde_json::Value::Null,
        "too few ratings for a grade"
    );
}

#[tokio::test]
async fn admins_set_complaint_deadlines_and_holidays_for_an_area_and_below() {
    let app = spawn().await;
    let denpasar = app.area_id("Kota Denpasar").await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    let today = time::local_day(time::now(), "WITA");
    let skm = app::domain::skm::add_working_days;
    // The next working day is a holiday in the city.
    let holiday = skm(today, 1, &[]);
    let holidays = format!("{} Hari raya uji\n", time::iso_day(holiday));
    let area = denpasar.to_string();
    let form = |v: &'static str, f: &'static str, r: &'static str| {
        vec![
            ("complaint_area_id", area.clone()),
            ("verify_days", v.to_owned()),
            ("followup_days", f.to_owned()),
            ("resolve_days", r.to_owned()),
            ("holidays", holidays.clone()),
        ]
    };
    let call = |c: Client, form: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(&c, "set_complaint_rules", &pairs).await
        }
    };
    let e = call(app.signed_in_as("petugas.pupr.denpasar").await, form("2", "4", "8"))
        .await
        .unwrap_err();
    assert_eq!(code(&e), "forbidden");
    let admin = app.signed_in_as("admin").await;
    for (f, field) in [
        (form("0", "4", "8"), "verify_days"),
        (form("2", "x", "8"), "followup_days"),
        (form("5", "4", "8"), "resolve_days"),
        (form("2", "4", "61"), "resolve_days"),
    ] {
        let e = call(admin.clone(), f).await.unwrap_err();
        assert_eq!(e["field"], field);
    }
    let mut bad = form("2", "4", "8");
    bad[4].1 = "25-12-2026 Natal".into();
    assert_eq!(call(admin.clone(), bad).await.unwrap_err()["field"], "holidays");
    let mut unknown = form("2", "4", "8");
    unknown[0].1 = "999999".into();
    assert_eq!(
        call(admin.clone(), unknown).await.unwrap_err()["field"],
        "complaint_area_id"
    );
    let days = |id: i64| {
        let pool = app.db().pool.clone();
        async move {
            sqlx::query_as::<_, (i64, i64, i64)>(
                "SELECT verify_days, followup_days, resolve_days FROM areas WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(days(dauh_puri).await, (3, 5, 10), "nothing changed by refused forms");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM area_holidays").await, 0);
    call(admin.clone(), form("2", "4", "8")).await.unwrap();
    assert_eq!(days(denpasar).await, (2, 4, 8));
    assert_eq!(days(dauh_puri).await, (2, 4, 8), "the areas below follow");
    assert_eq!(
        days(app.area_id("Welesi").await).await,
        (3, 5, 10),
        "other places do not"
    );
    // A complaint in a village of the city: its deadlines skip the holiday.
    let resident = app.signed_in_as("warga.denpasar").await;
    let id = file(&app, &resident, dauh_puri, &[]).await.unwrap();
    let (v, f, r): (i64, i64, i64) =
        sqlx::query_as("SELECT verify_due, followup_due, resolve_due FROM complaints WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let day = |t: i64| time::local_day(t, "WITA");
    let h = [holiday];
    assert_eq!(
        (day(v), day(f), day(r)),
        (skm(today, 2, &h), skm(today, 4, &h), skm(today, 8, &h))
    );
    assert_eq!(day(v), skm(today, 3, &[]), "one day later than without the holiday");
}

/// "Belum selesai": the complainant of a resolved complaint says it is not
/// fixed; it goes back to the agency, counts on the dashboard, and never
/// names an anonymous complainant.
#[tokio::test]
async fn a_complainant_can_say_a_resolved_complaint_is_not_fixed() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    let who = resident(&app, "pelapor.kecewa", dauh_puri).await;
    let id = file(&app, &who, dauh_puri, &[("anonymous", "1")]).await.unwrap();
    let ids = id.to_string();
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let stranger = app.signed_in_as("warga.denpasar").await;
    let reopen = |c: &Client| {
        let form = [
            ("id", ids.as_str()),
            ("body", "Lampunya mati lagi sejak kemarin malam."),
        ];
        let c = c.clone();
        let app = &app;
        async move { app.call(&c, "reopen_complaint", &form).await }
    };
    // Only once resolved.
    step(&app, &officer, id, "verified", &[]).await.unwrap();
    let e = reopen(&who).await.unwrap_err();
    assert_eq!(code(&e), "refused", "{e}");
    let page = format!("/complaints/{id}");
    assert!(!app.page(&who, &page).await.1.contains("id=\"reopen\""));
    step(&app, &officer, id, "resolved", &[]).await.unwrap();
    assert!(app.page(&who, &page).await.1.contains("id=\"reopen\""));
    assert!(!app.page(&stranger, &page).await.1.contains("id=\"reopen\""));
    // Only by its complainant.
    for c in [&officer, &stranger] {
        let e = reopen(c).await.unwrap_err();
        assert_eq!(code(&e), "forbidden", "{e}");
    }
    let e = app
        .call(
            &officer,
            "complaint_step",
            &[("id", &ids), ("event", "reopened"), ("body", "x")],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&e), "field", "officers have no such step: {e}");
    // Nothing said: nothing done.
    let e = app
        .call(&who, "reopen_complaint", &[("id", &ids), ("body", " ")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "field", "{e}");
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM complaints WHERE id = {id} AND state = 'resolved'"
        ))
        .await,
        1
    );

    reopen(&who).await.unwrap();
    let (state, resolved_at, desk_due): (String, Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT state, resolved_at, desk_due FROM complaints WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(state, "in_progress");
    assert_eq!(resolved_at, None, "no longer counts as resolved");
    assert!(desk_due.is_some(), "back on the agency's desk");
    let events: Vec<String> =
        sqlx::query_scalar("SELECT event FROM record WHERE subject = 'complaint' AND subject_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(events, ["filed", "verified", "resolved", "reopened"]);
    let month = dashboard::month_of(time::now(), "WITA");
    let reopened: i64 = sqlx::query_scalar(
        "SELECT reopened FROM dashboard_cells WHERE period = $1 AND agency_id = 0 AND area_id = 0 AND officer_id = 0",
    )
    .bind(&month)
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(reopened, 1);
    let json = app.page(&browser(), &format!("/dashboard.json?period={month}")).await.1;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["rows"][0]["reopened"], 1, "{v}");
    let csv = app.page(&browser(), &format!("/dashboard.csv?period={month}")).await.1;
    assert!(csv.starts_with("period,scope,id,name,received,answered,overdue,reopened,"));
    // The dashboard says so; twice is refused until it is resolved again.
    let (_, board) = app.page(&browser(), "/dashboard").await;
    assert!(board.contains("Dibuka lagi oleh pelapor"), "{board}");
    assert_eq!(code(&reopen(&who).await.unwrap_err()), "refused");

    // The complainant sees a confirmation; the step is by "Pelapor"; no
    // public output names the anonymous complainant.
    let (_, mine) = app.page(&who, &format!("{page}?reopened=1")).await;
    assert!(mine.contains("pengaduan kembali ke instansi"), "{mine}");
    for c in [&browser(), &stranger] {
        for p in [page.as_str(), "/record", "/record.json", "/record.csv", "/complaints"] {
            let (status, body) = app.page(c, p).await;
            assert_eq!(status, 200, "{p}");
            assert!(!body.contains("pelapor.kecewa"), "{p} names the complainant");
        }
    }
    let (_, public) = app.page(&browser(), &page).await;
    assert!(public.contains("Belum selesai menurut pelapor"));
    assert!(public.contains("Pelapor"));
    assert!(public.contains("Lampunya mati lagi"));
}

/// Search finds public complaints (anonymous ones without a name), never a
/// private one, nor a hidden one, nor the words a redaction took out.
#[tokio::test]
async fn search_finds_public_complaints_and_nothing_it_must_not() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    let who = resident(&app, "pelapor.jalan", dauh_puri).await;
    let search = |q: &'static str| format!("/search?scope=complaints&q={q}");
    let public = file(
        &app,
        &who,
        dauh_puri,
        &[("title", "Jembatan gantung Tukad Badung retak")],
    )
    .await
    .unwrap();
    let anonymous = file(
        &app,
        &who,
        dauh_puri,
        &[("anonymous", "1"), ("title", "Jembatan bambu Banjar Tegal goyang")],
    )
    .await
    .unwrap();
    let private = file(
        &app,
        &who,
        dauh_puri,
        &[("private", "1"), ("title", "Jembatan di depan rumah nomor 12 ambruk")],
    )
    .await
    .unwrap();
    for c in [&browser(), &who] {
        let (status, page) = app.page(c, &search("jembatan")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("href=\"/complaints/{public}\"")), "{page}");
        assert!(page.contains(&format!("href=\"/complaints/{anonymous}\"")));
        assert!(
            !page.contains(&format!("href=\"/complaints/{private}\"")),
            "a private complaint is never found"
        );
        assert!(!page.contains("nomor 12"));
        assert!(page.contains(&format!("Pengaduan #{public}")));
    }
    let (_, page) = app.page(&browser(), &search("jembatan")).await;
    assert!(!page.contains("pelapor.jalan"), "a hit never says who filed it");
    // The forum search is a tab away and finds none of them.
    let (_, posts) = app.page(&browser(), "/search?q=jembatan").await;
    assert!(!posts.contains("/complaints/"));
    assert!(posts.contains("scope=complaints"));

    // Hidden: gone from search; a redaction's words too.
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let hide = [
        ("kind", "complaint"),
        ("id", &public.to_string()),
        ("action", "hide"),
        ("reason", "Memuat data pribadi."),
    ];
    app.call(&moderator, "moderate", &hide).await.unwrap();
    let (_, page) = app.page(&browser(), &search("Badung")).await;
    assert!(!page.contains(&format!("/complaints/{public}\"")), "{page}");
    let a = anonymous.to_string();
    let redact = [
        ("kind", "complaint"),
        ("id", a.as_str()),
        ("action", "redact"),
        ("reason", "Memuat data pribadi."),
        ("text", "Jembatan bambu goyang; [disunting]."),
    ];
    app.call(&moderator, "moderate", &redact).await.unwrap();
    let (_, page) = app.page(&browser(), &search("gunung")).await;
    assert!(
        !page.contains(&format!("/complaints/{anonymous}\"")),
        "the redacted words are not found"
    );
    let (_, page) = app.page(&browser(), &search("disunting")).await;
    assert!(page.contains(&format!("/complaints/{anonymous}\"")));
}
