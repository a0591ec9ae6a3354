"""Completion-time estimates: how long a form takes to fill in, field by field.

Pure arithmetic over the form model with the constants of ``rules/time_model.yaml`` (reading speed,
Keystroke-Level Model operators, typed characters per kind, composition speed, rows filled…). Each
estimate has a ``low``, ``expected`` and ``high`` value in seconds and an ``ops`` breakdown by
operator — ``read``, ``mental``, ``point``, ``home``, ``keys``, ``compose``, ``think``, ``choose``,
``sign``, ``verify`` — where every entry names the YAML constants it was computed from.

    from formaudit import read_form
    from formaudit.timing import estimate_form, explain
    fe = estimate_form(read_form("plan.docx"))
    fe.minutes            # {"low": …, "expected": …, "high": …}
    for row in explain(fe): print(row)

Estimates of identical fields are shared (memoised per model), so 100,000 fields take a fraction of a
second. Treat :class:`Estimate` objects as read-only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from . import ruledata
from .errors import UsageError
from .model import Field, Form

BANDS = ("low", "expected", "high")
#: Operators in the order the explanation lists them.
OPERATORS = ("read", "mental", "point", "home", "keys", "compose", "think", "choose", "sign", "verify")
TYPED_KINDS = frozenset({"text", "number", "date", "time", "email", "phone"})

Triple = tuple[float, float, float]


class Op(NamedTuple):
    """One operator's share of an estimate (seconds) and the constants it came from."""

    low: float
    expected: float
    high: float
    constants: tuple[str, ...]
    detail: str = ""


@dataclass(frozen=True)
class Estimate:
    """Seconds to complete something: ``low`` ≤ ``expected`` ≤ ``high``, and ``ops`` by operator."""

    low: float
    expected: float
    high: float
    ops: dict[str, Op] = field(default_factory=dict)

    @property
    def minutes(self) -> dict[str, float]:
        return {"low": self.low / 60, "expected": self.expected / 60, "high": self.high / 60}


ZERO = Estimate(0.0, 0.0, 0.0, {})


def _make(ops: dict[str, Op]) -> Estimate:
    lo = sum(o.low for o in ops.values())
    ex = sum(o.expected for o in ops.values())
    hi = sum(o.high for o in ops.values())
    return Estimate(min(lo, ex), ex, max(hi, ex), ops)


def _add_op(ops: dict[str, Op], name: str, t: Triple, constants: tuple[str, ...], detail: str = "") -> None:
    if name in ops:
        o = ops[name]
        cs = o.constants + tuple(c for c in constants if c not in o.constants)
        d = f"{o.detail}; {detail}" if o.detail and detail else (o.detail or detail)
        ops[name] = Op(o.low + t[0], o.expected + t[1], o.high + t[2], cs, d)
    else:
        ops[name] = Op(t[0], t[1], t[2], constants, detail)


def _sum_estimates(ests) -> Estimate:
    """Add estimates operator by operator (identical, memoised estimates are counted, not re-added)."""
    counts: dict[int, list] = {}
    for e in ests:
        c = counts.get(id(e))
        if c is None:
            counts[id(e)] = [e, 1]
        else:
            c[1] += 1
    # the sums _add_op would make, in the same order (so the same floats), without an Op per addition
    acc: dict[str, list] = {}
    for e, n in counts.values():
        for name, o in e.ops.items():
            a = acc.get(name)
            if a is None:
                acc[name] = [o.low * n, o.expected * n, o.high * n, o.constants]
                continue
            a[0] += o.low * n
            a[1] += o.expected * n
            a[2] += o.high * n
            if o.constants != a[3]:
                a[3] = a[3] + tuple(c for c in o.constants if c not in a[3])
    ops = {name: Op(a[0], a[1], a[2], a[3]) for name, a in acc.items()}
    lo = sum(o.low for o in ops.values())
    ex = sum(o.expected for o in ops.values())
    hi = sum(o.high for o in ops.values())
    return Estimate(lo, ex, hi, {k: ops[k] for k in sorted(ops, key=_op_order)})


