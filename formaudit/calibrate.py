"""``formaudit calibrate``: fit the time model's free-text assumptions to a council's timed completions.

Free-text answers are most of an assessment's minutes, and they rest on assumptions (words per box,
composition speed, thinking time). A council that times a few real completions can replace two of them
with its own evidence:

* the **effective composition rate** (``long_text.compose_wpm``, words per minute), and
* the **thinking time per free-text box** (``long_text.think``, seconds),

each kept within ``calibration_bounds`` of ``rules/time_model.yaml`` (published where a source exists,
labelled assumptions otherwise — see docs/time-model.md). Everything else stays as published.

    from formaudit.calibrate import calibrate, write_rules
    result = calibrate("timings.csv")              # reads the forms the CSV names
    write_rules(result, "council-rules/")          # a rules folder for --rules

**The CSV.** A header, then one row per timed completion: ``form`` (a path relative to the CSV file)
and ``minutes`` (the whole completion), optionally ``completed_by`` (who completed it) and
``sections`` (the sections completed, separated by ``;`` — titles, or numbers counting the titled
sections from 1; the others are left out of that row's prediction). Nothing else is read, and nothing
a completion said: only times.

**The fit.** A form's expected time splits into a fixed part F (reading, pointing, typing short answers,
choosing, signing), composed words W and free-text boxes N, so the prediction for a composition rate r
and a thinking time t is ``F + W × 60 / r + N × t`` seconds. The fit minimises the squared log ratio
of predicted to observed minutes over the rows (relative error, so a long form does not outweigh a
short one), plus a weak pull towards the published values (``PRIOR_WEIGHT``) so that rows that cannot
tell r from t leave them near their sources; a grid over the bounds, then a finer grid round the best.
Each row's losses on the coarse grid are computed once: a leave-one-out fold subtracts its held-out rows
from their sum, so only the small fine grid is re-evaluated per fold.
The low and high bands keep the published spread around the fitted value (clamped to the bounds).

**How well it fits.** Each row's error before (the model as shipped) and after (fitted on all rows),
and the leave-one-out error: each form's rows predicted by a fit on the *other* forms' rows only — the
honest measure of how the calibrated model will do on a form it has not seen.

**Refusals.** A row whose observed minutes lie outside what the model can give for that form within
the bounds (fastest: low band, fastest composition, no thinking; slowest: high band, slowest
composition, longest thinking) is refused with a line naming the row, the form and the range: the
timing (or the row's sections) is wrong, or the form is not what the model reads.
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass, field
from typing import Any

from .errors import FormaudError, UsageError

#: Weight of the pull towards the published values, against the sum of squared log errors of the rows
#: (a dimensionless tuning constant: 0.05 moves a fitted value only when the rows disagree with it).
PRIOR_WEIGHT = 0.05
#: Points of the coarse grid per fitted constant, and of the fine grid round the coarse optimum.
GRID_POINTS = 61
FINE_POINTS = 21
#: Fewest usable rows to calibrate on (two constants need at least two observations).
MIN_ROWS = 2


@dataclass
class Parts:
    """A completion's expected time split for the fit (seconds, words, boxes), per band index 0–2."""

    fixed: tuple[float, float, float]
    words: tuple[float, float, float]
    boxes: tuple[float, float, float]

    def predict(self, r: float, t: float, band: int = 1) -> float:
        return self.fixed[band] + self.words[band] * 60.0 / r + self.boxes[band] * t


@dataclass
class Row:
    line: int
    form: str  # as written in the CSV
    path: str  # resolved
    minutes: float
    completed_by: str = ""
    sections: list[str] = field(default_factory=list)
    parts: Parts | None = None


@dataclass
class Bounds:
    r_min: float
    r_max: float
    t_min: float
    t_max: float


