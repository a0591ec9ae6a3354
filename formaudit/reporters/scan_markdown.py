"""The scan report as Markdown, for reports and pull requests."""

from __future__ import annotations

import os

from ..checks import across_forms
from .headline import form_totals, headline, lines, plural, totals_label, where


def _cell(s) -> str:
    return str(s if s is not None else "").replace("|", "\\|").replace("\n", " ")


def _m(x: float) -> str:
    return f"{x:.1f}"


def heading(form) -> str:
    """A form's heading: its title and its file name, so two forms with one title stay apart."""
    name = os.path.basename(form.source)
    return f"{_cell(form.title)} ({_cell(name)})" if form.title else _cell(name)


def render(report, statistics: bool = False, usage=None, **_kw) -> str:
    out = ["# formaudit scan", ""]
    if statistics:
        from .scan_text import statistics as stats

        rows = stats(report.findings)
        out += ["| Count | Code | Check | Minutes |", "|---:|---|---|---:|"]
        out += [f"| {r['count']} | {r['code']} | {r['rule']} | {r['minutes']:.1f} |" for r in rows]
        total = sum(r["count"] for r in rows)
        out.append(f"| **{total}** | | **total** | **{sum(r['minutes'] for r in rows):.1f}** |")
        return "\n".join(out) + "\n"
    n_f = sum(len(f.fields) for f in report.forms)
    out.append(
        f"{plural(len(report.forms), 'form')}, {plural(n_f, 'field')}, {plural(len(report.findings), 'finding')}."
    )
    if report.forms:
        h = headline(report, usage)
        out += ["", "## Headline", ""]
        out += [f"- {_cell(line)}" for line in lines(h)]
        if h["costliest"]:
            out += ["", f"The {len(h['costliest'])} costliest findings:", ""]
            out += [
                f"1. **{f.minutes:.1f} min** {f.code} `{_cell(where(f))}`: {_cell(f.message)}"
                for f in h["costliest"]
            ]
    out += ["", "## Forms", ""]
    out.append(
        "| Form | File | Sections | Fields | Duplicate groups | Minutes (low–expected–high; "
        f"{getattr(report, 'time_model', 'uncalibrated')}) |"
    )
    out.append("|---|---|---:|---:|---:|---|")
    for form in report.forms:
        s = report.form_summary(form)
        mins = s["minutes"]
        out.append(
            f"| {_cell(form.title or '(untitled)')} | `{_cell(os.path.basename(form.source))}` | "
            f"{s['section_count']} | {s['field_count']} | {s['duplicate_groups']} | "
            f"{_m(mins.get('low', 0))}–{_m(mins.get('expected', 0))}–{_m(mins.get('high', 0))} |"
        )
    tot = form_totals(report)  # renderings of one form counted once
    tm = tot["minutes"]
    out.append(
        f"| **Total** | {totals_label(tot)} | **{tot['section_count']}** | **{tot['field_count']}** | "
        f"**{tot['duplicate_groups']}** | **{_m(tm['low'])}–{_m(tm['expected'])}–{_m(tm['high'])}** |"
    )
    if report.errors:
        out += ["", "## Files that could not be read", ""]
        out += [f"- `{_cell(e.path)}`: {_cell(e.reason)}" for e in report.errors]
    by_form: dict[str, list] = {}
    across = []  # library-scope checks (FA102): about the set of forms, listed once after the forms
    for f in report.findings:
        if across_forms(f.code):
            across.append(f)
        else:
            by_form.setdefault(f.source, []).append(f)
    for form in report.forms:
        fs = by_form.get(form.source)
        if fs:
            out += ["", f"## {heading(form)}", ""]
            out += _findings_table(fs, form.source)
    if across:
        out += ["", "## Asked again across forms", ""]
        out += _findings_table(sorted(across, key=lambda f: (-len(f.fields), f.message)), None)
    for form in report.forms:
        rows = (report.explain or {}).get(form.source)
        if not rows:
            continue
        out += ["", f"### Where the minutes go: {heading(form)}", ""]
        out += [
            "| By | Part | Fields | Seconds (low–expected–high) | Share | Constants |",
            "|---|---|---:|---|---:|---|",
        ]
        for r in rows:
            out.append(
                f"| {r['by']} | {_cell(r['name'])} | {r['fields'] or ''} | "
                f"{r['low']:.0f}–{r['expected']:.0f}–{r['high']:.0f} | {r['share']:.0%} | {_cell(r['constants'])} |"
            )
    return "\n".join(out) + "\n"


def _findings_table(findings, source: str | None) -> list[str]:
    rows = ["| Code | Severity | Finding | Where | Minutes |", "|---|---|---|---|---:|"]
    for f in findings:
        where = "; ".join(
            _cell(
                f"{os.path.basename(x['source']) + ': ' if x.get('source') != source else ''}"
                f"{x.get('section') or '(top)'} › {x.get('label')}"
            )
            for x in f.fields
        ) or "; ".join(_cell(x.get("title")) for x in f.sections)
        rows.append(f"| {f.code} {f.rule} | {f.severity} | {_cell(f.message)} | {where} | {f.minutes:.1f} |")
    return rows
