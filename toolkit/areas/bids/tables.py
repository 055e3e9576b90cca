"""招投标 tables the notebook shows: each tender's price dispersion, the suspicious bids, identity links
between bidders across all tenders, bidders who never win, and the headline lines.

Each table selects with the same masks as the checks (:mod:`toolkit.areas.bids.rules`). Prices in 元.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from toolkit.areas.bids.common import IDENTITY_FIELDS, bidder_key, identity_key, tender_key
from toolkit.areas.bids.indicators import flagged_tenders
from toolkit.areas.bids.rules import (
    bidder_record, close_submission_mask, identical_price_mask, shared_fields, tender_spread)
from toolkit.datasets import DATASETS
from toolkit.formatting import number, pct
from toolkit.ingest.validate import empty_frame

__all__ = ["empty_bids", "bids_frame", "spread_table", "suspicious_bids", "identity_links", "never_won",
           "headline", "CV_COL"]

CV_COL = "变异系数"
PRICE_COL = "报价均值（元）"


def empty_bids() -> pd.DataFrame:
    """A bids frame with no rows and the accepted dtypes (for a round without 投标记录)."""
    return empty_frame(DATASETS["bids"])


def bids_frame(analysis: Any) -> pd.DataFrame:
    """The round's bids frame, or an empty one."""
    return analysis.frame_or_empty("bids")


def _winners(bids: pd.DataFrame) -> pd.Series:
    """Per tender: the winning bidders, joined with 、 ('' when none)."""
    won = bids[bids["won"].fillna(False).astype(bool)]
    return won.groupby(tender_key(won), sort=False)["bidder"].agg("、".join)


def spread_table(bids: pd.DataFrame, cv_min: float) -> pd.DataFrame:
    """Per tender: bids, priced bids, mean, standard deviation, CV, below bid_cv_min, the winner; lowest CV first.

    >>> df = pd.DataFrame({"tender_id": ["T"] * 3, "project": "路", "bidder": ["甲", "乙", "丙"],
    ...     "price": [100.0, 100.5, 101.0], "won": [True, False, False]})
    >>> spread_table(df, 0.03)[["标段编号", "低于阈值", "中标人"]].values.tolist()
    [['T', True, '甲']]
    """
    spread = tender_spread(bids)
    keys = tender_key(bids)
    projects = bids.groupby(keys, sort=False)["project"].first()
    table = pd.DataFrame({
        "标段编号": spread.index.astype("str"), "项目": projects.reindex(spread.index).to_numpy(),
        "投标数": bids.groupby(keys, sort=False).size().reindex(spread.index).to_numpy(),
        "有效报价数": spread["n"].to_numpy(), PRICE_COL: spread["mean"].to_numpy(),
        "标准差（元）": spread["std"].to_numpy(), CV_COL: spread["cv"].to_numpy(),
        "低于阈值": (spread["cv"] < cv_min).fillna(False).to_numpy(dtype=bool),
        "中标人": _winners(bids).reindex(spread.index).fillna("").to_numpy(),
    })
    return table.sort_values([CV_COL, "标段编号"], na_position="last", kind="stable").reset_index(drop=True)


def suspicious_bids(bids: pd.DataFrame, window_seconds: float) -> pd.DataFrame:
    """The bids of a shared identity, an identical price or a close submission, by tender and time."""
    fields = shared_fields(bids)
    same_price = identical_price_mask(bids)
    close = close_submission_mask(bids, window_seconds)
    shared = pd.Series("", index=bids.index, dtype="str")
    for field, label in IDENTITY_FIELDS.items():  # four fields, not rows
        shared = shared.where(~fields[field], shared.where(shared == "", shared + "、") + label)
    keep = fields.any(axis=1) | same_price | close
    rows = bids[keep]
    table = pd.DataFrame({
        "标段编号": rows["tender_id"], "编号": rows["id"], "投标人": rows["bidder"], "投标报价（元）": rows["price"],
        "递交时间": rows["submitted_at"], "共用信息": shared[keep].replace("", "—"),
        "报价相同": same_price[keep], "递交时间接近": close[keep], "中标": rows["won"],
    })
    return table.sort_values(["标段编号", "递交时间", "编号"], kind="stable").reset_index(drop=True)


