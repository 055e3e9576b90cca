"""整改台账 tables the notebook and the bulletin show: completion by aspect, problem, unit and leader,
the kind mix, and the lists behind each rule (overdue, 三色预警, unsigned closures, stalled, regressed).

Every list is built from the same mask or table as its check, so a list and
the findings always agree.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from toolkit.areas.ledger.common import DONE, KINDS, NO_LEADER, NO_UNIT, STATUSES, unit_names
from toolkit.areas.ledger.early_warning import LEVEL_ORDER, days_left, with_warnings
from toolkit.areas.ledger.measures import closed_without_signoff_mask, missing_signoff, missing_text, overdue_mask
from toolkit.areas.ledger.progress import regression_table, stalled_table
from toolkit.formatting import cn_date, is_empty, short

__all__ = [
    "MEASURE_HEADERS", "warning_list", "overdue_list", "unsigned_closures", "stalled_list", "regressed_list",
    "completion_by_aspect", "completion_by_problem", "completion_by_unit", "completion_by_leader", "kind_mix",
]

MEASURE_HEADERS = {"measure_id": "措施编号", "aspect_no": "方面序号", "problem_no": "问题序号", "problem": "问题",
                   "measure": "整改措施", "lead_leader": "牵头领导", "units": "责任单位", "kind": "整改类型",
                   "deadline": "完成时限", "status": "整改状态", "completed_on": "完成日期"}
LIST_COLUMNS = ["measure_id", "measure", "units", "lead_leader", "deadline", "status"]


def _short40(text: Any) -> str:
    return short(text, 40)


def measure_view(ledger: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Some ledger columns with Chinese headers, 整改措施 cut to 40 characters, index 0…n-1."""
    view = ledger[columns].rename(columns=MEASURE_HEADERS)
    if "整改措施" in view:
        view = view.assign(整改措施=view["整改措施"].map(_short40))
    return view.reset_index(drop=True)


# ---- the lists behind the rules -----------------------------------------------------------------

