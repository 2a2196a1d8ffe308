//! Text search across languages: Chinese, English and toneless pinyin of either side, with
//! aliases, pinyin initials and typo tolerance, ranked.
//!
//! Every name of a dataset (partners, ids, Shandong subunits, Shandong keys and countries with
//! their aliases from `shandong.csv` and `countries.csv`) is prepared once per data change in a
//! [`SearchIndex`] beside the dataset (the map builds it in
//! [`MapState::set_dataset`](crate::map::MapState::set_dataset)); no pinyin is computed while
//! searching. A query is a [`Query`]; how it matches one name is a [`Quality`] (exact, prefix,
//! initials, word prefix, substring, fuzzy — see `terms` for the rules that keep short queries
//! from matching inside longer names). The filter keeps the pairs any of whose names match
//! (typo matches only when nothing matches otherwise); [`SearchIndex::search`] ranks countries,
//! Shandong keys, partner places and pairs for the result list ([`SearchHit`]).
//!
//! | module | holds |
//! |---|---|
//! | `terms` | [`Term`] (a prepared name), [`Query`], [`Quality`] and the matching rules |
//! | `distance` | the bounded optimal-string-alignment distance for typos |
//! | `index` | [`SearchIndex`] |
//! | `rank` | ranked results: [`SearchHit`], [`HitKind`] |
//! | `pinyin_table` | the generated GB2312 reading table |
//!
//! Normalising ([`normalise`]) lowercases, folds Latin diacritics (São → sao, Malmö → malmo,
//! Île → ile, ß → ss) and drops separators (spaces, hyphens and dashes, apostrophes, dots and
//! interpuncts, commas, brackets), so "xia guan" = "xiaguan" and "Saint-Étienne" matches
//! "saint etienne"; word starts are kept apart for word-prefix matches.
//!
//! Pinyin uses each character's first reading in a compact table generated from the `pinyin`
//! crate's data (`pinyin_table.rs`, written by `tests/pinyin_table.rs`, `make pinyin-table`),
//! except for a few characters whose reading in place-name transliterations differs
//! ([`place_reading`]: 长滩 is "changtan", not "zhangtan"; 秘鲁 is "bilu"). The table holds only
//! the 6,763 hanzi of GB2312: any other character (a rare or traditional one) gets no pinyin,
//! and a name holding one still matches by its Chinese characters. A unit test checks that every
//! character of the shipped names has a reading.
//!
//! The table is in the full module only (the `files` feature): the small module a default map
//! loads reads only the shipped data, whose packed form (`shipped.bin`) lists the readings of the
//! characters its names hold ([`Readings::Listed`], ~2 KB), and is ~12.7 KB gzip smaller without
//! the table (session 26). The terms are the same either way (a test compares them).

mod distance;
mod index;
#[cfg(feature = "files")]
mod pinyin_table;
mod rank;
mod terms;

pub use index::{pair_matches, searched_names, SearchBuild, SearchIndex};
pub use rank::{HitKind, SearchHit};
pub use terms::{is_han, Quality, Query, Term};

/// The ASCII spelling of a lowercase Latin letter with a diacritic (Latin-1 Supplement,
/// Latin Extended-A, and the Romanian comma-below letters and pinyin tone letters of
/// Latin Extended-B); `None` for anything else.
pub fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => {
            "u"
        }
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Characters dropped from keys and needles: whitespace, hyphens and dashes, apostrophes,
/// dots and interpuncts (圣·艾蒂安), commas, brackets, and combining diacritics (so decomposed
/// input folds like composed input).
pub fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}'..='\u{2015}'
                | '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{02BC}'
                | '.' | '\u{00B7}' | '\u{2027}' | '\u{30FB}' | '\u{FF0E}'
                | ',' | '\u{FF0C}' | '\u{3001}'
                | '(' | ')' | '\u{FF08}' | '\u{FF09}'
                | '\u{0300}'..='\u{036F}'
        )
}

