"""The scan report for a terminal: a summary table per form, then findings by form, costliest first."""

from __future__ import annotations

import io
import os

from ..checks import across_forms
from .headline import form_totals, headline, lines, plural, totals_label, where

#: characters of a finding's fingerprint the text report shows (enough for ``accept`` in the configuration)
FINGERPRINT_SHOWN = 16

SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


#: console width when the output is not to be wrapped (piped, redirected): wider than any line we print
UNWRAPPED = 100_000


def _console(buf, color: bool, width: int | None):
    from rich.console import Console

    return Console(
        file=buf,
        force_terminal=color,
        no_color=not color,
        width=width or UNWRAPPED,
        highlight=False,
        soft_wrap=width is None,
    )


def _widest_line(cell) -> int:
    """Cells of the widest line of a table cell given as markup (0 for other renderables)."""
    from rich.text import Text

    if not isinstance(cell, str) or not cell:
        return 0
    return max(line.cell_len for line in Text.from_markup(cell).split("\n"))


def print_table(con, table, width: int | None) -> None:
    """Print a rich table that never cuts a file name or a number: their columns do not wrap, so when the
    table's narrowest layout is wider than ``width`` it is printed at that layout (and overflows)."""
    from rich.measure import Measurement

    for col in table.columns:  # a column that must not wrap is at least as wide as its widest cell
        if col.no_wrap:
            cells = [col.header, *col._cells]
            col.min_width = max(_widest_line(c) for c in cells)
    if width is not None:
        need = Measurement.get(con, con.options.update_width(UNWRAPPED), table).minimum
        if need > width:
            from io import StringIO

            sub = StringIO()
            _console(sub, con.is_terminal and not con.no_color, need).print(table)
            con.print(sub.getvalue(), end="", markup=False, highlight=False, soft_wrap=True)
            return
    con.print(table)


def _forms_table(report, width: int | None):
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    t = Table(title="Forms", box=box.SIMPLE_HEAVY, title_justify="left")
    t.add_column("Form", min_width=12)
    t.add_column("File", style="dim", no_wrap=True, overflow="fold")
    minutes = f"Minutes low–exp–high\n({getattr(report, 'time_model', 'uncalibrated')})"
    for name in ("Sections", "Fields", "Dup. groups", minutes):
        t.add_column(name, justify="right", no_wrap=True, overflow="fold")
    for form in report.forms:
        s = report.form_summary(form)
        m = s["minutes"]
        t.add_row(
            escape(form.title or "(untitled)"),
            escape(os.path.basename(form.source)),
            str(s["section_count"]),
            str(s["field_count"]),
            str(s["duplicate_groups"]),
            f"{m.get('low', 0):.1f}–{m.get('expected', 0):.1f}–{m.get('high', 0):.1f}",
        )
    if len(report.forms) > 1:
        tot = form_totals(report)  # renderings of one form counted once
        tm = tot["minutes"]
        t.add_section()
        t.add_row(
            "[bold]Total[/bold]",
            escape(totals_label(tot)),
            str(tot["section_count"]),
            str(tot["field_count"]),
            str(tot["duplicate_groups"]),
            f"{tm['low']:.1f}–{tm['expected']:.1f}–{tm['high']:.1f}",
        )
    return t


def statistics(findings) -> list[dict]:
    """Count and minutes per code, most findings first (as ruff's ``--statistics``)."""
    rows: dict[str, dict] = {}
    for f in findings:
        r = rows.setdefault(f.code, {"code": f.code, "rule": f.rule, "count": 0, "minutes": 0.0})
        r["count"] += 1
        r["minutes"] += f.minutes
    return sorted(rows.values(), key=lambda r: (-r["count"], r["code"]))


def render(
    report,
    color: bool = False,
    width: int | None = None,
    statistics: bool = False,
    quiet: bool = False,
    usage=None,
    **_kw,
) -> str:
    """The report for a terminal. ``width``: columns to wrap in (None: never wrap — output that is not a
    terminal); ``statistics``: count and minutes per code only; ``quiet``: the findings only."""
    from rich.markup import escape

    buf = io.StringIO()
    con = _console(buf, color, width)
    if statistics:
        _statistics(con, report.findings)
        return _tidy(buf.getvalue(), color)
    if report.forms and not quiet:
        print_table(con, _forms_table(report, width), width)
    by_form: dict[str, list] = {}
    across: list = []  # library-scope checks (FA102): about the set of forms, listed once after the forms
    for f in report.findings:
        if across_forms(f.code):
            across.append(f)
        else:
            by_form.setdefault(f.source, []).append(f)
    for form in report.forms:
        fs = by_form.get(form.source)
        if not fs:
            continue
        if quiet:
            for f in fs:
                _finding_line(con, f)
            continue
        con.print(
            f"\n[bold]{escape(form.title or os.path.basename(form.source))}[/bold] "
            f"[dim]{escape(os.path.basename(form.source))}[/dim]"
        )
        for f in fs:
            _finding(con, f, form.source, report.explain is not None)
    if across:
        ranked = sorted(across, key=lambda f: (-len(f.fields), f.message))
        if quiet:
            for f in ranked:
                _finding_line(con, f)
        else:
            con.print(
                f"\n[bold]Asked again across forms[/bold] [dim]({plural(len(across), 'item')}, most forms first)[/dim]"
            )
            for f in ranked:
                _finding(con, f, None)
    if quiet:
        return _tidy(buf.getvalue(), color)
    for form in report.forms:
        rows = (report.explain or {}).get(form.source)
        if rows:
            _explain_table(con, form, rows, width)
    for e in report.errors:
        con.print(f"[red]error[/red] {escape(e.path)}: {escape(e.reason)}")
    if report.forms:
        _headline(con, report, usage)
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no findings"
    con.print(f"\n{plural(len(report.forms), 'form')} read, {len(report.errors)} unreadable; {summary}.")
    return _tidy(buf.getvalue(), color)


