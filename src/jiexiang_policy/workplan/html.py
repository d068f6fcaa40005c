"""The work-plan dashboard and the city roll-up as self-contained HTML pages (no network).

Chinese first with an English switch; a progress chart per measure and a timeline of
deadlines drawn as inline SVG; the task table sorts by any column and filters by unit
and by status. Each chart bar carries its numbers (``data-measure``, ``data-bucket``,
``data-count``) and the page embeds its JSON status, so a test can hold one against the other.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape

from ..plan import Text
from .progress import Bucket, Counts, DueItem, WorkplanStatus
from .rollup import Rollup

__all__ = ["rollup_html", "status_html"]

_COLORS = {
    Bucket.DONE: "#2e7d32",
    Bucket.IN_PROGRESS: "#1565c0",
    Bucket.NOT_STARTED: "#9e9e9e",
    Bucket.OVERDUE: "#c62828",
    Bucket.CANCELLED: "#d7ccc8",
}

_CSS = """
:root{--fg:#1b1b1b;--muted:#5a5a5a;--line:#ddd;--accent:#b3261e;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
color:var(--fg);background:var(--bg)}
header{position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line);padding:.5rem 1rem;z-index:2}
header h1{font-size:1.05rem;margin:0 0 .3rem}
.controls{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
select,button{font-size:.95rem;padding:.3rem .5rem;border:1px solid #999;border-radius:4px;background:#f7f7f7}
main{max-width:72rem;margin:0 auto;padding:0 1rem 3rem}
h2{border-bottom:2px solid var(--accent);padding-bottom:.2rem;margin-top:1.6rem;font-size:1.1rem}
.banner{background:#fff3cd;border:1px solid #e0c36b;padding:.4rem .7rem;border-radius:4px;margin:.8rem 0}
.cards{display:flex;gap:.6rem;flex-wrap:wrap}
.card{border:1px solid var(--line);border-radius:6px;padding:.4rem .8rem;min-width:7rem}
.card b{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top}
th button{border:0;background:none;padding:0;font:inherit;font-weight:600;cursor:pointer}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.b-overdue{color:#c62828;font-weight:600}.b-done{color:#2e7d32}.b-cancelled{color:#8d6e63}
.muted{color:var(--muted)}
.legend span{display:inline-block;margin-right:.8rem}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.25rem;vertical-align:-1px}
svg text{font:11px system-ui,"Noto Sans CJK SC",sans-serif}
.ledger section{border:1px solid var(--line);border-radius:6px;padding:.3rem .8rem;margin:.5rem 0}
.ledger h3{font-size:1rem;margin:.3rem 0}
.matrix td.cell{text-align:center;font-variant-numeric:tabular-nums}
body[data-lang=zh] .en{display:none}
body[data-lang=en] .zh{display:none}
@media print{header .controls{display:none}header{position:static}}
"""

_JS = """
(function(){
  var btn=document.getElementById('lang-toggle');
  function setLang(l){document.body.setAttribute('data-lang',l);
    document.documentElement.lang=(l==='en')?'en':'zh-CN';btn.textContent=(l==='en')?'中文':'English';}
  btn.addEventListener('click',function(){setLang(document.body.getAttribute('data-lang')==='en'?'zh':'en');});
  var unit=document.getElementById('f-unit'),status=document.getElementById('f-status');
  function filter(){
    var u=unit?unit.value:'',s=status?status.value:'',shown=0;
    document.querySelectorAll('#tasks tbody tr').forEach(function(r){
      var ok=(!u||r.getAttribute('data-units').indexOf('|'+u+'|')>=0)&&(!s||r.getAttribute('data-bucket')===s);
      r.hidden=!ok; if(ok){shown++;}});
    document.querySelectorAll('.ledger section').forEach(function(sec){
      sec.hidden=!!u&&sec.getAttribute('data-unit')!==u;});
    document.querySelectorAll('#overdue li,#due-soon li').forEach(function(li){
      li.hidden=!!u&&li.getAttribute('data-units').indexOf('|'+u+'|')<0;});
    var n=document.getElementById('shown'); if(n){n.textContent=shown;}
  }
  if(unit){unit.addEventListener('change',filter);} if(status){status.addEventListener('change',filter);}
  document.querySelectorAll('table.sortable').forEach(function(t){
    t.querySelectorAll('th').forEach(function(th,col){
      var b=th.querySelector('button'); if(!b){return;}
      b.addEventListener('click',function(){
        var asc=th.getAttribute('aria-sort')!=='ascending';
        t.querySelectorAll('th').forEach(function(o){o.removeAttribute('aria-sort');});
        th.setAttribute('aria-sort',asc?'ascending':'descending');
        var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
        rows.sort(function(a,c){
          var x=a.cells[col].getAttribute('data-sort')||a.cells[col].textContent,
              y=c.cells[col].getAttribute('data-sort')||c.cells[col].textContent;
          var nx=parseFloat(x),ny=parseFloat(y),r;
          if(!isNaN(nx)&&!isNaN(ny)&&String(nx)===x&&String(ny)===y){r=nx-ny;}else{r=x<y?-1:x>y?1:0;}
          return asc?r:-r;});
        rows.forEach(function(r){body.appendChild(r);});});});});
  var params=new URLSearchParams(window.location.search);
  if(params.get('lang')){setLang(params.get('lang')==='en'?'en':'zh');}
  if(unit&&params.get('unit')){unit.value=params.get('unit');}
  if(status&&params.get('status')){status.value=params.get('status');}
  filter();
})();
"""


def _both(zh: str, en: str) -> str:
    return f'<span class="zh" lang="zh-CN">{escape(zh)}</span><span class="en" lang="en">{escape(en)}</span>'


def _t(text: Text) -> str:
    return _both(text.zh, text.en)


def _page(title: str, header: str, body: str, data: str) -> str:
    payload = data.replace("</", "<\\/")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
        f'<body data-lang="zh"><header>{header}</header><main>{body}</main>'
        f'<script type="application/json" id="data">{payload}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )


def _legend() -> str:
    return (
        '<p class="legend">'
        + "".join(
            f'<span><i style="background:{_COLORS[b]}"></i>{_both(b.label("zh"), b.label("en"))}</span>'
            for b in Bucket
        )
        + "</p>"
    )


def _bars(rows: list[tuple[str, Text, Counts]], chart_id: str) -> str:
    """Horizontal stacked bars: one row per (key, label, counts)."""
    width, label_w, row_h = 720, 260, 22
    scale = max((c.total for _, _, c in rows), default=0) or 1
    bar_w = width - label_w - 60
    parts = []
    for i, (key, label, counts) in enumerate(rows):
        # An SVG text does not wrap: long titles are cut, the full one is the tooltip.
        y = i * row_h + 4
        parts.append(
            f'<text class="zh" x="0" y="{y + 14}">{escape(label.zh[:24])}'
            f"<title>{escape(label.zh)}</title></text>"
            f'<text class="en" x="0" y="{y + 14}">{escape(label.en[:40])}'
            f"<title>{escape(label.en)}</title></text>"
        )
        x = float(label_w)
        for b in Bucket:
            n = counts.get(b)
            w = bar_w * n / scale
            parts.append(
                f'<rect class="bar" data-key="{escape(key)}" data-bucket="{b.value}" data-count="{n}" '
                f'x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 6}" fill="{_COLORS[b]}">'
                f"<title>{escape(key)} {b.label('zh')} / {b.label('en')}: {n}</title></rect>"
            )
            x += w
        shown = f"{counts.done}/{counts.total}" if counts.total else "—"
        parts.append(
            f'<text class="figure" data-key="{escape(key)}" x="{x + 6:.1f}" y="{y + 14}">'
            f"{shown}</text>"
        )
    height = len(rows) * row_h + 8
    return (
        f'<svg id="{chart_id}" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )


def _timeline(status: WorkplanStatus) -> str:
    items = [i for i in (*status.overdue, *status.upcoming) if i.last_day is not None]
    if not items:
        return (
            f'<p class="muted">{_both("没有带日期的未完成事项。", "No open item with a date.")}</p>'
        )
    days = [i.last_day for i in items if i.last_day is not None] + [status.as_of]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    width, left, right, row_h = 720, 20, 20, 16

    def x(day: dt.date) -> float:
        return left + (width - left - right) * (day - first).days / span

    parts = [
        f'<line x1="{left}" x2="{width - right}" y1="20" y2="20" stroke="#999"/>',
        f'<text x="{left}" y="12">{first.isoformat()}</text>',
        f'<text x="{width - right}" y="12" text-anchor="end">{last.isoformat()}</text>',
        f'<line x1="{x(status.as_of):.1f}" x2="{x(status.as_of):.1f}" y1="14" '
        f'y2="{30 + row_h * len(items)}" stroke="#b3261e" stroke-dasharray="3 2"/>',
        f'<text x="{x(status.as_of) + 3:.1f}" y="30" fill="#b3261e">{status.as_of.isoformat()}</text>',
    ]
    for n, item in enumerate(items):
        assert item.last_day is not None
        y = 40 + n * row_h
        soon = not item.overdue and (item.days_left or 0) <= status.due_soon_days
        color = "#c62828" if item.overdue else ("#ef6c00" if soon else "#1565c0")
        what = f"{item.task_id}" + (f" · {item.milestone}" if item.milestone else "")
        anchor = "end" if x(item.last_day) > width / 2 else "start"
        dx = -7 if anchor == "end" else 7
        parts.append(
            f'<g class="due" data-task="{escape(item.task_id)}" data-day="{item.last_day.isoformat()}">'
            f'<circle cx="{x(item.last_day):.1f}" cy="{y}" r="5" fill="{color}"/>'
            f'<text x="{x(item.last_day) + dx:.1f}" y="{y + 4}" text-anchor="{anchor}">'
            f"{escape(item.last_day.isoformat())} {escape(what[:30])} · {escape(item.lead_unit or '—')}"
            f"</text><title>{escape(item.text)}</title></g>"
        )
    height = 48 + row_h * len(items)
    return (
        f'<svg id="timeline" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )


def _when(item: DueItem) -> str:
    due_zh, due_en = item.due.describe("zh"), item.due.describe("en")
    if item.days_left is None:
        return _both(due_zh, due_en)
    if item.days_left < 0:
        return _both(
            f"{due_zh}（逾期 {-item.days_left} 天）", f"{due_en} ({-item.days_left} d overdue)"
        )
    return _both(f"{due_zh}（还有 {item.days_left} 天）", f"{due_en} (in {item.days_left} d)")


def status_html(status: WorkplanStatus) -> str:
    """The dashboard of one work plan on its as-of date."""
    units = [u.unit for u in status.units]
    header = (
        f"<h1>{escape(status.title)}</h1>"
        '<div class="controls">'
        f'<label>{_both("单位", "Unit")} <select id="f-unit"><option value="">'
        f"全部 / all</option>"
        + "".join(f'<option value="{escape(u)}">{escape(u)}</option>' for u in units)
        + f'</select></label><label>{_both("状态", "Status")} <select id="f-status">'
        '<option value="">全部 / all</option>'
        + "".join(
            f'<option value="{b.value}">{b.label("zh")} / {b.label("en")}</option>' for b in Bucket
        )
        + '</select></label><button id="lang-toggle" type="button">English</button></div>'
    )
    banner = (
        '<p class="banner">'
        + _both(
            "示例方案：任务、单位和日期均为示意，并非官方数据。",
            "Illustrative plan: its tasks, units and dates are not official.",
        )
        + "</p>"
        if status.illustrative
        else ""
    )
    cards = "".join(
        f'<div class="card" data-bucket="{b.value}"><b>{status.counts.get(b)}</b>'
        f"{_both(b.label('zh'), b.label('en'))}</div>"
        for b in Bucket
    )
    measure_rows = [
        (
            m.measure_id,
            Text(f"{m.measure_id} {m.title.zh}", f"{m.measure_id} {m.title.en}"),
            m.counts,
        )
        for m in status.measures
    ]
    na = "".join(
        f"<li>{escape(m.measure_id)}：{escape(m.not_applicable)}</li>"
        for m in status.measures
        if m.not_applicable
    )
    rows = []
    for task, bucket, measures in status.tasks:
        last = task.deadline.last_day
        units_attr = "|" + "|".join(task.units) + "|"
        rows.append(
            f'<tr data-id="{escape(task.id)}" data-units="{escape(units_attr)}" data-bucket="{bucket.value}">'
            f'<td data-sort="{status.tasks.index((task, bucket, measures)):06d}">{escape(task.id)}</td>'
            f"<td>{escape(task.text)}"
            + (f'<br><small class="muted">{escape(task.notes)}</small>' if task.notes else "")
            + f"</td><td>{escape(' '.join(measures))}</td>"
            f"<td>{escape(task.lead_unit or '—')}</td>"
            f"<td>{escape('、'.join(task.cooperating_units))}</td>"
            f'<td data-sort="{last.isoformat() if last else "9999-12-31"}">'
            f"{_both(task.deadline.describe('zh'), task.deadline.describe('en'))}</td>"
            f'<td class="b-{bucket.value}" data-sort="{bucket.value}">'
            f"{_both(bucket.label('zh'), bucket.label('en'))}"
            + (f" {task.completed.isoformat()}" if task.completed else "")
            + "</td></tr>"
        )
    cols = [
        ("编号", "ID"),
        ("任务", "Task"),
        ("举措", "Measures"),
        ("牵头单位", "Lead unit"),
        ("协办单位", "Cooperating"),
        ("完成时限", "Deadline"),
        ("状态", "Status"),
    ]
    thead = "".join(
        f'<th scope="col"><button type="button">{_both(z, e)}</button></th>' for z, e in cols
    )
    ledger = []
    for u in status.units:
        items = (
            "".join(
                f'<li data-task="{escape(i.task_id)}">[{_both("牵头" if role == "lead" else "协办", role)}] '
                f"{escape(i.task_id)} {escape(i.milestone or i.text)} — {_when(i)}</li>"
                for role, i in u.owes
            )
            or f'<li class="muted">{_both("无未完成事项", "nothing open")}</li>'
        )
        ledger.append(
            f'<section data-unit="{escape(u.unit)}"><h3>{escape(u.unit)}</h3><ul>{items}</ul></section>'
        )

    def chase(items: list[DueItem], list_id: str, empty: tuple[str, str]) -> str:
        lis = "".join(
            f'<li data-task="{escape(i.task_id)}" data-units="|{escape("|".join(i.units))}|">'
            f"<b>{escape(i.task_id)}</b> {escape(i.milestone or i.text)} — "
            f"{escape(i.lead_unit or '—')} — {_when(i)}</li>"
            for i in items
        )
        return f'<ul id="{list_id}">{lis}</ul>' if lis else f'<p class="muted">{_both(*empty)}</p>'

    soon = [
        i
        for i in status.upcoming
        if i.days_left is not None and i.days_left <= status.due_soon_days
    ]
    body = (
        f'<p class="muted">{escape(status.issuer)} · {_both("截至", "as of")} {status.as_of.isoformat()}'
        f" · {escape(status.file)}</p>{banner}"
        f'<div class="cards" id="totals">{cards}</div>'
        f"<h2>{_both(f'逾期事项（{len(status.overdue)}）', f'Overdue ({len(status.overdue)})')}</h2>"
        + chase(list(status.overdue), "overdue", ("没有逾期事项。", "Nothing overdue."))
        + f"<h2>{_both(f'{status.due_soon_days} 天内到期（{len(soon)}）', f'Due within {status.due_soon_days} days ({len(soon)})')}</h2>"
        + chase(soon, "due-soon", ("近期没有到期事项。", "Nothing due soon."))
        + f"<h2>{_both('各项举措进展', 'Progress by measure')}</h2>{_legend()}"
        f"{_bars(measure_rows, 'measure-chart')}"
        + (
            f"<p>{_both('不适用的举措：', 'Measures not applicable:')}</p><ul>{na}</ul>"
            if na
            else ""
        )
        + f"<h2>{_both('时限一览', 'Timeline of deadlines')}</h2>{_timeline(status)}"
        f'<h2>{_both("任务", "Tasks")} (<span id="shown">{len(rows)}</span>)</h2>'
        f'<table id="tasks" class="sortable"><thead><tr>{thead}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f"<h2>{_both('各单位“报到”事项', 'What each unit owes')}</h2>"
        f'<div class="ledger">{"".join(ledger)}</div>'
    )
    return _page(
        f"{status.title} · 进展", header, body, json.dumps(status.to_dict(), ensure_ascii=False)
    )


def rollup_html(view: Rollup) -> str:
    """The city view: a districts × measures matrix, overdue per district, and a chart."""
    header = (
        f"<h1>{_both('“街乡吹哨、部门报到”各区任务进展汇总', 'District work plans: city roll-up')}</h1>"
        '<div class="controls"><button id="lang-toggle" type="button">English</button></div>'
    )
    banner = (
        '<p class="banner">'
        + _both(
            "含示例方案：其任务、单位和日期均为示意，并非官方数据。",
            "Includes illustrative plans: their tasks, units and dates are not official.",
        )
        + "</p>"
        if any(r.illustrative for r in view.districts)
        else ""
    )
    head = "".join(
        f'<th scope="col" title="{escape(t.zh)}"><button type="button">{escape(i)}</button></th>'
        for i, t in view.measures
    )
    body_rows = []
    for r in view.districts:
        cells = []
        for (mid, _), c in zip(view.measures, r.cells, strict=True):
            if mid in r.not_applicable and not c.total:
                cells.append(f'<td class="cell muted" data-measure="{mid}" data-sort="-1">—</td>')
                continue
            share = c.done / c.total if c.total else 0
            shade = f"background:rgba(46,125,50,{0.15 + 0.6 * share:.2f})" if c.total else ""
            over = f' <span class="b-overdue">!{c.overdue}</span>' if c.overdue else ""
            cells.append(
                f'<td class="cell" style="{shade}" data-measure="{mid}" data-done="{c.done}" '
                f'data-total="{c.total}" data-overdue="{c.overdue}" data-sort="{share:.4f}">'
                f"{c.done}/{c.total}{over}</td>"
            )
        body_rows.append(
            f'<tr data-district="{escape(r.district)}"><th scope="row">{escape(r.district)}</th>'
            f'{"".join(cells)}<td data-sort="{r.counts.done}">{r.counts.done}/{r.counts.total}</td>'
            f'<td class="b-overdue" data-sort="{r.counts.overdue}">{r.counts.overdue}</td>'
            f'<td data-sort="{r.overdue_items}">{r.overdue_items}</td></tr>'
        )
    totals = view.totals
    foot = "".join(
        f'<td class="cell">{f"{c.done}/{c.total}" if c.total else "—"}</td>'
        for c in view.measure_totals()
    )
    chart = _bars(
        [(r.district, Text(r.district, r.district), r.counts) for r in view.districts],
        "district-chart",
    )
    body = (
        f'<p class="muted">{_both("截至", "as of")} {view.as_of.isoformat()} · '
        f"{_both(f'{len(view.districts)} 个区', f'{len(view.districts)} district(s)')}</p>{banner}"
        f"<h2>{_both('各区 × 各项举措（已完成/任务数，!逾期）', 'Districts × measures (done/tasks, !overdue)')}</h2>"
        f'<table id="matrix" class="matrix sortable"><thead><tr><th scope="col"><button type="button">'
        f"{_both('区', 'District')}</button></th>{head}"
        f'<th scope="col"><button type="button">{_both("合计", "Total")}</button></th>'
        f'<th scope="col"><button type="button">{_both("逾期任务", "Overdue tasks")}</button></th>'
        f'<th scope="col"><button type="button">{_both("逾期事项（含节点）", "Overdue items")}</button></th>'
        f"</tr></thead><tbody>{''.join(body_rows)}</tbody>"
        f'<tfoot><tr><th scope="row">{_both("全市", "City")}</th>{foot}'
        f"<td>{totals.done}/{totals.total}</td><td>{totals.overdue}</td>"
        f"<td>{sum(r.overdue_items for r in view.districts)}</td></tr></tfoot></table>"
        f"<h2>{_both('各区任务状态', 'Tasks by district')}</h2>{_legend()}{chart}"
    )
    return _page(
        "各区任务进展汇总 / City roll-up",
        header,
        body,
        json.dumps(view.to_dict(), ensure_ascii=False),
    )
