"""`formaudit rules [CODE]`: the list of checks and one check's documentation."""

from __future__ import annotations

import inspect
import json

from click.testing import CliRunner

from formaudit.checks import registry
from formaudit.cli import cli


def invoke(*args):
    return CliRunner().invoke(cli, ["rules", *args])


def test_list_has_every_check():
    r = invoke()
    assert r.exit_code == 0, r.output
    for c in registry():
        line = next((ln for ln in r.output.splitlines() if ln.split()[:1] == [c.code]), None)
        assert line is not None, c.code
        assert c.name in line and c.default_severity in line


def test_list_json_and_markdown():
    r = invoke("--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.output)
    assert [row["code"] for row in rows] == [c.code for c in registry()]
    assert all(row["summary"] and row["name"] and row["default_severity"] for row in rows)
    r = invoke("--format", "markdown")
    assert r.exit_code == 0
    for c in registry():
        assert f"| {c.code} | {c.name} | {c.default_severity} |" in r.output


def test_one_check_prints_its_documentation_and_settings():
    r = invoke("FA101")
    assert r.exit_code == 0, r.output
    first = inspect.cleandoc(registry()[0].__doc__).splitlines()[0]
    assert first in r.output
    assert "Identity rule" in r.output  # the body, not just the summary
    assert "Settings" in r.output and "similarity" in r.output and "default" in r.output


def test_one_check_prints_its_declared_options(tmp_path):
    for cls in registry():
        data = json.loads(invoke(cls.code, "--format", "json").output)
        assert list(data["options"]) == ["severity", *cls.options]
        for name, opt in cls.options.items():
            row = data["options"][name]
            assert row["doc"] == opt.doc and row["default"] == opt.default and row["source"] == "default"
    (tmp_path / "checks.yaml").write_text("FA101: {similarity: 95}\n", encoding="utf-8")
    data = json.loads(invoke("FA101", "--format", "json", "--rules", str(tmp_path)).output)
    sim = data["options"]["similarity"]
    assert sim["value"] == 95 and sim["default"] == 90 and sim["source"] == str(tmp_path / "checks.yaml")


def test_code_is_case_insensitive_and_every_check_documented():
    for c in registry():
        r = invoke(c.code.lower())
        assert r.exit_code == 0, (c.code, r.output)
        assert c.code in r.output


def test_one_check_json_and_markdown():
    r = invoke("FA301", "--format", "json")
    data = json.loads(r.output)
    assert data["code"] == "FA301" and "budget_minutes" in data["settings"]
    assert data["doc"].startswith("A form whose estimated completion time")
    r = invoke("FA301", "--format", "markdown")
    assert r.output.startswith("## FA301 completion-time") and "``" not in r.output


def test_unknown_code_exits_2_with_one_line():
    r = invoke("FA999")
    assert r.exit_code == 2
    assert r.output.strip().count("\n") == 0
    assert "FA999" in r.output and "FA101" in r.output
