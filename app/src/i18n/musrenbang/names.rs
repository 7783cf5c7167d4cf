//! The names of tiers, phases, outcomes, states, verdicts and rules, and
//! of linked items, in both languages.
use super::mmsg;
use crate::model::Lang;

pub fn tier_name(lang: Lang, tier: i64) -> &'static str {
    match (tier, lang) {
        (0, Lang::Id) => "Desa/Kelurahan",
        (0, Lang::En) => "Village",
        (1, Lang::Id) => "Kecamatan",
        (1, Lang::En) => "District",
        (_, Lang::Id) => "Kota/Kabupaten",
        (_, Lang::En) => "City or regency",
    }
}

pub fn phase_name(lang: Lang, phase: &str) -> &'static str {
    let id = lang == Lang::Id;
    match phase {
        "upcoming" => {
            if id {
                "Belum mulai"
            } else {
                "Not started"
            }
        }
        "submission" => {
            if id {
                "Pengajuan usulan"
            } else {
                "Taking proposals"
            }
        }
        "review" => {
            if id {
                "Verifikasi"
            } else {
                "Verification"
            }
        }
        "voting" => {
            if id {
                "Pemilihan"
            } else {
                "Voting"
            }
        }
        "results" => {
            if id {
                "Penetapan hasil"
            } else {
                "Results being confirmed"
            }
        }
        _ => {
            if id {
                "Selesai"
            } else {
                "Finished"
            }
        }
    }
}

pub fn outcome_name(lang: Lang, outcome: &str) -> &'static str {
    let id = lang == Lang::Id;
    match outcome {
        "carried" => {
            if id {
                "Dibawa ke tahap berikutnya"
            } else {
                "Carried to the next stage"
            }
        }
        "not_carried" => {
            if id {
                "Tidak dibawa"
            } else {
                "Not carried"
            }
        }
        "accepted" => {
            if id {
                "Diterima masuk RKPD"
            } else {
                "Accepted into the RKPD"
            }
        }
        "deferred" => {
            if id {
                "Ditunda"
            } else {
                "Deferred"
            }
        }
        "rejected" => {
            if id {
                "Ditolak"
            } else {
                "Rejected"
            }
        }
        _ => "",
    }
}

pub fn state_name(lang: Lang, state: &str) -> &'static str {
    let id = lang == Lang::Id;
    match state {
        "open" => {
            if id {
                "Dalam proses"
            } else {
                "In the running"
            }
        }
        "stopped" => {
            if id {
                "Berhenti"
            } else {
                "Stopped"
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
                "Selesai dikerjakan"
            } else {
                "Implemented"
            }
        }
        "feasible" | "needs_changes" | "not_feasible" => verdict_name(lang, state),
        other => outcome_name(lang, other),
    }
}

pub fn verdict_name(lang: Lang, verdict: &str) -> &'static str {
    let id = lang == Lang::Id;
    match verdict {
        "feasible" => {
            if id {
                "Layak"
            } else {
                "Feasible"
            }
        }
        "needs_changes" => {
            if id {
                "Perlu perubahan"
            } else {
                "Needs changes"
            }
        }
        _ => {
            if id {
                "Tidak layak"
            } else {
                "Not feasible"
            }
        }
    }
}

pub fn rule_name(lang: Lang, rule: &str) -> &'static str {
    let m = mmsg(lang);
    if rule == "greedy" {
        m.rule_greedy
    } else {
        m.rule_shares
    }
}

/// Where a linked item's page is, and its name as a number: "Pengaduan
/// #12", "Usulan Musrenbang #3".
pub fn linked_label(lang: Lang, subject: &str, id: i64) -> (String, String) {
    let id_lang = lang == Lang::Id;
    let word = match subject {
        "usulan" => mmsg(lang).usulan_word,
        "complaint" if id_lang => "Pengaduan",
        "complaint" => "Complaint",
        _ if id_lang => "Usulan",
        _ => "Proposal",
    };
    let path = match subject {
        "complaint" => "complaints",
        "proposal" => "proposals",
        _ => "usulan",
    };
    (format!("/{path}/{id}"), format!("{word} #{id}"))
}

/// A list of linked items, as pages show them.
pub fn linked_list(lang: Lang, items: &[crate::model::musrenbang::LinkedItem]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|l| {
            let (href, label) = linked_label(lang, &l.subject, l.id);
            (href, format!("{label}: {}", l.title))
        })
        .collect()
}
