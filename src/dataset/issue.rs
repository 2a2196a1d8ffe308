//! Problems found in input files. Each names the file, line, field and value; all are counted,
//! and the first of each kind are kept ([`IssueLog`]).

use serde::Serialize;

/// How bad a problem is: errors stop a file from loading, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file is not loaded (or, in a load of the valid rows only, its row is left out).
    Error,
    /// Reported only; the file loads.
    Warning,
}

/// Beyond this distance from its country's outline a point at sea is an error, not a warning.
pub const FAR_AT_SEA_KM: f64 = 2000.0;

/// What is wrong. Variants carry the facts a person needs to fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error(
        "is not UTF-8 text (first bad byte at offset {byte_offset}); save it as \"CSV UTF-8\""
    )]
    /// The file starts with a UTF-8 byte-order mark but is not UTF-8.
    NotUtf8 {
        /// 0-based offset of the first bad byte in the file.
        byte_offset: usize,
    },
    /// The file starts with a UTF-8 byte-order mark (a warning).
    #[error("starts with a byte-order mark (Excel's \"CSV UTF-8\"); it was ignored")]
    ByteOrderMark,
    #[error("was read as {encoding}; saving it as \"CSV UTF-8\" is safer")]
    /// The file was read in an encoding other than UTF-8 (a warning).
    Decoded {
        /// The encoding's name, e.g. `"GB18030 (GBK)"`.
        encoding: &'static str,
    },
    #[error("is not valid {encoding} text; save it as \"CSV UTF-8\"")]
    /// The file was taken to be in another encoding (UTF-16 or GB18030) but is not valid in it.
    NotDecodable {
        /// The encoding's name, e.g. `"UTF-16LE"`.
        encoding: &'static str,
    },
    #[error("uses {found:?} between fields; the file must be comma-separated")]
    /// The header is one field split by another delimiter.
    WrongDelimiter {
        /// The delimiter found: `;` or `|`.
        found: char,
    },
    /// A required column is missing from the header (named in [`Issue::field`]).
    #[error("is a required column but the header does not have it")]
    MissingColumn,
    #[error("has {found} fields but the header has {expected}")]
    /// A row has another number of fields than the header; the row is left out.
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
    },
    #[error("is not valid CSV: {0}")]
    /// The CSV reader failed; holds its message.
    Syntax(String),
    /// The file has no data rows.
    #[error("is the file empty? it has no data rows")]
    NoRows,
    /// A required field is empty.
    #[error("must not be empty")]
    Empty,
    /// A field that should be a number is not one (or is not finite).
    #[error("is not a number")]
    NotANumber,
    #[error("is outside {}…{}", crate::num::plain(*.min), crate::num::plain(*.max))]
    /// A number is out of range (e.g. a longitude or latitude).
    OutOfRange {
        /// The smallest value allowed.
        min: f64,
        /// The largest value allowed.
        max: f64,
    },
    /// An id is not made of lower-case letters, digits and hyphens.
    #[error("is not an id: use lower-case letters, digits and hyphens")]
    BadId,
    #[error("is used already on line {first_line}")]
    /// An id is used by an earlier row.
    DuplicateId {
        /// The line of the earlier row.
        first_line: u64,
    },
    #[error("repeats the pair on line {first_line}")]
    /// An earlier row has the same Shandong side, subunit, country and partner name (case,
    /// spaces and punctuation ignored).
    DuplicatePair {
        /// The line of the earlier row.
        first_line: u64,
    },
    #[error("is not a Shandong key (one of: {known})")]
    /// A Shandong key that `shandong.csv` does not list.
    UnknownShandongKey {
        /// The keys it lists, comma-separated.
        known: String,
    },
    /// A country code that `countries.csv` does not list.
    #[error("is not an ISO 3166-1 alpha-2 code listed in countries.csv")]
    UnknownCountry,
    /// A notes file names an id that no pair of the data has.
    #[error("is not the id of a pair in the data")]
    UnknownId,
    #[error("is not one of: {allowed}")]
    /// A value outside a closed list (a level, relation, status, continent, scope…).
    NotOneOf {
        /// The values allowed, for the message.
        allowed: &'static str,
    },
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or not in the calendar.
    #[error("is not a date written YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate,
    #[error("is after today ({today})")]
    /// An establishment date after today.
    FutureDate {
        /// Today's date as the load was given it, e.g. `2025-06-01`.
        today: String,
    },
    /// A name, subunit or note contains markup.
    #[error("contains markup; names and notes must be plain text")]
    Markup,
    #[error("lies {} km outside {country}, inside or near {other}", crate::num::fixed(*.distance_km, 0))]
    /// The point lies outside its country's outline on the basemap, inside or near another
    /// country.
    OutsideCountry {
        /// The English name of the row's country.
        country: String,
        /// The country the point is in or near.
        other: String,
        /// How far the point is from the row's country, in km.
        distance_km: f64,
    },
    #[error("lies at sea {} km from {country}'s outline on the basemap (an island the basemap leaves out?)", crate::num::fixed(*.distance_km, 0))]
    /// The point lies at sea, away from its country's outline and near no other country; a
    /// warning up to `FAR_AT_SEA_KM`, an error beyond.
    OffBasemapLand {
        /// The English name of the row's country.
        country: String,
        /// How far the point is from the country's outline, in km.
        distance_km: f64,
    },
    /// A country names a group that `groups.csv` does not define.
    #[error("names a group that groups.csv does not define")]
    UnknownGroup,

    #[error("is {bytes} bytes, more than the limit of {limit} bytes")]
    /// The file is larger than [`MAX_DATA_BYTES`](crate::limits::MAX_DATA_BYTES).
    TooLarge {
        /// The file's size, in bytes.
        bytes: usize,
        /// The limit, in bytes.
        limit: usize,
    },
    #[error("has more than {limit} data rows (the limit); the rest was not read")]
    /// The file has more than [`MAX_ROWS`](crate::limits::MAX_ROWS) data rows; the rest are
    /// not read.
    TooManyRows {
        /// The limit, in rows.
        limit: usize,
    },
    #[error("has {found} fields, more than the limit of {limit}")]
    /// The header has more than [`MAX_FIELDS`](crate::limits::MAX_FIELDS) fields.
    TooManyFields {
        /// Fields in the header.
        found: usize,
        /// The limit.
        limit: usize,
    },
    #[error("is {bytes} bytes long, more than the limit of {limit} bytes for one field")]
    /// A field is longer than [`MAX_FIELD_BYTES`](crate::limits::MAX_FIELD_BYTES); the row
    /// is left out.
    FieldTooLong {
        /// The field's length, in bytes.
        bytes: usize,
        /// The limit, in bytes.
        limit: usize,
    },
    /// A JSON file that is not an array of records (objects), or a record that is not one.
    #[error("is not a record: a JSON file must be an array of objects with the column names")]
    NotRecords,
    /// The pre-validated shipped data (`make`'s `shipped.bin`, or its `notes.bin`) cannot be
    /// read: another version's, cut short, or not that file at all. Holds what is wrong.
    #[error("is not pre-validated data this version can read: {0}")]
    NotPacked(String),
    #[error("and {not_shown} more problems ({errors_not_shown} of them errors) are not listed; the first of each kind are")]
    /// The summary [`IssueLog`] adds when it only counted some problems; an error when any of
    /// those is.
    MoreProblems {
        /// Problems counted but not listed.
        not_shown: usize,
        /// How many of those are errors.
        errors_not_shown: usize,
    },
}

