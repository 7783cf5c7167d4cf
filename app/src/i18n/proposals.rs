//! Messages of the proposal pages and the decision record, in both
//! languages (one struct each, so neither can miss a string).
use crate::model::Lang;

pub struct PMsg {
    pub nav_proposals: &'static str,
    pub nav_record: &'static str,
    pub proposals_title: &'static str,
    pub proposals_intro: &'static str,
    pub new_proposal: &'static str,
    pub no_proposals: &'static str,
    pub all_areas: &'static str,
    pub all_states: &'static str,
    pub stage: &'static str,
    pub nav_desk: &'static str,
    pub desk_title: &'static str,
    pub desk_intro: &'static str,
    pub desk_empty: &'static str,
    pub answer_status: &'static str,
    pub awaiting_only: &'static str,
    pub answered_only: &'static str,
    pub sort_supports: &'static str,
    pub sort_newest: &'static str,
    pub sort_awaiting: &'static str,
    pub of_threshold: &'static str,
    pub due: &'static str,
    pub overdue: &'static str,
    pub proposal_title: &'static str,
    pub proposal_body: &'static str,
    pub cost: &'static str,
    pub cost_hint: &'static str,
    pub location: &'static str,
    pub location_hint: &'static str,
    pub save_draft: &'static str,
    pub publish_now: &'static str,
    pub publish: &'static str,
    pub withdraw: &'static str,
    pub withdraw_heading: &'static str,
    pub withdraw_text: &'static str,
    pub withdraw_yes: &'static str,
    pub cancel: &'static str,
    pub check_authentic: &'static str,
    pub hash_hint: &'static str,
    pub change_home: &'static str,
    pub confirm_heading: &'static str,
    pub confirm_intro: &'static str,
    pub confirm_edit: &'static str,
    pub confirm_publish: &'static str,
    pub draft_notice: &'static str,
    pub support: &'static str,
    pub unsupport: &'static str,
    pub you_support: &'static str,
    pub sign_in_to_support: &'static str,
    pub proposed_by: &'static str,
    pub responsible_agency: &'static str,
    pub estimated_cost: &'static str,
    pub budget: &'static str,
    pub timeline: &'static str,
    pub progress: &'static str,
    pub responses_heading: &'static str,
    pub no_responses: &'static str,
    pub official_response: &'static str,
    pub progress_update: &'static str,
    pub answer_heading: &'static str,
    pub decision: &'static str,
    pub response_text: &'static str,
    pub publish_response: &'static str,
    pub progress_heading: &'static str,
    pub publish_progress: &'static str,
    pub timeline_heading: &'static str,
    pub record_title: &'static str,
    pub record_intro: &'static str,
    pub record_empty: &'static str,
    pub all_agencies: &'static str,
    pub export_json: &'static str,
    pub export_csv: &'static str,
    pub older: &'static str,
    pub entry: &'static str,
    pub by_rules: &'static str,
    pub rules_title: &'static str,
    pub rules_intro: &'static str,
    pub threshold_label: &'static str,
    pub response_days_label: &'static str,
    pub rules_button: &'static str,
    pub proposal_word: &'static str,
    pub discussion_heading: &'static str,
    pub discussion_full: &'static str,
    pub discussion_of: &'static str,
    pub templates_heading: &'static str,
    pub templates_intro: &'static str,
    pub no_templates: &'static str,
    pub add_template: &'static str,
    pub template_agency: &'static str,
    pub template_title: &'static str,
    pub save_template: &'static str,
    pub delete_template: &'static str,
    pub use_template: &'static str,
    pub proposals_feed: &'static str,
    pub scope_all: &'static str,
    pub scope_mine: &'static str,
    pub mine_empty: &'static str,
    pub edit_draft: &'static str,
    pub edit_draft_title: &'static str,
    pub save_changes: &'static str,
    pub support_saved: &'static str,
    pub support_removed: &'static str,
    pub template_inserted: &'static str,
}

