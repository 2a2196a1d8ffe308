//! Country outlines. Two inputs are understood:
//!
//! * GeoJSON `FeatureCollection`s of `Polygon`/`MultiPolygon` features (a portal's own approved
//!   basemap, or the npm `@surbowl/world-geo-json-zh` source), and
//! * the compact form `data/basemap.json` that `youcheng-data basemap` writes: the same rings
//!   quantised and delta-encoded as integers, a third of the size; and the same in binary
//!   (`basemap.bin`, written by `youcheng-data basemap-bin` for the page: read without JSON).

use crate::geometry::LonLat;
use geo::{BoundingRect, Contains, Coord, LineString, MultiPolygon, Point, Polygon, Rect};
use serde_json::Value;

use crate::limits::{MAX_BASEMAP_BYTES, MAX_BASEMAP_VERTICES};

mod compact;

pub use compact::BINARY_MAGIC;

/// Longest longitude span of one unwrapped ring: a ring round a pole spans 360°, one that
/// crosses the seam a little more; beyond this it winds round the globe.
const MAX_RING_SPAN_DEG: f64 = 540.0;

/// The format tag of the compact form.
pub const COMPACT_FORMAT: &str = "youcheng-basemap/1";

/// The compact form's quantum (`data/basemap.json`'s): 0.001° ≈ 110 m.
pub const COMPACT_QUANTUM_DEG: f64 = 0.001;

/// One country or territory.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// ISO 3166-1 alpha-2 code, upper case; empty when the source has none (e.g. `-99`).
    pub iso2: String,
    /// The name from the source's properties (`name`, `NAME`, `name_zh`, `NAME_ZH` or
    /// `name_en`, the first present); empty when it has none.
    pub name: String,
    /// The outline, x = longitude and y = latitude in degrees. Rings of the compact form may
    /// run past ±180° (up to ±540°) where they cross the seam.
    pub shape: MultiPolygon<f64>,
    /// The shape's bounding box in lon/lat, so distance checks skip far countries cheaply;
    /// `None` when the shape has no vertices.
    pub bbox: Option<Rect<f64>>,
}

impl Feature {
    /// A feature with its bounding box worked out from `shape`.
    pub fn new(iso2: String, name: String, shape: MultiPolygon<f64>) -> Self {
        let bbox = shape.bounding_rect();
        Self {
            iso2,
            name,
            shape,
            bbox,
        }
    }

    /// Whether its code is `iso2`, compared byte by byte in line: every row of a file is checked
    /// against its country among ~240 features, and a call to compare two bytes each time was a
    /// tenth of checking a 25,000-row file.
    fn has_code(&self, iso2: &str) -> bool {
        let (a, b) = (self.iso2.as_bytes(), iso2.as_bytes());
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
    }

    /// Planar distance in degrees from `p` to this shape (0 inside), trying `p` shifted by
    /// ±360° too so a point at −180° finds land drawn at +180°; `None` when the bounding box
    /// alone shows the shape is farther than `max_deg`. With `near > 0`, a distance of at most
    /// `near` may be answered as soon as an edge that close is found (not the least one), and 0
    /// for a point inside: what a check of "within `near`" needs, without measuring every edge
    /// of a large country.
    fn distance_deg(&self, p: LonLat, max_deg: f64, near: f64) -> Option<f64> {
        let bbox = self.bbox?;
        let mut best: Option<f64> = None;
        for shift in [0.0, 360.0, -360.0] {
            let (x, y) = (p.lon + shift, p.lat);
            let dx = (bbox.min().x - x).max(x - bbox.max().x).max(0.0);
            let dy = (bbox.min().y - y).max(y - bbox.max().y).max(0.0);
            if dx.hypot(dy) > max_deg {
                continue;
            }
            // One crossing test per position. For a check "within `near`" it comes first: inside
            // is within any `near`, without measuring every edge (most partners lie well inside
            // their country, and a large one has thousands); outside, the nearest edge is the
            // distance. For an exact distance it comes after, only when no edge is on the point.
            let inside = || self.shape.contains(&Point::new(x, y));
            let d = if near > 0.0 {
                if inside() {
                    0.0
                } else {
                    self.edge_distance(x, y, near)
                }
            } else {
                match self.edge_distance(x, y, near) {
                    d if d > 0.0 && inside() => 0.0,
                    d => d,
                }
            };
            best = Some(best.map_or(d, |b: f64| b.min(d)));
            if d <= near {
                break;
            }
        }
        best
    }