impl Problem {
    /// A stable code for the page to translate.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::NotUtf8 { .. } => "not-utf8",
            Problem::ByteOrderMark => "bom",
            Problem::Decoded { .. } => "decoded",
            Problem::NotDecodable { .. } => "not-decodable",
            Problem::WrongDelimiter { .. } => "wrong-delimiter",
            Problem::MissingColumn => "missing-column",
            Problem::FieldCount { .. } => "field-count",
            Problem::Syntax(_) => "syntax",
            Problem::NoRows => "no-rows",
            Problem::Empty => "empty",
            Problem::NotANumber => "not-a-number",
            Problem::OutOfRange { .. } => "out-of-range",
            Problem::BadId => "bad-id",
            Problem::DuplicateId { .. } => "duplicate-id",
            Problem::DuplicatePair { .. } => "duplicate-pair",
            Problem::UnknownShandongKey { .. } => "unknown-shandong-key",
            Problem::UnknownCountry => "unknown-country",
            Problem::UnknownId => "unknown-id",
            Problem::NotOneOf { .. } => "not-one-of",
            Problem::BadDate => "bad-date",
            Problem::FutureDate { .. } => "future-date",
            Problem::Markup => "markup",
            Problem::OutsideCountry { .. } => "outside-country",
            Problem::OffBasemapLand { .. } => "off-basemap-land",
            Problem::UnknownGroup => "unknown-group",

