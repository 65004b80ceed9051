//! Fuzz loading a saved graph: any bytes must load or give an error, never
//! a panic; a graph that loads must save and load back to the same graph
//! (size and scene list).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("castgraph-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("graph.json");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(g) = castgraph::graph::store::load(&path) {
        let again = dir.join("again.json");
        castgraph::graph::store::save(&g, &again).expect("a loaded graph saves");
        let h = castgraph::graph::store::load(&again).expect("a saved graph loads");
        assert_eq!(g.character_count(), h.character_count());
        assert_eq!(g.tie_count(), h.tie_count());
        assert_eq!(g.scene_list(), h.scene_list());
    }
});
