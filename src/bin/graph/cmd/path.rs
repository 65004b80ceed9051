//! `graph path A B`: the strongest chain of ties between two characters,
//! with the scenes behind each step.

use std::io::{self, Write};

use anyhow::{Result, bail};
use castgraph::CastGraph;
use castgraph::analysis::centrality::Distance;
use castgraph::analysis::chain::{Chain, chain};
use castgraph::output::csv::io_error;
use castgraph::util::format::format_number;

use super::{DistanceArg, GraphArg, OutputArgs, add_graph_note, emit, table_text};

const AFTER_HELP: &str = "\
Two chains by default:
  strongest  shortest under tie length 1/weight: the chain through the most shared scenes
             (nx.shortest_path(G, a, b, weight=lambda u, v, d: 1 / d['weight']))
  fewest     fewest ties, i.e. fewest go-betweens (nx.shortest_path(G, a, b)); among equally
             short chains, the strongest one
Each step lists the scenes the two characters share (file line, episode and scene labels).
Names are matched ignoring case and accents; a near miss gets a suggestion.

Examples:
  graph path Carly Alya
  graph path 'jean valjean' cosette --distance hops --format json";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The character the chain starts from.
    #[arg(value_name = "FROM")]
    pub from: String,
    /// The character the chain leads to.
    #[arg(value_name = "TO")]
    pub to: String,
    /// Only this chain: `inverse` (strongest, tie length 1/weight) or `hops` (fewest ties).
    #[arg(long, value_enum)]
    pub distance: Option<DistanceArg>,
    /// Table: how many shared scenes to list per step (0 = all). CSV and JSON list all.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub scenes: usize,
    #[command(flatten)]
    pub out: OutputArgs,
    #[command(flatten)]
    pub graph: GraphArg,
}

/// One chain with what it is called in the output.
struct Found {
    distance: Distance,
    chain: Chain,
}

impl Found {
    fn key(&self) -> &'static str {
        match self.distance {
            Distance::Inverse => "inverse",
            Distance::Hops => "hops",
        }
    }

    fn title(&self) -> &'static str {
        match self.distance {
            Distance::Inverse => "strongest chain (tie length 1/weight)",
            Distance::Hops => "fewest ties",
        }
    }
}

pub fn run(args: Args) -> Result<()> {
    let graph = args.graph.load()?;
    let from = castgraph::graph::lookup::find(&graph, &args.from)?;
    super::note_match(&args.from, &graph.character(from).name);
    let to = castgraph::graph::lookup::find(&graph, &args.to)?;
    super::note_match(&args.to, &graph.character(to).name);
    let distances = match args.distance {
        Some(DistanceArg::Inverse) => vec![Distance::Inverse],
        Some(DistanceArg::Hops) => vec![Distance::Hops],
        None => vec![Distance::Inverse, Distance::Hops],
    };
    let mut found = Vec::new();
    for distance in distances {
        match chain(&graph, from, to, distance) {
            Some(chain) => found.push(Found { distance, chain }),
            None => bail!(
                "`{}` and `{}` are not connected: no chain of ties joins them (they are in different components; `graph stats` lists the components)",
                graph.character(from).name,
                graph.character(to).name
            ),
        }
    }
    let mut caption = format!("{} → {}", graph.character(from).name, graph.character(to).name);
    if graph.scene_list().is_none() {
        caption.push_str("; this graph file lists no scenes (too many to list: over 2,000,000 scenes and appearances)");
    }
    add_graph_note(&mut caption, &args.graph.path, &graph);
    emit(
        &args.out,
        Some(&caption),
        |w| write_table(&graph, &found, args.scenes, w),
        |w| write_csv(&graph, &found, w),
        |w| write_json(&graph, &found, w),
    )
}

