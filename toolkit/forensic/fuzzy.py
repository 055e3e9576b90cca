"""FUZZYDUP (相似名称): near-identical Chinese names — the same company written two ways.

Normalisation made for Chinese company names (:func:`normalise_names`):

1. NFKC (full-width letters, digits and brackets become half-width), lower case;
2. bracketed parts are taken out (``宏达建筑（青岚）有限公司`` → ``宏达建筑有限公司``, place ``青岚``);
3. spaces and punctuation removed;
4. common suffixes stripped, repeatedly, from the end: 股份有限公司, 有限责任公司, 有限公司,
   分公司, 公司, 经营部, 门市部, 集团 …;
5. a leading place name stripped when it is one of ``places`` or a bracketed place
   found anywhere in the column, or a place (2–3 characters and 省/市/县/区) that starts at least
   1 % of the names (:func:`frequent_places`), with its 省/市/县/区/镇/乡 (``青岚县宏达…`` → ``宏达…``).

Names of two different known places (吉安市宏达建筑… and 南昌市宏达建筑…, or 宏达建筑（南昌）) are
different companies: such pairs are not reported. A name without a place is compared with all.

Scores are rapidfuzz's ``WRatio`` (0–100) of the normalised names: the plain
ratio for names of similar length, the best partial match (× 0.9) when one is
much longer — ``宏达建筑`` against ``宏达建筑工程``.

Blocking: only names whose normalised forms share their first two characters,
or their second and third, are compared (two passes, each block with
``rapidfuzz.process.cdist``), so 50,000 names are compared in seconds rather than
the 1.25 billion pairs of a full comparison (benchmarks/bench_fuzzy.py measures it).
A difference in both of the first three characters is not found.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "分公司", "总公司", "公司", "经营部", "门市部", "经销部",
            "营业部", "服务部", "集团", "有限合伙", "合作社")
PLACE_SUFFIXES = "省市县区镇乡"
DEFAULT_THRESHOLD = 85
PAIR_COLUMNS = ["名称甲", "名称乙", "相似度", "规范化甲", "规范化乙"]
_BRACKETS = re.compile(r"[(\[{【〔「『《<][^()\[\]{}【】〔〕「」『』《》<>]*[)\]}】〕」』》>]")
_PUNCT = re.compile(r"[\W_]+")
_SUFFIX = re.compile("(?:" + "|".join(SUFFIXES) + ")+$")


def _bracketed(text: pd.Series) -> pd.Series:
    """The contents of every bracket of each name, joined by '|'."""
    found = text.str.findall(_BRACKETS)
    return found.map(lambda parts: "|".join(_PUNCT.sub("", p) for p in parts) if isinstance(parts, list) else "")


def frequent_places(cores: pd.Series, share: float = 0.01, least: int = 3) -> set[str]:
    """Leading places (2–3 characters before 省/市/县/区) that start many names: ≥ ``least`` and ≥ ``share``.

    >>> sorted(frequent_places(pd.Series(["青岚县甲", "青岚县乙", "青岚县丙", "宏达市政"])))
    ['青岚']
    """
    lead = cores.str.extract(f"^(.{{2,3}}?)[省市县区]")[0].dropna()
    counts = lead.value_counts()
    return set(counts[counts >= max(least, share * len(cores))].index)


def _place(text: str) -> str:
    """A place without its 省/市/县/区/镇/乡 (青岚县 → 青岚; a two-character name stays)."""
    return text[:-1] if text[-1:] in PLACE_SUFFIXES and len(text) >= 3 else text


def name_parts(names: pd.Series, places: Iterable[str] = ()) -> pd.DataFrame:
    """Each name's normalised ``core`` and its ``place`` (the leading place stripped, else a bracketed place
    among the known ones; '' when none).

    >>> name_parts(pd.Series(["青岚县宏达建筑工程有限公司", "宏达建筑（青岚）有限公司", "远航物流公司"])).values.tolist()
    [['宏达建筑工程', '青岚'], ['宏达建筑', '青岚'], ['远航物流', '']]
    """
    text = pd.Series(names, dtype="object").map(
        lambda v: unicodedata.normalize("NFKC", str(v)).lower() if isinstance(v, str) else "")
    inside = _bracketed(text)
    found = {p for joined in inside for p in joined.split("|") if len(p) >= 2}
    core = text.str.replace(_BRACKETS, "", regex=True).str.replace(_PUNCT, "", regex=True)
    core = core.str.replace(_SUFFIX, "", regex=True)
    found |= frequent_places(core)
    given = {unicodedata.normalize("NFKC", p).lower() for p in places if p}
    known = sorted(given | {_place(p) for p in given} | found, key=len, reverse=True)
    place = pd.Series("", index=core.index, dtype="object")
    if known:
        leading = "^(" + "|".join(re.escape(p) for p in known) + f")[{PLACE_SUFFIXES}]?"
        lead = core.str.extract(leading)[0]
        stripped = core.str.replace(leading, "", regex=True)
        keep = stripped.str.len() >= 2
        core = stripped.where(keep, core)
        names_set = {_place(p) for p in known}
        bracketed = inside.map(lambda j: next((_place(p) for p in j.split("|") if _place(p) in names_set), ""))
        place = lead.where(keep).map(lambda p: _place(p) if isinstance(p, str) else "").where(
            lambda p: p != "", bracketed)
    return pd.DataFrame({"core": core.astype("object"), "place": place.astype("object")})


def normalise_names(names: pd.Series, places: Iterable[str] = ()) -> pd.Series:
    """The normalised form of each name (see the module doc); missing → ''.

    >>> normalise_names(pd.Series(["青岚县宏达建筑工程有限公司", "青岚宏达建筑工程公司", "宏达建筑（青岚）有限公司",
    ...                            "ＡＢＣ 商贸 经营部", None])).tolist()
    ['宏达建筑工程', '宏达建筑工程', '宏达建筑', 'abc商贸', '']
    """
    return name_parts(names, places)["core"]


def wratio_matrix(names: np.ndarray, cutoff: float) -> np.ndarray:
    """``process.cdist(names, names, scorer=fuzz.WRatio, score_cutoff=cutoff, dtype=float32)`` for names
    without whitespace (normalised cores), at about a tenth of the cost.

    For such names WRatio's token ratios equal the plain ratio, so WRatio *is* the ratio when the longer
    name is less than 1.5 times the shorter; only the pairs of more different lengths need WRatio itself.

    >>> names = np.array(["宏达建筑", "宏达建筑工程", "宏达建筑工程有限", "远航物流"], dtype=object)
    >>> bool((wratio_matrix(names, 0) == process.cdist(names, names, scorer=fuzz.WRatio, dtype=np.float32)).all())
    True
    """
    scores = process.cdist(names, names, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float32)
    lengths = np.fromiter(map(len, names), dtype=np.int64, count=len(names))
    for length in np.unique(lengths):       # a few distinct lengths; the comparisons run in C++
        short = np.flatnonzero(lengths == length)
        long = np.flatnonzero(2 * lengths >= 3 * length)     # longer / shorter ≥ 1.5
        if len(long):
            scores[np.ix_(short, long)] = process.cdist(names[short], names[long], scorer=fuzz.WRatio,
                                                        score_cutoff=cutoff, dtype=np.float32)
            scores[np.ix_(long, short)] = process.cdist(names[long], names[short], scorer=fuzz.WRatio,
                                                        score_cutoff=cutoff, dtype=np.float32)
    return scores


def _block_pairs(keys: pd.Series, cores: np.ndarray, threshold: float) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Scored pairs (i < j) inside every block of equal ``keys`` (blocks of one name skipped)."""
    codes, _uniques = pd.factorize(keys)
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    found = []
    for members in np.split(order, bounds):     # one cdist per block: the comparisons run in C++
        if len(members) < 2 or codes[members[0]] < 0:
            continue
        scores = wratio_matrix(cores[members], max(0.0, threshold - 0.05))
        a, b = np.nonzero(np.triu(scores >= threshold - 0.1, k=1))   # candidates; then the score shown
        shown = scores[a, b].astype("float64").round(1)               # (one decimal) decides
        keep = shown >= threshold
        found.append((members[a[keep]], members[b[keep]], shown[keep]))
    return found


