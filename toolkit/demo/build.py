"""Build a demo round on disk: round.toml, every dataset file and .truth.json — optionally scaled K times."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.demo.generate import generate
from toolkit.demo.scale import scale_demo
from toolkit.demo.spec import DATASET_STEMS, DEMO_SEED, FILES, ROUND
from toolkit.demo.truth import truth_document
from toolkit.demo.writer import write_files, write_round
from toolkit.errors import ParameterError

TRUTH_FILE = ".truth.json"


def default_data_dir(scale: int = 1) -> Path:
    """data/demo, or data/demo-x<K> for a scaled round.

    >>> default_data_dir(), default_data_dir(50)
    (PosixPath('data/demo'), PosixPath('data/demo-x50'))
    """
    return Path("data/demo") if scale == 1 else Path(f"data/demo-x{scale}")


def round_values(scale: int = 1) -> dict:
    """[round] of the demo, or of its K-fold version (slug demo-x<K>).

    >>> round_values(3)["slug"], round_values(3)["title"][-9:]
    ('demo-x3', '（演示数据 ×3）')
    """
    if scale == 1:
        return dict(ROUND)
    return {**ROUND, "slug": f"demo-x{scale}", "title": ROUND["title"].replace("（演示数据）", f"（演示数据 ×{scale}）")}


def _clear_stale(out: Path) -> None:
    """Remove copies of a dataset under another name or format (they would be a second file for it)."""
    ours = set(FILES.values())
    for path in sorted(out.iterdir()):
        if path.is_file() and path.suffix.lower() in (".xlsx", ".xls", ".csv") and path.name not in ours:
            if any(path.stem.lower() == s.lower() for stems in DATASET_STEMS.values() for s in stems):
                path.unlink()


def build_demo(out_dir: Path, seed: int = DEMO_SEED, scale: int = 1) -> Path:
    """Write the demo round (scale K: K replicas of the county) into out_dir and return out_dir.

    out_dir is created; its dataset files, round.toml and .truth.json are overwritten.
    """
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 1:
        raise ParameterError(f"scale 应为不小于 1 的整数，实际为 {scale!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _clear_stale(out)
    demo = generate(seed)
    if scale > 1:
        demo = scale_demo(demo, scale)
    write_round(out, round_values(scale))
    write_files(demo.tables, out, stream=scale > 1)
    truth = truth_document(demo.tables, demo.near, seed, scale)
    (out / TRUTH_FILE).write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                  encoding="utf-8")
    return out


def expected_truth(out_dir: Path) -> dict:
    """The truth file written by build_demo()."""
    return json.loads((Path(out_dir) / TRUTH_FILE).read_text(encoding="utf-8"))
