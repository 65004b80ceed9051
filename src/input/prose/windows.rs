//! The windows that turn mentions into scenes (see [`Window`]).
//!
//! * `paragraph`: one window per paragraph, numbered within its chapter.
//! * `sentences:N` (`sentence` is `sentences:1`): blocks of N consecutive
//!   sentences, running across paragraphs, restarting at each chapter (the
//!   last block of a chapter may be shorter); numbered within the chapter.
//! * `words:N`: every pair of mentions of two different characters whose
//!   first words are at most N words apart, within one chapter, is one
//!   window of those two (numbered within the chapter, in the order of the
//!   second mention, then of the first). A word is a whitespace-separated
//!   token holding a letter or digit; every word of a name counts.
//!
//! A window lists each character it mentions once, in order of first
//! mention; windows that mention nobody are numbered but not handed on.
//! Memory: the mentions and, for `words:N`, one word index per mention.

use super::Window;
use super::cast::Mention;
use super::document::Document;
use super::sentences;

/// One window that mentions someone: `[start, end)` in the matching text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span<'a> {
    pub chapter: Option<u32>,
    pub number: u64,
    pub start: usize,
    pub end: usize,
    /// Cast indices, each once, in order of first mention.
    pub characters: &'a [u32],
}

/// Calls `emit` for every window of `doc` that mentions someone.
pub(crate) fn each(doc: &Document, mentions: &[Mention], window: Window, cast_size: usize, emit: impl FnMut(Span<'_>)) {
    let mut w = Windows {
        doc,
        mentions,
        next: 0,
        seen: vec![0; cast_size],
        stamp: 0,
        characters: Vec::new(),
    };
    match window {
        Window::Paragraph => w.paragraphs(emit),
        Window::Sentence => w.sentences(1, emit),
        Window::Sentences(n) => w.sentences(n as usize, emit),
        Window::Words(n) => w.words(u64::from(n), emit),
    }
}

struct Windows<'d> {
    doc: &'d Document,
    mentions: &'d [Mention],
    /// The first mention not yet given to a window.
    next: usize,
    /// `seen[c] == stamp`: character `c` is in the current window.
    seen: Vec<u64>,
    stamp: u64,
    characters: Vec<u32>,
}

