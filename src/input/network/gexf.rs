//! GEXF (1.1 to 1.3), Gephi's format, as Gephi, NetworkX (`write_gexf`) and
//! castgraph's `graph export --gexf` write it, read as a weighted edge list
//! (the rules common to graph files are in [`super`]).
//!
//! * The root element must be `<gexf>`. Every `<node>` and `<edge>` is read
//!   (a hierarchy's nested nodes included); dynamic data (spells, time
//!   slices) and visual attributes are ignored.
//! * A node's name is its `label`, else its `id`.
//! * An edge's weight is its `weight` attribute, else an attribute value
//!   titled `weight`, else `value`, else 1.
//! * Attribute values (`<attvalue for="…" value="…">`) are matched to their
//!   declaration (`<attribute id="…" title="…">` in `<attributes
//!   class="node">` or `class="edge"`) and read by title, ignoring case:
//!   `scenes` (nodes and edges) and `group` (nodes). A declaration's
//!   `<default>` applies to the elements that lack the value.
//! * An edge is directed when its `type` is `directed`, or the graph's
//!   `defaultedgetype` is `directed` and it says nothing.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::{Attribute, Defaults, Network, RawEdge, RawNode, check_options, read_whole};
use crate::error::{Error, Result};
use crate::input::xml::{Node, XmlDocument};
use crate::input::{InputFormat, ReadOptions, ReadSummary, Scene};

/// Reads a GEXF file, handing its nodes, then its edges, to `on_scene`.
///
/// # Errors
/// A file that cannot be read or is larger than [`super::MAX_BYTES`];
/// malformed XML, a DOCTYPE or an unknown entity (line and column); a root
/// other than `<gexf>`; a node without an id, an id listed twice, an edge
/// without a source or target, a bad weight or scene count (with the
/// line); a column asked for.
///
/// # Example
/// ```
/// use castgraph::input::{ReadOptions, network::gexf};
///
/// let dir = tempfile::tempdir()?;
/// let file = dir.path().join("g.gexf");
/// std::fs::write(&file, r#"<gexf version="1.3"><graph defaultedgetype="undirected">
///   <nodes><node id="0" label="Carly"/><node id="1" label="Vanessa"/></nodes>
///   <edges><edge id="0" source="0" target="1" weight="2"/></edges></graph></gexf>"#)?;
/// let mut records = Vec::new();
/// gexf::read_path(&file, &ReadOptions::default(), |s| records.push((s.characters.join("+"), s.weight)))?;
/// assert_eq!(records, [("Carly".to_string(), None), ("Vanessa".to_string(), None),
///                      ("Carly+Vanessa".to_string(), Some(2.0))]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    check_options(path, InputFormat::Gexf, opts)?;
    read(path, read_whole(path)?, opts, on_scene)
}

/// Reads GEXF from bytes; `path` is only used in messages.
///
/// # Errors
/// As [`read_path`].
pub fn read(path: &Path, bytes: Vec<u8>, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    check_options(path, InputFormat::Gexf, opts)?;
    parse(path, &XmlDocument::from_bytes(bytes))?.emit(path, on_scene)
}

/// Which elements a declaration of attributes is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Node,
    Edge,
    Other,
}

/// The elements open around the reader, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Root,
    /// A `<graph>`, and whether its edges are directed by default.
    Graph(bool),
    Attributes(Class),
    /// An `<attribute>` declaration: its class and what it is.
    Attribute(Class, Attribute),
    Node(usize),
    Edge(usize),
    Other,
}

/// The hint of a file that is not GEXF.
const NOT_GEXF: &str = "a GEXF file is XML with a <gexf> root, its <nodes> and <edges> in a <graph>";

