//! Centrality measures: who matters in the cast.
//!
//! Every measure is defined as NetworkX 3.x defines it, on the weighted,
//! undirected cast graph (weight = shared scenes). Path measures use a tie
//! *length* chosen by [`Distance`]: 1/weight by default (more shared scenes =
//! closer), or 1 per tie (`hops`, weights ignored).
//!
//! | measure       | meaning | NetworkX equivalent |
//! |---------------|---------|---------------------|
//! | `degree`      | number of distinct co-stars | `G.degree(v)` |
//! | `strength`    | sum of tie weights (shared scenes) | `G.degree(v, weight='weight')` |
//! | `betweenness` | share of shortest paths between others that pass through the character, normalised by 2/((n−1)(n−2)) | `nx.betweenness_centrality(G, weight='distance', normalized=True)` |
//! | `closeness`   | Wasserman–Faust: (r−1)/(n−1) · (r−1)/Σd over the r reachable characters; 0 if isolated | `nx.closeness_centrality(G, distance='distance')` |
//! | `harmonic`    | Σ 1/d over reachable others, not normalised | `nx.harmonic_centrality(G, distance='distance')` |
//! | `eigenvector` | Perron vector of the weighted adjacency, unit L2 norm; on a disconnected graph, of the component with the largest leading eigenvalue, 0 elsewhere | `nx.eigenvector_centrality_numpy(G, weight='weight')` |
//! | `pagerank`    | weighted PageRank, damping 0.85 | `nx.pagerank(G, alpha=0.85, weight='weight')` |
//!
//! (`distance` is `1/weight` for [`Distance::Inverse`]; for [`Distance::Hops`]
//! NetworkX is called without a weight.) The order of measures in every
//! table, CSV and JSON output is [`Measure::ALL`], after `rank`, `character`
//! and `scenes`: see [`COLUMNS`].

pub mod degree;
pub mod eigenvector;
pub mod pagerank;
pub mod paths;

pub use paths::{Distance, Sample};

use crate::graph::{CastGraph, CharacterId};
use crate::util::wording::{Message, Part, Setting, msg};

/// A centrality measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Number of distinct co-stars.
    Degree,
    /// Sum of tie weights.
    Strength,
    /// Normalised shortest-path betweenness.
    Betweenness,
    /// Wasserman–Faust closeness.
    Closeness,
    /// Harmonic centrality.
    Harmonic,
    /// Weighted eigenvector centrality.
    Eigenvector,
    /// Weighted PageRank (damping 0.85).
    Pagerank,
}

impl Measure {
    /// Every measure, in output column order.
    pub const ALL: [Measure; 7] = [
        Measure::Degree,
        Measure::Strength,
        Measure::Betweenness,
        Measure::Closeness,
        Measure::Harmonic,
        Measure::Eigenvector,
        Measure::Pagerank,
    ];

    /// The measure's name as used on the command line and in column headers.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Strength => "strength",
            Measure::Betweenness => "betweenness",
            Measure::Closeness => "closeness",
            Measure::Harmonic => "harmonic",
            Measure::Eigenvector => "eigenvector",
            Measure::Pagerank => "pagerank",
        }
    }

    /// Parses a measure name (as printed by [`Measure::name`]).
    pub fn from_name(name: &str) -> Option<Measure> {
        Measure::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(name.trim()))
    }

    /// True for the measures that depend on the [`Distance`] choice.
    pub fn uses_distance(self) -> bool {
        matches!(self, Measure::Betweenness | Measure::Closeness | Measure::Harmonic)
    }
}

/// The column order of `graph central`'s CSV and JSON output, kept in this one place.
pub const COLUMNS: [&str; 10] = [
    "rank",
    "character",
    "scenes",
    "degree",
    "strength",
    "betweenness",
    "closeness",
    "harmonic",
    "eigenvector",
    "pagerank",
];

