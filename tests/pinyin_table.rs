//! Regenerates `src/search/pinyin_table.rs` (toneless pinyin of the 6,763 GB2312 hanzi, the
//! search keys' pinyin) from the `pinyin` crate 0.11.0 and checks it equals the committed file.
//! `make pinyin-table` (`YOUCHENG_UPDATE_PINYIN=1`) rewrites the file instead.
//!
//! The characters are every two-byte GB2312 code in rows 0xB0–0xF7, columns 0xA1–0xFE, decoded
//! with `encoding_rs::GB18030` (the five unassigned codes at the end of row 0xD7 decode to the
//! private use area and are skipped). Each one's reading is the crate's FIRST reading in its
//! `plain` style (`c.to_pinyin()?.plain()`: tones stripped, ā → a, ǘ → ü).
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]
#![cfg(not(target_arch = "wasm32"))] // `pinyin` and `encoding_rs` are native-only dependencies

use pinyin::ToPinyin;
use std::collections::{BTreeMap, BTreeSet};

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/search/pinyin_table.rs");

/// The version of pinyin-data the crate 0.11.0 ships (the first line of its
/// `pinyin-data/pinyin.txt`); the dependency is pinned with `=0.11.0`.
const PINYIN_DATA_VERSION: &str = "0.15.0";

/// The crate's `LICENSE`, which covers the data and goes into the generated file's header.
const LICENCE: &str = "\
The MIT License (MIT)

Copyright (c) 2016 mozillazg

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the \"Software\"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.";

/// Readings, bitmap words, ranks and syllables per line of the generated arrays.
const READINGS_PER_LINE: usize = 16;
const WORDS_PER_LINE: usize = 4;
const RANKS_PER_LINE: usize = 12;
const HIGH_PER_LINE: usize = 16;
const SYLLABLES_PER_LINE: usize = 10;

