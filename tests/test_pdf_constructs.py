"""PDF reader: constructions councils publish (issue 9) — option groups, captions, wrapped labels,
date boxes, web forms printed from a browser. Each test builds the construct it names."""

from __future__ import annotations

from formaudit.readers.pdf import read_pdf
from tests.pdfbuild import Page, use_dejavu


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


# ---------------------------------------------------------------------------------- drawing helpers
def _grey_text(pg: Page, x, top, s, size=10, grey=0.35):
    pg.c.setFillGray(grey)
    pg.text(x, top, s, size=size)
    pg.c.setFillGray(0)


def _circle(pg: Page, x, top, d):
    from tests.pdfbuild import H

    pg.c.circle(x + d / 2, H - top - d / 2, d / 2, stroke=1, fill=0)


def _fields(form):
    return [(f.label, f.kind, f.options) for f in form.fields]


# ---------------------------------------------------------------------------------- dates in boxes
def test_date_drawn_as_boxes_with_separators_is_one_date_field(tmp_path):
    p = tmp_path / "datebox.pdf"
    pg = Page(p)
    pg.text(50, 100, "Review due:")
    for x, w in ((120, 22), (150, 22), (180, 40)):
        pg.rect(x, 98, w, 14)
    pg.text(144, 100, "/")
    pg.text(174, 100, "/")
    pg.text(50, 130, "Worker's name:")
    pg.rect(130, 128, 300, 14)
    pg.save()
    assert _fields(read_pdf(p)) == [("Review due", "date", []), ("Worker's name", "text", [])]


def test_web_date_with_day_month_year_captions_is_one_date_field(tmp_path):
    p = tmp_path / "webdate.pdf"
    pg = Page(p)
    pg.text(40, 80, "When did the family move here?", size=14)
    _grey_text(pg, 40, 100, "For example, 27 3 2019", size=14)
    for x, cap, w in ((40, "Day", 42), (100, "Month", 42), (160, "Year", 72)):
        pg.text(x, 124, cap, size=14)
        pg.rect(x, 144, w, 28)
    pg.text(40, 200, "Name of the school", size=14)
    pg.rect(40, 220, 330, 28)
    pg.save()
    form = read_pdf(p)
    assert _fields(form) == [
        ("When did the family move here?", "date", []),
        ("Name of the school", "text", []),  # a 28 pt box at 14 pt text holds one line
    ]


# ---------------------------------------------------------------------------------- web form markers
def test_web_radios_are_circles_and_check_boxes_large_squares_under_their_legends(tmp_path):
    p = tmp_path / "markers.pdf"
    pg = Page(p)
    pg.text(40, 60, "How would you like us to contact you?", size=18, font="Helvetica-Bold")
    for i, o in enumerate(["Email", "Phone", "Letter"]):
        _circle(pg, 40, 90 + i * 38, 28)
        pg.text(80, 96 + i * 38, o, size=14)
    pg.text(40, 220, "Which languages are spoken at home?", size=18, font="Helvetica-Bold")
    _grey_text(pg, 40, 244, "Select all that apply.", size=14)
    for i, o in enumerate(["English", "Polish", "Urdu"]):
        pg.rect(40, 270 + i * 38, 28, 28)
        pg.text(80, 276 + i * 38, o, size=14)
    pg.save()
    form = read_pdf(p)
    assert [s.title for s in form.sections if s.title] == []
    assert _fields(form) == [
        ("How would you like us to contact you?", "choice", ["Email", "Phone", "Letter"]),
        ("Which languages are spoken at home?", "multi_choice", ["English", "Polish", "Urdu"]),
    ]


def test_grey_hint_under_a_label_is_not_part_of_it(tmp_path):
    p = tmp_path / "hint.pdf"
    pg = Page(p)
    pg.text(40, 80, "Name of your GP surgery", size=14)
    _grey_text(pg, 40, 100, "It is on your payslip or letters about benefits", size=14)
    pg.rect(40, 124, 200, 28)
    pg.save()
    assert _fields(read_pdf(p)) == [("Name of your GP surgery", "text", [])]


def test_web_page_header_banner_and_caption_above_the_title_are_furniture(tmp_path):
    p = tmp_path / "furniture.pdf"
    pg = Page(p)
    pg.c.setFillGray(0.05)
    pg.c.rect(28, 842 - 80, 540, 46, stroke=0, fill=1)
    pg.c.setFillGray(1)
    pg.text(40, 45, "Anytown Council  Family services", size=16)
    pg.c.setFillGray(0)
    pg.text(40, 95, "BETA This is a new service - your feedback will help us to improve it.", size=11)
    pg.text(40, 118, "Back", size=11)
    _grey_text(pg, 40, 150, "Early help", size=18)
    pg.text(40, 175, "Ask for early help", size=30, font="Helvetica-Bold")
    pg.text(40, 240, "Your details", size=22, font="Helvetica-Bold")
    pg.text(40, 270, "Tell us who you are so that we can contact you about your request.", size=14)
    pg.text(40, 300, "Full name", size=14)
    pg.rect(40, 320, 330, 28)
    pg.text(40, 370, "Save and continue", size=14)
    pg.text(20, 828, "https://forms.anytown.example/early-help", size=6)
    pg.text(560, 828, "1/1", size=6)
    pg.text(20, 10, "01/04/2024, 09:00", size=6)
    pg.save()
    form = read_pdf(p)
    assert form.title == "Ask for early help"
    assert [s.title for s in form.sections if s.title] == ["Your details"]
    assert _fields(form) == [("Full name", "text", [])]
    text = " ".join(s.guidance or "" for s in form.sections)
    assert "Save and continue" not in text and "https://" not in text and "09:00" not in text


