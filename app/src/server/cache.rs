//! What each app server keeps in memory, in its application state
//! ([`Caches`]): areas and categories for a few seconds ([`AreaCache`]), and
//! thread pages' posts while the database says they are current
//! ([`PostCache`], over [`Versioned`]).
//!
//! A [`Versioned`] entry remembers the version it was read at; a reader first
//! reads the current version (one small row it needs anyway) and takes the
//! entry only when the two agree. So every app server behind a load balancer
//! can keep its own copy and none ever shows a stale one: the database stays
//! the one source of truth, and the memory only saves re-reading unchanged
//! rows.
//!
//! Size is bounded by bytes, in two generations: new entries go to the young
//! one; when it holds `budget / 2` bytes it becomes the old one (the previous
//! old one is dropped). An entry found in the old generation moves back to
//! the young one, so what is read often stays and the rest ages out.
use crate::db::agencies::Agency;
use crate::db::areas::Area;
use crate::db::posts::PostRow;
use crate::domain::ids::ThreadId;
use crate::model::{AgencySummary, AreaChoice, Lang};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What each app server keeps in memory, in its application state.
#[derive(Default)]
pub struct Caches {
    pub areas: AreaCache,
    pub posts: PostCache,
}

/// Values by key, each kept with the version it was read at: by default a
/// row's `(version, count)`, but any value that can be compared will do.
pub struct Versioned<K, V, Ver = (i64, i64)> {
    gens: Mutex<Gens<K, V, Ver>>,
    half: usize,
}

struct Gens<K, V, Ver> {
    young: HashMap<K, Entry<V, Ver>>,
    young_bytes: usize,
    old: HashMap<K, Entry<V, Ver>>,
}

struct Entry<V, Ver> {
    version: Ver,
    bytes: usize,
    value: Arc<V>,
}

impl<K: Hash + Eq, V, Ver: PartialEq> Versioned<K, V, Ver> {
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
    pub fn get(&self, key: K, version: &Ver) -> Option<Arc<V>> {
        let mut g = self.gens.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = g.young.get(&key) {
            return (e.version == *version).then(|| e.value.clone());
        }
        let e = g.old.remove(&key)?;
        if e.version != *version {
            return None;
        }
        let value = e.value.clone();
        g.insert(key, e, self.half);
        Some(value)
    }

    /// Keeps `value`, read at `version` and about `bytes` large.
    pub fn put(&self, key: K, version: Ver, bytes: usize, value: Arc<V>) {
        let mut g = self.gens.lock().unwrap_or_else(|e| e.into_inner());
        g.old.remove(&key);
        g.insert(key, Entry { version, bytes, value }, self.half);
    }
}

