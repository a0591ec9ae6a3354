"""The scan report as Markdown, for reports and pull requests."""

from __future__ import annotations

import os

from ..checks import across_forms


def _cell(s) -> str:
    return str(s if s is not None else "").replace("|", "\\|").replace("\n", " ")


def _m(x: float) -> str:
    return f"{x:.1f}"


def render(report, **_kw) -> str:
    out = ["# formaudit scan", ""]
    n_f = sum(len(f.fields) for f in report.forms)
    out.append(f"{len(report.forms)} forms, {n_f} fields, {len(report.findings)} findings.")
    out.append("")
    out.append(
        "| Form | Sections | Fields | Duplicate groups | Minutes (low–expected–high; "
        f"{getattr(report, 'time_model', 'uncalibrated')}) |"
    )
    out.append("|---|---:|---:|---:|---|")
    for form in report.forms:
        s = report.form_summary(form)
        mins = s["minutes"]
        out.append(
            f"| {_cell(form.title or os.path.basename(form.source))} ({_cell(os.path.basename(form.source))}) | "
            f"{s['section_count']} | {s['field_count']} | {s['duplicate_groups']} | "
            f"{_m(mins.get('low', 0))}–{_m(mins.get('expected', 0))}–{_m(mins.get('high', 0))} |"
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
            out += ["", f"## {_cell(form.title or os.path.basename(form.source))}", ""]
            out += _findings_table(fs, form.source)
    if across:
        out += ["", "## Asked again across forms", ""]
        out += _findings_table(sorted(across, key=lambda f: (-len(f.fields), f.message)), None)
    for form in report.forms:
        rows = (report.explain or {}).get(form.source)
        if not rows:
            continue
        out += ["", f"### Where the minutes go: {_cell(form.title or os.path.basename(form.source))}", ""]
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
