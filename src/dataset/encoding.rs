//! Text encodings of the files staff save from Excel and WPS: "CSV UTF-8" (with a byte-order mark),
//! "CSV (逗号分隔)" on Chinese Windows (GB18030/GBK, no mark), "Unicode text" (UTF-16 little-endian
//! with a mark). The encoding is recognised here; UTF-16 is decoded here too, GB18030 by
//! `encoding_rs` natively and, in the browser, by the page's own `TextDecoder` (registered by the
//! web layer with [`set_gb18030_decoder`]), which costs the module nothing.

use std::borrow::Cow;
use std::sync::OnceLock;

/// The encodings a partnerships file may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian ("Unicode text" from Excel on Windows).
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// GB18030, a superset of GBK: what Chinese Windows writes without a mark.
    Gb18030,
}

impl TextEncoding {
    /// The name shown to staff in messages, e.g. `"UTF-16LE"` or `"GB18030 (GBK)"`.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GB18030 (GBK)",
        }
    }
}

/// What the first bytes say: the encoding and whether a byte-order mark was there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    /// The recognised encoding.
    pub encoding: TextEncoding,
    /// Whether the bytes start with a byte-order mark (which [`decode`] then skips).
    pub bom: bool,
}

/// Recognises the encoding: a byte-order mark first; else a file whose every other byte is zero is
/// UTF-16 (text files have no NUL characters); else valid UTF-8 is UTF-8; anything else is taken as
/// GB18030, what Chinese Windows writes. Without a mark, the UTF-16 test looks at the first 512
/// bytes only: more than half of the odd-offset bytes zero means little-endian, of the
/// even-offset bytes big-endian.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let (encoding, bom) = match bytes {
        [0xEF, 0xBB, 0xBF, ..] => (TextEncoding::Utf8, true),
        [0xFF, 0xFE, ..] => (TextEncoding::Utf16Le, true),
        [0xFE, 0xFF, ..] => (TextEncoding::Utf16Be, true),
        _ => {
            let head = bytes.get(..bytes.len().min(512)).unwrap_or(bytes);
            let zeros_at = |parity: usize| {
                head.iter()
                    .skip(parity)
                    .step_by(2)
                    .filter(|&&b| b == 0)
                    .count()
            };
            let half = head.len() / 4;
            if half > 0 && zeros_at(1) > half {
                (TextEncoding::Utf16Le, false)
            } else if half > 0 && zeros_at(0) > half {
                (TextEncoding::Utf16Be, false)
            } else if std::str::from_utf8(bytes).is_ok() {
                (TextEncoding::Utf8, false)
            } else {
                (TextEncoding::Gb18030, false)
            }
        }
    };
    Sniffed { encoding, bom }
}

/// Decodes GB18030 bytes, `None` when they are not valid GB18030.
pub type Gb18030Decoder = fn(&[u8]) -> Option<String>;

static GB18030: OnceLock<Gb18030Decoder> = OnceLock::new();

/// Registers the GB18030 decoder (the web layer's, backed by the browser's `TextDecoder`).
/// Only the first registration takes effect; later calls are ignored. A registered decoder is
/// used in place of `encoding_rs` on native targets too.
pub fn set_gb18030_decoder(decode: Gb18030Decoder) {
    let _ = GB18030.set(decode);
}

