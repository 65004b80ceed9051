//! GEXF 1.3, Gephi's own format (also read by `networkx.read_gexf`).
//!
//! `xmlns="http://gexf.net/1.3"`, `defaultedgetype="undirected"`; node
//! attributes declared in `<attributes class="node">` (the label is GEXF's
//! own `label`), each edge with its `weight` and a declared `scenes`
//! attribute. A node's `id` is the character's name.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{AttrType, NodeData, node_attributes, node_values};
use crate::graph::CastGraph;
use crate::util::format::format_number;

/// Writes `graph` as GEXF 1.3.
pub fn write(graph: &CastGraph, data: &NodeData<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("gexf");
    root.push_attribute(("xmlns", "http://gexf.net/1.3"));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute(("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"));
    root.push_attribute(("version", "1.3"));
    w.write_event(Event::Start(root))?;

    w.write_event(Event::Start(BytesStart::new("meta")))?;
    text_element(&mut w, "creator", &format!("castgraph {}", env!("CARGO_PKG_VERSION")))?;
    text_element(
        &mut w,
        "description",
        &format!(
            "Character co-appearance graph; {}",
            data.scores.describe().render(data.wording)
        ),
    )?;
    w.write_event(Event::End(BytesEnd::new("meta")))?;

    let mut g = BytesStart::new("graph");
    g.push_attribute(("defaultedgetype", "undirected"));
    g.push_attribute(("mode", "static"));
    w.write_event(Event::Start(g))?;

    // GEXF has its own `label`; every other node attribute is declared.
    let node_attrs: Vec<(usize, &str, AttrType)> = node_attributes(graph, data)
        .into_iter()
        .enumerate()
        .filter(|(_, (n, _))| *n != "label")
        .map(|(i, (n, t))| (i, n, t))
        .collect();
    let mut decl = BytesStart::new("attributes");
    decl.push_attribute(("class", "node"));
    w.write_event(Event::Start(decl))?;
    for (_, name, ty) in &node_attrs {
        attribute(&mut w, name, *ty)?;
    }
    w.write_event(Event::End(BytesEnd::new("attributes")))?;
    let mut decl = BytesStart::new("attributes");
    decl.push_attribute(("class", "edge"));
    w.write_event(Event::Start(decl))?;
    attribute(&mut w, "scenes", AttrType::Int)?;
    w.write_event(Event::End(BytesEnd::new("attributes")))?;

    w.write_event(Event::Start(BytesStart::new("nodes")))?;
    for id in 0..graph.character_count() {
        let name = graph.character(id).name.as_str();
        let mut node = BytesStart::new("node");
        node.push_attribute(("id", name));
        node.push_attribute(("label", name));
        w.write_event(Event::Start(node))?;
        w.write_event(Event::Start(BytesStart::new("attvalues")))?;
        let values = node_values(graph, data, id);
        for (i, attr, _) in &node_attrs {
            attvalue(&mut w, attr, &values[*i].to_text())?;
        }
        w.write_event(Event::End(BytesEnd::new("attvalues")))?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))?;

    w.write_event(Event::Start(BytesStart::new("edges")))?;
    for (i, (a, b, t)) in graph.ties().enumerate() {
        let mut edge = BytesStart::new("edge");
        edge.push_attribute(("id", i.to_string().as_str()));
        edge.push_attribute(("source", graph.character(a).name.as_str()));
        edge.push_attribute(("target", graph.character(b).name.as_str()));
        edge.push_attribute(("weight", format_number(t.weight).as_str()));
        w.write_event(Event::Start(edge))?;
        w.write_event(Event::Start(BytesStart::new("attvalues")))?;
        attvalue(&mut w, "scenes", &t.scenes.to_string())?;
        w.write_event(Event::End(BytesEnd::new("attvalues")))?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("edges")))?;
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("gexf")))?;
    w.into_inner().write_all(b"\n")
}

fn text_element<W: Write>(w: &mut Writer<W>, name: &str, text: &str) -> io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))?;
    w.write_event(Event::Text(BytesText::new(text)))?;
    w.write_event(Event::End(BytesEnd::new(name)))
}

fn attribute<W: Write>(w: &mut Writer<W>, name: &str, ty: AttrType) -> io::Result<()> {
    let mut a = BytesStart::new("attribute");
    a.push_attribute(("id", name));
    a.push_attribute(("title", name));
    a.push_attribute((
        "type",
        match ty {
            AttrType::Text => "string",
            AttrType::Int => "integer",
            AttrType::Double => "double",
            AttrType::Bool => "boolean",
        },
    ));
    w.write_event(Event::Empty(a))
}

fn attvalue<W: Write>(w: &mut Writer<W>, name: &str, value: &str) -> io::Result<()> {
    let mut v = BytesStart::new("attvalue");
    v.push_attribute(("for", name));
    v.push_attribute(("value", value));
    w.write_event(Event::Empty(v))
}
