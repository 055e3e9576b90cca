"""The finding key: one short, stable name for a finding across runs and rounds.

The key of a finding is the first 10 hexadecimal characters of the SHA-256 of its **canonical
string**: ``check_id``, ``dataset`` and ``record_id``, each as written in findings.csv (no folding),
joined by the ASCII unit separator U+001F, encoded as UTF-8. The same check flagging the same record of
the same dataset gets the same key in every run and every round, whatever the other columns say; so an
answer (review.csv), a comparison or a ledger row can point at it. 10 hex characters are 40 bits: a
collision among the findings of a round (thousands) is about one in 10⁸.

Only hashlib and pandas: it sits in the checks layer, which stamps every finding with its key.
"""

from __future__ import annotations

import hashlib

import pandas as pd

KEY_LENGTH = 10
SEPARATOR = "\x1f"
KEY_COLUMN = "finding_key"


def canonical(check_id: str, dataset: str, record_id: str) -> str:
    """The string a finding's key hashes.

    >>> canonical("ledger.overdue", "ledger", "M-01")
    'ledger.overdue\\x1fledger\\x1fM-01'
    """
    return SEPARATOR.join((str(check_id), str(dataset), str(record_id)))


def finding_key(check_id: str, dataset: str, record_id: str) -> str:
    """The key of one finding: 10 hex characters of SHA-256(canonical string).

    >>> finding_key("ledger.overdue", "ledger", "M-01")
    '7af17b22e2'
    >>> len(finding_key("a", "b", "")) == KEY_LENGTH
    True
    """
    digest = hashlib.sha256(canonical(check_id, dataset, record_id).encode("utf-8")).hexdigest()
    return digest[:KEY_LENGTH]


def finding_keys(findings: pd.DataFrame) -> pd.Series:
    """The key of every finding of a findings table (same index), as ``str``.

    >>> f = pd.DataFrame({"check_id": ["x.a"], "dataset": ["d"], "record_id": ["1"]})
    >>> finding_keys(f).tolist() == [finding_key("x.a", "d", "1")]
    True
    """
    triples = zip(findings["check_id"].astype("str"), findings["dataset"].astype("str"),
                  findings["record_id"].fillna("").astype("str"))
    return pd.Series([finding_key(*t) for t in triples], index=findings.index, dtype="str", name=KEY_COLUMN)
