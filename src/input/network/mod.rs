//! Graph files: GraphML ([`graphml`]), GEXF ([`gexf`]) and node-link JSON
//! ([`json`]), as NetworkX, Gephi, d3 and castgraph's own exports write
//! them, read as weighted edge lists.
//!
//! The rules, the same for the three formats:
//!
//! * **Records.** The file is read whole, then handed over as one
//!   [`Tally::Node`] record per node, in the file's order (so characters keep
//!   that order, and a node without edges is still a character), then one
//!   [`Tally::Edge`] record per edge, in the file's order, carrying the edge's
//!   weight, exactly like an edge list's rows. Edges joining the same two
//!   nodes (a multigraph's parallel edges, or both directions of a directed
//!   graph) are summed; an edge from a node to itself adds no tie (the build
//!   warns about it).
//! * **Names.** A node's name is its label where the format has one (see
//!   each format), else its id. Two nodes with the same name are one
//!   character. An edge end that is no node's id becomes a character named
//!   by it (as NetworkX reads it), after the nodes; a note says how many.
//! * **Weights.** An edge's `weight`, else its `value` (d3 and the Star Wars
//!   networks), else 1; the weight rules of every input apply (0, or a
//!   number between 1e-100 and 1e100).
//! * **Scene counts.** castgraph's exports carry a `scenes` attribute on
//!   nodes and edges: a tie's shared scenes are its edge's `scenes`, a
//!   character's scenes its node's `scenes`, so that an export read back
//!   is the graph that was exported. Without them (a file from another
//!   tool) an edge counts as one scene, and a character as many scenes as it
//!   has edges, as an edge list's rows count; the summary then says so
//!   ([`ReadFormat::counted_edges`]). A scene count is a whole number from 0
//!   to 4294967295.
//! * **Directed graphs** are read as undirected ([`ReadFormat::directed_rows`]
//!   says so). **Groups**: a node whose `group` attribute is true (castgraph
//!   exports it for a play's groups) is marked a group; d3's numeric `group`
//!   (a colour class) is not.
//! * Graph files have no columns and no episodes: a column filter or a
//!   weight column is an error.
//! * **Errors** name the file, and the line (and column, for malformed
//!   XML or JSON) of the node or edge at fault: a missing id or end, a bad
//!   weight or count, an id listed twice. A file without nodes gives an
//!   empty graph, with a note. XML goes through the crate's one
//!   XML reader (`input::xml`: no DTD, only the predefined entities).
//!   A file is read whole: one larger than [`MAX_BYTES`] is refused.

pub mod gexf;
pub mod graphml;
pub mod json;

use std::io::Read;
use std::path::Path;

use rustc_hash::FxHashMap;

use super::weight::parse_weight;
use super::{InputFormat, ReadFormat, ReadOptions, ReadSummary, Scene, Tally};
use crate::error::{Error, Result};
use crate::util::wording::{Part, Setting, msg};

/// The largest graph file read: 2 GiB (it is read whole, and its tree takes
/// several times that in memory).
pub const MAX_BYTES: u64 = 2 << 30;

/// The largest scene count a node or an edge may carry.
pub const MAX_COUNT: u64 = u32::MAX as u64;

/// A value read from a file, with the line it is on.
pub(crate) type Field = Option<(String, u64)>;

/// A node as read, before its fields are checked.
#[derive(Debug, Default)]
pub(crate) struct RawNode {
    /// The key edges name it by.
    pub(crate) id: String,
    /// Where the node starts.
    pub(crate) line: u64,
    /// Its label, when the format has one.
    pub(crate) label: Field,
    /// Its `name` attribute.
    pub(crate) name: Field,
    /// Its `scenes` attribute.
    pub(crate) scenes: Field,
    /// Its `group` attribute.
    pub(crate) group: Field,
}

/// An edge as read, before its fields are checked.
#[derive(Debug, Default)]
pub(crate) struct RawEdge {
    /// The key of its source node.
    pub(crate) source: String,
    /// The key of its target node.
    pub(crate) target: String,
    /// Where the edge starts.
    pub(crate) line: u64,
    /// The edge is directed.
    pub(crate) directed: bool,
    /// Its `weight` attribute.
    pub(crate) weight: Field,
    /// Its `value` attribute.
    pub(crate) value: Field,
    /// Its `scenes` attribute.
    pub(crate) scenes: Field,
}

