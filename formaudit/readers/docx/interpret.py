"""Interpret flattened Word blocks as a form: title, sections and their levels, fields, kinds, options
and guidance — in one pass, with a little document-wide context (which cell fills label questions and
which head sections; which font sizes are headings).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from ... import ruledata
from ...model import Field, Form, Section
from ...textnorm import fold
from ..common import (
    BLANK_RE,
    BOX_CHARS,
    BOX_RE,
    DATE_BLANK_RE,
    PART_PREFIX_RE,
    circled_options,
    clean_label,
    is_generated_name,
    is_placeholder,
    kind_from_label,
    squash,
    stated_options,
    stated_word_limit,
    yes_no_kind,
)
from .blocks import Box, Cell, Control, Para, Row, Seg, Table, all_paras

# ---- tolerances and thresholds of the Word/OpenDocument interpreter, with their units, in one place
# (lengths in twips = 1/20 pt, the unit of WordprocessingML; font sizes in half-points, as w:sz)

#: Row height (twips, 1/20 pt) from which an empty answer cell is a long free-text box (about 3 lines).
LONG_ROW_TWIPS = 900
#: Twips per written line in an answer box (12 pt line pitch).
LINE_TWIPS = 280
#: Headings longer than this many words are treated as text, not headings.
MAX_HEADING_WORDS = 20
#: Rows in which a shaded cell has typed (unshaded, plain) text beside it, in a document where no shaded
#: label has an empty answer beside it, before that shade is taken for the label shade of a filled-in form.
FILLED_MIN_ROWS = 3
#: Explicit row height (twips) that leaves room to write two lines: a row made for an answer.
WRITING_ROOM_TWIPS = 2 * 280
#: Words in a grid column header: a header row is short labels ("First name | Surname | DOB").
GRID_HEADER_MAX_WORDS = 12
#: Words of the one longer header a grid of three or more columns may end with ("Any disability or
#: health needs? If so, give details.").
GRID_LONG_HEADER_MAX_WORDS = 30
#: Words in a row label of a row-labelled matrix ("Child", "Mother", "Other (specify)").
MATRIX_ROW_LABEL_MAX_WORDS = 6
#: Words in a bold table row that heads the rows below it ("Health", "About the family").
SUBHEADING_MAX_WORDS = 8
#: Words in a bold body-size paragraph that heads the table below it ("About the child").
PARA_HEADING_MAX_WORDS = 12
#: Labelled rows a row-labelled matrix needs (one labelled row is just a label | answer row).
MATRIX_MIN_ROWS = 2
#: Luminance (0–255) from which a fill is white: paper, not a shaded band.
WHITE_LUM = 250
#: Deepest section level formaudit assigns (levels 1–3).
MAX_LEVEL = 3
#: Font size ratio (bold text / body text) from which a short bold paragraph is heading-sized.
HEADING_SIZE_RATIO = 1.05
#: Font size ratio (bold text / body text) from which the first bold paragraph is the form's title.
TITLE_SIZE_RATIO = 1.25
#: Font size ratio (text / body text) below which a paragraph is small print (guidance, hints).
SMALL_PRINT_RATIO = 0.95
#: A line in capitals is a heading with at least this many letters and between these word counts.
CAPS_HEADING_MIN_LETTERS = 4
CAPS_HEADING_WORDS = (2, 10)
#: Words of a "Label:" line with no answer area that still makes a write-in field (the space after it).
WRITE_IN_LABEL_MAX_WORDS = 8
#: Words up to which a question, a bold line or a "…:" line is a label rather than guidance.
LABEL_MAX_WORDS = 40
#: Words from which plain text is guidance whatever its form; a sentence ending in "." from this many.
GUIDANCE_MIN_WORDS = 25
SENTENCE_GUIDANCE_MIN_WORDS = 8
#: Words of the text beside one tick box that make it an option ("No ☐", "☐ Not known"), not a question.
OPTION_MAX_WORDS = 6
#: Ruled lines (empty paragraphs with a bottom border) under one label from which the answer is long,
#: and words written per ruled line.
RULED_LONG_LINES = 3
WORDS_PER_RULED_LINE = 12
#: Empty lines under a label in its own cell from which the answer is long.
ROOM_LONG_LINES = 3
#: Answer-box capacity: page text width assumed when a cell states none (twips), average character width
#: (pt) and characters per word, and the fewest words a line is counted as holding.
DEFAULT_WIDTH_TWIPS = 9000
CHAR_WIDTH_PT = 5.5
CHARS_PER_WORD = 6
MIN_WORDS_PER_LINE = 4
_NUM_PREFIX = re.compile(r"^\s*((?:\d+\.)*\d+)[.)]?\s+\S|^\s*(?:section|part)\s+\d+\b", re.I)
_ALL_APPLY = re.compile(
    r"\b(all that apply|tick all|select all|choose all|as many as|any that apply)\b", re.I
)
# "Part 2: The family", "Section B – Health" (a separator is required: "Section 17 Children Act 1989" is a citation)
_PART_PREFIX = PART_PREFIX_RE
_MARKING = re.compile(r"\b(official|sensitive|confidential|restricted|protect|private|draft)\b", re.I)


def _is_caps_heading(text: str) -> bool:
    """A short line in capitals ("CHILD'S DETAILS"), not a protective marking ("OFFICIAL – SENSITIVE")."""
    letters = [c for c in text if c.isalpha()]
    words = text.split()
    return (
        len(letters) >= CAPS_HEADING_MIN_LETTERS
        and CAPS_HEADING_WORDS[0] <= len(words) <= CAPS_HEADING_WORDS[1]
        and all(c.isupper() for c in letters)
        and not _MARKING.search(text)
    )


_NOT_A_FIELD = re.compile(
    r"^(please|the following|for example|e\.g|if |where |note|tick|select|choose)\b", re.I
)
#: "Label: value" — a label line of a blank form ("Label: ______") after someone typed over the blank.
_LABEL_VALUE = re.compile(r"^(?P<label>[^:]{2,80}):\s+(?P<value>\S.*[^:])$")
#: Most words in the label part of a "Label: value" line.
LABEL_VALUE_MAX_WORDS = 8
# "Guidance:" / "Guidance notes" open guidance; "Guidance and routines" is a label (a parenting topic)
_GUIDANCE_START = re.compile(
    r"^(\(|e\.g\.|eg\b|note:|notes?\b|please note|guidance\s*(:|notes?\b|for\b|on\b)|n\.b\.|nb\b)", re.I
)
_ONE_ONLY = re.compile(r"\b(choose one|tick one|select one|one only)\b", re.I)


# --------------------------------------------------------------------------- interpretation
def _fill_lum(fill: str | None) -> float:
    if not fill or not re.fullmatch(r"[0-9A-Fa-f]{6}", fill):
        return 255.0
    r, g, b = int(fill[0:2], 16), int(fill[2:4], 16), int(fill[4:6], 16)
    return 0.299 * r + 0.587 * g + 0.114 * b


class Interpreter:
    def __init__(self, blocks: list, body_size: float, source: str):
        self.blocks = blocks
        self.body_size = body_size
        self.form = Form(source=source, format="docx")
        self.section = Section(title=None, level=1)
        self.form.sections.append(self.section)
        self.pending: Para | None = None  # a text paragraph that may label the next answer area
        # the current section's guidance, joined once when the section ends (appending to one string
        # paragraph by paragraph was quadratic in the size of the document)
        self._gparts: list[str] = []
        self.pending_loc = ""
        self.fresh_heading: Section | None = None  # a heading with nothing after it yet
        self._table_depth = 0  # tables being read (a paragraph inside one is in a cell)
        # (table index, cells, question column, option columns, options) of the last option-column header
        self._option_header: tuple | None = None
        self.options_for: dict | None = None  # collecting "☐ option" lines
        self.seen_content = False
        self.label_fills = Counter()
        # a filled-in copy: label cells are known only by their shade, every answer beside them has text
        self.filled = False
        self._typed_row: tuple[int, int] | None = None  # (table, row) of a typed answer row below a label
        self.heading_fill_levels: dict[str, int] = {}
        self.heading_size_levels: dict[float, int] = {}
        self.group_n = 0
        self._pending_hint = ""
        self._table_heading_level = 0  # level of the top heading row of the table being read
        self._ruled: Field | None = None  # the field that the ruled lines being read belong to
        self._ruled_lines = 0
        self._sized_heading: float | None = None
        self.sized_sections: list[tuple[Section, float]] = []
        self.bold_para_sections: set[int] = set()  # sections headed by a bold body-size paragraph
        self._survey(blocks)

    # ---- document-wide statistics used to tell headings from labels
    def _survey(self, blocks):
        heading_fills = set()
        over_answer_fills = set()  # shades of rows opening a table right over a full-width answer box
        mid_label_fills = set()  # shades of such rows further down a table, after other rows
        sizes = set()
        beside_text = Counter()
        room = 0  # places left to write: blank lines, empty answer cells beside labels, empty text boxes
        label_values = 0
        for p in all_paras(blocks):
            if BLANK_RE.search(p.text) or DATE_BLANK_RE.search(p.text):
                room += 1
            elif p.style_level is None and _label_value(p) is not None:
                label_values += 1
        stack = list(blocks)
        while stack:
            b = stack.pop()
            if isinstance(b, Table):
                b.rows = [_merged_view(r) for r in b.rows]
                for ri, row in enumerate(b.rows):
                    for i, c in enumerate(row.cells):
                        for sub in c.blocks:
                            if isinstance(sub, Table):
                                stack.append(sub)
                        nxt = row.cells[i + 1] if i + 1 < len(row.cells) else None
                        if c.text and nxt is not None and nxt.is_answer_area():
                            room += 1
                        if c.text and nxt is not None and nxt.is_answer_area() and c.fill:
                            self.label_fills[c.fill] += 1
                        elif c.text and c.fill and nxt is not None and _typed(nxt):
                            beside_text[c.fill] += 1
                    if len(row.cells) == 1 and row.cells[0].text and row.cells[0].fill:
                        below = b.rows[ri + 1] if ri + 1 < len(b.rows) else None
                        if below is None or not _full_answer_row(below):
                            heading_fills.add(row.cells[0].fill)
                        elif ri == 0:
                            over_answer_fills.add(row.cells[0].fill)
                        else:
                            mid_label_fills.add(row.cells[0].fill)
            elif isinstance(b, Box):
                if all(isinstance(x, Para) and x.is_empty() for x in b.blocks):
                    room += 1
            elif (
                isinstance(b, Para)
                and b.plain
                and b.style_level is None
                and not b.is_title
                and b.bold
                and b.size
                and b.size > self.body_size * HEADING_SIZE_RATIO
                and len(b.plain.split()) <= MAX_HEADING_WORDS
            ):
                sizes.add(b.size)
        if room == 0:
            # nowhere left to write: if "Label: value" lines or a shade standing beside plain text row
            # after row remain, this is a filled-in form (and that shade marks its labels)
            for fill, n in beside_text.items():
                if n >= FILLED_MIN_ROWS:
                    self.label_fills[fill] += n
                    self.filled = True
            self.filled = self.filled or label_values >= FILLED_MIN_ROWS
        # A shade whose rows all stand right over a full-width answer box marks the labels of long answers
        # (light-grey question rows) when another shade heads sections, or when such a row comes after other
        # questions in its table. Alone, opening its tables, it heads sections that are questions.
        if not heading_fills:
            heading_fills = over_answer_fills - mid_label_fills
        heading_fills -= set(self.label_fills)
        for lvl, fill in enumerate(sorted(heading_fills, key=_fill_lum), 1):
            self.heading_fill_levels[fill] = min(lvl, MAX_LEVEL)
        for lvl, sz in enumerate(sorted(sizes, reverse=True), 1):
            self.heading_size_levels[sz] = min(lvl, MAX_LEVEL)

    # ---- emitting
    def new_section(self, title: str, level: int, loc: str):
        self.drop_pending()
        self.close_options()
        self._flush_guidance()
        s = Section(title=title, level=max(1, level), location=loc)
        if self._sized_heading is not None:
            self.sized_sections.append((s, self._sized_heading))
            self._sized_heading = None
        self.form.sections.append(s)
        self.section = s
        self.fresh_heading = s
        self.seen_content = True

    def add_field(
        self,
        label: str,
        kind: str,
        loc: str,
        options=None,
        capacity=None,
        columns=None,
        repeat=None,
        hint=None,
        prefilled=False,
    ):
        label = clean_label(label)
        if not label:
            return None
        if kind == "text" and not options:
            # "Gender (M/F)": a label that lists its own answers is a choice between them
            stated = stated_options(label)
            if stated:
                kind, options = yes_no_kind(stated), stated
        f = Field(
            id="",
            label=label,
            kind=kind,
            options=list(options or []),
            location=loc,
            capacity=capacity,
            columns=list(columns or []),
            repeat=repeat,
            hint=hint or None,
            prefilled=prefilled,
        )
        self.section.fields.append(f)
        self.fresh_heading = None
        self.seen_content = True
        return f

    def guidance(self, text: str):
        text = squash(text)
        if text:
            self._gparts.append(text)

    def _flush_guidance_tail(self, plain: str):
        """Take ``plain`` back off the end of the current section's guidance (it was a label after all)."""
        if self._gparts:
            if self._gparts[-1].endswith(plain):
                self._gparts[-1] = self._gparts[-1][: -len(plain)].rstrip()
                if not self._gparts[-1]:
                    self._gparts.pop()
        elif self.section.guidance.endswith(plain):
            self.section.guidance = self.section.guidance[: -len(plain)].rstrip()

    def _flush_guidance(self):
        if self._gparts:
            self.section.guidance = (self.section.guidance + " " + " ".join(self._gparts)).strip()
            self._gparts = []

    def drop_pending(self):
        """The pending text got no answer area: a short "Label:" is a write-in field (the space after the
        colon is where the answer goes); anything else was guidance."""
        if self.pending is None:
            return
        text = self.pending.plain
        # "Name:<tab><tab>Date of birth:<tab>": several write-in labels spaced along one line by tabs
        chunks = [squash(c) for c in self.pending.text.split("\t") if squash(c)]
        if (
            len(chunks) > 1
            and not self.pending.italic
            and all(c.endswith(":") and len(c.split()) <= WRITE_IN_LABEL_MAX_WORDS for c in chunks)
            and not any(_NOT_A_FIELD.match(c) for c in chunks)
        ):
            self.pending = None
            for c in chunks:
                self.add_field(c, kind_from_label(c) or "text", self.pending_loc)
            return
        if (
            text.endswith(":")
            and len(text.split()) <= WRITE_IN_LABEL_MAX_WORDS
            and not self.pending.italic
            and not _NOT_A_FIELD.match(text)
        ):
            self.pending = None
            self.add_field(text, kind_from_label(text) or "text", self.pending_loc)
            return
        self.guidance(text)
        self.pending = None

    def take_pending(self) -> tuple[str | None, str]:
        if self.pending is None:
            return None, ""
        lab = self.pending.plain
        self.pending = None
        return lab, self.pending_loc

    def close_options(self):
        oc = self.options_for
        if oc is None:
            return
        self.options_for = None
        opts = oc["options"]
        if oc["label"] is None:
            # option lines with no question: each is a stand-alone tick box
            for o in opts:
                self.add_field(o, "checkbox", oc["loc"])
            return
        if len(opts) == 1 and not oc["multi"]:
            kind = "checkbox"
        elif oc["multi"]:
            kind = "multi_choice"
        else:
            kind = yes_no_kind(opts)
        self.add_field(oc["label"], kind, oc["loc"], options=opts)

    # ---- driving
    def run(self) -> Form:
        for b in self.blocks:
            self.block(b)
        self.close_options()
        self.drop_pending()
        self._flush_guidance()
        self._rank_sized_headings()
        self._promote_title()
        return self.form

    def _rank_sized_headings(self):
        """Headings recognised by font size get levels by size rank among the headings actually used."""
        sizes = sorted({sz for _, sz in self.sized_sections}, reverse=True)
        rank = {sz: min(i + 1, MAX_LEVEL) for i, sz in enumerate(sizes)}
        for sec, sz in self.sized_sections:
            sec.level = rank[sz]

    def _promote_title(self):
        """A form with no title whose first heading is its only top-level one, and asks nothing itself,
        is titled by that heading ("Child and family assessment" as Heading 1 over Heading 2 parts)."""
        if self.form.title is not None:
            return
        secs = self.form.sections  # secs[0] is always the untitled part before the first heading
        titled = secs[1:]
        if len(titled) < 2 or secs[0].fields:
            return
        first = titled[0]
        from_paragraph = (first.location or "").startswith("paragraph")
        if not from_paragraph or first.fields or any(s.level <= first.level for s in titled[1:]):
            return
        self.form.title = first.title
        secs[0].guidance = (secs[0].guidance + " " + first.guidance).strip()
        secs.remove(first)
        shift = titled[1].level - 1
        for s in titled[1:]:
            s.level = max(1, s.level - shift)

    def block(self, b):
        if isinstance(b, Para):
            self.paragraph(b, f"paragraph {b.index}")
        elif isinstance(b, Table):
            self.table(b)
        elif isinstance(b, Box):
            self.text_box(b)

    def text_box(self, box: Box):
        """A text box is often an answer area: empty, or a prompt at the top with room to write below."""
        loc = f"text box at paragraph {box.index}"
        filled = [b for b in box.blocks if not (isinstance(b, Para) and b.is_empty())]
        if self.filled:  # typed paragraphs are the answer, not content of the box
            filled = [b for b in filled if not (isinstance(b, Para) and _typed_para(b))]
        cap = _capacity(box.height, None)
        if not filled:
            self.answer_area(cap, loc, long_default=not _one_line(box.height, len(box.blocks)))
            return
        first = filled[0]
        room_below = len(box.blocks) > box.blocks.index(first) + 1
        if (
            len(filled) == 1
            and isinstance(first, Para)
            and room_below
            and not first.controls
            and not BOX_RE.search(first.text)
            and not BLANK_RE.search(first.text)
            and self.heading_level(first) is None
        ):
            self.drop_pending()
            self.pending, self.pending_loc, self._pending_hint = first, loc, ""
            # the room under the label: the box less the label's own line
            room = len(box.blocks) - box.blocks.index(first) - 1
            room_h = max(0, box.height - LINE_TWIPS) if box.height else None
            self.answer_area(cap, loc, long_default=not _one_line(room_h, room))
            return
        for b in box.blocks:
            self.block(b)

    # ---- paragraphs
    def heading_level(self, p: Para) -> int | None:
        text = p.plain
        if not text or p.controls or BLANK_RE.search(text) or BOX_RE.search(text):
            return None
        if len(text.split()) > MAX_HEADING_WORDS:
            return None
        if p.style_level is not None:
            return p.style_level
        if self._shaded_band(p):
            return 1
        if not p.bold:
            # "SECTION B – FAMILY DETAILS", "Part 2: The plan" announce a part even without bold
            if (
                not p.italic
                and (_PART_PREFIX.match(text) or _is_caps_heading(text))
                and not text.endswith((":", "?", "."))
            ):
                return 1
            return None
        m = _NUM_PREFIX.match(text)
        if m and m.group(1):
            return min(MAX_LEVEL, m.group(1).count(".") + 1)
        if _PART_PREFIX.match(text) and not text.endswith((":", "?")):
            return 1  # bold "Section A: The child" — the part number announces it, whatever the colon
        if p.size and p.size in self.heading_size_levels:
            self._sized_heading = p.size
            return 1  # provisional: ranked by size once every heading is known
        if p.numbered and not text.endswith((":", "?")):
            return 1
        return None

    def _shaded_band(self, p: Para) -> bool:
        """A short paragraph on a shaded band ("Child's details" on grey, bold or not) heads what follows, as a
        shaded full-width table row does; a band ending like a label, a question or a sentence does not."""
        text = p.plain
        return (
            self._table_depth == 0  # in a cell, shading is the cell's: its row decides (_heading_row_level)
            and _fill_lum(p.fill) < WHITE_LUM
            and not p.italic
            and len(text.split()) <= PARA_HEADING_MAX_WORDS
            and not text.endswith((":", "?", ".", ";", ","))
            and not _GUIDANCE_START.match(text)
        )

    def paragraph(self, p: Para, loc: str):
        if p.is_empty():
            if p.ruled:
                self.ruled_line(loc)
            return
        text = p.plain
        # title: Title style, or large bold text before anything else
        if (
            self.form.title is None
            and not self.seen_content
            and (
                p.is_title
                or (
                    p.style_level is None
                    and p.bold
                    and p.size
                    and p.size >= self.body_size * TITLE_SIZE_RATIO
                    and not p.controls
                )
            )
        ):
            self.form.title = text
            return
        if p.is_title and self.form.title is not None and not p.controls:
            self.guidance(text)
            return
        lvl = self.heading_level(p)
        if lvl is not None:
            self.new_section(text, lvl, loc)
            return
        # "☐ option" line
        if self._option_line(p, loc):
            return
        self.close_options()
        if p.controls:
            self._pending_heads_lines(p)
            self.inline_controls(p, loc)
            return
        raw = p.text
        combed = _comb_blanks(raw)
        if combed != raw and (BLANK_RE.search(combed) or DATE_BLANK_RE.search(combed)):
            # boxes or spaced marks drawn one per character: somewhere to write, not tick boxes
            self._pending_heads_lines(p)
            self.inline_blanks(combed, loc)
            return
        if BOX_RE.search(raw):
            self.inline_boxes(raw, loc)
            return
        if BLANK_RE.search(raw) or DATE_BLANK_RE.search(raw):
            self._pending_heads_lines(p)
            self.inline_blanks(raw, loc)
            return
        # "Consent given: Yes / No" — a question and its printed options to delete or circle
        m = _LABEL_THEN_OPTIONS.match(text)
        if m and circled_options(m.group(2)):
            self.drop_pending()
            opts = circled_options(m.group(2))
            self.add_field(m.group(1), yes_no_kind(opts), loc, options=opts)
            return
        # a filled-in form's "Label: value" line is the "Label: ______" line it was
        if self.filled and p.style_level is None and (lv := _label_value(p)) is not None:
            self.drop_pending()
            self.inline_blanks(f"{lv}: ______", loc)
            return
        # plain text: a possible label for an answer area that follows, else guidance
        if self._looks_like_guidance(p):
            if self.pending is not None and (p.italic or (p.size and p.size < self.body_size)):
                # a hint under a pending label ("Choose one") keeps the label pending
                self._pending_hint = self._pending_hint + " " + text
                self.guidance(text)
                return
            self.drop_pending()
            self.guidance(text)
            return
        self.drop_pending()
        self.pending = p
        self.pending_loc = loc
        self._pending_hint = ""

    def ruled_line(self, loc: str):
        """An empty paragraph with a bottom border: a line to write on under a label. Several lines
        under one label make a long answer."""
        if self.pending is not None:
            label, ploc = self.take_pending()
            self._ruled = self.add_field(label, kind_from_label(label) or "text", ploc or loc)
            self._ruled_lines = 1
            return
        if self.fresh_heading is not None and not self.section.fields and self.fresh_heading.title:
            # lines to write on right under a heading: the heading is the question
            self._ruled = self.add_field(self.fresh_heading.title, "text", loc)
            self._ruled_lines = 1
            return
        f = self._ruled
        if f is not None and self.section.fields and self.section.fields[-1] is f:
            self._ruled_lines += 1
            if self._ruled_lines >= RULED_LONG_LINES and f.kind in ("text", "long_text"):
                f.kind = "long_text"
                f.capacity = {"lines": self._ruled_lines, "words": self._ruled_lines * WORDS_PER_RULED_LINE}

    def _looks_like_guidance(self, p: Para) -> bool:
        text = p.plain
        words = len(text.split())
        if _GUIDANCE_START.match(text):
            return True
        if "?" in text and words <= LABEL_MAX_WORDS:
            return False
        if p.bold and words <= LABEL_MAX_WORDS:
            return False
        if text.endswith((":", "?")) and words <= LABEL_MAX_WORDS:
            return False
        if p.italic or (p.size and p.size < self.body_size * SMALL_PRINT_RATIO):
            return True
        return words > GUIDANCE_MIN_WORDS or (text.endswith(".") and words > SENTENCE_GUIDANCE_MIN_WORDS)

    def _option_line(self, p: Para, loc: str) -> bool:
        """Handle a paragraph that is a single tick box and its option text."""
        ctrls = p.controls
        raw = p.text.strip()
        is_option = False
        opt = ""
        if len(ctrls) == 1 and ctrls[0].kind == "checkbox":
            opt = clean_label(p.plain)
            is_option = bool(opt)
        elif not ctrls and raw and raw[0] in BOX_CHARS and len(BOX_RE.findall(raw)) == 1:
            opt = clean_label(raw[1:])
            is_option = bool(opt)
        elif (
            not ctrls
            and raw
            and raw[-1] in BOX_CHARS
            and len(BOX_RE.findall(raw)) == 1
            and len(raw.split()) <= OPTION_MAX_WORDS
        ):
            opt = clean_label(raw[:-1])
            is_option = bool(opt) and (self.options_for is not None or self.pending is not None)
        if not is_option:
            return False
        if self.options_for is None:
            label, ploc = self.take_pending()
            hint = self._pending_hint
            self.options_for = {
                "label": label,
                "loc": ploc or loc,
                "options": [],
                "multi": bool(_ALL_APPLY.search(f"{label or ''} {hint or ''}"))
                and not _ONE_ONLY.search(f"{label or ''} {hint or ''}"),
            }
            self._pending_hint = ""
        self.options_for["options"].append(opt)
        return True

    def inline_controls(self, p: Para, loc: str):
        """Fields from content controls / legacy fields inside one paragraph."""
        segs = p.segs
        # group: text before each control labels it; runs of checkboxes with text form one choice
        boxes = [s for s in segs if s.control is not None and s.control.kind == "checkbox"]
        others = [s for s in segs if s.control is not None and s.control.kind != "checkbox"]
        if boxes and not others:
            raw = "".join(s.text if s.control is None else "☐" for s in segs)
            self.inline_boxes(raw, loc, segs=segs)
            return
        buf: list[Seg] = []
        for s in segs:
            if s.control is None:
                buf.append(s)
                continue
            c = s.control
            label = squash("".join(x.text for x in buf))
            buf = []
            if c.kind == "checkbox":
                lab = label or _given_name(c)
                if lab:
                    self.add_field(lab, "checkbox", loc)
                continue
            if not clean_label(label):
                pl, ploc = self.take_pending()
                label = pl or ""
                if not label and self.fresh_heading is not None and not self.section.fields:
                    label = self.fresh_heading.title or ""
                if not label:
                    label = _given_name(c)
            kind = self._control_kind(c, label, p)
            self.add_field(label, kind, loc, options=c.options, prefilled=c.prefilled)
        tail = squash("".join(x.text for x in buf))
        if tail and not is_placeholder(tail) and BLANK_RE.search(tail):
            # text after the last control with blanks of its own
            self.inline_blanks(tail, loc)

    def _control_kind(self, c: Control, label: str, p: Para | None = None) -> str:
        if c.stated_kind:
            return c.stated_kind
        if c.kind == "choice":
            return yes_no_kind(c.options) if c.options else "choice"
        if c.kind in ("date", "number", "long_text"):
            if c.kind == "long_text":
                return "long_text"
            return c.kind
        if c.kind == "picture":
            return "signature" if kind_from_label(label) == "signature" else "text"
        return kind_from_label(label) or "text"

    def inline_boxes(self, raw: str, loc: str, segs=None):
        """'Label: Yes ☐ No ☐' / 'Label ☐ A ☐ B' in one paragraph or cell."""
        label, opts = _split_choice(raw, segs)
        if not label:
            pl, ploc = self.take_pending()
            if pl:
                label, loc = pl, ploc or loc
        if not label and self.fresh_heading is not None and not self.section.fields:
            label = self.fresh_heading.title or ""
        if not opts:
            return
        if not label:
            if len(opts) == 1:
                self.add_field(opts[0], "checkbox", loc)
            else:
                for o in opts:
                    self.add_field(o, "checkbox", loc)
            return
        kind = "checkbox" if len(opts) == 1 else yes_no_kind(opts)
        if kind == "choice" and _ALL_APPLY.search(raw):
            kind = "multi_choice"
        self.add_field(label, kind, loc, options=opts if len(opts) > 1 else [])

    def inline_blanks(self, raw: str, loc: str):
        """'Name: ______  DOB: __/__/____' → one field per blank, labelled by the text before it."""
        pieces = re.split(f"({DATE_BLANK_RE.pattern}|{BLANK_RE.pattern})", raw)
        label_buf = ""
        made = False
        for piece in pieces:
            if piece is None:
                continue
            if DATE_BLANK_RE.fullmatch(piece) or BLANK_RE.fullmatch(piece):
                label = clean_label(label_buf)
                label_buf = ""
                if not label:
                    pl, ploc = self.take_pending()
                    label = pl or ""
                    if not label and self.fresh_heading is not None and not self.section.fields:
                        label = (
                            self.fresh_heading.title or ""
                        )  # a bare blank right under a heading answers it
                else:
                    self.drop_pending()  # a line with its own label: the text before it was not that label
                if not label:
                    continue
                kind = "date" if DATE_BLANK_RE.fullmatch(piece) else (kind_from_label(label) or "text")
                self.add_field(label, kind, loc)
                made = True
            else:
                label_buf += piece
        rest = clean_label(label_buf)
        if rest and not made:
            self.guidance(rest)

    # ---- tables
    def table(self, t: Table):
        self._table_depth += 1
        try:
            self._table(t)
        finally:
            self._table_depth -= 1

    def _table(self, t: Table):
        loc_t = f"table {t.index}"
        rows = t.rows
        if self._is_answer_box(t):
            # a box one line tall (no height, one paragraph) is a short answer; anything taller is long
            h = sum(r.height or 0 for r in t.rows)
            paras = sum(len(c.paras) for r in t.rows for c in r.cells)
            one_line = len(t.rows) == 1 and _one_line(h, paras)
            self.answer_area(self._box_capacity(t), f"{loc_t}", long_default=not one_line)
            return
        # a table opening with a grid or a matrix: the text before it is its caption (never its heading);
        # rows after it (a second label row over its answers, …) are read as any other rows
        i = 0
        g = self._grid_header(rows, 0) if _option_columns(rows, 0) is None else 0
        m = self._matrix_rows(rows, 0) if not g else 0
        if g:
            i = self.grid(t, 0, g)
        elif n := self._matrix_rows(rows, 0, numbered=True):
            i = self.grid(t, 0, n, first_col=1)
        elif m and self._matrix_caption() is not None and _option_columns(rows, 0) is None:
            i = self.labelled_matrix(t, 0, m)
        if i >= len(rows):
            return
        if i == 0:
            self._pending_heads_table(t)
        self.close_options()
        self._table_heading_level = 0
        while i < len(rows):
            row = rows[i]
            loc = f"{loc_t} row {row.index}"
            cells = row.cells
            full = len(cells) == 1
            if full:
                i = self.full_row(t, i, loc)
                continue
            oc = _option_columns(rows, i)
            if oc is not None:
                i = self.option_column_rows(t, i, *oc)
                continue
            oh = self._option_header
            if oh is not None and oh[0] == t.index and _option_row(row, oh[1], oh[2], oh[3]):
                self.option_row(t, row)  # a checklist row after a sub-heading row
                i += 1
                continue
            k = _tick_list(rows, i)
            if k:
                i = self.tick_list(t, i, k)
                continue
            g = self._grid_header(rows, i)
            if g:
                i = self.grid(t, i, g)
                continue
            g = self._matrix_rows(rows, i, numbered=True)
            if g:
                i = self.grid(t, i, g, first_col=1)
                continue
            m = self._matrix_rows(rows, i)
            if m and self._matrix_caption() is not None:
                i = self.labelled_matrix(t, i, m)
                continue
            self.multi_cell_row(row, loc, t)
            i += 1
        self.close_options()
        self.drop_pending()

    def _pending_heads_table(self, t: Table):
        """A short bold paragraph of body size right above a table of questions is that table's heading (older
        Word forms: no heading styles, no larger font): "About the child" over label | answer rows. One that
        ends like a question or a lead-in ("…:", "…?", "….") stays a label or caption."""
        p = self.pending
        if p is None or not p.bold or p.italic or p.controls or p.numbered:
            return
        text = p.plain
        if len(text.split()) > PARA_HEADING_MAX_WORDS or text.endswith((":", "?", ".", ";", ",")):
            return
        if not t.rows or len(t.rows[0].cells) == 1 and self._heading_row_level(t, 0) is not None:
            return  # the table opens with its own heading row
        self.pending = None
        level = self._bold_para_level()
        self.new_section(text, level, self.pending_loc)
        self.bold_para_sections.add(id(self.section))

    def _pending_heads_lines(self, p: Para):
        """A short bold paragraph of body size right above a line that carries its own label and answer
        ("Name: ______", "Date of birth [date picker]") heads the lines below it, as one above a table of
        questions does (:meth:`_pending_heads_table`). Above an unlabelled answer area (ruled lines, a box, a
        bare blank) it stays that area's label."""
        pend = self.pending
        if pend is None or not pend.bold or pend.italic or pend.controls or pend.numbered:
            return
        text = pend.plain
        if len(text.split()) > PARA_HEADING_MAX_WORDS or text.endswith((":", "?", ".", ";", ",")):
            return
        if not _LETTER.search(_own_label(p)):
            return
        self.pending = None
        self.new_section(text, self._bold_para_level(), self.pending_loc)
        self.bold_para_sections.add(id(self.section))

    def _bold_para_level(self) -> int:
        """Level of a bold-paragraph heading: that of the previous one; else one below a heading of another
        kind the form already has (a Heading 1 part over bold-paragraph sections); else 1."""
        for sec in reversed(self.form.sections[1:]):
            if id(sec) in self.bold_para_sections:
                return sec.level
        others = [sec.level for sec in self.form.sections[1:]]
        return min(MAX_LEVEL, min(others) + 1) if others else 1

    def _is_answer_box(self, t: Table) -> bool:
        if (
            self.filled
            and (self.pending is not None or self.fresh_heading is not None)
            and all(len(r.cells) == 1 and _typed(r.cells[0]) for r in t.rows)
        ):
            return True  # a bordered box under a label or a heading that asks, typed into
        return all(
            len(r.cells) == 1 and r.cells[0].is_answer_area() and not r.cells[0].controls() for r in t.rows
        ) or (len(t.rows) == 1 and len(t.rows[0].cells) == 1 and t.rows[0].cells[0].is_answer_area())

    def _box_capacity(self, t: Table) -> dict | None:
        h = sum(r.height or 0 for r in t.rows)
        return _capacity(h, t.rows[0].cells[0].width)

    def answer_area(self, capacity, loc, long_default=True, controls=None, height=None):
        """An empty box: it answers the pending label, or the heading right above it."""
        label, ploc = self.take_pending()
        hint = self._pending_hint
        self._pending_hint = ""
        heading_asks = label is None and self.fresh_heading is not None and not self.section.fields
        if heading_asks:
            label = self.fresh_heading.title
        if not label:
            return
        # a heading that is itself the question is answered at length, whatever the box
        kind = (
            "long_text"
            if long_default or heading_asks
            else (kind_from_label(label, allow_long=True) or "text")
        )
        if controls:
            c = controls[0]
            if c.kind in ("date", "choice", "checkbox"):
                kind = self._control_kind(c, label)
        if kind == "long_text":
            limit = stated_word_limit(label + " " + (hint or ""))
            if limit:
                capacity = {**(capacity or {}), "words": limit}
        self.add_field(
            label,
            kind,
            ploc or loc,
            capacity=capacity if kind == "long_text" else None,
            options=controls[0].options if controls else None,
            prefilled=bool(controls and controls[0].prefilled),
        )

    def _heading_row_level(self, t: Table, ri: int) -> int | None:
        """Level if this full-width row is a heading row, else None."""
        cell = t.rows[ri].cells[0]
        text = _heading_text(cell)
        if not text or len(text.split()) > MAX_HEADING_WORDS or cell.controls() or BLANK_RE.search(text):
            return None
        if BOX_RE.search(cell.text):
            return None
        if cell.fill and cell.fill in self.heading_fill_levels:
            return self.heading_fill_levels[cell.fill]
        nxt = t.rows[ri + 1] if ri + 1 < len(t.rows) else None
        if cell.fill and cell.fill in self.label_fills:
            # the shade of the label cells: a short bold row in it still heads the label rows under it
            # (older forms shade headings and labels alike); over an answer box it is that box's label
            if (
                cell.bold
                and len(text.split()) <= SUBHEADING_MAX_WORDS
                and not text.endswith((":", "?", "."))
                and nxt is not None
                and not _full_answer_row(nxt)
            ):
                return min(MAX_LEVEL, max(self.heading_fill_levels.values(), default=0) + 1)
            return None
        if nxt is None and ri == 0 and self._banner(t):
            return 1
        p = cell.paras[0] if cell.paras else None
        if p is not None and p.style_level is not None:
            return p.style_level
        if p is not None and p.bold and p.size and p.size in self.heading_size_levels:
            self._sized_heading = p.size
            return 1
        # an unshaded bold row opening a table is a heading — unless it labels what follows it
        if ri == 0 and cell.bold and len(t.rows) > 1 and not text.endswith(":"):
            return None if self._row_labels_next(t, ri) else 1
        # a short bold row that heads label | answer rows inside a table is a sub-heading
        if (
            cell.bold
            and len(cell.paras) >= 1
            and len([p for p in cell.paras if p.plain]) == 1
            and len(text.split()) <= SUBHEADING_MAX_WORDS
            and not text.endswith((":", "?", "."))
            and nxt is not None
            and not (len(nxt.cells) == 1 and nxt.cells[0].is_answer_area())
        ):
            return self._table_heading_level + 1 if self._table_heading_level else 1
        return None

    def _title_row(self, t: Table, i: int) -> bool:
        """The form's name in the first row of a table before anything else (older forms put it in a shaded
        banner row): bold, one paragraph, title-sized."""
        if i != 0 or self.form.title is not None or self.seen_content:
            return False
        cell = t.rows[0].cells[0]
        paras = [p for p in cell.paras if p.plain]
        return (
            len(paras) == 1
            and paras[0].bold
            and bool(paras[0].size)
            and paras[0].size >= self.body_size * TITLE_SIZE_RATIO
            and len(cell.text.split()) <= MAX_HEADING_WORDS
        )

    def _banner(self, t: Table) -> bool:
        """A table of one full-width row holding only a short bold line ("About the family") — a heading drawn
        as a one-cell table, with no room to write in it."""
        row = t.rows[0]
        cell = row.cells[0]
        text = cell.text
        return (
            len(t.rows) == 1
            and cell.bold
            and len(cell.paras) == 1
            and not cell.paras[0].italic
            and len(text.split()) <= SUBHEADING_MAX_WORDS
            and not text.endswith((":", "?", ".", ";", ","))
            and not (row.height and row.height >= 2 * LINE_TWIPS)
        )

    def _row_labels_next(self, t: Table, ri: int) -> bool:
        """A bold full-width row is a label, not a heading, when

        * it asks a question ("…?") over a grid or matrix: the grid's caption; or
        * it stands over a full-width answer row, and either a heading was just opened (nothing asked
          since) or the table repeats that pattern further down (label row, answer row, label row, …).
        """
        rows = t.rows
        if ri + 1 >= len(rows):
            return False
        text = rows[ri].cells[0].text
        if text.endswith("?") and (self._grid_header(rows, ri + 1) or self._matrix_rows(rows, ri + 1)):
            return True
        if not _full_answer_row(rows[ri + 1]):
            return False
        if self.fresh_heading is not None and not self.section.fields:
            return True
        return any(
            _full_label_row(rows[k]) and _full_answer_row(rows[k + 1]) for k in range(ri + 2, len(rows) - 1)
        )

    def full_row(self, t: Table, i: int, loc: str) -> int:
        row = t.rows[i]
        cell = row.cells[0]
        if cell.has_table():
            for b in cell.blocks:
                self.block(b)
            return i + 1
        typed_here = self._typed_row == (t.index, i)
        if typed_here or (cell.is_answer_area() and not (cell.text and is_placeholder(cell.text) is False)):
            ctrls = cell.controls()
            # a full-width answer row one line tall under a label row is a short answer, like a one-line box
            one_line = (
                not typed_here
                and (not ctrls or ctrls[0].kind == "text")  # a plain-text control, not a rich-text one
                and _one_line(row.height, len(cell.paras))
            )
            self.answer_area(
                _capacity(row.height, cell.width),
                loc,
                long_default=not one_line and (not ctrls or ctrls[0].kind in ("text", "long_text")),
                controls=ctrls,
            )
            return i + 1
        if self._title_row(t, i):
            self.form.title = cell.text
            return i + 1
        lvl = self._heading_row_level(t, i)
        if lvl is not None:
            title = _heading_text(cell)
            self.new_section(title, lvl, loc)
            if title != cell.text:  # a hint under the heading in the same cell
                self.guidance(cell.text[len(title) :])
            nxt = t.rows[i + 1] if i + 1 < len(t.rows) else None
            if self.filled and _typed_box_row(nxt):
                self._typed_row = (t.index, i + 1)  # a heading that asks: the typed row is its answer
            if not self._table_heading_level or lvl < self._table_heading_level:
                self._table_heading_level = lvl
            return i + 1
        nxt = t.rows[i + 1] if i + 1 < len(t.rows) else None
        answer_below = nxt is not None and len(nxt.cells) == 1 and nxt.cells[0].is_answer_area()
        if not answer_below and self.filled and cell.fill in self.label_fills and _typed_box_row(nxt):
            answer_below = True  # the unshaded row under a label row of a filled-in form is its answer
            self._typed_row = (t.index, i + 1)
        if not answer_below and self.self_contained_box(cell, row, loc):
            return i + 1
        # paragraphs inside the row: fields (blanks, boxes, controls) or a label / guidance
        for b in cell.blocks:
            self.block(b)
        if self.pending is None and cell.paras and cell.text and answer_below:
            # a long label that the guidance test rejected is still the label of the box below
            last = [p for p in cell.paras if p.plain]
            heading_asks = self.fresh_heading is not None and not self.section.fields
            if (
                last
                and not heading_asks
                and not _GUIDANCE_START.match(last[-1].plain)
                and not last[-1].controls
                and not BOX_RE.search(last[-1].text)
                and not BLANK_RE.search(last[-1].text)
            ):
                self._flush_guidance_tail(last[-1].plain)
                self.pending = last[-1]
                self.pending_loc = loc
        return i + 1

    def multi_cell_row(self, row: Row, loc: str, t: Table):
        cells = row.cells
        j = 0
        while j < len(cells):
            c = cells[j]
            nxt = cells[j + 1] if j + 1 < len(cells) else None
            if c.has_table():
                for b in c.blocks:
                    self.block(b)
                j += 1
                continue
            label_paras = [p for p in c.paras if p.plain]
            if not label_paras and not c.controls():
                j += 1
                continue
            if _ENUMERATOR.match(c.text) and not c.controls() and nxt is not None and nxt.text:
                j += 1  # a question number in a cell of its own ("1.2 | Name | ____")
                continue
            if (
                j == 0
                and len(cells) == 2
                and nxt is not None
                and _box_only(c)
                and _option_word(nxt)
                and (self.pending is not None or self.options_for is not None)
            ):
                # "☐ | Housing": a tick box and its option in cells of their own, under the question above
                self.paragraph(Para(segs=[Seg(text=f"☐ {nxt.text}")], index=0), loc)
                j += 2
                continue
            own = (
                c.controls()
                or BLANK_RE.search(c.text)
                or DATE_BLANK_RE.search(c.text)
                or BOX_RE.search(c.text)
            )
            if own:
                listed = _option_list_cell(c)
                if not listed:
                    self.close_options()
                for b in c.blocks:
                    self.block(b)
                if not listed:
                    # a cell of "☐ option" lines continues the list of the label above it ("Which services?"
                    # over a grid of "☐ Housing | ☐ Health" cells): the list is closed by what follows
                    self.close_options()
                j += 1
                continue
            self.close_options()
            label_p = label_paras[0]
            label = label_p.plain
            hint = squash(" ".join(p.plain for p in label_paras[1:]))
            spread = _spread_options(cells, j + 1)
            if spread is not None:  # "Question | Yes | ☐ | No | ☐": the boxes in cells of their own
                k, merged = spread
                self.answer_cell(label, hint, merged, row, loc)
                j = k
                continue
            if nxt is not None and (BOX_RE.search(nxt.text) or nxt.controls()) and not nxt.has_table():
                # options may be spread over the following cells: "Label | Yes ☐ | No ☐"
                k = j + 2
                while k < len(cells) and _option_cell(cells[k]):
                    k += 1
                merged = Cell(blocks=[b for cc in cells[j + 1 : k] for b in cc.blocks]) if k > j + 2 else nxt
                self.answer_cell(label, hint, merged, row, loc)
                j = k
                continue
            boxed = _nested_box_height(nxt) if nxt is not None else None
            if boxed is not None:  # "Address | [a bordered box drawn as a table inside the cell]"
                height = max(row.height or 0, boxed) or None
                self.answer_cell(
                    label, hint, Cell(blocks=[], width=nxt.width), Row(cells=[], height=height), loc
                )
                j += 2
                continue
            if nxt is not None and (
                nxt.is_answer_area() or self._answer_cell(c, nxt) or _printed_options(nxt) or _hint_only(nxt)
            ):
                self.answer_cell(label, hint, nxt, row, loc)
                j += 2
                continue
            if not self.self_contained_box(c, row, loc):
                self.guidance(c.text)
            j += 1

    def self_contained_box(self, cell: Cell, row: Row, loc: str) -> bool:
        """A cell holding only a label at its top and room to write below it ("What are the risks?"
        over empty lines, or a tall cell) is a field by itself. Returns True if it made one."""
        if cell.has_table() or cell.controls():
            return False
        paras = cell.paras
        filled = [k for k, p in enumerate(paras) if p.plain]
        if len(filled) != 1 or filled[0] != 0:
            return False
        p = paras[0]
        text = p.plain
        if BOX_RE.search(p.text) or BLANK_RE.search(p.text) or DATE_BLANK_RE.search(p.text):
            return False
        if _GUIDANCE_START.match(text) or p.italic or len(text.split()) > LABEL_MAX_WORDS:
            return False
        room = len(paras) - 1
        tall = bool(row.height and row.height >= LONG_ROW_TWIPS)
        asks = text.rstrip().endswith((":", "?")) or p.bold
        if not (tall or (room >= 1 and asks) or room >= 2):
            return False
        self.drop_pending()
        long_ = tall or room >= ROOM_LONG_LINES
        kind = "long_text" if long_ else (kind_from_label(text) or "text")
        cap = _capacity(row.height or (room + 1) * LINE_TWIPS, cell.width) if long_ else None
        self.add_field(text, kind, loc, capacity=cap)
        return True

    def _answer_cell(self, label_cell: Cell, cell: Cell) -> bool:
        """A cell with ordinary text beside a shaded label cell is a filled-in answer (never kept)."""
        return bool(label_cell.fill and label_cell.fill in self.label_fills and not cell.fill and cell.text)

    def answer_cell(self, label: str, hint: str, cell: Cell, row: Row, loc: str):
        ctrls = cell.controls()
        raw = " ".join(p.text for p in cell.paras)
        combed = _comb_blanks(raw)
        if not ctrls and combed != raw and not squash(BLANK_RE.sub(" ", DATE_BLANK_RE.sub(" ", combed))):
            # "☐☐/☐☐/☐☐☐☐": one box per character of the answer
            kind = "date" if DATE_BLANK_RE.search(combed) else (kind_from_label(label) or "text")
            self.add_field(label, kind, loc, hint=hint)
            return
        boxes = [c for c in ctrls if c.kind == "checkbox"]
        if BOX_RE.search(raw) and (boxes or not ctrls):
            opts = _box_options(cell)
            if len(opts) <= 1:
                kind = "checkbox"
            else:
                kind = yes_no_kind(opts)
                if kind == "choice" and (
                    _ALL_APPLY.search(hint + " " + label) or len(cell.paras) > 1 and _ALL_APPLY.search(raw)
                ):
                    kind = "multi_choice"
            stated = next((b.stated_kind for b in boxes if b.stated_kind), None)
            self.add_field(
                label,
                stated or kind,
                loc,
                options=opts if len(opts) > 1 else [],
                hint=hint,
                prefilled=any(b.prefilled for b in boxes),
            )
            return
        if ctrls:
            c = ctrls[0]
            kind = self._control_kind(c, label)
            if kind in ("text",) and row.height and row.height >= LONG_ROW_TWIPS:
                kind = "long_text"
            cap = _capacity(row.height, cell.width) if kind == "long_text" else None
            self.add_field(
                label, kind, loc, options=c.options, capacity=cap, hint=hint, prefilled=c.prefilled
            )
            return
        opts = _printed_options(cell)
        if opts:  # "Yes / No" to delete or circle
            self.add_field(label, yes_no_kind(opts), loc, options=opts, hint=hint)
            return
        kind = "date" if DATE_BLANK_RE.search(cell.text) else (kind_from_label(label) or "text")
        cap = None
        if kind in ("text",) and row.height and row.height >= LONG_ROW_TWIPS:
            kind = "long_text"
        if kind == "long_text":
            cap = _capacity(row.height, cell.width)
            limit = stated_word_limit(label + " " + hint)
            if limit:
                cap = {**(cap or {}), "words": limit}
        self.add_field(label, kind, loc, capacity=cap, hint=hint)

    # ---- grids
    def _grid_header(self, rows: list[Row], i: int) -> int:
        """Number of empty record rows if rows[i] is a grid header row, else 0."""
        hdr = rows[i]
        n = len(hdr.cells)
        if n < 2:
            return 0
        texts = [c.text for c in hdr.cells]
        if not all(texts) or any(
            c.has_table() or c.controls() or BOX_RE.search(c.text) or BLANK_RE.search(c.text)
            for c in hdr.cells
        ):
            return 0
        long_headers = [x for x in texts if len(x.split()) > GRID_HEADER_MAX_WORDS]
        if len(long_headers) > (1 if n >= 3 else 0) or any(
            len(x.split()) > GRID_LONG_HEADER_MAX_WORDS for x in long_headers
        ):
            return 0
        k = 0
        for r in rows[i + 1 :]:
            if len(r.cells) != n or not all(
                c.is_answer_area() or (self.filled and _typed(c)) for c in r.cells
            ):
                break
            k += 1
        if k == 0:
            return 0
        # a two-column header over a single empty row is a label row over answers: still a grid of 1
        return k

    def grid(self, t: Table, i: int, nrows: int, first_col: int = 0) -> int:
        """``first_col``: columns before it number the records ("1", "2", …) and ask nothing."""
        hdr = t.rows[i]
        loc = f"table {t.index} row {hdr.index}"
        columns = [clean_label(c.text) for c in hdr.cells[first_col:]]
        caption, cloc = self.take_pending()
        self._pending_hint = ""
        if caption:
            self.close_options()
            self.add_field(caption, "table", cloc or loc, columns=columns, capacity={"rows": nrows})
        else:
            self.group_n += 1
            gid = f"g{self.group_n}"
            first_row = t.rows[i + 1].cells[first_col:] if nrows else []
            for k, c in enumerate(columns):
                # a control in the column's first record row says what the column asks for
                ctrls = first_row[k].controls() if k < len(first_row) else []
                ctrl = ctrls[0] if ctrls else None
                kind = self._control_kind(ctrl, c) if ctrl else (kind_from_label(c) or "text")
                self.add_field(
                    c,
                    kind,
                    loc,
                    options=ctrl.options if ctrl else None,
                    repeat={"group": gid, "rows": nrows},
                    prefilled=bool(ctrl and ctrl.prefilled),
                )
        return i + 1 + nrows

    # ---- option columns
    def option_column_rows(self, t: Table, i: int, nrows: int, opt_cols: list[int]) -> int:
        """A checklist whose header row names the answers ("Risk | Yes | No | Comments"): each labelled row
        below is one choice question between those answers, ticked in its column. The header goes on
        heading the table's rows of the same shape after sub-heading rows ("Physical health")."""
        hdr = t.rows[i]
        options = [clean_label(hdr.cells[k].text) for k in opt_cols]
        self.drop_pending()
        self.close_options()
        body = t.rows[i + 1 : i + 1 + nrows]
        same = [r for r in t.rows[i + 1 :] if len(r.cells) == len(hdr.cells)]
        lc = _question_column(same)
        self._option_header = (t.index, len(hdr.cells), lc, opt_cols, options)
        for r in body:
            self.option_row(t, r)
        return i + 1 + nrows

    def option_row(self, t: Table, r: Row):
        _, _, lc, _, options = self._option_header
        self.add_field(
            r.cells[lc].text, yes_no_kind(options), f"table {t.index} row {r.index}", options=options
        )

    def tick_list(self, t: Table, i: int, nrows: int) -> int:
        """A list to tick in a column of its own ("Type of support | Tick" over "Parenting | ☐" rows): one
        question, its first header, whose options are the rows."""
        hdr = t.rows[i]
        self.drop_pending()
        self.close_options()
        options = [clean_label(r.cells[0].text) for r in t.rows[i + 1 : i + 1 + nrows]]
        self.add_field(hdr.cells[0].text, "multi_choice", f"table {t.index} row {hdr.index}", options=options)
        return i + 1 + nrows

    # ---- row-labelled matrices
    def _matrix_rows(self, rows: list[Row], i: int, numbered: bool = False) -> int:
        """Number of labelled rows if rows[i] heads a row-labelled matrix, else 0. With ``numbered``, the
        number of records if the row labels only number them ("1", "2.", "a)"): a grid whose records are
        numbered — each column header is a field — rather than a matrix.

        The header row has an empty corner cell and column headers ("| Yes/No | Name"); each row below has a
        short label in its first cell ("Child", "Mother", "Other") and only answer areas after it. The whole
        matrix asks one question (its caption), so it is one ``table`` field.
        """
        hdr = rows[i]
        n = len(hdr.cells)
        if n < 3:
            return 0
        corner, heads = hdr.cells[0], hdr.cells[1:]
        if corner.controls() or corner.has_table():
            return 0
        if corner.text and not (
            # a corner naming the rows ("Family member | Full name | Date of birth") over a person's details
            len(corner.text.split()) <= MATRIX_ROW_LABEL_MAX_WORDS
            and not _record_column(corner.text)
            and _details([c.text for c in heads])
        ):
            return 0
        for c in heads:
            t = c.text
            if not t or c.controls() or c.has_table() or BOX_RE.search(t) or BLANK_RE.search(t):
                return 0
            if len(t.split()) > GRID_HEADER_MAX_WORDS:
                return 0
        k = 0
        enumerated = True
        for r in rows[i + 1 :]:
            if len(r.cells) != n:
                break
            lab = r.cells[0]
            enumerated = enumerated and bool(_ENUMERATOR.match(lab.text))
            words = len(lab.text.split())
            if not words or words > MATRIX_ROW_LABEL_MAX_WORDS or lab.controls() or lab.has_table():
                break
            if not all(_matrix_answer(c) for c in r.cells[1:]):
                break
            k += 1
        return k if k >= MATRIX_MIN_ROWS and enumerated == numbered else 0

    def labelled_matrix(self, t: Table, i: int, nrows: int) -> int:
        """A matrix with labelled rows and columns. Right under its heading (no caption), it is a set of
        records when one side names a record's details (:func:`_details`):

        * column headers such as "Full name | Date of birth | Address" over rows "Mother", "Father", "Child 1":
          one record per row, each column header a field (as a grid under a heading);
        * row labels such as "Full name", "Date of birth" under columns "Parent 1 | Parent 2": one record per
          column, each row label a field.

        Otherwise (status columns such as "Invited | Attended", or a caption) the matrix is one question."""
        if self.pending is None:
            hdr = t.rows[i]
            if _details([c.text for c in hdr.cells[1:]]):
                return self.grid(t, i, nrows, first_col=1)
            body = t.rows[i + 1 : i + 1 + nrows]
            if _details([r.cells[0].text for r in body]):
                self.group_n += 1
                gid = f"g{self.group_n}"
                for r in body:
                    label = clean_label(r.cells[0].text)
                    loc = f"table {t.index} row {r.index}"
                    rep = {"group": gid, "rows": len(hdr.cells) - 1}
                    self.add_field(label, kind_from_label(label) or "text", loc, repeat=rep)
                return i + 1 + nrows
        return self.matrix(t, i, nrows)

    def _matrix_caption(self) -> str | None:
        """What a matrix asks: the text just before it, or the heading right above it that asks nothing else."""
        if self.pending is not None:
            return self.pending.plain
        if self.fresh_heading is not None and not self.section.fields:
            return self.fresh_heading.title
        return None

    def matrix(self, t: Table, i: int, nrows: int) -> int:
        hdr = t.rows[i]
        loc = f"table {t.index} row {hdr.index}"
        caption, cloc = self.take_pending()
        self._pending_hint = ""
        if caption is None:
            caption = self.fresh_heading.title if self.fresh_heading is not None else ""
        self.close_options()
        columns = [clean_label(c.text) for c in hdr.cells]
        self.add_field(caption, "table", cloc or loc, columns=columns, capacity={"rows": nrows})
        return i + 1 + nrows


