//! Reading one CSV file (with the `csv` crate) or JSON file (with `serde_json`) into a header and
//! rows with their line (or record) numbers.
//! Encoding, delimiter, header and row-shape problems are reported here; field meaning is not.

use super::encoding::{self, TextEncoding};
use super::issue::{Issue, IssueLog, Problem};
use crate::limits::{MAX_DATA_BYTES, MAX_FIELDS, MAX_FIELD_BYTES, MAX_ROWS};
use std::borrow::Cow;

const SLOTS: usize = 64;
const EMPTY: u8 = u8::MAX;
const SHARED: u8 = u8::MAX - 1;

/// A column name's slot in [`Table`]'s `slots`.
fn slot(name: &str) -> usize {
    let b = name.as_bytes();
    let at = |i: usize| b.get(i).map_or(0, |&x| usize::from(x));
    (b.len() + 3 * at(0) + 5 * at(b.len().wrapping_sub(1)) + 7 * at(b.len() / 2)) % SLOTS
}

/// A parsed CSV file.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    /// The trimmed header.
    header: Vec<String>,
    /// [`Table::get`] is asked ~30 times per row: a search of the header each time had been ~4 %
    /// of a 25,000-row file's load in the page (a `HashMap` of the columns took twice that, its
    /// hashing of each name). So each column name has a slot here by a few of its bytes
    /// ([`slot`]): the column's index, [`EMPTY`] when no column has the slot (a name with it is
    /// not in the header) or [`SHARED`] when several do (then the header is searched).
    slots: [u8; SLOTS],
    pub rows: Rows,
}

/// A table's rows. Their fields, trimmed, are kept one after another in one string, each ending
/// where `ends` says, and a row is its line and where its fields start in `ends`: a file's rows
/// are three allocations, grown as it is read, rather than two per row (a 25,000-row file's
/// ~50,000 allocations, and as many frees once it was checked, had been a tenth of its load in
/// the page, most of it the allocator's first writes to memory just grown).
#[derive(Debug, Clone, Default)]
pub struct Rows {
    text: String,
    ends: Vec<u32>,
    /// Each row's line (or record) number and the index in `ends` of its first field.
    starts: Vec<(u64, u32)>,
}

/// One data row of [`Rows`], its fields trimmed.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub line: u64,
    /// All the rows' text.
    text: &'a str,
    /// Where this row's fields end in `text`.
    ends: &'a [u32],
    /// Where its first field starts in `text`.
    start: u32,
}

impl<'a> Row<'a> {
    /// Field `i`, or `None` past the last.
    pub(super) fn field(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i.checked_sub(1) {
            Some(p) => *self.ends.get(p)?,
            None => self.start,
        };
        self.text.get(start as usize..end)
    }
}

impl Rows {
    /// No rows yet, with room for `text_bytes` bytes of fields.
    pub(super) fn with_capacity(text_bytes: usize) -> Self {
        Self {
            text: String::with_capacity(text_bytes),
            ..Self::default()
        }
    }

    /// A row of `fields`, as they are, numbered `line`.
    pub(super) fn push<'f>(&mut self, line: u64, fields: impl IntoIterator<Item = &'f str>) {
        let first = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.starts.push((line, first));
        for f in fields {
            self.text.push_str(f);
            self.ends
                .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        }
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Row `i`, or `None` past the last.
    pub fn get(&self, i: usize) -> Option<Row<'_>> {
        let &(line, first) = self.starts.get(i)?;
        let next = self.starts.get(i + 1);
        let last = next.map_or(self.ends.len(), |&(_, f)| f as usize);
        let first = first as usize;
        let start = first.checked_sub(1).and_then(|p| self.ends.get(p));
        Some(Row {
            line,
            text: &self.text,
            ends: self.ends.get(first..last)?,
            start: start.copied().unwrap_or(0),
        })
    }

    /// The rows in order.
    pub fn iter(&self) -> RowIter<'_> {
        self.range(0..self.len())
    }

    /// Rows `range` (as far as there are rows).
    pub fn range(&self, range: std::ops::Range<usize>) -> RowIter<'_> {
        RowIter {
            rows: self,
            at: range.start,
            end: range.end.min(self.len()),
        }
    }
}

impl<'a> IntoIterator for &'a Rows {
    type Item = Row<'a>;
    type IntoIter = RowIter<'a>;
    fn into_iter(self) -> RowIter<'a> {
        self.iter()
    }
}

/// [`Rows::iter`], [`Rows::range`].
#[derive(Debug, Clone)]
pub struct RowIter<'a> {
    rows: &'a Rows,
    at: usize,
    end: usize,
}

