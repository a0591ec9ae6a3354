"""Hand-written form models (YAML/JSON): the full model, the shorthand and their validation."""

from __future__ import annotations

import json
import textwrap

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from formaudit.cli import cli
from formaudit.errors import FormError
from formaudit.model import FORM_SCHEMA, KINDS
from formaudit.readers import read_form
from formaudit.readers.model_file import NOT_A_MODEL, read_model
from formaudit.schemas import load_schema

FULL = {
    "schema": FORM_SCHEMA,
    "source": "caf-form_A.docx",
    "format": "docx",
    "title": "Common Assessment Framework",
    "field_count": 4,
    "section_count": 2,
    "sections": [
        {
            "id": "s1",
            "title": "Details of the child",
            "level": 1,
            "location": "table 1",
            "guidance": "Complete with the family.",
            "guidance_words": 4,
            "fields": [
                {
                    "id": "name",
                    "label": "Name",
                    "kind": "text",
                    "options": [],
                    "subject": "child",
                    "required": True,
                },
                {
                    "id": "f2",
                    "label": "Date of birth",
                    "kind": "date",
                    "options": [],
                    "required": False,
                    "location": "table 1 row 2",
                    "hint": "dd/mm/yyyy",
                },
            ],
        },
        {
            "id": "s2",
            "title": "Family members",
            "level": 2,
            "parent": "s1",
            "guidance": "",
            "guidance_words": 0,
            "fields": [
                {
                    "id": "f3",
                    "label": "Relationship",
                    "kind": "choice",
                    "options": ["Mother", "Father"],
                    "required": False,
                    "repeat": {"group": "family", "rows": 4},
                },
                {
                    "id": "f4",
                    "label": "Plan",
                    "kind": "table",
                    "options": [],
                    "required": False,
                    "columns": ["Action", "Who"],
                    "capacity": {"lines": 6},
                },
            ],
        },
    ],
}

SHORTHAND = """\
schema: formaudit.form/1
title: Child referral
fields:
  - Referral reference
sections:
  - title: Child's details
    guidance: Tell us about the child.
    fields:
      - Child's name
      - {label: Date of birth, kind: date}
      - label: Known to children's services?
        kind: yes-no
        options: [Yes, No]
        required: yes
  - title: Health
    level: 2
    fields: [GP name, GP address]
  - title: Concerns
    fields:
      - label: Describe your concerns
        kind: long_text
        capacity: {words: 300}
  - Consent
"""


def write(tmp_path, name: str, text: str):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def error_of(path) -> FormError:
    with pytest.raises(FormError) as ei:
        read_model(path)
    err = ei.value
    assert "\n" not in str(err)
    assert err.path == str(path)
    return err


# --- good models -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml"])
def test_full_model(tmp_path, suffix):
    text = json.dumps(FULL) if suffix == ".json" else yaml.safe_dump(FULL, sort_keys=False)
    p = write(tmp_path, f"caf{suffix}", text)
    form = read_model(p)
    assert form.to_dict() == FULL  # source and format kept from the file; every attribute round-trips
    assert read_form(p).to_dict() == FULL


def test_shorthand(tmp_path):
    p = write(tmp_path, "referral.yaml", SHORTHAND)
    form = read_model(p)
    d = form.to_dict()
    Draft202012Validator(load_schema("form")).validate(d)
    assert form.source == str(p)
    assert form.format == "model"
    assert form.title == "Child referral"
    assert [s.title for s in form.sections] == [None, "Child's details", "Health", "Concerns", "Consent"]
    assert [s.level for s in form.sections] == [1, 1, 2, 1, 1]
    assert [s.id for s in form.sections] == ["s1", "s2", "s3", "s4", "s5"]
    assert form.sections[2].parent == "s2"
    assert form.sections[1].guidance == "Tell us about the child."
    fields = form.fields
    assert [f.label for f in fields] == [
        "Referral reference",
        "Child's name",
        "Date of birth",
        "Known to children's services?",
        "GP name",
        "GP address",
        "Describe your concerns",
    ]
    assert [f.id for f in fields] == [f"f{i}" for i in range(1, 8)]
    assert [f.kind for f in fields] == ["text", "text", "date", "yes_no", "text", "text", "long_text"]
    yes_no = fields[3]
    assert yes_no.options == ["Yes", "No"]  # YAML 1.1 would have made these booleans
    assert yes_no.required is True
    assert fields[6].capacity == {"words": 300}
    assert d["field_count"] == 7 and d["section_count"] == 4