/// Lowercased, diacritics folded, separators dropped.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(crate::case::lower) {
        if is_separator(c) {
            continue;
        }
        match fold_char(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// Readings used in place names where the table's (the `pinyin` crate's) first reading is
/// another one.
pub fn place_reading(c: char) -> Option<&'static str> {
    Some(match c {
        '长' => "chang", // 长滩 Long Beach, 长崎 Nagasaki (crate: zhang)
        '什' => "shi",   // 什切青 Szczecin, 米什科尔茨 Miskolc (crate: shen)
        '都' => "du",    // 洪都拉斯 Honduras, 成都 (crate: dou)
        '的' => "di",    // 蒙得维的亚 Montevideo (crate: de)
        '给' => "ji",    // 桑给巴尔 Zanzibar (crate: gei)
        '佛' => "fo",    // 佛得角 Cape Verde, 佛罗里达 Florida (crate: fu)
        '秘' => "bi",    // 秘鲁 Peru (crate: mi)
        _ => return None,
    })
}

/// Where the pinyin of a name's Chinese characters comes from.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Readings {
    /// [`place_reading`], then the generated GB2312 table: any name. The table is in a module
    /// with the `files` feature only; without it no character has a reading from it.
    #[default]
    Table,
    /// The readings of the characters a packed file's names hold, sorted by character (what
    /// [`Readings::listing`] made from the table when the file was packed).
    Listed(Vec<(char, String)>),
}

impl Readings {
    /// The toneless reading of `c`.
    pub fn of(&self, c: char) -> Option<&str> {
        match self {
            Readings::Table => place_reading(c).or_else(|| table_reading(c)),
            Readings::Listed(list) => {
                let i = list.binary_search_by_key(&c, |&(k, _)| k).ok()?;
                list.get(i).map(|(_, r)| r.as_str())
            }
        }
    }

    /// The readings the table gives the characters of `names`, sorted by character: a packed
    /// file's list ([`Readings::Listed`]).
    pub fn listing<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<(char, String)> {
        let mut chars: Vec<char> = names.into_iter().flat_map(str::chars).collect();
        crate::sort::sort_by(&mut chars, |a, b| a.cmp(b));
        chars.dedup();
        let table = Readings::Table;
        chars
            .into_iter()
            .filter_map(|c| Some((c, table.of(c)?.to_string())))
            .collect()
    }

    /// Toneless pinyin of the Chinese characters in `text`, other characters kept as they are
    /// (`下关市` → `xiaguanshi`); `None` when `text` has no character with a reading.
    pub fn pinyin(&self, text: &str) -> Option<String> {
        let mut out = String::with_capacity(text.len() * 2);
        let mut any = false;
        for c in text.chars() {
            match self.of(c) {
                Some(p) => {
                    out.push_str(p);
                    any = true;
                }
                None => out.push(c),
            }
        }
        any.then_some(out)
    }

    /// The toneless syllables of the Chinese characters in `name`, other characters (Latin
    /// letters, a character without a reading) each kept as one piece; separators dropped.
    /// Empty when no character has a reading.
    pub fn syllables(&self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut any = false;
        for c in name.chars().filter(|c| !is_separator(*c)) {
            match self.of(c) {
                Some(p) => {
                    out.push(normalise(p));
                    any = true;
                }
                None => out.push(normalise(&c.to_string())),
            }
        }
        if any {
            out.retain(|s| !s.is_empty());
            out
        } else {
            Vec::new()
        }
    }
}

