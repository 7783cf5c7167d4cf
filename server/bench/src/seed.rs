//! Bulk data for the benchmark: residents, threads and replies written with
//! the same columns the app's write path fills (forums.rs `create_thread`,
//! `reply`, `insert_post`, `index_post`; users.rs `insert`), but many rows
//! to a statement and many statements to a transaction.
//!
//! Not written: notifications (every `unread_count` stays 0, as if each had
//! been read and cleaned up), edits and deletions, and an activity row per
//! reply (activity has one row per thread; sign-ups are not public activity).
use crate::text::{self, Rng};
use crate::Res;
use app::db::{Backend, Db};
use app::server::{forums, markdown, secrets, time};
use std::collections::{HashMap, VecDeque};
use std::fmt::Write;
use std::sync::Arc;
use std::time::Instant;

/// Rows per INSERT statement.
const BATCH: usize = 500;
/// Statements per transaction while loading posts.
const BATCHES_PER_COMMIT: usize = 100;
/// Replies of the thread whose page is measured.
pub const TARGET_REPLIES: usize = 200;
/// Share of replies written by an officer (with their agency badge), and of
/// replies that answer an earlier post of the thread.
const OFFICER_SHARE: f64 = 0.01;
const QUOTE_SHARE: f64 = 0.15;
const DAY: i64 = 86_400;

pub struct Sizes {
    pub residents: usize,
    pub threads: usize,
    pub replies: usize,
}

/// What the load test asks for.
pub struct Seeded {
    /// The thread with exactly [`TARGET_REPLIES`] replies.
    pub thread_id: i64,
    /// The area with the most threads, and how many it has.
    pub area_id: i64,
    pub area_threads: usize,
    /// The area with the most threads in it and below it, and how many.
    pub tree_id: i64,
    pub tree_threads: usize,
}

struct Area {
    id: i64,
    path: String,
    /// Relative chance of being someone's home or a thread's place.
    weight: usize,
}

struct Thread {
    id: i64,
    area: usize,
    category_id: i64,
    author_id: i64,
    title: String,
    created_at: i64,
    /// When each reply was written, in order.
    reply_times: Vec<i64>,
}

/// One post, decided before any text is written.
#[derive(Clone, Copy)]
struct Plan {
    id: i64,
    thread: u32,
    seq: u32,
    author_id: i64,
    parent_id: Option<i64>,
    agency_id: Option<i64>,
    at: i64,
}

/// The text of one post, as the write path derives it from `body_src`.
struct Written {
    body_src: String,
    body_html: String,
    excerpt: String,
    doc: String,
}

/// `($1, $2, …), (…)` for `rows` rows of `cols` columns.
pub fn values(rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 7);
    for r in 0..rows {
        s.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            let _ = write!(s, "${}", r * cols + c + 1);
        }
        s.push(')');
    }
    s
}

pub async fn max_id(db: &Db, table: &str) -> Res<i64> {
    Ok(sqlx::query_scalar(&format!("SELECT COALESCE(MAX(id), 0) FROM {table}"))
        .fetch_one(&db.pool)
        .await?)
}

fn pick_weighted(rng: &mut Rng, areas: &[Area], total: usize) -> usize {
    let mut x = rng.below(total);
    for (i, a) in areas.iter().enumerate() {
        if x < a.weight {
            return i;
        }
        x -= a.weight;
    }
    areas.len() - 1
}

/// Reply counts for `threads` threads adding up to `replies`, spread like a
/// forum's (most threads short, a few long), with thread `target` holding
/// exactly [`TARGET_REPLIES`].
fn reply_counts(rng: &mut Rng, threads: usize, replies: usize, target: usize) -> Vec<usize> {
    let fixed = TARGET_REPLIES.min(replies);
    let rest = replies - fixed;
    let weights: Vec<f64> = (0..threads)
        .map(|i| if i == target { 0.0 } else { -(1.0 - rng.unit()).ln() })
        .collect();
    let sum: f64 = weights.iter().sum();
    let mut counts: Vec<usize> = weights
        .iter()
        .map(|w| if sum > 0.0 { (w / sum * rest as f64) as usize } else { 0 })
        .collect();
    let mut left = rest - counts.iter().sum::<usize>();
    while left > 0 && threads > 1 {
        let i = rng.below(threads);
        if i != target {
            counts[i] += 1;
            left -= 1;
        }
    }
    counts[target] = fixed + left;
    counts
}

