//! Replays every committed fuzz input in `fuzz/regressions/<target>/` through the same harness
//! the fuzz targets run (`fuzz/src/lib.rs`): each must not panic and must return within a
//! second. Runs on stable with `cargo test`; the fuzzing itself is `make fuzz` (nightly).
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]
#![cfg(not(target_arch = "wasm32"))] // the fuzz inputs are replayed natively (the harness uses std::fs)

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(1);

fn replay(target: &str, run: fn(&[u8])) {
    harness::warm_up();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    // A target that never crashed has no directory (git keeps no empty ones).
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|p| p.is_file())
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => panic!("{}: {e}", dir.display()),
    };
    files.sort();
    println!("{target}: {} inputs", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let t0 = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| run(&data)));
        let took = t0.elapsed();
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        println!("{target}/{}: {took:?}", name.as_deref().unwrap_or("?"));
        if result.is_err() {
            failures.push(format!("{}: panicked", file.display()));
        } else if took > LIMIT {
            failures.push(format!("{}: took {took:?}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn dataset_csv_inputs() {
    replay("dataset_csv", harness::dataset_csv);
}

#[test]
fn dataset_steps_inputs() {
    replay("dataset_steps", harness::dataset_steps);
}

/// The seeds of the stepped-load target (every seed of `dataset_csv` in steps of 1 row and of 7
/// rows loading the valid rows) answer as the one-shot load: the target's property on its corpus.
#[test]
fn dataset_steps_seeds_answer_as_the_one_shot_load() {
    harness::warm_up();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/dataset_steps");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("the seed corpus") {
        let path = entry.expect("an entry").path();
        if path
            .file_name()
            .is_some_and(|f| f.to_string_lossy().starts_with("seed-"))
        {
            harness::dataset_steps(&std::fs::read(&path).expect("a seed"));
            n += 1;
        }
    }
    assert!(n >= 10, "{n} seeds");
}

#[test]
fn basemap_inputs() {
    replay("basemap", harness::basemap);
}

#[test]
fn urlstate_inputs() {
    replay("urlstate", harness::urlstate);
}

#[test]
fn interaction_inputs() {
    replay("interaction", harness::interaction);
}