/// The attribute values that nodes and edges lacking one take (GraphML key
/// defaults, GEXF attribute defaults).
#[derive(Debug, Default)]
pub(crate) struct Defaults {
    pub(crate) node_scenes: Field,
    pub(crate) node_group: Field,
    pub(crate) edge_weight: Field,
    pub(crate) edge_value: Field,
    pub(crate) edge_scenes: Field,
}

/// The attributes castgraph reads, by their name in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attribute {
    Label,
    Name,
    Scenes,
    Weight,
    Value,
    Group,
    Other,
}

impl Attribute {
    /// The attribute called `name` (ignoring ASCII case).
    pub(crate) fn named(name: &str) -> Attribute {
        match name.trim().to_ascii_lowercase().as_str() {
            "label" => Attribute::Label,
            "name" => Attribute::Name,
            "scenes" => Attribute::Scenes,
            "weight" => Attribute::Weight,
            "value" => Attribute::Value,
            "group" => Attribute::Group,
            _ => Attribute::Other,
        }
    }
}

impl RawNode {
    /// Sets attribute `which` (those of nodes; others are ignored).
    pub(crate) fn set(&mut self, which: Attribute, value: (String, u64)) {
        match which {
            Attribute::Label => self.label = Some(value),
            Attribute::Name => self.name = Some(value),
            Attribute::Scenes => self.scenes = Some(value),
            Attribute::Group => self.group = Some(value),
            _ => {}
        }
    }
}

impl RawEdge {
    /// Sets attribute `which` (those of edges; others are ignored).
    pub(crate) fn set(&mut self, which: Attribute, value: (String, u64)) {
        match which {
            Attribute::Weight => self.weight = Some(value),
            Attribute::Value => self.value = Some(value),
            Attribute::Scenes => self.scenes = Some(value),
            _ => {}
        }
    }
}

impl Defaults {
    /// Sets the default of node attribute `which`.
    pub(crate) fn set_node(&mut self, which: Attribute, value: (String, u64)) {
        match which {
            Attribute::Scenes => self.node_scenes = Some(value),
            Attribute::Group => self.node_group = Some(value),
            _ => {}
        }
    }

    /// Sets the default of edge attribute `which`.
    pub(crate) fn set_edge(&mut self, which: Attribute, value: (String, u64)) {
        match which {
            Attribute::Weight => self.edge_weight = Some(value),
            Attribute::Value => self.edge_value = Some(value),
            Attribute::Scenes => self.edge_scenes = Some(value),
            _ => {}
        }
    }
}

/// A node, checked.
#[derive(Debug)]
struct Node {
    name: String,
    scenes: Option<u64>,
    group: bool,
    line: u64,
}

/// An edge, checked: its ends are positions in the node list.
#[derive(Debug)]
struct Edge {
    source: usize,
    target: usize,
    weight: f64,
    scenes: Option<u64>,
    line: u64,
}

/// A graph file's nodes and edges, checked, ready to be handed over.
#[derive(Debug)]
pub(crate) struct Network {
    format: InputFormat,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    directed: bool,
    /// Edge ends that named no node: how many, and the first (id, line).
    undeclared: (u64, Option<(String, u64)>),
}

/// Refuses the reading options a graph file cannot honour: columns (for
/// filters or the weight).
pub(crate) fn check_options(path: &Path, format: InputFormat, opts: &ReadOptions) -> Result<()> {
    if let Some(column) = opts.columns.first() {
        return Err(Error::data(
            path,
            None,
            format!(
                "is a graph file ({}), which has no column `{column}`: graph files have no columns",
                format.description()
            ),
        )
        .with_hint(msg![
            "drop ",
            Setting::Where,
            " and ",
            Part::Value(Setting::Weight, "column:NAME".to_string()),
            " for graph files; the edges' own weights are read"
        ]));
    }
    Ok(())
}

