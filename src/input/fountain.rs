//! Fountain screenplays (`.fountain`, `.spmd`): one scene per scene heading,
//! its speakers present.
//!
//! Fountain 1.1 (fountain.io/syntax) read the castgraph way. The file is
//! UTF-8 (a byte-order mark is dropped; LF, CRLF or CR line endings); a line
//! is *blank* when it holds only whitespace.
//!
//! * **Hidden text first.** A boneyard `/* … */` is removed, line breaks
//!   included (an unclosed `/*` is text); then a note `[[ … ]]` (which may
//!   span lines, but not a blank one: a line of two spaces keeps it together).
//!   A line left with nothing but whitespace by a removal is gone: it is not
//!   a blank line.
//! * **Title page.** When the first line is `Key: value`, the lines up to
//!   the first blank one are the title page (values may go on indented
//!   lines); its first `Title` with a value is the script's title.
//! * **Paragraphs.** A heading or a cue only starts a paragraph: it follows a
//!   blank line, the start of the script, or a structural line (a heading, a
//!   transition, a page break `===`, a section `#`, a synopsis `=`).
//! * **Scene headings.** A line starting with `INT`, `EXT`, `EST`,
//!   `INT./EXT`, `INT/EXT`, `I/E` or `I./E` (any case) followed by a dot or a
//!   space, or forced by a leading `.` followed by a letter or digit (`.KITCHEN`,
//!   `.ИНТ. КУХНЯ`; the `.` is dropped). It starts a scene whether or not a
//!   blank line follows; its label is the line as written (scene numbers
//!   `#1A#` included).
//! * **Never characters.** A line ending in `TO:` (a transition, even forced
//!   with `@`), a line starting with `>` (a forced transition, or `> centred
//!   text <`), `#`, `=`, `!` (forced action) or `~` (lyrics).
//! * **Cues.** A line that starts a paragraph, with text on the next line: a
//!   name with at least one upper-case and no lower-case letter (digits,
//!   spaces and punctuation such as `$ & . ' -` allowed), then only
//!   parentheticals `( … )` and a dual-dialogue `^`; text after a
//!   parenthetical makes the line action (`MARY (40s), a teacher`). A
//!   leading `@` forces a cue in any case or script (`@McCABE`, `@ジョン`). The
//!   lines after a cue, up to a blank line, are its speech.
//! * **Action** is every other line (forced action and centred text
//!   included): what [`Presence::Action`](super::Presence::Action) searches.
//!
//! Scenes, names and labels then follow [`super::screenplay`].

use std::io::Read;
use std::path::Path;

use super::csv::open;
use super::screenplay::{Script, check_options, cue_name, emit, strip_extensions};
use super::text::collapse_whitespace;
use super::{InputFormat, ReadFormat, ReadOptions, ReadSummary, Scene};
use crate::error::{Error, Result};

pub use super::screenplay::{COLUMNS, OPENING_SCENE};

/// The format of a Fountain script.
pub const FORMAT: ReadFormat = ReadFormat::plain(InputFormat::Fountain);

/// Reads a Fountain script from `path`, calling `on_scene` for every scene.
///
/// # Errors
/// A file that cannot be read or is not UTF-8 (with its line), options for
/// plays only, a metadata column scripts do not have.
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    check_options(path, opts)?;
    let mut bytes = Vec::new();
    open(path)?
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, "cannot read", e))?;
    read(path, &bytes, opts, on_scene)
}

/// Reads a Fountain script from bytes; `path` names it in messages and
/// gives the episode label of a script without a title.
///
/// # Errors
/// As [`read_path`].
pub fn read(path: &Path, bytes: &[u8], opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    check_options(path, opts)?;
    let text = decode(path, bytes)?;
    emit(path, FORMAT, parse(text), opts, on_scene)
}

