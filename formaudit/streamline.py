"""Streamline a form: turn the scan findings into a shorter form, with a log of every change.

``propose(form)`` returns a :class:`Proposal`: the streamlined form model (``after``), one change record
per original field (nothing the form asks is lost silently) and the completion minutes before and after.

The rules, applied in rounds until a re-scan of the result finds nothing more to do (at most
``MAX_ROUNDS``):

1. **FA103 repeated blocks** become one repeatable group: the first block's fields become the columns of
   a grid (``Field.repeat = {"group", "rows"}``) with one row per block; the other blocks' fields are
   removed and mapped to the column that asks the same item (a field no column asks becomes a new
   column). Column labels lose the person's words ("Mother's full name" → "Full name").
2. **FA101 duplicates**: each group keeps one occurrence. The kept one is the first, unless a later one
   sits in a section whose title (or a parent's) *names the item's topic* (``rules/topics.yaml``, the
   lexicon FA201 uses) or *names its subject* while the first's does not — topic beats subject, and ties
   go to the earlier occurrence; among long answers, the biggest box wins first (a short "summary" box
   never replaces the full question). The others are removed and mapped to it.
3. **FA201 redundant sections** merge into the section they repeat: each remaining field moves to the
   end of the earlier section whose shared topic it carries (else the best-scoring one), and the
   section's guidance is kept there. A moved field whose subject came from its old heading is relabelled
   "<old heading> – <label>" so it keeps saying whom it is about. The emptied section goes.
4. **FA202 boilerplate**: repeated instruction sentences are kept in the first section only; repeated
   declaration/check-box fields are kept once and mapped to the first.
5. **Pre-filling**: fields whose concept a case-management system holds (``prefillable`` in
   ``rules/concepts.yaml``) become ``prefilled`` (costed as verification only); with ``library``, fields an
   earlier form of the library already captured (FA102) become prefilled from that form (not long
   answers: a narrative is written afresh for each document). Grid columns, ``table`` fields and
   signatures are never prefilled.

Finally the model is fitted to what the fillable DOCX writer can express exactly (see
:func:`formaudit.writers.docx_form.fit_form`): long-answer capacities as lines × words per line,
``Yes``/``No`` options for yes/no questions without options, "Tick all that apply" hints on
multi-choice questions and add-row guidance under every repeatable group.
"""

from __future__ import annotations

import copy
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Field, Finding, Form, Section

MAX_ROUNDS = 5
#: Change actions, most significant first (a field's ``action`` is the first of its ``actions`` here).
ACTIONS = (
    "removed-duplicate",
    "boilerplate-once",
    "grouped",
    "merged-section",
    "prefilled-from-library",
    "prefilled",
    "relabelled",
    "adjusted",
    "kept",
)
_NEVER_PREFILL = frozenset({"table", "signature"})


@dataclass
class Proposal:
    """A streamlined form and how it was made from the original."""

    before: Form
    after: Form
    #: one ``{"type": "field", ...}`` record per original field, then section/guidance records
    changes: list[dict[str, Any]]
    before_minutes: dict[str, float]
    after_minutes: dict[str, float]
    findings: list[Finding] = field(default_factory=list)  # of the original form
    library: list[str] = field(default_factory=list)  # sources of the library forms compared

    @property
    def field_changes(self) -> list[dict[str, Any]]:
        return [c for c in self.changes if c.get("type") == "field"]

    def counts(self) -> dict[str, int]:
        """Original fields by primary action."""
        out: dict[str, int] = {a: 0 for a in ACTIONS}
        for c in self.field_changes:
            out[c["action"]] = out.get(c["action"], 0) + 1
        return {k: v for k, v in out.items() if v}

    def summary(self) -> dict[str, Any]:
        """Counts and minutes before/after/saved; the saving is :func:`formaudit.savings.saved_bands`
        (low ≤ expected ≤ high), the same code path as ``formaudit compare``."""
        from .savings import saved_bands

        b, a = self.before_minutes, self.after_minutes
        return {
            "source": self.before.source,
            "title": self.before.title,
            "fields_before": len(self.before.fields),
            "fields_after": len(self.after.fields),
            "prefilled_after": sum(1 for f in self.after.fields if f.prefilled),
            "sections_before": sum(1 for s in self.before.sections if s.title is not None),
            "sections_after": sum(1 for s in self.after.sections if s.title is not None),
            "minutes_before": {k: round(v, 2) for k, v in b.items()},
            "minutes_after": {k: round(v, 2) for k, v in a.items()},
            "minutes_saved": {k: round(v, 2) for k, v in saved_bands(b, a).items()},
            "changes": self.counts(),
            "library": list(self.library),
        }

    def change_list(self) -> list[dict[str, Any]]:
        """Every original field: ``{"action", "field": {"section", "label", "id"}, "into": {...} | None}``.

        ``into`` is the field of the streamlined form that now carries the answer when this field was
        removed or merged into another (``removed-duplicate``, ``boilerplate-once``, ``grouped`` — for a
        grouped field, the column of the repeatable group, with ``row`` its row); ``None`` when the field
        itself is kept (possibly moved, relabelled or pre-filled)."""
        out = []
        for c in self.field_changes:
            rec = {
                "action": c["action"],
                "actions": list(c["actions"]),
                "field": {"section": c["section"], "label": c["label"], "id": c["id"]},
                "into": c.get("into"),
            }
            if c.get("row") is not None:
                rec["row"] = c["row"]
            out.append(rec)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "changes": self.changes,
            "change_list": self.change_list(),
            "after": self.after.to_dict(),
        }


