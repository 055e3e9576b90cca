"""处分与处理 rules: a sanction that belongs to another form of the 四种形态 than the one filled in.

Each form has its list of sanctions (below); a sanction may be in two lists
(开除党籍 is both 第三种 and 第四种形态). A row is a mismatch when its trimmed
处理结果 is in some list but not in its own form's; a 处理结果 in no list is
not judged. The whole cell is compared ("警告、诫勉" is in no list).
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.cases.common import AREA
from toolkit.checks.base import Check, Context, flag

__all__ = ["SANCTION_LISTS", "SANCTIONS_BY_FORM", "DISCIPLINARY_SANCTIONS", "form_of_sanction", "sanction_mismatch", "mismatch_mask",
           "sanctioned_mask", "cases_form_sanction_mismatch", "CHECKS"]

SANCTION_LISTS: dict[str, tuple[str, ...]] = {  # each form's sanctions, in the order people list them
    "第一种形态": ("谈话提醒", "提醒谈话", "批评教育", "责令检查", "诫勉", "函询", "通报批评"),
    "第二种形态": ("警告", "严重警告", "记过", "记大过", "停职检查", "调整职务", "责令辞职", "免职", "降职"),
    "第三种形态": ("撤销党内职务", "留党察看", "降级", "撤职", "开除党籍", "开除"),
    "第四种形态": ("开除党籍", "开除", "移送司法"),
}
SANCTIONS_BY_FORM: dict[str, frozenset[str]] = {form: frozenset(names) for form, names in SANCTION_LISTS.items()}
DISCIPLINARY_SANCTIONS = frozenset(
    {"警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍", "记过", "记大过", "降级", "撤职", "开除"})

LISTED_SANCTIONS = frozenset().union(*SANCTIONS_BY_FORM.values())
FORM_SANCTION_PAIRS = pd.MultiIndex.from_tuples(
    sorted((form, sanction) for form, sanctions in SANCTIONS_BY_FORM.items() for sanction in sanctions))


def form_of_sanction(sanction: str) -> set[str]:
    """The forms whose list holds a sanction.

    >>> sorted(form_of_sanction("开除党籍"))
    ['第三种形态', '第四种形态']
    """
    return {form for form, sanctions in SANCTIONS_BY_FORM.items() if sanction in sanctions}


def sanction_mismatch(form: str, sanction: object) -> bool:
    """The sanction is in another form's list but not in its own (one row; :func:`mismatch_mask` for a frame).

    >>> sanction_mismatch("第一种形态", "警告"), sanction_mismatch("第四种形态", "开除党籍"), sanction_mismatch("第二种形态", "其他处理")
    (True, False, False)
    """
    if not isinstance(sanction, str):
        return False
    forms = form_of_sanction(sanction.strip())
    return bool(forms) and form not in forms


def mismatch_mask(cases: pd.DataFrame) -> pd.Series:
    """checks.md cases.form_sanction_mismatch for every row: :func:`sanction_mismatch` of (form, sanction).

    >>> c = pd.DataFrame({"form": ["第一种形态", "第四种形态", "第二种形态"], "sanction": ["警告", " 开除党籍", None]})
    >>> mismatch_mask(c).tolist()
    [True, False, False]
    """
    sanction = cases["sanction"].str.strip()
    own_list = pd.MultiIndex.from_arrays([cases["form"], sanction]).isin(FORM_SANCTION_PAIRS)
    return (sanction.isin(LISTED_SANCTIONS) & ~own_list).astype(bool)


def sanctioned_mask(cases: pd.DataFrame) -> pd.Series:
    """处理结果 is a 党纪政务处分 (DISCIPLINARY_SANCTIONS), trimmed."""
    return cases["sanction"].str.strip().isin(DISCIPLINARY_SANCTIONS)


def cases_form_sanction_mismatch(ctx: Context) -> pd.DataFrame:
    cases = ctx.data["cases"]
    return flag(cases, mismatch_mask(cases), lambda r: f"案件{r['case_id']}：处理结果“{str(r['sanction']).strip()}”属于"
                f"{'、'.join(sorted(form_of_sanction(str(r['sanction']).strip())))}，与所填{r['form']}不符",
                id_column="id", unit_column="unit")


CHECKS = [
    Check("cases.form_sanction_mismatch", AREA, "cases", "low", "处理结果与形态不符", cases_form_sanction_mismatch,
          params=()),
]