/// How to compute the measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CentralityOptions {
    /// Tie length for path measures.
    pub distance: Distance,
    /// Estimate path measures from a sample of pivot sources instead of all.
    pub sample: Option<Sample>,
    /// Every tie counts 1 for every measure, as in NetworkX without a
    /// `weight` argument: strength is the degree, path lengths are hops,
    /// PageRank is unweighted, and eigenvector is NetworkX's
    /// `eigenvector_centrality(G)` (power iteration with its defaults,
    /// [`eigenvector::networkx_power`]), the values DraCor publishes.
    pub unweighted: bool,
    /// Betweenness as counts of shortest paths (NetworkX `normalized=False`,
    /// what igraph and Gephi print), not divided by the pairs of others.
    pub raw_betweenness: bool,
    /// Which characters' eigenvector is measured together.
    pub eigenvector_scope: EigenvectorScope,
}

/// Over what eigenvector centrality is measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EigenvectorScope {
    /// The whole graph, as NetworkX defines it: on a disconnected graph the
    /// component with the largest leading eigenvalue, 0 everywhere else.
    #[default]
    Graph,
    /// Each connected component on its own: its Perron vector of unit norm
    /// (so the lead of a small component is not 0); 0 for a character
    /// without ties.
    Component,
}

impl EigenvectorScope {
    /// `graph` or `component`.
    pub fn name(self) -> &'static str {
        match self {
            EigenvectorScope::Graph => "graph",
            EigenvectorScope::Component => "component",
        }
    }
}

impl CentralityOptions {
    /// How path measures are computed, for captions: `path measures:
    /// distance = 1/weight (` then the distance setting, then `), exact`.
    pub fn describe(&self) -> Message {
        let how = match self.sample {
            Some(s) => format!("estimated from {} pivot sources (seed {})", s.pivots, s.seed),
            None => "exact".to_string(),
        };
        let distance = if self.unweighted {
            "1 per tie"
        } else {
            self.distance.describe()
        };
        let mut m = msg![
            format!("path measures: {distance} ("),
            Part::Value(Setting::Distance, self.distance.name().to_string()),
            format!("), {how}")
        ];
        if self.raw_betweenness {
            m = m.then(msg![
                "; betweenness as path counts, not normalised (",
                Setting::Raw,
                ")"
            ]);
        }
        if self.unweighted {
            m = m.then(msg!["; every tie counts 1 (", Setting::Unweighted, ")"]);
            if self.eigenvector_scope == EigenvectorScope::Graph {
                m = m.then(msg![
                    ": eigenvector as nx.eigenvector_centrality(G), the values DraCor publishes"
                ]);
            }
        }
        if self.eigenvector_scope == EigenvectorScope::Component {
            m = m.then(msg![
                "; eigenvector of each component on its own (",
                Part::Value(Setting::EigenvectorScope, "component".to_string()),
                ")"
            ]);
        }
        m
    }
}

/// One measure's values, indexed by [`CharacterId`], or nothing when the
/// measure was not computed ([`Scores::compute_only`]). It reads as a slice
/// of the values (empty when not computed); [`Values::computed`] tells the
/// two cases apart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Values(Option<Vec<f64>>);

impl Values {
    /// Values that were computed.
    pub fn new(values: Vec<f64>) -> Values {
        Values(Some(values))
    }

    /// A measure that was not computed.
    pub fn not_computed() -> Values {
        Values(None)
    }

    /// The values, or `None` when the measure was not computed.
    pub fn computed(&self) -> Option<&[f64]> {
        self.0.as_deref()
    }
}

impl std::ops::Deref for Values {
    type Target = [f64];

    /// The values; empty when the measure was not computed.
    fn deref(&self) -> &[f64] {
        self.0.as_deref().unwrap_or(&[])
    }
}