def _op_order(name: str) -> int:
    return OPERATORS.index(name) if name in OPERATORS else len(OPERATORS)


# --------------------------------------------------------------------------------------------- model


def _triple(v: Any, where: str) -> Triple:
    """A constant as (low, expected, high): a number means all three; missing bands fall back to expected."""
    if isinstance(v, bool):
        raise UsageError(f"rules/time_model.yaml: {where} must be a number or {{low, expected, high}}")
    if isinstance(v, (int, float)):
        return (float(v), float(v), float(v))
    if isinstance(v, dict) and "expected" in v:
        try:
            ex = float(v["expected"])
            return (float(v.get("low", ex)), ex, float(v.get("high", ex)))
        except (TypeError, ValueError):
            pass
    raise UsageError(f"rules/time_model.yaml: {where} must be a number or {{low, expected, high}}")


class TimeModel:
    """The constants of ``rules/time_model.yaml`` resolved to (low, expected, high) triples."""

    def __init__(self, data: dict[str, Any], observed: dict[str, Any] | None = None):
        def g(group: str, key: str) -> Triple:
            try:
                return _triple(data[group][key], f"{group}.{key}")
            except (KeyError, TypeError):
                raise UsageError(f"rules/time_model.yaml: missing {group}.{key}") from None

        self.wpm = g("reading", "wpm")
        if min(self.wpm) <= 0:
            raise UsageError("rules/time_model.yaml: reading.wpm must be positive")
        self.M, self.P, self.H, self.K, self.B = (g("klm", k) for k in ("M", "P", "H", "K", "B"))
        typing = data.get("typing") or {}
        self.homes = float(typing.get("homes", 2))
        self.chars = {k: _triple(v, f"typing.chars.{k}") for k, v in (typing.get("chars") or {}).items()}
        if "text" not in self.chars:
            raise UsageError("rules/time_model.yaml: missing typing.chars.text")
        self.label_chars: list[tuple[re.Pattern, Triple, str]] = []
        for i, item in enumerate(typing.get("label_chars") or []):
            try:
                pat = re.compile(str(item["pattern"]), re.I)
            except (KeyError, TypeError, re.error) as e:
                raise UsageError(
                    f"rules/time_model.yaml: typing.label_chars[{i}]: bad pattern ({e})"
                ) from None
            name = str(item.get("name") or i)
            self.label_chars.append((pat, _triple(item.get("chars"), f"typing.label_chars[{i}].chars"), name))
        self.choose = g("closed", "choose")
        self.options_chosen = g("closed", "options_chosen")
        self.extra_choice = g("closed", "extra_choice")
        self.compose_wpm = g("long_text", "compose_wpm")
        if min(self.compose_wpm) <= 0:
            raise UsageError("rules/time_model.yaml: long_text.compose_wpm must be positive")
        self.think = g("long_text", "think")
        lt = data["long_text"]
        self.words_per_line = float(lt.get("words_per_line", 12))
        self.default_words = g("long_text", "default_words")
        self.fill = g("long_text", "fill")
        self.max_words = float(lt.get("max_words") or 10**9)
        self.rows_filled = g("tables", "rows_filled")
        self.default_rows = int((data.get("tables") or {}).get("default_rows") or 5)
        self.cell_words = g("tables", "cell_words")
        self.sign = g("signature", "sign")
        self.verify = g("prefilled", "verify")
        cal = data.get("calibration")
        #: completions the free-text constants were fitted on (``formaudit calibrate``), or 0
        self.calibrated_on = int(cal.get("completions") or 0) if isinstance(cal, dict) else 0
        #: answer lengths observed in completed forms (rules ``answers.yaml``, ``formaudit usage --write-rules``)
        self.observed = ObservedAnswers(observed or {})
        self._memo: dict[tuple, Estimate] = {}
        self._label_class: dict[str, int] = {}
        self._col_kind: dict[str, tuple[str, int]] = {}

    @classmethod
    def load(cls, rules_dir: str | None = None) -> TimeModel:
        return _model_for(rules_dir)

    @property
    def calibration_label(self) -> str:
        """How sure the estimates are: "calibrated on N completions" or "uncalibrated"."""
        if self.calibrated_on:
            n = self.calibrated_on
            label = f"calibrated on {n} completion{'s' if n != 1 else ''}"
        else:
            label = "uncalibrated"
        if self.observed.completions:
            n = self.observed.completions
            label += f"; answer lengths observed in {n} completion{'s' if n != 1 else ''}"
        return label

    # -- helpers -------------------------------------------------------------------------------------

    def read(self, words: int) -> Triple:
        return tuple(words * 60.0 / w for w in self.wpm)  # type: ignore[return-value]

    def label_class(self, label: str) -> int:
        """Index of the first ``typing.label_chars`` pattern the label matches, or -1."""
        c = self._label_class.get(label)
        if c is None:
            c = -1
            for i, (pat, _, _) in enumerate(self.label_chars):
                if pat.search(label):
                    c = i
                    break
            if len(self._label_class) > 200_000:
                self._label_class.clear()
            self._label_class[label] = c
        return c

    def typed_chars(self, kind: str, cls: int) -> tuple[Triple, str]:
        if kind == "text" and cls >= 0:
            return self.label_chars[cls][1], f"typing.label_chars.{self.label_chars[cls][2]}"
        if kind in self.chars:
            return self.chars[kind], f"typing.chars.{kind}"
        return self.chars["text"], "typing.chars.text"

    def column_kind(self, heading: str) -> tuple[str, int]:
        """A grid column's kind from its heading: a typed kind, or ``long_text`` for prose cells."""
        r = self._col_kind.get(heading)
        if r is None:
            from .readers.common import kind_from_label

            k = kind_from_label(heading) or "text"
            if k not in TYPED_KINDS:
                k = "text"
            cls = self.label_class(heading) if k == "text" else -1
            if k == "text" and cls < 0 and kind_from_label(heading, allow_long=True) == "long_text":
                k = "long_text"
            r = (k, cls)
            self._col_kind[heading] = r
        return r


