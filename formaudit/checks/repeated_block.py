"""FA103 repeated-block: the same group of fields repeated for different subjects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model import Finding, field_ref, section_ref
from ..semantics import FieldInfo, annotations, rules
from . import Check, Option


def _signature(fis: list[FieldInfo]) -> list[str]:
    return [fi.concept or fi.core for fi in fis if not fi.followup and (fi.concept or fi.core)]


def _alike(a: set[str], b: set[str], min_size: int, min_overlap: float) -> bool:
    """Two blocks ask the same questions: ``min_size`` items in common, ``min_overlap`` of the larger."""
    common = len(a & b)
    return common >= min_size and common / max(len(a), len(b)) >= min_overlap


class RepeatedBlock(Check):
    """Same group of fields repeated for different subjects: use one repeatable group instead.

    **What it finds.** (a) Sections that ask the same questions about different people — "Mother's full
    details" and "Father's full details", "Parent / carer 1" and "Parent / carer 2"; (b) a run of fields
    repeated back to back inside one section (two "Name / Contact tel. no. / Address" blocks for two
    parents).

    **Why it matters.** These are not duplicates (the answers differ), but a fixed number of copies is
    either too many (blank blocks) or too few (a third carer written in the margin). One repeatable group
    ("add another person") is shorter and fits every family.

    **Identity rule.** Two blocks match when their sets of items (concept, else normalised label with
    the subject removed) share at least ``min_block_size`` items and ``min_overlap`` of the larger block,
    and their subjects (entities: role + instance, ``docs/semantics.md``) differ. Grids (one row per
    person) are already repeatable and are skipped; a summary section ("Summary of …", "Analysis",
    ``summary_words`` in ``rules/subjects.yaml``) restates earlier content and is never a person's block.

    **Settings** (key ``FA103``): ``min_block_size`` (default 3), ``min_overlap`` (default 0.7),
    ``severity`` (default info).

    **Example.** ``4 sections repeat the same 8 questions for different people (Mother's full details,
    Father's full details, …)``.
    """

    code = "FA103"
    name = "repeated-block"
    default_severity = "info"
    scope = "form"
    analyses = ("semantics",)
    options = {
        "min_block_size": Option(int, 3, "fewest items (fields) two blocks must share", minimum=1),
        "min_overlap": Option(
            float, 0.7, "share (0-1) of the smaller block's items the other asks too", minimum=0, maximum=1
        ),
    }

    def run(self) -> Iterable[Finding]:
        min_size = self.options["min_block_size"]
        min_overlap = self.options["min_overlap"]
        ann = annotations(self.ctx)
        for form in self.ctx.forms:
            infos = ann[form.source]
            # (b) repeated runs inside one section
            blocks: dict[str, dict[int, list[FieldInfo]]] = defaultdict(lambda: defaultdict(list))
            for fi in infos:
                if fi.block is not None:
                    blocks[fi.section.id][fi.block].append(fi)
            for bl in blocks.values():
                firsts = [v[0] for _, v in sorted(bl.items())]
                size = len(next(iter(bl.values())))
                if size < min_size - 1:
                    continue
                sec = firsts[0].section
                yield self.finding(
                    form.source,
                    f'"{sec.title or "(untitled)"}" repeats the same {size} questions {len(firsts)} times',
                    fields=[field_ref(form, fi.section, fi.field) for fi in firsts],
                    sections=[section_ref(form, sec)],
                    why="The same block of questions is printed once per person: make it one repeatable group.",
                    data={
                        "blocks": len(firsts),
                        "block_size": size,
                        "section_ids": [sec.id],
                        "subjects": sorted({fi.subject for v in bl.values() for fi in v}),
                    },
                )
            # (a) sections with the same questions about different subjects
            by_sec: dict[str, list[FieldInfo]] = defaultdict(list)
            for fi in infos:
                if not fi.repeat and fi.block is None:
                    by_sec[fi.section.id].append(fi)
            r = rules(self.ctx.rules_dir)
            secs = [
                (sid, fis)
                for sid, fis in by_sec.items()
                if len(_signature(fis)) >= min_size
                and not r.is_summary(r.normalise(fis[0].section.title or ""))
            ]
            sigs = {sid: set(_signature(fis)) for sid, fis in secs}
            subj = {sid: {fi.subject for fi in fis} for sid, fis in secs}
            used: set[str] = set()
            for i, (sid, _fis) in enumerate(secs):
                if sid in used:
                    continue
                group = [sid]
                for sid2, _ in secs[i + 1 :]:
                    if sid2 in used:
                        continue
                    b = sigs[sid2]
                    # like any block of the group, about someone none of the group is about
                    if any(_alike(sigs[g], b, min_size, min_overlap) for g in group) and not any(
                        subj[g] & subj[sid2] for g in group
                    ):
                        group.append(sid2)
                if len(group) < 2:
                    continue
                used.update(group)
                sections = [by_sec[s][0].section for s in group]
                n = len(sigs[sid])
                yield self.finding(
                    form.source,
                    f"{len(group)} sections repeat the same questions for different people "
                    f"({', '.join(s.title or '(untitled)' for s in sections)})",
                    sections=[section_ref(form, s) for s in sections],
                    fields=[field_ref(form, by_sec[s][0].section, by_sec[s][0].field) for s in group],
                    why=f"About {n} questions are asked again for each person: use one repeatable person group.",
                    data={
                        "blocks": len(group),
                        "section_ids": [s.id for s in sections],
                        "subjects": [sorted(subj[s]) for s in group],
                    },
                )