/// The file's text, without a byte-order mark.
fn decode<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let breaks = before
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')))
            .count();
        Error::data(path, Some(breaks as u64 + 1), "is not valid UTF-8").with_hint("save the file as UTF-8")
    })
}

/// A line of the script, after hidden text is taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    text: String,
    /// 1-based line of the file it starts on.
    number: u64,
    /// Hidden text was taken out of it.
    touched: bool,
}

/// The script's scenes (see the module docs).
fn parse(text: &str) -> Script {
    let lines = split_lines(text);
    let lines = vanish(remove_hidden(lines, "/*", "*/", false));
    let lines = vanish(remove_hidden(lines, "[[", "]]", true));
    let (title, start) = title_page(&lines);
    let body = &lines[start..];
    let mut script = Script::default();
    script.title = title;
    if let Some(first) = body.iter().find(|l| !is_blank(&l.text)) {
        script.begin_at(first.number);
    }
    let mut prev = Prev::Start;
    let mut i = 0;
    while i < body.len() {
        let line = &body[i];
        i += 1;
        if is_blank(&line.text) {
            prev = Prev::Blank;
            continue;
        }
        let next = body.get(i).map(|l| l.text.as_str());
        prev = match classify(&line.text, prev != Prev::Text, next) {
            Element::Structural => Prev::Structural,
            Element::Heading(label) => {
                script.heading(label, line.number);
                Prev::Structural
            }
            Element::Cue(name) => {
                script.cue(name);
                // The speech: up to a blank line (a two-space line is not one).
                while body.get(i).is_some_and(|l| !is_blank(&l.text) || is_connector(&l.text)) {
                    i += 1;
                }
                Prev::Text
            }
            Element::Action(text) => {
                script.action(text);
                Prev::Text
            }
            Element::Lyric => Prev::Text,
        };
    }
    script
}

/// What came before a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prev {
    Start,
    Blank,
    /// A heading, transition, page break, section or synopsis.
    Structural,
    Text,
}

/// What a non-blank line of the body is.
#[derive(Debug, PartialEq, Eq)]
enum Element<'a> {
    /// A page break, section, synopsis or transition.
    Structural,
    Heading(&'a str),
    Cue(String),
    Action(&'a str),
    Lyric,
}

/// What `line` is; `opens` when it may start a paragraph, `next` the line after it.
fn classify<'a>(line: &'a str, opens: bool, next: Option<&str>) -> Element<'a> {
    let lead = line.trim_start();
    let t = lead.trim_end();
    // Page breaks (`===`), sections (`#`) and synopses (`=`).
    if lead.starts_with(['#', '=']) {
        return Element::Structural;
    }
    if let Some(rest) = lead.strip_prefix('!') {
        return Element::Action(rest);
    }
    if lead.starts_with('~') {
        return Element::Lyric;
    }
    if opens && let Some(label) = heading(t) {
        return Element::Heading(label);
    }
    if let Some(rest) = t.strip_prefix('>') {
        return match rest.strip_suffix('<') {
            Some(centred) => Element::Action(centred.trim()),
            None => Element::Structural,
        };
    }
    if lead.ends_with("TO:") && !lead.chars().any(char::is_lowercase) {
        return Element::Structural;
    }
    if opens
        && next.is_some_and(|n| !is_blank(n))
        && let Some(name) = cue(t)
    {
        return Element::Cue(name);
    }
    Element::Action(line)
}

/// The heading prefixes, each followed by `.` or a space.
const HEADING_PREFIXES: [&str; 7] = ["int./ext", "int/ext", "i./e", "i/e", "int", "ext", "est"];

/// The label of a scene heading, if the trimmed line `t` is one.
fn heading(t: &str) -> Option<&str> {
    if let Some(forced) = t.strip_prefix('.') {
        return forced
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
            .then_some(forced);
    }
    let b = t.as_bytes();
    HEADING_PREFIXES
        .iter()
        .any(|p| {
            b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes()) && matches!(b[p.len()], b'.' | b' ')
        })
        .then_some(t)
}

