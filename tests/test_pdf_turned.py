"""PDF reader: constructions met on other councils' forms — pages stored turned (/Rotate) or drawn
sideways, and the like. Each test builds the construct it names and compares it with the plain one."""

from __future__ import annotations

import pytest

from formaudit.readers.pdf import read_pdf
from tests.pdfbuild import Page, use_dejavu


def outline(form):
    """Sections and fields as read: what must not depend on how the page is stored."""
    return [
        (s.title, s.level, [(f.label, f.kind, tuple(f.options)) for f in s.fields]) for s in form.sections
    ]


def _flat(p: Page, box: str) -> None:
    p.text(50, 40, "Referral record", size=16, font="Helvetica-Bold")
    p.text(50, 80, "About the child", size=13, font="Helvetica-Bold")
    p.text(50, 105, "Full name: ____________________________")
    p.text(50, 125, "Date of birth: ____/____/________")
    p.text(50, 145, "Disabled?  ☐ Yes   ☐ No", font=box)
    p.text(50, 175, "Reason for referral")
    p.rect(50, 190, 480, 90)
    p.text(50, 300, "Worker", size=13, font="Helvetica-Bold")
    p.text(50, 325, "Worker name: __________________________")
    p.text(50, 345, "Signature: ____________________________")


def _fillable(p: Page, box: str) -> None:
    p.text(50, 40, "Referral record", size=16, font="Helvetica-Bold")
    p.text(50, 80, "About the child", size=13, font="Helvetica-Bold")
    p.text(50, 105, "Full name")
    p.textfield("name", 160, 102)
    p.text(50, 130, "Date of birth")
    p.textfield("dob", 160, 127, w=90)
    p.text(50, 155, "Disabled?")
    p.radio("dis", "Yes", 160, 155)
    p.text(175, 155, "Yes")
    p.radio("dis", "No", 210, 155)
    p.text(225, 155, "No")
    p.text(50, 180, "Reason for referral")
    p.textfield("reason", 50, 195, w=480, h=80, fieldFlags="multiline")
    p.text(50, 300, "Worker", size=13, font="Helvetica-Bold")
    p.text(50, 325, "Worker name")
    p.textfield("wname", 160, 322)
    p.text(50, 350, "Team")
    p.choice("team", ["North", "South"], 160, 347)


def _two_pages(path, draw, box, **kw):
    p = Page(path, **kw)
    draw(p, box)
    p.new_page()
    draw(p, box)
    p.save()
    return read_pdf(path)


@pytest.mark.parametrize("draw", [_flat, _fillable], ids=["flat", "fillable"])
@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_page_stored_turned_reads_as_shown(tmp_path, draw, rotate):
    """A page stored turned (/Rotate, e.g. A4 landscape shown portrait) with its drawing and its
    widgets' rectangles turned the other way reads like the same page stored upright."""
    box = use_dejavu()
    if box is None:
        pytest.skip("DejaVu Sans not installed")
    upright = _two_pages(tmp_path / "upright.pdf", draw, box)
    turned = _two_pages(tmp_path / f"turned{rotate}.pdf", draw, box, rotate=rotate)
    assert len(upright.fields) >= 10
    assert outline(turned) == outline(upright)


@pytest.mark.parametrize("draw", [_flat, _fillable], ids=["flat", "fillable"])
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_page_drawn_sideways_reads_turned(tmp_path, draw, turn):
    """A form drawn on its side with no /Rotate (an A4 form printed across a landscape sheet):
    most of its characters run up, down or upside down, so the page is read turned upright."""
    box = use_dejavu()
    if box is None:
        pytest.skip("DejaVu Sans not installed")
    upright = _two_pages(tmp_path / "upright.pdf", draw, box)
    sideways = _two_pages(tmp_path / f"sideways{turn}.pdf", draw, box, sideways=turn)
    assert outline(sideways) == outline(upright)


def test_a_few_sideways_words_do_not_turn_the_page(tmp_path):
    """A rotated margin note beside an upright form: the page keeps its orientation."""
    box = use_dejavu()
    if box is None:
        pytest.skip("DejaVu Sans not installed")
    p = Page(tmp_path / "note.pdf")
    _flat(p, box)
    p.c.saveState()
    p.c.translate(30, 300)
    p.c.rotate(90)
    p.c.setFont("Helvetica", 7)
    p.c.drawString(0, 0, "Form ref 12 revised")
    p.c.restoreState()
    p.save()
    plain = Page(tmp_path / "plain.pdf")
    _flat(plain, box)
    plain.save()
    assert outline(read_pdf(tmp_path / "note.pdf")) == outline(read_pdf(tmp_path / "plain.pdf"))