/// The toneless reading of `c` in the generated table (first reading, GB2312 hanzi only): its
/// bit in the table's bitmap says whether it has one, the bits set before it where it is.
#[cfg(feature = "files")]
fn table_reading(c: char) -> Option<&'static str> {
    use pinyin_table::{FIRST, PRESENT, RANK, READING, READING_HIGH, SYLLABLES, SYLLABLE_WIDTH};
    let offset = usize::try_from(u32::from(c).checked_sub(FIRST)?).ok()?;
    let (word, bit) = (*PRESENT.get(offset / 64)?, offset % 64);
    if (word >> bit) & 1 == 0 {
        return None;
    }
    let below = (word & ((1 << bit) - 1)).count_ones() as usize;
    let rank = usize::from(*RANK.get(offset / 64)?) + below;
    let high = (READING_HIGH.get(rank / 8)? >> (rank % 8)) & 1;
    let syllable = usize::from(*READING.get(rank)?) | usize::from(high) << 8;
    let start = syllable * SYLLABLE_WIDTH;
    SYLLABLES
        .get(start..start + SYLLABLE_WIDTH)
        .map(str::trim_end)
}

/// Without the `files` feature there is no table (see [`Readings::Listed`]).
#[cfg(not(feature = "files"))]
fn table_reading(_c: char) -> Option<&'static str> {
    None
}

/// [`Readings::pinyin`] from the table.
pub fn pinyin(text: &str) -> Option<String> {
    Readings::Table.pinyin(text)
}

