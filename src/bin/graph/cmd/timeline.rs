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
use super::{Bar, Format, MeasureArgs, OutputArgs, Usage, add_provenance, emit, parse_measure, table_text};

const AFTER_HELP: &str = "\
Builds one graph per group and measures each: from the scene FILEs (read once, with the same input
options as `graph build`), or, without FILEs, from the saved graph (--graph, default
output/graph.json), which keeps its scene list: the same timeline as its files with the options it
was built with. (A graph built from more than 2,000,000 scenes and appearances keeps no scene list;
the command says so: give the FILEs then.)

Groups: `--by episode` (default) uses each scene's episode (the `episode` column, an ezlinavis `#`
heading, a book's chapter, an edge list's `Episode` or `Season`, a play's act, a prose text's
--chapters heading); with FILEs any other name is a column. --prefix N keeps the first N
dot-separated parts of each value: a book's chapters `1.2.4` by part (--prefix 1). Groups come in
order of first appearance; chapter numbers (`1.2`, `1.10`) in chapter order; numbers in numeric
order. Graph filters (--min-scenes, --min-weight, --drop-isolated) apply to each group's graph.

Per group and character: scenes, degree, strength and the --measures, each with its rank (ties
broken by name). A character absent from a group has no row for it; with --cumulative each group's
graph holds every scene up to it, so the last group is the whole story.

Output: table shows the --rank-by rank of the --top characters of the whole story (or the
--characters chosen), one column per group (`·` = absent); csv and json give the long table
`GROUP,character,measure,value,rank` (GROUP named after --by); wide is CSV, one row per character
and one column per group, holding the --rank-by value (--ranks: the rank). --plot FILE.svg draws the
ranks as a bump chart.

Examples:
  graph timeline season9.txt --plot curb.svg
  graph timeline --graph output/graph.json --characters Carly,Vanessa
  graph timeline jean.dat --prefix 1 --format wide --rank-by degree -o parts.csv
  graph timeline got-s1-edges.csv got-s2-edges.csv --by Season --rank-by strength --top 5
  graph timeline scenes.csv --by season --cumulative --format csv --measures pagerank,betweenness";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The scene file(s) to read; without them, the saved graph (--graph).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The saved graph to cut episode by episode, when no FILE is given [default: output/graph.json].
    #[arg(long = "graph", value_name = "PATH", conflicts_with = "files")]
    pub graph: Option<PathBuf>,
    /// What a group is: `episode`, or a column such as `season`.
    #[arg(long, value_name = "GROUP", default_value = "episode")]
    pub by: String,
    /// Group by the first N dot-separated parts of each value: a book's chapters `1.2.4` by part
    /// (`--prefix 1` → `1`) or by volume and part (`--prefix 2` → `1.2`).
    #[arg(long, value_name = "N", value_parser = parse_prefix)]
    pub prefix: Option<u64>,
    /// Each group's graph holds every scene up to and including that group.
    #[arg(long)]
    pub cumulative: bool,
    /// The measures to compute besides scenes, degree and strength, comma-separated (default: all).
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = parse_measure)]
    pub measures: Vec<Measure>,
    /// The measure whose rank the table and the plot show (`scenes` or a measure).
    #[arg(long, value_name = "MEASURE", default_value = "pagerank", value_parser = parse_quantity)]
    pub rank_by: Quantity,
    /// Show the top N characters of the whole story by --rank-by (0 = all). Default: 10 for the
    /// table and the plot, all for csv, json and wide.
    #[arg(long, value_name = "N", conflicts_with = "characters")]
    pub top: Option<usize>,
    /// Follow these characters instead of the top ones, comma-separated, in this order (names
    /// are found as `graph path` finds them: case, accents and a unique part of a name will do).
    #[arg(long, value_name = "A,B,...", value_delimiter = ',')]
    pub characters: Vec<String>,
    /// Output format: table (ranks, characters × groups), csv and json (the long table of every
    /// value and rank), wide (CSV, characters × groups: the --rank-by value of each).
    #[arg(long, value_enum, default_value_t = TimelineFormat::Table)]
    pub format: TimelineFormat,
    /// With --format wide: each cell holds the rank instead of the value.
    #[arg(long)]
    pub ranks: bool,
    /// Write the result to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// csv and wide: prefix `'` to every text cell a spreadsheet would run as a formula.
    #[arg(long)]
    pub spreadsheet_safe: bool,
    /// Also draw the bump chart (rank by --rank-by, group by group) to this SVG file.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    #[command(flatten)]
    pub measure_args: MeasureArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

