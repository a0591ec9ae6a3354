"""formaudit streamline: the proposal, the fillable DOCX and its round trip through formaudit's own reader.

For every sample form (and every ../shared/eval/forms file when that folder exists): propose → write the
DOCX → read it back; the read-back form has the proposal's sections and fields, no FA101/FA201 findings,
an expected time within 2% of the predicted "after" time, and LibreOffice converts it to PDF.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from formaudit.api import run_checks
from formaudit.errors import UsageError
from formaudit.model import Form
from formaudit.readers import read_form
from formaudit.streamline import propose
from formaudit.timing import estimate_form
from formaudit.writers import write_changelog, write_docx, write_model
from formaudit.writers.docx_form import PREFACE_TITLE

ROOT = Path(__file__).resolve().parents[1]
EVAL_FORMS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "forms"


def _forms(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".docx", ".pdf"))


SAMPLES = _forms(ROOT / "sample_forms")
EVALS = _forms(EVAL_FORMS)
ALL = [pytest.param(p, id=p.name) for p in SAMPLES] + [pytest.param(p, id=f"eval/{p.name}") for p in EVALS]

_CACHE: dict[Path, tuple] = {}


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    return tmp_path_factory.mktemp("streamlined")


def _round_trip(path: Path, outdir: Path):
    """(proposal, written docx path, read-back form), once per form per test run."""
    if path not in _CACHE:
        proposal = propose(read_form(path))
        out = outdir / f"{path.stem}-{path.suffix[1:]}.streamlined.docx"
        write_docx(proposal, out)
        _CACHE[path] = (proposal, out, read_form(out))
    return _CACHE[path]


def _without_preface(form: Form) -> Form:
    return Form(
        source=form.source,
        format=form.format,
        title=form.title,
        sections=[s for s in form.sections if s.title != PREFACE_TITLE],
    )


def _sig(form: Form) -> list[tuple]:
    return [(f.label, f.kind, tuple(f.options), f.prefilled) for f in form.fields]


def test_sample_forms_found():
    assert len(SAMPLES) >= 10


@pytest.mark.parametrize("path", ALL)
def test_round_trip_sections_and_fields(path, outdir):
    proposal, _, back = _round_trip(path, outdir)
    assert back.sections[0].title == PREFACE_TITLE or back.sections[1].title == PREFACE_TITLE
    back = _without_preface(back)
    assert back.title == proposal.after.title
    assert [s.title for s in back.sections if s.title] == [
        s.title for s in proposal.after.sections if s.title
    ]
    assert _sig(back) == _sig(proposal.after)


@pytest.mark.parametrize("path", ALL)
def test_round_trip_has_no_duplicates_or_redundant_sections(path, outdir):
    _, _, back = _round_trip(path, outdir)
    findings, _ = run_checks([back])
    codes = [f.code for f in findings]
    assert codes.count("FA101") == 0, [f.message for f in findings if f.code == "FA101"]
    assert codes.count("FA201") == 0, [f.message for f in findings if f.code == "FA201"]


@pytest.mark.parametrize("path", ALL)
def test_round_trip_time_within_two_percent(path, outdir):
    proposal, _, back = _round_trip(path, outdir)
    predicted = proposal.after_minutes["expected"]
    # the form as read back, less "What changed and why" (read once when the template changes, not at
    # every completion; ~0.2 min, which alone is over 2% of the smallest sample forms)
    assert estimate_form(_without_preface(back)).minutes["expected"] == pytest.approx(predicted, rel=0.02)
    assert proposal.after_minutes["expected"] <= proposal.before_minutes["expected"] + 1e-9


@pytest.mark.parametrize("path", ALL)
def test_change_log_accounts_for_every_original_field(path, outdir):
    proposal, _, _ = _round_trip(path, outdir)
    original = read_form(path)
    logged = [c["id"] for c in proposal.field_changes]
    assert sorted(logged) == sorted(f.id for f in original.fields)
    after_ids = {f.id for f in proposal.after.fields}
    for c in proposal.field_changes:
        assert c["action"], c
        assert c["now"] is not None and c["now"]["id"] in after_ids, c  # where its information now lives
        if c["action"] == "removed-duplicate":
            assert c["kept"]["id"] in after_ids or c["now"]["id"] in after_ids
    kept = {c["now"]["id"] for c in proposal.field_changes}
    assert after_ids <= kept  # every field of the new form comes from the original


def test_libreoffice_converts(outdir, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not on PATH: PDF conversion not tested")
    docs = [_round_trip(p.values[0], outdir)[1] for p in ALL]
    pdfdir = tmp_path / "pdf"
    pdfdir.mkdir()
    cmd = [
        soffice,
        f"-env:UserInstallation=file://{tmp_path}/lo-profile",
        "--headless",
        "--convert-to",
        "pdf",
    ]
    res = subprocess.run(
        [*cmd, "--outdir", str(pdfdir), *map(str, docs)], capture_output=True, text=True, timeout=600
    )
    assert res.returncode == 0, res.stderr
    for d in docs:
        pdf = pdfdir / (d.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, (d.name, res.stdout, res.stderr)
        assert pdf.read_bytes()[:5] == b"%PDF-"


def test_writers_refuse_to_overwrite_without_force(tmp_path):
    proposal = propose(read_form(SAMPLES[0]))
    for writer, name in ((write_docx, "x.docx"), (write_model, "x.yaml"), (write_changelog, "x.changes.md")):
        out = tmp_path / name
        writer(proposal, out)
        before = out.read_bytes()
        with pytest.raises(UsageError, match="already exists"):
            writer(proposal, out)
        assert out.read_bytes() == before
        writer(proposal, out, force=True)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".formaudit-")]  # no temp files left


def test_model_and_change_log(tmp_path):
    path = ROOT / "sample_forms" / "child-and-family-assessment_B.docx"
    proposal = propose(read_form(path))
    write_model(proposal, tmp_path / "m.yaml")
    write_changelog(proposal, tmp_path / "m.changes.md")
    model = yaml.safe_load((tmp_path / "m.yaml").read_text(encoding="utf-8"))
    assert model["schema"] == "formaudit.form/1"
    assert model["field_count"] == len(proposal.after.fields)
    back = read_form(tmp_path / "m.yaml")  # the model reader reads it back identically
    assert _sig(back) == _sig(proposal.after)
    md = (tmp_path / "m.changes.md").read_text(encoding="utf-8")
    for c in proposal.field_changes:
        assert c["label"].replace("|", "\\|") in md
    assert "FA101" in md and "FA201" in md and "FA103" in md


def test_rules_applied_on_the_assessment():
    proposal = propose(read_form(ROOT / "sample_forms" / "child-and-family-assessment_B.docx"))
    by_label = {}
    for c in proposal.field_changes:
        by_label.setdefault((c["section"], c["label"]), c)
    # FA101: the child's name at sign-off goes, the child's details keep it (pre-filled from the case record)
    gone = by_label[("Sign-off", "Child's name")]
    assert gone["action"] == "removed-duplicate"
    assert gone["kept"]["section"] == "Child's details"
    assert by_label[("Child's details", "Child's name")]["action"] == "prefilled"
    # FA103: the father's block maps onto the mother's, now one repeatable group of two rows
    father = by_label[("Father's details", "Full name")]
    assert father["action"] == "grouped"
    col = next(f for f in proposal.after.fields if f.id == father["now"]["id"])
    assert col.repeat and col.repeat["rows"] == 2
    assert "Father's details" not in [s.title for s in proposal.after.sections]
    # FA201: each summary moves to the domain section it summarises
    moved = by_label[("Summary of assessment", "Parenting capacity - summary")]
    assert moved["action"] == "merged-section" and moved["now"]["section"] == "Parenting capacity"
    assert "Summary of assessment" not in [s.title for s in proposal.after.sections]
    assert proposal.after_minutes["expected"] < proposal.before_minutes["expected"]


def test_library_prefills_what_an_earlier_form_captured():
    lib = [read_form(ROOT / "sample_forms" / "case-note_A.docx")]
    form = read_form(ROOT / "sample_forms" / "section-47-enquiry_M.docx")
    plain = propose(form)
    with_lib = propose(form, library=lib)
    carried = [c for c in with_lib.field_changes if c["action"] == "prefilled-from-library"]
    assert carried, "the case note already asks whether the child was seen alone"
    assert carried[0]["library"]["form"] == "case-note_A.docx"
    assert with_lib.after_minutes["expected"] < plain.after_minutes["expected"]
    # a form is never pre-filled from itself (or another rendering of it)
    same = propose(form, library=[form])
    assert not [c for c in same.field_changes if c["action"] == "prefilled-from-library"]


def test_original_form_is_not_modified():
    form = read_form(SAMPLES[0])
    before = form.to_dict()
    propose(form)
    assert form.to_dict() == before


# ------------------------------------------------------------------------------------------ CLI


def test_cli_writes_three_files_and_summarises(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from formaudit.cli.streamline import streamline

    monkeypatch.chdir(tmp_path)
    src = ROOT / "sample_forms" / "initial-cp-conference-report_A.docx"
    r = CliRunner().invoke(streamline, [str(src), "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["fields_after"] < data["fields_before"]
    assert data["minutes_saved"]["expected"] > 0
    for name in ("docx", "yaml", "changes.md"):
        assert (tmp_path / f"initial-cp-conference-report_A.streamlined.{name}").exists()
    # a second run refuses to overwrite, in one line, exit 2
    r = CliRunner().invoke(streamline, [str(src)])
    assert r.exit_code == 2
    assert r.output.strip().startswith("formaudit: error:") and "--force" in r.output
    assert len(r.output.strip().splitlines()) == 1
    r = CliRunner().invoke(streamline, [str(src), "--force", "--format", "markdown", "-o", "out/x.docx"])
    assert r.exit_code == 2 and "does not exist" in r.output  # missing folder: one line
    (tmp_path / "out").mkdir()
    r = CliRunner().invoke(streamline, [str(src), "--format", "markdown", "-o", "out/x.docx"])
    assert r.exit_code == 0 and "| minutes" in r.output
    assert (tmp_path / "out" / "x.yaml").exists() and (tmp_path / "out" / "x.changes.md").exists()


def test_cli_bad_input_is_one_line(tmp_path):
    from click.testing import CliRunner

    from formaudit.cli.streamline import streamline

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    r = CliRunner().invoke(streamline, [str(bad), "-o", str(tmp_path / "o.docx")])
    assert r.exit_code == 2
    assert r.output.startswith("formaudit: error:") and len(r.output.strip().splitlines()) == 1
    r = CliRunner().invoke(streamline, [str(SAMPLES[0]), "--library", str(tmp_path / "nope")])
    assert r.exit_code == 2 and "--library" in r.output


def test_cli_compare_runs_or_skips_with_a_note(tmp_path):
    from click.testing import CliRunner

    from formaudit.cli.streamline import streamline

    r = CliRunner().invoke(streamline, [str(SAMPLES[0]), "-o", str(tmp_path / "c.docx"), "--compare"])
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("path", ALL)
def test_no_heading_is_left_without_questions(path):
    """A section whose questions all moved or went is removed (and logged), not left as an empty heading."""
    proposal = propose(read_form(path))
    asked = {s.id for s in proposal.before.sections if s.fields}
    parents = {s.parent for s in proposal.after.sections if s.parent}
    empty = [
        s.title for s in proposal.after.sections if s.id in asked and not s.fields and s.id not in parents
    ]
    assert empty == []
    removed = [c["section"] for c in proposal.changes if c.get("action") == "removed-section"]
    kept_titles = {s.title for s in proposal.after.sections}
    assert not set(removed) & kept_titles
