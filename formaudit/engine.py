"""The one engine behind every command: ``scan``, ``compare`` and ``streamline`` (through
:mod:`formaudit.api`) and ``check`` (through :mod:`formaudit.gate`).

    from formaudit.engine import resolve_settings, run
    findings = run(forms, resolve_settings("my-rules/", select={"FA1"}))

:func:`resolve_settings` is the one place settings are put together and validated: each check's declared
defaults (:class:`formaudit.checks.Option`) < ``rules/checks.yaml`` < the rules folder's ``checks.yaml`` <
configuration layers (``[tool.formaudit.settings]``, ``[tool.formaudit.severity]``) < budgets
(``max_minutes``, ``max_fields``: set the option that declares that ``config_key``).

:func:`run` runs every selected check. A check's ``scope`` decides how a library is handled: ``"form"``
checks see only the checked forms; ``"library"`` checks see the checked forms and the library, keep only
findings that involve a checked form, and (with a library) report each such finding on each checked form it
involves, pointing at that form's own question first. Findings come back in one order for every command:
form order, then costliest first, then most severe, then code.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import UsageError
from .model import Finding, Form

DEFAULT = "default"
SHIPPED = "rules/checks.yaml"


@dataclass(frozen=True)
class Settings:
    """Everything a run of the checks depends on besides the forms (build it with :func:`resolve_settings`)."""

    rules_dir: str | None = None
    #: effective, validated options of every check: ``{code: {option: value}}`` (``severity`` included)
    checks: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: where each value came from: ``{code: {option: source}}``
    sources: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    select: frozenset[str] | None = None  # codes or prefixes; None: every check
    ignore: frozenset[str] | None = None

    def selected(self, code: str) -> bool:
        if self.select is not None and not any(code.startswith(s) for s in self.select):
            return False
        return not (self.ignore and any(code.startswith(s) for s in self.ignore))

    def options(self, code: str) -> dict[str, Any]:
        """A copy of one check's effective options."""
        return dict(self.checks.get(code, {}))


def parse_codes(spec: str | Iterable[str] | None) -> frozenset[str] | None:
    """'FA101,FA2' → {'FA101', 'FA2'} (prefixes select families); None (or nothing) stays None."""
    if spec is None:
        return None
    items = spec.split(",") if isinstance(spec, str) else [x for s in spec for x in str(s).split(",")]
    codes = frozenset(s.strip().upper() for s in items if s.strip())
    return codes or None


def resolve_settings(
    rules_dir: str | None = None,
    *,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    layers: Iterable[tuple[str, Mapping[str, Mapping[str, Any]]]] = (),
    budgets: Mapping[str, tuple[Any, str]] | None = None,
) -> Settings:
    """The settings of one run (see the module docstring for the order of precedence).

    ``layers``: ``(source, {code: {option: value}})`` pairs applied in order (e.g. the project configuration's
    ``settings`` and ``severity``); ``budgets``: ``{config_key: (value, source)}`` — a value of None is "not
    given". Every value is validated against the option the check declares (UsageError naming the source
    and the key).
    """
    from . import ruledata
    from .checks import by_code, validate_options

    if rules_dir is not None and not os.path.isdir(rules_dir):
        raise UsageError(f"--rules {rules_dir}: not a folder")
    ruledata.check_folder(rules_dir)
    checks = by_code()
    eff: dict[str, dict[str, Any]] = {code: cls.defaults() for code, cls in checks.items()}
    src: dict[str, dict[str, str]] = {code: dict.fromkeys(eff[code], DEFAULT) for code in checks}

    def apply(source: str, table: Mapping[str, Mapping[str, Any]], where: str) -> None:
        for code, values in table.items():
            cls = checks.get(str(code).strip().upper())
            if cls is None:
                raise UsageError(f"{where}: unknown check code '{code}' (known: {', '.join(checks)})")
            for name, value in validate_options(cls, values or {}, where).items():
                eff[cls.code][name] = value
                src[cls.code][name] = source

    # rules/checks.yaml (shipped, validated when loaded by the tests) and the rules folder's checks.yaml
    shipped = ruledata.load("checks", None)
    apply(SHIPPED, shipped, SHIPPED)
    user = ruledata.user_file("checks", rules_dir)
    if user is not None:
        apply(user, ruledata.read_user("checks", user), user)
    for source, table in layers:
        apply(source, table, source)
    for key, (value, source) in (budgets or {}).items():
        if value is None:
            continue
        for code, cls in checks.items():
            for name, opt in cls.options.items():
                if opt.config_key == key:
                    eff[code][name] = opt.check(value, source, key)
                    src[code][name] = source
    return Settings(
        rules_dir=rules_dir,
        checks=eff,
        sources=src,
        select=parse_codes(select),
        ignore=parse_codes(ignore),
    )


