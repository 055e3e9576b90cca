"""村级三资 tables the notebook shows: income and expense by village and month, 白条 and cash share per
village, the split-payment groups, and the headline lines.

Each table selects its rows with the same masks as the checks (:mod:`toolkit.areas.village.rules`).
Money in 元.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.areas.village.common import EXPENSE, INCOME
from toolkit.areas.village.rules import (
    cash_expense_mask, expense_mask, income_to_personal_mask, large_cash_mask, split_groups, split_payment_mask,
    white_slip_mask)
from toolkit.datasets import DATASETS
from toolkit.formatting import number, pct
from toolkit.ingest.validate import empty_frame

__all__ = ["empty_village", "village_frame", "monthly_flows", "monthly_totals", "village_shares",
           "split_payment_groups", "headline"]


def empty_village() -> pd.DataFrame:
    """A village_finance frame with no rows (for a round without the file)."""
    return empty_frame(DATASETS["village_finance"])


def village_frame(analysis: Any) -> pd.DataFrame:
    """The round's village_finance frame, or an empty one."""
    return analysis.frame_or_empty("village_finance")


def _label(vf: pd.DataFrame) -> pd.Series:
    """乡镇·村 as written (town left out when missing)."""
    town = vf["town"].fillna("").astype("str").str.strip()
    village = vf["village"].astype("str").str.strip()
    return (town + "·" + village).str.lstrip("·")


def monthly_flows(vf: pd.DataFrame) -> pd.DataFrame:
    """收入 and 支出 (元) per village and month, one row each.

    >>> df = pd.DataFrame({"town": ["白鹭镇"] * 3, "village": ["桃花村"] * 3, "direction": ["收入", "支出", "支出"],
    ...                    "amount": [100.0, 30.0, 20.0], "date": pd.to_datetime(["2020-01-05", "2020-01-09", "2020-02-01"])})
    >>> monthly_flows(df).to_dict("records")[0]
    {'村': '白鹭镇·桃花村', '月份': '2020-01', '收入（元）': 100.0, '支出（元）': 30.0}
    """
    frame = pd.DataFrame({"村": _label(vf), "月份": vf["date"].dt.strftime("%Y-%m"), "direction": vf["direction"],
                          "amount": vf["amount"]})
    table = frame.pivot_table(index=["村", "月份"], columns="direction", values="amount", aggfunc="sum",
                              fill_value=0.0).reindex(columns=[INCOME, EXPENSE], fill_value=0.0)
    table.columns = ["收入（元）", "支出（元）"]
    return table.reset_index().astype({"收入（元）": "float64", "支出（元）": "float64"})


def monthly_totals(vf: pd.DataFrame) -> pd.DataFrame:
    """收入 and 支出 (元) of all villages per month, months in order (the chart's table)."""
    flows = monthly_flows(vf)
    return flows.groupby("月份", sort=True)[["收入（元）", "支出（元）"]].sum()


def village_shares(vf: pd.DataFrame, cash_max: float) -> pd.DataFrame:
    """Per village: 支出, 白条 amount and share, cash amount and share, large cash payments, income into
    personal accounts; villages with the largest 白条 share first."""
    frame = pd.DataFrame({
        "村": _label(vf),
        "支出（元）": vf["amount"].where(expense_mask(vf), 0.0),
        "白条（元）": vf["amount"].where(white_slip_mask(vf), 0.0),
        "现金支出（元）": vf["amount"].where(cash_expense_mask(vf), 0.0),
        "大额现金（笔）": large_cash_mask(vf, cash_max).astype("int64"),
        "收入存个人（元）": vf["amount"].where(income_to_personal_mask(vf), 0.0),
    })
    table = frame.groupby("村", sort=True).sum()
    spent = table["支出（元）"].where(table["支出（元）"] > 0)
    table.insert(2, "白条占比", table["白条（元）"] / spent)
    table.insert(4, "现金占比", table["现金支出（元）"] / spent)
    return table.sort_values(["白条占比", "现金占比"], ascending=False, na_position="last").reset_index()


def split_payment_groups(vf: pd.DataFrame, approval_min: float) -> pd.DataFrame:
    """The rows village.split_payment flags, one block per group (group number, voucher, payee, amounts)."""
    groups = split_groups(vf, approval_min)
    rows = groups[split_payment_mask(vf, approval_min)[groups.index]]
    numbers = pd.factorize(rows["_group"])[0] + 1
    return pd.DataFrame({
        "组": numbers, "村": _label(rows).to_numpy(), "日期": rows["date"].dt.strftime("%Y-%m-%d").to_numpy(),
        "收款方": rows["payee"].to_numpy(), "凭证号": rows["id"].to_numpy(), "金额（元）": rows["amount"].to_numpy(),
        "组合计（元）": rows["_sum"].to_numpy(), "摘要": rows["memo"].to_numpy()})


def headline(vf: pd.DataFrame, cash_max: float, approval_min: float) -> list[str]:
    """The notebook's pinned lines: vouchers, income and expense, 白条, cash share, split groups."""
    spent = float(vf.loc[expense_mask(vf), "amount"].sum())
    white = float(vf.loc[white_slip_mask(vf), "amount"].sum())
    cash = float(vf.loc[cash_expense_mask(vf), "amount"].sum())
    split = split_payment_groups(vf, approval_min)
    return [
        f"凭证 {len(vf)} 张，涉及 {_label(vf).nunique()} 个村",
        f"收入 {number(vf.loc[vf['direction'] == INCOME, 'amount'].sum())} 元，支出 {number(spent)} 元",
        f"白条入账 {int(white_slip_mask(vf).sum())} 笔 {number(white)} 元（占支出 {pct(white / spent if spent else None)}）",
        f"现金支出占比 {pct(cash / spent if spent else None)}，超过 {number(cash_max)} 元的现金支付 "
        f"{int(large_cash_mask(vf, cash_max).sum())} 笔",
        f"收入存入个人账户 {int(income_to_personal_mask(vf).sum())} 笔",
        f"疑似拆分支出 {split['组'].nunique()} 组 {len(split)} 笔",
    ]
