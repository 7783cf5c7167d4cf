//! `server` — runs Rembuk, or does one administrative task and exits.
use app::db::Db;
use app::server::seed;
use std::io::BufRead;
use std::process::ExitCode;

const HELP: &str = "\
Rembuk — public discussion and participatory planning for local government

USAGE:
    server [serve] [--demo]        Serve the site (default). --demo loads the demo
                                   data (and demo accounts with a published password)
                                   once into a database that has no people yet, and
                                   every page then says it is a demo site. Without
                                   --demo no account is ever created: make the first
                                   admin with create-admin.
    server create-admin USERNAME   Make USERNAME an admin, creating the account if it
                                   does not exist (then DISPLAY NAME and AREA, an id or
                                   an official code such as 51.71.03.1005, are asked
                                   for). The password is read from the environment
                                   variable REMBUK_ADMIN_PASSWORD or the first line of
                                   standard input.
    server import-areas [--dir DIR] [--only CODE]
                                   Load Indonesia's official areas (Kemendagri codes:
                                   provinces, kabupaten/kota, kecamatan, desa/kelurahan)
                                   from the idn-area-data CSVs that scripts/setup puts
                                   in DIR [data/idn-area-data-4.0.1]. --only 51.71 loads
                                   one area with its ancestors and all below it. Safe to
                                   run again: names are updated by code, new areas
                                   added, areas gone from the list kept but inactive.
                                   One transaction: all or nothing.
    server migrate                 Apply database migrations and exit.
    server verify-record           Check the decision record's hash chain from its
                                   first entry; names the first broken entry and
                                   exits with status 1 if there is one.
    server --help                  Show this text.

