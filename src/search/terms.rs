//! Names prepared for matching ([`Term`]), queries ([`Query`]) and how well one matches the
//! other ([`Quality`]).
//!
//! A term is one name normalised (see [`normalise`]) with the places where its words begin: Latin
//! words split at separators, pinyin at syllables, Chinese at every character. A query matches a
//! term, best first:
//!
//! 1. **exact**: the whole name (a Chinese name also without its 市/县/区/省/州 suffix);
//! 2. **prefix**: the name starts with the query;
//! 3. **initials**: the query is the pinyin initials of a Chinese name (`xg` → 下关);
//! 4. **word prefix**: a later word starts with the query (`beach` → Long Beach); in pinyin the
//!    query must end on a syllable, so `xia` finds 下关 but not the `xian` of every 县;
//! 5. **substring**: inside a Latin word, for queries of four letters or more;
//! 6. **fuzzy**: within a bounded edit distance of the whole name or one of its words, for
//!    Latin and pinyin queries of four letters or more (one edit up to seven letters, two from
//!    eight): `Shimonoseky` → Shimonoseki, `Soul` → Seoul.
//!
//! Short queries only match where a visitor would expect them: one or two letters only a whole
//! name or alias (`UK`, `US`), never the start of a longer one (`UK` is not Ukraine); three
//! letters only at the start of a word (`USA` is not in Busan). A Chinese character counts as
//! three letters.

use super::{distance, is_separator, normalise, Readings};

/// How well a query matches a name; the order is the ranking (best first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    /// The whole name or alias.
    Exact,
    /// The start of the name.
    Prefix,
    /// The pinyin initials of a Chinese name.
    Initials,
    /// The start of a later word (or pinyin syllable, or Chinese character).
    WordPrefix,
    /// Inside a Latin word.
    Substring,
    /// Within this many edits of the name or one of its words.
    Fuzzy(u8),
}

/// What kind of text a term holds, which decides the matches it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Pinyin,
    Han,
    Initials,
    /// A pair's id: only the whole id matches (every id starts with its Shandong key).
    Id,
}

/// One name, normalised, with the byte offsets where its words begin (the first is 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    full: String,
    starts: Vec<usize>,
    script: Script,
}

/// Adds the terms of one name to `out`: a Chinese name gives its characters, its pinyin, its
/// pinyin initials (from `readings`) and its stem without an administrative suffix; other text
/// gives its words.
pub fn push_terms(out: &mut Vec<Term>, name: &str, readings: &Readings) {
    if name.trim().is_empty() {
        return;
    }
    if !name.chars().any(is_han) {
        out.push(latin(name));
        return;
    }
    out.push(han(name));
    if let Some(stem) = name
        .trim()
        .strip_suffix(['市', '县', '区', '省', '州'])
        .filter(|s| s.chars().count() >= 2)
    {
        out.push(han(stem));
    }
    let syllables = readings.syllables(name);
    if syllables.len() < 2 {
        return;
    }
    out.push(pinyin_term(&syllables));
    let initials: String = syllables.iter().filter_map(|s| s.chars().next()).collect();
    let suffixed = name.trim().ends_with(['市', '县', '区', '省', '州']);
    if suffixed && syllables.len() > 2 {
        // The stem without its suffix: "xiaguan", "xg".
        out.push(pinyin_term(
            syllables.get(..syllables.len() - 1).unwrap_or_default(),
        ));
        out.push(Term::initials(
            initials.get(..initials.len() - 1).unwrap_or_default(),
        ));
    }
    out.push(Term::initials(&initials));
}

fn pinyin_term(syllables: &[String]) -> Term {
    let mut full = String::new();
    let mut starts = Vec::with_capacity(syllables.len());
    for s in syllables {
        starts.push(full.len());
        full.push_str(s);
    }
    Term {
        full,
        starts,
        script: Script::Pinyin,
    }
}

impl Term {
    /// A pair's id, matched only as a whole (`qingdao shimonoseki`).
    pub fn id(id: &str) -> Self {
        Self {
            full: normalise(id),
            starts: vec![0],
            script: Script::Id,
        }
    }

