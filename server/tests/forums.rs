#![allow(clippy::unwrap_used)]
//! Forums over HTTP against the real router, on whichever backend the suite
//! runs on: threads, replies, quotes, edits, deletes, search, notifications,
//! joins, feeds, paging, and every kind of bad input.
mod common;
use common::*;
use reqwest::Client;

async fn category(app: &TestApp, slug: &str) -> String {
    sqlx::query_scalar::<_, i64>("SELECT id FROM categories WHERE slug = $1")
        .bind(slug)
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
        .to_string()
}

/// Starts a thread through the API; returns its id.
async fn start(app: &TestApp, c: &Client, area: &str, title: &str, body: &str) -> i64 {
    start_thread(app, c, area, title, body).await
}

async fn post_id(app: &TestApp, thread: i64, seq: i64) -> i64 {
    app.scalar(&format!(
        "SELECT id FROM posts WHERE thread_id = {thread} AND seq = {seq}"
    ))
    .await
}

fn field(v: &serde_json::Value) -> (String, String) {
    (
        v["field"].as_str().unwrap_or("").into(),
        v["problem"].as_str().unwrap_or("").into(),
    )
}

async fn counts(app: &TestApp) -> (i64, i64, i64, i64) {
    (
        app.scalar("SELECT COUNT(*) FROM threads").await,
        app.scalar("SELECT COUNT(*) FROM posts").await,
        app.scalar("SELECT COUNT(*) FROM notifications").await,
        app.scalar("SELECT COUNT(*) FROM post_revisions").await,
    )
}

#[tokio::test]
async fn a_resident_starts_a_thread_and_it_shows_in_the_area_forum() {
    let app = spawn().await;
    let c = app.signed_in_as("warga.plaju").await;
    let id = start(
        &app,
        &c,
        "Plaju Ulu",
        "Jalan berlubang di Jalan Kapten Robani",
        "Lubangnya **dalam**, sudah dua motor jatuh.\n\n# Lokasi\n\nDekat [pasar](https://maps.example/x).",
    )
    .await;
    let (status, html) = app.page(&browser(), &format!("/t/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<title>Jalan berlubang di Jalan Kapten Robani · Rembuk</title>"));
    assert!(html.contains("<strong>dalam</strong>"), "Markdown rendered");
    assert!(html.contains("<h3>Lokasi</h3>"), "headings demoted below the page's h1");
    assert!(html.contains("rel=\"nofollow ugc noopener\""));
    assert!(html.contains("Belum ada balasan."));
    // Stored once: source and sanitized HTML.
    let (src, html_stored): (String, String) =
        sqlx::query_as(&format!("SELECT body_src, body_html FROM posts WHERE thread_id = {id}"))
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert!(src.starts_with("Lubangnya **dalam**"));
    assert!(html_stored.contains("<strong>dalam</strong>"));

    let area = app.area_id("Plaju Ulu").await;
    let (_, html) = app.page(&browser(), &format!("/area/{area}")).await;
    assert!(html.contains("Jalan berlubang di Jalan Kapten Robani"));
    assert!(html.contains("Siti Aminah"));
    // The city sees it with the sub-area switch, not without.
    let city = app.area_id("Kota Palembang").await;
    let (_, html) = app.page(&browser(), &format!("/area/{city}")).await;
    assert!(!html.contains("Jalan berlubang"));
    let (_, html) = app.page(&browser(), &format!("/area/{city}?sub=1")).await;
    assert!(html.contains("Jalan berlubang") && html.contains("Plaju Ulu"));
    // The province too; another city does not.
    let (_, html) = app
        .page(
            &browser(),
            &format!("/area/{}?sub=1", app.area_id("Sumatera Selatan").await),
        )
        .await;
    assert!(html.contains("Jalan berlubang"));
    let (_, html) = app
        .page(
            &browser(),
            &format!("/area/{}?sub=1", app.area_id("Kota Denpasar").await),
        )
        .await;
    assert!(!html.contains("Jalan berlubang"));
    // Recent activity says what happened.
    let (_, html) = app.page(&browser(), "/").await;
    assert!(html.contains("memulai topik di"));
}

#[tokio::test]
async fn writing_needs_an_account() {
    let app = spawn().await;
    let c = browser();
    let area = app.area_id("Plaju Ulu").await.to_string();
    let cat = category(&app, "kesehatan").await;
    let e = app
        .call(
            &c,
            "create_thread",
            &[
                ("title", "Judul yang cukup"),
                ("body", "isi"),
                ("area_id", &area),
                ("category_id", &cat),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&e), "not_signed_in");
    for (endpoint, form) in [
        ("reply", vec![("thread_id", "1"), ("body", "x")]),
        ("edit_post", vec![("post_id", "1"), ("body", "x")]),
        ("delete_post", vec![("post_id", "1")]),
        ("join_forum", vec![("area_id", "1"), ("join", "1")]),
        ("mark_read", vec![]),
    ] {
        assert_eq!(
            code(&app.call(&c, endpoint, &form).await.unwrap_err()),
            "not_signed_in",
            "{endpoint}"
        );
    }
    let r = app.get(&c, "/new").await;
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "/signin?next=/new");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM threads WHERE proposal_id IS NULL AND usulan_id IS NULL")
            .await,
        3,
        "only the demo threads"
    );
}

