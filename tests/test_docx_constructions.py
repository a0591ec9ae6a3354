"""Word form constructions met in other councils' templates: one focused test per heuristic, on forms built here.

Each test states the general construction it stands for; none uses text from an evaluation form.
"""

from __future__ import annotations

from formaudit import read_form
from tests.docxbuild import make_docx, p, sdt_checkbox, sdt_text, tbl, tc, textbox, tr


def read(tmp_path, *blocks):
    return read_form(make_docx(tmp_path / "form.docx", *blocks))


def fields(form):
    return [(s.title, f.label, f.kind) for s, f in form.iter_fields()]


def H(text, level=1):
    return p(text, style=f"Heading{level}")


# ------------------------------------------------------------------ one-line answer areas
def test_label_row_over_a_one_line_answer_row_takes_the_labels_kind(tmp_path):
    """A full-width label row over an empty row of one line (no height stated, one paragraph) asks for a
    short answer: its kind is the label's; a tall row under a label is still a long answer."""
    form = read(
        tmp_path,
        H("About the child"),
        tbl(
            tr(tc("Full name", span=2)),
            tr(tc("", span=2)),
            tr(tc("Date of birth", span=2)),
            tr(tc("", span=2)),
            tr(tc("Reasons for the request", span=2)),
            tr(tc("", span=2)),
            tr(tc("What happened", span=2)),
            tr(tc("", span=2), height=2000),
            cols=2,
        ),
    )
    assert fields(form) == [
        ("About the child", "Full name", "text"),
        ("About the child", "Date of birth", "date"),
        ("About the child", "Reasons for the request", "long_text"),
        ("About the child", "What happened", "long_text"),
    ]


def test_form_laid_out_in_text_boxes_label_box_over_answer_box(tmp_path):
    """Labels in text boxes, each over an empty text box: a one-line box takes the label's kind."""
    form = read(
        tmp_path,
        H("Referral"),
        p(textbox(p("Name of person referring"))),
        p(textbox(p(""))),
        p(textbox(p("Date of referral"))),
        p(textbox(p(""))),
        p(textbox(p("Reason for referral"), p(""), p(""), p(""))),
    )
    assert fields(form) == [
        ("Referral", "Name of person referring", "text"),
        ("Referral", "Date of referral", "date"),
        ("Referral", "Reason for referral", "long_text"),
    ]


# ------------------------------------------------------------------ headings
def test_bold_section_letter_with_a_colon_is_a_heading(tmp_path):
    """ "Section A: The child" in bold at body size announces a part, although it holds a colon."""
    form = read(
        tmp_path,
        p("Section A: The child", bold=True),
        p("Name: ________"),
        p("Part 2 - The family", bold=True),
        p("Address: ________"),
    )
    assert [s.title for s in form.sections if s.title] == ["Section A: The child", "Part 2 - The family"]
    assert [f.label for f in form.fields] == ["Name", "Address"]


# ------------------------------------------------------------------ option columns
def test_checklist_with_answer_columns_is_one_choice_per_row(tmp_path):
    """A header row naming the answers ("| Yes | No |", with or without a header over the questions, and a
    free-text column after them): each row's question is a choice between those answers."""
    form = read(
        tmp_path,
        H("Risks"),
        tbl(
            tr(tc("Factor"), tc("Yes"), tc("No"), tc("Comments")),
            tr(tc("Housing problems"), tc(""), tc(""), tc("")),
            tr(tc("Debt"), tc("☐"), tc("☐"), tc("")),
            cols=4,
        ),
        H("Views"),
        tbl(
            tr(tc(""), tc("Agree"), tc("Disagree")),
            tr(tc("The plan is clear"), tc(p(sdt_checkbox())), tc(p(sdt_checkbox()))),
            tr(tc("I was listened to"), tc(p(sdt_checkbox())), tc(p(sdt_checkbox()))),
            cols=3,
        ),
    )
    got = [(s.title, f.label, f.kind, f.options) for s, f in form.iter_fields()]
    assert got == [
        ("Risks", "Housing problems", "yes_no", ["Yes", "No"]),
        ("Risks", "Debt", "yes_no", ["Yes", "No"]),
        ("Views", "The plan is clear", "choice", ["Agree", "Disagree"]),
        ("Views", "I was listened to", "choice", ["Agree", "Disagree"]),
    ]


