//! The officer desk: everything an agency must act on (complaints to verify
//! or resolve, proposals to answer), soonest deadline first, each row
//! saying what is due and how many working days are left.
use crate::db::complaints as db_complaints;
use crate::db::desk::{self, DeskFilter, DeskRow, COMPLAINT};
use crate::domain::forum_rules::{path_end, path_ids};
use crate::domain::ids::{AgencyId, AreaId, CategoryId};
use crate::domain::skm::working_days_left;
use crate::error::AppResult;
use crate::model::{DeskItem, Lang};
use crate::server::{areas, time, AppState};

pub const PAGE: i64 = 30;

/// Which rows the desk shows.
pub struct DeskQuery {
    /// None: every agency (an admin).
    pub agencies: Option<Vec<AgencyId>>,
    pub area: Option<AreaId>,
    pub category: Option<CategoryId>,
    /// `due_kind_id` of the last row shown.
    pub after: String,
}

/// A page of the desk and the cursor of the next one.
pub async fn page(st: &AppState, lang: Lang, q: DeskQuery, now: i64) -> AppResult<(Vec<DeskItem>, Option<String>)> {
    let paths = match q.area {
        Some(a) => {
            let path = areas::info(st, a.0).await?.path().to_owned();
            Some((path.clone(), path_end(&path)))
        }
        None => None,
    };
    let filter = DeskFilter {
        agencies: q.agencies,
        paths,
        category: q.category,
        after: parse_cursor(&q.after),
        limit: PAGE + 1,
    };
    let mut rows = desk::awaiting(&st.db, &filter).await?;
    let next = (rows.len() as i64 > PAGE)
        .then(|| {
            rows.get(PAGE as usize - 1)
                .map(|r| format!("{}_{}_{}", r.due, r.kind, r.id))
        })
        .flatten();
    rows.truncate(PAGE as usize);
    Ok((items(st, lang, rows, now).await?, next))
}

fn parse_cursor(s: &str) -> Option<(i64, i64, i64)> {
    let mut it = s.split('_').map(|p| p.parse::<i64>().ok());
    match (it.next()?, it.next()?, it.next()?, it.next()) {
        (Some(d), Some(k), Some(i), None) => Some((d, k, i)),
        _ => None,
    }
}

async fn items(st: &AppState, lang: Lang, rows: Vec<DeskRow>, now: i64) -> AppResult<Vec<DeskItem>> {
    let mut infos = Vec::with_capacity(rows.len());
    for r in &rows {
        infos.push(areas::info(st, r.area_id.0).await?);
    }
    // The holidays of every area on the rows' paths, read once, from the
    // earliest day any row needs.
    let mut ids: Vec<AreaId> = infos.iter().flat_map(|i| path_ids(i.path())).map(AreaId).collect();
    ids.sort_unstable();
    ids.dedup();
    let start = rows
        .iter()
        .map(|r| r.due.min(now) / 86_400 - 2)
        .min()
        .unwrap_or_default();
    let mut conn = st.db.pool.acquire().await?;
    let holidays = db_complaints::holidays_by_area(&mut conn, &ids, start).await?;
    drop(conn);
    // The rows' photos, in one statement per kind.
    let ids_of = |kind: i64| rows.iter().filter(|r| r.kind == kind).map(|r| r.id).collect::<Vec<_>>();
    let mut photos = crate::db::photos::of_items(&st.db, "complaint", &ids_of(COMPLAINT)).await?;
    photos.extend(crate::db::photos::of_items(&st.db, "proposal", &ids_of(crate::db::desk::PROPOSAL)).await?);
    let mut out = Vec::with_capacity(rows.len());
    for (r, info) in rows.into_iter().zip(infos) {
        let zone = info.timezone();
        let path = path_ids(info.path());
        let mut days: Vec<i64> = holidays
            .iter()
            .filter(|(a, _)| path.contains(&a.0))
            .map(|(_, d)| *d)
            .collect();
        days.sort_unstable();
        days.dedup();
        let complaint = r.kind == COMPLAINT;
        let kind = if complaint { "complaint" } else { "proposal" };
        let shown = photos
            .iter()
            .filter(|p| p.item_kind == kind && p.item_id == r.id && p.hidden_at.is_none())
            .map(|p| crate::server::photos::view(p.clone(), false, false))
            .collect();
        out.push(DeskItem {
            kind: if complaint { "complaint" } else { "proposal" }.into(),
            id: r.id,
            what: match (complaint, r.state.as_str()) {
                (true, "received") => "verify",
                (true, _) => "resolve",
                (false, _) => "answer",
            }
            .into(),
            title: r.title,
            area_name: info.name().to_owned(),
            state: r.state,
            due: time::date_time(lang, r.due, zone),
            due_at: r.due,
            days_left: working_days_left(time::local_day(now, zone), time::local_day(r.due, zone), &days),
            overdue: now > r.due,
            photos: shown,
            point: r
                .lat_e6
                .zip(r.lon_e6)
                .map(|(lat_e6, lon_e6)| crate::model::GeoPoint { lat_e6, lon_e6 }),
        });
    }
    Ok(out)
}
