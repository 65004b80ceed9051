//! Prose (issue 14): the synthetic story of `tests/fixtures/prose/` in every
//! window mode, with its pair counts worked out by hand below, and the
//! matching rules on small texts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use castgraph::CastGraph;
use castgraph::build::{BuildOptions, Filters, from_files};
use castgraph::input::prose::{self, Cast, Prose, Window};
use castgraph::input::{InputFormat, ReadOptions};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/prose")
        .join(name)
}

const CHAPTERS: &str = "^CHAPTER [IVX]+$";

fn story(window: Window, chapters: Option<&str>) -> CastGraph {
    let opts = BuildOptions {
        cast: Some(fixture("cast.csv")),
        window,
        chapters: chapters.map(String::from),
        ..BuildOptions::default()
    };
    from_files(&[fixture("story.txt")], &opts).unwrap().0
}

/// Every tie as `A–B` (names in order) → (weight, shared scenes).
fn ties(g: &CastGraph) -> BTreeMap<String, f64> {
    g.ties()
        .map(|(a, b, t)| {
            let (a, b) = (&g.character(a).name, &g.character(b).name);
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            assert_eq!(t.weight, t.scenes as f64);
            (format!("{a}–{b}"), t.weight)
        })
        .collect()
}

fn expected(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(p, w)| (p.to_string(), *w)).collect()
}

// The story's mentions, chapter by chapter (word indices count from the
// first word of the text, "The Night Before", which mentions no one; only
// their differences matter):
//
// CHAPTER I   paragraph 1 (lines 5–6): Carly@3 ("Carly"), Mr. Park@5 ("Mr. Park"),
//                 Mr. Park@10 ("Mr\nPark—who", across the line break), Carly@14 ("(Carly)—said");
//                 "will" is no Will, "Dr. J. Smith" no one.
//             paragraph 2 (line 8): Dr. John Watson@21 ("Dr. Watson"), Mrs. Bennet@24,
//                 "Bennet" (ambiguous: Mr. or Mrs.), Carly@33.
//                 Sentences: [Dr. Watson saw Mrs. Bennet... Then he left.] ["Stop!" said Bennet.]
//                 ["Why?"] [Carly asked.]
// CHAPTER II  paragraph 1 (line 12): J. R. Ewing@35, Mary-Kate@40, Vanessa@41 ("Ness's"),
//                 Will Turner@43, Mary-Kate@46. Sentences: 3 (J. and R. are initials).
//             paragraph 2 (line 14): Mr. Park@48 ("Park's"), Will Turner@52 ("Turner"),
//                 Vanessa@56, Carly@58. Sentences: 2.
// CHAPTER III paragraph 1: no one. paragraph 2 (line 20): Mrs. Bennet@64,
//                 Dr. John Watson@68 ("John"), "Miss Bennet" (ambiguous). Sentences: 1 + 2.
//
// Mr. Bennet is never mentioned: "Mr. and Mrs. Bennet" names Mrs. Bennet only.

#[test]
fn paragraphs() {
    let g = story(Window::Paragraph, Some(CHAPTERS));
    assert_eq!(g.scene_count(), 5);
    assert_eq!(
        ties(&g),
        expected(&[
            ("Carly–Mr. Park", 2.0),              // I.1, II.2
            ("Dr. John Watson–Mrs. Bennet", 2.0), // I.2, III.2
            ("Carly–Dr. John Watson", 1.0),       // I.2
            ("Carly–Mrs. Bennet", 1.0),           // I.2
            ("J. R. Ewing–Mary-Kate", 1.0),       // II.1
            ("J. R. Ewing–Vanessa", 1.0),         // II.1
            ("J. R. Ewing–Will Turner", 1.0),     // II.1
            ("Mary-Kate–Vanessa", 1.0),           // II.1
            ("Mary-Kate–Will Turner", 1.0),       // II.1
            ("Vanessa–Will Turner", 2.0),         // II.1, II.2
            ("Mr. Park–Will Turner", 1.0),        // II.2
            ("Mr. Park–Vanessa", 1.0),            // II.2
            ("Carly–Will Turner", 1.0),           // II.2
            ("Carly–Vanessa", 1.0),               // II.2
        ])
    );
    assert!(g.id_of("Mr. Bennet").is_none());
    assert_eq!(g.character_count(), 8);
}

