//! Proposals for the benchmark (issue 4), on top of the forum data: many
//! proposals and supports written in bulk with the columns the app's write
//! path fills, plus one busy proposal and a handful of open ones made through
//! the app's own functions (record entries, official responses, discussion).
//!
//! Bulk supporters are drawn from all residents, not only those living in
//! the proposal's area: the rows and counters are what the pages read, and
//! the area rule is checked on new supports only (the POST test obeys it).
use crate::seed::{max_id, values};
use crate::text::{self, Rng};
use crate::Res;
use app::db::{Backend, Db};
use app::domain::ids::{AreaId, CategoryId, ProposalId};
use app::model::Me;
use app::server::proposals::{self, Answer, NewProposal, State};
use app::server::{forums, markdown, secrets, time, users, AppState, SESSION_COOKIE};
use std::collections::HashSet;
use std::time::Instant;

const BATCH: usize = 500;
const BATCHES_PER_COMMIT: usize = 100;
/// Supports of the proposal whose page is measured.
pub const TARGET_SUPPORTS: usize = 500;
/// Replies in its discussion.
const TARGET_REPLIES: usize = 40;
/// Open proposals that the support POST test supports and withdraws from.
const OPEN: usize = 64;
const DAY: i64 = 86_400;

pub struct Sizes {
    pub proposals: usize,
    pub supports: usize,
}

pub struct Seeded {
    /// The busy proposal: many supports, responses, a discussion.
    pub proposal_id: i64,
    /// The area with the most proposals in it and below it, and how many.
    pub area_id: i64,
    pub area_proposals: usize,
    /// Open proposals in `supporters`' city, for the POST test.
    pub open: Vec<i64>,
    /// Session cookies (`name=token`) of residents of that city.
    pub supporters: Vec<String>,
    /// A session cookie of the demo's admin, for the admin pages.
    pub admin: Option<String>,
}

