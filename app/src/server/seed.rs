//! Demo data: the five places of the product brief in their real area tree,
//! agencies that serve them, categories and one account for every role.
//! Loaded once, and only into a database that has no people in it yet.
use super::{secrets::hash_password, time::now, users};
use crate::db::Db;
use crate::error::AppResult;
use crate::model::Lang;
use crate::server::AppState;

struct Area {
    /// The official (Kemendagri) code, as in the list `server import-areas`
    /// loads, so that importing the country later adopts these areas.
    code: &'static str,
    name: &'static str,
    level: &'static str,
    kind: &'static str,
    children: &'static [Area],
}

const fn area(
    code: &'static str,
    name: &'static str,
    level: &'static str,
    kind: &'static str,
    children: &'static [Area],
) -> Area {
    Area {
        code,
        name,
        level,
        kind,
        children,
    }
}

const fn kec(code: &'static str, name: &'static str, children: &'static [Area]) -> Area {
    area(code, name, "district", "Kecamatan", children)
}

const fn kel(code: &'static str, name: &'static str) -> Area {
    area(code, name, "village", "Kelurahan", &[])
}

/// (province code, province, time zone, tree below it), with the official
/// list's names and codes.
const TREE: &[(&str, &str, &str, &[Area])] = &[
    (
        "51",
        "Bali",
        "WITA",
        &[area(
            "51.71",
            "Kota Denpasar",
            "city",
            "Kota",
            &[
                kec("51.71.03", "Denpasar Barat", &[kel("51.71.03.1005", "Dauh Puri")]),
                kec("51.71.01", "Denpasar Selatan", &[kel("51.71.01.1004", "Panjer")]),
                kec("51.71.02", "Denpasar Timur", &[]),
                kec("51.71.04", "Denpasar Utara", &[]),
            ],
        )],
    ),
    (
        "35",
        "Jawa Timur",
        "WIB",
        &[area(
            "35.73",
            "Kota Malang",
            "city",
            "Kota",
            &[kec("35.73.03", "Kedungkandang", &[kel("35.73.03.1001", "Kotalama")])],
        )],
    ),
    (
        "95",
        "Papua Pegunungan",
        "WIT",
        &[area(
            "95.01",
            "Kabupaten Jayawijaya",
            "regency",
            "Kabupaten",
            &[area("95.01.35", "Welesi", "district", "Distrik", &[])],
        )],
    ),
    (
        "13",
        "Sumatera Barat",
        "WIB",
        &[area(
            "13.73",
            "Kota Sawahlunto",
            "city",
            "Kota",
            &[
                kec("13.73.02", "Barangin", &[]),
                kec("13.73.01", "Lembah Segar", &[]),
                kec("13.73.03", "Silungkang", &[]),
                kec("13.73.04", "Talawi", &[]),
            ],
        )],
    ),
    (
        "16",
        "Sumatera Selatan",
        "WIB",
        &[area(
            "16.71",
            "Kota Palembang",
            "city",
            "Kota",
            &[kec(
                "16.71.14",
                "Plaju",
                &[
                    kel("16.71.14.1004", "Baguskuning"),
                    kel("16.71.14.1003", "Plaju Ilir"),
                    kel("16.71.14.1001", "Plaju Ulu"),
                ],
            )],
        )],
    ),
];

/// (short name, full name prefix) of the agencies each city or regency has.
const AGENCIES: &[(&str, &str)] = &[
    ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("Dinkes", "Dinas Kesehatan"),
    ("Disdik", "Dinas Pendidikan"),
    ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("DLH", "Dinas Lingkungan Hidup"),
    ("Dinsos", "Dinas Sosial"),
];

const CATEGORIES: &[(&str, &str, &str)] = &[
    ("infrastruktur", "Infrastruktur", "Infrastructure"),
    ("kesehatan", "Kesehatan", "Health"),
    ("pendidikan", "Pendidikan", "Education"),
    ("kependudukan", "Administrasi kependudukan", "Civil registration"),
    ("perizinan", "Perizinan", "Permits"),
    ("lingkungan", "Lingkungan hidup", "Environment"),
    ("sosial", "Sosial", "Social affairs"),
];

