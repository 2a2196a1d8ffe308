//! Colours and sizes. A portal overrides colours through CSS custom properties; the page reads
//! them and hands them over as `#rrggbb` strings, parsed here.

/// An sRGB colour with alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgba {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
    /// Alpha, 0 (transparent) to 255 (opaque).
    pub a: u8,
}

impl Rgba {
    /// An opaque colour (alpha 255).
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 255 }
    }

    /// The same colour with alpha `a` in place of its own.
    pub const fn with_alpha(self, a: u8) -> Self {
        Self { a, ..self }
    }

    /// Parses `#rgb`, `#rrggbb` or `#rrggbbaa` (surrounding white space allowed); the short
    /// forms are opaque. `None` without the `#`, for any other length, or for a non-hex digit.
    pub fn parse_hex(text: &str) -> Option<Self> {
        let hex = text.trim().strip_prefix('#')?;
        let nibble = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        match hex.len() {
            3 => Some(Self::rgb(nibble(0)? * 17, nibble(1)? * 17, nibble(2)? * 17)),
            6 => Some(Self::rgb(byte(0)?, byte(2)?, byte(4)?)),
            8 => Some(Self {
                r: byte(0)?,
                g: byte(2)?,
                b: byte(4)?,
                a: byte(6)?,
            }),
            _ => None,
        }
    }

    /// The colour as a CSS string the canvas accepts: `#rrggbb` when opaque, else
    /// `rgba(r,g,b,a)` with `a` from 0 to 1 to three decimals.
    pub fn css(&self) -> String {
        if self.a == 255 {
            format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
        } else {
            format!(
                "rgba({},{},{},{})",
                self.r,
                self.g,
                self.b,
                crate::num::fixed(f64::from(self.a) / 255.0, 3)
            )
        }
    }
}

/// Everything the scene needs to know about looks.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// The background behind the land.
    pub ocean: Rgba,
    /// The fill of every country but China.
    pub land: Rgba,
    /// The fill of China.
    pub china: Rgba,
    /// The colour of the country outlines.
    pub border: Rgba,
    /// The outline of China's islands and of the dashes of the South China Sea line, drawn over
    /// their fill so they stand out from the ocean at every zoom.
    pub marks: Rgba,
    /// Width of that outline, in CSS pixels.
    pub marks_width_px: f64,
    /// Alpha of arcs at normal emphasis (neither dimmed nor emphasised).
    pub arc_alpha: u8,
    /// Width of an arc that is not emphasised, in CSS pixels.
    pub arc_width_px: f64,
    /// Radius of a partner dot, in CSS pixels (one more when emphasised).
    pub partner_radius_px: f64,
    /// Radius of a Shandong origin dot, in CSS pixels.
    pub origin_radius_px: f64,
    /// The ring around origin dots and emphasised partner dots.
    pub origin_stroke: Rgba,
    /// One colour per Shandong key, in the order of `data/shandong.csv`; repeats if shorter.
    pub palette: Vec<Rgba>,
    /// Friendship city, friendly cooperation, unknown.
    pub relation_palette: [Rgba; 3],
    /// One colour per decade from the 1970s on; later decades share the last colour.
    pub decade_palette: Vec<Rgba>,
    /// Pairs whose value for the colour dimension is unknown: no establishment date when
    /// colouring by decade (an unknown relation takes the third [`relation_palette`] colour).
    ///
    /// [`relation_palette`]: Theme::relation_palette
    pub unknown: Rgba,
    /// Alpha of what is not emphasised while something is.
    pub dim_alpha: u8,
    /// Width of an emphasised arc, in CSS pixels.
    pub highlight_width_px: f64,
    /// Ring around the keyboard-focused dot.
    pub focus_ring: Rgba,
    /// The one calm hue of arcs at rest when colouring by Shandong side with many sides shown
    /// (the sides' colours are then on the dots; an arc takes its side's colour when it stands
    /// out).
    pub calm_arc: Rgba,
    /// Partner names and the emphasised pair's names.
    pub label: Rgba,
    /// Country names (quieter).
    pub country_label: Rgba,
    /// The halo behind label text.
    pub label_halo: Rgba,
    /// The fill of a stack's marker.
    pub stack_fill: Rgba,
    /// The count on a stack's marker.
    pub stack_text: Rgba,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            ocean: Rgba::rgb(0xe8, 0xf1, 0xf8),
            land: Rgba::rgb(0xd5, 0xdb, 0xe3),
            china: Rgba::rgb(0xf3, 0xe3, 0xc8),
            border: Rgba::rgb(0xff, 0xff, 0xff),
            marks: Rgba::rgb(0x8a, 0x5a, 0x1c),
            marks_width_px: 1.6,
            arc_alpha: 200,
            arc_width_px: 1.4,
            partner_radius_px: 2.5,
            origin_radius_px: 4.0,
            origin_stroke: Rgba::rgb(0xff, 0xff, 0xff),
            palette: CITY_PALETTE.to_vec(),
            relation_palette: [
                Rgba::rgb(0xc0, 0x39, 0x2b),
                Rgba::rgb(0x1f, 0x6f, 0xb4),
                Rgba::rgb(0x7f, 0x8c, 0x8d),
            ],
            decade_palette: DECADE_PALETTE.to_vec(),
            unknown: Rgba::rgb(0x7f, 0x8c, 0x8d),
            dim_alpha: 40,
            highlight_width_px: 2.6,
            focus_ring: Rgba::rgb(0x11, 0x11, 0x11),
            calm_arc: Rgba::rgb(0x2f, 0x5d, 0x8a),
            label: Rgba::rgb(0x1b, 0x26, 0x33),
            country_label: Rgba::rgb(0x5d, 0x6b, 0x7a),
            label_halo: Rgba::rgb(0xff, 0xff, 0xff).with_alpha(210),
            stack_fill: Rgba::rgb(0xff, 0xff, 0xff),
            stack_text: Rgba::rgb(0x1b, 0x26, 0x33),
        }
    }
}

