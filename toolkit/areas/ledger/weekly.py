"""整改周报 over time: each measure's status week by week (燃尽图) and what changed since last week.

Reports are read in report order (:func:`toolkit.areas.ledger.progress.ordered_reports`):
a measure's status in a week is the status of its latest report dated on or
before that week; a measure not reported in a week keeps its last reported
status; a measure not yet reported at all is not counted.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from toolkit.areas.ledger.common import DONE, STATUSES
from toolkit.areas.ledger.progress import ordered_reports
from toolkit.formatting import short

__all__ = ["status_at", "burn_down", "changes_since_last_week"]

BURN_DOWN_COLUMNS = ["周报日期", "已报告措施", *STATUSES, "未完成"]
NO_REPORT = "（无周报）"


def status_at(reports: pd.DataFrame, week: pd.Timestamp) -> pd.Series:
    """Each measure's status in its latest report dated on or before ``week`` (``reports`` in report order)."""
    upto = reports[reports["week_of"] <= week]
    return upto.groupby("measure_id", sort=False)["status"].last()


def _week_counts(week: np.ndarray, column: np.ndarray, weeks: int, columns: int) -> np.ndarray:
    """weeks × columns: how many (week, column) pairs fall in each cell."""
    return np.bincount(week * columns + column, minlength=weeks * columns).reshape(weeks, columns)


def burn_down(progress: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """Per week_of (to as_of): measures by their latest reported status so far, and 未完成 (not 已完成).

    A measure not reported in a week keeps its last reported status; a measure
    not yet reported at all is not counted that week (已报告措施 says how many are).
    Counted on integer codes: a measure's status holds from the week of its last report in that week to
    the week of its next status, so each week's counts are running sums of those changes.

    >>> p = pd.DataFrame({"id": list("abcd"), "measure_id": ["m1", "m2", "m1", "m2"],
    ...                   "week_of": pd.to_datetime(["2020-06-01", "2020-06-01", "2020-06-08", "2020-06-15"]),
    ...                   "status": ["推进中", "未启动", "已完成", "推进中"]})
    >>> burn_down(p, "2020-06-30")["未完成"].tolist()
    [2, 1, 1]
    """
    reports = ordered_reports(progress, as_of)
    dtypes = {"周报日期": "datetime64[ns]", **{c: "int64" for c in BURN_DOWN_COLUMNS[1:]}}
    if reports.empty:
        return pd.DataFrame(columns=BURN_DOWN_COLUMNS).astype(dtypes)
    weeks, week = np.unique(reports["week_of"].to_numpy(), return_inverse=True)
    measure, measures = pd.factorize(reports["measure_id"])      # -1: no measure_id, never counted
    first = np.full(len(measures), len(weeks))
    np.minimum.at(first, measure[measure >= 0], week[measure >= 0])
    reported = np.cumsum(np.bincount(first, minlength=len(weeks)))[:len(weeks)]
    known = reports["status"].notna().to_numpy() & (measure >= 0)   # groupby().last() skips a missing status
    code = pd.Categorical(reports["status"], categories=list(STATUSES)).codes.astype(np.int64)
    code = np.where(code < 0, len(STATUSES), code)     # another status: none of the counted ones
    by_measure = np.flatnonzero(known)[np.argsort(measure[known], kind="stable")]  # report order kept
    m, w, c = measure[by_measure], week[by_measure], code[by_measure]
    last = np.r_[(m[1:] != m[:-1]) | (w[1:] != w[:-1]), True]       # the measure's last report of a week
    m, w, c = m[last], w[last], c[last]
    following = np.r_[m[1:] == m[:-1], False]                       # the measure reports again later
    columns = len(STATUSES) + 1
    change = _week_counts(w, c, len(weeks), columns)
    change -= _week_counts(np.r_[w[1:], 0][following], c[following], len(weeks), columns)
    counts = np.cumsum(change, axis=0)
    table = pd.DataFrame({
        "周报日期": weeks, "已报告措施": reported,
        **{s: counts[:, i] for i, s in enumerate(STATUSES)},
        "未完成": reported - counts[:, STATUSES.index(DONE)],
    })
    return table.astype(dtypes)


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
    from_ = before.reindex(changed.index).fillna(NO_REPORT)
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
