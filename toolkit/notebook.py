"""What every area notebook calls first: check its parameters and open the round; and how it shows a table.

A notebook's ``parameters`` cell holds ``data_dir``, ``out_dir`` and
``thresholds``; :func:`open_round` validates them (Papermill only warns about
unknown ones) and returns the round read and checked. :func:`table` is the one
way a notebook shows a formatted table: the data HTML-escaped, the HTML the same
on every run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np
import pandas as pd
from markupsafe import escape as escape_html
from pandas.api.types import is_complex, is_float, is_integer
from pandas.io.formats.style import Styler

from toolkit.analysis import Analysis, PendingAnalysis
from toolkit.areas import area_titles
from toolkit.errors import ParameterError
from toolkit.pipeline import analyse, default_out_dir, masked_analysis
from toolkit.report.outputs import findings_for_people, summarise
from toolkit.roundkey import effective_config
from toolkit.snapshot import load_snapshot, snapshot_masked


def open_round(data_dir: str | Path, thresholds: dict[str, Any] | None = None,
               out_dir: str | Path | None = None) -> Analysis:
    """Validate the notebook parameters and read + check the round.

    When ``toolkit check`` left a snapshot of this very round (same input files, round.toml,
    thresholds and toolkit) beside ``out_dir`` — else in the default report folder ``reports/<slug>/``
    — it is loaded instead (toolkit.snapshot); otherwise the round is read and checked here. A snapshot
    whose checks are still running (a notebook of `toolkit run` starts once the round is read) gives a
    :class:`~toolkit.analysis.PendingAnalysis`: its findings, indicators and context wait for them.
    A masked run (``toolkit run --mask`` left a masked snapshot, or ``mask = true`` in round.toml) is
    shown masked either way.
    """
    if not isinstance(data_dir, (str, Path)) or not str(data_dir):
        raise ParameterError(f"data_dir 应为数据目录路径，实际为 {data_dir!r}")
    if thresholds is not None and not isinstance(thresholds, dict):
        raise ParameterError(f"thresholds 应为字典，例如 {{'clue_days_max': 60}}，实际为 {thresholds!r}")
    path = Path(data_dir)
    if not path.is_dir():
        raise ParameterError(f"data_dir {path.resolve()} 不存在：先运行 make demo，或把参数改为你的轮次目录")
    config = effective_config(path, thresholds or None)
    out = Path(out_dir) if out_dir else default_out_dir(config)
    mask = config.mask or snapshot_masked(out)
    snapshot = load_snapshot(path, config, out, mask=mask)
    if snapshot is None:
        return _analysed(path, thresholds, mask)
    if snapshot.pending is None:
        return Analysis(snapshot.data, snapshot.run, snapshot.context, snapshot.timings)
    return PendingAnalysis(snapshot.data, lambda: _checks_of(snapshot, path, thresholds, mask))


def _analysed(path: Path, thresholds: dict[str, Any] | None, mask: bool) -> Analysis:
    analysis = analyse(path, thresholds or None)
    return masked_analysis(analysis) if mask else analysis


def _checks_of(snapshot: Any, path: Path, thresholds: dict[str, Any] | None, mask: bool) -> tuple[Any, Any, dict]:
    """The checks of a snapshot loaded while they still ran (its run, context, timings), once its writer saved them;
    checked here when it could not (it died or failed to save them)."""
    whole = snapshot.pending()
    if whole is None:
        analysis = _analysed(path, thresholds, mask)
        return analysis.run, analysis.context, analysis.timings
    return whole.run, whole.context, {**whole.timings, "snapshot_s": snapshot.timings["snapshot_s"]}


def area_findings(analysis: Analysis, area: str) -> pd.DataFrame:
    """One area's findings with Chinese headers, for display."""
    return findings_for_people(analysis.area_findings(area))


def findings_summary(analysis: Analysis, area: str | None = None) -> pd.DataFrame:
    """Findings per check (count and amount), optionally for one area; areas named by their TITLE."""
    findings = analysis.findings if area is None else analysis.area_findings(area)
    return summarise(findings, area_titles())


