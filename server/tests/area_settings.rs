#![allow(clippy::unwrap_used)]
//! Per-area settings on the area's admin page, inherited downwards: an area
//! that sets its own keeps them when the area above changes, the others
//! follow, and an area can go back to inheriting.
mod common;
use common::*;

async fn rules(app: &TestApp, name: &str) -> (i64, i64, i64) {
    sqlx::query_as("SELECT support_threshold, response_days, rules_here FROM areas WHERE name = $1")
        .bind(name)
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
}

async fn deadlines(app: &TestApp, name: &str) -> (i64, i64, i64) {
    sqlx::query_as("SELECT verify_days, followup_days, resolve_days FROM areas WHERE name = $1")
        .bind(name)
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
}

fn ok(r: Result<serde_json::Value, serde_json::Value>) {
    if let Err(e) = r {
        panic!("{e}");
    }
}

#[tokio::test]
async fn an_areas_own_setting_survives_a_change_above_and_the_others_follow() {
    let app = spawn().await;
    let admin = app.signed_in_as("admin").await;
    let id = |name: &'static str| {
        let app = &app;
        async move { app.area_id(name).await.to_string() }
    };
    let (kota, dauh_puri) = (id("Kota Denpasar").await, id("Dauh Puri").await);
    let set_rules = |area: String, t: &'static str, d: &'static str, inherit: &'static str| {
        let (app, admin) = (&app, admin.clone());
        async move {
            app.call(
                &admin,
                "set_area_rules",
                &[
                    ("rules_area_id", area.as_str()),
                    ("support_threshold", t),
                    ("response_days", d),
                    ("inherit", inherit),
                ],
            )
            .await
        }
    };
    // The demo sets 3 supports at each province; a village inherits them.
    assert_eq!(rules(&app, "Panjer").await, (3, 10, 0));
    ok(set_rules(dauh_puri.clone(), "2", "5", "").await);
    ok(set_rules(kota.clone(), "7", "12", "").await);
    assert_eq!(rules(&app, "Dauh Puri").await, (2, 5, 1), "set there: kept");
    assert_eq!(rules(&app, "Panjer").await, (7, 12, 0), "inherits: follows the kota");
    assert_eq!(rules(&app, "Denpasar Barat").await, (7, 12, 0));
    assert_eq!(rules(&app, "Kotalama").await, (3, 10, 0), "another kota: untouched");

    // The page says where each comes from.
    let (_, page) = app.page(&admin, &format!("/admin/areas?area_id={dauh_puri}")).await;
    assert!(
        page.contains("id=\"rules-from\" class=\"meta\">Diatur di sini</p>"),
        "{page}"
    );
    assert!(page.contains("name=\"support_threshold\" type=\"number\" value=\"2\""));
    assert!(page.contains("name=\"inherit\""), "a setting set here can be cleared");
    let (_, page) = app
        .page(&admin, &format!("/admin/areas?area_id={}", id("Panjer").await))
        .await;
    assert!(
        page.contains("id=\"rules-from\" class=\"meta\">Mengikuti Kota Denpasar</p>"),
        "{page}"
    );
    assert!(page.contains("name=\"response_days\" type=\"number\" value=\"12\""));

    // Back to inheriting: the kota's values, whatever the form carried.
    ok(set_rules(dauh_puri.clone(), "x", "", "1").await);
    assert_eq!(rules(&app, "Dauh Puri").await, (7, 12, 0));
    ok(set_rules(kota.clone(), "9", "11", "").await);
    assert_eq!(rules(&app, "Dauh Puri").await, (9, 11, 0), "inherits again");
    // The kota inheriting again takes the province's.
    ok(set_rules(kota.clone(), "", "", "1").await);
    assert_eq!(rules(&app, "Dauh Puri").await, (3, 10, 0));
    let e = set_rules(kota.clone(), "0", "5", "").await.unwrap_err();
    assert_eq!(e["field"], "support_threshold");

    // Complaint deadlines and holidays, the same way.
    let set_deadlines = |area: String, days: [&'static str; 3], holidays: &'static str, inherit: &'static str| {
        let (app, admin) = (&app, admin.clone());
        async move {
            app.call(
                &admin,
                "set_complaint_rules",
                &[
                    ("complaint_area_id", area.as_str()),
                    ("verify_days", days[0]),
                    ("followup_days", days[1]),
                    ("resolve_days", days[2]),
                    ("holidays", holidays),
                    ("inherit", inherit),
                ],
            )
            .await
        }
    };
    ok(set_deadlines(dauh_puri.clone(), ["4", "5", "6"], "2027-01-02 Libur desa", "").await);
    ok(set_deadlines(kota.clone(), ["1", "2", "3"], "2027-01-01 Tahun baru", "").await);
    assert_eq!(deadlines(&app, "Dauh Puri").await, (4, 5, 6));
    assert_eq!(deadlines(&app, "Panjer").await, (1, 2, 3));
    let (_, page) = app.page(&admin, &format!("/admin/areas?area_id={dauh_puri}")).await;
    assert!(
        page.contains("2027-01-02 Libur desa\n</textarea>"),
        "own holidays to edit"
    );
    assert!(
        page.contains("<li>2027-01-01 Tahun baru (Kota Denpasar)</li>"),
        "those above listed"
    );
    ok(set_deadlines(dauh_puri.clone(), ["", "", ""], "2027-01-02 Libur desa", "1").await);
    assert_eq!(deadlines(&app, "Dauh Puri").await, (1, 2, 3));
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM area_holidays").await,
        2,
        "holidays as the form sent them"
    );
    let (_, page) = app.page(&admin, &format!("/admin/areas?area_id={dauh_puri}")).await;
    assert!(page.contains("id=\"deadlines-from\" class=\"meta\">Mengikuti Kota Denpasar</p>"));

    // An area added below takes what is in force above it.
    ok(set_rules(id("Denpasar Timur").await, "15", "20", "").await);
    ok(app
        .call(
            &admin,
            "add_area",
            &[
                ("area_id", &id("Denpasar Timur").await),
                ("name", "Banjar Baru"),
                ("kind", "Banjar"),
            ],
        )
        .await);
    assert_eq!(rules(&app, "Banjar Baru").await, (15, 20, 0));
    assert_eq!(deadlines(&app, "Banjar Baru").await, (1, 2, 3));

    // Only admins.
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let e = app
        .call(
            &officer,
            "set_area_rules",
            &[("rules_area_id", kota.as_str()), ("inherit", "1")],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&e), "forbidden");
    assert_eq!(rules(&app, "Panjer").await, (3, 10, 0));
}
