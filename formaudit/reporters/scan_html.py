"""The scan report as ONE self-contained HTML file for a lead's board paper: inline CSS and inline SVG, no
scripts, no external assets (fonts, images, styles), readable on screen and printed to PDF.

1. the headline (:mod:`formaudit.reporters.headline`): distinct forms, distinct re-asked items, minutes per
   completion, hours a year per social worker at the usage profile;
2. the findings, costliest first, each with its locations;
3. every form: its figures and a bar chart of expected minutes per section (SVG);
4. the data-item × form matrix as a heat map: which item is asked in which forms, and how often.

Every piece of text goes through :func:`_t` (:func:`formaudit.display.clean_label`, then
:func:`html.escape`); only labels and statistics appear.
"""

from __future__ import annotations

import os
import re
from html import escape

from .headline import form_totals, headline, plural, totals_label

#: a heat-map row is an item asked in at least this many forms, or more than once in one form
HEAT_MIN_FORMS = 2
#: the most heat-map rows shown (most forms first); the rest are counted in a note
HEAT_MAX_ROWS = 60
#: bar chart geometry, in CSS pixels
CHART_LABEL_W, CHART_BAR_W, CHART_ROW_H = 235, 245, 20
#: section names longer than this are shortened in the chart (the full name is in the bar's tooltip)
CHART_LABEL_CHARS = 30

CSS = """
:root{--ink:#1b1b1b;--muted:#555;--line:#c8c8c8;--accent:#1d70b8;--warn:#b45f06;--err:#a4000f}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:1.5rem auto;max-width:72rem;
color:var(--ink);line-height:1.4;padding:0 1rem;font-size:15px}
h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:2px solid
var(--ink);padding-bottom:.2rem}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.8rem;margin:1rem 0}
.card{border:1px solid var(--line);border-left:6px solid var(--accent);padding:.6rem .8rem;break-inside:avoid}
.card .big{font-size:2rem;font-weight:700;line-height:1.1}.card .what{color:var(--muted);font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.88rem;table-layout:auto}
th,td{border:1px solid var(--line);padding:.25rem .45rem;vertical-align:top;overflow-wrap:break-word}
td.code,td.sev{white-space:nowrap}td.file{min-width:9rem}
th{background:#f0f0f0;text-align:left}td.n,th.n{text-align:right;white-space:nowrap;overflow-wrap:normal}
tr{break-inside:avoid}thead{display:table-header-group}
.sev-error{color:var(--err);font-weight:700}.sev-warning{color:var(--warn);font-weight:700}
.sev-info{color:var(--accent)}
.muted{color:var(--muted);font-size:.85rem}ul.where{margin:.1rem 0 0;padding-left:1.1rem}
.forms-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(33rem,1fr));gap:0 1.5rem}
.form{break-inside:avoid;margin-bottom:1rem}.form figure{margin:0}
svg{max-width:100%;height:auto}svg text{font-family:inherit;font-size:12px;fill:var(--ink)}
table.heat{width:auto;table-layout:fixed}table.heat td.c{width:2rem;text-align:center;padding:.15rem 0}
table.heat th.f{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:400;
vertical-align:bottom;padding:.3rem .1rem;width:2rem;max-height:16rem}
table.heat td.item{min-width:14rem}
.legend span{display:inline-block;width:1.4rem;text-align:center;border:1px solid var(--line);margin-right:.2rem}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@media print{
  @page{size:A4 landscape;margin:12mm}
  body{max-width:none;margin:0;padding:0;font-size:10pt}
  h2{break-after:avoid}.card,.form,figure,tr{break-inside:avoid}
  a{color:inherit;text-decoration:none}
}
"""

#: heat-map colours by count (0, 1, 2, 3+): white to dark blue, text readable on each
HEAT = (
    (0, "#ffffff", "#9b9b9b"),
    (1, "#d2e3f3", "#1b1b1b"),
    (2, "#6fa8dc", "#1b1b1b"),
    (3, "#0b4f8a", "#ffffff"),
)


def _t(s) -> str:
    """Text for HTML: control and bidi characters dropped (:func:`formaudit.display.clean_label`), then
    escaped."""
    from ..display import clean_label

    return escape(clean_label(str(s if s is not None else "")))


