"""FA102 cross-form-duplicate: the same item about the same subject asked in more than one form of a run."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable

from ..model import Finding, Form, field_ref
from ..renderings import CONTAINMENT, OVERLAP, family_map
from ..semantics import FieldInfo, UnionFind, annotations, describe, digits, rules, same_words, similar_pairs
from . import Check, Option


class CrossFormDuplicate(Check):
    """Same item about the same subject asked in more than one form of the run.

    **What it finds.** Data items (the child's date of birth, NHS number, address, GP, the social worker's
    name, the child's views…) that several forms of one run ask again. One finding per item: ``fields``
    holds each form's first occurrence, ``data.repeats_within_forms`` every later one in the same forms
    (those repeats are also FA101 findings).

    **Why it matters.** A family's details typed into the referral, the assessment, the plan and the
    conference report are four chances to differ. Items a case-management system holds can be pre-filled;
    the rest can be carried forward.

    **Identity rule.** As FA101: subject + concept + qualifier, or for labels with no concept the same subject
    and ``token_sort_ratio >= similarity`` of the normalised labels (free-text answers with no concept are not
    compared across forms: a "Contingency plan" belongs to its own document). An unqualified item
    ("Address") joins the first-ranked qualified one ("Home address line 1") of another form.

    **Traps avoided.** Renderings of the same form (a DOCX and its PDF, a re-saved copy) are recognised by
    their content, never their file names (:mod:`formaudit.renderings`), and are never compared with each
    other; grid columns and follow-up questions are skipped; subjects must agree (the mother's address is
    not the child's).

    **Settings** (key ``FA102``): ``similarity`` (default 90), ``variant_containment`` (default 0.95) and
    ``variant_overlap`` (default 0.6) — the renderings thresholds of :mod:`formaudit.renderings` —,
    ``severity`` (default info). Also stores the item x form matrix in ``ctx.cache["matrix"]``.

    **Example.** ``Child: date of birth asked in 6 forms (referral, assessment, plan, …)``.
    """

    code = "FA102"
    name = "cross-form-duplicate"
    default_severity = "info"
    scope = "library"
    options = {
        "similarity": Option(
            float,
            90.0,
            "rapidfuzz token_sort_ratio (0-100) for labels with no known concept",
            minimum=0,
            maximum=100,
        ),
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
            for i in idx[1:]:
                uf.union(idx[0], i)
        for (subj, concept, qual), idx in keyed.items():
            if qual:
                continue
            quals = [q for (s, c, q) in keyed if s == subj and c == concept and q]
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
        all_groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(items)):
            all_groups[uf.find(i)].append(i)
        source_order = [f.source for f in forms]
        cells_items, cells = [], []
        for g in sorted(all_groups.values(), key=lambda g: g[0]):
            counts = defaultdict(int)
            for i in g:
                counts[items[i][0].source] += 1
            fi0 = items[g[0]][1]
            if fi0.concept:
                cells_items.append({"subject": fi0.subject, "concept": fi0.concept, "label": fi0.field.label})
                cells.append([counts.get(s, 0) for s in source_order])
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
            names = [os.path.basename(f.source) for f, _ in occ]
            yield self.finding(
                occ[0][0].source,
                f'"{title}" asked in {len(occ)} forms ({", ".join(names)})',
                fields=[field_ref(f, fi.section, fi.field) for f, fi in occ],
                why=(
                    f"The {what} of the {subj} is asked again in {len(occ)} forms of this run"
                    + (
                        " — a case-management system usually holds it: pre-fill it."
                        if fi0.prefillable
                        else " — carry the answer forward instead of asking again."
                    )
                ),
                data={
                    "item": title,
                    "subject": fi0.subject,
                    "concept": fi0.concept,
                    "prefillable": fi0.prefillable,
                    # later occurrences inside the same forms (each also an FA101 finding)
                    "repeats_within_forms": [field_ref(f, fi.section, fi.field) for f, fi in repeats],
                },
            )
        self.ctx.cache["matrix"] = {"items": cells_items, "forms": source_order, "cells": cells}
