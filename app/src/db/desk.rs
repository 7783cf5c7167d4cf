//! The officer desk: open complaints and proposals awaiting an answer,
//! together, soonest deadline first. Each side reads its own index range in
//! deadline order (`complaints_desk`, `proposals_awaiting`), at most one
//! page each, and the two are merged.
use super::numbered::Numbered;
use super::Db;
use crate::domain::ids::{AgencyId, AreaId, CategoryId};
use sqlx::FromRow;

/// Which rows a desk shows.
#[derive(Debug, Clone, Default)]
pub struct DeskFilter {
    /// Only these agencies' (None: every agency, for an admin; complaints
    /// no agency answers for yet are theirs to route).
    pub agencies: Option<Vec<AgencyId>>,
    /// Areas whose path is in `[from, to)`: an area and everything under it.
    pub paths: Option<(String, String)>,
    pub category: Option<CategoryId>,
    /// Keyset cursor: the due time, kind and id of the last row shown.
    pub after: Option<(i64, i64, i64)>,
    pub limit: i64,
}

/// A complaint (`kind` 0) or a proposal (1) the agency must act on by `due`.
#[derive(Debug, Clone, FromRow)]
pub struct DeskRow {
    pub kind: i64,
    pub id: i64,
    pub title: String,
    pub area_id: AreaId,
    pub state: String,
    pub due: i64,
    pub lat_e6: Option<i64>,
    pub lon_e6: Option<i64>,
}

pub const COMPLAINT: i64 = 0;
pub const PROPOSAL: i64 = 1;

pub async fn awaiting(db: &Db, f: &DeskFilter) -> sqlx::Result<Vec<DeskRow>> {
    query(f).build().build_query_as().fetch_all(&db.pool).await
}

fn query(f: &DeskFilter) -> Numbered<'static> {
    let mut q = Numbered::new("SELECT kind, id, title, area_id, state, due, lat_e6, lon_e6 FROM (");
    side(&mut q, f, COMPLAINT);
    q.push(") AS c0 UNION ALL SELECT kind, id, title, area_id, state, due, lat_e6, lon_e6 FROM (");
    side(&mut q, f, PROPOSAL);
    q.push(") AS p0 ORDER BY due, kind, id LIMIT ").push_bind(f.limit);
    q
}

/// One side's page: its rows after the cursor, in deadline order.
fn side(q: &mut Numbered<'static>, f: &DeskFilter, kind: i64) {
    let (t, due, open) = if kind == COMPLAINT {
        ("c", "c.desk_due", "FROM complaints c WHERE c.desk_due IS NOT NULL")
    } else {
        (
            "p",
            "p.due_at",
            "FROM proposals p WHERE p.awaiting_since IS NOT NULL AND p.hidden_at IS NULL",
        )
    };
    q.push(format!(
        "SELECT CAST({kind} AS BIGINT) AS kind, {t}.id, {t}.title, {t}.area_id, {t}.state, {due} AS due, \
         {t}.lat_e6, {t}.lon_e6 {open}"
    ));
    match &f.agencies {
        Some(ids) => {
            q.push(format!(" AND {t}.agency_id IN ("))
                .push_bind_list(ids.iter().copied())
                .push(")");
        }
        // Every agency's proposals; a complaint with none is an admin's.
        None if kind == PROPOSAL => {
            q.push(" AND p.agency_id IS NOT NULL");
        }
        None => {}
    }
    if let Some((from, to)) = &f.paths {
        q.push(format!(" AND {t}.area_path >= ")).push_bind(from.clone());
        q.push(format!(" AND {t}.area_path < ")).push_bind(to.clone());
    }
    if let Some(c) = f.category {
        q.push(format!(" AND {t}.category_id = ")).push_bind(c);
    }
    // Complaints come before proposals due at the same moment.
    if let Some((d, k, i)) = f.after {
        if k == kind {
            q.push(format!(" AND ({due}, {t}.id) > ("))
                .push_bind(d)
                .push(", ")
                .push_bind(i)
                .push(")");
        } else if k < kind {
            q.push(format!(" AND {due} >= ")).push_bind(d);
        } else {
            q.push(format!(" AND {due} > ")).push_bind(d);
        }
    }
    q.push(format!(" ORDER BY {due}, {t}.id LIMIT ")).push_bind(f.limit);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_side_continues_after_the_cursor_in_the_merged_order() {
        let f = DeskFilter {
            agencies: Some(vec![AgencyId(3)]),
            after: Some((100, PROPOSAL, 7)),
            limit: 31,
            ..Default::default()
        };
        let sql = query(&f).sql().to_owned();
        assert!(sql.contains("c.agency_id IN ($1)"), "{sql}");
        assert!(
            sql.contains("AND c.desk_due > $2"),
            "complaints due then came before: {sql}"
        );
        assert!(sql.contains("AND (p.due_at, p.id) > ($5, $6)"), "{sql}");
        assert!(sql.ends_with("ORDER BY due, kind, id LIMIT $8"), "{sql}");
    }
}
