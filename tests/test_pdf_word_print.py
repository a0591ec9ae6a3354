"""PDF reader: Word forms printed to PDF — shaded-band and "Section A:" headings, checklist answer
columns, options in cells of their own and record matrices, drawn here as a printer draws them."""

from __future__ import annotations

import pytest

from formaudit.readers.pdf import read_pdf
from tests.pdfbuild import Page, use_dejavu


def fields(form):
    return [(s.title, f.label, f.kind) for s in form.sections for f in s.fields]


def test_short_line_on_a_shaded_band_is_a_heading(tmp_path):
    """Paragraph shading printed: a grey band across the page holding one short plain line heads what
    follows; a band holding a sentence or a question is not a heading."""
    path = tmp_path / "band.pdf"
    p = Page(path)
    p.shade(50, 80, 480, 14, 0.85)
    p.text(52, 82, "The child")
    p.text(50, 105, "Name: ______________________________")
    p.shade(50, 135, 480, 14, 0.85)
    p.text(52, 137, "Please complete every part of this form.")
    p.shade(50, 175, 480, 14, 0.85)
    p.text(52, 177, "Is the child at school?")
    p.shade(50, 215, 480, 14, 0.85)
    p.text(52, 217, "The carer")
    p.text(50, 240, "Telephone: ______________________________")
    p.save()
    form = read_pdf(path)
    assert [s.title for s in form.sections if s.title] == ["The child", "The carer"]
    assert fields(form) == [("The child", "Name", "text"), ("The carer", "Telephone", "phone")]


def test_bold_part_heading_over_a_people_grid_heads_its_records(tmp_path):
    """ "Section A: Family members" in bold above a grid of people rows by detail columns is the
    section's heading, not the grid's caption: each column is one field of the repeating record."""
    path = tmp_path / "part.pdf"
    p = Page(path)
    p.text(50, 40, "Visit record", size=16, font="Helvetica-Bold")
    p.text(50, 80, "Section A: Family members", font="Helvetica-Bold")
    p.word_table(
        100,
        [
            (
                16,
                [
                    ("", None, False),
                    ("Full name", None, True),
                    ("Date of birth", None, True),
                    ("Relationship", None, True),
                ],
            ),
            (16, [("Mother", None, False), ("", None, False), ("", None, False), ("", None, False)]),
            (16, [("Father", None, False), ("", None, False), ("", None, False), ("", None, False)]),
            (16, [("Child", None, False), ("", None, False), ("", None, False), ("", None, False)]),
        ],
    )
    p.save()
    form = read_pdf(path)
    assert fields(form) == [
        ("Section A: Family members", "Full name", "text"),
        ("Section A: Family members", "Date of birth", "date"),
        ("Section A: Family members", "Relationship", "text"),
    ]
    assert {f.repeat["rows"] for f in form.fields} == {3}


def _checklist(p: Page, header: list[str]) -> None:
    rows = [(16, [(h, None, True) for h in header])]
    for q in ("Smoke alarm working", "Stairs have a gate", "Windows lock"):
        rows.append((16, [(q, None, False)] + [("", None, False)] * (len(header) - 1)))
    p.word_table(80, rows)


def test_checklist_with_empty_answer_columns_is_one_choice_per_row(tmp_path):
    """A checklist printed from Word: "Item | Yes | No | Not known" over question rows whose answer cells
    are empty — each row is one choice between the column names."""
    path = tmp_path / "check.pdf"
    p = Page(path)
    _checklist(p, ["Item", "Yes", "No", "Not known"])
    p.save()
    form = read_pdf(path)
    assert [(f.label, f.kind, f.options) for f in form.fields] == [
        (q, "yes_no", ["Yes", "No", "Not known"])
        for q in ("Smoke alarm working", "Stairs have a gate", "Windows lock")
    ]


def test_grid_with_empty_columns_not_named_as_answers_is_not_a_checklist(tmp_path):
    """Columns naming details ("Person | Name | Telephone") over rows with empty cells are no checklist."""
    path = tmp_path / "grid.pdf"
    p = Page(path)
    _checklist(p, ["Person", "Name", "Telephone"])
    p.save()
    form = read_pdf(path)
    assert not any(f.kind == "choice" for f in form.fields)


def test_options_in_cells_of_their_own_under_a_question_row(tmp_path):
    """A question across the table over rows of option cells ("☐ Kitchen | ☐ Hall"): one question whose
    options are every cell's, row by row — not a question per cell."""
    font = use_dejavu()
    if font is None:
        pytest.skip("DejaVu font not installed")
    path = tmp_path / "opts.pdf"
    p = Page(path)
    blank = ("", None, False)
    p.word_table(
        80, [(16, [("Which rooms were seen?", None, False)]), (16, [blank, blank]), (16, [blank, blank])]
    )
    for top, x, t in ((96, 54, "Kitchen"), (96, 224, "Hall"), (112, 54, "Bedroom")):
        p.text(x, top + 3, "☐ " + t, font=font)
    p.save()
    form = read_pdf(path)
    assert [(f.label, f.kind, f.options) for f in form.fields] == [
        ("Which rooms were seen?", "choice", ["Kitchen", "Hall", "Bedroom"])
    ]


