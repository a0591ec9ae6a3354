"""Older-Word / Google-Docs table forms and grids: one focused test per heuristic, on constructs built here.

Each test states the general construction it stands for; none uses text from an evaluation form.
"""

from __future__ import annotations

import pytest

from formaudit import read_form
from formaudit.readers.common import clean_label, is_generated_name, stated_options
from tests.docxbuild import ff_text, make_docx, p, run, sdt_checkbox, sdt_text, tbl, tc, tr

DARK, LIGHT = "BFBFBF", "F2F2F2"


def read(tmp_path, *blocks):
    return read_form(make_docx(tmp_path / "form.docx", *blocks))


def fields(form):
    return [(s.title, f.label, f.kind) for s, f in form.iter_fields()]


def titles(form):
    return [s.title for s in form.sections if s.title is not None]


def bold_cell(text, **kw):
    return tc(p(text, bold=True), **kw)


def sym(char="F06F"):
    return f'<w:r><w:sym w:font="Wingdings" w:char="{char}"/></w:r>'


def gothic_box():
    return '<w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr><w:t>☐</w:t></w:r>'


# ------------------------------------------------------------------ two questions per row, boxes, headings
def test_four_column_rows_hold_two_questions_with_wingdings_and_gothic_boxes(tmp_path):
    form = read(
        tmp_path,
        tbl(
            tr(bold_cell("About the carer", span=4, fill=DARK)),
            tr(tc("Carer's name"), tc(), tc("Date of birth"), tc()),
            tr(
                tc("Telephone"),
                tc(),
                tc("Lives with the child?"),
                tc(p(sym("F06F"), run(" Yes  "), sym("F0A8"), run(" No"))),
            ),
            tr(tc("Smoker?"), tc(p(gothic_box(), run(" Yes "), gothic_box(), run(" No"))), tc("Email"), tc()),
            cols=4,
        ),
    )
    assert titles(form) == ["About the carer"]
    assert fields(form) == [
        ("About the carer", "Carer's name", "text"),
        ("About the carer", "Date of birth", "date"),
        ("About the carer", "Telephone", "phone"),
        ("About the carer", "Lives with the child?", "yes_no"),
        ("About the carer", "Smoker?", "yes_no"),
        ("About the carer", "Email", "email"),
    ]


def test_light_shaded_label_rows_over_long_answers_are_labels_when_a_darker_shade_heads(tmp_path):
    """Headings: bold text in dark merged rows. Long questions: a light-shaded row over a tall empty row."""
    form = read(
        tmp_path,
        tbl(
            tr(bold_cell("The child", span=4, fill=DARK)),
            tr(tc("Name"), tc(), tc("School"), tc()),
            tr(tc("What is a typical day like?", span=4, fill=LIGHT)),
            tr(tc(span=4), height=2400),
            tr(bold_cell("The family", span=4, fill=DARK)),
            tr(tc("Describe the family's strengths", span=4, fill=LIGHT)),
            tr(tc(span=4), height=2400),
            cols=4,
        ),
    )
    assert titles(form) == ["The child", "The family"]
    assert ("The child", "What is a typical day like?", "long_text") in fields(form)
    assert ("The family", "Describe the family's strengths", "long_text") in fields(form)


def test_a_lone_shade_over_answers_mid_table_labels_and_at_table_top_heads(tmp_path):
    """With no other heading shade, a shaded row over an answer box heads a (question) section when it opens
    its table, and labels the box when it follows other questions in the table."""
    mid = read(
        tmp_path,
        p("Plans", bold=True),
        tbl(
            tr(tc("Name"), tc()), tr(tc("What will change?", span=2, fill=LIGHT)), tr(tc(span=2), height=2400)
        ),
    )
    assert titles(mid) == ["Plans"]
    assert ("Plans", "What will change?", "long_text") in fields(mid)
    top = read(tmp_path, tbl(tr(tc("Worries", span=2, fill=LIGHT)), tr(tc(span=2), height=2400)))
    assert titles(top) == ["Worries"]
    assert fields(top) == [("Worries", "Worries", "long_text")]


