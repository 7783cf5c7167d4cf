//! Words for Musrenbang: cycles, stages, usulan, ballots and results.
use crate::model::Lang;

mod names;
pub use names::*;

pub struct MMsg {
    pub musrenbang: &'static str,
    pub intro: &'static str,
    pub no_cycles: &'static str,
    pub open_cycle: &'static str,
    pub cycle_of: &'static str,
    pub plan_year: &'static str,
    pub rule: &'static str,
    pub rule_greedy: &'static str,
    pub rule_greedy_hint: &'static str,
    pub rule_shares: &'static str,
    pub rule_shares_hint: &'static str,
    pub decides: &'static str,
    pub calendar: &'static str,
    pub stage: &'static str,
    pub submission: &'static str,
    pub voting: &'static str,
    pub result_by: &'static str,
    pub ceiling: &'static str,
    pub ceiling_hint: &'static str,
    pub now_label: &'static str,
    pub your_places: &'static str,
    pub areas_of_tier: &'static str,
    pub no_areas: &'static str,
    pub usulan_count: &'static str,
    pub voters: &'static str,
    pub confirmed: &'static str,
    pub not_confirmed: &'static str,
    pub more: &'static str,
    pub new_usulan: &'static str,
    pub new_usulan_hint: &'static str,
    pub usulan_title: &'static str,
    pub problem: &'static str,
    pub problem_hint: &'static str,
    pub action: &'static str,
    pub action_hint: &'static str,
    pub location: &'static str,
    pub location_hint: &'static str,
    pub volume: &'static str,
    pub volume_hint: &'static str,
    pub unit: &'static str,
    pub unit_hint: &'static str,
    pub cost: &'static str,
    pub cost_hint: &'static str,
    pub submit: &'static str,
    pub no_usulan: &'static str,
    pub estimated_cost: &'static str,
    pub approvals: &'static str,
    pub your_ballot: &'static str,
    pub ballot_hint: &'static str,
    pub choose: &'static str,
    pub unchoose: &'static str,
    pub chosen: &'static str,
    pub ballot_secret: &'static str,
    pub not_resident: &'static str,
    pub count_now: &'static str,
    pub result: &'static str,
    pub rules_compared: &'static str,
    pub confirm_heading: &'static str,
    pub confirm_hint: &'static str,
    pub carry: &'static str,
    pub drop: &'static str,
    pub defer: &'static str,
    pub accept: &'static str,
    pub reject: &'static str,
    pub reason_hint: &'static str,
    pub extra: &'static str,
    pub extra_hint: &'static str,
    pub extra_reason: &'static str,
    pub attendance: &'static str,
    pub delegates: &'static str,
    pub confirm_button: &'static str,
    pub confirm_warning: &'static str,
    pub minutes: &'static str,
    pub confirmed_on: &'static str,
    pub not_selected: &'static str,
    pub path: &'static str,
    pub put_forward: &'static str,
    pub verification: &'static str,
    pub not_verified: &'static str,
    pub verified_cost: &'static str,
    pub verdict: &'static str,
    pub verify_reason: &'static str,
    pub verify_reason_hint: &'static str,
    pub verify_button: &'static str,
    pub zone: &'static str,
    pub reason: &'static str,
    pub area_ceiling: &'static str,
    pub downloads: &'static str,
    pub agency: &'static str,
    pub author: &'static str,
    pub state: &'static str,
    pub rank_in: &'static str,
    pub selected_by: &'static str,
    pub none: &'static str,
    pub signatures: &'static str,
    pub print: &'static str,
    pub plan_heading: &'static str,
    pub plan_amount: &'static str,
    pub amount_hint: &'static str,
    pub progress: &'static str,
    pub percent: &'static str,
    pub percent_hint: &'static str,
    pub report: &'static str,
    pub report_hint: &'static str,
    pub report_button: &'static str,
    pub no_updates: &'static str,
    pub implemented_note: &'static str,
    pub result_note: &'static str,
    pub usulan_word: &'static str,
    pub funnel: &'static str,
    pub funnel_intro: &'static str,
    pub f_submitted: &'static str,
    pub f_carried0: &'static str,
    pub f_carried1: &'static str,
    pub f_accepted: &'static str,
    pub f_implemented: &'static str,
    pub per_area: &'static str,
    pub per_agency: &'static str,
    pub see_funnel: &'static str,
    pub area_word: &'static str,
    pub no_agency_rows: &'static str,
    pub grows_from: &'static str,
    /// Before the usulan's title on its discussion thread.
    pub discussion_of: &'static str,
    /// Residents' SKM ratings of the work: heading, and the word after
    /// their number.
    pub rated_heading: &'static str,
    pub ratings_word: &'static str,
    pub from_complaints: &'static str,
    pub from_proposals: &'static str,
    pub from_hint: &'static str,
    pub taken_to_musrenbang: &'static str,
}

