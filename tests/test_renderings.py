"""Renderings of one form (a DOCX and its PDF, a re-saved copy) are recognised by content, never by name.

Unit cases are invented; the corpus cases compare :func:`formaudit.renderings.rendering_groups` with the
``variants`` of ``sample_forms/truth/library.json`` and, when present, of ``../shared/eval*``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formaudit.model import Form
from formaudit.renderings import also_as, distinct, family_map, rendering_groups, same_form, vocabulary

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def form(source: str, sections: dict[str, list], title: str | None = None) -> Form:
    secs = [
        {
            "title": t,
            "fields": [{"id": "", "label": f} if isinstance(f, str) else {"id": "", **f} for f in fs],
        }
        for t, fs in sections.items()
    ]
    return Form.from_dict({"title": title, "sections": secs}, source=source).finalise()


IDENTITY = ["Child's full name", {"label": "Date of birth", "kind": "date"}, "NHS number", "Home address"]
PLAN = {
    "Child's details": IDENTITY,
    "The plan": [
        {"label": "What needs to change for the child to be safe?", "kind": "long_text"},
        {"label": "Outcomes we want to achieve", "kind": "long_text"},
        {"label": "Contingency arrangements", "kind": "long_text"},
    ],
}
REVIEW = {
    "Child's details": IDENTITY,
    "Progress since the last review": [
        {"label": "Which outcomes have been met?", "kind": "long_text"},
        {"label": "Views of the young person on progress", "kind": "long_text"},
        {
            "label": "Recommendation of the reviewing officer",
            "kind": "choice",
            "options": ["Continue", "End"],
        },
    ],
}


def test_same_content_under_other_names_is_one_form():
    forms = [
        form("plan.docx", PLAN, "Protection plan"),
        form("Protection plan (final).pdf", PLAN, "Protection plan"),
    ]
    assert rendering_groups(forms) == [[0, 1]]
    assert family_map(forms) == {"plan.docx": 0, "Protection plan (final).pdf": 0}
    assert also_as(forms) == {"plan.docx": ["Protection plan (final).pdf"]}
    assert [f.source for f in distinct(forms)] == ["plan.docx"]


def test_file_names_that_share_a_stem_are_not_renderings():
    forms = [form("child_protection_plan.yaml", PLAN), form("child_protection_review.yaml", REVIEW)]
    assert rendering_groups(forms) == [[0], [1]]
    assert also_as(forms) == {}


def test_reading_differences_are_tolerated():
    # what a PDF reader does to a form: a date blank it cannot see is lost, a label is split where it
    # wrapped, an option list is read as separate tick boxes, a field is left with its widget name
    pdf = {
        "Child's details": ["Child's full name", "NHS number", "Home", "address"],
        "The plan": [
            {"label": "What needs to change for the child to be safe?", "kind": "long_text"},
            {"label": "Outcomes we want to achieve", "kind": "long_text"},
            {"label": "Contingency arrangements", "kind": "long_text"},
            {"label": "Text12"},
        ],
    }
    assert rendering_groups([form("plan.docx", PLAN), form("plan.pdf", pdf)]) == [[0, 1]]


def test_a_short_form_inside_a_long_one_is_a_different_form():
    # a referral whose every question is asked again by the assessment of the same service
    short = {
        "Child's details": IDENTITY,
        "Referral": [{"label": "Outcomes we want to achieve", "kind": "long_text"}],
    }
    long = {
        **PLAN,
        "Health": ["GP name", "Health visitor", "Immunisations up to date?"],
        "Education": ["School", "Attendance"],
    }
    assert rendering_groups([form("referral.docx", short), form("assessment.docx", long)]) == [[0], [1]]


def test_renderings_group_transitively_and_in_run_order():
    other = form("review.docx", REVIEW)
    forms = [form("a.docx", PLAN), other, form("a.pdf", PLAN), form("a-copy.odt", PLAN)]
    assert rendering_groups(forms) == [[0, 2, 3], [1]]
    assert family_map(forms)["a-copy.odt"] == 0 and family_map(forms)["review.docx"] == 1


def test_empty_forms_are_never_renderings():
    forms = [form("a.yaml", {"Empty": []}), form("b.yaml", {"Empty": []})]
    assert vocabulary(forms[0]) == frozenset({"empty"})
    assert not same_form(frozenset(), frozenset())
    assert rendering_groups([form("x.yaml", {}), form("y.yaml", {})]) == [[0], [1]]


def test_thresholds_are_settings():
    forms = [form("child_protection_plan.yaml", PLAN), form("child_protection_review.yaml", REVIEW)]
    assert rendering_groups(forms, containment=0.0, overlap=0.0) == [[0, 1]]


def _truth_groups(truth_dir: Path, forms_dir: Path):
    from formaudit import read_form

    lib = json.loads((truth_dir / "library.json").read_text(encoding="utf-8"))
    names = sorted(p.name[: -len(".json")] for p in truth_dir.glob("*.json") if p.name != "library.json")
    forms = [read_form(forms_dir / n) for n in names]
    want = {frozenset(v) for v in lib["variants"]}
    in_variant = set().union(*want) if want else set()
    want |= {frozenset([n]) for n in names if n not in in_variant}
    got = {frozenset(names[i] for i in g) for g in rendering_groups(forms)}
    return got, want


def test_sample_forms_renderings_match_the_truth():
    got, want = _truth_groups(ROOT / "sample_forms" / "truth", ROOT / "sample_forms")
    assert got == want


@pytest.mark.parametrize("corpus", ["eval", "eval-2"])
def test_eval_corpus_renderings_match_the_truth(corpus):
    base = SHARED / corpus
    if not (base / "truth" / "library.json").exists():
        pytest.skip(f"../shared/{corpus} is not present")
    got, want = _truth_groups(base / "truth", base / "forms")
    assert got == want
