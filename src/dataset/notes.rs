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
use foldhash::HashMap;

/// The columns the notes file holds beside `id` (and [`SOURCES_COLUMN`]).
pub const NOTE_COLUMNS: [&str; 2] = ["note", "note_zh"];

/// The pairs' sources, the notes file's last column: read as the partnerships file's (see
/// [`super::parse_sources`]); a file without it (written before the sources moved) sets notes only.
pub const SOURCES_COLUMN: &str = "sources";

/// The first bytes of the notes in binary (`notes.bin`, which `make` ships beside `notes.csv`:
/// the same rows as postcard strings after this line), read without a CSV reader.
pub const NOTES_MAGIC: &[u8] = b"youcheng-notes-bin/1\n";

/// One row of the notes file: `id`, `note`, `note_zh`, `sources`.
#[derive(serde::Serialize)]
struct NoteRow {
    id: String,
    note: String,
    note_zh: String,
    sources: String,
}

// Read by hand (`crate::unpack`), as postcard wrote it.
crate::unpack::unpack_struct!(NoteRow {
    id,
    note,
    note_zh,
    sources,
});

/// Sets the notes of `bytes` (the binary form, [`NOTES_MAGIC`] first, or a CSV with `id`,
/// `note`, `note_zh` and `sources`, in any encoding the loader reads) on the pairs of `ds` with
/// those ids → how many rows it set. Every problem (an id not in the data, markup in a note, an
/// empty `sources` cell, a file that is not such a table) is an error, and then nothing is set:
/// the data stays as it was. With a `sources` column, the data's sources are the file's from
/// then on ([`Dataset::sources_apart`] cleared).
pub fn apply_notes(ds: &mut Dataset, file: &str, bytes: &[u8]) -> Result<usize, Vec<Issue>> {
    if bytes.starts_with(NOTES_MAGIC) {
        return apply_notes_binary(ds, file, bytes);
    }
    let mut issues = IssueLog::new();
    let Some(t) = Table::read(file, bytes, &["id"], &mut issues) else {
        return Err(issues.into_issues());
    };
    let with_sources = t.has_column(SOURCES_COLUMN);
    let rows = t.rows.iter().map(|row| {
        let [note, note_zh] = NOTE_COLUMNS.map(|col| t.get(row, col));
        (
            row.line,
            t.get(row, "id"),
            [note, note_zh],
            t.get(row, SOURCES_COLUMN),
        )
    });
    apply_rows(ds, file, rows, with_sources, issues)
}

/// As [`apply_notes`], for the binary form only (what `make` ships as `notes.bin`): without the
/// CSV reader, so a module that reads no CSV (the `files` feature off) leaves it out. Its rows
/// are numbered as the CSV file's lines (the first row on line 2).
pub fn apply_notes_binary(ds: &mut Dataset, file: &str, bytes: &[u8]) -> Result<usize, Vec<Issue>> {
    let mut issues = IssueLog::new();
    let read = |b: &[u8]| crate::unpack::Reader::new(b).read::<Vec<NoteRow>>();
    let rows: Vec<NoteRow> = match bytes.strip_prefix(NOTES_MAGIC).map(read) {
        Some(Ok(rows)) => rows,
        why => {
            let reason = match why {
                Some(Err(e)) => format!("it is cut short or damaged ({e})"),
                _ => "it does not start as a notes file".into(),
            };
            issues.push(Issue::whole_file(file, Problem::NotPacked(reason)));
            return Err(issues.into_issues());
        }
    };
    let rows = rows.iter().zip(2u64..).map(|(r, line)| {
        let notes = [r.note.as_str(), r.note_zh.as_str()];
        (line, r.id.as_str(), notes, r.sources.as_str())
    });
    apply_rows(ds, file, rows, true, issues)
}

/// The notes file `notes_csv` (as [`split_notes`] writes it) in binary ([`NOTES_MAGIC`], then
/// its rows); the build writes it (`youcheng-data split-notes`).
pub fn notes_binary(notes_csv: &[u8]) -> Result<Vec<u8>, String> {
    let mut issues = IssueLog::new();
    let t = Table::read("notes.csv", notes_csv, &["id"], &mut issues).ok_or_else(|| {
        format!(
            "{} problem(s) reading the notes",
            issues.into_issues().len()
        )
    })?;
    let rows: Vec<NoteRow> = t
        .rows
        .iter()
        .map(|row| NoteRow {
            id: t.get(row, "id").into(),
            note: t.get(row, "note").into(),
            note_zh: t.get(row, "note_zh").into(),
            sources: t.get(row, SOURCES_COLUMN).into(),
        })
        .collect();
    let mut out = NOTES_MAGIC.to_vec();
    out.extend(postcard::to_allocvec(&rows).map_err(|e| e.to_string())?);
    Ok(out)
}

/// Checks and sets `rows` (line, id, [note, note_zh], sources) read from `file` (see
/// [`apply_notes`]).
fn apply_rows<'a>(
    ds: &mut Dataset,
    file: &str,
    rows: impl Iterator<Item = (u64, &'a str, [&'a str; 2], &'a str)>,
    with_sources: bool,
    mut issues: IssueLog,
) -> Result<usize, Vec<Issue>> {
    let issue = |line: u64, field: &str, value: &str, problem| Issue {
        file: file.into(),
        line,
        field: field.into(),
        value: value.into(),
        problem,
    };
    let index: HashMap<&str, usize> = ds
        .partnerships
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut found = Vec::new();
    for (line, id, notes, sources) in rows {
        let Some(&i) = index.get(id) else {
            issues.push(issue(line, "id", id, Problem::UnknownId));
            continue;
        };
        for (col, text) in NOTE_COLUMNS.iter().zip(notes) {
            if has_markup(text) {
                issues.push(issue(line, col, text, Problem::Markup));
            }
        }
        if with_sources && sources.is_empty() {
            issues.push(issue(line, SOURCES_COLUMN, sources, Problem::Empty));
        }
        let [note, note_zh] = notes.map(str::to_string);
        found.push((i, note, note_zh, Sources::new(sources)));
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
