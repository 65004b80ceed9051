//! DraCor's Easy Linavis ("ezlinavis") segmented lists: plain text in which
//! `#` headings open segments and every other line names one character
//! present in the current segment.
//!
//! The format (as the ezlinavis web app reads it): free header text up to the
//! first line starting with `#`; from there on, a `# heading` line (level 1: an
//! act, an episode) or a `## heading` line (level 2: a scene) opens a new
//! segment, and each other non-blank line is the name of a character in that
//! segment. Names are trimmed; blank lines are ignored; a name listed twice in
//! one segment counts once. The file is UTF-8 (a leading byte-order mark is
//! ignored; LF or CRLF line endings).
//!
//! What the reader promises:
//!
//! * One scene per segment that lists at least one character; a heading
//!   directly followed by another heading gives no scene. Segments are flat,
//!   as in ezlinavis: an act's characters listed before its first `##` form a
//!   segment of their own and are not merged into its scenes.
//! * `episode` is the text of the enclosing `#` heading (without the `#`s,
//!   trimmed); `scene` is the `##` heading's text, or `None` for the level-1
//!   segment. Deeper headings (`###` and more) are read as scenes too, inside
//!   the enclosing `#` heading. A heading with no text gives `None`.
//! * A scene's `line` is the line of the heading that opened its segment.
//! * Metadata columns: `episode` and `act` (both the `#` heading) and `scene`.
//! * Errors name the file, the line where there is one, and the problem: an
//!   empty file, a file without any `#` heading, a file whose headings list no
//!   characters, invalid UTF-8.
//!
//! The file is read line by line; only the current segment is held in memory.

use std::io::BufRead;
use std::path::Path;

use super::csv::{open, resolve_columns};
use super::text::TextLines;
use super::{InputFormat, ReadFormat, ReadOptions, ReadSummary, Scene, Tally, UniqueNames};
use crate::error::{Error, Result};

/// The format of an ezlinavis list.
pub const FORMAT: ReadFormat = ReadFormat::plain(InputFormat::Ezlinavis);

/// The metadata columns a list offers: `episode` and `act` are both the `#`
/// heading, `scene` is the `##` heading.
pub const COLUMNS: [&str; 3] = ["episode", "act", "scene"];

/// Reads an ezlinavis list from `path`, calling `on_scene` for every segment with characters.
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    read(path, open(path)?, opts, on_scene)
}

/// Reads an ezlinavis list from any buffered reader; `path` is only used in messages.
pub fn read<R: BufRead>(
    path: &Path,
    input: R,
    opts: &ReadOptions,
    mut on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    let wanted = resolve_columns(path, &opts.columns, &COLUMNS)?;
    let mut lines = TextLines::new(path, input);
    let mut anything = false;
    let mut started = false;
    let mut headings = 0u64;
    let mut episode = String::new();
    let mut segment = Segment::default();
    let mut scenes = 0u64;

    while let Some((line, text)) = lines.next_line()? {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        anything = true;
        if let Some(heading) = text.strip_prefix('#') {
            started = true;
            headings += 1;
            scenes += segment.emit(&wanted, &episode, &mut on_scene);
            let level_one = !heading.starts_with('#');
            let title = heading.trim_start_matches('#').trim();
            segment.line = line;
            segment.names.clear();
            segment.scene.clear();
            segment.has_scene = !level_one;
            if level_one {
                episode.clear();
                episode.push_str(title);
            } else {
                segment.scene.push_str(title);
            }
            continue;
        }
        if !started {
            continue;
        }
        segment.names.push(text);
    }
    scenes += segment.emit(&wanted, &episode, &mut on_scene);

    if !anything {
        return Err(Error::data(path, None, "the file is empty")
            .with_hint("an ezlinavis list has `# Act` and `## Scene` headings, each followed by one name a line"));
    }
    if headings == 0 {
        return Err(Error::data(
            path,
            None,
            "no `#` heading: ezlinavis lists start their data at the first `#` line",
        )
        .with_hint("put a `# Act` or `## Scene` line before the first character name"));
    }
    if scenes == 0 {
        return Err(
            Error::data(path, None, "has headings but no character names under them")
                .with_hint("list the characters of each segment below its heading, one name a line"),
        );
    }
    Ok(ReadSummary::new(FORMAT, scenes))
}

/// The segment being read.
#[derive(Default)]
struct Segment {
    line: u64,
    /// Whether the segment was opened by a `##` (or deeper) heading.
    has_scene: bool,
    scene: String,
    names: UniqueNames,
}

impl Segment {
    /// Emits the segment if it lists anybody; returns the number of scenes emitted.
    fn emit(&self, wanted: &[usize], episode: &str, on_scene: &mut impl FnMut(Scene<'_>)) -> u64 {
        if self.names.names.is_empty() {
            return 0;
        }
        let episode = Some(episode).filter(|e| !e.is_empty());
        let scene = Some(self.scene.as_str()).filter(|s| self.has_scene && !s.is_empty());
        let names: Vec<&str> = self.names.names.iter().map(String::as_str).collect();
        let columns: Vec<Option<&str>> = wanted
            .iter()
            .map(|&i| match i {
                0 | 1 => episode,
                _ => scene,
            })
            .collect();
        on_scene(Scene {
            line: self.line,
            episode,
            scene,
            characters: &names,
            columns: &columns,
            weight: None,
            tally: Tally::Scene,
        });
        1
    }
}
