//! Loading a partnerships file: [`Dataset::load`] reads the table, checks each row against the
//! gazetteer ([`RowChecker`]) and keeps the rows without errors.

use super::date::PartialDate;
use super::gazetteer::Gazetteer;
use super::issue::{Issue, IssueLog, Problem, Severity};
use super::kinds::{Level, Relation, Status};
use super::records::Partnership;
use super::source::Sources;
use super::table::{Row, Table};
use super::validate::{fold_name, has_markup, is_slug, lon_lat, other_name, require};
use super::Dataset;
use crate::basemap::Basemap;
use crate::geometry::LonLat;
// foldhash, not std's SipHash: each row's id and pair are looked up (25,000 at a world network).
use foldhash::HashMap;

/// A loaded dataset plus the warnings that did not stop it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The data that loaded.
    pub dataset: Dataset,
    /// Problems that did not stop the load.
    pub warnings: Vec<Issue>,
    /// With [`LoadMode::ValidRows`]: the errors of the rows left out.
    pub rejected: Vec<Issue>,
}

/// What to do with a file that has errors in some rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoadMode {
    /// Refuse the whole file (the map keeps what it had): the default, and what `data-src` does.
    #[default]
    AllOrNothing,
    /// Load the rows without errors and list the rejected ones (a visitor's upload, when asked).
    /// A problem with the file as a whole (size, encoding, columns) still refuses it.
    ValidRows,
}

impl From<bool> for LoadMode {
    /// `true`: [`LoadMode::ValidRows`].
    fn from(valid_rows_only: bool) -> Self {
        if valid_rows_only {
            Self::ValidRows
        } else {
            Self::AllOrNothing
        }
    }
}

/// Every partnerships column, in the file's order (a JSON record's other keys are ignored).
pub const COLUMNS: [&str; 18] = [
    "id",
    "shandong_city",
    "shandong_subunit",
    "shandong_subunit_en",
    "partner_en",
    "partner_zh",
    "partner_zh_source",
    "country",
    "partner_level",
    "relation",
    "status",
    "established",
    "lon",
    "lat",
    "coord_source",
    "sources",
    "note",
    "note_zh",
];

/// Partnership columns that must be in the header.
pub const REQUIRED_COLUMNS: [&str; 7] = [
    "id",
    "shandong_city",
    "partner_en",
    "country",
    "lon",
    "lat",
    "sources",
];

/// Tolerance for "inside or near its country": coastal points on a simplified outline and
/// provinces represented by their capital stay well within it.
pub const NEAR_COUNTRY_DEG: f64 = 0.5;

/// Free-text columns that must not hold markup.
const TEXT_COLUMNS: [&str; 6] = [
    "partner_en",
    "partner_zh",
    "shandong_subunit",
    "shandong_subunit_en",
    "note",
    "note_zh",
];

impl Dataset {
    /// Parses and validates a partnerships file (CSV, or JSON when `file` ends in `.json`) against
    /// `gazetteer`. `today` bounds the dates;
    /// with a `basemap`, each partner must lie inside or near its country.
    pub fn load(
        gazetteer: &Gazetteer,
        file: &str,
        bytes: &[u8],
        today: PartialDate,
        basemap: Option<&Basemap>,
    ) -> Result<Loaded, Vec<Issue>> {
        Self::load_with(
            gazetteer,
            file,
            bytes,
            today,
            basemap,
            LoadMode::AllOrNothing,
        )
    }

