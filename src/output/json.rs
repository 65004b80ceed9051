//! Node-link JSON, for D3 and `networkx.node_link_graph(data, edges="links")`.
//!
//! ```json
//! {"directed": false, "multigraph": false,
//!  "graph": {"name": "castgraph", "distance": "inverse", "weight": "scenes", ...},
//!  "nodes": [{"id": "Carly", "label": "Carly", "scenes": 4, "degree": 3, ...}],
//!  "links": [{"source": "Vanessa", "target": "Carly", "weight": 2.0, "scenes": 2}]}
//! ```
//!
//! Node ids are character names, which D3's `forceLink().id(d => d.id)` and
//! NetworkX both use to resolve `source` and `target`.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::{EDGE_ATTRIBUTES, NodeData, node_attributes, node_values};
use crate::graph::CastGraph;

/// Writes `graph` as node-link JSON.
pub fn write(graph: &CastGraph, data: &NodeData<'_>, out: &mut dyn Write) -> io::Result<()> {
    let attrs = node_attributes(graph, data);
    let nodes: Vec<Value> = (0..graph.character_count())
        .map(|id| {
            let mut obj = Map::new();
            obj.insert("id".into(), graph.character(id).name.clone().into());
            for ((name, _), value) in attrs.iter().zip(node_values(graph, data, id)) {
                obj.insert((*name).into(), value.to_json());
            }
            Value::Object(obj)
        })
        .collect();
    let links: Vec<Value> = graph
        .ties()
        .map(|(a, b, t)| {
            let mut obj = Map::new();
            obj.insert("source".into(), graph.character(a).name.clone().into());
            obj.insert("target".into(), graph.character(b).name.clone().into());
            obj.insert(EDGE_ATTRIBUTES[0].0.into(), t.weight.into());
            obj.insert(EDGE_ATTRIBUTES[1].0.into(), t.scenes.into());
            Value::Object(obj)
        })
        .collect();
    let p = graph.provenance();
    let doc = json!({
        "directed": false,
        "multigraph": false,
        "graph": {
            "name": "castgraph",
            "generator": format!("castgraph {}", env!("CARGO_PKG_VERSION")),
            "weight": p.weight.describe(),
            "scenes_count": graph.scene_unit().1,
            "build_options": p.options(data.wording),
            "distance": data.scores.options.distance.name(),
            "measures": data.scores.describe().render(data.wording),
        },
        "nodes": nodes,
        "links": links,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
