"""PDF reader: online forms printed from a browser in idioms other than the design system's — a
survey tool's response page, a CMS webform with a label column and the browser's own controls, a
multi-step wizard printed step by step with a check-your-answers page, an old table-laid page.

Each reportlab test draws the construct it names the way Chromium prints it (one-sided CSS borders
as thin filled bars, cards as filled panels, native controls as small rounded squares and circles);
the last tests print invented pages with headless Chromium (sample_forms/webprint.py) and are
skipped when it is not installed."""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path

import pytest

from formaudit.readers.pdf import read_pdf
from tests.pdfbuild import H, Page

ROOT = Path(__file__).resolve().parents[1]


def _fields(form) -> list[tuple]:
    return [(f.label, f.kind, f.options) for f in form.fields]


def _titles(form) -> list[str]:
    return [s.title for s in form.sections if s.title]


def _underline(pg: Page, x: float, top: float, w: float) -> None:
    """An input with a bottom border only: the browser paints the border as a thin filled bar."""
    pg.shade(x, top, w, 0.75, 0.55)


def _circle(pg: Page, x: float, top: float, d: float) -> None:
    pg.c.circle(x + d / 2, H - top - d / 2, d / 2, stroke=1, fill=0)


def _square(pg: Page, x: float, top: float, d: float) -> None:
    pg.c.rect(x, H - top - d, d, d, stroke=1, fill=0)


def _grey(pg: Page, x: float, top: float, s: str, size: float = 9) -> None:
    pg.c.setFillGray(0.4)
    pg.text(x, top, s, size=size)
    pg.c.setFillGray(0)


# ---------------------------------------------------------------------------- survey tool
def test_placeholder_over_an_underlined_input_is_not_a_label_and_the_input_is_the_answer(tmp_path):
    """ "Enter your answer" shown in an empty input (rules/page_furniture.yaml input_prompts) over
    its one-sided border (a thin filled bar, a rule): the numbered question above is the label."""
    p = tmp_path / "survey.pdf"
    pg = Page(p)
    pg.text(60, 50, "Young carers service referral", size=20, font="Helvetica-Bold")
    pg.text(60, 100, "1. Young person's name *", size=11)
    _grey(pg, 63, 124, "Enter your answer", size=10.5)
    _underline(pg, 60, 141, 250)
    pg.text(60, 170, "2. Name of their school", size=11)
    _grey(pg, 63, 194, "Enter your answer", size=10.5)
    _underline(pg, 60, 211, 250)
    pg.text(60, 240, "3. Date of the assessment", size=11)
    _grey(pg, 63, 264, "Please input date (dd/MM/yyyy)", size=10.5)
    _underline(pg, 60, 281, 250)
    pg.save()
    assert _fields(read_pdf(p)) == [
        ("1. Young person's name", "text", []),
        ("2. Name of their school", "text", []),
        ("3. Date of the assessment", "date", []),
    ]


def test_the_prompt_words_in_a_sentence_outside_any_input_stay_guidance(tmp_path):
    p = tmp_path / "sentence.pdf"
    pg = Page(p)
    pg.text(60, 50, "Feedback", size=20, font="Helvetica-Bold")
    pg.text(60, 100, "Type here", size=11)  # no input under it: text, not a placeholder
    pg.text(60, 140, "Your comments", size=11)
    _underline(pg, 60, 170, 250)
    pg.save()
    form = read_pdf(p)
    assert [f.label for f in form.fields] == ["Your comments"]
    assert "Type here" in " ".join(s.guidance or "" for s in form.sections)