def test_bold_sentence_is_guidance_not_a_heading(tmp_path):
    p = tmp_path / "sentence.pdf"
    pg = Page(p)
    pg.text(50, 30, "Referral form", size=20, font="Helvetica-Bold")
    pg.text(50, 60, "Referral details", size=14, font="Helvetica-Bold")
    pg.text(50, 90, "You must tell the family before you send this referral to us.", font="Helvetica-Bold")
    pg.text(50, 120, "Reason for referral: ____________________")
    pg.save()
    form = read_pdf(p)
    assert [s.title for s in form.sections if s.title] == ["Referral details"]
    assert [f.label for f in form.fields] == ["Reason for referral"]


# ---------------------------------------------------------------------------------- tick lists
def test_long_tick_list_in_two_columns_is_multi_choice_read_down_each_column(tmp_path):
    font = use_dejavu()
    if font is None:
        import pytest

        pytest.skip("DejaVu Sans not installed")
    p = tmp_path / "ticks.pdf"
    pg = Page(p)
    pg.text(50, 80, "Support already in place:", font=font)
    opts = [f"Service {c}" for c in "ABCDEFGHIJ"]
    for i, o in enumerate(opts):
        col, row = divmod(i, 5)
        pg.text(60 + col * 200, 96 + row * 14, f"☐ {o}", font=font)
    pg.save()
    (f,) = read_pdf(p).fields
    assert (f.label, f.kind, f.options) == ("Support already in place", "multi_choice", opts)


def test_option_wrapped_under_its_own_text_joins_it(tmp_path):
    font = use_dejavu()
    if font is None:
        import pytest

        pytest.skip("DejaVu Sans not installed")
    p = tmp_path / "wrapopt.pdf"
    pg = Page(p)
    pg.text(50, 80, "Living arrangement:", font=font)
    pg.text(62, 96, "☐ With parents", font=font)
    pg.text(62, 110, "☐ With relatives or friends under a private arrangement (including", font=font)
    pg.text(74, 122, "informal kinship care)", font=font)
    pg.text(62, 136, "☐ Other", font=font)
    pg.save()
    (f,) = read_pdf(p).fields
    assert f.options == [
        "With parents",
        "With relatives or friends under a private arrangement (including informal kinship care)",
        "Other",
    ]


# ---------------------------------------------------------------------------------- Word exports
def test_table_row_split_by_a_page_break_is_one_question(tmp_path):
    """Word moved the end of a long label to the next page; the answer cell is split with it."""
    p = tmp_path / "split.pdf"
    pg = Page(p)
    pg.text(50, 60, "Assessment", size=14, font="Helvetica-Bold")
    pg.word_table(760, [(40, [("", None, False), ("", None, False)])], split=330)
    pg.text(54, 763, "Can the young person manage their money without")
    pg.text(54, 777, "help from")
    pg.new_page()
    rows = [(30, [("family or friends?", None, False), ("", None, False)])]
    rows.append((30, [("Who manages it now?", None, False), ("", None, False)]))
    pg.word_table(50, rows, split=330)
    pg.save()
    assert [f.label for f in read_pdf(p).fields] == [
        "Can the young person manage their money without help from family or friends?",
        "Who manages it now?",
    ]


def test_grid_with_row_labels_under_a_caption_is_one_table_field(tmp_path):
    p = tmp_path / "rowgrid.pdf"
    pg = Page(p)
    pg.text(50, 60, "Consultation", size=14, font="Helvetica-Bold")
    pg.text(50, 90, "Who has seen this report?")
    pg.word_table(
        110,
        [(20, [("", None, False), ("Yes/No", None, False), ("Date seen", None, False)])]
        + [
            (20, [(who, None, False), ("", None, False), ("", None, False)])
            for who in ("Young person", "Parent", "Carer")
        ],
    )
    pg.save()
    (f,) = read_pdf(p).fields
    assert (f.label, f.kind, f.columns) == ("Who has seen this report?", "table", ["", "Yes/No", "Date seen"])


def test_date_format_in_brackets_belongs_to_the_grid_header(tmp_path):
    p = tmp_path / "dobgrid.pdf"
    pg = Page(p)
    pg.text(50, 60, "Children in the household", size=14, font="Helvetica-Bold")
    pg.word_table(
        80,
        [(16, [("Name", None, False), ("Date of birth (dd/mm/yy)", None, False), ("School", None, False)])]
        + [(18, [("", None, False)] * 3)] * 3,
    )
    pg.save()
    assert [(f.label, f.kind) for f in read_pdf(p).fields] == [
        ("Name", "text"),
        ("Date of birth (dd/mm/yy)", "date"),
        ("School", "text"),
    ]


