"""Ledger + indicators → the text of the rectification progress bulletin (整改进展情况通报).

:func:`compose_bulletin` writes the text once, as a list of :class:`Block` s
(title, first-level heading, second-level heading, problem heading, body,
appendix); :mod:`toolkit.bulletin.render` lays it out in Word and in HTML, so
both say exactly the same.

The text follows reference/bulletin-example.txt: 一、整改工作组织情况 (the
ledger's counts), 二、整改落实情况 (the figures of the other areas, then every
aspect "1.“…”方面", problem "（n）关于“…”的问题", sub-problem "针对“…”的整改情况"
and its measures "一是…二是…"), 三、下一步整改工作打算 (what is still open and
overdue). A measure is worded by its status: 已完成 as the ledger states it,
推进中 followed by "目前正在推进", 未启动 followed by "计划于{完成时限}前完成"
(without a deadline, i.e. 长期坚持: "将作为长期坚持事项持续推进").

Figures are written by :mod:`toolkit.formatting`: thousands separators
(1,764), at most two decimals (万元, 亩) or one (公里, 升), rates to one decimal.
Missing figures never print as "X": a figure whose dataset is absent (or
whose indicator is null) prints as 【待补充】 and is listed in the closing
"附：待补充事项". An "X" already in the data (a ledger parsed from a bulletin
whose figures were blanked, a round.toml target "X县") is a placeholder too:
every run of X/Ｘ becomes 【待补充】 and is listed. (A genuine Latin "X" in a
measure's text would be replaced as well; in these documents X is always a
blanked figure or name.)

>>> measure_sentence("深化理论学习。", "推进中", None)
'深化理论学习，目前正在推进。'
>>> fill_placeholders("梳理了X篇法规，召开ＸＸ次会议")
('梳理了【待补充】篇法规，召开【待补充】次会议', 2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from toolkit.analysis import Analysis
from toolkit.areas import ledger as ledger_area
from toolkit.config import RoundConfig
from toolkit.datasets import DATASETS
from toolkit.errors import InputError
from toolkit.formatting import chinese_ordinal, cn_date, is_empty, is_missing, number, pct, short, wan

PENDING = "【待补充】"
PLACEHOLDER = re.compile(r"[XＸ]+")
LEDGER = ("ledger",)


@dataclass
class Block:
    """One paragraph of the bulletin: kind (title, h1, h2, h3, body, appendix) and text."""

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
    if is_missing(text):
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
    if status == ledger_area.IN_PROGRESS:
        return f"{text}，目前正在推进。"
    if status == ledger_area.NOT_STARTED:
        if is_missing(deadline):
            return f"{text}，将作为长期坚持事项持续推进。"
        return f"{text}，计划于{cn_date(deadline)}前完成。"
    return f"{text}。"


def format_figure(value: Any, kind: str = "count") -> str:
    """An indicator for the text: counts and figures with thousands separators, 元 as 万元 (no unit).

    >>> [format_figure(v, k) for v, k in ((1764, "count"), (0.6241, "pct"), (729912.5, "wan"),
    ...                                   (1988.9, "mu"), (266043.04, "number"))]
    ['1,764', '62.4%', '72.99', '1,988.9', '266,043']
    """
    if kind == "pct":
        return pct(value)
    if kind == "wan":
        return wan(value, unit="")
    if kind == "mu":
        return number(value, 2)
    if kind == "number":
        return number(value, 1)
    return number(int(value))


class _Writer:
    """The bulletin being written: its blocks, the figures it prints, what is still to be filled in."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.indicators = analysis.indicators
        self.blocks: list[Block] = []
        self.missing: list[str] = []

    def add(self, kind: str, text: str) -> None:
        self.blocks.append(Block(kind, text))

    def note(self, text: str) -> None:
        if text not in self.missing:
            self.missing.append(text)

    def clean(self, text: Any, where: str) -> str:
        """The text with placeholders (X) replaced by 【待补充】, noted once per place."""
        filled, count = fill_placeholders(text)
        if count:
            self.note(f"{where}中原以占位符标示、尚待填写的内容")
        return filled

    def present(self, name: str) -> bool:
        return self.indicators.get(name) is not None

    def figure(self, name: str, label: str, datasets: tuple[str, ...] = LEDGER, kind: str = "count") -> str:
        """An indicator formatted for the text, or 【待补充】 (and a note saying why) when it is missing."""
        value = self.indicators.get(name)
        if value is None:
            self.note(f"{label}（{self._reason(name, datasets)}）")
            return PENDING
        return format_figure(value, kind)

    def _reason(self, name: str, datasets: tuple[str, ...]) -> str:
        absent = [d for d in datasets if d not in self.analysis.data.frames]
        if absent:
            failed = [r.path.name for r in self.analysis.data.reports if r.dataset in absent and r.error]
            if failed:
                return f"{'、'.join(failed)} 未能读取，见 rejected.csv"
            return "缺少数据集" + "、".join(f"“{DATASETS[d].zh}”" for d in absent)
        if name not in self.indicators:
            return "该领域指标未计算"
        return "数据不足，无法计算"


