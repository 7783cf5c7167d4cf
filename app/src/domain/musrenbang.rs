//! Musrenbang: the tiers an usulan climbs, a stage's calendar, and the two
//! rules that turn ballots into a tier's result.
//!
//! A ballot approves usulan whose total cost fits the area's ceiling (pagu
//! indikatif). Both rules see the same ballots and are always shown side by
//! side; the cycle names the one its facilitators start from.
//!
//! - **Greedy** ([`greedy`]): usulan by approvals, most first (ties: the
//!   cheaper, then the older); each is selected if it still fits in what is
//!   left of the ceiling, otherwise skipped, and the walk goes on.
//! - **Equal shares** ([`equal_shares`]): the Method of Equal Shares with
//!   approval utilities (Peters, Pierczyński & Skowron, 2021). The ceiling is
//!   split equally among the voters. An usulan can be bought when its
//!   supporters together still hold its cost; among those, the one whose
//!   supporters each pay least (ρ: those with less than ρ left pay all they
//!   have, the rest pay ρ) is bought first, and each supporter's share is
//!   spent. When nothing more can be bought, the money left is filled by the
//!   greedy rule over the usulan not yet selected.
//!
//! Greedy lets a majority take the whole ceiling; equal shares gives each
//! group of voters the part of it their number earns.

/// The three tiers, from the bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// Desa or kelurahan.
    Village = 0,
    /// Kecamatan (distrik in Papua).
    District = 1,
    /// Kota or kabupaten: the plan itself.
    City = 2,
}

pub const TIERS: [Tier; 3] = [Tier::Village, Tier::District, Tier::City];

impl Tier {
    pub fn from_i64(n: i64) -> Option<Tier> {
        TIERS.get(usize::try_from(n).ok()?).copied()
    }

    pub fn n(self) -> i64 {
        self as i64
    }

    /// The depth of the tier's areas in the area tree (provinces are 0).
    pub fn depth(self) -> i64 {
        3 - self.n()
    }

    pub fn next(self) -> Option<Tier> {
        Tier::from_i64(self.n() + 1)
    }
}

/// Where a stage stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Upcoming,
    Submission,
    /// Between submission and voting: verification.
    Review,
    Voting,
    /// Voting closed; results being confirmed.
    Results,
    /// Past the date by which results are due.
    Closed,
}

impl Phase {
    pub fn code(self) -> &'static str {
        match self {
            Phase::Upcoming => "upcoming",
            Phase::Submission => "submission",
            Phase::Review => "review",
            Phase::Voting => "voting",
            Phase::Results => "results",
            Phase::Closed => "closed",
        }
    }
}

/// A stage's calendar, in Unix seconds: each window runs from the start of
/// its first day to the end of its last (the cycle's zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub submit_from: i64,
    pub submit_until: i64,
    pub vote_from: i64,
    pub vote_until: i64,
    pub result_by: i64,
}

impl Calendar {
    pub fn phase(&self, now: i64) -> Phase {
        if now < self.submit_from {
            Phase::Upcoming
        } else if now <= self.submit_until {
            Phase::Submission
        } else if now < self.vote_from {
            Phase::Review
        } else if now <= self.vote_until {
            Phase::Voting
        } else if now <= self.result_by {
            Phase::Results
        } else {
            Phase::Closed
        }
    }

    /// The dates follow one another (a window may be a single day).
    pub fn in_order(&self) -> bool {
        self.submit_from <= self.submit_until
            && self.submit_until < self.vote_from
            && self.vote_from <= self.vote_until
            && self.vote_until < self.result_by
    }

    pub fn may_submit(&self, now: i64) -> bool {
        self.phase(now) == Phase::Submission
    }

    pub fn may_vote(&self, now: i64) -> bool {
        self.phase(now) == Phase::Voting
    }

    /// Ballots are counted, and results confirmed, once voting has closed.
    pub fn voting_over(&self, now: i64) -> bool {
        now > self.vote_until
    }
}

