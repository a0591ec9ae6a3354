"""FA201 redundant-section and FA202 repeated-boilerplate beyond their declarative cases (``tests/rules/``, run
by ``tests/test_rule_cases.py``): settings, severity, one lexicon per run."""

from __future__ import annotations

from pathlib import Path

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
    """The case's form model; field ids may be left out (``finalise`` numbers them)."""
    d = {
        **d,
        "sections": [
            {**s, "fields": [{"id": "", **f} for f in s.get("fields") or []]} for s in d["sections"]
        ],
    }
    return Form.from_dict(d, source=source).finalise()


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
