//! The saved graph file (`output/graph.json`).
//!
//! # Schema, version 5
//!
//! ```json
//! {
//!   "format": "castgraph-graph",
//!   "version": 5,
//!   "generator": "castgraph 0.1.0",
//!   "sources": [{"path": "data/s1.csv", "format": "wide", "directed_rows": false, "scenes_read": 11, "scenes": 11}],
//!   "build": {"weight": "scenes", "input_format": null, "separator": null, "sgb_scene": "group",
//!             "presence": "speakers", "names": "as-written", "no_groups": false,
//!             "aliases": null, "episodes": null, "where": [], "min_scenes": 0, "min_weight": 0,
//!             "drop_isolated": false, "ego": null},
//!   "characters": [{"name": "Vanessa", "scenes": 3}, {"name": "Chorus", "scenes": 2, "group": true}, ...],
//!   "ties": {"source": [0, 1, ...], "target": [1, 2, ...], "weight": [2, 1, ...], "scenes": [2, 1, ...]},
//!   "scenes": {"source": [0, 0, ...], "line": [2, 3, ...], "episode": ["14", "14", ...],
//!              "scene": ["1", "2", ...], "cast": [[0, 1], [2, 3, 0], ...], "weight": [1, 1, ...]}
//! }
//! ```
//!
//! * `format` and `version` come first.
//! * `characters` are in first-appearance order; a character's id is its
//!   position in that list. `group` (written only when true) marks a group
//!   of characters, a play's `personGrp`.
//! * `ties` is a table of four equally long columns, one entry per tie:
//!   `source` and `target` are character ids (`source < target`), each
//!   unordered pair once, in order of first shared scene; `weight` is the
//!   tie's strength and `scenes` the number of scenes the pair shares.
//!   (Columns rather than one object per tie: a graph of millions of ties
//!   loads three times faster and takes half the space.)
//! * `sources` records where the graph came from: each input file as the user
//!   named it, the format read (`wide`, `long`, `sgb`, `ezlinavis`,
//!   `edgelist`, `tei`, `fountain`, `fdx`, `text`, `graphml`, `gexf`, `json`;
//!   `directed_rows` when an edge list's `Directed` rows or a graph file's
//!   directed edges were read as undirected; `counted_edges`, written only
//!   when true, when a graph file lacked scene counts and its edges were
//!   counted instead), the scenes read and the scenes kept by the filters.
//! * `build` records how, field by field ([`Provenance`]): the weighting
//!   rule (`scenes`, `newman`, `column:NAME`), the format given instead of
//!   detected, the separator, the cutting of `.dat` books (`group`,
//!   `chapter`), the alias file, the node tables of edge lists (`nodes`,
//!   written only when there are some), the filters (`episodes` as written,
//!   `where` as `[column, value]` pairs) and, for an ego graph, its centre
//!   and radius (`{"centre": "Carly", "radius": 1}`). A graph built from
//!   prose also has `cast` (the cast file), `window` (`paragraph`,
//!   `words:15`...) and, with a chapter pattern, `chapters`; files without
//!   them load as built without prose.
//! * `scenes` lists the scenes the graph was built from: every scene that
//!   went into it (after the filters; scenes of one character too), in
//!   reading order, as six equally long columns: the position of the input
//!   file in `sources`, the 1-based line of the scene's record, its episode
//!   and scene labels (`null` when the input has none), its cast as
//!   distinct character ids (characters dropped by `--min-scenes` or
//!   `--drop-isolated` leave the casts; a scene left with nobody stays) and
//!   the weight each pair of the cast gained from it. With them
//!   the graph can be cut episode by episode again (`graph timeline` on the
//!   saved graph) and answers can cite their scenes (`graph path`).
//!   It is `null` when the graph was built from more than
//!   [`MAX_LISTED_APPEARANCES`](crate::graph::MAX_LISTED_APPEARANCES)
//!   scenes and appearances. Version 3 added it; version 4 made `build` and
//!   the source formats typed fields; version 5 added the scenes of one
//!   character and the `weight` column. Files of other versions are refused
//!   (rebuild).
//!
//! A file whose `format` is not `castgraph-graph` or whose `version` differs
//! from [`VERSION`] is refused with a message telling the user to rebuild.
//! The file is written by streaming from the graph, without a copy of it.