pub async fn bulk(db: &Db, sizes: &Sizes) -> Res<Seeded> {
    let now = time::now();
    let mut rng = Rng::new(2024);

    let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, path, level FROM areas ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    let areas: Vec<Area> = rows
        .into_iter()
        .filter(|(_, _, level)| level != "province")
        .map(|(id, path, level)| Area {
            id,
            path,
            weight: match level.as_str() {
                "city" | "regency" => 4,
                "district" => 2,
                _ => 1,
            },
        })
        .collect();
    let total_weight: usize = areas.iter().map(|a| a.weight).sum();
    let categories: Vec<i64> = sqlx::query_scalar("SELECT id FROM categories ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    let officers: Vec<(i64, i64)> =
        sqlx::query_as("SELECT user_id, agency_id FROM user_roles WHERE role = 'officer' ORDER BY user_id")
            .fetch_all(&db.pool)
            .await?;
    if areas.is_empty() || categories.is_empty() {
        return Err("the demo data (areas, categories) must be loaded first".into());
    }
    let mut area_last: HashMap<i64, i64> = HashMap::new();
    let mut bump = |area: i64, at: i64| {
        let e = area_last.entry(area).or_insert(at);
        *e = (*e).max(at);
    };
    // Everything that lands in `activity`: (when, area, kind, actor).
    let mut activity: Vec<(i64, i64, &str, i64)> = Vec::new();

    // Residents: one password hash for all (hashing 20,000 would take minutes).
    let started = Instant::now();
    let hash = secrets::hash_password("rembuk-bench".to_owned()).await?;
    let user_base = max_id(db, "users").await?;
    let mut joined: Vec<i64> = (0..sizes.residents)
        .map(|_| now - 3 * 365 * DAY + rng.below(3 * 365 * DAY as usize) as i64)
        .collect();
    joined.sort_unstable();
    let mut residents: Vec<(i64, String, String, usize, &str, i64)> = Vec::with_capacity(sizes.residents);
    for (i, at) in joined.into_iter().enumerate() {
        let area = pick_weighted(&mut rng, &areas, total_weight);
        let lang = if rng.chance(0.1) { "en" } else { "id" };
        residents.push((
            user_base + 1 + i as i64,
            format!("warga.{i:05}"),
            text::person_name(&mut rng),
            area,
            lang,
            at,
        ));
    }
    let mut tx = db.pool.begin().await?;
    for chunk in residents.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO users (id, username, username_key, display_name, password_hash, home_area_id, lang, created_at) \
             VALUES {}",
            values(chunk.len(), 8)
        );
        let mut q = sqlx::query(&sql);
        for (id, username, display, area, lang, at) in chunk {
            q = q
                .bind(*id)
                .bind(username.as_str())
                .bind(username.to_ascii_lowercase())
                .bind(display.as_str())
                .bind(hash.as_str())
                .bind(areas[*area].id)
                .bind(*lang)
                .bind(*at);
        }
        q.execute(&mut *tx).await?;
    }
    let mut per_area: HashMap<i64, i64> = HashMap::new();
    // An area counts the residents of the areas below it too.
    for (_, _, _, area, _, at) in &residents {
        let area = &areas[*area];
        for id in app::domain::forum_rules::path_ids(&area.path) {
            *per_area.entry(id).or_default() += 1;
        }
        bump(area.id, *at);
    }
    for (area, n) in &per_area {
        sqlx::query("UPDATE areas SET resident_count = resident_count + $1 WHERE id = $2")
            .bind(*n)
            .bind(*area)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    let resident_ids: Vec<i64> = residents.iter().map(|r| r.0).collect();
    drop(residents);
    println!(
        "  {} residents in {:.1} s",
        resident_ids.len(),
        started.elapsed().as_secs_f64()
    );

    // Threads, in the order they were started, with their replies' times.
    let started = Instant::now();
    let threads_n = sizes.threads.max(1);
    let thread_base = max_id(db, "threads").await?;
    let target = threads_n * 3 / 4;
    let counts = reply_counts(&mut rng, threads_n, sizes.replies, target);
    let mut created: Vec<i64> = (0..threads_n)
        .map(|_| now - 2 * 365 * DAY + rng.below(2 * 365 * DAY as usize - 3600) as i64)
        .collect();
    created.sort_unstable();
    let mut threads: Vec<Thread> = Vec::with_capacity(threads_n);
    for (i, (at, n)) in created.into_iter().zip(counts).enumerate() {
        // Replies come over days or months, never after now.
        let span = (now - at - 1).min((1 + rng.below(120) as i64) * DAY).max(n as i64);
        let mut reply_times: Vec<i64> = (0..n).map(|_| at + 1 + rng.below(span as usize) as i64).collect();
        reply_times.sort_unstable();
        threads.push(Thread {
            id: thread_base + 1 + i as i64,
            area: pick_weighted(&mut rng, &areas, total_weight),
            category_id: rng.pick(&categories),
            author_id: rng.pick(&resident_ids),
            title: text::title(&mut rng),
            created_at: at,
            reply_times,
        });
    }
    let mut tx = db.pool.begin().await?;
    for chunk in threads.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO threads (id, area_id, area_path, category_id, author_id, title, created_at, last_post_at, \
             reply_count, post_count) VALUES {}",
            values(chunk.len(), 10)
        );
        let mut q = sqlx::query(&sql);
        for t in chunk {
            let area = &areas[t.area];
            let replies = t.reply_times.len() as i64;
            q = q
                .bind(t.id)
                .bind(area.id)
                .bind(area.path.as_str())
                .bind(t.category_id)
                .bind(t.author_id)
                .bind(t.title.as_str())
                .bind(t.created_at)
                .bind(t.reply_times.last().copied().unwrap_or(t.created_at))
                .bind(replies)
                .bind(replies + 1);
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    let mut per_area: HashMap<i64, usize> = HashMap::new();
    for t in &threads {
        let area = areas[t.area].id;
        *per_area.entry(area).or_default() += 1;
        bump(area, t.reply_times.last().copied().unwrap_or(t.created_at));
        activity.push((t.created_at, area, "thread", t.author_id));
    }
    let (area_id, area_threads) = per_area
        .iter()
        .max_by_key(|(id, n)| (**n, -**id))
        .map(|(id, n)| (*id, *n))
        .ok_or("no threads")?;
    let (tree_id, tree_threads) = areas
        .iter()
        .map(|a| {
            let n = threads
                .iter()
                .filter(|t| areas[t.area].path.starts_with(&a.path))
                .count();
            (a.id, n)
        })
        .max_by_key(|(id, n)| (*n, -*id))
        .ok_or("no areas")?;
    println!(
        "  {} threads in {:.1} s",
        threads.len(),
        started.elapsed().as_secs_f64()
    );

    // Every post in the order it was written, so ids interleave across
    // threads as they do on a live forum.
    let started = Instant::now();
    let post_base = max_id(db, "posts").await?;
    let mut order: Vec<(i64, u32, u32)> = Vec::with_capacity(threads.len() + sizes.replies);
    for (i, t) in threads.iter().enumerate() {
        order.push((t.created_at, i as u32, 0));
        for (k, at) in t.reply_times.iter().enumerate() {
            order.push((*at, i as u32, k as u32 + 1));
        }
    }
    order.sort_unstable();
    let mut ids_by_thread: Vec<Vec<i64>> = threads
        .iter()
        .map(|t| Vec::with_capacity(t.reply_times.len() + 1))
        .collect();
    let mut plan: Vec<Plan> = Vec::with_capacity(order.len());
    for (i, (at, thread, seq)) in order.into_iter().enumerate() {
        let id = post_base + 1 + i as i64;
        let t = &threads[thread as usize];
        let (author_id, agency_id) = if seq == 0 {
            (t.author_id, None)
        } else if !officers.is_empty() && rng.chance(OFFICER_SHARE) {
            let (user, agency) = rng.pick(&officers);
            (user, Some(agency))
        } else {
            (rng.pick(&resident_ids), None)
        };
        let earlier = &ids_by_thread[thread as usize];
        let parent_id = (seq >= 2 && rng.chance(QUOTE_SHARE)).then(|| rng.pick(earlier));
        ids_by_thread[thread as usize].push(id);
        plan.push(Plan {
            id,
            thread,
            seq,
            author_id,
            parent_id,
            agency_id,
            at,
        });
    }
    drop(ids_by_thread);
    let plan = Arc::new(plan);
    let titles: Arc<Vec<String>> = Arc::new(threads.iter().map(|t| t.title.clone()).collect());
    let thread_ids: Vec<i64> = threads.iter().map(|t| t.id).collect();

    // Text is written and rendered on blocking threads, a few batches ahead
    // of the inserts.
    let batches = plan.len().div_ceil(BATCH);
    let ahead = 2 * std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let write_batch = |b: usize| {
        let plan = Arc::clone(&plan);
        let titles = Arc::clone(&titles);
        tokio::task::spawn_blocking(move || -> Result<Vec<Written>, String> {
            let end = ((b + 1) * BATCH).min(plan.len());
            plan[b * BATCH..end]
                .iter()
                .map(|p| {
                    let mut rng = Rng::new(p.id as u64);
                    let body_src = text::body(&mut rng);
                    let body_html = markdown::render(&body_src).map_err(|e| format!("markdown: {e:?}"))?;
                    let title = (p.seq == 0).then(|| titles[p.thread as usize].as_str());
                    Ok(Written {
                        excerpt: forums::excerpt_of(&body_src),
                        doc: forums::search_doc(title, &body_src),
                        body_html,
                        body_src,
                    })
                })
                .collect()
        })
    };
    let mut pending = VecDeque::new();
    let mut next = 0;
    let search_insert = match db.backend {
        Backend::Sqlite => "INSERT INTO post_search (rowid, doc) VALUES",
        Backend::Postgres => "INSERT INTO post_search (post_id, doc) VALUES",
    };
    let mut tx = db.pool.begin().await?;
    let mut last_report = Instant::now();
    for b in 0..batches {
        while next < batches && pending.len() < ahead {
            pending.push_back(write_batch(next));
            next += 1;
        }
        let written = pending.pop_front().ok_or("no batch")?.await??;
        let rows = &plan[b * BATCH..b * BATCH + written.len()];
        let sql = format!(
            "INSERT INTO posts (id, thread_id, seq, author_id, parent_id, agency_id, body_src, body_html, excerpt, \
             created_at) VALUES {}",
            values(rows.len(), 10)
        );
        let mut q = sqlx::query(&sql);
        for (p, w) in rows.iter().zip(&written) {
            q = q
                .bind(p.id)
                .bind(thread_ids[p.thread as usize])
                .bind(p.seq as i64)
                .bind(p.author_id)
                .bind(p.parent_id)
                .bind(p.agency_id)
                .bind(w.body_src.as_str())
                .bind(w.body_html.as_str())
                .bind(w.excerpt.as_str())
                .bind(p.at);
        }
        q.execute(&mut *tx).await?;
        let sql = format!("{search_insert} {}", values(rows.len(), 2));
        let mut q = sqlx::query(&sql);
        for (p, w) in rows.iter().zip(&written) {
            q = q.bind(p.id).bind(w.doc.as_str());
        }
        q.execute(&mut *tx).await?;
        if (b + 1) % BATCHES_PER_COMMIT == 0 {
            tx.commit().await?;
            tx = db.pool.begin().await?;
        }
        if last_report.elapsed().as_secs() >= 15 {
            last_report = Instant::now();
            let done = (b + 1) * BATCH;
            println!(
                "    {} of {} posts ({:.0}/s)",
                done.min(plan.len()),
                plan.len(),
                done as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    tx.commit().await?;
    println!(
        "  {} posts ({} opening, {} replies) in {:.1} s",
        plan.len(),
        threads.len(),
        plan.len() - threads.len(),
        started.elapsed().as_secs_f64()
    );

    // Activity in time order; each area's last activity; sequences past the
    // ids given here.
    let started = Instant::now();
    activity.sort_unstable();
    let mut tx = db.pool.begin().await?;
    for chunk in activity.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO activity (area_id, kind, actor_id, created_at) VALUES {}",
            values(chunk.len(), 4)
        );
        let mut q = sqlx::query(&sql);
        for (at, area, kind, actor) in chunk {
            q = q.bind(*area).bind(*kind).bind(*actor).bind(*at);
        }
        q.execute(&mut *tx).await?;
    }
    for (area, at) in &area_last {
        sqlx::query(
            "UPDATE areas SET last_activity_at = $1 WHERE id = $2 AND (last_activity_at IS NULL OR last_activity_at < $1)",
        )
        .bind(*at)
        .bind(*area)
        .execute(&mut *tx)
        .await?;
    }
    if db.backend == Backend::Postgres {
        for table in ["users", "threads", "posts"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    match db.backend {
        // What autovacuum would soon do on a live server: without statistics
        // the planner guesses, and index-only scans need the visibility map.
        Backend::Postgres => {
            sqlx::query("VACUUM ANALYZE").execute(&db.pool).await?;
        }
        // The app never runs ANALYZE on SQLite, so neither does this.
        Backend::Sqlite => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&db.pool).await?;
        }
    }
    println!(
        "  activity, area counters{} in {:.1} s",
        if db.backend == Backend::Postgres {
            ", VACUUM ANALYZE"
        } else {
            ", WAL checkpoint"
        },
        started.elapsed().as_secs_f64()
    );
    check(db).await?;
    Ok(Seeded {
        thread_id: threads[target].id,
        area_id,
        area_threads,
        tree_id,
        tree_threads,
    })
}

/// The invariants the write path keeps, checked on the whole database.
async fn check(db: &Db) -> Res<()> {
    let started = Instant::now();
    let search_id = match db.backend {
        Backend::Sqlite => "rowid",
        Backend::Postgres => "post_id",
    };
    let checks = [
        (
            "thread counters match their posts",
            "SELECT COUNT(*) FROM threads t WHERE t.post_count <> (SELECT COUNT(*) FROM posts p WHERE p.thread_id = t.id) \
             OR t.reply_count <> t.post_count - 1 \
             OR t.last_post_at <> (SELECT p.created_at FROM posts p WHERE p.thread_id = t.id AND p.seq = t.post_count - 1)"
                .to_owned(),
        ),
        (
            "every post is in the search index",
            format!("SELECT COUNT(*) FROM posts p WHERE NOT EXISTS (SELECT 1 FROM post_search s WHERE s.{search_id} = p.id)"),
        ),
        (
            "the search index holds only posts",
            "SELECT (SELECT COUNT(*) FROM post_search) - (SELECT COUNT(*) FROM posts)".to_owned(),
        ),
        (
            // At each level, the areas count every resident living at or below it.
            "areas count the residents at and below them",
            "SELECT COUNT(*) FROM (SELECT DISTINCT depth FROM areas) d \
             WHERE (SELECT COALESCE(SUM(resident_count), 0) FROM areas WHERE depth = d.depth) \
             <> (SELECT COUNT(*) FROM users u JOIN areas h ON h.id = u.home_area_id WHERE h.depth >= d.depth)"
                .to_owned(),
        ),
    ];
    for (what, sql) in checks {
        let bad: i64 = sqlx::query_scalar(&sql).fetch_one(&db.pool).await?;
        if bad != 0 {
            return Err(format!("seeded data inconsistent: not true that {what} ({bad})").into());
        }
    }
    println!("  consistency checked in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_counts_add_up_and_the_target_has_its_replies() {
        let mut rng = Rng::new(1);
        let c = reply_counts(&mut rng, 1000, 100_000, 750);
        assert_eq!(c.iter().sum::<usize>(), 100_000);
        assert_eq!(c[750], TARGET_REPLIES);
    }

    #[test]
    fn placeholders_number_rows_then_columns() {
        assert_eq!(values(2, 2), "($1, $2), ($3, $4)");
    }
}
