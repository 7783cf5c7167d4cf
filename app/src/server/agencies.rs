//! What an admin sets up for a region: its agencies (perangkat daerah), the
//! areas each serves, which agency answers for which category in an area
//! (inherited by the areas below unless set there), and the categories.
//! Admins only; the callers check.
use super::{areas, time, AppState};
use crate::db::agencies::{self as rows, AgencyRow};
use crate::db::{categories as category_rows, responsibilities};
use crate::domain::ids::{AgencyId, AreaId, CategoryId};
use crate::error::{AppError, AppResult, FieldProblem, LineProblem};
use crate::model::{AgencyAdmin, AgencySummary, AreaAdminPage, CategoryAdmin, Lang, ResponsibilityRow};

pub const NAME_MAX: usize = 150;
pub const SHORT_MAX: usize = 30;

/// Trimmed, required, at most `max` printable characters.
fn text(field: &str, value: &str, max: usize) -> AppResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(AppError::field(field, FieldProblem::Required));
    }
    if v.chars().count() > max || v.chars().any(char::is_control) {
        return Err(AppError::field(field, FieldProblem::TooLong { max: max as u32 }));
    }
    Ok(v.to_owned())
}

fn admin_row(a: AgencyRow) -> AgencyAdmin {
    AgencyAdmin {
        id: a.id.0,
        name: a.name,
        short_name: a.short_name,
        retired: a.retired_at.is_some(),
        hook_url: a.hook_url,
    }
}

/// Everything `/admin/areas` shows for `area` (None: only the categories).
pub async fn page(st: &AppState, lang: Lang, area: Option<i64>) -> AppResult<AreaAdminPage> {
    let db = &st.db;
    let categories: Vec<CategoryAdmin> = sqlx::query_as::<_, (i64, String, String, String)>(
        "SELECT id, slug, name_id, name_en FROM categories ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|(id, slug, name_id, name_en)| CategoryAdmin {
        id,
        slug,
        name_id,
        name_en,
    })
    .collect();
    let choice = areas::maybe_choice(st, lang, area, false).await?;
    let Some(choice) = choice else {
        return Ok(AreaAdminPage {
            area: None,
            agencies: Vec::new(),
            eligible: Vec::new(),
            responsibilities: Vec::new(),
            categories,
            settings: None,
        });
    };
    let info = areas::info(st, choice.id).await?;
    let here = AreaId(choice.id);
    let chain: Vec<AreaId> = crate::domain::forum_rules::path_ids(info.path())
        .into_iter()
        .map(AreaId)
        .collect();
    let mut conn = db.pool.acquire().await?;
    let held = responsibilities::in_areas(&mut conn, &chain).await?;
    drop(conn);
    let area_name = |id: AreaId| {
        info.ancestors
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let responsibilities = categories
        .iter()
        .map(|c| {
            let set_here = held
                .iter()
                .find(|h| h.area_id == here && h.category_id.0 == c.id)
                .map(|h| AgencySummary {
                    id: h.agency_id.0,
                    name: h.agency_name.clone(),
                });
            // The nearest area above that sets one.
            let inherited = chain
                .iter()
                .rev()
                .filter(|a| **a != here)
                .find_map(|a| held.iter().find(|h| h.area_id == *a && h.category_id.0 == c.id))
                .map(|h| {
                    (
                        AgencySummary {
                            id: h.agency_id.0,
                            name: h.agency_name.clone(),
                        },
                        area_name(h.area_id),
                    )
                });
            ResponsibilityRow {
                category_id: c.id,
                category: if lang == Lang::En {
                    c.name_en.clone()
                } else {
                    c.name_id.clone()
                },
                here: set_here,
                inherited,
            }
        })
        .collect();
    let agencies = rows::serving_here(db, here).await?.into_iter().map(admin_row).collect();
    let mut eligible = Vec::new();
    for g in info.agencies() {
        if rows::get(db, AgencyId(g.id))
            .await?
            .is_some_and(|r| r.retired_at.is_none())
        {
            eligible.push(g);
        }
    }
    let settings = super::area_settings::of(st, here, &chain, area_name).await?;
    Ok(AreaAdminPage {
        area: Some(choice),
        agencies,
        eligible,
        responsibilities,
        categories,
        settings: Some(settings),
    })
}

