//! Final Draft screenplays (`.fdx`): one scene per `Scene Heading`
//! paragraph, its speakers present.
//!
//! A Final Draft file is XML with a `<FinalDraft>` root (any `Version`). The
//! script is the root's first `<Content>`, a list of `<Paragraph Type="…">`:
//!
//! * **Paragraphs.** The `<Paragraph>` children of that `<Content>`, in
//!   order; a paragraph holding a `<DualDialogue>` stands for the paragraphs
//!   inside it (two cues speaking at once). Paragraphs nested elsewhere (in
//!   a `<ScriptNote>`, in `<SceneProperties>`) are not part of the script.
//! * **Text.** A paragraph's text is that of its own `<Text>` children,
//!   joined as they are (`ROSA` + `LIND` is `ROSALIND`); notes and summaries
//!   inside the paragraph do not count. Headings and cues have their
//!   whitespace collapsed.
//! * **Types.** `Scene Heading` starts a scene labelled by its text.
//!   `Character` is a cue, whatever its case (the type says it is one), even
//!   with no dialogue after it; its name loses extensions, `^` and a
//!   trailing `:` as a Fountain cue's does. `Action`, `General`, `Shot` and
//!   untyped paragraphs are action text (for
//!   [`Presence::Action`](super::Presence::Action)). Dialogue,
//!   parentheticals, transitions and any other type count for nothing.
//! * **Title.** The first non-empty paragraph of `<TitlePage><Content>`,
//!   else the file name without its extension.
//!
//! Scenes, names and labels then follow [`super::screenplay`]. The XML is
//! read by the crate's one XML reader (`input/xml.rs`): a DOCTYPE is
//! refused, so no entity is expanded and no other file read; errors give
//! the line and column.

use std::path::Path;

use super::screenplay::{Script, check_options, cue_name, emit};
use super::text::collapse_whitespace;
use super::xml::{Node, XmlDocument};
use super::{InputFormat, ReadFormat, ReadOptions, ReadSummary, Scene};
use crate::error::{Error, Result};

pub use super::screenplay::{COLUMNS, OPENING_SCENE};

/// The format of a Final Draft script.
pub const FORMAT: ReadFormat = ReadFormat::plain(InputFormat::Fdx);

/// Reads a Final Draft script from `path`, calling `on_scene` for every scene.
///
/// # Errors
/// Malformed XML (with line and column), a DOCTYPE, an unknown entity, a
/// root other than `<FinalDraft>`, options for plays only, a metadata
/// column scripts do not have.
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    check_options(path, opts)?;
    read_document(path, &XmlDocument::open(path)?, opts, on_scene)
}

/// Reads a Final Draft script from bytes; `path` names it in messages and
/// gives the episode label of a script without a title page.
///
/// # Errors
/// As [`read_path`].
pub fn read(path: &Path, bytes: Vec<u8>, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    read_document(path, &XmlDocument::from_bytes(bytes), opts, on_scene)
}

fn read_document(
    path: &Path,
    doc: &XmlDocument,
    opts: &ReadOptions,
    on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    check_options(path, opts)?;
    emit(path, FORMAT, parse(path, doc)?, opts, on_scene)
}

/// Where the reader is, by the element it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// `<FinalDraft>`.
    Root,
    /// The root's first `<Content>`: the script.
    Script,
    /// A paragraph of the script (or of a `<DualDialogue>` in it).
    Paragraph,
    /// A `<DualDialogue>` in a paragraph of the script.
    Dual,
    /// `<TitlePage>`.
    TitlePage,
    /// Its `<Content>`.
    TitleContent,
    /// A paragraph of the title page.
    TitleParagraph,
    /// Anything else: not read.
    Skipped,
}

/// A paragraph of the script being read.
#[derive(Debug)]
struct Paragraph {
    kind: Option<String>,
    line: u64,
    text: String,
    /// It holds a `<DualDialogue>`, whose paragraphs stand for it.
    dual: bool,
}

