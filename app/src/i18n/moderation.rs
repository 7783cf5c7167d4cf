//! Messages of flags, moderation tools, the queue, the public log, appeals
//! and suspensions, in both languages (one struct each, so neither can miss
//! a string).
use crate::model::Lang;

pub struct MMsg {
    pub nav_moderation: &'static str,
    pub nav_log: &'static str,
    pub flag_summary: &'static str,
    /// Before the name of an action just taken from the queue.
    pub done_word: &'static str,
    pub flag_reason: &'static str,
    pub flag_note: &'static str,
    pub flag_note_hint: &'static str,
    pub flag_send: &'static str,
    pub flag_thanks: &'static str,
    pub hidden_public: &'static str,
    pub hidden_own: &'static str,
    pub reason_word: &'static str,
    pub appeal_link: &'static str,
    pub tools: &'static str,
    pub mod_reason: &'static str,
    pub mod_reason_hint: &'static str,
    pub hide: &'static str,
    pub restore: &'static str,
    pub redact: &'static str,
    pub redact_text: &'static str,
    pub redact_hint: &'static str,
    pub dismiss: &'static str,
    pub lock: &'static str,
    pub unlock: &'static str,
    pub pin: &'static str,
    pub unpin: &'static str,
    pub move_to: &'static str,
    pub merge_into: &'static str,
    pub merge_hint: &'static str,
    pub locked_notice: &'static str,
    pub pinned_heading: &'static str,
    pub pinned_badge: &'static str,
    pub merged_notice: &'static str,
    pub queue_title: &'static str,
    pub queue_intro: &'static str,
    pub queue_empty: &'static str,
    pub flags_word: &'static str,
    pub first_flag: &'static str,
    pub by_author: &'static str,
    /// In place of the name of an anonymous (or private) complaint's
    /// complainant, where the viewer may not know it.
    pub anonymous_complainant: &'static str,
    pub official_tag: &'static str,
    pub hidden_tag: &'static str,
    pub appeals_heading: &'static str,
    pub no_appeals: &'static str,
    pub log_title: &'static str,
    pub log_intro: &'static str,
    pub log_empty: &'static str,
    pub all_areas: &'static str,
    pub moderator_label: &'static str,
    pub filter: &'static str,
    pub older: &'static str,
    pub entry_title: &'static str,
    pub appeal_heading: &'static str,
    pub appeal_reason: &'static str,
    pub appeal_send: &'static str,
    pub appeal_once: &'static str,
    pub decide_heading: &'static str,
    pub uphold: &'static str,
    pub reverse: &'static str,
    pub original_heading: &'static str,
    pub original_note: &'static str,
    pub appeal_state_open: &'static str,
    pub appeal_state_upheld: &'static str,
    pub appeal_state_reversed: &'static str,
    pub suspended_banner: &'static str,
    pub banned_banner: &'static str,
    pub account_heading: &'static str,
    pub suspend_days: &'static str,
    pub suspend: &'static str,
    pub ban: &'static str,
    pub lift: &'static str,
    pub profile_suspended: &'static str,
    pub profile_banned: &'static str,
    pub until_word: &'static str,
    pub note_action: &'static str,
}

