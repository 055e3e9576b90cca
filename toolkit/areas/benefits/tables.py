"""惠民惠农补贴 tables the notebook shows: matches with staff and deaths, duplicate payments, bad ID numbers,
amounts at stake, and the headline lines.

Personal data are MASKED BY DEFAULT (name as 张*, ID number as 3622**********1234, through
:mod:`toolkit.report.mask`); ``masked=False`` shows them in full for the analyst's own machine.
Each table selects its rows with the same mask as the matching check. Money in 元.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from toolkit.areas.benefits.idnumber import id_problem
from toolkit.areas.benefits.matching import (
    after_death_mask, death_dates, duplicate_mask, lookup, staff_recipient_mask)
from toolkit.formatting import number
from toolkit.report.mask import mask_findings, mask_name, mask_value
from toolkit.datasets import DATASETS
from toolkit.ingest.validate import empty_frame

__all__ = ["only_found", "empty_benefits", "benefits_frame", "masked_findings", "masked_people", "payment_rows", "staff_matches", "death_matches", "duplicate_rows", "bad_id_rows",
           "by_type", "at_stake", "headline"]

AMOUNT = "金额（元）"
COLUMNS = {"id": "编号", "name": "姓名", "id_number": "身份证号", "type": "补贴类型", "month": "月份",
           "amount": AMOUNT, "town": "乡镇", "village": "村"}


def only_found(rows: pd.DataFrame, findings: pd.DataFrame, check_id: str) -> pd.DataFrame:
    """The rows of a table (编号 first) that ``check_id`` flagged: in a masked run the lists are crossed on
    masked numbers, so a table recomputed there keeps only what the checks found on the real ones.

    >>> f = pd.DataFrame({"check_id": ["benefit.duplicate"], "record_id": ["B2"]})
    >>> only_found(pd.DataFrame({"编号": ["B1", "B2"]}), f, "benefit.duplicate")["编号"].tolist()
    ['B2']
    """
    ids = findings.loc[findings["check_id"] == check_id, "record_id"]
    return rows[rows["编号"].isin(ids)].reset_index(drop=True)


def empty_benefits() -> pd.DataFrame:
    """A benefits frame with no rows and the accepted dtypes."""
    return empty_frame(DATASETS["benefits"])


def benefits_frame(analysis: Any) -> pd.DataFrame:
    """The round's benefits frame, or an empty one when the round has no 惠民惠农补贴发放 file."""
    return analysis.frame_or_empty("benefits")


def masked_findings(findings: pd.DataFrame, *people: pd.DataFrame | None) -> pd.DataFrame:
    """Findings (any text columns) with the names of the given lists and every ID number masked.

    >>> f = pd.DataFrame({"说明": ["张三2020年3月低保"]})
    >>> masked_findings(f, pd.DataFrame({"name": ["张三"]}), None)["说明"].tolist()
    ['张*2020年3月低保']
    """
    names = {n for frame in people if frame is not None and "name" in frame.columns
             for n in frame["name"].dropna().unique()}
    return mask_findings(findings, names)