_MODELS: dict[str | None, TimeModel] = {}


def _model_for(rules_dir: str | None) -> TimeModel:
    m = _MODELS.get(rules_dir)
    if m is None:
        m = TimeModel(
            ruledata.load("time_model", rules_dir), ruledata.load("answers", rules_dir).get("answers")
        )
        if len(_MODELS) > 32:
            _MODELS.clear()
        _MODELS[rules_dir] = m
    return m


def _mul(t: Triple, k: float | Triple) -> Triple:
    if isinstance(k, tuple):
        return (t[0] * k[0], t[1] * k[1], t[2] * k[2])
    return (t[0] * k, t[1] * k, t[2] * k)


def _rows(model: TimeModel, offered: int | None) -> Triple:
    """Rows actually filled: ``tables.rows_filled`` capped by the rows the form offers."""
    cap = offered if offered and offered > 0 else model.default_rows
    lo, ex, hi = (min(float(cap), r) for r in model.rows_filled)
    return (lo, max(lo, ex), max(lo, ex, hi))


# ------------------------------------------------------------------------------------------ fields


def _words(s: str | None) -> int:
    return len(s.split()) if s else 0


def estimate_field(f: Field, model: TimeModel | None = None, prefilled: bool = False) -> Estimate:
    """Seconds to complete one field (low/expected/high) and its breakdown by operator.

    A field of a repeating record (``repeat``) is counted once per row actually filled; a ``table``
    once per cell of the rows actually filled. ``prefilled`` fields cost verification only.
    """
    if model is None:
        model = _model_for(None)
    kind = f.kind
    label_words = _words(f.label) + _words(f.hint)
    opt_words = (
        sum(_words(o) for o in f.options) if kind in ("yes_no", "choice", "multi_choice", "checkbox") else 0
    )
    cap = f.capacity or {}
    rep_rows = int(f.repeat.get("rows") or 0) if f.repeat else -1
    cls = model.label_class(f.label) if kind == "text" else -1
    key = (
        kind,
        label_words,
        opt_words,
        len(f.options),
        cls,
        cap.get("words"),
        cap.get("lines"),
        cap.get("rows"),
        rep_rows,
        tuple(f.columns) if kind == "table" else (),
        prefilled,
    )
    est = model._memo.get(key)
    if est is None:
        est = _compute(f, model, kind, label_words, opt_words, cls, cap, rep_rows, prefilled)
        if len(model._memo) > 200_000:
            model._memo.clear()
        model._memo[key] = est
    return est


