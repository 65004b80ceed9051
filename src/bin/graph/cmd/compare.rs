//! `graph compare A B`: who appeared, who left, whose rank moved most.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use castgraph::CastGraph;
use castgraph::analysis::centrality::Measure;
use castgraph::analysis::compare::{Comparison, Row, Side, Status, compare};
use castgraph::output::csv::io_error;
use castgraph::util::format::format_number;

use super::{MeasureArgs, OutputArgs, emit, graph_note, parse_measure, shown_path, table_text};

const AFTER_HELP: &str = "\
Characters are matched by name. Each is `kept` (in both), `new` (only in the second graph) or
`gone` (only in the first). Each graph ranks its own characters by --by (ties by name); `moved`
is rank before minus rank after, so +3 means three places up. Kept characters come biggest move
first, new ones by their rank after, gone ones by their rank before. One-sided names that match
when case and accents are ignored are reported as possible renames.

Examples:
  graph build season1.csv -o output/s1.json && graph build season2.csv -o output/s2.json
  graph compare output/s1.json output/s2.json --by betweenness
  graph compare output/s1.json output/s2.json --top 0 --format csv > moves.csv";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The earlier graph (a file saved by `graph build`).
    #[arg(value_name = "BEFORE")]
    pub before: PathBuf,
    /// The later graph.
    #[arg(value_name = "AFTER")]
    pub after: PathBuf,
    /// The measure to rank by.
    #[arg(long, value_name = "MEASURE", default_value = "pagerank", value_parser = parse_measure)]
    pub by: Measure,
    /// How many characters of each group (kept, new, gone) to show (0 = all).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    #[command(flatten)]
    pub out: OutputArgs,
    #[command(flatten)]
    pub measures: MeasureArgs,
}

pub fn run(args: Args) -> Result<()> {
    let before = castgraph::graph::store::load(&args.before)?;
    let after = castgraph::graph::store::load(&args.after)?;
    let values = |g: &CastGraph| -> Vec<f64> {
        let scores = args.measures.compute_only(g, &[args.by]);
        (0..g.character_count()).map(|id| scores.value(args.by, id)).collect()
    };
    let comparison = compare(&before, &values(&before), &after, &values(&after));
    let rows = shown(&comparison, args.top);
    let mut caption = format!(
        "{} ({} characters, {} ties) → {} ({} characters, {} ties), ranked by {}",
        shown_path(&args.before),
        before.character_count(),
        before.tie_count(),
        shown_path(&args.after),
        after.character_count(),
        after.tie_count(),
        args.by.name()
    );
    let options = args.measures.options();
    if args.by.uses_distance() || options.unweighted {
        caption.push_str("; ");
        caption.push_str(&options.describe().render(&crate::wording::WORDING));
    }
    let count = |s: Status| comparison.rows.iter().filter(|r| r.status() == s).count();
    caption.push_str(&format!(
        "; {} kept, {} new, {} gone",
        count(Status::Kept),
        count(Status::New),
        count(Status::Gone)
    ));
    for (label, path, g) in [("first", &args.before, &before), ("second", &args.after, &after)] {
        caption.push_str(&format!("; {label}: {}", graph_note(path, g)));
    }
    if before.provenance() != after.provenance() {
        caption.push_str("; note: the two graphs were built with different options");
    }
    for group in &comparison.possible_renames {
        let listed: Vec<String> = group.iter().map(|n| format!("`{n}`")).collect();
        eprintln!(
            "warning: {} may be one character spelt two ways (an alias file merges them)",
            listed.join(" and ")
        );
    }
    emit(
        &args.out,
        Some(&caption),
        |w| write_table(&rows, args.by, w),
        |w| write_csv(&rows, w),
        |w| write_json(&comparison, &rows, &args, w),
    )
}

/// The first `top` rows of each group (all when `top` is 0), in order.
fn shown(c: &Comparison, top: usize) -> Vec<&Row> {
    let mut out = Vec::new();
    for status in [Status::Kept, Status::New, Status::Gone] {
        let group = c.rows.iter().filter(|r| r.status() == status);
        if top == 0 {
            out.extend(group);
        } else {
            out.extend(group.take(top));
        }
    }
    out
}

const COLUMNS: [&str; 9] = [
    "character",
    "status",
    "rank_before",
    "rank_after",
    "moved",
    "value_before",
    "value_after",
    "scenes_before",
    "scenes_after",
];

fn moved_text(r: &Row) -> String {
    match r.moved() {
        Some(m) if m > 0 => format!("+{m}"),
        Some(m) => m.to_string(),
        None => String::new(),
    }
}

fn write_table(rows: &[&Row], by: Measure, w: &mut dyn Write) -> io::Result<()> {
    let header = COLUMNS.map(|c| c.replace('_', " "));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let value = |s: Option<Side>| match (s, by) {
        (Some(s), Measure::Degree) => format_number(s.value),
        (Some(s), _) => format!("{:.4}", s.value),
        (None, _) => String::new(),
    };
    let cells = rows.iter().map(|r| {
        [
            r.name.clone(),
            r.status().name().to_string(),
            r.before.map(|s| s.rank.to_string()).unwrap_or_default(),
            r.after.map(|s| s.rank.to_string()).unwrap_or_default(),
            moved_text(r),
            value(r.before),
            value(r.after),
            r.before.map(|s| s.scenes.to_string()).unwrap_or_default(),
            r.after.map(|s| s.scenes.to_string()).unwrap_or_default(),
        ]
    });
    writeln!(w, "{}", table_text(&header, cells, &[0, 1]))
}

fn write_csv(rows: &[&Row], w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(COLUMNS).map_err(io_error)?;
    for r in rows {
        out.write_record([
            r.name.clone(),
            r.status().name().to_string(),
            r.before.map(|s| s.rank.to_string()).unwrap_or_default(),
            r.after.map(|s| s.rank.to_string()).unwrap_or_default(),
            r.moved().map(|m| m.to_string()).unwrap_or_default(),
            r.before.map(|s| format_number(s.value)).unwrap_or_default(),
            r.after.map(|s| format_number(s.value)).unwrap_or_default(),
            r.before.map(|s| s.scenes.to_string()).unwrap_or_default(),
            r.after.map(|s| s.scenes.to_string()).unwrap_or_default(),
        ])
        .map_err(io_error)?;
    }
    out.flush()
}

fn write_json(c: &Comparison, rows: &[&Row], args: &Args, w: &mut dyn Write) -> io::Result<()> {
    use serde_json::json;
    let side = |s: Option<Side>| s.map(|s| json!({"rank": s.rank, "value": s.value, "scenes": s.scenes}));
    let list: Vec<_> = rows
        .iter()
        .map(|r| {
            json!({
                "character": r.name,
                "status": r.status().name(),
                "moved": r.moved(),
                "before": side(r.before),
                "after": side(r.after),
            })
        })
        .collect();
    let doc = json!({
        "before": args.before.display().to_string(),
        "after": args.after.display().to_string(),
        "measure": args.by.name(),
        "characters": list,
        "possible_renames": c.possible_renames,
    });
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}
