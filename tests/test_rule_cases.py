"""One runner for the declarative cases of every check: ``tests/rules/<CODE>.yaml``.

A case file names its check (``rule: FA101``) and what each ``fire:`` entry lists (``fire_lists: fields`` —
field labels, or ``"file: label"`` when the case has several ``forms:`` — or ``fire_lists: sections`` —
section titles). A case is a form model (``form:``, fields may be bare labels) or several (``forms:``, file
name → model), optional ``settings:`` (the check's options), and either ``pass: true`` (no finding) or
``fire:``: one entry per expected finding, either a list (compared as an unordered group) or a mapping with
``text`` (found in the message, case-insensitively) and/or ``sections`` (the finding's section titles, in
order). Cases run through the engine every command uses (:func:`formaudit.engine.run`) with only that check
selected.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from formaudit.checks import by_code
from formaudit.engine import resolve_settings, run
from formaudit.model import Form

RULES = Path(__file__).resolve().parent / "rules"


def _files() -> list[Path]:
    return sorted(RULES.glob("FA*.yaml"))


def _cases() -> list[tuple[str, dict, dict]]:
    out = []
    for p in _files():
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append((p.stem, data, case))
    return out


def make_form(d: dict, source: str) -> Form:
    """A case's form model; a field may be a bare label and ids may be left out (``finalise`` numbers them)."""
    sections = []
    for s in d["sections"]:
        fields = [
            {"id": "", "label": f} if isinstance(f, str) else {"id": "", **f} for f in s.get("fields") or []
        ]
        sections.append({**s, "fields": fields})
    return Form.from_dict({**d, "sections": sections}, source=source).finalise()


def _group(finding, lists: str, several: bool) -> list[str]:
    if lists == "sections":
        return sorted(s["title"] for s in finding.sections)
    return sorted(f"{x['source']}: {x['label']}" if several else x["label"] for x in finding.fields)


def _matches(want: dict, finding) -> bool:
    if "text" in want and want["text"].casefold() not in finding.message.casefold():
        return False
    return "sections" not in want or [s["title"] for s in finding.sections] == want["sections"]


def test_every_case_file_names_its_check_and_every_check_has_cases():
    checks = by_code()
    named = set()
    for p in _files():
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        assert data.get("rule") == p.stem and p.stem in checks, p.name
        assert data.get("fire_lists", "fields") in ("fields", "sections"), p.name
        assert data["cases"] and len({c["name"] for c in data["cases"]}) == len(data["cases"]), p.name
        named.add(p.stem)
    # budget checks (an option set by the configuration: FA301, FA302) are tested in test_timing / test_check
    budgets = {c for c, cls in checks.items() if any(o.config_key for o in cls.options.values())}
    assert set(checks) - budgets <= named


@pytest.mark.parametrize("code,spec,case", _cases(), ids=[f"{c}:{k['name']}" for c, _, k in _cases()])
def test_rule_case(code, spec, case):
    cls = by_code()[code]
    if "forms" in case:
        forms = [make_form(d, name) for name, d in case["forms"].items()]
    else:
        forms = [make_form(case["form"], f"{case['name']}.yaml")]
    settings = resolve_settings(select=[code], layers=[("case", {code: case.get("settings") or {}})])
    cache: dict = {}
    findings = run(forms, settings, cache=cache)
    for f in findings:
        assert f.code == code and f.rule == cls.name and f.message
        assert f.severity == settings.checks[code]["severity"]
        assert f.why, f"{code} findings say why"
    if case.get("pass"):
        assert findings == [], [f.message for f in findings]
        return
    wanted = case["fire"]
    assert len(findings) == len(wanted), [f.message for f in findings]
    groups = [w for w in wanted if isinstance(w, list)]
    if groups:
        lists = spec.get("fire_lists", "fields")
        got = sorted(_group(f, lists, len(forms) > 1) for f in findings)
        assert got == sorted(sorted(g) for g in groups)
    for want in (w for w in wanted if isinstance(w, dict)):
        assert any(_matches(want, f) for f in findings), (want, [f.message for f in findings])
    matrix = cache.get("matrix")
    if matrix is not None:  # the item × form matrix of a library-scope check has one column per form
        assert matrix["forms"] == [f.source for f in forms]
        assert all(len(row) == len(forms) for row in matrix["cells"])
        assert len(matrix["items"]) == len(matrix["cells"])


HEADINGS = ("**What it finds.**", "**Why it matters.**", "**Settings**", "**Example.**")


def test_every_check_docstring_has_what_why_settings_example_in_order():
    """The docstring is the check's documentation (`formaudit rules CODE`): uniform sections, every declared
    option named under Settings."""
    import inspect

    for code, cls in by_code().items():
        doc = inspect.cleandoc(cls.__doc__ or "")
        assert cls.summary() and not cls.summary().startswith("**"), code
        at = [doc.find(h) for h in HEADINGS]
        assert all(i > 0 for i in at) and at == sorted(at), (code, dict(zip(HEADINGS, at, strict=True)))
        settings = doc[at[2] : at[3]]
        for name in cls.options:
            assert f"``{name}``" in settings, (code, name)
