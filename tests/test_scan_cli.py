"""`formaudit scan`: discovery, exit codes, report formats and the JSON contract."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from formaudit.api import discover
from formaudit.schemas import load_schema

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_forms"


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "formaudit", *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


@pytest.fixture()
def folder(tmp_path):
    """A folder with two real forms, a model form, noise that must be skipped, and a hidden folder."""
    (tmp_path / "sub").mkdir()
    shutil.copy(SAMPLES / "case-note_A.docx", tmp_path / "case-note_A.docx")
    shutil.copy(SAMPLES / "early-help-assessment_F.pdf", tmp_path / "sub" / "early-help-assessment_F.pdf")
    shutil.copy(ROOT / "docs" / "example-model.yaml", tmp_path / "sub" / "contact.yaml")
    (tmp_path / "settings.yaml").write_text("name: not a form\n")
    (tmp_path / "data.json").write_text('{"a": 1}')
    (tmp_path / "~$case-note_A.docx").write_bytes(b"lock")
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / ".hidden").mkdir()
    shutil.copy(SAMPLES / "case-note_A.docx", tmp_path / ".hidden" / "copy.docx")
    return tmp_path


def test_discover_skips_noise_and_hidden(folder):
    names = sorted(p.name for p in discover([folder]))
    assert names == ["case-note_A.docx", "contact.yaml", "early-help-assessment_F.pdf"]


def test_scan_json_follows_the_contract(folder):
    cp = run("scan", folder, "--format", "json")
    assert cp.returncode == 0, cp.stderr
    report = json.loads(cp.stdout)
    jsonschema.Draft202012Validator(load_schema("report")).validate(report)
    assert report["schema"] == "formaudit.report/1"
    assert sorted(Path(f["source"]).name for f in report["forms"]) == [
        "case-note_A.docx",
        "contact.yaml",
        "early-help-assessment_F.pdf",
    ]
    for f in report["forms"]:
        assert f["field_count"] > 0 and f["section_count"] > 0


def test_unreadable_file_exits_2_and_the_rest_is_reported(folder):
    (folder / "broken.docx").write_bytes(b"this is not a zip")
    cp = run("scan", folder, "--format", "json")
    assert cp.returncode == 2
    report = json.loads(cp.stdout)
    assert len(report["forms"]) == 3
    assert [Path(e["source"]).name for e in report["errors"]] == ["broken.docx"]
    lines = cp.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.docx" in lines[0] and "Traceback" not in cp.stderr


def test_text_markdown_and_csv_render(folder):
    text = run("scan", folder)
    assert text.returncode == 0 and "Case Note" in text.stdout and "forms read" in text.stdout
    md = run("scan", folder, "--format", "markdown").stdout
    assert md.startswith("# formaudit scan") and "| Form |" in md
    rows = list(csv.reader(io.StringIO(run("scan", folder, "--format", "csv").stdout)))
    assert rows[0][:4] == ["code", "rule", "severity", "form"]


def test_output_file_is_not_overwritten_without_force(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "report.json"
    assert run("scan", folder, "--format", "json", "-o", out).returncode == 0
    first = out.read_text()
    again = run("scan", folder, "--format", "json", "-o", out)
    assert again.returncode == 2 and "--force" in again.stderr
    assert out.read_text() == first
    assert run("scan", folder, "--format", "json", "-o", out, "--force").returncode == 0


def test_no_forms_found_is_an_error(tmp_path):
    cp = run("scan", tmp_path)
    assert cp.returncode == 2 and "no form files found" in cp.stderr


def test_select_and_ignore(folder):
    all_codes = {f["code"] for f in json.loads(run("scan", folder, "--format", "json").stdout)["findings"]}
    only = json.loads(run("scan", folder, "--format", "json", "--select", "FA3").stdout)["findings"]
    assert {f["code"] for f in only} <= {"FA301"}
    none = json.loads(run("scan", folder, "--format", "json", "--ignore", ",".join(all_codes) or "FA").stdout)
    assert none["findings"] == []


def test_explain_breaks_minutes_down_and_adds_up(folder):
    report = json.loads(run("scan", folder, "--format", "json", "--explain").stdout)
    for form in report["forms"]:
        rows = report["explain"][form["source"]]
        total = [r for r in rows if r["by"] == "total"][0]
        assert total["expected"] / 60 == pytest.approx(form["minutes"]["expected"], rel=0.01)
        parts = sum(r["expected"] for r in rows if r["by"] == "operator")
        assert parts == pytest.approx(total["expected"], rel=0.01)
        assert all(r["constants"] for r in rows if r["by"] == "operator")
    assert "Where the minutes go" in run("scan", folder, "--explain").stdout


def test_user_rules_folder_overrides_thresholds(folder, tmp_path_factory):
    rules = tmp_path_factory.mktemp("rules")
    (rules / "checks.yaml").write_text("FA301: {budget_minutes: 1}\n")
    default = json.loads(run("scan", folder, "--format", "json").stdout)["findings"]
    assert [f for f in default if f["code"] == "FA301"] == []  # no budget: minutes are a statistic
    tight = json.loads(run("scan", folder, "--format", "json", "--rules", rules).stdout)["findings"]
    assert {f["severity"] for f in tight if f["code"] == "FA301"} == {"error"}  # over budget, as FA302
    (rules / "checks.yaml").write_text("FA301: {severity: loud}\n")
    bad = run("scan", folder, "--rules", rules)
    assert bad.returncode == 2 and "severity" in bad.stderr and "Traceback" not in bad.stderr


def test_output_file_gets_the_usual_permissions(folder, tmp_path_factory):
    import os
    import stat

    out = tmp_path_factory.mktemp("perm") / "report.md"
    assert run("scan", folder, "--format", "markdown", "-o", out).returncode == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


def test_cross_form_findings_are_listed_once_after_the_forms(folder):
    report = json.loads(run("scan", folder, "--format", "json").stdout)
    assert any(f["code"] == "FA102" for f in report["findings"])
    md = run("scan", folder, "--format", "markdown").stdout
    across = md.split("## Asked again across forms", 1)
    assert len(across) == 2 and "FA102" in across[1] and "FA102" not in across[0]
    assert "Asked again across forms" in run("scan", folder).stdout
