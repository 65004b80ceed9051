//! Reading ahead: a file's format reader runs on a thread of its own, and
//! hands its scenes over in batches, while the build's thread turns names
//! into ids.
//!
//! A big build does three jobs at once: reading (parsing the file, splitting
//! names), naming (normalising names, aliases, interning) and counting pairs
//! ([`PairCounter`](crate::graph::PairCounter), on a third thread). Each is
//! about a third of the work, so on two cores no single thread is left to do
//! two of them. A batch holds its scenes' text in one buffer; spent batches
//! go back to the reader to be refilled, so no memory is allocated per scene.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::Path;
use std::sync::mpsc::{channel, sync_channel};

use crate::error::{Error, Result};
use crate::input::{InputFormat, ReadOptions, ReadSummary, Scene, Tally};

/// Reads `path` as `format` on a thread of its own, calling `on_scene`
/// here for every scene, in the file's order: the same calls, the same
/// summary and the same error as [`InputFormat::read`].
///
/// # Errors
/// As [`InputFormat::read`].
pub(crate) fn read_ahead(
    format: InputFormat,
    path: &Path,
    opts: &ReadOptions,
    mut on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    // Batches in flight: enough to ride out an uneven scene, few enough to
    // keep the memory small.
    let (full_tx, full_rx) = sync_channel::<Batch>(4);
    let (spent_tx, spent_rx) = channel::<Batch>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut batch = Batch::default();
            let read = catch_unwind(AssertUnwindSafe(|| {
                format.read(path, opts, |scene| {
                    batch.push(&scene);
                    if batch.is_full() {
                        let next = spent_rx.try_recv().unwrap_or_default();
                        if full_tx.send(std::mem::replace(&mut batch, next)).is_err() {
                            // The build's thread is gone (it unwinds: an
                            // interrupted build stops at a progress report):
                            // stop reading now rather than at the end of the file.
                            resume_unwind(Box::new(Stopped));
                        }
                    }
                })
            }));
            match read {
                Ok(summary) => {
                    if !batch.scenes.is_empty() {
                        let _ = full_tx.send(batch);
                    }
                    summary
                }
                Err(panic) if panic.is::<Stopped>() => Err(Error::invalid("reading stopped")),
                Err(panic) => resume_unwind(panic),
            }
        });
        for mut batch in full_rx {
            batch.each(&mut on_scene);
            batch.clear();
            // The reader may be done: then the batch is simply dropped.
            let _ = spent_tx.send(batch);
        }
        match reader.join() {
            Ok(summary) => summary,
            // A reader's panic is a bug: it goes on as if it had happened here.
            Err(panic) => resume_unwind(panic),
        }
    })
}

/// What a reader unwinds with when the build has stopped listening (no panic
/// message: `resume_unwind` does not run the panic hook).
struct Stopped;

/// Scenes for another thread: their strings in one buffer, by offsets.
#[derive(Default)]
struct Batch {
    text: String,
    /// Spans of `text`; `None`: an absent value (an empty column).
    spans: Vec<Option<(usize, usize)>>,
    scenes: Vec<Packed>,
}

/// One scene of a [`Batch`]: its values, and where its strings are in the batch's spans.
struct Packed {
    line: u64,
    weight: Option<f64>,
    tally: Tally,
    /// `spans[first]` is the episode, then the scene, then `names` names,
    /// then the columns to the next scene's `first`.
    first: usize,
    names: usize,
}

/// Scenes per batch, or fewer when their text passes [`BATCH_TEXT`].
const BATCH_SCENES: usize = 2048;
const BATCH_TEXT: usize = 1 << 17;

impl Batch {
    fn is_full(&self) -> bool {
        self.scenes.len() >= BATCH_SCENES || self.text.len() >= BATCH_TEXT
    }

    fn span(&mut self, value: Option<&str>) {
        let span = value.map(|v| {
            let start = self.text.len();
            self.text.push_str(v);
            (start, self.text.len())
        });
        self.spans.push(span);
    }

    fn push(&mut self, scene: &Scene<'_>) {
        let first = self.spans.len();
        self.span(scene.episode);
        self.span(scene.scene);
        for name in scene.characters {
            self.span(Some(name));
        }
        for column in scene.columns {
            self.span(*column);
        }
        self.scenes.push(Packed {
            line: scene.line,
            weight: scene.weight,
            tally: scene.tally,
            first,
            names: scene.characters.len(),
        });
    }

