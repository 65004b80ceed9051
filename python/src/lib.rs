//! `castgraph._castgraph`: the Rust half of the Python package.
//!
//! The Python half (`python/castgraph/`) gives the documented API (keyword
//! arguments, pandas or dicts, NetworkX); this half calls the library:
//! builds and loads graphs, answers each question with a [`table::Table`]
//! and, for the NetworkX backend, computes measures on graphs made from
//! edge arrays. Nothing here knows of pandas or NetworkX.

mod arrow;
mod graph;
mod interrupt;
mod options;
mod table;
mod wording;

use std::path::PathBuf;
use std::sync::Arc;

use castgraph::analysis::centrality::eigenvector;
use castgraph::analysis::centrality::pagerank::{PageRankOptions, pagerank_csr};
use castgraph::analysis::community::{self, CommunityOptions};
use castgraph::analysis::timeline::timeline_with;
use castgraph::build::{BuildOptions, Filters, MAX_NAME_BYTES, filter::apply_graph_filters};
use castgraph::graph::csr::Csr;
use castgraph::graph::{GraphBuilder, PairCounter, Source};
use castgraph::input::{InputFormat, ReadFormat, names};
use castgraph::util::wording::Setting;
use castgraph::{CastGraph, WeightRule};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use graph::{Graph, centrality_options, timeline_notes, timeline_options, timeline_table};
use table::Table;
use wording::{OrRaise, WORDING, request};

/// Builds the graph of scene files as `graph build` does; `options` holds
/// the keyword arguments of `castgraph.build`. Returns the graph and the
/// build's warnings.
#[pyfunction]
fn build(py: Python<'_>, paths: Vec<PathBuf>, options: &Bound<'_, PyDict>) -> PyResult<(Graph, Vec<String>)> {
    if paths.is_empty() {
        return Err(request("give at least one scene file to read"));
    }
    let opts = options::build_options(options)?;
    let label = paths[0].display().to_string();
    let (graph, report) =
        interrupt::run(py, move |watch| castgraph::build::from_files_with(&paths, &opts, watch))?.or_raise()?;
    let warnings = report.warnings.iter().map(|w| w.render(&WORDING)).collect();
    Ok((Graph::new(graph, label), warnings))
}

/// Loads a saved-graph file (what `graph build` writes).
#[pyfunction]
fn load(py: Python<'_>, path: PathBuf) -> PyResult<Graph> {
    let label = path.display().to_string();
    let graph = interrupt::run(py, move |_| castgraph::graph::store::load(&path))?.or_raise()?;
    Ok(Graph::new(graph, label))
}

/// A graph of scenes given as lists of names (each list a scene), with an
/// optional episode for each scene; names are normalised as every reader
/// normalises them, a name repeated in a scene counts once. Returns the
/// graph and its warnings.
#[pyfunction]
#[pyo3(signature = (scenes, episodes=None, weight="scenes", min_scenes=0, min_weight=0.0, drop_isolated=false,
                    max_scene_size=castgraph::build::DEFAULT_MAX_SCENE_SIZE))]
