//! Node-link JSON, as NetworkX (`node_link_data`), d3 (`miserables.json`),
//! the Star Wars networks and castgraph's `graph export --json` write it,
//! read as a weighted edge list (the rules common to graph files are in
//! [`super`]).
//!
//! * The file is one JSON object with a `nodes` list and a `links` list
//!   (NetworkX 3.4 and later may call it `edges`; a file with both is
//!   refused). Anything else is refused with a message saying what the file
//!   is; castgraph's own saved graph (`"format": "castgraph-graph"`) is
//!   pointed to the commands that read it.
//! * A node is an object. When any node has an `id`, every node must have
//!   one, and links name their nodes by it (a string or a number, compared
//!   as text). Without ids (d3 v3, the Star Wars files), a link's number is
//!   a position in `nodes`, counting from 0, and a link's string is a
//!   node's name.
//! * A node's name is its `id`, else its `name`, else its `label`, else its
//!   position.
//! * `directed: true` marks every link directed (read as undirected, and
//!   said so); a multigraph's parallel links are summed.
//! * Errors name the line where the node or link at fault starts, and the
//!   line and column of malformed JSON.

use std::path::Path;

use serde_json::{Map, Value};

use super::{Defaults, Network, RawEdge, RawNode, check_options, read_whole};
use crate::error::{Error, Result};
use crate::input::{InputFormat, ReadOptions, ReadSummary, Scene};
use crate::util::wording::{Part, Setting, msg};

/// The `format` of a graph saved by castgraph (see `graph::store`), which
/// this reader points to the commands that read it.
pub const SAVED_GRAPH: &str = "castgraph-graph";

/// Reads a node-link JSON file, handing its nodes, then its links, to `on_scene`.
///
/// # Errors
/// A file that cannot be read or is larger than [`super::MAX_BYTES`];
/// malformed JSON (line and column); JSON that is not node-link data (a
/// saved castgraph graph among them); a node or link that is not an object,
/// a missing `id`, `source` or `target`, a link by number out of range, an
/// id listed twice, a bad weight or scene count (with the line); a column
/// asked for.
///
/// # Example
/// ```
/// use castgraph::input::{ReadOptions, network::json};
///
/// let dir = tempfile::tempdir()?;
/// let file = dir.path().join("miserables.json");
/// std::fs::write(&file, r#"{"nodes": [{"id": "Myriel", "group": 1}, {"id": "Napoleon", "group": 1}],
///   "links": [{"source": "Napoleon", "target": "Myriel", "value": 1}]}"#)?;
/// let mut records = Vec::new();
/// json::read_path(&file, &ReadOptions::default(), |s| records.push((s.characters.join("+"), s.weight)))?;
/// assert_eq!(records[2], ("Napoleon+Myriel".to_string(), Some(1.0)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    check_options(path, InputFormat::Json, opts)?;
    read(path, &read_whole(path)?, opts, on_scene)
}

/// Reads node-link JSON from bytes; `path` is only used in messages.
///
/// # Errors
/// As [`read_path`].
pub fn read(path: &Path, bytes: &[u8], opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    check_options(path, InputFormat::Json, opts)?;
    parse(path, bytes)?.emit(path, on_scene)
}

/// The hint of JSON that is not node-link data.
const NODE_LINK_HINT: &str = "castgraph reads graphs in JSON as NetworkX and d3 write them: \
     {\"nodes\": [{\"id\": \"A\"}, ...], \"links\": [{\"source\": \"A\", \"target\": \"B\", \"weight\": 2}, ...]}";

