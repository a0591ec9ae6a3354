"""``formaudit usage``: what a sample of completed forms shows — fields left blank, answers typed twice,
and how long free-text answers really are.

    from formaudit.usage import analyse
    result = analyse(["filled/"], templates=["templates/"])   # a UsageResult; .to_dict() is formaudit.usage/1

Completed forms are matched to templates **by structure** (the Jaccard similarity of their sets of field
labels and section titles, :data:`MATCH_MIN`), never by file name. Without templates, completions are grouped
by the same similarity and each group stands for its template (only labels most of the group share are
shown, so text typed into a form can never pass for a label).

**Privacy.** Each answer is reduced at once to: answered or not, its word count, the printed option it
chose, and a keyed hash (HMAC-SHA-256 with a random key made for this run and never written) used only to
count identical answers. No value, fragment, hash or single completion's length is ever output: every
statistic is an aggregate over at least ``min_group`` completions (smaller groups are suppressed and
counted), and nothing is cached (filled forms are read past the parsed-form cache).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FormaudError, FormError
from ..model import CLOSED_KINDS, Field, Finding, Form, Section

USAGE_SCHEMA = "formaudit.usage/1"
#: least Jaccard similarity (0–1) of label sets for a completed form to match a template
MATCH_MIN = 0.6
#: default least number of completions behind any statistic (``--min-group``)
MIN_GROUP = 5
#: FA401: a field answered in fewer than this share of completions (0–1) is never used
NEVER_USED_RATE = 0.05
#: FA402: two fields holding the same answer in at least this share (0–1) of the completions answering both
COPY_RATE = 0.8
#: an answer shared by more than this many fields of one completion is a generic entry ("n/a", "see above"):
#: it counts for no pair
MAX_SHARED_FIELDS = 3
#: FA403: the median answer under this share of the box's capacity (words/words), or over the high share
BOX_LOW_SHARE = 0.25
BOX_HIGH_SHARE = 1.5
#: words per line of an answer box whose capacity is given in lines (as rules/time_model.yaml)
WORDS_PER_LINE = 12
#: labels a group of completions shares: in at least this share (0–1) of its readings (inferred templates)
SHARED_LABEL_SHARE = 0.5
OTHER = "(other)"

CHECKS = {
    "FA401": ("never-used-field", "info"),
    "FA402": ("copied-answer", "warning"),
    "FA403": ("box-size-vs-answers", "info"),
}


def signature(form: Form) -> frozenset[str]:
    """A form's structure: its field labels and section titles, as comparison keys."""
    from .answers import label_key

    keys = {"f:" + label_key(f.label) for f in form.fields if f.label}
    keys |= {"s:" + label_key(s.title) for s in form.sections if s.title}
    return frozenset(keys)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


# --------------------------------------------------------------------------------------- accumulating


@dataclass
class _FieldStats:
    answered: int = 0
    mask: int = 0  # bit i: completion i answered it
    words: list[int] = field(default_factory=list)
    options: Counter = field(default_factory=Counter)


@dataclass
class _Template:
    form: Form
    source: str
    sig: frozenset[str]
    observable: set[str] = field(default_factory=set)
    completions: int = 0
    stats: dict[str, _FieldStats] = field(default_factory=dict)
    same: Counter = field(default_factory=Counter)  # (id a, id b) → completions with identical answers
    members: list[frozenset[str]] = field(default_factory=list)  # inferred templates: member signatures
    titles: Counter = field(default_factory=Counter)
    inferred: bool = False
    #: what the blank template itself holds in an answer place (a preset choice, a prompt): not an answer
    defaults: dict[str, str] = field(default_factory=dict)

    def fields(self) -> list[tuple[Section, Field]]:
        return [(s, f) for s, f in self.form.iter_fields() if _analysable(f)]


def _analysable(f: Field) -> bool:
    """One answer per completion: not a grid (table, repeating record) and not a signature."""
    return f.kind not in ("table", "signature") and not f.repeat


def _norm_answer(v: str) -> str:
    from ..textnorm import fold

    return " ".join(fold(v).split()).strip(" .,;:")


