//! Lowercasing and "letter or digit" for the keys the core compares — search keys, the
//! duplicate-name check, the partner places counted — without the standard library's Unicode
//! tables. `char::to_lowercase` and `char::is_alphanumeric` bring their tables into the module
//! whatever the text: measured, 23.7 KB raw and 9.7 KB gzip of the wasm-opt'd module (size). So
//! they are hand-written here for the scripts place names are written in, and tested against the
//! standard library over those scripts' blocks (below):
//!
//! - [`lower`] agrees with `char::to_lowercase` wherever that gives one character, in Basic
//!   Latin, Latin-1, Latin Extended-A and -B, Greek and Coptic (the modern letters), Cyrillic and
//!   its Supplement, Armenian, Georgian, Latin Extended Additional and the fullwidth Latin letters;
//!   İ (U+0130), which the standard library lowercases to two characters (i and a combining dot
//!   that search drops anyway), becomes `i`. Elsewhere (Cherokee, Glagolitic, Greek Extended,
//!   Deseret…) a character is left as it is.
//! - [`is_letter_or_digit`] agrees with `char::is_alphanumeric` below U+0530 (Latin, Greek,
//!   Cyrillic, Armenian and the combining marks), in the CJK blocks and the fullwidth forms, and
//!   for the punctuation and spaces of General Punctuation; elsewhere a character counts as a
//!   letter unless it is whitespace.

/// `c` lowercased (see the module for the blocks this covers).
pub(crate) fn lower(c: char) -> char {
    let u = u32::from(c);
    let even = u.is_multiple_of(2);
    let l = match u {
        0x41..=0x5A => u + 0x20,
        0..=0xBF => u,
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0x130 => 0x69,
        0x100..=0x137 | 0x14A..=0x177 if even => u + 1,
        0x139..=0x148 | 0x179..=0x17E if !even => u + 1,
        0x178 => 0xFF,
        0x180..=0x24F => latin_b(u),
        0x370..=0x373 | 0x376 if even => u + 1,
        0x37F => 0x3F3,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        0x38E | 0x38F => u + 0x3F,
        0x391..=0x3AB if u != 0x3A2 => u + 0x20,
        0x3CF => 0x3D7,
        0x3D8..=0x3EF if even => u + 1,
        0x3F4 => 0x3B8,
        0x3F7 | 0x3FA => u + 1,
        0x3F9 => 0x3F2,
        0x3FD..=0x3FF => u - 0x82,
        0x400..=0x40F => u + 0x50,
        0x410..=0x42F => u + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if even => u + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if !even => u + 1,
        0x531..=0x556 => u + 0x30,
        0x10A0..=0x10C5 | 0x10C7 | 0x10CD => u + 0x1C60,
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if even => u + 1,
        0x1E9E => 0xDF,
        0xFF21..=0xFF3A => u + 0x20,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// Latin Extended-B (U+0180–U+024F): mostly pairs, with the African and IPA-derived capitals
/// whose small letters lie in the IPA block.
fn latin_b(u: u32) -> u32 {
    let even = u.is_multiple_of(2);
    match u {
        0x181 => 0x253,
        0x186 => 0x254,
        0x189 => 0x256,
        0x18A => 0x257,
        0x18E => 0x1DD,
        0x18F => 0x259,
        0x190 => 0x25B,
        0x193 => 0x260,
        0x194 => 0x263,
        0x196 => 0x269,
        0x197 => 0x268,
        0x19C => 0x26F,
        0x19D => 0x272,
        0x19F => 0x275,
        0x1A6 => 0x280,
        0x1A9 => 0x283,
        0x1AE => 0x288,
        0x1B1 => 0x28A,
        0x1B2 => 0x28B,
        0x1B7 => 0x292,
        0x1C4 | 0x1C7 | 0x1CA | 0x1F1 => u + 2,
        0x1C5 | 0x1C8 | 0x1CB | 0x1F2 => u + 1,
        0x1F6 => 0x195,
        0x1F7 => 0x1BF,
        0x220 => 0x19E,
        0x23A => 0x2C65,
        0x23D => 0x19A,
        0x23E => 0x2C66,
        0x243 => 0x180,
        0x244 => 0x289,
        0x245 => 0x28C,
        0x182 | 0x184 | 0x1A0 | 0x1A2 | 0x1A4 | 0x1AC | 0x1B8 | 0x1BC => u + 1,
        0x187 | 0x18B | 0x191 | 0x198 | 0x1A7 | 0x1AF | 0x1B3 | 0x1B5 | 0x23B | 0x241 => u + 1,
        0x1CD..=0x1DC if !even => u + 1,
        0x1DE..=0x1EF | 0x1F4 | 0x1F8..=0x21F | 0x222..=0x233 | 0x246..=0x24F if even => u + 1,
        _ => u,
    }
}

/// `text` with each character [`lower`]ed.
pub(crate) fn lower_str(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase(); // what `lower` does below U+0080, a byte at a time
    }
    // Sized up front (a `String` collected from `chars` reserves a quarter of the bytes and grows).
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().map(lower));
    out
}

