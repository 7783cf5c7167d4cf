//! `bench` — the forum and proposals benchmark (issues 3 and 4). For each
//! backend it seeds a large forum and many proposals into a fresh database,
//! serves the real router on a free port in this process, and load-tests the
//! thread, area, search and proposal pages against a static page of the same
//! size, then the support POST.
mod complaints;
mod cpu;
mod load;
mod mail;
mod musrenbang;
mod pg;
mod photos;
mod proposals;
mod report;
mod seed;
mod text;

use app::db::Db;
use app::server::{seed as demo, AppState, Config};
use axum::http::header::CONTENT_TYPE;
use axum::routing::get;
use hyper::body::Bytes;
use leptos::config::LeptosOptions;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// The Musrenbang rows: with none of them wanted, nothing of it is seeded.
const PLAN_PAGES: [&str; 5] = [
    "cycle page",
    "usulan list",
    "usulan page",
    "ballot POST",
    "musrenbang count",
];

pub type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

const HELP: &str = "\
bench — seeds a large forum and load-tests its pages on SQLite and PostgreSQL

USAGE:
    bench            (run from the repository root; scripts/bench builds and runs it)

ENVIRONMENT (defaults in brackets):
    BENCH_POSTGRES_URL   admin URL of a PostgreSQL server, e.g.
                         postgres://postgres:postgres@127.0.0.1:5432/postgres; a fresh
                         database rembuk_bench_<pid> is made there and dropped after.
                         Unset: SQLite only.
    BENCH_ONLY           sqlite or postgres: run one backend only
    BENCH_SECONDS        measured seconds per page [10]
    BENCH_WARMUP         warm-up seconds per page, not counted [2]
    BENCH_CONNECTIONS    concurrent keep-alive connections [64]
    BENCH_RESIDENTS      residents added to the demo data [20000]
    BENCH_THREADS        threads [10000]
    BENCH_REPLIES        replies in all [1000000]
    BENCH_PROPOSALS      proposals [100000]
    BENCH_COMPLAINTS     complaints, filed, answered and rated through the app [5000]
    BENCH_SUPPORTS       supports in all [2000000]
    BENCH_AREAS          country: import Indonesia's 91,599 official areas (from
                         data/idn-area-data-4.0.1, see scripts/setup) before
                         seeding, so the seed spreads across them; demo: the
                         demo's 27 areas only [country]
    BENCH_DIR            folder for the SQLite file [target/bench]
    BENCH_KEEP           1 keeps the databases afterwards (to EXPLAIN queries)
    BENCH_PLAN_USULAN    Musrenbang usulan in a kota of 50 kecamatan and 500 kelurahan [20000]
    BENCH_PLAN_BALLOTS   Musrenbang ballots there, three approvals each [200000]
    BENCH_PAGES          comma-separated words: load-test only the pages whose
                         names contain one, e.g. thread,support [all]
    DATABASE_MAX_CONNECTIONS  the server's pool size, as for `server` [by cores]
";

struct Options {
    sizes: seed::Sizes,
    proposals: proposals::Sizes,
    complaints: usize,
    plan: musrenbang::Sizes,
    seconds: u64,
    warmup: u64,
    connections: usize,
    postgres: Option<String>,
    sqlite: bool,
    dir: PathBuf,
    keep: bool,
    /// Words naming the pages to load-test; empty: all.
    pages: Vec<String>,
    /// Import the whole country's areas first.
    country: bool,
}

impl Options {
    fn wants(&self, page: &str) -> bool {
        self.pages.is_empty() || self.pages.iter().any(|w| page.contains(w.as_str()))
    }

    /// Musrenbang's pages (and its seed) are wanted.
    fn wants_plan(&self) -> bool {
        PLAN_PAGES.iter().any(|p| self.wants(p))
    }
}

