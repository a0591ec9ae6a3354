"""Field semantics — the entity model: whom each field is about (its **subject**) and what it asks (its
**item**). The design is in ``docs/semantics.md``; in short:

* **Subject** = an entity, role + instance (``"child"``, ``"household_member#2"``, ``"about:other figures"``,
  ``"case"``). The nearest scope that names a person wins: the field's label (its head person: "young person's
  key worker" is the key worker), else a vague field's context, else its section heading, else a parent heading,
  else the form's default subject. A number after a person's words makes an instance ("Child 2", "Parent/carer 2");
  an unknown heading with a person noun makes a new subject, never the default; adjacent sibling sections of the
  same shape are different instances unless both headings name the same one-of-a-kind person. The default subject
  is inferred from the form's own words (``populations``), borrowed from the run's most similar form when the form
  is silent, else a neutral ``person``; ``default_subject`` in ``rules/subjects.yaml`` fixes it.
* **Item** = concept (``rules/concepts.yaml``) + attribute (a contact's ``name``/``address``/``telephone``…; a
  classifier: ``telephone.type``) + qualifiers; without a concept, the label's words without the subject. A yes/no
  question gets a concept only when all its content words are inside the concept's match.

``annotate(form)`` returns one :class:`FieldInfo` per field in document order (``fi.subject``, ``fi.role``,
``fi.instance``, ``fi.concept`` — the concept with its attribute —, ``fi.item``, ``fi.subject_source`` — the rule
that decided the subject). ``annotations(ctx)`` annotates every form of a run once (``ctx.cache["semantics"]``),
letting a form that names no population borrow one from the form of the run sharing most labels. Rule data comes
from ``rules/synonyms.yaml``, ``rules/subjects.yaml`` and ``rules/concepts.yaml`` (merged with a user's rules
folder).
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
from .textnorm import TEXT_CACHE, fold

_ENUM = re.compile(r"^\s*(?:\(?[0-9]+(?:\.[0-9]+)*[.)]?|\(?[a-z][.)]|[ivx]+[.)])\s+")
_PAREN = re.compile(r"\([^)]*(?:\)|$)")  # a parenthesis cut off at the end of a label counts too
_PUNCT = re.compile(r"[^\w\s'%/&]+")
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\b\d+\b")
_ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "1st": "1", "2nd": "2", "3rd": "3"}
#: a number right after a person's words numbers that person ("child 2", "parent / carer no 2")
_NUMBER_AFTER = re.compile(r"\s*(?:no\.?\s*|number\s*)?(\d{1,2})\b")
_SLASH = re.compile(r"\s*/\s*")
#: a label worded as a question (not a bare heading word such as "Strengths")
_QUESTION = re.compile(
    r"\?|^\W*(?:what|how|who|why|when|where|which|is|are|does|do|did|has|have|can|will|would|should)\b"
)
#: an ordinal right before a person's words ("second child", "2nd parent")
_ORDINAL_BEFORE = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd)\s+$")
_AUX = re.compile(r"^(?:is|are|does|do|did|has|have|was|were|can|will|should)\b")
_ABOUT = re.compile(r"^(?:about|details of) (?:the |a |an )?(.+)$")
_PRONOUN = re.compile(r"\b(?:i|me|my|you|your|yourself|we|our)\b")
_YOU = re.compile(r"\b(?:you|your)\b")


@dataclass
class FieldInfo:
    """What formaudit understands about one field."""

    index: int
    section: Section
    field: Field
    norm: str  # normalised label (synonyms applied, enumerators/punctuation stripped)
    core: str  # ``norm`` without the subject's words: what is asked
    subject: str
    subject_source: str  # model | label | heading | parent | context | concept | case-date | signoff |
    # default | block | sibling (see the module docstring)
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
    base_concept: str | None = None  # the concept without its attribute ("gp" for "gp.address")
    attribute: str = ""  # "" or the part of the item asked ("address", "type")
    block_of: int | None = None  # instance number of a same-shape sibling section
    rules_dir: str | None = None  # the rules the field was annotated with

    @property
    def role(self) -> str:
        """The subject's role: "child", "mother", "about:other adults", "case"."""
        return self.subject.split("#", 1)[0]

    @property
    def instance(self) -> int | None:
        """The subject's instance number ("Child 2" → 2), or None when there is one."""
        num = self.subject.partition("#")[2]
        return int(num) if num.isdigit() else None

    @property
    def item(self) -> str:
        """What is asked: the concept with its attribute and qualifier ("gp.address", "name first"), else
        the label's words without the subject ("~reason for referral")."""
        what = self.concept or f"~{self.core}"
        return f"{what} {self.qualifier}".strip() if self.qualifier else what

    def to_dict(self) -> dict[str, Any]:
        """The typed subject and item of the field (for JSON output and finding data)."""
        return {
            "subject": {"role": self.role, "instance": self.instance, "source": self.subject_source},
            "item": {
                "concept": self.base_concept,
                "attribute": self.attribute or None,
                "qualifier": self.qualifier or None,
                "text": None if self.concept else self.core,
                "key": self.item,
            },
        }

    @property
    def comparable(self) -> bool:
        """Takes part in duplicate detection at all."""
        return not (self.repeat or self.followup or (self.generic and self.concept is None)) and bool(
            self.core or self.concept
        )


