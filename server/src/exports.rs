//! The decision record as JSON and CSV, streamed in keyset-paged batches so
//! an export of any size holds one batch in memory. Filters: `area` (that
//! area and the areas below it), `agency`.
use app::server::record::{self, corrections};
use app::server::{areas, AppState};
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

const BATCH: i64 = 500;

#[derive(Deserialize, Default)]
pub struct Params {
    #[serde(default)]
    area: String,
    #[serde(default)]
    agency: String,
}

/// The filter, or a 404 for an area that does not exist; malformed numbers
/// are ignored as a missing filter.
async fn filter(state: &AppState, p: &Params) -> Result<record::Filter, Response> {
    let mut f = record::Filter::default();
    if let Ok(area) = p.area.trim().parse::<i64>() {
        match areas::path(state, area).await {
            Ok(Some(path)) => f.area_path = Some(path),
            Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
            Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        }
    }
    f.agency_id = p.agency.trim().parse::<i64>().ok();
    Ok(f)
}

/// One entry as a JSON object. `content` is the canonical JSON text the
/// hash covers, as a string: hash it as it is. `corrected_by` lists the
/// seqs of later `correction` entries about this one (outside the hash: the
/// entry itself never changes).
fn json_entry(e: &record::Entry, corrected_by: &[i64]) -> String {
    serde_json::json!({
        "seq": e.seq,
        "at": record::utc(e.created_at),
        "subject": e.subject,
        "subject_id": e.subject_id,
        "event": e.event,
        "area_id": e.area_id,
        "agency_id": e.agency_id,
        "content": e.content,
        "prev_hash": e.prev_hash,
        "hash": e.hash,
        "corrected_by": corrected_by,
    })
    .to_string()
}

/// A CSV field, quoted when it must be (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn csv_entry(e: &record::Entry, corrected_by: &[i64]) -> String {
    let fields = [
        e.seq.to_string(),
        record::utc(e.created_at),
        e.subject.clone(),
        e.subject_id.to_string(),
        e.event.clone(),
        e.area_id.to_string(),
        e.agency_id.map(|a| a.to_string()).unwrap_or_default(),
        e.prev_hash.clone(),
        e.hash.clone(),
        e.content.clone(),
        corrected_by.iter().map(i64::to_string).collect::<Vec<_>>().join(" "),
    ];
    let mut line = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

enum Format {
    Json,
    Csv,
}

fn stream(state: AppState, f: record::Filter, format: Format) -> Body {
    // (after, first batch?, done?)
    let start = (0_i64, true, false);
    let chunks = futures_util::stream::unfold(start, move |(after, first, done)| {
        let state = state.clone();
        let f = f.clone();
        let json = matches!(format, Format::Json);
        async move {
            if done {
                return None;
            }
            let mut out = String::new();
            if first {
                out.push_str(if json {
                    "[\n"
                } else {
                    "seq,at,subject,subject_id,event,area_id,agency_id,prev_hash,hash,content,corrected_by\r\n"
                });
            }
            let entries = match record::page(&state.db, &f, after, BATCH).await {
                Ok(e) => e,
                Err(_) => {
                    return Some((
                        Err(std::io::Error::other("the record could not be read")),
                        (after, false, true),
                    ))
                }
            };
            let seqs: Vec<i64> = entries.iter().map(|e| e.seq).collect();
            let corrected = match state.db.pool.acquire().await {
                Ok(mut conn) => corrections::corrected_by(&mut conn, &seqs).await,
                Err(e) => Err(e.into()),
            };
            let corrected = match corrected {
                Ok(c) => c,
                Err(_) => {
                    return Some((
                        Err(std::io::Error::other("the record could not be read")),
                        (after, false, true),
                    ))
                }
            };
            for (i, e) in entries.iter().enumerate() {
                let by = corrected.get(&e.seq).map(Vec::as_slice).unwrap_or_default();
                if json {
                    if !(first && i == 0) {
                        out.push_str(",\n");
                    }
                    out.push_str(&json_entry(e, by));
                } else {
                    out.push_str(&csv_entry(e, by));
                }
            }
            let last = entries.last().map(|e| e.seq);
            let finished = (entries.len() as i64) < BATCH;
            if finished && json {
                out.push_str(if first && entries.is_empty() { "]\n" } else { "\n]\n" });
            }
            let next = (last.unwrap_or(after), false, finished);
            Some((Ok::<_, std::io::Error>(out), next))
        }
    });
    // Fused: the compression layer may poll once more after the end.
    Body::from_stream(futures_util::StreamExt::fuse(chunks))
}

