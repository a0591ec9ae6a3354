"""``formaudit streamline``: propose a streamlined form and write it as a fillable DOCX, the form model
(YAML) and the change log (Markdown). Heavy imports stay inside the command."""

from __future__ import annotations

import sys

import click

from .cli_common import EXIT_ERROR, EXIT_OK, force_option, rules_option
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
def streamline(form, output, fmt, library, rules_dir, usage, service, workers, force, compare) -> None:
    """Propose a streamlined version of FORM: each duplicated question asked once, case-record items
    pre-filled, repeated person blocks as one repeatable table, redundant sections merged, boilerplate
    once. Writes OUT.docx (fillable), OUT.yaml (form model) and OUT.changes.md (every original field and
    what happened to it), then prints a summary."""
    import os
    from pathlib import Path

    from .errors import FormaudError, UsageError

    try:
        from .api import discover, read_all
        from .readers import read_form
        from .streamline import propose
        from .writers.docx_form import write_changelog, write_docx, write_model

        if rules_dir is not None and not os.path.isdir(rules_dir):
            raise UsageError(f"--rules {rules_dir}: not a folder")
        src = read_form(form)
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
        if not force:
            for p in (out, model_path, log_path):
                if p.exists():
                    raise UsageError(f"{p}: already exists — use --force to overwrite")
        proposal = propose(src, rules_dir=rules_dir, library=lib_forms)
        write_docx(proposal, out, force=force)
        write_model(proposal, model_path, force=force)
        write_changelog(proposal, log_path, force=force)
        files = {"docx": str(out), "model": str(model_path), "changes": str(log_path)}
        # the numbers: the same code path as `formaudit compare` (formaudit.compare.compare_pair)
        from .compare import compare_pair, load_usage, render

        pair = compare_pair(
            proposal.before,
            proposal.after,
            rules_dir=rules_dir,
            usage=load_usage(rules_dir, usage),
            workers=workers,
            service=service,
        )
        click.echo(render_summary(proposal, fmt, files, pair), nl=False)
        if compare:
            click.echo(render(pair, fmt))
    except FormaudError as e:
        _err(str(e))
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_OK)


def render_summary(proposal, fmt: str, files: dict[str, str] | None = None, pair=None) -> str:
    """The streamline summary as text, JSON or Markdown. ``pair``: the ``compare_pair`` result of the
    proposal, whose minutes and savings are shown (one code path with ``formaudit compare``)."""
    s = proposal.summary()
    if files:
        s["files"] = files
    sv = None
    if pair is not None:
        s["minutes_before"] = pair["before"]["minutes"]
        s["minutes_after"] = pair["after"]["minutes"]
        s["minutes_saved"] = pair["minutes_saved"]
        sv = pair["savings"]
        s["savings"] = {
            "service": pair["service"],
            "form_type": pair["type"],
            "completed_by": pair["completed_by"],
            **{
                k: sv[k]
                for k in (
                    "per_worker_per_month",
                    "minutes_saved_per_worker_per_month",
                    "hours_saved_per_worker_per_month",
                    "hours_saved_per_worker_per_year",
                    "workers",
                    "hours_saved_workforce_per_year",
                    "fte_equivalent",
                    "basis",
                )
                if k in sv
            },
        }
        s["time_model"] = pair.get("time_model")
    if fmt == "json":
        import json

        return json.dumps({"schema": "formaudit.streamline/1", **s}, indent=2, ensure_ascii=False) + "\n"
    b, a, saved = s["minutes_before"], s["minutes_after"], s["minutes_saved"]

    def rng(m, nd=1):
        return f"{m['low']:.{nd}f}–{m['expected']:.{nd}f}–{m['high']:.{nd}f}"

    per_year = ""
    if sv is not None:
        who = pair["completed_by"]
        whose = (
            "per social worker"
            if who == "social_worker"
            else (f"of {who.replace('_', ' ')}s' time (not social workers') on one social worker's share")
        )
        per_year = (
            f"{rng(sv['hours_saved_per_worker_per_year'])} h a year {whose} "
            f"({pair['type_label']}, {sv['per_worker_per_month']:.2f} a month; {pair.get('time_model')})"
        )
        if sv.get("hours_saved_workforce_per_year") is not None:
            per_year += (
                f"; {rng(sv['hours_saved_workforce_per_year'], 0)} h across {sv['workers']:g} workers (given)"
            )
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
            f"| minutes (low–expected–high) | {rng(b)} | {rng(a)} | {rng(saved)} |",
            "",
            f"Changes to the original fields: {changes}.",
        ]
        if per_year:
            lines += ["", f"Time saved: {per_year}."]
        if files:
            lines += ["", "Written: " + ", ".join(f"`{v}`" for v in files.values())]
        return "\n".join(lines) + "\n"
    lines = [
        f"{s['title'] or s['source']}  ({s['source']})",
        f"  fields     {s['fields_before']} → {s['fields_after']}  ({s['prefilled_after']} pre-filled)",
        f"  sections   {s['sections_before']} → {s['sections_after']}",
        f"  minutes    {rng(b)} → {rng(a)}  (saved {rng(saved)})",
    ]
    if per_year:
        lines.append(f"  saved      {per_year}")
    lines.append(f"  changes    {changes}")
    if files:
        lines.append("  wrote      " + ", ".join(files.values()))
    return "\n".join(lines) + "\n"
