"""PDF reader: constructions councils publish (issue 9) — option groups, captions, wrapped labels,
date boxes, web forms printed from a browser. Each test builds the construct it names."""

from __future__ import annotations

from formaudit.readers.pdf import read_pdf
from tests.pdfbuild import Page


def by_label(form):
    return {f.label: f for f in form.fields}


# ---------------------------------------------------------------------------- AcroForm option groups
def test_check_box_stack_beside_a_wrapped_question_is_one_multi_choice(tmp_path):
    p = tmp_path / "stack.pdf"
    pg = Page(p)
    pg.text(50, 100, "Which services will help with this plan")
    pg.text(50, 112, "(tick all that apply):")
    opts = ["Family support", "Health visitor", "School nurse", "Youth worker", "Housing officer"]
    for i, name in enumerate(opts):
        pg.checkbox(f"Check Box{i + 3}", 260, 100 + i * 14, size=9)
        pg.text(274, 100 + i * 14, name, size=9)
    pg.text(50, 200, "Name of lead worker")
    pg.textfield("Text10", 260, 198)
    pg.save()
    fields = by_label(read_pdf(p))
    assert list(fields) == [
        "Which services will help with this plan (tick all that apply)",
        "Name of lead worker",
    ]
    f = fields["Which services will help with this plan (tick all that apply)"]
    assert (f.kind, f.options) == ("multi_choice", opts)


def test_check_boxes_each_beside_its_own_question_stay_separate(tmp_path):
    p = tmp_path / "own.pdf"
    pg = Page(p)
    for i, q in enumerate(["Consent given?", "Information shared?"]):
        pg.text(50, 100 + i * 14, q)
        pg.checkbox(f"c{i}", 260, 100 + i * 14, size=9)
        pg.text(274, 100 + i * 14, "Yes", size=9)
    pg.save()
    assert [f.label for f in read_pdf(p).fields] == ["Consent given?", "Information shared?"]


# ---------------------------------------------------------------------------------- body size, captions
def test_smaller_italic_hints_do_not_make_the_labels_headings(tmp_path):
    """The hints under each label outnumber the labels in characters; the labels are still body text."""
    p = tmp_path / "hints.pdf"
    pg = Page(p)
    pg.text(50, 60, "Part 1 About the family", size=13, font="Helvetica-Bold")
    pg.text(
        50,
        80,
        "Guidance for practitioners is published separately and should be read first.",
        8,
        "Helvetica-Oblique",
    )
    top = 100
    for lab in ("Who lives in the home", "What is going well", "What are you worried about"):
        pg.text(50, top, lab, size=9.5)
        for k in range(2):
            pg.text(
                50,
                top + 12 + k * 10,
                "Describe in the family's own words what they said, with examples and dates where known.",
                8,
                "Helvetica-Oblique",
            )
        pg.rect(50, top + 34, 480, 60)
        top += 110
    pg.save()
    form = read_pdf(p)
    assert [s.title for s in form.sections if s.title] == ["Part 1 About the family"]
    assert [(f.label, f.kind) for f in form.fields] == [
        ("Who lives in the home", "long_text"),
        ("What is going well", "long_text"),
        ("What are you worried about", "long_text"),
    ]


# ---------------------------------------------------------------------------------- reader bugs
def _small_form(tmp_path):
    p = tmp_path / "small.pdf"
    pg = Page(p)
    pg.text(50, 100, "Name: ________________")
    pg.save()
    return p


def test_a_bug_in_interpretation_is_not_reported_as_a_corrupt_file(tmp_path, monkeypatch):
    import pytest

    import formaudit.readers.pdf as pdf_reader
    from formaudit.errors import FormError

    p = _small_form(tmp_path)

    def broken(*a, **k):
        raise ZeroDivisionError("bug in formaudit")

    monkeypatch.setattr(pdf_reader, "_interpret", broken)
    with pytest.raises(ZeroDivisionError):
        read_pdf(p)
    monkeypatch.undo()
    import formaudit.readers.pdf.layout as layout

    monkeypatch.setattr(layout, "_segments", broken)  # formaudit's own layout collection
    with pytest.raises(ZeroDivisionError):
        read_pdf(p)
    with pytest.raises(ZeroDivisionError):
        pdf_reader.read_pdf(p)
    assert not issubclass(ZeroDivisionError, FormError)


def test_a_parser_error_is_reported_as_a_corrupt_file(tmp_path, monkeypatch):
    import pdfplumber.page
    import pytest
    from pdfminer.pdfparser import PDFSyntaxError

    from formaudit.errors import FormError

    p = _small_form(tmp_path)

    def damaged(*a, **k):
        raise PDFSyntaxError("bad object")

    monkeypatch.setattr(pdfplumber.page.Page, "extract_words", damaged)
    with pytest.raises(FormError, match="corrupt or truncated PDF"):
        read_pdf(p)