ENVIRONMENT (defaults in brackets):
    DATABASE_URL                   sqlite://data/rembuk.db or postgres://user:pass@host/db
                                   [sqlite://data/rembuk.db]
    LEPTOS_SITE_ADDR               address to listen on [127.0.0.1:3000]
    LEPTOS_SITE_ROOT               folder with the built site assets [target/site]
    REMBUK_COOKIE_SECURE           1 when serving over https: cookies are Secure and
                                   named __Host-..., responses carry HSTS [0]
    REMBUK_TRUST_PROXY             number of proxies in front that append to
                                   X-Forwarded-For (and set X-Forwarded-Proto); the
                                   client is the entry that many places from the
                                   right, entries left of it are ignored [0]
    REMBUK_SESSION_DAYS            how long a sign-in lasts [30]
    REMBUK_SESSION_IDLE_DAYS       a sign-in unused this long ends (0: never) [7]
    REMBUK_SIGNIN_MAX_FAILURES     wrong passwords per account from one client address
                                   before each further try waits 1, 2, 4... minutes [5]
    REMBUK_SIGNIN_MAX_FAILURES_PER_CLIENT  wrong passwords per client address per
                                   window, any account [30]
    REMBUK_SIGNIN_THROTTLE_MINUTES that window, and the longest wait [15]
    REMBUK_LIMIT_*                 write rate limits (README: Rate limits), and:
    REMBUK_LIMIT_SEARCHES          searches per client address per window [300]
    REMBUK_LIMIT_EXPORTS           /record.json and /record.csv per client address
                                   per window [30]
    REMBUK_LIMIT_FLASHES           failed no-JavaScript forms kept per client address
                                   per window [200]
    REMBUK_SMTP_URL                where email leaves: smtps://user:pass@host or
                                   smtp://user:pass@host?tls=required; unset, it
                                   waits in the outbox []
    REMBUK_MAIL_FROM               sender of every email [Rembuk <rembuk@localhost>]
    REMBUK_PUBLIC_URL              the site's address, for links in email
                                   [http://127.0.0.1:3000]
    REMBUK_EMAIL_LINK_HOURS        how long an address confirmation link stays good [48]
    REMBUK_RESET_MINUTES           how long a password reset link stays good [60]
    REMBUK_DIGEST_HOUR             local hour (home area's zone) daily digests go out [7]
    REMBUK_PHOTO_DIR               keep photos as files in this folder instead of the
                                   database []
    REMBUK_MAP_TILES               map tiles for picking a point, as
                                   https://host/{z}/{x}/{y}.png, or off
                                   [https://tile.openstreetmap.org/{z}/{x}/{y}.png]
    REMBUK_MAP_ATTRIBUTION         the tiles' credit shown on the map
                                   [© OpenStreetMap contributors]
    RUST_LOG                       log filter [info]
    REMBUK_LOG_FORMAT              json for JSON lines, else human-readable [text]
";

fn init_logging() {
    use tracing_subscriber::{fmt, EnvFilter};
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    if std::env::var("REMBUK_LOG_FORMAT").as_deref() == Ok("json") {
        fmt().with_env_filter(filter).json().init();
    } else {
        fmt().with_env_filter(filter).init();
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h" || a == "help") {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    init_logging();
    let result = match args.first().map(String::as_str) {
        None | Some("serve") | Some("--demo") => serve(args.iter().any(|a| a == "--demo")).await,
        Some("create-admin") => create_admin(args.get(1).cloned()).await,
        Some("import-areas") => import_areas(&args[1..]).await,
        Some("migrate") => migrate().await,
        Some("verify-record") => verify_record().await,
        Some(other) => Err(format!("unknown command {other:?}; see server --help")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(demo: bool) -> Result<(), String> {
    let config = server::config::from_env()?;
    // A mistyped mail server is said at once, not found out from missing mail.
    if app::server::mail::Mailer::from_config(&config)?.is_none() {
        tracing::info!("REMBUK_SMTP_URL is not set: email waits in the outbox");
    }
    let options = server::config::leptos_options()?;
    let addr = options.site_addr;
    let state = server::state(config, options)
        .await
        .map_err(|e| format!("database: {e}"))?;
    if demo {
        match seed::demo(&state).await.map_err(|e| format!("demo data: {e}"))? {
            seed::Outcome::Loaded => tracing::info!(
                "demo data loaded (password for every demo account: {})",
                seed::DEMO_PASSWORD
            ),
            seed::Outcome::AlreadyLoaded => tracing::info!("demo data already present"),
            seed::Outcome::Refused => {
                tracing::warn!("database already holds people: demo data NOT loaded")
            }
        }
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    server::serve(listener, state).await.map_err(|e| e.to_string())
}

/// Where scripts/setup puts the official list.
const AREAS_DIR: &str = "data/idn-area-data-4.0.1";

async fn import_areas(args: &[String]) -> Result<(), String> {
    let (mut dir, mut only) = (AREAS_DIR.to_owned(), None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--dir" => dir = it.next().ok_or("--dir needs a folder")?.clone(),
            "--only" => only = Some(it.next().ok_or("--only needs an area code such as 51.71")?.clone()),
            other => return Err(format!("unknown option {other:?}; see server --help")),
        }
    }
    let lang = match std::env::var("LANG") {
        Ok(l) if l.starts_with("en") => app::model::Lang::En,
        _ => app::model::Lang::Id,
    };
    let started = std::time::Instant::now();
    let list = app::server::area_import::read_list(std::path::Path::new(&dir), only.as_deref())
        .map_err(|e| app::i18n::areas::list_error(lang, &e))?;
    let config = server::config::from_env()?;
    let db = Db::connect(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    let report = app::server::area_import::import(&db, &list, only.as_deref())
        .await
        .map_err(|e| format!("import: {e:?} (nothing was changed)"))?;
    println!(
        "{} areas read; {report} ({:.1} s)",
        list.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn migrate() -> Result<(), String> {
    let config = server::config::from_env()?;
    Db::connect(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    println!("migrations applied");
    Ok(())
}

async fn verify_record() -> Result<(), String> {
    let config = server::config::from_env()?;
    let db = Db::connect(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    match app::server::record::verify(&db)
        .await
        .map_err(|e| format!("database: {e:?}"))?
    {
        Ok(n) => {
            println!("decision record verified: {n} entries, chain intact");
            Ok(())
        }
        Err(b) => Err(format!("decision record broken at entry {}: {}", b.seq, b.reason)),
    }
}

fn read_line(prompt: &str) -> Result<String, String> {
    eprint!("{prompt}");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn create_admin(username: Option<String>) -> Result<(), String> {
    let username = username.ok_or("usage: server create-admin USERNAME")?;
    let config = server::config::from_env()?;
    let db = Db::connect(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    let outcome = app::server::users::make_admin(&db, &username, || {
        let password = match std::env::var("REMBUK_ADMIN_PASSWORD") {
            Ok(p) => p,
            Err(_) => read_line("password: ")?,
        };
        let display = read_line("display name: ")?;
        let area = read_line("home area (id or code, e.g. 51.71.03.1005): ")?;
        Ok((password, display, area))
    })
    .await?;
    println!("{outcome}");
    Ok(())
}
