"""Renderings: files of a run that are the same form (a DOCX and its PDF, a re-saved copy).

A council publishes one form as Word and as PDF; a library often holds both, or an older copy re-saved
under another name. They are one form: never cross-form duplicates of each other (FA102), reported once
("also as: x.pdf") and counted once in totals, the item x form matrix and savings.

**Decided by content, never by file name.** ``child_protection_plan`` and ``child_protection_review``
are two forms whatever their names share; ``referral.docx`` and ``Referral (final).pdf`` are one.

**Rule.** Each form's *question vocabulary* is the set of distinct words (two letters or more, letters
only: a widget name such as "Text12" is no word) of its title, section titles, field labels, options and
grid columns — guidance text is left out, because readers lose or keep it unevenly and because two forms
of one council share its boilerplate. Two forms are renderings of one form when

* nearly every word of the smaller question vocabulary is in the larger form (``containment``, default
  0.95; looked for in its questions and guidance, as one reader may take for guidance a sentence another
  reads as a label): a reader may lose text (a date blank it cannot see, a wrapped label), but it rarely
  invents words — the exception is a prompt left printed in a PDF ("Click or tap here to enter text"),
  which is what the 5 % tolerance is for; and
* the shared words make up most of the larger vocabulary too (``overlap``, default 0.6): a short form
  whose every word appears in a long one (a referral beside a full assessment of the same service) is a
  different form.

Renderings are grouped transitively (a DOCX, its PDF and a re-saved copy make one group).

Measured on the two evaluation corpora and the sample forms (not fitted): every pair of renderings has
containment 0.997–1.00 and overlap 0.71–1.00; no pair of *different* forms has containment above 0.91 (a
first conversation and a later assessment of one adult social care front end, sharing their identity and
contact questions: overlap 0.21) or overlap above 0.58 (a warning note and the review of one: containment
0.71).

**Cost.** Candidate pairs come from a set-containment join with prefix filtering: if at least
``containment`` of the smaller question vocabulary ``x`` is in the other form, then of *any*
``|x| - ceil(containment * |x|) + 1`` words of ``x`` at least one is there (pigeonhole). Each form looks up
only its rarest such words in an inverted index of the forms' whole vocabularies, so only forms holding
one of them are compared — no loop over all pairs of forms, even when a library's forms share most of
their words. Forms already in one group are not compared again.

Public API (stable: savings and the reporters use it):

* :func:`rendering_groups` — ``list[list[int]]``, every form of the run in exactly one group, each group
  sorted, groups in run order; a group of one is a form with no other rendering.
* :func:`family_map` — ``{source: group id}``; the id is the run index of the group's first form.
* :func:`also_as` — ``{source of a group's first form: [sources of its other renderings]}``.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

from .model import Form
from .textnorm import TEXT_CACHE

#: Share of the smaller question vocabulary (distinct words) that must appear in the larger one.
CONTAINMENT = 0.95
#: Share of the larger question vocabulary that the two forms must share.
OVERLAP = 0.6

_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=TEXT_CACHE)
def _words(text: str | None) -> frozenset[str]:
    """Words of two letters or more; tokens with digits or underscores ("Text12", "cc_4") are field names."""
    return frozenset(
        w
        for w in _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())
        if len(w) > 1 and w.isalpha()
    )


def vocabularies(form: Form) -> tuple[frozenset[str], frozenset[str]]:
    """The form's question vocabulary (:func:`vocabulary`) and its whole vocabulary (guidance too), in one pass."""
    words: set[str] = set(_words(form.title))
    guide: set[str] = set()
    for section in form.sections:
        words |= _words(section.title)
        guide |= _words(section.guidance)
        for f in section.fields:
            words |= _words(f.label)
            for t in (*(f.options or ()), *(f.columns or ())):
                words |= _words(t)
    return frozenset(words), frozenset(words | guide)


def vocabulary(form: Form, guidance: bool = False) -> frozenset[str]:
    """The distinct words of a form's title, section titles, labels, options and grid columns
    (and its guidance text too when ``guidance`` is set)."""
    return vocabularies(form)[1 if guidance else 0]


def same_form(
    a: frozenset[str],
    b: frozenset[str],
    containment: float = CONTAINMENT,
    overlap: float = OVERLAP,
    a_text: frozenset[str] | None = None,
    b_text: frozenset[str] | None = None,
) -> bool:
    """Whether two question vocabularies are renderings of one form (see the module docstring).

    ``a_text`` / ``b_text`` are the forms' whole vocabularies (with guidance): the smaller form's question
    words are looked for there, so a sentence one reader took as guidance and another as a label still counts.
    """
    if not a or not b:
        return False
    if len(a) > len(b):
        a, b, a_text, b_text = b, a, b_text, a_text
    shared = len(a & b)
    found = len(a & (b_text or b)) if b_text is not None else shared
    return found >= containment * len(a) and shared >= overlap * len(b)


def _candidates(
    vocabs: Sequence[frozenset[str]], texts: Sequence[frozenset[str]], containment: float
) -> Iterator[tuple[int, int]]:
    """Pairs ``(j, i)``, ``j != i``, where form ``j``'s whole vocabulary holds one of the rarest
    ``|x| - ceil(containment * |x|) + 1`` question words of form ``i``, which is no larger than form ``j``
    (a pair that could pass :func:`same_form`; see the module docstring). A pair may come twice."""
    freq = Counter(w for t in texts for w in t)
    index: dict[str, list[int]] = defaultdict(list)
    for j, t in enumerate(texts):
        for w in t:
            index[w].append(j)
    for i, v in enumerate(vocabs):
        if not v:
            continue
        ordered = sorted(v, key=lambda w: (freq[w], w))
        prefix = len(ordered) - math.ceil(containment * len(ordered)) + 1
        seen: set[int] = {i}
        for w in ordered[: max(prefix, 1)]:
            for j in index.get(w, ()):
                if j not in seen and len(vocabs[j]) >= len(v):
                    seen.add(j)
                    yield j, i


def rendering_groups(
    forms: Sequence[Form], containment: float = CONTAINMENT, overlap: float = OVERLAP
) -> list[list[int]]:
    """Indices of the forms that are renderings of one form, every form in exactly one group."""
    both = [vocabularies(f) for f in forms]
    vocabs = [v for v, _ in both]
    texts = [t for _, t in both]
    parent = list(range(len(forms)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for j, i in _candidates(vocabs, texts, containment):
        ri, rj = find(i), find(j)
        if ri != rj and same_form(vocabs[i], vocabs[j], containment, overlap, texts[i], texts[j]):
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(forms)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def family_map(forms: Sequence[Form], **kwargs) -> dict[str, int]:
    """``{form source: group id}`` — renderings of one form share the id (the first one's run index)."""
    return {forms[i].source: g[0] for g in rendering_groups(forms, **kwargs) for i in g}


def also_as(forms: Sequence[Form], **kwargs) -> dict[str, list[str]]:
    """``{source of each group's first form: [sources of the other renderings]}`` for groups of two or more."""
    return {
        forms[g[0]].source: [forms[i].source for i in g[1:]]
        for g in rendering_groups(forms, **kwargs)
        if len(g) > 1
    }


def distinct(forms: Iterable[Form], **kwargs) -> list[Form]:
    """One form per group of renderings (the first in run order): what totals should count."""
    forms = list(forms)
    return [forms[g[0]] for g in rendering_groups(forms, **kwargs)]
