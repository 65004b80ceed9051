//! Centrality over time: one graph per episode (or season, or any column's
//! value), and the measures of each character within it.
//!
//! [`timeline`] reads the scene files once, through the same pipeline as
//! [`build`](crate::build()) (formats, names and aliases, scene filters, the
//! weighting rule), keeps every scene as character ids with its group, then
//! builds one graph per group: the group's scenes alone, or with
//! [`TimelineOptions::cumulative`] every scene of that group and the groups
//! before it. The graph filters (`--min-scenes`, `--min-weight`,
//! `--drop-isolated`) apply to each of these graphs. Characters are numbered
//! in order of first appearance within each graph, as `graph build` of the
//! same scenes would.
//!
//! * **Groups**: `episode` is each scene's episode as its format defines it
//!   (the `episode` column, an ezlinavis `#` heading, a book's chapter, an
//!   edge list's `Episode` or `Season`); any other name is a column, matched
//!   ignoring case. Groups come in order of first appearance in the input,
//!   or in numeric order when every key is a number (`1, 2, 10`). Scenes
//!   without a value are left out, with a warning.
//! * **Absent characters**: a character who is not in an episode has no row
//!   for it (per-episode mode); in cumulative mode a character is present
//!   from their first episode on.
//! * **Values**: `scenes`, `degree`, `strength` and the chosen measures, as
//!   [`Scores`] computes them on each graph; each with its rank among the
//!   graph's characters by [`centrality::rank`](crate::centrality::rank)
//!   (highest first, ties broken by name).

pub mod plot;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::PathBuf;

use crate::build::{self, BuildOptions, BuildReport};
use crate::centrality::{self, Measure, Options, Scores};
use crate::error::{Error, Result};
use crate::graph::{CastGraph, GraphBuilder, Source};

/// What a timeline's groups are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// Each scene's episode, as its format defines it.
    #[default]
    Episode,
    /// The value of this column.
    Column(String),
}

impl GroupBy {
    /// `episode` (any case) or a column name.
    pub fn parse(s: &str) -> GroupBy {
        let s = s.trim();
        if s.eq_ignore_ascii_case("episode") {
            GroupBy::Episode
        } else {
            GroupBy::Column(s.to_string())
        }
    }

    /// The name as given.
    pub fn name(&self) -> &str {
        match self {
            GroupBy::Episode => "episode",
            GroupBy::Column(c) => c,
        }
    }
}

/// A value reported per character: `scenes` or a centrality measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// Scenes (an edge list: rows) the character appears in.
    Scenes,
    /// A measure of [`Scores`].
    Measure(Measure),
}

impl Quantity {
    /// The name used in outputs: `scenes` or the measure's name.
    pub fn name(self) -> &'static str {
        match self {
            Quantity::Scenes => "scenes",
            Quantity::Measure(m) => m.name(),
        }
    }

    /// The quantities reported for `measures`: `scenes`, `degree` and
    /// `strength` always, then the others of `measures` in [`Measure::ALL`] order.
    pub fn reported(measures: &[Measure]) -> Vec<Quantity> {
        let mut out = vec![
            Quantity::Scenes,
            Quantity::Measure(Measure::Degree),
            Quantity::Measure(Measure::Strength),
        ];
        out.extend(
            Measure::ALL
                .into_iter()
                .filter(|m| !matches!(m, Measure::Degree | Measure::Strength) && measures.contains(m))
                .map(Quantity::Measure),
        );
        out
    }
}

/// Everything `graph timeline` can be told.
#[derive(Debug, Clone, Default)]
pub struct TimelineOptions {
    /// Input formats, names, filters, weighting: as for `graph build`.
    pub build: BuildOptions,
    /// What the groups are.
    pub by: GroupBy,
    /// Each group's graph holds the scenes of that group and every group before it.
    pub cumulative: bool,
    /// The measures to compute (`scenes`, `degree` and `strength` always are);
    /// empty for all.
    pub measures: Vec<Measure>,
    /// How to compute them.
    pub centrality: Options,
}

/// One group's graph and its scores.
#[derive(Debug, Clone)]
pub struct Group {
    /// The group's key (`9x01: "Foisted!"`, `2`...), or `all` for [`Timeline::whole`].
    pub key: String,
    /// Its graph.
    pub graph: CastGraph,
    /// Its scores.
    pub scores: Scores,
}

