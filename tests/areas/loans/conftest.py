"""The ``loan_round`` fixture: 财园信贷通 rows written as a CSV (万元 headers) into a test round, and a run of the
loans checks."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import loans
from toolkit.checks.base import CheckRun, Context, run_checks
from toolkit.ingest.load import load_round

HEADER = ["编号", "企业", "放贷日期", "金额（万元）", "上年纳税（万元）", "实体企业", "安全隐患", "环保不达标", "续贷",
          "上次金额（万元）"]
KEYS = ["id", "company", "date", "amount", "tax_last_year", "is_entity", "safety_issue", "env_issue", "renewal",
        "previous_amount"]


class LoanRounds:
    """Builders for the loans tests, writing into one test round."""

    def __init__(self, round_dir):
        self.round_dir = round_dir

    @staticmethod
    def row(lid: str, **values) -> list[object]:
        """A clean loan: an entity firm paying 50 万元 tax, no problems, a new loan of 300 万元."""
        row = {"company": f"企业{lid}", "date": "2020-03-02", "amount": "300", "tax_last_year": "50",
               "is_entity": "是", "safety_issue": "否", "env_issue": "否", "renewal": "否", "previous_amount": ""}
        row.update(id=lid, **values)
        return [row[k] for k in KEYS]

    def run(self, rows) -> CheckRun:
        self.round_dir.csv("财园信贷通.csv", [HEADER, *rows], encoding="gb18030")
        data = load_round(self.round_dir.root)
        assert data.rejected.empty, data.rejected.to_dict("records")
        return run_checks(Context(data.frames, data.config), loans.CHECKS, loans.INDICATORS)

    def frame(self) -> pd.DataFrame:
        return load_round(self.round_dir.root).frames["loans"]

    @staticmethod
    def flagged(result: CheckRun, check_id: str) -> list[str]:
        return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])


@pytest.fixture
def loan_round(round_dir) -> LoanRounds:
    return LoanRounds(round_dir)
