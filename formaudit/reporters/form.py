"""Render extracted forms: a rich tree for people, the model as JSON or YAML for programs."""

from __future__ import annotations

import io
import json

from ..model import Form


def _semantics(forms: list[Form], rules_dir: str | None) -> dict[str, dict]:
    """``{field id: FieldInfo}`` over all forms (annotated together, as a scan would)."""
    from ..checks import Context
    from ..semantics import annotations

    ann = annotations(Context(forms=list(forms), rules_dir=rules_dir))
    return {id(fi.field): fi for infos in ann.values() for fi in infos}


def _model(form: Form, sem: dict) -> dict:
    """The form model with each field's subject ("child", "mother", "household_member#2") and item
    ("date_of_birth", "gp.address", "~reason for referral") as formaudit understands them."""
    d = form.to_dict()
    for s_obj, s_dict in zip(form.sections, d["sections"], strict=True):
        for f_obj, f_dict in zip(s_obj.fields, s_dict["fields"], strict=True):
            fi = sem.get(id(f_obj))
            if fi is not None:
                f_dict.pop("subject", None)  # always last, so a re-read model reproduces itself
                f_dict.pop("item", None)
                f_dict["subject"] = fi.subject
                f_dict["item"] = fi.item
    return d


def render(
    forms: list[Form],
    fmt: str,
    color: bool = False,
    semantics: bool = False,
    rules_dir: str | None = None,
    width: int | None = None,
    **_kw,
) -> str:
    if fmt in ("json", "yaml"):
        sem = _semantics(forms, rules_dir)
        models = [_model(f, sem) for f in forms]
        data = models[0] if len(models) == 1 else models
        if fmt == "json":
            return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        import yaml

        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return _text(forms, color, _semantics(forms, rules_dir) if semantics else None, width)


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


def _why(fi) -> str:
    from rich.markup import escape

    return (
        f" [yellow]{escape(fi.subject)} · {escape(fi.item)}[/yellow] [dim]({escape(fi.subject_source)})[/dim]"
    )


def _text(forms: list[Form], color: bool, sem: dict | None = None, width: int | None = None) -> str:
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
                fi = sem.get(id(f)) if sem else None
                node.add(_field_line(f) + (_why(fi) if fi is not None else ""))
        console.print(root)
    return _tidy(buf.getvalue(), color)