class Rules:
    """Compiled rule data (``rules/synonyms.yaml``, ``subjects.yaml``, ``concepts.yaml``)."""

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
        self.default_subject = str(subj.get("default_subject") or "auto")
        self.populations = [str(p) for p in subj.get("populations") or ["child"]]
        self.fallback_subject = str(subj.get("fallback_subject") or "person")
        self.one_of_a_kind = frozenset(str(x) for x in subj.get("one_of_a_kind") or ())
        self.held = frozenset(subj.get("held_by_case_record") or ())
        self.respondent = subj.get("respondent") or [{"subject": "social_worker"}]
        adjs = subj.get("role_adjectives") or []
        self.subject_words: dict[str, list[str]] = {
            k: list(v.get("words") or []) for k, v in (subj.get("subjects") or {}).items()
        }
        # words that name whoever the form is about: the pseudo-subject "self", resolved per form
        self.subject_words["self"] = [str(w) for w in subj.get("self_words") or []]
        alts = []
        for s, words in self.subject_words.items():
            for w in words:
                alts.append((w, s))
        alts.sort(key=lambda t: len(t[0]), reverse=True)
        # a plural names the same role ("the parents"), except for the populations' own words ("adults" in
        # an adults' form are other adults) and short words ("i" + "s" is "is")
        # Each alternative ends in an empty named group that tells which word matched (``_subject_of``):
        # an alternative that starts with a literal letter is then skipped by the regex engine at the first
        # character that differs (a group around the word would defeat that; ~4x faster, same matches).
        alt = "|".join(
            f"(?:{w})" + ("s?" if len(w) > 3 and s not in self.populations else "") + f"(?P<s{i}>)"
            for i, (w, s) in enumerate(alts)
        )
        self._alt_subject = [s for _, s in alts]
        adj = "|".join(re.escape(a) for a in adjs) or "zzzz"
        # possessive ("mother's"), leading ("mother ..."), "of/for the mother", a whole-label role ("social worker")
        self.poss_re = re.compile(rf"(?<![\w'])(?:the |(?:{adj}) )?(?:{alt})(?:'s|s'|')(?!\w)")
        self.lead_re = re.compile(rf"^(?:the |(?:{adj}) )?(?:{alt})(?:\s|$|/)")
        # "Are the parents aware…?", "Does the child have…?": the question's grammatical subject
        self.aux_re = re.compile(
            rf"^(?:is|are|does|do|did|has|have|was|were|can|will|would) (?:the |this |(?:{adj}) )?(?:{alt})(?!\w)"
        )
        self.of_re = re.compile(rf"\b(?:of|for|by) (?:the |this |(?:{adj}) )?(?:{alt})(?!\w)")
        self.any_re = re.compile(rf"(?<![\w'])(?:{alt})(?![\w])")
        self.start_re = re.compile(rf"\s*(?:(?:{adj}) )?(?:{alt})(?![\w])")
        self.end_re = re.compile(rf"(?<![\w'])(?:{alt})$")
        self.strip_re = re.compile(rf"(?<![\w])(?:(?:the |(?:{adj}) )?(?:{alt})(?:'s|s'|')?)(?![\w])")
        pop = [(w, s) for w, s in alts if s in self.populations]
        self._pop_subject = [s for _, s in pop]
        self.population_re = re.compile(
            r"(?<![\w'])(?:" + "|".join(f"(?P<p{i}>{w})" for i, (w, _) in enumerate(pop)) + r")(?![\w])"
            if pop
            else r"(?!x)x"
        )
        nouns = [str(n) for n in subj.get("person_nouns") or []]
        self.person_noun_re = re.compile(r"\b(?:" + "|".join(nouns) + r")\b") if nouns else None
        summ = [str(n) for n in subj.get("summary_words") or []]
        self.summary_re = re.compile(r"\b(?:" + "|".join(summ) + r")\b") if summ else None
        self.concepts: list[dict[str, Any]] = []
        for name, c in (conc.get("concepts") or {}).items():
            c = dict(c or {})
            c["name"] = name
            c["_p"] = [re.compile(p) for p in c.get("patterns") or []]
            c["_not"] = [re.compile(p) for p in c.get("not") or []]
            # one search per concept: the alternation matches exactly when one of the patterns does
            c["_any"] = _either(c.get("patterns"))
            c["_none"] = _either(c.get("not"))
            c["qualifiers"] = {str(k): v for k, v in (c.get("qualifiers") or {}).items()}
            self.concepts.append(c)
        self.by_name = {c["name"]: c for c in self.concepts}
        self.role_concept = next((c["name"] for c in self.concepts if c.get("role_only")), None)
        self.qualifier_order = [str(q) for q in conc.get("qualifier_order") or []]
        self.generic_re = re.compile(r"^(?:" + "|".join(conc.get("generic") or ["date"]) + r")$")
        self.followup_re = [re.compile(p) for p in conc.get("followup") or []]
        self.attributes = {
            str(k): [re.compile(p) for p in v or []] for k, v in (conc.get("attributes") or {}).items()
        }
        ident = [str(a) for a in conc.get("identity_attributes") or ()]
        self.identity_attributes = frozenset(ident)
        self.identity_key = ident[0] if ident else ""
        cls = [str(w) for w in conc.get("classifier_words") or []]
        self.classifier_re = re.compile(r"\b(?:" + "|".join(cls) + r")$") if cls else None
        self.yes_no_extra = int(conc.get("yes_no_extra_words", 0))
        self.yes_no_filler = frozenset(str(w) for w in conc.get("yes_no_filler") or ())
        self.open_extra = int(conc.get("open_question_extra_words", 0))
        self.open_filler = frozenset(str(w) for w in conc.get("open_question_filler") or ())
        self.case_date_re = [re.compile(p) for p in conc.get("case_dates") or []]
        self.heading_filler = frozenset(str(w) for w in subj.get("heading_filler") or ())
        self.person_attributes = frozenset(str(w) for w in subj.get("person_attributes") or ())
        self.context_concepts = frozenset(str(c) for c in conc.get("context_concepts") or ())
        acr = [str(a) for a in conc.get("acronyms") or []]
        self.acronym_re = re.compile(r"\b(?:" + "|".join(acr) + r")\b") if acr else re.compile(r"(?!x)x")
        sign = [str(w) for w in subj.get("signoff_words") or []]
        self.signoff_re = re.compile(r"\b(?:" + "|".join(sign) + r")\b") if sign else re.compile(r"(?!x)x")
        #: subjects who fill forms in: their open answers and the case's are one voice within a form (FA101)
        self.respondents = frozenset(
            str(e.get("subject")) for e in self.respondent if e.get("subject") and e.get("subject") != "self"
        )
        # Pure functions of the text: a library repeats the same labels across its forms, so each
        # distinct text is analysed once per run (the results are only ever read).
        for name in (
            "normalise",
            "label_subject",
            "heading_subject",
            "mentions",
            "population_mentions",
            "is_followup",
            "core",
            "concept",
            "attribute",
            "label_person",
            "person_name",
        ):
            setattr(self, name, functools.lru_cache(maxsize=TEXT_CACHE)(getattr(self, name)))

    def _subject_of(self, m: re.Match) -> str:
        k = m.lastgroup  # the word's empty marker group closes last
        if k is not None and k.startswith("s"):
            return self._alt_subject[int(k[1:])]
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

    def _instance(self, norm: str, m: re.Match, subject: str) -> str:
        """``subject`` numbered when a number follows its words ("child 2", "parent / carer 2") or an
        ordinal precedes them ("second child")."""
        end = m.end()
        while True:  # "child / young person 2": the number follows a slash-list of words for one role
            slash = _SLASH.match(norm, end)
            nxt = self.start_re.match(norm, slash.end()) if slash else None
            if nxt is None or self._subject_of(nxt) != subject:
                break
            end = nxt.end()
        after = _NUMBER_AFTER.match(norm, end)
        if after:
            return f"{subject}#{after.group(1)}"
        before = _ORDINAL_BEFORE.search(norm[: m.start()])
        if before:
            return f"{subject}#{_ORDINALS.get(before.group(1), before.group(1))}"
        return subject

    def label_subject(self, norm: str) -> str | None:
        """The person a label names; the nearest (head) person wins: "young person's key worker" is the
        key worker."""
        for rx in (self.poss_re, self.lead_re, self.aux_re, self.of_re):
            m = rx.search(norm)
            if m:
                # a possessive followed by another person's words: that person is the subject
                while rx is self.poss_re:
                    nxt = self.start_re.match(norm, m.end())
                    if not nxt:
                        break
                    m = nxt
                return self._instance(norm, m, self._subject_of(m))
        m = self.end_re.search(norm)  # "Review done by": the agent phrase of the person filling in
        if m and self._subject_of(m) == "respondent":
            return "respondent"
        return None

    def label_person(self, norm: str) -> str | None:
        """A person the rules do not know, named in a label asking one of their details ("Name of person
        giving consent", "Applicant's telephone"): ``about:<the person's words>``."""
        if self.person_noun_re is None or self.any_re.search(norm):
            return None
        p = self.person_noun_re.search(norm)
        return "about:" + self.person_name(norm[p.start() :]) if p else None

    def person_name(self, text: str) -> str:
        """The words naming an unknown person: the heading's or label's words without filler ("details",
        "'s") and without the items asked ("name", "telephone")."""
        words = [w for w in self.core(text).replace("'s", " 's").split() if w not in self.heading_filler]
        while words and self.concept(" ".join(words[-1:])) is not None and len(words) > 1:
            words.pop()  # "applicant telephone" -> "applicant"
        return " ".join(words).strip()

    def heading_subject(self, norm: str) -> str | None:
        m = self.any_re.search(norm)
        if not m:
            return None
        s = self._subject_of(m)
        return self._instance(norm, m, s) if s else s

    def person_heading(self, norm: str) -> bool:
        """An unknown heading that names a person ("Other significant figures", "Second contact")."""
        return bool(self.person_noun_re and self.person_noun_re.search(norm))

    def person_heading_first(self, norm: str) -> bool:
        """The heading's person noun comes before the known person it mentions, or right after that
        person's possessive ("Other people close to the child", "Child's other carers"): the heading is
        about those people."""
        if self.person_noun_re is None:
            return False
        p = self.person_noun_re.search(norm)
        m = self.any_re.search(norm)
        if p is None or m is None:
            return False
        if p.start() < m.start():
            return True
        poss = self.poss_re.search(norm)
        return bool(poss and poss.start() == m.start() and norm[poss.end() :].lstrip().startswith(p.group(0)))

    def is_summary(self, norm: str) -> bool:
        return bool(self.summary_re and self.summary_re.search(norm))

    def is_followup(self, norm: str) -> bool:
        """ "If yes, give details": a follow-up that depends on the previous answer."""
        return any(p.search(norm) for p in self.followup_re)

    def population_mentions(self, norm: str) -> frozenset:
        """The populations (``populations`` in subjects.yaml) a text names."""
        out = set()
        for m in self.population_re.finditer(norm):
            k = next(k for k, v in m.groupdict().items() if v is not None)
            out.add(self._pop_subject[int(k[1:])])
        return frozenset(out)

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
            if c["_any"].search(text) and not c["_none"].search(text):
                return c
        return None

    def concept_span(self, c: dict[str, Any], text: str) -> tuple[int, int] | None:
        for p in c["_p"]:
            m = p.search(text)
            if m:
                return m.span()
        return None

    def attribute(self, core: str, contact: bool) -> str:
        """The attribute of an item: which part of a contact ("name", "address"…) or "type"."""
        if self.classifier_re is not None and self.classifier_re.search(core) and len(core.split()) > 1:
            return "type"
        if not contact:
            return ""
        found = {a for a, pats in self.attributes.items() if any(p.search(core) for p in pats)}
        if not found or (found <= self.identity_attributes and self.identity_key in found):
            return ""  # "GP", "GP name", "GP name and surgery": who the contact is
        return "+".join(sorted(found))


