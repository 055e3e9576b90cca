"""Ledger + indicators → the rectification progress bulletin (整改进展情况通报), as .docx and as HTML.

:func:`compose_bulletin` writes the text once, as a list of :class:`Block` s
(title, first-level heading, second-level heading, problem heading, body,
appendix); :func:`render_bulletin` lays it out in Word and
:func:`render_bulletin_html` in HTML, so both say exactly the same.

The text follows reference/bulletin-example.txt: 一、整改工作组织情况 (the
ledger's counts), 二、整改落实情况 (the figures of the other areas, then every
aspect "1.“…”方面", problem "（n）关于“…”的问题", sub-problem "针对“…”的整改情况"
and its measures "一是…二是…"), 三、下一步整改工作打算 (what is still open and
overdue). A measure is worded by its status: 已完成 as the ledger states it,
推进中 followed by "目前正在推进", 未启动 followed by "计划于{完成时限}前完成"
(without a deadline, i.e. 长期坚持: "将作为长期坚持事项持续推进").

Missing figures never print as "X": a figure whose dataset is absent (or
whose indicator is null) prints as 【待补充】 and is listed in the closing
"附：待补充事项". An "X" already in the data (a ledger parsed from a bulletin
whose figures were blanked, a round.toml target "X县") is a placeholder too:
every run of X/Ｘ becomes 【待补充】 and is listed. (A genuine Latin "X" in a
measure's text would be replaced as well; in these documents X is always a
blanked figure or name.)

Layout (GB/T 9704-2012 党政机关公文格式): A4; margins top 37 mm, bottom 35 mm,
left 28 mm, right 26 mm; title 方正小标宋简体 二号 (22 pt) centred; body
仿宋_GB2312 三号 (16 pt), first line indented two characters, fixed line
spacing 28.95 pt (22 lines in the 225 mm type area); 一、 headings 黑体 三号;
second-level headings ("1.“…”方面") 楷体_GB2312 三号; page numbers 宋体 四号
"— 1 —" centred in the footer.

Fonts are set as East Asian fonts (``w:rFonts w:eastAsia``; python-docx's
``font.name`` sets only the Latin slots) on docDefaults, on every style used and
on every run; the Latin slots name the same font so that figures match the
Chinese text. Word takes one font name per slot, so the fallbacks of
:data:`FONT_FALLBACKS` go into the document's font table
(word/fontTable.xml): each font gets ``w:altName`` = its first fallback plus the
fallback's PANOSE, charset 86 (GB2312) and family, which is what Word and WPS
use to substitute a missing font. The HTML names the whole chain in
``font-family``.

>>> measure_sentence("深化理论学习。", "推进中", None)
'深化理论学习，目前正在推进。'
>>> fill_placeholders("梳理了X篇法规，召开ＸＸ次会议")
('梳理了【待补充】篇法规，召开【待补充】次会议', 2)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.areas import ledger as ledger_area
from toolkit.areas.ledger import DONE, IN_PROGRESS, NOT_STARTED, cn_date, short, split_units
from toolkit.checks.base import is_empty
from toolkit.errors import InputError

PENDING = "【待补充】"
PLACEHOLDER = re.compile(r"[XＸ]+")

# ---- typography -------------------------------------------------------------------------------

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

# Fallback chains, most preferred first (Windows name, then the English / macOS names).
# 方正小标宋简体 → 方正小标宋_GBK → 华文中宋 → 宋体; 仿宋_GB2312 → 仿宋 → FangSong → 华文仿宋;
# 黑体 → SimHei → 华文黑体; 楷体_GB2312 → 楷体 → KaiTi → 华文楷体; 宋体 → SimSun.
FONT_FALLBACKS: dict[str, tuple[str, ...]] = {
    TITLE_FONT: ("方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun"),
    BODY_FONT: ("仿宋", "FangSong", "华文仿宋", "STFangsong"),
    H1_FONT: ("SimHei", "华文黑体", "STHeiti"),
    H2_FONT: ("楷体", "KaiTi", "华文楷体", "STKaiti"),
    PAGE_NUMBER_FONT: ("SimSun", "华文宋体", "STSong"),
}
# PANOSE and family of each font's first fallback (what Word's substitution matches on).
_FONT_CLASS = {
    TITLE_FONT: ("02010600030101010101", "auto", "variable"),
    BODY_FONT: ("02010609060101010101", "modern", "fixed"),
    H1_FONT: ("02010609060101010101", "modern", "fixed"),
    H2_FONT: ("02010609060101010101", "modern", "fixed"),
    PAGE_NUMBER_FONT: ("02010600030101010101", "auto", "variable"),
}

SIZE_TITLE = 22     # 二号
SIZE_BODY = 16      # 三号
SIZE_PAGE_NUMBER = 14  # 四号
LINE_PT = 28.95     # fixed line spacing: 225 mm type area / 22 lines
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}

# block kind → (style name, font, size pt, centred, first-line indent in characters, outline level)
STYLES: dict[str, tuple[str, str, int, bool, int, int | None]] = {
    "title": ("通报标题", TITLE_FONT, SIZE_TITLE, True, 0, 0),
    "h1": ("一级标题", H1_FONT, SIZE_BODY, False, 2, 1),
    "h2": ("二级标题", H2_FONT, SIZE_BODY, False, 2, 2),
    "h3": ("三级标题", BODY_FONT, SIZE_BODY, False, 2, 3),
    "body": ("公文正文", BODY_FONT, SIZE_BODY, False, 2, None),
    "appendix": ("附注标题", H1_FONT, SIZE_BODY, False, 0, 1),
}

# ---- the text ---------------------------------------------------------------------------------


@dataclass
class Block:
    """One paragraph of the bulletin: kind (a key of STYLES) and text."""

    kind: str
    text: str


@dataclass
class Bulletin:
    """The bulletin's paragraphs and the figures still to be filled in (待补充事项)."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def fill_placeholders(text: Any) -> tuple[str, int]:
    """Every run of X/Ｘ (a blanked figure) → 【待补充】; returns the text and how many were replaced."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return "", 0
    return PLACEHOLDER.subn(PENDING, " ".join(str(text).split()))


def _clause(text: str) -> str:
    """A text without trailing punctuation, to append a clause to."""
    return text.rstrip(" 。．.；;，,、：:")


def measure_sentence(measure: str, status: str, deadline: Any) -> str:
    """A measure worded by its status (its own text first).

    >>> measure_sentence("制定学习计划", "已完成", None)
    '制定学习计划。'
    >>> measure_sentence("建成智慧园区平台。", "未启动", pd.Timestamp("2020-09-30"))
    '建成智慧园区平台，计划于2020年9月30日前完成。'
    >>> measure_sentence("健全长效机制", "未启动", pd.NaT)
    '健全长效机制，将作为长期坚持事项持续推进。'
    """
    text = _clause(measure)
    if status == IN_PROGRESS:
        return f"{text}，目前正在推进。"
    if status == NOT_STARTED:
        if deadline is None or pd.isna(deadline):
            return f"{text}，将作为长期坚持事项持续推进。"
        return f"{text}，计划于{cn_date(deadline)}前完成。"
    return f"{text}。"


def chinese_ordinal(number: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一 (the numeral of 一是…十一是).

    >>> [chinese_ordinal(n) for n in (1, 10, 11, 20, 23)]
    ['一', '十', '十一', '二十', '二十三']
    """
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


