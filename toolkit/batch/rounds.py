"""The rounds of a batch: which folders, where their outputs go, and which may be skipped.

A round is a sub-folder of ROUNDS_DIR holding a round.toml; its outputs go to ``OUT/rounds/<folder>/``
(as `toolkit check` or `toolkit run` writes them). A round is skipped — unless ``--force`` — when its
previous outputs finished well and nothing it depends on changed (:func:`unchanged`): the SHA-256 of
every dataset file (the manifest's ``inputs``), the round and its thresholds (round.toml as read),
masking, the toolkit's version and source (the batch manifest's ``code``), and, for a batch with
notebooks, a previous run that executed them all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import toolkit
from toolkit.config import ROUND_FILE, load_config
from toolkit.errors import ParameterError, ToolkitError
from toolkit.ingest.load import discover_files, sha256_file
from toolkit.roundkey import code_digest

ROUNDS_FOLDER = "rounds"
MANIFEST = "manifest.json"

DEFAULT_OUT = Path("reports/batch")  # where `toolkit batch` writes without --out


@dataclass(frozen=True)
class Round:
    """One round folder of the batch and its output folder."""

    name: str
    data_dir: Path
    out_dir: Path

    @property
    def manifest_path(self) -> Path:
        return self.out_dir / MANIFEST


def discover_rounds(rounds_dir: Path, out: Path) -> list[Round]:
    """Every sub-folder of ``rounds_dir`` with a round.toml, by name; ParameterError when there is none."""
    rounds_dir = Path(rounds_dir)
    if not rounds_dir.is_dir():
        raise ParameterError(f"{rounds_dir}: 轮次目录不存在")
    found = [Round(p.name, p.resolve(), Path(out).resolve() / ROUNDS_FOLDER / p.name)
             for p in sorted(rounds_dir.iterdir())
             if p.is_dir() and not p.name.startswith(".") and (p / ROUND_FILE).is_file()]
    if not found:
        raise ParameterError(f"{rounds_dir} 下没有含 {ROUND_FILE} 的轮次文件夹")
    return found


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON object from a file, or None when it is missing or unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def current_state(data_dir: Path, mask: bool = False) -> dict[str, Any] | None:
    """What the round's outputs depend on now, in the manifest's terms; None when round.toml cannot be read
    (the round then runs, and fails with the reason)."""
    try:
        config = load_config(Path(data_dir) / ROUND_FILE)
        files, _ = discover_files(Path(data_dir))
    except (ToolkitError, OSError):
        return None
    inputs = {p.name: {"sha256": sha256_file(p)} for p in files.values() if p.is_file()}
    return {"inputs": dict(sorted(inputs.items())), "round": json.loads(json.dumps(config.as_dict(), default=str)),
            "thresholds": json.loads(json.dumps(config.thresholds.as_dict(), default=str)),
            "mask": bool(mask or config.mask), "toolkit_version": toolkit.__version__, "code": code_digest()}


def unchanged(manifest: dict[str, Any] | None, state: dict[str, Any] | None, notebooks: bool,
              previous_code: str | None) -> bool:
    """Whether a round's previous outputs (its manifest) still hold for ``state``.

    >>> state = {"inputs": {"a.csv": {"sha256": "1"}}, "round": {"slug": "x"}, "thresholds": {}, "mask": False,
    ...          "toolkit_version": "0.1.0", "code": "c"}
    >>> manifest = {"status": "ok", "inputs": {"a.csv": {"sha256": "1"}}, "round": {"slug": "x"},
    ...             "parameters": {"thresholds": {}, "mask": False}, "toolkit_version": "0.1.0", "notebooks": []}
    >>> unchanged(manifest, state, False, "c"), unchanged(manifest, state, True, "c")
    (True, False)
    >>> unchanged(manifest, state, False, "d")
    False
    >>> unchanged(manifest, {**state, "inputs": {"a.csv": {"sha256": "2"}}}, False, "c")
    False
    """
    if not manifest or not state or manifest.get("status") != "ok" or previous_code != state["code"]:
        return False
    parameters = manifest.get("parameters") or {}
    same = (manifest.get("inputs") == state["inputs"] and manifest.get("round") == state["round"]
            and parameters.get("thresholds") == state["thresholds"]
            and bool(parameters.get("mask")) == state["mask"]
            and manifest.get("toolkit_version") == state["toolkit_version"])
    if not same:
        return False
    ran = manifest.get("notebooks") or []
    return not notebooks or (bool(ran) and all(n.get("status") == "ok" for n in ran))


def manifest_digest(round_: Round) -> str | None:
    """SHA-256 of the round's manifest.json, or None when it has none."""
    return sha256_file(round_.manifest_path) if round_.manifest_path.is_file() else None
