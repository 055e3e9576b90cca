"""`toolkit bulletin verify`: every figure a bulletin states about the round, checked against the data.

Each :data:`CLAIMS` entry is a phrase of the bulletin's language with one figure in it ("提出了{}条整改措施")
and the indicator it states. :func:`find_claims` finds every occurrence in the bulletin's paragraphs, with
the sentence it stands in; :func:`verify_claims` compares each stated figure with the indicator of the
analysed round, as the bulletin rounds it: the stated figure agrees when the computed one, in the stated
unit (% for rates, 万元 for money), rounds to it at the stated number of decimals (62.4% for 0.6241, 776.6
亩 for 776.60). An "X" (or 【待补充】) is 未填写; an indicator that is null (dataset absent) is 无法核对.
:func:`write_verification` writes verify.csv and verify.html.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from toolkit.bulletin.compose import format_figure
from toolkit.report.outputs import write_csv, write_text

AGREE, DISAGREE, UNCHECKABLE, UNFILLED = "一致", "不一致", "无法核对", "未填写"
FIGURE = r"([0-9０-９][0-9０-９,，.．]*|[XＸ]+|【待补充】)"
SCALE = {"pct": 100.0, "wan": 1 / 10_000}     # the stated unit from the indicator's: % and 万元
COLUMNS = ["序号", "声明", "原文", "所述", "计算值", "结果", "指标", "段落"]


@dataclass(frozen=True)
class Claim:
    """A phrase (``{}`` = the figure) and the indicator it states, with the bulletin's way of printing it."""

    phrase: str
    label: str
    indicator: str          # an indicators.json name, or a difference of two ("a-b")
    kind: str = "count"     # format_figure's kind: count, pct, wan, mu, number

    @property
    def pattern(self) -> re.Pattern[str]:
        before, after = self.phrase.split("{}")
        return re.compile(before + FIGURE + after)


CLAIMS: tuple[Claim, ...] = (
    Claim(r"分解为{}个方面", "整改方面数", "ledger.aspects"),
    Claim(r"方面{}个具体问题", "具体问题数", "ledger.problems"),
    Claim(r"提出了{}条整改措施", "整改措施数", "ledger.measures"),
    Claim(r"{}条整改措施中", "整改措施数", "ledger.measures"),
    Claim(r"{}条整改措施已全部完成", "整改措施数", "ledger.measures"),
    Claim(r"明确由{}个\w{0,4}领导牵头", "牵头领导人数", "ledger.leaders"),
    Claim(r"领导牵头，{}个责任单位", "责任单位数", "ledger.units"),
    Claim(r"整改措施中，已完成{}条", "已完成措施数", "ledger.completed"),
    Claim(r"完成率{}%", "整改完成率", "ledger.completion_rate", "pct"),
    Claim(r"正在推进{}条", "推进中措施数", "ledger.in_progress"),
    Claim(r"尚未启动{}条", "未启动措施数", "ledger.not_started"),
    Claim(r"并已销号的{}条", "已销号措施数", "ledger.signed_off"),
    Claim(r"已超过完成时限仍未完成的{}条", "逾期未完成措施数", "ledger.overdue"),
    Claim(r"尚有{}条整改措施未完成", "未完成措施数", "ledger.measures-ledger.completed"),
    Claim(r"尚未履行销号手续的{}条", "已完成未销号措施数", "ledger.completed-ledger.signed_off"),
    Claim(r"受理问题线索{}件", "受理问题线索数", "cases.clues.received"),
    Claim(r"已办结{}件", "办结问题线索数", "cases.clues.closed"),
    Claim(r"线索核查率{}%", "线索核查率", "cases.clues.verification_rate", "pct"),
    Claim(r"立案{}起", "立案数", "cases.cases"),
    Claim(r"(?<!形态)处理{}人", "处理人数", "cases.persons"),
    Claim(r"党纪政务处分(?:[0-9０-９XＸ]+起)?{}人", "党纪政务处分人数", "cases.sanctioned"),
    Claim(r"第一种形态处理{}人", "第一种形态处理人数", "cases.first_form"),
    Claim(r"(?<!提出)问责{}人", "问责人数", "cases.accountability"),
    Claim(r"收回闲置低效土地{}宗", "收回闲置低效土地宗数", "land.reclaimed.parcels"),
    Claim(r"收回闲置低效土地[^，。；]*?宗，面积{}亩", "收回闲置低效土地面积", "land.reclaimed.area_mu", "mu"),
    Claim(r"闲置土地{}宗", "闲置土地宗数", "land.idle.parcels"),
    Claim(r"尚有闲置土地[^，。；]*?宗、{}亩", "闲置土地面积", "land.idle.area_mu", "mu"),
    Claim(r"批而未供土地{}宗", "批而未供土地宗数", "land.unsupplied.parcels"),
    Claim(r"批而未供土地[^，。；]*?宗、{}亩", "批而未供土地面积", "land.unsupplied.area_mu", "mu"),
    Claim(r"公务接待{}批次", "公务接待批次", "sangong.reception.count"),
    Claim(r"批次、金额{}万元", "公务接待金额", "sangong.reception.amount", "wan"),
    Claim(r"出车{}次", "公车出车次数", "sangong.vehicle.trips"),
    Claim(r"行驶{}公里", "公车行驶里程", "sangong.vehicle.km", "number"),
    Claim(r"加油{}升", "加油量", "sangong.fuel.liters", "number"),
    Claim(r"升、金额{}万元", "加油金额", "sangong.fuel.amount", "wan"),
    Claim(r"因公出国（境）{}人次", "因公出国（境）人次", "sangong.overseas.trips"),
    Claim(r"人次、费用{}万元", "因公出国（境）费用", "sangong.overseas.cost", "wan"),
)