def test_detail_rows_by_record_columns_are_records_turned_on_their_side(tmp_path):
    """ "| Parent 1 | Parent 2" over rows "Full name", "Telephone", "Home address" with empty cells: each row
    label is one field of a record repeated once per column — the columns are not the fields."""
    path = tmp_path / "turned.pdf"
    p = Page(path)
    p.text(50, 30, "Family record", size=16, font="Helvetica-Bold")
    p.text(50, 60, "Parents", size=13, font="Helvetica-Bold")
    blank = ("", None, False)
    rows = [(16, [blank, ("Parent 1", None, True), ("Parent 2", None, True)])]
    rows += [(16, [(lab, None, False), blank, blank]) for lab in ("Full name", "Telephone", "Home address")]
    p.word_table(80, rows)
    p.save()
    form = read_pdf(path)
    assert fields(form) == [
        ("Parents", "Full name", "text"),
        ("Parents", "Telephone", "phone"),
        ("Parents", "Home address", "text"),
    ]
    assert {f.repeat["rows"] for f in form.fields} == {2}


def test_word_symbol_box_printed_in_opensymbol_is_a_tick_box():
    """LibreOffice prints Word's Wingdings 2 box (Insert Symbol) in OpenSymbol, keeping the private-use code
    U+F0A3: it is a tick box; OpenSymbol's own letters are not. (reportlab cannot draw the glyph, so the
    font's characters are checked as the page reader applies them.)"""
    from formaudit.readers.pdf.layout import _symbol_box_fonts, _symbol_boxes_of

    chars = _symbol_boxes_of("FAAAAA+OpenSymbol", _symbol_box_fonts())
    assert "\uf0a3" in chars
    assert not any(c.isalpha() for c in chars)


def test_label_box_at_the_foot_of_a_page_takes_the_answer_box_opening_the_next(tmp_path):
    """Text boxes "label over answer" split by a page break: the label's box ends one page and the empty
    answer box opens the next — the question is a long answer, not a one-line one."""
    path = tmp_path / "split.pdf"
    p = Page(path)
    p.text(50, 40, "Visit record", size=16, font="Helvetica-Bold")
    p.text(50, 80, "Name: ______________________________")
    p.rect(50, 770, 480, 20)
    p.text(54, 774, "What did you see in the home?")
    p.new_page()
    p.rect(50, 50, 480, 110)
    p.save()
    form = read_pdf(path)
    assert [(f.label, f.kind) for f in form.fields] == [
        ("Name", "text"),
        ("What did you see in the home?", "long_text"),
    ]


def test_label_in_a_box_of_its_own_over_an_empty_answer_box(tmp_path):
    """Word text boxes "label over answer": a box holding only "Date of next visit" a few blank lines above
    an empty one-line box labels it; a page of space away it does not."""
    path = tmp_path / "boxes.pdf"
    p = Page(path)
    p.text(50, 40, "Visit record", size=16, font="Helvetica-Bold")
    p.rect(50, 100, 480, 20)
    p.text(54, 104, "Date of next visit")
    p.rect(50, 150, 480, 18)
    p.rect(50, 250, 480, 20)
    p.text(54, 254, "Worker")
    p.rect(50, 450, 480, 18)
    p.save()
    form = read_pdf(path)
    assert [(f.label, f.kind) for f in form.fields] == [("Date of next visit", "date")]


def test_numbered_people_rows_are_records_and_answer_columns_with_an_empty_corner_a_checklist(tmp_path):
    """Rows "Child 1", "Child 2" under detail columns are records like "Mother", "Father"; columns
    "| Yes | No | N/A" over an empty corner are a checklist, not the fields of a record."""
    path = tmp_path / "grids.pdf"
    p = Page(path)
    blank = ("", None, False)
    p.text(50, 40, "Family", size=13, font="Helvetica-Bold")
    hdr = [blank, ("Name", None, True), ("Date of birth", None, True), ("School", None, True)]
    p.word_table(
        60, [(16, hdr)] + [(16, [(f"Child {i}", None, False), blank, blank, blank]) for i in (1, 2, 3)]
    )
    p.text(50, 160, "Safety", size=13, font="Helvetica-Bold")
    hdr = [blank, ("Yes", None, True), ("No", None, True), ("N/A", None, True)]
    p.word_table(
        180,
        [(16, hdr)] + [(16, [(q, None, False), blank, blank, blank]) for q in ("Stair gate", "Fire guard")],
    )
    p.save()
    form = read_pdf(path)
    assert fields(form) == [
        ("Family", "Name", "text"),
        ("Family", "Date of birth", "date"),
        ("Family", "School", "text"),
        ("Safety", "Stair gate", "yes_no"),
        ("Safety", "Fire guard", "yes_no"),
    ]
    assert form.fields[0].repeat["rows"] == 3
    assert form.fields[3].options == ["Yes", "No", "N/A"]


def test_checklist_with_a_numbering_column_before_its_questions(tmp_path):
    """ "No. | Question | Yes | No" over "1 | Stair gate fitted | | ": the number is not the question."""
    path = tmp_path / "numbered.pdf"
    p = Page(path)
    blank = ("", None, False)
    hdr = [("No.", None, True), ("Question", None, True), ("Yes", None, True), ("No", None, True)]
    rows = [
        (16, [(n, None, False), (q, None, False), blank, blank])
        for n, q in (("1", "Stair gate"), ("2", "Fire guard"))
    ]
    p.word_table(80, [(16, hdr)] + rows)
    p.save()
    form = read_pdf(path)
    assert [(f.label, f.kind, f.options) for f in form.fields] == [
        ("Stair gate", "yes_no", ["Yes", "No"]),
        ("Fire guard", "yes_no", ["Yes", "No"]),
    ]
