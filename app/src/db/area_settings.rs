//! Per-area settings inherited downwards: an area either sets a group of
//! values itself (its `here` flag) or takes them from the nearest area above
//! that does, or the defaults. The values in force are kept on every row, so
//! whoever files or publishes reads one row; setting an area rewrites the
//! areas below it that inherit from it and leaves alone those that set their
//! own (and the areas below those).
use super::numbered::Numbered;
use crate::domain::forum_rules::{path_end, path_ids};
use crate::domain::ids::AreaId;
use sqlx::AnyConnection;

/// One group of settings: its columns, its flag and its defaults.
pub struct Group {
    pub cols: &'static [&'static str],
    pub flag: &'static str,
    pub defaults: &'static [i64],
}

/// Support threshold and response days of proposals.
pub const PROPOSALS: Group = Group {
    cols: &["support_threshold", "response_days"],
    flag: "rules_here",
    defaults: &[20, 10],
};

/// Complaint deadlines: verification, follow-up, resolution.
pub const COMPLAINTS: Group = Group {
    cols: &["verify_days", "followup_days", "resolve_days"],
    flag: "deadlines_here",
    defaults: &[3, 5, 10],
};

/// Sets `g` at the area with `path`: `Some(values)` sets them there;
/// `None` makes it inherit again (the values of the area above, or the
/// defaults). Either way the areas below that inherit from it follow.
/// Run in a transaction: the first statement writes, so SQLite takes the
/// write lock before anything is read.
pub async fn set(conn: &mut AnyConnection, g: &Group, path: &str, values: Option<&[i64]>) -> sqlx::Result<()> {
    sqlx::query(&format!("UPDATE areas SET {} = $1 WHERE path = $2", g.flag))
        .bind(i64::from(values.is_some()))
        .bind(path)
        .execute(&mut *conn)
        .await?;
    let values = match values {
        Some(v) => v.to_vec(),
        None => above(conn, g, path).await?,
    };
    let end = path_end(path);
    // The areas below that set their own, the topmost of each branch.
    let own: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT path FROM areas WHERE {} = 1 AND path > $1 AND path < $2 ORDER BY path",
        g.flag
    ))
    .bind(path)
    .bind(&end)
    .fetch_all(&mut *conn)
    .await?;
    let mut cuts: Vec<String> = Vec::new();
    for p in own {
        if !cuts.last().is_some_and(|top| p.starts_with(top.as_str())) {
            cuts.push(p);
        }
    }
    // The ranges between them: [path, cut1), [end(cut1), cut2), …, [end(cutN), end).
    let mut from = path.to_owned();
    for cut in cuts.iter().map(Some).chain([None]) {
        let to = cut.cloned().unwrap_or_else(|| end.clone());
        let mut q = Numbered::new("UPDATE areas SET ");
        for (i, (col, v)) in g.cols.iter().zip(&values).enumerate() {
            q.push(if i > 0 { ", " } else { "" })
                .push(col)
                .push(" = ")
                .push_bind(*v);
        }
        q.push(" WHERE path >= ").push_bind(from.clone());
        q.push(" AND path < ").push_bind(to);
        q.build().build().execute(&mut *conn).await?;
        if let Some(cut) = cut {
            from = path_end(cut);
        }
    }
    Ok(())
}

/// The values in force in the area above `path`, or the defaults at the top.
async fn above(conn: &mut AnyConnection, g: &Group, path: &str) -> sqlx::Result<Vec<i64>> {
    let ids = path_ids(path);
    let Some(parent) = ids.len().checked_sub(2).map(|i| ids[i]) else {
        return Ok(g.defaults.to_vec());
    };
    Ok(values_of(conn, g, AreaId(parent))
        .await?
        .unwrap_or_else(|| g.defaults.to_vec()))
}

/// The values in force in an area.
pub async fn values_of(conn: &mut AnyConnection, g: &Group, id: AreaId) -> sqlx::Result<Option<Vec<i64>>> {
    let mut q = Numbered::new(format!("SELECT {} FROM areas WHERE id = ", g.cols.join(", ")));
    q.push_bind(id);
    let row = q.build().build().fetch_optional(&mut *conn).await?;
    row.map(|r| {
        use sqlx::Row;
        (0..g.cols.len()).map(|i| r.try_get::<i64, _>(i)).collect()
    })
    .transpose()
}

/// Of `chain` (an area and those above it), the ids that set `g` themselves.
pub async fn set_in(conn: &mut AnyConnection, g: &Group, chain: &[AreaId]) -> sqlx::Result<Vec<AreaId>> {
    if chain.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Numbered::new(format!("SELECT id FROM areas WHERE {} = 1 AND id IN (", g.flag));
    q.push_bind_list(chain.iter().copied()).push(")");
    q.build().build_query_scalar().fetch_all(&mut *conn).await
}

/// Areas new since `first_id` take the settings in force above them, level
/// by level from the top (nothing to do while no area sets anything).
pub async fn inherit_new(conn: &mut AnyConnection, first_id: i64) -> sqlx::Result<()> {
    for g in [&PROPOSALS, &COMPLAINTS] {
        let any: Option<i64> = sqlx::query_scalar(&format!("SELECT id FROM areas WHERE {} = 1 LIMIT 1", g.flag))
            .fetch_optional(&mut *conn)
            .await?;
        if any.is_none() {
            continue;
        }
        let deepest: Option<i64> = sqlx::query_scalar("SELECT MAX(depth) FROM areas WHERE id >= $1")
            .bind(first_id)
            .fetch_one(&mut *conn)
            .await?;
        let set = g
            .cols
            .iter()
            .map(|c| format!("{c} = (SELECT p.{c} FROM areas p WHERE p.id = areas.parent_id)"))
            .collect::<Vec<_>>()
            .join(", ");
        for depth in 1..=deepest.unwrap_or(0) {
            sqlx::query(&format!(
                "UPDATE areas SET {set} WHERE id >= $1 AND depth = $2 AND parent_id IS NOT NULL AND {} = 0",
                g.flag
            ))
            .bind(first_id)
            .bind(depth)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// The holidays set in any of `areas` (each area keeps at most 100): (area, day, name), by day.
pub async fn holidays_in(conn: &mut AnyConnection, areas: &[AreaId]) -> sqlx::Result<Vec<(AreaId, i64, String)>> {
    if areas.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Numbered::new("SELECT area_id, day, name FROM area_holidays WHERE area_id IN (");
    q.push_bind_list(areas.iter().copied()).push(") ORDER BY day, area_id");
    q.build().build_query_as().fetch_all(&mut *conn).await
}
