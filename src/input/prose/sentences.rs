//! Sentence splitting, for the `sentence` and `sentences:N` windows and for
//! telling sentence-initial words apart when suggesting a cast.
//!
//! A paragraph always ends a sentence. Inside one, a sentence ends after a
//! run of `.`, `!`, `?`, `‽` or `…` when all of these hold:
//!
//! * the run is not an ellipsis: two dots or more, or a `…`, without `!` or
//!   `?` (`He waited... Then he left.` is one sentence);
//! * a lone `.` does not end an abbreviation: a title written with a dot
//!   (`Mr.`, `Mrs.`, `Dr.`, `St.`...; see [`ABBREVIATED_TITLES`]), one of
//!   `e.g.`, `i.e.`, `etc.`-like forms listed in [`ABBREVIATIONS`], an
//!   initial (`J.` in `J. R. Ewing`: one capital letter) or a dotted
//!   abbreviation (`U.S.`);
//! * closing quotes and brackets after the run stay with the sentence
//!   (`"Stop!"`), and then comes a space;
//! * the next word (after any opening quotes or brackets) starts with a
//!   capital letter or a digit: `"Stop!" said Carly.` is one sentence;
//! * the end does not fall inside a cast name (a mention).

use super::cast::{ABBREVIATED_TITLES, is_initial};

/// Abbreviations besides titles after which a `.` does not end a sentence.
pub const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "cf", "viz", "vs", "approx", "ca", "Inc", "Ltd", "Co", "Corp", "Ave", "Blvd", "Rd", "Mt", "Ft",
];

/// Closing quotes and brackets, which stay with the sentence they close.
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '}', '»', '›', '*', '_'];
/// Opening quotes and brackets, skipped before the next sentence's first letter.
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '{', '«', '‹', '*', '_'];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '‽' | '…')
}

/// Appends the sentences of the paragraph `text[start..end]` to `out`, as
/// `[start, end)` ranges that cover it (sentences are separated by one
/// space). `inside` holds spans, sorted, that no sentence end may split.
pub(crate) fn split(text: &str, start: usize, end: usize, inside: &[(usize, usize)], out: &mut Vec<(usize, usize)>) {
    let para = &text[start..end];
    let mut from = start;
    let mut guard = 0; // first span that may still contain a candidate
    let mut chars = para.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_terminal(c) {
            continue;
        }
        // The run of terminal punctuation.
        let mut run_end = i + c.len_utf8();
        let (mut strong, mut dots) = (matches!(c, '!' | '?' | '‽'), usize::from(c == '.'));
        let mut ellipsis = c == '…';
        while let Some(&(j, d)) = chars.peek()
            && is_terminal(d)
        {
            strong |= matches!(d, '!' | '?' | '‽');
            dots += usize::from(d == '.');
            ellipsis |= d == '…';
            run_end = j + d.len_utf8();
            chars.next();
        }
        if !strong && (ellipsis || dots > 1) {
            continue;
        }
        if !strong && abbreviation_before(&para[..i]) {
            continue;
        }
        let rest = &para[run_end..];
        let closed = rest.trim_start_matches(CLOSERS);
        let Some(after_space) = closed.strip_prefix(' ') else {
            continue;
        };
        let next = after_space.trim_start_matches(OPENERS);
        if !next.chars().next().is_some_and(|n| n.is_uppercase() || n.is_numeric()) {
            continue;
        }
        let at = start + run_end + (rest.len() - closed.len());
        while guard < inside.len() && inside[guard].1 <= at {
            guard += 1;
        }
        if inside.get(guard).is_some_and(|&(s, _)| s < at) {
            continue;
        }
        out.push((from, at));
        from = at + 1;
    }
    if from < end {
        out.push((from, end));
    }
}

/// True when the word just before a `.` (`before` ends there) is an
/// abbreviation that the dot belongs to.
fn abbreviation_before(before: &str) -> bool {
    let word = before.rsplit([' ', '\n']).next().unwrap_or("");
    let word = word.trim_start_matches(OPENERS);
    if word.is_empty() {
        return false;
    }
    if ABBREVIATED_TITLES.contains(&word) || ABBREVIATIONS.contains(&word) {
        return true;
    }
    // An initial (`J`) or a dotted abbreviation (`U.S`).
    is_initial(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split(text, 0, text.len(), &[], &mut out);
        out.into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn titles_initials_and_abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Park met Mrs. Bennet and Dr. No at St. Paul's. J. R. Ewing came, e.g. Bob. U.S. Then?"),
            [
                "Mr. Park met Mrs. Bennet and Dr. No at St. Paul's.",
                "J. R. Ewing came, e.g. Bob.",
                "U.S. Then?"
            ]
        );
    }

    #[test]
    fn ellipses_and_quotes() {
        assert_eq!(
            sentences("He waited... Then he left… Carly came. \"Stop!\" said Carly. \"Go away.\" Vanessa left!"),
            [
                "He waited... Then he left… Carly came.",
                "\"Stop!\" said Carly.",
                "\"Go away.\"",
                "Vanessa left!"
            ]
        );
        assert_eq!(
            sentences("Why?! (Because.) 3 days later."),
            ["Why?!", "(Because.)", "3 days later."]
        );
    }

    #[test]
    fn lower_case_and_no_space_do_not_end_sentences() {
        assert_eq!(
            sentences("It cost 3.5 dollars. and so on. Done"),
            ["It cost 3.5 dollars. and so on.", "Done"]
        );
    }

    #[test]
    fn names_are_never_split() {
        let text = "Ask Dr Who. Now.";
        // A cast name "Who. Now" (absurd, but a name) must not be split.
        let mut out = Vec::new();
        split(text, 0, text.len(), &[(7, 15)], &mut out);
        assert_eq!(out, [(0, text.len())]);
    }

    #[test]
    fn paragraph_offsets() {
        let text = "x\nA b. C d.";
        let mut out = Vec::new();
        split(text, 2, text.len(), &[], &mut out);
        assert_eq!(out, [(2, 6), (7, 11)]);
    }
}