use std::fs::File;
use std::io::{self, Read};

use std::path::Path;

use crate::util::atomic::write_atomic;

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::{CastGraph, Character, EgoCut, Filters, Provenance, SceneList, Source, Tie};
use crate::input::prose::Window;
use crate::input::weight::WeightRule;
use crate::input::{EpisodeSet, InputFormat, NameStyle, Presence, ReadFormat, SgbScene};
use crate::util::wording::{Action, Message, Part, Setting, msg};

/// The schema version this build reads and writes.
pub const VERSION: u32 = 5;
/// The value of the `format` field.
pub const FORMAT: &str = crate::input::network::json::SAVED_GRAPH;

/// Only the identifying fields, to explain why a file could not be read.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// The whole file, as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GraphFile {
    format: String,
    version: u32,
    #[allow(dead_code)]
    generator: String,
    sources: Vec<SourceFields>,
    build: BuildFields,
    characters: Vec<CharacterFields>,
    ties: TieColumns,
    scenes: Option<SceneColumns>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SceneColumns {
    source: Vec<u32>,
    line: Vec<u64>,
    episode: Vec<Option<String>>,
    scene: Vec<Option<String>>,
    cast: Vec<Vec<u32>>,
    weight: Vec<f64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFields {
    path: String,
    format: String,
    directed_rows: bool,
    /// Written only when true (older files have none).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    counted_edges: bool,
    scenes_read: u64,
    scenes: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BuildFields {
    weight: String,
    input_format: Option<String>,
    separator: Option<char>,
    sgb_scene: String,
    #[serde(default = "speakers")]
    presence: String,
    #[serde(default = "as_written")]
    names: String,
    #[serde(default)]
    no_groups: bool,
    aliases: Option<String>,
    /// Prose (written only for prose builds): the cast file, the window, the chapter pattern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cast: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    window: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    chapters: Option<String>,
    /// Written only when there are node tables (older files have none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    nodes: Vec<String>,
    episodes: Option<String>,
    #[serde(rename = "where")]
    wheres: Vec<(String, String)>,
    min_scenes: u64,
    min_weight: f64,
    drop_isolated: bool,
    ego: Option<EgoFields>,
}

fn speakers() -> String {
    Presence::Speakers.name().to_string()
}

fn as_written() -> String {
    NameStyle::AsWritten.name().to_string()
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EgoFields {
    centre: String,
    radius: usize,
}

impl BuildFields {
    fn of(p: &Provenance) -> BuildFields {
        let f = &p.filters;
        BuildFields {
            weight: p.weight.describe(),
            input_format: p.input_format.map(|f| f.name().to_string()),
            separator: p.separator,
            sgb_scene: p.sgb_scene.name().to_string(),
            presence: p.presence.name().to_string(),
            names: p.names.name().to_string(),
            no_groups: p.no_groups,
            aliases: p.aliases.clone(),
            cast: p.cast.clone(),
            window: p.cast.as_ref().map(|_| p.window.spec()),
            chapters: p.chapters.clone(),
            nodes: p.nodes.clone(),
            episodes: f.episodes.as_ref().map(|e| e.as_str().to_string()),
            wheres: f.wheres.clone(),
            min_scenes: f.min_scenes,
            min_weight: f.min_weight,
            drop_isolated: f.drop_isolated,
            ego: p.ego.as_ref().map(|e| EgoFields {
                centre: e.centre.clone(),
                radius: e.radius,
            }),
        }
    }

    /// The typed record, or what is wrong with the fields.
    fn provenance(self) -> std::result::Result<Provenance, String> {
        let weight = WeightRule::parse(&self.weight)?;
        let input_format = match self.input_format {
            Some(name) => Some(InputFormat::from_name(&name).ok_or(format!("unknown input format `{name}`"))?),
            None => None,
        };
        let sgb_scene =
            SgbScene::from_name(&self.sgb_scene).ok_or(format!("unknown sgb_scene `{}`", self.sgb_scene))?;
        let episodes = self.episodes.as_deref().map(EpisodeSet::parse).transpose()?;
        let presence = Presence::from_name(&self.presence).ok_or(format!("unknown presence `{}`", self.presence))?;
        let names = NameStyle::from_name(&self.names).ok_or(format!("unknown names `{}`", self.names))?;
        let window = match &self.window {
            Some(w) => Window::parse(w).map_err(|_| format!("unknown window `{w}`"))?,
            None => Window::Paragraph,
        };
        if !(self.min_weight.is_finite() && self.min_weight >= 0.0) {
            return Err(format!("min_weight is {}", self.min_weight));
        }
        Ok(Provenance {
            weight,
            input_format,
            separator: self.separator,
            sgb_scene,
            presence,
            names,
            no_groups: self.no_groups,
            aliases: self.aliases,
            cast: self.cast,
            window,
            chapters: self.chapters,
            nodes: self.nodes,
            filters: Filters {
                episodes,
                wheres: self.wheres,
                min_scenes: self.min_scenes,
                min_weight: self.min_weight,
                drop_isolated: self.drop_isolated,
            },
            ego: self.ego.map(|e| EgoCut {
                centre: e.centre,
                radius: e.radius,
            }),
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CharacterFields {
    name: String,
    scenes: u64,
    /// Written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    group: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TieColumns {
    source: Vec<u32>,
    target: Vec<u32>,
    weight: Vec<f64>,
    scenes: Vec<u64>,
}

/// The graph as a document of the current version, serialised by serde in
/// one piece: the reference [`render`] is tested against.
#[cfg(test)]
struct SaveView<'a>(&'a CastGraph);

/// One column of a table, serialised from an iterator.
struct Column<F>(F);

impl<I: Iterator, F: Fn() -> I> Serialize for Column<F>
where
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// A weight as an integer when it is one (`2` rather than `2.0`), else the float.
struct Weight(f64);

impl Serialize for Weight {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < 9e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

#[cfg(test)]
struct TiesView<'a>(&'a CastGraph);

#[cfg(test)]
impl Serialize for TiesView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let g = self.0;
        let mut t = s.serialize_struct("Ties", 4)?;
        t.serialize_field("source", &Column(|| g.ties().map(|(a, _, _)| a)))?;
        t.serialize_field("target", &Column(|| g.ties().map(|(_, b, _)| b)))?;
        t.serialize_field("weight", &Column(|| g.ties().map(|(_, _, tie)| Weight(tie.weight))))?;
        t.serialize_field("scenes", &Column(|| g.ties().map(|(_, _, tie)| tie.scenes)))?;
        t.end()
    }
}

struct ScenesView<'a>(&'a SceneList);

impl Serialize for ScenesView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let l = self.0;
        let mut t = s.serialize_struct("Scenes", 6)?;
        t.serialize_field("source", &Column(|| l.iter().map(|x| x.source)))?;
        t.serialize_field("line", &Column(|| l.iter().map(|x| x.line)))?;
        t.serialize_field("episode", &Column(|| l.iter().map(|x| x.episode)))?;
        t.serialize_field("scene", &Column(|| l.iter().map(|x| x.scene)))?;
        t.serialize_field("cast", &Column(|| l.iter().map(|x| x.cast)))?;
        t.serialize_field("weight", &Column(|| l.iter().map(|x| Weight(x.weight))))?;
        t.end()
    }
}

#[cfg(test)]
impl Serialize for SaveView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let g = self.0;
        let mut f = s.serialize_struct("Graph", 8)?;
        f.serialize_field("format", FORMAT)?;
        f.serialize_field("version", &VERSION)?;
        f.serialize_field("generator", &format!("castgraph {}", env!("CARGO_PKG_VERSION")))?;
        f.serialize_field("sources", &source_fields(g))?;
        f.serialize_field("build", &BuildFields::of(g.provenance()))?;
        f.serialize_field("characters", &Column(|| character_fields(g)))?;
        f.serialize_field("ties", &TiesView(g))?;
        f.serialize_field("scenes", &g.scene_list().map(ScenesView))?;
        f.end()
    }
}