def _number(value: float, decimals: int = 2) -> str:
    """A figure for the text: whole numbers without decimals, others to ``decimals`` places, no zeros trailing.

    >>> _number(12), _number(3.50), _number(1234.567)
    ('12', '3.5', '1234.57')
    """
    text = f"{float(value):.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class _Figures:
    """Formats indicators; a missing one prints as 【待补充】 and is noted once in ``missing``."""

    def __init__(self, indicators: dict[str, Any], analysis: Any, missing: list[str]) -> None:
        self.indicators = indicators
        self.analysis = analysis
        self.missing = missing

    def present(self, name: str) -> bool:
        return self.indicators.get(name) is not None

    def _reason(self, name: str, datasets: tuple[str, ...]) -> str:
        from toolkit.datasets import DATASETS

        frames = self.analysis.data.frames
        absent = [d for d in datasets if d not in frames]
        if absent:
            failed = [r.path.name for r in getattr(self.analysis.data, "reports", [])
                      if r.dataset in absent and r.error]
            if failed:
                return f"{'、'.join(failed)} 未能读取，见 rejected.csv"
            return "缺少数据集" + "、".join(f"“{DATASETS[d].zh}”" for d in absent)
        if name not in self.indicators:
            return "该领域指标未计算"
        return "数据不足，无法计算"

    def get(self, name: str, label: str, datasets: tuple[str, ...], kind: str = "count") -> str:
        value = self.indicators.get(name)
        if value is None:
            note = f"{label}（{self._reason(name, datasets)}）"
            if note not in self.missing:
                self.missing.append(note)
            return PENDING
        if kind == "pct":
            return f"{value * 100:.1f}%"
        if kind == "wan":
            return f"{value / 10000:.2f}"
        if kind == "mu":
            return _number(value, 2)
        if kind == "number":
            return _number(value, 1)
        return str(int(value))


