//! The drawing target. The scene renders only through [`Surface`]; the browser implements it
//! with a 2D canvas, tests with [`RecordingSurface`].

use crate::lines::Lines;
use crate::style::Rgba;
/// Re-exported from [`crate::viewport`], where the coordinate type lives.
pub use crate::viewport::ScreenPt;

/// A line style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// The line colour.
    pub colour: Rgba,
    /// The line width, in CSS pixels.
    pub width_px: f64,
}

/// How a line of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Font size, CSS px.
    pub size_px: f64,
    /// Bold rather than regular.
    pub bold: bool,
    /// The text colour.
    pub fill: Rgba,
    /// A halo stroked round the glyphs first (3 px wide) so the text reads on any background.
    pub halo: Option<Rgba>,
    /// The position is the text's centre (else its left end); vertically it is always the
    /// middle of the line.
    pub centred: bool,
}

/// What a scene needs from a drawing target. Coordinates are CSS pixels; the implementation
/// takes care of the device pixel ratio.
pub trait Surface {
    /// Paints the whole drawing in one colour.
    fn clear(&mut self, colour: Rgba);
    /// Fills one shape made of several rings (even-odd rule), then strokes its outline if asked.
    fn fill_rings(&mut self, rings: &[Vec<ScreenPt>], fill: Rgba, outline: Option<Stroke>);
    /// Strokes open polylines.
    fn stroke_lines(&mut self, lines: Lines<'_>, stroke: Stroke);
    /// Draws a filled dot, optionally ringed.
    fn dot(&mut self, centre: ScreenPt, radius_px: f64, fill: Rgba, outline: Option<Stroke>);
    /// Draws dots that share radius, fill and outline; a surface may batch them into one
    /// path (the canvas does: thousands of partner dots, one fill).
    fn dots(&mut self, centres: &[ScreenPt], radius_px: f64, fill: Rgba, outline: Option<Stroke>) {
        for &c in centres {
            self.dot(c, radius_px, fill, outline);
        }
    }
    /// Fills many small squares of one size and colour, centred on `centres` (the flow
    /// animation's hundreds of dots a frame: squares are the cheapest shape to rasterise, and a
    /// target may fill them as one shape). By default, one [`Surface::fill_rings`] each.
    fn squares(&mut self, centres: &[ScreenPt], side_px: f64, fill: Rgba) {
        let h = side_px.max(0.0) / 2.0;
        for c in centres {
            let square = [(-h, -h), (h, -h), (h, h), (-h, h)];
            let ring = square.map(|(dx, dy)| ScreenPt::new(c.x + dx, c.y + dy));
            self.fill_rings(&[ring.to_vec()], fill, None);
        }
    }
    /// Draws one line of text (never parsed as markup) at `at`: its left end or its centre (see
    /// [`TextStyle::centred`]), vertically the middle of the line.
    fn text(&mut self, at: ScreenPt, text: &str, style: TextStyle);
}

/// One recorded drawing call.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// [`Surface::clear`] with this colour.
    Clear(Rgba),
    /// [`Surface::fill_rings`].
    FillRings {
        /// The rings, in CSS pixels.
        rings: Vec<Vec<ScreenPt>>,
        /// The fill colour.
        fill: Rgba,
        /// The outline stroke, if any.
        outline: Option<Stroke>,
    },
    /// [`Surface::stroke_lines`].
    StrokeLines {
        /// The polylines, in CSS pixels.
        lines: Vec<Vec<ScreenPt>>,
        /// The stroke shared by all lines.
        stroke: Stroke,
    },
    /// [`Surface::dot`].
    Dot {
        /// The centre, in CSS pixels.
        centre: ScreenPt,
        /// The radius, in CSS pixels.
        radius_px: f64,
        /// The fill colour.
        fill: Rgba,
        /// The ring around the dot, if any.
        outline: Option<Stroke>,
    },
    /// [`Surface::text`].
    Text {
        /// Where, CSS px (see [`TextStyle::centred`]).
        at: ScreenPt,
        /// The text.
        text: String,
        /// How.
        style: TextStyle,
    },
}

/// A surface that remembers what was drawn, for tests and for counting work.
#[derive(Debug, Default, Clone)]
pub struct RecordingSurface {
    /// Every call so far, in order.
    pub commands: Vec<Command>,
}

impl Surface for RecordingSurface {
    fn clear(&mut self, colour: Rgba) {
        self.commands.push(Command::Clear(colour));
    }
    fn fill_rings(&mut self, rings: &[Vec<ScreenPt>], fill: Rgba, outline: Option<Stroke>) {
        self.commands.push(Command::FillRings {
            rings: rings.to_vec(),
            fill,
            outline,
        });
    }
    fn stroke_lines(&mut self, lines: Lines<'_>, stroke: Stroke) {
        self.commands.push(Command::StrokeLines {
            lines: lines.to_vecs(),
            stroke,
        });
    }
    fn dot(&mut self, centre: ScreenPt, radius_px: f64, fill: Rgba, outline: Option<Stroke>) {
        self.commands.push(Command::Dot {
            centre,
            radius_px,
            fill,
            outline,
        });
    }
    fn text(&mut self, at: ScreenPt, text: &str, style: TextStyle) {
        self.commands.push(Command::Text {
            at,
            text: text.to_string(),
            style,
        });
    }
}