const ID: MMsg = MMsg {
    nav_moderation: "Moderasi",
    nav_log: "Log moderasi",
    flag_summary: "Tandai untuk moderator",
    done_word: "Tersimpan",
    flag_reason: "Alasan menandai",
    flag_note: "Keterangan",
    flag_note_hint: "Wajib bila alasannya “lainnya”. Paling banyak 500 karakter.",
    flag_send: "Kirim tanda",
    flag_thanks: "Terima kasih. Tanda Anda masuk antrean moderator wilayah ini.",
    hidden_public: "Disembunyikan oleh moderator.",
    hidden_own: "Moderator menyembunyikan ini dari publik. Anda dan moderator masih melihatnya.",
    reason_word: "Alasan",
    appeal_link: "Lihat di log dan ajukan banding",
    tools: "Alat moderator",
    mod_reason: "Alasan (tampil di log publik)",
    mod_reason_hint: "Wajib, paling banyak 500 karakter. Jangan mengulang isi yang disembunyikan.",
    hide: "Sembunyikan",
    restore: "Tampilkan lagi",
    redact: "Hapus data pribadi",
    redact_text: "Teks tanpa data pribadi",
    redact_hint: "Teks asli disimpan dan hanya dapat dilihat admin.",
    dismiss: "Abaikan tanda",
    lock: "Kunci utas",
    unlock: "Buka kunci",
    pin: "Sematkan",
    unpin: "Lepas sematan",
    move_to: "Pindahkan",
    merge_into: "Gabungkan ke usulan nomor",
    merge_hint: "Dukungan dipindahkan tanpa terhitung dua kali; usulan ini disembunyikan dan menaut ke usulan tujuan.",
    locked_notice: "Utas ini dikunci moderator: tidak ada balasan baru.",
    pinned_heading: "Disematkan",
    pinned_badge: "Disematkan",
    merged_notice: "Usulan ini digabung ke usulan lain; dukungannya dipindahkan ke sana:",
    queue_title: "Antrean moderasi",
    queue_intro: "Tanda terbuka di wilayah yang Anda moderasi, yang terlama lebih dulu. Setiap tindakan masuk log publik.",
    queue_empty: "Tidak ada tanda terbuka.",
    flags_word: "tanda",
    first_flag: "Tanda pertama",
    by_author: "oleh",
    anonymous_complainant: "pengadu (anonim)",
    official_tag: "Tanggapan resmi",
    hidden_tag: "Tersembunyi",
    appeals_heading: "Banding yang menunggu keputusan",
    no_appeals: "Tidak ada banding yang menunggu.",
    log_title: "Log moderasi",
    log_intro: "Setiap tindakan moderator, banding dan putusannya, terbuka untuk umum. Isi yang disembunyikan tidak ditampilkan.",
    log_empty: "Belum ada tindakan moderator.",
    all_areas: "Semua wilayah",
    moderator_label: "Moderator (nama pengguna)",
    filter: "Saring",
    older: "Lebih lama",
    entry_title: "Tindakan moderator",
    appeal_heading: "Ajukan banding",
    appeal_reason: "Mengapa tindakan ini keliru?",
    appeal_send: "Kirim banding",
    appeal_once: "Banding hanya dapat diajukan sekali dan diputus oleh moderator lain atau admin.",
    decide_heading: "Putuskan banding",
    uphold: "Tolak banding (tindakan tetap)",
    reverse: "Terima banding (batalkan tindakan)",
    original_heading: "Teks sebelum disunting (hanya admin)",
    original_note: "Berisi data pribadi. Jangan disalin ke tempat lain.",
    appeal_state_open: "Banding menunggu keputusan",
    appeal_state_upheld: "Banding ditolak",
    appeal_state_reversed: "Banding diterima, tindakan dibatalkan",
    suspended_banner: "Akun Anda ditangguhkan dan hanya dapat membaca sampai",
    banned_banner: "Akun Anda diblokir dan hanya dapat membaca.",
    account_heading: "Moderasi akun",
    suspend_days: "Lama penangguhan (hari)",
    suspend: "Tangguhkan",
    ban: "Blokir",
    lift: "Cabut penangguhan atau blokir",
    profile_suspended: "Ditangguhkan sampai",
    profile_banned: "Diblokir",
    until_word: "sampai",
    note_action: "Tindakan moderator",
};

const EN: MMsg = MMsg {
    nav_moderation: "Moderation",
    nav_log: "Moderation log",
    flag_summary: "Flag",
    done_word: "Done",
    flag_reason: "Reason",
    flag_note: "Details",
    flag_note_hint: "Required for “other”. At most 500 characters.",
    flag_send: "Send flag",
    flag_thanks: "Thank you. Your flag is in this area's moderation queue.",
    hidden_public: "Hidden by a moderator.",
    hidden_own: "A moderator hid this from the public. You and the moderators still see it.",
    reason_word: "Reason",
    appeal_link: "See it in the log and appeal",
    tools: "Moderator tools",
    mod_reason: "Reason (shown in the public log)",
    mod_reason_hint: "Required, at most 500 characters. Do not repeat what you hide.",
    hide: "Hide",
    restore: "Show again",
    redact: "Edit out personal data",
    redact_text: "Text without the personal data",
    redact_hint: "The original is kept and only admins can see it.",
    dismiss: "Dismiss flags",
    lock: "Lock thread",
    unlock: "Unlock",
    pin: "Pin",
    unpin: "Unpin",
    move_to: "Move",
    merge_into: "Merge into proposal number",
    merge_hint: "Supports move over without counting anyone twice; this proposal is hidden and links to the other.",
    locked_notice: "A moderator locked this thread: no new replies.",
    pinned_heading: "Pinned",
    pinned_badge: "Pinned",
    merged_notice: "This proposal was merged into another; its supports moved there:",
    queue_title: "Moderation queue",
    queue_intro: "Open flags in the areas you moderate, oldest first. Every action goes to the public log.",
    queue_empty: "No open flags.",
    flags_word: "flags",
    first_flag: "First flag",
    by_author: "by",
    anonymous_complainant: "the complainant (anonymous)",
    official_tag: "Official response",
    hidden_tag: "Hidden",
    appeals_heading: "Appeals awaiting a decision",
    no_appeals: "No appeals are waiting.",
    log_title: "Moderation log",
    log_intro: "Every moderator action, appeal and decision, open to everyone. Hidden content is not shown.",
    log_empty: "No moderator actions yet.",
    all_areas: "All areas",
    moderator_label: "Moderator (username)",
    filter: "Filter",
    older: "Older",
    entry_title: "Moderator action",
    appeal_heading: "Appeal",
    appeal_reason: "Why was this action wrong?",
    appeal_send: "Send appeal",
    appeal_once: "An action can be appealed once; another moderator or an admin decides.",
    decide_heading: "Decide the appeal",
    uphold: "Reject the appeal (the action stays)",
    reverse: "Grant the appeal (undo the action)",
    original_heading: "Text before the edit (admins only)",
    original_note: "Contains personal data. Do not copy it elsewhere.",
    appeal_state_open: "Appeal awaiting a decision",
    appeal_state_upheld: "Appeal rejected",
    appeal_state_reversed: "Appeal granted, action undone",
    suspended_banner: "Your account is suspended and can only read until",
    banned_banner: "Your account is banned and can only read.",
    account_heading: "Account moderation",
    suspend_days: "Suspension (days)",
    suspend: "Suspend",
    ban: "Ban",
    lift: "Lift suspension or ban",
    profile_suspended: "Suspended until",
    profile_banned: "Banned",
    until_word: "until",
    note_action: "Moderator action",
};

