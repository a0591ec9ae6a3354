"""A user's rules folder (``--rules DIR``) is validated: an unknown key, an unknown check code or a value of
the wrong type is a one-line error naming the file and the key, exit 2 — for every command that reads rules.
The shipped rules follow their schemas (checked with the reference ``jsonschema`` implementation too), and
loaded rule data is never shared mutably."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from formaudit import ruledata
from formaudit.cli import cli
from formaudit.errors import UsageError
from formaudit.schemas import load_schema
from formaudit.schemas.lite import first_error

ROOT = Path(__file__).resolve().parents[1]
FORM = ROOT / "tests" / "data" / "model" / "minimal.form.yaml"


@pytest.fixture()
def form(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("form")
    p = d / "referral.yaml"
    p.write_text(
        "schema: formaudit.form/1\ntitle: Referral\nsections:\n"
        "  - title: Child\n    fields:\n      - {id: a, label: Date of birth, kind: date}\n"
        "      - {id: b, label: DOB, kind: date}\n",
        encoding="utf-8",
    )
    return p


def _rules(tmp_path: Path, name: str, text: str) -> Path:
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / f"{name}.yaml").write_text(text, encoding="utf-8")
    return d


TYPOS = [
    ("checks", "FA101: {similarty: 50}\n", "FA101.similarty"),
    ("checks", "FA999: {similarity: 50}\n", "FA999"),
    ("checks", "FA302: {max_fields: sixty}\n", "FA302.max_fields"),
    ("checks", "FA201: {threshold: 2}\n", "FA201.threshold"),
    ("checks", "FA101: {severity: loud}\n", "FA101.severity"),
    ("synonyms", "synonym:\n  sw: social worker\n", "synonym"),
    ("synonyms", "synonyms:\n  sw: [social worker]\n", "synonyms.sw"),
    ("concepts", "concepts:\n  nhs_number: {prefilable: true}\n", "concepts.nhs_number.prefilable"),
    ("kinds", "patterns: {date: '\\bdate\\b'}\n", "patterns.date"),
    ("time_model", "klm: {K: {low: fast}}\n", "klm.K.low"),
    ("topics", "topics: {risk: {wieght: 2}}\n", "topics.risk.wieght"),
    ("subjects", "default_subjet: child\n", "default_subjet"),
]


@pytest.mark.parametrize("name,text,key", TYPOS, ids=[t[2] for t in TYPOS])
@pytest.mark.parametrize("command", ["scan", "check"])
def test_a_typo_in_an_override_is_a_one_line_error_naming_file_and_key(
    tmp_path, form, command, name, text, key
):
    rules = _rules(tmp_path, name, text)
    args = [command, str(form), "--rules", str(rules)]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 2, r.output
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("formaudit: error: "), r.output
    assert str(rules / f"{name}.yaml") in lines[0] and key in lines[0]
    assert "Traceback" not in r.output


def test_streamline_compare_and_rules_refuse_a_typo_too(tmp_path, form):
    rules = _rules(tmp_path, "checks", "FA101: {similarty: 50}\n")
    runs = {
        "streamline": ["streamline", str(form), "-o", str(tmp_path / "out.docx"), "--rules", str(rules)],
        "compare": ["compare", str(form), str(form), "--rules", str(rules)],
        "rules": ["rules", "FA101", "--rules", str(rules)],
    }
    for name, args in runs.items():
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 2 and "FA101.similarty" in r.output, (name, r.output)
    assert not (tmp_path / "out.docx").exists()


def test_a_valid_override_changes_only_what_it_names(tmp_path, form):
    rules = _rules(tmp_path, "checks", "FA101: {similarity: 95}\nfa302: {max_fields: 1}\n")
    r = CliRunner().invoke(cli, ["scan", str(form), "--rules", str(rules), "--format", "json"])
    assert r.exit_code == 0, r.output
    codes = {f["code"] for f in json.loads(r.output)["findings"]}
    assert "FA302" in codes  # codes are case-insensitive, as on the command line


def test_one_merge_rule_mappings_merge_at_every_depth_lists_replace(tmp_path):
    rules = _rules(tmp_path, "concepts", "concepts:\n  nhs_number: {prefillable: false}\ngeneric: [date]\n")
    _rules(tmp_path, "synonyms", "synonyms: {bday: date of birth}\n")
    shipped = ruledata.load("concepts")
    mine = ruledata.load("concepts", str(rules))
    assert mine["concepts"]["nhs_number"]["prefillable"] is False
    assert mine["concepts"]["nhs_number"]["patterns"] == shipped["concepts"]["nhs_number"]["patterns"]
    assert set(mine["concepts"]) == set(shipped["concepts"])
    assert mine["generic"] == ["date"]
    syn = ruledata.load("synonyms", str(rules))["synonyms"]
    assert syn["bday"] == "date of birth" and syn["dob"] == "date of birth"
    assert ruledata.merge({"a": {"b": 1, "c": [1]}}, {"a": {"c": [2], "d": None}}) == {
        "a": {"b": 1, "c": [2], "d": None}
    }


def test_loaded_rule_data_is_never_shared_mutably():
    first = ruledata.load("concepts")
    first["concepts"].clear()
    first["generic"].append("anything")
    again = ruledata.load("concepts")
    assert again["concepts"] and "anything" not in again["generic"]


@pytest.mark.parametrize("name", [n for n in ruledata.NAMES])
def test_shipped_rules_follow_their_schema(name):
    jsonschema = pytest.importorskip("jsonschema")
    data = yaml.safe_load((ROOT / "rules" / f"{name}.yaml").read_text(encoding="utf-8")) or {}
    schema = ruledata.schema_for(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    assert first_error(data, schema) is None
    ruledata.validate(name, data, f"rules/{name}.yaml", partial=False)


def test_the_shipped_checks_schema_is_generated_from_the_declared_options():
    from formaudit.checks import checks_schema

    assert load_schema("rules-checks") == checks_schema(), (
        "regenerate: python -c 'import json; from formaudit.checks import checks_schema; "
        "print(json.dumps(checks_schema(), indent=2, ensure_ascii=False))' > "
        "formaudit/schemas/rules-checks.schema.json"
    )


def test_the_small_validator_agrees_with_jsonschema_on_wrong_values():
    jsonschema = pytest.importorskip("jsonschema")
    cases = [
        ("time_model", {"klm": {"K": {"low": "fast", "expected": 1, "high": 2}}}),
        ("time_model", {"typing": {"label_chars": [{"name": "x", "pattern": "y"}]}}),
        ("usage", {"workforce": {"fte": -1}}),
        ("topics", {"topics": {"risk": {"patterns": "not a list"}}}),
        ("subjects", {"respondent": [{"when": "x"}]}),
        ("synonyms", {"synonyms": {"sw": None}}),
    ]
    for name, data in cases:
        schema = ruledata.schema_for(name)
        assert first_error(data, schema) is not None, (name, data)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, schema)
        with pytest.raises(UsageError):
            ruledata.validate(name, data, "x.yaml")


def test_every_rule_file_has_a_shipped_schema():
    for name in ruledata.NAMES:
        assert load_schema(f"rules-{name}")["title"].startswith(f"formaudit rules/{name}.yaml")
    assert {p.stem for p in (ROOT / "rules").glob("*.yaml")} == set(ruledata.NAMES)