def _bounds(data: dict[str, Any]) -> Bounds:
    b = data.get("calibration_bounds") or {}
    try:
        c, t = b["compose_wpm"], b["think"]
        out = Bounds(float(c["min"]), float(c["max"]), float(t["min"]), float(t["max"]))
    except (KeyError, TypeError, ValueError):
        raise UsageError(
            "rules/time_model.yaml: calibration_bounds needs compose_wpm and think {min, max}"
        ) from None
    if not (0 < out.r_min <= out.r_max and 0 <= out.t_min <= out.t_max):
        raise UsageError("rules/time_model.yaml: calibration_bounds are not ordered min ≤ max (wpm > 0)")
    return out


# --------------------------------------------------------------------------------------- reading


def read_timings(path: str | os.PathLike) -> tuple[list[Row], list[str]]:
    """Rows of the timings CSV and one message per row that cannot be used."""
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = {(h or "").strip().lower(): h for h in (reader.fieldnames or [])}
            missing = [c for c in ("form", "minutes") if c not in header]
            if missing:
                raise UsageError(
                    f"{path}: the header must name the columns form and minutes (missing: {', '.join(missing)})"
                )
            raw = list(reader)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise UsageError(f"{path}: cannot be read as CSV ({e.__class__.__name__})") from None
    base = os.path.dirname(os.path.abspath(path))
    rows, problems = [], []
    for i, r in enumerate(raw, start=2):

        def col(name: str, r: dict = r) -> str:
            h = header.get(name)
            return (r.get(h) or "").strip() if h else ""

        form = col("form")
        if not form:
            problems.append(f"{path}: row {i}: no form")
            continue
        try:
            minutes = float(col("minutes"))
        except ValueError:
            problems.append(f"{path}: row {i} ({form}): minutes must be a number")
            continue
        if not math.isfinite(minutes) or minutes <= 0:
            problems.append(f"{path}: row {i} ({form}): minutes must be positive")
            continue
        secs = [s.strip() for s in col("sections").split(";") if s.strip()]
        rows.append(
            Row(i, form, os.path.normpath(os.path.join(base, form)), minutes, col("completed_by"), secs)
        )
    return rows, problems


def _select_sections(form, fe, wanted: list[str]) -> tuple[list[Any], list[str]]:
    """The section estimates a row completed: by title (normalised) or number among titled sections."""
    from .compare import norm_title

    if not wanted:
        return list(fe.sections), []
    titled = [i for i, s in enumerate(form.sections) if s.title]
    by_title: dict[str, list[int]] = {}
    for i in titled:
        by_title.setdefault(norm_title(form.sections[i].title), []).append(i)
    chosen: set[int] = set()
    unknown = []
    for w in wanted:
        if w.isdigit() and 1 <= int(w) <= len(titled):
            idx = [titled[int(w) - 1]]
        else:
            idx = by_title.get(norm_title(w), [])
        if not idx:
            unknown.append(w)
            continue
        for i in idx:  # a section and its sub-sections
            chosen.add(i)
            sid = form.sections[i].id
            chosen.update(j for j, s in enumerate(form.sections) if sid and s.parent == sid)
    return [fe.sections[i] for i in sorted(chosen) if i < len(fe.sections)], unknown


def parts_of(form, model, wanted_sections: list[str] | None = None) -> tuple[Parts, list[str]]:
    """Split a form's expected time (or that of the sections completed) for the fit."""
    from .timing import estimate_form

    fe = estimate_form(form, model=model)
    secs, unknown = _select_sections(form, fe, wanted_sections or [])
    totals = [fe.title_read.low, fe.title_read.expected, fe.title_read.high]
    compose = [0.0, 0.0, 0.0]
    think = [0.0, 0.0, 0.0]
    for s in secs:
        for k, v in enumerate((s.total.low, s.total.expected, s.total.high)):
            totals[k] += v
        for name, acc in (("compose", compose), ("think", think)):
            o = s.total.ops.get(name)
            if o is not None:
                acc[0] += o.low
                acc[1] += o.expected
                acc[2] += o.high
    long_boxes = sum(1 for s in form.sections for f in s.fields if f.kind == "long_text")
    words = tuple(compose[k] * model.compose_wpm[k] / 60.0 for k in range(3))
    boxes = tuple(think[k] / model.think[k] if model.think[k] > 0 else float(long_boxes) for k in range(3))
    fixed = tuple(totals[k] - compose[k] - think[k] for k in range(3))
    return Parts(fixed, words, boxes), unknown  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------- fit