#[allow(clippy::too_many_arguments)]
fn from_scenes(
    py: Python<'_>,
    scenes: Vec<Vec<String>>,
    episodes: Option<Vec<Option<String>>>,
    weight: &str,
    min_scenes: u64,
    min_weight: f64,
    drop_isolated: bool,
    max_scene_size: usize,
) -> PyResult<Graph> {
    let rule = match graph::choice("weighting rule", weight, &["scenes", "newman"])? {
        "newman" => WeightRule::Newman,
        _ => WeightRule::Scenes,
    };
    if let Some(e) = &episodes
        && e.len() != scenes.len()
    {
        return Err(request(format!(
            "{} episodes for {} scenes: give one episode (or None) per scene",
            e.len(),
            scenes.len()
        )));
    }
    let opts = BuildOptions {
        weight: rule.clone(),
        filters: Filters {
            min_scenes,
            min_weight,
            drop_isolated,
            ..Filters::default()
        },
        ..BuildOptions::default()
    };
    let graph = interrupt::run(py, move |_| -> PyResult<CastGraph> {
        let mut builder = GraphBuilder::new();
        let mut counter = PairCounter::default();
        let mut stamp: Vec<usize> = Vec::new();
        let mut ids: Vec<u32> = Vec::new();
        for (i, scene) in scenes.iter().enumerate() {
            let number = i + 1;
            if scene.len() > max_scene_size {
                return Err(request(format!(
                    "scene {number} lists {} characters, more than the limit of {max_scene_size} (raise the limit with max_scene_size=)",
                    scene.len()
                )));
            }
            ids.clear();
            for raw in scene {
                let name = names::normalise_cow(raw);
                if let Some(bad) = names::forbidden_char(&name) {
                    return Err(request(format!(
                        "scene {number}: the name {name:?} contains the control character U+{:04X} (remove it: exports (XML, CSV, DOT) cannot carry control characters)",
                        bad as u32
                    )));
                }
                if name.is_empty() {
                    continue;
                }
                if name.len() > MAX_NAME_BYTES {
                    return Err(request(format!(
                        "scene {number}: a name of {} bytes is longer than the limit of {MAX_NAME_BYTES}",
                        name.len()
                    )));
                }
                let id = builder.intern_name(&name);
                if stamp.len() <= id {
                    stamp.resize(id + 1, 0);
                }
                if stamp[id] != number {
                    stamp[id] = number;
                    ids.push(id as u32);
                }
            }
            let w = match rule {
                WeightRule::Newman if ids.len() > 1 => 1.0 / (ids.len() - 1) as f64,
                _ => 1.0,
            };
            builder.count_scene(&ids);
            counter.add(&ids, w);
            let episode = episodes.as_ref().and_then(|e| e[i].as_deref());
            builder.list_scene(0, number as u64, episode, None, &ids, w);
        }
        // One source stands for the scenes given (the timeline counts scenes by source).
        let source = Source {
            path: "<scenes>".to_string(),
            format: ReadFormat::plain(InputFormat::Wide),
            scenes_read: scenes.len() as u64,
            scenes: scenes.len() as u64,
        };
        let graph = builder.finish(Some(counter), vec![source], opts.provenance());
        Ok(apply_graph_filters(graph, &opts.filters))
    })??;
    Ok(Graph::new(graph, "graph"))
}

/// A graph from its parts: names (each once), the scenes of each (`None`:
/// 0), and ties as positions with their weights and shared scenes (`None`:
/// 1 each). Parallel ties are summed; a tie of a character with itself is
/// left out and counted in the second value returned.
#[pyfunction]
#[pyo3(signature = (names, sources, targets, weights, character_scenes=None, tie_scenes=None))]
fn from_edges(
    names: Vec<String>,
    sources: Vec<usize>,
    targets: Vec<usize>,
    weights: Vec<f64>,
    character_scenes: Option<Vec<u64>>,
    tie_scenes: Option<Vec<u64>>,
) -> PyResult<(Graph, usize)> {
    let m = sources.len();
    if targets.len() != m || weights.len() != m || tie_scenes.as_ref().is_some_and(|s| s.len() != m) {
        return Err(request(
            "sources, targets, weights and tie scenes must have one entry per tie",
        ));
    }
    if character_scenes.as_ref().is_some_and(|s| s.len() != names.len()) {
        return Err(request("character scenes must have one entry per name"));
    }
    let mut builder = GraphBuilder::new();
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            return Err(request(format!("node {i} has an empty name")));
        }
        if builder.intern_name(name) != i {
            return Err(request(format!(
                "two nodes are both called '{name}': a character's name must be unique"
            )));
        }
    }
    if let Some(scenes) = &character_scenes {
        for (i, &s) in scenes.iter().enumerate() {
            builder.count_scenes(&[i as u32], s);
        }
    }
    let mut counter = PairCounter::default();
    let mut loops = 0;
    for k in 0..m {
        let (a, b) = (sources[k], targets[k]);
        if a >= names.len() || b >= names.len() {
            return Err(request(format!("tie {k} names a node that is not in the list")));
        }
        if a == b {
            loops += 1;
            continue;
        }
        let scenes = tie_scenes.as_ref().map_or(1, |s| s[k]);
        counter.add_counted(&[a as u32, b as u32], weights[k], scenes);
    }
    let mut graph = builder.finish(Some(counter), Vec::new(), Default::default());
    graph.set_scene_list(None);
    Ok((Graph::new(graph, "graph"), loops))
}

