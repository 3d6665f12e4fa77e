//! Text folding for matching: lower case, accents removed, with a map back to the
//! original byte offsets so every match becomes an exact span of the source text.
//! Depends on nothing else in the crate.
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A folded copy of a text and the original byte offset of each folded byte.
///
/// ```
/// let f = vigia::text::Folded::new("Mónica");
/// assert_eq!(f.text, "monica");
/// assert_eq!(f.original_span(0, 6), (0, 7));
/// ```
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// `offsets[i]` is the byte offset in the original text of folded byte `i`;
    /// one extra entry holds the original length.
    /// (u32: reports are far below 4 GB; `Report` rejects larger input.)
    offsets: Vec<u32>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut offsets = Vec::with_capacity(original.len() + 1);
        let mut buf = [0u8; 4];
        for (i, c) in original.char_indices() {
            if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
                offsets.push(i as u32);
                continue;
            }
            fold_char(c, |d| {
                let s = d.encode_utf8(&mut buf);
                text.push_str(s);
                offsets.extend(std::iter::repeat_n(i as u32, s.len()));
            });
        }
        offsets.push(original.len() as u32);
        Self { text, offsets }
    }

    /// Maps a folded byte range to the original byte range (start of the first char
    /// to the end of the last one).
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.offsets[start.min(self.offsets.len() - 1)] as usize;
        let e = if end >= self.offsets.len() - 1 {
            self.offsets[self.offsets.len() - 1] as usize
        } else {
            // The original char that folded byte `end` comes from begins the next char,
            // unless several folded bytes share it (then the span ends at that char's start).
            self.offsets[end] as usize
        };
        (s, e.max(s))
    }
}

impl Folded {
    /// The first folded byte that comes from original byte `original` or later.
    pub fn folded_at(&self, original: usize) -> usize {
        self.offsets.partition_point(|o| (*o as usize) < original)
    }
}

/// Folds one char: lower case, decomposed, combining marks dropped; typographic
/// apostrophes and dashes become ASCII.
fn fold_char(c: char, mut out: impl FnMut(char)) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => out('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' => out('"'),
        '\u{2010}'..='\u{2015}' => out('-'),
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => out(' '),
        _ => {
            for l in c.to_lowercase() {
                decompose_canonical(l, |d| {
                    if !is_combining_mark(d) {
                        out(d);
                    }
                });
            }
        }
    }
}

/// From matches `(start, end, value)`, keeps the longest of each group of overlapping
/// ones (the leftmost among equals), in text order. O(n log n).
pub fn longest_non_overlapping<T>(mut spans: Vec<(usize, usize, T)>) -> Vec<(usize, usize, T)> {
    spans.sort_by(|a, b| a.0.cmp(&b.0).then((b.1 - b.0).cmp(&(a.1 - a.0))));
    let mut kept: Vec<(usize, usize, T)> = Vec::with_capacity(spans.len());
    for s in spans {
        match kept.last() {
            Some(last) if s.0 < last.1 => {
                if s.1 - s.0 > last.1 - last.0 {
                    kept.pop();
                    // The one before `last` ends at or before `last` starts, so it cannot
                    // overlap `s` unless `s` reaches back; it cannot, as `s` starts later.
                    kept.push(s);
                }
            }
            _ => kept.push(s),
        }
    }
    kept
}

/// The words (runs of letters and digits) of `s` with their byte offsets.
pub fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = s.char_indices().peekable();
    std::iter::from_fn(move || {
        while rest.peek().is_some_and(|(_, c)| !c.is_alphanumeric()) {
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, &s[start..end]))
    })
}

/// Folds a short string (an alias or a cue word) the same way as [`Folded::new`].
pub fn fold(s: &str) -> String {
    Folded::new(s).text
}

/// True if `c` continues a word (letters, digits, and the hyphen inside compounds is not).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True if the folded range `[start, end)` of `text` is bounded by non-word chars.
pub fn at_word_bounds(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c));
    let after = text[end..].chars().next().is_none_or(|c| !is_word_char(c));
    before && after
}

/// True if the folded range starts a word (its end may run into a longer word).
pub fn at_word_start(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_table() {
        let rows: &[(&str, &str)] = &[
            ("Caracas", "caracas"),
            ("Generalísimo", "generalisimo"),
            ("SANTA MÓNICA", "santa monica"),
            ("Caraïbische", "caraibische"),
            ("‘ze’", "'ze'"),
            ("Peña", "pena"),
        ];
        for (input, want) in rows {
            assert_eq!(fold(input), *want, "fold({input:?})");
        }
    }

    #[test]
    fn spans_map_back_to_original() {
        let original = "de base aérea de La Carlota";
        let f = Folded::new(original);
        let at = f.text.find("la carlota").unwrap_or(0);
        let (s, e) = f.original_span(at, at + "la carlota".len());
        assert_eq!(&original[s..e], "La Carlota");
        let at = f.text.find("aerea").unwrap_or(0);
        let (s, e) = f.original_span(at, at + 5);
        assert_eq!(&original[s..e], "aérea");
    }

    #[test]
    fn longest_wins_among_overlaps() {
        let rows: &[(&[(usize, usize, char)], &[char])] = &[
            (&[(0, 7, 'c'), (0, 17, 'p'), (10, 17, 'x')], &['p']),
            (&[(0, 3, 'a'), (2, 6, 'b'), (6, 8, 'c')], &['b', 'c']),
            (&[(0, 4, 'a'), (2, 6, 'b')], &['a']),
            (&[(5, 6, 'z'), (0, 2, 'y')], &['y', 'z']),
        ];
        for (input, want) in rows {
            let got: Vec<char> = longest_non_overlapping(input.to_vec())
                .into_iter()
                .map(|s| s.2)
                .collect();
            assert_eq!(&got, want, "{input:?}");
        }
    }

    #[test]
    fn word_bounds() {
        assert!(at_word_bounds("in caracas.", 3, 10));
        assert!(!at_word_bounds("venezolaanse", 0, 9));
        assert!(at_word_start("de luchtaanvallen", 3));
    }
}
