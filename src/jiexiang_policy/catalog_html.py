"""The catalog as one self-contained HTML file: no network, both languages, search as you type.

Every category, heading, measure, provision, obligation and parameter has an
``id`` (its ID lowercased), so a finding's link lands on its clause. The page
opens with ``?q=…&lang=en`` pre-filled, which is also how a link can share a search.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .catalog import measures_under
from .plan import Measure, Plan, Provision, Text
from .ruleset import ALL_RULES

__all__ = ["catalog_html"]

_CSS = """
:root{--fg:#1b1b1b;--muted:#5a5a5a;--line:#ddd;--accent:#b3261e;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
color:var(--fg);background:var(--bg)}
header{position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line);
padding:.6rem 1rem;z-index:1}
header h1{font-size:1.05rem;margin:0 0 .4rem}
.controls{display:flex;gap:.5rem;flex-wrap:wrap}
#q{flex:1 1 14rem;min-width:0;font-size:1rem;padding:.4rem .6rem;border:1px solid #999;border-radius:4px}
#lang-toggle{font-size:1rem;padding:.4rem .8rem;border:1px solid #999;border-radius:4px;background:#f4f4f4}
main{max-width:60rem;margin:0 auto;padding:0 1rem 3rem}
h2{border-bottom:2px solid var(--accent);padding-bottom:.2rem;margin-top:2rem}
h3{margin-top:1.5rem}
.measure{border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem;margin:.8rem 0}
.measure h4{margin:.2rem 0 .4rem}
.meta{margin:.2rem 0;color:var(--muted);font-size:.92rem}
blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:4px solid var(--accent);background:#faf6f5}
.translation{color:var(--muted);font-size:.92rem}
.obligations{font-size:.92rem;padding-left:1.2rem}
code{font-size:.85em;background:#f2f2f2;padding:0 .2em;border-radius:3px}
body[data-lang=zh] .en{display:none}
body[data-lang=en] .zh{display:none}
:target{outline:3px solid #f0b400;outline-offset:2px}
@media (max-width:40rem){body{font-size:15px}main{padding:0 .6rem 2rem}}
@media print{header .controls{display:none}header{position:static}[hidden]{display:block!important}
.measure{break-inside:avoid}}
"""

_JS = """
(function(){
  var q=document.getElementById('q'),btn=document.getElementById('lang-toggle'),
      none=document.getElementById('no-results');
  function setLang(l){document.body.setAttribute('data-lang',l);
    document.documentElement.lang=(l==='en')?'en':'zh-CN';
    btn.textContent=(l==='en')?'中文':'English';}
  btn.addEventListener('click',function(){
    setLang(document.body.getAttribute('data-lang')==='en'?'zh':'en');});
  function filter(){
    var t=q.value.trim().toLowerCase(),any=false;
    document.querySelectorAll('.measure').forEach(function(m){
      var self=!t||m.getAttribute('data-self').indexOf(t)>=0,shown=self;
      m.querySelectorAll('.provision').forEach(function(p){
        var hit=self||p.getAttribute('data-search').indexOf(t)>=0;
        p.hidden=!hit; if(hit){shown=true;}});
      m.hidden=!shown; if(shown){any=true;}});
    document.querySelectorAll('.heading,.category').forEach(function(s){
      s.hidden=!!t&&!s.querySelector('.measure:not([hidden])');});
    document.getElementById('parameters').hidden=!!t;
    none.hidden=any;}
  q.addEventListener('input',filter);
  var params=new URLSearchParams(window.location.search);
  if(params.get('lang')){setLang(params.get('lang')==='en'?'en':'zh');}
  if(params.get('q')){q.value=params.get('q');}
  filter();
})();
"""


def _t(text: Text, tag: str = "span") -> str:
    return (
        f'<{tag} class="zh" lang="zh-CN">{escape(text.zh)}</{tag}>'
        f'<{tag} class="en" lang="en">{escape(text.en)}</{tag}>'
    )


def _search(*parts: str) -> str:
    return escape(" ".join(parts).lower(), quote=True)


def _relative(rule_id: str) -> str:
    return f"rules/{rule_id}.md"


def _provision(p: Provision, href: Callable[[str], str] = _relative) -> str:
    rules_by_ob = {
        ob.id: [r.id for r in ALL_RULES if ob.id in r.obligation_ids] for ob in p.obligations
    }
    items = []
    for ob in p.obligations:
        checked = ", ".join(
            f'<a href="{escape(href(r), quote=True)}">{r}</a>' for r in rules_by_ob[ob.id]
        )
        items.append(
            f'<li id="{escape(ob.id.lower())}"><code>{escape(ob.id)}</code> '
            f"{_t(ob.summary)} <small>({ob.modality.value})</small>"
            + (f" — {checked}" if checked else "")
            + "</li>"
        )
    hay = [
        p.id,
        p.quote,
        p.translation,
        *(s for ob in p.obligations for s in (ob.id, ob.summary.zh, ob.summary.en)),
    ]
    return (
        f'<div class="provision" id="{escape(p.id.lower())}" data-search="{_search(*hay)}">'
        f"<p><code>{escape(p.id)}</code></p>"
        f'<blockquote lang="zh-CN">{escape(p.quote)}</blockquote>'
        f'<p class="translation en" lang="en"><em>Translation, not authoritative:</em> '
        f"{escape(p.translation)}</p>"
        f'<ul class="obligations">{"".join(items)}</ul></div>'
    )


def _measure(m: Measure, plan: Plan, href: Callable[[str], str] = _relative) -> str:
    actors_zh = actors_en = ""
    if m.named_actors:
        actors_zh = "；条文提及的主体：" + "；".join(escape(r.unit) for r in m.named_actors)
        actors_en = "; actors the clauses name: " + "; ".join(
            escape(r.en or r.unit) for r in m.named_actors
        )
    meta = (
        f'<p class="meta"><span class="zh">责任单位：原文未说明；完成时限：'
        f"{escape(m.deadline.describe('zh'))}{actors_zh}</span>"
        f'<span class="en">Responsible units: not stated in source; deadline: '
        f"{escape(m.deadline.describe('en'))}{actors_en}</span></p>"
    )
    provisions = "".join(_provision(plan.provision(p), href) for p in m.provision_ids)
    return (
        f'<article class="measure" id="{escape(m.id.lower())}" '
        f'data-self="{_search(m.id, m.title.zh, m.title.en)}">'
        f"<h4>{escape(m.id)} {_t(m.title)}</h4>{meta}{provisions}</article>"
    )


def catalog_html(plan: Plan, rule_href: Callable[[str], str] | None = None) -> str:
    """The whole catalog as a single HTML document.

    ``rule_href`` gives the link of a rule's page; by default ``rules/JX001.md``,
    relative, as in the generated ``docs/catalog.html`` beside ``docs/rules/``.
    ``jiexiang catalog --format html`` links absolutely (see :mod:`jiexiang_policy.links`).
    """
    href = rule_href or _relative
    meta = plan.metadata
    body = []
    for c in plan.categories:
        headings = []
        for h in plan.headings_of(c.id):
            measures = "".join(_measure(m, plan, href) for m in measures_under(plan, h))
            headings.append(
                f'<section class="heading" id="{escape(h.id.lower())}">'
                f"<h3>{escape(h.id)} {_t(h.title)}</h3>{measures}</section>"
            )
        focus = f'<blockquote lang="zh-CN">{escape(c.focus)}</blockquote>' if c.focus else ""
        body.append(
            f'<section class="category" id="{escape(c.id.lower())}">'
            f"<h2>{escape(c.id)} {_t(c.title)}</h2>{focus}{''.join(headings)}</section>"
        )
    params = "".join(
        f'<li id="{escape(p.id.lower())}"><code>{escape(p.id)}</code> {_t(p.name)}: '
        + (
            f"{p.fraction.numerator}/{p.fraction.denominator}"
            if p.fraction is not None
            else "、".join(escape(t.zh) for t in p.terms)
        )
        + f" — “{escape(p.quote)}”</li>"
        for p in plan.parameters
    )
    return (
        "<!DOCTYPE html>\n<!-- Generated by `jiexiang catalog --write`; do not edit. -->\n"
        '<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(meta.short_title.zh)} · {escape(meta.title.zh)}</title>"
        f"<style>{_CSS}</style></head>"
        '<body data-lang="zh"><header>'
        f"<h1>{_t(meta.title)}</h1>"
        '<div class="controls"><input id="q" type="search" autocomplete="off" '
        'placeholder="搜索举措、条款、编号 / Search measures, clauses, IDs" aria-label="搜索 / Search">'
        '<button id="lang-toggle" type="button">English</button></div></header><main>'
        f'<p class="meta"><span class="zh">{escape(meta.issuer.unit)}，{meta.year}。'
        f'中文为权威文本。</span><span class="en">{escape(meta.issuer.en)}, {meta.year}. '
        "The Chinese text is authoritative; English is a translation.</span></p>"
        + (
            f'<p class="meta editorial"><span class="zh">编辑说明：{escape(meta.editorial.zh)}</span>'
            f'<span class="en">Editorial: {escape(meta.editorial.en)}</span></p>'
            if meta.editorial is not None
            else ""
        )
        + f"{''.join(body)}"
        '<section id="parameters"><h2><span class="zh">参数</span><span class="en">Parameters'
        f"</span></h2><ul>{params}</ul></section>"
        '<p id="no-results" hidden><span class="zh">没有匹配的举措。</span>'
        '<span class="en">No measure matches.</span></p>'
        f"</main><script>{_JS}</script></body></html>\n"
    )