#[tokio::test]
async fn bad_threads_are_refused_with_a_reason_and_write_nothing() {
    let app = spawn().await;
    let c = app.signed_in_as("warga.denpasar").await;
    let area = app.area_id("Dauh Puri").await.to_string();
    let cat = category(&app, "lingkungan").await;
    let before = counts(&app).await;
    let activity = app.scalar("SELECT COUNT(*) FROM activity").await;
    let long_title = "a".repeat(151);
    let long_body = "kata ".repeat(4001);
    let many_links = "[t](https://x.example/) ".repeat(150);
    type Case<'a> = (Vec<(&'a str, &'a str)>, (&'a str, &'a str));
    let cases: Vec<Case> = vec![
        (
            vec![
                ("title", ""),
                ("body", "isi"),
                ("area_id", &area),
                ("category_id", &cat),
            ],
            ("title", "required"),
        ),
        (
            vec![
                ("title", "abc"),
                ("body", "isi"),
                ("area_id", &area),
                ("category_id", &cat),
            ],
            ("title", "too_short"),
        ),
        (
            vec![
                ("title", &long_title),
                ("body", "isi"),
                ("area_id", &area),
                ("category_id", &cat),
            ],
            ("title", "too_long"),
        ),
        (
            vec![
                ("title", "Sampah menumpuk"),
                ("body", "  \n "),
                ("area_id", &area),
                ("category_id", &cat),
            ],
            ("body", "required"),
        ),
        (
            vec![
                ("title", "Sampah menumpuk"),
                ("body", &long_body),
                ("area_id", &area),
                ("category_id", &cat),
            ],
            ("body", "too_long"),
        ),
        (
            vec![
                ("title", "Sampah menumpuk"),
                ("body", &many_links),
                ("area_id", &area),
                ("category_id", &cat),
            ],
            ("body", "too_many_links"),
        ),
        (
            vec![
                ("title", "Sampah menumpuk"),
                ("body", "isi"),
                ("area_id", "999999"),
                ("category_id", &cat),
            ],
            ("area_id", "unknown"),
        ),
        (
            vec![
                ("title", "Sampah menumpuk"),
                ("body", "isi"),
                ("area_id", "abc"),
                ("category_id", &cat),
            ],
            ("area_id", "unknown"),
        ),
        (
            vec![
                ("title", "Sampah menumpuk"),
                ("body", "isi"),
                ("area_id", &area),
                ("category_id", "77"),
            ],
            ("category_id", "unknown"),
        ),
    ];
    for (form, (f, problem)) in cases {
        let e = app.call(&c, "create_thread", &form).await.unwrap_err();
        assert_eq!(field(&e), (f.to_owned(), problem.to_owned()), "{:?}", &form[..2]);
    }
    // 10,000 links do not even reach the app: the request is too large.
    let huge_links = "[t](https://x.example/) ".repeat(10_000);
    let r = c
        .post(app.url("/api/create_thread"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded(&[
            ("title", "Sampah menumpuk"),
            ("body", &huge_links),
            ("area_id", &area),
            ("category_id", &cat),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    // The body limit is the one the form states.
    let (_, html) = app.page(&c, "/new").await;
    assert!(html.contains("maxlength=\"20000\"") && html.contains("20.000"));
    assert!(html.contains("maxlength=\"150\"") && html.contains("Antara 5 dan 150 karakter."));
    assert_eq!(counts(&app).await, before);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM activity").await, activity);
}

#[tokio::test]
async fn script_and_html_in_posts_never_run() {
    let app = spawn().await;
    let c = app.signed_in_as("warga.denpasar").await;
    let id = start(
        &app,
        &c,
        "Dauh Puri",
        "<script>alert(1)</script> judul",
        "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[klik](javascript:alert(1)) ![foto](https://cdn.example/a.jpg)",
    )
    .await;
    let (_, html) = app.page(&browser(), &format!("/t/{id}")).await;
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    assert!(!main.contains("<script"), "no script tag from a post");
    assert!(!main.contains("<img"), "no remote image loads");
    assert!(!main.contains("javascript:"), "no script URL");
    assert!(!main.contains("onerror=alert(1)>"), "raw HTML is text, not a tag");
    assert!(
        main.contains("&lt;script&gt;alert(1)&lt;/script&gt; judul"),
        "title shown as text"
    );
    assert!(
        main.contains("href=\"https://cdn.example/a.jpg\""),
        "image becomes a link"
    );
}

#[tokio::test]
async fn replies_quote_replies_counters_and_notifications() {
    let app = spawn().await;
    let siti = app.signed_in_as("warga.plaju").await;
    let budi = app.signed_in_as("warga.kotalama").await;
    let id = start(
        &app,
        &siti,
        "Plaju Ulu",
        "Air PDAM mati tiga hari",
        "Sejak Senin air tidak mengalir.",
    )
    .await;
    let t = id.to_string();
    app.call(
        &budi,
        "reply",
        &[("thread_id", &t), ("body", "Di Kotalama juga begitu.")],
    )
    .await
    .unwrap();
    let first = post_id(&app, id, 1).await.to_string();
    // Siti answers Budi's reply: a quote-reply.
    app.call(
        &siti,
        "reply",
        &[
            ("thread_id", &t),
            ("parent_id", &first),
            ("body", "Sudah lapor ke PDAM?"),
        ],
    )
    .await
    .unwrap();
    // Budi answers Siti's answer; Siti is told once, not twice.
    let second = post_id(&app, id, 2).await.to_string();
    app.call(
        &budi,
        "reply",
        &[
            ("thread_id", &t),
            ("parent_id", &second),
            ("body", "Sudah, belum ada jawaban."),
        ],
    )
    .await
    .unwrap();
    let (reply_count, post_count): (i64, i64) =
        sqlx::query_as(&format!("SELECT reply_count, post_count FROM threads WHERE id = {id}"))
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!((reply_count, post_count), (3, 4));
    let (_, html) = app.page(&browser(), &format!("/t/{id}")).await;
    assert!(html.contains("id=\"r1\"") && html.contains("id=\"r3\""));
    assert!(
        html.contains("Membalas Budi Santoso #1"),
        "quote link to the answered reply"
    );
    assert!(html.contains("href=\"/t/{id}#r1\"".replace("{id}", &t).as_str()));
    assert!(html.contains("3 balasan"));
    assert!(app.page(&browser(), "/").await.1.contains("membalas di"));

    // Siti: Budi replied to her thread (1), then to her post (3). Budi: Siti replied to his post.
    let siti_id = app.scalar("SELECT id FROM users WHERE username = 'warga.plaju'").await;
    let budi_id = app
        .scalar("SELECT id FROM users WHERE username = 'warga.kotalama'")
        .await;
    assert_eq!(
        app.scalar(&format!("SELECT unread_count FROM users WHERE id = {siti_id}"))
            .await,
        2
    );
    assert_eq!(
        app.scalar(&format!("SELECT unread_count FROM users WHERE id = {budi_id}"))
            .await,
        1
    );
    let (_, html) = app.page(&siti, "/").await;
    assert!(html.contains("class=\"count\">2<"), "unread count in the header");
    let (_, html) = app.page(&siti, "/notifications").await;
    assert!(html.contains("Budi Santoso membalas topik Anda"));
    assert!(html.contains("Budi Santoso membalas pesan Anda di"));
    assert!(
        html.contains(&format!("href=\"/t/{id}#r3\"")),
        "links to the exact reply"
    );
    app.call(&siti, "mark_read", &[]).await.unwrap();
    let (_, html) = app.page(&siti, "/").await;
    assert!(!html.contains("class=\"count\""));
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {siti_id} AND read_at IS NULL"
        ))
        .await,
        0
    );
    // Nobody is told about their own post.
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM notifications WHERE user_id = actor_id")
            .await,
        0
    );
}