    fn initials(text: &str) -> Self {
        Self {
            full: text.to_string(),
            starts: vec![0],
            script: Script::Initials,
        }
    }

    /// The normalised name (for tests and ties).
    pub fn full(&self) -> &str {
        &self.full
    }

    /// Whether it is pinyin or pinyin initials (a match on the name as written ranks before an
    /// equal one on its pinyin: "yama" lists Yamaguchi before 牙买加 Jamaica).
    pub fn is_pinyin(&self) -> bool {
        matches!(self.script, Script::Pinyin | Script::Initials)
    }

    /// How well `q` matches this name, or `None`.
    pub fn quality(&self, q: &Query) -> Option<Quality> {
        let (name, needle) = (self.full.as_str(), q.full.as_str());
        if needle.is_empty() {
            return None;
        }
        if self.script == Script::Initials {
            return (q.ascii && name == needle && needle.len() >= 2).then_some(Quality::Initials);
        }
        if name == needle {
            return Some(Quality::Exact);
        }
        if self.script == Script::Id {
            return None;
        }
        if q.weight <= 2 {
            return None;
        }
        if name.starts_with(needle) {
            return Some(Quality::Prefix);
        }
        if self.word_prefix(needle) {
            return Some(Quality::WordPrefix);
        }
        if q.weight >= 4 && self.script == Script::Latin && name.contains(needle) {
            return Some(Quality::Substring);
        }
        self.fuzzy(q).map(Quality::Fuzzy)
    }

    fn word_prefix(&self, needle: &str) -> bool {
        let ends_on_word = |end: usize| end == self.full.len() || self.starts.contains(&end);
        self.starts.iter().skip(1).any(|&s| {
            self.full
                .get(s..)
                .is_some_and(|rest| rest.starts_with(needle))
                && (self.script != Script::Pinyin || ends_on_word(s + needle.len()))
        })
    }

    fn fuzzy(&self, q: &Query) -> Option<u8> {
        if !q.fuzzy
            || !q.ascii
            || q.weight < 4
            || !matches!(self.script, Script::Latin | Script::Pinyin)
        {
            return None;
        }
        let max = if q.full.len() >= 8 { 2 } else { 1 };
        let whole = distance::within(q.full.as_bytes(), self.full.as_bytes(), max);
        let words = (self.script == Script::Latin && self.starts.len() > 1)
            .then(|| self.words().filter(|w| w.len() >= 3))
            .into_iter()
            .flatten()
            .filter_map(|w| distance::within(q.full.as_bytes(), w.as_bytes(), max));
        whole
            .into_iter()
            .chain(words)
            .min()
            .and_then(|d| u8::try_from(d).ok())
    }

    fn words(&self) -> impl Iterator<Item = &str> + '_ {
        self.starts.iter().enumerate().filter_map(|(k, &s)| {
            let end = self.starts.get(k + 1).copied().unwrap_or(self.full.len());
            self.full.get(s..end)
        })
    }
}

/// A Latin name: words split at separators, each normalised.
fn latin(name: &str) -> Term {
    let mut full = String::new();
    let mut starts = Vec::new();
    for word in name.split(is_separator) {
        let w = normalise(word);
        if !w.is_empty() {
            starts.push(full.len());
            full.push_str(&w);
        }
    }
    Term {
        full,
        starts,
        script: Script::Latin,
    }
}

/// A Chinese name: every character begins a word.
fn han(name: &str) -> Term {
    let full = normalise(name);
    let starts = full.char_indices().map(|(i, _)| i).collect();
    Term {
        full,
        starts,
        script: Script::Han,
    }
}

/// Whether `c` is a Chinese character (CJK unified ideographs and their extensions).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// A query, normalised like the names, with its weight (letters, a Chinese character counting
/// three) deciding which matches it may make.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    full: String,
    weight: usize,
    ascii: bool,
    fuzzy: bool,
}

