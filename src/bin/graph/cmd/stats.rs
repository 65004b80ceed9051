//! `graph stats`: figures about the graph as a whole.

use std::io::{self, Write};

use anyhow::Result;
use castgraph::analysis::stats::GraphStats;
use castgraph::util::format::format_number;

use castgraph::output::csv::io_error;

use super::{GraphArg, OutputArgs, emit, graph_note};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Distances are in hops. Diameter and average shortest path are given for each \
connected component of two or more characters (as nx.diameter and nx.average_shortest_path_length on \
the component); density is 2m/(n(n-1)) over the whole graph (nx.density); average clustering is \
nx.average_clustering(G), weights ignored, characters with fewer than two co-stars counting 0.
Beside them, the distance figures over all reachable pairs of the whole graph, components pooled
(DraCor's `diameter` and `averagePathLength`), the average degree 2m/n and the largest degree with
the characters who have it (DraCor's `maxDegree` and `maxDegreeIds`).

CSV is one figure a row, `scope,figure,value`: scope `graph` for the whole graph, `component N` for the \
N-th component of two or more characters (largest first).

Examples:
  graph stats
  graph stats --graph play.json --format json
  graph stats --unweighted --format csv > figures.csv"
)]
pub struct Args {
    #[command(flatten)]
    pub out: OutputArgs,
    /// Every tie counts 1: the total weight is the number of ties (every other figure ignores
    /// weights already).
    #[arg(long)]
    pub unweighted: bool,
    #[command(flatten)]
    pub graph: GraphArg,
}

pub fn run(args: Args) -> Result<()> {
    let graph = args.graph.load()?;
    let mut stats = GraphStats::compute(&graph);
    let mut note = graph_note(&args.graph.path, &graph);
    if args.unweighted {
        stats.total_weight = stats.ties as f64;
        note.push_str("; every tie counts 1 (--unweighted)");
    }
    let note = Some(note);
    emit(
        &args.out,
        note.as_deref(),
        |w| write_table(&stats, graph.scene_unit().1, w),
        |w| write_csv(&stats, w),
        |w| {
            serde_json::to_writer_pretty(&mut *w, &stats)?;
            writeln!(w)
        },
    )
}

fn write_csv(s: &GraphStats, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["scope", "figure", "value"]).map_err(io_error)?;
    let graph_rows = [
        ("scenes", s.scenes.to_string()),
        ("characters", s.characters.to_string()),
        ("ties", s.ties.to_string()),
        ("total_weight", format_number(s.total_weight)),
        ("density", format_number(s.density)),
        ("components", s.components.to_string()),
        ("largest_component", s.largest_component.to_string()),
        ("average_clustering", format_number(s.average_clustering)),
        ("average_degree", format_number(s.average_degree)),
        ("max_degree", s.max_degree.to_string()),
        ("max_degree_characters", s.max_degree_characters.join("|")),
        ("diameter", s.diameter.to_string()),
        ("average_path_length", format_number(s.average_path_length)),
    ];
    for (figure, value) in graph_rows {
        out.write_record(["graph", figure, &value]).map_err(io_error)?;
    }
    for (i, c) in s.component_details.iter().enumerate() {
        let scope = format!("component {}", i + 1);
        for (figure, value) in [
            ("size", c.size.to_string()),
            ("diameter", c.diameter.to_string()),
            ("average_shortest_path", format_number(c.average_shortest_path)),
            ("first_character", c.first.clone()),
        ] {
            out.write_record([scope.as_str(), figure, &value]).map_err(io_error)?;
        }
    }
    out.flush()
}

/// The table; `unit` is what scenes are called (`rows` for an edge list).
fn write_table(s: &GraphStats, unit: &str, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "{unit:<20}{}", s.scenes)?;
    writeln!(w, "characters          {}", s.characters)?;
    writeln!(w, "ties                {}", s.ties)?;
    writeln!(w, "total weight        {}", format_number(s.total_weight))?;
    writeln!(w, "density             {:.4}", s.density)?;
    writeln!(
        w,
        "components          {} (largest: {} characters)",
        s.components, s.largest_component
    )?;
    writeln!(w, "average clustering  {:.4}", s.average_clustering)?;
    writeln!(w, "average degree      {:.4}", s.average_degree)?;
    writeln!(
        w,
        "max degree          {} ({})",
        s.max_degree,
        s.max_degree_characters.join(", ")
    )?;
    writeln!(
        w,
        "all reachable pairs, components pooled (DraCor's diameter and averagePathLength, in hops):"
    )?;
    writeln!(
        w,
        "  diameter {}, average path length {:.4}",
        s.diameter, s.average_path_length
    )?;
    if !s.component_details.is_empty() {
        writeln!(w, "components of 2 or more characters (distances in hops):")?;
        writeln!(
            w,
            "  {:>5}  {:>8}  {:>12}  first character",
            "size", "diameter", "average path"
        )?;
        for c in &s.component_details {
            writeln!(
                w,
                "  {:>5}  {:>8}  {:>12.4}  {}",
                c.size, c.diameter, c.average_shortest_path, c.first
            )?;
        }
    }
    let isolated = s.components - s.component_details.len();
    if isolated > 0 {
        writeln!(w, "isolated characters: {isolated}")?;
    }
    Ok(())
}