pub static ID: PMsg = PMsg {
    nav_proposals: "Usulan",
    nav_record: "Catatan keputusan",
    proposals_title: "Usulan warga",
    proposals_intro: "Warga mengusulkan, warga lain mendukung. Usulan yang mencapai ambang dukungan wajib dijawab resmi oleh instansi yang bertanggung jawab.",
    new_proposal: "Tulis usulan",
    no_proposals: "Belum ada usulan.",
    all_areas: "Semua wilayah",
    all_states: "Semua tahap",
    stage: "Tahap",
    nav_desk: "Meja petugas",
    desk_title: "Meja petugas",
    desk_intro: "Pengaduan dan usulan yang harus ditindaklanjuti instansi Anda, yang batas waktunya paling dekat lebih dulu.",
    desk_empty: "Tidak ada yang menunggu tindakan instansi Anda.",
    answer_status: "Status jawaban",
    awaiting_only: "Menunggu tindakan",
    answered_only: "Sudah dijawab",
    sort_supports: "Dukungan terbanyak",
    sort_newest: "Terbaru",
    sort_awaiting: "Menunggu jawaban",
    of_threshold: "dari ambang",
    due: "Batas jawaban",
    overdue: "terlambat",
    proposal_title: "Judul usulan",
    proposal_body: "Isi usulan",
    cost: "Perkiraan biaya dalam rupiah (tidak wajib)",
    cost_hint: "Contoh: 4.500.000, Rp 4.500.000,00 atau 4,5 juta",
    location: "Lokasi (tidak wajib)",
    location_hint: "Contoh: Gang Mawar, dekat pura",
    save_draft: "Simpan sebagai draf",
    publish_now: "Terbitkan",
    publish: "Terbitkan usulan",
    withdraw: "Tarik usulan",
    withdraw_heading: "Tarik usulan ini?",
    withdraw_text: "Usulan tidak dapat didukung lagi dan tidak akan dijawab. Para pendukungnya diberi tahu, dan penarikan tercatat di catatan keputusan. Ini tidak dapat dibatalkan.",
    withdraw_yes: "Ya, tarik usulan ini",
    cancel: "Batal",
    check_authentic: "Periksa keaslian",
    hash_hint: "Sidik jari SHA-256 catatan ini, yang juga mengunci catatan sebelumnya: bila satu catatan diubah diam-diam, sidik jari berikutnya tidak cocok lagi. Bandingkan dengan ekspor /record.json.",
    change_home: "Ubah tempat tinggal",
    confirm_heading: "Periksa sebelum menerbitkan",
    confirm_intro: "Jawaban ini akan terbit untuk umum dan tercatat di catatan keputusan. Setelah terbit, jawaban tidak dapat ditarik atau diubah; kekeliruan hanya dapat diluruskan dengan koreksi, yang juga tercatat.",
    confirm_edit: "Masih ingin mengubah? Ubah isian di bawah lalu tekan tombolnya lagi; Anda akan diminta memeriksa sekali lagi.",
    confirm_publish: "Ya, terbitkan sekarang",
    draft_notice: "Ini draf: hanya Anda yang dapat melihatnya sampai diterbitkan.",
    support: "Dukung usulan ini",
    unsupport: "Batalkan dukungan",
    you_support: "Anda mendukung usulan ini.",
    sign_in_to_support: "Masuk untuk mendukung",
    proposed_by: "Diusulkan oleh",
    responsible_agency: "Instansi yang bertanggung jawab",
    estimated_cost: "Perkiraan biaya",
    budget: "Anggaran",
    timeline: "Jadwal",
    progress: "Kemajuan (%)",
    responses_heading: "Jawaban resmi",
    no_responses: "Belum ada jawaban resmi.",
    official_response: "Jawaban resmi",
    progress_update: "Kabar kemajuan",
    answer_heading: "Tulis jawaban resmi",
    decision: "Keputusan",
    response_text: "Isi jawaban",
    publish_response: "Terbitkan jawaban resmi",
    progress_heading: "Tulis kabar kemajuan",
    publish_progress: "Terbitkan kabar kemajuan",
    timeline_heading: "Riwayat keputusan",
    record_title: "Catatan keputusan",
    record_intro: "Setiap perubahan tahap usulan dan setiap jawaban resmi dicatat di sini, berantai dengan SHA-256, sehingga siapa pun dapat memeriksa bahwa tidak ada yang diubah.",
    record_empty: "Catatan masih kosong.",
    all_agencies: "Semua instansi",
    export_json: "Unduh JSON",
    export_csv: "Unduh CSV",
    older: "Lebih lama",
    entry: "Catatan",
    by_rules: "aturan ambang dukungan",
    rules_title: "Aturan usulan per wilayah",
    rules_intro: "Jumlah dukungan yang mewajibkan jawaban resmi, dan batas waktu jawaban dalam hari kerja. Berlaku untuk wilayah ini dan wilayah di bawahnya yang tidak mengatur sendiri, bagi usulan yang terbit sesudahnya.",
    threshold_label: "Ambang dukungan (1–1.000.000)",
    response_days_label: "Batas jawaban (hari kerja, 1–60)",
    rules_button: "Simpan aturan",
    proposal_word: "Usulan",
    discussion_heading: "Diskusi",
    discussion_full: "Buka seluruh diskusi",
    discussion_of: "Diskusi untuk usulan:",
    templates_heading: "Templat jawaban",
    templates_intro: "Teks jawaban yang sering dipakai instansi Anda. Pilih templat di formulir jawaban, lalu sesuaikan sebelum menerbitkan.",
    no_templates: "Belum ada templat.",
    add_template: "Tambah templat",
    template_agency: "Instansi",
    template_title: "Nama templat",
    save_template: "Simpan templat",
    delete_template: "Hapus",
    use_template: "Sisipkan templat",
    proposals_feed: "Ikuti usulan wilayah ini di aplikasi pembaca berita (Atom)",
    scope_all: "Semua usulan",
    scope_mine: "Usulan saya",
    mine_empty: "Anda belum menulis usulan. Draf yang Anda simpan juga muncul di sini.",
    edit_draft: "Ubah draf",
    edit_draft_title: "Ubah draf usulan",
    save_changes: "Simpan draf",
    support_saved: "Dukungan Anda tercatat.",
    support_removed: "Dukungan Anda sudah ditarik.",
    template_inserted: "Templat ditambahkan ke teks jawaban. Periksa dan sesuaikan sebelum menerbitkan.",
};