def _data_loss(row: Row, r: float, t: float) -> float:
    pred = row.parts.predict(r, t) / 60.0  # type: ignore[union-attr]
    return math.log(max(pred, 1e-9) / row.minutes) ** 2


def _prior(r: float, t: float, r0: float, t0: float) -> float:
    # the pull towards the published values, on the same (log) scale; thinking time offset by 5 s so
    # that zero thinking is a finite distance away
    return PRIOR_WEIGHT * (math.log(r / r0) ** 2 + math.log((t + 5.0) / (t0 + 5.0)) ** 2)


def _grid(r_lo: float, r_hi: float, t_lo: float, t_hi: float, n: int) -> list[tuple[float, float]]:
    rs = [r_lo * (r_hi / r_lo) ** (i / (n - 1)) for i in range(n)] if r_hi > r_lo else [r_lo]
    ts = [t_lo + (t_hi - t_lo) * i / (n - 1) for i in range(n)] if t_hi > t_lo else [t_lo]
    return [(r, t) for r in rs for t in ts]


def coarse_losses(rows: list[Row], bounds: Bounds) -> list[list[float]]:
    """Each row's data loss at every point of the coarse grid (computed once; a leave-one-out fold
    subtracts its held-out rows from the sum instead of recomputing — no loop over folds × rows)."""
    pts = _grid(bounds.r_min, bounds.r_max, bounds.t_min, bounds.t_max, GRID_POINTS)
    return [[_data_loss(row, r, t) for r, t in pts] for row in rows]


def fit(
    rows: list[Row], bounds: Bounds, r0: float, t0: float, coarse_sum: list[float] | None = None
) -> tuple[float, float]:
    """Composition rate and thinking time minimising the loss within the bounds: the coarse grid (from
    ``coarse_sum``, the rows' summed data losses per grid point, when given), then a finer grid."""
    pts = _grid(bounds.r_min, bounds.r_max, bounds.t_min, bounds.t_max, GRID_POINTS)
    if coarse_sum is None:
        coarse_sum = [sum(x) for x in zip(*coarse_losses(rows, bounds), strict=True)]
    _, r, t = min((loss + _prior(r, t, r0, t0), r, t) for loss, (r, t) in zip(coarse_sum, pts, strict=True))
    step_r = (bounds.r_max / bounds.r_min) ** (1 / (GRID_POINTS - 1))
    step_t = (bounds.t_max - bounds.t_min) / (GRID_POINTS - 1)
    fine = _grid(
        max(bounds.r_min, r / step_r),
        min(bounds.r_max, r * step_r),
        max(bounds.t_min, t - step_t),
        min(bounds.t_max, t + step_t),
        FINE_POINTS,
    )
    _, r, t = min((sum(_data_loss(row, r, t) for row in rows) + _prior(r, t, r0, t0), r, t) for r, t in fine)
    return r, t


def _err(pred: float, obs: float) -> float:
    return pred / obs - 1.0


def _mae(xs: list[float]) -> float:
    return sum(abs(x) for x in xs) / len(xs) if xs else 0.0