def _heading_text(cell: Cell) -> str:
    """The text a heading row announces: the whole cell, or only its bold first paragraph when plainer
    paragraphs (a hint: "Include moves and losses…") follow it in the same cell."""
    paras = [p for p in cell.paras if p.plain]
    if len(paras) > 1 and paras[0].bold and not any(p.bold for p in paras[1:]):
        return paras[0].plain
    return cell.text


def _merged_view(row: Row) -> Row:
    """A row whose first cell holds bold text and whose other cells are empty, all shaded alike, is drawn as
    one merged heading row (Google Docs and hand-made tables often leave such rows unmerged): read it as one.
    So is a row numbering its heading in a cell of its own ("2 | ABOUT THE FAMILY | |"), shaded alike."""
    cells = row.cells
    if len(cells) < 2 or not cells[0].fill or cells[0].has_table():
        return row
    if any(c.fill != cells[0].fill or c.controls() or c.has_table() for c in cells[1:]):
        return row
    lead = 0
    if _ENUMERATOR.match(cells[0].text) and not cells[0].controls() and cells[1].bold:
        lead = 1  # the heading's number stands in the first cell
    title = cells[lead]
    if not title.bold or any(c.text for c in cells[lead + 1 :]):
        return row
    # the heading is the title cell's text; its number, like any enumerator, is not part of it
    merged = Cell(blocks=title.blocks, span=sum(c.span for c in cells), fill=title.fill, width=None)
    return Row(cells=[merged], height=row.height, index=row.index)


