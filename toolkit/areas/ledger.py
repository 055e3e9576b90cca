"""整改台账: ledger and weekly-progress checks, indicators, early warning and the tables the notebook shows.

Two datasets: ``ledger`` (整改台账, one row per rectification measure) and
``progress`` (整改周报, weekly status reports per measure).

Decisions this module documents (contract/checks.md leaves them open):

* **Report order.** Progress reports are ordered by ``week_of``, then by file
  row (``_row``, the order in which the rectification office entered them),
  then by position in the frame. When two reports of one measure share a
  ``week_of``, the one lower in the file is the later one. The report id is not
  used for ordering: ids are text (``P10`` sorts before ``P2``). Every report
  counts: "the latest ``ledger_stall_weeks`` reports" are reports, not distinct
  weeks, exactly as checks.md words it.
* **as_of.** Reports dated after as_of are dropped before anything else, so a
  regression or a stall seen only in a later report is not found.
* **"Later"** (ledger.regressed) means later in that order, so a 已完成 and a
  推进中 report in the same week, the 推进中 one lower in the file, is a
  regression.
* **Notes** compare trimmed; a note that is Empty in checks.md's sense (blank,
  无, /, -, …) counts as the empty note, so ``""`` and ``无`` are the same note.
* **Findings of stalled / regressed** carry dataset ``ledger`` (the check's
  main dataset): record_id is the measure_id, unit the ledger row's ``units``
  and row the ledger's Excel row. Reports of measures that are not in the
  ledger (ingest rejects them anyway) are ignored.
* **Empty.** Text columns are empty per :func:`toolkit.checks.base.is_empty`;
  a date column is empty when NaT.
* **Units** (责任单位) are split on 、，,;； and trimmed; empty pieces (and
  pieces such as 无) are dropped.

>>> warning_level("2020-07-10", "推进中", "2020-06-30")
'黄'
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from toolkit.datasets import LEDGER as LEDGER_SPEC
from toolkit.checks.base import Check, CheckRun, Context, Indicator, finding_ids, flag, is_empty, rate

AREA = "ledger"
TITLE = "整改台账"

DONE, IN_PROGRESS, NOT_STARTED = "已完成", "推进中", "未启动"
STATUSES = (DONE, IN_PROGRESS, NOT_STARTED)
KINDS = ("立行立改", "限期整改", "长期坚持")
LONG_TERM = "长期坚持"
UNIT_SEPARATORS = re.compile(r"[、，,;；]")
RED, YELLOW, GREEN = "红", "黄", "绿"
YELLOW_DAYS, GREEN_DAYS = 10, 20
SIGNOFF_FIELDS = {"signed_off_by": "销号审核人", "signed_off_on": "销号日期", "evidence": "佐证材料"}
NO_LEADER = "（未明确）"
NO_UNIT = "（未明确）"


# ---- small helpers ----------------------------------------------------------------------------

def cn_date(value: Any) -> str:
    """A date as 2020年6月30日 (no leading zeros); empty text for a missing date.

    >>> cn_date(pd.Timestamp("2020-06-05")), cn_date("2021-12-31"), cn_date(pd.NaT)
    ('2020年6月5日', '2021年12月31日', '')
    """
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return ""
    ts = pd.Timestamp(value)
    if pd.isna(ts):
        return ""
    return f"{ts.year}年{ts.month}月{ts.day}日"


def short(text: Any, width: int = 30) -> str:
    """A text cut to ``width`` characters with …, for messages and chart labels.

    >>> short("深化理论学习，梳理未学习的法规条例并补学", 8)
    '深化理论学习，…'
    """
    text = "" if text is None or (isinstance(text, float) and np.isnan(text)) else " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def split_units(text: Any) -> list[str]:
    """The unit names in a 责任单位 cell, split on 、，,;； and trimmed; empty pieces dropped.

    >>> split_units("县委办、县政府办， 县纪委监委；无")
    ['县委办', '县政府办', '县纪委监委']
    >>> split_units(None)
    []
    """
    from toolkit.ingest.values import is_empty_marker

    if not isinstance(text, str):
        return []
    return [piece.strip() for piece in UNIT_SEPARATORS.split(text) if not is_empty_marker(piece)]


def _date_empty(series: pd.Series) -> pd.Series:
    return series.isna()


def _timestamp(value: Any) -> pd.Timestamp:
    return pd.Timestamp(value) if not isinstance(value, pd.Timestamp) else value


def _days_between(later: pd.Series | pd.Timestamp, earlier: pd.Series | pd.Timestamp) -> pd.Series:
    return (later - earlier).dt.days.astype("Int64")


def normalise_note(series: pd.Series) -> pd.Series:
    """Notes as compared by ledger.stalled: trimmed, and every Empty note the same empty text.

    >>> normalise_note(pd.Series([" 正在推进 ", None, "无", ""], dtype="str")).tolist()
    ['正在推进', '', '', '']
    """
    text = series.astype("str").str.strip()
    return text.where(~is_empty(series), "").fillna("")


def ordered_reports(progress: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """Progress reports dated on or before as_of, in report order (week_of, file row, position).

    >>> p = pd.DataFrame({"id": ["b", "a", "c"], "measure_id": ["m"] * 3, "status": ["推进中"] * 3,
    ...                   "week_of": pd.to_datetime(["2020-06-01", "2020-06-01", "2020-07-06"]), "_row": [3, 2, 4]})
    >>> ordered_reports(p, "2020-06-30")["id"].tolist()
    ['a', 'b']
    """
    as_of = _timestamp(as_of)
    reports = progress[progress["week_of"].notna() & (progress["week_of"] <= as_of)]
    reports = reports.assign(_pos=np.arange(len(reports)))
    keys = ["week_of", "_row", "_pos"] if "_row" in reports.columns else ["week_of", "_pos"]
    return reports.sort_values(keys, kind="stable", na_position="last").drop(columns="_pos")


# ---- checks -----------------------------------------------------------------------------------

def _ledger(ctx: Context) -> pd.DataFrame:
    return ctx.data["ledger"]


def _measure_label(row: pd.Series) -> str:
    return f"整改措施{row['measure_id']}“{short(row['measure'], 24)}”"


def overdue_mask(ledger: pd.DataFrame, as_of: Any) -> pd.Series:
    """checks.md ledger.overdue: status ≠ 已完成, deadline set, deadline < as_of."""
    as_of = _timestamp(as_of)
    return ((ledger["status"] != DONE) & ledger["deadline"].notna() & (ledger["deadline"] < as_of)).fillna(False)


def ledger_overdue(ctx: Context) -> pd.DataFrame:
    ledger = _ledger(ctx)
    as_of = ctx.as_of
    days = _days_between(as_of, ledger["deadline"])
    return flag(ledger, overdue_mask(ledger, as_of),
                lambda r: f"{_measure_label(r)}完成时限为{cn_date(r['deadline'])}，截至{cn_date(as_of)}"
                          f"状态仍为{r['status']}，已逾期{days[r.name]}天未完成整改",
                id_column="measure_id", unit_column="units")


def missing_signoff(ledger: pd.DataFrame) -> pd.DataFrame:
    """Per row, whether each of 销号审核人 / 销号日期 / 佐证材料 is missing (bool columns named in Chinese)."""
    return pd.DataFrame({
        "销号审核人": is_empty(ledger["signed_off_by"]),
        "销号日期": _date_empty(ledger["signed_off_on"]),
        "佐证材料": is_empty(ledger["evidence"]),
    }, index=ledger.index)


def _missing_text(missing: pd.DataFrame) -> pd.Series:
    return pd.Series(["、".join(c for c in missing.columns if row[c]) for _, row in missing.iterrows()],
                     index=missing.index, dtype="str")


def closed_without_signoff_mask(ledger: pd.DataFrame) -> pd.Series:
    """checks.md: status = 已完成 and any of signed_off_by, signed_off_on, evidence empty."""
    return (ledger["status"] == DONE).fillna(False) & missing_signoff(ledger).any(axis=1)


def ledger_closed_without_signoff(ctx: Context) -> pd.DataFrame:
    ledger = _ledger(ctx)
    lacking = _missing_text(missing_signoff(ledger))
    return flag(ledger, closed_without_signoff_mask(ledger),
                lambda r: f"{_measure_label(r)}已标记为已完成，但未填写{lacking[r.name]}，"
                          "不符合责任单位签字背书、佐证材料齐全方可销号的要求",
                id_column="measure_id", unit_column="units")


def ledger_completed_late(ctx: Context) -> pd.DataFrame:
    ledger = _ledger(ctx)
    mask = (ledger["completed_on"] > ledger["deadline"]).fillna(False)
    days = _days_between(ledger["completed_on"], ledger["deadline"])
    return flag(ledger, mask,
                lambda r: f"{_measure_label(r)}完成时限为{cn_date(r['deadline'])}，实际于{cn_date(r['completed_on'])}"
                          f"完成，超过时限{days[r.name]}天",
                id_column="measure_id", unit_column="units")


def stalled_table(ledger: pd.DataFrame, progress: pd.DataFrame, as_of: Any, weeks: int) -> pd.DataFrame:
    """Measures whose latest ``weeks`` reports (to as_of) all say 推进中 with the same note.

    One row per stalled ledger measure, in ledger order: measure_id, from/to (week_of of the first and last
    of those reports), note (normalised, '' when empty), reports (how many the measure has to as_of).
    """
    weeks = max(int(weeks), 1)
    reports = ordered_reports(progress, as_of)
    reports = reports[reports["measure_id"].isin(ledger["measure_id"])]
    columns = ["measure_id", "from", "to", "note", "reports"]
    if reports.empty:
        return pd.DataFrame(columns=columns).astype({"measure_id": "str", "note": "str",
                                                     "from": "datetime64[ns]", "to": "datetime64[ns]",
                                                     "reports": "int64"})
    reports = reports.assign(_note=normalise_note(reports["note"]) if "note" in reports else "",
                             _in_progress=(reports["status"] == IN_PROGRESS).fillna(False))
    counts = reports.groupby("measure_id", sort=False).size()
    latest = reports.groupby("measure_id", sort=False).tail(weeks)
    summary = latest.groupby("measure_id", sort=False).agg(
        **{"from": ("week_of", "first"), "to": ("week_of", "last"), "note": ("_note", "first"),
           "notes": ("_note", "nunique"), "all_in_progress": ("_in_progress", "all")})
    summary = summary.assign(reports=counts.reindex(summary.index))
    stalled = summary[(summary["reports"] >= weeks) & summary["all_in_progress"] & (summary["notes"] == 1)]
    order = pd.Index(ledger["measure_id"])
    stalled = stalled.reindex([m for m in order if m in stalled.index])
    return stalled.reset_index()[columns].astype({"measure_id": "str", "note": "str", "reports": "int64"})


def ledger_stalled(ctx: Context) -> pd.DataFrame:
    ledger = _ledger(ctx)
    weeks = ctx.thresholds.ledger_stall_weeks
    stalled = stalled_table(ledger, ctx.data["progress"], ctx.as_of, weeks).set_index("measure_id")
    mask = ledger["measure_id"].isin(stalled.index)

    def message(r: pd.Series) -> str:
        s = stalled.loc[r["measure_id"]]
        note = f"进展说明均为“{short(s['note'], 40)}”" if s["note"] else "均未填写进展说明"
        return (f"{_measure_label(r)}最近{max(int(weeks), 1)}次周报（{cn_date(s['from'])}至{cn_date(s['to'])}）"
                f"状态均为推进中，{note}，整改无实质进展，存在敷衍整改迹象")

    return flag(ledger, mask, message, id_column="measure_id", unit_column="units")


def regression_table(progress: pd.DataFrame, as_of: Any, measures: pd.Series | None = None) -> pd.DataFrame:
    """Measures whose reports (to as_of) say 已完成 and later say 推进中 or 未启动 (反弹).

    One row per measure: measure_id, completed_week (the last 已完成 report before the first relapse),
    relapse_week and relapse_status (that first relapse), relapses (how many reports after a 已完成 say
    推进中/未启动). ``measures`` limits the table to those ids (the ledger's).
    """
    reports = ordered_reports(progress, as_of)
    if measures is not None:
        reports = reports[reports["measure_id"].isin(measures)]
    columns = ["measure_id", "completed_week", "relapse_week", "relapse_status", "relapses"]
    done = (reports["status"] == DONE).fillna(False)
    done_before = done.astype("int64").groupby(reports["measure_id"], sort=False).cumsum() - done.astype("int64") > 0
    relapse = done_before & reports["status"].isin([IN_PROGRESS, NOT_STARTED]).fillna(False)
    last_done_week = reports["week_of"].where(done).groupby(reports["measure_id"], sort=False).ffill()
    rows = reports.assign(completed_week=last_done_week)[relapse]
    if rows.empty:
        return pd.DataFrame(columns=columns).astype({"measure_id": "str", "completed_week": "datetime64[ns]",
                                                     "relapse_week": "datetime64[ns]", "relapse_status": "str",
                                                     "relapses": "int64"})
    first = rows.groupby("measure_id", sort=False).head(1)
    table = pd.DataFrame({
        "measure_id": first["measure_id"].to_numpy(),
        "completed_week": first["completed_week"].to_numpy(),
        "relapse_week": first["week_of"].to_numpy(),
        "relapse_status": first["status"].to_numpy(),
        "relapses": rows.groupby("measure_id", sort=False).size().reindex(first["measure_id"]).to_numpy(),
    })
    return table.astype({"measure_id": "str", "relapse_status": "str", "relapses": "int64"})


def ledger_regressed(ctx: Context) -> pd.DataFrame:
    ledger = _ledger(ctx)
    table = regression_table(ctx.data["progress"], ctx.as_of, ledger["measure_id"]).set_index("measure_id")
    mask = ledger["measure_id"].isin(table.index)

    def message(r: pd.Series) -> str:
        t = table.loc[r["measure_id"]]
        more = f"（此后共有{t['relapses']}次周报未显示已完成）" if t["relapses"] > 1 else ""
        return (f"{_measure_label(r)}在{cn_date(t['completed_week'])}的周报中已为已完成，"
                f"{cn_date(t['relapse_week'])}的周报又变为{t['relapse_status']}{more}，整改出现反弹")

    return flag(ledger, mask, message, id_column="measure_id", unit_column="units")


CHECKS = [
    Check("ledger.overdue", AREA, "ledger", "medium", "整改措施逾期未完成", ledger_overdue),
    Check("ledger.closed_without_signoff", AREA, "ledger", "medium", "已完成未规范销号", ledger_closed_without_signoff),
    Check("ledger.completed_late", AREA, "ledger", "low", "超时限完成整改", ledger_completed_late),
    Check("ledger.stalled", AREA, "ledger", "medium", "整改停滞（敷衍整改迹象）", ledger_stalled, needs=("progress",)),
    Check("ledger.regressed", AREA, "ledger", "high", "整改反弹", ledger_regressed, needs=("progress",)),
]


# ---- indicators -------------------------------------------------------------------------------

def distinct_units(ledger: pd.DataFrame) -> list[str]:
    """Distinct unit names of the ledger, in order of first appearance."""
    return list(dict.fromkeys(name for cell in ledger["units"] for name in split_units(cell)))


def distinct_leaders(ledger: pd.DataFrame) -> list[str]:
    """Distinct non-empty lead_leader values (trimmed), in order of first appearance."""
    leaders = ledger.loc[~is_empty(ledger["lead_leader"]), "lead_leader"].str.strip()
    return list(dict.fromkeys(leaders))


def signed_off_mask(ledger: pd.DataFrame) -> pd.Series:
    """已完成 with signed_off_by, signed_off_on and evidence all set (已销号)."""
    return (ledger["status"] == DONE).fillna(False) & ~missing_signoff(ledger).any(axis=1)


def _count_status(ctx: Context, status: str) -> int:
    return int((_ledger(ctx)["status"] == status).sum())


INDICATORS = [
    Indicator("ledger.aspects", "整改方面（个）", ("ledger",), lambda ctx, f: _ledger(ctx)["aspect_no"].nunique(), "个"),
    Indicator("ledger.problems", "具体问题（个）", ("ledger",), lambda ctx, f: _ledger(ctx)["problem_no"].nunique(), "个"),
    Indicator("ledger.measures", "整改措施（条）", ("ledger",), lambda ctx, f: len(_ledger(ctx)), "条"),
    Indicator("ledger.leaders", "牵头县级领导（个）", ("ledger",), lambda ctx, f: len(distinct_leaders(_ledger(ctx))), "个"),
    Indicator("ledger.units", "责任单位（个）", ("ledger",), lambda ctx, f: len(distinct_units(_ledger(ctx))), "个"),
    Indicator("ledger.completed", "已完成（条）", ("ledger",), lambda ctx, f: _count_status(ctx, DONE), "条"),
    Indicator("ledger.in_progress", "推进中（条）", ("ledger",), lambda ctx, f: _count_status(ctx, IN_PROGRESS), "条"),
    Indicator("ledger.not_started", "未启动（条）", ("ledger",), lambda ctx, f: _count_status(ctx, NOT_STARTED), "条"),
    Indicator("ledger.signed_off", "已销号（条）", ("ledger",), lambda ctx, f: int(signed_off_mask(_ledger(ctx)).sum()), "条"),
    Indicator("ledger.completion_rate", "整改完成率", ("ledger",),
              lambda ctx, f: rate(_count_status(ctx, DONE), len(_ledger(ctx))), "%"),
    Indicator("ledger.overdue", "逾期未完成（条）", ("ledger",),
              lambda ctx, f: finding_ids(f, "ledger.overdue").nunique(), "条"),
]


def ledger_run(analysis: Any) -> CheckRun:
    """This area's findings, indicators and skipped checks out of an analysed round's run."""
    run = analysis.run
    findings = run.findings[run.findings["area"] == AREA].reset_index(drop=True)
    indicators = {i.name: run.indicators.get(i.name) for i in INDICATORS}
    skipped = {k: v for k, v in run.skipped.items() if k.startswith("ledger.")}
    return CheckRun(findings, indicators, skipped, list(run.notes))


def headline(indicators: dict[str, Any]) -> list[str]:
    """The headline figures as plain lines (the notebook prints them; nbval pins them).

    >>> headline({"ledger.measures": 3, "ledger.completion_rate": 1 / 3})[2:3] + headline({})[-1:]
    ['整改措施：3 条', '逾期未完成：无数据']
    """
    def value(name: str, unit: str) -> str:
        v = indicators.get(name)
        return "无数据" if v is None else f"{v} {unit}"

    rate_value = indicators.get("ledger.completion_rate")
    return [
        f"整改方面：{value('ledger.aspects', '个')}",
        f"具体问题：{value('ledger.problems', '个')}",
        f"整改措施：{value('ledger.measures', '条')}",
        f"牵头县级领导：{value('ledger.leaders', '人')}",
        f"责任单位：{value('ledger.units', '个')}",
        f"已完成：{value('ledger.completed', '条')}",
        f"推进中：{value('ledger.in_progress', '条')}",
        f"未启动：{value('ledger.not_started', '条')}",
        "完成率：" + ("无数据" if rate_value is None else f"{rate_value * 100:.1f}%"),
        f"已销号：{value('ledger.signed_off', '条')}",
        f"逾期未完成：{value('ledger.overdue', '条')}",
    ]


# ---- early warning (三色预警) -------------------------------------------------------------------

def warning_level(deadline: Any, status: Any, as_of: Any) -> str:
    """三色预警 of one measure: 红 overdue (not 已完成 and deadline < as_of), 黄 ≤ 10 days left,
    绿 ≤ 20 days left, else ''. Completed measures and measures without a deadline (长期坚持) get none.

    >>> [warning_level(d, "推进中", "2020-06-30") for d in ("2020-07-21", "2020-07-20", "2020-07-10", "2020-06-30", "2020-06-29")]
    ['', '绿', '黄', '黄', '红']
    >>> warning_level("2020-06-01", "已完成", "2020-06-30"), warning_level(None, "未启动", "2020-06-30")
    ('', '')
    """
    if status == DONE or deadline is None or pd.isna(deadline):
        return ""
    days = (pd.Timestamp(deadline) - pd.Timestamp(as_of)).days
    if days < 0:
        return RED
    if days <= YELLOW_DAYS:
        return YELLOW
    if days <= GREEN_DAYS:
        return GREEN
    return ""


def days_left(ledger: pd.DataFrame, as_of: Any) -> pd.Series:
    """Days from as_of to the deadline (negative when overdue; NA without a deadline)."""
    return (ledger["deadline"] - _timestamp(as_of)).dt.days.astype("Int64")


def with_warnings(ledger: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """The ledger with a ``预警`` column (红/黄/绿/''), vectorised :func:`warning_level`.

    >>> df = pd.DataFrame({"deadline": pd.to_datetime(["2020-07-20", "2020-06-01", None, "2020-06-01"]),
    ...                    "status": ["推进中", "未启动", "推进中", "已完成"]})
    >>> with_warnings(df, "2020-06-30")["预警"].tolist()
    ['绿', '红', '', '']
    """
    days = (ledger["deadline"] - _timestamp(as_of)).dt.days
    open_ = (ledger["status"] != DONE).fillna(True) & ledger["deadline"].notna()
    level = np.select([open_ & (days < 0), open_ & (days <= YELLOW_DAYS), open_ & (days <= GREEN_DAYS)],
                      [RED, YELLOW, GREEN], default="")
    return ledger.assign(预警=pd.Series(level, index=ledger.index, dtype="str"))


def ledger_export(ledger: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """The ledger as the rectification office keeps it, Chinese headers, with 剩余天数 and 预警 (三色预警).

    >>> df = pd.DataFrame({c.name: [None] for c in LEDGER_SPEC.columns} | {"_row": [2]})
    >>> df = df.assign(deadline=pd.to_datetime(["2020-07-10"]), status=["推进中"])
    >>> ledger_export(df, "2020-06-30")[["完成时限", "剩余天数", "预警"]].to_dict("records")
    [{'完成时限': Timestamp('2020-07-10 00:00:00'), '剩余天数': 10, '预警': '黄'}]
    """
    warned = with_warnings(ledger, as_of).assign(剩余天数=days_left(ledger, as_of))
    columns = {c.name: c.zh for c in LEDGER_SPEC.columns}
    table = warned[[*columns, "剩余天数", "预警"]].rename(columns=columns)
    return table.assign(剩余天数=table["剩余天数"].where(table["整改状态"] != DONE))


MEASURE_HEADERS = {"measure_id": "措施编号", "aspect_no": "方面序号", "problem_no": "问题序号", "problem": "问题",
                   "measure": "整改措施", "lead_leader": "牵头领导", "units": "责任单位", "kind": "整改类型",
                   "deadline": "完成时限", "status": "整改状态", "completed_on": "完成日期"}


def _measure_view(ledger: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    view = ledger[columns].rename(columns=MEASURE_HEADERS)
    if "整改措施" in view:
        view = view.assign(整改措施=view["整改措施"].map(lambda t: short(t, 40)))
    return view.reset_index(drop=True)


def warning_list(ledger: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """Measures with a warning, 红 first then by days left, with 剩余天数 (negative = overdue)."""
    warned = with_warnings(ledger, as_of).assign(剩余天数=days_left(ledger, as_of))
    warned = warned[warned["预警"] != ""]
    warned = warned.assign(_order=warned["预警"].map({RED: 0, YELLOW: 1, GREEN: 2}))
    warned = warned.sort_values(["_order", "剩余天数"], kind="stable")
    view = _measure_view(warned, ["measure_id", "measure", "units", "lead_leader", "deadline", "status"])
    return view.assign(预警=warned["预警"].to_numpy(), 剩余天数=warned["剩余天数"].to_numpy())


def overdue_list(ledger: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """ledger.overdue's measures, most overdue first, with 逾期天数."""
    late = ledger[overdue_mask(ledger, as_of)]
    late = late.assign(逾期天数=(-days_left(late, as_of)).astype("Int64")).sort_values("逾期天数", ascending=False,
                                                                                    kind="stable")
    view = _measure_view(late, ["measure_id", "measure", "units", "lead_leader", "deadline", "status"])
    return view.assign(逾期天数=late["逾期天数"].to_numpy())


def unsigned_closures(ledger: pd.DataFrame) -> pd.DataFrame:
    """Measures marked 已完成 whose 销号 lacks a signer, a date or evidence, with what is missing."""
    mask = closed_without_signoff_mask(ledger)
    lacking = _missing_text(missing_signoff(ledger))[mask]
    view = _measure_view(ledger[mask], ["measure_id", "measure", "units", "completed_on"])
    return view.assign(缺少=lacking.to_numpy())


# ---- completion tables ------------------------------------------------------------------------

def _completion(frame: pd.DataFrame, key: pd.Series, name: str, order: list | None = None) -> pd.DataFrame:
    counts = pd.crosstab(key, frame["status"]).reindex(columns=list(STATUSES), fill_value=0)
    table = pd.DataFrame({"措施数": counts.sum(axis=1), **{s: counts[s] for s in STATUSES}})
    table = table.astype("int64")
    table["完成率"] = table[DONE] / table["措施数"]
    if order is not None:
        table = table.reindex([k for k in order if k in table.index])
    return table.rename_axis(name)


def completion_by_aspect(ledger: pd.DataFrame) -> pd.DataFrame:
    """Measures per aspect by status, with 完成率; index '1.方面名称', in aspect order."""
    labels = ledger["aspect_no"].astype("str") + "." + ledger["aspect"].fillna("")
    order = list(dict.fromkeys(labels[ledger.sort_values("aspect_no", kind="stable").index]))
    return _completion(ledger, labels, "方面", order)


def completion_by_problem(ledger: pd.DataFrame) -> pd.DataFrame:
    """Measures per problem by status, with 完成率; index '（n）问题', in problem order."""
    labels = "（" + ledger["problem_no"].astype("str") + "）" + ledger["problem"].fillna("")
    order = list(dict.fromkeys(labels[ledger.sort_values("problem_no", kind="stable").index]))
    return _completion(ledger, labels, "问题", order)


def completion_by_unit(ledger: pd.DataFrame) -> pd.DataFrame:
    """Measures per responsible unit (a measure with several units counts for each), most measures first."""
    names = ledger["units"].map(lambda cell: split_units(cell) or [NO_UNIT])
    exploded = ledger.assign(_unit=names).explode("_unit")
    table = _completion(exploded, exploded["_unit"], "责任单位")
    return table.sort_values(["措施数", "完成率"], ascending=[False, True], kind="stable")


def completion_by_leader(ledger: pd.DataFrame) -> pd.DataFrame:
    """Measures per lead leader (empty → （未明确）), most measures first."""
    leaders = ledger["lead_leader"].str.strip().where(~is_empty(ledger["lead_leader"]), NO_LEADER)
    table = _completion(ledger, leaders, "牵头领导")
    return table.sort_values(["措施数", "完成率"], ascending=[False, True], kind="stable")


def kind_mix(ledger: pd.DataFrame) -> pd.DataFrame:
    """Measures by 整改类型 × 整改状态, with 合计 row and column.

    >>> df = pd.DataFrame({"kind": ["立行立改", "长期坚持", "立行立改"], "status": ["已完成", "推进中", "已完成"]})
    >>> kind_mix(df).loc["立行立改"].tolist()
    [2, 0, 0, 2]
    """
    table = pd.crosstab(ledger["kind"], ledger["status"]).reindex(index=list(KINDS), columns=list(STATUSES),
                                                                  fill_value=0)
    table["合计"] = table.sum(axis=1)
    table.loc["合计"] = table.sum(axis=0)
    return table.astype("int64").rename_axis(index="整改类型", columns="整改状态")


# ---- weekly progress --------------------------------------------------------------------------

def status_at(reports: pd.DataFrame, week: pd.Timestamp) -> pd.Series:
    """Each measure's status in its latest report dated on or before ``week`` (``reports`` in report order)."""
    upto = reports[reports["week_of"] <= week]
    return upto.groupby("measure_id", sort=False)["status"].last()


def burn_down(progress: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """Per week_of (to as_of): measures by their latest reported status so far, and 未完成 (not 已完成).

    A measure not reported in a week keeps its last reported status; a measure
    not yet reported at all is not counted that week (已报告措施 says how many are).

    >>> p = pd.DataFrame({"id": list("abcd"), "measure_id": ["m1", "m2", "m1", "m2"],
    ...                   "week_of": pd.to_datetime(["2020-06-01", "2020-06-01", "2020-06-08", "2020-06-15"]),
    ...                   "status": ["推进中", "未启动", "已完成", "推进中"]})
    >>> burn_down(p, "2020-06-30")["未完成"].tolist()
    [2, 1, 1]
    """
    reports = ordered_reports(progress, as_of)
    rows = []
    for week in sorted(reports["week_of"].unique()):
        status = status_at(reports, week)
        counts = status.value_counts()
        rows.append({"周报日期": pd.Timestamp(week), "已报告措施": len(status),
                     **{s: int(counts.get(s, 0)) for s in STATUSES},
                     "未完成": int((status != DONE).sum())})
    columns = ["周报日期", "已报告措施", *STATUSES, "未完成"]
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({c: "int64" for c in columns[1:]}).astype({"周报日期": "datetime64[ns]"})


def changes_since_last_week(progress: pd.DataFrame, as_of: Any, ledger: pd.DataFrame | None = None) -> pd.DataFrame:
    """Measures whose status differs between the two latest weeks (to as_of).

    Columns 措施编号, 上周状态 (from; （无周报） when the measure had no report by
    then), 本周状态 (to), 变化 (e.g. 推进中→已完成, 已完成→推进中 is a 反弹),
    进展说明 (this week's note) and, with ``ledger``, 整改措施 and 责任单位.
    ``attrs['weeks']`` holds the two week_of dates compared (empty with fewer than two weeks).

    >>> p = pd.DataFrame({"id": list("abcd"), "measure_id": ["m1", "m2", "m1", "m2"], "note": [None, None, "验收", None],
    ...                   "week_of": pd.to_datetime(["2020-06-01", "2020-06-01", "2020-06-08", "2020-06-08"]),
    ...                   "status": ["推进中", "推进中", "已完成", "推进中"]})
    >>> changes_since_last_week(p, "2020-06-30")[["措施编号", "变化"]].values.tolist()
    [['m1', '推进中→已完成']]
    """
    reports = ordered_reports(progress, as_of)
    weeks = sorted(reports["week_of"].unique())
    columns = ["措施编号", "上周状态", "本周状态", "变化", "进展说明"]
    if len(weeks) < 2:
        table = pd.DataFrame(columns=columns, dtype="str")
        table.attrs["weeks"] = ()
        return table
    previous, latest = pd.Timestamp(weeks[-2]), pd.Timestamp(weeks[-1])
    before, now = status_at(reports, previous), status_at(reports, latest)
    before = before.reindex(now.index)
    changed = now[before.isna() | (before != now)]
    notes = reports[reports["week_of"] <= latest].groupby("measure_id", sort=False)["note"].last() \
        if "note" in reports else pd.Series(dtype="str")
    from_ = before.reindex(changed.index).fillna("（无周报）")
    table = pd.DataFrame({
        "措施编号": changed.index.astype("str"),
        "上周状态": from_.to_numpy(),
        "本周状态": changed.to_numpy(),
        "变化": (from_ + "→" + changed).to_numpy(),
        "进展说明": notes.reindex(changed.index).to_numpy(),
    }).astype("str")
    if ledger is not None:
        info = ledger.set_index("measure_id")
        table = table.assign(整改措施=table["措施编号"].map(info["measure"].map(lambda t: short(t, 40))),
                             责任单位=table["措施编号"].map(info["units"]))
    table.attrs["weeks"] = (previous, latest)
    return table


def stalled_list(ledger: pd.DataFrame, progress: pd.DataFrame, as_of: Any, weeks: int) -> pd.DataFrame:
    """ledger.stalled's measures for display (敷衍整改的迹象)."""
    table = stalled_table(ledger, progress, as_of, weeks)
    info = ledger.set_index("measure_id")
    return pd.DataFrame({
        "措施编号": table["measure_id"],
        "整改措施": table["measure_id"].map(info["measure"]).map(lambda t: short(t, 40)),
        "责任单位": table["measure_id"].map(info["units"]),
        "停滞起始周报": table["from"].map(cn_date),
        "最近周报": table["to"].map(cn_date),
        "重复的进展说明": table["note"].where(table["note"] != "", "（未填写）"),
        "周报次数": table["reports"],
    })


def regressed_list(ledger: pd.DataFrame, progress: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """ledger.regressed's measures for display (反弹)."""
    table = regression_table(progress, as_of, ledger["measure_id"])
    info = ledger.set_index("measure_id")
    return pd.DataFrame({
        "措施编号": table["measure_id"],
        "整改措施": table["measure_id"].map(info["measure"]).map(lambda t: short(t, 40)),
        "责任单位": table["measure_id"].map(info["units"]),
        "已完成周报": table["completed_week"].map(cn_date),
        "反弹周报": table["relapse_week"].map(cn_date),
        "反弹后状态": table["relapse_status"],
        "台账状态": table["measure_id"].map(info["status"]),
    })


# ---- charts -----------------------------------------------------------------------------------

STATUS_COLOURS = {DONE: "#009E73", IN_PROGRESS: "#E69F00", NOT_STARTED: "#D55E00"}


def completion_chart(ax: Any, table: pd.DataFrame, title: str, label_width: int = 16) -> Any:
    """Horizontal stacked bars (已完成 / 推进中 / 未启动) of a completion table, with 完成率 at the bar end."""
    labels = [short(label, label_width) for label in table.index]
    left = np.zeros(len(table))
    y = np.arange(len(table))
    for status in STATUSES:
        values = table[status].to_numpy(dtype=float)
        ax.barh(y, values, left=left, height=0.6, label=status, color=STATUS_COLOURS[status])
        left = left + values
    for yi, total, share in zip(y, left, table["完成率"]):
        ax.text(total, yi, f" {share * 100:.1f}%", va="center", fontsize="small")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.grid(False, axis="y")
    ax.set_xlim(0, max(float(left.max()) if len(left) else 0.0, 1.0) * 1.15)
    ax.set_xlabel("措施数（条）")
    ax.set_title(title, pad=30)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3)
    return ax


def burn_down_chart(ax: Any, table: pd.DataFrame, title: str = "未完成整改措施周度变化") -> Any:
    """Line chart of open measures (未完成) per week, with 推进中 and 未启动."""
    x = table["周报日期"]
    ax.plot(x, table["未完成"], marker="o", label="未完成（推进中+未启动）", color="#0072B2")
    ax.plot(x, table[IN_PROGRESS], marker=".", linestyle="--", label=IN_PROGRESS, color=STATUS_COLOURS[IN_PROGRESS])
    ax.plot(x, table[NOT_STARTED], marker=".", linestyle=":", label=NOT_STARTED, color=STATUS_COLOURS[NOT_STARTED])
    ax.set_title(title)
    ax.set_xlabel("周报日期")
    ax.set_ylabel("措施数（条）")
    ax.set_ylim(bottom=0)
    ax.legend()
    ax.xaxis.set_major_formatter(_month_day_formatter())
    return ax


def _month_day_formatter() -> Any:
    from matplotlib.dates import DateFormatter

    return DateFormatter("%m-%d")
