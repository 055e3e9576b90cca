"""ingest → validate → checks: one function a command, a notebook or a test calls.

:func:`analyse` reads a round and runs the checks in memory (an
:class:`~toolkit.analysis.Analysis`); :func:`check_round` does the same and
writes the run's files (findings, indicators, rejected rows, ledger, manifest)
into the output folder.
"""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from toolkit.analysis import Analysis
from toolkit.areas import all_checks, all_indicators, area_titles
from toolkit.areas import ledger as ledger_area
from toolkit.background import in_background
from toolkit.checks.base import EXTRA_COLUMNS, FINDING_COLUMNS, Context, empty_findings, run_checks
from toolkit.config import REVIEW_FILE, RoundConfig
from toolkit.errors import InputError
from toolkit.ingest.load import FileReport, RoundData, load_round, sha256_file
from toolkit.outdir import check_out_dir, holding_out_dir
from toolkit.report import manifest as manifest_mod
from toolkit.report.mask import mask_round, sensitive_columns
from toolkit.report.outputs import write_csv, write_findings_csv, write_findings_xlsx, write_json, write_table_xlsx
from toolkit.review.status import with_review
from toolkit.roundkey import effective_config
from toolkit.snapshot import give_up_checks, save_checks_snapshot, save_round_snapshot

DEFAULT_REPORTS = Path("reports")


def analyse(data_dir: Path, thresholds: dict[str, Any] | None = None, areas: list[str] | None = None, *,
            on_ingested: Callable[[RoundData], None] | None = None, config: RoundConfig | None = None) -> Analysis:
    """Read a round folder (then call ``on_ingested`` with the data read) and run its checks (all areas, or only
    ``areas``). ``config``: the round's :func:`round_config` when the caller has read it already (``thresholds``
    are in it), so that round.toml is read once."""
    started = time.perf_counter()
    data = load_round(Path(data_dir), config or round_config(data_dir, thresholds))
    read_s = time.perf_counter() - started
    if on_ingested is not None:
        on_ingested(data)
    checking = time.perf_counter()
    context = Context(data.frames, data.config)
    run = with_review(run_checks(context, all_checks(areas), all_indicators()), Path(data_dir))  # review.csv
    timings = {"ingest_s": round(read_s, 3), "checks_s": round(time.perf_counter() - checking, 3)}
    return Analysis(data, run, context, timings)


def round_config(data_dir: Path, thresholds: dict[str, Any] | None = None) -> RoundConfig:
    """The round's round.toml with ``thresholds`` overriding its thresholds; InputError when there is no folder."""
    if not Path(data_dir).is_dir():
        raise InputError(f"{data_dir}: 数据目录不存在")
    return effective_config(data_dir, thresholds)


def default_out_dir(config: RoundConfig) -> Path:
    """reports/<slug>/, relative to the working directory."""
    return DEFAULT_REPORTS / config.slug


def write_check_outputs(analysis: Analysis, out_dir: Path, parameters: dict[str, Any],
                        mask: bool = False) -> dict[str, Any]:
    """Write findings.csv/.xlsx, indicators.json, rejected.csv and ledger.xlsx; return the manifest (status
    'checked'). findings.xlsx is written meanwhile in a forked process when one may be (toolkit.background).

    ``mask`` is only recorded: a masked run passes the view of :func:`masked_analysis`.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    data, run = analysis.data, analysis.run
    manifest = manifest_mod.base_manifest(data.config.as_dict(), input_hashes(data), {**parameters, "mask": mask})
    write_json(out_dir / "manifest.json", manifest)  # status 'running' until the end
    with in_background(write_findings_xlsx, out_dir / "findings.xlsx", run.findings, area_titles()):  # the longest
        write_findings_csv(out_dir / "findings.csv", run.findings, FINDING_COLUMNS + EXTRA_COLUMNS)
        write_json(out_dir / "indicators.json", run.indicators)
        write_csv(out_dir / "rejected.csv", data.rejected)
        write_ledger(analysis, out_dir)
    manifest.update({
        "status": "checked",
        "timings": dict(analysis.timings),
        "notes": run.notes,
        "ignored_files": data.ignored,
        "files": [file_summary(r) for r in data.reports],
        "rejected_rows": analysis.rejected_rows,
        "rejected_files": [r.path.name for r in data.reports if r.error],
        "skipped_checks": run.skipped,
        "findings": int(len(run.findings)),
    })
    return manifest


def masked_analysis(analysis: Analysis) -> Analysis:
    """The round as every output of a masked run shows it (toolkit.report.mask.mask_round).

    Built after the checks, never before: the rules compare names. Indicators are figures and stay.
    """
    frames, findings, rejected = mask_round(analysis.data.frames, analysis.run.findings, analysis.data.rejected,
                                            sensitive_columns())
    data = replace(analysis.data, frames=frames, rejected=rejected)
    context = replace(analysis.context, data=frames)
    return Analysis(data, replace(analysis.run, findings=findings), context, analysis.timings)


def masked_data(data: RoundData) -> RoundData:
    """The round's data as a masked run shows it, before its checks (:func:`masked_analysis` masks the same
    frames the same way, with the findings)."""
    frames, _, rejected = mask_round(data.frames, empty_findings(), data.rejected, sensitive_columns())
    return replace(data, frames=frames, rejected=rejected)


def write_ledger(analysis: Analysis, out_dir: Path) -> None:
    """ledger.xlsx: the rectification ledger with 剩余天数 and 三色预警, when the round has one."""
    path = out_dir / "ledger.xlsx"
    path.unlink(missing_ok=True)   # a previous run's ledger must not pass for this run's
    ledger = analysis.frame("ledger")
    if ledger is not None:
        write_table_xlsx(path, ledger_area.ledger_export(ledger, analysis.config.as_of_ts), ledger_area.TITLE)


def file_summary(report: FileReport) -> dict[str, Any]:
    """One input file's line in manifest.json."""
    return {"file": report.path.name, "dataset": report.dataset, "sheet": report.sheet,
            "header_row": report.header_row, "rows_read": report.rows_read, "accepted": report.accepted,
            "rejected": report.rejected_rows, "error": report.error}


