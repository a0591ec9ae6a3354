"""FA101 duplicate-field, FA102 cross-form-duplicate and FA103 repeated-block beyond their declarative cases
(``tests/rules/``, run by ``tests/test_rule_cases.py``): settings, timing, annotations, matrix data."""

from __future__ import annotations

import pytest

from formaudit.checks import Context
from formaudit.checks.cross_form_duplicate import CrossFormDuplicate
from formaudit.checks.duplicate_field import DuplicateField
from formaudit.model import Form
from formaudit.semantics import annotate


def make_form(d: dict, source: str) -> Form:
    """The case's form model; a field may be a bare label and ids may be left out."""
    sections = []
    for s in d["sections"]:
        fields = [
            {"id": "", "label": f} if isinstance(f, str) else {"id": "", **f} for f in s.get("fields") or []
        ]
        sections.append({**s, "fields": fields})
    return Form.from_dict({**d, "sections": sections}, source=source).finalise()


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
