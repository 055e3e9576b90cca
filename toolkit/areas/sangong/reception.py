"""公务接待 (reception): the rules of contract/checks.md, as masks shared by the checks and the notebook's tables.

Messages are one line of Chinese an analyst can paste into a working paper
(工作底稿): what the record is, the value that breaks the rule, the limit.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from toolkit.areas.sangong.common import (AREA, cell, joined_by_row, non_working, per_value, shared_key, stripped,
                                          weekday_zh)
from toolkit.checks.base import Check, Context, flag
from toolkit.formatting import has_text, is_empty, no_spaces, number, ymd

CITY_SUFFIXES = ("市", "县", "区")


# ---- the city rule --------------------------------------------------------------------------------

def same_city_pairs(a: pd.Series, b: pd.Series) -> pd.Series:
    """checks.md's city rule, row by row: equal after removing spaces, or one is the other plus 市/县/区.

    >>> same_city_pairs(pd.Series(["青岚", "南昌市", "南昌市", ""]), pd.Series(["青岚县", "南昌县", "南昌", ""])).tolist()
    [True, False, True, False]
    """
    x = per_value(a, no_spaces, "str").reset_index(drop=True)
    y = per_value(b, no_spaces, "str").reset_index(drop=True)
    x_shorter = x.str.len() <= y.str.len()
    shorter, longer = x.where(x_shorter, y), y.where(x_shorter, x)
    suffixed = ((longer.str.len() == shorter.str.len() + 1) & (longer.str[:-1] == shorter)
                & longer.str[-1].isin(CITY_SUFFIXES))
    same = (x != "") & (y != "") & ((x == y) | suffixed)
    return pd.Series(same.fillna(False).to_numpy(dtype=bool), index=a.index)


def same_city(a: Any, b: Any) -> bool:
    """:func:`same_city_pairs` for two values.

    >>> same_city("青岚", "青岚县"), same_city("南昌市", "南昌"), same_city(" 南 昌 市", "南昌市")
    (True, True, True)
    >>> same_city("南昌市", "南昌县"), same_city("", ""), same_city(None, "青岚县")
    (False, False, False)
    """
    return bool(same_city_pairs(pd.Series([a], dtype=object), pd.Series([b], dtype=object)).iloc[0])


def reception_city(reception: pd.DataFrame, round_city: str) -> pd.Series:
    """The city each reception took place in: the row's city, else the round's city.

    >>> df = pd.DataFrame({"city": ["南昌市", None, "无"]})
    >>> reception_city(df, "青岚县").tolist()
    ['南昌市', '青岚县', '青岚县']
    """
    return reception["city"].where(has_text(reception["city"]), round_city or "").astype("str")


def same_city_mask(reception: pd.DataFrame, round_city: str) -> pd.Series:
    """guest_city not empty and the same city as the reception's (row's city, else the round's city)."""
    where = reception_city(reception, round_city)
    return has_text(reception["guest_city"]) & same_city_pairs(reception["guest_city"], where)


def no_letter_mask(reception: pd.DataFrame) -> pd.Series:
    """letter_no empty (空, 无, -, N/A …: checks.md's Empty)."""
    return is_empty(reception["letter_no"])


# ---- 陪餐 and per-capita ------------------------------------------------------------------------------

def hosts_over_limit_mask(guests: pd.Series, hosts: pd.Series) -> pd.Series:
    """guests ≤ 10 and hosts > 3; or guests > 10 and hosts × 3 > guests.

    >>> hosts_over_limit_mask(pd.Series([10, 10, 12, 11]), pd.Series([3, 4, 4, 4])).tolist()
    [False, True, False, True]
    """
    g, h = guests.astype("float64"), hosts.astype("float64")
    return (((g <= 10) & (h > 3)) | ((g > 10) & (h * 3 > g))).fillna(False).astype(bool)