class _Run:
    """One analysis: the per-run key and the accumulators (answers never leave :meth:`add`)."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)  # never written, never returned

    def digest(self, v: str) -> bytes:
        return hmac.new(self._key, _norm_answer(v).encode("utf-8"), hashlib.sha256).digest()

    def add(self, t: _Template, values: dict[str, str]) -> None:
        i = t.completions
        t.completions += 1
        by_digest: dict[bytes, list[str]] = {}
        for _s, f in t.fields():
            if f.id not in t.observable:
                continue
            st = t.stats.setdefault(f.id, _FieldStats())
            v = values.get(f.id, "")
            if not v or v == t.defaults.get(f.id):
                continue
            st.answered += 1
            st.mask |= 1 << i
            if f.kind in CLOSED_KINDS:
                if f.kind != "checkbox":
                    st.options[v if v in f.options else OTHER] += 1
                continue
            st.words.append(len(v.split()))
            by_digest.setdefault(self.digest(v), []).append(f.id)
        del values
        for ids in by_digest.values():
            if 2 <= len(ids) <= MAX_SHARED_FIELDS:
                for a in range(len(ids)):
                    for b in range(a + 1, len(ids)):
                        t.same[(ids[a], ids[b])] += 1


# ------------------------------------------------------------------------------------------- result


@dataclass
class UsageResult:
    templates: list[dict[str, Any]]
    unmatched: int
    suppressed: dict[str, int]
    findings: list[Finding]
    errors: list[FormError]
    min_group: int
    completions: int
    #: ``answers.yaml`` content per template (structure keys and observed free-text words), for --write-rules
    rules: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        from .. import __version__

        return {
            "schema": USAGE_SCHEMA,
            "tool": {"name": "formaudit", "version": __version__},
            "min_group": self.min_group,
            "completions": self.completions,
            "unmatched": self.unmatched,
            "suppressed": dict(self.suppressed),
            "templates": self.templates,
            "findings": [f.to_dict() for f in self.findings],
            "unreadable": len(self.errors),
        }


def _quartiles(xs: list[int]) -> dict[str, float]:
    if len(xs) == 1:
        q1 = med = q3 = float(xs[0])
    else:
        q1, med, q3 = statistics.quantiles(xs, n=4, method="inclusive")
    return {"median": round(med, 1), "q1": round(q1, 1), "q3": round(q3, 1)}


def _capacity_words(f: Field) -> float | None:
    cap = f.capacity or {}
    if cap.get("words"):
        return float(cap["words"])
    if cap.get("lines"):
        return float(cap["lines"]) * WORDS_PER_LINE
    return None


def _ref(t: _Template, s: Section, f: Field) -> dict[str, Any]:
    return {"id": f.id, "section": s.title, "label": f.label}


# ------------------------------------------------------------------------------------------ analyse


def analyse(
    filled: Iterable[str | os.PathLike],
    templates: Iterable[str | os.PathLike] | None = None,
    *,
    min_group: int = MIN_GROUP,
    rules_dir: str | None = None,
    on_progress: Callable[[Path], None] | None = None,
) -> UsageResult:
    """Match the completed forms under ``filled`` to ``templates`` (or to each other) and aggregate."""
    from ..api import discover
    from ..readers import read_form
    from .answers import match_slots, read_filled

    if min_group < 1:
        from ..errors import UsageError

        raise UsageError("--min-group must be at least 1")
    errors: list[FormError] = []
    run = _Run()
    tpls: list[_Template] = []
    template_files = discover(templates) if templates else []
    template_keys = {os.path.abspath(p) for p in template_files}
    for p in template_files:
        try:
            form, slots = _read_template(p, read_form, read_filled)
        except FormError as e:
            errors.append(e)
            continue
        except FormaudError as e:
            errors.append(FormError(p, str(e)))
            continue
        t = _Template(form=form, source=str(p), sig=signature(form))
        own = match_slots(slots, form) if slots is not None else {}
        t.observable = set(own)
        t.defaults = {k: v for k, v in own.items() if v}
        tpls.append(t)

    unmatched = 0
    files = [p for p in discover(filled) if os.path.abspath(p) not in template_keys]
    for p in files:
        try:
            form, slots = read_filled(p)
        except FormError as e:
            errors.append(e)
            continue
        except FormaudError as e:
            errors.append(FormError(p, str(e)))
            continue
        except Exception as e:  # noqa: BLE001 - a bug in reading answers: one line (no text of the file)
            errors.append(
                FormError(
                    p, f"internal error while reading answers (a bug — please report): {type(e).__name__}"
                )
            )
            continue
        finally:
            if on_progress:
                on_progress(p)
        sig = signature(form)
        best, score = None, 0.0
        for t in tpls:
            j = jaccard(sig, t.sig)
            # equal structure (a form and its rendering): the template in the completion's own format
            if j > score or (
                best is not None and j == score and _same_format(t, p) and not _same_format(best, p)
            ):
                best, score = t, j
        if best is None or score < MATCH_MIN:
            if templates:
                unmatched += 1
                continue
            best = _Template(form=form, source="", sig=sig, inferred=True)
            best.observable = set(match_slots([_blank(s) for s in slots], form))
            tpls.append(best)
        if best.inferred:
            best.members.append(sig | _option_keys(form))
            best.titles[form.title or ""] += 1
        values = match_slots(slots, best.form)
        run.add(best, values)
        del values, slots

    suppressed = {"templates": 0, "completions": 0, "fields": 0, "pairs": 0}
    out_templates: list[tuple[_Template, dict[str, Any]]] = []
    for t in tpls:
        if t.completions == 0 and not t.inferred:
            out_templates.append((t, _template_dict(t, min_group, suppressed)))
            continue
        if t.completions < min_group:
            suppressed["templates"] += 1
            suppressed["completions"] += t.completions
            if not templates:
                unmatched += t.completions
            continue
        if t.inferred:
            _keep_shared_labels(t)
        out_templates.append((t, _template_dict(t, min_group, suppressed)))
    findings = _findings(out_templates, min_group, rules_dir)
    return UsageResult(
        rules=[_rules_entry(t, d, min_group) for t, d in out_templates if d["completions"] >= min_group],
        templates=[d for _t, d in out_templates],
        unmatched=unmatched,
        suppressed=suppressed,
        findings=findings,
        errors=errors,
        min_group=min_group,
        completions=sum(t.completions for t, _d in out_templates),
    )


def _rules_entry(t: _Template, d: dict[str, Any], min_group: int) -> dict[str, Any]:
    """What ``answers.yaml`` keeps of a template: its structure keys and its free-text fields' words."""
    from .answers import label_key

    seen: Counter = Counter()
    fields = []
    for fd in d["fields"]:
        k = label_key(fd["label"])
        seen[k] += 1
        if fd["kind"] == "long_text" and fd["words"] and fd["fill_rate"] is not None:
            fields.append(
                {
                    "label": fd["label"],
                    "occurrence": seen[k],
                    "fill_rate": fd["fill_rate"],
                    "words": dict(fd["words"]),
                }
            )
    return {
        "title": d["title"],
        "completions": d["completions"],
        "labels": sorted(signature(t.form)),
        "fields": fields,
    }