fn number(name: &str, default: usize) -> Res<usize> {
    match std::env::var(name) {
        Ok(v) => Ok(v
            .trim()
            .parse()
            .map_err(|_| format!("{name} must be a whole number, got {v:?}"))?),
        Err(_) => Ok(default),
    }
}

impl Options {
    fn from_env() -> Res<Options> {
        let only = std::env::var("BENCH_ONLY").ok();
        if let Some(o) = &only {
            if o != "sqlite" && o != "postgres" {
                return Err(format!("BENCH_ONLY must be sqlite or postgres, got {o:?}").into());
            }
        }
        let postgres = std::env::var("BENCH_POSTGRES_URL").ok().filter(|u| !u.is_empty());
        if only.as_deref() == Some("postgres") && postgres.is_none() {
            return Err("BENCH_ONLY=postgres needs BENCH_POSTGRES_URL".into());
        }
        Ok(Options {
            sizes: seed::Sizes {
                residents: number("BENCH_RESIDENTS", 20_000)?,
                threads: number("BENCH_THREADS", 10_000)?,
                replies: number("BENCH_REPLIES", 1_000_000)?,
            },
            proposals: proposals::Sizes {
                proposals: number("BENCH_PROPOSALS", 100_000)?,
                supports: number("BENCH_SUPPORTS", 2_000_000)?,
            },
            complaints: number("BENCH_COMPLAINTS", 5_000)?,
            plan: musrenbang::Sizes {
                districts: 50,
                villages: 500,
                usulan: number("BENCH_PLAN_USULAN", 20_000)?,
                ballots: number("BENCH_PLAN_BALLOTS", 200_000)?,
            },
            seconds: number("BENCH_SECONDS", 10)?.max(1) as u64,
            warmup: number("BENCH_WARMUP", 2)? as u64,
            connections: number("BENCH_CONNECTIONS", 64)?.max(1),
            postgres: postgres.filter(|_| only.as_deref() != Some("sqlite")),
            sqlite: only.as_deref() != Some("postgres"),
            dir: PathBuf::from(std::env::var("BENCH_DIR").unwrap_or_else(|_| "target/bench".into())),
            keep: matches!(std::env::var("BENCH_KEEP").as_deref(), Ok("1" | "true" | "yes")),
            country: match std::env::var("BENCH_AREAS").as_deref() {
                Err(_) | Ok("country") => true,
                Ok("demo") => false,
                Ok(other) => return Err(format!("BENCH_AREAS must be country or demo, got {other:?}").into()),
            },
            pages: std::env::var("BENCH_PAGES")
                .unwrap_or_default()
                .split(',')
                .map(|w| w.trim().to_owned())
                .filter(|w| !w.is_empty())
                .collect(),
        })
    }
}

/// One measured page.
struct Row {
    name: &'static str,
    path: String,
    /// Load-tested (else timed once).
    load: bool,
    /// Signed in as a resident (a session cookie), or a visitor.
    cookie: Option<String>,
    status: u16,
    /// The first request, alone, on a fresh connection.
    first_ms: f64,
    body: Bytes,
    stats: Option<load::Stats>,
    /// The share of the machine other processes used during its test.
    others: Option<f64>,
}

struct Report {
    backend: &'static str,
    seeding: Duration,
    /// The whole country's import, when BENCH_AREAS=country.
    import: Option<Duration>,
    /// From opening the database to a router ready to serve.
    start: Duration,
    /// The process's resident memory after the load run (MB).
    rss_mb: Option<f64>,
    rows: Vec<Row>,
}

/// This process's resident set size in MB (Linux).
fn rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

