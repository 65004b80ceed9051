//! Centrality over time: one graph per episode (or season, or any column's
//! value), and the measures of each character within it.
//!
//! [`timeline`] reads the scene files once, through the same pipeline as
//! [`build::from_files`] (formats, names and aliases, scene filters, the
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
//!   graph's characters by [`centrality::rank`]
//!   (highest first, ties broken by name).

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::PathBuf;

use crate::analysis::centrality::{self, CentralityOptions, Measure, Scores};
use crate::build::{self, BuildOptions, BuildReport};
use crate::error::{Error, Result};
use crate::graph::{CastGraph, GraphBuilder, Provenance, Source};
use crate::util::wording::{Message, Part, Setting, msg};

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
    /// Keep only the first N dot-separated parts of each group's value
    /// (`1.2.4` with 1 → `1`): a book's chapters grouped into its parts.
    pub prefix: Option<usize>,
    /// Each group's graph holds the scenes of that group and every group before it.
    pub cumulative: bool,
    /// The measures to compute (`scenes`, `degree` and `strength` always are);
    /// empty for all.
    pub measures: Vec<Measure>,
    /// How to compute them.
    pub centrality: CentralityOptions,
}

/// One group's results: its characters and, for each, every reported
/// quantity and its rank. The group's graph itself is not kept (a timeline
/// of a thousand cumulative episodes would hold a thousand graphs).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The group's key (`9x01: "Foisted!"`, `2`...), or `all` for [`Timeline::whole`].
    pub key: String,
    /// The characters of the group's graph, in its first-appearance order,
    /// as positions in [`Timeline::names`].
    pub members: Vec<u32>,
    /// Ties of the group's graph.
    pub ties: usize,
    /// Total weight of those ties.
    pub total_weight: f64,
    /// Warnings of the measures (an eigenvector that did not converge...).
    pub warnings: Vec<String>,
    quantities: Vec<Quantity>,
    /// `values[k][i]`: quantity `quantities[k]` of member `i`.
    values: Vec<Vec<f64>>,
    /// `ranks[k][i]`: 1-based rank of member `i` by `quantities[k]`.
    ranks: Vec<Vec<u32>>,
}

impl Group {
    /// Number of characters in the group.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// True when the group has no character.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The value of `q` for every member (empty if `q` is not one of [`Timeline::quantities`]).
    pub fn values(&self, q: Quantity) -> &[f64] {
        self.column(q).map_or(&[], |k| &self.values[k])
    }

    /// Each member's 1-based rank by `q` (empty if `q` is not one of [`Timeline::quantities`]).
    pub fn ranks(&self, q: Quantity) -> &[u32] {
        self.column(q).map_or(&[], |k| &self.ranks[k])
    }

    /// The member index of the character at `name_id` in [`Timeline::names`].
    pub fn position(&self, name_id: u32) -> Option<usize> {
        self.members.iter().position(|&m| m == name_id)
    }

    fn column(&self, q: Quantity) -> Option<usize> {
        self.quantities.iter().position(|&x| x == q)
    }
}

/// A timeline: one group's results per group, in order.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// What the groups are.
    pub by: GroupBy,
    /// The dot-separated parts of each value kept ([`TimelineOptions::prefix`]).
    pub prefix: Option<usize>,
    /// Whether each group's graph holds the groups before it too.
    pub cumulative: bool,
    /// The quantities reported, in output order.
    pub quantities: Vec<Quantity>,
    /// Every character of the timeline, in order of first appearance in the input.
    pub names: Vec<String>,
    /// The groups in order.
    pub groups: Vec<Group>,
    /// Every scene that has a group, as one graph (key `all`): who leads
    /// overall, for choosing the characters of a plot or a table.
    pub whole: Group,
    /// How the path measures were computed ([`Scores::describe`]).
    pub describe: Message,
    /// The weighting rule and filters, as `graph build` records them.
    pub provenance: Provenance,
    /// Warnings of the build (unused aliases, scenes without a group...).
    pub report: BuildReport,
}