/// The demo accounts: (username, display name, home area, role, bound to).
pub const DEMO_PASSWORD: &str = "rembuk-demo";
const ACCOUNTS: &[(&str, &str, &str, &str, &str)] = &[
    ("admin", "Admin Rembuk", "Kota Denpasar", "admin", ""),
    (
        "moderator.denpasar",
        "Made Wirawan",
        "Kota Denpasar",
        "moderator",
        "Kota Denpasar",
    ),
    ("moderator.walesi", "Yulianus Wetipo", "Welesi", "moderator", "Welesi"),
    (
        "perencana.denpasar",
        "Gede Pramana",
        "Kota Denpasar",
        "planner",
        "Kota Denpasar",
    ),
    (
        "petugas.pupr.denpasar",
        "Ketut Suarjana",
        "Kota Denpasar",
        "officer",
        "Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar",
    ),
    (
        "petugas.dinkes.jayawijaya",
        "Maria Hubi",
        "Kabupaten Jayawijaya",
        "officer",
        "Dinas Kesehatan Kabupaten Jayawijaya",
    ),
    (
        "petugas.disdik.malang",
        "Sri Wahyuni",
        "Kota Malang",
        "officer",
        "Dinas Pendidikan Kota Malang",
    ),
    ("warga.denpasar", "Ni Luh Ayu", "Dauh Puri", "", ""),
    ("warga.kotalama", "Budi Santoso", "Kotalama", "", ""),
    ("warga.plaju", "Siti Aminah", "Plaju Ulu", "", ""),
    ("warga.sawahlunto", "Rahmat Hidayat", "Talawi", "", ""),
    ("warga.walesi", "Yosef Lani", "Welesi", "", ""),
];

pub enum Outcome {
    Loaded,
    AlreadyLoaded,
    /// The database already holds real people: demo data never goes there.
    Refused,
}

pub async fn demo(st: &AppState) -> AppResult<Outcome> {
    let db = &st.db;
    let marker: Option<String> = sqlx::query_scalar("SELECT value FROM meta WHERE key = 'demo_data'")
        .fetch_optional(&db.pool)
        .await?;
    if marker.is_some() {
        db.mark_demo();
        return Ok(Outcome::AlreadyLoaded);
    }
    let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await?;
    let areas: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM areas")
        .fetch_one(&db.pool)
        .await?;
    if people > 0 || areas > 0 {
        return Ok(Outcome::Refused);
    }
    let mut hashes = Vec::new();
    for _ in ACCOUNTS {
        hashes.push(hash_password(DEMO_PASSWORD.to_owned()).await?);
    }
    let t = now();
    let mut tx = db.pool.begin().await?;
    let mut area_ids: Vec<(&str, i64)> = Vec::new();
    let mut stack: Vec<(&Area, Option<i64>, String, i64, &str)> = Vec::new();
    let provinces: Vec<Area> = TREE
        .iter()
        .map(|(code, name, _, kids)| area(code, name, "province", "Provinsi", kids))
        .collect();
    for (p, (_, _, tz, _)) in provinces.iter().zip(TREE).rev() {
        stack.push((p, None, String::new(), 0, tz));
    }
    while let Some((a, parent, parent_path, depth, tz)) = stack.pop() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO areas (parent_id, name, level, kind_label, timezone, depth, code, search_key) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(parent)
        .bind(a.name)
        .bind(a.level)
        .bind(a.kind)
        .bind(tz)
        .bind(depth)
        .bind(a.code)
        .bind(crate::domain::official::search_key(a.name))
        .fetch_one(&mut *tx)
        .await?;
        let path = format!("{parent_path}{id:010}/");
        sqlx::query("UPDATE areas SET path = $1 WHERE id = $2")
            .bind(&path)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        area_ids.push((a.name, id));
        for c in a.children.iter().rev() {
            stack.push((c, Some(id), path.clone(), depth + 1, tz));
        }
    }
    let area_id = |name: &str| {
        area_ids
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, id)| *id)
            .unwrap_or(0)
    };

    for (slug, id_name, en_name) in CATEGORIES {
        sqlx::query("INSERT INTO categories (slug, name_id, name_en) VALUES ($1, $2, $3)")
            .bind(slug)
            .bind(id_name)
            .bind(en_name)
            .execute(&mut *tx)
            .await?;
    }
    let mut agency_ids: Vec<(String, i64)> = Vec::new();
    let served = area_ids
        .iter()
        .filter(|(n, _)| n.starts_with("Kota ") || n.starts_with("Kabupaten "));
    for (place, place_id) in served {
        // Each agency answers for the category in the same place of CATEGORIES.
        for ((short, full), (slug, _, _)) in AGENCIES.iter().zip(CATEGORIES) {
            let name = format!("{full} {place}");
            let id: i64 = sqlx::query_scalar("INSERT INTO agencies (name, short_name) VALUES ($1, $2) RETURNING id")
                .bind(&name)
                .bind(short)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO agency_areas (agency_id, area_id) VALUES ($1, $2)")
                .bind(id)
                .bind(place_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO responsibilities (area_id, category_id, agency_id) \
                 SELECT $1, id, $2 FROM categories WHERE slug = $3",
            )
            .bind(place_id)
            .bind(id)
            .bind(slug)
            .execute(&mut *tx)
            .await?;
            agency_ids.push((name, id));
        }
    }
    for ((username, display, home, role, bound), hash) in ACCOUNTS.iter().zip(hashes) {
        let home_id = area_id(home);
        let new = users::NewUser {
            username,
            display_name: display,
            password_hash: &hash,
            home_area_id: home_id,
            lang: Lang::Id,
            // Established accounts: the stricter write limits of new
            // accounts are not what a demo should show first.
            at: t - 90 * 86_400,
        };
        let uid = users::insert(&mut tx, new).await?;
        let (agency, area): (Option<i64>, Option<i64>) = match *role {
            "officer" => (agency_ids.iter().find(|(n, _)| n == bound).map(|(_, id)| *id), None),
            "moderator" | "planner" => (None, Some(area_id(bound))),
            _ => (None, None),
        };
        if !role.is_empty() {
            sqlx::query(
                "INSERT INTO user_roles (user_id, role, agency_id, area_id, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(uid)
            .bind(role)
            .bind(agency)
            .bind(area)
            .bind(t)
            .execute(&mut *tx)
            .await?;
        }
    }
    // A small demo community: three supports oblige an official response,
    // so the whole cycle can be tried with the demo accounts.
    sqlx::query("UPDATE areas SET support_threshold = 3, rules_here = CASE WHEN parent_id IS NULL THEN 1 ELSE 0 END")
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO meta (key, value) VALUES ('demo_data', $1)")
        .bind(t.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    db.mark_demo();
    demo_forums(st, t).await?;
    demo_proposals(st, t).await?;
    demo_complaints(st, t).await?;
    super::musrenbang::demo::demo(
        st,
        &demo_me(db, "admin").await?,
        &demo_me(db, "warga.denpasar").await?,
        t,
    )
    .await?;
    // The dashboard's deadline and percentile work, done now rather than by
    // the server's first sweep.
    super::dashboard::sweep(db, &st.config, t).await?;
    Ok(Outcome::Loaded)
}

/// (author, area, category, title, body, replies as (author, answers reply n or 0, body)).
type DemoThread = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, i64, &'static str)],
);

