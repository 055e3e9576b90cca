"""The cross-round index.html as a Jinja2 template (autoescaped: every text of a round is escaped)."""

INDEX = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
  body { margin: 0; background: #f7f7f5; color: #222;
         font: 15px/1.6 "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei",
               "PingFang SC", "WenQuanYi Micro Hei", sans-serif; }
  main { max-width: 1280px; margin: 0 auto; padding: 24px 28px 60px; background: #fff; min-height: 100vh; }
  h1 { font-size: 26px; margin: 0 0 4px; }
  h2 { font-size: 19px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #0072B2; }
  h3 { font-size: 16px; margin: 18px 0 6px; color: #333; }
  .sub, .muted { color: #666; }
  .banner { padding: 10px 14px; border-radius: 4px; margin: 14px 0; }
  .banner.failed { background: #fdecea; color: #b3261e; border: 1px solid #f5c2bd; }
  .banner.ok { background: #e8f5ee; color: #1b7f4c; border: 1px solid #bfe3cf; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13.5px; }
  th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
  th { background: #f0f3f6; font-weight: 600; white-space: nowrap; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  td.hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 12px; word-break: break-all; }
  .chart { margin: 8px 0 4px; max-width: 100%; }
</style>
</head>
<body>
<main>
<h1>{{ title }}</h1>
<p class="sub">生成于 {{ finished_at }} · {{ cluster }} · 共 {{ counts.total }} 个轮次：完成 {{ counts.ok }}，
未变化跳过 {{ counts.skipped }}，失败 {{ counts.failed }}</p>
{% if counts.failed %}
<div class="banner failed">{{ counts.failed }} 个轮次失败，原因见下表；其余轮次的结果照常汇总。</div>
{% else %}
<div class="banner ok">全部轮次均已完成。</div>
{% endif %}
<p class="muted">说明：每千条记录疑点数 = 疑点数 ÷ 该检查（领域）所读数据集的有效记录数 × 1000；
每万元支出 = 该领域以元计的指标之和（如接待、燃油、出国费用）÷ 10000。规模不同的轮次宜按这两项比较，而非疑点总数。
汇总表另见 <a href="summary.xlsx">summary.xlsx</a>（全精度数值见 <a href="summary.json">summary.json</a>），
各轮次运行记录的 SHA-256 见 <a href="manifest.json">manifest.json</a>。</p>

{% for section in sections %}
<h2>{{ section.title }}</h2>
{% if section.note %}<p class="muted">{{ section.note }}</p>{% endif %}
{% for block in section.blocks %}
{% if block.heading %}<h3>{{ block.heading }}</h3>{% endif %}
{% if block.chart %}<img class="chart" alt="{{ block.heading }}" src="{{ block.chart }}">{% endif %}
{% if block.table %}
<div class="scroll"><table>
<thead><tr>{% for column in block.table.columns %}<th>{{ column }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in block.table.rows %}<tr>{% for cell in row %}<td class="{{ cell.css }}">
{%- if cell.href %}<a href="{{ cell.href }}">{{ cell.text }}</a>{% else %}{{ cell.text }}{% endif -%}
</td>{% endfor %}</tr>
{% endfor %}
</tbody></table></div>
{% endif %}
{% endfor %}
{% endfor %}
</main>
</body>
</html>
"""