impl<'a> Iterator for RowIter<'a> {
    type Item = Row<'a>;
    fn next(&mut self) -> Option<Row<'a>> {
        if self.at >= self.end {
            return None;
        }
        self.at += 1;
        self.rows.get(self.at - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end.saturating_sub(self.at);
        (n, Some(n))
    }
}

impl ExactSizeIterator for RowIter<'_> {}

pub use super::reader::TableReader;

impl Table {
    /// Reads `bytes` (UTF-8, UTF-16 or GB18030; LF, CRLF or CR line ends) as CSV with a header
    /// row. Returns `None` when the file cannot be read as a table at all (too large, bad
    /// encoding, wrong delimiter, required columns missing); problems go into `issues` either
    /// way. Reading stops after [`MAX_ROWS`] rows. (All at once: [`TableReader`] reads the same
    /// table a few rows at a time.)
    pub fn read(
        file: &str,
        bytes: &[u8],
        required: &[&str],
        issues: &mut IssueLog,
    ) -> Option<Table> {
        let mut reader = TableReader::csv(file, bytes, required, issues)?;
        while !reader.step(usize::MAX, issues) {}
        Some(reader.finish(issues))
    }

    /// Reads a JSON file — an array of records (objects with the CSV's column names), or
    /// `{"partnerships": [...]}` — into the same table: record N (from 1) stands where line N
    /// would, so every problem names the record and field. Values may be strings, numbers,
    /// booleans or lists of strings (joined with ` ; `, the `sources` form); other keys are ignored.
    pub fn read_json(
        file: &str,
        bytes: &[u8],
        columns: &[&str],
        required: &[&str],
        issues: &mut IssueLog,
    ) -> Option<Table> {
        let mut reader = TableReader::json(file, bytes, columns, required, issues)?;
        while !reader.step(usize::MAX, issues) {}
        Some(reader.finish(issues))
    }

    /// The value of `column` in `row`, or "" when the file has no such column.
    pub fn get<'a>(&self, row: Row<'a>, column: &str) -> &'a str {
        self.index_of(column)
            .and_then(|i| row.field(i))
            .unwrap_or("")
    }

    /// Whether the file has `column`.
    pub fn has_column(&self, column: &str) -> bool {
        self.index_of(column).is_some()
    }

    /// The index of `column` in the header (the first of a repeated name).
    pub(super) fn index_of(&self, column: &str) -> Option<usize> {
        match self.slots.get(slot(column)).copied().unwrap_or(SHARED) {
            EMPTY => None,
            SHARED => self.header.iter().position(|h| h == column),
            i => Some(usize::from(i)).filter(|&i| self.header.get(i).is_some_and(|h| h == column)),
        }
    }

    /// A table of `rows` under `header`.
    pub(super) fn new(file: String, header: Vec<String>, rows: Rows) -> Self {
        let mut slots = [EMPTY; SLOTS];
        for (i, h) in header.iter().enumerate() {
            if let Some(s) = slots.get_mut(slot(h)) {
                // A repeated name keeps its first index (as a search finds it); two names, or a
                // header longer than a slot can say, share the slot.
                let same = usize::from(*s) < i && header.get(usize::from(*s)) == Some(h);
                *s = match u8::try_from(i) {
                    Ok(i) if *s == EMPTY && i < SHARED => i,
                    _ if same => *s,
                    _ => SHARED,
                };
            }
        }
        Self {
            file,
            header,
            slots,
            rows,
        }
    }

    /// An issue about `column` of `row`, quoting its value.
    pub fn issue(&self, row: Row<'_>, column: &str, problem: Problem) -> Issue {
        Issue {
            file: self.file.clone(),
            line: row.line,
            field: column.to_string(),
            value: self.get(row, column).to_string(),
            problem,
        }
    }
}

/// The records of a JSON partnerships file: the array itself, or `{"partnerships": [...]}`.
pub(super) fn records_of(value: serde_json::Value) -> Option<Vec<serde_json::Value>> {
    match value {
        serde_json::Value::Array(list) => Some(list),
        serde_json::Value::Object(mut o) => match o.remove("partnerships") {
            Some(serde_json::Value::Array(list)) => Some(list),
            _ => None,
        },
        _ => None,
    }
}

/// One JSON record's values in `header`'s order: strings as they are (trimmed, a protective
/// apostrophe dropped), lists joined with ` ; `, numbers and booleans as written, null as empty.
pub(super) fn record_fields(
    header: &[String],
    o: &serde_json::Map<String, serde_json::Value>,
) -> Vec<String> {
    header
        .iter()
        .map(|c| match o.get(c) {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(serde_json::Value::String(s)) => field(s).to_string(),
            Some(serde_json::Value::Array(list)) => list
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(" ; "),
            Some(other) => other.to_string(),
        })
        .collect()
}

