"""The ``bid_round`` fixture: 投标记录 rows written as a CSV into a test round, and a run of the bids checks."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import bids
from toolkit.checks.base import CheckRun, Context, run_checks
from toolkit.ingest.load import load_round

HEADER = ["编号", "标段编号", "项目名称", "投标人", "投标报价", "联系电话", "IP地址", "MAC地址", "保证金账户", "递交时间",
          "是否中标"]
KEYS = ["id", "tender_id", "project", "bidder", "price", "phone", "ip", "mac", "deposit_account", "submitted_at",
        "won"]


class BidRounds:
    """Builders for the bids tests, writing into one test round."""

    def __init__(self, round_dir):
        self.round_dir = round_dir
        self.n = 0

    def row(self, tender: str, bidder: str, **values) -> list[object]:
        """A bid with nothing shared: its own phone, IP, MAC and account, a price, a time, not won."""
        self.n += 1
        n = self.n
        row = {"project": f"项目{tender}", "price": str(100000 + 10000 * (n % 5) + n), "phone": f"139{n:08d}",
               "ip": f"10.0.{n}.1", "mac": f"00-1A-2B-3C-{n:02X}-01", "deposit_account": f"6217{n:015d}",
               "submitted_at": f"2020-05-{n % 28 + 1:02d} 0{n % 9}:{n % 60:02d}:00", "won": "否"}
        row.update(id=f"B{n:03d}", tender_id=tender, bidder=bidder, **values)
        return [row[k] for k in KEYS]

    def run(self, rows, thresholds: str = "") -> CheckRun:
        root = self.round_dir.root
        if thresholds:
            (root / "round.toml").write_text((root / "round.toml").read_text(encoding="utf-8")
                                             + "[thresholds]\n" + thresholds, encoding="utf-8")
        self.round_dir.csv("投标记录.csv", [HEADER, *rows])
        data = load_round(root)
        assert data.rejected.empty, data.rejected.to_dict("records")
        return run_checks(Context(data.frames, data.config), bids.CHECKS, bids.INDICATORS)

    def frame(self) -> pd.DataFrame:
        return load_round(self.round_dir.root).frames["bids"]

    @staticmethod
    def flagged(result: CheckRun, check_id: str) -> list[str]:
        return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])


@pytest.fixture
def bid_round(round_dir) -> BidRounds:
    return BidRounds(round_dir)
