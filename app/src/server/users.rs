//! Queries about people and their roles.
use crate::db::Db;
use crate::error::AppResult;
use crate::model::{AdminUser, Lang, Me, Role, RoleGrant, Suspension};
use sqlx::FromRow;

#[derive(FromRow)]
struct SessionRow {
    id: i64,
    username: String,
    display_name: String,
    home_area_id: i64,
    lang: String,
    unread_count: i64,
    created_at: i64,
    suspended_until: Option<i64>,
    banned: i64,
    suspension_reason: Option<String>,
    last_seen_at: Option<i64>,
}

#[derive(FromRow)]
pub struct GrantRow {
    id: i64,
    user_id: i64,
    role: String,
    agency_id: Option<i64>,
    agency_name: Option<String>,
    area_id: Option<i64>,
    area_name: Option<String>,
}

impl GrantRow {
    fn into_grant(self) -> Option<(i64, RoleGrant)> {
        Some((
            self.user_id,
            RoleGrant {
                id: self.id,
                role: Role::parse(&self.role)?,
                agency_id: self.agency_id,
                agency_name: self.agency_name,
                area_id: self.area_id,
                area_name: self.area_name,
            },
        ))
    }
}

const GRANTS: &str =
    "SELECT r.id, r.user_id, r.role, r.agency_id, g.name AS agency_name, r.area_id, a.name AS area_name \
     FROM user_roles r LEFT JOIN agencies g ON g.id = r.agency_id LEFT JOIN areas a ON a.id = r.area_id";

/// The person signed in with this session (and the session's last use, 0
/// if not yet written), unless it expired or was not used since
/// `active_since`.
pub async fn by_session(db: &Db, hash: &str, now: i64, active_since: i64) -> AppResult<Option<(Me, Lang, i64)>> {
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, u.home_area_id, u.lang, u.unread_count, u.created_at, \
         u.suspended_until, u.banned, u.suspension_reason, s.last_seen_at FROM sessions s \
         JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.expires_at > $2 AND (s.last_seen_at > $3 OR s.last_seen_at IS NULL)",
    )
    .bind(hash)
    .bind(now)
    .bind(active_since)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let roles = roles_of(db, row.id).await?;
    let lang = Lang::parse(&row.lang).unwrap_or_default();
    let suspension = suspension(db, lang, row.home_area_id, row.banned, row.suspended_until, now)
        .await?
        .map(|until| Suspension {
            until,
            reason: row.suspension_reason.clone().unwrap_or_default(),
        });
    Ok(Some((
        Me {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            home_area_id: row.home_area_id,
            roles,
            unread: row.unread_count,
            created_at: row.created_at,
            suspension,
        },
        lang,
        row.last_seen_at.unwrap_or(0),
    )))
}

/// Whether a ban or suspension is in force: Some(None) for a ban,
/// Some(Some(until)) for a suspension, as text in the home area's zone.
pub async fn suspension(
    db: &Db,
    lang: Lang,
    home_area_id: i64,
    banned: i64,
    until: Option<i64>,
    now: i64,
) -> AppResult<Option<Option<String>>> {
    if banned != 0 {
        return Ok(Some(None));
    }
    match until {
        Some(t) if t > now => {
            let zone = super::areas::info(db, home_area_id).await?.timezone().to_owned();
            Ok(Some(Some(super::time::date_time(lang, t, &zone))))
        }
        _ => Ok(None),
    }
}

pub async fn roles_of(db: &Db, user_id: i64) -> AppResult<Vec<RoleGrant>> {
    let rows: Vec<GrantRow> = sqlx::query_as(&format!("{GRANTS} WHERE r.user_id = $1 ORDER BY r.id"))
        .bind(user_id)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| r.into_grant().map(|(_, g)| g))
        .collect())
}

#[derive(FromRow)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
}

/// People matching `q` (username or display name), with their roles; at most 50.
pub async fn search(db: &Db, q: &str) -> AppResult<Vec<AdminUser>> {
    let pattern = format!(
        "%{}%",
        q.trim().to_lowercase().replace(['\\', '%'], "").replace('_', "\\_")
    );
    let users: Vec<UserRow> = sqlx::query_as(
        "SELECT id, username, display_name FROM users \
         WHERE username_key LIKE $1 ESCAPE '\\' OR LOWER(display_name) LIKE $1 ESCAPE '\\' \
         ORDER BY username_key LIMIT 50",
    )
    .bind(pattern)
    .fetch_all(&db.pool)
    .await?;
    if users.is_empty() {
        return Ok(vec![]);
    }
    let ids = users.iter().map(|u| u.id.to_string()).collect::<Vec<_>>().join(",");
    // The ids are integers from the row above, never user text.
    let grants: Vec<GrantRow> = sqlx::query_as(&format!("{GRANTS} WHERE r.user_id IN ({ids}) ORDER BY r.id"))
        .fetch_all(&db.pool)
        .await?;
    let grants: Vec<(i64, RoleGrant)> = grants.into_iter().filter_map(GrantRow::into_grant).collect();
    Ok(users
        .into_iter()
        .map(|u| AdminUser {
            roles: grants
                .iter()
                .filter(|(uid, _)| *uid == u.id)
                .map(|(_, g)| g.clone())
                .collect(),
            id: u.id,
            username: u.username,
            display_name: u.display_name,
        })
        .collect())
}