def _level(target: str) -> str:
    """县/市/区/州/旗 when the target is such an administrative unit, else ''."""
    return target[-1] if target and target[-1] in "县市区州旗" else ""


def _inspection_word(inspector: str) -> str:
    return "巡察" if "巡察" in inspector else "巡视"


def compose_bulletin(analysis: Any) -> Bulletin:
    """The bulletin's text from an analysed round (:class:`toolkit.pipeline.Analysis`) with a ledger."""
    ledger = analysis.frame("ledger")
    if ledger is None:
        raise InputError("本轮数据中没有整改台账（整改台账.xlsx 或 ledger.csv），无法生成整改进展情况通报")
    config = analysis.config
    as_of = pd.Timestamp(config.as_of)
    run = ledger_area.ledger_run(analysis)
    indicators = {**analysis.indicators, **run.indicators}
    missing: list[str] = []
    figures = _Figures(indicators, analysis, missing)

    def clean(text: Any, where: str) -> str:
        filled, count = fill_placeholders(text)
        if count:
            note = f"{where}中原以占位符标示、尚待填写的内容"
            if note not in missing:
                missing.append(note)
        return filled

    target = clean(config.target, "round.toml 的 target（被巡视单位）")
    inspector = clean(config.inspector, "round.toml 的 inspector（巡视组）")
    word = _inspection_word(inspector or config.title)
    level = _level(config.target)
    party = f"{level}委" if level else "党委（党组）"
    issuer = f"{target}委" if level else target
    title = (f"{issuer}关于{inspector}{word}反馈意见整改进展情况的通报" if inspector
             else f"{issuer}关于{word}反馈意见整改进展情况的通报")
    if not target:
        target = PENDING
        missing.append("被巡视单位名称（round.toml 的 target 未填写）")
    inspector_text = inspector or PENDING
    if not inspector:
        missing.append("巡视组名称（round.toml 的 inspector 未填写）")
    upper = inspector_text.split("第")[0] if "第" in inspector_text else inspector_text.replace("巡视组", "").replace(
        "巡察组", "") or PENDING
    bulletin = Bulletin(title, [Block("title", title)], missing)
    add = bulletin.blocks.append
    as_of_text = cn_date(as_of)

    add(Block("body", f"按照{upper}统一部署，{inspector_text}对{target}进行了{word}，并向{target}"
                      f"{'委' if level else ''}反馈了{word}意见。根据{word}工作有关要求，现将截至{as_of_text}的"
                      f"{word}整改进展情况予以公布。"))

    # 一、整改工作组织情况
    n = lambda name, label, kind="count": figures.get(name, label, ("ledger",), kind)  # noqa: E731
    leaders_word = f"{level}级领导" if level else "领导"
    add(Block("h1", "一、整改工作组织情况"))
    add(Block("body", f"{party}把{word}整改工作作为当前和今后一段时间的重大政治任务来抓，立行立改、真改实改，"
                      f"举一反三、对标对表，不折不扣抓好{word}反馈意见的整改落实。对照{inspector_text}反馈意见，"
                      f"认真制定了{word}整改工作方案，将反馈的主要问题分解为{n('ledger.aspects', '整改方面数')}个方面"
                      f"{n('ledger.problems', '具体问题数')}个具体问题，提出了{n('ledger.measures', '整改措施数')}条"
                      f"整改措施，明确由{n('ledger.leaders', '牵头领导人数')}个{leaders_word}牵头，"
                      f"{n('ledger.units', '责任单位数')}个责任单位具体抓整改落实，压紧压实整改责任。"))
    completed = indicators.get("ledger.completed") or 0
    signed = indicators.get("ledger.signed_off") or 0
    unsigned = int(completed) - int(signed)
    signoff = f"经责任单位主要负责同志签字背书、佐证材料齐全并已销号的{n('ledger.signed_off', '已销号措施数')}条"
    signoff += f"，尚未履行销号手续的{unsigned}条。" if unsigned > 0 else "。"
    add(Block("body", f"截至{as_of_text}，{n('ledger.measures', '整改措施数')}条整改措施中，已完成"
                      f"{n('ledger.completed', '已完成措施数')}条，完成率{n('ledger.completion_rate', '整改完成率', 'pct')}；"
                      f"正在推进{n('ledger.in_progress', '推进中措施数')}条，尚未启动{n('ledger.not_started', '未启动措施数')}条。"
                      f"已完成的措施中，{signoff}"))
    progress = analysis.frame("progress")
    if progress is not None:
        reports = ledger_area.ordered_reports(progress, as_of)
        if len(reports):
            add(Block("body", f"建立了整改进展情况周报制度，截至{as_of_text}共收到{reports['week_of'].nunique()}期"
                              f"周报、{len(reports)}条措施进展报告，对推进速度较慢的责任单位及时进行了督促。"))

    # 二、整改落实情况
    add(Block("h1", "二、整改落实情况"))
    data_sentences = _area_sentences(figures)
    whole = f"全{level}" if level else ""
    add(Block("body", f"从有关领域数据看，截至{as_of_text}，{whole}" + "；".join(data_sentences) + "。"))
    ordered = ledger.assign(_pos=range(len(ledger))).sort_values(["aspect_no", "problem_no", "_pos"], kind="stable")
    for aspect_no, aspect_rows in ordered.groupby("aspect_no", sort=False):
        aspect = clean(aspect_rows["aspect"].iloc[0], f"第{aspect_no}个方面的名称")
        add(Block("h2", f"{aspect_no}.“{aspect}”方面"))
        for problem_no, rows in aspect_rows.groupby("problem_no", sort=False):
            problem = clean(rows["problem"].iloc[0], f"问题（{problem_no}）的名称")
            add(Block("h3", f"（{problem_no}）关于“{problem}”的问题"))
            subs = rows["sub_problem"].where(~is_empty(rows["sub_problem"]), "").fillna("").str.strip()
            for sub in dict.fromkeys(subs):
                group = rows[subs == sub]
                sentences = [measure_sentence(clean(r["measure"], f"措施{r['measure_id']}"), r["status"], r["deadline"])
                             for _, r in group.iterrows()]
                if len(sentences) == 1:
                    body = sentences[0]
                else:
                    body = "".join(f"{chinese_ordinal(i)}是{s}" for i, s in enumerate(sentences, start=1))
                lead = f"针对“{clean(sub, f'问题（{problem_no}）的具体问题')}”的整改情况：" if sub else "整改情况："
                add(Block("body", lead + body))

    # 三、下一步整改工作打算
    add(Block("h1", "三、下一步整改工作打算"))
    open_rows = ledger[ledger["status"] != DONE]
    overdue = ledger_area.overdue_list(ledger, as_of)
    if len(ledger) and open_rows.empty:
        add(Block("body", f"截至{as_of_text}，{len(ledger)}条整改措施已全部完成。"))
    else:
        text = (f"截至{as_of_text}，尚有{len(open_rows)}条整改措施未完成，其中正在推进"
                f"{n('ledger.in_progress', '推进中措施数')}条、尚未启动{n('ledger.not_started', '未启动措施数')}条；"
                f"已超过完成时限仍未完成的{n('ledger.overdue', '逾期未完成措施数')}条")
        add(Block("body", text + ("，具体如下：" if len(overdue) else "。")))
        info = ledger.set_index("measure_id")
        for i, (_, r) in enumerate(overdue.iterrows(), start=1):
            row = info.loc[r["措施编号"]]
            units = "、".join(split_units(row["units"])) or "未明确"
            leader = row["lead_leader"] if isinstance(row["lead_leader"], str) and row["lead_leader"].strip() else "未明确"
            add(Block("body", f"{i}.{clean(short(row['measure'], 60), '措施' + r['措施编号'])}"
                              f"（措施编号{r['措施编号']}，责任单位：{clean(units, '措施' + r['措施编号'] + '的责任单位')}，"
                              f"牵头领导：{clean(leader, '措施' + r['措施编号'] + '的牵头领导')}，"
                              f"完成时限：{cn_date(row['deadline'])}，已逾期{r['逾期天数']}天，目前{row['status']}）。"))
    if unsigned > 0:
        add(Block("body", f"已完成但尚未履行销号手续的{unsigned}条措施，将督促责任单位主要负责同志签字背书、"
                          "补齐佐证材料后按程序销号。"))
    add(Block("body", f"下一步，我们将继续深入学习贯彻习近平总书记关于{word}工作的重要论述，严格按照{inspector_text}"
                      "的整改要求，认真对照整改工作方案，持续抓好整改工作。"))
    add(Block("body", "一是坚持问题导向持续改。对尚未完成或需长期整改的问题，紧盯不放、一抓到底，确保在限定的时间内"
                      "整改到位；对逾期未完成的，督促责任单位说明原因、倒排工期、限期完成；对已完成整改的问题，适时"
                      "组织“回头看”，坚决防止问题反弹反复。"))
    add(Block("body", "二是压实责任从严改。坚持整改进展情况周报制度，对整改不力、敷衍整改、纸面整改的责任单位和"
                      "个人严肃追责问责，确保整改问题解决一个、销号一个、巩固一个。"))
    add(Block("body", "三是健全长效机制持续改。坚持把问题整改与制度建设结合起来，对需要长效推进的整改项目，进一步"
                      "建立完善制度机制，切实以制度管人、管财、管权、管事。"))
    if missing:
        add(Block("appendix", "附：待补充事项"))
        add(Block("body", f"以下{len(missing)}项内容缺少数据，正文中以{PENDING}标示，请核实后补充："))
        for i, item in enumerate(missing, start=1):
            add(Block("body", f"{i}.{item}"))
    return bulletin


