//! Clock and date formatting. Dates are formatted on the server, in the
//! reader's language and the area's time zone, so views never read a clock.
use crate::model::Lang;

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Offset in hours of an Indonesian time zone name.
pub fn zone_offset(zone: &str) -> i64 {
    match zone {
        "WITA" => 8,
        "WIT" => 9,
        _ => 7,
    }
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A dashboard period as people say it: `2026-12` is "Desember 2026",
/// `2026-Q4` "Triwulan IV 2026" ("Q4 2026"), `2026` stays.
pub fn period_name(lang: Lang, period: &str) -> String {
    let (year, rest) = period.split_once('-').unwrap_or((period, ""));
    if let Some(q) = rest.strip_prefix('Q') {
        let roman = match q {
            "1" => "I",
            "2" => "II",
            "3" => "III",
            _ => "IV",
        };
        return match lang {
            Lang::Id => format!("Triwulan {roman} {year}"),
            Lang::En => format!("Q{q} {year}"),
        };
    }
    match rest.parse::<usize>() {
        Ok(m @ 1..=12) => {
            let names = if lang == Lang::Id { &MONTHS_ID } else { &MONTHS_EN };
            format!("{} {year}", names[m - 1])
        }
        _ => period.to_owned(),
    }
}

/// Days since 1970-01-01 → (year, month 1–12, day), proleptic Gregorian.
fn civil(days: i64) -> (i64, usize, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m as usize, d)
}

/// (year, month 1–12, day) → days since 1970-01-01, the inverse of `civil`.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day (since 1970-01-01) of a real `YYYY-MM-DD` date, or None.
pub fn parse_date(s: &str) -> Option<i64> {
    let mut it = s.trim().splitn(3, '-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if !(1900..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let day = days_from_civil(y, m, d);
    // 31 February comes back as a day in March.
    (civil(day) == (y, m as usize, d)).then_some(day)
}

/// The day (since 1970-01-01) that `ts` falls on in the zone.
pub fn local_day(ts: i64, zone: &str) -> i64 {
    (ts + zone_offset(zone) * 3600).div_euclid(86_400)
}

/// The last second of a day in the zone.
pub fn end_of_day(day: i64, zone: &str) -> i64 {
    (day + 1) * 86_400 - 1 - zone_offset(zone) * 3600
}

/// "2026-11-22" of a day number.
pub fn iso_day(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// "2026-11-22" in the zone, for records and exports.
pub fn iso_date(ts: i64, zone: &str) -> String {
    let (y, m, d) = civil((ts + zone_offset(zone) * 3600).div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// "22 November 2026" in either language.
pub fn date(lang: Lang, ts: i64, zone: &str) -> String {
    let (d, month, y) = day_month_year(lang, ts + zone_offset(zone) * 3600);
    format!("{d} {month} {y}")
}

fn day_month_year(lang: Lang, local: i64) -> (i64, &'static str, i64) {
    let (y, m, d) = civil(local.div_euclid(86_400));
    let month = match lang {
        Lang::Id => MONTHS_ID[m - 1],
        Lang::En => MONTHS_EN[m - 1],
    };
    (d, month, y)
}

/// "22 November 2026, 14.05 WITA" (id) or "22 November 2026, 14:05 WITA" (en).
pub fn date_time(lang: Lang, ts: i64, zone: &str) -> String {
    let local = ts + zone_offset(zone) * 3600;
    let (d, month, y) = day_month_year(lang, local);
    let secs = local.rem_euclid(86_400);
    let sep = if lang == Lang::Id { '.' } else { ':' };
    format!("{d} {month} {y}, {:02}{sep}{:02} {zone}", secs / 3600, secs % 3600 / 60)
}

/// "2026-11-22T16:30:00Z", for feeds.
pub fn rfc3339(ts: i64) -> String {
    let (y, m, d) = civil(ts.div_euclid(86_400));
    let secs = ts.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_times_are_rfc3339_utc() {
        assert_eq!(rfc3339(1_795_365_000), "2026-11-22T16:30:00Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn dates_in_the_areas_zone_and_readers_language() {
        // 2026-11-22T16:30:00Z
        let ts = 1_795_365_000;
        assert_eq!(date_time(Lang::Id, ts, "WIB"), "22 November 2026, 23.30 WIB");
        assert_eq!(date_time(Lang::En, ts, "WIT"), "23 November 2026, 01:30 WIT");
        assert_eq!(date(Lang::Id, 0, "WIB"), "1 Januari 1970");
        assert_eq!(date(Lang::En, 951_782_400, "WIB"), "29 February 2000");
    }

    #[test]
    fn days_and_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(parse_date("2026-11-23"), Some(days_from_civil(2026, 11, 23)));
        assert_eq!(iso_day(days_from_civil(2024, 2, 29)), "2024-02-29");
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "26-11-23",
            "",
            "2026-11",
            "x-1-1",
            "2026-11-23-1",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        // 23 November 2026, 23:30 WIB is still the 23rd there, the 24th in WIT.
        let ts = end_of_day(days_from_civil(2026, 11, 23), "WIB") - 1800;
        assert_eq!(local_day(ts, "WIB"), days_from_civil(2026, 11, 23));
        assert_eq!(local_day(ts, "WIT"), days_from_civil(2026, 11, 24));
    }
}
