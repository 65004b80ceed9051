//! `Graph`: a cast graph held by Python, and the questions the `graph`
//! command asks of a saved graph (central, stats, communities, path, ego,
//! timeline), each answered with the table that the command's CSV prints
//! (same columns, same rows, same order) and what its caption says.
//!
//! Long computations run through [`interrupt::run`]: without the GIL, and
//! stopped by Ctrl-C.

use std::path::PathBuf;
use std::sync::Arc;

use castgraph::CastGraph;
use castgraph::analysis::centrality::{self, CentralityOptions, Distance, EigenvectorScope, Measure, Sample, Scores};
use castgraph::analysis::chain::{Chain, chain};
use castgraph::analysis::community::{self, CommunityOptions};
use castgraph::analysis::stats::GraphStats;
use castgraph::analysis::timeline::{Quantity, Timeline, TimelineOptions, timeline_of_graph};
use castgraph::util::wording::unknown_choice;
use pyo3::prelude::*;
use serde_json::{Value, json};

use crate::interrupt;
use crate::table::{Column, Columns, Table};
use crate::wording::{OrRaise, WORDING, request};

/// A character graph: characters (nodes) with the scenes they appear in,
/// ties (edges) with their weight and shared scenes.
#[pyclass(module = "castgraph._castgraph", name = "Graph", frozen)]
pub struct Graph {
    /// The graph, shared with the worker threads.
    pub inner: Arc<CastGraph>,
    /// What messages call the graph (its file, or `graph`).
    pub label: String,
}

impl Graph {
    /// A graph for Python.
    pub fn new(graph: CastGraph, label: impl Into<String>) -> Graph {
        Graph {
            inner: Arc::new(graph),
            label: label.into(),
        }
    }

    fn find(&self, name: &str) -> PyResult<usize> {
        castgraph::graph::lookup::find(&self.inner, name).or_raise()
    }
}

/// A measure by name, or the command's message for a typo.
pub fn parse_measure(name: &str) -> PyResult<Measure> {
    Measure::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Measure::ALL.iter().map(|m| m.name()).collect();
        request(unknown_choice("measure", name, &names))
    })
}

/// The measures asked for; `None`: all of them.
pub fn parse_measures(measures: Option<Vec<String>>) -> PyResult<Vec<Measure>> {
    match measures {
        None => Ok(Measure::ALL.to_vec()),
        Some(names) => {
            let mut out = Vec::new();
            for name in names {
                let m = parse_measure(&name)?;
                if !out.contains(&m) {
                    out.push(m);
                }
            }
            Ok(out)
        }
    }
}

/// A choice among `choices`, or the command's message for a typo.
pub fn choice<'c>(what: &str, given: &str, choices: &[&'c str]) -> PyResult<&'c str> {
    let typed = given.trim().to_lowercase();
    choices
        .iter()
        .find(|c| **c == typed)
        .copied()
        .ok_or_else(|| request(unknown_choice(what, given, choices)))
}

/// The options of the path measures and the rest, as `graph central` takes them.
#[allow(clippy::too_many_arguments)]
pub fn centrality_options(
    distance: &str,
    unweighted: bool,
    sample: Option<u64>,
    seed: u64,
    raw: bool,
    eigenvector_scope: &str,
) -> PyResult<CentralityOptions> {
    let distance = match choice("distance", distance, &["inverse", "hops"])? {
        "inverse" => Distance::Inverse,
        _ => Distance::Hops,
    };
    let eigenvector_scope = match choice("eigenvector scope", eigenvector_scope, &["graph", "component"])? {
        "graph" => EigenvectorScope::Graph,
        _ => EigenvectorScope::Component,
    };
    if sample == Some(0) {
        return Err(request("sample= must be at least 1 (the number of pivot sources)"));
    }
    Ok(CentralityOptions {
        distance,
        sample: sample.map(|k| Sample {
            pivots: usize::try_from(k).unwrap_or(usize::MAX),
            seed,
        }),
        unweighted,
        raw_betweenness: raw,
        eigenvector_scope,
    })
}

/// What to rank by: `scenes` or a measure.
fn parse_rank_by(name: &str) -> PyResult<Quantity> {
    if name.trim().eq_ignore_ascii_case("scenes") {
        return Ok(Quantity::Scenes);
    }
    Measure::from_name(name).map(Quantity::Measure).ok_or_else(|| {
        let mut names = vec!["scenes"];
        names.extend(Measure::ALL.iter().map(|m| m.name()));
        request(unknown_choice("measure", name, &names))
    })
}

