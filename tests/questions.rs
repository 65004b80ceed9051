//! `graph path` and `graph ego` against NetworkX: the goldens
//! `tests/fixtures/golden/<name>.paths.csv` and `<name>.ego.json`, written by
//! `scripts/reference-questions.py` (NetworkX 3.6.1, shortest-path counts and
//! second keys from exact Fraction arithmetic).

use std::path::PathBuf;

use castgraph::CastGraph;
use castgraph::analysis::centrality::Distance;
use castgraph::analysis::chain::{Chain, chain};
use castgraph::analysis::ego::ego_graph;

const FIXTURES: [&str; 5] = ["lesmis", "davis", "disconnected", "generated", "tie"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(name: &str) -> CastGraph {
    let path = root().join(format!("tests/fixtures/{name}.csv"));
    castgraph::build::from_files(&[path], &castgraph::BuildOptions::default())
        .unwrap()
        .0
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The chain is a real walk through existing ties from `from` to `to`, and
/// its reported lengths are the sums over its steps.
fn check_walk(g: &CastGraph, c: &Chain, from: usize, to: usize, distance: Distance) {
    assert_eq!(c.characters.first(), Some(&from));
    assert_eq!(c.characters.last(), Some(&to));
    assert_eq!(c.steps.len() + 1, c.characters.len());
    let mut seen = std::collections::HashSet::new();
    assert!(c.characters.iter().all(|v| seen.insert(*v)), "a chain never revisits");
    let mut inverse = 0.0;
    for (s, pair) in c.steps.iter().zip(c.characters.windows(2)) {
        assert_eq!((s.from, s.to), (pair[0], pair[1]));
        let tie = g
            .neighbours(s.from)
            .find(|&(u, _)| u == s.to)
            .expect("a step is a tie")
            .1;
        assert_eq!(tie.weight, s.weight);
        assert_eq!(tie.scenes, s.scenes);
        inverse += 1.0 / s.weight;
    }
    assert!(close(c.inverse_length, inverse));
    let expect = match distance {
        Distance::Inverse => inverse,
        Distance::Hops => c.steps.len() as f64,
    };
    assert!(close(c.length, expect));
}

#[test]
fn chains_match_networkx_lengths_counts_and_second_keys() {
    let mut checked = 0;
    for name in FIXTURES {
        let g = build(name);
        let golden = root().join(format!("tests/fixtures/golden/{name}.paths.csv"));
        let mut r = csv::Reader::from_path(&golden).unwrap();
        for rec in r.records() {
            let rec = rec.unwrap();
            let (a, b) = (g.id_of(&rec[0]).unwrap(), g.id_of(&rec[1]).unwrap());
            let inv = chain(&g, a, b, Distance::Inverse);
            let hops = chain(&g, a, b, Distance::Hops);
            if rec[2].is_empty() {
                assert!(
                    inv.is_none() && hops.is_none(),
                    "{name}: {} and {} are not connected",
                    &rec[0],
                    &rec[1]
                );
                continue;
            }
            let num = |i: usize| rec[i].parse::<f64>().unwrap();
            let (inv, hops) = (inv.unwrap(), hops.unwrap());
            let at = format!("{name}: {} → {}", &rec[0], &rec[1]);
            check_walk(&g, &inv, a, b, Distance::Inverse);
            check_walk(&g, &hops, a, b, Distance::Hops);
            assert!(
                close(inv.length, num(2)),
                "{at}: inverse length {} vs {}",
                inv.length,
                num(2)
            );
            assert_eq!(inv.count, num(3), "{at}: equally strong chains");
            assert_eq!(inv.hops() as f64, num(4), "{at}: fewest ties among the strongest");
            assert_eq!(hops.length, num(5), "{at}: hops");
            assert_eq!(hops.count, num(6), "{at}: equally short chains");
            assert!(close(hops.inverse_length, num(7)), "{at}: strongest of the shortest");
            checked += 1;
        }
    }
    assert!(checked > 6000, "only {checked} pairs checked");
}

#[test]
fn ego_graphs_match_networkx() {
    for name in FIXTURES {
        let g = build(name);
        let golden = root().join(format!("tests/fixtures/golden/{name}.ego.json"));
        let cases: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(&golden).unwrap()).unwrap();
        assert!(!cases.is_empty());
        for case in cases {
            let centre = g.id_of(case["centre"].as_str().unwrap()).unwrap();
            let radius = case["radius"].as_u64().unwrap() as usize;
            let (ego, hops) = ego_graph(&g, centre, radius);
            let names: Vec<&str> = ego.characters().map(|c| c.name.as_str()).collect();
            let want: Vec<&str> = case["characters"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let at = format!("{name}: ego of {} radius {radius}", case["centre"]);
            assert_eq!(names, want, "{at}");
            assert_eq!(ego.tie_count() as u64, case["ties"].as_u64().unwrap(), "{at}");
            assert!(close(ego.total_weight(), case["weight"].as_f64().unwrap()), "{at}");
            assert!(hops.iter().all(|&h| h <= radius), "{at}");
            // The centre's own scene count and name survive; ids follow first appearance.
            let c = ego.id_of(case["centre"].as_str().unwrap()).unwrap();
            assert_eq!(hops[c], 0);
            assert_eq!(ego.character(c).scenes, g.character(centre).scenes);
        }
    }
}

#[test]
fn the_scene_list_cites_the_scenes_behind_every_tie() {
    for name in FIXTURES {
        let g = build(name);
        let list = g.scene_list().expect("a built graph lists its scenes");
        // Every scene kept that lists somebody (a row naming nobody is kept
        // but not listed): each character is in as many as it has scenes.
        assert!(list.len() as u64 <= g.scene_count(), "{name}");
        assert!(
            list.iter().all(|s| !s.cast.is_empty()),
            "{name}: nobody is filtered out"
        );
        for (id, c) in g.characters().enumerate() {
            let listed = list.iter().filter(|s| s.cast.contains(&(id as u32))).count() as u64;
            assert_eq!(listed, c.scenes, "{name}: {}", c.name);
        }
        for (a, b, tie) in g.ties() {
            let shared = g.shared_scenes(a, b);
            assert_eq!(shared.len() as u64, tie.scenes, "{name}: {a}-{b}");
        }
        // Saved and loaded, the list is the same.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.json");
        castgraph::graph::store::save(&g, &file).unwrap();
        let back = castgraph::graph::store::load(&file).unwrap();
        assert_eq!(back.scene_list(), g.scene_list(), "{name}");
    }
}

#[test]
fn filters_and_ego_graphs_keep_the_scene_list_consistent() {
    let path = root().join("tests/fixtures/lesmis.csv");
    let opts = castgraph::BuildOptions {
        filters: castgraph::build::filter::Filters {
            min_scenes: 10,
            ..Default::default()
        },
        ..Default::default()
    };
    let g = castgraph::build::from_files(&[path], &opts).unwrap().0;
    let list = g.scene_list().unwrap();
    assert!(
        list.iter()
            .all(|s| s.cast.iter().all(|&id| (id as usize) < g.character_count()))
    );
    for (a, b, tie) in g.ties() {
        assert_eq!(g.shared_scenes(a, b).len() as u64, tie.scenes);
    }
    // Every scene of every character kept is listed, one-character scenes too.
    for (id, c) in g.characters().enumerate() {
        let listed = list.iter().filter(|s| s.cast.contains(&(id as u32))).count() as u64;
        assert_eq!(listed, c.scenes, "{}", c.name);
    }
    let valjean = g.id_of("Valjean").unwrap();
    let (ego, _) = ego_graph(&g, valjean, 1);
    for (a, b, tie) in ego.ties() {
        assert_eq!(ego.shared_scenes(a, b).len() as u64, tie.scenes);
    }
    // A lone character's ego graph lists the character's scenes, alone in
    // each, and the others' scenes with nobody left in them.
    let (alone, _) = ego_graph(&g, valjean, 0);
    let scenes = alone.scene_list().unwrap();
    assert_eq!(scenes.len(), list.len());
    let with_valjean = scenes.iter().filter(|s| !s.cast.is_empty()).count() as u64;
    assert_eq!(with_valjean, g.character(valjean).scenes);
    assert!(scenes.iter().all(|s| s.cast.is_empty() || s.cast == [0]));
}

#[test]
fn the_scene_list_is_bounded_by_scenes_too() {
    // A one-person scene counts 2 against the bound of 2,000,000 (the scene
    // and its character), a two-person scene 3; empty scenes are not listed.
    let listed = |pairs: u64| {
        let mut b = castgraph::graph::GraphBuilder::new();
        let (x, y) = (b.intern_name("X") as u32, b.intern_name("Y") as u32);
        for line in 0..400_000u64 {
            b.list_scene(0, line, None, None, &[x], 1.0);
            b.list_scene(0, line, None, None, &[], 1.0);
        }
        for line in 0..pairs {
            b.list_scene(0, line, None, None, &[x, y], 1.0);
        }
        b.finish(None, Vec::new(), Default::default())
            .scene_list()
            .map(|l| l.len())
    };
    assert_eq!(listed(400_000), Some(800_000), "exactly 2,000,000");
    assert_eq!(listed(400_001), None, "2,000,003 is over the bound: no list");
}
