//! A Musrenbang area's result at a tier as CSV, JSON and Pabulib (`.pb`,
//! the open format of participatory budgeting data, pabulib.org): only once
//! its ballots are counted. Ballots go out without voter identities: each
//! is numbered after sorting the ballots by their content, and only where
//! at least [`MIN_VOTERS`] voted (fewer could single a person out).
use app::db::musrenbang as rows;
use app::domain::ids::{AreaId, CycleId};
use app::server::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

pub const MIN_VOTERS: usize = 10;

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// A Pabulib field: `;` separates fields, so it cannot appear in one.
fn pb_field(s: &str) -> String {
    s.replace([';', '\n', '\r'], " ")
}

fn opt(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// `/musrenbang-data/{cycle}/{tier}/{area}.{csv|json|pb}`
pub async fn area(State(st): State<AppState>, Path((cycle, tier, file)): Path<(i64, i64, String)>) -> Response {
    match build(&st, cycle, tier, &file).await {
        Ok(Some((kind, body))) => ([(header::CONTENT_TYPE, kind)], body).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!("musrenbang export: {e:?}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn build(
    st: &AppState,
    cycle: i64,
    tier: i64,
    file: &str,
) -> Result<Option<(&'static str, String)>, app::error::AppError> {
    let Some((area, ext)) = file.split_once('.') else {
        return Ok(None);
    };
    let Ok(area) = area.parse::<i64>() else { return Ok(None) };
    let (cycle, area) = (CycleId(cycle), AreaId(area));
    let Some(c) = rows::cycle(&st.db, cycle).await? else {
        return Ok(None);
    };
    let stages = rows::stages(&st.db, cycle).await?;
    let Some(stage) = stages.iter().find(|s| s.tier == tier && s.counted_at.is_some()) else {
        return Ok(None);
    };
    let Some(pa) = rows::plan_area(&st.db, cycle, tier, area).await? else {
        return Ok(None);
    };
    let ceiling = pa.ceiling.unwrap_or(stage.ceiling);
    let mut conn = st.db.pool.acquire().await?;
    let here = rows::all_in_area(&mut conn, cycle, tier, area).await?;
    let decided = if c.rule == "greedy" {
        |t: &rows::AtTier| t.greedy_rank
    } else {
        |t: &rows::AtTier| t.shares_rank
    };
    Ok(Some(match ext {
        "csv" => {
            let mut out = String::from(
                "usulan_id,title,cost,verdict,approvals,greedy_rank,equal_shares_rank,outcome,position,reason\r\n",
            );
            for t in &here {
                let fields = [
                    t.usulan_id.0.to_string(),
                    csv_field(&t.title),
                    t.cost.to_string(),
                    t.verdict.clone().unwrap_or_default(),
                    t.approvals.to_string(),
                    opt(t.greedy_rank),
                    opt(t.shares_rank),
                    t.outcome.clone().unwrap_or_default(),
                    opt(t.position),
                    csv_field(t.reason.as_deref().unwrap_or("")),
                ];
                out.push_str(&fields.join(","));
                out.push_str("\r\n");
            }
            ("text/csv; charset=utf-8", out)
        }
        "json" => {
            let usulan: Vec<serde_json::Value> = here
                .iter()
                .map(|t| {
                    serde_json::json!({
                        "usulan_id": t.usulan_id.0, "title": t.title, "cost": t.cost, "verdict": t.verdict,
                        "approvals": t.approvals, "greedy_rank": t.greedy_rank, "equal_shares_rank": t.shares_rank,
                        "outcome": t.outcome, "position": t.position, "reason": t.reason,
                    })
                })
                .collect();
            let body = serde_json::json!({
                "cycle": cycle.0, "kota": c.area_name, "year": c.year, "tier": tier, "area_id": area.0,
                "area": pa.area_name, "ceiling": ceiling, "rule": c.rule, "voters": pa.voters,
                "confirmed": pa.confirmed_at.is_some(), "usulan": usulan,
            });
            ("application/json", body.to_string())
        }
        "pb" => {
            let approvals = rows::approvals_in_area(&mut conn, cycle, tier, area).await?;
            let mut ballots: Vec<Vec<i64>> = Vec::new();
            let mut last = None;
            for (user, usulan) in approvals {
                if last != Some(user) {
                    ballots.push(Vec::new());
                    last = Some(user);
                }
                if let Some(b) = ballots.last_mut() {
                    b.push(usulan.0);
                }
            }
            ballots.sort();
            let shown = ballots.len() >= MIN_VOTERS;
            let mut out = String::from("META\nkey;value\n");
            let meta = [
                (
                    "description",
                    format!("Musrenbang {} {}, {}", c.area_name, c.year, pa.area_name),
                ),
                ("country", "Indonesia".into()),
                ("unit", pb_field(&pa.area_name)),
                ("instance", c.year.to_string()),
                ("num_projects", here.len().to_string()),
                ("num_votes", if shown { ballots.len() } else { 0 }.to_string()),
                ("budget", ceiling.to_string()),
                ("vote_type", "approval".into()),
                ("rule", if c.rule == "greedy" { "greedy" } else { "equalshares" }.into()),
                ("currency", "IDR".into()),
                ("language", "id".into()),
            ];
            for (k, v) in meta {
                out.push_str(&format!("{k};{}\n", pb_field(&v)));
            }
            out.push_str("PROJECTS\nproject_id;cost;votes;name;selected\n");
            for t in &here {
                let selected = u8::from(decided(t).is_some());
                out.push_str(&format!(
                    "{};{};{};{};{selected}\n",
                    t.usulan_id.0,
                    t.cost,
                    t.approvals,
                    pb_field(&t.title)
                ));
            }
            out.push_str("VOTES\nvoter_id;vote\n");
            if shown {
                for (i, b) in ballots.iter().enumerate() {
                    let vote: Vec<String> = b.iter().map(i64::to_string).collect();
                    out.push_str(&format!("{};{}\n", i + 1, vote.join(",")));
                }
            }
            ("text/plain; charset=utf-8", out)
        }
        _ => return Ok(None),
    }))
}