/// The name of the cue the trimmed line `t` is, if it has a cue's shape.
fn cue(t: &str) -> Option<String> {
    if t.ends_with("TO:") {
        return None;
    }
    if t.starts_with('@') {
        return cue_name(t);
    }
    let name = strip_extensions(t);
    let cased = name.chars().any(char::is_uppercase) && !name.chars().any(char::is_lowercase);
    if !cased || name.contains(['(', ')']) {
        return None;
    }
    cue_name(t)
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// A line of two or more spaces and nothing else: it keeps a speech or a note together.
fn is_connector(text: &str) -> bool {
    text.len() >= 2 && text.bytes().all(|b| b == b' ')
}

/// The title and where the body starts (see the module docs).
fn title_page(lines: &[Line]) -> (Option<String>, usize) {
    if lines.first().is_none_or(|l| title_key(&l.text).is_none()) {
        return (None, 0);
    }
    let mut fields: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut end = 0;
    for line in lines {
        let text = line.text.as_str();
        if is_blank(text) {
            break;
        }
        if let Some((key, value)) = title_key(text) {
            fields.push((key, Some(value).filter(|v| !v.is_empty()).into_iter().collect()));
        } else if text.starts_with('\t') || text.starts_with("   ") {
            if let Some((_, values)) = fields.last_mut() {
                values.push(text.trim());
            }
        } else {
            // Not a title-page line: the body starts here.
            break;
        }
        end += 1;
    }
    let title = fields
        .iter()
        .find(|(key, values)| key.eq_ignore_ascii_case("title") && !values.is_empty())
        .map(|(_, values)| plain_title(&values.join(" ")))
        .filter(|t| !t.is_empty());
    (title, end)
}

/// The key and value of a title-page line `Key: value`. A scene heading
/// with a colon (`INT. OFFICE - 10:00`) is not one.
fn title_key(text: &str) -> Option<(&str, &str)> {
    if text.starts_with(|c: char| c.is_whitespace() || c == ':') || heading(text.trim()).is_some() {
        return None;
    }
    let (key, value) = text.split_once(':')?;
    Some((key.trim(), value.trim()))
}

/// A title without emphasis markers (`*`, `_`; `\*` and `\_` are the
/// characters), whitespace collapsed.
fn plain_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some('*' | '_')) => out.extend(chars.next()),
            '*' | '_' => {}
            _ => out.push(c),
        }
    }
    collapse_whitespace(&out)
}

/// The lines of `text` (LF, CRLF or CR), numbered from 1.
fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut rest = text;
    let mut number = 1;
    loop {
        let (line, next) = match rest.find(['\r', '\n']) {
            Some(at) => {
                let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..at], Some(&rest[at + skip..]))
            }
            None => (rest, None),
        };
        lines.push(Line {
            text: line.to_string(),
            number,
            touched: false,
        });
        number += 1;
        match next {
            Some(n) => rest = n,
            None => return lines,
        }
    }
}