def _full_answer_row(row: Row) -> bool:
    return len(row.cells) == 1 and row.cells[0].is_answer_area()


def _full_label_row(row: Row) -> bool:
    c = row.cells[0]
    return len(row.cells) == 1 and bool(c.text) and not c.is_answer_area() and not c.has_table()


def _matrix_answer(cell: Cell) -> bool:
    return cell.is_answer_area() or _option_cell(cell)


#: A cell or row label that only numbers a record or a question: "1", "2.", "1.3", "(3)", "a)", "iv".
_ENUMERATOR = re.compile(r"^\(?(\d{1,2}(?:\.\d{1,2})*|[a-zA-Z]|[ivxIVX]{1,4})[.):]?$")
_LABEL_THEN_OPTIONS = re.compile(r"^(.*[:?])\s+(\S.*)$")


def _box_only(cell: Cell) -> bool:
    """A cell holding nothing but a tick box (typed, a symbol or a check-box control)."""
    if cell.has_table():
        return False
    ctrls = cell.controls()
    if ctrls:
        return all(c.kind == "checkbox" for c in ctrls) and not cell.text
    raw = squash(" ".join(p.text for p in cell.paras))
    return bool(raw) and not BOX_RE.sub("", raw).strip()


def _option_word(cell: Cell) -> bool:
    txt = cell.text
    return (
        bool(txt)
        and not cell.controls()
        and not cell.has_table()
        and not BOX_RE.search(" ".join(p.text for p in cell.paras))
        and len(txt.split()) <= OPTION_MAX_WORDS
        and not txt.endswith((":", "?"))
    )


