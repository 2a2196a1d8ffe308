//! A partnerships file loaded in steps ([`LoadJob`]): decode and header, rows read, rows
//! checked, each step bounded by a number of rows, so that the page can draw frames between
//! them. The outcome is the one [`Dataset::load_with`] gives for the same file.

use super::date::PartialDate;
use super::encoding::{self, TextEncoding};
use super::gazetteer::Gazetteer;
use super::issue::{Issue, IssueLog};
use super::load::{conclude, CheckState, LoadMode, Loaded, RowChecker, COLUMNS, REQUIRED_COLUMNS};
use super::reader::TableReader;
use super::records::Partnership;
use super::table::{lf_line_ends, Table};
use crate::basemap::Basemap;
use crate::limits::MAX_DATA_BYTES;
use serde::Serialize;
use std::sync::Arc;

/// What a load is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum LoadPhase {
    /// Decoding the bytes and reading the header (JSON: parsing the whole text).
    Decode,
    /// Reading the rows (CSV lines or JSON records).
    Read,
    /// Checking each row against the reference tables and the world outlines.
    Check,
    /// Projecting each pair's great circle and building its search keys (the map's part).
    Build,
    /// Finished: the report is ready.
    Done,
    /// Replaced by a newer load before it finished.
    Cancelled,
}

/// How far a load is: its phase, the work done and to do in that phase (bytes of text while
/// reading a CSV file, else rows), and an estimate of the whole, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// The phase.
    pub phase: LoadPhase,
    /// Work done in this phase.
    pub done: usize,
    /// Work in this phase.
    pub total: usize,
    /// The whole load, 0–100 (each phase weighted by its usual share of the time).
    pub percent: f64,
}

impl Progress {
    /// `done` of `total` in `phase`.
    pub fn new(phase: LoadPhase, done: usize, total: usize) -> Self {
        // Where each phase starts and ends, in percent of the whole (measured on 50,000 rows).
        let (from, to) = match phase {
            LoadPhase::Decode => (0.0, 5.0),
            LoadPhase::Read => (5.0, 30.0),
            LoadPhase::Check => (30.0, 60.0),
            LoadPhase::Build => (60.0, 100.0),
            LoadPhase::Done | LoadPhase::Cancelled => (100.0, 100.0),
        };
        let share = if total == 0 {
            0.0
        } else {
            done.min(total) as f64 / total as f64
        };
        Self {
            phase,
            done,
            total,
            percent: from + (to - from) * share,
        }
    }
}

/// Files in GB18030 or UTF-16 larger than this are decoded in pieces (10 MB of GBK took 0.7 s at
/// once in Chromium).
const DECODE_IN_PIECES_BYTES: usize = 256 * 1024;
/// Bytes decoded in a step per row of its budget.
const DECODE_BYTES_PER_ROW: usize = 256;

/// A partnerships file being loaded, a bounded number of rows per [`LoadJob::step`].
#[derive(Debug)]
pub struct LoadJob {
    file: String,
    today: PartialDate,
    mode: LoadMode,
    gazetteer: Gazetteer,
    outlines: Option<Arc<Basemap>>,
    issues: IssueLog,
    stage: Stage,
}

#[derive(Debug)]
enum Stage {
    Decode(Vec<u8>),
    /// A large GB18030 or UTF-16 file, decoded a piece at a time (UTF-8 is only validated, at once).
    Decoding {
        bytes: Vec<u8>,
        encoding: TextEncoding,
        /// Where the text starts (after a byte-order mark), and how far it is decoded.
        start: usize,
        at: usize,
        text: String,
        failed: bool,
    },
    Read(Box<TableReader>),
    Check {
        table: Table,
        next: usize,
        state: CheckState,
        partnerships: Vec<Partnership>,
    },
    Done(Result<Loaded, Vec<Issue>>),
}

impl LoadJob {
    /// A load of `bytes` as `file` (JSON when the name ends in `.json`), checked against
    /// `gazetteer` and, when given, the world `outlines`; nothing is read until the first step.
    pub fn new(
        gazetteer: &Gazetteer,
        file: &str,
        bytes: Vec<u8>,
        today: PartialDate,
        outlines: Option<Arc<Basemap>>,
        mode: LoadMode,
    ) -> Self {
        Self {
            file: file.to_string(),
            today,
            mode,
            gazetteer: gazetteer.clone(),
            outlines,
            issues: IssueLog::new(),
            stage: Stage::Decode(bytes),
        }
    }

    /// The file's name as given.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Does the next piece of work: the decoding (one piece), or up to `max_rows` rows read or
    /// checked. Never more than one phase per step.
    pub fn step(&mut self, max_rows: usize) -> Progress {
        let max_rows = max_rows.max(1);
        let stage = std::mem::replace(&mut self.stage, Stage::Decode(Vec::new()));
        self.stage = match stage {
            Stage::Decode(bytes) => self.decode(bytes),
            Stage::Decoding {
                bytes,
                encoding,
                start,
                mut at,
                mut text,
                mut failed,
            } => {
                let body = bytes.get(start..).unwrap_or_default();
                let rest = body.get(at..).unwrap_or_default();
                let min = max_rows.saturating_mul(DECODE_BYTES_PER_ROW);
                let end = encoding::chunk_end(rest, encoding, min).unwrap_or(rest.len());
                match encoding::decode_chunk(rest.get(..end).unwrap_or_default(), encoding) {
                    Some(chunk) => text.push_str(&lf_line_ends(chunk.into())),
                    None => failed = true,
                }
                at += end;
                if failed || at >= body.len() {
                    self.read_header(bytes, Some((!failed).then_some(text)))
                } else {
                    Stage::Decoding {
                        bytes,
                        encoding,
                        start,
                        at,
                        text,
                        failed,
                    }
                }
            }
            Stage::Read(mut reader) => {
                if reader.step(max_rows, &mut self.issues) {
                    self.read_all(*reader)
                } else {
                    Stage::Read(reader)
                }
            }
            Stage::Check {
                table,
                next,
                state,
                partnerships,
            } => self.check(table, next, state, partnerships, max_rows),
            done @ Stage::Done(_) => done,
        };
        self.progress()
    }

