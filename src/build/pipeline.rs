//! The scene half of a build, shared by [`from_files`](super::from_files)
//! and the timeline: read every file, keep the scenes the scene filters
//! keep, turn names into character ids (normalised, aliases applied, each
//! once per scene) and give each scene its pair weight by the
//! [`WeightRule`].
//!
//! Edge lists may come with node tables ([`BuildOptions::nodes`], read once
//! by [`NodeTable`]) that label their ids; the ids of the tables that no
//! edge names are kept as characters without ties by the build
//! ([`ReadScenes::keep_table_nodes`]), not by the timeline.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::ahead::read_ahead;
use super::filter::keep_scene;
use super::options::{BuildOptions, BuildReport, DEFAULT_MAX_SCENE_SIZE, MAX_NAME_BYTES};
use crate::error::{Error, Result};
use crate::graph::{Character, GraphBuilder, Provenance, Source};
use crate::input::aliases::Aliases;
use crate::input::names;
use crate::input::nodes::NodeTable;
use crate::input::prose::{Cast, Prose};
use crate::input::weight::{NUMBER_HINT, WeightRule, parse_weight};
use crate::input::{InputFormat, ReadOptions, Scene, not_for_this_format};
use crate::util::progress::Progress;
use crate::util::wording::{Message, Part, Setting, msg};

/// One scene that passed the scene filters, as character ids (interned in
/// the caller's [`GraphBuilder`], each once) with its pair weight.
pub struct KeptScene<'s> {
    /// The scene as read.
    pub scene: &'s Scene<'s>,
    /// Its characters after names and aliases, each once.
    pub ids: &'s [u32],
    /// What each of its pairs adds to their tie.
    pub weight: f64,
    /// The values of the extra columns asked for (see [`ScenePipeline::with_columns`]).
    pub extra: &'s [Option<&'s str>],
    /// The position of the file in the list of paths.
    pub file: usize,
}

/// What a run of the pipeline leaves besides the scenes.
pub struct ReadScenes {
    /// One per file.
    pub sources: Vec<Source>,
    /// Warnings about the files (scenes listing nobody, self-loops).
    pub warnings: Vec<Message>,
    aliases: Option<Aliases>,
    /// The node tables of the edge lists, when there were any.
    table: Option<Arc<NodeTable>>,
}

impl ReadScenes {
    /// Adds the ids of the node tables that no edge named as characters
    /// without ties (0 scenes), in table order, as Gephi keeps them; a
    /// warning says how many.
    pub fn keep_table_nodes(&mut self, graph: &mut GraphBuilder) {
        let Some(table) = &self.table else { return };
        let mut added: Vec<String> = Vec::new();
        for label in table.names() {
            let name = names::normalise(label);
            if name.is_empty() || names::forbidden_char(&name).is_some() || name.len() > MAX_NAME_BYTES {
                continue;
            }
            let name = match self.aliases.as_mut().and_then(|a| a.resolve(&name, None)) {
                Some(target) => target.to_string(),
                None => name,
            };
            if !graph.has_name(&name) {
                graph.intern_name(&name);
                added.push(name);
            }
        }
        if let Some(first) = added.first() {
            let what = if added.len() == 1 {
                format!("1 character of the node table ('{first}') is")
            } else {
                format!(
                    "{} characters of the node table (the first: '{first}') are",
                    added.len()
                )
            };
            self.warnings.push(msg![
                format!("{what} in no edge: kept without ties and with 0 scenes ("),
                Setting::DropIsolated,
                " leaves them out)"
            ]);
        }
    }

    /// The build's report: the warnings so far, then the aliases never used
    /// and the names that may be one character spelt two ways (among `characters`).
    pub fn report(self, characters: &[Character]) -> BuildReport {
        let mut warnings = self.warnings;
        if let Some(a) = &self.aliases {
            warnings.extend(a.unused().into_iter().map(Message::from));
        }
        for group in names::possible_duplicates(characters.iter().map(|c| c.name.as_str())) {
            let listed: Vec<String> = group.iter().map(|n| format!("'{n}'")).collect();
            warnings.push(msg![
                format!("possible duplicates: {} (merge them with ", listed.join(" and ")),
                Setting::Aliases,
                " if they are one character)"
            ]);
        }
        BuildReport { warnings }
    }
}

