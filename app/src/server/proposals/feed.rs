//! Atom feeds of the decision record of proposals.
use crate::db::proposals as rows;
use crate::db::responses;
use crate::domain::ids::{AreaId, ProposalId};
use crate::error::{AppError, AppResult};
use crate::model::Lang;
use crate::server::record::corrections;
use crate::server::record::{self, Content};
use crate::server::AppState;
use crate::server::{areas, forums};

const FEED_SIZE: i64 = 30;

/// Atom feed of the decision record of one proposal (`proposal`) or of the
/// proposals of an area and its sub-areas: every step, and an official
/// response's own text where there is one.
pub async fn feed(
    st: &AppState,
    lang: Lang,
    proposal: Option<ProposalId>,
    area: Option<AreaId>,
) -> AppResult<forums::Feed> {
    let db = &st.db;
    use crate::i18n::proposals::{event_name, pmsg, state_name};
    let (title, url, filter) = match (proposal, area) {
        (Some(id), _) => {
            let title = rows::published_title(db, id).await?.ok_or(AppError::NotFound)?;
            let f = record::Filter {
                subject: Some(("proposal".into(), id.0)),
                ..Default::default()
            };
            (title, format!("/proposals/{id}"), f)
        }
        (None, Some(area)) => {
            let info = areas::info(st, area.0).await?;
            let f = record::Filter {
                area_path: Some(info.path().to_owned()),
                kind: Some("proposal"),
                ..Default::default()
            };
            (
                format!("{} · {}", pmsg(lang).proposals_title, info.name()),
                format!("/proposals?area={area}"),
                f,
            )
        }
        (None, None) => return Err(AppError::NotFound),
    };
    let entries = record::newest(db, &filter, None, FEED_SIZE).await?;
    // The responses' texts, in one read.
    let seqs: Vec<i64> = entries
        .iter()
        .filter(|e| matches!(e.event.as_str(), "response" | "progress"))
        .map(|e| e.seq)
        .collect();
    let bodies: std::collections::HashMap<i64, String> = responses::bodies(db, &seqs)
        .await?
        .into_iter()
        .map(|b| (b.record_seq, b.body_html))
        .collect();
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let Ok(c) = serde_json::from_str::<Content>(&e.content) else {
            continue;
        };
        let mut line = format!("{} · {}", event_name(lang, &c.event), state_name(lang, &c.state_to));
        for extra in [c.agency.as_ref().map(|a| a.name.clone()), c.due.clone()]
            .into_iter()
            .flatten()
        {
            line.push_str(" · ");
            line.push_str(&extra);
        }
        let mut html = format!("<p>{}</p>", ammonia::clean_text(&line));
        if let Some(body) = bodies.get(&e.seq) {
            html.push_str(body);
        }
        // A correction says what it corrects, what was and is, and why.
        if let Some(x) = &c.correction {
            use crate::i18n::amounts::{amsg, field_name};
            let a = amsg(lang);
            let v = corrections::of_entry(lang, e.seq, x, None, String::new());
            let mut what = format!("{} #{} · {}", a.corrects_entry, x.corrects, field_name(lang, &x.field));
            if let (Some(was), Some(now)) = (&v.was, &v.now) {
                what.push_str(&format!(" · {}: {was} · {}: {now}", a.was, a.now));
            }
            html.push_str(&format!("<p>{}</p>", ammonia::clean_text(&what)));
            if let Some(text) = x.now.as_ref().and_then(|n| n.as_str()).filter(|_| x.field == "text") {
                html.push_str(&format!("<p>{}</p>", ammonia::clean_text(text)));
            }
            if let Some(why) = &v.why {
                html.push_str(&format!(
                    "<p>{}</p>",
                    ammonia::clean_text(&format!("{}: {why}", a.reason))
                ));
            }
        }
        out.push(forums::FeedEntry {
            id: format!("record-{}", e.seq),
            title: format!("{}: {}", c.title, event_name(lang, &c.event)),
            url: format!("/proposals/{}#entry-{}", c.subject_id, e.seq),
            author: c.actor.map(|a| a.name).unwrap_or_else(|| "Rembuk".into()),
            updated: e.created_at,
            html,
        });
    }
    Ok(forums::Feed {
        title,
        url,
        entries: out,
    })
}