/// The script's scenes (see the module docs).
fn parse(path: &Path, doc: &XmlDocument) -> Result<Script> {
    let mut reader = doc.reader(path);
    let mut script = Script::default();
    let mut stack: Vec<Frame> = Vec::new();
    // The script paragraphs open around the reader (a wrapper and a dual one at most).
    let mut open: Vec<Paragraph> = Vec::new();
    let mut title_text = String::new();
    let mut seen_root = false;
    let mut seen_script = false;
    while let Some(node) = reader.next()? {
        match node {
            Node::Start { ref name, empty, .. } => {
                let line = reader.line();
                let frame = match (stack.last(), name.as_ref()) {
                    (None, "FinalDraft") => {
                        seen_root = true;
                        Frame::Root
                    }
                    (None, other) => {
                        return Err(reader
                            .error_at_node(format!(
                                "the root element is <{other}>: this is not a Final Draft script (<FinalDraft>)"
                            ))
                            .with_hint("a Final Draft file (.fdx) is XML with a <FinalDraft> root"));
                    }
                    (Some(Frame::Root), "Content") if !seen_script => {
                        seen_script = true;
                        Frame::Script
                    }
                    (Some(Frame::Root), "TitlePage") => Frame::TitlePage,
                    (Some(Frame::Script | Frame::Dual), "Paragraph") => {
                        script.begin_at(line);
                        open.push(Paragraph {
                            kind: node.attribute("Type").map(str::to_string),
                            line,
                            text: String::new(),
                            dual: false,
                        });
                        Frame::Paragraph
                    }
                    (Some(Frame::Paragraph), "DualDialogue") => {
                        if let Some(p) = open.last_mut() {
                            p.dual = true;
                        }
                        Frame::Dual
                    }
                    (Some(Frame::Paragraph), "Text") => {
                        if !empty {
                            let text = reader.element_text()?;
                            if let Some(p) = open.last_mut() {
                                p.text.push_str(&text);
                            }
                        }
                        continue;
                    }
                    (Some(Frame::TitlePage), "Content") => Frame::TitleContent,
                    (Some(Frame::TitleContent), "Paragraph") => {
                        title_text.clear();
                        Frame::TitleParagraph
                    }
                    (Some(Frame::TitleParagraph), "Text") => {
                        if !empty {
                            title_text.push_str(&reader.element_text()?);
                        }
                        continue;
                    }
                    _ => Frame::Skipped,
                };
                if empty {
                    close(frame, &mut open, &mut script, &title_text);
                } else {
                    stack.push(frame);
                }
            }
            Node::End { .. } => {
                if let Some(frame) = stack.pop() {
                    close(frame, &mut open, &mut script, &title_text);
                }
            }
            Node::Text(_) => {}
        }
    }
    if !seen_root {
        return Err(Error::data(
            path,
            None,
            "has no <FinalDraft> element: it is not a Final Draft script",
        )
        .with_hint("a Final Draft file (.fdx) is XML with a <FinalDraft> root"));
    }
    Ok(script)
}

/// What the end of an element read in `frame` does.
fn close(frame: Frame, open: &mut Vec<Paragraph>, script: &mut Script, title_text: &str) {
    match frame {
        Frame::Paragraph => {
            if let Some(p) = open.pop()
                && !p.dual
            {
                add(script, p);
            }
        }
        Frame::TitleParagraph if script.title.is_none() => {
            let title = collapse_whitespace(title_text);
            if !title.is_empty() {
                script.title = Some(title);
            }
        }
        _ => {}
    }
}