def prepare(rules_dir: str | None = None) -> None:
    """Load and compile, once per process, what the checks will need: the semantic rules and their
    patterns, the topics lexicon, the time model, the fuzzy matcher. ``scan`` calls this while worker
    processes read the files, so this work overlaps the reading instead of following it. It is only a
    warm-up: a problem here is left for the checks to meet and report as they always do."""
    try:
        from rapidfuzz import fuzz, process  # noqa: F401

        from . import semantics
        from .checks import redundant_section
        from .timing import TimeModel

        semantics.rules(rules_dir)
        redundant_section.Lexicon.load(rules_dir)
        TimeModel.load(rules_dir)
    except Exception:  # noqa: S110 - see the docstring
        pass


def analyse_early(form: Form, settings: Settings, cache: dict[str, Any]) -> None:
    """Start on one form's own analyses as soon as it is read, while other files still are: its time
    estimate, and its annotation when a selected check reads ``"semantics"`` and the annotation cannot
    depend on the other forms. :func:`run` given the same ``cache`` uses them; results are identical."""
    from . import semantics, timing
    from .checks import registry

    timing.estimate_early(form, cache, settings.rules_dir)
    if any(settings.selected(c.code) and "semantics" in c.analyses for c in registry()):
        semantics.annotate_early(form, cache, settings.rules_dir)


def run(
    forms: list[Form],
    settings: Settings | None = None,
    library: list[Form] | None = None,
    *,
    cache: dict[str, Any] | None = None,
) -> list[Finding]:
    """Run every selected check over ``forms`` (and, for library-scope checks, ``library``).

    ``cache`` (optional) receives the run's shared analyses: ``form_minutes``, ``form_estimates``,
    ``timing``, ``matrix``…
    """
    with gc_paused():
        return _run(forms, settings, library, cache)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the checks run. They allocate many small objects that
    live until the run ends (annotations, finding data) and no reference cycles of note: the collector
    would walk them again and again and free nothing (measured: 20% of the CPU of ``bench_scan.py``, same
    peak memory without it). Collection resumes as it was when the checks end, even on an error."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _run(
    forms: list[Form],
    settings: Settings | None,
    library: list[Form] | None,
    cache: dict[str, Any] | None,
) -> list[Finding]:
    from .checks import SEVERITY_RANK, Context, registry
    from .timing import timings

    settings = settings if settings is not None else resolve_settings()
    ctx = Context(
        forms=forms,
        rules_dir=settings.rules_dir,
        settings={k: dict(v) for k, v in settings.checks.items()},
        cache=cache if cache is not None else {},
    )
    timings(ctx)  # every form's minutes, whichever checks run (FA101 costs findings with them)
    mine = {f.source for f in forms}
    lib = [f for f in library or [] if f.source not in mine]
    findings: list[Finding] = []
    wide: Context | None = None
    for check_cls in registry():
        if not settings.selected(check_cls.code):
            continue
        if check_cls.scope == "library" and lib:
            if wide is None:
                wide = Context(forms=forms + lib, rules_dir=settings.rules_dir, settings=ctx.settings)
            for f in check_cls(wide).run():
                findings.extend(per_form(f, mine))
            continue
        findings.extend(check_cls(ctx).run())
    order = {f.source: i for i, f in enumerate(forms)}
    findings.sort(
        key=lambda f: (order.get(f.source, 1 << 30), -f.minutes, -SEVERITY_RANK.get(f.severity, -1), f.code)
    )
    return findings


def per_form(f: Finding, checked: set[str]) -> list[Finding]:
    """A library-scope finding as seen from each checked form it involves: one finding per such form, on
    that form, pointing at its own question first and then at the library forms (and other checked forms)
    that ask it too (``data.library_forms``). A finding that involves no checked form is dropped.

    So a form's findings — and their fingerprints — do not depend on which other forms are checked in the
    same run, or in which order.
    """
    import copy

    lib: list[str] = []
    involved: list[str] = []
    for x in f.fields:
        src = x.get("source")
        name = os.path.basename(str(src or ""))
        if src not in checked and name not in lib:
            lib.append(name)
        if src in checked and src not in involved:
            involved.append(src)
    item = f.data.get("item") or (f.fields[0].get("label") if f.fields else None) or "This item"
    item = f'"{item}"'
    out = []
    for src in involved:
        g = copy.deepcopy(f)
        g.source = src
        g.fields = [x for x in f.fields if x.get("source") == src] + [
            x for x in f.fields if x.get("source") != src
        ]
        g.data["library_forms"] = list(lib)
        g.data["repeats_within_forms"] = [
            x for x in f.data.get("repeats_within_forms", []) if x.get("source") == src
        ]
        also = [os.path.basename(str(s)) for s in involved if s != src]
        if lib:
            g.message = (
                f"{item} is already captured by the library "
                f"({len(lib)} form{'s' if len(lib) != 1 else ''}: {', '.join(lib)})"
                + (f" and asked again in {', '.join(also)}" if also else "")
            )
        else:
            g.message = f"{item} is asked again in {', '.join(also)}"
        out.append(g)
    return out
