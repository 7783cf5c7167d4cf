#![allow(clippy::unwrap_used)]
//! Proposals over HTTP against the real router, on whichever backend the
//! suite runs on: the lifecycle, supports and their races, who may answer,
//! and the hash-chained decision record.
mod common;
use app::server::record;
use common::*;
use reqwest::Client;

/// Writes (and publishes) a proposal through the API; returns its id.
async fn propose(app: &TestApp, c: &Client, area: &str, category_slug: &str, publish: bool) -> i64 {
    let cat = category(app, category_slug).await;
    let area = app.area_id(area).await.to_string();
    app.call(
        c,
        "create_proposal",
        &[
            ("title", "Lampu jalan di Gang Mawar"),
            ("body", "Gang Mawar gelap sejak Januari. **Tiga** lampu mati."),
            ("area_id", &area),
            ("category_id", &cat),
            ("cost", "Rp 4.500.000"),
            // The cost as the form showed it back, understood.
            ("cost_confirmed", "4500000"),
            ("location", "Gang Mawar, dekat pura"),
            ("publish", if publish { "1" } else { "" }),
        ],
    )
    .await
    .unwrap();
    app.scalar("SELECT MAX(id) FROM proposals").await
}

async fn support(app: &TestApp, c: &Client, id: i64, on: bool) -> Result<serde_json::Value, serde_json::Value> {
    let id = id.to_string();
    app.call(c, "support", &[("id", &id), ("support", if on { "1" } else { "0" })])
        .await
}

fn reason(v: &serde_json::Value) -> String {
    assert_eq!(code(v), "refused", "{v}");
    v["reason"].as_str().unwrap_or("").to_owned()
}

