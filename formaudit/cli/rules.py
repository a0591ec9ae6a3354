"""`formaudit rules [CODE]`: list the checks, or show one check's documentation and current settings.

Registered in :mod:`formaudit.cli` with ``cli.add_command(rules)``. Heavy imports stay inside the command."""

from __future__ import annotations

import sys

import click

from ..reporters import formats
from .common import EXIT_ERROR, EXIT_OK
from .common import emit as _emit
from .common import err as _err


@click.command("rules")
@click.argument("code", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats("rules")),
    default="text",
    show_default=True,
)
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False),
    help="Folder of rule YAML overriding the defaults (for the settings shown).",
)
def rules(code: str | None, fmt: str, rules_dir: str | None) -> None:
    """List every check (code, name, default severity, summary), or with CODE show its documentation
    and current settings (rules/checks.yaml, your --rules folder and the project configuration).

    Exit code 0, or 2 for an unknown CODE or a configuration error.
    """
    from ..checks import registry
    from ..errors import FormaudError
    from ..reporters import render

    checks = registry()
    if code is None:
        text = render("rules", fmt, checks, color=sys.stdout.isatty())
    else:
        by_code = {c.code: c for c in checks}
        cls = by_code.get(code.strip().upper())
        if cls is None:
            _err(f"unknown check code {code!r} (known: {', '.join(by_code)})")
            sys.exit(EXIT_ERROR)
        try:
            settings, sources = _current_settings(rules_dir)
        except FormaudError as e:
            _err(str(e))
            sys.exit(EXIT_ERROR)
        view = {"check": cls, "settings": settings.get(cls.code, {}), "sources": sources.get(cls.code, {})}
        text = render("rules", fmt, view, color=sys.stdout.isatty())
    _emit(text, None, False)
    sys.exit(EXIT_OK)


def _current_settings(rules_dir: str | None) -> tuple[dict[str, dict], dict[str, dict[str, str]]]:
    """Settings as a `formaudit check` here would use them: checks.yaml + rules folder + project config."""
    from ..config import check_settings_sources, load_config

    cfg = load_config(None, {"rules": rules_dir})
    return check_settings_sources(cfg)