def sentence_at(paragraph: str, start: int, end: int) -> str:
    """The sentence of ``paragraph`` holding the span start:end (between 。；！？ or the paragraph's ends).

    >>> sentence_at("一是甲。二是提出了3条措施；三是丙。", 6, 12)
    '二是提出了3条措施；'
    """
    left = max(paragraph.rfind(mark, 0, start) for mark in "。；！？") + 1
    ends = [i for i in (paragraph.find(mark, end) for mark in "。；！？") if i >= 0]
    return paragraph[left:(min(ends) + 1 if ends else len(paragraph))].strip()


def find_claims(paragraphs: list[str]) -> pd.DataFrame:
    """Every claim of the bulletin, in reading order: paragraph, position, claim, stated text, sentence."""
    rows = []
    for number, paragraph in enumerate(paragraphs, start=1):
        for claim in CLAIMS:
            for match in claim.pattern.finditer(paragraph):
                rows.append({"段落": number, "_pos": match.start(1), "claim": claim, "所述": match.group(1),
                             "原文": sentence_at(paragraph, match.start(), match.end())})
    frame = pd.DataFrame(rows, columns=["段落", "_pos", "claim", "所述", "原文"])
    return frame.sort_values(["段落", "_pos"], kind="stable").drop(columns="_pos").reset_index(drop=True)


def stated_number(text: str) -> tuple[float, int] | None:
    """The figure a bulletin states and its number of decimals; None for a placeholder (X, 【待补充】).

    >>> stated_number("1,764"), stated_number("６２．４"), stated_number("X")
    ((1764.0, 0), (62.4, 1), None)
    """
    folded = unicodedata.normalize("NFKC", text).replace(",", "")
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", folded):
        return None
    return float(folded), len(folded.partition(".")[2])