/// The timeline of scene files (`graph timeline FILE...`): the table, the
/// caption and the warnings.
#[pyfunction]
#[pyo3(signature = (paths, options, by="episode", prefix=None, cumulative=false, measures=None, distance="inverse",
                    unweighted=false, sample=None, seed=42, raw=false, eigenvector_scope="graph",
                    rank_by="pagerank", top=None, characters=None, format="long", ranks=false))]
#[allow(clippy::too_many_arguments)]
fn timeline(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    options: &Bound<'_, PyDict>,
    by: &str,
    prefix: Option<usize>,
    cumulative: bool,
    measures: Option<Vec<String>>,
    distance: &str,
    unweighted: bool,
    sample: Option<u64>,
    seed: u64,
    raw: bool,
    eigenvector_scope: &str,
    rank_by: &str,
    top: Option<usize>,
    characters: Option<Vec<String>>,
    format: &str,
    ranks: bool,
) -> PyResult<(Table, String, Vec<String>)> {
    if paths.is_empty() {
        return Err(request("give at least one scene file to read"));
    }
    let (mut opts, rank_by) = timeline_options(
        prefix,
        cumulative,
        measures,
        centrality_options(distance, unweighted, sample, seed, raw, eigenvector_scope)?,
        rank_by,
        format,
    )?;
    opts.build = options::build_options(options)?;
    opts.by = castgraph::analysis::timeline::GroupBy::parse(by);
    let t = interrupt::run(py, move |watch| timeline_with(&paths, &opts, watch))?.or_raise()?;
    let table = timeline_table(&t, format, rank_by, ranks, top, characters)?;
    let (caption, warnings) = timeline_notes(&t, unweighted);
    Ok((table, caption, warnings))
}

/// NetworkX's `pagerank` on the graph (weights as strengths, or every tie 1):
/// the same iterates from the uniform vector, stopped as NetworkX stops
/// (L1 change below `n * tol`); `None` when `max_iter` iterations do not
/// get there (NetworkX raises `PowerIterationFailedConvergence`).
#[pyfunction]
fn pagerank_nx(
    py: Python<'_>,
    graph: &Graph,
    alpha: f64,
    tol: f64,
    max_iter: usize,
    weighted: bool,
) -> PyResult<Option<Vec<f64>>> {
    let g = Arc::clone(&graph.inner);
    interrupt::run(py, move |_| {
        let csr = if weighted { Csr::new(&g) } else { Csr::unit(&g) };
        let n = csr.len();
        if n == 0 {
            return Some(Vec::new());
        }
        if max_iter == 0 {
            return None;
        }
        let run = |iterations: usize| {
            pagerank_csr(
                &csr,
                &PageRankOptions {
                    alpha,
                    tolerance: n as f64 * tol,
                    max_iterations: iterations,
                },
            )
        };
        // The library stops at the first iterate within the tolerance, or after
        // `max_iter`: it converged when one iteration fewer gives the same
        // vector (it stopped earlier) or one within the tolerance of it.
        let last = run(max_iter);
        let before = if max_iter == 1 {
            vec![1.0 / n as f64; n]
        } else {
            run(max_iter - 1)
        };
        let change: f64 = last.iter().zip(&before).map(|(a, b)| (a - b).abs()).sum();
        (change < n as f64 * tol).then_some(last)
    })
}

/// NetworkX's `eigenvector_centrality` with its defaults (power iteration
/// on A + I, 100 iterations, tolerance 1e-6): `None` when it does not converge.
#[pyfunction]
fn eigenvector_nx(py: Python<'_>, graph: &Graph, weighted: bool) -> PyResult<Option<Vec<f64>>> {
    let g = Arc::clone(&graph.inner);
    interrupt::run(py, move |_| {
        let csr = if weighted { Csr::new(&g) } else { Csr::unit(&g) };
        eigenvector::networkx_power(&csr).0
    })
}

