"""The small Python API behind the CLI: find form files, read them, run the checks.

from formaudit.api import scan
report = scan(["forms/"])
for finding in report.findings:
    print(finding.code, finding.message)
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import FormError, UsageError
from .model import Finding, Form

REPORT_SCHEMA = "formaudit.report/1"
_MODEL_MARK = "formaudit.form/1"


def _declares_model(path: Path) -> bool:
    """YAML/JSON files count as forms only when they declare the form-model schema."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the scan
    except OSError:
        return True  # let the reader report why it cannot be read
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = os.read(fd, 8192)
    except OSError:
        return True
    finally:
        os.close(fd)
    return _MODEL_MARK.encode() in head


def _regular(path: Path) -> bool:
    """A regular file (following symbolic links)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def discover(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Form files under ``paths`` (recursive), sorted; hidden folders and Word ``~$`` lock files skipped.

    A path named explicitly is always returned (so a bad file gets its own error); inside folders only
    ``.docx``/``.doc``/``.odt``/``.pdf`` and form-model ``.yaml``/``.yml``/``.json`` files are picked up.
    """
    from .readers import DOC_EXT, DOCX_EXT, MODEL_EXT, ODT_EXT, PDF_EXT

    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            out.append(p)
            continue
        found = []
        for dirpath, dirnames, filenames in os.walk(p):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if name.startswith((".", "~$")):
                    continue
                fp = Path(dirpath) / name
                ext = fp.suffix.lower()
                if not _regular(fp):
                    continue  # FIFOs, sockets, devices, dangling links: never opened
                if ext in DOCX_EXT + DOC_EXT + ODT_EXT + PDF_EXT or (
                    ext in MODEL_EXT and _declares_model(fp)
                ):
                    found.append(fp)
        out.extend(sorted(found))
    seen: set[str] = set()
    uniq = []
    for p in out:
        k = os.path.abspath(p)
        if k not in seen:
            seen.add(k)
            uniq.append(p)
    return uniq


def parse_codes(spec: str | Iterable[str] | None) -> set[str] | None:
    """'FA101,FA2' → {'FA101', 'FA2'} (prefixes select families); None stays None."""
    if spec is None:
        return None
    items = spec.split(",") if isinstance(spec, str) else [x for s in spec for x in s.split(",")]
    codes = {s.strip().upper() for s in items if s.strip()}
    return codes or None


def _selected(code: str, select: set[str] | None, ignore: set[str] | None) -> bool:
    if select is not None and not any(code.startswith(s) for s in select):
        return False
    return not (ignore and any(code.startswith(s) for s in ignore))


def check_settings(rules_dir: str | None = None) -> dict[str, dict[str, Any]]:
    """Per-check settings (severity, thresholds) from ``rules/checks.yaml`` and a user's rules folder."""
    from . import ruledata

    data = ruledata.load("checks", rules_dir)
    out = {}
    for code, val in data.items():
        if not isinstance(val, dict):
            raise UsageError(f"rules/checks.yaml: settings for {code} must be a mapping")
        sev = val.get("severity")
        if sev is not None and sev not in ("info", "warning", "error"):
            raise UsageError(
                f"rules/checks.yaml: {code}: severity must be info, warning or error (got {sev!r})"
            )
        out[str(code).upper()] = val
    return out


@dataclass
class Report:
    """The result of one scan: forms read, files that could not be read, and findings."""

    forms: list[Form] = field(default_factory=list)
    errors: list[FormError] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    minutes: dict[str, dict[str, float]] = field(default_factory=dict)
    matrix: dict[str, Any] | None = None
    #: with ``explain=True``: {source: rows of timing.explain} — minutes by section and by operator
    explain: dict[str, list[dict[str, Any]]] | None = None

    def form_summary(self, form: Form) -> dict[str, Any]:
        dup_groups = sum(1 for f in self.findings if f.code == "FA101" and f.source == form.source)
        return {
            "source": form.source,
            "title": form.title,
            "format": form.format,
            "section_count": sum(1 for s in form.sections if s.title is not None),
            "field_count": sum(len(s.fields) for s in form.sections),
            "duplicate_groups": dup_groups,
            "minutes": dict(self.minutes.get(form.source, {"low": 0.0, "expected": 0.0, "high": 0.0})),
        }

    def to_dict(self) -> dict[str, Any]:
        from . import __version__

        d: dict[str, Any] = {
            "schema": REPORT_SCHEMA,
            "tool": {"name": "formaudit", "version": __version__},
            "forms": [self.form_summary(f) for f in self.forms],
            "errors": [{"source": e.path, "message": e.reason} for e in self.errors],
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.matrix is not None:
            d["matrix"] = self.matrix
        if self.explain is not None:
            d["explain"] = self.explain
        return d


def read_all(
    files: list[Path], on_progress: Callable[[Path], None] | None = None
) -> tuple[list[Form], list[FormError]]:
    """Read ``files`` (each in an isolated worker with time and memory limits: :mod:`formaudit.isolate`);
    the forms in input order and the one-line errors of the files that could not be read."""
    from .isolate import read_many

    forms, errors = [], []
    for _p, result in read_many(files, on_done=on_progress):
        if isinstance(result, FormError):
            errors.append(result)
        else:
            forms.append(result)
    return forms, errors


def run_checks(
    forms: list[Form],
    rules_dir: str | None = None,
    select: set[str] | None = None,
    ignore: set[str] | None = None,
) -> tuple[list[Finding], dict[str, Any]]:
    """Run every selected check over ``forms``; returns (findings, shared cache)."""
    from .checks import Context, registry
    from .timing import timings

    ctx = Context(forms=forms, rules_dir=rules_dir, settings=check_settings(rules_dir))
    timings(ctx)  # every form's minutes, whichever checks run (FA101 costs findings with them)
    findings: list[Finding] = []
    for check_cls in registry():
        if not _selected(check_cls.code, select, ignore):
            continue
        check = check_cls(ctx)
        findings.extend(check.run())
    order = {f.source: i for i, f in enumerate(forms)}
    sev = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order.get(f.source, 1 << 30), -f.minutes, sev.get(f.severity, 3), f.code))
    return findings, ctx.cache


def scan(
    paths: Iterable[str | os.PathLike],
    rules_dir: str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    on_progress: Callable[[Path], None] | None = None,
    files: list[Path] | None = None,
    explain: bool = False,
) -> Report:
    """Find, read and check forms. Unreadable files are reported in ``Report.errors``."""
    if rules_dir is not None and not os.path.isdir(rules_dir):
        raise UsageError(f"--rules {rules_dir}: not a folder")
    if files is None:
        files = discover(paths)
    forms, errors = read_all(files, on_progress)
    findings, cache = run_checks(forms, rules_dir, parse_codes(select), parse_codes(ignore))
    minutes = cache.get("form_minutes") or {}
    report = Report(
        forms=forms, errors=errors, findings=findings, minutes=minutes, matrix=cache.get("matrix")
    )
    if explain:
        from .timing import explain as explain_rows

        report.explain = {src: explain_rows(fe) for src, fe in (cache.get("form_estimates") or {}).items()}
    return report
