"""The entity model (formaudit/semantics.py, docs/semantics.md): each field's subject and item, how they
are shown (extract, scan --explain) and how streamline relies on them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from formaudit.checks import Context
from formaudit.cli import cli
from formaudit.model import Form
from formaudit.semantics import annotate, annotations
from formaudit.streamline import propose

ROOT = Path(__file__).resolve().parent.parent


def form(sections: list[tuple[str | None, list]], title: str | None = None, source: str = "f.yaml") -> Form:
    secs = []
    for t, fields in sections:
        secs.append(
            {
                "title": t,
                "fields": [{"id": "", "label": f} if isinstance(f, str) else {"id": "", **f} for f in fields],
            }
        )
    return Form.from_dict(
        {"schema": "formaudit.form/1", "title": title, "sections": secs}, source=source
    ).finalise()


def by_label(infos):
    out: dict[str, list] = {}
    for fi in infos:
        out.setdefault(fi.field.label, []).append(fi)
    return out


# ------------------------------------------------------------------------------------------ subjects


def test_default_subject_from_the_forms_own_words():
    adult = form(
        [("About the adult at risk", ["Name", "GP name"]), ("Health", ["GP address"])], "Adult assessment"
    )
    child = form([("The child", ["Name"]), ("Health", ["GP name"])], "Child in need plan")
    assert {fi.subject for fi in annotate(adult)} == {"adult"}
    assert {fi.subject for fi in annotate(child)} == {"child"}


def test_a_silent_form_is_about_a_neutral_person_or_borrows_from_its_run():
    silent = form([("Details", ["Name", "Telephone number"])], source="silent.yaml")
    assert {fi.subject for fi in annotate(silent)} == {"person"}
    adult = form([("About the adult", ["Name", "Telephone number"])], source="adult.yaml")
    ann = annotations(Context([silent, adult]))
    assert {fi.subject for fi in ann["silent.yaml"]} == {"adult"}


def test_default_subject_can_be_configured(tmp_path):
    (tmp_path / "subjects.yaml").write_text("default_subject: adult\n", encoding="utf-8")
    f = form([("Details", ["Name"]), ("The child", ["Name"])])
    infos = annotate(f, str(tmp_path))
    assert [fi.subject for fi in infos] == ["adult", "child"]


def test_numbered_people_and_unknown_person_headings():
    f = form(
        [
            ("Subject child 1", ["Full name", "Unborn child's due date"]),
            ("Subject child 2", ["Full name"]),
            ("Parent/carer 2", ["Full name"]),
            ("Mother / parent 1", ["Full name"]),
            ("Other significant figures", ["Full name"]),
        ]
    )
    subjects = [fi.subject for fi in annotate(f)]
    assert subjects[:3] == ["child#1", "child#1", "child#2"]
    assert subjects[3] == "parent#2"
    assert subjects[4] == "mother"  # the number belongs to "parent", not to the mother
    assert subjects[5].startswith("about:") and "figures" in subjects[5]


def test_sibling_blocks_of_the_same_shape_are_instances():
    f = form(
        [
            ("Main home address", ["Address", "Postcode", "Telephone"]),
            ("Second home address", ["Address", "Postcode", "Telephone"]),
            ("Mother", ["Name", "Address", "Telephone"]),
            ("Mother", ["Name", "Address", "Telephone"]),
        ]
    )
    infos = by_label(annotate(f))
    # the form names no population: its default subject is a neutral person, here in two instances
    assert [fi.subject for fi in infos["Postcode"]] == ["person#1", "person#2"]
    # the same one-of-a-kind person named by both headings stays one person
    assert {fi.subject for fi in infos["Name"]} == {"mother"}


def test_the_nearest_person_in_a_label_wins():
    f = form([("Front", ["Name of young person's key worker", "Young person's name"])])
    a, b = annotate(f)
    assert a.subject == "lead_professional" and b.subject == "child"


# --------------------------------------------------------------------------------------------- items


def test_contact_attributes_and_classifiers_are_items():
    f = form(
        [("Key contacts", ["GP", "GP name", "GP practice", "GP address", "GP email", "Phone", "Phone type"])]
    )
    items = [fi.item for fi in annotate(f)]
    assert items[0] == items[1] == "gp"
    assert len(set(items[1:5])) == 4
    assert items[5] == "telephone" and items[6] == "telephone.type"


def test_yes_no_questions_sharing_a_concept_word_are_their_own_items():
    f = form(
        [
            (
                "Safety",
                [
                    {"label": "Are there concerns about the home?", "kind": "yes_no"},
                    {"label": "Are there concerns about school?", "kind": "yes_no"},
                    {"label": "Interpreter required?", "kind": "yes_no"},
                ],
            )
        ]
    )
    a, b, c = annotate(f)
    assert a.concept is None and b.concept is None and a.item != b.item
    assert c.concept == "interpreter"  # a filler word does not make another question


# ------------------------------------------------------------------------------------------- output


def _write(tmp_path, f: Form, name="form.yaml") -> Path:
    import yaml

    p = tmp_path / name
    p.write_text(yaml.safe_dump(f.to_dict(), sort_keys=False), encoding="utf-8")
    return p


TWO_CHILDREN = [
    ("Child 1", ["Full name", {"label": "Date of birth", "kind": "date"}, "Gender"]),
    ("Child 2", ["Full name", {"label": "Date of birth", "kind": "date"}, "Gender"]),
    ("Sign-off", ["Name of report author", "Agency"]),
    ("Report details", ["Name of report author", "Agency"]),
]


def test_extract_json_gives_every_field_subject_and_item(tmp_path):
    p = _write(tmp_path, form(TWO_CHILDREN))
    r = CliRunner().invoke(cli, ["extract", str(p), "--format", "json"])
    assert r.exit_code == 0, r.output
    fields = [f for s in json.loads(r.stdout)["sections"] for f in s["fields"]]
    assert all(f.get("subject") and f.get("item") for f in fields)
    assert [f["subject"] for f in fields[:6]] == ["child#1"] * 3 + ["child#2"] * 3
    assert fields[1]["item"] == "date_of_birth"
    text = CliRunner().invoke(cli, ["extract", str(p), "--semantics"]).stdout
    assert "child#2 · date_of_birth" in text and "(heading)" in text


def test_scan_explain_names_the_matching_rule(tmp_path):
    p = _write(tmp_path, form(TWO_CHILDREN))
    r = CliRunner().invoke(cli, ["scan", str(p), "--select", "FA101", "--explain"])
    assert r.exit_code == 0, r.output
    assert "matched by: same-item" in r.stdout and "from label" in r.stdout
    data = json.loads(
        CliRunner().invoke(cli, ["scan", str(p), "--select", "FA101", "--format", "json"]).stdout
    )
    assert len(data["findings"]) == 2  # the report author's name and agency, asked twice each


# ----------------------------------------------------------------------------------------- streamline


def test_streamline_lists_every_field_and_never_merges_different_subjects(tmp_path, monkeypatch):
    f = form(TWO_CHILDREN)
    prop = propose(f)
    changes = prop.change_list()
    assert len(changes) == len(f.fields)
    subj = {fi.field.id: fi.subject for fi in annotate(f)}
    for c in changes:
        assert set(c) >= {"action", "field", "into"} and set(c["field"]) == {"section", "label", "id"}
        if c["into"] is not None and c["action"] == "removed-duplicate":
            assert subj[c["field"]["id"]] == subj[c["into"]["id"]]
    removed = [c for c in changes if c["action"] == "removed-duplicate"]
    assert sorted(c["field"]["label"] for c in removed) == ["Agency", "Name of report author"]
    # the CLI's JSON carries the same list under "changes"
    monkeypatch.chdir(tmp_path)
    p = _write(tmp_path, f)
    r = CliRunner().invoke(cli, ["streamline", str(p), "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["changes"] == changes and data["change_counts"]["removed-duplicate"] == 2


EVAL2 = ROOT.parent / "shared" / "eval-2"


@pytest.mark.skipif(not (EVAL2 / "forms").is_dir(), reason="../shared/eval-2 not present")
def test_streamline_merges_agree_with_the_eval2_truth(capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("svt", ROOT / "benchmarks" / "streamline_vs_truth.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main([str(EVAL2)]) == 0, capsys.readouterr().out
    assert "violations=0" in capsys.readouterr().out


def test_an_agent_phrase_after_the_document_it_is_about_is_the_person_filling_in():
    """ "Completed by", and the same after the document's name ("Plan prepared by", "Visit done by"): the
    name of whoever fills the form in, one general pattern rather than a list of whole labels."""
    f = form(
        [("Sign-off", [{"label": lab} for lab in ("Plan prepared by", "Visit done by", "Completed by")])]
    )
    infos = annotate(f)
    assert [i.concept for i in infos] == ["name", "name", "name"]
    assert len({i.subject for i in infos}) == 1 and infos[0].subject != "child"
