"""Prove that a change kept the toolkit's results: compare two runs' files byte for byte.

    python scripts/compare_outputs.py BEFORE_DIR AFTER_DIR [FILE ...]

BEFORE_DIR and AFTER_DIR are two `toolkit check` output folders (or two demo
round folders); FILE defaults to the results a redesign must not change:
findings.csv, indicators.json and rejected.csv. With ``--all`` every file of
BEFORE_DIR (hidden ones included) is compared. Prints one line per file and
exits 1 on any difference, naming the first differing line of a text file.

A typical proof, with the old code checked out in another worktree::

    (cd ../old && .venv/bin/toolkit demo --no-run && .venv/bin/toolkit check data/demo --out /tmp/before)
    .venv/bin/toolkit demo --no-run && .venv/bin/toolkit check data/demo --out /tmp/after
    python scripts/compare_outputs.py /tmp/before /tmp/after
    python scripts/compare_outputs.py --all ../old/data/demo data/demo
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

RESULT_FILES = ("findings.csv", "indicators.json", "rejected.csv")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def first_difference(before: Path, after: Path) -> str:
    """Where two files part: the first differing line of a text file, else the sizes."""
    try:
        old = before.read_text(encoding="utf-8-sig").splitlines()
        new = after.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        return f"{before.stat().st_size} → {after.stat().st_size} bytes"
    for number, (a, b) in enumerate(zip(old, new), start=1):
        if a != b:
            return f"line {number}:\n    - {a[:200]}\n    + {b[:200]}"
    return f"{len(old)} → {len(new)} lines"


def compare(before_dir: Path, after_dir: Path, names: list[str]) -> bool:
    same = True
    for name in names:
        before, after = before_dir / name, after_dir / name
        if not before.is_file() or not after.is_file():
            print(f"MISSING  {name}: before {'yes' if before.is_file() else 'no'}, "
                  f"after {'yes' if after.is_file() else 'no'}")
            same = False
        elif sha256(before) == sha256(after):
            print(f"same     {name}  {sha256(after)[:16]}")
        else:
            print(f"DIFFERS  {name}  {first_difference(before, after)}")
            same = False
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("files", nargs="*", help=f"default: {' '.join(RESULT_FILES)}")
    parser.add_argument("--all", action="store_true", help="every file of BEFORE")
    args = parser.parse_args(argv)
    if args.all:
        names = sorted(p.name for p in args.before.iterdir() if p.is_file())
    else:
        names = args.files or list(RESULT_FILES)
    same = compare(args.before, args.after, names)
    print("identical" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