fn parse(path: &Path, bytes: &[u8]) -> Result<Network> {
    let doc = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let root: Value = serde_json::from_slice(doc).map_err(|e| malformed(path, &e))?;
    let Value::Object(root) = &root else {
        let what = match root {
            Value::Array(_) => "a list",
            Value::String(_) => "a string",
            Value::Number(_) => "a number",
            _ => "a single value",
        };
        return Err(Error::data(
            path,
            None,
            format!("is JSON, but not node-link graph data: the file holds {what}, not an object"),
        )
        .with_hint(NODE_LINK_HINT));
    };
    if root.get("format").and_then(Value::as_str) == Some(SAVED_GRAPH) {
        return Err(Error::data(
            path,
            None,
            "is a graph saved by castgraph, not a file to build a graph from",
        )
        .with_hint(msg![
            "it is already a graph: commands read it with ",
            Part::Value(Setting::Graph, path.display().to_string())
        ]));
    }
    let list = |key: &str| root.get(key).and_then(Value::as_array);
    let (links_key, links) = match (list("links"), list("edges")) {
        (Some(_), Some(_)) => {
            return Err(Error::data(path, None, "has both a `links` and an `edges` list")
                .with_hint("keep one of them: node-link data lists its edges under one name"));
        }
        (Some(l), None) => ("links", l),
        (None, Some(e)) => ("edges", e),
        (None, None) => return Err(not_node_link(path, root)),
    };
    let Some(nodes) = list("nodes") else {
        return Err(not_node_link(path, root));
    };
    let node_lines = element_lines(doc, "nodes");
    let link_lines = element_lines(doc, links_key);
    let line_of = |lines: &[u64], i: usize| lines.get(i).copied().unwrap_or(1);
    let directed = root.get("directed") == Some(&Value::Bool(true));
    let has_ids = nodes.iter().any(|n| n.get("id").is_some());

    let mut raw_nodes = Vec::with_capacity(nodes.len());
    // Without ids: each node's name, for links that name a node.
    let mut by_name: rustc_hash::FxHashMap<String, usize> = Default::default();
    for (i, node) in nodes.iter().enumerate() {
        let line = line_of(&node_lines, i);
        let node = object(path, node, line, "node")?;
        let id = match (has_ids, node.get("id")) {
            (false, _) => index_key(i),
            (true, Some(v)) => scalar(v).ok_or_else(|| {
                Error::data(
                    path,
                    Some(line),
                    format!("the node's `id` is {v}, not a string or a number"),
                )
                .with_hint("an id is a string or a number, which links name as their source and target")
            })?,
            (true, None) => {
                return Err(
                    Error::data(path, Some(line), "this node has no `id`, while other nodes have one")
                        .with_hint("give every node an `id`: links name their nodes by it"),
                );
            }
        };
        let name = ["id", "name", "label"]
            .iter()
            .filter_map(|k| node.get(*k).and_then(scalar))
            .find(|n| !n.trim().is_empty())
            .unwrap_or_else(|| i.to_string());
        if !has_ids {
            by_name.entry(name.trim().to_string()).or_insert(i);
        }
        raw_nodes.push(RawNode {
            id,
            line,
            label: Some((name, line)),
            scenes: node.get("scenes").map(|v| (text(v), line)),
            group: (node.get("group") == Some(&Value::Bool(true))).then(|| ("true".to_string(), line)),
            ..RawNode::default()
        });
    }

    let mut raw_edges = Vec::with_capacity(links.len());
    for (i, link) in links.iter().enumerate() {
        let line = line_of(&link_lines, i);
        let link = object(path, link, line, "link")?;
        let end = |which: &str| -> Result<String> {
            let Some(v) = link.get(which) else {
                return Err(Error::data(path, Some(line), format!("the link has no `{which}`"))
                    .with_hint("every link names its two nodes as `source` and `target`"));
            };
            if has_ids {
                return scalar(v).ok_or_else(|| {
                    Error::data(
                        path,
                        Some(line),
                        format!("the link's `{which}` is {v}, not a node id (a string or a number)"),
                    )
                    .with_hint("a link names its nodes by their `id`")
                });
            }
            match v {
                Value::String(s) => Ok(by_name.get(s.trim()).map_or_else(|| s.clone(), |&i| index_key(i))),
                Value::Number(n) => match n.as_u64() {
                    Some(k) if (k as usize) < nodes.len() && k < u64::from(u32::MAX) => Ok(index_key(k as usize)),
                    _ => Err(Error::data(
                        path,
                        Some(line),
                        match nodes.len() {
                            0 => format!("the link's `{which}` is {n}, but there are no nodes"),
                            len => format!("the link's `{which}` is {n}, but the last node is number {}", len - 1),
                        },
                    )
                    .with_hint("a link's number is a position in the `nodes` list, counting from 0")),
                },
                other => Err(Error::data(
                    path,
                    Some(line),
                    format!("the link's `{which}` is {other}, not a node's position or name"),
                )
                .with_hint("a link names its nodes by their position in `nodes` (from 0) or their name")),
            }
        };
        let (source, target) = (end("source")?, end("target")?);
        raw_edges.push(RawEdge {
            source,
            target,
            line,
            directed,
            weight: link.get("weight").map(|v| (text(v), line)),
            value: link.get("value").map(|v| (text(v), line)),
            scenes: link.get("scenes").map(|v| (text(v), line)),
        });
    }
    Network::new(path, InputFormat::Json, raw_nodes, raw_edges, &Defaults::default())
}

