#![allow(clippy::unwrap_used)]
//! Amounts read as written and shown as understood before anything is
//! saved, and corrections of the decision record in the open, over HTTP
//! against the real router on whichever backend the suite runs on.
mod common;
use app::server::record;
use common::*;
use reqwest::Client;

/// A form's fields, as `TestApp::call` takes them.
type Form<'a> = &'a [(&'a str, &'a str)];

async fn proposal_form<'a>(app: &TestApp, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, String)> {
    let mut form: Vec<(&str, String)> = vec![
        ("title", "Perbaikan drainase Jalan Teuku Umar".into()),
        ("body", "Saluran air tersumbat dan meluap setiap hujan.".into()),
        ("area_id", app.area_id("Dauh Puri").await.to_string()),
        ("category_id", category(app, "infrastruktur").await),
        ("publish", "1".into()),
    ];
    for (k, v) in extra {
        form.retain(|(name, _)| name != k);
        form.push((k, (*v).to_owned()));
    }
    form
}

fn pairs<'a>(form: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn propose(app: &TestApp, c: &Client, extra: &[(&str, &str)]) -> Result<i64, serde_json::Value> {
    let form = proposal_form(app, extra).await;
    app.call(c, "create_proposal", &pairs(&form)).await?;
    Ok(app.scalar("SELECT MAX(id) FROM proposals").await)
}