def test_grid_whose_headers_are_not_answers_stays_a_repeating_record(tmp_path):
    """Column headers outside the answer vocabulary ("Telephone", "Email") head a grid, not a checklist."""
    form = read(
        tmp_path,
        H("Contacts"),
        tbl(tr(tc("Name"), tc("Telephone"), tc("Email")), tr(tc(""), tc(""), tc("")), cols=3),
    )
    assert fields(form) == [
        ("Contacts", "Name", "text"),
        ("Contacts", "Telephone", "phone"),
        ("Contacts", "Email", "email"),
    ]


# ------------------------------------------------------------------ person x detail matrices
def test_people_rows_by_detail_columns_under_a_heading_are_records(tmp_path):
    """Rows naming people ("Mother", "Father", "Child 1") under columns naming their details: one record per
    row, each column header one field of the repeating record."""
    form = read(
        tmp_path,
        H("Family members"),
        tbl(
            tr(tc(""), tc("Full name"), tc("Date of birth"), tc("Relationship")),
            tr(tc("Mother"), tc(""), tc(""), tc("")),
            tr(tc("Father"), tc(""), tc(""), tc("")),
            tr(tc("Child 1"), tc(""), tc(""), tc("")),
            cols=4,
        ),
    )
    assert fields(form) == [
        ("Family members", "Full name", "text"),
        ("Family members", "Date of birth", "date"),
        ("Family members", "Relationship", "text"),
    ]
    assert {f.repeat["rows"] for f in form.fields} == {3}
    assert len({f.repeat["group"] for f in form.fields}) == 1


def test_people_matrix_whose_corner_names_the_rows_is_a_record_too(tmp_path):
    """A corner header naming the rows ("Family member") does not change the records."""
    form = read(
        tmp_path,
        H("Household"),
        tbl(
            tr(tc("Family member"), tc("Full name"), tc("Date of birth")),
            tr(tc("Mother"), tc(""), tc("")),
            tr(tc("Father"), tc(""), tc("")),
            cols=3,
        ),
    )
    assert fields(form) == [("Household", "Full name", "text"), ("Household", "Date of birth", "date")]
    assert {f.repeat["rows"] for f in form.fields} == {2}


def test_detail_rows_by_people_columns_under_a_heading_are_records(tmp_path):
    """The same records turned on their side ("| Parent 1 | Parent 2" over "Full name", "Telephone"): each row
    label is one field of a record repeated once per column."""
    form = read(
        tmp_path,
        H("Parents"),
        tbl(
            tr(tc(""), tc("Parent 1"), tc("Parent 2")),
            tr(tc("Full name"), tc(""), tc("")),
            tr(tc("Telephone"), tc(""), tc("")),
            tr(tc("Home address"), tc(""), tc("")),
            cols=3,
        ),
    )
    assert fields(form) == [
        ("Parents", "Full name", "text"),
        ("Parents", "Telephone", "phone"),
        ("Parents", "Home address", "text"),
    ]
    assert {f.repeat["rows"] for f in form.fields} == {2}


def test_people_by_detail_matrix_with_a_caption_stays_one_table(tmp_path):
    form = read(
        tmp_path,
        H("Family"),
        p("Who lives in the household?"),
        tbl(
            tr(tc(""), tc("Full name"), tc("Date of birth")),
            tr(tc("Mother"), tc(""), tc("")),
            tr(tc("Father"), tc(""), tc("")),
            cols=3,
        ),
    )
    assert fields(form) == [("Family", "Who lives in the household?", "table")]


