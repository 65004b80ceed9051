#!/usr/bin/env python3
"""Benchmark `graph extract` against a straightforward Python co-occurrence script on a generated
5-million-word novel with a 300-name cast.

    python3 scripts/bench-extract.py [--reps N] [--smoke] [--words N] [--cargo-build] [--out FILE]

Run from anywhere; paths are resolved from this file. The script

1. builds the release binary if `target/release/graph` is missing (`--cargo-build`: always), and
   runs a copy of it, `target/bench/graph-extract`, so that a concurrent build cannot swap it;
2. generates, if missing, a deterministic text (`random.Random(14)`; same seed, same bytes, its
   SHA-256 in the report) and its cast: `target/bench/prose-<words>.txt` and
   `target/bench/prose-cast.csv`. 300 characters `First Last` (first names and surnames unique,
   so no form is ambiguous); chapters of 4,000–6,000 words under `CHAPTER <n>` headings;
   paragraphs of 40–160 words hard-wrapped at 72 columns (a name can run across a line break);
   about 4 % of the words start a mention of one of the paragraph's 1–4 characters (Zipf
   popularity), written as the full name, the first name, the surname or a title + surname
   (`Mr.`, `Mrs`, `Dr.`, `Miss`...), a tenth of them possessive (`'s`). Two prefixes (a quarter
   and a half of the chapters) are written too, for the memory scaling;
3. runs, in alternation for N repetitions (default 5), each as its own process under
   `/usr/bin/time -v` (wall time measured around the process, peak RSS from time's "Maximum
   resident set size"):
     castgraph  `graph extract TEXT --cast CAST --chapters '^CHAPTER [0-9]+$' --window W -o CSV`
     python     this script's `--worker` (standard library only): read the text, split chapters and
                paragraphs into whitespace tokens, look the names up token by token in a dict of
                every form (two-token forms first; trailing punctuation and `'s` stripped), count
                co-mentions (paragraph: each pair of the paragraph's characters; words:15: each
                pair of mentions of two characters at most 15 tokens apart, within a chapter),
                dump the counts as JSON. (One `re` alternation of the 3,000 forms, tried
                first, was about ten times slower on the smoke text.)
   for W = `words:15` and `paragraph`;
4. checks that both give the same pair counts (castgraph's CSV counted by this script, untimed);
   exit status 1 if not;
5. runs castgraph once more on the two prefixes, for peak memory against the number of mentions;
6. writes a markdown report to `target/bench/extract.md` (or `--out`).

`--smoke`: a 200,000-word text, one repetition (for CI; a few seconds).
"""
import argparse
import csv
import datetime
import hashlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "target" / "bench"
CHAPTER_RE = r"^CHAPTER [0-9]+$"
TITLES = ["Mr.", "Mrs", "Mrs.", "Dr.", "Miss", "Mr", "Ms."]
WINDOWS = ["words:15", "paragraph"]
# Titles castgraph knows (src/input/prose/cast.rs), which generated names must avoid.
TITLE_WORDS = (
    "Mr Mrs Ms Mx Messrs Mmes Dr Prof Rev Revd Fr St Sr Jr Capt Cpt Col Gen Maj Lt Sgt Cpl Pvt Adm Cmdr Cdr Gov "
    "Sen Rep Pres Det Insp Supt Hon Mme Mlle Mons Bros Miss Mister Missus Master Mistress Madam Madame "
    "Mademoiselle Monsieur Sir Dame Lady Lord Doctor Professor Reverend Father Mother Brother Sister Saint "
    "Captain Colonel General Major Lieutenant Sergeant Corporal Private Admiral Commander Commodore Governor "
    "Senator President Judge Justice Inspector Detective Constable Officer Agent Coach Aunt Auntie Uncle Cousin "
    "Grandma Grandpa Granny King Queen Prince Princess Duke Duchess Earl Count Countess Baron Baroness Emperor "
    "Empress Pope Cardinal Bishop Herr Frau"
).split()
SYLLABLES = [
    "ka", "ren", "mo", "li", "ta", "vor", "sa", "nel", "dri", "pe", "lu", "gan", "zo", "mi", "ter",
    "bal", "ro", "fen", "ash", "cu", "del", "vi", "nor", "tha", "quin", "bra", "sel", "wyn", "ot",
    "ju", "ix", "har", "po", "lem", "sto", "ri", "ga", "ulf", "be", "ny",
]
FILLER = (
    "the a and of to in was he she it they that his her with for on as at by from had but not "
    "were said there this which would into what when could been one all about out up them then "
    "some so other time more over only little very after just where most before through back "
    "much go good new old great long way well down day man house night hand eyes face door room "
    "voice head life place thought looked came went made took knew saw felt turned seemed asked "
    "told heard stood left again still never always something nothing everything without under "
    "window street morning evening letter water light dark silence moment answer question quietly "
    "slowly suddenly perhaps almost together between against across toward behind beside beneath"
).split()