#[tokio::test]
async fn replying_to_a_missing_deleted_or_foreign_post_is_404_and_writes_nothing() {
    let app = spawn().await;
    let siti = app.signed_in_as("warga.plaju").await;
    let budi = app.signed_in_as("warga.kotalama").await;
    let a = start(&app, &siti, "Plaju Ulu", "Topik pertama di Plaju", "Isi pertama.").await;
    let b = start(&app, &siti, "Plaju Ulu", "Topik kedua di Plaju", "Isi kedua.").await;
    let foreign = post_id(&app, b, 0).await.to_string();
    let before = counts(&app).await;
    let last: i64 = app
        .scalar(&format!("SELECT last_post_at FROM threads WHERE id = {a}"))
        .await;
    for form in [
        vec![("thread_id", "999999"), ("body", "halo")],
        vec![("thread_id", "abc"), ("body", "halo")],
        vec![
            ("thread_id", &*a.to_string()),
            ("parent_id", &*foreign),
            ("body", "halo"),
        ],
        vec![
            ("thread_id", &*a.to_string()),
            ("parent_id", "999999"),
            ("body", "halo"),
        ],
    ] {
        let e = app.call(&budi, "reply", &form).await.unwrap_err();
        assert_eq!(code(&e), "not_found", "{form:?}");
    }
    // The opening post deleted: the thread is closed.
    let opening = post_id(&app, b, 0).await.to_string();
    app.call(&siti, "delete_post", &[("post_id", &opening)]).await.unwrap();
    let e = app
        .call(&budi, "reply", &[("thread_id", &b.to_string()), ("body", "halo")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "not_found");
    let after = counts(&app).await;
    assert_eq!((after.0, after.1, after.2), (before.0, before.1, before.2));
    assert_eq!(
        app.scalar(&format!("SELECT post_count FROM threads WHERE id = {a}"))
            .await,
        1
    );
    assert_eq!(
        app.scalar(&format!("SELECT last_post_at FROM threads WHERE id = {a}"))
            .await,
        last
    );
    let (status, html) = app.page(&budi, &format!("/t/{b}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("topik ditutup untuk balasan baru"));
    assert!(!html.contains("name=\"body\""), "no reply form on a closed thread");
    assert_eq!(app.page(&browser(), "/t/999999").await.0, 404);
    assert_eq!(app.page(&browser(), "/t/abc").await.0, 404);
}

#[tokio::test]
async fn authors_edit_their_posts_and_moderators_see_earlier_versions() {
    let app = spawn().await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let other = app.signed_in_as("warga.kotalama").await;
    let id = start(
        &app,
        &ayu,
        "Dauh Puri",
        "Lampu jalan padam",
        "Lampu di Jl. Gatot Subroto padam.",
    )
    .await;
    let opening = post_id(&app, id, 0).await.to_string();
    app.call(
        &ayu,
        "edit_post",
        &[
            ("post_id", &opening),
            ("title", "Lampu jalan padam sejak Mei"),
            ("body", "Lampu di Jl. Gatot Subroto Barat padam."),
        ],
    )
    .await
    .unwrap();
    let (_, html) = app.page(&browser(), &format!("/t/{id}")).await;
    assert!(html.contains("Lampu jalan padam sejak Mei"));
    assert!(html.contains("Gatot Subroto Barat"));
    assert!(html.contains("class=\"edited\">disunting<"), "edited marker");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM post_revisions").await, 1);
    // Saving the same text again adds no revision.
    app.call(
        &ayu,
        "edit_post",
        &[
            ("post_id", &opening),
            ("title", "Lampu jalan padam sejak Mei"),
            ("body", "Lampu di Jl. Gatot Subroto Barat padam."),
        ],
    )
    .await
    .unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM post_revisions").await, 1);

    // Someone else's post: 403, and nothing changes.
    let e = app
        .call(
            &other,
            "edit_post",
            &[("post_id", &opening), ("title", "Diretas orang"), ("body", "diganti")],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&e), "forbidden");
    assert_eq!(
        code(
            &app.call(&other, "delete_post", &[("post_id", &opening)])
                .await
                .unwrap_err()
        ),
        "forbidden"
    );
    assert_eq!(app.page(&other, &format!("/p/{opening}/edit")).await.0, 403);
    assert_eq!(
        code(
            &app.call(&ayu, "edit_post", &[("post_id", "999999"), ("body", "x")])
                .await
                .unwrap_err()
        ),
        "not_found"
    );
    let e = app
        .call(
            &ayu,
            "edit_post",
            &[("post_id", &opening), ("title", "abc"), ("body", "isi")],
        )
        .await
        .unwrap_err();
    assert_eq!(field(&e), ("title".into(), "too_short".into()));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM post_revisions").await, 1);

    // Revisions: the area's moderator and admins, not the author or others.
    let path = format!("/p/{opening}/revisions");
    assert_eq!(app.page(&other, &path).await.0, 403);
    assert_eq!(app.page(&ayu, &path).await.0, 403);
    assert_eq!(
        app.page(&app.signed_in_as("moderator.walesi").await, &path).await.0,
        403
    );
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let (status, html) = app.page(&moderator, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains("Lampu di Jl. Gatot Subroto padam.") && html.contains("Lampu jalan padam"));
    let (_, html) = app.page(&moderator, &format!("/t/{id}")).await;
    assert!(
        html.contains(&format!("href=\"{path}\"")),
        "history link for moderators"
    );
    let (_, html) = app.page(&ayu, &format!("/t/{id}")).await;
    assert!(!html.contains(&path));
    assert_eq!(app.page(&app.signed_in_as("admin").await, &path).await.0, 200);
}

#[tokio::test]
async fn deleting_leaves_a_placeholder_and_the_replies_in_place() {
    let app = spawn().await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let budi = app.signed_in_as("warga.kotalama").await;
    let id = start(
        &app,
        &ayu,
        "Dauh Puri",
        "Pohon tumbang di taman",
        "Pohon besar tumbang kemarin.",
    )
    .await;
    let t = id.to_string();
    app.call(
        &budi,
        "reply",
        &[("thread_id", &t), ("body", "Ranting menutupi trotoar zamrud.")],
    )
    .await
    .unwrap();
    app.call(&ayu, "reply", &[("thread_id", &t), ("body", "Terima kasih infonya.")])
        .await
        .unwrap();
    let first = post_id(&app, id, 1).await.to_string();
    app.call(&budi, "delete_post", &[("post_id", &first)]).await.unwrap();
    let (_, html) = app.page(&browser(), &format!("/t/{id}")).await;
    assert!(html.contains("Pesan ini telah dihapus."));
    assert!(!html.contains("zamrud"), "the text is gone");
    assert!(html.contains("id=\"r1\"") && html.contains("id=\"r2\""), "places kept");
    assert!(html.contains("Terima kasih infonya."));
    assert_eq!(
        app.scalar(&format!("SELECT reply_count FROM threads WHERE id = {id}"))
            .await,
        1
    );
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM post_revisions WHERE post_id = {first}"))
            .await,
        1
    );
    // Gone from search; a second delete or edit finds nothing.
    let (_, html) = app.page(&browser(), "/search?q=zamrud").await;
    assert!(html.contains("Tidak ada hasil"));
    assert_eq!(
        code(
            &app.call(&budi, "delete_post", &[("post_id", &first)])
                .await
                .unwrap_err()
        ),
        "not_found"
    );
    assert_eq!(
        code(
            &app.call(&budi, "edit_post", &[("post_id", &first), ("body", "x")])
                .await
                .unwrap_err()
        ),
        "not_found"
    );
    // Moderators still see what it said.
    let (_, html) = app
        .page(
            &app.signed_in_as("moderator.denpasar").await,
            &format!("/p/{first}/revisions"),
        )
        .await;
    assert!(html.contains("zamrud"));
}

#[tokio::test]
async fn officers_replies_carry_their_agency() {
    let app = spawn().await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let id = start(&app, &ayu, "Dauh Puri", "Drainase tersumbat", "Air meluap ke jalan.").await;
    app.call(
        &officer,
        "reply",
        &[
            ("thread_id", &id.to_string()),
            ("body", "Tim kami menuju lokasi besok."),
        ],
    )
    .await
    .unwrap();
    let (_, html) = app.page(&browser(), &format!("/t/{id}")).await;
    assert!(html.contains("class=\"post officer\""));
    assert!(html.contains("Petugas · Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar"));
    assert_eq!(
        html.matches("class=\"badge\"").count(),
        1,
        "only the officer has a badge"
    );
}

#[tokio::test]
async fn search_finds_threads_and_replies_and_never_fails_on_syntax() {
    let app = spawn().await;
    let siti = app.signed_in_as("warga.plaju").await;
    let id = start(
        &app,
        &siti,
        "Plaju Ulu",
        "Posyandu kekurangan timbangan",
        "Timbangan bayi rusak.",
    )
    .await;
    for i in 0..55 {
        let body = if i == 52 {
            "Banjir rob di dermaga nelayan".to_owned()
        } else {
            format!("Balasan biasa nomor {i}")
        };
        app.call(&siti, "reply", &[("thread_id", &id.to_string()), ("body", &body)])
            .await
            .unwrap();
    }
    let (status, html) = app.page(&browser(), "/search?q=dermaga+banjir").await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!("href=\"/t/{id}?after=50#r53\"")),
        "links to the exact reply on its page"
    );
    assert!(html.contains("<mark>dermaga</mark>"), "highlighted excerpt");
    assert!(html.contains("Posyandu kekurangan timbangan"));
    let (_, html) = app.page(&browser(), "/search?q=posyandu").await;
    assert!(html.contains(&format!("href=\"/t/{id}#r0\"")), "titles are searched");
    for q in [
        "%22",
        "%22%22%22",
        "*",
        "AND",
        "OR+NOT",
        "NEAR(",
        "a%3Ab",
        "-x",
        "(((",
        "%5E",
        "'",
        "\\",
        "%00",
        "dermaga%22+OR+%22x",
        "!%26|",
        "%E2%80%8B",
        "col%3Adoc",
    ] {
        let (status, html) = app.page(&browser(), &format!("/search?q={q}")).await;
        assert_eq!(status, 200, "q={q}");
        assert!(!html.contains("Terjadi kesalahan"), "q={q}");
    }
    let (_, html) = app.page(&browser(), "/search?q=%22dermaga%22").await;
    assert!(html.contains("<mark>dermaga</mark>"), "quotes are just words");
    let (_, html) = app.page(&browser(), "/search?q=balasan+biasa").await;
    assert!(html.contains("rel=\"next\""), "more than a page of hits pages on");
    let next = html.split("rel=\"next\"").next().unwrap();
    let href = &next[next.rfind("href=\"").unwrap() + 6..];
    let href = href[..href.find('"').unwrap()].replace("&amp;", "&");
    let (status, html) = app.page(&browser(), &href).await;
    assert_eq!(status, 200);
    assert!(html.contains("<mark>"));
}

