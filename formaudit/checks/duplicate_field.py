"""FA101 duplicate-field: the same information about the same subject asked more than once in one form."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model import Finding, field_ref
from ..semantics import (
    FieldInfo,
    UnionFind,
    annotations,
    describe,
    digits,
    rules,
    same_words,
    similar_pairs,
)
from . import LABEL_SIMILARITY, Check, Option

DEFAULT_SECONDS = 10.0


def _voice(fi: FieldInfo, respondent_subjects: set[str]) -> str:
    """Within one form, "you"/"we"/no pronoun in a narrative question are the same voice."""
    if fi.narrative and (fi.subject in respondent_subjects or fi.subject == "case"):
        return "case"
    return fi.subject


#: Names of the two matching rules (shown by ``scan --explain`` and in finding data).
RULE_ITEM = "same-item"  # same subject, same concept + attribute + qualifier (rules/concepts.yaml)
RULE_LABEL = (
    "same-label"  # same subject, no concept, labels alike (token_sort_ratio >= similarity, same words)
)


def duplicate_groups(
    infos: list[FieldInfo], similarity: float, rules_used: dict[int, set[str]] | None = None
) -> list[list[FieldInfo]]:
    """Groups of fields of one form that ask the same item about the same subject (document order).
    ``rules_used`` (optional) receives, per group's first field index, the matching rules that joined it."""
    cand = [fi for fi in infos if fi.comparable]
    resp = set(rules(cand[0].rules_dir).respondents) if cand else set()
    uf = UnionFind(len(cand))
    joined: list[tuple[int, str]] = []
    # 1. exact blocking: same subject + concept + qualifier
    first: dict[tuple, int] = {}
    for i, fi in enumerate(cand):
        if fi.concept is None:
            continue
        k = (_voice(fi, resp), fi.concept, fi.qualifier)
        if k in first:
            uf.union(first[k], i)
            joined.append((i, RULE_ITEM))
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
            joined.append((idx[a], RULE_LABEL))
    groups = [[cand[i] for i in sorted(g)] for g in uf.groups()]
    if rules_used is not None:
        for i, rule in joined:
            rules_used.setdefault(cand[uf.find(i)].index, set()).add(rule)
    return sorted(groups, key=lambda g: g[0].index)


class DuplicateField(Check):
    """Same information about the same subject asked more than once in one form.

    **What it finds.** Two or more fields of one form that ask for the same data item about the same
    person: the child's date of birth on the front sheet, again as "DOB" in the child's details and again in
    the health section; the social worker's name on the front sheet and at sign-off.

    **Why it matters.** Every re-ask costs the worker time, and copies drift apart (two different dates of
    birth on one record). Ask once, and print or pre-fill the answer where it is needed again.

    **Identity rule** (``docs/semantics.md``). Two fields are the same item when their subject agrees — an
    entity, role + instance, from the nearest scope that names a person: the label ("Mother's", "Name of
    child"), else the section heading ("Subject child 2" is child 2), else a parent heading, else the form's
    default subject (inferred from the form's words: the child, the adult) — and either (``same-item``)
    their item agrees: concept (``rules/concepts.yaml``), attribute ("GP address" is not "GP name") and
    qualifier ("line 2", "first", "previous"); or (``same-label``) neither has a concept and the
    normalised labels (synonyms applied: DOB → date of birth) score ``token_sort_ratio >= similarity``
    with the same content words. ``scan --explain`` names the rule and how each subject was decided.

    **Traps avoided.** Different digits or qualifiers never match ("Address line 1" vs "Address line 2");
    "Name of school" is the school, not a name; the mother's date of birth is not the child's; numbered
    people ("Child 1", "Child 2"), sibling blocks of the same shape (two "Other adult" tables, primary and
    secondary address) and people under unknown person headings ("Other significant figures") are
    different subjects (see FA103); "Phone type" is not the phone number; yes/no questions sharing a word
    ("Any concerns about housing?") are their own questions; "Date" after a signature is the date that
    person signed; conditional follow-ups ("If yes, give details") are never compared.

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
    analyses = ("semantics",)
    options = {
        "similarity": LABEL_SIMILARITY,
        "seconds_per_field": Option(
            float, DEFAULT_SECONDS, "seconds a repeat costs when no time estimate is available", minimum=0
        ),
    }

    def run(self) -> Iterable[Finding]:
        similarity = self.options["similarity"]
        flat = self.options["seconds_per_field"]
        timing = self.ctx.cache.get("timing") or {}
        ann = annotations(self.ctx)
        resp = set(rules(self.ctx.rules_dir).respondents)
        for form in self.ctx.forms:
            secs = timing.get(form.source) or {}
            used: dict[int, set[str]] = {}
            for group in duplicate_groups(ann[form.source], similarity, used):
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
                    data={
                        "subject": head.subject,
                        "concept": head.concept,
                        "qualifier": head.qualifier,
                        "item": head.item,
                        "what": what,
                        "match": sorted(used.get(head.index, ())),
                        "members": [
                            {
                                "id": fi.field.id,
                                "subject": fi.subject,
                                # the subject as matched: "you"/"we"/no pronoun in a narrative are one voice
                                "matched_subject": _voice(fi, resp),
                                "subject_rule": fi.subject_source,
                                "item": fi.item,
                            }
                            for fi in group
                        ],
                    },
                )
