//! The accountability dashboard: what each agency received, answered and
//! how fast, and how residents rated it. Figures live in `dashboard_cells`,
//! kept in the same transaction as the write that changes them (an item
//! received, its first official response, a rating) or, for deadlines that
//! pass with nobody writing, by [`sweep`] once a minute; the page only reads
//! rows. A cell is one period (month, quarter, year) and one scope: an
//! agency (0: all), an area with the areas below it (0: all), an officer
//! (0: not per officer).
use super::forums::path_end;
use super::{areas, skm, time};
use crate::db::Db;
use crate::error::AppResult;
use crate::model::{AgencySummary, DashboardPage, Figures, Lang, Me, Role, TrendPoint};
use sqlx::FromRow;

/// The periods an item of `month` (`2026-11`) counts in: the month, its
/// quarter (`2026-Q4`) and its year.
pub fn periods(month: &str) -> [String; 3] {
    let year = month.get(..4).unwrap_or("1970");
    let m: u32 = month.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    [month.to_owned(), format!("{year}-Q{}", m.div_ceil(3)), year.to_owned()]
}

/// The first and last month of a period, for range filters on `month`.
pub fn months_of(period: &str) -> Option<(String, String)> {
    let year = period.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    match period.len() {
        4 => Some((format!("{year}-01"), format!("{year}-12"))),
        7 if period.as_bytes()[4] == b'-' && period.as_bytes()[5] == b'Q' => {
            let q: u32 = period[6..].parse().ok().filter(|q| (1..=4).contains(q))?;
            Some((format!("{year}-{:02}", q * 3 - 2), format!("{year}-{:02}", q * 3)))
        }
        7 if period.as_bytes()[4] == b'-' => {
            let m: u32 = period[5..].parse().ok().filter(|m| (1..=12).contains(m))?;
            Some((period.to_owned(), format!("{year}-{m:02}")))
        }
        _ => None,
    }
}

/// The month (`2026-11`) a time falls in, in the zone.
pub fn month_of(at: i64, zone: &str) -> String {
    time::iso_date(at, zone)[..7].to_owned()
}

/// What one write adds to a cell.
#[derive(Default, Clone, Copy)]
pub struct Delta {
    pub received: i64,
    pub answered: i64,
    pub on_time: i64,
    pub overdue: i64,
    pub ratings: i64,
    pub sums: [i64; skm::ELEMENTS],
}

/// Adds `d` to a cell, creating it.
async fn bump(
    conn: &mut sqlx::AnyConnection,
    period: &str,
    agency: i64,
    area: i64,
    officer: i64,
    d: &Delta,
) -> AppResult<()> {
    let mut q = sqlx::query(
        "INSERT INTO dashboard_cells (period, agency_id, area_id, officer_id, received, answered, on_time, overdue, \
         ratings, s1, s2, s3, s4, s5, s6, s7, s8, s9, dirty) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
         CASE WHEN $6 <> 0 THEN 1 ELSE 0 END) \
         ON CONFLICT (period, area_id, agency_id, officer_id) DO UPDATE SET \
         dirty = CASE WHEN excluded.answered <> 0 THEN 1 ELSE dashboard_cells.dirty END, \
         received = dashboard_cells.received + excluded.received, \
         answered = dashboard_cells.answered + excluded.answered, \
         on_time = dashboard_cells.on_time + excluded.on_time, \
         overdue = dashboard_cells.overdue + excluded.overdue, \
         ratings = dashboard_cells.ratings + excluded.ratings, \
         s1 = dashboard_cells.s1 + excluded.s1, s2 = dashboard_cells.s2 + excluded.s2, \
         s3 = dashboard_cells.s3 + excluded.s3, s4 = dashboard_cells.s4 + excluded.s4, \
         s5 = dashboard_cells.s5 + excluded.s5, s6 = dashboard_cells.s6 + excluded.s6, \
         s7 = dashboard_cells.s7 + excluded.s7, s8 = dashboard_cells.s8 + excluded.s8, \
         s9 = dashboard_cells.s9 + excluded.s9",
    )
    .bind(period)
    .bind(agency)
    .bind(area)
    .bind(officer)
    .bind(d.received)
    .bind(d.answered)
    .bind(d.on_time)
    .bind(d.overdue)
    .bind(d.ratings);
    for s in d.sums {
        q = q.bind(s);
    }
    q.execute(&mut *conn).await?;
    Ok(())
}

