"""Time saved by a streamlined form, by the Standard Cost Model: time per completion × quantity.

The UK Standard Cost Model (SCM manual, 2005) prices an administrative obligation as
``price × quantity`` where price = tariff × time and quantity = population × frequency. Here:

* **time** — minutes to complete one form, before and after (``formaudit.timing``), each with a
  low / expected / high band;
* **frequency** — completions per FTE social worker per month, from the usage profile
  (``rules/usage.yaml``: a default per form type, each with its basis) or ``--per-month``;
* **population** — FTE social workers (``workforce.fte`` in the usage profile, or ``--workers``);
* **tariff** — an hourly cost in £, only when the user gives one (``--hourly-cost``).

    from formaudit.savings import load_usage, form_type, savings
    usage = load_usage()
    t = usage.type_for(form)                        # FormType: key, label, per_month, basis
    s = savings({"low": 20, "expected": 30, "high": 50}, {"low": 14, "expected": 20, "high": 33},
                per_month=t.per_month, workers=usage.fte, hours_per_fte_year=usage.hours_per_fte_year)
    s["hours_saved_per_worker_per_year"]["expected"]

Low / expected / high. The time model's bands come from the *same* constants applied to both forms
(a worker who is fast on the old form is fast on the new one), so the saving in each band is that
band's before minus that band's after. The reported ``low`` saving is the smallest of the three band
savings (the pessimistic coherent case), ``high`` the largest, ``expected`` the expected band's.
``saved_uncorrelated`` also gives the extreme cross combination (fastest before − slowest after,
slowest before − fastest after), which would apply only if the two estimates' errors were
independent; it is reported for transparency, not used in the totals.
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

METHOD = (
    "Standard Cost Model: minutes saved per completion × completions per worker per month "
    "× 12 months; × workers for the workforce; ÷ working hours per FTE-year for the FTE equivalent; "
    "× hourly cost for £ (only when given). Low/high savings are the smallest/largest of the "
    "band-by-band savings (before.low − after.low, before.expected − after.expected, "
    "before.high − after.high): the same time-model constants drive both estimates."
)


# ------------------------------------------------------------------------------------ usage profile


@dataclass
class FormType:
    """One form type of the usage profile."""

    key: str
    label: str
    patterns: list[re.Pattern] = field(default_factory=list)
    per_month: float = 1.0
    basis: str = ""


@dataclass
class Usage:
    """The usage profile: form types in match order, the workforce and working hours per FTE-year."""

    types: list[FormType]
    default_type: str
    fte: float
    fte_basis: str
    hours_per_fte_year: float
    hours_basis: str
    sources: list[str] = field(default_factory=list)

    def get(self, key: str) -> FormType:
        for t in self.types:
            if t.key == key:
                return t
        raise UsageError(f"usage profile: no form type {key!r}")

    def type_for(self, form: Form) -> FormType:
        """The first type whose ``match`` finds the form's title or file name; else the default type."""
        text = _match_text(form)
        for t in self.types:
            if any(p.search(text) for p in t.patterns):
                return t
        return self.get(self.default_type)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": list(self.sources),
            "workforce": {"fte": self.fte, "basis": self.fte_basis},
            "hours_per_fte_year": {"hours": self.hours_per_fte_year, "basis": self.hours_basis},
            "types": {
                t.key: {"label": t.label, "per_worker_per_month": t.per_month, "basis": t.basis}
                for t in self.types
            },
        }


def _match_text(form: Form) -> str:
    stem = os.path.splitext(os.path.basename(form.source or ""))[0]
    text = f"{form.title or ''} | {stem}"
    text = re.sub(r"[-_]+", " ", text).replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Top-level keys replace; mappings merge one level deep; ``types`` merge per type, field by field."""
    out = dict(base)
    for k, v in over.items():
        if k == "types" and isinstance(v, dict) and isinstance(out.get(k), dict):
            types = dict(out[k])
            for tk, tv in v.items():
                if isinstance(tv, dict) and isinstance(types.get(tk), dict):
                    types[tk] = {**types[tk], **tv}
                else:
                    types[tk] = tv
            out[k] = types
        elif isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = {**out[k], **v}
        else:
            out[k] = v
    return out


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
    return _read_yaml(text, path)


def load_usage(rules_dir: str | None = None, usage_file: str | os.PathLike | None = None) -> Usage:
    """The usage profile: ``rules/usage.yaml``, then ``<rules_dir>/usage.yaml``, then ``usage_file``.

    Later files override earlier ones; form types merge field by field (a user's file can change a
    rate and its basis without restating the match patterns).
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


