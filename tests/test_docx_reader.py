"""One focused test per Word construction the DOCX reader must understand."""

from __future__ import annotations

import json

import pytest

from formaudit import read_form
from tests.docxbuild import (
    ff_check,
    ff_drop,
    ff_text,
    make_docx,
    p,
    sdt_block,
    sdt_checkbox,
    sdt_date,
    sdt_dropdown,
    sdt_text,
    tbl,
    tc,
    textbox,
    tr,
)

HEAD = "BFBFBF"
SUB = "E7E6E6"
LABEL = "F2F2F2"


def read(tmp_path, *blocks, **kw):
    path = make_docx(tmp_path / "form.docx", *blocks, **kw)
    return read_form(path)


def fields(form):
    return [(s.title, f.label, f.kind) for s, f in form.iter_fields()]


def titles(form):
    return [(s.title, s.level) for s in form.sections if s.title is not None]


def by_label(form, label):
    hits = [f for f in form.fields if f.label == label]
    assert hits, f"no field {label!r} in {[f.label for f in form.fields]}"
    return hits[0]


def label_row(label, answer="", height=None):
    return tr(tc(label, fill=LABEL), tc(answer) if answer else tc(), height=height)


# --------------------------------------------------------------------------- order and headings
def test_body_order_of_paragraphs_and_tables(tmp_path):
    form = read(
        tmp_path,
        p("Referral form", style="Title"),
        p("About the child", style="Heading1"),
        tbl(label_row("Child's name"), label_row("Date of birth")),
        p("About the referrer", style="Heading1"),
        p("Your name: ______________"),
        tbl(label_row("Your role")),
    )
    assert form.title == "Referral form"
    assert fields(form) == [
        ("About the child", "Child's name", "text"),
        ("About the child", "Date of birth", "date"),
        ("About the referrer", "Your name", "text"),
        ("About the referrer", "Your role", "text"),
    ]


def test_heading_styles_give_levels_and_parents(tmp_path):
    form = read(
        tmp_path,
        p("Single assessment", style="Title"),
        p("Assessment", style="Heading1"),
        p("Health", style="Heading2"),
        p("GP: ________"),
        p("Education", style="Heading2"),
        p("School: ________"),
    )
    assert titles(form) == [("Assessment", 1), ("Health", 2), ("Education", 2)]
    secs = {s.title: s for s in form.sections}
    assert secs["Health"].parent == secs["Assessment"].id


def test_lone_top_heading_over_subheadings_is_the_title(tmp_path):
    form = read(
        tmp_path,
        p("Child and family assessment", style="Heading1"),
        p("Child's details", style="Heading2"),
        p("Name: ________"),
        p("Family", style="Heading2"),
        p("Mother's name: ________"),
    )
    assert form.title == "Child and family assessment"
    assert titles(form) == [("Child's details", 1), ("Family", 1)]


def test_bold_numbered_paragraphs_are_headings(tmp_path):
    form = read(
        tmp_path,
        p("2. Child's details", bold=True),
        p("Name: __________"),
        p("2.1 Health", bold=True),
        p("GP: __________"),
        p("Is the child registered with a dentist?", bold=True),
        p("Yes ☐   No ☐"),
    )
    assert titles(form) == [("2. Child's details", 1), ("2.1 Health", 2)]
    # a bold question is a label, not a heading
    assert by_label(form, "Is the child registered with a dentist?").kind == "yes_no"


def test_large_bold_paragraphs_are_headings_and_first_is_title(tmp_path):
    form = read(
        tmp_path,
        p("Early help assessment", bold=True, size=36),
        p("Family details", bold=True, size=28),
        p("Family name: _________"),
        p("Support needed", bold=True, size=28),
        p("Who is involved: _________"),
    )
    assert form.title == "Early help assessment"
    assert titles(form) == [("Family details", 1), ("Support needed", 1)]


