//! `graph timeline FILE...`: centrality episode by episode (or season by
//! season, or by any column), as a long table and a bump chart.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Result, bail};
use castgraph::analysis::centrality::Measure;
use castgraph::analysis::timeline::{GroupBy, Quantity, Timeline, TimelineOptions};
use castgraph::output::bump_chart::{PlotOptions, bump_chart};
use castgraph::output::csv::io_error;
use castgraph::util::format::format_number;

use super::build::InputArgs;
use super::{Bar, Format, MeasureArgs, OutputArgs, add_provenance, emit, parse_measure, table_text};

const AFTER_HELP: &str = "\
Reads the scene files once (same input options as `graph build`) and builds one graph per group:
`--by episode` (default) uses each scene's episode (the `episode` column, an ezlinavis `#` heading,
a book's chapter, an edge list's `Episode` or `Season`, a prose text's --chapters heading); any other
name is a column. Groups come in
order of first appearance, or in numeric order when every value is a number. Graph filters
(--min-scenes, --min-weight, --drop-isolated) apply to each group's graph.

Per group and character: scenes, degree, strength and the --measures, each with its rank (ties
broken by name). A character absent from a group has no row for it; with --cumulative each group's
graph holds every scene up to it, so the last group is the whole story.

Output: csv and json give the long table `episode,character,measure,value,rank` (`episode` holds
the group's value whatever --by is); table shows the --rank-by rank of the --top characters of the
whole story, one column per group (`·` = absent). --plot FILE.svg draws the same as a bump chart.

Examples:
  graph timeline season9.txt --plot curb.svg
  graph timeline got-s1-edges.csv got-s2-edges.csv --by Season --rank-by strength --top 5
  graph timeline scenes.csv --by season --cumulative --format csv --measures pagerank,betweenness";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The scene file(s) to read.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// What a group is: `episode`, or a column such as `season`.
    #[arg(long, value_name = "GROUP", default_value = "episode")]
    pub by: String,
    /// Each group's graph holds every scene up to and including that group.
    #[arg(long)]
    pub cumulative: bool,
    /// The measures to compute besides scenes, degree and strength, comma-separated (default: all).
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = parse_measure)]
    pub measures: Vec<Measure>,
    /// The measure whose rank the table and the plot show (`scenes` or a measure).
    #[arg(long, value_name = "MEASURE", default_value = "pagerank", value_parser = parse_quantity)]
    pub rank_by: Quantity,
    /// How many characters the table and the plot show: the top N of the whole story (0 = all, table only).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    #[command(flatten)]
    pub out: OutputArgs,
    /// Also draw the bump chart (rank by --rank-by, group by group) to this SVG file.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    #[command(flatten)]
    pub measure_args: MeasureArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

fn parse_quantity(s: &str) -> Result<Quantity, String> {
    if s.trim().eq_ignore_ascii_case("scenes") {
        return Ok(Quantity::Scenes);
    }
    parse_measure(s).map(Quantity::Measure)
}