/// A volume as people write it (`300`, `2,5`, `2.5`, `1.200`): whole
/// hundredths of the unit, or None if it is not a positive number with at
/// most two decimals (or is absurdly large).
pub fn parse_volume(raw: &str) -> Option<i64> {
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    // A comma is the decimal mark; a dot is one too unless it groups
    // thousands (`1.200`: three digits after each dot, and no comma).
    let (whole, frac) = match (t.find(','), t.matches('.').count()) {
        (Some(_), _) => {
            let (w, f) = t.split_once(',')?;
            (w.replace('.', ""), f.to_owned())
        }
        (None, 0) => (t.to_owned(), String::new()),
        (None, dots) => {
            let groups: Vec<&str> = t.split('.').collect();
            if groups[1..].iter().all(|g| g.len() == 3) {
                // Thousands: `1.200`, `12.500.000`.
                (groups.concat(), String::new())
            } else if dots == 1 {
                (groups[0].to_owned(), groups[1].to_owned())
            } else {
                return None;
            }
        }
    };
    if whole.is_empty() && frac.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 9
    {
        return None;
    }
    let w: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let f: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    let v = w * 100 + f;
    (v > 0).then_some(v)
}

/// A volume in hundredths as Indonesian writes it (`2,5`, `300`).
pub fn volume_text(v: i64) -> String {
    let (w, f) = (v / 100, v % 100);
    match f {
        0 => w.to_string(),
        f if f % 10 == 0 => format!("{w},{}", f / 10),
        f => format!("{w},{f:02}"),
    }
}

/// An usulan as the rules see it: its cost and how many approve it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub cost: i64,
    pub approvals: i64,
}

/// The order greedy looks at usulan: most approvals, then cheaper, then
/// older (lower id).
fn by_approvals(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    b.approvals
        .cmp(&a.approvals)
        .then(a.cost.cmp(&b.cost))
        .then(a.id.cmp(&b.id))
}

/// The greedy rule: ids selected, in the order selected. Usulan nobody
/// approved are never selected.
pub fn greedy(candidates: &[Candidate], ceiling: i64) -> Vec<i64> {
    let mut order: Vec<&Candidate> = candidates.iter().filter(|c| c.approvals > 0).collect();
    order.sort_by(|a, b| by_approvals(a, b));
    let mut left = ceiling;
    let mut out = Vec::new();
    for c in order {
        if c.cost <= left {
            left -= c.cost;
            out.push(c.id);
        }
    }
    out
}

/// The Method of Equal Shares (see the module's documentation) over
/// `ballots` (each the ids one voter approved): ids selected, in the order
/// selected, the greedy completion last.
pub fn equal_shares(candidates: &[Candidate], ballots: &[Vec<i64>], ceiling: i64) -> Vec<i64> {
    let voters = ballots.len();
    if voters == 0 || candidates.is_empty() {
        return Vec::new();
    }
    let index: std::collections::HashMap<i64, usize> = candidates.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut supporters: Vec<Vec<usize>> = vec![Vec::new(); candidates.len()];
    for (v, ballot) in ballots.iter().enumerate() {
        for id in ballot {
            if let Some(&c) = index.get(id) {
                supporters[c].push(v);
            }
        }
    }
    // Money in rupiah as f64: sums of up to 10^13 keep about three decimal
    // places, and comparisons allow for the rounding of the last digits.
    let share = ceiling as f64 / voters as f64;
    let mut budget = vec![share; voters];
    let mut chosen = vec![false; candidates.len()];
    let mut out = Vec::new();
    let mut spent = 0i64;
    loop {
        let mut best: Option<(f64, usize)> = None;
        for (c, cand) in candidates.iter().enumerate() {
            if chosen[c] || supporters[c].is_empty() || spent + cand.cost > ceiling {
                continue;
            }
            let Some(rho) = price(cand.cost as f64, &supporters[c], &budget) else {
                continue;
            };
            let better = match best {
                None => true,
                Some((r, b)) => {
                    let tol = 1e-9 * r.max(rho).max(1.0);
                    rho < r - tol || (rho <= r + tol && by_approvals(cand, &candidates[b]).is_lt())
                }
            };
            if better {
                best = Some((rho, c));
            }
        }
        let Some((rho, c)) = best else { break };
        chosen[c] = true;
        spent += candidates[c].cost;
        out.push(candidates[c].id);
        for &v in &supporters[c] {
            budget[v] = (budget[v] - rho).max(0.0);
        }
    }
    // Completion: what is left goes to the rest by the greedy rule.
    let rest: Vec<Candidate> = candidates
        .iter()
        .zip(&chosen)
        .filter(|(_, &c)| !c)
        .map(|(c, _)| *c)
        .collect();
    out.extend(greedy(&rest, ceiling - spent));
    out
}