def hosts_allowed(guests: Any) -> np.ndarray:
    """The most 陪餐 allowed for a number of guests (the limit of :func:`hosts_over_limit_mask` in persons).

    >>> hosts_allowed([1, 10, 11, 12, 30]).tolist()
    [3, 3, 3, 4, 10]
    """
    g = np.asarray(guests, dtype="int64")
    return np.where(g <= 10, 3, g // 3)


def persons(reception: pd.DataFrame) -> pd.Series:
    """Guests + hosts (the per-capita divisor)."""
    return (reception["guests"] + reception["hosts"]).astype("float64")


def per_capita_amount(reception: pd.DataFrame) -> pd.Series:
    """amount / (guests + hosts), in 元 per person."""
    return reception["amount"] / persons(reception)


def per_capita_over_mask(reception: pd.DataFrame, limit: float) -> pd.Series:
    """amount / (guests + hosts) > limit, compared as amount > limit × persons (exact at the limit).

    >>> df = pd.DataFrame({"guests": [2, 2], "hosts": [1, 1], "amount": [450.0, 450.01]})
    >>> per_capita_over_mask(df, 150).tolist()
    [False, True]
    """
    return (reception["amount"] > limit * persons(reception)).fillna(False).astype(bool)


# ---- shared invoices and split bills ----------------------------------------------------------------

def shared_invoice(reception: pd.DataFrame) -> pd.Series:
    """The trimmed invoice number of rows whose (set) number appears on two or more rows, else missing.

    The Empty test runs only on the numbers that occur twice (invoice numbers are nearly all distinct).
    """
    invoice = stripped(reception["invoice_no"])
    repeated = invoice.duplicated(keep=False) & invoice.notna()
    text = pd.Series(False, index=reception.index)
    text[repeated] = has_text(reception["invoice_no"][repeated])
    return shared_key(invoice.where(text))


def split_key(reception: pd.DataFrame) -> pd.Series:
    """unit|venue|date (trimmed; venue set, date set) of rows in a group of two or more, else missing."""
    key = (stripped(reception["unit"]) + "|" + stripped(reception["venue"]) + "|"
           + reception["date"].dt.strftime("%Y-%m-%d"))
    key = key.where(has_text(reception["venue"]) & reception["date"].notna() & reception["unit"].notna())
    return shared_key(key)


# ---- the checks ---------------------------------------------------------------------------------------

def _head(r: pd.Series) -> str:
    return f"{cell(r['unit'])}于{ymd(r['date'])}接待{cell(r['guest_org'])}{int(r['guests'])}人"


def _flag(rec: pd.DataFrame, mask: pd.Series, message) -> pd.DataFrame:
    return flag(rec, mask, message, id_column="id", unit_column="unit", amount="amount")


def reception_no_letter(ctx: Context) -> pd.DataFrame:
    """letter_no empty (无公函接待)."""
    rec = ctx.data["reception"]
    return _flag(rec, no_letter_mask(rec),
                 lambda r: f"{_head(r)}，金额{number(r['amount'], fixed=True)}元，公函编号为“{cell(r['letter_no'])}”，"
                           "无公函接待")


def reception_same_city(ctx: Context) -> pd.DataFrame:
    """guest_city not empty and the same city as the reception's (row's city, else the round's city)."""
    rec = ctx.data["reception"]
    rec = rec.assign(_where=reception_city(rec, ctx.round.city))
    return _flag(rec, same_city_mask(rec, ctx.round.city),
                 lambda r: f"{_head(r)}，来访单位所在地“{r['guest_city']}”与接待地“{r['_where']}”为同一城市，"
                           f"金额{number(r['amount'], fixed=True)}元，疑似同城公款吃喝")


def reception_hosts_over_limit(ctx: Context) -> pd.DataFrame:
    """guests ≤ 10 and hosts > 3; or guests > 10 and hosts × 3 > guests."""
    rec = ctx.data["reception"]

    def message(r: pd.Series) -> str:
        g, h = int(r["guests"]), int(r["hosts"])
        limit = "接待对象10人以内陪餐不得超过3人" if g <= 10 else "接待对象超过10人的陪餐不得超过三分之一"
        return f"{_head(r)}，陪餐{h}人，超过{limit}（最多{int(hosts_allowed(g))}人）"

    return _flag(rec, hosts_over_limit_mask(rec["guests"], rec["hosts"]), message)


def reception_per_capita_over_standard(ctx: Context) -> pd.DataFrame:
    """amount / (guests + hosts) > reception_per_capita_max (compared as amount > max × persons)."""
    rec = ctx.data["reception"]
    limit = ctx.thresholds.reception_per_capita_max
    rec = rec.assign(_per_capita=per_capita_amount(rec))
    return _flag(rec, per_capita_over_mask(rec, limit),
                 lambda r: f"{_head(r)}、陪餐{int(r['hosts'])}人，金额{number(r['amount'], fixed=True)}元，"
                           f"人均{number(r['_per_capita'], fixed=True)}元，超过人均{number(limit, fixed=True)}元标准")


def reception_duplicate_invoice(ctx: Context) -> pd.DataFrame:
    """invoice_no set and shared by two or more rows (compared after trimming): every such row."""
    rec = ctx.data["reception"]
    shared = shared_invoice(rec)
    rec = rec.assign(_inv=shared, _ids=joined_by_row(shared, rec["id"]), _n=shared.map(shared.value_counts()))
    return _flag(rec, shared.notna(),
                 lambda r: f"{_head(r)}，金额{number(r['amount'], fixed=True)}元，发票号码{r['_inv']}"
                           f"在{int(r['_n'])}条接待记录中重复使用（{r['_ids']}），疑似重复报销")


def reception_split(ctx: Context) -> pd.DataFrame:
    """Two or more rows with the same unit and venue (trimmed; venue set) on the same date: every such row."""
    rec = ctx.data["reception"]
    key = split_key(rec)
    rec = rec.assign(_ids=joined_by_row(key, rec["id"]), _sum=key.map(rec["amount"].groupby(key).sum()),
                     _n=key.map(key.value_counts()))
    return _flag(rec, key.notna(),
                 lambda r: f"{cell(r['unit'])}于{ymd(r['date'])}在“{str(r['venue']).strip()}”有{int(r['_n'])}条"
                           f"接待记录（{r['_ids']}），合计{number(r['_sum'], fixed=True)}元，"
                           f"本条{number(r['amount'], fixed=True)}元，疑似拆分报销")


def reception_holiday(ctx: Context) -> pd.DataFrame:
    """date is a non-working day."""
    rec = ctx.data["reception"]
    rec = rec.assign(_weekday=weekday_zh(rec["date"]))
    return _flag(rec, non_working(ctx, rec["date"]),
                 lambda r: f"{_head(r)}，金额{number(r['amount'], fixed=True)}元，接待日期{ymd(r['date'])}"
                           f"（{r['_weekday']}）为非工作日")


CHECKS: list[Check] = [
    Check("reception.no_letter", AREA, "reception", "medium", "无公函接待", reception_no_letter, params=()),
    Check("reception.same_city", AREA, "reception", "high", "同城公款吃喝", reception_same_city, params=()),
    Check("reception.hosts_over_limit", AREA, "reception", "medium", "陪餐人数超标", reception_hosts_over_limit,
          params=()),
    Check("reception.per_capita_over_standard", AREA, "reception", "medium", "人均接待费超标准",
          reception_per_capita_over_standard, params=("reception_per_capita_max",)),
    Check("reception.duplicate_invoice", AREA, "reception", "high", "发票重复报销", reception_duplicate_invoice,
          params=()),
    Check("reception.split", AREA, "reception", "medium", "拆分报销接待费", reception_split, params=()),
    Check("reception.holiday", AREA, "reception", "low", "非工作日接待", reception_holiday, params=()),
]
