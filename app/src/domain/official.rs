//! Indonesia's official list of administrative areas (the Kemendagri codes,
//! as published in the `idn-area-data` package): four CSV files read into
//! areas, parents before children, or the first problem with its file and
//! line. What each area is (level, local kind, time zone) follows from its
//! code alone.
use std::collections::HashSet;

/// The four files of the list, from the top of the tree down.
pub const FILES: [&str; 4] = ["provinces.csv", "regencies.csv", "districts.csv", "villages.csv"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialArea {
    pub code: String,
    /// The parent's code (`None` for a province).
    pub parent: Option<String>,
    pub name: String,
    pub level: &'static str,
    pub kind: &'static str,
    pub timezone: &'static str,
}

/// What is wrong with a file of the list (`line` counts from 1, the header
/// being line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListError {
    Unreadable {
        file: String,
    },
    Encoding {
        file: String,
        line: u64,
    },
    Header {
        file: String,
    },
    Malformed {
        file: String,
        line: u64,
        why: Malformed,
    },
    Duplicate {
        file: String,
        line: u64,
        code: String,
    },
    MissingParent {
        file: String,
        line: u64,
        code: String,
        parent: String,
    },
    NotFound {
        code: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    Columns,
    Code,
    NotUnderParent,
    EmptyName,
    RegencyName,
    Province,
}

/// The segments' lengths of a code at each level ("51", "51.71", "51.71.03",
/// "51.71.03.1005").
const SEGMENTS: [usize; 4] = [2, 2, 2, 4];

/// The level (0 province … 3 village) of a well-formed code.
pub fn code_level(code: &str) -> Option<usize> {
    let parts: Vec<&str> = code.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let ok = parts
        .iter()
        .zip(SEGMENTS)
        .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| parts.len() - 1)
}

/// The time zone of a province (by its code), as the law sets it.
pub fn timezone(province: u32) -> Option<&'static str> {
    match province {
        11..=19 | 21 | 31..=36 | 61 | 62 => Some("WIB"),
        51..=53 | 63..=65 | 71..=76 => Some("WITA"),
        81 | 82 | 91..=96 => Some("WIT"),
        _ => None,
    }
}

/// The name folded for search: lowercase ASCII letters and digits, words
/// separated by one space, apostrophes dropped, without a leading
/// "Kabupaten"/"Kota" (so "palembang" finds "Kota Palembang").
pub fn search_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            'à'..='å' | 'À'..='Å' => 'a',
            'è'..='ë' | 'È'..='Ë' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' => 'i',
            'ò'..='ö' | 'Ò'..='Ö' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '\u{2019}' || c == '`' {
            continue;
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let out = out.trim_end();
    for prefix in ["kabupaten ", "kab ", "kota "] {
        if let Some(rest) = out.strip_prefix(prefix) {
            return rest.to_owned();
        }
    }
    out.to_owned()
}

/// Level, local kind and time zone of the area with this code and name.
fn describe(code: &str, name: &str) -> Result<(&'static str, &'static str, &'static str), Malformed> {
    let level = code_level(code).ok_or(Malformed::Code)?;
    let province: u32 = code[..2].parse().map_err(|_| Malformed::Code)?;
    let timezone = timezone(province).ok_or(Malformed::Province)?;
    let (level, kind) = match level {
        0 => ("province", "Provinsi"),
        1 if name.starts_with("Kota ") => ("city", "Kota"),
        1 if name.starts_with("Kabupaten ") => ("regency", "Kabupaten"),
        1 => return Err(Malformed::RegencyName),
        2 if (91..=96).contains(&province) => ("district", "Distrik"),
        2 => ("district", "Kecamatan"),
        _ => match code.as_bytes()[code.len() - 4] {
            b'1' => ("village", "Kelurahan"),
            b'3' => ("village", "Desa Adat"),
            _ => ("village", "Desa"),
        },
    };
    Ok((level, kind, timezone))
}

