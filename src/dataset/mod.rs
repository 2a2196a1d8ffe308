//! The partnership data: Shandong's side (`shandong.csv`), countries (`countries.csv`, `groups.csv`)
//! and the pairs themselves (`partnerships.csv`), parsed with the `csv` crate and validated.
//! Every problem is collected with its file, line, field and value; see [`Issue`].

mod coverage;
mod date;
pub mod encoding;
mod issue;
mod source;
mod stats;
mod table;

pub use coverage::{CityCoverage, Coverage, CoverageView, OfficialTotal};
pub use date::PartialDate;
pub use issue::{has_errors, Issue, IssueLog, IssueReport, Problem, Severity};
pub use source::{parse_sources, Source};
pub use stats::{Count, Stats};

use crate::basemap::Basemap;
use crate::geometry::LonLat;
use std::collections::HashMap;
use table::{Row, Table};

/// The origin side: the province itself or one of its 16 prefecture cities.
#[derive(Debug, Clone, PartialEq)]
pub struct ShandongCity {
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub location: LonLat,
}

/// Continents, as used for filtering and statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Continent {
    Asia,
    Europe,
    Africa,
    NorthAmerica,
    SouthAmerica,
    Oceania,
    Antarctica,
}

impl Continent {
    pub const ALL: [Continent; 7] = [
        Continent::Asia,
        Continent::Europe,
        Continent::Africa,
        Continent::NorthAmerica,
        Continent::SouthAmerica,
        Continent::Oceania,
        Continent::Antarctica,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Continent::Asia => "asia",
            Continent::Europe => "europe",
            Continent::Africa => "africa",
            Continent::NorthAmerica => "north_america",
            Continent::SouthAmerica => "south_america",
            Continent::Oceania => "oceania",
            Continent::Antarctica => "antarctica",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == text)
    }
}

/// A country or territory.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub iso2: String,
    pub name_en: String,
    pub name_zh: String,
    pub continent: Continent,
    /// Keys of thematic groups (see [`Group`]).
    pub groups: Vec<String>,
}

/// A thematic group of countries with the source of its member list.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub source: String,
}

/// Administrative level of the partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Province,
    City,
    County,
    Unknown,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Unknown => "unknown",
        }
    }

    /// English keys, and the Chinese words staff are likely to type.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "province" | "state" | "省" | "州" | "省/州" | "省州" => Some(Level::Province),
            "city" | "市" => Some(Level::City),
            "county" | "district" | "县" | "区" | "县/区" => Some(Level::County),
            "" | "unknown" => Some(Level::Unknown),
            _ => None,
        }
    }
}

/// 友好城市 (formal friendship city) or 友好合作关系 (friendly cooperation), or not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    Friendship,
    Cooperation,
    Unknown,
}

impl Relation {
    pub const ALL: [Relation; 3] = [
        Relation::Friendship,
        Relation::Cooperation,
        Relation::Unknown,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Relation::Friendship => "friendship",
            Relation::Cooperation => "cooperation",
            Relation::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "friendship" | "友好城市" | "友城" | "友好省州" => Some(Relation::Friendship),
            "cooperation" | "友好合作关系" | "友好合作" | "友好交流关系" => {
                Some(Relation::Cooperation)
            }
            "" | "unknown" => Some(Relation::Unknown),
            _ => None,
        }
    }
}

/// How firm the tie is, as far as the sources show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// An agreement was signed, or the tie is reported as established.
    Signed,
    /// Only a letter of intent, a draft or an agreement "to establish" is documented.
    Intent,
    /// Named as a partner only by a weak or secondary source (e.g. a Wikipedia list).
    Unconfirmed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Signed, Status::Intent, Status::Unconfirmed];

    pub fn key(self) -> &'static str {
        match self {
            Status::Signed => "signed",
            Status::Intent => "intent",
            Status::Unconfirmed => "unconfirmed",
        }
    }

    /// English keys and the Chinese words staff may type; empty means signed (older files).
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "" | "signed" | "已签署" | "已缔结" => Some(Status::Signed),
            "intent" | "意向" | "意向书" => Some(Status::Intent),
            "unconfirmed" | "待核实" | "未核实" => Some(Status::Unconfirmed),
            _ => None,
        }
    }
}