# ------------------------------------------------------------------------------------------ helpers


def _copy_form(form: Form) -> Form:
    return copy.deepcopy(form)


def _sec_of(form: Form) -> dict[str, Section]:
    return {f.id: s for s in form.sections for f in s.fields}


def _ancestors(form: Form, sec: Section) -> list[Section]:
    by_id = {s.id: s for s in form.sections}
    out, seen = [], set()
    p = sec.parent
    while p and p in by_id and p not in seen:
        seen.add(p)
        out.append(by_id[p])
        p = by_id[p].parent
    return out


def _plain(title: str | None) -> str:
    return (title or "(untitled)").strip().rstrip(":?").strip()


class _Log:
    """Per original field: what happened to it, and where its information now comes from."""

    def __init__(self, form: Form):
        self.records: dict[str, dict[str, Any]] = {}
        self.order: list[str] = []
        for s, f in form.iter_fields():
            self.order.append(f.id)
            self.records[f.id] = {
                "type": "field",
                "id": f.id,
                "section": s.title,
                "label": f.label,
                "kind": f.kind,
                "actions": [],
                "codes": [],
                "reasons": [],
            }
        self.redirect: dict[str, str] = {}  # removed field id -> field id carrying its information
        self.other: list[dict[str, Any]] = []  # section / guidance changes
        self.origins: dict[str, list[str]] = {fid: [fid] for fid in self.order}  # current id -> originals

    def act(self, fid: str, action: str, code: str | None, reason: str, **extra: Any) -> None:
        for orig in self.origins.get(fid, [fid]):
            r = self.records.get(orig)
            if r is None:
                continue
            if action not in r["actions"]:
                r["actions"].append(action)
            if code and code not in r["codes"]:
                r["codes"].append(code)
            if reason and reason not in r["reasons"]:
                r["reasons"].append(reason)
            for k, v in extra.items():
                r.setdefault(k, v)

    def remove(self, fid: str, into: str, action: str, code: str, reason: str, **extra: Any) -> None:
        self.act(fid, action, code, reason, **extra)
        self.redirect[fid] = into
        self.origins.setdefault(into, [into]).extend(self.origins.pop(fid, [fid]))

    def finish(self, after: Form) -> list[dict[str, Any]]:
        secs = _sec_of(after)
        by_id = {f.id: f for f in after.fields}
        out = []
        for orig in self.order:
            r = self.records[orig]
            cur, hops = orig, 0
            while cur not in by_id and cur in self.redirect and hops < 100:
                cur, hops = self.redirect[cur], hops + 1
            f = by_id.get(cur)
            if f is not None:
                r["now"] = {"id": f.id, "label": f.label, "section": secs[f.id].title}
            else:  # cannot happen: every removal points at a field that is kept
                r["now"] = None
            # the original field that now carries this one's answer (None: it carries its own)
            tgt, hops = orig, 0
            while tgt in self.redirect and hops < 100:
                tgt, hops = self.redirect[tgt], hops + 1
            t = self.records.get(tgt)
            r["into"] = (
                {"section": t["section"], "label": t["label"], "id": t["id"]} if tgt != orig and t else None
            )
            acts = r["actions"] or ["kept"]
            r["action"] = min(acts, key=ACTIONS.index)
            r["reason"] = " ".join(r.pop("reasons")) or "Not changed."
            if not r["actions"]:
                r["actions"] = ["kept"]
            out.append(r)
        return out + self.other