pub fn run(args: Args) -> Result<()> {
    let mut measures = args.measures.clone();
    // The table and the plot show the --rank-by measure: compute it even if not in --measures.
    if let Quantity::Measure(m) = args.rank_by
        && (args.out.format == Format::Table || args.plot.is_some())
        && !measures.is_empty()
        && !measures.contains(&m)
    {
        measures.push(m);
    }
    let opts = TimelineOptions {
        build: args.input.options()?,
        by: GroupBy::parse(&args.by),
        cumulative: args.cumulative,
        measures,
        centrality: args.measure_args.options(),
    };
    if args.plot.is_some() && args.top == 0 {
        bail!("--plot needs --top N of at least 1 (a bump chart of every character is unreadable)");
    }
    let timeline = castgraph::analysis::timeline::timeline_with(&args.files, &opts, &Bar::new(false))?;
    for w in &timeline.report.warnings {
        eprintln!("warning: {}", w.render(&crate::wording::WORDING));
    }
    for g in timeline.groups.iter().chain([&timeline.whole]) {
        for w in &g.warnings {
            eprintln!("warning: {} {}: {w}", timeline.by.name(), g.key);
        }
    }
    let how = timeline.describe.render(&crate::wording::WORDING);
    let uses_paths = timeline
        .quantities
        .iter()
        .any(|q| matches!(q, Quantity::Measure(m) if m.uses_distance()));
    let mut caption = format!(
        "{}, {} by {}{}",
        if args.out.format == Format::Table {
            format!("rank by {}", args.rank_by.name())
        } else {
            "centrality".to_string()
        },
        timeline.by.name(),
        timeline.by.name(),
        if timeline.cumulative {
            " (cumulative: each column holds every scene up to it)"
        } else {
            ""
        }
    );
    if uses_paths || opts.centrality.unweighted {
        caption.push_str("; ");
        caption.push_str(&how);
    }
    let files: Vec<String> = args.files.iter().map(|p| super::shown_path(p)).collect();
    caption.push_str(&format!("; from {}", files.join(", ")));
    add_provenance(&mut caption, &timeline.provenance);
    if let Some(path) = &args.plot {
        let svg = bump_chart(
            &timeline,
            &PlotOptions {
                quantity: args.rank_by,
                top: args.top,
                title: None,
            },
        )?;
        castgraph::util::atomic::write_atomic(path, |w| w.write_all(svg.as_bytes()))?;
    }
    emit(
        &args.out,
        Some(&caption),
        |w| write_table(&timeline, args.rank_by, args.top, w),
        |w| write_csv(&timeline, w),
        |w| write_json(&timeline, w),
    )
}

/// The long table's rows: (group, character, quantity, value, rank), groups
/// in order, characters in each graph's first-appearance order.
fn rows(t: &Timeline) -> impl Iterator<Item = (&str, &str, Quantity, f64, u32)> + '_ {
    t.groups.iter().flat_map(move |g| {
        g.members.iter().enumerate().flat_map(move |(i, &m)| {
            t.quantities
                .iter()
                .map(move |&q| (g.key.as_str(), t.name(m), q, g.values(q)[i], g.ranks(q)[i]))
        })
    })
}

const HEADER: [&str; 5] = ["episode", "character", "measure", "value", "rank"];

fn write_csv(t: &Timeline, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(HEADER).map_err(io_error)?;
    for (group, name, q, value, rank) in rows(t) {
        out.write_record([group, name, q.name(), &format_number(value), &rank.to_string()])
            .map_err(io_error)?;
    }
    out.flush()
}

/// The long table as a JSON array, streamed row by row (a thousand
/// episodes make millions of rows).
fn write_json(t: &Timeline, w: &mut dyn Write) -> io::Result<()> {
    use serde::Serializer;
    let rows = rows(t).map(|(group, name, q, value, rank)| {
        let value: serde_json::Value = match q {
            Quantity::Scenes | Quantity::Measure(Measure::Degree) => (value as u64).into(),
            _ => value.into(),
        };
        serde_json::json!({
            "episode": group, "character": name, "measure": q.name(), "value": value, "rank": rank,
        })
    });
    let mut out = serde_json::Serializer::pretty(&mut *w);
    out.collect_seq(rows)?;
    writeln!(w)
}

fn write_table(t: &Timeline, by: Quantity, top: usize, w: &mut dyn Write) -> io::Result<()> {
    // Long group names (`9x01: "Foisted!"`) become numbers, listed below.
    let numbered = t.groups.iter().any(|g| g.key.chars().count() > 8);
    let mut header = vec!["character".to_string(), "all".to_string()];
    header.extend(
        t.groups
            .iter()
            .enumerate()
            .map(|(i, g)| if numbered { (i + 1).to_string() } else { g.key.clone() }),
    );
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let leaders = t.leaders(by, top);
    let ranks = t.ranks_of(&leaders, by);
    let rows = leaders.iter().zip(ranks).enumerate().map(|(overall, (&id, ranks))| {
        let mut cells = vec![t.name(id).to_string(), (overall + 1).to_string()];
        cells.extend(ranks.into_iter().map(|r| r.map_or("·".to_string(), |r| r.to_string())));
        cells
    });
    writeln!(w, "{}", table_text(&header, rows, &[0]))?;
    if numbered {
        for (i, g) in t.groups.iter().enumerate() {
            writeln!(w, "{:>3}  {}", i + 1, g.key)?;
        }
    }
    Ok(())
}