/// The scene half of a build (see the module docs).
pub struct ScenePipeline<'o> {
    opts: &'o BuildOptions,
    /// Columns read for the filters and the weight, then the caller's.
    columns: Vec<String>,
    weight_column: Option<usize>,
    extra_start: usize,
}

impl<'o> ScenePipeline<'o> {
    /// The pipeline of a build with these options.
    pub fn new(opts: &'o BuildOptions) -> Self {
        let mut columns: Vec<String> = opts.filters.wheres.iter().map(|(c, _)| c.clone()).collect();
        let weight_column = match &opts.weight {
            WeightRule::Column(c) => {
                columns.push(c.clone());
                Some(columns.len() - 1)
            }
            _ => None,
        };
        let extra_start = columns.len();
        ScenePipeline {
            opts,
            columns,
            weight_column,
            extra_start,
        }
    }

    /// Also reads these columns, handed over as [`KeptScene::extra`].
    pub fn with_columns(mut self, extra: &[String]) -> Self {
        self.columns.truncate(self.extra_start);
        self.columns.extend(extra.iter().cloned());
        self
    }

    /// The record of the build's options that its graph keeps.
    pub fn provenance(&self) -> Provenance {
        self.opts.provenance()
    }

    /// Reads every file, handing each kept scene to `on_scene` with the
    /// builder its names were interned in.
    ///
    /// # Errors
    /// The first problem of any file: unreadable, malformed, a scene too
    /// large, a bad name or weight, an alias file that cannot be read.
    pub fn run(
        &self,
        paths: &[PathBuf],
        progress: &dyn Progress,
        graph: &mut GraphBuilder,
        mut on_scene: impl FnMut(&mut GraphBuilder, KeptScene<'_>),
    ) -> Result<ReadScenes> {
        check_distinct(paths)?;
        let mut aliases = match &self.opts.aliases {
            Some(p) => Some(Aliases::read(p)?),
            None => None,
        };
        // The cast file is read (and its matcher built) once for every text.
        let prose = match &self.opts.cast {
            Some(p) => Some(Arc::new(Prose::new(
                Cast::read(p)?,
                self.opts.window,
                self.opts.chapters.as_deref(),
            )?)),
            None => None,
        };
        let table = match self.opts.nodes.as_slice() {
            [] => None,
            files => Some(Arc::new(NodeTable::read(files)?)),
        };
        let read_opts = ReadOptions {
            separator: self.opts.separator.unwrap_or(';'),
            columns: self.columns.clone(),
            sgb_scene: self.opts.sgb_scene,
            presence: self.opts.presence,
            names: self.opts.names,
            groups: !self.opts.no_groups,
            prose,
            labels: table.clone(),
        };
        let mut state = State::default();
        let mut warnings: Vec<Message> = table.iter().flat_map(|t| t.notes().iter().cloned()).collect();
        let mut sources = Vec::new();
        for (file, path) in paths.iter().enumerate() {
            let format = match self.opts.format {
                Some(f) => f,
                None => InputFormat::detect_with_cast(path, self.opts.cast.is_some())?,
            };
            self.check_format(path, format)?;
            progress.start(&format!("reading {}", path.display()), None);
            let mut run = FileRun::new(path, format);
            let summary = read_ahead(format, path, &read_opts, |scene| {
                run.read += 1;
                if run.read.is_multiple_of(8192) {
                    progress.advance(8192);
                }
                if run.failure.is_some() || !keep_scene(&scene, &self.opts.filters) {
                    return;
                }
                match self.scene_ids(&scene, &mut run, &mut state, &mut aliases, graph) {
                    Ok(weight) => {
                        let record = scene.tally.is_record();
                        let kept = KeptScene {
                            scene: &scene,
                            ids: &state.ids,
                            weight,
                            extra: scene.columns.get(self.extra_start..).unwrap_or(&[]),
                            file,
                        };
                        on_scene(graph, kept);
                        run.kept += u64::from(record);
                    }
                    Err(e) => run.failure = Some(e),
                }
            })?;
            progress.finish();
            if let Some(e) = run.failure {
                return Err(e.in_rows_if(format.is_parquet(), path));
            }
            warnings.extend(run.warnings());
            warnings.extend(summary.notes.iter().cloned());
            for name in &summary.groups {
                graph.mark_group(&names::normalise(name));
            }
            sources.push(Source {
                path: path.display().to_string(),
                format: summary.format,
                scenes_read: summary.scenes,
                scenes: run.kept,
            });
        }
        if self.opts.cast.is_some() && !sources.iter().any(|s| s.format.format == InputFormat::Text) {
            warnings.push(msg![
                "the ",
                Setting::Cast,
                " file is read only for prose (.txt and .md files, or the text input format), and no file was read as prose"
            ]);
        }
        Ok(ReadScenes {
            sources,
            warnings,
            aliases,
            table,
        })
    }

    /// Refuses the options a file's format cannot honour: `newman` weights
    /// and episodes for the formats whose records are ties, node tables for
    /// anything but edge lists.
    fn check_format(&self, path: &Path, format: InputFormat) -> Result<()> {
        let (what, unit) = if format.is_graph_file() {
            (format!("a graph file ({})", format.description()), "edges")
        } else {
            ("an edge list".to_string(), "rows")
        };
        if format.records_are_ties() && self.opts.weight == WeightRule::Newman {
            let newman = || Part::Value(Setting::Weight, "newman".to_string());
            let hint = if format.is_graph_file() {
                msg!["drop ", newman(), " to use the edges' weights"]
            } else {
                msg![
                    "drop ",
                    newman(),
                    " to use the Weight column, or choose a column with ",
                    Part::Value(Setting::Weight, "column:NAME".to_string())
                ]
            };
            return Err(Error::data(
                path,
                None,
                msg![
                    format!("is {what}: its {unit} are ties with their own weights, and "),
                    newman(),
                    " needs scenes"
                ],
            )
            .with_hint(hint));
        }
        if format.is_graph_file() && self.opts.filters.episodes.is_some() {
            return Err(Error::data(
                path,
                None,
                msg![format!("is {what}: its edges have no episodes for "), Setting::Episodes],
            )
            .with_hint(msg![
                "drop ",
                Setting::Episodes,
                "; a graph file is one graph, to filter with ",
                Setting::MinScenes,
                ", ",
                Setting::MinWeight,
                " or ",
                Setting::DropIsolated
            ]));
        }
        if let Some(table) = self.opts.nodes.first()
            && !format.is_edge_list()
        {
            let article = if format
                .description()
                .starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U'])
            {
                "an"
            } else {
                "a"
            };
            return Err(not_for_this_format(
                path,
                &if format.is_graph_file() {
                    what
                } else {
                    format!("{article} {}", format.description())
                },
                Setting::Nodes,
                &table.display().to_string(),
                "edge lists (Source,Target)",
                msg![
                    "a node table labels the ids of an edge list; drop ",
                    Setting::Nodes,
                    " for this file"
                ],
            ));
        }
        Ok(())
    }

    /// Interns the characters of a scene that passed the scene filters into
    /// `state.ids` (each once) and returns its pair weight.
    fn scene_ids(
        &self,
        scene: &Scene<'_>,
        run: &mut FileRun<'_>,
        state: &mut State,
        aliases: &mut Option<Aliases>,
        graph: &mut GraphBuilder,
    ) -> Result<f64> {
        let path = run.path;
        let weight = match self.weight_column {
            Some(i) => pair_weight_from(path, scene, i, &self.opts.weight)?,
            None => scene.weight.unwrap_or(1.0),
        };
        let max_scene = self.opts.max_scene_size.unwrap_or(DEFAULT_MAX_SCENE_SIZE);
        if scene.characters.len() > max_scene {
            return Err(Error::data(
                path,
                Some(scene.line),
                format!(
                    "the scene lists {} characters, more than the limit of {max_scene}",
                    scene.characters.len()
                ),
            )
            .with_hint(msg![
                "check the separator, or raise the limit with ",
                Setting::MaxSceneSize
            ]));
        }
        state.scene_no += 1;
        state.ids.clear();
        for raw in scene.characters {
            let name = names::normalise_cow(raw);
            if let Some(bad) = names::forbidden_char(&name) {
                return Err(Error::data(
                    path,
                    Some(scene.line),
                    format!("the name {name:?} contains the control character U+{:04X}", bad as u32),
                )
                .with_hint("remove it: exports (XML, CSV, DOT) cannot carry control characters"));
            }
            if name.is_empty() {
                continue;
            }
            if name.len() > MAX_NAME_BYTES {
                return Err(Error::data(
                    path,
                    Some(scene.line),
                    format!(
                        "a name of {} bytes is longer than the limit of {MAX_NAME_BYTES}",
                        name.len()
                    ),
                )
                .with_hint("check the separator and the quoting: an unclosed quote swallows what follows"));
            }
            let id = match aliases.as_mut().and_then(|a| a.resolve(&name, scene.episode)) {
                Some(target) => graph.intern_name(target),
                None => graph.intern_name(&name),
            };
            state.add(id);
        }
        let weight = match self.opts.weight {
            WeightRule::Newman if state.ids.len() > 1 => 1.0 / (state.ids.len() - 1) as f64,
            _ => weight,
        };
        if state.ids.is_empty() {
            run.empty.note(scene.line);
        }
        if scene.weight.is_some() && state.ids.len() == 1 {
            run.loops.note(scene.line);
        }
        Ok(weight)
    }
}

/// The current scene's characters, across files.
#[derive(Default)]
struct State {
    ids: Vec<u32>,
    /// `stamp[id] == scene_no` marks a character already in the current scene.
    stamp: Vec<u64>,
    scene_no: u64,
}

impl State {
    fn add(&mut self, id: usize) {
        if id >= self.stamp.len() {
            self.stamp.resize(id + 1, 0);
        }
        if self.stamp[id] != self.scene_no {
            self.stamp[id] = self.scene_no;
            self.ids.push(id as u32);
        }
    }
}

/// How many records of a kind a file had, and the first one's line.
#[derive(Default)]
struct Tally {
    count: u64,
    first_line: u64,
}

impl Tally {
    fn note(&mut self, line: u64) {
        self.count += 1;
        if self.first_line == 0 {
            self.first_line = line;
        }
    }
}

/// Refuses a file given twice (the same path, or `-` twice): its scenes
/// would silently count twice, doubling every weight.
fn check_distinct(paths: &[PathBuf]) -> Result<()> {
    let mut seen: Vec<PathBuf> = Vec::with_capacity(paths.len());
    for path in paths {
        let key = if crate::util::stdin::is_stdin(path) {
            path.clone()
        } else {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())
        };
        if seen.contains(&key) {
            return Err(Error::data(path, None, "is given twice: its scenes would count twice")
                .with_hint("give each file once"));
        }
        seen.push(key);
    }
    Ok(())
}

