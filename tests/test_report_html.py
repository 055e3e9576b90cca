"""toolkit.report.html: index.html and the summary tables it shares with the overview notebook."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from toolkit.areas import AREAS, all_checks, all_indicators
from toolkit.pipeline import analyse, write_check_outputs
from toolkit.report import html

TINY_TOML = """[round]
slug = "tiny"
title = "小轮次<script>alert(1)</script>"
target = "青岚县"
period_start = 2019-10-01
as_of = 2020-06-30
"""


@pytest.fixture
def tiny(round_dir, tmp_path):
    builder = round_dir                                   # conftest.RoundBuilder
    (builder.root / "round.toml").write_text(TINY_TOML, encoding="utf-8")
    builder.csv("问题线索.csv", [
        ["线索编号", "来源", "受理日期", "办理状态", "办结日期", "处置方式"],
        ["XS1", "信访举报", "2019-11-02", "已办结", "2020-01-10", "谈话函询"],
        ["XS2", "信访举报", "2019-12-05", "核查中", "", ""],
        ["XS3", "巡视巡察", "2020-05-20", "未办理", "", ""],
        ["XS4", "审计移送", "2020-01-15", "已办结", "2020-03-01", ""],
        ["XS5", "省委督导组", "2020-02-01", "已办结", "2020-04-01", "立案审查"],
        ["XS6", "不存在的来源", "2020-02-01", "已办结", "2020-04-01", "立案审查"],
    ])
    analysis = analyse(builder.root)
    out = tmp_path / "out"
    manifest = write_check_outputs(analysis, out, {"data_dir": str(builder.root)})
    (out / "notebooks").mkdir()
    (out / "notebooks" / "00_overview.html").write_text("<html></html>", encoding="utf-8")
    manifest["notebooks"] = [
        {"name": "00_overview", "area": "overview", "status": "ok", "duration_s": 2.5,
         "ipynb": "notebooks/00_overview.ipynb", "html": "notebooks/00_overview.html", "error": None},
        {"name": "40_cases", "area": "cases", "status": "failed", "duration_s": 1.25,
         "ipynb": None, "html": None,
         "error": {"name": "ValueError", "value": "<img src=x onerror=alert(1)>", "cell_index": 4,
                   "execution_count": 3}},
    ]
    manifest["status"] = "failed"
    return analysis, manifest, out


def test_index_shows_round_indicators_findings_and_failures(tiny):
    analysis, manifest, out = tiny
    path = html.write_index(out, analysis, manifest)
    assert path == out / "index.html"
    page = path.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and "青岚县" in page and "2019-10-01" in page and "2020-06-30" in page
    assert "线索核查率" in page and "60.0%" in page          # 3 of the 5 accepted clues closed
    assert "数据缺失" in page                               # no cases file: its indicators are null
    assert "线索超期未办结" in page and "clues.overdue" in page
    assert "未检查" in page                                 # cases.form_sanction_mismatch: no cases dataset
    assert 'href="notebooks/00_overview.html"' in page and "2.5 秒" in page
    assert "ValueError: &lt;img src=x onerror=alert(1)&gt;" in page and "第 4 个单元格" in page
    assert 'href="rejected.csv"' in page
    assert "1</strong> 行输入数据未能读取" in page
    for info in manifest["inputs"].values():
        assert info["sha256"] in page
    assert manifest["toolkit_version"] in page


def test_index_escapes_everything(tiny):
    analysis, manifest, out = tiny
    page = html.render_index(out, analysis, manifest, chart=b"\x89PNG\r\n\x1a\n")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert page.count("<img") == 1 and 'src="data:image/png;base64,iVBORw0KGgo="' in page   # the one inline chart
    assert "<img" not in html.render_index(out, analysis, manifest)                        # no chart given, none
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_index_without_findings_or_notebooks(tiny):
    analysis, manifest, out = tiny
    analysis.run.findings = analysis.run.findings.iloc[0:0]
    manifest = dict(manifest, notebooks=[], status="ok")
    page = html.render_index(out, analysis, manifest)
    assert "<img" not in page and "本次未执行笔记本" in page and "共发现疑点 <strong>0</strong> 条" in page


def test_index_lists_every_area_and_every_indicator(tiny):
    analysis, manifest, out = tiny
    page = html.render_index(out, analysis, manifest)
    for name, module in AREAS.items():
        assert f"<h3>{module.TITLE}</h3>" in page, name
    for indicator in all_indicators():
        label, _ = html.display_indicator(indicator.label, None, indicator.unit)
        assert label in page and indicator.name in page, indicator.name
    for check in all_checks():
        assert check.id in page, check.id


def test_index_counts_with_thousands_separators(tiny):
    analysis, manifest, out = tiny
    many = pd.concat([analysis.run.findings.iloc[[0]]] * 1234, ignore_index=True)
    analysis.run.findings = many
    page = html.render_index(out, analysis, manifest)
    assert "1,234" in page


# ---- areas and number formats ---------------------------------------------------------------------

def test_area_titles_come_from_the_area_packages():
    assert html.area_titles() == {name: module.TITLE for name, module in AREAS.items()}
    assert list(html.area_titles()) == list(AREAS)
    assert html.area_title("land") == AREAS["land"].TITLE and html.area_title("overview") == "总览"


@pytest.mark.parametrize("value, unit, text", [
    (1234567.891, "L", "1,234,567.89 升"), (266043.0, "km", "266,043 公里"), (0.6241, "%", "62.4%"),
    (7299125.0, "元", "729.91 万元"), (None, "亩", "数据缺失"), (float("nan"), "件", "数据缺失"), (pd.NA, "件", "数据缺失"),
])
def test_format_indicator(value, unit, text):
    assert html.format_indicator(value, unit) == text


@pytest.mark.parametrize("value, area, text", [
    (1988.9, "land", "1,988.90 亩"), (12.0, "land", "12 亩"), (12345678, "sangong", "1,234.57 万元"),
    (0, "sangong", "—"), (None, "cases", "—"),
])
def test_format_amount(value, area, text):
    assert html.format_amount(value, area) == text


# ---- the shared tables ------------------------------------------------------------------------------

def test_indicators_table_has_every_registered_indicator_under_its_area_title(tiny):
    analysis, _, _ = tiny
    table = html.indicators_table(analysis.indicators)
    assert table["名称"].tolist() == [i.name for i in all_indicators()]
    assert set(table["领域"]) == set(html.area_titles().values())
    received = table.set_index("名称").loc["cases.clues.received"]
    assert received["数值"] == "5" and received["领域"] == AREAS["cases"].TITLE
    assert table.set_index("名称").loc["cases.persons", "数值"] == "数据缺失"


def test_indicators_table_lists_unregistered_values_by_name():
    table = html.indicators_table({"extra.thing": 3.5})
    assert table.iloc[-1].tolist() == ["extra", "extra.thing", "3.50", "extra.thing"]


def test_findings_by_check_one_row_per_registered_check(tiny):
    analysis, _, _ = tiny
    table = html.findings_by_check(analysis.findings, analysis.run.skipped)
    assert table["检查编号"].tolist() == [c.id for c in all_checks()]
    row = table.set_index("检查编号").loc["cases.form_sanction_mismatch"]
    assert pd.isna(row["疑点数"]) and row["说明"].startswith("未检查：")
    overdue = table.set_index("检查编号").loc["clues.overdue"]
    assert overdue["疑点数"] == (analysis.findings["check_id"] == "clues.overdue").sum()
    assert overdue["领域"] == AREAS["cases"].TITLE


def test_findings_by_area_in_registry_order():
    findings = pd.DataFrame({"area": ["cases", "ledger", "cases", "elsewhere"]})
    counts = html.findings_by_area(findings)
    assert counts.to_dict() == {AREAS["ledger"].TITLE: 1, AREAS["cases"].TITLE: 2, "elsewhere": 1}
    assert html.findings_by_area(findings.iloc[0:0]).empty


def test_rejected_summary(tiny):
    analysis, _, _ = tiny
    table = html.rejected_summary(analysis.data.rejected)
    assert table.drop(columns="原因").to_dict("records") == [{"文件": "问题线索.csv", "列": "来源", "行数": 1,
                                                           "行号（前 5 个）": "7"}]
    assert "不在允许的取值内" in table["原因"].iloc[0]
    assert html.rejected_summary(None).empty


def test_datasets_table(tiny):
    analysis, _, _ = tiny
    table = html.datasets_table(analysis.data.frames).set_index("名称")
    assert table.loc["clues", "接受行数"] == 5 and table.loc["clues", "数据集"] == "问题线索"
    assert pd.isna(table.loc["ledger", "接受行数"])