def _compute(f, model: TimeModel, kind, label_words, opt_words, cls, cap, rep_rows, prefilled) -> Estimate:
    ops: dict[str, Op] = {}
    rows: Triple = _rows(model, rep_rows) if rep_rows >= 0 else (1.0, 1.0, 1.0)
    if kind == "table":
        rows = _rows(model, cap.get("rows"))
    rdesc = "" if rows == (1.0, 1.0, 1.0) else f" × rows {rows[1]:g} (tables.rows_filled)"

    if prefilled:
        _add_op(ops, "verify", _mul(model.verify, rows), ("prefilled.verify",), f"verify{rdesc}")
        return _make(ops)

    words = label_words + opt_words + (sum(_words(c) for c in f.columns) if kind == "table" else 0)
    if words:
        _add_op(ops, "read", model.read(words), ("reading.wpm",), f"{words} words × 60 / reading.wpm")

    if kind == "table":
        _table(f, model, rows, ops)
        return _make(ops)

    in_grid = rep_rows >= 0
    _add_op(ops, "mental", _mul(model.M, rows), ("klm.M",), f"M{rdesc}")

    if kind in ("yes_no", "choice", "checkbox", "multi_choice"):
        _add_op(ops, "choose", _mul(model.choose, rows), ("closed.choose",), f"choose{rdesc}")
        if kind == "multi_choice":
            n = len(f.options) or 2
            extra = tuple(max(0.0, min(float(n), c) - 1) for c in model.options_chosen)
            t = _mul(_mul(model.extra_choice, extra), rows)  # type: ignore[arg-type]
            _add_op(
                ops,
                "choose",
                t,
                ("closed.options_chosen", "closed.extra_choice"),
                f"{extra[1]:g} further options × closed.extra_choice",
            )
        return _make(ops)

    if kind == "signature":
        _add_op(ops, "sign", _mul(model.sign, rows), ("signature.sign",), "sign")
        return _make(ops)

    # typed or composed answers: get to the box and to the keyboard
    if in_grid:
        # a record's cells are reached with Tab; the record is reached by pointing once
        _add_op(ops, "keys", _mul(model.K, rows), ("klm.K",), f"Tab{rdesc}")
        _add_op(ops, "point", model.P, ("klm.P",), "point once")
        _add_op(ops, "home", _mul(model.H, model.homes), ("klm.H", "typing.homes"), "homes once")
    else:
        _add_op(ops, "point", model.P, ("klm.P",), "P")
        _add_op(ops, "home", _mul(model.H, model.homes), ("klm.H", "typing.homes"), f"{model.homes:g} × H")

    if kind == "long_text":
        if cap.get("words"):
            base: Triple = (float(cap["words"]),) * 3  # type: ignore[assignment]
            src = ("long_text.fill", "long_text.max_words")
            how = f"capacity {cap['words']} words"
        elif cap.get("lines"):
            base = (float(cap["lines"]) * model.words_per_line,) * 3  # type: ignore[assignment]
            src = ("long_text.words_per_line", "long_text.fill", "long_text.max_words")
            how = f"capacity {cap['lines']} lines × long_text.words_per_line"
        else:
            base = model.default_words
            src = ("long_text.default_words", "long_text.fill", "long_text.max_words")
            how = "long_text.default_words"
        words3 = tuple(min(model.max_words, b * fl) for b, fl in zip(base, model.fill, strict=True))
        t = tuple(w * 60.0 / wpm * r for w, wpm, r in zip(words3, model.compose_wpm, rows, strict=True))
        _add_op(
            ops,
            "compose",
            t,  # type: ignore[arg-type]
            ("long_text.compose_wpm",) + src,
            f"{words3[1]:g} words ({how} × long_text.fill) × 60 / long_text.compose_wpm{rdesc}",
        )
        _add_op(ops, "think", _mul(model.think, rows), ("long_text.think",), f"think{rdesc}")
        return _make(ops)

    chars, cname = model.typed_chars(kind if kind in TYPED_KINDS else "text", cls)
    _add_op(
        ops,
        "keys",
        _mul(_mul(model.K, chars), rows),
        ("klm.K", cname),
        f"{chars[1]:g} chars ({cname}) × klm.K{rdesc}",
    )
    return _make(ops)


