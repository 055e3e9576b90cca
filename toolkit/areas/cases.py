"""问题线索与处分: clue and case checks, indicators and the tables the notebook shows."""

from __future__ import annotations

import pandas as pd

from toolkit.checks.base import Check, Context, Indicator, flag, is_empty, rate
from toolkit.datasets import CLUE_SOURCES, FORMS

AREA = "cases"
TITLE = "问题线索与处分"

SANCTIONS_BY_FORM: dict[str, frozenset[str]] = {
    "第一种形态": frozenset({"谈话提醒", "提醒谈话", "批评教育", "责令检查", "诫勉", "函询", "通报批评"}),
    "第二种形态": frozenset({"警告", "严重警告", "记过", "记大过", "停职检查", "调整职务", "责令辞职", "免职", "降职"}),
    "第三种形态": frozenset({"撤销党内职务", "留党察看", "降级", "撤职", "开除党籍", "开除"}),
    "第四种形态": frozenset({"开除党籍", "开除", "移送司法"}),
}
DISCIPLINARY_SANCTIONS = frozenset(
    {"警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍", "记过", "记大过", "降级", "撤职", "开除"})


def _clue_age_days(ctx: Context) -> pd.Series:
    return (ctx.as_of - ctx.data["clues"]["received_on"]).dt.days


def clues_overdue(ctx: Context) -> pd.DataFrame:
    """status ≠ 已办结 and as_of − received_on > clue_days_max days."""
    clues = ctx.data["clues"].assign(days=_clue_age_days(ctx))
    limit = ctx.thresholds.clue_days_max
    mask = (clues["status"] != "已办结") & (clues["days"] > limit)
    return flag(clues, mask, "线索{clue_id}（{source}）于{received_on}受理，状态为{status}，"
                f"已{{days}}天未办结，超过{limit}天办理时限", id_column="clue_id")


def clues_closed_without_disposition(ctx: Context) -> pd.DataFrame:
    """status = 已办结 and disposition empty."""
    clues = ctx.data["clues"]
    mask = (clues["status"] == "已办结") & is_empty(clues["disposition"])
    return flag(clues, mask, "线索{clue_id}（{source}）已于{closed_on}办结，但未填写处置方式", id_column="clue_id")


def form_of_sanction(sanction: str) -> set[str]:
    """The forms whose list holds a sanction.

    >>> sorted(form_of_sanction("开除党籍"))
    ['第三种形态', '第四种形态']
    """
    return {form for form, sanctions in SANCTIONS_BY_FORM.items() if sanction in sanctions}


def sanction_mismatch(form: str, sanction: object) -> bool:
    """The sanction is in another form's list but not in its own.

    >>> sanction_mismatch("第一种形态", "警告"), sanction_mismatch("第四种形态", "开除党籍"), sanction_mismatch("第二种形态", "其他处理")
    (True, False, False)
    """
    if not isinstance(sanction, str):
        return False
    forms = form_of_sanction(sanction.strip())
    return bool(forms) and form not in forms


def cases_form_sanction_mismatch(ctx: Context) -> pd.DataFrame:
    cases = ctx.data["cases"]
    mask = pd.Series([sanction_mismatch(f, s) for f, s in zip(cases["form"], cases["sanction"])],
                     index=cases.index, dtype=bool)
    return flag(cases, mask, lambda r: f"案件{r['case_id']}：处理结果“{str(r['sanction']).strip()}”属于"
                f"{'、'.join(sorted(form_of_sanction(str(r['sanction']).strip())))}，与所填{r['form']}不符",
                id_column="id", unit_column="unit")


CHECKS = [
    Check("clues.overdue", AREA, "clues", "medium", "线索超期未办结", clues_overdue),
    Check("clues.closed_without_disposition", AREA, "clues", "low", "线索办结未填处置方式",
          clues_closed_without_disposition),
    Check("cases.form_sanction_mismatch", AREA, "cases", "low", "处理结果与形态不符", cases_form_sanction_mismatch),
]


def _clues(ctx: Context) -> pd.DataFrame:
    return ctx.data["clues"]


def _cases(ctx: Context) -> pd.DataFrame:
    return ctx.data["cases"]


def _closed(ctx: Context) -> int:
    return int((_clues(ctx)["status"] == "已办结").sum())


def _sanctioned(ctx: Context) -> int:
    return int(_cases(ctx)["sanction"].str.strip().isin(DISCIPLINARY_SANCTIONS).sum())


INDICATORS = [
    Indicator("cases.clues.received", "受理问题线索（件）", ("clues",), lambda ctx, f: len(_clues(ctx)), "件"),
    Indicator("cases.clues.closed", "办结问题线索（件）", ("clues",), lambda ctx, f: _closed(ctx), "件"),
    Indicator("cases.clues.verification_rate", "线索核查率", ("clues",),
              lambda ctx, f: rate(_closed(ctx), len(_clues(ctx))), "%"),
    Indicator("cases.cases", "立案（起）", ("cases",), lambda ctx, f: _cases(ctx)["case_id"].nunique(), "起"),
    Indicator("cases.persons", "处理（人）", ("cases",), lambda ctx, f: len(_cases(ctx)), "人"),
    Indicator("cases.sanctioned", "党纪政务处分（人）", ("cases",), lambda ctx, f: _sanctioned(ctx), "人"),
    Indicator("cases.first_form", "第一种形态（人）", ("cases",),
              lambda ctx, f: int((_cases(ctx)["form"] == "第一种形态").sum()), "人"),
    Indicator("cases.accountability", "问责（人）", ("cases",),
              lambda ctx, f: int(_cases(ctx)["accountability"].fillna(False).sum()), "人"),
]


# ---- tables for the notebook ------------------------------------------------------------------

def clue_funnel(clues: pd.DataFrame) -> pd.DataFrame:
    """Clues by source: received, in verification, closed, and 核查率 (closed / received).

    >>> df = pd.DataFrame({"source": ["信访举报", "信访举报", "巡视巡察"], "status": ["已办结", "核查中", "未办理"]})
    >>> clue_funnel(df).loc["信访举报", ["受理", "核查中", "已办结", "核查率"]].tolist()
    [2.0, 1.0, 1.0, 0.5]
    """
    counts = pd.crosstab(clues["source"], clues["status"])
    table = pd.DataFrame({
        "受理": counts.sum(axis=1),
        "未办理": counts.get("未办理", 0),
        "核查中": counts.get("核查中", 0),
        "已办结": counts.get("已办结", 0),
    })
    table = table.reindex([s for s in CLUE_SOURCES if s in table.index])
    table["核查率"] = table["已办结"] / table["受理"]
    return table.rename_axis("来源").astype({c: "int64" for c in ("受理", "未办理", "核查中", "已办结")})


def disposition_mix(clues: pd.DataFrame) -> pd.Series:
    """Closed clues by disposition (未填 for empty)."""
    closed = clues[clues["status"] == "已办结"]
    return closed["disposition"].fillna("未填").value_counts().rename_axis("处置方式").rename("件数")


def overdue_clues(clues: pd.DataFrame, as_of: pd.Timestamp, days_max: int) -> pd.DataFrame:
    """Open clues older than the limit, most overdue first, with days outstanding."""
    open_clues = clues[clues["status"] != "已办结"].assign(days=(as_of - clues["received_on"]).dt.days)
    late = open_clues[open_clues["days"] > days_max].sort_values("days", ascending=False)
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