/// Reads the four files (in [`FILES`] order). `only` keeps one area with
/// its ancestors and everything below it. Every code is unique and every
/// parent is listed before its children.
pub fn parse(files: [&[u8]; 4], only: Option<&str>) -> Result<Vec<OfficialArea>, ListError> {
    let mut out = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (depth, (bytes, file)) in files.into_iter().zip(FILES).enumerate() {
        let file = file.to_owned();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(bytes);
        let header = match reader.headers() {
            Ok(h) => h.clone(),
            Err(_) => return Err(ListError::Encoding { file, line: 1 }),
        };
        let want_parent = depth > 0;
        if header.get(0) != Some("code")
            || header.get(header.len() - 1) != Some("name")
            || header.len() != 2 + usize::from(want_parent)
        {
            return Err(ListError::Header { file });
        }
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    return Err(match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => ListError::Encoding { file, line },
                        _ => ListError::Malformed {
                            file,
                            line,
                            why: Malformed::Columns,
                        },
                    });
                }
            };
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            let bad = |why| ListError::Malformed {
                file: file.clone(),
                line,
                why,
            };
            if record.len() != header.len() {
                return Err(bad(Malformed::Columns));
            }
            let code = record[0].trim().to_owned();
            let name = record[record.len() - 1].trim().to_owned();
            if code_level(&code) != Some(depth) {
                return Err(bad(Malformed::Code));
            }
            let parent = want_parent.then(|| record[1].trim().to_owned());
            if let Some(p) = &parent {
                if !code.starts_with(&format!("{p}.")) || code_level(p) != Some(depth - 1) {
                    return Err(bad(Malformed::NotUnderParent));
                }
            }
            if name.is_empty() || name.chars().any(char::is_control) {
                return Err(bad(Malformed::EmptyName));
            }
            let (level, kind, timezone) = describe(&code, &name).map_err(bad)?;
            if let Some(only) = only {
                let related =
                    code == only || code.starts_with(&format!("{only}.")) || only.starts_with(&format!("{code}."));
                if !related {
                    continue;
                }
            }
            if let Some(p) = &parent {
                if !seen.contains(p) {
                    return Err(ListError::MissingParent {
                        file,
                        line,
                        code,
                        parent: p.clone(),
                    });
                }
            }
            if !seen.insert(code.clone()) {
                return Err(ListError::Duplicate { file, line, code });
            }
            out.push(OfficialArea {
                code,
                parent,
                name,
                level,
                kind,
                timezone,
            });
        }
    }
    if let Some(only) = only {
        if !seen.contains(only) {
            return Err(ListError::NotFound { code: only.to_owned() });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &[u8] = b"code,name\n51,Bali\n91,Papua\n";
    const R: &[u8] =
        b"code,province_code,name\n51.71,51,Kota Denpasar\n51.02,51,Kabupaten Tabanan\n91.01,91,Kabupaten Merauke\n";
    const D: &[u8] = b"code,regency_code,name\n51.71.03,51.71,Denpasar Barat\n91.01.01,91.01,Merauke\n";
    const V: &[u8] = b"code,district_code,name\n51.71.03.1005,51.71.03,Dauh Puri\n51.71.03.2003,51.71.03,\"Dauh Puri Kauh, \"\"Barat\"\"\"\n91.01.01.3001,91.01.01,Kampung\n";

    #[test]
    fn reads_levels_kinds_and_zones() {
        let areas = parse([P, R, D, V], None).unwrap();
        assert_eq!(areas.len(), 10);
        let get = |c: &str| areas.iter().find(|a| a.code == c).unwrap();
        assert_eq!(
            (get("51").level, get("51").kind, get("51").timezone),
            ("province", "Provinsi", "WITA")
        );
        assert_eq!((get("51.71").level, get("51.71").kind), ("city", "Kota"));
        assert_eq!((get("51.02").level, get("51.02").kind), ("regency", "Kabupaten"));
        assert_eq!(get("91.01.01").kind, "Distrik");
        assert_eq!(get("91.01.01").timezone, "WIT");
        assert_eq!(get("51.71.03").kind, "Kecamatan");
        assert_eq!(get("51.71.03.1005").kind, "Kelurahan");
        assert_eq!(get("51.71.03.2003").kind, "Desa");
        assert_eq!(get("51.71.03.2003").name, "Dauh Puri Kauh, \"Barat\"");
        assert_eq!(get("91.01.01.3001").kind, "Desa Adat");
        assert_eq!(get("51.71.03.1005").parent.as_deref(), Some("51.71.03"));
    }

    #[test]
    fn only_keeps_the_area_its_ancestors_and_below() {
        let codes: Vec<String> = parse([P, R, D, V], Some("51.71"))
            .unwrap()
            .into_iter()
            .map(|a| a.code)
            .collect();
        assert_eq!(codes, ["51", "51.71", "51.71.03", "51.71.03.1005", "51.71.03.2003"]);
        assert_eq!(
            parse([P, R, D, V], Some("52")),
            Err(ListError::NotFound { code: "52".into() })
        );
    }

    #[test]
    fn bad_files_name_their_line() {
        let dup = b"code,district_code,name\n51.71.03.1005,51.71.03,A\n51.71.03.1005,51.71.03,B\n";
        assert!(matches!(
            parse([P, R, D, dup], None),
            Err(ListError::Duplicate { line: 3, .. })
        ));
        let orphan = b"code,district_code,name\n51.71.09.1005,51.71.09,A\n";
        assert!(matches!(
            parse([P, R, D, orphan], None),
            Err(ListError::MissingParent { line: 2, .. })
        ));
        let short = b"code,district_code,name\n51.71.03.1005,51.71.03\n";
        assert!(matches!(
            parse([P, R, D, short], None),
            Err(ListError::Malformed {
                line: 2,
                why: Malformed::Columns,
                ..
            })
        ));
        let code = b"code,district_code,name\n51.71.03.105,51.71.03,A\n";
        assert!(matches!(
            parse([P, R, D, code], None),
            Err(ListError::Malformed {
                why: Malformed::Code,
                ..
            })
        ));
        let elsewhere = b"code,district_code,name\n51.71.04.1005,51.71.03,A\n";
        assert!(matches!(
            parse([P, R, D, elsewhere], None),
            Err(ListError::Malformed {
                why: Malformed::NotUnderParent,
                ..
            })
        ));
        let latin1 = b"code,district_code,name\n51.71.03.1005,51.71.03,Caf\xe9\n";
        assert!(matches!(
            parse([P, R, D, latin1], None),
            Err(ListError::Encoding { line: 2, .. })
        ));
        let regency = b"code,province_code,name\n51.71,51,Denpasar\n";
        assert!(matches!(
            parse([P, regency, D, V], None),
            Err(ListError::Malformed {
                why: Malformed::RegencyName,
                ..
            })
        ));
        assert!(matches!(
            parse([b"id,name\n", R, D, V], None),
            Err(ListError::Header { .. })
        ));
    }

    #[test]
    fn search_keys_fold_names() {
        assert_eq!(search_key("Kota Palembang"), "palembang");
        assert_eq!(search_key("Kabupaten  Aceh-Selatan"), "aceh selatan");
        assert_eq!(search_key("Ma'rang"), "marang");
        assert_eq!(search_key("Dauh Puri"), "dauh puri");
        assert_eq!(search_key("Kotalama"), "kotalama");
        assert_eq!(search_key("  Sémpol  "), "sempol");
        assert_eq!(code_level("51.71.03.1005"), Some(3));
        assert_eq!(code_level("51.7"), None);
    }
}
