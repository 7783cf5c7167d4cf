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
