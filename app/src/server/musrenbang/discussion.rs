//! An usulan's discussion, as a proposal's: a thread opened with the usulan
//! in the transaction that puts it forward (left out of forum lists; its
//! opening post is the usulan and changes only as one), the first replies
//! on the usulan's page and the rest on the thread page.
use crate::db::musrenbang::{discussion as rows, NewUsulan};
use crate::db::{posts, search, threads, Backend};
use crate::domain::ids::{ThreadId, UsulanId};
use crate::error::AppResult;
use crate::model::{Discussion, Lang, Me};
use crate::server::{forums, AppState};

/// Replies shown on the usulan's page.
const SHOWN: i64 = 20;

/// Opens the discussion of usulan `id`, just put forward as `u`.
pub async fn open(conn: &mut sqlx::AnyConnection, backend: Backend, id: UsulanId, u: &NewUsulan<'_>) -> AppResult<()> {
    let thread = rows::insert_thread(conn, id, u).await?;
    let body_src = format!("{}\n\n{}", u.problem, u.action);
    let body_html = format!("{}{}", paragraphs(u.problem), paragraphs(u.action));
    let opening = posts::NewPost {
        thread_id: thread,
        seq: 0,
        author_id: u.author,
        parent_id: None,
        agency_id: None,
        body_src: &body_src,
        body_html: &body_html,
        excerpt: &forums::excerpt_of(&body_src),
        at: u.at,
    };
    let post = posts::insert(conn, &opening).await?;
    search::index_post(conn, backend, post, &forums::search_doc(Some(u.title), &body_src)).await?;
    rows::set_thread(conn, id, thread).await?;
    Ok(())
}

/// The discussion as the usulan's page shows it (none for usulan put
/// forward before usulan had one).
pub async fn of(
    st: &AppState,
    lang: Lang,
    me: Option<&Me>,
    thread: Option<ThreadId>,
    zone: &str,
) -> AppResult<Option<Discussion>> {
    let Some(t) = thread else {
        return Ok(None);
    };
    let Some(h) = threads::head(&st.db, t).await? else {
        return Ok(None);
    };
    let version = (h.version, h.post_count);
    let (replies, moderator) =
        forums::thread_page::first_replies(st, lang, me, (t, version), (&h.area_path, zone), SHOWN).await?;
    Ok(Some(Discussion {
        thread_id: t.0,
        reply_count: h.reply_count,
        moderator,
        replies,
    }))
}

/// Plain text as HTML: a paragraph per blank-line-separated part, its line
/// breaks kept, every character shown as typed (nothing is markup).
fn paragraphs(text: &str) -> String {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_stays_text() {
        assert_eq!(
            paragraphs("Saluran <b>tersumbat</b> & bau\r\nsetiap hujan.\r\n\r\n\r\n*Gali* ulang"),
            "<p>Saluran &lt;b&gt;tersumbat&lt;/b&gt; &amp; bau<br>setiap hujan.</p><p>*Gali* ulang</p>"
        );
        assert_eq!(paragraphs("  \n\n "), "");
    }
}
