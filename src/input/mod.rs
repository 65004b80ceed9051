//! Reading scene records.
//!
//! A *scene* is one unit of a story in which a set of characters is present
//! together. Each input format has its own module; all of them stream their
//! scenes, one at a time, to a callback as [`Scene`] values, so that every
//! format feeds the same graph builder. The scene formats are read one record
//! at a time and never held whole in memory; graph files (GraphML, GEXF,
//! node-link JSON: [`network`]) are read whole, then handed over as records of
//! nodes and edges that carry their own counts ([`Tally`]).

pub mod aliases;
pub(crate) mod csv;
pub mod edgelist;
pub mod episodes;
pub mod ezlinavis;
pub mod fdx;
pub mod fountain;
pub mod long;
pub mod names;
pub mod network;
pub mod nodes;
pub mod parquet;
pub mod prose;
pub mod screenplay;
pub mod sgb;
pub(crate) mod table;
pub mod tei;
pub(crate) mod text;
pub mod weight;
pub mod wide;
pub(crate) mod xml;

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

pub use episodes::EpisodeSet;

use crate::error::{Error, Numbering, Result};
use crate::util::wording::{Message, Part, Setting, msg};

/// How much of a file [`InputFormat::detect`] reads: enough for a long CSV
/// header or the prologue of an XML file before its root element.
const DETECT_BYTES: u64 = 64 * 1024;

/// The input formats `graph build` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One row a scene, a `characters` column of `;`-separated names.
    Wide,
    /// One row per appearance: `character` and `scene` (+ `episode`, `season`) columns.
    Long,
    /// Knuth's Stanford GraphBase book files (`.dat`).
    Sgb,
    /// DraCor's Easy Linavis segmented lists (`.txt`).
    Ezlinavis,
    /// Gephi's edge table: `Source,Target[,Weight]`, one row per tie (see [`edgelist`]).
    Edgelist,
    /// TEI-encoded drama, segmented as DraCor does (see [`tei`]).
    Tei,
    /// Fountain screenplays: one scene per scene heading (see [`fountain`]).
    Fountain,
    /// Final Draft screenplays (`.fdx`): one scene per scene heading (see [`fdx`]).
    Fdx,
    /// Prose (a synopsis, a novel): a cast file's characters found in windows of the text (see [`prose`]).
    Text,
    /// GraphML graph files, read as weighted edge lists (see [`network::graphml`]).
    Graphml,
    /// GEXF graph files (Gephi), read as weighted edge lists (see [`network::gexf`]).
    Gexf,
    /// Node-link JSON (NetworkX, d3), read as a weighted edge list (see [`network::json`]).
    Json,
    /// A Parquet table laid out as [`Wide`](Self::Wide) (see [`parquet`]).
    WideParquet,
    /// A Parquet table laid out as [`Long`](Self::Long) (see [`parquet`]).
    LongParquet,
    /// A Parquet table laid out as an [`Edgelist`](Self::Edgelist) (see [`parquet`]).
    EdgelistParquet,
}

impl InputFormat {
    /// Every format, for help texts.
    pub const ALL: [InputFormat; 15] = [
        InputFormat::Wide,
        InputFormat::Long,
        InputFormat::Sgb,
        InputFormat::Ezlinavis,
        InputFormat::Edgelist,
        InputFormat::Tei,
        InputFormat::Fountain,
        InputFormat::Fdx,
        InputFormat::Text,
        InputFormat::Graphml,
        InputFormat::Gexf,
        InputFormat::Json,
        InputFormat::WideParquet,
        InputFormat::LongParquet,
        InputFormat::EdgelistParquet,
    ];