@dataclass(frozen=True)
class Table:
    """What :func:`table` returns for ``display()``: the HTML, and a plain-text form without memory addresses."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


Formats = str | Callable[[Any], str] | Mapping[Any, str | Callable[[Any], str]]


MAX_ROWS = 200


def table(frame: pd.DataFrame, formats: Formats | None = None, *, na_rep: str = "", precision: int | None = None,
          show_index: bool = False, max_rows: int | None = MAX_ROWS) -> Table:
    """``frame`` as an HTML table for a notebook: every value, index and column label (and their names)
    HTML-escaped, so text from the data never becomes markup; the row index hidden unless ``show_index``.

    ``formats``: as ``Styler.format`` (one format for every column, or a dict column → format);
    ``na_rep`` for missing values and ``precision`` for unformatted floats apply to every column. The
    table's id is derived from its content and no cell ids are written, so the HTML is the same on
    every run. A frame longer than ``max_rows`` (None: no limit) shows its first ``max_rows`` rows and
    a line stating how many rows it has — a big round's lists belong in findings.xlsx, not in a page.
    The HTML is exactly what pandas' ``Styler.to_html()`` writes for these settings; for a flat frame
    it is written directly (:func:`_direct_html`, several times faster), else by the Styler.

    >>> shown = table(pd.DataFrame({"单位": ["<script>alert(1)</script>"], "金额": [1234.5]}), {"金额": "{:,.2f}"})
    >>> "<script>" in shown.html, "&lt;script&gt;alert(1)&lt;/script&gt;" in shown.html, "1,234.50" in shown.html
    (False, True, True)
    >>> long = table(pd.DataFrame({"n": range(1000)}), max_rows=3)
    >>> long.html.count("<tr>"), "<p>共 1,000 行，此处显示前 3 行，其余 997 行未显示。</p>" in long.html
    (4, True)
    """
    text = frame.to_string(index=show_index, na_rep=na_rep, max_rows=pd.get_option("display.max_rows"))
    table_id = hashlib.sha256(f"{frame.shape}{text}".encode("utf-8")).hexdigest()[:10]
    cut = max_rows is not None and len(frame) > max_rows
    shown = frame.head(max_rows) if cut else frame
    html = _direct_html(shown, table_id, formats, na_rep, precision, show_index)
    if html is None:
        html = _styler_html(shown, table_id, formats, na_rep, precision, show_index)
    if cut:
        html += f"<p>{rows_cut_note(len(frame), max_rows)}</p>\n"
    return Table(html, text)


def _styler_html(frame: pd.DataFrame, table_id: str, formats: Formats | None, na_rep: str,
                 precision: int | None, show_index: bool) -> str:
    """``frame`` through pandas' ``Styler``: what :func:`_direct_html` writes, for any frame and formats."""
    styler = Styler(frame, uuid=table_id, cell_ids=False, na_rep=na_rep, precision=precision, escape="html")
    if formats is not None:
        styler = styler.format(formats, na_rep=na_rep, precision=precision, escape="html")
    for axis in ("index", "columns"):
        styler = styler.format_index(escape="html", axis=axis).format_index_names(escape="html", axis=axis)
    if not show_index:
        styler = styler.hide(axis="index")
    return styler.to_html()


#: The Styler options :func:`_direct_html` reproduces only at their defaults (precision it reads).
STYLER_DEFAULTS = {"styler.format.thousands": None, "styler.format.decimal": ".", "styler.format.na_rep": None,
                   "styler.format.escape": None, "styler.format.formatter": None, "styler.html.mathjax": True,
                   "styler.render.max_rows": None, "styler.render.max_columns": None}


def _direct_html(frame: pd.DataFrame, table_id: str, formats: Formats | None, na_rep: str,
                 precision: int | None, show_index: bool) -> str | None:
    """The exact HTML :func:`_styler_html` writes, without building a Styler; None for what it does not
    reproduce (a MultiIndex, no columns, a formats value that is not a format string or callable,
    Styler options off their defaults, a table Styler would trim) — the caller then uses the Styler.
    """
    if not _direct_supported(frame, formats):
        return None
    label_precision = pd.get_option("styler.format.precision")
    precision = label_precision if precision is None else precision
    if formats is None:   # the Styler's own default format: ``na_rep or None``, so "" shows NaN as "nan"
        per_column, missing = [None] * frame.shape[1], na_rep or None
    elif isinstance(formats, Mapping):
        per_column, missing = [formats.get(frame.columns[c]) for c in range(frame.shape[1])], na_rep
    else:
        per_column, missing = [formats] * frame.shape[1], na_rep
    cells = [_cell_texts(frame.iloc[:, c], per_column[c], missing, precision) for c in range(frame.shape[1])]
    head = _head_rows(frame, label_precision, show_index)
    body = _body_rows(frame, cells, label_precision, show_index)
    return (f'<style type="text/css">\n</style>\n<table id="T_{table_id}">\n  <thead>\n{head}  </thead>\n'
            f"  <tbody>\n{body}  </tbody>\n</table>\n")


