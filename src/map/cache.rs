//! The geometry cache: the basemap and every pair's great circle projected once, in world units,
//! when the data or the basemap changes; a frame only maps them to pixels.

use super::{Emphasis, MapState, ProjectedShape, ARC_MAX_SEGMENT_M};
use crate::basemap::Basemap;
use crate::dataset::Dataset;
use crate::geometry::{clip_ring, great_circle, split_line, LonLat, WorldXY};
use crate::search::SearchIndex;
use crate::style::FIRST_DECADE;

impl MapState {
    /// Projects and clips the basemap at the seam, once (world units).
    pub fn set_basemap(&mut self, basemap: &Basemap) {
        let projection = self.projection;
        self.land = basemap
            .features
            .iter()
            .map(|f| {
                let mut rings = Vec::new();
                for polygon in &f.shape.0 {
                    for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                        let rotated: Vec<LonLat> = ring
                            .0
                            .iter()
                            .map(|c| projection.rotate(LonLat::new(c.x, c.y)))
                            .collect();
                        for piece in clip_ring(&rotated) {
                            rings.push(
                                piece
                                    .iter()
                                    .filter_map(|p| projection.forward_rotated(*p))
                                    .collect(),
                            );
                        }
                    }
                }
                ProjectedShape {
                    is_china: f.iso2 == "CN",
                    iso2: f.iso2.clone(),
                    anchor: largest_ring_centre(&rings),
                    rings,
                }
            })
            .collect();
        self.generation += 1;
    }

    /// Replaces the data: projects every pair's great circle and dots, builds the search keys, clears the emphasis and refilters.
    pub fn set_dataset(&mut self, dataset: Dataset) {
        let projection = self.projection;
        self.arcs = dataset
            .partnerships
            .iter()
            .map(|p| {
                let from = dataset.city_of(p).location;
                let Some(to) = p.location else {
                    return Vec::new();
                };
                let line: Vec<LonLat> = great_circle(from, to, ARC_MAX_SEGMENT_M)
                    .into_iter()
                    .map(|q| projection.rotate(q))
                    .collect();
                split_line(&line)
                    .into_iter()
                    .map(|piece| {
                        piece
                            .into_iter()
                            .filter_map(|q| projection.forward_rotated(q))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        self.partner_xy = dataset
            .partnerships
            .iter()
            .map(|p| p.location.and_then(|l| projection.project(l)))
            .collect();
        self.origin_xy = dataset
            .cities()
            .iter()
            .map(|c| projection.project(c.location))
            .collect();
        let last = dataset
            .partnerships
            .iter()
            .filter_map(|p| p.established.map(|d| d.decade()))
            .max()
            .unwrap_or(FIRST_DECADE)
            .max(FIRST_DECADE);
        self.decades = ((last - FIRST_DECADE) / 10 + 1) as usize;
        self.search = SearchIndex::new(&dataset);
        self.dataset = dataset;
        self.emphasis = Emphasis::default();
        self.refresh_visible();
    }
}

/// The area-weighted centre of the largest of `rings` (by the shoelace formula); `None` when
/// every ring is degenerate.
fn largest_ring_centre(rings: &[Vec<WorldXY>]) -> Option<WorldXY> {
    rings
        .iter()
        .filter_map(|r| {
            let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
            for (p, q) in r.iter().zip(r.iter().cycle().skip(1)) {
                let cross = p.x * q.y - q.x * p.y;
                a += cross;
                cx += (p.x + q.x) * cross;
                cy += (p.y + q.y) * cross;
            }
            (a.abs() > 1e-12).then(|| {
                (
                    a.abs(),
                    WorldXY {
                        x: cx / (3.0 * a),
                        y: cy / (3.0 * a),
                    },
                )
            })
        })
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, c)| c)
}
