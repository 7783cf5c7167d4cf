//! The accountability dashboard: what each agency received, answered and
//! how fast, and how residents rated it. Figures live in `dashboard_cells`,
//! kept in the same transaction as the write that changes them (an item
//! received, its first official response, a rating) or, for deadlines that
//! pass with nobody writing, by [`sweep`] once a minute; the page only reads
//! rows. A cell is one period (month, quarter, year) and one scope: an
//! agency (0: all), an area with the areas below it (0: all), an officer
//! (0: not per officer).
use super::forums::{path_end, path_ids};
use super::{areas, time};
use crate::db::dashboard::{self as db_dashboard, Cell, CellKey, DirtyCell, NewItem, Responses};
use crate::db::notify::{Alert, Subject};
use crate::db::Db;
use crate::domain::ids::{AgencyId, AreaId, ComplaintId, ProposalId, UserId};
use crate::domain::service::ServiceItem;
use crate::domain::skm;
use crate::error::AppResult;
use crate::model::{AgencySummary, DashboardPage, Figures, Lang, Me, Role, TrendPoint};
use crate::server::AppState;

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

pub use crate::db::dashboard::Delta;

/// Adds `d` to one cell (`agency`, `area`, `officer`: None for all).
async fn bump(
    conn: &mut sqlx::AnyConnection,
    period: &str,
    agency: Option<AgencyId>,
    area: Option<AreaId>,
    officer: Option<UserId>,
    d: &Delta,
) -> AppResult<()> {
    let key = CellKey {
        period,
        agency,
        area,
        officer,
    };
    Ok(db_dashboard::bump(conn, &key, d).await?)
}

/// The agency cells (agency, and all agencies unless `only_agency`) of every
/// area scope of `path`, in every period of `month`.
async fn bump_scopes(
    conn: &mut sqlx::AnyConnection,
    month: &str,
    agency: Option<AgencyId>,
    path: &str,
    only_agency: bool,
    d: &Delta,
) -> AppResult<()> {
    let mut agencies: Vec<Option<AgencyId>> = Vec::new();
    if !only_agency {
        agencies.push(None);
    }
    agencies.extend(agency.map(Some));
    // All areas, then the area of `path` and each one above it.
    let mut areas = vec![None];
    areas.extend(path_ids(path).into_iter().map(|a| Some(AreaId(a))));
    for period in periods(month) {
        for &g in &agencies {
            for &a in &areas {
                bump(conn, &period, g, a, None, d).await?;
            }
        }
    }
    Ok(())
}

/// An item an agency must answer arrived: a complaint filed, or a proposal
/// that reached its support threshold.
#[derive(Debug, Clone, Copy)]
pub struct Receipt<'a> {
    pub item: ServiceItem,
    /// The agency responsible, if any.
    pub agency: Option<AgencyId>,
    /// The path of the item's area.
    pub area_path: &'a str,
    /// The area's time zone: the month it counts in is the local one.
    pub zone: &'a str,
    pub received_at: i64,
    /// When a first official response is due.
    pub due_at: i64,
}

/// Counts a received item, once.
pub async fn receive(conn: &mut sqlx::AnyConnection, r: &Receipt<'_>) -> AppResult<()> {
    let month = month_of(r.received_at, r.zone);
    let new = NewItem {
        item: r.item,
        agency: r.agency,
        area_path: r.area_path,
        month: &month,
        received_at: r.received_at,
        due_at: r.due_at,
    };
    if db_dashboard::insert_item(conn, &new).await? {
        let d = Delta {
            received: 1,
            ..Default::default()
        };
        bump_scopes(conn, &month, r.agency, r.area_path, false, &d).await?;
    }
    Ok(())
}

/// An unanswered item moved to another agency: its count moves with it.
pub async fn forward(conn: &mut sqlx::AnyConnection, item: ServiceItem, to: AgencyId) -> AppResult<()> {
    let Some(open) = db_dashboard::unanswered(conn, item).await? else {
        return Ok(());
    };
    db_dashboard::set_item_agency(conn, item, to).await?;
    let (s, overdue) = (&open.scope, open.overdue);
    let take = Delta {
        received: -1,
        overdue: -overdue,
        ..Default::default()
    };
    bump_scopes(conn, &s.month, s.agency_id, &s.area_path, true, &take).await?;
    let give = Delta {
        received: 1,
        overdue,
        ..Default::default()
    };
    bump_scopes(conn, &s.month, Some(to), &s.area_path, true, &give).await?;
    Ok(())
}