def test_json_shorthand_and_numbers_as_text(tmp_path):
    p = write(
        tmp_path,
        "m.json",
        json.dumps(
            {
                "schema": FORM_SCHEMA,
                "sections": [
                    {
                        "title": "Scores",
                        "fields": ["Name", {"label": "Score", "kind": "choice", "options": [1, 2, 3]}],
                    }
                ],
            }
        ),
    )
    form = read_model(p)
    assert form.fields[1].options == ["1", "2", "3"]
    assert form.sections[0].level == 1


def test_no_sections_is_an_empty_form(tmp_path):
    form = read_model(write(tmp_path, "empty.yaml", "schema: formaudit.form/1\ntitle: Nothing yet\n"))
    assert form.sections == [] and form.title == "Nothing yet"


def test_extra_top_level_keys_allowed(tmp_path):
    form = read_model(
        write(tmp_path, "m.yaml", "schema: formaudit.form/1\ngenerator: something\nowner: CSC\n")
    )
    assert form.sections == []


# --- rejected models ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,text",
    [
        ("config.yaml", "rules:\n  duplicate: 90\n"),
        ("list.yaml", "- a\n- b\n"),
        ("scalar.yaml", "just some text\n"),
        ("blank.yaml", "\n# only a comment\n"),
        ("report.json", json.dumps({"schema": "formaudit.report/1", "forms": []})),
        ("package.json", json.dumps({"name": "x", "version": "1.0.0"})),
        ("array.json", "[1, 2, 3]"),
    ],
)
def test_not_a_model(tmp_path, name, text):
    err = error_of(write(tmp_path, name, text))
    assert err.reason == NOT_A_MODEL
    assert "not a formaudit form model (no 'schema: formaudit.form/1')" in str(err)


def test_other_schema_version(tmp_path):
    err = error_of(write(tmp_path, "m.yaml", "schema: formaudit.form/2\n"))
    assert "unsupported form model schema 'formaudit.form/2'" in err.reason


def test_list_of_models(tmp_path):
    err = error_of(write(tmp_path, "two.json", json.dumps([FULL, FULL])))
    assert "list of 2 form models" in err.reason


def test_bad_kind(tmp_path):
    text = textwrap.dedent(
        """\
        schema: formaudit.form/1
        sections:
          - title: About you
            fields:
              - Name
              - {label: Date of birth, kind: datum}
        """
    )
    err = error_of(write(tmp_path, "m.yaml", text))
    assert "unknown kind 'datum'" in err.reason
    assert "'Date of birth'" in err.reason and "'About you'" in err.reason
    assert ", ".join(KINDS) in err.reason


def test_duplicate_field_ids(tmp_path):
    text = textwrap.dedent(
        """\
        schema: formaudit.form/1
        sections:
          - title: A
            fields: [{id: name, label: Name}]
          - title: B
            fields: [{id: name, label: Full name}]
        """
    )
    err = error_of(write(tmp_path, "m.yaml", text))
    assert "duplicate field id 'name'" in err.reason
    assert "'Name'" in err.reason and "'Full name'" in err.reason


def test_duplicate_section_ids(tmp_path):
    text = "schema: formaudit.form/1\nsections: [{id: a, title: A}, {id: a, title: B}]\n"
    assert "duplicate section id 'a'" in error_of(write(tmp_path, "m.yaml", text)).reason


@pytest.mark.parametrize(
    "body,expected",
    [
        ("sections: {title: A}", "'sections' must be a list"),
        ("sections: [42]", "section 1: must be a mapping"),
        ("sections: [{title: A, level: 0}]", "'level' must be at least 1"),
        ("sections: [{title: A, level: top}]", "'level' must be a whole number"),
        ("sections: [{title: A, colour: red}]", "unknown key 'colour'"),
        ("sections: [{title: A, fields: Name}]", "'fields' must be a list"),
        ("sections: [{title: A, fields: [{kind: text}]}]", "has no 'label'"),
        ("sections: [{title: A, fields: [[a, b]]}]", "must be a label or a mapping"),
        ("sections: [{title: A, fields: [{label: X, knd: date}]}]", "unknown key 'knd'"),
        ("sections: [{title: A, fields: [{label: X, options: Yes}]}]", "'options' must be a list"),
        ("sections: [{title: A, fields: [{label: X, options: [{a: 1}]}]}]", "'options' must be text"),
        ("sections: [{title: A, fields: [{label: X, required: maybe}]}]", "'required' must be true or false"),
        ("sections: [{title: A, fields: [{label: X, capacity: 3}]}]", "'capacity' must be a mapping"),
        ("sections: [{title: A, fields: [{label: X, capacity: {pages: 3}}]}]", "unknown key 'pages'"),
        ("sections: [{title: A, fields: [{label: X, capacity: {words: -1}}]}]", "at least 0"),
        ("sections: [{title: A, fields: [{label: X, repeat: {rows: 3}}]}]", "needs a 'group'"),
        ("title: [a, b]", "'title' must be text"),
    ],
)
def test_invalid_structure(tmp_path, body, expected):
    err = error_of(write(tmp_path, "m.yaml", f"schema: formaudit.form/1\n{body}\n"))
    assert expected in err.reason


