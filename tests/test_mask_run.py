"""`toolkit run --mask` of the demo round, with ID and phone numbers planted in free text: no output file
holds a raw personal value (every value of every sensitive column, and the planted numbers)."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from toolkit.cli import main
from toolkit.ingest.load import load_round
from toolkit.config import load_config
from toolkit.report import notebooks as catalog
from toolkit.report import runner
from toolkit.report.mask import sensitive_columns

#: Written into 进展说明 (free text) of progress.csv: raw forms that must not survive, by row.
PLANTED = {
    0: "，联系人电话138-1234-5678，身份证3622 0319 9001 0112 34",
    1: "，座机0791-86123456，手机+8613912345678，旧身份证360102900101123",
}
RAW_NUMBERS = ["138-1234-5678", "13812345678", "3622 0319 9001 0112 34", "362203199001011234",
               "0791-86123456", "86123456", "13912345678", "360102900101123"]


def _plant_free_text(progress: Path) -> None:
    rows = list(csv.reader(io.StringIO(progress.read_text(encoding="utf-8-sig"))))
    column = rows[0].index("进展说明")
    for index, text in PLANTED.items():
        rows[index + 1][column] += text
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    progress.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")


@pytest.fixture(scope="session")
def masked_run(built_demo, tmp_path_factory):
    """The demo round with planted numbers, its raw personal values, and one `toolkit run --mask` of it."""
    round_dir = Path(shutil.copytree(built_demo, tmp_path_factory.mktemp("mask-round") / "demo"))
    _plant_free_text(round_dir / "progress.csv")
    data = load_round(round_dir, load_config(round_dir / "round.toml"))
    personal = {}
    for dataset, columns in sensitive_columns().items():
        for column in columns:
            if dataset in data.frames:
                personal[(dataset, column)] = {str(v).strip() for v in data.frames[dataset][column].dropna()}
    out = tmp_path_factory.mktemp("mask-run") / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(catalog.NOTEBOOKS_ENV, raising=False)
        code = main(["run", str(round_dir), "--out", str(out), "--jobs", "2", "--quiet", "--mask"])
    return code, out, personal


def _texts(out: Path) -> dict[str, str]:
    """Every output file as text: xlsx and docx unzipped (their XML), Parquet read back cell by cell."""
    texts = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = str(path.relative_to(out))
        if path.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as archive:
                texts[name] = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                                        if n.endswith((".xml", ".rels")))
        elif path.suffix == ".parquet":
            texts[name] = pq.read_table(path).to_pandas().to_csv()
        elif path.suffix in (".csv", ".html", ".ipynb", ".json", ".txt", ".log"):
            texts[name] = path.read_text(encoding="utf-8-sig", errors="replace")
    return texts


def test_masked_run_succeeds_and_writes_every_output(masked_run):
    code, out, _ = masked_run
    assert code == 0
    names = set(_texts(out))
    for expected in ["findings.csv", "findings.xlsx", "rejected.csv", "ledger.xlsx", "bulletin.docx",
                     "bulletin.html", "index.html", ".snapshot/findings.parquet", ".snapshot/rejected.parquet"]:
        assert expected in names
    assert any(n.startswith("notebooks/") and n.endswith(".ipynb") for n in names)
    assert any(n.startswith("notebooks/") and n.endswith(".html") for n in names)


def test_the_demo_has_personal_data_in_the_sensitive_columns(masked_run):
    _, _, personal = masked_run
    filled = [key for key, values in personal.items() if any(len(v) >= 2 for v in values)]
    assert len(filled) >= 5, personal.keys()


def test_no_output_holds_a_raw_personal_value(masked_run):
    _, out, personal = masked_run
    raw = set(RAW_NUMBERS) | {v for values in personal.values() for v in values if len(v) >= 2}
    leaks = {name: sorted(v for v in raw if v in text) for name, text in _texts(out).items()}
    assert {name: found for name, found in leaks.items() if found} == {}


def test_masked_forms_are_shown_instead(masked_run):
    _, out, _ = masked_run
    snapshot = _texts(out)[".snapshot/" + next(p.name for p in (out / ".snapshot").glob("frame-*.parquet")
                                                if "138****5678" in pq.read_table(p).to_pandas().to_csv())]
    assert "3622**********1234" in snapshot and "0791-****3456" in snapshot and "+86139****5678" in snapshot
    assert '"mask": true' in (out / ".snapshot" / "snapshot.json").read_text(encoding="utf-8")