def test_shaded_merged_rows_are_headings_with_levels_by_shade(tmp_path):
    form = read(
        tmp_path,
        tbl(
            tr(tc("Child's developmental needs", span=2, fill=HEAD)),
            tr(tc("Health", span=2, fill=SUB)),
            label_row("GP name"),
            tr(tc("Health needs", span=2, fill=LABEL)),
            tr(tc(span=2), height=2400),
        ),
    )
    assert titles(form) == [("Child's developmental needs", 1), ("Health", 2)]
    assert fields(form) == [("Health", "GP name", "text"), ("Health", "Health needs", "long_text")]


def test_heading_that_is_the_question_is_section_and_field(tmp_path):
    form = read(
        tmp_path,
        tbl(tr(tc("Reason for conference", span=2, fill=HEAD)), tr(tc(span=2), height=2800)),
        p("Analysis", style="Heading1"),
        tbl(tr(tc(), height=3000), cols=1),
    )
    assert titles(form) == [("Reason for conference", 1), ("Analysis", 1)]
    assert fields(form) == [
        ("Reason for conference", "Reason for conference", "long_text"),
        ("Analysis", "Analysis", "long_text"),
    ]


# --------------------------------------------------------------------------- tables
def test_two_column_label_answer_table_with_hint_and_choices(tmp_path):
    form = read(
        tmp_path,
        tbl(
            tr(tc("Child being referred", span=2, fill=HEAD)),
            tr(tc(p("Email address"), p("A valid email address", size=16), fill=LABEL), tc()),
            tr(tc("Gender", fill=LABEL), tc("☐ Female   ☐ Male   ☐ Not known")),
            tr(tc("Is the child known to services?", fill=LABEL), tc("Yes ☐   No ☐")),
            label_row("Reasons for referral", height=2000),
        ),
    )
    f = {fl.label: fl for fl in form.fields}
    assert list(f) == ["Email address", "Gender", "Is the child known to services?", "Reasons for referral"]
    assert f["Email address"].kind == "email" and f["Email address"].hint == "A valid email address"
    assert (f["Gender"].kind, f["Gender"].options) == ("choice", ["Female", "Male", "Not known"])
    assert (f["Is the child known to services?"].kind, f["Is the child known to services?"].options) == (
        "yes_no",
        ["Yes", "No"],
    )
    assert f["Reasons for referral"].kind == "long_text"
    assert f["Reasons for referral"].capacity["lines"] >= 5


def test_multi_column_label_answer_rows(tmp_path):
    form = read(
        tmp_path,
        p("Front sheet", style="Heading1"),
        tbl(
            tr(tc("Name", fill=LABEL), tc(), tc("Date of birth", fill=LABEL), tc()),
            tr(tc("NHS number", fill=LABEL), tc(), tc("Gender", fill=LABEL), tc()),
            cols=4,
        ),
    )
    assert [f.label for f in form.fields] == ["Name", "Date of birth", "NHS number", "Gender"]
    assert by_label(form, "Date of birth").kind == "date"


def test_merged_cells_are_counted_once(tmp_path):
    form = read(
        tmp_path,
        p("Parents", style="Heading1"),
        tbl(
            tr(tc("Mother's name", fill=LABEL), tc(span=2)),
            tr(tc("Address", fill=LABEL, vmerge="restart"), tc(), tc()),
            tr(tc(vmerge="continue"), tc(), tc()),
            cols=3,
        ),
    )
    labels = [f.label for f in form.fields]
    assert labels == ["Mother's name", "Address"]


def test_nested_table_is_read_in_place(tmp_path):
    inner = tbl(label_row("Worker's name"), label_row("Team"))
    form = read(
        tmp_path,
        p("Allocation", style="Heading1"),
        tbl(tr(tc(inner, span=2)), label_row("Date allocated")),
    )
    assert [f.label for f in form.fields] == ["Worker's name", "Team", "Date allocated"]