    /// The format's short name: `wide`, `long`, `sgb`, `ezlinavis`, `edgelist`, `tei`,
    /// `fountain`, `fdx`, `text`, `graphml`, `gexf`, `json`, `wide-parquet`,
    /// `long-parquet`, `edgelist-parquet`.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Wide => "wide",
            InputFormat::Long => "long",
            InputFormat::Sgb => "sgb",
            InputFormat::Ezlinavis => "ezlinavis",
            InputFormat::Edgelist => "edgelist",
            InputFormat::Tei => "tei",
            InputFormat::Fountain => "fountain",
            InputFormat::Fdx => "fdx",
            InputFormat::Text => "text",
            InputFormat::Graphml => "graphml",
            InputFormat::Gexf => "gexf",
            InputFormat::Json => "json",
            InputFormat::WideParquet => "wide-parquet",
            InputFormat::LongParquet => "long-parquet",
            InputFormat::EdgelistParquet => "edgelist-parquet",
        }
    }

    /// The format with that [`name`](Self::name).
    pub fn from_name(name: &str) -> Option<InputFormat> {
        InputFormat::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The format in words, for summaries: `wide CSV`, `Stanford GraphBase book`...
    pub fn description(self) -> &'static str {
        match self {
            InputFormat::Wide => "wide CSV",
            InputFormat::Long => "long CSV",
            InputFormat::Sgb => "Stanford GraphBase book",
            InputFormat::Ezlinavis => "ezlinavis list",
            InputFormat::Edgelist => "edge list",
            InputFormat::Tei => "TEI drama",
            InputFormat::Fountain => "Fountain screenplay",
            InputFormat::Fdx => "Final Draft screenplay",
            InputFormat::Text => "prose",
            InputFormat::Graphml => "GraphML",
            InputFormat::Gexf => "GEXF",
            InputFormat::Json => "node-link JSON",
            InputFormat::WideParquet => "wide Parquet",
            InputFormat::LongParquet => "long Parquet",
            InputFormat::EdgelistParquet => "Parquet edge list",
        }
    }

    /// True when the format's records are ties (an edge list's rows, a graph
    /// file's edges), not scenes.
    pub fn records_are_ties(self) -> bool {
        self.is_edge_list() || self.is_graph_file()
    }

    /// True for the edge lists: CSV ([`Edgelist`](Self::Edgelist)) or
    /// Parquet ([`EdgelistParquet`](Self::EdgelistParquet)).
    pub fn is_edge_list(self) -> bool {
        matches!(self, InputFormat::Edgelist | InputFormat::EdgelistParquet)
    }

    /// True for the Parquet tables.
    pub fn is_parquet(self) -> bool {
        matches!(
            self,
            InputFormat::WideParquet | InputFormat::LongParquet | InputFormat::EdgelistParquet
        )
    }

    /// How the format's records are numbered in messages: by row in
    /// Parquet tables, by line in every other format.
    pub fn numbering(self) -> Numbering {
        if self.is_parquet() {
            Numbering::Row
        } else {
            Numbering::Line
        }
    }

    /// True for the graph files: GraphML, GEXF and node-link JSON, whose
    /// records are nodes and edges (see [`network`]).
    pub fn is_graph_file(self) -> bool {
        matches!(self, InputFormat::Graphml | InputFormat::Gexf | InputFormat::Json)
    }

    /// Guesses a file's format: by extension `.dat` is a Stanford GraphBase
    /// book, `.txt` an ezlinavis list, `.fountain` and `.spmd` a Fountain
    /// screenplay, `.fdx` a Final Draft one, `.graphml` GraphML, `.gexf`
    /// GEXF, `.json` node-link JSON; a `.parquet` file, or one that starts
    /// with Parquet's `PAR1` marker, is a Parquet table laid out by its
    /// column names as a CSV file by its header (see [`parquet`]); otherwise
    /// an XML file by its root element (`TEI` → TEI drama, `FinalDraft` →
    /// Final Draft, `graphml` → GraphML, `gexf` → GEXF), a file starting with
    /// `{` is JSON, and a CSV file goes by its header (`characters` → wide,
    /// `character` → long, `Source` and `Target` → edge list); anything else
    /// is read as wide (whose reader then says which column is missing).
    ///
    /// # Errors
    /// A file that cannot be read, an XML file of a kind castgraph does not
    /// read, a Parquet file whose footer cannot be read.
    ///
    /// # Example
    /// ```
    /// use castgraph::InputFormat;
    ///
    /// let dir = tempfile::tempdir()?;
    /// let file = dir.path().join("network.xml");
    /// std::fs::write(&file, "<?xml version='1.0'?>\n<graphml><graph edgedefault='undirected'/></graphml>\n")?;
    /// assert_eq!(InputFormat::detect(&file)?, InputFormat::Graphml);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn detect(path: &Path) -> Result<InputFormat> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("dat") => return Ok(InputFormat::Sgb),
            Some("txt") => return Ok(InputFormat::Ezlinavis),
            Some("fountain" | "spmd") => return Ok(InputFormat::Fountain),
            Some("fdx") => return Ok(InputFormat::Fdx),
            Some("graphml") => return Ok(InputFormat::Graphml),
            Some("gexf") => return Ok(InputFormat::Gexf),
            Some("json") => return Ok(InputFormat::Json),
            Some("parquet") => return parquet::detect(path),
            _ => {}
        }
        let mut head = Vec::new();
        csv::open(path)?
            .take(DETECT_BYTES)
            .read_to_end(&mut head)
            .map_err(|e| Error::io(path, "cannot read", e))?;
        if head.starts_with(parquet::MAGIC) {
            return parquet::detect(path);
        }
        let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
        if text.trim_ascii_start().starts_with(b"<") {
            return match xml::root_name(text).as_deref() {
                Some("TEI" | "teiCorpus") => Ok(InputFormat::Tei),
                Some("FinalDraft") => Ok(InputFormat::Fdx),
                Some("graphml") => Ok(InputFormat::Graphml),
                Some("gexf") => Ok(InputFormat::Gexf),
                Some(other) => Err(Error::data(
                    path,
                    None,
                    format!("is an XML file whose root element is <{other}>, which castgraph does not read"),
                )
                .with_hint(msg![
                    "castgraph reads TEI drama (root <TEI>), Final Draft scripts (<FinalDraft>), GraphML \
                     (<graphml>) and GEXF (<gexf>); give the format with ",
                    Setting::InputFormat,
                    " if the file is one"
                ])),
                None => Ok(InputFormat::Tei),
            };
        }
        if text.trim_ascii_start().starts_with(b"{") {
            return Ok(InputFormat::Json);
        }
        let first = text.split(|&b| b == b'\n').next().unwrap_or(&[]);
        let mut reader = ::csv::ReaderBuilder::new().has_headers(false).from_reader(first);
        let mut record = ::csv::ByteRecord::new();
        if reader.read_byte_record(&mut record).unwrap_or(false) {
            let names: Vec<String> = record
                .iter()
                .map(|f| String::from_utf8_lossy(f).trim().to_string())
                .collect();
            return Ok(layout_of(names.iter().map(String::as_str)));
        }
        Ok(InputFormat::Wide)
    }

    /// [`detect`](Self::detect), except that with a cast file (`cast`
    /// true) a `.txt`, `.md` or `.text` file is prose ([`InputFormat::Text`]).
    ///
    /// # Errors
    /// As [`detect`](Self::detect).
    pub fn detect_with_cast(path: &Path, cast: bool) -> Result<InputFormat> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        if cast && matches!(ext.as_deref(), Some("txt" | "md" | "markdown" | "text")) {
            return Ok(InputFormat::Text);
        }
        InputFormat::detect(path)
    }

    /// Reads `path` in this format, handing every record to `on_scene`.
    ///
    /// # Errors
    /// Those of the format's reader: a file that cannot be read or is
    /// malformed, each named with its line when there is one.
    pub fn read(self, path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
        match self {
            InputFormat::Wide => wide::read_path(path, opts, on_scene),
            InputFormat::Long => long::read_path(path, opts, on_scene),
            InputFormat::Sgb => sgb::read_path(path, opts, on_scene),
            InputFormat::Ezlinavis => ezlinavis::read_path(path, opts, on_scene),
            InputFormat::Edgelist => edgelist::read_path(path, opts, on_scene),
            InputFormat::Tei => tei::read_path(path, opts, on_scene),
            InputFormat::Fountain => fountain::read_path(path, opts, on_scene),
            InputFormat::Fdx => fdx::read_path(path, opts, on_scene),
            InputFormat::Text => prose::read_path(path, opts, on_scene),
            InputFormat::Graphml => network::graphml::read_path(path, opts, on_scene),
            InputFormat::Gexf => network::gexf::read_path(path, opts, on_scene),
            InputFormat::Json => network::json::read_path(path, opts, on_scene),
            InputFormat::WideParquet | InputFormat::LongParquet | InputFormat::EdgelistParquet => {
                parquet::read_path(path, self, opts, on_scene)
            }
        }
    }
}

