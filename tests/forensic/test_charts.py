"""90_forensic's charts: a new Figure each (nothing left in pyplot), Chinese titles drawn without missing glyphs."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from toolkit.forensic import charts
from toolkit.forensic.digits import digit_test, summation_test
from toolkit.forensic.strata import age, stratify


def test_digit_charts(draw):
    plt.close("all")
    values = pd.Series(np.round(10 ** np.random.default_rng(1).uniform(1, 5, 1_000), 2))
    first = draw(charts.digit_chart(digit_test(values, "first"), "加油记录"))
    assert plt.get_fignums() == []
    (ax,) = first.axes
    assert ax.get_title().startswith("加油记录：首位数字分布（n=1000，MAD=")
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(d) for d in range(1, 10)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "实际占比", "实际占比（|z|>1.96，显著偏离）", "期望占比（本福特定律）"]
    last = draw(charts.digit_chart(digit_test(values, "last_two"), "加油记录"))
    assert [t.get_text() for t in last.axes[0].get_xticklabels()][:2] == ["00", "10"]
    assert last.axes[0].get_legend().get_texts()[2].get_text() == "期望占比（均匀分布）"
    small = draw(charts.digit_chart(digit_test(values.head(20), "second"), "公务接待"))
    assert "样本量不足" in small.axes[0].get_title()


def test_summation_and_shares_charts(draw):
    values = pd.Series([12.0, 130, 1_500, 99, 47_000])
    fig = draw(charts.summation_chart(summation_test(values), "公务接待"))
    assert fig.axes[0].get_title() == "公务接待：求和检验（按前两位数字汇总金额）"
    df = pd.DataFrame({"amount": [500.0, 1200, 6000], "d": pd.to_datetime(["2020-06-01", "2019-01-01", None])})
    strata = draw(charts.shares_chart(stratify(df, "amount", [1000, 5000]), "区间", "公务接待金额分层"))
    assert [t.get_text() for t in strata.axes[0].get_xticklabels()] == ["1千元以下", "1千至5千元", "5千元以上"]
    ages = draw(charts.shares_chart(age(df, "d", "2020-06-30", [30, 365]), "账龄", "账龄分布"))
    assert [t.get_text() for t in ages.axes[0].get_legend().get_texts()] == ["笔数占比"]
    assert plt.get_fignums() == []