/// The problem with a row's first field over [`MAX_FIELD_BYTES`], naming its column and
/// quoting its start; `None` when every field fits.
pub(super) fn too_long<'a>(
    file: &str,
    line: u64,
    header: &[String],
    fields: impl Iterator<Item = &'a str>,
) -> Option<Issue> {
    let (i, f) = fields
        .enumerate()
        .find(|(_, f)| f.len() > MAX_FIELD_BYTES)?;
    let column = header.get(i).map_or("", String::as_str);
    let shown: String = f.chars().take(40).collect();
    let problem = Problem::FieldTooLong {
        bytes: f.len(),
        limit: MAX_FIELD_BYTES,
    };
    Some(file_issue(file, line, column, &shown, problem))
}

/// An issue about the file as a whole or one of its lines.
pub(super) fn file_issue(
    file: &str,
    line: u64,
    field: &str,
    value: &str,
    problem: Problem,
) -> Issue {
    Issue {
        file: file.to_string(),
        line,
        field: field.to_string(),
        value: value.to_string(),
        problem,
    }
}

/// The file as text with LF line ends: size, byte-order mark and encoding checked. `decoded` is
/// `Some` when the decoding is done already (a piece at a time, by a load job): its outcome, with
/// the same problems reported.
pub(super) fn decode_text_with<'a>(
    file: &str,
    bytes: &'a [u8],
    decoded: Option<Option<String>>,
    issues: &mut IssueLog,
) -> Option<Cow<'a, str>> {
    let issue = |line: u64, problem: Problem| file_issue(file, line, "", "", problem);
    if bytes.len() > MAX_DATA_BYTES {
        let bytes = bytes.len();
        let limit = MAX_DATA_BYTES;
        issues.push(issue(0, Problem::TooLarge { bytes, limit }));
        return None;
    }
    let sniffed = encoding::sniff(bytes);
    if sniffed.bom && sniffed.encoding == TextEncoding::Utf8 {
        issues.push(issue(1, Problem::ByteOrderMark));
    }
    let text = match decoded {
        Some(done) => done.map(Cow::Owned),
        None => encoding::decode(bytes, sniffed),
    };
    let Some(text) = text else {
        if sniffed.encoding == TextEncoding::Utf8 {
            // A UTF-8 mark on a file that is not UTF-8 after all.
            let body = bytes.get(3..).unwrap_or_default();
            let at = std::str::from_utf8(body)
                .err()
                .map_or(0, |e| e.valid_up_to());
            let line = 1 + body
                .get(..at)
                .unwrap_or_default()
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            let byte_offset = at + 3;
            issues.push(issue(line, Problem::NotUtf8 { byte_offset }));
        } else {
            let encoding = sniffed.encoding.name();
            issues.push(issue(1, Problem::NotDecodable { encoding }));
        }
        return None;
    };
    if sniffed.encoding != TextEncoding::Utf8 {
        let encoding = sniffed.encoding.name();
        issues.push(issue(1, Problem::Decoded { encoding }));
    }
    Some(lf_line_ends(text))
}

/// Line ends as LF: the csv crate counts lines by LF, so with CRLF (every Excel/WPS file) it
/// reports one line too low and with CR alone (old Mac files) every line as line 1.
pub(super) fn lf_line_ends(text: Cow<'_, str>) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    }
}

/// The trimmed header, if it has no more than [`MAX_FIELDS`] fields, is not split by another
/// delimiter and has every required column.
pub(super) fn read_header<R: std::io::Read>(
    file: &str,
    reader: &mut csv::Reader<R>,
    required: &[&str],
    issues: &mut IssueLog,
) -> Option<Vec<String>> {
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            issues.push(file_issue(file, 1, "", "", Problem::Syntax(e.to_string())));
            return None;
        }
    };
    if header.len() > MAX_FIELDS {
        let found = header.len();
        let limit = MAX_FIELDS;
        issues.push(file_issue(
            file,
            1,
            "",
            "",
            Problem::TooManyFields { found, limit },
        ));
        return None;
    }
    if let [only] = header.as_slice() {
        if let Some(found) = [';', '|'].into_iter().find(|c| only.contains(*c)) {
            issues.push(file_issue(
                file,
                1,
                "",
                only,
                Problem::WrongDelimiter { found },
            ));
            return None;
        }
    }
    let mut missing = false;
    for &col in required {
        if !header.iter().any(|h| h == col) {
            issues.push(file_issue(file, 1, col, "", Problem::MissingColumn));
            missing = true;
        }
    }
    (!missing).then_some(header)
}