def test_unmerged_uniformly_shaded_row_with_bold_first_cell_is_a_heading_row(tmp_path):
    """Google Docs leaves heading rows unmerged: bold text in the first cell, the rest empty, all shaded alike."""
    form = read(
        tmp_path,
        tbl(
            tr(
                bold_cell("Contact details", fill="d9d9d9"),
                tc(fill="d9d9d9"),
                tc(fill="d9d9d9"),
                tc(fill="d9d9d9"),
            ),
            tr(tc("Address"), tc(), tc("Postcode"), tc()),
            cols=4,
        ),
    )
    assert titles(form) == ["Contact details"]
    assert fields(form) == [("Contact details", "Address", "text"), ("Contact details", "Postcode", "text")]


def test_unshaded_label_with_empty_answer_cells_is_still_a_question(tmp_path):
    """Without a shared shade the same row is a label beside its (empty) answer cells."""
    form = read(
        tmp_path, p("Carer", style="Heading1"), tbl(tr(bold_cell("Address"), tc(), tc(), tc()), cols=4)
    )
    assert fields(form) == [("Carer", "Address", "text")]


def test_bold_body_size_paragraph_over_a_table_of_questions_is_its_heading(tmp_path):
    form = read(
        tmp_path,
        p("Referral form", bold=True, size=32),
        p("About the child", bold=True),
        tbl(tr(tc("Name"), tc(), tc("Date of birth"), tc()), cols=4),
        p("Household", bold=True),
        tbl(tr(tc("Address"), tc()), tr(tc("Tenure"), tc())),
    )
    assert titles(form) == ["About the child", "Household"]
    assert fields(form)[0] == ("About the child", "Name", "text")
    assert fields(form)[-1] == ("Household", "Tenure", "text")


def test_bold_paragraph_ending_like_a_label_is_not_a_heading(tmp_path):
    form = read(tmp_path, p("Tell us about the child:", bold=True), tbl(tr(tc(), height=2400), cols=1))
    assert titles(form) == []
    assert fields(form) == [(None, "Tell us about the child", "long_text")]


def test_bold_paragraph_heading_levels_follow_a_styled_part(tmp_path):
    form = read(
        tmp_path,
        p("Part 1", style="Heading1"),
        p("The child", bold=True),
        tbl(tr(tc("Name"), tc())),
        p("The carer", bold=True),
        tbl(tr(tc("Carer's name"), tc())),
        p("Part 2", style="Heading1"),
        p("The plan", bold=True),
        tbl(tr(tc("Review date"), tc())),
    )
    assert [(s.title, s.level) for s in form.sections if s.title] == [
        ("Part 1", 1),
        ("The child", 2),
        ("The carer", 2),
        ("Part 2", 1),
        ("The plan", 2),
    ]


def test_bold_row_over_answer_rows_repeated_in_a_table_are_labels(tmp_path):
    """label row, answer row, label row, answer row …: the first bold row is a label like the others."""
    form = read(
        tmp_path,
        p("Needs", style="Heading1"),
        p("Record what you found.", size=18),
        tbl(
            tr(bold_cell("Health", span=2)),
            tr(tc(span=2), height=2000),
            tr(bold_cell("Learning", span=2)),
            tr(tc(span=2), height=2000),
        ),
    )
    assert titles(form) == ["Needs"]
    assert [f[1] for f in fields(form)] == ["Health", "Learning"]


def test_bold_row_opening_a_table_over_label_rows_is_still_a_heading(tmp_path):
    form = read(tmp_path, tbl(tr(bold_cell("Contacts", span=2)), tr(tc("Name"), tc()), tr(tc("Phone"), tc())))
    assert titles(form) == ["Contacts"]


# ------------------------------------------------------------------ grids and matrices
def test_grid_under_heading_whose_last_header_is_a_long_question(tmp_path):
    long_q = "Does the child have a disability or any health needs? If so, please give the details here."
    form = read(
        tmp_path,
        p("Children", style="Heading1"),
        tbl(
            tr(tc("First name"), tc("Surname"), tc("Date of birth"), tc(long_q)),
            tr(tc(), tc(), tc(), tc()),
            tr(tc(), tc(), tc(), tc()),
            cols=4,
        ),
    )
    assert [f.label for f in form.fields] == ["First name", "Surname", "Date of birth", long_q]
    assert all(f.repeat and f.repeat["rows"] == 2 for f in form.fields)