def test_word_prompt_wrapped_to_the_paragraph_margin_is_one_answer(tmp_path):
    p = tmp_path / "prompt.pdf"
    pg = Page(p)
    pg.text(50, 60, "Conference", size=14, font="Helvetica-Bold")
    pg.text(50, 90, "Dates of the core group meetings held since the last review: Click or tap here to enter")
    pg.text(50, 102, "text.")
    pg.text(50, 126, "Chair: Click or tap here to enter text.")
    pg.save()
    assert [f.label for f in read_pdf(p).fields] == [
        "Dates of the core group meetings held since the last review",
        "Chair",
    ]


def test_circle_options_beside_each_question_row_stay_with_their_own_question(tmp_path):
    p = tmp_path / "rows.pdf"
    pg = Page(p)
    pg.text(50, 40, "Parent details", size=14, font="Helvetica-Bold")
    for i, q in enumerate(["Has parental responsibility?", "Aware of this referral?"]):
        top = 70 + i * 20
        pg.text(50, top, q)
        for x, o in ((250, "Yes"), (300, "No")):
            _circle(pg, x, top, 10)
            pg.text(x + 14, top, o, size=9)
    pg.save()
    assert _fields(read_pdf(p)) == [
        ("Has parental responsibility?", "yes_no", ["Yes", "No"]),
        ("Aware of this referral?", "yes_no", ["Yes", "No"]),
    ]


# ---------------------------------------------------------------------------------- combs
def _comb(pg: Page, x, top, groups, side=12, gap=8, spacing=0):
    for n in groups:
        for _ in range(n):
            pg.rect(x, top, side, side + 2)
            x += side + spacing
        x += gap
    return x


def test_character_boxes_are_one_answer_a_date_when_grouped_day_month_year(tmp_path):
    p = tmp_path / "comb.pdf"
    pg = Page(p)
    pg.text(50, 40, "Referral", size=14, font="Helvetica-Bold")
    pg.text(50, 80, "Start:")
    _comb(pg, 130, 78, [2, 2, 4])  # touching boxes in three groups
    pg.text(50, 110, "Postcode:")
    _comb(pg, 130, 108, [7], spacing=2)  # boxes set apart
    pg.text(50, 140, "Child's name:")
    pg.rect(130, 138, 300, 16)
    pg.save()
    assert _fields(read_pdf(p)) == [
        ("Start", "date", []),
        ("Postcode", "text", []),
        ("Child's name", "text", []),
    ]


def _chevron(pg: Page, x, top, w=8, h=5):
    from tests.pdfbuild import H

    path = pg.c.beginPath()
    path.moveTo(x, H - top)
    path.lineTo(x + w / 2, H - top - h)
    path.lineTo(x + w, H - top)
    pg.c.drawPath(path, stroke=1, fill=0)


def test_web_drop_down_box_with_an_arrow_is_a_choice(tmp_path):
    p = tmp_path / "select.pdf"
    pg = Page(p)
    pg.text(40, 40, "Placement record", size=24, font="Helvetica-Bold")
    pg.text(40, 90, "Placement type", size=14)
    pg.rect(40, 110, 200, 28)
    pg.text(48, 117, "Choose placement type", size=14)
    _chevron(pg, 222, 121)
    pg.text(40, 160, "Legal status", size=14)
    pg.rect(40, 180, 200, 28)
    pg.text(48, 187, "Section 20", size=14)
    _chevron(pg, 222, 191)
    pg.text(40, 230, "Carer's name", size=14)
    pg.rect(40, 250, 330, 28)
    pg.save()
    assert _fields(read_pdf(p)) == [
        ("Placement type", "choice", []),  # a prompt is not an item
        ("Legal status", "choice", ["Section 20"]),
        ("Carer's name", "text", []),
    ]


def test_browser_native_controls_small_radios_rounded_check_boxes_and_date_input(tmp_path):
    from tests.pdfbuild import H

    p = tmp_path / "native.pdf"
    pg = Page(p)
    pg.text(40, 40, "Contact record", size=20, font="Helvetica-Bold")
    pg.text(40, 80, "Date of contact", size=10.5)
    pg.c.roundRect(40, H - 110, 93, 15, 2, stroke=1, fill=0)
    pg.text(44, 98, "dd/mm/yyyy", size=10)
    pg.text(40, 130, "Contact type", size=10.5)
    for x, o in ((40, "Telephone"), (120, "Email")):
        _circle(pg, x, 147, 9)
        pg.text(x + 12, 146, o, size=10.5)
    pg.text(40, 175, "Who was present?", size=10.5)
    for i, o in enumerate(["Child", "Parent"]):
        pg.c.roundRect(40, H - 192 - i * 15 - 9, 9, 9, 2, stroke=1, fill=0)
        pg.text(52, 191 + i * 15, o, size=10.5)
    pg.save()
    assert _fields(read_pdf(p)) == [
        ("Date of contact", "date", []),
        ("Contact type", "choice", ["Telephone", "Email"]),
        ("Who was present?", "choice", ["Child", "Parent"]),
    ]
