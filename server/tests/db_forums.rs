#![allow(clippy::unwrap_used)]
//! The forums' dynamic queries against a real database, on whichever backend
//! the suite runs on: every filter, sort and paging combination of the
//! thread list, a thread's page of posts with and without its opening post,
//! and search (each plan of each backend), each checked against the same
//! answer worked out in Rust from the whole table.
mod common;
use app::db::threads::{ListQuery, SUB_AREA_WINDOW};
use app::db::{posts, search, threads, Backend, Db};
use app::domain::forum_rules::path_end;
use app::domain::ids::{AreaId, CategoryId, PostId, ThreadId, UserId};
use app::model::{Me, ThreadSort};
use app::server::forums;
use common::*;

#[derive(sqlx::FromRow, Debug, Clone)]
struct Thread {
    id: i64,
    area_id: i64,
    area_path: String,
    category_id: i64,
    reply_count: i64,
    last_post_at: i64,
    pinned_at: Option<i64>,
    hidden_at: Option<i64>,
    proposal_id: Option<i64>,
}

impl Thread {
    fn key(&self, sort: ThreadSort) -> i64 {
        match sort {
            ThreadSort::Activity => self.last_post_at,
            ThreadSort::Newest => self.id,
            ThreadSort::Replies => self.reply_count,
        }
    }
}