const ID: MMsg = MMsg {
    musrenbang: "Musrenbang",
    intro: "Musyawarah perencanaan pembangunan: usulan warga dari desa/kelurahan dibawa ke kecamatan, \
            lalu ke kota/kabupaten, sampai masuk rencana kerja (RKPD). Di setiap tahap warga memilih usulan \
            yang muat dalam pagu wilayahnya.",
    no_cycles: "Belum ada Musrenbang yang dibuka.",
    open_cycle: "Buka Musrenbang",
    cycle_of: "Musrenbang",
    plan_year: "Tahun rencana",
    rule: "Aturan penentu hasil",
    rule_greedy: "Terbanyak dipilih",
    rule_greedy_hint: "Usulan dengan pemilih terbanyak didahulukan selama pagu masih cukup.",
    rule_shares: "Bagi rata (Method of Equal Shares)",
    rule_shares_hint: "Pagu dibagi rata kepada para pemilih; setiap kelompok warga mendapat bagian sesuai jumlahnya.",
    decides: "menentukan",
    calendar: "Jadwal",
    stage: "Tahap",
    submission: "Pengajuan usulan",
    voting: "Pemilihan",
    result_by: "Hasil paling lambat",
    ceiling: "Pagu indikatif per wilayah",
    ceiling_hint: "Dalam rupiah, misalnya 500.000.000 atau 500 juta.",
    now_label: "Sekarang",
    your_places: "Tempat Anda ikut",
    areas_of_tier: "Wilayah di tahap ini",
    no_areas: "Belum ada usulan di tahap ini.",
    usulan_count: "usulan",
    voters: "pemilih",
    confirmed: "Hasil disahkan",
    not_confirmed: "Belum disahkan",
    more: "Berikutnya",
    new_usulan: "Ajukan usulan Musrenbang",
    new_usulan_hint:
        "Usulan diajukan untuk wilayah tempat tinggal Anda di tahap ini. Paling banyak 5 usulan per orang per tahap.",
    usulan_title: "Judul usulan",
    problem: "Masalahnya",
    problem_hint: "Apa yang terjadi, di mana, dan siapa yang terdampak.",
    action: "Yang perlu dilakukan",
    action_hint: "Kegiatan yang diusulkan, misalnya perbaikan saluran sepanjang 300 meter.",
    location: "Lokasi",
    location_hint: "Nama jalan, banjar, RT/RW atau patokan.",
    volume: "Volume",
    volume_hint: "Angka saja, misalnya 300 atau 2,5.",
    unit: "Satuan",
    unit_hint: "Misalnya meter, unit, paket, orang.",
    cost: "Perkiraan biaya",
    cost_hint: "Dalam rupiah, tidak lebih dari pagu wilayah.",
    submit: "Ajukan usulan",
    no_usulan: "Belum ada usulan di wilayah ini.",
    estimated_cost: "Biaya",
    approvals: "Dipilih",
    your_ballot: "Pilihan Anda",
    ballot_hint: "Pilih usulan yang menurut Anda paling perlu, selama jumlah biayanya muat dalam pagu. \
                  Pilihan dapat diubah sampai pemilihan ditutup.",
    choose: "Pilih",
    unchoose: "Batalkan pilihan",
    chosen: "Anda memilih usulan ini.",
    ballot_secret: "Pilihan Anda rahasia: yang diumumkan hanya jumlah pemilih setiap usulan.",
    not_resident: "Hanya warga wilayah ini yang dapat mengajukan dan memilih di sini.",
    count_now: "Hitung suara sekarang",
    result: "Hasil",
    rules_compared: "Kedua aturan dihitung dari suara yang sama; kolom ini menunjukkan urutan pilihan masing-masing.",
    confirm_heading: "Sahkan hasil",
    confirm_hint:
        "Hasil dimulai dari pilihan aturan penentu. Setiap keputusan yang berbeda dari aturan wajib diberi alasan; \
                   alasan tampil di catatan keputusan publik.",
    carry: "Dibawa ke tahap berikutnya",
    drop: "Tidak dibawa",
    defer: "Ditunda",
    accept: "Diterima masuk RKPD",
    reject: "Ditolak",
    reason_hint: "Alasan (wajib jika berbeda dari aturan)",
    extra: "Usulan lain yang juga dibawa",
    extra_hint: "Nomor usulan, dipisah koma, misalnya 12, 15.",
    extra_reason: "Alasan membawa usulan lain itu",
    attendance: "Jumlah peserta rapat",
    delegates: "Delegasi yang dipilih",
    confirm_button: "Sahkan hasil ini",
    confirm_warning: "Hasil yang sudah disahkan tidak dapat diubah dan tercatat di catatan keputusan publik.",
    minutes: "Berita acara",
    confirmed_on: "Disahkan",
    not_selected: "Tidak terpilih: pemilihnya kurang untuk muat dalam pagu.",
    path: "Perjalanan usulan",
    put_forward: "Diajukan",
    verification: "Verifikasi teknis",
    not_verified: "Belum diverifikasi dinas.",
    verified_cost: "Biaya menurut dinas",
    verdict: "Hasil verifikasi",
    verify_reason: "Alasan",
    verify_reason_hint: "Wajib jika perlu perubahan atau tidak layak; tampil untuk umum.",
    verify_button: "Simpan verifikasi",
    zone: "Zona waktu",
    reason: "Alasan",
    area_ceiling: "Pagu wilayah ini",
    downloads: "Unduh data",
    agency: "Dinas",
    author: "Pengusul",
    state: "Status",
    rank_in: "urutan",
    selected_by: "Terpilih oleh aturan",
    none: "—",
    signatures: "Tanda tangan",
    print: "Cetak",
    plan_heading: "Dalam rencana (RKPD)",
    plan_amount: "Jumlah dalam rencana",
    amount_hint: "Dalam rupiah. Kosongkan untuk memakai biaya hasil verifikasi (atau perkiraan pengusul).",
    progress: "Kemajuan",
    percent: "Persen selesai",
    percent_hint: "Angka 0 sampai 100. 100 berarti selesai dikerjakan, dan tidak ada laporan lagi sesudahnya.",
    report: "Apa yang sudah dikerjakan",
    report_hint: "Tulis untuk warga: apa yang sudah selesai dan apa langkah berikutnya.",
    report_button: "Terbitkan laporan kemajuan",
    no_updates: "Belum ada laporan kemajuan.",
    implemented_note: "Selesai dikerjakan.",
    result_note: "Hasil Musrenbang di wilayah tempat Anda memilih sudah ditetapkan",
    usulan_word: "Usulan Musrenbang",
    funnel: "Dari usulan ke rencana",
    funnel_intro: "Berapa usulan yang diajukan, dibawa dari setiap tahap, masuk RKPD dan selesai dikerjakan.",
    f_submitted: "Diajukan",
    f_carried0: "Dibawa dari desa/kelurahan",
    f_carried1: "Dibawa dari kecamatan",
    f_accepted: "Masuk RKPD",
    f_implemented: "Selesai dikerjakan",
    per_area: "Per kecamatan",
    per_agency: "Per dinas",
    see_funnel: "Lihat per kecamatan dan per dinas",
    area_word: "Wilayah",
    no_agency_rows: "Belum ada usulan yang masuk RKPD.",
    grows_from: "Berasal dari",
    discussion_of: "Diskusi untuk usulan Musrenbang:",
    rated_heading: "Penilaian warga (SKM)",
    ratings_word: "penilaian",
    from_complaints: "Nomor pengaduan asal (boleh kosong)",
    from_proposals: "Nomor usulan warga asal (boleh kosong)",
    from_hint: "Pisahkan dengan koma, paling banyak 5. Hanya yang terbuka untuk umum di kota/kabupaten ini; pengaduan anonim tidak bisa ditautkan.",
    taken_to_musrenbang: "Dibawa ke Musrenbang",
};