const THREADS: &[DemoThread] = &[
    (
        "warga.walesi",
        "Welesi",
        "kesehatan",
        "Jadwal Puskesmas keliling di Walesi",
        "Sejak bulan lalu Puskesmas keliling tidak datang ke kampung kami.\n\n- Ibu hamil harus jalan kaki **tiga jam** ke Wamena\n- Obat batuk anak-anak habis\n\nMohon kepastian jadwalnya.",
        &[
            (
                "petugas.dinkes.jayawijaya",
                0,
                "Terima kasih laporannya. Kendaraan Puskesmas keliling sedang diperbaiki; mulai minggu depan jadwal kembali **setiap Selasa** pukul 09.00 WIT di halaman gereja.",
            ),
            ("warga.walesi", 1, "Baik, kami sampaikan ke warga. Apakah obat batuk anak juga dibawa?"),
        ],
    ),
    (
        "warga.sawahlunto",
        "Talawi",
        "lingkungan",
        "Bekas galian tambang jadi kolam berbahaya",
        "Lubang bekas tambang di dekat SD terisi air hujan dan **tidak berpagar**. Anak-anak sering bermain di sana.\n\nUsul: pasang pagar dan papan peringatan.",
        &[("warga.walesi", 0, "Di tempat kami juga ada masalah serupa. Semoga cepat ditangani.")],
    ),
    (
        "warga.denpasar",
        "Kota Denpasar",
        "infrastruktur",
        "Usulan jalur sepeda di Jalan Teuku Umar",
        "Banyak pelajar bersepeda ke sekolah lewat Jalan Teuku Umar, padahal lalu lintasnya padat.\n\n## Usulan\n\n1. Marka jalur sepeda di sisi kiri\n2. Rambu batas kecepatan 40 km/jam",
        &[(
            "petugas.pupr.denpasar",
            0,
            "Usulan ini kami catat untuk kajian penataan ruas jalan tahun depan. Kami akan mengabarkan hasil survei lalu lintasnya di topik ini.",
        )],
    ),
];

