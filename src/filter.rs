//! Choosing which scenes, characters and ties go into a graph.
//!
//! Scene filters (`--episodes`, `--where`) decide which scenes are counted at
//! all; graph filters (`--min-scenes`, `--min-weight`, `--drop-isolated`) are
//! applied to the built graph, in that order.

/// A set of episodes as written on the command line: `1-3,5,pilot`.
///
/// An item `a-b` (whole numbers) matches an episode whose value is a whole
/// number from `a` to `b`; any other item matches an episode whose value is
/// exactly that text (after trimming).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeSet {
    ranges: Vec<(i64, i64)>,
    exact: Vec<String>,
    text: String,
}

impl EpisodeSet {
    /// Parses `1-3,5,pilot`.
    pub fn parse(spec: &str) -> Result<EpisodeSet, String> {
        let mut set = EpisodeSet {
            ranges: Vec::new(),
            exact: Vec::new(),
            text: spec.trim().to_string(),
        };
        for item in spec.split(',').map(str::trim) {
            if item.is_empty() {
                return Err(format!("episode list `{spec}` has an empty item; write e.g. `1-3,5`"));
            }
            let range = item
                .split_once('-')
                .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)));
            match range {
                Some((a, b)) if a <= b => set.ranges.push((a, b)),
                Some((a, b)) => return Err(format!("episode range `{item}` is backwards; write `{b}-{a}`")),
                None => match item.parse::<i64>() {
                    Ok(n) => set.ranges.push((n, n)),
                    Err(_) => set.exact.push(item.to_string()),
                },
            }
        }
        Ok(set)
    }

    /// True when `episode` is in the set.
    pub fn contains(&self, episode: &str) -> bool {
        let episode = episode.trim();
        if let Ok(n) = episode.parse::<i64>()
            && self.ranges.iter().any(|&(a, b)| a <= n && n <= b)
        {
            return true;
        }
        self.exact.iter().any(|e| e == episode)
    }

    /// The set as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn episode_sets() {
        let s = EpisodeSet::parse("1-3, 5,pilot").unwrap();
        for yes in ["1", "2", " 3", "5", "pilot"] {
            assert!(s.contains(yes), "{yes}");
        }
        for no in ["4", "6", "0", "Pilot", "1-3", ""] {
            assert!(!s.contains(no), "{no}");
        }
        assert!(EpisodeSet::parse("3-1").is_err());
        assert!(EpisodeSet::parse("1,,2").is_err());
        assert!(EpisodeSet::parse("S01E14").unwrap().contains("S01E14"));
    }
}
