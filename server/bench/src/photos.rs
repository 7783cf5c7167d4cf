//! Photos in the benchmark (issue 23): converting a 12-megapixel phone
//! photo (one at a time, p50 and p99; then photos a second with every core
//! busy), and four of them on the measured complaint, whose page and
//! photos are then served under load.
use crate::Res;
use app::db::photos::Item;
use app::server::photos::{self, process};
use app::server::AppState;
use std::time::Instant;

/// A photo as a phone takes it: 4000 × 3000 pixels of light, shade and
/// sensor grain, as JPEG at quality 90 (a few MB).
fn phone_photo() -> Vec<u8> {
    let (w, h) = (4000u32, 3000u32);
    let mut seed = 11u32;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let grain = ((seed >> 16) & 31) as u8;
        let sky = y < h / 2;
        let base = if sky {
            [90 + (y * 80 / h) as u8, 140 + (y * 60 / h) as u8, 220]
        } else {
            [70 + (x * 60 / w) as u8, 110 + ((x ^ y) & 63) as u8, 60]
        };
        image::Rgb(base.map(|c| c.saturating_add(grain)))
    });
    let mut out = Vec::new();
    let _ = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&img);
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Measures conversion and puts four photos on complaint `complaint`;
/// returns one photo's key.
pub async fn seed(st: &AppState, complaint: i64) -> Res<String> {
    let photo = std::sync::Arc::new(phone_photo());
    let mut times = Vec::new();
    let mut converted = None;
    for _ in 0..16 {
        let t = Instant::now();
        let p = process::process(&photo).map_err(|e| format!("the benchmark's photo was refused: {e:?}"))?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        converted = Some(p);
    }
    times.sort_by(f64::total_cmp);
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let per_core = 4;
    let t = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..cores {
        let photo = photo.clone();
        tasks.push(tokio::task::spawn_blocking(move || {
            (0..per_core).filter(|_| process::process(&photo).is_ok()).count()
        }));
    }
    let mut done = 0;
    for task in tasks {
        done += task.await?;
    }
    let per_s = done as f64 / t.elapsed().as_secs_f64();
    let p = converted.ok_or("no photo converted")?;
    println!(
        "  photos: a 12-megapixel JPEG of {} KB converted in p50 {:.0} ms, p99 {:.0} ms (one at a time); {per_s:.1} photos/s on {cores} cores; \
         kept {} KB ({}×{}) + thumbnail {} KB ({}×{})",
        photo.len() / 1024,
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        p.display.len() / 1024,
        p.width,
        p.height,
        p.thumb.len() / 1024,
        p.thumb_width,
        p.thumb_height
    );
    let author: i64 = sqlx::query_scalar("SELECT author_id FROM complaints WHERE id = $1")
        .bind(complaint)
        .fetch_one(&st.db.pool)
        .await?;
    let mut tx = st.db.pool.begin().await?;
    let four = vec![p.clone(), p.clone(), p.clone(), p];
    photos::attach(
        &mut tx,
        st,
        Item::Complaint(complaint),
        author,
        &four,
        app::server::time::now(),
    )
    .await?;
    tx.commit().await?;
    let key: String =
        sqlx::query_scalar("SELECT key FROM photos WHERE item_kind = 'complaint' AND item_id = $1 LIMIT 1")
            .bind(complaint)
            .fetch_one(&st.db.pool)
            .await?;
    Ok(key)
}
