//! `graph central`: rank characters by centrality.

use std::io::{self, Write};

use anyhow::Result;
use castgraph::CastGraph;
use castgraph::analysis::centrality::{COLUMNS, Measure, Scores};
use castgraph::output::csv::io_error;
use castgraph::util::format::format_number;

use super::{Format, GraphArg, MeasureArgs, OutputArgs, add_graph_note, emit, table_text};

const MEASURES_HELP: &str = "\
Measures (NetworkX 3.x definitions; weight = shared scenes; d = tie length, see --distance):
  degree       number of distinct co-stars                      G.degree(v)
  strength     sum of tie weights                               G.degree(v, weight='weight')
  betweenness  share of shortest paths between other pairs      nx.betweenness_centrality(G, weight=d,
               through the character, times 2/((n-1)(n-2))        normalized=True)
  closeness    (r-1)/(n-1) * (r-1)/sum(d) over the r characters nx.closeness_centrality(G, distance=d)
               reachable (Wasserman-Faust); 0 if isolated
  harmonic     sum of 1/d over reachable others                 nx.harmonic_centrality(G, distance=d)
  eigenvector  Perron vector of the weighted adjacency, unit    nx.eigenvector_centrality_numpy(G,
               norm; disconnected: the component with the         weight='weight')
               largest eigenvalue, 0 elsewhere (warns on a tie)
  pagerank     weighted PageRank, damping 0.85; characters      nx.pagerank(G, alpha=0.85, weight='weight')
               without ties spread their rank uniformly

Shortest paths that tie mathematically (1/10 + 1/15 = 1/12 + 1/12) count as ties: lengths are
compared with a relative tolerance of 1e-10. Ties in the ranking are broken by name.
Columns: rank,character,scenes,degree,strength,betweenness,closeness,harmonic,eigenvector,pagerank
(--measures keeps rank, character, scenes and the measures listed, plus the --by measure).
Closeness and harmonic without betweenness in hops are found 512 sources at a time (multi-source
BFS): `--measures closeness,harmonic --distance hops` is the fast way to them on a big cast.

Examples:
  graph central --top 5
  graph central --by betweenness --distance hops --raw
  graph central --format csv > measures.csv            (every character)
  graph central --measures closeness,harmonic --distance hops --by harmonic";

/// What to rank by: a measure, or the number of scenes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankBy {
    /// Scenes the character appears in.
    Scenes,
    /// A centrality measure.
    Measure(Measure),
}

impl RankBy {
    fn name(self) -> &'static str {
        match self {
            RankBy::Scenes => "scenes",
            RankBy::Measure(m) => m.name(),
        }
    }
}

fn parse_rank_by(s: &str) -> Result<RankBy, String> {
    // `rows`, `edges`: what an edge list's or a graph file's tables call its scenes.
    if ["scenes", "rows", "edges"]
        .iter()
        .any(|w| s.trim().eq_ignore_ascii_case(w))
    {
        return Ok(RankBy::Scenes);
    }
    Measure::from_name(s).map(RankBy::Measure).ok_or_else(|| {
        let mut names: Vec<_> = vec!["scenes"];
        names.extend(Measure::ALL.iter().map(|m| m.name()));
        castgraph::util::wording::unknown_choice("measure", s, &names)
    })
}

#[derive(clap::Args, Debug)]
#[command(after_help = MEASURES_HELP)]
pub struct Args {
    /// How many characters to show (0 = all). Default: 10 in the table, every character in CSV
    /// and JSON.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// What to rank by: a measure or `scenes`.
    #[arg(long, value_name = "MEASURE", default_value = "pagerank", value_parser = parse_rank_by)]
    pub by: RankBy,
    /// The measures to compute and show, comma-separated (default: all).
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = super::parse_measure)]
    pub measures: Vec<Measure>,
    #[command(flatten)]
    pub out: OutputArgs,
    #[command(flatten)]
    pub how: MeasureArgs,
    #[command(flatten)]
    pub graph: GraphArg,
}

