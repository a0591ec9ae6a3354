"""PDF reader: AcroForm widgets, flat printed constructs, sections, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from formaudit.errors import FormError
from formaudit.readers import read_form
from formaudit.readers.pdf import read_pdf
from tests.pdfbuild import H, Page, raw_pdf_with_signature, use_dejavu, use_dejavu_bold


def by_label(form):
    return {f.label: f for f in form.fields}


# ------------------------------------------------------------------------------------- AcroForm
def test_acro_label_left_of_widget_wins_over_tooltip(tmp_path):
    p = tmp_path / "left.pdf"
    pg = Page(p)
    pg.text(50, 100, "Child's full name")
    pg.textfield("f1", 250, 98, tooltip="internal tip")
    pg.text(50, 130, "Date of birth")
    pg.textfield("f2", 250, 128, w=100)
    pg.save()
    form = read_pdf(p)
    fields = by_label(form)
    assert list(fields) == ["Child's full name", "Date of birth"]
    assert fields["Child's full name"].kind == "text"
    assert fields["Date of birth"].kind == "date"
    assert fields["Date of birth"].location == "page 1"


def test_acro_label_above_widget(tmp_path):
    p = tmp_path / "above.pdf"
    pg = Page(p)
    pg.text(50, 100, "Name of school attended")
    pg.textfield("school", 50, 114, w=300)
    pg.save()
    (f,) = read_pdf(p).fields
    assert f.label == "Name of school attended"
    assert f.kind == "text"


def test_acro_multiline_is_long_text_with_capacity(tmp_path):
    p = tmp_path / "multi.pdf"
    pg = Page(p)
    pg.text(50, 100, "Reason for referral")
    pg.textfield("reason", 50, 114, w=450, h=140, fieldFlags="multiline")
    pg.save()
    (f,) = read_pdf(p).fields
    assert f.label == "Reason for referral"
    assert f.kind == "long_text"
    assert f.capacity == {"lines": 10, "words": 100}


def test_acro_checkbox_alone_and_grouped(tmp_path):
    p = tmp_path / "check.pdf"
    pg = Page(p)
    pg.checkbox("agree", 50, 100)
    pg.text(66, 100, "I agree to share this referral")
    pg.text(50, 140, "Services involved:")
    for i, name in enumerate(["Health", "Education", "Police"]):
        pg.checkbox(f"svc{i}", 200 + i * 100, 140)
        pg.text(216 + i * 100, 140, name)
    pg.save()
    fields = by_label(read_pdf(p))
    assert fields["I agree to share this referral"].kind == "checkbox"
    svc = fields["Services involved"]
    assert svc.kind == "multi_choice"
    assert svc.options == ["Health", "Education", "Police"]
    assert len(fields) == 2


def test_acro_radio_group_is_yes_no(tmp_path):
    p = tmp_path / "radio.pdf"
    pg = Page(p)
    pg.text(50, 100, "Is the child safe tonight?")
    pg.radio("safe", "Yes", 250, 100)
    pg.text(264, 100, "Yes")
    pg.radio("safe", "No", 300, 100)
    pg.text(314, 100, "No")
    pg.save()
    (f,) = read_pdf(p).fields
    assert f.label == "Is the child safe tonight?"
    assert f.kind == "yes_no"
    assert f.options == ["Yes", "No"]


def test_acro_radio_options_from_state_names_without_visible_text(tmp_path):
    p = tmp_path / "radio2.pdf"
    pg = Page(p)
    pg.text(50, 100, "Placement")
    pg.radio("pl", "Foster_care", 250, 100)
    pg.radio("pl", "Residential", 300, 100)
    pg.save()
    (f,) = read_pdf(p).fields
    assert f.kind == "choice"
    assert f.options == ["Foster care", "Residential"]


def test_acro_combo_box_is_choice_with_options(tmp_path):
    p = tmp_path / "combo.pdf"
    pg = Page(p)
    pg.text(50, 100, "Legal status")
    pg.choice("legal", ["Section 20", "Care order", "None"], 250, 98, fieldFlags="combo")
    pg.save()
    (f,) = read_pdf(p).fields
    assert f.label == "Legal status"
    assert f.kind == "choice"
    assert f.options == ["Section 20", "Care order", "None"]


def test_acro_signature_field(tmp_path):
    p = tmp_path / "sig.pdf"
    raw_pdf_with_signature(p, "Signature of worker")
    (f,) = read_pdf(p).fields
    assert f.label == "Signature of worker"
    assert f.kind == "signature"


def test_acro_tooltip_fallback_then_name(tmp_path):
    p = tmp_path / "tip.pdf"
    pg = Page(p)
    pg.text(50, 60, "Worker section")
    pg.textfield("w1", 300, 300, tooltip="Worker email address")
    pg.textfield("social_worker_name", 300, 400)
    pg.save()
    labels = [(f.label, f.kind) for f in read_pdf(p).fields]
    assert ("Worker email address", "email") in labels
    assert ("social worker name", "text") in labels


def test_acro_field_values_are_never_output(tmp_path):
    p = tmp_path / "value.pdf"
    pg = Page(p)
    pg.text(50, 100, "Mother's name")
    pg.textfield("m", 250, 98, value="Jane Secret-Person")
    pg.save()
    form = read_pdf(p)
    assert form.fields[0].label == "Mother's name"
    assert "Secret" not in json.dumps(form.to_dict())


def test_acro_grid_under_heading_is_repeating_record(tmp_path):
    p = tmp_path / "grid.pdf"
    pg = Page(p)
    pg.text(50, 60, "Household members", size=14, font="Helvetica-Bold")
    pg.text(50, 90, "Name", size=9, font="Helvetica-Bold")
    pg.text(200, 90, "Date of birth", size=9, font="Helvetica-Bold")
    for r in range(3):
        pg.textfield(f"n{r}", 50, 104 + r * 18, w=140, h=14)
        pg.textfield(f"d{r}", 200, 104 + r * 18, w=100, h=14)
    pg.text(50, 200, "Body text so that body size is known and this reads as a sentence.")
    pg.save()
    form = read_pdf(p)
    sec = next(s for s in form.sections if s.title == "Household members")
    assert [(f.label, f.kind) for f in sec.fields] == [("Name", "text"), ("Date of birth", "date")]
    assert sec.fields[0].repeat["rows"] == 3
    assert sec.fields[0].repeat["group"] == sec.fields[1].repeat["group"]


def test_acro_captioned_grid_is_one_table_field(tmp_path):
    p = tmp_path / "capgrid.pdf"
    pg = Page(p)
    pg.text(50, 60, "6. What needs to happen?", size=14, font="Helvetica-Bold")
    pg.text(50, 82, "Each action must say who will do it and by when.", size=8)
    pg.text(50, 98, "Date of plan")
    pg.textfield("date", 200, 96, w=100, h=14)
    pg.text(50, 124, "Actions")
    pg.text(53, 142, "What needs to happen", size=9, font="Helvetica-Bold")
    pg.text(203, 142, "Who will do it", size=9, font="Helvetica-Bold")
    pg.text(353, 142, "How will we know it has", size=9, font="Helvetica-Bold")
    pg.text(353, 152, "made a difference?", size=9, font="Helvetica-Bold")
    for r in range(4):
        for c, x in enumerate((50, 200, 350)):
            pg.textfield(f"a{r}c{c}", x, 166 + r * 18, w=150, h=18)
    # a grid straight under a heading (a hint between) stays a repeating record
    pg.text(50, 260, "7. Household members", size=14, font="Helvetica-Bold")
    pg.text(50, 282, "List everyone who lives in the home.", size=8)
    pg.text(53, 298, "Name", size=9, font="Helvetica-Bold")
    pg.text(203, 298, "Relationship", size=9, font="Helvetica-Bold")
    for r in range(2):
        pg.textfield(f"n{r}", 50, 312 + r * 18, w=150, h=18)
        pg.textfield(f"rel{r}", 200, 312 + r * 18, w=150, h=18)
    pg.text(50, 400, "Body text so that body size is known and this reads as a sentence.")
    pg.text(50, 416, "More body text at the same size, so the column headers are not taken as body text.")
    pg.save()
    form = read_pdf(p)
    plan = next(s for s in form.sections if s.title == "6. What needs to happen?")
    assert [(f.label, f.kind) for f in plan.fields] == [("Date of plan", "date"), ("Actions", "table")]
    table = plan.fields[1]
    assert table.columns == [
        "What needs to happen",
        "Who will do it",
        "How will we know it has made a difference?",
    ]
    assert table.capacity == {"rows": 4}
    assert table.repeat is None
    home = next(s for s in form.sections if s.title == "7. Household members")
    assert [(f.label, f.kind) for f in home.fields] == [("Name", "text"), ("Relationship", "text")]
    assert all(f.repeat["rows"] == 2 for f in home.fields)
    assert home.fields[0].repeat["group"] == home.fields[1].repeat["group"]


# ------------------------------------------------------------------------------------- flat
def test_flat_underscore_and_date_blanks(tmp_path):
    p = tmp_path / "flat.pdf"
    pg = Page(p)
    pg.text(50, 100, "Name: ______________________")
    pg.text(50, 125, "Date of assessment: ____/____/________")
    pg.text(50, 150, "Postcode: ________  Telephone: ______________")
    pg.save()
    fields = [(f.label, f.kind) for f in read_pdf(p).fields]
    assert fields == [
        ("Name", "text"),
        ("Date of assessment", "date"),
        ("Postcode", "text"),
        ("Telephone", "phone"),
    ]


def test_flat_box_glyph_choices(tmp_path):
    font = use_dejavu()
    if font is None:
        pytest.skip("DejaVu Sans not installed")
    p = tmp_path / "glyph.pdf"
    pg = Page(p)
    pg.text(50, 100, "Does the child have a disability?  ☐ Yes   ☐ No", font=font)
    pg.text(50, 125, "Ethnicity:", font=font)
    for i, o in enumerate(["White British", "Indian", "Not given"]):
        pg.text(62, 140 + i * 14, f"☐ {o}", font=font)
    pg.text(50, 200, "Name: ________________", font=font)
    pg.save()
    fields = by_label(read_pdf(p))
    dis = fields["Does the child have a disability?"]
    assert (dis.kind, dis.options) == ("yes_no", ["Yes", "No"])
    eth = fields["Ethnicity"]
    assert (eth.kind, eth.options) == ("choice", ["White British", "Indian", "Not given"])
    assert "Name" in fields


def test_flat_drawn_small_squares_are_tick_boxes(tmp_path):
    p = tmp_path / "squares.pdf"
    pg = Page(p)
    pg.text(50, 100, "Has the child got a GP?")
    pg.rect(220, 100, 9, 9)
    pg.text(233, 100, "Yes")
    pg.rect(270, 100, 9, 9)
    pg.text(283, 100, "No")
    pg.save()
    (f,) = read_pdf(p).fields
    assert f.label == "Has the child got a GP?"
    assert (f.kind, f.options) == ("yes_no", ["Yes", "No"])


def test_flat_large_rectangle_is_long_text(tmp_path):
    p = tmp_path / "box.pdf"
    pg = Page(p)
    pg.text(50, 100, "Describe the child's needs", font="Helvetica-Bold")
    pg.rect(50, 115, 480, 140)
    pg.text(50, 300, "Name: ______________________")
    pg.save()
    form = read_pdf(p)
    assert [s.title for s in form.sections if s.title] == []
    f = by_label(form)["Describe the child's needs"]
    assert f.kind == "long_text"
    assert f.capacity["lines"] == 10


def test_flat_headings_make_sections_with_levels_and_guidance(tmp_path):
    p = tmp_path / "head.pdf"
    pg = Page(p)
    pg.text(50, 40, "Child in need plan", size=18, font="Helvetica-Bold")
    pg.text(50, 70, "Please complete every part of this form before the review meeting.")
    pg.text(50, 100, "About the child", size=14, font="Helvetica-Bold")
    pg.text(50, 125, "Name: ______________________")
    pg.text(50, 150, "Health", size=12, font="Helvetica-Bold")
    pg.text(50, 175, "GP name: ______________________")
    pg.text(50, 200, "About the family", size=14, font="Helvetica-Bold")
    pg.text(50, 225, "Address: ______________________")
    pg.save()
    form = read_pdf(p)
    assert form.title == "Child in need plan"
    titled = [(s.title, s.level) for s in form.sections if s.title]
    assert titled == [("About the child", 1), ("Health", 2), ("About the family", 1)]
    secs = {s.title: s for s in form.sections}
    assert [f.label for f in secs["Health"].fields] == ["GP name"]
    assert secs["Health"].parent == secs["About the child"].id
    assert "complete every part" in secs[None].guidance
    assert secs["About the child"].location == "page 1"


def test_flat_heading_that_is_the_question_is_section_and_field(tmp_path):
    p = tmp_path / "hq.pdf"
    pg = Page(p)
    pg.text(50, 60, "Name: ______________________")
    pg.text(50, 100, "Current family situation", size=13, font="Helvetica-Bold")
    pg.text(50, 118, "(who lives with the child)", size=8, font="Helvetica-Oblique")
    pg.rect(50, 132, 480, 100)
    pg.save()
    form = read_pdf(p)
    sec = next(s for s in form.sections if s.title == "Current family situation")
    assert [(f.label, f.kind) for f in sec.fields] == [("Current family situation", "long_text")]


def _grid(pg: Page, top: float, headers: list[str], rows: int = 3) -> None:
    xs = [50, 200, 350, 500]
    tops = [top + i * 20 for i in range(rows + 2)]
    pg.grid(xs, tops)
    for x, h in zip(xs, headers, strict=False):
        pg.text(x + 3, top + 5, h, size=9)


def test_flat_grid_under_heading_is_repeating_record(tmp_path):
    p = tmp_path / "rep.pdf"
    pg = Page(p)
    pg.text(50, 60, "Name: ______________________")
    pg.text(50, 100, "Household members", size=14, font="Helvetica-Bold")
    _grid(pg, 125, ["Name", "Relationship", "Date of birth"])
    pg.save()
    form = read_pdf(p)
    sec = next(s for s in form.sections if s.title == "Household members")
    assert [(f.label, f.kind) for f in sec.fields] == [
        ("Name", "text"),
        ("Relationship", "text"),
        ("Date of birth", "date"),
    ]
    groups = {f.repeat["group"] for f in sec.fields}
    assert len(groups) == 1 and all(f.repeat["rows"] == 3 for f in sec.fields)


def test_flat_captioned_grid_is_one_table_field(tmp_path):
    p = tmp_path / "cap.pdf"
    pg = Page(p)
    pg.text(50, 60, "Plan", size=14, font="Helvetica-Bold")
    pg.text(50, 90, "Name: ______________________")
    pg.text(50, 110, "Actions agreed")
    _grid(pg, 125, ["Action", "Who", "By when"])
    pg.save()
    form = read_pdf(p)
    sec = next(s for s in form.sections if s.title == "Plan")
    tables = [f for f in sec.fields if f.kind == "table"]
    assert len(tables) == 1
    assert tables[0].label == "Actions agreed"
    assert tables[0].columns == ["Action", "Who", "By when"]
    assert tables[0].capacity == {"rows": 3}
    assert [f.label for f in sec.fields] == ["Name", "Actions agreed"]


def test_flat_two_column_table_with_wrapped_label(tmp_path):
    p = tmp_path / "two.pdf"
    pg = Page(p)
    pg.text(50, 60, "Referrer", size=14, font="Helvetica-Bold")
    pg.grid([50, 200, 500], [90, 110, 140, 160])
    pg.text(53, 95, "Your name", size=9)
    pg.text(53, 114, "Relationship to the", size=9)
    pg.text(53, 125, "child or family", size=9)
    pg.text(210, 118, "", size=9)
    pg.text(53, 145, "Telephone", size=9)
    pg.save()
    fields = [(f.label, f.kind) for f in read_pdf(p).fields]
    assert fields == [
        ("Your name", "text"),
        ("Relationship to the child or family", "text"),
        ("Telephone", "phone"),
    ]


# ------------------------------------------------------------------- Word forms printed to PDF
def test_word_placeholders_in_answer_cells_set_the_kind(tmp_path):
    p = tmp_path / "cc.pdf"
    pg = Page(p)
    pg.text(50, 60, "Child's details", size=14, font="Helvetica-Bold")
    pg.grid([50, 200, 500], [90, 110, 130, 150])
    for i, (lab, prompt) in enumerate(
        [
            ("Child's name", "Click or tap here to enter text."),
            ("Date of this plan", "Click or tap to enter a date."),
            ("Legal status", "Choose an item."),
        ]
    ):
        pg.text(53, 94 + 20 * i, lab)
        pg.text(203, 94 + 20 * i, prompt)
    pg.save()
    fields = [(f.label, f.kind) for f in read_pdf(p).fields]
    assert fields == [("Child's name", "text"), ("Date of this plan", "date"), ("Legal status", "choice")]


def test_word_free_placeholders_beside_and_below_labels(tmp_path):
    p = tmp_path / "free.pdf"
    pg = Page(p)
    pg.text(50, 60, "1. Details", size=14, font="Helvetica-Bold")
    pg.text(50, 90, "Address")
    pg.text(200, 90, "Click or tap here to enter text.")
    pg.text(50, 110, "Date of birth")
    pg.text(200, 110, "Click or tap to enter a date.")
    pg.text(50, 150, "2. Why is this child in need?", size=14, font="Helvetica-Bold")
    pg.text(50, 172, "Click or tap here to enter text.")
    pg.save()
    form = read_pdf(p)
    assert [s.title for s in form.sections] == ["1. Details", "2. Why is this child in need?"]
    assert [(f.label, f.kind) for f in form.sections[0].fields] == [
        ("Address", "text"),
        ("Date of birth", "date"),
    ]
    assert [(f.label, f.kind) for f in form.sections[1].fields] == [
        ("2. Why is this child in need?", "long_text")
    ]
    assert not any("Click" in (s.guidance or "") for s in form.sections)


def test_word_wrapped_placeholders_in_grid_rows_are_empty_cells(tmp_path):
    p = tmp_path / "grid.pdf"
    pg = Page(p)
    pg.text(50, 60, "Plan", size=14, font="Helvetica-Bold")
    pg.text(50, 90, "Actions")
    xs = [50, 150, 250, 350]
    pg.grid(xs, [110, 130, 160, 190])
    for x, col in zip(xs, ["Action", "Who", "By when"], strict=False):
        pg.text(x + 3, 114, col)
    for top in (134, 164):
        for x in xs[:3]:
            pg.text(x + 3, top, "Click or tap here to")
            pg.text(x + 3, top + 12, "enter text.")
    pg.save()
    (f,) = read_pdf(p).fields
    assert (f.label, f.kind, f.columns) == ("Actions", "table", ["Action", "Who", "By when"])


def test_word_box_drawn_as_four_lines_is_long_answer(tmp_path):
    p = tmp_path / "lines.pdf"
    pg = Page(p)
    pg.text(50, 100, "Health needs and development", font="Helvetica-Bold")
    pg.line_box(50, 116, 450, 90)
    pg.save()
    (f,) = read_pdf(p).fields
    assert (f.label, f.kind) == ("Health needs and development", "long_text")


def test_word_bold_question_with_plain_options_and_option_lines(tmp_path):
    font = use_dejavu()
    if font is None:
        pytest.skip("DejaVu Sans not installed")
    p = tmp_path / "bold.pdf"
    pg = Page(p)
    pg.text(50, 50, "Assessment", size=14, font="Helvetica-Bold")
    for i, lab in enumerate(["Name:", "Team:", "Address:"]):
        pg.text(50, 80 + 20 * i, f"{lab} ______________________", font="Helvetica-Bold")
    pg.text(50, 150, "Gender", font="Helvetica-Bold")
    pg.text(100, 150, "Male ☐   Female ☐   Other ☐", font=font)
    pg.text(50, 180, "Legal status", font="Helvetica-Bold")
    for i, o in enumerate(["No order", "Care order", "Placement order"]):
        pg.text(50, 200 + 14 * i, f"{o} ☐", font=font)
    pg.save()
    form = read_pdf(p)
    assert "Legal status" not in [s.title for s in form.sections]
    fields = by_label(form)
    assert fields["Gender"].options == ["Male", "Female", "Other"]
    assert fields["Legal status"].options == ["No order", "Care order", "Placement order"]
    assert fields["Legal status"].kind == "choice"


def test_hint_line_in_label_cell_is_not_part_of_the_label(tmp_path):
    p = tmp_path / "hint.pdf"
    pg = Page(p)
    pg.text(50, 60, "Contact", size=14, font="Helvetica-Bold")
    pg.grid([50, 200, 500], [90, 120, 140])
    pg.text(53, 94, "Email address", size=10)
    pg.text(53, 107, "Valid email address", size=8, font="Helvetica-Oblique")
    pg.text(53, 124, "Telephone", size=10)
    pg.save()
    assert [f.label for f in read_pdf(p).fields] == ["Email address", "Telephone"]


def test_title_above_table_with_heading_rows(tmp_path):
    p = tmp_path / "title.pdf"
    pg = Page(p)
    pg.text(150, 40, "Common Assessment Framework for", size=18, font="Helvetica-Bold")
    pg.text(275, 62, "children", size=18, font="Helvetica-Bold")
    labels = ["Child's name", "Home address", "School or nursery", "Name of GP practice", "First language"]
    tops = [100 + 20 * i for i in range(len(labels) + 2)]
    pg.grid([50, 500], tops)
    pg.c.line(200, H - 120, 200, H - tops[-1])
    pg.text(53, 104, "Child's details", size=12, font="Helvetica-Bold")
    for i, lab in enumerate(labels):
        pg.text(53, 124 + 20 * i, lab)
    pg.save()
    form = read_pdf(p)
    assert form.title == "Common Assessment Framework for children"
    assert [s.title for s in form.sections if s.title] == ["Child's details"]


# ------------------------------------------------------------------------------------- size
def test_fifty_page_pdf_reads(tmp_path):
    p = tmp_path / "big.pdf"
    pg = Page(p)
    for i in range(50):
        pg.text(50, 60, f"Part {i + 1}", size=14, font="Helvetica-Bold")
        for j in range(10):
            pg.text(50, 100 + j * 25, f"Question {i + 1}.{j + 1}: ______________________")
        pg.new_page()
    pg.save()
    form = read_pdf(p)
    assert len([s for s in form.sections if s.title]) == 50
    assert len(form.fields) == 500
    assert form.sections[-1].location == "page 50"


# ------------------------------------------------------------------------------------- bad input
def test_password_protected_pdf(tmp_path):
    p = tmp_path / "locked.pdf"
    pg = Page(p, encrypt="secret")
    pg.text(50, 100, "Name: ________")
    pg.save()
    with pytest.raises(FormError) as e:
        read_form(p)
    assert e.value.reason == "password-protected PDF — remove the password and save again"


def test_truncated_pdf(tmp_path):
    good = tmp_path / "good.pdf"
    pg = Page(good)
    pg.text(50, 100, "Name: ________")
    pg.textfield("n", 250, 98)
    pg.save()
    p = tmp_path / "cut.pdf"
    data = good.read_bytes()
    p.write_bytes(data[: len(data) // 3])
    with pytest.raises(FormError) as e:
        read_form(p)
    assert e.value.reason.startswith("corrupt or truncated PDF (")


def test_garbage_after_header_is_corrupt(tmp_path):
    p = tmp_path / "junk.pdf"
    p.write_bytes(b"%PDF-1.7\n" + b"\x00\xff" * 500)
    with pytest.raises(FormError) as e:
        read_form(p)
    assert "corrupt or truncated PDF" in e.value.reason or "no text layer" in e.value.reason


def test_pdf_without_text_layer(tmp_path):
    p = tmp_path / "scan.pdf"
    pg = Page(p)
    pg.rect(50, 50, 400, 600)
    pg.save()
    with pytest.raises(FormError) as e:
        read_form(p)
    assert e.value.reason == "no text layer — scanned? formaudit needs a PDF with text or form fields"


def test_cli_bad_pdf_exits_2_with_one_line(tmp_path):
    p = tmp_path / "bad.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    r = subprocess.run([sys.executable, "-m", "formaudit", "extract", str(p)], capture_output=True, text=True)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "bad.pdf" in lines[0]
    assert "Traceback" not in r.stderr


def test_acro_check_box_list_under_question_is_one_field(tmp_path):
    p = tmp_path / "list.pdf"
    pg = Page(p)
    pg.text(50, 100, "Who was consulted before the review?")
    for i, name in enumerate(["Child", "Parents", "Carer"]):
        pg.checkbox(f"who{i}", 60, 116 + i * 15)
        pg.text(76, 116 + i * 15, name)
    pg.save()
    (f,) = read_pdf(p).fields
    assert f.label == "Who was consulted before the review?"
    assert (f.kind, f.options) == ("multi_choice", ["Child", "Parents", "Carer"])


# ---- Word tables exported to flat PDF: shading tells headings from labels
HEAD, SUB, LABEL = 0.75, 0.9, 0.95  # heading, sub-heading and label-cell shading (grey levels)


def _label_rows(*labels: str) -> list:
    return [(20, [(lab, LABEL, False), ("", None, False)]) for lab in labels]


def _sections(form):
    return [(s.title, s.level, [(f.label, f.kind) for f in s.fields]) for s in form.sections if s.title]


def test_word_shaded_rows_are_headings_with_levels_and_label_rows_are_fields(tmp_path):
    p = tmp_path / "shaded.pdf"
    pg = Page(p)
    pg.text(50, 40, "Conference report", size=16, font="Helvetica-Bold")
    y = pg.word_table(80, [(16, [("Front sheet", HEAD, True)]), *_label_rows("Child's name", "Team")])
    y = pg.word_table(
        y + 20,
        [
            (16, [("Needs", HEAD, True)]),
            (15, [("Health", SUB, True)]),  # a lighter shaded row: sub-heading
            *_label_rows("GP name"),
            (15, [("Health needs", LABEL, True)]),  # label shading over an empty row: a field only
            (60, [("", None, False)]),
            (15, [("Emotional development", SUB, True)]),  # heading over an empty row: both
            (60, [("", None, False)]),
            (15, [("Write in plain English.", None, False)]),  # plain text row: guidance
        ],
    )
    pg.save()
    form = read_pdf(p)
    assert _sections(form) == [
        ("Front sheet", 1, [("Child's name", "text"), ("Team", "text")]),
        ("Needs", 1, []),
        ("Health", 2, [("GP name", "text"), ("Health needs", "long_text")]),
        ("Emotional development", 2, [("Emotional development", "long_text")]),
    ]
    assert "Write in plain English." in form.sections[-1].guidance


def test_word_grid_under_heading_row_is_record_and_under_text_row_is_table(tmp_path):
    p = tmp_path / "grids.pdf"
    pg = Page(p)
    hdr = [("Name", SUB, True), ("Relationship", SUB, True), ("Date of birth", SUB, True)]
    empty = [("", None, False)] * 3
    y = pg.word_table(60, [(16, [("Household", HEAD, True)]), *_label_rows("Address")])
    y = pg.word_table(y + 20, [(16, [("Members", HEAD, True)]), (15, hdr), (20, empty), (20, empty)])
    y = pg.word_table(
        y + 20,
        [(16, [("Plan", HEAD, True)]), (15, [("Actions agreed", None, False)]), (15, hdr), (20, empty)],
    )
    pg.save()
    secs = {s.title: s for s in read_pdf(p).sections}
    members = secs["Members"].fields
    assert [f.label for f in members] == ["Name", "Relationship", "Date of birth"]
    assert len({f.repeat["group"] for f in members}) == 1 and members[0].repeat["rows"] == 2
    plan = secs["Plan"].fields
    assert [(f.label, f.kind, f.columns) for f in plan] == [
        ("Actions agreed", "table", ["Name", "Relationship", "Date of birth"])
    ]


def test_word_label_row_at_page_foot_answers_box_on_next_page(tmp_path):
    p = tmp_path / "split.pdf"
    pg = Page(p)
    pg.text(50, 20, "Form CN1 - case note (version 2)", size=8)  # running header
    pg.text(50, 40, "Case note", size=16, font="Helvetica-Bold")
    pg.word_table(700, [(16, [("Record", HEAD, True)]), (15, [("What happened?", LABEL, False)])])
    pg.new_page()
    pg.text(50, 20, "Form CN1 - case note (version 2)", size=8)
    pg.word_table(50, [(80, [("", None, False)]), *_label_rows("Seen by")])
    pg.text(50, 760, "Outcome", size=12, font="Helvetica-Bold")  # heading at the foot
    pg.new_page()
    pg.line_box(50, 60, 480, 80)
    pg.save()
    form = read_pdf(p)
    secs = {t: fields for t, _lvl, fields in _sections(form)}
    assert secs["Record"] == [("What happened?", "long_text"), ("Seen by", "text")]
    assert secs["Outcome"] == [("Outcome", "long_text")]
    assert not any("Form CN1" in f.label for f in form.fields)


def test_word_grid_header_repeated_on_next_page_is_one_grid(tmp_path):
    p = tmp_path / "repeat.pdf"
    pg = Page(p)
    hdr = [("Name", SUB, True), ("Role", SUB, True), ("Email", SUB, True)]
    empty = [("", None, False)] * 3
    pg.text(50, 700, "Core group", size=14, font="Helvetica-Bold")
    pg.word_table(725, [(15, hdr), (20, empty), (20, empty), (20, empty)])
    pg.new_page()
    pg.word_table(50, [(15, hdr), (20, empty)])
    pg.text(50, 120, "Plan", size=14, font="Helvetica-Bold")
    pg.save()
    sec = next(s for s in read_pdf(p).sections if s.title == "Core group")
    assert [f.label for f in sec.fields] == ["Name", "Role", "Email"]
    assert sec.fields[0].repeat["rows"] == 4


def test_word_answer_cell_details(tmp_path):
    """A tall answer cell beside a signature label stays a signature; a shown value beside a
    shaded label cell (a drop-down's item printed in a blank form) is still an answer: a choice."""
    p = tmp_path / "cells.pdf"
    pg = Page(p)
    pg.word_table(
        60,
        [
            (16, [("Sign-off", HEAD, True)]),
            *_label_rows("Name"),
            (36, [("Social worker's signature", LABEL, False), ("", None, False)]),
            (20, [("Gender", LABEL, False), ("Male", None, False)]),
        ],
    )
    pg.save()
    assert [(f.label, f.kind) for f in read_pdf(p).fields] == [
        ("Name", "text"),
        ("Social worker's signature", "signature"),
        ("Gender", "choice"),
    ]


def test_word_text_box_frame_drawn_as_path_is_answer_box(tmp_path):
    p = tmp_path / "frame.pdf"
    pg = Page(p)
    pg.text(50, 60, "My views", size=14, font="Helvetica-Bold")
    pg.frame(50, 90, 480, 100)
    pg.text(56, 94, "What is going well for me?", font="Helvetica-Bold")
    pg.save()
    assert [(f.label, f.kind) for f in read_pdf(p).fields] == [("What is going well for me?", "long_text")]


# ------------------------------------------- Word forms exported to PDF, then made fillable
def test_acrobat_text_widgets_in_answer_cells_are_the_printed_questions(tmp_path):
    """Widgets placed over a Word table's empty answer cells: one field per question, labelled by
    the printed label cell, sections from the printed heading rows (widget names are ignored)."""
    p = tmp_path / "cells_aw.pdf"
    pg = Page(p)
    bottom = pg.word_table(
        60,
        [
            (16, [("Referral details", HEAD, True)]),
            *_label_rows("Child's name", "Date of birth"),
            (60, [("Reason for referral", LABEL, False), ("", None, False)]),
        ],
    )
    assert bottom == 176
    pg.textfield("Text1", 221.5, 77.5, w=307, h=17)
    pg.textfield("Text2", 221.5, 97.5, w=307, h=17)
    pg.textfield("Text3", 221.5, 117.5, w=307, h=57, fieldFlags="multiline")
    pg.save()
    form = read_pdf(p)
    assert [s.title for s in form.sections if s.fields] == ["Referral details"]
    assert [(f.label, f.kind) for f in form.fields] == [
        ("Child's name", "text"),
        ("Date of birth", "date"),
        ("Reason for referral", "long_text"),
    ]


def test_acrobat_text_widgets_over_underscore_blanks(tmp_path):
    p = tmp_path / "blanks_aw.pdf"
    pg = Page(p)
    pg.text(50, 100, "Name: ______________________")
    pg.textfield("Text1", 82, 96, w=120, h=14, borderWidth=0)
    pg.text(50, 125, "Date of assessment: ____/____/________")
    pg.textfield("Text2", 150, 120, w=90, h=14, borderWidth=0)
    pg.save()
    assert [(f.label, f.kind) for f in read_pdf(p).fields] == [
        ("Name", "text"),
        ("Date of assessment", "date"),
    ]


def test_acrobat_check_boxes_on_box_glyphs_are_the_printed_options(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = use_dejavu()
    if font is None:
        pytest.skip("DejaVu Sans not installed")
    p = tmp_path / "glyph_aw.pdf"
    pg = Page(p)
    line = "Does the child have a disability?  ☐ Yes   ☐ No"
    pg.text(50, 100, line, font=font)
    n = 0
    for i, ch in enumerate(line):
        if ch == "☐":
            n += 1
            pg.checkbox(f"Check Box{n}", 50 + stringWidth(line[:i], font, 10), 100, size=9)
    pg.text(50, 125, "Ethnicity:", font=font)
    for i, o in enumerate(["White British", "Indian", "Not given"]):
        pg.text(62, 140 + i * 14, f"☐ {o}", font=font)
        pg.checkbox(f"Check Box{3 + i}", 62, 140 + i * 14, size=9)
    pg.save()
    fields = [(f.label, f.kind, f.options) for f in read_pdf(p).fields]
    assert fields == [
        ("Does the child have a disability?", "yes_no", ["Yes", "No"]),
        ("Ethnicity", "choice", ["White British", "Indian", "Not given"]),
    ]


def test_acrobat_widgets_refine_the_kind_of_the_printed_answer(tmp_path):
    """Where the widget says more than the printed empty cell: a drop-down is a choice with its
    items, a multi-line box a long answer, a check box a checkbox."""
    p = tmp_path / "kinds_aw.pdf"
    pg = Page(p)
    pg.word_table(60, _label_rows("Placement type", "Current concerns", "Consent given"))
    pg.choice("Dropdown1", ["Foster care", "Residential", "Kinship"], 221.5, 61.5, w=307, h=17)
    pg.textfield("Text1", 221.5, 81.5, w=307, h=17, fieldFlags="multiline")
    pg.checkbox("Check Box1", 224, 104, size=10)
    pg.save()
    fields = [(f.label, f.kind, f.options) for f in read_pdf(p).fields]
    assert fields == [
        ("Placement type", "choice", ["Foster care", "Residential", "Kinship"]),
        ("Current concerns", "long_text", []),
        ("Consent given", "checkbox", []),
    ]


def test_widget_with_its_own_printed_frame_is_read_from_the_widget(tmp_path):
    """A generated fillable form draws each single-line widget's frame on the page: that frame is
    not a printed answer area, so the widget is still read as the field."""
    p = tmp_path / "frames.pdf"
    pg = Page(p)
    pg.text(50, 100, "Child's full name")
    pg.rect(250, 98, 200, 16)
    pg.textfield("f1", 250, 98)
    pg.save()
    assert [(f.label, f.kind) for f in read_pdf(p).fields] == [("Child's full name", "text")]


def test_widgets_on_answer_areas_without_a_printed_field_are_read_from_the_widgets(tmp_path):
    """An overlay is only set aside when the printed layout made a field of the area under it: a
    widget on an empty cell with no label cell, or on a drawn box with nothing printed near it, is
    read from the widget (tooltip, else the cleaned field name)."""
    p = tmp_path / "loose_aw.pdf"
    pg = Page(p)
    pg.word_table(
        60,
        [
            *_label_rows("Child's name"),
            (20, [("", None, False), ("", None, False)]),
            (20, [("", None, False), ("", None, False)]),
        ],
    )
    pg.textfield("Text1", 221.5, 61.5, w=307, h=17)
    pg.textfield("Text2", 221.5, 81.5, w=307, h=17, tooltip="Allocated social worker")
    pg.choice("Dropdown1", ["Low", "Medium", "High"], 221.5, 101.5, w=307, h=17, tooltip="Risk level")
    pg.rect(50, 400, 480, 80)
    pg.textfield("Other_Information", 51, 401, w=478, h=78, fieldFlags="multiline", borderWidth=0)
    pg.save()
    fields = [(f.label, f.kind, f.options) for f in read_pdf(p).fields]
    assert fields == [
        ("Child's name", "text", []),
        ("Allocated social worker", "text", []),
        ("Risk level", "choice", ["Low", "Medium", "High"]),
        ("Other Information", "long_text", []),
    ]


def test_acrobat_radio_group_on_box_glyphs_is_one_question(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = use_dejavu()
    if font is None:
        pytest.skip("DejaVu Sans not installed")
    p = tmp_path / "radio_glyph_aw.pdf"
    pg = Page(p)
    line = "Is the child known to services?  ☐ Yes   ☐ No   ☐ Not known"
    pg.text(50, 100, line, font=font)
    values = iter(["Choice1", "Choice2", "Choice3"])
    for i, ch in enumerate(line):
        if ch == "☐":
            pg.radio("Group1", next(values), 50 + stringWidth(line[:i], font, 10), 100, size=9)
    pg.text(50, 125, "Placement:", font=font)
    for i, o in enumerate(["Foster care", "Residential", "Kinship"]):
        pg.text(62, 140 + i * 14, f"☐ {o}", font=font)
        pg.radio("Group2", f"Choice{i + 1}", 62, 140 + i * 14, size=9)
    pg.save()
    fields = [(f.label, f.kind, f.options) for f in read_pdf(p).fields]
    assert fields == [
        ("Is the child known to services?", "yes_no", ["Yes", "No", "Not known"]),
        ("Placement", "choice", ["Foster care", "Residential", "Kinship"]),
    ]


def test_acrobat_combo_box_over_empty_answer_cell_is_a_choice_with_its_items(tmp_path):
    p = tmp_path / "combo_aw.pdf"
    pg = Page(p)
    pg.word_table(60, _label_rows("Legal status", "Outcome"))
    pg.choice("Dropdown1", ["CIN", "CP", "CLA"], 221.5, 61.5, w=307, h=17)
    pg.choice("Dropdown2", ["Yes", "No"], 221.5, 81.5, w=307, h=17)
    pg.save()
    fields = [(f.label, f.kind, f.options) for f in read_pdf(p).fields]
    assert fields == [("Legal status", "choice", ["CIN", "CP", "CLA"]), ("Outcome", "yes_no", ["Yes", "No"])]


def test_acrobat_multiline_widget_on_a_one_line_underline(tmp_path):
    """A multi-line text box over a printed one-line blank or rule keeps the printed label; it makes
    the answer long only where the printed field is plain text (a date stays a date)."""
    p = tmp_path / "underline_aw.pdf"
    pg = Page(p)
    pg.text(50, 100, "Name: ______________________")
    pg.textfield("Text1", 82, 96, w=120, h=28, fieldFlags="multiline", borderWidth=0)
    pg.text(50, 140, "Date of birth: ____/____/________")
    pg.textfield("Text2", 118, 136, w=110, h=28, fieldFlags="multiline", borderWidth=0)
    pg.text(50, 180, "Address")
    pg.hline(100, 400, 190)
    pg.textfield("Text3", 100, 162, w=300, h=28, fieldFlags="multiline", borderWidth=0)
    pg.save()
    fields = [(f.label, f.kind) for f in read_pdf(p).fields]
    assert fields == [("Name", "long_text"), ("Date of birth", "date"), ("Address", "long_text")]


# ------------------------------------------------------------------ wrapped options, row heights
def test_tick_box_options_wrapping_onto_the_next_line_are_one_question(tmp_path):
    """Options that run past the line end continue on the next line (a lone "☐", the rest of an
    option, or more options); two questions on consecutive lines stay two questions."""
    font, bold = use_dejavu(), use_dejavu_bold()
    if not font or not bold:
        pytest.skip("DejaVu Sans not installed")
    p = tmp_path / "wrapped.pdf"
    pg = Page(p)
    pg.text(
        50, 60, "Are the concerns substantiated?  Substantiated ☐  Not substantiated ☐  Unclear", font=font
    )
    pg.text(50, 72, "☐", font=font)
    pg.runs(50, 100, [("Outcome of enquiry", bold), ("  Initial conference ☐  Child in need plan ☐", font)])
    pg.text(50, 112, "Early help ☐  No further action ☐", font=font)
    pg.runs(
        50, 140, [("Recommendation:", bold), ("  Child Protection Plan ☐  Child in Need Plan ☐  No", font)]
    )
    pg.text(50, 152, "Further Action ☐", font=font)
    pg.text(50, 180, "Does the child smoke?  Yes ☐  No ☐", font=font)
    pg.text(50, 192, "Does the child drink?  Yes ☐  No ☐", font=font)
    pg.save()
    fields = [(f.label, f.kind, f.options) for f in read_pdf(p).fields]
    assert fields == [
        ("Are the concerns substantiated?", "choice", ["Substantiated", "Not substantiated", "Unclear"]),
        (
            "Outcome of enquiry",
            "choice",
            ["Initial conference", "Child in need plan", "Early help", "No further action"],
        ),
        ("Recommendation", "choice", ["Child Protection Plan", "Child in Need Plan", "No Further Action"]),
        ("Does the child smoke?", "yes_no", ["Yes", "No"]),
        ("Does the child drink?", "yes_no", ["Yes", "No"]),
    ]


def test_option_list_continuing_on_the_next_page_is_one_question(tmp_path):
    """A "☐ option" list broken by a page break: the options opening the next page, with nothing
    above them, belong to the question that ended the page before."""
    font = use_dejavu()
    if not font:
        pytest.skip("DejaVu Sans not installed")
    p = tmp_path / "listbreak.pdf"
    pg = Page(p)
    pg.text(50, 700, "What kind of note is this?", font=font)
    for i, o in enumerate(["Case audit", "MARAC"]):
        pg.text(62, 716 + i * 14, f"☐ {o}", font=font)
    pg.new_page()
    for i, o in enumerate(["Record of meeting", "Out of hours"]):
        pg.text(62, 50 + i * 14, f"☐ {o}", font=font)
    pg.text(50, 110, "Title: ____________________", font=font)
    pg.save()
    fields = [(f.label, f.kind, f.options) for f in read_pdf(p).fields]
    assert fields == [
        (
            "What kind of note is this?",
            "choice",
            ["Case audit", "MARAC", "Record of meeting", "Out of hours"],
        ),
        ("Title", "text", []),
    ]


def test_row_made_tall_by_a_wrapped_label_is_a_one_line_answer(tmp_path):
    """An answer cell is long only when it is taller than its label needs: a row as tall as a
    three-line label (even with a multi-line widget in it) is a short answer; a tall empty cell
    beside a one-line label is a long one."""
    p = tmp_path / "tallrow.pdf"
    pg = Page(p)
    y = pg.word_table(60, _label_rows("Child's name"))
    pg.hline(50, 530, y + 36)
    for x in (50, 220, 530):
        pg.c.line(x, H - y, x, H - y - 36)
    for i, ln in enumerate(
        ["As a member of the support team,", "please provide YOUR full name", "(not the referrer)."]
    ):
        pg.text(54, y + 3 + i * 11, ln)
    pg.textfield("Text1", 221.5, y + 1.5, w=307, h=33, fieldFlags="multiline")
    pg.word_table(y + 36, [(60, [("Reason for referral", LABEL, False), ("", None, False)])])
    pg.save()
    fields = [(f.label, f.kind) for f in read_pdf(p).fields]
    assert fields == [
        ("Child's name", "text"),
        ("As a member of the support team, please provide YOUR full name (not the referrer).", "text"),
        ("Reason for referral", "long_text"),
    ]


# ------------------------------------------------------------------------- single-line input boxes
def test_single_line_boxes_labelled_above_or_left_are_fields(tmp_path):
    """A web form printed to PDF draws each one-line input as an empty box, its label on the line
    above or to its left; the kind comes from the label. Large boxes and tick boxes read as before."""
    p = tmp_path / "webform.pdf"
    pg = Page(p)
    pg.text(50, 50, "Contact children's services", size=18, font="Helvetica-Bold")
    pg.text(50, 90, "About you", size=13, font="Helvetica-Bold")
    top = 120
    for lab in ["Your name", "Your email address", "Telephone number"]:
        pg.text(50, top, lab)
        pg.rect(50, top + 14, 300, 20)
        top += 55
    pg.text(50, top, "About the child", size=13, font="Helvetica-Bold")
    top += 30
    for lab in ["Child's name", "Date of birth"]:
        pg.text(50, top, lab)
        pg.rect(170, top - 5, 200, 18)
        top += 35
    pg.text(50, top, "What are you worried about?")
    pg.rect(50, top + 18, 480, 120)
    top += 160
    pg.text(50, top, "Do the parents know you are contacting us?")
    pg.rect(320, top - 1, 10, 10)
    pg.text(335, top, "Yes")
    pg.rect(370, top - 1, 10, 10)
    pg.text(385, top, "No")
    pg.save()
    form = read_pdf(p)
    assert form.title == "Contact children's services"
    got = [(s.title, [(f.label, f.kind) for f in s.fields]) for s in form.sections if s.title or s.fields]
    assert got == [
        (
            "About you",
            [("Your name", "text"), ("Your email address", "email"), ("Telephone number", "phone")],
        ),
        (
            "About the child",
            [
                ("Child's name", "text"),
                ("Date of birth", "date"),
                ("What are you worried about?", "long_text"),
                ("Do the parents know you are contacting us?", "yes_no"),
            ],
        ),
    ]


def test_two_single_line_boxes_on_one_line(tmp_path):
    """ "First name [   ]  Last name [   ]": each box takes the label just before it on the line;
    two boxes side by side under their own labels take the label above each."""
    p = tmp_path / "names.pdf"
    pg = Page(p)
    pg.text(50, 100, "First name")
    pg.rect(110, 96, 150, 18)
    pg.text(280, 100, "Last name")
    pg.rect(340, 96, 150, 18)
    pg.text(50, 140, "Town")
    pg.rect(50, 154, 200, 20)
    pg.text(280, 140, "Postcode")
    pg.rect(280, 154, 120, 20)
    pg.save()
    assert [(f.label, f.kind) for f in read_pdf(p).fields] == [
        ("First name", "text"),
        ("Last name", "text"),
        ("Town", "text"),
        ("Postcode", "text"),
    ]


def test_bars_borders_grids_and_prompt_boxes_are_not_empty_inputs(tmp_path):
    """Not single-line inputs: a dark heading bar (with or without its text), a page border, the
    cells of a drawn grid touching each other, a box holding a prompt (read as before)."""
    p = tmp_path / "decor.pdf"
    pg = Page(p)
    pg.rect(20, 20, 555, 800)  # page border
    pg.bar(40, 60, 515, 22, 0.2)
    pg.text(45, 66, "Section A", size=12, font="Helvetica-Bold")
    pg.bar(40, 100, 300, 16, 0.3)  # decorative bar, nothing in it
    pg.text(50, 140, "Reference")
    pg.rect(150, 136, 100, 18)
    pg.rect(250, 136, 100, 18)
    pg.rect(350, 136, 100, 18)
    pg.text(50, 180, "Address")
    pg.rect(150, 176, 300, 18)
    pg.text(154, 180, "Click or tap here to enter text.")
    pg.save()
    form = read_pdf(p)
    assert [(f.label, f.kind) for f in form.fields] == [("Address", "text")]


def test_single_line_boxes_inside_a_framing_panel(tmp_path):
    """A frame around a group of labelled input boxes is a panel, not a long answer box; bold
    labels left of the boxes are labels, and a box with nothing close above it has no label."""
    p = tmp_path / "panel.pdf"
    pg = Page(p)
    pg.rect(40, 80, 500, 200)
    pg.text(50, 90, "Name of referrer", font="Helvetica-Bold")
    pg.rect(200, 86, 300, 18)
    pg.text(50, 115, "Organisation", font="Helvetica-Bold")
    pg.rect(200, 111, 300, 18)
    pg.text(50, 300, "Some guidance text well above the next box.")
    pg.rect(50, 340, 300, 18)
    pg.text(50, 400, "Signature")
    pg.rect(50, 414, 250, 24)
    pg.text(320, 400, "Date")
    pg.rect(320, 414, 120, 24)
    pg.save()
    form = read_pdf(p)
    assert [(f.label, f.kind) for f in form.fields] == [
        ("Name of referrer", "text"),
        ("Organisation", "text"),
        ("Signature", "signature"),
        ("Date", "date"),
    ]