/// One data row, trimmed, into `rows`: blank rows skipped, rows with an over-long field or the
/// wrong number of fields reported and left out. `false` once [`MAX_ROWS`] rows are read and
/// another one comes (reported): the reading stops there.
pub(super) fn read_record(
    file: &str,
    record: Result<&csv::StringRecord, csv::Error>,
    header: &[String],
    rows: &mut Rows,
    issues: &mut IssueLog,
) -> bool {
    let record = match record {
        Ok(record) => record,
        Err(e) => {
            let line = e.position().map_or(0, |p| p.line());
            issues.push(file_issue(
                file,
                line,
                "",
                "",
                Problem::Syntax(e.to_string()),
            ));
            return true;
        }
    };
    let line = record.position().map_or(0, |p| p.line());
    if record.iter().all(|f| f.trim().is_empty()) {
        return true; // spreadsheets leave rows of bare commas at the end
    }
    if rows.len() >= MAX_ROWS {
        let problem = Problem::TooManyRows { limit: MAX_ROWS };
        issues.push(file_issue(file, line, "", "", problem));
        return false;
    }
    if let Some(issue) = too_long(file, line, header, record.iter()) {
        issues.push(issue);
        return true;
    }
    if record.len() != header.len() {
        let problem = Problem::FieldCount {
            expected: header.len(),
            found: record.len(),
        };
        issues.push(file_issue(file, line, "", "", problem));
        return true;
    }
    rows.push(line, record.iter().map(field));
    true
}

/// A field as the loader reads it: trimmed, and without the apostrophe a spreadsheet export puts
/// before text that would otherwise be a formula (`'=…`, `'+…`, `'-…`, `'@…`).
fn field(raw: &str) -> &str {
    let f = raw.trim();
    match f.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => f,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows kept in one text read back as they were pushed: any number of fields (none too),
    /// empty ones, text of several bytes a character; nothing past a row's last field or the
    /// last row; ranges cut at the end.
    #[test]
    fn rows_in_one_text_read_back_as_pushed() {
        let pushed: Vec<(u64, Vec<&str>)> = vec![
            (2, vec!["a", "", "青岛", "Ōita "]),
            (3, vec![]),
            (5, vec!["", ""]),
            (6, vec!["x"]),
            (9, vec!["Çorlu", "", "", "下关市", "end"]),
        ];
        let mut rows = Rows::default();
        for (line, fields) in &pushed {
            rows.push(*line, fields.iter().copied());
        }
        assert_eq!(rows.len(), pushed.len());
        for (i, (line, fields)) in pushed.iter().enumerate() {
            let row = rows.get(i).expect("a row");
            assert_eq!(row.line, *line);
            let read: Vec<&str> = (0..fields.len())
                .map(|k| row.field(k).expect("a field"))
                .collect();
            assert_eq!(&read, fields, "row {i}");
            assert_eq!(row.field(fields.len()), None, "past row {i}'s last field");
        }
        assert!(rows.get(pushed.len()).is_none());
        let lines = |it: RowIter<'_>| it.map(|r| r.line).collect::<Vec<_>>();
        assert_eq!(lines(rows.iter()), [2, 3, 5, 6, 9]);
        assert_eq!(lines(rows.range(1..3)), [3, 5]);
        assert_eq!(lines(rows.range(3..99)), [6, 9]);
        assert_eq!(rows.range(3..99).len(), 2);
        assert_eq!(lines(rows.range(7..9)), Vec::<u64>::new());
        assert!(Rows::default().iter().next().is_none());
    }

    /// A column's field is found by its slot as a search of the header finds it: with names
    /// sharing a slot, repeated names (the first wins), names not in the header and the most
    /// columns a file may have.
    #[test]
    fn columns_by_slot_match_a_search_of_the_header() {
        let mut names: Vec<String> = (0..MAX_FIELDS).map(|i| format!("c{i}")).collect();
        names.extend(["id", "note", "note_zh", "sources", "id", "", "c3"].map(String::from));
        for len in [0, 1, 2, 7, 20, MAX_FIELDS, names.len()] {
            let header: Vec<String> = names.iter().take(len).cloned().collect();
            let fields: Vec<String> = (0..header.len()).map(|i| format!("v{i}")).collect();
            let mut rows = Rows::default();
            rows.push(2, fields.iter().map(String::as_str));
            let t = Table::new("t.csv".into(), header.clone(), rows);
            let row = t.rows.get(0).expect("one row");
            let shared = t.slots.iter().filter(|&&s| s == SHARED).count();
            if len >= 20 {
                assert!(shared > 0, "no slot shared at {len} columns");
            }
            let asked = names
                .iter()
                .map(String::as_str)
                .chain(["x", "c99", "ID", "note_z"]);
            for name in asked {
                let found = header.iter().position(|h| h == name);
                let want = found.map_or("", |i| fields[i].as_str());
                assert_eq!(t.get(row, name), want, "{name} of {len} columns");
                assert_eq!(t.has_column(name), found.is_some(), "{name}");
            }
        }
    }
}
