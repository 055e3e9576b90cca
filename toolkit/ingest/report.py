"""The per-file text report of `toolkit validate`."""

from __future__ import annotations

from toolkit.datasets import DATASETS, LATER_DATASETS
from toolkit.ingest.load import RoundData
from toolkit.ingest.validate import rejected_row_count


def format_validation(data: RoundData, limit: int = 50) -> str:
    """Rows read, accepted and rejected per file, with each rejection's row, column, value and reason."""
    lines = [f"轮次 {data.config.slug}：{data.directory}"]
    rejected = data.rejected
    for report in data.reports:
        zh = DATASETS[report.dataset].zh
        name = report.path.name
        if report.error:
            lines.append(f"✗ {name} → {report.dataset}（{zh}）：{report.error}")
            continue
        mark = "✓" if report.ok else "✗"
        sheet = f"工作表「{report.sheet}」，" if report.sheet else ""
        lines.append(f"{mark} {name} → {report.dataset}（{zh}）：{sheet}表头在第 {report.header_row} 行，"
                     f"读取 {report.rows_read} 行，接受 {report.accepted} 行，拒绝 {report.rejected_rows} 行")
        lines += [f"    注意：{note}" for note in report.notes]
        mine = rejected[rejected["file"] == name]
        for line in mine.head(limit).itertuples(index=False):
            where = f"{line.file}" + (f" 工作表「{line.sheet}」" if line.sheet else "")
            lines.append(f"    {where} 第 {line.row} 行，列「{line.column}」，值「{line.value}」：{line.reason}")
        if len(mine) > limit:
            lines.append(f"    ……另有 {len(mine) - limit} 条，见 rejected.csv（toolkit check 写出）")
    present = {r.dataset for r in data.reports}
    absent = [f"{d.name}（{d.zh}）" for d in DATASETS.values() if d.name not in present | LATER_DATASETS]
    if absent:
        lines.append("未提供的数据集（相关检查跳过，指标为空）：" + "、".join(absent))
    for name in data.ignored:
        lines.append(f"已忽略无法识别的文件：{name}（文件名应为数据集的中文名称或英文名称）")
    total = rejected_row_count(rejected)
    whole = sum(1 for r in data.reports if r.error)
    lines.append(f"合计：{len(data.reports)} 个文件，拒绝 {total} 行" + (f"，{whole} 个文件整体未读取" if whole else ""))
    return "\n".join(lines)