# ------------------------------------------------------------------------------ flat writing lines
def kinds(form):
    return [(f.label, f.kind) for f in form.fields]


def test_rules_at_a_tab_stop_take_the_label_before_them_in_two_columns(tmp_path):
    """Two columns of "Label ____" drawn as rules starting at one tab stop per column: a short label
    ends far before its rule, but the rule is still its answer (not the other column's)."""
    for colon in ("", ":"):
        p = Page(tmp_path / f"two{colon!r}.pdf")
        p.text(50, 60, "Household", size=13, font="Helvetica-Bold")
        rows = [("Surname", "First name"), ("Date of birth", "Gender"), ("Home phone", "Mobile phone")]
        for i, (left, right) in enumerate(rows):
            p.text(50, 90 + i * 25, left + colon)
            p.hline(130, 290, 100 + i * 25)
            p.text(310, 90 + i * 25, right + colon)
            p.hline(390, 545, 100 + i * 25)
        p.save()
        assert kinds(read_pdf(tmp_path / f"two{colon!r}.pdf")) == [
            ("Surname", "text"),
            ("First name", "text"),
            ("Date of birth", "date"),
            ("Gender", "text"),
            ("Home phone", "phone"),
            ("Mobile phone", "phone"),
        ]


def test_dotted_leaders_dates_and_typed_writing_lines(tmp_path):
    """Blanks typed as dots: "Name .......", spaced dots ". . . .", ellipses, a date "..../..../....",
    and a question followed by lines of dots only (a long answer, like a stack of ruled lines)."""
    box = use_dejavu()
    if box is None:
        pytest.skip("DejaVu Sans not installed")
    p = Page(tmp_path / "dots.pdf")
    p.text(50, 60, "Personal details", size=13, font="Helvetica-Bold")
    p.text(50, 90, "Name " + "." * 80)
    p.text(50, 115, "Date of birth ......./......./...............")
    p.text(50, 140, "Telephone number: " + "…" * 40, font=box)
    p.text(50, 165, "Email " + ". " * 40)
    p.text(50, 200, "What would you like to happen?")
    for i in range(4):
        p.text(50, 220 + i * 20, "." * 95)
    p.text(50, 320, "Anything else?")
    for i in range(3):
        p.text(50, 340 + i * 20, "_" * 80)
    p.save()
    form = read_pdf(tmp_path / "dots.pdf")
    assert kinds(form) == [
        ("Name", "text"),
        ("Date of birth", "date"),
        ("Telephone number", "phone"),
        ("Email", "email"),
        ("What would you like to happen?", "long_text"),
        ("Anything else?", "long_text"),
    ]
    assert by_label(form)["What would you like to happen?"].capacity["lines"] == 4


def by_label(form):
    return {f.label: f for f in form.fields}


# ------------------------------------------------------------------------- tick boxes in symbol fonts
@pytest.mark.parametrize("to_unicode", [False, True], ids=["latin-codes", "private-use"])
def test_wingdings_boxes_are_tick_boxes_and_its_bullets_are_not(tmp_path, to_unicode):
    """Word's "Insert Symbol" boxes print in Wingdings: their text is a Latin-1 letter ("¨", "o")
    or a private-use character (U+F0A8). They are tick boxes; a Wingdings bullet ("l") is not."""
    from tests.pdfbuild import symbol_font_pdf

    box = b"\xa8"
    lines = [
        (
            60,
            [
                ("F1", b"Has the parent given consent?"),
                ("WD", box),
                ("F1", b"Yes"),
                ("WD", box),
                ("F1", b"No"),
            ],
        ),
        (90, [("F1", b"Which services are involved?")]),
        (105, [("WD", box), ("F1", b"Health visitor")]),
        (120, [("WD", box), ("F1", b"School nurse")]),
        (135, [("WD", b"o"), ("F1", b"Youth worker")]),
        (165, [("F1", b"Before you start")]),
        (180, [("WD", b"l"), ("F1", b"Read the guidance notes.")]),
        (210, [("F1", b"Name of worker: ____________________")]),
    ]
    p = tmp_path / "wd.pdf"
    symbol_font_pdf(p, lines, to_unicode)
    form = read_pdf(p)
    assert [(f.label, f.kind, f.options) for f in form.fields] == [
        ("Has the parent given consent?", "yes_no", ["Yes", "No"]),
        ("Which services are involved?", "choice", ["Health visitor", "School nurse", "Youth worker"]),
        ("Name of worker", "text", []),
    ]