const EN: MMsg = MMsg {
    musrenbang: "Musrenbang",
    intro: "Development planning deliberation: residents' proposals go from the village to the district, \
            then to the city or regency, until they enter the annual plan (RKPD). At each stage residents choose \
            the proposals that fit their area's ceiling.",
    no_cycles: "No Musrenbang has been opened yet.",
    open_cycle: "Open a Musrenbang",
    cycle_of: "Musrenbang",
    plan_year: "Plan year",
    rule: "Rule that decides the result",
    rule_greedy: "Most chosen",
    rule_greedy_hint: "Proposals chosen by the most people come first while the ceiling allows.",
    rule_shares: "Equal shares (Method of Equal Shares)",
    rule_shares_hint:
        "The ceiling is split equally among the voters; each group of residents gets the part its number earns.",
    decides: "decides",
    calendar: "Calendar",
    stage: "Stage",
    submission: "Proposals",
    voting: "Voting",
    result_by: "Results by",
    ceiling: "Indicative ceiling per area",
    ceiling_hint: "In rupiah, for example 500.000.000 or 500 juta.",
    now_label: "Now",
    your_places: "Where you take part",
    areas_of_tier: "Areas at this stage",
    no_areas: "No proposals at this stage yet.",
    usulan_count: "proposals",
    voters: "voters",
    confirmed: "Result confirmed",
    not_confirmed: "Not confirmed yet",
    more: "Next",
    new_usulan: "Make a Musrenbang proposal",
    new_usulan_hint:
        "Proposals are made for the area you live in at this stage. At most 5 proposals per person per stage.",
    usulan_title: "Proposal title",
    problem: "The problem",
    problem_hint: "What is happening, where, and who is affected.",
    action: "What should be done",
    action_hint: "The work proposed, for example repairing 300 metres of drain.",
    location: "Location",
    location_hint: "Street, banjar, RT/RW or a landmark.",
    volume: "Quantity",
    volume_hint: "A number only, for example 300 or 2,5.",
    unit: "Unit",
    unit_hint: "For example metres, units, packages, people.",
    cost: "Estimated cost",
    cost_hint: "In rupiah, no more than the area's ceiling.",
    submit: "Make the proposal",
    no_usulan: "No proposals in this area yet.",
    estimated_cost: "Cost",
    approvals: "Chosen by",
    your_ballot: "Your choices",
    ballot_hint: "Choose the proposals you think are most needed, as long as their total cost fits the ceiling. \
                  You can change your choices until voting closes.",
    choose: "Choose",
    unchoose: "Remove choice",
    chosen: "You chose this proposal.",
    ballot_secret: "Your choices are secret: only how many chose each proposal is published.",
    not_resident: "Only residents of this area make proposals and vote here.",
    count_now: "Count the votes now",
    result: "Result",
    rules_compared: "Both rules are computed from the same votes; these columns show each one's order of selection.",
    confirm_heading: "Confirm the result",
    confirm_hint:
        "The result starts from the deciding rule's selection. Every decision that departs from the rule needs a \
                   reason; reasons are shown in the public decision record.",
    carry: "Carried to the next stage",
    drop: "Not carried",
    defer: "Deferred",
    accept: "Accepted into the RKPD",
    reject: "Rejected",
    reason_hint: "Reason (required if it departs from the rule)",
    extra: "Other proposals to carry as well",
    extra_hint: "Proposal numbers, separated by commas, for example 12, 15.",
    extra_reason: "Why those proposals are carried",
    attendance: "People at the meeting",
    delegates: "Delegates chosen",
    confirm_button: "Confirm this result",
    confirm_warning: "A confirmed result cannot be changed and is written to the public decision record.",
    minutes: "Minutes (berita acara)",
    confirmed_on: "Confirmed",
    not_selected: "Not selected: too few voters for it to fit the ceiling.",
    path: "The proposal's path",
    put_forward: "Made",
    verification: "Technical verification",
    not_verified: "Not verified by the agency yet.",
    verified_cost: "Cost according to the agency",
    verdict: "Verdict",
    verify_reason: "Reason",
    verify_reason_hint: "Required if it needs changes or is not feasible; shown to everyone.",
    verify_button: "Save the verification",
    zone: "Time zone",
    reason: "Reason",
    area_ceiling: "This area's ceiling",
    downloads: "Download the data",
    agency: "Agency",
    author: "Proposed by",
    state: "Status",
    rank_in: "place",
    selected_by: "Selected by rule",
    none: "—",
    signatures: "Signatures",
    print: "Print",
    plan_heading: "In the plan (RKPD)",
    plan_amount: "Amount in the plan",
    amount_hint: "In rupiah. Leave empty to use the verified cost (or the proposer's estimate).",
    progress: "Progress",
    percent: "Percent done",
    percent_hint: "A number from 0 to 100. 100 means the work is done, and no reports follow.",
    report: "What was done",
    report_hint: "Write for residents: what is finished and what comes next.",
    report_button: "Publish the progress report",
    no_updates: "No progress reported yet.",
    implemented_note: "The work is done.",
    result_note: "The Musrenbang result is confirmed where you voted",
    usulan_word: "Musrenbang proposal",
    funnel: "From usulan to the plan",
    funnel_intro: "How many usulan were put forward, carried from each stage, accepted into the RKPD and implemented.",
    f_submitted: "Put forward",
    f_carried0: "Carried from the desa/kelurahan",
    f_carried1: "Carried from the kecamatan",
    f_accepted: "Accepted into the RKPD",
    f_implemented: "Implemented",
    per_area: "By kecamatan",
    per_agency: "By agency",
    see_funnel: "See it by kecamatan and by agency",
    area_word: "Area",
    no_agency_rows: "No usulan is in the RKPD yet.",
    grows_from: "Grows from",
    discussion_of: "Discussion of the Musrenbang usulan:",
    rated_heading: "Residents' rating (SKM)",
    ratings_word: "ratings",
    from_complaints: "Numbers of the complaints it grows from (optional)",
    from_proposals: "Numbers of the residents' proposals it grows from (optional)",
    from_hint: "Separate them with commas, at most 5. Only public ones in this kota/kabupaten; anonymous complaints cannot be linked.",
    taken_to_musrenbang: "Taken to the Musrenbang",
};

