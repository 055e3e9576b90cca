"""ledger.stalled and ledger.regressed: the latest reports, report order, as_of, notes."""

from __future__ import annotations

import pandas as pd

from toolkit.areas import ledger

STUCK = ("推进中", "正在研究制定方案")


def test_stalled_exactly_threshold_reports(make):
    progress = make.progress(*make.weekly("M1", [STUCK] * 4))
    assert make.ids(make.run(make.ledger({}), progress), "ledger.stalled") == ["M1"]


def test_stalled_one_report_fewer_is_not(make):
    progress = make.progress(*make.weekly("M1", [STUCK] * 3))
    assert make.ids(make.run(make.ledger({}), progress), "ledger.stalled") == []


def test_stalled_threshold_from_round(make):
    progress = make.progress(*make.weekly("M1", [STUCK] * 3))
    assert make.ids(make.run(make.ledger({}), progress, ledger_stall_weeks=3), "ledger.stalled") == ["M1"]


def test_stalled_differing_notes_are_not(make):
    entries = [STUCK] * 3 + [("推进中", "已完成方案初稿")]
    assert make.ids(make.run(make.ledger({}), make.progress(*make.weekly("M1", entries))), "ledger.stalled") == []


def test_stalled_notes_compare_trimmed_and_empty_notes_are_the_same(make):
    trimmed = make.weekly("M1", [("推进中", "正在推进"), ("推进中", " 正在推进"), ("推进中", "正在推进 "),
                                 ("推进中", "正在推进")])
    empty = make.weekly("M2", [("推进中", None), ("推进中", ""), ("推进中", "  "), ("推进中", None)])
    marker = make.weekly("M3", [("推进中", "无"), ("推进中", None), ("推进中", "无"), ("推进中", "")])
    result = make.run(make.ledger({}, {}, {}), make.progress(*trimmed, *empty, *marker))
    assert make.ids(result, "ledger.stalled") == ["M1", "M2", "M3"]
    message = result.findings.loc[result.findings["record_id"] == "M2", "message"].iloc[0]
    assert "均未填写进展说明" in message and "敷衍整改" in message


def test_stalled_only_latest_reports_count_and_other_statuses_break_it(make):
    varied = [("推进中", f"完成{p}%") for p in (10, 20, 30)]
    m1 = make.weekly("M1", varied + [STUCK] * 4)                    # stalled after progress
    m2 = make.weekly("M2", [STUCK] * 3 + [("已完成", "已完成")])      # finished
    m3 = make.weekly("M3", [("未启动", "尚未启动")] * 5)               # 未启动 is not 推进中
    m4 = make.weekly("M4", [STUCK] * 2 + [("未启动", "正在研究制定方案")] + [STUCK] * 2)
    result = make.run(make.ledger({}, {}, {}, {}), make.progress(*m1, *m2, *m3, *m4))
    assert make.ids(result, "ledger.stalled") == ["M1"]


def test_stalled_ignores_reports_after_as_of(make):
    # four stuck reports to as_of, then a different note after as_of: still stalled
    m1 = make.weekly("M1", [STUCK] * 4 + [("推进中", "已完成主体工作")], start="2020-06-08")
    # three stuck reports to as_of, a fourth after as_of: not (yet) stalled
    m2 = make.weekly("M2", [STUCK] * 4, start="2020-06-15")
    result = make.run(make.ledger({}, {}), make.progress(*m1, *m2))
    assert make.ids(result, "ledger.stalled") == ["M1"]


def test_stalled_same_week_reports_ordered_by_file_row(make):
    # two reports share the first week of the window; the one lower in the file is the later one,
    # so it is among the latest four and the other is not
    first = pd.Timestamp("2020-05-04")
    tie = [("M1", first, "推进中", "方案已报审"), ("M1", first, "推进中", "正在研究制定方案")]
    rest = make.weekly("M1", [STUCK] * 3, start="2020-05-11")
    assert make.ids(make.run(make.ledger({}), make.progress(*tie, *rest)), "ledger.stalled") == ["M1"]
    assert make.ids(make.run(make.ledger({}), make.progress(*tie[::-1], *rest)), "ledger.stalled") == []


