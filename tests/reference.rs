//! Centrality values against the reference goldens in `tests/fixtures/golden/`,
//! produced by `scripts/reference.py` (NetworkX 3.6.1; betweenness from exact
//! rational arithmetic cross-checked with igraph). Tolerance 1e-9.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use castgraph::CastGraph;
use castgraph::analysis::centrality::{CentralityOptions, Distance, Measure, Sample, Scores};
use castgraph::analysis::stats::GraphStats;

const TOLERANCE: f64 = 1e-9;
const FIXTURES: [&str; 6] = ["s1", "lesmis", "davis", "disconnected", "generated", "tie"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_path(name: &str) -> PathBuf {
    if name == "s1" {
        root().join("data/s1.csv")
    } else {
        root().join(format!("tests/fixtures/{name}.csv"))
    }
}

fn build(path: &Path) -> CastGraph {
    castgraph::build::from_files(&[path.to_path_buf()], &castgraph::BuildOptions::default())
        .unwrap()
        .0
}

/// The golden table: column name → (character → value).
fn golden(name: &str, mode: &str) -> (Vec<String>, HashMap<String, HashMap<String, f64>>) {
    let path = root().join(format!("tests/fixtures/golden/{name}.{mode}.csv"));
    let mut r = csv::Reader::from_path(&path).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let mut order = Vec::new();
    let mut cols: HashMap<String, HashMap<String, f64>> = HashMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        order.push(rec[0].to_string());
        for (h, v) in headers.iter().zip(rec.iter()).skip(1) {
            cols.entry(h.clone())
                .or_default()
                .insert(rec[0].to_string(), v.parse().unwrap());
        }
    }
    (order, cols)
}

fn options(mode: &str) -> CentralityOptions {
    let distance = if mode == "hops" {
        Distance::Hops
    } else {
        Distance::Inverse
    };
    CentralityOptions {
        distance,
        sample: None,
        ..Default::default()
    }
}

fn check(name: &str, mode: &str, measures: &[Measure]) {
    let g = build(&fixture_path(name));
    let scores = Scores::compute(&g, &options(mode));
    let (order, cols) = golden(name, mode);
    let names: Vec<String> = g.characters().map(|c| c.name.clone()).collect();
    assert_eq!(names, order, "{name}: characters in first-appearance order");
    for (id, c) in g.characters().enumerate() {
        assert_eq!(c.scenes as f64, cols["scenes"][&c.name], "{name}: scenes of {}", c.name);
        for &m in measures {
            let want = cols[m.name()][&c.name];
            let got = scores.value(m, id);
            assert!(
                (got - want).abs() <= TOLERANCE,
                "{name} ({mode}): {} of {}: got {got}, NetworkX {want}",
                m.name(),
                c.name
            );
        }
    }
}

#[test]
fn every_measure_equals_the_reference_with_inverse_distances() {
    for name in FIXTURES {
        check(name, "inverse", &Measure::ALL);
    }
}

#[test]
fn every_measure_equals_networkx_with_hops() {
    for name in FIXTURES {
        check(name, "hops", &Measure::ALL);
    }
}

/// A 4-cycle where A–B–C (1/10 + 1/15) and A–D–C (1/12 + 1/12) tie only
/// mathematically. Computed by hand (tests/fixtures/golden/tie.handcomputed.csv):
/// the pair A,C has two shortest paths, so B and D get 1/2 each; B,D goes
/// only via C (1/15 + 1/12 < 1/10 + 1/12). Normalised by 2/((n−1)(n−2)) = 1/3.
#[test]
fn float_ties_are_exact_ties() {
    let g = build(&fixture_path("tie"));
    let s = Scores::compute(&g, &options("inverse"));
    let names: Vec<&str> = g.characters().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D"]);
    let want = [0.0, 1.0 / 6.0, 1.0 / 3.0, 1.0 / 6.0];
    for (got, want) in s.betweenness.iter().zip(want) {
        assert!((got - want).abs() < 1e-12, "{:?}", s.betweenness);
    }
    let hops = Scores::compute(&g, &options("hops"));
    assert!(
        hops.betweenness.iter().all(|b| (b - 1.0 / 6.0).abs() < 1e-12),
        "{:?}",
        hops.betweenness
    );
}

#[test]
fn parallel_and_single_thread_runs_are_bit_identical() {
    for name in ["generated", "lesmis", "davis"] {
        let g = build(&fixture_path(name));
        for mode in ["inverse", "hops"] {
            let run = |threads: usize| {
                let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
                pool.install(|| Scores::compute(&g, &options(mode)))
            };
            let one = run(1);
            for threads in [2, 3, 8] {
                let many = run(threads);
                for m in Measure::ALL {
                    let a: Vec<u64> = (0..g.character_count()).map(|i| one.value(m, i).to_bits()).collect();
                    let b: Vec<u64> = (0..g.character_count()).map(|i| many.value(m, i).to_bits()).collect();
                    assert_eq!(a, b, "{name} {mode} {} with {threads} threads", m.name());
                }
            }
        }
    }
}

