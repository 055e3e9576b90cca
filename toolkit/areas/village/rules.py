"""村级三资 rules (contract/checks.md ``village``): one mask per rule, shared by checks, indicators and tables.

* ``village.white_slip`` — direction = 支出 and receipt is 白条 or 无 (白条入账);
* ``village.income_to_personal`` — direction = 收入 and account = 个人 (公款私存);
* ``village.large_cash`` — 支出, cash true and amount > ``village_cash_max`` (大额现金支付);
* ``village.split_payment`` — among 支出 rows with payee not Empty and amount < ``village_approval_min``:
  two or more rows with the same town, village, payee (same names) and date whose amounts sum to
  ≥ ``village_approval_min``: every row of that group (拆分支出规避审批).

Amounts (and a group's sum of unrounded amounts) are compared in cents. Two Empty towns are the same
town. unit: the row's village; amount: the row's amount; record_id: id.
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.village.common import AREA, EXPENSE, INCOME, PERSONAL, WHITE_SLIPS, is_true, memo, place
from toolkit.checks.base import Check, Context, cents, flag
from toolkit.formatting import has_text, number, same_name_keys, ymd

__all__ = [
    "expense_mask", "white_slip_mask", "income_to_personal_mask", "cash_expense_mask", "large_cash_mask",
    "split_candidates_mask", "split_groups", "split_payment_mask", "village_white_slip",
    "village_income_to_personal", "village_large_cash", "village_split_payment", "CHECKS", "CHECK_TITLES",
]

SPLIT_KEYS = ["_town", "_village", "_payee", "date"]


def expense_mask(vf: pd.DataFrame) -> pd.Series:
    """direction = 支出."""
    return (vf["direction"] == EXPENSE).fillna(False).astype(bool)


def white_slip_mask(vf: pd.DataFrame) -> pd.Series:
    """支出 with receipt 白条 or 无."""
    return expense_mask(vf) & vf["receipt"].isin(WHITE_SLIPS)


def income_to_personal_mask(vf: pd.DataFrame) -> pd.Series:
    """收入 into a 个人 account."""
    return ((vf["direction"] == INCOME) & (vf["account"] == PERSONAL)).fillna(False).astype(bool)


def cash_expense_mask(vf: pd.DataFrame) -> pd.Series:
    """支出 paid in cash."""
    return expense_mask(vf) & is_true(vf["cash"])


def large_cash_mask(vf: pd.DataFrame, cash_max: float) -> pd.Series:
    """支出 in cash with amount > cash_max (in cents)."""
    return cash_expense_mask(vf) & (cents(vf["amount"]) > cents(cash_max)).fillna(False).astype(bool)


def split_candidates_mask(vf: pd.DataFrame, approval_min: float) -> pd.Series:
    """支出 rows with a payee and amount < approval_min (in cents): those a split may hide in."""
    below = (cents(vf["amount"]) < cents(approval_min)).fillna(False).astype(bool)
    return expense_mask(vf) & has_text(vf["payee"]) & below


def split_groups(vf: pd.DataFrame, approval_min: float) -> pd.DataFrame:
    """The candidate rows with their group's key, size and summed amount (元, unrounded) and a group number."""
    rows = vf[split_candidates_mask(vf, approval_min)]
    keyed = rows.assign(_town=same_name_keys(rows["town"]), _village=same_name_keys(rows["village"]),
                        _payee=same_name_keys(rows["payee"]))
    grouped = keyed.groupby(SPLIT_KEYS, sort=False, dropna=False)
    return keyed.assign(_size=grouped["amount"].transform("size"), _sum=grouped["amount"].transform("sum"),
                        _group=grouped.ngroup())


def split_payment_mask(vf: pd.DataFrame, approval_min: float) -> pd.Series:
    """Rows of a group of ≥ 2 candidates whose summed amount ≥ approval_min (in cents)."""
    groups = split_groups(vf, approval_min)
    hit = (groups["_size"] >= 2) & (cents(groups["_sum"]) >= cents(approval_min)).fillna(False).astype(bool)
    return pd.Series(vf.index.isin(hit[hit].index), index=vf.index)


def _flag(vf: pd.DataFrame, mask: pd.Series, message) -> pd.DataFrame:
    return flag(vf, mask, message, id_column="id", unit_column="village", amount="amount")


def village_white_slip(ctx: Context) -> pd.DataFrame:
    """支出 with receipt 白条 or 无."""
    vf = ctx.data["village_finance"]
    return _flag(vf, white_slip_mask(vf), lambda r: (
        f"{place(r)}{ymd(r['date'])}支出{number(r['amount'])}元（{memo(r)}），"
        f"票据类型为“{r['receipt']}”，以白条或无票据入账"))


def village_income_to_personal(ctx: Context) -> pd.DataFrame:
    """收入 into a 个人 account."""
    vf = ctx.data["village_finance"]
    return _flag(vf, income_to_personal_mask(vf), lambda r: (
        f"{place(r)}{ymd(r['date'])}收入{number(r['amount'])}元存入个人账户，涉嫌公款私存"))


def village_large_cash(ctx: Context) -> pd.DataFrame:
    """支出 in cash over village_cash_max."""
    vf = ctx.data["village_finance"]
    limit = ctx.thresholds.village_cash_max
    return _flag(vf, large_cash_mask(vf, limit), lambda r: (
        f"{place(r)}{ymd(r['date'])}以现金支付{number(r['amount'])}元，超过现金支付限额{number(limit)}元"))


def village_split_payment(ctx: Context) -> pd.DataFrame:
    """Same town, village, payee and date: several payments under the approval limit adding up to it."""
    vf = ctx.data["village_finance"]
    limit = ctx.thresholds.village_approval_min
    groups = split_groups(vf, limit)

    def message(r: pd.Series) -> str:
        g = groups.loc[r.name]
        return (f"{place(r)}{ymd(r['date'])}向{str(r['payee']).strip()}支付{int(g['_size'])}笔、合计"
                f"{number(g['_sum'])}元，单笔均低于{number(limit)}元的集体审批标准（本笔{number(r['amount'])}元），"
                "涉嫌拆分支出规避审批")

    return _flag(vf, split_payment_mask(vf, limit), message)


CHECKS = [
    Check("village.white_slip", AREA, "village_finance", "high", "白条入账", village_white_slip),
    Check("village.income_to_personal", AREA, "village_finance", "high", "收入存入个人账户（公款私存）",
          village_income_to_personal),
    Check("village.large_cash", AREA, "village_finance", "medium", "大额现金支付", village_large_cash,
          params=("village_cash_max",)),
    Check("village.split_payment", AREA, "village_finance", "medium", "拆分支出规避审批", village_split_payment,
          params=("village_approval_min",)),
]
CHECK_TITLES = {c.id: c.title for c in CHECKS}