def calibrate(timings: str | os.PathLike, rules_dir: str | None = None) -> dict[str, Any]:
    """Fit the free-text constants to the timed completions of ``timings`` (see the module docstring).

    Returns a result dict (``rows``, ``fitted``, ``errors``, ``refused``, ``time_model`` overrides);
    raises :class:`UsageError` when fewer than ``MIN_ROWS`` rows can be used.
    """
    from . import ruledata
    from .isolate import read_one
    from .timing import TimeModel

    data = ruledata.load("time_model", rules_dir)
    model = TimeModel(data)
    bounds = _bounds(data)
    r0, t0 = model.compose_wpm[1], model.think[1]
    rows, refused = read_timings(timings)
    forms: dict[str, Any] = {}
    usable: list[Row] = []
    for row in rows:
        where = f"{os.fspath(timings)}: row {row.line} ({row.form})"
        if row.path not in forms:
            try:
                forms[row.path] = read_one(row.path)  # isolated, with the time and memory limits
            except FormaudError as e:
                forms[row.path] = e
        form = forms[row.path]
        if isinstance(form, Exception):
            refused.append(f"{where}: cannot be read — {getattr(form, 'reason', None) or form}")
            continue
        row.parts, unknown = parts_of(form, model, row.sections)
        if unknown:
            refused.append(f"{where}: no section {', '.join(repr(u) for u in unknown)} in the form")
            continue
        lo = row.parts.predict(bounds.r_max, bounds.t_min, band=0) / 60.0
        hi = row.parts.predict(bounds.r_min, bounds.t_max, band=2) / 60.0
        if not lo <= row.minutes <= hi:
            refused.append(
                f"{where}: {row.minutes:g} minutes is outside what the time model can give this form within "
                f"the published bounds ({lo:.1f}–{hi:.1f} minutes: composition {bounds.r_min:g}–{bounds.r_max:g} "
                f"wpm, thinking {bounds.t_min:g}–{bounds.t_max:g} s per box) — refused; check the timing, "
                "its sections, or that the form is the one timed"
            )
            continue
        usable.append(row)
    if len(usable) < MIN_ROWS:
        raise UsageError(
            f"{os.fspath(timings)}: {len(usable)} usable timed completion(s); calibrating needs at least "
            f"{MIN_ROWS}" + (f" ({len(refused)} refused: {refused[0]})" if refused else "")
        )
    table = coarse_losses(usable, bounds)
    total = [sum(x) for x in zip(*table, strict=True)]
    r, t = fit(usable, bounds, r0, t0, total)
    by_form: dict[str, list[int]] = {}
    for i, row in enumerate(usable):
        by_form.setdefault(row.path, []).append(i)
    loo: dict[int, float] = {}
    for held in by_form.values():
        if len(held) == len(usable):
            continue
        held_set = set(held)
        rest = [x for i, x in enumerate(usable) if i not in held_set]
        fold = list(total)
        for i in held:
            fold = [a - b for a, b in zip(fold, table[i], strict=True)]
        rr, tt = fit(rest, bounds, r0, t0, fold)
        for i in held:
            loo[usable[i].line] = usable[i].parts.predict(rr, tt) / 60.0  # type: ignore[union-attr]
    out_rows = []
    for row in usable:
        before = row.parts.predict(r0, t0) / 60.0  # type: ignore[union-attr]
        after = row.parts.predict(r, t) / 60.0  # type: ignore[union-attr]
        out_rows.append(
            {
                "row": row.line,
                "form": row.form,
                "completed_by": row.completed_by or None,
                "sections": row.sections or None,
                "observed_minutes": row.minutes,
                "before_minutes": before,
                "after_minutes": after,
                "loo_minutes": loo.get(row.line),
                "error_before": _err(before, row.minutes),
                "error_after": _err(after, row.minutes),
                "error_loo": _err(loo[row.line], row.minutes) if row.line in loo else None,
            }
        )
    loo_errs = [x["error_loo"] for x in out_rows if x["error_loo"] is not None]
    before_errs = [x["error_before"] for x in out_rows]
    completers: dict[str, int] = {}
    for row in usable:
        completers[row.completed_by or "not given"] = completers.get(row.completed_by or "not given", 0) + 1
    return {
        "schema": "formaudit.calibration/1",
        "timings": os.path.basename(os.fspath(timings)),
        "completions": len(usable),
        "forms": len(by_form),
        "completed_by": completers,
        "published": {"compose_wpm": r0, "think": t0},
        "fitted": {"compose_wpm": r, "think": t},
        "bounds": {"compose_wpm": [bounds.r_min, bounds.r_max], "think": [bounds.t_min, bounds.t_max]},
        "at_bound": [
            name
            for name, v, lo_b, hi_b in (
                ("compose_wpm", r, bounds.r_min, bounds.r_max),
                ("think", t, bounds.t_min, bounds.t_max),
            )
            if math.isclose(v, lo_b, rel_tol=1e-6, abs_tol=1e-9) or math.isclose(v, hi_b, rel_tol=1e-6)
        ],
        "rows": out_rows,
        "mean_abs_error": {
            "before": _mae(before_errs),
            "after": _mae([x["error_after"] for x in out_rows]),
            # before calibration nothing was fitted, so its out-of-sample error is its error
            "loo_before": _mae(before_errs),
            "loo_after": _mae(loo_errs) if loo_errs else None,
        },
        "refused": refused,
        "time_model": _overrides(model, r, t, bounds),
    }