/// Saves `graph` to `path` atomically (a temporary file renamed into place).
///
/// # Errors
/// When the file cannot be written; `path` is then left as it was.
///
/// # Complexity
/// O(n + m + listed appearances), streamed from the graph without a copy.
pub fn save(graph: &CastGraph, path: &Path) -> Result<()> {
    let parts = render(graph).map_err(|e| Error::io(path, "cannot write", e))?;
    write_atomic(path, |w| parts.iter().try_for_each(|part| w.write_all(part)))
}

fn source_fields(g: &CastGraph) -> Vec<SourceFields> {
    g.sources()
        .iter()
        .map(|s| SourceFields {
            path: s.path.clone(),
            format: s.format.format.name().to_string(),
            directed_rows: s.format.directed_rows,
            counted_edges: s.format.counted_edges,
            scenes_read: s.scenes_read,
            scenes: s.scenes,
        })
        .collect()
}

fn character_fields(g: &CastGraph) -> impl Iterator<Item = CharacterFields> + '_ {
    g.characters().map(|c| CharacterFields {
        name: c.name.clone(),
        scenes: c.scenes,
        group: c.group,
    })
}

/// The saved document, in parts to write one after the other: compact
/// JSON, `{"format":…,"version":…,"generator":…,"sources":[…],"build":{…},
/// "characters":[…],"ties":{"source":[…],"target":[…],"weight":[…],
/// "scenes":[…]},"scenes":…}` and a line end.
///
/// The same bytes as serde writing the document in one piece (tested), but
/// the big columns are rendered at once on rayon's threads, each into its
/// own buffer: a cast of 2.9 million ties saves in about half the time.
fn render(g: &CastGraph) -> io::Result<Vec<Vec<u8>>> {
    use rayon::prelude::*;

    #[derive(Serialize)]
    struct Head<'a> {
        format: &'a str,
        version: u32,
        generator: String,
        sources: Vec<SourceFields>,
        build: BuildFields,
    }
    fn json(value: &impl Serialize) -> io::Result<Vec<u8>> {
        serde_json::to_vec(value).map_err(io::Error::from)
    }
    let mut head = json(&Head {
        format: FORMAT,
        version: VERSION,
        generator: format!("castgraph {}", env!("CARGO_PKG_VERSION")),
        sources: source_fields(g),
        build: BuildFields::of(g.provenance()),
    })?;
    // Open again for the fields that follow.
    head.pop();
    type Render<'a> = Box<dyn Fn() -> io::Result<Vec<u8>> + Send + Sync + 'a>;
    let columns: Vec<Render<'_>> = vec![
        Box::new(|| json(&Column(|| character_fields(g)))),
        Box::new(|| json(&Column(|| g.ties().map(|(a, _, _)| a)))),
        Box::new(|| json(&Column(|| g.ties().map(|(_, b, _)| b)))),
        Box::new(|| json(&Column(|| g.ties().map(|(_, _, tie)| Weight(tie.weight))))),
        Box::new(|| json(&Column(|| g.ties().map(|(_, _, tie)| tie.scenes)))),
        Box::new(|| json(&g.scene_list().map(ScenesView))),
    ];
    let rendered = columns
        .par_iter()
        .map(|render| render())
        .collect::<io::Result<Vec<_>>>()?;
    let labels: [&[u8]; 6] = [
        b",\"characters\":",
        b",\"ties\":{\"source\":",
        b",\"target\":",
        b",\"weight\":",
        b",\"scenes\":",
        b"},\"scenes\":",
    ];
    let mut parts = vec![head];
    for (label, column) in labels.into_iter().zip(rendered) {
        parts.push(label.to_vec());
        parts.push(column);
    }
    parts.push(b"}\n".to_vec());
    Ok(parts)
}

