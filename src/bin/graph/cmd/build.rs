//! `graph build FILE...`: read scenes, build the graph, save it, summarise it.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use castgraph::analysis::centrality::pagerank::{PageRankOptions, pagerank};
use castgraph::build::Filters;
use castgraph::input::EpisodeSet;
use castgraph::input::prose::Window;
use castgraph::input::{NameStyle, Presence, SgbScene};
use castgraph::{BuildOptions, InputFormat, WeightRule};

use super::DEFAULT_GRAPH;
use crate::wording::WORDING;
use castgraph::util::format::plural;

const AFTER_HELP: &str = "\
Formats (detected from the extension and the header; --input-format overrides):
  wide       CSV, one row a scene, a `characters` column of names separated by `;`
  long       CSV, one row per appearance: `character` and `scene` (+ `episode`, `season`) columns
  sgb        Knuth's Stanford GraphBase books (.dat): one scene per encounter group
  ezlinavis  DraCor's Easy Linavis lists (.txt): `#` episode/act, `##` scene, one name per line
  edgelist   CSV, one row a tie: `Source`,`Target`[,`Weight`] (Gephi's edge table); each row adds its
             Weight (1 without the column) to the pair, repeated and reversed pairs are summed,
             a character's and a tie's `scenes` count rows; `Episode` or `Season` is the episode
  tei        TEI drama (.xml with a <TEI> root, as DraCor serves it): one scene per segment (DraCor's
             rules), its speakers present; names from the cast list (--names id: the ids); groups
             (personGrp) marked, --no-groups leaves them out; --presence stage counts stage/@who
  fountain   Fountain screenplay (.fountain, .spmd): one scene per scene heading (INT./EXT./EST./I/E,
             or forced with `.`), its speakers (cues) present, extensions like (V.O.) (CONT'D) dropped;
             dialogue before the first heading is an opening scene; --presence action also counts
             speakers named in the action lines, --names title writes CAPITAL cues in title case
  fdx        Final Draft screenplay (.fdx, XML with a <FinalDraft> root): the same, from its Scene
             Heading and Character paragraphs; the title page's first line is the episode
  text       prose (.txt or .md with --cast): the cast file's characters found in the text, one scene
             per --window (paragraph, sentence, sentences:N, or words:N: each pair of mentions at
             most N words apart); --chapters REGEX makes each matching line a chapter (the episode).
             Mentions are not presence: see `graph extract` to check every tie against the text
  graphml    GraphML (.graphml, or XML with a <graphml> root: NetworkX, Gephi, yEd, `graph export
             --graphml`), read as a weighted edge list: every node is a character (named by its
             `label` or `name` data, else its id), every edge adds its `weight` (else `value`, else 1)
  gexf       GEXF (.gexf, or XML with a <gexf> root: Gephi, NetworkX, `graph export --gexf`): the
             same; a node is named by its label, else its id
  json       node-link JSON (.json: NetworkX node_link_data, d3's miserables.json, `graph export
             --json`): `nodes` and `links` (or `edges`); links by id, or by position in `nodes`
             when nodes have no id; a node is named by its id, else name, else label
  Graph files keep their node order and their nodes without edges. The `scenes` of castgraph's
  exports are read back (a tie's from its edge, a character's from its node), so `graph export`
  then `graph build` gives the same graph; without them an edge counts as one scene and a
  character as many as its edges, and the summary says so. Directed edges are read as
  undirected, parallel edges summed.

Node tables (edge lists only): --nodes FILE names the edge list's ids by a CSV with `Id` and
`Label` columns (Gephi's node table, e.g. Network of Thrones' got-s1-nodes.csv): each Source or
Target equal to an Id is named by its Label; ids not in the table keep their id; an id listed
twice must keep one label; ids in no edge are kept as characters without ties (--drop-isolated
leaves them out). Repeat --nodes to read several tables as one; they label every edge list.

Names are compared after Unicode NFC normalisation and collapsing inner spaces.

Examples:
  graph build data/s1.csv
  graph build season1.csv season2.csv --episodes 1-3,5 --min-scenes 3
  graph build jean.dat --drop-isolated
  graph build scenes.csv --aliases aliases.csv --weight newman
  graph build novel.txt --cast cast.csv --window words:15 --chapters '^CHAPTER [IVXLC]+'
  graph build got-s1-edges.csv --nodes got-s1-nodes.csv
  graph build starwars-episode-4-interactions.json
  graph export --graphml -o cast.graphml && graph build cast.graphml -o again.json";

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Wide,
    Long,
    Sgb,
    Ezlinavis,
    Edgelist,
    Tei,
    Fountain,
    Fdx,
    Text,
    Graphml,
    Gexf,
    Json,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresenceArg {
    /// Those who speak (DraCor's rule for plays).
    Speakers,
    /// Plays: also those named in a stage direction's @who.
    Stage,
    /// Scripts: also speakers named in the scene's action lines.
    Action,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamesArg {
    /// As the file writes them.
    AsWritten,
    /// Plays: the xml:id of each character.
    Id,
    /// Scripts: CAPITAL cues in title case.
    Title,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SgbSceneArg {
    /// One scene per `;`-separated encounter group (Newman's Les Misérables network).
    Group,
    /// One scene per chapter (the union of its groups).
    Chapter,
}

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The scene file(s) to read; several files build one graph.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Where to save the graph.
    #[arg(short = 'o', long = "output", value_name = "PATH", default_value = DEFAULT_GRAPH)]
    pub output: PathBuf,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

/// How scene files are read and turned into a graph: shared by `build` and
/// `timeline`, so that the two read the same files the same way.
#[derive(clap::Args, Debug)]
pub struct InputArgs {
    /// Read every file in this format instead of detecting it.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<FormatArg>,
    /// Separator of the names in a wide CSV's `characters` column.
    #[arg(long, value_name = "CHAR", default_value_t = ';')]
    pub separator: char,
    /// How Stanford GraphBase books are cut into scenes.
    #[arg(long, value_enum, default_value_t = SgbSceneArg::Group)]
    pub sgb_scene: SgbSceneArg,
    /// Plays and scripts: who is present in a scene besides its speakers: `stage` (plays: those a
    /// stage direction names in its @who), `action` (scripts: speakers named in the action lines).
    #[arg(long, value_enum, default_value_t = PresenceArg::Speakers)]
    pub presence: PresenceArg,
    /// Plays and scripts: how characters are named: as written (a play's cast list, a script's
    /// cues), `id` (a play's xml:ids), `title` (a script's CAPITAL cues in title case).
    #[arg(long, value_enum, default_value_t = NamesArg::AsWritten)]
    pub names: NamesArg,
    /// Plays: leave groups of characters (personGrp: a chorus, "servants") out.
    #[arg(long)]
    pub no_groups: bool,
    /// CSV `alias,name[,episodes]`: names that stand for another character (optionally only in those episodes).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Edge lists: a node table, CSV `Id,Label` (Gephi's), naming the ids of Source and Target by their
    /// labels; ids in no edge become characters without ties. Repeatable: several tables read as one.
    #[arg(long, value_name = "FILE")]
    pub nodes: Vec<PathBuf>,
    /// Keep only scenes of these episodes: whole-number ranges or exact values, e.g. `1-3,5`.
    #[arg(long, value_name = "LIST", value_parser = EpisodeSet::parse)]
    pub episodes: Option<EpisodeSet>,
    /// Keep only scenes whose COLUMN equals VALUE (repeatable; all must hold), e.g. `season=2`.
    #[arg(long = "where", value_name = "COLUMN=VALUE", value_parser = parse_where)]
    pub wheres: Vec<(String, String)>,
    /// Drop characters who appear in fewer than N scenes, with their ties.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub min_scenes: u64,
    /// Drop ties lighter than W.
    #[arg(long, value_name = "W", default_value_t = 0.0)]
    pub min_weight: f64,
    /// Drop characters left without ties.
    #[arg(long)]
    pub drop_isolated: bool,
    /// What a shared scene adds to a tie: `scenes` (+1; an edge list: its Weight), `newman`
    /// (1/(k-1) in a scene of k characters), or `column:NAME` (the scene's value in that column).
    #[arg(long, value_name = "RULE", default_value = "scenes", value_parser = WeightRule::parse)]
    pub weight: WeightRule,
    /// Refuse scenes listing more characters than N (pairs grow with the square of a scene's size).
    #[arg(long, value_name = "N", default_value_t = castgraph::build::DEFAULT_MAX_SCENE_SIZE)]
    pub max_scene_size: usize,
    #[command(flatten)]
    pub prose: ProseArgs,
}

/// How prose is read: shared by `build`, `timeline` and `extract`.
#[derive(clap::Args, Debug)]
pub struct ProseArgs {
    /// Prose: CSV `name,aliases` (aliases `;`-separated) of the characters to find; with it, .txt and
    /// .md files are read as prose.
    #[arg(long, value_name = "CAST.csv")]
    pub cast: Option<PathBuf>,
    /// Prose: which mentions share a scene: `paragraph`, `sentence`, `sentences:N` (blocks of N
    /// sentences) or `words:N` (each pair of mentions at most N words apart).
    #[arg(long, value_name = "W", default_value = "paragraph")]
    pub window: String,
    /// Prose: lines matching this regular expression are chapter headings, e.g. `^CHAPTER [IVXLC]+`
    /// (each chapter is an episode; `words:N` and `sentences:N` restart at each).
    #[arg(long, value_name = "REGEX")]
    pub chapters: Option<String>,
}

impl ProseArgs {
    /// The window, checked by the library (a bad one is an error of exit status 1).
    pub fn window(&self) -> Result<Window> {
        Ok(Window::parse(&self.window)?)
    }

    /// Refuses --window and --chapters without --cast (they would be ignored).
    pub fn check(&self) -> Result<()> {
        let window = self.window()?;
        if self.cast.is_none() && (window != Window::Paragraph || self.chapters.is_some()) {
            anyhow::bail!(super::Usage(
                "--window and --chapters are for prose: give the characters to find with --cast CAST.csv".into()
            ));
        }
        Ok(())
    }
}

fn parse_where(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((c, v)) if !c.trim().is_empty() => Ok((c.trim().to_string(), v.trim().to_string())),
        _ => Err(format!("`{s}` is not COLUMN=VALUE")),
    }
}

impl InputArgs {
    pub fn options(&self) -> Result<BuildOptions> {
        self.prose.check()?;
        Ok(BuildOptions {
            format: self.input_format.map(|f| match f {
                FormatArg::Wide => InputFormat::Wide,
                FormatArg::Long => InputFormat::Long,
                FormatArg::Sgb => InputFormat::Sgb,
                FormatArg::Ezlinavis => InputFormat::Ezlinavis,
                FormatArg::Edgelist => InputFormat::Edgelist,
                FormatArg::Tei => InputFormat::Tei,
                FormatArg::Fountain => InputFormat::Fountain,
                FormatArg::Fdx => InputFormat::Fdx,
                FormatArg::Text => InputFormat::Text,
                FormatArg::Graphml => InputFormat::Graphml,
                FormatArg::Gexf => InputFormat::Gexf,
                FormatArg::Json => InputFormat::Json,
            }),
            presence: match self.presence {
                PresenceArg::Speakers => Presence::Speakers,
                PresenceArg::Stage => Presence::Stage,
                PresenceArg::Action => Presence::Action,
            },
            names: match self.names {
                NamesArg::AsWritten => NameStyle::AsWritten,
                NamesArg::Id => NameStyle::Id,
                NamesArg::Title => NameStyle::Title,
            },
            no_groups: self.no_groups,
            separator: (self.separator != ';').then_some(self.separator),
            sgb_scene: match self.sgb_scene {
                SgbSceneArg::Group => SgbScene::Group,
                SgbSceneArg::Chapter => SgbScene::Chapter,
            },
            aliases: self.aliases.clone(),
            cast: self.prose.cast.clone(),
            window: self.prose.window()?,
            chapters: self.prose.chapters.clone(),
            nodes: self.nodes.clone(),
            filters: Filters {
                episodes: self.episodes.clone(),
                wheres: self.wheres.clone(),
                min_scenes: self.min_scenes,
                min_weight: self.min_weight,
                drop_isolated: self.drop_isolated,
            },
            weight: self.weight.clone(),
            max_scene_size: Some(self.max_scene_size),
        })
    }
}

pub fn run(args: Args) -> Result<()> {
    let started = std::time::Instant::now();
    let (graph, report) =
        castgraph::build::from_files_with(&args.files, &args.input.options()?, &super::Bar::new(args.quiet))?;
    let built = started.elapsed();
    if args.output == Path::new(DEFAULT_GRAPH) {
        // The default folder is part of the project; recreate it if deleted.
        if let Some(dir) = args.output.parent() {
            std::fs::create_dir_all(dir).ok();
        }
    }
    // The file is written while the summary's figures (components,
    // PageRank) are computed: on a big cast each takes a second.
    let (saved, summary) = std::thread::scope(|scope| {
        let saver = scope.spawn(|| castgraph::graph::store::save(&graph, &args.output));
        let summary = (!args.quiet).then(|| Summary::of(&graph));
        (saver.join(), summary)
    });
    saved.map_err(|_| anyhow::anyhow!("saving the graph failed"))??;
    if std::env::var_os("CASTGRAPH_TIMING").is_some() {
        eprintln!(
            "timing: build {:.3} s, save {:.3} s",
            built.as_secs_f64(),
            (started.elapsed() - built).as_secs_f64()
        );
    }
    for w in &report.warnings {
        eprintln!("warning: {}", w.render(&WORDING));
    }
    let Some(summary) = summary else {
        return Ok(());
    };

    let mut out = std::io::stdout().lock();
    for s in graph.sources() {
        // An edge list's records are ties, not scenes; a graph file's are edges.
        let unit = if s.format.format.is_graph_file() {
            "edge"
        } else if s.format.format.records_are_ties() {
            "row"
        } else {
            "scene"
        };
        if s.scenes == s.scenes_read {
            writeln!(
                out,
                "Read {} from {} ({}).",
                plural(s.scenes as usize, unit, &format!("{unit}s")),
                s.path,
                s.format
            )?;
        } else {
            writeln!(
                out,
                "Read {} from {} ({}); the filters kept {}.",
                plural(s.scenes_read as usize, unit, &format!("{unit}s")),
                s.path,
                s.format,
                s.scenes
            )?;
        }
    }
    if let Some(note) = super::provenance_note(&graph) {
        writeln!(out, "Graph {note}.")?;
    }
    let Summary {
        components,
        largest,
        isolated,
        top,
    } = summary;
    writeln!(
        out,
        "Cast: {}, {}, {} (largest: {}).",
        plural(graph.character_count(), "character", "characters"),
        plural(graph.tie_count(), "tie", "ties"),
        plural(components, "connected component", "connected components"),
        plural(largest, "character", "characters")
    )?;
    if isolated > 0 {
        writeln!(
            out,
            "{} no tie: normalised betweenness and closeness count {} among the n characters \
             (betweenness is divided by (n-1)(n-2), closeness scaled by (n-1)); --drop-isolated \
             leaves {} out, which raises those values.",
            if isolated == 1 {
                "1 character has".to_string()
            } else {
                format!("{isolated} characters have")
            },
            if isolated == 1 { "it" } else { "them" },
            if isolated == 1 { "it" } else { "them" },
        )?;
    }
    if !top.is_empty() {
        writeln!(out, "Top characters by PageRank: {}", top.join(", "))?;
    }
    let next = if args.output == Path::new(DEFAULT_GRAPH) {
        "graph central --top 5".to_string()
    } else {
        format!(
            "graph central --graph {} --top 5",
            quoted_arg(&args.output.display().to_string())
        )
    };
    writeln!(out, "Saved the graph to {}. Next: {next}", args.output.display())?;
    Ok(())
}

/// The figures of the build summary.
struct Summary {
    components: usize,
    largest: usize,
    isolated: usize,
    /// The top three by PageRank, as printed.
    top: Vec<String>,
}

impl Summary {
    fn of(graph: &castgraph::CastGraph) -> Summary {
        let (components, largest) = graph.component_summary();
        let isolated = graph.degrees().iter().filter(|&&d| d == 0).count();
        // Only PageRank is needed here: the path measures can take long on big casts.
        let rank = pagerank(graph, &PageRankOptions::default());
        let top = castgraph::analysis::centrality::rank(graph, &rank)
            .into_iter()
            .take(3)
            .enumerate()
            .map(|(i, id)| format!("{}. {} ({:.4})", i + 1, graph.character(id).name, rank[id]))
            .collect();
        Summary {
            components,
            largest,
            isolated,
            top,
        }
    }
}

/// A path as a shell argument: as it is when it holds nothing a shell would
/// split or expand, else in single quotes.
fn quoted_arg(text: &str) -> String {
    if !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || "-_./+,:@%".contains(c)) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
