"""`formaudit config`: the effective configuration and where each value came from.

Registered in :mod:`formaudit.cli` with ``cli.add_command(config)``. Heavy imports stay inside the command."""

from __future__ import annotations

import sys

import click

from ..reporters import formats
from .common import EXIT_ERROR, EXIT_OK
from .common import emit as _emit
from .common import err as _err


@click.command("config")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats("config")),
    default="text",
    show_default=True,
    help="text: tables of values and sources; json: values with sources; toml: a [tool.formaudit] table.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Use this config file instead of searching upward from the current directory.",
)
@click.option("--isolated", is_flag=True, help="Read no configuration file: defaults and this command line.")
@click.option("--select", help="As for check: only these checks (codes or prefixes, comma-separated).")
@click.option("--ignore", help="As for check: skip these checks.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="As for check.")
@click.option("--max-minutes", type=float, help="As for check: expected-minutes budget per form.")
@click.option("--max-fields", type=int, help="As for check: fields budget per form.")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False), help="Extra rules folder.")
@click.option("--usage", type=click.Path(dir_okay=False), help="Usage profile file.")
@click.option("--library", type=click.Path(file_okay=False), help="Library folder for FA102.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Baseline file.")
def config(
    fmt,
    config_file,
    isolated,
    select,
    ignore,
    fail_on,
    max_minutes,
    max_fields,
    rules_dir,
    usage,
    library,
    baseline,
) -> None:
    """Show the effective configuration and where each value came from.

    Configuration is read from [tool.formaudit] in pyproject.toml, or formaudit.toml / .formaudit.toml,
    the first found searching upward from the current directory. The options are those of
    `formaudit check`, so you can see what a command line would change. Exit code 0, or 2 on a
    configuration error.
    """
    from ..config import check_settings_sources, load_config
    from ..errors import FormaudError
    from ..reporters import render

    overrides = {
        "select": select,
        "ignore": ignore,
        "fail_on": fail_on,
        "max_minutes": max_minutes,
        "max_fields": max_fields,
        "rules": rules_dir,
        "usage": usage,
        "library": library,
        "baseline": baseline,
    }
    try:
        cfg = load_config(config_file, overrides, isolated=isolated)
        checks, check_sources = check_settings_sources(cfg)
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    view = {"config": cfg, "checks": checks, "sources": check_sources}
    text = render("config", fmt, view, color=sys.stdout.isatty())
    _emit(text, None, False)
    sys.exit(EXIT_OK)