    /// The least distance from (x, y) to an edge of any ring, or the first one found within
    /// `near`. Compared squared, with one square root at the end (a `hypot` per edge was a
    /// quarter of checking a 25,000-row file).
    fn edge_distance(&self, x: f64, y: f64, near: f64) -> f64 {
        let near2 = near * near;
        let mut best2 = f64::INFINITY;
        let rings = self
            .shape
            .0
            .iter()
            .flat_map(|poly| std::iter::once(poly.exterior()).chain(poly.interiors()));
        for ring in rings {
            for w in ring.0.windows(2) {
                let [a, b] = w else { continue };
                let (ex, ey) = (b.x - a.x, b.y - a.y);
                let len2 = ex * ex + ey * ey;
                let t = if len2 > 0.0 {
                    (((x - a.x) * ex + (y - a.y) * ey) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let (dx, dy) = (a.x + t * ex - x, a.y + t * ey - y);
                let d2 = dx * dx + dy * dy;
                if d2 < best2 {
                    best2 = d2;
                    if best2 <= near2 {
                        return best2.sqrt();
                    }
                }
            }
        }
        best2.sqrt()
    }
}

/// The basemap: a list of features plus a line saying where it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Basemap {
    /// The countries and territories, in the order of the source.
    pub features: Vec<Feature>,
    /// Where the outlines come from: the top-level `attribution` string of the file, empty
    /// when it has none.
    pub attribution: String,
}

/// Why a basemap could not be read. Each variant names where.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BasemapError {
    /// Not JSON, or a compact file whose structure or `quantum_deg` is wrong; holds the
    /// parser's message.
    #[error("basemap is not valid JSON: {0}")]
    Json(String),
    /// A file that starts as the binary form but does not read as one (cut short, or damaged);
    /// holds the reader's message.
    #[error("basemap.bin cannot be read: {0}")]
    Binary(String),
    /// Neither the binary form nor UTF-8 text.
    #[error("basemap is not UTF-8 text (JSON) at byte {0}")]
    NotText(usize),
    /// Neither a GeoJSON `FeatureCollection` (with a `features` array) nor a file tagged
    /// [`COMPACT_FORMAT`].
    #[error("basemap is neither a GeoJSON FeatureCollection nor a {COMPACT_FORMAT} file")]
    UnknownFormat,
    /// One feature cannot be read.
    #[error("basemap feature {index}: {reason}")]
    Feature {
        /// 0-based position of the feature in the file's list (among the features kept, for
        /// a ring that winds round the globe).
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// No polygon features were read.
    #[error("basemap has no polygon features")]
    Empty,
    /// The text is longer than [`MAX_BASEMAP_BYTES`].
    #[error("basemap is {bytes} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// The length of the text, in bytes.
        bytes: usize,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The outlines have more than [`MAX_BASEMAP_VERTICES`] vertices.
    #[error("basemap has {vertices} vertices, more than the limit of {limit}")]
    TooManyVertices {
        /// The number of vertices found.
        vertices: usize,
        /// The limit.
        limit: usize,
    },
}

impl Basemap {
    /// Reads either supported form, detected from its content (a leading byte-order mark is
    /// skipped). GeoJSON features without geometry, or with line or point geometry, are
    /// skipped.
    ///
    /// # Errors
    ///
    /// A [`BasemapError`]: the text is too large, not JSON, in neither form, has a feature
    /// that cannot be read (coordinates out of range, a ring that winds round the globe),
    /// too many vertices, or no polygon features.
    pub fn parse(text: &str) -> Result<Self, BasemapError> {
        Self::read(text.as_bytes())
    }

    /// As [`Basemap::parse`], from a file's bytes: the binary form when they start with
    /// [`BINARY_MAGIC`], else UTF-8 JSON text in either form.
    ///
    /// # Errors
    ///
    /// As [`Basemap::parse`]; also a binary file that does not read ([`BasemapError::Binary`])
    /// and bytes that are neither ([`BasemapError::NotText`]).
    pub fn read(bytes: &[u8]) -> Result<Self, BasemapError> {
        if bytes.starts_with(BINARY_MAGIC) {
            return Self::read_binary(bytes);
        }
        Self::check_size(bytes)?;
        let basemap = {
            let text =
                std::str::from_utf8(bytes).map_err(|e| BasemapError::NotText(e.valid_up_to()))?;
            let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
                .map_err(|e| BasemapError::Json(e.to_string()))?;
            if value.get("format").and_then(Value::as_str) == Some(COMPACT_FORMAT) {
                Self::from_compact(value)?
            } else if value.get("type").and_then(Value::as_str) == Some("FeatureCollection") {
                Self::from_geojson(&value)?
            } else {
                return Err(BasemapError::UnknownFormat);
            }
        };
        basemap.checked()
    }