def _checks(form: Form, rules_dir: str | None, codes: set[str]) -> list[Finding]:
    from .api import run_checks

    findings, _ = run_checks([form], rules_dir, select=codes)
    return findings


# ------------------------------------------------------------------------------------- FA103 groups

_PERSON_PREFIX = re.compile(r"^(?:the |your |their )", re.I)


def _general_label(label: str, rules_dir: str | None) -> str:
    """The label without the person it is about: "Mother's full name" → "Full name"."""
    from .semantics import rules

    r = rules(rules_dir)
    s = label
    for pat in (r.poss_re, r.of_re, r.lead_re):  # "Mother's …", "… of the mother", "Mother …"
        s = re.compile(pat.pattern, re.I).sub(" ", s)
    s = re.sub(r"\s+", " ", s).strip(" /-–—,")
    s = re.sub(r"^(?:of|for|by|the)\b\s*|\s*\b(?:of|for|by|the)$", "", s, flags=re.I).strip(" /-–—,")
    s = _PERSON_PREFIX.sub("", s).strip()
    if not s or not re.search(r"\w", s):
        return label
    return s[0].upper() + s[1:]


def _fits_grid(labels: list[str]) -> bool:
    """A grid's column headers must be short (the DOCX reader takes a header row of at most 12 words a
    cell as a grid); a block whose questions are longer stays as it is."""
    return all(0 < len(x.split()) <= 12 for x in labels)


def _item_key(fi) -> str:
    return fi.concept or fi.core


def _apply_fa103(
    work: Form, log: _Log, findings: list[Finding], rules_dir, code: str, counter: list[int]
) -> bool:
    from .semantics import annotate

    changed = False
    infos = annotate(work, rules_dir)
    by_fid = {fi.field.id: fi for fi in infos}
    sec_by_id = {s.id: s for s in work.sections}
    for fd in findings:
        if fd.code != code:
            continue
        counter[0] += 1
        gid = f"r{counter[0]}"
        if "block_size" in fd.data:  # (b) blocks repeated back to back inside one section
            sid = (fd.sections or [{}])[0].get("id")
            sec = sec_by_id.get(sid)
            if sec is None:
                continue
            blocks: dict[int, list] = defaultdict(list)
            for fi in infos:
                if fi.section is sec and fi.block is not None:
                    blocks[fi.block].append(fi)
            if len(blocks) < 2:
                continue
            first = blocks[min(blocks)]
            others = [blocks[k] for k in sorted(blocks) if k != min(blocks)]
            rows = 1 + len(others)
            if not _fits_grid([_general_label(fi.field.label, rules_dir) for fi in first]):
                continue
            who = [_who(b[0]) for b in [first, *others]]
            for fi in first:
                _make_column(fi.field, gid, rows, rules_dir)
                log.act(fi.field.id, "grouped", code, _group_reason(sec.title, rows), group=gid)
            drop = set()
            for row, blk in enumerate(others, 2):
                for k, fi in enumerate(blk):
                    target = first[min(k, len(first) - 1)].field
                    log.remove(
                        fi.field.id,
                        target.id,
                        "grouped",
                        code,
                        _group_reason(sec.title, rows),
                        group=gid,
                        row=row,
                    )
                    drop.add(fi.field.id)
            sec.fields = [f for f in sec.fields if f.id not in drop]
            _note_group(log, sec, gid, rows, who, code)
            changed = True
        else:  # (a) whole sections asking the same questions about different people
            secs = [sec_by_id[r["id"]] for r in fd.sections if r.get("id") in sec_by_id]
            if len(secs) < 2:
                continue
            head = secs[0]
            cols = [f for f in head.fields if not f.repeat]
            if not cols:
                continue
            rows = len(secs)
            if not _fits_grid(
                [_general_label(f.label, rules_dir) for s in secs for f in s.fields if not f.repeat]
            ):
                continue
            keys: dict[str, Field] = {}
            for f in cols:
                fi = by_fid.get(f.id)
                if fi is not None and _item_key(fi) and _item_key(fi) not in keys:
                    keys[_item_key(fi)] = f
            for f in cols:
                _make_column(f, gid, rows, rules_dir)
                log.act(f.id, "grouped", code, _group_reason(head.title, rows), group=gid)
            last = cols[-1]
            for row, other in enumerate(secs[1:], 2):
                keep = []
                for f in other.fields:
                    if f.repeat:
                        keep.append(f)
                        continue
                    fi = by_fid.get(f.id)
                    k = _item_key(fi) if fi is not None else None
                    target = keys.get(k) if k else None
                    if target is None:  # a question only this block asks: a new column of the group
                        _make_column(f, gid, rows, rules_dir)
                        idx = head.fields.index(last) + 1
                        head.fields.insert(idx, f)
                        last = f
                        if k:
                            keys[k] = f
                        log.act(f.id, "grouped", code, _group_reason(head.title, rows), group=gid)
                        continue
                    log.remove(
                        f.id,
                        target.id,
                        "grouped",
                        code,
                        _group_reason(head.title, rows),
                        group=gid,
                        row=row,
                    )
                other.fields = keep
                if other.guidance.strip():
                    head.guidance = _join(head.guidance, other.guidance)
                    other.guidance = ""
            _note_group(log, head, gid, rows, [_plain(s.title) for s in secs], code)
            _drop_empty(work, secs[1:], log, f"merged into the repeatable group in “{_plain(head.title)}”")
            changed = True
        # renumber rows of a group that grew
    return changed


