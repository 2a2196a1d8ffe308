//! The compact form of a basemap (`data/basemap.json`): the rings quantised and delta-encoded as
//! integers, a third of the GeoJSON's size. Reading it checks every delta for overflow and every
//! vertex for range. The same file in binary (`basemap.bin`, which `make` ships: the integers as
//! postcard's varints after [`BINARY_MAGIC`]) is read through the same checks, without JSON.

use super::{Basemap, BasemapError, Feature, COMPACT_FORMAT, MAX_BASEMAP_VERTICES};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Serialize, Deserialize)]
struct CompactFile {
    format: String,
    attribution: String,
    quantum_deg: f64,
    features: Vec<CompactFeature>,
}

#[derive(Serialize, Deserialize)]
struct CompactFeature {
    iso2: String,
    name: String,
    /// polygons → rings → [x0, y0, dx1, dy1, …] in units of `quantum_deg`.
    polygons: Vec<Vec<Vec<i64>>>,
}

// The binary form read by hand (`crate::unpack`), as postcard wrote it.
crate::unpack::unpack_struct!(CompactFile {
    format,
    attribution,
    quantum_deg,
    features,
});
crate::unpack::unpack_struct!(CompactFeature {
    iso2,
    name,
    polygons,
});

/// The first bytes of the binary form (then the compact file in postcard).
pub const BINARY_MAGIC: &[u8] = b"youcheng-basemap-bin/1\n";

impl Basemap {
    /// Reads the compact form (already parsed as JSON).
    pub(super) fn from_compact(value: Value) -> Result<Self, BasemapError> {
        let file: CompactFile =
            serde_json::from_value(value).map_err(|e| BasemapError::Json(e.to_string()))?;
        Self::from_compact_file(file)
    }

    /// Reads the binary form (what follows [`BINARY_MAGIC`]).
    pub(super) fn from_binary(bytes: &[u8]) -> Result<Self, BasemapError> {
        let file: CompactFile = crate::unpack::Reader::new(bytes)
            .read()
            .map_err(|e| BasemapError::Binary(e.to_string()))?;
        if file.format != COMPACT_FORMAT {
            return Err(BasemapError::UnknownFormat);
        }
        Self::from_compact_file(file)
    }

    fn from_compact_file(file: CompactFile) -> Result<Self, BasemapError> {
        if !(file.quantum_deg.is_finite() && file.quantum_deg > 0.0) {
            return Err(BasemapError::Json(format!(
                "quantum_deg {} is not a positive number",
                crate::num::plain(file.quantum_deg)
            )));
        }
        let q = file.quantum_deg;
        let values: usize = file
            .features
            .iter()
            .flat_map(|f| f.polygons.iter().flatten())
            .map(Vec::len)
            .sum();
        if values / 2 > MAX_BASEMAP_VERTICES {
            return Err(BasemapError::TooManyVertices {
                vertices: values / 2,
                limit: MAX_BASEMAP_VERTICES,
            });
        }
        let mut features = Vec::with_capacity(file.features.len());
        for (index, f) in file.features.into_iter().enumerate() {
            let mut polygons = Vec::with_capacity(f.polygons.len());
            for rings in f.polygons {
                let mut decoded = Vec::with_capacity(rings.len());
                for ring in rings {
                    if ring.len() % 2 != 0 {
                        return Err(BasemapError::Feature {
                            index,
                            reason: "a ring has an odd number of values".into(),
                        });
                    }
                    let (mut x, mut y) = (0i64, 0i64);
                    let mut coords: Vec<Coord<f64>> = Vec::with_capacity(ring.len() / 2);
                    for d in ring.chunks_exact(2) {
                        let (Some(nx), Some(ny)) = (
                            d.first().and_then(|dx| x.checked_add(*dx)),
                            d.get(1).and_then(|dy| y.checked_add(*dy)),
                        ) else {
                            return Err(BasemapError::Feature {
                                index,
                                reason: "a ring's coordinates overflow".into(),
                            });
                        };
                        (x, y) = (nx, ny);
                        let c = Coord {
                            x: x as f64 * q,
                            y: y as f64 * q,
                        };
                        if !(c.x.abs() <= 540.0 && c.y.abs() <= 90.0) {
                            return Err(BasemapError::Feature {
                                index,
                                reason: format!(
                                    "a vertex ({}, {}) is outside lon ±540, lat ±90",
                                    crate::num::fixed(c.x, 3),
                                    crate::num::fixed(c.y, 3)
                                ),
                            });
                        }
                        coords.push(c);
                    }
                    decoded.push(LineString::new(coords));
                }
                let mut it = decoded.into_iter();
                if let Some(exterior) = it.next() {
                    polygons.push(Polygon::new(exterior, it.collect()));
                }
            }
            features.push(Feature::new(f.iso2, f.name, MultiPolygon::new(polygons)));
        }
        Ok(Self {
            features,
            attribution: file.attribution,
        })
    }

    /// The compact form, quantised to `quantum_deg` (e.g. 0.001° ≈ 110 m). Consecutive
    /// vertices that quantise to the same point are dropped, and so are rings left with fewer
    /// than three vertices. `quantum_deg` should be positive.
    pub fn to_compact(&self, quantum_deg: f64) -> String {
        serde_json::to_string(&self.compact_file(quantum_deg)).unwrap_or_default()
    }

    /// The compact form in binary ([`BINARY_MAGIC`], then postcard): the same integers, read
    /// without JSON.
    pub fn to_binary(&self, quantum_deg: f64) -> Vec<u8> {
        let mut out = BINARY_MAGIC.to_vec();
        out.extend(postcard::to_allocvec(&self.compact_file(quantum_deg)).unwrap_or_default());
        out
    }

    fn compact_file(&self, quantum_deg: f64) -> CompactFile {
        let q = quantum_deg;
        let features = self
            .features
            .iter()
            .map(|f| CompactFeature {
                iso2: f.iso2.clone(),
                name: f.name.clone(),
                polygons: f
                    .shape
                    .0
                    .iter()
                    .map(|p| {
                        std::iter::once(p.exterior())
                            .chain(p.interiors())
                            .map(|ring| {
                                let mut out = Vec::with_capacity(ring.0.len() * 2);
                                let (mut px, mut py) = (0i64, 0i64);
                                let mut first = true;
                                for c in &ring.0 {
                                    let (x, y) =
                                        ((c.x / q).round() as i64, (c.y / q).round() as i64);
                                    if !first && x == px && y == py {
                                        continue;
                                    }
                                    out.push(x.saturating_sub(px));
                                    out.push(y.saturating_sub(py));
                                    (px, py, first) = (x, y, false);
                                }
                                out
                            })
                            .filter(|r| r.len() >= 6)
                            .collect()
                    })
                    .collect(),
            })
            .collect();
        CompactFile {
            format: COMPACT_FORMAT.into(),
            attribution: self.attribution.clone(),
            quantum_deg: q,
            features,
        }
    }
}
