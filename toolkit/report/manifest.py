"""manifest.json: what a run read (SHA-256 of every input), with which parameters and versions, and how it went."""

from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import toolkit

PACKAGES = ("pandas", "numpy", "openpyxl", "python-calamine", "chinesecalendar", "cn2an", "matplotlib",
            "papermill", "nbconvert", "ipykernel", "python-docx", "jinja2")


def now() -> str:
    """The current local time, ISO 8601 with offset, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def package_versions() -> dict[str, str | None]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_commit() -> str | None:
    """The commit of the toolkit's own checkout (with '-dirty' when it has changes), or None."""
    root = Path(toolkit.__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True,
                                timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return commit + ("-dirty" if dirty else "")


def base_manifest(round_info: dict[str, Any], inputs: dict[str, str], parameters: dict[str, Any]) -> dict[str, Any]:
    """The parts of a manifest known before any work is done."""
    return {
        "round": round_info,
        "status": "running",
        "parameters": parameters,
        "inputs": {name: {"sha256": digest} for name, digest in sorted(inputs.items())},
        "toolkit_version": toolkit.__version__,
        "git_commit": git_commit(),
        "python": platform.python_version(),
        "packages": package_versions(),
        "started_at": now(),
        "finished_at": None,
        "timings": {},
        "notes": [],
        "notebooks": [],
    }


#: a drawn sample's record, written beside the sample's workbook (toolkit.forensic.workpaper) and
#: gathered into manifest.json's "samples" by `toolkit run`: seed, size, interval, start, record ids
SAMPLE_SUFFIX = ".sample.json"


def collect_samples(out_dir: Path) -> list[dict[str, Any]]:
    """Every sample record (``*.sample.json``) under ``out_dir``, by path; ``file`` says where it lies.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "a").mkdir()
    ...     _ = (Path(d) / "a" / "fuel.sample.json").write_text('{"seed": 7}')
    ...     collect_samples(Path(d))
    [{'seed': 7, 'file': 'a/fuel.sample.json'}]
    """
    records = []
    for path in sorted(Path(out_dir).rglob(f"*{SAMPLE_SUFFIX}")):
        record = json.loads(path.read_text(encoding="utf-8"))
        records.append({**record, "file": path.relative_to(out_dir).as_posix()})
    return records
