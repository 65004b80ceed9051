//! Choosing which scenes, characters and ties go into a graph.
//!
//! Scene filters (`--episodes`, `--where`) decide which scenes are counted at
//! all; graph filters (`--min-scenes`, `--min-weight`, `--drop-isolated`) are
//! applied to the built graph, in that order.

use crate::input::EpisodeSet;

/// All filters of a build.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Keep only scenes of these episodes (`--episodes`).
    pub episodes: Option<EpisodeSet>,
    /// Keep only scenes whose column equals the value (`--where COLUMN=VALUE`, all must hold).
    pub wheres: Vec<(String, String)>,
    /// Drop characters in fewer scenes, with their ties (`--min-scenes`).
    pub min_scenes: u64,
    /// Drop ties of smaller weight (`--min-weight`).
    pub min_weight: f64,
    /// Drop characters left without ties (`--drop-isolated`).
    pub drop_isolated: bool,
}

impl Filters {
    /// The filters as command-line options, for the record in the graph file.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(e) = &self.episodes {
            out.push(format!("--episodes {}", e.as_str()));
        }
        for (c, v) in &self.wheres {
            out.push(format!("--where {c}={v}"));
        }
        if self.min_scenes > 0 {
            out.push(format!("--min-scenes {}", self.min_scenes));
        }
        if self.min_weight > 0.0 {
            out.push(format!("--min-weight {}", self.min_weight));
        }
        if self.drop_isolated {
            out.push("--drop-isolated".to_string());
        }
        out
    }
}