def _who(fi) -> str:
    return fi.role.split(":")[-1].replace("_", " ")


def _group_reason(title: str | None, rows: int) -> str:
    return f"The same questions were asked {rows} times for different people in “{_plain(title)}”: one repeatable group (a row per person)."


def _make_column(f: Field, gid: str, rows: int, rules_dir) -> None:
    f.label = _general_label(f.label, rules_dir)
    f.repeat = {"group": gid, "rows": rows}
    f.prefilled = False
    f.capacity = None
    f.subject = None


def _note_group(log: _Log, sec: Section, gid: str, rows: int, who: list[str], code: str) -> None:
    names = [w for w in who if w]
    log.other.append(
        {
            "type": "section",
            "action": "grouped",
            "code": code,
            "section": sec.title,
            "group": gid,
            "rows": rows,
            "people": names if len(set(names)) == len(names) else [],
            "reason": _group_reason(sec.title, rows),
        }
    )


def _join(a: str, b: str) -> str:
    a, b = a.strip(), b.strip()
    if not b or b in a:
        return a
    return f"{a} {b}".strip()


def _children(work: Form, sec: Section) -> list[Section]:
    return [s for s in work.sections if s.parent == sec.id]


def _drop_empty(work: Form, secs: list[Section], log: _Log, why: str) -> None:
    for s in secs:
        if not s.fields and not _children(work, s) and s in work.sections:
            work.sections.remove(s)
            log.other.append(
                {"type": "section", "action": "removed-section", "section": s.title, "reason": why}
            )


# ------------------------------------------------------------------------------------------- FA101


def _topic_titles(work: Form, sec: Section) -> list[str]:
    return [t for t in [sec.title, *(a.title for a in _ancestors(work, sec))] if t]