def test_stalled_needs_progress(make):
    result = make.run(make.ledger({}))
    assert "ledger.stalled" in result.skipped and "ledger.regressed" in result.skipped
    assert make.ids(result, "ledger.stalled") == []


def test_regressed_violation_and_clean(make):
    m1 = make.weekly("M1", [("推进中", "a"), ("已完成", "完成"), ("推进中", "重新整改")])
    m2 = make.weekly("M2", [("已完成", "完成"), ("已完成", "完成"), ("未启动", "重新启动")])
    m3 = make.weekly("M3", [("未启动", ""), ("推进中", ""), ("已完成", "完成")])  # forward only: clean
    result = make.run(make.ledger({}, {}, make.done()), make.progress(*m1, *m2, *m3))
    assert make.ids(result, "ledger.regressed") == ["M1", "M2"]
    finding = result.findings[(result.findings["check_id"] == "ledger.regressed")].iloc[0]
    assert finding["severity"] == "high" and finding["dataset"] == "ledger" and finding["unit"] == "县委办"
    assert "2020年5月11日" in finding["message"] and "反弹" in finding["message"]


def test_regression_only_after_as_of_is_ignored(make):
    m1 = make.weekly("M1", [("推进中", ""), ("已完成", "完成"), ("推进中", "反弹")], start="2020-06-22")
    assert [str(d.date()) for d in make.progress(*m1)["week_of"]] == ["2020-06-22", "2020-06-29", "2020-07-06"]
    assert make.ids(make.run(make.ledger({}), make.progress(*m1)), "ledger.regressed") == []


def test_regressed_same_week_uses_file_order(make):
    same = [("M1", pd.Timestamp("2020-06-01"), "已完成", ""), ("M1", pd.Timestamp("2020-06-01"), "推进中", "")]
    assert make.ids(make.run(make.ledger({}), make.progress(*same)), "ledger.regressed") == ["M1"]
    reverse = [("M1", pd.Timestamp("2020-06-01"), "推进中", ""), ("M1", pd.Timestamp("2020-06-01"), "已完成", "")]
    assert make.ids(make.run(make.ledger({}), make.progress(*reverse)), "ledger.regressed") == []


def test_clean_round_has_no_findings(make):
    frame = make.ledger(make.done(), {"deadline": "2020-09-30"}, {"kind": "长期坚持", "deadline": None})
    progress = make.progress(*make.weekly("M2", [("推进中", f"完成{p}%") for p in (10, 20, 30, 40, 50)]),
                             *make.weekly("M1", [("推进中", "a"), ("已完成", "完成"), ("已完成", "完成")]))
    result = make.run(frame, progress)
    assert result.findings.empty and result.skipped == {}



def test_stalled_table_lists_measures_in_ledger_order(make):
    progress = make.progress(*make.weekly("M3", [STUCK] * 4), *make.weekly("M1", [STUCK] * 5))
    table = ledger.stalled_table(make.ledger({}, {}, {}), progress, make.as_of, 4)
    assert table["measure_id"].tolist() == ["M1", "M3"] and table["reports"].tolist() == [5, 4]
    assert table["note"].tolist() == ["正在研究制定方案"] * 2


def test_stalled_and_regression_tables_empty_with_their_columns(make):
    stalled = ledger.stalled_table(make.ledger({}), make.progress(), make.as_of, 4)
    assert stalled.empty and list(stalled.columns) == ["measure_id", "from", "to", "note", "reports"]
    regressed = ledger.regression_table(make.progress(), make.as_of)
    assert regressed.empty and list(regressed.columns) == ["measure_id", "completed_week", "relapse_week",
                                                           "relapse_status", "relapses"]
