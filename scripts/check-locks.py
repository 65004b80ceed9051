#!/usr/bin/env python3
"""The fuzz and Python crates' lock files pin only versions the main crate's lock has.

The three crates (the library, `python/`, `fuzz/`) are separate workspaces with a lock each. A lock
resolved afresh takes the newest versions, which a registry mirror may not serve yet (a CI run
failed so: `find-msvc-tools 0.1.16` could not be selected, while the main lock's 0.1.15 could).
So every package that the main lock also has must be at one of the main lock's versions; packages
only the other crate uses (`libfuzzer-sys`, `pyo3`, ...) are free.

Run from the project root: `python3 scripts/check-locks.py`. Exit 1 names each package that drifted,
and what to run to pin it back.
"""
import sys
import tomllib
from pathlib import Path


def versions(lock: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for package in tomllib.loads(lock.read_text())["package"]:
        found.setdefault(package["name"], set()).add(package["version"])
    return found


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    main_lock = versions(root / "Cargo.lock")
    bad = []
    for other in ("fuzz/Cargo.lock", "python/Cargo.lock"):
        path = root / other
        if not path.exists():
            bad.append(f"{other}: missing (commit it: a fresh resolution may pick versions a mirror lacks)")
            continue
        for name, vs in sorted(versions(path).items()):
            pinned = main_lock.get(name)
            if pinned is None:
                continue
            for v in sorted(vs - pinned):
                bad.append(
                    f"{other}: {name} {v}, the main lock has {', '.join(sorted(pinned))} "
                    f"(cd {other.split('/')[0]} && cargo update -p {name}@{v} --precise {min(pinned)})"
                )
    for line in bad:
        print(line, file=sys.stderr)
    if not bad:
        print("check-locks: fuzz/Cargo.lock and python/Cargo.lock pin the main lock's versions")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
