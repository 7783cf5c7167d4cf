//! How much of the machine something other than the benchmark used while a
//! page was measured (Linux `/proc`): the server, the load generator and
//! PostgreSQL are the benchmark; a compiler running alongside is not, and
//! makes the numbers low.

/// CPU time so far, in clock ticks.
pub struct Sample {
    /// All CPUs: busy and in total.
    busy: u64,
    total: u64,
    /// This process and the PostgreSQL server's processes.
    ours: u64,
}

/// utime + stime of one `/proc/<pid>/stat`, and the command name.
fn process(stat: &str) -> Option<(&str, u64)> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let comm = stat.get(open + 1..close)?;
    let fields: Vec<&str> = stat.get(close + 1..)?.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((comm, utime + stime))
}

pub fn sample() -> Option<Sample> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let cpu: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal
    let busy = cpu
        .iter()
        .take(8)
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4)
        .map(|(_, v)| v)
        .sum();
    let total = cpu.iter().take(8).sum();
    let mut ours = process(&std::fs::read_to_string("/proc/self/stat").ok()?)?.1;
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) {
            if let Some(("postgres", ticks)) = process(&stat) {
                ours += ticks;
            }
        }
    }
    Some(Sample { busy, total, ours })
}

/// The share (0–1) of all CPU time between `a` and `b` that went to other
/// processes.
pub fn others(a: &Sample, b: &Sample) -> f64 {
    let total = b.total.saturating_sub(a.total).max(1);
    let busy = b.busy.saturating_sub(a.busy);
    busy.saturating_sub(b.ours.saturating_sub(a.ours)) as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_times_are_read_past_the_command_name() {
        let stat = "42 (post gres) S 1 42 42 0 -1 4194560 100 0 0 0 7 5 0 0 20 0 1 0 100 0";
        assert_eq!(process(stat), Some(("post gres", 12)));
    }
}