def masked_people(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with names as 张* and ID numbers as 3622**********1234.

    >>> masked_people(pd.DataFrame({"name": ["张三"], "id_number": ["362201199001011234"]})).iloc[0].tolist()
    ['张*', '3622**********1234']
    """
    out = frame.copy()
    for column, mask in (("name", mask_name), ("id_number", mask_value)):
        if column in out.columns:
            out[column] = out[column].map(lambda v: mask(v) if isinstance(v, str) and v else v)
    return out


def payment_rows(rows: pd.DataFrame, masked: bool = True) -> pd.DataFrame:
    """Benefit payments with Chinese headers, months as 2020-03, personal data masked unless told."""
    rows = masked_people(rows) if masked else rows
    out = rows[list(COLUMNS)].rename(columns=COLUMNS)
    return out.assign(月份=out["月份"].dt.strftime("%Y-%m")).reset_index(drop=True)


def staff_matches(benefits: pd.DataFrame, staff: pd.DataFrame, types: Iterable[str],
                  masked: bool = True) -> pd.DataFrame:
    """benefit.staff_recipient: means-tested benefits paid to staff on duty, with their unit and role."""
    mask = staff_recipient_mask(benefits, staff, types)
    who = lookup(benefits, staff, ["unit", "role"])[mask]
    return payment_rows(benefits[mask], masked).assign(
        在职单位=who["unit"].to_numpy(), 身份=who["role"].to_numpy())


def death_matches(benefits: pd.DataFrame, deaths: pd.DataFrame, masked: bool = True) -> pd.DataFrame:
    """benefit.after_death: payments for months after the recipient's death."""
    mask = after_death_mask(benefits, deaths)
    died = death_dates(benefits, deaths)[mask]
    return payment_rows(benefits[mask], masked).assign(死亡日期=died.dt.strftime("%Y-%m-%d").to_numpy())


def duplicate_rows(benefits: pd.DataFrame, masked: bool = True) -> pd.DataFrame:
    """benefit.duplicate: the payments made twice or more, grouped together."""
    rows = benefits[duplicate_mask(benefits)].sort_values(["id_number", "type", "month"], kind="stable")
    return payment_rows(rows, masked)


def bad_id_rows(benefits: pd.DataFrame, as_of: pd.Timestamp, masked: bool = True) -> pd.DataFrame:
    """benefit.bad_id_number: the payments whose ID number fails the check, with the reason."""
    problem = id_problem(benefits["id_number"], as_of)
    return payment_rows(benefits[problem != ""], masked).assign(问题=problem[problem != ""].to_numpy())


def by_type(benefits: pd.DataFrame) -> pd.DataFrame:
    """Per benefit type: payments, recipients (distinct ID numbers), amount."""
    out = benefits.groupby("type", sort=False).agg(笔数=("amount", "size"), 人数=("id_number", "nunique"),
                                                    金额=("amount", "sum"))
    out = out.reset_index().rename(columns={"type": "补贴类型", "金额": AMOUNT})
    return out.sort_values(AMOUNT, ascending=False, kind="stable").reset_index(drop=True)


def at_stake(benefits: pd.DataFrame, masks: dict[str, pd.Series | None]) -> pd.DataFrame:
    """Per kind of problem (label → mask, None when its list is missing): payments, people, amount at stake.

    >>> ben = pd.DataFrame({"id_number": ["1", "1", "2"], "amount": [10.0, 10.0, 5.0]})
    >>> at_stake(ben, {"重复发放": pd.Series([True, True, False]), "死亡后发放": None}).to_dict("records")
    [{'问题': '重复发放', '笔数': 2, '人数': 1, '金额（元）': 20.0}, {'问题': '死亡后发放', '笔数': None, '人数': None, '金额（元）': nan}]
    """
    rows = []
    for label, mask in masks.items():
        if mask is None:
            rows.append({"问题": label, "笔数": None, "人数": None, AMOUNT: None})
            continue
        hit = benefits[mask]
        rows.append({"问题": label, "笔数": len(hit), "人数": int(hit["id_number"].nunique()),
                     AMOUNT: float(hit["amount"].sum())})
    out = pd.DataFrame(rows, columns=["问题", "笔数", "人数", AMOUNT])
    return out.astype({"笔数": "Int64", "人数": "Int64", AMOUNT: "float64"})


def headline(benefits: pd.DataFrame, indicators: dict[str, Any], findings: pd.DataFrame) -> list[str]:
    """The notebook's pinned lines: payments, recipients, amount, amount at stake, findings per check."""
    lines = [f"惠民惠农补贴发放 {len(benefits)} 笔，领取人 {indicators.get('benefits.recipients')} 人，"
             f"金额 {number(indicators.get('benefits.amount'))} 元"]
    flagged = indicators.get("benefits.flagged_amount")
    lines.append("名单碰撞疑点金额：" + ("未提供财政供养人员和死亡人员名单" if flagged is None else f"{number(flagged)} 元"))
    counts = findings["check_id"].value_counts()
    for check_id in ("benefit.staff_recipient", "benefit.after_death", "benefit.duplicate", "benefit.bad_id_number"):
        lines.append(f"{check_id}：{int(counts.get(check_id, 0))} 条")
    return lines
