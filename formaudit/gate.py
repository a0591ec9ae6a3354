"""The library behind ``formaudit check``: the scan checks as a CI gate.

    from formaudit.config import load_config
    from formaudit.gate import run_check

    result = run_check(["templates/new-referral.docx"], load_config(overrides={"library": "forms/"}))
    for f in result.findings:                       # new findings (not in the baseline)
        print(f.severity, f.code, f.data["fingerprint"], f.message)
    sys.exit(result.exit_code())

What it does, in order:

1. find and read the templates (``PATH...``); an unreadable file is an error (exit 2), the others are
   still checked;
2. with ``config.library``, read the library forms too (a template that is itself inside the library
   folder is not compared with itself);
3. run the checks with the one engine every command uses (:func:`formaudit.engine.run`): library-scope
   checks (FA102) across library + templates, each finding that involves a template reported on that
   template ("the template re-asks an item the library already captures"); the others on the templates
   only. Budgets (``max_minutes``, ``max_fields``) set the options that declare them (FA301
   ``budget_minutes``, FA302 ``max_fields``) in :func:`formaudit.engine.resolve_settings`;
5. a stable fingerprint per finding (:func:`fingerprint`) in ``finding.data["fingerprint"]``; findings
   ``per-file-ignores`` turns off for their file, and findings the configuration accepts by fingerprint
   (``accept``: the ``# noqa`` of forms), are dropped here (counted in the result);
6. with a baseline, only findings whose fingerprint is not in it are reported (a baseline file that does
   not exist yet leaves nothing out, as in detekt and basedmypy); ``update_baseline`` writes the current
   fingerprints (stale entries dropped) and reports nothing.

Exit codes (:meth:`CheckResult.exit_code`): 0 nothing at or above ``config.fail_on``, 1 findings at or above
it, 2 unreadable input (usage and configuration errors raise :class:`~formaudit.errors.UsageError`, which the
CLI turns into 2).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import SEVERITY_RANK
from .errors import FormError, UsageError
from .model import Finding, Form
from .paths import repo_path, repo_root  # noqa: F401 - repo_root: its old home, kept importable

BASELINE_SCHEMA = "formaudit.baseline/1"
FINGERPRINT_KEY = "formaudit/v1"
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class CheckResult:
    """The outcome of one ``check`` run."""

    forms: list[Form] = field(default_factory=list)  # the templates read
    errors: list[FormError] = field(default_factory=list)  # unreadable templates and library forms
    findings: list[Finding] = field(default_factory=list)  # reported: not in the baseline
    all_findings: list[Finding] = field(default_factory=list)  # before the baseline filter
    minutes: dict[str, dict[str, float]] = field(default_factory=dict)  # per template
    library: list[Form] = field(default_factory=list)  # the library forms read
    fail_on: str = "warning"
    baseline: str | None = None  # the baseline file used (or written)
    baselined: int = 0  # findings left out because the baseline has them
    stale: int = 0  # baseline entries no finding matches any more (dropped on --update-baseline)
    baseline_updated: bool = False
    baseline_missing: bool = False  # a baseline was named but does not exist yet: nothing is left out
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)  # effective per-check settings
    path_ignored: int = 0  # findings turned off for their file by ``per-file-ignores``
    accepted: int = 0  # findings accepted one by one in the configuration (``accept``)
    accept_unused: list[str] = field(default_factory=list)  # ``accept`` entries no finding matches

    @property
    def failing(self) -> list[Finding]:
        """Reported findings at or above the fail level."""
        floor = SEVERITY_RANK.get(self.fail_on, 1)
        return [f for f in self.findings if SEVERITY_RANK.get(f.severity, 0) >= floor]

    def exit_code(self, exit_zero: bool = False) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 unreadable input; ``exit_zero``: 0 unless 2."""
        if self.errors:
            return EXIT_ERROR
        if exit_zero:
            return EXIT_OK
        return EXIT_FINDINGS if self.failing else EXIT_OK

    def report(self):
        """The reported findings as a scan :class:`~formaudit.api.Report` (for the text and JSON reporters);
        the forms' figures (duplicate groups) count every finding, baselined or not — a baseline changes
        what is reported, not what the forms are."""
        from .api import Report

        return Report(
            forms=self.forms,
            errors=self.errors,
            findings=self.findings,
            minutes=self.minutes,
            summary_findings=self.all_findings,
        )