/// A resolved complaint its complainant says is not fixed: counted where the
/// complaint counts.
pub async fn reopened(conn: &mut sqlx::AnyConnection, item: ServiceItem) -> AppResult<()> {
    let Some(s) = db_dashboard::item_scope(conn, item).await? else {
        return Ok(());
    };
    let d = Delta {
        reopened: 1,
        ..Default::default()
    };
    bump_scopes(conn, &s.month, s.agency_id, &s.area_path, false, &d).await?;
    Ok(())
}

/// The first official response to an item (later ones change nothing here).
pub async fn answered(conn: &mut sqlx::AnyConnection, item: ServiceItem, officer: UserId, at: i64) -> AppResult<()> {
    let Some(row) = db_dashboard::answer_item(conn, item, officer, at).await? else {
        return Ok(());
    };
    let d = Delta {
        answered: 1,
        on_time: i64::from(at <= row.due_at),
        overdue: -row.overdue,
        ..Default::default()
    };
    let s = &row.scope;
    // The percentiles follow in the minute's sweep (see `sweep`).
    bump_scopes(conn, &s.month, s.agency_id, &s.area_path, false, &d).await?;
    let mine = Delta { overdue: 0, ..d };
    for period in periods(&s.month) {
        bump(conn, &period, None, None, Some(officer), &mine).await?;
    }
    Ok(())
}

/// Counts the items whose first-response deadline passed unanswered since
/// the last sweep as overdue, in the cells of their agency and areas (an
/// answer takes them off again). Run once a minute by every server: each
/// item is marked once, so concurrent sweeps count it once. Each is also
/// escalated: the agency's head and the admins are told, and the dashboard
/// counts it. So is a complaint still open past its resolve deadline.
/// Returns how many items became overdue.
pub async fn sweep(db: &Db, config: &super::Config, now: i64) -> AppResult<usize> {
    let mut tx = db.pool.begin().await?;
    let due = db_dashboard::mark_overdue(&mut tx, now).await?;
    let d = Delta {
        overdue: 1,
        escalated: 1,
        ..Default::default()
    };
    for item in &due {
        let s = &item.scope;
        bump_scopes(&mut tx, &s.month, s.agency_id, &s.area_path, false, &d).await?;
        let subject = match item.subject.as_str() {
            "proposal" => Subject::Proposal(ProposalId(item.subject_id)),
            _ => Subject::Complaint(ComplaintId(item.subject_id)),
        };
        escalate(&mut tx, config, s.agency_id, subject, now).await?;
    }
    let late = db_dashboard::mark_resolve_escalated(&mut tx, now).await?;
    let d = Delta {
        escalated: 1,
        ..Default::default()
    };
    for (id, agency) in late {
        let item = ServiceItem::Complaint(ComplaintId(id));
        if let Some(s) = db_dashboard::item_scope(&mut tx, item).await? {
            bump_scopes(&mut tx, &s.month, s.agency_id, &s.area_path, false, &d).await?;
        }
        escalate(&mut tx, config, agency, Subject::Complaint(ComplaintId(id)), now).await?;
    }
    tx.commit().await?;
    // Median and 90th percentile of the cells that got new answers. Each is
    // a read over the cell's items, so it is done here, once a minute per
    // cell, not once per answer. Several servers may compute the same cell;
    // the flag is cleared only if no answer came in meanwhile.
    for cell in db_dashboard::dirty_cells(db).await? {
        let prefix = if cell.area_id == 0 {
            String::new()
        } else {
            // Read, not cached: once a minute, on the sweep's own time.
            crate::db::areas::get(db, AreaId(cell.area_id))
                .await?
                .map(|a| a.path)
                .unwrap_or_default()
        };
        let mut conn = db.pool.acquire().await?;
        percentiles(&mut conn, &cell, &prefix).await?;
    }
    Ok(due.len())
}

async fn escalate(
    conn: &mut sqlx::AnyConnection,
    config: &super::Config,
    agency: Option<AgencyId>,
    subject: Subject,
    at: i64,
) -> AppResult<()> {
    let alert = Alert {
        agency,
        kind: "escalated",
        subject,
        seq: None,
        actor: None,
        at,
    };
    super::notify::alert(conn, config, &alert).await
}

