//! An interactive view of the cast in one self-contained HTML file.
//!
//! The page draws the network on a canvas with a small hand-written script
//! (`html/view.js`, no library): node size by a measure, edge width by tie
//! weight, colour by community when there are communities and by connected
//! component otherwise; hovering or clicking a character shows its scenes,
//! its ties (strongest first) and every measure; a search box highlights
//! characters (case- and accent-insensitive substring); drag pans, the wheel
//! and the +/− buttons zoom. The positions are computed here, by
//! [`crate::output::layout`], so the page only draws and opens at once.
//!
//! What it promises:
//!
//! * **Self-contained.** No network request of any kind: no external script,
//!   style, font or image; a Content-Security-Policy (`default-src 'none'`)
//!   forbids them anyway. It works from `file://`.
//! * **Safe with any name.** The graph is embedded as JSON (serde_json) in a
//!   `<script type="application/json">` element with `<`, `>` and `&` written
//!   as `\u003c`, `\u003e`, `\u0026` (and U+2028/U+2029 escaped), so no name
//!   can close the element; the script shows names with `textContent` only;
//!   the title and caption written into the markup are HTML-escaped.
//! * **Deterministic.** No timestamp; the layout is seeded; measures are
//!   written exactly (`html/encode.rs`; positions quantised to 16 bits), so the
//!   same graph and options give byte-identical files.
//! * **Large casts.** The bulk data is in compact base64 columns (`html/encode.rs`:
//!   47,000 characters and 1.15 million ties make a 7.5 MB page); the script
//!   draws only what is on screen, the strongest ties first up to a budget
//!   kept to the frame time, and finds the character under the pointer in a
//!   grid of the positions. Path measures of a large graph are estimated by
//!   default ([`default_sample`]), and the page says so.
//!
//! For tests, `page.html#search=NAME` runs the search on load and the page
//! writes its result into `<output id="search-result">` (`1 match: Carly`);
//! after the first draw `<body data-drawn="N">` gives the number of
//! characters drawn, and `<ul id="cast-list">` (visually hidden, read by
//! screen readers) lists every name.

use std::io::{self, Write};

use serde::Serialize;

mod encode;

use crate::analysis::centrality::{Measure, Sample, Scores};
use crate::graph::CastGraph;
use crate::output::layout::{self, LayoutOptions};
use crate::util::format::{plural, thousands};
use crate::util::progress::{NoProgress, Progress};
use crate::util::wording::{Message, Plain, Setting, Wording, msg};
use encode::Column;

const TEMPLATE: &str = include_str!("template.html");
const STYLE: &str = include_str!("view.css");
const SCRIPT: &str = include_str!("view.js");

/// Colours of the largest groups (components or communities), in order.
pub const PALETTE: [&str; 9] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
];
/// Colour shared by the groups beyond the palette.
pub const OTHER_COLOUR: &str = "#8a8a8a";
/// Colour of characters without ties (when colouring by component).
pub const ALONE_COLOUR: &str = "#c4c4c4";

/// How to draw the view.
#[derive(Debug, Clone)]
pub struct HtmlOptions<'a> {
    /// The measure that sets node size.
    pub size_by: Measure,
    /// Seed of the layout.
    pub seed: u64,
    /// A community number per character; when given, nodes are coloured by
    /// community instead of connected component.
    pub communities: Option<&'a [usize]>,
    /// The page title.
    pub title: String,
    /// A sentence or two under the title (and the page's `description` meta).
    pub description: Option<String>,
    /// For an `<iframe>` on another page: no header (title, caption), a
    /// legend folded to one line until opened, narrower side panels.
    pub embed: bool,
    /// True when the path measures were sampled because of the graph's size
    /// ([`default_sample`]) rather than on request: the page then says how to
    /// ask for exact ones.
    pub sampled_by_default: bool,
    /// How the caption names settings.
    pub wording: &'a dyn Wording,
}

impl Default for HtmlOptions<'_> {
    fn default() -> Self {
        HtmlOptions {
            size_by: Measure::Pagerank,
            seed: LayoutOptions::default().seed,
            communities: None,
            title: "castgraph".to_string(),
            description: None,
            embed: false,
            sampled_by_default: false,
            wording: &Plain,
        }
    }
}

