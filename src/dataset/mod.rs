//! The partnership data: Shandong's side (`shandong.csv`), countries (`countries.csv`, `groups.csv`)
//! and the pairs themselves (`partnerships.csv`), parsed with the `csv` crate and validated.
//! Every problem is collected with its file, line, field and value; see [`Issue`].
//!
//! | module | holds |
//! |---|---|
//! | `kinds` | the closed vocabularies: [`Continent`], [`Level`], [`Relation`], [`Status`] |
//! | `records` | the records: [`ShandongCity`], [`Country`], [`Group`], [`Partnership`] |
//! | `gazetteer` | the reference tables, [`Gazetteer::load`] |
//! | `load` | [`Dataset::load`] and the per-row checks, [`LoadMode`], [`Loaded`] |
//! | `job` | the same load in steps: [`LoadJob`], [`Progress`] |
//! | `validate` | checks of single fields (required, coordinates, ids, markup) |
//! | `table` | one CSV file read into a header and rows with line numbers |
//! | `reader` | the same, a few rows at a time (`TableReader`) |
//! | [`encoding`] | UTF-8, UTF-16 and GB18030 detection and decoding |
//! | `date` | [`PartialDate`]: a year, year-month or full date |
//! | `source` | [`Source`]: the sources column |
//! | `issue` | [`Issue`], [`Problem`], [`Severity`]: every problem found |
//! | `stats` | [`Stats`]: counts for the statistics panel |
//! | `coverage` | [`Coverage`]: the official totals the shipped data is measured against |

mod coverage;
mod date;
pub mod encoding;
mod gazetteer;
mod issue;
mod job;
mod kinds;
mod load;
mod notes;
mod packed;
mod reader;
mod records;
mod source;
mod stats;
mod table;
mod validate;

pub use coverage::{CityCoverage, Coverage, CoverageView, OfficialTotal};
pub use date::PartialDate;
pub use gazetteer::Gazetteer;
pub use issue::{has_errors, Issue, IssueLog, IssueReport, Params, Problem, Severity};
pub use job::{LoadJob, LoadPhase, Progress};
pub use kinds::{Continent, Level, Relation, Status};
pub use load::{LoadMode, Loaded, COLUMNS, NEAR_COUNTRY_DEG, REQUIRED_COLUMNS};
pub use notes::{
    apply_notes, apply_notes_binary, notes_binary, split_notes, NOTES_MAGIC, NOTE_COLUMNS,
    SOURCES_COLUMN,
};
pub use packed::PACKED_FORMAT;
pub use records::{Country, Group, Partnership, ShandongCity};
pub use source::{parse_sources, Source, Sources};
pub use stats::{Count, PlaceNumbers, Stats};

/// Validated data ready for the map.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dataset {
    /// The reference tables the pairs were checked against.
    pub gazetteer: Gazetteer,
    /// The pairs, in file order.
    pub partnerships: Vec<Partnership>,
    /// Name of the file the partnerships came from (shown in messages and the page).
    pub source_name: String,
    /// The official totals this data is measured against: only for the shipped data, never for
    /// a portal's own file (see [`Coverage`]).
    pub coverage: Option<Coverage>,
    /// The pairs' sources are not loaded yet though every pair has some: the pre-validated
    /// shipped data (`shipped.bin`) leaves them out, and the notes file brings them (see
    /// [`apply_notes`]). The statistics count such pairs as sourced.
    pub sources_apart: bool,
}

impl Dataset {
    /// The Shandong keys, in file order.
    pub fn cities(&self) -> &[ShandongCity] {
        &self.gazetteer.cities
    }

    /// The countries, in file order.
    pub fn countries(&self) -> &[Country] {
        &self.gazetteer.countries
    }

    /// The Shandong side of `p`.
    ///
    /// # Panics
    ///
    /// If `p` does not belong to this dataset (its `city` is out of range).
    #[allow(clippy::indexing_slicing)] // the loader sets `city` from this gazetteer
    pub fn city_of(&self, p: &Partnership) -> &ShandongCity {
        &self.gazetteer.cities[p.city]
    }

    /// The country of `p`.
    ///
    /// # Panics
    ///
    /// If `p` does not belong to this dataset (its `country` is out of range).
    #[allow(clippy::indexing_slicing)] // the loader sets `country` from this gazetteer
    pub fn country_of(&self, p: &Partnership) -> &Country {
        &self.gazetteer.countries[p.country]
    }

    /// The index of Shandong key `key`.
    pub fn city_index_of(&self, key: &str) -> Option<usize> {
        self.gazetteer.city_index(key)
    }

    /// The pair with id `id` and its index.
    pub fn by_id(&self, id: &str) -> Option<(usize, &Partnership)> {
        self.partnerships
            .iter()
            .enumerate()
            .find(|(_, p)| p.id == id)
    }
}