/// The lines with every `open … close` span taken out, the lines it spans
/// joined into one; `notes`: a span may not hold a blank line (a line of
/// two spaces is not one), else its `open` is text. An `open` that nothing
/// closes is text, and so is the rest of the script.
///
/// Each byte is looked at a bounded number of times, so a script full of
/// unclosed markers costs no more than one without.
fn remove_hidden(lines: Vec<Line>, open: &str, close: &str, notes: bool) -> Vec<Line> {
    let n = lines.len();
    // For every line: the first line from there on holding `close`, and
    // the first blank one (both `n` when none).
    let mut next_close = vec![n; n + 1];
    let mut next_blank = vec![n; n + 1];
    for k in (0..n).rev() {
        let text = &lines[k].text;
        next_close[k] = if text.contains(close) { k } else { next_close[k + 1] };
        next_blank[k] = if is_blank(text) && !is_connector(text) {
            k
        } else {
            next_blank[k + 1]
        };
    }
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let first = i;
        let mut kept = String::new();
        let mut touched = lines[i].touched;
        // Reading lines[i] from byte `from`; the last `close` on it.
        let mut from = 0;
        let mut last_close = lines[i].text.rfind(close);
        loop {
            let text = lines[i].text.as_str();
            let Some(at) = find_from(text, open, from) else {
                kept.push_str(&text[from..]);
                break;
            };
            // Closed on the same line, or on the next line holding `close`.
            let end = if last_close.is_some_and(|c| c >= at + open.len()) {
                find_from(text, close, at + open.len()).map(|c| (i, c))
            } else if next_close[i + 1] == n {
                None
            } else if notes && next_blank[i + 1] < next_close[i + 1] {
                // A blank line inside: not a note.
                kept.push_str(&text[from..at + open.len()]);
                from = at + open.len();
                continue;
            } else {
                let k = next_close[i + 1];
                lines[k].text.find(close).map(|c| (k, c))
            };
            let Some((k, c)) = end else {
                // Never closed: the rest of the script is text.
                kept.push_str(&text[from..]);
                out.push(Line {
                    text: kept,
                    number: lines[first].number,
                    touched,
                });
                out.extend(lines.into_iter().skip(i + 1));
                return out;
            };
            kept.push_str(&text[from..at]);
            touched = true;
            if k != i {
                i = k;
                last_close = lines[i].text.rfind(close);
            }
            from = c + close.len();
        }
        out.push(Line {
            text: kept,
            number: lines[first].number,
            touched,
        });
        i += 1;
    }
    out
}

/// The byte where `pattern` next occurs in `text` at or after `from`.
fn find_from(text: &str, pattern: &str, from: usize) -> Option<usize> {
    text.get(from..)?.find(pattern).map(|p| p + from)
}