# ------------------------------------------------------------------ more layouts
def _textbox_of_height(twips, *paras):
    """A DrawingML text box whose shape states its height (``wp:extent cy`` in EMU)."""
    inner = "".join(paras)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        f'<wp:extent cx="5000000" cy="{twips * 635}"/><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"
    )


def test_text_box_with_a_label_and_one_line_of_room_is_a_short_answer(tmp_path):
    """A text box holding its label and room for one more line asks for a short answer; a tall one for a
    long one."""
    form = read(
        tmp_path,
        H("Details"),
        p(_textbox_of_height(500, p("Surname:"), p(""))),
        p(_textbox_of_height(2400, p("Family history"), p(""))),
    )
    assert fields(form) == [("Details", "Surname", "text"), ("Details", "Family history", "long_text")]


def test_option_cells_under_a_full_width_question_row_are_its_options(tmp_path):
    """ "☐ option" cells laid out in a grid under a full-width question row are one list of that question."""
    form = read(
        tmp_path,
        H("Needs"),
        tbl(
            tr(tc("Which kinds of help are wanted? (tick all that apply)", span=2)),
            tr(tc(p("☐ Advice")), tc(p("☐ Money"))),
            tr(tc(p("☐ Transport")), tc(p("☐ Respite"))),
            tr(tc("Other help"), tc("")),
            cols=2,
        ),
    )
    got = [(f.label, f.kind, f.options) for f in form.fields]
    assert got == [
        (
            "Which kinds of help are wanted? (tick all that apply)",
            "multi_choice",
            ["Advice", "Money", "Transport", "Respite"],
        ),
        ("Other help", "text", []),
    ]


def _shaded(text, fill="D9D9D9"):
    return f'<w:p><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:pPr>{run_xml(text)}</w:p>'


def run_xml(text):
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_short_paragraph_on_a_shaded_band_is_a_heading(tmp_path):
    """Paragraph shading makes a band across the page: a short band heads what follows; a band that reads
    as a label or a sentence does not."""
    form = read(
        tmp_path,
        _shaded("The child"),
        p("Name: ________"),
        _shaded("Please complete every part of this form."),
        _shaded("The carer"),
        p("Telephone: ________"),
    )
    assert [s.title for s in form.sections if s.title] == ["The child", "The carer"]
    assert fields(form) == [("The child", "Name", "text"), ("The carer", "Telephone", "phone")]


def test_dotted_date_blank(tmp_path):
    form = read(tmp_path, p("Date of visit ..../..../........   Time ........"))
    assert [(f.label, f.kind) for f in form.fields] == [("Date of visit", "date"), ("Time", "time")]


def test_rows_after_a_grid_that_opens_a_table_are_read(tmp_path):
    """A table opening with labels over their answer row goes on with more label rows: all are read."""
    form = read(
        tmp_path,
        H("Child"),
        tbl(
            tr(tc("Surname"), tc("Forename")),
            tr(tc(""), tc("")),
            tr(tc("Address"), tc("Postcode")),
            tr(tc(""), tc("")),
            tr(tc("School"), tc("")),
            cols=2,
        ),
    )
    assert [f.label for f in form.fields] == ["Surname", "Forename", "Address", "Postcode", "School"]


def test_checklist_with_a_numbering_column_before_its_questions(tmp_path):
    form = read(
        tmp_path,
        H("Home safety"),
        tbl(
            tr(tc("No."), tc("Check"), tc("Yes"), tc("No"), tc("N/A")),
            tr(tc("1"), tc("Stair gate fitted"), tc(""), tc(""), tc("")),
            tr(tc("2"), tc("Cupboard locks fitted"), tc(""), tc(""), tc("")),
            cols=5,
        ),
    )
    got = [(f.label, f.kind, f.options) for f in form.fields]
    assert got == [
        ("Stair gate fitted", "yes_no", ["Yes", "No", "N/A"]),
        ("Cupboard locks fitted", "yes_no", ["Yes", "No", "N/A"]),
    ]