impl Theme {
    /// The dark theme's map colours (the one place they are defined; the page's CSS only carries
    /// a portal's overrides): a deep-blue ocean, slate land, a muted China, outlines and rings
    /// in the ocean's colour, light marks (islands, the South China Sea line), a white focus ring.
    pub fn dark() -> Self {
        Self {
            ocean: Rgba::rgb(0x0f, 0x1b, 0x2a),
            land: Rgba::rgb(0x2e, 0x3c, 0x4d),
            china: Rgba::rgb(0x5b, 0x4a, 0x30),
            border: Rgba::rgb(0x0f, 0x1b, 0x2a),
            marks: Rgba::rgb(0xe8, 0xc0, 0x7a),
            origin_stroke: Rgba::rgb(0x0f, 0x1b, 0x2a),
            focus_ring: Rgba::rgb(0xff, 0xff, 0xff),
            calm_arc: Rgba::rgb(0x8c, 0xc4, 0xe8),
            label: Rgba::rgb(0xe8, 0xee, 0xf4),
            country_label: Rgba::rgb(0x9a, 0xab, 0xbd),
            label_halo: Rgba::rgb(0x0f, 0x1b, 0x2a).with_alpha(210),
            stack_fill: Rgba::rgb(0x0f, 0x1b, 0x2a),
            stack_text: Rgba::rgb(0xe8, 0xee, 0xf4),
            ..Self::default()
        }
    }
}

/// Which dimension the arcs' colour shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColourBy {
    /// The Shandong side (province or city).
    #[default]
    City,
    /// Friendship city / friendly cooperation / unknown.
    Relation,
    /// The decade the pair was established.
    Decade,
}

impl ColourBy {
    /// Every colour mode, in the order the page lists them.
    pub const ALL: [ColourBy; 3] = [ColourBy::City, ColourBy::Relation, ColourBy::Decade];

    /// The key used by the page and in the URL: `"city"`, `"relation"` or `"decade"`.
    pub const fn key(self) -> &'static str {
        match self {
            Self::City => "city",
            Self::Relation => "relation",
            Self::Decade => "decade",
        }
    }

    /// The value whose [`key`](Self::key) is exactly `text`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "city" => Some(Self::City),
            "relation" => Some(Self::Relation),
            "decade" => Some(Self::Decade),
            _ => None,
        }
    }
}