_NEVER = re.compile(r"(?!x)x")


class _AnyOf:
    """Patterns that cannot be joined in one regex (a rules folder's ``(?i)…``): searched one by one."""

    def __init__(self, patterns: list[str]):
        self.patterns = [re.compile(p) for p in patterns]

    def search(self, text: str) -> re.Match | None:
        return next((m for p in self.patterns if (m := p.search(text))), None)


def _either(patterns: list[str] | None) -> re.Pattern | _AnyOf:
    """One regex that matches wherever any of ``patterns`` does (never, for none)."""
    pats = [str(p) for p in patterns or []]
    if not pats:
        return _NEVER
    try:
        return re.compile("|".join(f"(?:{p})" for p in pats))
    except re.error:  # e.g. a global flag inside one pattern: keep them apart
        return _AnyOf(pats)


@functools.lru_cache(maxsize=16)
def rules(rules_dir: str | None = None) -> Rules:
    return Rules(rules_dir)


#: A form whose section titles speak to its subject ("About you", "My budget") at least this many times
#: is filled in by (or with) that person: "you" in it is the form's subject, not the worker.
ADDRESSED_MIN_HEADINGS = 2
_ADDRESS = re.compile(r"\b(?:you|your|yourself|me|my|myself)\b")


def _respondent(form: Form, r: Rules) -> str:
    text = " ".join([form.title or ""] + [s.title or "" for s in form.sections]).casefold()
    addressed = sum(1 for s in form.sections if s.title and _ADDRESS.search(fold(s.title)))
    for entry in r.respondent:
        when = entry.get("when")
        if entry.get("addressed") and addressed < ADDRESSED_MIN_HEADINGS:
            continue
        if not when or re.search(when, text):
            return str(entry.get("subject"))
    return "social_worker"


