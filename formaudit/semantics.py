"""Field semantics: who a field is about (subject), what data item it asks for (concept) and a blocking key.

``annotate(form)`` returns one :class:`FieldInfo` per field in document order. Rule data comes from
``rules/synonyms.yaml``, ``rules/subjects.yaml`` and ``rules/concepts.yaml`` (merged with a user's rules
folder). ``annotations(ctx)`` caches the result per form source in ``ctx.cache["semantics"]``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from . import ruledata
from .model import Field, Form, Section
from .textnorm import fold

_ENUM = re.compile(r"^\s*(?:\(?[0-9]+(?:\.[0-9]+)*[.)]?|\(?[a-z][.)]|[ivx]+[.)])\s+")
_PAREN = re.compile(r"\([^)]*\)")
_PUNCT = re.compile(r"[^\w\s'%/&]+")
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\b\d+\b")
_ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "1st": "1", "2nd": "2", "3rd": "3"}
_AUX = re.compile(r"^(?:is|are|does|do|did|has|have|was|were|can|will|should)\b")
_ABOUT = re.compile(r"^(?:about|details of) (?:the |a |an )?(.+)$")
_PRONOUN = re.compile(r"\b(?:i|me|my|you|your|yourself|we|our)\b")
_YOU = re.compile(r"\b(?:you|your)\b")
_CONTEXT_CONCEPTS = frozenset({"team", "role", "organisation", "signature", "date_signed"})
_SIGNOFF = re.compile(r"\b(?:sign[- ]?off|signatures?|declaration|agreement|authori[sz]ation|signed)\b")


@dataclass
class FieldInfo:
    """What formaudit understands about one field."""

    index: int
    section: Section
    field: Field
    norm: str  # normalised label (synonyms applied, enumerators/punctuation stripped)
    core: str  # ``norm`` without the subject's words: what is asked
    subject: str
    subject_source: str  # label | heading | parent | context | default | block
    concept: str | None
    qualifier: str  # "" or space-separated sorted qualifiers
    repeat: str | None  # repeat group (grid record) id
    block: int | None = None  # index of a repeated person block within a section (FA103)
    followup: bool = False  # "If yes, give details": depends on the previous answer
    generic: bool = False  # too vague to match on its label alone
    narrative: bool = False
    prefillable: bool = False
    per_document: bool = False
    mentions: frozenset = field(default_factory=frozenset)  # subjects mentioned anywhere in the label
    key: str = ""

    @property
    def comparable(self) -> bool:
        """Takes part in duplicate detection at all."""
        return not (self.repeat or self.followup or (self.generic and self.concept is None)) and bool(
            self.core or self.concept
        )


class Rules:
    """Compiled rule data."""

    def __init__(self, rules_dir: str | None):
        syn = ruledata.load("synonyms", rules_dir)
        subj = ruledata.load("subjects", rules_dir)
        conc = ruledata.load("concepts", rules_dir)
        synonyms = {str(k).casefold(): str(v).casefold() for k, v in (syn.get("synonyms") or {}).items()}
        self.synonyms = synonyms
        keys = sorted(synonyms, key=len, reverse=True)
        self.syn_re = (
            re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w])")
            if keys
            else None
        )
        self.drop = [re.compile(p, re.I) for p in syn.get("drop") or []]
        self.default_subject = subj.get("default_subject", "child")
        self.held = frozenset(subj.get("held_by_case_record") or ())
        self.respondent = subj.get("respondent") or [{"subject": "social_worker"}]
        adjs = subj.get("role_adjectives") or []
        self.subject_words: dict[str, list[str]] = {
            k: list(v.get("words") or []) for k, v in (subj.get("subjects") or {}).items()
        }
        alts = []
        self.word_subject: list[tuple[re.Pattern, str]] = []
        for s, words in self.subject_words.items():
            for w in words:
                alts.append((w, s))
        alts.sort(key=lambda t: len(t[0]), reverse=True)
        alt = "|".join(f"(?P<s{i}>{w})" for i, (w, _) in enumerate(alts))
        self._alt_subject = [s for _, s in alts]
        adj = "|".join(re.escape(a) for a in adjs) or "zzzz"
        # possessive ("mother's"), leading ("mother ..."), "of/for the mother", a whole-label role ("social worker")
        self.poss_re = re.compile(rf"(?<![\w'])(?:the |(?:{adj}) )?(?:{alt})(?:'s|s'|')(?!\w)")
        self.lead_re = re.compile(rf"^(?:the |(?:{adj}) )?(?:{alt})(?:\s|$|/)")
        self.of_re = re.compile(rf"\b(?:of|for|by) (?:the |this |(?:{adj}) )?(?:{alt})(?!\w)")
        self.any_re = re.compile(rf"(?<![\w'])(?:{alt})(?![\w])")
        self.strip_re = re.compile(rf"(?<![\w])(?:(?:the |(?:{adj}) )?(?:{alt})(?:'s|s'|')?)(?![\w])")
        self.concepts: list[dict[str, Any]] = []
        for name, c in (conc.get("concepts") or {}).items():
            c = dict(c or {})
            c["name"] = name
            c["_p"] = [re.compile(p) for p in c.get("patterns") or []]
            c["_not"] = [re.compile(p) for p in c.get("not") or []]
            c["qualifiers"] = {str(k): v for k, v in (c.get("qualifiers") or {}).items()}
            self.concepts.append(c)
        self.by_name = {c["name"]: c for c in self.concepts}
        self.role_concept = next((c["name"] for c in self.concepts if c.get("role_only")), None)
        self.qualifier_order = [str(q) for q in conc.get("qualifier_order") or []]
        self.generic_re = re.compile(r"^(?:" + "|".join(conc.get("generic") or ["date"]) + r")$")
        self.followup_re = [re.compile(p) for p in conc.get("followup") or []]
        # Pure functions of the text: a library repeats the same labels across its forms, so each
        # distinct text is analysed once per run (the results are only ever read).
        for name in ("normalise", "label_subject", "heading_subject", "mentions", "core", "concept"):
            setattr(self, name, functools.lru_cache(maxsize=1 << 16)(getattr(self, name)))

    def _subject_of(self, m: re.Match) -> str:
        for k, v in m.groupdict().items():
            if v is not None and k.startswith("s"):
                return self._alt_subject[int(k[1:])]
        return ""

    def normalise(self, label: str) -> str:
        s = fold(label)
        for d in self.drop:
            s = d.sub(" ", s)
        s = _SPACE.sub(" ", s).strip()
        s = _ENUM.sub("", s)
        s = s.strip(" .:;*-_?!")
        if self.syn_re is not None:
            s = self.syn_re.sub(lambda m: self.synonyms[m.group(0)], s)
        s = _PUNCT.sub(" ", s.replace("'s ", "'s ").replace("?", " "))
        s = s.replace(" / ", " / ")
        return _SPACE.sub(" ", s).strip(" '/")

    def label_subject(self, norm: str) -> str | None:
        for rx in (self.poss_re, self.lead_re, self.of_re):
            m = rx.search(norm)
            if m:
                return self._subject_of(m)
        return None

    def heading_subject(self, norm: str) -> str | None:
        m = self.any_re.search(norm)
        if not m:
            return None
        s = self._subject_of(m)
        if s in _ONE_OF_A_KIND:
            return s  # "Mother / parent 1" is the mother: there is one, whatever the number
        num = re.search(r"\b(\d)\b", norm)
        return f"{s}#{num.group(1)}" if num and s else s

    def mentions(self, norm: str) -> frozenset:
        return frozenset(self._subject_of(m) for m in self.any_re.finditer(norm))

    def core(self, norm: str) -> str:
        s = self.strip_re.sub(" ", norm)
        s = re.sub(r"^(?:of|for|by|the)\b|\b(?:of|for|by|the)$", " ", _SPACE.sub(" ", s).strip(" /"))
        return _SPACE.sub(" ", s).strip(" /'")

    def concept(self, text: str) -> dict[str, Any] | None:
        is_date = text.startswith("date ") or text == "date"
        for c in self.concepts:
            if is_date and not c["name"].startswith("date"):
                continue  # "Date of consent" is a date, not the consent
            if any(p.search(text) for p in c["_p"]) and not any(p.search(text) for p in c["_not"]):
                return c
        return None


@functools.lru_cache(maxsize=16)
def rules(rules_dir: str | None = None) -> Rules:
    return Rules(rules_dir)


def _respondent(form: Form, r: Rules) -> str:
    text = " ".join([form.title or ""] + [s.title or "" for s in form.sections]).casefold()
    for entry in r.respondent:
        when = entry.get("when")
        if not when or re.search(when, text):
            return str(entry.get("subject"))
    return "social_worker"


def _qualifier(core: str, concept: dict[str, Any] | None) -> str:
    quals = set(_DIGITS.findall(core))
    words = core.split()
    if concept is not None:
        qmap = concept["qualifiers"]
        for w in words:
            if w in qmap:
                if qmap[w] is not None:
                    quals.add(str(qmap[w]))
            elif w in _ORDINALS and not qmap:
                quals.add(_ORDINALS[w])
    else:
        quals.update(_ORDINALS[w] for w in words if w in _ORDINALS)
    return " ".join(sorted(quals))


def _mark_blocks(infos: list[FieldInfo]) -> None:
    """Find a run of labels repeated back to back in a section (two parent blocks in one table)."""
    by_sec: dict[str, list[FieldInfo]] = {}
    for fi in infos:
        if not fi.repeat:
            by_sec.setdefault(fi.section.id, []).append(fi)
    for fis in by_sec.values():
        cores = [fi.core for fi in fis]
        n = len(cores)
        where: dict[str, list[int]] = {}
        for k, c in enumerate(cores):
            where.setdefault(c, []).append(k)
        s = 0
        while s < n - 3:
            found = False
            # candidate periods: the next places the same label comes back (few; no scan over all periods)
            for j in [j for j in where[cores[s]] if j > s + 1][:8]:
                p = j - s
                if s + 2 * p > n:
                    break
                if cores[s : s + p] == cores[s + p : s + 2 * p] and len(set(cores[s : s + p])) > 1:
                    k = 0
                    while s + (k + 1) * p <= n and cores[s + k * p : s + (k + 1) * p] == cores[s : s + p]:
                        for fi in fis[s + k * p : s + (k + 1) * p]:
                            fi.block = k + 1
                            if fi.subject_source != "label":
                                fi.subject = f"{fi.subject}#{k + 1}"
                                fi.subject_source = "block"
                        k += 1
                    s += k * p
                    found = True
                    break
            if not found:
                s += 1


def annotate(form: Form, rules_dir: str | None = None) -> list[FieldInfo]:
    """One :class:`FieldInfo` per field of ``form``, in document order."""
    r = rules(rules_dir)
    respondent = _respondent(form, r)
    sec_by_id = {s.id: s for s in form.sections}
    heading_cache: dict[str, str | None] = {}

    def resolve(s: str | None) -> str | None:
        if s == "respondent":
            return respondent
        return s

    def heading(sec: Section | None) -> tuple[str | None, str]:
        depth = 0
        while sec is not None and depth < 8:
            if sec.id not in heading_cache:
                heading_cache[sec.id] = (
                    resolve(r.heading_subject(r.normalise(sec.title))) if sec.title else None
                )
            if heading_cache[sec.id] is None and sec.title:
                m = _ABOUT.match(r.normalise(sec.title))
                if m:  # "About the business support team member": a subject the rules do not know
                    heading_cache[sec.id] = "about:" + r.core(m.group(1))
            if heading_cache[sec.id]:
                return heading_cache[sec.id], "heading" if depth == 0 else "parent"
            sec = sec_by_id.get(sec.parent) if sec.parent else None
            depth += 1
        return None, ""

    infos: list[FieldInfo] = []
    prev: FieldInfo | None = None
    for i, (sec, f) in enumerate(form.iter_fields()):
        norm = r.normalise(_PAREN.sub(" ", f.label) if _PAREN.sub(" ", f.label).strip() else f.label)
        core = r.core(norm)
        lsub = resolve(r.label_subject(norm))
        followup = any(p.search(norm) for p in r.followup_re)
        concept = r.concept(core) if core else None
        if concept is None and not core and lsub and r.role_concept:
            concept = r.by_name[r.role_concept]  # "Social worker", "Team manager": the person's name
        if concept is None and core and lsub and core in ("name", "full name"):
            concept = r.by_name.get(r.role_concept or "")
        generic = bool(r.generic_re.match(core or norm))
        same_sec_prev = prev is not None and prev.section is sec
        cname = concept["name"] if concept else None
        # a bare "Date" after a signature is the date that person signed
        if (
            cname is None
            and core == "date"
            and (
                (same_sec_prev and prev.concept == "signature")
                or _SIGNOFF.search(r.normalise(sec.title or ""))
            )
        ):
            concept, cname = r.by_name.get("date_signed"), "date_signed"
        if lsub is None and concept is not None and concept.get("narrative") and _YOU.search(norm):
            lsub = respondent  # "What are YOU worried about?": the person filling in, not the agency
        if lsub:
            subject, src = lsub, "label"
        else:
            hs, src = heading(sec)
            if (
                (generic or cname in _CONTEXT_CONCEPTS)
                and same_sec_prev
                and prev.subject_source in ("label", "context")
                and prev.subject != r.default_subject
            ):
                subject, src = prev.subject, "context"
            elif hs:
                subject = hs
            elif concept is not None and concept.get("subject"):
                subject, src = str(concept["subject"]), "concept"
            elif _SIGNOFF.search(r.normalise(sec.title or "")):
                subject, src = respondent, "default"  # "Print name" in a declaration: whoever signs it
            else:
                subject, src = r.default_subject, "default"
        if (
            concept is not None
            and concept.get("subject") == "case"
            and (src != "label" or (subject == r.default_subject and not _PRONOUN.search(norm)))
        ):
            subject, src = "case", "concept"
        qual = _qualifier(core, concept)
        if concept is None and (_AUX.match(norm) or f.kind == "yes_no"):
            qual = (qual + " yn").strip()
        fi = FieldInfo(
            index=i,
            section=sec,
            field=f,
            norm=norm,
            core=core,
            subject=subject,
            subject_source=src,
            concept=cname,
            qualifier=qual,
            repeat=str(f.repeat.get("group")) if f.repeat else None,
            followup=followup,
            generic=generic and cname is None,
            narrative=bool(concept and concept.get("narrative")),
            # a record holds data items about its own people, not answers to questions
            prefillable=bool(
                concept
                and concept.get("prefillable")
                and subject.split("#")[0] in r.held
                and not followup
                and f.kind not in ("yes_no", "multi_choice", "checkbox", "long_text")
            ),
            per_document=bool(concept and concept.get("per_document")),
            mentions=r.mentions(norm),
        )
        infos.append(fi)
        prev = fi
    # consecutive identical labels in one section are the lines of one answer ("Address line" x3)
    run: list[FieldInfo] = []
    for fi in infos + [None]:  # type: ignore[list-item]
        if run and (fi is None or fi.section is not run[-1].section or fi.norm != run[-1].norm):
            if len(run) > 1:
                for k, x in enumerate(run, 1):
                    x.qualifier = (x.qualifier + f" {k}").strip()
            run = []
        if fi is not None:
            run.append(fi)
    _mark_blocks(infos)
    for fi in infos:
        fi.key = (
            f"{fi.subject}|{fi.concept}|{fi.qualifier}"
            if fi.concept
            else f"{fi.subject}|~{fi.core}|{fi.qualifier}"
        )
    return infos


def annotations(ctx) -> dict[str, list[FieldInfo]]:
    """``{form source: [FieldInfo...]}`` for every form of the run, computed once per run."""
    cache = ctx.cache.setdefault("semantics", {})
    for form in ctx.forms:
        if form.source not in cache:
            cache[form.source] = annotate(form, ctx.rules_dir)
    return cache


# ----------------------------------------------------------------------------- matching helpers
# (shared by FA101, FA102 and FA103)


def similar_pairs(texts: Sequence[str], cutoff: float) -> Iterable[tuple[int, int, float]]:
    """Yield ``(i, j, score)`` with ``i < j`` for texts whose ``token_sort_ratio`` is at least ``cutoff``
    (:func:`formaudit.textnorm.similar_pairs`, the one fuzzy join every check uses)."""
    from .textnorm import similar_pairs as pairs

    return pairs(texts, cutoff)


#: Subjects of whom a case has one: a number in their heading does not make a different person.
_ONE_OF_A_KIND = frozenset({"child", "mother", "father", "referrer", "social_worker", "manager", "iro"})


class UnionFind:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, x: int) -> int:
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.p)):
            out.setdefault(self.find(i), []).append(i)
        return [g for g in out.values() if len(g) > 1]


def digits(text: str) -> tuple[str, ...]:
    return tuple(sorted(t for t in text.split() if t.isdigit()))


STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "and",
        "or",
        "in",
        "on",
        "at",
        "with",
        "this",
        "that",
        "these",
        "any",
        "do",
        "does",
        "did",
        "you",
        "your",
        "we",
        "our",
        "they",
        "their",
        "i",
        "my",
        "me",
        "it",
        "its",
        "please",
        "if",
        "by",
        "from",
        "as",
        "what",
        "who",
        "which",
        "when",
        "where",
        "how",
        "has",
        "have",
    ]
)


def same_words(a: str, b: str, typo: float = 80.0) -> bool:
    """True when the content words of ``a`` and ``b`` agree up to typos (word order and filler ignored).

    Fuzzy scores forgive a whole added word ("seen" vs "seen alone"); a content word present on one side
    only means a different question.
    """
    ta = {t for t in a.split() if t not in STOPWORDS and len(t) > 1}
    tb = {t for t in b.split() if t not in STOPWORDS and len(t) > 1}
    for x, y in ((ta - tb, tb), (tb - ta, ta)):
        for t in x:
            if not any(fuzz.ratio(t, u) >= typo for u in y):
                return False
    return True


_ACRONYM = re.compile(r"\b(gp|nhs|upn|uln|ehcp|pep|iro|id|edd|cin|cp|lac|cla|pa)\b")


def describe(fi: FieldInfo) -> str:
    """A readable name of the item a field asks for: "Child's date of birth", "Mother's address (2)"."""
    if not fi.concept:
        return fi.field.label.strip().rstrip(":*").strip()
    what = _ACRONYM.sub(lambda m: m.group(0).upper(), fi.concept.replace("_", " "))
    if fi.qualifier:
        what += f" ({fi.qualifier})"
    subj = fi.subject
    if subj == "case":
        return what[0].upper() + what[1:]
    base, _, num = subj.partition("#")
    who = base.split(":", 1)[-1].replace("_", " ")
    who = (who[0].upper() + who[1:]) if who else "Person"
    if num:
        who += f" {num}"
    return f"{who}'s {what}"