def _spread_options(cells: list[Cell], start: int) -> tuple[int, Cell] | None:
    """Options laid out one cell each with their boxes in cells of their own ("Yes | ☐ | No | ☐" or
    "☐ | Yes | ☐ | No"): (index after them, one cell holding "Yes ☐ No ☐"), or None."""
    k, parts, boxes, words = start, [], 0, 0
    while k < len(cells):
        c = cells[k]
        if _box_only(c):
            parts.append("☐")
            boxes += 1
        elif _option_word(c) and (
            (k + 1 < len(cells) and _box_only(cells[k + 1])) or (k > start and _box_only(cells[k - 1]))
        ):
            parts.append(c.text)
            words += 1
        else:
            break
        k += 1
    if boxes < 1 or words < 1 or parts[-1] != "☐" and parts[0] != "☐":
        return None
    return k, Cell(blocks=[Para(segs=[Seg(text="  ".join(parts))])])


def _printed_options(cell: Cell) -> list[str]:
    """Options printed in an answer cell to delete or circle ("Yes / No"), or []."""
    if cell.controls() or cell.has_table() or len(cell.paras) > 2:
        return []
    return circled_options(cell.text)


def _given_name(c: Control) -> str:
    """A control's own name as a last-resort label — unless a tool generated it ("cc14", "Text10")."""
    return "" if is_generated_name(c.name) else c.name


