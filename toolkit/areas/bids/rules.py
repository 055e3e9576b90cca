"""招投标 rules: one mask per rule, shared by the checks, the indicators and the notebook tables.

contract/checks.md's ``bids`` section, implemented exactly:

* ``bids.shared_identity`` — within one tender_id, a phone, ip, mac or deposit_account value
  (not Empty) shared by two or more different bidders: every such row;
* ``bids.identical_price`` — within one tender_id, two or more different bidders with the same
  price in cents: every such row;
* ``bids.low_spread`` — a tender with ≥ 3 priced rows and mean price > 0 whose coefficient of
  variation (population standard deviation / mean) < ``bid_cv_min``: one finding per tender;
* ``bids.close_submission`` — within one tender_id, two rows of different bidders whose
  submitted_at (both set, neither exactly 00:00:00) differ by ≤ ``bid_submit_window_seconds``;
* ``bids.perennial_loser`` — only when some row has won true: a bidder in ≥ ``bid_loser_min_tenders``
  distinct tenders with no row won true; one finding per bidder, named as in its first row.

unit: empty. amount: price, except low_spread and perennial_loser (empty).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.areas.bids.common import AREA, IDENTITY_FIELDS, bidder_key, identity_key, tender_key
from toolkit.checks.base import RULE_COLUMNS, Check, Context, cents, flag
from toolkit.formatting import number, pct

__all__ = [
    "shared_fields", "shared_identity_mask", "identical_price_mask", "tender_spread", "low_spread_tenders",
    "close_submission_mask", "bidder_record", "perennial_losers", "bids_shared_identity", "bids_identical_price",
    "bids_low_spread", "bids_close_submission", "bids_perennial_loser", "CHECKS", "CHECK_TITLES",
]


def _shared_within_tender(bids: pd.DataFrame, key: pd.Series) -> pd.Series:
    """Rows whose (tender, key) group holds two or more different bidders (key missing: never)."""
    frame = pd.DataFrame({"t": tender_key(bids), "k": key, "b": bidder_key(bids)})
    counts = frame.groupby(["t", "k"], dropna=True)["b"].transform("nunique")
    return (counts >= 2).reindex(bids.index, fill_value=False).fillna(False).astype(bool)


def shared_fields(bids: pd.DataFrame) -> pd.DataFrame:
    """One bool column per identity field: the row shares that field's value with another bidder of its tender."""
    return pd.DataFrame({field: _shared_within_tender(bids, identity_key(bids, field)) for field in IDENTITY_FIELDS},
                        index=bids.index)


def shared_identity_mask(bids: pd.DataFrame) -> pd.Series:
    """bids.shared_identity's rows."""
    return shared_fields(bids).any(axis=1)


def identical_price_mask(bids: pd.DataFrame) -> pd.Series:
    """bids.identical_price's rows: the same price in cents as a different bidder of the tender."""
    return _shared_within_tender(bids, cents(bids["price"]))


def tender_spread(bids: pd.DataFrame) -> pd.DataFrame:
    """Per tender_id (first-row order): priced rows n, mean, population std and CV (NaN unless n ≥ 3, mean > 0).

    >>> df = pd.DataFrame({"tender_id": ["T"] * 4, "price": [958000.0, 994000.0, 1006000.0, 1042000.0]})
    >>> tender_spread(df)["cv"].tolist()
    [0.03]
    """
    priced = bids.assign(_t=tender_key(bids))
    grouped = priced.groupby("_t", sort=False)["price"]
    n, total = grouped.count(), grouped.sum(min_count=1)
    mean = total / n.where(n > 0)
    squares = (priced["price"] - priced["_t"].map(mean).astype("float64")) ** 2   # two-pass: exact on exact data
    std = np.sqrt(squares.groupby(priced["_t"], sort=False).sum(min_count=1) / n.where(n > 0))
    table = pd.DataFrame({"n": n, "mean": mean, "std": std})
    judged = (table["n"] >= 3) & (table["mean"] > 0)
    table["cv"] = (table["std"] / table["mean"]).where(judged)
    return table.rename_axis("tender_id")


def low_spread_tenders(bids: pd.DataFrame, cv_min: float) -> pd.DataFrame:
    """The tenders bids.low_spread flags, with their spread."""
    spread = tender_spread(bids)
    return spread[(spread["cv"] < cv_min).fillna(False)]


def close_submission_mask(bids: pd.DataFrame, window_seconds: float) -> pd.Series:
    """bids.close_submission's rows: another bidder of the tender submitted within the window (both times of day set)."""
    times = bids["submitted_at"]
    timed = times.notna() & (times != times.dt.normalize())
    frame = pd.DataFrame({"t": tender_key(bids), "b": bidder_key(bids), "at": times})[timed.fillna(False)]
    frame = frame.reset_index(names="_i")
    pairs = frame.merge(frame, on="t", suffixes=("", "_o"))
    gap = (pairs["at"] - pairs["at_o"]).abs()
    close = (pairs["b"] != pairs["b_o"]) & (gap <= pd.Timedelta(seconds=float(window_seconds)))
    return pd.Series(bids.index.isin(pairs.loc[close, "_i"]), index=bids.index)