def write_rules(result: UsageResult, out_dir: str | os.PathLike, force: bool = False) -> str:
    """Write ``out_dir/answers.yaml`` (for ``--rules out_dir``); returns its path."""
    import yaml

    from ..output import atomic_write
    from ..ruledata import validate

    data = {
        "answers": {
            "schema": "formaudit.answers/1",
            "min_group": result.min_group,
            "templates": result.rules,
        }
    }
    validate("answers", data, "answers.yaml", partial=False)
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(os.fspath(out_dir), "answers.yaml")
    head = (
        "# Answer lengths observed by `formaudit usage` (aggregates over at least "
        f"{result.min_group} completions; no answer is stored).\n# Use with --rules "
        f"{os.fspath(out_dir)} so scan, streamline and compare estimate free text from them.\n"
    )
    atomic_write(target, head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), force=force)
    return target


def _same_format(t: _Template, p: Path) -> bool:
    return not t.inferred and Path(t.source).suffix.lower() == p.suffix.lower()


def _option_keys(form: Form) -> frozenset[str]:
    """Keys of each field's printed options (an inferred template keeps only options most members print)."""
    from .answers import label_key

    return frozenset(f"o:{label_key(f.label)}|{label_key(o)}" for f in form.fields for o in f.options)


def _blank(s):
    from .answers import Slot

    return Slot(list(s.labels), "", s.kind)


