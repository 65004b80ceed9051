//! Criterion benchmarks of the library's hot paths on generated data:
//! reading a scene CSV, counting pairs into a graph, one Brandes pass (one
//! source, both distance modes) and PageRank.
//!
//! `cargo bench` runs them; `cargo bench -- --quick` for a fast look. The
//! side-by-side comparison with NetworkX, igraph and rustworkx is
//! `scripts/bench-peers.py` (see BENCHMARKS.md).

use std::hint::black_box;
use std::path::Path;

use castgraph::analysis::centrality::pagerank::{PageRankOptions, pagerank_csr};
use castgraph::analysis::centrality::paths::{Distance, Sample, path_scores};
use castgraph::graph::GraphBuilder;
use castgraph::graph::csr::Csr;
use castgraph::input::{ReadOptions, wide};
use castgraph::util::synthetic::{GenerateOptions, write};
use castgraph::{BuildOptions, CastGraph};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// A generated medium-sized scene file, in memory.
fn scenes(n: u64, characters: usize) -> Vec<u8> {
    let mut buf = Vec::new();
    write(
        &GenerateOptions {
            scenes: n,
            characters,
            max_cast: 8,
            seed: 1,
        },
        &mut buf,
    )
    .unwrap();
    buf
}

fn graph_of(csv: &[u8]) -> CastGraph {
    let dir = std::env::temp_dir().join(format!("castgraph-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("scenes.csv");
    std::fs::write(&path, csv).unwrap();
    let g = castgraph::build::from_files(std::slice::from_ref(&path), &BuildOptions::default())
        .unwrap()
        .0;
    std::fs::remove_dir_all(&dir).ok();
    g
}

fn reading(c: &mut Criterion) {
    let csv = scenes(20_000, 2_000);
    let mut group = c.benchmark_group("read");
    group.throughput(Throughput::Bytes(csv.len() as u64));
    group.bench_function("wide CSV, 20k scenes", |b| {
        b.iter(|| {
            let mut names = 0usize;
            wide::read(Path::new("bench.csv"), csv.as_slice(), &ReadOptions::default(), |s| {
                names += s.characters.len()
            })
            .unwrap();
            black_box(names)
        })
    });
    group.finish();
}

fn pair_counting(c: &mut Criterion) {
    let csv = scenes(20_000, 2_000);
    // Pre-split scenes so that only interning and pair counting are timed.
    let mut all: Vec<Vec<String>> = Vec::new();
    wide::read(Path::new("bench.csv"), csv.as_slice(), &ReadOptions::default(), |s| {
        all.push(s.characters.iter().map(|n| n.to_string()).collect())
    })
    .unwrap();
    c.bench_function("pair counting, 20k scenes", |b| {
        b.iter(|| {
            let mut builder = GraphBuilder::new();
            let mut ids = Vec::new();
            for scene in &all {
                ids.clear();
                ids.extend(scene.iter().map(|n| builder.intern_name(n) as u32));
                builder.add_scene_ids(&ids, 1.0);
            }
            black_box(builder.characters().len())
        })
    });
}

fn brandes_and_pagerank(c: &mut Criterion) {
    let g = graph_of(&scenes(100_000, 2_000));
    let csr = Csr::new(&g);
    let one = Some(Sample { pivots: 1, seed: 1 });
    c.bench_function("one Brandes pass, 1/w, medium graph", |b| {
        b.iter(|| black_box(path_scores(&csr, Distance::Inverse, one)))
    });
    c.bench_function("one Brandes pass, hops, medium graph", |b| {
        b.iter(|| black_box(path_scores(&csr, Distance::Hops, one)))
    });
    c.bench_function("PageRank, medium graph", |b| {
        b.iter(|| black_box(pagerank_csr(&csr, &PageRankOptions::default())))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = reading, pair_counting, brandes_and_pagerank
}
criterion_main!(benches);