    /// [`Dataset::load`], choosing what rows with errors do (see [`LoadMode`]).
    pub fn load_with(
        gazetteer: &Gazetteer,
        file: &str,
        bytes: &[u8],
        today: PartialDate,
        basemap: Option<&Basemap>,
        mode: LoadMode,
    ) -> Result<Loaded, Vec<Issue>> {
        let mut issues = IssueLog::new();
        let json = file.to_ascii_lowercase().ends_with(".json");
        let table = if json {
            Table::read_json(file, bytes, &COLUMNS, &REQUIRED_COLUMNS, &mut issues)
        } else {
            Table::read(file, bytes, &REQUIRED_COLUMNS, &mut issues)
        };
        let Some(t) = table else {
            return Err(issues.into_issues());
        };
        // A file over the row or field limits is refused as it is: checking its rows one by
        // one would only make a hostile file slower to answer.
        if issues.has_whole_file_problem() {
            return Err(issues.into_issues());
        }
        let state = CheckState::new(gazetteer, t.rows.len());
        let mut checker = RowChecker::new(gazetteer, today, basemap, state);
        let mut partnerships = Vec::with_capacity(t.rows.len());
        checker.check_rows(&t, &t.rows, &mut issues, &mut partnerships);
        conclude(gazetteer.clone(), file, partnerships, issues, mode)
    }
}

/// The end of a load, once every row is checked: the dataset and its warnings (and, with
/// [`LoadMode::ValidRows`], the rejected rows), or the problems that refuse the file.
pub(super) fn conclude(
    gazetteer: Gazetteer,
    file: &str,
    partnerships: Vec<Partnership>,
    issues: IssueLog,
    mode: LoadMode,
) -> Result<Loaded, Vec<Issue>> {
    let partial = mode == LoadMode::ValidRows && !partnerships.is_empty();
    if issues.has_errors() && !partial {
        return Err(issues.into_issues());
    }
    let dataset = Dataset {
        gazetteer,
        partnerships,
        source_name: file.to_string(),
        coverage: None,
        sources_apart: false,
    };
    let (rejected, warnings) = issues
        .into_issues()
        .into_iter()
        .partition(|i| i.severity() == Severity::Error);
    Ok(Loaded {
        dataset,
        warnings,
        rejected,
    })
}

/// What the row checks remember from one row to the next: the ids and pairs seen so far (kept
/// between the steps of a [`super::LoadJob`]).
#[derive(Debug, Clone, Default)]
pub(super) struct CheckState {
    /// The Shandong keys, for the message about an unknown one.
    known_keys: String,
    /// First line of each id.
    ids: HashMap<String, u64>,
    /// First line of each (city, subunit, country, folded partner name).
    pairs: HashMap<(usize, String, usize, String), u64>,
    /// The distance (degrees) from a point to its country's outline, by (country, longitude,
    /// latitude bits): a partner twinned with several cities is measured once (at the world
    /// network, 25,383 rows name 12,980 points; a point in a large country costs an edge test
    /// per vertex of its outline).
    near: HashMap<(usize, u64, u64), Option<f64>>,
}

impl CheckState {
    /// Nothing seen yet, with room for the ids and pairs of `rows` rows: grown as they came, the
    /// maps hashed every key again at each doubling (at the world network's 25,383 rows ~11 ms of
    /// a page's load, session 26's profile).
    pub(super) fn new(gazetteer: &Gazetteer, rows: usize) -> Self {
        // A network may have thousands of origins: the message names the first few.
        const NAMED: usize = 20;
        let mut known_keys = gazetteer
            .cities
            .iter()
            .take(NAMED)
            .map(|c| c.key.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        if gazetteer.cities.len() > NAMED {
            known_keys += &format!(", … ({} in all)", gazetteer.cities.len());
        }
        Self {
            known_keys,
            ids: HashMap::with_capacity_and_hasher(rows, Default::default()),
            pairs: HashMap::with_capacity_and_hasher(rows, Default::default()),
            near: HashMap::default(),
        }
    }
}

/// Checks the rows of one partnerships file, remembering ids and pairs seen so far.
pub(super) struct RowChecker<'a> {
    gazetteer: &'a Gazetteer,
    today: PartialDate,
    basemap: Option<&'a Basemap>,
    state: CheckState,
}