/// One pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Partnership {
    pub id: String,
    /// Line in the source file, for messages.
    pub line: u64,
    /// Index into [`Dataset::cities`].
    pub city: usize,
    pub subunit_zh: String,
    pub subunit_en: String,
    pub partner_en: String,
    pub partner_zh: String,
    pub partner_zh_source: String,
    /// Index into [`Dataset::countries`].
    pub country: usize,
    pub level: Level,
    pub relation: Relation,
    pub status: Status,
    pub established: Option<PartialDate>,
    /// `None` only when the row says `coord_source = unknown: …` (the place cannot be pinned
    /// down from the sources): such a pair is listed but not drawn.
    pub location: Option<LonLat>,
    pub coord_source: String,
    pub sources: Vec<Source>,
    pub note: String,
    /// The note in Chinese (optional column `note_zh`), shown in the Chinese UI.
    pub note_zh: String,
}

/// The fixed reference tables every partnership file is checked against.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gazetteer {
    pub cities: Vec<ShandongCity>,
    pub countries: Vec<Country>,
    pub groups: Vec<Group>,
}

/// Validated data ready for the map.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dataset {
    pub gazetteer: Gazetteer,
    pub partnerships: Vec<Partnership>,
    /// Name of the file the partnerships came from (shown in messages and the page).
    pub source_name: String,
    /// The official totals this data is measured against: only for the shipped data, never for
    /// a portal's own file (see [`Coverage`]).
    pub coverage: Option<Coverage>,
}

/// A loaded dataset plus the warnings that did not stop it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub dataset: Dataset,
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

impl Gazetteer {
    /// Loads `shandong.csv`, `countries.csv` and `groups.csv`.
    pub fn load(shandong: &[u8], countries: &[u8], groups: &[u8]) -> Result<Gazetteer, Vec<Issue>> {
        let mut issues = IssueLog::new();
        let mut gaz = Gazetteer::default();

        if let Some(t) = Table::read(
            "groups.csv",
            groups,
            &["key", "name_zh", "name_en", "source"],
            &mut issues,
        ) {
            for row in &t.rows {
                require(
                    &t,
                    row,
                    &["key", "name_zh", "name_en", "source"],
                    &mut issues,
                );
                gaz.groups.push(Group {
                    key: t.get(row, "key").to_string(),
                    name_zh: t.get(row, "name_zh").to_string(),
                    name_en: t.get(row, "name_en").to_string(),
                    source: t.get(row, "source").to_string(),
                });
            }
        }

        let cols = ["key", "name_zh", "name_en", "lon", "lat"];
        if let Some(t) = Table::read("shandong.csv", shandong, &cols, &mut issues) {
            for row in &t.rows {
                require(&t, row, &cols, &mut issues);
                let location = lon_lat(&t, row, &mut issues).unwrap_or(LonLat::new(0.0, 0.0));
                gaz.cities.push(ShandongCity {
                    key: t.get(row, "key").to_string(),
                    name_zh: t.get(row, "name_zh").to_string(),
                    name_en: t.get(row, "name_en").to_string(),
                    location,
                });
            }
        }

        let cols = ["iso2", "name_en", "name_zh", "continent"];
        if let Some(t) = Table::read("countries.csv", countries, &cols, &mut issues) {
            for row in &t.rows {
                require(&t, row, &cols, &mut issues);
                let iso2 = t.get(row, "iso2");
                if iso2.len() != 2 || !iso2.bytes().all(|b| b.is_ascii_uppercase()) {
                    issues.push(t.issue(
                        row,
                        "iso2",
                        Problem::NotOneOf {
                            allowed: "two upper-case letters",
                        },
                    ));
                }
                let continent = Continent::parse(t.get(row, "continent")).unwrap_or_else(|| {
                    issues.push(t.issue(
                        row,
                        "continent",
                        Problem::NotOneOf { allowed: "asia, europe, africa, north_america, south_america, oceania, antarctica" },
                    ));
                    Continent::Asia
                });
                let groups: Vec<String> = t
                    .get(row, "groups")
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                for g in &groups {
                    if !gaz.groups.iter().any(|known| &known.key == g) {
                        let mut issue = t.issue(row, "groups", Problem::UnknownGroup);
                        issue.value = g.clone();
                        issues.push(issue);
                    }
                }
                gaz.countries.push(Country {
                    iso2: iso2.to_string(),
                    name_en: t.get(row, "name_en").to_string(),
                    name_zh: t.get(row, "name_zh").to_string(),
                    continent,
                    groups,
                });
            }
        }

        if issues.has_errors() {
            Err(issues.into_issues())
        } else {
            Ok(gaz)
        }
    }

    pub fn city_index(&self, key: &str) -> Option<usize> {
        self.cities.iter().position(|c| c.key == key)
    }