impl<K: Hash + Eq, V, Ver> Gens<K, V, Ver> {
    fn insert(&mut self, key: K, e: Entry<V, Ver>, half: usize) {
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

/// What every page about an area shows besides its live lists: the area, its
/// ancestors, its children and the agencies serving it. Read on nearly every
/// page and changed rarely, so each server keeps it in memory (see [`AreaCache`]).
#[derive(Clone)]
pub struct AreaInfo {
    pub(crate) row: Area,
    pub(crate) ancestors: Vec<Area>,
    pub(crate) children: Vec<Area>,
    pub(crate) agencies: Vec<Agency>,
}

impl AreaInfo {
    pub fn path(&self) -> &str {
        &self.row.path
    }

    pub fn timezone(&self) -> &str {
        &self.row.timezone
    }

    pub fn name(&self) -> &str {
        &self.row.name
    }

    /// The agencies serving the area or an area above it, by name.
    pub fn agencies(&self) -> Vec<AgencySummary> {
        self.agencies.iter().map(agency_summary).collect()
    }
}

/// How long a server may show an area's cached counters (residents, last
/// activity) before reading them again. Writes on this server forget the
/// cache at once; other servers behind the same load balancer catch up
/// within this time.
pub(crate) const FRESH_FOR: Duration = Duration::from_secs(5);
/// Beyond this many cached areas, stale entries are dropped.
const MAX_CACHED: usize = 4096;

struct AreaEntry {
    loaded: Instant,
    /// Someone is already reading a fresh copy; others keep using this one.
    refreshing: bool,
    info: Arc<AreaInfo>,
}

/// (id, Indonesian name, English name) of every category.
pub type Categories = Arc<Vec<(i64, String, String)>>;

/// The per-server cache of [`AreaInfo`] and of the category list.
pub struct AreaCache {
    areas: Mutex<HashMap<i64, AreaEntry>>,
    pub(crate) categories: Mutex<Option<(Instant, Categories)>>,
    /// The provinces, for the home page and the picker's first step.
    pub(crate) provinces: Mutex<Option<(Instant, Arc<Vec<Area>>)>>,
    /// (area, category) sub-tree lists whose threads were too few among
    /// the newest of all areas to fill a page, and when that was seen.
    sparse: Mutex<HashMap<(i64, Option<i64>), Instant>>,
    /// Names of the areas above the type-ahead's matches. Only areas with
    /// areas below them land here: some 8,000 for the whole country, each a
    /// few dozen bytes.
    pub(crate) names: FreshMap<i64, Arc<str>>,
    /// The type-ahead's answers by (language, what was looked up): the
    /// same few letters are typed by many people ("s", "su", "suka", …).
    /// At most 2,048 answers of at most 20 areas: some 4 MB.
    pub(crate) searches: FreshMap<(Lang, String), Matches>,
    /// The newest proposals and public complaints filed in an area, for its
    /// page; forgotten when one is filed or published on this server.
    pub(crate) highlights: FreshMap<i64, Arc<Highlights>>,
}

/// What an area's page shows of its proposals and complaints.
#[derive(Debug, Default)]
pub struct Highlights {
    pub proposals: Vec<crate::model::AreaItem>,
    pub complaints: Vec<crate::model::AreaItem>,
}

/// A type-ahead answer: the matches, and whether there were more.
pub type Matches = Arc<(Vec<AreaChoice>, bool)>;

/// How long a sub-tree list found sparse is read by its own range first.
const SPARSE_FOR: Duration = Duration::from_secs(60);
/// How long a server shows what `server import-areas` changes (names
/// above search matches, the type-ahead's answers): only that command
/// renames areas or takes them off the official list, and a running server
/// shows the change within this time. (Not forgotten with
/// [`AreaCache::forget_areas`], which every new post calls.)
const IMPORTED_FRESH_FOR: Duration = Duration::from_secs(60);

impl Default for AreaCache {
    fn default() -> Self {
        AreaCache {
            areas: Mutex::default(),
            categories: Mutex::default(),
            provinces: Mutex::default(),
            sparse: Mutex::default(),
            names: FreshMap::new(IMPORTED_FRESH_FOR, 16_384),
            searches: FreshMap::new(IMPORTED_FRESH_FOR, 2_048),
            highlights: FreshMap::new(FRESH_FOR, MAX_CACHED),
        }
    }
}

/// Values kept for a fixed time, at most `max` of them: when full, the
/// stale ones are dropped, then all.
pub struct FreshMap<K, V> {
    map: Mutex<HashMap<K, (Instant, V)>>,
    fresh_for: Duration,
    max: usize,
}

impl<K: Hash + Eq, V: Clone> FreshMap<K, V> {
    pub fn new(fresh_for: Duration, max: usize) -> Self {
        FreshMap {
            map: Mutex::default(),
            fresh_for,
            max,
        }
    }

    /// The fresh value of each key found (in `keys`' order), and the keys
    /// missing or stale.
    pub fn get_many<'k>(&self, keys: impl IntoIterator<Item = &'k K>) -> (Vec<(&'k K, V)>, Vec<&'k K>) {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let (mut known, mut missing) = (Vec::new(), Vec::new());
        for k in keys {
            match map.get(k) {
                Some((at, v)) if at.elapsed() < self.fresh_for => known.push((k, v.clone())),
                _ => missing.push(k),
            }
        }
        (known, missing)
    }

    pub fn get(&self, key: &K) -> Option<V> {
        self.get_many([key]).0.pop().map(|(_, v)| v)
    }

    pub fn clear(&self) {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    pub fn put(&self, read: impl IntoIterator<Item = (K, V)>) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= self.max {
            map.retain(|_, (at, _)| at.elapsed() < self.fresh_for);
            if map.len() >= self.max {
                map.clear();
            }
        }
        let now = Instant::now();
        for (k, v) in read {
            map.insert(k, (now, v));
        }
    }
}

impl AreaCache {
    /// After a write that changes an area row (its counters) or the tree.
    pub fn forget_areas(&self) {
        self.areas.lock().unwrap_or_else(|e| e.into_inner()).clear();
        *self.provinces.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// A fresh enough copy, or `None` when the caller must read one. A stale
    /// copy is handed out while exactly one caller reads its replacement.
    pub(crate) fn area(&self, id: i64) -> Option<Arc<AreaInfo>> {
        let mut areas = self.areas.lock().unwrap_or_else(|e| e.into_inner());
        let e = areas.get_mut(&id)?;
        if e.loaded.elapsed() < FRESH_FOR || e.refreshing {
            return Some(e.info.clone());
        }
        e.refreshing = true;
        None
    }

    pub(crate) fn put_area(&self, id: i64, info: Arc<AreaInfo>) {
        let mut areas = self.areas.lock().unwrap_or_else(|e| e.into_inner());
        if areas.len() >= MAX_CACHED {
            areas.retain(|_, e| e.loaded.elapsed() < FRESH_FOR);
        }
        let entry = AreaEntry {
            loaded: Instant::now(),
            refreshing: false,
            info,
        };
        areas.insert(id, entry);
    }

    /// Was this sub-tree list found sparse lately (see [`Self::mark_sparse`])?
    pub(crate) fn is_sparse(&self, key: (i64, Option<i64>)) -> bool {
        let sparse = self.sparse.lock().unwrap_or_else(|e| e.into_inner());
        sparse.get(&key).is_some_and(|seen| seen.elapsed() < SPARSE_FOR)
    }

    /// The newest threads of all areas did not fill a page of this sub-tree
    /// list: for a while, read it by its own range only.
    pub(crate) fn mark_sparse(&self, key: (i64, Option<i64>)) {
        let mut sparse = self.sparse.lock().unwrap_or_else(|e| e.into_inner());
        if sparse.len() >= MAX_CACHED {
            sparse.retain(|_, seen| seen.elapsed() < SPARSE_FOR);
            if sparse.len() >= MAX_CACHED {
                // Many lists at once: forgetting only costs a read.
                sparse.clear();
            }
        }
        sparse.insert(key, Instant::now());
    }

    pub(crate) fn unrefresh(&self, id: i64) {
        if let Some(e) = self.areas.lock().unwrap_or_else(|e| e.into_inner()).get_mut(&id) {
            e.refreshing = false;
        }
    }
}

pub(crate) fn agency_summary(a: &Agency) -> AgencySummary {
    AgencySummary {
        id: a.id.0,
        name: a.name.clone(),
    }
}

/// Which posts of a thread: the replies at positions `after + 1 ..= after +
/// n`, with the opening post or not.
pub type PostsKey = (ThreadId, i64, i64, bool);

/// The posts of recently read thread pages, each kept with the thread's
/// `(version, post_count)` it was read at. A new post raises post_count;
/// database triggers raise version on any change to a post or its author's
/// name (migration 0006). About 32 MiB of post HTML.
pub struct PostCache(pub(crate) Versioned<PostsKey, Vec<PostRow>>);

impl Default for PostCache {
    fn default() -> Self {
        PostCache(Versioned::new(32 << 20))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_map_keeps_values_for_a_while_and_at_most_max() {
        let m = FreshMap::new(Duration::from_secs(60), 2);
        m.put([(1, "a"), (2, "b")]);
        assert_eq!(m.get(&1), Some("a"));
        assert_eq!(m.get_many(&[2, 3]), (vec![(&2, "b")], vec![&3]));
        // Full of fresh values: all go for the new one.
        m.put([(3, "c")]);
        assert_eq!((m.get(&1), m.get(&3)), (None, Some("c")));
        let stale = FreshMap::new(Duration::ZERO, 10);
        stale.put([(1, "a")]);
        assert_eq!(stale.get(&1), None);
    }

    #[test]
    fn an_entry_serves_only_its_version() {
        let c = Versioned::new(1000);
        c.put(1, (3, 10), 10, Arc::new("a"));
        assert_eq!(c.get(1, &(3, 10)).as_deref(), Some(&"a"));
        assert_eq!(c.get(1, &(4, 10)), None);
        assert_eq!(c.get(1, &(3, 11)), None);
        assert_eq!(c.get(2, &(3, 10)), None);
        c.put(1, (4, 10), 10, Arc::new("b"));
        assert_eq!(c.get(1, &(4, 10)).as_deref(), Some(&"b"));
    }

    #[test]
    fn size_stays_bounded_and_what_is_read_stays() {
        let c = Versioned::new(100);
        c.put(0, (0, 0), 10, Arc::new(0));
        for k in 1..1000 {
            c.put(k, (0, 0), 10, Arc::new(k));
            // Key 0 is read all the time: it never ages out.
            assert_eq!(c.get(0, &(0, 0)).as_deref(), Some(&0));
            let g = c.gens.lock().unwrap();
            assert!(
                g.young.len() + g.old.len() <= 10,
                "{} entries",
                g.young.len() + g.old.len()
            );
        }
        assert_eq!(c.get(1, &(0, 0)), None);
        assert_eq!(c.get(999, &(0, 0)).as_deref(), Some(&999));
    }

    #[test]
    fn a_sparse_list_is_remembered_for_its_area_and_category_only() {
        let c = AreaCache::default();
        assert!(!c.is_sparse((68, None)));
        c.mark_sparse((68, None));
        assert!(c.is_sparse((68, None)));
        assert!(!c.is_sparse((68, Some(2))) && !c.is_sparse((69, None)));
        for id in 0..2 * MAX_CACHED as i64 {
            c.mark_sparse((id, Some(1)));
        }
        assert!(c.sparse.lock().unwrap().len() <= MAX_CACHED);
    }
}