#[tokio::test]
async fn joined_forums_fill_the_home_page() {
    let app = spawn().await;
    let siti = app.signed_in_as("warga.plaju").await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    start(
        &app,
        &ayu,
        "Dauh Puri",
        "Upacara di Lapangan Puputan",
        "Jalan ditutup pagi.",
    )
    .await;
    start(
        &app,
        &ayu,
        "Kotalama",
        "Pasar Kotalama becek",
        "Perlu perbaikan saluran.",
    )
    .await;
    let (_, html) = app.page(&siti, "/").await;
    assert!(html.contains("Anda belum mengikuti forum."));
    let dauh = app.area_id("Dauh Puri").await;
    let (_, html) = app.page(&siti, &format!("/area/{dauh}")).await;
    assert!(html.contains("Ikuti forum ini"));
    app.call(&siti, "join_forum", &[("area_id", &dauh.to_string()), ("join", "1")])
        .await
        .unwrap();
    app.call(&siti, "join_forum", &[("area_id", &dauh.to_string()), ("join", "1")])
        .await
        .unwrap();
    let (_, html) = app.page(&siti, &format!("/area/{dauh}")).await;
    assert!(html.contains("Berhenti mengikuti"));
    let (_, html) = app.page(&siti, "/").await;
    assert!(html.contains("Upacara di Lapangan Puputan"));
    assert!(!html.contains("Pasar Kotalama becek"));
    assert_eq!(
        code(
            &app.call(&siti, "join_forum", &[("area_id", "999999"), ("join", "1")])
                .await
                .unwrap_err()
        ),
        "not_found"
    );
    app.call(&siti, "join_forum", &[("area_id", &dauh.to_string()), ("join", "0")])
        .await
        .unwrap();
    let (_, html) = app.page(&siti, "/").await;
    assert!(!html.contains("Upacara di Lapangan Puputan"));
}

