#![allow(clippy::unwrap_used)]
//! Indonesia's official areas: the import of the shipped list (whole, again,
//! and `--only`), lists with mistakes, areas an admin adds, and choosing an
//! area among them all without the tree ever being sent.
mod common;
use app::domain::ids::AreaId;
use app::domain::official::{ListError, FILES};
use app::server::{area_import, areas};
use common::*;
use std::path::{Path, PathBuf};

/// Where scripts/setup puts the official list.
fn shipped() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/idn-area-data-4.0.1");
    assert!(
        dir.join("villages.csv").exists(),
        "the official area list is missing from {}: run scripts/setup",
        dir.display()
    );
    dir
}

/// A list in four files under a temporary folder.
fn list(files: [&str; 4]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in FILES.iter().zip(files) {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    dir
}

async fn count(app: &TestApp, level: &str) -> i64 {
    app.scalar(&format!(
        "SELECT COUNT(*) FROM areas WHERE level = '{level}' AND active = 1"
    ))
    .await
}

#[tokio::test]
async fn the_whole_country_imports_once_and_again_without_change() {
    let app = spawn().await;
    let demo_dauh_puri = app.area_id("Dauh Puri").await;
    let residents_before = app.scalar("SELECT COUNT(*) FROM users").await;
    let list = area_import::read_list(&shipped(), None).unwrap();
    assert_eq!(list.len(), 91_599);
    let started = std::time::Instant::now();
    let report = area_import::import(app.db(), &list, None).await.unwrap();
    println!("whole-country import: {report} in {:?}", started.elapsed());
    // The demo's 27 areas carry the official codes: they are adopted, not doubled.
    assert_eq!(report.added, 91_599 - 27, "{report}");
    assert_eq!(report.updated + report.unchanged, 27, "{report}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM areas").await, 91_599);
    assert_eq!(count(&app, "province").await, 38);
    assert_eq!(count(&app, "regency").await + count(&app, "city").await, 514);
    assert_eq!(count(&app, "district").await, 7_285);
    assert_eq!(count(&app, "village").await, 83_762);
    assert_eq!(
        app.scalar("SELECT id FROM areas WHERE code = '51.71.03.1005'").await,
        demo_dauh_puri
    );
    // Kinds and zones follow the code.
    let db = app.db().clone();
    let kind = |code: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_as::<_, (String, String, String)>(
                "SELECT level, kind_label, timezone FROM areas WHERE code = $1",
            )
            .bind(code)
            .fetch_one(&db.pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(
        kind("95.01.35").await,
        ("district".into(), "Distrik".into(), "WIT".into())
    );
    assert_eq!(
        kind("16.71.14.1004").await,
        ("village".into(), "Kelurahan".into(), "WIB".into())
    );
    assert_eq!(
        kind("51.02").await,
        ("regency".into(), "Kabupaten".into(), "WITA".into())
    );
    assert_eq!(kind("11.01.01.2001").await.1, "Desa");
    // Every path leads up to a province through its parents.
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM areas c JOIN areas p ON p.id = c.parent_id \
             WHERE substr(c.path, 1, length(p.path)) <> p.path OR c.depth <> p.depth + 1"
        )
        .await,
        0
    );
    // Residents are kept, and counted up the chain.
    assert_eq!(app.scalar("SELECT COUNT(*) FROM users").await, residents_before);
    let bali = app.scalar("SELECT resident_count FROM areas WHERE code = '51'").await;
    assert!(bali >= 1, "{bali}");

    // Running it again changes nothing.
    let again = area_import::import(app.db(), &list, None).await.unwrap();
    assert_eq!((again.added, again.updated, again.retired), (0, 0, 0), "{again}");
    assert_eq!(again.unchanged, 91_599);

    // Choosing among them: two indexed reads, the ancestors named.
    app.state.caches.areas.forget_areas();
    let first = areas::search(&app.state, app::model::Lang::Id, "plaju").await.unwrap();
    let plaju = first.0.iter().find(|c| c.name == "Plaju").unwrap();
    assert_eq!(plaju.context, "Kota Palembang, Sumatera Selatan");
    assert_eq!(plaju.kind, "Kecamatan");
    // In English, the names above it now come from memory, the same.
    let english = areas::search(&app.state, app::model::Lang::En, " PLAJU").await.unwrap();
    let contexts = |m: &app::server::cache::Matches| m.0.iter().map(|c| (c.id, c.context.clone())).collect::<Vec<_>>();
    assert_eq!(contexts(&english), contexts(&first));
    assert_eq!(english.0.iter().find(|c| c.name == "Plaju").unwrap().kind, "District");
    // The same letters again get the answer kept from the first time.
    let again = areas::search(&app.state, app::model::Lang::Id, "Plaju ").await.unwrap();
    assert!(std::sync::Arc::ptr_eq(&again, &first));
    let found = areas::search(&app.state, app::model::Lang::Id, "suka").await.unwrap();
    assert_eq!(found.0.len(), areas::SEARCH_SHOWN);
    assert!(found.1);
    let by_code = areas::search(&app.state, app::model::Lang::Id, "51.71.03")
        .await
        .unwrap();
    assert_eq!(by_code.0.len(), 1);
    assert_eq!(by_code.0[0].name, "Denpasar Barat");
    // A code and a name are never taken for each other's answer.
    let other_code = areas::search(&app.state, app::model::Lang::Id, "51.71.02")
        .await
        .unwrap();
    assert_ne!(other_code.0, by_code.0);
    // Pages stay small: the home page lists 38 provinces, not 91,599 areas.
    let (status, home) = app.page(&browser(), "/").await;
    assert_eq!(status, 200);
    assert!(home.len() < 60_000, "home page is {} bytes", home.len());
    assert!(home.contains("Papua Pegunungan") && !home.contains("Dauh Puri Kaja"));
    let resident = app.signed_in_as("warga.denpasar").await;
    for page in [
        "/",
        "/register",
        "/settings",
        "/new",
        "/proposals/new",
        "/complaints/new",
        "/proposals",
        "/complaints",
        "/dashboard",
        "/record",
        "/moderation/log",
        "/desk",
    ] {
        let (status, html) = app.page(&resident, page).await;
        assert!(status < 500, "{page}: {status}");
        assert!(html.len() < 100_000, "{page} is {} bytes", html.len());
    }
    let admin = app.signed_in_as("admin").await;
    let (_, html) = app.page(&admin, "/admin").await;
    assert!(html.len() < 100_000, "/admin is {} bytes", html.len());
}