/// The embedded data; its field names are what `view.js` reads. The bulk
/// (positions, groups, measures, ties) is in the compact columns of
/// [`encode`]; names, labels and captions are plain JSON strings.
#[derive(Serialize)]
struct Data<'a> {
    title: &'a str,
    size_by: &'static str,
    /// `component` or `community`.
    colour_by: &'static str,
    /// What a tie's weight is, in words.
    weight: String,
    /// What `scenes` counts: `["scene", "scenes"]`, or `["row", "rows"]` for edge lists.
    unit: [&'static str; 2],
    measures: Vec<&'static str>,
    /// The measures whose values are estimates (path measures from a sample of sources).
    estimated: Vec<&'static str>,
    /// What the page says of the estimates, when there are some.
    #[serde(skip_serializing_if = "Option::is_none")]
    estimate_note: Option<String>,
    groups: Vec<Group>,
    /// Positions are quantised over `[0, size]`.
    size: f64,
    /// Every character's name, by id.
    names: Vec<&'a str>,
    /// Every character's scenes.
    scenes: Column,
    /// The ids of the characters that are a group of characters (a play's `personGrp`).
    cast_groups: Vec<usize>,
    /// `x, y` of every character ([`encode::positions`]).
    positions: String,
    /// Every character's colour group (an index into `groups`).
    group: Column,
    /// The characters by the size measure, largest first, ties broken as
    /// `graph central` breaks them (the page draws in the reverse order and
    /// lists search matches in this one).
    ranking: Column,
    /// Every measure, in [`Measure::ALL`] order, a column of one value per character.
    values: Vec<Column>,
    /// The ties, strongest first ([`encode::ties`]).
    ties: encode::Ties,
}

#[derive(Serialize)]
struct Group {
    label: String,
    colour: &'static str,
    count: usize,
}

/// Writes the interactive view of `graph` as one HTML page.
///
/// Fails with `InvalidInput` if `opts.communities` does not have one entry per character.
pub fn write(graph: &CastGraph, scores: &Scores, opts: &HtmlOptions<'_>, out: &mut dyn Write) -> io::Result<()> {
    write_with(graph, scores, opts, out, &NoProgress)
}

