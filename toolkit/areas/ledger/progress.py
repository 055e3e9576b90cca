"""整改周报 rules: stalled (敷衍整改的迹象) and regressed (反弹), and the report order they read.

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
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from toolkit.areas.ledger.common import AREA, DONE, IN_PROGRESS, NOT_STARTED, measure_label, timestamp
from toolkit.checks.base import Check, Context, flag
from toolkit.formatting import cn_date, is_empty, short

__all__ = ["normalise_note", "ordered_reports", "stalled_table", "regression_table", "ledger_stalled",
           "ledger_regressed", "CHECKS"]

STALLED_COLUMNS = {"measure_id": "str", "from": "datetime64[ns]", "to": "datetime64[ns]", "note": "str",
                   "reports": "int64"}
REGRESSION_COLUMNS = {"measure_id": "str", "completed_week": "datetime64[ns]", "relapse_week": "datetime64[ns]",
                      "relapse_status": "str", "relapses": "int64"}


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
    as_of = timestamp(as_of)
    reports = progress[progress["week_of"].notna() & (progress["week_of"] <= as_of)]
    reports = reports.assign(_pos=np.arange(len(reports)))
    keys = ["week_of", "_row", "_pos"] if "_row" in reports.columns else ["week_of", "_pos"]
    return reports.sort_values(keys, kind="stable", na_position="last").drop(columns="_pos")


def stalled_table(ledger: pd.DataFrame, progress: pd.DataFrame, as_of: Any, weeks: int) -> pd.DataFrame:
    """Measures whose latest ``weeks`` reports (to as_of) all say 推进中 with the same note.

    One row per stalled ledger measure, in ledger order: measure_id, from/to (week_of of the first and last
    of those reports), note (normalised, '' when empty), reports (how many the measure has to as_of).
    """
    weeks = max(int(weeks), 1)
    reports = ordered_reports(progress, as_of)
    reports = reports[reports["measure_id"].isin(ledger["measure_id"])]
    if reports.empty:
        return pd.DataFrame(columns=list(STALLED_COLUMNS)).astype(STALLED_COLUMNS)
    reports = reports.assign(_note=normalise_note(reports["note"]) if "note" in reports else "",
                             _in_progress=(reports["status"] == IN_PROGRESS).fillna(False))
    counts = reports.groupby("measure_id", sort=False).size()
    latest = reports.groupby("measure_id", sort=False).tail(weeks)
    summary = latest.groupby("measure_id", sort=False).agg(
        **{"from": ("week_of", "first"), "to": ("week_of", "last"), "note": ("_note", "first"),
           "notes": ("_note", "nunique"), "all_in_progress": ("_in_progress", "all")})
    summary = summary.assign(reports=counts.reindex(summary.index))
    stalled = summary[(summary["reports"] >= weeks) & summary["all_in_progress"] & (summary["notes"] == 1)]
    in_ledger_order = ledger["measure_id"][ledger["measure_id"].isin(stalled.index)]
    stalled = stalled.reindex(in_ledger_order.to_numpy())
    return stalled.reset_index()[list(STALLED_COLUMNS)].astype({"measure_id": "str", "note": "str", "reports": "int64"})


def regression_table(progress: pd.DataFrame, as_of: Any, measures: pd.Series | None = None) -> pd.DataFrame:
    """Measures whose reports (to as_of) say 已完成 and later say 推进中 or 未启动 (反弹).

    One row per measure: measure_id, completed_week (the last 已完成 report before the first relapse),
    relapse_week and relapse_status (that first relapse), relapses (how many reports after a 已完成 say
    推进中/未启动). ``measures`` limits the table to those ids (the ledger's).
    """
    reports = ordered_reports(progress, as_of)
    if measures is not None:
        reports = reports[reports["measure_id"].isin(measures)]
    done = (reports["status"] == DONE).fillna(False)
    done_before = done.astype("int64").groupby(reports["measure_id"], sort=False).cumsum() - done.astype("int64") > 0
    relapse = done_before & reports["status"].isin([IN_PROGRESS, NOT_STARTED]).fillna(False)
    last_done_week = reports["week_of"].where(done).groupby(reports["measure_id"], sort=False).ffill()
    rows = reports.assign(completed_week=last_done_week)[relapse]
    if rows.empty:
        return pd.DataFrame(columns=list(REGRESSION_COLUMNS)).astype(REGRESSION_COLUMNS)
    first = rows.groupby("measure_id", sort=False).head(1)
    table = pd.DataFrame({
        "measure_id": first["measure_id"].to_numpy(),
        "completed_week": first["completed_week"].to_numpy(),
        "relapse_week": first["week_of"].to_numpy(),
        "relapse_status": first["status"].to_numpy(),
        "relapses": rows.groupby("measure_id", sort=False).size().reindex(first["measure_id"]).to_numpy(),
    })
    return table.astype({"measure_id": "str", "relapse_status": "str", "relapses": "int64"})


def ledger_stalled(ctx: Context) -> pd.DataFrame:
    ledger = ctx.data["ledger"]
    weeks = ctx.thresholds.ledger_stall_weeks
    stalled = stalled_table(ledger, ctx.data["progress"], ctx.as_of, weeks).set_index("measure_id")

    def message(r: pd.Series) -> str:
        s = stalled.loc[r["measure_id"]]
        note = f"进展说明均为“{short(s['note'], 40)}”" if s["note"] else "均未填写进展说明"
        return (f"{measure_label(r)}最近{max(int(weeks), 1)}次周报（{cn_date(s['from'])}至{cn_date(s['to'])}）"
                f"状态均为推进中，{note}，整改无实质进展，存在敷衍整改迹象")

    return flag(ledger, ledger["measure_id"].isin(stalled.index), message, id_column="measure_id",
                unit_column="units")


def ledger_regressed(ctx: Context) -> pd.DataFrame:
    ledger = ctx.data["ledger"]
    table = regression_table(ctx.data["progress"], ctx.as_of, ledger["measure_id"]).set_index("measure_id")

    def message(r: pd.Series) -> str:
        t = table.loc[r["measure_id"]]
        more = f"（此后共有{t['relapses']}次周报未显示已完成）" if t["relapses"] > 1 else ""
        return (f"{measure_label(r)}在{cn_date(t['completed_week'])}的周报中已为已完成，"
                f"{cn_date(t['relapse_week'])}的周报又变为{t['relapse_status']}{more}，整改出现反弹")

    return flag(ledger, ledger["measure_id"].isin(table.index), message, id_column="measure_id", unit_column="units")


CHECKS = [
    Check("ledger.stalled", AREA, "ledger", "medium", "整改停滞（敷衍整改迹象）", ledger_stalled, needs=("progress",),
          params=("ledger_stall_weeks",)),
    Check("ledger.regressed", AREA, "ledger", "high", "整改反弹", ledger_regressed, needs=("progress",), params=()),
]