def _sym(char, font):
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def test_inserted_symbol_boxes_of_every_wingdings_kind(tmp_path):
    """Boxes inserted as symbols (``w:sym``) in Wingdings or Wingdings 2, empty, crossed or ticked, are tick
    boxes; a letter of the Symbol font is not."""
    form = read(
        tmp_path,
        H("Home"),
        p("Smoker? Yes ", _sym("F0FD", "Wingdings"), " No ", _sym("F0FD", "Wingdings")),
        p("Pets? Yes ", _sym("F052", "Wingdings 2"), " No ", _sym("F054", "Wingdings 2")),
        p("Angle ", _sym("F071", "Symbol"), " in degrees: ______"),
    )
    got = [(f.label, f.kind) for f in form.fields]
    assert got == [("Smoker?", "yes_no"), ("Pets?", "yes_no"), ("Angle in degrees", "text")]


def test_plain_text_control_in_a_one_line_row_under_its_label_is_short(tmp_path):
    form = read(
        tmp_path,
        H("Referrer"),
        tbl(
            tr(tc("Name of referrer")),
            tr(tc(p(sdt_text()))),
            tr(tc("What is the referral about")),
            tr(tc(p(sdt_text(rich=True)))),
            cols=1,
        ),
    )
    assert fields(form) == [
        ("Referrer", "Name of referrer", "text"),
        ("Referrer", "What is the referral about", "long_text"),
    ]


# ------------------------------------------------------------------ drop-down prompts, hints in answer cells
def _dropdown(options):
    items = "".join(f'<w:listItem w:displayText="{o}" w:value="{o}"/>' for o in options)
    return (
        f"<w:sdt><w:sdtPr><w:dropDownList>{items}</w:dropDownList></w:sdtPr>"
        f'<w:sdtContent><w:r><w:t xml:space="preserve">{options[0]}</w:t></w:r></w:sdtContent></w:sdt>'
    )


def test_drop_down_prompt_entries_are_not_options(tmp_path):
    """A list's first entry is often a prompt ("Please select", "-- Select --", "Select one"): never an option."""
    from tests.docxbuild import ff_drop

    form = read(
        tmp_path,
        H("Details"),
        p("Consent given ", _dropdown(["-- Select --", "Yes", "No"])),
        p("Ethnic group ", _dropdown(["Please select", "White", "Mixed"])),
        p("Gender ", ff_drop(["Select one", "Male", "Female"])),
        p("Preferred contact ", _dropdown(["Phone", "Selected days only"])),
    )
    got = [(f.label, f.kind, f.options) for f in form.fields]
    assert got == [
        ("Consent given", "yes_no", ["Yes", "No"]),
        ("Ethnic group", "choice", ["White", "Mixed"]),
        ("Gender", "choice", ["Male", "Female"]),
        ("Preferred contact", "choice", ["Phone", "Selected days only"]),
    ]


def test_answer_cell_holding_only_a_bracketed_hint_is_the_answer_area(tmp_path):
    form = read(
        tmp_path,
        H("Referral"),
        tbl(
            tr(tc("Name of school"), tc("(if known)")),
            tr(tc("Date of last contact"), tc("(dd/mm/yyyy)")),
            cols=2,
        ),
    )
    assert fields(form) == [
        ("Referral", "Name of school", "text"),
        ("Referral", "Date of last contact", "date"),
    ]


def test_option_prompt_vocabulary():
    from formaudit.readers.docx.blocks import is_option_prompt

    for prompt in (
        "Choose an item.",
        "Please select",
        "-- Select --",
        "Select one",
        "[Choose from the list]",
    ):
        assert is_option_prompt(prompt), prompt
    for option in ("Selected days only", "Choice of school", "Please see notes", "Pick-up arranged"):
        assert not is_option_prompt(option), option