def warning_list(ledger: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """Measures with a warning, 红 first then by days left, with 剩余天数 (negative = overdue)."""
    warned = with_warnings(ledger, as_of).assign(剩余天数=days_left(ledger, as_of))
    warned = warned[warned["预警"] != ""]
    warned = warned.assign(_order=warned["预警"].map(LEVEL_ORDER))
    warned = warned.sort_values(["_order", "剩余天数"], kind="stable")
    view = measure_view(warned, LIST_COLUMNS)
    return view.assign(预警=warned["预警"].to_numpy(), 剩余天数=warned["剩余天数"].to_numpy())


def overdue_list(ledger: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """ledger.overdue's measures, most overdue first, with 逾期天数."""
    late = ledger[overdue_mask(ledger, as_of)]
    late = late.assign(逾期天数=(-days_left(late, as_of)).astype("Int64")).sort_values("逾期天数", ascending=False,
                                                                                    kind="stable")
    view = measure_view(late, LIST_COLUMNS)
    return view.assign(逾期天数=late["逾期天数"].to_numpy())


def unsigned_closures(ledger: pd.DataFrame) -> pd.DataFrame:
    """Measures marked 已完成 whose 销号 lacks a signer, a date or evidence, with what is missing."""
    mask = closed_without_signoff_mask(ledger)
    lacking = missing_text(missing_signoff(ledger))[mask]
    view = measure_view(ledger[mask], ["measure_id", "measure", "units", "completed_on"])
    return view.assign(缺少=lacking.to_numpy())


def _measure_info(ledger: pd.DataFrame, ids: pd.Series) -> dict[str, pd.Series]:
    info = ledger.set_index("measure_id")
    return {"措施编号": ids, "整改措施": ids.map(info["measure"]).map(_short40), "责任单位": ids.map(info["units"])}


def stalled_list(ledger: pd.DataFrame, progress: pd.DataFrame, as_of: Any, weeks: int) -> pd.DataFrame:
    """ledger.stalled's measures for display (敷衍整改的迹象)."""
    table = stalled_table(ledger, progress, as_of, weeks)
    return pd.DataFrame({
        **_measure_info(ledger, table["measure_id"]),
        "停滞起始周报": table["from"].map(cn_date),
        "最近周报": table["to"].map(cn_date),
        "重复的进展说明": table["note"].where(table["note"] != "", "（未填写）"),
        "周报次数": table["reports"],
    })


def regressed_list(ledger: pd.DataFrame, progress: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """ledger.regressed's measures for display (反弹)."""
    table = regression_table(progress, as_of, ledger["measure_id"])
    return pd.DataFrame({
        **_measure_info(ledger, table["measure_id"]),
        "已完成周报": table["completed_week"].map(cn_date),
        "反弹周报": table["relapse_week"].map(cn_date),
        "反弹后状态": table["relapse_status"],
        "台账状态": table["measure_id"].map(ledger.set_index("measure_id")["status"]),
    })


# ---- completion tables ------------------------------------------------------------------------

def _completion(status: pd.Series, key: pd.Series, name: str, order: pd.Series | None = None) -> pd.DataFrame:
    """Measures per key by status (``key`` and ``status`` row by row, by position), with 措施数 and 完成率;
    keys sorted, or in ``order`` when given (absent keys dropped)."""
    pairs = pd.DataFrame({"key": key.reset_index(drop=True), "status": status.reset_index(drop=True)})
    counts = pairs.groupby(["key", "status"]).size().unstack(fill_value=0) \
        .reindex(columns=list(STATUSES), fill_value=0)   # crosstab's counts, without its per-group Python len
    table = pd.DataFrame({"措施数": counts.sum(axis=1), **{s: counts[s] for s in STATUSES}})
    table = table.astype("int64")
    table["完成率"] = table[DONE] / table["措施数"]
    if order is not None:
        order = order.drop_duplicates()
        table = table.reindex(order[order.isin(table.index)].to_numpy())
    return table.rename_axis(name)


def completion_by_aspect(ledger: pd.DataFrame) -> pd.DataFrame:
    """Measures per aspect by status, with 完成率; index '1.方面名称', in aspect order."""
    labels = ledger["aspect_no"].astype("str") + "." + ledger["aspect"].fillna("")
    order = labels[ledger.sort_values("aspect_no", kind="stable").index]
    return _completion(ledger["status"], labels, "方面", order)


def completion_by_problem(ledger: pd.DataFrame) -> pd.DataFrame:
    """Measures per problem by status, with 完成率; index '（n）问题', in problem order."""
    labels = "（" + ledger["problem_no"].astype("str") + "）" + ledger["problem"].fillna("")
    order = labels[ledger.sort_values("problem_no", kind="stable").index]
    return _completion(ledger["status"], labels, "问题", order)


def completion_by_unit(ledger: pd.DataFrame) -> pd.DataFrame:
    """Measures per responsible unit (a measure with several units counts for each), most measures first.

    A measure with no unit named counts for （未明确）.
    """
    positions = np.arange(len(ledger))
    names = unit_names(ledger["units"].set_axis(positions))
    unnamed = np.setdiff1d(positions, names.index.to_numpy())
    names = pd.concat([names, pd.Series(NO_UNIT, index=unnamed, dtype="str")])
    status = pd.Series(ledger["status"].to_numpy()[names.index.to_numpy()])
    table = _completion(status, names.reset_index(drop=True), "责任单位")
    return table.sort_values(["措施数", "完成率"], ascending=[False, True], kind="stable")


def completion_by_leader(ledger: pd.DataFrame) -> pd.DataFrame:
    """Measures per lead leader (empty → （未明确）), most measures first."""
    leaders = ledger["lead_leader"].str.strip().where(~is_empty(ledger["lead_leader"]), NO_LEADER)
    table = _completion(ledger["status"], leaders, "牵头领导")
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