def _area_sentences(figures: _Figures) -> list[str]:
    """The figures of the other areas: clues, cases and land reclaimed always (【待补充】 when missing);
    idle and unsupplied land and spending only when present."""
    f = figures.get
    sentences = [
        f"共受理问题线索{f('cases.clues.received', '受理问题线索数', ('clues',))}件，已办结"
        f"{f('cases.clues.closed', '办结问题线索数', ('clues',))}件，线索核查率"
        f"{f('cases.clues.verification_rate', '线索核查率', ('clues',), 'pct')}",
        f"立案{f('cases.cases', '立案数', ('cases',))}起，处理{f('cases.persons', '处理人数', ('cases',))}人，"
        f"其中给予党纪政务处分{f('cases.sanctioned', '党纪政务处分人数', ('cases',))}人，运用第一种形态处理"
        f"{f('cases.first_form', '第一种形态处理人数', ('cases',))}人，问责"
        f"{f('cases.accountability', '问责人数', ('cases',))}人",
        f"已收回闲置低效土地{f('land.reclaimed.parcels', '收回闲置低效土地宗数', ('land',))}宗，面积"
        f"{f('land.reclaimed.area_mu', '收回闲置低效土地面积', ('land',), 'mu')}亩",
    ]
    if figures.present("land.idle.parcels"):
        sentences.append(f"尚有闲置土地{f('land.idle.parcels', '闲置土地宗数', ('land',))}宗、"
                         f"{f('land.idle.area_mu', '闲置土地面积', ('land',), 'mu')}亩正在处置")
    if figures.present("land.unsupplied.parcels"):
        sentences.append(f"批而未供土地{f('land.unsupplied.parcels', '批而未供土地宗数', ('land',))}宗、"
                         f"{f('land.unsupplied.area_mu', '批而未供土地面积', ('land',), 'mu')}亩")
    spending = []
    if figures.present("sangong.reception.count"):
        spending.append(f"公务接待{f('sangong.reception.count', '公务接待批次', ('reception',))}批次、金额"
                        f"{f('sangong.reception.amount', '公务接待金额', ('reception',), 'wan')}万元")
    if figures.present("sangong.vehicle.trips"):
        spending.append(f"公务用车出车{f('sangong.vehicle.trips', '公车出车次数', ('vehicle_trips',))}次、行驶"
                        f"{f('sangong.vehicle.km', '公车行驶里程', ('vehicle_trips',), 'number')}公里")
    if figures.present("sangong.fuel.liters"):
        spending.append(f"加油{f('sangong.fuel.liters', '加油量', ('fuel',), 'number')}升、金额"
                        f"{f('sangong.fuel.amount', '加油金额', ('fuel',), 'wan')}万元")
    if figures.present("sangong.overseas.trips"):
        spending.append(f"因公出国（境）{f('sangong.overseas.trips', '因公出国（境）人次', ('overseas',))}人次、费用"
                        f"{f('sangong.overseas.cost', '因公出国（境）费用', ('overseas',), 'wan')}万元")
    if spending:
        sentences.append("“三公”经费方面，" + "，".join(spending))
    return sentences


