"""The ledger indicators (indicators.json), null without a ledger."""

from __future__ import annotations

import datetime as dt

from toolkit.areas import ledger
from toolkit.checks.base import Context, run_checks
from toolkit.config import RoundConfig


def test_indicators(make):
    frame = make.ledger(
        make.done(aspect_no=1, problem_no=1, lead_leader="张三", units="县委办、县政府办"),
        make.done(aspect_no=1, problem_no=2, lead_leader=" 张三 ", units="县委办，县财政局；", evidence="无"),
        {"aspect_no": 2, "problem_no": 3, "lead_leader": "李四", "units": "县财政局;县纪委监委 ,县委办",
         "deadline": "2020-06-01"},
        {"aspect_no": 2, "problem_no": 3, "lead_leader": None, "units": None, "status": "未启动"},
        {"aspect_no": 2, "problem_no": 4, "lead_leader": "无", "units": "无", "kind": "长期坚持", "deadline": None},
    )
    values = make.run(frame).indicators
    assert values == {
        "ledger.aspects": 2, "ledger.problems": 4, "ledger.measures": 5, "ledger.leaders": 2, "ledger.units": 4,
        "ledger.completed": 2, "ledger.in_progress": 2, "ledger.not_started": 1, "ledger.signed_off": 1,
        "ledger.completion_rate": 0.4, "ledger.overdue": 1,
    }
    assert {i.name for i in ledger.INDICATORS} == set(values)


def test_indicators_null_without_ledger_and_rate_of_empty_ledger(make):
    config = RoundConfig(slug="t", period_start=dt.date(2019, 10, 1), as_of=make.as_of)
    result = run_checks(Context({}, config), ledger.CHECKS, ledger.INDICATORS)
    assert all(v is None for v in result.indicators.values())
    assert len(result.skipped) == 5
    empty = make.run(make.ledger({}).iloc[0:0])
    assert empty.indicators["ledger.measures"] == 0 and empty.indicators["ledger.completion_rate"] is None



def test_distinct_units_and_leaders_in_order_of_first_appearance(make):
    cells = ["县委办、县政府办", None, "县财政局；县委办", "无", " 县政府办 ,县纪委监委", "——"]
    frame = make.ledger(*[{"units": c, "lead_leader": leader}
                          for c, leader in zip(cells, ["张三", " 李四", None, "张三 ", "无", "王五"])])
    expected = list(dict.fromkeys(name for cell in cells for name in ledger.split_units(cell)))
    assert ledger.distinct_units(frame) == expected == ["县委办", "县政府办", "县财政局", "县纪委监委"]
    assert ledger.distinct_leaders(frame) == ["张三", "李四", "王五"]