fn write_table(graph: &CastGraph, found: &[Found], limit: usize, w: &mut dyn Write) -> io::Result<()> {
    for f in found {
        let c = &f.chain;
        let equal = if c.count > 1.0 {
            format!("; 1 of {} equally short", format_number(c.count))
        } else {
            String::new()
        };
        writeln!(w)?;
        writeln!(
            w,
            "{}: {} step{}, length {:.4}{equal}",
            f.title(),
            c.hops(),
            if c.hops() == 1 { "" } else { "s" },
            c.length
        )?;
        if c.steps.is_empty() {
            writeln!(w, "  (the same character)")?;
            continue;
        }
        let rows = c.steps.iter().enumerate().map(|(i, s)| {
            let scenes = graph.shared_scenes(s.from, s.to);
            let shown = if limit == 0 {
                scenes.len()
            } else {
                limit.min(scenes.len())
            };
            let mut text: Vec<String> = scenes[..shown].iter().map(|x| graph.scene_label(x)).collect();
            if shown < scenes.len() {
                text.push(format!("+{} more", scenes.len() - shown));
            }
            [
                (i + 1).to_string(),
                graph.character(s.from).name.clone(),
                graph.character(s.to).name.clone(),
                format_number(s.weight),
                s.scenes.to_string(),
                text.join("; "),
            ]
        });
        let header = ["step", "from", "to", "weight", "shared", graph.scene_unit().1];
        writeln!(w, "{}", table_text(&header, rows, &[1, 2, 5]))?;
    }
    Ok(())
}

fn write_csv(graph: &CastGraph, found: &[Found], w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "chain",
        "step",
        "from",
        "to",
        "weight",
        "shared_scenes",
        "length",
        "scenes",
    ])
    .map_err(io_error)?;
    for f in found {
        let mut so_far = 0.0;
        for (i, s) in f.chain.steps.iter().enumerate() {
            so_far += match f.distance {
                Distance::Inverse => 1.0 / s.weight,
                Distance::Hops => 1.0,
            };
            let scenes: Vec<String> = graph
                .shared_scenes(s.from, s.to)
                .iter()
                .map(|x| graph.scene_label(x))
                .collect();
            out.write_record([
                f.key().to_string(),
                (i + 1).to_string(),
                graph.character(s.from).name.clone(),
                graph.character(s.to).name.clone(),
                format_number(s.weight),
                s.scenes.to_string(),
                format_number(so_far),
                scenes.join("; "),
            ])
            .map_err(io_error)?;
        }
    }
    out.flush()
}

fn write_json(graph: &CastGraph, found: &[Found], w: &mut dyn Write) -> io::Result<()> {
    use serde_json::{Value, json};
    let chains: Vec<Value> = found
        .iter()
        .map(|f| {
            let c = &f.chain;
            let steps: Vec<Value> = c
                .steps
                .iter()
                .map(|s| {
                    let scenes: Vec<Value> = graph
                        .shared_scenes(s.from, s.to)
                        .iter()
                        .map(|x| {
                            json!({
                                "file": graph.sources().get(x.source).map(|src| src.path.as_str()),
                                "line": x.line,
                                "episode": x.episode,
                                "scene": x.scene,
                            })
                        })
                        .collect();
                    json!({
                        "from": graph.character(s.from).name,
                        "to": graph.character(s.to).name,
                        "weight": s.weight,
                        "shared_scenes": s.scenes,
                        "scenes": scenes,
                    })
                })
                .collect();
            json!({
                "distance": f.key(),
                "length": c.length,
                "hops": c.hops(),
                "equally_short": count_json(c.count),
                "characters": c.characters.iter().map(|&id| graph.character(id).name.as_str()).collect::<Vec<_>>(),
                "steps": steps,
            })
        })
        .collect();
    let from = found.first().and_then(|f| f.chain.characters.first().copied());
    let to = found.first().and_then(|f| f.chain.characters.last().copied());
    let doc = json!({
        "from": from.map(|id| graph.character(id).name.as_str()),
        "to": to.map(|id| graph.character(id).name.as_str()),
        "scenes_listed": graph.scene_list().is_some(),
        "chains": chains,
    });
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}

/// A count of chains as a JSON integer while it is one exactly (below 2^53), else a float.
fn count_json(count: f64) -> serde_json::Value {
    if count.fract() == 0.0 && count < 9_007_199_254_740_992.0 {
        (count as u64).into()
    } else {
        count.into()
    }
}
