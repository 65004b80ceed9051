//! The scenes behind a graph's ties, so that answers can cite them.

/// The most a [`SceneList`] holds, counting each listed scene and each of
/// its characters as one; a graph built from more keeps none (see
/// [`CastGraph::scene_list`](super::CastGraph::scene_list)). Two million covers every real story by far
/// (all of Game of Thrones is under 50,000) and bounds what a graph file of
/// millions of scenes carries.
pub const MAX_LISTED_APPEARANCES: usize = 2_000_000;

/// The scenes a graph was built from, so that answers can cite them (`graph
/// path` shows the scenes behind each step) and the graph can be cut
/// episode by episode again (`graph timeline` on a saved graph): for each
/// scene that went into the graph, where it was read, its episode and scene
/// labels, its cast as character ids and the weight each of its pairs
/// gained. Scenes of one character are listed too (they make no tie, but
/// count for the character). Stored as columns, the labels in one text
/// buffer: a few allocations in all, not a few per scene.
#[derive(Debug, Clone, Default)]
pub struct SceneList {
    source: Vec<u32>,
    line: Vec<u64>,
    episode: Labels,
    label: Labels,
    /// Scene `i`'s cast is `cast[ends[i - 1]..ends[i]]`.
    ends: Vec<usize>,
    cast: Vec<u32>,
    weight: Vec<f64>,
}

impl PartialEq for SceneList {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

/// One optional label per scene, all in one buffer (a list of millions of
/// scenes would otherwise make millions of small allocations). A label equal
/// to the previous one (the episode of consecutive scenes) is stored once.
#[derive(Debug, Clone, Default)]
struct Labels {
    text: String,
    /// Label `i` is `text[spans[i].0..spans[i].1]`; [`NO_LABEL`] when absent.
    spans: Vec<(usize, usize)>,
}

const NO_LABEL: (usize, usize) = (usize::MAX, 0);

impl Labels {
    fn push(&mut self, label: Option<&str>) {
        let span = match label {
            None => NO_LABEL,
            Some(l) => match self.spans.last() {
                Some(&last) if last != NO_LABEL && &self.text[last.0..last.1] == l => last,
                _ => {
                    let start = self.text.len();
                    self.text.push_str(l);
                    (start, self.text.len())
                }
            },
        };
        self.spans.push(span);
    }

    fn get(&self, i: usize) -> Option<&str> {
        let (start, end) = self.spans[i];
        (start != usize::MAX).then(|| &self.text[start..end])
    }
}

/// One scene of a [`SceneList`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneRef<'a> {
    /// Position of the input file in [`CastGraph::sources`](super::CastGraph::sources).
    pub source: usize,
    /// 1-based line of the scene's record in that file.
    pub line: u64,
    /// The episode (or chapter, act, season) label, when the input has one.
    pub episode: Option<&'a str>,
    /// The scene label, when the input has one.
    pub scene: Option<&'a str>,
    /// The characters present (after the build's filters), as ids, each once.
    pub cast: &'a [u32],
    /// What each pair of the cast gained from the scene (by the build's
    /// weighting rule: 1, `1/(n-1)`, or the scene's weight column).
    pub weight: f64,
}

impl SceneList {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a scene.
    pub fn push(
        &mut self,
        source: usize,
        line: u64,
        episode: Option<&str>,
        scene: Option<&str>,
        cast: &[u32],
        weight: f64,
    ) {
        self.source.push(source as u32);
        self.weight.push(weight);
        self.line.push(line);
        self.episode.push(episode);
        self.label.push(scene);
        self.cast.extend_from_slice(cast);
        self.ends.push(self.cast.len());
    }

    /// Number of scenes.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when no scene is listed.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Number of appearances (cast members summed over scenes).
    pub fn appearances(&self) -> usize {
        self.cast.len()
    }

    /// What the list holds against [`MAX_LISTED_APPEARANCES`]: scenes plus appearances.
    pub fn size(&self) -> usize {
        self.cast.len() + self.ends.len()
    }

    /// Scene `i` (0-based, in reading order).
    pub fn get(&self, i: usize) -> SceneRef<'_> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        SceneRef {
            source: self.source[i] as usize,
            line: self.line[i],
            episode: self.episode.get(i),
            scene: self.label.get(i),
            cast: &self.cast[start..self.ends[i]],
            weight: self.weight[i],
        }
    }

    /// The scenes in reading order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = SceneRef<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The list with characters renumbered by `new_id` (`usize::MAX`: the
    /// character was dropped, and leaves every cast it was in). A scene left
    /// with nobody stays listed: it still went into the graph's story (its
    /// episode is still a group of a timeline, as when the files are read again).
    pub(crate) fn remap(&self, new_id: &[usize]) -> SceneList {
        let mut out = SceneList::new();
        let mut cast = Vec::new();
        for s in self.iter() {
            cast.clear();
            cast.extend(s.cast.iter().filter_map(|&id| {
                let n = new_id[id as usize];
                (n != usize::MAX).then_some(n as u32)
            }));
            out.push(s.source, s.line, s.episode, s.scene, &cast, s.weight);
        }
        out
    }
}