impl<'a> RowChecker<'a> {
    /// A checker that goes on from `state`.
    pub(super) fn new(
        gazetteer: &'a Gazetteer,
        today: PartialDate,
        basemap: Option<&'a Basemap>,
        state: CheckState,
    ) -> Self {
        Self {
            gazetteer,
            today,
            basemap,
            state,
        }
    }

    /// What it remembers, for the next rows.
    pub(super) fn into_state(self) -> CheckState {
        self.state
    }

    /// Checks `rows` of `t`, adding the pairs of the rows without errors to `out`.
    pub(super) fn check_rows(
        &mut self,
        t: &Table,
        rows: &[Row],
        issues: &mut IssueLog,
        out: &mut Vec<Partnership>,
    ) {
        for row in rows {
            let errors_before = issues.error_count();
            let pair = self.check(t, row, issues);
            if issues.error_count() == errors_before {
                out.extend(pair);
            }
        }
    }

    /// Reports every problem of `row`; the pair when its city and country are known.
    fn check(&mut self, t: &Table, row: &Row, issues: &mut IssueLog) -> Option<Partnership> {
        require(
            t,
            row,
            &["id", "shandong_city", "partner_en", "country", "sources"],
            issues,
        );
        let id = t.get(row, "id");
        self.check_id(t, row, id, issues);
        let city = self.city(t, row, issues);
        let iso2 = t.get(row, "country").to_ascii_uppercase();
        let country = self.gazetteer.country_index(&iso2);
        if country.is_none() && !iso2.is_empty() {
            issues.push(t.issue(row, "country", Problem::UnknownCountry));
        }
        let (level, relation, status) = kinds(t, row, issues);
        let established = self.established(t, row, issues);
        let location_unknown = t.get(row, "coord_source").starts_with("unknown")
            && t.get(row, "lon").is_empty()
            && t.get(row, "lat").is_empty();
        let location = if location_unknown {
            None
        } else {
            lon_lat(t, row, issues)
        };
        for col in TEXT_COLUMNS {
            if has_markup(t.get(row, col)) {
                issues.push(t.issue(row, col, Problem::Markup));
            }
        }
        let sources = Sources::new(t.get(row, "sources"));
        if let (Some(location), Some(country)) = (location, country) {
            self.check_near_country(t, row, &iso2, country, location, issues);
        }
        let (city, country) = (city?, country?);
        self.check_duplicate_pair(t, row, city, country, issues);
        Some(Partnership {
            id: id.to_string(),
            line: row.line,
            city,
            subunit_zh: t.get(row, "shandong_subunit").to_string(),
            subunit_en: t.get(row, "shandong_subunit_en").to_string(),
            partner_en: t.get(row, "partner_en").to_string(),
            partner_zh: t.get(row, "partner_zh").to_string(),
            partner_zh_source: t.get(row, "partner_zh_source").to_string(),
            country,
            level,
            relation,
            status,
            established,
            location,
            coord_source: t.get(row, "coord_source").to_string(),
            sources,
            note: t.get(row, "note").to_string(),
            note_zh: t.get(row, "note_zh").to_string(),
        })
    }

    /// A slug, not seen before (an empty id is reported by `require`).
    fn check_id(&mut self, t: &Table, row: &Row, id: &str, issues: &mut IssueLog) {
        if id.is_empty() {
            return;
        }
        if !is_slug(id) {
            issues.push(t.issue(row, "id", Problem::BadId));
        } else if let Some(&first_line) = self.state.ids.get(id) {
            issues.push(t.issue(row, "id", Problem::DuplicateId { first_line }));
        } else {
            self.state.ids.insert(id.to_string(), row.line);
        }
    }

    /// The index of the row's Shandong key, reported if unknown.
    fn city(&self, t: &Table, row: &Row, issues: &mut IssueLog) -> Option<usize> {
        let city_key = t.get(row, "shandong_city");
        let city = self.gazetteer.city_index(city_key);
        if city.is_none() && !city_key.is_empty() {
            issues.push(t.issue(
                row,
                "shandong_city",
                Problem::UnknownShandongKey {
                    known: self.state.known_keys.clone(),
                },
            ));
        }
        city
    }

