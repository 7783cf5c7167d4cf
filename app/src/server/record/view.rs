//! The decision record as pages show it: times in each area's zone, and
//! the corrections of each entry.
use super::corrections;
use super::{Content, Entry};
use crate::error::AppResult;
use crate::model::{Lang, RecordItem};
use crate::server::AppState;
use crate::server::{areas, time};

/// Entries as pages show them: times in each area's zone, in `lang`.
pub async fn items(st: &AppState, lang: Lang, entries: Vec<Entry>) -> AppResult<Vec<RecordItem>> {
    let seqs: Vec<i64> = entries.iter().map(|e| e.seq).collect();
    let corrected = corrections::corrected_by(&mut *st.db.pool.acquire().await?, &seqs).await?;
    items_with(st, lang, entries, corrected).await
}

/// [`items`], given the corrections of each entry (see
/// [`corrections::corrected_by`]).
pub async fn items_with(
    st: &AppState,
    lang: Lang,
    entries: Vec<Entry>,
    mut corrected: std::collections::HashMap<i64, Vec<i64>>,
) -> AppResult<Vec<RecordItem>> {
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let Ok(c) = serde_json::from_str::<Content>(&e.content) else {
            continue;
        };
        let zone = match areas::info(st, e.area_id).await {
            Ok(info) => info.timezone().to_owned(),
            Err(_) => "Asia/Jakarta".to_owned(),
        };
        let when = time::date_time(lang, e.created_at, &zone);
        let correction = c
            .correction
            .as_ref()
            .map(|x| corrections::of_entry(lang, e.seq, x, c.actor.as_ref().map(|a| a.name.clone()), when.clone()));
        out.push(RecordItem {
            correction,
            corrected_by: corrected.remove(&e.seq).unwrap_or_default(),
            seq: e.seq,
            when,
            subject: e.subject,
            subject_id: e.subject_id,
            title: c.title,
            event: c.event,
            state_from: c.state_from,
            state_to: c.state_to,
            area_name: c.area.name,
            agency: c.agency.map(|a| a.name),
            actor: c.actor.map(|a| a.name),
            // The record keeps the date as written (2026-12-16); the page
            // says it as every other date ("16 Desember 2026").
            due: c
                .due
                .map(|d| time::parse_date(&d).map_or(d, |day| time::date(lang, day * 86_400, "WIB"))),
            hash: e.hash,
        });
    }
    Ok(out)
}
