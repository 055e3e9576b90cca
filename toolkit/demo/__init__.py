"""The deterministic demo round: one county's year, with planted violations.

``build_demo(out_dir)`` writes a realistic synthetic round for 青岚县 — every
dataset of the contract's main sections, in the mix of formats a county really
hands over (xlsx with title rows, GB18030 CSV, UTF-8-BOM CSV, text dates, Excel
serial dates, money as text, 万元 and 平方米 headers) — and ``.truth.json``,
which lists exactly which records each check of checks.md must flag and the
value of every indicator. ``build_demo(out_dir, scale=K)`` writes K replicas
of the county into one round (:mod:`toolkit.demo.scale`).

How the truth is made exact:

1. Clean rows are generated so that, by construction, they break no rule
   (working days, letters present, per-capita under the standard, unique
   invoices, fuel within the plate's trip kilometres, ...).
2. Violations and near-misses are planted deliberately; each planted row is
   tagged with the checks it is meant to fail (``_tags``) or to pass narrowly
   (``_near``).
3. The truth is then computed by :func:`evaluate` (:mod:`toolkit.demo.truth`),
   a plain-Python reading of checks.md applied to the generated values (not by
   any other toolkit module), and the tests assert that it equals the planted
   set.

Modules: ``spec`` (dates, thresholds, ids, file names), ``vocabulary`` (word
lists), ``draw`` (seeded drawing helpers), one generator per dataset family
(``ledger``, ``reception``, ``fleet``/``vehicles``/``fuel``, ``overseas``,
``budget``, ``land``, ``clues``), ``generate`` (the county for a seed),
``scale`` (replicas), ``rules`` and ``truth`` (the oracle), ``layouts`` /
``writer`` / ``xlsx_stream`` (the files), ``build`` (the round on disk).

Byte-for-byte determinism: only ``random.Random(seed)`` is used, xlsx zip
entries carry a fixed timestamp and the document properties a fixed date.
"""

from toolkit.demo.build import build_demo, default_data_dir, expected_truth, round_values
from toolkit.demo.generate import Demo, generate
from toolkit.demo.rules import SANCTIONS_BY_FORM, benford_mad, is_empty
from toolkit.demo.scale import scale_demo
from toolkit.demo.spec import (AS_OF, CHECK_IDS, DEMO_SEED, FILES, ID_COLUMNS, INDICATOR_NAMES, MONEY_COLUMNS,
                               PERIOD_START, ROUND, THRESHOLDS)
from toolkit.demo.truth import evaluate, indicators

__all__ = ["DEMO_SEED", "build_demo", "expected_truth", "generate", "evaluate", "indicators", "CHECK_IDS",
           "INDICATOR_NAMES", "FILES", "SANCTIONS_BY_FORM", "Demo", "scale_demo", "default_data_dir",
           "round_values", "benford_mad", "is_empty", "AS_OF", "PERIOD_START", "ROUND", "THRESHOLDS",
           "ID_COLUMNS", "MONEY_COLUMNS"]