async fn state_of(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("SELECT state FROM proposals WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
}

async fn record_len(app: &TestApp) -> i64 {
    app.scalar("SELECT COUNT(*) FROM record").await
}

async fn events(app: &TestApp, id: i64) -> Vec<String> {
    sqlx::query_scalar("SELECT event FROM record WHERE subject = 'proposal' AND subject_id = $1 ORDER BY seq")
        .bind(id)
        .fetch_all(&app.db().pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_proposal_goes_from_draft_to_implemented_and_every_step_is_recorded() {
    let app = spawn().await;
    // The demo data has proposals (and record entries) of its own.
    let base = record_len(&app).await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    sqlx::query("UPDATE areas SET support_threshold = 3 WHERE id = $1")
        .bind(dauh_puri)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let author = app.signed_in_as("warga.denpasar").await;
    let id = propose(&app, &author, "Dauh Puri", "infrastruktur", false).await;
    assert_eq!(state_of(&app, id).await, "draft");
    assert_eq!(record_len(&app).await, base, "drafts are private, not recorded");
    let (cost, html): (Option<i64>, String) = sqlx::query_as("SELECT cost, body_html FROM proposals WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(cost, Some(4_500_000));
    assert!(
        html.contains("<strong>Tiga</strong>"),
        "Markdown rendered once, at write time"
    );

    app.call(&author, "publish_proposal", &[("id", &id.to_string())])
        .await
        .unwrap();
    assert_eq!(state_of(&app, id).await, "published");
    // Publishing twice is a wrong step, and writes nothing.
    let e = app
        .call(&author, "publish_proposal", &[("id", &id.to_string())])
        .await
        .unwrap_err();
    assert_eq!(reason(&e), "wrong_step");

    for n in 1..=3 {
        let c = resident(&app, &format!("pendukung{n}"), dauh_puri).await;
        assert_eq!(support(&app, &c, id, true).await.unwrap(), serde_json::json!(n));
    }
    let (agency, due, awaiting): (Option<String>, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT g.name, p.due_at, p.awaiting_since FROM proposals p LEFT JOIN agencies g ON g.id = p.agency_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(
        agency.as_deref(),
        Some("Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar"),
        "the agency responsible for infrastructure in the city above the village"
    );
    assert!(
        due.unwrap() > awaiting.unwrap() + 10 * 86_400,
        "ten working days are at least two weeks"
    );

    // Only that agency's officers (or an admin) answer.
    let other = app.signed_in_as("petugas.disdik.malang").await;
    let answer = |to: &'static str, kind: &'static str| {
        vec![
            ("id", id.to_string()),
            ("kind", kind.to_owned()),
            ("to", to.to_owned()),
            ("body", "Kami akan mengganti lampu pada bulan Desember.".to_owned()),
            ("budget", "4.000.000".to_owned()),
            ("budget_confirmed", "4000000".to_owned()),
            ("timeline", "Desember 2026".to_owned()),
        ]
    };
    let form = |v: &Vec<(&'static str, String)>| v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    let call = |c: Client, v: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let f = form(&v);
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call_confirmed(&c, "answer", &f).await
        }
    };
    let e = call(other.clone(), answer("accepted", "response")).await.unwrap_err();
    assert_eq!(code(&e), "forbidden");
    let e = call(author.clone(), answer("accepted", "response")).await.unwrap_err();
    assert_eq!(code(&e), "forbidden", "the author is not an officer");
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let e = call(officer.clone(), answer("implemented", "progress"))
        .await
        .unwrap_err();
    assert_eq!(reason(&e), "wrong_step", "no implementing before a decision");
    let before = record_len(&app).await;
    call(officer.clone(), answer("accepted", "response")).await.unwrap();
    assert_eq!(state_of(&app, id).await, "accepted");
    assert_eq!(record_len(&app).await, before + 1);
    let mut progress = answer("in_progress", "progress");
    progress.push(("progress", "40".into()));
    call(officer.clone(), progress).await.unwrap();
    call(officer.clone(), answer("implemented", "progress")).await.unwrap();
    assert_eq!(state_of(&app, id).await, "implemented");
    let (answered, awaiting, percent, budget): (Option<i64>, Option<i64>, Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT answered_at, awaiting_since, progress, budget FROM proposals WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert!(answered.is_some() && awaiting.is_none());
    assert_eq!((percent, budget), (Some(100), Some(4_000_000)));
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM official_responses WHERE proposal_id = {id}"
        ))
        .await,
        3
    );
    assert_eq!(
        events(&app, id).await,
        ["published", "threshold_reached", "response", "progress", "progress"]
    );
    // The response's entry carries who, which agency, the decision and the text.
    let content: String = sqlx::query_scalar("SELECT content FROM record WHERE subject_id = $1 AND event = 'response'")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let c: record::Content = serde_json::from_str(&content).unwrap();
    assert_eq!((c.state_from.as_str(), c.state_to.as_str()), ("published", "accepted"));
    assert_eq!(c.actor.unwrap().username, "petugas.pupr.denpasar");
    assert_eq!(
        c.agency.unwrap().name,
        "Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar"
    );
    assert_eq!(c.budget, Some(4_000_000));
    assert_eq!(
        serde_json::to_string(&serde_json::from_str::<record::Content>(&content).unwrap()).unwrap(),
        content,
        "the stored content is canonical: parsing and writing it again gives the same bytes"
    );
    assert_eq!(record::verify(app.db()).await.unwrap(), Ok(base + 5));
}

#[tokio::test]
async fn supports_follow_the_rules_and_refusals_write_nothing() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    let author = app.signed_in_as("warga.denpasar").await;
    let draft = propose(&app, &author, "Dauh Puri", "infrastruktur", false).await;
    let id = propose(&app, &author, "Dauh Puri", "infrastruktur", true).await;
    let neighbour = resident(&app, "tetangga", dauh_puri).await;
    let far = app.signed_in_as("warga.walesi").await;
    let snapshot = || async {
        (
            app.scalar("SELECT COUNT(*) FROM supports").await,
            app.scalar("SELECT CAST(SUM(support_count) AS BIGINT) FROM proposals")
                .await,
            record_len(&app).await,
        )
    };

    let (supports0, _, base) = snapshot().await;
    support(&app, &neighbour, id, true).await.unwrap();
    let before = snapshot().await;
    assert_eq!(before.0, supports0 + 1);
    assert_eq!(
        reason(&support(&app, &neighbour, id, true).await.unwrap_err()),
        "already_supported"
    );
    assert_eq!(
        reason(&support(&app, &author, draft, true).await.unwrap_err()),
        "closed_for_support",
        "own draft"
    );
    assert_eq!(
        code(&support(&app, &neighbour, draft, true).await.unwrap_err()),
        "not_found",
        "someone else's draft"
    );
    assert_eq!(
        reason(&support(&app, &far, id, true).await.unwrap_err()),
        "outside_area"
    );
    assert_eq!(
        reason(&support(&app, &far, id, false).await.unwrap_err()),
        "not_supported"
    );
    assert_eq!(
        code(&support(&app, &neighbour, 999_999, true).await.unwrap_err()),
        "not_found"
    );
    let visitor = browser();
    assert_eq!(
        code(&support(&app, &visitor, id, true).await.unwrap_err()),
        "not_signed_in"
    );
    assert_eq!(snapshot().await, before, "nothing written by any refusal");

    // Withdrawing a support, then the author withdraws the proposal: closed.
    support(&app, &neighbour, id, false).await.unwrap();
    support(&app, &neighbour, id, true).await.unwrap();
    let e = app
        .call(
            &neighbour,
            "withdraw_proposal",
            &[("id", &id.to_string()), ("confirm", "1")],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&e), "forbidden", "only the author withdraws");
    app.call(
        &author,
        "withdraw_proposal",
        &[("id", &id.to_string()), ("confirm", "1")],
    )
    .await
    .unwrap();
    assert_eq!(state_of(&app, id).await, "withdrawn");
    let before = snapshot().await;
    let late = resident(&app, "terlambat", dauh_puri).await;
    assert_eq!(
        reason(&support(&app, &late, id, true).await.unwrap_err()),
        "closed_for_support"
    );
    assert_eq!(
        reason(&support(&app, &neighbour, id, false).await.unwrap_err()),
        "closed_for_support"
    );
    assert_eq!(snapshot().await, before);
    assert_eq!(
        record::verify(app.db()).await.unwrap(),
        Ok(base + 1),
        "and the withdrawal"
    );
}