/// `--format` of `graph timeline`: the shared formats and the wide table.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineFormat {
    /// Ranks by --rank-by, one column per group, under a caption.
    Table,
    /// The long table: one row per group, character and measure (the caption goes to stderr).
    Csv,
    /// The long table as a JSON array (the caption goes to stderr).
    Json,
    /// CSV, one row per character and one column per group: a spreadsheet's table.
    Wide,
}

fn parse_quantity(s: &str) -> Result<Quantity, String> {
    // `rows`, `edges`: what an edge list's or a graph file's tables call its scenes.
    if ["scenes", "rows", "edges"]
        .iter()
        .any(|w| s.trim().eq_ignore_ascii_case(w))
    {
        return Ok(Quantity::Scenes);
    }
    Measure::from_name(s).map(Quantity::Measure).ok_or_else(|| {
        let mut names: Vec<_> = vec!["scenes"];
        names.extend(Measure::ALL.iter().map(|m| m.name()));
        castgraph::util::wording::unknown_choice("measure", s, &names)
    })
}

/// `--prefix N`: N at least 1.
fn parse_prefix(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("N must be a whole number of parts, at least 1 (`1.2.4` with 1 is `1`)".to_string()),
    }
}

pub fn run(args: Args) -> Result<()> {
    if args.ranks && args.format != TimelineFormat::Wide {
        bail!(Usage(
            "--ranks is for --format wide (the table shows ranks; csv and json both)".into()
        ));
    }
    if args.spreadsheet_safe && !matches!(args.format, TimelineFormat::Csv | TimelineFormat::Wide) {
        bail!(Usage("--spreadsheet-safe is for --format csv and wide".into()));
    }
    if args.plot.is_some() && args.top == Some(0) {
        bail!(Usage(
            "--plot needs --top N of at least 1 (a bump chart of every character is unreadable)".into()
        ));
    }
    let shows_rank_by = matches!(args.format, TimelineFormat::Table | TimelineFormat::Wide) || args.plot.is_some();
    let mut measures = args.measures.clone();
    // The table, the wide table and the plot show the --rank-by measure:
    // compute it even if not in --measures.
    if let Quantity::Measure(m) = args.rank_by
        && shows_rank_by
        && !measures.is_empty()
        && !measures.contains(&m)
    {
        measures.push(m);
    }
    let build = args.input.options()?;
    let saved: Option<(PathBuf, castgraph::CastGraph)> = if args.files.is_empty() {
        if build.provenance() != castgraph::BuildOptions::default().provenance() {
            bail!(Usage(
                "reading options are for input files: a saved graph keeps the options it was built with (give the FILEs to read them again)"
                    .into()
            ));
        }
        let path = args
            .graph
            .clone()
            .unwrap_or_else(|| PathBuf::from(super::DEFAULT_GRAPH));
        let graph = super::GraphArg { path: path.clone() }.load()?;
        Some((path, graph))
    } else {
        None
    };
    let opts = TimelineOptions {
        build,
        by: GroupBy::parse(&args.by),
        prefix: args.prefix.map(|n| n as usize),
        cumulative: args.cumulative,
        measures,
        centrality: args.measure_args.options(),
    };
    let timeline = match &saved {
        Some((path, graph)) => castgraph::analysis::timeline::timeline_of_graph(graph, path, &opts)?,
        None => castgraph::analysis::timeline::timeline_with(&args.files, &opts, &Bar::new(false))?,
    };
    for w in &timeline.report.warnings {
        eprintln!("warning: {}", w.render(&crate::wording::WORDING));
    }
    let group = timeline.group_word();
    // The same warning in many groups (an eigenvector tie in every short
    // chapter) is said once, with the groups it concerns.
    let mut said: Vec<(&str, Vec<&str>)> = Vec::new();
    for g in timeline.groups.iter().chain([&timeline.whole]) {
        for w in &g.warnings {
            match said.iter_mut().find(|(text, _)| *text == w.as_str()) {
                Some((_, keys)) => keys.push(&g.key),
                None => said.push((w, vec![&g.key])),
            }
        }
    }
    for (text, keys) in said {
        let listed = match keys.as_slice() {
            [one] => format!("{group} {one}"),
            [first @ .., last] if keys.len() <= 4 => format!("{group}s {} and {last}", first.join(", ")),
            _ => format!("{} {group}s ({}, ...)", keys.len(), keys[..3].join(", ")),
        };
        eprintln!("warning: {listed}: {text}");
    }
    // Who is shown: the characters asked for, else the top N of the whole story.
    let chosen: Option<Vec<u32>> = if args.characters.is_empty() {
        None
    } else {
        let mut ids = Vec::with_capacity(args.characters.len());
        for name in &args.characters {
            let id = timeline.find(name)?;
            super::note_match(name, timeline.name(id));
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Some(ids)
    };
    let default_top = if args.format == TimelineFormat::Table { 10 } else { 0 };
    let characters = match &chosen {
        Some(ids) => ids.clone(),
        None => timeline.leaders(args.rank_by, args.top.unwrap_or(default_top)),
    };
    if timeline.groups.len() > WIDE_CHART_GROUPS && (args.plot.is_some() || args.format == TimelineFormat::Table) {
        let hint = if timeline.groups.iter().any(|g| g.key.contains('.')) && args.prefix.is_none() {
            " (group chapters by part with --prefix 1)"
        } else {
            ""
        };
        eprintln!(
            "note: {} {}s make a wide {}{hint}",
            timeline.groups.len(),
            group,
            if args.plot.is_some() { "chart" } else { "table" }
        );
    }
    let how = timeline.describe.render(&crate::wording::WORDING);
    let what = match args.format {
        TimelineFormat::Table => format!("rank by {}", args.rank_by.name()),
        TimelineFormat::Wide if args.ranks => format!("rank by {}", args.rank_by.name()),
        TimelineFormat::Wide => args.rank_by.name().to_string(),
        _ => "centrality".to_string(),
    };
    let mut caption = timeline.caption_head(&what, "column");
    if chosen.is_none() && args.format != TimelineFormat::Csv && args.format != TimelineFormat::Json {
        let total = timeline.whole.len();
        if characters.len() < total {
            caption.push_str(&format!("; top {} of {total} characters", characters.len()));
        }
    }
    if timeline.uses_paths() || opts.centrality.unweighted {
        caption.push_str("; ");
        caption.push_str(&how);
    }
    match &saved {
        Some((path, graph)) => {
            caption.push_str("; ");
            caption.push_str(&super::graph_note(path, graph));
        }
        None => {
            let files: Vec<String> = args.files.iter().map(|p| super::shown_path(p)).collect();
            caption.push_str(&format!("; from {}", files.join(", ")));
            add_provenance(&mut caption, &timeline.provenance);
        }
    }
    if let Some(path) = &args.plot {
        let svg = bump_chart(
            &timeline,
            &PlotOptions {
                quantity: args.rank_by,
                top: args.top.unwrap_or(10),
                characters: chosen.clone(),
                title: None,
            },
        )?;
        castgraph::util::atomic::write_atomic(path, |w| w.write_all(svg.as_bytes()))?;
    }
    // The long table lists every character unless some are chosen or --top is given.
    let listed: Option<Vec<u32>> = match (&chosen, args.top) {
        (Some(ids), _) => Some(ids.clone()),
        (None, Some(n)) if n > 0 => Some(timeline.leaders(args.rank_by, n)),
        _ => None,
    };
    let out = OutputArgs {
        format: match args.format {
            TimelineFormat::Table => Format::Table,
            TimelineFormat::Csv | TimelineFormat::Wide => Format::Csv,
            TimelineFormat::Json => Format::Json,
        },
        output: args.output.clone(),
        spreadsheet_safe: args.spreadsheet_safe,
    };
    let rank_by = args.rank_by;
    let wide = args.format == TimelineFormat::Wide;
    let ranks = args.ranks;
    emit(
        &out,
        Some(&caption),
        |w| write_table(&timeline, rank_by, &characters, w),
        |w| {
            if wide {
                write_wide(&timeline, rank_by, ranks, &characters, w)
            } else {
                write_csv(&timeline, listed.as_deref(), w)
            }
        },
        |w| write_json(&timeline, listed.as_deref(), w),
    )
}

/// More groups than this make a chart or a table too wide to read.
const WIDE_CHART_GROUPS: usize = 60;

/// The long table's rows: (group, character, quantity, value, rank), groups
/// in order, characters in each graph's first-appearance order; only the
/// characters of `only` when given.
fn rows<'t>(
    t: &'t Timeline,
    only: Option<&'t [u32]>,
) -> impl Iterator<Item = (&'t str, &'t str, Quantity, f64, u32)> + 't {
    let mut keep = vec![only.is_none(); t.names.len()];
    for &id in only.unwrap_or(&[]) {
        keep[id as usize] = true;
    }
    t.groups.iter().flat_map(move |g| {
        let keep = keep.clone();
        g.members
            .iter()
            .enumerate()
            .filter(move |&(_, &m)| keep[m as usize])
            .flat_map(move |(i, &m)| {
                t.quantities
                    .iter()
                    .map(move |&q| (g.key.as_str(), t.name(m), q, g.values(q)[i], g.ranks(q)[i]))
            })
    })
}