const P: &str = "code,name\n51,Bali\n52,Nusa Tenggara Barat\n";
const R: &str = "code,province_code,name\n51.71,51,Kota Denpasar\n52.71,52,Kota Mataram\n";
/// Denpasar Timur (51.71.02) is gone, Denpasar Barat renamed, a desa added.
const D: &str = "code,regency_code,name\n51.71.01,51.71,Denpasar Selatan\n51.71.03,51.71,Denpasar Barat Baru\n51.71.04,51.71,Denpasar Utara\n52.71.01,52.71,Ampenan\n";
const V: &str = "code,district_code,name\n51.71.03.1005,51.71.03,Dauh Puri\n51.71.03.2099,51.71.03,Desa Baru\n51.71.01.1004,51.71.01,Panjer\n52.71.01.1001,52.71.01,Ampenan Utara\n";

#[tokio::test]
async fn only_one_kota_is_renamed_added_and_retired_and_the_rest_kept() {
    let app = spawn().await;
    let dir = list([P, R, D, V]);
    let timur = app.area_id("Denpasar Timur").await;
    let areas = area_import::read_list(dir.path(), Some("51.71")).unwrap();
    let report = area_import::import(app.db(), &areas, Some("51.71")).await.unwrap();
    assert_eq!((report.added, report.updated, report.retired), (1, 1, 1), "{report}");
    // Outside the kota nothing changed: Mataram was not imported, Malang kept.
    assert_eq!(app.scalar("SELECT COUNT(*) FROM areas WHERE code LIKE '52%'").await, 0);
    assert_eq!(
        app.scalar("SELECT active FROM areas WHERE name = 'Kota Malang'").await,
        1
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM areas WHERE name = 'Denpasar Barat Baru' AND code = '51.71.03'")
            .await,
        1
    );
    let baru = app.scalar("SELECT id FROM areas WHERE code = '51.71.03.2099'").await;
    let parent = app.scalar("SELECT id FROM areas WHERE code = '51.71.03'").await;
    assert_eq!(
        app.scalar(&format!("SELECT parent_id FROM areas WHERE id = {baru}"))
            .await,
        parent
    );
    // The retired kecamatan is kept (content may refer to it), not offered.
    assert_eq!(
        app.scalar(&format!("SELECT active FROM areas WHERE id = {timur}"))
            .await,
        0
    );
    app.state.caches.areas.forget_areas();
    let (status, _) = app.page(&browser(), &format!("/area/{timur}")).await;
    assert_eq!(status, 200);
    let found = areas::search(&app.state, app::model::Lang::En, "denpasar timur")
        .await
        .unwrap();
    assert!(found.0.is_empty());
    let (_, pick) = app
        .page(
            &browser(),
            &format!(
                "/areas/pick?to=/register&field=home_area_id&at={}",
                app.area_id("Kota Denpasar").await
            ),
        )
        .await;
    assert!(
        pick.contains("Denpasar Barat Baru") && !pick.contains("Denpasar Timur"),
        "{pick}"
    );
    let r = app
        .call(
            &browser(),
            "register",
            &[
                ("username", "warga.timur"),
                ("display_name", "Warga Timur"),
                ("password", "rahasia-panjang"),
                ("password_confirm", "rahasia-panjang"),
                ("home_area_id", &timur.to_string()),
            ],
        )
        .await;
    let e = r.unwrap_err();
    assert_eq!(
        (e["field"].as_str(), e["problem"].as_str()),
        (Some("home_area_id"), Some("inactive")),
        "{e}"
    );
    // Back on the list: active again.
    let full = "code,regency_code,name\n51.71.01,51.71,Denpasar Selatan\n51.71.02,51.71,Denpasar Timur\n51.71.03,51.71,Denpasar Barat\n51.71.04,51.71,Denpasar Utara\n";
    let dir = list([P, R, full, V]);
    let areas = area_import::read_list(dir.path(), Some("51.71")).unwrap();
    let report = area_import::import(app.db(), &areas, Some("51.71")).await.unwrap();
    assert_eq!((report.added, report.updated, report.retired), (0, 2, 0), "{report}");
    assert_eq!(
        app.scalar(&format!("SELECT active FROM areas WHERE id = {timur}"))
            .await,
        1
    );
}

