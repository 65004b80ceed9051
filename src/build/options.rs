//! Everything a build can be told, and what it reports back.

use std::path::PathBuf;

use crate::graph::{Filters, Provenance};
use crate::input::prose::Window;
use crate::input::weight::WeightRule;
use crate::input::{InputFormat, NameStyle, Presence, SgbScene};
use crate::util::wording::Message;

/// Everything a build can be told.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Read every file in this format instead of detecting it.
    pub format: Option<InputFormat>,
    /// Name separator of wide CSV files (default `;`).
    pub separator: Option<char>,
    /// Scene cutting of `.dat` books.
    pub sgb_scene: SgbScene,
    /// Plays and scripts: who counts as present beyond the speakers.
    pub presence: Presence,
    /// Plays and scripts: how characters are named.
    pub names: NameStyle,
    /// Plays: leave groups (`personGrp`) out.
    pub no_groups: bool,
    /// Alias file.
    pub aliases: Option<PathBuf>,
    /// Prose: the cast file (`name,aliases`); with it, `.txt` and `.md`
    /// files are read as prose (see [`crate::input::prose`]).
    pub cast: Option<PathBuf>,
    /// Prose: which mentions share a scene.
    pub window: Window,
    /// Prose: the pattern of chapter headings (a regular expression matched per line).
    pub chapters: Option<String>,
    /// Node tables (`Id,Label`) that label the ids of edge lists, read as
    /// one (see [`crate::input::nodes`]); refused for other formats.
    pub nodes: Vec<PathBuf>,
    /// Scene and graph filters.
    pub filters: Filters,
    /// Weighting rule.
    pub weight: WeightRule,
    /// Refuse a scene with more characters than this (its pairs grow with
    /// the square: 100,000 characters would be 5 billion pairs); `None`
    /// for [`DEFAULT_MAX_SCENE_SIZE`].
    pub max_scene_size: Option<usize>,
}

impl BuildOptions {
    /// The record of these options that the built graph keeps.
    pub fn provenance(&self) -> Provenance {
        Provenance {
            weight: self.weight.clone(),
            input_format: self.format,
            separator: self.separator,
            sgb_scene: self.sgb_scene,
            presence: self.presence,
            names: self.names,
            no_groups: self.no_groups,
            aliases: self.aliases.as_ref().map(|a| a.display().to_string()),
            cast: self.cast.as_ref().map(|c| c.display().to_string()),
            window: self.window,
            chapters: self.chapters.clone(),
            nodes: self.nodes.iter().map(|n| n.display().to_string()).collect(),
            filters: self.filters.clone(),
            ego: None,
        }
    }
}

/// The longest name a build accepts, in bytes: a longer one is almost
/// always a separator or quoting mistake.
pub const MAX_NAME_BYTES: usize = 1000;

/// The largest scene a build accepts by default: 10,000 characters,
/// about 50 million pairs.
pub const DEFAULT_MAX_SCENE_SIZE: usize = 10_000;

/// What a build did, for the summary.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Things the user should look at: unused aliases, possible duplicate
    /// names, scenes listing nobody.
    pub warnings: Vec<Message>,
}
