"""The demo's 党费 rows plant every subtlety of the dues rules (the truth file itself is checked by
tests/test_demo_truth.py against the pipeline)."""

from __future__ import annotations

from toolkit.demo.dues import gen_dues
from toolkit.demo.generate import generate
from toolkit.demo.truth_village import dues


def test_planted_dues_cases():
    rows, intended, near = gen_dues(20200630)
    found, shortfall = dues({"party_dues": rows})
    assert sorted(found["dues.missing_month"]) == intended["dues.missing_month"]
    assert sorted(found["dues.stopped"]) == intended["dues.stopped"]
    assert not set(found["dues.stopped"]) & set(near["dues.stopped"])      # 5 months; a transfer
    assert any(" " in rid for rid in intended["dues.missing_month"])         # MEMBER as in its first row
    assert any(r["branch"] == "无" for r in rows) and any(r["branch"] is None for r in rows)   # the empty branch
    months = {}
    for r in rows:
        months.setdefault((r["member"], r["branch"], r["month"]), []).append(r)
    assert any(len(group) == 3 for group in months.values())                 # a 补交 month of three rows
    assert shortfall > 0


def test_generators_are_independent_of_the_first_wave():
    a, b = generate(20200630), generate(20200630)
    assert [r["id"] for r in a.tables["party_dues"]] == [r["id"] for r in b.tables["party_dues"]]
    assert a.intended["dues.underpaid"] and a.near["dues.underpaid"]
    assert len(a.tables["village_finance"]) < 300        # never enough values for generic.benford
