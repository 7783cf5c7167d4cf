//! Corrections as pages, lists and exports show them, next to the entry
//! they correct. (Appending one is [`crate::server::correct`].)
use super::Correction;
use crate::db::corrections as rows;
use crate::db::Db;
use crate::error::AppResult;
use crate::i18n::amounts::amount_text;
use crate::i18n::proposals::rupiah;
use crate::model::{CorrectionView, Lang};
use crate::server::time;
use std::collections::HashMap;

/// The corrections of a subject's entries, by the seq they correct, for
/// its page (whose reader may see the subject, so all of it).
pub async fn of_subject(
    db: &Db,
    lang: Lang,
    subject: &str,
    id: i64,
    zone: &str,
) -> AppResult<HashMap<i64, Vec<CorrectionView>>> {
    Ok(views(lang, rows::of_subject(&db.pool, subject, id).await?, zone))
}

/// [`of_subject`]'s corrections, from their rows.
pub fn views(lang: Lang, list: Vec<rows::Row>, zone: &str) -> HashMap<i64, Vec<CorrectionView>> {
    let mut out: HashMap<i64, Vec<CorrectionView>> = HashMap::new();
    for r in list {
        let (was, now) = shown(lang, &r.field, (r.was_text, r.was_amount), (r.now_text, r.now_amount));
        out.entry(r.corrects_seq).or_default().push(CorrectionView {
            seq: r.record_seq,
            corrects: r.corrects_seq,
            field: r.field,
            was,
            now,
            now_html: r.now_html,
            why: Some(r.reason),
            officer: r.officer,
            when: time::date_time(lang, r.created_at, zone),
        });
    }
    out
}

/// What a correction said and says, as shown: amounts in figures (the new
/// one in words too), a timeline as written; a text is shown rendered
/// where it is shown at all (`now_html`).
fn shown(
    lang: Lang,
    field: &str,
    was: (Option<String>, Option<i64>),
    now: (Option<String>, Option<i64>),
) -> (Option<String>, Option<String>) {
    match field {
        "budget" => (was.1.map(|n| rupiah(lang, n)), now.1.map(|n| amount_text(lang, n))),
        "timeline" => (was.0, now.0),
        _ => (None, None),
    }
}

/// A `correction` entry of the record as lists show it.
pub fn of_entry(lang: Lang, seq: i64, c: &Correction, officer: Option<String>, when: String) -> CorrectionView {
    let parts = |v: &Option<serde_json::Value>| {
        let v = v.as_ref();
        (
            v.and_then(|v| v.as_str()).map(str::to_owned),
            v.and_then(|v| v.as_i64()),
        )
    };
    let (was, now) = shown(lang, &c.field, parts(&c.was), parts(&c.now));
    CorrectionView {
        seq,
        corrects: c.corrects,
        field: c.field.clone(),
        was,
        now,
        now_html: None,
        why: c.why.clone(),
        officer: officer.unwrap_or_default(),
        when,
    }
}

/// The seqs of the corrections of each of `seqs` (for lists and exports).
pub async fn corrected_by(conn: &mut sqlx::AnyConnection, seqs: &[i64]) -> AppResult<HashMap<i64, Vec<i64>>> {
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    // Bounded batches: a list or an export batch at a time.
    for chunk in seqs.chunks(500) {
        for c in rows::of_entries(&mut *conn, chunk).await? {
            out.entry(c.corrects_seq).or_default().push(c.record_seq);
        }
    }
    Ok(out)
}
