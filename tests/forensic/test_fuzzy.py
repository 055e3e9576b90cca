"""Fuzzy duplicates on real-looking Chinese company names with planted variants."""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from toolkit.forensic.fuzzy import fuzzy_duplicates, normalise_names, wratio_matrix

CLEAN = [
    "青岚县宏达建筑工程有限公司", "江西远航物流有限公司", "青岚县鑫源商贸有限责任公司", "南昌市恒通汽车修理厂",
    "青岚县绿野农业开发有限公司", "赣州金盛建材经营部", "青岚县明珠大酒店", "江西省华信会计师事务所有限公司",
    "九江长江印务有限公司", "青岚县百姓大药房连锁有限公司", "萍乡市安达运输有限公司", "青岚县天成水利工程有限公司",
    "吉安市新星电子科技有限公司", "青岚县顺风加油站", "上饶市博文文化传媒有限公司", "青岚县凯旋宾馆",
    "江西中科环保设备股份有限公司", "青岚县兴农农资门市部", "宜春市润泽园林绿化有限公司", "抚州市诚信劳务服务有限公司",
]
PLANTED = {   # variant → the clean name it stands for
    "青岚宏达建筑工程公司": "青岚县宏达建筑工程有限公司",
    "宏达建筑（青岚）有限公司": "青岚县宏达建筑工程有限公司",
    "江西远航物流有限责任公司": "江西远航物流有限公司",
    "远航物流（江西）有限公司": "江西远航物流有限公司",
    "青岚县鑫源商贸有限公司": "青岚县鑫源商贸有限责任公司",
    "青岚县绿野农业开发有限公司 ": "青岚县绿野农业开发有限公司",
    "赣州金盛建材门市部": "赣州金盛建材经营部",
    "九江长江印务有限公司分公司": "九江长江印务有限公司",
    "江西中科环保设备有限公司": "江西中科环保设备股份有限公司",
    "青岚县天成水利工程建设有限公司": "青岚县天成水利工程有限公司",
}


def pair_set(table: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(p) for p in table[["名称甲", "名称乙"]].itertuples(index=False)}


def test_planted_variants_are_found_and_distinct_companies_are_not():
    names = pd.DataFrame({"company": CLEAN + list(PLANTED) + CLEAN[:5]})
    found = pair_set(fuzzy_duplicates(names, "company"))
    for variant, clean in PLANTED.items():
        if variant.strip() != clean:
            assert frozenset((variant, clean)) in found, variant
    families = {name: PLANTED.get(name, name) for name in CLEAN + list(PLANTED)}
    strangers = [p for p in found if len({families[n] for n in p}) > 1]
    assert strangers == []


def test_the_three_forms_of_the_issue():
    names = pd.DataFrame({"c": ["青岚县宏达建筑工程有限公司", "青岚宏达建筑工程公司", "宏达建筑（青岚）有限公司"]})
    table = fuzzy_duplicates(names, "c")
    assert len(table) == 3 and table["相似度"].min() >= 85
    assert list(table.columns) == ["名称甲", "名称乙", "相似度", "规范化甲", "规范化乙"]


def test_normalisation_for_chinese_names():
    names = pd.Series(["青岚县宏达建筑工程有限公司", "宏达建筑（青岚）有限公司", "ＡＢＣ　商贸，经营部", "某某股份有限公司分公司"])
    assert normalise_names(names).tolist() == ["宏达建筑工程", "宏达建筑", "abc商贸", "某某"]
    assert normalise_names(pd.Series(["南昌远航物流有限公司"]), places=["南昌"]).tolist() == ["远航物流"]
    assert normalise_names(pd.Series(["南昌远航物流有限公司", "南昌市远航物流有限公司"]), places=["南昌市"]).tolist() == [
        "远航物流", "远航物流"]


def test_threshold_and_identical_rows():
    names = pd.DataFrame({"c": ["甲乙建筑有限公司", "甲乙建筑有限公司", "丙丁物流有限公司"]})
    assert fuzzy_duplicates(names, "c").empty                 # the same name twice is an exact duplicate
    pair = pd.DataFrame({"c": ["青岚县宏达建筑工程有限公司", "青岚县宏远建筑工程有限公司"]})
    score = fuzzy_duplicates(pair, "c", threshold=0)["相似度"].iloc[0]
    assert fuzzy_duplicates(pair, "c", threshold=score).shape[0] == 1
    assert fuzzy_duplicates(pair, "c", threshold=score + 0.1).empty


def test_same_name_in_two_places_is_two_companies():
    names = pd.DataFrame({"c": ["吉安市宏达建筑工程有限公司", "赣州市宏达建筑工程有限公司", "宏达建筑工程有限公司",
                                "宏达建筑工程（吉安）有限公司"]})
    found = pair_set(fuzzy_duplicates(names, "c", places=["吉安市", "赣州市"]))
    assert frozenset(("吉安市宏达建筑工程有限公司", "赣州市宏达建筑工程有限公司")) not in found
    assert frozenset(("赣州市宏达建筑工程有限公司", "宏达建筑工程（吉安）有限公司")) not in found
    assert frozenset(("吉安市宏达建筑工程有限公司", "宏达建筑工程（吉安）有限公司")) in found
    assert frozenset(("赣州市宏达建筑工程有限公司", "宏达建筑工程有限公司")) in found


def test_wratio_matrix_is_cdist_of_wratio_for_names_without_whitespace():
    rng = np.random.default_rng(7)
    alphabet = np.array(list("宏达建筑工程远航物流青岚鑫源商贸ab12"))
    names = np.array(["".join(rng.choice(alphabet, size)) for size in rng.integers(1, 20, 400)], dtype=object)
    names[:3] = ["宏达建筑", "宏达建筑工程", "宏达建筑工程有限"]        # lengths 4, 6, 8: ratio 1.5 and 2
    for cutoff in (0, 60, 84.95):
        expected = process.cdist(names, names, scorer=fuzz.WRatio, score_cutoff=cutoff, dtype=np.float32)
        assert np.array_equal(wratio_matrix(names, cutoff), expected)