/// A new agency serving `area`. Names are unique (whatever the case).
pub async fn create(st: &AppState, area: AreaId, name: &str, short_name: &str) -> AppResult<AgencyId> {
    let name = text("name", name, NAME_MAX)?;
    let short = text("short_name", short_name, SHORT_MAX)?;
    areas::chosen(st, "area_id", area.0).await?;
    let mut tx = st.db.pool.begin().await?;
    if rows::by_name_folded(&mut tx, &name).await?.is_some() {
        return Err(AppError::field("name", FieldProblem::Taken));
    }
    let id = rows::create(&mut tx, &name, &short).await?;
    rows::serve(&mut tx, id, area).await?;
    tx.commit().await?;
    st.caches.areas.forget_areas();
    Ok(id)
}

/// Renames an agency, or retires or restores it. An agency that still
/// answers for something cannot be retired.
pub async fn update(st: &AppState, id: AgencyId, name: &str, short_name: &str, retired: bool) -> AppResult<()> {
    let db = &st.db;
    let row = rows::get(db, id).await?.ok_or(AppError::NotFound)?;
    let name = text("name", name, NAME_MAX)?;
    let short = text("short_name", short_name, SHORT_MAX)?;
    if name != row.name {
        let mut conn = db.pool.acquire().await?;
        if rows::by_name_folded(&mut conn, &name)
            .await?
            .is_some_and(|other| other.id != id)
        {
            return Err(AppError::field("name", FieldProblem::Taken));
        }
    }
    if retired && row.retired_at.is_none() {
        let count = rows::responsibilities_of(db, id).await?;
        if count > 0 {
            return Err(AppError::field(
                "retired",
                FieldProblem::StillResponsible { count: count as u32 },
            ));
        }
    }
    rows::rename(db, id, &name, &short).await?;
    match (retired, row.retired_at) {
        (true, None) => rows::set_retired(db, id, Some(time::now())).await?,
        (false, Some(_)) => rows::set_retired(db, id, None).await?,
        _ => {}
    }
    st.caches.areas.forget_areas();
    Ok(())
}

/// Sets (or, with `agency` None, clears) who answers for `category` in
/// `area`: an active agency serving the area or an area above it.
pub async fn set_responsibility(
    st: &AppState,
    area: AreaId,
    category: CategoryId,
    agency: Option<AgencyId>,
) -> AppResult<()> {
    let info = areas::info(st, area.0).await?;
    let categories = areas::categories(st).await?;
    if !categories.iter().any(|(c, _, _)| *c == category.0) {
        return Err(AppError::field("category_id", FieldProblem::Unknown));
    }
    let mut conn = st.db.pool.acquire().await?;
    match agency {
        Some(g) => {
            let row = rows::get(&st.db, g)
                .await?
                .ok_or_else(|| AppError::field("agency_id", FieldProblem::Unknown))?;
            if row.retired_at.is_some() {
                return Err(AppError::field("agency_id", FieldProblem::Retired));
            }
            if !info.agencies.iter().any(|a| a.id == g) {
                return Err(AppError::Refused {
                    reason: crate::error::Refusal::OutsideArea,
                });
            }
            responsibilities::set(&mut conn, area, category, g).await?;
        }
        None => responsibilities::clear(&mut conn, area, category).await?,
    }
    Ok(())
}

pub const SLUG_MAX: usize = 40;

/// Creates a category (`id` None) or renames one, in both languages.
pub async fn save_category(
    st: &AppState,
    id: Option<CategoryId>,
    slug: &str,
    name_id: &str,
    name_en: &str,
) -> AppResult<()> {
    let db = &st.db;
    let name_id = text("name_id", name_id, 80)?;
    let name_en = text("name_en", name_en, 80)?;
    match id {
        Some(id) => {
            if category_rows::rename(db, id, &name_id, &name_en).await? == 0 {
                return Err(AppError::NotFound);
            }
        }
        None => {
            let slug = slug.trim();
            let ok = !slug.is_empty()
                && slug.len() <= SLUG_MAX
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !ok {
                return Err(AppError::field("slug", FieldProblem::Invalid));
            }
            if category_rows::slugs(db).await?.iter().any(|(_, s)| s == slug) {
                return Err(AppError::field("slug", FieldProblem::Taken));
            }
            category_rows::create(db, slug, &name_id, &name_en).await?;
        }
    }
    *st.caches.areas.categories.lock().unwrap_or_else(|e| e.into_inner()) = None;
    Ok(())
}

/// One line of an agencies import.
#[derive(Debug)]
struct Line {
    name: String,
    short: String,
    categories: Vec<CategoryId>,
}

