//! Message catalogues. Both languages are one struct each, so the compiler
//! refuses a build in which English (or Indonesian) misses a string.
pub mod amounts;
pub mod complaints;
pub mod moderation;
pub mod proposals;

use crate::error::{AppError, FieldProblem, Refusal};
use crate::model::{AreaLevel, Lang, Role};

pub struct Msg {
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_sign_in: &'static str,
    pub nav_register: &'static str,
    pub nav_sign_out: &'static str,
    pub nav_settings: &'static str,
    pub nav_admin: &'static str,
    pub language: &'static str,
    pub switch_language: &'static str,
    pub footer: &'static str,
    pub demo_banner: &'static str,
    pub loading: &'static str,

    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub areas_heading: &'static str,
    pub recent_heading: &'static str,
    pub no_activity: &'static str,
    pub residents: &'static str,
    pub last_active: &'static str,
    pub activity_joined: &'static str,

    pub breadcrumbs: &'static str,
    pub sub_areas: &'static str,
    pub no_sub_areas: &'static str,
    pub agencies: &'static str,
    pub no_agencies: &'static str,
    pub time_zone: &'static str,

    pub sign_in_title: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub sign_in_button: &'static str,
    pub no_account: &'static str,

    pub register_title: &'static str,
    pub display_name: &'static str,
    pub password_confirm: &'static str,
    pub home_area: &'static str,
    pub choose_area: &'static str,
    pub register_button: &'static str,
    pub have_account: &'static str,
    pub username_hint: &'static str,
    pub display_name_hint: &'static str,
    pub password_hint: &'static str,

    pub profile_joined: &'static str,
    pub profile_home: &'static str,
    pub profile_roles: &'static str,
    pub role_resident: &'static str,
    pub role_officer: &'static str,
    pub role_moderator: &'static str,
    pub role_admin: &'static str,

    pub settings_title: &'static str,
    pub profile_section: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub change_password_title: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub change_password_button: &'static str,
    pub password_changed: &'static str,

    pub admin_title: &'static str,
    pub search_users: &'static str,
    pub search_button: &'static str,
    pub users_heading: &'static str,
    pub no_users: &'static str,
    pub grant_title: &'static str,
    pub role: &'static str,
    pub agency: &'static str,
    pub area: &'static str,
    pub agency_hint: &'static str,
    pub area_hint: &'static str,
    pub none_option: &'static str,
    pub grant_button: &'static str,
    pub revoke_button: &'static str,
    pub no_roles: &'static str,
    pub granted: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub forbidden_title: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,

    pub activity_reply: &'static str,
    pub activity_thread: &'static str,
    pub all_categories: &'static str,
    pub apply_filters: &'static str,
    pub atom_feed: &'static str,
    pub cancel_quote: &'static str,
    pub category: &'static str,
    pub choose_category: &'static str,
    pub current_version: &'static str,
    pub delete_button: &'static str,
    pub delete_heading: &'static str,
    pub delete_note: &'static str,
    pub delete_thread_note: &'static str,
    pub earlier_versions: &'static str,
    pub edit_button: &'static str,
    pub edit_note: &'static str,
    pub edit_title: &'static str,
    pub edited_marker: &'static str,
    pub forum_heading: &'static str,
    pub history_link: &'static str,
    pub history_title: &'static str,
    pub in_reply_to: &'static str,
    pub include_sub_areas: &'static str,
    pub join_forum: &'static str,
    pub joined_heading: &'static str,
    pub joined_none: &'static str,
    pub last_post: &'static str,
    pub leave_forum: &'static str,
    pub mark_all_read: &'static str,
    pub markdown_hint: &'static str,
    pub more_pages: &'static str,
    pub nav_notifications: &'static str,
    pub new_badge: &'static str,
    pub new_thread: &'static str,
    pub next_page: &'static str,
    pub no_notifications: &'static str,
    pub no_replies: &'static str,
    pub no_results: &'static str,
    pub no_threads: &'static str,
    pub notifications_title: &'static str,
    pub officer_badge: &'static str,
    pub one_reply: &'static str,
    pub post_deleted: &'static str,
    pub prev_page: &'static str,
    pub preview_button: &'static str,
    pub preview_heading: &'static str,
    pub publish_thread: &'static str,
    pub replaced_at: &'static str,
    pub replied_to_post: &'static str,
    pub replied_to_thread: &'static str,
    pub replies_heading: &'static str,
    pub replies_word: &'static str,
    pub reply_button: &'static str,
    pub reply_heading: &'static str,
    pub reply_to_label: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_prompt: &'static str,
    pub search_title: &'static str,
    pub send_reply: &'static str,
    pub sign_in_to_reply: &'static str,
    pub sort_activity: &'static str,
    pub sort_by: &'static str,
    pub sort_newest: &'static str,
    pub sort_replies: &'static str,
    pub thread_body: &'static str,
    pub thread_closed: &'static str,
    pub thread_title: &'static str,
    pub title_hint_short: &'static str,
    pub unread_word: &'static str,
    pub written_at: &'static str,
    pub your_reply: &'static str,
}