/// A demo person as the request layer would see them.
async fn demo_me(db: &Db, username: &str) -> AppResult<crate::model::Me> {
    let (id, home_area_id, display_name): (i64, i64, String) =
        sqlx::query_as("SELECT id, home_area_id, display_name FROM users WHERE username = $1")
            .bind(username)
            .fetch_one(&db.pool)
            .await?;
    Ok(crate::model::Me {
        id,
        username: username.to_owned(),
        display_name,
        home_area_id,
        roles: users::roles_of(db, id).await?,
        unread: 0,
        ..Default::default()
    })
}

/// A few conversations, written through the same code as real posts.
async fn demo_forums(st: &AppState, t: i64) -> AppResult<()> {
    let db = &st.db;
    let me = |username: &'static str| demo_me(db, username);
    let mut at = t - 3 * 86_400;
    for (author, area, category, title, body, replies) in THREADS {
        let area_id: i64 = sqlx::query_scalar("SELECT id FROM areas WHERE name = $1")
            .bind(area)
            .fetch_one(&db.pool)
            .await?;
        let category_id: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = $1")
            .bind(category)
            .fetch_one(&db.pool)
            .await?;
        let new = super::forums::NewThread {
            title: (*title).to_owned(),
            body: (*body).to_owned(),
            area_id: crate::domain::ids::AreaId(area_id),
            category_id: crate::domain::ids::CategoryId(category_id),
            photos: Vec::new(),
        };
        let thread = super::forums::create_thread(st, &me(author).await?, new, at).await?;
        for (who, answers, text) in replies.iter() {
            at += 3_600;
            let parent = match answers {
                0 => None,
                n => Some(
                    sqlx::query_scalar("SELECT id FROM posts WHERE thread_id = $1 AND seq = $2")
                        .bind(thread)
                        .bind(n)
                        .fetch_one(&db.pool)
                        .await?,
                ),
            };
            super::forums::reply(st, &me(who).await?, thread, parent, text, at).await?;
        }
        at += 86_400 / 2;
    }
    Ok(())
}

/// Two proposals through the app's own steps: one in Kota Denpasar that
/// reached the threshold, was accepted and is under way (with a discussion
/// reply), one in Walesi still gathering supports; and a response template
/// of the Denpasar public-works office.
async fn demo_proposals(st: &AppState, t: i64) -> AppResult<()> {
    let db = &st.db;
    use super::proposals::{self as p, Answer, NewProposal, State};
    use crate::domain::ids::{AgencyId, AreaId, CategoryId};
    let area = |name: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM areas WHERE name = $1")
            .bind(name)
            .fetch_one(&db.pool)
            .await
    };
    let category = |slug: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM categories WHERE slug = $1")
            .bind(slug)
            .fetch_one(&db.pool)
            .await
    };
    let day = 86_400;
    let author = demo_me(db, "warga.denpasar").await?;
    let lights = p::create(
        st,
        &author,
        NewProposal {
            title: "Lampu penerangan di Jalan Gatot Subroto Barat".into(),
            body: "Sepanjang 600 meter Jalan Gatot Subroto Barat **gelap** sejak lampu lama rusak. \
                   Pengendara motor sering jatuh di lubang yang tidak terlihat.\n\n\
                   Usul: pasang 12 lampu LED tenaga surya."
                .into(),
            area_id: AreaId(area("Kota Denpasar").await?),
            category_id: CategoryId(category("infrastruktur").await?),
            cost: Some(180_000_000),
            location: "Jalan Gatot Subroto Barat, dari simpang Cokroaminoto ke barat".into(),
            point: Some(crate::model::GeoPoint {
                lat_e6: -8_640_800,
                lon_e6: 115_196_300,
            }),
            photos: Vec::new(),
        },
        true,
        t - 6 * day,
    )
    .await?;
    for (k, who) in ["warga.denpasar", "moderator.denpasar", "admin"]
        .into_iter()
        .enumerate()
    {
        p::support(
            st,
            &demo_me(db, who).await?,
            lights,
            t - 5 * day + k as i64 * 3_600,
            None,
        )
        .await?;
    }
    let thread: i64 = sqlx::query_scalar("SELECT thread_id FROM proposals WHERE id = $1")
        .bind(lights)
        .fetch_one(&db.pool)
        .await?;
    super::forums::reply(
        st,
        &demo_me(db, "moderator.denpasar").await?,
        crate::domain::ids::ThreadId(thread),
        None,
        "Setuju. Dekat sekolah juga perlu, anak-anak pulang les sudah gelap.",
        t - 5 * day + 7_200,
    )
    .await?;
    let officer = demo_me(db, "petugas.pupr.denpasar").await?;
    p::answer(
        db,
        &officer,
        lights,
        Answer {
            to: State::Accepted,
            body: "Usulan diterima. Pemasangan 12 lampu LED tenaga surya masuk anggaran perubahan tahun ini.".into(),
            budget: Some(165_000_000),
            timeline: Some("Desember 2026 sampai Februari 2027".into()),
            progress: None,
            confirm: String::new(),
        }
        .confirmed(false),
        false,
        t - 3 * day,
    )
    .await?;
    p::answer(
        db,
        &officer,
        lights,
        Answer {
            to: State::InProgress,
            body: "Tiang untuk 5 lampu pertama sudah berdiri.".into(),
            budget: None,
            timeline: None,
            progress: Some(40),
            confirm: String::new(),
        }
        .confirmed(true),
        true,
        t - day,
    )
    .await?;
    let walesi = demo_me(db, "warga.walesi").await?;
    let water = p::create(
        st,
        &walesi,
        NewProposal {
            title: "Bak penampung air hujan untuk Kampung Walesi".into(),
            body:
                "Saat kemarau warga mengambil air dari kali yang jauh. Bak penampung di tiap RT akan sangat membantu."
                    .into(),
            area_id: AreaId(area("Welesi").await?),
            category_id: CategoryId(category("lingkungan").await?),
            cost: Some(90_000_000),
            location: String::new(),
            point: None,
            photos: Vec::new(),
        },
        true,
        t - 2 * day,
    )
    .await?;
    p::support(st, &walesi, water, t - 2 * day + 600, None).await?;
    let agency: i64 = sqlx::query_scalar("SELECT agency_id FROM user_roles WHERE user_id = $1 AND role = 'officer'")
        .bind(officer.id)
        .fetch_one(&db.pool)
        .await?;
    p::add_template(
        db,
        &officer,
        AgencyId(agency),
        "Survei lokasi",
        "Terima kasih atas usulannya. Tim kami akan **memeriksa lokasi** dalam lima hari kerja dan mengabarkan hasilnya di sini.",
        t - 7 * day,
    )
    .await?;
    Ok(())
}