/// Reads pasted CSV (`name,short_name,categories`, categories as codes
/// separated by spaces) into lines, or the first problem with its line.
fn read_lines(csv_text: &str, known: &[(CategoryId, String)]) -> AppResult<Vec<Line>> {
    let bad = |line: usize, why| AppError::field("csv", FieldProblem::Line { line: line as u32, why });
    // Browsers send a textarea's lines ending in CRLF; the reader's line
    // numbers are only right for LF.
    let text = csv_text.replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|_| bad(1, LineProblem::Header))?.clone();
    if header.iter().collect::<Vec<_>>() != ["name", "short_name", "categories"] {
        return Err(bad(1, LineProblem::Header));
    }
    let mut out: Vec<Line> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| bad(e.position().map_or(0, |p| p.line()) as usize, LineProblem::Columns))?;
        let line = record.position().map_or(0, |p| p.line()) as usize;
        if record.len() != 3 {
            return Err(bad(line, LineProblem::Columns));
        }
        let (name, short) = (record[0].to_owned(), record[1].to_owned());
        if name.is_empty() || short.is_empty() {
            return Err(bad(line, LineProblem::EmptyName));
        }
        if name.chars().count() > NAME_MAX || short.chars().count() > SHORT_MAX || name.chars().any(char::is_control) {
            return Err(bad(line, LineProblem::TooLong));
        }
        if out.iter().any(|l| l.name.to_lowercase() == name.to_lowercase()) {
            return Err(bad(line, LineProblem::Duplicate));
        }
        let mut categories = Vec::new();
        for slug in record[2].split_whitespace() {
            let id = known
                .iter()
                .find(|(_, s)| s == slug)
                .map(|(id, _)| *id)
                .ok_or_else(|| bad(line, LineProblem::UnknownCategory))?;
            categories.push(id);
        }
        out.push(Line {
            name,
            short,
            categories,
        });
    }
    if out.is_empty() {
        return Err(AppError::field("csv", FieldProblem::Required));
    }
    Ok(out)
}

/// Imports a pemda's agencies into `area`: each line's agency (created, or
/// found by name) serves the area and answers there for its categories.
/// One transaction: a line with a problem saves nothing. Returns how many
/// agencies were created and how many lines there were.
pub async fn import(st: &AppState, area: AreaId, csv_text: &str) -> AppResult<(usize, usize)> {
    areas::chosen(st, "area_id", area.0).await?;
    let known = category_rows::slugs(&st.db).await?;
    let lines = read_lines(csv_text, &known)?;
    let mut tx = st.db.pool.begin().await?;
    let mut created = 0;
    for (i, l) in lines.iter().enumerate() {
        let id = match rows::by_name_folded(&mut tx, &l.name).await? {
            Some(g) if g.retired_at.is_some() => {
                return Err(AppError::field(
                    "csv",
                    FieldProblem::Line {
                        line: i as u32 + 2,
                        why: LineProblem::Retired,
                    },
                ))
            }
            Some(g) => g.id,
            None => {
                created += 1;
                rows::create(&mut tx, &l.name, &l.short).await?
            }
        };
        rows::serve(&mut tx, id, area).await?;
        for c in &l.categories {
            responsibilities::set(&mut tx, area, *c, id).await?;
        }
    }
    tx.commit().await?;
    st.caches.areas.forget_areas();
    Ok((created, lines.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_names_its_bad_line() {
        let known = vec![
            (CategoryId(1), "kesehatan".to_owned()),
            (CategoryId(2), "pendidikan".to_owned()),
        ];
        let ok = "name,short_name,categories\nDinas Kesehatan,Dinkes,kesehatan\n\"Dinas Pendidikan, Pemuda\",Disdik,pendidikan kesehatan\n";
        let lines = read_lines(ok, &known).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].name, "Dinas Pendidikan, Pemuda");
        assert_eq!(lines[1].categories, vec![CategoryId(2), CategoryId(1)]);
        let line_of = |t: &str| match read_lines(t, &known) {
            Err(AppError::Field {
                problem: FieldProblem::Line { line, why },
                ..
            }) => (line, why),
            other => panic!("{other:?}"),
        };
        assert_eq!(line_of("nama,x\n"), (1, LineProblem::Header));
        assert_eq!(line_of("name,short_name,categories\nA,B\n"), (2, LineProblem::Columns));
        assert_eq!(
            line_of("name,short_name,categories\nA,B,\n,C,\n"),
            (3, LineProblem::EmptyName)
        );
        assert_eq!(
            line_of("name,short_name,categories\nA,B,\na,C,\n"),
            (3, LineProblem::Duplicate)
        );
        assert_eq!(
            line_of("name,short_name,categories\nA,B,jalan\n"),
            (2, LineProblem::UnknownCategory)
        );
    }
}
