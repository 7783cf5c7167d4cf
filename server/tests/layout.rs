#![allow(clippy::unwrap_used)]
//! The shape of the code (issue 18): no source file over 700 lines, tests
//! aside, so that each file keeps to one job.
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
