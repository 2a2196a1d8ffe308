//! Reading a table a few rows at a time ([`TableReader`]): the same header, rows and problems
//! as [`Table::read`] and [`Table::read_json`], in steps a page can interleave with its frames.

use super::issue::{IssueLog, Problem};
use super::table::{
    decode_text_with, file_issue, read_header, read_record, record_fields, records_of, too_long,
    Rows, Table,
};
use crate::limits::MAX_ROWS;
use std::borrow::Cow;
use std::io::Cursor;

/// A [`Table`] read a few rows at a time, so that a large file never holds the page for long:
/// [`TableReader::csv`] or [`TableReader::json`] decode the file and read its header, each
/// [`TableReader::step`] reads up to a number of rows, [`TableReader::finish`] gives the table.
/// The problems are those [`Table::read`] and [`Table::read_json`] report, in the same order.
#[derive(Debug)]
pub struct TableReader {
    file: String,
    header: Vec<String>,
    rows: Rows,
    source: RowSource,
    done: bool,
}

/// Where the rows come from: the CSV reader over the decoded text, or the JSON records.
#[derive(Debug)]
enum RowSource {
    Csv {
        reader: Box<csv::Reader<Cursor<Vec<u8>>>>,
        record: csv::StringRecord,
        text_bytes: usize,
    },
    Json {
        records: std::vec::IntoIter<serde_json::Value>,
        total: usize,
        next: u64,
    },
}

impl TableReader {
    /// Decodes a CSV file and reads its header (see [`Table::read`]); `None` when it cannot be
    /// read as a table.
    pub fn csv(file: &str, bytes: &[u8], required: &[&str], issues: &mut IssueLog) -> Option<Self> {
        Self::csv_with(file, Cow::Borrowed(bytes), None, required, issues)
    }