/// The Perron vector of the weighted (or unit) adjacency, unit norm, as
/// `eigenvector_centrality_numpy`, and the number of connected components.
#[pyfunction]
fn eigenvector_exact(py: Python<'_>, graph: &Graph, weighted: bool) -> PyResult<(Vec<f64>, usize)> {
    let g = Arc::clone(&graph.inner);
    interrupt::run(py, move |_| {
        let csr = if weighted { Csr::new(&g) } else { Csr::unit(&g) };
        let (values, _) = eigenvector::eigenvector(&csr);
        (values, g.component_summary().0)
    })
}

/// Leiden modularity communities of `n` nodes and ties given as positions (a tie of a node
/// with itself counts as NetworkX's modularity counts a self-loop; parallel ties add up), as
/// lists of positions, largest first (equal sizes: in order of first node), each in node order.
#[pyfunction]
#[pyo3(signature = (n, sources, targets, weights, resolution, seed, restarts=None))]
#[allow(clippy::too_many_arguments)]
fn leiden_ties(
    py: Python<'_>,
    n: usize,
    sources: Vec<usize>,
    targets: Vec<usize>,
    weights: Vec<f64>,
    resolution: f64,
    seed: u64,
    restarts: Option<usize>,
) -> PyResult<Vec<Vec<usize>>> {
    if targets.len() != sources.len() || weights.len() != sources.len() {
        return Err(request("sources, targets and weights must have one entry per tie"));
    }
    let mut loops = vec![0.0; n];
    let mut ties = Vec::with_capacity(sources.len());
    for ((&a, &b), &w) in sources.iter().zip(&targets).zip(&weights) {
        if a == b && a < n {
            loops[a] += w;
        } else {
            ties.push((a, b, w));
        }
    }
    let opts = CommunityOptions {
        resolution,
        seed,
        restarts,
    };
    let labels = interrupt::run(py, move |_| community::detect_ties(n, &ties, &loops, &opts))?.or_raise()?;
    let count = labels.iter().max().map_or(0, |&m| m + 1);
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (v, &l) in labels.iter().enumerate() {
        groups[l].push(v);
    }
    // Labels are in order of first node, so a stable sort keeps that order among equal sizes.
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    Ok(groups)
}

/// `` unknown output `panda` (did you mean `pandas`?; choose one of: ...) ``, as the command words it.
#[pyfunction(name = "unknown_choice")]
fn unknown_choice_text(what: &str, given: &str, choices: Vec<String>) -> String {
    let choices: Vec<&str> = choices.iter().map(String::as_str).collect();
    castgraph::util::wording::unknown_choice(what, given, &choices)
}

/// The keyword of a library setting (`max_scene_size`), for the Python half's messages.
#[pyfunction]
fn setting_keys() -> Vec<&'static str> {
    Setting::ALL.iter().map(|s| s.key()).collect()
}

/// The Rust half of the castgraph package.
#[pymodule]
fn _castgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Graph>()?;
    m.add_class::<Table>()?;
    m.add_function(wrap_pyfunction!(build, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(from_scenes, m)?)?;
    m.add_function(wrap_pyfunction!(from_edges, m)?)?;
    m.add_function(wrap_pyfunction!(timeline, m)?)?;
    m.add_function(wrap_pyfunction!(pagerank_nx, m)?)?;
    m.add_function(wrap_pyfunction!(eigenvector_nx, m)?)?;
    m.add_function(wrap_pyfunction!(eigenvector_exact, m)?)?;
    m.add_function(wrap_pyfunction!(leiden_ties, m)?)?;
    m.add_function(wrap_pyfunction!(setting_keys, m)?)?;
    m.add_function(wrap_pyfunction!(unknown_choice_text, m)?)?;
    m.add_function(wrap_pyfunction!(interrupt::_running_workers, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_MAX_SCENE_SIZE", castgraph::build::DEFAULT_MAX_SCENE_SIZE)?;
    Ok(())
}
