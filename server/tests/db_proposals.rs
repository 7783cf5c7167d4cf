#![allow(clippy::unwrap_used)]
//! The dynamic queries of proposals and the decision record, run against a
//! real database (whichever backend the suite runs on): every combination
//! of filters gives exactly the rows a plain reading of the table says it
//! should, in order.
mod common;
use app::db::proposals::{self, AreaScope, ListFilter, Sort};
use app::db::record::{self, Filter, Start};
use app::db::responses;
use app::domain::ids::{AgencyId, AreaId, CategoryId};
use app::domain::proposal::State;

#[derive(sqlx::FromRow, Debug, Clone)]
struct Row {
    id: i64,
    state: String,
    hidden_at: Option<i64>,
    area_path: String,
    area0_id: Option<i64>,
    area1_id: Option<i64>,
    area2_id: Option<i64>,
    category_id: i64,
    agency_id: Option<i64>,
    awaiting_since: Option<i64>,
    answered_at: Option<i64>,
    support_count: i64,
    due_at: Option<i64>,
}

#[derive(sqlx::FromRow, Debug, Clone)]
struct Area {
    id: i64,
    path: String,
}

fn depth(path: &str) -> usize {
    path.split('/').filter(|s| !s.is_empty()).count().saturating_sub(1)
}