async fn cost_of(app: &TestApp, id: i64) -> Option<i64> {
    sqlx::query_scalar("SELECT cost FROM proposals WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
}

fn problem(e: &serde_json::Value) -> (String, String, String) {
    (
        code(e),
        e["field"].as_str().unwrap_or("").to_owned(),
        e["amount"].as_str().unwrap_or("").to_owned(),
    )
}

#[tokio::test]
async fn rupiah_typed_the_usual_way_is_stored_as_written_once_seen_as_understood() {
    let app = spawn().await;
    let author = app.signed_in_as("warga.denpasar").await;
    let before = app.scalar("SELECT COUNT(*) FROM proposals").await;

    // "45.000.000,00" was stored as Rp 4.500.000.000 before: now it is
    // read as forty-five million, and shown back before anything is saved.
    let e = propose(&app, &author, &[("cost", "45.000.000,00")]).await.unwrap_err();
    assert_eq!(code(&e), "confirm_amount", "{e}");
    assert_eq!(
        (e["field"].as_str(), e["amount"].as_i64()),
        (Some("cost"), Some(45_000_000))
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM proposals").await,
        before,
        "nothing saved yet"
    );
    // Confirmed for another amount (the form was edited after it was shown): asked again.
    let e = propose(
        &app,
        &author,
        &[("cost", "45.000.000,00"), ("cost_confirmed", "4500000000")],
    )
    .await
    .unwrap_err();
    assert_eq!(e["amount"].as_i64(), Some(45_000_000), "{e}");
    let id = propose(
        &app,
        &author,
        &[("cost", "45.000.000,00"), ("cost_confirmed", "45000000")],
    )
    .await
    .unwrap();
    assert_eq!(cost_of(&app, id).await, Some(45_000_000));
    // "Rp 45 juta" was refused as invalid.
    let id = propose(&app, &author, &[("cost", "Rp 45 juta"), ("cost_confirmed", "45000000")])
        .await
        .unwrap();
    assert_eq!(cost_of(&app, id).await, Some(45_000_000));
    let id = propose(
        &app,
        &author,
        &[("cost", "1,5 miliar"), ("cost_confirmed", "1500000000")],
    )
    .await
    .unwrap();
    assert_eq!(cost_of(&app, id).await, Some(1_500_000_000));
    // No cost: nothing to confirm.
    let id = propose(&app, &author, &[("cost", "")]).await.unwrap();
    assert_eq!(cost_of(&app, id).await, None);

    // What could be read two ways is refused, with its reason.
    let count = app.scalar("SELECT COUNT(*) FROM proposals").await;
    for (typed, why) in [
        ("1.5", "ambiguous"),
        ("45,000", "ambiguous"),
        ("45,000,000.00", "ambiguous"),
        ("45.000,5", "fraction"),
        ("-45.000", "negative"),
        ("11 triliun", "too_large"),
        ("empat puluh lima juta", "format"),
    ] {
        let e = propose(&app, &author, &[("cost", typed), ("cost_confirmed", "45000000")])
            .await
            .unwrap_err();
        assert_eq!(problem(&e), ("field".into(), "cost".into(), why.into()), "{typed}: {e}");
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM proposals").await, count);
}

#[tokio::test]
async fn without_javascript_the_form_comes_back_with_the_amount_in_words_then_saves_it() {
    let app = spawn().await;
    let author = app.signed_in_as("warga.denpasar").await;
    let form = proposal_form(&app, &[("cost", "Rp 165.000.000,00")]).await;
    let r = app
        .post_form(&author, "create_proposal", "/proposals/new", &pairs(&form))
        .await;
    assert_eq!(r.status().as_u16(), 303);
    // Back to the form, with the chosen area in its address for the picker.
    let area = app.area_id("Dauh Puri").await;
    assert_eq!(
        r.headers()["location"],
        format!("/proposals/new?area_id={area}").as_str()
    );
    let (status, html) = app.page(&author, "/proposals/new").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Rp 165.000.000 — seratus enam puluh lima juta rupiah"),
        "the amount as understood, in figures and words"
    );
    assert!(html.contains(r#"name="cost_confirmed" value="165000000""#), "{html}");
    assert!(
        html.contains("Perbaikan drainase Jalan Teuku Umar"),
        "what was typed is kept"
    );
    assert!(
        !html.contains(r#"class="form-error""#),
        "a confirmation is not an error"
    );
    // Sent again with the confirmation the page carried: saved, as written.
    let mut confirmed = form.clone();
    confirmed.push(("cost_confirmed", "165000000".into()));
    let r = app
        .post_form(&author, "create_proposal", "/proposals/new", &pairs(&confirmed))
        .await;
    assert_eq!(r.status().as_u16(), 302, "saved: on to the proposal");
    let id = app.scalar("SELECT MAX(id) FROM proposals").await;
    assert_eq!(r.headers()["location"], format!("/proposals/{id}").as_str());
    assert_eq!(cost_of(&app, id).await, Some(165_000_000));

    // In English, in English words; a refused amount shows an example.
    app.call(&author, "set_language", &[("lang", "en")]).await.unwrap();
    app.post_form(&author, "create_proposal", "/proposals/new", &pairs(&form))
        .await;
    let html = app.page(&author, "/proposals/new").await.1;
    assert!(
        html.contains("Rp 165,000,000 — one hundred sixty-five million rupiah"),
        "{html}"
    );
    let ambiguous = proposal_form(&app, &[("cost", "1.5")]).await;
    app.post_form(&author, "create_proposal", "/proposals/new", &pairs(&ambiguous))
        .await;
    let html = app.page(&author, "/proposals/new").await.1;
    assert!(
        html.contains("can be read two ways") && html.contains("45.000.000"),
        "{html}"
    );
}

/// A published proposal of `author` in Dauh Puri; the PUPR officer of Kota
/// Denpasar answers for its category there.
async fn published(app: &TestApp, author: &Client) -> i64 {
    propose(app, author, &[]).await.unwrap()
}

async fn answer(
    app: &TestApp,
    c: &Client,
    id: i64,
    extra: &[(&str, &str)],
) -> Result<serde_json::Value, serde_json::Value> {
    let id = id.to_string();
    let mut form = vec![
        ("id", id.as_str()),
        ("kind", "response"),
        ("to", "accepted"),
        ("body", "Diterima. Anggaran disiapkan dari APBD perubahan."),
        ("timeline", "Desember 2026"),
    ];
    form.extend_from_slice(extra);
    app.call_confirmed(c, "answer", &form).await
}

#[tokio::test]
async fn an_official_budget_enters_the_record_only_as_the_officer_saw_it() {
    let app = spawn().await;
    let author = app.signed_in_as("warga.denpasar").await;
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let id = published(&app, &author).await;
    let records = app.scalar("SELECT COUNT(*) FROM record").await;
    // The budget the issue names: it would have entered as Rp 16,5 miliar.
    let e = answer(&app, &officer, id, &[("budget", "Rp 165.000.000,00")])
        .await
        .unwrap_err();
    assert_eq!(
        (code(&e).as_str(), e["amount"].as_i64()),
        ("confirm_amount", Some(165_000_000))
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM record").await,
        records,
        "nothing recorded"
    );
    // Without JavaScript the answer form comes back showing what was understood.
    let page = format!("/proposals/{id}");
    let sid = id.to_string();
    let form = [
        ("id", sid.as_str()),
        ("kind", "response"),
        ("to", "accepted"),
        ("body", "Diterima. Anggaran disiapkan dari APBD perubahan."),
        ("budget", "Rp 165.000.000,00"),
    ];
    let r = app.post_form(&officer, "answer", &page, &form).await;
    assert_eq!(r.status().as_u16(), 303);
    let html = app.page(&officer, &page).await.1;
    assert!(html.contains("Rp 165.000.000 — seratus enam puluh lima juta rupiah"));
    assert!(html.contains(r#"name="budget_confirmed" value="165000000""#));
    assert!(html.contains(r#"value="Rp 165.000.000,00""#), "what was typed is kept");
    assert!(
        html.contains(r#"<option value="accepted" selected"#),
        "the decision chosen is kept: confirming must not publish another one"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM record").await, records);
    answer(
        &app,
        &officer,
        id,
        &[("budget", "Rp 165.000.000,00"), ("budget_confirmed", "165000000")],
    )
    .await
    .unwrap();
    let content: String = sqlx::query_scalar("SELECT content FROM record WHERE subject_id = $1 AND event = 'response'")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let c: record::Content = serde_json::from_str(&content).unwrap();
    assert_eq!(c.budget, Some(165_000_000));
    assert!(
        !content.contains("correction"),
        "other entries keep their canonical keys"
    );
    assert!(record::verify(app.db()).await.unwrap().is_ok());
}

async fn correct(
    app: &TestApp,
    c: &Client,
    seq: i64,
    form: &[(&str, &str)],
) -> Result<serde_json::Value, serde_json::Value> {
    let seq = seq.to_string();
    let mut all = vec![("seq", seq.as_str())];
    all.extend_from_slice(form);
    app.call(c, "correct_entry", &all).await
}

async fn entry(app: &TestApp, seq: i64) -> (String, serde_json::Value) {
    let (event, content): (String, String) = sqlx::query_as("SELECT event, content FROM record WHERE seq = $1")
        .bind(seq)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    (event, serde_json::from_str(&content).unwrap())
}

#[tokio::test]
async fn a_wrong_budget_is_corrected_in_the_open_next_to_the_original() {
    let app = spawn().await;
    let author = app.signed_in_as("warga.denpasar").await;
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let id = published(&app, &author).await;
    // The wrong amount, as it was published before amounts were read as written.
    answer(
        &app,
        &officer,
        id,
        &[("budget", "16.500.000.000"), ("budget_confirmed", "16500000000")],
    )
    .await
    .unwrap();
    let original = app
        .scalar(&format!(
            "SELECT seq FROM record WHERE subject_id = {id} AND event = 'response'"
        ))
        .await;
    let before = app.scalar("SELECT COUNT(*) FROM record").await;
    let fix = [
        ("field", "budget"),
        ("value", "Rp 165.000.000"),
        ("reason", "Salah ketik: kelebihan dua angka nol."),
    ];

    // Who may not: a visitor, the author, an officer of another agency, a moderator.
    let e = correct(&app, &browser(), original, &fix).await.unwrap_err();
    assert_eq!(code(&e), "not_signed_in");
    for who in ["warga.denpasar", "petugas.disdik.malang", "moderator.denpasar"] {
        let c = app.signed_in_as(who).await;
        let e = correct(&app, &c, original, &fix).await.unwrap_err();
        assert_eq!(code(&e), "forbidden", "{who}: {e}");
    }
    // Refused before anything typed is read, even a malformed entry number.
    let e = app
        .call(&author, "correct_entry", &[("seq", "x"), ("field", "text")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "forbidden", "{e}");
    // Bad input: translated field errors; entries that are not responses are not corrected.
    let long = "x".repeat(201);
    // (form, the field refused, the amount problem if any)
    let cases: [(Form, &str, &str); 5] = [
        (
            &[("field", "budget"), ("value", "1.5"), ("reason", "Salah.")],
            "value",
            "ambiguous",
        ),
        (
            &[("field", "budget"), ("value", "Rp 165.000.000"), ("reason", " ")],
            "reason",
            "",
        ),
        (&[("field", "budget"), ("value", ""), ("reason", "Salah.")], "value", ""),
        (&[("field", "judul"), ("value", "x"), ("reason", "Salah.")], "field", ""),
        (
            &[("field", "timeline"), ("value", &long), ("reason", "Salah.")],
            "value",
            "",
        ),
    ];
    for (form, field, amount) in cases {
        let e = correct(&app, &officer, original, form).await.unwrap_err();
        assert_eq!(code(&e), "field", "{e}");
        assert_eq!(e["field"], field, "{e}");
        assert_eq!(e["amount"].as_str().unwrap_or(""), amount, "{e}");
    }
    let published_seq = app
        .scalar(&format!(
            "SELECT seq FROM record WHERE subject_id = {id} AND event = 'published' AND subject = 'proposal'"
        ))
        .await;
    let e = correct(&app, &officer, published_seq, &fix).await.unwrap_err();
    assert_eq!(e["reason"], "not_correctable", "{e}");
    assert_eq!(
        code(&correct(&app, &officer, 999_999, &fix).await.unwrap_err()),
        "not_found"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM record").await,
        before,
        "nothing refused was recorded"
    );

    // The officer sees the amount as understood first, then publishes it.
    let e = correct(&app, &officer, original, &fix).await.unwrap_err();
    assert_eq!(
        (code(&e).as_str(), e["amount"].as_i64()),
        ("confirm_amount", Some(165_000_000))
    );
    let mut confirmed = fix.to_vec();
    confirmed.push(("value_confirmed", "165000000"));
    correct(&app, &officer, original, &confirmed).await.unwrap();
    let seq = app.scalar("SELECT MAX(seq) FROM record").await;
    let (event, c) = entry(&app, seq).await;
    assert_eq!(event, "correction");
    assert_eq!(c["actor"]["username"], "petugas.pupr.denpasar");
    assert_eq!(
        c["correction"],
        serde_json::json!({
            "corrects": original,
            "field": "budget",
            "was": 16_500_000_000_i64,
            "now": 165_000_000,
            "why": "Salah ketik: kelebihan dua angka nol."
        })
    );
    // The original is untouched; the chain still verifies; the proposal's budget follows.
    let (_, o) = entry(&app, original).await;
    assert_eq!(o["budget"], 16_500_000_000_i64);
    assert!(record::verify(app.db()).await.unwrap().is_ok());
    assert_eq!(
        app.scalar(&format!("SELECT budget FROM proposals WHERE id = {id}"))
            .await,
        165_000_000
    );
    // The same again is no correction.
    let e = correct(&app, &officer, original, &confirmed).await.unwrap_err();
    assert_eq!(e["reason"], "no_change", "{e}");

    // Next to the original: the proposal page, /record, both exports.
    let visitor = browser();
    let page = app.page(&visitor, &format!("/proposals/{id}")).await.1;
    for shown in [
        "Koreksi",
        "Rp 16.500.000.000",
        "Rp 165.000.000 — seratus enam puluh lima juta rupiah",
        "Salah ketik: kelebihan dua angka nol.",
        &format!("/record#entry-{seq}"),
    ] {
        assert!(page.contains(shown), "proposal page: {shown}");
    }
    let page = app.page(&visitor, "/record").await.1;
    assert!(
        page.contains(&format!("href=\"#entry-{original}\"")),
        "the correction names the original"
    );
    assert!(page.contains("Dikoreksi di catatan") && page.contains(&format!("href=\"#entry-{seq}\"")));
    assert!(page.contains("Salah ketik: kelebihan dua angka nol."));
    let json: Vec<serde_json::Value> = app.get(&visitor, "/record.json").await.json().await.unwrap();
    let of = |s: i64| json.iter().find(|e| e["seq"] == s).unwrap().clone();
    assert_eq!(of(original)["corrected_by"], serde_json::json!([seq]));
    assert_eq!(of(seq)["corrected_by"], serde_json::json!([]));
    assert!(of(seq)["content"]
        .as_str()
        .unwrap()
        .contains("\"correction\":{\"corrects\""));
    let (_, csv) = app.page(&visitor, "/record.csv").await;
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with(",content,corrected_by"), "{}", lines[0]);
    let row = lines.iter().find(|l| l.starts_with(&format!("{original},"))).unwrap();
    assert!(row.ends_with(&format!(",{seq}")), "{row}");

    // The feed too (its text escaped once more inside the XML, spaces as `&#32;`).
    let feed = app.page(&visitor, &format!("/proposals/{id}/feed.atom")).await.1;
    let feed = feed.replace("&amp;#32;", " ");
    assert!(
        feed.contains("Salah ketik: kelebihan dua angka nol.") && feed.contains("Rp 165.000.000"),
        "{feed}"
    );

    // The author is told; the text can be corrected too, and an admin may.
    let notes = app.page(&author, "/notifications").await.1;
    assert!(notes.contains("Koreksi"), "the author hears of the correction");
    let admin = app.signed_in_as("admin").await;
    correct(
        &app,
        &admin,
        original,
        &[
            ("field", "text"),
            ("value", "Diterima. Anggaran **Rp 165 juta** dari APBD perubahan."),
            ("reason", "Jumlah di teks ikut diperbaiki."),
        ],
    )
    .await
    .unwrap();
    let page = app.page(&visitor, &format!("/proposals/{id}")).await.1;
    assert!(
        page.contains("<strong>Rp 165 juta</strong>"),
        "the corrected text, rendered"
    );
    assert!(
        page.contains("Diterima. Anggaran disiapkan dari APBD perubahan."),
        "the original stays"
    );
    assert!(record::verify(app.db()).await.unwrap().is_ok());
}

#[tokio::test]
async fn without_javascript_a_correction_form_comes_back_with_its_errors_then_publishes() {
    let app = spawn().await;
    let author = app.signed_in_as("warga.denpasar").await;
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let id = published(&app, &author).await;
    answer(
        &app,
        &officer,
        id,
        &[("budget", "16.500.000.000"), ("budget_confirmed", "16500000000")],
    )
    .await
    .unwrap();
    let original = app
        .scalar(&format!(
            "SELECT seq FROM record WHERE subject_id = {id} AND event = 'response'"
        ))
        .await;
    let page = format!("/proposals/{id}");
    let html = app.page(&officer, &page).await.1;
    assert!(html.contains(r#"id="correct""#) && html.contains(&format!(r#"<option value="{original}""#)));
    assert!(
        !app.page(&author, &page).await.1.contains(r#"id="correct""#),
        "no form for the author"
    );
    let seq = original.to_string();
    let form = [
        ("seq", seq.as_str()),
        ("field", "budget"),
        ("value", "165 juta"),
        ("reason", ""),
    ];
    let r = app.post_form(&officer, "correct_entry", &page, &form).await;
    assert_eq!(r.status().as_u16(), 303);
    let html = app.page(&officer, &page).await.1;
    assert!(html.contains("Wajib diisi."), "the reason is required, in Indonesian");
    assert!(html.contains("165 juta"), "what was typed is kept");
    let english = app.signed_in_as("petugas.pupr.denpasar").await;
    app.call(&english, "set_language", &[("lang", "en")]).await.unwrap();
    app.post_form(&english, "correct_entry", &page, &form).await;
    let html = app.page(&english, &page).await.1;
    assert!(html.contains("This field is required."), "and in English");
    // The language is the account's: back to Indonesian for the rest.
    app.call(&english, "set_language", &[("lang", "id")]).await.unwrap();
    let mut form = form.to_vec();
    form[3] = ("reason", "Salah ketik.");
    app.post_form(&officer, "correct_entry", &page, &form).await;
    let html = app.page(&officer, &page).await.1;
    assert!(html.contains("Rp 165.000.000 — seratus enam puluh lima juta rupiah"));
    assert!(html.contains(r#"name="value_confirmed" value="165000000""#));
    form.push(("value_confirmed", "165000000"));
    let r = app.post_form(&officer, "correct_entry", &page, &form).await;
    assert_eq!(r.status().as_u16(), 302, "published: on to the response");
    assert_eq!(r.headers()["location"], format!("/proposals/{id}#e{original}").as_str());
    assert_eq!(app.scalar("SELECT COUNT(*) FROM corrections").await, 1);
}

#[tokio::test]
async fn a_correction_of_a_complaint_step_never_names_the_complainant_nor_opens_a_private_one() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    let complainant = resident(&app, "pelapor.rahasia", dauh_puri).await;
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let cat = category(&app, "infrastruktur").await;
    let area = dauh_puri.to_string();
    let today = app::server::time::iso_date(app::server::time::now(), "WITA");
    let mut ids = Vec::new();
    // Both anonymous: the public never learns who filed either.
    for private in ["", "1"] {
        app.call(
            &complainant,
            "file_complaint",
            &[
                ("title", "Trotoar ambles di depan sekolah"),
                (
                    "body",
                    "Trotoar di depan SD ambles sedalam setengah meter dan membahayakan murid.",
                ),
                ("area_id", &area),
                ("category_id", &cat),
                ("happened_on", &today),
                ("anonymous", "1"),
                ("private", private),
            ],
        )
        .await
        .unwrap();
        let id = app.scalar("SELECT MAX(id) FROM complaints").await;
        app.call(
            &officer,
            "complaint_step",
            &[
                ("id", &id.to_string()),
                ("event", "verified"),
                ("body", "Sudah dicek tim."),
            ],
        )
        .await
        .unwrap();
        let step = app
            .scalar(&format!(
                "SELECT record_seq FROM complaint_steps WHERE complaint_id = {id}"
            ))
            .await;
        // A complaint step has its text only.
        let e = correct(
            &app,
            &officer,
            step,
            &[("field", "budget"), ("value", "5 juta"), ("reason", "x")],
        )
        .await
        .unwrap_err();
        assert_eq!(e["field"], "field", "{e}");
        let e = correct(
            &app,
            &complainant,
            step,
            &[("field", "text"), ("value", "x"), ("reason", "x")],
        )
        .await
        .unwrap_err();
        assert_eq!(code(&e), "forbidden");
        correct(
            &app,
            &officer,
            step,
            &[
                ("field", "text"),
                ("value", "Sudah dicek tim pada hari Senin; perbaikan dijadwalkan."),
                ("reason", "Jadwal perbaikan belum disebut."),
            ],
        )
        .await
        .unwrap();
        ids.push(id);
    }
    assert!(record::verify(app.db()).await.unwrap().is_ok());
    let seq = app.scalar("SELECT MAX(seq) FROM record").await;
    let (_, c) = entry(&app, seq).await;
    // The private complaint's correction: that it happened, by whom, not what.
    assert_eq!(c["title"], "");
    assert_eq!(c["correction"]["field"], "text");
    assert!(c["correction"]["was"].is_null() && c["correction"]["now"].is_null() && c["correction"]["why"].is_null());
    let visitor = browser();
    let stranger = resident(&app, "tetangga.lain", dauh_puri).await;
    for c in [&visitor, &stranger] {
        for path in [
            format!("/complaints/{}", ids[0]),
            "/record".into(),
            "/record.json".into(),
            "/record.csv".into(),
        ] {
            let body = app.page(c, &path).await.1;
            assert!(!body.contains("pelapor.rahasia"), "{path} names the complainant");
        }
        assert_eq!(app.page(c, &format!("/complaints/{}", ids[1])).await.0, 404);
    }
    // The public one shows it next to the step; the private one to its complainant.
    let public = app.page(&visitor, &format!("/complaints/{}", ids[0])).await.1;
    assert!(public.contains("Jadwal perbaikan belum disebut.") && public.contains("perbaikan dijadwalkan"));
    let private = app.page(&complainant, &format!("/complaints/{}", ids[1])).await.1;
    assert!(private.contains("Jadwal perbaikan belum disebut."));
    let record = app.page(&visitor, "/record").await.1;
    assert!(
        record.contains("isi koreksi tidak dipublikasikan"),
        "a private correction says only that it happened"
    );
}
