//! An usulan's discussion: a thread left out of forum lists, opened with
//! the usulan itself as its first post.
use super::NewUsulan;
use crate::domain::ids::{ThreadId, UsulanId};

pub async fn insert_thread(
    conn: &mut sqlx::AnyConnection,
    id: UsulanId,
    u: &NewUsulan<'_>,
) -> Result<ThreadId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO threads (area_id, area_path, category_id, author_id, title, created_at, last_post_at, usulan_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
    )
    .bind(u.area_id)
    .bind(u.area_path)
    .bind(u.category)
    .bind(u.author)
    .bind(u.title)
    .bind(u.at)
    .bind(id)
    .fetch_one(&mut *conn)
    .await
}

pub async fn set_thread(conn: &mut sqlx::AnyConnection, id: UsulanId, thread: ThreadId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE usulan SET thread_id = $1 WHERE id = $2")
        .bind(thread)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
