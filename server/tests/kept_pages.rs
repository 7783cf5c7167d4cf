#![allow(clippy::unwrap_used)]
//! Visitors' thread, area and proposal pages are sent as last rendered while
//! what they show is unchanged (`server/src/memo.rs`): never to anyone
//! signed in or holding a kept form, never stale, with a fresh nonce each
//! time, in each language.
mod common;
use common::*;
use reqwest::Client;

const KEPT: &str = "x-rembuk-cache";

/// The page's cache header (if any), its body, and the nonce of its CSP.
async fn fetch(app: &TestApp, c: &Client, path: &str) -> (Option<String>, String, String) {
    let r = app.get(c, path).await;
    assert_eq!(r.status().as_u16(), 200, "{path}");
    let kept = r.headers().get(KEPT).map(|v| v.to_str().unwrap().to_owned());
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    (kept, r.text().await.unwrap(), nonce)
}

fn kept(header: &Option<String>) -> bool {
    header.as_deref() == Some("hit")
}

async fn new_thread(app: &TestApp, c: &Client, title: &str, body: &str) -> i64 {
    start_thread(app, c, "Dauh Puri", title, body).await
}

#[tokio::test]
async fn visitors_get_the_kept_page_until_what_it_shows_changes() {
    let app = spawn().await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let id = new_thread(&app, &ayu, "Lampu jalan padam", "Sudah tiga malam gelap.").await;
    let thread = format!("/t/{id}");
    let area = format!("/area/{}", app.area_id("Dauh Puri").await);
    let proposal = format!(
        "/proposals/{}",
        app.scalar("SELECT MIN(id) FROM proposals WHERE state <> 'draft'").await
    );
    let visitor = browser();
    for path in [&thread, &area, &proposal] {
        let (first, html, nonce) = fetch(&app, &visitor, path).await;
        assert_eq!(first.as_deref(), Some("miss"), "{path}");
        let (second, again, fresh) = fetch(&app, &visitor, path).await;
        assert!(kept(&second), "{path}: the second visit is sent as kept");
        // The same page, with this response's own nonce wherever the
        // first had its own (the policy and the page agree).
        assert_ne!(nonce, fresh);
        assert!(
            again.contains(&format!("nonce=\"{fresh}\"")) && !again.contains(&nonce),
            "{path}"
        );
        assert_eq!(again.replace(&fresh, "N"), html.replace(&nonce, "N"), "{path}");
    }

    // A reply changes the thread page and the area page's forum at once.
    app.call(
        &ayu,
        "reply",
        &[("thread_id", &id.to_string()), ("body", "Malam ini juga padam.")],
    )
    .await
    .unwrap();
    let (header, html, _) = fetch(&app, &visitor, &thread).await;
    assert!(!kept(&header) && html.contains("Malam ini juga padam."));
    assert!(kept(&fetch(&app, &visitor, &thread).await.0));
    let second = new_thread(&app, &ayu, "Trotoar berlubang", "Di depan sekolah.").await;
    let (header, html, _) = fetch(&app, &visitor, &area).await;
    assert!(
        !kept(&header) && html.contains(&format!("/t/{second}")),
        "new thread listed"
    );

    // Hidden by a moderator: gone from the very next visitor's page.
    let reply = app
        .scalar(&format!("SELECT id FROM posts WHERE thread_id = {id} AND seq = 1"))
        .await;
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let hide = [
        ("kind", "post"),
        ("id", &reply.to_string()),
        ("action", "hide"),
        ("reason", "Di luar topik"),
    ];
    app.call(&moderator, "moderate", &hide).await.unwrap();
    let (header, html, _) = fetch(&app, &visitor, &thread).await;
    assert!(!kept(&header) && !html.contains("Malam ini juga padam.") && html.contains("Di luar topik"));

    // Each language is its own page.
    let english = browser();
    app.call(&english, "set_language", &[("lang", "en")]).await.unwrap();
    let (header, html, _) = fetch(&app, &english, &thread).await;
    assert!(
        !kept(&header) && html.contains("lang=\"en\""),
        "English is rendered, not the Indonesian page"
    );
    assert!(kept(&fetch(&app, &english, &thread).await.0));
    assert!(fetch(&app, &english, &thread).await.1.contains("lang=\"en\""));
    assert!(fetch(&app, &visitor, &thread).await.1.contains("lang=\"id\""));

    // Another page of the same thread, or another query, is another page.
    let (header, _, _) = fetch(&app, &visitor, &format!("{thread}?after=50")).await;
    assert!(!kept(&header));
}

#[tokio::test]
async fn signed_in_people_and_visitors_with_a_kept_form_always_get_a_fresh_render() {
    let app = spawn().await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let id = new_thread(&app, &ayu, "Sampah menumpuk", "Di ujung gang.").await;
    let thread = format!("/t/{id}");
    let visitor = browser();
    fetch(&app, &visitor, &thread).await;
    assert!(kept(&fetch(&app, &visitor, &thread).await.0));

    // Signed in: their own page, with their name and reply links, never
    // a visitor's.
    let (header, html, _) = fetch(&app, &ayu, &thread).await;
    assert_eq!(header, None);
    assert!(
        html.contains("warga.denpasar") || html.contains("Ayu"),
        "the signed-in header"
    );
    assert!(html.contains("reply_to="), "a resident is offered reply links");

    // A visitor whose failed form is kept for them sees it, not the kept page.
    let r = app
        .post_form(
            &visitor,
            "sign_in",
            "/signin",
            &[("username", "tidak.ada"), ("password", "salah"), ("next", "/")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (header, _, _) = fetch(&app, &visitor, &thread).await;
    assert_eq!(header, None, "a visitor with a kept form is rendered for");

    // A visitor's page for a missing thread is never kept.
    let r = app.get(&browser(), "/t/999999").await;
    assert_eq!(r.status().as_u16(), 404);
    let r = app.get(&browser(), "/t/999999").await;
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers().get(KEPT).map(|v| v.to_str().unwrap().to_owned())
        ),
        (404, Some("miss".into()))
    );
}

/// Behind a load balancer each server keeps its own pages, and a change made
/// through one shows at once on the others.
#[tokio::test]
async fn a_change_through_one_server_shows_at_once_on_another() {
    let app = spawn().await;
    let other = second_server(&app).await;
    let ayu = app.signed_in_as("warga.denpasar").await;
    let id = new_thread(&app, &ayu, "Banjir di perempatan", "Air setinggi lutut.").await;
    let thread = format!("/t/{id}");
    let visitor = browser();
    fetch(&other, &visitor, &thread).await;
    assert!(kept(&fetch(&other, &visitor, &thread).await.0));
    let opening = app
        .scalar(&format!("SELECT id FROM posts WHERE thread_id = {id} AND seq = 0"))
        .await;
    app.call(
        &ayu,
        "edit_post",
        &[
            ("post_id", &opening.to_string()),
            ("title", "Banjir di perempatan"),
            ("body", "Air sudah surut."),
        ],
    )
    .await
    .unwrap();
    let (header, html, _) = fetch(&other, &visitor, &thread).await;
    assert!(!kept(&header) && html.contains("Air sudah surut.") && !html.contains("setinggi lutut"));
}