def generate(words, seed=14):
    """The text (chapters of paragraphs) and the cast, deterministically."""
    rng = random.Random(seed)
    # No name may be a filler word or a title (castgraph joins a title to the name after it).
    taken = {w.capitalize() for w in FILLER} | set(TITLE_WORDS)

    def fresh(n):
        out = []
        while len(out) < n:
            w = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()
            if len(w) >= 4 and w not in taken:
                taken.add(w)
                out.append(w)
        return out

    firsts, lasts = fresh(300), fresh(300)
    cast = [f"{f} {l}" for f, l in zip(firsts, lasts)]
    weights = [1 / (i + 1) ** 0.9 for i in range(len(cast))]
    chapters = []
    total = 0
    n = 0
    while total < words:
        n += 1
        target = rng.randint(4000, 6000)
        paras = []
        done = 0
        while done < target:
            length = rng.randint(40, 160)
            present = sorted(set(rng.choices(range(len(cast)), weights=weights, k=rng.randint(1, 4))))
            tokens = []
            sentence = 0
            while len(tokens) < length:
                if rng.random() < 0.04:
                    c = rng.choice(present) if rng.random() < 0.95 else rng.randrange(len(cast))
                    first, last = firsts[c], lasts[c]
                    r = rng.random()
                    if r < 0.3:
                        form = [first, last]
                    elif r < 0.65:
                        form = [first]
                    elif r < 0.8:
                        form = [last]
                    else:
                        form = [rng.choice(TITLES), last]
                    if rng.random() < 0.1:
                        form[-1] += "'s"
                    tokens.extend(form)
                else:
                    w = rng.choice(FILLER)
                    tokens.append(w.capitalize() if sentence == 0 else w)
                sentence += 1
                if sentence >= rng.randint(6, 24):
                    tokens[-1] += "."
                    sentence = 0
                elif rng.random() < 0.08:
                    tokens[-1] += ","
            if not tokens[-1].endswith("."):
                tokens[-1] = tokens[-1].rstrip(",") + "."
            paras.append(tokens)
            done += len(tokens)
        chapters.append(paras)
        total += done
    return cast, chapters


def write_text(path, chapters):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for i, paras in enumerate(chapters, 1):
            f.write(f"CHAPTER {i}\n\n")
            for tokens in paras:
                line = ""
                for t in tokens:
                    if line and len(line) + 1 + len(t) > 72:
                        f.write(line + "\n")
                        line = t
                    else:
                        line = f"{line} {t}" if line else t
                f.write(line + "\n\n")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---------------------------------------------------------------- the Python peer