def population_counts(form: Form, r: Rules) -> dict[str, int]:
    """How often the form's title, headings and labels name each population (``rules/subjects.yaml``)."""
    counts = dict.fromkeys(r.populations, 0)
    texts = [form.title or ""] + [s.title or "" for s in form.sections] + [f.label for f in form.fields]
    for t in texts:
        for subj in r.population_mentions(r.normalise(t)):
            counts[subj] += 1
    return counts


def default_subject(form: Form, r: Rules, population: str | None = None) -> str:
    """The form's default subject: configured (``default_subject``), else ``population`` (decided for the
    run by :func:`run_populations`), else the population whose words the form uses most, else the rules'
    ``fallback_subject``."""
    if r.default_subject != "auto":
        return r.default_subject
    if population:
        return population
    counts = population_counts(form, r)
    if not any(counts.values()):
        return r.fallback_subject
    return max(r.populations, key=lambda p: (counts[p], -r.populations.index(p)))


#: A form silent about its population borrows it from the run's form sharing most labels with it, when
#: they share at least this many distinct normalised labels (forms used together serve one population).
NEIGHBOUR_MIN_SHARED_LABELS = 1
#: Forms remembered per label when looking for a neighbour (keeps the search linear in a large run).
NEIGHBOUR_MAX_HOLDERS = 64