    /// Where the job is.
    pub fn progress(&self) -> Progress {
        match &self.stage {
            Stage::Decode(bytes) => Progress::new(LoadPhase::Decode, 0, bytes.len()),
            Stage::Decoding {
                bytes, start, at, ..
            } => Progress::new(LoadPhase::Decode, *at, bytes.len().saturating_sub(*start)),
            Stage::Read(reader) => {
                let (done, total) = reader.progress();
                Progress::new(LoadPhase::Read, done, total)
            }
            Stage::Check { table, next, .. } => {
                Progress::new(LoadPhase::Check, *next, table.rows.len())
            }
            Stage::Done(_) => Progress::new(LoadPhase::Done, 1, 1),
        }
    }

    /// The outcome, once the job is done (else the job back).
    pub fn finish(self) -> Result<Result<Loaded, Vec<Issue>>, Box<Self>> {
        match self.stage {
            Stage::Done(outcome) => Ok(outcome),
            _ => Err(Box::new(self)),
        }
    }

    /// Steps until done: the same as [`Dataset::load_with`](super::Dataset::load_with).
    pub fn run(mut self, max_rows: usize) -> Result<Loaded, Vec<Issue>> {
        loop {
            match self.finish() {
                Ok(outcome) => return outcome,
                Err(job) => self = *job,
            }
            self.step(max_rows);
        }
    }

    /// The first step: a large file in another encoding than UTF-8 is decoded in pieces from the
    /// next step on; any other is decoded (or validated) here, and its header read.
    fn decode(&mut self, bytes: Vec<u8>) -> Stage {
        let sniffed = encoding::sniff(&bytes);
        let pieces = sniffed.encoding != TextEncoding::Utf8
            && bytes.len() > DECODE_IN_PIECES_BYTES
            && bytes.len() <= MAX_DATA_BYTES;
        if pieces {
            let start = if sniffed.bom { 2 } else { 0 };
            return Stage::Decoding {
                text: String::with_capacity(bytes.len()),
                bytes,
                encoding: sniffed.encoding,
                start,
                at: 0,
                failed: false,
            };
        }
        self.read_header(bytes, None)
    }

    /// Reads the header of the file (decoded already when `decoded` is `Some`).
    fn read_header(&mut self, bytes: Vec<u8>, decoded: Option<Option<String>>) -> Stage {
        let (file, issues) = (&self.file, &mut self.issues);
        let reader = if file.to_ascii_lowercase().ends_with(".json") {
            TableReader::json_with(file, &bytes, decoded, &COLUMNS, &REQUIRED_COLUMNS, issues)
        } else {
            let bytes = std::borrow::Cow::Owned(bytes);
            TableReader::csv_with(file, bytes, decoded, &REQUIRED_COLUMNS, issues)
        };
        match reader {
            Some(reader) => Stage::Read(Box::new(reader)),
            None => Stage::Done(Err(std::mem::take(&mut self.issues).into_issues())),
        }
    }

    fn read_all(&mut self, reader: TableReader) -> Stage {
        let table = reader.finish(&mut self.issues);
        // A file over the row or field limits is refused as it is (see `Dataset::load_with`).
        if self.issues.has_whole_file_problem() {
            return Stage::Done(Err(std::mem::take(&mut self.issues).into_issues()));
        }
        let rows = table.rows.len();
        Stage::Check {
            partnerships: Vec::with_capacity(rows),
            table,
            next: 0,
            state: CheckState::new(&self.gazetteer, rows),
        }
    }

    fn check(
        &mut self,
        table: Table,
        next: usize,
        state: CheckState,
        mut partnerships: Vec<Partnership>,
        max_rows: usize,
    ) -> Stage {
        let end = next.saturating_add(max_rows).min(table.rows.len());
        let rows = table.rows.range(next..end);
        let outlines = self.outlines.as_deref();
        let mut checker = RowChecker::new(&self.gazetteer, self.today, outlines, state);
        checker.check_rows(&table, rows, &mut self.issues, &mut partnerships);
        if end < table.rows.len() {
            let state = checker.into_state();
            return Stage::Check {
                table,
                next: end,
                state,
                partnerships,
            };
        }
        let issues = std::mem::take(&mut self.issues);
        // The job is done with its tables: the dataset takes them (not a copy: a network's
        // thousands of origins).
        let gazetteer = std::mem::take(&mut self.gazetteer);
        Stage::Done(conclude(
            gazetteer,
            &self.file,
            partnerships,
            issues,
            self.mode,
        ))
    }
}
