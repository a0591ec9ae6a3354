"""``formaudit check`` for a terminal: the scan text report of the reported findings, and the gate's verdict."""

from __future__ import annotations


def render(
    result,
    color: bool = False,
    width: int | None = None,
    quiet: bool = False,
    statistics: bool = False,
    **_kw,
) -> str:
    """The scan text report of the reported findings, then the gate's verdict (and the baseline's counts)."""
    import io

    from rich.markup import escape

    from . import scan_text

    head = scan_text.render(result.report(), color=color, width=width, quiet=quiet, statistics=statistics)
    buf = io.StringIO()
    con = scan_text._console(buf, color, width)
    failing = len(result.failing)
    parts = []
    if result.baseline_updated:
        parts.append(
            f"baseline {escape(str(result.baseline))} updated: {result.baselined} finding(s) recorded"
        )
        if result.stale:
            parts.append(f"{result.stale} stale entr{'ies' if result.stale != 1 else 'y'} dropped")
    elif result.baselined or result.stale:
        parts.append(f"{result.baselined} known finding(s) in the baseline not shown")
        if result.stale:
            parts.append(f"{result.stale} baseline entr{'ies' if result.stale != 1 else 'y'} no longer found")
    if result.accepted:
        parts.append(f"{result.accepted} accepted in the configuration")
    if result.path_ignored:
        parts.append(f"{result.path_ignored} turned off by per-file-ignores")
    if result.accept_unused:
        parts.append(
            f"{len(result.accept_unused)} accept entr{'ies' if len(result.accept_unused) != 1 else 'y'} "
            f"matched nothing ({', '.join(fp[:12] for fp in result.accept_unused)})"
        )
    if result.errors:
        verdict = "[bold red]error[/bold red]: unreadable input"
    elif failing:
        verdict = f"[bold red]failed[/bold red]: {failing} finding(s) at or above {result.fail_on}"
    else:
        verdict = f"[green]passed[/green]: nothing at or above {result.fail_on}"
    con.print(f"check {verdict}" + ("; " + "; ".join(parts) if parts else "") + ".")
    return head + buf.getvalue()