pub static EN: PMsg = PMsg {
    nav_proposals: "Proposals",
    nav_record: "Decision record",
    proposals_title: "Residents' proposals",
    proposals_intro: "Residents propose, others support. A proposal that reaches its support threshold must get an official response from the responsible agency.",
    new_proposal: "Write a proposal",
    no_proposals: "No proposals yet.",
    all_areas: "All areas",
    all_states: "All stages",
    stage: "Stage",
    nav_desk: "Officer desk",
    desk_title: "Officer desk",
    desk_intro: "Complaints and proposals your agency must act on, the nearest deadline first.",
    desk_empty: "Nothing is waiting for your agency.",
    answer_status: "Answer status",
    awaiting_only: "Awaiting action",
    answered_only: "Answered",
    sort_supports: "Most supported",
    sort_newest: "Newest",
    sort_awaiting: "Awaiting response",
    of_threshold: "of the threshold",
    due: "Response due",
    overdue: "overdue",
    proposal_title: "Proposal title",
    proposal_body: "Proposal",
    cost: "Estimated cost (rupiah, optional)",
    cost_hint: "In the Indonesian way, dots for thousands: 4.500.000, Rp 4.500.000,00 or 4,5 juta",
    location: "Location (optional)",
    location_hint: "For example: Gang Mawar, near the temple",
    save_draft: "Save as draft",
    publish_now: "Publish",
    publish: "Publish the proposal",
    withdraw: "Withdraw the proposal",
    withdraw_heading: "Withdraw this proposal?",
    withdraw_text: "It can no longer be supported and will not be answered. Its supporters are told, and the withdrawal is written to the decision record. This cannot be undone.",
    withdraw_yes: "Yes, withdraw this proposal",
    cancel: "Cancel",
    check_authentic: "Check authenticity",
    hash_hint: "This entry's SHA-256 fingerprint, which also seals the entry before it: if any entry were changed quietly, the fingerprints after it would no longer match. Compare with the /record.json export.",
    change_home: "Change your home area",
    confirm_heading: "Check before publishing",
    confirm_intro: "This will be published for everyone and written to the decision record. Once published it cannot be withdrawn or changed; a mistake can only be set right by a correction, which is recorded too.",
    confirm_edit: "Still want to change something? Edit the fields below and press the button again; you will be asked to check once more.",
    confirm_publish: "Yes, publish now",
    draft_notice: "This is a draft: only you can see it until it is published.",
    support: "Support this proposal",
    unsupport: "Take back my support",
    you_support: "You support this proposal.",
    sign_in_to_support: "Sign in to support",
    proposed_by: "Proposed by",
    responsible_agency: "Responsible agency",
    estimated_cost: "Estimated cost",
    budget: "Budget",
    timeline: "Timeline",
    progress: "Progress (%)",
    responses_heading: "Official responses",
    no_responses: "No official response yet.",
    official_response: "Official response",
    progress_update: "Progress update",
    answer_heading: "Write an official response",
    decision: "Decision",
    response_text: "Response",
    publish_response: "Publish the official response",
    progress_heading: "Write a progress update",
    publish_progress: "Publish the progress update",
    timeline_heading: "Decision history",
    record_title: "Decision record",
    record_intro: "Every change of a proposal's stage and every official response is recorded here, chained with SHA-256, so that anyone can check that nothing was changed.",
    record_empty: "The record is still empty.",
    all_agencies: "All agencies",
    export_json: "Download JSON",
    export_csv: "Download CSV",
    older: "Older",
    entry: "Entry",
    by_rules: "the support threshold rule",
    rules_title: "Proposal rules per area",
    rules_intro: "The supports that oblige an official response, and the deadline for it in working days. They apply to this area and to the areas below it that do not set their own, for proposals published afterwards.",
    threshold_label: "Support threshold (1–1,000,000)",
    response_days_label: "Response deadline (working days, 1–60)",
    rules_button: "Save the rules",
    proposal_word: "Proposal",
    discussion_heading: "Discussion",
    discussion_full: "Open the whole discussion",
    discussion_of: "Discussion of the proposal:",
    templates_heading: "Response templates",
    templates_intro: "Response texts your agency uses often. Pick one in the response form, then adapt it before publishing.",
    no_templates: "No templates yet.",
    add_template: "Add a template",
    template_agency: "Agency",
    template_title: "Template name",
    save_template: "Save the template",
    delete_template: "Delete",
    use_template: "Insert the template",
    proposals_feed: "Follow this area's proposals in a news reader app (Atom)",
    scope_all: "All proposals",
    scope_mine: "My proposals",
    mine_empty: "You have not written a proposal yet. Drafts you save show here too.",
    edit_draft: "Edit draft",
    edit_draft_title: "Edit draft proposal",
    save_changes: "Save draft",
    support_saved: "Your support is counted.",
    support_removed: "Your support is taken back.",
    template_inserted: "Template added to the answer text. Check and adjust it before publishing.",
};