/// The key of the node at position `i` of a file without ids (no string a
/// file could hold as a name: names cannot hold control characters).
fn index_key(i: usize) -> String {
    format!("\u{0}{i}")
}

/// A node or link as an object, or the error.
fn object<'v>(path: &Path, value: &'v Value, line: u64, what: &str) -> Result<&'v Map<String, Value>> {
    value.as_object().ok_or_else(|| {
        let example = if what == "node" {
            r#"{"id": "A"}"#
        } else {
            r#"{"source": "A", "target": "B"}"#
        };
        Error::data(path, Some(line), format!("a {what} is {}, not an object", short(value)))
            .with_hint(format!("each {what} is an object such as {example}"))
    })
}

/// A string or a number as text (`None` for anything else).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Any value as text, for fields parsed as numbers (a string as it is).
fn text(v: &Value) -> String {
    scalar(v).unwrap_or_else(|| short(v))
}

/// A value as JSON, cut to 40 characters for messages.
fn short(v: &Value) -> String {
    let full = v.to_string();
    match full.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &full[..at]),
        None => full,
    }
}

/// The error of JSON that is not node-link data, with the keys it has.
fn not_node_link(path: &Path, root: &Map<String, Value>) -> Error {
    let keys: Vec<String> = root.keys().take(8).map(|k| format!("`{k}`")).collect();
    let found = if keys.is_empty() {
        "it is an empty object".to_string()
    } else {
        format!("keys found: {}", keys.join(", "))
    };
    Error::data(
        path,
        None,
        format!("is JSON, but not node-link graph data: it has no `nodes` and `links` (or `edges`) lists ({found})"),
    )
    .with_hint(NODE_LINK_HINT)
}

/// The error of bytes that are not JSON, at serde_json's line and column.
fn malformed(path: &Path, e: &serde_json::Error) -> Error {
    let text = e.to_string();
    let what = text.rsplit_once(" at line ").map_or(text.as_str(), |(w, _)| w);
    Error::data_at(
        path,
        e.line() as u64,
        e.column().max(1) as u64,
        format!("malformed JSON: {what}"),
    )
    .with_hint("a node-link file is one JSON object, as NetworkX and d3 write it; check that it is complete")
}

