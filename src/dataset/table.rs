//! Reading one CSV file into a header and rows with their line numbers, using the `csv` crate.
//! Encoding, delimiter, header and row-shape problems are reported here; field meaning is not.

use super::encoding::{self, TextEncoding};
use super::issue::{Issue, IssueLog, Problem};
use crate::limits::{MAX_DATA_BYTES, MAX_FIELDS, MAX_FIELD_BYTES, MAX_ROWS};

/// A parsed CSV file.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    header: Vec<String>,
    pub rows: Vec<Row>,
}

/// One data row. Fields are trimmed.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    fields: Vec<String>,
}

impl Table {
    /// Reads `bytes` (UTF-8, UTF-16 or GB18030; LF, CRLF or CR line ends) as CSV with a header row. Returns `None` when the file cannot be read
    /// as a table at all (too large, bad encoding, wrong delimiter, required columns missing);
    /// problems go into `issues` either way. Reading stops after [`MAX_ROWS`] rows.
    pub fn read(
        file: &str,
        bytes: &[u8],
        required: &[&str],
        issues: &mut IssueLog,
    ) -> Option<Table> {
        let issue = |line: u64, field: &str, value: &str, problem: Problem| Issue {
            file: file.to_string(),
            line,
            field: field.to_string(),
            value: value.to_string(),
            problem,
        };
        if bytes.len() > MAX_DATA_BYTES {
            issues.push(issue(
                0,
                "",
                "",
                Problem::TooLarge {
                    bytes: bytes.len(),
                    limit: MAX_DATA_BYTES,
                },
            ));
            return None;
        }
        let sniffed = encoding::sniff(bytes);
        if sniffed.bom && sniffed.encoding == TextEncoding::Utf8 {
            issues.push(issue(1, "", "", Problem::ByteOrderMark));
        }
        let Some(text) = encoding::decode(bytes, sniffed) else {
            let problem = if sniffed.encoding == TextEncoding::Utf8 {
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
                issues.push(issue(
                    line,
                    "",
                    "",
                    Problem::NotUtf8 {
                        byte_offset: at + 3,
                    },
                ));
                return None;
            } else {
                Problem::NotDecodable {
                    encoding: sniffed.encoding.name(),
                }
            };
            issues.push(issue(1, "", "", problem));
            return None;
        };
        if sniffed.encoding != TextEncoding::Utf8 {
            issues.push(issue(
                1,
                "",
                "",
                Problem::Decoded {
                    encoding: sniffed.encoding.name(),
                },
            ));
        }
        // Line ends as LF: the csv crate counts lines by LF, so with CRLF (every Excel/WPS file) it
        // reports one line too low and with CR alone (old Mac files) every line as line 1.
        let text = if text.contains('\r') {
            std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            text
        };
        let bytes = text.as_bytes();
        // Excel's "Unicode text" is tab-separated: a header with tabs and no commas is read so.
        let first_line = text.lines().next().unwrap_or("");
        let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
            b'\t'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(true)
            .from_reader(bytes);
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
            Err(e) => {
                issues.push(issue(1, "", "", Problem::Syntax(e.to_string())));
                return None;
            }
        };
        if header.len() > MAX_FIELDS {
            issues.push(issue(
                1,
                "",
                "",
                Problem::TooManyFields {
                    found: header.len(),
                    limit: MAX_FIELDS,
                },
            ));
            return None;
        }
        if header.len() == 1 {
            if let Some(found) = [';', '|'].into_iter().find(|c| header[0].contains(*c)) {
                issues.push(issue(1, "", &header[0], Problem::WrongDelimiter { found }));
                return None;
            }
        }
        let mut missing = false;
        for &col in required {
            if !header.iter().any(|h| h == col) {
                issues.push(issue(1, col, "", Problem::MissingColumn));
                missing = true;
            }
        }
        if missing {
            return None;
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            match record {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| p.line());
                    if record.iter().all(|f| f.trim().is_empty()) {
                        continue; // spreadsheets leave rows of bare commas at the end
                    }
                    if rows.len() >= MAX_ROWS {
                        issues.push(issue(
                            line,
                            "",
                            "",
                            Problem::TooManyRows { limit: MAX_ROWS },
                        ));
                        break;
                    }
                    if let Some((i, f)) = record
                        .iter()
                        .enumerate()
                        .find(|(_, f)| f.len() > MAX_FIELD_BYTES)
                    {
                        let field = header.get(i).map_or("", String::as_str);
                        let shown: String = f.chars().take(40).collect();
                        issues.push(issue(
                            line,
                            field,
                            &shown,
                            Problem::FieldTooLong {
                                bytes: f.len(),
                                limit: MAX_FIELD_BYTES,
                            },
                        ));
                        continue;
                    }
                    if record.len() != header.len() {
                        issues.push(issue(
                            line,
                            "",
                            "",
                            Problem::FieldCount {
                                expected: header.len(),
                                found: record.len(),
                            },
                        ));
                        continue;
                    }
                    rows.push(Row {
                        line,
                        fields: record.iter().map(|f| f.trim().to_string()).collect(),
                    });
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    issues.push(issue(line, "", "", Problem::Syntax(e.to_string())));
                }
            }
        }
        if rows.is_empty() && !issues.has_errors() {
            issues.push(issue(1, "", "", Problem::NoRows));
        }
        Some(Table {
            file: file.to_string(),
            header,
            rows,
        })
    }

    /// The value of `column` in `row`, or "" when the file has no such column.
    pub fn get<'a>(&self, row: &'a Row, column: &str) -> &'a str {
        self.header
            .iter()
            .position(|h| h == column)
            .and_then(|i| row.fields.get(i))
            .map_or("", String::as_str)
    }

    /// An issue about `column` of `row`, quoting its value.
    pub fn issue(&self, row: &Row, column: &str, problem: Problem) -> Issue {
        Issue {
            file: self.file.clone(),
            line: row.line,
            field: column.to_string(),
            value: self.get(row, column).to_string(),
            problem,
        }
    }
}
