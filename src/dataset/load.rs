//! Loading a partnerships file: [`Dataset::load`] reads the table, checks each row against the
//! gazetteer ([`RowChecker`]) and keeps the rows without errors.

use super::date::PartialDate;
use super::gazetteer::Gazetteer;
use super::issue::{Issue, IssueLog, Problem, Severity};
use super::kinds::{Level, Relation, Status};
use super::records::Partnership;
use super::source::Sources;
use super::table::{Row, RowIter, Table};
use super::validate::{fold_name, has_markup, is_slug, lon_lat, other_name};
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

/// The partnerships columns, once: [`COLUMNS`] (their names, in the file's order) and [`Col`]
/// (each one's place in it), so that the two cannot part.
macro_rules! partnership_columns {
    ($($col:ident = $name:literal,)*) => {
        /// Every partnerships column, in the file's order (a JSON record's other keys are ignored).
        pub const COLUMNS: [&str; [$($name),*].len()] = [$($name),*];

        /// A partnerships column: its position in [`COLUMNS`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Col {
            $($col),*
        }

        impl Col {
            /// Every column, in [`COLUMNS`]'s order.
            #[cfg(test)]
            const ALL: [Col; COLUMNS.len()] = [$(Col::$col),*];
        }
    };
}

partnership_columns! {
    Id = "id",
    ShandongCity = "shandong_city",
    ShandongSubunit = "shandong_subunit",
    ShandongSubunitEn = "shandong_subunit_en",
    PartnerEn = "partner_en",
    PartnerZh = "partner_zh",
    PartnerZhSource = "partner_zh_source",
    Country = "country",
    PartnerLevel = "partner_level",
    Relation = "relation",
    Status = "status",
    Established = "established",
    Lon = "lon",
    Lat = "lat",
    CoordSource = "coord_source",
    Sources = "sources",
    Note = "note",
    NoteZh = "note_zh",
}

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
const TEXT_COLUMNS: [Col; 6] = [
    Col::PartnerEn,
    Col::PartnerZh,
    Col::ShandongSubunit,
    Col::ShandongSubunitEn,
    Col::Note,
    Col::NoteZh,
];

impl Col {
    /// Its name in a file's header.
    fn name(self) -> &'static str {
        COLUMNS.get(self as usize).copied().unwrap_or_default()
    }
}

/// Where each of [`COLUMNS`] is in one table's rows, found once per step of a check: a check
/// reads ~30 fields of each row, and a look-up of each by name (a hash and a comparison of the
/// name) had been ~7 % of a 25,000-row file's read and check (natively 49.9 → 46.4 ms).
struct Columns<'t> {
    t: &'t Table,
    at: [Option<usize>; COLUMNS.len()],
}

impl<'t> Columns<'t> {
    fn of(t: &'t Table) -> Self {
        Self {
            t,
            at: COLUMNS.map(|name| t.index_of(name)),
        }
    }