def _name(source) -> str:
    return os.path.basename(str(source or ""))


def _file(source) -> str:
    """A file name for a table cell: escaped, with break opportunities after ``-``, ``_`` and ``.`` so a
    long name wraps inside its column instead of widening the table."""
    return re.sub(r"([-_.])", r"\1<wbr>", _t(_name(source)))


def _card(big: str, what: str, extra: str = "") -> str:
    more = f'<div class="muted">{extra}</div>' if extra else ""
    return f'<div class="card"><div class="big">{big}</div><div class="what">{what}</div>{more}</div>'


def _headline(h: dict) -> str:
    m = h["minutes"]
    forms_extra = (
        f"{plural(h['files'], 'file')} read; renderings of one form counted once"
        if h["files"] != h["forms"]
        else f"{plural(h['files'], 'file')} read"
    )
    if h["unreadable"]:
        forms_extra += f"; {h['unreadable']} unreadable"
    cards = [
        _card(str(h["forms"]), "distinct forms", _t(forms_extra)),
        _card(
            str(h["reasked_items"]),
            "distinct items asked more than once",
            "within a form or across forms",
        ),
        _card(
            f"{m['expected']:.0f}",
            "minutes to complete every form once",
            f"range {m['low']:.0f}–{m['high']:.0f}; {h['minutes_per_form']:.1f} per form on average",
        ),
    ]
    hrs = h["hours_per_worker_year"]
    if hrs is not None:
        cards.append(
            _card(
                f"{hrs['expected']:.0f}",
                "hours a year per social worker",
                f"range {hrs['low']:.0f}–{hrs['high']:.0f}, at the usage profile's completions per month",
            )
        )
    return '<section aria-label="Headline"><div class="cards">' + "".join(cards) + "</div></section>"


def _where(f) -> str:
    items = []
    for x in f.fields:
        other = "" if x.get("source") == f.source else f"{_name(x.get('source'))}: "
        loc = f" ({x['location']})" if x.get("location") else ""
        items.append(f"{other}{x.get('section') or '(top)'} › {x.get('label') or ''}{loc}")
    if not f.fields:
        items = [str(x.get("title") or "(top)") for x in f.sections]
    if not items:
        return ""
    return '<ul class="where">' + "".join(f"<li>{_t(i)}</li>" for i in items) + "</ul>"


#: findings with at least this many minutes per completion are "costed" (the rest are listed compactly)
COSTED_MINUTES = 0.05


def _findings(findings) -> str:
    """Costed findings (minutes per completion), costliest first, each with its locations; then the others
    (cross-form items, repeated blocks…) in one compact table — the heat map shows where the items are."""
    if not findings:
        return "<p>No findings.</p>"
    ranked = [f for _, f in sorted(enumerate(findings), key=lambda p: (-p[1].minutes, p[0]))]
    costed = [f for f in ranked if f.minutes >= COSTED_MINUTES]
    other = [f for f in ranked if f.minutes < COSTED_MINUTES]
    out = []
    if costed:
        rows = []
        for f in costed:
            why = f'<div class="muted">{_t(f.why)}</div>' if f.why else ""
            rows.append(
                f'<tr><td class="n">{f.minutes:.1f}</td><td class="code">{_t(f.code)}<br><span class="muted">'
                f'{_t(f.rule)}</span></td><td class="sev sev-{_t(f.severity)}">{_t(f.severity)}</td>'
                f'<td class="file">{_file(f.source)}</td><td>{_t(f.message)}{why}</td><td>{_where(f)}</td></tr>'
            )
        out.append(
            '<table class="findings costed"><thead><tr><th class="n">Minutes</th><th>Code</th><th>Severity</th>'
            "<th>Form</th><th>Finding</th><th>Where</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
        )
    if other:
        rows = [
            f'<tr><td class="code">{_t(f.code)}</td><td class="sev sev-{_t(f.severity)}">{_t(f.severity)}</td>'
            f'<td class="file">{_file(f.source)}</td><td>{_t(f.message)}</td></tr>'
            for f in other
        ]
        out.append(
            f"<h3>Without a time cost per completion ({len(other)})</h3>"
            '<p class="muted">Items asked again in other forms, repeated blocks and the like: the heat map below '
            "shows where each item is asked.</p>"
            '<table class="findings other"><thead><tr><th>Code</th><th>Severity</th><th>Form</th><th>Finding</th>'
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )
    return "".join(out)


