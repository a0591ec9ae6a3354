"""Command-line interface: thin click glue over the library. Heavy imports stay inside commands so
``formaudit --version`` starts quickly."""

from __future__ import annotations

import re
import sys

import click

from .. import __version__
from ..reporters import formats
from .common import (
    EXIT_ERROR,
    EXIT_OK,
    cache_options,
    force_option,
    reading_options,
    render_for,
    rules_option,
)
from .common import emit as _emit
from .common import err as _err

#: Commands that live in their own modules, imported only when named (so ``--version`` imports none).
_LAZY_COMMANDS = {
    "cache": "cache",
    "calibrate": "calibrate",
    "check": "check",
    "compare": "compare",
    "config": "config",
    "rules": "rules",
    "streamline": "streamline",
    "usage": "usage",
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


class _Group(_LazyGroup):
    """The ``formaudit`` group: the command list shows each command's whole first sentence (click cuts it at
    45 characters with "…"), and Ctrl-C ends any command with exit code 130 and one line, no traceback."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            doc = " ".join((cmd.short_help or cmd.help or "").strip().split("\n\n")[0].split())
            rows.append((name, re.split(r"(?<=[a-z)]\.)\s+(?=[A-Z])", doc)[0]))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, click.Abort):
            _err("interrupted")
            sys.exit(EXIT_INTERRUPTED)


#: exit code after Ctrl-C (128 + SIGINT), as shells and ruff use; never 1, which means "findings" for check
EXIT_INTERRUPTED = 130


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="""\b
Examples:
  formaudit scan forms/                              findings and minutes, in the terminal
  formaudit scan forms/ --format html -o report.html one page for a board paper (prints to PDF)
  formaudit scan forms/ --format markdown            for a report or a pull request
  formaudit extract forms/referral.docx              the sections and fields formaudit read
  formaudit streamline forms/referral.docx -o new.docx --compare
  formaudit check templates/ --library forms/ --format sarif -o formaudit.sarif
  formaudit rules FA101                              what a check finds and its settings

Exit codes: 0 clean, 1 findings (check), 2 usage error or unreadable input, 130 interrupted.""",
)
@click.version_option(__version__, "-V", "--version", prog_name="formaudit")
def cli() -> None:
    """Audit social-care form templates for repeated questions, redundant sections and completion time.

    Reads Word (.docx, and .doc through LibreOffice), OpenDocument (.odt), PDF (fillable and flat) and
    form-model YAML/JSON files. Everything runs offline; answers typed into a form never appear in any output.
    """


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
    from ..errors import FormaudError, FormError
    from ..isolate import read_many

    forms, failed = [], False
    for _path, result in read_many(files):
        if isinstance(result, FormError):
            _err(str(result))
            failed = True
        else:
            forms.append(result)
    try:
        text = render_for("extract", fmt, forms, output, semantics=semantics, rules_dir=rules_dir)
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
    help="text for a terminal; markdown for reports and pull requests; html: one self-contained page "
    "(headline, findings, minutes by section, item × form heat map); json (formaudit.report/1); csv.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@force_option
@rules_option
@click.option("--select", help="Only these checks (comma-separated codes or prefixes, e.g. FA101,FA2).")
@click.option("--ignore", help="Skip these checks (codes or prefixes).")
@click.option(
    "--matrix",
    is_flag=True,
    help="With --format csv: the data-item × form matrix instead of findings (json and html always "
    "include it).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Break each form's minutes down by section and by operator, and name the rule behind each duplicate "
    "(FA101) finding and how each field's subject was decided.",
)
@click.option(
    "--usage",
    "usage_file",
    type=click.Path(dir_okay=False),
    help="Usage profile YAML (completions per month by form type) for the headline's hours a year.",
)
@click.option("--statistics", is_flag=True, help="Count and minutes per check code only (text and markdown).")
@click.option("-q", "--quiet", is_flag=True, help="Only the findings: no tables, headline or summary.")
@click.option("--no-progress", is_flag=True, help="No progress bar on the terminal while reading.")
@cache_options
@reading_options
def scan(
    paths,
    fmt,
    output,
    force,
    rules_dir,
    select,
    ignore,
    matrix,
    explain,
    usage_file,
    statistics,
    quiet,
    no_progress,
) -> None:
    """Scan form files and folders for duplicated fields, repeated blocks, redundant sections and
    completion time.

    Folders are searched recursively for .docx, .doc, .odt, .pdf and form-model .yaml/.json files. Exit code 0,
    or 2 if any input could not be read (the others are still reported).

    \b
    Examples:
      formaudit scan forms/
      formaudit scan forms/ --format html -o report.html
      formaudit scan forms/ --format markdown --statistics
    """
    from ..api import discover
    from ..api import scan as run_scan
    from ..errors import FormaudError, UsageError

    try:
        if matrix and fmt in ("text", "markdown"):
            raise UsageError(
                f"--matrix needs --format csv (json and html always include the matrix; {fmt} does not show it)"
            )
        if statistics and fmt not in ("text", "markdown"):
            raise UsageError(f"--statistics works with --format text or markdown, not {fmt}")
        usage = _usage(rules_dir, usage_file) if fmt in ("text", "markdown", "html") else None
        files = discover(paths)
        if not files:
            _err("no form files found in " + ", ".join(paths))
            sys.exit(EXIT_ERROR)
        progress = None
        if not (quiet or no_progress) and sys.stderr.isatty() and len(files) > 3:
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
                explain=explain or fmt == "html",
                on_progress=(lambda _p: (progress.advance(task), progress.refresh())) if progress else None,
            )
        finally:
            if progress:
                progress.stop()
        for e in report.errors:
            _err(str(e))
        text = render_for(
            "scan", fmt, report, output, matrix=matrix, statistics=statistics, quiet=quiet, usage=usage
        )
        if text or output:
            _emit(text, output, force)
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_ERROR if report.errors else EXIT_OK)


def _usage(rules_dir: str | None, usage_file: str | None):
    """The usage profile for the headline's hours a year (shipped rules/usage.yaml, the rules folder's,
    then ``--usage``)."""
    from ..savings import load_usage

    return load_usage(rules_dir, usage_file)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def main() -> None:
    import atexit
    import gc

    # At exit, Python's last garbage collection would walk every object of the run (forms, findings) only
    # for the process to end: frozen, they are skipped (~25 ms on a 50-form scan). Runs after every other
    # exit handler (handlers run last-registered first), so nothing is left unfinished.
    atexit.register(gc.freeze)
    try:
        cli(prog_name="formaudit")
    except KeyboardInterrupt:  # outside a command (while parsing the arguments)
        _err("interrupted")
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