def test_card_on_a_tinted_page_with_coloured_section_bands_is_not_a_table(tmp_path):
    """A web page's card (a filled panel enclosing other shapes) and a section band with its accent
    bar are decoration: the labels and inputs on them are read as a form, not as grid cells."""
    p = tmp_path / "card.pdf"
    pg = Page(p)
    pg.shade(30, 30, 535, 500, 0.95)  # the card (under half the page)
    pg.shade(50, 80, 495, 30, 0.9)  # a section band ...
    pg.shade(50, 80, 4, 30, 0.3)  # ... with its accent bar
    pg.text(62, 89, "About the young person", size=14, font="Helvetica-Bold")
    pg.text(60, 140, "1. Full name", size=11)
    _underline(pg, 60, 180, 250)
    pg.text(60, 210, "2. Gender", size=11)
    for i, o in enumerate(["Girl", "Boy", "Prefer not to say"]):
        _circle(pg, 60, 232 + i * 20, 12)
        pg.text(80, 233 + i * 20, o, size=11)
    pg.text(60, 310, "3. What help do they give?", size=11)
    for i, o in enumerate(["Personal care", "Medication", "Shopping"]):
        _square(pg, 60, 332 + i * 20, 12)
        pg.text(80, 333 + i * 20, o, size=11)
    pg.save()
    form = read_pdf(p)
    assert _titles(form) == ["About the young person"]
    assert _fields(form) == [
        ("1. Full name", "text", []),
        ("2. Gender", "choice", ["Girl", "Boy", "Prefer not to say"]),
        # squares where the page also draws circles: the several-answer list
        ("3. What help do they give?", "multi_choice", ["Personal care", "Medication", "Shopping"]),
    ]


# ---------------------------------------------------------------------------- CMS webform
def test_label_column_with_help_text_and_a_text_area_beside_it(tmp_path):
    """Labels in a left column (bold, help text in small grey under one), the browser's inputs in
    the right column: the help text is not the label; a text area takes the label on its first line."""
    p = tmp_path / "cms.pdf"
    pg = Page(p)
    pg.text(40, 40, "Respite application", size=20)
    pg.text(40, 80, "Your details", size=12, font="Helvetica-Bold")
    for i, lab in enumerate(["Forename", "Surname", "Daytime telephone number", "Email address"]):
        pg.text(46, 110 + i * 30, lab, size=9.5, font="Helvetica-Bold")
        pg.rect(230, 108 + i * 30, 250, 20)
    pg.text(46, 230, "Postcode", size=9.5, font="Helvetica-Bold")
    _grey(pg, 46, 243, "We use this to find your team.", size=8)
    pg.rect(230, 232, 250, 20)
    pg.text(46, 270, "Describe a typical day", size=9.5, font="Helvetica-Bold")
    _grey(pg, 46, 283, "Mornings and nights.", size=8)
    pg.rect(230, 268, 250, 70)
    pg.save()
    assert _fields(read_pdf(p))[-2:] == [
        ("Postcode", "text", []),
        ("Describe a typical day", "long_text", []),
    ]


def test_question_wrapped_in_a_label_column_beside_its_radios_is_one_question(tmp_path):
    p = tmp_path / "wrapped.pdf"
    pg = Page(p)
    pg.text(40, 40, "Respite application", size=20)
    # the label's first line ends far from the options: separate segments
    pg.text(46, 100, "Has respite been provided", size=9.5, font="Helvetica-Bold")
    pg.text(46, 112, "before?", size=9.5, font="Helvetica-Bold")
    for i, o in enumerate(["Yes", "No"]):
        pg.c.roundRect(230, H - 101 - i * 13 - 9, 9, 9, 2, stroke=1, fill=0)
        pg.text(243, 100 + i * 13, o, size=9.5)
    # the label fills its column: its first line runs into the first option
    pg.text(46, 150, "How many hours a week do they spend", size=9.5, font="Helvetica-Bold")
    pg.text(46, 162, "caring?", size=9.5, font="Helvetica-Bold")
    for i, o in enumerate(["Under 5", "5 to 10", "More than 10"]):
        pg.c.roundRect(226, H - 151 - i * 13 - 9, 9, 9, 2, stroke=1, fill=0)
        pg.text(239, 150 + i * 13, o, size=9.5)
    pg.save()
    assert _fields(read_pdf(p)) == [
        ("Has respite been provided before?", "yes_no", ["Yes", "No"]),
        ("How many hours a week do they spend caring?", "choice", ["Under 5", "5 to 10", "More than 10"]),
    ]