            Problem::TooLarge { .. } => "too-large",
            Problem::TooManyRows { .. } => "too-many-rows",
            Problem::TooManyFields { .. } => "too-many-fields",
            Problem::FieldTooLong { .. } => "field-too-long",
            Problem::MoreProblems { .. } => "more-problems",
            Problem::NotRecords => "not-records",
            Problem::NotPacked(_) => "not-packed",
        }
    }

    /// The values a message template needs, by name (for the page's translations).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            Problem::NotUtf8 { byte_offset } => vec![("byteOffset", byte_offset.to_string())],
            Problem::WrongDelimiter { found } => vec![("found", found.to_string())],
            Problem::FieldCount { expected, found } => {
                vec![
                    ("expected", expected.to_string()),
                    ("found", found.to_string()),
                ]
            }
            Problem::Syntax(detail) => vec![("detail", detail.clone())],
            Problem::NotPacked(reason) => vec![("reason", reason.clone())],
            Problem::OutOfRange { min, max } => {
                vec![
                    ("min", crate::num::plain(*min)),
                    ("max", crate::num::plain(*max)),
                ]
            }
            Problem::DuplicateId { first_line } | Problem::DuplicatePair { first_line } => {
                vec![("firstLine", first_line.to_string())]
            }
            Problem::UnknownShandongKey { known } => vec![("known", known.clone())],
            Problem::NotOneOf { allowed } => vec![("allowed", (*allowed).to_string())],
            Problem::FutureDate { today } => vec![("today", today.clone())],
            Problem::OutsideCountry {
                country,
                other,
                distance_km,
            } => vec![
                ("country", country.clone()),
                ("other", other.clone()),
                ("km", crate::num::fixed(*distance_km, 0)),
            ],
            Problem::OffBasemapLand {
                country,
                distance_km,
            } => vec![
                ("country", country.clone()),
                ("km", crate::num::fixed(*distance_km, 0)),
            ],
            Problem::TooLarge { bytes, limit } | Problem::FieldTooLong { bytes, limit } => {
                vec![("bytes", bytes.to_string()), ("limit", limit.to_string())]
            }
            Problem::TooManyRows { limit } => vec![("limit", limit.to_string())],
            Problem::TooManyFields { found, limit } => {
                vec![("found", found.to_string()), ("limit", limit.to_string())]
            }
            Problem::MoreProblems {
                not_shown,
                errors_not_shown,
            } => vec![
                ("notShown", not_shown.to_string()),
                ("errorsNotShown", errors_not_shown.to_string()),
            ],
            Problem::Decoded { encoding } | Problem::NotDecodable { encoding } => {
                vec![("encoding", (*encoding).to_string())]
            }
            _ => Vec::new(),
        }
    }

    /// A problem with the file as a whole (its size or shape), not with one row.
    pub fn is_whole_file(&self) -> bool {
        matches!(
            self,
            Problem::TooLarge { .. } | Problem::TooManyRows { .. } | Problem::TooManyFields { .. }
        )
    }

    /// Whether the problem stops the file: warnings are a byte-order mark, a file read in
    /// another encoding, a point at sea within `FAR_AT_SEA_KM` of its country, and a
    /// summary of warnings only; everything else is an error.
    pub fn severity(&self) -> Severity {
        match self {
            Problem::ByteOrderMark | Problem::Decoded { .. } => Severity::Warning,
            // Near its country but off the simplified outline: likely a small island the basemap
            // leaves out (the Azores are 1,300 km from mainland Portugal). Farther is a wrong point.
            Problem::OffBasemapLand { distance_km, .. } if *distance_km <= FAR_AT_SEA_KM => {
                Severity::Warning
            }
            Problem::MoreProblems {
                errors_not_shown: 0,
                ..
            } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// The file's name, e.g. `"partnerships.csv"`.
    pub file: String,
    /// 1-based line of the file (the header is line 1); 0 for a summary of the whole file.
    pub line: u64,
    /// The column, or empty for whole-row and whole-file problems.
    pub field: String,
    /// The value found (of an over-long field, its first 40 characters); empty when the
    /// problem is not with one value.
    pub value: String,
    /// What is wrong.
    pub problem: Problem,
}

impl Issue {
    /// A problem with the whole of `file` (no line, field or value).
    pub fn whole_file(file: &str, problem: Problem) -> Self {
        Issue {
            file: file.into(),
            line: 0,
            field: String::new(),
            value: String::new(),
            problem,
        }
    }

    /// The severity of its [`Problem`].
    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }

    /// A flat record for the page: codes to translate plus the English text.
    pub fn report(&self) -> IssueReport {
        IssueReport {
            file: self.file.clone(),
            line: self.line,
            field: self.field.clone(),
            value: self.value.clone(),
            severity: self.severity(),
            code: self.problem.code(),
            params: Params::new(self.problem.params()),
            message: self.problem.to_string(),
            text: self.to_string(),
        }
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 && self.file.to_ascii_lowercase().ends_with(".json") {
            write!(f, " record {}", self.line)?;
        } else if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if !self.field.is_empty() {
            write!(f, ": field `{}`", self.field)?;
        }
        if !self.value.is_empty() {
            let shown: String = self.value.chars().take(80).collect();
            write!(f, " value {shown:?}")?;
        }
        write!(f, " {}", self.problem)
    }
}

