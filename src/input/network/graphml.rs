//! GraphML, as NetworkX (`write_graphml`), Gephi, yEd, Cytoscape and
//! castgraph's `graph export --graphml` write it, read as a weighted edge
//! list (the rules common to graph files are in [`super`]).
//!
//! * The root element must be `<graphml>`. Every `<node>` and `<edge>` of
//!   the document is read, nested graphs included; a `<hyperedge>` is an
//!   error (it is not a tie between two characters).
//! * Attributes are `<data key="…">` elements whose `<key>` declares the
//!   attribute's name (`attr.name`, else the key's id) for nodes, edges or
//!   both (`for="all"` or no `for`); names are matched ignoring case. A key's
//!   `<default>` applies to the elements that lack the attribute (`scenes`,
//!   `group`, `weight`, `value`).
//! * A node's name is its `label` attribute (NetworkX writes one when the
//!   graph has it; Gephi does), else its `name` attribute, else its `id`
//!   (castgraph's exports use the name as the id).
//! * An edge is directed when its `directed` attribute is `true`, or its
//!   graph's `edgedefault` is `directed` and it says nothing.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::{Attribute, Defaults, Network, RawEdge, RawNode, check_options, read_whole};
use crate::error::{Error, Result};
use crate::input::xml::{Node, XmlDocument};
use crate::input::{InputFormat, ReadOptions, ReadSummary, Scene};

/// Reads a GraphML file, handing its nodes, then its edges, to `on_scene`.
///
/// # Errors
/// A file that cannot be read or is larger than [`super::MAX_BYTES`];
/// malformed XML, a DOCTYPE or an unknown entity (line and column); a root
/// other than `<graphml>`; a node without an id, an id listed twice, an
/// edge without a source or target, a hyperedge, a bad weight or scene
/// count (with the line); a column asked for.
///
/// # Example
/// ```
/// use castgraph::input::{ReadOptions, network::graphml};
///
/// let dir = tempfile::tempdir()?;
/// let file = dir.path().join("g.graphml");
/// std::fs::write(&file, r#"<graphml><key id="w" for="edge" attr.name="weight"/>
///   <graph edgedefault="undirected"><node id="Carly"/><node id="Vanessa"/><node id="Sasha"/>
///   <edge source="Carly" target="Vanessa"><data key="w">2</data></edge></graph></graphml>"#)?;
/// let mut records = Vec::new();
/// graphml::read_path(&file, &ReadOptions::default(), |s| records.push((s.characters.join("+"), s.weight)))?;
/// assert_eq!(records[2], ("Sasha".to_string(), None));
/// assert_eq!(records[3], ("Carly+Vanessa".to_string(), Some(2.0)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    check_options(path, InputFormat::Graphml, opts)?;
    read(path, read_whole(path)?, opts, on_scene)
}

/// Reads GraphML from bytes; `path` is only used in messages.
///
/// # Errors
/// As [`read_path`].
pub fn read(path: &Path, bytes: Vec<u8>, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    check_options(path, InputFormat::Graphml, opts)?;
    parse(path, &XmlDocument::from_bytes(bytes))?.emit(path, on_scene)
}

/// The elements open around the reader, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Root,
    /// A `<graph>`, and whether its edges are directed by default.
    Graph(bool),
    /// A `<key>`, by its position in the list of keys.
    Key(usize),
    Node(usize),
    Edge(usize),
    Other,
}

/// A `<key>`: what its data is, and for which elements.
#[derive(Debug)]
struct Key {
    attribute: Attribute,
    nodes: bool,
    edges: bool,
}

/// The hint of a file that is not GraphML.
const NOT_GRAPHML: &str = "a GraphML file is XML with a <graphml> root, its nodes and edges in a <graph>";

