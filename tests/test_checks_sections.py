"""FA201 redundant-section and FA202 repeated-boilerplate on the declarative cases in ``tests/rules/``.

Each case is a small form model with the findings it must produce (``fire:``) or ``pass: true``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from formaudit.checks import Context
from formaudit.checks.redundant_section import RedundantSection
from formaudit.checks.repeated_boilerplate import RepeatedBoilerplate
from formaudit.model import Form

RULES = Path(__file__).resolve().parent / "rules"


def load_cases(code: str) -> list[dict]:
    data = yaml.safe_load((RULES / f"{code}.yaml").read_text(encoding="utf-8"))
    return data["cases"]


def make_form(d: dict, source: str) -> Form:
    """The case's form model; a field may be a bare label and ids may be left out (``finalise`` numbers them)."""
    d = {
        **d,
        "sections": [
            {
                **s,
                "fields": [
                    {"id": "", "label": f} if isinstance(f, str) else {"id": "", **f}
                    for f in s.get("fields") or []
                ],
            }
            for s in d["sections"]
        ],
    }
    return Form.from_dict(d, source=source).finalise()


def run_check(check_cls, case: dict):
    form = make_form(case["form"], f"{case['name']}.yaml")
    return list(check_cls(Context([form])).run())


@pytest.mark.parametrize("case", load_cases("FA201"), ids=lambda c: c["name"])
def test_fa201(case):
    findings = run_check(RedundantSection, case)
    got = {frozenset(s["title"] for s in f.sections) for f in findings}
    for f in findings:
        assert f.code == "FA201" and f.severity == "warning"
        assert len(f.sections) == 2 and f.why and f.message
    if case.get("pass"):
        assert got == set(), f"unexpected: {[sorted(g) for g in got]}"
    else:
        assert got == {frozenset(p) for p in case["fire"]}


@pytest.mark.parametrize("case", load_cases("FA202"), ids=lambda c: c["name"])
def test_fa202(case):
    findings = run_check(RepeatedBoilerplate, case)
    for f in findings:
        assert f.code == "FA202" and f.severity == "info"
    if case.get("pass"):
        assert findings == [], [f.message for f in findings]
        return
    assert len(findings) == len(case["fire"])
    for want, f in zip(case["fire"], findings, strict=True):
        assert want["text"].casefold() in f.message.casefold()
        if "sections" in want:
            assert [s["title"] for s in f.sections] == want["sections"]


def test_settings_threshold_and_severity():
    case = load_cases("FA201")[0]
    form = make_form(case["form"], "x.yaml")
    strict = Context([form], settings={"FA201": {"severity": "error", "min_shared": 5}})
    assert list(RedundantSection(strict).run()) == []
    loud = Context([form], settings={"FA201": {"severity": "error"}})
    assert {f.severity for f in RedundantSection(loud).run()} == {"error"}
    ctx = Context([form], settings={"FA202": {"min_words": 3}})
    assert list(RepeatedBoilerplate(ctx).run()) == []


def test_one_lexicon_per_run_and_no_cross_form_leak():
    cases = load_cases("FA201")
    forms = [make_form(c["form"], f"{i}.yaml") for i, c in enumerate(cases[:3])]
    findings = list(RedundantSection(Context(forms)).run())
    assert {f.source for f in findings} == {"0.yaml", "1.yaml", "2.yaml"}
    for f in findings:
        assert {s["source"] for s in f.sections} == {f.source}