def _section_chart(title: str, rows: list[dict]) -> str:
    """Horizontal bars: expected minutes per section (a line from low to high)."""
    rows = [
        r for r in rows if r.get("by") == "section" and (r["name"] != "(form title)" or r["expected"] >= 3)
    ]
    if not rows:
        return '<p class="muted">No sections.</p>'
    peak = max(r["high"] for r in rows) / 60 or 1.0
    scale = CHART_BAR_W / peak
    top, h = 8, CHART_ROW_H
    height = top + h * len(rows) + 24
    width = CHART_LABEL_W + CHART_BAR_W + 80
    out = [
        f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_t(title)}: expected minutes per section (bar), low to high (line)</title>",
    ]
    for i, r in enumerate(rows):
        y = top + i * h
        name = str(r["name"])
        if len(name) > CHART_LABEL_CHARS:
            name = name[: CHART_LABEL_CHARS - 1] + "…"
        mins = r["expected"] / 60
        lo, hi = r["low"] / 60, r["high"] / 60
        out.append(
            f"<g><title>{_t(r['name'])}: {mins:.1f} min ({lo:.1f}–{hi:.1f})</title>"
            f'<text x="{CHART_LABEL_W - 6}" y="{y + 14}" text-anchor="end">{_t(name)}</text>'
            f'<rect class="bar" x="{CHART_LABEL_W}" y="{y + 3}" width="{max(mins * scale, 1):.1f}" '
            f'height="{h - 6}" fill="#1d70b8"/>'
            f'<line x1="{CHART_LABEL_W + lo * scale:.1f}" x2="{CHART_LABEL_W + hi * scale:.1f}" '
            f'y1="{y + h / 2:.1f}" y2="{y + h / 2:.1f}" stroke="#1b1b1b" stroke-width="1"/>'
            f'<text x="{CHART_LABEL_W + hi * scale + 6:.1f}" y="{y + 14}">{mins:.1f}</text></g>'
        )
    y = top + h * len(rows) + 4
    out.append(
        f'<line x1="{CHART_LABEL_W}" x2="{CHART_LABEL_W}" y1="{top}" y2="{y}" stroke="#9b9b9b"/>'
        f'<text x="{CHART_LABEL_W}" y="{y + 14}" class="axis">0</text>'
        f'<text x="{CHART_LABEL_W + CHART_BAR_W}" y="{y + 14}" text-anchor="end">{peak:.1f} min</text>'
    )
    out.append("</svg>")
    return "".join(out)


def _forms(report) -> str:
    out = []
    explain = report.explain or {}
    for form in report.forms:
        s = report.form_summary(form)
        m = s["minutes"]
        title = form.title or _name(form.source)
        out.append(
            f'<div class="form"><h3>{_t(title)} <span class="muted">{_t(_name(form.source))}</span></h3>'
            f'<p class="muted">{plural(s["section_count"], "section")}, {plural(s["field_count"], "field")}, '
            f"{plural(s['duplicate_groups'], 'duplicate group')}; "
            f"{m.get('expected', 0):.1f} minutes expected ({m.get('low', 0):.1f}–{m.get('high', 0):.1f})</p>"
            f"<figure>{_section_chart(title, explain.get(form.source) or [])}</figure></div>"
        )
    return "".join(out)


