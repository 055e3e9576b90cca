"""round.toml → :class:`RoundConfig` (the round) and :class:`Thresholds` (every default in one place).

>>> t = Thresholds().with_overrides({"fuel_tank_liters_max": 60})
>>> t.fuel_tank_liters_max, t.fuel_l_per_100km_max
(60, 15)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.errors import ConfigError

ROUND_FILE = "round.toml"
#: the units' answers (`toolkit review import`): the one file the toolkit writes into a round folder
REVIEW_FILE = "review.csv"
SLUG_PATTERN = re.compile(r"^[a-z0-9-]+$")
MAX_ROUND_FILE_BYTES = 1 << 20          # a round.toml is a few hundred bytes; refuse megabytes before parsing
EARLIEST_DATE, LATEST_DATE = dt.date(1900, 1, 1), dt.date(2200, 12, 31)  # inside pandas' Timestamp range


@dataclass(frozen=True)
class Thresholds:
    """Every tunable limit of the checks, with the contract's defaults."""

    reception_per_capita_max: float = 150
    vehicle_night_start: int = 22
    vehicle_night_end: int = 6
    sensitive_destinations: tuple[str, ...] = ("景区", "度假", "山庄", "会所", "高尔夫", "温泉", "农家乐", "KTV", "洗浴")
    fuel_tank_liters_max: float = 80
    fuel_l_per_100km_max: float = 15
    budget_mismatch_ratio: float = 0.05
    budget_mismatch_min: float = 1000
    land_unsupplied_years: float = 2
    land_tax_per_mu_min: float = 5
    land_supply_investment_min: float = 2000
    clue_days_max: int = 90
    ledger_stall_weeks: int = 4
    bid_cv_min: float = 0.03
    bid_submit_window_seconds: float = 60
    bid_loser_min_tenders: int = 5
    village_cash_max: float = 2000
    village_approval_min: float = 5000
    loan_tax_min: float = 10
    dues_stop_months: int = 6
    benefit_means_tested_types: tuple[str, ...] = ("低保", "特困")

    def with_overrides(self, overrides: dict[str, Any] | None, source: str = "thresholds") -> "Thresholds":
        """A copy with some values replaced; unknown names and wrong types are a ConfigError."""
        if not overrides:
            return self
        fields = {f.name: f for f in dataclasses.fields(self)}
        changes = {}
        for name, value in overrides.items():
            if name not in fields:
                known = "、".join(fields)
                raise ConfigError(f"{source}: 未知的阈值 {name!r}（可用：{known}）")
            changes[name] = _coerce_threshold(name, value, getattr(self, name), source)
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(self).items()}


def _coerce_threshold(name: str, value: Any, default: Any, source: str) -> Any:
    if isinstance(default, tuple):
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: 阈值 {name} 应为字符串列表，实际为 {value!r}")
        return tuple(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{source}: 阈值 {name} 应为数字，实际为 {value!r}")
    if not math.isfinite(value) or value < _THRESHOLD_MINIMUM.get(name, 0):
        raise ConfigError(f"{source}: 阈值 {name} 应为不小于 {_THRESHOLD_MINIMUM.get(name, 0)} 的有限数，实际为 {value!r}")
    if name in _HOURS and value > 23:
        raise ConfigError(f"{source}: 阈值 {name} 应为 0 至 23 的整点，实际为 {value!r}")
    if isinstance(default, int) and not isinstance(default, bool) and name in _INTEGER_THRESHOLDS:
        if float(value) != int(value):
            raise ConfigError(f"{source}: 阈值 {name} 应为整数，实际为 {value!r}")
        return int(value)
    return value


_HOURS = {"vehicle_night_start", "vehicle_night_end"}
# Counts that make no sense below 1 (a stall of 0 weeks would flag every measure); every other threshold is ≥ 0.
_THRESHOLD_MINIMUM = {"ledger_stall_weeks": 1, "bid_loser_min_tenders": 1, "dues_stop_months": 1, "clue_days_max": 1}
_INTEGER_THRESHOLDS = {"vehicle_night_start", "vehicle_night_end", "clue_days_max", "ledger_stall_weeks",
                       "bid_loser_min_tenders", "dues_stop_months"}


@dataclass(frozen=True)
class RoundConfig:
    """One inspection round (巡视/巡察轮次) or review (回头看)."""

    slug: str
    period_start: dt.date
    as_of: dt.date
    title: str = ""
    inspector: str = ""
    target: str = ""
    city: str = ""
    thresholds: Thresholds = field(default_factory=Thresholds)
    mask: bool = False            # mask personal data in every output (as `--mask`)

    @property
    def as_of_ts(self) -> pd.Timestamp:
        return pd.Timestamp(self.as_of)

    @property
    def period_start_ts(self) -> pd.Timestamp:
        return pd.Timestamp(self.period_start)

    def as_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "title": self.title, "inspector": self.inspector, "target": self.target,
                "city": self.city, "period_start": self.period_start.isoformat(),
                "as_of": self.as_of.isoformat(), "thresholds": self.thresholds.as_dict()}


