"""`formaudit check`: the scan checks as a CI gate, with budgets, a library, a baseline and CI formats.

Registered in :mod:`formaudit.cli` with ``cli.add_command(check)``. Heavy imports stay inside the command so
``formaudit --version`` starts quickly."""

from __future__ import annotations

import os
import sys

import click

from ..reporters import formats
from .common import (
    EXIT_ERROR,
    cache_options,
    config_options,
    force_option,
    reading_options,
    render_for,
    rules_option,
    split_config_items,
)
from .common import emit as _emit
from .common import err as _err

FORMATS = formats("check")


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--library",
    type=click.Path(),
    help="Folder of existing forms: report items a template re-asks that these already capture (FA102).",
)
@click.option(
    "--max-minutes", type=float, help="Budget per form in expected minutes (FA301 at error over it)."
)
@click.option("--max-fields", type=int, help="Budget per form in fields (FA302 over it).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that fails the check (exit 1). Default: warning, or the configuration's.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Default: github when GITHUB_ACTIONS=true, else text.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@force_option
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    help="Baseline file: findings recorded in it are not reported.",
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Record the current findings in the baseline (dropping stale entries) and report nothing new.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (2 still means an error).")
@rules_option
@click.option("--select", help="Only these checks (comma-separated codes or prefixes, e.g. FA102,FA3).")
@click.option("--ignore", help="Skip these checks (codes or prefixes).")
@config_options
@click.option(
    "--statistics", is_flag=True, help="Count and minutes per check code only (text format), as ruff's."
)
@click.option("-q", "--quiet", is_flag=True, help="Text format: only the findings and the verdict.")
@cache_options
@reading_options
def check(
    paths,
    library,
    max_minutes,
    max_fields,
    fail_on,
    fmt,
    output,
    force,
    baseline,
    update_baseline,
    exit_zero,
    rules_dir,
    select,
    ignore,
    config_items,
    isolated,
    statistics,
    quiet,
) -> None:
    """Check form templates in PATHS like a linter: duplicated questions, items the --library already
    captures, redundant sections, and time and field budgets.

    Settings come from [tool.formaudit] in pyproject.toml, or formaudit.toml / .formaudit.toml, found
    upward from the current folder; options given here win. Exit code 0 when nothing is at or above
    --fail-on, 1 when something is, 2 for a usage or configuration error or an unreadable file.

    \b
    Examples:
      formaudit check templates/ --library forms/ --max-minutes 45
      formaudit check templates/ --format sarif -o formaudit.sarif --exit-zero
      formaudit check templates/ --config ci/formaudit.toml --config 'fail-on = "error"'
    """
    from ..config import load_config
    from ..errors import FormaudError, UsageError
    from ..gate import run_check

    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS", "").lower() == "true" else "text"
    try:
        config_file, inline = split_config_items(config_items)
        if statistics and fmt != "text":
            raise UsageError(f"--statistics works with --format text, not {fmt}")
        config = load_config(
            config_file,
            isolated=isolated,
            inline=inline,
            overrides={
                "library": library,
                "max_minutes": max_minutes,
                "max_fields": max_fields,
                "fail_on": fail_on,
                "baseline": baseline,
                "rules": rules_dir,
                "select": select,
                "ignore": ignore,
            },
        )
        result = run_check(paths, config, update_baseline=update_baseline)
        for e in result.errors:
            _err(str(e))
        text = render_for("check", fmt, result, output, statistics=statistics, quiet=quiet)
        if output or text:
            _emit(text, output, force)
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            _append_summary(summary_file, result)
        if result.baseline_missing:
            click.echo(
                f"formaudit: note: baseline {result.baseline} does not exist yet — every finding is "
                "reported; create it with --update-baseline",
                err=True,
            )
        if result.baseline_updated:
            click.echo(
                f"formaudit: baseline {result.baseline}: {result.baselined} finding"
                f"{'s' if result.baselined != 1 else ''} recorded, {result.stale} stale dropped",
                err=True,
            )
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    sys.exit(result.exit_code(exit_zero=exit_zero))


def _append_summary(path: str, result) -> None:
    from ..reporters.check_github import summary_markdown

    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(summary_markdown(result))
    except OSError as e:
        _err(f"GITHUB_STEP_SUMMARY {path}: cannot append ({e.strerror or e})")