/// One complaint in Walesi, handled and rated, so that the complaint pages
/// and the dashboard have something to show.
async fn demo_complaints(st: &AppState, t: i64) -> AppResult<()> {
    let db = &st.db;
    use super::complaints as c;
    use crate::domain::complaint::Event;
    use crate::domain::ids::{AreaId, CategoryId};
    use crate::domain::service::ServiceItem;
    let day = 86_400;
    let walesi = demo_me(db, "warga.walesi").await?;
    let officer = demo_me(db, "petugas.dinkes.jayawijaya").await?;
    let area: i64 = sqlx::query_scalar("SELECT id FROM areas WHERE name = 'Welesi'")
        .fetch_one(&db.pool)
        .await?;
    let category: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'kesehatan'")
        .fetch_one(&db.pool)
        .await?;
    let filed = t - 3 * day;
    let id = c::file(
        st,
        &walesi,
        c::NewComplaint {
            title: "Puskesmas Walesi tutup pada jam layanan".into(),
            body: "Hari Senin pukul 10 pagi Puskesmas Walesi terkunci dan tidak ada petugas. Kami menunggu dua jam \
                   bersama anak yang demam, lalu pulang tanpa dilayani."
                .into(),
            area_id: AreaId(area),
            category_id: CategoryId(category),
            location: "Puskesmas Walesi".into(),
            happened_on: super::time::local_day(filed, "WIT") - 1,
            anonymous: false,
            private: false,
            point: Some(crate::model::GeoPoint {
                lat_e6: -4_113_000,
                lon_e6: 138_962_000,
            }),
            photos: crate::server::photos::process::demo_picture().into_iter().collect(),
        },
        filed,
    )
    .await?;
    c::step(
        st,
        &officer,
        id,
        Event::Verified,
        "Laporan kami terima. Kepala Puskesmas sudah kami hubungi untuk meminta penjelasan.",
        None,
        filed + day,
    )
    .await?;
    c::step(
        st,
        &officer,
        id,
        Event::Resolved,
        "Petugas jaga pada hari itu dipanggil ke rapat tanpa pengganti. Mulai minggu ini jadwal jaga ditempel di \
         pintu dan selalu ada satu perawat yang bertugas.",
        None,
        filed + 2 * day,
    )
    .await?;
    c::rate(
        db,
        &walesi,
        ServiceItem::Complaint(id),
        [3, 3, 4, 4, 3, 3, 3, 3, 2],
        "Semoga jadwalnya ditepati.",
        t - day,
    )
    .await?;
    Ok(())
}