def _read_template(p: Path, read_form, read_filled):
    """A template's form and its answer slots (None when its format holds no answer places we read)."""
    if p.suffix.lower() in (".docx", ".docm", ".dotx", ".dotm", ".pdf"):
        form, slots = read_filled(p)
        return form, slots
    return read_form(p), None


def _keep_shared_labels(t: _Template) -> None:
    """An inferred template shows only the field labels and section titles most of its group share, and
    its title only if most share it: anything typed into one completion can never pass for a label."""
    from .answers import label_key

    n = len(t.members)
    counts: Counter = Counter()
    for sig in t.members:
        counts.update(sig)
    need = SHARED_LABEL_SHARE * n

    def shared(prefix: str, label: str | None) -> bool:
        return bool(label) and counts[prefix + label_key(label)] >= need

    def shared_option(label: str, option: str) -> bool:
        return counts[f"o:{label_key(label)}|{label_key(option)}"] >= need

    for s in t.form.sections:
        if s.title and not shared("s:", s.title):
            s.title = "(section)"
        s.guidance = ""
        s.fields = [f for f in s.fields if shared("f:", f.label)]
        for f in s.fields:
            f.hint = None
            f.options = [o for o in f.options if shared_option(f.label, o)]
            f.columns = []
    title, k = t.titles.most_common(1)[0] if t.titles else ("", 0)
    t.form.title = title if title and k >= need else None
    t.source = f"(inferred from {t.completions} completions)"
    t.form.source = t.source  # never a completion's file name


def _template_dict(t: _Template, min_group: int, suppressed: dict[str, int]) -> dict[str, Any]:
    n = t.completions
    fields = []
    for s, f in t.fields():
        st = t.stats.get(f.id)
        obs = f.id in t.observable
        d: dict[str, Any] = {
            "id": f.id,
            "section": s.title,
            "label": f.label,
            "kind": f.kind,
            "observed": obs,
            "fill_rate": None,
            "answered": None,
            "words": None,
        }
        cap = _capacity_words(f)
        if cap is not None:
            d["capacity_words"] = cap
        if obs and n >= min_group:
            st = st or _FieldStats()
            d["fill_rate"] = round(st.answered / n, 3)
            d["answered"] = st.answered
            if f.kind in CLOSED_KINDS:
                if f.kind != "checkbox":
                    if st.answered >= min_group:
                        opts = {o: round(st.options.get(o, 0) / st.answered, 3) for o in f.options}
                        if st.options.get(OTHER):
                            opts[OTHER] = round(st.options[OTHER] / st.answered, 3)
                        d["options"] = opts
                    elif st.answered:
                        suppressed["fields"] += 1
            elif len(st.words) >= min_group:
                d["words"] = _quartiles(st.words)
            elif st.words:
                suppressed["fields"] += 1
        fields.append(d)
    pairs = []
    where = {f.id: (s, f) for s, f in t.fields()}
    for (a, b), same in sorted(t.same.items()):
        if a not in where or b not in where:
            continue
        both = (t.stats[a].mask & t.stats[b].mask).bit_count()
        if both < min_group:
            suppressed["pairs"] += 1
            continue
        sa, fa = where[a]
        sb, fb = where[b]
        pairs.append(
            {
                "a": _ref(t, sa, fa),
                "b": _ref(t, sb, fb),
                "rate": round(same / both, 3),
                "both_answered": both,
                "found_by": [],
            }
        )
    pairs.sort(key=lambda x: (-x["rate"], x["a"]["id"], x["b"]["id"]))
    return {
        "source": t.source,
        "title": t.form.title,
        "inferred": t.inferred,
        "completions": n,
        "fields": fields,
        "copied_pairs": pairs,
    }