def _parse(data: dict[str, Any], sources: list[str]) -> Usage:
    where = sources[-1]
    wf = data.get("workforce")
    if not isinstance(wf, dict) or "fte" not in wf:
        raise UsageError(f"{where}: missing workforce.fte")
    fte = _number(wf["fte"], f"{where}: workforce.fte")
    hp = data.get("hours_per_fte_year")
    if isinstance(hp, dict):
        hours = _number(hp.get("hours"), f"{where}: hours_per_fte_year.hours", positive=True)
        hours_basis = str(hp.get("basis") or "")
    elif hp is None:
        raise UsageError(f"{where}: missing hours_per_fte_year")
    else:
        hours = _number(hp, f"{where}: hours_per_fte_year", positive=True)
        hours_basis = "given in the usage file"
    raw_types = data.get("types")
    if not isinstance(raw_types, dict) or not raw_types:
        raise UsageError(f"{where}: missing types")
    types: list[FormType] = []
    for key, t in raw_types.items():
        if not isinstance(t, dict):
            raise UsageError(f"{where}: types.{key} must be a mapping")
        pats = t.get("match") or []
        if isinstance(pats, str):
            pats = [pats]
        compiled = []
        for p in pats:
            try:
                compiled.append(re.compile(str(p), re.I))
            except re.error as e:
                raise UsageError(f"{where}: types.{key}.match: bad pattern {p!r} ({e})") from None
        if "per_worker_per_month" not in t:
            raise UsageError(f"{where}: types.{key}: missing per_worker_per_month")
        types.append(
            FormType(
                key=str(key),
                label=str(t.get("label") or key),
                patterns=compiled,
                per_month=_number(t["per_worker_per_month"], f"{where}: types.{key}.per_worker_per_month"),
                basis=str(t.get("basis") or ""),
            )
        )
    default = str(data.get("default_type") or types[-1].key)
    if default not in {t.key for t in types}:
        raise UsageError(f"{where}: default_type {default!r} is not one of the types")
    return Usage(
        types=types,
        default_type=default,
        fte=fte,
        fte_basis=str(wf.get("basis") or ""),
        hours_per_fte_year=hours,
        hours_basis=hours_basis,
        sources=sources,
    )


def form_type(form: Form, usage: Usage | None = None) -> str:
    """The usage-profile type key of ``form`` (e.g. ``"assessment"``, ``"referral"``, ``"other"``)."""
    return (usage or load_usage()).type_for(form).key


# ------------------------------------------------------------------------------------------ savings


def _bands(d: Any, what: str) -> dict[str, float]:
    if isinstance(d, (int, float)) and not isinstance(d, bool):
        return {b: float(d) for b in BANDS}
    if not isinstance(d, dict) or "expected" not in d:
        raise UsageError(f"{what} must be a number or a mapping with low/expected/high")
    ex = float(d["expected"])
    return {"low": float(d.get("low", ex)), "expected": ex, "high": float(d.get("high", ex))}


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
    workers: float,
    hours_per_fte_year: float,
    hourly_cost: float | None = None,
    basis: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Minutes per completion before/after/saved and what they add up to (Standard Cost Model).

    ``before_minutes``/``after_minutes``: ``{"low", "expected", "high"}`` minutes per completion.
    ``per_month``: completions per worker per month; ``workers``: FTE social workers;
    ``hours_per_fte_year``: working hours in one FTE-year; ``hourly_cost``: £ per hour, or None for
    no money figures. ``basis``: where each input came from (copied into the result).

    Every quantity is a ``{"low", "expected", "high"}`` mapping derived from the saving per
    completion by multiplication only, so each band can be recomputed by hand from the inputs.
    """
    before = _bands(before_minutes, "before minutes")
    after = _bands(after_minutes, "after minutes")
    per_month = _number(per_month, "completions per worker per month (--per-month)")
    workers = _number(workers, "workers (--workers)")
    hours_per_fte_year = _number(hours_per_fte_year, "working hours per FTE-year", positive=True)
    if hourly_cost is not None:
        hourly_cost = _number(hourly_cost, "hourly cost (--hourly-cost)")

    saved = saved_bands(before, after)
    min_month = _scale(saved, per_month)
    h_month = _scale(min_month, 1 / 60)
    h_year = _scale(h_month, 12)
    h_workforce = _scale(h_year, workers)
    fte = _scale(h_workforce, 1 / hours_per_fte_year)
    out: dict[str, Any] = {
        "minutes_per_completion": {"before": before, "after": after, "saved": saved},
        "saved_uncorrelated": {
            "low": before["low"] - after["high"],
            "high": before["high"] - after["low"],
        },
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
        "hours_saved_workforce_per_year": h_workforce,
        "fte_equivalent": fte,
        "method": METHOD,
        "basis": dict(basis or {}),
    }
    if hourly_cost is not None:
        out["gbp_saved_per_worker_per_year"] = _scale(h_year, hourly_cost)
        out["gbp_saved_workforce_per_year"] = _scale(h_workforce, hourly_cost)
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


def add_savings(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals over several forms: a worker completes all of them, so the per-worker figures add up.

    Workers and hours per FTE-year are the same for every form of one run.
    """
    out: dict[str, Any] = {}
    for key in ADDITIVE:
        vals = [r[key] for r in results if key in r]
        if vals:
            out[key] = {b: sum(v[b] for v in vals) for b in BANDS}
    for key in ("before", "after"):
        vals = [r["burden_hours_per_worker_per_year"][key] for r in results]
        out.setdefault("burden_hours_per_worker_per_year", {})[key] = {
            b: sum(v[b] for v in vals) for b in BANDS
        }
    if results:
        out["workers"] = results[0]["workers"]
        out["hours_per_fte_year"] = results[0]["hours_per_fte_year"]
        out["hourly_cost"] = results[0]["hourly_cost"]
    return out
