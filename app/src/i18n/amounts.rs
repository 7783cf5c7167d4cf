//! Amounts in figures and words, the messages of the rupiah parser, and the
//! words of corrections to the decision record, in both languages (one
//! struct each, so neither can miss a string).
use crate::error::AmountProblem;
use crate::model::Lang;

pub struct AMsg {
    /// Before the amount as the server read it.
    pub read_as: &'static str,
    pub confirm_hint: &'static str,
    pub correction: &'static str,
    pub correct_summary: &'static str,
    pub correct_intro: &'static str,
    pub correct_field: &'static str,
    pub field_text: &'static str,
    pub field_budget: &'static str,
    pub field_timeline: &'static str,
    pub correct_value: &'static str,
    pub correct_value_hint: &'static str,
    pub correct_reason: &'static str,
    pub correct_reason_hint: &'static str,
    pub publish_correction: &'static str,
    pub corrected_in: &'static str,
    pub corrects_entry: &'static str,
    pub was: &'static str,
    pub now: &'static str,
    pub reason: &'static str,
    pub withheld: &'static str,
}

const ID: AMsg = AMsg {
    read_as: "Dibaca sebagai",
    confirm_hint: "Jika benar, kirim formulir ini sekali lagi. Jika tidak, perbaiki jumlahnya lalu kirim.",
    correction: "Koreksi",
    correct_summary: "Koreksi jawaban ini",
    correct_intro: "Catatan keputusan tidak pernah diubah: koreksi ditambahkan sebagai catatan baru, \
                    dengan nama Anda dan alasannya, dan tampil di samping aslinya.",
    correct_field: "Yang dikoreksi",
    field_text: "Teks jawaban",
    field_budget: "Anggaran",
    field_timeline: "Jadwal",
    correct_value: "Yang benar",
    correct_value_hint: "Untuk teks: seluruh teks yang benar (Markdown). Untuk anggaran: jumlahnya, \
                         misalnya Rp 165.000.000 atau 165 juta.",
    correct_reason: "Alasan koreksi",
    correct_reason_hint: "Apa yang salah dan mengapa; tampil di samping aslinya.",
    publish_correction: "Terbitkan koreksi",
    corrected_in: "Dikoreksi di catatan",
    corrects_entry: "mengoreksi catatan",
    was: "semula",
    now: "menjadi",
    reason: "Alasan",
    withheld: "isi koreksi tidak dipublikasikan (pengaduan privat)",
};

const EN: AMsg = AMsg {
    read_as: "Read as",
    confirm_hint: "If that is right, send this form once more. If not, correct the amount and send it.",
    correction: "Correction",
    correct_summary: "Correct this response",
    correct_intro: "The decision record is never edited: a correction is added as a new entry, with \
                    your name and the reason, and shown next to the original.",
    correct_field: "What is corrected",
    field_text: "Response text",
    field_budget: "Budget",
    field_timeline: "Timeline",
    correct_value: "What is right",
    correct_value_hint: "For the text: the whole right text (Markdown). For the budget: the amount, \
                         e.g. Rp 165.000.000 or 165 juta.",
    correct_reason: "Reason for the correction",
    correct_reason_hint: "What was wrong and why; shown next to the original.",
    publish_correction: "Publish the correction",
    corrected_in: "Corrected in entry",
    corrects_entry: "corrects entry",
    was: "was",
    now: "now",
    reason: "Reason",
    withheld: "the correction's content is not public (private complaint)",
};

pub fn amsg(lang: Lang) -> &'static AMsg {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// The name of a corrected field.
pub fn field_name(lang: Lang, field: &str) -> &'static str {
    let m = amsg(lang);
    match field {
        "budget" => m.field_budget,
        "timeline" => m.field_timeline,
        _ => m.field_text,
    }
}

/// Why a typed amount was refused, with a form that would be read.
pub fn amount_problem(lang: Lang, p: AmountProblem) -> &'static str {
    let id = lang == Lang::Id;
    match p {
        AmountProblem::Format => {
            if id {
                "Jumlah ini tidak terbaca. Tulis misalnya 45.000.000, Rp 45.000.000,00 atau 45 juta."
            } else {
                "This amount cannot be read. Write e.g. 45.000.000, Rp 45.000.000,00 or 45 juta."
            }
        }
        AmountProblem::Ambiguous => {
            if id {
                "Jumlah ini bisa dibaca dua cara. Pakai titik untuk ribuan dan koma untuk desimal, \
                 misalnya 45.000.000 atau 1,5 juta."
            } else {
                "This amount can be read two ways. Use dots for thousands and a comma for decimals, \
                 e.g. 45.000.000 or 1,5 juta (1.5 million)."
            }
        }
        AmountProblem::Fraction => {
            if id {
                "Rupiah ditulis bulat, tanpa sen. Tulis misalnya 45.000.000 atau 45.000.000,00."
            } else {
                "Rupiah are whole numbers, without cents. Write e.g. 45.000.000 or 45.000.000,00."
            }
        }
        AmountProblem::Negative => {
            if id {
                "Jumlah tidak boleh negatif. Tulis misalnya 45.000.000."
            } else {
                "The amount cannot be negative. Write e.g. 45.000.000."
            }
        }
        AmountProblem::TooLarge => {
            if id {
                "Terlalu besar: paling banyak Rp 10.000.000.000.000 (10 triliun)."
            } else {
                "Too large: at most Rp 10,000,000,000,000 (10 trillion)."
            }
        }
    }
}