/// A paragraph of the script, by its type.
fn add(script: &mut Script, p: Paragraph) {
    match p.kind.as_deref() {
        Some("Scene Heading") => script.heading(&p.text, p.line),
        Some("Character") => {
            if let Some(name) = cue_name(&p.text) {
                script.cue(name);
            }
        }
        None | Some("Action" | "General" | "Shot") => script.action(&p.text),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scenes as (episode, label, characters, line).
    type Read = (String, String, Vec<String>, u64);

    fn scenes(xml: &str) -> Result<Vec<Read>> {
        let mut out = Vec::new();
        read(
            Path::new("dir/s.fdx"),
            xml.as_bytes().to_vec(),
            &ReadOptions::default(),
            |s| {
                out.push((
                    s.episode.unwrap_or_default().to_string(),
                    s.scene.unwrap_or_default().to_string(),
                    s.characters.iter().map(|c| c.to_string()).collect(),
                    s.line,
                ))
            },
        )?;
        Ok(out)
    }

    fn script(content: &str) -> String {
        format!("<?xml version=\"1.0\"?>\n<FinalDraft Version=\"1\"><Content>\n{content}\n</Content></FinalDraft>")
    }

    #[test]
    fn paragraph_types_runs_and_notes() {
        let got = scenes(&script(
            r#"<Paragraph Type="Scene Heading"><ScriptNote><Paragraph><Text>note</Text></Paragraph></ScriptNote><Text>INT. </Text><Text>BAKERY</Text></Paragraph>
<Paragraph Type="Character"><Text>ROSA</Text><Text Style="Bold">LIND (CONT&#8217;D)</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Hi.</Text></Paragraph>
<Paragraph Type="Character"><Text>DeShawn</Text></Paragraph>
<Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>"#,
        ))
        .unwrap();
        assert_eq!(
            got,
            [(
                "s".to_string(),
                "INT. BAKERY".to_string(),
                vec!["ROSALIND".to_string(), "DeShawn".to_string()],
                3
            )]
        );
    }

    #[test]
    fn dual_dialogue_and_title_page() {
        let xml = r#"<FinalDraft><TitlePage><Content><Paragraph><Text> </Text></Paragraph><Paragraph><Text>MY  FILM</Text></Paragraph></Content></TitlePage><Content>
<Paragraph Type="Character"><Text>NARRATOR</Text></Paragraph>
<Paragraph Type="Scene Heading"><Text>EXT. X</Text></Paragraph>
<Paragraph><DualDialogue><Paragraph Type="Character"><Text>A</Text></Paragraph><Paragraph Type="Character"><Text>B</Text></Paragraph></DualDialogue></Paragraph>
</Content><Content><Paragraph Type="Character"><Text>NOT READ</Text></Paragraph></Content></FinalDraft>"#;
        let got = scenes(xml).unwrap();
        let labels: Vec<(&str, &str, Vec<String>)> = got
            .iter()
            .map(|(e, s, c, _)| (e.as_str(), s.as_str(), c.clone()))
            .collect();
        assert_eq!(
            labels,
            [
                ("MY FILM", "(before the first heading)", vec!["NARRATOR".to_string()]),
                ("MY FILM", "EXT. X", vec!["A".to_string(), "B".to_string()])
            ]
        );
    }

    #[test]
    fn other_roots_and_doctypes_are_refused_with_position() {
        let e = scenes("<?xml version=\"1.0\"?>\n  <TEI/>").unwrap_err().to_string();
        assert_eq!(
            e,
            "dir/s.fdx: line 2, column 3: the root element is <TEI>: this is not a Final Draft script \
             (<FinalDraft>) (a Final Draft file (.fdx) is XML with a <FinalDraft> root)"
        );
        let e = scenes("<!DOCTYPE FinalDraft [<!ENTITY a \"b\">]>\n<FinalDraft/>")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("dir/s.fdx: line 1, column 1: has a DOCTYPE"), "{e}");
        let e = scenes("").unwrap_err().to_string();
        assert!(e.contains("not a Final Draft script"), "{e}");
    }

    #[test]
    fn an_empty_script_reads_no_scene() {
        assert!(scenes("<FinalDraft><Content/></FinalDraft>").unwrap().is_empty());
    }
}
