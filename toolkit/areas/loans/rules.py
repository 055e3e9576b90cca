"""财园信贷通 rules: one mask per rule, shared by the checks, the indicators and the notebook tables.

contract/checks.md's ``loans`` section, implemented exactly (money compared in cents, 万元 × 10000 first):

* ``loans.low_tax`` — tax_last_year set and < ``loan_tax_min`` 万元;
* ``loans.risk_flag`` — safety_issue or env_issue is true;
* ``loans.non_entity_new`` — is_entity is false and renewal is not true;
* ``loans.non_entity_not_reduced`` — is_entity is false, renewal is true, previous_amount set and
  amount ≥ previous_amount (续贷未压降).

unit: the company. amount: the loan amount in 元 (amount × 10000). record_id: id.
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.loans.common import AREA, WAN, is_false, is_true
from toolkit.checks.base import Check, Context, cents, flag
from toolkit.formatting import number, ymd

__all__ = ["low_tax_mask", "risk_flag_mask", "non_entity_new_mask", "not_reduced_mask", "loans_low_tax",
           "loans_risk_flag", "loans_non_entity_new", "loans_non_entity_not_reduced", "CHECKS", "CHECK_TITLES",
           "rule_masks"]


def low_tax_mask(loans: pd.DataFrame, tax_min: float) -> pd.Series:
    """loans.low_tax: tax_last_year set and below ``tax_min`` 万元, in cents.

    >>> low_tax_mask(pd.DataFrame({"tax_last_year": [9.999999, 9.9999999, 10.0, None]}), 10).tolist()
    [True, False, False, False]
    """
    limit = cents(pd.Series([float(tax_min)]), WAN).iloc[0]
    return (cents(loans["tax_last_year"], WAN) < limit).fillna(False).astype(bool)


def risk_flag_mask(loans: pd.DataFrame) -> pd.Series:
    """loans.risk_flag: a safety hazard or an environmental failure."""
    return is_true(loans["safety_issue"]) | is_true(loans["env_issue"])


def non_entity_new_mask(loans: pd.DataFrame) -> pd.Series:
    """loans.non_entity_new: is_entity false and renewal not true (a new loan to a non-entity firm)."""
    return is_false(loans["is_entity"]) & ~is_true(loans["renewal"])


def not_reduced_mask(loans: pd.DataFrame) -> pd.Series:
    """loans.non_entity_not_reduced: a non-entity renewal at or above its previous amount (in cents)."""
    kept = cents(loans["amount"], WAN) >= cents(loans["previous_amount"], WAN)
    return is_false(loans["is_entity"]) & is_true(loans["renewal"]) & kept.fillna(False).astype(bool)


def _head(row: pd.Series) -> str:
    return f"{row['company']}于{ymd(row['date'])}获贷{number(row['amount'], 4)}万元（编号{row['id']}）"


def loans_low_tax(ctx: Context) -> pd.DataFrame:
    loans = ctx.data["loans"]
    tax_min = ctx.thresholds.loan_tax_min
    return flag(loans, low_tax_mask(loans, tax_min),
                lambda r: f"{_head(r)}，上年纳税{number(r['tax_last_year'], 4)}万元，低于{number(tax_min)}万元的准入标准",
                id_column="id", unit_column="company", amount=loans["amount"] * WAN)


def loans_risk_flag(ctx: Context) -> pd.DataFrame:
    loans = ctx.data["loans"]

    def message(row: pd.Series) -> str:
        issues = [w for c, w in (("safety_issue", "存在安全隐患"), ("env_issue", "环保不达标"))
                  if pd.notna(row[c]) and bool(row[c])]
        return f"{_head(row)}，该企业{'且'.join(issues)}，不应获得财园信贷通贷款"

    return flag(loans, risk_flag_mask(loans), message, id_column="id", unit_column="company",
                amount=loans["amount"] * WAN)


def loans_non_entity_new(ctx: Context) -> pd.DataFrame:
    loans = ctx.data["loans"]
    return flag(loans, non_entity_new_mask(loans), lambda r: f"{_head(r)}，该企业为非实体企业，且非续贷（新增贷款）",
                id_column="id", unit_column="company", amount=loans["amount"] * WAN)


def loans_non_entity_not_reduced(ctx: Context) -> pd.DataFrame:
    loans = ctx.data["loans"]
    return flag(loans, not_reduced_mask(loans),
                lambda r: f"{_head(r)}，该企业为非实体企业，续贷金额不低于上次的{number(r['previous_amount'], 4)}万元，"
                          f"未按要求压降",
                id_column="id", unit_column="company", amount=loans["amount"] * WAN)


CHECKS = [
    Check("loans.low_tax", AREA, "loans", "medium", "上年纳税低于准入标准", loans_low_tax, params=("loan_tax_min",)),
    Check("loans.risk_flag", AREA, "loans", "high", "存在安全隐患或环保不达标的企业获贷", loans_risk_flag, params=()),
    Check("loans.non_entity_new", AREA, "loans", "high", "非实体企业新增贷款", loans_non_entity_new, params=()),
    Check("loans.non_entity_not_reduced", AREA, "loans", "medium", "非实体企业续贷未压降", loans_non_entity_not_reduced,
          params=()),
]
CHECK_TITLES = {c.id: c.title for c in CHECKS}


def rule_masks(loans: pd.DataFrame, tax_min: float) -> pd.DataFrame:
    """One bool column per loans check id."""
    return pd.DataFrame({"loans.low_tax": low_tax_mask(loans, tax_min), "loans.risk_flag": risk_flag_mask(loans),
                         "loans.non_entity_new": non_entity_new_mask(loans),
                         "loans.non_entity_not_reduced": not_reduced_mask(loans)}, index=loans.index)

