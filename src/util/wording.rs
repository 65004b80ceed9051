//! Words for people that may name a setting: errors, hints, warnings and
//! captions, worded by whoever shows them.
//!
//! The library does not know how its settings are spelt where a person set
//! them: the `graph` binary spells [`Setting::MaxSceneSize`] `--max-scene-size`,
//! a Python binding `max_scene_size=`, and a Rust caller reads the field
//! `max_scene_size` of an options struct. So a [`Message`] keeps the settings
//! it names as [`Setting`] values and is turned into text by a [`Wording`]:
//! [`Plain`], the library's own, names them by their identifier
//! (`` `max_scene_size` ``); the binary brings its own. `Display` uses [`Plain`].

use std::borrow::Cow;
use std::fmt;

/// A setting of the library that a message can point a person to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    /// The input format, instead of detecting it.
    InputFormat,
    /// The name separator of wide CSV files.
    Separator,
    /// How Stanford GraphBase books are cut into scenes.
    SgbScene,
    /// Who counts as present in a play's or a script's scene.
    Presence,
    /// How a play's or a script's characters are named.
    Names,
    /// Leaving a play's groups out.
    NoGroups,
    /// Every tie counting 1 for every measure.
    Unweighted,
    /// Betweenness as raw path counts.
    Raw,
    /// Over what eigenvector centrality is measured.
    EigenvectorScope,
    /// The alias file.
    Aliases,
    /// The episode filter.
    Episodes,
    /// A column filter (`COLUMN=VALUE`).
    Where,
    /// The fewest scenes a character needs to stay.
    MinScenes,
    /// The lightest tie that stays.
    MinWeight,
    /// Dropping characters without ties.
    DropIsolated,
    /// The weighting rule.
    Weight,
    /// The largest scene accepted.
    MaxSceneSize,
    /// The tie length of path measures.
    Distance,
    /// The number of pivots of sampled path measures.
    Sample,
    /// Exact path measures where a view would sample them.
    Exact,
    /// The community resolution.
    Resolution,
    /// The number of community-detection runs.
    Restarts,
    /// The centre of an ego graph.
    Ego,
    /// The radius of an ego graph.
    Radius,
    /// What the groups of a timeline are.
    By,
    /// The saved graph to read.
    Graph,
    /// Prose: the cast file of the characters to find.
    Cast,
    /// Prose: which mentions share a scene.
    Window,
    /// Prose: the pattern of chapter headings.
    Chapters,
    /// The node tables of edge lists.
    Nodes,
}

impl Setting {
    /// Every setting.
    pub const ALL: [Setting; 30] = [
        Setting::InputFormat,
        Setting::Separator,
        Setting::SgbScene,
        Setting::Presence,
        Setting::Names,
        Setting::NoGroups,
        Setting::Unweighted,
        Setting::Raw,
        Setting::EigenvectorScope,
        Setting::Aliases,
        Setting::Episodes,
        Setting::Where,
        Setting::MinScenes,
        Setting::MinWeight,
        Setting::DropIsolated,
        Setting::Weight,
        Setting::MaxSceneSize,
        Setting::Distance,
        Setting::Sample,
        Setting::Exact,
        Setting::Resolution,
        Setting::Restarts,
        Setting::Ego,
        Setting::Radius,
        Setting::By,
        Setting::Graph,
        Setting::Cast,
        Setting::Window,
        Setting::Chapters,
        Setting::Nodes,
    ];

    /// The setting's identifier, in snake case: `max_scene_size`.
    pub fn key(self) -> &'static str {
        match self {
            Setting::InputFormat => "input_format",
            Setting::Separator => "separator",
            Setting::SgbScene => "sgb_scene",
            Setting::Presence => "presence",
            Setting::Names => "names",
            Setting::NoGroups => "no_groups",
            Setting::Unweighted => "unweighted",
            Setting::Raw => "raw",
            Setting::EigenvectorScope => "eigenvector_scope",
            Setting::Aliases => "aliases",
            Setting::Episodes => "episodes",
            Setting::Where => "where",
            Setting::MinScenes => "min_scenes",
            Setting::MinWeight => "min_weight",
            Setting::DropIsolated => "drop_isolated",
            Setting::Weight => "weight",
            Setting::MaxSceneSize => "max_scene_size",
            Setting::Distance => "distance",
            Setting::Sample => "sample",
            Setting::Exact => "exact",
            Setting::Resolution => "resolution",
            Setting::Restarts => "restarts",
            Setting::Ego => "ego",
            Setting::Radius => "radius",
            Setting::By => "by",
            Setting::Graph => "graph",
            Setting::Cast => "cast",
            Setting::Window => "window",
            Setting::Chapters => "chapters",
            Setting::Nodes => "nodes",
        }
    }
}