impl Query {
    /// The query `text` (case, diacritics and separators ignored).
    pub fn new(text: &str) -> Self {
        let full = normalise(text);
        let weight = full.chars().map(|c| if is_han(c) { 3 } else { 1 }).sum();
        let ascii = full.is_ascii();
        Self {
            full,
            weight,
            ascii,
            fuzzy: true,
        }
    }

    /// The same query without typo tolerance (no [`Quality::Fuzzy`] matches).
    pub fn without_typos(&self) -> Self {
        Self {
            fuzzy: false,
            ..self.clone()
        }
    }

    /// Whether there is nothing to match (no text restriction).
    pub fn is_empty(&self) -> bool {
        self.full.is_empty()
    }

    /// The best quality among `terms`.
    pub fn best<'a>(&self, terms: impl IntoIterator<Item = &'a Term>) -> Option<Quality> {
        terms.into_iter().filter_map(|t| t.quality(self)).min()
    }

    /// The best quality among `terms` for ranking: on a tie, a match on the name as written
    /// (`false`) before one on its pinyin (`true`).
    pub fn rank<'a>(&self, terms: impl IntoIterator<Item = &'a Term>) -> Option<(Quality, bool)> {
        terms
            .into_iter()
            .filter_map(|t| Some((t.quality(self)?, t.is_pinyin())))
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(name: &str, query: &str) -> Option<Quality> {
        let mut terms = Vec::new();
        push_terms(&mut terms, name, &Readings::Table);
        Query::new(query).best(&terms)
    }

    #[test]
    fn matches_are_ranked_exact_prefix_word_substring_fuzzy() {
        assert_eq!(best("Shimonoseki", "shimonoseki"), Some(Quality::Exact));
        assert_eq!(best("Shimonoseki", "Shimo"), Some(Quality::Prefix));
        assert_eq!(best("Long Beach", "beach"), Some(Quality::WordPrefix));
        assert_eq!(best("Shimonoseki", "noseki"), Some(Quality::Substring));
        assert_eq!(best("Shimonoseki", "Shimonoseky"), Some(Quality::Fuzzy(1)));
        assert_eq!(best("Seoul", "Soul"), Some(Quality::Fuzzy(1)));
        assert_eq!(best("Seoul", "seol"), Some(Quality::Fuzzy(1)));
        assert_eq!(best("Seoul Special City", "Soul"), Some(Quality::Fuzzy(1)));
        assert!(Quality::Exact < Quality::Prefix && Quality::Substring < Quality::Fuzzy(1));
    }

    #[test]
    fn chinese_names_match_by_characters_stem_pinyin_and_initials() {
        assert_eq!(best("下关市", "下关"), Some(Quality::Exact)); // the stem
        assert_eq!(best("下关市", "下"), Some(Quality::Prefix));
        assert_eq!(best("下关市", "关"), Some(Quality::WordPrefix));
        assert_eq!(best("下关市", "xiaguan"), Some(Quality::Exact)); // the stem in pinyin
        assert_eq!(best("下关市", "xiag"), Some(Quality::Prefix));
        assert_eq!(best("下关市", "guan"), Some(Quality::WordPrefix));
        assert_eq!(best("下关市", "xg"), Some(Quality::Initials));
        assert_eq!(best("下关市", "xgs"), Some(Quality::Initials));
        assert_eq!(best("下关市", "xiaguang"), Some(Quality::Fuzzy(1)));
    }

    #[test]
    fn short_queries_do_not_match_inside_longer_names() {
        assert_eq!(best("Ukraine", "UK"), None);
        assert_eq!(best("UK", "uk"), Some(Quality::Exact));
        assert_eq!(best("Busan", "USA"), None);
        assert_eq!(best("Sousse", "usa"), None);
        assert_eq!(best("苏塞", "usa"), None); // susai
        assert_eq!(best("莒县", "xia"), None); // juxian: not a syllable
        assert_eq!(best("夏津县", "xia"), Some(Quality::Prefix));
        assert_eq!(best("Xiajin", "sk"), None);
        assert_eq!(best("下关市", "x"), None);
    }
}
