"""The notebook's ledger tables: completion by aspect, problem, unit and leader; the kind mix; the lists."""

from __future__ import annotations

from collections import Counter

from toolkit.areas import ledger

STUCK = ("推进中", "正在研究制定方案")
UNITS = ["县委办、县政府办", "县委办", None, "无", "县财政局；县委办", "县政府办，县财政局", "县纪委监委", "县委办、县纪委监委"]
STATUSES = ["已完成", "推进中", "未启动", "已完成", "推进中", "已完成", "未启动", "已完成"]


def test_completion_tables_and_kind_mix(make):
    frame = make.ledger(
        make.done(aspect_no=1, aspect="甲方面", problem_no=1, units="县委办、县政府办", lead_leader="张三"),
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


def test_lists_for_the_notebook(make):
    frame = make.ledger({"deadline": "2020-05-31"}, make.done(evidence=None), {})
    progress = make.progress(*make.weekly("M3", [STUCK] * 4),
                             *make.weekly("M1", [("已完成", ""), ("推进中", "")]))
    assert ledger.overdue_list(frame, make.as_of)["逾期天数"].tolist() == [30]
    assert ledger.unsigned_closures(frame)["缺少"].tolist() == ["佐证材料"]
    stalled = ledger.stalled_list(frame, progress, make.as_of, 4)
    assert stalled["措施编号"].tolist() == ["M3"] and stalled["重复的进展说明"].tolist() == ["正在研究制定方案"]
    regressed = ledger.regressed_list(frame, progress, make.as_of)
    assert regressed["措施编号"].tolist() == ["M1"] and regressed["反弹后状态"].tolist() == ["推进中"]
    lines = ledger.headline(make.run(frame, progress).indicators)
    assert lines[2] == "整改措施：3 条" and lines[8] == "完成率：33.3%"




def test_completion_by_unit_equals_counting_each_measure_for_each_unit(make):
    frame = make.ledger(*[{"units": u, "status": s} for u, s in zip(UNITS, STATUSES)])
    expected: dict[str, Counter] = {}
    for cell, status in zip(UNITS, STATUSES):
        for unit in ledger.split_units(cell) or [ledger.NO_UNIT]:
            expected.setdefault(unit, Counter())[status] += 1
    table = ledger.completion_by_unit(frame)
    assert {unit: {s: int(table.loc[unit, s]) for s in ledger.STATUSES if table.loc[unit, s]} for unit in table.index} \
        == {unit: dict(counts) for unit, counts in expected.items()}
    rate = {unit: counts["已完成"] / sum(counts.values()) for unit, counts in expected.items()}
    order = sorted(expected, key=lambda u: (-sum(expected[u].values()), rate[u], u))
    assert table.index.tolist() == order and table.index.name == "责任单位"
    assert table["完成率"].tolist() == [rate[u] for u in order]


def test_completion_by_aspect_in_aspect_order(make):
    frame = make.ledger({"aspect_no": 2, "aspect": "乙"}, {"aspect_no": 1, "aspect": "甲"}, {"aspect_no": 2, "aspect": "乙"})
    assert ledger.completion_by_aspect(frame).index.tolist() == ["1.甲", "2.乙"]
