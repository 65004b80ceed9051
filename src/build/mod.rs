//! Scenes → graph: reading scene files into a [`CastGraph`].
//!
//! Scenes stream from each file's reader through the [`ScenePipeline`]:
//!
//! 1. scene filters ([`Filters::episodes`], [`Filters::wheres`]);
//! 2. names: Unicode NFC, whitespace collapsed ([`crate::input::names`]), then
//!    aliases (scoped by episode), then each name once per scene;
//! 3. weighting: each pair of the scene's characters gains one shared scene
//!    and a weight by the [`WeightRule`] (a graph file's edge: its own
//!    weight and count of shared scenes, see [`Tally`](crate::input::Tally));
//!
//! then the graph filters run on the built graph ([`filter::apply_graph_filters`]).

mod ahead;
pub mod filter;
pub mod options;
pub mod pipeline;

use std::path::PathBuf;

pub use filter::Filters;
pub use options::{BuildOptions, BuildReport, DEFAULT_MAX_SCENE_SIZE, MAX_NAME_BYTES};
pub use pipeline::{KeptScene, ReadScenes, ScenePipeline};

pub use crate::input::weight::WeightRule;

use crate::error::{Error, Result};
use crate::graph::{CastGraph, GraphBuilder, PairCounter};
use crate::util::progress::{NoProgress, Progress};
use crate::util::wording::Message;

/// Builds the graph of scene files.
///
/// Each file's format is detected from its extension and header unless
/// [`BuildOptions::format`] says it; several files build one graph. The
/// graph keeps a [`Provenance`](crate::graph::Provenance) of the options and
/// the list of its scenes (up to [`MAX_LISTED_APPEARANCES`](crate::graph::MAX_LISTED_APPEARANCES)).
///
/// # Errors
/// The first problem of any file, as one line naming the file, the line and
/// what to do: a file that cannot be read or is malformed, a missing column,
/// a bad weight, a name with a control character, a scene larger than
/// [`BuildOptions::max_scene_size`], an alias file that cannot be read.
///
/// # Complexity
/// O(total appearances + Σ k² over scenes of k characters) time; memory
/// O(characters + ties + listed scenes). Three threads overlap: each file's
/// reader parses (`ahead`), this one turns names into ids, and a third
/// counts pairs.
///
/// # Example
/// ```
/// use castgraph::build::{BuildOptions, from_files};
///
/// let dir = tempfile::tempdir()?;
/// let file = dir.path().join("scenes.csv");
/// std::fs::write(&file, "episode,characters\n1,Carly;Vanessa\n1,Carly;Sasha\n2,Vanessa;Carly\n")?;
/// let (graph, report) = from_files(&[file], &BuildOptions::default())?;
/// assert_eq!((graph.character_count(), graph.tie_count()), (3, 2));
/// assert!(report.warnings.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// NetworkX equivalent: for each scene, `G.add_edge(a, b)` for every pair,
/// incrementing the `weight` attribute of an existing edge.
pub fn from_files(paths: &[PathBuf], opts: &BuildOptions) -> Result<(CastGraph, BuildReport)> {
    from_files_with(paths, opts, &NoProgress)
}

/// [`from_files`], reporting the scenes read to `progress`.
///
/// # Errors
/// As [`from_files`].
pub fn from_files_with(
    paths: &[PathBuf],
    opts: &BuildOptions,
    progress: &dyn Progress,
) -> Result<(CastGraph, BuildReport)> {
    let pipeline = ScenePipeline::new(opts);
    let mut graph = GraphBuilder::new();
    // Pairs are counted on a thread of their own, fed with batches of
    // scenes, while this one interns names (and the file's reader parses
    // on a third, see `ahead`): the parts of the work overlap.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(4);
    let (counted, mut read) = std::thread::scope(|scope| -> Result<(PairCounter, ReadScenes)> {
        let counter = scope.spawn(move || {
            let mut counter = PairCounter::default();
            for batch in rx {
                let mut start = 0;
                for ((&end, &weight), &scenes) in batch.ends.iter().zip(&batch.weights).zip(&batch.pair_scenes) {
                    counter.add_counted(&batch.ids[start..end as usize], weight, scenes);
                    start = end as usize;
                }
            }
            counter
        });
        let mut batch = Batch::default();
        let read = pipeline.run(paths, progress, &mut graph, |graph, kept| {
            let ids = kept.ids;
            let scene = kept.scene;
            graph.count_scenes(ids, scene.tally.character_scenes());
            // A graph file's node is no scene (its edges are listed, to be cited).
            if scene.tally.is_record() {
                graph.list_scene(kept.file, scene.line, scene.episode, scene.scene, ids, kept.weight);
            }
            batch.ids.extend_from_slice(ids);
            batch.ends.push(batch.ids.len() as u32);
            batch.weights.push(kept.weight);
            batch.pair_scenes.push(scene.tally.pair_scenes());
            if batch.ends.len() >= BATCH_SCENES || batch.ids.len() >= BATCH_IDS {
                // The counter only stops early by panicking, which join() reports.
                let _ = tx.send(std::mem::take(&mut batch));
            }
        });
        if !batch.ends.is_empty() {
            let _ = tx.send(batch);
        }
        drop(tx);
        let counted = counter
            .join()
            .map_err(|_| Error::invalid("the pair-counting thread failed"))?;
        Ok((counted, read?))
    })?;
    read.keep_table_nodes(&mut graph);
    let sources = read.sources.clone();
    let mut report = read.report(graph.characters());
    let graph = graph.finish(Some(counted), sources, pipeline.provenance());
    let weightless = graph.ties().filter(|(_, _, t)| t.weight == 0.0).count();
    if weightless > 0 {
        report.warnings.push(Message::from(if weightless == 1 {
            "1 pair shares only scenes of weight 0; it gets no tie".to_string()
        } else {
            format!("{weightless} pairs share only scenes of weight 0; they get no tie")
        }));
    }
    Ok((filter::apply_graph_filters(graph, &opts.filters), report))
}

/// Scenes handed to the pair-counting thread at a time.
const BATCH_SCENES: usize = 4096;
/// ...or fewer, when the scenes are large.
const BATCH_IDS: usize = 1 << 16;

/// A batch of scenes as character ids: scene `i` is `ids[ends[i-1]..ends[i]]`,
/// its pair weight `weights[i]` and the shared scenes it adds to each pair
/// `pair_scenes[i]` (1, but for a graph file's edges).
#[derive(Default)]
struct Batch {
    ids: Vec<u32>,
    ends: Vec<u32>,
    weights: Vec<f64>,
    pair_scenes: Vec<u64>,
}