/// A measure's values for every character, `None` where it was not computed.
fn measure_column(scores: &Scores, measure: Measure, ids: &[usize]) -> Column {
    let values: Vec<Option<f64>> = ids.iter().map(|&id| scores.get(measure, id)).collect();
    if values.iter().all(Option::is_some) {
        Column::Float(values.into_iter().flatten().collect())
    } else {
        Column::OptFloat(values)
    }
}

/// A count of chains as a JSON integer while it is one exactly, else a float.
fn count_json(count: f64) -> Value {
    if count.fract() == 0.0 && count < 9_007_199_254_740_992.0 {
        (count as u64).into()
    } else {
        count.into()
    }
}

/// The timeline's tables, as `graph timeline` prints them (see [`Graph::timeline`]).
#[allow(clippy::too_many_arguments)]
pub fn timeline_table(
    timeline: &Timeline,
    format: &str,
    rank_by: Quantity,
    ranks: bool,
    top: Option<usize>,
    characters: Option<Vec<String>>,
) -> PyResult<Table> {
    let chosen: Option<Vec<u32>> = match characters {
        None => None,
        Some(names) => {
            let mut ids = Vec::with_capacity(names.len());
            for name in &names {
                let id = timeline.find(name).or_raise()?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            Some(ids)
        }
    };
    let group = timeline.group_word();
    let mut columns = Columns::default();
    match format {
        "long" => {
            if ranks {
                return Err(request("ranks= is for format='wide' (the long table has both)"));
            }
            let listed: Option<Vec<u32>> = match (&chosen, top) {
                (Some(ids), _) => Some(ids.clone()),
                (None, Some(n)) if n > 0 => Some(timeline.leaders(rank_by, n)),
                _ => None,
            };
            let mut keep = vec![listed.is_none(); timeline.names.len()];
            for &id in listed.as_deref().unwrap_or(&[]) {
                keep[id as usize] = true;
            }
            let (mut keys, mut names, mut measures, mut values, mut rank) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for g in &timeline.groups {
                for (i, &m) in g.members.iter().enumerate() {
                    if !keep[m as usize] {
                        continue;
                    }
                    for &q in &timeline.quantities {
                        keys.push(g.key.clone());
                        names.push(timeline.name(m).to_string());
                        measures.push(q.name().to_string());
                        values.push(g.values(q)[i]);
                        rank.push(i64::from(g.ranks(q)[i]));
                    }
                }
            }
            columns.push(&group, Column::Str(keys));
            columns.push("character", Column::Str(names));
            columns.push("measure", Column::Str(measures));
            columns.push("value", Column::Float(values));
            columns.push("rank", Column::Int(rank));
        }
        "wide" => {
            if !timeline.quantities.contains(&rank_by) {
                return Err(request(format!(
                    "rank_by='{}' is not among the measures computed",
                    rank_by.name()
                )));
            }
            let ids = match &chosen {
                Some(ids) => ids.clone(),
                None => timeline.leaders(rank_by, top.unwrap_or(0)),
            };
            columns.push(
                "character",
                Column::Str(ids.iter().map(|&id| timeline.name(id).to_string()).collect()),
            );
            for g in std::iter::once(&timeline.whole).chain(&timeline.groups) {
                let cells: Vec<Option<f64>> = ids
                    .iter()
                    .map(|&id| {
                        g.position(id).map(|i| {
                            if ranks {
                                f64::from(g.ranks(rank_by)[i])
                            } else {
                                g.values(rank_by)[i]
                            }
                        })
                    })
                    .collect();
                let name = if std::ptr::eq(g, &timeline.whole) {
                    "all"
                } else {
                    g.key.as_str()
                };
                if ranks {
                    columns.push(
                        name,
                        Column::OptInt(cells.iter().map(|c| c.map(|r| r as i64)).collect()),
                    );
                } else {
                    columns.push(name, Column::OptFloat(cells));
                }
            }
        }
        other => {
            return Err(request(unknown_choice("timeline format", other, &["long", "wide"])));
        }
    }
    Ok(Table::new(columns))
}

/// What the group column is called: the grouping's name, or `group` when
/// that would clash with another column (as `graph timeline` names it).
/// The caption and warnings of a timeline, in the Python wording.
pub fn timeline_notes(t: &Timeline, unweighted: bool) -> (String, Vec<String>) {
    let group = t.group_word();
    let mut warnings: Vec<String> = t.report.warnings.iter().map(|w| w.render(&WORDING)).collect();
    for g in t.groups.iter().chain([&t.whole]) {
        for w in &g.warnings {
            warnings.push(format!("{group} {}: {w}", g.key));
        }
    }
    let mut caption = t.caption_head("centrality", "group");
    if t.uses_paths() || unweighted {
        caption.push_str("; ");
        caption.push_str(&t.describe.render(&WORDING));
    }
    (caption, warnings)
}

#[pymethods]
impl Graph {
    /// Number of characters.
    #[getter]
    fn character_count(&self) -> usize {
        self.inner.character_count()
    }

    /// Number of ties.
    #[getter]
    fn tie_count(&self) -> usize {
        self.inner.tie_count()
    }

    /// Number of scenes the graph was built from.
    #[getter]
    fn scene_count(&self) -> u64 {
        self.inner.scene_count()
    }

    /// What scenes are called: `scenes`, or `rows` for an edge list, `edges` for a graph file.
    #[getter]
    fn scene_unit(&self) -> &'static str {
        self.inner.scene_unit().1
    }

    /// What messages call the graph.
    #[getter]
    fn label(&self) -> &str {
        &self.label
    }

    /// The names in first-appearance order.
    fn names(&self) -> Vec<String> {
        self.inner.characters().map(|c| c.name.clone()).collect()
    }

    /// Characters: `character`, `scenes`, `group` (a chorus, not one person).
    fn characters(&self) -> Table {
        let g = &self.inner;
        let mut columns = Columns::default();
        columns.push(
            "character",
            Column::Str(g.characters().map(|c| c.name.clone()).collect()),
        );
        columns.push("scenes", Column::Int(g.characters().map(|c| c.scenes as i64).collect()));
        columns.push("group", Column::Bool(g.characters().map(|c| c.group).collect()));
        Table::new(columns)
    }

    /// Ties: `source`, `target`, `weight`, `scenes`, in the order of their first shared scene.
    fn ties(&self) -> Table {
        let g = &self.inner;
        let (mut source, mut target, mut weight, mut scenes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (a, b, t) in g.ties() {
            source.push(g.character(a).name.clone());
            target.push(g.character(b).name.clone());
            weight.push(t.weight);
            scenes.push(t.scenes as i64);
        }
        let mut columns = Columns::default();
        columns.push("source", Column::Str(source));
        columns.push("target", Column::Str(target));
        columns.push("weight", Column::Float(weight));
        columns.push("scenes", Column::Int(scenes));
        Table::new(columns)
    }

    /// Ties as positions: (sources, targets, weights, scenes).
    #[allow(clippy::type_complexity)]
    fn tie_arrays(&self) -> (Vec<usize>, Vec<usize>, Vec<f64>, Vec<u64>) {
        let mut out = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (a, b, t) in self.inner.ties() {
            out.0.push(a);
            out.1.push(b);
            out.2.push(t.weight);
            out.3.push(t.scenes);
        }
        out
    }

    /// The connected component of each character (numbered from 0 in order of first appearance).
    fn components(&self) -> Vec<usize> {
        self.inner.components()
    }

    /// Scenes of each character, in first-appearance order.
    fn character_scenes(&self) -> Vec<u64> {
        self.inner.characters().map(|c| c.scenes).collect()
    }

    /// The input files: path, format, scenes read and scenes kept.
    fn sources(&self) -> Vec<(String, String, u64, u64)> {
        self.inner
            .sources()
            .iter()
            .map(|s| (s.path.clone(), s.format.to_string(), s.scenes_read, s.scenes))
            .collect()
    }

    /// How the graph was built when not with the defaults (`weight='newman' min_scenes=3`), else None.
    fn provenance(&self) -> Option<String> {
        let p = self.inner.provenance();
        if p.is_default() {
            return None;
        }
        use castgraph::util::wording::{Setting, Wording};
        let mut how = vec![WORDING.setting_value(Setting::Weight, &p.weight.describe())];
        // A switch that is on reads `drop_isolated=True` in Python.
        how.extend(p.settings().into_iter().map(|(s, v)| match v {
            Some(v) => WORDING.setting_value(s, &v),
            None => format!("{}=True", s.key()),
        }));
        Some(how.join(" "))
    }

    /// True when the graph keeps the list of its scenes (for path scenes and timelines).
    fn has_scene_list(&self) -> bool {
        self.inner.scene_list().is_some()
    }

    /// Writes the saved-graph file (the one `graph build` writes and every command reads).
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let graph = Arc::clone(&self.inner);
        interrupt::run(py, move |_| castgraph::graph::store::save(&graph, &path))?.or_raise()
    }

    /// The `graph central --format csv` table of every character (or the
    /// `top`), ranked by `by`, with the caption and the warnings.
    #[pyo3(signature = (measures=None, distance="inverse", unweighted=false, sample=None, seed=42, raw=false,
                        eigenvector_scope="graph", by=None, top=None))]
    #[allow(clippy::too_many_arguments)]
    fn centrality(
        &self,
        py: Python<'_>,
        measures: Option<Vec<String>>,
        distance: &str,
        unweighted: bool,
        sample: Option<u64>,
        seed: u64,
        raw: bool,
        eigenvector_scope: &str,
        by: Option<String>,
        top: Option<usize>,
    ) -> PyResult<(Table, String, Vec<String>)> {
        let measures = parse_measures(measures)?;
        let opts = centrality_options(distance, unweighted, sample, seed, raw, eigenvector_scope)?;
        let by = match by {
            Some(name) => parse_rank_by(&name)?,
            None if measures.contains(&Measure::Pagerank) => Quantity::Measure(Measure::Pagerank),
            None => Quantity::Measure(measures[0]),
        };
        if let Quantity::Measure(m) = by {
            let computed = matches!(m, Measure::Degree | Measure::Strength)
                || measures.contains(&m)
                || (m.uses_distance() && measures.iter().any(|x| x.uses_distance()));
            if !computed {
                return Err(request(format!(
                    "by='{}' is not among the measures computed (add it to measures=)",
                    m.name()
                )));
            }
        }
        let graph = Arc::clone(&self.inner);
        let wanted = measures.clone();
        let scores = interrupt::run(py, move |watch| Scores::compute_only(&graph, &opts, &wanted, watch))?;
        let g = &self.inner;
        let mut ranked = match by {
            Quantity::Measure(m) => {
                let values: Vec<f64> = (0..g.character_count())
                    .map(|id| scores.get(m, id).unwrap_or(f64::NAN))
                    .collect();
                centrality::rank(g, &values)
            }
            Quantity::Scenes => {
                let scenes: Vec<f64> = g.characters().map(|c| c.scenes as f64).collect();
                centrality::rank(g, &scenes)
            }
        };
        let n = ranked.len();
        if let Some(top) = top
            && top > 0
        {
            ranked.truncate(top);
        }
        let shown = if ranked.len() < n {
            format!("top {} of {n}, ", ranked.len())
        } else {
            String::new()
        };
        let caption = format!("{shown}ranked by {}; {}", by.name(), scores.describe().render(&WORDING));
        let mut columns = Columns::default();
        columns.push("rank", Column::Int((1..=ranked.len() as i64).collect()));
        columns.push(
            "character",
            Column::Str(ranked.iter().map(|&id| g.character(id).name.clone()).collect()),
        );
        columns.push(
            "scenes",
            Column::Int(ranked.iter().map(|&id| g.character(id).scenes as i64).collect()),
        );
        columns.push(
            "degree",
            Column::Int(ranked.iter().map(|&id| scores.degree[id] as i64).collect()),
        );
        columns.push("strength", measure_column(&scores, Measure::Strength, &ranked));
        let path_measures = measures.iter().any(|m| m.uses_distance());
        for m in Measure::ALL {
            let shown = match m {
                Measure::Degree | Measure::Strength => false,
                m if m.uses_distance() => path_measures,
                m => measures.contains(&m),
            };
            if shown {
                columns.push(m.name(), measure_column(&scores, m, &ranked));
            }
        }
        Ok((Table::new(columns), caption, scores.warnings.clone()))
    }

    /// Every measure's values in character order (no ranking), for the
    /// NetworkX backend: `{name: [values]}`; a measure that could not be
    /// computed (an eigenvector iteration that did not converge) is `None`.
    #[pyo3(signature = (measures, distance="inverse", unweighted=false, raw=false))]
    #[allow(clippy::type_complexity)]
    fn measure_values(
        &self,
        py: Python<'_>,
        measures: Vec<String>,
        distance: &str,
        unweighted: bool,
        raw: bool,
    ) -> PyResult<(Vec<(String, Option<Vec<f64>>)>, Vec<String>)> {
        let measures = parse_measures(Some(measures))?;
        let opts = centrality_options(distance, unweighted, None, 0, raw, "graph")?;
        let graph = Arc::clone(&self.inner);
        let wanted = measures.clone();
        let scores = interrupt::run(py, move |watch| Scores::compute_only(&graph, &opts, &wanted, watch))?;
        let n = self.inner.character_count();
        let values = measures
            .iter()
            .map(|&m| {
                let v: Option<Vec<f64>> = (0..n).map(|id| scores.get(m, id)).collect();
                (m.name().to_string(), v)
            })
            .collect();
        Ok((values, scores.warnings.clone()))
    }

    /// Whole-graph figures, as `graph stats --format json` prints them (a JSON text).
    #[pyo3(signature = (unweighted=false))]
    fn stats(&self, py: Python<'_>, unweighted: bool) -> PyResult<String> {
        let graph = Arc::clone(&self.inner);
        let mut stats = interrupt::run(py, move |_| GraphStats::compute(&graph))?;
        if unweighted {
            stats.total_weight = stats.ties as f64;
        }
        serde_json::to_string(&stats).map_err(|e| request(e.to_string()))
    }

    /// Leiden modularity communities: the `graph communities --format csv`
    /// table and what its JSON says of the partition (a JSON text).
    #[pyo3(signature = (resolution=community::DEFAULT_RESOLUTION, seed=community::DEFAULT_SEED, restarts=None))]
    fn communities(
        &self,
        py: Python<'_>,
        resolution: f64,
        seed: u64,
        restarts: Option<usize>,
    ) -> PyResult<(Table, String)> {
        let opts = CommunityOptions {
            resolution,
            seed,
            restarts,
        };
        let graph = Arc::clone(&self.inner);
        let found = interrupt::run(py, move |_| community::detect(&graph, &opts))?.or_raise()?;
        let g = &self.inner;
        let strength = g.strengths();
        let degree = g.degrees();
        let mut inside = vec![0.0; g.character_count()];
        for (a, b, t) in g.ties() {
            if found.membership[a] == found.membership[b] {
                inside[a] += t.weight;
                inside[b] += t.weight;
            }
        }
        let ids: Vec<(usize, usize)> = found
            .members
            .iter()
            .enumerate()
            .flat_map(|(i, m)| m.iter().map(move |&id| (i + 1, id)))
            .collect();
        let mut columns = Columns::default();
        columns.push("community", Column::Int(ids.iter().map(|&(c, _)| c as i64).collect()));
        columns.push(
            "character",
            Column::Str(ids.iter().map(|&(_, id)| g.character(id).name.clone()).collect()),
        );
        columns.push(
            "scenes",
            Column::Int(ids.iter().map(|&(_, id)| g.character(id).scenes as i64).collect()),
        );
        columns.push(
            "degree",
            Column::Int(ids.iter().map(|&(_, id)| degree[id] as i64).collect()),
        );
        columns.push(
            "strength",
            Column::Float(ids.iter().map(|&(_, id)| strength[id]).collect()),
        );
        columns.push(
            "internal_strength",
            Column::Float(ids.iter().map(|&(_, id)| inside[id]).collect()),
        );
        let q = if found.modularity.is_nan() {
            Value::Null
        } else {
            found.modularity.into()
        };
        let count = found.count();
        let quality = if found.modularity.is_nan() {
            "Q undefined (no ties)".to_string()
        } else {
            format!("Q = {:.4}", found.modularity)
        };
        let caption = format!(
            "{}: {quality}, {count} communit{}",
            found.describe(),
            if count == 1 { "y" } else { "ies" }
        );
        let members: Vec<Vec<usize>> = found.members.clone();
        let meta = json!({
            "algorithm": "leiden",
            "modularity": q,
            "resolution": found.options.resolution,
            "seed": found.options.seed,
            "runs": found.runs,
            "count": count,
            "members": members,
            "caption": caption,
        });
        Ok((Table::new(columns), meta.to_string()))
    }

    /// The chains between two characters: the `graph path --format csv`
    /// table and what its JSON says of each chain (a JSON text).
    #[pyo3(signature = (source, target, distance=None))]
    fn path(&self, py: Python<'_>, source: &str, target: &str, distance: Option<&str>) -> PyResult<(Table, String)> {
        let from = self.find(source)?;
        let to = self.find(target)?;
        let distances = match distance {
            None => vec![Distance::Inverse, Distance::Hops],
            Some(d) => match choice("distance", d, &["inverse", "hops"])? {
                "inverse" => vec![Distance::Inverse],
                _ => vec![Distance::Hops],
            },
        };
        let graph = Arc::clone(&self.inner);
        let found: Vec<(Distance, Option<Chain>)> = interrupt::run(py, move |_| {
            distances.into_iter().map(|d| (d, chain(&graph, from, to, d))).collect()
        })?;
        let g = &self.inner;
        let mut chains = Vec::new();
        for (d, c) in found {
            match c {
                Some(c) => chains.push((d, c)),
                None => {
                    return Err(request(format!(
                        "`{}` and `{}` are not connected: no chain of ties joins them (they are in different components; `Graph.stats()` lists the components)",
                        g.character(from).name,
                        g.character(to).name
                    )));
                }
            }
        }
        let key = |d: Distance| d.name().to_string();
        let mut columns: Vec<(String, Column)> = Vec::new();
        let (mut kind, mut step, mut a, mut b, mut weight, mut shared, mut length, mut scenes) = (
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        let mut meta_chains = Vec::new();
        for (d, c) in &chains {
            let mut so_far = 0.0;
            for (i, s) in c.steps.iter().enumerate() {
                so_far += match d {
                    Distance::Inverse => 1.0 / s.weight,
                    Distance::Hops => 1.0,
                };
                let labels: Vec<String> = g.shared_scenes(s.from, s.to).iter().map(|x| g.scene_label(x)).collect();
                kind.push(key(*d));
                step.push(i as i64 + 1);
                a.push(g.character(s.from).name.clone());
                b.push(g.character(s.to).name.clone());
                weight.push(s.weight);
                shared.push(s.scenes as i64);
                length.push(so_far);
                scenes.push(labels.join("; "));
            }
            meta_chains.push(json!({
                "distance": key(*d),
                "length": c.length,
                "hops": c.hops(),
                "equally_short": count_json(c.count),
                "characters": c.characters.iter().map(|&id| g.character(id).name.as_str()).collect::<Vec<_>>(),
            }));
        }
        columns.push(("chain".into(), Column::Str(kind)));
        columns.push(("step".into(), Column::Int(step)));
        columns.push(("from".into(), Column::Str(a)));
        columns.push(("to".into(), Column::Str(b)));
        columns.push(("weight".into(), Column::Float(weight)));
        columns.push(("shared_scenes".into(), Column::Int(shared)));
        columns.push(("length".into(), Column::Float(length)));
        columns.push(("scenes".into(), Column::Str(scenes)));
        let meta = json!({
            "from": g.character(from).name,
            "to": g.character(to).name,
            "scenes_listed": g.scene_list().is_some(),
            "chains": meta_chains,
        });
        Ok((Table::new(Columns(columns)), meta.to_string()))
    }

    /// The ego graph of `name`: the `graph ego --format csv` table and a
    /// JSON text with the centre and the counts.
    #[pyo3(signature = (name, radius=1))]
    fn ego(&self, name: &str, radius: usize) -> PyResult<(Table, String)> {
        let g = &self.inner;
        let centre = self.find(name)?;
        let (ego, hops) = castgraph::analysis::ego::ego_graph(g, centre, radius);
        let ego_centre = ego.id_of(&g.character(centre).name).unwrap_or(0);
        let mut to_centre: Vec<Option<f64>> = vec![None; ego.character_count()];
        for (u, t) in ego.neighbours(ego_centre) {
            to_centre[u] = Some(t.weight);
        }
        let degree: Vec<usize> = (0..ego.character_count())
            .map(|id| ego.neighbours(id).count())
            .collect();
        let strength: Vec<f64> = (0..ego.character_count())
            .map(|id| ego.neighbours(id).map(|(_, t)| t.weight).sum())
            .collect();
        let mut order: Vec<usize> = (0..ego.character_count()).collect();
        order.sort_by(|&a, &b| {
            hops[a]
                .cmp(&hops[b])
                .then_with(|| strength[b].total_cmp(&strength[a]))
                .then_with(|| ego.character(a).name.cmp(&ego.character(b).name))
        });
        let mut columns = Columns::default();
        columns.push(
            "character",
            Column::Str(order.iter().map(|&id| ego.character(id).name.clone()).collect()),
        );
        columns.push("hops", Column::Int(order.iter().map(|&id| hops[id] as i64).collect()));
        columns.push(
            "scenes",
            Column::Int(order.iter().map(|&id| ego.character(id).scenes as i64).collect()),
        );
        columns.push(
            "tie_to_centre",
            Column::OptFloat(order.iter().map(|&id| to_centre[id]).collect()),
        );
        columns.push(
            "degree",
            Column::Int(order.iter().map(|&id| degree[id] as i64).collect()),
        );
        columns.push(
            "strength",
            Column::Float(order.iter().map(|&id| strength[id]).collect()),
        );
        let caption = format!(
            "ego graph of {}, radius {radius}: {} of {} characters, {} of {} ties",
            g.character(centre).name,
            ego.character_count(),
            g.character_count(),
            ego.tie_count(),
            g.tie_count()
        );
        let meta = json!({
            "centre": g.character(centre).name,
            "radius": radius,
            "caption": caption,
        });
        Ok((Table::new(columns), meta.to_string()))
    }

    /// The ego graph of `name` as a graph of its own (`graph ego --save`).
    #[pyo3(signature = (name, radius=1))]
    fn ego_graph(&self, name: &str, radius: usize) -> PyResult<Graph> {
        let centre = self.find(name)?;
        let (ego, _) = castgraph::analysis::ego::ego_graph(&self.inner, centre, radius);
        Ok(Graph::new(ego, self.label.clone()))
    }

    /// The timeline of the graph's scene list, cut by episode: the table of
    /// `graph timeline --graph PATH --format csv` (or `wide`), the caption and
    /// the warnings.
    #[pyo3(signature = (prefix=None, cumulative=false, measures=None, distance="inverse", unweighted=false,
                        sample=None, seed=42, raw=false, eigenvector_scope="graph", rank_by="pagerank",
                        top=None, characters=None, format="long", ranks=false))]
    #[allow(clippy::too_many_arguments)]
    fn timeline(
        &self,
        py: Python<'_>,
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
        let (opts, rank_by) = timeline_options(
            prefix,
            cumulative,
            measures,
            centrality_options(distance, unweighted, sample, seed, raw, eigenvector_scope)?,
            rank_by,
            format,
        )?;
        let graph = Arc::clone(&self.inner);
        let label = PathBuf::from(&self.label);
        let t = interrupt::run(py, move |_| timeline_of_graph(&graph, &label, &opts))?.or_raise()?;
        let table = timeline_table(&t, format, rank_by, ranks, top, characters)?;
        let (caption, warnings) = timeline_notes(&t, unweighted);
        Ok((table, caption, warnings))
    }

    fn __repr__(&self) -> String {
        format!(
            "<castgraph Graph: {} characters, {} ties>",
            self.inner.character_count(),
            self.inner.tie_count()
        )
    }
}

/// The timeline's options but the build's, as `graph timeline` sets them.
pub fn timeline_options(
    prefix: Option<usize>,
    cumulative: bool,
    measures: Option<Vec<String>>,
    centrality: CentralityOptions,
    rank_by: &str,
    format: &str,
) -> PyResult<(TimelineOptions, Quantity)> {
    if prefix == Some(0) {
        return Err(request("prefix= must be at least 1"));
    }
    let rank_by = parse_rank_by(rank_by)?;
    let mut measures = match measures {
        None => Vec::new(),
        Some(names) => parse_measures(Some(names))?,
    };
    // The wide table shows the rank_by measure: compute it even if not asked for.
    if let Quantity::Measure(m) = rank_by
        && format == "wide"
        && !measures.is_empty()
        && !measures.contains(&m)
    {
        measures.push(m);
    }
    Ok((
        TimelineOptions {
            build: Default::default(),
            by: Default::default(),
            prefix,
            cumulative,
            measures,
            centrality,
        },
        rank_by,
    ))
}
