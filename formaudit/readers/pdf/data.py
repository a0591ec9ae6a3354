"""What the PDF reader passes between its phases: text segments, AcroForm widgets and the raw
material of one page (collected with the page open), and the items interpretation places on a page.
Also the shared measures: the height of a written line, words per line and the AcroForm field flags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Field
from ..common import BLANK_RE, DATE_BLANK_RE
from .tolerances import LINE_PT, WORDS_PER_LINE

#: AcroForm field flags (PDF 32000-1:2008, tables 226-228: bit positions 13, 16, 17, 18)
FF_MULTILINE, FF_RADIO, FF_PUSH, FF_COMBO = 1 << 12, 1 << 15, 1 << 16, 1 << 17
#: a blank to write on, or a date blank ("__/__/____", "dd/mm/yyyy") — but a date format in brackets
#: ("Date of visit (dd/mm/yyyy)") is a hint that belongs to the label, not somewhere to write
_ANY_BLANK_RE = re.compile(f"(?<!\\()(?:{DATE_BLANK_RE.pattern})|(?:{BLANK_RE.pattern})")


@dataclass
class Seg:
    """Words on one line with no wide gap between them."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    bold: bool
    italic: bool
    words: list = field(default_factory=list)
    role: str | None = None  # title, heading, label, option, hint, footer, caption
    grey: bool = False  # mid-grey text (hint colour)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Widget:
    name: str
    ftype: str  # Tx, Btn, Ch, Sig
    flags: int
    tooltip: str
    options: list[str]
    states: list[str]
    x0: float
    top: float
    x1: float
    bottom: float
    field_key: int  # identifies the terminal field (radio groups share it)
    font_size: float = 0.0
    stored: tuple = ()  # the /Rect as stored (x0, y0, x1, y1), to turn with a page read turned


@dataclass
class PageData:
    number: int
    width: float
    height: float
    segs: list[Seg]
    rects: list[tuple[float, float, float, float]]  # stroked rects (x0, top, x1, bottom)
    hlines: list[tuple[float, float, float]]  # (x0, x1, y)
    tables: list[list[list[tuple | None]]]  # rows of cell bboxes
    table_words: list[list[dict]]  # words inside each table
    widgets: list[Widget]
    #: Word content-control prompts ("Click or tap here to enter text.") printed as text: answer areas
    placeholders: list[tuple[tuple[float, float, float, float], str]] = field(default_factory=list)
    #: bold body-size text is the form's label style (so it is not a heading by itself)
    bold_labels: bool = False
    #: shaded areas (box, colour key, luminance): the fills behind table rows and cells
    fills: list[tuple[tuple[float, float, float, float], tuple, float]] = field(default_factory=list)
    #: stroked boxes with a dark fill (heading bars, decoration): never answer boxes
    dark_rects: set = field(default_factory=set)
    #: document-wide: fills of label cells, and heading fills with their levels (darker = higher)
    label_fills: set = field(default_factory=set)
    heading_fill_levels: dict = field(default_factory=dict)
    #: each table's rows of cells (box, text, size, bold, text height, fill key)
    grids: list = field(default_factory=list)
    #: widgets laid over the flat layout's own answer areas (they refine kinds only)
    overlays: list = field(default_factory=list)
    #: field keys of the overlays whose answer area the flat reading made a field of
    claimed: set = field(default_factory=set)
    #: small drawn arrows and chevrons (a drop-down list's button) as boxes
    arrows: list = field(default_factory=list)


@dataclass
class Item:
    """Something placed on a page, in reading order: a heading, a field or guidance text."""

    top: float
    x0: float
    kind: str  # heading, field, guidance
    text: str = ""
    size: float = 0.0
    bold: bool = False
    fld: Field | None = None
    head_field: bool = False  # heading that is also the question of the box below it
    level: int = 0  # heading level stated by the row's shading (0: rank by size)
    hint: bool = False  # guidance that is a hint (italic, small or bracketed)


def _capacity(height: float, width: float | None = None) -> dict[str, int]:
    lines = max(1, round(height / LINE_PT))
    return {"lines": lines, "words": lines * WORDS_PER_LINE}
