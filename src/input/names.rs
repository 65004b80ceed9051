//! Character names: normalisation and possible duplicates (aliases are
//! [`super::aliases`]).
//!
//! Before names are compared, each is put in Unicode NFC form (so a
//! decomposed `Zoe\u{308}` and a composed `Zoë` are one character) and its
//! runs of inner whitespace are collapsed to one space. Otherwise names are
//! compared exactly: `Carly` and `carly` stay two characters, but are
//! reported as possible duplicates.

use std::borrow::Cow;
use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A name in canonical form: NFC, trimmed, inner whitespace collapsed.
pub fn normalise(name: &str) -> String {
    normalise_cow(name).into_owned()
}

/// [`normalise`] without allocating for names already in canonical form
/// (the common case: most names are ASCII with single spaces).
pub fn normalise_cow(name: &str) -> Cow<'_, str> {
    let canonical_spaces = {
        let b = name.as_bytes();
        !b.first().is_some_and(u8::is_ascii_whitespace)
            && !b.last().is_some_and(u8::is_ascii_whitespace)
            && !b
                .windows(2)
                .any(|w| w[0].is_ascii_whitespace() && (w[1].is_ascii_whitespace() || w[0] != b' '))
    };
    if name.is_ascii() {
        if canonical_spaces {
            return Cow::Borrowed(name);
        }
    } else if canonical_spaces
        && !name.chars().any(|c| c.is_whitespace() && c != ' ')
        && unicode_normalization::is_nfc_quick(name.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return Cow::Borrowed(name);
    }
    Cow::Owned(normalise_slow(name))
}

fn normalise_slow(name: &str) -> String {
    let nfc: String = name.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The first character a name may not hold: a control character (C0, DEL,
/// C1; line breaks and tabs are already spaces after [`normalise`]) or one of
/// the noncharacters U+FFFE and U+FFFF, none of which XML 1.0 can carry.
pub fn forbidden_char(name: &str) -> Option<char> {
    name.chars()
        .find(|&c| c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
}

/// `text` with control characters (and the noncharacters XML cannot carry)
/// written as Rust-style escapes (`\u{7}`), so that a label from an input
/// file stays one printable line in a table, a CSV cell or an SVG chart.
pub fn printable(text: &str) -> Cow<'_, str> {
    if forbidden_char(text).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The key under which names that differ only by case, accents,
/// punctuation or spacing collide: letters and digits, accents removed,
/// lower case.
pub fn loose_key(name: &str) -> String {
    name.nfd()
        .filter(|c| !is_combining_mark(*c))
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Groups of distinct names that share a [`loose_key`], each group in the
/// order the names are given, groups in order of their first name.
pub fn possible_duplicates<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<Vec<&'a str>> {
    let mut groups: Vec<Vec<&str>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for name in names {
        let key = loose_key(name);
        if key.is_empty() {
            continue;
        }
        match by_key.get(&key) {
            Some(&g) => groups[g].push(name),
            None => {
                by_key.insert(key, groups.len());
                groups.push(vec![name]);
            }
        }
    }
    groups.retain(|g| g.len() > 1);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_forbidden() {
        assert_eq!(forbidden_char("Bell\u{7}"), Some('\u{7}'));
        assert_eq!(forbidden_char("x\u{85}"), Some('\u{85}'));
        assert_eq!(forbidden_char(&normalise("two\nlines\tand tab")), None);
        assert_eq!(forbidden_char("Zoë 🎭 مريم"), None);
    }

    #[test]
    fn nfc_and_whitespace() {
        assert_eq!(normalise("Zoe\u{308}"), "Zo\u{eb}");
        assert_eq!(normalise("  Mr.   Park\t"), "Mr. Park");
        assert_eq!(normalise("Mr.\tPark"), "Mr. Park");
        assert_eq!(normalise("Zo\u{eb}\u{a0}Park"), "Zo\u{eb} Park");
        assert!(matches!(normalise_cow("Mr. Park"), Cow::Borrowed(_)));
        assert!(matches!(normalise_cow("Zo\u{eb} Park"), Cow::Borrowed(_)));
    }

    #[test]
    fn duplicates_by_case_accent_punctuation_spacing() {
        let groups = possible_duplicates(["Mr Park", "Carly", "Mr. Park", "Zoë", "zoe", "Julie"]);
        assert_eq!(groups, vec![vec!["Mr Park", "Mr. Park"], vec!["Zoë", "zoe"]]);
    }
}
