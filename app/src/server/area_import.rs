//! Loading Indonesia's official areas into the area tree, and areas an admin
//! adds where the list lacks one. The import runs in one transaction: it
//! either applies the whole list or nothing.
use crate::db::areas::{self as rows, Coded, NewArea};
use crate::db::{area_settings, Backend, Db};
use crate::domain::ids::AreaId;
use crate::domain::official::{search_key, OfficialArea};
use crate::error::{AppError, AppResult, FieldProblem};
use std::collections::HashMap;

/// What an import changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub added: usize,
    pub updated: usize,
    pub retired: usize,
    pub unchanged: usize,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} added, {} updated, {} no longer listed (kept, inactive), {} unchanged",
            self.added, self.updated, self.retired, self.unchanged
        )
    }
}

/// Applies the official list: areas are matched by code (or, for areas made
/// before codes, by parent and name), renamed where the list says so, added
/// where new, and marked inactive where gone (never deleted). With `only`,
/// areas outside that code's subtree are left as they are.
pub async fn import(db: &Db, list: &[OfficialArea], only: Option<&str>) -> AppResult<Report> {
    let mut tx = db.pool.begin().await?;
    // Write first (see `db::write_first`): the list is compared with what
    // this transaction reads, so nothing may change in between.
    crate::db::write_first(&mut tx).await?;
    let existing = rows::everything(&mut tx).await?;
    let mut by_code: HashMap<String, &Coded> = HashMap::new();
    let mut uncoded: HashMap<(Option<i64>, String), &Coded> = HashMap::new();
    for a in &existing {
        match &a.code {
            Some(c) => {
                by_code.insert(c.clone(), a);
            }
            None if a.local == 0 => {
                uncoded.insert((a.parent_id.map(|p| p.0), search_key(&a.name)), a);
            }
            None => {}
        }
    }
    // code → (id, path, depth) of what the tree now holds.
    let mut placed: HashMap<&str, (i64, String, i64)> = HashMap::new();
    let mut next_id = rows::max_id(&mut tx).await? + 1;
    let first_new = next_id;
    let mut new_rows = Vec::new();
    let mut report = Report::default();
    for a in list {
        let parent = match &a.parent {
            Some(p) => Some(placed.get(p.as_str()).cloned().ok_or(AppError::Internal)?),
            None => None,
        };
        let parent_id = parent.as_ref().map(|p| p.0);
        let found = by_code
            .get(&a.code)
            .copied()
            .or_else(|| uncoded.get(&(parent_id, search_key(&a.name))).copied());
        match found {
            Some(e) => {
                let same = e.code.as_deref() == Some(&a.code)
                    && e.name == a.name
                    && e.level == a.level
                    && e.kind_label == a.kind
                    && e.timezone == a.timezone
                    && e.active == 1;
                if same {
                    report.unchanged += 1;
                } else {
                    rows::set_official(&mut tx, e.id, &a.code, &a.name, (a.level, a.kind, a.timezone)).await?;
                    report.updated += 1;
                }
                placed.insert(&a.code, (e.id.0, e.path.clone(), e.depth));
            }
            None => {
                let id = next_id;
                next_id += 1;
                let (path, depth) = match &parent {
                    Some((_, path, depth)) => (format!("{path}{id:010}/"), depth + 1),
                    None => (format!("{id:010}/"), 0),
                };
                placed.insert(&a.code, (id, path.clone(), depth));
                new_rows.push(NewArea {
                    id,
                    parent_id,
                    code: Some(a.code.clone()),
                    name: a.name.clone(),
                    level: a.level,
                    kind_label: a.kind.to_owned(),
                    timezone: a.timezone.to_owned(),
                    path,
                    depth,
                    local: false,
                });
                report.added += 1;
            }
        }
    }
    rows::insert_many(&mut tx, &new_rows).await?;
    area_settings::inherit_new(&mut tx, first_new).await?;
    let in_scope = |code: &str| match only {
        None => true,
        Some(o) => code == o || code.starts_with(&format!("{o}.")),
    };
    for a in &existing {
        if let Some(code) = &a.code {
            if a.active == 1 && a.local == 0 && in_scope(code) && !placed.contains_key(code.as_str()) {
                rows::set_active(&mut tx, a.id, false).await?;
                report.retired += 1;
            }
        }
    }
    if db.backend == Backend::Postgres && !new_rows.is_empty() {
        rows::resync_ids(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(report)
}

pub const LOCAL_NAME_MAX: usize = 100;

/// Adds an area the official list lacks below `parent` (one level down,
/// same time zone), without a code. Returns its id.
pub async fn add_local(db: &Db, parent: AreaId, name: &str, kind: &str) -> AppResult<AreaId> {
    let name = name.trim();
    let kind = kind.trim();
    if name.is_empty() {
        return Err(AppError::field("name", FieldProblem::Required));
    }
    if name.chars().count() > LOCAL_NAME_MAX || name.chars().any(char::is_control) {
        return Err(AppError::field(
            "name",
            FieldProblem::TooLong {
                max: LOCAL_NAME_MAX as u32,
            },
        ));
    }
    if kind.is_empty() || kind.chars().count() > 40 {
        return Err(AppError::field("kind", FieldProblem::Required));
    }
    let mut tx = db.pool.begin().await?;
    // Write first (see `db::write_first`).
    crate::db::write_first(&mut tx).await?;
    let p = rows::get_in(&mut tx, parent)
        .await?
        .ok_or_else(|| AppError::field("area_id", FieldProblem::Unknown))?;
    let level = match p.level.as_str() {
        "province" => "regency",
        "city" | "regency" => "district",
        "district" => "village",
        _ => return Err(AppError::field("area_id", FieldProblem::Invalid)),
    };
    if rows::child_named(&mut tx, parent, &search_key(name)).await? {
        return Err(AppError::field("name", FieldProblem::Taken));
    }
    let id = rows::max_id(&mut tx).await? + 1;
    let row = NewArea {
        id,
        parent_id: Some(parent.0),
        code: None,
        name: name.to_owned(),
        level,
        kind_label: kind.to_owned(),
        timezone: p.timezone.clone(),
        path: format!("{}{id:010}/", p.path),
        depth: p.depth + 1,
        local: true,
    };
    rows::insert_many(&mut tx, std::slice::from_ref(&row)).await?;
    area_settings::inherit_new(&mut tx, id).await?;
    if db.backend == Backend::Postgres {
        rows::resync_ids(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(AreaId(id))
}

/// Reads the official list's four files from `dir` (see
/// [`crate::domain::official::parse`]).
pub fn read_list(
    dir: &std::path::Path,
    only: Option<&str>,
) -> Result<Vec<OfficialArea>, crate::domain::official::ListError> {
    use crate::domain::official::{parse, ListError, FILES};
    let mut files: Vec<Vec<u8>> = Vec::new();
    for f in FILES {
        let bytes = std::fs::read(dir.join(f)).map_err(|_| ListError::Unreadable {
            file: dir.join(f).display().to_string(),
        })?;
        files.push(bytes);
    }
    parse([&files[0], &files[1], &files[2], &files[3]], only)
}