#[test]
fn sentences() {
    let g = story(Window::Sentence, Some(CHAPTERS));
    // I: [Carly, Park] [Park, Carly] [Watson, Mrs. Bennet] [] [] [Carly];
    // II: [Ewing, Mary-Kate] [Vanessa, Will] [Mary-Kate] [Park] [Will, Vanessa, Carly];
    // III: [] [Mrs. Bennet, Watson] [].
    assert_eq!(g.scene_count(), 10);
    assert_eq!(
        ties(&g),
        expected(&[
            ("Carly–Mr. Park", 2.0),
            ("Dr. John Watson–Mrs. Bennet", 2.0),
            ("J. R. Ewing–Mary-Kate", 1.0),
            ("Vanessa–Will Turner", 2.0),
            ("Carly–Will Turner", 1.0),
            ("Carly–Vanessa", 1.0),
        ])
    );
    // `sentence` is `sentences:1`.
    assert_eq!(ties(&story(Window::Sentences(1), Some(CHAPTERS))), ties(&g));
}

#[test]
fn blocks_of_two_sentences_cross_paragraphs_and_restart_at_chapters() {
    let g = story(Window::Sentences(2), Some(CHAPTERS));
    // I: [S1 S2] Carly, Park; [S3 S4] Watson, Mrs. Bennet; [S5 S6] Carly.
    // II: [S1 S2] Ewing, Mary-Kate, Vanessa, Will; [S3 S4] Mary-Kate, Park (two paragraphs);
    //     [S5] Will, Vanessa, Carly.  III: [S1 S2] Mrs. Bennet, Watson; [S3] no one.
    assert_eq!(g.scene_count(), 7);
    assert_eq!(
        ties(&g),
        expected(&[
            ("Carly–Mr. Park", 1.0),
            ("Dr. John Watson–Mrs. Bennet", 2.0),
            ("J. R. Ewing–Mary-Kate", 1.0),
            ("J. R. Ewing–Vanessa", 1.0),
            ("J. R. Ewing–Will Turner", 1.0),
            ("Mary-Kate–Vanessa", 1.0),
            ("Mary-Kate–Will Turner", 1.0),
            ("Vanessa–Will Turner", 2.0),
            ("Mary-Kate–Mr. Park", 1.0),
            ("Carly–Will Turner", 1.0),
            ("Carly–Vanessa", 1.0),
        ])
    );
}

#[test]
fn pairs_of_mentions_at_most_five_words_apart() {
    let g = story(Window::Words(5), Some(CHAPTERS));
    // I: Carly@3–Park@5 (2 words), Park@10–Carly@14 (4), Watson@21–Mrs. Bennet@24 (3);
    //    Park@5–Carly@14 is 9 words apart, Mrs. Bennet@24–Carly@33 is 9.
    // II: Ewing@35–Mary-Kate@40 (5); Mary-Kate@40–Vanessa@41; Mary-Kate@40–Will@43;
    //     Vanessa@41–Will@43; Vanessa@41–Mary-Kate@46 (5); Will@43–Mary-Kate@46;
    //     Will@43–Park@48 (5); Mary-Kate@46–Park@48; Park@48–Will@52; Will@52–Vanessa@56;
    //     Vanessa@56–Carly@58.
    // III: Mrs. Bennet@64–Watson@68. Carly@33 (I) and Ewing@35 (II) are 2 words apart but in
    //     two chapters: no pair.
    assert_eq!(g.scene_count(), 15);
    assert_eq!(
        ties(&g),
        expected(&[
            ("Carly–Mr. Park", 2.0),
            ("Dr. John Watson–Mrs. Bennet", 2.0),
            ("J. R. Ewing–Mary-Kate", 1.0),
            ("Mary-Kate–Vanessa", 2.0),
            ("Mary-Kate–Will Turner", 2.0),
            ("Vanessa–Will Turner", 2.0),
            ("Mr. Park–Will Turner", 2.0),
            ("Mary-Kate–Mr. Park", 1.0),
            ("Carly–Vanessa", 1.0),
        ])
    );
    // Without a chapter pattern, words count through: Carly@33–Ewing@35 (with the heading
    // "CHAPTER II" now prose between them, 4 words apart) is one more pair.
    let mut through = ties(&g);
    through.insert("Carly–J. R. Ewing".to_string(), 1.0);
    assert_eq!(ties(&story(Window::Words(5), None)), through);
}

