"""``formaudit streamline``: propose a streamlined form and write it as a fillable DOCX, the form model
(YAML) and the change log (Markdown). Heavy imports stay inside the command."""

from __future__ import annotations

import sys

import click

from ..reporters import formats
from .common import EXIT_ERROR, EXIT_OK, echo, force_option, reading_options, rules_option
from .common import err as _err


@click.command("streamline")
@click.argument("form", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Fillable DOCX to write (default: <stem>.streamlined.docx here); OUT.yaml and OUT.changes.md go beside it.",
)
@click.option("--format", "fmt", type=click.Choice(formats("streamline")), default="text", show_default=True)
@click.option(
    "--library",
    type=click.Path(file_okay=False),
    help="Folder of earlier forms: items they already capture are pre-filled (FA102).",
)
@rules_option
@click.option(
    "--usage", type=click.Path(dir_okay=False), help="Usage profile (completions per month) for --compare."
)
@click.option(
    "--service",
    type=click.Choice(["children", "adults"]),
    help="Usage profile of this service (default: the form's population, from its words).",
)
@click.option(
    "--workers", type=float, help="Social workers to multiply by for workforce totals (default: none)."
)
@force_option
@click.option("--compare", is_flag=True, help="Also print the before/after comparison table.")
@reading_options
def streamline(form, output, fmt, library, rules_dir, usage, service, workers, force, compare) -> None:
    """Propose a streamlined version of FORM: each duplicated question asked once, case-record items
    pre-filled, repeated person blocks as one repeatable table, redundant sections merged, boilerplate
    once. Writes OUT.docx (fillable), OUT.yaml (form model) and OUT.changes.md (every original field and
    what happened to it), then prints a summary."""
    import os
    from pathlib import Path

    from ..errors import FormaudError, UsageError

    try:
        from ..api import discover, read_all
        from ..isolate import read_one
        from ..output import atomic_write_many
        from ..readers import read_form
        from ..reporters import render
        from ..streamline import propose
        from ..writers.docx_form import build_docx, model_text, render_changelog

        if rules_dir is not None and not os.path.isdir(rules_dir):
            raise UsageError(f"--rules {rules_dir}: not a folder")
        src = read_one(form)
        lib_forms = None
        if library is not None:
            if not os.path.isdir(library):
                raise UsageError(f"--library {library}: not a folder")
            lib_forms, lib_errors = read_all(discover([library]))
            for e in lib_errors:
                _err(f"library: {e}")
        out = Path(output) if output else Path.cwd() / f"{Path(form).stem}.streamlined.docx"
        if out.suffix.lower() != ".docx":
            raise UsageError(f"{out}: the output must be a .docx file")
        base = out.with_suffix("")
        model_path = Path(f"{base}.yaml")
        log_path = Path(f"{base}.changes.md")
        if len({os.path.abspath(p) for p in (out, model_path, log_path)}) < 3:
            raise UsageError(f"{out}: the three output files would be the same file")
        proposal = propose(src, rules_dir=rules_dir, library=lib_forms)
        # the three files as a set: all complete before any is renamed into place
        atomic_write_many(
            [
                (log_path, render_changelog(proposal)),
                (model_path, model_text(proposal)),
                (out, build_docx(proposal)),
            ],
            force=force,
        )
        from ..display import show_path

        files = {"docx": show_path(out), "model": show_path(model_path), "changes": show_path(log_path)}
        # the numbers: `formaudit compare FORM OUT.docx` exactly — the same code path
        # (formaudit.compare.compare_pair) over the form as read and the DOCX as written and read back
        from ..compare import build_result, compare_pair
        from ..savings import load_usage

        pair = compare_pair(
            src,
            read_form(out),
            rules_dir=rules_dir,
            usage=load_usage(rules_dir, usage),
            workers=workers,
            service=service,
        )
        echo(render("streamline", fmt, proposal, files=files, pair=pair), nl=False)
        if compare:
            echo(render("compare", fmt, build_result([pair], rules_dir=rules_dir)))
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_OK)