fn parse(path: &Path, doc: &XmlDocument) -> Result<Network> {
    let mut reader = doc.reader(path);
    let mut stack: Vec<Frame> = Vec::new();
    let mut keys: Vec<Key> = Vec::new();
    let mut key_ids: FxHashMap<String, usize> = FxHashMap::default();
    let mut defaults = Defaults::default();
    let mut nodes: Vec<RawNode> = Vec::new();
    let mut edges: Vec<RawEdge> = Vec::new();
    let mut seen_root = false;
    while let Some(node) = reader.next()? {
        let Node::Start { ref name, empty, .. } = node else {
            if let Node::End { .. } = node {
                stack.pop();
            }
            continue;
        };
        let line = reader.line();
        let attr = |n: &str| node.attribute(n).map(str::to_string);
        let frame = match (stack.last().copied(), name.as_ref()) {
            (None, "graphml") => {
                seen_root = true;
                Frame::Root
            }
            (None, other) => {
                return Err(reader
                    .error_at_node(format!(
                        "the root element is <{other}>: this is not a GraphML file (<graphml>)"
                    ))
                    .with_hint(NOT_GRAPHML));
            }
            (Some(Frame::Root), "key") => {
                let id = attr("id").unwrap_or_default();
                let domain = attr("for").unwrap_or_else(|| "all".to_string());
                let attribute = Attribute::named(&attr("attr.name").unwrap_or_else(|| id.clone()));
                let k = keys.len();
                keys.push(Key {
                    attribute,
                    nodes: matches!(domain.as_str(), "node" | "all"),
                    edges: matches!(domain.as_str(), "edge" | "all"),
                });
                key_ids.entry(id).or_insert(k);
                Frame::Key(k)
            }
            (Some(Frame::Key(k)), "default") if !empty => {
                let value = (reader.element_text()?, line);
                let key = &keys[k];
                if key.nodes {
                    defaults.set_node(key.attribute, value.clone());
                }
                if key.edges {
                    defaults.set_edge(key.attribute, value);
                }
                continue;
            }
            (Some(_), "graph") => Frame::Graph(attr("edgedefault").as_deref() == Some("directed")),
            (Some(_), "node") => {
                let Some(id) = attr("id") else {
                    return Err(reader
                        .error_at_node("a <node> has no `id`")
                        .with_hint("every GraphML node has an id, which its edges name as their source and target"));
                };
                nodes.push(RawNode {
                    id,
                    line,
                    ..RawNode::default()
                });
                Frame::Node(nodes.len() - 1)
            }
            (Some(_), "edge") => {
                let (Some(source), Some(target)) = (attr("source"), attr("target")) else {
                    return Err(reader
                        .error_at_node("an <edge> has no `source` or no `target`")
                        .with_hint("every GraphML edge names the ids of its two nodes as source and target"));
                };
                let directed = match attr("directed").as_deref() {
                    Some("true") => true,
                    Some("false") => false,
                    _ => {
                        stack.iter().rev().find_map(|f| match f {
                            Frame::Graph(d) => Some(*d),
                            _ => None,
                        }) == Some(true)
                    }
                };
                edges.push(RawEdge {
                    source,
                    target,
                    line,
                    directed,
                    ..RawEdge::default()
                });
                Frame::Edge(edges.len() - 1)
            }
            (Some(_), "hyperedge") => {
                return Err(reader
                    .error_at_node("has a <hyperedge>, which is not a tie between two characters")
                    .with_hint("write each hyperedge as edges between its nodes"));
            }
            (Some(owner @ (Frame::Node(_) | Frame::Edge(_))), "data") if !empty => {
                let key = attr("key").and_then(|k| key_ids.get(&k).copied()).map(|k| &keys[k]);
                match (owner, key) {
                    (Frame::Node(i), Some(key)) if key.nodes && key.attribute != Attribute::Other => {
                        let attribute = key.attribute;
                        nodes[i].set(attribute, (reader.element_text()?, line));
                        continue;
                    }
                    (Frame::Edge(i), Some(key)) if key.edges && key.attribute != Attribute::Other => {
                        let attribute = key.attribute;
                        edges[i].set(attribute, (reader.element_text()?, line));
                        continue;
                    }
                    _ => Frame::Other,
                }
            }
            _ => Frame::Other,
        };
        if !empty {
            stack.push(frame);
        }
    }
    if !seen_root {
        return Err(Error::data(path, None, "holds no XML element: it is not a GraphML file").with_hint(NOT_GRAPHML));
    }
    Network::new(path, InputFormat::Graphml, nodes, edges, &defaults)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Tally;
    use crate::input::network::test_records::Record;

    fn records(xml: &str) -> Result<(Vec<Record>, ReadSummary)> {
        crate::input::network::test_records::records("g.graphml", xml, |path, bytes, opts, on_scene| {
            read(path, bytes, opts, on_scene)
        })
    }

    #[test]
    fn labels_weights_defaults_and_direction() {
        let (empty, summary) = records("<graphml><graph/></graphml>").unwrap();
        assert!(empty.is_empty() && summary.notes[0].to_string().contains("has no node: the graph is empty"));
        let (got, summary) = records(
            r#"<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <key id="d1" for="edge" attr.name="weight" attr.type="double"><default>1.5</default></key>
  <key id="d2" for="node" attr.name="colour" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="n0"><data key="d0">Carly</data><data key="d2">red</data></node>
    <node id="n1"><data key="d0">Vanessa</data></node>
    <node id="n2"/>
    <edge source="n0" target="n1"><data key="d1">3</data></edge>
    <edge source="n1" target="n0"/>
  </graph>
</graphml>"#,
        )
        .unwrap();
        assert_eq!(
            got,
            [
                ("Carly".to_string(), None, Tally::Node(2)),
                ("Vanessa".to_string(), None, Tally::Node(2)),
                ("n2".to_string(), None, Tally::Node(0)),
                ("Carly+Vanessa".to_string(), Some(3.0), Tally::Edge(1)),
                ("Vanessa+Carly".to_string(), Some(1.5), Tally::Edge(1)),
            ]
        );
        assert_eq!(
            summary.format.to_string(),
            "GraphML; directed edges read as undirected; no scene counts: each edge counted as one scene"
        );
    }

    #[test]
    fn refuses_what_is_not_graphml() {
        let e = |xml: &str| records(xml).unwrap_err().to_string();
        assert!(e("<gexf/>").contains("line 1, column 1: the root element is <gexf>"));
        assert!(e("<graphml><graph><node/></graph></graphml>").contains("a <node> has no `id`"));
        assert!(e("<graphml><graph><node id='a'/><edge source='a'/></graph></graphml>").contains("no `target`"));
        assert!(e("<graphml><graph><hyperedge/></graph></graphml>").contains("hyperedge"));
        assert!(e("<graphml><graph><node id='a'>\n</graph></graphml>").contains("line 2"));
        assert!(e("<!DOCTYPE graphml><graphml/>").contains("DOCTYPE"));
        assert!(e("").contains("holds no XML element"));
    }
}
