//! Forum rules: where a post is shown, the paths of areas, and who may
//! moderate, change or read a post. Pure: the caller loads `Me` and the area
//! paths these rules look at.
use super::ids::{ThreadId, UserId};
use crate::error::{AppError, AppResult};
use crate::model::Me;

/// Replies per page of a thread.
pub const REPLIES_PAGE: i64 = 50;

/// The `after` of the page of replies that holds reply `seq`.
pub fn page_of(seq: i64) -> i64 {
    if seq <= 0 {
        0
    } else {
        (seq - 1) / REPLIES_PAGE * REPLIES_PAGE
    }
}

/// Where post `seq` of a thread is shown.
pub fn post_url(thread_id: ThreadId, seq: i64) -> String {
    match page_of(seq) {
        0 => format!("/t/{thread_id}#r{seq}"),
        after => format!("/t/{thread_id}?after={after}#r{seq}"),
    }
}

/// The ids on an area's path, root first.
pub fn path_ids(path: &str) -> Vec<i64> {
    path.split('/').filter_map(|s| s.parse().ok()).collect()
}

/// The end of the range of paths under `path` (`…/` → `…0`).
pub fn path_end(path: &str) -> String {
    format!("{}0", path.trim_end_matches('/'))
}

/// What decides whether a post's author may change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostOwnership {
    pub author: UserId,
    pub seq: i64,
    pub deleted: bool,
    /// The thread is a proposal's or an usulan's discussion (its opening
    /// post is the item).
    pub of_item: bool,
}

/// A post its author may edit or delete: 404 if it is gone, 403 if it is
/// not theirs (nor is a proposal's or usulan's opening post, which is the
/// item itself and changes only as one).
pub fn may_change_post(me: &Me, post: PostOwnership) -> AppResult<()> {
    if post.deleted {
        return Err(AppError::NotFound);
    }
    if post.author != UserId(me.id) || (post.seq == 0 && post.of_item) {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// Is a post's text withheld from this reader? A deleted post's always; a
/// hidden one's from everyone but its author and the area's moderators.
pub fn post_withheld(deleted: bool, hidden: bool, mine: bool, moderator: bool) -> bool {
    deleted || (hidden && !mine && !moderator)
}

/// The agency badge an officer's post carries, given the agencies of their
/// officer roles in order and which of them serve the post's area (or an
/// area above it): the first that serves, else their first.
pub fn badge<A: Copy + PartialEq>(officer_agencies: &[A], serving: Option<A>) -> Option<A> {
    serving.or_else(|| officer_agencies.first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Role, RoleGrant};

    fn me(id: i64, roles: &[(Role, Option<i64>)]) -> Me {
        Me {
            id,
            roles: roles
                .iter()
                .map(|(role, area)| RoleGrant {
                    id: 1,
                    role: *role,
                    agency_id: None,
                    agency_name: None,
                    area_id: *area,
                    area_name: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn replies_live_on_pages_of_fifty() {
        assert_eq!(page_of(0), 0);
        assert_eq!(page_of(1), 0);
        assert_eq!(page_of(50), 0);
        assert_eq!(page_of(51), 50);
        assert_eq!(post_url(ThreadId(7), 3), "/t/7#r3");
        assert_eq!(post_url(ThreadId(7), 120), "/t/7?after=100#r120");
    }

    #[test]
    fn sub_area_ranges_cover_only_descendants() {
        let p = "0000000001/0000000002/";
        let end = path_end(p);
        assert!("0000000001/0000000002/0000000009/" < end.as_str());
        assert!("0000000001/0000000002/" >= p);
        assert!("0000000001/0000000003/" > end.as_str());
        assert_eq!(path_ids(p), vec![1, 2]);
    }

    #[test]
    fn only_the_author_changes_a_post_that_is_not_a_proposal() {
        let ani = me(7, &[]);
        let post = PostOwnership {
            author: UserId(7),
            seq: 3,
            deleted: false,
            of_item: true,
        };
        assert!(may_change_post(&ani, post).is_ok());
        assert_eq!(may_change_post(&me(8, &[]), post), Err(AppError::Forbidden));
        let opening = PostOwnership { seq: 0, ..post };
        assert_eq!(may_change_post(&ani, opening), Err(AppError::Forbidden));
        assert!(may_change_post(
            &ani,
            PostOwnership {
                of_item: false,
                ..opening
            }
        )
        .is_ok());
        let gone = PostOwnership { deleted: true, ..post };
        assert_eq!(may_change_post(&ani, gone), Err(AppError::NotFound));
        assert_eq!(may_change_post(&me(8, &[]), gone), Err(AppError::NotFound));
    }

    #[test]
    fn hidden_posts_are_withheld_except_from_author_and_moderators() {
        assert!(!post_withheld(false, false, false, false));
        assert!(post_withheld(false, true, false, false));
        assert!(!post_withheld(false, true, true, false));
        assert!(!post_withheld(false, true, false, true));
        assert!(post_withheld(true, false, true, true));
    }

    #[test]
    fn badges_prefer_an_agency_serving_the_area() {
        assert_eq!(badge::<i64>(&[], None), None);
        assert_eq!(badge(&[4, 5], Some(5)), Some(5));
        assert_eq!(badge(&[4, 5], None), Some(4));
    }
}
