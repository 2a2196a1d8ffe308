//! `youcheng-data world`: the world twin-city list (`tests/fixtures/world_twin_cities.csv`,
//! `city1,country1,lat1,lng1,city2,country2,lat2,lng2`, from English Wikipedia's lists geocoded
//! with Wikipedia and Nominatim) in the widget's schema, as a network whose origins are not
//! Shandong's: `origins.csv` (each pair's first city) and `partnerships.csv`.
//!
//! Country names are matched to `countries.csv` by English name; a "Region, Country" name by its
//! country; a few spellings of the list by the table below. Rows whose country matches nothing,
//! or that the widget's own validator refuses (a partner far from its country, say), are left out
//! and counted, so the output loads with no errors.

use std::collections::HashMap;
use youcheng::basemap::Basemap;
use youcheng::dataset::{Dataset, Gazetteer, LoadMode, PartialDate};

/// Spellings in the list that are not `countries.csv` names, each with the ISO code it means.
/// Ambiguous names (`Congo`, `Island`, `Northern Cyprus`, an empty name) are left out.
const SPELLINGS: [(&str, &str); 20] = [
    ("Czech Republic", "CZ"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("Republic of Ireland", "IE"),
    ("Taiwan", "TW"),
    ("Georgia (country)", "GE"),
    ("Cape Verde", "CV"),
    ("Ivory Coast", "CI"),
    ("Moldavia", "MD"),
    ("East Timor", "TL"),
    ("Bosnia and Hercegovina", "BA"),
    ("Surinam", "SR"),
    ("Federated States of Micronesia", "FM"),
    ("Madagaskar", "MG"),
    ("Grece", "GR"),
    ("Kazakhstah", "KZ"),
    ("West Bank", "PS"),
    ("Kosovo", "XK"),
];

/// The source every converted row carries (`URL | title | remark`).
const SOURCE: &str = "https://en.wikipedia.org/wiki/Lists_of_twin_towns_and_sister_cities | Wikipedia: Lists of twin towns and sister cities (CC BY-SA) | geocoded with Wikipedia and Nominatim (ODbL); via tests/fixtures/world_twin_cities.csv";

/// What a conversion wrote and left out.
pub struct Converted {
    /// `origins.csv`.
    pub origins: String,
    /// `partnerships.csv`.
    pub partnerships: String,
    /// A line per reason rows were left out.
    pub report: Vec<String>,
}

fn iso_of(name: &str, by_name: &HashMap<String, String>) -> Option<String> {
    let country = name.rsplit(", ").next().unwrap_or(name).trim();
    by_name
        .get(name)
        .or_else(|| by_name.get(country))
        .cloned()
        .or_else(|| {
            SPELLINGS
                .iter()
                .find(|(n, _)| *n == name || *n == country)
                .map(|(_, iso)| (*iso).to_string())
        })
}

/// A key of lower-case ASCII letters, digits and dashes for an origin (`berat-al`).
fn slug(city: &str, iso2: &str) -> String {
    let mut s = String::new();
    for c in city.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if let Some(folded) = youcheng::search::fold_char(c) {
            s.push_str(folded); // ë → e, ß → ss
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    format!("{}-{}", s.trim_end_matches('-'), iso2.to_ascii_lowercase())
}

fn csv_line(fields: &[&str]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(fields);
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The origins met so far: a key for each (city, country), and `origins.csv`.
struct Origins {
    keys: HashMap<(String, String), String>,
    used: std::collections::HashSet<String>,
    csv: String,
}

impl Default for Origins {
    fn default() -> Self {
        Self {
            keys: HashMap::new(),
            used: Default::default(),
            csv: String::from("key,name_zh,name_en,lon,lat,coord_source,note\n"),
        }
    }
}

impl Origins {
    /// The key of `city` in `iso2`, added with its `lon`, `lat` the first time it is met.
    fn key(&mut self, city: &str, iso2: &str, lon: &str, lat: &str) -> String {
        if let Some(k) = self.keys.get(&(city.to_string(), iso2.to_string())) {
            return k.clone();
        }
        let mut k = slug(city, iso2);
        if k.starts_with('-') || self.used.contains(&k) {
            k = format!("o{}-{}", self.keys.len(), iso2.to_ascii_lowercase());
        }
        let source = "world_twin_cities.csv (Wikipedia, Nominatim)";
        self.csv += &csv_line(&[&k, "", city, lon, lat, source, ""]);
        self.keys
            .insert((city.to_string(), iso2.to_string()), k.clone());
        self.used.insert(k.clone());
        k
    }
}

/// Converts the list; `countries` is `countries.csv`, used to match names.
pub fn convert(list: &[u8], gazetteer: &Gazetteer) -> Result<Converted, String> {
    let by_name: HashMap<String, String> = gazetteer
        .countries
        .iter()
        .map(|c| (c.name_en.clone(), c.iso2.clone()))
        .collect();
    let known: std::collections::HashSet<&str> = gazetteer
        .countries
        .iter()
        .map(|c| c.iso2.as_str())
        .collect();
    let mut origins = Origins::default();
    let mut rows = youcheng::dataset::COLUMNS.join(",") + "\n";
    let mut left_out: HashMap<String, usize> = HashMap::new();
    let mut reader = csv::Reader::from_reader(list);
    for (n, record) in reader.records().enumerate() {
        let r = record.map_err(|e| format!("world list: {e}"))?;
        let f = |i: usize| r.get(i).unwrap_or("").trim();
        let (c1, c2) = (iso_of(f(1), &by_name), iso_of(f(5), &by_name));
        let (Some(c1), Some(c2)) = (c1, c2) else {
            *left_out
                .entry(format!("country not matched: {} / {}", f(1), f(5)))
                .or_default() += 1;
            continue;
        };
        if !known.contains(c1.as_str())
            || !known.contains(c2.as_str())
            || f(0).is_empty()
            || f(4).is_empty()
        {
            *left_out
                .entry("country not in countries.csv or a name empty".into())
                .or_default() += 1;
            continue;
        }
        let key = origins.key(f(0), &c1, f(3), f(2));
        let id = format!("w{}", n + 1);
        rows += &csv_line(&[
            &id,
            &key,
            "",
            "",
            f(4),
            "",
            "",
            &c2,
            "city",
            "unknown",
            "unconfirmed",
            "",
            f(7),
            f(6),
            "world_twin_cities.csv (Wikipedia, Nominatim)",
            SOURCE,
            "",
            "",
        ]);
    }
    let mut report: Vec<String> = left_out
        .iter()
        .map(|(k, v)| format!("{v} left out: {k}"))
        .collect();
    report.sort();
    Ok(Converted {
        origins: origins.csv,
        partnerships: rows,
        report,
    })
}

/// Converts and then validates with the widget's own loader against the shipped outlines,
/// keeping the rows it accepts.
pub fn run(
    list_path: &str,
    data_dir: &str,
    out_dir: &str,
    today: PartialDate,
) -> Result<(), String> {
    let read = |p: &str| std::fs::read(p).map_err(|e| format!("{p}: {e}"));
    let countries = read(&format!("{data_dir}/countries.csv"))?;
    let groups = read(&format!("{data_dir}/groups.csv"))?;
    let shipped = Gazetteer::load(
        &read(&format!("{data_dir}/shandong.csv"))?,
        &countries,
        &groups,
    )
    .map_err(|_| {
        "the shipped reference tables have problems (run `make check-data`)".to_string()
    })?;
    let converted = convert(&read(list_path)?, &shipped)?;
    let gazetteer =
        Gazetteer::load(converted.origins.as_bytes(), &countries, &groups).map_err(|issues| {
            format!(
                "origins.csv: {} problem(s), first: {:?}",
                issues.len(),
                issues.first().map(ToString::to_string)
            )
        })?;
    let basemap_text =
        String::from_utf8(read(&format!("{data_dir}/basemap.json"))?).map_err(|e| e.to_string())?;
    let basemap = Basemap::parse(&basemap_text).map_err(|e| e.to_string())?;
    let loaded = Dataset::load_with(
        &gazetteer,
        "partnerships.csv",
        converted.partnerships.as_bytes(),
        today,
        Some(&basemap),
        LoadMode::ValidRows,
    )
    .map_err(|issues| format!("partnerships.csv: {} problem(s)", issues.len()))?;
    // The validator's list of rejected rows is capped; the rows it kept are not.
    let kept_ids: std::collections::HashSet<&str> = loaded
        .dataset
        .partnerships
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    std::fs::create_dir_all(out_dir).map_err(|e| format!("{out_dir}: {e}"))?;
    let kept: String = converted
        .partnerships
        .lines()
        .enumerate()
        .filter(|(i, l)| *i == 0 || l.split(',').next().is_some_and(|id| kept_ids.contains(id)))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    std::fs::write(format!("{out_dir}/origins.csv"), &converted.origins)
        .map_err(|e| e.to_string())?;
    std::fs::write(format!("{out_dir}/partnerships.csv"), kept).map_err(|e| e.to_string())?;
    for line in &converted.report {
        println!("{line}");
    }
    println!(
        "{out_dir}: {} origins, {} pairs kept, {} refused by the validator",
        gazetteer.cities.len(),
        loaded.dataset.partnerships.len(),
        converted.partnerships.lines().count() - 1 - kept_ids.len()
    );
    Ok(())
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        let read = |p: &str| std::fs::read(format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))).expect(p);
        Gazetteer::load(
            &read("data/shandong.csv"),
            &read("data/countries.csv"),
            &read("data/groups.csv"),
        )
        .expect("shipped tables")
    }

    #[test]
    fn names_match_by_country_by_region_and_by_the_spelling_table() {
        let g = gazetteer();
        let by_name: HashMap<String, String> = g
            .countries
            .iter()
            .map(|c| (c.name_en.clone(), c.iso2.clone()))
            .collect();
        assert_eq!(iso_of("Albania", &by_name).as_deref(), Some("AL"));
        assert_eq!(
            iso_of("Scotland, United Kingdom", &by_name).as_deref(),
            Some("GB")
        );
        assert_eq!(iso_of("Réunion, France", &by_name).as_deref(), Some("FR"));
        assert_eq!(iso_of("Czech Republic", &by_name).as_deref(), Some("CZ"));
        assert_eq!(iso_of("Congo", &by_name), None, "ambiguous: left out");
        assert_eq!(slug("Durrës", "AL"), "durres-al");
        assert_eq!(
            slug("Saint-Denis (Réunion)", "FR"),
            "saint-denis-reunion-fr"
        );
    }

    #[test]
    fn the_converted_list_loads_with_its_own_origins() {
        let list = b"city1,country1,lat1,lng1,city2,country2,lat2,lng2
Berat,Albania,40.7022,19.9583,Amasya,Turkey,40.65,35.8331
Berat,Albania,40.7022,19.9583,Fermo,Italy,43.1608,13.7158
Aberdeen,\"Scotland, United Kingdom\",57.15,-2.11,Stavanger,Norway,58.97,5.73
Famagusta,Northern Cyprus,35.12,33.94,Izmir,Turkey,38.42,27.14
";
        let g = gazetteer();
        let c = convert(list, &g).expect("converts");
        assert_eq!(c.origins.lines().count(), 3, "{}", c.origins);
        assert!(c.origins.contains("\naberdeen-gb,,Aberdeen,-2.11,57.15,"));
        assert_eq!(c.partnerships.lines().count(), 4);
        assert!(c.report.iter().any(|l| l.contains("Northern Cyprus")));
        let origins =
            Gazetteer::load_named("origins.csv", c.origins.as_bytes(), &countries(), &groups())
                .expect("origins load");
        let loaded = Dataset::load(
            &origins,
            "partnerships.csv",
            c.partnerships.as_bytes(),
            PartialDate::ymd(2026, 11, 25),
            None,
        )
        .expect("pairs load");
        assert_eq!(loaded.dataset.partnerships.len(), 3);
        assert_eq!(
            origins.cities[loaded.dataset.partnerships[2].city].name_en,
            "Aberdeen"
        );
    }

    fn countries() -> Vec<u8> {
        std::fs::read(format!("{}/data/countries.csv", env!("CARGO_MANIFEST_DIR")))
            .expect("countries")
    }
    fn groups() -> Vec<u8> {
        std::fs::read(format!("{}/data/groups.csv", env!("CARGO_MANIFEST_DIR"))).expect("groups")
    }
}