def _nested_box_height(cell: Cell) -> int | None:
    """When ``cell`` holds nothing but an empty box drawn as a table of one column (empty paragraphs around
    it aside): that box's height in twips (0 when no row states one); else None."""
    tables = [b for b in cell.blocks if isinstance(b, Table)]
    if len(tables) != 1 or any(isinstance(b, Para) and not b.is_empty() for b in cell.blocks):
        return None
    (t,) = tables
    if not all(
        len(r.cells) == 1 and r.cells[0].is_answer_area() and not r.cells[0].controls() for r in t.rows
    ):
        return None
    return sum(r.height or 0 for r in t.rows)


_LETTER = re.compile(r"[^\W\d_]")


def _own_label(p: Para) -> str:
    """The text of a field line before its first answer slot: a blank, a date blank or a control (a check box
    first means the line lists options, so no label)."""
    lead = []
    for seg in p.segs:
        if seg.control is not None:
            if seg.control.kind == "checkbox":
                return ""
            break
        lead.append(seg.text)
    text = "".join(lead)
    cut = [m.start() for m in (BLANK_RE.search(text), DATE_BLANK_RE.search(text)) if m]
    return text[: min(cut)] if cut else text


#: Boxes drawn one per character of an answer ("☐☐/☐☐/☐☐☐☐", "☐☐☐☐ ☐☐☐"): at least this many in a row.
COMB_MIN_BOXES = 2
_COMB = re.compile(f"(?:[{BOX_CHARS}]\\s?){{{COMB_MIN_BOXES},}}")
_COMB_DATE = re.compile(f"[{BOX_CHARS}]{{1,2}}\\s*/\\s*[{BOX_CHARS}]{{1,2}}\\s*/\\s*[{BOX_CHARS}]{{2,4}}")
#: A date blank spaced out: "__ __ / __ __ / __ __ __ __", "D D / M M / Y Y Y Y".
_SPACED_DATE = re.compile(
    r"(?:_+\s+)*_+\s*/\s*(?:_+\s+)*_+\s*/\s*(?:_+\s*)*_+|\b[dD]\s[dD]\s*/\s*[mM]\s[mM]\s*/\s*(?:[yY]\s){1,3}[yY]\b"
)