#[tokio::test]
async fn forum_lists_page_by_keyset_filter_and_sort() {
    let app = spawn().await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let mut ids = vec![];
    for i in 0..30 {
        ids.push(start(&app, &ayu, "Dauh Puri", &format!("Topik nomor {i:02}"), "Isi topik.").await);
    }
    // Thread 05 gets replies later: it rises to the top by activity and by replies.
    sqlx::query("UPDATE threads SET last_post_at = last_post_at - 100")
        .execute(&app.db().pool)
        .await
        .unwrap();
    for _ in 0..3 {
        app.call(&ayu, "reply", &[("thread_id", &ids[5].to_string()), ("body", "naik")])
            .await
            .unwrap();
    }
    let area = app.area_id("Dauh Puri").await;
    let (_, html) = app.page(&browser(), &format!("/area/{area}")).await;
    let first = html.find("Topik nomor 05").unwrap();
    assert!(first < html.find("Topik nomor 29").unwrap());
    assert_eq!(html.matches("class=\"title\"").count(), 25);
    let next = html.split("rel=\"next\"").next().unwrap();
    let href = &next[next.rfind("href=\"").unwrap() + 6..];
    let href = href[..href.find('"').unwrap()].replace("&amp;", "&");
    assert!(!href.contains("offset"));
    let (_, page2) = app.page(&browser(), &href).await;
    assert_eq!(page2.matches("class=\"title\"").count(), 5);
    assert!(!page2.contains("rel=\"next\""));
    let (_, newest) = app.page(&browser(), &format!("/area/{area}?sort=newest")).await;
    assert!(newest.find("Topik nomor 29").unwrap() < newest.find("Topik nomor 05").unwrap_or(usize::MAX));
    let (_, replies) = app.page(&browser(), &format!("/area/{area}?sort=replies")).await;
    assert!(replies.find("Topik nomor 05").unwrap() < replies.find("Topik nomor 29").unwrap());
    let health = category(&app, "kesehatan").await;
    let (_, html) = app.page(&browser(), &format!("/area/{area}?category={health}")).await;
    assert!(html.contains("Belum ada topik di sini."));
    let infra = category(&app, "infrastruktur").await;
    let (_, html) = app
        .page(
            &browser(),
            &format!("/area/{area}?category={infra}&sort=bogus&after=x_y"),
        )
        .await;
    assert_eq!(
        html.matches("class=\"title\"").count(),
        25,
        "bad parameters fall back to defaults"
    );
}

