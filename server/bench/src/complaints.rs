//! Complaints for the benchmark (issue 5), filed, answered and rated through
//! the app's own functions over the past eleven months, so that the
//! dashboard's cells are exactly what the write path keeps.
use crate::proposals::me;
use crate::text::{self, Rng};
use crate::Res;
use app::domain::complaint::Event;
use app::domain::ids::{AreaId, CategoryId};
use app::domain::service::ServiceItem;
use app::server::complaints::{self, NewComplaint};
use app::server::{dashboard, time, AppState};
use std::time::Instant;

pub struct Seeded {
    /// A public complaint with steps, whose page is measured.
    pub complaint_id: i64,
    /// The city with the most complaints, for the dashboard by area.
    pub area_id: i64,
    /// One of the four photos on the measured complaint (`photos::seed`).
    pub photo: Option<String>,
}

/// `n` complaints by residents in every area: four in five answered (most
/// within a few days, some late), half resolved and most of those rated.
pub async fn seed(st: &AppState, n: usize) -> Res<Seeded> {
    let db = &st.db;
    let started = Instant::now();
    let mut rng = Rng::new(5);
    let areas: Vec<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE depth >= 1 ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    let categories: Vec<i64> = sqlx::query_scalar("SELECT id FROM categories ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    // Most complaints come from places where an agency answers for their
    // category (the rest stay unrouted, as in a country half set up).
    let served: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT a.id, r.category_id FROM responsibilities r JOIN areas h ON h.id = r.area_id \
         JOIN areas a ON a.path >= h.path AND a.path < h.path || '~' ORDER BY a.id, r.category_id",
    )
    .fetch_all(&db.pool)
    .await?;
    let residents: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM user_roles) ORDER BY id LIMIT 5000",
    )
    .fetch_all(&db.pool)
    .await?;
    let admin_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'admin'")
        .fetch_one(&db.pool)
        .await?;
    let admin = me(db, admin_id).await?;
    let now = time::now();
    const H: i64 = 3600;
    let mut last = 0;
    for i in 0..n {
        let who = me(db, rng.pick(&residents)).await?;
        let at = now - (rng.unit() * 330.0 * 24.0) as i64 * H - 30 * 24 * H;
        let (area, category) = if served.is_empty() || rng.chance(0.1) {
            (rng.pick(&areas), rng.pick(&categories))
        } else {
            rng.pick(&served)
        };
        let c = NewComplaint {
            title: text::title(&mut rng),
            body: text::body(&mut rng),
            area_id: AreaId(area),
            category_id: CategoryId(category),
            location: String::new(),
            happened_on: time::local_day(at, "WIB") - 1,
            anonymous: rng.chance(0.2),
            private: rng.chance(0.1),
            point: None,
            photos: Vec::new(),
        };
        let id = complaints::file(st, &who, c, at).await?;
        last = id.0;
        if rng.chance(0.8) {
            let after = ((-(1.0 - rng.unit()).ln()) * 60.0) as i64 * H + H;
            complaints::step(
                st,
                &admin,
                id,
                Event::Verified,
                "Laporan kami terima dan sedang diperiksa.",
                None,
                at + after,
            )
            .await?;
            if rng.chance(0.6) {
                let done = at + after + (rng.below(200) as i64 + 2) * H;
                complaints::step(
                    st,
                    &admin,
                    id,
                    Event::Resolved,
                    "Sudah ditangani di lapangan.",
                    None,
                    done,
                )
                .await?;
                let routed: Option<i64> = sqlx::query_scalar("SELECT agency_id FROM complaints WHERE id = $1")
                    .bind(id.0)
                    .fetch_one(&db.pool)
                    .await?;
                if rng.chance(0.7) && routed.is_some() {
                    let scores = [0; 9].map(|_: u8| 1 + rng.below(4) as u8);
                    complaints::rate(db, &who, ServiceItem::Complaint(id), scores, "", done + 6 * H).await?;
                }
            }
        }
        if (i + 1) % 1000 == 0 {
            println!("    {} complaints, {:.0} s", i + 1, started.elapsed().as_secs_f64());
        }
    }
    let marked = dashboard::sweep(db, &st.config, now).await?;
    let area_id: i64 = sqlx::query_scalar(
        "SELECT a.id FROM areas a WHERE a.depth = 1 ORDER BY \
         (SELECT COUNT(*) FROM complaints c WHERE c.area_path >= a.path AND c.area_path < a.path || '~') DESC, a.id LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await?;
    let complaint_id: i64 = sqlx::query_scalar(
        "SELECT c.id FROM complaints c WHERE c.private = 0 AND c.state = 'resolved' ORDER BY c.id DESC LIMIT 1",
    )
    .fetch_optional(&db.pool)
    .await?
    .unwrap_or(last);
    println!(
        "  {n} complaints in {:.1} s ({marked} overdue when swept)",
        started.elapsed().as_secs_f64()
    );
    Ok(Seeded {
        complaint_id,
        area_id,
        photo: None,
    })
}