impl Timeline {
    /// The word for a group in tables and captions: the grouping column's
    /// name (`episode`, `chapter`), or `group` when that name is `all` or
    /// one of a long table's own columns (`character`, `measure`, `value`, `rank`).
    pub fn group_word(&self) -> String {
        let name = self.by.name();
        if ["character", "measure", "value", "rank", "all"]
            .iter()
            .any(|c| c.eq_ignore_ascii_case(name))
        {
            "group".to_string()
        } else {
            name.to_string()
        }
    }

    /// True when a reported measure uses path lengths (a caption then says
    /// how they were measured: [`Timeline::describe`]).
    pub fn uses_paths(&self) -> bool {
        self.quantities
            .iter()
            .any(|q| matches!(q, Quantity::Measure(m) if m.uses_distance()))
    }

    /// The start of a caption: `{what}, {group} by {group}`, whether each
    /// group's graph holds the scenes before it (each `held`, a column or a
    /// group, holds every scene up to it) and how values were cut to their
    /// first parts.
    pub fn caption_head(&self, what: &str, held: &str) -> String {
        let group = self.group_word();
        let mut caption = format!("{what}, {group} by {group}");
        if self.cumulative {
            caption.push_str(&format!(" (cumulative: each {held} holds every scene up to it)"));
        }
        if let Some(n) = self.prefix {
            let parts = if n == 1 {
                "part".to_string()
            } else {
                format!("{n} parts")
            };
            caption.push_str(&format!("; {group}s grouped by their first {parts}"));
        }
        caption
    }

    /// The name of the character at `name_id` (a [`Group::members`] entry).
    pub fn name(&self, name_id: u32) -> &str {
        &self.names[name_id as usize]
    }

    /// The `top` characters of the whole story by `q` (all when `top` is
    /// 0), best first, as positions in [`Timeline::names`].
    pub fn leaders(&self, q: Quantity, top: usize) -> Vec<u32> {
        let ranks = self.whole.ranks(q);
        let mut by_rank: Vec<(u32, u32)> = self.whole.members.iter().copied().zip(ranks.iter().copied()).collect();
        by_rank.sort_unstable_by_key(|&(_, r)| r);
        let take = if top == 0 { by_rank.len() } else { top };
        by_rank.into_iter().take(take).map(|(m, _)| m).collect()
    }

    /// The character called `query` among those of the whole story, found
    /// as [`lookup::find`](crate::graph::lookup::find) finds one in a graph
    /// (exact, then ignoring case and accents, then a unique part of a
    /// name), as a position in [`Timeline::names`].
    ///
    /// # Errors
    /// No such character (with suggestions), or several that `query` fits.
    pub fn find(&self, query: &str) -> Result<u32> {
        let i = crate::graph::lookup::find_in(&WholeNames(self), query)?;
        Ok(self.whole.members[i])
    }

    /// For each character of `name_ids`, its rank by `q` in each group
    /// (`None`: absent). One pass over each group's members, however many
    /// characters are asked for (`--top 0` asks for all).
    pub fn ranks_of(&self, name_ids: &[u32], q: Quantity) -> Vec<Vec<Option<u32>>> {
        let mut out = vec![Vec::with_capacity(self.groups.len()); name_ids.len()];
        let mut rank_of = vec![None; self.names.len()];
        for g in &self.groups {
            for (&m, &r) in g.members.iter().zip(g.ranks(q)) {
                rank_of[m as usize] = Some(r);
            }
            for (row, &id) in out.iter_mut().zip(name_ids) {
                row.push(rank_of[id as usize]);
            }
            for &m in &g.members {
                rank_of[m as usize] = None;
            }
        }
        out
    }
}

/// The characters of the whole story, for [`Timeline::find`].
struct WholeNames<'t>(&'t Timeline);

impl crate::graph::lookup::Names for WholeNames<'_> {
    fn count(&self) -> usize {
        self.0.whole.members.len()
    }
    fn name(&self, i: usize) -> &str {
        self.0.name(self.0.whole.members[i])
    }
    fn scenes(&self, i: usize) -> u64 {
        self.0.whole.values(Quantity::Scenes)[i] as u64
    }
}