/// The ids of the threads an area list shows, following its pages to the end.
async fn listed_ids(app: &TestApp, first: &str) -> Vec<i64> {
    let mut ids = vec![];
    let mut href = first.to_owned();
    loop {
        let (status, html) = app.page(&browser(), &href).await;
        assert_eq!(status, 200, "{href}");
        for part in html.split("\" class=\"title\"").filter(|p| !p.ends_with('>')) {
            if let Some(at) = part.rfind("<a href=\"/t/") {
                ids.push(part[at + 12..].parse().unwrap());
            }
        }
        let Some(before) = html.split("rel=\"next\"").next().filter(|b| b.len() < html.len()) else {
            return ids;
        };
        let h = &before[before.rfind("href=\"").unwrap() + 6..];
        href = h[..h.find('"').unwrap()].replace("&amp;", "&");
    }
}

#[tokio::test]
async fn sub_area_lists_are_complete_and_ordered_however_the_threads_lie() {
    let app = spawn().await;
    let siti = app.signed_in_as("warga.plaju").await;
    for i in 0..3 {
        start(&app, &siti, "Plaju Ulu", &format!("Topik lama Plaju {i}"), "Isi.").await;
    }
    let ayu = app.signed_in_as("warga.denpasar").await;
    let model = start(&app, &ayu, "Dauh Puri", "Topik Dauh Puri", "Isi.").await;
    // 600 newer threads in Dauh Puri, with ties in activity and replies: the
    // newest threads of all areas are all Bali's, and Palembang has none of them.
    sqlx::query(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600) \
         INSERT INTO threads (area_id, area_path, category_id, author_id, title, created_at, last_post_at, reply_count, post_count) \
         SELECT t.area_id, t.area_path, t.category_id, t.author_id, 'Topik tambahan', t.created_at, \
         t.last_post_at + 1000 + n.i / 3, (n.i * 7) % 11, 1 FROM threads t, n WHERE t.id = {model}"
    ))
    .execute(&app.db().pool)
    .await
    .unwrap();
    let cases = [
        ("Bali", ["activity", "newest", "replies"].as_slice()),
        ("Sumatera Selatan", ["activity", "newest", "replies"].as_slice()),
        ("Kota Denpasar", ["activity"].as_slice()),
    ];
    for (area, sorts) in cases {
        let id = app.area_id(area).await;
        let path: String = sqlx::query_scalar("SELECT path FROM areas WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
        for sort in sorts {
            let key = match *sort {
                "activity" => "last_post_at",
                "newest" => "id",
                _ => "reply_count",
            };
            let expected: Vec<i64> = sqlx::query_scalar(&format!(
                "SELECT id FROM threads WHERE area_path >= $1 AND area_path < $2 AND proposal_id IS NULL AND usulan_id IS NULL \
                 AND hidden_at IS NULL AND pinned_at IS NULL ORDER BY {key} DESC, id DESC"
            ))
            .bind(&path)
            .bind(format!("{}0", path.trim_end_matches('/')))
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
            assert!(!expected.is_empty());
            let shown = listed_ids(&app, &format!("/area/{id}?sub=1&sort={sort}")).await;
            assert_eq!(shown, expected, "{area}, sorted by {sort}");
        }
    }
}

#[tokio::test]
async fn long_threads_page_their_replies() {
    let app = spawn().await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let id = start(&app, &ayu, "Dauh Puri", "Topik panjang sekali", "Pembuka.").await;
    for i in 1..=120 {
        app.call(
            &ayu,
            "reply",
            &[("thread_id", &id.to_string()), ("body", &format!("balasan ke-{i}"))],
        )
        .await
        .unwrap();
    }
    let (_, html) = app.page(&browser(), &format!("/t/{id}")).await;
    assert!(html.contains("balasan ke-50<") && !html.contains("balasan ke-51<"));
    assert!(html.contains(&format!("href=\"/t/{id}?after=50\" rel=\"next\"")));
    let (_, html) = app.page(&browser(), &format!("/t/{id}?after=100")).await;
    assert!(html.contains("Pembuka."), "the opening post is on every page");
    assert!(html.contains("balasan ke-101<") && html.contains("balasan ke-120<"));
    assert!(!html.contains("rel=\"next\""));
    assert!(html.contains(&format!("href=\"/t/{id}?after=50\" rel=\"prev\"")));
    let (status, html) = app.page(&browser(), &format!("/t/{id}?after=99999")).await;
    assert_eq!(status, 200, "past the end shows the last page");
    assert!(html.contains("Pembuka.") && html.contains("balasan ke-101<") && html.contains("balasan ke-120<"));
    let (_, html) = app.page(&browser(), &format!("/t/{id}?after=-5")).await;
    assert!(html.contains("balasan ke-1<") && html.contains("balasan ke-50<") && !html.contains("balasan ke-51<"));
}