/// Loads a saved graph, checking its format, version and consistency.
///
/// # Errors
/// A file that cannot be read, is not a castgraph graph, is of another
/// schema version (the hint says to rebuild) or is damaged (ties joining
/// unknown characters, a name listed twice, columns of different lengths...).
///
/// # Complexity
/// O(file size) time; the file is read whole, then parsed.
///
/// # Example
/// ```
/// use castgraph::CastGraph;
/// use castgraph::graph::store::{load, save};
///
/// let g = CastGraph::from_scenes([&["Carly", "Vanessa"][..], &["Vanessa", "Sasha"]]);
/// let dir = tempfile::tempdir()?;
/// let file = dir.path().join("graph.json");
/// save(&g, &file)?;
/// let back = load(&file)?;
/// assert_eq!((back.character_count(), back.tie_count()), (3, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn load(path: &Path) -> Result<CastGraph> {
    let mut bytes = Vec::new();
    if crate::util::stdin::is_stdin(path) {
        let all = crate::util::stdin::bytes().map_err(|e| Error::io(path, "cannot read", e))?;
        return from_bytes(path, all);
    }
    let mut file = File::open(path).map_err(|e| {
        let missing = e.kind() == io::ErrorKind::NotFound;
        let err = Error::io(path, "cannot open the saved graph", e);
        if missing {
            err.with_hint(msg![
                "run ",
                Action::Build,
                " first, or name the graph with ",
                graph_path()
            ])
        } else {
            err
        }
    })?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::data(path, None, "is a directory, not a saved graph")
            .with_hint(msg!["name the graph file with ", graph_path()]));
    }
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, "cannot read", e))?;
    from_bytes(path, &bytes)
}