/// Whether `c` is a letter or a digit (see the module for where this is exact).
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    let u = u32::from(c);
    match u {
        0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A => true,
        0..=0x7F | 0xD7 | 0xF7 => false,
        0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE => true,
        0x80..=0xBF => false,
        // Modifier letters: the spacing ones that are letters, then the symbols among them.
        0x2C2..=0x2C5 | 0x2D2..=0x2DF | 0x2E5..=0x2EB | 0x2ED | 0x2EF..=0x2FF => false,
        // Combining marks (Greek's ypogegrammeni, U+0345, is a letter), Greek and Cyrillic signs.
        0x300..=0x344 | 0x346..=0x362 | 0x375 | 0x37E | 0x384 | 0x385 | 0x387 | 0x3F6 => false,
        0x482..=0x489 => false,
        0x378 | 0x379 | 0x380..=0x383 | 0x38B | 0x38D | 0x3A2 => false,
        // General Punctuation and the CJK symbols and punctuation that are not letters.
        0x2000..=0x206F | 0x3000..=0x3004 | 0x3008..=0x3020 | 0x302A..=0x3030 => false,
        0x3036 | 0x3037 | 0x303D..=0x3040 | 0x3097..=0x309C | 0x30A0 | 0x30FB => false,
        // Fullwidth punctuation.
        0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => false,
        0xFFBF..=0xFFC1 | 0xFFC8 | 0xFFC9 | 0xFFD0 | 0xFFD1 | 0xFFD8 | 0xFFD9 => false,
        0xFFDD..=0xFFEF => false,
        _ => !c.is_whitespace(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blocks [`lower`] covers.
    const LOWER_BLOCKS: [std::ops::RangeInclusive<u32>; 9] = [
        0..=0x24F,
        0x370..=0x3FF,
        0x400..=0x52F,
        0x530..=0x58F,
        0x10A0..=0x10FF,
        0x1E00..=0x1EFF,
        0xFF00..=0xFFEF,
        0x3000..=0x303F,
        0x4E00..=0x9FFF,
    ];

    #[test]
    fn lower_str_of_ascii_is_lower_of_each_char() {
        let ascii: String = (0u8..0x80).map(char::from).collect();
        let each: String = ascii.chars().map(lower).collect();
        assert_eq!(lower_str(&ascii), each);
        assert_eq!(lower_str(&format!("{ascii}Ä")), format!("{each}ä"));
    }

    #[test]
    fn lower_agrees_with_the_standard_library_in_its_blocks() {
        let mut checked = 0;
        for c in LOWER_BLOCKS
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
        {
            let mut std = c.to_lowercase();
            if let (Some(one), None) = (std.next(), std.next()) {
                assert_eq!(lower(c), one, "U+{:04X}", u32::from(c));
                checked += 1;
            }
        }
        assert!(checked > 22_000, "{checked}");
        assert_eq!(lower('İ'), 'i');
        // Outside them a character stays as it is (Greek Extended's Ἀ, Cherokee's Ꭰ).
        assert_eq!(lower('Ἀ'), 'Ἀ');
        assert_eq!(
            lower_str("ŚWIĘTOCHŁOWICE Brașov ĐÀ NẴNG Ǎ"),
            "świętochłowice brașov đà nẵng ǎ"
        );
        assert_eq!(
            lower_str("МОСКВА Ереван ΑΘΗΝΑ ＡＢＣ"),
            "москва ереван αθηνα ａｂｃ"
        );
    }

    /// The blocks where [`is_letter_or_digit`] is exact.
    const ALNUM_BLOCKS: [std::ops::RangeInclusive<u32>; 6] = [
        0..=0x52F,
        0x2000..=0x206F,
        0x3000..=0x303F,
        0x3040..=0x30FF,
        0x4E00..=0x9FFF,
        0xFF00..=0xFFEF,
    ];

    #[test]
    fn letters_and_digits_agree_with_the_standard_library_in_its_blocks() {
        for c in ALNUM_BLOCKS
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
        {
            assert_eq!(
                is_letter_or_digit(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                u32::from(c)
            );
        }
        assert!(is_letter_or_digit('济') && is_letter_or_digit('ü') && is_letter_or_digit('5'));
        assert!(!is_letter_or_digit('·') && !is_letter_or_digit('（') && !is_letter_or_digit(' '));
    }
}
