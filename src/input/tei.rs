//! TEI-encoded drama, read as DraCor reads it: one scene per segment, the
//! segment's speakers present.
//!
//! The rules are DraCor's (dracor-api `modules/util.xqm`, functions
//! `get-segments` and `distinct-speakers`), so that `graph stats` on a play
//! gives the figures DraCor publishes for it:
//!
//! * **Segments**, in document order, by the first rule that applies to the
//!   play's `body`:
//!   1. no `div` or `div1` in it: the whole `body` is one segment;
//!   2. else, if it has a `div2[@type="scene"]`: those, and every `div1` with
//!      an `sp` child and no `div2` child;
//!   3. else, if it has a `div1`: every `div1`;
//!   4. else: every `div` with an `sp` child, and every `div[@type="scene"]`
//!      with no `sp` at all (an empty scene is a segment without speakers).
//!
//!   A `div` that holds both speeches and scenes is a segment as well as its
//!   scenes (DraCor counts those scenes' speakers twice).
//! * **Speakers** of a segment: every `sp` inside it (at any depth), its
//!   `@who` split at whitespace, tokens of fewer than two characters dropped,
//!   a leading `#` removed, each id once, in order of first appearance. An
//!   `sp` without `@who` counts for nothing; a group (`personGrp`) is a
//!   speaker like any other. With [`Presence::Stage`] the ids in the `@who`
//!   of every `stage` inside the segment count too (silent presence).
//! * **Names**: the text of a speaker's first `persName` (or `name`) in
//!   `particDesc`, whitespace collapsed; the id when there is none. Two
//!   characters present with the same name stay two, as `Name (id)`. With
//!   [`NameStyle::Id`] every character is named by its id.
//! * **Groups**: ids of `personGrp` are reported in [`ReadSummary::groups`];
//!   with [`ReadOptions::groups`] false they are left out of every scene.
//! * **Labels**: a segment's episode is the label of its outermost division
//!   (the act) when the segment is inside one or is itself an act; its scene
//!   is its own label unless it is that act. A label is the division's `head`,
//!   else its `@n`. Metadata columns: `episode` and `act` (the episode label),
//!   `scene`, `type` (the segment's `@type`).
//!
//! The XML is read by the crate's one XML reader: no DTD, no external entity.

use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use super::csv::resolve_columns;
use super::names::normalise;
use super::text::collapse_whitespace;
use super::xml::{Node, XmlDocument};
use super::{
    InputFormat, NameStyle, Presence, ReadFormat, ReadOptions, ReadSummary, Scene, Tally, first_time,
    not_for_this_format,
};
use crate::error::{Error, Result};
use crate::util::wording::{Part, Setting, msg};

/// The format of a TEI play.
pub const FORMAT: ReadFormat = ReadFormat::plain(InputFormat::Tei);

/// The metadata columns a play offers (see the module docs).
pub const COLUMNS: [&str; 4] = ["episode", "act", "scene", "type"];

/// Reads a TEI play from `path`, calling `on_scene` for every segment.
///
/// # Errors
/// Malformed XML (with line and column), a DOCTYPE, an unknown entity, a
/// file without a `body`.
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    read_document(path, &XmlDocument::open(path)?, opts, on_scene)
}