/// The layout of a table by its column names, CSV header or Parquet schema:
/// an edge list with `Source` and `Target` (and no `characters`), long with
/// `character` (and no `characters`), else wide.
pub(crate) fn layout_of<'a>(names: impl Iterator<Item = &'a str> + Clone) -> InputFormat {
    let has = |want: &str| names.clone().any(|n| n.trim().eq_ignore_ascii_case(want));
    if has("characters") {
        InputFormat::Wide
    } else if edgelist::is_edge_header(names.clone()) {
        InputFormat::Edgelist
    } else if has("character") {
        InputFormat::Long
    } else {
        InputFormat::Wide
    }
}

/// One scene as read from an input file, borrowed from the reader's buffer.
#[derive(Debug, Clone, Copy)]
pub struct Scene<'a> {
    /// 1-based line on which the scene's record starts.
    pub line: u64,
    /// The `episode` column (or the format's equivalent: a chapter, an act), when there is one.
    pub episode: Option<&'a str>,
    /// The `scene` column (or the format's equivalent), when there is one.
    pub scene: Option<&'a str>,
    /// The characters present: trimmed, non-empty, each name once, in the order listed.
    pub characters: &'a [&'a str],
    /// The values of [`ReadOptions::columns`], in that order (`None`: empty in this scene).
    pub columns: &'a [Option<&'a str>],
    /// The pair weight the record itself carries: an edge list's `Weight`
    /// (1 without that column), a graph file's edge weight. `None` for the
    /// scene formats, whose weight comes from the weighting rule, and for a
    /// graph file's nodes.
    pub weight: Option<f64>,
    /// What the record counts for: one scene ([`Tally::Scene`]), except in
    /// graph files, whose nodes and edges carry their own counts.
    pub tally: Tally,
}