def _table(f: Field, model: TimeModel, rows: Triple, ops: dict[str, Op]) -> None:
    """A grid answered as a whole: each column's cell per row actually filled."""
    cols = f.columns or [""]
    _add_op(ops, "point", model.P, ("klm.P",), "point once")
    _add_op(ops, "home", _mul(model.H, model.homes), ("klm.H", "typing.homes"), "homes once")
    for c in cols:
        k, cls = model.column_kind(c)
        _add_op(ops, "mental", _mul(model.M, rows), ("klm.M",), "")
        _add_op(ops, "keys", _mul(model.K, rows), ("klm.K",), "")  # Tab to the cell
        if k == "long_text":
            t = tuple(
                w * 60.0 / wpm * r
                for w, wpm, r in zip(model.cell_words, model.compose_wpm, rows, strict=True)
            )
            _add_op(ops, "compose", t, ("tables.cell_words", "long_text.compose_wpm"), "")  # type: ignore[arg-type]
        else:
            chars, cname = model.typed_chars(k, cls)
            _add_op(ops, "keys", _mul(_mul(model.K, chars), rows), ("klm.K", cname), "")
    # one detail line for the whole grid
    o = ops["mental"]
    ops["mental"] = o._replace(detail=f"M × {len(cols)} columns × rows {rows[1]:g} (tables.rows_filled)")


# -------------------------------------------------------------------------------------------- forms


@dataclass
class SectionEstimate:
    """One section: reading its title and guidance (``overhead``) plus its fields."""

    id: str
    title: str | None
    overhead: Estimate
    fields: dict[str, Estimate]
    total: Estimate

    @property
    def minutes(self) -> dict[str, float]:
        return self.total.minutes


@dataclass
class FormEstimate:
    """A whole form: the title read once, then every section; totals in seconds and minutes."""

    source: str
    title: str | None
    title_read: Estimate
    sections: list[SectionEstimate]
    total: Estimate

    @property
    def low(self) -> float:
        return self.total.low

    @property
    def expected(self) -> float:
        return self.total.expected

    @property
    def high(self) -> float:
        return self.total.high

    @property
    def seconds(self) -> dict[str, float]:
        return {"low": self.total.low, "expected": self.total.expected, "high": self.total.high}

    @property
    def minutes(self) -> dict[str, float]:
        return self.total.minutes

    @property
    def fields(self) -> dict[str, Estimate]:
        return {fid: e for s in self.sections for fid, e in s.fields.items()}

    @property
    def field_count(self) -> int:
        return sum(len(s.fields) for s in self.sections)


