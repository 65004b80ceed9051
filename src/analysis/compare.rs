//! `graph compare A B`: what changed between two graphs (season 1 and
//! season 2, the book and the film...).
//!
//! Characters are matched by name (as stored: NFC, spaces collapsed). Each
//! is *kept* (in both), *new* (only in the second) or *gone* (only in the
//! first). For one measure, each graph ranks its own characters with the
//! shared ranking rules ([`crate::analysis::centrality::rank`]), and a kept
//! character's move is `rank before − rank after`: positive means they rose.
//! Names that appear on one side only but match a name of the other side
//! when case, accents and punctuation are ignored are reported, since they
//! are probably one character spelt two ways.

use std::collections::HashMap;

use crate::analysis::centrality::rank;
use crate::graph::CastGraph;
use crate::input::names;

/// A character's place in one of the two graphs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side {
    /// Scenes in that graph.
    pub scenes: u64,
    /// The measure's value in that graph.
    pub value: f64,
    /// 1-based rank in that graph (by the measure, ties broken by name).
    pub rank: usize,
}

/// Kept, new or gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// In both graphs.
    Kept,
    /// Only in the second graph.
    New,
    /// Only in the first graph.
    Gone,
}

impl Status {
    /// `kept`, `new` or `gone`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Kept => "kept",
            Status::New => "new",
            Status::Gone => "gone",
        }
    }
}

/// One character of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The character's name.
    pub name: String,
    /// Its place in the first graph.
    pub before: Option<Side>,
    /// Its place in the second graph.
    pub after: Option<Side>,
}

impl Row {
    /// Kept, new or gone.
    pub fn status(&self) -> Status {
        match (self.before, self.after) {
            (Some(_), Some(_)) => Status::Kept,
            (None, _) => Status::New,
            (_, None) => Status::Gone,
        }
    }

    /// Places gained (positive) or lost, for a kept character.
    pub fn moved(&self) -> Option<i64> {
        Some(self.before?.rank as i64 - self.after?.rank as i64)
    }
}

/// The comparison of two graphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Kept characters, biggest move first (then by rank after, then name);
    /// then new characters by rank after; then gone ones by rank before.
    pub rows: Vec<Row>,
    /// Groups of one-sided names that are probably one character.
    pub possible_renames: Vec<Vec<String>>,
}

/// Compares `before` and `after`, whose characters have the measure values
/// `before_values` and `after_values` (one per character, in id order).
pub fn compare(before: &CastGraph, before_values: &[f64], after: &CastGraph, after_values: &[f64]) -> Comparison {
    let sides = |g: &CastGraph, values: &[f64]| -> Vec<Side> {
        let mut out = vec![
            Side {
                scenes: 0,
                value: 0.0,
                rank: 0
            };
            g.character_count()
        ];
        for (r, id) in rank(g, values).into_iter().enumerate() {
            out[id] = Side {
                scenes: g.character(id).scenes,
                value: values[id],
                rank: r + 1,
            };
        }
        out
    };
    let (b_sides, a_sides) = (sides(before, before_values), sides(after, after_values));
    let mut rows: Vec<Row> = Vec::new();
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (id, c) in before.characters().enumerate() {
        position.insert(c.name.as_str(), rows.len());
        rows.push(Row {
            name: c.name.clone(),
            before: Some(b_sides[id]),
            after: None,
        });
    }
    for (id, c) in after.characters().enumerate() {
        match position.get(c.name.as_str()) {
            Some(&i) => rows[i].after = Some(a_sides[id]),
            None => rows.push(Row {
                name: c.name.clone(),
                before: None,
                after: Some(a_sides[id]),
            }),
        }
    }
    let group = |r: &Row| match r.status() {
        Status::Kept => 0,
        Status::New => 1,
        Status::Gone => 2,
    };
    rows.sort_by(|x, y| {
        group(x).cmp(&group(y)).then_with(|| match x.status() {
            Status::Kept => y
                .moved()
                .map(i64::abs)
                .cmp(&x.moved().map(i64::abs))
                .then_with(|| x.after.map(|s| s.rank).cmp(&y.after.map(|s| s.rank))),
            Status::New => x.after.map(|s| s.rank).cmp(&y.after.map(|s| s.rank)),
            Status::Gone => x.before.map(|s| s.rank).cmp(&y.before.map(|s| s.rank)),
        })
    });
    let one_sided: Vec<&str> = rows
        .iter()
        .filter(|r| r.status() != Status::Kept)
        .map(|r| r.name.as_str())
        .collect();
    let possible_renames = names::possible_duplicates(one_sided)
        .into_iter()
        .filter(|g| {
            // Only groups that span both sides.
            let sides: Vec<Status> = g
                .iter()
                .filter_map(|n| rows.iter().find(|r| r.name == *n).map(Row::status))
                .collect();
            sides.contains(&Status::New) && sides.contains(&Status::Gone)
        })
        .map(|g| g.into_iter().map(str::to_string).collect())
        .collect();
    Comparison { rows, possible_renames }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(scenes: &[&[&str]]) -> CastGraph {
        CastGraph::from_scenes(scenes.iter().copied())
    }

    #[test]
    fn kept_new_gone_and_moves() {
        let s1 = graph(&[&["Carly", "Vanessa"], &["Carly", "Julie"], &["Zoë", "Carly"]]);
        let s2 = graph(&[
            &["Julie", "Vanessa"],
            &["Julie", "Carly"],
            &["Julie", "Miles"],
            &["ZOE"],
        ]);
        let strength = |g: &CastGraph| -> Vec<f64> {
            let mut v = vec![0.0; g.character_count()];
            for (a, b, t) in g.ties() {
                v[a] += t.weight;
                v[b] += t.weight;
            }
            v
        };
        let c = compare(&s1, &strength(&s1), &s2, &strength(&s2));
        let summary: Vec<(&str, &str, Option<i64>)> = c
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.status().name(), r.moved()))
            .collect();
        // s1 ranks: Carly 1, Julie 2, Vanessa 3, Zoë 4 (ties by name).
        // s2 ranks: Julie 1, Carly 2, Miles 3, Vanessa 4, ZOE 5.
        assert_eq!(
            summary,
            [
                ("Julie", "kept", Some(1)),
                ("Carly", "kept", Some(-1)),
                ("Vanessa", "kept", Some(-1)),
                ("Miles", "new", None),
                ("ZOE", "new", None),
                ("Zoë", "gone", None),
            ]
        );
        assert_eq!(c.possible_renames, [vec!["ZOE".to_string(), "Zoë".to_string()]]);
    }
}