pub fn run(args: Args) -> Result<()> {
    let graph = args.graph.load()?;
    // The measures shown, in the usual column order; the --by measure is always one.
    let measures: Vec<Measure> = Measure::ALL
        .into_iter()
        .filter(|m| args.measures.is_empty() || args.measures.contains(m) || args.by == RankBy::Measure(*m))
        .collect();
    let scores = if measures.len() == Measure::ALL.len() {
        args.how.compute(&graph)
    } else {
        args.how.compute_only(&graph, &measures)
    };
    let mut ranked = match args.by {
        RankBy::Measure(m) => scores.ranking(&graph, m),
        RankBy::Scenes => {
            let scenes: Vec<f64> = graph.characters().map(|c| c.scenes as f64).collect();
            castgraph::analysis::centrality::rank(&graph, &scenes)
        }
    };
    let n = ranked.len();
    // The table shows 10 by default; machine formats every row unless asked.
    let top = args
        .top
        .unwrap_or(if args.out.format == Format::Table { 10 } else { 0 });
    if top > 0 {
        ranked.truncate(top);
    }
    let shown = if ranked.len() < n {
        format!("top {} of {n}, ", ranked.len())
    } else {
        String::new()
    };
    let mut caption = format!(
        "{shown}ranked by {}; {}",
        match args.by {
            RankBy::Scenes => graph.scene_unit().1,
            RankBy::Measure(m) => m.name(),
        },
        MeasureArgs::describe(&scores)
    );
    add_graph_note(&mut caption, &args.graph.path, &graph);
    emit(
        &args.out,
        Some(&caption),
        |w| write_table(&graph, &scores, &measures, &ranked, args.by, w),
        |w| write_csv(&graph, &scores, &measures, &ranked, w),
        |w| write_json(&graph, &scores, &measures, &ranked, w),
    )
}

/// The columns: [`COLUMNS`] without the measures not shown.
fn columns(shown: &[Measure]) -> Vec<&'static str> {
    COLUMNS
        .iter()
        .copied()
        .filter(|c| Measure::from_name(c).is_none_or(|m| shown.contains(&m)))
        .collect()
}

/// One row's cells in [`columns`] order, numbers at full precision.
fn row(graph: &CastGraph, scores: &Scores, shown: &[Measure], rank: usize, id: usize) -> Vec<String> {
    let c = graph.character(id);
    let mut cells = vec![(rank + 1).to_string(), c.name.clone(), c.scenes.to_string()];
    cells.extend(shown.iter().map(|&m| format_number(scores.value(m, id))));
    cells
}

fn write_table(
    graph: &CastGraph,
    scores: &Scores,
    shown: &[Measure],
    ranked: &[usize],
    by: RankBy,
    w: &mut dyn Write,
) -> io::Result<()> {
    let header: Vec<String> = columns(shown)
        .into_iter()
        .map(|c| {
            let shown = if c == "scenes" { graph.scene_unit().1 } else { c };
            if c == by.name() {
                format!("{shown} ▼")
            } else {
                shown.to_string()
            }
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = ranked.iter().enumerate().map(|(rank, &id)| {
        let c = graph.character(id);
        let mut cells = vec![(rank + 1).to_string(), c.name.clone(), c.scenes.to_string()];
        for &m in shown {
            cells.push(match m {
                Measure::Degree => scores.degree[id].to_string(),
                _ => format!("{:.4}", scores.value(m, id)),
            });
        }
        cells
    });
    writeln!(w, "{}", table_text(&header, rows, &[1]))
}

fn write_csv(
    graph: &CastGraph,
    scores: &Scores,
    shown: &[Measure],
    ranked: &[usize],
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(columns(shown)).map_err(io_error)?;
    for (rank, &id) in ranked.iter().enumerate() {
        out.write_record(row(graph, scores, shown, rank, id))
            .map_err(io_error)?;
    }
    out.flush()
}

fn write_json(
    graph: &CastGraph,
    scores: &Scores,
    shown: &[Measure],
    ranked: &[usize],
    w: &mut dyn Write,
) -> io::Result<()> {
    let rows: Vec<serde_json::Value> = ranked
        .iter()
        .enumerate()
        .map(|(rank, &id)| {
            let c = graph.character(id);
            let mut obj = serde_json::Map::new();
            obj.insert("rank".into(), (rank + 1).into());
            obj.insert("character".into(), c.name.clone().into());
            obj.insert("scenes".into(), c.scenes.into());
            for &m in shown {
                let value: serde_json::Value = match m {
                    Measure::Degree => scores.degree[id].into(),
                    _ => scores.value(m, id).into(),
                };
                obj.insert(m.name().into(), value);
            }
            serde_json::Value::Object(obj)
        })
        .collect();
    serde_json::to_writer_pretty(&mut *w, &rows)?;
    writeln!(w)
}
