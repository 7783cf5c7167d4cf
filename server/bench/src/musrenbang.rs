//! Musrenbang in the benchmark (issue 24): a kota of 50 kecamatan and 500
//! kelurahan, its cycle voting at the kelurahan tier, 20,000 usulan and
//! 200,000 ballots (three approvals each, within the ceiling) written in
//! bulk; the time to count the whole tier with both rules; and, for the
//! ballot POST test, residents of the busiest kelurahan with sessions.
use crate::seed::{max_id, values};
use crate::text::Rng;
use crate::Res;
use app::db::{Backend, Db};
use app::domain::ids::{AreaId, CycleId};
use app::server::musrenbang::{self as plan, StageDays};
use app::server::{secrets, time, AppState, SESSION_COOKIE};
use std::time::Instant;

const BATCH: usize = 500;
const DAY: i64 = 86_400;
/// Fresh residents (sessions) of the busy kelurahan, one per connection.
const VOTERS: usize = 64;
const CEILING: i64 = 1_000_000_000;

pub struct Sizes {
    pub districts: usize,
    pub villages: usize,
    pub usulan: usize,
    pub ballots: usize,
}

pub struct Seeded {
    pub cycle: i64,
    pub village: i64,
    pub usulan_id: i64,
    /// Usulan of the busy kelurahan that the POST test approves and
    /// takes back, and the voters' session cookies.
    pub ids: Vec<i64>,
    pub voters: Vec<String>,
    /// Counting the whole tier (both rules), in seconds.
    pub count_s: f64,
}

async fn insert_area(
    db: &Db,
    parent: (i64, &str),
    name: &str,
    level: &str,
    kind: &str,
    depth: i64,
) -> Res<(i64, String)> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO areas (parent_id, name, level, kind_label, timezone, depth, search_key, local) \
         VALUES ($1, $2, $3, $4, 'WITA', $5, $6, 1) RETURNING id",
    )
    .bind(parent.0)
    .bind(name)
    .bind(level)
    .bind(kind)
    .bind(depth)
    .bind(name.to_lowercase())
    .fetch_one(&db.pool)
    .await?;
    let path = format!("{}{id:010}/", parent.1);
    sqlx::query("UPDATE areas SET path = $1 WHERE id = $2")
        .bind(&path)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok((id, path))
}

async fn fix_sequence(db: &Db, table: &str) -> Res<()> {
    if db.backend == Backend::Postgres {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        ))
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}