def fuzzy_duplicates(df: pd.DataFrame, column: str, threshold: float = DEFAULT_THRESHOLD,
                     places: Iterable[str] = ()) -> pd.DataFrame:
    """Pairs of different names in ``column`` whose normalised forms score ≥ ``threshold``.

    Columns: 名称甲, 名称乙 (the originals), 相似度 (0–100), 规范化甲, 规范化乙; highest score
    first. Each distinct name is compared once, however many rows carry it.

    >>> names = pd.DataFrame({"c": ["青岚县宏达建筑工程有限公司", "青岚宏达建筑工程公司", "宏达建筑（青岚）有限公司",
    ...                             "青岚县宏达建筑工程有限公司", "远航物流有限公司"]})
    >>> fuzzy_duplicates(names, "c")[["名称甲", "名称乙", "相似度"]].values.tolist()
    [['青岚县宏达建筑工程有限公司', '青岚宏达建筑工程公司', 100.0], ['青岚县宏达建筑工程有限公司', '宏达建筑（青岚）有限公司', 90.0], ['青岚宏达建筑工程公司', '宏达建筑（青岚）有限公司', 90.0]]
    """
    originals = pd.Series(df[column].dropna().unique(), dtype="object")
    originals = originals[originals.map(lambda v: isinstance(v, str) and v.strip() != "")].reset_index(drop=True)
    parts = name_parts(originals, places)
    cores = parts["core"]
    usable = cores.str.len() >= 2
    values = cores.where(usable).to_numpy(dtype="object")
    pieces = []
    for key in (cores.str[:2], cores.str[1:3]):
        pieces += _block_pairs(key.where(usable & (key.str.len() == 2)), values, threshold)
    if not pieces:
        return pd.DataFrame({c: pd.Series(dtype="object" if c != "相似度" else "float64") for c in PAIR_COLUMNS})
    left = np.concatenate([p[0] for p in pieces])
    right = np.concatenate([p[1] for p in pieces])
    score = np.concatenate([p[2] for p in pieces])
    pairs = pd.DataFrame({"i": np.minimum(left, right), "j": np.maximum(left, right), "相似度": score})
    pairs = pairs.drop_duplicates(["i", "j"])
    place = parts["place"].to_numpy(dtype="object")
    elsewhere = (place[pairs["i"]] != "") & (place[pairs["j"]] != "") & (place[pairs["i"]] != place[pairs["j"]])
    pairs = pairs[~elsewhere].sort_values(["相似度", "i", "j"], ascending=[False, True, True])
    return pd.DataFrame({"名称甲": originals.to_numpy()[pairs["i"]], "名称乙": originals.to_numpy()[pairs["j"]],
                         "相似度": pairs["相似度"].to_numpy(), "规范化甲": cores.to_numpy()[pairs["i"]],
                         "规范化乙": cores.to_numpy()[pairs["j"]]})