impl Group {
    /// The value of `q` for every character of the group's graph.
    pub fn values(&self, q: Quantity) -> Vec<f64> {
        (0..self.graph.character_count())
            .map(|id| match q {
                Quantity::Scenes => self.graph.character(id).scenes as f64,
                Quantity::Measure(m) => self.scores.value(m, id),
            })
            .collect()
    }

    /// Each character's 1-based rank by `q`.
    pub fn ranks(&self, q: Quantity) -> Vec<usize> {
        let mut out = vec![0; self.graph.character_count()];
        for (i, id) in centrality::rank(&self.graph, &self.values(q)).into_iter().enumerate() {
            out[id] = i + 1;
        }
        out
    }
}

/// A timeline: one graph per group, in order.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// What the groups are.
    pub by: GroupBy,
    /// Whether each group's graph holds the groups before it too.
    pub cumulative: bool,
    /// The quantities reported, in output order.
    pub quantities: Vec<Quantity>,
    /// The groups in order.
    pub groups: Vec<Group>,
    /// Every scene that has a group, as one graph (key `all`): who leads
    /// overall, for choosing the characters of a plot or a table.
    pub whole: Group,
    /// Warnings of the build (unused aliases, scenes without a group...).
    pub report: BuildReport,
}

/// Reads `paths` once and computes the timeline.
pub fn timeline(paths: &[PathBuf], opts: &TimelineOptions) -> Result<Timeline> {
    timeline_with(paths, opts, &crate::progress::NoProgress)
}

/// One scene kept for the timeline.
struct KeptScene {
    group: u32,
    file: u32,
    end: u32,
    weight: f64,
}

/// [`timeline`], reporting the reading to `progress`.
pub fn timeline_with(
    paths: &[PathBuf],
    opts: &TimelineOptions,
    progress: &dyn crate::progress::Progress,
) -> Result<Timeline> {
    let extra: Vec<String> = match &opts.by {
        GroupBy::Episode => Vec::new(),
        GroupBy::Column(c) => vec![c.clone()],
    };
    let mut names = GraphBuilder::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut scenes: Vec<KeptScene> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut index: FxHashMap<String, u32> = FxHashMap::default();
    // Per file: scenes without a group, and the first one's line.
    let mut unkeyed: Vec<(u64, u64)> = vec![(0, 0); paths.len()];
    let read = build::read_scenes(paths, &opts.build, &extra, progress, &mut names, |_, kept| {
        let key = match &opts.by {
            GroupBy::Episode => kept.scene.episode,
            GroupBy::Column(_) => kept.extra.first().copied().flatten(),
        }
        .map(str::trim)
        .filter(|k| !k.is_empty());
        let Some(key) = key else {
            let slot = &mut unkeyed[kept.file];
            slot.0 += 1;
            if slot.1 == 0 {
                slot.1 = kept.scene.line;
            }
            return;
        };
        let group = match index.get(key) {
            Some(&g) => g,
            None => {
                let g = keys.len() as u32;
                keys.push(key.to_string());
                index.insert(key.to_string(), g);
                g
            }
        };
        ids.extend_from_slice(kept.ids);
        scenes.push(KeptScene {
            group,
            file: kept.file as u32,
            end: ids.len() as u32,
            weight: kept.weight,
        });
    })?;
    let mut warnings = read.warnings;
    for (path, &(count, line)) in paths.iter().zip(&unkeyed) {
        if count > 0 {
            warnings.push(format!(
                "{}: {} no {} (the first on line {line}); left out of the timeline",
                path.display(),
                if count == 1 {
                    "1 scene has".to_string()
                } else {
                    format!("{count} scenes have")
                },
                opts.by.name()
            ));
        }
    }
    if keys.is_empty() {
        return Err(Error::Invalid(format!(
            "no scene has a value for `{}`, so there is no timeline (choose the groups with --by COLUMN)",
            opts.by.name()
        )));
    }
    let report = build::finish_report(warnings, read.aliases.as_ref(), names.characters());

    // Group order: first appearance, or numeric when every key is a number.
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    let numbers: Option<Vec<f64>> = keys
        .iter()
        .map(|k| k.parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect();
    if let Some(n) = &numbers {
        order.sort_by(|&a, &b| n[a as usize].total_cmp(&n[b as usize]));
    }
    let mut position = vec![0u32; keys.len()];
    for (p, &g) in order.iter().enumerate() {
        position[g as usize] = p as u32;
    }

    let measures: Vec<Measure> = if opts.measures.is_empty() {
        Measure::ALL.to_vec()
    } else {
        opts.measures.clone()
    };
    let context = Context {
        names: names.characters(),
        ids: &ids,
        scenes: &scenes,
        position: &position,
        sources: &read.sources,
        opts,
        measures: &measures,
    };
    let count = keys.len();
    let mut jobs: Vec<(String, u32, u32)> = order
        .iter()
        .enumerate()
        .map(|(p, &g)| {
            let p = p as u32;
            let from = if opts.cumulative { 0 } else { p };
            (keys[g as usize].clone(), from, p)
        })
        .collect();
    jobs.push(("all".to_string(), 0, count as u32 - 1));
    let mut groups: Vec<Group> = jobs
        .into_par_iter()
        .map(|(key, from, to)| context.group(key, from, to))
        .collect();
    let whole = groups.pop().ok_or_else(|| Error::Invalid("no groups".to_string()))?;
    Ok(Timeline {
        by: opts.by.clone(),
        cumulative: opts.cumulative,
        quantities: Quantity::reported(&measures),
        groups,
        whole,
        report,
    })
}

/// What every group's graph is made from.
struct Context<'a> {
    names: &'a [crate::graph::Character],
    ids: &'a [u32],
    scenes: &'a [KeptScene],
    position: &'a [u32],
    sources: &'a [Source],
    opts: &'a TimelineOptions,
    measures: &'a [Measure],
}