#[tokio::test]
async fn bad_proposals_get_field_errors_and_nothing_is_stored() {
    let app = spawn().await;
    let before = app.scalar("SELECT COUNT(*) FROM proposals").await;
    let author = app.signed_in_as("warga.denpasar").await;
    let area = app.area_id("Dauh Puri").await.to_string();
    let cat = category(&app, "infrastruktur").await;
    let cases: [(&str, &str, &str, &str, &str, &str); 6] = [
        ("title", "", "Isi yang cukup.", &area, &cat, ""),
        ("body", "Judul yang cukup", "", &area, &cat, ""),
        ("cost", "Judul yang cukup", "Isi yang cukup.", &area, &cat, "-5000"),
        (
            "cost",
            "Judul yang cukup",
            "Isi yang cukup.",
            &area,
            &cat,
            "99999999999999999",
        ),
        ("area_id", "Judul yang cukup", "Isi yang cukup.", "999999", &cat, ""),
        (
            "category_id",
            "Judul yang cukup",
            "Isi yang cukup.",
            &area,
            "999999",
            "",
        ),
    ];
    for (field, title, body, area, cat, cost) in cases {
        let e = app
            .call(
                &author,
                "create_proposal",
                &[
                    ("title", title),
                    ("body", body),
                    ("area_id", area),
                    ("category_id", cat),
                    ("cost", cost),
                ],
            )
            .await
            .unwrap_err();
        assert_eq!(code(&e), "field", "{field}: {e}");
        assert_eq!(e["field"], field, "{e}");
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM proposals").await, before);
    let e = app
        .call(
            &browser(),
            "create_proposal",
            &[
                ("title", "Judul yang cukup"),
                ("body", "Isi."),
                ("area_id", &area),
                ("category_id", &cat),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&e), "not_signed_in");
}

/// 500 residents support one proposal at once, and half of them take it
/// back at once: the count on the row equals the rows, on either backend.
#[tokio::test]
async fn concurrent_supports_and_withdrawals_keep_an_exact_count() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    sqlx::query("UPDATE areas SET support_threshold = 100 WHERE id = $1")
        .bind(dauh_puri)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let author = app.signed_in_as("warga.denpasar").await;
    let id = propose(&app, &author, "Dauh Puri", "infrastruktur", true).await;
    let mut clients = Vec::new();
    for n in 0..500 {
        clients.push(resident(&app, &format!("w{n}"), dauh_puri).await);
    }
    let base = app.base.clone();
    let run = |on: bool, cs: Vec<Client>| {
        let base = base.clone();
        cs.into_iter().map(move |c| {
            let base = base.clone();
            tokio::spawn(async move {
                let r = c
                    .post(format!("{base}/api/support"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("origin", base.clone())
                    .header("accept", "application/json")
                    .body(format!("id={id}&support={}", if on { 1 } else { 0 }))
                    .send()
                    .await
                    .unwrap();
                r.status().as_u16()
            })
        })
    };
    let all: Vec<_> = run(true, clients.clone()).collect();
    // Half of them withdraw while the others are still supporting.
    let half: Vec<_> = run(false, clients[..250].to_vec()).collect();
    let mut ok = 0;
    for h in all {
        if h.await.unwrap() == 200 {
            ok += 1;
        }
    }
    let mut withdrawn = 0;
    for h in half {
        if h.await.unwrap() == 200 {
            withdrawn += 1;
        }
    }
    assert_eq!(ok, 500, "every support went through");
    let rows = app
        .scalar(&format!("SELECT COUNT(*) FROM supports WHERE proposal_id = {id}"))
        .await;
    let count = app
        .scalar(&format!("SELECT support_count FROM proposals WHERE id = {id}"))
        .await;
    assert_eq!(count, rows, "the kept count equals the rows");
    assert_eq!(rows, 500 - withdrawn);
    // Those whose withdrawal came before their support can withdraw now.
    let again: Vec<_> = run(false, clients[..250].to_vec()).collect();
    for h in again {
        h.await.unwrap();
    }
    let rows = app
        .scalar(&format!("SELECT COUNT(*) FROM supports WHERE proposal_id = {id}"))
        .await;
    let count = app
        .scalar(&format!("SELECT support_count FROM proposals WHERE id = {id}"))
        .await;
    assert_eq!((rows, count), (250, 250));
    assert_eq!(
        events(&app, id).await,
        ["published", "threshold_reached"],
        "the threshold of 100 was reached once, and stays reached"
    );
}

#[tokio::test]
async fn the_record_cannot_be_changed_and_tampering_is_found() {
    let app = spawn().await;
    let base = record_len(&app).await;
    let author = app.signed_in_as("warga.denpasar").await;
    for _ in 0..3 {
        propose(&app, &author, "Dauh Puri", "infrastruktur", true).await;
    }
    let db = app.db();
    assert_eq!(record::verify(db).await.unwrap(), Ok(base + 3));
    let (ok, out) = verify_command(&app).await;
    assert!(ok && out.contains(&format!("{} entries", base + 3)), "{out}");
    // The database itself refuses changes to the record.
    for sql in [
        format!("UPDATE record SET content = 'x' WHERE seq = {}", base + 2),
        format!("DELETE FROM record WHERE seq = {}", base + 3),
    ] {
        let err = sqlx::query(&sql).execute(&db.pool).await.unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    // Someone with the database's own keys goes around the guard.
    let sqlite = matches!(db.backend, app::db::Backend::Sqlite);
    let mut conn = db.pool.acquire().await.unwrap();
    if sqlite {
        sqlx::query("DROP TRIGGER record_no_update")
            .execute(&mut *conn)
            .await
            .unwrap();
    } else {
        sqlx::query("ALTER TABLE record DISABLE TRIGGER record_no_change")
            .execute(&mut *conn)
            .await
            .unwrap();
    }
    let content: String = sqlx::query_scalar("SELECT content FROM record WHERE seq = $1")
        .bind(base + 2)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    sqlx::query("UPDATE record SET content = $1 WHERE seq = $2")
        .bind(content.replace("Lampu jalan", "Lampu taman"))
        .bind(base + 2)
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    let broken = record::verify(db).await.unwrap().unwrap_err();
    assert_eq!(broken.seq, base + 2, "{broken:?}");
    assert!(broken.reason.contains("hash"), "{broken:?}");
    let (ok, out) = verify_command(&app).await;
    assert!(!ok && out.contains(&format!("broken at entry {}", base + 2)), "{out}");
}

/// Runs `server verify-record` against the test's database.
async fn verify_command(app: &TestApp) -> (bool, String) {
    let url = app.state.config.database_url.clone();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("verify-record")
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "error")
        .output()
        .await
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[tokio::test]
async fn exports_stream_the_record_and_anyone_can_recompute_the_chain() {
    let app = spawn().await;
    let base = record_len(&app).await;
    let denpasar = app.area_id("Kota Denpasar").await;
    let in_denpasar = app
        .scalar(&format!("SELECT COUNT(*) FROM record WHERE area_id IN (SELECT id FROM areas WHERE path LIKE (SELECT path FROM areas WHERE id = {denpasar}) || '%')"))
        .await;
    let author = app.signed_in_as("warga.denpasar").await;
    let walesi = app.signed_in_as("warga.walesi").await;
    for _ in 0..3 {
        propose(&app, &author, "Dauh Puri", "infrastruktur", true).await;
    }
    propose(&app, &walesi, "Welesi", "kesehatan", true).await;
    let c = browser();
    let r = app.get(&c, "/record.json").await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let all: Vec<serde_json::Value> = r.json().await.unwrap();
    assert_eq!(all.len() as i64, base + 4);
    // Recompute the chain from the export alone.
    let mut prev = "0".repeat(64);
    for (i, e) in all.iter().enumerate() {
        assert_eq!(e["seq"], i as i64 + 1);
        assert_eq!(e["prev_hash"], prev.as_str());
        let content = e["content"].as_str().unwrap();
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(prev.as_bytes());
        h.update(content.as_bytes());
        let hash = hex::encode(h.finalize());
        assert_eq!(e["hash"], hash.as_str());
        prev = hash;
    }
    // Filtered by area (with its sub-areas): the city of Denpasar holds Dauh Puri.
    let some: Vec<serde_json::Value> = app
        .get(&c, &format!("/record.json?area={denpasar}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(some.len() as i64, in_denpasar + 3);
    assert_eq!(app.get(&c, "/record.json?area=999999").await.status().as_u16(), 404);
    // Compressed, as browsers ask for it, the stream ends cleanly.
    for path in ["/record.json", "/record.csv"] {
        let r = c
            .get(app.url(path))
            .header("accept-encoding", "gzip, br")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert!(r.headers().contains_key("content-encoding"), "{path} is compressed");
        assert!(!r.bytes().await.unwrap().is_empty(), "{path} arrives whole");
    }
    // CSV: a header and one line per entry, content quoted.
    let (status, csv) = app.page(&c, "/record.csv").await;
    assert_eq!(status, 200);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len() as i64, base + 5, "{csv}");
    assert!(lines[0].starts_with("seq,at,subject,subject_id,event"));
    let last = lines[lines.len() - 1];
    assert!(last.contains("Welesi") && last.contains("\"\"title\"\""), "{last}");
}

#[tokio::test]
async fn proposal_pages_render_on_the_server_and_plain_forms_work() {
    let app = spawn().await;
    let author = app.signed_in_as("warga.denpasar").await;
    let draft = propose(&app, &author, "Dauh Puri", "infrastruktur", false).await;
    let id = propose(&app, &author, "Kota Denpasar", "infrastruktur", true).await;
    let visitor = browser();
    // Drafts are the author's alone.
    assert_eq!(app.page(&visitor, &format!("/proposals/{draft}")).await.0, 404);
    let (status, html) = app.page(&author, &format!("/proposals/{draft}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Ini draf"), "the author is told it is a draft");
    assert_eq!(app.page(&visitor, "/proposals/999999").await.0, 404);
    assert_eq!(app.page(&visitor, "/proposals/abc").await.0, 404);

    let (status, html) = app.page(&visitor, &format!("/proposals/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<strong>Tiga</strong>"));
    assert!(html.contains("Rp 4.500.000"));
    assert!(html.contains("Masuk untuk mendukung"));
    assert!(
        html.contains("Diterbitkan"),
        "the decision history shows the publication"
    );
    let (_, list) = app.page(&visitor, "/proposals").await;
    assert!(list.contains(&format!("/proposals/{id}\"")) && !list.contains(&format!("/proposals/{draft}\"")));
    let (_, english) = app.page(&visitor, "/proposals?sort=newest&state=published").await;
    assert!(english.contains(&format!("/proposals/{id}\"")));

    // Supporting without JavaScript: a plain form post, then back to the page.
    let neighbour = app.signed_in_as("moderator.denpasar").await;
    let r = app
        .post_form(
            &neighbour,
            "support",
            &format!("/proposals/{id}"),
            &[("id", &id.to_string()), ("support", "1")],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(
        r.headers()["location"],
        format!("/proposals/{id}?done=supported").as_str()
    );
    let (_, html) = app.page(&neighbour, &format!("/proposals/{id}")).await;
    assert!(html.contains("Anda mendukung usulan ini."));
    assert!(html.contains("Batalkan dukungan"));

    // The officer of the responsible agency sees the answer form; others do not.
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    assert!(app
        .page(&officer, &format!("/proposals/{id}"))
        .await
        .1
        .contains("id=\"answer\""));
    assert!(!app
        .page(&neighbour, &format!("/proposals/{id}"))
        .await
        .1
        .contains("id=\"answer\""));

    let (status, record) = app.page(&visitor, "/record").await;
    assert_eq!(status, 200);
    assert!(record.contains("Lampu jalan di Gang Mawar") && record.contains("/record.csv"));
    assert_eq!(app.page(&visitor, "/record?area=999999").await.0, 404);
}

#[tokio::test]
async fn the_officer_desk_lists_what_the_agency_must_answer() {
    let app = spawn().await;
    let author = app.signed_in_as("warga.denpasar").await;
    let id = propose(&app, &author, "Kota Denpasar", "infrastruktur", true).await;
    // The demo threshold is 3.
    for user in ["warga.denpasar", "moderator.denpasar", "admin"] {
        let c = app.signed_in_as(user).await;
        support(&app, &c, id, true).await.unwrap();
    }
    let link = format!("/proposals/{id}\"");
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let (status, desk) = app.page(&officer, "/desk").await;
    assert_eq!(status, 200);
    assert!(desk.contains(&link), "awaiting, assigned to PUPR Denpasar");
    assert!(
        desk.contains("Jawaban resmi: sisa"),
        "what is due, and the working days left"
    );
    let other = app.signed_in_as("petugas.disdik.malang").await;
    assert!(
        !app.page(&other, "/desk").await.1.contains(&link),
        "not another agency's"
    );
    assert_eq!(app.page(&author, "/desk").await.0, 403, "residents have no desk");
    assert_eq!(
        app.page(&browser(), "/desk").await.0,
        302,
        "visitors are sent to sign in"
    );
    let admin = app.signed_in_as("admin").await;
    assert!(
        app.page(&admin, "/desk").await.1.contains(&link),
        "admins see every agency's"
    );

    let id_s = id.to_string();
    app.call_confirmed(
        &officer,
        "answer",
        &[
            ("id", &id_s),
            ("kind", "response"),
            ("to", "under_review"),
            ("body", "Sedang kami kaji."),
        ],
    )
    .await
    .unwrap();
    assert!(
        !app.page(&officer, "/desk").await.1.contains(&link),
        "answered: no longer awaiting"
    );
    assert!(app.page(&officer, "/desk?answered=1").await.1.contains(&link));
}

#[tokio::test]
async fn admins_set_each_areas_threshold_and_deadline() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await.to_string();
    let admin = app.signed_in_as("admin").await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let set = |c: Client, area: String, threshold: &'static str, days: &'static str| {
        let app = &app;
        async move {
            app.call(
                &c,
                "set_area_rules",
                &[
                    ("rules_area_id", area.as_str()),
                    ("support_threshold", threshold),
                    ("response_days", days),
                ],
            )
            .await
        }
    };
    assert_eq!(
        code(&set(resident.clone(), dauh_puri.clone(), "2", "5").await.unwrap_err()),
        "forbidden"
    );
    for (threshold, days, field) in [
        ("0", "5", "support_threshold"),
        ("2", "61", "response_days"),
        ("x", "5", "support_threshold"),
    ] {
        let e = set(admin.clone(), dauh_puri.clone(), threshold, days)
            .await
            .unwrap_err();
        assert_eq!((code(&e), e["field"].as_str().unwrap()), ("field".into(), field), "{e}");
    }
    let e = set(admin.clone(), "999999".into(), "2", "5").await.unwrap_err();
    assert_eq!(e["field"], "rules_area_id");
    let rules = || async {
        let (t, d): (i64, i64) =
            sqlx::query_as("SELECT support_threshold, response_days FROM areas WHERE name = 'Dauh Puri'")
                .fetch_one(&app.db().pool)
                .await
                .unwrap();
        (t, d)
    };
    assert_eq!(rules().await, (3, 10), "refusals changed nothing (demo threshold 3)");
    set(admin.clone(), dauh_puri.clone(), "2", "5").await.unwrap();
    assert_eq!(rules().await, (2, 5));
    let (_, page) = app.page(&admin, &format!("/admin/areas?area_id={dauh_puri}")).await;
    assert!(
        page.contains("name=\"support_threshold\" type=\"number\" value=\"2\"")
            && page.contains("name=\"response_days\" type=\"number\" value=\"5\""),
        "the form shows the rules in force in the chosen area"
    );
    let id = propose(&app, &resident, "Dauh Puri", "infrastruktur", true).await;
    assert_eq!(
        app.scalar(&format!("SELECT threshold FROM proposals WHERE id = {id}"))
            .await,
        2
    );
    // Set for the kota, the rules reach the areas below it that do not set
    // their own (see tests/area_settings.rs).
    let kota = app.area_id("Kota Denpasar").await.to_string();
    set(admin.clone(), kota, "7", "12").await.unwrap();
    assert_eq!(rules().await, (2, 5), "Dauh Puri keeps its own");
}

async fn unread(app: &TestApp, username: &str) -> i64 {
    app.scalar(&format!("SELECT unread_count FROM users WHERE username = '{username}'"))
        .await
}

async fn agency_id(app: &TestApp, name_like: &str) -> String {
    sqlx::query_scalar::<_, i64>("SELECT id FROM agencies WHERE name LIKE $1")
        .bind(name_like)
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn supporters_and_the_author_hear_of_every_step_in_app_and_by_feed() {
    let app = spawn().await;
    let kota = app.area_id("Kota Denpasar").await;
    let author = app.signed_in_as("warga.denpasar").await;
    let id = propose(&app, &author, "Kota Denpasar", "infrastruktur", true).await;
    let draft = propose(&app, &author, "Kota Denpasar", "infrastruktur", false).await;
    let before = unread(&app, "warga.denpasar").await;
    // The demo threshold is 3: the third support starts the deadline.
    let mut supporters = Vec::new();
    for n in 1..=3 {
        let c = resident(&app, &format!("tetangga{n}"), kota).await;
        support(&app, &c, id, true).await.unwrap();
        supporters.push(c);
    }
    assert_eq!(unread(&app, "warga.denpasar").await, before + 1, "threshold reached");
    assert_eq!(unread(&app, "tetangga1").await, 1);
    assert_eq!(
        unread(&app, "tetangga3").await,
        1,
        "the last supporter too: nobody acted"
    );
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    // The agency's officers hear that it awaits their response.
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id \
             WHERE u.username = 'petugas.pupr.denpasar' AND n.proposal_id = {id} AND n.kind = 'desk_threshold'"
        ))
        .await,
        1
    );
    let officer_unread = unread(&app, "petugas.pupr.denpasar").await;
    app.call_confirmed(
        &officer,
        "answer",
        &[
            ("id", &id.to_string()),
            ("kind", "response"),
            ("to", "accepted"),
            ("body", "Kami ganti lampunya pada <Desember> & Januari."),
        ],
    )
    .await
    .unwrap();
    for user in ["warga.denpasar", "tetangga1", "tetangga2", "tetangga3"] {
        let n = app
            .scalar(&format!(
                "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id \
                 WHERE u.username = '{user}' AND n.proposal_id = {id} AND n.kind = 'proposal'"
            ))
            .await;
        assert_eq!(n, 2, "{user}: the threshold and the response");
    }
    assert_eq!(
        unread(&app, "petugas.pupr.denpasar").await,
        officer_unread,
        "not the officer who answered"
    );
    let (_, html) = app.page(&author, "/notifications").await;
    assert!(
        html.contains("Usulan “Lampu jalan di Gang Mawar”: Jawaban resmi · Diterima · Dinas Pekerjaan Umum"),
        "{html}"
    );
    assert!(html.contains(&format!("/proposals/{id}#record")));
    assert!(html.contains("Mencapai ambang dukungan"));

    // Feeds: the proposal's steps, and every proposal of an area and the areas above it.
    let r = app.get(&browser(), &format!("/proposals/{id}/feed.atom")).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let xml = r.text().await.unwrap();
    assert!(
        xml.contains("<title>Lampu jalan di Gang Mawar: Jawaban resmi</title>"),
        "{xml}"
    );
    assert!(
        xml.contains("&amp;lt;Desember&amp;gt; &amp;amp; Januari"),
        "escaped twice: HTML in XML"
    );
    assert!(xml.contains("Diterbitkan") && xml.contains("Mencapai ambang dukungan"));
    let bali = app.area_id("Bali").await;
    for area in [kota, bali] {
        let xml = app
            .get(&browser(), &format!("/area/{area}/proposals.atom"))
            .await
            .text()
            .await
            .unwrap();
        assert!(xml.contains(&format!("/proposals/{id}#entry-")), "{area}: {xml}");
    }
    let walesi = app.area_id("Welesi").await;
    let xml = app
        .get(&browser(), &format!("/area/{walesi}/proposals.atom"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !xml.contains(&format!("/proposals/{id}#entry-")),
        "not another province's"
    );
    for path in [
        format!("/proposals/{draft}/feed.atom"),
        "/proposals/abc/feed.atom".into(),
        "/area/999999/proposals.atom".into(),
    ] {
        assert_eq!(app.get(&browser(), &path).await.status(), 404, "{path}");
    }

    // A withdrawal tells those who supported it.
    let other = propose(&app, &author, "Kota Denpasar", "infrastruktur", true).await;
    support(&app, &supporters[0], other, true).await.unwrap();
    let before = unread(&app, "tetangga1").await;
    app.call(
        &author,
        "withdraw_proposal",
        &[("id", &other.to_string()), ("confirm", "1")],
    )
    .await
    .unwrap();
    assert_eq!(unread(&app, "tetangga1").await, before + 1);
    assert_eq!(unread(&app, "tetangga2").await, 2, "not a supporter of that one");
}

#[tokio::test]
async fn a_proposal_has_its_own_discussion_outside_the_forum_lists() {
    let app = spawn().await;
    let kota = app.area_id("Kota Denpasar").await;
    let author = app.signed_in_as("warga.denpasar").await;
    let draft = propose(&app, &author, "Kota Denpasar", "infrastruktur", false).await;
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM threads WHERE proposal_id = {draft}"))
            .await,
        0,
        "a draft has no discussion yet"
    );
    app.call(&author, "publish_proposal", &[("id", &draft.to_string())])
        .await
        .unwrap();
    let thread = app
        .scalar(&format!("SELECT thread_id FROM proposals WHERE id = {draft}"))
        .await;
    assert_eq!(
        app.scalar(&format!("SELECT proposal_id FROM threads WHERE id = {thread}"))
            .await,
        draft
    );
    let (_, forum) = app.page(&browser(), &format!("/area/{kota}")).await;
    assert!(!forum.contains(&format!("/t/{thread}\"")), "not in the forum list");

    let neighbour = app.signed_in_as("moderator.denpasar").await;
    let before = unread(&app, "warga.denpasar").await;
    app.call(
        &neighbour,
        "reply",
        &[
            ("thread_id", &thread.to_string()),
            ("body", "Setuju, gang itu gelap sekali."),
        ],
    )
    .await
    .unwrap();
    assert_eq!(
        unread(&app, "warga.denpasar").await,
        before + 1,
        "the author hears of replies"
    );
    let (status, page) = app.page(&browser(), &format!("/proposals/{draft}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"discussion\"") && page.contains("Setuju, gang itu gelap sekali."));
    assert!(page.contains("Diskusi · 1 balasan"), "{page}");
    let (_, t) = app.page(&browser(), &format!("/t/{thread}")).await;
    assert!(t.contains("Diskusi untuk usulan:") && t.contains(&format!("href=\"/proposals/{draft}\"")));
    let (_, hits) = app.page(&browser(), "/search?q=Mawar").await;
    assert!(
        hits.contains(&format!("/t/{thread}")),
        "the proposal is found by search"
    );

    // Its opening post is the proposal: it cannot be edited or deleted as a post.
    let opening = app
        .scalar(&format!("SELECT id FROM posts WHERE thread_id = {thread} AND seq = 0"))
        .await
        .to_string();
    let e = app
        .call(&author, "edit_post", &[("post_id", &opening), ("body", "Diganti")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "forbidden");
    let e = app
        .call(&author, "delete_post", &[("post_id", &opening)])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "forbidden");

    // The officer answers with the discussion on the same page.
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let (_, page) = app.page(&officer, &format!("/proposals/{draft}")).await;
    assert!(page.contains("class=\"answer-desk\"") && page.contains("Setuju, gang itu gelap sekali."));
}

#[tokio::test]
async fn officers_keep_response_templates_for_their_agency() {
    let app = spawn().await;
    let pupr = agency_id(&app, "Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar").await;
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let templates0 = app.scalar("SELECT COUNT(*) FROM response_templates").await;
    let text = "Terima kasih. Tim kami akan memeriksa lokasi dalam **lima** hari kerja.";
    let save = |c: Client, agency: String, title: &'static str| {
        let app = &app;
        async move {
            app.call(
                &c,
                "save_template",
                &[("agency_id", agency.as_str()), ("title", title), ("body", text)],
            )
            .await
        }
    };
    let resident = app.signed_in_as("warga.denpasar").await;
    assert_eq!(
        code(&save(resident, pupr.clone(), "Survei lapangan").await.unwrap_err()),
        "forbidden"
    );
    let stranger = app.signed_in_as("petugas.disdik.malang").await;
    assert_eq!(
        code(
            &save(stranger.clone(), pupr.clone(), "Survei lapangan")
                .await
                .unwrap_err()
        ),
        "forbidden",
        "another agency's officer"
    );
    let e = save(officer.clone(), pupr.clone(), "").await.unwrap_err();
    assert_eq!(e["field"], "title");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM response_templates").await, templates0);
    save(officer.clone(), pupr.clone(), "Survei lapangan").await.unwrap();
    let template = app.scalar("SELECT MAX(id) FROM response_templates").await;
    let (_, desk) = app.page(&officer, "/desk").await;
    assert!(desk.contains("id=\"templates\"") && desk.contains("Survei lapangan"));

    // Picking it fills the response form (a GET, no JavaScript needed).
    let author = app.signed_in_as("warga.denpasar").await;
    let id = propose(&app, &author, "Kota Denpasar", "infrastruktur", true).await;
    let (_, page) = app
        .page(&officer, &format!("/proposals/{id}?template={template}"))
        .await;
    assert!(page.contains(
        "<option value=\"{template}\">Survei lapangan</option>"
            .replace("{template}", &template.to_string())
            .as_str()
    ));
    assert!(
        page.contains("memeriksa lokasi dalam **lima** hari kerja.</textarea>"),
        "{page}"
    );
    let (_, page) = app.page(&officer, &format!("/proposals/{id}?template=999999")).await;
    assert!(!page.contains("memeriksa lokasi dalam"));

    let t = template.to_string();
    assert_eq!(
        code(&app.call(&stranger, "delete_template", &[("id", &t)]).await.unwrap_err()),
        "forbidden"
    );
    app.call(&officer, "delete_template", &[("id", &t)]).await.unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM response_templates").await, templates0);
    assert_eq!(
        code(&app.call(&officer, "delete_template", &[("id", &t)]).await.unwrap_err()),
        "not_found"
    );
}

#[tokio::test]
async fn a_draft_is_listed_for_its_author_and_can_be_edited_until_published() {
    let app = spawn().await;
    let author = app.signed_in_as("warga.denpasar").await;
    let other = app.signed_in_as("warga.sawahlunto").await;
    let id = propose(&app, &author, "Dauh Puri", "infrastruktur", false).await;
    let ids = id.to_string();

    // "Usulan saya" lists it with its stage; the public list does not.
    let (_, mine) = app.page(&author, "/proposals?scope=mine").await;
    assert!(mine.contains(&format!("href=\"/proposals/{id}\"")), "{mine}");
    assert!(mine.contains("Draf"), "{mine}");
    let (_, all) = app.page(&author, "/proposals?sort=newest").await;
    assert!(!all.contains(&format!("href=\"/proposals/{id}\"")));
    let (_, theirs) = app.page(&other, "/proposals?scope=mine").await;
    assert!(!theirs.contains(&format!("href=\"/proposals/{id}\"")));
    // A visitor is asked to sign in, not shown anyone's.
    let r = app.get(&browser(), "/proposals?scope=mine").await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/signin?next="));

    // The draft's page offers to edit it; the form holds what was written.
    let (_, page) = app.page(&author, &format!("/proposals/{id}")).await;
    assert!(page.contains(&format!("href=\"/proposals/{id}/edit\"")), "{page}");
    let (status, form) = app.page(&author, &format!("/proposals/{id}/edit")).await;
    assert_eq!(status, 200);
    assert!(form.contains("value=\"Lampu jalan di Gang Mawar\""), "{form}");
    assert!(form.contains("Gang Mawar gelap sejak Januari."));
    assert!(form.contains("value=\"4500000\""));
    // Nobody else can read or change it: to them it does not exist.
    let (status, _) = app.page(&other, &format!("/proposals/{id}/edit")).await;
    assert_eq!(status, 404);
    let cat = category(&app, "infrastruktur").await;
    let area = app.area_id("Dauh Puri").await.to_string();
    let edit = |title: &'static str, publish: &'static str| {
        vec![
            ("id", ids.clone()),
            ("title", title.to_owned()),
            ("body", "Gang Mawar gelap sejak Januari. Empat lampu mati.".to_owned()),
            ("area_id", area.clone()),
            ("category_id", cat.clone()),
            ("cost", "Rp 4.500.000".to_owned()),
            ("location", "Gang Mawar".to_owned()),
            ("publish", publish.to_owned()),
        ]
    };
    let pairs = |f: &[(&'static str, String)]| f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    let form: Vec<(&str, String)> = pairs(&edit("Lampu jalan Gang Mawar", ""));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let e = app.call(&other, "edit_proposal", &form).await.unwrap_err();
    assert_eq!(code(&e), "not_found", "{e}");

    // Every problem at once, and nothing written.
    let mut bad = form.clone();
    bad.retain(|(k, _)| *k != "title" && *k != "body");
    bad.extend([("title", ""), ("body", " ")]);
    let e = app.call(&author, "edit_proposal", &bad).await.unwrap_err();
    assert_eq!(code(&e), "fields", "{e}");
    assert_eq!(e["errors"].as_array().unwrap().len(), 2, "{e}");

    // The cost confirmed when the draft was saved is not asked again.
    app.call(&author, "edit_proposal", &form).await.unwrap();
    let (title, body, state): (String, String, String) =
        sqlx::query_as("SELECT title, body_src, state FROM proposals WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(
        (title.as_str(), body.as_str(), state.as_str()),
        (
            "Lampu jalan Gang Mawar",
            "Gang Mawar gelap sejak Januari. Empat lampu mati.",
            "draft"
        )
    );
    // A new cost is shown back before it is saved.
    let mut dearer = form.clone();
    dearer.retain(|(k, _)| *k != "cost");
    dearer.push(("cost", "Rp 5.000.000"));
    let e = app.call(&author, "edit_proposal", &dearer).await.unwrap_err();
    assert_eq!(code(&e), "confirm_amount", "{e}");

    // Saved and published in one step; after that it is no longer a draft.
    let publish = pairs(&edit("Lampu jalan Gang Mawar", "1"));
    let publish: Vec<(&str, &str)> = publish.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(&author, "edit_proposal", &publish).await.unwrap();
    assert_eq!(state_of(&app, id).await, "published");
    assert_eq!(events(&app, id).await, ["published"]);
    let e = app.call(&author, "edit_proposal", &form).await.unwrap_err();
    assert_eq!(reason(&e), "wrong_step");
    let (_, page) = app.page(&author, &format!("/proposals/{id}")).await;
    assert!(!page.contains("/edit\""));
}