/// A saved graph from the bytes of its file; `path` names it in messages.
fn from_bytes(path: &Path, bytes: &[u8]) -> Result<CastGraph> {
    let file: GraphFile = match serde_json::from_slice(bytes) {
        Ok(f) => f,
        // Only on failure: read the identifying fields to say why.
        Err(full) => {
            let header: Header = serde_json::from_slice(bytes).map_err(|e| {
                let what = if e.is_eof() {
                    "is truncated"
                } else {
                    "is not a castgraph graph file"
                };
                Error::data(path, Some(e.line() as u64), format!("{what} ({e})")).with_hint(rebuild())
            })?;
            check_header(path, &header.format, header.version)?;
            return Err(Error::data(
                path,
                Some(full.line() as u64),
                format!("is a damaged graph file ({full})"),
            )
            .with_hint(rebuild()));
        }
    };
    check_header(path, &file.format, file.version)?;
    let damaged =
        |what: String| Error::data(path, None, format!("is a damaged graph file: {what}")).with_hint(rebuild());
    let n = file.characters.len();
    let t = &file.ties;
    let m = t.source.len();
    if t.target.len() != m || t.weight.len() != m || t.scenes.len() != m {
        return Err(damaged("the tie columns have different lengths".to_string()));
    }
    // Each tie's ends, then no pair twice: the targets grouped by source (a
    // counting sort, two sequential passes) and checked with one mark per
    // character, which is several times faster than a hash set of millions
    // of pairs.
    let mut starts = vec![0usize; n + 1];
    for i in 0..m {
        let (a, b, w) = (t.source[i] as usize, t.target[i] as usize, t.weight[i]);
        if a >= n || b >= n || a >= b {
            return Err(damaged(format!("tie {a}–{b} does not join two different characters")));
        }
        if !(w.is_finite() && w > 0.0) {
            return Err(damaged(format!("tie {a}–{b} has weight {w}")));
        }
        starts[a + 1] += 1;
    }
    for a in 0..n {
        starts[a + 1] += starts[a];
    }
    let mut fill = starts.clone();
    let mut targets = vec![0u32; m];
    for i in 0..m {
        let slot = &mut fill[t.source[i] as usize];
        targets[*slot] = t.target[i];
        *slot += 1;
    }
    let mut mark = vec![u32::MAX; n];
    for a in 0..n {
        for &b in &targets[starts[a]..starts[a + 1]] {
            if mark[b as usize] == a as u32 {
                return Err(damaged(format!("tie {a}–{b} is listed twice")));
            }
            mark[b as usize] = a as u32;
        }
    }
    drop((starts, fill, targets, mark));
    let mut names = rustc_hash::FxHashSet::with_capacity_and_hasher(n, Default::default());
    for c in &file.characters {
        if c.name.is_empty() || crate::input::names::forbidden_char(&c.name).is_some() {
            return Err(damaged(format!(
                "character name {:?} is empty or holds a control character",
                c.name
            )));
        }
        if !names.insert(c.name.as_str()) {
            return Err(damaged(format!("character `{}` is listed twice", c.name)));
        }
    }
    drop(names);
    let characters = file
        .characters
        .into_iter()
        .map(|c| Character {
            name: c.name,
            scenes: c.scenes,
            group: c.group,
        })
        .collect();
    let ties = (0..m).map(|i| {
        (
            t.source[i] as usize,
            t.target[i] as usize,
            Tie {
                weight: t.weight[i],
                scenes: t.scenes[i],
            },
        )
    });
    let sources = file
        .sources
        .into_iter()
        .map(|s| {
            let format = InputFormat::from_name(&s.format)
                .ok_or_else(|| damaged(format!("unknown source format `{}`", s.format)))?;
            Ok(Source {
                path: s.path,
                format: ReadFormat {
                    format,
                    directed_rows: s.directed_rows,
                    counted_edges: s.counted_edges,
                },
                scenes_read: s.scenes_read,
                scenes: s.scenes,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let provenance = file
        .build
        .provenance()
        .map_err(|e| damaged(format!("the build record: {e}")))?;
    let source_count = sources.len();
    let mut graph = CastGraph::from_parts(characters, ties, sources, provenance);
    if let Some(sc) = file.scenes {
        let k = sc.source.len();
        if sc.line.len() != k
            || sc.episode.len() != k
            || sc.scene.len() != k
            || sc.cast.len() != k
            || sc.weight.len() != k
        {
            return Err(damaged("the scene columns have different lengths".to_string()));
        }
        let mut list = SceneList::new();
        for i in 0..k {
            if sc.source[i] as usize >= source_count {
                return Err(damaged(format!("scene {} names source {}", i + 1, sc.source[i])));
            }
            if let Some(&bad) = sc.cast[i].iter().find(|&&id| id as usize >= n) {
                return Err(damaged(format!("scene {} lists character {bad}", i + 1)));
            }
            let mut seen = sc.cast[i].clone();
            seen.sort_unstable();
            if let Some(twice) = seen.windows(2).find(|w| w[0] == w[1]) {
                return Err(damaged(format!("scene {} lists character {} twice", i + 1, twice[0])));
            }
            if !(sc.weight[i].is_finite() && sc.weight[i] >= 0.0) {
                return Err(damaged(format!("scene {} has weight {}", i + 1, sc.weight[i])));
            }
            list.push(
                sc.source[i] as usize,
                sc.line[i],
                sc.episode[i].as_deref(),
                sc.scene[i].as_deref(),
                &sc.cast[i],
                sc.weight[i],
            );
        }
        graph.set_scene_list(Some(list));
    }
    Ok(graph)
}

/// The hint of a file that must be rebuilt.
fn rebuild() -> Message {
    msg!["rebuild it with ", Action::Build]
}

/// The setting that names the saved graph, with a placeholder.
fn graph_path() -> Part {
    Part::Value(Setting::Graph, "PATH".to_string())
}

fn check_header(path: &Path, format: &str, version: u32) -> Result<()> {
    if format != FORMAT {
        return Err(
            Error::data(path, None, format!("is not a castgraph graph file (format `{format}`)")).with_hint(rebuild()),
        );
    }
    if version != VERSION {
        return Err(Error::data(
            path,
            None,
            format!("is a graph file of schema version {version}, but this castgraph reads version {VERSION}"),
        )
        .with_hint(rebuild()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts [`render`] writes make the very bytes of serde writing
    /// the document in one piece, with a scene list and without.
    #[test]
    fn rendered_in_parts_as_in_one_piece() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("scenes.csv");
        std::fs::write(
            &file,
            "episode,scene,characters,w\n1,1,\"Carly;Vanessa;Sasha, Jr.\",0.5\n1,2,Carly;Zoë,2\n2,1,Vanessa;Carly,1e-3\n2,2,Ann,1\n",
        )
        .unwrap();
        let opts = crate::build::BuildOptions {
            weight: WeightRule::Column("w".to_string()),
            ..Default::default()
        };
        let (listed, _) = crate::build::from_files(&[file], &opts).unwrap();
        assert!(listed.scene_list().is_some());
        let bare = CastGraph::from_scenes([&["a", "b", "c"][..], &["b", "c"], &["d"]]);
        for graph in [&listed, &bare, &CastGraph::default()] {
            let mut whole = serde_json::to_vec(&SaveView(graph)).unwrap();
            whole.push(b'\n');
            assert_eq!(
                String::from_utf8(render(graph).unwrap().concat()).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }
}