/// Largest absolute error of the path measures of a sampled run against exact values.
fn sample_error(g: &CastGraph, exact: &Scores, pivots: usize, seed: u64, m: Measure) -> f64 {
    let opts = CentralityOptions {
        distance: Distance::Inverse,
        sample: Some(Sample { pivots, seed }),
        ..Default::default()
    };
    let est = Scores::compute(g, &opts);
    (0..g.character_count())
        .map(|i| (est.value(m, i) - exact.value(m, i)).abs())
        .fold(0.0, f64::max)
}

#[test]
fn sampling_error_shrinks_and_full_sample_is_exact() {
    let g = build(&fixture_path("generated"));
    let n = g.character_count();
    let exact = Scores::compute(&g, &options("inverse"));
    for m in [Measure::Betweenness, Measure::Closeness, Measure::Harmonic] {
        // Mean over seeds of the max error, for growing samples.
        let mean = |k: usize| (0..8).map(|seed| sample_error(&g, &exact, k, seed, m)).sum::<f64>() / 8.0;
        let (e10, e40, e120) = (mean(10), mean(40), mean(120));
        assert!(e10 > e40 && e40 > e120, "{}: errors {e10} {e40} {e120}", m.name());
        assert!(
            sample_error(&g, &exact, n, 7, m) < 1e-12,
            "{}: k = n must be exact",
            m.name()
        );
    }
}

#[test]
fn computing_only_some_measures_gives_the_same_values() {
    for name in FIXTURES {
        let g = build(&fixture_path(name));
        for mode in ["inverse", "hops"] {
            let all = Scores::compute(&g, &options(mode));
            for m in Measure::ALL {
                let only = Scores::compute_only(&g, &options(mode), &[m], &castgraph::util::progress::NoProgress);
                for id in 0..g.character_count() {
                    assert_eq!(only.value(m, id), all.value(m, id), "{name} {mode} {}", m.name());
                }
            }
            let cheap = Scores::compute_only(
                &g,
                &options(mode),
                &[Measure::Degree],
                &castgraph::util::progress::NoProgress,
            );
            // Measures not asked for are not computed (not zeros).
            assert!(
                [&cheap.betweenness, &cheap.eigenvector, &cheap.pagerank]
                    .iter()
                    .all(|v| v.computed().is_none())
            );
        }
    }
}

#[test]
fn pagerank_sums_to_one() {
    for name in FIXTURES {
        let g = build(&fixture_path(name));
        let sum: f64 = Scores::compute(&g, &CentralityOptions::default()).pagerank.iter().sum();
        assert!((sum - 1.0).abs() < 1e-12, "{name}: {sum}");
    }
}

#[test]
fn graph_stats_equal_networkx() {
    for name in FIXTURES {
        let g = build(&fixture_path(name));
        let s = GraphStats::compute(&g);
        let text = std::fs::read_to_string(root().join(format!("tests/fixtures/golden/{name}.stats.json"))).unwrap();
        let want: serde_json::Value = serde_json::from_str(&text).unwrap();
        let close = |got: f64, key: &str| {
            let w = want[key].as_f64().unwrap();
            assert!((got - w).abs() < TOLERANCE, "{name}: {key}: got {got}, NetworkX {w}");
        };
        close(s.scenes as f64, "scenes");
        close(s.characters as f64, "characters");
        close(s.ties as f64, "ties");
        close(s.total_weight, "total_weight");
        close(s.density, "density");
        close(s.components as f64, "components");
        close(s.largest_component as f64, "largest_component");
        close(s.average_clustering, "average_clustering");
        close(s.average_degree, "average_degree");
        close(s.max_degree as f64, "max_degree");
        close(f64::from(s.diameter), "diameter");
        close(s.average_path_length, "average_path_length");
        let details = want["component_details"].as_array().unwrap();
        assert_eq!(s.component_details.len(), details.len(), "{name}: components of 2+");
        for (got, w) in s.component_details.iter().zip(details) {
            assert_eq!(got.size as u64, w["size"].as_u64().unwrap(), "{name}");
            assert_eq!(u64::from(got.diameter), w["diameter"].as_u64().unwrap(), "{name}");
            let avg = w["average_shortest_path"].as_f64().unwrap();
            assert!(
                (got.average_shortest_path - avg).abs() < TOLERANCE,
                "{name}: {} vs {avg}",
                got.average_shortest_path
            );
        }
    }
}

/// A TeX-accented SGB name as castgraph names the character.
fn decode(tex: &str) -> String {
    castgraph::input::names::normalise(&castgraph::input::sgb::decode_tex(tex))
}

