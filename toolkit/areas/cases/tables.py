"""问题线索与处分 tables the notebook shows: the clue funnel, dispositions, overdue clues, the 四种形态
and the monthly trend. Each selects its rows with the same mask as the matching check."""

from __future__ import annotations

import pandas as pd

from toolkit.areas.cases.clues import clue_age_days, is_closed, overdue_mask
from toolkit.areas.cases.common import CLOSED, NOT_HANDLED, VERIFYING
from toolkit.areas.cases.sanctions import SANCTION_LISTS
from toolkit.datasets import CLUE_SOURCES, FORMS

__all__ = ["clue_funnel", "disposition_mix", "overdue_clues", "forms_distribution", "monthly_trend", "sanction_lists"]

COUNTS = ("受理", NOT_HANDLED, VERIFYING, CLOSED)


def clue_funnel(clues: pd.DataFrame) -> pd.DataFrame:
    """Clues by source: received, in verification, closed, and 核查率 (closed / received).

    >>> df = pd.DataFrame({"source": ["信访举报", "信访举报", "巡视巡察"], "status": ["已办结", "核查中", "未办理"]})
    >>> clue_funnel(df).loc["信访举报", ["受理", "核查中", "已办结", "核查率"]].tolist()
    [2.0, 1.0, 1.0, 0.5]
    """
    counts = pd.crosstab(clues["source"], clues["status"])
    table = pd.DataFrame({
        "受理": counts.sum(axis=1),
        **{status: counts.get(status, 0) for status in (NOT_HANDLED, VERIFYING, CLOSED)},
    })
    table = table.reindex([s for s in CLUE_SOURCES if s in table.index])
    table["核查率"] = table[CLOSED] / table["受理"]
    return table.rename_axis("来源").astype({c: "int64" for c in COUNTS})


def disposition_mix(clues: pd.DataFrame) -> pd.Series:
    """Closed clues by disposition (未填 for empty)."""
    closed = clues[is_closed(clues)]
    return closed["disposition"].fillna("未填").value_counts().rename_axis("处置方式").rename("件数")


def overdue_clues(clues: pd.DataFrame, as_of: pd.Timestamp, days_max: int) -> pd.DataFrame:
    """clues.overdue's clues, most overdue first, with days outstanding (``days_max``: the round's clue_days_max)."""
    late = clues[overdue_mask(clues, as_of, days_max)]
    late = late.assign(days=clue_age_days(late, as_of)).sort_values("days", ascending=False)
    return late[["clue_id", "source", "received_on", "category", "status", "days"]].rename(columns={
        "clue_id": "线索编号", "source": "来源", "received_on": "受理日期", "category": "类别",
        "status": "办理状态", "days": "已办理天数"})


def forms_distribution(cases: pd.DataFrame) -> pd.Series:
    """Persons per form of the 四种形态, in order."""
    return cases["form"].value_counts().reindex(list(FORMS), fill_value=0).rename_axis("形态").rename("人数")


def monthly_trend(clues: pd.DataFrame, cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Clues received and closed per month (and cases filed, when given)."""
    months = {
        "受理线索": clues["received_on"].dt.to_period("M").value_counts(),
        "办结线索": clues["closed_on"].dropna().dt.to_period("M").value_counts(),
    }
    if cases is not None:
        filed = cases.drop_duplicates("case_id")["filed_on"].dropna()
        months["立案"] = filed.dt.to_period("M").value_counts()
    table = pd.DataFrame(months).fillna(0).astype("int64").sort_index()
    return table.rename_axis("月份")


def sanction_lists() -> pd.DataFrame:
    """The sanctions each form of the 四种形态 lists (what cases.form_sanction_mismatch compares against).

    >>> sanction_lists().loc["第四种形态", "处理结果"]
    '开除党籍、开除、移送司法'
    """
    return pd.DataFrame({"处理结果": ["、".join(SANCTION_LISTS[form]) for form in FORMS]},
                        index=pd.Index(list(FORMS), name="形态"))