pub fn mmsg(lang: Lang) -> &'static MMsg {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// Labels of the Musrenbang form fields, for the error summary.
pub fn field_label(lang: Lang, name: &str) -> Option<String> {
    let id = lang == Lang::Id;
    let m = mmsg(lang);
    if let Some(i) = name.strip_prefix("reason[").and_then(|r| r.strip_suffix(']')) {
        let n = i.parse::<usize>().ok()? + 1;
        return Some(if id {
            format!("Alasan, baris {n}")
        } else {
            format!("Reason, row {n}")
        });
    }
    if let Some(i) = name.strip_prefix("amount[").and_then(|r| r.strip_suffix(']')) {
        let n = i.parse::<usize>().ok()? + 1;
        return Some(format!("{}, {} {n}", m.plan_amount, if id { "baris" } else { "row" }));
    }
    if let Some((t, what)) = name.strip_prefix('t').and_then(|r| r.split_once('_')) {
        let tier = tier_name(lang, t.parse().ok()?);
        let what = match what {
            "submit_from" => {
                if id {
                    "pengajuan mulai"
                } else {
                    "proposals from"
                }
            }
            "submit_until" => {
                if id {
                    "pengajuan sampai"
                } else {
                    "proposals until"
                }
            }
            "vote_from" => {
                if id {
                    "pemilihan mulai"
                } else {
                    "voting from"
                }
            }
            "vote_until" => {
                if id {
                    "pemilihan sampai"
                } else {
                    "voting until"
                }
            }
            "result_by" => {
                if id {
                    "hasil paling lambat"
                } else {
                    "results by"
                }
            }
            "ceiling" => {
                if id {
                    "pagu"
                } else {
                    "ceiling"
                }
            }
            _ => return None,
        };
        return Some(format!("{tier}: {what}"));
    }
    let label = match name {
        "problem" => m.problem,
        "action" => m.action,
        "volume" => m.volume,
        "unit" => m.unit,
        "year" => m.plan_year,
        "rule" => m.rule,
        "extra" => m.extra,
        "extra_reason" => m.extra_reason,
        "attendance" => m.attendance,
        "delegates" => m.delegates,
        "verdict" => m.verdict,
        "verified_cost" => m.verified_cost,
        "verify_reason" => m.verify_reason,
        "percent" => m.percent,
        "from_complaints" => m.from_complaints,
        "from_proposals" => m.from_proposals,
        "report" => m.report,
        _ => return None,
    };
    Some(label.to_owned())
}