#[tokio::test]
async fn lists_with_mistakes_are_refused_by_line_and_change_nothing() {
    let app = spawn().await;
    let before = app.scalar("SELECT COUNT(*) FROM areas").await;
    let cases: [(&str, [&str; 4], &str); 5] = [
        (
            "duplicate",
            [
                P,
                R,
                D,
                "code,district_code,name\n51.71.03.1005,51.71.03,A\n51.71.03.1005,51.71.03,B\n",
            ],
            "villages.csv, baris 3: kode 51.71.03.1005 muncul dua kali",
        ),
        (
            "missing parent",
            [P, R, D, "code,district_code,name\n51.71.09.1001,51.71.09,A\n"],
            "villages.csv, baris 2: induk 51.71.09 dari 51.71.09.1001 tidak ada di daftar",
        ),
        (
            "malformed",
            [P, R, "code,regency_code,name\n51.71.01,51.71\n", V],
            "districts.csv, baris 2: jumlah kolom salah",
        ),
        ("header", ["kode,nama\n51,Bali\n", R, D, V], "provinces.csv, baris 1"),
        (
            "regency",
            [P, "code,province_code,name\n51.71,51,Denpasar\n", D, V],
            "regencies.csv, baris 2",
        ),
    ];
    for (what, files, message) in cases {
        let dir = list(files);
        let e = area_import::read_list(dir.path(), None).unwrap_err();
        let text = app::i18n::areas::list_error(app::model::Lang::Id, &e);
        assert!(text.starts_with(message), "{what}: {text}");
    }
    // Not UTF-8 (a Latin-1 é), in English.
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in FILES.iter().zip([P, R, D, V]) {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    std::fs::write(
        dir.path().join("villages.csv"),
        b"code,district_code,name\n51.71.03.1005,51.71.03,Caf\xe9\n",
    )
    .unwrap();
    let e = area_import::read_list(dir.path(), None).unwrap_err();
    assert!(matches!(e, ListError::Encoding { line: 2, .. }), "{e:?}");
    assert!(app::i18n::areas::list_error(app::model::Lang::En, &e).contains("line 2: not UTF-8"));
    // An unknown code for --only, and a missing file.
    assert!(matches!(
        area_import::read_list(list([P, R, D, V]).path(), Some("99.99")),
        Err(ListError::NotFound { .. })
    ));
    assert!(matches!(
        area_import::read_list(Path::new("/nonexistent"), None),
        Err(ListError::Unreadable { .. })
    ));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM areas").await, before);
}

#[tokio::test]
async fn an_area_the_list_lacks_is_added_locally_and_survives_imports() {
    let app = spawn().await;
    let welesi = AreaId(app.area_id("Welesi").await);
    let id = area_import::add_local(app.db(), welesi, "Kampung Baru", "Kampung")
        .await
        .unwrap();
    let e = area_import::add_local(app.db(), welesi, "kampung  baru", "Kampung")
        .await
        .unwrap_err();
    assert_eq!(e, app::error::AppError::field("name", app::error::FieldProblem::Taken));
    assert!(area_import::add_local(app.db(), welesi, " ", "Kampung").await.is_err());
    let row = sqlx::query_as::<_, (String, String, i64, Option<String>)>(
        "SELECT level, timezone, local, code FROM areas WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(row, ("village".into(), "WIT".into(), 1, None));
    let p = "code,name\n95,Papua Pegunungan\n";
    let r = "code,province_code,name\n95.01,95,Kabupaten Jayawijaya\n";
    let d = "code,regency_code,name\n95.01.35,95.01,Welesi\n";
    let v = "code,district_code,name\n95.01.35.2001,95.01.35,Welesi\n";
    let dir = list([p, r, d, v]);
    let areas = area_import::read_list(dir.path(), Some("95.01")).unwrap();
    let report = area_import::import(app.db(), &areas, Some("95.01")).await.unwrap();
    assert_eq!((report.added, report.retired), (1, 0), "{report}");
    assert_eq!(
        app.scalar(&format!("SELECT active FROM areas WHERE id = {}", id.0))
            .await,
        1
    );
    // A person can live there.
    app.state.caches.areas.forget_areas();
    let found = areas::search(&app.state, app::model::Lang::Id, "kampung baru")
        .await
        .unwrap();
    assert_eq!(found.0.len(), 1);
    assert_eq!(found.0[0].context, "Welesi, Kabupaten Jayawijaya, Papua Pegunungan");
}

#[tokio::test]
async fn the_picker_steps_down_searches_and_sends_the_choice_back() {
    let app = spawn().await;
    let c = browser();
    let kota = app.area_id("Kota Denpasar").await;
    let barat = app.area_id("Denpasar Barat").await;
    let dauh = app.area_id("Dauh Puri").await;
    // The provinces, then a step down; each step a GET.
    let (status, html) = app.page(&c, "/areas/pick?to=/register&field=home_area_id").await;
    assert_eq!(status, 200);
    assert!(html.contains("Papua Pegunungan") && html.contains(&format!("at={}", app.area_id("Bali").await)));
    let (_, html) = app
        .page(&c, &format!("/areas/pick?to=/register&field=home_area_id&at={kota}"))
        .await;
    assert!(
        html.contains("Denpasar Barat") && html.contains(&format!("/register?home_area_id={kota}")),
        "{html}"
    );
    let (_, html) = app
        .page(&c, &format!("/areas/pick?to=/register&field=home_area_id&at={barat}"))
        .await;
    assert!(html.contains(&format!("/register?home_area_id={dauh}")));
    // Search by name, with the ancestors.
    let (_, html) = app.page(&c, "/areas/pick?to=/register&field=home_area_id&q=dauh").await;
    assert!(
        html.contains("Dauh Puri (Kelurahan) — Denpasar Barat, Kota Denpasar, Bali"),
        "{html}"
    );
    let (_, html) = app.page(&c, "/areas/pick?to=/register&field=home_area_id&q=zzzz").await;
    assert!(html.contains("Tidak ada wilayah dengan nama itu"));
    // A hostile `to` goes home instead; a hostile field name becomes `area`.
    let (_, html) = app.page(&c, "/areas/pick?to=//evil.example&field=x%22y&q=dauh").await;
    assert!(
        !html.contains("evil.example") && html.contains(&format!("/?area={dauh}")),
        "{html}"
    );
    // The form shows what came back, with its ancestors.
    let (_, html) = app.page(&c, &format!("/register?home_area_id={dauh}")).await;
    assert!(html.contains("Dauh Puri (Kelurahan) — Denpasar Barat, Kota Denpasar, Bali"));
    assert!(
        html.contains(&format!("name=\"home_area_id\" value=\"{dauh}\"")),
        "{html}"
    );
    // Type-ahead.
    let r = app.call(&c, "search_areas", &[("q", "denpasar")]).await.unwrap();
    let names: Vec<&str> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names[0], "Kota Denpasar");
    assert!(names.contains(&"Denpasar Barat"));
    // Unknown ids are unknown, for the picker and the forms.
    assert_eq!(
        app.call(&c, "area_choice", &[("id", "999999")]).await.unwrap(),
        serde_json::Value::Null
    );
    let me = app.signed_in_as("warga.denpasar").await;
    let e = app
        .call(
            &me,
            "save_profile",
            &[("display_name", "Made"), ("home_area_id", "999999")],
        )
        .await
        .unwrap_err();
    assert_eq!(e["problem"], "unknown");
    // A person's home page shows their own chain, not the country.
    let (_, html) = app.page(&me, "/").await;
    assert!(
        html.contains("Kota Denpasar") && !html.contains("Papua Pegunungan"),
        "{html}"
    );
}

#[tokio::test]
async fn an_area_counts_the_residents_of_the_areas_below_it() {
    let app = spawn().await;
    let bali = app.area_id("Bali").await;
    let dauh = app.area_id("Dauh Puri").await;
    let panjer = app.area_id("Panjer").await;
    let residents = |id: i64| {
        let app = &app;
        async move {
            app.scalar(&format!("SELECT resident_count FROM areas WHERE id = {id}"))
                .await
        }
    };
    let direct = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM users u JOIN areas a ON a.id = u.home_area_id WHERE a.path LIKE (SELECT path FROM areas WHERE id = {bali}) || '%'"
        ))
        .await;
    assert_eq!(residents(bali).await, direct);
    let before = (residents(bali).await, residents(dauh).await, residents(panjer).await);
    let c = resident(&app, "warga.baru", dauh).await;
    assert_eq!(residents(bali).await, before.0 + 1);
    assert_eq!(residents(dauh).await, before.1 + 1);
    app.call(
        &c,
        "save_profile",
        &[("display_name", "Warga Baru"), ("home_area_id", &panjer.to_string())],
    )
    .await
    .unwrap();
    assert_eq!(residents(bali).await, before.0 + 1);
    assert_eq!(residents(dauh).await, before.1);
    assert_eq!(residents(panjer).await, before.2 + 1);
}

