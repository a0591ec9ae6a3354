"""FA101 duplicate-field, FA102 cross-form-duplicate and FA103 repeated-block on the declarative cases in
``tests/rules/`` (each case: a small form model or two, and the groups that must fire or ``pass: true``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from formaudit.checks import Context
from formaudit.checks.cross_form_duplicate import CrossFormDuplicate
from formaudit.checks.duplicate_field import DuplicateField
from formaudit.checks.repeated_block import RepeatedBlock
from formaudit.model import Form
from formaudit.renderings import rendering_groups
from formaudit.semantics import annotate

RULES = Path(__file__).resolve().parent / "rules"


def load_cases(code: str) -> list[dict]:
    return yaml.safe_load((RULES / f"{code}.yaml").read_text(encoding="utf-8"))["cases"]


def make_form(d: dict, source: str) -> Form:
    """The case's form model; a field may be a bare label and ids may be left out."""
    sections = []
    for s in d["sections"]:
        fields = [
            {"id": "", "label": f} if isinstance(f, str) else {"id": "", **f} for f in s.get("fields") or []
        ]
        sections.append({**s, "fields": fields})
    return Form.from_dict({**d, "sections": sections}, source=source).finalise()


def _norm_groups(groups):
    return sorted(sorted(g) for g in groups)


@pytest.mark.parametrize("case", load_cases("FA101"), ids=lambda c: c["name"])
def test_fa101(case):
    form = make_form(case["form"], f"{case['name']}.yaml")
    findings = list(DuplicateField(Context([form])).run())
    got = _norm_groups([f["label"] for f in fd.fields] for fd in findings)
    want = [] if case.get("pass") else _norm_groups(case["fire"])
    assert got == want
    for fd in findings:
        assert fd.code == "FA101" and fd.severity == "warning" and fd.minutes > 0 and fd.why


@pytest.mark.parametrize("case", load_cases("FA102"), ids=lambda c: c["name"])
def test_fa102(case):
    forms = [make_form(d, name) for name, d in case["forms"].items()]
    ctx = Context(forms)
    findings = list(CrossFormDuplicate(ctx).run())
    got = _norm_groups([f"{f['source']}: {f['label']}" for f in fd.fields] for fd in findings)
    want = [] if case.get("pass") else _norm_groups(case["fire"])
    assert got == want
    # the matrix counts each form once: one column per group of renderings, the others listed as also_as
    matrix = ctx.cache["matrix"]
    groups = rendering_groups(forms)
    assert matrix["forms"] == [forms[g[0]].source for g in groups]
    assert matrix["also_as"] == {
        forms[g[0]].source: [forms[i].source for i in g[1:]] for g in groups if len(g) > 1
    }
    assert all(len(row) == len(groups) for row in matrix["cells"])
    assert len(matrix["items"]) == len(matrix["cells"])


@pytest.mark.parametrize("case", load_cases("FA103"), ids=lambda c: c["name"])
def test_fa103(case):
    form = make_form(case["form"], f"{case['name']}.yaml")
    findings = list(RepeatedBlock(Context([form])).run())
    got = _norm_groups([s["title"] for s in fd.sections] for fd in findings)
    want = [] if case.get("pass") else _norm_groups(case["fire"])
    assert got == want


def test_settings_override_similarity():
    form = make_form(
        {
            "sections": [
                {"title": "A", "fields": ["Reason for the visit"]},
                {"title": "B", "fields": ["Reasons for the visit"]},
            ]
        },
        "s.yaml",
    )
    assert list(DuplicateField(Context([form])).run())
    strict = Context([form], settings={"FA101": {"similarity": 100}})
    assert not list(DuplicateField(strict).run())


def test_timing_cache_sets_minutes():
    form = make_form(
        {"sections": [{"title": "A", "fields": ["NHS number"]}, {"title": "B", "fields": ["NHS no."]}]},
        "t.yaml",
    )
    ctx = Context([form], cache={"timing": {"t.yaml": {"f1": 30, "f2": 90}}})
    (fd,) = DuplicateField(ctx).run()
    assert fd.minutes == pytest.approx(1.5)