#[tokio::test]
async fn preview_renders_without_writing_with_and_without_javascript() {
    let app = spawn().await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let area = app.area_id("Dauh Puri").await.to_string();
    let cat = category(&app, "sosial").await;
    let before = counts(&app).await;
    let form = [
        ("title", "Bantuan sosial terlambat"),
        ("body", "Sudah **tiga bulan** <script>x</script>"),
        ("area_id", area.as_str()),
        ("category_id", cat.as_str()),
        ("preview", "1"),
    ];
    let e = app.call(&ayu, "create_thread", &form).await.unwrap_err();
    assert_eq!(code(&e), "preview");
    let html = e["html"].as_str().unwrap();
    assert!(html.contains("<strong>tiga bulan</strong>") && !html.contains("<script"));
    // Without JavaScript: back to the form, text kept, preview shown.
    let r = app
        .post_form(&ayu, "create_thread", &format!("/new?area={area}"), &form)
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = app.page(&ayu, &format!("/new?area={area}")).await;
    assert!(page.contains("<strong>tiga bulan</strong>"), "preview shown");
    assert!(page.contains("value=\"Bantuan sosial terlambat\""), "title kept");
    assert!(
        page.contains("Sudah **tiga bulan** &lt;script&gt;x&lt;/script&gt;</textarea>"),
        "body kept, escaped"
    );
    assert_eq!(counts(&app).await, before);
    // Typed text cannot end the textarea and inject markup.
    let breakout = [
        ("title", "Bantuan sosial terlambat"),
        ("body", "a</textarea><b id=\"injected\">b"),
        ("area_id", area.as_str()),
        ("category_id", cat.as_str()),
        ("preview", "1"),
    ];
    app.post_form(&ayu, "create_thread", "/new", &breakout).await;
    let (_, page) = app.page(&ayu, "/new").await;
    assert!(!page.contains("<b id=\"injected\">"));
    assert!(page.contains("a&lt;/textarea&gt;&lt;b id=\"injected\"&gt;b</textarea>"));
    // The same form, published without JavaScript, lands on the thread.
    let publish: Vec<(&str, &str)> = form[..4].to_vec();
    let r = app.post_form(&ayu, "create_thread", "/new", &publish).await;
    assert_eq!(r.status(), 302);
    let id = app.scalar("SELECT MAX(id) FROM threads WHERE usulan_id IS NULL").await;
    assert_eq!(r.headers()["location"], format!("/t/{id}"));
    // A reply without JavaScript lands on the reply.
    let r = app
        .post_form(
            &ayu,
            "reply",
            &format!("/t/{id}"),
            &[("thread_id", &id.to_string()), ("body", "Ikut menunggu.")],
        )
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], format!("/t/{id}#r1"));
    // An empty reply without JavaScript comes back with the error.
    let r = app
        .post_form(
            &ayu,
            "reply",
            &format!("/t/{id}"),
            &[("thread_id", &id.to_string()), ("body", "  ")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = app.page(&ayu, &format!("/t/{id}")).await;
    assert!(
        page.contains("Tulis isinya."),
        "{}",
        &page[page.find("reply-h").unwrap()..][..600]
    );
}

#[tokio::test]
async fn atom_feeds_per_area_and_per_thread() {
    let app = spawn().await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let id = start(&app, &ayu, "Dauh Puri", "Parkir liar & macet", "Di depan <sekolah>.").await;
    app.call(
        &ayu,
        "reply",
        &[("thread_id", &id.to_string()), ("body", "Sudah dilaporkan.")],
    )
    .await
    .unwrap();
    let area = app.area_id("Dauh Puri").await;
    let r = browser()
        .get(app.url(&format!("/area/{area}/feed.atom")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/atom+xml; charset=utf-8");
    let xml = r.text().await.unwrap();
    assert!(xml.starts_with("<?xml") && xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    assert!(xml.contains("<title>Parkir liar &amp; macet</title>"));
    assert!(xml.contains(&format!("href=\"{}/t/{id}\"", app.base)));
    assert!(
        xml.contains("&amp;lt;sekolah&amp;gt;"),
        "content is the stored HTML, escaped"
    );
    let xml = browser()
        .get(app.url(&format!("/t/{id}/feed.atom")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(xml.contains("Sudah dilaporkan.") && xml.contains(&format!("/t/{id}#r1")));
    for bad in ["/area/999999/feed.atom", "/t/999999/feed.atom", "/t/x/feed.atom"] {
        assert_eq!(browser().get(app.url(bad)).send().await.unwrap().status(), 404, "{bad}");
    }
    let (_, html) = app.page(&browser(), &format!("/t/{id}")).await;
    let head = &html[..html.find("</head>").unwrap()];
    assert!(
        head.contains(&format!("href=\"/t/{id}/feed.atom\"")) && head.contains("application/atom+xml"),
        "{head}"
    );
}

#[tokio::test]
async fn pages_are_translated_into_english() {
    let app = spawn().await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let id = start(
        &app,
        &ayu,
        "Dauh Puri",
        "Trotoar rusak parah",
        "Berbahaya untuk pejalan kaki.",
    )
    .await;
    let c = app.signed_in_as("warga.kotalama").await;
    app.call(&c, "set_language", &[("lang", "en")]).await.unwrap();
    let (_, html) = app.page(&c, &format!("/t/{id}")).await;
    assert!(html.contains("Write a reply") && html.contains("Send reply") && html.contains("No replies yet."));
    let (_, html) = app.page(&c, &format!("/area/{}", app.area_id("Dauh Puri").await)).await;
    assert!(
        html.contains("Start a new thread") && html.contains("Latest activity") && html.contains("Include sub-areas")
    );
    let (_, html) = app.page(&c, "/search?q=trotoar").await;
    assert!(html.contains("Trotoar rusak parah") && html.contains("Search"));
}

/// Thread pages reuse posts kept in memory while the thread is unchanged
/// (migration 0006): every kind of change made through another app server
/// shows at once, on the thread page and in a proposal's discussion.
#[tokio::test]
async fn thread_pages_show_every_change_made_through_any_server() {
    let app = spawn().await;
    let other = second_server(&app).await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let budi = app.signed_in_as("warga.kotalama").await;
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let id = start(&app, &ayu, "Dauh Puri", "Got mampet di pasar", "Versi pertama laporan.").await;
    let t = id.to_string();
    let path = format!("/t/{id}");
    let visitor = browser();
    app.call(
        &budi,
        "reply",
        &[("thread_id", &t), ("body", "Balasan Budi yang pertama.")],
    )
    .await
    .unwrap();
    let reply = post_id(&app, id, 1).await.to_string();
    let seen = |html: &str, text: &str| html.contains(text);
    // Read twice on the other server: the second read comes from memory.
    for _ in 0..2 {
        let (_, html) = other.page(&visitor, &path).await;
        assert!(seen(&html, "Versi pertama laporan.") && seen(&html, "Balasan Budi yang pertama."));
    }

    // An edit.
    let opening = post_id(&app, id, 0).await.to_string();
    app.call(
        &ayu,
        "edit_post",
        &[
            ("post_id", &opening),
            ("title", "Got mampet di pasar"),
            ("body", "Versi kedua laporan."),
        ],
    )
    .await
    .unwrap();
    let (_, html) = other.page(&visitor, &path).await;
    assert!(seen(&html, "Versi kedua laporan.") && !seen(&html, "Versi pertama laporan."));

    // A new reply quoting Budi's.
    app.call(
        &ayu,
        "reply",
        &[
            ("thread_id", &t),
            ("parent_id", &reply),
            ("body", "Terima kasih, Budi."),
        ],
    )
    .await
    .unwrap();
    let (_, html) = other.page(&visitor, &path).await;
    assert!(seen(&html, "Terima kasih, Budi."));

    // A new display name, on the post and on the quote of it.
    let before = app.scalar("SELECT COUNT(*) FROM posts").await;
    let area = app.area_id("Plaju Ulu").await.to_string();
    app.call(
        &budi,
        "save_profile",
        &[("display_name", "Budi Wibowo"), ("home_area_id", &area)],
    )
    .await
    .unwrap();
    let (_, html) = other.page(&visitor, &path).await;
    assert!(html.matches("Budi Wibowo").count() >= 2, "post and quote");
    assert!(!seen(&html, "Budi Santoso"));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM posts").await, before);

    // Hidden by a moderator, then restored.
    let hide = [
        ("kind", "post"),
        ("id", reply.as_str()),
        ("action", "hide"),
        ("reason", "Di luar topik"),
    ];
    app.call(&moderator, "moderate", &hide).await.unwrap();
    let (_, html) = other.page(&visitor, &path).await;
    assert!(!seen(&html, "Balasan Budi yang pertama.") && seen(&html, "Di luar topik"));
    let restore = [
        ("kind", "post"),
        ("id", reply.as_str()),
        ("action", "restore"),
        ("reason", "Ternyata relevan"),
    ];
    app.call(&moderator, "moderate", &restore).await.unwrap();
    let (_, html) = other.page(&visitor, &path).await;
    assert!(seen(&html, "Balasan Budi yang pertama."));

    // Deleted by its author: the placeholder, and the quote loses its excerpt.
    app.call(&budi, "delete_post", &[("post_id", &reply)]).await.unwrap();
    let (_, html) = other.page(&visitor, &path).await;
    assert!(!seen(&html, "Balasan Budi yang pertama."));

    // A proposal's discussion, shown on its page, follows the same way.
    let cat = category(&app, "infrastruktur").await;
    let area = app.area_id("Dauh Puri").await.to_string();
    app.call(
        &ayu,
        "create_proposal",
        &[
            ("title", "Taman bermain di Dauh Puri"),
            ("body", "Lahan kosong di sebelah balai banjar bisa jadi taman bermain."),
            ("area_id", &area),
            ("category_id", &cat),
            ("cost", ""),
            ("location", ""),
            ("publish", "1"),
        ],
    )
    .await
    .unwrap();
    let proposal = app.scalar("SELECT MAX(id) FROM proposals").await;
    let thread = app
        .scalar(&format!("SELECT thread_id FROM proposals WHERE id = {proposal}"))
        .await
        .to_string();
    app.call(
        &ayu,
        "reply",
        &[("thread_id", &thread), ("body", "Usulan ini perlu dukungan.")],
    )
    .await
    .unwrap();
    let page = format!("/proposals/{proposal}");
    let (_, html) = other.page(&visitor, &page).await;
    assert!(seen(&html, "Usulan ini perlu dukungan."));
    let first = post_id(&app, thread.parse().unwrap(), 1).await.to_string();
    app.call(
        &ayu,
        "edit_post",
        &[("post_id", &first), ("body", "Usulan ini butuh dukungan warga.")],
    )
    .await
    .unwrap();
    let (_, html) = other.page(&visitor, &page).await;
    assert!(seen(&html, "Usulan ini butuh dukungan warga.") && !seen(&html, "perlu dukungan"));
}
