#!/usr/bin/env python3
"""Check castgraph's screenplay readers (Fountain, Final Draft) against the reference scripts.

The reference data is `../shared/refdata/screenplays/` beside the repository (copies of public
test suites plus castgraph's own CC0 fixtures; never committed here). Without it the check says
so and exits 0. Standard-library Python only; it runs the `graph` binary already built
(`target/release/graph` or `target/debug/graph`, the newer of the two; `--graph PATH` to choose).

    python3 scripts/check-screenplays.py [--data DIR] [--graph PATH] [-v]

What is compared, for every `.fountain` and `.fdx` file (the `xml-safety/` ones aside), with
`expected-speakers.csv` (per file and scene: the heading and the speakers; scene 0 is the text
before the first heading):

1. `graph build FILE -o G.json` succeeds; the saved graph's `sources[0].scenes_read` is the number
   of scenes expected (0 for a file without rows);
2. every character's `scenes` in the saved graph equals the number of expected scenes the
   character speaks in, and no other character is there;
3. every tie's weight equals the number of expected scenes the pair shares, and no other tie is
   there;
4. the saved graph's scene list (it keeps the scenes of one or more characters, in order) gives
   the same headings with the same speakers, as sets (the graph does not keep the speakers' order);
5. the number of scenes where nobody speaks (the build's "N scenes list nobody" warning);
6. for each heading expected, `graph build FILE --where scene=HEADING` keeps as many scenes as
   expected with that heading, and each character's `scenes` there is the number of those scenes
   the character speaks in: so the one-speaker and empty scenes are checked by label too.

Verdicts: **match** (as the CSV), **documented choice** (the CSV is a plain Fountain 1.1 reading;
on rows the castgraph contract does not settle, `contract_settles=no`, castgraph reads some
scripts differently on purpose: the file then matches the reading given in `DOCUMENTED` below,
whose reason is printed), **FAILURE** (anything else; a row with `contract_settles=yes` that
differs is always a failure). Then:

* every `.fdx` with a `.fountain` twin builds the same graph: characters and their scenes, ties
  and their weights, the scene list (episode, heading, speakers) and the number of scenes read;
* `castgraph/bakery.{fountain,fdx}` give `bakery.nodes.csv` / `bakery.edges.csv`, and with
  `--presence action` `bakery.presence-action.*.csv`;
* every file of `castgraph/xml-safety/` is refused: exit 1, one stderr line naming the file with
  its line and column, in under 2 s, no graph written.

Exit 1 when anything fails, 0 otherwise.
"""

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "refdata" / "screenplays"
OPENING = "(before the first heading)"

# Where castgraph's reading differs on purpose from the CSV's plain Fountain 1.1 reading (all on
# rows with contract_settles=no): the reason, and the scenes castgraph gives (heading, speakers).
DOCUMENTED = {
    "castgraph/ambiguous/boneyard-between-cue-and-dialogue.fountain": (
        "a line holding only a boneyard vanishes instead of becoming a blank line (contract), "
        "so RUTH's cue is followed by her speech",
        [("INT. KITCHEN - NIGHT", ["RUTH", "SAM"])],
    ),
    "castgraph/ambiguous/case-collision.fountain": (
        "cues equal but for case are one character (contract), spelt as the @ cue with "
        "lower-case letters, with a warning",
        [("INT. PUB - NIGHT", ["McCABE", "BARMAID"]), ("EXT. PUB - NIGHT", ["McCABE", "BARMAID"])],
    ),
    "castgraph/ambiguous/cue-ending-in-colon.fountain": (
        "a cue's trailing ':' is dropped (contract)",
        [("INT. OFFICE - DAY", ["BOSS", "CLERK"])],
    ),
    "castgraph/ambiguous/heading-without-blank-line.fountain": (
        "a scene heading starts a scene without a blank line after it (contract)",
        [("INT. HALL - DAY", ["ANA"]), ("EXT. GARDEN - DAY", ["BEN"])],
    ),
    "castgraph/ambiguous/transition-without-blank-lines.fountain": (
        "a scene heading may follow a transition with no blank line between (a heading or cue "
        "may follow any structural line)",
        [("INT. CAR - NIGHT", ["LENA"]), ("EXT. BRIDGE - NIGHT", ["LENA"])],
    ),
    "nyousefi-fountain/SceneHeaders.fountain": (
        "a scene heading needs no blank line after it (contract) and may follow another heading: "
        "the two headings on consecutive lines are two scenes",
        [(h, []) for h in [
            "INT. HOUSE - DAY", "EXT. HOUSE - DAY", "INT HOUSE DAY", "EXT HOUSE DAY",
            "INT/EXT. HOUSE - DAY", "INT./EXT. HOUSE - DAY", "I/E. HOUSE - DAY", "I./E. HOUSE - DAY",
            "I/E HOUSE DAY", "INT - HOUSE - DAY", "EXT - HOUSE - DAY", "EST. HOUSE - DAY",
            "EST HOUSE DAY", "INT. HOUSE - DAY (1979)", "KITCHEN", "INT. HOUSE - DAY",
            "EXT. HOUSE - DAY", "int. house - day",
        ]],
    ),
}


