//! The Rembuk web server: wires the Leptos app, server functions and the
//! request layers (sessions, origin check, security headers) into one router.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod config;
mod exports;
mod feeds;
mod layers;
mod memo;
mod plan_exports;
mod tidy;
mod uploads;

use app::app::{shell, App};
use app::db::Db;
use app::server::{AppState, Config};
use axum::{middleware, routing::get, routing::post, Router};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes};
use std::sync::{Arc, LazyLock};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

/// Largest request body accepted (form posts; see `uploads` for forms
/// with photos).
pub const BODY_LIMIT: usize = 256 * 1024;

pub async fn state(
    config: Config,
    leptos_options: LeptosOptions,
) -> Result<AppState, Box<dyn std::error::Error + Send + Sync>> {
    let db = Db::connect_with(&config.database_url, config.database_max_connections).await?;
    // Areas made before names were folded for search (an index read when
    // there are none).
    app::db::areas::fill_search_keys(&db).await?;
    Ok(AppState {
        leptos_options,
        db,
        config: Arc::new(config),
        caches: Arc::default(),
    })
}

/// The app's routes, generated once per process.
///
/// Generating them renders the app once with Leptos' switch that stops
/// resources from loading turned on, and that switch is one flag for the
/// whole process (`leptos_server::SuppressResourceLoad`, leptos#4773): a
/// resource that first runs anywhere in the process while it is on waits
/// forever, and so does the page that reads it. Per router, a second router
/// built while the first served (the integration tests, one server per test,
/// several at once) could stall a page render. Once per process, before any
/// router exists, nothing can render while the flag is on.
pub fn routes() -> &'static [AxumRouteListing] {
    static ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));
    &ROUTES
}

pub fn router(state: AppState) -> Router {
    let routes = routes().to_vec();
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            app::server::provide_page_nonce();
        }
    };
    let server_fns = {
        let context = context.clone();
        move |req| handle_server_fns_with_context(context.clone(), req)
    };
    let options = state.leptos_options.clone();
    let pages = Arc::new(memo::Pages::default());
    Router::new()
        .route("/healthz", get(layers::healthz))
        .route("/area/{id}/feed.atom", get(feeds::area))
        .route("/t/{id}/feed.atom", get(feeds::thread))
        .route("/proposals/{id}/feed.atom", get(feeds::proposal))
        .route("/area/{id}/proposals.atom", get(feeds::area_proposals))
        .route(
            "/record.json",
            get(exports::json).layer(middleware::from_fn_with_state(state.clone(), layers::export_limit)),
        )
        .route(
            "/record.csv",
            get(exports::csv).layer(middleware::from_fn_with_state(state.clone(), layers::export_limit)),
        )
        .route("/dashboard.json", get(exports::dashboard_json))
        .route("/dashboard.csv", get(exports::dashboard_csv))
        .route("/unsubscribe", post(layers::one_click_unsubscribe))
        .route("/photos/{key}/{file}", get(uploads::photo))
        .route(
            "/musrenbang-data/{cycle}/{tier}/{file}",
            get(plan_exports::area).layer(middleware::from_fn_with_state(state.clone(), layers::export_limit)),
        )
        // leptos_axum also registers each server function at its own path;
        // this catch-all only answers for unknown ones.
        .route("/api/{*fn_name}", post(server_fns))
        .leptos_routes_with_context(&state, routes, context.clone(), move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        // Tidied before a visitor's page is kept, so a kept one is sent as is.
        .layer(middleware::from_fn(tidy::pages))
        .layer(middleware::from_fn_with_state(state.clone(), layers::server_fn_errors))
        .layer(middleware::from_fn(uploads::uploads))
        .layer(middleware::from_fn_with_state((state.clone(), pages), memo::visitors))
        .layer(middleware::from_fn_with_state(state.clone(), layers::session))
        .layer(middleware::from_fn_with_state(state.clone(), layers::same_origin))
        .layer(middleware::from_fn_with_state(state.clone(), layers::security_headers))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(uploads::body_limit))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves until SIGTERM or Ctrl-C, then finishes the requests under way.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    // The handlers are in place before anyone is told we listen.
    let shutdown = shutdown_signal();
    if let Ok(addr) = listener.local_addr() {
        tracing::info!("Rembuk listening on http://{addr}");
    }
    // Deadlines pass with nobody writing: once a minute, count the items
    // that just became overdue on the dashboard (and forget old writes
    // counted for rate limits, sign-in pauses and kept forms).
    let db = state.db.clone();
    let config = state.config.clone();
    let sweeper = tokio::spawn(async move {
        let minute = std::time::Duration::from_secs(60);
        let mut every = tokio::time::interval_at(tokio::time::Instant::now() + minute, minute);
        loop {
            every.tick().await;
            let now = app::server::time::now();
            if let Err(e) = app::server::dashboard::sweep(&db, &config, now).await {
                tracing::warn!("dashboard sweep: {e:?}");
            }
            if let Err(e) = app::server::sweep::expired(&db, now).await {
                tracing::warn!("sweep: {e:?}");
            }
            if let Err(e) = app::server::deadlines::remind(&db, &config, now).await {
                tracing::warn!("reminders: {e:?}");
            }
            // Musrenbang ballots are counted once voting has closed.
            if let Err(e) = app::server::musrenbang::count_due(&db, now).await {
                tracing::warn!("musrenbang count: {e:?}");
            }
        }
    });
    // Email leaves from the outbox; without SMTP it waits there.
    let mailer = match app::server::mail::Mailer::from_config(&state.config) {
        Ok(m) => m,
        Err(e) => {
            tracing::error!("email is not sent: {e}");
            None
        }
    };
    let mail_worker = mailer.map(|m| tokio::spawn(app::server::mail::run(state.db.clone(), m)));
    // Notifications become email (or wait for the digest) and agencies'
    // webhooks are called whether or not SMTP is configured.
    let notifier = tokio::spawn(app::server::notify::run(state.db.clone(), state.config.clone()));
    let hooks = tokio::spawn(app::server::hooks::run(state.db.clone()));
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
    sweeper.abort();
    notifier.abort();
    hooks.abort();
    if let Some(w) = mail_worker {
        w.abort();
    }
    served
}

fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        #[cfg(unix)]
        let term = async {
            match term.as_mut() {
                Some(s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = term => {},
        }
        tracing::info!("shutting down: finishing requests under way");
    }
}
