"""``formaudit usage``: what completed forms show. Registered in :mod:`formaudit.cli`; heavy imports stay
inside the command."""

from __future__ import annotations

import sys

import click

from ..reporters import formats
from .common import EXIT_ERROR, EXIT_OK, force_option, rules_option
from .common import emit as _emit
from .common import err as _err


@click.command("usage")
@click.argument("filled", nargs=-1, required=True)
@click.option(
    "--templates",
    "templates",
    multiple=True,
    help="Template files or folders to match completions to (by structure). Without it, completions are "
    "grouped by structure and each group stands for its template.",
)
@click.option(
    "--min-group",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="Least completions behind any figure; smaller groups are suppressed and counted.",
)
@click.option("--format", "fmt", type=click.Choice(formats("usage")), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option(
    "--write-rules",
    "rules_out",
    type=click.Path(file_okay=False),
    help="Write DIR/answers.yaml: observed answer lengths for --rules DIR (scan, streamline, compare).",
)
@force_option
@rules_option
def usage(filled, templates, min_group, fmt, output, rules_out, force, rules_dir) -> None:
    """Fill rates, answer lengths and copied answers in completed forms (FILLED: files or folders of
    completed .docx / fillable .pdf forms).

    Findings: FA401 never-used field, FA402 copied answer, FA403 box size vs answers. No answer, part of
    one, hash or length of a single completion is ever output; nothing is cached. Exit code 0, or 2 if any
    input could not be read (the others are still reported).
    """
    from ..errors import FormaudError
    from ..reporters import render

    try:
        from ..engine import resolve_settings
        from ..usage import analyse, write_rules

        resolve_settings(rules_dir)  # a bad rules folder fails before any form is read
        if rules_out:
            import os

            from ..errors import UsageError

            target = os.path.join(rules_out, "answers.yaml")
            if os.path.lexists(target) and not force:
                raise UsageError(f"{target}: already exists — use --force to overwrite")
        result = analyse(filled, templates or None, min_group=min_group, rules_dir=rules_dir)
        for e in result.errors:
            _err(str(e))
        if not result.templates and not result.unmatched and not result.suppressed["completions"]:
            if not result.errors:
                _err("no completed forms found in " + ", ".join(filled))
            sys.exit(EXIT_ERROR)
        text = render("usage", fmt, result)
        _emit(text, output, force)
        if rules_out:
            path = write_rules(result, rules_out, force=force)
            click.echo(f"wrote {path} (use --rules {rules_out})", err=True)
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_ERROR if result.errors else EXIT_OK)