def run_populations(forms: Sequence[Form], r: Rules) -> dict[str, str]:
    """``{source: population}`` of the forms of one run: a form's own (the population its words name most);
    for a form whose words name none, the population of the form of the run that shares most labels with it
    (one pass over an inverted index of labels); a form with neither is left out."""
    own: dict[str, str] = {}
    labels: dict[str, set[str]] = {}
    silent = []
    for f in forms:
        counts = population_counts(f, r)
        if any(counts.values()):
            own[f.source] = max(r.populations, key=lambda p: (counts[p], -r.populations.index(p)))
        else:
            silent.append(f.source)
    if not silent or not own:
        return own
    for f in forms:
        labels[f.source] = {r.normalise(x.label) for x in f.fields}
    index: dict[str, list[str]] = {}
    for src in own:
        for lab in labels[src]:
            holders = index.setdefault(lab, [])
            if len(holders) < NEIGHBOUR_MAX_HOLDERS:  # a label every form asks ("Name") says little
                holders.append(src)
    out = dict(own)
    for src in silent:
        shared: dict[str, int] = {}
        for lab in labels[src]:
            for other in index.get(lab, ()):
                shared[other] = shared.get(other, 0) + 1
        if shared:
            best = max(shared, key=lambda o: shared[o])
            if shared[best] >= NEIGHBOUR_MIN_SHARED_LABELS:
                out[src] = own[best]
    return out


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


def _extra_words(r: Rules, c: dict[str, Any], core: str, filler: frozenset[str] | None = None) -> int:
    """Content words of ``core`` outside the span the concept matched (whole words); ``filler`` words (by
    default ``yes_no_filler``) do not count."""
    filler = r.yes_no_filler if filler is None else filler
    span = r.concept_span(c, core)
    if span is None:
        return 0
    a, b = span
    n = 0
    for m in re.finditer(r"\S+", core):
        if m.end() <= a or m.start() >= b:
            w = m.group(0)
            if w not in STOPWORDS and w not in filler and len(w) > 1 and not w.isdigit():
                n += 1
    return n


_WORD = re.compile(r"\w+")


def _scope_prefix_dropped(label: str, sec: Section, sec_by_id: dict[str, Section]) -> str:
    """ "Budget plan: Start date" under "Budget plan guidance" asks "Start date": a label prefix (before a
    colon) whose words all belong to the titles of its section and their parents names the scope, not
    the item."""
    head, colon, rest = label.partition(":")
    if not colon or not rest.strip() or not _WORD.search(head):
        return label
    words = set()
    s: Section | None = sec
    for _ in range(8):
        if s is None:
            break
        words.update(_WORD.findall(fold(s.title or "")))
        s = sec_by_id.get(s.parent) if s.parent else None
    return rest.strip() if set(_WORD.findall(fold(head))) <= words else label


#: subject sources that come from the field's surroundings (a block can renumber them)
#: ("context" is not one: it follows a person named in a label, who is already specific)
_SCOPE_SOURCES = frozenset({"heading", "parent", "default", "concept", "case-date", "signoff"})


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
                            if fi.subject_source in _SCOPE_SOURCES:
                                fi.subject = f"{fi.subject.split('#')[0]}#{k + 1}"
                                fi.subject_source = "block"
                        k += 1
                    s += k * p
                    found = True
                    break
            if not found:
                s += 1


#: Sibling sections of the same shape: at least this many items in common …
SIBLING_MIN_ITEMS = 3
#: … of which at least this many are data items a record holds about a person (``prefillable`` concepts) …
SIBLING_MIN_DATA_ITEMS = 2
#: … and at least this share (0–1) of the larger section's items.
SIBLING_MIN_OVERLAP = 0.7