/// [`Readings::syllables`] from the table.
pub fn pinyin_syllables(name: &str) -> Vec<String> {
    Readings::Table.syllables(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_folds_case_diacritics_and_separators() {
        assert_eq!(normalise("São Paulo"), "saopaulo");
        assert_eq!(normalise("Malmö"), "malmo");
        assert_eq!(normalise("Île-de-France"), "iledefrance");
        assert_eq!(normalise("Saint-Étienne"), normalise("saint etienne"));
        assert_eq!(normalise("Świętochłowice"), "swietochlowice");
        assert_eq!(normalise("Brașov"), "brasov");
        assert_eq!(normalise("Straße"), "strasse");
        assert_eq!(normalise("Xia Guan"), "xiaguan");
        assert_eq!(normalise("O’Fallon"), "ofallon");
        assert_eq!(normalise("圣·艾蒂安"), "圣艾蒂安");
        // Decomposed "São" (a + combining tilde) folds like the composed one.
        assert_eq!(normalise("Sa\u{303}o"), "sao");
    }

    #[test]
    fn pinyin_is_toneless_and_only_for_chinese() {
        assert_eq!(pinyin("下关市").as_deref(), Some("xiaguanshi"));
        assert_eq!(pinyin("日本").as_deref(), Some("riben"));
        assert_eq!(pinyin("长滩市").as_deref(), Some("changtanshi"));
        assert_eq!(pinyin("什切青").as_deref(), Some("shiqieqing"));
        assert_eq!(pinyin("蒙得维的亚").as_deref(), Some("mengdeweidiya"));
        assert_eq!(pinyin("秘鲁").as_deref(), Some("bilu"));
        assert_eq!(
            pinyin("吕梁").map(|p| normalise(&p)).as_deref(),
            Some("luliang")
        );
        assert_eq!(pinyin("Shimonoseki"), None);
        assert_eq!(pinyin("").as_deref(), None);
        // Outside GB2312 (traditional 關): no reading, the character is kept.
        assert_eq!(pinyin("關西").as_deref(), Some("關xi"));
    }

    #[test]
    fn the_table_is_sorted_without_duplicates() {
        use pinyin_table::{PRESENT, RANK, READING, READING_HIGH, SYLLABLES, SYLLABLE_WIDTH};
        assert_eq!(SYLLABLES.len() % SYLLABLE_WIDTH, 0);
        let syllables: Vec<&str> = (0..SYLLABLES.len() / SYLLABLE_WIDTH)
            .map(|i| SYLLABLES[i * SYLLABLE_WIDTH..(i + 1) * SYLLABLE_WIDTH].trim_end())
            .collect();
        assert!(syllables.windows(2).all(|w| w[0] < w[1]));
        // The bitmap, its ranks and the readings agree: one reading per set bit.
        let set: Vec<u32> = PRESENT.iter().map(|w| w.count_ones()).collect();
        assert!(RANK
            .iter()
            .enumerate()
            .all(|(i, &r)| u32::from(r) == set[..i].iter().sum::<u32>()));
        assert_eq!(set.iter().sum::<u32>() as usize, READING.len());
        assert_eq!(READING_HIGH.len(), READING.len().div_ceil(8));
        let index = |i: usize| {
            usize::from(READING[i]) | usize::from((READING_HIGH[i / 8] >> (i % 8)) & 1) << 8
        };
        assert!((0..READING.len()).all(|i| index(i) < syllables.len()));
        // Every syllable is used; all are lowercase letters (ü in lü, nü).
        let used: std::collections::BTreeSet<usize> = (0..READING.len()).map(index).collect();
        assert_eq!(used.len(), syllables.len());
        assert!(syllables
            .iter()
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == 'ü')));
        assert_eq!(READING.len(), 6763);
        assert_eq!(table_reading('一'), Some("yi"));
        assert_eq!(table_reading('齄'), Some("zha")); // the last GB2312 hanzi
        assert_eq!(table_reading('a'), None);
        assert_eq!(table_reading('\u{4DFF}'), None);
        assert_eq!(table_reading('\u{9FA1}'), None);
    }

    /// The table gives every GB2312 hanzi the `pinyin` crate's first reading (toneless, as the
    /// generator takes it) and no other character a reading.
    #[test]
    #[cfg(not(target_arch = "wasm32"))] // the pinyin crate and encoding_rs are native-only
    fn the_table_reads_like_the_pinyin_crate() {
        use pinyin::ToPinyin;
        let mut read = 0;
        for code in 0x3000..=0xFFFF_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let mut gbk = [0u8; 4];
            let (bytes, _, unmappable) = encoding_rs::GB18030.encode(c.encode_utf8(&mut gbk));
            let gb2312 = !unmappable
                && matches!(*bytes, [row, column] if (0xB0..=0xF7).contains(&row) && (0xA1..=0xFE).contains(&column));
            let wanted = if gb2312 {
                c.to_pinyin().map(|p| p.plain())
            } else {
                None
            };
            assert_eq!(table_reading(c), wanted, "{c} (U+{code:04X})");
            read += usize::from(wanted.is_some());
        }
        assert_eq!(read, 6763);
    }

    /// Every Chinese character of the names that get pinyin (partner and Shandong subunit names,
    /// Shandong city names, country names) has a reading, so the table loses nothing the
    /// `pinyin` crate gave the shipped data.
    #[test]
    fn every_shipped_name_has_a_reading() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut checked = 0;
        for (file, columns) in [
            ("partnerships.csv", &["partner_zh", "shandong_subunit"][..]),
            ("shandong.csv", &["name_zh", "aliases"][..]),
            ("countries.csv", &["name_zh", "aliases"][..]),
        ] {
            let mut reader = csv::Reader::from_path(dir.join(file)).expect(file);
            let headers = reader.headers().expect(file).clone();
            let indices: Vec<usize> = columns
                .iter()
                .map(|c| headers.iter().position(|h| h == *c).expect(c))
                .collect();
            for record in reader.records() {
                let record = record.expect(file);
                for &i in &indices {
                    let name = record.get(i).unwrap_or_default();
                    for c in name.chars().filter(|c| is_han(*c)) {
                        assert!(
                            place_reading(c).is_some() || table_reading(c).is_some(),
                            "{file}: {c} (U+{:04X}) in {name:?} has no reading",
                            u32::from(c)
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000, "only {checked} characters checked");
    }

    #[test]
    fn pinyin_syllables_split_a_name() {
        assert_eq!(pinyin_syllables("下关市"), ["xia", "guan", "shi"]);
        assert_eq!(pinyin_syllables("吕梁"), ["lu", "liang"]);
        assert_eq!(pinyin_syllables("圣·艾蒂安"), ["sheng", "ai", "di", "an"]);
        assert!(pinyin_syllables("Shimonoseki").is_empty());
    }
}
