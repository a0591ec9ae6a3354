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
from ..textnorm import TEXT_CACHE, normalise
from . import Check, Option

#: How much one field weighs in what a section asks (unit: a long answer = 1).
W_LONG = 1.0  # a long-answer or table field: the question the section really asks
W_SHORT = 0.5  # a short field, tick box or choice

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


@functools.lru_cache(maxsize=TEXT_CACHE)
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
    own_document: bool = False  # each document has its own answer (a summary, a contingency plan)


@dataclass
class Lexicon:
    topics: list[Topic]
    ignore: re.Pattern[str] | None
    #: words that tell instances of one kind of block apart ("Child 1", "Secondary address")
    instance: re.Pattern[str] | None = None
    #: nouns that name a person whatever their role ("Other important adult figures")
    person: re.Pattern[str] | None = None
    #: titles of sign-off blocks ("Sign-off", "Declaration")
    signoff: re.Pattern[str] | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Lexicon:
        topics = []
        for key, spec in (data.get("topics") or {}).items():
            spec = spec or {}
            pats = [p for p in spec.get("patterns") or [] if p]
            if not pats:
                continue
            rx = re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)
            topics.append(
                Topic(
                    key,
                    str(spec.get("label") or key),
                    float(spec.get("weight", 1.0)),
                    rx,
                    bool(spec.get("own_document", False)),
                )
            )

        def words(key: str) -> re.Pattern[str] | None:
            pats = [p for p in data.get(key) or [] if p]
            if not pats:
                return None
            return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in pats) + r")\b", re.IGNORECASE)

        ign = [p for p in data.get("ignore") or [] if p]
        return cls(
            topics,
            re.compile("|".join(f"(?:{p})" for p in ign), re.IGNORECASE) if ign else None,
            words("instance_words"),
            words("person_words"),
            words("signoff_titles"),
        )

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

    def own_document(self, text: str) -> bool:
        """Whether the text is about something each document has its own answer to (``own_document`` topics)."""
        return any(k in self._own for k in self.topics_of(text))

    def weight(self, key: str) -> float:
        return self._weights.get(key, 1.0 if key.startswith("~") else 0.0)

    def label(self, key: str) -> str:
        return self._labels.get(key, key)

    def __post_init__(self):
        self._weights = {t.key: t.weight for t in self.topics}
        self._labels = {t.key: t.label for t in self.topics}
        self._own = {t.key for t in self.topics if t.own_document}
        # the same label recurs across a library's forms: map each distinct text to topics once
        self.topics_of = functools.lru_cache(maxsize=TEXT_CACHE)(self.topics_of)