def test_native_check_boxes_stacked_tight_are_options_not_a_table(tmp_path):
    """Small check boxes printed 2 pt apart: their edges join into a column of cells, which is
    not a grid (the options would be lost in it)."""
    p = tmp_path / "tight.pdf"
    pg = Page(p)
    pg.text(40, 40, "Support request", size=20)
    pg.text(46, 100, "Support needs", size=8, font="Helvetica-Bold")
    opts = ["Mobility", "Communication", "Behaviour", "Medical"]
    for i, o in enumerate(opts):
        pg.c.roundRect(226, H - 100 - i * 9.5 - 7, 7, 7, 1.5, stroke=1, fill=0)
        pg.text(236, 100 + i * 9.5, o, size=7.5)
    pg.save()
    assert [(f.label, f.options) for f in read_pdf(p).fields] == [("Support needs", opts)]


def test_table_answer_cell_showing_a_drop_down_prompt_is_a_choice(tmp_path):
    """An old page laid out as a table: a drop-down showing "-- Please select --" in the answer
    cell is a choice, even when the label reads like a number ("How many ...")."""
    p = tmp_path / "legacy.pdf"
    pg = Page(p)
    pg.text(40, 40, "Contact record", size=18, font="Helvetica-Bold")
    pg.word_table(
        80,
        [
            (22, [("Contact", 0.4, True)]),
            (22, [("Contact taken by", 0.9, False), ("", None, False)]),
            (22, [("How many children were discussed?", 0.9, False), ("-- Please select --", None, False)]),
            (22, [("Contact method", 0.9, False), ("-- Please select --", None, False)]),
        ],
    )
    pg.save()
    kinds = {f.label: f.kind for f in read_pdf(p).fields}
    assert kinds["How many children were discussed?"] == "choice"
    assert kinds["Contact method"] == "choice"
    assert kinds["Contact taken by"] == "text"


# ---------------------------------------------------------------------------- wizard
def test_wizard_step_bold_legend_over_small_drawn_markers_is_the_question(tmp_path):
    p = tmp_path / "step.pdf"
    pg = Page(p)
    pg.text(40, 40, "Family Hub", size=13, font="Helvetica-Bold")
    pg.text(40, 70, "Step 2 of 4", size=9)
    pg.shade(40, 84, 500, 8, 0.8)  # the progress bar
    pg.text(40, 110, "Your household", size=21, font="Helvetica-Bold")
    pg.text(40, 150, "Your housing", size=12, font="Helvetica-Bold")
    for i, o in enumerate(["Own home", "Rented", "Temporary"]):
        _circle(pg, 42, 167 + i * 21, 14)
        pg.text(64, 168 + i * 21, o, size=12)
    pg.text(40, 250, "Continue", size=12)
    pg.save()
    form = read_pdf(p)
    assert _fields(form) == [("Your housing", "choice", ["Own home", "Rented", "Temporary"])]
    assert "Step 2 of 4" not in " ".join(s.guidance or "" for s in form.sections)


def test_check_your_answers_rows_restate_questions_and_are_not_asked_again(tmp_path):
    """The wizard's last page lists each question with its answer and a "Change" link: no fields
    and no sections from the list; a declaration after the list is still read."""
    p = tmp_path / "cya.pdf"
    pg = Page(p)
    pg.text(40, 25, "Ask for family help", size=24, font="Helvetica-Bold")
    pg.text(40, 60, "Your details", size=21, font="Helvetica-Bold")
    pg.text(40, 100, "Your full name", size=12, font="Helvetica-Bold")
    pg.rect(40, 118, 300, 28)
    pg.text(40, 170, "Mobile number", size=12, font="Helvetica-Bold")
    pg.rect(40, 188, 300, 28)
    pg.new_page()
    pg.text(40, 60, "Check your answers before sending", size=21, font="Helvetica-Bold")
    pg.text(40, 100, "Your details", size=15, font="Helvetica-Bold")
    for i, q in enumerate(["Your full name", "Mobile number"]):
        pg.text(40, 130 + i * 28, q, size=12, font="Helvetica-Bold")
        pg.text(240, 130 + i * 28, "Not provided", size=12)
        pg.text(500, 130 + i * 28, "Change", size=12)
        pg.hline(40, 540, 146 + i * 28)
    pg.text(40, 230, "Declaration", size=15, font="Helvetica-Bold")
    pg.text(40, 260, "Your signature", size=12, font="Helvetica-Bold")
    pg.rect(40, 278, 300, 28)
    pg.save()
    form = read_pdf(p)
    assert [f.label for f in form.fields] == ["Your full name", "Mobile number", "Your signature"]
    assert _titles(form) == ["Your details", "Declaration"]


