//! Screen positions in CSS pixels and the transform from world units to them.

use crate::WorldXY;

/// A position in CSS pixels from the top-left corner of the drawing.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ScreenPt {
    /// CSS pixels rightwards from the left edge.
    pub x: f64,
    /// CSS pixels downwards from the top edge.
    pub y: f64,
}

impl ScreenPt {
    /// A point `x` CSS pixels right of and `y` below the top-left corner.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    /// The distance to `other` in CSS pixels. A square root rather than `f64::hypot`, which
    /// guards against an overflow that screen coordinates never reach and is a software routine
    /// (libm's, in WebAssembly too), where `sqrt` is one instruction: the inset's search for free
    /// spots measures thousands of distances a layout, and with `hypot` a filter change's layout
    /// took 1.07 ms natively, with this 0.59–0.69 ms (`cargo bench --bench core -- "lay out after"`).
    pub fn distance(self, other: ScreenPt) -> f64 {
        let (dx, dy) = (self.x - other.x, self.y - other.y);
        (dx * dx + dy * dy).sqrt()
    }
}

/// `screen = (offset_x + x·scale, offset_y − y·scale)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenTransform {
    scale: f64,
    offset_x: f64,
    offset_y: f64,
}

impl ScreenTransform {
    /// `scale` CSS px per world unit, the world origin at (`offset_x`, `offset_y`) CSS px.
    pub fn new(scale: f64, offset_x: f64, offset_y: f64) -> Self {
        Self {
            scale,
            offset_x,
            offset_y,
        }
    }

    /// CSS pixels per world unit.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Where the world origin lands, in CSS pixels.
    pub fn offset(&self) -> (f64, f64) {
        (self.offset_x, self.offset_y)
    }

    /// Maps a world position to CSS pixels.
    #[inline]
    pub fn apply(&self, w: WorldXY) -> ScreenPt {
        ScreenPt::new(
            self.offset_x + w.x * self.scale,
            self.offset_y - w.y * self.scale,
        )
    }
}