@pytest.mark.parametrize(
    "name,text,expected",
    [
        ("bad.yaml", "schema: formaudit.form/1\nsections: [a, b\n", "invalid YAML at line"),
        ("tabs.yaml", "schema: formaudit.form/1\n\tsections: []\n", "invalid YAML at line"),
        (
            "tag.yaml",
            "schema: formaudit.form/1\ntitle: !include other.yaml\n",
            "tag '!include' is not allowed",
        ),
        ("py.yaml", "schema: !!python/object/apply:os.system [echo hi]\n", "is not allowed"),
        ("bad.json", '{"schema": "formaudit.form/1",}', "invalid JSON at line 1"),
        ("trunc.json", '{"schema": "formaudit.form/1", "sections": [', "invalid JSON at line 1"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_unparseable(tmp_path, name, text, expected):
    err = error_of(write(tmp_path, name, text))
    assert expected in err.reason


def test_not_utf8(tmp_path):
    p = tmp_path / "latin1.yaml"
    p.write_bytes("schema: formaudit.form/1\ntitle: Caf\xe9\n".encode("latin-1"))
    assert "not UTF-8" in error_of(p).reason


def test_utf8_bom_accepted(tmp_path):
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps({"schema": FORM_SCHEMA, "title": "T"}).encode())
    assert read_model(p).title == "T"


def test_alias_bomb_is_stopped(tmp_path):
    lines = ["schema: formaudit.form/1", "f0: &f0 {label: x}"]
    lines.append("fl: &fl [" + ", ".join(["*f0"] * 1000) + "]")
    lines.append("s: &s {title: t, fields: *fl}")
    lines.append("sections: [" + ", ".join(["*s"] * 1000) + "]")
    err = error_of(write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n"))
    assert "too many fields" in err.reason


def test_size_limit(tmp_path, monkeypatch):
    from formaudit.readers import model_file

    monkeypatch.setattr(model_file, "MAX_MODEL_BYTES", 100)
    err = error_of(write(tmp_path, "big.yaml", "schema: formaudit.form/1\n" + "# padding\n" * 20))
    assert "too large" in err.reason


def test_missing_file(tmp_path):
    assert error_of(tmp_path / "nope.yaml").reason == "no such file"


# --- through the CLI ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_cli_extract_round_trip(tmp_path, fmt):
    src = write(tmp_path, "referral.yaml", SHORTHAND)
    runner = CliRunner()
    first = runner.invoke(cli, ["extract", str(src), "--format", fmt])
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout) if fmt == "json" else yaml.safe_load(first.stdout)
    Draft202012Validator(load_schema("form")).validate(data)
    assert data["schema"] == FORM_SCHEMA and data["field_count"] == 7

    # the extracted model is itself a valid input and reproduces itself exactly
    again = write(tmp_path, f"again.{fmt}", first.stdout)
    second = runner.invoke(cli, ["extract", str(again), "--format", fmt])
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout


def test_cli_text_output(tmp_path):
    src = write(tmp_path, "referral.yaml", SHORTHAND)
    result = CliRunner().invoke(cli, ["extract", str(src)])
    assert result.exit_code == 0
    assert "Child's details" in result.stdout and "Date of birth" in result.stdout


def test_cli_bad_model_is_one_line(tmp_path):
    src = write(tmp_path, "conf.yaml", "rules: {}\n")
    result = CliRunner().invoke(cli, ["extract", str(src), "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr == f"formaudit: error: {src}: {NOT_A_MODEL}\n"