/// Stores a cell's median and 90th percentile (nearest rank) of the response
/// times of its answered items (`prefix`: the path of its area, empty for
/// all), and clears its flag unless more came in.
async fn percentiles(conn: &mut sqlx::AnyConnection, cell: &DirtyCell, prefix: &str) -> AppResult<()> {
    let Some(months) = months_of(&cell.period) else {
        return Ok(());
    };
    let responses = Responses {
        months,
        agency: (cell.agency_id != 0).then_some(AgencyId(cell.agency_id)),
        paths: (!prefix.is_empty()).then(|| (prefix.to_owned(), path_end(prefix))),
        officer: (cell.officer_id != 0).then_some(UserId(cell.officer_id)),
    };
    let n = cell.answered;
    let mut values = Vec::with_capacity(2);
    for p in [50, 90] {
        let rank = (n * p + 99) / 100;
        if n == 0 {
            values.push(None);
            continue;
        }
        values.push(db_dashboard::response_at(conn, &responses, rank - 1).await?);
    }
    db_dashboard::store_percentiles(conn, cell, values[0], values[1]).await?;
    Ok(())
}

/// A rating of an item, for [`rated`].
#[derive(Debug, Clone, Copy)]
pub struct Rated<'a> {
    pub item: ServiceItem,
    pub agency: Option<AgencyId>,
    pub area_path: &'a str,
    /// The month of the rating (`2026-11`).
    pub month: &'a str,
    pub scores: &'a skm::Scores,
}

/// A rating of an item: its scores count for the item's agency and areas in
/// the month of the rating, and for the officer who first answered it.
pub async fn rated(conn: &mut sqlx::AnyConnection, r: &Rated<'_>) -> AppResult<()> {
    let d = Delta {
        ratings: 1,
        sums: r.scores.map(i64::from),
        ..Default::default()
    };
    bump_scopes(conn, r.month, r.agency, r.area_path, false, &d).await?;
    if let Some(Some(officer)) = db_dashboard::item_officer(conn, r.item).await? {
        for period in periods(r.month) {
            bump(conn, &period, None, None, Some(officer), &d).await?;
        }
    }
    Ok(())
}

fn hours(secs: Option<i64>) -> Option<f64> {
    // To the minute: the page says "12 menit" rather than "0,2 jam".
    secs.map(|s| (s as f64 / 36.0).round() / 100.0)
}

/// A grade (A–D) from this many ratings on: one or two people's opinion is
/// shown as its index and count, not as a grade.
pub const MIN_RATINGS: i64 = 5;

