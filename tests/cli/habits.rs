//! The habits of a good command-line tool: shell completions, manual pages,
//! examples at the end of every `--help`.

use crate::{Sandbox, stdout_of};

const COMMANDS: [&str; 11] = [
    "build",
    "central",
    "stats",
    "export",
    "communities",
    "timeline",
    "path",
    "ego",
    "compare",
    "completions",
    "man",
];

#[test]
fn completions_for_every_shell_know_every_command() {
    let sb = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout_of(&mut sb.graph(&["completions", shell]));
        for command in ["build", "central", "timeline"] {
            assert!(script.contains(command), "{shell} completion lacks {command}");
        }
    }
    let bash = stdout_of(&mut sb.graph(&["completions", "bash"]));
    assert!(
        bash.contains("complete -F _graph") && bash.contains("--input-format"),
        "{bash}"
    );
    sb.graph(&["completions", "tcsh"]).assert().failure().code(2);
}

#[test]
fn the_manual_page_renders_and_lists_the_commands() {
    let sb = Sandbox::new();
    let page = stdout_of(&mut sb.graph(&["man"]));
    assert!(page.contains(".TH graph 1"), "{page}");
    for command in ["build", "central", "export"] {
        assert!(page.contains(command), "graph.1 lacks {command}");
    }
    std::fs::create_dir(sb.path("man")).unwrap();
    sb.graph(&["man", "-o", "man"]).assert().success();
    let pages = sb.files_in("man");
    assert!(
        pages.contains(&"graph.1".to_string()) && pages.contains(&"graph-build.1".to_string()),
        "{pages:?}"
    );
    let build = sb.read("man/graph-build.1");
    assert!(
        build.contains("\\-\\-input\\-format") || build.contains("input-format"),
        "{build}"
    );
    // Where man is installed, the page reads (man -l renders roff).
    if std::process::Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        let out = std::process::Command::new("man")
            .args(["-l", "-P", "cat"])
            .arg(sb.path("man/graph.1"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn every_help_ends_with_real_examples() {
    let sb = Sandbox::new();
    for command in COMMANDS {
        let help = stdout_of(&mut sb.graph(&[command, "--help"]));
        let tail = help.rsplit("Examples:").next().unwrap();
        assert!(help.contains("Examples:"), "`graph {command} --help` has no examples");
        let examples: Vec<&str> = tail.lines().filter(|l| l.trim_start().starts_with("graph ")).collect();
        assert!(examples.len() >= 2, "`graph {command} --help`: {examples:?}");
        for example in examples {
            let word = example.split_whitespace().nth(1).unwrap();
            assert!(
                COMMANDS.contains(&word),
                "`graph {command} --help` example `{example}` names no command"
            );
        }
    }
}

#[test]
fn every_csv_writer_can_be_spreadsheet_safe_and_every_command_writes_to_a_file() {
    let sb = Sandbox::new();
    sb.write(
        "f.csv",
        "episode,characters\n1,\"=HYPERLINK(\"\"x\"\");@Ann;Bob\"\n2,\"@Ann;-Dash\"\n2,Bob;Cid\n",
    );
    sb.graph(&["build", "f.csv"]).assert().success();
    sb.graph(&["build", "f.csv", "--episodes", "1", "-o", "one.json"])
        .assert()
        .success();
    let commands: [&[&str]; 7] = [
        &["central"],
        &["stats"],
        &["communities"],
        &["compare", "one.json", "output/graph.json"],
        &["path", "@Ann", "Cid"],
        &["ego", "@Ann"],
        &["timeline", "f.csv"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.extend(["--format", "csv", "--spreadsheet-safe", "-o", "out.csv"]);
        let run = sb.graph(&args).assert().success();
        assert!(
            run.get_output().stdout.is_empty(),
            "{command:?} printed to stdout with -o"
        );
        let text = sb.read("out.csv");
        for bad in ["\"=HYPERLINK", "\n@Ann", ",@Ann", ",-Dash", "\n-Dash"] {
            assert!(!text.contains(bad), "{command:?}: {bad:?} unprotected in\n{text}");
        }
        assert!(
            text.contains("'@Ann") || text.contains("'=HYPERLINK") || command[0] == "stats",
            "{command:?}\n{text}"
        );
        // Numbers stay numbers (`moved` can be negative).
        assert!(!text.contains("'-1") && !text.contains("'-2"), "{command:?}\n{text}");
        // Tables go to the file too.
        let mut table = command.to_vec();
        table.extend(["-o", "out.txt"]);
        sb.graph(&table).assert().success();
        assert!(!sb.read("out.txt").is_empty(), "{command:?}");
    }
}

#[test]
fn a_dash_is_the_standard_input_for_every_input() {
    let sb = Sandbox::new();
    let scenes = sb.read("data/s1.csv");
    let out = stdout_of(sb.graph(&["build", "-", "-o", "in.json"]).write_stdin(scenes.clone()));
    assert!(out.contains("Read 11 scenes from - (wide CSV)"), "{out}");
    let graph = sb.read("in.json");
    let central = stdout_of(sb.graph(&["central", "--graph", "-", "--top", "1"]).write_stdin(graph));
    assert!(central.contains("Carly"), "{central}");
    // Alias file from the standard input.
    let aliases = "alias,name\nMr Park,Mr. Park\n";
    sb.graph(&["build", "data/s1.csv", "--aliases", "-", "-o", "a.json"])
        .write_stdin(aliases)
        .assert()
        .success();
    let timeline = stdout_of(
        sb.graph(&["timeline", "-", "--by", "scene", "--top", "1"])
            .write_stdin(scenes),
    );
    assert!(timeline.contains("Carly") || timeline.contains("Miles"), "{timeline}");
}

#[test]
fn a_unique_part_of_a_name_is_enough() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.path("sgb")).unwrap();
    std::fs::copy(
        crate::repo().join("tests/fixtures/sgb/jean.dat"),
        sb.path("sgb/jean.dat"),
    )
    .unwrap();
    sb.graph(&["build", "sgb/jean.dat"]).assert().success();
    let path = stdout_of(&mut sb.graph(&["path", "valjean", "javert"]));
    assert!(path.starts_with("Jean Valjean → Javert"), "{path}");
    let out = sb.graph(&["path", "mad", "javert"]).assert().failure().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("is part of the names of") && err.contains("give more of the name"),
        "{err}"
    );
}

#[test]
fn extract_is_spreadsheet_safe_too() {
    let sb = Sandbox::new();
    sb.write("cast.csv", "name,aliases\n=Ann,\nBob,\n");
    sb.write("t.txt", "=Ann met Bob.\n\n=Ann left.\n");
    let safe = stdout_of(&mut sb.graph(&["extract", "t.txt", "--cast", "cast.csv", "--spreadsheet-safe"]));
    assert!(safe.contains("'=Ann"), "{safe}");
    assert!(!safe.contains(",=Ann") && !safe.contains("\"=Ann"), "{safe}");
    let suggested = stdout_of(&mut sb.graph(&["extract", "t.txt", "--suggest-cast", "--spreadsheet-safe"]));
    assert!(!suggested.lines().any(|l| l.starts_with('=')), "{suggested}");
}

#[test]
fn options_for_another_format_are_refused_everywhere() {
    let sb = Sandbox::new();
    sb.build_s1();
    for args in [
        &["central", "--format", "json", "--spreadsheet-safe"][..],
        &["stats", "--spreadsheet-safe"],
        &["export", "--csv", "--layout", "neato"],
        &["export", "--csv", "--size-by", "degree"],
        &["export", "--json", "--layout-seed", "3"],
        &["export", "--html", "--layout", "neato"],
        &["extract", "data/s1.csv", "--min-count", "3", "--cast", "x.csv"],
    ] {
        sb.graph(args).assert().code(2);
    }
}

#[test]
fn a_file_given_twice_is_refused() {
    let sb = Sandbox::new();
    sb.graph(&["build", "data/s1.csv", "./data/s1.csv"])
        .assert()
        .code(1)
        .stderr("error: ./data/s1.csv: is given twice: its scenes would count twice (give each file once)\n");
}

#[test]
fn a_name_found_by_a_part_of_it_is_said() {
    let sb = Sandbox::new();
    sb.build_s1();
    sb.graph(&["path", "vanes", "Carly"])
        .assert()
        .success()
        .stderr("note: `vanes` taken as Vanessa\n");
    sb.graph(&["path", "VANESSA", "carly"]).assert().success().stderr("");
}

#[test]
fn edge_lists_call_their_scenes_rows_in_every_table() {
    let sb = Sandbox::new();
    sb.write("e.csv", "Source,Target,Weight\nA,B,2\nB,C,1\n");
    sb.graph(&["build", "e.csv"]).assert().success();
    let ego = stdout_of(&mut sb.graph(&["ego", "B"]));
    assert!(ego.lines().nth(1).unwrap().contains("rows"), "{ego}");
    let path = stdout_of(&mut sb.graph(&["path", "A", "C"]));
    assert!(
        path.lines().any(|l| l.starts_with(" step") && l.ends_with("rows")),
        "{path}"
    );
    let central = stdout_of(&mut sb.graph(&["central", "--by", "rows"]));
    assert!(central.contains("rows ▼"), "{central}");
    sb.graph(&["timeline", "--rank-by", "scnes"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `scenes`?"));
}
