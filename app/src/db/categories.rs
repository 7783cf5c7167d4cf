//! The `categories` table: the topics of threads, proposals and complaints.
use super::Db;
use crate::domain::ids::CategoryId;
use sqlx::FromRow;

#[derive(FromRow, Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: CategoryId,
    /// The Indonesian name.
    pub name_id: String,
    /// The English name.
    pub name_en: String,
}

/// Every category, by id.
pub async fn all(db: &Db) -> Result<Vec<Category>, sqlx::Error> {
    sqlx::query_as("SELECT id, name_id, name_en FROM categories ORDER BY id")
        .fetch_all(&db.pool)
        .await
}

pub async fn create(db: &Db, slug: &str, name_id: &str, name_en: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO categories (slug, name_id, name_en) VALUES ($1, $2, $3)")
        .bind(slug)
        .bind(name_id)
        .bind(name_en)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn rename(db: &Db, id: CategoryId, name_id: &str, name_en: &str) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE categories SET name_id = $1, name_en = $2 WHERE id = $3")
            .bind(name_id)
            .bind(name_en)
            .bind(id)
            .execute(&db.pool)
            .await?
            .rows_affected(),
    )
}

/// (id, slug) of every category (tens of them), for the agencies' import.
pub async fn slugs(db: &Db) -> Result<Vec<(CategoryId, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, slug FROM categories ORDER BY id")
        .fetch_all(&db.pool)
        .await
}
