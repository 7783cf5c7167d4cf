#![allow(clippy::unwrap_used)]
//! The dynamic queries of moderation and corrections (built with
//! `db::builder::Builder`, every value bound), each filter combination, on
//! the backend the suite runs on (SQLite, or PostgreSQL with
//! TEST_DATABASE_URL). The demo data is there too: each test checks its own
//! rows and that every row returned matches the filter.
mod common;

use app::db::mod_log::{LogFilter, PathRange, Within};
use app::db::{appeals, corrections, flags, mod_log, Db};
use app::domain::ids::{ModLogId, UserId};
use app::domain::moderation::LogAction;
use app::model::Lang;
use app::server::users;
use std::collections::BTreeSet;

async fn user(db: &Db, username: &str, area: i64) -> UserId {
    let mut tx = db.pool.begin().await.unwrap();
    let id = users::insert(
        &mut tx,
        users::NewUser {
            username,
            display_name: username,
            password_hash: "-",
            home_area_id: area,
            lang: Lang::Id,
            at: 1,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    UserId(id)
}

/// An area's id and the range of paths of it and the areas below it.
async fn area(app: &common::TestApp, name: &str) -> (i64, PathRange) {
    let id = app.area_id(name).await;
    let path: String = sqlx::query_scalar("SELECT path FROM areas WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let end = format!("{}0", path.trim_end_matches('/'));
    (id, PathRange { start: path, end })
}

fn within(r: &PathRange, path: &str) -> bool {
    r.start.as_str() <= path && path < r.end.as_str()
}

async fn queue_entry(db: &Db, item: i64, area: (i64, &str), author: UserId, open: bool, at: i64) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO flag_queue (item_kind, item_id, area_id, area_path, author_id, is_open, flag_count, \
         first_flag_at, last_flag_at) VALUES ('post', $1, $2, $3, $4, $5, 1, $6, $6) RETURNING id",
    )
    .bind(item)
    .bind(area.0)
    .bind(area.1)
    .bind(author)
    .bind(i64::from(open))
    .bind(at)
    .fetch_one(&db.pool)
    .await
    .unwrap()
}

/// The open entries as read without the builder, with their paths.
async fn open_paths(db: &Db) -> Vec<(i64, String)> {
    sqlx::query_as::<_, (i64, String)>("SELECT id, area_path FROM flag_queue WHERE is_open = 1")
        .fetch_all(&db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_queue_keeps_to_the_moderators_areas() {
    let app = common::spawn().await;
    let db = app.db();
    let (a_id, a) = area(&app, "Denpasar Barat").await;
    let (b_id, b) = area(&app, "Denpasar Timur").await;
    let author = user(db, "dbq_author", a_id).await;
    let in_a = queue_entry(db, 9_000_001, (a_id, &a.start), author, true, 10).await;
    let in_b = queue_entry(db, 9_000_002, (b_id, &b.start), author, true, 11).await;
    let closed = queue_entry(db, 9_000_003, (a_id, &a.start), author, false, 12).await;
    let all = open_paths(db).await;
    let ids = |rows: &[flags::QueueRow]| rows.iter().map(|r| r.id.0).collect::<BTreeSet<_>>();
    let expect = |f: &dyn Fn(&str) -> bool| {
        all.iter()
            .filter(|(_, p)| f(p))
            .map(|(id, _)| *id)
            .collect::<BTreeSet<_>>()
    };

    let everywhere = flags::open(db, Within::Everywhere, 10_000).await.unwrap();
    assert_eq!(ids(&everywhere), expect(&|_| true));
    assert!(ids(&everywhere).contains(&in_a) && ids(&everywhere).contains(&in_b));
    assert!(!ids(&everywhere).contains(&closed));
    // Oldest first.
    let firsts: Vec<i64> = everywhere.iter().map(|r| r.first_flag_at).collect();
    assert!(firsts.windows(2).all(|w| w[0] <= w[1]));

    let one = [a.clone()];
    let rows = flags::open(db, Within::Areas(&one), 10_000).await.unwrap();
    assert_eq!(ids(&rows), expect(&|p| within(&a, p)));
    assert!(ids(&rows).contains(&in_a) && !ids(&rows).contains(&in_b));
    let mine = rows.iter().find(|r| r.id.0 == in_a).unwrap();
    assert_eq!(
        (mine.author.as_str(), mine.anonymous, mine.item_id),
        ("dbq_author", 0, 9_000_001)
    );

    let two = [a.clone(), b.clone()];
    let rows = flags::open(db, Within::Areas(&two), 10_000).await.unwrap();
    assert_eq!(ids(&rows), expect(&|p| within(&a, p) || within(&b, p)));
    assert!(ids(&rows).contains(&in_a) && ids(&rows).contains(&in_b));

    assert!(flags::open(db, Within::Areas(&[]), 10_000).await.unwrap().is_empty());
    // The limit is bound too.
    assert_eq!(flags::open(db, Within::Everywhere, 1).await.unwrap().len(), 1);
}

/// Which of a test's rows a filter keeps.
type Keeps<'a> = Box<dyn Fn(&Logged) -> bool + 'a>;

struct Logged {
    id: i64,
    actor: UserId,
    path: String,
}

async fn log_row(db: &Db, actor: UserId, area: (i64, &str), action: &str, appeal: Option<&str>) -> Logged {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO mod_log (created_at, actor_id, action, item_kind, item_id, target_id, area_id, area_path, \
         reason, detail, appeal_state) VALUES (5, $1, $2, 'post', 9100000, NULL, $3, $4, 'r', '', $5) RETURNING id",
    )
    .bind(actor)
    .bind(action)
    .bind(area.0)
    .bind(area.1)
    .bind(appeal)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    Logged {
        id,
        actor,
        path: area.1.to_owned(),
    }
}

#[tokio::test]
async fn log_pages_filter_by_area_moderator_and_position() {
    let app = common::spawn().await;
    let db = app.db();
    let (a_id, a_range) = area(&app, "Denpasar Barat").await;
    let (b_id, b_range) = area(&app, "Denpasar Timur").await;
    let (a, b) = (&a_range, &b_range);
    let x = user(db, "dbl_mod_x", a_id).await;
    let y = user(db, "dbl_mod_y", b_id).await;
    let mine = [
        log_row(db, x, (a_id, &a.start), "hide", None).await,
        log_row(db, x, (b_id, &b.start), "lock", None).await,
        log_row(db, y, (a_id, &a.start), "pin", None).await,
        log_row(db, y, (b_id, &b.start), "hide", None).await,
        log_row(db, x, (a_id, &a.start), "restore", None).await,
    ];
    let total: i64 = app.scalar("SELECT COUNT(*) FROM mod_log").await;
    let middle = ModLogId(mine[2].id);
    // Each combination: what it must return of these rows, and what every
    // row it returns must satisfy.
    let cases: Vec<(LogFilter, Keeps)> = vec![
        (LogFilter::default(), Box::new(|_| true)),
        (
            LogFilter {
                before: Some(middle),
                ..Default::default()
            },
            Box::new(move |l| l.id < middle.0),
        ),
        (
            LogFilter {
                area: Some(a),
                ..Default::default()
            },
            Box::new(|l| within(a, &l.path)),
        ),
        (
            LogFilter {
                actor_key: Some("dbl_mod_x"),
                ..Default::default()
            },
            Box::new(move |l| l.actor == x),
        ),
        (
            LogFilter {
                area: Some(a),
                actor_key: Some("dbl_mod_x"),
                ..Default::default()
            },
            Box::new(move |l| l.actor == x && within(a, &l.path)),
        ),
        (
            LogFilter {
                before: Some(middle),
                area: Some(b),
                ..Default::default()
            },
            Box::new(move |l| l.id < middle.0 && within(b, &l.path)),
        ),
        (
            LogFilter {
                before: Some(middle),
                actor_key: Some("dbl_mod_x"),
                ..Default::default()
            },
            Box::new(move |l| l.id < middle.0 && l.actor == x),
        ),
        (
            LogFilter {
                before: Some(ModLogId(mine[4].id)),
                area: Some(a),
                actor_key: Some("dbl_mod_x"),
            },
            Box::new(move |l| l.actor == x && within(a, &l.path)),
        ),
    ];
    for (n, (filter, keeps)) in cases.iter().enumerate() {
        let rows = mod_log::page(db, filter, total + 10).await.unwrap();
        let got: BTreeSet<i64> = rows.iter().map(|r| r.id.0).collect();
        for l in &mine {
            let wanted = keeps(l) && filter.before.is_none_or(|b| l.id < b.0);
            assert_eq!(got.contains(&l.id), wanted, "case {n}, row {}", l.id);
        }
        for r in &rows {
            assert!(filter.before.is_none_or(|b| r.id < b), "case {n}");
            assert!(filter.area.is_none_or(|p| within(p, &r.area_path)), "case {n}");
            assert!(
                filter.actor_key.is_none_or(|k| r.actor_username.to_lowercase() == k),
                "case {n}"
            );
        }
        // Newest first.
        assert!(rows.windows(2).all(|w| w[0].id > w[1].id), "case {n}");
    }
    // The limit is bound.
    assert_eq!(mod_log::page(db, &LogFilter::default(), 2).await.unwrap().len(), 2);
}

#[tokio::test]
async fn open_appeals_leave_out_the_callers_own_and_keep_to_their_areas() {
    let app = common::spawn().await;
    let db = app.db();
    let (a_id, a) = area(&app, "Denpasar Barat").await;
    let (b_id, b) = area(&app, "Denpasar Timur").await;
    let x = user(db, "dba_mod_x", a_id).await;
    let y = user(db, "dba_mod_y", b_id).await;
    let by_x_in_a = log_row(db, x, (a_id, &a.start), "hide", Some("open")).await;
    let by_y_in_a = log_row(db, y, (a_id, &a.start), "hide", Some("open")).await;
    let by_y_in_b = log_row(db, y, (b_id, &b.start), "ban", Some("open")).await;
    let decided = log_row(db, y, (a_id, &a.start), "lock", Some("upheld")).await;
    let ids = |rows: &[mod_log::LogRow]| rows.iter().map(|r| r.id.0).collect::<BTreeSet<_>>();
    let check = |rows: &[mod_log::LogRow], caller: UserId, ranges: Option<&[PathRange]>| {
        for r in rows {
            assert_eq!(r.appeal_state.as_deref(), Some("open"));
            assert_ne!(r.actor_id, caller);
            if let Some(ranges) = ranges {
                assert!(ranges.iter().any(|p| within(p, &r.area_path)));
            }
        }
        assert!(rows.windows(2).all(|w| w[0].id < w[1].id));
    };

    let rows = appeals::open_within(db, x, Within::Everywhere, 10_000).await.unwrap();
    check(&rows, x, None);
    let got = ids(&rows);
    assert!(!got.contains(&by_x_in_a.id) && got.contains(&by_y_in_a.id) && got.contains(&by_y_in_b.id));
    assert!(!got.contains(&decided.id));

    let one = [a.clone()];
    let rows = appeals::open_within(db, x, Within::Areas(&one), 10_000).await.unwrap();
    check(&rows, x, Some(&one));
    let got = ids(&rows);
    assert!(got.contains(&by_y_in_a.id) && !got.contains(&by_y_in_b.id) && !got.contains(&by_x_in_a.id));

    let two = [a.clone(), b.clone()];
    let rows = appeals::open_within(db, y, Within::Areas(&two), 10_000).await.unwrap();
    check(&rows, y, Some(&two));
    let got = ids(&rows);
    assert!(got.contains(&by_x_in_a.id) && !got.contains(&by_y_in_a.id) && !got.contains(&by_y_in_b.id));

    assert!(appeals::open_within(db, x, Within::Areas(&[]), 10_000)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        appeals::open_within(db, x, Within::Everywhere, 1).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn a_later_action_of_the_same_effect_is_found_by_its_list() {
    let app = common::spawn().await;
    let db = app.db();
    let (a_id, a) = area(&app, "Denpasar Barat").await;
    let x = user(db, "dbr_mod", a_id).await;
    let first = log_row(db, x, (a_id, &a.start), "suspend", None).await;
    let _pin = log_row(db, x, (a_id, &a.start), "pin", None).await;
    let later = |actions: &'static [LogAction]| {
        let id = ModLogId(first.id);
        async move {
            let mut conn = db.pool.acquire().await.unwrap();
            mod_log::any_later(&mut conn, id, "post", 9_100_000, actions)
                .await
                .unwrap()
        }
    };
    // One, two and three values in the list; none.
    assert!(later(&[LogAction::Pin]).await);
    assert!(!later(&[LogAction::Hide, LogAction::Restore]).await);
    assert!(!later(LogAction::Ban.same_effect()).await);
    assert!(!later(&[]).await);
    log_row(db, x, (a_id, &a.start), "lift", None).await;
    assert!(later(LogAction::Ban.same_effect()).await);
    assert!(later(&[LogAction::Lift, LogAction::Pin]).await);
    // Only rows after it.
    let mut conn = db.pool.acquire().await.unwrap();
    let last: i64 = app.scalar("SELECT MAX(id) FROM mod_log").await;
    assert!(
        !mod_log::any_later(&mut conn, ModLogId(last), "post", 9_100_000, &[LogAction::Lift])
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn corrections_of_a_list_of_entries_are_found_by_bound_seqs() {
    let app = common::spawn().await;
    let db = app.db();
    let (a_id, a) = area(&app, "Denpasar Barat").await;
    let officer = user(db, "dbc_officer", a_id).await;
    let base: i64 = app.scalar("SELECT COALESCE(MAX(seq), 0) FROM record").await;
    for n in 1..=5_i64 {
        sqlx::query(
            "INSERT INTO record (seq, created_at, subject, subject_id, event, area_id, area_path, content, \
             prev_hash, hash) VALUES ($1, 1, 'proposal', 1, 'response', $2, $3, '{}', '-', $4)",
        )
        .bind(base + n)
        .bind(a_id)
        .bind(&a.start)
        .bind(format!("dbc-{}", base + n))
        .execute(&db.pool)
        .await
        .unwrap();
    }
    // Entry 1 is corrected by 3 and 4, entry 2 by 5.
    for (record, corrects) in [(3, 1), (4, 1), (5, 2)] {
        sqlx::query(
            "INSERT INTO corrections (record_seq, corrects_seq, subject, subject_id, field, now_text, reason, \
             officer_id, created_at) VALUES ($1, $2, 'proposal', 1, 'timeline', 'x', 'r', $3, 1)",
        )
        .bind(base + record)
        .bind(base + corrects)
        .bind(officer)
        .execute(&db.pool)
        .await
        .unwrap();
    }
    let pairs = |rows: Vec<corrections::Corrects>| {
        rows.into_iter()
            .map(|c| (c.corrects_seq - base, c.record_seq - base))
            .collect::<Vec<_>>()
    };
    assert!(corrections::of_entries(&db.pool, &[]).await.unwrap().is_empty());
    assert_eq!(
        pairs(corrections::of_entries(&db.pool, &[base + 1]).await.unwrap()),
        [(1, 3), (1, 4)]
    );
    assert_eq!(
        pairs(corrections::of_entries(&db.pool, &[base + 2]).await.unwrap()),
        [(2, 5)]
    );
    assert_eq!(
        pairs(
            corrections::of_entries(&db.pool, &[base + 2, base + 3, base + 1])
                .await
                .unwrap()
        ),
        [(1, 3), (1, 4), (2, 5)]
    );
    assert!(corrections::of_entries(&db.pool, &[base + 3, base + 4])
        .await
        .unwrap()
        .is_empty());
    // A long list, as an export batch asks.
    let many: Vec<i64> = (base - 600..=base + 5).collect();
    let found = pairs(corrections::of_entries(&db.pool, &many).await.unwrap());
    assert_eq!(
        found.into_iter().filter(|(of, _)| *of > 0).collect::<Vec<_>>(),
        [(1, 3), (1, 4), (2, 5)]
    );
}