    /// The binary form only ([`BINARY_MAGIC`], then the compact file in postcard: what `make`
    /// ships as `basemap.bin`), with the same checks as [`Basemap::read`]; without the JSON
    /// reader, so a module that reads no JSON basemap (the `files` feature off) leaves it out.
    ///
    /// # Errors
    ///
    /// As [`Basemap::read`]; bytes without the magic are [`BasemapError::UnknownFormat`].
    pub fn read_binary(bytes: &[u8]) -> Result<Self, BasemapError> {
        Self::check_size(bytes)?;
        let rest = bytes
            .strip_prefix(BINARY_MAGIC)
            .ok_or(BasemapError::UnknownFormat)?;
        Self::from_binary(rest)?.checked()
    }

    fn check_size(bytes: &[u8]) -> Result<(), BasemapError> {
        if bytes.len() > MAX_BASEMAP_BYTES {
            return Err(BasemapError::TooLarge {
                bytes: bytes.len(),
                limit: MAX_BASEMAP_BYTES,
            });
        }
        Ok(())
    }

    /// Refuses a basemap without features or with rings that cannot be drawn (see
    /// [`Basemap::check_rings`]).
    fn checked(self) -> Result<Self, BasemapError> {
        if self.features.is_empty() {
            return Err(BasemapError::Empty);
        }
        self.check_rings()?;
        Ok(self)
    }

