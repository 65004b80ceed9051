//! Building a graph from scene files: format detection, name normalisation
//! and aliases, scene filters, the weighting rule, graph filters.
//!
//! Scenes stream from each file's reader through this pipeline:
//!
//! 1. scene filters: `--episodes`, `--where COLUMN=VALUE`;
//! 2. names: Unicode NFC, whitespace collapsed ([`crate::input::names`]), then
//!    aliases (scoped by episode), then each name once per scene;
//! 3. weighting: each pair of the scene's characters gains one shared scene
//!    and a weight by the [`WeightRule`];
//!
//! then the graph filters run on the built graph: `--min-scenes`,
//! `--min-weight`, `--drop-isolated`, in that order.

pub mod filter;

use std::path::{Path, PathBuf};

use crate::build::filter::Filters;
use crate::error::{Error, Result};
use crate::graph::{CastGraph, GraphBuilder, PairCounter, Provenance, Source};
use crate::input::aliases::Aliases;
use crate::input::names;
use crate::input::{InputFormat, ReadOptions, Scene, SgbScene};

/// What a shared scene adds to a tie's weight.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum WeightRule {
    /// +1 per shared scene.
    #[default]
    Scenes,
    /// The scene row's value in this column (duration, lines spoken...): a
    /// non-negative number.
    Column(String),
    /// 1/(k−1) for a scene of k characters (Newman 2001), so that crowd
    /// scenes do not dominate.
    Newman,
}

impl WeightRule {
    /// Parses `scenes`, `newman` or `column:NAME`.
    pub fn parse(s: &str) -> std::result::Result<WeightRule, String> {
        match s.trim() {
            "scenes" => Ok(WeightRule::Scenes),
            "newman" => Ok(WeightRule::Newman),
            other => match other.strip_prefix("column:") {
                Some(name) if !name.trim().is_empty() => Ok(WeightRule::Column(name.trim().to_string())),
                _ => Err(format!(
                    "unknown weighting `{other}` (choose scenes, newman or column:NAME)"
                )),
            },
        }
    }

    /// The rule as written on the command line.
    pub fn describe(&self) -> String {
        match self {
            WeightRule::Scenes => "scenes".to_string(),
            WeightRule::Newman => "newman".to_string(),
            WeightRule::Column(c) => format!("column:{c}"),
        }
    }
}

/// Everything `graph build` can be told.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Read every file in this format instead of detecting it.
    pub format: Option<InputFormat>,
    /// Name separator of wide CSV files (default `;`).
    pub separator: Option<char>,
    /// Scene cutting of `.dat` books.
    pub sgb_scene: SgbScene,
    /// Alias file.
    pub aliases: Option<PathBuf>,
    /// Scene and graph filters.
    pub filters: Filters,
    /// Weighting rule.
    pub weight: WeightRule,
    /// Refuse a scene with more characters than this (its pairs grow with
    /// the square: 100,000 characters would be 5 billion pairs); `None`
    /// for [`DEFAULT_MAX_SCENE_SIZE`].
    pub max_scene_size: Option<usize>,
}

/// The longest name `graph build` accepts, in bytes: a longer one is almost
/// always a separator or quoting mistake.
pub const MAX_NAME_BYTES: usize = 1000;

/// The largest scene `graph build` accepts by default: 10,000 characters,
/// about 50 million pairs.
pub const DEFAULT_MAX_SCENE_SIZE: usize = 10_000;

/// What a build did, for the summary.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Things the user should look at: unused aliases, possible duplicate names.
    pub warnings: Vec<String>,
}

/// Builds a graph from scene files.
pub fn build(paths: &[PathBuf], opts: &BuildOptions) -> Result<(CastGraph, BuildReport)> {
    build_with(paths, opts, &crate::util::progress::NoProgress)
}

