#![allow(clippy::unwrap_used)]
//! Starts the real app on port 0 with a fresh database: SQLite in a temporary
//! folder, or a new PostgreSQL database when TEST_DATABASE_URL is set.
#![allow(dead_code)]
use app::db::Db;
use app::model::Lang;
use app::server::{secrets, seed, users, AppState, Config, SESSION_COOKIE};
use leptos::config::LeptosOptions;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE, COOKIE, ORIGIN, REFERER};
use reqwest::{redirect::Policy, Client, Response};
use std::sync::atomic::{AtomicU32, Ordering};

pub mod smtp;

pub struct TestApp {
    pub base: String,
    pub host: String,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub async fn database_url(dir: &tempfile::TempDir) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            use sqlx::Connection;
            sqlx::any::install_default_drivers();
            let name = format!(
                "rembuk_t_{}_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .subsec_nanos()
            );
            let mut conn = sqlx::AnyConnection::connect(&admin_url)
                .await
                .expect("connect to TEST_DATABASE_URL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .unwrap_or(admin_url);
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}/test.db", dir.path().display()),
    }
}

pub async fn spawn_with(config: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    // Tests write a lot from one address; rate-limit tests set their own.
    let mut cfg = Config {
        database_url: database_url(&dir).await,
        limits: app::server::limits::Limits::off(),
        ..Config::default()
    };
    config(&mut cfg);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let options = LeptosOptions::builder()
        .output_name("rembuk")
        .site_root("target/site")
        .site_addr(addr)
        .build();
    let state = server::state(cfg, options).await.expect("app state");
    assert!(matches!(seed::demo(&state).await.unwrap(), seed::Outcome::Loaded));
    tokio::spawn(server::serve(listener, state.clone()));
    TestApp {
        base: format!("http://{addr}"),
        host: addr.to_string(),
        state,
        _dir: dir,
    }
}

/// A second app server on `app`'s database, as behind a load balancer:
/// its own memory, the same data.
pub async fn second_server(app: &TestApp) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let options = LeptosOptions::builder()
        .output_name("rembuk")
        .site_root("target/site")
        .site_addr(addr)
        .build();
    let state = server::state((*app.state.config).clone(), options)
        .await
        .expect("app state");
    tokio::spawn(server::serve(listener, state.clone()));
    TestApp {
        base: format!("http://{addr}"),
        host: addr.to_string(),
        state,
        _dir: tempfile::tempdir().unwrap(),
    }
}

pub async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

pub const DEMO_PASSWORD: &str = seed::DEMO_PASSWORD;

/// A browser-like client with its own cookie jar that does not follow redirects.
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .unwrap()
}

impl TestApp {
    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A page request as a browser sends it.
    pub async fn get(&self, c: &Client, path: &str) -> Response {
        c.get(self.url(path))
            .header(ACCEPT, "text/html,application/xhtml+xml")
            .send()
            .await
            .unwrap()
    }

    pub async fn page(&self, c: &Client, path: &str) -> (u16, String) {
        let r = self.get(c, path).await;
        let status = r.status().as_u16();
        (status, r.text().await.unwrap())
    }