/// [`write`], reporting the layout and the writing of the page to `progress`.
pub fn write_with(
    graph: &CastGraph,
    scores: &Scores,
    opts: &HtmlOptions<'_>,
    out: &mut dyn Write,
    progress: &dyn Progress,
) -> io::Result<()> {
    let n = graph.character_count();
    if let Some(c) = opts.communities
        && c.len() != n
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} community numbers for {n} characters", c.len()),
        ));
    }
    let positions = layout::layout_with(
        graph,
        &LayoutOptions {
            seed: opts.seed,
            ..LayoutOptions::default()
        },
        progress,
    );
    progress.start("writing the page", Some(4));
    let (colour_by, (groups, group_of)) = match opts.communities {
        Some(c) => ("community", group_by(graph, scores, opts.size_by, c, "community")),
        None => (
            "component",
            group_by(graph, scores, opts.size_by, &graph.components(), "component"),
        ),
    };
    let title = if opts.title.trim().is_empty() {
        "castgraph"
    } else {
        opts.title.as_str()
    };
    let estimated = estimated_measures(graph, scores);
    let estimate_note = (!estimated.is_empty()).then(|| estimate_note(graph, scores, opts).render(opts.wording));
    progress.advance(1);
    let ties = encode::ties(graph.ties().map(|(a, b, t)| (a, b, t.weight, t.scenes)).collect());
    progress.advance(1);
    let data = Data {
        title,
        size_by: opts.size_by.name(),
        colour_by,
        weight: graph.provenance().weight.meaning(),
        unit: {
            let (one, many) = graph.scene_unit();
            [one, many]
        },
        measures: Measure::ALL.iter().map(|m| m.name()).collect(),
        estimated,
        estimate_note,
        groups,
        size: layout::SIZE,
        names: graph.characters().map(|c| c.name.as_str()).collect(),
        scenes: Column::of_ints(graph.characters().map(|c| c.scenes)),
        cast_groups: graph
            .characters()
            .enumerate()
            .filter(|(_, c)| c.group)
            .map(|(id, _)| id)
            .collect(),
        positions: encode::positions(&positions, layout::SIZE),
        group: Column::of_ints(group_of.iter().map(|&g| g as u64)),
        ranking: Column::of_ints(scores.ranking(graph, opts.size_by).into_iter().map(|id| id as u64)),
        values: Measure::ALL
            .iter()
            .map(|&m| Column::of(&(0..n).map(|id| scores.value(m, id)).collect::<Vec<_>>()))
            .collect(),
        ties,
    };
    let json = serde_json::to_string(&data).map_err(io::Error::other)?;
    progress.advance(1);
    let caption = caption(graph, scores, opts.wording);

    // Fill the template in one pass, so inserted text is never scanned for markers.
    let mut rest = TEMPLATE;
    while let Some(start) = rest.find("{{") {
        out.write_all(&rest.as_bytes()[..start])?;
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.write_all(&rest.as_bytes()[start..])?;
            rest = "";
            break;
        };
        match &after[..end] {
            "title" => out.write_all(escape_html(title).as_bytes())?,
            "meta" => {
                if let Some(d) = &opts.description {
                    writeln!(out, "<meta name=\"description\" content=\"{}\">", escape_html(d))?;
                }
            }
            "body" => out.write_all(if opts.embed { b" class=\"embed\"" } else { b"" })?,
            "header" => {
                if !opts.embed {
                    writeln!(out, "<header>\n<h1 id=\"title\">{}</h1>", escape_html(title))?;
                    if let Some(d) = &opts.description {
                        writeln!(out, "<p id=\"description\">{}</p>", escape_html(d))?;
                    }
                    writeln!(out, "<p id=\"caption\">{}</p>\n</header>", escape_html(&caption))?;
                }
            }
            "style" => out.write_all(STYLE.as_bytes())?,
            "data" => out.write_all(escape_json_for_script(&json).as_bytes())?,
            "script" => out.write_all(SCRIPT.as_bytes())?,
            other => {
                return Err(io::Error::other(format!(
                    "unknown marker {{{{{other}}}}} in the HTML template"
                )));
            }
        }
        rest = &after[end + 2..];
    }
    out.write_all(rest.as_bytes())?;
    progress.advance(1);
    progress.finish();
    Ok(())
}

/// Colour groups from a group number per character (`kind` is `component` or
/// `community`): the nine largest groups (ties broken by first appearance;
/// for components, only those of two or more characters) get a colour each,
/// named after their leading character by `size_by` (and, for communities,
/// by their number); the rest share one; characters alone in their
/// component share a light grey.
fn group_by(
    graph: &CastGraph,
    scores: &Scores,
    size_by: Measure,
    of: &[usize],
    kind: &str,
) -> (Vec<Group>, Vec<usize>) {
    // Number the groups densely, in order of their first character: group
    // numbers are the caller's and may be sparse or huge.
    let mut dense: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut number = Vec::new();
    for (id, &g) in of.iter().enumerate() {
        let k = *dense.entry(g).or_insert_with(|| {
            members.push(Vec::new());
            number.push(g);
            members.len() - 1
        });
        members[k].push(id);
    }
    let count = members.len();
    let alone_is_special = kind == "component";
    let mut order: Vec<usize> = (0..count)
        .filter(|&g| !(alone_is_special && members[g].len() == 1))
        .collect();
    // Largest first; equal sizes keep their first-appearance order (stable sort).
    order.sort_by_key(|&g| std::cmp::Reverse(members[g].len()));
    let ranking = scores.ranking(graph, size_by);
    let mut rank = vec![0usize; graph.character_count()];
    for (r, &id) in ranking.iter().enumerate() {
        rank[id] = r;
    }
    let mut groups = Vec::new();
    let mut group_of = vec![0usize; graph.character_count()];
    let coloured = order.len().min(PALETTE.len());
    for (colour, &g) in PALETTE.iter().zip(&order) {
        let lead = members[g]
            .iter()
            .copied()
            .min_by_key(|&id| rank[id])
            .unwrap_or(members[g][0]);
        for &id in &members[g] {
            group_of[id] = groups.len();
        }
        let lead = &graph.character(lead).name;
        groups.push(Group {
            label: if alone_is_special {
                format!("{lead}’s {kind}")
            } else {
                format!("{kind} {}: {lead}’s", number[g])
            },
            colour,
            count: members[g].len(),
        });
    }
    let others = &order[coloured..];
    if !others.is_empty() {
        let mut total = 0;
        for &g in others {
            for &id in &members[g] {
                group_of[id] = groups.len();
            }
            total += members[g].len();
        }
        groups.push(Group {
            label: format!(
                "{} other {}",
                others.len(),
                match (kind, others.len()) {
                    ("community", 1) => "community",
                    ("community", _) => "communities",
                    (_, 1) => "component",
                    _ => "components",
                }
            ),
            colour: OTHER_COLOUR,
            count: total,
        });
    }
    if alone_is_special {
        let alone: Vec<usize> = (0..count)
            .filter(|&g| members[g].len() == 1)
            .map(|g| members[g][0])
            .collect();
        if !alone.is_empty() {
            for &id in &alone {
                group_of[id] = groups.len();
            }
            groups.push(Group {
                label: "no ties".to_string(),
                colour: ALONE_COLOUR,
                count: alone.len(),
            });
        }
    }
    (groups, group_of)
}