@dataclass(frozen=True)
class _Round:
    """How the bulletin names the round: issuer's title, target, inspection group, 巡视 or 巡察, level."""

    title: str
    target: str
    inspector: str
    upper: str
    word: str
    level: str
    as_of: pd.Timestamp

    @property
    def as_of_text(self) -> str:
        return cn_date(self.as_of)


def _level(target: str) -> str:
    """县/市/区/州/旗 when the target is such an administrative unit, else ''."""
    return target[-1] if target and target[-1] in "县市区州旗" else ""


def _inspection_word(inspector: str) -> str:
    return "巡察" if "巡察" in inspector else "巡视"


def _round_words(w: _Writer, config: RoundConfig) -> _Round:
    target = w.clean(config.target, "round.toml 的 target（被巡视单位）")
    inspector = w.clean(config.inspector, "round.toml 的 inspector（巡视组）")
    word = _inspection_word(inspector or config.title)
    level = _level(config.target)
    issuer = f"{target}委" if level else target
    title = (f"{issuer}关于{inspector}{word}反馈意见整改进展情况的通报" if inspector
             else f"{issuer}关于{word}反馈意见整改进展情况的通报")
    if not target:
        target = PENDING
        w.missing.append("被巡视单位名称（round.toml 的 target 未填写）")
    inspector_text = inspector or PENDING
    if not inspector:
        w.missing.append("巡视组名称（round.toml 的 inspector 未填写）")
    upper = inspector_text.split("第")[0] if "第" in inspector_text else inspector_text.replace("巡视组", "").replace(
        "巡察组", "") or PENDING
    return _Round(title, target, inspector_text, upper, word, level, pd.Timestamp(config.as_of))


def compose_bulletin(analysis: Analysis) -> Bulletin:
    """The bulletin's text from an analysed round with a ledger."""
    ledger = analysis.frame("ledger")
    if ledger is None:
        raise InputError("本轮数据中没有整改台账（整改台账.xlsx 或 ledger.csv），无法生成整改进展情况通报")
    w = _Writer(analysis)
    r = _round_words(w, analysis.config)
    w.add("title", r.title)
    w.add("body", f"按照{r.upper}统一部署，{r.inspector}对{r.target}进行了{r.word}，并向{r.target}"
                  f"{'委' if r.level else ''}反馈了{r.word}意见。根据{r.word}工作有关要求，现将截至{r.as_of_text}的"
                  f"{r.word}整改进展情况予以公布。")
    unsigned = _organisation(w, r)
    _implementation(w, r, ledger)
    _next_steps(w, r, ledger, unsigned)
    if w.missing:
        w.add("appendix", "附：待补充事项")
        w.add("body", f"以下{len(w.missing)}项内容缺少数据，正文中以{PENDING}标示，请核实后补充：")
        for i, item in enumerate(w.missing, start=1):
            w.add("body", f"{i}.{item}")
    return Bulletin(r.title, w.blocks, w.missing)


