//! `graph timeline`: per-episode and cumulative centralities against the
//! NetworkX golden of Curb Your Enthusiasm season 9
//! (`tests/fixtures/golden/curb-s9.timeline.csv`, from
//! `scripts/reference-timeline.py`), grouping by a column, the output
//! formats and the bump chart.
//!
//! `docs/timeline-curb-s9.svg` and `.png` are regenerated with
//! `cargo test --test timeline -- --ignored docs_plot`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use castgraph::analysis::centrality::{CentralityOptions, Distance, Measure, Scores};
use castgraph::analysis::timeline::{GroupBy, Quantity, Timeline, TimelineOptions, timeline};
use castgraph::output::bump_chart::{PlotOptions, bump_chart, lines};
use castgraph::{BuildOptions, CastGraph};

/// The tolerance of `tests/reference.rs`, for every measure.
const TOLERANCE: f64 = 1e-9;

fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn curb() -> PathBuf {
    repo("tests/fixtures/ezlinavis/curb-your-enthusiasm-season-9-2017.txt")
}

fn run(paths: &[PathBuf], cumulative: bool, distance: Distance) -> Timeline {
    timeline(
        paths,
        &TimelineOptions {
            cumulative,
            centrality: CentralityOptions {
                distance,
                sample: None,
                ..Default::default()
            },
            ..TimelineOptions::default()
        },
    )
    .unwrap()
}

/// (mode, distance, episode) → rows of (character, column → value), in file order.
type Golden = HashMap<(String, String, String), Vec<(String, HashMap<String, f64>)>>;

fn golden() -> (Golden, Vec<String>) {
    let mut r = csv::Reader::from_path(repo("tests/fixtures/golden/curb-s9.timeline.csv")).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let mut out: Golden = HashMap::new();
    let mut episodes = Vec::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        if !episodes.contains(&rec[2].to_string()) {
            episodes.push(rec[2].to_string());
        }
        let values = headers[4..]
            .iter()
            .zip(rec.iter().skip(4))
            .map(|(h, v)| (h.clone(), v.parse().unwrap()))
            .collect();
        out.entry((rec[0].to_string(), rec[1].to_string(), rec[2].to_string()))
            .or_default()
            .push((rec[3].to_string(), values));
    }
    (out, episodes)
}

#[test]
fn curb_s9_matches_networkx_episode_by_episode_and_cumulative() {
    let (golden, episodes) = golden();
    for (mode, cumulative) in [("episode", false), ("cumulative", true)] {
        for (dist, distance) in [("inverse", Distance::Inverse), ("hops", Distance::Hops)] {
            let t = run(&[curb()], cumulative, distance);
            let keys: Vec<&str> = t.groups.iter().map(|g| g.key.as_str()).collect();
            assert_eq!(keys, episodes, "groups in order of first appearance");
            for g in &t.groups {
                let rows = &golden[&(mode.to_string(), dist.to_string(), g.key.clone())];
                let names: Vec<&str> = g.members.iter().map(|&m| t.name(m)).collect();
                let want: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
                assert_eq!(names, want, "{mode} {dist} {}: characters", g.key);
                for (id, (name, values)) in rows.iter().enumerate() {
                    assert_eq!(g.values(Quantity::Scenes)[id], values["scenes"]);
                    for m in Measure::ALL {
                        let (got, want) = (g.values(Quantity::Measure(m))[id], values[m.name()]);
                        assert!(
                            (got - want).abs() <= TOLERANCE,
                            "{mode} {dist} {}: {} of {name}: {got} vs NetworkX {want}",
                            g.key,
                            m.name()
                        );
                    }
                }
            }
        }
    }
}

fn build(path: &Path) -> CastGraph {
    castgraph::build::from_files(&[path.to_path_buf()], &BuildOptions::default())
        .unwrap()
        .0
}