def _forms_table(report) -> str:
    rows = []
    for form in report.forms:
        s = report.form_summary(form)
        m = s["minutes"]
        rows.append(
            f'<tr><td>{_t(form.title or "(untitled)")}</td><td class="file">{_file(form.source)}</td>'
            f'<td class="n">{s["section_count"]}</td><td class="n">{s["field_count"]}</td>'
            f'<td class="n">{s["duplicate_groups"]}</td>'
            f'<td class="n">{m.get("low", 0):.1f}–{m.get("expected", 0):.1f}–{m.get("high", 0):.1f}</td></tr>'
        )
    tot = form_totals(report)  # renderings of one form counted once
    tm = tot["minutes"]
    rows.append(
        f'<tr class="total"><td><b>Total</b></td><td>{_t(totals_label(tot))}</td>'
        f'<td class="n">{tot["section_count"]}</td><td class="n">{tot["field_count"]}</td>'
        f'<td class="n">{tot["duplicate_groups"]}</td>'
        f'<td class="n">{tm["low"]:.1f}–{tm["expected"]:.1f}–{tm["high"]:.1f}</td></tr>'
    )
    return (
        '<table class="forms"><thead><tr><th>Form</th><th>File</th><th class="n">Sections</th>'
        '<th class="n">Fields</th><th class="n">Duplicate groups</th><th class="n">Minutes low–expected–high'
        "</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _heat_colour(n: int) -> tuple[str, str]:
    for k, bg, fg in reversed(HEAT):
        if n >= k:
            return bg, fg
    return HEAT[0][1], HEAT[0][2]


def _heatmap(report) -> str:
    m = report.matrix
    if not m or not m.get("items"):
        return '<p class="muted">No data items to compare (the cross-form check did not run).</p>'
    forms = list(m["forms"])
    rows = [
        (item, row)
        for item, row in zip(m["items"], m["cells"], strict=False)
        if sum(1 for c in row if c) >= HEAT_MIN_FORMS or any(c > 1 for c in row)
    ]
    rows.sort(key=lambda p: (-sum(1 for c in p[1] if c), -sum(p[1])))
    hidden = max(len(rows) - HEAT_MAX_ROWS, 0)
    rows = rows[:HEAT_MAX_ROWS]
    if not rows:
        return '<p class="muted">No item is asked more than once.</p>'
    head = "".join(f'<th class="f" title="{_t(f)}">{_t(_name(f))}</th>' for f in forms)
    body = []
    for item, row in rows:
        subject = str(item.get("subject") or "").split("#")[0].replace("_", " ")
        label = item.get("label") or item.get("concept") or ""
        cells = []
        for f, c in zip(forms, row, strict=False):
            bg, fg = _heat_colour(c)
            tip = f"{label} — {_name(f)}: asked {c} time{'s' if c != 1 else ''}"
            cells.append(
                f'<td class="c" style="background:{bg};color:{fg}" title="{_t(tip)}">{c if c else "·"}</td>'
            )
        n_forms = sum(1 for c in row if c)
        body.append(
            f'<tr><td class="item">{_t(label)} <span class="muted">{_t(subject)}</span></td>{"".join(cells)}'
            f'<td class="n">{n_forms}</td></tr>'
        )
    legend = "".join(
        f'<span style="background:{bg};color:{fg}">{k if k else "·"}{"+" if k == 3 else ""}</span>'
        for k, bg, fg in HEAT
    )
    note = f" {hidden} more items not shown." if hidden else ""
    return (
        f'<p class="legend muted">Times each item is asked in each form: {legend} — items asked in '
        f"{HEAT_MIN_FORMS} or more forms or more than once in one form, most forms first.{note}</p>"
        f'<table class="heat"><thead><tr><th>Data item</th>{head}<th class="n">Forms</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def render(report, usage=None, **_kw) -> str:
    from .. import __version__

    h = headline(report, usage)
    errors = ""
    if report.errors:
        errors = (
            "<h2>Files that could not be read</h2><ul>"
            + "".join(f"<li>{_t(_name(e.path))}: {_t(e.reason)}</li>" for e in report.errors)
            + "</ul>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>formaudit scan: {plural(h['forms'], 'form')}</title><style>{CSS}</style></head><body>"
        "<header><h1>Form audit: repeated questions and completion time</h1>"
        f'<p class="muted">formaudit {_t(__version__)} — {plural(h["files"], "file")} scanned; '
        "estimates from the time model in rules/time_model.yaml.</p></header>"
        f"{_headline(h)}"
        f"<h2>Forms</h2>{_forms_table(report)}"
        f"<h2>Findings by cost</h2>{_findings(report.findings)}"
        '<h2>Minutes by section</h2><p class="muted">Each bar is a section\'s expected minutes per completion; '
        "its line runs from the low to the high estimate (rules/time_model.yaml).</p>"
        f'<div class="forms-grid">{_forms(report)}</div>'
        f"<h2>Data items asked in several forms</h2>{_heatmap(report)}"
        f"{errors}</body></html>\n"
    )