_ROUND_TEXT_KEYS = ("title", "inspector", "target", "city")
_ROUND_KEYS = {"slug", "period_start", "as_of", "mask", *_ROUND_TEXT_KEYS}


def load_config(path: Path) -> RoundConfig:
    """Read and check a round.toml; every problem is one ConfigError line."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: 找不到 round.toml（复制 round.example.toml 并填写）")
    if path.stat().st_size > MAX_ROUND_FILE_BYTES:
        raise ConfigError(f"{path}: 文件过大（{path.stat().st_size:,} 字节；round.toml 不应超过 1 MB）")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: TOML 格式错误：{toml_error_zh(exc)}") from None
    except RecursionError:
        raise ConfigError(f"{path}: TOML 格式错误：嵌套层数过多") from None
    return parse_config(raw, str(path))


_TOML_POSITION = re.compile(r"^(?P<what>.*?) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def toml_error_zh(exc: Exception) -> str:
    """tomllib's message with its position in Chinese first (the parser's own words kept for the detail).

    >>> toml_error_zh(ValueError("Unclosed array (at line 3, column 7)"))
    '第 3 行第 7 列：Unclosed array（请检查引号、括号是否成对，字符串是否写在引号内）'
    """
    if isinstance(exc, UnicodeDecodeError):
        return "文件不是 UTF-8 编码（请用 UTF-8 保存 round.toml）"
    m = _TOML_POSITION.match(str(exc))
    if not m:
        return str(exc)
    return f"第 {m['line']} 行第 {m['col']} 列：{m['what']}（请检查引号、括号是否成对，字符串是否写在引号内）"


def parse_config(raw: dict[str, Any], source: str = ROUND_FILE) -> RoundConfig:
    """A RoundConfig from the parsed TOML tables.

    >>> parse_config({"round": {"slug": "Bad Slug", "period_start": dt.date(2020, 1, 1), "as_of": dt.date(2020, 6, 30)}})
    Traceback (most recent call last):
    toolkit.errors.ConfigError: round.toml: [round] slug 'Bad Slug' 只能包含小写字母 a-z、数字 0-9 和 '-'
    """
    unknown_tables = set(raw) - {"round", "thresholds"}
    if unknown_tables:
        raise ConfigError(f"{source}: 未知的表 [{', '.join(sorted(unknown_tables))}]（只允许 [round] 和 [thresholds]）")
    section = raw.get("round")
    if not isinstance(section, dict):
        raise ConfigError(f"{source}: 缺少 [round] 表")
    unknown = set(section) - _ROUND_KEYS
    if unknown:
        raise ConfigError(f"{source}: [round] 中有未知的键 {', '.join(sorted(unknown))}")
    missing = [k for k in ("slug", "period_start", "as_of") if k not in section]
    if missing:
        raise ConfigError(f"{source}: [round] 缺少必填键 {', '.join(missing)}")
    slug = section["slug"]
    if not isinstance(slug, str) or not SLUG_PATTERN.match(slug):
        raise ConfigError(f"{source}: [round] slug {slug!r} 只能包含小写字母 a-z、数字 0-9 和 '-'")
    dates = {k: _date(section[k], k, source) for k in ("period_start", "as_of")}
    if dates["period_start"] > dates["as_of"]:
        raise ConfigError(f"{source}: [round] period_start {dates['period_start']} 晚于 as_of {dates['as_of']}")
    texts = {}
    for key in _ROUND_TEXT_KEYS:
        value = section.get(key, "")
        if not isinstance(value, str):
            raise ConfigError(f"{source}: [round] {key} 应为文本，实际为 {value!r}")
        texts[key] = value.strip()
    mask = section.get("mask", False)
    if not isinstance(mask, bool):
        raise ConfigError(f"{source}: [round] mask 应为 true 或 false，实际为 {mask!r}")
    thresholds_raw = raw.get("thresholds", {})
    if not isinstance(thresholds_raw, dict):
        raise ConfigError(f"{source}: [thresholds] 应为表")
    thresholds = Thresholds().with_overrides(thresholds_raw, f"{source}: [thresholds]")
    return RoundConfig(slug=slug, thresholds=thresholds, mask=mask, **dates, **texts)


def _date(value: Any, key: str, source: str) -> dt.date:
    date = _as_date(value)
    if date is None:
        raise ConfigError(f"{source}: [round] {key} 应为日期（如 2020-06-30），实际为 {value!r}")
    if not EARLIEST_DATE <= date <= LATEST_DATE:
        raise ConfigError(f"{source}: [round] {key} {date} 超出可处理的范围（{EARLIEST_DATE} 至 {LATEST_DATE}）")
    return date


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