# ---- Word -------------------------------------------------------------------------------------

def _set_east_asian(rpr_parent: Any, font: str) -> None:
    """Name ``font`` in every rFonts slot (eastAsia included) of an rPr owner, dropping theme fonts."""
    from docx.oxml.ns import qn

    rpr = rpr_parent.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)
    rfonts.set(qn("w:hint"), "eastAsia")


def _font_table(document: Any) -> None:
    """Add our fonts, each with its first fallback as altName, to word/fontTable.xml."""
    from lxml import etree

    from docx.oxml.ns import qn

    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    for font, fallbacks in FONT_FALLBACKS.items():
        panose, family, pitch = _FONT_CLASS[font]
        element = etree.SubElement(root, qn("w:font"), {qn("w:name"): font})
        etree.SubElement(element, qn("w:altName"), {qn("w:val"): fallbacks[0]})
        etree.SubElement(element, qn("w:panose1"), {qn("w:val"): panose})
        etree.SubElement(element, qn("w:charset"), {qn("w:val"): "86"})
        etree.SubElement(element, qn("w:family"), {qn("w:val"): family})
        etree.SubElement(element, qn("w:pitch"), {qn("w:val"): pitch})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _paragraph_format(fmt: Any, centred: bool, indent_chars: int, size: int) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(size * indent_chars) if indent_chars else Pt(0)
    ind = fmt.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(indent_chars * 100))


