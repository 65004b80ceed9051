//! Choosing which scenes, characters and ties go into a graph.
//!
//! Scene filters ([`Filters::episodes`], [`Filters::wheres`]) decide which
//! scenes are counted at all; graph filters ([`Filters::min_scenes`],
//! [`Filters::min_weight`], [`Filters::drop_isolated`]) apply to the built
//! graph, in that order.

pub use crate::graph::Filters;

use crate::graph::CastGraph;
use crate::input::Scene;

/// True when `scene` passes the scene filters. `scene.columns` must start
/// with the values of the [`Filters::wheres`] columns, in their order.
pub fn keep_scene(scene: &Scene<'_>, filters: &Filters) -> bool {
    if let Some(set) = &filters.episodes
        && !scene.episode.is_some_and(|e| set.contains(e))
    {
        return false;
    }
    filters
        .wheres
        .iter()
        .enumerate()
        .all(|(i, (_, want))| scene.columns.get(i).copied().flatten() == Some(want.as_str()))
}

/// The graph filters: ties of weight 0 (pairs who share only scenes of
/// weight 0) are dropped, then [`Filters::min_scenes`],
/// [`Filters::min_weight`] and [`Filters::drop_isolated`], in that order.
///
/// # Complexity
/// O(n + m) per filter that applies.
pub fn apply_graph_filters(mut graph: CastGraph, filters: &Filters) -> CastGraph {
    if graph.ties().any(|(_, _, t)| t.weight == 0.0) {
        graph = graph.filtered(|_, _| true, |t| t.weight > 0.0);
    }
    if filters.min_scenes > 0 {
        graph = graph.filtered(|_, c| c.scenes >= filters.min_scenes, |_| true);
    }
    if filters.min_weight > 0.0 {
        graph = graph.filtered(|_, _| true, |t| t.weight >= filters.min_weight);
    }
    if filters.drop_isolated {
        let degrees = graph.degrees();
        graph = graph.filtered(|id, _| degrees[id] > 0, |_| true);
    }
    graph
}