#[test]
fn chapters_are_episodes_and_columns_filter() {
    let opts = BuildOptions {
        cast: Some(fixture("cast.csv")),
        chapters: Some(CHAPTERS.to_string()),
        filters: Filters {
            wheres: vec![("chapter".to_string(), "CHAPTER II".to_string())],
            ..Filters::default()
        },
        ..BuildOptions::default()
    };
    let (g, report) = from_files(&[fixture("story.txt")], &opts).unwrap();
    assert_eq!(g.scene_count(), 2);
    assert_eq!(g.sources()[0].format, "prose");
    assert_eq!(g.sources()[0].scenes_read, 5);
    let listed: Vec<(Option<&str>, Option<&str>, u64)> = g
        .scene_list()
        .unwrap()
        .iter()
        .map(|s| (s.episode, s.scene, s.line))
        .collect();
    assert_eq!(
        listed,
        [(Some("CHAPTER II"), Some("1"), 12), (Some("CHAPTER II"), Some("2"), 14)]
    );
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings[0].ends_with(
            "story.txt: `Bennet` could be Mr. Bennet or Mrs. Bennet: its 2 mentions (line 8, 20) count for none \
             of them; to count them, list `Bennet` as an alias of one of them in the `cast` file"
        ),
        "{warnings:?}"
    );
    assert!(
        warnings[1].ends_with("story.txt: 1 of the cast is never mentioned: `Mr. Bennet`"),
        "{warnings:?}"
    );
    assert_eq!(
        g.provenance().cast.as_deref(),
        Some(fixture("cast.csv").to_str().unwrap())
    );
}

/// Reads `text` with a cast given inline, as `(characters, line)` per paragraph.
fn scenes(cast: &str, text: &str, window: Window) -> Vec<String> {
    let cast = Cast::parse(Path::new("cast.csv"), cast.as_bytes()).unwrap();
    let opts = prose::options(Arc::new(Prose::new(cast, window, None).unwrap()));
    let mut out = Vec::new();
    prose::read(Path::new("t.txt"), text.as_bytes(), &opts, |s| {
        out.push(s.characters.join("+"));
    })
    .unwrap();
    out
}

#[test]
fn titles_surnames_possessives_and_common_words() {
    let cast = "name,aliases\nMr. Park,\nWill Turner,\nCarly,\nElizabeth Bennet,\n";
    assert_eq!(
        scenes(
            cast,
            "Park's car. Mr Park drove.\n\nWill will go.\n\nThe will of Carly.\n\nDr. Park and Miss Elizabeth. Mr. Turner.",
            Window::Sentence,
        ),
        [
            "Mr. Park",
            "Mr. Park",
            "Will Turner",
            "Carly",
            "Mr. Park+Elizabeth Bennet",
            "Will Turner"
        ]
    );
}

#[test]
fn an_ambiguous_surname_counts_once_listed_as_an_alias() {
    let text = "Bennet smiled at Mr. Bennet. Mrs Bennet left.";
    let both = "name,aliases\nMr. Bennet,\nMrs. Bennet,\n";
    assert_eq!(scenes(both, text, Window::Sentence), ["Mr. Bennet", "Mrs. Bennet"]);
    let listed = "name,aliases\nMr. Bennet,Bennet\nMrs. Bennet,\n";
    assert_eq!(scenes(listed, text, Window::Sentence), ["Mr. Bennet", "Mrs. Bennet"]);
    assert_eq!(scenes(listed, text, Window::Paragraph), ["Mr. Bennet+Mrs. Bennet"]);
    assert_eq!(
        scenes(listed, "Bennet and Mrs. Bennet", Window::Paragraph),
        ["Mr. Bennet+Mrs. Bennet"]
    );
}

#[test]
fn hyphens_dashes_brackets_and_line_breaks() {
    let cast = "name,aliases\nMary-Kate,\nMary,\nMr. Park,\nCarly,\n";
    assert_eq!(
        scenes(
            cast,
            "Mary-Kate saw Mary. Park—who else?—met (Carly) and Mr.\nPark.",
            Window::Paragraph
        ),
        ["Mary-Kate+Mary+Mr. Park+Carly"]
    );
    assert_eq!(
        scenes(cast, "Maryland, Parker, Carlyle.", Window::Paragraph),
        Vec::<String>::new()
    );
}

#[test]
fn unicode_names_match_in_nfc() {
    let cast = "name,aliases\nZoë Ødegaard,\nJosé,\n";
    // A decomposed ë in the text, a composed one in the cast; Ødegaard alone is the surname.
    assert_eq!(
        scenes(
            cast,
            "Zoe\u{308} Ødegaard met Jose\u{301}. Ødegaard’s bag.",
            Window::Sentence
        ),
        ["Zoë Ødegaard+José", "Zoë Ødegaard"]
    );
}

#[test]
fn detection_and_errors() {
    let p = fixture("story.txt");
    assert_eq!(InputFormat::detect(&p).unwrap(), InputFormat::Ezlinavis);
    assert_eq!(InputFormat::detect_with_cast(&p, true).unwrap(), InputFormat::Text);
    assert_eq!(InputFormat::from_name("text"), Some(InputFormat::Text));
    // Prose without a cast.
    let err = prose::read_path(&p, &ReadOptions::default(), |_| {}).unwrap_err();
    assert!(
        err.to_string().ends_with(
            "story.txt: is read as prose, which needs a cast file (name the characters to find with `cast`)"
        ),
        "{err}"
    );
}