def _apply_fa101(work: Form, log: _Log, findings: list[Finding], rules_dir, code: str) -> bool:
    from .checks.redundant_section import Lexicon
    from .semantics import annotate, rules

    lex = Lexicon.load(rules_dir)
    r = rules(rules_dir)
    infos = {fi.field.id: fi for fi in annotate(work, rules_dir)}
    changed = False
    removed: set[str] = set()
    for fd in findings:
        if fd.code != code:
            continue
        members = [infos[x["id"]] for x in fd.fields if x.get("id") in infos and x["id"] not in removed]
        # whom each member is about, as the check matched it (typed finding data)
        matched = {m["id"]: m.get("matched_subject") for m in fd.data.get("members") or [] if "id" in m}
        if len(members) < 2:
            continue
        item_topics = set()
        for fi in members:
            item_topics |= lex.topics_of(fi.field.label)
        subject = members[0].subject

        def score(fi, item_topics=item_topics, subject=subject) -> int:
            titles = _topic_titles(work, fi.section)
            topic = any(lex.topics_of(t) & item_topics for t in titles) if item_topics else False
            named = any(r.heading_subject(r.normalise(t)) == subject for t in titles)
            return 2 * int(topic) + int(named)

        def room(fi) -> int:  # a long answer is kept where the form gives it most room
            f = fi.field
            return int((f.capacity or {}).get("words") or 1) if f.kind == "long_text" else 0

        keep = max(members, key=lambda fi: (room(fi), score(fi), -fi.index))
        why_keep = (
            "the first occurrence"
            if keep is members[0]
            else f"kept in “{_plain(keep.section.title)}”, whose title names the item better"
        )
        for fi in members:
            if fi is keep:
                log.act(fi.field.id, "kept", code, "")
                continue
            if matched.get(fi.field.id, fi.subject) != matched.get(keep.field.id, keep.subject):
                # never merge answers about different people (a narrative "voice" group can mix them)
                log.act(fi.field.id, "kept", code, "")
                continue
            what = fd.data.get("what") or keep.field.label
            reason = f"“{what}” was asked {len(members)} times: removed here, {why_keep} is kept."
            kept = {"id": keep.field.id, "label": keep.field.label, "section": keep.section.title}
            log.remove(fi.field.id, keep.field.id, "removed-duplicate", code, reason, kept=kept)
            if keep.field.required is False and fi.field.required:
                keep.field.required = True
            fi.section.fields.remove(fi.field)
            removed.add(fi.field.id)
            changed = True
    return changed


# ------------------------------------------------------------------------------------------- FA201


def _same_question(a: str, b: str) -> bool:
    """Two labels asking the same question (their subject words equal, :func:`content_tokens`)."""
    from .checks.redundant_section import content_tokens

    ta, tb = content_tokens(a), content_tokens(b)
    return bool(ta) and ta == tb


def _apply_fa201(work: Form, log: _Log, findings: list[Finding], rules_dir, code: str) -> bool:
    from .checks.redundant_section import Lexicon
    from .semantics import annotate

    lex = Lexicon.load(rules_dir)
    order = {s.id: i for i, s in enumerate(work.sections)}
    sec_by_id = {s.id: s for s in work.sections}
    # later section -> [(target section, topics, score, coverage)]
    targets: dict[str, list[tuple[Section, set[str], float, float]]] = defaultdict(list)
    for fd in findings:
        if fd.code != code or len(fd.sections) != 2:
            continue
        a, b = (sec_by_id.get(x.get("id")) for x in fd.sections)
        if a is None or b is None:
            continue
        early, late = (a, b) if order[a.id] < order[b.id] else (b, a)
        if early.id in {x.id for x in _ancestors(work, late)}:
            continue
        targets[late.id].append(
            (
                early,
                set(fd.data.get("topics") or []),
                float(fd.data.get("score", 0)),
                float(fd.data.get("coverage", 0)),
            )
        )
    if not targets:
        return False
    before_subject = {fi.field.id: fi for fi in annotate(work, rules_dir)}
    moved: dict[str, tuple[Section, Section]] = {}
    for late_id, cands in targets.items():
        late = sec_by_id[late_id]
        cands.sort(key=lambda t: (-t[2], -t[3], order[t[0].id]))
        best = cands[0][0]
        for f in list(late.fields):
            ft = lex.topics_of(f.label)
            dest = next((t[0] for t in cands if t[1] & ft), best)
            late.fields.remove(f)
            # the same question already in the section it re-covers ("Basic care" in a summary of the
            # parenting capacity section): the earlier one carries the answer
            twin = next(
                (g for g in dest.fields if g.id not in moved and _same_question(g.label, f.label)),
                None,
            )
            if twin is not None:
                log.remove(
                    f.id,
                    twin.id,
                    "removed-duplicate",
                    code,
                    f"“{_plain(late.title)}” asked again what “{_plain(dest.title)}” asks: "
                    f"“{_plain(twin.label)}” there carries the answer.",
                    kept={"id": twin.id, "label": twin.label, "section": dest.title},
                )
                continue
            dest.fields.append(f)
            moved[f.id] = (late, dest)
            log.act(
                f.id,
                "merged-section",
                code,
                f"“{_plain(late.title)}” covered the same ground as “{_plain(dest.title)}”: merged into it.",
                target_section=dest.title,
            )
        if late.guidance.strip():
            best.guidance = _join(best.guidance, late.guidance)
            late.guidance = ""
        log.other.append(
            {
                "type": "section",
                "action": "merged-section",
                "code": code,
                "section": late.title,
                "into": [t[0].title for t in cands],
                "reason": f"“{_plain(late.title)}” re-covered ground of "
                + ", ".join(f"“{_plain(t[0].title)}”" for t in cands)
                + "; its questions and guidance moved there.",
            }
        )
        _drop_empty(work, [late], log, f"merged ({code})")
    # a moved field whose subject came from its old heading keeps saying whom it is about
    after = {fi.field.id: fi for fi in annotate(work, rules_dir)}
    for fid, (late, _dest) in moved.items():
        b, a = before_subject.get(fid), after.get(fid)
        if b and a and b.subject != a.subject and b.subject_source in ("heading", "parent", "block"):
            f = a.field
            f.label = f"{_plain(late.title)} – {f.label}"
            log.act(fid, "relabelled", code, f"Relabelled “{f.label}” so it still says whom it is about.")
    return True


