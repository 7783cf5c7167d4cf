//! Search over the posts the public may read, on either backend, and
//! keeping a thread's posts in (or out of) the index.
use super::text::{search_doc, HIT_END, HIT_START};
use crate::db::search::{self, HitQuery, HitRow};
use crate::db::{Backend, Db};
use crate::domain::forum_rules::post_url;
use crate::domain::ids::{PostId, ThreadId};
use crate::error::AppResult;
use crate::model::{Lang, SearchHit, SearchPage, Snippet};
use crate::server::time;

/// Hits per page of search results.
pub const HITS_PAGE: i64 = 20;
/// Words of a search query that are used.
const QUERY_WORDS: usize = 10;

/// The words of a search query: letters and digits only, at most ten, so
/// nothing a person types can be query syntax.
pub fn query_words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(QUERY_WORDS)
        .map(|w| w.chars().take(64).collect::<String>().to_lowercase())
        .collect()
}

/// Splits a highlighted excerpt into plain and matched stretches.
fn snippet(marked: &str) -> Vec<Snippet> {
    let mut out = Vec::new();
    let mut hit = false;
    for (i, part) in marked.split([HIT_START, HIT_END]).enumerate() {
        if i > 0 {
            // Each mark flips between plain and hit.
            hit = !hit;
        }
        if !part.is_empty() {
            let text = part.replace(['\n', '\r'], " ");
            match out.last_mut() {
                Some(Snippet { text: t, hit: h }) if *h == hit => t.push_str(&text),
                _ => out.push(Snippet { text, hit }),
            }
        }
    }
    out
}

/// Posts matching every word of `q`, newest first, after post id `before`.
pub async fn search(db: &Db, lang: Lang, q: &str, before: Option<PostId>) -> AppResult<SearchPage> {
    let words = query_words(q);
    if words.is_empty() {
        return Ok(SearchPage {
            q: q.to_owned(),
            scope: "posts".into(),
            hits: vec![],
            next: None,
        });
    }
    let before = before.unwrap_or(PostId(i64::MAX));
    let mut rows: Vec<HitRow> = match db.backend {
        Backend::Sqlite => {
            // Each word quoted: a phrase of one token, ANDed with the rest.
            let fts: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
            let q = HitQuery {
                terms: &fts.join(" "),
                before,
                limit: HITS_PAGE + 1,
            };
            let marks = (HIT_START.to_string(), HIT_END.to_string());
            search::sqlite_hits(db, &q, (&marks.0, &marks.1)).await?
        }
        Backend::Postgres => {
            // Two plans, because no single one is fast for both kinds of
            // word. A common word is found among the newest posts: look at
            // those first. A rarer one (fewer than a page of hits there)
            // goes through the GIN index alone.
            let options = format!(
                "StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""
            );
            let q = HitQuery {
                terms: &words.join(" "),
                before,
                limit: HITS_PAGE + 1,
            };
            let rows = search::pg_recent_hits(db, &q, &options).await?;
            if rows.len() as i64 > HITS_PAGE {
                rows
            } else {
                search::pg_indexed_hits(db, &q, &options).await?
            }
        }
    };
    let next = if rows.len() as i64 > HITS_PAGE {
        rows.truncate(HITS_PAGE as usize);
        rows.last().map(|r| r.id.0)
    } else {
        None
    };
    Ok(SearchPage {
        q: q.to_owned(),
        scope: "posts".into(),
        hits: rows
            .into_iter()
            .map(|r| SearchHit {
                url: post_url(r.thread_id, r.seq),
                thread_title: r.title,
                area_name: r.area_name,
                byline: r.author,
                when: time::date_time(lang, r.created_at, &r.timezone),
                snippet: snippet(&r.snip),
            })
            .collect(),
        next,
    })
}

/// Public complaints matching every word of `q`, newest first, with ids
/// below `before`. A hit says what the complaint is and where, never who
/// filed it.
pub async fn complaints(db: &Db, lang: Lang, q: &str, before: Option<i64>) -> AppResult<SearchPage> {
    let words = query_words(q);
    let mut page = SearchPage {
        q: q.to_owned(),
        scope: "complaints".into(),
        hits: vec![],
        next: None,
    };
    if words.is_empty() {
        return Ok(page);
    }
    let (terms, marks) = match db.backend {
        Backend::Sqlite => (
            words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" "),
            (HIT_START.to_string(), HIT_END.to_string()),
        ),
        Backend::Postgres => (
            words.join(" "),
            (
                format!("StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""),
                String::new(),
            ),
        ),
    };
    let q = search::ComplaintQuery {
        terms: &terms,
        before: before.unwrap_or(i64::MAX),
        limit: HITS_PAGE + 1,
    };
    let mut rows = search::complaint_hits(db, &q, (&marks.0, &marks.1)).await?;
    if rows.len() as i64 > HITS_PAGE {
        rows.truncate(HITS_PAGE as usize);
        page.next = rows.last().map(|r| r.id.0);
    }
    let word = crate::i18n::proposals::desk_labels(lang, "complaint", "").0;
    page.hits = rows
        .into_iter()
        .map(|r| SearchHit {
            url: format!("/complaints/{}", r.id.0),
            thread_title: r.title,
            area_name: r.area_name,
            byline: format!(
                "{word} #{} · {}",
                r.id.0,
                crate::i18n::proposals::state_name(lang, &r.state)
            ),
            when: time::date(lang, r.created_at, &r.timezone),
            snippet: snippet(&r.snip),
        })
        .collect();
    Ok(page)
}

/// Takes every post of a thread out of search (the thread or its proposal
/// was hidden), or puts back those the public may read again (restored).
pub async fn index_thread(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    thread_id: ThreadId,
    public: bool,
) -> Result<(), sqlx::Error> {
    if !public {
        return search::unindex_thread(conn, backend, thread_id).await;
    }
    for p in search::public_posts(conn, thread_id).await? {
        let title = (p.seq == 0).then_some(p.title.as_str());
        search::index_post(conn, backend, p.id, &search_doc(title, &p.body_src)).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_cannot_be_syntax() {
        assert_eq!(
            query_words("jalan \"rusak\" OR NEAR(x* -y)"),
            vec!["jalan", "rusak", "or", "near", "x", "y"]
        );
        assert!(query_words("\"*:()^-").is_empty());
        assert_eq!(query_words(&"a ".repeat(50)).len(), 10);
    }

    #[test]
    fn snippets_split_on_marks() {
        let s = snippet("Jalan \u{E000}rusak\u{E001} di \u{E000}Plaju\u{E001}");
        assert_eq!(
            s,
            vec![
                Snippet {
                    text: "Jalan ".into(),
                    hit: false
                },
                Snippet {
                    text: "rusak".into(),
                    hit: true
                },
                Snippet {
                    text: " di ".into(),
                    hit: false
                },
                Snippet {
                    text: "Plaju".into(),
                    hit: true
                },
            ]
        );
    }
}
