//! Forums: thread lists, threads, posts, search, notifications and joins.
//!
//! Writes keep the thread row's counters (replies, positions, last post) in
//! the same transaction as the post, and every transaction writes first so
//! that on SQLite it holds the write lock before it reads anything it relies
//! on. Reads page by keyset; nothing counts rows or renders Markdown.
use super::cache::Versioned;
use super::{markdown, time};
use crate::db::{Backend, Db};
use crate::error::{AppError, AppResult, FieldProblem};
use crate::model::{
    Category, ForumPage, Lang, Me, Notification, NotificationsPage, PostView, ProposalNote, QuoteRef, Revision,
    RevisionsPage, Role, SearchHit, SearchPage, Snippet, ThreadPage, ThreadSort, ThreadSummary,
};
use sqlx::FromRow;
use std::sync::Arc;

/// Threads per page of a forum.
pub const PAGE: i64 = 25;
/// Replies per page of a thread.
pub const REPLIES_PAGE: i64 = 50;
/// Hits per page of search results, notifications per page.
pub const HITS_PAGE: i64 = 20;
/// Newest posts PostgreSQL search looks through before it asks the index.
const RECENT_WINDOW: i64 = 2_000;
/// Characters of a post kept as its excerpt (quotes, notifications).
const EXCERPT: usize = 160;
/// Words of a search query that are used.
const QUERY_WORDS: usize = 10;
/// Marks around matched words in a search excerpt (private-use characters,
/// stripped from everything indexed, so they cannot be forged).
const HIT_START: char = '\u{E000}';
const HIT_END: char = '\u{E001}';

/// The `after` of the page of replies that holds reply `seq`.
pub fn page_of(seq: i64) -> i64 {
    if seq <= 0 {
        0
    } else {
        (seq - 1) / REPLIES_PAGE * REPLIES_PAGE
    }
}

/// Where post `seq` of a thread is shown.
pub fn post_url(thread_id: i64, seq: i64) -> String {
    match page_of(seq) {
        0 => format!("/t/{thread_id}#r{seq}"),
        after => format!("/t/{thread_id}?after={after}#r{seq}"),
    }
}

/// The ids on an area's path, root first.
pub(crate) fn path_ids(path: &str) -> Vec<i64> {
    path.split('/').filter_map(|s| s.parse().ok()).collect()
}

/// The end of the range of paths under `path` (`…/` → `…0`).
pub(crate) fn path_end(path: &str) -> String {
    format!("{}0", path.trim_end_matches('/'))
}

pub async fn categories(db: &Db, lang: Lang) -> AppResult<Vec<Category>> {
    Ok(super::areas::categories(db)
        .await?
        .iter()
        .map(|(id, name_id, name_en)| Category {
            id: *id,
            name: if lang == Lang::En { name_en } else { name_id }.clone(),
        })
        .collect())
}

async fn area_path(db: &Db, id: i64) -> AppResult<Option<String>> {
    super::areas::path(db, id).await
}

