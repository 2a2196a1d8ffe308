//! The shipped data pre-validated: `make` reads `data/`'s reference tables and partnerships.csv
//! with the whole validator (the same [`Gazetteer::load`] and [`Dataset::load`] a portal's file
//! goes through) and writes what loaded, with its warnings, as one binary file (`shipped.bin`,
//! [postcard](https://docs.rs/postcard)). The widget reads that at first paint instead of parsing
//! and checking four CSV files: in the page that is most of the data's share of the first frame,
//! because the first run of the CSV reader and the checks is also their first compilation.
//!
//! Reading it trusts the validator that wrote it but not the bytes: a file of another version,
//! cut short, or with an index, a coordinate or a date out of range is refused with what is wrong
//! (and the page then reads the CSV files). Nothing in it can make the map panic.

use super::coverage::is_scope;
use super::date::PartialDate;
use super::gazetteer::Gazetteer;
use super::issue::{Issue, Problem};
use super::load::Loaded;
use super::records::{Country, Group, Partnership, ShandongCity};
use super::source::Sources;
use super::Dataset;
use crate::geometry::LonLat;
use crate::unpack::{unpack_struct, Reader};
use serde::Serialize;

/// The first field of the file; a file that starts with anything else is not read. Bump it when
/// a record's fields change.
pub const PACKED_FORMAT: &str = "youcheng-packed 5";

/// What the file holds after the format: the tables, the pairs (without their notes and
/// sources, which ship apart) and the warnings of the load.
#[derive(Serialize)]
struct Packed {
    cities: Vec<ShandongCity>,
    countries: Vec<Country>,
    groups: Vec<Group>,
    partnerships: Vec<Partnership>,
    source_name: String,
    warnings: Vec<Warning>,
    /// The official totals and review date the data is measured against (`official_totals.csv`
    /// and `about.csv`, checked by the build): the page needs no CSV reader for them.
    coverage: Option<super::Coverage>,
    /// The pinyin of each Chinese character the names hold, sorted by character: the small
    /// module, which reads this file, has no reading table (see [`crate::search::Readings`]).
    readings: Vec<(char, String)>,
}

/// A warning of the load, kept for the page's report: a point near its country but off the
/// basemap's land (a small island the basemap leaves out), the one kind of warning that is about
/// the data rather than the CSV file's encoding. Kept apart from [`Problem`] so that the module
/// carries no reader for every kind of problem.
#[derive(Serialize)]
struct Warning {
    file: String,
    line: u64,
    field: String,
    value: String,
    country: String,
    distance_km: f64,
}

// Read by hand (`crate::unpack`), as postcard wrote them.
unpack_struct!(Packed {
    cities,
    countries,
    groups,
    partnerships,
    source_name,
    warnings,
    coverage,
    readings,
});
unpack_struct!(Warning {
    file,
    line,
    field,
    value,
    country,
    distance_km,
});

impl Dataset {
    /// The file `make` ships for `loaded` (the shipped data, checked): the pairs without their
    /// notes and sources (`notes.csv` carries both, fetched when first needed: the sources were
    /// two thirds of this file's bytes, half of them gzipped, and only a pair's details and the
    /// export show them), and the warnings about points off the basemap's land. Every pair must
    /// have a source (the validator's rule), so that the map knows them all sourced before they
    /// come. A warning about the CSV file's encoding (a byte-order mark) has
    /// nothing to say about the packed file and is left out; any other warning is an error here:
    /// the shipped data is clean.
    pub fn pack(loaded: &Loaded) -> Result<Vec<u8>, String> {
        let ds = &loaded.dataset;
        let mut warnings = Vec::new();
        for w in &loaded.warnings {
            match &w.problem {
                Problem::OffBasemapLand {
                    country,
                    distance_km,
                } => warnings.push(Warning {
                    file: w.file.clone(),
                    line: w.line,
                    field: w.field.clone(),
                    value: w.value.clone(),
                    country: country.clone(),
                    distance_km: *distance_km,
                }),
                Problem::ByteOrderMark | Problem::Decoded { .. } => {}
                _ => {
                    return Err(format!(
                    "{w}: only a point off the basemap's land can ship as a warning; fix it first"
                ))
                }
            }
        }
        if let Some(p) = ds.partnerships.iter().find(|p| p.sources.is_empty()) {
            return Err(format!("{}: a pair without a source cannot ship", p.id));
        }
        let packed = Packed {
            readings: crate::search::Readings::listing(crate::search::searched_names(ds)),
            cities: ds.gazetteer.cities.clone(),
            countries: ds.gazetteer.countries.clone(),
            groups: ds.gazetteer.groups.clone(),
            partnerships: ds
                .partnerships
                .iter()
                .map(|p| Partnership {
                    note: String::new(),
                    note_zh: String::new(),
                    sources: Sources::default(),
                    ..p.clone()
                })
                .collect(),
            source_name: ds.source_name.clone(),
            warnings,
            coverage: ds.coverage.clone(),
        };
        let mut out = postcard::to_allocvec(PACKED_FORMAT).map_err(|e| e.to_string())?;
        out.extend(postcard::to_allocvec(&packed).map_err(|e| e.to_string())?);
        Ok(out)
    }