    fn form_headers(&self, html: bool) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        h.insert(ORIGIN, HeaderValue::from_str(&self.base).unwrap());
        if html {
            h.insert(ACCEPT, HeaderValue::from_static("text/html,application/xhtml+xml"));
        } else {
            h.insert(ACCEPT, HeaderValue::from_static("application/json"));
        }
        h
    }

    /// Calls a server function the way the hydrated page does.
    pub async fn call(
        &self,
        c: &Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Result<serde_json::Value, serde_json::Value> {
        let r = c
            .post(self.url(&format!("/api/{endpoint}")))
            .headers(self.form_headers(false))
            .body(serde_urlencoded(form))
            .send()
            .await
            .unwrap();
        let is_err = r.headers().contains_key("serverfnerror");
        let text = r.text().await.unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        if is_err {
            Err(v)
        } else {
            Ok(v)
        }
    }

    /// Calls a server function that first shows what cannot be undone
    /// (`confirm` with a token), and confirms exactly that.
    pub async fn call_confirmed(
        &self,
        c: &Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Result<serde_json::Value, serde_json::Value> {
        match self.call(c, endpoint, form).await {
            Err(e) if code(&e) == "confirm" => {
                let token = e["token"].as_str().unwrap_or_default().to_owned();
                let mut form = form.to_vec();
                form.push(("confirm", &token));
                self.call(c, endpoint, &form).await
            }
            r => r,
        }
    }

    /// Posts a plain HTML form from page `from` (no JavaScript).
    pub async fn post_form(&self, c: &Client, endpoint: &str, from: &str, form: &[(&str, &str)]) -> Response {
        let mut h = self.form_headers(true);
        h.insert(REFERER, HeaderValue::from_str(&self.url(from)).unwrap());
        c.post(self.url(&format!("/api/{endpoint}")))
            .headers(h)
            .body(serde_urlencoded(form))
            .send()
            .await
            .unwrap()
    }

    pub async fn sign_in(
        &self,
        c: &Client,
        user: &str,
        password: &str,
    ) -> Result<serde_json::Value, serde_json::Value> {
        self.call(
            c,
            "sign_in",
            &[("username", user), ("password", password), ("next", "/")],
        )
        .await
    }

    pub async fn signed_in_as(&self, user: &str) -> Client {
        let c = browser();
        self.sign_in(&c, user, DEMO_PASSWORD).await.expect("demo sign-in");
        c
    }

    pub async fn scalar(&self, sql: &str) -> i64 {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(&self.db().pool)
            .await
            .unwrap()
    }

    pub async fn area_id(&self, name: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM areas WHERE name = $1")
            .bind(name)
            .fetch_one(&self.db().pool)
            .await
            .unwrap()
    }
}

pub fn serde_urlencoded(form: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish()
}

/// The error code of a failed server function call.
pub fn code(v: &serde_json::Value) -> String {
    v["code"].as_str().unwrap_or("").to_owned()
}

pub async fn category(app: &TestApp, slug: &str) -> String {
    sqlx::query_scalar::<_, i64>("SELECT id FROM categories WHERE slug = $1")
        .bind(slug)
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
        .to_string()
}

/// A resident of `area` made directly in the database (no password hashing),
/// with a session: a client that sends its cookie. Named by username, and an
/// old account (new-account limits do not apply).
/// Starts a thread (category infrastruktur) in `area` through the API; its id.
pub async fn start_thread(app: &TestApp, c: &Client, area: &str, title: &str, body: &str) -> i64 {
    let cat = category(app, "infrastruktur").await;
    let area = app.area_id(area).await.to_string();
    app.call(
        c,
        "create_thread",
        &[
            ("title", title),
            ("body", body),
            ("area_id", &area),
            ("category_id", &cat),
        ],
    )
    .await
    .unwrap();
    app.scalar("SELECT MAX(id) FROM threads WHERE usulan_id IS NULL").await
}

pub async fn resident(app: &TestApp, username: &str, area: i64) -> Client {
    person(app, username, username, area, 1).await
}

/// As [`resident`], with its own display name and sign-up time.
pub async fn person(app: &TestApp, username: &str, display_name: &str, area: i64, at: i64) -> Client {
    let mut tx = app.db().pool.begin().await.unwrap();
    let id = users::insert(
        &mut tx,
        users::NewUser {
            username,
            display_name,
            password_hash: "-",
            home_area_id: area,
            lang: Lang::Id,
            at,
        },
    )
    .await
    .unwrap();
    // A well-formed token: 64 hex digits, unique per person.
    let token = secrets::sha256_hex(username);
    sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(secrets::sha256_hex(&token))
        .bind(id)
        .bind(1_i64)
        .bind(i64::MAX / 2)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        COOKIE,
        HeaderValue::from_str(&format!("{SESSION_COOKIE}={token}")).unwrap(),
    );
    Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .unwrap()
}

/// Every registered server function: the endpoints named by
/// `#[server(endpoint = "…")]` in every file of app/src/api, read when the
/// test runs, so a new file's functions cannot escape the tests that must
/// list them all (the authorization matrix, the privacy sweep).
pub fn server_functions() -> std::collections::BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src/api");
    let mut names = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            for rest in source.split("#[server(endpoint = \"").skip(1) {
                names.insert(rest.split('"').next().unwrap().to_owned());
            }
        }
    }
    assert!(
        names.len() > 50,
        "server functions found in {}: {names:?}",
        dir.display()
    );
    names
}
