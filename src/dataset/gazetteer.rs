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

/// The fixed reference tables every partnership file is checked against.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gazetteer {
    /// The province and its prefecture cities, in file order (a pair's `city` indexes this).
    pub cities: Vec<ShandongCity>,
    /// Countries and territories, in file order (a pair's `country` indexes this).
    pub countries: Vec<Country>,
    /// Thematic groups of countries.
    pub groups: Vec<Group>,
}

impl Gazetteer {
    /// Loads `shandong.csv`, `countries.csv` and `groups.csv`.
    pub fn load(shandong: &[u8], countries: &[u8], groups: &[u8]) -> Result<Gazetteer, Vec<Issue>> {
        let mut issues = IssueLog::new();
        let mut gaz = Gazetteer::default();
        gaz.groups = read_groups(groups, &mut issues);
        gaz.cities = read_cities(shandong, &mut issues);
        gaz.countries = read_countries(countries, &gaz.groups, &mut issues);
        if issues.has_errors() {
            Err(issues.into_issues())
        } else {
            Ok(gaz)
        }
    }

    /// The index of Shandong key `key`.
    pub fn city_index(&self, key: &str) -> Option<usize> {
        self.cities.iter().position(|c| c.key == key)
    }

    /// The index of the country with ISO code `iso2` (upper case).
    pub fn country_index(&self, iso2: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.iso2 == iso2)
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

fn read_cities(bytes: &[u8], issues: &mut IssueLog) -> Vec<ShandongCity> {
    let cols = ["key", "name_zh", "name_en", "lon", "lat"];
    let Some(t) = Table::read("shandong.csv", bytes, &cols, issues) else {
        return Vec::new();
    };
    t.rows
        .iter()
        .map(|row| {
            require(&t, row, &cols, issues);
            let location = lon_lat(&t, row, issues).unwrap_or(LonLat::new(0.0, 0.0));
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
fn aliases(t: &Table, row: &Row, issues: &mut IssueLog) -> Vec<String> {
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