    /// Reads a file [`Dataset::pack`] wrote; an error says what is wrong with it.
    pub fn unpack(bytes: &[u8]) -> Result<Loaded, String> {
        let mut r = Reader::new(bytes);
        let format: String = r
            .read()
            .map_err(|_| "it does not start with a format name".to_string())?;
        if format != PACKED_FORMAT {
            let shown: String = format.chars().take(40).collect();
            return Err(format!(
                "its format is \"{shown}\", not \"{PACKED_FORMAT}\""
            ));
        }
        let packed: Packed = r
            .read()
            .map_err(|e| format!("it is cut short or damaged ({e})"))?;
        let left = r.rest();
        if !left.is_empty() {
            return Err(format!("{} bytes follow its end", left.len()));
        }
        check(&packed)?;
        let mut gazetteer = Gazetteer::new(packed.cities, packed.countries, packed.groups);
        gazetteer.readings = crate::search::Readings::Listed(packed.readings);
        // The totals' scopes, by the rule `official_totals.csv` is read with.
        let mut totals = packed.coverage.iter().flat_map(|c| &c.totals);
        if let Some(t) = totals.find(|t| !is_scope(&gazetteer, &t.scope)) {
            return Err(format!(
                "an official total's scope {} is not an origin",
                t.scope
            ));
        }
        Ok(Loaded {
            dataset: Dataset {
                gazetteer,
                partnerships: packed.partnerships,
                source_name: packed.source_name,
                coverage: packed.coverage,
                sources_apart: true,
            },
            warnings: packed
                .warnings
                .into_iter()
                .map(|w| Issue {
                    file: w.file,
                    line: w.line,
                    field: w.field,
                    value: w.value,
                    problem: Problem::OffBasemapLand {
                        country: w.country,
                        distance_km: w.distance_km,
                    },
                })
                .collect(),
            rejected: Vec::new(),
        })
    }
}

/// What the map relies on: indices in range, coordinates on the globe, dates that are dates.
fn check(p: &Packed) -> Result<(), String> {
    let place = |what: &str, at: &LonLat| {
        if at.is_valid() {
            Ok(())
        } else {
            Err(format!(
                "{what} lies at {}, {}, off the globe",
                crate::num::plain(at.lon),
                crate::num::plain(at.lat)
            ))
        }
    };
    if p.cities.is_empty() || p.countries.is_empty() {
        return Err("it has no origins or no countries".into());
    }
    for c in &p.cities {
        place(&format!("origin {}", c.key), &c.location)?;
    }
    for c in &p.countries {
        if let Some(g) = c
            .groups
            .iter()
            .find(|g| !p.groups.iter().any(|k| &k.key == *g))
        {
            return Err(format!(
                "country {} is in group {g}, which it does not list",
                c.iso2
            ));
        }
    }
    // Looked up by a binary search: in order, each character once.
    if p.readings
        .windows(2)
        .any(|w| matches!(w, [a, b] if a.0 >= b.0))
    {
        return Err("its readings are not in order".into());
    }
    for (k, pair) in p.partnerships.iter().enumerate() {
        let name = || format!("pair {} ({})", k + 1, pair.id);
        if pair.city >= p.cities.len() || pair.country >= p.countries.len() {
            return Err(format!(
                "{} names an origin or country it does not list",
                name()
            ));
        }
        if let Some(at) = &pair.location {
            place(&name(), at)?;
        }
        if let Some(d) = pair.established {
            if !is_date(d) {
                return Err(format!("{} has no real date ({d})", name()));
            }
        }
    }
    Ok(())
}

/// A date the CSV reader could have read: it prints and parses back to itself.
fn is_date(d: PartialDate) -> bool {
    PartialDate::parse(&d.to_string()) == Some(d)
}
