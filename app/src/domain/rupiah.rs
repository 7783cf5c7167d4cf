//! Rupiah amounts as people in Indonesia write them: `45.000.000`,
//! `Rp 45.000.000,00`, `Rp45.000.000,-`, `45 juta`, `1,5 miliar`. Dots group
//! thousands and a comma starts decimals, so whatever could be read two ways
//! (`1.5`, `45,000`, `1,500,000.00`) is refused with an example instead of
//! guessed: a wrong guess is a budget 100 or 1,000 times off in a record that
//! can never be edited.
use crate::error::{AmountProblem, AppError, AppResult, FieldProblem};

/// Largest amount accepted: ten trillion rupiah (more than a large city's
/// yearly budget).
pub const MAX_RUPIAH: i64 = 10_000_000_000_000;

/// A whole, non-negative number of rupiah up to [`MAX_RUPIAH`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rupiah(i64);

impl Rupiah {
    /// Reads an amount typed into `field`; blank is [`FieldProblem::Required`].
    pub fn parse(field: &str, raw: &str) -> AppResult<Rupiah> {
        read(raw).map_err(|p| match p {
            Read::Blank => AppError::field(field, FieldProblem::Required),
            Read::Bad(amount) => AppError::field(field, FieldProblem::Amount { amount }),
        })
    }

    /// Like [`Rupiah::parse`], but a blank field means no amount.
    pub fn parse_optional(field: &str, raw: &str) -> AppResult<Option<Rupiah>> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        Rupiah::parse(field, raw).map(Some)
    }

    pub fn value(self) -> i64 {
        self.0
    }
}

/// The person must have seen `amount` as the server understood it before it
/// is written: the form sends back, in `{field}_confirmed`, the number it was
/// shown. Anything else (nothing yet, or a number for what was typed before
/// an edit) asks again, carrying the amount for the form to show in figures
/// and words.
pub fn confirmed(field: &str, amount: Option<Rupiah>, confirmation: &str) -> AppResult<()> {
    match amount {
        Some(a) if confirmation.trim() != a.0.to_string() => Err(AppError::ConfirmAmount {
            field: field.to_owned(),
            amount: a.0,
        }),
        _ => Ok(()),
    }
}

enum Read {
    Blank,
    Bad(AmountProblem),
}

use AmountProblem::{Ambiguous, Format, Fraction, Negative, TooLarge};

fn bad<T>(p: AmountProblem) -> Result<T, Read> {
    Err(Read::Bad(p))
}

/// Strips `prefix` at the start of `s`, ignoring ASCII case.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

