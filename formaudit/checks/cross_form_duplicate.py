"""FA102 cross-form-duplicate: the same item about the same subject asked in more than one form of a run."""

from __future__ import annotations

import functools
import os
import re
from collections import defaultdict
from collections.abc import Iterable

from ..model import Finding, Form, field_ref
from ..renderings import CONTAINMENT, OVERLAP, family_map
from ..semantics import FieldInfo, UnionFind, annotations, describe, digits, rules, same_words, similar_pairs
from ..textnorm import TEXT_CACHE
from . import LABEL_SIMILARITY, Check, Option

#: A free-text answer whose label is longer than this (words) may ask for more than one data item ("Please
#: list other people involved … including names, roles/relationship and contact details"): it never
#: stands for one short-answer item (the relationship) in another form, only for another free-text answer.
ITEM_LABEL_WORDS = 8
LONG_KINDS = ("long_text", "table")


_ENUMERATOR = re.compile(r"^\s*(?:(?:part|section)\s+)?(?:[0-9]+(?:\.[0-9]+)*[.):]?|[a-z][.)])\s+")


@functools.lru_cache(maxsize=TEXT_CACHE)
def _heading(title: str) -> str:
    """A section title without its number ("1.2 Communication" is "communication")."""
    from ..textnorm import normalise

    return _ENUMERATOR.sub("", normalise(title))


def _composite(fi: FieldInfo) -> bool:
    return fi.field.kind in LONG_KINDS and len(fi.field.label.split()) > ITEM_LABEL_WORDS