/// A person about to be created.
pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub home_area_id: i64,
    pub lang: Lang,
    pub at: i64,
}

/// Creates a person in the caller's transaction and counts them in their home
/// area (the count and the area's activity are kept on the area row). No
/// named "joined" activity: see `areas::ACTIVITY`.
pub async fn insert(conn: &mut sqlx::AnyConnection, u: NewUser<'_>) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, username_key, display_name, password_hash, home_area_id, lang, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(u.username)
    .bind(u.username.to_ascii_lowercase())
    .bind(u.display_name)
    .bind(u.password_hash)
    .bind(u.home_area_id)
    .bind(u.lang.code())
    .bind(u.at)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("UPDATE areas SET resident_count = resident_count + 1, last_activity_at = $1 WHERE id = $2")
        .bind(u.at)
        .bind(u.home_area_id)
        .execute(&mut *conn)
        .await?;
    Ok(id)
}

#[derive(FromRow)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub lang: String,
}

pub async fn credentials_by_key(db: &Db, key: &str) -> AppResult<Option<Credentials>> {
    Ok(
        sqlx::query_as("SELECT id, password_hash, lang FROM users WHERE username_key = $1")
            .bind(key)
            .fetch_optional(&db.pool)
            .await?,
    )
}

pub async fn password_hash(db: &Db, id: i64) -> AppResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?)
}

/// Grants the admin role to `username`, creating the account first when it
/// does not exist (`ask` supplies password, display name and home area id;
/// empty name and area fall back to the username and the first area).
pub async fn make_admin<F>(db: &Db, username: &str, ask: F) -> Result<String, String>
where
    F: FnOnce() -> Result<(String, String, String), String>,
{
    use crate::domain::{parse_id, DisplayName, NewPassword, Username};
    let internal = |e: sqlx::Error| format!("database: {e}");
    let name = Username::parse("username", username)
        .map_err(|_| format!("{username:?} is not a valid username (3–32 of a-z 0-9 . _ -)"))?;
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE username_key = $1")
        .bind(name.key())
        .fetch_optional(&db.pool)
        .await
        .map_err(internal)?;
    let t = super::time::now();
    let mut tx = db.pool.begin().await.map_err(internal)?;
    let (id, created) = match existing {
        Some(id) => (id, false),
        None => {
            let (password, display, area) = ask()?;
            let password = NewPassword::parse("password", &password, "password", &password).map_err(|_| {
                format!(
                    "the password must have {}–{} characters",
                    crate::domain::PASSWORD_MIN,
                    crate::domain::PASSWORD_MAX
                )
            })?;
            let display = DisplayName::parse(
                "display_name",
                if display.trim().is_empty() {
                    name.as_str()
                } else {
                    &display
                },
            )
            .map_err(|_| "the display name must have 1–60 printable characters".to_owned())?;
            let area: i64 = if area.trim().is_empty() {
                // Read outside the transaction: on SQLite, one that reads
                // before it writes fails if another writer got in between.
                sqlx::query_scalar("SELECT id FROM areas ORDER BY path LIMIT 1")
                    .fetch_optional(&db.pool)
                    .await
                    .map_err(internal)?
                    .ok_or("there are no areas yet: load areas (or run with --demo) before creating the first admin")?
            } else {
                let id = parse_id("area", &area).map_err(|_| "the area must be an area id".to_owned())?;
                let found: Option<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&db.pool)
                    .await
                    .map_err(internal)?;
                found.ok_or("no area has that id")?
            };
            let hash = super::auth::hash_password(password.as_str().to_owned())
                .await
                .map_err(|_| "password hashing failed".to_owned())?;
            let new = NewUser {
                username: name.as_str(),
                display_name: display.as_str(),
                password_hash: &hash,
                home_area_id: area,
                lang: Lang::Id,
                at: t,
            };
            let id = insert(&mut tx, new).await.map_err(internal)?;
            (id, true)
        }
    };
    sqlx::query("INSERT INTO user_roles (user_id, role, created_at) VALUES ($1, 'admin', $2) ON CONFLICT DO NOTHING")
        .bind(id)
        .bind(t)
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    db.cache.forget_areas();
    Ok(if created {
        format!("created {} and made them an admin", name.as_str())
    } else {
        format!("{} is now an admin", name.as_str())
    })
}
