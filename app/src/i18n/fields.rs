//! The names of form fields, for the error summary at the top of a form,
//! and the messages that say exactly what a field needs ("Pilih kategori.")
//! where a general one ("Wajib diisi.") would leave the person guessing.
use crate::error::FieldProblem;
use crate::model::Lang;

pub struct SummaryMsg {
    /// The heading of the error summary.
    pub heading: &'static str,
    /// Said of an error with several fields where no list can be shown.
    pub several: &'static str,
}

pub const ID: SummaryMsg = SummaryMsg {
    heading: "Ada yang perlu diperbaiki",
    several: "Beberapa isian perlu diperbaiki.",
};

pub const EN: SummaryMsg = SummaryMsg {
    heading: "There is a problem",
    several: "Several fields need correcting.",
};

pub fn smsg(lang: Lang) -> &'static SummaryMsg {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// The name of field `name` as the summary says it, where it is known.
pub fn field_label(lang: Lang, name: &str) -> Option<String> {
    let id = lang == Lang::Id;
    if let Some(n) = name.strip_prefix('u').filter(|n| n.parse::<u8>().is_ok()) {
        return Some(if id {
            format!("Unsur U{n}")
        } else {
            format!("Element U{n}")
        });
    }
    if let Some(label) = crate::i18n::musrenbang::field_label(lang, name) {
        return Some(label);
    }
    let (i, e) = match name {
        "title" => ("Judul", "Title"),
        "body" => ("Isi", "Text"),
        "area_id" => ("Wilayah", "Area"),
        "home_area_id" => ("Tempat tinggal", "Where you live"),
        "category_id" => ("Kategori", "Category"),
        "happened_on" => ("Tanggal kejadian", "Date it happened"),
        "location" => ("Lokasi", "Location"),
        "cost" => ("Perkiraan biaya", "Estimated cost"),
        "username" => ("Nama pengguna", "Username"),
        "display_name" => ("Nama tampilan", "Display name"),
        "password" => ("Kata sandi", "Password"),
        "password_confirm" => ("Ulangi kata sandi", "Repeat the password"),
        "current_password" => ("Kata sandi sekarang", "Current password"),
        "comment" => ("Komentar", "Comment"),
        "reason" => ("Alasan", "Reason"),
        "note" => ("Catatan", "Note"),
        "agency_id" | "to_agency" => ("Instansi", "Agency"),
        _ => return None,
    };
    Some(if id { i } else { e }.to_owned())
}

/// A message for this field and problem that names what to do, if there is
/// one; otherwise the problem's general message applies.
pub fn field_message(lang: Lang, name: &str, problem: FieldProblem) -> Option<&'static str> {
    let id = lang == Lang::Id;
    let (i, e) = match (name, problem) {
        ("title", FieldProblem::Required) => ("Tulis judulnya.", "Enter a title."),
        ("body", FieldProblem::Required) => ("Tulis isinya.", "Enter the text."),
        ("area_id" | "home_area_id", FieldProblem::Required) => ("Pilih wilayahnya.", "Choose the area."),
        ("category_id", FieldProblem::Required) => ("Pilih kategorinya.", "Choose a category."),
        ("happened_on", FieldProblem::Required) => ("Tulis tanggal kejadiannya.", "Enter the date it happened."),
        ("username", FieldProblem::Required) => ("Tulis nama pengguna.", "Enter a username."),
        ("display_name", FieldProblem::Required) => ("Tulis nama tampilan.", "Enter a display name."),
        ("password", FieldProblem::Required) => ("Tulis kata sandi.", "Enter a password."),
        ("agency_id" | "to_agency", FieldProblem::Required) => ("Pilih instansinya.", "Choose the agency."),
        (n, FieldProblem::Choose) if n.starts_with('u') => {
            ("Pilih satu nilai untuk unsur ini.", "Choose a score for this element.")
        }
        _ => return None,
    };
    Some(if id { i } else { e })
}
