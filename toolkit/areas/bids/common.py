"""招投标 (围标串标): the words every module of the bids package shares, and the keys rules compare on.

Prices are in 元. Bidders are the same when their names fold equal (checks.md
"same name": NFKC, no whitespace, lower case); phone, ip and deposit_account
compare with whitespace removed, mac also without ``-`` ``:`` ``.`` and case-insensitively.
"""

from __future__ import annotations

import re
from typing import Callable

import numpy as np
import pandas as pd

from toolkit.formatting import fold_name, is_empty, no_spaces, per_distinct

AREA = "bids"
TITLE = "招投标"

#: the identity fields of bids.shared_identity, with the words a message uses for them
IDENTITY_FIELDS = {"phone": "联系电话", "ip": "IP地址", "mac": "MAC地址", "deposit_account": "保证金账户"}
_MAC_PUNCTUATION = re.compile(r"[-:.]")


def per_value(series: pd.Series, fold: Callable[[str], str]) -> pd.Series:
    """``fold`` applied once per distinct value of a text column; missing stays missing.

    >>> per_value(pd.Series(["A b", None, "A b"]), str.lower).tolist()
    ['a b', nan, 'a b']
    """
    return pd.Series(per_distinct(series, lambda value: fold(str(value)), np.nan), index=series.index, dtype="str")


def mac_key(text: str) -> str:
    """A MAC address as compared: no whitespace, no ``-`` ``:`` ``.``, lower case.

    >>> mac_key("00-1A-2B-3C-4D-5E") == mac_key("001a.2b3c.4d5e") == mac_key("00:1a:2b:3c:4d:5e")
    True
    """
    return _MAC_PUNCTUATION.sub("", no_spaces(text)).lower()


def bidder_key(bids: pd.DataFrame) -> pd.Series:
    """The folded bidder name ("same name")."""
    return per_value(bids["bidder"], fold_name)


def identity_key(bids: pd.DataFrame, field: str) -> pd.Series:
    """The compared form of one identity field; missing where the value is Empty."""
    key = per_value(bids[field], mac_key if field == "mac" else no_spaces)
    return key.where(~is_empty(bids[field]))


def tender_key(bids: pd.DataFrame) -> pd.Series:
    """tender_id as text."""
    return bids["tender_id"].astype("str")
