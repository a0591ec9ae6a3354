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

from .errors import FormaudError, FormError
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
    from .engine import parse_codes as parse

    codes = parse(spec)
    return set(codes) if codes is not None else None


def check_settings(rules_dir: str | None = None) -> dict[str, dict[str, Any]]:
    """Every check's effective settings (declared defaults < ``rules/checks.yaml`` < the rules folder's)."""
    from .engine import resolve_settings

    return {code: dict(v) for code, v in resolve_settings(rules_dir).checks.items()}


def tallied(figure: str) -> set[str]:
    """Codes of the checks whose findings count towards a per-form ``figure`` (e.g. ``duplicate_groups``)."""
    from .checks import by_code

    return {code for code, cls in by_code().items() if cls.tally == figure}


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
    #: {source: group id}: renderings of one form share an id (:mod:`formaudit.renderings`); None: not computed
    families: dict[str, int] | None = None
    #: the findings the forms' figures count (``check --baseline``: all of them, reported or not); None:
    #: ``findings``
    summary_findings: list[Finding] | None = None
    #: how sure the minutes are: "calibrated on N completions" or "uncalibrated" (formaudit calibrate)
    time_model: str = "uncalibrated"

    def form_summary(self, form: Form) -> dict[str, Any]:
        counted = self.findings if self.summary_findings is None else self.summary_findings
        codes = tallied("duplicate_groups")
        dup_groups = sum(1 for f in counted if f.code in codes and f.source == form.source)
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
        d["time_model"] = self.time_model
        if self.matrix is not None:
            d["matrix"] = self.matrix
        if self.explain is not None:
            d["explain"] = self.explain
        return d


def read_all(
    files: list[Path],
    on_progress: Callable[[Path], None] | None = None,
    cache: Any = "default",
    while_waiting: Callable[[], None] | None = None,
    on_form: Callable[[Form], None] | None = None,
) -> tuple[list[Form], list[FormError]]:
    """Read ``files`` in order, each in an isolated worker with time and memory limits
    (:mod:`formaudit.isolate`); unreadable ones become one-line errors. ``cache``: a
    :class:`formaudit.cache.FormCache`, None for none, or ``"default"`` for the one the CLI configured —
    cache hits skip the workers. ``while_waiting``: work for this process while workers read (see
    :func:`formaudit.isolate.read_many`); ``on_form(form)``: called for each form a worker read, as it
    arrives (in input order), while the others are still being read."""
    from .isolate import read_many
    from .output import note_input

    if cache == "default":
        from .cache import active

        cache = active()
    results: list[Form | FormError | None] = [None] * len(files)
    misses: list[int] = []
    for i, p in enumerate(files):
        form = None
        if cache is not None:
            try:
                form = cache.get(p)
            except (OSError, FormaudError):
                form = None
        if form is None:
            misses.append(i)
            continue
        note_input(p)  # a cached input is still an input: never overwritten
        results[i] = form
        if on_progress:
            on_progress(p)
    for i, (p, result) in zip(
        misses,
        read_many([files[i] for i in misses], on_done=on_progress, while_waiting=while_waiting),
        strict=True,
    ):
        if cache is not None and isinstance(result, Form):
            cache.put(p, result)
        if on_form is not None and isinstance(result, Form):
            on_form(result)
        results[i] = result
    if cache is not None:
        cache.close()
    forms = [r for r in results if isinstance(r, Form)]
    errors = [r for r in results if isinstance(r, FormError)]
    return forms, errors


def run_checks(
    forms: list[Form],
    rules_dir: str | None = None,
    select: set[str] | None = None,
    ignore: set[str] | None = None,
    library: list[Form] | None = None,
) -> tuple[list[Finding], dict[str, Any]]:
    """Run every selected check over ``forms`` with :func:`formaudit.engine.run`; returns (findings, cache)."""
    from .engine import resolve_settings, run

    cache: dict[str, Any] = {}
    settings = resolve_settings(rules_dir, select=select, ignore=ignore)
    return run(forms, settings, library, cache=cache), cache


def families_of(forms: list[Form], settings: Any = None) -> dict[str, int]:
    """``{source: group id}``: files that are renderings of one form share an id
    (:func:`formaudit.renderings.family_map`, with FA102's ``variant_containment`` / ``variant_overlap``
    when ``settings`` are given)."""
    from .renderings import family_map

    opts = settings.options("FA102") if settings is not None else {}
    kw = {}
    if "variant_containment" in opts:
        kw["containment"] = opts["variant_containment"]
    if "variant_overlap" in opts:
        kw["overlap"] = opts["variant_overlap"]
    return family_map(forms, **kw)


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
    from .engine import resolve_settings, run

    settings = resolve_settings(rules_dir, select=select, ignore=ignore)  # a bad setting fails before reading
    if files is None:
        files = discover(paths)
    from .cache import active

    form_cache = active()
    from .engine import analyse_early, prepare

    # while workers read, this process prepares the checks and analyses each form as it arrives
    early: dict[str, Any] = {}
    forms, errors = read_all(
        files,
        on_progress,
        cache=form_cache,
        while_waiting=lambda: prepare(rules_dir),
        on_form=lambda form: analyse_early(form, settings, early),
    )
    from .timing import TimeModel

    label = TimeModel.load(rules_dir).calibration_label

    def check() -> dict[str, Any]:
        cache: dict[str, Any] = early
        findings = run(forms, settings, cache=cache)
        rows = None
        if explain:
            from .timing import explain as explain_rows

            rows = {src: explain_rows(fe) for src, fe in (cache.get("form_estimates") or {}).items()}
        minutes = cache.get("form_minutes") or {}
        return {
            "findings": findings,
            "minutes": minutes,
            "matrix": cache.get("matrix"),
            "explain": rows,
            "families": families_of(forms, settings),
        }

    if form_cache is None or errors:
        return Report(forms=forms, errors=errors, time_model=label, **check())
    # the same forms, rules and settings as a cached run: its findings (the checks are deterministic)
    opts = {
        "checks": {c: dict(v) for c, v in settings.checks.items()},
        "select": sorted(settings.select or []),
        "ignore": sorted(settings.ignore or []),
        "explain": explain,
    }
    hit = form_cache.reuse("scan", files, opts, rules_dir, check)
    return Report(forms=forms, errors=errors, time_model=label, **hit)