/// First decade of the decade colours.
pub const FIRST_DECADE: i32 = 1970;

/// Sequential colours, light to dark, for the decades 1970s…2020s and beyond.
pub const DECADE_PALETTE: [Rgba; 7] = [
    Rgba::rgb(0xf2, 0x9e, 0x4c),
    Rgba::rgb(0xe0, 0x6c, 0x3c),
    Rgba::rgb(0xc8, 0x3e, 0x4d),
    Rgba::rgb(0x9c, 0x27, 0x6b),
    Rgba::rgb(0x6a, 0x1b, 0x7a),
    Rgba::rgb(0x3b, 0x1c, 0x6e),
    Rgba::rgb(0x1d, 0x1a, 0x4f),
];

impl Theme {
    /// The colour of the arcs of the `index`-th Shandong key; the palette repeats when it is
    /// shorter, and an empty palette gives a fixed red.
    pub fn city_colour(&self, index: usize) -> Rgba {
        let fallback = Rgba::rgb(0xc0, 0x39, 0x2b);
        self.palette
            .get(index % self.palette.len().max(1))
            .copied()
            .unwrap_or(fallback)
    }

    /// The colour of the `index`-th decade from [`FIRST_DECADE`]; indices past the palette get
    /// its last colour, an empty palette gives [`Theme::unknown`].
    pub fn decade_colour(&self, index: usize) -> Rgba {
        let last = self.decade_palette.len().saturating_sub(1);
        self.decade_palette
            .get(index.min(last))
            .copied()
            .unwrap_or(self.unknown)
    }
}

/// Seventeen distinguishable colours (province first, in a deep red), readable on light land.
pub const CITY_PALETTE: [Rgba; 17] = [
    Rgba::rgb(0xb0, 0x1e, 0x23), // Shandong province
    Rgba::rgb(0x1f, 0x77, 0xb4), // Jinan
    Rgba::rgb(0xd6, 0x27, 0x28), // Qingdao
    Rgba::rgb(0x2c, 0xa0, 0x2c), // Zibo
    Rgba::rgb(0x94, 0x67, 0xbd), // Zaozhuang
    Rgba::rgb(0x8c, 0x56, 0x4b), // Dongying
    Rgba::rgb(0xe3, 0x77, 0xc2), // Yantai
    Rgba::rgb(0xff, 0x7f, 0x0e), // Weifang
    Rgba::rgb(0x17, 0xa2, 0xb8), // Jining
    Rgba::rgb(0x6b, 0x8e, 0x23), // Tai'an
    Rgba::rgb(0x00, 0x5f, 0x73), // Weihai
    Rgba::rgb(0xbc, 0x8f, 0x00), // Rizhao
    Rgba::rgb(0x5e, 0x3c, 0x99), // Linyi
    Rgba::rgb(0xa6, 0x36, 0x03), // Dezhou
    Rgba::rgb(0x31, 0x82, 0xbd), // Liaocheng
    Rgba::rgb(0x7f, 0x27, 0x04), // Binzhou
    Rgba::rgb(0x35, 0x97, 0x8f), // Heze
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_parse_in_all_three_lengths() {
        assert_eq!(Rgba::parse_hex("#fff"), Some(Rgba::rgb(255, 255, 255)));
        assert_eq!(
            Rgba::parse_hex(" #1f77b4 "),
            Some(Rgba::rgb(0x1f, 0x77, 0xb4))
        );
        assert_eq!(
            Rgba::parse_hex("#1f77b480"),
            Some(Rgba::rgb(0x1f, 0x77, 0xb4).with_alpha(0x80))
        );
        assert_eq!(Rgba::parse_hex("1f77b4"), None);
        assert_eq!(Rgba::parse_hex("#12345"), None);
        assert_eq!(Rgba::parse_hex("#gggggg"), None);
    }

    #[test]
    fn css_strings_are_hex_when_opaque_and_rgba_otherwise() {
        assert_eq!(Rgba::rgb(1, 2, 3).css(), "#010203");
        assert_eq!(Rgba::rgb(1, 2, 3).with_alpha(0).css(), "rgba(1,2,3,0.000)");
    }
}