pub fn pmsg(lang: Lang) -> &'static PMsg {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// The name of a lifecycle stage.
pub fn state_name(lang: Lang, code: &str) -> &'static str {
    let id = lang == Lang::Id;
    match code {
        "draft" => {
            if id {
                "Draf"
            } else {
                "Draft"
            }
        }
        "published" => {
            if id {
                "Terbit"
            } else {
                "Published"
            }
        }
        "under_review" => {
            if id {
                "Sedang dikaji"
            } else {
                "Under review"
            }
        }
        "accepted" => {
            if id {
                "Diterima"
            } else {
                "Accepted"
            }
        }
        "partially_accepted" => {
            if id {
                "Diterima sebagian"
            } else {
                "Partially accepted"
            }
        }
        "rejected" => {
            if id {
                "Ditolak"
            } else {
                "Rejected"
            }
        }
        "in_progress" => {
            if id {
                "Sedang dikerjakan"
            } else {
                "In progress"
            }
        }
        "implemented" => {
            if id {
                "Terlaksana"
            } else {
                "Implemented"
            }
        }
        "received" => {
            if id {
                "Diterima"
            } else {
                "Received"
            }
        }
        "verified" => {
            if id {
                "Terverifikasi"
            } else {
                "Verified"
            }
        }
        "resolved" => {
            if id {
                "Selesai ditangani"
            } else {
                "Resolved"
            }
        }
        "closed" => {
            if id {
                "Ditutup"
            } else {
                "Closed"
            }
        }
        "withdrawn" => {
            if id {
                "Ditarik"
            } else {
                "Withdrawn"
            }
        }
        // An usulan of a Musrenbang cycle.
        other => crate::i18n::musrenbang::state_name(lang, other),
    }
}