# ---------------------------------------------------------------------------- printed by Chromium
def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.fixture(scope="module")
def webprint():
    if _chromium() is None:
        pytest.skip("Chromium is not installed (needed to print web forms)")
    sys.path.insert(0, str(ROOT / "sample_forms"))
    try:  # by name: whether "build" sorts as a local module depends on the checkout (a build/ folder)
        build = importlib.import_module("build")
        wp = importlib.import_module("webprint")
    finally:
        sys.path.remove(str(ROOT / "sample_forms"))
    return build, wp


def _invented_form(build):
    """A short form of our own in every kind of question the renderers draw."""
    return build.Form(
        "x.pdf",
        "Short breaks enquiry",
        "W",
        "short-breaks-enquiry",
        [
            build.Sec(
                "The child",
                [
                    build.T("Child's first name"),
                    build.D("Child's date of birth"),
                    build.CH("Preferred day", ("Saturday", "Sunday", "Either")),
                ],
            ),
            build.Sec(
                "The family",
                [
                    build.MC("Activities enjoyed", ("Swimming", "Music", "Sport", "Art")),
                    build.L("What would a good break look like?", 120),
                    build.YN("Is transport needed?"),
                ],
            ),
        ],
    )


EXPECTED = [
    ("The child", "Child's first name", "text"),
    ("The child", "Child's date of birth", "date"),
    ("The child", "Preferred day", "choice"),
    ("The family", "Activities enjoyed", "multi_choice"),
    ("The family", "What would a good break look like?", "long_text"),
    ("The family", "Is transport needed?", "yes_no"),
]


def _read(form) -> list[tuple]:
    import re

    return [
        (s.title, re.sub(r"^\d+\.\s*", "", f.label), f.kind)
        for s in form.sections
        for f in s.fields
        if s.title
    ]


@pytest.mark.parametrize("idiom", ["survey", "cms", "wizard", "legacy"])
def test_invented_web_form_printed_by_chromium_reads_back(webprint, idiom, tmp_path):
    build, wp = webprint
    form = _invented_form(build)
    if idiom == "survey":
        html = wp.render_survey_html(
            form, {}, frozenset({"Child's first name"}), "FormPad", "Please input date"
        )
    elif idiom == "cms":
        html = wp.render_cms_html(
            form,
            {"Preferred day": "Sessions run 10am to 3pm."},
            frozenset(),
            "Council",
            "Home",
            frozenset({"Preferred day"}),
        )
    elif idiom == "wizard":
        html = wp.render_wizard_html(form, {}, "Family Hub", "Check your answers", "Not provided")
    else:
        html = wp.render_legacy_table_html(form, {})
    pdf = tmp_path / f"{idiom}.pdf"
    wp.print_pdf(html, pdf, "https://forms.example/short-breaks", _chromium())
    want = EXPECTED
    if idiom == "legacy":
        # check boxes inline in a table cell are not told from radios there (same coarse kind)
        want = [(s, lab, "choice" if k == "multi_choice" else k) for s, lab, k in EXPECTED]
    assert _read(read_pdf(pdf)) == want


# ---------------------------------------------------------------------------- framework forms and question cards
def _rounded(pg: Page, x: float, top: float, w: float, h: float, r: float = 5) -> None:
    pg.c.roundRect(x, H - top - h, w, h, r, stroke=1, fill=0)


