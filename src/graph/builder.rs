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

/// Names → ids, for the millions of lookups of a big build. A name of 1 to
/// [`INLINE`] bytes is its own key (its bytes, zero-padded, and its length
/// last: two words), kept in the slot beside its id, in a table of our own:
/// a lookup hashes the two words and compares them in place, one cache
/// miss where a `HashMap` takes two (its control bytes, then the entry).
/// Open addressing, linear probing, at most half full; an all-zero key marks
/// an empty slot (a name's key holds its length, at least 1). Longer names,
/// and the empty one, go to an ordinary map.
#[derive(Debug, Default)]
struct NameIndex {
    /// Empty, or a power of two of slots.
    slots: Vec<NameSlot>,
    short: usize,
    long: FxHashMap<Box<str>, u32>,
}

#[derive(Debug, Clone, Copy, Default)]
struct NameSlot {
    key: [u64; 2],
    id: u32,
}

/// The longest name kept inline in a [`NameIndex`].
const INLINE: usize = 15;

impl NameIndex {
    /// The inline key of a short name.
    fn key(name: &str) -> Option<[u64; 2]> {
        let b = name.as_bytes();
        (1..=INLINE).contains(&b.len()).then(|| {
            let mut key = [0u8; 16];
            key[..b.len()].copy_from_slice(b);
            key[15] = b.len() as u8;
            let (low, high) = key.split_at(8);
            [
                u64::from_le_bytes(low.try_into().unwrap_or_default()),
                u64::from_le_bytes(high.try_into().unwrap_or_default()),
            ]
        })
    }

    /// The slot where the search for `key` starts.
    fn home(&self, key: [u64; 2]) -> usize {
        let h = (key[0].wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ key[1]).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        (h >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// The slot holding `key`, or the empty one where it would go.
    fn find(&self, key: [u64; 2]) -> usize {
        let mask = self.slots.len() - 1;
        let mut pos = self.home(key);
        loop {
            let k = self.slots[pos].key;
            if k == key || k == [0, 0] {
                return pos;
            }
            pos = (pos + 1) & mask;
        }
    }

    fn get(&self, name: &str) -> Option<u32> {
        match Self::key(name) {
            Some(_) if self.slots.is_empty() => None,
            Some(k) => {
                let slot = self.slots[self.find(k)];
                (slot.key == k).then_some(slot.id)
            }
            None => self.long.get(name).copied(),
        }
    }

    /// Adds a name that is not in the index.
    fn insert(&mut self, name: &str, id: u32) {
        let Some(key) = Self::key(name) else {
            self.long.insert(name.into(), id);
            return;
        };
        if (self.short + 1) * 2 > self.slots.len() {
            let size = (self.slots.len() * 2).max(1024);
            let old = std::mem::replace(&mut self.slots, vec![NameSlot::default(); size]);
            for slot in old.into_iter().filter(|s| s.key != [0, 0]) {
                let pos = self.find(slot.key);
                self.slots[pos] = slot;
            }
        }
        let pos = self.find(key);
        self.slots[pos] = NameSlot { key, id };
        self.short += 1;
    }
}

/// Counts ties: each tie is accumulated in one place (its weight and shared
/// scenes), kept in the order of its first shared scene; a hash table finds
/// it from the pair.
///
/// The table is ours, not a `HashMap`: a big cast's ties outgrow the caches
/// (7.6 million ties take 440 MB), so nearly every count is two cache misses
/// (the table, then the tie), and a miss waits ~100 ns. Pairs are queued and
/// counted in runs; knowing each pair's home slot, the counter asks the
/// memory for the slot of the pair `2 × AHEAD` places further, and for the
/// tie of the pair `AHEAD` places further (its slot fetched by then),
/// while it counts this one, so the misses overlap instead of queueing (a
/// standard map does not tell where a key lives). Open addressing with
/// linear probing, a power-of-two size, at most 3/4 full; Fibonacci hashing
/// of the 64-bit pair key.
#[derive(Debug, Default)]
pub struct PairCounter {
    /// Empty, or a power of two of slots.
    slots: Vec<Slot>,
    /// The ties, in the order of their first shared scene.
    ties: Vec<Counted>,
    /// Pairs queued for the next run: key, weight, shared scenes.
    queue: Vec<(u64, f64, u32)>,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The pair's key ([`pair_key`]), or [`EMPTY`].
    key: u64,
    /// Its tie's place in `ties`.
    tie: u32,
}

#[derive(Debug, Clone, Copy)]
struct Counted {
    key: u64,
    weight: f64,
    scenes: u32,
}

/// The key of no pair (a pair joins two different characters).
const EMPTY: u64 = u64::MAX;
const EMPTY_SLOT: Slot = Slot { key: EMPTY, tie: 0 };
/// Pairs counted per run.
const RUN: usize = 4096;
/// How many pairs ahead a tie is fetched (its slot twice as far): enough
/// misses in flight to hide the memory's latency, few enough that what was
/// fetched stays in the cache.
const AHEAD: usize = 12;

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
                self.queue.push((pair_key(a as usize, b as usize), pair_weight, scenes));
                if self.queue.len() >= RUN {
                    self.count_queue();
                }
            }
        }
    }

    /// The slot a key's search starts at, in a table of `2^(64 - shift)` slots.
    fn home(key: u64, shift: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
    }

    /// `64 - log2(slots)`: the shift of [`home`](Self::home).
    fn shift(&self) -> u32 {
        64 - self.slots.len().trailing_zeros()
    }

    /// Counts the queued pairs, in order (so that first appearances keep their order).
    fn count_queue(&mut self) {
        // Room for every queued pair as a new tie: no growth during the run,
        // so what was fetched ahead stays where it was fetched.
        self.reserve(self.queue.len());
        let shift = self.shift();
        let mask = self.slots.len() - 1;
        let queue = std::mem::take(&mut self.queue);
        for (i, &(key, weight, scenes)) in queue.iter().enumerate() {
            if let Some(&(far, _, _)) = queue.get(i + 2 * AHEAD) {
                prefetch(&self.slots[Self::home(far, shift)]);
            }
            if let Some(&(near, _, _)) = queue.get(i + AHEAD) {
                let slot = self.slots[Self::home(near, shift)];
                if slot.key == near {
                    prefetch(&self.ties[slot.tie as usize]);
                }
            }
            let mut pos = Self::home(key, shift);
            loop {
                let slot = self.slots[pos];
                if slot.key == key {
                    let tie = &mut self.ties[slot.tie as usize];
                    tie.weight += weight;
                    tie.scenes = tie.scenes.saturating_add(scenes);
                    break;
                }
                if slot.key == EMPTY {
                    self.slots[pos] = Slot {
                        key,
                        tie: self.ties.len() as u32,
                    };
                    self.ties.push(Counted {
                        key,
                        // As the weight a map's new entry starts from (`0.0 + w`).
                        weight: 0.0 + weight,
                        scenes,
                    });
                    break;
                }
                pos = (pos + 1) & mask;
            }
        }
        self.queue = queue;
        self.queue.clear();
    }

    /// Grows the table (doubling) until `extra` more ties keep it at most 3/4 full.
    fn reserve(&mut self, extra: usize) {
        let needed = self.ties.len() + extra;
        let mut size = self.slots.len().max(1024);
        while needed * 4 > size * 3 {
            size *= 2;
        }
        if size == self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![EMPTY_SLOT; size]);
        let shift = self.shift();
        let mask = size - 1;
        for slot in old.into_iter().filter(|s| s.key != EMPTY) {
            let mut pos = Self::home(slot.key, shift);
            while self.slots[pos].key != EMPTY {
                pos = (pos + 1) & mask;
            }
            self.slots[pos] = slot;
        }
    }

    /// The ties counted, in the order of their first shared scene: the two
    /// characters (smaller id first) and the tie.
    fn into_ties(mut self) -> impl ExactSizeIterator<Item = (usize, usize, Tie)> {
        self.count_queue();
        // The table is dropped here, before the graph is built from the ties.
        self.ties.into_iter().map(|c| {
            (
                (c.key >> 32) as usize,
                (c.key & 0xFFFF_FFFF) as usize,
                Tie {
                    weight: c.weight,
                    scenes: u64::from(c.scenes),
                },
            )
        })
    }
}