pub async fn json(State(state): State<AppState>, Query(p): Query<Params>) -> Response {
    match filter(&state, &p).await {
        Ok(f) => (
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            stream(state, f, Format::Json),
        )
            .into_response(),
        Err(r) => r,
    }
}

pub async fn csv(State(state): State<AppState>, Query(p): Query<Params>) -> Response {
    match filter(&state, &p).await {
        Ok(f) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"rembuk-record.csv\"",
                ),
            ],
            stream(state, f, Format::Csv),
        )
            .into_response(),
        Err(r) => r,
    }
}

/// The dashboard's query string (as the page's links carry it).
#[derive(Deserialize, Default)]
pub struct DashboardParams {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    agency: String,
}

/// The public figures of one dashboard view as rows: the total, each
/// agency, each area below. (Officers' own figures are not exported.)
async fn dashboard_rows(
    state: &AppState,
    p: &DashboardParams,
) -> Result<(String, Vec<(&'static str, app::model::Figures)>), Response> {
    use app::server::{dashboard, time};
    let now = time::now();
    let number = |s: &str| s.trim().parse::<i64>().ok().filter(|n| *n > 0);
    use app::domain::ids::{AgencyId, AreaId};
    let (area, agency) = (number(&p.area).map(AreaId), number(&p.agency).map(AgencyId));
    let q = dashboard::Query::parse(&p.kind, &p.period, area, agency, now);
    let page = dashboard::page(state, app::model::Lang::Id, None, q, now)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
    let mut rows = vec![("total", page.total)];
    rows.extend(page.by_agency.into_iter().map(|f| ("agency", f)));
    rows.extend(page.by_area.into_iter().map(|f| ("area", f)));
    Ok((page.period, rows))
}

const DASHBOARD_COLUMNS: [&str; 15] = [
    "period",
    "scope",
    "id",
    "name",
    "received",
    "answered",
    "overdue",
    "reopened",
    "escalated",
    "median_hours",
    "p90_hours",
    "on_time_pct",
    "ikm",
    "grade",
    "ratings",
];

pub async fn dashboard_csv(State(state): State<AppState>, Query(p): Query<DashboardParams>) -> Response {
    let (period, rows) = match dashboard_rows(&state, &p).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let opt = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let mut out = DASHBOARD_COLUMNS.join(",");
    for i in 1..=9 {
        out.push_str(&format!(",u{i}"));
    }
    out.push_str("\r\n");
    for (scope, f) in rows {
        let mut fields = vec![
            period.clone(),
            scope.to_owned(),
            f.id.to_string(),
            f.label.clone(),
            f.received.to_string(),
            f.answered.to_string(),
            f.overdue.to_string(),
            f.reopened.to_string(),
            f.escalated.to_string(),
            opt(f.median_hours),
            opt(f.p90_hours),
            opt(f.on_time_pct),
            opt(f.ikm),
            f.grade.clone().unwrap_or_default(),
            f.ratings.to_string(),
        ];
        fields.extend((0..9).map(|i| f.elements.get(i).map(|e| e.to_string()).unwrap_or_default()));
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"rembuk-dashboard.csv\"",
            ),
        ],
        out,
    )
        .into_response()
}

pub async fn dashboard_json(State(state): State<AppState>, Query(p): Query<DashboardParams>) -> Response {
    let (period, rows) = match dashboard_rows(&state, &p).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let rows: Vec<serde_json::Value> = rows
        .into_iter()
        .map(|(scope, f)| {
            serde_json::json!({
                "scope": scope,
                "id": f.id,
                "name": f.label,
                "received": f.received,
                "answered": f.answered,
                "overdue": f.overdue,
                "reopened": f.reopened,
                "escalated": f.escalated,
                "median_hours": f.median_hours,
                "p90_hours": f.p90_hours,
                "on_time_pct": f.on_time_pct,
                "ikm": f.ikm,
                "grade": f.grade,
                "ratings": f.ratings,
                "elements": f.elements,
            })
        })
        .collect();
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        serde_json::json!({ "period": period, "rows": rows }).to_string(),
    )
        .into_response()
}
