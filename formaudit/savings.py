"""Time saved by a streamlined form, by the Standard Cost Model: time per completion × quantity.

The UK Standard Cost Model (SCM manual, 2005) prices an administrative obligation as
``price × quantity`` where price = tariff × time and quantity = population × frequency. Here:

* **time** — minutes to complete one form, before and after (``formaudit.timing``), each with a
  low / expected / high band;
* **frequency** — completions per social worker per month, from the usage profile of the form's
  service (``rules/usage.yaml``: children's or adults' social care; a rate per form type, each with
  its basis) or ``--per-month``;
* **who** — ``completed_by`` of the form type: only forms social workers complete count towards the
  time saved *per social worker*; other completers' time (a referrer's) is reported separately;
* **population** — a workforce only when the user gives one (``--workers N`` or ``workforce.fte`` in
  their own usage file); formaudit never multiplies by a national workforce;
* **tariff** — an hourly cost in £, only when the user gives one (``--hourly-cost``).

    from formaudit.savings import load_usage, savings
    usage = load_usage()
    t = usage.type_for(form)                        # FormType: key, label, per_month, completed_by, basis
    s = savings({"low": 20, "expected": 30, "high": 50}, {"low": 14, "expected": 20, "high": 33},
                per_month=t.per_month, completed_by=t.completed_by)
    s["hours_saved_per_worker_per_year"]["expected"]

Low / expected / high. The time model's bands come from the *same* constants applied to both forms
(a worker who is fast on the old form is fast on the new one), so the saving in each band is that
band's before minus that band's after. The reported ``low`` saving is the smallest of the three band
savings (the pessimistic coherent case), ``high`` the largest, ``expected`` the expected band's — so
low ≤ expected ≤ high for every saving. ``saved_uncorrelated`` also gives the extreme cross
combination (fastest before − slowest after, slowest before − fastest after), which would apply only
if the two estimates' errors were independent; it is reported for transparency, not used in totals.

Renderings of one form (a DOCX and a PDF of the same form) count once in every total: see
:func:`families` and :func:`representatives`.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import UsageError
from .model import Form

BANDS = ("low", "expected", "high")
#: The completer whose time counts towards "per social worker" figures.
SOCIAL_WORKER = "social_worker"

METHOD = (
    "Standard Cost Model: minutes saved per completion × completions per social worker per month "
    "× 12 months. Only forms social workers complete count per social worker; other completers' time "
    "(e.g. referrers') is reported separately, for the completions one social worker receives. "
    "Renderings of one form count once. Hours across a workforce and the FTE equivalent only when a "
    "workforce is given (--workers); £ only with --hourly-cost. Low/high savings are the smallest/"
    "largest of the band-by-band savings (before.low − after.low, before.expected − after.expected, "
    "before.high − after.high): the same time-model constants drive both estimates."
)


# ------------------------------------------------------------------------------------ usage profile


@dataclass
class FormType:
    """One form type of a service's usage profile."""

    key: str
    label: str
    patterns: list[re.Pattern] = field(default_factory=list)
    per_month: float = 1.0
    basis: str = ""
    completed_by: str = SOCIAL_WORKER
    service: str = ""


@dataclass
class Service:
    """Children's or adults' social care: its form types in match order and its population words."""

    key: str
    label: str
    types: list[FormType]
    default_type: str
    population: list[re.Pattern] = field(default_factory=list)
    fte: float | None = None
    fte_basis: str = ""

    def get(self, key: str) -> FormType:
        for t in self.types:
            if t.key == key:
                return t
        raise UsageError(f"usage profile: service {self.key!r} has no form type {key!r}")

    def type_for(self, form: Form) -> FormType:
        text = _match_text(form)
        for t in self.types:
            if any(p.search(text) for p in t.patterns):
                return t
        return self.get(self.default_type)


