"""STRATIFY and AGE (分层与账龄): counts, sums and shares per amount band or age bucket, labelled in Chinese.

Bands are the inner edges of right-closed intervals in the column's unit:
``(1000, 5000)`` in 元 gives 1千元以下 (≤ 1,000), 1千至5千元 (1,000 < x ≤ 5,000) and 5千元以上.
Buckets are days: ``(30, 90, 365)`` gives 30天以内, 31至90天, 91天至1年, 1年以上; a whole
number of years (multiples of 365 days) is written in years. Missing values are a
row of their own (金额缺失 / 日期缺失); dates after ``as_of`` are 晚于截止日.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

DEFAULT_BANDS = (1_000, 5_000, 10_000, 50_000, 100_000, 500_000, 1_000_000)   # 元
DEFAULT_BUCKETS = (30, 90, 180, 365, 730, 1095)                               # days
_UNIT_YUAN = {"元": 1, "万元": 10_000}


def default_bands(unit: str = "元") -> tuple[float, ...]:
    """:data:`DEFAULT_BANDS` in the column's unit (元 or 万元).

    >>> default_bands("万元")[:3]
    (0.1, 0.5, 1.0)
    """
    return tuple(b / _UNIT_YUAN.get(unit, 1) for b in DEFAULT_BANDS)


def amount_words(value: float, unit: str = "元") -> str:
    """An edge in Chinese: 1000 元 → '1千', 50000 → '5万', 10 万元 → '10万', 1.5亿.

    >>> [amount_words(v) for v in (500, 1000, 5000, 10_000, 50_000, 1_000_000, 150_000_000, 2500)]
    ['500', '1千', '5千', '1万', '5万', '100万', '1.5亿', '2.5千']
    >>> amount_words(10, "万元")
    '10万'
    """
    yuan = float(value) * _UNIT_YUAN.get(unit, 1)
    for size, word in ((100_000_000, "亿"), (10_000, "万"), (1_000, "千")):
        if abs(yuan) >= size:
            return f"{yuan / size:g}{word}"
    return f"{yuan:g}"


def band_labels(bands: Sequence[float], unit: str = "元") -> list[str]:
    """The Chinese labels of the bands' intervals.

    >>> band_labels([1000, 5000, 10000])
    ['1千元以下', '1千至5千元', '5千至1万元', '1万元以上']
    """
    words = [amount_words(b, unit) for b in bands]
    return ([f"{words[0]}元以下"] + [f"{a}至{b}元" for a, b in zip(words, words[1:])]
            + [f"{words[-1]}元以上"])


def _share(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["笔数占比"] = frame["笔数"] / frame["笔数"].sum() if frame["笔数"].sum() else np.nan
    if "金额" in frame:
        total = frame["金额"].sum()
        frame["金额占比"] = frame["金额"] / total if total else np.nan
    return frame


def stratify(df: pd.DataFrame, column: str, bands: Sequence[float] = DEFAULT_BANDS, unit: str = "元") -> pd.DataFrame:
    """Counts, sums and shares of ``column`` per band (labels from :func:`band_labels`).

    >>> df = pd.DataFrame({"amount": [500.0, 1000, 1200, 6000, None]})
    >>> stratify(df, "amount", [1000, 5000]).round(4).values.tolist()
    [['1千元以下', 2, 1500.0, 0.4, 0.1724], ['1千至5千元', 1, 1200.0, 0.2, 0.1379], ['5千元以上', 1, 6000.0, 0.2, 0.6897], ['金额缺失', 1, 0.0, 0.2, 0.0]]
    """
    edges = sorted(float(b) for b in bands)
    values = pd.to_numeric(df[column], errors="coerce").astype("float64")
    labels = band_labels(edges, unit)
    band = pd.cut(values, [-np.inf, *edges, np.inf], right=True, labels=labels)
    band = band.cat.add_categories(["金额缺失"]).fillna("金额缺失")
    grouped = values.fillna(0.0).groupby(band, observed=False)
    out = pd.DataFrame({"区间": band.cat.categories, "笔数": grouped.size().to_numpy(),
                        "金额": grouped.sum().to_numpy()})
    if not values.isna().any():
        out = out[out["区间"] != "金额缺失"]
    return _share(out).reset_index(drop=True)


def _days_words(days: int, first: bool) -> str:
    if days and days % 365 == 0:
        return f"{days // 365}年"
    return f"{days if first else days + 1}天"


def bucket_labels(buckets: Sequence[int]) -> list[str]:
    """The Chinese labels of the age buckets (days; whole years written as years).

    >>> bucket_labels([30, 90, 180, 365, 730])
    ['30天以内', '31至90天', '91至180天', '181天至1年', '1至2年', '2年以上']
    """
    labels = [f"{_days_words(buckets[0], True)}以内"]
    for low, high in zip(buckets, buckets[1:]):
        a, b = _days_words(low, False), _days_words(high, True)
        same = a[-1] == b[-1]
        labels.append(f"{a[:-1] if same else a}至{b}")
    labels.append(f"{_days_words(buckets[-1], True)}以上")
    return labels


def age(df: pd.DataFrame, date_column: str, as_of: object, buckets: Sequence[int] = DEFAULT_BUCKETS,
        amount_column: str | None = None) -> pd.DataFrame:
    """Counts (and sums of ``amount_column``) per age bucket: days from the date to ``as_of``.

    >>> df = pd.DataFrame({"d": pd.to_datetime(["2024-06-30", "2024-05-01", "2023-01-01", "2024-07-02"]),
    ...                    "amt": [1.0, 2, 3, 4]})
    >>> age(df, "d", "2024-06-30", [30, 365], "amt")[["账龄", "笔数", "金额"]].values.tolist()
    [['30天以内', 1, 1.0], ['31天至1年', 1, 2.0], ['1年以上', 1, 3.0], ['晚于截止日', 1, 4.0]]
    """
    edges = sorted(int(b) for b in buckets)
    dates = pd.to_datetime(df[date_column], errors="coerce")
    days = (pd.Timestamp(as_of) - dates).dt.days.astype("float64")
    labels = bucket_labels(edges)
    bucket = pd.cut(days, [-0.5, *edges, np.inf], right=True, labels=labels)
    bucket = bucket.cat.add_categories(["晚于截止日", "日期缺失"])
    bucket = bucket.where(~(days < 0), "晚于截止日").fillna("日期缺失")
    out = pd.DataFrame({"账龄": bucket.cat.categories,
                        "笔数": bucket.groupby(bucket, observed=False).size().to_numpy()})
    if amount_column is not None:
        amounts = pd.to_numeric(df[amount_column], errors="coerce").astype("float64").fillna(0.0)
        out["金额"] = amounts.groupby(bucket, observed=False).sum().to_numpy()
    extra = out["账龄"].isin(["晚于截止日", "日期缺失"]) & (out["笔数"] == 0)
    return _share(out[~extra]).reset_index(drop=True)
