"""``formaudit check --format github``: GitHub Actions workflow commands, and the step summary.

Each finding becomes ``::error file=F,title=T::message`` (``::warning`` / ``::notice`` for warning / info),
most severe first. GitHub shows only the first 10 annotations of each type per step, so
:func:`summary_markdown` renders the full table for ``$GITHUB_STEP_SUMMARY``.

Escaping follows the runner's rules: in the message ``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``; in the
properties (``file``, ``title``) also ``:`` → ``%3A`` and ``,`` → ``%2C``.
"""

from __future__ import annotations

import os

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
RANK = {"error": 0, "warning": 1, "info": 2}


def escape_data(s) -> str:
    return str(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props) -> str:
    """One workflow command line, e.g. ``command("error", "msg", file="a.docx", title="FA101")``."""
    ps = ",".join(f"{k}={escape_property(v)}" for k, v in props.items() if v is not None)
    return f"::{kind}{' ' + ps if ps else ''}::{escape_data(message)}"


def render(result, **_kw) -> str:
    from ..paths import repo_path

    lines = []
    for e in result.errors:
        lines.append(command("error", f"cannot read: {e.reason}", file=repo_path(e.path), title="formaudit"))
    ordered = sorted(result.findings, key=lambda f: RANK.get(f.severity, 3))  # stable: form order kept
    for f in ordered:
        message = f.message + (f"\n{f.why}" if f.why else "")
        lines.append(
            command(
                COMMAND.get(f.severity, "warning"),
                message,
                file=repo_path(f.source),
                title=f"{f.code} {f.rule}",
            )
        )
    return "\n".join(lines) + ("\n" if lines else "")


def _cell(s) -> str:
    return " ".join(str(s or "").split()).replace("\\", "\\\\").replace("|", "\\|")


def summary_markdown(result) -> str:
    """A Markdown section for ``$GITHUB_STEP_SUMMARY``: verdict, counts and every reported finding."""
    from ..paths import repo_path

    failing = len(result.failing)
    counts: dict[str, int] = {}
    for f in result.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    verdict = "failed" if failing or result.errors else "passed"
    out = [f"## formaudit check: {verdict}", ""]
    parts = [f"{len(result.forms)} form{'s' if len(result.forms) != 1 else ''} checked"]
    parts += [f"{counts[k]} {k}" for k in ("error", "warning", "info") if counts.get(k)]
    if result.baselined:
        parts.append(f"{result.baselined} known in the baseline")
    if result.errors:
        parts.append(f"{len(result.errors)} unreadable")
    out.append(", ".join(parts) + f" (fails on {result.fail_on} and above).")
    out.append("")
    if result.findings:
        out += ["| Severity | Code | Form | Finding | Where |", "|---|---|---|---|---|"]
        for f in sorted(result.findings, key=lambda f: RANK.get(f.severity, 3)):
            where = "; ".join(
                ("" if x.get("source") == f.source else os.path.basename(str(x.get("source") or "")) + ": ")
                + f"{x.get('section') or '(top)'} › {x.get('label') or ''}"
                for x in f.fields[:6]
            ) or "; ".join(str(x.get("title") or "(top)") for x in f.sections[:6])
            if len(f.fields) > 6:
                where += f"; … {len(f.fields) - 6} more"
            out.append(
                f"| {f.severity} | {f.code} {_cell(f.rule)} | `{_cell(repo_path(f.source))}` "
                f"| {_cell(f.message)} | {_cell(where)} |"
            )
        out.append("")
    if result.errors:
        out += ["| Unreadable file | Reason |", "|---|---|"]
        out += [f"| `{_cell(repo_path(e.path))}` | {_cell(e.reason)} |" for e in result.errors]
        out.append("")
    return "\n".join(out) + "\n"