    /// Calls `on_scene` for each scene, as the reader saw it.
    fn each(&self, on_scene: &mut impl FnMut(Scene<'_>)) {
        let (mut names, mut columns) = (Vec::new(), Vec::new());
        let text = |span: Option<(usize, usize)>| span.map(|(a, b)| &self.text[a..b]);
        for (i, packed) in self.scenes.iter().enumerate() {
            let end = self.scenes.get(i + 1).map_or(self.spans.len(), |next| next.first);
            let spans = &self.spans[packed.first..end];
            let (names_spans, column_spans) = spans[2..].split_at(packed.names);
            names.clear();
            names.extend(names_spans.iter().map(|&s| text(s).unwrap_or_default()));
            columns.clear();
            columns.extend(column_spans.iter().map(|&s| text(s)));
            on_scene(Scene {
                line: packed.line,
                episode: text(spans[0]),
                scene: text(spans[1]),
                characters: &names,
                columns: &columns,
                weight: packed.weight,
                tally: packed.tally,
            });
        }
    }

    fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
        self.scenes.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scenes as owned values, to compare what the two ways hand over.
    type Owned = (
        u64,
        Option<String>,
        Option<String>,
        Vec<String>,
        Vec<Option<String>>,
        Option<f64>,
        Tally,
    );

    fn owned(scene: &Scene<'_>) -> Owned {
        (
            scene.line,
            scene.episode.map(String::from),
            scene.scene.map(String::from),
            scene.characters.iter().map(|c| c.to_string()).collect(),
            scene.columns.iter().map(|c| c.map(String::from)).collect(),
            scene.weight,
            scene.tally,
        )
    }

    #[test]
    fn the_same_scenes_summary_and_errors_as_reading_in_place() {
        let dir = tempfile::tempdir().unwrap();
        // More scenes than a batch, empty columns, an episode-less scene, a quoted name.
        let mut csv = String::from("episode,scene,characters,place\n");
        for i in 0..(BATCH_SCENES * 2 + 7) {
            let place = if i % 3 == 0 { "" } else { "hall" };
            csv.push_str(&format!("e{},{},\"Ann, Jr.\";Bo{};Cy,{place}\n", i % 5, i, i % 11));
        }
        csv.push_str(",,Dee;Ed,\n");
        let good = dir.path().join("good.csv");
        std::fs::write(&good, &csv).unwrap();
        let opts = ReadOptions {
            columns: vec!["place".to_string()],
            ..ReadOptions::default()
        };
        let (mut direct, mut ahead) = (Vec::new(), Vec::new());
        let a = InputFormat::Wide.read(&good, &opts, |s| direct.push(owned(&s)));
        let b = read_ahead(InputFormat::Wide, &good, &opts, |s| ahead.push(owned(&s)));
        assert_eq!(a.unwrap(), b.unwrap());
        assert_eq!(direct.len(), BATCH_SCENES * 2 + 8);
        assert_eq!(direct, ahead);

        // A malformed row: the scenes before it, then the same error.
        csv.push_str("e1,9,Fay\n");
        let bad = dir.path().join("bad.csv");
        std::fs::write(&bad, &csv).unwrap();
        let (mut direct, mut ahead) = (Vec::new(), Vec::new());
        let a = InputFormat::Wide.read(&bad, &opts, |s| direct.push(owned(&s)));
        let b = read_ahead(InputFormat::Wide, &bad, &opts, |s| ahead.push(owned(&s)));
        assert_eq!(a.unwrap_err().to_string(), b.unwrap_err().to_string());
        assert_eq!(direct, ahead);
    }

    /// A build that unwinds (an interrupted one, at a progress report) ends
    /// with its own panic, and the reader stops at its next batch.
    #[test]
    fn an_unwinding_build_stops_the_reader() {
        struct Interrupted;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("many.csv");
        let mut csv = String::from("characters\n");
        for i in 0..(BATCH_SCENES * 20) {
            csv.push_str(&format!("A;B{i}\n"));
        }
        std::fs::write(&file, csv).unwrap();
        let mut seen = 0;
        let unwound = std::panic::catch_unwind(AssertUnwindSafe(|| {
            read_ahead(InputFormat::Wide, &file, &ReadOptions::default(), |_| {
                seen += 1;
                if seen == 3 {
                    resume_unwind(Box::new(Interrupted));
                }
            })
        }));
        assert!(unwound.unwrap_err().is::<Interrupted>());
        assert_eq!(seen, 3);
    }
}
