"""The headline of a scan, shared by the text, Markdown and HTML reports: what a lead pastes into a board
paper.

* **forms** — distinct forms: files that are renderings of one form (a DOCX and its PDF, a re-saved copy:
  :mod:`formaudit.renderings`) count once; ``files`` is the number of files read;
* **re-asked items** — distinct data items asked more than once, within a form (FA101) or across forms
  (FA102). An item is its subject + concept (``child`` + ``date_of_birth``), or for labels with no known
  concept its subject + the folded item title; the same item found by both checks counts once;
* **minutes per completion** — expected minutes (and the low–high band) to complete every distinct form
  once; a form with several renderings counts with the mean of their minutes;
* **hours a year** — per social worker, at the usage profile's completions per month for each form's type
  (``rules/usage.yaml``): minutes × completions per month × 12 ÷ 60, summed over distinct forms;
* **costliest** — the findings with the most minutes, most severe first on ties.
"""

from __future__ import annotations

import os
from typing import Any

from ..checks import SEVERITY_RANK

BANDS = ("low", "expected", "high")
#: how many of the costliest findings the headline lists
TOP_FINDINGS = 5
#: codes whose findings are re-asked data items (within one form, across forms)
REASK_CODES = ("FA101", "FA102")


def families(report) -> dict[str, int]:
    fam = getattr(report, "families", None)
    if fam is None:
        from ..api import families_of

        fam = families_of(report.forms)
    return {f.source: fam.get(f.source, i + 10**6) for i, f in enumerate(report.forms)}


def item_key(f) -> tuple[str, str]:
    """The data item of an FA101/FA102 finding: (subject, concept), else (subject, folded item title)."""
    d = f.data or {}
    subject = str(d.get("subject") or "").split("#")[0]
    if d.get("concept"):
        return subject, str(d["concept"])
    title = d.get("item")
    if not title and f.message.startswith('"'):
        title = f.message[1:].split('"', 1)[0]
    return subject, " ".join(str(title or f.message).casefold().split())


def reasked_items(findings) -> int:
    return len({item_key(f) for f in findings if f.code in REASK_CODES})


def costliest(findings, n: int = TOP_FINDINGS) -> list:
    ranked = sorted(
        enumerate(findings), key=lambda p: (-p[1].minutes, -SEVERITY_RANK.get(p[1].severity, -1), p[0])
    )
    return [f for _, f in ranked[:n] if f.minutes > 0]


def headline(report, usage: Any = None) -> dict[str, Any]:
    """The headline figures of ``report`` (see the module docstring); ``usage``: a
    :class:`formaudit.savings.Usage` (None: no hours a year)."""
    fam = families(report)
    groups: dict[int, list] = {}
    for form in report.forms:
        groups.setdefault(fam[form.source], []).append(form)
    minutes = dict.fromkeys(BANDS, 0.0)
    hours = dict.fromkeys(BANDS, 0.0) if usage is not None else None
    for members in groups.values():
        mean = {
            b: sum(report.minutes.get(m.source, {}).get(b, 0.0) for m in members) / len(members)
            for b in BANDS
        }
        for b in BANDS:
            minutes[b] += mean[b]
        if hours is not None:
            per_month = usage.type_for(members[0]).per_month
            for b in BANDS:
                hours[b] += mean[b] * per_month * 12 / 60
    n = len(groups)
    return {
        "files": len(report.forms),
        "forms": n,
        "unreadable": len(report.errors),
        "reasked_items": reasked_items(report.findings),
        "findings": len(report.findings),
        "minutes": minutes,
        "minutes_per_form": minutes["expected"] / n if n else 0.0,
        "hours_per_worker_year": hours,
        # a finding on a second rendering of one form repeats the first rendering's: listed once
        "costliest": costliest([f for f in report.findings if f.source not in _other_renderings(groups)]),
    }


def form_totals(report) -> dict[str, Any]:
    """The forms table's totals row: sections, fields, duplicate groups and minutes summed over distinct forms
    (renderings of one form count once, with the mean of their figures, as in :func:`headline`)."""
    fam = families(report)
    groups: dict[int, list] = {}
    for form in report.forms:
        groups.setdefault(fam[form.source], []).append(report.form_summary(form))
    tot: dict[str, Any] = {"files": len(report.forms), "forms": len(groups)}
    for key in ("section_count", "field_count", "duplicate_groups"):
        tot[key] = round(sum(sum(s[key] for s in g) / len(g) for g in groups.values()))
    tot["minutes"] = {
        b: sum(sum(s["minutes"].get(b, 0.0) for s in g) / len(g) for g in groups.values()) for b in BANDS
    }
    return tot


def totals_label(tot: dict[str, Any]) -> str:
    """``3 forms`` or ``3 forms (4 files)`` when renderings of one form were counted once."""
    forms = plural(tot["forms"], "form")
    return forms if tot["forms"] == tot["files"] else f"{forms} ({plural(tot['files'], 'file')})"


def _other_renderings(groups: dict[int, list]) -> set[str]:
    """Sources of the renderings that do not stand for their form (the one that does: Word/ODT/model file
    before PDF, then by file name — as :func:`formaudit.savings.representatives` picks)."""
    from ..savings import _FORMAT_PREFERENCE

    out: set[str] = set()
    for members in groups.values():
        best = min(members, key=lambda f: (_FORMAT_PREFERENCE.get(f.format, 9), os.path.basename(f.source)))
        out.update(f.source for f in members if f is not best)
    return out


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 form``, ``2 forms``."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def lines(h: dict[str, Any]) -> list[str]:
    """The headline as plain sentences (text and Markdown)."""
    m = h["minutes"]
    forms = plural(h["forms"], "distinct form")
    if h["files"] != h["forms"]:
        forms += f" ({plural(h['files'], 'file')}; renderings of one form counted once)"
    out = [
        f"{forms}, {plural(h['reasked_items'], 'distinct item')} asked more than once.",
        f"Minutes per completion of every form once: {m['expected']:.1f} expected "
        f"({m['low']:.1f}–{m['high']:.1f}); {h['minutes_per_form']:.1f} per form on average.",
    ]
    hrs = h["hours_per_worker_year"]
    if hrs is not None:
        out.append(
            f"Time on these forms at the usage profile (completions per worker per month by form type): "
            f"{hrs['expected']:.1f} hours a year per social worker ({hrs['low']:.1f}–{hrs['high']:.1f})."
        )
    return out


def where(f) -> str:
    """The form a finding is on (file name)."""
    return os.path.basename(str(f.source or ""))