def _tidy(text: str, color: bool) -> str:
    """No trailing blanks on plain lines (rich pads table titles to the table's width)."""
    if color:
        return text
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _statistics(con, findings) -> None:
    rows = statistics(findings)
    if not rows:
        con.print("no findings")
        return
    n = max(len(str(r["count"])) for r in rows)
    for r in rows:
        con.print(f"{r['count']:>{n}}  {r['code']}  {r['rule']}  {r['minutes']:.1f} min", markup=False)
    total = sum(r["count"] for r in rows)
    con.print(f"{plural(total, 'finding')}, {sum(r['minutes'] for r in rows):.1f} min in all", markup=False)


def _headline(con, report, usage) -> None:
    from rich.markup import escape

    h = headline(report, usage)
    con.print("\n[bold]Headline[/bold]")
    for line in lines(h):
        con.print("  " + escape(line))
    if h["costliest"]:
        con.print(f"  The {len(h['costliest'])} costliest findings:")
        for f in h["costliest"]:
            con.print(f"    [dim]~{f.minutes:.1f} min[/dim] {f.code} {escape(where(f))}: {escape(f.message)}")


def _finding_line(con, f) -> None:
    """A finding on one line (``--quiet``): form, code, message, minutes."""
    from rich.markup import escape

    style = SEV_STYLE.get(f.severity, "")
    cost = f" ~{f.minutes:.1f} min" if f.minutes >= 0.05 else ""
    con.print(f"{escape(os.path.basename(f.source))}: [{style}]{f.code}[/{style}] {escape(f.message)}{cost}")


def _explain_table(con, form, rows, width: int | None = None) -> None:
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    t = Table(
        title=f"Where the minutes go: {escape(form.title or os.path.basename(form.source))}",
        box=box.SIMPLE,
        title_justify="left",
    )
    for col, just in (
        ("By", "left"),
        ("Part", "left"),
        ("Fields", "right"),
        ("Seconds low–exp–high", "right"),
        ("Share", "right"),
        ("Constants (rules/time_model.yaml)", "left"),
    ):
        t.add_column(col, justify=just, no_wrap=just == "right", overflow="fold")
    for r in rows:
        t.add_row(
            r["by"],
            escape(str(r["name"])),
            str(r["fields"] or ""),
            f"{r['low']:.0f}–{r['expected']:.0f}–{r['high']:.0f}",
            f"{r['share']:.0%}",
            escape(r["constants"]),
        )
    con.print()
    print_table(con, t, width)


def _finding(con, f, source: str | None, explain: bool = False) -> None:
    """One finding: code, message, cost, why, and where (other forms' file names shown). With ``explain``,
    the matching rule and how each field's subject was decided (finding data ``match`` / ``members``)."""
    from rich.markup import escape

    style = SEV_STYLE.get(f.severity, "")
    cost = f" [dim]~{f.minutes:.1f} min[/dim]" if f.minutes >= 0.05 else ""
    con.print(f"  [{style}]{f.code}[/{style}] {escape(f.message)}{cost}")
    if f.why:
        con.print(f"        [dim]why: {escape(f.why)}[/dim]")
    if f.data.get("fingerprint"):  # check: the id to accept this one finding in the configuration
        con.print(f"        [dim]fingerprint: {escape(str(f.data['fingerprint'])[:FINGERPRINT_SHOWN])}[/dim]")
    if explain and f.data.get("match"):
        con.print(f"        [dim]matched by: {escape(', '.join(f.data['match']))}[/dim]")
        for m in f.data.get("members") or []:
            con.print(
                f"        [dim]  {escape(str(m.get('id')))}: subject {escape(str(m.get('subject')))} "
                f"(from {escape(str(m.get('subject_rule')))}), item {escape(str(m.get('item')))}[/dim]"
            )
    for x in f.fields[:12]:
        other = "" if x.get("source") == source else f"{os.path.basename(x.get('source') or '')}: "
        loc = f" ({x['location']})" if x.get("location") else ""
        con.print(
            f"        [dim]· {escape(other)}{escape(x.get('section') or '(top)')} › "
            f"{escape(x.get('label') or '')}{escape(loc)}[/dim]"
        )
    if len(f.fields) > 12:
        con.print(f"        [dim]… and {len(f.fields) - 12} more[/dim]")
    if not f.fields:
        for x in f.sections:
            con.print(f"        [dim]· {escape(x.get('title') or '(top)')}[/dim]")
