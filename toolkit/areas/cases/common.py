"""问题线索与处分: the words every module of the cases package shares."""

from __future__ import annotations

from toolkit.datasets import CLUE_STATUS, FORMS

AREA = "cases"
TITLE = "问题线索与处分"

NOT_HANDLED, VERIFYING, CLOSED = CLUE_STATUS  # 未办理, 核查中, 已办结
FIRST_FORM = FORMS[0]  # 第一种形态
