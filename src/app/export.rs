//! Reports and the flow animation: the export image laid out and drawn off-screen from the
//! state (never a copy of the on-screen canvas, so open panels make no difference), and whether
//! the overlay carries the flow's moving dots.

use super::{App, Response};
use crate::report::{self, LegendSwatch, Report, ReportSpec};
use crate::scene::Scene;
use crate::style::Rgba;

impl App {
    /// The report for `spec`: the current centre and zoom in a frame of the world's shape as
    /// wide as `spec.width_css_px`, the panel under it, and the scale of the image.
    pub fn report(&mut self, spec: &ReportSpec) -> Report {
        let aspect = self.map.viewport.world_aspect();
        let (width, map_height, scale) = report::size(spec, aspect);
        let saved = self.map.viewport;
        self.map.viewport.resize(width, map_height);
        // Names and stacks laid out for the report's frame; the inset is an on-screen aid.
        self.map.refresh_layout();
        let mut map = self.map.scene();
        map.inset = None;
        self.map.viewport = saved;
        self.map.refresh_layout();
        report::cull(&mut map, width, map_height);
        let legend: Vec<LegendSwatch> = self
            .map
            .legend()
            .into_iter()
            .map(|e| LegendSwatch {
                colour: e.colour,
                visible: e.visible,
            })
            .collect();
        let (panel, height) = report::lay_out(spec, &legend, width, map_height);
        let background = spec.background.as_deref().and_then(Rgba::parse_hex);
        let mut r = Report {
            width_css_px: width,
            height_css_px: height,
            map_height_css_px: map_height,
            scale,
            map,
            background: background.unwrap_or(Rgba::rgb(255, 255, 255)),
            panel,
        };
        r.cap_scale();
        r
    }

    /// Turns the flow animation on or off; a redraw only when that changes something.
    pub(super) fn set_flow(&mut self, on: bool) -> Response {
        let changed = self.flow != on;
        self.flow = on;
        Response {
            redraw: changed,
            ..Response::default()
        }
    }

    /// Whether the flow is on: the page then asks for the next frame after each one.
    pub fn animating(&self) -> bool {
        self.flow
    }

    /// The flow's moving dots at `now_ms` (the frame's time) as a scene of their own, drawn over
    /// the rest of the frame; empty when the flow is off. The land and arcs stay as they are.
    pub fn flow_scene(&self, now_ms: f64) -> Scene {
        Scene {
            flow: if self.flow {
                self.map.flow_dots(now_ms)
            } else {
                Vec::new()
            },
            ..Scene::default()
        }
    }
}