    pub fn country_index(&self, iso2: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.iso2 == iso2)
    }
}

impl Dataset {
    /// Parses and validates a partnerships file against `gazetteer`. `today` bounds the dates;
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
        let Some(t) = Table::read(file, bytes, &REQUIRED_COLUMNS, &mut issues) else {
            return Err(issues.into_issues());
        };
        let known_keys = gazetteer
            .cities
            .iter()
            .map(|c| c.key.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let mut ids: HashMap<String, u64> = HashMap::new();
        let mut pairs: HashMap<(usize, String, usize, String), u64> = HashMap::new();
        let mut partnerships = Vec::with_capacity(t.rows.len());

        for row in &t.rows {
            let errors_before = issues.error_count();
            require(
                &t,
                row,
                &["id", "shandong_city", "partner_en", "country", "sources"],
                &mut issues,
            );

            let id = t.get(row, "id");
            if !id.is_empty() {
                if !is_slug(id) {
                    issues.push(t.issue(row, "id", Problem::BadId));
                } else if let Some(&first_line) = ids.get(id) {
                    issues.push(t.issue(row, "id", Problem::DuplicateId { first_line }));
                } else {
                    ids.insert(id.to_string(), row.line);
                }
            }

            let city_key = t.get(row, "shandong_city");
            let city = gazetteer.city_index(city_key);
            if city.is_none() && !city_key.is_empty() {
                issues.push(t.issue(
                    row,
                    "shandong_city",
                    Problem::UnknownShandongKey {
                        known: known_keys.clone(),
                    },
                ));
            }

            let iso2 = t.get(row, "country").to_ascii_uppercase();
            let country = gazetteer.country_index(&iso2);
            if country.is_none() && !iso2.is_empty() {
                issues.push(t.issue(row, "country", Problem::UnknownCountry));
            }

            let level = Level::parse(t.get(row, "partner_level")).unwrap_or_else(|| {
                issues.push(t.issue(
                    row,
                    "partner_level",
                    Problem::NotOneOf {
                        allowed: "province, city, county",
                    },
                ));
                Level::Unknown
            });
            let relation = Relation::parse(t.get(row, "relation")).unwrap_or_else(|| {
                issues.push(t.issue(
                    row,
                    "relation",
                    Problem::NotOneOf {
                        allowed: "friendship (友好城市), cooperation (友好合作关系), unknown",
                    },
                ));
                Relation::Unknown
            });

            let status = Status::parse(t.get(row, "status")).unwrap_or_else(|| {
                issues.push(t.issue(
                    row,
                    "status",
                    Problem::NotOneOf {
                        allowed: "signed (已签署), intent (意向), unconfirmed (待核实)",
                    },
                ));
                Status::Signed
            });

            let established = match t.get(row, "established") {
                "" => None,
                text => match PartialDate::parse(text) {
                    None => {
                        issues.push(t.issue(row, "established", Problem::BadDate));
                        None
                    }
                    Some(d) if d.is_after(&today) => {
                        issues.push(t.issue(
                            row,
                            "established",
                            Problem::FutureDate {
                                today: today.to_string(),
                            },
                        ));
                        None
                    }
                    Some(d) => Some(d),
                },
            };

            let location_unknown = t.get(row, "coord_source").starts_with("unknown")
                && t.get(row, "lon").is_empty()
                && t.get(row, "lat").is_empty();
            let location = if location_unknown {
                None
            } else {
                lon_lat(&t, row, &mut issues)
            };

            for col in [
                "partner_en",
                "partner_zh",
                "shandong_subunit",
                "shandong_subunit_en",
                "note",
                "note_zh",
            ] {
                if has_markup(t.get(row, col)) {
                    issues.push(t.issue(row, col, Problem::Markup));
                }
            }

            let sources = parse_sources(t.get(row, "sources"));

            if let (Some(location), Some(country), Some(basemap)) = (location, country, basemap) {
                if let Some(d) = basemap.distance_to_country_deg(&iso2, location) {
                    if d > NEAR_COUNTRY_DEG {
                        let country = gazetteer.countries[country].name_en.clone();
                        let distance_km = d * 111.2;
                        let problem = match basemap.nearest_other(&iso2, location, NEAR_COUNTRY_DEG)
                        {
                            Some(other) => Problem::OutsideCountry {
                                country,
                                other: other_name(gazetteer, other),
                                distance_km,
                            },
                            None => Problem::OffBasemapLand {
                                country,
                                distance_km,
                            },
                        };
                        issues.push(t.issue(row, "lon", problem));
                    }
                }
            }

            if let (Some(city), Some(country)) = (city, country) {
                let key = (
                    city,
                    t.get(row, "shandong_subunit").to_string(),
                    country,
                    fold_name(t.get(row, "partner_en")),
                );
                if let Some(&first_line) = pairs.get(&key) {
                    issues.push(t.issue(row, "partner_en", Problem::DuplicatePair { first_line }));
                } else {
                    pairs.insert(key, row.line);
                }
            }

            if issues.error_count() > errors_before {
                continue;
            }
            if let (Some(city), Some(country)) = (city, country) {
                partnerships.push(Partnership {
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
                });
            }
        }

        let partial = mode == LoadMode::ValidRows && !partnerships.is_empty();
        if issues.has_errors() && !partial {
            return Err(issues.into_issues());
        }
        let dataset = Dataset {
            gazetteer: gazetteer.clone(),
            partnerships,
            source_name: file.to_string(),
            coverage: None,
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

    pub fn cities(&self) -> &[ShandongCity] {
        &self.gazetteer.cities
    }

    pub fn countries(&self) -> &[Country] {
        &self.gazetteer.countries
    }

    pub fn city_of(&self, p: &Partnership) -> &ShandongCity {
        &self.gazetteer.cities[p.city]
    }

    pub fn country_of(&self, p: &Partnership) -> &Country {
        &self.gazetteer.countries[p.country]
    }

    /// The index of Shandong key `key`.
    pub fn city_index_of(&self, key: &str) -> Option<usize> {
        self.gazetteer.city_index(key)
    }

    pub fn by_id(&self, id: &str) -> Option<(usize, &Partnership)> {
        self.partnerships
            .iter()
            .enumerate()
            .find(|(_, p)| p.id == id)
    }
}

fn require(t: &Table, row: &Row, columns: &[&str], issues: &mut IssueLog) {
    for &c in columns {
        if t.get(row, c).is_empty() {
            issues.push(t.issue(row, c, Problem::Empty));
        }
    }
}

fn lon_lat(t: &Table, row: &Row, issues: &mut IssueLog) -> Option<LonLat> {
    let mut coord = |col: &str, limit: f64| -> Option<f64> {
        let text = t.get(row, col);
        if text.is_empty() {
            issues.push(t.issue(row, col, Problem::Empty));
            return None;
        }
        match text.parse::<f64>() {
            Ok(v) if !v.is_finite() => {
                issues.push(t.issue(row, col, Problem::NotANumber));
                None
            }
            Ok(v) if v.abs() > limit => {
                issues.push(t.issue(
                    row,
                    col,
                    Problem::OutOfRange {
                        min: -limit,
                        max: limit,
                    },
                ));
                None
            }
            Ok(v) => Some(v),
            Err(_) => {
                issues.push(t.issue(row, col, Problem::NotANumber));
                None
            }
        }
    };
    let lon = coord("lon", 180.0);
    let lat = coord("lat", 90.0);
    Some(LonLat::new(lon?, lat?))
}

fn other_name(gazetteer: &Gazetteer, f: &crate::basemap::Feature) -> String {
    gazetteer.country_index(&f.iso2).map_or_else(
        || f.name.clone(),
        |i| gazetteer.countries[i].name_en.clone(),
    )
}

fn is_slug(id: &str) -> bool {
    id.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Anything that looks like an HTML tag, comment or entity.
fn has_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
        || text.contains("&lt;")
        || text.contains("&#")
}

/// Case- and punctuation-insensitive name key for duplicate detection.
fn fold_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_markup_are_recognised() {
        assert!(is_slug("qingdao-shimonoseki"));
        assert!(!is_slug("Qingdao"));
        assert!(!is_slug("-x"));
        assert!(has_markup("<b>Bold</b>"));
        assert!(has_markup("a &lt;script&gt;"));
        assert!(!has_markup("x < y and 3 > 2"));
        assert_eq!(fold_name("Freising (District)"), "freisingdistrict");
    }

    #[test]
    fn relation_and_level_accept_chinese_words() {
        assert_eq!(Relation::parse("友好城市"), Some(Relation::Friendship));
        assert_eq!(Relation::parse("友好合作关系"), Some(Relation::Cooperation));
        assert_eq!(Relation::parse("sister"), None);
        assert_eq!(Level::parse("州"), Some(Level::Province));
        assert_eq!(Level::parse(""), Some(Level::Unknown));
    }
}
