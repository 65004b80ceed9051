//! `graph build FILE`: read scenes, build the graph, save it, summarise it.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use castgraph::CastGraph;
use castgraph::centrality::pagerank::{PageRankOptions, pagerank};

use super::DEFAULT_GRAPH;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "The scene file is a UTF-8 CSV with a header row and a `characters` column \
listing the characters present in each scene, separated by `;`. Optional `episode` and `scene` \
columns identify scenes; other columns are ignored.\n\nExample: graph build data/s1.csv"
)]
pub struct Args {
    /// The scene CSV file(s) to read.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Where to save the graph.
    #[arg(short = 'o', long = "output", value_name = "PATH", default_value = DEFAULT_GRAPH)]
    pub output: PathBuf,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: Args) -> Result<()> {
    let mut graph = CastGraph::new();
    let mut read = Vec::new();
    for file in &args.files {
        let summary = castgraph::read_scenes(&mut graph, file)?;
        read.push((file, summary));
    }
    if args.output == Path::new(DEFAULT_GRAPH) {
        // The default folder is part of the project; recreate it if deleted.
        if let Some(dir) = args.output.parent() {
            std::fs::create_dir_all(dir).ok();
        }
    }
    castgraph::store::save(&graph, &args.output)?;
    if args.quiet {
        return Ok(());
    }

    let mut out = std::io::stdout().lock();
    for (file, s) in &read {
        writeln!(
            out,
            "Read {} from {} ({}).",
            plural(s.scenes as usize, "scene"),
            file.display(),
            s.format
        )?;
    }
    let (components, largest) = graph.component_summary();
    writeln!(
        out,
        "Cast: {}, {}, {} (largest: {}).",
        plural(graph.character_count(), "character"),
        plural(graph.tie_count(), "tie"),
        plural(components, "connected component"),
        plural(largest, "character")
    )?;
    // Only PageRank is needed here: the path measures can take long on big casts.
    let rank = pagerank(&graph, &PageRankOptions::default());
    let mut ids: Vec<usize> = (0..graph.character_count()).collect();
    ids.sort_by(|&a, &b| {
        rank[b]
            .total_cmp(&rank[a])
            .then_with(|| graph.character(a).name.cmp(&graph.character(b).name))
    });
    let top: Vec<String> = ids
        .into_iter()
        .take(3)
        .enumerate()
        .map(|(i, id)| format!("{}. {} ({:.4})", i + 1, graph.character(id).name, rank[id]))
        .collect();
    if !top.is_empty() {
        writeln!(out, "Top characters by PageRank: {}", top.join(", "))?;
    }
    writeln!(
        out,
        "Saved the graph to {}. Next: graph central --top 5",
        args.output.display()
    )?;
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