def _organisation(w: _Writer, r: _Round) -> int:
    """一、整改工作组织情况: the ledger's counts; returns the number of completed measures not signed off."""
    n = w.figure
    party = f"{r.level}委" if r.level else "党委（党组）"
    leaders_word = f"{r.level}级领导" if r.level else "领导"
    w.add("h1", "一、整改工作组织情况")
    w.add("body", f"{party}把{r.word}整改工作作为当前和今后一段时间的重大政治任务来抓，立行立改、真改实改，"
                  f"举一反三、对标对表，不折不扣抓好{r.word}反馈意见的整改落实。对照{r.inspector}反馈意见，"
                  f"认真制定了{r.word}整改工作方案，将反馈的主要问题分解为{n('ledger.aspects', '整改方面数')}个方面"
                  f"{n('ledger.problems', '具体问题数')}个具体问题，提出了{n('ledger.measures', '整改措施数')}条"
                  f"整改措施，明确由{n('ledger.leaders', '牵头领导人数')}个{leaders_word}牵头，"
                  f"{n('ledger.units', '责任单位数')}个责任单位具体抓整改落实，压紧压实整改责任。")
    completed = w.indicators.get("ledger.completed") or 0
    signed = w.indicators.get("ledger.signed_off") or 0
    unsigned = int(completed) - int(signed)
    signoff = f"经责任单位主要负责同志签字背书、佐证材料齐全并已销号的{n('ledger.signed_off', '已销号措施数')}条"
    signoff += f"，尚未履行销号手续的{number(unsigned)}条。" if unsigned > 0 else "。"
    w.add("body", f"截至{r.as_of_text}，{n('ledger.measures', '整改措施数')}条整改措施中，已完成"
                  f"{n('ledger.completed', '已完成措施数')}条，完成率{n('ledger.completion_rate', '整改完成率', kind='pct')}；"
                  f"正在推进{n('ledger.in_progress', '推进中措施数')}条，尚未启动{n('ledger.not_started', '未启动措施数')}条。"
                  f"已完成的措施中，{signoff}")
    progress = w.analysis.frame("progress")
    reports = ledger_area.ordered_reports(progress, r.as_of) if progress is not None else None
    if reports is not None and len(reports):
        w.add("body", f"建立了整改进展情况周报制度，截至{r.as_of_text}共收到{number(reports['week_of'].nunique())}期"
                      f"周报、{number(len(reports))}条措施进展报告，对推进速度较慢的责任单位及时进行了督促。")
    return unsigned


def _implementation(w: _Writer, r: _Round, ledger: pd.DataFrame) -> None:
    """二、整改落实情况: the other areas' figures, then every aspect, problem and measure."""
    w.add("h1", "二、整改落实情况")
    data_sentences = _area_sentences(w)
    whole = f"全{r.level}" if r.level else ""
    w.add("body", f"从有关领域数据看，截至{r.as_of_text}，{whole}" + "；".join(data_sentences) + "。")
    ordered = ledger.assign(_pos=range(len(ledger))).sort_values(["aspect_no", "problem_no", "_pos"], kind="stable")
    for aspect_no, aspect_rows in ordered.groupby("aspect_no", sort=False):
        aspect = w.clean(aspect_rows["aspect"].iloc[0], f"第{aspect_no}个方面的名称")
        w.add("h2", f"{aspect_no}.“{aspect}”方面")
        for problem_no, rows in aspect_rows.groupby("problem_no", sort=False):
            problem = w.clean(rows["problem"].iloc[0], f"问题（{problem_no}）的名称")
            w.add("h3", f"（{problem_no}）关于“{problem}”的问题")
            _problem_measures(w, rows, problem_no)


def _problem_measures(w: _Writer, rows: pd.DataFrame, problem_no: Any) -> None:
    """One paragraph per sub-problem of a problem: its measures, 一是…二是… when there are several."""
    subs = rows["sub_problem"].where(~is_empty(rows["sub_problem"]), "").fillna("").str.strip()
    measures = list(zip(subs, rows["measure"], rows["measure_id"], rows["status"], rows["deadline"]))
    for sub in dict.fromkeys(subs):
        sentences = [measure_sentence(w.clean(measure, f"措施{measure_id}"), status, deadline)
                     for its_sub, measure, measure_id, status, deadline in measures if its_sub == sub]
        if len(sentences) == 1:
            body = sentences[0]
        else:
            body = "".join(f"{chinese_ordinal(i)}是{s}" for i, s in enumerate(sentences, start=1))
        lead = f"针对“{w.clean(sub, f'问题（{problem_no}）的具体问题')}”的整改情况：" if sub else "整改情况："
        w.add("body", lead + body)


def _next_steps(w: _Writer, r: _Round, ledger: pd.DataFrame, unsigned: int) -> None:
    """三、下一步整改工作打算: what is open and overdue, then the standing commitments."""
    n = w.figure
    w.add("h1", "三、下一步整改工作打算")
    open_rows = ledger[ledger["status"] != ledger_area.DONE]
    overdue = ledger_area.overdue_list(ledger, r.as_of)
    if len(ledger) and open_rows.empty:
        w.add("body", f"截至{r.as_of_text}，{number(len(ledger))}条整改措施已全部完成。")
    else:
        text = (f"截至{r.as_of_text}，尚有{number(len(open_rows))}条整改措施未完成，其中正在推进"
                f"{n('ledger.in_progress', '推进中措施数')}条、尚未启动{n('ledger.not_started', '未启动措施数')}条；"
                f"已超过完成时限仍未完成的{n('ledger.overdue', '逾期未完成措施数')}条")
        w.add("body", text + ("，具体如下：" if len(overdue) else "。"))
        _overdue_items(w, ledger, overdue)
    if unsigned > 0:
        w.add("body", f"已完成但尚未履行销号手续的{number(unsigned)}条措施，将督促责任单位主要负责同志签字背书、"
                      "补齐佐证材料后按程序销号。")
    w.add("body", f"下一步，我们将继续深入学习贯彻习近平总书记关于{r.word}工作的重要论述，严格按照{r.inspector}"
                  "的整改要求，认真对照整改工作方案，持续抓好整改工作。")
    w.add("body", "一是坚持问题导向持续改。对尚未完成或需长期整改的问题，紧盯不放、一抓到底，确保在限定的时间内"
                  "整改到位；对逾期未完成的，督促责任单位说明原因、倒排工期、限期完成；对已完成整改的问题，适时"
                  "组织“回头看”，坚决防止问题反弹反复。")
    w.add("body", "二是压实责任从严改。坚持整改进展情况周报制度，对整改不力、敷衍整改、纸面整改的责任单位和"
                  "个人严肃追责问责，确保整改问题解决一个、销号一个、巩固一个。")
    w.add("body", "三是健全长效机制持续改。坚持把问题整改与制度建设结合起来，对需要长效推进的整改项目，进一步"
                  "建立完善制度机制，切实以制度管人、管财、管权、管事。")