#[tokio::main]
async fn main() -> ExitCode {
    if std::env::args().skip(1).any(|a| a == "--help" || a == "-h") {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    {
        use tracing_subscriber::{fmt, EnvFilter};
        let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,sqlx::query=error"));
        fmt().with_env_filter(filter).init();
    }
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Res<()> {
    let opts = Options::from_env()?;
    println!(
        "Rembuk benchmark: {} residents, {} threads, {} replies, {} proposals, {} supports; {} connections, {} s warm-up + {} s per page",
        opts.sizes.residents,
        opts.sizes.threads,
        opts.sizes.replies,
        opts.proposals.proposals,
        opts.proposals.supports,
        opts.connections,
        opts.warmup,
        opts.seconds
    );
    println!(
        "(server and load generator share this process and its {} cores; pages asked for as text/html, uncompressed)",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    if opts.postgres.is_none() && opts.sqlite {
        println!("(BENCH_POSTGRES_URL unset: SQLite only)");
    }
    let mut reports = Vec::new();
    if opts.sqlite {
        std::fs::create_dir_all(&opts.dir)?;
        let file = opts.dir.join(format!("rembuk-{}.db", std::process::id()));
        let files = ["", "-wal", "-shm"].map(|s| PathBuf::from(format!("{}{s}", file.display())));
        for f in &files {
            let _ = std::fs::remove_file(f);
        }
        let result = backend("SQLite", &format!("sqlite://{}", file.display()), &opts).await;
        if opts.keep {
            println!("kept {}", file.display());
        } else {
            for f in &files {
                let _ = std::fs::remove_file(f);
            }
        }
        reports.push(result?);
    }
    if let Some(admin) = &opts.postgres {
        let name = format!("rembuk_bench_{}", std::process::id());
        let url = pg::create_database(admin, &name).await?;
        let result = backend("PostgreSQL", &url, &opts).await;
        if opts.keep {
            println!("kept database {name}");
        } else if let Err(e) = pg::drop_database(admin, &name).await {
            eprintln!("bench: could not drop database {name}: {e}");
        }
        reports.push(result?);
    }
    report::summary(&reports, opts.connections);
    Ok(())
}

/// Seeds a fresh database at `url`, serves it and measures every page.
async fn backend(name: &'static str, url: &str, opts: &Options) -> Res<Report> {
    println!("\n== {name}");
    let started = Instant::now();
    let db = Db::connect(url).await?;
    // The seeding's own state: the database and empty caches, no server.
    let seeding_state = AppState {
        leptos_options: LeptosOptions::builder().output_name("rembuk").build(),
        db: db.clone(),
        config: Arc::default(),
        caches: Arc::default(),
    };
    if !matches!(demo::demo(&seeding_state).await?, demo::Outcome::Loaded) {
        return Err(format!("{name}: the benchmark database was not empty").into());
    }
    let import = if opts.country {
        let dir = std::path::Path::new("data/idn-area-data-4.0.1");
        let list = app::server::area_import::read_list(dir, None).map_err(|e| {
            format!(
                "{}: run scripts/setup",
                app::i18n::areas::list_error(app::model::Lang::En, &e)
            )
        })?;
        let t = Instant::now();
        let report = app::server::area_import::import(&db, &list, None).await?;
        let took = t.elapsed();
        println!(
            "  imported the country's areas in {:.1} s: {report}",
            took.as_secs_f64()
        );
        Some(took)
    } else {
        None
    };
    let seeded = seed::bulk(&db, &opts.sizes).await?;
    let proposed = proposals::bulk(&seeding_state, &opts.proposals).await?;
    let mut complained = complaints::seed(&seeding_state, opts.complaints).await?;
    if opts.wants("complaint page") || opts.wants("photo") {
        complained.photo = Some(photos::seed(&seeding_state, complained.complaint_id).await?);
    }
    let planned = if opts.wants_plan() {
        Some(musrenbang::seed(&seeding_state, &opts.plan).await?)
    } else {
        None
    };
    if opts.wants("outbox") {
        let m = mail::throughput(&seeding_state, 5_000).await?;
        println!(
            "  outbox: {} notifications became email at {:.0}/s; sent to an SMTP server here at {:.0} emails/s",
            m.messages, m.fan_out_per_s, m.sent_per_s
        );
    }
    let seeding = started.elapsed();
    println!("  seeded in {:.1} s", seeding.as_secs_f64());
    if db.backend == app::db::Backend::Postgres {
        // Autovacuum, woken by the bulk load, would otherwise share the
        // cores with the first pages measured.
        let waited = Instant::now();
        while waited.elapsed() < Duration::from_secs(300) {
            let busy: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")
                    .fetch_one(&db.pool)
                    .await?;
            if busy == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        println!(
            "  waited {:.1} s for autovacuum to finish",
            waited.elapsed().as_secs_f64()
        );
    }
    db.pool.close().await;

    // The app as `server` runs it, with a fresh pool, plus the baseline page.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let options = LeptosOptions::builder()
        .output_name("rembuk")
        .site_root("target/site")
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    let config = Config {
        database_url: url.to_owned(),
        database_max_connections: server::config::from_env()?.database_max_connections,
        // The writes are still counted (that cost is measured); a few
        // thousand simulated residents on one address must not be refused.
        limits: app::server::limits::Limits::off(),
        ..Config::default()
    };
    let pool = config
        .database_max_connections
        .unwrap_or_else(|| app::db::pool_size(app::db::backend_of(url).unwrap_or(app::db::Backend::Sqlite)));
    println!("  serving with {pool} database connections");
    let starting = Instant::now();
    let state = server::state(config, options).await?;
    let router = server::router(state.clone());
    let start = starting.elapsed();
    println!("  server started in {:.3} s", start.as_secs_f64());
    let page: Arc<OnceLock<Bytes>> = Arc::new(OnceLock::new());
    let baseline = {
        let page = Arc::clone(&page);
        move || {
            let body = page.get().cloned().unwrap_or_default();
            async move { ([(CONTENT_TYPE, "text/html; charset=utf-8")], body) }
        }
    };
    // Added after the app's layers, so it skips them: the cost of HTTP alone.
    let app = router
        .route("/bench/static", get(baseline))
        .into_make_service_with_connect_info::<SocketAddr>();
    let serving = tokio::spawn(async move { axum::serve(listener, app).await });

    let sets = Seeds {
        seeded: &seeded,
        proposed: &proposed,
        complained: &complained,
        planned: planned.as_ref(),
    };
    let result = measure(addr, &state, &sets, &page, opts).await;
    let rss = rss_mb();
    serving.abort();
    let _ = serving.await;
    state.db.pool.close().await;
    Ok(Report {
        backend: name,
        seeding,
        import,
        start,
        rss_mb: rss,
        rows: result?,
    })
}

/// What the seeding made, for the pages to measure.
struct Seeds<'a> {
    seeded: &'a seed::Seeded,
    proposed: &'a proposals::Seeded,
    complained: &'a complaints::Seeded,
    planned: Option<&'a musrenbang::Seeded>,
}

async fn measure(
    addr: SocketAddr,
    state: &AppState,
    sets: &Seeds<'_>,
    page: &OnceLock<Bytes>,
    opts: &Options,
) -> Res<Vec<Row>> {
    let (seeded, proposed, complained) = (sets.seeded, sets.proposed, sets.complained);
    // (name, path, load-tested): a search nothing matches is timed once only,
    // as it can take seconds.
    let photo = |variant: &str| match &complained.photo {
        Some(key) => format!("/photos/{key}/{variant}.jpg"),
        None => "/photos/none".to_owned(),
    };
    let targets: [(&'static str, String, bool); 20] = [
        ("thread page", format!("/t/{}", seeded.thread_id), true),
        ("area page", format!("/area/{}", seeded.area_id), true),
        ("area + sub-areas", format!("/area/{}?sub=1", seeded.tree_id), true),
        ("search (common)", format!("/search?q={}", text::COMMON_WORD), true),
        ("search (rare)", format!("/search?q={}", text::RARE_WORD), true),
        ("search (no hits)", format!("/search?q={}", text::ABSENT_WORD), false),
        ("proposal list", "/proposals".to_owned(), true),
        ("area proposals", format!("/proposals?area={}", proposed.area_id), true),
        ("proposal page", format!("/proposals/{}", proposed.proposal_id), true),
        ("complaint list", "/complaints".to_owned(), true),
        (
            "complaint page",
            format!("/complaints/{}", complained.complaint_id),
            true,
        ),
        ("photo thumbnail", photo("t"), true),
        ("photo display", photo("d"), true),
        ("dashboard", "/dashboard".to_owned(), true),
        (
            "dashboard (area, year)",
            format!("/dashboard?kind=year&area={}", complained.area_id),
            true,
        ),
        ("home", "/".to_owned(), true),
        ("register", "/register".to_owned(), true),
        (
            "area search",
            "/areas/pick?to=/register&field=home_area_id&q=sukamaju".to_owned(),
            true,
        ),
        // What the picker's type-ahead asks as a person types.
        ("area type-ahead", "/api/search_areas?q=sukamaju".to_owned(), true),
        (
            "area step",
            format!("/areas/pick?to=/register&field=home_area_id&at={}", seeded.tree_id),
            true,
        ),
    ];
    // Pages for someone signed in (a seeded resident's session).
    let resident = proposed.supporters.first().cloned();
    // The thread, area and proposal pages are also asked for signed in:
    // rendered for each request (a visitor's may be sent as kept).
    let signed_in: [(&'static str, String); 8] = [
        ("home (signed in)", "/".into()),
        ("settings", "/settings".into()),
        ("new thread", "/new".into()),
        ("new proposal", "/proposals/new".into()),
        ("new complaint", "/complaints/new".into()),
        ("thread (signed in)", format!("/t/{}", seeded.thread_id)),
        ("area (signed in)", format!("/area/{}", seeded.area_id)),
        ("proposal (signed in)", format!("/proposals/{}", proposed.proposal_id)),
    ];
    // An area's admin page (its agencies, responsibilities and settings),
    // signed in as the demo's admin; not budgeted.
    let admin = (
        "admin area",
        format!("/admin/areas?area_id={}", seeded.tree_id),
        proposed.admin.is_some(),
        proposed.admin.clone(),
    );
    let targets = targets
        .into_iter()
        .map(|(n, p, l)| (n, p, l, None))
        .chain(
            signed_in
                .into_iter()
                .map(|(n, p)| (n, p, resident.is_some(), resident.clone())),
        )
        .chain(std::iter::once(admin))
        .chain(sets.planned.into_iter().flat_map(|p| {
            [
                ("cycle page", format!("/musrenbang/{}", p.cycle)),
                ("usulan list", format!("/musrenbang/{}/0/{}", p.cycle, p.village)),
                ("usulan page", format!("/usulan/{}", p.usulan_id)),
            ]
            .map(|(n, path)| (n, path, true, None))
        }));
    println!(
        "  proposal page: proposal {} ({} supports, 2 responses, a discussion); area proposals: area {} ({} proposals in and below it)",
        proposed.proposal_id,
        proposals::TARGET_SUPPORTS,
        proposed.area_id,
        proposed.area_proposals
    );
    println!(
        "  thread page: thread {} ({} replies); area page: area {} ({} threads); with sub-areas: area {} ({} threads)",
        seeded.thread_id,
        seed::TARGET_REPLIES,
        seeded.area_id,
        seeded.area_threads,
        seeded.tree_id,
        seeded.tree_threads
    );
    let mut rows = Vec::new();
    for (name, path, load, cookie) in targets {
        let started = Instant::now();
        let (status, body) = load::fetch(addr, &path, cookie.as_deref()).await?;
        let first_ms = started.elapsed().as_secs_f64() * 1000.0;
        if status != 200 {
            println!("  {name}: {path} answered {status}; not measured");
        }
        rows.push(Row {
            name,
            path,
            load: load && status == 200 && opts.wants(name),
            cookie,
            status,
            first_ms,
            body,
            stats: None,
            others: None,
        });
    }
    // The baseline has the thread page's size (the area page's while there
    // is no thread page).
    let model = rows.iter().find(|r| r.status == 200).ok_or("no page answered 200")?;
    if model.name != "thread page" {
        println!(
            "  baseline: the size of the {} (the thread page did not answer)",
            model.name
        );
    } else if !String::from_utf8_lossy(&model.body).contains("#r50") {
        println!("  warning: the thread page does not link reply #50: is the first page of replies complete?");
    }
    let body = model.body.clone();
    let _ = page.set(body.clone());
    rows.push(Row {
        name: "static baseline",
        path: "/bench/static".to_owned(),
        load: true,
        cookie: None,
        status: 200,
        first_ms: 0.0,
        body,
        stats: None,
        others: None,
    });
    for row in rows.iter_mut() {
        if !row.load {
            if row.status == 200 {
                println!("  {:<16} one request alone: {:.2} ms", row.name, row.first_ms);
            }
            continue;
        }
        let before = cpu::sample();
        let s = load::run(
            addr,
            &row.path,
            row.cookie.as_deref(),
            opts.connections,
            Duration::from_secs(opts.warmup),
            Duration::from_secs(opts.seconds),
        )
        .await?;
        row.others = before.zip(cpu::sample()).map(|(a, b)| cpu::others(&a, &b));
        println!(
            "  {:<16} {:>9.1} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  ({} requests; other processes: {})",
            row.name,
            s.per_second,
            s.p50_ms,
            s.p99_ms,
            s.requests,
            report::share(row.others)
        );
        row.stats = Some(s);
    }
    // Supports: every request a write, on the open proposals of one city;
    // then again with every resident subscribed by email.
    for subscribed in [false, true] {
        let name = if subscribed {
            "support POST, all subscribed"
        } else {
            "support POST"
        };
        if !opts.wants(name) {
            continue;
        }
        if subscribed {
            mail::subscribe_everyone(state).await?;
        }
        rows.push(
            post_test(
                addr,
                name,
                ("support", "support"),
                &proposed.supporters,
                &proposed.open,
                opts,
            )
            .await?,
        );
    }
    if let Some(p) = sets.planned.filter(|_| opts.wants("ballot POST")) {
        rows.push(
            post_test(
                addr,
                "ballot POST",
                ("approve_usulan", "approve"),
                &p.voters,
                &p.ids,
                opts,
            )
            .await?,
        );
    }
    if let Some(p) = sets.planned {
        println!(
            "  musrenbang count: the whole kelurahan tier, both rules, in {:.2} s (budget 2 s)",
            p.count_s
        );
    }
    Ok(rows)
}

/// A write test: each connection, as its own person, sets then clears
/// something (`field` = 1, then 0) through server function `endpoint`.
async fn post_test(
    addr: SocketAddr,
    name: &'static str,
    (endpoint, field): (&str, &str),
    cookies: &[String],
    ids: &[i64],
    opts: &Options,
) -> Res<Row> {
    let before = cpu::sample();
    let s = load::run_toggles(
        addr,
        (endpoint, field),
        cookies,
        ids,
        opts.connections,
        Duration::from_secs(opts.warmup),
        Duration::from_secs(opts.seconds),
    )
    .await?;
    let others = before.zip(cpu::sample()).map(|(a, b)| cpu::others(&a, &b));
    println!(
        "  {:<16} {:>9.1} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  ({} requests; other processes: {})",
        name,
        s.per_second,
        s.p50_ms,
        s.p99_ms,
        s.requests,
        report::share(others)
    );
    Ok(Row {
        name,
        path: format!("/api/{endpoint}"),
        load: true,
        cookie: None,
        status: 200,
        first_ms: 0.0,
        body: Bytes::new(),
        stats: Some(s),
        others,
    })
}
