//! When the cached land layer can be reused. The land is drawn into an off-screen layer once per
//! settled view; a frame at that view copies it, a frame during a gesture shifts and scales it
//! (the land is re-projected only when the view settles), any other frame redraws it. The web
//! layer only carries out the plan.

use crate::viewport::Viewport;

/// The view a layer was drawn for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayerView {
    /// CSS pixels per world unit, as [`ScreenTransform::scale`].
    ///
    /// [`ScreenTransform::scale`]: crate::viewport::ScreenTransform::scale
    pub scale: f64,
    /// Where the world origin lands, (x, y) in CSS pixels, as [`ScreenTransform::offset`].
    ///
    /// [`ScreenTransform::offset`]: crate::viewport::ScreenTransform::offset
    pub offset: (f64, f64),
    /// Canvas width in CSS pixels.
    pub width_css_px: f64,
    /// Canvas height in CSS pixels.
    pub height_css_px: f64,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
}

impl LayerView {
    /// The view `v` at device pixel ratio `dpr`.
    pub fn of(v: &Viewport, dpr: f64) -> Self {
        let tf = v.transform();
        Self {
            scale: tf.scale(),
            offset: tf.offset(),
            width_css_px: v.width_css_px,
            height_css_px: v.height_css_px,
            dpr,
        }
    }
}

impl LayerView {
    /// How a layer drawn for this view is shown at `now`: [`LandPlan::Shift`], or `None` when
    /// the canvas's size or pixel ratio differ.
    pub fn shift_to(&self, now: &LayerView) -> Option<LandPlan> {
        let same = self.width_css_px == now.width_css_px
            && self.height_css_px == now.height_css_px
            && self.dpr == now.dpr;
        // screen = offset + world·scale, so the layer's pixel at p lands at
        // offset_now + (p − offset_then)·k with k the ratio of the scales.
        let k = now.scale / self.scale;
        same.then_some(LandPlan::Shift {
            x: now.offset.0 - self.offset.0 * k,
            y: now.offset.1 - self.offset.1 * k,
            k,
        })
    }
}

/// What to do with the layer this frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LandPlan {
    /// The layer holds this view: copy it.
    Copy,
    /// A gesture is under way: draw the layer scaled by `k` with its top-left at (`x`, `y`) CSS px,
    /// on the ocean colour.
    Shift {
        /// Left edge of the scaled layer, CSS pixels.
        x: f64,
        /// Top edge of the scaled layer, CSS pixels.
        y: f64,
        /// Scale factor: the current view's scale over the layer's.
        k: f64,
    },
    /// Draw the land into the layer for this view, then copy it.
    Redraw,
}

impl LandPlan {
    /// Where the layer's top-left corner goes (CSS px) and its scale: (`x`, `y`, `k`) of a
    /// [`LandPlan::Shift`], else where it was drawn, as it was drawn.
    pub fn placement(self) -> (f64, f64, f64) {
        match self {
            LandPlan::Shift { x, y, k } => (x, y, k),
            _ => (0.0, 0.0, 1.0),
        }
    }
}

/// The layer's bookkeeping: what it holds, and how often it was redrawn or reused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LandLayer {
    drawn: Option<LayerView>,
    /// How many times [`LandLayer::plan`] answered [`LandPlan::Redraw`].
    pub renders: u32,
    /// How many times [`LandLayer::plan`] answered [`LandPlan::Shift`] (copies are not counted).
    pub reuses: u32,
    /// How many times it was forgotten: a picture drawn before is of other colours or shapes.
    pub generation: u32,
}

impl LandLayer {
    /// Forgets the layer (a new basemap, new colours).
    pub fn invalidate(&mut self) {
        self.drawn = None;
        self.generation = self.generation.wrapping_add(1);
    }

    /// The plan for a frame at `now`; `moving` while a gesture or wheel zoom is under way.
    /// [`LandPlan::Copy`] when the layer holds exactly `now`; [`LandPlan::Shift`] when moving
    /// and only scale or offset differ; otherwise [`LandPlan::Redraw`], after which the layer
    /// is taken to hold `now`.
    pub fn plan(&mut self, now: LayerView, moving: bool) -> LandPlan {
        match self.drawn {
            Some(d) if d == now => LandPlan::Copy,
            Some(d) if moving && d.shift_to(&now).is_some() => {
                self.reuses += 1;
                d.shift_to(&now).unwrap_or(LandPlan::Redraw)
            }
            _ => {
                self.drawn = Some(now);
                self.renders += 1;
                LandPlan::Redraw
            }
        }
    }
}

/// The arcs layer: every visible arc and partner dot drawn once per settled view and content
/// (data, filter, colours), shifted and scaled during a gesture like the land, and copied under
/// each hover or selection change (the emphasis is drawn over it). At the world network's
/// 25,000 arcs this is what keeps a pan frame and a hover frame from stroking every arc.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArcsLayer {
    /// The plans and counters, as for the land.
    pub layer: LandLayer,
    content: Option<u64>,
}

impl ArcsLayer {
    /// The plan for a frame at `now` showing content `version`; a new version is drawn afresh.
    pub fn plan(&mut self, now: LayerView, moving: bool, version: u64) -> LandPlan {
        if self.content != Some(version) {
            self.layer.invalidate();
            self.content = Some(version);
        }
        self.layer.plan(now, moving)
    }

    /// Forgets the layer (a new canvas size is caught by the view; this is for new colours).
    pub fn invalidate(&mut self) {
        self.content = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(scale: f64, x: f64) -> LayerView {
        LayerView {
            scale,
            offset: (x, 0.0),
            width_css_px: 800.0,
            height_css_px: 600.0,
            dpr: 1.0,
        }
    }

    #[test]
    fn a_gesture_shifts_the_layer_and_a_settled_view_redraws_it_once() {
        let mut l = LandLayer::default();
        assert_eq!(l.plan(view(1.0, 0.0), false), LandPlan::Redraw);
        assert_eq!(l.plan(view(1.0, 0.0), false), LandPlan::Copy);
        assert_eq!(
            l.plan(view(2.0, 10.0), true),
            LandPlan::Shift {
                x: 10.0,
                y: 0.0,
                k: 2.0
            }
        );
        assert_eq!(l.plan(view(2.0, 10.0), false), LandPlan::Redraw);
        assert_eq!((l.renders, l.reuses), (2, 1));
    }

    #[test]
    fn the_arcs_layer_is_drawn_again_when_its_content_changes_and_shifted_in_a_gesture() {
        let mut a = ArcsLayer::default();
        assert_eq!(a.plan(view(1.0, 0.0), false, 7), LandPlan::Redraw);
        assert_eq!(
            a.plan(view(1.0, 0.0), false, 7),
            LandPlan::Copy,
            "a hover: copied"
        );
        assert_eq!(
            a.plan(view(1.0, 0.0), false, 8),
            LandPlan::Redraw,
            "a filter"
        );
        assert!(matches!(
            a.plan(view(1.0, 5.0), true, 8),
            LandPlan::Shift { .. }
        ));
        assert_eq!(
            a.plan(view(1.0, 5.0), false, 8),
            LandPlan::Redraw,
            "settled"
        );
        assert_eq!((a.layer.renders, a.layer.reuses), (3, 1));
    }
}
