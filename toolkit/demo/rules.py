"""checks.md's definitions in plain Python, for the truth calculator (and the generators that respect them).

Deliberately independent of the toolkit's own helpers: the truth is an oracle.

>>> is_empty(" 无 "), is_empty("N/A"), is_empty("见附件")
(True, True, False)
>>> split_list("日本、韩国,,泰国")
['日本', '韩国', '泰国']
>>> same_city("青岚", "青岚县"), same_city("南昌市", "南昌县")
(True, False)
>>> add_years(dt.date(2020, 2, 29), 1)
datetime.date(2021, 2, 28)
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from functools import cache
from typing import Any

import chinese_calendar

_EMPTY_WORDS = {"", "无", "没有", "/", "-", "—", "n/a"}
_SEPARATORS = "、，,;；"

SANCTIONS_BY_FORM = {
    "第一种形态": ["谈话提醒", "提醒谈话", "批评教育", "责令检查", "诫勉", "函询", "通报批评"],
    "第二种形态": ["警告", "严重警告", "记过", "记大过", "停职检查", "调整职务", "责令辞职", "免职", "降职"],
    "第三种形态": ["撤销党内职务", "留党察看", "降级", "撤职", "开除党籍", "开除"],
    "第四种形态": ["开除党籍", "开除", "移送司法"],
}
DISCIPLINARY = ["警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍", "记过", "记大过", "降级", "撤职", "开除"]


def is_empty(value: Any) -> bool:
    """checks.md's **Empty**: blank after trimming, or 无/没有/'/'/-/—/N/A."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().lower() in _EMPTY_WORDS
    if isinstance(value, float) and math.isnan(value):
        return True
    return str(value).strip().lower() in _EMPTY_WORDS


def split_list(text: Any) -> list[str]:
    """Split on 、，,;； and drop empty pieces."""
    if text is None:
        return []
    s = str(text)
    for sep in _SEPARATORS[1:]:
        s = s.replace(sep, _SEPARATORS[0])
    return [p.strip() for p in s.split(_SEPARATORS[0]) if p.strip()]


def same_city(a: str, b: str) -> bool:
    """Equal after removing spaces, or equal once one loses its trailing 市/县/区."""
    a = a.replace(" ", "").replace("\u3000", "")
    b = b.replace(" ", "").replace("\u3000", "")
    if a == b:
        return True

    def bare(x: str) -> str | None:
        return x[:-1] if len(x) > 1 and x[-1] in "市县区" else None

    return bare(a) == b or bare(b) == a


def add_years(d: dt.date, n: int) -> dt.date:
    """The same month and day n years later (29 February becomes 28 February)."""
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


@cache
def is_workday(d: dt.date) -> bool:
    """China's official working days (调休 included); cached, as the calendar's own lookup is slow."""
    return chinese_calendar.is_workday(d)


def first_digit(v: float) -> int:
    """
    >>> first_digit(0.0372), first_digit(860.0)
    (3, 8)
    """
    s = repr(float(v)).lstrip("0.")
    return int(s[0])


def benford_mad(values) -> tuple[int, float]:
    """(count of values ≥ 10, first-digit MAD) — Nigrini's MAD."""
    vals = [v for v in values if v is not None and v >= 10]
    n = len(vals)
    if n == 0:
        return 0, 0.0
    counts = Counter(first_digit(v) for v in vals)
    mad = sum(abs(counts.get(d, 0) / n - math.log10(1 + 1 / d)) for d in range(1, 10)) / 9
    return n, mad