    /// Refuses rings that wind round the globe (their clipping would cost length × windings)
    /// and more vertices than [`MAX_BASEMAP_VERTICES`].
    fn check_rings(&self) -> Result<(), BasemapError> {
        let vertices = self.vertex_count();
        if vertices > MAX_BASEMAP_VERTICES {
            return Err(BasemapError::TooManyVertices {
                vertices,
                limit: MAX_BASEMAP_VERTICES,
            });
        }
        for (index, f) in self.features.iter().enumerate() {
            for ring in f
                .shape
                .0
                .iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            {
                let points: Vec<LonLat> = ring.0.iter().map(|c| LonLat::new(c.x, c.y)).collect();
                let span = crate::geometry::unwrapped_span_deg(&points);
                if span > MAX_RING_SPAN_DEG {
                    return Err(BasemapError::Feature {
                        index,
                        reason: format!(
                            "a ring winds {}° round the globe; an outline spans at most 360°",
                            crate::num::fixed(span, 0)
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    fn from_geojson(value: &Value) -> Result<Self, BasemapError> {
        let list = value
            .get("features")
            .and_then(Value::as_array)
            .ok_or(BasemapError::UnknownFormat)?;
        let mut features = Vec::with_capacity(list.len());
        for (index, f) in list.iter().enumerate() {
            let err = |reason: &str| BasemapError::Feature {
                index,
                reason: reason.to_string(),
            };
            let props = f.get("properties").unwrap_or(&Value::Null);
            let text = |keys: &[&str]| {
                keys.iter()
                    .find_map(|k| props.get(*k).and_then(Value::as_str))
                    .unwrap_or("")
                    .to_string()
            };
            let mut iso2 = text(&["iso_a2", "ISO_A2", "iso2", "ISO2"]).to_ascii_uppercase();
            if iso2.len() != 2 || !iso2.bytes().all(|b| b.is_ascii_uppercase()) {
                iso2.clear();
            }
            let name = text(&["name", "NAME", "name_zh", "NAME_ZH", "name_en"]);
            let geometry = f.get("geometry").ok_or_else(|| err("has no geometry"))?;
            if geometry.is_null() {
                continue; // GeoJSON allows features without geometry; nothing to draw.
            }
            let coords = geometry
                .get("coordinates")
                .ok_or_else(|| err("geometry has no coordinates"))?;
            let polygons = match geometry.get("type").and_then(Value::as_str) {
                Some("Polygon") => vec![polygon(coords).map_err(|r| err(&r))?],
                Some("MultiPolygon") => coords
                    .as_array()
                    .ok_or_else(|| err("MultiPolygon coordinates are not an array"))?
                    .iter()
                    .map(polygon)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|r| err(&r))?,
                // Lines and points (e.g. boundary marks) are not country areas: skip them.
                Some("LineString" | "MultiLineString" | "Point" | "MultiPoint") => continue,
                Some(other) => return Err(err(&format!("unsupported geometry type {other:?}"))),
                None => return Err(err("geometry has no type")),
            };
            features.push(Feature::new(iso2, name, MultiPolygon::new(polygons)));
        }
        let attribution = value
            .get("attribution")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        Ok(Self {
            features,
            attribution,
        })
    }

    /// Distance in degrees (planar lon/lat, 0 inside) from a position to a country's outline,
    /// or `None` when the basemap has no such country.
    pub fn distance_to_country_deg(&self, iso2: &str, p: LonLat) -> Option<f64> {
        self.features
            .iter()
            .filter(|f| f.has_code(iso2))
            .filter_map(|f| f.distance_deg(p, f64::INFINITY, 0.0))
            .min_by(f64::total_cmp)
    }

    /// As [`Self::distance_to_country_deg`], for a check of "within `near` degrees": a distance
    /// of at most `near` may be answered as soon as an edge that close is found (not the least);
    /// a larger one is exact.
    pub fn distance_to_country_within_deg(&self, iso2: &str, p: LonLat, near: f64) -> Option<f64> {
        let mut best: Option<f64> = None;
        for f in self.features.iter().filter(|f| f.has_code(iso2)) {
            if let Some(d) = f.distance_deg(p, f64::INFINITY, near) {
                best = Some(best.map_or(d, |b: f64| b.min(d)));
                if d <= near {
                    break;
                }
            }
        }
        best
    }

    /// The feature (other than `except_iso2`) nearest to a position within `max_deg`, if any.
    pub fn nearest_other(&self, except_iso2: &str, p: LonLat, max_deg: f64) -> Option<&Feature> {
        self.features
            .iter()
            .filter(|f| !f.has_code(except_iso2))
            .filter_map(|f| Some((f, f.distance_deg(p, max_deg, 0.0)?)))
            .filter(|(_, d)| *d <= max_deg)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(f, _)| f)
    }

    /// Number of vertices, for statistics.
    pub fn vertex_count(&self) -> usize {
        self.features
            .iter()
            .flat_map(|f| f.shape.0.iter())
            .map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>())
            .sum()
    }
}

fn polygon(coords: &Value) -> Result<Polygon<f64>, String> {
    let rings = coords
        .as_array()
        .ok_or("Polygon coordinates are not an array")?;
    let mut out = Vec::with_capacity(rings.len());
    for ring in rings {
        let pts = ring.as_array().ok_or("a ring is not an array")?;
        let mut line = Vec::with_capacity(pts.len());
        for pt in pts {
            let lon = pt.get(0).and_then(Value::as_f64);
            let lat = pt.get(1).and_then(Value::as_f64);
            match (lon, lat) {
                (Some(lon), Some(lat)) if LonLat::new(lon, lat).is_valid() => {
                    line.push(Coord { x: lon, y: lat })
                }
                _ => return Err(format!("position {pt} is not [lon, lat] within range")),
            }
        }
        out.push(LineString::new(line));
    }
    let mut it = out.into_iter();
    let exterior = it.next().ok_or("a polygon has no rings")?;
    Ok(Polygon::new(exterior, it.collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edge_scan_agrees_with_geo_and_the_within_check_with_the_exact_distance() {
        use geo::{Distance, Euclidean};
        let text = String::from_utf8(
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/basemap.json"))
                .expect("basemap"),
        )
        .expect("utf-8");
        let b = Basemap::parse(&text).expect("parses");
        let mut rnd = crate::test_rng(5);
        for iso2 in ["JP", "RU", "US", "FJ", "NZ", "DE", "KR", "BR"] {
            let f = b.features.iter().find(|f| f.iso2 == iso2).expect("country");
            let r = f.bbox.expect("bbox");
            for _ in 0..60 {
                let p = LonLat::new(
                    (r.min().x - 3.0 + rnd() * (r.width() + 6.0)).clamp(-180.0, 180.0),
                    (r.min().y - 3.0 + rnd() * (r.height() + 6.0)).clamp(-90.0, 90.0),
                );
                let pt = Point::new(p.lon, p.lat);
                let geo = if f.shape.contains(&pt) {
                    0.0
                } else {
                    Euclidean.distance(&pt, &f.shape)
                };
                let ours = f.distance_deg(p, f64::INFINITY, 0.0).expect("in reach");
                assert!(ours <= geo + 1e-9, "{iso2} {p:?}: {ours} vs geo {geo}");
                let exact = b.distance_to_country_deg(iso2, p).expect("country");
                let within = b
                    .distance_to_country_within_deg(iso2, p, 1.5)
                    .expect("country");
                if exact <= 1.5 {
                    assert!(within <= 1.5, "{iso2} {p:?}: {within} vs {exact}");
                } else {
                    assert_eq!(within, exact, "{iso2} {p:?}");
                }
            }
        }
    }

    const SQUARE: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"方块","iso_a2":"XX"},
       "geometry":{"type":"Polygon","coordinates":[[[10,10],[20,10],[20,20],[10,20],[10,10]]]}},
      {"type":"Feature","properties":{"name":"无","iso_a2":"-99"},
       "geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}},
      {"type":"Feature","properties":{"name":"线"},
       "geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}"#;

    #[test]
    fn geojson_polygons_and_multipolygons_are_read_and_lines_skipped() {
        let b = Basemap::parse(SQUARE).expect("parses");
        assert_eq!(b.features.len(), 2);
        assert_eq!(b.features[0].iso2, "XX");
        assert_eq!(b.features[1].iso2, "", "-99 is not an ISO code");
        assert_eq!(b.vertex_count(), 5 + 4);
    }

    #[test]
    fn compact_form_round_trips_within_the_quantum() {
        let b = Basemap::parse(SQUARE).expect("parses");
        let compact = b.to_compact(0.001);
        let back = Basemap::parse(&compact).expect("compact parses");
        assert_eq!(back.features.len(), 2);
        let a = &b.features[0].shape.0[0].exterior().0;
        let c = &back.features[0].shape.0[0].exterior().0;
        assert_eq!(a.len(), c.len());
        for (p, q) in a.iter().zip(c) {
            assert!((p.x - q.x).abs() <= 0.0005 && (p.y - q.y).abs() <= 0.0005);
        }
    }

    #[test]
    fn the_binary_form_reads_as_the_shipped_json_and_a_damaged_one_says_so() {
        let json = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/basemap.json"))
            .expect("basemap");
        let b = Basemap::read(&json).expect("parses");
        let bin = b.to_binary(COMPACT_QUANTUM_DEG);
        assert!(bin.starts_with(BINARY_MAGIC));
        assert!(
            bin.len() * 2 < json.len(),
            "{} vs {} bytes",
            bin.len(),
            json.len()
        );
        assert_eq!(
            Basemap::read(&bin),
            Ok(b.clone()),
            "the same features and attribution"
        );
        // Cut anywhere: an error, never a panic, and never a basemap.
        for cut in (BINARY_MAGIC.len()..bin.len()).step_by(997) {
            let e = Basemap::read(&bin[..cut]).expect_err("cut short");
            assert!(
                matches!(e, BasemapError::Binary(_) | BasemapError::Feature { .. }),
                "{e:?}"
            );
        }
        // The magic without the rest, and another format tag inside.
        assert!(matches!(
            Basemap::read(BINARY_MAGIC),
            Err(BasemapError::Binary(_))
        ));
        let mut other = b.clone();
        other.attribution.clear();
        let mut tagged = other.to_binary(COMPACT_QUANTUM_DEG);
        let at = BINARY_MAGIC.len() + 1; // the tag's length, then its bytes
        tagged[at + COMPACT_FORMAT.len() - 1] = b'9';
        assert_eq!(Basemap::read(&tagged), Err(BasemapError::UnknownFormat));
        // Neither binary nor text.
        assert_eq!(
            Basemap::read(&[b'{', 0xff, 0xfe]),
            Err(BasemapError::NotText(1))
        );
    }

    #[test]
    fn distance_to_country_is_zero_inside_and_positive_outside() {
        let b = Basemap::parse(SQUARE).expect("parses");
        assert_eq!(
            b.distance_to_country_deg("XX", LonLat::new(15.0, 15.0)),
            Some(0.0)
        );
        let d = b
            .distance_to_country_deg("XX", LonLat::new(25.0, 15.0))
            .expect("known");
        assert!((d - 5.0).abs() < 1e-9);
        assert_eq!(b.distance_to_country_deg("YY", LonLat::new(0.0, 0.0)), None);
    }

    #[test]
    fn bad_basemaps_say_what_is_wrong() {
        assert!(matches!(
            Basemap::parse("not json"),
            Err(BasemapError::Json(_))
        ));
        assert_eq!(
            Basemap::parse(r#"{"type":"Topology"}"#),
            Err(BasemapError::UnknownFormat)
        );
        let bad = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
            "geometry":{"type":"Polygon","coordinates":[[[10,10],[200,10],[20,20]]]}}]}"#;
        match Basemap::parse(bad) {
            Err(BasemapError::Feature { index: 0, reason }) => {
                assert!(reason.contains("200"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            Basemap::parse(r#"{"type":"FeatureCollection","features":[]}"#),
            Err(BasemapError::Empty)
        );
    }
}