async fn all_threads(db: &Db) -> Vec<Thread> {
    sqlx::query_as(
        "SELECT id, area_id, area_path, category_id, reply_count, last_post_at, pinned_at, hidden_at, proposal_id \
         FROM threads WHERE usulan_id IS NULL",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap()
}

async fn user(app: &TestApp, username: &str) -> Me {
    let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    Me {
        id,
        username: username.into(),
        ..Default::default()
    }
}

async fn category_id(app: &TestApp, slug: &str) -> i64 {
    category(app, slug).await.parse().unwrap()
}

/// Threads in a city, its districts and a village, in two categories, some
/// pinned, some hidden, with ties in every sort key.
async fn many_threads(app: &TestApp) {
    let db = app.db();
    let me = user(app, "warga.denpasar").await;
    let areas = [
        "Kota Denpasar",
        "Denpasar Barat",
        "Dauh Puri",
        "Denpasar Selatan",
        "Kota Malang",
    ];
    let cats = [
        category_id(app, "infrastruktur").await,
        category_id(app, "kesehatan").await,
    ];
    for i in 0..36_i64 {
        let area = AreaId(app.area_id(areas[i as usize % areas.len()]).await);
        let t = forums::NewThread {
            title: format!("Utas nomor {i} tentang jalan"),
            body: format!("Isi utas {i}: jalan berlubang, zebrakros pudar."),
            area_id: area,
            category_id: CategoryId(cats[(i / 2) as usize % 2]),
            photos: Vec::new(),
        };
        let id = forums::create_thread(&app.state, &me, t, 1_700_000_000 + (i / 3) * 60)
            .await
            .unwrap();
        sqlx::query("UPDATE threads SET reply_count = $1 WHERE id = $2")
            .bind(i % 4)
            .bind(id)
            .execute(&db.pool)
            .await
            .unwrap();
        if i % 7 == 0 {
            sqlx::query("UPDATE threads SET pinned_at = $1 WHERE id = $2")
                .bind(1_700_100_000 + i)
                .bind(id)
                .execute(&db.pool)
                .await
                .unwrap();
        }
        if i % 11 == 5 {
            hide(db, id).await;
            // As moderation does when it hides a thread.
            let mut conn = db.pool.acquire().await.unwrap();
            search::unindex_thread(&mut conn, db.backend, id).await.unwrap();
        }
    }
}

async fn hide(db: &Db, id: ThreadId) {
    sqlx::query("UPDATE threads SET hidden_at = $1 WHERE id = $2")
        .bind(1_700_200_000_i64)
        .bind(id)
        .execute(&db.pool)
        .await
        .unwrap();
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Scope {
    Area,
    SubAreas,
    /// Sub-areas, read from the newest threads of all areas.
    Recent,
}

/// What [`threads::list`] must answer, from the whole table.
fn expected(all: &[Thread], q: &ListQuery<'_>, scope: Scope) -> Vec<i64> {
    let key = |t: &Thread| (t.key(q.sort), t.id);
    let mut out = Vec::new();
    if q.after.is_none() {
        let mut pinned: Vec<&Thread> = all
            .iter()
            .filter(|t| t.area_id == q.area_id.0 && t.pinned_at.is_some())
            .filter(|t| t.hidden_at.is_none() && t.proposal_id.is_none())
            .collect();
        pinned.sort_by_key(|t| std::cmp::Reverse(t.pinned_at));
        out.extend(pinned.iter().take(10).map(|t| t.id));
    }
    let in_range = |t: &Thread| t.area_path.as_str() >= q.path && t.area_path.as_str() < q.path_end;
    let mut listed: Vec<&Thread> = all
        .iter()
        .filter(|t| t.proposal_id.is_none() && t.hidden_at.is_none() && t.pinned_at.is_none())
        .filter(|t| match scope {
            Scope::Area => t.area_id == q.area_id.0,
            Scope::SubAreas => in_range(t),
            Scope::Recent => true,
        })
        .filter(|t| q.category.is_none_or(|c| t.category_id == c.0))
        .filter(|t| q.after.is_none_or(|(k, id)| key(t) < (k, id.0)))
        .collect();
    listed.sort_by_key(|t| std::cmp::Reverse(key(t)));
    if scope == Scope::Recent {
        listed.truncate(SUB_AREA_WINDOW as usize);
        listed.retain(|t| in_range(t));
    }
    out.extend(listed.iter().take(q.limit as usize).map(|t| t.id));
    out.sort_unstable();
    out
}

#[tokio::test]
async fn thread_lists_answer_every_filter_sort_and_page() {
    let app = spawn().await;
    many_threads(&app).await;
    let db = app.db();
    let all = all_threads(db).await;
    let city = AreaId(app.area_id("Kota Denpasar").await);
    let district = AreaId(app.area_id("Denpasar Barat").await);
    let infra = CategoryId(category_id(&app, "infrastruktur").await);
    let mut checked = 0;
    let mut second_pages = 0;
    for area in [city, district] {
        let path: String = sqlx::query_scalar("SELECT path FROM areas WHERE id = $1")
            .bind(area)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        let end = path_end(&path);
        for sort in [ThreadSort::Activity, ThreadSort::Newest, ThreadSort::Replies] {
            for category in [None, Some(infra)] {
                for scope in [Scope::Area, Scope::SubAreas, Scope::Recent] {
                    let mut q = ListQuery {
                        area_id: area,
                        path: &path,
                        path_end: &end,
                        sort,
                        category,
                        include_sub: scope != Scope::Area,
                        after: None,
                        limit: 5,
                    };
                    let first = expected(&all, &q, scope);
                    let recent = scope == Scope::Recent;
                    let mut got: Vec<i64> = threads::list(db, &q, recent)
                        .await
                        .unwrap()
                        .iter()
                        .map(|t| t.id.0)
                        .collect();
                    got.sort_unstable();
                    assert_eq!(got, first, "{sort:?} {category:?} {scope:?} first page of area {area}");
                    checked += 1;
                    // The next page starts after the third thread listed.
                    let mut listed: Vec<&Thread> = all
                        .iter()
                        .filter(|t| first.contains(&t.id) && t.pinned_at.is_none())
                        .collect();
                    listed.sort_by_key(|t| std::cmp::Reverse((t.key(sort), t.id)));
                    let Some(cursor) = listed.get(2) else { continue };
                    q.after = Some((cursor.key(sort), ThreadId(cursor.id)));
                    let next = expected(&all, &q, scope);
                    second_pages += usize::from(!next.is_empty());
                    let mut got: Vec<i64> = threads::list(db, &q, recent)
                        .await
                        .unwrap()
                        .iter()
                        .map(|t| t.id.0)
                        .collect();
                    got.sort_unstable();
                    assert_eq!(got, next, "{sort:?} {category:?} {scope:?} after {:?}", q.after);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 50, "{checked} lists checked");
    assert!(second_pages >= 15, "{second_pages} second pages with threads");
    // The first pages did bring pinned threads, and hidden ones never came.
    let pinned = all
        .iter()
        .filter(|t| t.pinned_at.is_some() && t.area_id == city.0)
        .count();
    assert!(pinned >= 2);
}

/// On PostgreSQL, a list of a sub-tree is planned with its own range every
/// time (see `Db::pool_for`), while every other statement keeps one plan:
/// the generic plan of a sub-tree list, made without the paths, walked the
/// whole table to fill a village's page. Checked on the statements
/// PostgreSQL kept for a server with one connection of each kind.
#[tokio::test]
async fn sub_tree_lists_are_planned_with_their_range() {
    let app = spawn().await;
    if app.db().backend != Backend::Postgres {
        return;
    }
    many_threads(&app).await;
    let db = Db::connect_with(&app.state.config.database_url, Some(1)).await.unwrap();
    let district = AreaId(app.area_id("Denpasar Barat").await);
    let path: String = sqlx::query_scalar("SELECT path FROM areas WHERE id = $1")
        .bind(district)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let end = path_end(&path);
    for round in 0..12 {
        let include_sub = round % 2 == 1;
        let q = ListQuery {
            area_id: district,
            path: &path,
            path_end: &end,
            sort: ThreadSort::Activity,
            category: None,
            include_sub,
            after: None,
            limit: 5,
        };
        threads::list(&db, &q, false).await.unwrap();
    }
    let plans = |pool: sqlx::AnyPool| async move {
        let (custom, generic): (i64, i64) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(custom_plans), 0) AS BIGINT), CAST(COALESCE(SUM(generic_plans), 0) AS BIGINT) \
             FROM pg_prepared_statements WHERE statement LIKE '%FROM threads t WHERE%' \
             AND statement NOT LIKE '%pg_prepared_statements%'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        (custom, generic)
    };
    assert_eq!(plans(db.pool_for(true).clone()).await, (6, 0), "sub-tree lists");
    assert_eq!(plans(db.pool.clone()).await, (0, 6), "one area's lists");
}

#[tokio::test]
async fn joined_threads_are_those_of_joined_forums() {
    let app = spawn().await;
    many_threads(&app).await;
    let db = app.db();
    let me = user(&app, "warga.walesi").await;
    let district = AreaId(app.area_id("Denpasar Barat").await);
    forums::set_membership(&app.state, UserId(me.id), district, true, 1)
        .await
        .unwrap();
    let got = threads::joined(db, UserId(me.id), 100).await.unwrap();
    let mut want: Vec<Thread> = all_threads(db)
        .await
        .into_iter()
        .filter(|t| t.area_id == district.0 && t.proposal_id.is_none() && t.hidden_at.is_none())
        .collect();
    want.sort_by_key(|t| std::cmp::Reverse((t.last_post_at, t.id)));
    assert!(!want.is_empty());
    assert_eq!(
        got.iter().map(|t| t.id.0).collect::<Vec<_>>(),
        want.iter().map(|t| t.id).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_page_of_posts_with_and_without_the_opening_post() {
    let app = spawn().await;
    let db = app.db();
    let me = user(&app, "warga.denpasar").await;
    let t = forums::NewThread {
        title: "Halaman balasan".into(),
        body: "Pembuka".into(),
        area_id: AreaId(app.area_id("Kota Denpasar").await),
        category_id: CategoryId(category_id(&app, "infrastruktur").await),
        photos: Vec::new(),
    };
    let thread = forums::create_thread(&app.state, &me, t, 1_700_000_000).await.unwrap();
    let other = user(&app, "warga.walesi").await;
    for i in 1..=7 {
        forums::reply(
            &app.state,
            &other,
            thread,
            None,
            &format!("Balasan {i}"),
            1_700_000_000 + i,
        )
        .await
        .unwrap();
    }
    let seqs = |rows: Vec<posts::PostRow>| rows.iter().map(|p| p.seq).collect::<Vec<_>>();
    assert_eq!(
        seqs(posts::page(db, thread, 0, 3, true).await.unwrap()),
        vec![0, 1, 2, 3]
    );
    assert_eq!(seqs(posts::page(db, thread, 0, 3, false).await.unwrap()), vec![1, 2, 3]);
    assert_eq!(
        seqs(posts::page(db, thread, 3, 3, true).await.unwrap()),
        vec![0, 4, 5, 6]
    );
    assert_eq!(seqs(posts::page(db, thread, 5, 50, false).await.unwrap()), vec![6, 7]);
    let rows = posts::page(db, thread, 0, 1, true).await.unwrap();
    assert_eq!(rows[0].author_id, UserId(me.id));
    assert_eq!(rows[1].author_id, UserId(other.id));
    assert!(rows[1].body_html.contains("Balasan 1"));
}

/// Every search plan of the backend in use, on the first page and after a
/// cursor, against the posts that hold the word and that the public may read.
#[tokio::test]
async fn search_plans_find_public_posts_newest_first() {
    let app = spawn().await;
    many_threads(&app).await;
    let db = app.db();
    // Posts holding the word, newest first, and whether their thread is
    // hidden (and so out of the index).
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT p.id, t.hidden_at FROM posts p JOIN threads t ON t.id = p.thread_id \
         WHERE p.body_src LIKE '%zebrakros%' ORDER BY p.id DESC",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert!(rows.iter().any(|(_, h)| h.is_some()));
    let public: Vec<i64> = rows.iter().filter(|(_, h)| h.is_none()).map(|(id, _)| *id).collect();
    assert!(public.len() > 20);
    let cursor = PostId(public[4]);
    let (start, end) = ("\u{E000}".to_owned(), "\u{E001}".to_owned());
    let options = "StartSel=\u{E000}, StopSel=\u{E001}";
    for before in [PostId(i64::MAX), cursor] {
        let terms = match db.backend {
            Backend::Sqlite => "\"zebrakros\"",
            Backend::Postgres => "zebrakros",
        };
        let q = search::HitQuery {
            terms,
            before,
            limit: 6,
        };
        let want: Vec<i64> = public.iter().copied().filter(|id| *id < before.0).take(6).collect();
        let plans = match db.backend {
            Backend::Sqlite => vec![search::sqlite_hits(db, &q, (&start, &end)).await.unwrap()],
            Backend::Postgres => vec![
                search::pg_recent_hits(db, &q, options).await.unwrap(),
                search::pg_indexed_hits(db, &q, options).await.unwrap(),
            ],
        };
        for hits in plans {
            assert_eq!(hits.iter().map(|h| h.id.0).collect::<Vec<_>>(), want, "before {before}");
            assert!(hits.iter().all(|h| h.snip.contains("\u{E000}")), "matches are marked");
            assert!(hits.iter().all(|h| h.title.starts_with("Utas nomor")));
        }
    }
    // The service pages through them all, whichever plan it picks.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = forums::search(db, app::model::Lang::Id, "Zebrakros!", after)
            .await
            .unwrap();
        seen.extend(page.hits.iter().map(|h| h.url.clone()));
        match page.next {
            Some(n) => after = Some(PostId(n)),
            None => break,
        }
    }
    assert_eq!(seen.len(), public.len());
    // A hidden thread whose posts were left in the index: no plan shows
    // them (the indexed plan would then fill a page less).
    let (gone, gone_thread): (i64, i64) = sqlx::query_as("SELECT id, thread_id FROM posts WHERE id = $1")
        .bind(public[1])
        .fetch_one(&db.pool)
        .await
        .unwrap();
    hide(db, ThreadId(gone_thread)).await;
    let q = search::HitQuery {
        terms: match db.backend {
            Backend::Sqlite => "\"zebrakros\"",
            Backend::Postgres => "zebrakros",
        },
        before: PostId(i64::MAX),
        limit: 100,
    };
    let plans = match db.backend {
        Backend::Sqlite => vec![search::sqlite_hits(db, &q, (&start, &end)).await.unwrap()],
        Backend::Postgres => vec![
            search::pg_recent_hits(db, &q, options).await.unwrap(),
            search::pg_indexed_hits(db, &q, options).await.unwrap(),
        ],
    };
    for hits in plans {
        assert_eq!(hits.len(), public.len() - 1);
        assert!(hits.iter().all(|h| h.id.0 != gone));
    }
}

/// Why `app::db::numbered` exists: sqlx's `QueryBuilder<Any>` writes `?`
/// placeholders, which PostgreSQL refuses (SQLite takes them).
#[tokio::test]
async fn stock_any_query_builder_placeholders_and_numbered_ones() {
    let app = spawn().await;
    let db = app.db();
    let mut stock = sqlx::QueryBuilder::<sqlx::Any>::new("SELECT ");
    stock.push_bind(41_i64).push(" + 1");
    let r: Result<i64, _> = stock.build_query_scalar().fetch_one(&db.pool).await;
    match db.backend {
        Backend::Sqlite => assert_eq!(r.unwrap(), 42),
        Backend::Postgres => assert!(r.is_err()),
    }
    let mut numbered = app::db::numbered::Numbered::new("SELECT CAST(");
    numbered.push_bind(41_i64).push(" AS BIGINT) + 1");
    let mut qb = numbered.build();
    let n: i64 = qb.build_query_scalar().fetch_one(&db.pool).await.unwrap();
    assert_eq!(n, 42);
}
