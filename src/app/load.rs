//! Loading: the basemap, the reference tables, a partnerships file, the coverage tables and the
//! portal's theme.

use super::command::{LoadReport, ThemeInput};
use super::selection::Selection;
use super::App;
use crate::basemap::Basemap;
use crate::dataset::{Coverage, Dataset, Gazetteer, Issue, LoadMode, Loaded, PartialDate, Problem};
use crate::style::Rgba;
use std::sync::Arc;

impl App {
    /// Loads a basemap (GeoJSON, or the compact form as JSON or binary: see [`Basemap::read`];
    /// without the `files` feature the binary form only, [`Basemap::read_binary`]); on error the
    /// previous one stays. With `outlines_only` it is not drawn but used to check where partners
    /// lie (the shipped world outlines, when a portal shows its own, perhaps China-only, approved
    /// map) → its features.
    pub fn load_basemap(
        &mut self,
        file: impl AsRef<[u8]>,
        outlines_only: bool,
    ) -> Result<usize, String> {
        #[cfg(feature = "files")]
        let read = Basemap::read;
        #[cfg(not(feature = "files"))]
        let read = Basemap::read_binary;
        let basemap = read(file.as_ref()).map_err(|e| e.to_string())?;
        let n = basemap.features.len();
        if outlines_only {
            self.outlines = Some(Arc::new(basemap));
            return Ok(n);
        }
        self.map.set_basemap(&basemap);
        self.map.refresh_stale_layout();
        self.land.invalidate();
        self.basemap = Some(Arc::new(basemap));
        Ok(n)
    }

    /// The basemap's attribution line.
    pub fn attribution(&self) -> &str {
        self.basemap.as_ref().map_or("", |b| b.attribution.as_str())
    }

    /// Loads `shandong.csv`, `countries.csv` and `groups.csv`.
    pub fn load_reference(
        &mut self,
        shandong: &[u8],
        countries: &[u8],
        groups: &[u8],
    ) -> LoadReport {
        self.load_reference_named("shandong.csv", shandong, countries, groups)
    }

    /// Loads an origins file named `origins_name` (a portal's network, or `shandong.csv`) with
    /// `countries.csv` and `groups.csv`. The data shown stays until a partnerships file that
    /// uses the new origins loads.
    pub fn load_reference_named(
        &mut self,
        origins_name: &str,
        origins: &[u8],
        countries: &[u8],
        groups: &[u8],
    ) -> LoadReport {
        match Gazetteer::load_named(origins_name, origins, countries, groups) {
            Ok(g) => {
                self.gazetteer = Some(g);
                LoadReport::ok("reference", 0, &[], &[])
            }
            Err(issues) => LoadReport::failed("reference", &issues),
        }
    }

    /// Loads a partnerships file (the shipped one or a portal's). On errors the data shown stays,
    /// unless `mode` loads the valid rows.
    pub fn load_partnerships(
        &mut self,
        file: &str,
        bytes: &[u8],
        today: PartialDate,
        mode: impl Into<LoadMode>,
    ) -> LoadReport {
        let mode = mode.into();
        let Some(gazetteer) = &self.gazetteer else {
            return LoadReport::failed(file, &[]);
        };
        self.this_year = today.year;
        let outlines = self.outlines.as_deref().or(self.basemap.as_deref());
        self.job = Default::default(); // a newer load replaces one in progress
        match Dataset::load_with(gazetteer, file, bytes, today, outlines, mode) {
            Ok(loaded) => self.show_loaded(file, loaded),
            Err(issues) => LoadReport::failed(file, &issues),
        }
    }

    /// Loads the shipped data pre-validated (`shipped.bin`, see [`Dataset::unpack`]): its
    /// reference tables and its pairs at once, as `load_reference` and `load_partnerships` would
    /// from the CSV files `make` checked. On an error nothing changes.
    pub fn load_packed(&mut self, file: &str, bytes: &[u8], today: PartialDate) -> LoadReport {
        match Dataset::unpack(bytes) {
            Ok(loaded) => {
                self.this_year = today.year;
                self.job = Default::default(); // a newer load replaces one in progress
                self.gazetteer = Some(loaded.dataset.gazetteer.clone());
                self.show_loaded(&loaded.dataset.source_name.clone(), loaded)
            }
            Err(reason) => {
                LoadReport::failed(file, &[Issue::whole_file(file, Problem::NotPacked(reason))])
            }
        }
    }

