//! Reads kept in memory while the database says they are current.
//!
//! Each entry remembers the version it was read at; a reader first reads the
//! current version (one small row it needs anyway) and takes the entry only
//! when the two agree. So every app server behind a load balancer can keep
//! its own copy and none ever shows a stale one: the database stays the one
//! source of truth, and the memory only saves re-reading unchanged rows.
//!
//! Size is bounded by bytes, in two generations: new entries go to the young
//! one; when it holds `budget / 2` bytes it becomes the old one (the previous
//! old one is dropped). An entry found in the old generation moves back to
//! the young one, so what is read often stays and the rest ages out.
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

pub struct Versioned<K, V> {
    gens: Mutex<Gens<K, V>>,
    half: usize,
}

struct Gens<K, V> {
    young: HashMap<K, Entry<V>>,
    young_bytes: usize,
    old: HashMap<K, Entry<V>>,
}

struct Entry<V> {
    version: (i64, i64),
    bytes: usize,
    value: Arc<V>,
}

impl<K: Hash + Eq, V> Versioned<K, V> {
    /// A cache holding about `budget` bytes (as its callers count them).
    pub fn new(budget: usize) -> Self {
        Versioned {
            gens: Mutex::new(Gens {
                young: HashMap::new(),
                young_bytes: 0,
                old: HashMap::new(),
            }),
            half: (budget / 2).max(1),
        }
    }

    /// The value kept for `key`, if it was read at `version`.
    pub fn get(&self, key: K, version: (i64, i64)) -> Option<Arc<V>> {
        let mut g = self.gens.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = g.young.get(&key) {
            return (e.version == version).then(|| e.value.clone());
        }
        let e = g.old.remove(&key)?;
        if e.version != version {
            return None;
        }
        let value = e.value.clone();
        g.insert(key, e, self.half);
        Some(value)
    }

    /// Keeps `value`, read at `version` and about `bytes` large.
    pub fn put(&self, key: K, version: (i64, i64), bytes: usize, value: Arc<V>) {
        let mut g = self.gens.lock().unwrap_or_else(|e| e.into_inner());
        g.old.remove(&key);
        g.insert(key, Entry { version, bytes, value }, self.half);
    }
}

impl<K: Hash + Eq, V> Gens<K, V> {
    fn insert(&mut self, key: K, e: Entry<V>, half: usize) {
        self.young_bytes += e.bytes;
        if let Some(before) = self.young.insert(key, e) {
            self.young_bytes -= before.bytes;
        }
        if self.young_bytes >= half {
            self.old = std::mem::take(&mut self.young);
            self.young_bytes = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_serves_only_its_version() {
        let c = Versioned::new(1000);
        c.put(1, (3, 10), 10, Arc::new("a"));
        assert_eq!(c.get(1, (3, 10)).as_deref(), Some(&"a"));
        assert_eq!(c.get(1, (4, 10)), None);
        assert_eq!(c.get(1, (3, 11)), None);
        assert_eq!(c.get(2, (3, 10)), None);
        c.put(1, (4, 10), 10, Arc::new("b"));
        assert_eq!(c.get(1, (4, 10)).as_deref(), Some(&"b"));
    }

    #[test]
    fn size_stays_bounded_and_what_is_read_stays() {
        let c = Versioned::new(100);
        c.put(0, (0, 0), 10, Arc::new(0));
        for k in 1..1000 {
            c.put(k, (0, 0), 10, Arc::new(k));
            // Key 0 is read all the time: it never ages out.
            assert_eq!(c.get(0, (0, 0)).as_deref(), Some(&0));
            let g = c.gens.lock().unwrap();
            assert!(
                g.young.len() + g.old.len() <= 10,
                "{} entries",
                g.young.len() + g.old.len()
            );
        }
        assert_eq!(c.get(1, (0, 0)), None);
        assert_eq!(c.get(999, (0, 0)).as_deref(), Some(&999));
    }
}