/// Something a message can tell a person to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Build a graph from scene files (and save it).
    Build,
    /// List every character of a graph.
    ListCharacters,
}

/// How settings and actions are named in text for people.
pub trait Wording: Sync + fmt::Debug {
    /// A setting by itself: `` `max_scene_size` `` ([`Plain`]), `--max-scene-size` (the binary).
    fn setting(&self, setting: Setting) -> String {
        format!("`{}`", setting.key())
    }

    /// A setting with a value: `` `weight = newman` `` ([`Plain`]), `--weight newman` (the binary).
    fn setting_value(&self, setting: Setting, value: &str) -> String {
        format!("`{} = {value}`", setting.key())
    }

    /// An action: `` `castgraph::build::from_files` `` ([`Plain`]), `` `graph build FILE.csv` `` (the binary).
    fn action(&self, action: Action) -> String {
        match action {
            Action::Build => "`castgraph::build::from_files`".to_string(),
            Action::ListCharacters => "`CastGraph::characters`".to_string(),
        }
    }
}

/// The library's own wording: settings by their identifiers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Plain;

impl Wording for Plain {}

/// One piece of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text as it is.
    Text(Cow<'static, str>),
    /// A setting by itself.
    Setting(Setting),
    /// A setting with a value.
    Value(Setting, String),
    /// An action.
    Action(Action),
}

impl From<&'static str> for Part {
    fn from(s: &'static str) -> Self {
        Part::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Part {
    fn from(s: String) -> Self {
        Part::Text(Cow::Owned(s))
    }
}

impl From<Setting> for Part {
    fn from(s: Setting) -> Self {
        Part::Setting(s)
    }
}

impl From<Action> for Part {
    fn from(a: Action) -> Self {
        Part::Action(a)
    }
}

/// Text for a person that may name settings and actions; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Message(Vec<Part>);

/// A [`Message`] from its parts: `msg!["raise the limit with ", Setting::MaxSceneSize]`.
macro_rules! msg {
    ($($part:expr),* $(,)?) => {
        $crate::util::wording::Message::from_parts(vec![$($crate::util::wording::Part::from($part)),*])
    };
}
pub(crate) use msg;

impl Message {
    /// A message from its parts (the crate builds them with a `msg!` macro).
    pub fn from_parts(parts: Vec<Part>) -> Message {
        Message(parts)
    }

    /// This message followed by `more`.
    pub fn then(mut self, more: Message) -> Message {
        self.0.extend(more.0);
        self
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[Part] {
        &self.0
    }

    /// The message as text, with settings and actions named by `wording`.
    pub fn render(&self, wording: &dyn Wording) -> String {
        let mut out = String::new();
        for part in &self.0 {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Setting(s) => out.push_str(&wording.setting(*s)),
                Part::Value(s, v) => out.push_str(&wording.setting_value(*s, v)),
                Part::Action(a) => out.push_str(&wording.action(*a)),
            }
        }
        out
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&Plain))
    }
}

impl From<&'static str> for Message {
    fn from(s: &'static str) -> Self {
        Message(vec![s.into()])
    }
}

impl From<String> for Message {
    fn from(s: String) -> Self {
        Message(vec![s.into()])
    }
}

/// A value that is none of the choices, for a person: `` unknown measure `betweeness` (did you
/// mean `betweenness`?; choose one of: ...) ``, the nearest choice suggested when the typo is small.
/// The command line and the Python package word a bad choice this one way.
pub fn unknown_choice(what: &str, given: &str, choices: &[&str]) -> String {
    let typed = given.trim().to_lowercase();
    let near = choices
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&typed, c), *c))
        .filter(|&(d, c)| d <= (c.len() / 3).clamp(1, 3) || (typed.len() >= 3 && c.starts_with(&typed)))
        .min();
    let hint = near.map(|(_, c)| format!("did you mean `{c}`?; ")).unwrap_or_default();
    format!("unknown {what} `{given}` ({hint}choose one of: {})", choices.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Flags;
    impl Wording for Flags {
        fn setting(&self, s: Setting) -> String {
            format!("--{}", s.key().replace('_', "-"))
        }
        fn setting_value(&self, s: Setting, v: &str) -> String {
            format!("{} {v}", self.setting(s))
        }
    }

    #[test]
    fn settings_are_worded_by_the_reader() {
        let m = msg![
            "raise the limit with ",
            Setting::MaxSceneSize,
            " or drop ",
            Part::Value(Setting::Weight, "newman".into())
        ];
        assert_eq!(
            m.to_string(),
            "raise the limit with `max_scene_size` or drop `weight = newman`"
        );
        assert_eq!(
            m.render(&Flags),
            "raise the limit with --max-scene-size or drop --weight newman"
        );
    }
}