/// [`build`], reporting the scenes read to `progress`.
pub fn build_with(
    paths: &[PathBuf],
    opts: &BuildOptions,
    progress: &dyn crate::util::progress::Progress,
) -> Result<(CastGraph, BuildReport)> {
    let mut graph = GraphBuilder::new();
    // Pairs are counted on a second thread, fed with batches of scenes, while
    // this one reads and interns names: the two halves of the work overlap.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(4);
    let (counted, read) = std::thread::scope(|scope| -> Result<(PairCounter, ReadScenes)> {
        let counter = scope.spawn(move || {
            let mut counter = PairCounter::default();
            for batch in rx {
                let mut start = 0;
                for (&end, &weight) in batch.ends.iter().zip(&batch.weights) {
                    counter.add(&batch.ids[start..end as usize], weight);
                    start = end as usize;
                }
            }
            counter
        });
        let mut batch = Batch::default();
        let read = read_scenes(paths, opts, &[], progress, &mut graph, |graph, kept| {
            let ids = kept.ids;
            graph.count_scene(ids);
            let scene = kept.scene;
            graph.list_scene(kept.file, scene.line, scene.episode, scene.scene, ids);
            batch.ids.extend_from_slice(ids);
            batch.ends.push(batch.ids.len() as u32);
            batch.weights.push(kept.weight);
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
            .map_err(|_| Error::Invalid("the pair-counting thread failed".to_string()))?;
        Ok((counted, read?))
    })?;
    let mut report = finish_report(read.warnings, read.aliases.as_ref(), graph.characters());
    let graph = graph.finish(Some(counted), read.sources, provenance(opts));
    let weightless = graph.ties().filter(|(_, _, t)| t.weight == 0.0).count();
    if weightless > 0 {
        report.warnings.push(if weightless == 1 {
            "1 pair shares only scenes of weight 0; it gets no tie".to_string()
        } else {
            format!("{weightless} pairs share only scenes of weight 0; they get no tie")
        });
    }
    Ok((apply_graph_filters(graph, &opts.filters), report))
}

/// The smallest positive weight a scene or row may carry: 1/weight is a
/// path length, and must stay a finite, ordinary number.
pub const MIN_WEIGHT: f64 = 1e-100;
/// The largest weight a scene or row may carry: sums of billions of them
/// stay finite.
pub const MAX_WEIGHT: f64 = 1e100;

/// True for a weight a scene or row may carry: 0, or between
/// [`MIN_WEIGHT`] and [`MAX_WEIGHT`].
pub(crate) fn weight_ok(w: f64) -> bool {
    w == 0.0 || (MIN_WEIGHT..=MAX_WEIGHT).contains(&w)
}

/// The hint of an out-of-range weight.
pub(crate) const WEIGHT_HINT: &str = "a weight is 0 or a number between 1e-100 and 1e100";

/// The warnings every build ends with: aliases never used, possible duplicate names.
pub(crate) fn finish_report(
    mut warnings: Vec<String>,
    aliases: Option<&Aliases>,
    characters: &[crate::graph::Character],
) -> BuildReport {
    if let Some(a) = aliases {
        warnings.extend(a.unused());
    }
    for group in names::possible_duplicates(characters.iter().map(|c| c.name.as_str())) {
        let listed: Vec<String> = group.iter().map(|n| format!("'{n}'")).collect();
        warnings.push(format!(
            "possible duplicates: {} (merge them with --aliases if they are one character)",
            listed.join(" and ")
        ));
    }
    BuildReport { warnings }
}

/// The weighting rule and the options of a build, as recorded in the graph.
pub(crate) fn provenance(opts: &BuildOptions) -> Provenance {
    let mut options = Vec::new();
    if let Some(f) = opts.format {
        options.push(format!("--input-format {}", f.name()));
    }
    if let Some(s) = opts.separator {
        options.push(format!("--separator '{s}'"));
    }
    if opts.sgb_scene == SgbScene::Chapter {
        options.push("--sgb-scene chapter".to_string());
    }
    if let Some(a) = &opts.aliases {
        options.push(format!("--aliases {}", a.display()));
    }
    options.extend(opts.filters.describe());
    Provenance {
        weight: opts.weight.describe(),
        options,
    }
}

/// One scene that passed the scene filters, as character ids (interned in
/// the caller's [`GraphBuilder`], each once) with its pair weight.
pub(crate) struct Kept<'s> {
    /// The scene as read.
    pub scene: &'s Scene<'s>,
    /// Its characters after names and aliases, each once.
    pub ids: &'s [u32],
    /// What each of its pairs adds to their tie.
    pub weight: f64,
    /// The values of the extra columns asked of [`read_scenes`].
    pub extra: &'s [Option<&'s str>],
    /// The position of the file in the list of paths.
    pub file: usize,
}

/// What [`read_scenes`] leaves besides the scenes.
pub(crate) struct ReadScenes {
    /// One per file.
    pub sources: Vec<Source>,
    /// Warnings about the files (scenes listing nobody, self-loops).
    pub warnings: Vec<String>,
    /// The aliases, to report the unused ones.
    pub aliases: Option<Aliases>,
}