def _ranks(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of ``values`` numbered in the sorted order of its distinct values (-1: missing), and those
    values.

    >>> codes, names = _ranks(pd.Series(["乙", "甲", None, "乙"], dtype="str"))
    >>> codes.tolist(), names.tolist()
    ([0, 1, -1, 0], ['乙', '甲'])
    """
    codes, uniques = pd.factorize(values, sort=True)
    return codes, np.asarray(uniques, dtype=object)


def run_starts(keys: np.ndarray) -> np.ndarray:
    """Where each run of equal consecutive ``keys`` starts.

    >>> run_starts(np.array([3, 3, 5, 3])).tolist()
    [0, 2, 3]
    """
    return np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])


def join_runs(values: np.ndarray, starts: np.ndarray) -> list[str]:
    """'、'.join of each run ``values[starts[i]:starts[i + 1]]`` (the last run to the end).

    >>> join_runs(np.array(["T1", "T2", "T3"], dtype=object), np.array([0, 2]))
    ['T1、T2', 'T3']
    """
    items, bounds = values.tolist(), [*starts.tolist(), len(values)]
    return ["、".join(items[s:e]) for s, e in zip(bounds[:-1], bounds[1:])]   # one join per run, no frame


def _holders(bids: pd.DataFrame, bidders: np.ndarray, tenders: np.ndarray) -> pd.DataFrame:
    """Distinct (g, f, b, t) codes: g numbers a (field, value) across the identity fields, f the field's
    position in IDENTITY_FIELDS, b and t the bidder's and tender's codes (rows with an Empty value left out)."""
    parts, offset = [], 0
    for f, field in enumerate(IDENTITY_FIELDS):  # the four identity fields, not rows
        key = identity_key(bids, field)
        keep = key.notna().to_numpy() & (bidders >= 0) & (tenders >= 0)
        codes, uniques = pd.factorize(key[keep])
        parts.append(pd.DataFrame({"g": codes + offset, "f": f, "b": bidders[keep], "t": tenders[keep]}))
        offset += len(uniques)
    return pd.concat(parts, ignore_index=True).drop_duplicates(ignore_index=True)


def _pair_tenders(pairs: pd.DataFrame, held: pd.DataFrame, tender_count: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (pair, tender) codes sorted by pair then tender: the tenders where either bidder of a pair
    holds a value they share (each side joined to ``held`` on (g, b) by a binary search of one int64 key)."""
    width = int(max(held["b"].max(), pairs[["b_a", "b_b"]].max().max())) + 1
    key = held["g"].to_numpy(np.int64) * width + held["b"].to_numpy(np.int64)
    order = np.argsort(key, kind="stable")
    key, held_tender = key[order], held["t"].to_numpy(np.int64)[order]
    pair, g = pairs["p"].to_numpy(np.int64), pairs["g"].to_numpy(np.int64)
    found = [_matches(key, held_tender, g * width + pairs[side].to_numpy(np.int64), pair, tender_count)
             for side in ("b_a", "b_b")]
    found = np.sort(np.concatenate(found))
    found = found[run_starts(found)]   # distinct (np.unique's hashing is slower here)
    return found // tender_count, found % tender_count


def _matches(key: np.ndarray, tender: np.ndarray, wanted: np.ndarray, pair: np.ndarray, tender_count: int
             ) -> np.ndarray:
    """pair * tender_count + tender of every row of the sorted ``key`` equal to each ``wanted`` key.

    >>> _matches(np.array([1, 1, 3]), np.array([5, 6, 7]), np.array([3, 1, 2]), np.array([0, 1, 2]), 10).tolist()
    [7, 15, 16]
    """
    start, stop = np.searchsorted(key, wanted, "left"), np.searchsorted(key, wanted, "right")
    counts = stop - start
    row = np.repeat(np.arange(len(wanted)), counts)
    position = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(start, counts)
    return pair[row] * tender_count + tender[position]


def identity_links(bids: pd.DataFrame) -> pd.DataFrame:
    """Edges of the bidder graph: two different bidders sharing a phone, IP, MAC or deposit account anywhere
    (across all tenders), with the shared fields and the tenders involved; by folded names A < B.

    Built on integer codes of distinct (field, value, bidder) and (field, value, bidder, tender) rows, so a
    value shared by many rows of the same two bidders costs one pair, not the square of its rows.

    >>> df = pd.DataFrame({"tender_id": ["T1", "T2"], "bidder": ["甲", "乙"], "phone": ["138 1", "1381"],
    ...     "ip": None, "mac": None, "deposit_account": None, "won": None})
    >>> identity_links(df)[["投标人A", "投标人B", "共用信息", "涉及标段"]].values.tolist()
    [['乙', '甲', '联系电话', 'T1、T2']]
    """
    columns = ["投标人A", "投标人B", "共用信息", "涉及标段", "key_a", "key_b"]
    bidders, bidder_names = _ranks(bidder_key(bids))
    tenders, tender_names = _ranks(tender_key(bids))
    held = _holders(bids, bidders, tenders)
    owners = held[["g", "f", "b"]].drop_duplicates()
    pairs = owners.merge(owners[["g", "b"]], on="g", suffixes=("_a", "_b"))
    pairs = pairs[pairs["b_a"] < pairs["b_b"]]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    count = len(bidder_names)
    pair, code = np.unique(pairs["b_a"].to_numpy(np.int64) * count + pairs["b_b"].to_numpy(np.int64),
                           return_inverse=True)
    pairs = pairs.assign(p=code)
    shared = np.zeros(len(pair), dtype=np.int64)
    np.bitwise_or.at(shared, code, 1 << pairs["f"].to_numpy(np.int64))
    labels = list(IDENTITY_FIELDS.values())
    words = np.array(["、".join(w for i, w in enumerate(labels) if m >> i & 1) for m in range(1 << len(labels))],
                     dtype=object)
    in_pair, tender = _pair_tenders(pairs, held, len(tender_names))
    starts = run_starts(in_pair)
    a, b = pair // count, pair % count
    keys = pd.array(bidder_names, dtype="str")   # per bidder code, taken per link below
    names = pd.array(bidder_record(bids)["name"].reindex(bidder_names).to_numpy(), dtype="str")
    return pd.DataFrame({"投标人A": names.take(a), "投标人B": names.take(b),
                         "共用信息": pd.array(words, dtype="str").take(shared),
                         "涉及标段": join_runs(tender_names[tender], starts),
                         "key_a": keys.take(a), "key_b": keys.take(b)}, columns=columns)


def never_won(bids: pd.DataFrame, min_tenders: int) -> pd.DataFrame:
    """Bidders with no winning bid, most tenders first; 陪标专业户 marks those at or over ``min_tenders``."""
    record = bidder_record(bids)
    losers = record[record["wins"] == 0]
    table = pd.DataFrame({"投标人": losers["name"].to_numpy(), "参与标段数": losers["tenders"].to_numpy(),
                          "投标次数": losers["bids"].to_numpy(),
                          "陪标专业户": (losers["tenders"] >= min_tenders).to_numpy(dtype=bool)})
    return table.sort_values(["参与标段数", "投标人"], ascending=[False, True], kind="stable").reset_index(drop=True)


def headline(bids: pd.DataFrame | None, findings: pd.DataFrame, cv_min: float, window_seconds: float) -> list[str]:
    """Plain lines for the notebook's pinned headline cell."""
    if bids is None:
        return ["本轮未提供投标记录（投标记录.xlsx），招投标指标为空。"]
    keys = tender_key(bids)
    spread = tender_spread(bids)
    flagged = flagged_tenders(bids, cv_min, window_seconds)
    judged = spread["cv"].notna()
    lines = [f"投标记录{len(bids)}条，涉及{keys.nunique()}个标段、{bidder_key(bids).nunique()}家投标人；",
             f"可计算报价离散度的标段{int(judged.sum())}个，变异系数中位数"
             f"{pct(spread.loc[judged, 'cv'].median(), 2) if judged.any() else '—'}；",
             f"存在围标串标疑点的标段：{len(flagged)}个"]
    counts = findings.loc[findings["check_id"].astype("str").str.startswith("bids."), "check_id"].value_counts()
    for check_id in ("bids.shared_identity", "bids.identical_price", "bids.low_spread", "bids.close_submission",
                     "bids.perennial_loser"):
        lines.append(f"  {check_id}：{int(counts.get(check_id, 0))}条")
    amount = bids.loc[keys.isin(flagged) & bids["won"].fillna(False).astype(bool), "price"].sum()
    lines.append(f"疑点标段的中标金额合计{number(float(np.nan_to_num(amount)))}元")
    return lines