fn parse(path: &Path, doc: &XmlDocument) -> Result<Network> {
    let mut reader = doc.reader(path);
    let mut stack: Vec<Frame> = Vec::new();
    // Attribute declarations by class and id.
    let mut declared: FxHashMap<(bool, String), Attribute> = FxHashMap::default();
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
            (None, "gexf") => {
                seen_root = true;
                Frame::Root
            }
            (None, other) => {
                return Err(reader
                    .error_at_node(format!(
                        "the root element is <{other}>: this is not a GEXF file (<gexf>)"
                    ))
                    .with_hint(NOT_GEXF));
            }
            (Some(_), "graph") => Frame::Graph(attr("defaultedgetype").as_deref() == Some("directed")),
            (Some(_), "attributes") => Frame::Attributes(match attr("class").as_deref() {
                Some("node") => Class::Node,
                Some("edge") => Class::Edge,
                _ => Class::Other,
            }),
            (Some(Frame::Attributes(class)), "attribute") => {
                let id = attr("id").unwrap_or_default();
                let attribute = Attribute::named(&attr("title").unwrap_or_else(|| id.clone()));
                if class != Class::Other {
                    declared.entry((class == Class::Node, id)).or_insert(attribute);
                }
                Frame::Attribute(class, attribute)
            }
            (Some(Frame::Attribute(class, attribute)), "default") if !empty => {
                let value = (reader.element_text()?, line);
                match class {
                    Class::Node => defaults.set_node(attribute, value),
                    Class::Edge => defaults.set_edge(attribute, value),
                    Class::Other => {}
                }
                continue;
            }
            (Some(_), "node") => {
                let Some(id) = attr("id") else {
                    return Err(reader
                        .error_at_node("a <node> has no `id`")
                        .with_hint("every GEXF node has an id, which its edges name as their source and target"));
                };
                nodes.push(RawNode {
                    id,
                    line,
                    label: attr("label").map(|l| (l, line)),
                    ..RawNode::default()
                });
                Frame::Node(nodes.len() - 1)
            }
            (Some(_), "edge") => {
                let (Some(source), Some(target)) = (attr("source"), attr("target")) else {
                    return Err(reader
                        .error_at_node("an <edge> has no `source` or no `target`")
                        .with_hint("every GEXF edge names the ids of its two nodes as source and target"));
                };
                let directed = match attr("type").map(|t| t.to_ascii_lowercase()).as_deref() {
                    Some("directed") => true,
                    Some(_) => false,
                    None => {
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
                    weight: attr("weight").map(|w| (w, line)),
                    ..RawEdge::default()
                });
                Frame::Edge(edges.len() - 1)
            }
            (Some(_), "attvalue") => {
                let owner = stack
                    .iter()
                    .rev()
                    .find(|f| matches!(f, Frame::Node(_) | Frame::Edge(_)));
                let id = attr("for").or_else(|| attr("id")).unwrap_or_default();
                let value = attr("value").map(|v| (v, line));
                match (owner, value) {
                    (Some(&Frame::Node(i)), Some(value)) => {
                        if let Some(&a) = declared.get(&(true, id)) {
                            nodes[i].set(a, value);
                        }
                    }
                    (Some(&Frame::Edge(i)), Some(value)) => {
                        if let Some(&a) = declared.get(&(false, id)) {
                            // The edge's own `weight` attribute comes first.
                            if !(a == Attribute::Weight && edges[i].weight.is_some()) {
                                edges[i].set(a, value);
                            }
                        }
                    }
                    _ => {}
                }
                Frame::Other
            }
            _ => Frame::Other,
        };
        if !empty {
            stack.push(frame);
        }
    }
    if !seen_root {
        return Err(Error::data(path, None, "holds no XML element: it is not a GEXF file").with_hint(NOT_GEXF));
    }
    Network::new(path, InputFormat::Gexf, nodes, edges, &defaults)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Tally;
    use crate::input::network::test_records::Record;

    fn records(xml: &str) -> Result<(Vec<Record>, ReadSummary)> {
        crate::input::network::test_records::records("g.gexf", xml, |path, bytes, opts, on_scene| {
            read(path, bytes, opts, on_scene)
        })
    }

    #[test]
    fn labels_attributes_and_directed_edges() {
        let (got, summary) = records(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph mode="static" defaultedgetype="undirected">
    <attributes class="node"><attribute id="0" title="Scenes" type="integer"/></attributes>
    <attributes class="edge"><attribute id="s" title="scenes" type="integer"><default>2</default></attribute></attributes>
    <nodes>
      <node id="0" label="Carly"><attvalues><attvalue for="0" value="4"/></attvalues></node>
      <node id="1" label="Vanessa"><attvalues><attvalue for="0" value="3"/></attvalues></node>
    </nodes>
    <edges>
      <edge id="0" source="0" target="1" weight="2.5" type="directed"/>
      <edge id="1" source="1" target="0"><attvalues><attvalue for="s" value="5"/></attvalues></edge>
    </edges>
  </graph>
</gexf>"#,
        )
        .unwrap();
        assert_eq!(
            got,
            [
                ("Carly".to_string(), None, Tally::Node(4)),
                ("Vanessa".to_string(), None, Tally::Node(3)),
                ("Carly+Vanessa".to_string(), Some(2.5), Tally::Edge(2)),
                ("Vanessa+Carly".to_string(), Some(1.0), Tally::Edge(5)),
            ]
        );
        assert_eq!(
            summary.format.to_string(),
            "GEXF; directed edges read as undirected; scene counts from the file"
        );
    }

    #[test]
    fn refuses_what_is_not_gexf() {
        let e = |xml: &str| records(xml).unwrap_err().to_string();
        assert!(e("<graphml/>").contains("the root element is <graphml>"));
        assert!(e("<gexf><graph><nodes><node label='x'/></nodes></graph></gexf>").contains("no `id`"));
        assert!(
            e("<gexf><graph><nodes><node id='a'/></nodes><edges><edge source='a' target='a' weight='x'/></edges></graph></gexf>")
                .contains("the weight of the edge `a`–`a` is `x`, not a number")
        );
        assert!(
            e("<?xml version='1.0'?>\n<!DOCTYPE gexf [<!ENTITY a 'b'>]>\n<gexf/>")
                .starts_with("g.gexf: line 2, column 1")
        );
    }
}