pub async fn seed(st: &AppState, s: &Sizes) -> Res<Seeded> {
    let db = &st.db;
    let started = Instant::now();
    let now = time::now();
    let mut rng = Rng::new(24);
    let (bali, bali_path): (i64, String) =
        sqlx::query_as("SELECT id, path FROM areas WHERE depth = 0 ORDER BY id LIMIT 1")
            .fetch_one(&db.pool)
            .await?;
    let (kota, kota_path) = insert_area(db, (bali, &bali_path), "Kota Tolok Ukur", "city", "Kota", 1).await?;
    let mut villages: Vec<(i64, String)> = Vec::new();
    for d in 0..s.districts {
        let (kec, kec_path) = insert_area(
            db,
            (kota, &kota_path),
            &format!("Kecamatan Uji {d}"),
            "district",
            "Kecamatan",
            2,
        )
        .await?;
        for v in 0..s.villages / s.districts.max(1) {
            villages.push(
                insert_area(
                    db,
                    (kec, &kec_path),
                    &format!("Kelurahan Uji {d}-{v}"),
                    "village",
                    "Kelurahan",
                    3,
                )
                .await?,
            );
        }
    }
    let admin_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'admin'")
        .fetch_one(&db.pool)
        .await?;
    let admin = crate::proposals::me(db, admin_id).await?;
    let today = time::local_day(now, "WITA");
    let stage = |from: i64| StageDays {
        submit_from: today + from,
        submit_until: today + from + 3,
        vote_from: today + from + 5,
        vote_until: today + from + 10,
        result_by: today + from + 12,
        ceiling: CEILING,
    };
    // Kelurahan tier voting now (from yesterday).
    let cycle = plan::open_cycle(
        st,
        &admin,
        AreaId(kota),
        2030,
        "equal_shares",
        [stage(-6), stage(10), stage(30)],
        now,
    )
    .await?;
    let category: i64 = sqlx::query_scalar("SELECT MIN(id) FROM categories")
        .fetch_one(&db.pool)
        .await?;

    // Usulan, spread evenly over the kelurahan, 10 to 200 juta each.
    let first = max_id(db, "usulan").await? + 1;
    let mut tx = db.pool.begin().await?;
    let mut by_village: Vec<Vec<(i64, i64)>> = vec![Vec::new(); villages.len()];
    let mut n = 0;
    while n < s.usulan {
        let rows = BATCH.min(s.usulan - n);
        let sql = format!(
            "INSERT INTO usulan (id, cycle_id, tier, area_id, area_path, author_id, category_id, title, problem, action, \
             location, volume, unit, cost, state, tier_now, created_at) VALUES {}",
            values(rows, 17)
        );
        let mut q = sqlx::query(&sql);
        let mut tiers = Vec::new();
        for k in 0..rows {
            let id = first + (n + k) as i64;
            let v = (n + k) % villages.len();
            let cost = (10 + rng.below(191) as i64) * 1_000_000;
            by_village[v].push((id, cost));
            tiers.push((id, villages[v].0));
            q = q
                .bind(id)
                .bind(cycle.0)
                .bind(0_i64)
                .bind(villages[v].0)
                .bind(villages[v].1.clone())
                .bind(admin_id)
                .bind(category)
                .bind(format!("Usulan uji {id}: perbaikan saluran"))
                .bind("Saluran tersumbat setiap hujan.")
                .bind("Pengerukan dan perbaikan dinding saluran.")
                .bind("Jalan uji")
                .bind(30_000_i64)
                .bind("meter")
                .bind(cost)
                .bind("open")
                .bind(0_i64)
                .bind(now - 3 * DAY);
        }
        q.execute(&mut *tx).await?;
        let sql = format!(
            "INSERT INTO usulan_tiers (usulan_id, cycle_id, tier, area_id) VALUES {}",
            values(rows, 4)
        );
        let mut q = sqlx::query(&sql);
        for (id, area) in tiers {
            q = q.bind(id).bind(cycle.0).bind(0_i64).bind(area);
        }
        q.execute(&mut *tx).await?;
        n += rows;
    }
    for (v, list) in by_village.iter().enumerate() {
        sqlx::query("INSERT INTO plan_areas (cycle_id, tier, area_id, usulan_count) VALUES ($1, 0, $2, $3)")
            .bind(cycle.0)
            .bind(villages[v].0)
            .bind(list.len() as i64)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    fix_sequence(db, "usulan").await?;

    // Voters: one resident per ballot, three approvals each in their own
    // kelurahan (at most 600 juta of the 1 miliar ceiling).
    let first_user = max_id(db, "users").await? + 1;
    let mut tx = db.pool.begin().await?;
    let mut n = 0;
    while n < s.ballots {
        let rows = BATCH.min(s.ballots - n);
        let sql = format!(
            "INSERT INTO users (id, username, username_key, display_name, password_hash, home_area_id, lang, created_at) \
             VALUES {}",
            values(rows, 8)
        );
        let mut q = sqlx::query(&sql);
        for k in 0..rows {
            let id = first_user + (n + k) as i64;
            let name = format!("pemilih.uji{id}");
            q = q
                .bind(id)
                .bind(name.clone())
                .bind(name)
                .bind("Pemilih Uji")
                .bind("-")
                .bind(villages[(n + k) % villages.len()].0)
                .bind("id")
                .bind(now - 30 * DAY);
        }
        q.execute(&mut *tx).await?;
        let sql = format!(
            "INSERT INTO plan_ballots (cycle_id, tier, user_id, area_id, cast_at) VALUES {}",
            values(rows, 5)
        );
        let mut q = sqlx::query(&sql);
        for k in 0..rows {
            let v = (n + k) % villages.len();
            q = q
                .bind(cycle.0)
                .bind(0_i64)
                .bind(first_user + (n + k) as i64)
                .bind(villages[v].0)
                .bind(now);
        }
        q.execute(&mut *tx).await?;
        n += rows;
    }
    tx.commit().await?;
    // The approvals once every ballot row is in: PostgreSQL plans a
    // session's foreign-key checks once, and a plan made while
    // plan_ballots held one batch scans the whole table for every approval
    // after (hours for 600,000 of them).
    sqlx::query("ANALYZE plan_ballots").execute(&db.pool).await?;
    let mut tx = db.pool.begin().await?;
    let mut n = 0;
    while n < s.ballots {
        let rows = BATCH.min(s.ballots - n);
        let sql = format!(
            "INSERT INTO plan_ballot_items (cycle_id, tier, user_id, area_id, usulan_id) VALUES {}",
            values(rows * 3, 5)
        );
        let mut q = sqlx::query(&sql);
        for k in 0..rows {
            let v = (n + k) % villages.len();
            let list = &by_village[v];
            // Three different usulan, the popular ones (the first ten) more often.
            let mut picked: Vec<i64> = Vec::new();
            while picked.len() < 3 {
                let i = if rng.below(2) == 0 {
                    rng.below(10.min(list.len()))
                } else {
                    rng.below(list.len())
                };
                if !picked.contains(&list[i].0) {
                    picked.push(list[i].0);
                }
            }
            for id in picked {
                q = q
                    .bind(cycle.0)
                    .bind(0_i64)
                    .bind(first_user + (n + k) as i64)
                    .bind(villages[v].0)
                    .bind(id);
            }
        }
        q.execute(&mut *tx).await?;
        n += rows;
    }
    tx.commit().await?;
    fix_sequence(db, "users").await?;
    // Statistics, as the database keeps them in days of submissions and
    // voting (PostgreSQL's autovacuum; without them it plans the count's
    // updates for empty tables, 6 s instead of under 1).
    for table in [
        "usulan",
        "usulan_tiers",
        "plan_areas",
        "plan_ballots",
        "plan_ballot_items",
    ] {
        sqlx::query(&format!("ANALYZE {table}")).execute(&db.pool).await?;
    }
    println!(
        "  musrenbang: kota {kota} with {} kelurahan, {} usulan, {} ballots seeded in {:.1} s",
        villages.len(),
        s.usulan,
        s.ballots,
        started.elapsed().as_secs_f64()
    );

    // Counting the whole tier as the sweep does once voting closes (then
    // reopened, for the POST test: the counts stay, harmless).
    let t = Instant::now();
    let vote_until: i64 = sqlx::query_scalar("SELECT vote_until FROM plan_stages WHERE cycle_id = $1 AND tier = 0")
        .bind(cycle.0)
        .fetch_one(&db.pool)
        .await?;
    if !plan::count_stage(db, CycleId(cycle.0), 0, vote_until + 1).await? {
        return Err("the musrenbang tier was not counted".into());
    }
    let count_s = t.elapsed().as_secs_f64();
    sqlx::query("UPDATE plan_stages SET counted_at = NULL WHERE cycle_id = $1")
        .bind(cycle.0)
        .execute(&db.pool)
        .await?;
    println!(
        "  musrenbang: counted {} usulan and {} ballots, both rules, in {:.2} s",
        s.usulan, s.ballots, count_s
    );

    // The busy kelurahan: its voters for the POST test (no ballot yet).
    let (village, _) = villages[0].clone();
    let ids: Vec<i64> = by_village[0].iter().map(|(id, _)| *id).take(VOTERS).collect();
    let mut voters = Vec::new();
    let mut tx = db.pool.begin().await?;
    for k in 0..VOTERS {
        let name = format!("pemilih.baru{k}");
        let user: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, username_key, display_name, password_hash, home_area_id, lang, created_at) \
             VALUES ($1, $1, 'Pemilih Baru', '-', $2, 'id', $3) RETURNING id",
        )
        .bind(&name)
        .bind(village)
        .bind(now - 30 * DAY)
        .fetch_one(&mut *tx)
        .await?;
        let token = secrets::sha256_hex(&format!("bench-voter-{user}"));
        sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(secrets::sha256_hex(&token))
            .bind(user)
            .bind(now)
            .bind(now + 30 * DAY)
            .execute(&mut *tx)
            .await?;
        voters.push(format!("{SESSION_COOKIE}={token}"));
    }
    tx.commit().await?;
    Ok(Seeded {
        cycle: cycle.0,
        village,
        usulan_id: first,
        ids,
        voters,
        count_s,
    })
}