/// May `me` moderate posts in the area with this path? Admins everywhere;
/// moderators in their area and below it.
pub async fn moderates(db: &Db, me: &Me, path: &str) -> AppResult<bool> {
    if me.is_admin() {
        return Ok(true);
    }
    for area in me
        .roles
        .iter()
        .filter(|r| r.role == Role::Moderator)
        .filter_map(|r| r.area_id)
    {
        if let Some(p) = area_path(db, area).await? {
            if path.starts_with(&p) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

#[derive(FromRow)]
struct ThreadRow {
    id: i64,
    title: String,
    area_id: i64,
    category_id: i64,
    author: String,
    reply_count: i64,
    last_post_at: i64,
    pinned_at: Option<i64>,
}

/// Areas' and categories' names come from memory (see [`summaries`]); the
/// authors' names are joined by [`with_authors`].
const THREAD_COLS: &str = "SELECT t.id, t.title, t.area_id, t.category_id, t.author_id, t.reply_count, \
     t.last_post_at, t.pinned_at FROM threads t";

/// `sql` (threads chosen, ordered and limited) with their authors' names,
/// joined after the limit: joined before it, both planners looked up the
/// author of every thread of a big area before keeping a page of them. The
/// order is the caller's to restore.
fn with_authors(sql: &str) -> String {
    format!("SELECT l.*, u.display_name AS author FROM ({sql}) l JOIN users u ON u.id = l.author_id")
}

/// The rows as list entries, with their areas' and categories' names.
async fn summaries(db: &Db, lang: Lang, rows: Vec<ThreadRow>) -> AppResult<Vec<ThreadSummary>> {
    let categories = super::areas::categories(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let area = super::areas::info(db, r.area_id).await?;
        let category = super::areas::category_name(&categories, lang, r.category_id);
        out.push(ThreadSummary {
            last_activity: time::date_time(lang, r.last_post_at, area.timezone()),
            id: r.id,
            title: r.title,
            area_id: r.area_id,
            area_name: area.name().to_owned(),
            category,
            author: r.author,
            reply_count: r.reply_count,
        });
    }
    Ok(out)
}

impl ThreadRow {
    fn key(&self, sort: ThreadSort) -> i64 {
        match sort {
            ThreadSort::Activity => self.last_post_at,
            ThreadSort::Newest => self.id,
            ThreadSort::Replies => self.reply_count,
        }
    }
}

pub struct ForumQuery {
    pub area_id: i64,
    pub sort: ThreadSort,
    pub category: Option<i64>,
    pub include_sub: bool,
    pub after: Option<(i64, i64)>,
}

/// One page of an area's threads (and, if asked, its sub-areas').
pub async fn forum(db: &Db, lang: Lang, me: Option<&Me>, q: ForumQuery) -> AppResult<ForumPage> {
    let path = area_path(db, q.area_id).await?.ok_or(AppError::NotFound)?;
    let mut rows = None;
    if q.include_sub {
        // A big sub-tree (a city or a province) has many of the newest
        // threads: picking them from the newest of all areas reads a few
        // hundred index entries where the sub-tree's own range would sort
        // thousands of threads for every page. A small one seldom fills a
        // page that way and is read by its range, which is then cheap.
        let recent = listed(db, &q, &path, true).await?;
        if recent.iter().filter(|r| r.pinned_at.is_none()).count() as i64 > PAGE {
            rows = Some(recent);
        }
    }
    let rows = match rows {
        Some(rows) => rows,
        None => listed(db, &q, &path, false).await?,
    };
    let (mut pinned, mut rows): (Vec<ThreadRow>, Vec<ThreadRow>) =
        rows.into_iter().partition(|r| r.pinned_at.is_some());
    // A UNION keeps no order of its own.
    pinned.sort_by_key(|r| std::cmp::Reverse((r.pinned_at, r.id)));
    rows.sort_by_key(|r| std::cmp::Reverse((r.key(q.sort), r.id)));
    let next = if rows.len() as i64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|r| format!("{}_{}", r.key(q.sort), r.id))
    } else {
        None
    };
    let joined = match me {
        Some(me) => Some(
            sqlx::query_scalar::<_, i64>("SELECT area_id FROM forum_members WHERE user_id = $1 AND area_id = $2")
                .bind(me.id)
                .bind(q.area_id)
                .fetch_optional(&db.pool)
                .await?
                .is_some(),
        ),
        None => None,
    };
    Ok(ForumPage {
        pinned: summaries(db, lang, pinned).await?,
        area_id: q.area_id,
        threads: summaries(db, lang, rows).await?,
        next,
        categories: categories(db, lang).await?,
        sort: q.sort,
        category: q.category,
        include_sub: q.include_sub,
        joined,
    })
}

/// How many of the newest listed threads of all areas the sub-area switch
/// looks through first (see [`forum`]).
const SUB_AREA_WINDOW: i64 = 500;

/// One page (and one more row) of the threads `q` lists, with the area's
/// pinned threads first on the first page. `recent`: only from the
/// [`SUB_AREA_WINDOW`] newest listed threads by the page's order, which is
/// the whole answer only when it holds more than a page.
async fn listed(db: &Db, q: &ForumQuery, path: &str, recent: bool) -> AppResult<Vec<ThreadRow>> {
    enum Bind {
        Int(i64),
        Text(String),
    }
    let key = match q.sort {
        ThreadSort::Activity => "last_post_at",
        ThreadSort::Newest => "id",
        ThreadSort::Replies => "reply_count",
    };
    let mut binds = Vec::new();
    // A proposal's discussion lives on the proposal's page. On the first
    // page, the area's pinned threads come in the same read.
    let mut sql = String::new();
    if q.after.is_none() {
        sql.push_str(&format!(
            "SELECT * FROM ({THREAD_COLS} WHERE t.area_id = $1 AND t.pinned_at IS NOT NULL AND t.hidden_at IS NULL \
             AND t.proposal_id IS NULL ORDER BY t.pinned_at DESC LIMIT 10) pinned UNION ALL SELECT * FROM ("
        ));
        binds.push(Bind::Int(q.area_id));
    }
    let mut cond = "t.proposal_id IS NULL AND t.hidden_at IS NULL AND t.pinned_at IS NULL".to_owned();
    let mut place = |sql: &str, bind: Bind| {
        cond.push_str(sql);
        binds.push(bind);
    };
    if !recent {
        if q.include_sub {
            place(" AND t.area_path >= $2", Bind::Text(path.to_owned()));
            place(" AND t.area_path < $3", Bind::Text(path_end(path)));
        } else {
            place(" AND t.area_id = $4", Bind::Int(q.area_id));
        }
    }
    if let Some(c) = q.category {
        place(" AND t.category_id = $5", Bind::Int(c));
    }
    if let Some((k, i)) = q.after {
        place(&format!(" AND (t.{key}, t.id) < ($6"), Bind::Int(k));
        place(", $7)", Bind::Int(i));
    }
    if recent {
        sql.push_str(&format!(
            "SELECT r.id, r.title, r.area_id, r.category_id, r.author_id, r.reply_count, r.last_post_at, r.pinned_at \
             FROM (SELECT t.id, t.title, t.area_id, t.category_id, t.author_id, t.reply_count, t.last_post_at, \
             t.pinned_at, t.area_path FROM threads t WHERE {cond} ORDER BY t.{key} DESC, t.id DESC \
             LIMIT {SUB_AREA_WINDOW}) r WHERE r.area_path >= $2 AND r.area_path < $3 ORDER BY r.{key} DESC, r.id DESC LIMIT $8"
        ));
        binds.push(Bind::Text(path.to_owned()));
        binds.push(Bind::Text(path_end(path)));
    } else {
        sql.push_str(&format!(
            "{THREAD_COLS} WHERE {cond} ORDER BY t.{key} DESC, t.id DESC LIMIT $8"
        ));
    }
    binds.push(Bind::Int(PAGE + 1));
    if q.after.is_none() {
        sql.push_str(") listed");
    }
    let sql = renumber(&with_authors(&sql));
    let mut query = sqlx::query_as::<_, ThreadRow>(&sql);
    for b in binds {
        query = match b {
            Bind::Int(v) => query.bind(v),
            Bind::Text(v) => query.bind(v),
        };
    }
    Ok(query.fetch_all(&db.pool).await?)
}

/// Numbers the `$n` placeholders of `sql` in order of appearance, so a query
/// assembled from optional parts binds positionally on both backends.
pub(crate) fn renumber(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut n = 0;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(|d| d.is_ascii_digit()) {
            while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                chars.next();
            }
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

/// Latest threads of the forums `user_id` joined.
pub async fn joined_threads(db: &Db, lang: Lang, user_id: i64, limit: i64) -> AppResult<Vec<ThreadSummary>> {
    let rows: Vec<ThreadRow> = sqlx::query_as(&format!(
        "{} ORDER BY l.last_post_at DESC, l.id DESC",
        with_authors(&format!(
            "{THREAD_COLS} WHERE t.area_id IN (SELECT area_id FROM forum_members WHERE user_id = $1) \
             AND t.proposal_id IS NULL AND t.hidden_at IS NULL ORDER BY t.last_post_at DESC, t.id DESC LIMIT $2"
        ))
    ))
    .bind(user_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    summaries(db, lang, rows).await
}

pub async fn set_membership(db: &Db, user_id: i64, area_id: i64, join: bool, at: i64) -> AppResult<()> {
    if join {
        if area_path(db, area_id).await?.is_none() {
            return Err(AppError::NotFound);
        }
        sqlx::query(
            "INSERT INTO forum_members (user_id, area_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(user_id)
        .bind(area_id)
        .bind(at)
        .execute(&db.pool)
        .await?;
    } else {
        sqlx::query("DELETE FROM forum_members WHERE user_id = $1 AND area_id = $2")
            .bind(user_id)
            .bind(area_id)
            .execute(&db.pool)
            .await?;
    }
    Ok(())
}

#[derive(FromRow)]
struct PostRow {
    id: i64,
    seq: i64,
    author_id: i64,
    author: String,
    author_username: String,
    agency: Option<String>,
    body_html: String,
    created_at: i64,
    edited_at: Option<i64>,
    deleted_at: Option<i64>,
    q_seq: Option<i64>,
    q_author: Option<String>,
    q_excerpt: Option<String>,
    q_deleted_at: Option<i64>,
    hidden_at: Option<i64>,
    hidden_reason: Option<String>,
    q_hidden_at: Option<i64>,
}

const POST_FIELDS: &str = "p.id, p.seq, p.author_id, u.display_name AS author, u.username AS author_username, \
     g.name AS agency, p.body_html, p.created_at, p.edited_at, p.deleted_at, \
     q.seq AS q_seq, qu.display_name AS q_author, q.excerpt AS q_excerpt, q.deleted_at AS q_deleted_at, \
     p.hidden_at, p.hidden_reason, q.hidden_at AS q_hidden_at";
const POST_JOINS: &str = "FROM posts p JOIN users u ON u.id = p.author_id LEFT JOIN agencies g ON g.id = p.agency_id \
     LEFT JOIN posts q ON q.id = p.parent_id LEFT JOIN users qu ON qu.id = q.author_id";

impl PostRow {
    /// The post as `me` sees it; `moderator`: `me` moderates its area (and
    /// so, like its author, still sees a hidden post's text).
    fn view(&self, lang: Lang, zone: &str, thread_id: i64, me: Option<&Me>, moderator: bool) -> PostView {
        let parent = match (self.q_seq, &self.q_author) {
            (Some(seq), Some(author)) => Some(QuoteRef {
                seq,
                author: author.clone(),
                excerpt: if self.q_deleted_at.is_some() || self.q_hidden_at.is_some() {
                    String::new()
                } else {
                    self.q_excerpt.clone().unwrap_or_default()
                },
                url: post_url(thread_id, seq),
            }),
            _ => None,
        };
        let deleted = self.deleted_at.is_some();
        let mine = me.is_some_and(|m| m.id == self.author_id);
        let hidden = self.hidden_at.map(|_| self.hidden_reason.clone().unwrap_or_default());
        let withheld = deleted || (hidden.is_some() && !mine && !moderator);
        PostView {
            id: self.id,
            seq: self.seq,
            author: self.author.clone(),
            author_username: self.author_username.clone(),
            official: self.agency.is_some(),
            agency: self.agency.clone(),
            hidden,
            withheld: withheld && !deleted,
            html: if withheld {
                String::new()
            } else {
                self.body_html.clone()
            },
            when: time::date_time(lang, self.created_at, zone),
            edited: self.edited_at.is_some() && !deleted,
            deleted,
            parent,
            mine: mine && !deleted,
        }
    }

    /// About the memory the row takes, for [`PostCache`]'s budget.
    fn bytes(&self) -> usize {
        let texts = [&self.q_author, &self.q_excerpt, &self.hidden_reason, &self.agency];
        std::mem::size_of::<Self>()
            + self.author.len()
            + self.author_username.len()
            + self.body_html.len()
            + texts.iter().map(|t| t.as_ref().map_or(0, String::len)).sum::<usize>()
    }
}

/// The thread a page shows, read (by primary key) on every request: it also
/// says whether the posts kept in [`PostCache`] are still current.
#[derive(FromRow)]
struct ThreadHead {
    title: String,
    area_id: i64,
    area_path: String,
    category_id: i64,
    reply_count: i64,
    post_count: i64,
    proposal_id: Option<i64>,
    locked_at: Option<i64>,
    pinned_at: Option<i64>,
    version: i64,
}

/// Which posts of a thread: the replies at positions `after + 1 ..= after +
/// n`, with the opening post or not.
type PostsKey = (i64, i64, i64, bool);

/// The posts of recently read thread pages, each kept with the thread's
/// `(version, post_count)` it was read at. A new post raises post_count;
/// database triggers raise version on any change to a post or its author's
/// name (migration 0006). About 32 MiB of post HTML.
pub struct PostCache(Versioned<PostsKey, Vec<PostRow>>);

impl Default for PostCache {
    fn default() -> Self {
        PostCache(Versioned::new(32 << 20))
    }
}

/// The posts `key` names, from memory when the thread is still at
/// `version`, else from the database (and then kept).
async fn posts(db: &Db, key: PostsKey, version: (i64, i64)) -> AppResult<Arc<Vec<PostRow>>> {
    if let Some(rows) = db.posts.0.get(key, version) {
        return Ok(rows);
    }
    let (thread, after, n, opening) = (key.0, key.1, key.2, key.3);
    let opening = if opening { "p.seq = 0 OR " } else { "" };
    let rows: Vec<PostRow> = sqlx::query_as(&format!(
        "SELECT {POST_FIELDS} {POST_JOINS} \
         WHERE p.thread_id = $1 AND ({opening}(p.seq > $2 AND p.seq <= $3)) ORDER BY p.seq"
    ))
    .bind(thread)
    .bind(after)
    .bind(after + n)
    .fetch_all(&db.pool)
    .await?;
    let bytes = rows.iter().map(PostRow::bytes).sum();
    let rows = Arc::new(rows);
    db.posts.0.put(key, version, bytes, rows.clone());
    Ok(rows)
}

/// The first `n` replies of a thread (a proposal's page shows them), given
/// the thread's `(version, post_count)` and its area's path and time zone;
/// and whether `me` moderates it.
pub async fn first_replies(
    db: &Db,
    lang: Lang,
    me: Option<&Me>,
    (id, version): (i64, (i64, i64)),
    (area_path, zone): (&str, &str),
    n: i64,
) -> AppResult<(Vec<PostView>, bool)> {
    let rows = posts(db, (id, 0, n, false), version).await?;
    let moderator = match me {
        Some(me) => moderates(db, me, area_path).await?,
        None => false,
    };
    let replies = rows.iter().map(|r| r.view(lang, zone, id, me, moderator)).collect();
    Ok((replies, moderator))
}

/// A thread with the page of replies after position `after`.
pub async fn thread(
    db: &Db,
    lang: Lang,
    me: Option<&Me>,
    id: i64,
    after: i64,
    reply_to: Option<i64>,
) -> AppResult<ThreadPage> {
    let head: ThreadHead = sqlx::query_as(
        "SELECT title, area_id, area_path, category_id, reply_count, post_count, proposal_id, locked_at, \
         pinned_at, version FROM threads WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    // The page asked for; past the end, the last page.
    let last = head.post_count - 1;
    let after = page_of(after.clamp(0, last.max(0)) + 1).min(page_of(last.max(1)));
    let rows = posts(db, (id, after, REPLIES_PAGE, true), (head.version, head.post_count)).await?;
    let area = super::areas::info(db, head.area_id).await?;
    let moderator = match me {
        Some(me) => moderates(db, me, &head.area_path).await?,
        None => false,
    };
    let mut posts = rows.iter().map(|r| r.view(lang, area.timezone(), id, me, moderator));
    let mut opening = posts.next().filter(|p| p.seq == 0).ok_or(AppError::NotFound)?;
    // A proposal's opening post is the proposal: it changes only as one.
    opening.mine &= head.proposal_id.is_none();
    let replies: Vec<PostView> = posts.collect();
    let reply_to = match reply_to {
        Some(pid) => {
            let row: Option<(i64, String, String)> = sqlx::query_as(
                "SELECT p.seq, u.display_name, p.excerpt FROM posts p JOIN users u ON u.id = p.author_id \
                 WHERE p.id = $1 AND p.thread_id = $2 AND p.deleted_at IS NULL AND p.hidden_at IS NULL",
            )
            .bind(pid)
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
            row.map(|(seq, author, excerpt)| {
                (
                    pid,
                    QuoteRef {
                        url: post_url(id, seq),
                        seq,
                        author,
                        excerpt,
                    },
                )
            })
        }
        None => None,
    };
    // A hidden thread's title is withheld like its opening post.
    let title = if opening.withheld { String::new() } else { head.title };
    let (areas, categories) = if moderator {
        (super::areas::tree(db, lang).await?, categories(db, lang).await?)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(ThreadPage {
        id,
        title,
        area: super::areas::summary(db, lang, head.area_id).await?,
        category: super::areas::category_name(&super::areas::categories(db).await?, lang, head.category_id),
        reply_count: head.reply_count,
        proposal_id: head.proposal_id,
        deleted: opening.deleted,
        opening,
        replies,
        after,
        prev: (after > 0).then(|| after - REPLIES_PAGE),
        next: (after + REPLIES_PAGE < last).then_some(after + REPLIES_PAGE),
        reply_to_id: reply_to.as_ref().map(|(pid, _)| *pid),
        reply_to: reply_to.map(|(_, q)| q),
        moderator,
        locked: head.locked_at.is_some(),
        pinned: head.pinned_at.is_some(),
        category_id: head.category_id,
        areas,
        categories,
    })
}

/// Renders a post's Markdown, or says which field is wrong.
pub fn render(field: &str, body: &str) -> AppResult<String> {
    markdown::render(body).map_err(|_| {
        AppError::field(
            field,
            FieldProblem::TooManyLinks {
                max: markdown::LINKS_MAX as u32,
            },
        )
    })
}

/// What search indexes for a post: its words, with the hit marks removed.
pub fn search_doc(title: Option<&str>, body_src: &str) -> String {
    let body = markdown::plain_text(body_src);
    let doc = match title {
        Some(t) => format!("{t}\n{body}"),
        None => body,
    };
    doc.replace([HIT_START, HIT_END], "")
}

pub fn excerpt_of(body_src: &str) -> String {
    markdown::excerpt(&markdown::plain_text(body_src), EXCERPT).replace([HIT_START, HIT_END], "")
}

/// The posts the public may read: not hidden or deleted, in a thread that
/// is not hidden, of no hidden (or merged) proposal. `p` is the post.
const PUBLIC_POST: &str = "p.hidden_at IS NULL AND p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM threads t \
     LEFT JOIN proposals r ON r.id = t.proposal_id WHERE t.id = p.thread_id AND t.hidden_at IS NULL \
     AND r.hidden_at IS NULL)";

/// (Re)indexes a post for search, if the public may read it: a reply to a
/// hidden thread, or an edit of a hidden post, stays out of the index.
pub(crate) async fn index_post(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    post_id: i64,
    doc: &str,
) -> Result<(), sqlx::Error> {
    unindex_post(conn, backend, post_id).await?;
    let public: Option<i64> =
        sqlx::query_scalar(&format!("SELECT p.id FROM posts p WHERE p.id = $1 AND {PUBLIC_POST}"))
            .bind(post_id)
            .fetch_optional(&mut *conn)
            .await?;
    if public.is_none() {
        return Ok(());
    }
    let sql = match backend {
        Backend::Sqlite => "INSERT INTO post_search (rowid, doc) VALUES ($1, $2)",
        Backend::Postgres => "INSERT INTO post_search (post_id, doc) VALUES ($1, $2)",
    };
    sqlx::query(sql).bind(post_id).bind(doc).execute(&mut *conn).await?;
    Ok(())
}

pub(crate) async fn unindex_post(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    post_id: i64,
) -> Result<(), sqlx::Error> {
    let sql = match backend {
        Backend::Sqlite => "DELETE FROM post_search WHERE rowid = $1",
        Backend::Postgres => "DELETE FROM post_search WHERE post_id = $1",
    };
    sqlx::query(sql).bind(post_id).execute(&mut *conn).await?;
    Ok(())
}

/// Takes every post of a thread out of search (the thread or its proposal
/// was hidden), or puts back those the public may read again (restored).
pub(crate) async fn index_thread(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    thread_id: i64,
    public: bool,
) -> Result<(), sqlx::Error> {
    if !public {
        let sql = match backend {
            Backend::Sqlite => "DELETE FROM post_search WHERE rowid IN (SELECT id FROM posts WHERE thread_id = $1)",
            Backend::Postgres => "DELETE FROM post_search WHERE post_id IN (SELECT id FROM posts WHERE thread_id = $1)",
        };
        sqlx::query(sql).bind(thread_id).execute(&mut *conn).await?;
        return Ok(());
    }
    let posts: Vec<(i64, i64, String, String)> = sqlx::query_as(&format!(
        "SELECT p.id, p.seq, p.body_src, t.title FROM posts p JOIN threads t ON t.id = p.thread_id \
         WHERE p.thread_id = $1 AND {PUBLIC_POST} ORDER BY p.id"
    ))
    .bind(thread_id)
    .fetch_all(&mut *conn)
    .await?;
    for (id, seq, src, title) in posts {
        let title = (seq == 0).then_some(title.as_str());
        index_post(conn, backend, id, &search_doc(title, &src)).await?;
    }
    Ok(())
}

/// The agency badge an officer's post carries: one serving the area (or an
/// area above it) if they have one, else their first.
async fn badge(db: &Db, me: &Me, area_path: &str) -> AppResult<Option<i64>> {
    let officer: Vec<i64> = me
        .roles
        .iter()
        .filter(|r| r.role == Role::Officer)
        .filter_map(|r| r.agency_id)
        .collect();
    if officer.is_empty() {
        return Ok(None);
    }
    let ids = path_ids(area_path);
    for &agency in &officer {
        for &area in &ids {
            let serves: Option<i64> =
                sqlx::query_scalar("SELECT agency_id FROM agency_areas WHERE agency_id = $1 AND area_id = $2")
                    .bind(agency)
                    .bind(area)
                    .fetch_optional(&db.pool)
                    .await?;
            if serves.is_some() {
                return Ok(Some(agency));
            }
        }
    }
    Ok(officer.first().copied())
}

pub struct NewThread {
    pub title: String,
    pub body: String,
    pub area_id: i64,
    pub category_id: i64,
}

/// Starts a thread; returns its id.
pub async fn create_thread(db: &Db, me: &Me, t: NewThread, at: i64) -> AppResult<i64> {
    let html = render("body", &t.body)?;
    let path = area_path(db, t.area_id)
        .await?
        .ok_or_else(|| AppError::field("area_id", FieldProblem::Unknown))?;
    let category: Option<i64> = sqlx::query_scalar("SELECT id FROM categories WHERE id = $1")
        .bind(t.category_id)
        .fetch_optional(&db.pool)
        .await?;
    if category.is_none() {
        return Err(AppError::field("category_id", FieldProblem::Unknown));
    }
    let agency = badge(db, me, &path).await?;
    let mut tx = db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO threads (area_id, area_path, category_id, author_id, title, created_at, last_post_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(t.area_id)
    .bind(&path)
    .bind(t.category_id)
    .bind(me.id)
    .bind(&t.title)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let post_id = insert_post(&mut tx, id, 0, me.id, None, agency, &t.body, &html, at).await?;
    index_post(&mut tx, db.backend, post_id, &search_doc(Some(&t.title), &t.body)).await?;
    record_activity(&mut tx, t.area_id, "thread", me.id, at).await?;
    tx.commit().await?;
    db.cache.forget_areas();
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_post(
    conn: &mut sqlx::AnyConnection,
    thread_id: i64,
    seq: i64,
    author_id: i64,
    parent_id: Option<i64>,
    agency_id: Option<i64>,
    body: &str,
    html: &str,
    at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO posts (thread_id, seq, author_id, parent_id, agency_id, body_src, body_html, excerpt, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(thread_id)
    .bind(seq)
    .bind(author_id)
    .bind(parent_id)
    .bind(agency_id)
    .bind(body)
    .bind(html)
    .bind(excerpt_of(body))
    .bind(at)
    .fetch_one(&mut *conn)
    .await
}

async fn record_activity(
    conn: &mut sqlx::AnyConnection,
    area_id: i64,
    kind: &str,
    actor: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE areas SET last_activity_at = $1 WHERE id = $2")
        .bind(at)
        .bind(area_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO activity (area_id, kind, actor_id, created_at) VALUES ($1, $2, $3, $4)")
        .bind(area_id)
        .bind(kind)
        .bind(actor)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Replies to a thread (to its opening post, or to `parent_id` in it).
/// Returns the new post's address.
pub async fn reply(db: &Db, me: &Me, thread_id: i64, parent_id: Option<i64>, body: &str, at: i64) -> AppResult<String> {
    let html = render("body", body)?;
    let path: String = sqlx::query_scalar("SELECT area_path FROM threads WHERE id = $1")
        .bind(thread_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let agency = badge(db, me, &path).await?;
    let mut tx = db.pool.begin().await?;
    // The position comes from the thread row, which this also locks.
    let head: Option<(i64, i64, i64)> = sqlx::query_as(
        "UPDATE threads SET post_count = post_count + 1, reply_count = reply_count + 1, last_post_at = $1 \
         WHERE id = $2 AND locked_at IS NULL \
         AND EXISTS (SELECT 1 FROM posts o WHERE o.thread_id = $2 AND o.seq = 0 AND o.deleted_at IS NULL) \
         RETURNING post_count, area_id, author_id",
    )
    .bind(at)
    .bind(thread_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((count, area_id, thread_author)) = head else {
        drop(tx);
        let locked: Option<Option<i64>> = sqlx::query_scalar("SELECT locked_at FROM threads WHERE id = $1")
            .bind(thread_id)
            .fetch_optional(&db.pool)
            .await?;
        return Err(match locked {
            Some(Some(_)) => AppError::Refused {
                reason: crate::error::Refusal::Locked,
            },
            _ => AppError::NotFound,
        });
    };
    let parent_author = match parent_id {
        Some(pid) => {
            let author: Option<i64> = sqlx::query_scalar(
                "SELECT author_id FROM posts WHERE id = $1 AND thread_id = $2 AND deleted_at IS NULL",
            )
            .bind(pid)
            .bind(thread_id)
            .fetch_optional(&mut *tx)
            .await?;
            Some(author.ok_or(AppError::NotFound)?)
        }
        None => None,
    };
    let seq = count - 1;
    let post_id = insert_post(&mut tx, thread_id, seq, me.id, parent_id, agency, body, &html, at).await?;
    index_post(&mut tx, db.backend, post_id, &search_doc(None, body)).await?;
    let mut told = vec![me.id];
    for (user, kind) in [(parent_author, "reply_post"), (Some(thread_author), "reply_thread")] {
        let Some(user) = user else { continue };
        if told.contains(&user) {
            continue;
        }
        told.push(user);
        sqlx::query(
            "INSERT INTO notifications (user_id, kind, post_id, actor_id, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(user)
        .bind(kind)
        .bind(post_id)
        .bind(me.id)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE users SET unread_count = unread_count + 1 WHERE id = $1")
            .bind(user)
            .execute(&mut *tx)
            .await?;
    }
    record_activity(&mut tx, area_id, "reply", me.id, at).await?;
    tx.commit().await?;
    db.cache.forget_areas();
    Ok(post_url(thread_id, seq))
}

#[derive(FromRow)]
struct OwnPost {
    id: i64,
    thread_id: i64,
    seq: i64,
    author_id: i64,
    title: String,
    body_src: String,
    deleted_at: Option<i64>,
    proposal_id: Option<i64>,
}

/// A post its author may change: 404 if it is gone, 403 if it is not theirs
/// (nor is a proposal's opening post, which is the proposal itself).
async fn own_post(db: &Db, me: &Me, post_id: i64) -> AppResult<OwnPost> {
    let post: OwnPost = sqlx::query_as(
        "SELECT p.id, p.thread_id, p.seq, p.author_id, t.title, p.body_src, p.deleted_at, t.proposal_id \
         FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1",
    )
    .bind(post_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    if post.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    if post.author_id != me.id || (post.seq == 0 && post.proposal_id.is_some()) {
        return Err(AppError::Forbidden);
    }
    Ok(post)
}

/// What the edit form starts from.
pub async fn for_edit(db: &Db, me: &Me, post_id: i64) -> AppResult<crate::model::EditPage> {
    let p = own_post(db, me, post_id).await?;
    Ok(crate::model::EditPage {
        post_id: p.id,
        thread_id: p.thread_id,
        title: (p.seq == 0).then(|| p.title.clone()),
        thread_title: p.title,
        body: p.body_src,
    })
}

/// Keeps the version being replaced, for moderators. Writes first.
async fn keep_revision(conn: &mut sqlx::AnyConnection, post_id: i64, me: i64, at: i64) -> AppResult<()> {
    let n = sqlx::query(
        "INSERT INTO post_revisions (post_id, title, body_src, written_at, replaced_at, replaced_by) \
         SELECT p.id, CASE WHEN p.seq = 0 THEN t.title END, p.body_src, COALESCE(p.edited_at, p.created_at), $1, $2 \
         FROM posts p JOIN threads t ON t.id = p.thread_id \
         WHERE p.id = $3 AND p.author_id = $2 AND p.deleted_at IS NULL",
    )
    .bind(at)
    .bind(me)
    .bind(post_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    // Deleted or changed hands between the check and the write.
    if n == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Edits a post (and, for an opening post, its thread's title). Returns the
/// post's address.
pub async fn edit(db: &Db, me: &Me, post_id: i64, title: Option<String>, body: &str, at: i64) -> AppResult<String> {
    let p = own_post(db, me, post_id).await?;
    let html = render("body", body)?;
    let title = if p.seq == 0 { title } else { None };
    let url = post_url(p.thread_id, p.seq);
    if body == p.body_src && title.as_ref().is_none_or(|t| *t == p.title) {
        return Ok(url);
    }
    let mut tx = db.pool.begin().await?;
    keep_revision(&mut tx, post_id, me.id, at).await?;
    sqlx::query("UPDATE posts SET body_src = $1, body_html = $2, excerpt = $3, edited_at = $4 WHERE id = $5")
        .bind(body)
        .bind(&html)
        .bind(excerpt_of(body))
        .bind(at)
        .bind(post_id)
        .execute(&mut *tx)
        .await?;
    if let Some(t) = &title {
        sqlx::query("UPDATE threads SET title = $1 WHERE id = $2")
            .bind(t)
            .bind(p.thread_id)
            .execute(&mut *tx)
            .await?;
    }
    let title = if p.seq == 0 {
        Some(title.unwrap_or(p.title))
    } else {
        None
    };
    index_post(&mut tx, db.backend, post_id, &search_doc(title.as_deref(), body)).await?;
    tx.commit().await?;
    Ok(url)
}

/// Deletes a post: its text goes (kept as a revision for moderators), its
/// place stays. Returns the thread's address.
pub async fn delete(db: &Db, me: &Me, post_id: i64, at: i64) -> AppResult<String> {
    let p = own_post(db, me, post_id).await?;
    let mut tx = db.pool.begin().await?;
    keep_revision(&mut tx, post_id, me.id, at).await?;
    sqlx::query("UPDATE posts SET body_src = '', body_html = '', excerpt = '', deleted_at = $1 WHERE id = $2")
        .bind(at)
        .bind(post_id)
        .execute(&mut *tx)
        .await?;
    if p.seq > 0 {
        sqlx::query("UPDATE threads SET reply_count = reply_count - 1 WHERE id = $1")
            .bind(p.thread_id)
            .execute(&mut *tx)
            .await?;
    }
    unindex_post(&mut tx, db.backend, post_id).await?;
    tx.commit().await?;
    Ok(if p.seq == 0 {
        format!("/t/{}", p.thread_id)
    } else {
        post_url(p.thread_id, p.seq)
    })
}

#[derive(FromRow)]
struct RevisedPost {
    thread_id: i64,
    seq: i64,
    title: String,
    area_path: String,
    body_src: String,
    deleted_at: Option<i64>,
    timezone: String,
}

/// Earlier versions of a post, newest first, for moderators of its area.
pub async fn revisions(db: &Db, lang: Lang, me: &Me, post_id: i64) -> AppResult<RevisionsPage> {
    let row: Option<RevisedPost> = sqlx::query_as(
        "SELECT p.thread_id, p.seq, t.title, t.area_path, p.body_src, p.deleted_at, a.timezone \
         FROM posts p JOIN threads t ON t.id = p.thread_id JOIN areas a ON a.id = t.area_id WHERE p.id = $1",
    )
    .bind(post_id)
    .fetch_optional(&db.pool)
    .await?;
    let p = row.ok_or(AppError::NotFound)?;
    if !moderates(db, me, &p.area_path).await? {
        return Err(AppError::Forbidden);
    }
    let rows: Vec<(Option<String>, String, i64, i64, String)> = sqlx::query_as(
        "SELECT r.title, r.body_src, r.written_at, r.replaced_at, u.display_name FROM post_revisions r \
         JOIN users u ON u.id = r.replaced_by WHERE r.post_id = $1 ORDER BY r.id DESC",
    )
    .bind(post_id)
    .fetch_all(&db.pool)
    .await?;
    let zone = p.timezone;
    Ok(RevisionsPage {
        post_id,
        thread_id: p.thread_id,
        thread_title: p.title,
        url: post_url(p.thread_id, p.seq),
        current: p.body_src,
        deleted: p.deleted_at.is_some(),
        revisions: rows
            .into_iter()
            .map(|(title, body, written, replaced, by)| Revision {
                title,
                body,
                written: time::date_time(lang, written, &zone),
                replaced: time::date_time(lang, replaced, &zone),
                replaced_by: by,
            })
            .collect(),
    })
}

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

#[derive(FromRow)]
struct HitRow {
    id: i64,
    seq: i64,
    thread_id: i64,
    title: String,
    area_name: String,
    timezone: String,
    author: String,
    created_at: i64,
    snip: String,
}

/// Posts matching every word of `q`, newest first, after post id `before`.
pub async fn search(db: &Db, lang: Lang, q: &str, before: Option<i64>) -> AppResult<SearchPage> {
    let words = query_words(q);
    if words.is_empty() {
        return Ok(SearchPage {
            q: q.to_owned(),
            hits: vec![],
            next: None,
        });
    }
    let before = before.unwrap_or(i64::MAX);
    const COLS: &str = "p.id, p.seq, p.thread_id, t.title, a.name AS area_name, a.timezone, \
                        u.display_name AS author, p.created_at";
    const JOINS: &str = "JOIN posts p ON p.id = s.{id} JOIN threads t ON t.id = p.thread_id \
                         JOIN areas a ON a.id = t.area_id JOIN users u ON u.id = p.author_id";
    let mut rows: Vec<HitRow> = match db.backend {
        Backend::Sqlite => {
            // Each word quoted: a phrase of one token, ANDed with the rest.
            let fts: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
            sqlx::query_as(&format!(
                "SELECT {COLS}, snippet(post_search, 0, $1, $2, '…', 24) AS snip FROM post_search s {} \
                 WHERE post_search MATCH $3 AND s.rowid < $4 AND {PUBLIC_POST} ORDER BY s.rowid DESC LIMIT $5",
                JOINS.replace("{id}", "rowid")
            ))
            .bind(HIT_START.to_string())
            .bind(HIT_END.to_string())
            .bind(fts.join(" "))
            .bind(before)
            .bind(HITS_PAGE + 1)
            .fetch_all(&db.pool)
            .await?
        }
        Backend::Postgres => {
            // Two plans, because no single one is fast for both kinds of word.
            // A common word is found among the newest posts: look at the
            // newest RECENT_WINDOW first. A rarer one (fewer than a page of
            // hits there) goes through the GIN index alone, collecting its
            // matches and keeping the newest page of ids before joining
            // anything. `+ 0` keeps the primary key out of the plan: walked
            // backwards it takes seconds for a rare word, and the generic plan
            // would otherwise AND the GIN bitmap with a bitmap of every post
            // id below the cursor (85 ms with a million posts).
            let options = format!(
                "StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""
            );
            let joins = JOINS.replace("{id}", "post_id");
            let recent = format!(
                "SELECT {COLS}, ts_headline('indonesian', s.doc, websearch_to_tsquery('indonesian', $1), $2) AS snip \
                 FROM (SELECT post_id, doc, tsv FROM post_search WHERE post_id < $3 ORDER BY post_id DESC LIMIT {RECENT_WINDOW}) s \
                 {joins} WHERE s.tsv @@ websearch_to_tsquery('indonesian', $1) AND {PUBLIC_POST} \
                 ORDER BY s.post_id DESC LIMIT $4"
            );
            let indexed = format!(
                "SELECT {COLS}, ts_headline('indonesian', s.doc, websearch_to_tsquery('indonesian', $1), $2) AS snip \
                 FROM (SELECT post_id, doc FROM post_search WHERE tsv @@ websearch_to_tsquery('indonesian', $1) \
                 AND post_id + 0 < $3 ORDER BY post_id + 0 DESC LIMIT $4) s {joins} WHERE {PUBLIC_POST} \
                 ORDER BY s.post_id DESC"
            );
            let mut rows = Vec::new();
            for sql in [recent, indexed] {
                rows = sqlx::query_as(&sql)
                    .bind(words.join(" "))
                    .bind(&options)
                    .bind(before)
                    .bind(HITS_PAGE + 1)
                    .fetch_all(&db.pool)
                    .await?;
                if rows.len() as i64 > HITS_PAGE {
                    break;
                }
            }
            rows
        }
    };
    let next = if rows.len() as i64 > HITS_PAGE {
        rows.truncate(HITS_PAGE as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    Ok(SearchPage {
        q: q.to_owned(),
        hits: rows
            .into_iter()
            .map(|r| SearchHit {
                url: post_url(r.thread_id, r.seq),
                thread_title: r.title,
                area_name: r.area_name,
                author: r.author,
                when: time::date_time(lang, r.created_at, &r.timezone),
                snippet: snippet(&r.snip),
            })
            .collect(),
        next,
    })
}

#[derive(FromRow)]
struct NoteRow {
    id: i64,
    kind: String,
    read_at: Option<i64>,
    created_at: i64,
    actor: Option<String>,
    title: String,
    thread_id: Option<i64>,
    seq: Option<i64>,
    excerpt: Option<String>,
    timezone: String,
    proposal_id: Option<i64>,
    complaint_id: Option<i64>,
    content: Option<String>,
    mod_log_id: Option<i64>,
    mod_action: Option<String>,
    mod_reason: Option<String>,
}

impl NoteRow {
    fn view(self, lang: Lang) -> Notification {
        let when = time::date_time(lang, self.created_at, &self.timezone);
        let unread = self.read_at.is_none();
        let actor = self.actor.unwrap_or_default();
        if let (Some(id), Some(action)) = (self.mod_log_id, self.mod_action) {
            return Notification {
                on_thread: false,
                proposal: None,
                actor,
                thread_title: String::new(),
                excerpt: self.mod_reason.unwrap_or_default(),
                url: format!("/moderation/log/{id}"),
                when,
                unread,
                moderation: Some(action),
            };
        }
        let subject = match (self.proposal_id, self.complaint_id) {
            (Some(pid), _) => Some(format!("/proposals/{pid}#record")),
            (None, Some(cid)) => Some(format!("/complaints/{cid}#steps")),
            _ => None,
        };
        match (subject, self.thread_id) {
            (Some(url), _) => {
                let c = self
                    .content
                    .and_then(|c| serde_json::from_str::<super::record::Content>(&c).ok());
                let excerpt = c
                    .as_ref()
                    .and_then(|c| c.text.as_deref())
                    .map(excerpt_of)
                    .unwrap_or_default();
                Notification {
                    on_thread: false,
                    proposal: c.map(|c| ProposalNote {
                        event: c.event,
                        state_to: c.state_to,
                        agency: c.agency.map(|a| a.name),
                    }),
                    actor,
                    thread_title: self.title,
                    excerpt,
                    url,
                    when,
                    unread,
                    moderation: None,
                }
            }
            (None, thread) => Notification {
                on_thread: self.kind == "reply_thread",
                proposal: None,
                actor,
                thread_title: self.title,
                excerpt: self.excerpt.unwrap_or_default(),
                url: post_url(thread.unwrap_or_default(), self.seq.unwrap_or_default()),
                when,
                unread,
                moderation: None,
            },
        }
    }
}

pub async fn notifications(db: &Db, lang: Lang, me: &Me, before: Option<i64>) -> AppResult<NotificationsPage> {
    let mut rows: Vec<NoteRow> = sqlx::query_as(
        "SELECT n.id, n.kind, n.read_at, n.created_at, u.display_name AS actor, COALESCE(t.title, pr.title, c.title, '') AS title, \
         p.thread_id, p.seq, p.excerpt, a.timezone, n.proposal_id, n.complaint_id, r.content, \
         n.mod_log_id, m.action AS mod_action, m.reason AS mod_reason FROM notifications n \
         LEFT JOIN users u ON u.id = n.actor_id LEFT JOIN posts p ON p.id = n.post_id \
         LEFT JOIN threads t ON t.id = p.thread_id LEFT JOIN proposals pr ON pr.id = n.proposal_id \
         LEFT JOIN complaints c ON c.id = n.complaint_id LEFT JOIN record r ON r.seq = n.record_seq \
         LEFT JOIN mod_log m ON m.id = n.mod_log_id \
         JOIN areas a ON a.id = COALESCE(t.area_id, pr.area_id, c.area_id, m.area_id) \
         WHERE n.user_id = $1 AND n.id < $2 ORDER BY n.id DESC LIMIT $3",
    )
    .bind(me.id)
    .bind(before.unwrap_or(i64::MAX))
    .bind(HITS_PAGE + 1)
    .fetch_all(&db.pool)
    .await?;
    let next = if rows.len() as i64 > HITS_PAGE {
        rows.truncate(HITS_PAGE as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    Ok(NotificationsPage {
        items: rows.into_iter().map(|r| r.view(lang)).collect(),
        next,
    })
}

pub async fn mark_all_read(db: &Db, me: &Me, at: i64) -> AppResult<()> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE users SET unread_count = 0 WHERE id = $1")
        .bind(me.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(at)
        .bind(me.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// One entry of an Atom feed.
pub struct FeedEntry {
    pub id: String,
    pub title: String,
    pub url: String,
    pub author: String,
    pub updated: i64,
    pub html: String,
}

pub struct Feed {
    pub title: String,
    pub url: String,
    pub entries: Vec<FeedEntry>,
}

const FEED_SIZE: i64 = 30;

/// An area's newest threads, with their opening posts.
pub async fn area_feed(db: &Db, area_id: i64) -> AppResult<Feed> {
    let name: String = sqlx::query_scalar("SELECT name FROM areas WHERE id = $1")
        .bind(area_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
        "SELECT t.id, t.title, u.display_name, t.created_at, p.body_html FROM threads t \
         JOIN posts p ON p.thread_id = t.id AND p.seq = 0 JOIN users u ON u.id = t.author_id \
         WHERE t.area_id = $1 AND t.proposal_id IS NULL AND t.hidden_at IS NULL ORDER BY t.id DESC LIMIT $2",
    )
    .bind(area_id)
    .bind(FEED_SIZE)
    .fetch_all(&db.pool)
    .await?;
    Ok(Feed {
        title: name,
        url: format!("/area/{area_id}"),
        entries: rows
            .into_iter()
            .map(|(id, title, author, at, html)| FeedEntry {
                id: format!("thread-{id}"),
                url: format!("/t/{id}"),
                title,
                author,
                updated: at,
                html,
            })
            .collect(),
    })
}

/// A thread's newest posts.
pub async fn thread_feed(db: &Db, thread_id: i64) -> AppResult<Feed> {
    let title: String = sqlx::query_scalar("SELECT title FROM threads WHERE id = $1 AND hidden_at IS NULL")
        .bind(thread_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows: Vec<(i64, i64, String, i64, Option<i64>, String)> = sqlx::query_as(
        "SELECT p.id, p.seq, u.display_name, p.created_at, p.edited_at, p.body_html FROM posts p \
         JOIN users u ON u.id = p.author_id WHERE p.thread_id = $1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL \
         ORDER BY p.seq DESC LIMIT $2",
    )
    .bind(thread_id)
    .bind(FEED_SIZE)
    .fetch_all(&db.pool)
    .await?;
    Ok(Feed {
        url: format!("/t/{thread_id}"),
        entries: rows
            .into_iter()
            .map(|(id, seq, author, at, edited, html)| FeedEntry {
                id: format!("post-{id}"),
                title: format!("{title} #{seq}"),
                url: post_url(thread_id, seq),
                author,
                updated: edited.unwrap_or(at),
                html,
            })
            .collect(),
        title,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_live_on_pages_of_fifty() {
        assert_eq!(page_of(0), 0);
        assert_eq!(page_of(1), 0);
        assert_eq!(page_of(50), 0);
        assert_eq!(page_of(51), 50);
        assert_eq!(post_url(7, 3), "/t/7#r3");
        assert_eq!(post_url(7, 120), "/t/7?after=100#r120");
    }

    #[test]
    fn sub_area_ranges_cover_only_descendants() {
        let p = "0000000001/0000000002/";
        let end = path_end(p);
        assert!("0000000001/0000000002/0000000009/" < end.as_str());
        assert!("0000000001/0000000002/" >= p);
        assert!("0000000001/0000000003/" > end.as_str());
        assert_eq!(path_ids(p), vec![1, 2]);
    }

    #[test]
    fn placeholders_are_renumbered_in_order() {
        assert_eq!(
            renumber("a = $3 AND b < ($5, $6) LIMIT $7"),
            "a = $1 AND b < ($2, $3) LIMIT $4"
        );
    }

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
