//! The `sources` column: entries separated by ` ; `, each `URL | title | remark` (title and
//! remark optional), or `title | remark` for a citation without a link. Older files wrote a remark
//! straight after the URL (`https://… (mirror of …)`); that is read as URL plus remark, so the
//! link never swallows the text.

/// One piece of evidence for a row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// An `http(s)` link, if the entry has one. Anything else is never treated as a link.
    pub url: Option<String>,
    /// A readable name: publisher and date, or the site's name. May be empty for a bare URL.
    pub title: String,
    /// A remark such as "(mirror of 鲁网 2025-10-11)".
    pub remark: String,
}

impl Source {
    /// The name to show: the title, else the link's host (`www.` dropped), else the remark.
    pub fn label(&self) -> String {
        if !self.title.is_empty() {
            return self.title.clone();
        }
        match &self.url {
            Some(url) => host(url).to_string(),
            None => self.remark.clone(),
        }
    }
}

fn is_link(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The host of an http(s) URL, without `www.`.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

/// `text` split at each `sep`, a punctuation byte with a space either side (` ; `, ` | `): a
/// scan for the byte, where `str::split` with the three-byte pattern sets up a substring search
/// per cell (which showed in the page's profile of reading a 25,000-row file).
fn split_spaced(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut at = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while let Some(k) = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|&b| b == sep))
        {
            let i = at + k;
            at = i + 1;
            // The space before must be this piece's (not the last separator's), as `split` has it.
            if i > start && bytes.get(i - 1) == Some(&b' ') && bytes.get(i + 1) == Some(&b' ') {
                // Both ends are ASCII spaces, so both cuts fall on character boundaries.
                let piece = text.get(start..i - 1);
                start = i + 2;
                at = start;
                return piece;
            }
        }
        done = true;
        text.get(start..)
    })
}

/// A row's `sources` cell as written, read into [`Source`]s only where they are shown
/// ([`Sources::entries`]: a pair's details, the export). Reading every cell at load made three
/// strings per entry that the map never shows: in the page, ~44 ms of loading a 25,000-row file.
/// Whether it has an entry is known from the start: the statistics ask it of every visible pair
/// at each change, and reading 25,000 cells (each in memory of its own) to answer was ~1.8 ms of
/// a world network's filter change. Serialised as the cell alone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(from = "String", into = "String")]
pub struct Sources {
    cell: String,
    empty: bool,
}

impl Default for Sources {
    /// No cell: no entry.
    fn default() -> Self {
        Self::from(String::new())
    }
}

impl From<String> for Sources {
    fn from(cell: String) -> Self {
        // At once when the cell has a character an entry keeps (neither white space nor `;`:
        // no separator or trimming takes it), else by counting.
        let empty =
            !cell.chars().any(|c| !c.is_whitespace() && c != ';') && entry_count(&cell) == 0;
        Self { cell, empty }
    }
}

impl From<Sources> for String {
    fn from(s: Sources) -> Self {
        s.cell
    }
}

/// How many entries a `sources` cell has, without reading them.
fn entry_count(cell: &str) -> usize {
    split_spaced(cell, b';')
        .filter(|e| !e.trim().is_empty())
        .count()
}

impl Sources {
    /// The cell `cell`, kept as written.
    pub fn new(cell: &str) -> Self {
        Self::from(cell.to_string())
    }

    /// The entries, in the order written (see [`parse_sources`]).
    pub fn entries(&self) -> Vec<Source> {
        parse_sources(&self.cell)
    }

    /// How many entries the cell has, without reading them.
    pub fn len(&self) -> usize {
        entry_count(&self.cell)
    }

    /// Whether the cell has no entry (known since it was read).
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// The cell as written.
    pub fn as_str(&self) -> &str {
        &self.cell
    }
}

/// Parses a `sources` cell.
pub fn parse_sources(cell: &str) -> Vec<Source> {
    split_spaced(cell, b';')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(parse_entry)
        .collect()
}

