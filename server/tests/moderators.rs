#![allow(clippy::unwrap_used)]
//! Moderation and anti-abuse through the HTTP API, as browsers call it: who
//! may call which server function, flags and the queue, hiding with its
//! log, notification and appeal, accountability rules, suspensions, locks,
//! pins, moves and merges, and rate limits.
mod common;

use common::{browser, category, code, resident, server_functions, spawn, spawn_with, start_thread, TestApp};
use reqwest::Client;
use std::collections::BTreeSet;

/// One row of the matrix: a server function, its arguments, and per role
/// whether it is allowed ("A") or denied ("D").
type Row<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

/// The roles of the matrix, in the order of its expectation strings.
const ROLES: [&str; 7] = [
    "visitor",
    "resident",
    "suspended",
    "officer",
    "moderator here",
    "moderator elsewhere",
    "admin",
];

/// Denied: the caller is not signed in, not allowed, or may only read.
fn denied(r: &Result<serde_json::Value, serde_json::Value>) -> bool {
    matches!(r, Err(e) if ["not_signed_in", "forbidden", "suspended"].contains(&code(e).as_str()))
}

async fn opening(app: &TestApp, thread: i64) -> i64 {
    app.scalar(&format!("SELECT id FROM posts WHERE thread_id = {thread} AND seq = 0"))
        .await
}

async fn last_post(app: &TestApp, thread: i64) -> i64 {
    app.scalar(&format!("SELECT MAX(id) FROM posts WHERE thread_id = {thread}"))
        .await
}

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