def test_grid_under_heading_is_a_repeating_record(tmp_path):
    header = tr(*(tc(h, fill=SUB) for h in ["Name", "Relationship", "DOB", "Address"]))
    empty = tr(*(tc() for _ in range(4)), height=450)
    form = read(tmp_path, p("Household members", style="Heading1"), tbl(header, empty, empty, empty, cols=4))
    fs = form.fields
    assert [(f.label, f.kind) for f in fs] == [
        ("Name", "text"),
        ("Relationship", "text"),
        ("DOB", "date"),
        ("Address", "text"),
    ]
    assert len({f.repeat["group"] for f in fs}) == 1 and fs[0].repeat["rows"] == 3


def test_grid_with_a_caption_is_one_table_field(tmp_path):
    header = tr(*(tc(h, fill=SUB) for h in ["Action", "Who", "By when"]))
    empty = tr(*(tc() for _ in range(3)))
    form = read(
        tmp_path,
        p("Plan", style="Heading1"),
        p("What needs to happen?: __________"),
        p("Actions"),
        tbl(header, empty, empty, cols=3),
    )
    t = by_label(form, "Actions")
    assert t.kind == "table" and t.columns == ["Action", "Who", "By when"]
    assert [f.label for f in form.fields] == ["What needs to happen?", "Actions"]


# --------------------------------------------------------------------------- content controls
def test_content_controls_in_table_cells(tmp_path):
    form = read(
        tmp_path,
        p("1. Details", bold=True),
        tbl(
            tr(tc("Child's name"), tc(p(sdt_text()))),
            tr(tc("Date of visit"), tc(p(sdt_date()))),
            tr(tc("Legal status"), tc(p(sdt_dropdown(["CIN", "CP", "CLA"])))),
            tr(tc("Placement type"), tc(p(sdt_dropdown(["Foster care", "Residential"], combo=True)))),
            tr(tc("What happened?"), tc(p(sdt_text(rich=True)))),
            tr(tc("Seen alone"), tc(p(sdt_checkbox()))),
        ),
    )
    got = {f.label: (f.kind, f.options) for f in form.fields}
    assert got == {
        "Child's name": ("text", []),
        "Date of visit": ("date", []),
        "Legal status": ("choice", ["CIN", "CP", "CLA"]),
        "Placement type": ("choice", ["Foster care", "Residential"]),
        "What happened?": ("long_text", []),
        "Seen alone": ("checkbox", []),
    }
    # the placeholder prompt is not a label or a value
    assert "Click or tap" not in json.dumps(form.to_dict())


def test_content_controls_inline_in_paragraphs(tmp_path):
    form = read(
        tmp_path,
        p("1. Visit", bold=True),
        p("Title: ", sdt_text()),
        p("When did this happen? ", sdt_date()),
        p("What kind of visit?   Home visit ", sdt_checkbox(), "  Office visit ", sdt_checkbox()),
        p("Topics:"),
        p(sdt_checkbox(), " Safeguarding"),
        p(sdt_checkbox(), " Case transfer"),
        p("Help colleagues find this note. Choose all that apply.", size=16),
    )
    got = {f.label: (f.kind, f.options) for f in form.fields}
    assert got["Title"] == ("text", [])
    assert got["When did this happen?"] == ("date", [])
    assert got["What kind of visit?"] == ("choice", ["Home visit", "Office visit"])
    assert got["Topics"][1] == ["Safeguarding", "Case transfer"]


def test_block_level_content_control_after_a_label(tmp_path):
    form = read(
        tmp_path,
        p("Analysis", style="Heading1"),
        p("What are we worried about?", bold=True),
        sdt_block(p("Click or tap here to enter text."), kind="rich"),
    )
    assert fields(form) == [("Analysis", "What are we worried about?", "long_text")]