def _comb_blanks(text: str) -> str:
    """``text`` with character boxes ("☐☐/☐☐/☐☐☐☐", "☐☐☐☐ ☐☐☐") and spaced-out date blanks read as the
    blanks they are ("__/__/____", "______"). Single boxes ("Yes ☐ No ☐") are left alone."""
    if BOX_RE.search(text):
        text = _COMB_DATE.sub("__/__/____", text)
        text = _COMB.sub(" ______ ", text)
    if "/" in text:
        text = _SPACED_DATE.sub("__/__/____", text)
    return text


def _hint_only(cell: Cell) -> bool:
    """An answer cell holding only a bracketed hint to the answer ("(please give details)", "(dd/mm/yyyy)"):
    the answer goes there, so it is an answer area; the hint is no label of its own."""
    if cell.has_table() or cell.controls() or len([p for p in cell.paras if p.plain]) != 1:
        return False
    txt = cell.text
    return len(txt) > 2 and txt[0] in "([" and txt[-1] in ")]" and len(txt.split()) <= LABEL_MAX_WORDS


def _option_list_cell(cell: Cell) -> bool:
    """A cell holding only "☐ option" lines, one tick box at the start of each."""
    paras = [p for p in cell.paras if not p.is_empty()]
    if not paras or cell.has_table():
        return False
    for p in paras:
        raw = p.text.strip()
        if (
            not raw
            or raw[0] not in BOX_CHARS
            or len(BOX_RE.findall(raw)) != 1
            or not BOX_RE.sub("", raw).strip()
        ):
            return False
        if any(c.kind != "checkbox" for c in p.controls):
            return False
    return True


