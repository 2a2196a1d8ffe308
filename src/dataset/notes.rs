//! The pairs' notes and sources in a file of their own. The build ships `partnerships.csv`
//! without its `note` and `note_zh` columns, and the notes with each pair's sources as
//! `notes.csv` (`id,note,note_zh,sources`), which the widget reads when a visitor first opens a
//! pair's details or exports the list: the notes are half of the data's bytes, and nothing on the
//! first map frame shows them. The sources are in both files: `partnerships.csv` must carry them
//! (the page reads it when it cannot read the pre-validated `shipped.bin`, and every pair needs a
//! source), and `shipped.bin` leaves them out (two thirds of its bytes, shown only in a pair's
//! details and the export; see [`Dataset::pack`](super::Dataset::pack)). Staff keep one
//! `data/partnerships.csv` with its notes; [`split_notes`] makes the two files from it.

use super::issue::{Issue, IssueLog, Problem};
use super::source::Sources;
use super::table::Table;
use super::validate::has_markup;
use super::Dataset;
use std::collections::HashMap;

/// The columns the notes file holds beside `id` (and [`SOURCES_COLUMN`]).
pub const NOTE_COLUMNS: [&str; 2] = ["note", "note_zh"];

/// The pairs' sources, the notes file's last column: read as the partnerships file's (see
/// [`super::parse_sources`]); a file without it (written before the sources moved) sets notes only.
pub const SOURCES_COLUMN: &str = "sources";

/// Sets the notes of `bytes` (a CSV with `id`, `note`, `note_zh` and `sources`, in any encoding
/// the loader reads) on the pairs of `ds` with those ids → how many rows it set. Every problem
/// (an id not in the data, markup in a note, an empty `sources` cell, a file that is not such a
/// table) is an error, and then nothing is set: the data stays as it was. With a `sources`
/// column, the data's sources are the file's from then on ([`Dataset::sources_apart`] cleared).
pub fn apply_notes(ds: &mut Dataset, file: &str, bytes: &[u8]) -> Result<usize, Vec<Issue>> {
    let mut issues = IssueLog::new();
    let mut found = Vec::new();
    let mut with_sources = false;
    if let Some(t) = Table::read(file, bytes, &["id"], &mut issues) {
        with_sources = t.has_column(SOURCES_COLUMN);
        let index: HashMap<&str, usize> = ds
            .partnerships
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        for row in &t.rows {
            let Some(&i) = index.get(t.get(row, "id")) else {
                issues.push(t.issue(row, "id", Problem::UnknownId));
                continue;
            };
            let [note, note_zh] = NOTE_COLUMNS.map(|col| t.get(row, col));
            for (col, text) in NOTE_COLUMNS.iter().zip([note, note_zh]) {
                if has_markup(text) {
                    issues.push(t.issue(row, col, Problem::Markup));
                }
            }
            let sources = t.get(row, SOURCES_COLUMN);
            if with_sources && sources.is_empty() {
                issues.push(t.issue(row, SOURCES_COLUMN, Problem::Empty));
            }
            found.push((
                i,
                note.to_string(),
                note_zh.to_string(),
                Sources::new(sources),
            ));
        }
    }
    if issues.has_errors() {
        return Err(issues.into_issues());
    }
    let n = found.len();
    for (i, note, note_zh, sources) in found {
        if let Some(p) = ds.partnerships.get_mut(i) {
            (p.note, p.note_zh) = (note, note_zh);
            if with_sources {
                p.sources = sources;
            }
        }
    }
    if with_sources {
        ds.sources_apart = false;
    }
    Ok(n)
}

/// `partnerships.csv` (UTF-8) split into the same file without the note columns and the notes
/// file (`id,note,note_zh,sources`, a row for every pair with a note or a source); the build
/// runs this through
/// `youcheng-data split-notes` (the module never calls it). Fields are written back as read
/// (quoted only where CSV needs it).
pub fn split_notes(bytes: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| e.to_string())?.clone();
    let position = |name: &str| header.iter().position(|h| h.trim() == name);
    let id = position("id").ok_or("no id column")?;
    let note_at = NOTE_COLUMNS.map(position);
    let sources_at = position(SOURCES_COLUMN);
    let notes: Vec<usize> = note_at.iter().flatten().copied().collect();
    let keep = |record: &csv::StringRecord| -> csv::StringRecord {
        record
            .iter()
            .enumerate()
            .filter(|(k, _)| !notes.contains(k))
            .map(|(_, f)| f)
            .collect()
    };
    let mut data = csv::Writer::from_writer(Vec::new());
    let mut out = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| e.to_string();
    data.write_record(&keep(&header)).map_err(err)?;
    out.write_record(["id"].iter().chain(&NOTE_COLUMNS).chain([&SOURCES_COLUMN]))
        .map_err(err)?;
    for record in reader.records() {
        let record = record.map_err(err)?;
        data.write_record(&keep(&record)).map_err(err)?;
        let field = |k: Option<usize>| k.and_then(|k| record.get(k)).unwrap_or("");
        let [note, note_zh] = note_at.map(field);
        let sources = field(sources_at);
        if [note, note_zh, sources]
            .iter()
            .any(|f| !f.trim().is_empty())
        {
            let id = record.get(id).unwrap_or("");
            out.write_record([id, note, note_zh, sources])
                .map_err(err)?;
        }
    }
    let done = |w: csv::Writer<Vec<u8>>| w.into_inner().map_err(|e| e.to_string());
    Ok((done(data)?, done(out)?))
}