/// Every server function × every role: allowed (any outcome but a refusal
/// of the caller) or denied (not signed in, forbidden, suspended). The
/// arguments make an allowed call stop after its permission check where
/// they can (an empty reason, an unknown id), so one app serves every cell.
#[tokio::test]
async fn authorization_matrix() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await;
    let admin = app.signed_in_as("admin").await;
    let mod_here = app.signed_in_as("moderator.denpasar").await;
    // Someone else's thread in Denpasar, for the moderators' cells.
    let plaju = app.signed_in_as("warga.plaju").await;
    let thread = start_thread(
        &app,
        &plaju,
        "Kota Denpasar",
        "Parkir liar di trotoar",
        "Trotoar di depan pasar penuh motor.",
    )
    .await;
    let post = opening(&app, thread).await;
    // A suspended resident of Denpasar who appealed, so that deciding an
    // appeal has something to decide.
    let suspended = resident(&app, "warga.ditangguhkan", dauh_puri).await;
    suspend(&app, &admin, "warga.ditangguhkan", "suspend", "3").await;
    let action = app.scalar("SELECT MAX(id) FROM mod_log").await.to_string();
    app.call(
        &suspended,
        "appeal",
        &[("id", &action), ("reason", "Saya bukan spammer.")],
    )
    .await
    .unwrap();
    let pupr = app
        .scalar("SELECT id FROM agencies WHERE name LIKE 'Dinas Pekerjaan Umum%Denpasar'")
        .await
        .to_string();
    let dinkes = app
        .scalar("SELECT id FROM agencies WHERE name LIKE 'Dinas Kesehatan%'")
        .await;
    sqlx::query("INSERT INTO response_templates (agency_id, title, body_src, created_by, updated_at) VALUES ($1, 'T', 'B', 1, 1)")
        .bind(dinkes)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let template = app.scalar("SELECT MAX(id) FROM response_templates").await.to_string();
    // The demo data's first official response, by the PUPR office of Denpasar.
    let response = app
        .scalar("SELECT MIN(seq) FROM record WHERE event = 'response'")
        .await
        .to_string();
    let clients = [
        browser(),
        app.signed_in_as("warga.denpasar").await,
        suspended,
        app.signed_in_as("petugas.pupr.denpasar").await,
        mod_here,
        app.signed_in_as("moderator.walesi").await,
        admin,
    ];
    let (thread, post) = (thread.to_string(), post.to_string());
    let area = app.area_id("Kota Denpasar").await.to_string();
    let scores: Vec<(&str, &str)> = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"]
        .iter()
        .map(|u| (*u, "4"))
        .collect();
    let mut rate = vec![("subject", "complaint"), ("id", "1")];
    rate.extend(scores);
    // V: visitor, R: resident, S: suspended, O: officer, M: moderator of the
    // area, E: moderator elsewhere, A: admin. "A" allowed, "D" denied.
    //                                   VRSOMEA
    let all = "AAAAAAA";
    let readers = "DAAAAAA";
    let writers = "DADAAAA";
    let table: Vec<Row> = vec![
        ("session", vec![], all),
        ("home", vec![], all),
        ("area", vec![("id", &area)], all),
        ("area_pick", vec![("q", "plaju"), ("at", &area)], all),
        ("search_areas", vec![("q", "denpasar")], all),
        ("area_choice", vec![("id", &area)], all),
        ("profile", vec![("username", "warga.denpasar")], all),
        ("forum", vec![("area_id", &area)], all),
        ("thread", vec![("id", &thread)], all),
        ("search", vec![("q", "trotoar")], all),
        ("proposals", vec![], all),
        ("proposal", vec![("id", "1")], all),
        ("record", vec![], all),
        ("complaints", vec![], all),
        ("complaint", vec![("id", "1")], all),
        ("dashboard", vec![], all),
        ("mod_log", vec![], all),
        ("mod_entry", vec![("id", &action)], all),
        (
            "sign_in",
            vec![("username", "nobody"), ("password", "wrong-password")],
            all,
        ),
        ("set_language", vec![("lang", "id")], all),
        // A suspended person gets no fresh account from the same browser.
        (
            "register",
            vec![
                ("username", "x"),
                ("display_name", ""),
                ("password", ""),
                ("password_confirm", ""),
                ("home_area_id", ""),
            ],
            "AADAAAA",
        ),
        ("settings", vec![], readers),
        ("notifications", vec![], readers),
        ("new_thread_page", vec![], readers),
        ("new_proposal_page", vec![], readers),
        ("draft_page", vec![("id", "999999")], readers),
        ("new_complaint_page", vec![], readers),
        ("edit_page", vec![("post_id", "999999")], readers),
        // Account upkeep stays open to a suspended person.
        (
            "change_password",
            vec![
                ("current_password", ""),
                ("new_password", ""),
                ("new_password_confirm", ""),
            ],
            readers,
        ),
        ("mark_read", vec![], readers),
        // A photo's author removes it (an unknown key: not found to all).
        (
            "remove_photo",
            vec![("key", "0123456789abcdef0123456789abcdef")],
            readers,
        ),
        (
            "hide_photo",
            vec![("key", "0123456789abcdef0123456789abcdef"), ("reason", "")],
            writers,
        ),
        ("set_email", vec![("email", "")], readers),
        ("set_notify_prefs", vec![("replies", "site")], readers),
        // An unsubscribe link needs no sign-in: its signature is the proof.
        ("unsubscribe_link", vec![("u", "1"), ("k", "replies"), ("s", "0")], all),
        ("unsubscribe", vec![("u", "1"), ("k", "replies"), ("s", "0")], all),
        // A link sent by email works for whoever holds it.
        ("confirm_email", vec![("token", "0")], all),
        ("request_reset", vec![("who", "nobody")], all),
        ("reset_link", vec![("token", "0")], all),
        (
            "reset_password",
            vec![("token", "0"), ("new_password", ""), ("new_password_confirm", "")],
            all,
        ),
        (
            "save_profile",
            vec![("display_name", ""), ("home_area_id", "")],
            writers,
        ),
        (
            "create_thread",
            vec![("title", ""), ("body", ""), ("area_id", &area), ("category_id", "1")],
            writers,
        ),
        ("reply", vec![("thread_id", &thread), ("body", "")], writers),
        ("edit_post", vec![("post_id", "999999"), ("body", "x")], writers),
        ("delete_post", vec![("post_id", "999999")], writers),
        ("join_forum", vec![("area_id", "999999"), ("join", "1")], writers),
        (
            "create_proposal",
            vec![("title", ""), ("body", ""), ("area_id", &area), ("category_id", "1")],
            writers,
        ),
        ("publish_proposal", vec![("id", "999999")], writers),
        (
            "edit_proposal",
            vec![
                ("id", "999999"),
                ("title", ""),
                ("body", ""),
                ("area_id", &area),
                ("category_id", "1"),
            ],
            writers,
        ),
        ("withdraw_proposal", vec![("id", "999999"), ("confirm", "1")], writers),
        ("support", vec![("id", "999999"), ("support", "1")], writers),
        (
            "file_complaint",
            vec![
                ("title", ""),
                ("body", ""),
                ("area_id", &area),
                ("category_id", "1"),
                ("happened_on", ""),
            ],
            writers,
        ),
        (
            "flag",
            vec![("kind", "post"), ("id", &post), ("reason", "bogus")],
            writers,
        ),
        // Officers of the answering agency (and admins) only.
        (
            "answer",
            vec![
                ("id", "1"),
                ("kind", "response"),
                ("to", "draft"),
                ("body", "Kami tinjau."),
            ],
            "DDDADDA",
        ),
        ("desk", vec![], "DDDADDA"),
        // Templates belong to an agency's officers.
        (
            "save_template",
            vec![("agency_id", &pupr), ("title", ""), ("body", "")],
            "DDDADDD",
        ),
        ("delete_template", vec![("id", &template)], "DDDDDDD"),
        // Corrections: officers of the agency that answered (or answers now), and admins.
        (
            "correct_entry",
            vec![("seq", &response), ("field", "text"), ("value", ""), ("reason", "")],
            "DDDADDA",
        ),
        // The complaint belongs to the Walesi health office: its officers
        // (none here) and admins take steps; only its complainant rates.
        (
            "complaint_step",
            vec![("id", "1"), ("event", "verified"), ("body", "Dicek.")],
            "DDDDDDA",
        ),
        ("rate", rate.clone(), "DDDDDDD"),
        // Only its complainant says it is not fixed.
        (
            "reopen_complaint",
            vec![("id", "1"), ("body", "Belum beres.")],
            "DDDDDDD",
        ),
        // Moderators of the area and admins.
        (
            "moderate",
            vec![("kind", "post"), ("id", &post), ("action", "hide"), ("reason", "")],
            "DDDDADA",
        ),
        ("revisions", vec![("post_id", &post)], "DDDDADA"),
        (
            "suspend",
            vec![
                ("username", "warga.ditangguhkan"),
                ("action", "suspend"),
                ("reason", ""),
                ("days", "1"),
            ],
            "DDDDADA",
        ),
        // Every moderator has a queue (of their own areas).
        ("mod_queue", vec![], "DDDDAAA"),
        // Only the author appeals; another moderator of the area decides
        // (the admin here took the action, so may not decide it).
        ("appeal", vec![("id", &action), ("reason", "")], "DDADDDD"),
        (
            "decide_appeal",
            vec![("id", &action), ("outcome", "upheld"), ("reason", "")],
            "DDDDADD",
        ),
        // Admins only.
        ("admin", vec![("q", "")], "DDDDDDA"),
        (
            "grant_role",
            vec![
                ("username", "warga.plaju"),
                ("role", "bogus"),
                ("agency_id", ""),
                ("area_id", ""),
            ],
            "DDDDDDA",
        ),
        ("revoke_role", vec![("grant_id", "999999")], "DDDDDDA"),
        ("outbox", vec![], "DDDDDDA"),
        (
            "set_hook",
            vec![("area_id", &area), ("agency_id", &pupr), ("hook_url", "")],
            "DDDDDDA",
        ),
        (
            "set_area_rules",
            vec![
                ("rules_area_id", &area),
                ("support_threshold", ""),
                ("response_days", ""),
            ],
            "DDDDDDA",
        ),
        (
            "set_complaint_rules",
            vec![
                ("complaint_area_id", &area),
                ("verify_days", ""),
                ("followup_days", ""),
                ("resolve_days", ""),
            ],
            "DDDDDDA",
        ),
        ("admin_area", vec![("area_id", &area)], "DDDDDDA"),
        (
            "create_agency",
            vec![("area_id", &area), ("name", ""), ("short_name", "")],
            "DDDDDDA",
        ),
        (
            "update_agency",
            vec![
                ("area_id", &area),
                ("agency_id", "999999"),
                ("name", ""),
                ("short_name", ""),
            ],
            "DDDDDDA",
        ),
        (
            "set_responsibility",
            vec![("area_id", &area), ("category_id", "999999"), ("agency_id", "")],
            "DDDDDDA",
        ),
        ("save_category", vec![("name_id", ""), ("name_en", "")], "DDDDDDA"),
        ("import_agencies", vec![("area_id", &area), ("csv", "")], "DDDDDDA"),
        (
            "add_area",
            vec![("area_id", &area), ("name", ""), ("kind", "")],
            "DDDDDDA",
        ),
        // Musrenbang: anyone reads; residents put forward and vote (in
        // their own area: here a cycle that does not exist); facilitators
        // (admins) open cycles, count and confirm.
        ("plan_cycles", vec![], all),
        ("plan_cycle", vec![("id", "999999")], all),
        (
            "plan_area",
            vec![("cycle", "999999"), ("tier", "0"), ("area", &area)],
            all,
        ),
        ("plan_funnel", vec![("id", "999999")], all),
        ("usulan", vec![("id", "999999")], all),
        ("new_usulan_page", vec![("cycle", "999999")], readers),
        (
            "open_cycle",
            vec![("area_id", &area), ("year", ""), ("rule", "")],
            "DDDDDDA",
        ),
        (
            "submit_usulan",
            vec![
                ("cycle_id", "999999"),
                ("title", ""),
                ("category_id", "1"),
                ("problem", ""),
                ("action", ""),
                ("location", ""),
                ("volume", ""),
                ("unit", ""),
                ("cost", ""),
            ],
            writers,
        ),
        ("approve_usulan", vec![("id", "999999"), ("approve", "1")], writers),
        // Officers of the responsible agency and admins (checked on the
        // usulan, which does not exist here).
        (
            "verify_usulan",
            vec![("id", "999999"), ("verdict", "feasible")],
            writers,
        ),
        // Officers of the agency carrying it out and admins (checked on the
        // usulan, which does not exist here).
        (
            "report_usulan_progress",
            vec![("id", "999999"), ("percent", "10"), ("report", "x")],
            writers,
        ),
        ("count_votes", vec![("cycle_id", "999999"), ("tier", "0")], "DDDDDDA"),
        (
            "confirm_result",
            vec![("cycle_id", "999999"), ("tier", "0"), ("area_id", &area)],
            "DDDDDDA",
        ),
        // Last: it ends the sessions.
        ("sign_out", vec![], all),
    ];
    let covered: BTreeSet<String> = table.iter().map(|(e, _, _)| e.to_string()).collect();
    assert_eq!(
        covered,
        server_functions(),
        "the matrix must list every server function"
    );
    let before = app.scalar("SELECT COUNT(*) FROM posts").await;
    let mut wrong = Vec::new();
    for (endpoint, args, expect) in &table {
        for (i, c) in clients.iter().enumerate() {
            let r = app.call(c, endpoint, args).await;
            let want_denied = expect.as_bytes()[i] == b'D';
            if denied(&r) != want_denied {
                wrong.push(format!(
                    "{endpoint} as {}: expected {}, got {r:?}",
                    ROLES[i],
                    if want_denied { "denied" } else { "allowed" }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{} cells wrong:\n{}", wrong.len(), wrong.join("\n"));
    // Nothing above wrote a post.
    assert_eq!(app.scalar("SELECT COUNT(*) FROM posts").await, before);
}

/// Flags collapse into one queue entry; a moderator hides with a reason; the
/// public sees that, the author sees the text and is told; the author
/// appeals once; another moderator cannot be the one who acted; an admin
/// reverses it.
#[tokio::test]
async fn flag_hide_log_and_appeal() {
    let app = spawn().await;
    let author = app.signed_in_as("warga.denpasar").await;
    let thread = start_thread(
        &app,
        &author,
        "Kota Denpasar",
        "Sampah di sungai",
        "Sungai penuh sampah plastik.",
    )
    .await;
    app.call(
        &author,
        "reply",
        &[
            ("thread_id", &thread.to_string()),
            ("body", "Nomor HP ketua RT 0812-3456-7890, telepon saja."),
        ],
    )
    .await
    .unwrap();
    let reply = last_post(&app, thread).await.to_string();
    let a = app.signed_in_as("warga.kotalama").await;
    let b = app.signed_in_as("warga.plaju").await;
    for c in [&a, &b] {
        app.call(
            c,
            "flag",
            &[("kind", "post"), ("id", &reply), ("reason", "personal_data")],
        )
        .await
        .unwrap();
    }
    let e = app
        .call(&a, "flag", &[("kind", "post"), ("id", &reply), ("reason", "spam")])
        .await
        .unwrap_err();
    assert_eq!(e["reason"], "already_flagged");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM flags").await, 2);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM flag_queue").await, 1);
    assert_eq!(app.scalar("SELECT flag_count FROM flag_queue").await, 2);
    // "Other" needs a note.
    let e = app
        .call(
            &app.signed_in_as("warga.sawahlunto").await,
            "flag",
            &[("kind", "post"), ("id", &reply), ("reason", "other")],
        )
        .await
        .unwrap_err();
    assert_eq!(e["field"], "note");

    let moderator = app.signed_in_as("moderator.denpasar").await;
    let queue = app.call(&moderator, "mod_queue", &[]).await.unwrap();
    assert_eq!(queue["entries"].as_array().unwrap().len(), 1);
    assert_eq!(queue["entries"][0]["count"], 2);
    let elsewhere = app.signed_in_as("moderator.walesi").await;
    assert_eq!(
        app.call(&elsewhere, "mod_queue", &[]).await.unwrap()["entries"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let hide = [
        ("kind", "post"),
        ("id", reply.as_str()),
        ("action", "hide"),
        ("reason", "Berisi nomor telepon pribadi"),
    ];
    assert_eq!(
        code(&app.call(&elsewhere, "moderate", &hide).await.unwrap_err()),
        "forbidden"
    );
    app.call(&moderator, "moderate", &hide).await.unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM flag_queue WHERE is_open = 1").await, 0);
    let e = app.call(&moderator, "moderate", &hide).await.unwrap_err();
    assert_eq!(e["reason"], "no_change");

    let path = format!("/t/{thread}");
    let (_, public) = app.page(&browser(), &path).await;
    assert!(!public.contains("0812-3456-7890"));
    assert!(public.contains("Berisi nomor telepon pribadi"));
    let (_, own) = app.page(&author, &path).await;
    assert!(own.contains("0812-3456-7890"));
    assert!(own.contains("Berisi nomor telepon pribadi"));
    let (status, log) = app.page(&browser(), "/moderation/log").await;
    assert_eq!(status, 200);
    assert!(log.contains("Berisi nomor telepon pribadi"));
    assert!(log.contains("Made Wirawan"));
    assert!(!log.contains("0812-3456-7890"));
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'moderation' AND user_id = (SELECT id FROM users WHERE username = 'warga.denpasar')")
            .await,
        1
    );

    let action = app.scalar("SELECT MAX(id) FROM mod_log").await.to_string();
    assert_eq!(
        code(
            &app.call(&a, "appeal", &[("id", &action), ("reason", "Bukan saya")])
                .await
                .unwrap_err()
        ),
        "forbidden"
    );
    app.call(
        &author,
        "appeal",
        &[("id", &action), ("reason", "Itu nomor kantor RT, bukan pribadi.")],
    )
    .await
    .unwrap();
    let e = app
        .call(&author, "appeal", &[("id", &action), ("reason", "Sekali lagi")])
        .await
        .unwrap_err();
    assert_eq!(e["reason"], "already_appealed");
    let decide = [
        ("id", action.as_str()),
        ("outcome", "reversed"),
        ("reason", "Nomor kantor boleh"),
    ];
    assert_eq!(
        code(&app.call(&moderator, "decide_appeal", &decide).await.unwrap_err()),
        "forbidden"
    );
    let admin = app.signed_in_as("admin").await;
    app.call(&admin, "decide_appeal", &decide).await.unwrap();
    let (_, public) = app.page(&browser(), &path).await;
    assert!(public.contains("0812-3456-7890"));
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM mod_log ORDER BY id")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(actions, ["hide", "appeal", "appeal_reversed"]);
    let e = app.call(&admin, "decide_appeal", &decide).await.unwrap_err();
    assert_eq!(e["reason"], "not_appealable");
}

/// Redaction keeps the original for admins only, and dismissing closes the
/// flags without touching the post.
#[tokio::test]
async fn redact_and_dismiss() {
    let app = spawn().await;
    let author = app.signed_in_as("warga.denpasar").await;
    let thread = start_thread(
        &app,
        &author,
        "Kota Denpasar",
        "Jalan berlubang",
        "Alamat saya Jl. Kenanga 7, lubangnya di depan.",
    )
    .await;
    let post = opening(&app, thread).await.to_string();
    let moderator = app.signed_in_as("moderator.denpasar").await;
    // The tools lead to a page that starts from the text as written.
    let (_, page) = app.page(&moderator, &format!("/t/{thread}")).await;
    assert!(
        page.contains(&format!("href=\"/moderation?redact=post-{post}\"")),
        "{page}"
    );
    let url = format!("/moderation?redact=post-{post}");
    let (status, page) = app.page(&moderator, &url).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Alamat saya Jl. Kenanga 7, lubangnya di depan.</textarea>"),
        "{page}"
    );
    // Only for those who may act on it: not its author, not a resident, not
    // another area's moderator.
    for who in ["warga.denpasar", "moderator.walesi"] {
        let c = app.signed_in_as(who).await;
        assert_eq!(app.page(&c, &url).await.0, 403, "{who}");
    }
    assert_eq!(app.page(&moderator, "/moderation?redact=post-x").await.0, 404);
    let redact = [
        ("kind", "post"),
        ("id", post.as_str()),
        ("action", "redact"),
        ("reason", "Alamat rumah"),
        ("text", ""),
    ];
    assert_eq!(
        app.call(&moderator, "moderate", &redact).await.unwrap_err()["field"],
        "text"
    );
    let redact = [
        ("kind", "post"),
        ("id", post.as_str()),
        ("action", "redact"),
        ("reason", "Alamat rumah"),
        ("text", "Lubangnya di depan rumah warga."),
    ];
    app.call(&moderator, "moderate", &redact).await.unwrap();
    let (_, public) = app.page(&browser(), &format!("/t/{thread}")).await;
    assert!(!public.contains("Kenanga"));
    let id = app.scalar("SELECT MAX(id) FROM mod_log").await;
    let (_, as_mod) = app.page(&moderator, &format!("/moderation/log/{id}")).await;
    assert!(!as_mod.contains("Kenanga"));
    let admin = app.signed_in_as("admin").await;
    let (_, as_admin) = app.page(&admin, &format!("/moderation/log/{id}")).await;
    assert!(as_admin.contains("Kenanga"));
    let (_, search) = app.page(&browser(), "/search?q=kenanga").await;
    assert!(!search.contains("Jalan berlubang"));

    let flagger = app.signed_in_as("warga.plaju").await;
    app.call(
        &flagger,
        "flag",
        &[("kind", "post"), ("id", &post), ("reason", "off_topic")],
    )
    .await
    .unwrap();
    let dismiss = [
        ("kind", "post"),
        ("id", post.as_str()),
        ("action", "dismiss"),
        ("reason", "Sesuai topik"),
    ];
    app.call(&moderator, "moderate", &dismiss).await.unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM flag_queue WHERE is_open = 1").await, 0);
    assert_eq!(
        app.call(&moderator, "moderate", &dismiss).await.unwrap_err()["reason"],
        "no_change"
    );
    // A new flag reopens the entry with a fresh count.
    let other = app.signed_in_as("warga.kotalama").await;
    app.call(&other, "flag", &[("kind", "post"), ("id", &post), ("reason", "spam")])
        .await
        .unwrap();
    assert_eq!(
        app.scalar("SELECT flag_count FROM flag_queue WHERE is_open = 1").await,
        1
    );
}

/// Moderators cannot act on their own posts; official responses cannot be
/// hidden by anyone; only admins lift bans; moderators do not suspend
/// moderators; deleted items are refused.
#[tokio::test]
async fn moderators_and_officers_are_accountable() {
    let app = spawn().await;
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let admin = app.signed_in_as("admin").await;
    let own = start_thread(
        &app,
        &moderator,
        "Kota Denpasar",
        "Kerja bakti Minggu",
        "Mari kerja bakti di balai banjar.",
    )
    .await;
    let own_post = opening(&app, own).await.to_string();
    let hide = |id: &str| {
        vec![
            ("kind", "post".to_owned()),
            ("id", id.to_owned()),
            ("action", "hide".to_owned()),
            ("reason", "Uji".to_owned()),
        ]
    };
    let call = |c: &Client, args: Vec<(&'static str, String)>| {
        let args: Vec<(&str, String)> = args;
        let app = &app;
        let c = c.clone();
        async move {
            let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(&c, "moderate", &pairs).await
        }
    };
    assert_eq!(code(&call(&moderator, hide(&own_post)).await.unwrap_err()), "forbidden");
    let lock = vec![
        ("kind", "thread".to_owned()),
        ("id", own.to_string()),
        ("action", "lock".to_owned()),
        ("reason", "Uji".to_owned()),
    ];
    assert_eq!(code(&call(&moderator, lock).await.unwrap_err()), "forbidden");

    // The officer's reply in the demo thread is an official response.
    let official = app
        .scalar("SELECT MIN(p.id) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.agency_id IS NOT NULL AND t.area_id = (SELECT id FROM areas WHERE name = 'Kota Denpasar')")
        .await
        .to_string();
    for c in [&moderator, &admin] {
        let e = call(c, hide(&official)).await.unwrap_err();
        assert_eq!(e["reason"], "official_response");
    }

    // Only admins lift a ban; a moderator may ban a resident of the area.
    suspend(&app, &moderator, "warga.denpasar", "ban", "").await;
    let e = app
        .call(
            &moderator,
            "suspend",
            &[("username", "warga.denpasar"), ("action", "lift"), ("reason", "Maaf")],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&e), "forbidden");
    suspend(&app, &admin, "warga.denpasar", "lift", "").await;
    assert_eq!(
        app.scalar("SELECT banned FROM users WHERE username = 'warga.denpasar'")
            .await,
        0
    );
    // Moderators do not suspend moderators or admins, nor themselves.
    for target in ["moderator.denpasar", "admin"] {
        let e = app
            .call(
                &moderator,
                "suspend",
                &[
                    ("username", target),
                    ("action", "suspend"),
                    ("reason", "Uji"),
                    ("days", "1"),
                ],
            )
            .await
            .unwrap_err();
        assert_eq!(code(&e), "forbidden", "{target}");
    }
    // A resident of another area is not this moderator's to suspend.
    let e = app
        .call(
            &moderator,
            "suspend",
            &[
                ("username", "warga.walesi"),
                ("action", "suspend"),
                ("reason", "Uji"),
                ("days", "1"),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&e), "forbidden");

    // A post its author deleted cannot be hidden or flagged.
    let author = app.signed_in_as("warga.denpasar").await;
    let gone = start_thread(&app, &author, "Kota Denpasar", "Salah kirim", "Maaf, salah kirim.").await;
    let gone_post = opening(&app, gone).await.to_string();
    app.call(&author, "delete_post", &[("post_id", &gone_post)])
        .await
        .unwrap();
    assert_eq!(
        call(&moderator, hide(&gone_post)).await.unwrap_err()["reason"],
        "deleted"
    );
    let e = app
        .call(
            &app.signed_in_as("warga.plaju").await,
            "flag",
            &[("kind", "post"), ("id", &gone_post), ("reason", "spam")],
        )
        .await
        .unwrap_err();
    assert_eq!(e["reason"], "deleted");
    // Nothing was logged for any refusal above but the ban and its lifting.
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM mod_log ORDER BY id")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(actions, ["ban", "lift"]);
}

/// A suspended account reads but every write is refused with until when and
/// why, also from a stale form without JavaScript; nothing is written.
#[tokio::test]
async fn suspended_accounts_read_but_do_not_write() {
    let app = spawn().await;
    let admin = app.signed_in_as("admin").await;
    let resident = app.signed_in_as("warga.denpasar").await;
    suspend(&app, &admin, "warga.denpasar", "suspend", "3").await;
    let posts = app.scalar("SELECT COUNT(*) FROM posts").await;
    let area = app.area_id("Kota Denpasar").await.to_string();
    let e = app
        .call(&resident, "reply", &[("thread_id", "3"), ("body", "Masih bisa?")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "suspended");
    assert_eq!(e["reason"], "Spam berulang");
    assert!(e["until"].as_str().is_some_and(|u| !u.is_empty()));
    for (endpoint, args) in [
        (
            "create_thread",
            vec![
                ("title", "Judul baru"),
                ("body", "Isi baru"),
                ("area_id", area.as_str()),
                ("category_id", "1"),
            ],
        ),
        ("support", vec![("id", "1"), ("support", "1")]),
        ("flag", vec![("kind", "post"), ("id", "1"), ("reason", "spam")]),
    ] {
        assert_eq!(
            code(&app.call(&resident, endpoint, &args).await.unwrap_err()),
            "suspended",
            "{endpoint}"
        );
    }
    let r = app
        .post_form(
            &resident,
            "reply",
            "/t/3",
            &[("thread_id", "3"), ("body", "Dari formulir lama")],
        )
        .await;
    assert!(r.status().is_redirection());
    assert_eq!(app.scalar("SELECT COUNT(*) FROM posts").await, posts);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM flags").await, 0);
    // The refused form comes back once, with the reason and what was typed.
    let (status, page) = app.page(&resident, "/t/3").await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"reply-h\"") && page.contains("Dari formulir lama"));
    let (status, page) = app.page(&resident, "/t/3").await;
    assert_eq!(status, 200);
    assert!(page.contains("Spam berulang"));
    // Then nothing to write is offered: no reply form, reply links or flags; the
    // reply form's place says why.
    assert!(!page.contains("id=\"reply-h\""), "no reply form");
    assert!(!page.contains("reply_to="), "no reply links");
    assert!(!page.contains("<details class=\"flag\""), "no flag forms");
    let reply_place = &page[page.find("id=\"reply\"").unwrap()..];
    assert!(reply_place[..reply_place.find("</p>").unwrap()].contains("Akun Anda ditangguhkan"));
    let (_, proposal) = app.page(&resident, "/proposals/1").await;
    assert!(!proposal.contains("<details class=\"flag\"") && !proposal.contains("id=\"reply-h\""));
    // A ban has no end; lifting it (an admin) restores writing.
    suspend(&app, &admin, "warga.denpasar", "ban", "").await;
    let e = app
        .call(&resident, "reply", &[("thread_id", "3"), ("body", "Masih bisa?")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "suspended");
    assert!(e["until"].is_null());
    suspend(&app, &admin, "warga.denpasar", "lift", "").await;
    let (_, page) = app.page(&resident, "/t/3").await;
    assert!(page.contains("id=\"reply-h\"") && page.contains("reply_to=") && page.contains("<details class=\"flag\""));
    let (_, proposal) = app.page(&resident, "/proposals/1").await;
    assert!(proposal.contains("<details class=\"flag\"") && proposal.contains("id=\"reply-h\""));
    app.call(&resident, "reply", &[("thread_id", "3"), ("body", "Terima kasih.")])
        .await
        .unwrap();
}

/// Lock refuses replies; pin lists a thread first; move changes its area and
/// category; merge moves supports without counting anyone twice.
#[tokio::test]
async fn lock_pin_move_and_merge() {
    let app = spawn().await;
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let author = app.signed_in_as("warga.plaju").await;
    let thread = start_thread(
        &app,
        &author,
        "Kota Denpasar",
        "Banjir di Jalan Sudirman",
        "Setiap hujan deras jalan tergenang.",
    )
    .await;
    let t = thread.to_string();
    let act = |action: &'static str| {
        vec![
            ("kind", "thread"),
            ("id", t.as_str()),
            ("action", action),
            ("reason", "Moderasi"),
        ]
    };
    app.call(&moderator, "moderate", &act("lock")).await.unwrap();
    let e = app
        .call(&author, "reply", &[("thread_id", &t), ("body", "Masih tergenang")])
        .await
        .unwrap_err();
    assert_eq!(e["reason"], "locked");
    app.call(&moderator, "moderate", &act("unlock")).await.unwrap();
    app.call(&author, "reply", &[("thread_id", &t), ("body", "Masih tergenang")])
        .await
        .unwrap();

    app.call(&moderator, "moderate", &act("pin")).await.unwrap();
    let area = app.area_id("Kota Denpasar").await.to_string();
    let forum = app.call(&browser(), "forum", &[("area_id", &area)]).await.unwrap();
    assert_eq!(forum["pinned"][0]["id"], thread);
    assert!(forum["threads"].as_array().unwrap().iter().all(|x| x["id"] != thread));

    let dauh_puri = app.area_id("Dauh Puri").await.to_string();
    let health = category(&app, "kesehatan").await;
    let mut mv = act("move");
    mv.push(("area_id", &dauh_puri));
    mv.push(("category_id", &health));
    app.call(&moderator, "moderate", &mv).await.unwrap();
    assert_eq!(
        app.scalar(&format!("SELECT area_id FROM threads WHERE id = {thread}"))
            .await
            .to_string(),
        dauh_puri
    );
    assert_eq!(
        app.scalar(&format!("SELECT category_id FROM threads WHERE id = {thread}"))
            .await
            .to_string(),
        health
    );
    // Not into an area the moderator does not moderate.
    let walesi = app.area_id("Welesi").await.to_string();
    let mut mv = act("move");
    mv.push(("area_id", &walesi));
    mv.push(("category_id", &health));
    assert_eq!(
        code(&app.call(&moderator, "moderate", &mv).await.unwrap_err()),
        "forbidden"
    );

    // Two proposals of Kota Denpasar; residents support one, the other, or both.
    let proposer = app.signed_in_as("warga.denpasar").await;
    let infra = category(&app, "infrastruktur").await;
    let mut ids = Vec::new();
    for title in ["Lampu jalan di Jalan Nangka", "Penerangan Jalan Nangka"] {
        app.call(
            &proposer,
            "create_proposal",
            &[
                ("title", title),
                ("body", "Jalan Nangka gelap di malam hari, perlu lampu."),
                ("area_id", &area),
                ("category_id", &infra),
                ("publish", "1"),
            ],
        )
        .await
        .unwrap();
        ids.push(app.scalar("SELECT MAX(id) FROM proposals").await.to_string());
    }
    let home = app.area_id("Kota Denpasar").await;
    for (i, who) in ["s1", "s2", "s3"].into_iter().enumerate() {
        let c = resident(&app, &format!("pendukung.{who}"), home).await;
        if i != 1 {
            app.call(&c, "support", &[("id", &ids[0]), ("support", "1")])
                .await
                .unwrap();
        }
        if i != 0 {
            app.call(&c, "support", &[("id", &ids[1]), ("support", "1")])
                .await
                .unwrap();
        }
    }
    let merge = [
        ("kind", "proposal"),
        ("id", ids[1].as_str()),
        ("action", "merge"),
        ("into", ids[0].as_str()),
        ("reason", "Usulan sama"),
    ];
    let e = app
        .call(
            &moderator,
            "moderate",
            &[
                ("kind", "proposal"),
                ("id", &ids[1]),
                ("action", "merge"),
                ("into", &ids[1]),
                ("reason", "Sama"),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(e["reason"], "cannot_merge");
    app.call(&moderator, "moderate", &merge).await.unwrap();
    let count = |id: &str| format!("SELECT support_count FROM proposals WHERE id = {id}");
    assert_eq!(app.scalar(&count(&ids[0])).await, 3);
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM supports WHERE proposal_id = {}", ids[0]))
            .await,
        3
    );
    assert_eq!(app.scalar(&count(&ids[1])).await, 0);
    assert_eq!(
        app.scalar(&format!("SELECT merged_into FROM proposals WHERE id = {}", ids[1]))
            .await
            .to_string(),
        ids[0]
    );
    let late = resident(&app, "pendukung.s4", home).await;
    let e = app
        .call(&late, "support", &[("id", &ids[1]), ("support", "1")])
        .await
        .unwrap_err();
    assert_eq!(e["reason"], "closed_for_support");
    assert_eq!(
        app.call(&moderator, "moderate", &merge).await.unwrap_err()["reason"],
        "cannot_merge"
    );
}

/// Limits per account (stricter for new accounts) and per client, with the
/// wait in the refusal; sign-ups per client; rapid identical posts.
#[tokio::test]
async fn rate_limits() {
    let app = spawn_with(|cfg| {
        cfg.limits = app::server::limits::Limits {
            posts: 3,
            posts_new: 1,
            client_factor: 100,
            registrations_per_hour: 2,
            ..app::server::limits::Limits::off()
        };
    })
    .await;
    // Demo accounts are months old: the established limit.
    let old = app.signed_in_as("warga.denpasar").await;
    for i in 0..3 {
        app.call(
            &old,
            "reply",
            &[("thread_id", "3"), ("body", &format!("Balasan nomor {i}"))],
        )
        .await
        .unwrap();
    }
    let posts = app.scalar("SELECT COUNT(*) FROM posts").await;
    let e = app
        .call(&old, "reply", &[("thread_id", "3"), ("body", "Balasan keempat")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "rate_limited");
    assert!(e["seconds"].as_u64().is_some_and(|s| s > 0 && s <= 600));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM posts").await, posts);
    // A refused form is not counted: another account is unaffected, and a
    // failed post (empty body) does not use up a new account's one post.
    let area = app.area_id("Dauh Puri").await.to_string();
    let fresh = browser();
    for (i, name) in ["baru.satu", "baru.dua"].into_iter().enumerate() {
        let c = if i == 0 { &fresh } else { &browser() };
        app.call(
            c,
            "register",
            &[
                ("username", name),
                ("display_name", "Warga Baru"),
                ("password", "kata-sandi-baru"),
                ("password_confirm", "kata-sandi-baru"),
                ("home_area_id", &area),
            ],
        )
        .await
        .unwrap();
    }
    let e = app
        .call(
            &browser(),
            "register",
            &[
                ("username", "baru.tiga"),
                ("display_name", "Warga Baru"),
                ("password", "kata-sandi-baru"),
                ("password_confirm", "kata-sandi-baru"),
                ("home_area_id", &area),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(code(&e), "rate_limited");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM users WHERE username LIKE 'baru.%'")
            .await,
        2
    );
    let e = app
        .call(&fresh, "reply", &[("thread_id", "3"), ("body", "")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "field");
    app.call(
        &fresh,
        "reply",
        &[("thread_id", "3"), ("body", "Halo, saya warga baru.")],
    )
    .await
    .unwrap();
    let e = app
        .call(&fresh, "reply", &[("thread_id", "3"), ("body", "Satu lagi.")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "rate_limited");

    // The same text twice in a row is a duplicate; another text passes.
    let app = spawn_with(|cfg| cfg.limits.duplicate_secs = 600).await;
    let c = app.signed_in_as("warga.denpasar").await;
    let body = [("thread_id", "3"), ("body", "Kapan jalannya diperbaiki?")];
    app.call(&c, "reply", &body).await.unwrap();
    let e = app
        .call(
            &c,
            "reply",
            &[("thread_id", "3"), ("body", "kapan  jalannya diperbaiki?")],
        )
        .await
        .unwrap_err();
    assert_eq!(e["reason"], "duplicate");
    app.call(&c, "reply", &[("thread_id", "3"), ("body", "Sudah ada jadwalnya?")])
        .await
        .unwrap();
}
