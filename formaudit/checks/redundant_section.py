"""FA201 redundant-section: a section whose questions are substantially covered by another section."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from .. import ruledata, textnorm
from ..model import Finding, Form, Section, section_ref
from ..textnorm import normalise
from . import Check, Option

#: How much a piece of a section's text says about what the section asks.
W_TITLE = 1.0
W_LONG = 1.0  # a long-answer or table field: the question the section really asks
W_SHORT = 0.5  # a short field, tick box or choice
W_GUIDANCE = 0.5  # instruction text: describes the section, asks nothing itself

LONG_KINDS = frozenset({"long_text", "table"})

#: Words that carry no subject when two labels/titles are compared token by token.
# fmt: off
_STOPWORDS = frozenset({
    "a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "from", "is", "are",
    "be", "been", "was", "were", "do", "does", "did", "has", "have", "this", "that", "these", "those",
    "what", "which", "who", "whom", "how", "why", "when", "where", "we", "you", "your", "our", "their",
    "his", "her", "its", "it", "any", "all", "some", "other", "please", "give", "describe", "record",
    "include", "including", "details", "detail", "information", "additional", "further", "comments",
    "comment", "notes", "note", "summary", "summarise", "overview", "brief", "update",
})
# fmt: on
_PERSON_WORDS = re.compile(
    r"\b(mother|father|mum|dad|parent|carer|guardian|child|young person|sibling|person|"
    r"1st|2nd|3rd|one|two|three|first|second|third|[0-9]+|[a-d])('s|s)?\b"
)


@functools.lru_cache(maxsize=1 << 16)
def content_tokens(text: str) -> str:
    """The subject words of a label or title, in order (for token similarity)."""
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", normalise(text))
    words = [w[:-2] if w.endswith("'s") else w.rstrip("'") for w in words]
    return " ".join(w for w in words if w not in _STOPWORDS)


def similar_pairs(
    strings: Sequence[str], scorer=fuzz.token_sort_ratio, cutoff: float = 90.0
) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of strings at least ``cutoff`` similar (:func:`textnorm.similar_pairs`)."""
    return {(i, j) for i, j, _ in textnorm.similar_pairs(strings, cutoff, scorer)}


# --------------------------------------------------------------------------------------------- lexicon
@dataclass
class Topic:
    key: str
    label: str
    weight: float
    regex: re.Pattern[str]


@dataclass
class Lexicon:
    topics: list[Topic]
    ignore: re.Pattern[str] | None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Lexicon:
        topics = []
        for key, spec in (data.get("topics") or {}).items():
            spec = spec or {}
            pats = [p for p in spec.get("patterns") or [] if p]
            if not pats:
                continue
            rx = re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)
            topics.append(Topic(key, str(spec.get("label") or key), float(spec.get("weight", 1.0)), rx))
        ign = [p for p in data.get("ignore") or [] if p]
        return cls(topics, re.compile("|".join(f"(?:{p})" for p in ign), re.IGNORECASE) if ign else None)

    @classmethod
    def load(cls, rules_dir: str | None) -> Lexicon:
        return cls.from_data(ruledata.load("topics", rules_dir))

    def topics_of(self, text: str) -> frozenset[str]:
        t = normalise(text)
        if not t:
            return frozenset()
        if self.ignore is not None:
            t = self.ignore.sub(" ", t)
        return frozenset(tp.key for tp in self.topics if tp.regex.search(t))

    def weight(self, key: str) -> float:
        return self._weights.get(key, 1.0 if key.startswith("~") else 0.0)

    def label(self, key: str) -> str:
        return self._labels.get(key, key)

    def __post_init__(self):
        self._weights = {t.key: t.weight for t in self.topics}
        self._labels = {t.key: t.label for t in self.topics}
        # the same label recurs across a library's forms: map each distinct text to topics once
        self.topics_of = functools.lru_cache(maxsize=1 << 16)(self.topics_of)


