"""The scan report for a terminal: a summary table per form, then findings by form, costliest first."""

from __future__ import annotations

import io
import os

from ..checks import across_forms

SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(report, color: bool = False, width: int = 120, **_kw) -> str:
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False)
    t = Table(title="Forms", box=box.SIMPLE_HEAVY, title_justify="left")
    t.add_column("Form")
    t.add_column("File", style="dim")
    t.add_column("Sections", justify="right")
    t.add_column("Fields", justify="right")
    t.add_column("Dup. groups", justify="right")
    t.add_column(f"Minutes low–exp–high\n({getattr(report, 'time_model', 'uncalibrated')})", justify="right")
    tot = [0.0, 0.0, 0.0]
    for form in report.forms:
        s = report.form_summary(form)
        m = s["minutes"]
        for i, k in enumerate(("low", "expected", "high")):
            tot[i] += m.get(k, 0.0)
        t.add_row(
            escape(form.title or "(untitled)"),
            escape(os.path.basename(form.source)),
            str(s["section_count"]),
            str(s["field_count"]),
            str(s["duplicate_groups"]),
            f"{m.get('low', 0):.1f}–{m.get('expected', 0):.1f}–{m.get('high', 0):.1f}",
        )
    if len(report.forms) > 1:
        t.add_section()
        t.add_row(
            "[bold]Total[/bold]",
            "",
            "",
            str(sum(len(f.fields) for f in report.forms)),
            "",
            f"{tot[0]:.1f}–{tot[1]:.1f}–{tot[2]:.1f}",
        )
    con.print(t)
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
        con.print(
            f"\n[bold]{escape(form.title or os.path.basename(form.source))}[/bold] "
            f"[dim]{escape(os.path.basename(form.source))}[/dim]"
        )
        for f in fs:
            _finding(con, f, form.source)
    if across:
        con.print(
            f"\n[bold]Asked again across forms[/bold] [dim]({len(across)} items, most forms first)[/dim]"
        )
        for f in sorted(across, key=lambda f: (-len(f.fields), f.message)):
            _finding(con, f, None)
    for form in report.forms:
        rows = (report.explain or {}).get(form.source)
        if rows:
            _explain_table(con, form, rows)
    for e in report.errors:
        con.print(f"[red]error[/red] {escape(e.path)}: {escape(e.reason)}")
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no findings"
    con.print(f"\n{len(report.forms)} forms read, {len(report.errors)} unreadable; {summary}.")
    return buf.getvalue()


def _explain_table(con, form, rows) -> None:
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
        t.add_column(col, justify=just)
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
    con.print(t)


def _finding(con, f, source: str | None) -> None:
    """One finding: code, message, cost, why, and where (other forms' file names shown)."""
    from rich.markup import escape

    style = SEV_STYLE.get(f.severity, "")
    cost = f" [dim]~{f.minutes:.1f} min[/dim]" if f.minutes >= 0.05 else ""
    con.print(f"  [{style}]{f.code}[/{style}] {escape(f.message)}{cost}")
    if f.why:
        con.print(f"        [dim]why: {escape(f.why)}[/dim]")
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