# ------------------------------------------------------------------------------------------- fingerprints


def _norm(s: Any) -> str:
    return " ".join(str(s or "").split())


def fingerprint_parts(f: Finding) -> list[str]:
    """What identifies a finding: rule code, the form's repo-relative path, and the sorted section/label
    paths of its fields (or section titles) in that form — no field ids (they depend on order), no line
    numbers, no minutes.

    Only places in the finding's own form count: an FA102 finding against a library keeps its fingerprint
    when a library form is added or renamed.
    """
    own = [x for x in f.fields if not x.get("source") or x.get("source") == f.source] or list(f.fields)
    places = sorted(f"{_norm(x.get('section'))}/{_norm(x.get('label'))}" for x in own)
    secs = [x for x in f.sections if not x.get("source") or x.get("source") == f.source] or list(f.sections)
    places += sorted(f"§{_norm(x.get('title'))}" for x in secs)
    return [f.code, repo_path(f.source), *places]


def fingerprint(f: Finding) -> str:
    """sha256 (hex) of :func:`fingerprint_parts`."""
    # surrogateescape: a non-UTF-8 file name (kept by the OS as lone surrogates) still hashes
    return hashlib.sha256("\x1f".join(fingerprint_parts(f)).encode("utf-8", "surrogateescape")).hexdigest()


def add_fingerprints(findings: list[Finding]) -> None:
    """Set ``data["fingerprint"]`` on every finding; two findings with the same parts get ``-2``, ``-3``…"""
    seen: dict[str, int] = {}
    for f in findings:
        fp = fingerprint(f)
        seen[fp] = seen.get(fp, 0) + 1
        if seen[fp] > 1:
            fp = f"{fp}-{seen[fp]}"
        f.data["fingerprint"] = fp


# ------------------------------------------------------------------------------------------- baseline


def load_baseline(path: str | os.PathLike) -> dict[str, dict[str, Any]]:
    """The baseline's entries by fingerprint. A missing or malformed file is a :class:`UsageError`."""
    p = os.fspath(path)
    try:
        with open(p, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise UsageError(f"baseline {p}: not found — create it with --update-baseline") from None
    except IsADirectoryError:
        raise UsageError(f"baseline {p}: is a folder") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"baseline {p}: cannot read ({e})") from None
    except json.JSONDecodeError as e:
        raise UsageError(f"baseline {p}: not JSON ({e})") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        raise UsageError(f"baseline {p}: not a formaudit baseline (schema {BASELINE_SCHEMA})")
    entries = data.get("fingerprints")
    if not isinstance(entries, list):
        raise UsageError(f"baseline {p}: 'fingerprints' must be a list")
    out: dict[str, dict[str, Any]] = {}
    for e in entries:
        fp = e.get("fingerprint") if isinstance(e, dict) else e if isinstance(e, str) else None
        if not isinstance(fp, str) or not fp:
            raise UsageError(f"baseline {p}: every entry needs a 'fingerprint'")
        out[fp] = e if isinstance(e, dict) else {"fingerprint": fp}
    return out