def _finding(code: str, src: str, message: str, fields: list[dict], data: dict[str, Any]) -> Finding:
    """A usage finding (FA401-FA403) about form ``src``: rule name and severity from ``CHECKS``."""
    rule, severity = CHECKS[code]
    return Finding(
        code=code, rule=rule, severity=severity, source=src, message=message, fields=fields, data=data
    )


def _field_ref(src: str, fd: dict[str, Any]) -> dict[str, Any]:
    """How a usage finding names one field of its form (labels and ids, never an answer)."""
    return {"source": src, "section": fd["section"], "label": fd["label"], "id": fd["id"]}


def _findings(items: list[tuple[_Template, dict[str, Any]]], min_group: int, rules_dir) -> list[Finding]:
    found = _label_findings([t.form for t, _d in items], rules_dir)
    out: list[Finding] = []
    for _t, d in items:
        n = d["completions"]
        if n < min_group:
            continue
        src = d["source"]
        for fd in d["fields"]:
            if fd["fill_rate"] is not None and fd["fill_rate"] < NEVER_USED_RATE:
                out.append(
                    _finding(
                        "FA401",
                        src,
                        f"'{fd['label']}' was answered in {fd['fill_rate']:.0%} of {n} completions "
                        f"(under {NEVER_USED_RATE:.0%}): drop it or make it optional",
                        [_field_ref(src, fd)],
                        {"fill_rate": fd["fill_rate"], "completions": n},
                    )
                )
            cap, w = fd.get("capacity_words"), fd.get("words")
            if cap and w and fd["kind"] == "long_text":
                share = w["median"] / cap
                if share < BOX_LOW_SHARE or share > BOX_HIGH_SHARE:
                    how = "far shorter than" if share < BOX_LOW_SHARE else "far longer than"
                    out.append(
                        _finding(
                            "FA403",
                            src,
                            f"answers to '{fd['label']}' are {how} its box implies: median "
                            f"{w['median']:g} words (quartiles {w['q1']:g}–{w['q3']:g}) for a box of "
                            f"about {cap:g} words",
                            [_field_ref(src, fd)],
                            {"median_words": w["median"], "capacity_words": cap, "share": round(share, 2)},
                        )
                    )
        for pair in d["copied_pairs"]:
            key = frozenset({(src, pair["a"]["id"]), (src, pair["b"]["id"])})
            pair["found_by"] = sorted(found.get(key, ()))
            if pair["rate"] < COPY_RATE:
                continue
            by = pair["found_by"]
            note = (
                f"; {'/'.join(by)} also found it by its labels"
                if by
                else "; the label-based checks (FA101/FA102) did not find it"
            )
            out.append(
                _finding(
                    "FA402",
                    src,
                    f"'{pair['a']['label']}' and '{pair['b']['label']}' held the same answer in "
                    f"{pair['rate']:.0%} of the {pair['both_answered']} completions answering both{note}",
                    [{"source": src, **pair["a"]}, {"source": src, **pair["b"]}],
                    {"rate": pair["rate"], "both_answered": pair["both_answered"], "found_by": by},
                )
            )
    order = {"FA402": 0, "FA401": 1, "FA403": 2}
    out.sort(key=lambda f: (f.source, order[f.code]))
    return out


def _label_findings(forms: list[Form], rules_dir) -> dict[frozenset, set[str]]:
    """{frozenset of two (source, field id): {codes}} for every pair FA101/FA102 put in one finding."""
    if not forms:
        return {}
    from ..engine import resolve_settings, run

    findings = run(forms, resolve_settings(rules_dir, select={"FA101", "FA102"}))
    out: dict[frozenset, set[str]] = {}
    for f in findings:
        refs = [(r.get("source"), r.get("id")) for r in f.fields]
        for i in range(len(refs)):
            for j in range(i + 1, len(refs)):
                if refs[i] != refs[j]:
                    out.setdefault(frozenset({refs[i], refs[j]}), set()).add(f.code)
    return out