# ------------------------------------------------------------------------------- XFA-only forms
XFA_TEMPLATE = """
<subform name="form1" layout="tb"><pageSet><pageArea name="Page1">
  <draw name="footer"><value><text>Page footer text</text></value></draw></pageArea></pageSet>
 <subform name="header" layout="tb">
  <draw name="Title"><value><text>Early help assessment</text></value><font size="16pt" weight="bold"/></draw>
  <draw name="intro"><value><text>Complete every part of this form with the family.</text></value></draw>
 </subform>
 <subform name="childDetails" layout="tb">
  <draw name="h1"><value><text>About the child</text></value><font size="12pt" weight="bold"/></draw>
  <field name="childName"><ui><textEdit/></ui><caption><value><text>Child's full name:</text></value></caption>
   <value><text>Jane Placeholder</text></value></field>
  <field name="dob"><ui><dateTimeEdit/></ui><caption><value><text>Date of birth</text></value></caption></field>
  <field name="phone"><ui><textEdit/></ui><assist><toolTip>Home telephone number</toolTip></assist></field>
  <field name="gender"><ui><choiceList/></ui><caption><value><text>Gender</text></value></caption>
   <items><text>Female</text><text>Male</text><text>Other</text></items>
   <items save="1" presence="hidden"><text>F</text><text>M</text><text>O</text></items></field>
  <draw name="q1"><value><text>Is the child known to social care?</text></value></draw>
  <exclGroup name="known">
   <field name="yes"><ui><checkButton shape="round"/></ui><caption><value><text>Yes</text></value></caption></field>
   <field name="no"><ui><checkButton shape="round"/></ui><caption><value><text>No</text></value></caption></field>
  </exclGroup>
  <field name="calc" presence="hidden"><ui><textEdit/></ui><caption><value><text>Hidden total</text></value></caption></field>
 </subform>
 <subform name="concerns" layout="tb">
  <draw name="h2"><value><text>Concerns</text></value><font size="12pt" weight="bold"/></draw>
  <field name="concern" h="60mm"><ui><textEdit multiLine="1"/></ui>
   <caption placement="top"><value><text>Describe the concerns</text></value></caption></field>
  <draw name="q2"><value><text>Which services are involved?</text></value></draw>
  <field name="s1"><ui><checkButton/></ui><caption><value><text>Health visitor</text></value></caption></field>
  <field name="s2"><ui><checkButton/></ui><caption><value><text>School nurse</text></value></caption></field>
  <field name="s3"><ui><checkButton/></ui><caption><value><text>Youth worker</text></value></caption></field>
  <field name="sig"><ui><signature/></ui><caption><value><text>Signature of worker</text></value></caption></field>
  <field name="btn"><ui><button/></ui><caption><value><text>Submit by email</text></value></caption></field>
 </subform>
</subform>"""


@pytest.mark.parametrize("packets", [True, False], ids=["packets", "one-stream"])
def test_xfa_only_form_is_read_from_its_template(tmp_path, packets):
    """A dynamic XFA form (LiveCycle): no widgets, a "please wait" page; the questions come from the
    template — captions or tooltips as labels, draw headings as sections, the kind from the field's
    ui, radio groups and check-box lists under their question; buttons, hidden fields, master-page
    text and field values are not read."""
    from tests.pdfbuild import raw_pdf_xfa

    p = tmp_path / "xfa.pdf"
    raw_pdf_xfa(p, XFA_TEMPLATE, packets=packets)
    form = read_pdf(p)
    assert form.title == "Early help assessment"
    assert [(s.title, s.level) for s in form.sections if s.title] == [("About the child", 1), ("Concerns", 1)]
    assert [(f.label, f.kind, f.options) for f in form.fields] == [
        ("Child's full name", "text", []),
        ("Date of birth", "date", []),
        ("Home telephone number", "phone", []),
        ("Gender", "choice", ["Female", "Male", "Other"]),
        ("Is the child known to social care?", "yes_no", ["Yes", "No"]),
        ("Describe the concerns", "long_text", []),
        ("Which services are involved?", "multi_choice", ["Health visitor", "School nurse", "Youth worker"]),
        ("Signature of worker", "signature", []),
    ]
    assert form.fields[5].capacity["lines"] >= 10
    assert "Jane Placeholder" not in repr(form.to_dict())


