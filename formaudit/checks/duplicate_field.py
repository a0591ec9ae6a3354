"""FA101 duplicate-field: the same information about the same subject asked more than once in one form."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model import Finding, field_ref
from ..semantics import FieldInfo, UnionFind, annotations, describe, digits, same_words, similar_pairs
from . import Check, Option

DEFAULT_SECONDS = 10.0


def _voice(fi: FieldInfo, respondent_subjects: set[str]) -> str:
    """Within one form, "you"/"we"/no pronoun in a narrative question are the same voice."""
    if fi.narrative and (fi.subject in respondent_subjects or fi.subject == "case"):
        return "case"
    return fi.subject


def duplicate_groups(infos: list[FieldInfo], similarity: float) -> list[list[FieldInfo]]:
    """Groups of fields of one form that ask the same item about the same subject (document order)."""
    cand = [fi for fi in infos if fi.comparable]
    resp = {"referrer", "social_worker"}
    uf = UnionFind(len(cand))
    # 1. exact blocking: same subject + concept + qualifier
    first: dict[tuple, int] = {}
    for i, fi in enumerate(cand):
        if fi.concept is None:
            continue
        k = (_voice(fi, resp), fi.concept, fi.qualifier)
        if k in first:
            uf.union(first[k], i)
        else:
            first[k] = i
    # 2. fields without a concept: same subject, fuzzy normalised label, guarded
    by_subject: dict[str, list[int]] = defaultdict(list)
    for i, fi in enumerate(cand):
        if fi.concept is None:
            by_subject[fi.subject].append(i)
    for idx in by_subject.values():
        if len(idx) < 2:
            continue
        texts = [cand[i].core for i in idx]
        for a, b, _ in similar_pairs(texts, similarity):
            x, y = cand[idx[a]], cand[idx[b]]
            if x.qualifier != y.qualifier or digits(x.core) != digits(y.core) or x.mentions != y.mentions:
                continue
            if not same_words(x.core, y.core):
                continue
            if x.block is not None and x.section is y.section:
                continue  # the same label in two repeated person blocks is FA103
            uf.union(idx[a], idx[b])
    groups = [[cand[i] for i in sorted(g)] for g in uf.groups()]
    return sorted(groups, key=lambda g: g[0].index)


class DuplicateField(Check):
    """Same information about the same subject asked more than once in one form.

    **What it finds.** Two or more fields of one form that ask for the same data item about the same
    person: the child's date of birth on the front sheet, again as "DOB" in the child's details and again in
    the health section; the social worker's name on the front sheet and at sign-off.

    **Why it matters.** Every re-ask costs the worker time, and copies drift apart (two different dates of
    birth on one record). Ask once, and print or pre-fill the answer where it is needed again.

    **Identity rule.** Two fields are the same item when their subject (from the label — "Mother's",
    "Name of child" — else the section heading, else a parent heading, else the form's default: the child)
    and their concept (``rules/concepts.yaml``: date of birth, name, address, GP, worries…) and qualifier
    ("line 2", "first", "previous") agree. Labels with no concept match when the subject agrees and the
    normalised labels (synonyms applied: DOB → date of birth) score ``token_sort_ratio >= similarity``.

    **Traps avoided.** Different digits or qualifiers never match ("Address line 1" vs "Address line 2");
    "Name of school" is the school, not a name; the mother's date of birth is not the child's; columns of
    one grid and the same label in repeated person blocks are not duplicates (see FA103); "Date" after a
    signature is the date that person signed, not the date of the meeting; conditional follow-ups
    ("If yes, give details") are never compared.

    **Settings** (``rules/checks.yaml``, key ``FA101``): ``similarity`` (default 90) — fuzzy cut-off for
    labels without a concept; ``seconds_per_field`` (default 10) — time of a re-ask when no timing is known;
    ``severity`` (default warning).

    **Example.** ``"Child's date of birth" asked 3 times (Front Sheet, Child's Details, Health)``.
    """

    code = "FA101"
    name = "duplicate-field"
    default_severity = "warning"
    scope = "form"
    tally = "duplicate_groups"
    options = {
        "similarity": Option(
            float,
            90.0,
            "rapidfuzz token_sort_ratio (0-100) for labels with no known concept",
            minimum=0,
            maximum=100,
        ),
        "seconds_per_field": Option(
            float, DEFAULT_SECONDS, "seconds a repeat costs when no time estimate is available", minimum=0
        ),
    }

    def run(self) -> Iterable[Finding]:
        similarity = self.options["similarity"]
        flat = self.options["seconds_per_field"]
        timing = self.ctx.cache.get("timing") or {}
        ann = annotations(self.ctx)
        for form in self.ctx.forms:
            secs = timing.get(form.source) or {}
            for group in duplicate_groups(ann[form.source], similarity):
                head = group[0]
                what = describe(head)
                sections = []
                for fi in group:
                    t = fi.section.title or "(untitled)"
                    if t not in sections:
                        sections.append(t)
                redundant = sum(float(secs.get(fi.field.id, flat)) for fi in group[1:])
                labels = sorted({fi.field.label for fi in group})
                yield self.finding(
                    form.source,
                    f'"{what}" asked {len(group)} times ({", ".join(sections)})',
                    fields=[field_ref(form, fi.section, fi.field) for fi in group],
                    why=(
                        f"{what} is asked {len(group)} times"
                        + (f" under different labels ({'; '.join(labels)})" if len(labels) > 1 else "")
                        + ": ask once and reuse the answer (print it or pre-fill it where it is needed again)."
                        + (" A case-management system usually holds it already." if head.prefillable else "")
                    ),
                    minutes=redundant / 60.0,
                    data={"subject": head.subject, "concept": head.concept, "qualifier": head.qualifier},
                )
