"""工业用地: the words every module of the land package shares.

Areas are in 亩 (平方米 and 公顷 are converted when the file is read), money in 万元.
"""

from __future__ import annotations

import pandas as pd

from toolkit.datasets import LAND_STATUS

AREA = "land"
TITLE = "工业用地"

UNSUPPLIED, SUPPLIED_NOT_STARTED, BUILDING, COMPLETED, RECLAIMED = LAND_STATUS  # 批而未供 → … → 已收回
IDLE_GROUP_1 = "闲置满1年不满2年"
IDLE_GROUP_2 = "闲置满2年（可无偿收回）"
AREA_COL = "面积（亩）"


def parcel_label(row: pd.Series) -> str:
    """地块P01（项目，单位）— how a finding message names a parcel; empty parts left out.

    >>> parcel_label(pd.Series({"parcel_id": "P01", "project": "新材料项目", "company": " "}))
    '地块P01（新材料项目）'
    """
    parts = [str(row[c]).strip() for c in ("project", "company")
             if isinstance(row.get(c), str) and row[c].strip()]
    return f"地块{row['parcel_id']}" + (f"（{'，'.join(parts)}）" if parts else "")
