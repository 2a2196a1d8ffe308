//! `youcheng-data`: checks the data files and prints statistics; converts a GeoJSON basemap
//! into the compact form the widget ships.
//!
//! ```text
//! youcheng-data check [DIR]                      validate DIR (default data/) and print statistics
//! youcheng-data basemap IN.geojson OUT.json [--attribution TEXT]
//! youcheng-data world LIST.csv DATA_DIR OUT_DIR  the world twin-city list as origins.csv + partnerships.csv
//! youcheng-data split-notes PARTNERSHIPS.csv OUT_DIR
//!                                                OUT_DIR/partnerships.csv without the note columns
//!                                                and OUT_DIR/notes.csv (id,note,note_zh,sources)
//! youcheng-data pack DATA_DIR OUT.bin              DATA_DIR's reference tables and partnerships,
//!                                                checked as `check` does, written pre-validated
//!                                                without notes and sources (the widget's
//!                                                shipped.bin; see Dataset::pack)
//! ```

mod world;

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};
use youcheng::basemap::Basemap;
use youcheng::dataset::{
    Coverage, Dataset, Gazetteer, Issue, Loaded, PartialDate, Severity, Stats,
};

#[allow(clippy::indexing_slicing)] // args[1] and args[2] exist: the arm checks args.len() >= 3
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(args.get(1).map_or("data", String::as_str)),
        Some("basemap") if args.len() >= 3 => {
            let attribution = args.iter().position(|a| a == "--attribution").and_then(|i| args.get(i + 1));
            basemap(&args[1], &args[2], attribution.map_or("", String::as_str))
        }
        Some("world") if args.len() >= 4 => world::run(&args[1], &args[2], &args[3], today()),
        Some("split-notes") if args.len() >= 3 => split_notes(&args[1], &args[2]),
        Some("pack") if args.len() >= 3 => pack(&args[1], &args[2]),
        Some("basemap-bin") if args.len() >= 3 => basemap_bin(&args[1], &args[2]),
        _ => Err("usage: youcheng-data check [DIR] | youcheng-data basemap IN.geojson OUT.json [--attribution TEXT] | youcheng-data world LIST.csv DATA_DIR OUT_DIR | youcheng-data split-notes PARTNERSHIPS.csv OUT_DIR | youcheng-data pack DATA_DIR OUT.bin | youcheng-data basemap-bin BASEMAP.json OUT.bin".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The shipped data in two files: the pairs without their notes, and the notes by id.
fn split_notes(input: &str, dir: &str) -> Result<(), String> {
    let (data, notes) =
        youcheng::dataset::split_notes(&read(input)?).map_err(|e| format!("{input}: {e}"))?;
    // The notes also in binary (`notes.bin`, what the page fetches: read without a CSV reader).
    let binary = youcheng::dataset::notes_binary(&notes).map_err(|e| format!("{input}: {e}"))?;
    for (name, bytes) in [
        ("partnerships.csv", data),
        ("notes.csv", notes),
        ("notes.bin", binary),
    ] {
        let path = format!("{dir}/{name}");
        std::fs::write(&path, bytes).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}

fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: {e}"))
}

fn today() -> PartialDate {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    PartialDate::from_unix_days((secs / 86_400) as i64)
}

fn print_issues(issues: &[Issue]) {
    for i in issues {
        let tag = if i.severity() == Severity::Error {
            "error"
        } else {
            "warning"
        };
        eprintln!("{tag}: {i}");
    }
}

/// `dir`'s reference tables and partnerships.csv through the whole validator, its errors printed.
fn load_checked(dir: &str) -> Result<Loaded, String> {
    let gaz = Gazetteer::load(
        &read(&format!("{dir}/shandong.csv"))?,
        &read(&format!("{dir}/countries.csv"))?,
        &read(&format!("{dir}/groups.csv"))?,
    )
    .map_err(|issues| {
        print_issues(&issues);
        format!("{} problem(s) in the reference tables", issues.len())
    })?;
    let basemap_text =
        String::from_utf8(read(&format!("{dir}/basemap.json"))?).map_err(|e| e.to_string())?;
    let basemap = Basemap::parse(&basemap_text).map_err(|e| e.to_string())?;
    Dataset::load(
        &gaz,
        "partnerships.csv",
        &read(&format!("{dir}/partnerships.csv"))?,
        today(),
        Some(&basemap),
    )
    .map_err(|issues| {
        print_issues(&issues);
        format!("{} problem(s) in partnerships.csv", issues.len())
    })
}

/// The shipped data checked and written pre-validated (see `Dataset::pack`) to `out`, with its
/// official totals and review date.
fn pack(dir: &str, out: &str) -> Result<(), String> {
    let mut loaded = load_checked(dir)?;
    loaded.dataset.coverage = Some(load_coverage(dir, &loaded.dataset.gazetteer)?);
    std::fs::write(out, Dataset::pack(&loaded)?).map_err(|e| format!("{out}: {e}"))
}

fn check(dir: &str) -> Result<(), String> {
    let loaded = load_checked(dir)?;
    print_issues(&loaded.warnings);
    let ds = &loaded.dataset;
    let s = Stats::of(ds, 0..ds.partnerships.len());
    let pct = |n: usize| {
        if s.pairs == 0 {
            0.0
        } else {
            100.0 * n as f64 / s.pairs as f64
        }
    };
    println!("{dir}/partnerships.csv: {} pairs, 0 problems", s.pairs);
    println!(
        "partner places {}, countries {}, continents {}",
        s.partner_places, s.countries, s.continents
    );
    println!(
        "with year {} ({:.1}%), with Chinese partner name {} ({:.1}%), with source {} ({:.1}%), with coordinates {} ({:.1}%)",
        s.with_year,
        pct(s.with_year),
        s.with_partner_zh,
        pct(s.with_partner_zh),
        s.with_sources,
        pct(s.with_sources),
        s.with_location,
        pct(s.with_location)
    );
    let line = |title: &str, counts: &[youcheng::dataset::Count]| {
        let parts: Vec<String> = counts
            .iter()
            .map(|c| format!("{} {}", c.key, c.count))
            .collect();
        println!("{title}: {}", parts.join(", "));
    };
    line("by Shandong city", &s.by_city);
    line("by relation", &s.by_relation);
    let known = s
        .by_relation
        .iter()
        .filter(|c| c.key != "unknown")
        .map(|c| c.count)
        .sum::<usize>();
    println!("relation known {known} ({:.1}%)", pct(known));
    line("by status", &s.by_status);
    line("by continent", &s.by_continent);
    line("by decade", &s.by_decade);
    line("by country", &s.by_country);
    coverage(dir, &ds.gazetteer, ds)
}

/// `official_totals.csv` and `about.csv` of `dir`, checked; the problems printed.
fn load_coverage(dir: &str, gaz: &Gazetteer) -> Result<Coverage, String> {
    Coverage::load(
        gaz,
        &read(&format!("{dir}/official_totals.csv"))?,
        &read(&format!("{dir}/about.csv"))?,
    )
    .map_err(|issues| {
        print_issues(&issues);
        format!(
            "{} problem(s) in official_totals.csv or about.csv",
            issues.len()
        )
    })
}

/// Shown vs the official totals (`official_totals.csv`, `about.csv`), per Shandong side.
fn coverage(dir: &str, gaz: &Gazetteer, ds: &Dataset) -> Result<(), String> {
    let c = load_coverage(dir, gaz)?;
    let Some(v) = c.view(ds) else {
        return Err("official_totals.csv has no province-wide (`all`) total".into());
    };
    println!(
        "coverage: {} of {} official pairs ({:.1}%, official total as of {}, {}); data reviewed {}",
        v.shown,
        v.official,
        100.0 * v.shown as f64 / v.official.max(1) as f64,
        v.as_of,
        v.source,
        v.reviewed.as_deref().unwrap_or("(not given)")
    );
    let parts: Vec<String> = v
        .by_city
        .iter()
        .map(|r| match (r.official, &r.as_of) {
            (Some(o), Some(d)) => format!("{} {}/{} ({d})", r.key, r.shown, o),
            _ => format!("{} {}/–", r.key, r.shown),
        })
        .collect();
    println!(
        "coverage by Shandong side (shown/official): {}",
        parts.join(", ")
    );
    Ok(())
}

/// The compact basemap in binary for the page (`basemap.bin`: read without JSON), checked by
/// reading it back: the same outlines as the JSON.
fn basemap_bin(input: &str, output: &str) -> Result<(), String> {
    let json = read(input)?;
    let b = Basemap::read(&json).map_err(|e| format!("{input}: {e}"))?;
    let bin = b.to_binary(youcheng::basemap::COMPACT_QUANTUM_DEG);
    if Basemap::read(&bin).as_ref() != Ok(&b) {
        return Err(format!("{output}: does not read back as {input}"));
    }
    std::fs::write(output, &bin).map_err(|e| format!("{output}: {e}"))
}

fn basemap(input: &str, output: &str, attribution: &str) -> Result<(), String> {
    let text = String::from_utf8(read(input)?).map_err(|e| format!("{input}: {e}"))?;
    let mut b = Basemap::parse(&text).map_err(|e| format!("{input}: {e}"))?;
    if !attribution.is_empty() {
        b.attribution = attribution.to_string();
    }
    let compact = b.to_compact(youcheng::basemap::COMPACT_QUANTUM_DEG);
    std::fs::write(output, &compact).map_err(|e| format!("{output}: {e}"))?;
    println!(
        "{output}: {} features, {} vertices, {} bytes (from {} bytes)",
        b.features.len(),
        b.vertex_count(),
        compact.len(),
        text.len()
    );
    Ok(())
}
