"""clues.overdue and clues.closed_without_disposition: violation, boundary and clean rows."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import cases


def test_clues_overdue_boundary(cases_round):
    # as_of 2020-06-30: 2020-04-01 is 90 days before (not over), 2020-03-31 is 91 days (over)
    result = cases_round.run(clues=[
        ["AT", "信访举报", "2020-04-01", "核查中", "", ""],
        ["OVER", "信访举报", "2020-03-31", "未办理", "", ""],
        ["DONE", "信访举报", "2019-01-01", "已办结", "2019-02-01", "予以了结"],
    ])
    assert cases_round.flagged(result, "clues.overdue") == ["OVER"]
    finding = result.findings[result.findings["check_id"] == "clues.overdue"].iloc[0]
    assert finding["severity"] == "medium" and finding["area"] == "cases" and finding["dataset"] == "clues"
    assert "91天" in finding["message"] and finding["unit"] == "" and pd.isna(finding["amount"])


def test_clues_overdue_threshold_from_round(cases_round):
    result = cases_round.run(clues=[["A", "其他", "2020-05-01", "核查中", "", ""]], thresholds="clue_days_max = 30\n")
    assert cases_round.flagged(result, "clues.overdue") == ["A"]


@pytest.mark.parametrize("disposition, hit", [("", True), ("谈话函询", False), ("立案审查", False)])
def test_closed_without_disposition(cases_round, disposition, hit):
    result = cases_round.run(clues=[["C", "巡视巡察", "2020-01-01", "已办结", "2020-02-01", disposition],
                                   ["OPEN", "巡视巡察", "2020-06-01", "核查中", "", ""]])
    assert cases_round.flagged(result, "clues.closed_without_disposition") == (["C"] if hit else [])



def test_clue_messages_and_masks(cases_round):
    result = cases_round.run(clues=[
        ["OVER", "信访举报", "2020-03-31", "未办理", "", ""],
        ["BLANK", "巡视巡察", "2020-01-01", "已办结", "2020-02-01", ""],
        ["OK", "巡视巡察", "2020-06-01", "核查中", "", ""],
    ])
    messages = dict(zip(result.findings["record_id"], result.findings["message"]))
    assert messages == {"OVER": "线索OVER（信访举报）于2020-03-31受理，状态为未办理，已91天未办结，超过90天办理时限",
                        "BLANK": "线索BLANK（巡视巡察）已于2020-02-01办结，但未填写处置方式"}
    clues = pd.DataFrame({"status": ["未办理", "已办结", "已办结", None],
                          "received_on": pd.to_datetime(["2020-03-31", "2020-01-01", "2019-01-01", "2019-01-01"]),
                          "disposition": [None, "无", "谈话函询", None]})
    assert cases.overdue_mask(clues, pd.Timestamp("2020-06-30"), 90).tolist() == [True, False, False, True]
    assert cases.closed_without_disposition_mask(clues).tolist() == [False, True, False, False]
    assert cases.is_closed(clues).tolist() == [False, True, True, False]


def test_each_check_names_the_thresholds_it_reads():
    assert {c.id: c.params for c in cases.CHECKS} == {
        "clues.overdue": ("clue_days_max",), "clues.closed_without_disposition": (),
        "cases.form_sanction_mismatch": ()}
