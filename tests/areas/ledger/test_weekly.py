"""Weekly progress over time: the burn-down table and what changed since last week."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.areas import ledger


def test_burn_down_and_changes_since_last_week(make):
    reports = make.progress(
        ("M1", "2020-06-01", "推进中", "a"), ("M2", "2020-06-01", "未启动", ""),
        ("M1", "2020-06-08", "已完成", "完成"), ("M2", "2020-06-08", "未启动", ""),
        ("M1", "2020-06-15", "推进中", "反弹"), ("M2", "2020-06-15", "推进中", "启动"), ("M3", "2020-06-15", "推进中", ""),
        ("M1", "2020-07-06", "已完成", "after as_of"),
    )
    burn = ledger.burn_down(reports, make.as_of)
    assert burn["周报日期"].dt.strftime("%m-%d").tolist() == ["06-01", "06-08", "06-15"]
    assert burn["未完成"].tolist() == [2, 1, 3]
    assert burn["已报告措施"].tolist() == [2, 2, 3]
    changes = ledger.changes_since_last_week(reports, make.as_of, make.ledger({}, {}, {}))
    assert changes[["措施编号", "变化"]].values.tolist() == [
        ["M1", "已完成→推进中"], ["M2", "未启动→推进中"], ["M3", "（无周报）→推进中"]]
    assert [d.day for d in changes.attrs["weeks"]] == [8, 15]
    assert "整改措施" in changes and "责任单位" in changes



def reference_burn_down(progress: pd.DataFrame, as_of) -> pd.DataFrame:
    """The burn-down table week by week: each measure's latest status on or before the week."""
    reports = ledger.ordered_reports(progress, as_of)
    rows = []
    for week in sorted(reports["week_of"].unique()):
        status = ledger.status_at(reports, week)
        counts = status.value_counts()
        rows.append({"周报日期": pd.Timestamp(week), "已报告措施": len(status),
                     **{s: int(counts.get(s, 0)) for s in ledger.STATUSES}, "未完成": int((status != ledger.DONE).sum())})
    columns = ["周报日期", "已报告措施", *ledger.STATUSES, "未完成"]
    return pd.DataFrame(rows, columns=columns).astype({c: "int64" for c in columns[1:]} | {"周报日期": "datetime64[ns]"})


def random_reports(make, seed: int) -> pd.DataFrame:
    """12 measures over 14 weeks (some after as_of): weeks skipped, two reports in a week, a missing status."""
    rng = np.random.default_rng(seed)
    weeks = pd.date_range("2020-04-06", periods=14, freq="7D")
    statuses = [*ledger.STATUSES, None]
    reports = []
    for m in range(12):
        for week in weeks:
            for _ in range(rng.choice([0, 1, 1, 1, 2])):
                reports.append((f"M{m}", week, statuses[rng.choice(4, p=[0.35, 0.4, 0.2, 0.05])], ""))
    order = rng.permutation(len(reports))
    return make.progress(*[reports[i] for i in order])


@pytest.mark.parametrize("seed", range(5))
def test_burn_down_equals_the_week_by_week_reference(make, seed):
    reports = random_reports(make, seed)
    pd.testing.assert_frame_equal(ledger.burn_down(reports, make.as_of), reference_burn_down(reports, make.as_of))


def test_burn_down_without_reports(make):
    table = ledger.burn_down(make.progress(), make.as_of)
    assert table.empty and list(table.columns) == ["周报日期", "已报告措施", "已完成", "推进中", "未启动", "未完成"]
