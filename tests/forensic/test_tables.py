"""90_forensic's tables: a summation test computed once gives the same line and table as computed inside."""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.forensic import tables as ft
from toolkit.forensic.digits import summation_test


def test_summation_line_and_table_from_a_computed_test_equal_the_ones_computed_inside():
    values = pd.Series(10 ** np.random.default_rng(3).uniform(1, 6, 500))
    test = summation_test(values)
    assert ft.summation_line(values, test) == ft.summation_line(values)
    pd.testing.assert_frame_equal(ft.summation_table(values, top=10, test=test), ft.summation_table(values, top=10))
    assert len(ft.summation_table(values, top=10, test=test)) == 10
