"""Shared fixtures: the three data sets (the seed season, Les Misérables, a
generated set), the ``graph`` binary to compare with, and NetworkX graphs.

The binary is ``target/release/graph`` of this repository (``CASTGRAPH_BIN``
overrides it); scripts/test-python builds it before running pytest.
"""

import csv
import json
import math
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("CASTGRAPH_BIN", ROOT / "target" / "release" / "graph"))
WORK = ROOT / "target" / "python-tests"

# Every comparison of numbers: equal to 1e-9 (relative above 1).
TOL = 1e-9


def close(a, b, tol=TOL):
    """True when two numbers are equal to ``tol`` (relative for magnitudes above 1)."""
    if a is None or b is None:
        return a is b
    if isinstance(a, float) and math.isnan(a) or isinstance(b, float) and math.isnan(b):
        return isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def run(*args, ok=True, cwd=ROOT):
    """Runs the ``graph`` binary; returns (stdout, stderr), checking the exit status."""
    if not BIN.exists():
        pytest.fail(f"{BIN} is missing: run `cargo build --release` (scripts/test-python does)")
    p = subprocess.run([str(BIN), *map(str, args)], capture_output=True, text=True, cwd=cwd)
    if ok and p.returncode != 0:
        raise AssertionError(f"graph {' '.join(map(str, args))} failed: {p.stderr}")
    if not ok and p.returncode == 0:
        raise AssertionError(f"graph {' '.join(map(str, args))} did not fail")
    return p.stdout, p.stderr


def cli_csv(*args):
    """A command's CSV output as a list of dicts."""
    out, _ = run(*args)
    return list(csv.DictReader(out.splitlines()))


def cli_json(*args):
    out, _ = run(*args)
    return json.loads(out)


def cli_error(*args):
    """The one line a failing command prints after ``error: ``."""
    _, err = run(*args, ok=False)
    lines = [l for l in err.splitlines() if l.startswith("error: ")]
    assert len(lines) == 1, err
    return lines[0][len("error: ") :]


def same_table(ours, theirs, columns=None):
    """A table of ours (dict of lists) equals a command's CSV rows, cell by cell:
    text as text, numbers to TOL, an empty cell as None."""
    columns = columns or list(ours)
    rows = len(next(iter(ours.values()))) if ours else 0
    assert rows == len(theirs), f"{rows} rows, the command printed {len(theirs)}"
    assert list(theirs[0].keys()) == columns if theirs else True, (list(theirs[0].keys()), columns)
    for i, row in enumerate(theirs):
        for c in columns:
            a, b = ours[c][i], row[c]
            if isinstance(a, str):
                assert a == b, (i, c, a, b)
            elif a is None:
                assert b == "", (i, c, a, b)
            else:
                assert close(float(a), float(b)), (i, c, a, b)


def read_scenes(path):
    """A wide CSV's scenes as (episode, [names]) with the command's reading: names split on
    `;`, trimmed, inner spaces collapsed, each once per scene, empty ones dropped."""
    out = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names = []
            for n in row["characters"].split(";"):
                n = " ".join(n.split())
                if n and n not in names:
                    names.append(n)
            out.append((row.get("episode"), names))
    return out


class Dataset:
    """One data set: its scene file, the graph the command saved of it, and names to ask about."""

    def __init__(self, name, path):
        self.name = name
        self.path = Path(path)
        self.rel = os.path.relpath(self.path, ROOT)
        self.saved = WORK / f"{name}.json"
        run("build", self.rel, "-o", self.saved, "--quiet")

    def __repr__(self):
        return self.name


def _generated():
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / "generated-5000.csv"
    if not path.exists():
        run("generate", "--scenes", 5000, "--characters", 300, "--seed", 1, "-o", path)
    return path


_DATASETS = {}


def dataset(name):
    if name not in _DATASETS:
        WORK.mkdir(parents=True, exist_ok=True)
        path = {
            "seed": ROOT / "data" / "s1.csv",
            "lesmis": ROOT / "tests" / "fixtures" / "lesmis.csv",
            "generated": None,
        }[name] or _generated()
        _DATASETS[name] = Dataset(name, path)
    return _DATASETS[name]


@pytest.fixture(params=["seed", "lesmis", "generated"])
def data(request):
    """Each data set in turn."""
    return dataset(request.param)


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    """Every test runs from the repository root, as the command does (relative paths)."""
    monkeypatch.chdir(ROOT)
