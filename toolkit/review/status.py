"""The review status of every finding: the latest answer of review.csv, counts and amounts.

:func:`with_review` fills the findings' ``review_conclusion`` / ``review_note`` columns from the latest
answers and adds the ``review.*`` indicators (null when the round has no review.csv);
:func:`review_table` is the per area and check table that index.html and the overview notebook show.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.checks.base import CheckRun
from toolkit.review.keys import KEY_COLUMN
from toolkit.review.log import CONCLUSIONS, latest_answers, read_log

PENDING = "未答复"
STATUS_ORDER = (*CONCLUSIONS, PENDING)
INDICATORS = {"review.confirmed": "属实", "review.partly": "部分属实", "review.rejected": "不属实",
              "review.pending": PENDING}
CONFIRMED_AMOUNT = "review.confirmed_amount"
AREA_AREAS = ("land",)   # findings.amount is 亩 for land, 元 elsewhere (contract): only 元 are summed across areas
TABLE_COLUMNS = ["领域", "检查编号", "疑点类型", "疑点数", *STATUS_ORDER, "属实金额/面积", "部分属实金额/面积", "area"]


def apply_answers(findings: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``findings`` whose review columns hold the answer of its key (missing when unanswered).

    >>> f = pd.DataFrame({"finding_key": ["k1", "k2"], "amount": [1.0, 2.0]})
    >>> a = pd.DataFrame({"finding_key": ["k2"], "conclusion": ["属实"], "note": ["已核实"]})
    >>> apply_answers(f, a)[["review_conclusion", "review_note"]].fillna("-").values.tolist()
    [['-', '-'], ['属实', '已核实']]
    """
    latest = answers.drop_duplicates(KEY_COLUMN, keep="last").set_index(KEY_COLUMN)
    keys = findings[KEY_COLUMN]
    return findings.assign(review_conclusion=keys.map(latest["conclusion"]).astype("str"),
                           review_note=keys.map(latest["note"]).astype("str"))


def review_status(findings: pd.DataFrame) -> pd.Series:
    """Each finding's status: its 核查结论, or 未答复."""
    return findings["review_conclusion"].fillna(PENDING)


def review_indicators(findings: pd.DataFrame, has_log: bool) -> dict[str, Any]:
    """``review.confirmed/partly/rejected/pending`` (counts) and ``review.confirmed_amount`` (元: the sum of
    the confirmed findings' amounts, land's 亩 left out); every one None when the round has no review.csv."""
    if not has_log:
        return {**{name: None for name in INDICATORS}, CONFIRMED_AMOUNT: None}
    status = review_status(findings)
    counts = {name: int((status == value).sum()) for name, value in INDICATORS.items()}
    money = ~findings["area"].isin(AREA_AREAS)
    amount = findings.loc[(status == "属实") & money, "amount"].sum(min_count=1)
    return {**counts, CONFIRMED_AMOUNT: None if pd.isna(amount) else float(amount)}


def with_review(run: CheckRun, round_dir: Path) -> CheckRun:
    """The check run with the latest answers of ``round_dir/review.csv`` and the review indicators."""
    log = read_log(round_dir)
    findings = run.findings if log is None else apply_answers(run.findings, latest_answers(log))
    indicators = {**run.indicators, **review_indicators(findings, log is not None)}
    return replace(run, findings=findings, indicators=indicators)


def review_table(findings: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """Per area and check: findings, how many are 属实 / 部分属实 / 不属实 / 未答复, and the amounts of the
    confirmed and partly confirmed ones (亩 for land, else 元; the 合计 line sums only 元), and ``area``;
    a 合计 line last. Areas in ``titles`` order.

    >>> f = pd.DataFrame({"area": ["a", "a"], "check_id": ["a.x", "a.x"], "title": ["大", "大"],
    ...                   "amount": [5.0, 2.0], "review_conclusion": ["属实", None]})
    >>> first = review_table(f, {"a": "甲"}).to_dict("records")[0]
    >>> [first[c] for c in ("领域", "疑点数", "属实", "未答复", "属实金额/面积")]
    ['甲', 2, 1, 1, 5.0]
    """
    if findings.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    frame = findings.assign(status=review_status(findings))
    counts = pd.crosstab([frame["area"], frame["check_id"]], frame["status"]).reindex(columns=STATUS_ORDER,
                                                                                       fill_value=0)
    amounts = frame.pivot_table(index=["area", "check_id"], columns="status", values="amount", aggfunc="sum",
                                observed=True).reindex(columns=["属实", "部分属实"])
    titles_of = frame.drop_duplicates("check_id").set_index("check_id")["title"]
    table = counts.assign(疑点数=counts.sum(axis=1), 属实金额或面积=amounts["属实"],
                          部分属实金额或面积=amounts["部分属实"]).reset_index()
    table = table.assign(order=table["area"].map({a: i for i, a in enumerate(titles)}).fillna(len(titles)))
    table = table.sort_values(["order", "check_id"], kind="stable")
    table = table.assign(领域=table["area"].map(lambda a: titles.get(a, a)), 检查编号=table["check_id"],
                         疑点类型=table["check_id"].map(titles_of))
    table = table.rename(columns={"属实金额或面积": "属实金额/面积", "部分属实金额或面积": "部分属实金额/面积"})
    table = table[TABLE_COLUMNS].reset_index(drop=True)
    money = ~table["area"].isin(AREA_AREAS)
    total = {"领域": "合计", "检查编号": "", "疑点类型": "", "area": "",
             **{c: table[c].sum() for c in ("疑点数", *STATUS_ORDER)},
             **{c: table.loc[money, c].sum(min_count=1) for c in ("属实金额/面积", "部分属实金额/面积")}}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True) if len(table) else table