@dataclass
class Usage:
    """The usage profile: services, an optional user-given workforce, working hours per FTE-year."""

    services: dict[str, Service]
    default_service: str
    hours_per_fte_year: float
    hours_basis: str
    fte: float | None = None
    fte_basis: str = ""
    sources: list[str] = field(default_factory=list)

    @property
    def types(self) -> list[FormType]:
        """The default service's form types (the shape of earlier versions)."""
        return self.services[self.default_service].types

    def service(self, key: str | None) -> Service:
        key = key or self.default_service
        if key not in self.services:
            raise UsageError(f"unknown service {key!r} (use one of {', '.join(self.services)})")
        return self.services[key]

    def service_for(self, form: Form, service: str | None = None) -> tuple[Service, str]:
        """The form's service and how it was chosen: given, or inferred from the form's words."""
        if service:
            return self.service(service), f"--service {service} (given)"
        key, counts = population(form, self)
        shown = ", ".join(f"{k} {n}" for k, n in counts.items())
        best = max(counts.values(), default=0)
        if best == 0 or sum(1 for n in counts.values() if n == best) > 1:
            return self.service(key), f"default service (population words matched: {shown})"
        return self.service(key), f"inferred from the form's words (population words matched: {shown})"

    def get(self, key: str, service: str | None = None) -> FormType:
        return self.service(service).get(key)

    def type_for(self, form: Form, service: str | None = None) -> FormType:
        """The form's type in its service (given, else inferred): the first type whose ``match`` finds
        the form's title or file name; else the service's default type."""
        svc, _how = self.service_for(form, service)
        return svc.type_for(form)

    def workforce(self, service: str | None = None) -> tuple[float | None, str]:
        """The user-given workforce (``workforce.fte`` in their usage file), per service or overall."""
        svc = self.services.get(service or "")
        if svc is not None and svc.fte is not None:
            return svc.fte, svc.fte_basis
        return self.fte, self.fte_basis

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "sources": list(self.sources),
            "default_service": self.default_service,
            "hours_per_fte_year": {"hours": self.hours_per_fte_year, "basis": self.hours_basis},
            "services": {
                s.key: {
                    "label": s.label,
                    "types": {
                        t.key: {
                            "label": t.label,
                            "per_worker_per_month": t.per_month,
                            "completed_by": t.completed_by,
                            "basis": t.basis,
                        }
                        for t in s.types
                    },
                }
                for s in self.services.values()
            },
        }
        if self.fte is not None:
            out["workforce"] = {"fte": self.fte, "basis": self.fte_basis}
        for s in self.services.values():
            if s.fte is not None:
                out["services"][s.key]["workforce"] = {"fte": s.fte, "basis": s.fte_basis}
        return out


def _match_text(form: Form) -> str:
    stem = os.path.splitext(os.path.basename(form.source or ""))[0]
    text = f"{form.title or ''} | {stem}"
    text = re.sub(r"[-_]+", " ", text).replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


def population(form: Form, usage: Usage) -> tuple[str, dict[str, int]]:
    """The population a form serves — the key of a usage service — from its words.

    A simple, documented stand-in for the entity model's population (replace it when that lands):
    each ``population_words`` pattern of a service that matches the form's title, file name, section
    titles or field labels counts once; the service with the most matching patterns wins, and a tie
    (or no match) is the profile's ``default_service``. Returns the key and the counts per service.
    """
    parts = [_match_text(form)]
    parts += [s.title for s in form.sections if s.title]
    parts += [f.label for f in form.fields if f.label]
    text = " \n ".join(parts).replace("\u2019", "'")
    counts = {k: sum(1 for p in s.population if p.search(text)) for k, s in usage.services.items()}
    best = max(counts.values(), default=0)
    leaders = [k for k, n in counts.items() if n == best]
    if best == 0 or len(leaders) > 1:
        return usage.default_service, counts
    return leaders[0], counts


