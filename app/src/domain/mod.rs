//! Pure rules: parsing of user input into values that can only be valid, and
//! who may do what. No I/O here; everything is unit-tested below.
use crate::error::{AppError, AppResult, FieldProblem};
use crate::model::{Me, Role};

pub mod complaint;
pub mod forum_rules;
pub mod ids;
pub mod moderation;
pub mod musrenbang;
pub mod notify;
#[cfg(feature = "ssr")]
pub mod official;
pub mod permissions;
pub mod proposal;
pub mod rupiah;
pub mod service;
pub mod skm;
pub use rupiah::Rupiah;

pub const USERNAME_MIN: usize = 3;
pub const USERNAME_MAX: usize = 32;
pub const DISPLAY_NAME_MAX: usize = 60;
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// Percent-encodes a path for use inside a query string.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn length_check(field: &str, value: &str, min: usize, max: usize) -> AppResult<()> {
    let n = value.chars().count();
    if n == 0 {
        Err(AppError::field(field, FieldProblem::Required))
    } else if n < min {
        Err(AppError::field(field, FieldProblem::TooShort { min: min as u32 }))
    } else if n > max {
        Err(AppError::field(field, FieldProblem::TooLong { max: max as u32 }))
    } else {
        Ok(())
    }
}

/// A username: 3–32 of `a–z 0–9 . _ -`, starting with a letter or digit.
/// Case is kept for display; uniqueness is decided on [`Username::key`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(field: &str, raw: &str) -> AppResult<Self> {
        let s = raw.trim();
        length_check(field, s, USERNAME_MIN, USERNAME_MAX)?;
        let ok_chars = s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        let ok_start = s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if !ok_chars || !ok_start {
            return Err(AppError::field(field, FieldProblem::UsernameChars));
        }
        Ok(Username(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-insensitive key that must be unique.
    pub fn key(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

/// A display name: 1–60 printable characters, inner whitespace collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(field: &str, raw: &str) -> AppResult<Self> {
        let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        length_check(field, &s, 1, DISPLAY_NAME_MAX)?;
        if s.chars().any(|c| c.is_control() || is_invisible(c)) {
            return Err(AppError::field(field, FieldProblem::Invalid));
        }
        Ok(DisplayName(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Zero-width and bidi-override characters let one name pass for another.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A new password: 8–128 characters, not all the same character.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(field: &str, raw: &str, confirm_field: &str, confirm: &str) -> AppResult<Self> {
        length_check(field, raw, PASSWORD_MIN, PASSWORD_MAX)?;
        let mut chars = raw.chars();
        let first = chars.next();
        if chars.all(|c| Some(c) == first) {
            return Err(AppError::field(field, FieldProblem::Invalid));
        }
        if raw != confirm {
            return Err(AppError::field(confirm_field, FieldProblem::Mismatch));
        }
        Ok(NewPassword(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// A password typed at sign-in: only bounded, never judged.
pub fn sign_in_password(field: &str, raw: &str) -> AppResult<()> {
    if raw.is_empty() {
        Err(AppError::field(field, FieldProblem::Required))
    } else if raw.chars().count() > PASSWORD_MAX {
        Err(AppError::WrongCredentials)
    } else {
        Ok(())
    }
}

/// A whole number from 1 to `max` typed into a form.
pub fn whole_number(field: &str, raw: &str, max: i64) -> AppResult<i64> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| AppError::field(field, FieldProblem::Invalid))
}

/// An id typed into a form (a `<select>` value).
pub fn parse_id(field: &str, raw: &str) -> AppResult<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::field(field, FieldProblem::Required));
    }
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::field(field, FieldProblem::Unknown))
}

pub const TITLE_MIN: usize = 5;
pub const TITLE_MAX: usize = 150;
/// Characters of Markdown a post may hold.
pub const BODY_MAX: usize = 20_000;

/// A thread title: 5–150 characters, inner whitespace collapsed.
pub fn thread_title(field: &str, raw: &str) -> AppResult<String> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    length_check(field, &s, TITLE_MIN, TITLE_MAX)?;
    Ok(s)
}

/// The Markdown of a post: not blank, at most 20,000 characters. Line ends
/// are normalised; everything else is kept as typed.
pub fn post_body(field: &str, raw: &str) -> AppResult<String> {
    let s = raw.replace("\r\n", "\n").replace('\r', "\n");
    let s = s.trim_end();
    if s.trim().is_empty() {
        return Err(AppError::field(field, FieldProblem::Required));
    }
    if s.chars().count() > BODY_MAX {
        return Err(AppError::field(field, FieldProblem::TooLong { max: BODY_MAX as u32 }));
    }
    Ok(s.to_owned())
}

/// A keyset cursor `key_id` from a page link; anything else starts at the top.
pub fn parse_cursor(raw: &str) -> Option<(i64, i64)> {
    let (k, id) = raw.split_once('_')?;
    Some((k.parse().ok()?, id.parse().ok()?))
}

/// What a role is bound to, checked before anything is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleTarget {
    Officer { agency_id: i64 },
    Head { agency_id: i64 },
    Moderator { area_id: i64 },
    Planner { area_id: i64 },
    Admin,
}

