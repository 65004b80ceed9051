//! `graph communities`: groups of characters (Leiden modularity communities).

use std::io::{self, Write};

use anyhow::Result;
use castgraph::CastGraph;
use castgraph::analysis::community::{self, Communities, DEFAULT_RESOLUTION, DEFAULT_SEED};
use castgraph::output::csv::io_error;
use castgraph::util::format::format_number;
use comfy_table::{CellAlignment, Table, presets};

use super::{GraphArg, OutputArgs, add_graph_note, emit};

const AFTER_HELP: &str = "\
Modularity Q = sum over communities c of L_c/m - resolution * (K_c/2m)^2 (m: total tie weight,
L_c: weight of the ties inside c, K_c: sum of its members' strengths), exactly
nx.community.modularity(G, communities, weight='weight', resolution=...). Found by the Leiden
algorithm (greedy refinement), each run repeated from its own result until Q stops improving,
best of --restarts runs seeded from --seed; communities that are not connected are split (never
lowering Q). Communities are numbered from 1, largest first (equal sizes: first-appearing member
first); a character without ties is a community of its own. Q is undefined without ties.
`graph export` computes the same communities with the same options and defaults.
CSV columns: community,character,scenes,degree,strength,internal_strength

Examples:
  graph communities
  graph communities --resolution 1.5 --members 0
  graph communities --format csv > communities.csv";

/// The options that choose how communities are found, shared with `graph export`
/// (which spells the seed `--community-seed`: its `--seed` belongs to `--sample`).
#[derive(clap::Args, Debug)]
pub struct CommunityArgs {
    /// Resolution (> 0): higher gives more, smaller communities; 1 is Newman-Girvan modularity.
    #[arg(long, value_name = "R", default_value_t = DEFAULT_RESOLUTION)]
    pub resolution: f64,
    /// Number of seeded runs; the partition with the highest Q wins. Default: 10, fewer on
    /// graphs of more than a million ties (10 million / ties, at least 1).
    #[arg(long, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..10_000))]
    pub restarts: Option<usize>,
}

impl CommunityArgs {
    pub fn options(&self, seed: u64) -> community::CommunityOptions {
        community::CommunityOptions {
            resolution: self.resolution,
            seed,
            restarts: self.restarts,
        }
    }
}

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Seed of every random choice (the same seed gives the same communities).
    #[arg(long, visible_alias = "community-seed", value_name = "S", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    #[command(flatten)]
    pub community: CommunityArgs,
    /// Table: how many members to name per community (0 = all).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub members: usize,
    #[command(flatten)]
    pub out: OutputArgs,
    #[command(flatten)]
    pub graph: GraphArg,
}

pub fn run(args: Args) -> Result<()> {
    let graph = args.graph.load()?;
    let found = community::detect(&graph, &args.community.options(args.seed))?;
    let caption = caption(&graph, &args.graph.path, &found);
    let strength = graph.strengths();
    emit(
        &args.out,
        Some(&caption),
        |w| write_table(&graph, &found, &strength, args.members, w),
        |w| write_csv(&graph, &found, &strength, w),
        |w| write_json(&graph, &found, w),
    )
}

/// `Leiden modularity communities, resolution 1, seed 42, best of 10 runs: Q = 0.5668, 8 communities`.
fn caption(graph: &CastGraph, path: &std::path::Path, found: &Communities) -> String {
    let q = if found.modularity.is_nan() {
        "Q undefined (no ties)".to_string()
    } else {
        format!("Q = {:.4}", found.modularity)
    };
    let count = found.count();
    let mut caption = format!(
        "{}: {q}, {count} communit{}",
        found.describe(),
        if count == 1 { "y" } else { "ies" }
    );
    add_graph_note(&mut caption, path, graph);
    caption
}

/// The weight of each character's ties inside its community.
fn internal_strength(graph: &CastGraph, found: &Communities) -> Vec<f64> {
    let mut s = vec![0.0; graph.character_count()];
    for (a, b, t) in graph.ties() {
        if found.membership[a] == found.membership[b] {
            s[a] += t.weight;
            s[b] += t.weight;
        }
    }
    s
}

fn write_table(
    graph: &CastGraph,
    found: &Communities,
    strength: &[f64],
    shown: usize,
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut table = Table::new();
    table.load_style(presets::NOTHING);
    table.set_header(["community", "size", "strength", "members (by strength)"]);
    for (i, members) in found.members.iter().enumerate() {
        let total: f64 = members.iter().map(|&id| strength[id]).sum();
        let limit = if shown == 0 {
            members.len()
        } else {
            shown.min(members.len())
        };
        let mut names: Vec<&str> = members[..limit]
            .iter()
            .map(|&id| graph.character(id).name.as_str())
            .collect();
        let more = format!("… and {} more", members.len() - limit);
        if limit < members.len() {
            names.push(&more);
        }
        table.add_row([
            (i + 1).to_string(),
            members.len().to_string(),
            format_number(total),
            names.join(", "),
        ]);
    }
    for (i, col) in table.column_iter_mut().enumerate() {
        col.set_cell_alignment(if i == 3 {
            CellAlignment::Left
        } else {
            CellAlignment::Right
        });
    }
    if found.members.is_empty() {
        return writeln!(w, "(no characters)");
    }
    writeln!(w, "{}", table.trim_fmt())
}

fn write_csv(graph: &CastGraph, found: &Communities, strength: &[f64], w: &mut dyn Write) -> io::Result<()> {
    let inside = internal_strength(graph, found);
    let degree = graph.degrees();
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "community",
        "character",
        "scenes",
        "degree",
        "strength",
        "internal_strength",
    ])
    .map_err(io_error)?;
    for (i, members) in found.members.iter().enumerate() {
        for &id in members {
            let c = graph.character(id);
            out.write_record([
                (i + 1).to_string(),
                c.name.clone(),
                c.scenes.to_string(),
                degree[id].to_string(),
                format_number(strength[id]),
                format_number(inside[id]),
            ])
            .map_err(io_error)?;
        }
    }
    out.flush()
}

fn write_json(graph: &CastGraph, found: &Communities, w: &mut dyn Write) -> io::Result<()> {
    let q = if found.modularity.is_nan() {
        serde_json::Value::Null
    } else {
        found.modularity.into()
    };
    let communities: Vec<serde_json::Value> = found
        .members
        .iter()
        .enumerate()
        .map(|(i, members)| {
            serde_json::json!({
                "community": i + 1,
                "size": members.len(),
                "members": members.iter().map(|&id| graph.character(id).name.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = serde_json::json!({
        "algorithm": "leiden",
        "modularity": q,
        "resolution": found.options.resolution,
        "seed": found.options.seed,
        "runs": found.runs,
        "count": found.count(),
        "communities": communities,
    });
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}
