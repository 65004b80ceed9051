//! GraphML, for Cytoscape, yEd, Gephi and `networkx.read_graphml`.
//!
//! Typed `<key>` declarations for every attribute of
//! [`node_attributes`](super::node_attributes()) (`label`: string, `scenes`
//! and `degree`: int, each measure: double, `community`: int when present)
//! and for the edges' `weight` (double) and `scenes` (int); the keys of the
//! path measures carry a `<desc>` saying how they were computed (the
//! distance mode, exact or sampled);
//! `edgedefault="undirected"`. A node's `id` is the character's name, so
//! readers key nodes by name.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{AttrType, AttrValue, EDGE_ATTRIBUTES, NodeData, node_attributes, node_values};
use crate::analysis::centrality::Measure;
use crate::graph::CastGraph;

/// Writes `graph` as GraphML.
pub fn write(graph: &CastGraph, data: &NodeData<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("graphml");
    root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute((
        "xsi:schemaLocation",
        "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
    ));
    w.write_event(Event::Start(root))?;

    let node_attrs = node_attributes(graph, data);
    // Path measures say how they were computed (the distance mode) in the
    // key's <desc>; eigenvector what the graph makes of it, when anything.
    let how = data.scores.options.describe().render(data.wording);
    let notes: Vec<String> = data.scores.notes.iter().map(|n| n.render(data.wording)).collect();
    for (name, ty) in &node_attrs {
        let rows = graph.scene_unit().1 == "rows";
        let desc = match Measure::from_name(name) {
            _ if *name == "scenes" && rows => {
                Some("scenes: the rows of the edge list (interactions) the character appears in".to_string())
            }
            Some(m) if m.uses_distance() => Some(format!("{name}; {how}")),
            Some(Measure::Eigenvector) if !notes.is_empty() => Some(format!("{name}; {}", notes.join("; "))),
            _ => None,
        };
        key(&mut w, &format!("n_{name}"), "node", name, *ty, desc.as_deref())?;
    }
    for (name, ty) in EDGE_ATTRIBUTES {
        let desc = (name == "scenes" && graph.scene_unit().1 == "rows")
            .then_some("scenes: the rows of the edge list (interactions) adding to the tie");
        key(&mut w, &format!("e_{name}"), "edge", name, ty, desc)?;
    }

    let mut g = BytesStart::new("graph");
    g.push_attribute(("id", "castgraph"));
    g.push_attribute(("edgedefault", "undirected"));
    w.write_event(Event::Start(g))?;
    for id in 0..graph.character_count() {
        let mut node = BytesStart::new("node");
        node.push_attribute(("id", graph.character(id).name.as_str()));
        w.write_event(Event::Start(node))?;
        for ((name, _), value) in node_attrs.iter().zip(node_values(graph, data, id)) {
            data_element(&mut w, &format!("n_{name}"), value)?;
        }
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    for (a, b, t) in graph.ties() {
        let mut edge = BytesStart::new("edge");
        edge.push_attribute(("source", graph.character(a).name.as_str()));
        edge.push_attribute(("target", graph.character(b).name.as_str()));
        w.write_event(Event::Start(edge))?;
        data_element(&mut w, "e_weight", AttrValue::Double(t.weight))?;
        data_element(&mut w, "e_scenes", AttrValue::Int(t.scenes))?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    w.into_inner().write_all(b"\n")
}

fn key<W: Write>(
    w: &mut Writer<W>,
    id: &str,
    domain: &str,
    name: &str,
    ty: AttrType,
    desc: Option<&str>,
) -> io::Result<()> {
    let mut k = BytesStart::new("key");
    k.push_attribute(("id", id));
    k.push_attribute(("for", domain));
    k.push_attribute(("attr.name", name));
    k.push_attribute((
        "attr.type",
        match ty {
            AttrType::Text => "string",
            AttrType::Int => "int",
            AttrType::Double => "double",
            AttrType::Bool => "boolean",
        },
    ));
    match desc {
        None => w.write_event(Event::Empty(k)),
        Some(text) => {
            w.write_event(Event::Start(k))?;
            w.write_event(Event::Start(BytesStart::new("desc")))?;
            w.write_event(Event::Text(BytesText::new(text)))?;
            w.write_event(Event::End(BytesEnd::new("desc")))?;
            w.write_event(Event::End(BytesEnd::new("key")))
        }
    }
}

fn data_element<W: Write>(w: &mut Writer<W>, key: &str, value: AttrValue<'_>) -> io::Result<()> {
    let mut d = BytesStart::new("data");
    d.push_attribute(("key", key));
    w.write_event(Event::Start(d))?;
    w.write_event(Event::Text(BytesText::new(&value.to_text())))?;
    w.write_event(Event::End(BytesEnd::new("data")))
}