def test_answer_box_drawn_as_a_table_inside_the_answer_cell(tmp_path):
    """ "Label | [a one-column table inside the cell]": the inner table is the label's answer box; a tall one is a
    long answer."""
    form = read(
        tmp_path,
        H("Family"),
        tbl(
            tr(tc("Home address"), tc(tbl(tr(tc("")), cols=1))),
            tr(tc("Family history"), tc(tbl(tr(tc(""), height=2400), cols=1))),
            tr(tc("Telephone"), tc("")),
            cols=2,
        ),
    )
    assert fields(form) == [
        ("Family", "Home address", "text"),
        ("Family", "Family history", "long_text"),
        ("Family", "Telephone", "phone"),
    ]


def test_bold_paragraph_over_labelled_blank_lines_is_their_heading(tmp_path):
    """A short bold body-size paragraph over "Label: ____" lines heads them; over lines with no label of their
    own (ruled lines, a tick-box list) it is their question."""
    from tests.docxbuild import ruled

    form = read(
        tmp_path,
        p("About the carer", bold=True),
        p("Name: ____________"),
        p("Date of birth: ___/___/_____"),
        p("What support is needed", bold=True),
        ruled(4),
        p("Preferred contact", bold=True),
        p("☐ Phone"),
        p("☐ Letter"),
    )
    assert [s.title for s in form.sections if s.title] == ["About the carer"]
    assert fields(form) == [
        ("About the carer", "Name", "text"),
        ("About the carer", "Date of birth", "date"),
        ("About the carer", "What support is needed", "long_text"),
        ("About the carer", "Preferred contact", "choice"),
    ]


def test_box_and_option_in_cells_of_their_own_under_a_question_row(tmp_path):
    form = read(
        tmp_path,
        H("Services"),
        tbl(
            tr(tc("Which services are involved?", span=2)),
            tr(tc(p(sdt_checkbox())), tc("Housing")),
            tr(tc("☐"), tc("Education")),
            tr(tc("Anything else"), tc("")),
            cols=2,
        ),
    )
    got = [(f.label, f.kind, f.options) for f in form.fields]
    assert got == [
        ("Which services are involved?", "choice", ["Housing", "Education"]),
        ("Anything else", "text", []),
    ]


def test_list_ticked_in_a_column_of_its_own_is_one_question(tmp_path):
    """ "Type of help | Tick" over "option | ☐" rows: one question, its options the rows; a "Label | ☐" row
    without such a header stays a check box of its own."""
    form = read(
        tmp_path,
        H("Help"),
        tbl(
            tr(tc("Type of help"), tc("Tick")),
            tr(tc("Parenting"), tc("☐")),
            tr(tc("Money advice"), tc("")),
            cols=2,
        ),
        tbl(tr(tc("Urgent"), tc("☐")), cols=2),
    )
    got = [(f.label, f.kind, f.options) for f in form.fields]
    assert got == [
        ("Type of help", "multi_choice", ["Parenting", "Money advice"]),
        ("Urgent", "checkbox", []),
    ]


def test_inline_options_with_separators_or_no_gap_before_the_first(tmp_path):
    """ "Yes ☐ / No ☐": the slash belongs to no option; "Smoker Y ☐ N ☐": with no colon or gap, the label ends
    where the printed answers begin."""
    form = read(
        tmp_path,
        H("Household"),
        p("Is the home safe? Yes ☐ / No ☐"),
        p("Smoker Y ☐ N ☐"),
        p("Pets in the home Yes ☐ No ☐ Not known ☐"),
    )
    got = [(f.label, f.kind, f.options) for f in form.fields]
    assert got == [
        ("Is the home safe?", "yes_no", ["Yes", "No"]),
        ("Smoker", "yes_no", ["Y", "N"]),
        ("Pets in the home", "yes_no", ["Yes", "No", "Not known"]),
    ]


