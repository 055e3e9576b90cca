"""Mask personal data in exports: names of the round's sensitive columns, ID and phone numbers.

Data stay on the machine; an export meant to leave it (a findings list sent to a
supervision group) can be written with ``--mask``.

>>> mask_text("张三丰（身份证 360102199001011234，电话 13812345678）", names={"张三丰"})
'张**（身份证 360102********1234，电话 138****5678）'
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

import pandas as pd

from toolkit.datasets import DATASETS

ID_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")
MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_name(name: str) -> str:
    """Keep the surname, star the rest: 张三 → 张*, 欧阳修文 → 欧***.

    >>> mask_name("李四"), mask_name("欧阳修文")
    ('李*', '欧***')
    """
    name = name.strip()
    return name[:1] + "*" * (len(name) - 1) if len(name) > 1 else "*"


def sensitive_names(frames: Mapping[str, pd.DataFrame]) -> set[str]:
    """Every value of the columns datasets.md marks as personal data."""
    names: set[str] = set()
    for dataset_name, frame in frames.items():
        for column in DATASETS[dataset_name].columns:
            if column.sensitive and column.name in frame:
                names.update(v.strip() for v in frame[column.name].dropna() if len(v.strip()) >= 2)
    return names


def mask_text(text: str, names: Iterable[str] = ()) -> str:
    """Mask ID numbers, mobile numbers and the given names in one text."""
    text = ID_NUMBER.sub(lambda m: m.group(1) + "*" * 8 + m.group(2), text)
    text = MOBILE.sub(lambda m: m.group(1) + "****" + m.group(2), text)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text


def mask_findings(findings: pd.DataFrame, names: Iterable[str]) -> pd.DataFrame:
    """A copy of the findings with personal data masked in record_id, unit and message."""
    names = list(names)
    masked = {c: findings[c].map(lambda v: mask_text(v, names) if isinstance(v, str) else v)
              for c in ("record_id", "unit", "message")}
    return findings.assign(**masked)
