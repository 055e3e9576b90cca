"""Many demo rounds for `toolkit batch`: ``toolkit demo --rounds N`` → N county rounds under data/batch-demo/.

Round i (from 0) is the demo county drawn with seed ``DEMO_SEED + i`` (other records and amounts), at
scale ``1 + i % 3`` (1, 2 or 3 replicas: different sizes), under its own name, slug and title
(:data:`COUNTIES`); from the second round on, each keeps only a seeded share (40–100 %) of the
violations planted in the datasets no other dataset refers to (:data:`THINNED`), so the rounds'
findings differ too. Each round's ``.truth.json`` is computed by the oracle (:mod:`toolkit.demo.truth`)
on the rows actually written.
The records keep the demo's place names (青岚…), so ``city`` stays the demo's: the same-city rule
and its truth read it.

>>> [c for c, _ in county_rounds(3)], county_rounds(3)[2][1]["scale"]
(['01-松溪县', '02-柳河县', '03-石门县'], 3)
>>> county_rounds(2)[1][1]["round"]["slug"], county_rounds(2)[1][1]["round"]["target"]
('county-02', '柳河县')
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from toolkit.demo.build import TRUTH_FILE
from toolkit.demo.generate import Demo, generate
from toolkit.demo.scale import scale_demo
from toolkit.demo.spec import DEMO_SEED, ID_COLUMNS, ROUND
from toolkit.demo.truth import truth_document
from toolkit.demo.writer import write_files, write_round
from toolkit.errors import ParameterError

DEFAULT_ROUNDS_DIR = Path("data/batch-demo")
COUNTIES = ("松溪县", "柳河县", "石门县", "青田县", "安远县", "宁都县", "龙泉县", "桃源县", "云和县", "永丰县",
            "兴国县", "修水县", "泰和县", "遂川县", "万安县", "崇义县", "上犹县", "大余县", "信丰县", "寻乌县")
SIZES = 3
#: datasets whose planted rows a round may drop (nothing refers to their records)
THINNED = ("vehicle_trips", "fuel", "land", "overseas")


def county_rounds(count: int) -> list[tuple[str, dict[str, Any]]]:
    """(folder name, build arguments) of each of ``count`` county rounds."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= len(COUNTIES):
        raise ParameterError(f"--rounds 应为 1 到 {len(COUNTIES)} 之间的整数，实际为 {count!r}")
    out = []
    for i in range(count):
        county = COUNTIES[i]
        values = {**ROUND, "slug": f"county-{i + 1:02d}", "target": county,
                  "title": f"省委第一巡视组巡察{county}反馈意见整改（演示数据）"}
        keep = 1.0 if i == 0 else round(random.Random(DEMO_SEED + i).uniform(0.4, 1.0), 2)
        out.append((f"{i + 1:02d}-{county}", {"seed": DEMO_SEED + i, "scale": 1 + i % SIZES, "keep": keep,
                                              "round": values}))
    return out


def thinned(demo: Demo, keep: float, seed: int) -> Demo:
    """The county with only a seeded share ``keep`` of the planted rows of :data:`THINNED` (the others as they are).

    >>> d = generate(); t = thinned(d, 0.5, 1)
    >>> 0 < len(t.tables["land"]) < len(d.tables["land"]), thinned(d, 1.0, 1) is d
    (True, True)
    """
    if keep >= 1.0:
        return demo
    rng = random.Random(seed)
    tables, dropped = dict(demo.tables), set()
    for name in THINNED:
        rows = [r for r in demo.tables[name] if not r["_tags"] or rng.random() < keep]
        dropped |= {r[ID_COLUMNS[name]] for r in demo.tables[name]} - {r[ID_COLUMNS[name]] for r in rows}
        tables[name] = rows
    near = {check: [x for x in ids if x not in dropped] for check, ids in demo.near.items()}
    intended = {check: [x for x in ids if x not in dropped] for check, ids in demo.intended.items()}
    return Demo(tables, intended, near)


def build_county(out: Path, spec: dict[str, Any]) -> Path:
    """One county round on disk: round.toml, the files and .truth.json (as toolkit.demo.build writes them)."""
    out.mkdir(parents=True, exist_ok=True)
    demo = thinned(generate(spec["seed"]), spec["keep"], spec["seed"])
    if spec["scale"] > 1:
        demo = scale_demo(demo, spec["scale"])
    write_round(out, spec["round"])
    write_files(demo.tables, out, stream=spec["scale"] > 1)
    truth = truth_document(demo.tables, demo.near, spec["seed"], spec["scale"])
    truth["kept_share"] = spec["keep"]
    (out / TRUTH_FILE).write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                  encoding="utf-8")
    return out


def build_rounds(out_dir: Path | None = None, count: int = 12) -> Path:
    """Write ``count`` county rounds into ``out_dir`` (default data/batch-demo), one folder each; return it."""
    out = Path(out_dir) if out_dir else DEFAULT_ROUNDS_DIR
    for name, spec in county_rounds(count):
        build_county(out / name, spec)
    return out