def judge(stated: str, computed: Any, kind: str) -> str:
    """一致 when ``computed`` (the indicator) rounds to the stated figure at its decimals; 未填写, 无法核对.

    >>> judge("62.4", 0.6241, "pct"), judge("776.6", 776.60, "mu"), judge("777", 776.6, "mu")
    ('一致', '一致', '一致')
    >>> judge("62.5", 0.6241, "pct"), judge("X", 3, "count"), judge("3", None, "count")
    ('不一致', '未填写', '无法核对')
    """
    figure = stated_number(stated)
    if figure is None:
        return UNFILLED
    if computed is None:
        return UNCHECKABLE
    value, decimals = figure
    in_unit = float(computed) * SCALE.get(kind, 1.0)
    return AGREE if abs(in_unit - value) <= 0.5 * 10 ** -decimals + 1e-9 else DISAGREE


def indicator_value(indicators: dict[str, Any], name: str) -> Any:
    """An indicator, or the difference ``a-b`` of two; None when one of them is null.

    >>> indicator_value({"a": 5, "b": 2}, "a-b"), indicator_value({"a": 5, "b": None}, "a-b")
    (3, None)
    """
    values = [indicators.get(part) for part in name.split("-")]
    if any(v is None for v in values):
        return None
    return values[0] - sum(values[1:])


def verify_claims(claims: pd.DataFrame, indicators: dict[str, Any]) -> pd.DataFrame:
    """The verification table (COLUMNS): each claim, the stated and the computed figure, the verdict."""
    rows = []
    for number, line in enumerate(claims.itertuples(index=False), start=1):
        claim: Claim = line.claim
        value = indicator_value(indicators, claim.indicator)
        computed = "指标为空（缺少数据）" if value is None else format_figure(value, claim.kind)
        rows.append({"序号": number, "声明": claim.label, "原文": line.原文, "所述": line.所述, "计算值": computed,
                     "结果": judge(line.所述, value, claim.kind), "指标": claim.indicator, "段落": line.段落})
    return pd.DataFrame(rows, columns=COLUMNS)


_HTML = jinja2.Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>通报数据核对 — {{ name }}</title>
<style>body{font-family:"Noto Sans SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
th{background:#f3f3f3}.num{text-align:right;white-space:nowrap}.bad{background:#fde2e1;font-weight:bold}
.ok{color:#2e7d32}.muted{color:#777}</style></head><body>
<h1>通报数据核对</h1>
<p>通报：{{ name }}；共核对 {{ table|length }} 处数字：{% for k, v in counts.items() %}{{ k }} {{ v }} 处{% if not loop.last %}，{% endif %}{% endfor %}。</p>
<p class="muted">一致：按通报的写法（小数位）取整后与数据相符；未填写：通报中为 X 等占位符；无法核对：缺少相应数据。</p>
<table><thead><tr><th>序号</th><th>声明</th><th>原文</th><th class="num">所述</th><th class="num">计算值</th><th>结果</th><th>指标</th></tr></thead><tbody>
{% for r in table %}<tr><td class="num">{{ r["序号"] }}</td><td>{{ r["声明"] }}</td><td>{{ r["原文"] }}</td>
<td class="num">{{ r["所述"] }}</td><td class="num">{{ r["计算值"] }}</td>
<td class="{{ 'bad' if r['结果'] == '不一致' else ('ok' if r['结果'] == '一致' else 'muted') }}">{{ r["结果"] }}</td>
<td class="muted">{{ r["指标"] }}</td></tr>
{% endfor %}</tbody></table></body></html>
""")


def verification_html(table: pd.DataFrame, name: str) -> str:
    """verify.html: the table, 不一致 highlighted."""
    counts = {k: int(v) for k, v in table["结果"].value_counts().items()}
    return _HTML.render(table=table.to_dict("records"), counts=counts, name=name)


def write_verification(table: pd.DataFrame, out_dir: Path, name: str) -> tuple[Path, Path]:
    """verify.csv and verify.html into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return (write_csv(out_dir / "verify.csv", table),
            write_text(out_dir / "verify.html", verification_html(table, name)))