    /// The value of `col` in `row`, or "" when the file has no such column (as [`Table::get`]).
    fn get<'a>(&self, row: Row<'a>, col: Col) -> &'a str {
        let at = self.at.get(col as usize).copied().flatten();
        at.and_then(|i| row.field(i)).unwrap_or("")
    }

    /// A problem with `col` of `row` (as [`Table::issue`]).
    fn issue(&self, row: Row<'_>, col: Col, problem: Problem) -> Issue {
        self.t.issue(row, col.name(), problem)
    }

    /// Reports each of `cols` that is empty in `row` (as `validate::require` by name).
    fn require(&self, row: Row<'_>, cols: &[Col], issues: &mut IssueLog) {
        for &col in cols {
            if self.get(row, col).is_empty() {
                issues.push(self.issue(row, col, Problem::Empty));
            }
        }
    }
}

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
        checker.check_rows(&t, t.rows.iter(), &mut issues, &mut partnerships);
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
        rows: RowIter<'_>,
        issues: &mut IssueLog,
        out: &mut Vec<Partnership>,
    ) {
        let c = Columns::of(t);
        for row in rows {
            let errors_before = issues.error_count();
            let pair = self.check(&c, row, issues);
            if issues.error_count() == errors_before {
                out.extend(pair);
            }
        }
    }

    /// Reports every problem of `row`; the pair when its city and country are known.
    fn check(&mut self, c: &Columns, row: Row<'_>, issues: &mut IssueLog) -> Option<Partnership> {
        let required = [
            Col::Id,
            Col::ShandongCity,
            Col::PartnerEn,
            Col::Country,
            Col::Sources,
        ];
        c.require(row, &required, issues);
        let id = c.get(row, Col::Id);
        self.check_id(c, row, id, issues);
        let city = self.city(c, row, issues);
        let iso2 = c.get(row, Col::Country).to_ascii_uppercase();
        let country = self.gazetteer.country_index(&iso2);
        if country.is_none() && !iso2.is_empty() {
            issues.push(c.issue(row, Col::Country, Problem::UnknownCountry));
        }
        let (level, relation, status) = kinds(c, row, issues);
        let established = self.established(c, row, issues);
        let (lon, lat) = (c.get(row, Col::Lon), c.get(row, Col::Lat));
        let location_unknown =
            c.get(row, Col::CoordSource).starts_with("unknown") && lon.is_empty() && lat.is_empty();
        let location = if location_unknown {
            None
        } else {
            lon_lat(c.t, row, [lon, lat], issues)
        };
        for col in TEXT_COLUMNS {
            if has_markup(c.get(row, col)) {
                issues.push(c.issue(row, col, Problem::Markup));
            }
        }
        let sources = Sources::new(c.get(row, Col::Sources));
        if let (Some(location), Some(country)) = (location, country) {
            self.check_near_country(c, row, &iso2, country, location, issues);
        }
        let (city, country) = (city?, country?);
        self.check_duplicate_pair(c, row, city, country, issues);
        let text = |col| c.get(row, col).to_string();
        Some(Partnership {
            id: id.to_string(),
            line: row.line,
            city,
            subunit_zh: text(Col::ShandongSubunit),
            subunit_en: text(Col::ShandongSubunitEn),
            partner_en: text(Col::PartnerEn),
            partner_zh: text(Col::PartnerZh),
            partner_zh_source: text(Col::PartnerZhSource),
            country,
            level,
            relation,
            status,
            established,
            location,
            coord_source: text(Col::CoordSource),
            sources,
            note: text(Col::Note),
            note_zh: text(Col::NoteZh),
        })
    }

    /// A slug, not seen before (an empty id is reported as empty by `check`).
    fn check_id(&mut self, c: &Columns, row: Row<'_>, id: &str, issues: &mut IssueLog) {
        if id.is_empty() {
            return;
        }
        if !is_slug(id) {
            issues.push(c.issue(row, Col::Id, Problem::BadId));
        } else if let Some(&first_line) = self.state.ids.get(id) {
            issues.push(c.issue(row, Col::Id, Problem::DuplicateId { first_line }));
        } else {
            self.state.ids.insert(id.to_string(), row.line);
        }
    }

    /// The index of the row's Shandong key, reported if unknown.
    fn city(&self, c: &Columns, row: Row<'_>, issues: &mut IssueLog) -> Option<usize> {
        let city_key = c.get(row, Col::ShandongCity);
        let city = self.gazetteer.city_index(city_key);
        if city.is_none() && !city_key.is_empty() {
            issues.push(c.issue(
                row,
                Col::ShandongCity,
                Problem::UnknownShandongKey {
                    known: self.state.known_keys.clone(),
                },
            ));
        }
        city
    }

    /// The `established` date: empty, or a date not after today.
    fn established(&self, c: &Columns, row: Row<'_>, issues: &mut IssueLog) -> Option<PartialDate> {
        let text = c.get(row, Col::Established);
        if text.is_empty() {
            return None;
        }
        match PartialDate::parse(text) {
            None => {
                issues.push(c.issue(row, Col::Established, Problem::BadDate));
                None
            }
            Some(d) if d.is_after(&self.today) => {
                let today = self.today.to_string();
                issues.push(c.issue(row, Col::Established, Problem::FutureDate { today }));
                None
            }
            Some(d) => Some(d),
        }
    }

    /// With a basemap: the partner lies inside or near its country.
    fn check_near_country(
        &mut self,
        c: &Columns,
        row: Row<'_>,
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
        issues.push(c.issue(row, Col::Lon, problem));
    }

    /// The same Shandong side, country and partner name only once.
    fn check_duplicate_pair(
        &mut self,
        c: &Columns,
        row: Row<'_>,
        city: usize,
        country: usize,
        issues: &mut IssueLog,
    ) {
        let key = (
            city,
            c.get(row, Col::ShandongSubunit).to_string(),
            country,
            fold_name(c.get(row, Col::PartnerEn)),
        );
        if let Some(&first_line) = self.state.pairs.get(&key) {
            issues.push(c.issue(row, Col::PartnerEn, Problem::DuplicatePair { first_line }));
        } else {
            self.state.pairs.insert(key, row.line);
        }
    }
}

/// The row's level, relation and status, each reported if not one of the known words.
fn kinds(c: &Columns, row: Row<'_>, issues: &mut IssueLog) -> (Level, Relation, Status) {
    let level = known(
        c,
        row,
        Col::PartnerLevel,
        Level::parse,
        "province, city, county",
        issues,
    );
    let relation = known(
        c,
        row,
        Col::Relation,
        Relation::parse,
        "friendship (友好城市), cooperation (友好合作关系), unknown",
        issues,
    );
    let status = known(
        c,
        row,
        Col::Status,
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
    c: &Columns,
    row: Row<'_>,
    column: Col,
    parse: fn(&str) -> Option<T>,
    allowed: &'static str,
    issues: &mut IssueLog,
) -> Option<T> {
    let value = parse(c.get(row, column));
    if value.is_none() {
        issues.push(c.issue(row, column, Problem::NotOneOf { allowed }));
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each [`Col`] names the column at its place in [`COLUMNS`], and a table's [`Columns`] read
    /// what [`Table::get`] reads by name, whatever the header's order, with a column missing and
    /// one the check does not know.
    #[test]
    fn columns_found_once_read_what_a_look_up_by_name_reads() {
        use Col::*;
        let all = Col::ALL;
        assert_eq!(all.len(), COLUMNS.len());
        for (i, col) in all.into_iter().enumerate() {
            assert_eq!(col as usize, i);
            assert_eq!(Some(col.name()), COLUMNS.get(i).copied());
        }
        let header: Vec<String> = COLUMNS
            .iter()
            .rev()
            .filter(|&&name| name != "note")
            .map(|name| name.to_string())
            .chain(["extra".to_string()])
            .collect();
        let fields: Vec<String> = (0..header.len()).map(|i| format!("v{i}")).collect();
        let mut rows = crate::dataset::table::Rows::default();
        rows.push(2, fields.iter().map(String::as_str));
        let t = Table::new("t.csv".into(), header, rows);
        let row = t.rows.get(0).expect("one row");
        let c = Columns::of(&t);
        for col in all {
            assert_eq!(c.get(row, col), t.get(row, col.name()), "{col:?}");
        }
        assert_eq!((c.get(row, Note), c.get(row, Id)), ("", "v16"));
        let issue = c.issue(row, Lon, Problem::Empty);
        assert_eq!((issue.field.as_str(), issue.value.as_str()), ("lon", "v4"));
    }
}
