"""What makes two checks of a round the same: its input files, its effective config and the code that checks it.

:mod:`toolkit.snapshot` keys a saved round on :func:`round_key` (a notebook loads the snapshot only while it
matches); `toolkit batch` skips a round whose inputs and :func:`code_digest` did not change.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

import toolkit
from toolkit.config import ROUND_FILE, RoundConfig, load_config
from toolkit.ingest.load import sha256_file


def effective_config(data_dir: Path, thresholds: dict[str, Any] | None = None) -> RoundConfig:
    """round.toml with the notebook's threshold overrides, as :func:`toolkit.pipeline.analyse` builds it."""
    config = load_config(Path(data_dir) / ROUND_FILE)
    if thresholds:
        config = replace(config, thresholds=config.thresholds.with_overrides(thresholds, "thresholds 参数"))
    return config


def round_inputs(data_dir: Path) -> list[Path]:
    """Every file the key covers: the folder's files but hidden ones and Excel lock files (``~$…``).

    The same files :func:`toolkit.ingest.load.discover_files` considers (datasets and ignored), plus round.toml.
    """
    return sorted(p for p in Path(data_dir).iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def input_hashes(data_dir: Path) -> dict[str, str]:
    """SHA-256 of every file of :func:`round_inputs`, by file name."""
    return {path.name: sha256_file(path) for path in round_inputs(data_dir)}


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 over the toolkit's own source files: a changed rule invalidates every snapshot."""
    package = Path(toolkit.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def round_key(config: RoundConfig, hashes: dict[str, str]) -> dict[str, Any]:
    """The round's inputs (``hashes``: SHA-256 by file name), its config and the code's versions (JSON-ready)."""
    return {"toolkit": toolkit.__version__, "code": code_digest(), "pandas": pd.__version__,
            "pyarrow": pa.__version__, "config": config.as_dict(), "inputs": dict(sorted(hashes.items()))}