impl<'a> IntoIterator for &'a Values {
    type Item = &'a f64;
    type IntoIter = std::slice::Iter<'a, f64>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Every measure's value for every character, indexed by [`CharacterId`].
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// The options the scores were computed with.
    pub options: CentralityOptions,
    /// Number of distinct co-stars (always computed).
    pub degree: Vec<usize>,
    /// Sum of tie weights (always computed).
    pub strength: Vec<f64>,
    /// Normalised betweenness.
    pub betweenness: Values,
    /// Wasserman–Faust closeness.
    pub closeness: Values,
    /// Harmonic centrality.
    pub harmonic: Values,
    /// Weighted eigenvector centrality.
    pub eigenvector: Values,
    /// Weighted PageRank.
    pub pagerank: Values,
    /// Things the reader should know about these values (e.g. an eigenvector tie).
    pub warnings: Vec<String>,
    /// What a caption should say about these values on this graph (e.g. why
    /// eigenvector is 0 in all but one component).
    pub notes: Vec<Message>,
}

impl Scores {
    /// Computes every measure on `graph`.
    ///
    /// # Complexity
    /// The path measures dominate: O(n·m) time in hops and O(n·(m + n log n))
    /// with 1/weight lengths (Brandes 2001), run in parallel over sources;
    /// O(K·(m + n log n)) with a sample of K pivots. Eigenvector and PageRank
    /// are O(m) per iteration; memory O(n + m) per thread.
    ///
    /// # Example
    /// ```
    /// use castgraph::CastGraph;
    /// use castgraph::analysis::centrality::{Measure, CentralityOptions, Scores};
    ///
    /// let g = CastGraph::from_scenes([&["Carly", "Vanessa"][..], &["Carly", "Sasha"], &["Carly", "Maria"]]);
    /// let scores = Scores::compute(&g, &CentralityOptions::default());
    /// let carly = g.id_of("Carly").unwrap();
    /// assert_eq!(scores.degree[carly], 3);
    /// assert_eq!(scores.betweenness[carly], 1.0); // every other pair's only path runs through Carly
    /// assert_eq!(g.character(scores.ranking(&g, Measure::Pagerank)[0]).name, "Carly");
    /// ```
    ///
    /// NetworkX equivalents: see the module table; each measure's module
    /// names its paper.
    pub fn compute(graph: &CastGraph, options: &CentralityOptions) -> Scores {
        Scores::compute_with(graph, options, &crate::util::progress::NoProgress)
    }

    /// [`compute`](Self::compute), reporting the shortest-path phase to `progress`.
    pub fn compute_with(
        graph: &CastGraph,
        options: &CentralityOptions,
        progress: &dyn crate::util::progress::Progress,
    ) -> Scores {
        Scores::compute_only(graph, options, &Measure::ALL, progress)
    }

