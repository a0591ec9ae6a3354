"""The compare result for a terminal: before/after per form, savings, then each form's sections."""

from __future__ import annotations

import io

from .compare_markdown import assumptions, delta, label, num, rng, savings_lines, type_cell

STATUS_STYLE = {"removed": "red", "added": "green", "kept": ""}


def render(result: dict, color: bool = False, width: int | None = None, **_kw) -> str:
    """``width``: columns to lay out in (None: never wrap, output that is not a terminal); numbers and
    file names are never cut (:func:`formaudit.reporters.scan_text.print_table`)."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    from .scan_text import _console, _tidy, print_table

    buf = io.StringIO()
    con = _console(buf, color, width)
    pairs = result.get("pairs", [])
    tot = result["totals"]

    t = Table(
        title="Before → after: expected minutes per completion (low–high below; "
        f"{result.get('time_model') or 'uncalibrated'})",
        box=box.SIMPLE_HEAVY,
        title_justify="left",
    )
    for col, just in (
        ("Form", "left"),
        ("Sections", "right"),
        ("Fields", "right"),
        ("Dup.\ngroups", "right"),
        ("Minutes\nbefore", "right"),
        ("Minutes\nafter", "right"),
        ("Minutes\nsaved", "right"),
        ("Per social\nworker\nper month", "right"),
        ("Hours saved\nper social\nworker/year", "right"),
    ):
        t.add_column(
            col,
            justify=just,
            min_width=20 if col == "Form" else None,
            overflow="fold",
            no_wrap=col != "Form",
        )

    def two(d: dict | None, nd: int = 1) -> str:
        if not d:
            return ""
        return f"{num(d['expected'], nd)}\n[dim]{num(d['low'], nd)}–{num(d['high'], nd)}[/dim]"

    def arrow(b: int, a: int) -> str:
        return f"{b} → {a}"

    for p in pairs:
        b, a, sv = p["before"], p["after"], p["savings"]
        t.add_row(
            f"{escape(label(p))}\n[dim]{escape(type_cell(p))}[/dim]",
            arrow(b["sections"], a["sections"]),
            arrow(b["fields"], a["fields"]),
            arrow(b["duplicate_groups"], a["duplicate_groups"]),
            two(b["minutes"]),
            two(a["minutes"]),
            f"[bold]{two(p['minutes_saved'])}[/bold]",
            num(sv["per_worker_per_month"], 2),
            two(sv["hours_saved_per_worker_per_year"]),
        )
    if len(pairs) > 1:
        tb, ta = tot["before"], tot["after"]
        t.add_section()
        t.add_row(
            "[bold]Total[/bold]",
            arrow(tb["sections"], ta["sections"]),
            arrow(tb["fields"], ta["fields"]),
            arrow(tb["duplicate_groups"], ta["duplicate_groups"]),
            two(tb["minutes"]),
            two(ta["minutes"]),
            f"[bold]{two(tot['minutes_saved'])}[/bold]",
            "",
            two(tot["savings"].get("hours_saved_per_worker_per_year")),
        )
    print_table(con, t, width)

    if pairs:
        title = "Savings (each form counted once, at the usage rates)"
        if tot.get("renderings_not_counted"):
            title += f"; {tot['renderings_not_counted']} further rendering(s) not counted again"
        s = Table(title=title, box=box.SIMPLE, title_justify="left")
        s.add_column("")
        s.add_column("low–expected–high", justify="right", no_wrap=True, overflow="fold")
        for what, val in savings_lines(tot["savings"], per_month=True):
            s.add_row(escape(what), val)
        print_table(con, s, width)

    for p in pairs:
        st = Table(
            title=f"{escape(label(p))}: {escape(p['after'].get('title') or p['before'].get('title') or '')}",
            box=box.SIMPLE,
            title_justify="left",
        )
        for col, just in (
            ("Section", "left"),
            ("Status", "left"),
            ("Fields", "right"),
            ("Min. before", "right"),
            ("Min. after", "right"),
            ("Min. saved", "right"),
        ):
            st.add_column(col, justify=just, no_wrap=just == "right", overflow="fold")
        for r in p["sections"]:
            fb = r["before"]["fields"] if r["before"] else 0
            fa = r["after"]["fields"] if r["after"] else 0
            style = STATUS_STYLE.get(r["status"], "")
            status = f"[{style}]{r['status']}[/{style}]" if style else r["status"]
            st.add_row(
                escape(r["title"] or "(untitled)"),
                status,
                delta(fb, fa),
                rng(r["before"]["minutes"]) if r["before"] else "—",
                rng(r["after"]["minutes"]) if r["after"] else "—",
                rng(r["saved_minutes"]),
            )
        print_table(con, st, width)

    um = result.get("unmatched") or {}
    for x in um.get("before", []):
        con.print(f"[yellow]unmatched[/yellow] before only: {escape(x)}")
    for x in um.get("after", []):
        con.print(f"[yellow]unmatched[/yellow] after only: {escape(x)}")
    for e in result.get("errors", []):
        con.print(f"[red]error[/red] {escape(e['source'])}: {escape(e['message'])}")
    lines = assumptions(result)
    if lines:
        con.print("\n[bold]Assumptions[/bold]")
        for x in lines:
            con.print(f"  [dim]· {escape(x)}[/dim]")
        con.print(f"  [dim]· Method: {escape(result.get('method', ''))}[/dim]")
    return _tidy(buf.getvalue(), color)
