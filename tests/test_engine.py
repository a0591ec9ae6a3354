"""The one engine (formaudit/engine.py) behind every command: the same findings from ``scan`` and ``check``
for the same inputs and settings, a check's scope deciding how a library is handled, and budgets and
overrides validated in one place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from formaudit.checks import by_code
from formaudit.cli import cli
from formaudit.engine import per_form, resolve_settings, run
from formaudit.errors import UsageError
from formaudit.model import Form

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_forms"


def _form(source: str, *sections: tuple[str, list[str]]) -> Form:
    d = {
        "schema": "formaudit.form/1",
        "title": source,
        "sections": [{"title": t, "fields": [{"id": "", "label": x} for x in fs]} for t, fs in sections],
    }
    return Form.from_dict(d, source=source).finalise()


def _findings(output: str) -> list[dict]:
    found = json.loads(output)["findings"]
    for f in found:
        f["data"].pop("fingerprint", None)  # the gate's baseline key: the only thing check adds
    return found


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample_forms/ not present")
def test_scan_and_check_report_the_same_findings_for_the_same_inputs_and_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no project configuration: the settings are the rules folder's only
    forms = str(SAMPLES)
    runner = CliRunner()
    for rules in (None, tmp_path / "rules"):
        args = []
        if rules is not None:
            rules.mkdir()
            (rules / "checks.yaml").write_text(
                "FA301: {budget_minutes: 60}\nFA302: {max_fields: 40}\nFA102: {severity: warning}\n"
                "FA101: {similarity: 95}\n",
                encoding="utf-8",
            )
            args = ["--rules", str(rules)]
        scan = runner.invoke(cli, ["scan", forms, "--format", "json", *args])
        check = runner.invoke(cli, ["check", forms, "--exit-zero", "--format", "json", *args])
        assert scan.exit_code == 0 and check.exit_code == 0, (scan.output[-500:], check.output[-500:])
        a, b = _findings(scan.output), _findings(check.output)
        assert a and a == b
        codes = {f["code"] for f in a}
        assert {"FA101", "FA102"} <= codes
        if rules is not None:
            assert {"FA301", "FA302"} <= codes  # budgets from the rules folder fire in both commands
            assert {f["severity"] for f in a if f["code"] == "FA102"} == {"warning"}


def test_a_checks_scope_decides_how_a_library_is_handled():
    new = _form("new.yaml", ("Child", ["Date of birth", "NHS number", "DOB", "Reason for referral"]))
    old = _form(
        "old.yaml", ("Child", ["Date of birth", "NHS number", "School attended"]), ("More", ["Hobbies"])
    )
    findings = run([new], resolve_settings(), library=[old])
    assert {f.source for f in findings} == {"new.yaml"}  # nothing is reported on a library form
    fa101 = [f for f in findings if f.code == "FA101"]
    assert fa101 and all({x["source"] for x in f.fields} == {"new.yaml"} for f in fa101)  # form scope
    fa102 = [f for f in findings if f.code == "FA102"]
    assert fa102 and all(f.data["library_forms"] == ["old.yaml"] for f in fa102)
    assert all(
        f.fields[0]["source"] == "new.yaml" and "already captured by the library" in f.message for f in fa102
    )
    # without a library a cross-form finding is about the set of forms, on the first form that asks it
    both = run([new, old], resolve_settings(select="FA102"))
    assert both and all(f.source == "new.yaml" and "library_forms" not in f.data for f in both)
    # the library is no part of a run's forms: a library form checked itself is not a library form
    again = run([new, old], resolve_settings(select="FA102"), library=[old])
    assert [f.message for f in again] == [f.message for f in both]


def test_per_form_splits_a_finding_by_checked_form_and_drops_library_only_ones():
    a = _form("a.yaml", ("X", ["Name of GP", "Reason for referral"]))
    b = _form("b.yaml", ("X", ["Name of GP", "School attended"]))
    lib = _form("l.yaml", ("X", ["Name of GP", "Hobbies and interests"]))
    (f,) = run([a, b, lib], resolve_settings(select="FA102"))
    split = per_form(f, {"a.yaml", "b.yaml"})
    assert [g.source for g in split] == ["a.yaml", "b.yaml"]
    assert all(g.fields[0]["source"] == g.source and g.data["library_forms"] == ["l.yaml"] for g in split)
    assert f.data["item"] in split[0].message and "asked again in b.yaml" in split[0].message
    assert per_form(f, {"elsewhere.yaml"}) == []


def test_budgets_are_injected_in_one_place_into_the_options_that_declare_them():
    s = resolve_settings(budgets={"max_minutes": (30, "pyproject.toml"), "max_fields": (None, "cli")})
    assert (
        s.checks["FA301"]["budget_minutes"] == 30.0
        and s.sources["FA301"]["budget_minutes"] == "pyproject.toml"
    )
    assert s.checks["FA302"]["max_fields"] is None and s.sources["FA302"]["max_fields"] == "default"
    declared = {o.config_key for cls in by_code().values() for o in cls.options.values() if o.config_key}
    assert declared == {"max_minutes", "max_fields"}
    with pytest.raises(UsageError, match="max_fields"):
        resolve_settings(budgets={"max_fields": ("sixty", "formaudit.toml")})


def test_settings_layers_are_validated_with_their_source():
    with pytest.raises(UsageError, match=r"^mine\.toml: unknown setting 'FA101\.similarty'"):
        resolve_settings(layers=[("mine.toml", {"FA101": {"similarty": 50}})])
    with pytest.raises(UsageError, match=r"unknown check code 'FA999'"):
        resolve_settings(layers=[("mine.toml", {"FA999": {}})])
    s = resolve_settings(layers=[("a", {"FA101": {"similarity": 80}}), ("b", {"fa101": {"similarity": 85}})])
    assert s.checks["FA101"]["similarity"] == 85 and s.sources["FA101"]["similarity"] == "b"


def test_findings_come_back_in_one_order():
    form = _form("o.yaml", ("A", ["Date of birth", "Name of GP"]), ("B", ["DOB", "GP name"]))
    findings = run([form], resolve_settings(layers=[("t", {"FA302": {"max_fields": 1}})]))
    keys = [(-f.minutes, f.code) for f in findings]
    assert len(findings) >= 2 and keys == sorted(keys, key=lambda k: k[0])


def test_one_format_table_per_command_and_no_upward_imports():
    """Every command's --format choices come from reporters.FORMATS; library modules never import the CLI package (`formaudit/cli/`),
    and reporters never import the gate or the CLI."""
    import ast
    import importlib

    from formaudit import compare, reporters

    assert tuple(compare.FORMATS) == reporters.formats("compare")
    for command, table in reporters.FORMATS.items():
        for fmt, module in table.items():
            mod = importlib.import_module(f"formaudit.reporters.{module}")
            assert callable(mod.render), (command, fmt)
    pkg = ROOT / "formaudit"
    for path in pkg.rglob("*.py"):
        rel = path.relative_to(pkg).as_posix()
        imported = {
            n.module or ""
            for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.ImportFrom)
        }
        if not rel.startswith("cli/") and rel != "__main__.py":
            assert not any(m.lstrip(".").startswith("cli") for m in imported), rel
        if rel.startswith("reporters/"):
            assert not any(m.lstrip(".") in ("gate", "cli") for m in imported), rel


# ------------------------------------------------------------------------------------------------------
# Work started early (each form analysed as it is read) must give the run's own results.


def _sample_forms():
    from formaudit.readers import read_form

    root = Path(__file__).resolve().parents[1] / "sample_forms"
    return [read_form(p) for p in sorted(root.glob("*.docx"))[:8]]


def test_forms_analysed_as_they_are_read_give_the_same_run():
    from formaudit import engine

    forms = _sample_forms()
    settings = engine.resolve_settings()
    plain: dict = {}
    want = engine.run(forms, settings, cache=plain)
    early: dict = {}
    for f in forms:
        engine.analyse_early(f, settings, early)
    assert early["early_estimates"] and early["early_semantics"]
    got = engine.run(forms, settings, cache=early)
    assert [x.to_dict() for x in got] == [x.to_dict() for x in want]
    assert early["form_minutes"] == plain["form_minutes"]
    assert list(early["form_estimates"]) == [f.source for f in forms]  # run order, not arrival order


def test_a_form_silent_about_its_population_waits_for_the_run():
    """Its subject may come from the run's other forms, so it is never annotated ahead of them."""
    from formaudit import semantics
    from formaudit.model import Field, Form, Section

    silent = Form(
        source="s.yaml", format="model", sections=[Section("Details", fields=[Field("", "Date of birth")])]
    ).finalise()
    cache: dict = {}
    semantics.annotate_early(silent, cache)
    assert "early_semantics" not in cache
    named = Form(
        source="n.yaml",
        format="model",
        sections=[Section("Child's details", fields=[Field("", "Date of birth")])],
    ).finalise()
    semantics.annotate_early(named, cache)
    assert list(cache["early_semantics"]) == ["n.yaml"]


def test_an_early_analysis_of_another_form_object_is_not_used():
    import copy

    from formaudit import engine

    forms = _sample_forms()[:2]
    settings = engine.resolve_settings()
    early: dict = {}
    for f in forms:
        engine.analyse_early(f, settings, early)
    stale = copy.deepcopy(early)  # analyses of equal-looking but different objects
    plain: dict = {}
    want = engine.run(forms, settings, cache=plain)
    got = engine.run(forms, settings, cache=stale)
    assert [x.to_dict() for x in got] == [x.to_dict() for x in want]


def test_the_garbage_collector_is_paused_only_while_checks_run(monkeypatch):
    import gc

    from formaudit import engine

    seen = []

    def boom(*_a, **_k):
        seen.append(gc.isenabled())
        raise RuntimeError("a check failed")

    monkeypatch.setattr(engine, "_run", boom)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        engine.run([])
    assert seen == [False] and gc.isenabled()