def test_two_long_headers_are_not_a_grid_header(tmp_path):
    long_a = "Describe what is working well for the family at the moment and who is helping"
    long_b = "Describe what you are worried about for the family at the moment and why that is"
    form = read(
        tmp_path,
        p("Views", style="Heading1"),
        tbl(tr(tc(long_a), tc(long_b), tc("Date")), tr(tc(), tc(), tc()), cols=3),
    )
    assert not any(f.repeat for f in form.fields)


def test_question_row_over_a_grid_is_its_caption(tmp_path):
    form = read(
        tmp_path,
        p("Responsibility", style="Heading1"),
        tbl(
            tr(bold_cell("Who looks after the children?", span=3)),
            tr(tc("Child"), tc("Carer"), tc("Relationship")),
            tr(tc(), tc(), tc()),
            tr(tc(), tc(), tc()),
            cols=3,
        ),
    )
    assert titles(form) == ["Responsibility"]
    (f,) = form.fields
    assert (f.label, f.kind, f.columns) == (
        "Who looks after the children?",
        "table",
        ["Child", "Carer", "Relationship"],
    )


def test_row_labelled_matrix_is_one_table_field(tmp_path):
    """An empty corner, column headers, a short label per row and answer cells: one question, one table."""
    form = read(
        tmp_path,
        p("Sharing", style="Heading1"),
        p("Who has seen this plan?"),
        tbl(
            tr(tc(), bold_cell("Yes/No"), bold_cell("Date")),
            tr(tc("Young person"), tc(p(sdt_text())), tc(p(ff_text("Text4")))),
            tr(tc("Parent"), tc(p(sdt_text())), tc(p(ff_text("Text5")))),
            tr(tc("Carer"), tc(), tc()),
            cols=3,
        ),
    )
    (f,) = form.fields
    assert (f.label, f.kind, f.columns) == ("Who has seen this plan?", "table", ["", "Yes/No", "Date"])
    assert f.capacity == {"rows": 3}


def test_matrix_directly_under_a_heading_is_asked_by_the_heading(tmp_path):
    form = read(
        tmp_path,
        p("Attendance at the meeting", style="Heading1"),
        tbl(
            tr(tc(), tc("Invited"), tc("Attended")),
            tr(tc("Mother"), tc(), tc()),
            tr(tc("Father"), tc(), tc()),
            cols=3,
        ),
    )
    assert fields(form) == [("Attendance at the meeting", "Attendance at the meeting", "table")]


def test_one_labelled_row_is_not_a_matrix(tmp_path):
    form = read(
        tmp_path, p("Who?"), tbl(tr(tc(), tc("Name"), tc("Role")), tr(tc("Worker"), tc(), tc()), cols=3)
    )
    assert not any(f.kind == "table" for f in form.fields)


# ------------------------------------------------------------------ labels
def test_generated_control_names_are_never_labels(tmp_path):
    """Controls tagged "cc14" / legacy fields named "Text10" with no visible label beside them add no field
    named after the control; a visible label beside a control always wins."""
    form = read(
        tmp_path,
        p("Visit", style="Heading1"),
        p("Date of visit: ", sdt_text(alias="cc14")),
        tbl(
            tr(tc(p(ff_text("Text10"))), tc(p(ff_text("Text11")))),
            tr(tc(p(ff_text("Text12"))), tc(p(ff_text("Text13")))),
        ),
        p(sdt_checkbox(), run(" ")),
    )
    labels = [f.label for f in form.fields]
    assert "Date of visit" in labels
    assert not [lab for lab in labels if is_generated_name(lab)], labels


@pytest.mark.parametrize(
    "name,generated",
    [
        ("cc14", True),
        ("Text10", True),
        ("Check Box3", True),
        ("Dropdown2", True),
        ("TextBox1", True),
        ("Child's name", False),
        ("School 2", False),
        ("Address line 1", False),
    ],
)
def test_generated_name_vocabulary(name, generated):
    assert is_generated_name(name) is generated


