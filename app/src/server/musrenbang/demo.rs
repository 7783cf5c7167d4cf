//! The demo's Musrenbang: Kota Denpasar's cycle for the 2027 plan, in its
//! kecamatan stage. Three usulan were put forward in Dauh Puri and voted on;
//! the kelurahan's result was confirmed, and the two it carried are on the
//! ballot of Denpasar Barat now. Made through the app's own steps.
use super::{approve, confirm, count_stage, open_cycle, submit, Choice, Decision, NewUsulan, StageDays, TierResult};
use crate::domain::ids::{AreaId, CategoryId};
use crate::domain::musrenbang::Tier;
use crate::error::AppResult;
use crate::model::Me;
use crate::server::AppState;

pub async fn demo(st: &AppState, admin: &Me, resident: &Me, t: i64) -> AppResult<()> {
    let db = &st.db;
    let id_of = |sql: &'static str, name: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql).bind(name).fetch_one(&db.pool).await
    };
    let kota = id_of("SELECT id FROM areas WHERE name = $1", "Kota Denpasar").await?;
    let dauh = id_of("SELECT id FROM areas WHERE name = $1", "Dauh Puri").await?;
    let zone = "WITA";
    let today = super::super::time::local_day(t, zone);
    let stage = |from: i64, ceiling: i64| StageDays {
        submit_from: today + from,
        submit_until: today + from + 7,
        vote_from: today + from + 9,
        vote_until: today + from + 16,
        result_by: today + from + 20,
        ceiling,
    };
    // Tier 0 ended three weeks ago; tier 1 votes now (from 2 days ago).
    let days = [
        stage(-41, 300_000_000),
        stage(-11, 1_000_000_000),
        stage(22, 5_000_000_000),
    ];
    let cycle = open_cycle(st, admin, AreaId(kota), 2027, "equal_shares", days, t - 45 * 86_400).await?;
    let category = |slug: &'static str| id_of("SELECT id FROM categories WHERE slug = $1", slug);
    let usulan = [
        (
            "Normalisasi saluran Jalan Gunung Agung",
            "infrastruktur",
            "Saluran tersumbat sedimen; setiap hujan deras air naik ke jalan dan masuk ke 30 rumah.",
            "Pengerukan dan perbaikan dinding saluran.",
            "Jalan Gunung Agung, Banjar Tegal Gede",
            40_000,
            "meter",
            180_000_000,
        ),
        (
            "Posyandu lansia di Balai Banjar Dauh Puri Kaja",
            "kesehatan",
            "Lansia harus ke puskesmas yang jauh untuk pemeriksaan rutin.",
            "Pemeriksaan bulanan dan alat ukur tekanan darah serta gula darah.",
            "Balai Banjar Dauh Puri Kaja",
            1_200,
            "kegiatan",
            45_000_000,
        ),
        (
            "Lampu jalan Gang Nusa Indah",
            "infrastruktur",
            "Gang gelap di malam hari; warga pulang kerja merasa tidak aman.",
            "Pemasangan 10 lampu jalan LED.",
            "Gang Nusa Indah",
            1_000,
            "unit",
            120_000_000,
        ),
    ];
    let mut ids = Vec::new();
    for (i, (title, cat, problem, action, location, volume, unit, cost)) in usulan.into_iter().enumerate() {
        let u = NewUsulan {
            cycle,
            tier: Tier::Village,
            category: CategoryId(category(cat).await?),
            title: title.into(),
            problem: problem.into(),
            action: action.into(),
            location: location.into(),
            volume,
            unit: unit.into(),
            cost,
            from: Vec::new(),
        };
        ids.push(submit(st, resident, &u, t - 40 * 86_400 + i as i64 * 3_600).await?);
    }
    // The resident's ballot: the drain and the posyandu (225 of 300 juta).
    for id in &ids[..2] {
        approve(st, resident, *id, true, t - 30 * 86_400).await?;
    }
    count_stage(db, cycle, Tier::Village.n(), t - 24 * 86_400).await?;
    let result = TierResult {
        cycle,
        tier: Tier::Village,
        area: AreaId(dauh),
        decisions: vec![
            Choice::new(ids[0], Decision::Carry),
            Choice::new(ids[1], Decision::Carry),
        ],
        extra: Vec::new(),
        extra_reason: String::new(),
        attendance: Some(57),
        delegates: "Ni Luh Ayu; I Made Sudirta".into(),
    };
    confirm(st, admin, &result, t - 22 * 86_400).await
}