/// Reads a TEI play from bytes; `path` is only used in messages.
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
    mut on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    let wanted = resolve_columns(path, &opts.columns, &COLUMNS)?;
    let value = |s: Setting, v: &str| Part::Value(s, v.to_string());
    if opts.presence == Presence::Action {
        return Err(not_for_this_format(
            path,
            "a TEI play",
            Setting::Presence,
            "action",
            "screenplays",
            msg![
                "for plays, ",
                value(Setting::Presence, "stage"),
                " also counts those a stage direction names in its @who"
            ],
        ));
    }
    if opts.names == NameStyle::Title {
        return Err(not_for_this_format(
            path,
            "a TEI play",
            Setting::Names,
            "title",
            "screenplays",
            msg![
                "for plays, ",
                value(Setting::Names, "id"),
                " names characters by their ids"
            ],
        ));
    }
    let play = Play::parse(path, doc)?;
    if play.bodies.is_empty() {
        return Err(Error::data(path, None, "has no <body>: it is not a TEI play")
            .with_hint("a TEI play has <text><body> with its acts, scenes and speeches (<sp who=\"#id\">)"));
    }
    let segments = play.segments();
    let casts = play.casts(&segments, opts.presence);
    let names = play.names(opts.names, &casts);
    let mut groups: Vec<String> = Vec::new();
    let mut characters: Vec<&str> = Vec::new();
    for (&seg, ids) in segments.iter().zip(&casts) {
        characters.clear();
        let mut seen = None;
        for id in ids {
            let group = play.groups.contains(id.as_str());
            if group && !opts.groups {
                continue;
            }
            let name = names.get(id.as_str()).map_or(id.as_str(), String::as_str);
            if group && !groups.iter().any(|g| g == name) {
                groups.push(name.to_string());
            }
            // Names are unique by construction (ids that would share one are
            // told apart); any remaining coincidence counts once.
            if first_time(name, &characters, &mut seen) {
                characters.push(name);
            }
        }
        let (episode, scene) = play.labels(seg);
        let kind = play.elements[seg].kind_attr.as_deref();
        let columns: Vec<Option<&str>> = wanted
            .iter()
            .map(|&i| match i {
                0 | 1 => episode,
                2 => scene,
                _ => kind,
            })
            .collect();
        on_scene(Scene {
            line: play.elements[seg].line,
            episode,
            scene,
            characters: &characters,
            columns: &columns,
            weight: None,
            tally: Tally::Scene,
        });
    }
    let mut summary = ReadSummary::new(FORMAT, segments.len() as u64);
    summary.groups = groups;
    Ok(summary)
}

/// What an element of the text is to the segment rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Body,
    Div,
    Div1,
    Div2,
    Sp,
    Stage,
    Other,
}

/// An element inside a `body`, with what the rules need of it.
#[derive(Debug)]
struct Element {
    kind: Kind,
    /// The enclosing recorded element (`u32::MAX` for a body).
    parent: u32,
    /// `@type`.
    kind_attr: Option<String>,
    /// `@who` of an `sp` or a `stage`.
    who: Option<String>,
    /// A division's first `head`.
    head: Option<String>,
    /// A division's `@n`.
    n: Option<String>,
    /// 1-based line of the start tag.
    line: u64,
    /// An `sp` is a child.
    has_sp_child: bool,
    /// An `sp` is a descendant.
    has_sp: bool,
    /// A `div2` is a child.
    has_div2_child: bool,
}

impl Element {
    fn is_division(&self) -> bool {
        matches!(self.kind, Kind::Div | Kind::Div1 | Kind::Div2)
    }

    /// A division's label: its first `head`, else its `@n`.
    fn label(&self) -> Option<&str> {
        self.head.as_deref().or(self.n.as_deref())
    }
}

/// The parts of a TEI play the rules read.
#[derive(Debug, Default)]
struct Play {
    /// Every element inside a `body` (and the bodies), in document order.
    elements: Vec<Element>,
    bodies: Vec<usize>,
    /// Cast list: id → name (first `persName` or `name`), in document order.
    cast: Vec<(String, Option<String>)>,
    /// Ids of `personGrp`.
    groups: FxHashSet<String>,
}