/// The graph summary shown under the title.
fn caption(graph: &CastGraph, scores: &Scores, wording: &dyn Wording) -> String {
    let (components, largest) = graph.component_summary();
    let mut parts = vec![format!(
        "{}, {}, {} (largest: {})",
        plural(graph.character_count(), "character", "characters"),
        plural(graph.tie_count(), "tie", "ties"),
        plural(components, "connected component", "connected components"),
        plural(largest, "character", "characters"),
    )];
    if !graph.sources().is_empty() {
        let sources: Vec<String> = graph
            .sources()
            .iter()
            .map(|s| {
                let (one, many) = if s.format.format.records_are_ties() {
                    ("row", "rows")
                } else {
                    ("scene", "scenes")
                };
                format!("{} ({})", shown_path(&s.path), plural(s.scenes as usize, one, many))
            })
            .collect();
        parts.push(format!("from {}", sources.join(", ")));
    }
    let options = graph.provenance().options(wording);
    if !options.is_empty() {
        parts.push(format!("built with {}", options.join(" ")));
    }
    parts.push(scores.describe().render(wording));
    parts.extend(scores.warnings.iter().cloned());
    parts.join(" · ")
}

/// Up to this many characters × ties, the view's path measures
/// (betweenness, closeness, harmonic) are exact by default; above it,
/// [`default_sample`] estimates them from a sample of sources.
///
/// Their cost is one shortest-path search per character, each in proportion
/// to the ties: measured on 2 cores, exact path measures take about
/// 8.4e-9 s per character × tie (3.9 s on 2,000 characters and 221,000 ties;
/// 7.6 minutes on the generated 46,959 characters and 1,147,403 ties). Up to
/// 5 × 10^8 they take at most about 4 s, and a default sample above it about
/// as long, well inside the 60 s a 50,000-character view may take in all
/// (communities and the layout take the rest).
pub const EXACT_PATHS_UP_TO: u64 = 500_000_000;

/// The fewest sources of a default sample (a huge graph with few characters
/// per tie still gets a usable estimate).
pub const MIN_PIVOTS: usize = 256;

/// The seed of a default sample: the same as the command line's default for
/// sampled measures, so the page's numbers can be reproduced there.
pub const SAMPLE_SEED: u64 = 42;

/// How the view computes path measures when not told: exactly (`None`) up
/// to [`EXACT_PATHS_UP_TO`] characters × ties; above it from
/// `EXACT_PATHS_UP_TO / ties` pivot sources (at least [`MIN_PIVOTS`]), so
/// sampled measures cost about what exact ones cost at the limit.
pub fn default_sample(graph: &CastGraph) -> Option<Sample> {
    let (n, m) = (graph.character_count(), graph.tie_count());
    if (n as u64).saturating_mul(m as u64) <= EXACT_PATHS_UP_TO {
        return None;
    }
    let pivots = usize::try_from(EXACT_PATHS_UP_TO / m.max(1) as u64)
        .unwrap_or(usize::MAX)
        .max(MIN_PIVOTS);
    (pivots < n).then_some(Sample {
        pivots,
        seed: SAMPLE_SEED,
    })
}

