//! Response templates an agency's officers keep for their answers.
use crate::db::{responses, responsibilities, Db};
use crate::domain::ids::{AgencyId, ProposalId, UserId};
use crate::domain::permissions::officer_agencies;
use crate::domain::proposal::may_keep_templates;
use crate::error::{AppError, AppResult};
use crate::model::{AgencyTemplates, Me, TemplateView};

/// An agency's response templates, by title.
pub async fn templates_of(db: &Db, agency: AgencyId) -> AppResult<Vec<TemplateView>> {
    Ok(responses::templates(db, agency)
        .await?
        .into_iter()
        .map(|t| TemplateView {
            id: t.id,
            title: t.title,
            body: t.body_src,
        })
        .collect())
}

/// Adds a template to one of `me`'s agencies; returns its id.
pub async fn add_template(db: &Db, me: &Me, agency: AgencyId, title: &str, body: &str, at: i64) -> AppResult<i64> {
    if !may_keep_templates(me, agency) {
        return Err(AppError::Forbidden);
    }
    Ok(responses::insert_template(db, agency, title, body, UserId(me.id), at).await?)
}

/// Deletes a template of one of `me`'s agencies.
pub async fn delete_template(db: &Db, me: &Me, id: i64) -> AppResult<()> {
    let agency = responses::template_agency(db, id).await?.ok_or(AppError::NotFound)?;
    if !may_keep_templates(me, agency) {
        return Err(AppError::Forbidden);
    }
    Ok(responses::delete_template(db, id).await?)
}

/// The templates of every agency `me` is an officer of, for the desk.
pub async fn desk_templates(db: &Db, me: &Me) -> AppResult<Vec<AgencyTemplates>> {
    let mut out = Vec::new();
    for agency in officer_agencies(me) {
        let mut conn = db.pool.acquire().await?;
        let name = responsibilities::agency_name(&mut conn, agency).await?;
        drop(conn);
        out.push(AgencyTemplates {
            agency_id: agency.0,
            agency: name.ok_or(AppError::Internal)?,
            templates: templates_of(db, agency).await?,
        });
    }
    Ok(out)
}

/// The text of template `template` for `me` answering proposal `id`: only a
/// template of the agency they answer for on it.
pub async fn template_for(db: &Db, me: &Me, id: ProposalId, template: i64) -> AppResult<String> {
    let mut conn = db.pool.acquire().await?;
    let h = super::head(&mut conn, id).await?;
    let assigned = h.agency_id.map(|a| (a, h.agency_name.clone().unwrap_or_default()));
    let (agency, _) = super::answer::answering_agency(&mut conn, me, assigned, &h.area_path, h.category_id).await?;
    drop(conn);
    let agency = agency.ok_or(AppError::Forbidden)?;
    responses::template_body(db, template, agency.0)
        .await?
        .ok_or(AppError::NotFound)
}