def _item_signature(fis: list[FieldInfo]) -> set[str]:
    return {fi.concept or fi.core for fi in fis if not fi.followup and (fi.concept or fi.core)}


def _mark_sibling_sections(form: Form, infos: list[FieldInfo], scope_subject, r: Rules) -> None:
    """Adjacent sibling sections asking the same items are different instances of their subject
    ("Primary address" / "Secondary address", two "Other adult" tables), unless their headings
    name the same one-of-a-kind person ("Mother" twice is one mother)."""
    by_sec: dict[str, list[FieldInfo]] = {}
    for fi in infos:
        if not fi.repeat and fi.block is None:
            by_sec.setdefault(fi.section.id, []).append(fi)
    secs = [s for s in form.sections if s.id in by_sec]
    runs: list[list[Section]] = []
    for prev, cur in zip([None, *secs], secs, strict=False):
        ok = False
        if prev is not None and prev.parent == cur.parent and prev.level == cur.level:
            a, b = _item_signature(by_sec[prev.id]), _item_signature(by_sec[cur.id])
            common = len(a & b)
            # a person's block asks data items (name, address…); sections asking the same open questions
            # ("Strengths", "Concerns" under Health and Education) are topics, not people
            held = {
                fi.concept for fi in by_sec[prev.id] if fi.concept and fi.concept in a & b and fi.prefillable
            }
            ok = (
                common >= SIBLING_MIN_ITEMS
                and len(held) >= SIBLING_MIN_DATA_ITEMS
                and common / max(len(a), len(b)) >= SIBLING_MIN_OVERLAP
                and not any(r.is_summary(r.normalise(x.title or "")) for x in (prev, cur))
            )
            if ok:
                sa, src_a = scope_subject(prev)
                sb, src_b = scope_subject(cur)
                named = src_a in ("heading", "parent") and src_b in ("heading", "parent")
                ok = sa == sb and "#" not in sa and not (named and sa.split(":")[0] in r.one_of_a_kind)
        if ok and runs:
            runs[-1].append(cur)
        else:
            runs.append([cur])
    for run in runs:
        if len(run) < 2:
            continue
        for k, sec in enumerate(run, 1):
            base, _ = scope_subject(sec)
            for fi in by_sec[sec.id]:
                if fi.subject_source in _SCOPE_SOURCES:
                    fi.subject = f"{base}#{k}"
                    fi.subject_source = "sibling"
                    fi.block_of = k