fn write_csv(t: &Timeline, only: Option<&[u32]>, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let group = t.group_word();
    out.write_record([group.as_str(), "character", "measure", "value", "rank"])
        .map_err(io_error)?;
    for (group, name, q, value, rank) in rows(t, only) {
        out.write_record([group, name, q.name(), &format_number(value), &rank.to_string()])
            .map_err(io_error)?;
    }
    out.flush()
}

/// The long table as a JSON array, streamed row by row (a thousand
/// episodes make millions of rows).
fn write_json(t: &Timeline, only: Option<&[u32]>, w: &mut dyn Write) -> io::Result<()> {
    use serde::Serializer;
    let group = t.group_word();
    let rows = rows(t, only).map(|(key, name, q, value, rank)| {
        let value: serde_json::Value = match q {
            Quantity::Scenes | Quantity::Measure(Measure::Degree) => (value as u64).into(),
            _ => value.into(),
        };
        let mut row = serde_json::Map::new();
        row.insert(group.clone(), key.into());
        row.insert("character".into(), name.into());
        row.insert("measure".into(), q.name().into());
        row.insert("value".into(), value);
        row.insert("rank".into(), rank.into());
        serde_json::Value::Object(row)
    });
    let mut out = serde_json::Serializer::pretty(&mut *w);
    out.collect_seq(rows)?;
    writeln!(w)
}