pub static ID: Msg = Msg {
    tagline: "Rembuk warga dan pemerintah daerah",
    skip_to_content: "Langsung ke isi",
    nav_label: "Navigasi utama",
    nav_home: "Beranda",
    nav_sign_in: "Masuk",
    nav_register: "Daftar",
    nav_sign_out: "Keluar",
    nav_settings: "Pengaturan",
    nav_admin: "Admin",
    language: "Bahasa",
    switch_language: "Ganti bahasa",
    footer: "Rembuk — forum warga dan catatan keputusan yang terbuka.",
    demo_banner: "Situs demo: semua akun demo memakai kata sandi yang diumumkan. Jangan tulis data pribadi di sini.",
    loading: "Memuat…",

    home_title: "Beranda",
    home_intro: "Bahas masalah di lingkungan Anda bersama warga lain dan petugas (ASN) dari dinas terkait.",
    areas_heading: "Wilayah",
    recent_heading: "Aktivitas terbaru",
    no_activity: "Belum ada aktivitas.",
    residents: "warga",
    last_active: "aktif",
    activity_joined: "bergabung di",

    breadcrumbs: "Jejak wilayah",
    sub_areas: "Wilayah di bawahnya",
    no_sub_areas: "Tidak ada wilayah di bawahnya.",
    agencies: "Instansi yang melayani",
    no_agencies: "Belum ada instansi terdaftar.",
    time_zone: "Zona waktu",

    sign_in_title: "Masuk",
    username: "Nama pengguna",
    password: "Kata sandi",
    sign_in_button: "Masuk",
    no_account: "Belum punya akun? Daftar",

    register_title: "Daftar akun",
    display_name: "Nama tampilan",
    password_confirm: "Ulangi kata sandi",
    home_area: "Wilayah tempat tinggal",
    choose_area: "Pilih wilayah…",
    register_button: "Daftar",
    have_account: "Sudah punya akun? Masuk",
    username_hint: "3–32 karakter: huruf, angka, titik, garis bawah atau tanda hubung.",
    display_name_hint: "Nama yang dilihat orang lain, paling banyak 60 karakter.",
    password_hint: "Paling sedikit 8 karakter.",

    profile_joined: "Bergabung",
    profile_home: "Wilayah",
    profile_roles: "Peran",
    role_resident: "Warga",
    role_officer: "Petugas",
    role_moderator: "Moderator",
    role_admin: "Admin",

    settings_title: "Pengaturan",
    profile_section: "Profil",
    save: "Simpan",
    saved: "Tersimpan.",
    change_password_title: "Ganti kata sandi",
    current_password: "Kata sandi sekarang",
    new_password: "Kata sandi baru",
    change_password_button: "Ganti kata sandi",
    password_changed: "Kata sandi sudah diganti.",

    admin_title: "Kelola peran",
    search_users: "Cari pengguna",
    search_button: "Cari",
    users_heading: "Pengguna",
    no_users: "Tidak ada pengguna yang cocok.",
    grant_title: "Beri peran",
    role: "Peran",
    agency: "Instansi",
    area: "Wilayah",
    agency_hint: "Wajib untuk petugas.",
    area_hint: "Wajib untuk moderator.",
    none_option: "—",
    grant_button: "Beri peran",
    revoke_button: "Cabut",
    no_roles: "Warga (tanpa peran tambahan)",
    granted: "Peran diberikan.",

    not_found_title: "Halaman tidak ditemukan",
    not_found_text: "Halaman yang Anda cari tidak ada atau sudah dipindahkan.",
    forbidden_title: "Tidak diizinkan",
    back_home: "Kembali ke beranda",
    error_title: "Terjadi kesalahan",

    activity_reply: "membalas di",
    activity_thread: "memulai topik di",
    all_categories: "Semua kategori",
    apply_filters: "Terapkan",
    atom_feed: "Umpan Atom",
    cancel_quote: "Batal membalas pesan ini",
    category: "Kategori",
    choose_category: "Pilih kategori",
    current_version: "Versi sekarang",
    delete_button: "Hapus pesan",
    delete_heading: "Hapus",
    delete_note: "Teks pesan akan hilang; tempatnya tetap ada agar balasan lain tetap masuk akal.",
    delete_thread_note:
        "Ini pesan pembuka: menghapusnya menutup topik untuk balasan baru. Balasan yang ada tetap terlihat.",
    earlier_versions: "Versi sebelumnya",
    edit_button: "Sunting",
    edit_note: "Pesan yang disunting diberi tanda “disunting”; versi sebelumnya disimpan untuk moderator.",
    edit_title: "Sunting pesan",
    edited_marker: "disunting",
    forum_heading: "Forum",
    history_link: "Riwayat",
    history_title: "Riwayat pesan",
    in_reply_to: "Membalas",
    include_sub_areas: "Sertakan sub-wilayah",
    join_forum: "Ikuti forum ini",
    joined_heading: "Dari forum yang Anda ikuti",
    joined_none: "Anda belum mengikuti forum. Buka halaman wilayah dan pilih “Ikuti forum ini”.",
    last_post: "terakhir",
    leave_forum: "Berhenti mengikuti",
    mark_all_read: "Tandai semua sudah dibaca",
    markdown_hint: "Markdown didukung: **tebal**, *miring*, [tautan](https://…), daftar. Paling banyak karakter:",
    more_pages: "Halaman lain",
    nav_notifications: "Notifikasi",
    new_badge: "Baru",
    new_thread: "Mulai topik baru",
    next_page: "Berikutnya →",
    no_notifications: "Belum ada notifikasi.",
    no_replies: "Belum ada balasan.",
    no_results: "Tidak ada hasil. Coba kata lain.",
    no_threads: "Belum ada topik di sini.",
    notifications_title: "Notifikasi",
    officer_badge: "Petugas",
    one_reply: "1 balasan",
    post_deleted: "Pesan ini telah dihapus.",
    prev_page: "← Sebelumnya",
    preview_button: "Pratinjau",
    preview_heading: "Pratinjau",
    publish_thread: "Terbitkan topik",
    replaced_at: "diganti",
    replied_to_post: "membalas pesan Anda di",
    replied_to_thread: "membalas topik Anda",
    replies_heading: "Balasan",
    replies_word: "balasan",
    reply_button: "Balas",
    reply_heading: "Tulis balasan",
    reply_to_label: "Balas pesan",
    search_label: "Cari di forum",
    search_placeholder: "Cari…",
    search_prompt: "Ketik kata yang dicari.",
    search_title: "Pencarian",
    send_reply: "Kirim balasan",
    sign_in_to_reply: "Masuk untuk membalas",
    sort_activity: "Aktivitas terbaru",
    sort_by: "Urutkan",
    sort_newest: "Terbaru dibuat",
    sort_replies: "Balasan terbanyak",
    thread_body: "Isi",
    thread_closed: "Pesan pembuka topik ini telah dihapus; topik ditutup untuk balasan baru.",
    thread_title: "Judul",
    title_hint_short: "Antara 5 dan 150 karakter.",
    unread_word: "belum dibaca",
    written_at: "ditulis",
    your_reply: "Balasan Anda",
};

