//! Counting pairs fast: the builder that [`crate::build`] streams scenes into.

use rustc_hash::FxHashMap;

use super::scene_list::{MAX_LISTED_APPEARANCES, SceneList};
use super::{CastGraph, Character, CharacterId, Provenance, Source, Tie, pair_key};

/// Builds a [`CastGraph`] from a stream of scenes as fast as it can.
///
/// Names are interned into ids here; ties are counted by a [`PairCounter`],
/// which [`build`](crate::build) runs on a second thread, fed with batches
/// of scenes as ids, so that reading and counting overlap.
#[derive(Debug, Default)]
pub struct GraphBuilder {
    characters: Vec<Character>,
    index: NameIndex,
    counter: PairCounter,
    /// The scenes so far; `None` once they pass [`MAX_LISTED_APPEARANCES`].
    scene_list: Option<SceneList>,
}

/// Names → ids, for the millions of lookups of a big build. A name of at
/// most [`INLINE`] bytes is its own key, stored in the table (its bytes and
/// its length in 16 bytes): a lookup hashes two words and compares them in
/// place, with no pointer to follow. Longer names go to an ordinary map.
#[derive(Debug, Default)]
struct NameIndex {
    short: FxHashMap<[u8; 16], u32>,
    long: FxHashMap<Box<str>, u32>,
}

/// The longest name kept inline in a [`NameIndex`].
const INLINE: usize = 15;

impl NameIndex {
    /// The inline key of a short name: its bytes, zero-padded, and its length last.
    fn key(name: &str) -> Option<[u8; 16]> {
        let b = name.as_bytes();
        (b.len() <= INLINE).then(|| {
            let mut key = [0u8; 16];
            key[..b.len()].copy_from_slice(b);
            key[15] = b.len() as u8;
            key
        })
    }

    fn get(&self, name: &str) -> Option<u32> {
        match Self::key(name) {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(name).copied(),
        }
    }

    fn insert(&mut self, name: &str, id: u32) {
        match Self::key(name) {
            Some(k) => self.short.insert(k, id),
            None => self.long.insert(name.into(), id),
        };
    }
}

/// Counts ties: each tie is accumulated in one hash-map slot (weight,
/// shared scenes and the position of its first shared scene), so counting a
/// pair costs one random memory access.
#[derive(Debug, Default)]
pub struct PairCounter {
    pairs: FxHashMap<u64, PendingTie>,
}

#[derive(Debug, Clone, Copy)]
struct PendingTie {
    weight: f64,
    scenes: u32,
    /// Order of first appearance.
    seq: u32,
}

impl PairCounter {
    /// Counts one scene's pairs: each gains one shared scene and `pair_weight`.
    pub fn add(&mut self, ids: &[u32], pair_weight: f64) {
        self.add_counted(ids, pair_weight, 1);
    }

    /// Counts one record's pairs: each gains `scenes` shared scenes (a graph
    /// file's edge carries its own count; a tie's count stops at
    /// `u32::MAX`) and `pair_weight`.
    pub fn add_counted(&mut self, ids: &[u32], pair_weight: f64, scenes: u64) {
        let scenes = u32::try_from(scenes).unwrap_or(u32::MAX);
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                let seq = self.pairs.len() as u32;
                let tie = self
                    .pairs
                    .entry(pair_key(a as usize, b as usize))
                    .or_insert(PendingTie {
                        weight: 0.0,
                        scenes: 0,
                        seq,
                    });
                tie.weight += pair_weight;
                tie.scenes = tie.scenes.saturating_add(scenes);
            }
        }
    }
}

impl GraphBuilder {
    /// An empty builder, which keeps a [`SceneList`].
    pub fn new() -> Self {
        GraphBuilder {
            scene_list: Some(SceneList::new()),
            ..Self::default()
        }
    }

    /// Lists a scene of one or more characters whose pairs each gained
    /// `weight` (see [`SceneList::push`]) until the list passes
    /// [`MAX_LISTED_APPEARANCES`]; then the whole list is dropped.
    pub fn list_scene(
        &mut self,
        source: usize,
        line: u64,
        episode: Option<&str>,
        scene: Option<&str>,
        cast: &[u32],
        weight: f64,
    ) {
        if cast.is_empty() {
            return;
        }
        if let Some(list) = &mut self.scene_list {
            if list.size() + 1 + cast.len() > MAX_LISTED_APPEARANCES {
                self.scene_list = None;
            } else {
                list.push(source, line, episode, scene, cast, weight);
            }
        }
    }

    /// The id of the character called `name`, adding it (with no scenes yet) if new.
    pub fn intern_name(&mut self, name: &str) -> CharacterId {
        if let Some(id) = self.index.get(name) {
            return id as usize;
        }
        let id = self.characters.len();
        self.characters.push(Character {
            name: name.to_string(),
            scenes: 0,
            group: false,
        });
        self.index.insert(name, id as u32);
        id
    }

    /// Marks the character called `name`, if there is one, as a group of
    /// characters (a play's chorus, "servants").
    pub fn mark_group(&mut self, name: &str) {
        if let Some(id) = self.index.get(name) {
            self.characters[id as usize].group = true;
        }
    }

    /// Counts one scene for each of its characters (not its pairs: see [`PairCounter`]).
    pub fn count_scene(&mut self, ids: &[u32]) {
        self.count_scenes(ids, 1);
    }

    /// Counts `scenes` scenes for each of the characters (a graph file's
    /// node carries its own count).
    pub fn count_scenes(&mut self, ids: &[u32], scenes: u64) {
        for &id in ids {
            let c = &mut self.characters[id as usize];
            c.scenes = c.scenes.saturating_add(scenes);
        }
    }

    /// True when a character is called `name`.
    pub fn has_name(&self, name: &str) -> bool {
        self.index.get(name).is_some()
    }

    /// Adds one scene given as distinct character ids; each pair's tie gains
    /// one shared scene and `pair_weight` (single-threaded use).
    pub fn add_scene_ids(&mut self, ids: &[u32], pair_weight: f64) {
        self.count_scene(ids);
        self.counter.add(ids, pair_weight);
    }

    /// The characters so far, in first-appearance order.
    pub fn characters(&self) -> &[Character] {
        &self.characters
    }

    /// The finished graph, with the ties of `counter` (`None`: the builder's own).
    pub fn finish(self, counter: Option<PairCounter>, sources: Vec<Source>, provenance: Provenance) -> CastGraph {
        let pairs = counter.unwrap_or(self.counter).pairs;
        // Each tie's `seq` is its position in first-appearance order (the
        // counter hands them out densely from 0): placed there directly, in
        // one pass, instead of sorting millions of ties.
        let mut ties: Vec<(usize, usize, Tie)> = vec![(0, 0, Tie { weight: 0.0, scenes: 0 }); pairs.len()];
        for (key, t) in pairs {
            ties[t.seq as usize] = (
                (key >> 32) as usize,
                (key & 0xFFFF_FFFF) as usize,
                Tie {
                    weight: t.weight,
                    scenes: u64::from(t.scenes),
                },
            );
        }
        let mut graph = CastGraph::from_parts(self.characters, ties, sources, provenance);
        graph.set_scene_list(self.scene_list);
        graph
    }
}