/// The lines without those that held only hidden text (and whitespace).
fn vanish(mut lines: Vec<Line>) -> Vec<Line> {
    lines.retain(|l| !(l.touched && is_blank(&l.text)));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{NameStyle, Presence};

    /// Scenes as (label, characters).
    fn scenes_with(text: &str, opts: &ReadOptions) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        read(Path::new("t.fountain"), text.as_bytes(), opts, |s| {
            out.push((
                s.scene.unwrap_or_default().to_string(),
                s.characters.iter().map(|c| c.to_string()).collect(),
            ))
        })
        .unwrap();
        out
    }

    fn scenes(text: &str) -> Vec<(String, Vec<String>)> {
        scenes_with(text, &ReadOptions::default())
    }

    fn one(label: &str, names: &[&str]) -> Vec<(String, Vec<String>)> {
        vec![(label.to_string(), names.iter().map(|n| n.to_string()).collect())]
    }

    #[test]
    fn headings_by_prefix_and_forced() {
        for h in [
            "INT. HOUSE - DAY",
            "EXT HOUSE",
            "EST. CITY",
            "INT./EXT. CAR",
            "INT/EXT CAR",
            "I/E. CAR",
            "I./E CAR",
            "int. house - day",
            "INT - HALL #1A#",
        ] {
            assert_eq!(heading(h), Some(h), "{h}");
        }
        for h in [
            "ESTABLISHING",
            "INTERIOR",
            "INT",
            "...later",
            "..",
            ". X",
            "ИНТ. КУХНЯ",
            "INT。 家",
        ] {
            assert_eq!(heading(h), None, "{h}");
        }
        assert_eq!(heading(".ИНТ. КУХНЯ"), Some("ИНТ. КУХНЯ"));
        assert_eq!(heading(".5 SECONDS LATER"), Some("5 SECONDS LATER"));
    }

    #[test]
    fn a_heading_needs_no_blank_line_after_it_and_may_follow_a_transition() {
        assert_eq!(
            scenes("INT. HALL\nAna enters.\n\nANA\nHi.\n\nCUT TO:\nEXT. GARDEN\n\nANA\nBye.\n"),
            [
                ("INT. HALL".to_string(), vec!["ANA".to_string()]),
                ("EXT. GARDEN".to_string(), vec!["ANA".to_string()])
            ]
        );
        // Not inside an action paragraph or a speech.
        assert_eq!(
            scenes("INT. A\n\nHe runs.\nEXT. B\n\nBOB\nHi.\nINT. C\n"),
            one("INT. A", &["BOB"])
        );
    }

    #[test]
    fn cues_need_a_next_line_and_capitals() {
        assert_eq!(
            scenes("INT. A\n\nBOB\n\nR2D2\nBleep.\n\n23 (O.S.)\nNo.\n\nMary\nHi.\n\nSPACE"),
            one("INT. A", &["R2D2"])
        );
        // A line continuing after a parenthetical is action.
        assert_eq!(
            scenes("INT. A\n\nMARY (40s), a teacher, waves.\nShe sits.\n\nMARY\nHi.\n"),
            one("INT. A", &["MARY"])
        );
        // Forced, any case or script; never a line ending in TO:.
        assert_eq!(
            scenes("INT. A\n\n@McDUCK\nQuack.\n\n@ジョン\nはい。\n\nジョン\nはい。\n\n@CUT TO:\nX\n"),
            one("INT. A", &["McDUCK", "ジョン"])
        );
    }

    #[test]
    fn structural_and_other_lines_are_never_cues() {
        let text = "INT. A\n\n# ACT ONE\nBOB\n\n=SYNOPSIS\nX\n\n!LOUD NOISE\nX\n\n~LA LA\nBOB:\nX\n\n> FADE OUT\nBOB\nHi.\n\n> THE END <\nX\n\nCUT TO:\n\n===\n";
        // None of these lines is a cue; `BOB` after a forced transition is, `BOB:` after a lyric is not.
        assert_eq!(scenes(text), one("INT. A", &["BOB"]));
        assert_eq!(classify("> THE END <", true, Some("x")), Element::Action("THE END"));
        assert_eq!(classify("CUT TO:", true, Some("x")), Element::Structural);
        assert_eq!(classify("CUT TO:  ", true, Some("x")), Element::Action("CUT TO:  "));
        assert_eq!(classify("===", true, Some("x")), Element::Structural);
    }

    #[test]
    fn boneyards_and_notes_vanish_with_their_lines() {
        // The boneyard line vanishes: RUTH is followed by her speech.
        assert_eq!(
            scenes("INT. K\n\nRUTH\n/* was: (angrily) */\nWho?\n\nSAM\nMe.\n"),
            one("INT. K", &["RUTH", "SAM"])
        );
        // A boneyard hiding a scene; the heading after it follows a transition.
        assert_eq!(
            scenes("INT. A\n\nTOM\nDone.\n\nCUT TO:\n/*\nINT. B\n\nJO\nHi.\n*/\nEXT. C\n\nAMY\nCheers.\n"),
            [
                ("INT. A".to_string(), vec!["TOM".to_string()]),
                ("EXT. C".to_string(), vec!["AMY".to_string()])
            ]
        );
        // A note alone between cue and speech vanishes; a note as the whole speech leaves no cue.
        assert_eq!(
            scenes("INT. A\n\nBOB\n[[angry]]\nHi.\n\nCAL\n[[x]]\n\nAMY\nHi.\n"),
            one("INT. A", &["BOB", "AMY"])
        );
        // An unclosed boneyard is text; a note broken by a blank line is text.
        assert_eq!(scenes("INT. A\n\n/* oops\n\nBOB\nHi.\n"), one("INT. A", &["BOB"]));
        assert_eq!(
            scenes("INT. A\n\n[[ not\n\na note ]]\n\nBOB\nHi.\n"),
            one("INT. A", &["BOB"])
        );
    }

    #[test]
    fn hidden_text_keeps_line_numbers() {
        let lines = vanish(remove_hidden(
            split_lines("a /* x\ny */ b\r\nc [[n]]\r[[m]]\nd"),
            "/*",
            "*/",
            false,
        ));
        let lines = vanish(remove_hidden(lines, "[[", "]]", true));
        let got: Vec<(&str, u64)> = lines.iter().map(|l| (l.text.as_str(), l.number)).collect();
        assert_eq!(got, [("a  b", 1), ("c ", 3), ("d", 5)]);
    }

    #[test]
    fn title_page_gives_the_episode() {
        let text = "Title:\n\t_**\"YARGO & FALB\"**_\n\t\"MAISWITH\"\nAuthor: Me\n\nINT. A\n\nBOB\nHi.\n";
        let mut episodes = Vec::new();
        read(
            Path::new("x/cat.fountain"),
            text.as_bytes(),
            &ReadOptions::default(),
            |s| episodes.push(s.episode.map(str::to_string)),
        )
        .unwrap();
        assert_eq!(episodes, [Some("\"YARGO & FALB\" \"MAISWITH\"".to_string())]);
        let mut episodes = Vec::new();
        read(
            Path::new("x/cat.fountain"),
            b"seed: 42\n\nINT. A\n\nBOB\nHi.\n",
            &ReadOptions::default(),
            |s| episodes.push(s.episode.map(str::to_string)),
        )
        .unwrap();
        assert_eq!(episodes, [Some("cat".to_string())]);
        // A heading with a colon is not a title page.
        assert_eq!(
            scenes("INT. OFFICE - 10:00\n\nBOB\nHi.\n"),
            one("INT. OFFICE - 10:00", &["BOB"])
        );
    }

    #[test]
    fn opening_scene_only_with_dialogue() {
        assert_eq!(
            scenes("FADE IN:\n\nA room.\n\nINT. A\n\nBOB\nHi.\n"),
            one("INT. A", &["BOB"])
        );
        let mut lines = Vec::new();
        let summary = read(
            Path::new("p.fountain"),
            b"\nNARRATOR\nHello.\n\nINT. A\n\nHOST\nHi.\n",
            &ReadOptions::default(),
            |s| lines.push((s.line, s.scene.unwrap().to_string())),
        )
        .unwrap();
        assert_eq!(
            lines,
            [(2, "(before the first heading)".to_string()), (5, "INT. A".to_string())]
        );
        assert!(
            summary.notes[0]
                .to_string()
                .contains("1 speech before the first heading")
        );
    }

    #[test]
    fn presence_and_names_options() {
        let text = "INT. A\n\nBOB\nHi.\n\nCYBER BOB\nHey.\n\nEXT. B\n\nCyber Bob waves.\n\nX\nY\n";
        let opts = ReadOptions {
            presence: Presence::Action,
            names: NameStyle::Title,
            ..ReadOptions::default()
        };
        let got = scenes_with(text, &opts);
        assert_eq!(got[1].1, ["X", "Cyber Bob"]);
        let stage = ReadOptions {
            presence: Presence::Stage,
            ..ReadOptions::default()
        };
        let e = read(Path::new("t.fountain"), b"", &stage, |_| {}).unwrap_err();
        assert!(e.to_string().contains("`presence = stage` is for TEI plays"), "{e}");
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let e = read(
            Path::new("t.fountain"),
            b"INT. A\r\n\r\nBOB\n\xff\n",
            &ReadOptions::default(),
            |_| {},
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.fountain: line 4: is not valid UTF-8 (save the file as UTF-8)"
        );
    }

    #[test]
    fn an_empty_script_is_no_scene_and_a_note() {
        let summary = read(Path::new("t.fountain"), b"", &ReadOptions::default(), |_| panic!()).unwrap();
        assert_eq!(summary.scenes, 0);
        assert!(summary.notes[0].to_string().contains("no scene"));
    }
}