pub static EN: Msg = Msg {
    tagline: "Residents and local government, deliberating together",
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_sign_in: "Sign in",
    nav_register: "Register",
    nav_sign_out: "Sign out",
    nav_settings: "Settings",
    nav_admin: "Admin",
    language: "Language",
    switch_language: "Switch language",
    footer: "Rembuk — a residents' forum and an open record of decisions.",
    demo_banner: "Demo site: every demo account uses the published password. Do not write personal data here.",
    loading: "Loading…",

    home_title: "Home",
    home_intro: "Discuss the problems of your neighbourhood with other residents and with officers (ASN) of the responsible agencies.",
    areas_heading: "Areas",
    recent_heading: "Recent activity",
    no_activity: "No activity yet.",
    residents: "residents",
    last_active: "active",
    activity_joined: "joined",

    breadcrumbs: "Area trail",
    sub_areas: "Areas within",
    no_sub_areas: "No areas within this one.",
    agencies: "Agencies serving this area",
    no_agencies: "No agencies registered yet.",
    time_zone: "Time zone",

    sign_in_title: "Sign in",
    username: "Username",
    password: "Password",
    sign_in_button: "Sign in",
    no_account: "No account yet? Register",

    register_title: "Create an account",
    display_name: "Display name",
    password_confirm: "Repeat password",
    home_area: "Home area",
    choose_area: "Choose an area…",
    register_button: "Register",
    have_account: "Already have an account? Sign in",
    username_hint: "3–32 characters: letters, digits, dot, underscore or hyphen.",
    display_name_hint: "The name others see, at most 60 characters.",
    password_hint: "At least 8 characters.",

    profile_joined: "Joined",
    profile_home: "Area",
    profile_roles: "Roles",
    role_resident: "Resident",
    role_officer: "Officer",
    role_moderator: "Moderator",
    role_admin: "Admin",

    settings_title: "Settings",
    profile_section: "Profile",
    save: "Save",
    saved: "Saved.",
    change_password_title: "Change password",
    current_password: "Current password",
    new_password: "New password",
    change_password_button: "Change password",
    password_changed: "Your password has been changed.",

    admin_title: "Manage roles",
    search_users: "Find people",
    search_button: "Search",
    users_heading: "People",
    no_users: "Nobody matches.",
    grant_title: "Grant a role",
    role: "Role",
    agency: "Agency",
    area: "Area",
    agency_hint: "Required for officers.",
    area_hint: "Required for moderators.",
    none_option: "—",
    grant_button: "Grant role",
    revoke_button: "Revoke",
    no_roles: "Resident (no further roles)",
    granted: "Role granted.",

    not_found_title: "Page not found",
    not_found_text: "The page you are looking for does not exist or has moved.",
    forbidden_title: "Not allowed",
    back_home: "Back to the home page",
    error_title: "Something went wrong",

    activity_reply: "replied in",
    activity_thread: "started a thread in",
    all_categories: "All categories",
    apply_filters: "Apply",
    atom_feed: "Atom feed",
    cancel_quote: "Stop replying to this post",
    category: "Category",
    choose_category: "Choose a category",
    current_version: "Current version",
    delete_button: "Delete post",
    delete_heading: "Delete",
    delete_note: "The text goes; its place stays so the other replies still make sense.",
    delete_thread_note: "This is the opening post: deleting it closes the thread to new replies. Existing replies stay visible.",
    earlier_versions: "Earlier versions",
    edit_button: "Edit",
    edit_note: "Edited posts are marked “edited”; earlier versions are kept for moderators.",
    edit_title: "Edit post",
    edited_marker: "edited",
    forum_heading: "Forum",
    history_link: "History",
    history_title: "Post history",
    in_reply_to: "In reply to",
    include_sub_areas: "Include sub-areas",
    join_forum: "Join this forum",
    joined_heading: "From the forums you joined",
    joined_none: "You have not joined a forum yet. Open an area page and choose “Join this forum”.",
    last_post: "last post",
    leave_forum: "Leave this forum",
    mark_all_read: "Mark all as read",
    markdown_hint: "Markdown works: **bold**, *italic*, [link](https://…), lists. Most characters allowed:",
    more_pages: "More pages",
    nav_notifications: "Notifications",
    new_badge: "New",
    new_thread: "Start a new thread",
    next_page: "Next →",
    no_notifications: "No notifications yet.",
    no_replies: "No replies yet.",
    no_results: "Nothing found. Try other words.",
    no_threads: "No threads here yet.",
    notifications_title: "Notifications",
    officer_badge: "Officer",
    one_reply: "1 reply",
    post_deleted: "This post was deleted.",
    prev_page: "← Previous",
    preview_button: "Preview",
    preview_heading: "Preview",
    publish_thread: "Publish thread",
    replaced_at: "replaced",
    replied_to_post: "replied to your post in",
    replied_to_thread: "replied to your thread",
    replies_heading: "Replies",
    replies_word: "replies",
    reply_button: "Reply",
    reply_heading: "Write a reply",
    reply_to_label: "Reply to the post by",
    search_label: "Search the forums",
    search_placeholder: "Search…",
    search_prompt: "Type the words to look for.",
    search_title: "Search",
    send_reply: "Send reply",
    sign_in_to_reply: "Sign in to reply",
    sort_activity: "Latest activity",
    sort_by: "Sort by",
    sort_newest: "Newest",
    sort_replies: "Most replies",
    thread_body: "Text",
    thread_closed: "The opening post of this thread was deleted; the thread is closed to new replies.",
    thread_title: "Title",
    title_hint_short: "Between 5 and 150 characters.",
    unread_word: "unread",
    written_at: "written",
    your_reply: "Your reply",
};

