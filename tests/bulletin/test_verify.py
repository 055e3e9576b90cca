"""`toolkit bulletin verify`: the toolkit's own bulletin agrees everywhere, a doctored figure is caught,
the seed bulletin's X are 未填写."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit.bulletin.compose import compose_bulletin
from toolkit.bulletin.verify import CLAIMS, find_claims, judge, verify_claims
from toolkit.cli import main
from toolkit.pipeline import analyse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


@pytest.fixture(scope="module")
def demo(built_demo):
    return built_demo, analyse(built_demo)


def _bulletin_text(analysis) -> str:
    return "\n".join(block.text for block in compose_bulletin(analysis).blocks)


def test_every_figure_of_the_toolkits_own_bulletin_agrees(demo, tmp_path):
    round_dir, analysis = demo
    path = tmp_path / "通报.txt"
    path.write_text(_bulletin_text(analysis), encoding="utf-8")
    assert main(["bulletin", "verify", str(path), str(round_dir), "--out", str(tmp_path / "out")]) == 0
    table = pd.read_csv(tmp_path / "out" / "verify.csv", dtype="str")
    assert set(table["结果"]) == {"一致"}
    for name in ("ledger.measures", "ledger.completion_rate", "cases.clues.received", "cases.persons",
                 "land.reclaimed.parcels", "land.reclaimed.area_mu", "sangong.reception.amount"):
        assert name in set(table["指标"]), name
    assert "不一致" not in (tmp_path / "out" / "verify.html").read_text(encoding="utf-8").split("</p>", 2)[-1]


def test_the_rendered_docx_agrees_too(demo, tmp_path):
    round_dir, _ = demo
    assert main(["bulletin", "render", str(round_dir), "--out", str(tmp_path / "通报.docx")]) == 0
    assert main(["bulletin", "verify", str(tmp_path / "通报.docx"), str(round_dir), "--out", str(tmp_path)]) == 0


def test_one_doctored_figure_is_exactly_one_disagreement(demo, tmp_path, capsys):
    round_dir, analysis = demo
    text = _bulletin_text(analysis)
    measures = analysis.indicators["ledger.measures"]
    doctored = re.sub(r"提出了[0-9,]+条整改措施", f"提出了{measures + 1}条整改措施", text, count=1)
    assert doctored != text
    path = tmp_path / "通报.txt"
    path.write_text(doctored, encoding="utf-8")
    assert main(["bulletin", "verify", str(path), str(round_dir), "--out", str(tmp_path / "out")]) == 1
    table = pd.read_csv(tmp_path / "out" / "verify.csv", dtype="str")
    bad = table[table["结果"] == "不一致"]
    assert len(bad) == 1 and bad.iloc[0]["指标"] == "ledger.measures" and bad.iloc[0]["所述"] == str(measures + 1)
    assert f"提出了{measures + 1}条整改措施" in bad.iloc[0]["原文"]
    assert (table["结果"] != "不一致").sum() == len(table) - 1
    assert "不一致：整改措施数" in capsys.readouterr().out


def test_the_seed_bulletins_x_are_reported_as_unfilled(tmp_path):
    paragraphs = (FIXTURES / "example.txt").read_text(encoding="utf-8").splitlines()
    claims = find_claims(paragraphs)
    table = verify_claims(claims, {})
    assert {"ledger.aspects", "ledger.problems", "ledger.measures", "ledger.leaders", "ledger.units",
            "land.reclaimed.parcels", "land.reclaimed.area_mu"} <= set(table["指标"])
    assert set(table["结果"]) == {"未填写"}
    round_dir = FIXTURES / "round"
    assert main(["bulletin", "verify", str(FIXTURES / "example.txt"), str(round_dir), "--out", str(tmp_path)]) == 0


def test_rounding_as_a_bulletin_writes_it():
    assert judge("62.4", 0.6241, "pct") == "一致" and judge("62.4", 0.6246, "pct") == "不一致"
    assert judge("776.6", 776.60, "mu") == "一致" and judge("776.60", 776.6049, "mu") == "一致"
    assert judge("72.99", 729912.5, "wan") == "一致" and judge("73.00", 729912.5, "wan") == "不一致"
    assert judge("1,764", 1764, "count") == "一致" and judge("1,765", 1764, "count") == "不一致"
    assert judge("【待补充】", 3, "count") == "未填写" and judge("3", None, "count") == "无法核对"


def test_every_claim_pattern_has_one_figure():
    for claim in CLAIMS:
        assert claim.pattern.groups == 1, claim.phrase
