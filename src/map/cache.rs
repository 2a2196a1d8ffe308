//! The geometry cache: the basemap and every pair's great circle projected once, in world units,
//! when the data or the basemap changes; a frame only maps them to pixels.

use super::FlowPath;
use super::{Emphasis, MapState, ProjectedShape, ARC_MAX_SEGMENT_M};
use crate::basemap::Basemap;
use crate::dataset::Dataset;
use crate::geometry::{clip_ring, great_circle, split_line, LonLat, WorldXY};
use crate::search::SearchIndex;
use crate::style::FIRST_DECADE;
use geo::{BoundingRect, Polygon};

/// China's polygons smaller than this across, in degrees, are drawn as marks (islands and the
/// dashes of the South China Sea line); Hainan and Taiwan are larger.
pub const MARK_MAX_DEG: f64 = 1.6;

fn is_small(p: &Polygon) -> bool {
    p.bounding_rect()
        .is_some_and(|r| r.width().max(r.height()) < MARK_MAX_DEG)
}

impl MapState {
    /// Projects and clips the basemap at the seam, once (world units). China's small parts —
    /// the South China Sea islands and the ten dashes of its boundary line (polygons under
    /// 1.6° across) — become a shape of their own, drawn as marks.
    pub fn set_basemap(&mut self, basemap: &Basemap) {
        let mut land = Vec::new();
        for f in &basemap.features {
            let is_china = f.iso2 == "CN";
            let (marks, rest): (Vec<&Polygon>, Vec<&Polygon>) =
                f.shape.0.iter().partition(|p| is_china && is_small(p));
            let rings = self.project_polygons(&rest);
            land.push(ProjectedShape {
                is_china,
                is_mark: false,
                iso2: f.iso2.clone(),
                anchor: largest_ring_centre(&rings),
                rings,
            });
            if !marks.is_empty() {
                land.push(ProjectedShape {
                    is_china,
                    is_mark: true,
                    iso2: f.iso2.clone(),
                    anchor: None, // the country's name goes at its main land
                    rings: self.project_polygons(&marks),
                });
            }
        }
        self.land = land;
        self.generation += 1;
    }

    /// The rings of `polygons` rotated, clipped at the seam and projected.
    fn project_polygons(&self, polygons: &[&Polygon]) -> Vec<Vec<crate::geometry::WorldXY>> {
        let projection = self.projection;
        let mut rings = Vec::new();
        for polygon in polygons {
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
        rings
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
        self.flow_paths = self.arcs.iter().map(|arc| FlowPath::new(arc)).collect();
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
        // Once per data change, so no hover waits for it (a filter change does not rebuild it).
        self.hit = Some(self.hit_index());
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