fn parse_entry(entry: &str) -> Source {
    let mut parts = split_spaced(entry, b'|').map(str::trim);
    let first = parts.next().unwrap_or("");
    if is_link(first) {
        // A URL has no spaces: whatever follows one is a remark (the older form).
        let (url, tail) = match first.split_once(char::is_whitespace) {
            Some((url, tail)) => (url, tail.trim()),
            None => (first, ""),
        };
        let title = parts.next().unwrap_or("").to_string();
        // The remark: the tail, then the parts after the title joined by " | ", with a space
        // between them when both have text.
        let rest = join_parts(parts);
        let remark = match (tail.is_empty(), rest.is_empty()) {
            (_, true) => tail.to_string(),
            (true, false) => rest,
            (false, false) => format!("{tail} {rest}"),
        };
        Source {
            url: Some(url.to_string()),
            title,
            remark,
        }
    } else {
        Source {
            url: None,
            title: first.to_string(),
            remark: join_parts(parts),
        }
    }
}

/// `parts` joined by " | " (as `[&str]::join` does), without collecting them first.
fn join_parts<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (k, part) in parts.enumerate() {
        if k > 0 {
            out.push_str(" | ");
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_scan_splits_as_str_split_does() {
        // Every string of up to seven characters from an alphabet of the separators' parts, a
        // letter and a two-byte character.
        let alphabet = ['a', ' ', ';', '|', 'é'];
        let mut texts = vec![String::new()];
        for _ in 0..7 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| t.chars().count() == texts.last().map_or(0, |l| l.chars().count()))
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        assert!(texts.len() > 90_000);
        for t in &texts {
            for (sep, pattern) in [(b';', " ; "), (b'|', " | ")] {
                let ours: Vec<&str> = split_spaced(t, sep).collect();
                let std: Vec<&str> = t.split(pattern).collect();
                assert_eq!(ours, std, "{t:?}");
            }
        }
    }

    #[test]
    fn url_title_and_remark_are_separated() {
        let s = parse_sources(
            "https://a.example/x | 大众日报 2025-05-24 | mirror ; 鲁网 2025-10-11 《潍坊》 ; https://www.b.example/p?q=1",
        );
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].url.as_deref(), Some("https://a.example/x"));
        assert_eq!(s[0].title, "大众日报 2025-05-24");
        assert_eq!(s[0].remark, "mirror");
        assert_eq!(s[1].url, None);
        assert_eq!(s[1].label(), "鲁网 2025-10-11 《潍坊》");
        assert_eq!(s[2].label(), "b.example");
    }

    #[test]
    fn a_remark_after_a_bare_url_stays_out_of_the_link() {
        let s = parse_sources("http://x.example/a.htm (mirror of 鲁网 2025-10-11)");
        assert_eq!(s[0].url.as_deref(), Some("http://x.example/a.htm"));
        assert_eq!(s[0].remark, "(mirror of 鲁网 2025-10-11)");
    }

    #[test]
    fn remarks_join_a_url_tail_and_the_parts_after_the_title() {
        let s = parse_sources(
            "https://a.example/x note | T | r1 | r2 ; https://b.example | T | | r3 ; https://c.example | T |  ; A | b | c",
        );
        let remarks: Vec<&str> = s.iter().map(|e| e.remark.as_str()).collect();
        assert_eq!(remarks, ["note r1 | r2", "| r3", "", "b | c"]);
        assert_eq!(s[3].title, "A");
    }

    #[test]
    fn other_schemes_are_never_links() {
        let s = parse_sources("javascript:alert(1) | click");
        assert_eq!(s[0].url, None);
        assert_eq!(s[0].title, "javascript:alert(1)");
    }

    #[test]
    fn a_cell_kept_as_written_counts_and_reads_as_parsing_it_does() {
        for cell in [
            "",
            " ; ",
            "https://a.example/x | A ; B | remark ; ",
            "http://x.example/a.htm (mirror of 鲁网 2025-10-11)",
            "a;b ; c",
            ";",
            " ;  ; ",
        ] {
            let kept = Sources::new(cell);
            let parsed = parse_sources(cell);
            assert_eq!(kept.entries(), parsed, "{cell:?}");
            assert_eq!(
                (kept.len(), kept.is_empty()),
                (parsed.len(), parsed.is_empty()),
                "{cell:?}"
            );
            assert_eq!(kept.as_str(), cell);
            // Read back from a packed file (the cell alone is written) or made empty: the same.
            let bytes = postcard::to_allocvec(&kept).expect("packs");
            let back: Sources = postcard::from_bytes(&bytes).expect("unpacks");
            assert_eq!(back, kept, "{cell:?}");
            assert_eq!(
                bytes,
                postcard::to_allocvec(cell).expect("packs"),
                "{cell:?}"
            );
        }
        assert_eq!(Sources::default(), Sources::new(""));
        assert!(Sources::default().is_empty());
    }
}
