"""The `toolkit` command: parses arguments, calls the rest, turns every error into one line.

The top of the layers: it may import every module, and none imports it. Besides the argument
parsing it holds the glue of commands that are not a pipeline of their own, such as
`toolkit bulletin render` (read a round, then render its bulletin).

Each command imports the modules it runs inside its own function: `toolkit check` then does not pay
for the notebooks' runner, the charts, python-docx or Dask (about a second of start-up). This is the
one module allowed to import toolkit modules inside functions (tests/test_layers.py).

Exit codes: 0 success; 1 rejected input rows (validate, or check/run with --strict) or a
failed notebook; 2 a usage, configuration or input error, or a path the system refuses (an --out
that is a file, a read-only folder); 70 an internal error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import gc
import os
import sys
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.batch.rounds import DEFAULT_OUT as BATCH_OUT
from toolkit.errors import InputError, ToolkitError
from toolkit.outdir import check_out_dir, check_out_file, holding_out_dir

if TYPE_CHECKING:
    from toolkit.analysis import Analysis

EXIT_REJECTED, EXIT_ERROR, EXIT_INTERNAL = 1, 2, 70


def _thresholds_arg(values: list[str] | None) -> dict:
    """--set name=value pairs (values parsed as TOML scalars or arrays)."""
    out = {}
    for item in values or []:
        if "=" not in item:
            raise ToolkitError(f"--set {item!r}: 应为 名称=值，例如 --set clue_days_max=60")
        name, value = item.split("=", 1)
        try:
            out[name.strip()] = tomllib.loads(f"v = {value.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            out[name.strip()] = value.strip()
    return out


def cmd_validate(args: argparse.Namespace) -> int:
    from toolkit.ingest.load import load_round
    from toolkit.ingest.report import format_validation

    data = load_round(Path(args.data_dir))
    print(format_validation(data, limit=args.limit))
    return 0 if data.ok else EXIT_REJECTED


def _report_rejections(analysis: Analysis, strict: bool) -> int:
    if analysis.rejected.empty:
        return 0
    rows = analysis.rejected_rows
    files = sorted({r.path.name for r in analysis.data.reports if r.error})
    parts = [f"{rows} 行被拒绝"] + ([f"{len(files)} 个文件整体未读取（{'、'.join(files)}）"] if files else [])
    print(f"注意：{'，'.join(parts)}，详见 rejected.csv（toolkit validate 可查看原因）", file=sys.stderr)
    return EXIT_REJECTED if strict else 0


def cmd_check(args: argparse.Namespace) -> int:
    from toolkit.pipeline import check_round

    analysis, manifest, out_dir = check_round(Path(args.data_dir), args.out, thresholds=_thresholds_arg(args.set),
                                              mask=args.mask, finish="ok")
    print(f"{len(analysis.findings)} 条疑点 → {out_dir / 'findings.csv'}")
    return _report_rejections(analysis, args.strict)


def cmd_run(args: argparse.Namespace) -> int:
    from toolkit.report.forkserver import start_forkserver
    start_forkserver()   # the workers' imports, on the other core, while this process imports the runner
    from toolkit.report.runner import run_round

    result = run_round(Path(args.data_dir), args.out, jobs=args.jobs, only=args.only, with_code=args.with_code,
                       thresholds=_thresholds_arg(args.set), progress=not args.quiet, mask=args.mask)
    print(f"报告首页：{result.index_path.resolve()}")
    code = _report_rejections(result.analysis, args.strict)
    if result.failed:
        print(f"错误：{len(result.failed)} 个笔记本执行失败：{'、'.join(result.failed)}（见 index.html）", file=sys.stderr)
        return EXIT_REJECTED
    return code


def cmd_demo(args: argparse.Namespace) -> int:
    from toolkit.demo import build_demo, default_data_dir
    from toolkit.demo.rounds import build_rounds

    if args.rounds:
        rounds_dir = build_rounds(Path(args.data_dir) if args.data_dir else None, args.rounds)
        print(f"{args.rounds} 个演示轮次已生成：{rounds_dir}（toolkit batch {rounds_dir} 可批量运行）")
        return 0
    data_dir = build_demo(Path(args.data_dir or default_data_dir(args.scale)), scale=args.scale)
    print(f"演示数据已生成：{data_dir}")
    if args.no_run:
        return 0
    args.only, args.set, args.strict, args.mask = None, None, False, False
    args.data_dir = str(data_dir)
    return cmd_run(args)


def cmd_bulletin_parse(args: argparse.Namespace) -> int:
    from toolkit.bulletin.parse import parse_bulletin, write_ledger_csv

    check_out_file(args.out, args.file)
    ledger = parse_bulletin(Path(args.file))
    write_ledger_csv(ledger, Path(args.out))
    print(f"{ledger['aspect_no'].nunique()} 个方面，{ledger['problem_no'].nunique()} 个问题，"
          f"{len(ledger)} 条措施 → {args.out}")
    return 0


def bulletin_for_round(data_dir: Path, out: Path) -> Path:
    """`toolkit bulletin render`: read and check a round folder, then write its bulletin .docx
    (masked when round.toml says ``mask = true``)."""
    from toolkit.bulletin.render import render_bulletin
    from toolkit.pipeline import analyse, masked_analysis

    analysis = analyse(Path(data_dir))
    analysis = masked_analysis(analysis) if analysis.config.mask else analysis
    if analysis.frame("ledger") is None:
        failed = [r for r in analysis.data.reports if r.dataset == "ledger" and r.error]
        if failed:
            raise InputError(f"{failed[0].path.name}: 整改台账未能读取（{failed[0].error}），无法生成整改进展情况通报")
        raise InputError(f"{data_dir}: 没有整改台账（整改台账.xlsx 或 ledger.csv），无法生成整改进展情况通报")
    return render_bulletin(analysis, Path(out))


def cmd_bulletin_render(args: argparse.Namespace) -> int:
    check_out_file(args.out, args.data_dir)
    out = bulletin_for_round(Path(args.data_dir), Path(args.out))
    print(f"整改进展情况通报 → {out}")
    return 0


def cmd_bulletin_verify(args: argparse.Namespace) -> int:
    """`toolkit bulletin verify`: the bulletin's figures against the round's indicators; exit 1 on any 不一致."""
    from toolkit.bulletin.read import read_bulletin_text
    from toolkit.bulletin.verify import DISAGREE, find_claims, verify_claims, write_verification
    from toolkit.pipeline import analyse, default_out_dir

    paragraphs = read_bulletin_text(Path(args.file))
    analysis = analyse(Path(args.data_dir))
    out = Path(args.out) if args.out else default_out_dir(analysis.config)
    check_out_dir(out, args.data_dir)
    table = verify_claims(find_claims(paragraphs), analysis.indicators)
    csv_path, _ = write_verification(table, out, Path(args.file).name)
    counts = table["结果"].value_counts()
    print(f"核对 {len(table)} 处数字：" + "，".join(f"{k} {v}" for k, v in counts.items()) + f" → {csv_path}")
    for line in table[table["结果"] == DISAGREE].itertuples(index=False):
        print(f"    不一致：{line.声明} 通报 {line.所述}，数据 {line.计算值}（{line.原文}）")
    return EXIT_REJECTED if (table["结果"] == DISAGREE).any() else 0


def cmd_compare(args: argparse.Namespace) -> int:
    from toolkit.report.compare import compare_runs, format_comparison

    if args.out:
        check_out_dir(args.out, args.dir_a, args.dir_b)
    comparison = compare_runs(Path(args.dir_a), Path(args.dir_b))
    print(format_comparison(comparison))
    if args.out:
        with holding_out_dir(args.out) as out:
            comparison.write(out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="toolkit", description="巡视巡察整改审计分析工具")
    parser.add_argument("--debug", action="store_true", help="show tracebacks (for developers)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="read and validate every dataset of a round; exit 1 on rejected rows")
    p.add_argument("data_dir")
    p.add_argument("--limit", type=int, default=50, help="rejected rows to print per file (default 50)")
    p.set_defaults(func=cmd_validate)

    for name, func, text in (("check", cmd_check, "run every check; write findings, indicators, manifest"),
                             ("run", cmd_run, "check, then execute every area notebook and write the report")):
        p = sub.add_parser(name, help=text)
        p.add_argument("data_dir")
        p.add_argument("--out", type=Path, default=None, help="output folder (default reports/<slug>/)")
        p.add_argument("--strict", action="store_true", help="exit 1 when any input row was rejected")
        p.add_argument("--set", action="append", metavar="NAME=VALUE", help="override a threshold")
        p.add_argument("--mask", action="store_true",
                       help="mask names, ID and phone numbers in every output (or mask = true in round.toml)")
        p.set_defaults(func=func)
        if name == "run":
            _run_options(p)

    p = sub.add_parser("demo", help="build the demo round under data/demo/ and run it")
    p.add_argument("--data-dir", default=None, help="default data/demo, or data/demo-x<K> with --scale K")
    p.add_argument("--scale", type=int, default=1, metavar="K", help="K replicas of the county (default 1)")
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--no-run", action="store_true", help="only build the data")
    p.add_argument("--rounds", type=int, default=None, metavar="N",
                   help="only build N county rounds under data/batch-demo/ (or --data-dir) for toolkit batch")
    _run_options(p)
    p.set_defaults(func=cmd_demo)

    bulletin = sub.add_parser("bulletin", help="parse or render the rectification progress bulletin")
    bsub = bulletin.add_subparsers(dest="bulletin_command", required=True)
    p = bsub.add_parser("parse", help="bulletin .txt/.docx → ledger.csv")
    p.add_argument("file")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_bulletin_parse)
    p = bsub.add_parser("render", help="ledger + indicators → bulletin .docx")
    p.add_argument("data_dir")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_bulletin_render)
    p = bsub.add_parser("verify", help="check every figure of a bulletin against the round; exit 1 on 不一致")
    p.add_argument("file")
    p.add_argument("data_dir")
    p.add_argument("--out", default=None, help="folder for verify.csv and verify.html (default reports/<slug>/)")
    p.set_defaults(func=cmd_bulletin_verify)

    _review_parsers(sub)

    _batch_parser(sub)

    p = sub.add_parser("compare", help="compare two runs' findings and indicators (回头看)")
    p.add_argument("dir_a")
    p.add_argument("dir_b")
    p.add_argument("--out", default=None, help="folder for compare.csv and compare.json")
    p.set_defaults(func=cmd_compare)
    return parser


def _review_parsers(sub: argparse._SubParsersAction) -> None:
    """`toolkit review export|import|to-ledger` (bodies in toolkit.review.commands)."""
    rsub = sub.add_parser("review", help="核查反馈: findings to the units, their answers back, the draft ledger"
                          ).add_subparsers(dest="review_command", required=True)
    p = rsub.add_parser("export", help="one 疑点核查反馈表 workbook per unit")
    p.add_argument("data_dir")
    p.add_argument("--out", type=Path, required=True, help="folder for the workbooks")
    p.add_argument("--mask", action="store_true", help="mask names, ID and phone numbers")
    p.add_argument("--deadline", type=dt.date.fromisoformat, default=None, help="答复截止日期 YYYY-MM-DD")
    p.set_defaults(func=cmd_review)
    p = rsub.add_parser("import", help="answered workbooks → ROUND_DIR/review.csv; exit 1 on rejected rows")
    p.add_argument("data_dir")
    p.add_argument("files", nargs="+", type=Path)
    p.set_defaults(func=cmd_review)
    p = rsub.add_parser("to-ledger", help="confirmed findings → a draft ledger workbook")
    p.add_argument("data_dir")
    p.add_argument("--out", type=Path, required=True, help="the draft ledger .xlsx")
    p.set_defaults(func=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    """`toolkit review export|import|to-ledger` (bodies in toolkit.review.commands)."""
    from toolkit.review.commands import review_export, review_import, review_to_ledger

    if args.review_command == "export":
        return review_export(Path(args.data_dir), args.out, args.mask, args.deadline)
    if args.review_command == "import":
        return review_import(Path(args.data_dir), args.files)
    return review_to_ledger(Path(args.data_dir), args.out)


def cmd_batch(args: argparse.Namespace) -> int:
    """`toolkit batch`: exit 1 when a round failed (each named with its reason on stderr)."""
    from toolkit.batch.command import run_batch

    result = run_batch(Path(args.rounds_dir), args.out, scheduler=args.scheduler, workers=args.workers,
                       notebooks=args.notebooks, force=args.force, jobs=args.jobs, progress=not args.quiet)
    done = sum(r["status"] == "ok" for r in result.records)
    skipped = sum(r["status"] == "skipped" for r in result.records)
    print(f"{len(result.records)} 个轮次：完成 {done}，未变化跳过 {skipped}，失败 {len(result.failed)}"
          f" → {result.index_path.resolve()}")
    for record in result.failed:
        print(f"错误：轮次 {record['name']} 失败：{record['reason']}", file=sys.stderr)
    return EXIT_REJECTED if result.failed else 0


def _batch_parser(sub: argparse._SubParsersAction) -> None:
    """The `batch` sub-command (body in toolkit.batch.command)."""
    p = sub.add_parser("batch", help="check (and report) every round under ROUNDS_DIR on a Dask cluster; "
                                     "write the cross-round view")
    p.add_argument("rounds_dir", help="folder whose sub-folders are rounds (each with its round.toml)")
    p.add_argument("--out", type=Path, default=None, help=f"output folder (default {BATCH_OUT}/)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="a running Dask scheduler, e.g. tcp://host:8786 (default: a LocalCluster)")
    p.add_argument("--workers", type=int, default=2, metavar="N", help="LocalCluster worker processes (default 2)")
    p.add_argument("--notebooks", action=argparse.BooleanOptionalAction, default=True,
                   help="also execute each round's notebooks and write its report (default: yes)")
    p.add_argument("--jobs", type=int, default=1, help="notebooks run at once within a round (default 1)")
    p.add_argument("--force", action="store_true", help="run every round, even when unchanged since the last batch")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_batch)


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run at once (default: CPUs)")
    p.add_argument("--only", nargs="+", metavar="AREA", help="run only these areas' notebooks")
    p.add_argument("--with-code", action="store_true", help="show code cells in the HTML")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


_OS_REASONS = {
    errno.EEXIST: "已存在同名的文件，不能用作文件夹", errno.ENOTDIR: "路径中有一级是文件，不是文件夹",
    errno.EISDIR: "是文件夹，不是文件", errno.EACCES: "没有读写权限", errno.EPERM: "没有读写权限",
    errno.EROFS: "位于只读的文件系统，无法写入", errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "超出磁盘配额",
    errno.ENOENT: "不存在", errno.ENAMETOOLONG: "文件名过长",
}


def os_error_message(exc: OSError) -> str:
    """One line for an error the system raised on a path.

    >>> os_error_message(FileExistsError(errno.EEXIST, "File exists", "reports/x"))
    'reports/x: 已存在同名的文件，不能用作文件夹'
    """
    reason = _OS_REASONS.get(exc.errno) or f"{type(exc).__name__}: {exc.strerror or exc}"
    return f"{exc.filename}: {reason}" if exc.filename is not None else reason


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush does not fail on the closed pipe again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (captured)
        pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ToolkitError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `toolkit validate … | head` stopped reading: nothing more to say
        _stdout_to_devnull()
        return EXIT_REJECTED
    except OSError as exc:  # the system refused a path: --out is a file, a read-only folder, a full disk
        if args.debug:
            raise
        print(f"错误：{os_error_message(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line for the user, the traceback on --debug
        if args.debug:
            raise
        print(f"内部错误：{type(exc).__name__}: {exc}（加 --debug 查看详情，请报告此问题）", file=sys.stderr)
        return EXIT_INTERNAL


def entry() -> None:
    """The `toolkit` command: :func:`main`, then exit without the interpreter's last garbage collections.

    ``gc.freeze()`` leaves every object alive at exit out of the collections the interpreter runs as it shuts
    down (~0.5 s after a run, for nothing: the process ends and its memory with it); only the command's own
    process does so, not a caller of :func:`main` (the tests), which keeps collecting."""
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    entry()
