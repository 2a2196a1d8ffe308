//! Checks of single fields of a row, shared by the reference tables and the partnerships.

use super::gazetteer::Gazetteer;
use super::issue::{IssueLog, Problem};
use super::table::{Row, Table};
use crate::geometry::LonLat;

/// Reports each of `columns` that is empty in `row`.
pub(super) fn require(t: &Table, row: Row<'_>, columns: &[&str], issues: &mut IssueLog) {
    for &c in columns {
        if t.get(row, c).is_empty() {
            issues.push(t.issue(row, c, Problem::Empty));
        }
    }
}

/// The row's `lon` and `lat` (their texts, read from `t`'s row by the caller), each reported if
/// empty, not a number or out of range.
pub(super) fn lon_lat(
    t: &Table,
    row: Row<'_>,
    [lon, lat]: [&str; 2],
    issues: &mut IssueLog,
) -> Option<LonLat> {
    let mut coord = |col: &str, text: &str, limit: f64| -> Option<f64> {
        if text.is_empty() {
            issues.push(t.issue(row, col, Problem::Empty));
            return None;
        }
        // `num::parse_decimal`, not `str::parse`: core's float parser (and its 10 KB table)
        // would be in the module for this alone (~14 KB gzip of the full module, session 26).
        // It reads what a spreadsheet writes (`36.0651`, `1E-05`); `inf` and `NaN` are not
        // numbers here either.
        match crate::num::parse_decimal(text).ok_or(()) {
            Ok(v) if v.abs() > limit => {
                issues.push(t.issue(
                    row,
                    col,
                    Problem::OutOfRange {
                        min: -limit,
                        max: limit,
                    },
                ));
                None
            }
            Ok(v) => Some(v),
            Err(_) => {
                issues.push(t.issue(row, col, Problem::NotANumber));
                None
            }
        }
    };
    let lon = coord("lon", lon, 180.0);
    let lat = coord("lat", lat, 90.0);
    Some(LonLat::new(lon?, lat?))
}

/// The English name of a basemap feature's country, or the feature's own name.
pub(super) fn other_name(gazetteer: &Gazetteer, f: &crate::basemap::Feature) -> String {
    gazetteer.country_index(&f.iso2).map_or_else(
        || f.name.clone(),
        |i| {
            gazetteer
                .countries
                .get(i)
                .map_or_else(|| f.name.clone(), |c| c.name_en.clone())
        },
    )
}

/// Lower-case letters, digits and hyphens, not starting with a hyphen.
pub(super) fn is_slug(id: &str) -> bool {
    id.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Anything that looks like an HTML tag, comment or entity.
pub(super) fn has_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .windows(2)
        .any(|w| matches!(w, [b'<', c] if c.is_ascii_alphabetic() || *c == b'/' || *c == b'!'))
        || text.contains("&lt;")
        || text.contains("&#")
}

/// Case- and punctuation-insensitive name key for duplicate detection.
pub(super) fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    if name.is_ascii() {
        // The same, a byte at a time: below U+0080 the letters and digits are these.
        let kept = name.bytes().filter(u8::is_ascii_alphanumeric);
        out.extend(kept.map(|b| char::from(b.to_ascii_lowercase())));
        return out;
    }
    out.extend(
        name.chars()
            .filter(|&c| crate::case::is_letter_or_digit(c))
            .map(crate::case::lower),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_markup_are_recognised() {
        assert!(is_slug("qingdao-shimonoseki"));
        assert!(!is_slug("Qingdao"));
        assert!(!is_slug("-x"));
        assert!(has_markup("<b>Bold</b>"));
        assert!(has_markup("a &lt;script&gt;"));
        assert!(!has_markup("x < y and 3 > 2"));
        assert_eq!(fold_name("Freising (District)"), "freisingdistrict");
        // The ASCII path keeps and lowers what the general one does.
        let ascii: String = (0u8..0x80).map(char::from).collect();
        let general: String = ascii
            .chars()
            .filter(|&c| crate::case::is_letter_or_digit(c))
            .map(crate::case::lower)
            .collect();
        assert_eq!(fold_name(&ascii), general);
        assert_eq!(fold_name(&format!("{ascii}É")), format!("{general}é"));
    }
}