impl Context<'_> {
    /// The graph of the scenes whose group is at positions `from..=to`, with its scores.
    fn group(&self, key: String, from: u32, to: u32) -> Group {
        let mut builder = GraphBuilder::new();
        let mut local = vec![u32::MAX; self.names.len()];
        let mut scene_ids: Vec<u32> = Vec::new();
        let mut kept = vec![0u64; self.sources.len()];
        let mut start = 0usize;
        for s in self.scenes {
            let end = s.end as usize;
            let p = self.position[s.group as usize];
            if (from..=to).contains(&p) {
                scene_ids.clear();
                for &g in &self.ids[start..end] {
                    let slot = &mut local[g as usize];
                    if *slot == u32::MAX {
                        *slot = builder.intern_name(&self.names[g as usize].name) as u32;
                    }
                    scene_ids.push(*slot);
                }
                builder.add_scene_ids(&scene_ids, s.weight);
                kept[s.file as usize] += 1;
            }
            start = end;
        }
        let sources = self
            .sources
            .iter()
            .zip(kept)
            .map(|(s, n)| Source { scenes: n, ..s.clone() })
            .collect();
        let graph = builder.finish(None, sources, build::provenance(&self.opts.build));
        let graph = build::apply_graph_filters(graph, &self.opts.build.filters);
        let scores = compute(&graph, &self.opts.centrality, self.measures);
        Group { key, graph, scores }
    }
}

/// The scores of `measures`: the path measures (the costly ones) only when
/// asked for; the others are always computed (they are cheap).
fn compute(graph: &CastGraph, options: &Options, measures: &[Measure]) -> Scores {
    if measures.iter().any(|m| m.uses_distance()) {
        return Scores::compute(graph, options);
    }
    let csr = centrality::csr::Csr::new(graph);
    let (eigenvector, warnings) = centrality::eigenvector::eigenvector(&csr);
    let n = graph.character_count();
    Scores {
        options: *options,
        degree: centrality::degree::degree(graph),
        strength: centrality::degree::strength(graph),
        betweenness: vec![0.0; n],
        closeness: vec![0.0; n],
        harmonic: vec![0.0; n],
        eigenvector,
        pagerank: centrality::pagerank::pagerank_csr(&csr, &centrality::pagerank::PageRankOptions::default()),
        warnings,
    }
}