def test_xfa_form_without_readable_questions_is_one_line_error(tmp_path):
    """An XFA form whose template cannot be parsed, or holds no fields, while its page only asks for
    an XFA viewer: exit 2 with one line naming the file and the reason (not a silent empty form)."""
    import subprocess
    import sys

    from tests.pdfbuild import raw_pdf_xfa

    bad = tmp_path / "broken.pdf"
    raw_pdf_xfa(bad, "<subform><field name='a'><caption></subform>")
    empty = tmp_path / "empty.pdf"
    raw_pdf_xfa(
        empty, "<subform name='form1'><draw name='d'><value><text>Hello</text></value></draw></subform>"
    )
    for f, reason in (
        (bad, "XFA form whose template cannot be read"),
        (empty, "XFA form whose template holds no"),
    ):
        r = subprocess.run(
            [sys.executable, "-m", "formaudit", "extract", str(f), "--format", "json"],
            capture_output=True,
            text=True,
        )
        assert r.returncode == 2
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and f.name in lines[0] and reason in lines[0], r.stderr


# ------------------------------------------------------------------------------ AcroForm export values
@pytest.mark.parametrize("printed", [False, True], ids=["opt-only", "printed-options"])
def test_radio_group_with_opt_export_values(tmp_path, printed):
    """Radio buttons whose appearance states are indices ("0", "1", "2") into the field's /Opt array:
    the options are the /Opt texts (or the printed texts beside the buttons), never the indices."""
    from tests.pdfbuild import raw_pdf_radio_with_opt

    p = tmp_path / "opt.pdf"
    raw_pdf_radio_with_opt(
        p, "Is the child known to social care?", ["Yes", "No", "Not known"], printed=printed
    )
    [f] = read_pdf(p).fields
    assert (f.label, f.options) == ("Is the child known to social care?", ["Yes", "No", "Not known"])


# ------------------------------------------------------------------- tables drawn with rules only
ROWS = ["Name of child", "Date of birth", "Address", "School attended", "GP name"]


def _ruled_rows(p: Page, top: float, frame: bool) -> None:
    y = top
    p.hline(50, 530, y)
    for r in ROWS:
        p.text(54, y + 5, r)
        y += 22
        p.hline(50, 530, y)
    if frame:
        p.c.line(50, 842 - top, 50, 842 - y)
        p.c.line(530, 842 - top, 530, 842 - y)


@pytest.mark.parametrize("frame", [False, True], ids=["rules-only", "outer-frame"])
def test_label_rows_between_horizontal_rules_are_label_answer_rows(tmp_path, frame):
    """A Word table with horizontal borders only (or an outer frame but no column line): each row
    is a label and its empty answer space; the heading above is a section, not a label."""
    p = Page(tmp_path / "ruled.pdf")
    p.text(50, 20, "Referral form", size=16, font="Helvetica-Bold")
    p.text(50, 60, "Child details", size=13, font="Helvetica-Bold")
    _ruled_rows(p, 80, frame)
    p.save()
    form = read_pdf(tmp_path / "ruled.pdf")
    assert [s.title for s in form.sections if s.title] == ["Child details"]
    assert [f.label for f in form.fields] == ROWS
    assert by_label(form)["Date of birth"].kind == "date"


def test_header_row_over_empty_ruled_rows_is_a_grid(tmp_path):
    """Column headers over empty rows, all drawn with horizontal rules only: a grid under its heading,
    one field per column (a repeating record) — the headers are not section headings."""
    p = Page(tmp_path / "grid.pdf")
    p.text(50, 20, "Family form", size=16, font="Helvetica-Bold")
    p.text(50, 60, "Household members", size=13, font="Helvetica-Bold")
    cols = ["Name", "Relationship", "Date of birth", "School or work"]
    y = 80
    p.hline(50, 530, y)
    for i, c in enumerate(cols):
        p.text(54 + i * 120, y + 5, c, font="Helvetica-Bold")
    for _ in range(5):
        y += 22
        p.hline(50, 530, y)
    p.save()
    form = read_pdf(tmp_path / "grid.pdf")
    assert [s.title for s in form.sections if s.title] == ["Household members"]
    assert [f.label for f in form.fields] == cols
    assert all(f.repeat for f in form.fields)


