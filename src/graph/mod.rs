//! The cast graph: a weighted, undirected petgraph graph of characters.
//!
//! A node is a character, carrying the number of scenes they appear in; an
//! edge (a *tie*) joins two characters who share at least one scene, and its
//! weight is the number of scenes they share. Nodes are numbered in order of
//! first appearance and ties in order of their first shared scene, so every
//! output built from the same input is identical.
//!
//! Characters are addressed by [`CharacterId`] (their position in that order)
//! or by name; petgraph's index types are not part of the public API.

use rustc_hash::FxHashMap;

use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

pub mod builder;
pub mod csr;
pub mod lookup;
pub mod provenance;
pub mod scene_list;
pub mod store;

pub use builder::{GraphBuilder, PairCounter};
pub use provenance::{EgoCut, Filters, Provenance};
pub use scene_list::{MAX_LISTED_APPEARANCES, SceneList, SceneRef};

use crate::input::ReadFormat;

/// A character's position in first-appearance order (0-based).
pub type CharacterId = usize;

/// A node of the cast graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Character {
    /// The name as written in the input (trimmed).
    pub name: String,
    /// Number of scenes the character appears in.
    pub scenes: u64,
    /// A group of characters speaking or acting as one (a play's `personGrp`:
    /// a chorus, "servants"), not one person.
    pub group: bool,
}

/// An edge of the cast graph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tie {
    /// Strength of the tie: the number of shared scenes.
    pub weight: f64,
    /// Number of scenes the two characters share.
    pub scenes: u64,
}

/// One input file that went into a graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The path as the user gave it.
    pub path: String,
    /// The input format that was read.
    pub format: ReadFormat,
    /// Scenes read from this file.
    pub scenes_read: u64,
    /// Scenes of this file that went into the graph (those the filters kept).
    pub scenes: u64,
}

/// The character co-appearance graph.
#[derive(Debug, Clone, Default)]
pub struct CastGraph {
    graph: UnGraph<Character, Tie>,
    index: FxHashMap<Box<str>, NodeIndex>,
    /// Each tie's edge, keyed by its two node indices (smaller first, packed
    /// in a u64): petgraph's `find_edge` scans a whole adjacency list, too
    /// slow for big casts. Fx hashing: the keys are not attacker-chosen.
    pairs: FxHashMap<u64, EdgeIndex>,
    sources: Vec<Source>,
    provenance: Provenance,
    scene_list: Option<SceneList>,
}