/// The measures whose values are estimates: the path measures, when they
/// were computed from fewer sources than there are characters.
fn estimated_measures(graph: &CastGraph, scores: &Scores) -> Vec<&'static str> {
    match scores.options.sample {
        Some(s) if s.pivots < graph.character_count() => Measure::ALL
            .into_iter()
            .filter(|m| m.uses_distance())
            .map(Measure::name)
            .collect(),
        _ => Vec::new(),
    }
}

/// What the page says of sampled path measures.
fn estimate_note(graph: &CastGraph, scores: &Scores, opts: &HtmlOptions<'_>) -> Message {
    let n = graph.character_count();
    let (pivots, seed) = scores.options.sample.map_or((n, 0), |s| (s.pivots, s.seed));
    let mut m = msg![format!(
        "Betweenness, closeness and harmonic are estimates: shortest paths from {} of the {} characters \
         (chosen with seed {seed}), scaled up to all of them (the caption states the error bound)",
        thousands(pivots as u64),
        thousands(n as u64)
    )];
    if opts.sampled_by_default {
        m = m.then(msg![
            format!(
                ". Views of more than {} characters × ties are estimated so; ",
                thousands(EXACT_PATHS_UP_TO)
            ),
            Setting::Exact,
            " computes exact values (minutes on a graph this size)."
        ]);
    } else {
        m = m.then(msg!["."]);
    }
    m
}

/// A source path as the page shows it: an absolute path by its file name
/// only, so a page never carries the layout of the author's disk.
fn shown_path(path: &str) -> String {
    let p = std::path::Path::new(path);
    if p.is_absolute() {
        p.file_name()
            .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
    } else {
        path.to_string()
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Makes JSON text safe inside a `<script>` element: `<`, `>`, `&`, U+2028
/// and U+2029 become `\u` escapes. They can only occur inside JSON strings,
/// where the escapes mean the same characters, so the JSON is unchanged.
pub fn escape_json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize) -> CastGraph {
        let mut g = CastGraph::new();
        let names: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
        for pair in names.windows(2) {
            g.add_characters(&[pair[0].as_str(), pair[1].as_str()]);
        }
        g
    }

    #[test]
    fn large_views_sample_their_path_measures() {
        // 20,000 × 19,999 is under the limit: exact.
        assert_eq!(default_sample(&chain(20_000)), None);
        // 30,000 × 29,999 is over it: EXACT_PATHS_UP_TO / ties sources.
        let s = default_sample(&chain(30_000)).expect("sampled");
        assert_eq!(s.pivots, (EXACT_PATHS_UP_TO / 29_999) as usize);
        assert_eq!(s.seed, SAMPLE_SEED);
        assert!(default_sample(&CastGraph::new()).is_none());
    }

    #[test]
    fn json_escaping_keeps_the_value() {
        let value = serde_json::json!({"name": "</script><script>alert(1)</script> a&b \u{2028}\u{2029}"});
        let escaped = escape_json_for_script(&value.to_string());
        assert!(!escaped.contains('<') && !escaped.contains('>') && !escaped.contains('&'));
        assert!(!escaped.contains('\u{2028}') && !escaped.contains('\u{2029}'));
        let back: serde_json::Value = serde_json::from_str(&escaped).expect("valid JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn assets_cannot_break_out_of_their_elements() {
        for (name, text) in [("view.js", SCRIPT), ("view.css", STYLE)] {
            let lower = text.to_ascii_lowercase();
            for bad in [
                "</script",
                "<script",
                "<!--",
                "</style",
                "http",
                "url(",
                "@import",
                "innerhtml",
            ] {
                assert!(!lower.contains(bad), "{name} contains {bad}");
            }
        }
    }

    #[test]
    fn groups_name_the_leading_character() {
        let mut g = CastGraph::new();
        g.add_characters(&["A", "B"]);
        g.add_characters(&["A", "C"]);
        g.add_characters(&["D", "E"]);
        g.add_characters(&["F"]);
        let scores = Scores::compute(&g, &Default::default());
        let (groups, of) = group_by(&g, &scores, Measure::Degree, &g.components(), "component");
        let labels: Vec<_> = groups.iter().map(|g| (g.label.as_str(), g.count)).collect();
        assert_eq!(labels, [("A’s component", 3), ("D’s component", 2), ("no ties", 1)]);
        assert_eq!(of, [0, 0, 0, 1, 1, 2]);
    }
}
