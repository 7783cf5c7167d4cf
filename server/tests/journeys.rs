#![allow(clippy::unwrap_used)]
//! A resident's, an officer's and a moderator's tasks, as people meet them
//! (issue 21): every problem of a form at once, a confirmation before what
//! cannot be undone, a receipt after filing, and back to the queue.
mod common;
use app::server::time;
use common::*;
use reqwest::Client;

fn today() -> String {
    time::iso_date(time::now(), "WITA")
}

async fn complaint_form(app: &TestApp) -> Vec<(&'static str, String)> {
    vec![
        ("title", "Lampu jalan padam sebulan".into()),
        (
            "body",
            "Lampu jalan di Jalan Gunung Agung padam sejak sebulan; malam hari gelap.".into(),
        ),
        ("area_id", app.area_id("Kota Denpasar").await.to_string()),
        ("category_id", category(app, "infrastruktur").await),
        ("happened_on", today()),
    ]
}

fn with<'a>(form: &'a [(&'static str, String)], changes: &[(&'static str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for (k, v) in changes {
        f.retain(|(name, _)| name != k);
        f.push((k, v));
    }
    f
}

fn problems(e: &serde_json::Value) -> Vec<(String, String)> {
    assert_eq!(code(e), "fields", "{e}");
    e["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().into(),
                f["problem"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[tokio::test]
async fn a_form_comes_back_with_every_problem_at_once_in_a_summary_that_takes_focus() {
    let app = spawn().await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let before = app.scalar("SELECT COUNT(*) FROM complaints").await;
    let form = complaint_form(&app).await;
    let long = "x".repeat(201);
    let bad = with(
        &form,
        &[("body", "Lampu mati."), ("happened_on", ""), ("location", &long)],
    );
    let e = app.call(&resident, "file_complaint", &bad).await.unwrap_err();
    assert_eq!(
        problems(&e),
        pairs(&[
            ("location", "too_long"),
            ("body", "too_short"),
            ("happened_on", "required")
        ]),
        "in the form's order"
    );
    // A date after today (anywhere in Indonesia) and one that does not exist
    // are each named for what they are.
    let later = time::iso_day(time::local_day(time::now(), "WIT") + 2);
    let e = app
        .call(&resident, "file_complaint", &with(&form, &[("happened_on", &later)]))
        .await
        .unwrap_err();
    assert_eq!((code(&e), e["problem"].as_str()), ("field".into(), Some("future_date")));
    let e = app
        .call(
            &resident,
            "file_complaint",
            &with(&form, &[("happened_on", "2026-02-30")]),
        )
        .await
        .unwrap_err();
    assert_eq!(e["problem"], "date");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM complaints").await,
        before,
        "nothing written"
    );

    // Without JavaScript: the form again, the summary first and focused,
    // each problem a link to its field, what was typed kept.
    let r = app
        .post_form(&resident, "file_complaint", "/complaints/new", &bad)
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = app.page(&resident, "/complaints/new").await;
    let class = html.find(r#"class="error-summary""#).expect("a summary");
    let start = html[..class].rfind("<div").unwrap();
    let summary = &html[start..start + html[start..].find("</div>").unwrap()];
    assert!(
        summary.contains(r#"tabindex="-1""#) && summary.contains("autofocus"),
        "{summary}"
    );
    assert!(summary.contains("Ada yang perlu diperbaiki"));
    for (field, text) in [
        ("location", "Lokasi: Terlalu panjang"),
        ("body", "Isi: Terlalu pendek: paling sedikit 30 karakter."),
        ("happened_on", "Tulis tanggal kejadiannya."),
    ] {
        assert!(
            summary.contains(&format!(r##"<a href="#f-{field}">{text}"##)),
            "{field}: {summary}"
        );
        assert!(
            html.contains(&format!(r#"id="f-{field}""#)),
            "the link has a target: {field}"
        );
    }
    assert!(html.contains("Lampu mati.</textarea>"), "typed text kept");
    // And in English.
    app.call(&resident, "set_language", &[("lang", "en")]).await.unwrap();
    app.post_form(&resident, "file_complaint", "/complaints/new", &bad)
        .await;
    let (_, html) = app.page(&resident, "/complaints/new").await;
    assert!(html.contains("There is a problem"));
    assert!(html.contains(r##"<a href="#f-happened_on">Enter the date it happened.</a>"##));
    assert!(html.contains(r##"<a href="#f-body">Text: Too short: at least 30 characters.</a>"##));
    app.call(&resident, "set_language", &[("lang", "id")]).await.unwrap();

    // An SKM rating with unanswered elements names each one and keeps the
    // answers given (it used to say "reload the page").
    let e = app
        .call(
            &resident,
            "rate",
            &[("subject", "complaint"), ("id", "1"), ("u1", "4"), ("u5", "9")],
        )
        .await
        .unwrap_err();
    let p = problems(&e);
    assert_eq!(p.len(), 8, "{p:?}");
    assert!(p.contains(&("u2".into(), "choose".into())) && p.contains(&("u5".into(), "invalid".into())));
}

#[tokio::test]
async fn filing_a_complaint_ends_on_a_receipt_with_its_number_and_deadlines() {
    let app = spawn().await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let form = complaint_form(&app).await;
    let r = app
        .post_form(
            &resident,
            "file_complaint",
            "/complaints/new",
            &with(&form, &[("anonymous", "1")]),
        )
        .await;
    let id = app.scalar("SELECT MAX(id) FROM complaints").await;
    let receipt = format!("/complaints/{id}?filed=1");
    assert_eq!(r.headers()["location"], receipt.as_str());
    let (_, html) = app.page(&resident, &receipt).await;
    let part = html.split(r#"id="receipt""#).nth(1).expect("a receipt");
    let part = &part[..part.find("</section>").unwrap()];
    assert!(part.contains("autofocus"), "it takes focus");
    assert!(
        part.contains(&format!("Nomor pengaduan <strong>{id}</strong>")),
        "{part}"
    );
    assert!(part.contains("Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar"));
    assert_eq!(
        part.matches("23.59 WITA").count(),
        3,
        "each deadline with hour and zone: {part}"
    );
    // The complainant is told who sees their name; the public is not shown it.
    assert!(html.contains("Hanya Anda, petugas dan admin yang melihat nama Anda."));
    let neighbour = resident_of(&app, "tetangga.struk").await;
    for c in [&neighbour, &browser()] {
        let (_, html) = app.page(c, &receipt).await;
        assert!(
            !html.contains(r#"id="receipt""#),
            "a receipt is for its complainant only"
        );
        assert!(!html.contains("Hanya Anda, petugas") && html.contains("Anonim"));
        assert!(!html.contains("Ni Luh Ayu"), "never the anonymous complainant's name");
    }
}

async fn resident_of(app: &TestApp, username: &str) -> Client {
    resident(app, username, app.area_id("Dauh Puri").await).await
}

async fn published_proposal(app: &TestApp) -> i64 {
    let author = app.signed_in_as("warga.denpasar").await;
    let area = app.area_id("Kota Denpasar").await.to_string();
    let cat = category(app, "infrastruktur").await;
    app.call(
        &author,
        "create_proposal",
        &[
            ("title", "Lampu jalan di Gang Melati"),
            ("body", "Gang Melati gelap sejak Januari."),
            ("area_id", &area),
            ("category_id", &cat),
            ("publish", "1"),
        ],
    )
    .await
    .unwrap();
    app.scalar("SELECT MAX(id) FROM proposals").await
}

#[tokio::test]
async fn an_official_response_is_written_only_once_confirmed_exactly_as_shown() {
    let app = spawn().await;
    let id = published_proposal(&app).await;
    let ids = id.to_string();
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let records = app.scalar("SELECT COUNT(*) FROM record").await;
    let form = [
        ("id", ids.as_str()),
        ("kind", "response"),
        ("to", "under_review"),
        ("body", "Sedang kami **kaji** bersama kelurahan."),
    ];
    // Someone who may not answer is refused before anything is shown.
    let stranger = app.signed_in_as("petugas.disdik.malang").await;
    assert_eq!(
        code(&app.call(&stranger, "answer", &form).await.unwrap_err()),
        "forbidden"
    );
    let e = app.call(&officer, "answer", &form).await.unwrap_err();
    assert_eq!(code(&e), "confirm");
    assert!(
        e["html"]
            .as_str()
            .unwrap()
            .contains("Sedang kami <strong>kaji</strong> bersama"),
        "{e}"
    );
    let token = e["token"].as_str().unwrap().to_owned();
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM record").await,
        records,
        "nothing written"
    );
    // An edit after seeing it asks again.
    let mut edited = form.to_vec();
    edited[3] = ("body", "Sedang kami kaji.");
    edited.push(("confirm", &token));
    let again = app.call(&officer, "answer", &edited).await.unwrap_err();
    assert_eq!(code(&again), "confirm");
    assert_ne!(again["token"], e["token"]);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM record").await, records);

    // Without JavaScript: the form comes back with the text as it will be
    // published, the token, and a button that says what it does.
    let page = format!("/proposals/{id}");
    let r = app.post_form(&officer, "answer", &page, &form).await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = app.page(&officer, &page).await;
    let part = html.split(r#"id="confirm""#).nth(1).expect("a confirmation");
    assert!(part.contains("autofocus") && part.contains("tidak dapat ditarik"));
    assert!(part.contains("<strong>kaji</strong>"));
    assert!(html.contains(&format!(r#"name="confirm" value="{token}""#)));
    assert!(html.contains("Ya, terbitkan sekarang"));
    assert!(
        html.contains(r#"<option value="under_review" selected"#),
        "the decision is kept"
    );

    let mut confirmed = form.to_vec();
    confirmed.push(("confirm", &token));
    app.call(&officer, "answer", &confirmed).await.unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM record").await, records + 1);
}

#[tokio::test]
async fn withdrawing_a_proposal_asks_first_and_says_what_follows() {
    let app = spawn().await;
    let id = published_proposal(&app).await;
    let author = app.signed_in_as("warga.denpasar").await;
    let page = format!("/proposals/{id}");
    let (_, html) = app.page(&author, &page).await;
    assert!(
        html.contains(&format!(r#"href="/proposals/{id}?withdraw=1""#)),
        "a link, not a button that acts"
    );
    assert!(!html.contains(r#"name="confirm" value="1""#));
    let (_, html) = app.page(&author, &format!("{page}?withdraw=1")).await;
    let part = html.split(r#"id="withdraw""#).nth(1).expect("the question");
    assert!(part.contains("Tarik usulan ini?") && part.contains("tidak dapat dibatalkan"));
    assert!(part.contains(r#"name="confirm" value="1""#) && part.contains("Ya, tarik usulan ini"));
    assert!(part.contains(&format!(r#"href="/proposals/{id}">Batal"#)));
    // Others are not asked.
    let other = app.signed_in_as("moderator.denpasar").await;
    assert!(!app
        .page(&other, &format!("{page}?withdraw=1"))
        .await
        .1
        .contains(r#"id="withdraw""#));
    // A post without the answer to the question does nothing.
    let e = app
        .call(&author, "withdraw_proposal", &[("id", &id.to_string())])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "bad_request");
    let state = || async {
        sqlx::query_scalar::<_, String>("SELECT state FROM proposals WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap()
    };
    assert_eq!(state().await, "published");
    let r = app
        .post_form(
            &author,
            "withdraw_proposal",
            &format!("{page}?withdraw=1"),
            &[("id", &id.to_string()), ("confirm", "1")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 302);
    assert_eq!(state().await, "withdrawn");
}

#[tokio::test]
async fn a_moderator_acting_from_the_queue_lands_back_in_it_told_what_was_done() {
    let app = spawn().await;
    let writer = app.signed_in_as("warga.denpasar").await;
    let area = app.area_id("Kota Denpasar").await.to_string();
    let cat = category(&app, "infrastruktur").await;
    app.call(
        &writer,
        "create_thread",
        &[
            ("title", "Parkir liar di trotoar"),
            ("body", "Setiap sore trotoar dipakai parkir."),
            ("area_id", &area),
            ("category_id", &cat),
        ],
    )
    .await
    .unwrap();
    let post = app.scalar("SELECT MAX(id) FROM posts").await.to_string();
    let flagger = app.signed_in_as("warga.kotalama").await;
    app.call(&flagger, "flag", &[("kind", "post"), ("id", &post), ("reason", "spam")])
        .await
        .unwrap();
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let (_, queue) = app.page(&moderator, "/moderation").await;
    assert!(queue.contains(r#"name="back" value="queue""#));
    assert!(
        queue.contains("1 tanda") && queue.contains("Abaikan tanda"),
        "flagging is called Tandai"
    );
    let r = app
        .post_form(
            &moderator,
            "moderate",
            "/moderation",
            &[
                ("kind", "post"),
                ("id", &post),
                ("action", "dismiss"),
                ("reason", "Bukan spam"),
                ("back", "queue"),
            ],
        )
        .await;
    assert_eq!(r.headers()["location"], "/moderation?done=dismiss");
    let (_, queue) = app.page(&moderator, "/moderation?done=dismiss").await;
    assert!(queue.contains("Tersimpan: Tanda diabaikan."));
    assert!(queue.contains("Tidak ada tanda terbuka."));
}

#[tokio::test]
async fn the_desk_lists_complaints_and_proposals_together_by_the_next_deadline() {
    let app = spawn().await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let form = complaint_form(&app).await;
    let mut complaints = Vec::new();
    for title in ["Desk: got mampet", "Desk: trotoar retak"] {
        app.call(&resident, "file_complaint", &with(&form, &[("title", title)]))
            .await
            .unwrap();
        complaints.push(app.scalar("SELECT MAX(id) FROM complaints").await);
    }
    let proposal = published_proposal(&app).await;
    let pupr: i64 = app
        .scalar("SELECT id FROM agencies WHERE name = 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar'")
        .await;
    // One complaint two days late, the proposal due in a week, the other
    // complaint due in a month.
    let now = time::now();
    let day = 86_400;
    for (sql, due, id) in [
        (
            "UPDATE complaints SET desk_due = $1 WHERE id = $2",
            now - 2 * day - 3600,
            complaints[0],
        ),
        (
            "UPDATE complaints SET desk_due = $1 WHERE id = $2",
            now + 30 * day,
            complaints[1],
        ),
    ] {
        sqlx::query(sql)
            .bind(due)
            .bind(id)
            .execute(&app.db().pool)
            .await
            .unwrap();
    }
    sqlx::query("UPDATE proposals SET agency_id = $1, awaiting_since = $2, due_at = $3 WHERE id = $4")
        .bind(pupr)
        .bind(now)
        .bind(now + 7 * day)
        .bind(proposal)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let (status, desk) = app.page(&officer, "/desk").await;
    assert_eq!(status, 200);
    let at = |href: String| {
        desk.find(&format!(r#"href="{href}""#))
            .unwrap_or_else(|| panic!("{href} on the desk"))
    };
    let (late, soon, later) = (
        at(format!("/complaints/{}", complaints[0])),
        at(format!("/proposals/{proposal}")),
        at(format!("/complaints/{}", complaints[1])),
    );
    assert!(late < soon && soon < later, "by the next deadline");
    let row = |from: usize| &desk[from..from + desk[from..].find("</li>").unwrap()];
    assert!(row(late).contains("Verifikasi: terlambat"), "{}", row(late));
    assert!(row(soon).contains("Jawaban resmi: sisa"), "{}", row(soon));
    assert!(row(later).contains("Verifikasi: sisa"), "{}", row(later));
    assert!(row(later).contains("WITA"), "the deadline with its hour and zone");
    // Another agency's officer does not see them; a resident has no desk.
    let other = app.signed_in_as("petugas.disdik.malang").await;
    assert!(!app
        .page(&other, "/desk")
        .await
        .1
        .contains(&format!("/complaints/{}", complaints[0])));
    assert_eq!(app.page(&resident, "/desk").await.0, 403);
    // Verified, the complaint's next deadline is its resolution; resolved,
    // it leaves the desk.
    let id = complaints[0].to_string();
    for event in ["verified", "resolved"] {
        app.call(
            &officer,
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
    let due: Option<i64> = sqlx::query_scalar("SELECT desk_due FROM complaints WHERE id = $1")
        .bind(complaints[0])
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(due, None);
    assert!(!app
        .page(&officer, "/desk")
        .await
        .1
        .contains(&format!(r#"href="/complaints/{id}""#)));
    let step = complaints[1].to_string();
    app.call(
        &officer,
        "complaint_step",
        &[("id", &step), ("event", "verified"), ("body", "Sudah kami periksa.")],
    )
    .await
    .unwrap();
    let (resolve_due, desk_due): (i64, Option<i64>) =
        sqlx::query_as("SELECT resolve_due, desk_due FROM complaints WHERE id = $1")
            .bind(complaints[1])
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(desk_due, Some(resolve_due));
    assert!(app.page(&officer, "/desk").await.1.contains("Selesaikan: "));
}

#[tokio::test]
async fn an_area_page_shows_its_proposals_and_public_complaints_and_where_to_start() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let mut form = complaint_form(&app).await;
    form.retain(|(k, _)| *k != "area_id");
    form.push(("area_id", dauh_puri.to_string()));
    app.call(
        &resident,
        "file_complaint",
        &with(&form, &[("title", "Lampu Gang Kenanga padam")]),
    )
    .await
    .unwrap();
    app.call(
        &resident,
        "file_complaint",
        &with(&form, &[("title", "Pungli di loket kelurahan"), ("private", "1")]),
    )
    .await
    .unwrap();
    let cat = category(&app, "infrastruktur").await;
    let area = dauh_puri.to_string();
    app.call(
        &resident,
        "create_proposal",
        &[
            ("title", "Taman bermain di Gang Kenanga"),
            ("body", "Anak-anak bermain di jalan."),
            ("area_id", &area),
            ("category_id", &cat),
            ("publish", "1"),
        ],
    )
    .await
    .unwrap();
    let proposal = app.scalar("SELECT MAX(id) FROM proposals").await;
    let visitor = browser();
    let (_, html) = app.page(&visitor, &format!("/area/{dauh_puri}")).await;
    assert!(html.contains("Lampu Gang Kenanga padam") && html.contains("Taman bermain di Gang Kenanga"));
    assert!(
        !html.contains("Pungli di loket"),
        "a private complaint is nobody else's business"
    );
    assert!(html.contains(&format!(r#"href="/proposals/{proposal}""#)));
    assert!(
        html.contains(&format!(r#"href="/complaints/new?area={dauh_puri}""#)),
        "report a problem here"
    );
    assert!(html.contains(&format!(r#"href="/proposals/new?area={dauh_puri}""#)));
    assert!(html.contains(&format!(r#"href="/complaints?area={dauh_puri}""#)));
    assert!(html.contains("0 dukungan"));
    app.call(&resident, "set_language", &[("lang", "en")]).await.unwrap();
    app.call(&resident, "support", &[("id", &proposal.to_string()), ("support", "1")])
        .await
        .unwrap();
    let (_, html) = app.page(&resident, &format!("/area/{dauh_puri}")).await;
    assert!(
        html.contains("1 support<") || html.contains("1 support "),
        "one support, not \"1 supports\""
    );
    assert!(html.contains("Latest complaints here"));
}

#[tokio::test]
async fn who_may_support_and_what_the_threshold_does_are_said() {
    let app = spawn().await;
    let id = published_proposal(&app).await;
    let page = format!("/proposals/{id}");
    // In Kota Denpasar: its residents may support; the threshold is 3.
    let neighbour = app.signed_in_as("moderator.denpasar").await;
    let (_, html) = app.page(&neighbour, &page).await;
    assert!(html.contains("Butuh 3 dukungan lagi agar instansi wajib menjawab."));
    let far = app.signed_in_as("warga.kotalama").await;
    let (_, html) = app.page(&far, &page).await;
    assert!(!html.contains(r#"name="support""#), "no button");
    assert!(
        html.contains("Hanya warga Kota Denpasar dan wilayah di bawahnya yang dapat mendukung usulan ini."),
        "and why"
    );
    assert!(html.contains(r#"href="/settings">Ubah tempat tinggal"#));
    // Registering with a city as one's home is refused: supports and counts
    // go by the village one lives in.
    let kota = app.area_id("Kota Denpasar").await.to_string();
    let e = app
        .call(
            &browser(),
            "register",
            &[
                ("username", "wayan.kota"),
                ("display_name", "Wayan"),
                ("password", "kopi-malang-7"),
                ("password_confirm", "kopi-malang-7"),
                ("home_area_id", &kota),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(
        (e["field"].as_str(), e["problem"].as_str()),
        (Some("home_area_id"), Some("not_village"))
    );
}

#[tokio::test]
async fn a_reply_template_goes_below_what_the_officer_typed() {
    let app = spawn().await;
    let id = published_proposal(&app).await.to_string();
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let pupr = app
        .scalar("SELECT id FROM agencies WHERE name = 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar'")
        .await
        .to_string();
    app.call(
        &officer,
        "save_template",
        &[
            ("agency_id", &pupr),
            ("title", "Survei"),
            ("body", "Tim kami memeriksa lokasi."),
        ],
    )
    .await
    .unwrap();
    let template = app.scalar("SELECT MAX(id) FROM response_templates").await.to_string();
    let records = app.scalar("SELECT COUNT(*) FROM record").await;
    let form = |body: &'static str| {
        [
            ("id", id.clone()),
            ("kind", "response".into()),
            ("to", "under_review".into()),
            ("body", body.into()),
            ("template", template.clone()),
            ("insert", "1".into()),
        ]
    };
    let call = |f: [(&'static str, String); 6]| {
        let (app, officer) = (&app, &officer);
        async move {
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(officer, "answer", &f).await
        }
    };
    let e = call(form("Terima kasih atas usulannya.")).await.unwrap_err();
    assert_eq!(code(&e), "template");
    assert_eq!(e["body"], "Terima kasih atas usulannya.\n\nTim kami memeriksa lokasi.");
    let e = call(form("")).await.unwrap_err();
    assert_eq!(
        e["body"], "Tim kami memeriksa lokasi.",
        "an empty box takes the template alone"
    );
    let stranger = app.signed_in_as("petugas.disdik.malang").await;
    let f = form("x");
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(code(&app.call(&stranger, "answer", &f).await.unwrap_err()), "forbidden");
    // Without JavaScript the form comes back with both texts in the box.
    let page = format!("/proposals/{id}");
    let r = app.post_form(&officer, "answer", &page, &f).await;
    assert_eq!(r.status().as_u16(), 303);
    let f = form("Terima kasih atas usulannya.");
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(&officer, "answer", &page, &f).await;
    let (_, html) = app.page(&officer, &page).await;
    assert!(
        html.contains("Terima kasih atas usulannya.\n\nTim kami memeriksa lokasi.</textarea>"),
        "{}",
        &html[html.find("f-body").unwrap_or(0)..][..400]
    );
    // Said next to the text, which takes focus.
    let said = html.find("Templat ditambahkan ke teks jawaban.").expect("said");
    assert!(html[said - 120..said].contains("autofocus"));
    assert!(said < html.find("f-body").unwrap());
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM record").await,
        records,
        "nothing published"
    );
}

/// Supporting, taking a support back and flagging come back to the part
/// acted on, with a short confirmation that takes focus (no fragment: one
/// would cancel the focus).
#[tokio::test]
async fn actions_return_to_their_place_with_a_confirmation() {
    let app = spawn().await;
    let id = published_proposal(&app).await;
    let page = format!("/proposals/{id}");
    let ids = id.to_string();
    let neighbour = app.signed_in_as("moderator.denpasar").await;
    for (on, done, said) in [
        ("1", "supported", "Dukungan Anda tercatat."),
        ("0", "unsupported", "Dukungan Anda sudah ditarik."),
    ] {
        let r = app
            .post_form(&neighbour, "support", &page, &[("id", &ids), ("support", on)])
            .await;
        let to = r.headers()["location"].to_str().unwrap().to_owned();
        assert_eq!(to, format!("{page}?done={done}"));
        let (_, html) = app.page(&neighbour, &to).await;
        let at = html.find(said).expect(said);
        let form = html.find("action=\"/api/support\"").unwrap();
        assert!(form < at, "said inside the support form");
        assert!(html[at - 120..at].contains("autofocus"), "and takes focus");
    }
    let flagger = app.signed_in_as("warga.kotalama").await;
    let r = app
        .post_form(
            &flagger,
            "flag",
            &page,
            &[("kind", "proposal"), ("id", &ids), ("reason", "spam")],
        )
        .await;
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(!to.contains('#'), "{to}");
    let (_, html) = app.page(&flagger, &to).await;
    let thanks = html.find("Terima kasih").expect("thanks");
    assert!(html[thanks - 120..thanks].contains("autofocus"), "{html}");
}
