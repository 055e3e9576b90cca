"""Mask personal data in every output: the round's sensitive columns, ID and phone numbers in free text.

Data stay on the machine; outputs meant to leave it are written with ``--mask`` (or ``mask = true`` in
round.toml). :func:`mask_round` builds the masked view of a checked round (frames, findings, rejected
rows) that every output is then written from.

>>> mask_text("张三丰（身份证 360102199001011234，电话 13812345678）", names={"张三丰"})
'张**（身份证 3601**********1234，电话 138****5678）'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Mapping

import pandas as pd

from toolkit.datasets import DATASETS

_D = "[0-9０-９]"
_SEP = r"[ \u3000\-－]"
_NOT_AFTER_DIGIT = rf"(?<!{_D})(?<!{_D}{_SEP})"
_NOT_BEFORE_DIGIT = rf"(?!{_SEP}?{_D})"

# Candidates only: a match is masked when :func:`_is_id_number` accepts its digits (a real birth date).
ID_NUMBER = re.compile(rf"{_NOT_AFTER_DIGIT}{_D}(?:{_SEP}?{_D}){{14}}(?:(?:{_SEP}?{_D}){{2}}{_SEP}?[0-9０-９XxＸｘ])?"
                       rf"{_NOT_BEFORE_DIGIT}(?![XxＸｘ])")
MOBILE = re.compile(rf"{_NOT_AFTER_DIGIT}(?P<prefix>(?:(?:\+|＋|00)?[8８][6６]{_SEP}?)?)"
                    rf"(?P<number>[1１][3-9３-９]{_D}{_SEP}?{_D}{{4}}{_SEP}?{_D}{{4}}){_NOT_BEFORE_DIGIT}")
LANDLINE = re.compile(rf"{_NOT_AFTER_DIGIT}(?P<area>[(（][0０]{_D}{{2,3}}[)）]{_SEP}?|[0０]{_D}{{2,3}}{_SEP})"
                      rf"(?P<number>[2-9２-９]{_D}{{2,3}}{_SEP}?{_D}{{4}}){_NOT_BEFORE_DIGIT}")


def _plain(text: str) -> str:
    """ASCII digits and X, separators dropped: '３６２２ 0319' → '36220319'."""
    return re.sub(r"[^0-9X]", "", unicodedata.normalize("NFKC", text).upper())


def _valid_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2099


def _is_id_number(digits: str) -> bool:
    """18 digits (last may be X) with a birth date, or 15 digits (old form) with a yymmdd birth date.

    >>> _is_id_number("360102199001011234"), _is_id_number("36010290010112X"), _is_id_number("360102990101123")
    (True, False, True)
    """
    if len(digits) == 18 and digits[:17].isdigit():
        return _valid_date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    if len(digits) == 15 and digits.isdigit():
        return _valid_date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))
    return False


def _mask_id(match: re.Match[str]) -> str:
    digits = _plain(match.group(0))
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:] if _is_id_number(digits) else match.group(0)


def _mask_mobile(match: re.Match[str]) -> str:
    digits = _plain(match.group("number"))
    return match.group("prefix") + digits[:3] + "****" + digits[-4:]


def _mask_landline(match: re.Match[str]) -> str:
    digits = _plain(match.group("number"))
    return match.group("area") + "*" * (len(digits) - 4) + digits[-4:]


_ID_FORM = re.compile(r"[0-9]{17}[0-9X]")


def mask_id_number(number: str) -> str:
    """An ID number (the ingest's 18-character form) as its first 4 and last 4 characters: 3622**********1234.

    Masked whatever its check digit or birth date (a bad ID number is personal data too).

    >>> mask_id_number("362202199013321234"), mask_id_number("11010519491231002X")
    ('3622**********1234', '1101**********002X')
    """
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_name(name: str) -> str:
    """Keep the surname, star the rest: 张三 → 张*, 欧阳修文 → 欧***.

    >>> mask_name("李四"), mask_name("欧阳修文")
    ('李*', '欧***')
    """
    name = name.strip()
    return name[:1] + "*" * (len(name) - 1) if len(name) > 1 else "*"


def sensitive_columns() -> dict[str, tuple[str, ...]]:
    """The columns datasets.md marks as personal data, by dataset."""
    return {name: tuple(c.name for c in spec.columns if c.sensitive) for name, spec in DATASETS.items()}


def sensitive_names(frames: Mapping[str, pd.DataFrame],
                    sensitive: Mapping[str, Iterable[str]] | None = None) -> set[str]:
    """Every value (of two characters or more) of the columns marked as personal data."""
    sensitive = sensitive_columns() if sensitive is None else sensitive
    names: set[str] = set()
    for dataset_name, frame in frames.items():
        for column in sensitive.get(dataset_name, ()):
            if column in frame:
                names.update(s for v in frame[column].dropna() if len(s := str(v).strip()) >= 2)
    return names


def mask_numbers(text: str) -> str:
    """Mask ID numbers (18 or 15 digits), mobile and landline numbers, however written.

    >>> mask_numbers("138-1234-5678；+8613812345678；3622 0319 9001 0112 34；36220319900101123x")
    '138****5678；+86138****5678；3622**********1234；3622**********123X'
    >>> mask_numbers("发票 36000007，金额 12345678.50 元，日期 2020-06-30，电话 0791-86123456")
    '发票 36000007，金额 12345678.50 元，日期 2020-06-30，电话 0791-****3456'
    """
    text = ID_NUMBER.sub(_mask_id, text)
    text = MOBILE.sub(_mask_mobile, text)
    return LANDLINE.sub(_mask_landline, text)


def _names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None


def mask_text(text: str, names: Iterable[str] = (), *, pattern: re.Pattern[str] | None = None) -> str:
    """Mask ID and phone numbers (:func:`mask_numbers`) and the given names in one text.

    A given value is masked as :func:`mask_value` masks it: an ID number as one, whatever its birth date.

    >>> mask_text("张三 362202199013321234 6222021234567890123", names={"张三", "362202199013321234",
    ...                                                                   "6222021234567890123"})
    '张* 3622**********1234 6222***********0123'
    """
    text = mask_numbers(text)
    pattern = _names_pattern(names) if pattern is None else pattern
    return pattern.sub(_mask_known, text) if pattern is not None else text


def _mask_known(match: re.Match[str]) -> str:
    """A value of a personal-data column found in a text, as :func:`mask_value` masks it (ID, account, name)."""
    return mask_value(match.group(0))


def mask_value(value: str) -> str:
    """One value of a personal-data column: a number masked as such, a long code 4 + stars + 4, else a name.

    >>> mask_value("360102199001011234"), mask_value("13812345678"), mask_value("张三")
    ('3601**********1234', '138****5678', '张*')
    >>> mask_value("6222021234567890123"), mask_value(""), mask_value("362202199013321234")
    ('6222***********0123', '', '3622**********1234')
    """
    text = str(value).strip()
    if not text:
        return value
    if _ID_FORM.fullmatch(text):
        return mask_id_number(text)
    masked = mask_numbers(text)
    if masked != text:
        return masked
    if sum(c.isdigit() for c in text) >= 8:
        return text[:4] + "*" * (len(text) - 8) + text[-4:]
    return mask_name(text)


def _map_text(series: pd.Series, function) -> pd.Series:
    return series.map(lambda v: function(v) if isinstance(v, str) else v)


def mask_frame(frame: pd.DataFrame, sensitive: Iterable[str], pattern: re.Pattern[str] | None) -> pd.DataFrame:
    """A copy: ``sensitive`` columns through :func:`mask_value`, every other text column through :func:`mask_text`."""
    sensitive = set(sensitive)
    masked = {}
    for column in frame.columns:
        if column in sensitive:
            masked[column] = _map_text(frame[column], mask_value)
        elif frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column].dtype):
            masked[column] = _map_text(frame[column], lambda v: mask_text(v, pattern=pattern))
    return frame.assign(**{str(k): v for k, v in masked.items()}) if masked else frame.copy()


def mask_findings(findings: pd.DataFrame, names: Iterable[str]) -> pd.DataFrame:
    """A copy of the findings with names, ID and phone numbers masked in every text column."""
    return mask_frame(findings, (), _names_pattern(names))


def mask_round(frames: Mapping[str, pd.DataFrame], findings: pd.DataFrame, rejected: pd.DataFrame,
               sensitive: Mapping[str, Iterable[str]]
               ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, pd.DataFrame]:
    """The masked view of a checked round: (frames, findings, rejected), new frames, inputs untouched.

    Call it after the checks (they compare names). Rejected rows: values of a sensitive column (by
    canonical or Chinese header) as :func:`mask_value`, everything else through :func:`mask_text`.
    """
    pattern = _names_pattern(sensitive_names(frames, sensitive))
    masked_frames = {name: mask_frame(frame, sensitive.get(name, ()), pattern) for name, frame in frames.items()}
    masked_rejected = mask_frame(rejected, (), pattern)
    if {"column", "value"} <= set(rejected.columns):
        personal = {c for columns in sensitive.values() for c in columns} | _chinese_headers(sensitive)
        is_personal = rejected["column"].isin(personal) & rejected["value"].map(lambda v: isinstance(v, str))
        values = masked_rejected["value"].where(~is_personal, _map_text(rejected["value"], mask_value))
        masked_rejected = masked_rejected.assign(value=values)
    return masked_frames, mask_frame(findings, (), pattern), masked_rejected


def _chinese_headers(sensitive: Mapping[str, Iterable[str]]) -> set[str]:
    """The Chinese headers and aliases of the sensitive columns (rejected.csv may name a column by either)."""
    columns = {(d, c) for d, cs in sensitive.items() for c in cs}
    return {header for name, spec in DATASETS.items() for col in spec.columns if (name, col.name) in columns
            for header in (col.zh, *col.aliases)}
