//! `graph ego NAME`: a character's neighbourhood as a subgraph.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use castgraph::CastGraph;
use castgraph::output::csv::io_error;
use castgraph::util::format::format_number;

use super::{GraphArg, OutputArgs, add_graph_note, emit, table_text};

const AFTER_HELP: &str = "\
The ego graph is the character, everyone within --radius ties, and every tie among them
(nx.ego_graph(G, name, radius=R)). Each row: hops from the centre, scenes, the weight of the
tie to the centre (empty beyond radius 1), degree and strength inside the ego graph.

Examples:
  graph ego Carly
  graph ego 'Jean Valjean' --radius 2 --save output/valjean.json && graph central --graph output/valjean.json
  graph export --ego Carly --dot | dot -Tsvg > carly.svg";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The character at the centre (matched ignoring case and accents).
    #[arg(value_name = "NAME")]
    pub name: String,
    /// How many ties away from the centre to reach.
    #[arg(long, value_name = "R", default_value_t = 1)]
    pub radius: usize,
    /// Also save the ego graph as a graph file that every command reads with --graph.
    #[arg(long, value_name = "PATH")]
    pub save: Option<PathBuf>,
    #[command(flatten)]
    pub out: OutputArgs,
    #[command(flatten)]
    pub graph: GraphArg,
}

/// One member of the ego graph.
struct Member {
    id: usize,
    hops: usize,
    tie_to_centre: Option<f64>,
    degree: usize,
    strength: f64,
}

pub fn run(args: Args) -> Result<()> {
    let graph = args.graph.load()?;
    let centre = castgraph::graph::lookup::find(&graph, &args.name)?;
    super::note_match(&args.name, &graph.character(centre).name);
    let (ego, hops) = castgraph::analysis::ego::ego_graph(&graph, centre, args.radius);
    let ego_centre = ego.id_of(&graph.character(centre).name).unwrap_or(0);
    if let Some(path) = &args.save {
        castgraph::graph::store::save(&ego, path)?;
    }
    let mut to_centre: Vec<Option<f64>> = vec![None; ego.character_count()];
    for (u, t) in ego.neighbours(ego_centre) {
        to_centre[u] = Some(t.weight);
    }
    let mut members: Vec<Member> = (0..ego.character_count())
        .map(|id| Member {
            id,
            hops: hops[id],
            tie_to_centre: to_centre[id],
            degree: ego.neighbours(id).count(),
            strength: ego.neighbours(id).map(|(_, t)| t.weight).sum(),
        })
        .collect();
    members.sort_by(|a, b| {
        a.hops
            .cmp(&b.hops)
            .then_with(|| b.strength.total_cmp(&a.strength))
            .then_with(|| ego.character(a.id).name.cmp(&ego.character(b.id).name))
    });
    let mut caption = format!(
        "ego graph of {}, radius {}: {} of {} characters, {} of {} ties",
        graph.character(centre).name,
        args.radius,
        ego.character_count(),
        graph.character_count(),
        ego.tie_count(),
        graph.tie_count()
    );
    if let Some(path) = &args.save {
        caption.push_str(&format!("; saved to {}", path.display()));
    }
    add_graph_note(&mut caption, &args.graph.path, &graph);
    emit(
        &args.out,
        Some(&caption),
        |w| write_table(&ego, &members, w),
        |w| write_csv(&ego, &members, w),
        |w| write_json(&ego, &graph.character(centre).name, args.radius, &members, w),
    )
}

const COLUMNS: [&str; 6] = ["character", "hops", "scenes", "tie_to_centre", "degree", "strength"];

fn cells(ego: &CastGraph, m: &Member) -> [String; 6] {
    [
        ego.character(m.id).name.clone(),
        m.hops.to_string(),
        ego.character(m.id).scenes.to_string(),
        m.tie_to_centre.map(format_number).unwrap_or_default(),
        m.degree.to_string(),
        format_number(m.strength),
    ]
}

fn write_table(ego: &CastGraph, members: &[Member], w: &mut dyn Write) -> io::Result<()> {
    let rows = members.iter().map(|m| cells(ego, m));
    // The table says what a scene is (an edge list's rows); CSV and JSON keep `scenes`.
    let mut header = COLUMNS;
    header[2] = ego.scene_unit().1;
    writeln!(w, "{}", table_text(&header, rows, &[0]))
}

fn write_csv(ego: &CastGraph, members: &[Member], w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(COLUMNS).map_err(io_error)?;
    for m in members {
        out.write_record(cells(ego, m)).map_err(io_error)?;
    }
    out.flush()
}

fn write_json(ego: &CastGraph, centre: &str, radius: usize, members: &[Member], w: &mut dyn Write) -> io::Result<()> {
    use serde_json::json;
    let rows: Vec<_> = members
        .iter()
        .map(|m| {
            json!({
                "character": ego.character(m.id).name,
                "hops": m.hops,
                "scenes": ego.character(m.id).scenes,
                "tie_to_centre": m.tie_to_centre,
                "degree": m.degree,
                "strength": m.strength,
            })
        })
        .collect();
    let ties: Vec<_> = ego
        .ties()
        .map(|(a, b, t)| {
            json!({
                "source": ego.character(a).name,
                "target": ego.character(b).name,
                "weight": t.weight,
                "scenes": t.scenes,
            })
        })
        .collect();
    let doc = json!({
        "centre": centre,
        "radius": radius,
        "characters": rows,
        "ties": ties,
    });
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}
