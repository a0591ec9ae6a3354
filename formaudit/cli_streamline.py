"""``formaudit streamline``: propose a streamlined form and write it as a fillable DOCX, the form model
(YAML) and the change log (Markdown). Heavy imports stay inside the command."""

from __future__ import annotations

import sys

import click

from .cli_common import EXIT_ERROR, EXIT_OK, echo, force_option, reading_options, rules_option
from .cli_common import err as _err


@click.command("streamline")
@click.argument("form", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Fillable DOCX to write (default: <stem>.streamlined.docx here); OUT.yaml and OUT.changes.md go beside it.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
@click.option(
    "--library",
    type=click.Path(file_okay=False),
    help="Folder of earlier forms: items they already capture are pre-filled (FA102).",
)
@rules_option
@click.option(
    "--usage", type=click.Path(dir_okay=False), help="Usage profile (completions per month) for --compare."
)
@force_option
@click.option("--compare", is_flag=True, help="Also print the before/after comparison table.")
@reading_options
def streamline(form, output, fmt, library, rules_dir, usage, force, compare) -> None:
    """Propose a streamlined version of FORM: each duplicated question asked once, case-record items
    pre-filled, repeated person blocks as one repeatable table, redundant sections merged, boilerplate
    once. Writes OUT.docx (fillable), OUT.yaml (form model) and OUT.changes.md (every original field and
    what happened to it), then prints a summary."""
    import os
    from pathlib import Path

    from .errors import FormaudError, UsageError

    try:
        from .api import discover, read_all
        from .isolate import read_one
        from .output import atomic_write_many
        from .streamline import propose
        from .writers.docx_form import build_docx, model_text, render_changelog

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
        from .display import show_path

        files = {"docx": show_path(out), "model": show_path(model_path), "changes": show_path(log_path)}
        echo(render_summary(proposal, fmt, files), nl=False)
        if compare:
            _compare(src, proposal, rules_dir, usage, fmt)
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_OK)


def _compare(src, proposal, rules_dir, usage, fmt) -> None:
    try:
        from . import compare as cmp  # written separately; optional until it lands
    except ImportError:
        click.echo("note: --compare needs formaudit.compare, which is not installed yet; skipped.", err=True)
        return
    fn = getattr(cmp, "compare_pair", None)
    render = getattr(cmp, "render", None)
    if fn is None or render is None:
        click.echo("note: formaudit.compare has no compare_pair/render; --compare skipped.", err=True)
        return
    usage_profile = None
    load_usage = getattr(cmp, "load_usage", None)
    if load_usage is not None:
        usage_profile = load_usage(rules_dir, usage)
    result = fn(src, proposal.after, rules_dir=rules_dir, usage=usage_profile)
    echo(render(result, fmt))


def render_summary(proposal, fmt: str, files: dict[str, str] | None = None) -> str:
    """The streamline summary as text, JSON or Markdown."""
    s = proposal.summary()
    if files:
        s["files"] = files
    if fmt == "json":
        import json

        return json.dumps({"schema": "formaudit.streamline/1", **s}, indent=2, ensure_ascii=False) + "\n"
    b, a, sv = s["minutes_before"], s["minutes_after"], s["minutes_saved"]

    def rng(m):
        return f"{m['low']:.1f}–{m['expected']:.1f}–{m['high']:.1f}"

    changes = ", ".join(f"{k} {v}" for k, v in s["changes"].items())
    if fmt == "markdown":
        lines = [
            f"## Streamlined: {s['title'] or s['source']}",
            "",
            "| | before | after | saved |",
            "|---|---:|---:|---:|",
            f"| fields | {s['fields_before']} | {s['fields_after']} | {s['fields_before'] - s['fields_after']} |",
            f"| sections | {s['sections_before']} | {s['sections_after']} | |",
            f"| pre-filled | 0 | {s['prefilled_after']} | |",
            f"| minutes (low–expected–high) | {rng(b)} | {rng(a)} | {rng(sv)} |",
            "",
            f"Changes to the original fields: {changes}.",
        ]
        if files:
            lines += ["", "Written: " + ", ".join(f"`{v}`" for v in files.values())]
        return "\n".join(lines) + "\n"
    lines = [
        f"{s['title'] or s['source']}  ({s['source']})",
        f"  fields     {s['fields_before']} → {s['fields_after']}  ({s['prefilled_after']} pre-filled)",
        f"  sections   {s['sections_before']} → {s['sections_after']}",
        f"  minutes    {rng(b)} → {rng(a)}  (saved {rng(sv)})",
        f"  changes    {changes}",
    ]
    if files:
        lines.append("  wrote      " + ", ".join(files.values()))
    return "\n".join(lines) + "\n"