/// The 6,763 GB2312 hanzi, in GB2312 order.
fn gb2312_hanzi() -> Vec<char> {
    let mut out = Vec::new();
    for row in 0xB0..=0xF7_u8 {
        for column in 0xA1..=0xFE_u8 {
            let bytes = [row, column];
            let decoded = encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(&bytes)
                .unwrap_or_else(|| panic!("{row:02X}{column:02X} does not decode"));
            let mut chars = decoded.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                panic!("{row:02X}{column:02X} decodes to {decoded:?}, not one character");
            };
            if !('\u{E000}'..='\u{F8FF}').contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// Code point → toneless first reading, for every GB2312 hanzi.
fn readings() -> BTreeMap<u32, &'static str> {
    let hanzi = gb2312_hanzi();
    assert_eq!(hanzi.len(), 6763, "GB2312 has 6,763 hanzi");
    hanzi
        .into_iter()
        .map(|c| {
            let reading = c.to_pinyin().map(|p| p.plain()).unwrap_or_default();
            assert!(
                !reading.is_empty(),
                "{c} (U+{:04X}) has no reading",
                u32::from(c)
            );
            (u32::from(c), reading)
        })
        .collect()
}

/// Lines of `items` joined by ", ", `per_line` to a line, each indented and ending in a comma.
fn rows<T>(items: &[T], per_line: usize, cell: impl Fn(&T) -> String) -> Vec<String> {
    items
        .chunks(per_line)
        .map(|chunk| {
            let cells: Vec<String> = chunk.iter().map(&cell).collect();
            format!("    {},", cells.join(", "))
        })
        .collect()
}

/// The whole file, in the layout the search module reads.
fn generated() -> String {
    let table = readings();
    let syllables: Vec<&str> = table
        .values()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index: BTreeMap<&str, usize> = syllables.iter().enumerate().map(|(i, &s)| (s, i)).collect();
    let width = syllables.iter().map(|s| s.len()).max().unwrap_or(0);
    assert!(
        syllables.len() <= 512,
        "a syllable's index must fit in nine bits"
    );

    // Presence of each code point from the first hanzi on, 64 to a word, and the characters
    // before each word; readings in code point order, low eight bits and ninth bits apart.
    let first = *table.keys().next().expect("hanzi");
    let last = *table.keys().next_back().expect("hanzi");
    let words = ((last - first) / 64 + 1) as usize;
    let mut present = vec![0u64; words];
    for &code in table.keys() {
        let offset = (code - first) as usize;
        present[offset / 64] |= 1 << (offset % 64);
    }
    let mut ranks = Vec::with_capacity(words);
    let mut before = 0u32;
    for w in &present {
        ranks.push(u16::try_from(before).expect("fits"));
        before += w.count_ones();
    }
    let entries: Vec<(u32, usize)> = table.iter().map(|(&c, r)| (c, index[r])).collect();
    let mut high = vec![0u8; entries.len().div_ceil(8)];
    for (i, &(_, s)) in entries.iter().enumerate() {
        high[i / 8] |= u8::try_from(s >> 8).expect("nine bits") << (i % 8);
    }

    let mut out = String::new();
    let mut line = |l: &str| {
        out.push_str(l);
        out.push('\n');
    };
    line("// @generated by tests/pinyin_table.rs (`make pinyin-table`); do not edit by hand.");
    line("//");
    line(&format!(
        "// Source: pinyin-data/pinyin.txt (pinyin-data {PINYIN_DATA_VERSION}) as shipped in the `pinyin` crate"
    ));
    line("// 0.11.0 (https://github.com/mozillazg/rust-pinyin), restricted to the 6,763 hanzi of GB2312;");
    line(
        "// each character's FIRST reading in the crate's `plain` style (`c.to_pinyin()?.plain()`:",
    );
    line("// tones stripped, ā → a, ǘ → ü).");
    line("//");
    line("// The data is under the crate's licence:");
    line("//");
    for l in LICENCE.lines() {
        line(format!("// {l}").trim_end());
    }
    line("//");
    line("// Laid out for size in the WebAssembly module (13 KB, where a sorted table of (code point,");
    line("// syllable) pairs and a list of string slices took 32 KB): a bitmap of the code points that");
    line("// have a reading, the readings in code point order, and the syllables once each.");
    line("");
    line("/// Bytes per syllable in [`SYLLABLES`] (the longest; shorter ones are padded with spaces).");
    line(&format!("pub const SYLLABLE_WIDTH: usize = {width};"));
    line("");
    line(&format!(
        "/// The distinct toneless syllables ({}), sorted, each in [`SYLLABLE_WIDTH`] bytes.",
        syllables.len()
    ));
    line("#[rustfmt::skip]");
    line("pub static SYLLABLES: &str = concat!(");
    for chunk in syllables.chunks(SYLLABLES_PER_LINE) {
        let padded: String = chunk
            .iter()
            .map(|s| format!("{s}{}", " ".repeat(width - s.len())))
            .collect();
        line(&format!("    \"{padded}\","));
    }
    line(");");
    line("");
    line(&format!(
        "/// The code point of bit 0 of [`PRESENT`]: the first hanzi with a reading (U+{first:04X})."
    ));
    line(&format!("pub const FIRST: u32 = 0x{first:04X};"));
    line("");
    line(&format!(
        "/// Bit `i % 64` of word `i / 64` is set when `FIRST + i` has a reading ({} set).",
        table.len()
    ));
    line("#[rustfmt::skip]");
    line(&format!("pub static PRESENT: [u64; {words}] = ["));
    for l in rows(&present, WORDS_PER_LINE, |w| format!("0x{w:016X}")) {
        line(&l);
    }
    line("];");
    line("");
    line(
        "/// The characters with a reading before each word of [`PRESENT`]: a character's place in",
    );
    line("/// [`READING`] is its word's rank plus the set bits below its own.");
    line("#[rustfmt::skip]");
    line(&format!("pub static RANK: [u16; {words}] = ["));
    for l in rows(&ranks, RANKS_PER_LINE, u16::to_string) {
        line(&l);
    }
    line("];");
    line("");
    line(&format!(
        "/// The low eight bits of each character's index into [`SYLLABLES`], for {} characters in",
        entries.len()
    ));
    line("/// code point order; each line's characters are in its comment.");
    line("#[rustfmt::skip]");
    line(&format!("pub static READING: [u8; {}] = [", entries.len()));
    for chunk in entries.chunks(READINGS_PER_LINE) {
        let cells: Vec<String> = chunk.iter().map(|&(_, s)| (s & 0xFF).to_string()).collect();
        let chars: String = chunk
            .iter()
            .filter_map(|&(c, _)| char::from_u32(c))
            .collect();
        line(&format!("    {}, // {chars}", cells.join(", ")));
    }
    line("];");
    line("");
    line("/// The ninth bit of each index: bit `i % 8` of byte `i / 8` for the `i`th of [`READING`].");
    line("#[rustfmt::skip]");
    line(&format!(
        "pub static READING_HIGH: [u8; {}] = [",
        high.len()
    ));
    for l in rows(&high, HIGH_PER_LINE, |b| format!("0x{b:02X}")) {
        line(&l);
    }
    line("];");
    out
}

#[test]
fn the_pinyin_table_matches_the_pinyin_crate() {
    let wanted = generated();
    if std::env::var_os("YOUCHENG_UPDATE_PINYIN").is_some() {
        std::fs::write(PATH, &wanted).expect("write src/search/pinyin_table.rs");
        return;
    }
    let current = std::fs::read_to_string(PATH).unwrap_or_default();
    if current != wanted {
        let first = current
            .lines()
            .zip(wanted.lines())
            .position(|(a, b)| a != b);
        panic!(
            "src/search/pinyin_table.rs is out of date (first differing line: {}): \
             run `make pinyin-table`",
            first.map_or("the end".to_owned(), |i| (i + 1).to_string())
        );
    }
}
