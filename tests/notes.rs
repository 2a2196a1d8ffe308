//! The shipped data in two files (`youcheng-data split-notes`): the pairs without their notes,
//! then the notes and sources by id, give the map the same pairs as the one file; a bad notes
//! file changes nothing.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use common::read;
use youcheng::app::App;
use youcheng::dataset::split_notes;

fn app_with(partnerships: &[u8]) -> App {
    common::app_with(800.0, 500.0, partnerships)
}

#[test]
fn the_two_files_give_the_pairs_of_the_one() {
    let full = read("data/partnerships.csv");
    let (data, notes) = split_notes(&full).expect("split");
    assert!(
        data.len() < full.len() * 3 / 4,
        "{} of {} bytes",
        data.len(),
        full.len()
    );
    let whole = app_with(&full);
    let mut split = app_with(&data);
    let with_note = whole
        .rows()
        .iter()
        .filter(|d| !d.note.is_empty() || !d.note_zh.is_empty())
        .count();
    assert!(with_note > 100, "{with_note} pairs with a note");
    assert!(split
        .rows()
        .iter()
        .all(|d| d.note.is_empty() && d.note_zh.is_empty()));
    // A row for every pair: each has a source.
    let r = split.load_notes("notes.csv", &notes);
    assert!(r.ok, "{:?}", r.errors.first());
    assert_eq!(r.pairs, whole.rows().len());
    assert!(String::from_utf8(notes.clone())
        .expect("utf-8")
        .starts_with("id,note,note_zh,sources\n"));
    assert_eq!(
        split.rows(),
        whole.rows(),
        "every pair and every detail, notes too"
    );
}

#[test]
fn a_bad_notes_file_is_refused_whole_and_changes_nothing() {
    let (data, _) = split_notes(&read("data/partnerships.csv")).expect("split");
    let mut app = app_with(&data);
    let before = app.rows();
    let id = &before[0].row.id;
    for (bad, code, line) in [
        (
            format!("id,note,note_zh\n{id},fine,好\nno-such-pair,a note,\n"),
            "unknown-id",
            3,
        ),
        (
            format!("id,note,note_zh\n{id},<img src=x onerror=alert(1)>,\n"),
            "markup",
            2,
        ),
        ("note\nno id column\n".to_string(), "missing-column", 1),
        (
            format!(
                "id,note,note_zh,sources\n{id},a note,,https://example.org | Example\n{},,,\n",
                before[1].row.id
            ),
            "empty",
            3,
        ),
    ] {
        let r = app.load_notes("notes.csv", bad.as_bytes());
        assert!(!r.ok, "{bad}");
        let e = &r.errors[0];
        assert_eq!((e.code, e.line), (code, line), "{bad}");
        assert_eq!(app.rows(), before, "nothing changed by {bad}");
    }
    // A notes file without the sources column (as written before they moved) sets the notes
    // and leaves the sources as they were.
    let r = app.load_notes(
        "notes.csv",
        format!("id,note,note_zh\n{id},a note,注\n").as_bytes(),
    );
    assert!(r.ok, "{:?}", r.errors.first());
    let after = app.rows();
    assert_eq!(
        (after[0].note.as_str(), after[0].sources.len()),
        ("a note", before[0].sources.len())
    );
    assert!(!before[0].sources.is_empty());
}

/// The notes in binary (`notes.bin`, what the page reads: no CSV reader needed) give the pairs
/// what the CSV gives; the same checks refuse a bad row (with its CSV line); a damaged file is
/// refused whole, never a panic.
#[test]
fn the_binary_notes_give_what_the_csv_gives_and_a_damaged_file_is_refused() {
    use youcheng::dataset::{notes_binary, NOTES_MAGIC};
    let full = read("data/partnerships.csv");
    let (data, notes) = split_notes(&full).expect("split");
    let bin = notes_binary(&notes).expect("binary");
    assert!(bin.starts_with(NOTES_MAGIC));
    let (mut from_csv, mut from_bin) = (app_with(&data), app_with(&data));
    assert!(from_csv.load_notes("notes.csv", &notes).ok);
    let r = from_bin.load_notes("notes.bin", &bin);
    assert!(r.ok, "{:?}", r.errors.first());
    assert_eq!(
        from_bin.rows(),
        from_csv.rows(),
        "the same notes and sources"
    );
    // A row the checks refuse: an unknown id, on the line the CSV file has it.
    let bad = format!(
        "{}no-such-pair,a note,,https://example.org/x\n",
        String::from_utf8(notes.clone()).expect("utf-8")
    );
    let lines = bad.lines().count() as u64;
    let mut app = app_with(&data);
    let before = app.rows();
    let r = app.load_notes("notes.bin", &notes_binary(bad.as_bytes()).expect("binary"));
    assert!(!r.ok);
    assert_eq!((r.errors[0].code, r.errors[0].line), ("unknown-id", lines));
    assert_eq!(app.rows(), before, "nothing changed");
    // Cut short anywhere, or not a notes file: refused, nothing changed.
    for len in (NOTES_MAGIC.len()..bin.len()).step_by(1009) {
        let r = app.load_notes("notes.bin", &bin[..len]);
        assert!(!r.ok, "cut to {len}");
        assert_eq!(r.errors[0].code, "not-packed");
    }
    assert!(!app.load_notes("notes.bin", NOTES_MAGIC).ok);
    assert_eq!(app.rows(), before);
}