#[test]
fn cumulative_last_group_is_the_whole_graph() {
    let t = run(&[curb()], true, Distance::Inverse);
    let whole = build(&curb());
    let scores = Scores::compute(&whole, &CentralityOptions::default());
    for g in [t.groups.last().unwrap(), &t.whole] {
        assert_eq!(g.len(), whole.character_count());
        assert_eq!(g.ties, whole.tie_count());
        assert_eq!(g.total_weight, whole.total_weight());
        for (id, c) in whole.characters().enumerate() {
            assert_eq!(t.name(g.members[id]), c.name);
            assert_eq!(g.values(Quantity::Scenes)[id], c.scenes as f64);
            for m in Measure::ALL {
                let got = g.values(Quantity::Measure(m))[id];
                assert_eq!(got, scores.value(m, id), "{} of {}", m.name(), c.name);
            }
        }
        for q in [Quantity::Scenes, Quantity::Measure(Measure::Pagerank)] {
            let ranking: Vec<usize> = match q {
                Quantity::Measure(m) => scores.ranking(&whole, m),
                Quantity::Scenes => castgraph::analysis::centrality::rank(&whole, g.values(q)),
            };
            let ranks = g.ranks(q);
            for (i, id) in ranking.into_iter().enumerate() {
                assert_eq!(ranks[id] as usize, i + 1);
            }
        }
    }
}