def test_labels_written_on_full_width_rules_and_writing_lines(tmp_path):
    """Not ruled tables: labels sitting on their writing lines ("Name" on a rule running on under
    its answer: the label of the rest of the line), and a stack of empty writing lines under a
    question (one long answer)."""
    p = Page(tmp_path / "lines.pdf")
    labels = ["Name", "Address", "Telephone"]
    for i, lab in enumerate(labels):
        p.text(50, 80 + i * 22, lab)
        p.hline(50, 530, 80 + i * 22 + 10)
    p.text(50, 170, "Describe the support the carer gives")
    for i in range(4):
        p.hline(50, 530, 195 + i * 20)
    p.save()
    form = read_pdf(tmp_path / "lines.pdf")
    assert [(f.label, f.kind) for f in form.fields] == [
        ("Name", "text"),
        ("Address", "text"),
        ("Telephone", "phone"),
        ("Describe the support the carer gives", "long_text"),
    ]


def test_heading_between_two_ruled_tables_in_one_stack_of_rules(tmp_path):
    """Two rules-only tables one under the other, a larger heading between them in a taller row of the
    same rules: label rows above, a grid below, the heading a section of its own."""
    p = Page(tmp_path / "two.pdf")
    p.text(50, 20, "Family form", size=16, font="Helvetica-Bold")
    p.text(50, 50, "Child details", size=13, font="Helvetica-Bold")
    y = 70
    p.hline(50, 530, y)
    for r in ROWS[:3]:
        p.text(54, y + 5, r)
        y += 22
        p.hline(50, 530, y)
    p.text(50, y + 20, "Household members", size=13, font="Helvetica-Bold")
    y += 50
    p.hline(50, 530, y)
    cols = ["Name", "Relationship", "Date of birth"]
    for i, c in enumerate(cols):
        p.text(54 + i * 150, y + 5, c, font="Helvetica-Bold")
    for _ in range(4):
        y += 22
        p.hline(50, 530, y)
    p.save()
    form = read_pdf(tmp_path / "two.pdf")
    assert [(s.title, [f.label for f in s.fields]) for s in form.sections if s.title] == [
        ("Child details", ROWS[:3]),
        ("Household members", cols),
    ]


# ------------------------------------------------------------------------------- tick-box matrices
@pytest.mark.parametrize("drawn", [False, True], ids=["glyphs", "drawn-squares"])
def test_tick_box_matrix_rows_are_choices_named_by_the_header_row(tmp_path, drawn):
    """A table "question | Yes | No | Not known" with a tick box in each answer cell: each row is one
    choice whose options are the column headers (the header row itself is no question)."""
    box = use_dejavu()
    if box is None:
        pytest.skip("DejaVu Sans not installed")
    p = Page(tmp_path / "matrix.pdf")
    p.text(50, 20, "Referral", size=16, font="Helvetica-Bold")
    p.text(50, 40, "Needs", size=13, font="Helvetica-Bold")
    xs = [50, 300, 370, 440, 530]
    tops = [60, 80, 100, 120]
    p.grid(xs, tops)
    for i, h in enumerate(["Yes", "No", "Not known"]):
        p.text(xs[i + 1] + 4, 64, h, font="Helvetica-Bold")
    questions = ["Does the child have a disability?", "Is the child a young carer?"]
    for r, q in enumerate(questions):
        p.text(54, tops[r + 1] + 4, q)
        for c in range(1, 4):
            if drawn:
                p.rect(xs[c] + 25, tops[r + 1] + 5, 9, 9)
            else:
                p.text(xs[c] + 25, tops[r + 1] + 4, "☐", font=box)
    p.save()
    form = read_pdf(tmp_path / "matrix.pdf")
    assert [(f.label, f.kind, f.options) for f in form.fields] == [
        (q, "yes_no", ["Yes", "No", "Not known"]) for q in questions
    ]