    /// Only `measures` (and degree and strength, which cost nothing): the
    /// others are [`Values::not_computed`]. The three path measures come from one pass, so
    /// asking for one computes all three. For commands that need one
    /// measure of a big graph (`compare --by pagerank`, `timeline
    /// --measures pagerank`), where exact betweenness would dominate.
    pub fn compute_only(
        graph: &CastGraph,
        options: &CentralityOptions,
        measures: &[Measure],
        progress: &dyn crate::util::progress::Progress,
    ) -> Scores {
        let csr = if options.unweighted {
            crate::graph::csr::Csr::unit(graph)
        } else {
            crate::graph::csr::Csr::new(graph)
        };
        let hop_sums_only = options.distance == Distance::Hops
            && options.sample.is_none()
            && !measures.contains(&Measure::Betweenness)
            && measures.iter().any(|m| m.uses_distance());
        let (betweenness, closeness, harmonic) = if hop_sums_only {
            // Closeness and harmonic in hops without betweenness: distance
            // sums are all they need, and the multi-source bitset BFS finds
            // them 512 sources at a time (same digits as the per-source BFS).
            let (closeness, harmonic) = hop_closeness_harmonic(&csr, progress);
            (Values::not_computed(), Values::new(closeness), Values::new(harmonic))
        } else if measures.iter().any(|m| m.uses_distance()) {
            let mut p = paths::path_scores_with(&csr, options.distance, options.sample, progress);
            if options.raw_betweenness {
                let n = csr.len() as f64;
                // Undo the normalisation: each unordered pair of others once (NetworkX's
                // `normalized=False` on an undirected graph).
                let pairs = if n > 2.0 { (n - 1.0) * (n - 2.0) / 2.0 } else { 1.0 };
                for b in &mut p.betweenness {
                    *b *= pairs;
                }
            }
            (
                Values::new(p.betweenness),
                Values::new(p.closeness),
                Values::new(p.harmonic),
            )
        } else {
            (Values::not_computed(), Values::not_computed(), Values::not_computed())
        };
        let mut notes = Vec::new();
        let (eigenvector, warnings) = if measures.contains(&Measure::Eigenvector) {
            if options.eigenvector_scope == EigenvectorScope::Graph && several_components_with_ties(&csr) {
                notes.push(msg![
                    "eigenvector is 0 outside the component with the largest leading eigenvalue (NetworkX's whole-graph definition; ",
                    Part::Value(Setting::EigenvectorScope, "component".to_string()),
                    " measures each component on its own)"
                ]);
            }
            let (values, warnings) = if options.eigenvector_scope == EigenvectorScope::Component {
                (Values::new(eigenvector::per_component(&csr)), Vec::new())
            } else if options.unweighted {
                let (values, warnings) = eigenvector::networkx_power(&csr);
                (values.map_or_else(Values::not_computed, Values::new), warnings)
            } else {
                let (values, warnings) = eigenvector::eigenvector(&csr);
                (Values::new(values), warnings)
            };
            (values, warnings)
        } else {
            (Values::not_computed(), Vec::new())
        };
        let pagerank = if measures.contains(&Measure::Pagerank) {
            Values::new(pagerank::pagerank_csr(&csr, &pagerank::PageRankOptions::default()))
        } else {
            Values::not_computed()
        };
        Scores {
            options: *options,
            degree: graph.degrees(),
            strength: if options.unweighted {
                graph.degrees().into_iter().map(|d| d as f64).collect()
            } else {
                graph.strengths()
            },
            betweenness,
            closeness,
            harmonic,
            eigenvector,
            pagerank,
            warnings,
            notes,
        }
    }

    /// The value of `measure` for character `id`, or `None` when the
    /// measure was not computed.
    pub fn get(&self, measure: Measure, id: CharacterId) -> Option<f64> {
        let values = match measure {
            Measure::Degree => return self.degree.get(id).map(|&d| d as f64),
            Measure::Strength => return self.strength.get(id).copied(),
            Measure::Betweenness => &self.betweenness,
            Measure::Closeness => &self.closeness,
            Measure::Harmonic => &self.harmonic,
            Measure::Eigenvector => &self.eigenvector,
            Measure::Pagerank => &self.pagerank,
        };
        values.computed().and_then(|v| v.get(id)).copied()
    }

    /// The value of `measure` for character `id`, as a float.
    ///
    /// # Panics
    /// When `measure` was not computed (see [`Scores::compute_only`]) or
    /// `id` is not a character of the graph.
    pub fn value(&self, measure: Measure, id: CharacterId) -> f64 {
        match self.get(measure, id) {
            Some(v) => v,
            None => panic!("{} of character {id} was not computed", measure.name()),
        }
    }