def test_label_stating_its_answers_is_a_choice(tmp_path):
    form = read(
        tmp_path,
        p("Children", style="Heading1"),
        tbl(tr(tc("Name"), tc("Gender (M/F)"), tc("Lives here Y/N")), tr(tc(), tc(), tc()), cols=3),
    )
    kinds = {f.label: (f.kind, f.options) for f in form.fields}
    assert kinds["Gender (M/F)"] == ("choice", ["M", "F"])
    assert kinds["Lives here Y/N"] == ("yes_no", ["Y", "N"])
    assert kinds["Name"] == ("text", [])


@pytest.mark.parametrize("label", ["N/A", "Child/ren", "Parent and/or carer", "School / Nursery"])
def test_slashes_that_do_not_state_answers(label):
    assert stated_options(label) == []


def test_bracketed_date_format_stays_in_the_label_and_makes_a_date():
    assert clean_label("Date of birth (dd/mm/yy)") == "Date of birth (dd/mm/yy)"
    assert clean_label("Date of birth: dd/mm/yyyy") == "Date of birth"
    assert clean_label("Name ( )") == "Name"


def test_several_dates_in_one_box_are_text_not_a_date(tmp_path):
    form = read(tmp_path, tbl(tr(tc("Dates of previous meetings"), tc()), tr(tc("Date of meeting"), tc())))
    assert [f.kind for f in form.fields] == ["text", "date"]


def test_a_label_beginning_with_the_word_guidance_is_a_label(tmp_path):
    """ "Guidance & Boundaries" (a parenting dimension) labels its box; "Guidance: …" is guidance."""
    form = read(
        tmp_path,
        p("Parenting", style="Heading1"),
        tbl(
            tr(tc("Warmth", span=2, fill=LIGHT)),
            tr(tc(span=2), height=2000),
            tr(tc("Guidance & Boundaries", span=2, fill=LIGHT)),
            tr(tc(span=2), height=2000),
        ),
        p("Guidance: describe routines and rules at home.", size=18),
    )
    assert titles(form) == ["Parenting"]
    assert [f.label for f in form.fields] == ["Warmth", "Guidance & Boundaries"]


def test_question_and_bracketed_note_before_boxes_stay_one_label(tmp_path):
    form = read(tmp_path, p("Do you have a carer? (unpaid):   Yes ☐  No ☐"))
    assert fields(form) == [(None, "Do you have a carer? (unpaid)", "yes_no")]


def test_placeholder_text_is_an_answer_area(tmp_path):
    """Word's placeholder prompt in a cell (plain text after a copy, or a control showing it) is where the
    answer goes, never a label."""
    form = read(
        tmp_path,
        tbl(
            tr(tc("Name"), tc("Click or tap here to enter text."), tc("Date of birth"), tc(p(sdt_text()))),
            cols=4,
        ),
    )
    assert [f.label for f in form.fields] == ["Name", "Date of birth"]


@pytest.mark.parametrize("bold_labels", [False, True])
def test_headings_shaded_like_the_label_cells_still_head(tmp_path, bold_labels):
    """Older forms shade heading rows and label cells the same grey: a short bold full-width row over label
    rows heads them; a row in that shade over an answer box labels it."""
    shade = "D9D9D9"

    def lab(text):
        return bold_cell(text, fill=shade) if bold_labels else tc(text, fill=shade)

    form = read(
        tmp_path,
        tbl(
            tr(bold_cell("The child", span=4, fill=shade)),
            tr(lab("Name"), tc(), lab("School"), tc()),
            tr(bold_cell("The family", span=4, fill=shade)),
            tr(lab("Address"), tc(), lab("Phone"), tc()),
            tr(tc("Who else visits the home", span=4, fill=shade)),
            tr(tc(span=4), height=2000),
            cols=4,
        ),
    )
    assert titles(form) == ["The child", "The family"]
    assert ("The family", "Who else visits the home", "long_text") in fields(form)


def test_heading_drawn_as_a_one_cell_table(tmp_path):
    form = read(
        tmp_path,
        tbl(tr(bold_cell("The child", span=2))),
        tbl(tr(tc("Name"), tc()), tr(tc("School"), tc())),
        tbl(tr(bold_cell("The family", span=2))),
        tbl(tr(tc("Address"), tc())),
        tbl(tr(bold_cell("Worries", span=2), height=2400)),  # tall: room to write, so a question box
    )
    assert titles(form) == ["The child", "The family"]
    assert fields(form)[-1] == ("The family", "Worries", "long_text")