/// What a record adds to the scene counts of its characters and ties.
///
/// Every scene format, and an edge list's rows, are [`Tally::Scene`]: each
/// character and each pair counts the record once. A graph file
/// ([`network`]) is a list of nodes, then a list of edges, and the counts
/// are the file's: its reader hands over first one [`Tally::Node`] record
/// per node (so that characters keep the file's order, and a node without
/// edges still becomes a character), then one [`Tally::Edge`] record per
/// edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tally {
    /// One scene for each character and each pair.
    #[default]
    Scene,
    /// A graph file's node: its one character, with this many scenes. It
    /// adds no tie, and is not counted among the records read.
    Node(u64),
    /// A graph file's edge: the tie of its two characters gains this many
    /// shared scenes (and the record's weight); the characters' own counts
    /// come from their [`Tally::Node`] records.
    Edge(u64),
    /// An edge list's row with a `Scenes` column: one scene for each of its
    /// characters (as any row), and this many shared scenes for their tie.
    Row(u64),
}

impl Tally {
    /// What the record adds to each of its characters' scenes.
    pub fn character_scenes(self) -> u64 {
        match self {
            Tally::Scene | Tally::Row(_) => 1,
            Tally::Node(n) => n,
            Tally::Edge(_) => 0,
        }
    }

    /// What the record adds to the shared scenes of each of its pairs.
    pub fn pair_scenes(self) -> u64 {
        match self {
            Tally::Scene => 1,
            Tally::Node(_) => 0,
            Tally::Edge(n) | Tally::Row(n) => n,
        }
    }

    /// True for a record counted among those read (all but nodes).
    pub fn is_record(self) -> bool {
        !matches!(self, Tally::Node(_))
    }
}

/// How Knuth's `.dat` books are cut into scenes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SgbScene {
    /// One scene per `;`-separated encounter group (reproduces Newman's Les Misérables network).
    #[default]
    Group,
    /// One scene per chapter: the union of its groups.
    Chapter,
}