impl RoleTarget {
    pub fn parse(role: &str, agency: &str, area: &str) -> AppResult<Self> {
        match Role::parse(role.trim()) {
            Some(Role::Officer) => Ok(RoleTarget::Officer {
                agency_id: parse_id("agency_id", agency)?,
            }),
            Some(Role::Head) => Ok(RoleTarget::Head {
                agency_id: parse_id("agency_id", agency)?,
            }),
            Some(Role::Moderator) => Ok(RoleTarget::Moderator {
                area_id: parse_id("area_id", area)?,
            }),
            Some(Role::Planner) => Ok(RoleTarget::Planner {
                area_id: parse_id("area_id", area)?,
            }),
            Some(Role::Admin) => Ok(RoleTarget::Admin),
            None => Err(AppError::field("role", FieldProblem::Unknown)),
        }
    }

    pub fn role(self) -> Role {
        match self {
            RoleTarget::Officer { .. } => Role::Officer,
            RoleTarget::Head { .. } => Role::Head,
            RoleTarget::Moderator { .. } => Role::Moderator,
            RoleTarget::Planner { .. } => Role::Planner,
            RoleTarget::Admin => Role::Admin,
        }
    }
}

/// Only admins manage roles.
pub fn require_admin(me: Option<&Me>) -> AppResult<&Me> {
    let me = me.ok_or(AppError::NotSignedIn)?;
    if me.is_admin() {
        Ok(me)
    } else {
        Err(AppError::Forbidden)
    }
}