def _read_only(model: TimeModel, words: int, what: str) -> Estimate:
    if not words:
        return ZERO
    t = model.read(words)
    return Estimate(t[0], t[1], t[2], {"read": Op(*t, ("reading.wpm",), f"{what}: {words} words")})


def estimate_form(
    form: Form, rules_dir: str | None = None, prefilled_ids=frozenset(), model: TimeModel | None = None
) -> FormEstimate:
    """Estimate a whole form. ``prefilled_ids``: ids of fields the system fills in (verified only)."""
    if model is None:
        model = _model_for(rules_dir)
    prefilled_ids = frozenset(prefilled_ids)
    title_read = _read_only(model, _words(form.title), "form title")
    sections: list[SectionEstimate] = []
    observed = model.observed.for_form(form) if model.observed.templates else None
    for s in form.sections:
        overhead = _read_only(model, _words(s.title) + s.guidance_words, "section title and guidance")
        fields = {f.id: estimate_field(f, model, f.prefilled or f.id in prefilled_ids) for f in s.fields}
        if observed:
            for f in s.fields:
                obs = observed.get(f.id)
                if obs is not None and not (f.prefilled or f.id in prefilled_ids):
                    fields[f.id] = _observed_estimate(fields[f.id], model, *obs)
        total = _sum_estimates([overhead, *fields.values()])
        sections.append(SectionEstimate(s.id, s.title, overhead, fields, total))
    total = _sum_estimates([title_read, *(s.total for s in sections)])
    return FormEstimate(form.source, form.title, title_read, sections, total)


class ObservedAnswers:
    """Answer lengths observed in completed forms (``answers.yaml``), looked up by template and field.

    A form is recognised by its structure — the Jaccard similarity of its label keys to a template's
    (``formaudit.usage.MATCH_MIN``) — and a field by its label and occurrence; only free-text fields
    (``long_text``, one answer per completion) use them.
    """

    def __init__(self, data: dict[str, Any]):
        self.templates = [t for t in (data.get("templates") or []) if isinstance(t, dict)]
        self.completions = sum(int(t.get("completions") or 0) for t in self.templates if t.get("fields"))
        self._sigs = [frozenset(str(x) for x in t.get("labels") or []) for t in self.templates]

    def for_form(self, form: Form) -> dict[str, tuple[Triple, int]]:
        """``{field id: ((q1, median, q3) words × fill rate, completions)}`` for the form's free-text fields."""
        from .usage import MATCH_MIN, jaccard, signature
        from .usage.answers import label_key

        sig = signature(form)
        best, score = None, 0.0
        for t, tsig in zip(self.templates, self._sigs, strict=True):
            j = jaccard(sig, tsig)
            if j > score:
                best, score = t, j
        if best is None or score < MATCH_MIN:
            return {}
        by_key: dict[tuple[str, int], dict[str, Any]] = {}
        for fd in best.get("fields") or []:
            by_key[(label_key(str(fd.get("label", ""))), int(fd.get("occurrence") or 1))] = fd
        n = int(best.get("completions") or 0)
        out: dict[str, tuple[Triple, int]] = {}
        seen: dict[str, int] = {}
        for f in form.fields:
            k = label_key(f.label)
            seen[k] = seen.get(k, 0) + 1
            fd = by_key.get((k, seen[k]))
            if fd is None or f.kind != "long_text" or f.repeat:
                continue
            w = fd.get("words") or {}
            fill = float(fd.get("fill_rate", 1.0))
            med = float(w.get("median", 0))
            words = (float(w.get("q1", med)) * fill, med * fill, float(w.get("q3", med)) * fill)
            out[f.id] = (words, n)
        return out


def _observed_estimate(est: Estimate, model: TimeModel, words: Triple, n: int) -> Estimate:
    """``est`` with its composition re-costed from the words observed in ``n`` completions."""
    ops = dict(est.ops)
    t = tuple(w * 60.0 / wpm for w, wpm in zip(words, model.compose_wpm, strict=True))
    ops["compose"] = Op(
        *t,  # type: ignore[arg-type]
        ("answers.observed", "long_text.compose_wpm"),
        f"{words[1]:g} words (observed in {n} completions: median × fill rate) × 60 / long_text.compose_wpm",
    )
    return _make(ops)


