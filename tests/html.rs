//! The interactive HTML view (`castgraph::output::html`): one self-contained
//! page, safe with hostile names, byte-identical on re-run, and really drawn
//! by a browser.
//!
//! The browser tests run Debian's Chromium headless (`/usr/bin/chromium`, or
//! `$CHROMIUM`); they fail, never skip, when it is missing (CI installs it:
//! `apt-get install -y chromium`). `docs/cast-s1.png` is regenerated with
//! `cargo test --test html -- --ignored docs_screenshot`.

use std::collections::HashSet;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use castgraph::analysis::centrality::{CentralityOptions, Measure, Scores};
use castgraph::output::html::{self, HtmlOptions};
use castgraph::{BuildOptions, CastGraph};

const S1_NAMES: [&str; 10] = [
    "Vanessa", "Carly", "Sasha", "Maria", "Alya", "Miles", "Mr. Park", "Julie", "Denzel", "Scarlett",
];

/// Names that would run script or break markup if pasted into HTML unescaped.
const TORTURE: [&str; 12] = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</script><script>document.body.dataset.pwned='script'</script>",
    "<img src=x onerror=\"document.body.dataset.pwned='img'\">",
    "<!--<script>document.body.dataset.pwned='comment'",
    "Tony \"Two Times\" Russo",
    "a&b",
    "🎭",
    "مريم",
    "two\nlines",
    "line\u{2028}separator",
    "Zoë O'Brien",
];

