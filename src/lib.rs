//! castgraph turns scene records into a character relationship graph and
//! tells you who matters in a story.
//!
//! Data flows one way, through five stages, each a module that uses only
//! the stages above it (and [`util`] and [`error`], which every stage may use):
//!
//! 1. [`input`] reads bytes into scene records: every format's reader
//!    (wide and long CSV, edge lists and their node tables, Knuth's `.dat`
//!    books, ezlinavis lists, TEI drama, Fountain and Final Draft
//!    screenplays, prose read with a cast file, and graph files: GraphML,
//!    GEXF, node-link JSON),
//!    names, aliases and weights as written in files;
//! 2. [`graph`] is the model: [`CastGraph`], the list of its scenes, its
//!    [`Provenance`], the builder that counts pairs, and the saved-graph file;
//! 3. [`build`] turns scenes into a graph: options, filters, the weighting
//!    rule, the [`build::ScenePipeline`] that the timeline shares;
//! 4. [`analysis`] asks questions of a graph: centrality, communities,
//!    whole-graph figures, chains, ego graphs, comparisons, timelines;
//! 5. [`output`] writes graphs and answers for other tools: DOT, CSV,
//!    GraphML, GEXF, JSON, the HTML view and its layout, the bump chart.
//!
//! The library knows nothing of the command line: its messages name
//! settings as [`util::wording::Setting`]s, which the `graph` binary words
//! as flags.
//!
//! # Input: read a scene file
//! ```
//! use castgraph::input::{ReadOptions, wide};
//!
//! let csv = "episode,characters\n1,Carly;Vanessa\n1,Sasha\n";
//! let mut casts = Vec::new();
//! wide::read(std::path::Path::new("s.csv"), csv.as_bytes(), &ReadOptions::default(), |scene| {
//!     casts.push(scene.characters.join("+"));
//! })?;
//! assert_eq!(casts, ["Carly+Vanessa", "Sasha"]);
//! # Ok::<(), castgraph::Error>(())
//! ```
//!
//! # Graph: the model, saved and loaded
//! ```
//! use castgraph::CastGraph;
//!
//! let g = CastGraph::from_scenes([&["Carly", "Vanessa"][..], &["Carly", "Vanessa", "Sasha"]]);
//! let (carly, vanessa) = (g.id_of("Carly").unwrap(), g.id_of("Vanessa").unwrap());
//! let tie = g.neighbours(carly).find(|(other, _)| *other == vanessa).unwrap().1;
//! assert_eq!((tie.weight, tie.scenes), (2.0, 2));
//!
//! let dir = tempfile::tempdir()?;
//! let file = dir.path().join("graph.json");
//! castgraph::graph::store::save(&g, &file)?;
//! assert_eq!(castgraph::graph::store::load(&file)?.tie_count(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Build: scene files to a graph
//! ```
//! use castgraph::build::{BuildOptions, Filters, from_files};
//!
//! let dir = tempfile::tempdir()?;
//! let file = dir.path().join("season.csv");
//! std::fs::write(&file, "episode,characters\n1,Carly;Vanessa\n2,Carly;Sasha\n3,Maria\n")?;
//! let opts = BuildOptions {
//!     filters: Filters { drop_isolated: true, ..Filters::default() },
//!     ..BuildOptions::default()
//! };
//! let (g, _report) = from_files(&[file], &opts)?;
//! assert_eq!(g.character_count(), 3); // Maria, alone in her scene, is dropped
//! assert!(g.provenance().filters.drop_isolated);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Analysis: who matters, which groups form
//! ```
//! use castgraph::CastGraph;
//! use castgraph::analysis::centrality::{CentralityOptions, Measure, Scores};
//! use castgraph::analysis::community::{CommunityOptions, detect};
//!
//! let g = CastGraph::from_scenes([&["Carly", "Vanessa"][..], &["Carly", "Sasha"], &["Carly", "Maria"]]);
//! let scores = Scores::compute(&g, &CentralityOptions::default());
//! let top = scores.ranking(&g, Measure::Pagerank)[0];
//! assert_eq!(g.character(top).name, "Carly");
//! let groups = detect(&g, &CommunityOptions::default())?;
//! assert_eq!(groups.membership.len(), 4);
//! # Ok::<(), castgraph::Error>(())
//! ```
//!
//! # Output: write for other tools
//! ```
//! use castgraph::CastGraph;
//! use castgraph::analysis::centrality::{CentralityOptions, Scores};
//! use castgraph::output::{ExportFormat, ExportOptions, export};
//! use castgraph::util::wording::Plain;
//!
//! let g = CastGraph::from_scenes([&["Carly", "Vanessa"][..]]);
//! let scores = Scores::compute(&g, &CentralityOptions::default());
//! let opts = ExportOptions {
//!     scores: Some(&scores),
//!     communities: None,
//!     size_by: None,
//!     dot_layout: None,
//!     no_edge_labels: false,
//!     html_seed: 1,
//!     title: "castgraph".to_string(),
//!     description: None,
//!     embed: false,
//!     sampled_by_default: false,
//!     spreadsheet_safe: false,
//!     wording: &Plain,
//! };
//! let mut dot = Vec::new();
//! export(&g, ExportFormat::Dot, &opts, &mut dot)?;
//! assert!(String::from_utf8(dot)?.contains("\"Carly\" -- \"Vanessa\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod analysis;
pub mod build;
pub mod error;
pub mod graph;
pub mod input;
pub mod output;
pub mod util;

pub use build::{BuildOptions, BuildReport, WeightRule};
pub use error::{Error, Result};
pub use graph::{CastGraph, Character, CharacterId, Provenance, Source, Tie};
pub use input::InputFormat;
