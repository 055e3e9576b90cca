"""HTML escapes data everywhere: the notebooks' pages, index.html and bulletin.html.

The attack: text in the round's files (a unit, a measure, a project name, a rejected value) carrying
``<script>alert(1)</script>`` or ``<img src=x onerror=alert(1)>``. The payload round is the demo round
written as CSV with the payload appended to every text cell (IDs included, so that the joins still hold)
and put in place of one value of every category column (those rows are rejected, so the payload
reaches rejected.csv and the rejection tables), and in the round's title and target. `toolkit run`
executes every notebook on it once (a module fixture: one Papermill run); each page is then parsed
and must hold the payload as text, never as a script or an event handler.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.datasets import DATASETS
from toolkit.demo.generate import generate
from toolkit.demo.layouts import LAYOUTS, ROW_WRITERS
from toolkit.demo.spec import FILES, ROUND
from toolkit.demo.writer import save_csv, write_round
from toolkit.report import notebooks as catalog
from toolkit.report import runner

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PAYLOAD = SCRIPT + IMG
#: every notebook of the repository (the payload round holds every dataset the demo writes)
NOTEBOOKS = tuple(spec.name for spec in catalog.discover_notebooks(Path(__file__).resolve().parent.parent / "notebooks"))


def payload_round(out: Path) -> Path:
    """The demo round as CSV files, every text cell carrying PAYLOAD; one row per category column rejected."""
    out.mkdir(parents=True)
    write_round(out, {**ROUND, "title": ROUND["title"] + PAYLOAD, "target": ROUND["target"] + PAYLOAD})
    for name, rows in generate().tables.items():
        rows = [dict(row) for row in rows]
        for column in DATASETS[name].columns:
            if column.kind == "text":
                for row in rows:
                    if isinstance(row.get(column.name), str) and row[column.name]:
                        row[column.name] += PAYLOAD
            elif column.kind == "category":
                rows[len(rows) // 2][column.name] = PAYLOAD
        layout = LAYOUTS[name]
        cells = ROW_WRITERS.get(name, layout.cells)
        save_csv(out / f"{Path(FILES[name]).stem}.csv", layout.headers, (cells(row) for row in rows), "utf-8-sig")
    return out


class Page(HTMLParser):
    """What a page holds: the text of its script elements, its event-handler attributes, its images'
    sources, and its text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[tuple[str, str, str]] = []
        self.image_sources: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.handlers += [(tag, name, value or "") for name, value in attrs if name.lower().startswith("on")]
        if tag == "img":
            self.image_sources += [value or "" for name, value in attrs if name == "src"]
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._in_script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def assert_inert(html: str, shows_payload: bool = True) -> None:
    page = Page(html)
    assert not [s for s in page.scripts if "alert(1)" in s], "a script element from the data"
    assert not [h for h in page.handlers if "alert" in h[2]], f"event handlers from the data: {page.handlers[:3]}"
    assert "x" not in page.image_sources, "an <img> element from the data"
    if shows_payload:   # the data is on the page, as text
        assert PAYLOAD in "".join(page.text) or SCRIPT in "".join(page.text)


@pytest.fixture(scope="module")
def payload_run(tmp_path_factory) -> Path:
    """`toolkit run` of the payload round, once: the output folder."""
    data = payload_round(tmp_path_factory.mktemp("payload") / "round")
    out = tmp_path_factory.mktemp("payload-run") / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(catalog.NOTEBOOKS_ENV, raising=False)
        code = main(["run", str(data), "--out", str(out), "--jobs", "2", "--quiet"])
    assert code == 0, json.loads((out / "manifest.json").read_text(encoding="utf-8")).get("notebooks")
    return out


def test_the_payload_round_reaches_every_output(payload_run):
    manifest = json.loads((payload_run / "manifest.json").read_text(encoding="utf-8"))
    assert [n["name"] for n in manifest["notebooks"] if n["status"] == "ok"] == list(NOTEBOOKS)
    assert manifest["rejected_rows"] > 0 and manifest["findings"] > 0
    assert SCRIPT in (payload_run / "findings.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_pages_show_the_data_as_text(payload_run, name):
    assert_inert((payload_run / "notebooks" / f"{name}.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_executed_notebooks_hold_no_styler_ids_or_memory_addresses(payload_run, name):
    text = (payload_run / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8")
    assert "pandas.io.formats.style.Styler" not in text
    assert not re.search(r"\bat 0x[0-9a-f]+", text)
    assert not re.search(r'id=\\"T_[0-9a-f]+_row', text), "cell ids of a Styler"


def test_index_html_shows_the_data_as_text(payload_run):
    assert_inert((payload_run / "index.html").read_text(encoding="utf-8"))


def test_bulletin_html_shows_the_data_as_text(payload_run):
    assert_inert((payload_run / "bulletin.html").read_text(encoding="utf-8"))


def test_the_page_parser_sees_an_unescaped_payload():
    """The checks above would catch the attack: the same payload written raw fails them."""
    raw = f"<table><tr><td>{PAYLOAD}</td></tr></table>"
    with pytest.raises(AssertionError):
        assert_inert(raw, shows_payload=False)
    page = Page(raw)
    assert page.scripts == ["alert(1)"] and page.handlers == [("img", "onerror", "alert(1)")]