#[tokio::test]
async fn a_new_region_starts_from_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(&dir).await;
    let run = |args: &[&str], stdin: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(args)
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "error")
            .env("REMBUK_ADMIN_PASSWORD", "kata-sandi-admin")
            .env("LANG", "C.UTF-8")
            .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    };
    shipped();
    let (ok, out) = run(&["import-areas", "--only", "51.71"], "");
    assert!(ok, "{out}");
    assert!(out.contains("49 areas read"), "{out}");
    let (ok, out) = run(&["import-areas", "--only", "51.71"], "");
    assert!(ok && out.contains("0 added, 0 updated, 0 no longer listed"), "{out}");
    let (ok, out) = run(&["import-areas", "--only", "99"], "");
    assert!(!ok && out.contains("tidak ada wilayah dengan kode 99"), "{out}");
    let (ok, out) = run(&["create-admin", "pemda.admin"], "Admin Pemda\n51.71.03.1005\n");
    assert!(ok, "{out}");
    let db = app::db::Db::connect(&url).await.unwrap();
    let (home, admin): (Option<String>, i64) = sqlx::query_as(
        "SELECT a.code, (SELECT COUNT(*) FROM user_roles r WHERE r.user_id = u.id AND r.role = 'admin') \
         FROM users u JOIN areas a ON a.id = u.home_area_id WHERE u.username = 'pemda.admin'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!((home.as_deref(), admin), (Some("51.71.03.1005"), 1));
}