/// Reads every file and runs the scene half of the pipeline (scene filters,
/// names, aliases, the weighting rule), handing each kept scene to
/// `on_scene`. `extra` columns are read for the caller (see [`Kept::extra`]).
pub(crate) fn read_scenes(
    paths: &[PathBuf],
    opts: &BuildOptions,
    extra: &[String],
    progress: &dyn crate::util::progress::Progress,
    graph: &mut GraphBuilder,
    mut on_scene: impl FnMut(&mut GraphBuilder, Kept<'_>),
) -> Result<ReadScenes> {
    let mut aliases = match &opts.aliases {
        Some(p) => Some(Aliases::read(p)?),
        None => None,
    };
    let filters = &opts.filters;
    let mut columns: Vec<String> = filters.wheres.iter().map(|(c, _)| c.clone()).collect();
    let weight_column = match &opts.weight {
        WeightRule::Column(c) => {
            columns.push(c.clone());
            Some(columns.len() - 1)
        }
        _ => None,
    };
    let extra_start = columns.len();
    columns.extend(extra.iter().cloned());
    let read_opts = ReadOptions {
        separator: opts.separator.unwrap_or(';'),
        columns,
        sgb_scene: opts.sgb_scene,
    };

    let max_scene = opts.max_scene_size.unwrap_or(DEFAULT_MAX_SCENE_SIZE);
    let mut warnings: Vec<String> = Vec::new();
    let mut sources = Vec::new();
    // `stamp[id] == scene number` marks a character already in the current scene.
    let mut stamp: Vec<u64> = Vec::new();
    let mut scene_no = 0u64;
    for (file, path) in paths.iter().enumerate() {
        let format = match opts.format {
            Some(f) => f,
            None => InputFormat::detect(path)?,
        };
        if format == InputFormat::Edgelist && opts.weight == WeightRule::Newman {
            return Err(Error::data(
                path,
                None,
                "is an edge list: its rows are ties with their own weights, and --weight newman needs scenes",
            )
            .with_hint("drop --weight newman to use the Weight column, or choose a column with --weight column:NAME"));
        }
        let mut failure: Option<Error> = None;
        let mut read = 0u64;
        progress.start(&format!("reading {}", path.display()), None);
        let mut kept = 0u64;
        let mut ids: Vec<u32> = Vec::new();
        // Scenes that list nobody: how many, and the first one's line.
        let mut empty = (0u64, 0u64);
        // Edge rows that tie a character to itself: how many, and the first one's line.
        let mut loops = (0u64, 0u64);
        let summary = format.read(path, &read_opts, |scene| {
            read += 1;
            if read.is_multiple_of(8192) {
                progress.advance(8192);
            }
            if failure.is_some() || !keep_scene(&scene, filters) {
                return;
            }
            let weight = match weight_column {
                Some(i) => match pair_weight_from(path, &scene, i, &opts.weight) {
                    Ok(w) => w,
                    Err(e) => {
                        failure = Some(e);
                        return;
                    }
                },
                None => scene.weight.unwrap_or(1.0),
            };
            if scene.characters.len() > max_scene {
                failure = Some(
                    Error::data(
                        path,
                        Some(scene.line),
                        format!(
                            "the scene lists {} characters, more than the limit of {max_scene}",
                            scene.characters.len()
                        ),
                    )
                    .with_hint("check the separator, or raise the limit with --max-scene-size"),
                );
                return;
            }
            scene_no += 1;
            ids.clear();
            for raw in scene.characters {
                let name = names::normalise_cow(raw);
                if let Some(bad) = names::forbidden_char(&name) {
                    failure = Some(
                        Error::data(
                            path,
                            Some(scene.line),
                            format!("the name {name:?} contains the control character U+{:04X}", bad as u32),
                        )
                        .with_hint("remove it: exports (XML, CSV, DOT) cannot carry control characters"),
                    );
                    return;
                }
                if name.is_empty() {
                    continue;
                }
                if name.len() > MAX_NAME_BYTES {
                    failure = Some(
                        Error::data(
                            path,
                            Some(scene.line),
                            format!(
                                "a name of {} bytes is longer than the limit of {MAX_NAME_BYTES}",
                                name.len()
                            ),
                        )
                        .with_hint("check the separator and the quoting: an unclosed quote swallows what follows"),
                    );
                    return;
                }
                let id = match aliases.as_mut().and_then(|a| a.resolve(&name, scene.episode)) {
                    Some(target) => graph.intern_name(target),
                    None => graph.intern_name(&name),
                };
                if id >= stamp.len() {
                    stamp.resize(id + 1, 0);
                }
                if stamp[id] != scene_no {
                    stamp[id] = scene_no;
                    ids.push(id as u32);
                }
            }
            let weight = match opts.weight {
                WeightRule::Newman if ids.len() > 1 => 1.0 / (ids.len() - 1) as f64,
                _ => weight,
            };
            if ids.is_empty() {
                empty.0 += 1;
                if empty.1 == 0 {
                    empty.1 = scene.line;
                }
            }
            if scene.weight.is_some() && ids.len() == 1 {
                loops.0 += 1;
                if loops.1 == 0 {
                    loops.1 = scene.line;
                }
            }
            on_scene(
                graph,
                Kept {
                    scene: &scene,
                    ids: &ids,
                    weight,
                    extra: scene.columns.get(extra_start..).unwrap_or(&[]),
                    file,
                },
            );
            kept += 1;
        })?;
        progress.finish();
        if let Some(e) = failure {
            return Err(e);
        }
        if empty.0 > 0 {
            warnings.push(format!(
                "{}: {} nobody (the first on line {}); they count as scenes but add no character",
                path.display(),
                if empty.0 == 1 {
                    "1 scene lists".to_string()
                } else {
                    format!("{} scenes list", empty.0)
                },
                empty.1
            ));
        }
        if loops.0 > 0 {
            warnings.push(format!(
                "{}: {} a character to itself (the first on line {}); they count for the character but add no tie",
                path.display(),
                if loops.0 == 1 {
                    "1 row ties".to_string()
                } else {
                    format!("{} rows tie", loops.0)
                },
                loops.1
            ));
        }
        sources.push(Source {
            path: path.display().to_string(),
            format: summary.format.to_string(),
            scenes_read: summary.scenes,
            scenes: kept,
        });
    }
    Ok(ReadScenes {
        sources,
        warnings,
        aliases,
    })
}

/// Scenes handed to the pair-counting thread at a time.
const BATCH_SCENES: usize = 4096;
/// ...or fewer, when the scenes are large.
const BATCH_IDS: usize = 1 << 16;

/// A batch of scenes as character ids: scene `i` is `ids[ends[i-1]..ends[i]]`.
#[derive(Default)]
struct Batch {
    ids: Vec<u32>,
    ends: Vec<u32>,
    weights: Vec<f64>,
}

/// The scene filters.
fn keep_scene(scene: &Scene<'_>, filters: &Filters) -> bool {
    if let Some(set) = &filters.episodes
        && !scene.episode.is_some_and(|e| set.contains(e))
    {
        return false;
    }
    filters
        .wheres
        .iter()
        .enumerate()
        .all(|(i, (_, want))| scene.columns.get(i).copied().flatten() == Some(want.as_str()))
}

/// A scene's pair weight from its weight column.
fn pair_weight_from(path: &Path, scene: &Scene<'_>, index: usize, rule: &WeightRule) -> Result<f64> {
    let WeightRule::Column(name) = rule else { return Ok(1.0) };
    let raw = scene.columns.get(index).copied().flatten().unwrap_or("");
    parse_weight(
        path,
        scene.line,
        || (format!("weight column `{name}`"), "holds"),
        raw,
        NUMBER_HINT,
    )
}

const NUMBER_HINT: &str = "write a number such as 2 or 1.5, with a decimal point and no units";

/// A weight read from a file: 0, or between [`MIN_WEIGHT`] and
/// [`MAX_WEIGHT`]. Errors name the field and its verb as `subject()` gives
/// them (`weight column `minutes``, `holds`), then the raw text; `subject` is
/// called only on error, since this runs for every scene. `empty_hint` is the
/// hint for an empty field. Shared by the weight column of scene files and
/// edge lists' `Weight`.
pub(crate) fn parse_weight(
    path: &Path,
    line: u64,
    subject: impl FnOnce() -> (String, &'static str),
    raw: &str,
    empty_hint: &str,
) -> Result<f64> {
    let parsed = raw.parse::<f64>();
    if let Ok(w) = parsed
        && weight_ok(w)
    {
        return Ok(w);
    }
    let (subject, verb) = subject();
    let (problem, hint) = match parsed {
        Ok(w) if w.is_finite() && w > 0.0 => (format!("{subject} {verb} `{raw}`, out of range"), WEIGHT_HINT),
        Ok(_) => (
            format!("{subject} {verb} `{raw}`, not a non-negative number"),
            "weights must be finite and 0 or more",
        ),
        Err(_) if raw.is_empty() => (format!("{subject} is empty"), empty_hint),
        Err(_) => (format!("{subject} {verb} `{raw}`, not a number"), NUMBER_HINT),
    };
    Err(Error::data(path, Some(line), problem).with_hint(hint))
}

/// Ties of weight 0 (pairs who share only scenes of weight 0) are dropped;
/// then `--min-scenes`, `--min-weight` and `--drop-isolated`.
pub(crate) fn apply_graph_filters(mut graph: CastGraph, filters: &Filters) -> CastGraph {
    if graph.ties().any(|(_, _, t)| t.weight == 0.0) {
        graph = graph.filtered(|_, _| true, |t| t.weight > 0.0);
    }
    if filters.min_scenes > 0 {
        graph = graph.filtered(|_, c| c.scenes >= filters.min_scenes, |_| true);
    }
    if filters.min_weight > 0.0 {
        graph = graph.filtered(|_, _| true, |t| t.weight >= filters.min_weight);
    }
    if filters.drop_isolated {
        let degrees = graph.degrees();
        graph = graph.filtered(|id, _| degrees[id] > 0, |_| true);
    }
    graph
}