fn decode_gb18030(bytes: &[u8]) -> Option<String> {
    if let Some(decode) = GB18030.get() {
        return decode(bytes);
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        (!had_errors).then(|| text.into_owned())
    }
    #[cfg(target_arch = "wasm32")]
    {
        None
    }
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|p| match p {
        [a, b] if little_endian => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        _ => 0,
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// The text of `bytes` (without its byte-order mark), or `None` when it is not valid in the
/// recognised encoding. On `wasm32`, GB18030 input also gives `None` until a decoder has been
/// registered with [`set_gb18030_decoder`].
pub fn decode(bytes: &[u8], sniffed: Sniffed) -> Option<Cow<'_, str>> {
    let body = if sniffed.bom {
        let n = if sniffed.encoding == TextEncoding::Utf8 {
            3
        } else {
            2
        };
        bytes.get(n..).unwrap_or_default()
    } else {
        bytes
    };
    match sniffed.encoding {
        TextEncoding::Utf8 => std::str::from_utf8(body).ok().map(Cow::Borrowed),
        TextEncoding::Utf16Le => decode_utf16(body, true).map(Cow::Owned),
        TextEncoding::Utf16Be => decode_utf16(body, false).map(Cow::Owned),
        TextEncoding::Gb18030 => decode_gb18030(body).map(Cow::Owned),
    }
}

/// Where a chunk of at least `min` bytes of `body` (the bytes after any byte-order mark) may end so
/// that it decodes on its own exactly as within the whole: just after a line feed. In GB18030 the
/// byte 0x0A is never part of a multi-byte character; in UTF-16 the line feed is a whole code unit
/// at an even offset. `None` when no line feed follows (then the rest is one chunk).
pub fn chunk_end(body: &[u8], encoding: TextEncoding, min: usize) -> Option<usize> {
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Gb18030 => {
            let from = min.max(1) - 1;
            let at = body.get(from..)?.iter().position(|&b| b == b'\n')?;
            Some(from + at + 1)
        }
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            let unit = if encoding == TextEncoding::Utf16Le {
                [b'\n', 0]
            } else {
                [0, b'\n']
            };
            let from = (min.max(2) - 2) & !1; // even
            let at = body.get(from..)?.chunks_exact(2).position(|u| u == unit)?;
            Some(from + 2 * at + 2)
        }
    }
}

/// Decodes one chunk of the body (see [`chunk_end`]) in a non-UTF-8 encoding; `None` when invalid.
pub fn decode_chunk(chunk: &[u8], encoding: TextEncoding) -> Option<String> {
    match encoding {
        TextEncoding::Utf8 => std::str::from_utf8(chunk).ok().map(str::to_string),
        TextEncoding::Utf16Le => decode_utf16(chunk, true),
        TextEncoding::Utf16Be => decode_utf16(chunk, false),
        TextEncoding::Gb18030 => decode_gb18030(chunk),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_content_tell_the_encoding() {
        assert_eq!(sniff(b"\xEF\xBB\xBFid").encoding, TextEncoding::Utf8);
        assert!(sniff(b"\xEF\xBB\xBFid").bom);
        assert_eq!(sniff(b"\xFF\xFEi\0d\0").encoding, TextEncoding::Utf16Le);
        assert_eq!(sniff("id,下关".as_bytes()).encoding, TextEncoding::Utf8);
        // 下关 in GBK.
        assert_eq!(
            sniff(b"id,\xCF\xC2\xB9\xD8").encoding,
            TextEncoding::Gb18030
        );
        assert_eq!(sniff(b"i\0d\0,\0x\0").encoding, TextEncoding::Utf16Le);
    }

    #[test]
    fn chunks_end_after_a_line_feed_and_decode_as_the_whole() {
        let text = "id,名\n1,下关\n2,青岛\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let end = chunk_end(&le, TextEncoding::Utf16Le, 3).expect("a line feed");
        assert_eq!(
            decode_chunk(&le[..end], TextEncoding::Utf16Le).as_deref(),
            Some("id,名\n")
        );
        let gbk = b"id\n\xCF\xC2\xB9\xD8\n";
        assert_eq!(chunk_end(gbk, TextEncoding::Gb18030, 4), Some(8));
        assert_eq!(chunk_end(gbk, TextEncoding::Gb18030, 9), None);
    }

    #[test]
    fn gbk_and_utf16_decode_to_the_same_text() {
        let gbk = b"id,\xCF\xC2\xB9\xD8";
        assert_eq!(decode(gbk, sniff(gbk)).as_deref(), Some("id,下关"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("id,下关".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16, sniff(&utf16)).as_deref(), Some("id,下关"));
    }
}
