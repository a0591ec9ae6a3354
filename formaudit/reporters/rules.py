"""``formaudit rules``: the list of checks, or one check's documentation and declared settings."""

from __future__ import annotations

import inspect
import re
from typing import Any


def doc_of(cls) -> str:
    """The class docstring, dedented."""
    return inspect.cleandoc(cls.__doc__ or cls.name)


def _plain(text: str) -> str:
    """A one-line summary without reST literal markup: ``max_fields`` → max_fields."""
    return re.sub(r"``(.+?)``", r"\1", text)


def _as_markdown(doc: str) -> str:
    """Docstrings mix reST and Markdown: ``code`` → `code`, ``Example::`` + indented block → a code block."""
    doc = re.sub(r"``(.+?)``", r"`\1`", doc, flags=re.S)
    doc = re.sub(r"(?m)^(\S.*?)\s*::$", r"\1:", doc)
    return doc


def render_list(checks, fmt: str, color: bool = False, width: int = 120) -> str:
    rows = [
        {
            "code": c.code,
            "name": c.name,
            "default_severity": c.default_severity,
            "summary": _plain(c.summary()),
        }
        for c in checks
    ]
    if fmt == "json":
        import json

        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        out = ["| code | name | default | summary |", "|---|---|---|---|"]
        for r in rows:
            summary = r["summary"].replace("|", "\\|")
            out.append(f"| {r['code']} | {r['name']} | {r['default_severity']} | {summary} |")
        return "\n".join(out) + "\n"
    import io

    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False)
    t = Table(title="Checks", box=box.SIMPLE_HEAVY, title_justify="left")
    t.add_column("Code", no_wrap=True)
    t.add_column("Name", no_wrap=True)
    t.add_column("Default", no_wrap=True)
    t.add_column("Summary", overflow="fold")
    for r in rows:
        t.add_row(r["code"], r["name"], r["default_severity"], escape(r["summary"]))
    con.print(t)
    con.print("[dim]formaudit rules CODE shows a check's documentation and settings.[/dim]")
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def _show(v: Any) -> str:
    return "null (off)" if v is None else str(v)


def option_rows(cls, settings: dict[str, Any], sources: dict[str, str]) -> list[dict[str, Any]]:
    """One row per option the check declares (``severity`` first): type, default, doc, value, source."""
    rows = []
    for name, opt in cls.all_options().items():
        rows.append(
            {
                "name": name,
                "type": opt.type_name(),
                "default": opt.default,
                "doc": opt.doc,
                "value": settings.get(name, opt.default),
                "source": sources.get(name, "default"),
            }
        )
    return rows


def render_one(
    cls, settings: dict[str, Any], sources: dict[str, str], fmt: str, color: bool = False, width: int = 100
) -> str:
    doc = doc_of(cls)
    rows = option_rows(cls, settings, sources)
    if fmt == "json":
        import json

        data = {
            "code": cls.code,
            "name": cls.name,
            "default_severity": cls.default_severity,
            "scope": cls.scope,
            "summary": cls.summary(),
            "doc": doc,
            "settings": settings,
            "sources": sources,
            "options": {r["name"]: {k: v for k, v in r.items() if k != "name"} for r in rows},
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    md = _as_markdown(doc)
    body = md.partition("\n")[2]
    if fmt == "markdown":
        out = [f"## {cls.code} {cls.name}", "", f"Default severity: **{cls.default_severity}**", "", md, ""]
        out += ["### Settings", "", "| setting | type | default | value | source | meaning |"]
        out += ["|---|---|---|---|---|---|"]
        out += [
            f"| {r['name']} | {r['type']} | {_show(r['default'])} | {_show(r['value'])} | {r['source']} "
            f"| {r['doc']} |"
            for r in rows
        ]
        return "\n".join(out) + "\n"
    import io

    from rich import box
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False)
    con.print(
        f"[bold]{cls.code} {escape(cls.name)}[/bold]  "
        f"(default severity: {cls.default_severity}; scope: {'one form' if cls.scope == 'form' else 'all forms'})"
    )
    con.print()
    con.print(
        Text(_plain(doc.partition("\n")[0]), style="bold"), soft_wrap=True
    )  # the summary, never re-wrapped
    if body.strip():
        con.print()
        con.print(Markdown(body.strip(), code_theme="ansi_dark"))
    con.print()
    t = Table(title="Settings (current values)", box=box.SIMPLE_HEAVY, title_justify="left")
    t.add_column("Setting", no_wrap=True)
    t.add_column("Value", justify="right")
    t.add_column("Default", justify="right")
    t.add_column("Source", style="dim", overflow="fold")
    t.add_column("Type and meaning", overflow="fold")
    for r in rows:
        t.add_row(
            r["name"],
            escape(_show(r["value"])),
            escape(_show(r["default"])),
            escape(r["source"]),
            escape(f"{r['type']}: {r['doc']}"),
        )
    con.print(t)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def render(obj, fmt: str = "text", color: bool = False, **_kw) -> str:
    """The list of checks (``obj`` a list of check classes) or one check (``{"check", "settings", "sources"}``)."""
    if isinstance(obj, dict):
        return render_one(obj["check"], obj["settings"], obj["sources"], fmt, color=color)
    return render_list(obj, fmt, color=color)