fn graph(dir: &Path, args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("graph"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = graph(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn cli_cumulative_csv_ends_with_graph_central() {
    let dir = tempfile::tempdir().unwrap();
    let file = curb();
    let file = file.to_str().unwrap();
    let csv_text = ok(dir.path(), &["timeline", file, "--cumulative", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        r.headers().unwrap(),
        vec!["episode", "character", "measure", "value", "rank"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let last = &rows.last().unwrap()[0];
    assert_eq!(last, "9x10: \"Fatwa!\"");
    // graph central's numbers for the whole season.
    ok(dir.path(), &["build", file, "-o", "g.json", "--quiet"]);
    let central = ok(
        dir.path(),
        &["central", "--graph", "g.json", "--top", "0", "--format", "csv"],
    );
    let mut r = csv::Reader::from_reader(central.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let mut want: HashMap<(String, String), (String, String)> = HashMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        for (h, v) in headers.iter().zip(rec.iter()).skip(2) {
            // In central, `rank` is the pagerank rank.
            let rank = if h == "pagerank" {
                rec[0].to_string()
            } else {
                String::new()
            };
            want.insert((rec[1].to_string(), h.clone()), (v.to_string(), rank));
        }
    }
    let mut seen = 0;
    for row in rows.iter().filter(|r| &r[0] == last) {
        let (value, rank) = &want[&(row[1].to_string(), row[2].to_string())];
        assert_eq!(&row[3], value, "{} {}", &row[1], &row[2]);
        if !rank.is_empty() {
            assert_eq!(&row[4], rank);
        }
        seen += 1;
    }
    assert_eq!(seen, want.len());
}

#[test]
fn cli_formats_parse() {
    let dir = tempfile::tempdir().unwrap();
    let file = curb();
    let file = file.to_str().unwrap();
    let t = run(&[curb()], false, Distance::Inverse);
    let characters: usize = t.groups.iter().map(|g| g.len()).sum();
    let csv_text = ok(
        dir.path(),
        &["timeline", file, "--format", "csv", "--measures", "pagerank"],
    );
    // scenes, degree, strength, pagerank.
    assert_eq!(csv_text.lines().count(), 1 + 4 * characters);
    let json = ok(
        dir.path(),
        &["timeline", file, "--format", "json", "--measures", "degree,betweenness"],
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 4 * characters);
    assert_eq!(rows[0]["episode"], "9x01: \"Foisted!\"");
    assert_eq!(rows[0]["character"], "Larry");
    assert_eq!(rows[0]["measure"], "scenes");
    assert!(rows[0]["value"].is_u64() && rows[0]["rank"] == 1);
    let measures: Vec<&str> = rows[..4].iter().map(|r| r["measure"].as_str().unwrap()).collect();
    assert_eq!(measures, ["scenes", "degree", "strength", "betweenness"]);
    let table = ok(dir.path(), &["timeline", file, "--top", "3", "--rank-by", "strength"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("rank by strength, episode by episode"), "{table}");
    assert!(
        lines[1]
            .split_whitespace()
            .eq(["character", "all", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"])
    );
    assert!(lines[2].starts_with(" Larry"), "{table}");
    assert_eq!(lines.len(), 2 + 3 + 10, "{table}");
}

#[test]
fn by_season_column_of_an_edge_list() {
    let seasons = repo("tests/fixtures/inputs/edges-seasons.csv");
    let t = timeline(
        std::slice::from_ref(&seasons),
        &TimelineOptions {
            by: GroupBy::parse("season"),
            ..TimelineOptions::default()
        },
    )
    .unwrap();
    let keys: Vec<&str> = t.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["1", "2", "3"]);
    let s2 = &t.groups[1];
    assert_eq!(s2.total_weight, 14.0);
    let id = |name: &str| t.names.iter().position(|n| n == name).unwrap() as u32;
    assert_eq!(s2.values(Quantity::Scenes)[s2.position(id("Cleo")).unwrap()], 2.0);
    assert!(s2.position(id("Finn")).is_some() && t.groups[0].position(id("Finn")).is_none());
    // Numeric keys come in numeric order, whatever the file's order.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    std::fs::write(&path, "season,characters\n10,A;B\n2,A;C\n1,B;C\n2,C;D\n").unwrap();
    let t = timeline(
        &[path],
        &TimelineOptions {
            by: GroupBy::parse("season"),
            cumulative: true,
            ..TimelineOptions::default()
        },
    )
    .unwrap();
    let keys: Vec<&str> = t.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["1", "2", "10"]);
    assert_eq!(t.groups[1].ties, 3);
}

#[test]
fn unknown_by_column_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let seasons = repo("tests/fixtures/inputs/edges-seasons.csv");
    let out = graph(dir.path(), &["timeline", seasons.to_str().unwrap(), "--by", "mood"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.ends_with(
            "no column `mood` (columns found: `Source`, `Target`, `Weight`, `Season`) \
             (check the column name given to --where, --weight or --by)\n"
        ),
        "{stderr}"
    );
}

/// Checks the chart and returns its size.
fn check_svg(svg: &str, t: &Timeline, top: usize) -> (u32, u32) {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut size = (0, 0);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(e)) if e.name().as_ref() == "svg" => {
                for a in e.attributes() {
                    let a = a.unwrap();
                    let v: u32 = a.value.parse().unwrap_or(0);
                    match a.key.as_ref() {
                        "width" => size.0 = v,
                        "height" => size.1 = v,
                        _ => {}
                    }
                }
            }
            Ok(_) => {}
            Err(e) => panic!("the SVG is not well-formed XML: {e}"),
        }
    }
    let opts = PlotOptions {
        quantity: Quantity::Measure(Measure::Pagerank),
        top,
        characters: None,
        title: None,
    };
    let lines = lines(t, &opts);
    assert_eq!(lines.len(), top);
    for l in &lines {
        assert!(
            svg.contains(&format!("\n{}\n</text>", l.name)),
            "{} is labelled",
            l.name
        );
        // One polyline per run of two or more consecutive episodes.
        let runs = l.ranks.split(Option::is_none).filter(|run| run.len() >= 2).count();
        let stroke = format!("stroke=\"#{:02X}{:02X}{:02X}\"", l.colour.0, l.colour.1, l.colour.2);
        let polylines = svg
            .lines()
            .filter(|s| s.starts_with("<polyline") && s.contains(&stroke))
            .count();
        assert_eq!(polylines, runs, "{}: polylines", l.name);
    }
    size
}

#[test]
fn plot_is_a_well_formed_bump_chart() {
    for cumulative in [false, true] {
        let t = run(&[curb()], cumulative, Distance::Inverse);
        let svg = bump_chart(
            &t,
            &PlotOptions {
                quantity: Quantity::Measure(Measure::Pagerank),
                top: 10,
                characters: None,
                title: None,
            },
        )
        .unwrap();
        check_svg(&svg, &t, 10);
        if cumulative {
            // Nobody leaves a cumulative graph: one unbroken line each.
            for l in lines(
                &t,
                &PlotOptions {
                    quantity: Quantity::Measure(Measure::Pagerank),
                    top: 10,
                    characters: None,
                    title: None,
                },
            ) {
                let first = l.ranks.iter().position(Option::is_some).unwrap();
                assert!(l.ranks[first..].iter().all(Option::is_some), "{}", l.name);
            }
        }
    }
}

#[test]
fn cli_plot_is_written_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let file = curb();
    ok(
        dir.path(),
        &["timeline", file.to_str().unwrap(), "--plot", "curb.svg", "--top", "8"],
    );
    let svg = std::fs::read_to_string(dir.path().join("curb.svg")).unwrap();
    let t = run(&[curb()], false, Distance::Inverse);
    let (w, h) = check_svg(&svg, &t, 8);
    assert!(w >= 640 && h >= 300, "{w}x{h}");
    let png = render(&dir.path().join("curb.svg"), (w, h), &dir.path().join("curb.png"));
    let (pw, ph, px) = decode(&png);
    assert_eq!((pw, ph), (w, h));
    let ink = px.chunks(4).filter(|p| p[0] < 200 || p[1] < 200 || p[2] < 200).count();
    let share = ink as f64 / (pw * ph) as f64;
    assert!(share > 0.01 && share < 0.5, "{share} of the pixels are drawn");
}

/// Chromium renders the chart; like `tests/html.rs`, the test fails rather
/// than skips when it is missing (`.ci/run` installs it).
fn chromium() -> PathBuf {
    let path = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        path.exists(),
        "Chromium is required to render the chart and was not found at {}: install it with \
         `apt-get install -y chromium` (or set CHROMIUM to its path)",
        path.display()
    );
    path
}

/// Renders an SVG file to PNG with headless Chromium.
fn render(svg: &Path, (w, h): (u32, u32), png: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-extensions",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--window-size={w},{h}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", svg.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success() && png.exists(), "Chromium rendered the SVG");
    png.to_path_buf()
}

fn decode(png_path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png_path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let px = buf[..info.buffer_size()]
        .chunks(channels)
        .flat_map(|p| [p[0], p[1 % channels], p[2 % channels], 255])
        .collect();
    (info.width, info.height, px)
}

/// Regenerates the README's chart: `cargo test --test timeline -- --ignored docs_plot`.
#[test]
#[ignore]
fn docs_plot() {
    let dir = tempfile::tempdir().unwrap();
    let file = curb();
    let svg = repo("docs/timeline-curb-s9.svg");
    ok(
        dir.path(),
        &["timeline", file.to_str().unwrap(), "--plot", svg.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    let t = run(&[curb()], false, Distance::Inverse);
    let size = check_svg(&text, &t, 10);
    render(&svg, size, &repo("docs/timeline-curb-s9.png"));
}

#[test]
fn keys_that_are_the_same_number_are_one_group() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.csv");
    std::fs::write(
        &path,
        "episode,characters\n01,A;B\n1,B;C\n2,A;C\n1.0,C;D\n10,A;D\n1e1,B;D\n",
    )
    .unwrap();
    let t = timeline(&[path], &TimelineOptions::default()).unwrap();
    let keys: Vec<&str> = t.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["01", "2", "10"], "named by the spelling seen first");
    assert_eq!(t.groups[0].ties, 3);
    assert_eq!(t.groups[0].len(), 4);
    assert_eq!(t.groups[2].ties, 2);
}

/// `graph timeline` of a saved graph (issue 15 point 10) is the timeline of
/// the files it was built from, with the options it was built with: the
/// same groups, characters, values and ranks, to the bit. Over every kind
/// of input and each weighting rule and graph filter.
#[test]
fn a_saved_graph_cuts_into_the_same_timeline_as_its_files() {
    use castgraph::analysis::timeline::timeline_of_graph;
    use castgraph::build::filter::Filters;
    use castgraph::input::weight::WeightRule;
    let dir = tempfile::tempdir().unwrap();
    let screenplay = repo("tests/fixtures/screenplays/bakery.fountain");
    let inputs: Vec<(Vec<PathBuf>, BuildOptions, Option<usize>)> = vec![
        (vec![curb()], BuildOptions::default(), None),
        (
            vec![repo("tests/fixtures/ezlinavis/shakespeare-hamlet-c1599-1602.txt")],
            BuildOptions::default(),
            None,
        ),
        (
            vec![repo("tests/fixtures/sgb/jean.dat")],
            BuildOptions::default(),
            Some(1),
        ),
        (vec![repo("tests/fixtures/sgb/huck.dat")], BuildOptions::default(), None),
        (vec![repo("tests/fixtures/tei/play.xml")], BuildOptions::default(), None),
        (vec![screenplay.clone()], BuildOptions::default(), None),
        (
            vec![repo("tests/fixtures/inputs/edges-seasons.csv")],
            BuildOptions::default(),
            None,
        ),
        (
            vec![repo("tests/fixtures/inputs/season.csv"), repo("data/s1.csv")],
            BuildOptions {
                weight: WeightRule::Newman,
                aliases: Some(repo("tests/fixtures/inputs/aliases.csv")),
                ..Default::default()
            },
            None,
        ),
        (
            vec![repo("tests/fixtures/inputs/season.csv")],
            BuildOptions {
                weight: WeightRule::Column("minutes".into()),
                ..Default::default()
            },
            None,
        ),
        (
            vec![curb()],
            BuildOptions {
                filters: Filters {
                    min_scenes: 4,
                    min_weight: 2.0,
                    drop_isolated: true,
                    ..Default::default()
                },
                ..Default::default()
            },
            None,
        ),
        (
            vec![repo("tests/fixtures/sgb/jean.dat")],
            BuildOptions {
                filters: Filters {
                    min_scenes: 10,
                    ..Default::default()
                },
                ..Default::default()
            },
            Some(2),
        ),
    ];
    let mut compared = 0;
    for (k, (files, build, prefix)) in inputs.into_iter().enumerate() {
        let (graph, _) = castgraph::build::from_files(&files, &build).unwrap();
        let saved = dir.path().join(format!("g{k}.json"));
        castgraph::graph::store::save(&graph, &saved).unwrap();
        let loaded = castgraph::graph::store::load(&saved).unwrap();
        for cumulative in [false, true] {
            let opts = TimelineOptions {
                build: build.clone(),
                prefix,
                cumulative,
                measures: vec![Measure::Pagerank, Measure::Betweenness, Measure::Eigenvector],
                ..Default::default()
            };
            let from_files = timeline(&files, &opts).unwrap();
            let from_graph = timeline_of_graph(&loaded, &saved, &opts).unwrap();
            let what = format!("{files:?} {build:?} cumulative {cumulative}");
            assert!(!from_files.groups.is_empty(), "{what}");
            let keys = |t: &Timeline| t.groups.iter().map(|g| g.key.clone()).collect::<Vec<_>>();
            assert_eq!(keys(&from_graph), keys(&from_files), "{what}");
            for (a, b) in from_graph
                .groups
                .iter()
                .chain([&from_graph.whole])
                .zip(from_files.groups.iter().chain([&from_files.whole]))
            {
                let names = |t: &Timeline, g: &castgraph::analysis::timeline::Group| {
                    g.members.iter().map(|&m| t.name(m).to_string()).collect::<Vec<_>>()
                };
                assert_eq!(names(&from_graph, a), names(&from_files, b), "{what} {}", a.key);
                assert_eq!((a.ties, a.total_weight), (b.ties, b.total_weight), "{what} {}", a.key);
                for &q in &from_files.quantities {
                    assert_eq!(a.values(q), b.values(q), "{what} {} {}", a.key, q.name());
                    assert_eq!(a.ranks(q), b.ranks(q), "{what} {} {}", a.key, q.name());
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 250, "{compared} groups compared");
}