/// Reads a graph file whole, refusing one larger than [`MAX_BYTES`].
pub(crate) fn read_whole(path: &Path) -> Result<Vec<u8>> {
    let file = super::csv::open(path)?;
    let size = file.size();
    let too_big = || {
        Error::data(
            path,
            None,
            format!(
                "is {:.1} GiB, more than the 2 GiB castgraph reads of a graph file",
                size as f64 / (1u64 << 30) as f64
            ),
        )
        .with_hint("write the graph as an edge list (Source,Target,Weight), which is read row by row")
    };
    if size > MAX_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, "cannot read", e))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// A scene count: a whole number from 0 to [`MAX_COUNT`] (`3.0` too).
fn parse_count(path: &Path, (raw, line): &(String, u64), subject: impl FnOnce() -> String) -> Result<u64> {
    let text = raw.trim();
    let parsed = text.parse::<u64>().ok().or_else(|| {
        text.parse::<f64>()
            .ok()
            .filter(|x| x.fract() == 0.0 && (0.0..=MAX_COUNT as f64).contains(x))
            .map(|x| x as u64)
    });
    match parsed {
        Some(n) if n <= MAX_COUNT => Ok(n),
        _ => Err(Error::data(
            path,
            Some(*line),
            format!("{} is `{text}`, not a number of scenes", subject()),
        )
        .with_hint("a scene count is a whole number from 0 to 4294967295")),
    }
}

/// A field's text, trimmed, when it is not empty.
fn named(field: &Field) -> Option<&str> {
    field.as_ref().map(|(v, _)| v.trim()).filter(|v| !v.is_empty())
}

/// True for a `group` attribute that says yes: `true`, any case (not a
/// number: d3's `group` is a colour class).
fn is_true(field: &Field) -> bool {
    field
        .as_ref()
        .is_some_and(|(v, _)| v.trim().eq_ignore_ascii_case("true"))
}

impl Network {
    /// Checks the nodes and edges read from a file and resolves the edge ends.
    ///
    /// # Errors
    /// A node without an id or name, an id listed twice, an edge without an
    /// end, a bad weight or scene count; each with the line.
    pub(crate) fn new(
        path: &Path,
        format: InputFormat,
        raw_nodes: Vec<RawNode>,
        raw_edges: Vec<RawEdge>,
        defaults: &Defaults,
    ) -> Result<Network> {
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        let mut nodes = Vec::with_capacity(raw_nodes.len());
        for raw in raw_nodes {
            let name = named(&raw.label)
                .or_else(|| named(&raw.name))
                .unwrap_or(raw.id.trim())
                .to_string();
            if name.is_empty() {
                return Err(Error::data(path, Some(raw.line), "a node has an empty id and no label")
                    .with_hint("give every node an id (or a label), which names its character"));
            }
            if let Some(&first) = index.get(&raw.id) {
                let first: &Node = &nodes[first];
                return Err(Error::data(
                    path,
                    Some(raw.line),
                    format!(
                        "the node id `{}` is listed twice (first on line {})",
                        raw.id, first.line
                    ),
                )
                .with_hint("give every node its own id"));
            }
            let scenes = match raw.scenes.as_ref().or(defaults.node_scenes.as_ref()) {
                Some(field) => Some(parse_count(path, field, || format!("the `scenes` of node `{name}`"))?),
                None => None,
            };
            let group = if raw.group.is_some() {
                is_true(&raw.group)
            } else {
                is_true(&defaults.node_group)
            };
            index.insert(raw.id, nodes.len());
            nodes.push(Node {
                name,
                scenes,
                group,
                line: raw.line,
            });
        }
        let mut network = Network {
            format,
            nodes,
            edges: Vec::with_capacity(raw_edges.len()),
            directed: false,
            undeclared: (0, None),
        };
        for raw in raw_edges {
            let source = network.end(path, &mut index, &raw.source, raw.line)?;
            let target = network.end(path, &mut index, &raw.target, raw.line)?;
            let (a, b) = (&network.nodes[source].name, &network.nodes[target].name);
            let weight = match raw
                .weight
                .as_ref()
                .or(raw.value.as_ref())
                .or(defaults.edge_weight.as_ref())
                .or(defaults.edge_value.as_ref())
            {
                Some((text, line)) => parse_weight(
                    path,
                    *line,
                    || (format!("the weight of the edge `{a}`–`{b}`"), "is"),
                    text.trim(),
                    "write a number, or remove the attribute to count the edge as 1",
                )?,
                None => 1.0,
            };
            let scenes = match raw.scenes.as_ref().or(defaults.edge_scenes.as_ref()) {
                Some(field) => Some(parse_count(path, field, || {
                    format!("the `scenes` of the edge `{a}`–`{b}`")
                })?),
                None => None,
            };
            network.directed |= raw.directed;
            network.edges.push(Edge {
                source,
                target,
                weight,
                scenes,
                line: raw.line,
            });
        }
        Ok(network)
    }

