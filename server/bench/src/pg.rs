//! The benchmark's own PostgreSQL database: made fresh, dropped after.
use crate::Res;

async fn admin_conn(admin: &str) -> Res<sqlx::AnyConnection> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    Ok(sqlx::AnyConnection::connect(admin).await?)
}

pub async fn create_database(admin: &str, name: &str) -> Res<String> {
    let mut conn = admin_conn(admin).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut conn)
        .await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await?;
    let base = admin.split('?').next().unwrap_or(admin);
    let base = base.rsplit_once('/').map(|(b, _)| b).unwrap_or(base);
    Ok(format!("{base}/{name}"))
}

pub async fn drop_database(admin: &str, name: &str) -> Res<()> {
    let mut conn = admin_conn(admin).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await?;
    Ok(())
}
