"""`formaudit compare`: before/after tables per form and per section, with time saved per worker.

Registered in :mod:`formaudit.cli` with ``cli.add_command(compare)``. Heavy imports stay inside the
command so ``formaudit --version`` starts quickly."""

from __future__ import annotations

import sys

import click

from ..reporters import formats
from .common import EXIT_ERROR, EXIT_OK, force_option, reading_options, rules_option
from .common import emit as _emit
from .common import err as _err


@click.command("compare")
@click.argument("before", type=click.Path())
@click.argument("after", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats("compare")),
    default="text",
    show_default=True,
    help="json follows schema formaudit.compare/2; html is one self-contained file with a bar chart.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@force_option
@rules_option
@click.option(
    "--usage",
    "usage_file",
    type=click.Path(dir_okay=False),
    help="Usage profile YAML (completions per worker per month by form type, workforce, hours per FTE-year).",
)
@click.option(
    "--per-month",
    type=float,
    help="Completions per worker per month, for every form (overrides the profile).",
)
@click.option(
    "--workers",
    type=float,
    help="Social workers to multiply by for workforce totals (default: none, unless your usage file sets one).",
)
@click.option(
    "--service",
    type=click.Choice(["children", "adults"]),
    help="Usage profile of this service for every form (default: each form's population, from its words).",
)
@click.option(
    "--hourly-cost", type=float, metavar="GBP", help="Cost of an hour of social-work time; adds £ figures."
)
@reading_options
def compare(
    before, after, fmt, output, force, rules_dir, usage_file, per_month, workers, service, hourly_cost
) -> None:
    """Compare BEFORE and AFTER: two form files, or two folders whose forms pair by file-name stem.

    Shows sections, fields, duplicate groups and minutes (low–expected–high) before and after, per
    form and per section, and the time saved per completion and per social worker per month and year
    (Standard Cost Model: minutes saved × completions per social worker per month from
    rules/usage.yaml, children's or adults' services). Only forms social workers complete count per
    social worker; referrers' time is shown separately; renderings of one form count once. Workforce
    totals only with --workers. Exit code 0, or 2 if an input could not be read (the others are still
    compared).
    """
    from ..compare import compare_paths
    from ..errors import FormaudError
    from ..reporters import render

    try:
        result = compare_paths(
            before,
            after,
            rules_dir=rules_dir,
            usage_file=usage_file,
            per_month=per_month,
            workers=workers,
            hourly_cost=hourly_cost,
            service=service,
        )
        for e in result["errors"]:
            _err(f"{e['source']}: {e['message']}")
        if not result["pairs"] and not result["errors"]:
            raise FormaudError("no pairs of forms to compare (file names must share a stem)")
        from ..terminal import width

        text = render(
            "compare",
            fmt,
            result,
            color=output is None and fmt == "text" and sys.stdout.isatty(),
            width=width() if output is None else None,
        )
        _emit(text, output, force)
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_ERROR if result["errors"] else EXIT_OK)
