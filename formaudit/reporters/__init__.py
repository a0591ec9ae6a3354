"""Output formats: one module per format (or per view), chosen from one table per command.

``FORMATS[command][format]`` names the module; every module has ``render(obj, **kw)`` (modules that render
several formats of one view also get ``fmt=``). The CLI takes its ``--format`` choices from here
(:func:`formats`) and renders with :func:`render`; reporters never import the CLI or the gate.
"""

from __future__ import annotations

import importlib
from typing import Any

FORMATS: dict[str, dict[str, str]] = {
    "extract": {"text": "form", "json": "form", "yaml": "form"},
    "scan": {
        "text": "scan_text",
        "json": "scan_json",
        "markdown": "scan_markdown",
        "csv": "scan_csv",
        "html": "scan_html",
    },
    "check": {
        "text": "check_text",
        "json": "check_json",
        "sarif": "check_sarif",
        "junit": "check_junit",
        "github": "check_github",
    },
    "compare": {
        "text": "compare_text",
        "markdown": "compare_markdown",
        "csv": "compare_csv",
        "json": "compare_json",
        "html": "compare_html",
    },
    "streamline": {"text": "streamline", "json": "streamline", "markdown": "streamline"},
    "rules": {"text": "rules", "json": "rules", "markdown": "rules"},
    "config": {"text": "config", "json": "config", "toml": "config"},
    "usage": {"text": "usage", "json": "usage", "markdown": "usage"},
}


def formats(command: str) -> tuple[str, ...]:
    """The ``--format`` choices of ``command`` (the first is the default)."""
    return tuple(FORMATS[command])


def render(command: str, fmt: str, obj: Any, **kw: Any) -> str:
    """``obj`` (a command's result) rendered in ``fmt``."""
    from ..errors import UsageError

    table = FORMATS[command]
    if fmt not in table:
        raise UsageError(f"unknown format {fmt!r} (use one of {', '.join(table)})")
    module = importlib.import_module(f"{__name__}.{table[fmt]}")
    shared = sum(1 for m in table.values() if m == table[fmt]) > 1
    return module.render(obj, fmt=fmt, **kw) if shared else module.render(obj, **kw)
