"""津补贴 tables the notebook shows: amount by unit and item against the catalog cap, items outside the
catalog, payments after leaving, duplicates, and the headline lines.

Each table selects its rows with the same mask as the matching check, so tables and findings agree.
Money in 元.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.areas.allowances.catalog import (
    catalog_rows, group_keys, group_sums, not_in_catalog_mask, over_cap, unit_not_eligible_mask)
from toolkit.areas.allowances.payments import after_leave_mask, duplicate_mask, leaver_rows
from toolkit.datasets import DATASETS
from toolkit.formatting import number
from toolkit.ingest.validate import empty_frame

__all__ = ["empty_allowances", "allowances_frame", "by_unit_item", "outside_catalog", "over_cap_rows",
           "after_leave_rows", "duplicate_rows", "headline"]

AMOUNT = "金额（元）"
PAYMENT_COLUMNS = {"id": "编号", "name": "姓名", "unit": "单位", "month": "月份", "item": "项目", "amount": AMOUNT}


def empty_allowances() -> pd.DataFrame:
    """An allowances frame with no rows and the accepted dtypes."""
    return empty_frame(DATASETS["allowances"])


def allowances_frame(analysis: Any) -> pd.DataFrame:
    """The round's allowances frame, or an empty one when the round has no 津补贴发放 file."""
    return analysis.frame_or_empty("allowances")


def _payments(rows: pd.DataFrame) -> pd.DataFrame:
    out = rows[list(PAYMENT_COLUMNS)].rename(columns=PAYMENT_COLUMNS)
    return out.assign(月份=out["月份"].dt.strftime("%Y-%m")).reset_index(drop=True)


def by_unit_item(allowances: pd.DataFrame, catalog: pd.DataFrame | None) -> pd.DataFrame:
    """Per unit and item (same names together, shown as first written): payments, people, amount, the catalog's monthly cap, groups over it, rows outside
    the catalog; sorted by amount (largest first).

    >>> pay = pd.DataFrame({"name": ["张三", "李四"], "unit": ["县财政局"] * 2, "item": ["岗位津贴"] * 2,
    ...     "month": pd.to_datetime(["2020-03-01"] * 2), "amount": [500.0, 700.0]})
    >>> cat = pd.DataFrame({"item": ["岗位津贴"], "monthly_cap": [600.0], "units": [None]})
    >>> by_unit_item(pay, cat).to_dict("records")
    [{'单位': '县财政局', '项目': '岗位津贴', '笔数': 2, '人数': 2, '金额（元）': 1200.0, '清单标准（元/人·月）': 600.0, '超标准笔数': 1, '在清单内': '是'}]
    """
    folds = group_keys(allowances)       # each text column folded once
    frame = allowances.assign(_person=folds["name"])
    if catalog is None:
        frame = frame.assign(_cap=float("nan"), _over=False, _listed="—")
    else:
        cap = catalog_rows(allowances, catalog)
        frame = frame.assign(_cap=cap["monthly_cap"], _over=over_cap(cap["monthly_cap"], group_sums(allowances, folds)),
                             _listed=cap["listed"].map({True: "是", False: "否"}))
    keys = [folds["unit"].rename("_u"), folds["item"].rename("_i")]
    out = frame.groupby(keys, sort=False).agg(
        单位=("unit", "first"), 项目=("item", "first"), 笔数=("amount", "size"), 人数=("_person", "nunique"),
        金额=("amount", "sum"), 标准=("_cap", "first"), 超标准笔数=("_over", "sum"),
        在清单内=("_listed", "first")).reset_index(drop=True)
    out = out.rename(columns={"金额": AMOUNT, "标准": "清单标准（元/人·月）"})
    out["超标准笔数"] = out["超标准笔数"].astype("int64")
    return out.sort_values(AMOUNT, ascending=False, kind="stable").reset_index(drop=True)


def outside_catalog(allowances: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """Items paid that are not in the catalog (allowance.not_in_catalog): per item, payments, units, amount."""
    rows = allowances[not_in_catalog_mask(allowances, catalog)]
    out = rows.groupby("item", sort=False).agg(
        笔数=("amount", "size"), 单位=("unit", lambda s: "、".join(dict.fromkeys(s))), 金额=("amount", "sum"))
    out = out.reset_index().rename(columns={"item": "项目", "金额": AMOUNT})
    return out.sort_values(AMOUNT, ascending=False, kind="stable").reset_index(drop=True)


def over_cap_rows(allowances: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """The payments of allowance.over_cap, with the month's total and the cap; and of unit_not_eligible."""
    cap, sums = catalog_rows(allowances, catalog), group_sums(allowances)
    mask = over_cap(cap["monthly_cap"], sums) | unit_not_eligible_mask(allowances, catalog, cap)
    out = _payments(allowances[mask])
    out["当月合计（元）"] = sums[mask].to_numpy()
    out["清单标准（元/人·月）"] = cap.loc[mask, "monthly_cap"].to_numpy()
    out["适用单位"] = cap.loc[mask, "units"].to_numpy()
    return out


def after_leave_rows(allowances: pd.DataFrame, staff: pd.DataFrame) -> pd.DataFrame:
    """The payments of allowance.after_leave, with the person's status and the day they left."""
    mask = after_leave_mask(allowances, staff)
    left = leaver_rows(allowances, staff)[mask]
    out = _payments(allowances[mask])
    out["人员状态"] = left["status"].to_numpy()
    out["离岗日期"] = left["left_on"].dt.strftime("%Y-%m-%d").to_numpy()
    return out


def duplicate_rows(allowances: pd.DataFrame) -> pd.DataFrame:
    """The payments of allowance.duplicate, grouped together."""
    rows = allowances[duplicate_mask(allowances)]
    return _payments(rows.sort_values(["unit", "name", "month", "item"], kind="stable"))


def headline(allowances: pd.DataFrame, indicators: dict[str, Any], findings: pd.DataFrame) -> list[str]:
    """The notebook's pinned lines: payments, amount, and the findings of each check."""
    lines = [f"津补贴发放 {len(allowances)} 笔，金额 {number(indicators.get('allowances.amount'))} 元"]
    outside = indicators.get("allowances.outside_catalog_amount")
    lines.append("清单外发放金额：" + ("未提供津补贴清单" if outside is None else f"{number(outside)} 元"))
    counts = findings["check_id"].value_counts()
    for check_id in ("allowance.not_in_catalog", "allowance.unit_not_eligible", "allowance.over_cap",
                     "allowance.duplicate", "allowance.after_leave"):
        lines.append(f"{check_id}：{int(counts.get(check_id, 0))} 条")
    return lines