/// "Rp 45.000.000 — empat puluh lima juta rupiah" /
/// "Rp 45,000,000 — forty-five million rupiah".
pub fn amount_text(lang: Lang, n: i64) -> String {
    format!(
        "{} — {} rupiah",
        crate::i18n::proposals::rupiah(lang, n),
        words(lang, n)
    )
}

/// A whole number in words (to 999 trillion; larger in figures).
pub fn words(lang: Lang, n: i64) -> String {
    if !(0..1_000_000_000_000_000).contains(&n) {
        return super::format::number(lang, n);
    }
    if n == 0 {
        return if lang == Lang::Id { "nol" } else { "zero" }.to_owned();
    }
    let scales: [&str; 5] = match lang {
        Lang::Id => ["", "ribu", "juta", "miliar", "triliun"],
        Lang::En => ["", "thousand", "million", "billion", "trillion"],
    };
    let mut parts = Vec::new();
    for (i, scale) in scales.iter().enumerate().rev() {
        let group = (n / 1000_i64.pow(i as u32)) % 1000;
        if group == 0 {
            continue;
        }
        let g = group as usize;
        match lang {
            // One thousand is "seribu", as one hundred is "seratus".
            Lang::Id if i == 1 && g == 1 => parts.push("seribu".to_owned()),
            Lang::Id => parts.push(id_below_1000(g)),
            Lang::En => parts.push(en_below_1000(g)),
        }
        let seribu = lang == Lang::Id && i == 1 && g == 1;
        if !scale.is_empty() && !seribu {
            parts.push((*scale).to_owned());
        }
    }
    parts.join(" ")
}

const ID_DIGITS: [&str; 10] = [
    "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
];

fn id_below_1000(n: usize) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    let mut out = Vec::new();
    match hundreds {
        0 => {}
        1 => out.push("seratus".to_owned()),
        h => out.push(format!("{} ratus", ID_DIGITS[h])),
    }
    match rest {
        0 => {}
        10 => out.push("sepuluh".to_owned()),
        11 => out.push("sebelas".to_owned()),
        12..=19 => out.push(format!("{} belas", ID_DIGITS[rest - 10])),
        1..=9 => out.push(ID_DIGITS[rest].to_owned()),
        _ => {
            out.push(format!("{} puluh", ID_DIGITS[rest / 10]));
            if rest % 10 > 0 {
                out.push(ID_DIGITS[rest % 10].to_owned());
            }
        }
    }
    out.join(" ")
}

const EN_SMALL: [&str; 20] = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn en_below_1000(n: usize) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    let mut out = Vec::new();
    if hundreds > 0 {
        out.push(format!("{} hundred", EN_SMALL[hundreds]));
    }
    match rest {
        0 => {}
        1..=19 => out.push(EN_SMALL[rest].to_owned()),
        _ if rest % 10 == 0 => out.push(EN_TENS[rest / 10].to_owned()),
        _ => out.push(format!("{}-{}", EN_TENS[rest / 10], EN_SMALL[rest % 10])),
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_words() {
        let cases: &[(i64, &str)] = &[
            (0, "nol"),
            (1, "satu"),
            (10, "sepuluh"),
            (11, "sebelas"),
            (12, "dua belas"),
            (19, "sembilan belas"),
            (20, "dua puluh"),
            (45, "empat puluh lima"),
            (100, "seratus"),
            (101, "seratus satu"),
            (111, "seratus sebelas"),
            (250, "dua ratus lima puluh"),
            (1_000, "seribu"),
            (1_500, "seribu lima ratus"),
            (2_000, "dua ribu"),
            (11_000, "sebelas ribu"),
            (101_000, "seratus satu ribu"),
            (1_000_000, "satu juta"),
            (1_001_000, "satu juta seribu"),
            (45_000_000, "empat puluh lima juta"),
            (165_000_000, "seratus enam puluh lima juta"),
            (1_500_000_000, "satu miliar lima ratus juta"),
            (16_500_000_000, "enam belas miliar lima ratus juta"),
            (10_000_000_000_000, "sepuluh triliun"),
            (
                999_999,
                "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
            ),
        ];
        for (n, w) in cases {
            assert_eq!(words(Lang::Id, *n), *w, "{n}");
        }
    }

    #[test]
    fn english_words() {
        let cases: &[(i64, &str)] = &[
            (0, "zero"),
            (7, "seven"),
            (13, "thirteen"),
            (40, "forty"),
            (45, "forty-five"),
            (100, "one hundred"),
            (165, "one hundred sixty-five"),
            (1_000, "one thousand"),
            (1_500, "one thousand five hundred"),
            (45_000_000, "forty-five million"),
            (165_000_000, "one hundred sixty-five million"),
            (16_500_000_000, "sixteen billion five hundred million"),
            (10_000_000_000_000, "ten trillion"),
        ];
        for (n, w) in cases {
            assert_eq!(words(Lang::En, *n), *w, "{n}");
        }
    }

    #[test]
    fn amounts_in_figures_and_words() {
        assert_eq!(
            amount_text(Lang::Id, 45_000_000),
            "Rp 45.000.000 — empat puluh lima juta rupiah"
        );
        assert_eq!(
            amount_text(Lang::En, 45_000_000),
            "Rp 45,000,000 — forty-five million rupiah"
        );
    }

    #[test]
    fn every_amount_problem_is_translated_with_an_example() {
        for p in [
            AmountProblem::Format,
            AmountProblem::Ambiguous,
            AmountProblem::Fraction,
            AmountProblem::Negative,
            AmountProblem::TooLarge,
        ] {
            let (id, en) = (amount_problem(Lang::Id, p), amount_problem(Lang::En, p));
            assert_ne!(id, en);
            assert!(id.contains("Rp") || id.contains("45.000.000"), "{p:?}");
        }
    }
}