impl Windows<'_> {
    /// Collects the characters of the mentions that start before `end`
    /// (and from `start` on) into `self.characters`.
    fn collect(&mut self, start: usize, end: usize) {
        self.stamp += 1;
        self.characters.clear();
        while let Some(m) = self.mentions.get(self.next)
            && m.start < end
        {
            self.next += 1;
            if m.start >= start && self.seen[m.character as usize] != self.stamp {
                self.seen[m.character as usize] = self.stamp;
                self.characters.push(m.character);
            }
        }
    }

    fn window(&mut self, chapter: Option<u32>, number: u64, start: usize, end: usize, emit: &mut impl FnMut(Span<'_>)) {
        self.collect(start, end);
        if !self.characters.is_empty() {
            emit(Span {
                chapter,
                number,
                start,
                end,
                characters: &self.characters,
            });
        }
    }

    fn paragraphs(&mut self, mut emit: impl FnMut(Span<'_>)) {
        let mut number = 0;
        let mut chapter = None;
        for p in &self.doc.paragraphs {
            if p.chapter != chapter {
                chapter = p.chapter;
                number = 0;
            }
            number += 1;
            self.window(chapter, number, p.start, p.end, &mut emit);
        }
    }

    fn sentences(&mut self, n: usize, mut emit: impl FnMut(Span<'_>)) {
        let mut number = 0;
        let mut chapter = None;
        // The open block: its start, end and number of sentences.
        let mut block: Option<(usize, usize, usize)> = None;
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut inside: Vec<(usize, usize)> = Vec::new();
        let mut first = 0; // first mention of the paragraph
        for p in &self.doc.paragraphs {
            if p.chapter != chapter {
                if let Some((s, e, _)) = block.take() {
                    self.window(chapter, number, s, e, &mut emit);
                }
                chapter = p.chapter;
                number = 0;
            }
            while self.mentions.get(first).is_some_and(|m| m.start < p.start) {
                first += 1;
            }
            inside.clear();
            inside.extend(
                self.mentions[first..]
                    .iter()
                    .take_while(|m| m.start < p.end)
                    .map(|m| (m.start, m.end)),
            );
            spans.clear();
            sentences::split(&self.doc.text, p.start, p.end, &inside, &mut spans);
            for &(s, e) in &spans {
                let (start, _, count) = block.unwrap_or((s, e, 0));
                if count == 0 {
                    number += 1;
                }
                block = Some((start, e, count + 1));
                if count + 1 == n {
                    block = None;
                    self.window(chapter, number, start, e, &mut emit);
                }
            }
        }
        if let Some((s, e, _)) = block {
            self.window(chapter, number, s, e, &mut emit);
        }
    }

    fn words(&mut self, n: u64, mut emit: impl FnMut(Span<'_>)) {
        let words = word_indices(&self.doc.text, self.mentions);
        let chapters = mention_chapters(self.doc, self.mentions);
        let m = self.mentions;
        let mut number = 0;
        let mut lo = 0;
        for j in 0..m.len() {
            if j == 0 || chapters[j] != chapters[j - 1] {
                lo = j;
                number = 0;
            }
            while words[j] - words[lo] > n {
                lo += 1;
            }
            for i in lo..j {
                if m[i].character != m[j].character {
                    number += 1;
                    let pair = [m[i].character, m[j].character];
                    emit(Span {
                        chapter: chapters[j],
                        number,
                        start: m[i].start,
                        end: m[j].end,
                        characters: &pair,
                    });
                }
            }
        }
    }
}

/// The word index of each mention's first word: the number of words that
/// end before it.
fn word_indices(text: &str, mentions: &[Mention]) -> Vec<u64> {
    let mut out = Vec::with_capacity(mentions.len());
    let (mut words, mut alnum) = (0u64, false);
    let mut k = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while k < mentions.len() {
        let target = mentions[k].start;
        while i < target {
            let b = bytes[i];
            if b == b' ' || b == b'\n' {
                words += u64::from(alnum);
                alnum = false;
                i += 1;
            } else if b.is_ascii() {
                alnum |= b.is_ascii_alphanumeric();
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                alnum |= c.is_alphanumeric();
                i += c.len_utf8();
            }
        }
        out.push(words);
        k += 1;
    }
    out
}

/// The chapter of each mention.
fn mention_chapters(doc: &Document, mentions: &[Mention]) -> Vec<Option<u32>> {
    let mut p = 0;
    mentions
        .iter()
        .map(|m| {
            while doc.paragraphs.get(p).is_some_and(|para| para.end <= m.start) {
                p += 1;
            }
            doc.paragraphs.get(p).and_then(|para| para.chapter)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::Window;
    use super::super::cast::Cast;
    use super::*;

    fn scenes(text: &str, chapters: Option<&str>, window: Window) -> Vec<String> {
        let cast = Cast::parse(Path::new("c.csv"), b"name\nAnn\nBob\nCid\n").unwrap();
        let re = chapters.map(|p| regex::Regex::new(p).unwrap());
        let doc = Document::read(Path::new("t.txt"), text.as_bytes(), re.as_ref()).unwrap();
        let found = cast.find(&doc.text);
        let mut out = Vec::new();
        each(&doc, &found.mentions, window, 3, |w| {
            let names: Vec<&str> = w
                .characters
                .iter()
                .map(|&c| cast.members()[c as usize].name.as_str())
                .collect();
            out.push(format!("{:?}/{}:{}", w.chapter, w.number, names.join("+")));
        });
        out
    }

    const TEXT: &str = "Ann saw Bob. Then rain.\nBob left.\n\nNobody here.\n\nCid and Ann. Ann!\n";

    #[test]
    fn paragraphs() {
        assert_eq!(
            scenes(TEXT, None, Window::Paragraph),
            ["None/1:Ann+Bob", "None/3:Cid+Ann"]
        );
    }

    #[test]
    fn sentence_blocks_cross_paragraphs() {
        assert_eq!(
            scenes(TEXT, None, Window::Sentence),
            ["None/1:Ann+Bob", "None/3:Bob", "None/5:Cid+Ann", "None/6:Ann"]
        );
        // Blocks of two: [Ann saw Bob. Then rain.] [Bob left. Nobody here.] [Cid and Ann. Ann!]
        assert_eq!(
            scenes(TEXT, None, Window::Sentences(2)),
            ["None/1:Ann+Bob", "None/2:Bob", "None/3:Cid+Ann"]
        );
    }

    #[test]
    fn words_count_through_paragraphs_and_restart_at_chapters() {
        // Word indices: Ann 0, Bob 2, Bob 5, Cid 9, Ann 11, Ann 12.
        assert_eq!(
            scenes(TEXT, None, Window::Words(4)),
            ["None/1:Ann+Bob", "None/2:Bob+Cid", "None/3:Cid+Ann", "None/4:Cid+Ann"]
        );
        let text = "# One\nAnn and\n# Two\nBob.\n";
        assert_eq!(scenes(text, Some("^# "), Window::Words(5)), Vec::<String>::new());
        assert_eq!(
            scenes("# One\nAnn. Bob.\n# Two\nCid. Bob.\n", Some("^# "), Window::Sentence),
            ["Some(0)/1:Ann", "Some(0)/2:Bob", "Some(1)/1:Cid", "Some(1)/2:Bob"]
        );
    }

    #[test]
    fn word_indices_count_tokens_with_letters_or_digits() {
        let cast = Cast::parse(Path::new("c.csv"), b"name\nMr. Park\nAnn\n").unwrap();
        let text = "Mr. Park — met (Ann) 2 -- Ann";
        let found = cast.find(text);
        assert_eq!(word_indices(text, &found.mentions), [0, 3, 5]);
    }
}