    /// Shows data that loaded: a new selection, and the report of its load.
    fn show_loaded(&mut self, file: &str, loaded: Loaded) -> LoadReport {
        let pairs = loaded.dataset.partnerships.len();
        self.map.set_dataset(loaded.dataset);
        self.map.refresh_stale_layout();
        self.selection = Selection::default();
        self.sync_selection();
        (self.flight, self.fitted) = (None, None); // their pair indices were the old data's
        LoadReport::ok(file, pairs, &loaded.warnings, &loaded.rejected)
    }

    /// Loads `official_totals.csv` and `about.csv` for the data shown (the shipped data only: a
    /// portal's own file makes no coverage claim; new data drops them).
    pub fn load_coverage(&mut self, totals: &[u8], about: &[u8]) -> LoadReport {
        let Some(gazetteer) = &self.gazetteer else {
            return LoadReport::failed("official_totals.csv", &[]);
        };
        match Coverage::load(gazetteer, totals, about) {
            Ok(c) => {
                self.map.set_coverage(Some(c));
                LoadReport::ok("official_totals.csv", 0, &[], &[])
            }
            Err(issues) => LoadReport::failed("official_totals.csv", &issues),
        }
    }

    /// Loads `notes.csv` (`id,note,note_zh,sources`) for the data shown: the shipped data comes
    /// without its notes (and, pre-validated, without its sources), which the page fetches when
    /// they are first needed (a pair's details, an export). An id not in the data, markup in a
    /// note or an empty `sources` cell refuses the file; the data stays.
    pub fn load_notes(&mut self, file: &str, bytes: &[u8]) -> LoadReport {
        // `notes.bin` (what the page fetches), or with the `files` feature `notes.csv` too.
        #[cfg(feature = "files")]
        let apply = crate::dataset::apply_notes;
        #[cfg(not(feature = "files"))]
        let apply = crate::dataset::apply_notes_binary;
        match self.map.set_notes(|ds| apply(ds, file, bytes)) {
            Ok(n) => LoadReport::ok(file, n, &[], &[]),
            Err(issues) => LoadReport::failed(file, &issues),
        }
    }

    /// Sets colours from the page's CSS custom properties; an error names the field and value.
    pub fn set_theme(&mut self, input: &ThemeInput) -> Result<(), String> {
        // The light or dark defaults (defined once, in `Theme`), then the portal's overrides.
        let mut t = if input.dark {
            crate::style::Theme::dark()
        } else {
            crate::style::Theme::default()
        };
        let colour = |field: &str, v: &Option<String>, slot: &mut Rgba| -> Result<(), String> {
            if let Some(text) = v {
                *slot = Rgba::parse_hex(text).ok_or_else(|| {
                    format!(
                        "theme: field `{field}` value \"{text}\" is not a #rgb or #rrggbb colour"
                    )
                })?;
            }
            Ok(())
        };
        colour("ocean", &input.ocean, &mut t.ocean)?;
        colour("land", &input.land, &mut t.land)?;
        colour("china", &input.china, &mut t.china)?;
        colour("border", &input.border, &mut t.border)?;
        colour("originStroke", &input.origin_stroke, &mut t.origin_stroke)?;
        colour("focus", &input.focus, &mut t.focus_ring)?;
        if let Some(list) = &input.palette {
            let mut palette = Vec::new();
            for (k, text) in list.iter().enumerate() {
                let mut c = Rgba::rgb(0, 0, 0);
                colour(&format!("palette[{k}]"), &Some(text.clone()), &mut c)?;
                palette.push(c);
            }
            if !palette.is_empty() {
                t.palette = palette;
            }
        }
        self.map.theme = t;
        self.map.restyled();
        self.land.invalidate();
        Ok(())
    }
}