def bidder_record(bids: pd.DataFrame) -> pd.DataFrame:
    """Per bidder (folded name, first-row order): its name as in its first row, first row, tenders, wins."""
    frame = bids.assign(_b=bidder_key(bids), _t=tender_key(bids), _won=bids["won"].fillna(False).astype(bool))
    grouped = frame.groupby("_b", sort=False)
    return pd.DataFrame({
        "name": grouped["bidder"].first(), "row": grouped["_row"].first() if "_row" in frame else pd.NA,
        "bids": grouped.size(), "tenders": grouped["_t"].nunique(), "wins": grouped["_won"].sum(),
    }).rename_axis("bidder_key")


def perennial_losers(bids: pd.DataFrame, min_tenders: int) -> pd.DataFrame:
    """The bidders bids.perennial_loser flags (none when no row of the dataset has won true)."""
    record = bidder_record(bids)
    if not bids["won"].fillna(False).astype(bool).any():
        return record.iloc[0:0]
    return record[(record["tenders"] >= min_tenders) & (record["wins"] == 0)]


def bids_shared_identity(ctx: Context) -> pd.DataFrame:
    bids = ctx.data["bids"]
    fields = shared_fields(bids)
    names = fields.rename(columns=IDENTITY_FIELDS)

    def message(row: pd.Series) -> str:
        shared = "、".join(label for label in names.columns if names.at[row.name, label])
        return (f"标段{row['tender_id']}投标人{row['bidder']}（编号{row['id']}）的{shared}"
                f"与同一标段其他投标人相同，涉嫌围标串标")

    return flag(bids, fields.any(axis=1), message, id_column="id", amount="price")


def bids_identical_price(ctx: Context) -> pd.DataFrame:
    bids = ctx.data["bids"]

    def message(row: pd.Series) -> str:
        return (f"标段{row['tender_id']}投标人{row['bidder']}（编号{row['id']}）报价{number(row['price'])}元，"
                f"与同一标段其他投标人报价完全相同")

    return flag(bids, identical_price_mask(bids), message, id_column="id", amount="price")


def bids_low_spread(ctx: Context) -> pd.DataFrame:
    bids = ctx.data["bids"]
    cv_min = ctx.thresholds.bid_cv_min
    low = low_spread_tenders(bids, cv_min)
    first_rows = bids.assign(_t=tender_key(bids)).groupby("_t", sort=False)["_row"].first() if "_row" in bids \
        else pd.Series(pd.NA, index=low.index)
    messages = [f"标段{t}共{int(s['n'])}个有效报价，均值{number(s['mean'])}元，变异系数{number(s['cv'], 4)}"
                f"（{pct(s['cv'], 2)}），低于{number(cv_min, 4)}，报价过于接近，疑似围标"
                for t, s in low.iterrows()]   # one line per flagged tender, not per row
    return pd.DataFrame({"record_id": low.index.astype("str"), "unit": "", "amount": np.nan,
                         "message": messages, "row": first_rows.reindex(low.index).to_numpy()},
                        columns=RULE_COLUMNS)


def bids_close_submission(ctx: Context) -> pd.DataFrame:
    bids = ctx.data["bids"]
    window = ctx.thresholds.bid_submit_window_seconds
    message = ("标段{tender_id}投标人{bidder}（编号{id}）于{submitted_at}递交，"
               f"与同一标段其他投标人递交时间相差不超过{number(window)}秒")
    return flag(bids, close_submission_mask(bids, window), message, id_column="id", amount="price")


def bids_perennial_loser(ctx: Context) -> pd.DataFrame:
    bids = ctx.data["bids"]
    losers = perennial_losers(bids, ctx.thresholds.bid_loser_min_tenders)
    messages = [f"投标人{r['name']}参与{int(r['tenders'])}个标段投标（{int(r['bids'])}次），从未中标，疑为陪标专业户"
                for _, r in losers.iterrows()]   # one line per flagged bidder
    return pd.DataFrame({"record_id": losers["name"].astype("str").to_numpy(), "unit": "", "amount": np.nan,
                         "message": messages, "row": losers["row"].to_numpy()}, columns=RULE_COLUMNS)


CHECKS = [
    Check("bids.shared_identity", AREA, "bids", "high", "不同投标人共用电话、IP、MAC或保证金账户", bids_shared_identity,
          params=()),
    Check("bids.identical_price", AREA, "bids", "high", "不同投标人报价完全相同", bids_identical_price, params=()),
    Check("bids.low_spread", AREA, "bids", "medium", "标段报价离散度过低（变异系数低于阈值）", bids_low_spread,
          params=("bid_cv_min",)),
    Check("bids.close_submission", AREA, "bids", "medium", "不同投标人递交时间过于接近", bids_close_submission,
          params=("bid_submit_window_seconds",)),
    Check("bids.perennial_loser", AREA, "bids", "low", "陪标专业户（多次投标从未中标）", bids_perennial_loser,
          params=("bid_loser_min_tenders",)),
]
CHECK_TITLES = {c.id: c.title for c in CHECKS}