/// Knuth's jean.dat, one scene per encounter group, without the three
/// characters who only ever appear alone, is Newman's Les Misérables
/// network: every measure equals NetworkX's on `les_miserables_graph()`.
#[test]
fn jean_dat_is_newmans_network_with_networkx_centralities() {
    let mut r = csv::Reader::from_path(root().join("tests/fixtures/sgb/lesmis-characters.csv")).unwrap();
    let newman_label: HashMap<String, String> = r
        .records()
        .map(|rec| rec.unwrap())
        .map(|rec| (decode(&rec[2]), rec[1].to_string()))
        .collect();
    let opts = castgraph::BuildOptions {
        filters: castgraph::build::filter::Filters {
            drop_isolated: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let (g, _) = castgraph::build::from_files(&[root().join("tests/fixtures/sgb/jean.dat")], &opts).unwrap();
    assert_eq!((g.character_count(), g.tie_count(), g.total_weight()), (77, 254, 820.0));
    for mode in ["inverse", "hops"] {
        let scores = Scores::compute(&g, &options(mode));
        let (order, cols) = golden("lesmis", mode);
        assert_eq!(order.len(), 77);
        for (id, c) in g.characters().enumerate() {
            let label = &newman_label[&c.name];
            for m in Measure::ALL {
                let (got, want) = (scores.value(m, id), cols[m.name()][label]);
                assert!(
                    (got - want).abs() <= TOLERANCE,
                    "{mode}: {} of {label}: {got} vs {want}",
                    m.name()
                );
            }
        }
    }
}

/// Closeness and harmonic in hops without betweenness come from the
/// multi-source bitset BFS (512 sources at a time); with betweenness, from
/// one BFS per source. Both give the same digits, over several batches and
/// components.
#[test]
fn hop_closeness_and_harmonic_are_the_same_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut csv = Vec::new();
    castgraph::util::synthetic::write(
        &castgraph::util::synthetic::GenerateOptions {
            scenes: 4000,
            characters: 1500,
            seed: 7,
            ..Default::default()
        },
        &mut csv,
    )
    .unwrap();
    // A second component and a lone character besides the generated cast.
    csv.extend_from_slice(b"x,1,Lone Ann\nx,2,Pair One;Pair Two\n");
    std::fs::write(&path, &csv).unwrap();
    let g = build(&path);
    assert!(
        g.character_count() > 1024,
        "{} characters: several batches",
        g.character_count()
    );
    for unweighted in [false, true] {
        let opts = CentralityOptions {
            distance: Distance::Hops,
            sample: None,
            unweighted,
            ..Default::default()
        };
        let all = Scores::compute(&g, &opts);
        let only = Scores::compute_only(
            &g,
            &opts,
            &[Measure::Closeness, Measure::Harmonic],
            &castgraph::util::progress::NoProgress,
        );
        assert!(only.betweenness.computed().is_none());
        for m in [Measure::Closeness, Measure::Harmonic] {
            for id in 0..g.character_count() {
                assert_eq!(
                    only.value(m, id),
                    all.value(m, id),
                    "{} {}",
                    m.name(),
                    g.character(id).name
                );
            }
        }
    }
}

/// The sampling error a sampled run's caption states holds: over seeds and
/// sample sizes, no character's betweenness (any distance) or hop harmonic
/// is further from the exact value than the bound.
#[test]
fn stated_sampling_error_bounds_hold() {
    use castgraph::analysis::centrality::{SAMPLING_CONFIDENCE, paths::sampling_error};
    for name in ["lesmis", "generated"] {
        let g = build(&fixture_path(name));
        let n = g.character_count();
        let nf = n as f64;
        for distance in [Distance::Inverse, Distance::Hops] {
            let base = CentralityOptions {
                distance,
                sample: None,
                ..Default::default()
            };
            let exact = Scores::compute(&g, &base);
            for k in [5, 20, 60] {
                let e = sampling_error(n, k, SAMPLING_CONFIDENCE);
                for seed in 0..6 {
                    let est = Scores::compute(
                        &g,
                        &CentralityOptions {
                            sample: Some(Sample { pivots: k, seed }),
                            ..base
                        },
                    );
                    let caption = est.describe().to_string();
                    assert!(caption.contains("sampling error: betweenness within ±"), "{caption}");
                    for id in 0..n {
                        let b = (est.value(Measure::Betweenness, id) - exact.value(Measure::Betweenness, id)).abs();
                        assert!(
                            b <= e * nf / (nf - 1.0),
                            "{name} k={k} seed={seed}: betweenness off by {b}"
                        );
                        if distance == Distance::Hops {
                            let h = (est.value(Measure::Harmonic, id) - exact.value(Measure::Harmonic, id)).abs();
                            assert!(h <= e * nf, "{name} k={k} seed={seed}: harmonic off by {h}");
                        }
                    }
                }
            }
        }
    }
}
