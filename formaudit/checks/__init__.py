"""Checks: one module per rule family, each a :class:`Check` subclass with a stable code.

The docstring of each check class is its documentation (``formaudit rules FA101`` prints it).
Thresholds and default severities come from ``rules/checks.yaml`` (overridable with ``--rules``).

``REGISTRY`` is the explicit, ordered list of checks — add new ones there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..model import Finding, Form


@dataclass
class Context:
    """What every check sees: the forms of one run, their field annotations and timings, and settings."""

    forms: list[Form]
    rules_dir: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # per-check settings from rules/checks.yaml
    cache: dict[str, Any] = field(default_factory=dict)  # shared, lazily computed analyses

    def settings_for(self, check: type[Check]) -> dict[str, Any]:
        return dict(self.settings.get(check.code, {}))


class Check:
    """Base class. Subclasses set ``code``, ``name``, ``default_severity`` and implement ``run``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    default_severity: ClassVar[str] = "warning"
    #: "form": looks at one form at a time; "library": looks across all forms of the run
    scope: ClassVar[str] = "form"

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.settings = ctx.settings_for(type(self))
        self.severity = self.settings.get("severity", self.default_severity)

    def run(self) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else cls.name

    def finding(self, source: str, message: str, **kw) -> Finding:
        return Finding(
            code=self.code, rule=self.name, severity=self.severity, source=source, message=message, **kw
        )


_MODULES = (
    ("duplicate_field", "DuplicateField"),
    ("cross_form_duplicate", "CrossFormDuplicate"),
    ("repeated_block", "RepeatedBlock"),
    ("redundant_section", "RedundantSection"),
    ("repeated_boilerplate", "RepeatedBoilerplate"),
    ("completion_time", "CompletionTime"),
    ("field_budget", "FieldBudget"),
)


def registry() -> list[type[Check]]:
    """All checks in code order (imported lazily so the CLI starts fast)."""
    import importlib

    checks = [getattr(importlib.import_module(f"{__name__}.{mod}"), cls) for mod, cls in _MODULES]
    return sorted(checks, key=lambda c: c.code)