def find_graph(given):
    if given:
        return Path(given)
    built = [REPO / "target" / kind / "graph" for kind in ("release", "debug")]
    built = [p for p in built if p.is_file()]
    if not built:
        sys.exit("check-screenplays: no graph binary in target/: run `cargo build` first (or give --graph)")
    return max(built, key=lambda p: p.stat().st_mtime)


class Runner:
    def __init__(self, graph, workdir):
        self.graph = graph
        self.out = Path(workdir) / "graph.json"

    def build(self, path, *extra):
        """(exit code, stderr lines, saved graph or None, seconds)."""
        if self.out.exists():
            self.out.unlink()
        started = time.monotonic()
        proc = subprocess.run(
            [str(self.graph), "build", str(path), "-o", str(self.out), "-q", *extra],
            capture_output=True, text=True, timeout=60,
        )
        took = time.monotonic() - started
        saved = json.loads(self.out.read_text(encoding="utf-8")) if proc.returncode == 0 else None
        return proc.returncode, proc.stderr.splitlines(), saved, took


def read_expected(data):
    rows, settles = {}, {}
    with open(data / "expected-speakers.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            speakers = [s for s in row["speakers"].split(";") if s]
            rows.setdefault(row["file"], []).append((row["heading"], speakers))
            settles.setdefault(row["file"], set()).add(row["contract_settles"])
    return rows, settles


def graph_view(saved):
    """Characters {name: scenes}, ties {(a, b): weight}, scene list [(episode, heading, names)]."""
    names = [c["name"] for c in saved["characters"]]
    chars = {c["name"]: c["scenes"] for c in saved["characters"]}
    t = saved["ties"]
    ties = {}
    for s, d, w in zip(t["source"], t["target"], t["weight"]):
        ties[tuple(sorted((names[s], names[d])))] = w
    listed = []
    sl = saved.get("scenes") or {"episode": [], "scene": [], "cast": []}
    for ep, sc, cast in zip(sl["episode"], sl["scene"], sl["cast"]):
        listed.append((ep, sc, frozenset(names[i] for i in cast)))
    return chars, ties, listed


def nobody_count(stderr):
    for line in stderr:
        m = re.search(r": (\d+) scenes? lists? nobody", line)
        if m:
            return int(m.group(1))
    return 0


def compare(run, path, want):
    """What differs between the build of `path` and the scenes `want` [(heading, speakers)]."""
    problems = []
    code, stderr, saved, _ = run.build(path)
    if code != 0:
        return [f"build failed: {' / '.join(stderr)}"]
    chars, ties, listed = graph_view(saved)
    read = saved["sources"][0]["scenes_read"]
    if read != len(want):
        problems.append(f"{read} scenes read, {len(want)} expected")
    want_chars = Counter(n for _, sp in want for n in set(sp))
    if chars != dict(want_chars):
        problems.append(f"characters' scenes {chars}, expected {dict(want_chars)}")
    want_ties = Counter(p for _, sp in want for p in combinations(sorted(set(sp)), 2))
    if ties != dict(want_ties):
        problems.append(f"ties {ties}, expected {dict(want_ties)}")
    got_list = [(sc, names) for _, sc, names in listed]
    want_list = [(h, frozenset(sp)) for h, sp in want if sp]
    if got_list != want_list:
        problems.append(f"scene list {got_list}, expected {want_list}")
    empty = sum(1 for _, sp in want if not sp)
    if nobody_count(stderr) != empty:
        problems.append(f"{nobody_count(stderr)} scenes list nobody, {empty} expected")
    for heading in dict.fromkeys(h for h, _ in want):
        code, stderr, saved, _ = run.build(path, "--where", f"scene={heading}")
        if code != 0:
            problems.append(f"--where scene={heading}: build failed: {' / '.join(stderr)}")
            continue
        these = [sp for h, sp in want if h == heading]
        kept = saved["sources"][0]["scenes"]
        got = {c["name"]: c["scenes"] for c in saved["characters"]}
        exp = dict(Counter(n for sp in these for n in set(sp)))
        if kept != len(these) or got != exp:
            problems.append(f"scenes headed {heading!r}: {kept} with {got}, expected {len(these)} with {exp}")
    return problems


def script_files(data):
    for d, dirs, files in os.walk(data):
        dirs.sort()
        if "xml-safety" in Path(d).parts:
            continue
        for name in sorted(files):
            if name.endswith((".fountain", ".fdx")):
                yield Path(d, name).relative_to(data).as_posix()


def check_files(run, data, verbose):
    rows, settles = read_expected(data)
    failures = 0
    counts = Counter()
    print("Scenes and speakers against expected-speakers.csv:")
    for rel in sorted(script_files(data)):
        want = rows.get(rel, [])
        problems = compare(run, data / rel, want)
        if not problems:
            verdict = "match"
        elif rel in DOCUMENTED and settles.get(rel, {"no"}) == {"no"}:
            reason, ours = DOCUMENTED[rel]
            again = compare(run, data / rel, ours)
            if again:
                verdict = "FAILURE (neither the CSV nor the documented choice)"
                problems += ["documented choice: " + p for p in again]
            else:
                verdict = f"documented choice: {reason}"
        else:
            verdict = "FAILURE"
        if verdict.startswith("FAILURE"):
            failures += 1
            counts["failure"] += 1
        else:
            counts[verdict.split(":")[0]] += 1
        print(f"  {rel:64} {verdict}")
        if verdict.startswith("FAILURE") or (verbose and problems):
            for p in problems:
                print(f"      {p}")
    print(f"  -> {counts['match']} match, {counts['documented choice']} documented choice, "
          f"{counts['failure']} failure")
    return failures


def check_twins(run, data):
    failures = 0
    print("Final Draft / Fountain twins build the same graph:")
    for rel in sorted(script_files(data)):
        if not rel.endswith(".fdx"):
            continue
        twin = rel[: -len(".fdx")] + ".fountain"
        if not (data / twin).exists():
            continue
        views = []
        for r in (rel, twin):
            code, stderr, saved, _ = run.build(data / r)
            views.append(None if code else (saved["sources"][0]["scenes_read"], *graph_view(saved)))
        same = views[0] is not None and views[0] == views[1]
        failures += not same
        print(f"  {rel:64} {'same' if same else 'DIFFERENT'}")
        if not same:
            print(f"      fdx      {views[0]}\n      fountain {views[1]}")
    return failures


def check_bakery(run, data):
    failures = 0
    print("bakery graphs against castgraph/bakery*.csv:")
    for suffix, extra in (("", []), (".presence-action", ["--presence", "action"])):
        def load(kind):
            with open(data / f"castgraph/bakery{suffix}.{kind}.csv", newline="", encoding="utf-8") as f:
                return list(csv.DictReader(f))
        want_chars = {r["character"]: int(r["scenes"]) for r in load("nodes")}
        want_ties = {tuple(sorted((r["Source"], r["Target"]))): float(r["Weight"]) for r in load("edges")}
        for fmt in ("fountain", "fdx"):
            code, stderr, saved, _ = run.build(data / f"castgraph/bakery.{fmt}", *extra)
            ok = code == 0
            if ok:
                chars, ties, _ = graph_view(saved)
                ok = chars == want_chars and {k: float(v) for k, v in ties.items()} == want_ties
            failures += not ok
            print(f"  bakery.{fmt:9} {' '.join(extra) or '(speakers)':20} {'same' if ok else 'DIFFERENT'}")
    return failures


def check_xml_safety(run, data):
    failures = 0
    print("xml-safety files are refused:")
    for path in sorted((data / "castgraph" / "xml-safety").iterdir()):
        code, stderr, _, took = run.build(path)
        line = stderr[0] if stderr else ""
        ok = (
            code == 1 and len(stderr) == 1 and path.name in line
            and re.search(r": line \d+, column \d+: ", line) is not None
            and took < 2.0 and not run.out.exists()
        )
        failures += not ok
        print(f"  {path.name:28} {'refused' if ok else 'NOT REFUSED AS EXPECTED'} in {took:.2f} s: {line}")
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the refdata screenplays/ folder")
    ap.add_argument("--graph", help="the graph binary (default: the newer of target/{release,debug}/graph)")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the differences of documented choices")
    args = ap.parse_args()
    if not (args.data / "expected-speakers.csv").is_file():
        print(f"check-screenplays: no reference screenplays at {args.data}: nothing to check")
        return 0
    graph = find_graph(args.graph)
    print(f"check-screenplays: {graph} on {args.data}")
    with tempfile.TemporaryDirectory() as tmp:
        run = Runner(graph, tmp)
        failures = check_files(run, args.data, args.verbose)
        failures += check_twins(run, args.data)
        failures += check_bakery(run, args.data)
        failures += check_xml_safety(run, args.data)
    print(f"check-screenplays: {'all good' if failures == 0 else f'{failures} failure(s)'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