def _lift_types(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """A user's file in the earlier one-service shape: its top-level ``types`` belongs to the default service
    (``over``'s ``default_service``, else ``base``'s), so it is moved to ``services.<default>.types`` before
    the one merge rule (:func:`formaudit.ruledata.merge`) applies. Anything else is returned as it is."""
    from .ruledata import merge

    services = base.get("services")
    svc = str(over.get("default_service") or base.get("default_service") or "")
    if "types" not in over or not isinstance(services, dict) or not isinstance(services.get(svc), dict):
        return over
    if not isinstance(over.get("services", {}), dict):
        return over
    lifted = {k: v for k, v in over.items() if k != "types"}
    own = dict(lifted.get("services") or {})
    mine = dict(own[svc]) if isinstance(own.get(svc), dict) else {}
    types = over["types"]
    if isinstance(mine.get("types"), dict) and isinstance(types, dict):
        types = merge(mine["types"], types)  # both given: the top-level ``types`` is applied last
    own[svc] = {**mine, "types": types}
    lifted["services"] = own
    return lifted


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` merged into ``base`` by the one documented merge rule of :mod:`formaudit.ruledata`
    (mappings key by key at every depth, anything else replaces), after :func:`_lift_types`."""
    from .ruledata import merge

    return merge(base, _lift_types(base, over))


def _number(v: Any, where: str, positive: bool = False) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise UsageError(f"{where} must be a number (got {v!r})")
    x = float(v)
    if not math.isfinite(x) or x < 0 or (positive and x == 0):
        raise UsageError(f"{where} must be {'positive' if positive else 'zero or more'} (got {v!r})")
    return x


def _read_file(path: str) -> dict[str, Any]:
    from .ruledata import _read_yaml

    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such usage file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a usage file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"{path}: cannot be read ({e.__class__.__name__})") from None
    data = _read_yaml(text, path)
    from .ruledata import validate

    validate("usage", data, path)  # an unknown key or a wrong type: one line naming the file and the key
    return data


def load_usage(rules_dir: str | None = None, usage_file: str | os.PathLike | None = None) -> Usage:
    """The usage profile: ``rules/usage.yaml``, then ``<rules_dir>/usage.yaml``, then ``usage_file``.

    Later files override earlier ones; services and form types merge field by field (a user's file can
    change a rate and its basis without restating the match patterns).
    """
    from . import ruledata

    data = ruledata.load("usage", None)
    sources = ["rules/usage.yaml"]
    if rules_dir:
        p = os.path.join(rules_dir, "usage.yaml")
        if os.path.isfile(p):
            data = _merge(data, _read_file(p))
            sources.append(p)
    if usage_file:
        p = os.fspath(usage_file)
        data = _merge(data, _read_file(p))
        sources.append(p)
    return _parse(data, sources)


def _workforce(wf: Any, where: str) -> tuple[float | None, str]:
    if wf is None:
        return None, ""
    if isinstance(wf, dict):
        if wf.get("fte") is None:
            return None, ""
        return _number(wf["fte"], f"{where}.fte", positive=True), str(wf.get("basis") or "")
    return _number(wf, where, positive=True), "given in the usage file"


def _patterns(pats: Any, where: str) -> list[re.Pattern]:
    if isinstance(pats, str):
        pats = [pats]
    out = []
    for p in pats or []:
        try:
            out.append(re.compile(str(p), re.I))
        except re.error as e:
            raise UsageError(f"{where}: bad pattern {p!r} ({e})") from None
    return out


def _parse_service(key: str, s: Any, where: str) -> Service:
    if not isinstance(s, dict):
        raise UsageError(f"{where}: services.{key} must be a mapping")
    raw_types = s.get("types")
    if not isinstance(raw_types, dict) or not raw_types:
        raise UsageError(f"{where}: services.{key}: missing types")
    types: list[FormType] = []
    for tk, t in raw_types.items():
        w = f"{where}: services.{key}.types.{tk}"
        if not isinstance(t, dict):
            raise UsageError(f"{w} must be a mapping")
        if "per_worker_per_month" not in t:
            raise UsageError(f"{w}: missing per_worker_per_month")
        who = str(t.get("completed_by") or SOCIAL_WORKER).strip().lower().replace(" ", "_")
        types.append(
            FormType(
                key=str(tk),
                label=str(t.get("label") or tk),
                patterns=_patterns(t.get("match"), f"{w}.match"),
                per_month=_number(t["per_worker_per_month"], f"{w}.per_worker_per_month"),
                basis=str(t.get("basis") or ""),
                completed_by=who,
                service=str(key),
            )
        )
    default = str(s.get("default_type") or types[-1].key)
    if default not in {t.key for t in types}:
        raise UsageError(f"{where}: services.{key}.default_type {default!r} is not one of its types")
    fte, fte_basis = _workforce(s.get("workforce"), f"{where}: services.{key}.workforce")
    return Service(
        key=str(key),
        label=str(s.get("label") or key),
        types=types,
        default_type=default,
        population=_patterns(s.get("population_words"), f"{where}: services.{key}.population_words"),
        fte=fte,
        fte_basis=fte_basis,
    )


def _parse(data: dict[str, Any], sources: list[str]) -> Usage:
    where = sources[-1]
    fte, fte_basis = _workforce(data.get("workforce"), f"{where}: workforce")
    hp = data.get("hours_per_fte_year")
    if isinstance(hp, dict):
        hours = _number(hp.get("hours"), f"{where}: hours_per_fte_year.hours", positive=True)
        hours_basis = str(hp.get("basis") or "")
    elif hp is None:
        raise UsageError(f"{where}: missing hours_per_fte_year")
    else:
        hours = _number(hp, f"{where}: hours_per_fte_year", positive=True)
        hours_basis = "given in the usage file"
    raw = data.get("services")
    if raw is None and isinstance(data.get("types"), dict):  # a one-service profile (earlier shape)
        raw = {"children": {"types": data["types"], "default_type": data.get("default_type")}}
    if not isinstance(raw, dict) or not raw:
        raise UsageError(f"{where}: missing services")
    services = {str(k): _parse_service(str(k), v, where) for k, v in raw.items()}
    default = str(data.get("default_service") or next(iter(services)))
    if default not in services:
        raise UsageError(f"{where}: default_service {default!r} is not one of the services")
    return Usage(
        services=services,
        default_service=default,
        hours_per_fte_year=hours,
        hours_basis=hours_basis,
        fte=fte,
        fte_basis=fte_basis,
        sources=sources,
    )


def form_type(form: Form, usage: Usage | None = None, service: str | None = None) -> str:
    """The usage-profile type key of ``form`` (e.g. ``"assessment"``, ``"referral"``, ``"other"``)."""
    return (usage or load_usage()).type_for(form, service).key


# ------------------------------------------------------------------------------------- renderings


def families(forms: list[Form]) -> dict[str, int]:
    """``{source: family id}``: renderings of one form (detected by content, never by file name —
    :func:`formaudit.renderings.family_map`) share an id."""
    from .renderings import family_map

    return family_map(forms)


#: Which rendering stands for its family: a word-processor or model file's structure is read
#: exactly, a PDF's from its layout — so the editable template is preferred, then the file name.
_FORMAT_PREFERENCE = {"model": 0, "docx": 1, "odt": 2, "doc": 3, "pdf": 4}


def representatives(forms: list[Form]) -> dict[str, str]:
    """``{source: source of the rendering that stands for its family}`` (itself when it stands)."""
    fam = families(forms)
    groups: dict[int, list[Form]] = {}
    for f in forms:
        groups.setdefault(fam.get(f.source, id(f)), []).append(f)
    out: dict[str, str] = {}
    for members in groups.values():
        best = min(members, key=lambda f: (_FORMAT_PREFERENCE.get(f.format, 9), os.path.basename(f.source)))
        for f in members:
            out[f.source] = best.source
    return out


# ------------------------------------------------------------------------------------------ savings


def _bands(d: Any, what: str) -> dict[str, float]:
    if isinstance(d, (int, float)) and not isinstance(d, bool):
        return {b: float(d) for b in BANDS}
    if not isinstance(d, dict) or "expected" not in d:
        raise UsageError(f"{what} must be a number or a mapping with low/expected/high")
    ex = float(d["expected"])
    return {"low": float(d.get("low", ex)), "expected": ex, "high": float(d.get("high", ex))}


def ordered(d: dict[str, float]) -> dict[str, float]:
    """A band mapping with low ≤ expected ≤ high (low and high widened to include expected)."""
    return {
        "low": min(d["low"], d["expected"]),
        "expected": d["expected"],
        "high": max(d["high"], d["expected"]),
    }


def saved_bands(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """Band-by-band saving, ordered so that low ≤ expected ≤ high (see the module docstring)."""
    per = [before[b] - after[b] for b in BANDS]
    return {"low": min(per), "expected": per[1], "high": max(per)}


def _scale(d: dict[str, float], k: float) -> dict[str, float]:
    return {b: d[b] * k for b in BANDS}


def savings(
    before_minutes: dict[str, float],
    after_minutes: dict[str, float],
    per_month: float,
    workers: float | None = None,
    hours_per_fte_year: float = 1665.0,
    hourly_cost: float | None = None,
    basis: dict[str, str] | None = None,
    completed_by: str = SOCIAL_WORKER,
) -> dict[str, Any]:
    """Minutes per completion before/after/saved and what they add up to (Standard Cost Model).

    ``before_minutes``/``after_minutes``: ``{"low", "expected", "high"}`` minutes per completion.
    ``per_month``: completions per social worker per month; ``workers``: a head-count to multiply
    by, or None (no workforce figures); ``hours_per_fte_year``: working hours in one FTE-year;
    ``hourly_cost``: £ per hour, or None for no money figures; ``completed_by``: whose time it is
    (the per-worker figures are that completer's time for the completions one social worker
    handles). ``basis``: where each input came from (copied into the result).

    Every quantity is a ``{"low", "expected", "high"}`` mapping derived from the saving per
    completion by multiplication only, so each band can be recomputed by hand from the inputs.
    """
    before = ordered(_bands(before_minutes, "before minutes"))
    after = ordered(_bands(after_minutes, "after minutes"))
    per_month = _number(per_month, "completions per worker per month (--per-month)")
    if workers is not None:
        workers = _number(workers, "workers (--workers)", positive=True)
    hours_per_fte_year = _number(hours_per_fte_year, "working hours per FTE-year", positive=True)
    if hourly_cost is not None:
        hourly_cost = _number(hourly_cost, "hourly cost (--hourly-cost)")

    saved = saved_bands(before, after)
    min_month = _scale(saved, per_month)
    h_month = _scale(min_month, 1 / 60)
    h_year = _scale(h_month, 12)
    out: dict[str, Any] = {
        "minutes_per_completion": {"before": before, "after": after, "saved": saved},
        "saved_uncorrelated": {
            "low": before["low"] - after["high"],
            "high": before["high"] - after["low"],
        },
        "completed_by": completed_by,
        "per_social_worker": completed_by == SOCIAL_WORKER,
        "per_worker_per_month": per_month,
        "workers": workers,
        "hours_per_fte_year": hours_per_fte_year,
        "hourly_cost": hourly_cost,
        "burden_hours_per_worker_per_year": {
            "before": _scale(before, per_month * 12 / 60),
            "after": _scale(after, per_month * 12 / 60),
        },
        "minutes_saved_per_worker_per_month": min_month,
        "hours_saved_per_worker_per_month": h_month,
        "hours_saved_per_worker_per_year": h_year,
        "method": METHOD,
        "basis": dict(basis or {}),
    }
    if workers is not None:
        out["hours_saved_workforce_per_year"] = _scale(h_year, workers)
        out["fte_equivalent"] = _scale(out["hours_saved_workforce_per_year"], 1 / hours_per_fte_year)
    if hourly_cost is not None:
        out["gbp_saved_per_worker_per_year"] = _scale(h_year, hourly_cost)
        if workers is not None:
            out["gbp_saved_workforce_per_year"] = _scale(out["hours_saved_workforce_per_year"], hourly_cost)
    return out


#: Keys of a savings result that add up across forms (each a low/expected/high mapping).
ADDITIVE = (
    "minutes_saved_per_worker_per_month",
    "hours_saved_per_worker_per_month",
    "hours_saved_per_worker_per_year",
    "hours_saved_workforce_per_year",
    "fte_equivalent",
    "gbp_saved_per_worker_per_year",
    "gbp_saved_workforce_per_year",
)


def _add(results: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"forms": len(results)}
    for key in ADDITIVE:
        vals = [r[key] for r in results if key in r]
        if vals:
            out[key] = {b: sum(v[b] for v in vals) for b in BANDS}
    for key in ("before", "after"):
        vals = [r["burden_hours_per_worker_per_year"][key] for r in results]
        out.setdefault("burden_hours_per_worker_per_year", {})[key] = {
            b: sum(v[b] for v in vals) for b in BANDS
        }
    return out


def add_savings(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals over several forms (one result per form, renderings already counted once).

    A social worker completes every social-worker form, so those per-worker figures add up at the top
    level; forms other people complete add up per completer under ``other_completers``.
    """
    sw = [r for r in results if r.get("completed_by", SOCIAL_WORKER) == SOCIAL_WORKER]
    out = _add(sw)
    others: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        who = r.get("completed_by", SOCIAL_WORKER)
        if who != SOCIAL_WORKER:
            others.setdefault(who, []).append(r)
    out["other_completers"] = {who: _add(rs) for who, rs in sorted(others.items())}
    if results:
        out["workers"] = results[0]["workers"]
        out["hours_per_fte_year"] = results[0]["hours_per_fte_year"]
        out["hourly_cost"] = results[0]["hourly_cost"]
    return out