    /// The node an edge end names: the node with that id, else a new one
    /// named by it (as NetworkX adds it), noted.
    ///
    /// # Errors
    /// An end that names no node and is empty: it cannot name a character.
    fn end(&mut self, path: &Path, index: &mut FxHashMap<String, usize>, id: &str, line: u64) -> Result<usize> {
        if let Some(&i) = index.get(id) {
            return Ok(i);
        }
        let name = id.trim();
        if name.is_empty() {
            return Err(Error::data(
                path,
                Some(line),
                format!("an edge end is {id:?}, which is no node's id"),
            )
            .with_hint("every edge names the ids of its two nodes as its source and target"));
        }
        self.undeclared.0 += 1;
        self.undeclared.1.get_or_insert_with(|| (id.to_string(), line));
        let i = self.nodes.len();
        index.insert(id.to_string(), i);
        self.nodes.push(Node {
            name: name.to_string(),
            scenes: None,
            group: false,
            line,
        });
        Ok(i)
    }

    /// Hands the nodes, then the edges, to `on_scene` (see the module docs).
    pub(crate) fn emit(self, path: &Path, mut on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
        let mut edges_of = vec![0u64; self.nodes.len()];
        for e in &self.edges {
            edges_of[e.source] += 1;
            if e.target != e.source {
                edges_of[e.target] += 1;
            }
        }
        let counted_edges =
            self.nodes.iter().any(|n| n.scenes.is_none()) || self.edges.iter().any(|e| e.scenes.is_none());
        for (node, &edges) in self.nodes.iter().zip(&edges_of) {
            on_scene(Scene {
                line: node.line,
                episode: None,
                scene: None,
                characters: &[node.name.as_str()],
                columns: &[],
                weight: None,
                tally: Tally::Node(node.scenes.unwrap_or(edges)),
            });
        }
        for e in &self.edges {
            let pair = [self.nodes[e.source].name.as_str(), self.nodes[e.target].name.as_str()];
            let characters: &[&str] = if pair[0] == pair[1] { &pair[..1] } else { &pair };
            on_scene(Scene {
                line: e.line,
                episode: None,
                scene: None,
                characters,
                columns: &[],
                weight: Some(e.weight),
                tally: Tally::Edge(e.scenes.unwrap_or(1)),
            });
        }
        let format = ReadFormat {
            format: self.format,
            directed_rows: self.directed,
            counted_edges,
        };
        let mut summary = ReadSummary::new(format, self.edges.len() as u64);
        if self.nodes.is_empty() {
            summary
                .notes
                .push(format!("{}: has no node: the graph is empty", path.display()).into());
        }
        summary.groups = self.nodes.iter().filter(|n| n.group).map(|n| n.name.clone()).collect();
        if let (n, Some((id, line))) = &self.undeclared {
            let path = path.display();
            summary.notes.push(if *n == 1 {
                format!("{path}: line {line}: the edge end `{id}` is no node's id; it was added as a character").into()
            } else {
                format!(
                    "{path}: {n} edge ends are no node's id (the first, `{id}`, on line {line}); \
                     they were added as characters"
                )
                .into()
            });
        }
        Ok(summary)
    }
}

/// What the XML readers' tests look at: each record's names (joined by
/// `+`), weight and tally, with the summary.
#[cfg(test)]
pub(crate) mod test_records {
    use super::*;
    use crate::input::Tally;

    /// A record as (names joined by `+`, weight, tally).
    pub type Record = (String, Option<f64>, Tally);

