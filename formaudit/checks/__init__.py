"""Checks: one module per rule family, each a :class:`Check` subclass with a stable code.

The docstring of each check class is its documentation (``formaudit rules FA101`` prints it); it has the
sections What / Why / Settings / Example. Each check declares its options in code (:class:`Option`: type,
default, one-line doc); ``rules/checks.yaml`` and a user's rules folder only override them, and every
override is validated (:func:`validate_options`).

``_MODULES`` is the explicit, ordered list of checks — add new ones there. :func:`registry` imports them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..errors import UsageError
from ..model import Finding, Form

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Option:
    """One setting of a check: its type (``int``, ``float``, ``bool`` or ``str``), default and a one-line doc.

    ``nullable``: ``null`` is allowed (and means "off"); ``minimum``/``maximum`` bound numbers; ``choices``
    restricts strings; ``config_key`` names the project-configuration budget (``max_minutes``,
    ``max_fields``) that sets this option — the one place a budget is injected (:func:`resolve_settings`).
    """

    type: type
    default: Any
    doc: str
    nullable: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None
    config_key: str | None = None

    def type_name(self) -> str:
        name = {int: "a whole number", float: "a number", bool: "true or false", str: "a string"}[self.type]
        if self.choices:
            name = "one of " + ", ".join(self.choices)
        return name + (" or null" if self.nullable else "")

    def check(self, value: Any, where: str, key: str) -> Any:
        """``value`` validated (an ``int`` given for a ``float`` option becomes a float), else UsageError."""
        if value is None:
            if self.nullable:
                return None
            raise UsageError(f"{where}: '{key}' must be {self.type_name()} (got null)")
        ok = isinstance(value, self.type) and not (self.type is not bool and isinstance(value, bool))
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            value, ok = float(value), True
        if self.type is int and isinstance(value, float) and value.is_integer():
            value, ok = int(value), True
        if not ok or (self.choices and value not in self.choices):
            raise UsageError(f"{where}: '{key}' must be {self.type_name()} (got {value!r})")
        if self.minimum is not None and value < self.minimum:
            raise UsageError(f"{where}: '{key}' must be at least {self.minimum:g} (got {value!r})")
        if self.maximum is not None and value > self.maximum:
            raise UsageError(f"{where}: '{key}' must be at most {self.maximum:g} (got {value!r})")
        return value

    def schema(self) -> dict[str, Any]:
        """This option as a JSON Schema fragment (for ``formaudit/schemas/rules-checks.schema.json``)."""
        t = {int: "integer", float: "number", bool: "boolean", str: "string"}[self.type]
        s: dict[str, Any] = {"type": [t, "null"] if self.nullable else t, "description": self.doc}
        if self.minimum is not None:
            s["minimum"] = self.minimum
        if self.maximum is not None:
            s["maximum"] = self.maximum
        if self.choices:
            s["enum"] = [*self.choices, *([None] if self.nullable else [])]
        return s


# FA101 and FA102 compare labels with no known concept the same way: one declaration of that setting.
LABEL_SIMILARITY = Option(
    float,
    90.0,
    "rapidfuzz token_sort_ratio (0-100) for labels with no known concept",
    minimum=0,
    maximum=100,
)


SEVERITY_OPTION_DOC = "severity of the check's findings"


@dataclass
class Context:
    """What every check sees: the forms of one run, their field annotations and timings, and settings."""

    forms: list[Form]
    rules_dir: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # per-check overrides {code: {option: value}}
    cache: dict[str, Any] = field(default_factory=dict)  # shared, lazily computed analyses

    def settings_for(self, check: type[Check]) -> dict[str, Any]:
        """The check's effective options: its declared defaults, overridden by ``settings[code]``."""
        return check.resolve(self.settings.get(check.code) or {}, "settings")


