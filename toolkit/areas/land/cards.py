"""项目用地跟踪管理卡: one card per parcel with a land finding, with its doubts and the remedies to take.

Remedies follow the findings: 依法无偿收回 (idle two years, which supersedes
征缴土地闲置费 of idle one year), 加快供地, 盘活或收回, 核查供地审批. A parcel
without findings that is supplied but not started gets 督促开工 once past its
agreed start, or 补录约定开工日期 when it has none.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.areas.land.common import RECLAIMED, SUPPLIED_NOT_STARTED
from toolkit.areas.land.rules import CHECK_TITLES
from toolkit.areas.land.tables import parcel_columns
from toolkit.datasets import LAND_STATUS

__all__ = ["ADVICE", "ADVICE_ORDER", "found_by_parcel", "tracking_cards"]

ADVICE = {
    "land.idle_reclaimable": "依法无偿收回土地使用权（闲置满两年）",
    "land.idle": "征缴土地闲置费，督促限期开工",
    "land.approved_unsupplied": "加快供地或依法调整，纳入批而未用消化计划",
    "land.low_efficiency": "盘活或收回（低效用地再开发，督促达产达效）",
    "land.supply_standard": "核查供地审批程序，追究违规供地责任，督促按约定追加投资",
}
ADVICE_ORDER = list(ADVICE)
NO_START_DATE = "补录约定开工日期，核实开工情况"
PAST_START = "督促开工（已超约定开工日期，未满一年）"
KEEP_TRACKING = "继续跟踪"
CARD_DATES = ["批准日期", "供地日期", "约定开工日期", "实际开工日期", "竣工日期"]


def found_by_parcel(parcel_ids: pd.Series, findings: pd.DataFrame) -> pd.DataFrame:
    """Parcel × land check: whether the check flagged the parcel (one bool column per id in CHECK_TITLES)."""
    pairs = findings.loc[findings["check_id"].astype("str").str.startswith("land."), ["check_id", "record_id"]]
    pairs = pairs.astype("str")
    return pd.DataFrame({check_id: parcel_ids.isin(pairs.loc[pairs["check_id"] == check_id, "record_id"])
                         for check_id in CHECK_TITLES}, index=parcel_ids.index)


def _joined(flags: pd.DataFrame, separator: str) -> pd.Series:
    """The column names of each row's True cells, joined in column order ('' when none)."""
    text = pd.Series("", index=flags.index, dtype="str")
    for name in flags.columns:  # one pass per column (a handful of checks), never per row
        text = text.where(~flags[name], text.where(text == "", text + separator) + name)
    return text


def _remedies(cards: pd.DataFrame, found: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    advice = pd.DataFrame({ADVICE[c]: found[c] for c in ADVICE_ORDER})
    advice[ADVICE["land.idle"]] &= ~found["land.idle_reclaimable"]  # 无偿收回 supersedes 征缴闲置费
    remedies = _joined(advice, "；")
    waiting = ((cards["status"] == SUPPLIED_NOT_STARTED) & cards["actual_start"].isna()).fillna(False)
    fallback = np.select([waiting & cards["agreed_start"].isna(), waiting & (cards["agreed_start"] < as_of)],
                         [NO_START_DATE, PAST_START], default=KEEP_TRACKING)
    return remedies.where(remedies != "", pd.Series(fallback, index=cards.index, dtype="str"))


def tracking_cards(land: pd.DataFrame, findings: pd.DataFrame, as_of: pd.Timestamp,
                   all_parcels: bool = False) -> pd.DataFrame:
    """项目用地跟踪管理卡: one row per parcel with a land finding (or every parcel not 已收回).

    疑点 lists the findings' titles; 处置建议 the matching remedies (依法无偿收回, 征缴土地闲置费,
    督促开工, 盘活或收回 …). Without findings a parcel past its agreed start but not yet idle
    gets 督促开工; one with no agreed start gets 补录约定开工日期.

    >>> df = pd.DataFrame({"parcel_id": ["A", "B"], "project": ["甲", "乙"], "company": None,
    ...     "area_mu": [10.0, 5.0], "status": ["已供未建", "已竣工"], "approved_on": pd.NaT,
    ...     "supplied_on": pd.NaT, "agreed_start": pd.NaT, "actual_start": pd.NaT, "completed_on": pd.NaT})
    >>> f = pd.DataFrame({"check_id": ["land.idle", "land.idle_reclaimable"], "record_id": ["A", "A"]})
    >>> tracking_cards(df, f, pd.Timestamp("2020-06-30"))[["地块编号", "处置建议"]].values.tolist()
    [['A', '依法无偿收回土地使用权（闲置满两年）']]
    """
    as_of = pd.Timestamp(as_of)
    land_ids = findings.loc[findings["check_id"].astype("str").str.startswith("land."), "record_id"].astype("str")
    keep = land["parcel_id"].astype("str").isin(land_ids) | (all_parcels & (land["status"] != RECLAIMED))
    cards = land[keep.fillna(False).astype(bool)]
    found = found_by_parcel(cards["parcel_id"].astype("str"), findings)
    doubts = _joined(found.rename(columns=CHECK_TITLES), "；")
    table = parcel_columns(cards).assign(
        批准日期=cards["approved_on"], 供地日期=cards["supplied_on"], 约定开工日期=cards["agreed_start"],
        实际开工日期=cards["actual_start"], 竣工日期=cards["completed_on"], 状态=cards["status"],
        疑点=doubts.where(doubts != "", "—"), 处置建议=_remedies(cards, found, as_of),
    )
    order = {s: i for i, s in enumerate(LAND_STATUS)}
    table = table.assign(_order=table["状态"].map(order)).sort_values(["_order", "地块编号"], kind="stable")
    table = table.drop(columns="_order").reset_index(drop=True)
    # a card to print: dates as 2020-06-30, blanks instead of NaN/NaT
    printable = {c: table[c].dt.strftime("%Y-%m-%d").fillna("").astype("str") for c in CARD_DATES}
    printable.update({c: table[c].fillna("").astype("str") for c in ("项目", "用地单位")})
    return table.assign(**printable)