impl SgbScene {
    /// `group` or `chapter`.
    pub fn name(self) -> &'static str {
        match self {
            SgbScene::Group => "group",
            SgbScene::Chapter => "chapter",
        }
    }

    /// The cutting with that [`name`](Self::name).
    pub fn from_name(name: &str) -> Option<SgbScene> {
        [SgbScene::Group, SgbScene::Chapter]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// What a reader needs to know besides the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Separator of the names in a wide CSV's `characters` field (default `;`).
    pub separator: char,
    /// Metadata columns the caller wants with every scene (for filters and
    /// weights); a reader refuses a column its file does not have.
    pub columns: Vec<String>,
    /// Scene cutting of `.dat` books.
    pub sgb_scene: SgbScene,
    /// Who counts as present in a scene, beyond its speakers (plays and scripts).
    pub presence: Presence,
    /// How characters are named (plays and scripts).
    pub names: NameStyle,
    /// Keep groups of characters (a play's `personGrp`) as characters.
    pub groups: bool,
    /// Prose: the cast, the window and the chapter pattern (read once per
    /// build, shared by every text).
    pub prose: Option<Arc<prose::Prose>>,
    /// Edge lists: the node table that labels their ids (see [`nodes`]).
    pub labels: Option<Arc<nodes::NodeTable>>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            separator: ';',
            columns: Vec::new(),
            sgb_scene: SgbScene::Group,
            presence: Presence::Speakers,
            names: NameStyle::AsWritten,
            groups: true,
            prose: None,
            labels: None,
        }
    }
}

/// Who is present in a scene of a play or a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Presence {
    /// Those who speak in it (DraCor's rule for plays; a script's cues).
    #[default]
    Speakers,
    /// Plays: also those the TEI marks as silently present (`stage/@who`).
    Stage,
    /// Scripts: also speakers named in the scene's action lines.
    Action,
}

impl Presence {
    /// `speakers`, `stage` or `action`.
    pub fn name(self) -> &'static str {
        match self {
            Presence::Speakers => "speakers",
            Presence::Stage => "stage",
            Presence::Action => "action",
        }
    }

    /// The rule with that [`name`](Self::name).
    pub fn from_name(name: &str) -> Option<Presence> {
        [Presence::Speakers, Presence::Stage, Presence::Action]
            .into_iter()
            .find(|p| p.name() == name)
    }
}

/// How the characters of a play or a script are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NameStyle {
    /// As the file names them: a play's cast list (`persName`), a script's cues.
    #[default]
    AsWritten,
    /// Plays: the ids (`xml:id`) that `@who` points to.
    Id,
    /// Scripts: all-capital cues in title case (`CYBER BOB` → `Cyber Bob`).
    Title,
}

impl NameStyle {
    /// `as-written`, `id` or `title`.
    pub fn name(self) -> &'static str {
        match self {
            NameStyle::AsWritten => "as-written",
            NameStyle::Id => "id",
            NameStyle::Title => "title",
        }
    }

    /// The style with that [`name`](Self::name).
    pub fn from_name(name: &str) -> Option<NameStyle> {
        [NameStyle::AsWritten, NameStyle::Id, NameStyle::Title]
            .into_iter()
            .find(|p| p.name() == name)
    }
}

/// The format a file was read in, and how, for summaries and the saved graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadFormat {
    /// The format.
    pub format: InputFormat,
    /// An edge list with `Directed` rows, or a graph file with directed
    /// edges, which were read as undirected.
    pub directed_rows: bool,
    /// A graph file without every scene count: a tie without one counted
    /// each of its edges as one scene, a character without one the number
    /// of its edges (as an edge list's rows count).
    pub counted_edges: bool,
}

impl ReadFormat {
    /// A format read as it is.
    pub const fn plain(format: InputFormat) -> ReadFormat {
        ReadFormat {
            format,
            directed_rows: false,
            counted_edges: false,
        }
    }
}

impl ReadFormat {
    /// What the description adds to the format's: how directed records
    /// were read, and (graph files) where the scene counts came from.
    fn notes(&self) -> [&'static str; 2] {
        let directed = match (self.directed_rows, self.format.is_graph_file()) {
            (false, _) => "",
            (true, true) => "; directed edges read as undirected",
            (true, false) => "; Directed rows read as undirected",
        };
        let counts = match (self.format.is_graph_file(), self.counted_edges) {
            (false, _) => "",
            (true, false) => "; scene counts from the file",
            (true, true) => "; no scene counts: each edge counted as one scene",
        };
        [directed, counts]
    }
}

