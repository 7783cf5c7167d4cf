//! Proposal lists: the public list and the officer desk.
use crate::db::proposals::{self as rows, AreaScope, ListFilter, Sort};
use crate::domain::ids::{AgencyId, AreaId, CategoryId, UserId};
use crate::domain::proposal::State;
use crate::error::{AppError, AppResult};
use crate::model::{Lang, ProposalSummary};
use crate::server::AppState;
use crate::server::{areas, forums, time};

/// Proposal lists: `sort` is `supports` (default), `newest` or `awaiting`
/// (by due date, soonest first).
pub struct ListQuery {
    /// Only this person's own, drafts included.
    pub author: Option<UserId>,
    pub area_id: Option<AreaId>,
    pub category: Option<CategoryId>,
    pub state: Option<State>,
    pub sort: String,
    pub after: Option<(i64, i64)>,
    /// Officer desk: only proposals assigned to one of these agencies
    /// (`Some(empty)` = assigned to any agency, for admins).
    pub agencies: Option<Vec<AgencyId>>,
    /// Officer desk: awaiting a response (false) or answered (true).
    pub answered: Option<bool>,
}

pub const LIST_PAGE: i64 = 30;

pub async fn list(
    st: &AppState,
    lang: Lang,
    q: ListQuery,
    at: i64,
) -> AppResult<(Vec<ProposalSummary>, Option<String>)> {
    let db = &st.db;
    let sort = Sort::parse(&q.sort);
    // An area and everything under it: by its column up to district depth,
    // by path range below (small subtrees).
    let area = match q.area_id {
        Some(a) => {
            let path = areas::path(st, a.0).await?.ok_or(AppError::NotFound)?;
            Some(match forums::path_ids(&path).len().saturating_sub(1) {
                depth @ 0..=2 => AreaScope::Column { depth, id: a },
                _ => AreaScope::Paths {
                    to: forums::path_end(&path),
                    from: path,
                },
            })
        }
        None => None,
    };
    let filter = ListFilter {
        author: q.author,
        area,
        category: q.category,
        state: q.state,
        awaiting: sort == Sort::Awaiting && q.answered.is_none(),
        agencies: q.agencies,
        answered: q.answered,
        sort,
        after: q.after,
        limit: LIST_PAGE + 1,
    };
    let mut rows = rows::list(db, &filter).await?;
    let next = if rows.len() as i64 > LIST_PAGE {
        rows.truncate(LIST_PAGE as usize);
        rows.last().map(|r| format!("{}_{}", sort.key_of(r), r.id))
    } else {
        None
    };
    // Areas' and categories' names come from memory.
    let categories = areas::categories(st).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let area = areas::info(st, r.area_id.0).await?;
        out.push(ProposalSummary {
            due: r
                .due_at
                .filter(|_| r.awaiting_since.is_some())
                .map(|d| time::date(lang, d, area.timezone())),
            overdue: r.awaiting_since.is_some() && r.due_at.is_some_and(|d| d < at),
            id: r.id.0,
            title: r.title,
            area_id: r.area_id.0,
            area_name: area.name().to_owned(),
            category: areas::category_name(&categories, lang, r.category_id.0),
            state: r.state,
            support_count: r.support_count,
            threshold: r.threshold,
            author: r.author,
        });
    }
    Ok((out, next))
}