/// Proposals in many areas, categories, states and stages of an answer,
/// beside the demo's own.
async fn seed(db: &app::db::Db) -> (Vec<Area>, Vec<i64>, Vec<i64>) {
    let areas: Vec<Area> = sqlx::query_as("SELECT id, path FROM areas ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let categories: Vec<i64> = sqlx::query_scalar("SELECT id FROM categories ORDER BY id LIMIT 2")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let agencies: Vec<i64> = sqlx::query_scalar("SELECT id FROM agencies ORDER BY id LIMIT 2")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let author: i64 = sqlx::query_scalar("SELECT MIN(id) FROM users")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(areas.len() > 3 && categories.len() == 2 && agencies.len() == 2);
    // Areas at every depth, deepest ones too (listed by path range).
    let mut chosen: Vec<&Area> = Vec::new();
    for d in 0..6 {
        chosen.extend(areas.iter().filter(|a| depth(&a.path) == d).take(2));
    }
    let states = [
        "draft",
        "published",
        "under_review",
        "accepted",
        "partially_accepted",
        "rejected",
        "in_progress",
        "implemented",
        "withdrawn",
    ];
    for i in 0..40_i64 {
        let area = chosen[i as usize % chosen.len()];
        let ids: Vec<i64> = area.path.split('/').filter_map(|s| s.parse().ok()).collect();
        let awaiting = (i % 3 == 0).then_some(1_000 + i);
        let answered = (i % 4 == 1).then_some(2_000 + i);
        sqlx::query(
            "INSERT INTO proposals (author_id, area_id, area_path, category_id, title, body_src, body_html, excerpt, \
             state, support_count, threshold, agency_id, awaiting_since, due_at, answered_at, hidden_at, \
             area0_id, area1_id, area2_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'x', 'x', 'x', 'x', $5, $6, 10, $7, $8, $9, $10, $11, $12, $13, $14, 0, 0)",
        )
        .bind(author)
        .bind(area.id)
        .bind(&area.path)
        .bind(categories[(i % 2) as usize])
        .bind(states[i as usize % states.len()])
        // Ties, so that the id breaks them.
        .bind(i % 5)
        .bind(match i % 3 {
            0 => None,
            k => Some(agencies[k as usize - 1]),
        })
        .bind(awaiting)
        .bind(awaiting.map(|a| a + (i * 7) % 11))
        .bind(answered)
        .bind((i % 13 == 5).then_some(3_000_i64))
        .bind(ids.first().copied())
        .bind(ids.get(1).copied())
        .bind(ids.get(2).copied())
        .execute(&db.pool)
        .await
        .unwrap();
    }
    (chosen.into_iter().cloned().collect(), categories, agencies)
}

async fn all_rows(db: &app::db::Db) -> Vec<Row> {
    sqlx::query_as(
        "SELECT id, state, hidden_at, area_path, area0_id, area1_id, area2_id, category_id, agency_id, \
         awaiting_since, answered_at, support_count, due_at FROM proposals",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap()
}

fn key(sort: Sort, r: &Row) -> i64 {
    match sort {
        Sort::Newest => r.id,
        Sort::Awaiting => r.due_at.unwrap_or(0),
        Sort::Supports => r.support_count,
    }
}

/// What the list should hold, read from every row by hand.
fn expected(rows: &[Row], f: &ListFilter) -> Vec<i64> {
    let mut out: Vec<&Row> = rows
        .iter()
        .filter(|r| r.state != "draft" && r.hidden_at.is_none())
        .filter(|r| match &f.area {
            Some(AreaScope::Column { depth, id }) => [r.area0_id, r.area1_id, r.area2_id][*depth] == Some(id.0),
            Some(AreaScope::Paths { from, .. }) => r.area_path.starts_with(from.as_str()),
            None => true,
        })
        .filter(|r| f.category.is_none_or(|c| r.category_id == c.0))
        .filter(|r| f.state.is_none_or(|s| r.state == s.code()))
        .filter(|r| !f.awaiting || r.awaiting_since.is_some())
        .filter(|r| match &f.agencies {
            Some(ids) if !ids.is_empty() => r.agency_id.is_some_and(|a| ids.contains(&AgencyId(a))),
            Some(_) => r.agency_id.is_some(),
            None => true,
        })
        .filter(|r| match f.answered {
            Some(true) => r.answered_at.is_some(),
            Some(false) => r.awaiting_since.is_some(),
            None => true,
        })
        .collect();
    let descending = f.sort != Sort::Awaiting;
    out.sort_by_key(|r| (key(f.sort, r), r.id));
    if descending {
        out.reverse();
    }
    if let Some(after) = f.after {
        out.retain(|r| {
            let k = (key(f.sort, r), r.id);
            if descending {
                k < after
            } else {
                k > after
            }
        });
    }
    out.into_iter().take(f.limit as usize).map(|r| r.id).collect()
}

#[tokio::test]
async fn proposal_lists_for_every_filter_combination() {
    let app = common::spawn().await;
    let db = app.db();
    let (areas, categories, agencies) = seed(db).await;
    let rows = all_rows(db).await;
    let mut scopes = vec![None];
    for d in 0..=2 {
        if let Some(a) = areas.iter().find(|a| depth(&a.path) == d) {
            scopes.push(Some(AreaScope::Column {
                depth: d,
                id: AreaId(a.id),
            }));
        }
    }
    let deep = areas
        .iter()
        .find(|a| depth(&a.path) >= 3)
        .expect("an area below district depth");
    scopes.push(Some(AreaScope::Paths {
        from: deep.path.clone(),
        to: format!("{}0", deep.path.trim_end_matches('/')),
    }));
    // A path range over a whole regency too, to hold several areas.
    let regency = areas.iter().find(|a| depth(&a.path) == 1).unwrap();
    scopes.push(Some(AreaScope::Paths {
        from: regency.path.clone(),
        to: format!("{}0", regency.path.trim_end_matches('/')),
    }));
    let agency_sets = [
        None,
        Some(Vec::new()),
        Some(vec![AgencyId(agencies[0])]),
        Some(vec![AgencyId(agencies[0]), AgencyId(agencies[1])]),
    ];
    let (mut checked, mut nonempty) = (0, 0);
    for area in &scopes {
        for category in [None, Some(CategoryId(categories[1]))] {
            for state in [None, Some(State::Published), Some(State::Accepted)] {
                for awaiting in [false, true] {
                    for agencies in &agency_sets {
                        for answered in [None, Some(true), Some(false)] {
                            for sort in [Sort::Supports, Sort::Newest, Sort::Awaiting] {
                                // Soonest due first is only asked for among
                                // proposals that have a due date.
                                if sort == Sort::Awaiting && !awaiting && answered != Some(false) {
                                    continue;
                                }
                                let mut f = ListFilter {
                                    author: None,
                                    area: area.clone(),
                                    category,
                                    state,
                                    awaiting,
                                    agencies: agencies.clone(),
                                    answered,
                                    sort,
                                    after: None,
                                    limit: 100,
                                };
                                let whole = expected(&rows, &f);
                                let got: Vec<i64> =
                                    proposals::list(db, &f).await.unwrap().iter().map(|r| r.id.0).collect();
                                assert_eq!(got, whole, "{f:?}");
                                // The next page after the second row, three at a time.
                                if whole.len() > 2 {
                                    let second = rows.iter().find(|r| r.id == whole[1]).unwrap();
                                    f.after = Some((key(sort, second), second.id));
                                    f.limit = 3;
                                    let got: Vec<i64> =
                                        proposals::list(db, &f).await.unwrap().iter().map(|r| r.id.0).collect();
                                    assert_eq!(got, expected(&rows, &f), "{f:?}");
                                    assert_eq!(got, whole[2..whole.len().min(5)], "{f:?}");
                                    nonempty += 1;
                                }
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 1000 && nonempty > 50, "{checked} lists, {nonempty} paged");
}

#[derive(sqlx::FromRow, Debug, Clone)]
struct RecordRow {
    seq: i64,
    subject: String,
    subject_id: i64,
    area_path: String,
    agency_id: Option<i64>,
}

#[tokio::test]
async fn record_reads_for_every_filter_combination() {
    let app = common::spawn().await;
    let db = app.db();
    let rows: Vec<RecordRow> =
        sqlx::query_as("SELECT seq, subject, subject_id, area_path, agency_id FROM record ORDER BY seq")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert!(rows.iter().any(|r| r.subject == "proposal") && rows.iter().any(|r| r.subject == "complaint"));
    let with_agency = rows
        .iter()
        .find(|r| r.agency_id.is_some())
        .expect("an entry with an agency");
    let proposal = rows.iter().find(|r| r.subject == "proposal").unwrap();
    // The first two parts of a path: a whole regency.
    let regency: String = proposal.area_path.split_inclusive('/').take(2).collect();
    let last = rows.last().unwrap().seq;
    let mut checked = 0;
    for area_path in [None, Some(regency.clone()), Some(proposal.area_path.clone())] {
        for agency_id in [None, with_agency.agency_id] {
            for subject in [None, Some(("proposal".to_owned(), proposal.subject_id))] {
                for kind in [None, Some("proposal"), Some("complaint")] {
                    let f = Filter {
                        area_path: area_path.clone(),
                        agency_id,
                        subject: subject.clone(),
                        kind,
                    };
                    let wanted: Vec<i64> = rows
                        .iter()
                        .filter(|r| f.area_path.as_ref().is_none_or(|p| r.area_path.starts_with(p.as_str())))
                        .filter(|r| f.agency_id.is_none_or(|a| r.agency_id == Some(a)))
                        .filter(|r| {
                            f.subject
                                .as_ref()
                                .is_none_or(|(s, id)| &r.subject == s && r.subject_id == *id)
                        })
                        .filter(|r| f.kind.is_none_or(|k| r.subject == k))
                        .map(|r| r.seq)
                        .collect();
                    for (from, limit) in [(Start::After(0), 1000), (Start::After(1), 2), (Start::Before(last), 3)] {
                        let got: Vec<i64> = record::read(db, &f, from, limit)
                            .await
                            .unwrap()
                            .iter()
                            .map(|e| e.seq)
                            .collect();
                        let mut want: Vec<i64> = match from {
                            Start::After(s) => wanted.iter().copied().filter(|q| *q > s).collect(),
                            Start::Before(s) => wanted.iter().rev().copied().filter(|q| *q < s).collect(),
                        };
                        want.truncate(limit as usize);
                        assert_eq!(got, want, "{f:?} {from:?}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 3 * 2 * 2 * 3 * 3);
}

#[tokio::test]
async fn response_texts_by_their_record_entries() {
    let app = common::spawn().await;
    let db = app.db();
    let seqs: Vec<i64> = sqlx::query_scalar("SELECT record_seq FROM official_responses ORDER BY record_seq")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert!(seqs.len() >= 2, "the demo answers a proposal twice");
    assert!(responses::bodies(db, &[]).await.unwrap().is_empty());
    for asked in [vec![seqs[0]], seqs.clone(), vec![seqs[1], 999_999], vec![999_999]] {
        let mut got: Vec<i64> = responses::bodies(db, &asked)
            .await
            .unwrap()
            .into_iter()
            .inspect(|b| assert!(!b.body_html.is_empty()))
            .map(|b| b.record_seq)
            .collect();
        got.sort();
        let want: Vec<i64> = seqs.iter().copied().filter(|s| asked.contains(s)).collect();
        assert_eq!(got, want, "{asked:?}");
    }
}
