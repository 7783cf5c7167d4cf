//! The public-satisfaction index of PermenPANRB 14/2017 (*Survei Kepuasan
//! Masyarakat*) and deadlines counted in working days.
//!
//! A rating answers nine elements (*unsur*) on a 1–4 scale. Each element's
//! mean (*NRR*) is taken over the ratings; the index (*IKM*) is the mean of
//! the nine element means, times 25, so it runs from 25 to 100, and its grade
//! follows the regulation's table.

/// The nine elements, in the regulation's order.
pub const ELEMENTS: usize = 9;

/// Scores on one rating, element by element, each 1–4.
pub type Scores = [u8; ELEMENTS];

/// Whether every score is on the 1–4 scale.
pub fn valid(scores: &Scores) -> bool {
    scores.iter().all(|s| (1..=4).contains(s))
}

/// The quality grade of an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    /// *Sangat Baik*, 88.31–100.
    A,
    /// *Baik*, 76.61–88.30.
    B,
    /// *Kurang Baik*, 65.00–76.60.
    C,
    /// *Tidak Baik*, 25.00–64.99.
    D,
}

impl Grade {
    /// The grade of an index as published, to two decimals.
    pub fn of(ikm: f64) -> Grade {
        let hundredths = (ikm * 100.0).round() as i64;
        match hundredths {
            8831.. => Grade::A,
            7661.. => Grade::B,
            6500.. => Grade::C,
            _ => Grade::D,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }
}

/// The figures of a set of ratings.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// How many ratings.
    pub ratings: u64,
    /// Each element's mean score (1–4).
    pub elements: [f64; ELEMENTS],
    /// Mean of the element means × 25, rounded to two decimals.
    pub ikm: f64,
    pub grade: Grade,
}

/// The index from each element's score sum over `ratings` ratings (what a
/// `SUM` per element in SQL gives); none without ratings.
pub fn index(ratings: u64, sums: [u64; ELEMENTS]) -> Option<Index> {
    if ratings == 0 {
        return None;
    }
    let elements = sums.map(|s| s as f64 / ratings as f64);
    let mean = elements.iter().sum::<f64>() / ELEMENTS as f64;
    let ikm = (mean * 25.0 * 100.0).round() / 100.0;
    Some(Index {
        ratings,
        elements,
        ikm,
        grade: Grade::of(ikm),
    })
}

/// The index (IKM) of `ratings` ratings whose scores, all nine elements of
/// all of them, sum to `total`: the elements weigh equally, so their sums
/// need not be kept apart. None without ratings.
pub fn ikm_of_total(ratings: i64, total: i64) -> Option<f64> {
    (ratings > 0).then(|| (total as f64 / (ratings * ELEMENTS as i64) as f64 * 25.0 * 100.0).round() / 100.0)
}

/// The index of single ratings.
pub fn index_of(ratings: &[Scores]) -> Option<Index> {
    let mut sums = [0u64; ELEMENTS];
    for r in ratings {
        for (sum, s) in sums.iter_mut().zip(r) {
            *sum += u64::from(*s);
        }
    }
    index(ratings.len() as u64, sums)
}

/// Day of the week of a day counted from 1970-01-01 (a Thursday): 0 is
/// Monday, 6 Sunday.
pub fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// The day on which a period of `n` working days that starts after `day`
/// ends: weekends and the given holidays (days, sorted) do not count. A
/// complaint received on a Friday with 3 working days is due by the end of
/// Wednesday.
pub fn add_working_days(day: i64, n: u32, holidays: &[i64]) -> i64 {
    let mut d = day;
    let mut left = n;
    while left > 0 {
        d += 1;
        if weekday(d) < 5 && holidays.binary_search(&d).is_err() {
            left -= 1;
        }
    }
    d
}

