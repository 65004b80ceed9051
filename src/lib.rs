//! castgraph turns scene records into a character relationship graph and
//! tells you who matters in a story.
//!
//! Data flows one way: [`scenes`] (read a scene file) → [`graph`] (the
//! weighted co-appearance graph) → [`centrality`] (who matters) → [`export`]
//! (DOT, CSV, ...). [`store`] saves and loads the graph between commands.
//!
//! ```
//! use castgraph::{CastGraph, centrality::{Measure, Options, Scores}};
//!
//! let mut g = CastGraph::new();
//! g.add_characters(&["Carly", "Vanessa"]);
//! g.add_characters(&["Carly", "Sasha"]);
//! g.add_characters(&["Carly", "Maria"]);
//! let scores = Scores::compute(&g, &Options::default());
//! let top = scores.ranking(&g, Measure::Pagerank)[0];
//! assert_eq!(g.character(top).name, "Carly");
//! ```

pub mod centrality;
pub mod error;
pub mod export;
pub mod graph;
pub mod scenes;
pub mod stats;
pub mod store;

pub use error::{Error, Result};
pub use graph::{CastGraph, Character, CharacterId, Source, Tie};

use std::path::Path;

/// Reads one wide scene CSV into `graph`, recording it as a source.
pub fn read_scenes(graph: &mut CastGraph, path: &Path) -> Result<scenes::ReadSummary> {
    let summary = scenes::wide::read_path(path, &scenes::ReadOptions::default(), |scene| graph.add_scene(&scene))?;
    graph.add_source(Source {
        path: path.display().to_string(),
        format: summary.format.to_string(),
        scenes: summary.scenes,
    });
    Ok(summary)
}