/// The least ρ at which `supporters` can pay `cost` (each pays ρ, or all
/// they have left if that is less); None if together they cannot.
fn price(cost: f64, supporters: &[usize], budget: &[f64]) -> Option<f64> {
    let mut held: Vec<f64> = supporters.iter().map(|&v| budget[v]).collect();
    let total: f64 = held.iter().sum();
    if total < cost * (1.0 - 1e-12) - 1e-6 {
        return None;
    }
    held.sort_by(f64::total_cmp);
    let mut paid = 0.0;
    let n = held.len();
    for (i, &b) in held.iter().enumerate() {
        let rho = (cost - paid) / (n - i) as f64;
        if rho <= b {
            return Some(rho);
        }
        paid += b;
    }
    // Rounding: everyone pays all they have.
    held.last().copied()
}

/// Approvals per usulan from ballots (ids not among `ids` are ignored).
pub fn count(ids: &[i64], ballots: &[Vec<i64>]) -> Vec<i64> {
    let index: std::collections::HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut n = vec![0; ids.len()];
    for b in ballots {
        for id in b {
            if let Some(&i) = index.get(id) {
                n[i] += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cands(costs: &[(i64, i64)], ballots: &[Vec<i64>]) -> Vec<Candidate> {
        let ids: Vec<i64> = costs.iter().map(|c| c.0).collect();
        let n = count(&ids, ballots);
        costs
            .iter()
            .zip(n)
            .map(|(&(id, cost), approvals)| Candidate { id, cost, approvals })
            .collect()
    }

    fn repeat(b: &[i64], n: usize) -> Vec<Vec<i64>> {
        vec![b.to_vec(); n]
    }

    #[test]
    fn greedy_skips_what_does_not_fit_and_goes_on() {
        // X 80 (5 votes), Y 30 (4), Z 20 (3); ceiling 100: X, then Y would
        // make 110 and is skipped, Z makes 100.
        let mut ballots = repeat(&[1, 2, 3], 3);
        ballots.extend(repeat(&[1, 2], 1));
        ballots.extend(repeat(&[1], 1));
        let c = cands(&[(1, 80), (2, 30), (3, 20)], &ballots);
        assert_eq!(c.iter().map(|c| c.approvals).collect::<Vec<_>>(), [5, 4, 3]);
        assert_eq!(greedy(&c, 100), [1, 3]);
        // Nothing approved: nothing selected.
        assert_eq!(greedy(&cands(&[(9, 1)], &[]), 100), Vec::<i64>::new());
    }

    #[test]
    fn equal_shares_funds_the_minority_that_greedy_leaves_out() {
        // Ceiling 100; six voters approve A (50) and B (50), four approve C (40).
        // Greedy: A and B (6 approvals each) take it all.
        // Equal shares: each voter holds 10. A costs the six 8.33 each
        // (ρ = 50/6), C costs the four 10 each: A first. The six have 1.67
        // each left (10 in all): B is out of their reach. The four still hold
        // 40: C. 90 spent; B (50) does not fit the 10 left.
        let mut ballots = repeat(&[1, 2], 6);
        ballots.extend(repeat(&[3], 4));
        let c = cands(&[(1, 50), (2, 50), (3, 40)], &ballots);
        assert_eq!(greedy(&c, 100), [1, 2]);
        assert_eq!(equal_shares(&c, &ballots, 100), [1, 3]);
    }

    #[test]
    fn equal_shares_agrees_with_greedy_when_everyone_wants_the_same() {
        let ballots = repeat(&[1, 2, 3], 5);
        let c = cands(&[(1, 40), (2, 30), (3, 50)], &ballots);
        // Greedy: all tie on approvals, cheaper first: 2 (30), 1 (40), then 3 (50) does not fit.
        assert_eq!(greedy(&c, 100), [2, 1]);
        // Equal shares: ρ = cost/5, cheapest first; after 2 and 1 each holds
        // 20 - 6 - 8 = 6, 30 in all: 3 (50) is out of reach, and the
        // completion finds 30 left.
        assert_eq!(equal_shares(&c, &ballots, 100), [2, 1]);
    }

    #[test]
    fn equal_shares_completes_with_greedy() {
        // Ceiling 90, 9 voters hold 10 each. Five approve A (60): they hold
        // 50, A is out of reach. Four approve B (30): ρ = 7.5, bought.
        // Completion: 60 left, A fits.
        let mut ballots = repeat(&[1], 5);
        ballots.extend(repeat(&[2], 4));
        let c = cands(&[(1, 60), (2, 30)], &ballots);
        assert_eq!(equal_shares(&c, &ballots, 90), [2, 1]);
        assert_eq!(greedy(&c, 90), [1, 2]);
    }

    #[test]
    fn equal_shares_spends_exactly_what_voters_hold() {
        // Two voters, ceiling 100 (50 each); one approves A (50), the other
        // B (50): both are bought, exactly.
        let ballots = vec![vec![1], vec![2]];
        let c = cands(&[(1, 50), (2, 50)], &ballots);
        assert_eq!(equal_shares(&c, &ballots, 100), [1, 2]);
    }

    #[test]
    fn the_price_takes_all_of_those_who_hold_less() {
        // A 30 paid by two who hold 5 and 30: the first pays 5, the other 25.
        assert_eq!(price(30.0, &[0, 1], &[5.0, 30.0]), Some(25.0));
        assert_eq!(price(30.0, &[0, 1], &[15.0, 15.0]), Some(15.0));
        assert_eq!(price(31.0, &[0, 1], &[15.0, 15.0]), None);
    }

    #[test]
    fn tiers_and_phases() {
        assert_eq!(Tier::Village.depth(), 3);
        assert_eq!(Tier::City.depth(), 1);
        assert_eq!(Tier::District.next(), Some(Tier::City));
        assert_eq!(Tier::City.next(), None);
        assert_eq!(Tier::from_i64(3), None);
        let c = Calendar {
            submit_from: 10,
            submit_until: 19,
            vote_from: 30,
            vote_until: 39,
            result_by: 50,
        };
        assert!(c.in_order());
        let phases: Vec<_> = [9, 10, 19, 20, 30, 39, 40, 51]
            .iter()
            .map(|&t| c.phase(t).code())
            .collect();
        assert_eq!(
            phases,
            [
                "upcoming",
                "submission",
                "submission",
                "review",
                "voting",
                "voting",
                "results",
                "closed"
            ]
        );
        assert!(!Calendar { vote_from: 19, ..c }.in_order());
    }

    #[test]
    fn volumes_as_people_write_them() {
        assert_eq!(parse_volume("300"), Some(30_000));
        assert_eq!(parse_volume("2,5"), Some(250));
        assert_eq!(parse_volume("2.5"), Some(250));
        assert_eq!(parse_volume("1.200"), Some(120_000));
        assert_eq!(parse_volume("1.200,75"), Some(120_075));
        assert_eq!(parse_volume("0,05"), Some(5));
        for bad in ["", "0", "-3", "abc", "1,234", "2..5", "1e5", "9999999999"] {
            assert_eq!(parse_volume(bad), None, "{bad}");
        }
        assert_eq!(volume_text(250), "2,5");
        assert_eq!(volume_text(30_000), "300");
        assert_eq!(volume_text(5), "0,05");
    }
}