/// Asks the memory for the cache line of `slot`, not waiting for it.
#[inline(always)]
fn prefetch<T>(slot: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault;
    // SSE, which it needs, is part of every x86-64 processor.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(slot).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = slot;
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
        let ties = counter.unwrap_or(self.counter).into_ties();
        let mut graph = CastGraph::from_parts(self.characters, ties, sources, provenance);
        graph.set_scene_list(self.scene_list);
        graph
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::rng::SplitMix64;

    /// The counter against a plain map, over enough ties to grow its table
    /// many times: the same ties, weights, counts and first-appearance order.
    #[test]
    fn counts_as_a_plain_map_does() {
        let mut rng = SplitMix64::new(7);
        let mut counter = PairCounter::default();
        let mut reference: std::collections::HashMap<(usize, usize), (f64, u64)> = Default::default();
        let mut order = Vec::new();
        for scene in 0..20_000u64 {
            let size = 1 + (rng.next_u64() % 7) as usize;
            let mut ids: Vec<u32> = Vec::new();
            while ids.len() < size {
                let id = (rng.next_u64() % 3_000) as u32;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            let weight = [1.0, 0.5, 0.0, 2.25][(scene % 4) as usize];
            let scenes = if scene % 1_000 == 999 { u64::MAX } else { 1 + scene % 3 };
            counter.add_counted(&ids, weight, scenes);
            for (i, &a) in ids.iter().enumerate() {
                for &b in &ids[i + 1..] {
                    let key = (a.min(b) as usize, a.max(b) as usize);
                    let tie = reference.entry(key).or_insert_with(|| {
                        order.push(key);
                        (0.0, 0)
                    });
                    tie.0 += weight;
                    tie.1 = (tie.1 + scenes.min(u64::from(u32::MAX))).min(u64::from(u32::MAX));
                }
            }
        }
        let ties: Vec<_> = counter.into_ties().collect();
        assert!(ties.len() > 50_000, "{} ties", ties.len());
        assert_eq!(ties.len(), order.len());
        for ((a, b, tie), key) in ties.iter().zip(&order) {
            assert_eq!((*a, *b), *key);
            let (weight, scenes) = reference[key];
            assert_eq!((tie.weight.to_bits(), tie.scenes), (weight.to_bits(), scenes));
        }
    }

    /// Names of every length, inline or not, and names that differ only by
    /// trailing bytes or length, each find their own id.
    #[test]
    fn names_find_their_ids() {
        let mut index = NameIndex::default();
        let mut names: Vec<String> = vec![String::new(), "a".into(), "a\u{0}".into(), "ab".into(), "Zoë".into()];
        for i in 0..5_000 {
            names.push(format!("{}{i}", "x".repeat(i % 24)));
        }
        for (id, name) in names.iter().enumerate() {
            assert_eq!(index.get(name), None, "{name:?}");
            index.insert(name, id as u32);
        }
        for (id, name) in names.iter().enumerate() {
            assert_eq!(index.get(name), Some(id as u32), "{name:?}");
        }
        assert_eq!(index.get("b"), None);
        assert_eq!(index.get(&"x".repeat(15)), None);
    }
}
