"""Tests for toolkit.areas.ledger: the five ledger checks, the indicators, 三色预警 and the notebook tables."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.areas import ledger
from toolkit.checks.base import Context, run_checks
from toolkit.config import RoundConfig, Thresholds

AS_OF = dt.date(2020, 6, 30)
LEDGER_COLUMNS = ["measure_id", "aspect_no", "aspect", "problem_no", "problem", "sub_problem", "measure",
                  "lead_leader", "units", "kind", "deadline", "status", "completed_on", "signed_off_by",
                  "signed_off_on", "evidence"]
DATES = ("deadline", "completed_on", "signed_off_on")


def make_ledger(*rows: dict) -> pd.DataFrame:
    """A typed ledger frame as ingest hands it over (str text, Int64 numbers, datetime64 dates, _row)."""
    base = {"aspect_no": 1, "aspect": "学习贯彻存在差距", "problem_no": 1, "problem": "学习不深入",
            "sub_problem": None, "measure": "深化理论学习", "lead_leader": "张三", "units": "县委办",
            "kind": "限期整改", "deadline": "2020-09-30", "status": "推进中", "completed_on": None,
            "signed_off_by": None, "signed_off_on": None, "evidence": None}
    records = [{**base, "measure_id": f"M{i}", **row} for i, row in enumerate(rows, start=1)]
    frame = pd.DataFrame(records, columns=LEDGER_COLUMNS)
    types = {c: "str" for c in LEDGER_COLUMNS if c not in DATES and c not in ("aspect_no", "problem_no")}
    frame = frame.astype({**types, "aspect_no": "Int64", "problem_no": "Int64"})
    for column in DATES:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    frame.insert(0, "_row", pd.array(range(2, len(frame) + 2), dtype="Int64"))
    return frame


def done(**row) -> dict:
    """A completed, properly signed-off measure."""
    return {"status": "已完成", "deadline": "2020-05-31", "completed_on": "2020-05-20", "signed_off_by": "李四",
            "signed_off_on": "2020-05-25", "evidence": "青办字〔2020〕12号", **row}


def make_progress(*reports: tuple) -> pd.DataFrame:
    """Reports as (measure_id, week_of, status, note); ids P1…, _row in order given."""
    frame = pd.DataFrame(reports, columns=["measure_id", "week_of", "status", "note"])
    frame.insert(0, "id", [f"P{i}" for i in range(1, len(frame) + 1)])
    frame = frame.astype({"id": "str", "measure_id": "str", "status": "str", "note": "str"})
    frame["week_of"] = pd.to_datetime(frame["week_of"]).astype("datetime64[ns]")
    frame.insert(0, "_row", pd.array(range(2, len(frame) + 2), dtype="Int64"))
    return frame


def weekly(measure: str, entries: list[tuple[str, str | None]], start: str = "2020-05-04") -> list[tuple]:
    weeks = pd.date_range(start, periods=len(entries), freq="7D")
    return [(measure, w, status, note) for w, (status, note) in zip(weeks, entries)]


def run(ledger_frame: pd.DataFrame, progress: pd.DataFrame | None = None, **thresholds):
    data = {"ledger": ledger_frame}
    if progress is not None:
        data["progress"] = progress
    config = RoundConfig(slug="t", period_start=dt.date(2019, 10, 1), as_of=AS_OF, target="青岚县",
                         thresholds=Thresholds().with_overrides(thresholds))
    return run_checks(Context(data, config), ledger.CHECKS, ledger.INDICATORS)


def ids(result, check_id: str) -> list[str]:
    return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])


# ---- ledger.overdue ---------------------------------------------------------------------------

def test_overdue_violation_boundary_and_clean():
    frame = make_ledger(
        {"deadline": "2020-06-29", "status": "推进中", "units": "县委办、县财政局"},  # one day late
        {"deadline": "2020-06-30", "status": "推进中"},                             # deadline = as_of: not overdue
        {"deadline": "2020-05-31", "status": "未启动"},
        done(deadline="2020-05-31"),                                              # completed
        {"kind": "长期坚持", "deadline": None, "status": "推进中"},                   # no deadline
    )
    result = run(frame)
    assert ids(result, "ledger.overdue") == ["M1", "M3"]
    row = result.findings[(result.findings["check_id"] == "ledger.overdue") & (result.findings["record_id"] == "M1")]
    row = row.iloc[0]
    assert row["unit"] == "县委办、县财政局"
    assert row["dataset"] == "ledger" and row["severity"] == "medium" and np.isnan(row["amount"])
    assert row["row"] == 2
    assert "2020年6月29日" in row["message"] and "逾期1天" in row["message"]
    assert result.indicators["ledger.overdue"] == 2


def test_overdue_clean():
    assert ids(run(make_ledger({"deadline": "2020-07-31"}, done())), "ledger.overdue") == []


# ---- ledger.closed_without_signoff ------------------------------------------------------------

def test_closed_without_signoff_each_missing_piece():
    frame = make_ledger(
        done(signed_off_by=None),
        done(signed_off_by=" 无 "),
        done(signed_off_on=None),
        done(evidence="/"),
        done(evidence="   "),
        done(),                                                      # complete sign-off: clean
        {"status": "推进中"},                                          # not completed: not this check
    )
    result = run(frame)
    assert ids(result, "ledger.closed_without_signoff") == ["M1", "M2", "M3", "M4", "M5"]
    message = result.findings.loc[result.findings["record_id"] == "M3", "message"].iloc[0]
    assert "销号日期" in message and "签字背书" in message
    assert result.indicators["ledger.signed_off"] == 1


def test_closed_without_signoff_clean():
    assert ids(run(make_ledger(done(), done(evidence="见会议纪要"))), "ledger.closed_without_signoff") == []


# ---- ledger.completed_late --------------------------------------------------------------------

def test_completed_late():
    frame = make_ledger(
        done(deadline="2020-03-31", completed_on="2020-04-01"),
        done(deadline="2020-05-31", completed_on="2020-05-31"),    # on the deadline: in time
        done(deadline=None, kind="长期坚持", completed_on="2020-05-31"),
        done(completed_on=None),
    )
    result = run(frame)
    assert ids(result, "ledger.completed_late") == ["M1"]
    message = result.findings.loc[result.findings["check_id"] == "ledger.completed_late", "message"].iloc[0]
    assert "超过时限1天" in message
    assert result.findings.loc[result.findings["check_id"] == "ledger.completed_late", "severity"].iloc[0] == "low"


# ---- ledger.stalled ---------------------------------------------------------------------------

STUCK = ("推进中", "正在研究制定方案")


def test_stalled_exactly_threshold_reports():
    progress = make_progress(*weekly("M1", [STUCK] * 4))
    assert ids(run(make_ledger({}), progress), "ledger.stalled") == ["M1"]


def test_stalled_one_report_fewer_is_not():
    progress = make_progress(*weekly("M1", [STUCK] * 3))
    assert ids(run(make_ledger({}), progress), "ledger.stalled") == []


def test_stalled_threshold_from_round():
    progress = make_progress(*weekly("M1", [STUCK] * 3))
    assert ids(run(make_ledger({}), progress, ledger_stall_weeks=3), "ledger.stalled") == ["M1"]


def test_stalled_differing_notes_are_not():
    entries = [STUCK] * 3 + [("推进中", "已完成方案初稿")]
    assert ids(run(make_ledger({}), make_progress(*weekly("M1", entries))), "ledger.stalled") == []


def test_stalled_notes_compare_trimmed_and_empty_notes_are_the_same():
    trimmed = weekly("M1", [("推进中", "正在推进"), ("推进中", " 正在推进"), ("推进中", "正在推进 "), ("推进中", "正在推进")])
    empty = weekly("M2", [("推进中", None), ("推进中", ""), ("推进中", "  "), ("推进中", None)])
    marker = weekly("M3", [("推进中", "无"), ("推进中", None), ("推进中", "无"), ("推进中", "")])
    result = run(make_ledger({}, {}, {}), make_progress(*trimmed, *empty, *marker))
    assert ids(result, "ledger.stalled") == ["M1", "M2", "M3"]
    message = result.findings.loc[result.findings["record_id"] == "M2", "message"].iloc[0]
    assert "均未填写进展说明" in message and "敷衍整改" in message


def test_stalled_only_latest_reports_count_and_other_statuses_break_it():
    varied = [("推进中", f"完成{p}%") for p in (10, 20, 30)]
    m1 = weekly("M1", varied + [STUCK] * 4)                         # stalled after progress
    m2 = weekly("M2", [STUCK] * 3 + [("已完成", "已完成")])           # finished
    m3 = weekly("M3", [("未启动", "尚未启动")] * 5)                    # 未启动 is not 推进中
    m4 = weekly("M4", [STUCK] * 2 + [("未启动", "正在研究制定方案")] + [STUCK] * 2)
    result = run(make_ledger({}, {}, {}, {}), make_progress(*m1, *m2, *m3, *m4))
    assert ids(result, "ledger.stalled") == ["M1"]


def test_stalled_ignores_reports_after_as_of():
    # four stuck reports to as_of, then a different note after as_of: still stalled
    m1 = weekly("M1", [STUCK] * 4 + [("推进中", "已完成主体工作")], start="2020-06-08")
    # three stuck reports to as_of, a fourth after as_of: not (yet) stalled
    m2 = weekly("M2", [STUCK] * 4, start="2020-06-15")
    result = run(make_ledger({}, {}), make_progress(*m1, *m2))
    assert ids(result, "ledger.stalled") == ["M1"]


def test_stalled_same_week_reports_ordered_by_file_row():
    # two reports share the first week of the window; the one lower in the file is the later one,
    # so it is among the latest four and the other is not
    first = pd.Timestamp("2020-05-04")
    tie = [("M1", first, "推进中", "方案已报审"), ("M1", first, "推进中", "正在研究制定方案")]
    rest = weekly("M1", [STUCK] * 3, start="2020-05-11")
    assert ids(run(make_ledger({}), make_progress(*tie, *rest)), "ledger.stalled") == ["M1"]
    assert ids(run(make_ledger({}), make_progress(*tie[::-1], *rest)), "ledger.stalled") == []


def test_stalled_needs_progress():
    result = run(make_ledger({}))
    assert "ledger.stalled" in result.skipped and "ledger.regressed" in result.skipped
    assert ids(result, "ledger.stalled") == []


# ---- ledger.regressed -------------------------------------------------------------------------

def test_regressed_violation_and_clean():
    m1 = weekly("M1", [("推进中", "a"), ("已完成", "完成"), ("推进中", "重新整改")])
    m2 = weekly("M2", [("已完成", "完成"), ("已完成", "完成"), ("未启动", "重新启动")])
    m3 = weekly("M3", [("未启动", ""), ("推进中", ""), ("已完成", "完成")])     # forward only: clean
    result = run(make_ledger({}, {}, done()), make_progress(*m1, *m2, *m3))
    assert ids(result, "ledger.regressed") == ["M1", "M2"]
    finding = result.findings[(result.findings["check_id"] == "ledger.regressed")].iloc[0]
    assert finding["severity"] == "high" and finding["dataset"] == "ledger" and finding["unit"] == "县委办"
    assert "2020年5月11日" in finding["message"] and "反弹" in finding["message"]


def test_regression_only_after_as_of_is_ignored():
    m1 = weekly("M1", [("推进中", ""), ("已完成", "完成"), ("推进中", "反弹")], start="2020-06-22")
    assert [str(d.date()) for d in make_progress(*m1)["week_of"]] == ["2020-06-22", "2020-06-29", "2020-07-06"]
    assert ids(run(make_ledger({}), make_progress(*m1)), "ledger.regressed") == []


def test_regressed_same_week_uses_file_order():
    same = [("M1", pd.Timestamp("2020-06-01"), "已完成", ""), ("M1", pd.Timestamp("2020-06-01"), "推进中", "")]
    assert ids(run(make_ledger({}), make_progress(*same)), "ledger.regressed") == ["M1"]
    reverse = [("M1", pd.Timestamp("2020-06-01"), "推进中", ""), ("M1", pd.Timestamp("2020-06-01"), "已完成", "")]
    assert ids(run(make_ledger({}), make_progress(*reverse)), "ledger.regressed") == []


def test_clean_round_has_no_findings():
    frame = make_ledger(done(), {"deadline": "2020-09-30"}, {"kind": "长期坚持", "deadline": None})
    progress = make_progress(*weekly("M2", [("推进中", f"完成{p}%") for p in (10, 20, 30, 40, 50)]),
                             *weekly("M1", [("推进中", "a"), ("已完成", "完成"), ("已完成", "完成")]))
    result = run(frame, progress)
    assert result.findings.empty and result.skipped == {}


# ---- indicators -------------------------------------------------------------------------------

def test_indicators():
    frame = make_ledger(
        done(aspect_no=1, problem_no=1, lead_leader="张三", units="县委办、县政府办"),
        done(aspect_no=1, problem_no=2, lead_leader=" 张三 ", units="县委办，县财政局；", evidence="无"),
        {"aspect_no": 2, "problem_no": 3, "lead_leader": "李四", "units": "县财政局;县纪委监委 ,县委办",
         "deadline": "2020-06-01"},
        {"aspect_no": 2, "problem_no": 3, "lead_leader": None, "units": None, "status": "未启动"},
        {"aspect_no": 2, "problem_no": 4, "lead_leader": "无", "units": "无", "kind": "长期坚持", "deadline": None},
    )
    values = run(frame).indicators
    assert values == {
        "ledger.aspects": 2, "ledger.problems": 4, "ledger.measures": 5, "ledger.leaders": 2, "ledger.units": 4,
        "ledger.completed": 2, "ledger.in_progress": 2, "ledger.not_started": 1, "ledger.signed_off": 1,
        "ledger.completion_rate": 0.4, "ledger.overdue": 1,
    }
    assert {i.name for i in ledger.INDICATORS} == set(values)


def test_indicators_null_without_ledger_and_rate_of_empty_ledger():
    config = RoundConfig(slug="t", period_start=dt.date(2019, 10, 1), as_of=AS_OF)
    result = run_checks(Context({}, config), ledger.CHECKS, ledger.INDICATORS)
    assert all(v is None for v in result.indicators.values())
    assert len(result.skipped) == 5
    empty = run(make_ledger({}).iloc[0:0])
    assert empty.indicators["ledger.measures"] == 0 and empty.indicators["ledger.completion_rate"] is None


# ---- 三色预警 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("deadline,expected", [
    ("2020-07-21", ""), ("2020-07-20", "绿"), ("2020-07-11", "绿"), ("2020-07-10", "黄"),
    ("2020-06-30", "黄"), ("2020-06-29", "红"), ("2019-12-31", "红"),
])
def test_warning_level_days(deadline, expected):
    assert ledger.warning_level(pd.Timestamp(deadline), "推进中", AS_OF) == expected
    assert ledger.warning_level(deadline, "未启动", pd.Timestamp(AS_OF)) == expected


def test_warning_level_none_for_completed_and_no_deadline():
    assert ledger.warning_level("2020-06-01", "已完成", AS_OF) == ""
    assert ledger.warning_level(None, "推进中", AS_OF) == ""
    assert ledger.warning_level(pd.NaT, "推进中", AS_OF) == ""


def test_with_warnings_matches_scalar_function():
    deadlines = ["2020-07-21", "2020-07-20", "2020-07-10", "2020-06-30", "2020-06-29", None, "2020-06-01"]
    frame = make_ledger(*[{"deadline": d, "kind": "长期坚持" if d is None else "限期整改"} for d in deadlines],
                        done(deadline="2020-06-01"))
    warned = ledger.with_warnings(frame, AS_OF)
    assert warned["预警"].tolist() == ["", "绿", "黄", "黄", "红", "", "红", ""]
    assert warned["预警"].tolist() == [ledger.warning_level(d, s, AS_OF)
                                     for d, s in zip(frame["deadline"], frame["status"])]
    assert list(frame.columns) + ["预警"] == list(warned.columns)
    listed = ledger.warning_list(frame, AS_OF)
    assert listed["预警"].tolist() == ["红", "红", "黄", "黄", "绿"]
    assert listed["剩余天数"].tolist() == [-29, -1, 0, 10, 20]


# ---- tables -----------------------------------------------------------------------------------

def test_completion_tables_and_kind_mix():
    frame = make_ledger(
        done(aspect_no=1, aspect="甲方面", problem_no=1, units="县委办、县政府办", lead_leader="张三"),
        {"aspect_no": 1, "aspect": "甲方面", "problem_no": 1, "units": "县委办", "lead_leader": "张三"},
        {"aspect_no": 2, "aspect": "乙方面", "problem_no": 2, "units": None, "lead_leader": None,
         "status": "未启动", "kind": "立行立改"},
    )
    by_aspect = ledger.completion_by_aspect(frame)
    assert by_aspect.index.tolist() == ["1.甲方面", "2.乙方面"]
    assert by_aspect.loc["1.甲方面", ["措施数", "已完成", "推进中", "未启动"]].tolist() == [2, 1, 1, 0]
    assert by_aspect.loc["1.甲方面", "完成率"] == 0.5
    by_unit = ledger.completion_by_unit(frame)
    assert by_unit.loc["县委办", "措施数"] == 2 and by_unit.loc["县政府办", "已完成"] == 1
    assert by_unit.loc["（未明确）", "未启动"] == 1
    assert ledger.completion_by_leader(frame).loc["张三", "措施数"] == 2
    assert ledger.completion_by_problem(frame).index.tolist() == ["（1）学习不深入", "（2）学习不深入"]
    mix = ledger.kind_mix(frame)
    assert mix.loc["合计", "合计"] == 3 and mix.loc["立行立改", "未启动"] == 1


def test_burn_down_and_changes_since_last_week():
    reports = make_progress(
        ("M1", "2020-06-01", "推进中", "a"), ("M2", "2020-06-01", "未启动", ""),
        ("M1", "2020-06-08", "已完成", "完成"), ("M2", "2020-06-08", "未启动", ""),
        ("M1", "2020-06-15", "推进中", "反弹"), ("M2", "2020-06-15", "推进中", "启动"), ("M3", "2020-06-15", "推进中", ""),
        ("M1", "2020-07-06", "已完成", "after as_of"),
    )
    burn = ledger.burn_down(reports, AS_OF)
    assert burn["周报日期"].dt.strftime("%m-%d").tolist() == ["06-01", "06-08", "06-15"]
    assert burn["未完成"].tolist() == [2, 1, 3]
    assert burn["已报告措施"].tolist() == [2, 2, 3]
    changes = ledger.changes_since_last_week(reports, AS_OF, make_ledger({}, {}, {}))
    assert changes[["措施编号", "变化"]].values.tolist() == [
        ["M1", "已完成→推进中"], ["M2", "未启动→推进中"], ["M3", "（无周报）→推进中"]]
    assert [d.day for d in changes.attrs["weeks"]] == [8, 15]
    assert "整改措施" in changes and "责任单位" in changes


def test_lists_for_the_notebook():
    frame = make_ledger({"deadline": "2020-05-31"}, done(evidence=None), {})
    progress = make_progress(*weekly("M3", [STUCK] * 4), *weekly("M1", [("已完成", ""), ("推进中", "")]))
    assert ledger.overdue_list(frame, AS_OF)["逾期天数"].tolist() == [30]
    assert ledger.unsigned_closures(frame)["缺少"].tolist() == ["佐证材料"]
    stalled = ledger.stalled_list(frame, progress, AS_OF, 4)
    assert stalled["措施编号"].tolist() == ["M3"] and stalled["重复的进展说明"].tolist() == ["正在研究制定方案"]
    regressed = ledger.regressed_list(frame, progress, AS_OF)
    assert regressed["措施编号"].tolist() == ["M1"] and regressed["反弹后状态"].tolist() == ["推进中"]
    lines = ledger.headline(run(frame, progress).indicators)
    assert lines[2] == "整改措施：3 条" and lines[8] == "完成率：33.3%"


# ---- the demo round against its truth file ----------------------------------------------------

@pytest.fixture(scope="module")
def demo_round(tmp_path_factory) -> Path:
    from toolkit.demo import build_demo

    return Path(build_demo(tmp_path_factory.mktemp("demo") / "demo"))


def test_demo_matches_truth(demo_round):
    from toolkit.ingest.load import load_round

    truth = json.loads((demo_round / ".truth.json").read_text(encoding="utf-8"))
    data = load_round(demo_round)
    assert {"ledger", "progress"} <= set(data.frames)
    result = run_checks(Context(data.frames, data.config), ledger.CHECKS, ledger.INDICATORS)
    for check in ledger.CHECKS:
        assert ids(result, check.id) == sorted(truth["findings"][check.id]), check.id
        assert ids(result, check.id), f"the demo plants {check.id}"
    for indicator in ledger.INDICATORS:
        expected = truth["indicators"][indicator.name]
        assert result.indicators[indicator.name] == pytest.approx(expected), indicator.name