pub fn mmsg(lang: Lang) -> &'static MMsg {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// A flag reason's name.
pub fn reason_name(lang: Lang, code: &str) -> &'static str {
    let id = lang == Lang::Id;
    match code {
        "spam" => "Spam",
        "abuse" => {
            if id {
                "Kasar atau menyerang"
            } else {
                "Abusive"
            }
        }
        "off_topic" => {
            if id {
                "Di luar topik"
            } else {
                "Off-topic"
            }
        }
        "personal_data" => {
            if id {
                "Data pribadi"
            } else {
                "Personal data"
            }
        }
        _ => {
            if id {
                "Lainnya"
            } else {
                "Other"
            }
        }
    }
}

/// A log action's name.
pub fn action_name(lang: Lang, code: &str) -> &'static str {
    let id = lang == Lang::Id;
    let (i, e) = match code {
        "hide" => ("Disembunyikan", "Hidden"),
        "restore" => ("Ditampilkan lagi", "Shown again"),
        "redact" => ("Data pribadi dihapus", "Personal data edited out"),
        "dismiss" => ("Tanda diabaikan", "Flags dismissed"),
        "lock" => ("Utas dikunci", "Thread locked"),
        "unlock" => ("Kunci dibuka", "Thread unlocked"),
        "pin" => ("Disematkan", "Pinned"),
        "unpin" => ("Sematan dilepas", "Unpinned"),
        "move" => ("Dipindahkan", "Moved"),
        "merge" => ("Digabung", "Merged"),
        "hide_photo" => ("Foto disembunyikan", "Photo hidden"),
        "suspend" => ("Akun ditangguhkan", "Account suspended"),
        "ban" => ("Akun diblokir", "Account banned"),
        "lift" => ("Penangguhan dicabut", "Suspension lifted"),
        "appeal" => ("Banding diajukan", "Appealed"),
        "appeal_upheld" => ("Banding ditolak", "Appeal rejected"),
        "appeal_reversed" => ("Banding diterima", "Appeal granted"),
        _ => ("Tindakan", "Action"),
    };
    if id {
        i
    } else {
        e
    }
}

/// What a log row is about: "Balasan #3 di utas #12", "Usulan #4", "@budi".
pub fn item_label(lang: Lang, kind: &str, id: i64, target: Option<&str>) -> String {
    let en = lang == Lang::En;
    match kind {
        "post" => {
            if en {
                format!("Post #{id}")
            } else {
                format!("Pesan #{id}")
            }
        }
        "thread" => {
            if en {
                format!("Thread #{id}")
            } else {
                format!("Utas #{id}")
            }
        }
        "proposal" => {
            if en {
                format!("Proposal #{id}")
            } else {
                format!("Usulan #{id}")
            }
        }
        "complaint" => {
            if en {
                format!("Complaint #{id}")
            } else {
                format!("Pengaduan #{id}")
            }
        }
        _ => format!("@{}", target.unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_and_reason_is_named_in_both_languages() {
        for code in [
            "hide",
            "restore",
            "redact",
            "dismiss",
            "lock",
            "unlock",
            "pin",
            "unpin",
            "move",
            "merge",
            "suspend",
            "ban",
            "lift",
            "appeal",
            "appeal_upheld",
            "appeal_reversed",
        ] {
            assert_ne!(action_name(Lang::Id, code), action_name(Lang::En, code), "{code}");
            assert_ne!(action_name(Lang::En, code), "Action", "{code}");
        }
        for code in ["abuse", "off_topic", "personal_data", "other"] {
            assert_ne!(reason_name(Lang::Id, code), reason_name(Lang::En, code), "{code}");
        }
    }
}