def input_hashes(data) -> dict[str, str]:
    """SHA-256 of the files a report is made of: the dataset files as read, and review.csv when the round has one."""
    review = Path(data.directory) / REVIEW_FILE
    return {**data.hashes, **({REVIEW_FILE: sha256_file(review)} if review.is_file() else {})}


def check_round(data_dir: Path, out_dir: Path | None = None, *, thresholds: dict[str, Any] | None = None,
                parameters: dict[str, Any] | None = None, mask: bool = False, finish: str | None = None,
                on_snapshot: Callable[[], None] | None = None,
                on_ingested: Callable[[], None] | None = None) -> tuple[Analysis, dict[str, Any], Path]:
    """`toolkit check`: read the round (then ``on_ingested()``), write the round's snapshot (toolkit.snapshot; then
    ``on_snapshot()``: `toolkit run` hands out its notebooks there), run the checks, add them to the snapshot,
    write the outputs, finish the manifest with status ``finish`` when given.

    The output folder must lie outside the data folder and is locked while written (toolkit.outdir).
    Masking (``mask`` or ``mask = true`` in round.toml): the returned Analysis, every file written and the
    snapshot the notebooks load are the masked view (:func:`masked_analysis`).
    """
    if out_dir:
        check_out_dir(out_dir, data_dir)   # before reading the round: refused at once
    config = round_config(data_dir, thresholds)
    mask = bool(mask or config.mask)
    out_dir = Path(out_dir) if out_dir else default_out_dir(config)
    check_out_dir(out_dir, data_dir)
    params = {"data_dir": str(data_dir), "thresholds": config.thresholds.as_dict(), **(parameters or {})}
    saved: list[Path] = []               # the round's snapshot, once saved (none when it could not be)

    def ingested(data: RoundData) -> None:
        if on_ingested:
            on_ingested()
        locked.enter_context(holding_out_dir(out_dir))   # from here on: nothing is written for an unreadable round
        folder = save_round_snapshot(masked_data(data) if mask else data, out_dir, mask=mask)
        saved.extend([folder] if folder is not None else [])
        if on_snapshot:
            on_snapshot()

    with ExitStack() as locked:
        try:
            analysis = analyse(data_dir, on_ingested=ingested, config=config)
            if mask:
                analysis = masked_analysis(analysis)
        except BaseException:
            for folder in saved:         # no checks will come: the notebooks waiting for them stop waiting
                give_up_checks(folder)
            raise
        for folder in saved:
            save_checks_snapshot(analysis, folder)
        manifest = write_check_outputs(analysis, out_dir, params, mask)
        if finish:
            finish_manifest(out_dir, manifest, finish)
    for note in analysis.run.notes:
        print(f"注意：{note}", file=sys.stderr)
    return analysis, manifest, out_dir


def finish_manifest(out_dir: Path, manifest: dict[str, Any], status: str) -> None:
    """Record the final status and the finishing time in out_dir/manifest.json."""
    manifest.update({"status": status, "finished_at": manifest_mod.now()})
    write_json(out_dir / "manifest.json", manifest)