def test_row_and_cell_level_content_controls(tmp_path):
    row_sdt = sdt_block(tr(tc("Worker", fill=LABEL), tc()), kind="none")
    cell_sdt_row = tr(tc("Team", fill=LABEL), sdt_block(tc(p(sdt_text())), kind="none"))
    form = read(tmp_path, p("Sign-off", style="Heading1"), tbl(row_sdt, cell_sdt_row))
    assert [f.label for f in form.fields] == ["Worker", "Team"]


# --------------------------------------------------------------------------- legacy form fields
def test_legacy_form_fields(tmp_path):
    form = read(
        tmp_path,
        p("Plan details", style="Heading1"),
        tbl(
            tr(tc("Date of plan"), tc(p(ff_text("Date1", date=True)))),
            tr(tc("Lead professional"), tc(p(ff_text("Text2", result="Jane Smith")))),
            tr(tc("Category of harm"), tc(p(ff_drop(["Neglect", "Physical abuse", "Emotional abuse"])))),
            tr(tc("Child seen"), tc(p("Yes ", ff_check("c1"), "  No ", ff_check("c2")))),
        ),
        p("Review date: ", ff_text("Text9")),
    )
    got = {f.label: (f.kind, f.options) for f in form.fields}
    assert got == {
        "Date of plan": ("date", []),
        "Lead professional": ("text", []),
        "Category of harm": ("choice", ["Neglect", "Physical abuse", "Emotional abuse"]),
        "Child seen": ("yes_no", ["Yes", "No"]),
        "Review date": ("date", []),
    }
    # a filled-in value is never carried into the model
    assert "Jane Smith" not in json.dumps(form.to_dict())


# --------------------------------------------------------------------------- paragraphs
def test_underscore_lines_and_date_blanks(tmp_path):
    form = read(
        tmp_path,
        p("Front sheet", style="Heading1"),
        p("Child's name*: ________________________"),
        p("Date of birth: ____/____/________"),
        p("Worker: ____________   Team: ____________"),
        p("Date of referral (required): ______________"),
    )
    assert fields(form) == [
        ("Front sheet", "Child's name", "text"),
        ("Front sheet", "Date of birth", "date"),
        ("Front sheet", "Worker", "text"),
        ("Front sheet", "Team", "text"),
        ("Front sheet", "Date of referral", "date"),
    ]


def test_tick_box_choices_inline_and_as_lists(tmp_path):
    form = read(
        tmp_path,
        p("Case note", style="Heading1"),
        p("Was the child seen alone?   Yes ☐   No ☐"),
        p("Contact type ☐ Visit ☐ Phone call ☐ Letter"),
        p("What kind of visit?", bold=True),
        p("Choose one option", size=16),
        p("☐ Child in need visit"),
        p("☐ Child protection visit"),
        p("☐ Looked-after child visit"),
        p("Which concerns apply?", bold=True),
        p("Tick all that apply", size=16),
        p("☐ Neglect"),
        p("☐ Domestic abuse"),
    )
    got = {f.label: (f.kind, f.options) for f in form.fields}
    assert got == {
        "Was the child seen alone?": ("yes_no", ["Yes", "No"]),
        "Contact type": ("choice", ["Visit", "Phone call", "Letter"]),
        "What kind of visit?": (
            "choice",
            ["Child in need visit", "Child protection visit", "Looked-after child visit"],
        ),
        "Which concerns apply?": ("multi_choice", ["Neglect", "Domestic abuse"]),
    }


def test_label_paragraph_then_bordered_box_is_long_text(tmp_path):
    form = read(
        tmp_path,
        p("Assessment", style="Heading1"),
        p("Summary of the child's needs (max 250 words)", bold=True),
        tbl(tr(tc(), height=2800), cols=1),
        p("Guidance: record the views of everyone involved in plain language for the family to read."),
    )
    f = by_label(form, "Summary of the child's needs (max 250 words)")
    assert f.kind == "long_text" and f.capacity["words"] == 250
    assert "record the views" in form.sections[-1].guidance
    assert len(form.fields) == 1