impl Play {
    fn parse(path: &Path, doc: &XmlDocument) -> Result<Play> {
        let mut reader = doc.reader(path);
        let mut play = Play::default();
        // The recorded elements open around the current position (inside a body).
        let mut stack: Vec<u32> = Vec::new();
        // Inside particDesc: the person being read and whether its name is taken.
        let mut in_partic = 0usize;
        let mut person: Option<usize> = None;
        while let Some(node) = reader.next()? {
            match node {
                Node::Start { ref name, empty, .. } => {
                    let line = reader.line();
                    let name = name.as_ref();
                    if stack.is_empty() && name != "body" {
                        // Outside the play's text: only the cast list matters.
                        match name {
                            "particDesc" if !empty => in_partic += 1,
                            "person" | "personGrp" if in_partic > 0 => {
                                if let Some(id) = node.attribute("id") {
                                    play.cast.push((id.to_string(), None));
                                    if name == "personGrp" {
                                        play.groups.insert(id.to_string());
                                    }
                                    person = (!empty).then_some(play.cast.len() - 1);
                                }
                            }
                            "persName" | "name" if in_partic > 0 && !empty => {
                                if let Some(p) = person
                                    && play.cast[p].1.is_none()
                                {
                                    let text = reader.element_text()?;
                                    play.cast[p].1 = Some(text);
                                    continue;
                                }
                            }
                            _ => {}
                        }
                        continue;
                    }
                    let kind = match name {
                        "body" => Kind::Body,
                        "div" => Kind::Div,
                        "div1" => Kind::Div1,
                        "div2" => Kind::Div2,
                        "sp" => Kind::Sp,
                        "stage" => Kind::Stage,
                        "head" => {
                            // A division's first head is its label.
                            if let Some(&top) = stack.last()
                                && play.elements[top as usize].is_division()
                                && play.elements[top as usize].head.is_none()
                                && !empty
                            {
                                let text = collapse_whitespace(&reader.element_text()?);
                                if !text.is_empty() {
                                    play.elements[top as usize].head = Some(text);
                                }
                                continue;
                            }
                            Kind::Other
                        }
                        _ => Kind::Other,
                    };
                    let parent = stack.last().copied().unwrap_or(u32::MAX);
                    let index = play.elements.len();
                    play.elements.push(Element {
                        kind,
                        parent,
                        kind_attr: node.attribute("type").map(str::to_string),
                        who: node.attribute("who").map(str::to_string),
                        head: None,
                        n: match kind {
                            Kind::Div | Kind::Div1 | Kind::Div2 => {
                                node.attribute("n").map(collapse_whitespace).filter(|n| !n.is_empty())
                            }
                            _ => None,
                        },
                        line,
                        has_sp_child: false,
                        has_sp: false,
                        has_div2_child: false,
                    });
                    if kind == Kind::Body {
                        play.bodies.push(index);
                    }
                    if parent != u32::MAX {
                        match kind {
                            Kind::Sp => {
                                play.elements[parent as usize].has_sp_child = true;
                                let mut up = parent;
                                while up != u32::MAX && !play.elements[up as usize].has_sp {
                                    play.elements[up as usize].has_sp = true;
                                    up = play.elements[up as usize].parent;
                                }
                            }
                            Kind::Div2 => play.elements[parent as usize].has_div2_child = true,
                            _ => {}
                        }
                    }
                    if !empty {
                        stack.push(index as u32);
                    }
                }
                Node::End { name } => {
                    if !stack.is_empty() {
                        stack.pop();
                    } else {
                        match name.as_ref() {
                            "particDesc" => in_partic = in_partic.saturating_sub(1),
                            "person" | "personGrp" => person = None,
                            _ => {}
                        }
                    }
                }
                Node::Text(_) => {}
            }
        }
        Ok(play)
    }

    /// The segments, in document order (see the module docs).
    fn segments(&self) -> Vec<usize> {
        let els = &self.elements;
        let any = |k: Kind| els.iter().any(|e| e.kind == k);
        if !any(Kind::Div) && !any(Kind::Div1) {
            return self.bodies.clone();
        }
        let scene = |e: &Element| e.kind_attr.as_deref() == Some("scene");
        if els.iter().any(|e| e.kind == Kind::Div2 && scene(e)) {
            return (0..els.len())
                .filter(|&i| {
                    let e = &els[i];
                    (e.kind == Kind::Div2 && scene(e)) || (e.kind == Kind::Div1 && e.has_sp_child && !e.has_div2_child)
                })
                .collect();
        }
        if any(Kind::Div1) {
            return (0..els.len()).filter(|&i| els[i].kind == Kind::Div1).collect();
        }
        (0..els.len())
            .filter(|&i| {
                let e = &els[i];
                e.kind == Kind::Div && (e.has_sp_child || (scene(e) && !e.has_sp))
            })
            .collect()
    }

