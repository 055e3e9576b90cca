"""90_forensic's charts: a new Figure each (nothing left in pyplot), every dataset a row, Chinese drawn without
missing glyphs."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from toolkit.forensic import charts
from toolkit.forensic.digits import summation_test
from toolkit.forensic.strata import age, stratify
from toolkit.forensic.tables import digit_results


def test_digit_chart_has_a_heatmap_per_test_and_a_row_per_dataset(draw):
    plt.close("all")
    values = pd.Series(np.round(10 ** np.random.default_rng(1).uniform(1, 5, 1_000), 2))
    results = {"加油记录": digit_results(values), "公务接待": digit_results(values.head(20))}
    sums = {"加油记录": summation_test(values), "公务接待": summation_test(values.head(20))}
    fig = draw(charts.digit_chart(results, sums))
    assert plt.get_fignums() == []
    first, second, first_two, last_two, summation = fig.axes
    assert first.get_title(loc="left").startswith("首位数字：实际占比 − 期望占比（本福特定律），黑点为 |z|>1.96（颜色最深处 ±")
    assert [t.get_text() for t in first.get_yticklabels()] == [
        f"加油记录（{results['加油记录']['first'].conformity_zh}）", "公务接待（样本量不足）"]
    assert [t.get_text() for t in first.get_xticklabels()] == [str(d) for d in range(1, 10)]
    assert [t.get_text() for t in second.get_xticklabels()] == [str(d) for d in range(10)]
    assert [t.get_text() for t in last_two.get_xticklabels()][:2] == ["00", "10"]
    assert [t.get_text() for t in last_two.get_yticklabels()] == ["加油记录", "公务接待（样本量不足）"]
    assert first_two.images[0].get_array().shape == (2, 90)
    observed = results["加油记录"]["first"].table
    assert np.allclose(first.images[0].get_array()[0], observed["observed"] - observed["expected"])
    dots = first.collections[0].get_offsets()                        # one dot per significant digit
    assert len(dots) == int(observed["significant"].sum())
    assert summation.get_title(loc="left").startswith("求和检验：按前两位数字汇总的金额占比 − 1/90")


def test_shares_chart_a_bar_per_dataset_and_measure(draw):
    df = pd.DataFrame({"amount": [500.0, 1200, 6000], "d": pd.to_datetime(["2020-06-01", "2019-01-01", None])})
    other = pd.DataFrame({"amount": [700.0, None], "d": pd.to_datetime(["2020-07-02", "2020-06-20"])})
    strata = draw(charts.shares_chart({"公务接待": stratify(df, "amount", [1000, 5000]),
                                       "加油记录": stratify(other, "amount", [1000, 5000])}, "区间", "金额分层"))
    counts, amounts = strata.axes
    assert (counts.get_title(loc="left"), amounts.get_title(loc="left")) == ("笔数占比", "金额占比")
    assert [t.get_text() for t in counts.get_yticklabels()] == ["公务接待", "加油记录"]
    assert counts.get_ylim()[0] > counts.get_ylim()[1]                 # the first dataset on top
    assert [t.get_text() for t in strata.legends[0].get_texts()] == ["1千元以下", "1千至5千元", "5千元以上", "金额缺失"]
    widths = [p.get_width() for p in counts.patches[::2]]              # 公务接待's segments, band by band
    assert np.allclose(widths, [1 / 3, 1 / 3, 1 / 3, 0])
    ages = draw(charts.shares_chart({"公务接待": age(df, "d", "2020-06-30", [30, 365])}, "账龄", "账龄分布"))
    assert len(ages.axes) == 1 and "晚于截止日" not in [t.get_text() for t in ages.legends[0].get_texts()]
    assert plt.get_fignums() == []