    /// A reader of a whole file's bytes.
    pub type Reader = fn(&Path, Vec<u8>, &ReadOptions, &mut dyn FnMut(Scene<'_>)) -> Result<ReadSummary>;

    /// The records of `text` read by `read` as the file `name`.
    pub fn records(name: &str, text: &str, read: Reader) -> Result<(Vec<Record>, ReadSummary)> {
        let mut out = Vec::new();
        let summary = read(
            Path::new(name),
            text.as_bytes().to_vec(),
            &ReadOptions::default(),
            &mut |s| out.push((s.characters.join("+"), s.weight, s.tally)),
        )?;
        Ok((out, summary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(v: &str) -> Field {
        Some((v.to_string(), 7))
    }

    #[test]
    fn counts_are_whole_numbers_in_range() {
        let p = Path::new("g.graphml");
        let count = |v: &str| parse_count(p, &(v.to_string(), 3), || "the count".to_string());
        assert_eq!(count(" 4 ").unwrap(), 4);
        assert_eq!(count("4.0").unwrap(), 4);
        assert_eq!(count("4294967295").unwrap(), MAX_COUNT);
        for bad in ["-1", "1.5", "x", "", "4294967296", "1e300", "NaN"] {
            assert!(count(bad).is_err(), "{bad}");
        }
        assert_eq!(
            count("x").unwrap_err().to_string(),
            "g.graphml: line 3: the count is `x`, not a number of scenes \
             (a scene count is a whole number from 0 to 4294967295)"
        );
    }

    #[test]
    fn nodes_then_edges_with_their_counts() {
        let nodes = vec![
            RawNode {
                id: "a".into(),
                line: 2,
                label: field("Anna"),
                scenes: field("5"),
                ..RawNode::default()
            },
            RawNode {
                id: "b".into(),
                line: 3,
                ..RawNode::default()
            },
            RawNode {
                id: "c".into(),
                line: 4,
                group: field("true"),
                ..RawNode::default()
            },
        ];
        let edges = vec![
            RawEdge {
                source: "a".into(),
                target: "b".into(),
                line: 5,
                value: field("2.5"),
                ..RawEdge::default()
            },
            RawEdge {
                source: "b".into(),
                target: "zed".into(),
                line: 6,
                directed: true,
                scenes: field("3"),
                ..RawEdge::default()
            },
        ];
        let net = Network::new(Path::new("g"), InputFormat::Graphml, nodes, edges, &Defaults::default()).unwrap();
        let mut got = Vec::new();
        let summary = net
            .emit(Path::new("g"), |s| {
                got.push((s.characters.join("+"), s.weight, s.tally))
            })
            .unwrap();
        assert_eq!(
            got,
            [
                ("Anna".to_string(), None, Tally::Node(5)),
                ("b".to_string(), None, Tally::Node(2)),
                ("c".to_string(), None, Tally::Node(0)),
                ("zed".to_string(), None, Tally::Node(1)),
                ("Anna+b".to_string(), Some(2.5), Tally::Edge(1)),
                ("b+zed".to_string(), Some(1.0), Tally::Edge(3)),
            ]
        );
        assert_eq!(summary.scenes, 2);
        assert_eq!(summary.groups, ["c"]);
        assert!(summary.format.directed_rows && summary.format.counted_edges);
        assert!(
            summary.notes[0].to_string().contains("`zed` is no node's id"),
            "{:?}",
            summary.notes
        );
    }

    #[test]
    fn duplicate_ids_and_bad_fields_say_where() {
        let node = |id: &str, line| RawNode {
            id: id.into(),
            line,
            ..RawNode::default()
        };
        let e = Network::new(
            Path::new("g"),
            InputFormat::Gexf,
            vec![node("a", 2), node("a", 3)],
            Vec::new(),
            &Defaults::default(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "g: line 3: the node id `a` is listed twice (first on line 2) (give every node its own id)"
        );
        let edge = RawEdge {
            source: "a".into(),
            target: "b".into(),
            line: 9,
            weight: field("-2"),
            ..RawEdge::default()
        };
        let e = Network::new(
            Path::new("g"),
            InputFormat::Gexf,
            vec![node("a", 2), node("b", 3)],
            vec![edge],
            &Defaults::default(),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("g: line 7: the weight of the edge `a`–`b` is `-2`, not a non-negative number"),
            "{e}"
        );
    }
}