def worker(text_path, cast_path, window, dump):
    """Names looked up token by token in a dict (two-token forms first), as one would write it."""
    t0 = time.perf_counter()
    forms = {}
    with open(cast_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name"]
            first, last = name.split(" ", 1)
            forms[name] = forms[first] = forms[last] = name
            for t in TITLES:
                forms[f"{t} {last}"] = name
    heading = re.compile(CHAPTER_RE)
    with open(text_path, encoding="utf-8") as f:
        text = f.read()
    # Chapters of paragraphs, each paragraph a list of tokens.
    chapters, paragraph = [[]], []
    for line in text.split("\n"):
        if heading.match(line):
            if paragraph:
                chapters[-1].append(paragraph)
                paragraph = []
            chapters.append([])
        elif not line.strip():
            if paragraph:
                chapters[-1].append(paragraph)
                paragraph = []
        else:
            paragraph.extend(line.split())
    if paragraph:
        chapters[-1].append(paragraph)
    t1 = time.perf_counter()

    def clean(token):
        token = token.rstrip(".,;:!?")
        return token[:-2] if token.endswith("'s") else token

    def mentions_of(tokens, offset, out):
        i, n = 0, len(tokens)
        while i < n:
            if i + 1 < n:
                who = forms.get(tokens[i] + " " + clean(tokens[i + 1]))
                if who is not None:
                    out.append((offset + i, who))
                    i += 2
                    continue
            who = forms.get(clean(tokens[i]))
            if who is not None:
                out.append((offset + i, who))
            i += 1

    counts = Counter()
    mentions = 0
    n = int(window.split(":")[1]) if window.startswith("words:") else 0
    for paragraphs in chapters:
        if window == "paragraph":
            for p in paragraphs:
                found = []
                mentions_of(p, 0, found)
                mentions += len(found)
                for a, b in combinations(sorted({who for _, who in found}), 2):
                    counts[(a, b)] += 1
        else:
            found, offset = [], 0
            for p in paragraphs:
                mentions_of(p, offset, found)
                offset += len(p)
            mentions += len(found)
            lo = 0
            for j, (wj, cj) in enumerate(found):
                while wj - found[lo][0] > n:
                    lo += 1
                for wi, ci in found[lo:j]:
                    if ci != cj:
                        counts[(ci, cj) if ci < cj else (cj, ci)] += 1
    t2 = time.perf_counter()
    with open(dump, "w", encoding="utf-8") as f:
        json.dump({"mentions": mentions, "pairs": [[a, b, c] for (a, b), c in sorted(counts.items())]}, f)
    print(json.dumps({"read": t1 - t0, "count": t2 - t1, "mentions": mentions}))


# ---------------------------------------------------------------- timing


def timed(cmd):
    """Wall seconds and peak RSS (KiB) of a process, and its stdout."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return wall, rss, done.stdout


def counts_of_csv(path):
    counts = Counter()
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names = sorted(set(row["characters"].split(";")))
            for a, b in combinations(names, 2):
                counts[(a, b)] += 1
    return counts


def fmt_s(x):
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def fmt_mib(kib):
    return f"{kib / 1024:.0f} MiB"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--text")
    ap.add_argument("--cast")
    ap.add_argument("--window")
    ap.add_argument("--dump")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--words", type=int, default=5_000_000)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--cargo-build", action="store_true")
    ap.add_argument("--out", default=str(BENCH / "extract.md"))
    args = ap.parse_args()
    if args.worker:
        worker(args.text, args.cast, args.window, args.dump)
        return 0
    if args.smoke:
        args.words, args.reps = 200_000, 1
        if args.out == str(BENCH / "extract.md"):
            args.out = str(BENCH / "extract-smoke.md")
    BENCH.mkdir(parents=True, exist_ok=True)
    release = ROOT / "target" / "release" / "graph"
    if args.cargo_build or not release.is_file():
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    graph = BENCH / "graph-extract"
    shutil.copy2(release, graph)

    text = BENCH / f"prose-{args.words}.txt"
    cast_path = BENCH / "prose-cast.csv"
    prefixes = [BENCH / f"prose-{args.words}-q{q}.txt" for q in (1, 2)]
    if not text.is_file() or not all(p.is_file() for p in prefixes) or not cast_path.is_file():
        print(f"generating {text} ...", file=sys.stderr)
        cast, chapters = generate(args.words)
        with open(cast_path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["name", "aliases"])
            for name in cast:
                w.writerow([name, ""])
        write_text(text, chapters)
        for q, p in zip((1, 2), prefixes):
            write_text(p, chapters[: len(chapters) * q // 4])
    size = text.stat().st_size
    word_count = sum(len(line.split()) for line in open(text, encoding="utf-8") if not line.startswith("CHAPTER "))

    load_start = os.getloadavg()
    runs = {}
    for rep in range(args.reps):
        for window in WINDOWS:
            tag = window.replace(":", "")
            out_csv = BENCH / f"extract-{tag}.csv"
            runs.setdefault(("castgraph", window), []).append(
                timed([str(graph), "extract", str(text), "--cast", str(cast_path), "--chapters", CHAPTER_RE,
                       "--window", window, "-o", str(out_csv), "--quiet"])[:2]
            )
            dump = BENCH / f"python-{tag}.json"
            wall, rss, out = timed([sys.executable, str(Path(__file__).resolve()), "--worker", "--text", str(text),
                                    "--cast", str(cast_path), "--window", window, "--dump", str(dump)])
            runs.setdefault(("python", window), []).append((wall, rss))
            runs.setdefault(("python-phases", window), []).append(json.loads(out))
        print(f"repetition {rep + 1}/{args.reps} done", file=sys.stderr)

    same = {}
    mentions = None
    for window in WINDOWS:
        tag = window.replace(":", "")
        ours = counts_of_csv(BENCH / f"extract-{tag}.csv")
        with open(BENCH / f"python-{tag}.json", encoding="utf-8") as f:
            dumped = json.load(f)
        theirs = Counter({(a, b): c for a, b, c in dumped["pairs"]})
        mentions = dumped["mentions"]
        same[window] = (ours == theirs, len(ours), sum(ours.values()), len(theirs), sum(theirs.values()))

    scaling = []
    for p in prefixes + [text]:
        wall, rss, _ = timed([str(graph), "extract", str(p), "--cast", str(cast_path), "--chapters", CHAPTER_RE,
                              "--window", "words:15", "-o", str(BENCH / "extract-scaling.csv"), "--quiet"])
        # Mentions, counted by the Python peer (untimed).
        _, _, out = timed([sys.executable, str(Path(__file__).resolve()), "--worker", "--text", str(p), "--cast",
                           str(cast_path), "--window", "words:15", "--dump", str(BENCH / "python-scaling.json")])
        scaling.append((p.name, p.stat().st_size, json.loads(out)["mentions"], wall, rss))

    load_end = os.getloadavg()
    lines = [
        f"`graph extract` against a straightforward Python co-occurrence script, {datetime.date.today()}, "
        f"{platform.machine()}, {os.cpu_count()} cores (shared with other work: load average (1/5/15 min) "
        f"{'/'.join(f'{x:.2f}' for x in load_start)} at start, {'/'.join(f'{x:.2f}' for x in load_end)} at end), "
        f"Python {platform.python_version()}; graph {sha256(graph)[:16]}… (release build).",
        "",
        f"Text: `{text.relative_to(ROOT)}`, {word_count:,} words, {size / 1e6:.1f} MB, {mentions:,} mentions "
        f"of a 300-name cast, SHA-256 `{sha256(text)[:16]}…`. {args.reps} repetitions in alternation; "
        "wall time is the median (min – max), peak RSS the largest.",
        "",
        "| window | tool | wall (median) | min – max | peak RSS | pairs | co-mentions | same counts |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for window in WINDOWS:
        ok, n_ours, w_ours, n_theirs, w_theirs = same[window]
        for tool in ("castgraph", "python"):
            walls = [w for w, _ in runs[(tool, window)]]
            rss = max(r for _, r in runs[(tool, window)])
            pairs, weight = (n_ours, w_ours) if tool == "castgraph" else (n_theirs, w_theirs)
            lines.append(
                f"| `{window}` | {tool} | {fmt_s(statistics.median(walls))} | {fmt_s(min(walls))} – "
                f"{fmt_s(max(walls))} | {fmt_mib(rss)} | {pairs:,} | {weight:,} | {'yes' if ok else '**NO**'} |"
            )
    phases = []
    for window in WINDOWS:
        ph = runs[("python-phases", window)]
        phases.append(
            f"`{window}`: read and split {fmt_s(statistics.median(p['read'] for p in ph))}, find and count "
            f"{fmt_s(statistics.median(p['count'] for p in ph))}"
        )
    lines += ["", "Python's in-process phases (median): " + "; ".join(phases) + "."]
    lines += [
        "",
        "Memory against mentions (`graph extract --window words:15`, one run each):",
        "",
        "| text | size | mentions | wall | peak RSS | RSS / MB of text |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, sz, m, wall, rss in scaling:
        lines.append(f"| `{name}` | {sz / 1e6:.1f} MB | {m:,} | {fmt_s(wall)} | {fmt_mib(rss)} | "
                     f"{rss / 1024 / (sz / 1e6):.2f} |")
    lines += [
        "",
        "Commands (from the repository root; `graph` is `target/bench/graph-extract`, a copy of the release binary):",
        "",
        "```sh",
    ]
    for window in WINDOWS:
        tag = window.replace(":", "")
        lines.append(f"graph extract {text.relative_to(ROOT)} --cast {cast_path.relative_to(ROOT)} "
                     f"--chapters '{CHAPTER_RE}' --window {window} -o target/bench/extract-{tag}.csv --quiet")
        lines.append(f"python3 scripts/bench-extract.py --worker --text {text.relative_to(ROOT)} --cast "
                     f"{cast_path.relative_to(ROOT)} --window {window} --dump target/bench/python-{tag}.json")
    lines += ["```", "", f"Regenerate: `python3 scripts/bench-extract.py --reps {args.reps}`"]
    report = "\n".join(lines) + "\n"
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)
    if not all(v[0] for v in same.values()):
        print("FAIL: castgraph and Python count different pairs", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
