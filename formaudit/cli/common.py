"""What every command shares: exit codes, the one-line error, writing a report, common options.

Kept free of heavy imports: every command module imports it at start-up.
"""

from __future__ import annotations

import click

#: Exit codes as ruff's: 0 clean, 1 findings at or above the fail level, 2 usage/config/unreadable input.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

#: ``--rules DIR``: a folder of rule YAML overriding the packaged rules/ file by file.
rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False),
    help="Folder of rule YAML overriding the defaults.",
)
#: ``--force``: overwrite output files that already exist (never done without it).
force_option = click.option("--force", is_flag=True, help="Overwrite the output file(s) if they exist.")


def err(msg: str) -> None:
    """The one-line error every command prints for a problem the user can fix (no traceback)."""
    import sys

    from ..display import one_line
    from ..terminal import encodable, encoding_of

    click.echo(encodable(f"formaudit: error: {one_line(msg)}", encoding_of(sys.stderr)), err=True)


def emit(text: str, output: str | None, force: bool) -> None:
    """Print ``text``, or write it atomically to ``output`` (refusing to overwrite without ``force``)."""
    import sys

    from ..display import clean_output

    if output:
        from ..output import atomic_write

        atomic_write(output, clean_output(text), force=force)
    else:
        from ..terminal import encodable

        text = encodable(clean_output(text, keep_sgr=sys.stdout.isatty()))
        click.echo(text, nl=not text.endswith("\n"))


def render_for(command: str, fmt: str, obj, output: str | None, **options) -> str:
    """``obj`` rendered by ``command``'s ``fmt`` reporter: in colour and fitted to the terminal's width
    when it goes to standard output (no ``-o``) and that is a terminal, plain for a file."""
    import sys

    from ..reporters import render
    from ..terminal import width

    return render(
        command,
        fmt,
        obj,
        color=output is None and sys.stdout.isatty(),
        width=width() if output is None else None,
        **options,
    )


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` of text that may hold labels or file names: control and bidi characters removed."""
    import sys

    from ..display import clean_output
    from ..terminal import encodable, encoding_of

    stream = sys.stderr if err else sys.stdout
    click.echo(encodable(clean_output(text, keep_sgr=stream.isatty()), encoding_of(stream)), err=err, nl=nl)


def reading_options(fn):
    """``--jobs N``, ``--file-timeout S``, ``--max-file-mb MB``: how form files are read (each in a worker
    process with a wall-time and a memory limit; see :mod:`formaudit.isolate`)."""

    def store(key):
        def cb(ctx: click.Context, _param, value):
            if value is not None:
                from ..isolate import set_defaults

                set_defaults(**{key: value})
            return value

        return cb

    for decls, kind, key, text in (
        (
            ("--max-file-mb",),
            click.IntRange(min=0),
            "max_mb",
            "Memory one file's reading may use, in MiB (0: no limit). Default 1024.",
        ),
        (
            ("--file-timeout",),
            click.FloatRange(min=0),
            "timeout",
            "Seconds one file may take to read before it is stopped (0: no limit). Default 60.",
        ),
        (
            ("--jobs", "-j"),
            click.IntRange(min=1),
            "jobs",
            "Files read at once, each in its own worker process. Default: every core.",
        ),
    ):
        fn = click.option(*decls, type=kind, expose_value=False, callback=store(key), help=text)(fn)
    return fn


def _set_cache(ctx: click.Context, param: click.Parameter, value) -> None:
    meta = ctx.meta.setdefault("formaudit.cache", {"enabled": True, "dir": None})
    if param.name == "no_cache":
        meta["enabled"] = not value
    elif value:
        meta["dir"] = value
    from ..cache import configure

    configure(meta["enabled"], meta["dir"])


def cache_options(f):
    """``--no-cache`` and ``--cache-dir DIR``: the cache of parsed forms (see :mod:`formaudit.cache`)."""
    f = click.option(
        "--cache-dir",
        type=click.Path(file_okay=False),
        expose_value=False,
        callback=_set_cache,
        help="Folder of the parsed-form cache (default: the platform cache folder, or $FORMAUDIT_CACHE_DIR).",
    )(f)
    return click.option(
        "--no-cache",
        is_flag=True,
        expose_value=False,
        callback=_set_cache,
        help="Read every file afresh and leave the parsed-form cache untouched.",
    )(f)


def config_options(f):
    """``--config FILE | 'KEY = VALUE'`` (repeatable, as ruff's) and ``--isolated``."""
    f = click.option(
        "--isolated",
        is_flag=True,
        help="Read no configuration file (pyproject.toml, formaudit.toml): defaults and this command line only.",
    )(f)
    return click.option(
        "--config",
        "config_items",
        multiple=True,
        metavar="FILE | KEY=VALUE",
        help="A configuration file to use instead of searching upward (one), or a 'key = value' TOML override "
        "of it, e.g. --config 'max-minutes = 30' (any number).",
    )(f)


def split_config_items(items) -> tuple[str | None, list[str]]:
    """``--config`` values: (the one configuration file or None, the inline ``key = value`` overrides)."""
    import os

    from ..errors import UsageError

    files, inline = [], []
    for item in items or ():
        if os.path.isfile(item) or ("=" not in item):
            files.append(item)
        else:
            inline.append(item)
    if len(files) > 1:
        raise UsageError("--config: give one configuration file (" + ", ".join(files) + ")")
    if files and not os.path.isfile(files[0]):
        raise UsageError(f"--config {files[0]}: configuration file not found")
    return (files[0] if files else None), inline
