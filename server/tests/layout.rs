#![allow(clippy::unwrap_used)]
//! The shape of the code (issue 18): no source file over 700 lines (tests
//! aside), and no import cycles between the modules of the app crate. Run
//! `cargo test -p server --test layout -- --nocapture` to print the module
//! graph.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 700;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The file's text without its `#[cfg(test)] mod tests { … }` (to the end
/// of the file, where Rembuk keeps it).
fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    }
}

#[test]
fn no_source_file_is_over_700_lines() {
    let root = root();
    let mut files = Vec::new();
    for dir in ["app/src", "server/src", "server/bench/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let n = without_tests(&text).lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", f.strip_prefix(&root).unwrap().display()))
        })
        .collect();
    long.sort();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:#?}");
}

/// `app/src/server/forums/threads.rs` → `["server", "forums", "threads"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// Expands a `use` tree (`a::{b, c::{d, e}}`) into its paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or("").trim().to_owned()];
    };
    let prefix = tree[..open].trim_end_matches("::").trim();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| {
            if p == "self" {
                prefix.to_owned()
            } else {
                format!("{prefix}::{p}")
            }
        })
        .collect()
}

/// Every `crate::…`, `super::…` and `self::…` path the code names, resolved
/// to an absolute module path.
fn references(module: &[String], modules: &BTreeSet<Vec<String>>, code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    // `use` statements, braces expanded.
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        rest = &rest[at + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(end) = rest.find(';') {
            paths.extend(expand(&rest[..end]));
        }
    }
    // Paths written inline.
    let bytes = code.as_bytes();
    let children = modules
        .iter()
        .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
        .map(|m| format!("{}::", m[module.len()]));
    let starts: Vec<String> = ["crate::", "super::", "self::"]
        .map(String::from)
        .into_iter()
        .chain(children)
        .collect();
    for start in &starts {
        let start = start.as_str();
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':') {
                continue;
            }
            if code[from..].starts_with('{') {
                continue; // `use super::{…}`: expanded above
            }
            let end = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            paths.push(code[at..end].trim_end_matches(':').to_owned());
        }
    }
    paths
        .into_iter()
        .filter_map(|p| {
            let segs: Vec<&str> = p.split("::").collect();
            let mut base: Vec<String> = match segs.first()? {
                &"crate" => Vec::new(),
                // A file's path already says where it sits: `super` is
                // its parent whether it is `x.rs` or `x/mod.rs`.
                &"super" | &"self" => module.to_vec(),
                // A child module named without `self::` (`use limits::Held`).
                child if modules.contains(&[module, &[child.to_string()]].concat()) => {
                    let mut base = module.to_vec();
                    base.push(child.to_string());
                    return Some([base, segs[1..].iter().map(|s| s.to_string()).collect()].concat());
                }
                _ => return None,
            };
            let mut i = 0;
            if segs[0] != "crate" {
                while i < segs.len() && (segs[i] == "super" || segs[i] == "self") {
                    if segs[i] == "super" {
                        base.pop();
                    }
                    i += 1;
                }
            } else {
                i = 1;
            }
            base.extend(segs[i..].iter().map(|s| s.to_string()));
            Some(base)
        })
        .collect()
}

/// The unit a module belongs to in the graph: the second level under a
/// layer folder (`server::forums`, `db::threads`, `pages::proposal`), the
/// top level otherwise (`model`, `error`).
fn unit(path: &[String], modules: &BTreeSet<Vec<String>>) -> Option<String> {
    // The longest prefix that is a module of ours.
    let known = (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))?;
    let layered = ["server", "db", "domain", "api", "pages", "components", "i18n"];
    let depth = if layered.contains(&known[0].as_str()) { 2 } else { 1 };
    Some(known[..known.len().min(depth)].join("::"))
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("app/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let module = module_of(&src, f);
        let from = unit(&module, &modules).unwrap_or_else(|| "lib".into());
        let text = std::fs::read_to_string(f).unwrap();
        // Comments (doc links included) name modules without using them.
        let code: String = without_tests(&text)
            .lines()
            .map(|l| l.split_once("//").map_or(l, |(code, _)| code))
            .collect::<Vec<_>>()
            .join("\n");
        for r in references(&module, &modules, &code) {
            if let Some(to) = unit(&r, &modules) {
                if to != from {
                    // LAYOUT_WHY=a->b prints the references behind an edge.
                    if std::env::var("LAYOUT_WHY").is_ok_and(|w| w == format!("{from}->{to}")) {
                        println!("{}: {}", f.strip_prefix(&src).unwrap().display(), r.join("::"));
                    }
                    edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
        edges.entry(from).or_default();
    }
    edges
}

/// Strongly connected components with more than one unit (Tarjan).
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn app_modules_import_each_other_without_cycles() {
    let g = graph();
    for (from, to) in &g {
        println!("{from} -> {}", to.iter().cloned().collect::<Vec<_>>().join(", "));
    }
    let found = cycles(&g);
    assert!(found.is_empty(), "import cycles between modules: {found:#?}");
}

#[test]
fn lower_layers_never_import_higher_ones() {
    // The database layer knows tables, not requests; the domain knows rules,
    // not storage; neither renders anything. Shared widgets live in
    // `components`, which know no page; a page imports no other page (and
    // `app`, the shell and route table, is imported by nobody).
    let g = graph();
    let mut wrong = Vec::new();
    for (from, to) in &g {
        let layer = from.split("::").next().unwrap_or("");
        let forbidden: &[&str] = match layer {
            "db" => &["server", "api", "pages", "components", "app"],
            "domain" => &["db", "server", "api", "pages", "components", "app"],
            "server" => &["api", "pages", "components", "app"],
            "api" => &["pages", "components", "app"],
            "components" => &["pages", "app"],
            "pages" => &["pages", "app"],
            _ => &[],
        };
        for t in to {
            if forbidden.contains(&t.split("::").next().unwrap_or("")) {
                wrong.push(format!("{from} -> {t}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layering: {wrong:#?}");
}