# ------------------------------------------------------------------- options typed as plain text
def test_typed_circles_brackets_and_options_to_delete(tmp_path):
    """Options typed as characters on a flat form: "○ Yes ○ No", "[ ] Announced", "( ) Good", and a
    question answered by deleting printed options ("Yes / No (delete as appropriate)")."""
    box = use_dejavu()
    if box is None:
        pytest.skip("DejaVu Sans not installed")
    p = Page(tmp_path / "typed.pdf")
    p.text(50, 20, "Visit record", size=16, font="Helvetica-Bold")
    p.text(50, 60, "Visit details", size=13, font="Helvetica-Bold")
    p.text(50, 90, "Was the child seen?  Yes / No  (delete as appropriate)")
    p.text(50, 115, "Was the child seen alone?   ○ Yes   ○ No", font=box)
    p.text(50, 140, "Type of visit:   [ ] Announced   [ ] Unannounced")
    p.text(50, 165, "Home conditions:   ( ) Good   ( ) Adequate   ( ) Poor")
    p.text(50, 190, "Name of worker: ____________________")
    p.text(50, 215, "Please return the form (by post or by email) to the team.")
    p.save()
    form = read_pdf(tmp_path / "typed.pdf")
    assert [(f.label, f.kind, f.options) for f in form.fields] == [
        ("Was the child seen?", "yes_no", ["Yes", "No"]),
        ("Was the child seen alone?", "yes_no", ["Yes", "No"]),
        ("Type of visit", "choice", ["Announced", "Unannounced"]),
        ("Home conditions", "choice", ["Good", "Adequate", "Poor"]),
        ("Name of worker", "text", []),
    ]


def test_acroform_option_text_before_each_box(tmp_path):
    """ "Is the child disabled?  Yes [ ]  No [ ]": check boxes whose option text stands just before
    each box make one yes/no question labelled by the text before the options."""
    p = Page(tmp_path / "before.pdf")
    p.text(50, 60, "Is the child disabled?")
    p.text(200, 60, "Yes")
    p.checkbox("cb1", 222, 60)
    p.text(245, 60, "No")
    p.checkbox("cb2", 262, 60)
    p.text(50, 90, "Consent given?")
    p.checkbox("cb3", 150, 90)
    p.text(200, 90, "Information shared?")
    p.checkbox("cb4", 300, 90)
    p.save()
    form = read_pdf(tmp_path / "before.pdf")
    assert [(f.label, f.kind, f.options) for f in form.fields] == [
        ("Is the child disabled?", "yes_no", ["Yes", "No"]),
        ("Consent given?", "checkbox", []),
        ("Information shared?", "checkbox", []),
    ]


def test_labels_inside_their_one_line_boxes(tmp_path):
    """Paper-form boxes with their label printed inside at the left ("Full name:" then room to write):
    each box is that label's answer; a heading bar or a box of plain text is not."""
    p = Page(tmp_path / "inside.pdf")
    p.text(50, 20, "Referral", size=16, font="Helvetica-Bold")
    p.text(50, 60, "Child", size=13, font="Helvetica-Bold")
    for i, lab in enumerate(["Full name", "Address", "Date of birth"]):
        p.rect(50, 80 + i * 26, 480, 22)
        p.text(54, 86 + i * 26, lab + ":")
    p.rect(50, 170, 235, 22)
    p.text(54, 176, "School:")
    p.rect(295, 170, 235, 22)
    p.text(299, 176, "Year group:")
    p.bar(50, 210, 480, 22, 0.85)
    p.text(54, 216, "Family", size=13, font="Helvetica-Bold")
    p.rect(50, 240, 480, 22)
    p.text(54, 246, "Read the notes before you start")
    p.text(50, 280, "Mother's name:")
    p.rect(150, 276, 380, 22)
    p.save()
    form = read_pdf(tmp_path / "inside.pdf")
    assert [(f.label, f.kind) for f in form.fields] == [
        ("Full name", "text"),
        ("Address", "text"),
        ("Date of birth", "date"),
        ("School", "text"),
        ("Year group", "text"),
        ("Mother's name", "text"),
    ]
    assert [s.title for s in form.sections if s.title] == ["Child", "Family"]