# --------------------------------------------------------------------------------------------- profile
@dataclass
class Profile:
    """What one section (with its sub-sections) is about: topic -> strength (0..1)."""

    index: int
    section: Section
    own: dict[str, float] = field(default_factory=dict)
    topics: dict[str, float] = field(default_factory=dict)  # own + descendants'
    headline: set[str] = field(default_factory=set)  # content topics of the title
    ancestors: set[int] = field(default_factory=set)
    descendants: set[int] = field(default_factory=set)


def _add(d: dict[str, float], keys: Iterable[str], w: float) -> None:
    for k in keys:
        if w > d.get(k, 0.0):
            d[k] = w


class RedundantSection(Check):
    """Redundant section: a section whose questions are substantially covered by another section.

    **What it finds.** Each titled section's text — title, field labels and guidance — is mapped to topics
    through the lexicon in ``rules/topics.yaml`` (the Assessment Framework triangle, the Signs of Safety
    questions, views, plans, chronology, consent…); long-answer labels and sub-section titles that
    are near-identical across sections (token similarity) count as a shared topic too. A pair of
    sections fires when the topics they share weigh at least ``min_shared`` and either one section's
    title topic is asked again by the other (a "Summary" field per assessment domain, an "Analysis"
    that re-asks "What are we worried about?") or the shared topics make up at least ``threshold`` of
    the smaller section. A section is never compared with its own sub-sections, and two blocks asking
    the same questions about different people (mother's and father's details) are FA103's business.

    **Why it matters.** A section that re-covers another's ground makes the worker write the same analysis
    twice. Fix: keep one of the two sections, or make the later one refer back to the earlier.

    **Settings** (key ``FA201``): ``threshold`` (default 0.6), ``min_shared`` (default 1.0),
    ``block_similarity`` (default 0.6), ``severity`` (default warning); ``formaudit rules FA201`` describes
    each.

    **Example.** ``Sections “Analysis” and “Summary” cover the same ground (risks and concerns; strengths
    and protective factors).``
    """

    code = "FA201"
    name = "redundant-section"
    default_severity = "warning"
    scope = "form"
    options = {
        "threshold": Option(
            float,
            0.6,
            "share (0-1) of the smaller section the shared topics must make up",
            minimum=0,
            maximum=1,
        ),
        "min_shared": Option(float, 1.0, "least total weight of the topics two sections share", minimum=0),
        "block_similarity": Option(
            float,
            0.6,
            "share (0-1) of near-identical labels above which two sections are a repeated person block (FA103)",
            minimum=0,
            maximum=1,
        ),
    }

    def run(self) -> Iterable[Finding]:
        lex = self.ctx.cache.get("topics-lexicon")
        if lex is None:
            lex = self.ctx.cache["topics-lexicon"] = Lexicon.load(self.ctx.rules_dir)
        for form in self.ctx.forms:
            yield from self.check_form(form, lex)

    # ------------------------------------------------------------------------------------------
    def profiles(self, form: Form, lex: Lexicon) -> list[Profile]:
        secs = form.sections
        by_id = {s.id: i for i, s in enumerate(secs) if s.id}
        profs = [Profile(i, s) for i, s in enumerate(secs)]
        for p in profs:
            j = by_id.get(p.section.parent) if p.section.parent else None
            seen = set()
            while j is not None and j not in seen:
                seen.add(j)
                p.ancestors.add(j)
                profs[j].descendants.add(p.index)
                par = secs[j].parent
                j = by_id.get(par) if par else None

        # text units: (section index, text, weight, is_title, comparable-by-tokens)
        units: list[tuple[int, str, float, bool]] = []
        for p in profs:
            s = p.section
            if s.title:
                units.append((p.index, s.title, W_TITLE, True))
            if s.guidance.strip():
                units.append((p.index, s.guidance, W_GUIDANCE, False))
            for f in s.fields:
                w = W_LONG if f.kind in LONG_KINDS else W_SHORT
                units.append((p.index, f.label, w, False))
                if f.hint:
                    units.append((p.index, f.hint, W_GUIDANCE, False))
                if f.kind == "table" and f.columns:
                    units.append((p.index, " ; ".join(f.columns), W_SHORT, False))

        for si, text, w, is_title in units:
            keys = lex.topics_of(text)
            _add(profs[si].own, keys, w)
            if is_title:
                profs[si].headline |= {k for k in keys if lex.weight(k) > 0}

        # near-identical titles / long-answer labels in different sections share a pseudo-topic
        tok_src = [k for k, (_, _, w, is_title) in enumerate(units) if is_title or w == W_LONG]
        tok_units = [(units[k][0], content_tokens(units[k][1]), units[k][2], units[k][3]) for k in tok_src]
        strings = [t for _, t, _, _ in tok_units]
        parent = list(range(len(tok_units)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for i, j in similar_pairs(strings, fuzz.token_sort_ratio, 90.0):
            a, b = tok_units[i], tok_units[j]
            if a[0] == b[0] or (a[3] and b[3]):  # same section, or two titles (repeated blocks)
                continue
            if b[0] in profs[a[0]].ancestors or b[0] in profs[a[0]].descendants:
                continue
            parent[find(i)] = find(j)
        groups: dict[int, list[int]] = {}
        for i in range(len(tok_units)):
            groups.setdefault(find(i), []).append(i)
        for root, members in groups.items():
            if len({tok_units[m][0] for m in members}) < 2:
                continue
            key = f"~{root}"
            self._pseudo[key] = "“" + min((units[tok_src[m]][1] for m in members), key=len).strip() + "”"
            for m in members:
                si, _, w, is_title = tok_units[m]
                _add(profs[si].own, [key], w)
                if is_title:
                    profs[si].headline.add(key)

        # a section is about what its sub-sections are about, too
        for p in profs:
            p.topics = dict(p.own)
        for p in profs:
            for d in p.descendants:
                for k, w in profs[d].own.items():
                    if w > p.topics.get(k, 0.0):
                        p.topics[k] = w
        return profs

    # ------------------------------------------------------------------------------------------
    def check_form(self, form: Form, lex: Lexicon) -> Iterable[Finding]:
        threshold = self.options["threshold"]
        min_shared = self.options["min_shared"]
        block_similarity = self.options["block_similarity"]
        self._pseudo: dict[str, str] = {}
        profs = [p for p in self.profiles(form, lex) if p.section.title]
        if len(profs) < 2:
            return

        # person blocks: one similarity pass over all field labels (person words removed)
        label_idx: dict[int, list[int]] = {}
        labels: list[str] = []
        for p in profs:
            for f in p.section.fields:
                label_idx.setdefault(p.index, []).append(len(labels))
                labels.append(content_tokens(_PERSON_WORDS.sub(" ", normalise(f.label))))
        same_label = similar_pairs(labels, fuzz.token_sort_ratio, 90.0)
        same_label |= {(i, i) for i, s in enumerate(labels) if s}
        partner: dict[int, set[int]] = {}
        for i, j in same_label:
            partner.setdefault(i, set()).add(j)
            partner.setdefault(j, set()).add(i)

        def repeated_block(a: Profile, b: Profile) -> bool:
            la, lb = label_idx.get(a.index, []), label_idx.get(b.index, [])
            if len(la) < 2 or len(lb) < 2:
                return False
            sb = set(lb)
            hit_a = sum(1 for i in la if partner.get(i, set()) & sb)
            sa = set(la)
            hit_b = sum(1 for j in lb if partner.get(j, set()) & sa)
            return min(hit_a / len(la), hit_b / len(lb)) >= block_similarity

        def per_person(ta: str, tb: str) -> bool:
            """Titles that differ only in whom they are about ("Mother's health" / "Child's health")."""
            na, nb = normalise(ta), normalise(tb)
            if na == nb or not (_PERSON_WORDS.search(na) or _PERSON_WORDS.search(nb)):
                return False
            return content_tokens(_PERSON_WORDS.sub(" ", na)) == content_tokens(_PERSON_WORDS.sub(" ", nb))

        def total(p: Profile) -> float:
            return sum(lex.weight(k) * w for k, w in p.topics.items())

        fired: dict[tuple[int, int], dict[str, Any]] = {}
        for ai in range(len(profs)):
            a = profs[ai]
            ta = total(a)
            if ta <= 0:
                continue
            for b in profs[ai + 1 :]:
                if b.index in a.descendants or b.index in a.ancestors:
                    continue
                shared = {k for k in a.topics.keys() & b.topics.keys() if lex.weight(k) > 0}
                if not shared:
                    continue
                score = sum(lex.weight(k) * min(a.topics[k], b.topics[k]) for k in shared)
                if score < min_shared:
                    continue
                tb = total(b)
                coverage = max(score / ta, score / tb) if tb > 0 else 0.0
                headline = bool(a.headline and a.headline <= shared) or bool(
                    b.headline and b.headline <= shared
                )
                if not (headline or coverage >= threshold):
                    continue
                if repeated_block(a, b) or per_person(a.section.title, b.section.title):
                    continue
                fired[(a.index, b.index)] = {"score": score, "coverage": coverage, "shared": shared}

        # a pair with a parent section and a pair with one of its sub-sections: keep the precise one
        by_index = {p.index: p for p in profs}
        drop: set[tuple[int, int]] = set()
        for (i, j), info in fired.items():
            for x, y in ((i, j), (j, i)):
                for anc in by_index[y].ancestors:
                    key = (min(x, anc), max(x, anc))
                    if key in fired and key not in drop:
                        if fired[key]["score"] <= info["score"] + 1e-9:
                            drop.add(key)  # the overlap lies within the sub-section
                        else:
                            drop.add((i, j))
        for (i, j), info in sorted(fired.items()):
            if (i, j) in drop:
                continue
            yield self._finding(form, by_index[i], by_index[j], info, lex)

    def _finding(self, form: Form, a: Profile, b: Profile, info: dict[str, Any], lex: Lexicon) -> Finding:
        shared = sorted(info["shared"], key=lambda k: (-lex.weight(k), lex.label(k)))
        names = [self._pseudo.get(k) or lex.label(k) for k in shared]
        topic_text = "; ".join(names)
        # the later section (in document order) is the one that asks again
        covered, other = (a, b) if a.index < b.index else (b, a)
        if any(not k.startswith("~") for k in shared):
            topic_text = "; ".join(lex.label(k) for k in shared if not k.startswith("~"))
        minutes = self._minutes(form, other.section, set(shared), lex)
        return self.finding(
            form.source,
            f"Sections “{a.section.title}” and “{b.section.title}” cover the same ground ({topic_text}).",
            sections=[section_ref(form, a.section), section_ref(form, b.section)],
            why=f"“{other.section.title}” asks again about {topic_text}, which “{covered.section.title}” already covers.",
            minutes=minutes,
            data={
                "topics": [k for k in shared if not k.startswith("~")],
                "score": round(info["score"], 2),
                "coverage": round(info["coverage"], 2),
            },
        )

    def _minutes(self, form: Form, later: Section, shared: set[str], lex: Lexicon) -> float:
        """Time spent answering again: the later section's fields that carry a shared topic.

        Uses the per-field expected seconds of :mod:`formaudit.timing` (FA301's model); falls back to
        writing the fields' capacity at 19 words a minute if that is unavailable.
        """
        fields = [f for f in later.fields if lex.topics_of(f.label) & shared]
        if not fields:
            fields = [f for f in later.fields if f.kind in LONG_KINDS]
        try:
            from ..timing import timings

            secs = timings(self.ctx).get(form.source, {})
            return sum(float(secs.get(f.id, 0.0)) for f in fields) / 60.0
        except Exception:  # noqa: BLE001 - timing is an estimate; never fail the check over it
            return sum(int((f.capacity or {}).get("words", 60)) for f in fields) / 19.0