/// Working days from `today` to `due` (both days since 1970): how many are
/// left (0: due today), or, once `due` has passed, how many late (negative).
pub fn working_days_left(today: i64, due: i64, holidays: &[i64]) -> i64 {
    let working = |d: &i64| weekday(*d) < 5 && holidays.binary_search(d).is_err();
    if due >= today {
        (today + 1..=due).filter(working).count() as i64
    } else {
        -((due + 1..=today).filter(working).count() as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_from_a_total_is_the_index_of_the_ratings() {
        let ratings = [[4, 3, 4, 4, 2, 3, 4, 4, 3], [1, 2, 3, 4, 4, 3, 2, 1, 4]];
        let total: i64 = ratings.iter().flatten().map(|s| i64::from(*s)).sum();
        assert_eq!(ikm_of_total(2, total), index_of(&ratings).map(|i| i.ikm));
        assert_eq!(ikm_of_total(0, 0), None);
    }

    /// Days since 1970-01-01 of a day in November or December 2026
    /// (1 November 2026 is day 20,758).
    fn day(y: i64, m: i64, d: i64) -> i64 {
        assert!(y == 2026 && (11..=12).contains(&m));
        20_758 + if m == 12 { 30 } else { 0 } + d - 1
    }

    #[test]
    fn worked_example() {
        // Four residents rate an agency:
        //            U1 U2 U3 U4 U5 U6 U7 U8 U9
        //   first     4  3  3  4  3  4  4  3  3
        //   second    3  3  2  4  3  3  4  3  2
        //   third     4  4  3  4  4  4  4  3  3
        //   fourth    3  2  2  4  3  3  3  2  2
        // Element means: 3.50 3.00 2.50 4.00 3.25 3.50 3.75 2.75 2.50;
        // their mean 28.75 / 9 = 3.19444…; × 25 = 79.861… → 79.86, grade B.
        let ratings = [
            [4, 3, 3, 4, 3, 4, 4, 3, 3],
            [3, 3, 2, 4, 3, 3, 4, 3, 2],
            [4, 4, 3, 4, 4, 4, 4, 3, 3],
            [3, 2, 2, 4, 3, 3, 3, 2, 2],
        ];
        let i = index_of(&ratings).unwrap();
        assert_eq!(i.ratings, 4);
        assert_eq!(i.elements, [3.5, 3.0, 2.5, 4.0, 3.25, 3.5, 3.75, 2.75, 2.5]);
        assert_eq!(i.ikm, 79.86);
        assert_eq!(i.grade, Grade::B);
        assert_eq!(index_of(&[[4; 9]]).unwrap().ikm, 100.0);
        assert_eq!(index_of(&[[1; 9]]).unwrap().ikm, 25.0);
        assert_eq!(index_of(&[]), None);
    }

    #[test]
    fn grade_boundaries() {
        assert_eq!(Grade::of(100.0), Grade::A);
        assert_eq!(Grade::of(88.31), Grade::A);
        assert_eq!(Grade::of(88.30), Grade::B);
        assert_eq!(Grade::of(76.61), Grade::B);
        assert_eq!(Grade::of(76.60), Grade::C);
        assert_eq!(Grade::of(65.00), Grade::C);
        assert_eq!(Grade::of(64.99), Grade::D);
        assert_eq!(Grade::of(25.0), Grade::D);
        // Graded as published, to two decimals, whatever the float noise.
        assert_eq!(Grade::of(88.309_999_999), Grade::A);
        assert_eq!(Grade::of(76.609_999_999), Grade::B);
        assert_eq!(Grade::of(64.994), Grade::D);
    }

    #[test]
    fn scores_are_one_to_four() {
        assert!(valid(&[1, 2, 3, 4, 1, 2, 3, 4, 1]));
        assert!(!valid(&[0, 2, 3, 4, 1, 2, 3, 4, 1]));
        assert!(!valid(&[1, 2, 3, 4, 1, 2, 3, 4, 5]));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
        assert_eq!(weekday(day(2026, 11, 23)), 0, "2026-11-23 is a Monday");
        let fri = day(2026, 11, 20);
        assert_eq!(
            add_working_days(fri, 3, &[]),
            day(2026, 11, 25),
            "Friday + 3 → Wednesday"
        );
        let mon = day(2026, 11, 23);
        assert_eq!(
            add_working_days(mon, 5, &[]),
            day(2026, 11, 30),
            "Monday + 5 → next Monday"
        );
        assert_eq!(add_working_days(mon, 10, &[]), day(2026, 12, 7));
        // Received on a Saturday: the count starts on Monday.
        assert_eq!(add_working_days(day(2026, 11, 21), 1, &[]), mon);
        // Christmas (Friday 25 December 2026) and cuti bersama on the 24th.
        let holidays = [day(2026, 12, 24), day(2026, 12, 25)];
        assert_eq!(
            add_working_days(day(2026, 12, 22), 3, &holidays),
            day(2026, 12, 29),
            "Tuesday + 3 skips Thursday, Friday and the weekend"
        );
        assert_eq!(add_working_days(mon, 0, &holidays), mon);
    }

    #[test]
    fn working_days_left_skip_weekends_and_holidays_and_count_lateness() {
        // Friday 4 December 2026; Monday 7 December is a holiday here.
        let fri = day(2026, 12, 4);
        let hol = [day(2026, 12, 7)];
        assert_eq!(working_days_left(fri, fri, &hol), 0, "due today");
        assert_eq!(
            working_days_left(fri, day(2026, 12, 8), &hol),
            1,
            "the weekend and the holiday skipped"
        );
        assert_eq!(working_days_left(fri, day(2026, 12, 9), &[]), 3);
        assert_eq!(
            working_days_left(day(2026, 12, 9), fri, &hol),
            -2,
            "late: Tuesday and Wednesday"
        );
    }
}
