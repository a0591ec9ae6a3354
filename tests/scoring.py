"""Extraction scoring for the sample-form tests: a small, self-contained re-implementation of the
matching used by the evaluation scorer (``score.py`` in the shared eval folder), so that the tests run in
a plain clone.

Labels and titles are normalised (NFKC, typographic quotes/dashes unified, casefold, whitespace collapsed,
surrounding punctuation, trailing ``:``/``*``/``(required)`` and a leading enumerator such as ``1.``/``2.3``
removed). A prediction matches a truth item when the normalised strings are equal or
``rapidfuzz.fuzz.ratio >= 90``; matching is greedy and one-to-one, preferring the same section.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

MATCH_THRESHOLD = 90.0

#: fine field kinds (formaudit.form/1) -> coarse truth kinds
KIND_MAP = {
    "text": "short",
    "number": "short",
    "email": "short",
    "phone": "short",
    "long_text": "long",
    "date": "date",
    "time": "date",
    "datetime": "date",
    "yes_no": "choice",
    "choice": "choice",
    "multi_choice": "choice",
    "checkbox": "choice",
    "signature": "signature",
    "table": "table",
}

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
_PUNCT = " \t\r\n.,;:!?*()[]{}\"'`_-–—/\\|#•·☐☑☒□■"
_ENUM = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|\(?[a-z]\)|\([0-9ivx]+\))\s+")


def norm(s: str | None) -> str | None:
    """Normalise a label or section title for matching (None stays None)."""
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", str(s)).translate(_QUOTES)
    s = " ".join(s.split()).casefold()
    prev = None
    while prev != s:
        prev = s
        s = re.sub(r"\(required\)\s*$", "", s).strip()
        s = s.strip(_PUNCT)
        s = _ENUM.sub("", s)
    return s


def similar(a: str | None, b: str | None) -> float | None:
    """Match score in [90, 100] for two normalised strings, or None when they do not match."""
    if a is None or b is None:
        return None
    if a == b:
        return 100.0
    r = fuzz.ratio(a, b)
    return r if r >= MATCH_THRESHOLD else None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _greedy(cands: list) -> dict[int, int]:
    """cands: (sort key, truth index, predicted index); best key first; one-to-one."""
    cands.sort(key=lambda c: c[0], reverse=True)
    used_t: set[int] = set()
    used_p: set[int] = set()
    m: dict[int, int] = {}
    for _, ti, pi in cands:
        if ti in used_t or pi in used_p:
            continue
        used_t.add(ti)
        used_p.add(pi)
        m[pi] = ti
    return m


def parse_extract(doc: dict) -> tuple[list[tuple[str, str]], list[tuple[str | None, str, str, str]]]:
    """A ``formaudit.form/1`` dict -> (sections [(norm title, raw)], fields [(norm section, norm label, coarse
    kind, raw label)])."""
    secs, fields = [], []
    for s in doc["sections"]:
        title = s.get("title")
        tn = norm(title) if isinstance(title, str) and title.strip() else None
        if tn is not None:
            secs.append((tn, title))
        for f in s.get("fields") or []:
            lab = f.get("label") if isinstance(f.get("label"), str) else ""
            kind = KIND_MAP.get(str(f.get("kind", "")).strip().lower(), "other")
            fields.append((tn, norm(lab), kind, lab))
    return secs, fields


def match_sections(truth_titles: list[str], pred_secs: list[tuple[str, str]]) -> dict[int, int]:
    tn = [norm(t) for t in truth_titles]
    nt, npd = max(len(tn), 1), max(len(pred_secs), 1)
    cands = []
    for ti, t in enumerate(tn):
        for pi, (p, _) in enumerate(pred_secs):
            sc = similar(p, t)
            if sc is not None:
                cands.append(((sc, -abs(ti / nt - pi / npd)), ti, pi))
    return _greedy(cands)


def match_fields(truth_fields: list[dict], pred_fields: list, sec_map: dict) -> dict[int, int]:
    nt, npd = max(len(truth_fields), 1), max(len(pred_fields), 1)
    tl = [(norm(f.get("section")), norm(f["label"])) for f in truth_fields]
    cands = []
    for pi, (ps, pl, _, _) in enumerate(pred_fields):
        mapped = sec_map.get(ps, ps)
        for ti, (ts, lab) in enumerate(tl):
            sc = similar(pl, lab)
            if sc is None:
                continue
            cands.append(((1 if mapped == ts else 0, sc, -abs(ti / nt - pi / npd)), ti, pi))
    return _greedy(cands)


@dataclass
class Score:
    """Counts for one form (or a sum of forms); metrics as properties."""

    sec: list[int] = field(default_factory=lambda: [0, 0, 0])  # tp, fp, fn
    fld: list[int] = field(default_factory=lambda: [0, 0, 0])
    kind_ok: int = 0
    kind_n: int = 0
    missed_fields: list[str] = field(default_factory=list)
    extra_fields: list[str] = field(default_factory=list)
    missed_sections: list[str] = field(default_factory=list)
    extra_sections: list[str] = field(default_factory=list)
    wrong_kind: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def fields_f1(self) -> float:
        return prf(*self.fld)[2]

    @property
    def sections_f1(self) -> float:
        return prf(*self.sec)[2]

    @property
    def kind_acc(self) -> float:
        return self.kind_ok / self.kind_n if self.kind_n else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            sec=[a + b for a, b in zip(self.sec, other.sec, strict=True)],
            fld=[a + b for a, b in zip(self.fld, other.fld, strict=True)],
            kind_ok=self.kind_ok + other.kind_ok,
            kind_n=self.kind_n + other.kind_n,
            missed_fields=self.missed_fields + other.missed_fields,
            extra_fields=self.extra_fields + other.extra_fields,
            missed_sections=self.missed_sections + other.missed_sections,
            extra_sections=self.extra_sections + other.extra_sections,
            wrong_kind=self.wrong_kind + other.wrong_kind,
        )

    def summary(self) -> str:
        lines = [
            f"fields_f1={self.fields_f1:.3f} sections_f1={self.sections_f1:.3f} kind_acc={self.kind_acc:.3f} "
            f"(fields tp/fp/fn={self.fld}, sections tp/fp/fn={self.sec}, kinds {self.kind_ok}/{self.kind_n})"
        ]
        lines += [f"  missed section: {t}" for t in self.missed_sections]
        lines += [f"  extra section:  {t}" for t in self.extra_sections]
        lines += [f"  missed field:   {t}" for t in self.missed_fields]
        lines += [f"  extra field:    {t}" for t in self.extra_fields]
        lines += [f"  kind:           {lab!r} truth={tk} predicted={pk}" for lab, tk, pk in self.wrong_kind]
        return "\n".join(lines)


def score_extraction(pred: dict, truth: dict) -> Score:
    """Score one extracted form (``formaudit.form/1`` dict) against its truth dict."""
    psecs, pfields = parse_extract(pred)
    sc = Score()
    sm = match_sections(truth["sections"], psecs)
    sc.sec = [len(sm), len(psecs) - len(sm), len(truth["sections"]) - len(sm)]
    matched_secs = set(sm.values())
    sc.missed_sections = [t for i, t in enumerate(truth["sections"]) if i not in matched_secs]
    sc.extra_sections = [raw for pi, (_, raw) in enumerate(psecs) if pi not in sm]
    sec_map = {pn: norm(truth["sections"][sm[pi]]) for pi, (pn, _) in enumerate(psecs) if pi in sm}
    fm = match_fields(truth["fields"], pfields, sec_map)
    sc.fld = [len(fm), len(pfields) - len(fm), len(truth["fields"]) - len(fm)]
    for pi, (_, _, kind, raw) in enumerate(pfields):
        ti = fm.get(pi)
        if ti is None:
            sc.extra_fields.append(raw)
            continue
        sc.kind_n += 1
        tf = truth["fields"][ti]
        if kind == tf["kind"]:
            sc.kind_ok += 1
        else:
            sc.wrong_kind.append((tf["label"], tf["kind"], kind))
    matched = set(fm.values())
    sc.missed_fields = [
        f"{f.get('section')} / {f['label']}" for i, f in enumerate(truth["fields"]) if i not in matched
    ]
    return sc
