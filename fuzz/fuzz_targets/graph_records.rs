//! What the graph-file fuzz targets check of every record (shared by
//! `graphml`, `gexf` and `json_graph`): the nodes come first, each one
//! character and no weight; then the edges, each one or two distinct,
//! trimmed, non-empty names and a weight of 0 or in range; the summary
//! counts the edges.

use castgraph::input::network::MAX_COUNT;
use castgraph::input::weight::{MAX_WEIGHT, MIN_WEIGHT};
use castgraph::input::{ReadSummary, Scene, Tally};

/// Checks the records of one file as they come.
#[derive(Default)]
pub struct Records {
    nodes: u64,
    edges: u64,
}

impl Records {
    pub fn check(&mut self, scene: Scene<'_>) {
        for (i, name) in scene.characters.iter().enumerate() {
            assert!(!name.is_empty() && name.trim() == *name, "{name:?}");
            assert!(!scene.characters[..i].contains(name));
        }
        match scene.tally {
            Tally::Node(_) => {
                assert_eq!(self.edges, 0, "a node after an edge");
                assert_eq!(scene.characters.len(), 1);
                assert!(scene.weight.is_none());
                self.nodes += 1;
            }
            Tally::Edge(n) => {
                assert!(matches!(scene.characters.len(), 1 | 2));
                assert!(n <= MAX_COUNT);
                let w = scene.weight.expect("an edge has a weight");
                assert!(w == 0.0 || (MIN_WEIGHT..=MAX_WEIGHT).contains(&w), "{w}");
                self.edges += 1;
            }
            Tally::Scene | Tally::Row(_) => panic!("a graph file gave a scene or an edge-list row"),
        }
    }

    pub fn finish(&self, summary: &ReadSummary) {
        assert_eq!(summary.scenes, self.edges);
        assert!(self.nodes > 0 || self.edges == 0);
    }
}