/// Reads `paths` once and computes the timeline.
///
/// # Errors
/// Those of [`build::from_files`] on the same files, and a timeline without
/// any group: no scene left after the scene filters, or none with a value
/// for [`TimelineOptions::by`].
///
/// # Complexity
/// One read of the files, then per group the cost of [`Scores::compute_only`]
/// on its graph; a few graphs are held at a time, measured in parallel.
///
/// # Example
/// ```
/// use castgraph::analysis::timeline::{Quantity, TimelineOptions, timeline};
/// use castgraph::analysis::centrality::Measure;
///
/// let dir = tempfile::tempdir()?;
/// let file = dir.path().join("season.csv");
/// std::fs::write(&file, "episode,characters\n1,Carly;Vanessa\n2,Carly;Sasha\n2,Sasha;Vanessa\n")?;
/// let t = timeline(&[file], &TimelineOptions::default())?;
/// assert_eq!(t.groups.len(), 2);
/// let degree = Quantity::Measure(Measure::Degree);
/// assert_eq!(t.groups[1].values(degree), [1.0, 2.0, 1.0]); // Carly, Sasha, Vanessa in episode 2
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn timeline(paths: &[PathBuf], opts: &TimelineOptions) -> Result<Timeline> {
    timeline_with(paths, opts, &crate::util::progress::NoProgress)
}

/// One scene kept for the timeline.
struct KeptScene {
    group: u32,
    file: u32,
    end: u32,
    weight: f64,
}

/// [`timeline`], reporting the reading to `progress`.
///
/// # Errors
/// As [`timeline`].
pub fn timeline_with(
    paths: &[PathBuf],
    opts: &TimelineOptions,
    progress: &dyn crate::util::progress::Progress,
) -> Result<Timeline> {
    let extra: Vec<String> = match &opts.by {
        GroupBy::Episode => Vec::new(),
        GroupBy::Column(c) => vec![c.clone()],
    };
    let pipeline = build::ScenePipeline::new(&opts.build).with_columns(&extra);
    let read = read_groups(paths, opts, &pipeline, progress)?;
    Ok(measure_timeline(read, pipeline.provenance(), opts))
}