/// The reading of one file.
struct FileRun<'p> {
    path: &'p Path,
    format: InputFormat,
    read: u64,
    kept: u64,
    failure: Option<Error>,
    /// Scenes that list nobody.
    empty: Tally,
    /// Edge rows that tie a character to itself.
    loops: Tally,
}

impl<'p> FileRun<'p> {
    fn new(path: &'p Path, format: InputFormat) -> Self {
        FileRun {
            path,
            format,
            read: 0,
            kept: 0,
            failure: None,
            empty: Tally::default(),
            loops: Tally::default(),
        }
    }

    fn warnings(&self) -> Vec<Message> {
        let mut out = Vec::new();
        let path = self.path.display();
        let word = self.format.numbering().word();
        if self.empty.count > 0 {
            out.push(Message::from(format!(
                "{path}: {} nobody (the first on {word} {}); they count as scenes but add no character",
                if self.empty.count == 1 {
                    "1 scene lists".to_string()
                } else {
                    format!("{} scenes list", self.empty.count)
                },
                self.empty.first_line
            )));
        }
        if self.loops.count > 0 {
            let (unit, effect) = if self.format.is_graph_file() {
                ("edge", "they add no tie")
            } else {
                ("row", "they count for the character but add no tie")
            };
            out.push(Message::from(format!(
                "{path}: {} a character to itself (the first on {word} {}); {effect}",
                if self.loops.count == 1 {
                    format!("1 {unit} ties")
                } else {
                    format!("{} {unit}s tie", self.loops.count)
                },
                self.loops.first_line
            )));
        }
        out
    }
}

/// A scene's pair weight from its weight column.
fn pair_weight_from(path: &Path, scene: &Scene<'_>, index: usize, rule: &WeightRule) -> Result<f64> {
    let WeightRule::Column(name) = rule else { return Ok(1.0) };
    let raw = scene.columns.get(index).copied().flatten().unwrap_or("");
    parse_weight(
        path,
        scene.line,
        || (format!("weight column `{name}`"), "holds"),
        raw,
        NUMBER_HINT,
    )
}