/// What a record entry's event means.
pub fn event_name(lang: Lang, code: &str) -> &'static str {
    let id = lang == Lang::Id;
    match code {
        "published" => {
            if id {
                "Diterbitkan"
            } else {
                "Published"
            }
        }
        "withdrawn" => {
            if id {
                "Ditarik oleh pengusul"
            } else {
                "Withdrawn by the author"
            }
        }
        "threshold_reached" => {
            if id {
                "Mencapai ambang dukungan"
            } else {
                "Reached the support threshold"
            }
        }
        "response" => {
            if id {
                "Jawaban resmi"
            } else {
                "Official response"
            }
        }
        "filed" => {
            if id {
                "Pengaduan masuk"
            } else {
                "Complaint filed"
            }
        }
        "verified" => {
            if id {
                "Diverifikasi"
            } else {
                "Verified"
            }
        }
        "in_progress" => {
            if id {
                "Mulai ditindaklanjuti"
            } else {
                "Follow-up started"
            }
        }
        "resolved" => {
            if id {
                "Dinyatakan selesai"
            } else {
                "Resolved"
            }
        }
        "closed" => {
            if id {
                "Ditutup"
            } else {
                "Closed"
            }
        }
        "rejected" => {
            if id {
                "Ditolak dengan alasan"
            } else {
                "Rejected with a reason"
            }
        }
        "forwarded" => {
            if id {
                "Diteruskan ke instansi lain"
            } else {
                "Forwarded to another agency"
            }
        }
        "progress" => {
            if id {
                "Kabar kemajuan"
            } else {
                "Progress update"
            }
        }
        "reopened" => {
            if id {
                "Belum selesai menurut pelapor"
            } else {
                "Not fixed, says the complainant"
            }
        }
        "correction" => {
            if id {
                "Koreksi"
            } else {
                "Correction"
            }
        }
        // A Musrenbang tier decision.
        other => crate::i18n::musrenbang::outcome_name(lang, other),
    }
}

/// "Rp 4.500.000" / "Rp 4,500,000".
pub fn rupiah(lang: Lang, n: i64) -> String {
    format!("Rp {}", super::format::number(lang, n))
}

