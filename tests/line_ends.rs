//! Line numbers in messages are right whatever the line ends: LF, CRLF (a
//! spreadsheet's CSV) or a CR alone (old Mac files), for every reader.

mod common;

use castgraph::build::{BuildOptions, from_files};

/// The same text with LF, CRLF and CR line ends.
fn variants(text: &str) -> [(&'static str, String); 3] {
    [
        ("LF", text.to_string()),
        ("CRLF", text.replace('\n', "\r\n")),
        ("CR", text.replace('\n', "\r")),
    ]
}

/// Builds `text` saved as `name` with each line end; returns the error or
/// the warnings, worded as the command line prints them.
fn messages(name: &str, text: &str, opts: &BuildOptions) -> Vec<(&'static str, String)> {
    let dir = tempfile::tempdir().unwrap();
    variants(text)
        .into_iter()
        .map(|(kind, content)| {
            let path = dir.path().join(name);
            std::fs::write(&path, content).unwrap();
            let said = match from_files(&[path], opts) {
                Ok((_, report)) => report
                    .warnings
                    .iter()
                    .map(|w| w.render(&common::Flags))
                    .collect::<Vec<_>>()
                    .join(" | "),
                Err(e) => e.render(&common::Flags),
            };
            (kind, said)
        })
        .collect()
}

fn assert_line(name: &str, text: &str, opts: &BuildOptions, want: &str) {
    for (kind, said) in messages(name, text, opts) {
        assert!(
            said.contains(want),
            "{name} with {kind} line ends: {said:?} lacks {want:?}"
        );
    }
}

#[test]
fn wide_csv() {
    let d = BuildOptions::default();
    assert_line(
        "w.csv",
        "episode,characters\n1,A;B\n2,\n3,C;D\n",
        &d,
        "the first on line 3",
    );
    assert_line(
        "w.csv",
        "episode,characters\n1,A;B\n2,C,D\n",
        &d,
        "line 3: malformed CSV",
    );
    assert_line(
        "w.csv",
        "characters\nA;B\n\"C;D\nE\n",
        &d,
        "line 3: a quoted field opened here is never closed",
    );
}

#[test]
fn long_csv() {
    assert_line(
        "l.csv",
        "scene,character\n1,A\n1,\n",
        &BuildOptions::default(),
        "line 3: the `character` field is empty",
    );
}

#[test]
fn edge_list() {
    assert_line(
        "e.csv",
        "Source,Target,Weight\nA,B,1\nA,C,x\n",
        &BuildOptions::default(),
        "line 3: the `Weight` field",
    );
}

#[test]
fn aliases() {
    let dir = tempfile::tempdir().unwrap();
    let scenes = dir.path().join("s.csv");
    std::fs::write(&scenes, "characters\nA;B\n").unwrap();
    for (kind, content) in variants("alias,name\nAl,A\n,B\n") {
        let aliases = dir.path().join("a.csv");
        std::fs::write(&aliases, content).unwrap();
        let opts = BuildOptions {
            aliases: Some(aliases),
            ..BuildOptions::default()
        };
        let e = from_files(std::slice::from_ref(&scenes), &opts)
            .unwrap_err()
            .render(&common::Flags);
        assert!(e.contains("a.csv: line 3: an alias row needs"), "{kind}: {e}");
    }
}

#[test]
fn graphbase_book_and_ezlinavis_list() {
    let d = BuildOptions::default();
    assert_line("b.dat", "AA Alice, a woman\n\n1:AA,ZZ\n", &d, "line 3");
    let dir = tempfile::tempdir().unwrap();
    for (kind, mut content) in variants("# Act\n## Scene\nX\n").map(|(k, c)| (k, c.into_bytes())) {
        content.splice(content.len() - 2..content.len() - 1, [0xFF]);
        let path = dir.path().join("bad.txt");
        std::fs::write(&path, content).unwrap();
        let e = from_files(&[path], &d).unwrap_err().render(&common::Flags);
        assert!(e.contains("bad.txt: line 3: is not valid UTF-8"), "{kind}: {e}");
    }
}

#[test]
fn tei_play() {
    assert_line(
        "p.xml",
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<text>\n<body><div></body>\n</text></TEI>\n",
        &BuildOptions::default(),
        "line 3, column 12: malformed XML",
    );
}