    /// Each segment's characters as ids (see the module docs).
    fn casts(&self, segments: &[usize], presence: Presence) -> Vec<Vec<String>> {
        let position: FxHashMap<usize, usize> = segments.iter().enumerate().map(|(p, &s)| (s, p)).collect();
        // Raw tokens of each segment, in document order.
        let mut tokens: Vec<Vec<&str>> = vec![Vec::new(); segments.len()];
        for e in &self.elements {
            let counts = match e.kind {
                Kind::Sp => true,
                Kind::Stage => presence == Presence::Stage,
                _ => false,
            };
            let Some(who) = e.who.as_deref().filter(|_| counts) else {
                continue;
            };
            let mut up = e.parent;
            while up != u32::MAX {
                if let Some(&p) = position.get(&(up as usize)) {
                    tokens[p].extend(who.split_ascii_whitespace());
                }
                up = self.elements[up as usize].parent;
            }
        }
        tokens
            .into_iter()
            .map(|raw| {
                let mut seen: FxHashSet<&str> = FxHashSet::default();
                let mut ids: Vec<String> = Vec::new();
                for t in raw {
                    if seen.insert(t) && t.chars().nth(1).is_some() {
                        let id = t.strip_prefix('#').unwrap_or(t);
                        if !ids.iter().any(|i| i == id) {
                            ids.push(id.to_string());
                        }
                    }
                }
                ids
            })
            .collect()
    }

    /// The name of every id that is present somewhere (see the module
    /// docs): the cast list's name, else the id; ids that would share a name
    /// are told apart as `Name (id)`.
    fn names<'p>(&'p self, style: NameStyle, casts: &'p [Vec<String>]) -> FxHashMap<&'p str, String> {
        let mut cast: FxHashMap<&str, &str> = FxHashMap::default();
        for (id, name) in &self.cast {
            if let Some(name) = name {
                cast.entry(id.as_str()).or_insert(name.as_str());
            }
        }
        let mut names: FxHashMap<&str, String> = FxHashMap::default();
        let mut by_name: FxHashMap<String, Vec<&str>> = FxHashMap::default();
        for id in casts.iter().flatten() {
            if names.contains_key(id.as_str()) {
                continue;
            }
            let written = match style {
                NameStyle::Id => None,
                _ => cast
                    .get(id.as_str())
                    .map(|n| normalise(&collapse_whitespace(n)))
                    .filter(|n| !n.is_empty()),
            };
            let name = written.unwrap_or_else(|| id.clone());
            by_name.entry(name.clone()).or_default().push(id);
            names.insert(id, name);
        }
        for (name, ids) in by_name {
            if ids.len() > 1 {
                for id in ids {
                    names.insert(id, format!("{name} ({id})"));
                }
            }
        }
        names
    }

