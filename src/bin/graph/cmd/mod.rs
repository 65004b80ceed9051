//! One module per subcommand, each with an `Args` struct and a `run()`.
//! Shared plumbing (where the saved graph is, where output goes) lives here.

pub mod build;
pub mod central;
pub mod communities;
pub mod compare;
pub mod completions;
pub mod ego;
pub mod export;
pub mod extract;
pub mod generate;
pub mod path;
pub mod stats;
pub mod timeline;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::wording::WORDING;

/// Where `graph build` saves and the other commands look by default.
pub const DEFAULT_GRAPH: &str = "output/graph.json";

/// `--format`, shared by every command that prints results.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for reading (rounded numbers), under a caption saying how things were computed.
    Table,
    /// CSV with full-precision numbers (the caption goes to stderr).
    Csv,
    /// JSON with full-precision numbers (the caption goes to stderr).
    Json,
}

/// Says on stderr which character a name was taken for, when it was found
/// by a part of the name (`javer` → Javert) rather than the name itself
/// (case and accents aside): a lookup that guessed should not be silent.
pub fn note_match(query: &str, found: &str) {
    use castgraph::input::names::loose_key;
    if loose_key(query) != loose_key(found) {
        eprintln!("note: `{}` taken as {found}", query.trim());
    }
}