def test_rounded_inputs_with_an_example_placeholder_under_an_underlined_heading(tmp_path):
    """A front-end framework's form: rounded input boxes (curves, not rectangles) showing an
    example value as placeholder; a section heading with a rule just under it (its underline, not
    a line to write on); "(optional)" set grey after a label."""
    p = tmp_path / "framework.pdf"
    pg = Page(p)
    pg.text(50, 40, "Respite application", size=22)
    pg.text(50, 90, "Applicant details", size=16)
    pg.shade(50, 112, 490, 0.75, 0.85)  # the heading's bottom border
    pg.text(50, 130, "Title", size=11)
    _grey(pg, 78, 130, "(optional)", size=11)
    _rounded(pg, 50, 148, 490, 26)
    for i, lab in enumerate(["Forename", "Surname"]):
        pg.text(50, 190 + i * 58, lab, size=11)
        _rounded(pg, 50, 208 + i * 58, 490, 26)
    pg.text(50, 306, "Postcode", size=11)
    _rounded(pg, 50, 324, 490, 26)
    _grey(pg, 60, 332, "e.g. AB1 2CD", size=11)
    pg.save()
    form = read_pdf(p)
    assert [f.label for f in form.fields] == ["Title", "Forename", "Surname", "Postcode"]
    assert _titles(form) == ["Applicant details"]


def test_question_cards_the_first_line_is_the_question_and_the_card_is_not_an_answer_box(tmp_path):
    """A survey tool setting each question in its own bordered card, the question a size larger
    than the options: the card frames the answer (an underline or option markers), it is not one."""
    p = tmp_path / "cards.pdf"
    pg = Page(p)
    pg.text(60, 40, "Young carer referral", size=22)
    pg.text(60, 80, "Please answer every question marked with a star.", size=10.5)
    _rounded(pg, 50, 110, 490, 70, 8)
    pg.text(70, 125, "Young person's full name", size=12)
    _grey(pg, 70, 150, "Your answer", size=10.5)
    _underline(pg, 70, 166, 220)
    _rounded(pg, 50, 190, 490, 100, 8)
    pg.text(70, 205, "Gender *", size=12)
    for i, o in enumerate(["Girl", "Boy", "Prefer not to say"]):
        _circle(pg, 70, 228 + i * 20, 14)
        pg.text(94, 229 + i * 20, o, size=10.5)
    pg.save()
    assert _fields(read_pdf(p)) == [
        ("Young person's full name", "text", []),
        ("Gender", "choice", ["Girl", "Boy", "Prefer not to say"]),
    ]


def test_grey_placeholder_alone_in_a_one_line_input_is_not_a_label(tmp_path):
    """Grey text alone at the left of a one-line input ("Full name") is its placeholder; a grey
    date format in an input still says the answer is a date."""
    p = tmp_path / "grey.pdf"
    pg = Page(p)
    pg.text(50, 40, "Contact record", size=22)
    pg.text(50, 90, "Contact taken by", size=11)
    _rounded(pg, 50, 108, 490, 26)
    _grey(pg, 60, 116, "Full name", size=11)
    pg.text(50, 150, "Date of contact", size=11)
    _rounded(pg, 50, 168, 200, 26)
    _grey(pg, 60, 176, "dd/mm/yyyy", size=11)
    pg.text(50, 210, "Worker's team", size=11)
    _rounded(pg, 50, 228, 490, 26)
    pg.save()
    assert [(f.label, f.kind) for f in read_pdf(p).fields] == [
        ("Contact taken by", "text"),
        ("Date of contact", "date"),
        ("Worker's team", "text"),
    ]


def test_questions_with_underlined_inputs_stacked_evenly_are_not_a_ruled_table(tmp_path):
    """Survey questions one under another, each with "Enter your answer" over its input's underline,
    all underlines of one width at an even pitch: the underlines are the inputs, not the borders of a
    table drawn with horizontal rules (each band would hold the next question and a placeholder)."""
    p = tmp_path / "stack.pdf"
    pg = Page(p)
    pg.text(60, 50, "Carer support request", size=20, font="Helvetica-Bold")
    questions = [
        "1. Carer's full name",
        "2. Home address",
        "3. Name of the person cared for",
        "4. Relationship",
    ]
    for k, q in enumerate(questions):
        top = 100 + 64 * k
        pg.text(60, top, q, size=11)
        _grey(pg, 63, top + 26, "Enter your answer", size=10.5)
        _underline(pg, 60, top + 42, 250)
    pg.save()
    form = read_pdf(p)
    assert [f.label for f in form.fields] == questions
    assert all(f.kind in ("text", "long_text") for f in form.fields)