    /// A segment's episode and scene labels (see the module docs).
    fn labels(&self, seg: usize) -> (Option<&str>, Option<&str>) {
        let els = &self.elements;
        // The outermost division containing the segment (or the segment itself).
        let mut outer = None;
        let mut up = seg as u32;
        while up != u32::MAX {
            if els[up as usize].is_division() {
                outer = Some(up as usize);
            }
            up = els[up as usize].parent;
        }
        let own = els[seg].label();
        match outer {
            Some(o) if o != seg => (els[o].label(), own),
            Some(_) if els[seg].kind_attr.as_deref() == Some("scene") => (None, own),
            Some(_) => (own, None),
            None => (None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><particDesc><listPerson>
<person xml:id="a"><persName>Anna</persName></person>
<person xml:id="b"><persName>Bert</persName></person>
<personGrp xml:id="chor"><name>Chor</name></personGrp>
<person xml:id="c"><persName>Anna</persName></person>
</listPerson></particDesc></profileDesc></teiHeader><text>"#;

    /// A scene as (episode, scene, characters).
    type Read = (Option<String>, Option<String>, Vec<String>);

    fn scenes(body: &str, opts: &ReadOptions) -> Result<(Vec<Read>, ReadSummary)> {
        let xml = format!("{HEAD}{body}</text></TEI>");
        let mut out = Vec::new();
        let summary = read(Path::new("play.xml"), xml.into_bytes(), opts, |s| {
            out.push((
                s.episode.map(String::from),
                s.scene.map(String::from),
                s.characters.iter().map(|c| c.to_string()).collect(),
            ))
        })?;
        Ok((out, summary))
    }

    fn casts(body: &str) -> Vec<Vec<String>> {
        scenes(body, &ReadOptions::default())
            .unwrap()
            .0
            .into_iter()
            .map(|s| s.2)
            .collect()
    }

    #[test]
    fn scene_divs_with_speeches_are_segments_and_empty_scenes_count() {
        let got = scenes(
            r##"<body><div type="act"><head>Act I</head>
            <div type="scene" n="1"><sp who="#a"/><sp who="#b #a"/></div>
            <div type="scene"><head>Scene 2</head><stage>Night.</stage></div>
            <div type="scene"><sp who="#b"/></div></div></body>"##,
            &ReadOptions::default(),
        )
        .unwrap()
        .0;
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[0],
            (
                Some("Act I".into()),
                Some("1".into()),
                vec!["Anna".into(), "Bert".into()]
            )
        );
        assert_eq!(got[1], (Some("Act I".into()), Some("Scene 2".into()), vec![]));
        assert_eq!(got[2].2, ["Bert"]);
    }

    #[test]
    fn a_body_without_divisions_is_one_segment() {
        assert_eq!(
            casts(r##"<body><sp who="#a"/><sp who="#b"/></body>"##),
            [["Anna", "Bert"]]
        );
    }

    #[test]
    fn an_act_with_speeches_and_scenes_counts_both() {
        let got = casts(r##"<body><div type="act"><sp who="#a"/><div type="scene"><sp who="#b"/></div></div></body>"##);
        assert_eq!(got, [vec!["Anna", "Bert"], vec!["Bert"]]);
    }

    #[test]
    fn div1_and_div2_rules() {
        // Any div2 scene: those, and div1 with sp and no div2.
        let got = casts(
            r##"<body><div1><sp who="#a"/></div1><div1><div2 type="scene"><sp who="#b"/></div2><div2><sp who="#a"/></div2></div1></body>"##,
        );
        assert_eq!(got, [vec!["Anna"], vec!["Bert"]]);
        // Only div1: every div1, even without speeches.
        let got = casts(r##"<body><div1><sp who="#a"/></div1><div1/><div1><div><sp who="#b"/></div></div1></body>"##);
        assert_eq!(got, [vec!["Anna"], vec![], vec!["Bert"]]);
    }

    #[test]
    fn who_tokens_follow_dracor() {
        // Split at whitespace, one-character tokens dropped, each id once; spGrp
        // speeches count for the enclosing segment (it has a direct sp).
        let got = casts(
            r##"<body><div type="scene"><sp who=" #b
            #a #"/><spGrp><sp who="#chor"/></spGrp><sp who="#b"/><sp/><sp who="#zed"/></div></body>"##,
        );
        assert_eq!(got, [vec!["Bert", "Anna", "Chor", "zed"]]);
    }

    #[test]
    fn stage_presence_and_groups_and_ids() {
        let body =
            r##"<body><div type="scene"><stage who="#c">Cora listens.</stage><sp who="#a #chor"/></div></body>"##;
        assert_eq!(casts(body), [vec!["Anna", "Chor"]]);
        let stage = ReadOptions {
            presence: Presence::Stage,
            ..ReadOptions::default()
        };
        let (got, summary) = scenes(body, &stage).unwrap();
        assert_eq!(got[0].2, ["Anna (c)", "Anna (a)", "Chor"]);
        assert_eq!(summary.groups, ["Chor"]);
        let no_groups = ReadOptions {
            groups: false,
            names: NameStyle::Id,
            ..ReadOptions::default()
        };
        let (got, summary) = scenes(body, &no_groups).unwrap();
        assert_eq!(got[0].2, ["a"]);
        assert!(summary.groups.is_empty());
    }

    #[test]
    fn documents_without_a_body_are_refused() {
        let xml = format!("{HEAD}</text></TEI>");
        let e = read(Path::new("p.xml"), xml.into_bytes(), &ReadOptions::default(), |_| {}).unwrap_err();
        assert!(e.to_string().contains("has no <body>"), "{e}");
    }
}