/// The timeline of a saved graph, cut again from the scenes it lists:
/// the same as [`timeline`] of the files it was built from with the options
/// it was built with (its [`Provenance`]; the graph filters apply to each
/// group's graph as they did to the whole). `graph` names the file in messages.
///
/// Groups are the listed scenes' episodes ([`GroupBy::Episode`]; the graph
/// keeps no other column), cut by [`TimelineOptions::prefix`]; the build
/// options of `opts` are not used.
///
/// # Errors
/// The graph keeps no scene list (built from more than
/// [`MAX_LISTED_APPEARANCES`](crate::graph::MAX_LISTED_APPEARANCES) scenes and
/// appearances), a grouping other than by episode, or no listed scene has an
/// episode.
///
/// # Example
/// ```
/// use castgraph::analysis::timeline::{TimelineOptions, timeline_of_graph};
///
/// let dir = tempfile::tempdir()?;
/// let file = dir.path().join("season.csv");
/// std::fs::write(&file, "episode,characters\n1,Carly;Vanessa\n2,Carly;Sasha\n2,Sasha;Vanessa\n")?;
/// let (graph, _) = castgraph::build::from_files(&[file], &Default::default())?;
/// let t = timeline_of_graph(&graph, std::path::Path::new("graph.json"), &TimelineOptions::default())?;
/// assert_eq!(t.groups.len(), 2);
/// assert_eq!(t.groups[1].ties, 2); // Carly–Sasha and Sasha–Vanessa
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn timeline_of_graph(graph: &CastGraph, path: &std::path::Path, opts: &TimelineOptions) -> Result<Timeline> {
    let file = path.display().to_string();
    if let GroupBy::Column(c) = &opts.by {
        return Err(Error::invalid(msg![
            format!(
                "{file}: a saved graph keeps each scene's episode, not its `{c}` (group the input files by `{c}` instead, or drop "
            ),
            Setting::By,
            ")"
        ]));
    }
    let Some(list) = graph.scene_list() else {
        return Err(Error::invalid(format!(
            "{file}: the graph keeps no scene list: it was built from more than {} scenes and appearances, too many to keep (make the timeline from the input files instead)",
            crate::util::format::thousands(crate::graph::MAX_LISTED_APPEARANCES as u64)
        )));
    };
    let mut names = GraphBuilder::new();
    for c in graph.characters() {
        names.intern_name(&c.name);
    }
    let mut ids: Vec<u32> = Vec::with_capacity(list.appearances());
    let mut scenes: Vec<KeptScene> = Vec::with_capacity(list.len());
    let mut keys: Vec<String> = Vec::new();
    let mut index: FxHashMap<String, u32> = FxHashMap::default();
    let mut unkeyed: (u64, Option<(usize, u64)>) = (0, None);
    for s in list.iter() {
        let key = s
            .episode
            .map(|k| {
                let k = k.trim();
                opts.prefix.map_or(k, |n| key_prefix(k, n))
            })
            .filter(|k| !k.is_empty());
        let Some(key) = key else {
            unkeyed.0 += 1;
            unkeyed.1.get_or_insert((s.source, s.line));
            continue;
        };
        let group = *index.entry(key.to_string()).or_insert_with(|| {
            keys.push(crate::input::names::printable(key).into_owned());
            keys.len() as u32 - 1
        });
        ids.extend_from_slice(s.cast);
        scenes.push(KeptScene {
            group,
            file: s.source as u32,
            end: ids.len() as u32,
            weight: s.weight,
        });
    }
    let sources = graph.sources().to_vec();
    let cited = |(source, line): (usize, u64)| match sources.get(source) {
        Some(src) => format!("{} line {line}", src.path),
        None => format!("line {line}"),
    };
    if keys.is_empty() {
        return Err(Error::invalid(if list.is_empty() {
            format!("{file}: the graph lists no scene, so there is no timeline")
        } else {
            format!(
                "{file}: no scene of the graph has an episode (the first is {}), so there is no timeline",
                unkeyed.1.map(cited).unwrap_or_default()
            )
        }));
    }
    let mut warnings = Vec::new();
    if let Some(first) = unkeyed.1 {
        warnings.push(Message::from(format!(
            "{file}: {} no episode (the first: {}); left out of the timeline",
            if unkeyed.0 == 1 {
                "1 scene has".to_string()
            } else {
                format!("{} scenes have", unkeyed.0)
            },
            cited(first)
        )));
    }
    let read = GroupedScenes {
        names,
        ids,
        scenes,
        keys,
        sources,
        report: BuildReport { warnings },
    };
    Ok(measure_timeline(read, graph.provenance().clone(), opts))
}

/// The timeline of scenes read and grouped, built with `provenance`
/// (whose graph filters apply to each group's graph).
fn measure_timeline(read: GroupedScenes, provenance: Provenance, opts: &TimelineOptions) -> Timeline {
    let order = GroupOrder::of(&read.keys);
    let measures: Vec<Measure> = if opts.measures.is_empty() {
        Measure::ALL.to_vec()
    } else {
        opts.measures.clone()
    };
    let names = read.names.characters();
    let mut by_position: Vec<Vec<usize>> = vec![Vec::new(); order.order.len()];
    for (i, s) in read.scenes.iter().enumerate() {
        by_position[order.position[s.group as usize] as usize].push(i);
    }
    let context = Context {
        global: names
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.as_str(), i as u32))
            .collect(),
        names,
        ids: &read.ids,
        scenes: &read.scenes,
        sources: &read.sources,
        provenance,
        opts,
        measures: &measures,
        quantities: Quantity::reported(&measures),
    };
    let keys: Vec<String> = order.order.iter().map(|&g| read.keys[g as usize].clone()).collect();
    let (groups, whole) = context.measure_groups(keys, &by_position);
    let quantities = context.quantities.clone();
    let provenance = context.provenance.clone();
    Timeline {
        by: opts.by.clone(),
        prefix: opts.prefix,
        cumulative: opts.cumulative,
        quantities,
        names: names.iter().map(|c| c.name.clone()).collect(),
        groups,
        whole,
        describe: opts.centrality.describe(),
        provenance,
        report: read.report,
    }
}