impl std::fmt::Display for ReadFormat {
    /// `wide CSV`; `edge list; Directed rows read as undirected`;
    /// `GraphML; scene counts from the file`; `node-link JSON; directed
    /// edges read as undirected; no scene counts: each edge counted as one scene`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.format.description())?;
        self.notes().iter().try_for_each(|n| f.write_str(n))
    }
}

impl PartialEq<&str> for ReadFormat {
    /// Compares the format's description (its `Display` text).
    fn eq(&self, other: &&str) -> bool {
        let mut rest = *other;
        for part in std::iter::once(self.format.description()).chain(self.notes()) {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        rest.is_empty()
    }
}

/// What was read from one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSummary {
    /// The format that was read.
    pub format: ReadFormat,
    /// Number of scenes (records: an edge list's rows, a graph file's edges) read.
    pub scenes: u64,
    /// The characters that are groups (a play's `personGrp`), as named in the scenes.
    pub groups: Vec<String>,
    /// What the reader wants the user to know (an opening scene before the
    /// first heading, names merged or possibly one character).
    pub notes: Vec<Message>,
}

impl ReadSummary {
    /// The summary of `scenes` scenes read in `format`, with no group and no note.
    pub fn new(format: ReadFormat, scenes: u64) -> ReadSummary {
        ReadSummary {
            format,
            scenes,
            groups: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// The error for a reading option given to a format it is not for:
/// `file: is a script, and --presence stage is for TEI plays (hint)`.
pub(crate) fn not_for_this_format(
    path: &Path,
    what: &str,
    setting: Setting,
    value: &str,
    meant_for: &str,
    hint: Message,
) -> Error {
    Error::data(
        path,
        None,
        msg![
            format!("is {what}, and "),
            Part::Value(setting, value.to_string()),
            format!(" is for {meant_for}")
        ],
    )
    .with_hint(hint)
}

/// Splits a `;`-separated list of names into `out`: names are trimmed, empty
/// parts dropped, and a name repeated in the list kept once (first position).
pub fn split_names<'a>(field: &'a str, separator: char, out: &mut Vec<&'a str>) {
    out.clear();
    let mut seen: Option<rustc_hash::FxHashSet<&'a str>> = None;
    for part in field.split(separator) {
        let name = part.trim();
        if !name.is_empty() && first_time(name, out, &mut seen) {
            out.push(name);
        }
    }
}

/// True when `name` is not in `list` yet: a linear scan for the usual small
/// scenes, a hash set (made on demand from the list) beyond
/// [`LINEAR_LIMIT`] names, so that a scene of 100,000 names is not quadratic.
pub(crate) fn first_time<'a>(
    name: &'a str,
    list: &[&'a str],
    seen: &mut Option<rustc_hash::FxHashSet<&'a str>>,
) -> bool {
    match seen {
        Some(set) => set.insert(name),
        None => {
            let new = !list.contains(&name);
            if new && list.len() >= LINEAR_LIMIT {
                *seen = Some(list.iter().copied().chain([name]).collect());
            }
            new
        }
    }
}

/// An owned list of distinct names, for readers that assemble a scene
/// line by line (same strategy as [`first_time`]).
#[derive(Debug, Default, Clone)]
pub(crate) struct UniqueNames {
    pub(crate) names: Vec<String>,
    set: Option<rustc_hash::FxHashSet<String>>,
}

impl UniqueNames {
    /// Adds `name` unless it is already there.
    pub(crate) fn push(&mut self, name: &str) {
        let new = match &mut self.set {
            Some(set) => set.insert(name.to_string()),
            None => {
                let new = !self.names.iter().any(|n| n == name);
                if new && self.names.len() >= LINEAR_LIMIT {
                    self.set = Some(self.names.iter().cloned().chain([name.to_string()]).collect());
                }
                new
            }
        };
        if new {
            self.names.push(name.to_string());
        }
    }

    /// Empties the list.
    pub(crate) fn clear(&mut self) {
        self.names.clear();
        self.set = None;
    }
}

/// Up to this many names, duplicate checks scan the list.
pub(crate) const LINEAR_LIMIT: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_trims_drops_empty_and_dedups() {
        let mut out = Vec::new();
        split_names(" Carly ;; Vanessa;Carly ; ", ';', &mut out);
        assert_eq!(out, ["Carly", "Vanessa"]);
        split_names("", ';', &mut out);
        assert!(out.is_empty());
    }
}
