"""Render extracted forms: a rich tree for people, the model as JSON or YAML for programs."""

from __future__ import annotations

import io
import json

from ..model import Form


def render(forms: list[Form], fmt: str, color: bool = False, width: int | None = None, **_kw) -> str:
    if fmt == "json":
        data = forms[0].to_dict() if len(forms) == 1 else [f.to_dict() for f in forms]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        import yaml

        data = forms[0].to_dict() if len(forms) == 1 else [f.to_dict() for f in forms]
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return _text(forms, color, width)


def _field_line(f) -> str:
    from rich.markup import escape

    extra = ""
    if f.options:
        extra = " [dim]" + escape(" / ".join(f.options)) + "[/dim]"
    if f.columns:
        extra += " [dim]columns: " + escape(", ".join(f.columns)) + "[/dim]"
    if f.repeat:
        extra += " [magenta]repeating[/magenta]"
    if f.capacity:
        extra += " [dim](" + ", ".join(f"{v} {k}" for k, v in f.capacity.items()) + ")[/dim]"
    return f"{escape(f.label or '(no label)')} [cyan]{f.kind}[/cyan]{extra}"


def _text(forms: list[Form], color: bool, width: int | None = None) -> str:
    """The tree; ``width``: the terminal's columns (None: not a terminal — lines are never wrapped)."""
    from rich.markup import escape
    from rich.tree import Tree

    from .scan_text import _console, _tidy

    buf = io.StringIO()
    console = _console(buf, color, width)
    for form in forms:
        n_fields = sum(len(s.fields) for s in form.sections)
        n_secs = sum(1 for s in form.sections if s.title is not None)
        root = Tree(
            f"[bold]{escape(form.title or form.source)}[/bold]  [dim]{escape(form.source)} · {form.format} · "
            f"{n_secs} sections · {n_fields} fields[/dim]"
        )
        nodes = {}
        for s in form.sections:
            parent = nodes.get(s.parent, root)
            title = escape(s.title) if s.title is not None else "[dim](before the first heading)[/dim]"
            node = parent.add(f"[bold green]{title}[/bold green]")
            nodes[s.id] = node
            for f in s.fields:
                node.add(_field_line(f))
        console.print(root)
    return _tidy(buf.getvalue(), color)