/// What crosses to JavaScript for each problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct IssueReport {
    /// The file's name, as [`Issue::file`].
    pub file: String,
    /// 1-based line of the file (the header is line 1); 0 for a summary of the whole file.
    pub line: u64,
    /// The column, or empty for whole-row and whole-file problems.
    pub field: String,
    /// The value found; empty when the problem is not with one value.
    pub value: String,
    /// Whether it stops the file.
    pub severity: Severity,
    /// The problem's stable code, e.g. `"bad-date"`.
    pub code: &'static str,
    /// The values of the message, by name, for a translated template of `code`.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "{ [key in string]: string }")
    )]
    pub params: Params,
    /// The message in English.
    pub message: String,
    /// The whole line in English: file, line, field, value (first 80 characters) and message.
    pub text: String,
}

/// The values of a message by name, sorted by name, with no name twice (the last value given
/// stays); serialized as an object (`{"line": "3"}`). A list, not a B-tree map: each kind of map
/// is another copy of the B-tree's code in the module (size), for a handful of entries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Params(Vec<(&'static str, String)>);

impl Params {
    /// `entries`, sorted by name; of a name given twice, the last value.
    pub fn new(entries: Vec<(&'static str, String)>) -> Self {
        let mut list: Vec<(&'static str, String)> = Vec::with_capacity(entries.len());
        for (name, value) in entries {
            match list.binary_search_by(|(n, _)| n.cmp(&name)) {
                Ok(at) => {
                    if let Some(slot) = list.get_mut(at) {
                        slot.1 = value;
                    }
                }
                Err(at) => list.insert(at, (name, value)),
            }
        }
        Self(list)
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        let at = self.0.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
        self.0.get(at).map(|(_, v)| v.as_str())
    }

    /// The entries, sorted by name.
    pub fn entries(&self) -> &[(&'static str, String)] {
        &self.0
    }
}

impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// True when any issue is an error.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|i| i.severity() == Severity::Error)
}

/// Collects the issues of one load, keeping at most [`crate::limits::MAX_ISSUES_PER_KIND`] of each
/// kind and [`crate::limits::MAX_ISSUES`] in all, and counting the rest: memory stays bounded however
/// many rows are wrong, and a report names the first of each kind plus a total.
#[derive(Debug, Default)]
pub struct IssueLog {
    kept: Vec<Issue>,
    per_code: foldhash::HashMap<&'static str, usize>,
    errors: usize,
    not_shown: usize,
    errors_not_shown: usize,
    file: String,
}

impl IssueLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one issue (kept, or only counted once its kind has enough examples).
    pub fn push(&mut self, issue: Issue) {
        let error = issue.severity() == Severity::Error;
        self.errors += usize::from(error);
        let seen = self.per_code.entry(issue.problem.code()).or_insert(0);
        *seen += 1;
        if *seen > crate::limits::MAX_ISSUES_PER_KIND
            || self.kept.len() >= crate::limits::MAX_ISSUES
        {
            self.not_shown += 1;
            self.errors_not_shown += usize::from(error);
            if self.file.is_empty() {
                self.file = issue.file;
            }
            return;
        }
        self.kept.push(issue);
    }

    /// Errors recorded so far, shown or not.
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// True when an error was recorded, shown or not.
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Whether a problem with the file as a whole (its size, rows or fields) was recorded: then
    /// its rows are not worth checking one by one.
    pub fn has_whole_file_problem(&self) -> bool {
        self.kept.iter().any(|i| i.problem.is_whole_file())
    }

    /// The kept issues, followed by one [`Problem::MoreProblems`] when some were only counted.
    pub fn into_issues(self) -> Vec<Issue> {
        // Problems with the whole file first: they say why the rest may be missing.
        let (mut kept, rest): (Vec<Issue>, Vec<Issue>) = self
            .kept
            .into_iter()
            .partition(|i| i.problem.is_whole_file());
        kept.extend(rest);
        if self.not_shown > 0 {
            let file = kept.first().map_or(self.file, |i| i.file.clone());
            kept.push(Issue {
                file,
                line: 0,
                field: String::new(),
                value: String::new(),
                problem: Problem::MoreProblems {
                    not_shown: self.not_shown,
                    errors_not_shown: self.errors_not_shown,
                },
            });
        }
        kept
    }
}