def test_write_in_labels_spaced_by_tabs_on_one_line(tmp_path):
    """ "Name:<tab><tab>Date of birth:<tab>" (no leaders, no blanks): a write-in field per label, in order
    before the lines that follow."""
    tab = "<w:r><w:tab/></w:r>"
    form = read(
        tmp_path,
        H("Details"),
        p("Name:", tab, tab, "Date of birth:", tab),
        p("Address: ______________"),
    )
    assert fields(form) == [
        ("Details", "Name", "text"),
        ("Details", "Date of birth", "date"),
        ("Details", "Address", "text"),
    ]


def test_tracked_moves_read_where_the_text_now_stands(tmp_path):
    """A form saved with tracked changes: moved text is read at its new place (``w:moveTo``), not at the old
    one (``w:moveFrom``), and deleted text not at all."""
    moved_to = '<w:moveTo w:id="1" w:author="a"><w:r><w:t xml:space="preserve">Name of school: </w:t></w:r></w:moveTo>'
    moved_from = '<w:moveFrom w:id="2" w:author="a"><w:r><w:t>Old label: ____</w:t></w:r></w:moveFrom>'
    deleted = '<w:del w:id="3" w:author="a"><w:r><w:delText>Removed: ____</w:delText></w:r></w:del>'
    form = read(
        tmp_path,
        H("School"),
        p(moved_to, "____________"),
        p(moved_from),
        p(deleted),
    )
    assert fields(form) == [("School", "Name of school", "text")]


def test_lines_to_write_on_right_under_a_heading_answer_it(tmp_path):
    """A heading followed directly by lines to write on (ruled paragraphs, a bare blank) is the question they
    answer: a section and a field of the same label, as over an answer box."""
    from tests.docxbuild import ruled

    form = read(
        tmp_path,
        H("What are the worries?"),
        ruled(4),
        _shaded("Name of the child"),
        p("______________________"),
        H("Next steps"),
        p("Who will do what: ____________"),
    )
    assert fields(form) == [
        ("What are the worries?", "What are the worries?", "long_text"),
        ("Name of the child", "Name of the child", "text"),
        ("Next steps", "Who will do what", "text"),
    ]


def test_checklist_header_heads_its_rows_across_sub_heading_rows(tmp_path):
    form = read(
        tmp_path,
        H("Health"),
        tbl(
            tr(tc("Question"), tc("Yes"), tc("No")),
            tr(tc(p("Physical health", bold=True), span=3, fill="D9D9D9")),
            tr(tc("Registered with a dentist"), tc(""), tc("")),
            tr(tc(p("Emotional health", bold=True), span=3, fill="D9D9D9")),
            tr(tc("Sleeps well"), tc(""), tc("")),
            cols=3,
        ),
    )
    got = [(s.title, f.label, f.kind) for s, f in form.iter_fields()]
    assert got == [
        ("Physical health", "Registered with a dentist", "yes_no"),
        ("Emotional health", "Sleeps well", "yes_no"),
    ]


def test_boxes_one_per_character_and_spaced_date_blanks_are_write_ins(tmp_path):
    """Boxes drawn one per character ("☐☐/☐☐/☐☐☐☐", "☐☐☐☐ ☐☐☐") and spaced-out date blanks are places to
    write, not tick boxes or text; single boxes beside options stay tick boxes."""
    form = read(
        tmp_path,
        H("Dates"),
        p("Date of birth: __ __ / __ __ / __ __ __ __"),
        p("Date of visit: ☐☐/☐☐/☐☐☐☐"),
        p("Postcode: ☐☐☐☐ ☐☐☐"),
        p("Date seen: D D / M M / Y Y Y Y"),
        p("Seen alone? Yes ☐ No ☐"),
        tbl(tr(tc("Date of review"), tc("☐☐/☐☐/☐☐☐☐")), cols=2),
    )
    assert fields(form) == [
        ("Dates", "Date of birth", "date"),
        ("Dates", "Date of visit", "date"),
        ("Dates", "Postcode", "text"),
        ("Dates", "Date seen", "date"),
        ("Dates", "Seen alone?", "yes_no"),
        ("Dates", "Date of review", "date"),
    ]
