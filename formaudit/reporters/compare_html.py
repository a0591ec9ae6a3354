"""The compare result as ONE self-contained HTML file: inline CSS, no scripts, no external assets;
the same tables as the Markdown report and a bar chart of minutes before/after per form (inline SVG).

Every piece of text is escaped with :func:`html.escape`; only labels and statistics appear."""

from __future__ import annotations

from html import escape

from .compare_markdown import assumptions, delta, label, num, rng, savings_lines, type_cell

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:2rem auto;max-width:78rem;
color:#1b1b1b;line-height:1.4;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.84rem;max-width:100%}
th,td{border:1px solid #c8c8c8;padding:.25rem .4rem;vertical-align:top;overflow-wrap:anywhere}
th{background:#f0f0f0;text-align:left}td.n{text-align:right;white-space:nowrap}
tr.total td{font-weight:bold;background:#fafafa}
.removed{color:#a4000f}.added{color:#00703c}.muted{color:#555;font-size:.85rem}
svg text{font-family:inherit;font-size:12px}
"""

BEFORE_FILL = "#9b9b9b"
AFTER_FILL = "#1d70b8"


def _td(x, n: bool = False, cls: str = "") -> str:
    c = " ".join(filter(None, ["n" if n else "", cls]))
    return f'<td class="{c}">{escape(str(x))}</td>' if c else f"<td>{escape(str(x))}</td>"


def _th(*cols: str) -> str:
    return "<tr>" + "".join(f"<th>{escape(c)}</th>" for c in cols) + "</tr>"


def chart(pairs: list[dict]) -> str:
    """Horizontal bars: expected minutes before (grey) and after (blue), whiskers for low–high."""
    if not pairs:
        return ""
    label_w, bar_w, row_h, top = 260, 560, 44, 30
    peak = max(max(p["before"]["minutes"]["high"], p["after"]["minutes"]["high"]) for p in pairs) or 1.0
    scale = bar_w / peak
    height = top + row_h * len(pairs) + 30
    width = label_w + bar_w + 90
    out = [
        f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        "<title>Minutes per completion before and after, per form (bars expected; lines low to high)</title>",
        f'<rect x="{label_w}" y="6" width="12" height="12" fill="{BEFORE_FILL}"/>'
        f'<text x="{label_w + 16}" y="16">before</text>'
        f'<rect x="{label_w + 80}" y="6" width="12" height="12" fill="{AFTER_FILL}"/>'
        f'<text x="{label_w + 96}" y="16">after (expected minutes; line = low to high)</text>',
    ]
    for i, p in enumerate(pairs):
        y = top + i * row_h
        name = label(p)
        if len(name) > 40:
            name = name[:39] + "…"
        out.append(f'<text x="{label_w - 8}" y="{y + 20}" text-anchor="end">{escape(name)}</text>')
        for j, (side, fill) in enumerate((("before", BEFORE_FILL), ("after", AFTER_FILL))):
            m = p[side]["minutes"]
            by = y + 4 + j * 18
            w = max(0.0, m["expected"] * scale)
            out.append(
                f'<rect x="{label_w}" y="{by}" width="{w:.1f}" height="14" fill="{fill}">'
                f"<title>{escape(side)}: {escape(rng(m))} minutes</title></rect>"
            )
            x1, x2 = label_w + m["low"] * scale, label_w + m["high"] * scale
            out.append(
                f'<line x1="{x1:.1f}" y1="{by + 7}" x2="{x2:.1f}" y2="{by + 7}" stroke="#1b1b1b" '
                'stroke-width="1"/>'
            )
            out.append(
                f'<text x="{label_w + w + 6 if x2 < label_w + w + 4 else x2 + 6:.1f}" y="{by + 12}">'
                f"{escape(num(m['expected']))}</text>"
            )
    axis_y = top + row_h * len(pairs) + 4
    out.append(
        f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + bar_w}" y2="{axis_y}" stroke="#555"/>'
        f'<text x="{label_w}" y="{axis_y + 16}">0</text>'
        f'<text x="{label_w + bar_w}" y="{axis_y + 16}" text-anchor="end">{escape(num(peak, 0))} min</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


def render(result: dict, **_kw) -> str:
    pairs = result.get("pairs", [])
    tot = result["totals"]
    h = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>formaudit compare</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>formaudit compare: before and after</h1>",
    ]
    if result.get("before") or result.get("after"):
        h.append(
            f'<p class="muted">Before: {escape(str(result.get("before") or ""))} — after: '
            f"{escape(str(result.get('after') or ''))}</p>"
        )
    h.append(
        f"<p>{len(pairs)} form pair(s). Minutes per completion are low–expected–high "
        f"(rules/time_model.yaml; {escape(result.get('time_model') or 'uncalibrated')}).</p>"
    )
    h.append("<h2>Minutes per completion</h2>")
    h.append(chart(pairs))
    h.append("<h2>Forms</h2><table>")
    h.append(
        _th(
            "Form",
            "Type",
            "Sections",
            "Fields",
            "Duplicate groups",
            "Minutes before",
            "Minutes after",
            "Minutes saved",
            "Completions per social worker per month",
            "Hours saved per social worker per year",
        )
    )
    for p in pairs:
        b, a, sv = p["before"], p["after"], p["savings"]
        h.append(
            "<tr>"
            + _td(label(p))
            + _td(type_cell(p))
            + _td(delta(b["sections"], a["sections"]), True)
            + _td(delta(b["fields"], a["fields"]), True)
            + _td(delta(b["duplicate_groups"], a["duplicate_groups"]), True)
            + _td(rng(b["minutes"]), True)
            + _td(rng(a["minutes"]), True)
            + _td(rng(p["minutes_saved"]), True)
            + _td(num(sv["per_worker_per_month"], 2), True)
            + _td(rng(sv["hours_saved_per_worker_per_year"]), True)
            + "</tr>"
        )
    if len(pairs) > 1:
        tb, ta = tot["before"], tot["after"]
        h.append(
            '<tr class="total">'
            + _td("Total")
            + _td("")
            + _td(delta(tb["sections"], ta["sections"]), True)
            + _td(delta(tb["fields"], ta["fields"]), True)
            + _td(delta(tb["duplicate_groups"], ta["duplicate_groups"]), True)
            + _td(rng(tb["minutes"]), True)
            + _td(rng(ta["minutes"]), True)
            + _td(rng(tot["minutes_saved"]), True)
            + _td("")
            + _td(rng(tot["savings"].get("hours_saved_per_worker_per_year")), True)
            + "</tr>"
        )
    h.append("</table>")
    if pairs:
        h.append("<h2>Savings (each form counted once, low–expected–high)</h2><table>")
        h.append(_th("", "All forms"))
        for what, val in savings_lines(tot["savings"], per_month=True):
            h.append("<tr>" + _td(what) + _td(val, True) + "</tr>")
        h.append("</table>")
    for p in pairs:
        title = p["after"].get("title") or p["before"].get("title") or ""
        h.append(f"<h2>{escape(label(p))}: {escape(title)}</h2><table>")
        h.append(_th("Section", "Status", "Fields", "Minutes before", "Minutes after", "Minutes saved"))
        for r in p["sections"]:
            fb = r["before"]["fields"] if r["before"] else 0
            fa = r["after"]["fields"] if r["after"] else 0
            h.append(
                "<tr>"
                + _td(r["title"] or "(untitled)")
                + _td(r["status"], cls=r["status"] if r["status"] != "kept" else "")
                + _td(delta(fb, fa), True)
                + _td(rng(r["before"]["minutes"]) if r["before"] else "—", True)
                + _td(rng(r["after"]["minutes"]) if r["after"] else "—", True)
                + _td(rng(r["saved_minutes"]), True)
                + "</tr>"
            )
        h.append("</table>")
    um = result.get("unmatched") or {}
    if um.get("before") or um.get("after"):
        h.append("<h2>Unmatched files</h2><ul>")
        h += [f"<li>before only: {escape(x)}</li>" for x in um.get("before", [])]
        h += [f"<li>after only: {escape(x)}</li>" for x in um.get("after", [])]
        h.append("</ul>")
    if result.get("errors"):
        h.append("<h2>Files that could not be read</h2><ul>")
        h += [f"<li>{escape(e['source'])}: {escape(e['message'])}</li>" for e in result["errors"]]
        h.append("</ul>")
    lines = assumptions(result)
    if lines:
        h.append("<h2>Assumptions</h2><ul>")
        h += [f"<li>{escape(x)}</li>" for x in lines]
        h.append(f"<li>Method: {escape(result.get('method', ''))}</li></ul>")
    h.append("</body></html>")
    return "\n".join(h) + "\n"