def annotate(form: Form, rules_dir: str | None = None, population: str | None = None) -> list[FieldInfo]:
    """One :class:`FieldInfo` per field of ``form``, in document order (see the module docstring).
    ``population``: the form's population as the run decided it (:func:`run_populations`); without it the
    form's own words decide."""
    r = rules(rules_dir)
    respondent = _respondent(form, r)
    default = default_subject(form, r, population)
    sec_by_id = {s.id: s for s in form.sections}
    heading_cache: dict[str, str | None] = {}

    def resolve(s: str | None) -> str | None:
        if not s:
            return s
        base, sep, num = s.partition("#")
        if base == "respondent":
            base = respondent
        if base == "self":
            base = default
        return base + sep + num

    def title_subject(sec: Section) -> str | None:
        if sec.id not in heading_cache:
            hs = None
            if sec.title:
                norm = r.normalise(sec.title)
                hs = resolve(r.heading_subject(norm))
                if hs is not None and r.person_heading_first(norm):
                    hs = None  # "Other people important to the child": the people, not the child
                if hs is None:
                    m = _ABOUT.match(norm)
                    if m:  # "About the business support team member": a subject the rules do not know
                        hs = "about:" + r.core(m.group(1))
                    elif r.person_heading(norm) and not r.is_summary(norm):
                        hs = "about:" + r.person_name(norm)  # "Other significant figures": a new person
            heading_cache[sec.id] = hs
        return heading_cache[sec.id]

    def heading(sec: Section | None) -> tuple[str | None, str]:
        depth = 0
        while sec is not None and depth < 8:
            hs = title_subject(sec)
            if hs:
                return hs, "heading" if depth == 0 else "parent"
            sec = sec_by_id.get(sec.parent) if sec.parent else None
            depth += 1
        return None, ""

    contact_cache: dict[str, dict[str, Any] | None] = {}

    def heading_contact(sec: Section | None) -> dict[str, Any] | None:
        """The contact concept (a GP, a school) the nearest heading is about, if it names no person."""
        depth = 0
        while sec is not None and depth < 8:
            if sec.id not in contact_cache:
                c = None
                if sec.title and title_subject(sec) is None:
                    c = r.concept(r.core(r.normalise(sec.title)))
                    c = c if c is not None and c.get("contact") else None
                contact_cache[sec.id] = c
            if contact_cache[sec.id] is not None or title_subject(sec) is not None:
                return contact_cache[sec.id]
            sec = sec_by_id.get(sec.parent) if sec.parent else None
            depth += 1
        return None

    signoff_cache: dict[str, bool] = {}

    def signoff(sec: Section) -> bool:
        """A declaration / signatures section: its vague fields are the signer's."""
        if sec.id not in signoff_cache:
            signoff_cache[sec.id] = bool(r.signoff_re.search(r.normalise(sec.title or "")))
        return signoff_cache[sec.id]

    def section_topic(sec: Section, concept: dict[str, Any]) -> str:
        """The topic a bare open question ("Strengths", "Concerns") takes from its section: the section's
        words, unless the section asks that question itself or summarises ("Analysis")."""
        if not sec.title:
            return ""
        norm = r.normalise(sec.title)
        core = r.core(norm)
        if not core or r.is_summary(norm) or r.concept(core) is concept:
            return ""
        return core.replace(" ", "_")

    def scope_subject(sec: Section) -> tuple[str, str]:
        hs, src = heading(sec)
        return (hs, src) if hs else (default, "default")

    infos: list[FieldInfo] = []
    prev: FieldInfo | None = None
    for i, (sec, f) in enumerate(form.iter_fields()):
        label = _scope_prefix_dropped(f.label, sec, sec_by_id)
        norm = r.normalise(_PAREN.sub(" ", label) if _PAREN.sub(" ", label).strip() else label)
        core = r.core(norm)
        lsub = resolve(r.label_subject(norm))
        followup = r.is_followup(norm)
        yes_no = f.kind == "yes_no" or bool(_AUX.match(norm))
        concept = r.concept(core) if core else None
        if concept is not None and yes_no and _extra_words(r, concept, core) > r.yes_no_extra:
            concept = None  # a yes/no question that only shares a word with the item is its own question
        elif (
            concept is not None
            and not yes_no
            and concept.get("prefillable")
            and _QUESTION.search(fold(f.label))
            and _extra_words(r, concept, core, r.open_filler) > r.open_extra
        ):
            concept = None  # "How does caring affect their school life?" asks about it, not for it
        typed = f.kind in ("text", "long_text")
        if concept is None and not core and lsub and r.role_concept and typed:
            concept = r.by_name[r.role_concept]  # "Social worker", "Team manager": the person's name
        if concept is None and core and lsub and core in ("name", "full name"):
            concept = r.by_name.get(r.role_concept or "")
        generic = bool(r.generic_re.match(core or norm))
        same_sec_prev = prev is not None and prev.section is sec
        base = concept["name"] if concept else None
        # a bare "Date" after a signature is the date that person signed
        if (
            base is None
            and core == "date"
            and ((same_sec_prev and prev.concept == "signature") or signoff(sec))
        ):
            concept, base = r.by_name.get("date_signed"), "date_signed"
        attr = r.attribute(core, bool(concept and concept.get("contact"))) if core else ""
        if lsub is None and core and (concept is None or not concept.get("contact")):
            contact = heading_contact(sec)
            cattr = r.attribute(core, True) if contact else ""
            if contact and cattr and (concept is None or concept.get("attribute_of_contact")):
                # "Address" under "GP details" is the GP's address, as "GP address" would be
                concept, base, attr = contact, contact["name"], cattr
            elif (
                contact and concept is not None and concept.get("role_only") and r.attribute(core, True) == ""
            ):
                concept, base, attr = contact, contact["name"], ""  # "Name" under "School": the school
        cname = (f"{base}.{attr}" if attr else base) if base else None
        if lsub is None and base in r.person_attributes:
            lsub = r.label_person(norm)  # "Name of person giving consent": a person the rules do not know
        if lsub is None and concept is not None and concept.get("narrative") and _YOU.search(norm):
            lsub = respondent  # "What are YOU worried about?": the person filling in, not the agency
        if f.subject:
            subject, src = str(f.subject), "model"  # the form model says whom the field is about
        elif lsub:
            subject, src = lsub, "label"
            hs, _ = heading(sec)
            if "#" not in lsub and hs and hs.partition("#")[0] == lsub and "#" in hs:
                subject = hs  # "Unborn child's EDC" under "Child 2" is child 2's
        else:
            hs, src = heading(sec)
            if (
                (generic or base in r.context_concepts)
                and same_sec_prev
                and prev.subject_source in ("label", "context")
                and prev.subject != default
            ):
                subject, src = prev.subject, "context"
            elif (
                concept is None
                and not generic
                and any(p.search(core) for p in r.case_date_re)
                and not r.mentions(norm)
            ):
                subject, src = "case", "case-date"  # the date of an event in the case
            elif hs:
                subject = hs
            elif concept is not None and concept.get("subject"):
                subject, src = str(concept["subject"]), "concept"
            elif signoff(sec):
                subject, src = respondent, "signoff"  # "Print name" in a declaration: whoever signs it
            else:
                subject, src = default, "default"
        if (
            concept is not None
            and concept.get("subject") == "case"
            and src != "model"
            and (src != "label" or (subject == default and not _PRONOUN.search(norm)))
        ):
            subject, src = "case", "concept"
        qual = _qualifier(core, concept)
        if (
            concept is not None
            and concept.get("narrative")
            and not _QUESTION.search(fold(f.label))
            and _extra_words(r, concept, core) == 0
        ):
            topic = section_topic(sec, concept)
            if topic:  # a bare "Strengths" under "Health" is the strengths in health
                qual = (qual + " @" + topic).strip()
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
            mentions=frozenset(resolve(m) for m in r.mentions(norm)),
            base_concept=base,
            attribute=attr,
            rules_dir=rules_dir,
        )
        infos.append(fi)
        prev = fi
    # consecutive identical labels in one section are the lines of one answer ("Address line" x3)
    run: list[FieldInfo] = []
    for fi in infos + [None]:  # type: ignore[list-item]
        if run and (
            fi is None
            or fi.section is not run[-1].section
            or fi.field.label.strip().casefold() != run[-1].field.label.strip().casefold()
        ):
            if len(run) > 1:
                for k, x in enumerate(run, 1):
                    x.qualifier = (x.qualifier + f" {k}").strip()
            run = []
        if fi is not None:
            run.append(fi)
    _mark_blocks(infos)
    _mark_sibling_sections(form, infos, scope_subject, r)
    for fi in infos:
        fi.mentions = fi.mentions - {fi.role}  # other people the label names besides its subject
        fi.key = (
            f"{fi.subject}|{fi.concept}|{fi.qualifier}"
            if fi.concept
            else f"{fi.subject}|~{fi.core}|{fi.qualifier}"
        )
    return infos