/// The 1-based line on which each element of the top-level list `key`
/// starts (the last such list, as serde_json keeps the last of repeated
/// keys). `bytes` must be valid JSON; anything else gives lines that may
/// be wrong, never a panic.
fn element_lines(bytes: &[u8], key: &str) -> Vec<u64> {
    let mut line = 1u64;
    let mut depth = 0usize;
    // The last string seen as a member name of the top-level object.
    let mut name: &[u8] = &[];
    let mut after_colon = false;
    let mut current: Option<Vec<u64>> = None;
    let mut expect_element = false;
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => line += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => line += 1,
            b' ' | b'\t' | b'\r' => {}
            _ => {
                if expect_element
                    && b != b']'
                    && let Some(lines) = current.as_mut()
                {
                    lines.push(line);
                }
                expect_element = false;
                match b {
                    b'"' => {
                        let start = i + 1;
                        i += 1;
                        while i < bytes.len() && bytes[i] != b'"' {
                            i += if bytes[i] == b'\\' { 2 } else { 1 };
                        }
                        if depth == 1 && !after_colon {
                            name = &bytes[start..i.min(bytes.len())];
                        }
                        after_colon = false;
                    }
                    b':' if depth == 1 => after_colon = true,
                    b'[' | b'{' => {
                        if depth == 1 && b == b'[' && after_colon && name == key.as_bytes() {
                            current = Some(Vec::new());
                            expect_element = true;
                        }
                        after_colon = false;
                        depth += 1;
                    }
                    b']' | b'}' => {
                        depth = depth.saturating_sub(1);
                        if depth == 1
                            && let Some(lines) = current.take()
                        {
                            found = lines;
                        }
                    }
                    b',' => {
                        if depth == 2 && current.is_some() {
                            expect_element = true;
                        }
                        if depth == 1 {
                            after_colon = false;
                        }
                    }
                    _ => {}
                }
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Tally;

    /// A record as (names joined by `+`, line, weight, tally).
    type Record = (String, u64, Option<f64>, Tally);

    fn records(json: &str) -> Result<Vec<Record>> {
        let mut out = Vec::new();
        read(Path::new("g.json"), json.as_bytes(), &ReadOptions::default(), |s| {
            out.push((s.characters.join("+"), s.line, s.weight, s.tally))
        })?;
        Ok(out)
    }

    #[test]
    fn lines_of_list_elements() {
        let text = b"{\"a\": [1,\n 2], \"nodes\": [\n {\"id\": [\"x\"]},\n\r\n {\"id\": \"b\\\"\"}, 3], \"z\": {\"nodes\": [5]}}";
        assert_eq!(element_lines(text, "nodes"), [3, 5, 5]);
        assert_eq!(element_lines(text, "a"), [1, 2]);
        assert!(element_lines(b"{\"nodes\": []}", "nodes").is_empty());
        assert!(element_lines(b"\"unterminated", "nodes").is_empty());
    }

    #[test]
    fn d3_star_wars_and_networkx_styles() {
        // d3: ids, links by id, `value` weights.
        let d3 = r#"{"nodes": [{"id": "Myriel", "group": 1}, {"id": "Napoleon", "group": 1}, {"id": "Mlle.Baptistine", "group": 1}],
  "links": [{"source": "Napoleon", "target": "Myriel", "value": 1},
            {"source": "Mlle.Baptistine", "target": "Myriel", "value": 8}]}"#;
        let got = records(d3).unwrap();
        assert_eq!(got[0], ("Myriel".into(), 1, None, Tally::Node(2)));
        assert_eq!(got[4], ("Mlle.Baptistine+Myriel".into(), 3, Some(8.0), Tally::Edge(1)));
        // Star Wars: names, links by position.
        let sw = r##"{"nodes": [{"name": "LUKE", "value": 88, "colour": "#3881e5"},
  {"name": "GOLD FIVE", "value": 8}, {"name": "LEIA", "value": 25}],
  "links": [{"source": 2, "target": 0, "value": 17}]}"##;
        let got = records(sw).unwrap();
        let names: Vec<&str> = got.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(names, ["LUKE", "GOLD FIVE", "LEIA", "LEIA+LUKE"]);
        assert_eq!(got[1].3, Tally::Node(0));
        // NetworkX 3.4+: `edges`, numeric ids, `weight`.
        let nx = r#"{"directed": true, "multigraph": true, "graph": {}, "nodes": [{"id": 1}, {"id": 2}],
  "edges": [{"source": 1, "target": 2, "weight": 0.5, "key": 0}, {"source": 2, "target": 1, "weight": 0.25, "key": 0}]}"#;
        let got = records(nx).unwrap();
        assert_eq!(got[2], ("1+2".into(), 2, Some(0.5), Tally::Edge(1)));
        assert_eq!(got[3].2, Some(0.25));
    }

    #[test]
    fn refuses_what_is_not_node_link() {
        let e = |t: &str| records(t).unwrap_err().to_string();
        assert!(e("[1, 2]").contains("holds a list, not an object"));
        assert!(e(r#"{"a": 1}"#).contains("no `nodes` and `links` (or `edges`) lists (keys found: `a`)"));
        assert!(e(r#"{"format": "castgraph-graph", "version": 4}"#).contains("is a graph saved by castgraph"));
        assert!(
            e("{\"nodes\": [\n").starts_with("g.json: line 2, column 1: malformed JSON: EOF while parsing"),
            "{}",
            e("{\"nodes\": [\n")
        );
        assert!(e(r#"{"nodes": [{"id": "a"}, {"name": "b"}], "links": []}"#).contains("this node has no `id`"));
        assert!(
            e(r#"{"nodes": [{"name": "a"}], "links": [{"source": 0, "target": 1}]}"#)
                .contains("the link's `target` is 1, but the last node is number 0")
        );
        assert!(e(r#"{"nodes": [{"id": "a"}], "links": [{"source": "a"}]}"#).contains("the link has no `target`"));
        assert!(e(r#"{"nodes": [3], "links": []}"#).contains("a node is 3, not an object"));
        assert!(e(r#"{"nodes": [], "links": [], "edges": []}"#).contains("both"));
        assert!(e(r#"{"nodes": [{"id": "a", "scenes": -1}], "links": []}"#).contains("`-1`, not a number of scenes"));
    }
}