def test_text_box_read_once_not_fallback_copy(tmp_path):
    form = read(
        tmp_path,
        p("Pathway plan", style="Heading1"),
        p(textbox(p("Young person's name: ____________"), p("Personal adviser: ____________"))),
    )
    assert [f.label for f in form.fields] == ["Young person's name", "Personal adviser"]


def test_header_fields_read_once_across_sections(tmp_path):
    form = read(
        tmp_path,
        p("Review", style="Heading1"),
        p("Reviewing officer: __________"),
        header=[p("Child's name: ____________   ID: ________"), p("OFFICIAL - SENSITIVE")],
        sections=3,
    )
    labels = [f.label for f in form.fields]
    assert labels == ["Child's name", "ID", "Reviewing officer"]
    assert form.sections[0].title is None


def test_fields_before_first_heading_go_in_untitled_section(tmp_path):
    form = read(tmp_path, p("Case reference: ________"), p("Details", style="Heading1"), p("Name: ______"))
    assert form.sections[0].title is None and [f.label for f in form.sections[0].fields] == ["Case reference"]


def test_filled_in_answers_never_appear(tmp_path):
    form = read(
        tmp_path,
        p("Child", style="Heading1"),
        tbl(
            tr(tc("Child's name", fill=LABEL), tc("Amelia Example")),
            tr(tc("Home address", fill=LABEL), tc("12 Sample Road")),
            tr(tc("Notes", fill=LABEL), tc()),
        ),
    )
    dumped = json.dumps(form.to_dict())
    assert [f.label for f in form.fields] == ["Child's name", "Home address", "Notes"]
    assert "Amelia" not in dumped and "Sample Road" not in dumped


@pytest.mark.parametrize("pages", [5, 10])
def test_long_generated_form_reads_every_field(tmp_path, pages):
    blocks = []
    for i in range(pages):
        blocks.append(p(f"Part {i + 1}", style="Heading1"))
        blocks.append(tbl(*(label_row(f"Question {i + 1}.{k + 1}") for k in range(20))))
    form = read(tmp_path, *blocks)
    assert len(form.fields) == pages * 20
    assert len({f.id for f in form.fields}) == pages * 20


# --------------------------------------------------------------------------- other common constructions
def test_underlined_spaces_and_tab_leaders_are_write_in_lines(tmp_path):
    from tests.docxbuild import p_leader, uline

    form = read(
        tmp_path,
        p("Contact record", style="Heading1"),
        p("Name of person contacted: ", uline()),
        p_leader("Relationship to the child:"),
        p_leader("Date of contact", leader="underscore"),
    )
    assert fields(form) == [
        ("Contact record", "Name of person contacted", "text"),
        ("Contact record", "Relationship to the child", "text"),
        ("Contact record", "Date of contact", "date"),
    ]


def test_bracket_boxes_are_tick_boxes(tmp_path):
    form = read(
        tmp_path,
        p("Consent", style="Heading1"),
        p("Has consent been given?   Yes [ ]   No [ ]"),
        p("Who gave consent?", bold=True),
        p("[ ] Mother"),
        p("[ ] Father"),
        p("[ ] Young person"),
    )
    got = {f.label: (f.kind, f.options) for f in form.fields}
    assert got == {
        "Has consent been given?": ("yes_no", ["Yes", "No"]),
        "Who gave consent?": ("choice", ["Mother", "Father", "Young person"]),
    }


def test_options_spread_over_cells_of_one_row(tmp_path):
    form = read(
        tmp_path,
        p("Health", style="Heading1"),
        tbl(
            tr(tc("Registered with a GP?", fill=LABEL), tc("Yes ☐"), tc("No ☐")),
            tr(
                tc("Immunisations up to date?", fill=LABEL),
                tc("☐ Yes"),
                tc("☐ No"),
            ),
            tr(tc("GP practice", fill=LABEL), tc(span=2)),
            cols=3,
        ),
    )
    got = {f.label: (f.kind, f.options) for f in form.fields}
    assert got == {
        "Registered with a GP?": ("yes_no", ["Yes", "No"]),
        "Immunisations up to date?": ("yes_no", ["Yes", "No"]),
        "GP practice": ("text", []),
    }