pub fn msg(lang: Lang) -> &'static Msg {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

pub fn role_name(lang: Lang, role: Role) -> &'static str {
    let m = msg(lang);
    match role {
        Role::Officer => m.role_officer,
        Role::Moderator => m.role_moderator,
        Role::Admin => m.role_admin,
    }
}

/// The kind of an area: Indonesian pages use the local word kept with the
/// area ("Distrik", "Kelurahan"); English uses the administrative level.
pub fn area_kind(lang: Lang, level: AreaLevel, local: &str) -> String {
    match lang {
        Lang::Id => local.to_owned(),
        Lang::En => match level {
            AreaLevel::Province => "Province",
            AreaLevel::City => "City",
            AreaLevel::Regency => "Regency",
            AreaLevel::District => "District",
            AreaLevel::Village => "Village",
        }
        .to_owned(),
    }
}

/// 12345 → "12.345" (id) or "12,345" (en).
pub fn number(lang: Lang, n: i64) -> String {
    let sep = if lang == Lang::Id { '.' } else { ',' };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

pub fn error_message(lang: Lang, e: &AppError) -> String {
    let id = lang == Lang::Id;
    match e {
        AppError::Field { problem, .. } => field_problem(lang, *problem),
        AppError::WrongCredentials => if id {
            "Nama pengguna atau kata sandi salah."
        } else {
            "Wrong username or password."
        }
        .into(),
        AppError::Throttled { minutes } => {
            if id {
                format!("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.")
            } else {
                format!("Too many failed sign-in attempts. Try again in {minutes} minutes.")
            }
        }
        AppError::NotSignedIn => if id {
            "Silakan masuk terlebih dahulu."
        } else {
            "Please sign in first."
        }
        .into(),
        AppError::Forbidden => if id {
            "Anda tidak berhak melakukan ini."
        } else {
            "You are not allowed to do this."
        }
        .into(),
        AppError::NotFound => if id { "Tidak ditemukan." } else { "Not found." }.into(),
        AppError::BadRequest => if id {
            "Formulir tidak lengkap atau tidak sah. Muat ulang halaman dan coba lagi."
        } else {
            "The form was incomplete or invalid. Reload the page and try again."
        }
        .into(),
        AppError::Internal => if id {
            "Maaf, terjadi kesalahan di server. Coba lagi sebentar lagi."
        } else {
            "Sorry, something went wrong on the server. Please try again shortly."
        }
        .into(),
        AppError::Refused { reason } => refusal(lang, *reason).into(),
        AppError::Suspended { until, reason } => match (until, id) {
            (Some(t), true) => format!("Akun Anda ditangguhkan sampai {t} dan hanya dapat membaca. Alasan: {reason}"),
            (Some(t), false) => format!("Your account is suspended until {t} and can only read. Reason: {reason}"),
            (None, true) => format!("Akun Anda diblokir dan hanya dapat membaca. Alasan: {reason}"),
            (None, false) => format!("Your account is banned and can only read. Reason: {reason}"),
        },
        AppError::RateLimited { seconds } => {
            let (n, unit_id, unit_en) = if *seconds >= 120 {
                (seconds.div_ceil(60), "menit", "minutes")
            } else {
                (*seconds, "detik", "seconds")
            };
            if id {
                format!("Terlalu banyak dalam waktu singkat. Coba lagi dalam {n} {unit_id}.")
            } else {
                format!("Too many in a short time. Try again in {n} {unit_en}.")
            }
        }
        // A preview is shown as such, never as an error.
        AppError::Preview { .. } => String::new(),
        AppError::ConfirmAmount { amount, .. } => {
            let a = crate::i18n::amounts::amsg(lang);
            format!(
                "{}: {}. {}",
                a.read_as,
                crate::i18n::amounts::amount_text(lang, *amount),
                a.confirm_hint
            )
        }
    }
}

fn refusal(lang: Lang, r: Refusal) -> &'static str {
    let id = lang == Lang::Id;
    match r {
        Refusal::AlreadySupported => {
            if id {
                "Anda sudah mendukung usulan ini."
            } else {
                "You already support this proposal."
            }
        }
        Refusal::NotSupported => {
            if id {
                "Anda belum mendukung usulan ini."
            } else {
                "You do not support this proposal."
            }
        }
        Refusal::ClosedForSupport => {
            if id {
                "Usulan ini tidak sedang menerima dukungan."
            } else {
                "This proposal is not taking supports."
            }
        }
        Refusal::OutsideArea => {
            if id {
                "Hanya warga wilayah usulan ini yang dapat mendukungnya."
            } else {
                "Only residents of this proposal's area can support it."
            }
        }
        Refusal::WrongStep => {
            if id {
                "Langkah ini tidak dapat dilakukan pada tahap usulan sekarang."
            } else {
                "This step is not possible at the proposal's current stage."
            }
        }
        Refusal::ComplaintStep => {
            if id {
                "Langkah ini tidak dapat dilakukan pada tahap pengaduan sekarang."
            } else {
                "This step is not possible at the complaint's current stage."
            }
        }
        Refusal::AgencyOutsideArea => {
            if id {
                "Instansi itu tidak melayani wilayah pengaduan ini. Pilih instansi yang melayani wilayahnya."
            } else {
                "That agency does not serve this complaint's area. Choose an agency that serves it."
            }
        }
        Refusal::AlreadyRated => {
            if id {
                "Anda sudah memberi penilaian untuk layanan ini."
            } else {
                "You have already rated this service."
            }
        }
        Refusal::NotRateable => {
            if id {
                "Penilaian dibuka setelah pengaduan selesai ditangani atau usulan mendapat jawaban akhir."
            } else {
                "Rating opens once the complaint is resolved or the proposal has its final answer."
            }
        }
        Refusal::OwnAgency => {
            if id {
                "Petugas tidak dapat menilai layanan instansinya sendiri."
            } else {
                "Officers cannot rate their own agency's service."
            }
        }
        Refusal::Locked => {
            if id {
                "Utas ini dikunci moderator: tidak ada balasan baru."
            } else {
                "A moderator locked this thread: no new replies."
            }
        }
        Refusal::AlreadyFlagged => {
            if id {
                "Anda sudah melaporkan ini."
            } else {
                "You already flagged this."
            }
        }
        Refusal::Duplicate => {
            if id {
                "Teks yang sama baru saja Anda kirim."
            } else {
                "You just posted the same text."
            }
        }
        Refusal::Deleted => {
            if id {
                "Ini sudah dihapus oleh penulisnya."
            } else {
                "Its author deleted it."
            }
        }
        Refusal::OfficialResponse => {
            if id {
                "Tanggapan resmi tidak dapat disembunyikan; data pribadi di dalamnya dapat disunting."
            } else {
                "Official responses cannot be hidden; personal data in them can be edited out."
            }
        }
        Refusal::NoChange => {
            if id {
                "Tidak ada yang berubah: sudah dalam keadaan itu."
            } else {
                "Nothing to change: it is already so."
            }
        }
        Refusal::AlreadyAppealed => {
            if id {
                "Tindakan ini sudah pernah dibanding."
            } else {
                "This action was already appealed."
            }
        }
        Refusal::NotAppealable => {
            if id {
                "Tindakan ini tidak dapat dibanding atau bandingnya sudah diputus."
            } else {
                "This action cannot be appealed, or its appeal was already decided."
            }
        }
        Refusal::CannotMerge => {
            if id {
                "Usulan tidak dapat digabung ke dirinya sendiri, ke usulan yang sudah digabung, atau ke usulan yang wilayahnya tidak mencakupnya."
            } else {
                "A proposal cannot be merged into itself, into a merged one, or into one whose area does not cover it."
            }
        }
        Refusal::NotCorrectable => {
            if id {
                "Hanya jawaban resmi dan langkah petugas yang dapat dikoreksi."
            } else {
                "Only official responses and officers' steps can be corrected."
            }
        }
    }
}