/// An admin sets up a region at /admin/areas: agencies, who answers what
/// (inherited downwards unless set there), a pemda's agencies from CSV,
/// categories, and an area the list lacks; bad input changes nothing.
#[tokio::test]
async fn an_admin_sets_up_agencies_and_who_answers_what() {
    let app = spawn().await;
    let admin = app.signed_in_as("admin").await;
    let kota = app.area_id("Kota Malang").await.to_string();
    let kota_id = kota.parse::<i64>().unwrap();
    let kotalama = app.area_id("Kotalama").await.to_string();
    let ok = |r: Result<serde_json::Value, serde_json::Value>| r.unwrap();
    let problem = |r: Result<serde_json::Value, serde_json::Value>| {
        let e = r.unwrap_err();
        (
            e["field"].as_str().unwrap_or("").to_owned(),
            e["problem"].as_str().unwrap_or("").to_owned(),
        )
    };
    // A new agency; the same name in another case is refused.
    ok(app
        .call(
            &admin,
            "create_agency",
            &[
                ("area_id", &kota),
                ("name", "Dinas Perhubungan Kota Malang"),
                ("short_name", "Dishub"),
            ],
        )
        .await);
    assert_eq!(
        problem(
            app.call(
                &admin,
                "create_agency",
                &[
                    ("area_id", &kota),
                    ("name", "dinas perhubungan kota malang"),
                    ("short_name", "X")
                ]
            )
            .await
        ),
        ("name".into(), "taken".into())
    );
    assert_eq!(
        problem(
            app.call(
                &admin,
                "create_agency",
                &[("area_id", &kota), ("name", " "), ("short_name", "X")]
            )
            .await
        ),
        ("name".into(), "required".into())
    );
    let dishub = app
        .scalar("SELECT id FROM agencies WHERE short_name = 'Dishub'")
        .await
        .to_string();
    let infra = category(&app, "infrastruktur").await;
    // Set for the kota, inherited by Kotalama; then set in Kotalama itself.
    ok(app
        .call(
            &admin,
            "set_responsibility",
            &[("area_id", &kota), ("category_id", &infra), ("agency_id", &dishub)],
        )
        .await);
    let (_, html) = app.page(&admin, &format!("/admin/areas?area_id={kotalama}")).await;
    assert!(
        html.contains("Mengikuti Kota Malang: Dinas Perhubungan Kota Malang"),
        "{html}"
    );
    let pupr = app
        .scalar("SELECT id FROM agencies WHERE name = 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Malang'")
        .await
        .to_string();
    ok(app
        .call(
            &admin,
            "set_responsibility",
            &[("area_id", &kotalama), ("category_id", &infra), ("agency_id", &pupr)],
        )
        .await);
    // A complaint in Kotalama reaches PUPR; one in another kecamatan, Dishub.
    let resident = app.signed_in_as("warga.kotalama").await;
    let file = |area: String| {
        let (app, resident, infra) = (&app, &resident, &infra);
        async move {
            app.call(
                resident,
                "file_complaint",
                &[
                    ("title", "Jalan berlubang di depan pasar"),
                    (
                        "body",
                        "Lubang besar di jalan depan pasar membahayakan pengendara sepeda motor.",
                    ),
                    ("area_id", &area),
                    ("category_id", infra),
                    ("happened_on", "2026-11-30"),
                ],
            )
            .await
            .unwrap();
            app.scalar("SELECT agency_id FROM complaints ORDER BY id DESC LIMIT 1")
                .await
                .to_string()
        }
    };
    assert_eq!(file(kotalama.clone()).await, pupr);
    // Another kecamatan (added: the demo's kota has one), served from the kota.
    let klojen = || async {
        let found = app.call(&admin, "search_areas", &[("q", "klojen")]).await.unwrap();
        found.as_array().unwrap().len()
    };
    assert_eq!(klojen().await, 0);
    ok(app
        .call(
            &admin,
            "add_area",
            &[("area_id", &kota), ("name", "Klojen"), ("kind", "Kecamatan")],
        )
        .await);
    let other = app
        .scalar(&format!(
            "SELECT id FROM areas WHERE parent_id = {kota_id} AND name = 'Klojen'"
        ))
        .await;
    assert_eq!(file(other.to_string()).await, dishub);
    // The type-ahead finds it at once: not the answer it gave before.
    assert_eq!(klojen().await, 1);
    // Dishub answers for something: it cannot be retired until handed over.
    assert_eq!(
        problem(
            app.call(
                &admin,
                "update_agency",
                &[
                    ("area_id", &kota),
                    ("agency_id", &dishub),
                    ("name", "Dinas Perhubungan Kota Malang"),
                    ("short_name", "Dishub"),
                    ("retired", "1")
                ]
            )
            .await
        ),
        ("retired".into(), "still_responsible".into())
    );
    ok(app
        .call(
            &admin,
            "set_responsibility",
            &[("area_id", &kota), ("category_id", &infra), ("agency_id", "")],
        )
        .await);
    ok(app
        .call(
            &admin,
            "update_agency",
            &[
                ("area_id", &kota),
                ("agency_id", &dishub),
                ("name", "Dinas Perhubungan"),
                ("short_name", "Dishub"),
                ("retired", "1"),
            ],
        )
        .await);
    assert_eq!(
        problem(
            app.call(
                &admin,
                "set_responsibility",
                &[("area_id", &kota), ("category_id", &infra), ("agency_id", &dishub)]
            )
            .await
        ),
        ("agency_id".into(), "retired".into())
    );
    assert_eq!(
        problem(
            app.call(
                &admin,
                "grant_role",
                &[
                    ("username", "warga.kotalama"),
                    ("role", "officer"),
                    ("agency_id", &dishub),
                    ("area_id", "")
                ]
            )
            .await
        ),
        ("agency_id".into(), "retired".into())
    );
    // An agency of another kota cannot answer here.
    let denpasar_pupr = app
        .scalar("SELECT id FROM agencies WHERE name = 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar'")
        .await
        .to_string();
    assert!(app
        .call(
            &admin,
            "set_responsibility",
            &[
                ("area_id", &kotalama),
                ("category_id", &infra),
                ("agency_id", &denpasar_pupr)
            ]
        )
        .await
        .is_err());

    // A pemda's agencies from CSV: one bad line saves nothing.
    let agencies = app.scalar("SELECT COUNT(*) FROM agencies").await;
    // Lines end in CRLF, as a browser sends a textarea.
    let bad =
        "name,short_name,categories\r\nBadan Perencanaan Pembangunan Daerah,Bappeda,\r\nDinas Pariwisata,Dispar,wisata\r\n";
    let e = app
        .call(&admin, "import_agencies", &[("area_id", &kota), ("csv", bad)])
        .await
        .unwrap_err();
    assert_eq!(
        (e["problem"].as_str(), e["line"].as_i64(), e["why"].as_str()),
        (Some("line"), Some(3), Some("unknown_category")),
        "{e}"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM agencies").await, agencies);
    let good = "name,short_name,categories\nBadan Perencanaan Pembangunan Daerah,Bappeda,\n\"Dinas Lingkungan Hidup, Kebersihan dan Pertamanan\",DLHKP,lingkungan infrastruktur\n";
    ok(app
        .call(&admin, "import_agencies", &[("area_id", &kota), ("csv", good)])
        .await);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM agencies").await, agencies + 2);
    let dlhkp = app
        .scalar("SELECT id FROM agencies WHERE short_name = 'DLHKP'")
        .await
        .to_string();
    assert_eq!(file(other.to_string()).await, dlhkp);
    // Categories in both languages; a taken code is refused.
    ok(app
        .call(
            &admin,
            "save_category",
            &[("slug", "wisata"), ("name_id", "Pariwisata"), ("name_en", "Tourism")],
        )
        .await);
    assert_eq!(
        problem(
            app.call(
                &admin,
                "save_category",
                &[("slug", "wisata"), ("name_id", "X"), ("name_en", "Y")]
            )
            .await
        ),
        ("slug".into(), "taken".into())
    );
    ok(app
        .call(
            &admin,
            "save_category",
            &[
                ("category_id", &infra),
                ("name_id", "Jalan dan jembatan"),
                ("name_en", "Roads and bridges"),
            ],
        )
        .await);
    let (_, html) = app.page(&browser(), "/complaints").await;
    assert!(html.contains("Jalan dan jembatan") && html.contains("Pariwisata"));
    // An area the list lacks, below a kecamatan.
    let kec = app.area_id("Kedungkandang").await.to_string();
    ok(app
        .call(
            &admin,
            "add_area",
            &[("area_id", &kec), ("name", "Kampung Tematik"), ("kind", "Kampung")],
        )
        .await);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM areas WHERE name = 'Kampung Tematik' AND local = 1")
            .await,
        1
    );
    // Only admins.
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    assert!(app
        .call(
            &officer,
            "create_agency",
            &[("area_id", &kota), ("name", "X"), ("short_name", "X")]
        )
        .await
        .is_err());
    let (status, _) = app.page(&officer, "/admin/areas").await;
    assert_eq!(status, 403);
}

/// Areas made before names were folded for search get their keys when the
/// server next starts.
#[tokio::test]
async fn areas_from_before_the_search_key_get_one_at_start() {
    let app = spawn().await;
    sqlx::query("UPDATE areas SET search_key = '' WHERE level = 'village'")
        .execute(&app.db().pool)
        .await
        .unwrap();
    let started = second_server(&app).await;
    let (key,): (String,) = sqlx::query_as("SELECT search_key FROM areas WHERE name = 'Dauh Puri'")
        .fetch_one(&started.db().pool)
        .await
        .unwrap();
    assert_eq!(key, "dauh puri");
}