def test_label_at_the_top_of_a_box_with_room_below(tmp_path):
    form = read(
        tmp_path,
        p("Analysis", style="Heading1"),
        tbl(
            tr(tc(p("What are the risks to the child?"), p(), p(), p()), height=2400),
            tr(tc(p("Child's name:"), p()), tc(p("Date of birth:"), p())),
            cols=1,
        ),
    )
    got = {f.label: f.kind for f in form.fields}
    assert got == {
        "What are the risks to the child?": "long_text",
        "Child's name": "text",
        "Date of birth": "date",
    }


def test_bold_plain_row_inside_a_table_is_a_sub_heading(tmp_path):
    form = read(
        tmp_path,
        tbl(
            tr(tc("Family details", span=2, fill=HEAD)),
            tr(tc(p("Mother", bold=True), span=2)),
            label_row("Full name"),
            label_row("Date of birth"),
            tr(tc(p("Father", bold=True), span=2)),
            label_row("Full name"),
            label_row("Date of birth"),
        ),
    )
    assert titles(form) == [("Family details", 1), ("Mother", 2), ("Father", 2)]
    assert fields(form)[0] == ("Mother", "Full name", "text")


def test_colon_label_with_space_after_it_is_a_field(tmp_path):
    form = read(
        tmp_path,
        p("Visit", style="Heading1"),
        p("Date of visit:"),
        p("Persons present:"),
        p("Purpose of visit:"),
        p("Outcome", style="Heading1"),
        p("This section is completed by the manager after the visit has been discussed in supervision."),
    )
    assert fields(form) == [
        ("Visit", "Date of visit", "date"),
        ("Visit", "Persons present", "text"),
        ("Visit", "Purpose of visit", "text"),
    ]


def test_capitals_and_part_numbers_announce_sections_without_bold(tmp_path):
    form = read(
        tmp_path,
        p("OFFICIAL - SENSITIVE"),
        p("SECTION A – CHILD'S DETAILS"),
        p("Name: __________"),
        p("Part 2: The family"),
        p("Mother's name: __________"),
        p("FATHER'S DETAILS"),
        p("Father's name: __________"),
    )
    assert titles(form) == [
        ("SECTION A – CHILD'S DETAILS", 1),
        ("Part 2: The family", 1),
        ("FATHER'S DETAILS", 1),
    ]
    assert "OFFICIAL" in form.sections[0].guidance


def test_prefilled_content_controls_are_marked(tmp_path):
    pre = sdt_text().replace("<w:text/>", '<w:tag w:val="formaudit:prefilled"/><w:text/>')
    form = read(
        tmp_path,
        p("Child", style="Heading1"),
        tbl(tr(tc("Child's name"), tc(p(pre))), tr(tc("Reason for visit"), tc(p(sdt_text())))),
    )
    assert [(f.label, f.prefilled) for f in form.fields] == [
        ("Child's name", True),
        ("Reason for visit", False),
    ]
    assert form.to_dict()["sections"][0]["fields"][0]["prefilled"] is True


def test_formaudit_tags_state_the_kind(tmp_path):
    tagged = sdt_text().replace("<w:text/>", '<w:tag w:val="formaudit:kind=number;prefilled"/><w:text/>')
    form = read(tmp_path, p("Education", style="Heading1"), tbl(tr(tc("Attendance"), tc(p(tagged)))))
    f = form.fields[0]
    assert (f.label, f.kind, f.prefilled) == ("Attendance", "number", True)


