//! Who may do what, decided over a loaded caller ([`Me`]) and the paths of
//! the areas involved. Nothing here reads the database: the service layer
//! loads the paths (`server::areas::moderated_paths`) and asks.
//!
//! An area's path is a prefix of the paths of the areas below it, so
//! "this area or one above it" is a prefix test.
use super::ids::{AgencyId, AreaId, UserId};
use super::moderation::{AppealState, LogAction};
use crate::model::{ItemModeration, Me, Role};

/// The areas whose paths [`moderates`] wants: those `me` is a moderator of.
pub fn moderator_areas(me: &Me) -> impl Iterator<Item = AreaId> + '_ {
    me.roles
        .iter()
        .filter(|r| r.role == Role::Moderator)
        .filter_map(|r| r.area_id)
        .map(AreaId)
}

/// The agencies `me` answers for as an officer (an admin's role names none).
pub fn officer_agencies(me: &Me) -> Vec<super::ids::AgencyId> {
    me.roles
        .iter()
        .filter(|r| r.role == Role::Officer)
        .filter_map(|r| r.agency_id)
        .map(super::ids::AgencyId)
        .collect()
}

/// Does `me` moderate the area with this path? Admins everywhere; moderators
/// (`moderated`: the paths of their areas) in their areas and below.
pub fn moderates(me: &Me, moderated: &[String], path: &str) -> bool {
    me.is_admin() || moderated.iter().any(|p| path.starts_with(p.as_str()))
}

/// The moderator check of every action on someone's item or thread: within
/// one's areas, and never on one's own.
pub fn may_act(me: &Me, moderated: &[String], path: &str, author: Option<UserId>) -> bool {
    moderates(me, moderated, path) && author != Some(UserId(me.id))
}

/// May `me` suspend or ban this account (`home_path`: its home area's path,
/// `roles`: its roles)? Moderators of its home area, not their own account,
/// nor a moderator's or an admin's (those are for admins).
pub fn may_suspend(me: &Me, moderated: &[String], target: UserId, home_path: &str, roles: &[Role]) -> bool {
    if target == UserId(me.id) || !moderates(me, moderated, home_path) {
        return false;
    }
    me.is_admin() || !roles.iter().any(|r| matches!(r, Role::Moderator | Role::Admin))
}

/// Lifting: a suspension by whoever may suspend; a ban only by an admin.
pub fn may_lift(me: &Me, banned: bool) -> bool {
    !banned || me.is_admin()
}

/// Is `me` the one a log row's action was done to (and not by)? Only they
/// may appeal it.
pub fn is_appellant(me: &Me, actor: UserId, target: Option<UserId>) -> bool {
    target == Some(UserId(me.id)) && actor != UserId(me.id)
}

/// May `me` appeal this action now: their own, appealable, not yet appealed.
pub fn may_appeal(
    me: &Me,
    actor: UserId,
    target: Option<UserId>,
    action: Option<LogAction>,
    appeal: Option<AppealState>,
) -> bool {
    is_appellant(me, actor, target) && appeal.is_none() && action.is_some_and(LogAction::appealable)
}

/// Is an open appeal of `action` shown in `me`'s queue (the query already
/// keeps to `me`'s areas and leaves out `me`'s own actions)? A ban's appeal
/// only to admins.
pub fn lists_appeal(me: &Me, action: Option<LogAction>) -> bool {
    action != Some(LogAction::Ban) || me.is_admin()
}

/// May `me` decide the open appeal of an action (`area_path`: where it was
/// logged)? Another moderator of its area, or an admin, who neither took the
/// action nor had it done to them; a ban's appeal only an admin.
pub fn may_decide(
    me: &Me,
    moderated: &[String],
    actor: UserId,
    target: Option<UserId>,
    action: Option<LogAction>,
    area_path: &str,
) -> bool {
    actor != UserId(me.id)
        && target != Some(UserId(me.id))
        && lists_appeal(me, action)
        && moderates(me, moderated, area_path)
}

/// Is `me` an officer of this agency?
pub fn officer_of(me: &Me, agency: Option<AgencyId>) -> bool {
    agency.is_some_and(|g| {
        me.roles
            .iter()
            .any(|r| r.role == Role::Officer && r.agency_id == Some(g.0))
    })
}

/// May `me` know who filed a complaint of `agency` (an anonymous or private
/// one: its queue entry and log rows otherwise name no one)? Its officers
/// and admins, as on the complaint's own page.
pub fn may_know_complainant(me: &Me, agency: Option<AgencyId>) -> bool {
    me.is_admin() || officer_of(me, agency)
}

