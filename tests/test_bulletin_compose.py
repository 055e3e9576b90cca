"""Tests for toolkit.bulletin.compose: the progress bulletin's text (sections, figures, placeholders)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from toolkit.bulletin.compose import compose_bulletin, format_figure
from toolkit.bulletin.parse import parse_bulletin
from toolkit.bulletin.render import render_bulletin
from toolkit.errors import InputError
from toolkit.ingest.load import load_round
from toolkit.pipeline import analyse

FIXTURE = Path(__file__).parent / "fixtures" / "bulletins" / "round"   # round.toml + ledger, progress, clues
LEDGER = (FIXTURE / "整改台账.csv").read_text(encoding="utf-8")


def write_round(directory: Path, *, target: str = "青岚县", ledger: str | None = LEDGER, clues: bool = False,
                progress: bool = True) -> Path:
    """A small round folder from the fixture: its ledger (or ``ledger`` text, or none), progress, clues."""
    directory.mkdir(parents=True, exist_ok=True)
    toml = (FIXTURE / "round.toml").read_text(encoding="utf-8")
    (directory / "round.toml").write_text(toml.replace('target = "青岚县"', f'target = "{target}"'), encoding="utf-8")
    if ledger is not None:
        (directory / "整改台账.csv").write_text(ledger, encoding="utf-8")
        if progress:
            shutil.copy(FIXTURE / "整改周报.csv", directory)
    if clues:
        shutil.copy(FIXTURE / "问题线索.csv", directory)
    return directory


def lines_of(directory: Path) -> list[str]:
    """The bulletin of a round folder, one paragraph a line."""
    return [block.text for block in compose_bulletin(analyse(directory)).blocks]


@pytest.fixture
def lines(tmp_path) -> list[str]:
    return lines_of(write_round(tmp_path / "round"))


def section(lines: list[str], start: str, end: str | None = None) -> str:
    return "\n".join(lines[lines.index(start):lines.index(end) if end else None])


def test_title_and_opening(lines):
    assert lines[0] == "青岚县委关于省委第一巡视组巡视反馈意见整改进展情况的通报"
    assert lines[1].startswith("按照省委统一部署，省委第一巡视组对青岚县进行了巡视")


def test_three_sections_in_order(lines):
    positions = [lines.index(h) for h in ("一、整改工作组织情况", "二、整改落实情况", "三、下一步整改工作打算")]
    assert positions == sorted(positions)


def test_section_one_figures(lines):
    one = section(lines, "一、整改工作组织情况", "二、整改落实情况")
    assert "分解为2个方面3个具体问题，提出了6条整改措施，明确由3个县级领导牵头，5个责任单位具体抓整改落实" in one
    assert "已完成2条，完成率33.3%" in one and "正在推进3条，尚未启动1条" in one
    assert "已销号的1条" in one and "尚未履行销号手续的1条" in one
    assert "共收到3期周报、3条措施进展报告" in one


def test_section_two_measures_worded_by_status(lines):
    assert "整改情况：一是深化理论学习，梳理了12篇未学习的法规条例并补学。二是制定2020年理论学习中心组学习计划，目前正在推进。" in lines
    assert "针对“盐卤药化产业优化升级效果不理想”的整改情况：支持企业开展技术改造，计划于2020年7月10日前完成。" in lines
    assert "针对“箱包皮具产业转型升级”的整改情况：加快箱包产业园建设，目前正在推进。" in lines
    assert "2.“全面从严治党有欠缺”方面" in lines and "（3）关于“违规公款吃喝问题突出”的问题" in lines


def test_section_three_lists_overdue(lines):
    three = section(lines, "三、下一步整改工作打算")
    assert "尚有4条整改措施未完成" in three and "已超过完成时限仍未完成的1条" in three
    assert "措施编号1-1-2" in three and "2020年6月15日" in three and "已逾期15天" in three


def test_missing_dataset_prints_pending_and_lists_it(lines):
    body = "\n".join(lines)
    assert "共受理问题线索【待补充】件" in body and "线索核查率【待补充】" in body
    appendix = lines.index("附：待补充事项")
    assert appendix > lines.index("三、下一步整改工作打算")
    listed = "\n".join(lines[appendix:])
    assert "受理问题线索数（缺少数据集“问题线索”）" in listed and "线索核查率" in listed


def test_present_dataset_prints_figures(tmp_path):
    body = "\n".join(lines_of(write_round(tmp_path / "r", clues=True)))
    assert "共受理问题线索4件，已办结2件，线索核查率50.0%" in body
    appendix = body[body.index("附：待补充事项"):] if "附：待补充事项" in body else ""
    assert "问题线索" not in appendix


def test_no_placeholder_x_anywhere(tmp_path, lines):
    assert "X" not in "\n".join(lines) and "Ｘ" not in "\n".join(lines)
    # X in the data (a blanked name or figure) becomes 【待补充】 and is listed
    blanked = LEDGER.replace("梳理了12篇", "梳理了X篇")
    marked = lines_of(write_round(tmp_path / "x", target="X县", ledger=blanked))
    body = "\n".join(marked)
    assert "X" not in body
    assert marked[0] == "【待补充】县委关于省委第一巡视组巡视反馈意见整改进展情况的通报"
    assert "梳理了【待补充】篇" in body
    listed = "\n".join(marked[marked.index("附：待补充事项"):])
    assert "措施1-1-1中原以占位符标示、尚待填写的内容" in listed and "target" in listed


def test_chinese_ordinals_past_ten(tmp_path):
    header, row = LEDGER.splitlines()[0], LEDGER.splitlines()[2]
    rows = [row.replace("1-1-2", f"1-1-{k}").replace("制定2020年", f"第{k}项，制定2020年") for k in range(1, 13)]
    body = "\n".join(lines_of(write_round(tmp_path / "o", ledger="\n".join([header, *rows]) + "\n")))
    assert "十是第10项" in body and "十一是第11项" in body and "十二是第12项" in body


def test_no_ledger_is_a_clear_input_error(tmp_path):
    analysis = analyse(write_round(tmp_path / "empty", ledger=None, clues=True))
    with pytest.raises(InputError, match="没有整改台账"):
        compose_bulletin(analysis)


# ---- figures: toolkit.formatting, with thousands separators ------------------------------------

@pytest.mark.parametrize("value, kind, text", [
    (1764, "count", "1,764"), (12, "count", "12"), (12.0, "count", "12"),
    (0.6241, "pct", "62.4%"), (1.0, "pct", "100.0%"),
    (729912.5, "wan", "72.99"), (12345678.9, "wan", "1,234.57"), (50000, "wan", "5.00"),
    (1988.9, "mu", "1,988.9"), (776.6, "mu", "776.6"), (12.0, "mu", "12"),
    (266043.04, "number", "266,043"), (29987.77, "number", "29,987.8"),
])
def test_format_figure(value, kind, text):
    assert format_figure(value, kind) == text


def test_large_counts_get_thousands_separators(tmp_path):
    header = LEDGER.splitlines()[0]
    rows = [f"1-{k}-1,1,甲方面,{k},问题{k},,措施{k},张三,县委办,限期整改,2020-05-31,推进中,,,," for k in range(1, 1201)]
    text = "\n".join(lines_of(write_round(tmp_path / "big", ledger="\n".join([header, *rows]) + "\n",
                                           progress=False)))
    assert "提出了1,200条整改措施" in text and "正在推进1,200条" in text
    assert "尚有1,200条整改措施未完成" in text and "已超过完成时限仍未完成的1,200条" in text


# ---- round trip through the parser -------------------------------------------------------------

def test_rendered_bulletin_parses_back(tmp_path):
    directory = write_round(tmp_path / "round")
    parsed = parse_bulletin(render_bulletin(analyse(directory), tmp_path / "bulletin.docx"))
    ledger = load_round(directory).frames["ledger"]
    assert parsed["aspect_no"].nunique() == ledger["aspect_no"].nunique()
    assert sorted(parsed["problem"].unique()) == sorted(ledger["problem"].unique())
    assert len(parsed) == len(ledger)
    assert parsed["aspect"].drop_duplicates().tolist() == ledger["aspect"].drop_duplicates().tolist()
    subs = parsed["sub_problem"].dropna().unique().tolist()
    assert subs == ["盐卤药化产业优化升级效果不理想", "箱包皮具产业转型升级"]


def test_demo_bulletin(built_demo, tmp_path):
    data_dir = built_demo
    analysis = analyse(data_dir)
    text = compose_bulletin(analysis).text
    ledger = load_round(data_dir).frames["ledger"]
    assert f"提出了{len(ledger)}条整改措施" in text
    assert "X" not in text
    assert re.search(r"[1-9]\d{0,2}(,\d{3})+条措施进展报告", text), "figures over 999 with thousands separators"
    trips, km = analysis.indicators["sangong.vehicle.trips"], analysis.indicators["sangong.vehicle.km"]
    assert trips >= 1000 and f"出车{trips // 1000},{trips % 1000:03d}次" in text
    assert f"行驶{format_figure(km, 'number')}公里" in text and "," in format_figure(km, "number")
    parsed = parse_bulletin(render_bulletin(analysis, tmp_path / "demo.docx"))
    assert parsed["aspect_no"].nunique() == ledger["aspect_no"].nunique()
    assert parsed["problem_no"].nunique() == ledger["problem_no"].nunique()
    assert len(parsed) == len(ledger)