def _overdue_items(w: _Writer, ledger: pd.DataFrame, overdue: pd.DataFrame) -> None:
    """One numbered paragraph per overdue measure: units, leader, deadline, days overdue, status.

    The measures' ledger rows are looked up together, by their ids (the ledger's key), not one by one.
    """
    ids = overdue["措施编号"]
    rows = ledger.set_index("measure_id").loc[ids.to_numpy(), ["units", "lead_leader", "measure", "deadline", "status"]]
    columns = zip(ids, overdue["逾期天数"], *(rows[name] for name in rows.columns))
    for i, (measure_id, days, units, leader, measure, deadline, status) in enumerate(columns, start=1):
        units = "、".join(ledger_area.split_units(units)) or "未明确"
        leader = leader if isinstance(leader, str) and leader.strip() else "未明确"
        where = f"措施{measure_id}"
        w.add("body", f"{i}.{w.clean(short(measure, 60), where)}"
                      f"（措施编号{measure_id}，责任单位：{w.clean(units, where + '的责任单位')}，"
                      f"牵头领导：{w.clean(leader, where + '的牵头领导')}，"
                      f"完成时限：{cn_date(deadline)}，已逾期{number(days)}天，目前{status}）。")


def _area_sentences(w: _Writer) -> list[str]:
    """The figures of the other areas: clues, cases and land reclaimed always (【待补充】 when missing);
    idle and unsupplied land and spending only when present."""
    f = w.figure
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
    if w.present("land.idle.parcels"):
        sentences.append(f"尚有闲置土地{f('land.idle.parcels', '闲置土地宗数', ('land',))}宗、"
                         f"{f('land.idle.area_mu', '闲置土地面积', ('land',), 'mu')}亩正在处置")
    if w.present("land.unsupplied.parcels"):
        sentences.append(f"批而未供土地{f('land.unsupplied.parcels', '批而未供土地宗数', ('land',))}宗、"
                         f"{f('land.unsupplied.area_mu', '批而未供土地面积', ('land',), 'mu')}亩")
    spending = _spending(w)
    if spending:
        sentences.append("“三公”经费方面，" + "，".join(spending))
    return sentences


def _spending(w: _Writer) -> list[str]:
    """The 三公 figures present in the round (none is printed as missing: spending is optional)."""
    f = w.figure
    spending = []
    if w.present("sangong.reception.count"):
        spending.append(f"公务接待{f('sangong.reception.count', '公务接待批次', ('reception',))}批次、金额"
                        f"{f('sangong.reception.amount', '公务接待金额', ('reception',), 'wan')}万元")
    if w.present("sangong.vehicle.trips"):
        spending.append(f"公务用车出车{f('sangong.vehicle.trips', '公车出车次数', ('vehicle_trips',))}次、行驶"
                        f"{f('sangong.vehicle.km', '公车行驶里程', ('vehicle_trips',), 'number')}公里")
    if w.present("sangong.fuel.liters"):
        spending.append(f"加油{f('sangong.fuel.liters', '加油量', ('fuel',), 'number')}升、金额"
                        f"{f('sangong.fuel.amount', '加油金额', ('fuel',), 'wan')}万元")
    if w.present("sangong.overseas.trips"):
        spending.append(f"因公出国（境）{f('sangong.overseas.trips', '因公出国（境）人次', ('overseas',))}人次、费用"
                        f"{f('sangong.overseas.cost', '因公出国（境）费用', ('overseas',), 'wan')}万元")
    return spending