/// The scenes of a timeline, read once, with their groups.
struct GroupedScenes {
    /// Every character, interned in order of first appearance.
    names: GraphBuilder,
    /// The casts of the scenes, one after the other (see [`KeptScene::end`]).
    ids: Vec<u32>,
    scenes: Vec<KeptScene>,
    /// The group keys in order of first appearance.
    keys: Vec<String>,
    sources: Vec<Source>,
    report: BuildReport,
}

/// Reads the scenes through the build's pipeline and sorts them into groups.
fn read_groups(
    paths: &[PathBuf],
    opts: &TimelineOptions,
    pipeline: &build::ScenePipeline<'_>,
    progress: &dyn crate::util::progress::Progress,
) -> Result<GroupedScenes> {
    let mut names = GraphBuilder::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut scenes: Vec<KeptScene> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut index: FxHashMap<String, u32> = FxHashMap::default();
    // Per file: scenes without a group, and the first one's line.
    let mut unkeyed: Vec<(u64, u64)> = vec![(0, 0); paths.len()];
    let mut read = pipeline.run(paths, progress, &mut names, |_, kept| {
        // A graph file's nodes are no scenes (their edges are).
        if !kept.scene.tally.is_record() {
            return;
        }
        let key = match &opts.by {
            GroupBy::Episode => kept.scene.episode,
            GroupBy::Column(_) => kept.extra.first().copied().flatten(),
        }
        .map(|k| {
            let k = k.trim();
            opts.prefix.map_or(k, |n| key_prefix(k, n))
        })
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
                // Shown in tables, CSV and the SVG chart (XML cannot carry
                // control characters): those are written as escapes.
                keys.push(crate::input::names::printable(key).into_owned());
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
    for (path, &(count, line)) in paths.iter().zip(&unkeyed) {
        if count > 0 {
            read.warnings.push(Message::from(format!(
                "{}: {} no {} (the first on line {line}); left out of the timeline",
                path.display(),
                if count == 1 {
                    "1 scene has".to_string()
                } else {
                    format!("{count} scenes have")
                },
                opts.by.name()
            )));
        }
    }
    if keys.is_empty() {
        let files: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let files = files.join(", ");
        let kept: u64 = unkeyed.iter().map(|&(n, _)| n).sum();
        return Err(Error::invalid(if kept == 0 {
            msg![
                format!("{files}: no scene is left after the scene filters, so there is no timeline (loosen "),
                Setting::Episodes,
                " or ",
                Setting::Where,
                ")"
            ]
        } else {
            msg![
                format!(
                    "{files}: no scene has a value for `{}`, so there is no timeline (choose the groups with ",
                    opts.by.name()
                ),
                Part::Value(Setting::By, "COLUMN".to_string()),
                ")"
            ]
        }));
    }
    let sources = read.sources.clone();
    let report = read.report(names.characters());
    Ok(GroupedScenes {
        names,
        ids,
        scenes,
        keys,
        sources,
        report,
    })
}

/// The order of a timeline's groups.
struct GroupOrder {
    /// The groups (indices into the keys) in output order, one per distinct group.
    order: Vec<u32>,
    /// For each key, the position of its group in `order`.
    position: Vec<u32>,
}

impl GroupOrder {
    /// Chapter order when every key is a chapter number (`1`, `1.2`,
    /// `1.10`, `2.3.4`: digits between single dots; `1.2` before `1.10`),
    /// else numeric when every key is a number (`1.5`, `-2`, `1e3`), else
    /// first appearance. Keys that are the same chapter or the same number
    /// (`1` and `01`; as numbers also `1.0`) are one group, under the
    /// spelling seen first.
    fn of(keys: &[String]) -> GroupOrder {
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        let chapters: Option<Vec<Vec<&str>>> = keys.iter().map(|k| chapter_number(k)).collect();
        let numbers: Option<Vec<f64>> = if chapters.is_some() {
            None
        } else {
            keys.iter()
                .map(|k| k.parse::<f64>().ok().filter(|x| x.is_finite()))
                .collect()
        };
        let compare = |a: usize, b: usize| -> std::cmp::Ordering {
            match (&chapters, &numbers) {
                (Some(c), _) => compare_chapters(&c[a], &c[b]),
                (None, Some(n)) => n[a].total_cmp(&n[b]),
                (None, None) => std::cmp::Ordering::Equal,
            }
        };
        let sorted = chapters.is_some() || numbers.is_some();
        if sorted {
            order.sort_by(|&a, &b| compare(a as usize, b as usize).then(a.cmp(&b)));
            order.dedup_by(|later, first| compare(*later as usize, *first as usize).is_eq());
        }
        let mut position = vec![0u32; keys.len()];
        for (p, &g) in order.iter().enumerate() {
            position[g as usize] = p as u32;
        }
        if sorted {
            for (g, slot) in position.iter_mut().enumerate() {
                *slot = order.partition_point(|&o| compare(o as usize, g).is_lt()) as u32;
            }
        }
        GroupOrder { order, position }
    }
}

/// The parts of a chapter number (`1.10` → `1`, `10`) without leading
/// zeros, or `None` when `key` is not digits between single dots.
fn chapter_number(key: &str) -> Option<Vec<&str>> {
    key.split('.')
        .map(|part| {
            (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())).then(|| {
                let trimmed = part.trim_start_matches('0');
                if trimmed.is_empty() { "0" } else { trimmed }
            })
        })
        .collect()
}

/// Chapter numbers part by part, each part as a number of any length.
fn compare_chapters(a: &[&str], b: &[&str]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = x.len().cmp(&y.len()).then_with(|| x.cmp(y));
        if o.is_ne() {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// The first `parts` dot-separated parts of a group key (`1.2.4` with 1 →
/// `1`): a book's chapters grouped into its parts or volumes.
fn key_prefix(key: &str, parts: usize) -> &str {
    match key.match_indices('.').nth(parts.saturating_sub(1)) {
        Some((at, _)) if parts > 0 => &key[..at],
        _ => key,
    }
}

/// What every group's graph is made from.
struct Context<'a> {
    names: &'a [crate::graph::Character],
    /// Name → position in `names`.
    global: FxHashMap<&'a str, u32>,
    ids: &'a [u32],
    scenes: &'a [KeptScene],
    sources: &'a [Source],
    provenance: Provenance,
    opts: &'a TimelineOptions,
    measures: &'a [Measure],
    quantities: Vec<Quantity>,
}

/// A graph being built from scenes of the timeline, in the order given.
struct Running<'c, 'a> {
    context: &'c Context<'a>,
    graph: CastGraph,
    /// Each timeline character's id in `graph`, once it has one.
    local: Vec<u32>,
    /// Scenes added, per file.
    kept: Vec<u64>,
}

impl<'c, 'a> Running<'c, 'a> {
    fn new(context: &'c Context<'a>) -> Self {
        Running {
            context,
            graph: CastGraph::new(),
            local: vec![u32::MAX; context.names.len()],
            kept: vec![0; context.sources.len()],
        }
    }

    /// Adds the scenes at these indices (in `Context::scenes`).
    fn add(&mut self, scenes: &[usize]) {
        let mut scene_ids: Vec<usize> = Vec::new();
        for &i in scenes {
            let s = &self.context.scenes[i];
            let start = if i == 0 {
                0
            } else {
                self.context.scenes[i - 1].end as usize
            };
            scene_ids.clear();
            for &g in &self.context.ids[start..s.end as usize] {
                let slot = &mut self.local[g as usize];
                if *slot == u32::MAX {
                    *slot = self.graph.intern_name(&self.context.names[g as usize].name) as u32;
                }
                scene_ids.push(*slot as usize);
            }
            self.graph.add_scene_ids(&scene_ids, s.weight);
            self.kept[s.file as usize] += 1;
        }
    }

    /// The graph so far, with its sources and provenance, as `graph build`
    /// of the same scenes would make it (filters applied).
    fn snapshot(&self) -> CastGraph {
        let mut graph = self.graph.clone();
        for (s, &n) in self.context.sources.iter().zip(&self.kept) {
            graph.add_source(Source { scenes: n, ..s.clone() });
        }
        graph.set_provenance(self.context.provenance.clone());
        build::filter::apply_graph_filters(graph, &self.context.provenance.filters)
    }
}

impl Context<'_> {
    /// Every group's figures (`keys[p]` is the key of the group at position
    /// `p`, whose scenes are `by_position[p]`), and the whole story's.
    fn measure_groups(&self, keys: Vec<String>, by_position: &[Vec<usize>]) -> (Vec<Group>, Group) {
        let count = keys.len();
        // Graphs are built and measured a few at a time, in parallel, and
        // dropped as soon as their figures are taken: memory stays that of a few
        // graphs however many groups there are.
        let batch = 2 * rayon::current_num_threads().max(1);
        let mut groups: Vec<Group> = Vec::with_capacity(count);
        let positions: Vec<usize> = (0..count).collect();
        if self.opts.cumulative {
            // One running graph gains each group's scenes in turn; a copy of it
            // at each group's end is that group's graph.
            let mut running = Running::new(self);
            for chunk in positions.chunks(batch) {
                let snapshots: Vec<(String, CastGraph)> = chunk
                    .iter()
                    .map(|&p| {
                        running.add(&by_position[p]);
                        (keys[p].clone(), running.snapshot())
                    })
                    .collect();
                groups.extend(
                    snapshots
                        .into_par_iter()
                        .map(|(key, g)| self.measure(key, g))
                        .collect::<Vec<_>>(),
                );
            }
            if let Some(last) = groups.last() {
                let whole = Group {
                    key: "all".to_string(),
                    ..last.clone()
                };
                return (groups, whole);
            }
        } else {
            for chunk in positions.chunks(batch) {
                groups.extend(
                    chunk
                        .par_iter()
                        .map(|&p| {
                            let mut one = Running::new(self);
                            one.add(&by_position[p]);
                            self.measure(keys[p].clone(), one.snapshot())
                        })
                        .collect::<Vec<_>>(),
                );
            }
        }
        let mut all = Running::new(self);
        for p in by_position {
            all.add(p);
        }
        let whole = self.measure("all".to_string(), all.snapshot());
        (groups, whole)
    }

    /// A group's figures from its graph, which is then dropped.
    fn measure(&self, key: String, graph: CastGraph) -> Group {
        let scores = Scores::compute_only(
            &graph,
            &self.opts.centrality,
            self.measures,
            &crate::util::progress::NoProgress,
        );
        let mut values = Vec::with_capacity(self.quantities.len());
        let mut ranks = Vec::with_capacity(self.quantities.len());
        for &q in &self.quantities {
            let column: Vec<f64> = (0..graph.character_count())
                .map(|id| match q {
                    Quantity::Scenes => graph.character(id).scenes as f64,
                    Quantity::Measure(m) => scores.value(m, id),
                })
                .collect();
            let mut rank = vec![0u32; column.len()];
            for (i, id) in centrality::rank(&graph, &column).into_iter().enumerate() {
                rank[id] = i as u32 + 1;
            }
            values.push(column);
            ranks.push(rank);
        }
        Group {
            key,
            members: graph.characters().map(|c| self.global[c.name.as_str()]).collect(),
            ties: graph.tie_count(),
            total_weight: graph.total_weight(),
            warnings: scores.warnings,
            quantities: self.quantities.clone(),
            values,
            ranks,
        }
    }
}
