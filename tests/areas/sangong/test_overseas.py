"""因公出国（境）: approval and days abroad."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import sangong


@pytest.mark.parametrize("approval,flagged", [(None, True), ("无", True), ("外批〔2020〕3号", False)])
def test_overseas_no_approval(approval, flagged, sg):
    result = sg.run({"overseas": [sg.trip_abroad("G1", approval_no=approval)]})
    assert sg.found(result, "overseas.no_approval") == (["G1"] if flagged else [])
    if flagged:
        assert sg.finding(result, "overseas.no_approval", "G1")["amount"] == 30000.0


@pytest.mark.parametrize("countries,days,flagged", [
    ("德国", 5, False), ("德国", 6, True),
    ("德国、法国", 8, False), ("德国、法国", 9, True),
    ("德国、法国、意大利", 10, False), ("德国、法国、意大利", 11, True),
    ("德国，法国;英国；意大利,西班牙", 10, False), ("德国，法国;英国；意大利,西班牙", 11, True),
    ("德国、、法国", 8, False), ("德国、、法国", 9, True),     # empty piece dropped: two countries
    ("德国、", 6, True), ("，德国；", 5, False),               # one country
])
def test_overseas_over_days(countries, days, flagged, sg):
    ret = (pd.Timestamp("2020-03-01") + pd.Timedelta(days=days - 1)).strftime("%Y-%m-%d")
    result = sg.run({"overseas": [sg.trip_abroad("G1", countries=countries, return_on=ret)]})
    assert sg.found(result, "overseas.over_days") == (["G1"] if flagged else [])


def test_overseas_days_message_and_table(sg):
    result = sg.run({"overseas": [sg.trip_abroad("G1", countries="德国、法国", return_on="2020-03-10")]})
    message = sg.finding(result, "overseas.over_days", "G1")["message"]
    assert "在外10天" in message and "超过8天" in message and "2个国家" in message
    table = sangong.overseas_days(sg.typed("overseas", [sg.trip_abroad("G1", countries="德国、、法国")]))
    assert table[["days", "n_countries", "limit"]].values.tolist() == [[5, 2, 8]]