impl CastGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// A graph of these scenes, each given as its list of distinct
    /// character names (weight 1 a shared scene), with no source file.
    ///
    /// ```
    /// let g = castgraph::CastGraph::from_scenes([&["Carly", "Vanessa"][..], &["Carly", "Sasha"]]);
    /// assert_eq!((g.character_count(), g.tie_count()), (3, 2));
    /// ```
    pub fn from_scenes<'a>(scenes: impl IntoIterator<Item = &'a [&'a str]>) -> Self {
        let mut g = CastGraph::new();
        for scene in scenes {
            g.add_characters(scene);
        }
        g
    }

    /// Adds one scene given as its list of distinct character names; each
    /// pair's tie gains one shared scene and a weight of 1.
    pub fn add_characters(&mut self, names: &[&str]) {
        self.add_weighted(names, 1.0);
    }

    /// Adds one scene given as its list of distinct character names; each
    /// pair's tie gains one shared scene and `pair_weight`.
    pub fn add_weighted(&mut self, names: &[&str], pair_weight: f64) {
        let ids: Vec<CharacterId> = names.iter().map(|n| self.intern_name(n)).collect();
        self.add_scene_ids(&ids, pair_weight);
    }

    /// The id of the character called `name`, adding the character (with no
    /// scenes yet) if it is new.
    pub fn intern_name(&mut self, name: &str) -> CharacterId {
        self.intern(name).index()
    }

    /// Adds one scene given as distinct character ids (from
    /// [`intern_name`](Self::intern_name)); each pair's tie gains one shared
    /// scene and `pair_weight`.
    pub fn add_scene_ids(&mut self, ids: &[CharacterId], pair_weight: f64) {
        for &id in ids {
            self.graph[NodeIndex::new(id)].scenes += 1;
        }
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                self.add_tie(NodeIndex::new(a), NodeIndex::new(b), pair_weight);
            }
        }
    }

    fn intern(&mut self, name: &str) -> NodeIndex {
        if let Some(&id) = self.index.get(name) {
            return id;
        }
        let id = self.graph.add_node(Character {
            name: name.to_string(),
            scenes: 0,
            group: false,
        });
        self.index.insert(name.into(), id);
        id
    }

    fn add_tie(&mut self, a: NodeIndex, b: NodeIndex, weight: f64) -> EdgeIndex {
        if self.pairs.len() != self.graph.edge_count() {
            // A graph made from parts has no pair index yet.
            self.pairs = self
                .graph
                .edge_indices()
                .map(|e| {
                    let (x, y) = self.graph.edge_endpoints(e).unwrap_or((a, b));
                    (pair_key(x.index(), y.index()), e)
                })
                .collect();
        }
        let key = pair_key(a.index(), b.index());
        match self.pairs.get(&key) {
            Some(&e) => {
                let tie = &mut self.graph[e];
                tie.weight += weight;
                tie.scenes += 1;
                e
            }
            None => {
                let e = self.graph.add_edge(a, b, Tie { weight, scenes: 1 });
                self.pairs.insert(key, e);
                e
            }
        }
    }

    /// Records how the graph was made.
    pub fn set_provenance(&mut self, provenance: Provenance) {
        self.provenance = provenance;
    }

    /// How the graph was made.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// The scenes the graph was built from, when they were kept: `None` for
    /// a graph built from more than [`MAX_LISTED_APPEARANCES`] appearances,
    /// or made with [`add_characters`](Self::add_characters) and friends.
    pub fn scene_list(&self) -> Option<&SceneList> {
        self.scene_list.as_ref()
    }

    /// A listed scene as people cite it: `S01E14, scene 2 (line 3)`, the
    /// file leading when the graph has several sources; names and labels
    /// are made printable (control characters shown escaped).
    pub fn scene_label(&self, s: &SceneRef<'_>) -> String {
        let mut out = String::new();
        if self.sources.len() > 1
            && let Some(src) = self.sources.get(s.source)
        {
            out.push_str(&src.path);
            out.push(' ');
        }
        match (s.episode, s.scene) {
            (Some(e), Some(sc)) => out.push_str(&format!("{e}, scene {sc} ")),
            (Some(e), None) => out.push_str(&format!("{e} ")),
            (None, Some(sc)) => out.push_str(&format!("scene {sc} ")),
            (None, None) => {}
        }
        out.push_str(&format!("(line {})", s.line));
        crate::input::names::printable(&out).into_owned()
    }

    /// Sets (or removes) the scene list. Its character ids and source
    /// positions must be this graph's.
    pub fn set_scene_list(&mut self, list: Option<SceneList>) {
        self.scene_list = list;
    }

    /// The listed scenes in which both `a` and `b` appear, in reading order
    /// (empty when the graph keeps no scene list).
    pub fn shared_scenes(&self, a: CharacterId, b: CharacterId) -> Vec<SceneRef<'_>> {
        let Some(list) = &self.scene_list else {
            return Vec::new();
        };
        let (a, b) = (a as u32, b as u32);
        list.iter()
            .filter(|s| s.cast.contains(&a) && s.cast.contains(&b))
            .collect()
    }

    /// A copy keeping only the characters for which `keep_character` is true
    /// and the ties between them for which `keep_tie` is true; order is preserved.
    pub fn filtered(
        &self,
        keep_character: impl Fn(CharacterId, &Character) -> bool,
        keep_tie: impl Fn(&Tie) -> bool,
    ) -> CastGraph {
        let mut new_id = vec![usize::MAX; self.character_count()];
        let mut characters = Vec::new();
        for (id, c) in self.characters().enumerate() {
            if keep_character(id, c) {
                new_id[id] = characters.len();
                characters.push(c.clone());
            }
        }
        let ties: Vec<_> = self
            .ties()
            .filter(|(a, b, t)| new_id[*a] != usize::MAX && new_id[*b] != usize::MAX && keep_tie(t))
            .map(|(a, b, t)| (new_id[a], new_id[b], *t))
            .collect();
        let mut out = CastGraph::from_parts(characters, ties, self.sources.clone(), self.provenance.clone());
        out.scene_list = self.scene_list.as_ref().map(|l| l.remap(&new_id));
        out
    }

    /// Number of ties of each character (its degree), by id.
    ///
    /// # Complexity
    /// O(n + m) time, O(n) space.
    pub fn degrees(&self) -> Vec<usize> {
        let mut out = vec![0; self.character_count()];
        for (a, b, _) in self.ties() {
            out[a] += 1;
            out[b] += 1;
        }
        out
    }

    /// Sum of the weights of each character's ties (its strength), by id.
    ///
    /// # Complexity
    /// O(n + m) time, O(n) space.
    pub fn strengths(&self) -> Vec<f64> {
        let mut out = vec![0.0; self.character_count()];
        for (a, b, t) in self.ties() {
            out[a] += t.weight;
            out[b] += t.weight;
        }
        out
    }

    /// Records that an input file was read into this graph.
    pub fn add_source(&mut self, source: Source) {
        self.sources.push(source);
    }

    /// Rebuilds a graph from its parts (used when loading a saved graph).
    /// Ties refer to characters by id; the caller has validated them.
    pub(crate) fn from_parts(
        characters: Vec<Character>,
        ties: impl IntoIterator<Item = (CharacterId, CharacterId, Tie)>,
        sources: Vec<Source>,
        provenance: Provenance,
    ) -> Self {
        let mut graph = UnGraph::with_capacity(characters.len(), 0);
        let mut index = FxHashMap::with_capacity_and_hasher(characters.len(), Default::default());
        for c in characters {
            index.insert(c.name.as_str().into(), graph.add_node(c));
        }
        let ties = ties.into_iter();
        graph.reserve_edges(ties.size_hint().0);
        for (a, b, tie) in ties {
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), tie);
        }
        // The pair index is built on the first tie added (see `add_tie`):
        // reading a saved graph to measure it never needs it.
        CastGraph {
            graph,
            index,
            pairs: FxHashMap::default(),
            sources,
            provenance,
            scene_list: None,
        }
    }

    /// Number of characters.
    pub fn character_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of ties (pairs who share at least one scene).
    pub fn tie_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The characters in first-appearance order.
    pub fn characters(&self) -> impl ExactSizeIterator<Item = &Character> + '_ {
        self.graph.raw_nodes().iter().map(|n| &n.weight)
    }

    /// One character.
    pub fn character(&self, id: CharacterId) -> &Character {
        &self.graph[NodeIndex::new(id)]
    }

    /// Looks a character up by exact name.
    pub fn id_of(&self, name: &str) -> Option<CharacterId> {
        self.index.get(name).map(|n| n.index())
    }

    /// The ties as `(a, b, tie)` with `a` the character who appeared first,
    /// in order of first shared scene.
    pub fn ties(&self) -> impl ExactSizeIterator<Item = (CharacterId, CharacterId, &Tie)> + '_ {
        self.graph.edge_references().map(|e| {
            let (a, b) = (e.source().index(), e.target().index());
            (a.min(b), a.max(b), e.weight())
        })
    }

    /// The neighbours of a character with the tie to each.
    pub fn neighbours(&self, id: CharacterId) -> impl Iterator<Item = (CharacterId, &Tie)> + '_ {
        self.graph.edges(NodeIndex::new(id)).map(move |e| {
            let other = if e.source().index() == id {
                e.target()
            } else {
                e.source()
            };
            (other.index(), e.weight())
        })
    }

    /// The input files this graph was built from.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// What a character's and a tie's `scenes` count, singular and plural:
    /// `("row", "rows")` when every source is an edge list (its records are
    /// interactions, not scenes), `("edge", "edges")` when every source is a
    /// graph file, else `("scene", "scenes")`.
    pub fn scene_unit(&self) -> (&'static str, &'static str) {
        if self.sources.is_empty() || !self.sources.iter().all(|s| s.format.format.records_are_ties()) {
            ("scene", "scenes")
        } else if self.sources.iter().all(|s| s.format.format.is_graph_file()) {
            ("edge", "edges")
        } else {
            ("row", "rows")
        }
    }

    /// True when some character is a group ([`Character::group`]).
    pub fn has_groups(&self) -> bool {
        self.characters().any(|c| c.group)
    }

    /// Total number of scenes that went into this graph (after filters).
    pub fn scene_count(&self) -> u64 {
        self.sources.iter().map(|s| s.scenes).sum()
    }

    /// Total weight of all ties.
    pub fn total_weight(&self) -> f64 {
        self.graph.edge_weights().map(|t| t.weight).sum()
    }

    /// The connected components: for each character the number of its
    /// component, components numbered in order of their first character.
    pub fn components(&self) -> Vec<usize> {
        let n = self.character_count();
        let mut uf = UnionFind::<usize>::new(n);
        for (a, b, _) in self.ties() {
            uf.union(a, b);
        }
        let mut number = vec![usize::MAX; n];
        let mut next = 0;
        let mut out = Vec::with_capacity(n);
        for id in 0..n {
            let root = uf.find(id);
            if number[root] == usize::MAX {
                number[root] = next;
                next += 1;
            }
            out.push(number[root]);
        }
        out
    }

    /// Number of connected components and the size of the largest.
    pub fn component_summary(&self) -> (usize, usize) {
        let comp = self.components();
        let count = comp.iter().max().map_or(0, |m| m + 1);
        let mut sizes = vec![0usize; count];
        for c in comp {
            sizes[c] += 1;
        }
        (count, sizes.into_iter().max().unwrap_or(0))
    }
}

/// The key of an unordered pair of node indices.
pub(crate) fn pair_key(a: usize, b: usize) -> u64 {
    ((a.min(b) as u64) << 32) | a.max(b) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_shared_scenes_in_first_appearance_order() {
        let mut g = CastGraph::new();
        g.add_characters(&["Carly", "Vanessa"]);
        g.add_characters(&["Vanessa", "Carly", "Sasha"]);
        g.add_characters(&["Julie"]);
        let names: Vec<_> = g.characters().map(|c| (c.name.as_str(), c.scenes)).collect();
        assert_eq!(names, [("Carly", 2), ("Vanessa", 2), ("Sasha", 1), ("Julie", 1)]);
        let ties: Vec<_> = g.ties().map(|(a, b, t)| (a, b, t.weight)).collect();
        assert_eq!(ties, [(0, 1, 2.0), (1, 2, 1.0), (0, 2, 1.0)]);
        assert_eq!(g.component_summary(), (2, 3));
        assert_eq!(g.components(), [0, 0, 0, 1]);
    }
}
