//! The load generator: a fixed number of keep-alive HTTP/1.1 connections,
//! each sending one GET (or support POST) after another and timing every
//! response in full. A path under `/api/` is a server function, called as
//! the browser calls it: a POST with the query string as its form.
use crate::Res;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::{ACCEPT, CONTENT_TYPE, COOKIE, HOST, ORIGIN, USER_AGENT};
use hyper::Request;
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;

/// Asked for like a browser asks for a page, but without `Accept-Encoding`:
/// this measures the app, not gzip.
const ACCEPT_HTML: &str = "text/html,application/xhtml+xml";

pub struct Stats {
    pub requests: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

async fn connect(addr: SocketAddr) -> Res<Sender> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        if let Err(e) = conn.await {
            eprintln!("bench: connection error: {e}");
        }
    });
    Ok(sender)
}

/// One request on an open connection: status and body.
async fn get(sender: &mut Sender, addr: SocketAddr, path: &str, cookie: Option<&str>) -> Res<(u16, Bytes)> {
    sender.ready().await?;
    let (mut req, body) = match path.starts_with("/api/").then(|| path.split_once('?')).flatten() {
        Some((endpoint, form)) => (
            Request::post(endpoint)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(ORIGIN, format!("http://{addr}"))
                .header(ACCEPT, "application/json"),
            Bytes::from(form.to_owned()),
        ),
        None => (Request::get(path).header(ACCEPT, ACCEPT_HTML), Bytes::new()),
    };
    req = req.header(HOST, addr.to_string()).header(USER_AGENT, "rembuk-bench");
    if let Some(c) = cookie {
        req = req.header(COOKIE, c);
    }
    let req = req.body(Full::new(body))?;
    let res = sender.send_request(req).await?;
    let status = res.status().as_u16();
    let body = res.into_body().collect().await?.to_bytes();
    Ok((status, body))
}

/// A single request on a fresh connection (signed in with `cookie`).
pub async fn fetch(addr: SocketAddr, path: &str, cookie: Option<&str>) -> Res<(u16, Bytes)> {
    let mut sender = connect(addr).await?;
    get(&mut sender, addr, path, cookie).await
}

/// Latencies (µs) of the requests one connection started inside the
/// measured window.
async fn connection(
    addr: SocketAddr,
    path: String,
    cookie: Option<String>,
    measure_from: Instant,
    until: Instant,
) -> Res<Vec<u32>> {
    let mut sender = connect(addr).await?;
    let mut latencies = Vec::with_capacity(4096);
    loop {
        let start = Instant::now();
        if start >= until {
            break;
        }
        let (status, _) = get(&mut sender, addr, &path, cookie.as_deref()).await?;
        let took = start.elapsed();
        if status != 200 {
            return Err(format!("GET {path} answered {status} under load").into());
        }
        if start >= measure_from {
            latencies.push(took.as_micros().min(u32::MAX as u128) as u32);
        }
    }
    Ok(latencies)
}

/// `connections` connections request `path` for `warmup` (not counted) and
/// then `measure`.
pub async fn run(
    addr: SocketAddr,
    path: &str,
    cookie: Option<&str>,
    connections: usize,
    warmup: Duration,
    measure: Duration,
) -> Res<Stats> {
    let measure_from = Instant::now() + warmup;
    let until = measure_from + measure;
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            tokio::spawn(connection(
                addr,
                path.to_owned(),
                cookie.map(str::to_owned),
                measure_from,
                until,
            ))
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    Ok(stats(all, measure))
}

/// The support POST test: connection `i` signs in as `cookies[i]` and, in
/// turn, supports and withdraws its support from `proposals[(i + k) % n]`,
/// as the hydrated page calls the server function. Every request is a
/// write; any answer but 200 is an error.
/// POSTs to server function `endpoint` that set (`field`=1) then clear
/// (`field`=0) something of item `id`, each connection as its own person.
pub async fn run_toggles(
    addr: SocketAddr,
    (endpoint, field): (&str, &str),
    cookies: &[String],
    proposals: &[i64],
    connections: usize,
    warmup: Duration,
    measure: Duration,
) -> Res<Stats> {
    if cookies.is_empty() || proposals.is_empty() {
        return Err("no supporters or proposals to support".into());
    }
    let measure_from = Instant::now() + warmup;
    let until = measure_from + measure;
    let origin = format!("http://{addr}");
    let tasks: Vec<_> = (0..connections.min(cookies.len()))
        .map(|i| {
            let cookie = cookies[i].clone();
            let proposals = proposals.to_vec();
            let origin = origin.clone();
            let (path, field) = (format!("/api/{endpoint}"), field.to_owned());
            tokio::spawn(async move {
                let stream = TcpStream::connect(addr).await?;
                stream.set_nodelay(true)?;
                let (mut sender, conn) =
                    hyper::client::conn::http1::handshake::<_, Full<Bytes>>(TokioIo::new(stream)).await?;
                tokio::spawn(conn);
                let mut latencies = Vec::with_capacity(4096);
                let mut k = 0usize;
                loop {
                    let start = Instant::now();
                    // Time is up once a support is withdrawn: every
                    // connection leaves what it found (a second run starts
                    // clean).
                    if start >= until && k.is_multiple_of(2) {
                        break;
                    }
                    let id = proposals[(i + k / 2) % proposals.len()];
                    let on = if k.is_multiple_of(2) { 1 } else { 0 };
                    k += 1;
                    sender.ready().await?;
                    let req = Request::post(path.as_str())
                        .header(HOST, addr.to_string())
                        .header(ORIGIN, origin.as_str())
                        .header(COOKIE, cookie.as_str())
                        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .header(ACCEPT, "application/json")
                        .header(USER_AGENT, "rembuk-bench")
                        .body(Full::new(Bytes::from(format!("id={id}&{field}={on}"))))?;
                    let res = sender.send_request(req).await?;
                    let status = res.status().as_u16();
                    let body = res.into_body().collect().await?.to_bytes();
                    if status != 200 {
                        return Err::<Vec<u32>, Box<dyn std::error::Error + Send + Sync>>(
                            format!(
                                "POST {path} (id={id}, {field}={on}) answered {status}: {}",
                                String::from_utf8_lossy(&body)
                            )
                            .into(),
                        );
                    }
                    if start >= measure_from && start < until {
                        latencies.push(start.elapsed().as_micros().min(u32::MAX as u128) as u32);
                    }
                }
                Ok(latencies)
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    Ok(stats(all, measure))
}

fn stats(mut all: Vec<u32>, measure: Duration) -> Stats {
    all.sort_unstable();
    let at = |q: f64| -> f64 {
        if all.is_empty() {
            return f64::NAN;
        }
        let i = ((all.len() as f64 * q).ceil() as usize).clamp(1, all.len()) - 1;
        all[i] as f64 / 1000.0
    };
    Stats {
        requests: all.len(),
        per_second: all.len() as f64 / measure.as_secs_f64(),
        p50_ms: at(0.50),
        p99_ms: at(0.99),
    }
}