fn read(raw: &str) -> Result<Rupiah, Read> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(Read::Blank);
    }
    let is_minus = |c: char| matches!(c, '-' | '\u{2212}' | '\u{2013}');
    if s.starts_with(is_minus) {
        return bad(Negative);
    }
    // "Rp", "Rp.", "IDR", with or without a space.
    let mut s = s;
    for prefix in ["rp", "idr"] {
        if let Some(rest) = strip_prefix_ci(s, prefix) {
            s = rest.strip_prefix('.').unwrap_or(rest).trim_start();
            break;
        }
    }
    if s.starts_with(is_minus) {
        return bad(Negative);
    }
    // "Rp 45.000,-": no cents. "45 juta rupiah": the unit again.
    let s = s.strip_suffix(",-").unwrap_or(s).trim_end();
    let lower = s.to_lowercase();
    let s = match lower.strip_suffix("rupiah") {
        Some(rest) if !rest.is_empty() => rest.trim_end(),
        _ => lower.as_str(),
    };
    // A scale word after the number: "45 juta", "1,5 miliar", "45jt".
    let split = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(s.len(), |(i, _)| i);
    let (number, word) = (s[..split].trim_end(), &s[split..]);
    let scale: u128 = match word {
        "" => 1,
        "ribu" | "rb" => 1_000,
        "juta" | "jt" => 1_000_000,
        "miliar" | "milyar" => 1_000_000_000,
        "triliun" | "trilyun" => 1_000_000_000_000,
        _ => return bad(Format),
    };
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return bad(Format);
    }
    let (int, frac) = match number.split_once(',') {
        Some((_, f)) if f.contains(',') => return bad(Ambiguous), // "1,500,000": English thousands
        Some((_, f)) if f.contains('.') => return bad(Ambiguous), // "45,000.00"
        Some((i, f)) => (i, Some(f)),
        None => (number, None),
    };
    // The whole part: plain digits, or thousands in groups of three after dots.
    let mut groups = int.split('.');
    let first = groups.next().unwrap_or_default();
    let dotted = int.contains('.');
    let leading_zero = first.starts_with('0') && (first.len() > 1 || dotted);
    if first.is_empty() || (dotted && first.len() > 3) || leading_zero {
        return bad(Format);
    }
    for g in groups {
        match g.len() {
            0 => return bad(Format),
            // "1.5", "45.00": a decimal point or a thousands dot? Either reading is a guess.
            1 | 2 => return bad(Ambiguous),
            3 => {}
            _ => return bad(Format),
        }
    }
    let digits: String = int.chars().filter(char::is_ascii_digit).collect();
    if digits.len() > 20 {
        return bad(TooLarge);
    }
    let whole: u128 = digits.parse().map_err(|_| Read::Bad(Format))?;
    let mut value = whole.checked_mul(scale).ok_or(Read::Bad(TooLarge))?;
    if let Some(f) = frac {
        if f.is_empty() || f.len() > 12 {
            return bad(Format);
        }
        // "45,000" alone: forty-five thousand in English, forty-five here.
        if scale == 1 && !dotted && f.len() == 3 {
            return bad(Ambiguous);
        }
        let den = 10u128.pow(f.len() as u32);
        let num = f.parse::<u128>().map_err(|_| Read::Bad(Format))? * scale;
        if !num.is_multiple_of(den) {
            return bad(Fraction);
        }
        value = value.checked_add(num / den).ok_or(Read::Bad(TooLarge))?;
    }
    if value > MAX_RUPIAH as u128 {
        return bad(TooLarge);
    }
    Ok(Rupiah(value as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(raw: &str) -> FieldProblem {
        match Rupiah::parse("cost", raw) {
            Err(AppError::Field { field, problem }) => {
                assert_eq!(field, "cost");
                problem
            }
            other => panic!("{raw:?} should be refused, got {other:?}"),
        }
    }

    #[test]
    fn amounts_are_read_as_written() {
        let accepted: &[(&str, i64)] = &[
            ("45000000", 45_000_000),
            ("45.000.000", 45_000_000),
            ("45.000.000,00", 45_000_000),
            ("45.000.000,0", 45_000_000),
            ("45.000.000,000", 45_000_000),
            ("45000000,00", 45_000_000),
            ("Rp 45.000.000", 45_000_000),
            ("Rp45.000.000", 45_000_000),
            ("Rp. 45.000.000,00", 45_000_000),
            ("Rp.45.000.000", 45_000_000),
            ("rp 45.000.000", 45_000_000),
            ("RP 45.000.000,-", 45_000_000),
            ("IDR 45.000.000", 45_000_000),
            ("  Rp 165.000.000,00  ", 165_000_000),
            ("45.000.000 rupiah", 45_000_000),
            ("Rp 45 juta", 45_000_000),
            ("45 juta", 45_000_000),
            ("45juta", 45_000_000),
            ("45 JUTA", 45_000_000),
            ("45 jt", 45_000_000),
            ("1,5 miliar", 1_500_000_000),
            ("1,5 milyar", 1_500_000_000),
            ("Rp 2 miliar", 2_000_000_000),
            ("1,25 juta", 1_250_000),
            ("1.500 juta", 1_500_000_000),
            ("750 ribu", 750_000),
            ("750rb", 750_000),
            ("10 triliun", MAX_RUPIAH),
            ("1,5 triliun", 1_500_000_000_000),
            ("45 juta rupiah", 45_000_000),
            ("1.000", 1_000),
            ("999", 999),
            ("0", 0),
            ("Rp 10.000.000.000.000,00", MAX_RUPIAH),
        ];
        for (raw, value) in accepted {
            assert_eq!(Rupiah::parse("cost", raw).map(Rupiah::value), Ok(*value), "{raw:?}");
        }
    }

    #[test]
    fn what_could_be_read_two_ways_is_refused() {
        let amount = |amount| FieldProblem::Amount { amount };
        let refused: &[(&str, FieldProblem)] = &[
            ("", FieldProblem::Required),
            ("   ", FieldProblem::Required),
            ("1.5", amount(Ambiguous)),
            ("45.00", amount(Ambiguous)),
            ("1.5 juta", amount(Ambiguous)),
            ("45,000", amount(Ambiguous)),
            ("1,500,000", amount(Ambiguous)),
            ("45,000,000.00", amount(Ambiguous)),
            ("45,000.00", amount(Ambiguous)),
            ("45.000.00", amount(Ambiguous)),
            ("45.000,5", amount(Fraction)),
            ("45,50", amount(Fraction)),
            ("1,2345678 juta", amount(Fraction)),
            ("-5000", amount(Negative)),
            ("Rp -5.000", amount(Negative)),
            ("\u{2212}5.000", amount(Negative)),
            ("10.000.000.000.001", amount(TooLarge)),
            ("11 triliun", amount(TooLarge)),
            ("999999999999999999999999", amount(TooLarge)),
            ("lima juta", amount(Format)),
            ("45 million", amount(Format)),
            ("45 000 000", amount(Format)),
            ("45..000", amount(Format)),
            ("45.0000", amount(Format)),
            ("4500.000", amount(Format)),
            (".500", amount(Format)),
            ("500.", amount(Format)),
            (",5", amount(Format)),
            ("007", amount(Format)),
            ("0.500", amount(Format)),
            ("Rp", amount(Format)),
            ("juta", amount(Format)),
            ("45 juta 500 ribu", amount(Format)),
            ("45$", amount(Format)),
            ("1e6", amount(Format)),
        ];
        for (raw, p) in refused {
            assert_eq!(problem(raw), *p, "{raw:?}");
        }
    }

    #[test]
    fn blank_is_no_amount_where_the_amount_is_optional() {
        assert_eq!(Rupiah::parse_optional("cost", "  "), Ok(None));
        assert_eq!(
            Rupiah::parse_optional("cost", "Rp 45 juta").map(|r| r.map(Rupiah::value)),
            Ok(Some(45_000_000))
        );
        assert!(Rupiah::parse_optional("cost", "1.5").is_err());
    }

    #[test]
    fn an_amount_is_written_only_once_it_was_shown_as_understood() {
        let a = Rupiah::parse("budget", "Rp 165.000.000,00").ok();
        assert_eq!(
            confirmed("budget", a, ""),
            Err(AppError::ConfirmAmount {
                field: "budget".into(),
                amount: 165_000_000
            })
        );
        // Confirmed for what was typed before an edit: asked again.
        assert!(confirmed("budget", a, "16500000000").is_err());
        assert_eq!(confirmed("budget", a, " 165000000 "), Ok(()));
        assert_eq!(confirmed("budget", None, ""), Ok(()));
    }
}