def test_hint_in_the_heading_cell_is_guidance_not_part_of_the_title(tmp_path):
    form = read(
        tmp_path,
        tbl(
            tr(
                tc(
                    p("Family history", bold=True),
                    p("Include moves, losses and who was there.", size=18),
                    span=2,
                    fill=DARK,
                )
            ),
            tr(tc("Name"), tc()),
        ),
    )
    assert titles(form) == ["Family history"]
    (sec,) = [s for s in form.sections if s.title == "Family history"]
    assert "Include moves" in sec.guidance


def _docx_with_box_bullets(path, bullet: str, font: str | None):
    """A question followed by options in a list whose bullet is ``bullet`` (in ``font``), as Word's bullet
    library and Google Docs checklists draw tick boxes."""
    import docx
    from docx.oxml import parse_xml

    from tests.docxbuild import NS

    d = docx.Document()
    numbering = d.part.numbering_part.element
    rfonts = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {NS} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="bullet"/><w:lvlText w:val="{bullet}"/>{rfonts}</w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    body = d.element.body
    items = [p("Support", style="Heading1"), p("Which services does the family use?")]
    for opt in ("Health visitor", "Children's centre", "Food bank"):
        items.append(
            f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr>{run(opt)}</w:p>'
        )
    for xml in items:
        for el in list(parse_xml(f"<w:body {NS}>{xml}</w:body>")):
            body.sectPr.addprevious(el)
    d.save(str(path))
    return path


@pytest.mark.parametrize("bullet,font", [("\uf071", "Wingdings"), ("\uf06f", "Wingdings"), ("☐", None)])
def test_list_bullets_drawn_as_tick_boxes_are_options(tmp_path, bullet, font):
    form = read_form(_docx_with_box_bullets(tmp_path / "f.docx", bullet, font))
    (f,) = form.fields
    assert (f.label, f.kind, f.options) == (
        "Which services does the family use?",
        "choice",
        ["Health visitor", "Children's centre", "Food bank"],
    )


def test_ordinary_bullets_are_not_tick_boxes(tmp_path):
    form = read_form(_docx_with_box_bullets(tmp_path / "f.docx", "\uf0a7", "Wingdings"))  # ▪ small square
    assert not any(f.options for f in form.fields)


def test_options_printed_to_delete_or_circle_are_a_choice(tmp_path):
    form = read(
        tmp_path,
        tbl(
            tr(tc("Consent given?"), tc("Yes / No"), tc("Title"), tc("Mr/Mrs/Ms/Miss")),
            tr(tc("Lives with"), tc("Mother / Father (delete as appropriate)"), tc("Name"), tc()),
            cols=4,
        ),
        p("Interpreter needed: Yes / No"),
    )
    got = [(f.label, f.kind, f.options) for f in form.fields]
    assert got == [
        ("Consent given?", "yes_no", ["Yes", "No"]),
        ("Title", "choice", ["Mr", "Mrs", "Ms", "Miss"]),
        ("Lives with", "choice", ["Mother", "Father"]),
        ("Name", "text", []),
        ("Interpreter needed", "yes_no", ["Yes", "No"]),
    ]


def test_a_typed_answer_with_a_slash_is_not_taken_for_options(tmp_path):
    """Only printed-option words (or a "delete as appropriate" note) make options: a typed answer such as
    two surnames never becomes part of the model."""
    form = read(
        tmp_path,
        tbl(tr(tc("Family name", fill=LIGHT), tc("Smith / Jones")), tr(tc("Address", fill=LIGHT), tc())),
    )
    assert [(f.label, f.options) for f in form.fields] == [("Family name", []), ("Address", [])]
    assert "Smith" not in str(form.to_dict())


@pytest.mark.parametrize("text", ["[Insert name]", "<Enter date>", "Type here", "Click here to enter text."])
def test_bracketed_and_typed_prompts_are_placeholders(tmp_path, text):
    form = read(tmp_path, tbl(tr(tc("Child's name"), tc(p(run(text))))))
    assert [f.label for f in form.fields] == ["Child's name"]