fn render(graph: &CastGraph, opts: &HtmlOptions<'_>) -> String {
    let scores = Scores::compute(graph, &CentralityOptions::default());
    let mut out = Vec::new();
    html::write(graph, &scores, opts, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the page is UTF-8")
}

fn small_graph() -> CastGraph {
    let mut g = CastGraph::new();
    g.add_characters(&["Carly", "Vanessa"]);
    g.add_characters(&["Carly", "Vanessa", "Sasha"]);
    g.add_characters(&["Carly", "Maria"]);
    g.add_characters(&["Julie", "Denzel"]);
    g.add_characters(&["Zoë"]);
    g
}

fn torture_graph() -> CastGraph {
    let mut g = CastGraph::new();
    g.add_characters(&TORTURE[..6]);
    g.add_characters(&TORTURE[5..]);
    g.add_characters(&[TORTURE[0], TORTURE[11]]);
    g
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The graph of a file of the repository, named relatively (tests run in
/// the package root) as a user would, since the page's caption shows it.
fn built(path: &str) -> CastGraph {
    castgraph::build::from_files(&[PathBuf::from(path)], &BuildOptions::default())
        .expect("builds")
        .0
}

fn title(s: &str) -> HtmlOptions<'static> {
    HtmlOptions {
        title: s.to_string(),
        ..HtmlOptions::default()
    }
}

/// The text of the `<script type="application/json" id="castgraph-data">` element.
fn embedded(page: &str) -> &str {
    let open = "<script type=\"application/json\" id=\"castgraph-data\">";
    let start = page.find(open).expect("data element") + open.len();
    let len = page[start..].find("</script>").expect("data element closed");
    &page[start..start + len]
}

fn data(page: &str) -> serde_json::Value {
    serde_json::from_str(embedded(page)).expect("the embedded data is JSON")
}

/// The page's compact columns (`src/output/html/encode.rs`) read back as `view.js` reads them.
fn unbase64(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let (mut bits, mut count, mut out) = (0u32, 0, Vec::new());
    for c in s.bytes().filter(|&c| c != b'=') {
        let v = ALPHABET.iter().position(|&a| a == c).expect("a base64 letter") as u32;
        bits = (bits << 6) | v;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

fn unvarints(bytes: &[u8]) -> Vec<u64> {
    let (mut out, mut v, mut shift) = (Vec::new(), 0u64, 0);
    for &b in bytes {
        v |= u64::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            out.push(v);
            (v, shift) = (0, 0);
        }
    }
    out
}

/// A column of numbers (`{"kind": "varint" | "f64", "data": base64}`).
fn column(c: &serde_json::Value) -> Vec<f64> {
    let bytes = unbase64(c["data"].as_str().expect("column data"));
    match c["kind"].as_str().expect("column kind") {
        "varint" => unvarints(&bytes).into_iter().map(|v| v as f64).collect(),
        "f64" => bytes
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")))
            .collect(),
        other => panic!("unknown column kind {other}"),
    }
}

fn names(d: &serde_json::Value) -> Vec<&str> {
    d["names"]
        .as_array()
        .expect("names")
        .iter()
        .map(|n| n.as_str().expect("name"))
        .collect()
}

/// Every character's position, in `[0, size]`.
fn positions(d: &serde_json::Value) -> Vec<(f64, f64)> {
    let unit = d["size"].as_f64().expect("size") / 65535.0;
    unbase64(d["positions"].as_str().expect("positions"))
        .chunks_exact(4)
        .map(|b| {
            (
                f64::from(u16::from_le_bytes([b[0], b[1]])) * unit,
                f64::from(u16::from_le_bytes([b[2], b[3]])) * unit,
            )
        })
        .collect()
}

/// The ties as `(a, b, weight, scenes)` with `a < b`, in the page's order (strongest first).
fn ties(d: &serde_json::Value) -> Vec<(u64, u64, f64, u64)> {
    let t = &d["ties"];
    let count = t["count"].as_u64().expect("tie count") as usize;
    let weights = column(&t["weights"]);
    let runs = column(&t["runs"]);
    let steps = unvarints(&unbase64(t["pairs"].as_str().expect("pairs")));
    let mut out = Vec::new();
    let mut k = 0;
    for (&w, &run) in weights.iter().zip(&runs) {
        let (mut a, mut b) = (0, 0);
        for j in 0..run as usize {
            let (da, gap) = (steps[2 * k], steps[2 * k + 1]);
            a += da;
            b = if j > 0 && da == 0 { b + 1 + gap } else { a + 1 + gap };
            out.push((a, b, w, w as u64));
            k += 1;
        }
    }
    if let Some(scenes) = t.get("scenes") {
        for (tie, s) in out.iter_mut().zip(column(scenes)) {
            tie.3 = s as u64;
        }
    }
    assert_eq!(out.len(), count);
    out
}

#[test]
fn page_is_self_contained() {
    let page = render(&small_graph(), &title("Backstage"));
    assert!(page.starts_with("<!DOCTYPE html>\n"));
    // The only `http` is the CSP's `http-equiv`: no URL of any scheme.
    assert_eq!(page.matches("http").count(), 1, "{page}");
    assert_eq!(page.matches("http-equiv").count(), 1);
    for bad in [
        "//cdn",
        "src=",
        "href=",
        "url(",
        "@import",
        "@font-face",
        "<link",
        "<iframe",
        "fetch(",
        "XMLHttp",
    ] {
        assert!(!page.contains(bad), "page contains {bad}");
    }
    assert!(page.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; \
         style-src 'unsafe-inline'; img-src data:\">"
    ));
    // Exactly our two script elements: the data and the view.
    assert_eq!(page.matches("<script").count(), 2);
    assert!(page.contains("<output id=\"search-result\""));
    assert!(page.contains("<ul id=\"cast-list\""));
    assert!(page.contains("<title>Backstage</title>"));
}

#[test]
fn page_is_byte_identical_on_rerun() {
    let g = built("tests/fixtures/lesmis.csv");
    let first = render(&g, &title("Les Misérables"));
    assert_eq!(first, render(&g, &title("Les Misérables")));
    let other_seed = HtmlOptions {
        seed: 99,
        ..title("Les Misérables")
    };
    assert_ne!(first, render(&g, &other_seed), "the seed changes the layout");
    let json = embedded(&first);
    assert!(!json.contains("NaN") && !json.contains("null"));
}

#[test]
fn embedded_json_describes_the_graph() {
    let g = small_graph();
    let scores = Scores::compute(&g, &CentralityOptions::default());
    let page = render(&g, &title("t"));
    let d = data(&page);
    assert_eq!(d["size_by"], "pagerank");
    assert_eq!(d["colour_by"], "component");
    assert_eq!(d["weight"], "shared scenes");
    let measures: Vec<&str> = Measure::ALL.iter().map(|m| m.name()).collect();
    assert_eq!(d["measures"], serde_json::json!(measures));
    let names = names(&d);
    assert_eq!(names.len(), g.character_count());
    let scenes = column(&d["scenes"]);
    let values: Vec<Vec<f64>> = d["values"].as_array().expect("values").iter().map(column).collect();
    assert_eq!(values.len(), Measure::ALL.len());
    let positions = positions(&d);
    assert_eq!(positions.len(), g.character_count());
    for (id, c) in g.characters().enumerate() {
        assert_eq!(names[id], c.name.as_str());
        assert_eq!(scenes[id], c.scenes as f64);
        for (k, &m) in Measure::ALL.iter().enumerate() {
            // Every value exactly as computed, bit for bit.
            assert_eq!(
                values[k][id].to_bits(),
                scores.value(m, id).to_bits(),
                "{} {}",
                c.name,
                m.name()
            );
        }
        let (x, y) = positions[id];
        for v in [x, y] {
            assert!((0.0..=castgraph::output::layout::SIZE).contains(&v));
        }
    }
    // Ranked by the size measure as `graph central` ranks.
    let ranking: Vec<usize> = column(&d["ranking"]).into_iter().map(|v| v as usize).collect();
    assert_eq!(ranking, scores.ranking(&g, Measure::Pagerank));
    let mut got = ties(&d);
    got.sort_by_key(|t| (t.0, t.1));
    let mut expected: Vec<_> = g
        .ties()
        .map(|(a, b, t)| (a.min(b) as u64, a.max(b) as u64, t.weight, t.scenes))
        .collect();
    expected.sort_by_key(|t| (t.0, t.1));
    assert_eq!(got, expected);
    let weights: Vec<f64> = ties(&d).iter().map(|t| t.2).collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "strongest first: {weights:?}");
    // Components: Carly's (4), Julie's (2) by pagerank lead, then Zoë alone.
    let groups: Vec<(&str, u64)> = d["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| (g["label"].as_str().expect("label"), g["count"].as_u64().expect("count")))
        .collect();
    assert_eq!(
        groups,
        [("Carly’s component", 4), ("Denzel’s component", 2), ("no ties", 1)]
    );
    // The caption gives the summary and how the measures were computed.
    assert!(page.contains("7 characters, 5 ties, 3 connected components (largest: 4 characters)"));
    assert!(page.contains(&html::escape_html(&scores.describe().to_string())));
}

#[test]
fn options_choose_size_and_colour() {
    let g = small_graph();
    let scores = Scores::compute(&g, &CentralityOptions::default());
    let communities = [usize::MAX, usize::MAX, 7, 7, 0, 0, 0]; // any numbers, however sparse
    let opts = HtmlOptions {
        size_by: Measure::Betweenness,
        seed: 3,
        communities: Some(&communities),
        title: String::new(),
        wording: &castgraph::util::wording::Plain,
        ..HtmlOptions::default()
    };
    let mut out = Vec::new();
    html::write(&g, &scores, &opts, &mut out).expect("writes");
    let page = String::from_utf8(out).expect("UTF-8");
    let d = data(&page);
    assert_eq!(d["size_by"], "betweenness");
    assert_eq!(d["colour_by"], "community");
    assert_eq!(d["title"], "castgraph", "an empty title falls back to castgraph");
    let group_of: Vec<u64> = column(&d["group"]).into_iter().map(|g| g as u64).collect();
    assert_eq!(group_of[0], group_of[1]);
    assert_ne!(group_of[1], group_of[2]);
    assert_eq!(group_of[4], group_of[5]);
    let labels: Vec<&str> = d["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["label"].as_str().expect("label"))
        .collect();
    assert_eq!(labels.len(), 3);
    assert!(
        labels[0].starts_with("community 0: "),
        "the largest community first: {labels:?}"
    );
    assert!(
        labels.contains(&format!("community {}: Carly’s", usize::MAX).as_str()),
        "{labels:?}"
    );

    let wrong = HtmlOptions {
        communities: Some(&communities[..2]),
        ..opts
    };
    let err = html::write(&g, &scores, &wrong, &mut Vec::new()).expect_err("wrong length");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

#[test]
fn hostile_names_cannot_escape_the_data() {
    let g = torture_graph();
    let page = render(&g, &title("</title><script>alert(1)</script>"));
    assert!(!page.contains("</script><script>alert(1)"));
    assert!(!page.contains("<img src=x"));
    assert!(!page.contains("<img"));
    assert!(!page.contains("<!--<script>"));
    assert!(!page.contains("pwned='script'</script>"));
    assert_eq!(page.matches("<script").count(), 2);
    assert_eq!(page.matches("</script>").count(), 2);
    assert!(!page.contains('\u{2028}'), "U+2028 is escaped");
    // The title is escaped in the markup.
    assert!(page.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
    // The JSON text has no `<`, `>` or `&` at all, and still reads back every name exactly.
    let json = embedded(&page);
    assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
    let d = data(&page);
    let names = names(&d);
    let expected: Vec<&str> = g.characters().map(|c| c.name.as_str()).collect();
    assert_eq!(names, expected);
    assert_eq!(names.len(), TORTURE.len());
}

#[test]
fn empty_and_tiny_graphs_render() {
    for g in [CastGraph::new(), {
        let mut g = CastGraph::new();
        g.add_characters(&["Solo"]);
        g
    }] {
        let page = render(&g, &HtmlOptions::default());
        let d = data(&page);
        assert_eq!(names(&d).len(), g.character_count());
        assert_eq!(positions(&d).len(), g.character_count());
        assert_eq!(ties(&d).len(), g.tie_count());
    }
}

// ---------------------------------------------------------------------------
// In a browser.

fn chromium() -> PathBuf {
    let path = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        path.exists(),
        "Chromium is required for the HTML view tests and was not found at {}: install it with \
         `apt-get install -y chromium` (or set CHROMIUM to its path)",
        path.display()
    );
    path
}

/// Runs headless Chromium on `url` with `args`, in a fresh profile, and
/// returns its output; fails after 60 s.
fn run_chromium(args: &[String], url: &str) -> Output {
    let profile = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        "--virtual-time-budget=5000",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(args)
    .arg(url)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start Chromium");
    // Read both pipes while waiting: a large DOM would fill a pipe and block Chromium.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for Chromium") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = Output {
        status,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    };
    assert!(
        out.status.success(),
        "Chromium failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Writes `page` to a temporary directory; returns the directory and the file's URL.
fn page_file(page: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("view.html");
    std::fs::write(&path, page).expect("write page");
    let url = format!("file://{}", path.display());
    (dir, url)
}

/// The DOM after the page's scripts ran, as Chromium serialises it.
fn dump_dom(page: &str, fragment: &str) -> String {
    dump_dom_sized(page, fragment, "1200,800")
}

/// [`dump_dom`] in a window of `size` (`width,height`).
fn dump_dom_sized(page: &str, fragment: &str, size: &str) -> String {
    let (_dir, url) = page_file(page);
    let out = run_chromium(
        &["--dump-dom".to_string(), format!("--window-size={size}")],
        &format!("{url}{fragment}"),
    );
    String::from_utf8(out.stdout).expect("DOM is UTF-8")
}

/// A screenshot of the page as (width, height, RGBA pixels).
fn screenshot(page: &str, fragment: &str, save_as: Option<&Path>) -> (u32, u32, Vec<u8>) {
    let (dir, url) = page_file(page);
    let shot = dir.path().join("shot.png");
    run_chromium(
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,800".to_string(),
        ],
        &format!("{url}{fragment}"),
    );
    let bytes = std::fs::read(&shot).expect("Chromium wrote the screenshot");
    if let Some(path) = save_as {
        std::fs::write(path, &bytes).expect("save the screenshot");
    }
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("buffer size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    assert_eq!(info.color_type, png::ColorType::Rgba);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// The text content of the element with `id` in serialised HTML.
fn element_text<'a>(dom: &'a str, id: &str) -> &'a str {
    let at = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in {dom}"));
    let start = at + dom[at..].find('>').expect("tag ends") + 1;
    let end = start + dom[start..].find("</").expect("element closes");
    &dom[start..end]
}

/// How Chromium serialises text content.
fn as_html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

fn assert_cast_listed(dom: &str, g: &CastGraph) {
    let start = dom.find("id=\"cast-list\"").expect("cast list");
    let end = start + dom[start..].find("</ul>").expect("list closes");
    let items = &dom[start..end];
    for c in g.characters() {
        let li = format!("<li>{}</li>", as_html_text(&c.name));
        assert!(items.contains(&li), "{li} missing from the cast list");
    }
    assert_eq!(items.matches("<li>").count(), g.character_count());
}

#[test]
fn browser_draws_s1_with_colours() {
    let g = built("data/s1.csv");
    let page = render(&g, &title("Backstage S01E14"));
    let (w, h, px) = screenshot(&page, "", None);
    assert_eq!((w, h), (1200, 800));
    let background = [0xfa, 0xfa, 0xf8];
    let mut ink = 0usize;
    let mut hues = HashSet::new();
    for p in px.chunks_exact(4) {
        let (r, g, b) = (p[0] as i32, p[1] as i32, p[2] as i32);
        if (r - background[0]).abs() + (g - background[1]).abs() + (b - background[2]).abs() > 24 {
            ink += 1;
        }
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        if max - min > 60 {
            // A saturated pixel: bucket its colour coarsely.
            hues.insert((r / 48, g / 48, b / 48));
        }
    }
    let share = ink as f64 / (w * h) as f64;
    assert!(share > 0.03, "only {:.1}% of the pixels are drawn", share * 100.0);
    assert!(hues.len() >= 3, "only {} distinct colours: {hues:?}", hues.len());
}

#[test]
fn browser_search_from_the_url() {
    let g = built("data/s1.csv");
    let page = render(&g, &title("Backstage S01E14"));
    let dom = dump_dom(&page, "#search=Carly");
    assert_eq!(element_text(&dom, "search-result"), "1 match: Carly");
    assert!(dom.contains("data-drawn=\"10\""), "{dom}");
    assert_cast_listed(&dom, &g);
    for name in S1_NAMES {
        assert!(dom.contains(name), "{name}");
    }
    // The single match is selected: its details list its ties, strongest first.
    let details = &dom[dom.find("id=\"details\"").expect("details")..];
    let details = &details[..details.find("</section>").expect("details close")];
    assert!(details.contains("Carly"), "{details}");
    let (v, s) = (
        details.find("Vanessa").expect("Vanessa"),
        details.find("Sasha").expect("Sasha"),
    );
    assert!(v < s, "Vanessa (2 scenes) before Sasha (1): {details}");
    for m in Measure::ALL {
        assert!(details.contains(m.name()), "{}", m.name());
    }

    // Case-insensitive, several matches, the largest (by pagerank) first.
    let dom = dump_dom(&page, "#search=AR");
    assert_eq!(
        element_text(&dom, "search-result"),
        "4 matches: Carly, Mr. Park, Scarlett, Maria"
    );
    let dom = dump_dom(&page, "#search=nobody");
    assert_eq!(element_text(&dom, "search-result"), "no match");
}

#[test]
fn browser_lesmis_accents_and_size() {
    let g = built("tests/fixtures/lesmis.csv");
    assert_eq!(g.character_count(), 77);
    let mut with_accent = CastGraph::new();
    for (a, b, _) in g.ties() {
        let rename = |id: usize| match g.character(id).name.as_str() {
            "Valjean" => "Jean Valjéan".to_string(),
            other => other.to_string(),
        };
        with_accent.add_characters(&[rename(a).as_str(), rename(b).as_str()]);
    }
    let page = render(&with_accent, &title("Les Misérables"));
    let dom = dump_dom(&page, "#search=VALJEAN");
    assert_eq!(element_text(&dom, "search-result"), "1 match: Jean Valjéan");
    assert!(dom.contains("data-drawn=\"77\""));
    assert_cast_listed(&dom, &with_accent);
}

#[test]
fn browser_runs_no_script_from_names() {
    let g = torture_graph();
    let page = render(
        &g,
        &title("</title><script>document.body.dataset.pwned='title'</script>"),
    );
    let dom = dump_dom(&page, "#search=script");
    // The names' payloads set `data-pwned` on <body> if they ever run.
    assert!(!dom.contains("data-pwned"), "a name ran script: {dom}");
    assert_eq!(dom.matches("<script").count(), 2, "{dom}");
    assert!(!dom.contains("<img"), "{dom}");
    assert!(dom.contains(&format!("data-drawn=\"{}\"", TORTURE.len())), "{dom}");
    assert_cast_listed(&dom, &g);
    assert!(element_text(&dom, "search-result").starts_with("3 matches: "), "{dom}");

    // The detector works: the same payload pasted into the markup does run.
    let payload = "<img src=x onerror=\"document.body.dataset.pwned='img'\">";
    let injected = page.replacen("<ul id=\"cast-list\"", &format!("{payload}<ul id=\"cast-list\""), 1);
    assert!(
        dump_dom(&injected, "").contains("data-pwned=\"img\""),
        "the control payload did not run"
    );
}

/// Runs `driver` (JavaScript) after the view's script, with an error catcher
/// installed before it, and returns the DOM afterwards.
fn drive(page: &str, driver: &str) -> String {
    let catcher = "<script>window.errors = []; addEventListener('error', (e) => { errors.push(String(e.message)); \
                   document.body.dataset.errors = errors.join(' | '); });</script>";
    let page = page.replacen(
        "<meta charset=\"utf-8\">",
        &format!("<meta charset=\"utf-8\">{catcher}"),
        1,
    );
    let page = page.replacen("</body>", &format!("<script>{driver}</script></body>"), 1);
    dump_dom(&page, "")
}

#[test]
fn browser_hover_click_zoom_and_search_box() {
    let g = built("data/s1.csv");
    let page = render(&g, &title("Backstage S01E14"));
    // Sweep the pointer over the canvas until the details show someone, then
    // click there, leave, zoom with the buttons, the wheel and the keyboard, drag, and type a search.
    let driver = r#"
      const canvas = document.getElementById('view');
      const details = document.getElementById('details');
      const r = canvas.getBoundingClientRect();
      const at = (type, x, y, extra) => canvas.dispatchEvent(new PointerEvent(type,
        Object.assign({ clientX: x, clientY: y, bubbles: true, pointerId: 1, isPrimary: true }, extra || {})));
      let hit = null;
      for (let y = r.top + 2; y < r.bottom && !hit; y += 6) {
        for (let x = r.left + 2; x < r.right && !hit; x += 6) {
          at('pointermove', x, y);
          if (details.querySelector('h2')) hit = { x, y, name: details.querySelector('h2').textContent };
        }
      }
      const out = {};
      if (hit) {
        out.hovered = hit.name;
        out.hoverTies = details.querySelectorAll('li').length;
        out.hoverRows = details.querySelectorAll('tr').length;
        at('pointerdown', hit.x, hit.y);
        at('pointerup', hit.x, hit.y);
        at('pointerleave', hit.x, hit.y);
        out.pinned = details.querySelector('h2') ? details.querySelector('h2').textContent : 'none';
        canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        out.unpinned = details.querySelector('h2') ? 'still pinned' : 'hint';
      }
      document.getElementById('zoom-in').click();
      document.getElementById('zoom-out').click();
      document.getElementById('zoom-fit').click();
      canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: -300, clientX: r.left + 200, clientY: r.top + 200, bubbles: true, cancelable: true }));
      canvas.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
      canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
      at('pointerdown', r.left + 5, r.top + 5);
      at('pointermove', r.left + 60, r.top + 70);
      at('pointerup', r.left + 60, r.top + 70);
      const box = document.getElementById('search');
      box.value = 'zOË';
      box.dispatchEvent(new Event('input'));
      out.none = document.getElementById('search-result').textContent;
      box.value = 'MILES';
      box.dispatchEvent(new Event('input'));
      out.search = document.getElementById('search-result').textContent;
      out.afterSearch = details.querySelector('h2') ? details.querySelector('h2').textContent : 'none';
      box.value = '';
      box.dispatchEvent(new Event('input'));
      out.cleared = document.getElementById('search-result').textContent;
      requestAnimationFrame(() => { document.body.dataset.result = JSON.stringify(out); });
    "#;
    let dom = drive(&page, driver);
    assert!(!dom.contains("data-errors"), "the page threw: {dom}");
    let start = dom.find("data-result=\"").expect("the driver finished") + "data-result=\"".len();
    let raw = &dom[start..start + dom[start..].find('"').expect("attribute closes")];
    let json = raw.replace("&quot;", "\"").replace("&amp;", "&");
    let out: serde_json::Value = serde_json::from_str(&json).expect("driver result");
    let hovered = out["hovered"].as_str().expect("hovering a node shows its details");
    let id = g.id_of(hovered).expect("a character");
    assert_eq!(out["hoverTies"], g.neighbours(id).count());
    assert_eq!(out["hoverRows"], Measure::ALL.len());
    assert_eq!(out["pinned"], hovered, "a click pins the details");
    assert_eq!(out["unpinned"], "hint", "Escape unpins");
    assert_eq!(out["none"], "no match");
    assert_eq!(out["search"], "1 match: Miles");
    assert_eq!(out["afterSearch"], "Miles");
    assert_eq!(out["cleared"], "");
}

/// Regenerates `docs/cast-s1.png`: `cargo test --test html -- --ignored docs_screenshot`.
#[test]
#[ignore]
fn docs_screenshot() {
    let g = built("data/s1.csv");
    let page = render(&g, &title("Backstage, season 1, episode 14"));
    std::fs::create_dir_all(repo("docs")).expect("docs/");
    screenshot(&page, "#search=Carly", Some(&repo("docs/cast-s1.png")));
}

#[test]
fn title_description_and_an_embeddable_page() {
    let g = small_graph();
    let opts = HtmlOptions {
        title: "Backstage, S01E14".to_string(),
        description: Some("Who shares scenes with whom in \"Twelve Hours to Showtime\".".to_string()),
        ..HtmlOptions::default()
    };
    let page = render(&g, &opts);
    assert!(page.contains("<h1 id=\"title\">Backstage, S01E14</h1>"));
    assert!(
        page.contains("<p id=\"description\">Who shares scenes with whom in &quot;Twelve Hours to Showtime&quot;.</p>")
    );
    assert!(page.contains("<meta name=\"description\" content=\"Who shares scenes"));
    let embed = render(&g, &HtmlOptions { embed: true, ..opts });
    assert!(embed.contains("<body class=\"embed\">") && !embed.contains("<header>"));
    // In a 700 x 480 iframe the legend is folded to one line in a corner: it
    // covers no more than a sliver of the graph.
    let dom = dump_dom_sized(&embed, "", "700,480");
    let legend = attribute(&dom, "data-legend").expect("the page reports the legend's box");
    let [x, y, w, h]: [i64; 4] = legend
        .split(',')
        .map(|v| v.parse().unwrap())
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    assert!(h <= 32 && w <= 220, "legend {legend}");
    assert!(x + w <= 700 && y + h <= 480 && y >= 300, "legend {legend}");
}

#[test]
fn many_small_communities_are_counted_in_good_english() {
    // Twelve separate pairs: nine get a colour, three share the "other" one.
    let mut g = CastGraph::new();
    for i in 0..12 {
        g.add_characters(&[&format!("A{i}"), &format!("B{i}")]);
    }
    let scores = Scores::compute(&g, &CentralityOptions::default());
    let communities: Vec<usize> = (0..24).map(|i| i / 2 + 1).collect();
    let page = render(
        &g,
        &HtmlOptions {
            communities: Some(&communities),
            ..HtmlOptions::default()
        },
    );
    let _ = scores;
    let labels: Vec<String> = data(&page)["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["label"].as_str().unwrap().to_string())
        .collect();
    assert!(labels.contains(&"3 other communities".to_string()), "{labels:?}");
}

/// The value of attribute `name` in a serialised DOM (its first occurrence).
fn attribute(dom: &str, name: &str) -> Option<String> {
    let start = dom.find(&format!("{name}=\""))? + name.len() + 2;
    let end = dom[start..].find('"')? + start;
    Some(dom[start..end].to_string())
}

#[test]
fn sampled_measures_are_marked_as_estimates() {
    let g = built("tests/fixtures/lesmis.csv");
    let exact = render(&g, &title("exact"));
    let d = data(&exact);
    assert_eq!(d["estimated"], serde_json::json!([]));
    assert!(d.get("estimate_note").is_none());

    let options = CentralityOptions {
        sample: Some(castgraph::analysis::centrality::Sample { pivots: 20, seed: 42 }),
        ..CentralityOptions::default()
    };
    let scores = Scores::compute(&g, &options);
    for by_default in [false, true] {
        let opts = HtmlOptions {
            sampled_by_default: by_default,
            ..title("sampled")
        };
        let mut out = Vec::new();
        html::write(&g, &scores, &opts, &mut out).expect("writes");
        let page = String::from_utf8(out).expect("UTF-8");
        let d = data(&page);
        assert_eq!(
            d["estimated"],
            serde_json::json!(["betweenness", "closeness", "harmonic"])
        );
        let note = d["estimate_note"].as_str().expect("a note");
        assert!(note.contains("from 20 of the 77 characters"), "{note}");
        assert_eq!(note.contains("exact"), by_default, "{note}");
        // The caption states the error bound.
        assert!(page.contains("Hoeffding"));
    }
}
