"""Before/after comparison of forms: structure, duplicate groups, minutes and time saved.

    from formaudit.compare import compare_pair, compare_paths, render
    pair = compare_pair(old_form, new_form)               # one pair of Form objects
    result = compare_paths("forms/", "streamlined/")      # two files, or two folders paired by stem
    print(render(result, "markdown"))                     # text | markdown | csv | json | html

A result (``"schema": "formaudit.compare/2"``) holds ``pairs`` (one per matched pair of forms),
``unmatched`` files, ``errors`` (files that could not be read), ``totals`` and the ``usage``
assumptions. Each pair carries the per-form figures, per-section rows (sections matched by
normalised title; unmatched ones are ``removed`` or ``added``) and its ``savings`` (see
:mod:`formaudit.savings`). Only labels and statistics are included, never what a form says.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from .errors import FormError, UsageError
from .model import Form
from .savings import BANDS, METHOD, Usage, add_savings, load_usage, representatives, saved_bands, savings
from .schemas import COMPARE_SCHEMA

FORMATS = ("text", "markdown", "csv", "json", "html")  # as reporters.FORMATS["compare"] (tested)

_NUM_PREFIX = re.compile(
    r"^\s*(?:(?:section|part|step|stage)\s+[0-9a-z]{1,4}(?:\.[0-9]+)*\s*[:.)\u2013\u2014-]?\s*"
    r"|[0-9]{1,3}(?:\.[0-9]+)*[.)]?\s+"
    r"|[a-z][.)]\s+)",
    re.I,
)


def norm_title(title: str | None) -> str:
    """A section title for matching: no numbering ("2.", "Part B –"), case, punctuation or '&'."""
    if not title:
        return ""
    t = title.replace("&", " and ").replace("\u2019", "'")
    t = _NUM_PREFIX.sub("", t, count=1)
    t = re.sub(r"[^0-9a-z]+", " ", t.lower())
    return re.sub(r"\s+", " ", t).strip()


def _zero() -> dict[str, float]:
    return {b: 0.0 for b in BANDS}


def _minutes(est) -> dict[str, float]:
    return {"low": est.low / 60, "expected": est.expected / 60, "high": est.high / 60}


def _form_stats(form: Form, rules_dir: str | None) -> tuple[dict[str, Any], Any]:
    """Sections, fields, duplicate groups and minutes of one form, and its FormEstimate. The duplicate groups
    are the findings of the checks that declare ``tally = "duplicate_groups"`` (FA101)."""
    from .api import run_checks, tallied
    from .timing import estimate_form

    groups = tallied("duplicate_groups")
    findings, cache = run_checks([form], rules_dir, select=groups)
    fe = (cache.get("form_estimates") or {}).get(form.source)
    if fe is None:  # pragma: no cover - run_checks always estimates
        fe = estimate_form(form, rules_dir)
    stats = {
        "source": form.source,
        "title": form.title,
        "format": form.format,
        "sections": sum(1 for s in form.sections if s.title is not None),
        "fields": sum(len(s.fields) for s in form.sections),
        "prefilled_fields": sum(1 for f in form.fields if f.prefilled),
        "duplicate_groups": sum(1 for f in findings if f.code in groups),
        "minutes": fe.minutes,
    }
    return stats, fe


def _section_rows(before: Form, fe_b, after: Form, fe_a) -> list[dict[str, Any]]:
    """Per-section rows: sections paired by normalised title (k-th occurrence with k-th)."""

    def entries(form: Form, fe) -> list[tuple[str, Any, Any]]:
        by_id = {s.id: s for s in fe.sections}
        out = []
        for i, s in enumerate(form.sections):
            se = by_id.get(s.id) if s.id else None
            if se is None and i < len(fe.sections):
                se = fe.sections[i]
            out.append((norm_title(s.title), s, se))
        return out

    eb, ea = entries(before, fe_b), entries(after, fe_a)
    pool: dict[str, list[int]] = {}
    for j, (key, _s, _e) in enumerate(ea):
        pool.setdefault(key, []).append(j)
    used: set[int] = set()

    def side(s, se) -> dict[str, Any]:
        return {
            "title": s.title,
            "fields": len(s.fields),
            "prefilled_fields": sum(1 for f in s.fields if f.prefilled),
            "minutes": _minutes(se.total) if se is not None else _zero(),
        }

    rows: list[dict[str, Any]] = []
    for key, s, se in eb:
        cands = pool.get(key) or []
        j = cands.pop(0) if cands else None
        b = side(s, se)
        if j is None:
            rows.append(
                {
                    "title": s.title,
                    "key": key,
                    "status": "removed",
                    "before": b,
                    "after": None,
                    "saved_minutes": dict(b["minutes"]),
                }
            )
            continue
        used.add(j)
        a = side(ea[j][1], ea[j][2])
        rows.append(
            {
                "title": s.title,
                "key": key,
                "status": "kept",
                "before": b,
                "after": a,
                "saved_minutes": saved_bands(b["minutes"], a["minutes"]),
            }
        )
    for j, (key, s, se) in enumerate(ea):
        if j in used:
            continue
        a = side(s, se)
        rows.append(
            {
                "title": s.title,
                "key": key,
                "status": "added",
                "before": None,
                "after": a,
                "saved_minutes": saved_bands(_zero(), a["minutes"]),
            }
        )
    return rows


def compare_pair(
    before: Form,
    after: Form,
    rules_dir: str | None = None,
    usage: Usage | None = None,
    per_month: float | None = None,
    workers: float | None = None,
    hourly_cost: float | None = None,
    service: str | None = None,
) -> dict[str, Any]:
    """Compare one form with its streamlined version — the one code path for the numbers of
    ``formaudit compare`` and ``formaudit streamline``.

    The service (children's or adults' social care) is ``service`` or the *before* form's population;
    the form type (and so the completions per social worker per month and who completes it) comes
    from the *before* form's title or file name. ``per_month`` and ``workers`` override the usage
    profile; without ``workers`` (or a workforce in the user's usage file) there are no workforce
    figures.
    """
    if usage is None:
        usage = load_usage(rules_dir)
    sb, fe_b = _form_stats(before, rules_dir)
    sa, fe_a = _form_stats(after, rules_dir)
    svc, svc_how = usage.service_for(before, service)
    ftype = svc.type_for(before)
    if ftype.key == svc.default_type:
        ftype = svc.type_for(after)
    pm = ftype.per_month if per_month is None else per_month
    pm_basis = ftype.basis if per_month is None else f"--per-month {per_month:g} (given)"
    if workers is None:
        w, w_basis = usage.workforce(svc.key)
    else:
        w, w_basis = workers, f"--workers {workers:g} (given)"
    basis = {
        "service": f"{svc.label}: {svc_how}",
        "form_type": f"{ftype.label} ({ftype.key}): matched on the title or file name by rules/usage.yaml",
        "per_worker_per_month": pm_basis,
        "completed_by": ftype.completed_by,
        "minutes": f"rules/time_model.yaml (formaudit.timing), per completion; {calibration_label(rules_dir)}",
    }
    if w is not None:
        basis["workers"] = w_basis
        basis["hours_per_fte_year"] = usage.hours_basis
    if hourly_cost is not None:
        basis["hourly_cost"] = f"--hourly-cost {hourly_cost:g} (given)"
    sv = savings(
        sb["minutes"],
        sa["minutes"],
        pm,
        w,
        usage.hours_per_fte_year,
        hourly_cost,
        basis,
        completed_by=ftype.completed_by,
    )
    rows = _section_rows(before, fe_b, after, fe_a)
    return {
        "name": _display_name(before),
        "type": ftype.key,
        "type_label": ftype.label,
        "service": svc.key,
        "service_label": svc.label,
        "completed_by": ftype.completed_by,
        "counted": True,
        "rendering_of": None,
        "time_model": calibration_label(rules_dir),
        "before": sb,
        "after": sa,
        "change": {
            "sections": sa["sections"] - sb["sections"],
            "fields": sa["fields"] - sb["fields"],
            "prefilled_fields": sa["prefilled_fields"] - sb["prefilled_fields"],
            "duplicate_groups": sa["duplicate_groups"] - sb["duplicate_groups"],
        },
        "minutes_saved": sv["minutes_per_completion"]["saved"],
        "sections": rows,
        "sections_removed": [r["title"] for r in rows if r["status"] == "removed"],
        "sections_added": [r["title"] for r in rows if r["status"] == "added"],
        "savings": sv,
    }


def calibration_label(rules_dir: str | None = None) -> str:
    """ "calibrated on N completions" or "uncalibrated" (the time model of ``rules_dir``)."""
    from .timing import TimeModel

    return TimeModel.load(rules_dir).calibration_label


def _display_name(form: Form) -> str:
    return os.path.basename(form.source) if form.source else (form.title or "(form)")


# --------------------------------------------------------------------------------------- results


def build_result(
    pairs: list[dict[str, Any]],
    usage: Usage | None = None,
    unmatched: dict[str, list[str]] | None = None,
    errors: list[dict[str, str]] | None = None,
    before: str | None = None,
    after: str | None = None,
    rules_dir: str | None = None,
) -> dict[str, Any]:
    """Wrap compared pairs into a whole result with totals (what the reporters render).

    Pairs marked ``counted: False`` (further renderings of a form already compared) are listed but
    left out of every total.
    """
    from . import __version__

    counted = [p for p in pairs if p.get("counted", True)]
    tot_b = {"sections": 0, "fields": 0, "prefilled_fields": 0, "duplicate_groups": 0, "minutes": _zero()}
    tot_a = {"sections": 0, "fields": 0, "prefilled_fields": 0, "duplicate_groups": 0, "minutes": _zero()}
    for p in counted:
        for tot, side in ((tot_b, p["before"]), (tot_a, p["after"])):
            for k in ("sections", "fields", "prefilled_fields", "duplicate_groups"):
                tot[k] += side[k]
            for b in BANDS:
                tot["minutes"][b] += side["minutes"][b]
    totals = {
        "forms": len(counted),
        "renderings_not_counted": len(pairs) - len(counted),
        "before": tot_b,
        "after": tot_a,
        "change": {
            k: tot_a[k] - tot_b[k] for k in ("sections", "fields", "prefilled_fields", "duplicate_groups")
        },
        "minutes_saved": {b: sum(p["minutes_saved"][b] for p in counted) for b in BANDS},
        "savings": add_savings([p["savings"] for p in counted]),
    }
    out: dict[str, Any] = {
        "schema": COMPARE_SCHEMA,
        "tool": {"name": "formaudit", "version": __version__},
        "before": before,
        "after": after,
        "pairs": pairs,
        "unmatched": {
            "before": list((unmatched or {}).get("before", [])),
            "after": list((unmatched or {}).get("after", [])),
        },
        "errors": list(errors or []),
        "totals": totals,
        "time_model": pairs[0].get("time_model") if pairs else calibration_label(rules_dir),
        "method": METHOD,
    }
    if usage is not None:
        out["usage"] = usage.to_dict()
    return out


def _ensure_result(result: dict[str, Any]) -> dict[str, Any]:
    """Accept a whole result, one pair, or a list of pairs."""
    if isinstance(result, list):
        return build_result(result)
    if "pairs" not in result and "savings" in result:
        return build_result([result])
    return result


def render(result: dict[str, Any] | list[dict[str, Any]], fmt: str = "text", **kw) -> str:
    """Render a compare result (or one ``compare_pair`` dict) in ``fmt`` — a convenience over
    :func:`formaudit.reporters.render`, whose table ``FORMATS["compare"]`` lists the formats."""
    from .reporters import render as render_as

    return render_as("compare", fmt, _ensure_result(result), **kw)


# ----------------------------------------------------------------------------------------- paths


_STREAMLINED = re.compile(r"[._ -]+(streamlined|after|new)$", re.I)


def _stem_key(p: Path) -> str:
    return p.stem.lower()


def _pair_files(
    before: list[Path], after: list[Path]
) -> tuple[list[tuple[Path, Path]], list[Path], list[Path]]:
    """Pair files by stem (case-insensitive). A stem held by several files pairs same extensions first.

    An after-file whose stem ends in ``-streamlined`` (or ``_after``/``_new``) also pairs with the
    before-file of the bare stem when nothing else claims it.
    """

    def group(files: list[Path], strip: bool) -> dict[str, list[Path]]:
        g: dict[str, list[Path]] = {}
        for f in files:
            k = _stem_key(f)
            g.setdefault(k, []).append(f)
        if strip:
            for f in files:
                k = _stem_key(f)
                bare = _STREAMLINED.sub("", k)
                if bare != k and bare not in g:
                    g.setdefault("\0" + bare, []).append(f)
        return g

    gb = group(before, strip=False)
    ga = group(after, strip=True)
    pairs: list[tuple[Path, Path]] = []
    used_a: set[Path] = set()
    unmatched_b: list[Path] = []
    pref = {".docx": 0, ".pdf": 1, ".yaml": 2, ".yml": 2, ".json": 3}
    for k, bfiles in gb.items():
        afiles = [f for f in ga.get(k, []) + ga.get("\0" + k, []) if f not in used_a]
        rest_b = []
        for bf in bfiles:
            same = [f for f in afiles if f.suffix.lower() == bf.suffix.lower()]
            if same:
                pairs.append((bf, same[0]))
                used_a.add(same[0])
                afiles.remove(same[0])
            else:
                rest_b.append(bf)
        afiles.sort(key=lambda f: pref.get(f.suffix.lower(), 9))
        for bf in rest_b:
            if afiles:
                af = afiles.pop(0)
                pairs.append((bf, af))
                used_a.add(af)
            else:
                unmatched_b.append(bf)
    unmatched_a = [f for f in after if f not in used_a]
    order = {f: i for i, f in enumerate(before)}
    pairs.sort(key=lambda ba: order[ba[0]])
    return pairs, sorted(unmatched_b), unmatched_a


def compare_paths(
    before: str | os.PathLike,
    after: str | os.PathLike,
    rules_dir: str | None = None,
    usage: Usage | None = None,
    usage_file: str | os.PathLike | None = None,
    per_month: float | None = None,
    workers: float | None = None,
    hourly_cost: float | None = None,
    service: str | None = None,
) -> dict[str, Any]:
    """Compare two form files, or two folders (pairs matched by file-name stem, case-insensitive).

    Files that cannot be read are listed in ``errors``; files without a partner in ``unmatched``.
    Renderings of one form among the BEFORE files (a DOCX and a PDF of it) are compared each, but
    only one of them — :func:`formaudit.savings.representatives` — counts in the totals.
    """
    from .api import discover
    from .isolate import read_many

    if rules_dir is not None and not os.path.isdir(rules_dir):
        raise UsageError(f"--rules {rules_dir}: not a folder")
    bp, ap = Path(before), Path(after)
    for p in (bp, ap):
        if not p.exists():
            raise UsageError(f"{p}: no such file or folder")
    if bp.is_dir() != ap.is_dir():
        raise UsageError("BEFORE and AFTER must both be files or both be folders")
    if usage is None:
        usage = load_usage(rules_dir, usage_file)
    if bp.is_dir():
        fb, fa = discover([bp]), discover([ap])
        if not fb:
            raise UsageError(f"{bp}: no form files found")
        if not fa:
            raise UsageError(f"{ap}: no form files found")
        file_pairs, ub, ua = _pair_files(fb, fa)
    else:
        file_pairs, ub, ua = [(bp, ap)], [], []
    read: list[tuple[Path, Form, Form]] = []
    errors: list[dict[str, str]] = []
    results = read_many([p for pair in file_pairs for p in pair])  # every file isolated, in pair order
    for b, _a in file_pairs:
        forms = []
        for _ in range(2):
            _p, result = next(results)
            if isinstance(result, FormError):
                errors.append({"source": result.path, "message": result.reason})
            else:
                forms.append(result)
        if len(forms) == 2:
            read.append((b, forms[0], forms[1]))
    rep = representatives([fb for _b, fb, _fa in read])
    names = {fb.source: (b.stem if bp.is_dir() else _display_name(fb)) for b, fb, _fa in read}
    pairs: list[dict[str, Any]] = []
    for _b, fb, fa in read:
        pair = compare_pair(fb, fa, rules_dir, usage, per_month, workers, hourly_cost, service)
        pair["name"] = names[fb.source]
        stands_for = rep.get(fb.source, fb.source)
        if stands_for != fb.source:
            pair["counted"] = False
            pair["rendering_of"] = names.get(stands_for, stands_for)
        pairs.append(pair)
    return build_result(
        pairs,
        usage=usage,
        unmatched={"before": [str(p) for p in ub], "after": [str(p) for p in ua]},
        errors=errors,
        before=str(bp),
        after=str(ap),
        rules_dir=rules_dir,
    )
