"""ledger.overdue, ledger.closed_without_signoff, ledger.completed_late: violation, boundary and clean rows."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from toolkit.areas import ledger
from toolkit.areas.ledger import measures


def test_overdue_violation_boundary_and_clean(make):
    frame = make.ledger(
        {"deadline": "2020-06-29", "status": "推进中", "units": "县委办、县财政局"},  # one day late
        {"deadline": "2020-06-30", "status": "推进中"},                             # deadline = as_of: not overdue
        {"deadline": "2020-05-31", "status": "未启动"},
        make.done(deadline="2020-05-31"),                                         # completed
        {"kind": "长期坚持", "deadline": None, "status": "推进中"},                   # no deadline
    )
    result = make.run(frame)
    assert make.ids(result, "ledger.overdue") == ["M1", "M3"]
    row = result.findings[(result.findings["check_id"] == "ledger.overdue") & (result.findings["record_id"] == "M1")]
    row = row.iloc[0]
    assert row["unit"] == "县委办、县财政局"
    assert row["dataset"] == "ledger" and row["severity"] == "medium" and np.isnan(row["amount"])
    assert row["row"] == 2
    assert "2020年6月29日" in row["message"] and "逾期1天" in row["message"]
    assert result.indicators["ledger.overdue"] == 2


def test_overdue_clean(make):
    assert make.ids(make.run(make.ledger({"deadline": "2020-07-31"}, make.done())), "ledger.overdue") == []


def test_closed_without_signoff_each_missing_piece(make):
    frame = make.ledger(
        make.done(signed_off_by=None),
        make.done(signed_off_by=" 无 "),
        make.done(signed_off_on=None),
        make.done(evidence="/"),
        make.done(evidence="   "),
        make.done(),                                                 # complete sign-off: clean
        {"status": "推进中"},                                          # not completed: not this check
    )
    result = make.run(frame)
    assert make.ids(result, "ledger.closed_without_signoff") == ["M1", "M2", "M3", "M4", "M5"]
    message = result.findings.loc[result.findings["record_id"] == "M3", "message"].iloc[0]
    assert "销号日期" in message and "签字背书" in message
    assert result.indicators["ledger.signed_off"] == 1


def test_closed_without_signoff_clean(make):
    result = make.run(make.ledger(make.done(), make.done(evidence="见会议纪要")))
    assert make.ids(result, "ledger.closed_without_signoff") == []


def test_completed_late(make):
    frame = make.ledger(
        make.done(deadline="2020-03-31", completed_on="2020-04-01"),
        make.done(deadline="2020-05-31", completed_on="2020-05-31"),  # on the deadline: in time
        make.done(deadline=None, kind="长期坚持", completed_on="2020-05-31"),
        make.done(completed_on=None),
    )
    result = make.run(frame)
    assert make.ids(result, "ledger.completed_late") == ["M1"]
    message = result.findings.loc[result.findings["check_id"] == "ledger.completed_late", "message"].iloc[0]
    assert "超过时限1天" in message
    assert result.findings.loc[result.findings["check_id"] == "ledger.completed_late", "severity"].iloc[0] == "low"



def test_missing_text_equals_joining_each_row():
    flags = pd.DataFrame(list(itertools.product([False, True], repeat=3)), columns=["销号审核人", "销号日期", "佐证材料"])
    expected = ["、".join(c for c in flags.columns if row[c]) for _, row in flags.iterrows()]
    assert measures.missing_text(flags).tolist() == expected
    assert expected[-1] == "销号审核人、销号日期、佐证材料" and expected[0] == ""


def test_masks_are_the_checks(make):
    frame = make.ledger({"deadline": "2020-06-29"}, make.done(evidence=None),
                        make.done(deadline="2020-03-31", completed_on="2020-04-01"), make.done())
    result = make.run(frame)
    for check_id, mask in [("ledger.overdue", measures.overdue_mask(frame, make.as_of)),
                           ("ledger.closed_without_signoff", measures.closed_without_signoff_mask(frame)),
                           ("ledger.completed_late", measures.completed_late_mask(frame))]:
        assert sorted(frame.loc[mask, "measure_id"]) == make.ids(result, check_id)
    assert measures.signed_off_mask(frame).tolist() == [False, False, True, True]


def test_each_check_names_the_thresholds_it_reads():
    assert {c.id: c.params for c in ledger.CHECKS} == {
        "ledger.overdue": (), "ledger.closed_without_signoff": (), "ledger.completed_late": (),
        "ledger.stalled": ("ledger_stall_weeks",), "ledger.regressed": ()}