    /// A one-line description of how the values were computed (see
    /// [`CentralityOptions::describe`]), with the [`notes`](Self::notes).
    pub fn describe(&self) -> Message {
        let mut m = self.options.describe();
        let n = self.degree.len();
        if let Some(s) = self.options.sample
            && s.pivots < n
            && self.betweenness.computed().is_some()
        {
            let e = paths::sampling_error(n, s.pivots, SAMPLING_CONFIDENCE);
            let nf = n as f64;
            // Per source, a character's dependency is at most n-2: the mean
            // over pivots is off by at most e, and betweenness is n/(n-1)
            // times that mean (times the (n-1)(n-2)/2 pairs when raw).
            let bound = if self.options.raw_betweenness {
                e * nf * (nf - 2.0) / 2.0
            } else {
                e * nf / (nf - 1.0)
            };
            let mut text = format!(
                "; sampling error: betweenness within ±{} of the exact value",
                significant(bound)
            );
            // Harmonic's terms 1/d lie in [0, 1] only when a tie is 1 long.
            if self.options.distance == Distance::Hops || self.options.unweighted {
                text.push_str(&format!(", harmonic within ±{}", significant(e * nf)));
            }
            text.push_str(&format!(
                ", for every character with {:.0}% confidence (Hoeffding's bound for {} of {n} sources)",
                SAMPLING_CONFIDENCE * 100.0,
                s.pivots
            ));
            m = m.then(msg![text]);
        }
        for note in &self.notes {
            m = m.then(msg!["; "]).then(note.clone());
        }
        m
    }

    /// Characters ranked by `measure`, highest first; ties broken by name,
    /// then by first appearance, so the order is always the same.
    ///
    /// Values equal to 12 significant digits count as tied: two characters in
    /// symmetric positions can get values that differ in the last bit only
    /// because of summation order, and that must not decide their rank.
    pub fn ranking(&self, graph: &CastGraph, measure: Measure) -> Vec<CharacterId> {
        let values: Vec<f64> = (0..graph.character_count()).map(|id| self.value(measure, id)).collect();
        rank(graph, &values)
    }
}

/// The confidence of the sampling error bound that captions state.
pub const SAMPLING_CONFIDENCE: f64 = 0.95;

/// `x` to two significant digits, for a caption.
fn significant(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let digits = (1 - x.abs().log10().floor() as i32).max(0) as usize;
    format!("{x:.digits$}")
}

/// Characters ranked by `values` (one per character), highest first, with
/// the tie rules of [`Scores::ranking`].
pub fn rank(graph: &CastGraph, values: &[f64]) -> Vec<CharacterId> {
    let keys: Vec<f64> = values.iter().map(|&v| rank_key(v)).collect();
    let mut ids: Vec<CharacterId> = (0..graph.character_count()).collect();
    ids.sort_by(|&a, &b| {
        keys[b]
            .total_cmp(&keys[a])
            .then_with(|| graph.character(a).name.cmp(&graph.character(b).name))
            .then(a.cmp(&b))
    });
    ids
}

/// `x` rounded to 12 significant digits (a key function, so sorting by it is
/// a total order, unlike comparing with a tolerance).
fn rank_key(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return if x.is_nan() { f64::NEG_INFINITY } else { x };
    }
    format!("{x:.11e}").parse().unwrap_or(x)
}

/// True when two or more connected components have ties.
fn several_components_with_ties(csr: &crate::graph::csr::Csr) -> bool {
    let (_, sizes) = csr.components();
    sizes.iter().filter(|&&s| s >= 2).count() >= 2
}

/// Wasserman–Faust closeness and harmonic centrality in hops, from
/// [`hops::source_sums`](crate::analysis::hops::source_sums), with the
/// formulas of [`paths::path_scores`].
fn hop_closeness_harmonic(
    csr: &crate::graph::csr::Csr,
    progress: &dyn crate::util::progress::Progress,
) -> (Vec<f64>, Vec<f64>) {
    let n = csr.len();
    let (comp, sizes) = csr.components();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); sizes.len()];
    for (v, &c) in comp.iter().enumerate() {
        members[c].push(v);
    }
    let sums = crate::analysis::hops::source_sums(csr, &members, progress);
    let nf = n as f64;
    let closeness = sums
        .iter()
        .map(|s| {
            let dist_sum = s.distance_sum as f64;
            if dist_sum > 0.0 && n > 1 {
                let r1 = (s.reached - 1) as f64;
                r1 / dist_sum * (r1 / (nf - 1.0))
            } else {
                0.0
            }
        })
        .collect();
    let harmonic = sums.iter().map(|s| s.harmonic).collect();
    (closeness, harmonic)
}