def test_labels_printed_in_their_answer_cells(tmp_path):
    """A grid of cells, each with a small label at its top ("Full name:") and room to write under it:
    every cell is a question; a tall cell is a long answer."""
    p = Page(tmp_path / "cells.pdf")
    p.text(50, 20, "Referral", size=16, font="Helvetica-Bold")
    p.text(50, 60, "Child", size=13, font="Helvetica-Bold")
    xs = [50, 290, 530]
    tops = [80, 110, 140, 200]
    p.grid(xs, tops)
    cells = [
        ["Full name:", "Date of birth:"],
        ["Address:", "Postcode:"],
        ["Reason for referral:", "Worries?"],
    ]
    for r, row in enumerate(cells):
        for c, lab in enumerate(row):
            p.text(xs[c] + 4, tops[r] + 4, lab, size=8)
    p.save()
    form = read_pdf(tmp_path / "cells.pdf")
    assert [(f.label, f.kind) for f in form.fields] == [
        ("Full name", "text"),
        ("Date of birth", "date"),
        ("Address", "text"),
        ("Postcode", "text"),
        ("Reason for referral", "long_text"),
        ("Worries?", "long_text"),
    ]


def test_text_in_unmapped_glyph_codes_is_one_line_error(tmp_path):
    """Text set in a composite font without a ToUnicode map reads as "(cid:53)…": the labels cannot
    be read, so the file is reported (not read as an empty form with code-number guidance)."""
    from formaudit.errors import FormError
    from tests.pdfbuild import raw_pdf_cid_text

    p = tmp_path / "cid.pdf"
    raw_pdf_cid_text(p, ["Referral form", "Name of child: ________________", "Address: ______________"])
    with pytest.raises(FormError, match="no ToUnicode map"):
        read_pdf(p)


def test_xfa_bold_draw_text_before_an_uncaptioned_field_is_its_label(tmp_path):
    """XFA forms often print their labels as bold draw text beside caption-less fields: such a text
    labels the field; a bold text before a captioned field is a heading."""
    from tests.pdfbuild import raw_pdf_xfa

    template = """<subform name="form1">
      <draw name="h"><value><text>Child's details</text></value><font size="10pt" weight="bold"/></draw>
      <draw name="l1"><value><text>Full name</text></value><font size="10pt" weight="bold"/></draw>
      <field name="TextField1"><ui><textEdit/></ui></field>
      <draw name="l2"><value><text>Is the child disabled?</text></value><font size="10pt" weight="bold"/></draw>
      <exclGroup name="RadioButtonList">
        <field name="y"><ui><checkButton shape="round"/></ui><caption><value><text>Yes</text></value></caption></field>
        <field name="n"><ui><checkButton shape="round"/></ui><caption><value><text>No</text></value></caption></field>
      </exclGroup>
    </subform>"""
    p = tmp_path / "bold.pdf"
    raw_pdf_xfa(p, template)
    form = read_pdf(p)
    assert [(s.title, [(f.label, f.kind) for f in s.fields]) for s in form.sections] == [
        ("Child's details", [("Full name", "text"), ("Is the child disabled?", "yes_no")])
    ]


# ------------------------------------------------------------------------- captions under the line
def test_signature_block_captions_under_rules_and_widgets(tmp_path):
    """A signature block prints each label under its line ("Signature of parent or carer", "Date");
    a fillable one prints it under the text box. The caption labels the line or box above it — but a
    label directly above the next line stays that line's label."""
    p = Page(tmp_path / "sig.pdf")
    p.text(50, 20, "Agreement", size=16, font="Helvetica-Bold")
    p.text(50, 60, "Declaration", size=13, font="Helvetica-Bold")
    p.text(50, 85, "I agree to the plan set out above.")
    p.hline(50, 300, 140)
    p.text(50, 144, "Signature of parent or carer", size=8)
    p.hline(350, 530, 140)
    p.text(350, 144, "Date", size=8)
    p.textfield("Text1", 50, 180, w=250)
    p.text(50, 200, "Name of social worker", size=8)
    p.hline(50, 530, 250)
    p.text(50, 256, "Team name")
    p.hline(50, 530, 275)
    p.save()
    form = read_pdf(tmp_path / "sig.pdf")
    assert [(f.label, f.kind) for f in form.fields] == [
        ("Signature of parent or carer", "signature"),
        ("Date", "date"),
        ("Name of social worker", "text"),
        ("Team name", "text"),
    ]
