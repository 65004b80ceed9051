//! Fuzz the prose reader and the cast suggester: any bytes must give scenes
//! or an error, never a panic. The first byte picks the window and whether
//! `#` lines are chapters; the bytes up to the first NUL are the cast file
//! (a fixed cast without one), the rest the text. Every scene lists distinct,
//! non-empty names of the cast, its lines and bytes lie in the text, in
//! order, on character boundaries, and its excerpt is at most 160
//! characters and an ellipsis.
#![no_main]

use std::path::Path;
use std::sync::Arc;

use castgraph::input::ReadOptions;
use castgraph::input::prose::{self, COLUMNS, Cast, Prose, Window, suggest::Suggester};
use libfuzzer_sys::fuzz_target;

const CAST: &[u8] = b"name,aliases\nMr. Park,Park\nMrs. Bennet,\nMr. Bennet,\nElizabeth Bennet,Lizzy\nDr. John H. Watson,\nMary-Kate,\nCarly,\nWill Turner,\nZo\xc3\xab,\n";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (cast_bytes, text) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (CAST, rest),
    };
    let n = u32::from(mode >> 2 & 0x1f) + 1;
    let window = match mode & 3 {
        0 => Window::Paragraph,
        1 => Window::Sentence,
        2 => Window::Sentences(n % 4 + 1),
        _ => Window::Words(n),
    };
    let chapters = (mode & 0x80 != 0).then_some("^#");
    let path = Path::new("fuzz.txt");
    let mut suggester = Suggester::new(chapters).unwrap();
    if suggester.add(path, text).is_ok() {
        for row in suggester.finish(1) {
            assert!(!row.name.is_empty() && row.count >= 1);
            assert!(!row.aliases.contains(&row.name));
        }
    }
    let Ok(cast) = Cast::parse(Path::new("cast.csv"), cast_bytes) else {
        return;
    };
    let names: Vec<String> = cast.members().iter().map(|m| m.name.clone()).collect();
    let opts = ReadOptions {
        columns: COLUMNS.iter().map(|c| c.to_string()).collect(),
        ..prose::options(Arc::new(Prose::new(cast, window, chapters).unwrap()))
    };
    // Lines end with LF, CRLF or a bare CR (old Mac files), as every reader counts them.
    let bare_cr = text.windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count()
        + usize::from(text.last() == Some(&b'\r'));
    let lines = (text.iter().filter(|&&b| b == b'\n').count() + bare_cr) as u64 + 1;
    let _ = prose::read(path, text, &opts, |scene| {
        assert!(!scene.characters.is_empty());
        for (i, name) in scene.characters.iter().enumerate() {
            assert!(names.iter().any(|n| n == name), "{name:?} is not in the cast");
            assert!(!scene.characters[..i].contains(name));
        }
        if let Window::Words(_) = window {
            assert_eq!(scene.characters.len(), 2);
        }
        assert_eq!(scene.columns.len(), COLUMNS.len());
        let num = |i: usize| scene.columns[i].unwrap().parse::<u64>().unwrap();
        let (line, end_line, byte, end_byte) = (num(3), num(4), num(5), num(6));
        assert_eq!(line, scene.line);
        assert!(1 <= line && line <= end_line && end_line <= lines, "{line}..{end_line} of {lines}");
        assert!(byte < end_byte && end_byte as usize <= text.len(), "{byte}..{end_byte} of {}", text.len());
        let whole = std::str::from_utf8(text).unwrap();
        assert!(whole.is_char_boundary(byte as usize) && whole.is_char_boundary(end_byte as usize));
        let excerpt = scene.columns[7].unwrap();
        assert!(excerpt.chars().count() <= prose::EXCERPT_CHARS);
        assert_eq!(scene.columns[0], scene.episode);
    });
});