/// A desk row's kind and the step due on it.
pub fn desk_labels(lang: Lang, kind: &str, what: &str) -> (&'static str, &'static str) {
    let id = lang == Lang::Id;
    let kind = match (kind, id) {
        ("complaint", true) => "Pengaduan",
        ("complaint", false) => "Complaint",
        (_, true) => "Usulan",
        (_, false) => "Proposal",
    };
    let what = match (what, id) {
        ("verify", true) => "Verifikasi",
        ("verify", false) => "Verify",
        ("resolve", true) => "Selesaikan",
        ("resolve", false) => "Resolve",
        (_, true) => "Jawaban resmi",
        (_, false) => "Official response",
    };
    (kind, what)
}

/// How a deadline stands in working days: "sisa 2 hari kerja",
/// "Terlambat 3 hari kerja" (English with its plural).
pub fn days_left(lang: Lang, n: i64, overdue: bool) -> String {
    let days = |n: i64| {
        if lang == Lang::Id {
            format!("{n} hari kerja")
        } else if n == 1 {
            "1 working day".to_owned()
        } else {
            format!("{n} working days")
        }
    };
    match (overdue, n, lang) {
        (true, 0, Lang::Id) => "terlambat".to_owned(),
        (true, 0, Lang::En) => "late".to_owned(),
        (true, n, Lang::Id) => format!("terlambat {}", days(-n)),
        (true, n, Lang::En) => format!("{} late", days(-n)),
        (false, 0, Lang::Id) => "batasnya hari ini".to_owned(),
        (false, 0, Lang::En) => "due today".to_owned(),
        (false, n, Lang::Id) => format!("sisa {}", days(n)),
        (false, n, Lang::En) => format!("{} left", days(n)),
    }
}

/// "12 dukungan", "1 support", "12 supports".
pub fn supports_count(lang: Lang, n: i64) -> String {
    let num = super::format::number(lang, n);
    match (lang, n) {
        (Lang::Id, _) => format!("{num} dukungan"),
        (Lang::En, 1) => "1 support".to_owned(),
        (Lang::En, _) => format!("{num} supports"),
    }
}

/// Why there is no support button for a signed-in person.
pub fn outside_area(lang: Lang, area: &str) -> String {
    match lang {
        Lang::Id => format!(
            "Hanya warga {area} dan wilayah di bawahnya yang dapat mendukung usulan ini. Dukungan dihitung menurut tempat tinggal yang tercatat di akun Anda."
        ),
        Lang::En => format!(
            "Only residents of {area} and the areas under it can support this proposal. Supports count by the home area in your account."
        ),
    }
}

/// What the threshold does, while it is not reached.
pub fn more_needed(lang: Lang, n: i64) -> String {
    match (lang, n) {
        (Lang::Id, n) => format!("Butuh {n} dukungan lagi agar instansi wajib menjawab."),
        (Lang::En, 1) => "1 more support and the agency must answer.".to_owned(),
        (Lang::En, n) => format!("{n} more supports and the agency must answer."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_and_event_has_a_name_in_both_languages() {
        for s in [
            "draft",
            "published",
            "under_review",
            "accepted",
            "partially_accepted",
            "rejected",
            "in_progress",
            "implemented",
            "withdrawn",
            "received",
            "verified",
            "resolved",
            "closed",
        ] {
            assert!(
                !state_name(Lang::Id, s).is_empty() && !state_name(Lang::En, s).is_empty(),
                "{s}"
            );
        }
        for e in [
            "published",
            "withdrawn",
            "threshold_reached",
            "response",
            "progress",
            "filed",
            "verified",
            "in_progress",
            "resolved",
            "closed",
            "rejected",
            "forwarded",
            "correction",
        ] {
            assert_ne!(event_name(Lang::Id, e), event_name(Lang::En, e), "{e}");
        }
        assert_eq!(rupiah(Lang::Id, 4_500_000), "Rp 4.500.000");
    }
}