def _styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt

    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr_default.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), BODY_FONT)
    lang = rpr_default.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    if spacing is not None:
        spacing.set(qn("w:after"), "0")

    normal = styles["Normal"]
    normal.font.size = Pt(SIZE_BODY)
    _set_east_asian(normal.element, BODY_FONT)
    _paragraph_format(normal.paragraph_format, False, 2, SIZE_BODY)
    for kind, (name, font, size, centred, indent, outline) in STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = False
        _set_east_asian(style.element, font)
        _paragraph_format(style.paragraph_format, centred, indent, size)
        if outline is not None:
            ppr = style.element.get_or_add_pPr()
            level = ppr.makeelement(qn("w:outlineLvl"), {qn("w:val"): str(outline)})
            ppr.append(level)
        if kind in ("title", "h1", "h2", "appendix"):
            style.paragraph_format.keep_with_next = True
    title = styles[STYLES["title"][0]]
    title.paragraph_format.space_after = Pt(LINE_PT)  # one blank line between title and text


def _page(document: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(MARGINS_MM["bottom"] - 7 - 5)  # page number ~7 mm below the type area
    _page_number(section)


def _page_number(section: Any) -> None:
    """Footer "— 1 —" in 宋体 四号, centred (GB/T 9704 页码)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    ind = paragraph.paragraph_format.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "0")

    def run(text: str | None = None, field_char: str | None = None, instr: str | None = None) -> None:
        r = paragraph.add_run(text or "")
        r.font.size = Pt(SIZE_PAGE_NUMBER)
        _set_east_asian(r._element, PAGE_NUMBER_FONT)
        if field_char:
            r._element.append(r._element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): field_char}))
        if instr:
            element = r._element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            element.text = instr
            r._element.append(element)

    run("— ")
    run(field_char="begin")
    run(instr=" PAGE ")
    run(field_char="separate")
    run("1")
    run(field_char="end")
    run(" —")


def build_document(bulletin: Bulletin) -> Any:
    """The python-docx Document of a composed bulletin."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    _styles(document)
    _page(document)
    _font_table(document)
    document.core_properties.title = bulletin.title
    document.core_properties.language = "zh-CN"
    for block in bulletin.blocks:
        name, font, size, *_ = STYLES[block.kind]
        paragraph = document.add_paragraph(style=name)
        run = paragraph.add_run(block.text)
        run.font.size = Pt(size)
        _set_east_asian(run._element, font)
    return document


def render_bulletin(analysis: Any, out: Path) -> Path:
    """Write the bulletin of an analysed round as .docx to ``out`` (a folder gets bulletin.docx); return the path."""
    from toolkit.report.outputs import atomic_path

    out = Path(out)
    if out.is_dir():
        out = out / "bulletin.docx"
    elif out.suffix.lower() != ".docx":
        out = out.with_suffix(out.suffix + ".docx") if out.suffix else out.with_suffix(".docx")
    document = build_document(compose_bulletin(analysis))
    with atomic_path(out) as tmp:
        document.save(str(tmp))
    return out


# ---- HTML -------------------------------------------------------------------------------------

def _css_family(font: str, generic: str) -> str:
    names = [font, *FONT_FALLBACKS.get(font, ())]
    return ", ".join(f'"{n}"' for n in names) + f", {generic}"


_HTML = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body.bulletin { max-width: 156mm; margin: 2em auto; color: #000; background: #fff;
  font-family: {{ body_font }}; font-size: 16pt; line-height: 28.95pt; }
.bulletin p { margin: 0; text-indent: 2em; text-align: justify; }
.bulletin h1.title { font-family: {{ title_font }}; font-size: 22pt; font-weight: normal; text-align: center;
  line-height: 1.4; margin: 0 0 28.95pt 0; }
.bulletin h2.h1, .bulletin h2.appendix { font-family: {{ h1_font }}; font-size: 16pt; font-weight: normal;
  margin: 0; text-indent: 2em; line-height: 28.95pt; }
.bulletin h2.appendix { text-indent: 0; margin-top: 28.95pt; }
.bulletin h3.h2 { font-family: {{ h2_font }}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  line-height: 28.95pt; }
.bulletin h4.h3 { font-family: {{ body_font }}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  line-height: 28.95pt; }
.bulletin .pending { color: #c00000; }
</style>
</head>
<body class="bulletin">
{% for b in blocks %}{{ b }}
{% endfor %}</body>
</html>
"""

_TAGS = {"title": ("h1", "title"), "h1": ("h2", "h1"), "appendix": ("h2", "appendix"), "h2": ("h3", "h2"),
         "h3": ("h4", "h3"), "body": ("p", "body")}


def _html_block(block: Block) -> str:
    tag, cls = _TAGS[block.kind]
    text = html.escape(block.text).replace(PENDING, f'<span class="pending">{PENDING}</span>')
    return f'<{tag} class="{cls}">{text}</{tag}>'


def render_bulletin_html(analysis: Any) -> str:
    """The same bulletin as a standalone HTML page (for the report)."""
    import jinja2

    bulletin = compose_bulletin(analysis)
    template = jinja2.Environment(autoescape=False).from_string(_HTML)
    return template.render(
        title=html.escape(bulletin.title), blocks=[_html_block(b) for b in bulletin.blocks],
        body_font=_css_family(BODY_FONT, "serif"), title_font=_css_family(TITLE_FONT, "serif"),
        h1_font=_css_family(H1_FONT, "sans-serif"), h2_font=_css_family(H2_FONT, "serif"))


def render_bulletin_for_round(data_dir: Path, out: Path) -> Path:
    """`toolkit bulletin render`: analyse a round folder and write its bulletin .docx."""
    from toolkit.pipeline import analyse

    analysis = analyse(Path(data_dir))
    if analysis.frame("ledger") is None:
        failed = [r for r in analysis.data.reports if r.dataset == "ledger" and r.error]
        if failed:
            raise InputError(f"{failed[0].path.name}: 整改台账未能读取（{failed[0].error}），无法生成整改进展情况通报")
        raise InputError(f"{data_dir}: 没有整改台账（整改台账.xlsx 或 ledger.csv），无法生成整改进展情况通报")
    return render_bulletin(analysis, Path(out))
