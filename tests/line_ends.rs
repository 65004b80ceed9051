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

/// [`assert_line`] for text that is not valid UTF-8 on purpose.
fn assert_line_bytes(name: &str, text: &[u8], opts: &BuildOptions, want: &str) {
    let dir = tempfile::tempdir().unwrap();
    for (kind, end) in [("LF", &b"\n"[..]), ("CRLF", b"\r\n"), ("CR", b"\r")] {
        let mut content = Vec::new();
        for (i, line) in text.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                content.extend_from_slice(end);
            }
            content.extend_from_slice(line);
        }
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let said = match from_files(&[path], opts) {
            Ok(_) => "no error".to_string(),
            Err(e) => e.render(&common::Flags),
        };
        assert!(
            said.contains(want),
            "{name} with {kind} line ends: {said:?} lacks {want:?}"
        );
    }
}

#[test]
fn screenplays() {
    assert_line_bytes(
        "a.fountain",
        b"INT. KITCHEN - DAY\n\nBOB\nHi.\n\nEXT. GARDEN - NIGHT\n\nBOB\n\xff\n",
        &BuildOptions::default(),
        "a.fountain: line 9: is not valid UTF-8",
    );
    assert_line(
        "a.fdx",
        "<?xml version=\"1.0\"?>\n<FinalDraft>\n<Content>\n<Paragraph Type=\"Scene Heading\"><Text>INT. A</Text></Paragraph>\n<Paragraph Type=\"Character\"><Text>BOB</Text>\n</Content></FinalDraft>\n",
        &BuildOptions::default(),
        "a.fdx: line 6, column 1: malformed XML",
    );
}

#[test]
fn graph_files() {
    let end = "an edge end is \"\", which is no node's id";
    assert_line(
        "a.graphml",
        "<graphml>\n<graph>\n<node id=\"a\"/>\n<edge source=\"a\" target=\"b\"/>\n<edge source=\"a\" target=\"\"/>\n</graph></graphml>\n",
        &BuildOptions::default(),
        &format!("a.graphml: line 5: {end}"),
    );
    assert_line(
        "a.gexf",
        "<gexf>\n<graph>\n<nodes><node id=\"a\" label=\"A\"/></nodes>\n<edges>\n<edge source=\"a\" target=\"\"/>\n</edges></graph></gexf>\n",
        &BuildOptions::default(),
        &format!("a.gexf: line 5: {end}"),
    );
    assert_line(
        "a.json",
        "{\"nodes\": [{\"id\": \"a\"}],\n\"links\": [\n{\"source\": \"a\", \"target\": \"b\"},\n{\"source\": \"a\", \"target\": \"\"}\n]}\n",
        &BuildOptions::default(),
        &format!("a.json: line 4: {end}"),
    );
}

#[test]
fn prose_and_its_cast_file() {
    let dir = tempfile::tempdir().unwrap();
    let cast = dir.path().join("cast.csv");
    std::fs::write(&cast, "name,aliases\nCarly,\nVanessa,\n").unwrap();
    let opts = BuildOptions {
        cast: Some(cast.clone()),
        ..Default::default()
    };
    assert_line_bytes(
        "s.txt",
        b"Carly met Vanessa.\n\nThen \xff.\n",
        &opts,
        "s.txt: line 3: is not valid UTF-8",
    );
    // The cast file's own line numbers.
    for (kind, content) in variants("name,aliases\nCarly,\nVanessa,Carly\n") {
        std::fs::write(&cast, content).unwrap();
        let text = dir.path().join("t.txt");
        std::fs::write(&text, "Carly met Vanessa.\n").unwrap();
        let e = from_files(&[text], &opts).unwrap_err().render(&common::Flags);
        assert!(e.contains("cast.csv: line 3: `Carly` stands for both"), "{kind}: {e}");
    }
}
