//! Sets of episodes (`1-3,5,pilot`): the episode filter of a build and the
//! scope of an alias both use them.

/// A set of episodes, written `1-3,5,pilot`.
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