def test_bold_row_over_a_label_row_and_its_box_is_a_sub_heading(tmp_path):
    form = read(
        tmp_path,
        tbl(
            tr(tc("Child's needs", span=2, fill=HEAD)),
            tr(tc(p("Health", bold=True), span=2)),
            tr(tc("Health needs and how they are met", span=2)),
            tr(tc(span=2), height=2400),
            tr(tc(p("Education", bold=True), span=2)),
            label_row("School"),
        ),
    )
    assert titles(form) == [("Child's needs", 1), ("Health", 2), ("Education", 2)]
    assert fields(form) == [
        ("Health", "Health needs and how they are met", "long_text"),
        ("Education", "School", "text"),
    ]


def test_fillin_and_macrobutton_fields_are_answer_areas(tmp_path):
    from tests.docxbuild import fld

    form = read(
        tmp_path,
        p("Visit", style="Heading1"),
        p("Title: ", fld('FILLIN ""', "Click or tap here to enter text.")),
        p("Persons present ", fld("MACROBUTTON NoMacro [Click here and type names]")),
        p("Page ", fld("PAGE", "1")),
    )
    assert [(f.label, f.kind) for f in form.fields] == [("Title", "text"), ("Persons present", "text")]
    assert "Click here" not in json.dumps(form.to_dict())


def test_bordered_empty_paragraphs_are_lines_to_write_on(tmp_path):
    from tests.docxbuild import ruled

    form = read(
        tmp_path,
        p("Contact", style="Heading1"),
        p("Name of person spoken to"),
        ruled(1),
        p("What was discussed?"),
        ruled(4),
    )
    got = {f.label: (f.kind, (f.capacity or {}).get("lines")) for f in form.fields}
    assert got == {"Name of person spoken to": ("text", None), "What was discussed?": ("long_text", 4)}


def test_wingdings_tick_boxes(tmp_path):
    from tests.docxbuild import wingdings_box

    form = read(
        tmp_path,
        p("Consent", style="Heading1"),
        p("Consent obtained?  Yes ", wingdings_box("o"), "  No ", wingdings_box("\u00a8")),
    )
    assert [(f.label, f.kind, f.options) for f in form.fields] == [
        ("Consent obtained?", "yes_no", ["Yes", "No"])
    ]


def test_answer_cells_holding_only_a_blank_line(tmp_path):
    form = read(
        tmp_path,
        p("Child", style="Heading1"),
        tbl(tr(tc("Name"), tc("______________________")), tr(tc("Born"), tc("____/____/______"))),
    )
    assert [(f.label, f.kind) for f in form.fields] == [("Name", "text"), ("Born", "date")]


def test_activex_controls_are_answer_areas(tmp_path):
    from tests.docxbuild import activex

    form = read(
        tmp_path,
        p("Referral", style="Heading1"),
        tbl(
            tr(tc("Name of referrer"), tc(p(activex("TextBox1")))),
            tr(tc("Urgent"), tc(p(activex("CheckBox1")))),
            tr(tc("Agency"), tc(p(activex("ComboBox1")))),
        ),
        p("Date of referral ", activex("TextBox2")),
    )
    got = [(f.label, f.kind) for f in form.fields]
    assert got == [
        ("Name of referrer", "text"),
        ("Urgent", "checkbox"),
        ("Agency", "choice"),
        ("Date of referral", "date"),
    ]


def test_one_line_box_under_a_label_is_a_short_answer(tmp_path):
    form = read(
        tmp_path,
        p("Contact", style="Heading1"),
        p("Your email address", bold=True),
        tbl(tr(tc()), cols=1),
        p("What happened?", bold=True),
        tbl(tr(tc(p(), p(), p(), p())), cols=1),
        p("Outcome", style="Heading1"),
        tbl(tr(tc()), cols=1),
    )
    assert fields(form) == [
        ("Contact", "Your email address", "email"),
        ("Contact", "What happened?", "long_text"),
        ("Outcome", "Outcome", "long_text"),
    ]
