"""Command-line interface: thin click glue over the library. Heavy imports stay inside commands so
``formaudit --version`` starts quickly."""

from __future__ import annotations

import sys

import click

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _err(msg: str) -> None:
    click.echo(f"formaudit: error: {msg}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="formaudit")
def cli() -> None:
    """Audit form templates (DOCX, PDF, form-model YAML/JSON) for repeated questions,
    redundant sections and completion time."""


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "yaml"]),
    default="text",
    show_default=True,
    help="text: a tree of sections and fields; json/yaml: the form model (schema formaudit.form/1).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite --output if it exists.")
def extract(files: tuple[str, ...], fmt: str, output: str | None, force: bool) -> None:
    """Read form FILES and show their sections and fields.

    With one file, json/yaml output is the form model; with several it is a list of them.
    """
    from .errors import FormaudError
    from .readers import read_form
    from .reporters import form as form_report

    forms, failed = [], False
    for path in files:
        try:
            forms.append(read_form(path))
        except FormaudError as e:
            _err(str(e))
            failed = True
    try:
        text = form_report.render(forms, fmt, color=output is None and sys.stdout.isatty())
        if forms:
            _emit(text, output, force)
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


def _emit(text: str, output: str | None, force: bool) -> None:
    if output:
        from .output import atomic_write

        atomic_write(output, text, force=force)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def main() -> None:
    try:
        cli(prog_name="formaudit")
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
