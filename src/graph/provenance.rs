//! How a graph was made: the weighting rule, the reading options and the
//! filters, as typed values, so that later commands, exports and the saved
//! file can say how a figure came about without re-parsing text.

use crate::input::prose::Window;
use crate::input::weight::WeightRule;
use crate::input::{EpisodeSet, InputFormat, NameStyle, Presence, SgbScene};
use crate::util::wording::{Setting, Wording};

/// The filters of a build: which scenes are counted and which characters
/// and ties are kept.
///
/// Scene filters (`episodes`, `wheres`) decide which scenes are counted at
/// all; graph filters (`min_scenes`, `min_weight`, `drop_isolated`) apply to
/// the built graph, in that order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Keep only scenes of these episodes.
    pub episodes: Option<EpisodeSet>,
    /// Keep only scenes whose column equals the value (all must hold).
    pub wheres: Vec<(String, String)>,
    /// Drop characters in fewer scenes, with their ties.
    pub min_scenes: u64,
    /// Drop ties of smaller weight.
    pub min_weight: f64,
    /// Drop characters left without ties.
    pub drop_isolated: bool,
}

/// The ego graph a graph was cut to: its centre and radius.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EgoCut {
    /// The centre's name.
    pub centre: String,
    /// How many ties from the centre.
    pub radius: usize,
}

/// How a graph was made.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Provenance {
    /// What a shared scene added to a tie.
    pub weight: WeightRule,
    /// The format every file was read in, when it was given rather than detected.
    pub input_format: Option<InputFormat>,
    /// The name separator of wide CSV files, when not `;`.
    pub separator: Option<char>,
    /// How `.dat` books were cut into scenes.
    pub sgb_scene: SgbScene,
    /// Plays and scripts: who counted as present beyond the speakers.
    pub presence: Presence,
    /// Plays and scripts: how characters were named.
    pub names: NameStyle,
    /// Plays: groups were left out.
    pub no_groups: bool,
    /// The alias file, as the user named it.
    pub aliases: Option<String>,
    /// Prose: the cast file, as the user named it.
    pub cast: Option<String>,
    /// Prose: which mentions shared a scene (meaningful with a cast file).
    pub window: Window,
    /// Prose: the pattern of chapter headings.
    pub chapters: Option<String>,
    /// The node tables that labelled edge lists, as the user named them.
    pub nodes: Vec<String>,
    /// The filters.
    pub filters: Filters,
    /// The ego graph the graph was cut to, if it was.
    pub ego: Option<EgoCut>,
}

impl Provenance {
    /// The settings that differ from the defaults, in a fixed order, each
    /// with its value (`None` for a switch), the weighting rule not included.
    pub fn settings(&self) -> Vec<(Setting, Option<String>)> {
        let mut out = Vec::new();
        if let Some(f) = self.input_format {
            out.push((Setting::InputFormat, Some(f.name().to_string())));
        }
        if let Some(s) = self.separator {
            out.push((Setting::Separator, Some(format!("'{s}'"))));
        }
        if self.sgb_scene == SgbScene::Chapter {
            out.push((Setting::SgbScene, Some("chapter".to_string())));
        }
        if self.presence != Presence::Speakers {
            out.push((Setting::Presence, Some(self.presence.name().to_string())));
        }
        if self.names != NameStyle::AsWritten {
            out.push((Setting::Names, Some(self.names.name().to_string())));
        }
        if self.no_groups {
            out.push((Setting::NoGroups, None));
        }
        if let Some(a) = &self.aliases {
            out.push((Setting::Aliases, Some(a.clone())));
        }
        if let Some(c) = &self.cast {
            out.push((Setting::Cast, Some(c.clone())));
            if self.window != Window::Paragraph {
                out.push((Setting::Window, Some(self.window.spec())));
            }
            if let Some(p) = &self.chapters {
                out.push((Setting::Chapters, Some(format!("{p:?}"))));
            }
        }
        for n in &self.nodes {
            out.push((Setting::Nodes, Some(n.clone())));
        }
        let f = &self.filters;
        if let Some(e) = &f.episodes {
            out.push((Setting::Episodes, Some(e.as_str().to_string())));
        }
        for (c, v) in &f.wheres {
            out.push((Setting::Where, Some(format!("{c}={v}"))));
        }
        if f.min_scenes > 0 {
            out.push((Setting::MinScenes, Some(f.min_scenes.to_string())));
        }
        if f.min_weight > 0.0 {
            out.push((Setting::MinWeight, Some(f.min_weight.to_string())));
        }
        if f.drop_isolated {
            out.push((Setting::DropIsolated, None));
        }
        if let Some(ego) = &self.ego {
            out.push((Setting::Ego, Some(format!("{:?}", ego.centre))));
            out.push((Setting::Radius, Some(ego.radius.to_string())));
        }
        out
    }

    /// [`settings`](Self::settings) as text, each worded by `wording`.
    pub fn options(&self, wording: &dyn Wording) -> Vec<String> {
        self.settings()
            .into_iter()
            .map(|(s, v)| match v {
                Some(v) => wording.setting_value(s, &v),
                None => wording.setting(s),
            })
            .collect()
    }

    /// True when the graph was built with the default weighting and no option.
    pub fn is_default(&self) -> bool {
        self.weight == WeightRule::Scenes && self.settings().is_empty()
    }
}
