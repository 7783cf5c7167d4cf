#![allow(clippy::unwrap_used)]
//! The dynamic queries of complaints, ratings and the dashboard (built with
//! `QueryBuilder`, every value bound), each filter combination checked
//! against the same answer computed in Rust from the whole table, on
//! whichever backend the suite runs on.
mod common;
use app::db::complaints::{self, ListFilter, NewComplaint, Scope, StepUpdate};
use app::db::dashboard::{self, CellKey, Delta, NewItem, Responses};
use app::db::{responsibilities, Db};
use app::domain::complaint::State;
use app::domain::ids::{AgencyId, AreaId, CategoryId, ProposalId, UserId};
use app::domain::service::ServiceItem;

/// Ids of one kind in the demo data, in order.
async fn ids(db: &Db, sql: &str) -> Vec<i64> {
    sqlx::query_scalar(sql).fetch_all(&db.pool).await.unwrap()
}

/// `path` and the end of the range of paths below it.
fn range(path: &str) -> (String, String) {
    (path.to_owned(), format!("{}0", path.trim_end_matches('/')))
}

#[derive(sqlx::FromRow, Debug)]
struct Row {
    id: i64,
    author_id: i64,
    agency_id: Option<i64>,
    area_path: String,
    category_id: i64,
    state: String,
    private: i64,
    hidden_at: Option<i64>,
}