    /// The `established` date: empty, or a date not after today.
    fn established(&self, t: &Table, row: &Row, issues: &mut IssueLog) -> Option<PartialDate> {
        let text = t.get(row, "established");
        if text.is_empty() {
            return None;
        }
        match PartialDate::parse(text) {
            None => {
                issues.push(t.issue(row, "established", Problem::BadDate));
                None
            }
            Some(d) if d.is_after(&self.today) => {
                let today = self.today.to_string();
                issues.push(t.issue(row, "established", Problem::FutureDate { today }));
                None
            }
            Some(d) => Some(d),
        }
    }

    /// With a basemap: the partner lies inside or near its country.
    fn check_near_country(
        &mut self,
        t: &Table,
        row: &Row,
        iso2: &str,
        country: usize,
        location: LonLat,
        issues: &mut IssueLog,
    ) {
        let Some(basemap) = self.basemap else {
            return;
        };
        let key = (country, location.lon.to_bits(), location.lat.to_bits());
        let near = self.state.near.entry(key).or_insert_with(|| {
            basemap.distance_to_country_within_deg(iso2, location, NEAR_COUNTRY_DEG)
        });
        let Some(d) = *near else {
            return;
        };
        if d <= NEAR_COUNTRY_DEG {
            return;
        }
        let country = self
            .gazetteer
            .countries
            .get(country)
            .map(|c| c.name_en.clone())
            .unwrap_or_default();
        let distance_km = d * 111.2;
        let problem = match basemap.nearest_other(iso2, location, NEAR_COUNTRY_DEG) {
            Some(other) => Problem::OutsideCountry {
                country,
                other: other_name(self.gazetteer, other),
                distance_km,
            },
            None => Problem::OffBasemapLand {
                country,
                distance_km,
            },
        };
        issues.push(t.issue(row, "lon", problem));
    }

    /// The same Shandong side, country and partner name only once.
    fn check_duplicate_pair(
        &mut self,
        t: &Table,
        row: &Row,
        city: usize,
        country: usize,
        issues: &mut IssueLog,
    ) {
        let key = (
            city,
            t.get(row, "shandong_subunit").to_string(),
            country,
            fold_name(t.get(row, "partner_en")),
        );
        if let Some(&first_line) = self.state.pairs.get(&key) {
            issues.push(t.issue(row, "partner_en", Problem::DuplicatePair { first_line }));
        } else {
            self.state.pairs.insert(key, row.line);
        }
    }
}

/// The row's level, relation and status, each reported if not one of the known words.
fn kinds(t: &Table, row: &Row, issues: &mut IssueLog) -> (Level, Relation, Status) {
    let level = known(
        t,
        row,
        "partner_level",
        Level::parse,
        "province, city, county",
        issues,
    );
    let relation = known(
        t,
        row,
        "relation",
        Relation::parse,
        "friendship (友好城市), cooperation (友好合作关系), unknown",
        issues,
    );
    let status = known(
        t,
        row,
        "status",
        Status::parse,
        "signed (已签署), intent (意向), unconfirmed (待核实)",
        issues,
    );
    (
        level.unwrap_or(Level::Unknown),
        relation.unwrap_or(Relation::Unknown),
        status.unwrap_or(Status::Signed),
    )
}

/// `column`'s value read by `parse`; reported as not one of `allowed` when it fails.
fn known<T>(
    t: &Table,
    row: &Row,
    column: &str,
    parse: fn(&str) -> Option<T>,
    allowed: &'static str,
    issues: &mut IssueLog,
) -> Option<T> {
    let value = parse(t.get(row, column));
    if value.is_none() {
        issues.push(t.issue(row, column, Problem::NotOneOf { allowed }));
    }
    value
}