def _option_cell(cell: Cell) -> bool:
    """A cell holding only tick-box options ("No ☐"), continuing the options of the cell before it."""
    raw = " ".join(p.text for p in cell.paras)
    if cell.has_table() or not BOX_RE.search(raw):
        return False
    words = BOX_RE.sub(" ", raw).split()
    return len(words) <= OPTION_MAX_WORDS and not raw.rstrip().endswith(("?", ":"))


def _typed(cell) -> bool:
    """Text someone could have typed into an answer cell: unshaded, plain, no table, control or box."""
    return bool(
        cell.text
        and not cell.fill
        and not cell.has_table()
        and not cell.controls()
        and not BOX_RE.search(cell.text)
        and not cell.bold
    )


def _typed_para(p) -> bool:
    """A paragraph someone could have typed: plain text, no control, box, blank or heading style."""
    return bool(
        p.plain
        and not p.bold
        and p.style_level is None
        and not p.controls
        and not BOX_RE.search(p.text)
        and not BLANK_RE.search(p.text)
    )


def _label_value(p) -> str | None:
    """The label of a "Label: value" paragraph (short label, not an instruction), else None."""
    if p.controls or p.italic or BOX_RE.search(p.text):
        return None
    m = _LABEL_VALUE.match(p.plain)
    if m is None:
        return None
    label = m.group("label").strip()
    if (
        len(label.split()) > LABEL_VALUE_MAX_WORDS
        or _NOT_A_FIELD.match(label)
        or _GUIDANCE_START.match(label)
    ):
        return None
    return label


