//! The reference tables every partnerships file is checked against: `shandong.csv`,
//! `countries.csv` and `groups.csv`.

use super::issue::{IssueLog, Problem};
use super::kinds::Continent;
use super::records::{Country, Group, ShandongCity};
use super::table::Row;
use super::table::Table;
use super::validate::{has_markup, lon_lat, require};
use super::Issue;
use crate::geometry::LonLat;
// foldhash, not std's SipHash: looked up for every row of a file (25,000 at a world network).
use foldhash::HashMap;

/// The fixed reference tables every partnership file is checked against.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gazetteer {
    /// The origins — by default the province and its prefecture cities (`shandong.csv`), or a
    /// portal's own origins file — in file order (a pair's `city` indexes this).
    pub cities: Vec<ShandongCity>,
    /// Countries and territories, in file order (a pair's `country` indexes this).
    pub countries: Vec<Country>,
    /// Thematic groups of countries.
    pub groups: Vec<Group>,
    /// Origin key → index in `cities`, and ISO code → index in `countries` (a network may have
    /// thousands of origins; a scan per row would be quadratic).
    index: (HashMap<String, usize>, HashMap<String, usize>),
    /// Where the names' pinyin comes from: the generated table, or (data read from its packed
    /// form, in the small module) the readings the file lists.
    pub readings: crate::search::Readings,
}

impl Gazetteer {
    /// The tables from parts (a benchmark's or a test's own).
    pub fn new(cities: Vec<ShandongCity>, countries: Vec<Country>, groups: Vec<Group>) -> Self {
        let mut g = Gazetteer {
            cities,
            countries,
            groups,
            index: Default::default(),
            readings: Default::default(),
        };
        g.reindex();
        g
    }

    fn reindex(&mut self) {
        // The first of a repeated key wins, as a scan would find it.
        self.index.0.clear();
        self.index.1.clear();
        for (i, c) in self.cities.iter().enumerate() {
            self.index.0.entry(c.key.clone()).or_insert(i);
        }
        for (i, c) in self.countries.iter().enumerate() {
            self.index.1.entry(c.iso2.clone()).or_insert(i);
        }
    }

    /// Loads `shandong.csv`, `countries.csv` and `groups.csv`.
    pub fn load(shandong: &[u8], countries: &[u8], groups: &[u8]) -> Result<Gazetteer, Vec<Issue>> {
        Self::load_named("shandong.csv", shandong, countries, groups)
    }

    /// Loads an origins file named `origins_name` (the columns of `shandong.csv`; `name_zh` may be
    /// empty, for a network with no Chinese names), `countries.csv` and `groups.csv`.
    pub fn load_named(
        origins_name: &str,
        origins: &[u8],
        countries: &[u8],
        groups: &[u8],
    ) -> Result<Gazetteer, Vec<Issue>> {
        let mut issues = IssueLog::new();
        let groups = read_groups(groups, &mut issues);
        let cities = read_cities(origins_name, origins, &mut issues);
        let countries = read_countries(countries, &groups, &mut issues);
        if issues.has_errors() {
            Err(issues.into_issues())
        } else {
            Ok(Gazetteer::new(cities, countries, groups))
        }
    }

    /// The index of origin key `key`.
    pub fn city_index(&self, key: &str) -> Option<usize> {
        self.index.0.get(key).copied()
    }

    /// The index of the country with ISO code `iso2` (upper case).
    pub fn country_index(&self, iso2: &str) -> Option<usize> {
        self.index.1.get(iso2).copied()
    }
}

fn read_groups(bytes: &[u8], issues: &mut IssueLog) -> Vec<Group> {
    let cols = ["key", "name_zh", "name_en", "source"];
    let Some(t) = Table::read("groups.csv", bytes, &cols, issues) else {
        return Vec::new();
    };
    t.rows
        .iter()
        .map(|row| {
            require(&t, row, &cols, issues);
            Group {
                key: t.get(row, "key").to_string(),
                name_zh: t.get(row, "name_zh").to_string(),
                name_en: t.get(row, "name_en").to_string(),
                source: t.get(row, "source").to_string(),
            }
        })
        .collect()
}

fn read_cities(name: &str, bytes: &[u8], issues: &mut IssueLog) -> Vec<ShandongCity> {
    let cols = ["key", "name_zh", "name_en", "lon", "lat"];
    let Some(t) = Table::read(name, bytes, &cols, issues) else {
        return Vec::new();
    };
    t.rows
        .iter()
        .map(|row| {
            require(&t, row, &["key", "name_en", "lon", "lat"], issues);
            let texts = [t.get(row, "lon"), t.get(row, "lat")];
            let location = lon_lat(&t, row, texts, issues).unwrap_or(LonLat::new(0.0, 0.0));
            ShandongCity {
                key: t.get(row, "key").to_string(),
                name_zh: t.get(row, "name_zh").to_string(),
                name_en: t.get(row, "name_en").to_string(),
                location,
                aliases: aliases(&t, row, issues),
            }
        })
        .collect()
}

fn read_countries(bytes: &[u8], known_groups: &[Group], issues: &mut IssueLog) -> Vec<Country> {
    let cols = ["iso2", "name_en", "name_zh", "continent"];
    let Some(t) = Table::read("countries.csv", bytes, &cols, issues) else {
        return Vec::new();
    };
    let mut countries = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        require(&t, row, &cols, issues);
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
                Problem::NotOneOf {
                    allowed:
                        "asia, europe, africa, north_america, south_america, oceania, antarctica",
                },
            ));
            Continent::Asia
        });
        let groups: Vec<String> = t
            .get(row, "groups")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        for g in &groups {
            if !known_groups.iter().any(|known| &known.key == g) {
                let mut issue = t.issue(row, "groups", Problem::UnknownGroup);
                issue.value = g.clone();
                issues.push(issue);
            }
        }
        countries.push(Country {
            iso2: iso2.to_string(),
            name_en: t.get(row, "name_en").to_string(),
            name_zh: t.get(row, "name_zh").to_string(),
            continent,
            groups,
            aliases: aliases(&t, row, issues),
        });
    }
    countries
}

/// The optional `aliases` column: names separated by `|`, plain text, each row's aliases with
/// their provenance in `aliases_source` (an alias without one is an error).
fn aliases(t: &Table, row: Row<'_>, issues: &mut IssueLog) -> Vec<String> {
    let cell = t.get(row, "aliases");
    let aliases: Vec<String> = cell
        .split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect();
    if has_markup(cell) {
        issues.push(t.issue(row, "aliases", Problem::Markup));
    }
    if !aliases.is_empty() && t.get(row, "aliases_source").is_empty() {
        issues.push(t.issue(row, "aliases_source", Problem::Empty));
    }
    aliases
}