def baseline_text(findings: list[Finding]) -> str:
    entries = {}
    for f in findings:
        fp = f.data.get("fingerprint") or fingerprint(f)
        entries[fp] = {
            "fingerprint": fp,
            "code": f.code,
            "source": repo_path(f.source),
            "message": f.message,
        }
    doc = {"schema": BASELINE_SCHEMA, "fingerprints": [entries[k] for k in sorted(entries)]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write_baseline(path: str | os.PathLike, findings: list[Finding]) -> None:
    """Write the fingerprints of ``findings`` (only these: stale entries are dropped), atomically."""
    from .output import atomic_write

    atomic_write(path, baseline_text(findings), force=True)


# ------------------------------------------------------------------------------------------- the run


def _library_files(library: str, templates: list[Path]) -> list[Path]:
    from .api import discover

    if not os.path.exists(library):
        raise UsageError(f"library {library}: not found")
    mine = {os.path.realpath(p) for p in templates}
    return [p for p in discover([library]) if os.path.realpath(p) not in mine]


def _configured_out(findings: list[Finding], config) -> tuple[list[Finding], int, int, list[str]]:
    """Drop findings ``per-file-ignores`` turns off for their file and findings ``accept`` names by
    fingerprint (a full fingerprint matches exactly; a shorter prefix must match one finding only).
    Returns (kept, turned off by path, accepted, accept entries that matched nothing)."""
    from .config import path_ignored

    entries = list(getattr(config, "accept", None) or [])
    kept: list[Finding] = []
    n_path = 0
    for f in findings:
        if path_ignored(config, f.source, f.code):
            n_path += 1
        else:
            kept.append(f)
    if not entries:
        return kept, n_path, 0, []
    accepted: set[int] = set()
    unused = []
    for e in entries:
        fp = e["fingerprint"]
        exact = [i for i, f in enumerate(kept) if f.data.get("fingerprint") == fp]
        hits = exact or [i for i, f in enumerate(kept) if str(f.data.get("fingerprint", "")).startswith(fp)]
        if len(hits) > 1 and not exact:
            raise UsageError(
                f"accept: fingerprint {fp!r} matches {len(hits)} findings — give more of it (check --format "
                "json shows each finding's data.fingerprint)"
            )
        if not hits:
            unused.append(fp)
        accepted.update(hits)
    return [f for i, f in enumerate(kept) if i not in accepted], n_path, len(accepted), unused


def run_check(
    paths,
    config,
    update_baseline: bool = False,
    on_progress=None,
) -> CheckResult:
    """Check the templates under ``paths`` with ``config`` (a :class:`formaudit.config.Config`).

    ``update_baseline``: write the current findings' fingerprints to ``config.baseline`` and report nothing.
    Raises :class:`UsageError` for bad options (no forms found, missing library, baseline problems).
    """
    from .api import discover, read_all
    from .config import settings_of
    from .engine import run

    paths = [os.fspath(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]
    files = discover(paths)
    if not files:
        raise UsageError("no form files found in " + ", ".join(paths))
    if update_baseline and not config.baseline:
        raise UsageError(
            "--update-baseline needs a baseline file (--baseline FILE or 'baseline' in the config)"
        )
    baseline = None
    if config.baseline and not update_baseline and os.path.exists(config.baseline):
        baseline = load_baseline(config.baseline)
    lib_files = _library_files(config.library, files) if config.library else []

    cache: dict[str, Any] = {}
    forms, errors = read_all(files, on_progress)
    library: list[Form] = []
    if lib_files:
        library, lib_errors = read_all(lib_files, on_progress)
        errors.extend(lib_errors)

    settings = settings_of(config)
    findings = run(forms, settings, library, cache=cache)
    add_fingerprints(findings)
    findings, n_path, n_accepted, unused = _configured_out(findings, config)

    result = CheckResult(
        forms=forms,
        errors=errors,
        all_findings=list(findings),
        findings=findings,
        minutes=dict(cache.get("form_minutes") or {}),
        library=library,
        fail_on=config.fail_on or "warning",
        baseline=config.baseline,
        settings={k: dict(v) for k, v in settings.checks.items()},
        baseline_missing=bool(config.baseline) and not update_baseline and baseline is None,
        path_ignored=n_path,
        accepted=n_accepted,
        accept_unused=unused,
    )
    if update_baseline:
        old = {}
        if os.path.exists(config.baseline):
            try:
                old = load_baseline(config.baseline)
            except UsageError:
                old = {}
        current = {f.data["fingerprint"] for f in findings}
        result.stale = sum(1 for fp in old if fp not in current)
        write_baseline(config.baseline, findings)
        result.baseline_updated = True
        result.baselined = len(findings)
        result.findings = []
    elif baseline is not None:
        result.findings = [f for f in findings if f.data["fingerprint"] not in baseline]
        result.baselined = len(findings) - len(result.findings)
        current = {f.data["fingerprint"] for f in findings}
        result.stale = sum(1 for fp in baseline if fp not in current)
    return result
