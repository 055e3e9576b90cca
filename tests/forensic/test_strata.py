"""STRATIFY and AGE: values exactly on an edge, just above it, missing; Chinese labels."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.forensic.strata import age, band_labels, bucket_labels, stratify


def test_stratify_edges_are_right_closed():
    df = pd.DataFrame({"amount": [1000.0, 1000.01, 5000, 5000.01, 200, None]})
    table = stratify(df, "amount", [1000, 5000])
    assert table["区间"].tolist() == ["1千元以下", "1千至5千元", "5千元以上", "金额缺失"]
    assert table["笔数"].tolist() == [2, 2, 1, 1]
    assert table["金额"].tolist() == pytest.approx([1200.0, 6000.01, 5000.01, 0.0])
    assert table["笔数占比"].sum() == pytest.approx(1.0) and table["金额占比"].sum() == pytest.approx(1.0)
    assert "金额缺失" not in stratify(df.dropna(), "amount", [1000, 5000])["区间"].tolist()


def test_band_labels_in_chinese_and_in_wan_yuan():
    assert band_labels([1_000, 5_000, 10_000, 50_000, 1_000_000]) == [
        "1千元以下", "1千至5千元", "5千至1万元", "1万至5万元", "5万至100万元", "100万元以上"]
    assert band_labels([10, 100], unit="万元") == ["10万元以下", "10万至100万元", "100万元以上"]


def test_age_buckets_edges_future_and_missing():
    as_of = pd.Timestamp("2024-06-30")
    dates = [as_of, as_of - pd.Timedelta(days=30), as_of - pd.Timedelta(days=31), as_of - pd.Timedelta(days=365),
             as_of - pd.Timedelta(days=366), as_of + pd.Timedelta(days=1), None]
    df = pd.DataFrame({"d": pd.to_datetime(dates), "amount": [1.0, 2, 4, 8, 16, 32, 64]})
    table = age(df, "d", as_of, [30, 365], "amount")
    assert table["账龄"].tolist() == ["30天以内", "31天至1年", "1年以上", "晚于截止日", "日期缺失"]
    assert table["笔数"].tolist() == [2, 2, 1, 1, 1]
    assert table["金额"].tolist() == [3.0, 12.0, 16.0, 32.0, 64.0]


def test_bucket_labels():
    assert bucket_labels([30, 90, 180, 365, 730, 1095]) == [
        "30天以内", "31至90天", "91至180天", "181天至1年", "1至2年", "2至3年", "3年以上"]