class Check:
    """Base class. Subclasses set ``code``, ``name``, ``default_severity``, ``options`` and implement ``run``.

    Properties the engine reads (never a check's code):

    * ``scope`` — ``"form"``: looks at one form at a time and runs on the checked forms only;
      ``"library"``: looks across forms and also sees the library forms (:func:`formaudit.engine.run`);
    * ``tally`` — the per-form figure of a report its findings count towards (FA101: ``duplicate_groups``);
    * ``analyses`` — shared per-form analyses it reads (``"semantics"``: :func:`formaudit.semantics.annotations`),
      which the engine may compute for each form as soon as it is read (:func:`formaudit.engine.analyse_early`).

    A budget check declares the budget as an option with a ``config_key`` (FA301, FA302).
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    default_severity: ClassVar[str] = "warning"
    #: "form": looks at one form at a time; "library": looks across all forms of the run (and a library)
    scope: ClassVar[str] = "form"
    #: the check's settings (besides ``severity``), declared in code
    options: ClassVar[Mapping[str, Option]] = {}
    #: the per-form figure of a report that each of its findings adds one to (``"duplicate_groups"``), if any
    tally: ClassVar[str | None] = None
    #: shared per-form analyses the check reads: ``("semantics",)``
    analyses: ClassVar[tuple[str, ...]] = ()

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.options = ctx.settings_for(type(self))
        self.settings = self.options  # the old name, kept for code written before options were declared
        self.severity = self.options["severity"]

    def run(self) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def all_options(cls) -> dict[str, Option]:
        """``severity`` and the declared options, in display order."""
        sev = Option(str, cls.default_severity, SEVERITY_OPTION_DOC, choices=SEVERITIES)
        return {"severity": sev, **cls.options}

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return {k: o.default for k, o in cls.all_options().items()}

    @classmethod
    def resolve(cls, overrides: Mapping[str, Any], where: str) -> dict[str, Any]:
        """Defaults overridden by ``overrides`` (validated: unknown option or wrong type is a UsageError)."""
        return {**cls.defaults(), **validate_options(cls, overrides, where)}

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else cls.name

    def finding(self, source: str, message: str, **kw) -> Finding:
        return Finding(
            code=self.code, rule=self.name, severity=self.severity, source=source, message=message, **kw
        )


def validate_options(
    cls: type[Check], values: Mapping[str, Any], where: str, prefix: str = ""
) -> dict[str, Any]:
    """``values`` (one check's overrides) checked against the check's declared options.

    ``where`` names the file (or "command line") for the one-line error, which also names the key
    (``prefix`` + code + option): ``mine/checks.yaml: unknown setting 'FA101.similarty' (known for FA101:
    severity, similarity, seconds_per_field)``.
    """
    if not isinstance(values, Mapping):
        raise UsageError(f"{where}: '{prefix}{cls.code}' must be a mapping of settings (got {values!r})")
    known = cls.all_options()
    out: dict[str, Any] = {}
    for raw, value in values.items():
        name = str(raw).replace("-", "_")
        opt = known.get(name)
        if opt is None:
            raise UsageError(
                f"{where}: unknown setting '{prefix}{cls.code}.{raw}' (known for {cls.code}: {', '.join(known)})"
            )
        if name == "severity" and isinstance(value, str):
            value = value.strip().lower()
        out[name] = opt.check(value, where, f"{prefix}{cls.code}.{raw}")
    return out


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


def by_code() -> dict[str, type[Check]]:
    """``{code: check class}`` for every check."""
    return {c.code: c for c in registry()}


def across_forms(code: str) -> bool:
    """Whether findings of check ``code`` are about a set of forms (its ``scope`` is ``"library"``)."""
    cls = by_code().get(code)
    return cls is not None and cls.scope == "library"


def checks_schema() -> dict[str, Any]:
    """The JSON Schema of ``rules/checks.yaml``, generated from the options the checks declare."""
    props = {}
    for cls in registry():
        props[cls.code] = {
            "type": "object",
            "description": f"{cls.code} {cls.name}: {cls.summary()}",
            "additionalProperties": False,
            "properties": {k: o.schema() for k, o in cls.all_options().items()},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://formaudit.invalid/schemas/rules-checks.schema.json",
        "title": "formaudit rules/checks.yaml: overrides of the checks' declared settings",
        "type": "object",
        "additionalProperties": False,
        "properties": props,
    }
