"""Summary of a run of NetworkX's own tests on the castgraph backend (scripts/test-python):

    python networkx_summary.py REPORT.xml CALLS.log

REPORT.xml is pytest's JUnit report; CALLS.log has one line per call of a
backed function, written by castgraph.nx_backend when CASTGRAPH_NX_LOG is set
(test, function, who ran it, why NetworkX did). Prints markdown: per module the
tests passed (and how many of them castgraph computed at least once), skipped,
xfailed and failed, the reason of every skip and xfail, and why calls were left
to NetworkX."""

import collections
import re
import sys
import xml.etree.ElementTree as ET


def test_key(text):
    """`.../networkx/algorithms/x/tests/test_y.py::Class::test_z[p]` or the JUnit
    `networkx.algorithms.x.tests.test_y.Class` + `test_z[p]` as one dotted key."""
    text = text[text.find("networkx/") :] if "networkx/" in text else text
    text = text.replace(".py::", ".").replace("::", ".").replace("/", ".")
    return text


def main(report, log):
    calls = collections.defaultdict(lambda: collections.Counter())
    fallbacks = collections.Counter()
    with open(log, encoding="utf-8") as f:
        for line in f:
            test, function, who, reason = (line.rstrip("\n").split("\t") + [""] * 4)[:4]
            calls[test_key(test)][who] += 1
            if who == "networkx":
                fallbacks[f"{function}: {reason}"] += 1
    modules = collections.OrderedDict()
    reasons = collections.Counter()
    failures = []
    for case in ET.parse(report).getroot().iter("testcase"):
        cls, name = case.get("classname", ""), case.get("name", "")
        module = re.sub(r"\.Test[A-Za-z0-9_]*$", "", cls)
        row = modules.setdefault(module, collections.Counter())
        key = f"{cls}.{name}"
        skipped = case.find("skipped")
        if case.find("failure") is not None or case.find("error") is not None:
            row["failed"] += 1
            failures.append(key)
        elif skipped is not None:
            kind = "xfailed" if skipped.get("type") == "pytest.xfail" else "skipped"
            row[kind] += 1
            message = (skipped.get("message") or "").strip()
            reasons[f"{kind}: {module}.{name.split('[')[0]}: {message}"] += 1
        else:
            row["passed"] += 1
            if calls.get(key, {}).get("castgraph"):
                row["castgraph"] += 1
    total = collections.Counter()
    print("| module | passed | castgraph ran in | skipped | xfailed | failed |")
    print("|---|---:|---:|---:|---:|---:|")
    for module, row in modules.items():
        total.update(row)
        print(
            f"| {module} | {row['passed']} | {row['castgraph']} | {row['skipped']} | {row['xfailed']} | {row['failed']} |"
        )
    print(
        f"| **all** | {total['passed']} | {total['castgraph']} | {total['skipped']} | {total['xfailed']} | {total['failed']} |"
    )
    print()
    print("Skips and xfails:")
    for reason, n in sorted(reasons.items()):
        print(f"- {reason}" + (f" ({n} tests)" if n > 1 else ""))
    print()
    print("Calls of backed functions left to NetworkX (can_run refused them), by reason:")
    for reason, n in fallbacks.most_common():
        print(f"- {reason}: {n}")
    for f in failures:
        print(f"FAILED {f}")
    print()
    print(f"networkx-backend: {total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
    return 1 if total["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