/// Characters × groups as CSV: `character`, `all` (the whole story), then
/// one column per group holding the `by` value (or rank) of each character;
/// empty where the character is absent.
fn write_wide(t: &Timeline, by: Quantity, ranks: bool, characters: &[u32], w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let mut header = vec!["character".to_string(), "all".to_string()];
    header.extend(t.groups.iter().map(|g| g.key.clone()));
    out.write_record(&header).map_err(io_error)?;
    let cell = |g: &castgraph::analysis::timeline::Group, id: u32| -> String {
        g.position(id).map_or(String::new(), |i| {
            if ranks {
                g.ranks(by)[i].to_string()
            } else {
                format_number(g.values(by)[i])
            }
        })
    };
    for &id in characters {
        let mut row = vec![t.name(id).to_string(), cell(&t.whole, id)];
        row.extend(t.groups.iter().map(|g| cell(g, id)));
        out.write_record(&row).map_err(io_error)?;
    }
    out.flush()
}

fn write_table(t: &Timeline, by: Quantity, characters: &[u32], w: &mut dyn Write) -> io::Result<()> {
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
    let ranks = t.ranks_of(characters, by);
    let overall = t.whole.ranks(by);
    let rows = characters.iter().zip(ranks).map(|(&id, ranks)| {
        let mut cells = vec![
            t.name(id).to_string(),
            t.whole.position(id).map_or("·".to_string(), |i| overall[i].to_string()),
        ];
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