class CrossFormDuplicate(Check):
    """Same item about the same subject asked in more than one form of the run.

    **What it finds.** Data items (the child's date of birth, NHS number, address, GP, the social worker's
    name, the child's views…) that several forms of one run ask again. One finding per item: ``fields``
    holds each form's first occurrence, ``data.repeats_within_forms`` every later one in the same forms
    (those repeats are also FA101 findings).

    **Why it matters.** A family's details typed into the referral, the assessment, the plan and the
    conference report are four chances to differ. Items a case-management system holds can be pre-filled;
    the rest can be carried forward.

    **Identity rule.** As FA101: subject + concept + qualifier, or for short answers with no concept the same
    subject and ``token_sort_ratio >= similarity`` of the normalised labels. A free-text answer with no
    concept is the same item only as the same question under the same heading ("Communication / Further
    details"), never on what each document has its own answer to (a summary, an analysis, actions, a
    contingency plan, a recommendation: ``own_document`` topics of ``rules/topics.yaml``; a sign-off). A
    free-text label longer than ``ITEM_LABEL_WORDS`` (8) words may ask for several items at once: it joins
    only other free-text answers of its concept, never a short answer. An unqualified item ("Address")
    joins the first-ranked qualified one ("Home address, first line") of another form.

    **Traps avoided.** Renderings of the same form (a DOCX and its PDF, a re-saved copy) are recognised by
    their content, never their file names (:mod:`formaudit.renderings`), and are never compared with each
    other; grid columns and follow-up questions are skipped; subjects must agree (the mother's address is
    not the child's).

    **Settings** (key ``FA102``): ``similarity`` (default 90), ``variant_containment`` (default 0.95) and
    ``variant_overlap`` (default 0.6) — the renderings thresholds of :mod:`formaudit.renderings` —,
    ``severity`` (default info). Also stores the item x form matrix in ``ctx.cache["matrix"]``: one column per
    form, renderings counted once (``also_as`` lists the other renderings of each column's form).

    **Example.** ``Child: date of birth asked in 6 forms (referral, assessment, plan, …)``.
    """

    code = "FA102"
    name = "cross-form-duplicate"
    default_severity = "info"
    scope = "library"
    analyses = ("semantics",)
    options = {
        "similarity": LABEL_SIMILARITY,
        "variant_containment": Option(
            float,
            CONTAINMENT,
            "share (0-1) of the smaller question vocabulary found in the larger: renderings of one form "
            "(formaudit/renderings.py)",
            minimum=0,
            maximum=1,
        ),
        "variant_overlap": Option(
            float,
            OVERLAP,
            "share (0-1) of the larger question vocabulary the two forms share: renderings of one form "
            "(formaudit/renderings.py)",
            minimum=0,
            maximum=1,
        ),
    }

    def run(self) -> Iterable[Finding]:
        forms = self.ctx.forms
        if not forms:
            return
        similarity = self.options["similarity"]
        family = family_map(
            forms,
            containment=self.options["variant_containment"],
            overlap=self.options["variant_overlap"],
        )
        ann = annotations(self.ctx)
        order = rules(self.ctx.rules_dir).qualifier_order
        items: list[tuple[Form, FieldInfo]] = []
        for form in forms:
            for fi in ann[form.source]:
                if fi.comparable and not fi.per_document:
                    items.append((form, fi))
        uf = UnionFind(len(items))
        # 1. concept items: exact key; an unqualified key joins the best-ranked qualified key
        keyed: dict[tuple, list[int]] = defaultdict(list)
        for i, (_, fi) in enumerate(items):
            if fi.concept:
                keyed[(fi.subject, fi.concept, fi.qualifier)].append(i)
        for _k, idx in keyed.items():
            # a free-text answer asking for several items at once joins other free-text answers only
            short = [i for i in idx if items[i][1].field.kind not in LONG_KINDS]
            composite = [i for i in idx if _composite(items[i][1])]
            placed = set(short) | set(composite)
            other = [i for i in idx if i not in placed]
            for group in (short + other, composite + other):
                for i in group[1:]:
                    uf.union(group[0], i)
            idx[:] = short + other or composite
        qualified: dict[tuple, list[str]] = defaultdict(list)  # (subject, concept) -> its qualifiers
        for s, c, q in keyed:
            if q:
                qualified[(s, c)].append(q)
        for (subj, concept, qual), idx in keyed.items():
            if qual:
                continue
            quals = qualified.get((subj, concept), [])
            if not quals:
                continue
            best = min(quals, key=lambda q: (order.index(q) if q in order else len(order), q))
            if best in order:
                uf.union(idx[0], keyed[(subj, concept, best)][0])
        # 2. labels without a concept (short answers only): fuzzy within one subject, between forms
        by_subject: dict[str, list[int]] = defaultdict(list)
        for i, (_, fi) in enumerate(items):
            if fi.concept is None and fi.field.kind not in ("long_text", "table"):
                by_subject[fi.subject].append(i)
        for idx in by_subject.values():
            texts = [items[i][1].core for i in idx]
            for a, b, _ in similar_pairs(texts, similarity):
                (fa, x), (fb, y) = items[idx[a]], items[idx[b]]
                if fa.source == fb.source:
                    continue
                if x.qualifier != y.qualifier or digits(x.core) != digits(y.core) or x.mentions != y.mentions:
                    continue
                if not same_words(x.core, y.core):
                    continue
                uf.union(idx[a], idx[b])
        # 3. free-text answers without a concept: the same question under the same heading ("Communication /
        #    Further details" in two forms), about the same subject; never under a heading that belongs to each
        #    document (a summary, an analysis, a sign-off)
        self._narrative(items, uf, similarity)
        all_groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(items)):
            all_groups[uf.find(i)].append(i)
        # the matrix counts each form once: one column per group of renderings (its first file)
        leaders = [f.source for n, f in enumerate(forms) if family[f.source] == n]
        lead_of = {f.source: forms[family[f.source]].source for f in forms}
        also: dict[str, list[str]] = {s: [] for s in leaders}
        for f in forms:
            if lead_of[f.source] != f.source:
                also[lead_of[f.source]].append(f.source)
        cells_items, cells = [], []
        for g in sorted(all_groups.values(), key=lambda g: g[0]):
            counts: dict[str, int] = defaultdict(int)
            for i in g:
                counts[items[i][0].source] += 1
            per_form: dict[str, int] = defaultdict(int)
            for src, n in counts.items():  # renderings of one form ask it the same number of times
                per_form[lead_of[src]] = max(per_form[lead_of[src]], n)
            fi0 = items[g[0]][1]
            if fi0.concept:
                cells_items.append({"subject": fi0.subject, "concept": fi0.concept, "label": fi0.field.label})
                cells.append([per_form.get(s, 0) for s in leaders])
            if len({family[items[i][0].source] for i in g}) < 2:
                continue
            seen: set[str] = set()
            occ: list[tuple[Form, FieldInfo]] = []
            repeats: list[tuple[Form, FieldInfo]] = []
            for i in g:  # items are in run order, then document order: each form's first occurrence leads
                form, fi = items[i]
                if form.source not in seen:
                    seen.add(form.source)
                    occ.append((form, fi))
                else:
                    repeats.append((form, fi))
            subj = fi0.subject.split("#")[0].replace("_", " ")
            what = fi0.concept.replace("_", " ") if fi0.concept else fi0.field.label.strip().rstrip(":*")
            title = describe(fi0)
            # renderings of one form are one form: named once, "also as" its other files
            by_form: dict[str, list[str]] = defaultdict(list)  # form (first rendering) -> its files here
            for f, _ in occ:
                by_form[lead_of[f.source]].append(f.source)
            shown = [files[0] for files in by_form.values()]
            also_as = {files[0]: files[1:] for files in by_form.values() if len(files) > 1}
            names = [
                os.path.basename(src)
                + (
                    f" (also as {', '.join(os.path.basename(x) for x in also_as[src])})"
                    if src in also_as
                    else ""
                )
                for src in shown
            ]
            n_forms = len(shown)
            yield self.finding(
                occ[0][0].source,
                f'"{title}" asked in {n_forms} forms ({", ".join(names)})',
                fields=[field_ref(f, fi.section, fi.field) for f, fi in occ],
                why=(
                    f"The {what} of the {subj} is asked again in {n_forms} forms of this run"
                    + (
                        " — a case-management system usually holds it: pre-fill it."
                        if fi0.prefillable
                        else " — carry the answer forward instead of asking again."
                    )
                ),
                data={
                    # each form's other renderings that ask it too (their fields are in ``fields``)
                    "also_as": also_as,
                    "item": title,
                    "subject": fi0.subject,
                    "concept": fi0.concept,
                    "prefillable": fi0.prefillable,
                    # later occurrences inside the same forms (each also an FA101 finding)
                    "repeats_within_forms": [field_ref(f, fi.section, fi.field) for f, fi in repeats],
                },
            )
        self.ctx.cache["matrix"] = {
            "items": cells_items,
            "forms": leaders,
            "cells": cells,
            "also_as": {s: o for s, o in also.items() if o},
        }

    def _narrative(self, items: list[tuple[Form, FieldInfo]], uf: UnionFind, similarity: float) -> None:
        from .redundant_section import Lexicon

        lex = self.ctx.cache.get("topics-lexicon")
        if lex is None:
            lex = self.ctx.cache["topics-lexicon"] = Lexicon.load(self.ctx.rules_dir)

        def own_document(fi: FieldInfo) -> bool:
            t = _heading(fi.section.title)
            if lex.signoff is not None and lex.signoff.search(t):
                return True
            return lex.own_document(t) or lex.own_document(fi.field.label)  # a summary, a contingency plan

        idx = [
            i
            for i, (_, fi) in enumerate(items)
            if fi.concept is None and fi.field.kind in LONG_KINDS and fi.section.title and not _composite(fi)
        ]
        idx = [i for i in idx if not own_document(items[i][1])]
        if len(idx) < 2:
            return
        # one similarity pass over "heading | question": both must agree
        heads = [_heading(items[i][1].section.title) for i in idx]
        texts = [h + " | " + items[i][1].core for h, i in zip(heads, idx, strict=True)]
        for a, b, _ in similar_pairs(texts, similarity):
            (fa, x), (fb, y) = items[idx[a]], items[idx[b]]
            if fa.source == fb.source or x.subject != y.subject:
                continue
            if not (same_words(x.core, y.core) and same_words(heads[a], heads[b])):
                continue
            uf.union(idx[a], idx[b])