pub(crate) async fn me(db: &Db, id: i64) -> Res<Me> {
    let (username, display_name, home_area_id): (String, String, i64) =
        sqlx::query_as("SELECT username, display_name, home_area_id FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await?;
    Ok(Me {
        id,
        username,
        display_name,
        home_area_id,
        roles: users::roles_of(db, id).await?,
        unread: 0,
        ..Default::default()
    })
}

/// Support counts adding up to `total`, most proposals with few and a few
/// with many, none above `cap`; proposal `target` gets [`TARGET_SUPPORTS`]
/// after the bulk load, through the app, so it gets 0 here.
fn support_counts(rng: &mut Rng, n: usize, total: usize, cap: usize, target: usize) -> Vec<usize> {
    let weights: Vec<f64> = (0..n)
        .map(|i| if i == target { 0.0 } else { -(1.0 - rng.unit()).ln() })
        .collect();
    let sum: f64 = weights.iter().sum();
    let mut counts: Vec<usize> = weights
        .iter()
        .map(|w| ((w / sum * total as f64) as usize).min(cap))
        .collect();
    let mut left = total.saturating_sub(counts.iter().sum::<usize>());
    while left > 0 && n > 1 {
        let i = rng.below(n);
        if i != target && counts[i] < cap {
            counts[i] += 1;
            left -= 1;
        }
    }
    counts
}

pub async fn bulk(st: &AppState, sizes: &Sizes) -> Res<Seeded> {
    let db = &st.db;
    let now = time::now();
    let mut rng = Rng::new(4242);
    let started = Instant::now();
    let areas: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT id, path, support_threshold FROM areas WHERE level <> 'province' ORDER BY id")
            .fetch_all(&db.pool)
            .await?;
    let categories: Vec<i64> = sqlx::query_scalar("SELECT id FROM categories ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    let agencies: Vec<i64> = sqlx::query_scalar("SELECT id FROM agencies ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    let residents: Vec<(i64, String)> = sqlx::query_as(
        "SELECT u.id, a.path FROM users u JOIN areas a ON a.id = u.home_area_id \
         WHERE NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id) ORDER BY u.id",
    )
    .fetch_all(&db.pool)
    .await?;
    if residents.is_empty() || areas.is_empty() || agencies.is_empty() {
        return Err("the forum data (residents, areas, agencies) must be loaded first".into());
    }
    let resident_ids: Vec<i64> = residents.iter().map(|r| r.0).collect();
    let n = sizes.proposals.max(1);
    let target = n / 2;
    let counts = support_counts(&mut rng, n, sizes.supports, residents.len(), target);

    // The proposals, oldest first.
    let base = max_id(db, "proposals").await?;
    let mut created: Vec<i64> = (0..n)
        .map(|_| now - 365 * DAY + rng.below(365 * DAY as usize - 3600) as i64)
        .collect();
    created.sort_unstable();
    let mut per_area: Vec<usize> = vec![0; areas.len()];
    let mut tx = db.pool.begin().await?;
    let mut statements = 0;
    for chunk_start in (0..n).step_by(BATCH) {
        let end = (chunk_start + BATCH).min(n);
        let sql = format!(
            "INSERT INTO proposals (id, author_id, area_id, area_path, category_id, title, body_src, body_html, \
             excerpt, cost, location, state, support_count, threshold, agency_id, awaiting_since, due_at, \
             answered_at, created_at, published_at, updated_at, area0_id, area1_id, area2_id) VALUES {}",
            values(end - chunk_start, 24)
        );
        let mut q = sqlx::query(&sql);
        for i in chunk_start..end {
            let area = rng.below(areas.len());
            per_area[area] += 1;
            let (area_id, path, threshold) = &areas[area];
            let up: Vec<i64> = path.split('/').filter_map(|s| s.parse().ok()).collect();
            let body = text::body(&mut rng);
            let html = markdown::render(&body).map_err(|e| format!("markdown: {e:?}"))?;
            let excerpt = forums::excerpt_of(&body);
            let at = created[i];
            let count = counts[i] as i64;
            let over = count >= *threshold;
            // Above the threshold: awaiting an answer or at some later step.
            let state = if !over {
                if rng.chance(0.03) {
                    State::Withdrawn
                } else {
                    State::Published
                }
            } else {
                [
                    State::Published,
                    State::UnderReview,
                    State::Accepted,
                    State::PartiallyAccepted,
                    State::Rejected,
                    State::InProgress,
                    State::Implemented,
                ][rng.below(7)]
            };
            let reached = at + rng.below(30 * DAY as usize) as i64;
            let agency = over.then(|| rng.pick(&agencies));
            let awaiting = (over && state == State::Published).then_some(reached);
            let answered = (over && state != State::Published).then(|| reached + rng.below(10 * DAY as usize) as i64);
            q = q
                .bind(base + 1 + i as i64)
                .bind(rng.pick(&resident_ids))
                .bind(*area_id)
                .bind(path.as_str())
                .bind(rng.pick(&categories))
                .bind(text::title(&mut rng))
                .bind(body)
                .bind(html)
                .bind(excerpt)
                .bind(rng.chance(0.5).then(|| (1 + rng.below(500)) as i64 * 1_000_000))
                .bind("")
                .bind(state.code())
                .bind(count)
                .bind(*threshold)
                .bind(agency)
                .bind(awaiting)
                .bind(awaiting.map(|a| proposals::due_after(a, 10, "Asia/Jakarta")))
                .bind(answered)
                .bind(at)
                .bind(at)
                .bind(answered.unwrap_or(at))
                .bind(up.first().copied())
                .bind(up.get(1).copied())
                .bind(up.get(2).copied());
        }
        q.execute(&mut *tx).await?;
        statements += 1;
        if statements % BATCHES_PER_COMMIT == 0 {
            tx.commit().await?;
            tx = db.pool.begin().await?;
        }
    }
    tx.commit().await?;
    println!("  {n} proposals in {:.1} s", started.elapsed().as_secs_f64());

    // Their supports: distinct residents per proposal.
    let started = Instant::now();
    let mut rows: Vec<(i64, i64, i64)> = Vec::with_capacity(BATCH);
    let mut written = 0usize;
    let mut tx = db.pool.begin().await?;
    let mut statements = 0;
    let mut chosen = HashSet::new();
    for (i, &count) in counts.iter().enumerate() {
        chosen.clear();
        while chosen.len() < count {
            chosen.insert(rng.pick(&resident_ids));
        }
        let id = base + 1 + i as i64;
        for &user in &chosen {
            rows.push((id, user, created[i] + rng.below(30 * DAY as usize) as i64));
            if rows.len() == BATCH {
                insert_supports(&mut tx, &rows).await?;
                written += rows.len();
                rows.clear();
                statements += 1;
                if statements % BATCHES_PER_COMMIT == 0 {
                    tx.commit().await?;
                    tx = db.pool.begin().await?;
                }
            }
        }
    }
    if !rows.is_empty() {
        insert_supports(&mut tx, &rows).await?;
        written += rows.len();
    }
    tx.commit().await?;
    if db.backend == Backend::Postgres {
        // Rows were given their ids: move the sequence past them; and
        // statistics for the steps below, made through the app.
        sqlx::query("SELECT setval(pg_get_serial_sequence('proposals', 'id'), (SELECT MAX(id) FROM proposals))")
            .execute(&db.pool)
            .await?;
        sqlx::query("ANALYZE proposals").execute(&db.pool).await?;
    }
    println!("  {written} supports in {:.1} s", started.elapsed().as_secs_f64());

    // The busy proposal, through the app: published (its discussion and
    // record entry), supported, answered, updated, discussed.
    let started = Instant::now();
    let (target_area, target_path, _) = &areas[rng.below(areas.len())];
    let local: Vec<i64> = residents
        .iter()
        .filter(|(_, p)| p.starts_with(target_path.as_str()))
        .map(|(id, _)| *id)
        .collect();
    let author = me(db, local.first().copied().unwrap_or(residents[0].0)).await?;
    let proposal_id = proposals::create(
        st,
        &author,
        NewProposal {
            title: "Perbaikan drainase dan lampu jalan di sepanjang jalan utama".into(),
            body: text::body(&mut rng),
            area_id: AreaId(*target_area),
            category_id: CategoryId(categories[0]),
            cost: Some(750_000_000),
            location: "Jalan utama, dari pasar sampai sekolah".into(),
            point: None,
            photos: Vec::new(),
        },
        true,
        now - 20 * DAY,
    )
    .await?
    .0;
    let mut chosen: Vec<i64> = Vec::new();
    let mut seen = HashSet::new();
    while chosen.len() < TARGET_SUPPORTS.min(residents.len()) {
        let u = rng.pick(&resident_ids);
        if seen.insert(u) {
            chosen.push(u);
        }
    }
    let mut tx = db.pool.begin().await?;
    for part in chosen.chunks(BATCH) {
        let rows: Vec<(i64, i64, i64)> = part.iter().map(|u| (proposal_id, *u, now - 10 * DAY)).collect();
        insert_supports(&mut tx, &rows).await?;
    }
    sqlx::query("UPDATE proposals SET support_count = $1 WHERE id = $2")
        .bind(chosen.len() as i64)
        .bind(proposal_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let admin_id: i64 = sqlx::query_scalar("SELECT user_id FROM user_roles WHERE role = 'admin' ORDER BY user_id")
        .fetch_one(&db.pool)
        .await?;
    let admin = me(db, admin_id).await?;
    for (to, progress, at) in [
        (State::Accepted, false, now - 8 * DAY),
        (State::InProgress, true, now - 3 * DAY),
    ] {
        let a = Answer {
            to,
            body: text::body(&mut rng),
            budget: Some(600_000_000),
            timeline: Some("Januari sampai Maret 2027".into()),
            progress: Some(35),
            confirm: String::new(),
        }
        .confirmed(progress);
        proposals::answer(db, &admin, ProposalId(proposal_id), a, progress, at).await?;
    }
    let thread: i64 = sqlx::query_scalar("SELECT thread_id FROM proposals WHERE id = $1")
        .bind(proposal_id)
        .fetch_one(&db.pool)
        .await?;
    for k in 0..TARGET_REPLIES {
        let who = me(db, rng.pick(&resident_ids)).await?;
        let at = now - 19 * DAY + k as i64 * 3600;
        forums::reply(
            st,
            &who,
            app::domain::ids::ThreadId(thread),
            None,
            &text::body(&mut rng),
            at,
        )
        .await?;
    }

    // Open proposals in the city with the most residents, and sessions for
    // residents there, for the support POST test.
    let (city, city_path): (i64, String) = {
        let cities: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, path FROM areas WHERE level IN ('city', 'regency') ORDER BY id")
                .fetch_all(&db.pool)
                .await?;
        cities
            .into_iter()
            .max_by_key(|(_, p)| residents.iter().filter(|(_, r)| r.starts_with(p.as_str())).count())
            .ok_or("no city")?
    };
    let locals: Vec<i64> = residents
        .iter()
        .filter(|(_, p)| p.starts_with(city_path.as_str()))
        .map(|(id, _)| *id)
        .collect();
    let mut open = Vec::with_capacity(OPEN);
    for k in 0..OPEN {
        let author = me(db, locals[k % locals.len()]).await?;
        let p = NewProposal {
            title: text::title(&mut rng),
            body: text::body(&mut rng),
            area_id: AreaId(city),
            category_id: CategoryId(rng.pick(&categories)),
            cost: None,
            location: String::new(),
            point: None,
            photos: Vec::new(),
        };
        open.push(proposals::create(st, &author, p, true, now - DAY).await?.0);
    }
    let mut supporters = Vec::new();
    let admin: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE username = 'admin'")
        .fetch_optional(&db.pool)
        .await?;
    let mut tx = db.pool.begin().await?;
    for &user in admin
        .iter()
        .chain(locals.iter().filter(|&&u| Some(u) != admin).take(256))
    {
        let token = secrets::sha256_hex(&format!("bench-session-{user}"));
        sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(secrets::sha256_hex(&token))
            .bind(user)
            .bind(now)
            .bind(now + 30 * DAY)
            .execute(&mut *tx)
            .await?;
        supporters.push(format!("{SESSION_COOKIE}={token}"));
    }
    tx.commit().await?;
    let admin = admin.map(|_| supporters.remove(0));
    println!(
        "  busy proposal {proposal_id} and {OPEN} open ones through the app in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // The list measured with an area: the one with the most proposals in
    // and below it.
    let (area_id, area_proposals) = areas
        .iter()
        .map(|(id, path, _)| {
            let below: usize = areas
                .iter()
                .zip(&per_area)
                .filter(|((_, p, _), _)| p.starts_with(path.as_str()))
                .map(|(_, n)| *n)
                .sum();
            (*id, below)
        })
        .max_by_key(|(id, n)| (*n, -*id))
        .ok_or("no areas")?;
    // Let the database settle as after the forum load, so the load tests
    // do not pay for this load: on SQLite a WAL of some hundred megabytes
    // makes every read look through it.
    match db.backend {
        Backend::Postgres => {
            sqlx::query("VACUUM ANALYZE").execute(&db.pool).await?;
            sqlx::query("CHECKPOINT").execute(&db.pool).await?;
        }
        Backend::Sqlite => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&db.pool).await?;
        }
    }
    Ok(Seeded {
        proposal_id,
        area_id,
        area_proposals,
        open,
        supporters,
        admin,
    })
}

async fn insert_supports(conn: &mut sqlx::AnyConnection, rows: &[(i64, i64, i64)]) -> Res<()> {
    let sql = format!(
        "INSERT INTO supports (proposal_id, user_id, created_at) VALUES {}",
        values(rows.len(), 3)
    );
    let mut q = sqlx::query(&sql);
    for (p, u, at) in rows {
        q = q.bind(*p).bind(*u).bind(*at);
    }
    q.execute(&mut *conn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_counts_add_up_and_stay_under_the_cap() {
        let mut rng = Rng::new(1);
        let c = support_counts(&mut rng, 1000, 20_000, 300, 10);
        assert_eq!(c.iter().sum::<usize>(), 20_000);
        assert!(c.iter().all(|n| *n <= 300));
        assert_eq!(c[10], 0);
    }
}