def _direct_supported(frame: pd.DataFrame, formats: Formats | None) -> bool:
    """Whether :func:`_direct_html` writes this table (else the Styler does)."""
    if isinstance(frame.index, pd.MultiIndex) or isinstance(frame.columns, pd.MultiIndex) or not frame.shape[1]:
        return False
    values = formats.values() if isinstance(formats, Mapping) else [formats]
    if not all(value is None or isinstance(value, str) or callable(value) for value in values):
        return False
    if any(pd.get_option(option) != default for option, default in STYLER_DEFAULTS.items()):
        return False
    return frame.shape[0] * frame.shape[1] <= pd.get_option("styler.render.max_elements")


def _formatted(value: Any, formatter: str | Callable[[Any], str] | None, missing: str | None,
               precision: int) -> str:
    """One value as the Styler shows it: ``missing`` for NA, strings HTML-escaped before formatting,
    floats to ``precision`` places when there is no formatter, what a formatter returns as ``str``
    (the raw value when it returns None).

    >>> _formatted("<b>", None, None, 6), _formatted(1.5, None, None, 2), _formatted(float("nan"), None, "-", 2)
    ('&lt;b&gt;', '1.50', '-')
    """
    if missing is not None and pd.isna(value) is True:
        return missing
    escaped = escape_html(value) if isinstance(value, str) else value
    if formatter is None:
        if is_float(escaped) or is_complex(escaped):
            shown = f"{escaped:.{precision}f}"
        else:
            shown = str(escaped) if is_integer(escaped) else escaped
    elif isinstance(formatter, str):
        shown = formatter.format(escaped)
    else:
        shown = formatter(escaped)
    return str(value if shown is None else shown)


def _cell_texts(column: pd.Series, formatter: str | Callable[[Any], str] | None, missing: str | None,
                precision: int) -> list[str]:
    """A column's cell texts (the values as ``DataFrame.itertuples`` yields them to the Styler; ``tolist``
    yields the same values, faster, for numpy and text columns — not for nullable ints, it gives ``int``)."""
    same_as_iterating = isinstance(column.dtype, (np.dtype, pd.StringDtype))
    values = column.tolist() if same_as_iterating else list(column)
    return [_formatted(value, formatter, missing, precision) for value in values]


def _label(value: Any, precision: int) -> str:
    """An index or column label, or an axis name: escaped, floats to the Styler's default precision."""
    return _formatted(value, None, None, precision)


def _head_rows(frame: pd.DataFrame, precision: int, show_index: bool) -> str:
    """The ``<thead>`` rows: column labels (after the columns' name or a blank when the index shows),
    then the index name over blanks when the index shows and has a name."""
    cells = []
    if show_index:
        name = frame.columns.name
        cells.append('<th class="blank level0" >&nbsp;</th>' if name is None
                     else f'<th class="index_name level0" >{_label(name, precision)}</th>')
    cells += [f'<th class="col_heading level0 col{c}" >{_label(label, precision)}</th>'
              for c, label in enumerate(frame.columns.tolist())]
    rows = [cells]
    if show_index and frame.index.name is not None:
        rows.append([f'<th class="index_name level0" >{_label(frame.index.name, precision)}</th>']
                    + [f'<th class="blank col{c}" >&nbsp;</th>' for c in range(frame.shape[1])])
    return "".join(_tr(row) for row in rows)


def _body_rows(frame: pd.DataFrame, cells: list[list[str]], precision: int, show_index: bool) -> str:
    """The ``<tbody>`` rows: the row label when the index shows, then the data cells."""
    headings = [[f'<th class="row_heading level0 row{r}" >{_label(label, precision)}</th>']
                for r, label in enumerate(frame.index.tolist())] if show_index else [[]] * len(frame)
    return "".join(_tr(headings[r] + [f'<td class="data row{r} col{c}" >{column[r]}</td>'
                                      for c, column in enumerate(cells)])
                   for r in range(len(frame)))


def _tr(cells: list[str]) -> str:
    """A table row as the Styler's template writes it."""
    return "    <tr>\n" + "".join(f"      {cell}\n" for cell in cells) + "    </tr>\n"


def rows_cut_note(total: int, shown: int) -> str:
    """The line under a table cut to its first rows.

    >>> rows_cut_note(12345, 200)
    '共 12,345 行，此处显示前 200 行，其余 12,145 行未显示。'
    """
    return f"共 {total:,} 行，此处显示前 {shown:,} 行，其余 {total - shown:,} 行未显示。"
