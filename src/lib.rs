//! castgraph turns scene records into a character relationship graph and
//! tells you who matters in a story.
//!
//! Data flows one way: [`scenes`] (read scene files, one module per format)
//! → [`build`] (names and aliases, filters, weighting) → [`graph`] (the
//! weighted co-appearance graph) → [`centrality`] (who matters) and
//! [`stats`] (the graph as a whole) → [`export`] (DOT, CSV, ...). [`store`]
//! saves and loads the graph between commands.
//!
//! ```
//! use castgraph::{CastGraph, analysis::centrality::{Measure, CentralityOptions, Scores}};
//!
//! let mut g = CastGraph::new();
//! g.add_characters(&["Carly", "Vanessa"]);
//! g.add_characters(&["Carly", "Sasha"]);
//! g.add_characters(&["Carly", "Maria"]);
//! let scores = Scores::compute(&g, &CentralityOptions::default());
//! let top = scores.ranking(&g, Measure::Pagerank)[0];
//! assert_eq!(g.character(top).name, "Carly");
//! ```

pub mod analysis;
pub mod build;
pub mod error;
pub mod graph;
pub mod input;
pub mod output;
pub mod util;

pub use build::{BuildOptions, WeightRule};
pub use error::{Error, Result};
pub use graph::{CastGraph, Character, CharacterId, Provenance, Source, Tie};
pub use input::InputFormat;