def explain(fe: FormEstimate) -> list[dict[str, Any]]:
    """Rows for ``--explain``: one per section, one per operator, then the total.

    Each row: ``by`` ("section" | "operator" | "total"), ``name``, ``fields``, ``low``/``expected``/``high``
    (seconds), ``minutes`` (expected), ``share`` (of the expected total) and ``constants`` (YAML names).
    """
    total = fe.total.expected or 1.0

    def row(by: str, name: str, n: int, e_low: float, e_ex: float, e_hi: float, constants: str) -> dict:
        return {
            "by": by,
            "name": name,
            "fields": n,
            "low": round(e_low, 2),
            "expected": round(e_ex, 2),
            "high": round(e_hi, 2),
            "minutes": round(e_ex / 60, 2),
            "share": round(e_ex / total, 3),
            "constants": constants,
        }

    rows: list[dict[str, Any]] = []
    if fe.title_read.expected:
        t = fe.title_read
        rows.append(row("section", "(form title)", 0, t.low, t.expected, t.high, "reading.wpm"))
    for s in fe.sections:
        t = s.total
        consts = sorted({c for o in t.ops.values() for c in o.constants})
        rows.append(
            row(
                "section",
                s.title or "(untitled)",
                len(s.fields),
                t.low,
                t.expected,
                t.high,
                ", ".join(consts),
            )
        )
    for name, o in fe.total.ops.items():
        rows.append(row("operator", name, 0, o.low, o.expected, o.high, ", ".join(o.constants)))
    t = fe.total
    rows.append(row("total", fe.title or fe.source, fe.field_count, t.low, t.expected, t.high, ""))
    return rows


# ---------------------------------------------------------------------------------------- run cache


def timings(ctx) -> dict[str, dict[str, float]]:
    """Estimate every form of a run once; shared by the checks through ``ctx.cache``.

    Stores ``ctx.cache["timing"] = {source: {field_id: expected_seconds}}``,
    ``ctx.cache["form_minutes"] = {source: {"low", "expected", "high"}}`` and
    ``ctx.cache["form_estimates"] = {source: FormEstimate}``; returns ``ctx.cache["timing"]``.
    """
    cache = ctx.cache
    if "timing" not in cache:
        rules_dir = getattr(ctx, "rules_dir", None)
        early = cache.pop("early_estimates", {})  # forms estimated as they were read (estimate_early)
        timing: dict[str, dict[str, float]] = {}
        minutes: dict[str, dict[str, float]] = {}
        estimates: dict[str, FormEstimate] = {}
        for form in ctx.forms:
            got = early.get(form.source)
            fe = got[1] if got is not None and got[0] is form else _estimate(form, cache, rules_dir)
            estimates[form.source] = fe
            timing[form.source] = {fid: e.expected for fid, e in fe.fields.items()}
            minutes[form.source] = fe.minutes
        cache["form_estimates"] = estimates
        cache["form_minutes"] = minutes
        cache["timing"] = timing
    return cache["timing"]


def _estimate(form: Form, cache: dict, rules_dir: str | None) -> FormEstimate:
    # {source: field ids the system fills in}, for callers that know them (none by default)
    prefilled = cache.get("prefilled_ids") or {}
    return estimate_form(form, model=_model_for(rules_dir), prefilled_ids=prefilled.get(form.source, ()))


def estimate_early(form: Form, cache: dict, rules_dir: str | None) -> None:
    """Estimate one form ahead of :func:`timings` (as it is read, while other files still are); the run's
    :func:`timings` then uses it — the same estimate it would compute."""
    cache.setdefault("early_estimates", {})[form.source] = (form, _estimate(form, cache, rules_dir))