fn field_problem(lang: Lang, p: FieldProblem) -> String {
    let id = lang == Lang::Id;
    match p {
        FieldProblem::Required => if id { "Wajib diisi." } else { "This field is required." }.into(),
        FieldProblem::TooShort { min } => {
            if id {
                format!("Terlalu pendek: paling sedikit {min} karakter.")
            } else {
                format!("Too short: at least {min} characters.")
            }
        }
        FieldProblem::TooLong { max } => {
            if id {
                format!("Terlalu panjang: paling banyak {max} karakter.")
            } else {
                format!("Too long: at most {max} characters.")
            }
        }
        FieldProblem::UsernameChars => if id {
            "Hanya huruf, angka, titik, garis bawah dan tanda hubung; diawali huruf atau angka."
        } else {
            "Only letters, digits, dot, underscore and hyphen; starting with a letter or digit."
        }
        .into(),
        FieldProblem::Taken => if id {
            "Nama pengguna ini sudah dipakai."
        } else {
            "This username is already taken."
        }
        .into(),
        FieldProblem::Mismatch => if id {
            "Kedua kata sandi tidak sama."
        } else {
            "The two passwords do not match."
        }
        .into(),
        FieldProblem::WrongPassword => if id { "Kata sandi salah." } else { "Wrong password." }.into(),
        FieldProblem::Unknown => if id {
            "Pilihan ini tidak dikenal."
        } else {
            "This choice is not known."
        }
        .into(),
        FieldProblem::Invalid => if id {
            "Isian ini tidak sah."
        } else {
            "This value is not valid."
        }
        .into(),
        FieldProblem::TooManyLinks { max } => {
            if id {
                format!("Terlalu banyak tautan: paling banyak {max}.")
            } else {
                format!("Too many links: at most {max}.")
            }
        }
        FieldProblem::Amount { amount } => crate::i18n::amounts::amount_problem(lang, amount).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_the_readers_grouping() {
        assert_eq!(number(Lang::Id, 1_234_567), "1.234.567");
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Id, 999), "999");
        assert_eq!(number(Lang::En, -1000), "-1,000");
    }

    #[test]
    fn every_error_is_translated_differently() {
        let all = [
            AppError::field("x", FieldProblem::Taken),
            AppError::WrongCredentials,
            AppError::Throttled { minutes: 5 },
            AppError::NotSignedIn,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::BadRequest,
            AppError::Internal,
            AppError::Refused {
                reason: Refusal::AlreadySupported,
            },
            AppError::Refused {
                reason: Refusal::NotSupported,
            },
            AppError::Refused {
                reason: Refusal::ClosedForSupport,
            },
            AppError::Refused {
                reason: Refusal::OutsideArea,
            },
            AppError::Refused {
                reason: Refusal::WrongStep,
            },
            AppError::Refused {
                reason: Refusal::ComplaintStep,
            },
            AppError::Refused {
                reason: Refusal::AlreadyRated,
            },
            AppError::Refused {
                reason: Refusal::NotRateable,
            },
            AppError::Refused {
                reason: Refusal::OwnAgency,
            },
            AppError::Suspended {
                until: Some("1 Des 2026".into()),
                reason: "spam".into(),
            },
            AppError::Suspended {
                until: None,
                reason: "spam".into(),
            },
            AppError::RateLimited { seconds: 30 },
            AppError::RateLimited { seconds: 600 },
            AppError::ConfirmAmount {
                field: "budget".into(),
                amount: 165_000_000,
            },
            AppError::field(
                "budget",
                FieldProblem::Amount {
                    amount: crate::error::AmountProblem::Ambiguous,
                },
            ),
        ];
        for r in [
            Refusal::Locked,
            Refusal::AlreadyFlagged,
            Refusal::Duplicate,
            Refusal::Deleted,
            Refusal::OfficialResponse,
            Refusal::NoChange,
            Refusal::AlreadyAppealed,
            Refusal::NotAppealable,
            Refusal::CannotMerge,
            Refusal::AgencyOutsideArea,
            Refusal::NotCorrectable,
        ] {
            let e = AppError::Refused { reason: r };
            assert_ne!(error_message(Lang::Id, &e), error_message(Lang::En, &e), "{e:?}");
        }
        for e in all {
            assert_ne!(error_message(Lang::Id, &e), error_message(Lang::En, &e), "{e:?}");
        }
    }
}
