"""The form model: serialisation round trips, the shipped JSON Schema and ``finalise()``."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from formaudit.model import FORM_SCHEMA, KINDS, Field, Form, Section
from formaudit.readers.model_file import read_model
from formaudit.schemas import load_schema


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = load_schema("form")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def assert_valid(validator: Draft202012Validator, data: dict) -> None:
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def full_form() -> Form:
    """A form using every optional attribute of every class."""
    return Form(
        source="forms/referral.docx",
        format="docx",
        title="Child referral",
        sections=[
            Section(
                title=None,
                guidance="Please complete in black ink.",
                fields=[Field(id="ref", label="Reference number", kind="number", required=True)],
            ),
            Section(
                title="Child's details",
                level=1,
                location="page 1",
                guidance="About the child.",
                fields=[
                    Field(
                        id="child_name",
                        label="Child's name",
                        subject="child",
                        required=True,
                        location="table 1 row 1",
                        hint="As on the birth certificate",
                    ),
                    Field(id="", label="Date of birth", kind="date", subject="child"),
                    Field(id="", label="Known to services?", kind="yes_no", options=["Yes", "No"]),
                    Field(id="", label="Concerns", kind="long_text", capacity={"words": 200, "lines": 8}),
                ],
            ),
            Section(
                title="Household members",
                level=2,
                fields=[
                    Field(id="", label="Name", repeat={"group": "household", "rows": 6}),
                    Field(
                        id="",
                        label="Relationship",
                        kind="choice",
                        options=["Parent", "Sibling"],
                        repeat={"group": "household", "rows": 6},
                    ),
                ],
            ),
            Section(
                title="Actions",
                level=3,
                fields=[Field(id="", label="Actions", kind="table", columns=["Action", "Who", "By when"])],
            ),
            Section(title="Sign-off", fields=[Field(id="", label="Signature", kind="signature")]),
        ],
    ).finalise()


# --- round trips -------------------------------------------------------------------------------


def test_to_dict_shape(validator):
    d = full_form().to_dict()
    assert d["schema"] == FORM_SCHEMA
    assert d["field_count"] == 9
    assert d["section_count"] == 4  # the untitled block does not count
    assert [s["id"] for s in d["sections"]] == ["s1", "s2", "s3", "s4", "s5"]
    assert d["sections"][2]["parent"] == "s2"
    assert d["sections"][3]["parent"] == "s3"
    assert "parent" not in d["sections"][4]
    assert d["sections"][0]["guidance_words"] == 5
    f = d["sections"][1]["fields"][0]
    assert f == {
        "id": "child_name",
        "label": "Child's name",
        "kind": "text",
        "options": [],
        "subject": "child",
        "required": True,
        "location": "table 1 row 1",
        "hint": "As on the birth certificate",
    }
    assert_valid(validator, d)


def test_round_trip_json(validator):
    form = full_form()
    d = form.to_dict()
    again = Form.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
    assert again == form
    assert again.to_dict() == d


def test_round_trip_yaml(validator):
    form = full_form()
    d = form.to_dict()
    text = yaml.safe_dump(d, sort_keys=False, allow_unicode=True)
    again = Form.from_dict(yaml.safe_load(text))
    assert again == form
    assert again.to_dict() == d


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_round_trip_through_reader(tmp_path, suffix, validator):
    form = full_form()
    d = form.to_dict()
    path = tmp_path / f"model{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(d, sort_keys=False, allow_unicode=True), encoding="utf-8")
    again = read_model(path)
    assert again.to_dict() == d
    assert_valid(validator, again.to_dict())


def test_from_dict_source_override():
    d = full_form().to_dict()
    assert Form.from_dict(d, source="other.yaml").source == "other.yaml"


def test_minimal_contract_validates(validator):
    """The keys the scorer reads are enough for a valid document; extra top-level keys are allowed."""
    d = {
        "schema": FORM_SCHEMA,
        "source": "x.docx",
        "title": None,
        "sections": [
            {
                "title": None,
                "level": 1,
                "fields": [{"id": "f1", "label": "Name", "kind": "text", "options": []}],
            }
        ],
        "generator": "formaudit 9.9",
    }
    assert_valid(validator, d)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(schema="formaudit.form/2"),
        lambda d: d.pop("sections"),
        lambda d: d.update(title=3),
        lambda d: d["sections"][1].update(level=0),
        lambda d: d["sections"][1].update(colour="red"),
        lambda d: d["sections"][1]["fields"][0].update(kind="essay"),
        lambda d: d["sections"][1]["fields"][0].pop("options"),
        lambda d: d["sections"][1]["fields"][0].update(options=[1, 2]),
        lambda d: d["sections"][1]["fields"][0].update(required="yes"),
        lambda d: d["sections"][1]["fields"][0].update(capacity={"pages": 2}),
        lambda d: d["sections"][1]["fields"][0].update(repeat={"rows": 3}),
    ],
)
def test_schema_rejects(validator, mutate):
    d = full_form().to_dict()
    mutate(d)
    assert list(validator.iter_errors(d))


def test_schema_kinds_match_model():
    schema = load_schema("form")
    assert tuple(schema["$defs"]["field"]["properties"]["kind"]["enum"]) == KINDS
    assert schema["properties"]["schema"]["const"] == FORM_SCHEMA
    assert load_schema("form.schema.json") == schema


def test_load_schema_unknown():
    with pytest.raises(FileNotFoundError):
        load_schema("nope")
    with pytest.raises(FileNotFoundError):
        load_schema("../model")


# --- finalise ----------------------------------------------------------------------------------


def test_finalise_numbering_and_parents():
    form = Form(
        source="x",
        format="model",
        sections=[
            Section(title=None),  # empty untitled block: dropped
            Section(title="A", fields=[Field(id="", label="a1"), Field(id="", label="a2")]),
            Section(title="A.1", level=2, fields=[Field(id="", label="b1")]),
            Section(title="A.1.1", level=3),
            Section(title="A.2", level=2, fields=[Field(id="", label="c1")]),
            Section(title="B", level=1, fields=[Field(id="", label="d1")]),
            Section(title="B.1", level=2),
        ],
    ).finalise()
    assert [s.title for s in form.sections] == ["A", "A.1", "A.1.1", "A.2", "B", "B.1"]
    assert [s.id for s in form.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert [s.parent for s in form.sections] == [None, "s1", "s2", "s1", None, "s5"]
    assert [f.id for f in form.fields] == ["f1", "f2", "f3", "f4", "f5"]


def test_finalise_keeps_untitled_block_with_content():
    form = Form(
        source="x",
        format="model",
        sections=[
            Section(title=None, guidance="Read this first"),
            Section(title=None, fields=[Field(id="", label="x")]),
        ],
    ).finalise()
    assert len(form.sections) == 2
    assert form.sections[0].parent is None


def test_finalise_keeps_given_ids_and_suffixes_duplicates():
    form = Form(
        source="x",
        format="model",
        sections=[
            Section(
                title="A",
                id="intro",
                fields=[
                    Field(id="name", label="Name"),
                    Field(id="name", label="Name again"),
                    Field(id="name", label="Name a third time"),
                    Field(id="", label="no id"),
                    Field(id="f5", label="claims f5"),
                    Field(id="", label="would be f6"),
                ],
            ),
            Section(title="B", fields=[Field(id="f6", label="explicit f6")]),
        ],
    ).finalise()
    assert form.sections[0].id == "intro"
    assert form.sections[1].id == "s2"
    assert [f.id for f in form.fields] == ["name", "name-2", "name-3", "f4", "f5", "f6", "f6-2"]
    assert len({f.id for f in form.fields}) == len(form.fields)


def test_finalise_is_idempotent():
    form = full_form()
    before = form.to_dict()
    assert form.finalise().to_dict() == before


# --- property test -----------------------------------------------------------------------------

_text = st.text(
    alphabet=st.characters(
        whitelist_categories=("L", "N", "P", "S", "Zs"), blacklist_characters="\u2028\u2029\x85"
    ),
    max_size=20,
)
_opt_text = st.none() | _text.filter(bool)

_fields = st.builds(
    Field,
    id=st.sampled_from(["", "", "", "name", "dob", "f1", "f2-2"]),
    label=_text,
    kind=st.sampled_from(KINDS),
    options=st.lists(_text, max_size=4),
    subject=st.none() | _text,
    required=st.booleans(),
    capacity=st.none()
    | st.dictionaries(st.sampled_from(["words", "lines"]), st.integers(0, 10_000), min_size=1),
    location=_opt_text,
    columns=st.lists(_text, max_size=3),
    repeat=st.none() | st.fixed_dictionaries({"group": _text, "rows": st.integers(0, 50)}),
    hint=_opt_text,
)
_sections = st.builds(
    Section,
    title=st.none() | _text,
    level=st.integers(1, 4),
    guidance=_text,
    fields=st.lists(_fields, max_size=4),
    location=_opt_text,
)
_forms = st.builds(
    Form,
    source=_text.filter(bool),
    format=st.sampled_from(["docx", "pdf", "model"]),
    title=st.none() | _text,
    sections=st.lists(_sections, max_size=5),
)


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(form=_forms)
def test_random_forms_round_trip_and_validate(form: Form):
    validator = Draft202012Validator(load_schema("form"))
    form.finalise()
    d = form.to_dict()
    assert_valid(validator, d)
    assert len({f.id for f in form.fields}) == len(form.fields)

    assert Form.from_dict(json.loads(json.dumps(d))).to_dict() == d
    assert Form.from_dict(yaml.safe_load(yaml.safe_dump(d, allow_unicode=True))).to_dict() == d

    with tempfile.TemporaryDirectory() as tmp:
        pj = Path(tmp) / "m.json"
        pj.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        assert read_model(pj).to_dict() == d
        py = Path(tmp) / "m.yaml"
        py.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
        assert read_model(py).to_dict() == d