/// A combination of options that does not make sense (exit status 2, as
/// clap's own usage errors): `bail!(Usage("..."))`.
#[derive(Debug)]
pub struct Usage(pub String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// The `--graph PATH` option shared by the commands that read a saved graph.
#[derive(clap::Args, Debug)]
pub struct GraphArg {
    /// The saved graph to read.
    #[arg(long = "graph", value_name = "PATH", default_value = DEFAULT_GRAPH)]
    pub path: PathBuf,
}

impl GraphArg {
    pub fn load(&self) -> Result<castgraph::CastGraph> {
        Ok(castgraph::graph::store::load(&self.path)?)
    }
}

/// The options that choose how the measures are computed, shared by
/// `central` and `export`.
#[derive(clap::Args, Debug)]
pub struct MeasureArgs {
    /// Tie length for betweenness, closeness and harmonic: `inverse` = 1/weight (more shared
    /// scenes = closer), `hops` = 1 per tie, weights ignored (Gephi's and NetworkX's default).
    #[arg(long, value_enum, default_value_t = DistanceArg::Inverse)]
    pub distance: DistanceArg,
    /// Estimate betweenness, closeness and harmonic from K random pivot sources instead of all
    /// characters (Brandes–Pich / Eppstein–Wang, scaled by n/K); K >= n is exact.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(1..))]
    pub sample: Option<u64>,
    /// Seed of the pivot choice for --sample.
    #[arg(long, value_name = "S", default_value_t = 42, requires = "sample")]
    pub seed: u64,
    /// Every tie counts 1 for every measure: strength = degree, path lengths in hops, unweighted
    /// PageRank, and eigenvector as nx.eigenvector_centrality(G) (power iteration, tolerance
    /// 1e-6): the values DraCor and rdracor publish.
    #[arg(long)]
    pub unweighted: bool,
    /// Betweenness as counts of shortest paths through the character (NetworkX
    /// normalized=False; what igraph and Gephi print), not divided by the (n-1)(n-2)/2 pairs.
    #[arg(long)]
    pub raw: bool,
    /// Eigenvector over the whole graph (NetworkX: 0 outside the component with the largest
    /// leading eigenvalue) or each component on its own (the lead of every component is visible).
    #[arg(long, value_enum, default_value_t = ScopeArg::Graph)]
    pub eigenvector_scope: ScopeArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeArg {
    /// The whole graph.
    Graph,
    /// Each connected component on its own.
    Component,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistanceArg {
    /// 1/weight.
    Inverse,
    /// 1 per tie.
    Hops,
}

impl MeasureArgs {
    pub fn options(&self) -> castgraph::analysis::centrality::CentralityOptions {
        use castgraph::analysis::centrality::{CentralityOptions, Distance, Sample};
        CentralityOptions {
            distance: match self.distance {
                DistanceArg::Inverse => Distance::Inverse,
                DistanceArg::Hops => Distance::Hops,
            },
            sample: self.sample.map(|k| Sample {
                pivots: usize::try_from(k).unwrap_or(usize::MAX),
                seed: self.seed,
            }),
            unweighted: self.unweighted,
            raw_betweenness: self.raw,
            eigenvector_scope: match self.eigenvector_scope {
                ScopeArg::Graph => castgraph::analysis::centrality::EigenvectorScope::Graph,
                ScopeArg::Component => castgraph::analysis::centrality::EigenvectorScope::Component,
            },
        }
    }

    /// Computes `measures` only (see `Scores::compute_only`), with a progress bar, and prints
    /// the warnings on stderr.
    pub fn compute_only(
        &self,
        graph: &castgraph::CastGraph,
        measures: &[castgraph::analysis::centrality::Measure],
    ) -> castgraph::analysis::centrality::Scores {
        let scores =
            castgraph::analysis::centrality::Scores::compute_only(graph, &self.options(), measures, &Bar::new(false));
        for w in &scores.warnings {
            eprintln!("warning: {w}");
        }
        scores
    }

    /// How the measures were computed, for captions.
    pub fn describe(scores: &castgraph::analysis::centrality::Scores) -> String {
        scores.describe().render(&WORDING)
    }

    /// Computes every measure (with a progress bar) and prints its warnings on stderr.
    pub fn compute(&self, graph: &castgraph::CastGraph) -> castgraph::analysis::centrality::Scores {
        self.compute_with_options(graph, &self.options())
    }

    /// [`compute`](Self::compute) with options the command adjusted (a view's default sample).
    pub fn compute_with_options(
        &self,
        graph: &castgraph::CastGraph,
        options: &castgraph::analysis::centrality::CentralityOptions,
    ) -> castgraph::analysis::centrality::Scores {
        let scores = castgraph::analysis::centrality::Scores::compute_with(graph, options, &Bar::new(false));
        for w in &scores.warnings {
            eprintln!("warning: {w}");
        }
        scores
    }
}

/// Parses a measure name for `--by` and `--size-by`, suggesting the
/// nearest name for a typo.
pub fn parse_measure(s: &str) -> Result<castgraph::analysis::centrality::Measure, String> {
    use castgraph::analysis::centrality::Measure;
    Measure::from_name(s).ok_or_else(|| {
        let names: Vec<_> = Measure::ALL.iter().map(|m| m.name()).collect();
        castgraph::util::wording::unknown_choice("measure", s, &names)
    })
}

/// How the graph was built, when it was not with the defaults:
/// `built with --weight newman --episodes 1-3`.
pub fn provenance_note(graph: &castgraph::CastGraph) -> Option<String> {
    provenance_text(graph.provenance())
}

/// [`provenance_note`] of a recorded provenance.
pub fn provenance_text(p: &castgraph::Provenance) -> Option<String> {
    use castgraph::util::wording::{Setting, Wording};
    if p.is_default() {
        return None;
    }
    let mut how = vec![WORDING.setting_value(Setting::Weight, &p.weight.describe())];
    how.extend(p.options(&WORDING));
    Some(format!("built with {}", how.join(" ")))
}

/// A progress bar on stderr for the library's long phases. indicatif draws
/// nothing when stderr is not a terminal; `--quiet` hides it too.
pub struct Bar {
    quiet: bool,
    bar: std::sync::Mutex<Option<indicatif::ProgressBar>>,
}

impl Bar {
    pub fn new(quiet: bool) -> Self {
        Bar {
            quiet,
            bar: std::sync::Mutex::new(None),
        }
    }
}

impl Bar {
    /// Runs `work` under a spinner named `phase` (a phase the library does not count, such
    /// as reading a saved graph), cleared when it ends.
    pub fn spin<T>(&self, phase: &str, work: impl FnOnce() -> T) -> T {
        if self.quiet {
            return work();
        }
        let bar = indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_message(phase.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        let out = work();
        bar.finish_and_clear();
        out
    }
}

impl castgraph::util::progress::Progress for Bar {
    fn start(&self, phase: &str, total: Option<u64>) {
        if self.quiet {
            return;
        }
        let bar = match total {
            Some(t) => indicatif::ProgressBar::new(t).with_style(
                indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            ),
            None => indicatif::ProgressBar::new_spinner().with_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg}: {human_pos} scenes")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            ),
        };
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_message(phase.to_string());
        if let Ok(mut slot) = self.bar.lock() {
            *slot = Some(bar);
        }
    }

    fn advance(&self, steps: u64) {
        if let Ok(slot) = self.bar.lock()
            && let Some(bar) = slot.as_ref()
        {
            bar.inc(steps);
        }
    }

    fn finish(&self) {
        if let Ok(mut slot) = self.bar.lock()
            && let Some(bar) = slot.take()
        {
            bar.finish_and_clear();
        }
    }
}

/// A borderless terminal table: the columns in `left` (text) aligned left, the others (numbers)
/// right, trailing spaces trimmed.
pub fn table_text<R, C>(header: &[&str], rows: R, left: &[usize]) -> String
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = String>,
{
    use comfy_table::{CellAlignment, Table, presets};
    let mut table = Table::new();
    table.load_style(presets::NOTHING);
    table.set_header(header.iter().copied());
    for row in rows {
        table.add_row(row);
    }
    for (i, col) in table.column_iter_mut().enumerate() {
        col.set_cell_alignment(if left.contains(&i) {
            CellAlignment::Left
        } else {
            CellAlignment::Right
        });
    }
    table.trim_fmt()
}

/// Where and how a command writes its result: shared by every command that
/// prints a table, CSV or JSON.
#[derive(clap::Args, Debug)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the result to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV: prefix `'` to every text cell a spreadsheet would run as a formula (starting with
    /// = + - @ and not a number).
    #[arg(long)]
    pub spreadsheet_safe: bool,
}

/// Prints a command's result as `out` says: the table under its caption, or
/// CSV or JSON with the caption on standard error (so the data stays
/// machine-readable); to `--output` or standard output.
pub fn emit(
    out: &OutputArgs,
    caption: Option<&str>,
    table: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    csv: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    json: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    if out.spreadsheet_safe && out.format != Format::Csv {
        anyhow::bail!(Usage("--spreadsheet-safe is for --format csv".into()));
    }
    if out.format != Format::Table
        && let Some(c) = caption
    {
        eprintln!("{c}");
    }
    let path = out.output.as_deref();
    match out.format {
        Format::Table => write_output(path, |w| {
            if let Some(c) = caption {
                writeln!(w, "{c}")?;
            }
            table(w)
        }),
        Format::Csv if out.spreadsheet_safe => write_output(path, |w| {
            let mut bytes = Vec::new();
            csv(&mut bytes)?;
            castgraph::output::csv::make_spreadsheet_safe(&bytes, w)
        }),
        Format::Csv => write_output(path, csv),
        Format::Json => write_output(path, json),
    }
}

/// Appends `; graph built with ...` to a caption when the graph was not built with the defaults.
pub fn add_provenance(caption: &mut String, provenance: &castgraph::Provenance) {
    if let Some(note) = provenance_text(provenance) {
        caption.push_str("; graph ");
        caption.push_str(&note);
    }
}

/// What a caption says of the graph it read: `graph output/graph.json from
/// s1.csv` and, when it was not built with the defaults, `, built with ...`.
/// Files are named as the user gave them, an absolute path by its file name
/// only (a caption is often pasted elsewhere).
pub fn graph_note(path: &Path, graph: &castgraph::CastGraph) -> String {
    let mut note = format!("graph {}", shown_path(path));
    let sources: Vec<String> = graph.sources().iter().map(|s| shown_path(Path::new(&s.path))).collect();
    if !sources.is_empty() {
        let listed = if sources.len() > 3 {
            format!("{} and {} more", sources[..3].join(", "), sources.len() - 3)
        } else {
            sources.join(", ")
        };
        note.push_str(&format!(" from {listed}"));
    }
    if let Some(how) = provenance_note(graph) {
        note.push_str(&format!(", {how}"));
    }
    note
}

/// Appends `; ` and the [`graph_note`] to a caption.
pub fn add_graph_note(caption: &mut String, path: &Path, graph: &castgraph::CastGraph) {
    caption.push_str("; ");
    caption.push_str(&graph_note(path, graph));
}

/// A path as captions show it: as given, or only its file name when absolute.
pub fn shown_path(path: &Path) -> String {
    if path.is_absolute() {
        path.file_name()
            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
    } else {
        path.display().to_string()
    }
}

/// Writes through `write` to `path` atomically, or to stdout when `path` is `None`.
pub fn write_output(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    match path {
        Some(p) => castgraph::util::atomic::write_atomic(p, write)?,
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            write(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| castgraph::Error::io(Path::new("<stdout>"), "cannot write", e))?;
        }
    }
    Ok(())
}
