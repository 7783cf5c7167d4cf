//! Deterministic pseudo-random data: a small generator and the Indonesian
//! forum prose the benchmark's posts are written in.

/// SplitMix64: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

/// Words searched for by the benchmark: one in a large share of the posts,
/// one in about a thousandth of them, and one in none.
pub const COMMON_WORD: &str = "jalan";
pub const RARE_WORD: &str = "ambulans";
/// A word no post holds (a typo, say).
pub const ABSENT_WORD: &str = "jalam";
const RARE_SHARE: f64 = 0.001;

const FIRST_NAMES: &[&str] = &[
    "Agus", "Ahmad", "Ani", "Bambang", "Budi", "Dewi", "Dian", "Eka", "Fajar", "Fitri", "Gede", "Hendra", "Indah",
    "Joko", "Kadek", "Komang", "Lestari", "Made", "Maria", "Nur", "Nyoman", "Putri", "Rahmat", "Rina", "Rudi", "Sari",
    "Siti", "Slamet", "Sri", "Teguh", "Tri", "Wayan", "Wahyu", "Yanti", "Yohanes", "Yulia",
];
const LAST_NAMES: &[&str] = &[
    "Hidayat",
    "Kurniawan",
    "Lestari",
    "Nugroho",
    "Pratama",
    "Purnama",
    "Putra",
    "Rahayu",
    "Saputra",
    "Setiawan",
    "Siregar",
    "Sitompul",
    "Suartika",
    "Susanto",
    "Wahyuni",
    "Wetipo",
    "Wibowo",
    "Wijaya",
    "Yogi",
    "Lani",
    "Hubi",
];

pub fn person_name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

const THINGS: &[&str] = &[
    "jalan di depan pasar",
    "lampu penerangan jalan",
    "saluran air di gang kami",
    "drainase di ujung jalan",
    "jembatan kecil dekat sekolah",
    "trotoar di depan kantor kelurahan",
    "tempat pembuangan sampah sementara",
    "pelayanan KTP elektronik",
    "antrean di puskesmas",
    "jadwal posyandu",
    "izin usaha mikro",
    "air bersih dari PDAM",
    "sekolah dasar negeri",
    "taman bermain anak",
    "pasar tradisional",
    "angkutan kota",
    "bantuan sosial untuk lansia",
    "pengangkutan sampah",
    "pohon tumbang di pinggir jalan",
    "banjir di permukiman",
];

const STATES: &[&str] = &[
    "rusak parah sejak bulan lalu",
    "sering tergenang kalau hujan deras",
    "belum juga diperbaiki",
    "sudah lama tidak berfungsi",
    "perlu perhatian dari dinas terkait",
    "membahayakan pengendara motor pada malam hari",
    "membuat warga harus menunggu berjam-jam",
    "tidak sesuai dengan jadwal yang diumumkan",
    "sudah jauh lebih baik setelah diperbaiki",
    "masih menjadi keluhan warga",
];

const OPENERS: &[&str] = &[
    "Selamat pagi bapak dan ibu.",
    "Izin bertanya kepada petugas.",
    "Saya ingin menyampaikan keluhan warga RT kami.",
    "Menanggapi diskusi sebelumnya,",
    "Terima kasih atas tanggapannya.",
    "Saya setuju dengan usulan ini.",
    "Mohon maaf sebelumnya.",
    "Sekadar informasi untuk warga yang lain.",
];

const CLOSERS: &[&str] = &[
    "Mohon tindak lanjut dari petugas.",
    "Apakah sudah ada jadwal perbaikan?",
    "Warga sekitar sudah mengeluh berkali-kali.",
    "Semoga segera ada solusi.",
    "Kami siap bergotong royong kalau dibutuhkan.",
    "Terima kasih atas perhatiannya.",
    "Mohon informasi lebih lanjut.",
    "Bagaimana pendapat warga yang lain?",
];

const TIMES: &[&str] = &[
    "minggu lalu",
    "tiga hari yang lalu",
    "sejak awal tahun",
    "setiap musim hujan",
    "kemarin sore",
    "bulan ini",
    "hampir setiap malam",
];

const PLACES: &[&str] = &[
    "Gang Melati",
    "Jalan Gajah Mada",
    "Jalan Diponegoro",
    "Gang Mawar",
    "Jalan Sudirman",
];

const SYLLABLES: &[&str] = &[
    "ka", "ra", "sa", "wi", "ma", "ngu", "to", "le", "bu", "di", "ja", "ya", "pu", "ri", "ta", "na", "se", "go", "lo",
    "mi",
];

/// A made-up place name (the long tail of a real forum's vocabulary).
fn proper_noun(rng: &mut Rng) -> String {
    let n = 2 + rng.below(3);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(SYLLABLES));
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn sentence(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => format!("{} {}.", capitalize(rng.pick(THINGS)), rng.pick(STATES)),
        1 => format!(
            "Di {} RT {:02}/RW {:02}, {} {} {}.",
            rng.pick(PLACES),
            1 + rng.below(12),
            1 + rng.below(8),
            rng.pick(THINGS),
            rng.pick(STATES),
            rng.pick(TIMES)
        ),
        2 => format!(
            "Warga Kampung {} melaporkan bahwa {} {}.",
            proper_noun(rng),
            rng.pick(THINGS),
            rng.pick(STATES)
        ),
        3 => format!(
            "Menurut saya **{}** harus jadi prioritas {}.",
            rng.pick(THINGS),
            rng.pick(TIMES)
        ),
        4 => rng.pick(CLOSERS).to_owned(),
        _ => format!("{} {}.", capitalize(rng.pick(TIMES)), rng.pick(STATES)),
    }
}

pub fn title(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("Usulan: perbaikan {}", rng.pick(THINGS)),
        1 => format!("Pertanyaan tentang {}", rng.pick(THINGS)),
        2 => format!(
            "{} di {} {}",
            capitalize(rng.pick(THINGS)),
            proper_noun(rng),
            rng.pick(STATES)
        ),
        _ => format!("{} {}", capitalize(rng.pick(THINGS)), rng.pick(STATES)),
    }
}

/// A post in Markdown: one to three paragraphs, sometimes a list or a link.
pub fn body(rng: &mut Rng) -> String {
    let mut out = String::new();
    let paragraphs = 1 + rng.below(3);
    for p in 0..paragraphs {
        if p > 0 {
            out.push_str("\n\n");
        }
        if p == 0 && rng.chance(0.4) {
            out.push_str(rng.pick(OPENERS));
            out.push(' ');
        }
        let sentences = 1 + rng.below(4);
        for s in 0..sentences {
            if s > 0 {
                out.push(' ');
            }
            out.push_str(&sentence(rng));
        }
    }
    if rng.chance(0.15) {
        out.push_str("\n\nYang perlu dicek:\n");
        for _ in 0..2 + rng.below(3) {
            out.push_str(&format!("\n- {}", rng.pick(THINGS)));
        }
    }
    if rng.chance(0.1) {
        out.push_str(&format!(
            "\n\nFoto dan lokasinya ada di [sini](https://peta.contoh.id/lapor/{}).",
            rng.next_u64() % 1_000_000
        ));
    }
    if rng.chance(RARE_SHARE) {
        out.push_str("\n\nTadi malam ambulans tidak bisa lewat.");
    }
    out
}