@pytest.mark.parametrize("box_first", [False, True])
def test_options_with_their_boxes_in_cells_of_their_own(tmp_path, box_first):
    """ "Question | Yes | ☐ | No | ☐" (or the boxes first): one choice, not two stand-alone tick boxes."""
    cells = (
        [tc(p(gothic_box())), tc("Yes"), tc(p(sym())), tc("No")]
        if box_first
        else [tc("Yes"), tc(p(gothic_box())), tc("No"), tc(p(sym()))]
    )
    form = read(
        tmp_path,
        p("Safety", style="Heading1"),
        tbl(
            tr(tc("Is the child safe tonight?"), *cells), tr(tc("Where will they stay?"), tc(span=4)), cols=5
        ),
    )
    assert [(f.label, f.kind, f.options) for f in form.fields] == [
        ("Is the child safe tonight?", "yes_no", ["Yes", "No"]),
        ("Where will they stay?", "text", []),
    ]


def test_numbered_record_rows_under_a_heading_are_a_repeating_record(tmp_path):
    """Record numbers in the first column ("1", "2", "3") ask nothing: the grid's columns are the fields."""
    form = read(
        tmp_path,
        p("Children", style="Heading1"),
        tbl(
            tr(tc(), bold_cell("First name"), bold_cell("Surname"), bold_cell("Date of birth")),
            *[tr(tc(n), tc(), tc(), tc()) for n in ("1", "2", "3")],
            cols=4,
        ),
    )
    assert [(f.label, f.repeat["rows"]) for f in form.fields] == [
        ("First name", 3),
        ("Surname", 3),
        ("Date of birth", 3),
    ]


def test_form_name_in_the_first_table_row_is_the_title_not_a_section(tmp_path):
    form = read(
        tmp_path,
        tbl(
            tr(tc(p("Child Referral Form", bold=True, size=32), span=2, fill="D9D9D9")), tr(tc("Date"), tc())
        ),
        tbl(tr(bold_cell("About the child", span=2, fill=DARK)), tr(tc("Name"), tc())),
    )
    assert form.title == "Child Referral Form"
    assert titles(form) == ["About the child"]


def test_placeholder_prompt_left_as_plain_text_is_an_answer_slot(tmp_path):
    """A form whose content controls were lost (opened and saved again elsewhere) keeps Word's prompt as
    plain text after each label: the prompt marks the answer, the text before it is the label."""
    form = read(
        tmp_path,
        p("Child", style="Heading1"),
        p("Child's name: Click or tap here to enter text."),
        p("Date of birth: Click or tap to enter a date."),
        tbl(tr(tc("School: Click here to enter text."), tc("Year group: Click or tap here to enter text."))),
        p("What are the worries?"),
        p("Click or tap here to enter text."),
    )
    assert fields(form) == [
        ("Child", "Child's name", "text"),
        ("Child", "Date of birth", "date"),
        ("Child", "School", "text"),
        ("Child", "Year group", "text"),
        ("Child", "What are the worries?", "text"),
    ]


def test_numbers_in_cells_of_their_own_number_headings_and_questions(tmp_path):
    """ "2 | ABOUT THE FAMILY | |" shaded alike is a heading row; "2.1 | Address | ____" a numbered question."""
    shade = "D9D9D9"
    form = read(
        tmp_path,
        tbl(
            tr(tc("1", fill=shade), bold_cell("ABOUT THE CHILD", fill=shade), tc(fill=shade)),
            tr(tc("1.1"), tc("Name"), tc()),
            tr(tc("1.2"), tc("School"), tc()),
            tr(tc("2", fill=shade), bold_cell("ABOUT THE FAMILY", fill=shade), tc(fill=shade)),
            tr(tc("2.1"), tc("Address"), tc()),
            cols=3,
        ),
    )
    assert titles(form) == ["ABOUT THE CHILD", "ABOUT THE FAMILY"]
    assert fields(form) == [
        ("ABOUT THE CHILD", "Name", "text"),
        ("ABOUT THE CHILD", "School", "text"),
        ("ABOUT THE FAMILY", "Address", "text"),
    ]
