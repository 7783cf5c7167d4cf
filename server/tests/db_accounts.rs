#![allow(clippy::unwrap_used)]
//! The dynamic query of accounts (the grants of a list of people, built
//! with `Numbered`, every id bound), checked against the one-person query
//! for every subset size, on whichever backend the suite runs on.
mod common;
use app::db::roles::{self, NewGrant};
use app::domain::ids::{AgencyId, AreaId, UserId};

#[tokio::test]
async fn grants_of_several_people_match_each_persons_grants() {
    let app = common::spawn().await;
    let db = app.db();
    let users: Vec<UserId> = sqlx::query_scalar("SELECT id FROM users ORDER BY id LIMIT 5")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let agency: AgencyId = sqlx::query_scalar("SELECT id FROM agencies ORDER BY id LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let area: AreaId = sqlx::query_scalar("SELECT id FROM areas ORDER BY id LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(users.len() >= 4);
    // Officer, moderator or admin grants, some people with none added.
    for (n, u) in users.iter().enumerate().take(3) {
        let (role, agency_id, area_id) = match n {
            0 => ("officer", Some(agency), None),
            1 => ("moderator", None, Some(area)),
            _ => ("admin", None, None),
        };
        let g = NewGrant {
            user_id: *u,
            role,
            agency_id,
            area_id,
            granted_by: users[0],
            at: 1,
        };
        roles::grant(db, &g).await.unwrap();
    }
    assert!(roles::of_users(db, &[]).await.unwrap().is_empty());
    for k in 1..=users.len() {
        for start in 0..=users.len() - k {
            let some = &users[start..start + k];
            let mut want = Vec::new();
            for u in some {
                want.extend(roles::of_user(db, *u).await.unwrap());
            }
            want.sort_by_key(|g| g.id);
            assert_eq!(roles::of_users(db, some).await.unwrap(), want, "{some:?}");
        }
    }
    let all = roles::of_users(db, &users[..3]).await.unwrap();
    assert!(all.iter().any(|g| g.role == "officer" && g.agency_id == Some(agency)));
    assert!(all.iter().any(|g| g.role == "moderator" && g.area_id == Some(area)));
}