/// The agency cells (agency, and all agencies unless `only_agency`) of every
/// area scope of `path`, in every period of `month`.
async fn bump_scopes(
    conn: &mut sqlx::AnyConnection,
    month: &str,
    agency: Option<i64>,
    path: &str,
    only_agency: bool,
    d: &Delta,
) -> AppResult<()> {
    let mut agencies: Vec<i64> = Vec::new();
    if !only_agency {
        agencies.push(0);
    }
    agencies.extend(agency);
    // All areas (0), then the area of `path` and each one above it.
    let mut areas = vec![0];
    areas.extend(super::forums::path_ids(path));
    for period in periods(month) {
        for &g in &agencies {
            for &a in &areas {
                bump(conn, &period, g, a, 0, d).await?;
            }
        }
    }
    Ok(())
}

/// An item an agency must answer arrived: a complaint filed, or a proposal
/// that reached its support threshold. `due` is when a first official
/// response is due.
#[allow(clippy::too_many_arguments)]
pub async fn receive(
    conn: &mut sqlx::AnyConnection,
    subject: &str,
    id: i64,
    agency: Option<i64>,
    path: &str,
    zone: &str,
    at: i64,
    due: i64,
) -> AppResult<()> {
    let month = month_of(at, zone);
    let n = sqlx::query(
        "INSERT INTO service_items (subject, subject_id, agency_id, area_path, month, received_at, due_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(subject)
    .bind(id)
    .bind(agency)
    .bind(path)
    .bind(&month)
    .bind(at)
    .bind(due)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n == 1 {
        let d = Delta {
            received: 1,
            ..Default::default()
        };
        bump_scopes(conn, &month, agency, path, false, &d).await?;
    }
    Ok(())
}

/// An unanswered item moved to another agency: its count moves with it.
pub async fn forward(conn: &mut sqlx::AnyConnection, subject: &str, id: i64, to: i64) -> AppResult<()> {
    let row: Option<(Option<i64>, String, String, i64)> = sqlx::query_as(
        "SELECT agency_id, area_path, month, overdue FROM service_items \
         WHERE subject = $1 AND subject_id = $2 AND first_response_at IS NULL",
    )
    .bind(subject)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((from, path, month, overdue)) = row else {
        return Ok(());
    };
    sqlx::query("UPDATE service_items SET agency_id = $1 WHERE subject = $2 AND subject_id = $3")
        .bind(to)
        .bind(subject)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let take = Delta {
        received: -1,
        overdue: -overdue,
        ..Default::default()
    };
    bump_scopes(conn, &month, from, &path, true, &take).await?;
    let give = Delta {
        received: 1,
        overdue,
        ..Default::default()
    };
    bump_scopes(conn, &month, Some(to), &path, true, &give).await?;
    Ok(())
}

/// The first official response to an item (later ones change nothing here).
pub async fn answered(conn: &mut sqlx::AnyConnection, subject: &str, id: i64, officer: i64, at: i64) -> AppResult<()> {
    // RETURNING gives the row as updated: `overdue` is still what the sweep set.
    let row: Option<(Option<i64>, String, String, i64, i64)> = sqlx::query_as(
        "UPDATE service_items SET first_response_at = $1, officer_id = $2, response_secs = $1 - received_at \
         WHERE subject = $3 AND subject_id = $4 AND first_response_at IS NULL \
         RETURNING agency_id, area_path, month, overdue, due_at",
    )
    .bind(at)
    .bind(officer)
    .bind(subject)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((agency, path, month, overdue, due)) = row else {
        return Ok(());
    };
    let d = Delta {
        answered: 1,
        on_time: i64::from(at <= due),
        overdue: -overdue,
        ..Default::default()
    };
    // The percentiles follow in the minute's sweep (see `sweep`).
    bump_scopes(conn, &month, agency, &path, false, &d).await?;
    let mine = Delta { overdue: 0, ..d };
    for period in periods(&month) {
        bump(conn, &period, 0, 0, officer, &mine).await?;
    }
    Ok(())
}

/// Counts the items whose first-response deadline passed unanswered since
/// the last sweep as overdue, in the cells of their agency and areas (an
/// answer takes them off again). Run once a minute by every server: each
/// item is marked once, so concurrent sweeps count it once. Returns how
/// many it marked.
pub async fn sweep(db: &Db, now: i64) -> AppResult<usize> {
    let mut tx = db.pool.begin().await?;
    let due: Vec<(Option<i64>, String, String)> = sqlx::query_as(
        "UPDATE service_items SET overdue = 1 WHERE first_response_at IS NULL AND overdue = 0 AND due_at < $1 \
         RETURNING agency_id, area_path, month",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    let d = Delta {
        overdue: 1,
        ..Default::default()
    };
    for (agency, path, month) in &due {
        bump_scopes(&mut tx, month, *agency, path, false, &d).await?;
    }
    tx.commit().await?;
    // Median and 90th percentile of the cells that got new answers. Each is
    // a read over the cell's items, so it is done here, once a minute per
    // cell, not once per answer. Several servers may compute the same cell;
    // the flag is cleared only if no answer came in meanwhile.
    let dirty: Vec<(String, i64, i64, i64, i64)> =
        sqlx::query_as("SELECT period, agency_id, area_id, officer_id, answered FROM dashboard_cells WHERE dirty = 1")
            .fetch_all(&db.pool)
            .await?;
    for (period, agency, area, officer, n) in dirty {
        let prefix = if area == 0 {
            String::new()
        } else {
            areas::path(db, area).await?.unwrap_or_default()
        };
        let mut conn = db.pool.acquire().await?;
        percentiles(&mut conn, &period, agency, &prefix, area, officer, n).await?;
    }
    Ok(due.len())
}

/// Stores a cell's median and 90th percentile (nearest rank) of the response
/// times of its `n` answered items, and clears its flag unless more came in.
async fn percentiles(
    conn: &mut sqlx::AnyConnection,
    period: &str,
    agency: i64,
    prefix: &str,
    area_id: i64,
    officer: i64,
    n: i64,
) -> AppResult<()> {
    let Some((first, last)) = months_of(period) else {
        return Ok(());
    };
    let mut sql = String::from(
        "SELECT response_secs FROM service_items WHERE month >= $1 AND month <= $2 AND response_secs IS NOT NULL",
    );
    let mut n_args = 2;
    let mut arg = |sql: &mut String, clause: &str| {
        n_args += 1;
        sql.push_str(&clause.replace('?', &format!("${n_args}")));
    };
    if agency != 0 {
        arg(&mut sql, " AND agency_id = ?");
    }
    if !prefix.is_empty() {
        arg(&mut sql, " AND area_path >= ?");
        arg(&mut sql, " AND area_path < ?");
    }
    if officer != 0 {
        arg(&mut sql, " AND officer_id = ?");
    }
    arg(&mut sql, " ORDER BY response_secs LIMIT 1 OFFSET ?");
    let mut values = Vec::with_capacity(2);
    for p in [50, 90] {
        let rank = (n * p + 99) / 100;
        if n == 0 {
            values.push(None);
            continue;
        }
        let mut q = sqlx::query_scalar::<_, i64>(&sql).bind(&first).bind(&last);
        if agency != 0 {
            q = q.bind(agency);
        }
        if !prefix.is_empty() {
            q = q.bind(prefix).bind(path_end(prefix));
        }
        if officer != 0 {
            q = q.bind(officer);
        }
        values.push(q.bind(rank - 1).fetch_optional(&mut *conn).await?);
    }
    sqlx::query(
        "UPDATE dashboard_cells SET response_p50 = $1, response_p90 = $2, dirty = 0 \
         WHERE period = $3 AND agency_id = $4 AND area_id = $5 AND officer_id = $6 AND answered = $7",
    )
    .bind(values[0])
    .bind(values[1])
    .bind(period)
    .bind(agency)
    .bind(area_id)
    .bind(officer)
    .bind(n)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A rating of an item: its scores count for the item's agency and areas in
/// the month of the rating, and for the officer who first answered it.
pub async fn rated(
    conn: &mut sqlx::AnyConnection,
    subject: &str,
    id: i64,
    agency: Option<i64>,
    path: &str,
    month: &str,
    scores: &skm::Scores,
) -> AppResult<()> {
    let d = Delta {
        ratings: 1,
        sums: scores.map(i64::from),
        ..Default::default()
    };
    bump_scopes(conn, month, agency, path, false, &d).await?;
    let officer: Option<Option<i64>> =
        sqlx::query_scalar("SELECT officer_id FROM service_items WHERE subject = $1 AND subject_id = $2")
            .bind(subject)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(Some(officer)) = officer {
        for period in periods(month) {
            bump(conn, &period, 0, 0, officer, &d).await?;
        }
    }
    Ok(())
}

#[derive(FromRow)]
struct Cell {
    period: String,
    agency_id: i64,
    area_id: i64,
    officer_id: i64,
    received: i64,
    answered: i64,
    on_time: i64,
    overdue: i64,
    response_p50: Option<i64>,
    response_p90: Option<i64>,
    ratings: i64,
    s1: i64,
    s2: i64,
    s3: i64,
    s4: i64,
    s5: i64,
    s6: i64,
    s7: i64,
    s8: i64,
    s9: i64,
}

const CELL: &str =
    "SELECT period, agency_id, area_id, officer_id, received, answered, on_time, overdue, response_p50, \
     response_p90, ratings, s1, s2, s3, s4, s5, s6, s7, s8, s9 FROM dashboard_cells";

fn hours(secs: Option<i64>) -> Option<f64> {
    secs.map(|s| (s as f64 / 360.0).round() / 10.0)
}

impl Cell {
    fn figures(&self, id: i64, label: String) -> Figures {
        let sums = [
            self.s1, self.s2, self.s3, self.s4, self.s5, self.s6, self.s7, self.s8, self.s9,
        ]
        .map(|s| s.max(0) as u64);
        let index = skm::index(self.ratings.max(0) as u64, sums);
        Figures {
            id,
            label,
            received: self.received,
            answered: self.answered,
            overdue: self.overdue,
            median_hours: hours(self.response_p50),
            p90_hours: hours(self.response_p90),
            on_time_pct: (self.answered > 0)
                .then(|| (self.on_time as f64 * 1000.0 / self.answered as f64).round() / 10.0),
            ratings: self.ratings,
            ikm: index.as_ref().map(|i| i.ikm),
            grade: index.as_ref().map(|i| i.grade.letter().to_owned()),
            elements: index
                .map(|i| i.elements.iter().map(|e| (e * 100.0).round() / 100.0).collect())
                .unwrap_or_default(),
        }
    }

    fn empty(period: &str) -> Cell {
        Cell {
            period: period.to_owned(),
            agency_id: 0,
            area_id: 0,
            officer_id: 0,
            received: 0,
            answered: 0,
            on_time: 0,
            overdue: 0,
            response_p50: None,
            response_p90: None,
            ratings: 0,
            s1: 0,
            s2: 0,
            s3: 0,
            s4: 0,
            s5: 0,
            s6: 0,
            s7: 0,
            s8: 0,
            s9: 0,
        }
    }
}

/// The periods offered, newest first: 12 months, 8 quarters or 5 years up to
/// the current one.
pub fn recent_periods(kind: &str, now: i64) -> Vec<String> {
    let today = time::iso_date(now, "WIB");
    let year: i64 = today[..4].parse().unwrap_or(1970);
    let month: i64 = today[5..7].parse().unwrap_or(1);
    match kind {
        "year" => (0..5).map(|k| (year - k).to_string()).collect(),
        "quarter" => {
            let q = year * 4 + (month - 1) / 3;
            (0..8)
                .map(|k| q - k)
                .map(|q| format!("{}-Q{}", q / 4, q % 4 + 1))
                .collect()
        }
        _ => {
            let m = year * 12 + month - 1;
            (0..12)
                .map(|k| m - k)
                .map(|m| format!("{}-{:02}", m / 12, m % 12 + 1))
                .collect()
        }
    }
}

/// What the dashboard shows for one period and scope.
pub struct Query {
    pub kind: String,
    pub period: String,
    pub area: Option<i64>,
    pub agency: Option<i64>,
}

impl Query {
    /// From the query string: unknown values fall back to this month, all
    /// areas, all agencies.
    pub fn parse(kind: &str, period: &str, area: Option<i64>, agency: Option<i64>, now: i64) -> Query {
        let kind = match kind {
            "quarter" | "year" => kind,
            _ => "month",
        };
        let offered = recent_periods(kind, now);
        let period = offered
            .iter()
            .find(|p| *p == period)
            .cloned()
            .unwrap_or_else(|| offered[0].clone());
        Query {
            kind: kind.to_owned(),
            period,
            area,
            agency,
        }
    }
}

/// The dashboard for `me` (officer figures for officers and admins only).
pub async fn page(db: &Db, lang: Lang, me: Option<&Me>, q: Query, now: i64) -> AppResult<DashboardPage> {
    let tree = areas::tree(db, lang).await?;
    let agencies = areas::agencies(db).await?;
    let area = q.area.filter(|a| tree.iter().any(|x| x.id == *a));
    let agency = q.agency.filter(|g| agencies.iter().any(|x| x.id == *g));
    let (area_id, agency_id) = (area.unwrap_or(0), agency.unwrap_or(0));
    let name_of = |id: i64| {
        agencies
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.name.clone())
            .unwrap_or_default()
    };
    let total_cell: Option<Cell> = sqlx::query_as(&format!(
        "{CELL} WHERE period = $1 AND agency_id = $2 AND area_id = $3 AND officer_id = 0"
    ))
    .bind(&q.period)
    .bind(agency_id)
    .bind(area_id)
    .fetch_optional(&db.pool)
    .await?;
    let total = total_cell
        .unwrap_or_else(|| Cell::empty(&q.period))
        .figures(agency_id, String::new());
    // Each agency in the area (or the chosen one).
    let by_agency: Vec<Cell> = sqlx::query_as(&format!(
        "{CELL} WHERE period = $1 AND area_id = $2 AND officer_id = 0 AND agency_id <> 0 AND \
         ($3 = 0 OR agency_id = $3)"
    ))
    .bind(&q.period)
    .bind(area_id)
    .bind(agency_id)
    .fetch_all(&db.pool)
    .await?;
    let mut by_agency: Vec<Figures> = by_agency
        .iter()
        .map(|c| c.figures(c.agency_id, name_of(c.agency_id)))
        .collect();
    by_agency.sort_by(|a, b| a.label.cmp(&b.label));
    // Each area one level below the chosen one (provinces at the top).
    let depth = area
        .and_then(|a| tree.iter().find(|x| x.id == a))
        .map(|x| x.depth + 1)
        .unwrap_or(0);
    let children: Vec<&crate::model::AreaSummary> = match area {
        Some(a) => {
            let pos = tree.iter().position(|x| x.id == a).unwrap_or(0);
            tree[pos + 1..]
                .iter()
                .take_while(|x| x.depth >= depth)
                .filter(|x| x.depth == depth)
                .collect()
        }
        None => tree.iter().filter(|x| x.depth == 0).collect(),
    };
    let mut by_area = Vec::new();
    if !children.is_empty() {
        let ids: Vec<String> = children.iter().map(|x| x.id.to_string()).collect();
        let cells: Vec<Cell> = sqlx::query_as(&format!(
            "{CELL} WHERE period = $1 AND agency_id = $2 AND officer_id = 0 AND area_id IN ({})",
            ids.join(", ")
        ))
        .bind(&q.period)
        .bind(agency_id)
        .fetch_all(&db.pool)
        .await?;
        for x in &children {
            if let Some(c) = cells.iter().find(|c| c.area_id == x.id) {
                by_area.push(c.figures(x.id, x.name.clone()));
            }
        }
    }
    // The last twelve months, oldest first.
    let months: Vec<String> = recent_periods("month", now).into_iter().rev().collect();
    let list: Vec<String> = months.iter().map(|m| format!("'{m}'")).collect();
    let trend_cells: Vec<Cell> = sqlx::query_as(&format!(
        "{CELL} WHERE agency_id = $1 AND area_id = $2 AND officer_id = 0 AND period IN ({})",
        list.join(", ")
    ))
    .bind(agency_id)
    .bind(area_id)
    .fetch_all(&db.pool)
    .await?;
    let trend = months
        .iter()
        .map(|m| {
            let c = trend_cells.iter().find(|c| &c.period == m);
            TrendPoint {
                month: m.clone(),
                received: c.map(|c| c.received).unwrap_or(0),
                answered: c.map(|c| c.answered).unwrap_or(0),
                ikm: c.and_then(|c| c.figures(0, String::new()).ikm),
            }
        })
        .collect();
    // Officers: each sees their own figures; admins see everyone's.
    let admin = me.is_some_and(|m| m.is_admin());
    let officer = me.filter(|m| m.roles.iter().any(|r| r.role == Role::Officer));
    let mut officers = Vec::new();
    if admin || officer.is_some() {
        let rows: Vec<Cell> = sqlx::query_as(&format!(
            "{CELL} WHERE period = $1 AND agency_id = 0 AND area_id = 0 AND officer_id <> 0 AND ($2 = 0 OR officer_id = $2)"
        ))
        .bind(&q.period)
        .bind(if admin { 0 } else { officer.map(|m| m.id).unwrap_or(0) })
        .fetch_all(&db.pool)
        .await?;
        let ids: Vec<String> = rows.iter().map(|c| c.officer_id.to_string()).collect();
        let names: Vec<(i64, String)> = if ids.is_empty() {
            Vec::new()
        } else {
            sqlx::query_as(&format!(
                "SELECT id, display_name FROM users WHERE id IN ({})",
                ids.join(", ")
            ))
            .fetch_all(&db.pool)
            .await?
        };
        for c in &rows {
            let name = names
                .iter()
                .find(|(id, _)| *id == c.officer_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            officers.push(c.figures(c.officer_id, name));
        }
        officers.sort_by(|a, b| a.label.cmp(&b.label));
    }
    Ok(DashboardPage {
        periods: recent_periods(&q.kind, now),
        kind: q.kind,
        period: q.period,
        area,
        agency,
        areas: tree,
        agency_list: agencies
            .into_iter()
            .map(|g| AgencySummary { id: g.id, name: g.name })
            .collect(),
        total,
        by_agency,
        by_area,
        trend,
        officers,
        own_only: !admin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_their_months() {
        assert_eq!(periods("2026-11"), ["2026-11", "2026-Q4", "2026"]);
        assert_eq!(periods("2026-01")[1], "2026-Q1");
        assert_eq!(months_of("2026-Q2"), Some(("2026-04".into(), "2026-06".into())));
        assert_eq!(months_of("2026"), Some(("2026-01".into(), "2026-12".into())));
        assert_eq!(months_of("2026-11"), Some(("2026-11".into(), "2026-11".into())));
        for bad in ["2026-Q5", "2026-13", "x", "20a6", "2026-Q"] {
            assert_eq!(months_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn recent_periods_count_back() {
        // 2026-01-15
        let now = 1_768_435_200;
        assert_eq!(
            recent_periods("month", now)[..2],
            ["2026-01".to_owned(), "2025-12".to_owned()]
        );
        assert_eq!(
            recent_periods("quarter", now)[..2],
            ["2026-Q1".to_owned(), "2025-Q4".to_owned()]
        );
        assert_eq!(recent_periods("year", now)[1], "2025");
    }
}
