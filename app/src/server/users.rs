//! Queries about people and their roles.
use crate::db::roles::{self, Grant};
use crate::db::{areas as area_rows, sessions, users as rows, Db};
use crate::domain::ids::{AgencyId, AreaId, UserId};
use crate::error::AppResult;
use crate::model::{AdminUser, Lang, Me, Role, RoleGrant, Suspension};
use crate::server::AppState;

pub use crate::db::users::Credentials;

/// A grant as the pages show it (none for an unknown role).
fn role_grant(g: Grant) -> Option<RoleGrant> {
    Some(RoleGrant {
        id: g.id,
        role: Role::parse(&g.role)?,
        agency_id: g.agency_id.map(i64::from),
        agency_name: g.agency_name,
        area_id: g.area_id.map(i64::from),
        area_name: g.area_name,
    })
}

/// The person signed in with this session (and the session's last use, 0
/// if not yet written), unless it expired or was not used since
/// `active_since`.
pub async fn by_session(st: &AppState, hash: &str, now: i64, active_since: i64) -> AppResult<Option<(Me, Lang, i64)>> {
    let db = &st.db;
    let rows = sessions::user(db, hash, now, active_since).await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let row = first.user.clone();
    let roles = rows
        .into_iter()
        .filter_map(|r| {
            role_grant(Grant {
                id: r.grant_id?,
                user_id: row.id,
                role: r.role?,
                agency_id: r.agency_id,
                agency_name: r.agency_name,
                area_id: r.area_id,
                area_name: r.area_name,
            })
        })
        .collect();
    let lang = Lang::parse(&row.lang).unwrap_or_default();
    let suspension = suspension(st, lang, row.home_area_id.0, row.banned, row.suspended_until, now)
        .await?
        .map(|until| Suspension {
            until,
            reason: row.suspension_reason.clone().unwrap_or_default(),
        });
    Ok(Some((
        Me {
            id: row.id.0,
            username: row.username,
            display_name: row.display_name,
            home_area_id: row.home_area_id.0,
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
    st: &AppState,
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
            let zone = super::areas::info(st, home_area_id).await?.timezone().to_owned();
            Ok(Some(Some(super::time::date_time(lang, t, &zone))))
        }
        _ => Ok(None),
    }
}

pub async fn roles_of(db: &Db, user_id: i64) -> AppResult<Vec<RoleGrant>> {
    Ok(roles::of_user(db, UserId(user_id))
        .await?
        .into_iter()
        .filter_map(role_grant)
        .collect())
}

/// People matching `q` (username or display name), with their roles; at most 50.
pub async fn search(db: &Db, q: &str) -> AppResult<Vec<AdminUser>> {
    let pattern = format!(
        "%{}%",
        q.trim().to_lowercase().replace(['\\', '%'], "").replace('_', "\\_")
    );
    let users = rows::search(db, &pattern).await?;
    if users.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<UserId> = users.iter().map(|u| u.id).collect();
    let grants: Vec<(UserId, RoleGrant)> = roles::of_users(db, &ids)
        .await?
        .into_iter()
        .filter_map(|g| {
            let user = g.user_id;
            role_grant(g).map(|g| (user, g))
        })
        .collect();
    Ok(users
        .into_iter()
        .map(|u| AdminUser {
            roles: grants
                .iter()
                .filter(|(uid, _)| *uid == u.id)
                .map(|(_, g)| g.clone())
                .collect(),
            id: u.id.0,
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
/// named "joined" activity: see `crate::db::activity`.
pub async fn insert(conn: &mut sqlx::AnyConnection, u: NewUser<'_>) -> Result<i64, sqlx::Error> {
    let row = rows::NewUser {
        username: u.username,
        username_key: &u.username.to_ascii_lowercase(),
        display_name: u.display_name,
        password_hash: u.password_hash,
        home_area_id: AreaId(u.home_area_id),
        lang: u.lang.code(),
        at: u.at,
    };
    let id = rows::insert(conn, &row).await?;
    area_rows::resident_joined(conn, AreaId(u.home_area_id), u.at).await?;
    Ok(id.0)
}

pub async fn credentials_by_key(db: &Db, key: &str) -> AppResult<Option<Credentials>> {
    Ok(rows::credentials_by_key(db, key).await?)
}

pub async fn password_hash(db: &Db, id: i64) -> AppResult<Option<String>> {
    Ok(rows::password_hash(db, UserId(id)).await?)
}

/// Grants the admin role to `username`, creating the account first when it
/// does not exist (`ask` supplies password, display name and home area id
/// or official code;
/// empty name and area fall back to the username and the first area).
pub async fn make_admin<F>(db: &Db, username: &str, ask: F) -> Result<String, String>
where
    F: FnOnce() -> Result<(String, String, String), String>,
{
    use crate::domain::{parse_id, DisplayName, NewPassword, Username};
    let internal = |e: sqlx::Error| format!("database: {e}");
    let name = Username::parse("username", username)
        .map_err(|_| format!("{username:?} is not a valid username (3–32 of a-z 0-9 . _ -)"))?;
    let existing = rows::id_by_key(db, &name.key()).await.map_err(internal)?;
    let t = super::time::now();
    let mut tx = db.pool.begin().await.map_err(internal)?;
    let (id, created) = match existing {
        Some(id) => (id.0, false),
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
                area_rows::first(db)
                    .await
                    .map_err(internal)?
                    .ok_or("there are no areas yet: load areas (or run with --demo) before creating the first admin")?
                    .0
            } else if area.contains('.') {
                area_rows::by_code(db, area.trim())
                    .await
                    .map_err(internal)?
                    .ok_or("no area has that code: import the areas first (server import-areas)")?
                    .0
            } else {
                let id = parse_id("area", &area).map_err(|_| "the area must be an area id or code".to_owned())?;
                if !area_rows::exists(db, AreaId(id)).await.map_err(internal)? {
                    return Err("no area has that id".to_owned());
                }
                id
            };
            let hash = super::secrets::hash_password(password.as_str().to_owned())
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
    roles::grant_admin(&mut tx, UserId(id), t).await.map_err(internal)?;
    // Run from the command line: a running server's cached resident
    // counts catch up on their own (areas are cached for seconds).
    tx.commit().await.map_err(internal)?;
    Ok(if created {
        format!("created {} and made them an admin", name.as_str())
    } else {
        format!("{} is now an admin", name.as_str())
    })
}

/// The account named `username` (any case, spaces around ignored), as its
/// public profile shows it.
pub async fn profile(db: &Db, username: &str) -> AppResult<Option<rows::Profile>> {
    Ok(rows::profile_by_key(db, &username.trim().to_ascii_lowercase()).await?)
}

/// The account with this username key (lower case), if any.
pub async fn id_by_key(db: &Db, key: &str) -> AppResult<Option<i64>> {
    Ok(rows::id_by_key(db, key).await?.map(i64::from))
}

pub async fn set_lang(db: &Db, id: i64, lang: Lang) -> AppResult<()> {
    Ok(rows::set_lang(db, UserId(id), lang.code()).await?)
}

/// Sets `me`'s display name and home area, moving them between the areas'
/// resident counts (the caller forgets the area cache).
pub async fn save_profile(db: &Db, me: &Me, display_name: &str, area: i64) -> AppResult<()> {
    let mut tx = db.pool.begin().await?;
    rows::set_profile(&mut tx, UserId(me.id), display_name, AreaId(area)).await?;
    if area != me.home_area_id {
        area_rows::resident_moved(&mut tx, AreaId(me.home_area_id), AreaId(area)).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets a new password hash and ends every session of the person but the
/// one hashed `keep_session`.
pub async fn set_password(db: &Db, id: i64, hash: &str, keep_session: &str) -> AppResult<()> {
    let mut tx = db.pool.begin().await?;
    rows::set_password(&mut tx, UserId(id), hash).await?;
    sessions::delete_others(&mut tx, UserId(id), keep_session).await?;
    tx.commit().await?;
    Ok(())
}

/// Grants `role` to `user` (bound to an agency or an area), by the admin
/// `by`; nothing if the same grant exists.
pub async fn grant(
    db: &Db,
    user: i64,
    role: Role,
    agency: Option<i64>,
    area: Option<i64>,
    by: i64,
    at: i64,
) -> AppResult<()> {
    let g = roles::NewGrant {
        user_id: UserId(user),
        role: role.code(),
        agency_id: agency.map(AgencyId),
        area_id: area.map(AreaId),
        granted_by: UserId(by),
        at,
    };
    roles::grant(db, &g).await?;
    // A head serves the agency too: they read its items and its desk.
    if role == Role::Head {
        roles::grant(
            db,
            &roles::NewGrant {
                role: Role::Officer.code(),
                ..g
            },
        )
        .await?;
    }
    Ok(())
}

/// Who holds the grant `id`, and which role it is.
pub async fn grant_holder(db: &Db, id: i64) -> AppResult<Option<roles::Holder>> {
    Ok(roles::holder(db, id).await?)
}

pub async fn revoke(db: &Db, grant: i64) -> AppResult<()> {
    Ok(roles::revoke(db, grant).await?)
}