# --------------------------------------------------------------------------------------------- people
@functools.lru_cache(maxsize=8)
def _roles(rules_dir: str | None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The person roles of ``rules/subjects.yaml`` (``subjects: {role: {words: [...]}}``), one regex each."""
    out = []
    for role, spec in (ruledata.load("subjects", rules_dir).get("subjects") or {}).items():
        words = [w for w in (spec or {}).get("words") or [] if isinstance(w, str) and w]
        if words:
            alt = "|".join(f"(?:{w})" for w in sorted(words, key=len, reverse=True))
            out.append((str(role), re.compile(rf"\b(?:{alt})(?:'s|s'|s|')?(?![\w])", re.IGNORECASE)))
    return tuple(out)


# --------------------------------------------------------------------------------------------- sections
@dataclass
class Unit:
    """One field as evidence of what its section asks."""

    section: int
    field: Any
    weight: float
    narrative: bool
    topics: frozenset[str]  # content topics (weight > 0) of a narrative field's label; empty otherwise
    #: share of its weight a re-asked field counts for: the mean weight of its topics — a question good
    #: practice asks at several points (the child's views, 0.5) re-covers less; 1 for a field with no topic
    value: float = 1.0


@dataclass
class Sec:
    index: int
    section: Section
    units: list[int] = field(default_factory=list)  # own fields (indices into units)
    ancestors: set[int] = field(default_factory=set)
    descendants: set[int] = field(default_factory=set)
    roles: frozenset[str] = frozenset()  # people its title (or the nearest titled ancestor) names

    @property
    def subtree(self) -> set[int]:
        return {self.index} | self.descendants


class RedundantSection(Check):
    """Redundant section: a section that asks again what another section of the form already asks.

    **What it finds.** A section whose fields re-cover the whole of another section: a "Summary of the
    child's developmental needs" with one box per dimension the assessment already asked; a summary
    field per domain ("Parenting capacity – summary") restating whole earlier sections; an "Analysis"
    that asks "What are we worried about?" again; a later part of the form that re-asks a whole block
    of identifiers (name, date of birth, address) of an earlier part.

    **How.** Each field is one piece of what its section asks (a long answer weighs ``1``, a short field
    or choice ``0.5``). A field of section P *re-covers* a field of section Q when

    * their labels are the same question (``token_sort_ratio >= 90`` on the subject words, person words
      kept: the mother's name is not the child's) about the same subject, or the same item (subject,
      concept and qualifier of :mod:`formaudit.semantics`: "DOB" is the date of birth), or
    * P's field is named after Q (or the sub-section of Q holding the field): "Parenting capacity –
      summary" re-covers the whole "Parenting capacity" section, or
    * both are free-text answers and every topic of Q's field (``rules/topics.yaml``: the assessment
      triangle, the Signs of Safety questions, views, plans…) is a topic of one of P's free-text fields;
      it then counts at the topics' mean ``weight`` (the child's views, asked at several points of a
      report by good practice, weigh 0.5: sharing only them does not make two sections redundant).

    P and Q fire when P's own fields re-cover at least ``threshold`` of all Q asks (its fields and
    its sub-sections'), weighing at least ``min_shared``. An earlier Q may be a parent section, re-covered as a
    whole by a later summary; but the later section of a pair is the one asking again, so it must ask
    something itself: **a heading with no fields of its own is never redundant** (its sub-sections are
    compared instead). When P re-covers a section and one of its sub-sections, only the whole section is
    reported.

    **Traps avoided.** A section and its own sub-sections are never compared. A sign-off block (a section
    asking for a signature, or titled as one: ``signoff_titles`` in ``rules/topics.yaml``) is never redundant: the name and date it repeats are FA101 duplicates. Fields
    about different people never re-cover each other (subjects of :mod:`formaudit.semantics`), and blocks
    asking the same questions about different people are repeated blocks (FA103), not FA201: titles that differ only in
    whom or which instance they are about ("Child 1" / "Child 2", "Primary address" / "Secondary
    address", ``instance_words`` in ``rules/topics.yaml``), titles that name different people (roles of
    ``rules/subjects.yaml`` and ``person_words`` of ``rules/topics.yaml``, neither title's people including
    the other's: "Mother" / "Father", "Subject child" / "Other important adult figures") or the same
    title twice (two "Other adult" tables).

    **Why it matters.** A section that re-covers another's ground makes the worker write the same answer
    twice. Fix: keep one of the two sections, or make the later one refer back to the earlier.

    **Settings** (key ``FA201``): ``threshold`` (default 0.8), ``min_shared`` (default 1.0), ``severity``
    (default warning); ``formaudit rules FA201`` describes each.

    **Example.** ``Sections “Child's developmental needs” and “Summary of child's developmental needs” cover
    the same ground (“Health”; “Education”; …).``
    """

    code = "FA201"
    name = "redundant-section"
    default_severity = "warning"
    scope = "form"
    analyses = ("semantics",)
    options = {
        "threshold": Option(
            float,
            0.8,
            "share (0-1) of all a section asks (with its sub-sections) that another section's own fields must re-cover",
            minimum=0,
            maximum=1,
        ),
        "min_shared": Option(
            float,
            1.0,
            "least weight of the re-covered fields (a long answer weighs 1, a short one 0.5)",
            minimum=0,
        ),
    }

    def run(self) -> Iterable[Finding]:
        lex = self.ctx.cache.get("topics-lexicon")
        if lex is None:
            lex = self.ctx.cache["topics-lexicon"] = Lexicon.load(self.ctx.rules_dir)
        for form in self.ctx.forms:
            yield from self.check_form(form, lex)

    # ------------------------------------------------------------------------------------------
    def sections(self, form: Form, lex: Lexicon) -> tuple[list[Sec], list[Unit]]:
        secs = form.sections
        by_id = {s.id: i for i, s in enumerate(secs) if s.id}
        out = [Sec(i, s) for i, s in enumerate(secs)]
        for p in out:
            j = by_id.get(p.section.parent) if p.section.parent else None
            seen = set()
            while j is not None and j not in seen:
                seen.add(j)
                p.ancestors.add(j)
                out[j].descendants.add(p.index)
                par = secs[j].parent
                j = by_id.get(par) if par else None
        roles = _roles(self.ctx.rules_dir)

        def named(title: str | None) -> frozenset[str]:
            t = normalise(title or "")
            if not t:
                return frozenset()
            out = {r for r, rx in roles if rx.search(t)}
            if lex.person is not None:  # "Other important adult figures": someone, whoever it is
                out |= {"~" + m.group(0) for m in lex.person.finditer(t)}
            return frozenset(out)

        for p in out:
            p.roles = named(p.section.title)
            if not p.roles:  # the nearest titled ancestor that names someone
                for j in sorted(p.ancestors, reverse=True):
                    if named(secs[j].title):
                        p.roles = named(secs[j].title)
                        break
        units: list[Unit] = []
        for p in out:
            for f in p.section.fields:
                narrative = f.kind in LONG_KINDS
                topics = (
                    frozenset(k for k in lex.topics_of(f.label) if lex.weight(k) > 0)
                    if narrative
                    else frozenset()
                )
                value = sum(lex.weight(t) for t in topics) / len(topics) if topics else 1.0
                p.units.append(len(units))
                units.append(Unit(p.index, f, W_LONG if narrative else W_SHORT, narrative, topics, value))
        return out, units

    def _semantics(self, form: Form) -> dict[str, tuple[str | None, tuple | None]]:
        """``{field id: (subject, item)}`` from :mod:`formaudit.semantics`; ``item`` is ``(subject, concept,
        qualifier)`` for a field with a recognised concept, else None. An item every document (or part) needs its
        own answer to (a signature, a completion date) gets a subject of its own: it re-covers nothing. Empty if
        the annotations are unavailable."""
        try:
            from ..semantics import annotations

            infos = annotations(self.ctx).get(form.source) or []
        except Exception:  # noqa: BLE001 - FA201 still works on labels alone
            return {}
        out: dict[str, tuple[str | None, tuple | None]] = {}
        for fi in infos:
            subject = getattr(fi, "subject", None)
            concept = getattr(fi, "concept", None)
            if getattr(fi, "per_document", False):
                subject = "~own:" + fi.field.id  # a signature or completion date is each section's own
            usable = concept and getattr(fi, "comparable", True) and not getattr(fi, "generic", False)
            item = (subject, concept, getattr(fi, "qualifier", "")) if usable else None
            out[fi.field.id] = (subject, item)
        return out

    def different_people(self, a: Sec, b: Sec, lex: Lexicon) -> bool:
        """Two blocks about different people or instances (FA103's business, not FA201)."""
        na, nb = normalise(a.section.title or ""), normalise(b.section.title or "")
        if na == nb:
            return True  # the same title twice: one block per person ("Other adult", "Other adult")
        if a.roles and b.roles and not (a.roles <= b.roles or b.roles <= a.roles):
            return True  # "Mother" / "Father", "Mother / parent 1" / "Father / parent 2"
        strip = lex.instance
        if strip is None:
            return False
        sa, sb = content_tokens(strip.sub(" ", na)), content_tokens(strip.sub(" ", nb))
        # titles that differ only in an instance word: "Child 1" / "Child 2", "Primary" / "Secondary address"
        return sa == sb and (strip.search(na) is not None or strip.search(nb) is not None)

    # ------------------------------------------------------------------------------------------
    def check_form(self, form: Form, lex: Lexicon) -> Iterable[Finding]:
        threshold = self.options["threshold"]
        min_shared = self.options["min_shared"]
        secs, units = self.sections(form, lex)
        titled = [s for s in secs if s.section.title]
        if len(titled) < 2 or not units:
            return

        # 1. the same question: one similarity pass over every label (subject words kept), about the same
        #    person; or the same item (subject, concept, qualifier) of formaudit.semantics ("DOB" = "Date of birth")
        info = self._semantics(form)
        subject = [info[u.field.id][0] if u.field.id in info else None for u in units]
        labels = [content_tokens(u.field.label) for u in units]
        same: dict[int, set[int]] = {}
        for i, j in similar_pairs(labels, fuzz.token_sort_ratio, 90.0):
            if subject[i] != subject[j]:
                continue  # the mother's name is not the father's, whatever the labels say
            same.setdefault(i, set()).add(j)
            same.setdefault(j, set()).add(i)
        by_item: dict[tuple, list[int]] = {}
        for k, u in enumerate(units):
            item = info.get(u.field.id, (None, None))[1]
            if item is not None:
                by_item.setdefault(item, []).append(k)
        for idx in by_item.values():
            for i in idx:
                same.setdefault(i, set()).update(j for j in idx if j != i)
        # 2. a field named after a section: one pass over labels against titles
        titles = [content_tokens(s.section.title or "") for s in secs]
        named_after: dict[int, set[int]] = {}  # unit -> sections it is named after
        for i, j, _ in textnorm.similar_across(labels, titles, 90.0, fuzz.token_sort_ratio):
            named_after.setdefault(i, set()).add(j)

        def reasks(p: Sec, q: Sec) -> tuple[float, float, set[int], set[str]]:
            """How much of all ``q`` asks ``p``'s own fields re-cover: (share, weight, p's units, topics)."""
            content = [k for s in sorted(q.subtree) for k in secs[s].units]
            total = sum(units[k].weight for k in content)
            if total <= 0:
                return 0.0, 0.0, set(), set()
            own = set(p.units)
            whole: set[int] = set()  # sections of q re-covered as a whole by a field named after them
            by_title: set[int] = set()
            for k in own:
                if not units[k].narrative:
                    continue  # a tick box "Mother" (seen by) does not re-cover the mother's section
                for s in named_after.get(k, ()):
                    if s in q.subtree:
                        whole |= secs[s].subtree
                        by_title.add(k)
            p_topics: dict[str, set[int]] = {}
            for k in own:
                for t in units[k].topics:
                    p_topics.setdefault(t, set()).add(k)
            covered, used, topics = 0.0, set(by_title), set()
            for k in by_title:  # "Parenting capacity – summary": the topics of the section it is named after
                topics |= {t for t in lex.topics_of(units[k].field.label) if lex.weight(t) > 0}
            for k in content:
                u = units[k]
                hit = same.get(k, set()) & own
                if hit:
                    used |= hit
                elif u.section in whole:
                    pass
                elif u.narrative and u.topics and u.topics <= p_topics.keys():
                    for t in u.topics:
                        used |= p_topics[t]
                    topics |= u.topics
                else:
                    continue
                covered += u.weight * u.value
            return covered / total, covered, used, topics

        # a sign-off block exists to be signed: the details it repeats are FA101 duplicates, not a redundant section
        signoff = {
            s.index
            for s in secs
            if any(units[k].field.kind == "signature" for k in s.units)
            or (lex.signoff is not None and lex.signoff.search(normalise(s.section.title or "")))
        }
        # candidates: the sections holding something a field of p re-covers, and their ancestors (no loop
        # over all pairs of sections)
        by_topic: dict[str, set[int]] = {}
        for u in units:
            for t in u.topics:
                by_topic.setdefault(t, set()).add(u.section)

        def candidates(p: Sec) -> set[int]:
            out: set[int] = set()
            for k in p.units:
                out.update(units[j].section for j in same.get(k, ()))
                if units[k].narrative:
                    for s in named_after.get(k, ()):
                        out |= secs[s].subtree
                    for t in units[k].topics:
                        out |= by_topic.get(t, set())
            for s in list(out):
                out |= secs[s].ancestors
            return out

        fired: dict[tuple[int, int], dict[str, Any]] = {}  # (re-asking section, re-covered section)
        for p in titled:
            if not p.units or p.index in signoff:
                continue  # a heading with no fields of its own asks nothing again
            for q in (secs[i] for i in sorted(candidates(p))):
                if not q.section.title or q is p or q.index in p.ancestors or q.index in p.descendants:
                    continue
                if q.index in signoff:
                    continue
                share, weight, used, topics = reasks(p, q)
                if share < threshold or weight < min_shared:
                    continue
                if q.index > p.index and not q.units:
                    continue  # the later section is the one asking again: a heading with no fields asks nothing
                if self.different_people(p, q, lex):
                    continue
                fired[(p.index, q.index)] = {
                    "coverage": share,
                    "score": weight,
                    "used": used,
                    "topics": topics,
                }

        # the right level: a section re-covered as a whole is reported, not each of its sub-sections
        keep: dict[frozenset[int], tuple[int, int]] = {}
        for (pi, qi), info in fired.items():
            if any((pi, a) in fired for a in secs[qi].ancestors):
                continue
            key = frozenset((pi, qi))
            if key not in keep or info["coverage"] > fired[keep[key]]["coverage"]:
                keep[key] = (pi, qi)
        for pi, qi in sorted(keep.values(), key=lambda x: tuple(sorted(x))):
            yield self._finding(form, secs[pi], secs[qi], fired[(pi, qi)], units, lex)

    def _finding(
        self, form: Form, p: Sec, q: Sec, info: dict[str, Any], units: list[Unit], lex: Lexicon
    ) -> Finding:
        a, b = (p, q) if p.index < q.index else (q, p)
        topics = sorted(info["topics"], key=lambda k: (-lex.weight(k), lex.label(k)))
        asked = [units[k].field for k in sorted(info["used"])]
        what = "; ".join(lex.label(k) for k in topics) or "; ".join(
            f"“{f.label.strip()}”" for f in asked[:4]
        ) + ("…" if len(asked) > 4 else "")
        pct = round(100 * info["coverage"])
        return self.finding(
            form.source,
            f"Sections “{a.section.title}” and “{b.section.title}” cover the same ground ({what}).",
            sections=[section_ref(form, a.section), section_ref(form, b.section)],
            why=(
                f"“{p.section.title}” asks again {pct}% of what “{q.section.title}” asks"
                + (f" ({what})." if what else ".")
            ),
            minutes=self._minutes(form, asked),
            data={
                # the topics re-covered (streamline moves each field to the section sharing its topics)
                "topics": topics,
                # ids of the re-asking section's fields that re-cover the other section
                "fields": [f.id for f in asked],
                "score": round(info["score"], 2),
                "coverage": round(info["coverage"], 2),
                "reasking": p.section.id,
                "covered": q.section.id,
            },
        )

    def _minutes(self, form: Form, fields: list) -> float:
        """Time spent answering again: the re-asking section's fields that re-cover the other section.

        Uses the per-field expected seconds of :mod:`formaudit.timing` (FA301's model); falls back to
        writing the fields' capacity at 19 words a minute if that is unavailable.
        """
        try:
            from ..timing import timings

            secs = timings(self.ctx).get(form.source, {})
            return sum(float(secs.get(f.id, 0.0)) for f in fields) / 60.0
        except Exception:  # noqa: BLE001 - timing is an estimate; never fail the check over it
            return sum(int((f.capacity or {}).get("words", 60)) for f in fields) / 19.0