def _typed_box_row(row) -> bool:
    """A full-width row made for writing in (explicit height of a long answer) holding typed text."""
    return (
        row is not None
        and len(row.cells) == 1
        and bool(row.height and row.height >= WRITING_ROOM_TWIPS)
        and _typed(row.cells[0])
    )


#: Fewest answer columns an option-column checklist has ("Yes | No").
OPTION_COLUMNS_MIN = 2


@functools.lru_cache(maxsize=1)
def _column_option_words() -> frozenset[str]:
    """Answers a checklist prints as its column headers (rules/kinds.yaml ``column_option_words``)."""
    return frozenset(fold(w) for w in ruledata.load("kinds").get("column_option_words", []))


def _tick_cell(cell: Cell) -> bool:
    """A cell in which an answer is ticked: empty, a box glyph or check-box controls only."""
    if cell.has_table():
        return False
    ctrls = cell.controls()
    if ctrls and not all(c.kind == "checkbox" for c in ctrls):
        return False
    return not BOX_RE.sub("", cell.text).strip()


def _option_columns(rows: list[Row], i: int) -> tuple[int, list[int]] | None:
    """(labelled rows, option column indexes) if rows[i] heads an option-column checklist, else None.

    The header row's first cell is empty or names the questions ("Risk", "Question"); at least
    :data:`OPTION_COLUMNS_MIN` adjacent header cells are answers of the column-option vocabulary ("Yes | No",
    "Agree | Disagree"); any other header names a free-text column ("Comments"). Each row below has a question
    in its first cell, tick cells under the options and answer areas elsewhere."""
    hdr = rows[i]
    n = len(hdr.cells)
    if n < 1 + OPTION_COLUMNS_MIN:
        return None
    same = [r for r in rows[i + 1 :] if len(r.cells) == n]
    lc = _question_column(same[: len(rows)])  # a numbering column may come before the questions
    if any(hdr.cells[c].controls() or hdr.cells[c].has_table() for c in range(lc + 1)):
        return None
    vocab = _column_option_words()
    if not vocab or fold(hdr.cells[lc].text) in vocab:
        return None
    opt_cols = [k for k in range(lc + 1, n) if fold(hdr.cells[k].text) in vocab]
    if len(opt_cols) < OPTION_COLUMNS_MIN or opt_cols != list(range(opt_cols[0], opt_cols[-1] + 1)):
        return None
    for k in range(lc + 1, n):
        c = hdr.cells[k]
        if not c.text or c.controls() or c.has_table() or len(c.text.split()) > GRID_HEADER_MAX_WORDS:
            return None
    k = 0
    for r in rows[i + 1 :]:
        if not _option_row(r, n, lc, opt_cols):
            break
        k += 1
    if (
        k == 0
        and i + 2 < len(rows)
        and len(rows[i + 1].cells) == 1
        and _option_row(rows[i + 2], n, lc, opt_cols)
    ):
        return 0, opt_cols  # the header, then a sub-heading row before the questions
    return (k, opt_cols) if k else None


def _option_row(r: Row, n: int, lc: int, opt_cols: list[int]) -> bool:
    """A checklist row under an option-column header: a question, tick cells under the options, answer areas
    elsewhere."""
    if len(r.cells) != n:
        return False
    lab = r.cells[lc]
    words = len(lab.text.split())
    if not words or words > LABEL_MAX_WORDS or lab.controls() or lab.has_table() or lab.is_answer_area():
        return False
    if lc and not _ENUMERATOR.match(r.cells[0].text):
        return False
    return all(_tick_cell(r.cells[c]) for c in opt_cols) and all(
        r.cells[c].is_answer_area() for c in range(lc + 1, n) if c not in opt_cols
    )


@functools.lru_cache(maxsize=1)
def _tick_header_re() -> re.Pattern | None:
    """Column headers that only say "tick here" (rules/kinds.yaml ``tick_column_headers``)."""
    pats = ruledata.load("kinds").get("tick_column_headers", [])
    return re.compile("|".join(f"(?:{p})" for p in pats), re.I) if pats else None


#: Fewest rows a tick-column list has (one row is a label and its check box).
TICK_LIST_MIN_ROWS = 2


def _tick_list(rows: list[Row], i: int) -> int:
    """Rows of a list ticked in a column of its own if rows[i] heads one ("Type of support | Tick"), else 0."""
    hdr = rows[i]
    rx = _tick_header_re()
    if rx is None or len(hdr.cells) != 2 or not hdr.cells[0].text or not rx.fullmatch(hdr.cells[1].text):
        return 0
    k = 0
    for r in rows[i + 1 :]:
        if len(r.cells) != 2 or not _option_word(r.cells[0]) or not _tick_cell(r.cells[1]):
            break
        k += 1
    return k if k >= TICK_LIST_MIN_ROWS else 0


def _question_column(body: list[Row]) -> int:
    """1 when the first column of ``body`` only numbers its rows ("1", "2.", "a)") and the questions are in the
    second, else 0."""
    first = [r.cells[0].text for r in body if r.cells]
    return 1 if first and all(_ENUMERATOR.match(x) for x in first) else 0


#: Share of a row-labelled matrix's column headers that must be a record's details (name, date of birth,
#: address…) for its rows to be records (a fraction of the headers).
RECORD_COLUMNS_MIN_SHARE = 0.5


@functools.lru_cache(maxsize=1)
def _record_column_re() -> re.Pattern | None:
    """Words of a column header asking a detail of a person or body (rules/kinds.yaml ``record_column_words``)."""
    words = ruledata.load("kinds").get("record_column_words", [])
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I) if words else None


def _details(labels: list[str]) -> bool:
    """At least :data:`RECORD_COLUMNS_MIN_SHARE` of ``labels`` ask a record's details."""
    return bool(labels) and sum(1 for x in labels if _record_column(x)) >= RECORD_COLUMNS_MIN_SHARE * len(
        labels
    )


def _record_column(header: str) -> bool:
    rx = _record_column_re()
    return bool(rx and rx.search(fold(header))) or kind_from_label(header) in (
        "date",
        "phone",
        "email",
        "number",
    )


def _one_line(height: int | None, paras: int) -> bool:
    """An answer area one line tall: at most one paragraph and no stated height of two lines
    (``2 * LINE_TWIPS``) — room for a name or a date, not an account."""
    return paras <= 1 and (height or 0) < 2 * LINE_TWIPS


def _capacity(height: int | None, width: int | None) -> dict | None:
    if not height:
        return None
    lines = max(1, round(height / LINE_TWIPS))
    chars = (width or DEFAULT_WIDTH_TWIPS) / 20 / CHAR_WIDTH_PT  # twips → pt → characters per line
    words_per_line = max(MIN_WORDS_PER_LINE, round(chars / CHARS_PER_WORD))
    return {"lines": lines, "words": lines * words_per_line}


def _box_options(cell: Cell) -> list[str]:
    opts: list[str] = []
    for p in cell.paras:
        raw = p.text
        if not BOX_RE.search(raw):
            continue
        _, o = _split_choice(raw, p.segs, options_only=True)
        opts.extend(o)
    return opts


def _split_choice(raw: str, segs=None, options_only: bool = False) -> tuple[str, list[str]]:
    """Split a line with tick boxes into (label, options).

    Boxes may stand before their options ("Label ☐ A ☐ B", "☐ A ☐ B") or after them
    ("Label: A ☐ B ☐"); in the second layout the label is separated from the first option by a colon,
    a question mark or a wide gap. ``options_only`` is for an answer cell, which holds no label.
    """
    parts = BOX_RE.split(raw.replace("\t", "   "))
    if len(parts) == 1:
        return clean_label(raw), []
    before, after = parts[0], parts[-1]
    if not before.strip() or after.strip():
        label, opts = ("" if options_only else before), parts[1:]
        if options_only and before.strip():
            opts = [before] + opts
    else:
        label, first = ("", before) if options_only else _label_and_option(before)
        if not label and not options_only:
            label, first = _label_and_printed_option(before, parts[1:-1])
        opts = [first] + parts[1:-1]
    # "Yes ☐ / No ☐": a separator between the options belongs to neither
    opts = [o for o in (clean_label(o.strip().strip("/|,;").strip()) for o in opts) if o]
    return clean_label(label), opts


@functools.lru_cache(maxsize=1)
def _printed_words() -> frozenset[str]:
    """Words answers are printed as (rules/kinds.yaml ``printed_option_words``), folded."""
    return frozenset(fold(w) for w in ruledata.load("kinds").get("printed_option_words", []))


#: Most words of a printed option at the end of a label chunk ("Prefer not to say").
PRINTED_OPTION_MAX_WORDS = 4


def _label_and_printed_option(chunk: str, others: list[str]) -> tuple[str, str]:
    """("Smoker", "Y") from "Smoker Y" when the options after the boxes ("N") are printed answers too: the
    first option is the longest run of last words that is one of them."""
    vocab = _printed_words()
    if not others or not all(fold(clean_label(o.strip().strip("/|,;"))) in vocab for o in others):
        return "", chunk
    words = chunk.split()
    for n in range(min(PRINTED_OPTION_MAX_WORDS, len(words) - 1), 0, -1):
        if fold(" ".join(words[-n:])) in vocab:
            return " ".join(words[:-n]), " ".join(words[-n:])
    return "", chunk


def _gap_split(chunk: str):
    # the label ends at the last ":" or "?" ("Do you have a carer? (unpaid): Yes ☐ No ☐")
    m = re.match(r"^(.*[:?])\s+(\S.*)$", chunk.strip())
    if m:
        return m.group(1), m.group(2)
    m = re.match(r"^(.*?\S)\s{3,}(\S.*)$", chunk.strip())
    if m:
        return m.group(1), m.group(2)
    return None


def _label_and_option(chunk: str, segs=None) -> tuple[str, str]:
    s = _gap_split(chunk)
    if s:
        return s
    return "", chunk