    /// [`TableReader::csv`] with the decoding perhaps done already (see `decode_text_with`).
    /// Bytes it owns that are the text already (UTF-8 with LF line ends) become the text
    /// themselves, not a copy (a world network's 8.8 MB: ~4 ms and as much memory again).
    pub(super) fn csv_with(
        file: &str,
        bytes: Cow<'_, [u8]>,
        decoded: Option<Option<String>>,
        required: &[&str],
        issues: &mut IssueLog,
    ) -> Option<Self> {
        let text = decode_text_with(file, &bytes, decoded, issues)?;
        // Excel's "Unicode text" is tab-separated: a header with tabs and no commas is read so.
        let first_line = text.lines().next().unwrap_or("");
        let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
            b'\t'
        } else {
            b','
        };
        let text = match text {
            Cow::Owned(text) => text.into_bytes(),
            Cow::Borrowed(text) => {
                // A part of `bytes` (all of it after any byte-order mark).
                let start = (text.as_ptr() as usize).wrapping_sub(bytes.as_ptr() as usize);
                let end = start.wrapping_add(text.len());
                match bytes {
                    Cow::Owned(mut own) if start <= end && end <= own.len() => {
                        own.truncate(end);
                        own.drain(..start);
                        own
                    }
                    _ => text.as_bytes().to_vec(),
                }
            }
        };
        let text_bytes = text.len();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(true)
            .from_reader(Cursor::new(text));
        let header = read_header(file, &mut reader, required, issues)?;
        let source = RowSource::Csv {
            reader: Box::new(reader),
            record: csv::StringRecord::new(),
            text_bytes,
        };
        Some(Self::new(file, header, source))
    }

    /// Decodes and parses a JSON file and finds its columns (see [`Table::read_json`]); `None`
    /// when it cannot be read as a table. The JSON text is parsed here, in one piece.
    pub fn json(
        file: &str,
        bytes: &[u8],
        columns: &[&str],
        required: &[&str],
        issues: &mut IssueLog,
    ) -> Option<Self> {
        Self::json_with(file, bytes, None, columns, required, issues)
    }

    /// [`TableReader::json`] with the decoding perhaps done already (see `decode_text_with`).
    pub(super) fn json_with(
        file: &str,
        bytes: &[u8],
        decoded: Option<Option<String>>,
        columns: &[&str],
        required: &[&str],
        issues: &mut IssueLog,
    ) -> Option<Self> {
        let text = decode_text_with(file, bytes, decoded, issues)?;
        let issue =
            |line: u64, field: &str, problem: Problem| file_issue(file, line, field, "", problem);
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                issues.push(issue(e.line() as u64, "", Problem::Syntax(e.to_string())));
                return None;
            }
        };
        drop(text);
        let Some(records) = records_of(value) else {
            issues.push(issue(0, "", Problem::NotRecords));
            return None;
        };
        if records.len() > MAX_ROWS {
            issues.push(issue(0, "", Problem::TooManyRows { limit: MAX_ROWS }));
            return None;
        }
        // The header: the schema's columns that any record has, in the schema's order.
        let header: Vec<String> = columns
            .iter()
            .filter(|c| records.iter().any(|r| r.get(**c).is_some()))
            .map(|c| (*c).to_string())
            .collect();
        let mut missing = false;
        for col in required {
            if !header.iter().any(|h| h == col) {
                issues.push(issue(1, col, Problem::MissingColumn));
                missing = true;
            }
        }
        if missing {
            return None;
        }
        let total = records.len();
        let source = RowSource::Json {
            records: records.into_iter(),
            total,
            next: 1,
        };
        Some(Self::new(file, header, source))
    }

    fn new(file: &str, header: Vec<String>, source: RowSource) -> Self {
        Self {
            file: file.to_string(),
            header,
            // A CSV file's fields are at most its text (JSON's are made from its values).
            rows: match &source {
                RowSource::Csv { text_bytes, .. } => Rows::with_capacity(*text_bytes),
                RowSource::Json { .. } => Rows::default(),
            },
            source,
            done: false,
        }
    }

    /// Reads up to `max_rows` more rows (CSV lines or JSON records); `true` once all are read.
    pub fn step(&mut self, max_rows: usize, issues: &mut IssueLog) -> bool {
        let (file, header, rows) = (&self.file, &self.header, &mut self.rows);
        for _ in 0..max_rows.max(1) {
            if self.done {
                break;
            }
            match &mut self.source {
                RowSource::Csv { reader, record, .. } => {
                    self.done = match reader.read_record(record) {
                        Ok(false) => true,
                        Ok(true) => !read_record(file, Ok(record), header, rows, issues),
                        Err(e) => !read_record(file, Err(e), header, rows, issues),
                    };
                }
                RowSource::Json { records, next, .. } => {
                    let Some(record) = records.next() else {
                        self.done = true;
                        break;
                    };
                    let n = *next;
                    *next += 1;
                    json_record(file, n, &record, header, rows, issues);
                }
            }
        }
        self.done
    }

    /// How far the reading is: (done, total) in bytes of decoded text for CSV, in records for JSON.
    pub fn progress(&self) -> (usize, usize) {
        match &self.source {
            RowSource::Csv {
                reader, text_bytes, ..
            } => {
                let at = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
                let done = if self.done { *text_bytes } else { at };
                (done.min(*text_bytes), *text_bytes)
            }
            RowSource::Json { total, next, .. } => {
                let done = usize::try_from(next.saturating_sub(1)).unwrap_or(usize::MAX);
                ((*total).min(done), *total)
            }
        }
    }

    /// The table read so far (all of it once [`TableReader::step`] said so); a file without
    /// rows and without other errors is reported as such.
    pub fn finish(self, issues: &mut IssueLog) -> Table {
        if self.rows.is_empty() && !issues.has_errors() {
            let line = match self.source {
                RowSource::Csv { .. } => 1,
                RowSource::Json { .. } => 0,
            };
            issues.push(file_issue(&self.file, line, "", "", Problem::NoRows));
        }
        Table::new(self.file, self.header, self.rows)
    }
}

/// JSON record `n` (from 1) into `rows`, or reported when it is not an object or has an
/// over-long field.
fn json_record(
    file: &str,
    n: u64,
    record: &serde_json::Value,
    header: &[String],
    rows: &mut Rows,
    issues: &mut IssueLog,
) {
    let serde_json::Value::Object(o) = record else {
        issues.push(file_issue(file, n, "", "", Problem::NotRecords));
        return;
    };
    let fields = record_fields(header, o);
    if let Some(issue) = too_long(file, n, header, fields.iter().map(String::as_str)) {
        issues.push(issue);
        return;
    }
    rows.push(n, fields.iter().map(String::as_str));
}