/// What the page shows of a cell.
fn figures(c: &Cell, id: i64, label: String) -> Figures {
    let sums = [c.s1, c.s2, c.s3, c.s4, c.s5, c.s6, c.s7, c.s8, c.s9].map(|s| s.max(0) as u64);
    let index = skm::index(c.ratings.max(0) as u64, sums);
    Figures {
        id,
        label,
        received: c.received,
        answered: c.answered,
        overdue: c.overdue,
        reopened: c.reopened,
        escalated: c.escalated,
        median_hours: hours(c.response_p50),
        p90_hours: hours(c.response_p90),
        on_time_pct: (c.answered > 0).then(|| (c.on_time as f64 * 1000.0 / c.answered as f64).round() / 10.0),
        ratings: c.ratings,
        ikm: index.as_ref().map(|i| i.ikm),
        grade: index
            .as_ref()
            .filter(|_| c.ratings >= MIN_RATINGS)
            .map(|i| i.grade.letter().to_owned()),
        elements: index
            .map(|i| i.elements.iter().map(|e| (e * 100.0).round() / 100.0).collect())
            .unwrap_or_default(),
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
    pub area: Option<AreaId>,
    pub agency: Option<AgencyId>,
}

impl Query {
    /// From the query string: unknown values fall back to this month, all
    /// areas, all agencies.
    pub fn parse(kind: &str, period: &str, area: Option<AreaId>, agency: Option<AgencyId>, now: i64) -> Query {
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
pub async fn page(st: &AppState, lang: Lang, me: Option<&Me>, q: Query, now: i64) -> AppResult<DashboardPage> {
    let db = &st.db;
    let area_choice = areas::maybe_choice(st, lang, q.area.map(|a| a.0), false).await?;
    let area = area_choice.as_ref().map(|c| AreaId(c.id));
    let agencies = areas::agencies_for(st, area.map(|a| a.0)).await?;
    let agency = match q.agency {
        Some(g) if areas::agency_exists(db, g.0).await? => Some(g),
        _ => None,
    };
    let agency_cells = db_dashboard::agency_cells(db, &q.period, area, agency).await?;
    let cell_agencies: Vec<i64> = agency_cells.iter().map(|c| c.agency_id).collect();
    let agency_names = crate::db::agencies::names(db, &cell_agencies).await?;
    let name_of = |id: i64| {
        agency_names
            .iter()
            .find(|(g, _)| *g == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let total = db_dashboard::cell(db, &q.period, agency, area)
        .await?
        .unwrap_or_else(|| Cell {
            period: q.period.clone(),
            ..Default::default()
        });
    let total = figures(&total, agency.map_or(0, |g| g.0), String::new());
    // Each agency in the area (or the chosen one).
    let mut by_agency: Vec<Figures> = agency_cells
        .iter()
        .map(|c| figures(c, c.agency_id, name_of(c.agency_id)))
        .collect();
    by_agency.sort_by(|a, b| a.label.cmp(&b.label));
    // Each area one level below the chosen one (provinces at the top).
    let children: Vec<(i64, String)> = match area {
        Some(a) => areas::info(st, a.0)
            .await?
            .children
            .iter()
            .map(|x| (x.id.0, x.name.clone()))
            .collect(),
        None => areas::provinces(st)
            .await?
            .iter()
            .map(|x| (x.id.0, x.name.clone()))
            .collect(),
    };
    let mut by_area = Vec::new();
    if !children.is_empty() {
        let ids: Vec<AreaId> = children.iter().map(|x| AreaId(x.0)).collect();
        let cells = db_dashboard::area_cells(db, &q.period, agency, &ids).await?;
        for (id, name) in &children {
            if let Some(c) = cells.iter().find(|c| c.area_id == *id) {
                by_area.push(figures(c, *id, name.clone()));
            }
        }
    }
    // The last twelve months, oldest first.
    let months: Vec<String> = recent_periods("month", now).into_iter().rev().collect();
    let trend_cells = db_dashboard::trend_cells(db, agency, area, &months).await?;
    let trend = months
        .iter()
        .map(|m| {
            let c = trend_cells.iter().find(|c| &c.period == m);
            TrendPoint {
                month: m.clone(),
                received: c.map(|c| c.received).unwrap_or(0),
                answered: c.map(|c| c.answered).unwrap_or(0),
                ikm: c.and_then(|c| figures(c, 0, String::new()).ikm),
            }
        })
        .collect();
    // Officers: each sees their own figures; admins see everyone's.
    let admin = me.is_some_and(|m| m.is_admin());
    let officer = me.filter(|m| m.roles.iter().any(|r| r.role == Role::Officer));
    let mut officers = Vec::new();
    if admin || officer.is_some() {
        let only = if admin { None } else { officer.map(|m| UserId(m.id)) };
        let rows = db_dashboard::officer_cells(db, &q.period, only).await?;
        let ids: Vec<UserId> = rows.iter().map(|c| UserId(c.officer_id)).collect();
        let names = db_dashboard::user_names(db, &ids).await?;
        for c in &rows {
            let name = names
                .iter()
                .find(|u| u.id.0 == c.officer_id)
                .map(|u| u.display_name.clone())
                .unwrap_or_default();
            officers.push(figures(c, c.officer_id, name));
        }
        officers.sort_by(|a, b| a.label.cmp(&b.label));
    }
    let periods = recent_periods(&q.kind, now);
    Ok(DashboardPage {
        period_names: periods.iter().map(|p| time::period_name(lang, p)).collect(),
        min_ratings: MIN_RATINGS,
        periods,
        kind: q.kind,
        period: q.period,
        area: area.map(|a| a.0),
        agency: agency.map(|g| g.0),
        area_choice,
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

    #[test]
    fn a_grade_needs_enough_ratings_and_durations_keep_their_minutes() {
        // Every element at 4 from each rater: IKM 100.
        let cell = |n: i64| Cell {
            ratings: n,
            s1: 4 * n,
            s2: 4 * n,
            s3: 4 * n,
            s4: 4 * n,
            s5: 4 * n,
            s6: 4 * n,
            s7: 4 * n,
            s8: 4 * n,
            s9: 4 * n,
            response_p50: Some(720),
            ..Default::default()
        };
        let few = figures(&cell(MIN_RATINGS - 1), 0, String::new());
        assert_eq!((few.ikm, few.grade), (Some(100.0), None));
        let enough = figures(&cell(MIN_RATINGS), 0, String::new());
        assert_eq!(enough.grade.as_deref(), Some("A"));
        // 12 minutes, not "0,2 hours".
        assert_eq!(enough.median_hours, Some(0.2));
        assert_eq!(hours(Some(60)), Some(0.02));
    }

    #[test]
    fn periods_are_named_as_people_say_them() {
        assert_eq!(time::period_name(Lang::Id, "2026-12"), "Desember 2026");
        assert_eq!(time::period_name(Lang::En, "2026-01"), "January 2026");
        assert_eq!(time::period_name(Lang::Id, "2026-Q4"), "Triwulan IV 2026");
        assert_eq!(time::period_name(Lang::En, "2026-Q2"), "Q2 2026");
        assert_eq!(time::period_name(Lang::Id, "2026"), "2026");
    }
}
