"""``formaudit calibrate``: fit the time model's free-text assumptions to timed completions and write a
rules folder for ``--rules``. Registered in :mod:`formaudit.cli`; heavy imports stay inside the command."""

from __future__ import annotations

import sys

import click

from .common import EXIT_ERROR, EXIT_OK, force_option, rules_option
from .common import err as _err


@click.command("calibrate")
@click.argument("timings", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=True),
    help="Rules folder to write (time_model.yaml with the fitted constants; created if missing).",
)
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@force_option
def calibrate(timings, out_dir, rules_dir, fmt, force) -> None:
    """Fit the effective composition rate and thinking time per free-text box to TIMINGS.csv.

    TIMINGS.csv has a header and one row per timed completion: `form` (a path relative to the CSV) and
    `minutes`, optionally `completed_by` and `sections` (titles or numbers, separated by ';'). The
    constants stay within the published bounds of rules/time_model.yaml; a timing the model cannot reach
    within them is refused (one line each, exit code 2; the other rows are still used). Prints the error
    per row before and after, and the leave-one-out error; writes OUT/time_model.yaml for --rules OUT.
    """
    import os

    from ..errors import FormaudError, UsageError

    try:
        from ..calibrate import calibrate as run
        from ..calibrate import render, write_rules

        if rules_dir is not None and not os.path.isdir(rules_dir):
            raise UsageError(f"--rules {rules_dir}: not a folder")
        target = os.path.join(out_dir, "time_model.yaml")
        if os.path.exists(target) and not force:
            raise UsageError(f"{target}: already exists — use --force to overwrite")
        result = run(timings, rules_dir)
        for line in result["refused"]:
            _err(line)
        written = write_rules(result, out_dir, rules_dir=rules_dir, force=force)
        click.echo(render(result, fmt, written), nl=False)
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_ERROR if result["refused"] else EXIT_OK)
