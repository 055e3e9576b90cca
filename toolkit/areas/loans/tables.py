"""财园信贷通 tables the notebook shows: amount by entity / non-entity, renewals not reduced, the risk flags
of every flagged loan, and the headline lines. Amounts in 万元 (the file's unit).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.areas.loans.common import ENTITY, NON_ENTITY, UNKNOWN, entity_class, is_true
from toolkit.areas.loans.rules import CHECK_TITLES, not_reduced_mask, rule_masks
from toolkit.datasets import DATASETS
from toolkit.formatting import number, pct
from toolkit.ingest.validate import empty_frame

__all__ = ["empty_loans", "loans_frame", "by_entity", "renewals", "risk_flags", "headline", "AMOUNT_COL"]

AMOUNT_COL = "金额（万元）"
SHORT = {"loans.low_tax": "纳税低于标准", "loans.risk_flag": "安全或环保问题", "loans.non_entity_new": "非实体新增",
         "loans.non_entity_not_reduced": "续贷未压降"}


def empty_loans() -> pd.DataFrame:
    """A loans frame with no rows and the accepted dtypes."""
    return empty_frame(DATASETS["loans"])


def loans_frame(analysis: Any) -> pd.DataFrame:
    """The round's loans frame, or an empty one."""
    return analysis.frame_or_empty("loans")


def by_entity(loans: pd.DataFrame) -> pd.DataFrame:
    """笔数, 金额（万元） and share of the amount for 实体企业 / 非实体企业 / 未填报, with 合计.

    >>> df = pd.DataFrame({"amount": [100.0, 300.0], "is_entity": pd.array([True, False], dtype="boolean")})
    >>> by_entity(df)["金额占比"].tolist()
    [0.25, 0.75, 0.0, 1.0]
    """
    grouped = loans.groupby(entity_class(loans))["amount"].agg(["size", "sum"]).reindex(
        [ENTITY, NON_ENTITY, UNKNOWN], fill_value=0)
    grouped.loc["合计"] = [len(loans), float(loans["amount"].sum())]
    total = float(loans["amount"].sum())
    table = pd.DataFrame({"笔数": grouped["size"].astype("int64"), AMOUNT_COL: grouped["sum"].astype("float64")})
    table["金额占比"] = table[AMOUNT_COL] / total if total else float("nan")
    return table.rename_axis("企业类型")


def renewals(loans: pd.DataFrame) -> pd.DataFrame:
    """Every renewal with its previous amount, the change, and 未压降 for loans.non_entity_not_reduced's rows."""
    rows = loans[is_true(loans["renewal"])]
    table = pd.DataFrame({
        "编号": rows["id"], "企业": rows["company"], "企业类型": entity_class(rows), "放贷日期": rows["date"],
        "上次金额（万元）": rows["previous_amount"], "本次金额（万元）": rows["amount"],
        "变化（万元）": rows["amount"] - rows["previous_amount"], "未压降": not_reduced_mask(rows),
    })
    return table.sort_values(["未压降", "企业类型", "编号"], ascending=[False, True, True], kind="stable") \
        .reset_index(drop=True)


def risk_flags(loans: pd.DataFrame, tax_min: float) -> pd.DataFrame:
    """Every loan with at least one finding: one bool column per rule, in loan-id order."""
    masks = rule_masks(loans, tax_min)
    keep = masks.any(axis=1)
    rows = loans[keep]
    table = pd.DataFrame({"编号": rows["id"], "企业": rows["company"], "放贷日期": rows["date"],
                          AMOUNT_COL: rows["amount"], "上年纳税（万元）": rows["tax_last_year"]})
    table = table.join(masks[keep].rename(columns=SHORT))
    table["疑点数"] = masks[keep].sum(axis=1).astype("int64")
    return table.sort_values(["疑点数", "编号"], ascending=[False, True], kind="stable").reset_index(drop=True)


def headline(loans: pd.DataFrame | None, findings: pd.DataFrame, tax_min: float) -> list[str]:
    """Plain lines for the notebook's pinned headline cell."""
    if loans is None:
        return ["本轮未提供财园信贷通数据（财园信贷通.csv），信贷指标为空。"]
    entity = by_entity(loans)
    masks = rule_masks(loans, tax_min)
    lines = [f"财园信贷通贷款{len(loans)}笔，{number(loans['amount'].sum())}万元，涉及{loans['company'].nunique()}家企业；",
             f"其中非实体企业{int(entity.at[NON_ENTITY, '笔数'])}笔，{number(entity.at[NON_ENTITY, AMOUNT_COL])}万元"
             f"（占{pct(entity.at[NON_ENTITY, '金额占比'], 1)}）；"]
    for check_id, title in CHECK_TITLES.items():
        flagged = masks[check_id]
        lines.append(f"  {title}：{int(flagged.sum())}笔，{number(loans.loc[flagged, 'amount'].sum())}万元")
    any_flag = masks.any(axis=1)
    lines.append(f"存在疑点的贷款合计{int(any_flag.sum())}笔，{number(loans.loc[any_flag, 'amount'].sum())}万元")
    return lines