def test_annotate_subject_concept_qualifier():
    form = make_form(
        {
            "sections": [
                {"title": "Mother's details", "fields": ["Full name", "Address line 2"]},
                {"title": "About yourself", "fields": ["Your full name"]},
            ]
        },
        "a.yaml",
    )
    infos = annotate(form)
    assert [(i.subject, i.concept, i.qualifier) for i in infos] == [
        ("mother", "name", ""),
        ("mother", "address", "2"),
        ("social_worker", "name", ""),
    ]
    assert len(infos) == len(form.fields)


def test_docstrings_document_the_checks():
    for cls in (DuplicateField, CrossFormDuplicate, RepeatedBlock):
        doc = cls.__doc__ or ""
        assert cls.summary() and "Settings" in doc and "Example" in doc


def test_fa102_lists_repeats_inside_the_forms_too():
    referral = make_form(
        {
            "sections": [
                {"title": "Child", "fields": ["Child's date of birth"]},
                {"title": "Health", "fields": ["Child's DOB"]},
            ]
        },
        "referral.yaml",
    )
    plan = make_form({"sections": [{"title": "About the child", "fields": ["Date of birth"]}]}, "plan.yaml")
    findings = [f for f in CrossFormDuplicate(Context([referral, plan])).run() if f.data.get("concept")]
    dob = [f for f in findings if "birth" in f.data["concept"]]
    assert len(dob) == 1
    assert [(r["source"], r["label"]) for r in dob[0].fields] == [
        ("referral.yaml", "Child's date of birth"),
        ("plan.yaml", "Date of birth"),
    ]
    assert [(r["source"], r["label"]) for r in dob[0].data["repeats_within_forms"]] == [
        ("referral.yaml", "Child's DOB")
    ]


def test_only_record_data_about_the_case_people_is_prefillable():
    form = make_form(
        {
            "sections": [
                {
                    "title": "Child's details",
                    "fields": ["Child's name", {"label": "Date of birth", "kind": "date"}],
                },
                {
                    "title": "Referrer",
                    "fields": ["Referrer's name", {"label": "Telephone number", "kind": "phone"}],
                },
                {
                    "title": "Contact",
                    "fields": [
                        {
                            "label": "Have you spoken to the child's GP?",
                            "kind": "yes_no",
                            "options": ["Yes", "No"],
                        },
                        "If yes, name of the person you spoke to",
                    ],
                },
            ]
        },
        "referral.yaml",
    )
    got = {fi.field.label: fi.prefillable for fi in annotate(form)}
    assert got == {
        "Child's name": True,
        "Date of birth": True,
        "Referrer's name": False,
        "Telephone number": False,
        "Have you spoken to the child's GP?": False,
        "If yes, name of the person you spoke to": False,
    }


def test_fa102_names_renderings_once_and_keeps_their_fields():
    plan = {
        "title": "Protection plan",
        "sections": [
            {
                "title": "Child's details",
                "fields": ["Child's full name", {"label": "Date of birth", "kind": "date"}],
            },
            {"title": "The plan", "fields": [{"label": "What needs to change?", "kind": "long_text"}]},
        ],
    }
    review = {
        "title": "Review",
        "sections": [
            {"title": "About the child", "fields": [{"label": "DOB", "kind": "date"}]},
            {"title": "Progress", "fields": [{"label": "Which outcomes were met?", "kind": "long_text"}]},
        ],
    }
    forms = [make_form(plan, "plan.docx"), make_form(review, "review.docx"), make_form(plan, "plan.pdf")]
    ctx = Context(forms)
    (fd,) = [f for f in CrossFormDuplicate(ctx).run() if "review.docx" in {x["source"] for x in f.fields}]
    assert "asked in 2 forms" in fd.message and "plan.docx (also as plan.pdf)" in fd.message
    assert {x["source"] for x in fd.fields} == {"plan.docx", "plan.pdf", "review.docx"}
    assert fd.data["also_as"] == {"plan.docx": ["plan.pdf"]}
    assert ctx.cache["matrix"]["forms"] == ["plan.docx", "review.docx"]
    assert ctx.cache["matrix"]["also_as"] == {"plan.docx": ["plan.pdf"]}