# ------------------------------------------------------------------------------------------- FA202

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _apply_fa202(work: Form, log: _Log, findings: list[Finding], rules_dir, code: str) -> bool:
    from .api import check_settings
    from .checks import Context
    from .checks.repeated_boilerplate import RepeatedBoilerplate

    if not any(f.code == code for f in findings):
        return False
    check = RepeatedBoilerplate(
        Context(forms=[work], rules_dir=rules_dir, settings=check_settings(rules_dir))
    )
    cands, groups = check.groups(work)
    labels = {(s.id, f.label.strip()): f for s in work.sections for f in s.fields}
    changed = False
    for members in groups:
        first_sec, first_text, _ = cands[members[0]]
        first_field = labels.get((first_sec.id, first_text))
        for m in members[1:]:
            sec, text, _key = cands[m]
            f = labels.get((sec.id, text))
            if f is not None and f in sec.fields:
                if first_field is None:
                    continue  # the first copy is guidance: keep the field (it is asked, not read)
                log.remove(
                    f.id,
                    first_field.id,
                    "boilerplate-once",
                    code,
                    f"The same declaration is printed in “{_plain(first_sec.title)}”: kept there once.",
                    kept={"id": first_field.id, "label": first_field.label, "section": first_sec.title},
                )
                sec.fields.remove(f)
                changed = True
                continue
            # the candidate carries its own sentence as the check read it: drop exactly that sentence
            sents = _SENTENCE_END.split(sec.guidance or "")
            keep = [x for x in sents if not (x.strip() and x.strip() == text)]
            if len(keep) != len(sents):
                if sec is first_sec and text == first_text:
                    # the first section keeps one copy
                    seen = False
                    keep = []
                    for x in sents:
                        if x.strip() and x.strip() == text:
                            if seen:
                                continue
                            seen = True
                        keep.append(x)
                sec.guidance = " ".join(x.strip() for x in keep if x.strip())
                log.other.append(
                    {
                        "type": "guidance",
                        "action": "boilerplate-once",
                        "code": code,
                        "section": sec.title,
                        "text": text,
                        "reason": f"The same text is kept once, in “{_plain(first_sec.title)}”.",
                    }
                )
                changed = True
    return changed


# ------------------------------------------------------------------------------------- pre-filling


def _same_form(a: Form, b: Form) -> bool:
    """The same file, or another rendering of the same form (by content, :mod:`formaudit.renderings`)."""
    from .renderings import rendering_groups

    try:
        if os.path.abspath(a.source) == os.path.abspath(b.source):
            return True
    except (TypeError, ValueError):
        pass
    return len(rendering_groups([a, b])) == 1