def _overrides(model, r: float, t: float, b: Bounds) -> dict[str, Any]:
    """``long_text.compose_wpm`` and ``long_text.think`` at the fitted values, the bands keeping the
    published spread (ratio to expected), clamped to the bounds."""
    (w_lo, w_ex, w_hi), (k_lo, k_ex, k_hi) = model.compose_wpm, model.think

    def clamp(x: float, lo: float, hi: float) -> float:
        return min(hi, max(lo, x))

    wpm = {
        "low": round(clamp(r * w_lo / w_ex, b.r_min, b.r_max), 2),  # faster → the low time
        "expected": round(r, 2),
        "high": round(clamp(r * w_hi / w_ex, b.r_min, b.r_max), 2),
    }
    wpm["low"], wpm["high"] = max(wpm["low"], wpm["expected"]), min(wpm["high"], wpm["expected"])
    think = {
        "low": round(clamp(t * (k_lo / k_ex if k_ex else 1.0), b.t_min, b.t_max), 2),
        "expected": round(t, 2),
        "high": round(clamp(t * (k_hi / k_ex if k_ex else 1.0), b.t_min, b.t_max), 2),
    }
    think["low"], think["high"] = min(think["low"], think["expected"]), max(think["high"], think["expected"])
    return {"long_text": {"compose_wpm": wpm, "think": think}}


# ------------------------------------------------------------------------------------------ write