/// An admin may not revoke their own admin role: the site must never be left
/// without one by accident.
pub fn may_revoke(me: &Me, target_user: i64, role: Role) -> AppResult<()> {
    require_admin(Some(me))?;
    if target_user == me.id && role == Role::Admin {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// Where to go after signing in: only a path on this site (never a server
/// function), else the home page.
pub fn safe_next(next: &str) -> String {
    local_path(next)
        .filter(|p| !p.starts_with("/api/"))
        .unwrap_or_else(|| "/".to_owned())
}

/// `p` if a browser sent to it as a redirect's `Location` stays on this
/// site, else None. Browsers drop tabs and line breaks inside a URL and read
/// `\` as `/`, so `/\t/other.example` or `/\other.example` would lead to
/// `//other.example`, another site: any control character, space or
/// backslash is refused, and so is a path that starts with `//` or `/\`
/// even once percent-decoded (some software decodes before redirecting).
pub fn local_path(p: &str) -> Option<String> {
    let bad_char = |c: char| c.is_control() || c == '\\';
    if p.len() > 2_048 || p.chars().any(|c| bad_char(c) || c.is_whitespace()) {
        return None;
    }
    let path = p.split(['?', '#']).next().unwrap_or("");
    let mut decoded = path.to_owned();
    for _ in 0..3 {
        if !decoded.starts_with('/') || decoded.starts_with("//") || decoded.chars().any(bad_char) {
            return None;
        }
        let next = percent_decode(&decoded);
        if next == decoded {
            return Some(p.to_owned());
        }
        decoded = next;
    }
    // Encoded more than three times over: no real link is.
    None
}

/// `%XX` sequences decoded (invalid UTF-8 replaced); anything else kept.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).and_then(|c| hex(*c)),
            b.get(i + 2).and_then(|c| hex(*c)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoleGrant;

    fn me(roles: &[Role]) -> Me {
        Me {
            id: 7,
            username: "ani".into(),
            display_name: "Ani".into(),
            home_area_id: 1,
            roles: roles
                .iter()
                .map(|r| RoleGrant {
                    id: 1,
                    role: *r,
                    agency_id: None,
                    agency_name: None,
                    area_id: None,
                    area_name: None,
                })
                .collect(),
            unread: 0,
            ..Default::default()
        }
    }

    #[test]
    fn titles_and_bodies_are_bounded() {
        assert_eq!(
            thread_title("title", "  Jalan   rusak di Plaju ").unwrap(),
            "Jalan rusak di Plaju"
        );
        assert_eq!(problem(thread_title("title", "   ")), FieldProblem::Required);
        assert_eq!(problem(thread_title("title", "abc")), FieldProblem::TooShort { min: 5 });
        assert_eq!(
            problem(thread_title("title", &"a".repeat(151))),
            FieldProblem::TooLong { max: 150 }
        );
        assert_eq!(post_body("body", "a\r\nb\n\n").unwrap(), "a\nb");
        assert_eq!(problem(post_body("body", " \n\t ")), FieldProblem::Required);
        assert!(post_body("body", &"é".repeat(BODY_MAX)).is_ok());
        assert_eq!(
            problem(post_body("body", &"é".repeat(BODY_MAX + 1))),
            FieldProblem::TooLong { max: 20_000 }
        );
    }

    #[test]
    fn cursors_are_two_integers_or_nothing() {
        assert_eq!(parse_cursor("1700000000_42"), Some((1_700_000_000, 42)));
        assert_eq!(parse_cursor("x_1"), None);
        assert_eq!(parse_cursor("1"), None);
        assert_eq!(parse_cursor("1_2_3"), None);
    }

    fn problem(r: AppResult<impl std::fmt::Debug>) -> FieldProblem {
        match r {
            Err(AppError::Field { problem, .. }) => problem,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn username_rules() {
        assert_eq!(Username::parse("u", " Budi.S ").unwrap().as_str(), "Budi.S");
        assert_eq!(Username::parse("u", "Budi.S").unwrap().key(), "budi.s");
        assert_eq!(problem(Username::parse("u", "")), FieldProblem::Required);
        assert_eq!(problem(Username::parse("u", "ab")), FieldProblem::TooShort { min: 3 });
        assert_eq!(
            problem(Username::parse("u", &"a".repeat(33))),
            FieldProblem::TooLong { max: 32 }
        );
        assert_eq!(
            problem(Username::parse("u", "budi santoso")),
            FieldProblem::UsernameChars
        );
        assert_eq!(problem(Username::parse("u", ".budi")), FieldProblem::UsernameChars);
        assert_eq!(problem(Username::parse("u", "bùdi")), FieldProblem::UsernameChars);
        assert_eq!(problem(Username::parse("u", "<script>")), FieldProblem::UsernameChars);
    }

    #[test]
    fn display_name_rules() {
        assert_eq!(
            DisplayName::parse("d", "  Ni   Luh  Putu ").unwrap().as_str(),
            "Ni Luh Putu"
        );
        assert_eq!(problem(DisplayName::parse("d", "   ")), FieldProblem::Required);
        assert_eq!(
            problem(DisplayName::parse("d", &"é".repeat(61))),
            FieldProblem::TooLong { max: 60 }
        );
        assert!(DisplayName::parse("d", &"é".repeat(60)).is_ok());
        assert_eq!(problem(DisplayName::parse("d", "Ani\u{202E}")), FieldProblem::Invalid);
    }

    #[test]
    fn password_rules() {
        assert!(NewPassword::parse("p", "sawah-lunto", "c", "sawah-lunto").is_ok());
        assert_eq!(
            problem(NewPassword::parse("p", "short", "c", "short")),
            FieldProblem::TooShort { min: 8 }
        );
        assert_eq!(
            problem(NewPassword::parse("p", "aaaaaaaaaa", "c", "aaaaaaaaaa")),
            FieldProblem::Invalid
        );
        match NewPassword::parse("p", "sawah-lunto", "c", "sawah-lunt0") {
            Err(AppError::Field { field, problem }) => {
                assert_eq!(field, "c");
                assert_eq!(problem, FieldProblem::Mismatch);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            problem(NewPassword::parse("p", &"ab".repeat(65), "c", "")),
            FieldProblem::TooLong { max: 128 }
        );
        assert!(!format!(
            "{:?}",
            NewPassword::parse("p", "sawah-lunto", "c", "sawah-lunto").unwrap()
        )
        .contains("sawah"));
    }

    #[test]
    fn ids_from_forms() {
        assert_eq!(parse_id("a", " 12 ").unwrap(), 12);
        assert_eq!(problem(parse_id("a", "")), FieldProblem::Required);
        assert_eq!(problem(parse_id("a", "-3")), FieldProblem::Unknown);
        assert_eq!(problem(parse_id("a", "1; drop table")), FieldProblem::Unknown);
    }

    #[test]
    fn role_targets_need_their_binding() {
        assert_eq!(
            RoleTarget::parse("officer", "4", "").unwrap(),
            RoleTarget::Officer { agency_id: 4 }
        );
        assert_eq!(problem(RoleTarget::parse("officer", "", "3")), FieldProblem::Required);
        assert_eq!(
            RoleTarget::parse("moderator", "", "3").unwrap(),
            RoleTarget::Moderator { area_id: 3 }
        );
        assert_eq!(RoleTarget::parse("admin", "", "").unwrap(), RoleTarget::Admin);
        assert_eq!(problem(RoleTarget::parse("superuser", "", "")), FieldProblem::Unknown);
    }

    #[test]
    fn only_admins_manage_roles() {
        assert_eq!(require_admin(None).unwrap_err(), AppError::NotSignedIn);
        assert_eq!(require_admin(Some(&me(&[]))).unwrap_err(), AppError::Forbidden);
        assert_eq!(
            require_admin(Some(&me(&[Role::Officer, Role::Moderator]))).unwrap_err(),
            AppError::Forbidden
        );
        assert!(require_admin(Some(&me(&[Role::Admin]))).is_ok());
    }

    #[test]
    fn admins_cannot_remove_their_own_admin_role() {
        let admin = me(&[Role::Admin]);
        assert_eq!(may_revoke(&admin, 7, Role::Admin).unwrap_err(), AppError::Forbidden);
        assert!(may_revoke(&admin, 7, Role::Officer).is_ok());
        assert!(may_revoke(&admin, 8, Role::Admin).is_ok());
        assert_eq!(
            may_revoke(&me(&[Role::Moderator]), 8, Role::Officer).unwrap_err(),
            AppError::Forbidden
        );
    }

    #[test]
    fn next_is_always_local() {
        assert_eq!(safe_next("/area/3"), "/area/3");
        assert_eq!(safe_next("https://evil.example/"), "/");
        assert_eq!(safe_next("//evil.example/"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next("/api/sign_out"), "/");
    }

    /// Every way of writing another site that browsers (or a decoding
    /// proxy) would follow: none survives.
    #[test]
    fn hostile_redirect_targets_become_the_home_page() {
        let hostile = [
            "",
            "area/3",
            "//other.example",
            "///other.example",
            "/\\other.example",
            "\\\\other.example",
            "/\t/other.example",
            "/\n/other.example",
            "/\r/other.example",
            "\t//other.example",
            " //other.example",
            "/ /other.example",
            "/\u{0}/other.example",
            "/\u{7f}/other.example",
            "/\u{85}/other.example",
            "/\u{2028}/other.example",
            "/\u{3000}/other.example",
            "/%09/other.example",
            "/%0a/other.example",
            "/%0D/other.example",
            "/%2F/other.example",
            "/%2f%2fother.example",
            "%2F%2Fother.example",
            "/%5Cother.example",
            "/%5cother.example",
            "/%252F/other.example",
            "/%25252F/other.example",
            "/%2525252F/other.example",
            "https://other.example/",
            "http:other.example",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "mailto:a@other.example",
            "/api/sign_out",
            "/api/grant_role?username=x",
        ];
        for h in hostile {
            assert_eq!(safe_next(h), "/", "{h:?}");
        }
        let too_long = format!("/{}", "a".repeat(3_000));
        assert_eq!(safe_next(&too_long), "/");
    }

    #[test]
    fn local_targets_keep_their_path_and_query() {
        for ok in [
            "/",
            "/settings",
            "/t/12?after=50#reply",
            "/search?q=jalan%20rusak",
            "/signin?next=%2Fsettings",
            "/proposals?area=3&sort=new",
            "/u/warga.denpasar",
            "/.//x",
        ] {
            assert_eq!(safe_next(ok), ok, "{ok:?}");
        }
        assert_eq!(local_path("/a%20b"), Some("/a%20b".into()));
        assert_eq!(local_path("/%09x"), None);
    }
}