def _apply_prefill(
    work: Form, log: _Log, library: list[Form] | None, rules_dir, original: Form | None = None
) -> None:
    from .semantics import annotate

    for fi in annotate(work, rules_dir):
        f = fi.field
        if f.repeat or f.kind in _NEVER_PREFILL or f.prefilled:
            continue
        if fi.prefillable:
            f.prefilled = True
            log.act(
                f.id,
                "prefilled",
                None,
                f"A case-management system usually holds the {fi.concept.replace('_', ' ')}: pre-filled, shown for checking.",
                concept=fi.concept,
            )
    if not library:
        return
    from .api import run_checks
    from .checks.cross_form_duplicate import CrossFormDuplicate

    lib = [f for f in library if not _same_form(f, original or work)]
    if not lib:
        return
    findings, _ = run_checks([*lib, work], rules_dir, select={CrossFormDuplicate.code})
    by_id = {f.id: f for f in work.fields}
    for fd in findings:
        refs = list(fd.fields) + list(fd.data.get("repeats_within_forms") or [])
        mine = [x for x in refs if x.get("source") == work.source and x.get("id") in by_id]
        theirs = [x for x in fd.fields if x.get("source") != work.source]
        if not mine or not theirs:
            continue
        src = theirs[0]
        for x in mine:
            f = by_id[x["id"]]
            if f.prefilled or f.repeat or f.kind in _NEVER_PREFILL or f.kind == "long_text":
                continue  # a narrative answer is written afresh for each document
            f.prefilled = True
            name = os.path.basename(str(src.get("source")))
            log.act(
                f.id,
                "prefilled-from-library",
                CrossFormDuplicate.code,
                f"Already captured in {name} (“{src.get('label')}”): carried forward, shown for checking.",
                library={"form": name, "label": src.get("label"), "section": src.get("section")},
            )


# ------------------------------------------------------------------------------------------ propose


def _passes(counter: list[int]) -> list[tuple[str, Any, bool]]:
    """The streamline passes, in the order they run: (the code of the check whose findings the pass acts on,
    the pass, whether a change it makes can leave findings for another round). Each pass reads its own check's
    typed finding data, so a pass is named by that check's code (taken from the check class, not spelt out)
    and is handed it: it keeps only that check's findings and cites the code in the change log;
    boilerplate rewording (FA202) never exposes new duplicates, so it alone does not ask for another round."""
    from .checks.duplicate_field import DuplicateField
    from .checks.redundant_section import RedundantSection
    from .checks.repeated_block import RepeatedBlock
    from .checks.repeated_boilerplate import RepeatedBoilerplate

    def group_blocks(work: Form, log: _Log, findings: list[Finding], rules_dir, code: str) -> bool:
        return _apply_fa103(work, log, findings, rules_dir, code, counter)

    return [
        (RepeatedBlock.code, group_blocks, True),
        (DuplicateField.code, _apply_fa101, True),
        (RedundantSection.code, _apply_fa201, True),
        (RepeatedBoilerplate.code, _apply_fa202, False),
    ]


def propose(form: Form, rules_dir: str | None = None, library: list[Form] | None = None) -> Proposal:
    """Streamline ``form`` (see the module docstring for the rules). ``form`` is not modified."""
    from .timing import estimate_form
    from .writers.docx_form import fit_form

    original = _copy_form(form)
    original.finalise()
    work = _copy_form(original)
    log = _Log(original)
    passes = _passes([0])
    codes = {code for code, _, _ in passes}
    again = {code for code, _, reruns in passes if reruns}
    first_findings = _checks(original, rules_dir, codes)
    findings = first_findings
    for _round in range(MAX_ROUNDS):
        did = False
        for code, apply, _ in passes:
            if any(f.code == code for f in findings):
                did |= apply(work, log, findings, rules_dir, code)
                work.finalise()
                findings = _checks(work, rules_dir, codes)
        if not did or not any(f.code in again for f in findings):
            break
    # a section whose every question is now asked elsewhere goes too (its heading would stand empty)
    had_fields = {s.id for s in original.sections if s.fields}
    emptied = [s for s in work.sections if s.id in had_fields and not s.fields and not _children(work, s)]
    _drop_empty(work, emptied, log, "every question in it is now asked once elsewhere")
    _apply_prefill(work, log, library, rules_dir, original)
    if work.title is None:
        work.title = Path(str(form.source)).stem.replace("-", " ").replace("_", " ").strip() or "Form"
    for note in fit_form(work):
        log.act(note["id"], "adjusted", None, note["reason"])
    work.source = str(Path(str(form.source)).with_suffix("")) + ".streamlined"
    work.format = "model"
    work.finalise()
    changes = log.finish(work)
    before = estimate_form(original, rules_dir).minutes
    after = estimate_form(work, rules_dir).minutes
    return Proposal(
        before=original,
        after=work,
        changes=changes,
        before_minutes=dict(before),
        after_minutes=dict(after),
        findings=first_findings,
        library=[f.source for f in library or []],
    )