def write_rules(
    result: dict[str, Any], out_dir: str | os.PathLike, rules_dir: str | None = None, force: bool = False
) -> list[str]:
    """Write a rules folder usable with ``--rules``: ``time_model.yaml`` with the fitted constants and
    a ``calibration`` block (what reports cite), plus copies of ``rules_dir``'s other files (so a
    council's own rules travel with the calibration). Returns the files written."""
    import yaml

    from .output import atomic_write

    out = os.fspath(out_dir)
    if os.path.exists(out) and not os.path.isdir(out):
        raise UsageError(f"{out}: exists and is not a folder")
    os.makedirs(out, exist_ok=True)
    written = []
    user_tm: dict[str, Any] = {}
    if rules_dir:
        from .ruledata import _read_yaml

        for name in sorted(os.listdir(rules_dir)):
            src = os.path.join(rules_dir, name)
            if not name.endswith(".yaml") or not os.path.isfile(src):
                continue
            with open(src, encoding="utf-8") as fh:
                text = fh.read()
            if name == "time_model.yaml":
                user_tm = _read_yaml(text, src)
                continue
            dst = os.path.join(out, name)
            if os.path.abspath(dst) == os.path.abspath(src):
                continue
            atomic_write(dst, text, force=force)
            written.append(dst)
    tm = dict(user_tm)
    lt = dict(tm.get("long_text") or {})
    lt.update(result["time_model"]["long_text"])
    tm["long_text"] = lt
    m = result["mean_abs_error"]
    tm["calibration"] = {
        "completions": result["completions"],
        "forms": result["forms"],
        "timings": result["timings"],
        "fitted": {k: round(v, 3) for k, v in result["fitted"].items()},
        "mean_abs_error": {k: (None if v is None else round(v, 4)) for k, v in m.items()},
    }
    header = (
        "# Written by `formaudit calibrate` from timed completions (docs/time-model.md).\n"
        f"# Calibrated on {result['completions']} completions of {result['forms']} forms: effective composition "
        f"rate {result['fitted']['compose_wpm']:.1f} wpm (published {result['published']['compose_wpm']:g}), "
        f"thinking time {result['fitted']['think']:.1f} s per free-text box (published {result['published']['think']:g}).\n"
        '# Use this folder with --rules; reports then say "calibrated on N completions".\n'
    )
    dst = os.path.join(out, "time_model.yaml")
    atomic_write(dst, header + yaml.safe_dump(tm, sort_keys=False, allow_unicode=True), force=force)
    written.append(dst)
    return written


def render(result: dict[str, Any], fmt: str = "text", written: list[str] | None = None) -> str:
    """The calibration report: fitted constants, error per row before/after and leave-one-out."""
    if fmt == "json":
        import json

        d = {**result, "written": list(written or [])}
        return json.dumps(d, indent=2, ensure_ascii=False) + "\n"

    def pct(x: float | None) -> str:
        return "—" if x is None else f"{x * 100:+.0f}%"

    f, p, b = result["fitted"], result["published"], result["bounds"]
    lines = [
        f"Calibrated on {result['completions']} completions of {result['forms']} forms ({result['timings']})",
        f"  effective composition rate  {p['compose_wpm']:g} → {f['compose_wpm']:.1f} wpm   "
        f"(bounds {b['compose_wpm'][0]:g}–{b['compose_wpm'][1]:g})",
        f"  thinking time per box       {p['think']:g} → {f['think']:.1f} s   "
        f"(bounds {b['think'][0]:g}–{b['think'][1]:g})",
    ]
    if result["at_bound"]:
        lines.append(
            f"  at a bound: {', '.join(result['at_bound'])} — the timings want more than the bounds allow"
        )
    lines += [
        "",
        f"  {'row':>4}  {'form':<40} {'observed':>9} {'before':>16} {'after':>16} {'leave-one-out':>16}",
    ]
    for r in result["rows"]:
        name = r["form"] if len(r["form"]) <= 40 else "…" + r["form"][-39:]
        loo = "—" if r["loo_minutes"] is None else f"{r['loo_minutes']:.1f} ({pct(r['error_loo'])})"
        lines.append(
            f"  {r['row']:>4}  {name:<40} {r['observed_minutes']:>9.1f} "
            f"{r['before_minutes']:>9.1f} ({pct(r['error_before']):>5}) {r['after_minutes']:>9.1f} ({pct(r['error_after']):>5}) "
            f"{loo:>16}"
        )
    m = result["mean_abs_error"]
    lines += [
        "",
        f"  mean absolute error: before {m['before'] * 100:.0f}%, after {m['after'] * 100:.0f}% (fitted on all rows)",
        f"  leave-one-out (each form predicted by a fit on the other forms): before {m['loo_before'] * 100:.0f}%, "
        + ("after —" if m["loo_after"] is None else f"after {m['loo_after'] * 100:.0f}%"),
    ]
    if written:
        lines += [
            "",
            "Wrote " + ", ".join(written),
            "Use the folder with --rules: reports will say "
            f'"calibrated on {result["completions"]} completions".',
        ]
    return "\n".join(lines) + "\n"
