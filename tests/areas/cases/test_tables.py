"""The notebook's cases tables."""

from __future__ import annotations

import pandas as pd

from toolkit.areas import cases


def test_notebook_tables():
    clues = pd.DataFrame({
        "source": ["信访举报", "信访举报", "巡视巡察"], "status": ["已办结", "核查中", "已办结"],
        "received_on": pd.to_datetime(["2020-01-05", "2020-02-01", "2020-02-03"]),
        "closed_on": pd.to_datetime(["2020-02-01", None, "2020-03-01"]),
        "disposition": ["谈话函询", None, "予以了结"], "category": ["四风", "扶贫", "四风"], "clue_id": ["a", "b", "c"],
    })
    funnel = cases.clue_funnel(clues)
    assert funnel.loc["巡视巡察", "核查率"] == 1.0 and funnel["受理"].sum() == 3
    assert cases.disposition_mix(clues).to_dict() == {"谈话函询": 1, "予以了结": 1}
    trend = cases.monthly_trend(clues)
    assert trend["受理线索"].tolist() == [1, 2, 0] and trend["办结线索"].tolist() == [0, 1, 1]
    overdue = cases.overdue_clues(clues, pd.Timestamp("2020-06-30"), 90)
    assert overdue["线索编号"].tolist() == ["b"] and overdue["已办理天数"].tolist() == [150]



def test_overdue_clues_are_the_checks_clues():
    clues = pd.DataFrame({"clue_id": ["a", "b", "c", "d"], "source": "信访举报", "category": "四风",
                          "status": ["核查中", "未办理", "已办结", "核查中"],
                          "received_on": pd.to_datetime(["2020-01-01", "2020-03-31", "2019-01-01", "2020-04-01"])})
    table = cases.overdue_clues(clues, pd.Timestamp("2020-06-30"), 90)
    assert table["线索编号"].tolist() == ["a", "b"] and table["已办理天数"].tolist() == [181, 91]
    assert set(table["线索编号"]) == set(clues.loc[cases.overdue_mask(clues, pd.Timestamp("2020-06-30"), 90), "clue_id"])


def test_sanction_lists_and_forms():
    lists = cases.sanction_lists()
    assert lists.index.tolist() == ["第一种形态", "第二种形态", "第三种形态", "第四种形态"]
    assert lists.loc["第一种形态", "处理结果"] == "谈话提醒、提醒谈话、批评教育、责令检查、诫勉、函询、通报批评"
    forms = cases.forms_distribution(pd.DataFrame({"form": ["第二种形态", "第一种形态", "第二种形态"]}))
    assert forms.tolist() == [1, 2, 0, 0] and forms.name == "人数"
