"""Command-line interface: thin click glue over the library. Heavy imports stay inside commands so
``formaudit --version`` starts quickly."""

from __future__ import annotations

import sys

import click

from . import __version__
from .cli_common import EXIT_ERROR, EXIT_OK, cache_options, force_option, reading_options, rules_option
from .cli_common import emit as _emit
from .cli_common import err as _err
from .reporters import formats

#: Commands that live in their own modules, imported only when named (so ``--version`` imports none).
_LAZY_COMMANDS = {
    "cache": "cli_cache",
    "calibrate": "cli_calibrate",
    "check": "cli_check",
    "compare": "cli_compare",
    "config": "cli_config",
    "rules": "cli_rules",
    "streamline": "cli_streamline",
    "usage": "cli_usage",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str):
        if name not in self.commands and name in _LAZY_COMMANDS:
            import importlib

            mod = importlib.import_module(f"{__package__}.{_LAZY_COMMANDS[name]}")
            self.add_command(getattr(mod, name))
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="formaudit")
def cli() -> None:
    """Audit form templates (DOCX, PDF, form-model YAML/JSON) for repeated questions,
    redundant sections and completion time."""


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats("extract")),
    default="text",
    show_default=True,
    help="text: a tree of sections and fields; json/yaml: the form model (schema formaudit.form/1).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option(
    "--semantics",
    is_flag=True,
    help="Text tree: show each field's subject, item and the rule that decided the subject.",
)
@force_option
@rules_option
@reading_options
def extract(
    files: tuple[str, ...], fmt: str, output: str | None, semantics: bool, force: bool, rules_dir: str | None
) -> None:
    """Read form FILES and show their sections and fields.

    With one file, json/yaml output is the form model; with several it is a list of them. Every field
    carries its ``subject`` (whom it is about: ``child``, ``mother``, ``household_member#2``) and ``item``
    (what it asks: ``date_of_birth``, ``gp.address``; ``~words`` when no concept is known).
    """
    from .errors import FormaudError, FormError
    from .isolate import read_many
    from .reporters import render

    forms, failed = [], False
    for _path, result in read_many(files):
        if isinstance(result, FormError):
            _err(str(result))
            failed = True
        else:
            forms.append(result)
    try:
        text = render(
            "extract",
            fmt,
            forms,
            color=output is None and sys.stdout.isatty(),
            semantics=semantics,
            rules_dir=rules_dir,
        )
        if forms:
            _emit(text, output, force)
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats("scan")),
    default="text",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@force_option
@rules_option
@click.option("--select", help="Only these checks (comma-separated codes or prefixes, e.g. FA101,FA2).")
@click.option("--ignore", help="Skip these checks (codes or prefixes).")
@click.option(
    "--matrix", is_flag=True, help="With --format csv: the data-item × form matrix instead of findings."
)
@click.option(
    "--explain",
    is_flag=True,
    help="Break each form's minutes down by section and by operator, and name the rule behind each duplicate "
    "(FA101) finding and how each field's subject was decided.",
)
@cache_options
@reading_options
def scan(paths, fmt, output, force, rules_dir, select, ignore, matrix, explain) -> None:
    """Scan form files and folders for duplicated fields, repeated blocks, redundant sections and
    completion time.

    Folders are searched recursively for .docx, .doc, .odt, .pdf and form-model .yaml/.json files. Exit code 0,
    or 2 if any input could not be read (the others are still reported).
    """
    from .api import discover
    from .api import scan as run_scan
    from .errors import FormaudError
    from .reporters import render

    try:
        files = discover(paths)
        if not files:
            _err("no form files found in " + ", ".join(paths))
            sys.exit(EXIT_ERROR)
        progress = None
        tty = sys.stderr.isatty() and len(files) > 3
        if tty:
            from rich.progress import Progress

            # no refresh thread: files are read in forked workers, and forking a threaded process is unsafe
            progress = Progress(transient=True, console=_stderr_console(), auto_refresh=False)
            task = progress.add_task("Reading forms", total=len(files))
            progress.start()
        try:
            report = run_scan(
                paths,
                rules_dir=rules_dir,
                select=select,
                ignore=ignore,
                files=files,
                explain=explain,
                on_progress=(lambda _p: (progress.advance(task), progress.refresh())) if progress else None,
            )
        finally:
            if progress:
                progress.stop()
        for e in report.errors:
            _err(str(e))
        tty = output is None and sys.stdout.isatty()
        import shutil

        width = max(100, shutil.get_terminal_size((120, 24)).columns) if tty else 120
        text = render("scan", fmt, report, color=tty, matrix=matrix, width=width)
        _emit(text, output, force)
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_ERROR if report.errors else EXIT_OK)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def main() -> None:
    try:
        cli(prog_name="formaudit")
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
