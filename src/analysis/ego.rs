//! `graph ego NAME`: a character's neighbourhood as a graph of its own.
//!
//! The ego graph of radius r is the character, everyone within r ties of
//! them, and every tie among those characters (not only the ties to the
//! centre): NetworkX's `nx.ego_graph(G, name, radius=r)`. It is a
//! [`CastGraph`] like any other, so every measure and every export works on
//! it; its provenance records the centre and radius, and its scene list
//! keeps the scenes with the characters kept.

use std::collections::VecDeque;

use crate::graph::{CastGraph, CharacterId, EgoCut};

/// The ego graph of `centre` with radius `radius` (in ties), and for each of
/// its characters (in its own id order) the number of ties from the centre.
pub fn ego_graph(graph: &CastGraph, centre: CharacterId, radius: usize) -> (CastGraph, Vec<usize>) {
    let hops = hops_from(graph, centre, radius);
    let mut ego = graph.filtered(|id, _| hops[id] != usize::MAX, |_| true);
    let mut provenance = ego.provenance().clone();
    provenance.ego = Some(EgoCut {
        centre: graph.character(centre).name.clone(),
        radius,
    });
    ego.set_provenance(provenance);
    let kept = hops.into_iter().filter(|&h| h != usize::MAX).collect();
    (ego, kept)
}

/// Ties from `centre` to each character, `usize::MAX` beyond `radius`.
pub fn hops_from(graph: &CastGraph, centre: CharacterId, radius: usize) -> Vec<usize> {
    let mut hops = vec![usize::MAX; graph.character_count()];
    hops[centre] = 0;
    let mut queue = VecDeque::from([centre]);
    while let Some(v) = queue.pop_front() {
        if hops[v] == radius {
            continue;
        }
        for (u, _) in graph.neighbours(v) {
            if hops[u] == usize::MAX {
                hops[u] = hops[v] + 1;
                queue.push_back(u);
            }
        }
    }
    hops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radius_counts_ties_and_keeps_ties_among_neighbours() {
        // A path A-B-C-D plus a tie B-E and E-C.
        let mut g = CastGraph::new();
        for s in [["A", "B"], ["B", "C"], ["C", "D"], ["B", "E"], ["E", "C"]] {
            g.add_characters(&s);
        }
        let b = g.id_of("B").unwrap();
        let (ego, hops) = ego_graph(&g, b, 1);
        let names: Vec<_> = ego.characters().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "C", "E"]);
        assert_eq!(hops, [1, 0, 1, 1]);
        // B-C, B-E and E-C: the tie between two neighbours stays.
        assert_eq!(ego.tie_count(), 4);
        let (ego0, _) = ego_graph(&g, b, 0);
        assert_eq!(ego0.character_count(), 1);
        let (ego2, _) = ego_graph(&g, b, 2);
        assert_eq!(ego2.character_count(), 5);
        let cut = ego2.provenance().ego.as_ref().unwrap();
        assert_eq!((cut.centre.as_str(), cut.radius), ("B", 2));
    }
}
