"""The ``books`` fixture: 村级财务 rows written as a CSV into a test round, and a run of the village checks."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import village
from toolkit.checks.base import CheckRun, Context, run_checks
from toolkit.ingest.load import load_round

HEADER = ["凭证号", "乡镇", "村", "日期", "收支", "金额", "票据类型", "收款方", "账户类型", "现金", "摘要"]
KEYS = ["id", "town", "village", "date", "direction", "amount", "receipt", "payee", "account", "cash", "memo"]


class Books:
    """Builders for the village tests, writing into one test round."""

    def __init__(self, round_dir):
        self.round_dir = round_dir

    @staticmethod
    def row(vid: str, **values) -> list[object]:
        """A clean 支出 row: 发票, 对公, not cash, 1000 元, unless overridden."""
        row = {"town": "白鹭镇", "village": "桃花村", "date": "2020-03-02", "direction": "支出", "amount": "1000",
               "receipt": "发票", "payee": "青岚县宏达建材商店", "account": "对公", "cash": "否", "memo": "购买水泥"}
        row.update(id=vid, **values)
        return [row[k] for k in KEYS]

    def load(self, rows, thresholds: str = "") -> pd.DataFrame:
        root = self.round_dir.root
        if thresholds:
            (root / "round.toml").write_text((root / "round.toml").read_text(encoding="utf-8")
                                             + "[thresholds]\n" + thresholds, encoding="utf-8")
        self.round_dir.csv("村级财务.csv", [HEADER, *rows])
        data = load_round(root)
        assert data.rejected.empty, data.rejected.to_dict("records")
        self.data = data
        return data.frames["village_finance"]

    def run(self, rows, thresholds: str = "") -> CheckRun:
        self.load(rows, thresholds)
        return run_checks(Context(self.data.frames, self.data.config), village.CHECKS, village.INDICATORS)

    @staticmethod
    def flagged(result: CheckRun, check_id: str) -> list[str]:
        return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])


@pytest.fixture
def books(round_dir) -> Books:
    return Books(round_dir)