def annotations(ctx) -> dict[str, list[FieldInfo]]:
    """``{form source: [FieldInfo...]}`` for every form of the run, computed once per run."""
    cache = ctx.cache.setdefault("semantics", {})
    early = ctx.cache.pop("early_semantics", {})  # forms annotated as they were read (annotate_early)
    for form in ctx.forms:
        got = early.get(form.source)
        if got is not None and got[0] is form and form.source not in cache:
            cache[form.source] = got[1]
    todo = [form for form in ctx.forms if form.source not in cache]
    if todo:
        populations = run_populations(ctx.forms, rules(ctx.rules_dir))
        for form in todo:
            cache[form.source] = annotate(form, ctx.rules_dir, populations.get(form.source))
    return cache


def annotate_early(form: Form, cache: dict, rules_dir: str | None = None) -> None:
    """Annotate one form ahead of :func:`annotations` (as it is read, while other files still are), when
    the result cannot depend on the other forms of the run: its subject is configured, or its own words
    name a population (only a form silent about its population borrows one from the run's other forms)."""
    r = rules(rules_dir)
    if r.default_subject == "auto" and not any(population_counts(form, r).values()):
        return
    cache.setdefault("early_semantics", {})[form.source] = (form, annotate(form, rules_dir, None))


# ----------------------------------------------------------------------------- matching helpers
# (shared by FA101, FA102 and FA103)


def similar_pairs(texts: Sequence[str], cutoff: float) -> Iterable[tuple[int, int, float]]:
    """Yield ``(i, j, score)`` with ``i < j`` for texts whose ``token_sort_ratio`` is at least ``cutoff``
    (:func:`formaudit.textnorm.similar_pairs`, the one fuzzy join every check uses)."""
    from .textnorm import similar_pairs as pairs

    return pairs(texts, cutoff)


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


@functools.lru_cache(maxsize=1 << 18)
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


def describe(fi: FieldInfo) -> str:
    """A readable name of the item a field asks for: "Child's date of birth", "Mother's address (2)"."""
    if not fi.concept:
        return fi.field.label.strip().rstrip(":*").strip()
    return _describe(fi.concept, fi.qualifier, fi.subject, fi.rules_dir)


@functools.lru_cache(maxsize=1 << 12)
def _describe(concept: str, qualifier: str, subject: str, rules_dir: str | None) -> str:
    what = rules(rules_dir).acronym_re.sub(
        lambda m: m.group(0).upper(), concept.replace("_", " ").replace(".", " ").replace("+", " and ")
    )
    if qualifier:
        what += f" ({qualifier})"
    subj = subject
    if subj == "case":
        return what[0].upper() + what[1:]
    base, _, num = subj.partition("#")
    who = base.split(":", 1)[-1].replace("_", " ")
    who = (who[0].upper() + who[1:]) if who else "Person"
    if num:
        who += f" {num}"
    return f"{who}'s {what}"