#[tokio::test]
async fn complaint_lists_every_filter_combination() {
    let app = common::spawn().await;
    let db = app.db();
    let users = ids(db, "SELECT id FROM users ORDER BY id LIMIT 3").await;
    let areas: Vec<(i64, String)> = sqlx::query_as("SELECT id, path FROM areas WHERE depth >= 1 ORDER BY id LIMIT 4")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let categories = ids(db, "SELECT id FROM categories ORDER BY id LIMIT 2").await;
    let agencies = ids(db, "SELECT id FROM agencies ORDER BY id LIMIT 3").await;
    // 24 complaints across authors, areas, categories, agencies, states,
    // private or hidden.
    let mut conn = db.pool.acquire().await.unwrap();
    for n in 0..24usize {
        let (area, path) = &areas[n % areas.len()];
        let agency = (n % 4 != 3).then(|| AgencyId(agencies[n % agencies.len()]));
        let id = complaints::insert(
            &mut conn,
            &NewComplaint {
                author: UserId(users[n % users.len()]),
                anonymous: n % 5 == 0,
                private: n % 6 == 1,
                area: AreaId(*area),
                area_path: path,
                category: CategoryId(categories[n % categories.len()]),
                title: "Uji daftar",
                body_src: "Uraian",
                body_html: "<p>Uraian</p>",
                excerpt: "Uraian",
                location: "",
                happened_on: "2026-01-01",
                agency,
                verify_due: 1,
                followup_due: 2,
                resolve_due: 3,
                created_at: 1_000 + n as i64,
                point: None,
            },
        )
        .await
        .unwrap();
        let to = State::ALL[n % State::ALL.len()];
        complaints::apply_step(
            &mut conn,
            &StepUpdate {
                id,
                to,
                agency,
                event: to.code(),
                responds: true,
                at: 2_000,
            },
        )
        .await
        .unwrap();
        if n % 7 == 2 {
            sqlx::query("UPDATE complaints SET hidden_at = 5 WHERE id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await
                .unwrap();
        }
    }
    drop(conn);
    let all: Vec<Row> = sqlx::query_as(
        "SELECT id, author_id, agency_id, area_path, category_id, state, private, hidden_at FROM complaints",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    // A province: its complaints and those below it.
    let province: String = sqlx::query_scalar("SELECT path FROM areas WHERE depth = 0 ORDER BY id LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let scopes = [
        Scope::Public,
        Scope::Author(UserId(users[0])),
        Scope::Agencies(vec![AgencyId(agencies[0])]),
        Scope::Agencies(vec![AgencyId(agencies[0]), AgencyId(agencies[2])]),
        Scope::Agencies(Vec::new()),
        Scope::All,
    ];
    let paths = [None, Some(range(&areas[1].1)), Some(range(&province))];
    let mut checked = 0;
    for scope in &scopes {
        for p in &paths {
            for category in [None, Some(CategoryId(categories[1]))] {
                for state in [None, Some(State::Received), Some(State::Resolved)] {
                    for (before, limit) in [(i64::MAX, 100), (i64::MAX, 2), (all[all.len() / 2].id, 100)] {
                        let filter = ListFilter {
                            scope: scope.clone(),
                            before,
                            paths: p.clone(),
                            category,
                            state,
                            limit,
                        };
                        let got: Vec<i64> = complaints::list(db, &filter)
                            .await
                            .unwrap()
                            .iter()
                            .map(|r| r.id.0)
                            .collect();
                        let mut want: Vec<i64> = all
                            .iter()
                            .filter(|r| r.id < before)
                            .filter(|r| match scope {
                                Scope::Public => r.private == 0 && r.hidden_at.is_none(),
                                Scope::Author(u) => r.author_id == u.0,
                                Scope::Agencies(gs) => gs.iter().any(|g| Some(g.0) == r.agency_id),
                                Scope::All => true,
                            })
                            .filter(|r| p.as_ref().is_none_or(|(a, b)| r.area_path >= *a && r.area_path < *b))
                            .filter(|r| category.is_none_or(|c| r.category_id == c.0))
                            .filter(|r| state.is_none_or(|s| r.state == s.code()))
                            .map(|r| r.id)
                            .collect();
                        want.sort_unstable_by(|a, b| b.cmp(a));
                        want.truncate(limit as usize);
                        assert_eq!(got, want, "{filter:?}");
                        checked += usize::from(!want.is_empty());
                    }
                }
            }
        }
    }
    assert!(checked > 50, "most combinations find something ({checked})");
}

#[tokio::test]
async fn holidays_of_an_area_path_are_sorted_and_distinct() {
    let app = common::spawn().await;
    let db = app.db();
    let areas: Vec<AreaId> = ids(db, "SELECT id FROM areas ORDER BY id LIMIT 3")
        .await
        .into_iter()
        .map(AreaId)
        .collect();
    let mut tx = db.pool.begin().await.unwrap();
    complaints::replace_holidays(
        &mut tx,
        areas[0],
        &[(30, "a".into()), (10, "b".into()), (5, "c".into())],
    )
    .await
    .unwrap();
    complaints::replace_holidays(&mut tx, areas[1], &[(10, "b".into()), (20, "d".into())])
        .await
        .unwrap();
    complaints::replace_holidays(&mut tx, areas[2], &[(40, "e".into())])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let c = &mut *conn;
    assert_eq!(complaints::holidays_after(c, &[], 0).await.unwrap(), Vec::<i64>::new());
    assert_eq!(
        complaints::holidays_after(c, &areas[..1], 0).await.unwrap(),
        [5, 10, 30]
    );
    assert_eq!(complaints::holidays_after(c, &areas[..1], 10).await.unwrap(), [30]);
    assert_eq!(
        complaints::holidays_after(c, &areas[..2], 0).await.unwrap(),
        [5, 10, 20, 30]
    );
    assert_eq!(
        complaints::holidays_after(c, &areas, 6).await.unwrap(),
        [10, 20, 30, 40]
    );
}

#[tokio::test]
async fn an_agency_serves_an_area_path_or_not() {
    let app = common::spawn().await;
    let db = app.db();
    let (agency, area): (i64, i64) =
        sqlx::query_as("SELECT agency_id, area_id FROM agency_areas ORDER BY agency_id, area_id")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    let other: i64 = sqlx::query_scalar(
        "SELECT id FROM areas WHERE id NOT IN (SELECT area_id FROM agency_areas WHERE agency_id = $1) ORDER BY id",
    )
    .bind(agency)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let g = AgencyId(agency);
    assert!(!responsibilities::serves_any(&mut conn, g, &[]).await.unwrap());
    assert!(!responsibilities::serves_any(&mut conn, g, &[AreaId(other)])
        .await
        .unwrap());
    assert!(responsibilities::serves_any(&mut conn, g, &[AreaId(area)])
        .await
        .unwrap());
    assert!(
        responsibilities::serves_any(&mut conn, g, &[AreaId(other), AreaId(area)])
            .await
            .unwrap()
    );
}

#[derive(sqlx::FromRow, Debug)]
struct Item {
    agency_id: Option<i64>,
    area_path: String,
    month: String,
    officer_id: Option<i64>,
    response_secs: Option<i64>,
}

#[tokio::test]
async fn response_times_every_filter_combination() {
    let app = common::spawn().await;
    let db = app.db();
    let officers = ids(db, "SELECT id FROM users ORDER BY id LIMIT 2").await;
    let agencies = ids(db, "SELECT id FROM agencies ORDER BY id LIMIT 2").await;
    let paths: Vec<String> = sqlx::query_scalar("SELECT path FROM areas WHERE depth >= 1 ORDER BY id LIMIT 3")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    for n in 0..30i64 {
        let item = ServiceItem::Proposal(ProposalId(1_000_000 + n));
        let month = ["1999-01", "1999-02", "1999-04"][n as usize % 3];
        dashboard::insert_item(
            &mut conn,
            &NewItem {
                item,
                agency: (n % 5 != 4).then(|| AgencyId(agencies[n as usize % 2])),
                area_path: &paths[n as usize % paths.len()],
                month,
                received_at: 0,
                due_at: 1,
            },
        )
        .await
        .unwrap();
        if n % 6 != 5 {
            let officer = UserId(officers[(n as usize / 2) % 2]);
            dashboard::answer_item(&mut conn, item, officer, 100 * ((n * 7) % 30) + 1)
                .await
                .unwrap();
        }
    }
    let all: Vec<Item> = sqlx::query_as(
        "SELECT agency_id, area_path, month, officer_id, response_secs FROM service_items WHERE response_secs IS NOT NULL",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let mut found = 0;
    for months in [("1999-01", "1999-03"), ("1999-04", "1999-04")] {
        for agency in [None, Some(AgencyId(agencies[1]))] {
            for p in [None, Some(range(&paths[0]))] {
                for officer in [None, Some(UserId(officers[0]))] {
                    let r = Responses {
                        months: (months.0.into(), months.1.into()),
                        agency,
                        paths: p.clone(),
                        officer,
                    };
                    let mut want: Vec<i64> = all
                        .iter()
                        .filter(|i| i.month.as_str() >= months.0 && i.month.as_str() <= months.1)
                        .filter(|i| agency.is_none_or(|g| i.agency_id == Some(g.0)))
                        .filter(|i| p.as_ref().is_none_or(|(a, b)| i.area_path >= *a && i.area_path < *b))
                        .filter(|i| officer.is_none_or(|o| i.officer_id == Some(o.0)))
                        .filter_map(|i| i.response_secs)
                        .collect();
                    want.sort_unstable();
                    for offset in [0, 1, want.len() as i64 / 2, want.len() as i64] {
                        let got = dashboard::response_at(&mut conn, &r, offset).await.unwrap();
                        assert_eq!(got, want.get(offset as usize).copied(), "{r:?} at {offset}");
                        found += usize::from(got.is_some());
                    }
                }
            }
        }
    }
    assert!(found > 20, "most combinations find something ({found})");
}

#[tokio::test]
async fn cells_by_area_by_month_and_officer_names() {
    let app = common::spawn().await;
    let db = app.db();
    let areas: Vec<AreaId> = ids(db, "SELECT id FROM areas ORDER BY id LIMIT 3")
        .await
        .into_iter()
        .map(AreaId)
        .collect();
    let agency = AgencyId(ids(db, "SELECT id FROM agencies ORDER BY id LIMIT 1").await[0]);
    let mut conn = db.pool.acquire().await.unwrap();
    let received = |n: i64| Delta {
        received: n,
        ..Default::default()
    };
    for (k, period) in ["1999-01", "1999-02", "1999-03"].into_iter().enumerate() {
        for (j, area) in areas.iter().enumerate() {
            for g in [None, Some(agency)] {
                let key = CellKey {
                    period,
                    agency: g,
                    area: Some(*area),
                    officer: None,
                };
                dashboard::bump(&mut conn, &key, &received(10 * k as i64 + j as i64 + 1))
                    .await
                    .unwrap();
            }
        }
        let all = CellKey {
            period,
            agency: Some(agency),
            area: None,
            officer: None,
        };
        dashboard::bump(&mut conn, &all, &received(100 + k as i64))
            .await
            .unwrap();
    }
    drop(conn);
    // By area: none asked, one, several; all agencies or one.
    assert!(dashboard::area_cells(db, "1999-02", None, &[])
        .await
        .unwrap()
        .is_empty());
    for g in [None, Some(agency)] {
        let one = dashboard::area_cells(db, "1999-02", g, &areas[1..2]).await.unwrap();
        assert_eq!(
            one.iter().map(|c| (c.area_id, c.received)).collect::<Vec<_>>(),
            [(areas[1].0, 12)]
        );
        let mut some = dashboard::area_cells(db, "1999-02", g, &[areas[0], areas[2]])
            .await
            .unwrap();
        some.sort_by_key(|c| c.area_id);
        assert_eq!(
            some.iter().map(|c| (c.area_id, c.received)).collect::<Vec<_>>(),
            [(areas[0].0, 11), (areas[2].0, 13)]
        );
        assert!(some
            .iter()
            .all(|c| c.agency_id == g.map_or(0, |g| g.0) && c.officer_id == 0));
    }
    // The trend: none asked, one month, several (one never written).
    assert!(dashboard::trend_cells(db, Some(agency), None, &[])
        .await
        .unwrap()
        .is_empty());
    let months = |m: &[&str]| m.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let one = dashboard::trend_cells(db, Some(agency), None, &months(&["1999-03"]))
        .await
        .unwrap();
    assert_eq!(one.iter().map(|c| c.received).collect::<Vec<_>>(), [102]);
    let mut some = dashboard::trend_cells(db, Some(agency), None, &months(&["1999-01", "1999-02", "1998-12"]))
        .await
        .unwrap();
    some.sort_by(|a, b| a.period.cmp(&b.period));
    assert_eq!(
        some.iter().map(|c| (c.period.as_str(), c.received)).collect::<Vec<_>>(),
        [("1999-01", 100), ("1999-02", 101)]
    );
    let by_area = dashboard::trend_cells(db, None, Some(areas[2]), &months(&["1999-01", "1999-03"]))
        .await
        .unwrap();
    let mut got: Vec<i64> = by_area.iter().map(|c| c.received).collect();
    got.sort_unstable();
    assert_eq!(got, [3, 23]);
    // Officers' names: none asked, one, several.
    let users: Vec<(i64, String)> = sqlx::query_as("SELECT id, display_name FROM users ORDER BY id LIMIT 3")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert!(dashboard::user_names(db, &[]).await.unwrap().is_empty());
    for n in 1..=3 {
        let asked: Vec<UserId> = users[..n].iter().map(|u| UserId(u.0)).collect();
        let mut got: Vec<(i64, String)> = dashboard::user_names(db, &asked)
            .await
            .unwrap()
            .into_iter()
            .map(|u| (u.id.0, u.display_name))
            .collect();
        got.sort_unstable();
        assert_eq!(got, users[..n]);
    }
}