/// A proposal's or complaint's moderation state as its page shows it to
/// `me`: they may moderate it in its area unless they wrote it.
pub fn item_moderation(
    me: Option<&Me>,
    moderated: &[String],
    author: UserId,
    area_path: &str,
    hidden: Option<String>,
    merged_into: Option<i64>,
) -> ItemModeration {
    let can_moderate = me.is_some_and(|me| UserId(me.id) != author && moderates(me, moderated, area_path));
    ItemModeration {
        hidden,
        withheld: false,
        merged_into,
        can_moderate,
    }
}

/// Only officers and admins correct anything: everyone else is refused
/// before any input is read.
pub fn may_correct(me: &Me) -> bool {
    me.is_admin() || me.roles.iter().any(|r| r.role == Role::Officer)
}

/// May `me` correct a record entry published by agency `agencies[0]` about a
/// subject now with `agencies[1]`? An officer of either, or an admin.
pub fn may_correct_entry(me: &Me, agencies: [Option<AgencyId>; 2]) -> bool {
    me.is_admin() || agencies.into_iter().any(|g| officer_of(me, g))
}

/// The agency `me` corrects for: the first of `agencies` they are an
/// officer of (None: as an admin).
pub fn correcting_agency(me: &Me, agencies: [Option<AgencyId>; 2]) -> Option<AgencyId> {
    agencies.into_iter().flatten().find(|g| officer_of(me, Some(*g)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoleGrant;

    fn grant(role: Role, area: Option<i64>, agency: Option<i64>) -> RoleGrant {
        RoleGrant {
            id: 1,
            role,
            agency_id: agency,
            agency_name: None,
            area_id: area,
            area_name: None,
        }
    }

    fn me(id: i64, roles: Vec<RoleGrant>) -> Me {
        Me {
            id,
            username: "ani".into(),
            display_name: "Ani".into(),
            home_area_id: 1,
            roles,
            ..Default::default()
        }
    }

    fn resident() -> Me {
        me(1, vec![])
    }
    fn moderator() -> Me {
        me(2, vec![grant(Role::Moderator, Some(10), None)])
    }
    fn admin() -> Me {
        me(3, vec![grant(Role::Admin, None, None)])
    }
    fn officer() -> Me {
        me(4, vec![grant(Role::Officer, None, Some(5))])
    }

    /// The moderator's area (path "1.10.") and one below it.
    fn paths() -> Vec<String> {
        vec!["1.10.".into()]
    }

    #[test]
    fn moderators_moderate_their_area_and_below_admins_everywhere() {
        let m = moderator();
        assert_eq!(moderator_areas(&m).collect::<Vec<_>>(), [AreaId(10)]);
        assert_eq!(moderator_areas(&officer()).count(), 0);
        assert!(moderates(&m, &paths(), "1.10."));
        assert!(moderates(&m, &paths(), "1.10.20."));
        assert!(!moderates(&m, &paths(), "1."));
        assert!(!moderates(&m, &paths(), "1.11."));
        assert!(!moderates(&m, &[], "1.10."));
        assert!(moderates(&admin(), &[], "9."));
        assert!(!moderates(&resident(), &[], "1.10."));
        assert!(!moderates(&officer(), &[], "1.10."));
    }

    #[test]
    fn nobody_acts_on_their_own() {
        let m = moderator();
        assert!(may_act(&m, &paths(), "1.10.2.", Some(UserId(1))));
        assert!(may_act(&m, &paths(), "1.10.2.", None));
        assert!(!may_act(&m, &paths(), "1.10.2.", Some(UserId(2))));
        assert!(!may_act(&m, &paths(), "1.11.", Some(UserId(1))));
        assert!(!may_act(&admin(), &[], "1.", Some(UserId(3))));
        assert!(may_act(&admin(), &[], "1.", Some(UserId(2))));
    }

    #[test]
    fn suspensions_follow_rank() {
        let m = moderator();
        let home = "1.10.3.";
        assert!(may_suspend(&m, &paths(), UserId(1), home, &[]));
        assert!(may_suspend(&m, &paths(), UserId(4), home, &[Role::Officer]));
        assert!(!may_suspend(&m, &paths(), UserId(9), home, &[Role::Moderator]));
        assert!(!may_suspend(&m, &paths(), UserId(3), home, &[Role::Admin]));
        assert!(!may_suspend(&m, &paths(), UserId(2), home, &[]));
        assert!(!may_suspend(&m, &paths(), UserId(1), "1.11.", &[]));
        assert!(may_suspend(&admin(), &[], UserId(9), home, &[Role::Moderator]));
        assert!(!may_suspend(&admin(), &[], UserId(3), home, &[Role::Admin]));
        assert!(!may_suspend(&resident(), &[], UserId(9), home, &[]));
        assert!(may_lift(&m, false));
        assert!(!may_lift(&m, true));
        assert!(may_lift(&admin(), true));
    }

    #[test]
    fn appeals_are_for_whom_it_was_done_to() {
        let r = resident();
        let (mod_id, me_id) = (UserId(2), Some(UserId(1)));
        assert!(is_appellant(&r, mod_id, me_id));
        assert!(!is_appellant(&r, UserId(1), me_id));
        assert!(!is_appellant(&r, mod_id, Some(UserId(8))));
        assert!(may_appeal(&r, mod_id, me_id, Some(LogAction::Hide), None));
        assert!(!may_appeal(
            &r,
            mod_id,
            me_id,
            Some(LogAction::Hide),
            Some(AppealState::Open)
        ));
        assert!(!may_appeal(&r, mod_id, me_id, Some(LogAction::Pin), None));
        assert!(!may_appeal(&r, mod_id, me_id, None, None));
    }

    #[test]
    fn appeals_are_decided_by_another_moderator_or_an_admin() {
        let m = moderator();
        let hide = Some(LogAction::Hide);
        let ban = Some(LogAction::Ban);
        assert!(may_decide(&m, &paths(), UserId(9), Some(UserId(1)), hide, "1.10.4."));
        assert!(!may_decide(&m, &paths(), UserId(2), Some(UserId(1)), hide, "1.10.4."));
        assert!(!may_decide(&m, &paths(), UserId(9), Some(UserId(2)), hide, "1.10.4."));
        assert!(!may_decide(&m, &paths(), UserId(9), Some(UserId(1)), hide, "1.11."));
        assert!(!may_decide(&m, &paths(), UserId(9), Some(UserId(1)), ban, "1.10.4."));
        assert!(may_decide(&admin(), &[], UserId(9), Some(UserId(1)), ban, "1."));
        assert!(!may_decide(&resident(), &[], UserId(9), Some(UserId(8)), hide, "1."));
        assert!(lists_appeal(&m, hide));
        assert!(!lists_appeal(&m, ban));
        assert!(lists_appeal(&admin(), ban));
    }

    #[test]
    fn complainants_are_named_to_their_agency_and_admins() {
        assert!(may_know_complainant(&admin(), None));
        assert!(may_know_complainant(&officer(), Some(AgencyId(5))));
        assert!(!may_know_complainant(&officer(), Some(AgencyId(6))));
        assert!(!may_know_complainant(&officer(), None));
        assert!(!may_know_complainant(&moderator(), Some(AgencyId(5))));
        assert!(officer_of(&officer(), Some(AgencyId(5))));
        assert!(!officer_of(&admin(), Some(AgencyId(5))));
    }

    #[test]
    fn item_pages_offer_moderation_to_moderators_not_authors() {
        let m = moderator();
        let s = item_moderation(Some(&m), &paths(), UserId(1), "1.10.", Some("spam".into()), Some(4));
        assert!(s.can_moderate);
        assert_eq!(s.hidden.as_deref(), Some("spam"));
        assert_eq!(s.merged_into, Some(4));
        assert!(!s.withheld);
        assert!(!item_moderation(Some(&m), &paths(), UserId(2), "1.10.", None, None).can_moderate);
        assert!(!item_moderation(Some(&m), &paths(), UserId(1), "1.11.", None, None).can_moderate);
        assert!(!item_moderation(None, &[], UserId(1), "1.", None, None).can_moderate);
        assert!(item_moderation(Some(&admin()), &[], UserId(1), "1.", None, None).can_moderate);
    }

    #[test]
    fn corrections_by_officers_of_either_agency_or_admins() {
        let (o, a) = (officer(), admin());
        assert!(may_correct(&o) && may_correct(&a));
        assert!(!may_correct(&moderator()) && !may_correct(&resident()));
        let mine = [Some(AgencyId(5)), Some(AgencyId(6))];
        let now_mine = [Some(AgencyId(6)), Some(AgencyId(5))];
        let other = [Some(AgencyId(6)), None];
        assert!(may_correct_entry(&o, mine) && may_correct_entry(&o, now_mine));
        assert!(!may_correct_entry(&o, other));
        assert!(may_correct_entry(&a, other));
        assert_eq!(correcting_agency(&o, now_mine), Some(AgencyId(5)));
        assert_eq!(correcting_agency(&a, mine), None);
    }
}
