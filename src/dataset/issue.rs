//! Problems found in input files. Each names the file, line, field and value; all are collected.

use serde::Serialize;

/// How bad a problem is: errors stop a file from loading, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
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
    NotUtf8 { byte_offset: usize },
    #[error("starts with a byte-order mark (Excel's \"CSV UTF-8\"); it was ignored")]
    ByteOrderMark,
    #[error("uses {found:?} between fields; the file must be comma-separated")]
    WrongDelimiter { found: char },
    #[error("is a required column but the header does not have it")]
    MissingColumn,
    #[error("has {found} fields but the header has {expected}")]
    FieldCount { expected: usize, found: usize },
    #[error("is not valid CSV: {0}")]
    Syntax(String),
    #[error("is the file empty? it has no data rows")]
    NoRows,
    #[error("must not be empty")]
    Empty,
    #[error("is not a number")]
    NotANumber,
    #[error("is outside {min}…{max}")]
    OutOfRange { min: f64, max: f64 },
    #[error("is not an id: use lower-case letters, digits and hyphens")]
    BadId,
    #[error("is used already on line {first_line}")]
    DuplicateId { first_line: u64 },
    #[error("repeats the pair on line {first_line}")]
    DuplicatePair { first_line: u64 },
    #[error("is not a Shandong key (one of: {known})")]
    UnknownShandongKey { known: String },
    #[error("is not an ISO 3166-1 alpha-2 code listed in countries.csv")]
    UnknownCountry,
    #[error("is not one of: {allowed}")]
    NotOneOf { allowed: &'static str },
    #[error("is not a date written YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate,
    #[error("is after today ({today})")]
    FutureDate { today: String },
    #[error("contains markup; names and notes must be plain text")]
    Markup,
    #[error("lies {distance_km:.0} km outside {country}, inside or near {other}")]
    OutsideCountry {
        country: String,
        other: String,
        distance_km: f64,
    },
    #[error("lies at sea {distance_km:.0} km from {country}'s outline on the basemap (an island the basemap leaves out?)")]
    OffBasemapLand { country: String, distance_km: f64 },
    #[error("names a group that groups.csv does not define")]
    UnknownGroup,
}

impl Problem {
    /// A stable code for the page to translate.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::NotUtf8 { .. } => "not-utf8",
            Problem::ByteOrderMark => "bom",
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
            Problem::NotOneOf { .. } => "not-one-of",
            Problem::BadDate => "bad-date",
            Problem::FutureDate { .. } => "future-date",
            Problem::Markup => "markup",
            Problem::OutsideCountry { .. } => "outside-country",
            Problem::OffBasemapLand { .. } => "off-basemap-land",
            Problem::UnknownGroup => "unknown-group",
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            Problem::ByteOrderMark => Severity::Warning,
            // Near its country but off the simplified outline: likely a small island the basemap
            // leaves out (the Azores are 1,300 km from mainland Portugal). Farther is a wrong point.
            Problem::OffBasemapLand { distance_km, .. } if *distance_km <= FAR_AT_SEA_KM => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub file: String,
    /// 1-based line of the file (the header is line 1).
    pub line: u64,
    /// The column, or empty for whole-row and whole-file problems.
    pub field: String,
    pub value: String,
    pub problem: Problem,
}

impl Issue {
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
            message: self.problem.to_string(),
            text: self.to_string(),
        }
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
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
pub struct IssueReport {
    pub file: String,
    pub line: u64,
    pub field: String,
    pub value: String,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub text: String,
}

/// True when any issue is an error.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|i| i.severity() == Severity::Error)
}
