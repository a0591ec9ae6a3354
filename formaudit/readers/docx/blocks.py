"""The intermediate block form shared by the DOCX and ODT readers, and the Word flattener that builds it.

A document is read in two steps: a *flattener* turns its XML into a list of blocks, and
:class:`formaudit.readers.docx.interpret.Interpreter` turns the blocks into a form in one pass. The
interpreter sees nothing but blocks, so any format that can be flattened into them is read by the same
rules (:mod:`formaudit.readers.odt` does this for OpenDocument).

The block form (all dataclasses; blocks are not modified after they are built):

* :class:`Para` — a paragraph: a list of :class:`Seg` text segments (text with bold/italic/size in
  half-points; a segment may instead hold a :class:`Control`, an answer slot), with its heading level
  from the style or outline level (``style_level``), ``is_title``, ``numbered``, shading ``fill``,
  ``ruled`` (a bottom border to write on) and its body ``index`` (for locations). A drawn write-in line
  reads as :data:`WRITE_IN`; tick-box glyphs as "☐" (:func:`symbol_boxes`, :func:`bracket_boxes`);
  "[Click here to enter text]" placeholders as text controls (:func:`placeholder_segs`).
* :class:`Table` — ``rows`` of :class:`Row` (``height`` in twips) of :class:`Cell`; a cell holds its own
  blocks (paragraphs and nested tables), its column ``span`` (merged cells appear once), ``fill`` and
  ``width`` in twips. ``ncols`` is the grid width.
* :class:`Box` — a text box: its blocks and its height in twips when the drawing states one.
* :class:`Control` — an answer slot: its kind (text, long_text, date, choice, checkbox, picture), options,
  a fallback name, and what a formaudit tag states (:func:`apply_tag`: ``stated_kind``, ``prefilled``).

:func:`all_paras` walks every paragraph, in cells and boxes too. The Word side is :class:`Styles`
(``styles.xml``), :class:`Numbering` (``numbering.xml``, list bullets that are tick boxes:
:data:`BULLET_BOXES`, :data:`SYMBOL_BULLET_BOXES`) and :class:`Flattener`.

What is kept is what a reader of the blank form sees: text with its bold/italic/size, and where answers go
(content controls, legacy form fields, FILLIN/MACROBUTTON fields, ActiveX controls, tick-box glyphs,
write-in lines). Answer text typed into a filled-in form — control contents, form-field results — is
never kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ...formtags import parse_tag
from ..common import BLANK_RE, BOX_RE, DATE_BLANK_RE, bounded_number, is_placeholder, squash

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = f"{{{W_NS}}}"
W14 = f"{{{W14_NS}}}"
MC = f"{{{MC_NS}}}"

#: Complex fields (without form-field data) that mark an answer area: Word's FILLIN prompt (also what
#: LibreOffice writes for a plain-text content control) and the old-template MACROBUTTON placeholder.
_ANSWER_FIELD = re.compile(r"^\s*(FILLIN|MACROBUTTON)\b", re.I)
#: What a drawn write-in line (underlined spaces, a tab leader) reads as: a blank like "Label: ____".
WRITE_IN = " _____ "
_BRACKET_BOX = re.compile(r"\[\s{0,2}\]")

# ---- tolerances of the flattener, with their units
#: Body text size when the styles state none (half-points: 22 = 11 pt, Word's default).
DEFAULT_BODY_SIZE = 22.0
#: Styles followed up a basedOn chain before giving up (a cycle or an absurd chain in a damaged file).
MAX_STYLE_CHAIN = 20
#: Ancestors of a text box searched for the shape that states its height.
MAX_SHAPE_ANCESTORS = 8
#: EMU (English Metric Units, DrawingML) per twip: 914,400 EMU per inch / 1,440 twips per inch.
_EMU_PER_TWIP = 635


#: Characters that draw an empty or ticked box in Wingdings / Wingdings 2 (also as private-use U+F0xx).
_SYMBOL_BOXES = set("oq¨xþýn£QRST") | {chr(0xF000 + ord(c)) for c in "oq¨xþýn£QRST"}


def symbol_boxes(text: str) -> str:
    """A run in a symbol font: its box characters read as ☐, anything else is decoration."""
    if not text.strip():
        return text
    return "".join("☐" for ch in text if ch in _SYMBOL_BOXES)


#: Word's prompt for an empty content control, left as plain text where the control itself was lost (a form
#: opened and saved again in Google Docs or an older editor): where it stands, the answer goes.
_PLACEHOLDER_TEXT = re.compile(
    r"(click or tap (?:here )?to enter (?:a )?(text|date)|click here to enter (?:a )?(text|date)|choose an item)\.?",
    re.I,
)


def placeholder_segs(text: str, bold=False, italic=False, size=None) -> list:
    """``text`` as segments, Word's placeholder prompt in it read as an answer slot (a text or date control)."""
    m = _PLACEHOLDER_TEXT.search(text) if len(text) > 10 else None
    if m is None:
        return [Seg(text=text, bold=bold, italic=italic, size=size)]
    kind = "date" if "date" in (m.group(2) or m.group(3) or "").lower() else "text"
    out = []
    if text[: m.start()]:
        out.append(Seg(text=text[: m.start()], bold=bold, italic=italic, size=size))
    out.append(Seg(control=Control(kind=kind)))
    return out + placeholder_segs(text[m.end() :], bold, italic, size) if text[m.end() :] else out


def _sym_char(code: str) -> str:
    """The character a ``w:sym`` draws (``w:char`` is hexadecimal, e.g. "F0A8"), or "" if malformed."""
    try:
        n = int(code, 16)
    except ValueError:
        return ""
    return chr(n) if 0 < n < 0x110000 else ""


#: The first entry of many drop-down lists is a prompt, not an answer: "Choose an item.", "Please select",
#: "-- Select --", "Select one", "Please choose from the list".
OPTION_PROMPT_RE = re.compile(
    r"^[\s\-–—_.*(\[<]*(?:please\s+)?(?:select|choose|pick)\b"
    r"(?:\s+(?:one|an?\s+\w+|from\s+(?:the\s+)?list|below|\w+))?[\s\-–—_.*)\]>:…]*$",
    re.I,
)


def is_option_prompt(text: str) -> bool:
    return bool(OPTION_PROMPT_RE.match(text.strip()))


def bracket_boxes(text: str) -> str:
    """Typed tick boxes "[ ]" / "[]" read as the box glyph."""
    return _BRACKET_BOX.sub("☐", text) if "[" in text else text


# --------------------------------------------------------------------------- flattened document
@dataclass
class Control:
    """An answer slot inside a paragraph: a content control or a legacy form field."""

    kind: str  # text, long_text, date, choice, checkbox, picture
    options: list[str] = field(default_factory=list)
    name: str = ""  # alias / tag / ffData name — a fallback label only
    prefilled: bool = False  # tagged as filled in from the case record (formaudit streamline writes this)
    stated_kind: str | None = None  # a kind stated in the control's formaudit tag


def apply_tag(ctrl: Control, tag: str | None) -> Control:
    """Mark ``ctrl`` with what its formaudit tag states (:func:`formaudit.formtags.parse_tag`): a stated
    kind (it wins over the control type and the label) and the pre-filled flag. Other tags change nothing."""
    stated = parse_tag(tag)
    if stated is not None:
        if stated.prefilled:
            ctrl.prefilled = True
        if stated.kind is not None:
            ctrl.stated_kind = stated.kind
    return ctrl


@dataclass
class Seg:
    text: str = ""
    bold: bool = False
    italic: bool = False
    size: float | None = None
    control: Control | None = None


@dataclass
class Para:
    segs: list[Seg]
    style_level: int | None = None  # heading level from the paragraph style / outline level
    is_title: bool = False
    numbered: bool = False
    index: int = 0  # paragraph number in the body, for locations
    fill: str | None = None
    ruled: bool = False  # drawn with a bottom border: an empty one is a line to write on

    # text, plain text, paragraphs and cell text are read many times while interpreting and never change once
    # flattened (blocks are not modified after they are built): computed once each
    @cached_property
    def text(self) -> str:
        return "".join(
            s.text if s.control is None else ("☐" if s.control.kind == "checkbox" else " ") for s in self.segs
        )

    @cached_property
    def plain(self) -> str:
        """Text with controls removed."""
        return squash("".join(s.text for s in self.segs if s.control is None))

    @property
    def controls(self) -> list[Control]:
        return [s.control for s in self.segs if s.control is not None]

    @property
    def bold(self) -> bool:
        txt = [
            s
            for s in self.segs
            if s.control is None and s.text.strip() and not BOX_RE.fullmatch(s.text.strip())
        ]
        return bool(txt) and all(s.bold for s in txt)

    @property
    def italic(self) -> bool:
        txt = [s for s in self.segs if s.control is None and s.text.strip()]
        return bool(txt) and all(s.italic for s in txt)

    @property
    def size(self) -> float | None:
        sizes = [s.size for s in self.segs if s.control is None and s.text.strip() and s.size]
        return max(sizes) if sizes else None

    def is_empty(self) -> bool:
        return not self.plain and not self.controls


@dataclass
class Cell:
    blocks: list  # Para | Table
    span: int = 1
    fill: str | None = None
    width: int | None = None

    @cached_property
    def paras(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para)]

    @cached_property
    def text(self) -> str:
        return squash(" ".join(p.plain for p in self.paras))

    def has_table(self) -> bool:
        return any(isinstance(b, Table) for b in self.blocks)

    def controls(self) -> list[Control]:
        return [c for p in self.paras for c in p.controls]

    def is_answer_area(self) -> bool:
        """Empty, a placeholder, only controls, or only a blank line ("______", "__/__/____") —
        somewhere to write, with no label of its own."""
        if self.has_table():
            return False
        txt = self.text
        return not txt or is_placeholder(txt) or not squash(BLANK_RE.sub(" ", DATE_BLANK_RE.sub(" ", txt)))

    @property
    def bold(self) -> bool:
        ps = [p for p in self.paras if p.plain]
        return bool(ps) and ps[0].bold


@dataclass
class Row:
    cells: list[Cell]
    height: int | None = None
    index: int = 0


@dataclass
class Table:
    rows: list[Row]
    ncols: int
    index: int = 0


@dataclass
class Box:
    """A text box: its content, and its height (twips) when the drawing states one."""

    blocks: list
    height: int | None = None
    index: int = 0


def all_paras(blocks: list):
    """Every paragraph of ``blocks`` in reading order, including those in table cells and text boxes."""
    stack = list(reversed(blocks))
    while stack:
        b = stack.pop()
        if isinstance(b, Para):
            yield b
        elif isinstance(b, Table):
            for row in reversed(b.rows):
                for cell in reversed(row.cells):
                    stack.extend(reversed(cell.blocks))
        elif isinstance(b, Box):
            stack.extend(reversed(b.blocks))


# --------------------------------------------------------------------------- reading the XML
def _val(el, attr="val"):
    return None if el is None else el.get(W + attr)


def _on(el) -> bool:
    """A toggle property (w:b, w:i): present and not switched off."""
    return el is not None and _val(el) not in ("0", "false", "off")


class Styles:
    """Paragraph style → heading level / title, and run-style defaults (bold, size), following basedOn."""

    def __init__(self, styles_el):
        self.by_id = {}
        self.default_size = DEFAULT_BODY_SIZE
        if styles_el is None:
            return
        dd = styles_el.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
        if dd is not None and _val(dd):
            self.default_size = _size(_val(dd), self.default_size)
        for st in styles_el.findall(f"{W}style"):
            sid = st.get(W + "styleId")
            name = (_val(st.find(f"{W}name")) or "").lower()
            based = _val(st.find(f"{W}basedOn"))
            ol = _val(st.find(f"{W}pPr/{W}outlineLvl"))
            rpr = st.find(f"{W}rPr")
            bold = _on(rpr.find(f"{W}b")) if rpr is not None and rpr.find(f"{W}b") is not None else None
            sz = _val(rpr.find(f"{W}sz")) if rpr is not None else None
            self.by_id[sid] = {"name": name, "based": based, "outline": ol, "bold": bold, "size": sz}
        normal = self.by_id.get("Normal")
        if normal and normal["size"]:
            self.default_size = _size(normal["size"], self.default_size)

    def _chain(self, sid):
        seen = 0
        while sid and sid in self.by_id and seen < MAX_STYLE_CHAIN:
            yield self.by_id[sid]
            sid = self.by_id[sid]["based"]
            seen += 1

    def heading(self, sid) -> tuple[int | None, bool]:
        """(heading level, is_title) of a paragraph style."""
        for st in self._chain(sid):
            name = st["name"]
            if name == "title":
                return None, True
            m = re.match(r"heading\s*(\d)", name)
            if m:
                return int(m.group(1)), False
            ol = bounded_number(st["outline"], 0, 9)
            if ol is not None and ol < 9:
                return ol + 1, False
        return None, False

    def run_props(self, sid):
        bold, size = None, None
        for st in self._chain(sid):
            if bold is None and st["bold"] is not None:
                bold = st["bold"]
            if size is None and st["size"]:
                size = _size(st["size"], None)
        return bool(bold), size


#: Bullet characters that draw an empty tick box: Unicode boxes and, in a symbol font, Wingdings "o", "q", "¨"
#: and Wingdings 2 "£" (also as private-use U+F0xx). Filled or ticked squares are ordinary bullets.
BULLET_BOXES = set("☐□❑❏❐") | {chr(0xF000 + ord(c)) for c in "oq¨£"}
SYMBOL_BULLET_BOXES = set("oq¨£") | {chr(0xF000 + ord(c)) for c in "oq¨£"}


class Numbering:
    """List numbering (``numbering.xml``): the (numId, level) pairs whose bullet is an empty tick box —
    older forms and Google Docs checklists draw each option's box as the list bullet, not as text."""

    def __init__(self, numbering_el=None):
        self.box_levels: set[tuple[str, str]] = set()
        if numbering_el is None:
            return
        abstract: dict[str, set[str]] = {}
        for an in numbering_el.findall(W + "abstractNum"):
            levels = set()
            for lvl in an.findall(W + "lvl"):
                text = _val(lvl.find(W + "lvlText")) or ""
                if _val(lvl.find(W + "numFmt")) != "bullet" or len(text) != 1:
                    continue
                fonts = lvl.find(f"{W}rPr/{W}rFonts")
                symbol = fonts is not None and any(
                    (fonts.get(W + a) or "").lower().startswith(("wingdings", "symbol", "webdings"))
                    for a in ("ascii", "hAnsi", "cs")
                )
                if text in (SYMBOL_BULLET_BOXES if symbol else BULLET_BOXES):
                    levels.add(lvl.get(W + "ilvl") or "0")
            abstract[an.get(W + "abstractNumId") or ""] = levels
        for num in numbering_el.findall(W + "num"):
            for ilvl in abstract.get(_val(num.find(W + "abstractNumId")) or "", ()):
                self.box_levels.add((num.get(W + "numId") or "", ilvl))

    def is_box(self, num_pr) -> bool:
        if num_pr is None or not self.box_levels:
            return False
        return (_val(num_pr.find(W + "numId")) or "", _val(num_pr.find(W + "ilvl")) or "0") in self.box_levels


class Flattener:
    """Turns body XML into Para/Table blocks, walking each row and cell once."""

    def __init__(self, styles: Styles, numbering: Numbering | None = None):
        self.styles = styles
        self.numbering = numbering or Numbering()
        self.npara = 0
        self.ntable = 0

    # ---- block level
    def blocks(self, container) -> list:
        out: list = []
        for child in container:
            tag = child.tag
            if tag == W + "p":
                out.extend(self.paragraph(child))
            elif tag == W + "tbl":
                t = self.table(child)
                if t is not None:
                    out.append(t)
            elif tag == W + "sdt":
                out.extend(self.block_sdt(child))
            elif tag in (W + "customXml", W + "ins", W + "moveTo", W + "smartTag"):
                out.extend(self.blocks(child))
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    out.extend(self.blocks(choice))
        return out

    def block_sdt(self, sdt) -> list:
        """A content control around whole paragraphs/tables: an answer area if it holds only a placeholder."""
        pr = sdt.find(W + "sdtPr")
        content = sdt.find(W + "sdtContent")
        if content is None:
            return []
        ctrl = _control_from_sdtpr(pr)
        inner = self.blocks(content)
        if ctrl is None or ctrl.kind in ("group", "repeat"):
            return inner
        # A block control is an answer area: keep it as one paragraph holding only the control.
        self.npara += 1
        if ctrl.kind == "text" and any(isinstance(b, Table) for b in inner):
            return inner
        return [Para(segs=[Seg(control=ctrl)], index=self.npara)]

    def paragraph(self, p) -> list:
        self.npara += 1
        ppr = p.find(W + "pPr")
        sid = _val(ppr.find(W + "pStyle")) if ppr is not None else None
        level, is_title = self.styles.heading(sid)
        if ppr is not None and level is None:
            ol = bounded_number(_val(ppr.find(W + "outlineLvl")), 0, 9)
            if ol is not None and ol < 9:
                level = ol + 1
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        numbered = num_pr is not None
        box_bullet = self.numbering.is_box(num_pr)
        fill = _val(ppr.find(W + "shd"), "fill") if ppr is not None else None
        pbold, psize = self.styles.run_props(sid)
        if ppr is not None:
            prpr = ppr.find(W + "rPr")
            if prpr is not None and prpr.find(W + "sz") is not None and psize is None:
                psize = _size(_val(prpr.find(W + "sz")), None) or None
        segs: list[Seg] = []
        boxes: list = []
        leaders = ppr is not None and any(
            (t.get(W + "leader") or "none") not in ("none",) for t in ppr.iterfind(f"{W}tabs/{W}tab")
        )
        state = {"field": None, "in_result": False, "leader_tab": leaders}
        self._inline(p, segs, boxes, state, pbold, psize)
        if box_bullet:  # the list bullet is the option's tick box: "☐ option"
            segs.insert(0, Seg(text="☐ ", bold=pbold, size=psize))
            numbered = False
        bottom = ppr.find(f"{W}pBdr/{W}bottom") if ppr is not None else None
        ruled = bottom is not None and (_val(bottom) or "none") not in ("none", "nil")
        para = Para(
            segs=segs,
            style_level=level,
            is_title=is_title,
            numbered=numbered,
            index=self.npara,
            fill=fill,
            ruled=ruled,
        )
        out = [para]
        for box in boxes:  # text boxes follow the paragraph that anchors them
            out.append(Box(blocks=self.blocks(box), height=_box_height(box), index=self.npara))
        return out

    def _inline(self, el, segs, boxes, state, pbold, psize):
        for child in el:
            tag = child.tag
            if tag == W + "r":
                self._run(child, segs, boxes, state, pbold, psize)
            elif tag == W + "sdt":
                ctrl = _control_from_sdtpr(child.find(W + "sdtPr"))
                content = child.find(W + "sdtContent")
                if ctrl is None or ctrl.kind in ("group", "repeat"):
                    if content is not None:
                        self._inline(content, segs, boxes, state, pbold, psize)
                else:
                    segs.append(Seg(control=ctrl))
            elif tag in (
                W + "hyperlink",
                W + "smartTag",
                W + "ins",
                W + "moveTo",  # tracked moves: the text where it now stands (w:moveFrom is the old place)
                W + "customXml",
                W + "fldSimple",
                W + "bdo",
                W + "dir",
            ):
                self._inline(child, segs, boxes, state, pbold, psize)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self._inline(choice, segs, boxes, state, pbold, psize)

    def _run(self, r, segs, boxes, state, pbold, psize):
        rpr = r.find(W + "rPr")
        bold, italic, size = pbold, False, psize
        if rpr is not None:
            rs = _val(rpr.find(W + "rStyle"))
            if rs:
                b2, s2 = self.styles.run_props(rs)
                bold = bold or b2
                size = s2 or size
            b = rpr.find(W + "b")
            if b is not None:
                bold = _on(b)
            i = rpr.find(W + "i")
            if i is not None:
                italic = _on(i)
            sz = rpr.find(W + "sz")
            if sz is not None and _size(_val(sz), None) is not None:
                size = _size(_val(sz), None)
            if _on(rpr.find(W + "vanish")):
                return
        u = rpr.find(W + "u") if rpr is not None else None
        underlined = u is not None and _val(u) != "none"
        fonts = rpr.find(W + "rFonts") if rpr is not None else None
        symbol_font = fonts is not None and any(
            (fonts.get(W + a) or "").lower().startswith(("wingdings", "symbol", "webdings"))
            for a in ("ascii", "hAnsi", "cs")
        )
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                ftype = child.get(W + "fldCharType")
                if ftype == "begin":
                    ff = child.find(W + "ffData")
                    state["field"] = _control_from_ffdata(ff) if ff is not None else None
                    state["in_result"] = False
                    state["instr"] = ""
                elif ftype in ("separate", "end"):
                    if state["field"] is None and _ANSWER_FIELD.match(state.get("instr", "")):
                        # FILLIN / MACROBUTTON "[Click here and type]" fields are answer areas too
                        state["field"] = Control(kind="text")
                    if state["field"] is not None and not state["in_result"]:
                        segs.append(Seg(control=state["field"]))
                        state["in_result"] = True
                    if ftype == "end":
                        state["field"] = None
                        state["in_result"] = False
                        state["instr"] = ""
                continue
            if tag == W + "instrText":
                state["instr"] = state.get("instr", "") + (child.text or "")
                continue
            if state["in_result"]:
                continue  # the displayed result of a form field is an answer, never a label
            if tag == W + "t":
                text = child.text or ""
                if underlined and len(text) >= 3 and not text.strip():
                    text = WRITE_IN  # an underlined run of spaces is a line to write on
                if symbol_font:
                    text = symbol_boxes(text)
                segs.extend(placeholder_segs(bracket_boxes(text), bold, italic, size))
            elif tag == W + "tab":
                # a tab drawing a dotted/underscore leader, or underlined, is a line to write on
                text = WRITE_IN if underlined or state.get("leader_tab") else "\t"
                segs.append(Seg(text=text, bold=bold, italic=italic, size=size))
            elif tag in (W + "br", W + "cr"):
                segs.append(Seg(text=" ", bold=bold, italic=italic, size=size))
            elif tag == W + "sym":
                ch = _sym_char(child.get(W + "char") or "")
                wingdings = (child.get(W + "font") or "").lower().startswith("wingdings")
                if ch == "☐" or (wingdings and ch in _SYMBOL_BOXES):  # any Wingdings / Wingdings 2 box
                    segs.append(Seg(text="☐", bold=bold, italic=italic, size=size))
            elif tag == W + "noBreakHyphen":
                segs.append(Seg(text="-", bold=bold, italic=italic, size=size))
            elif tag == W + "object" and child.find(W + "control") is not None:
                # an ActiveX control (older Word forms): its name says what it is
                name = child.find(W + "control").get(W + "name") or ""
                segs.append(Seg(control=Control(kind=_activex_kind(name), name="")))
            else:
                for tb in _textboxes(child):
                    boxes.append(tb)

    # ---- tables
    def table(self, tbl) -> Table | None:
        self.ntable += 1
        tindex = self.ntable
        grid = tbl.find(W + "tblGrid")
        ncols = len(grid.findall(W + "gridCol")) if grid is not None else 0
        rows: list[Row] = []
        for ri, tr in enumerate(_iter_rows(tbl), 1):
            trpr = tr.find(W + "trPr")
            h = _val(trpr.find(W + "trHeight")) if trpr is not None else None
            cells: list[Cell] = []
            for tc in _iter_cells(tr):
                tcpr = tc.find(W + "tcPr")
                span, fill, width = 1, None, None
                if tcpr is not None:
                    vm = tcpr.find(W + "vMerge")
                    if vm is not None and _val(vm) in (None, "continue"):
                        continue  # continuation of a vertically merged cell: counted once, above
                    gs = _val(tcpr.find(W + "gridSpan"))
                    span = bounded_number(gs, 1, MAX_GRID_SPAN, 1)
                    fill = _val(tcpr.find(W + "shd"), "fill")
                    tw = _val(tcpr.find(W + "tcW"), "w")
                    width = (
                        bounded_number(tw, 0, MAX_TWIPS)
                        if _val(tcpr.find(W + "tcW"), "type") == "dxa"
                        else None
                    )
                if fill and fill.lower() in ("auto", "ffffff"):
                    fill = None
                blocks = self.blocks(tc)
                if fill is None:  # paragraph shading fills the cell visually too
                    pf = {
                        b.fill
                        for b in blocks
                        if isinstance(b, Para) and b.fill and b.fill.lower() not in ("auto", "ffffff")
                    }
                    if len(pf) == 1:
                        fill = pf.pop()
                cells.append(Cell(blocks=blocks, span=span, fill=fill.upper() if fill else None, width=width))
            if cells:
                rows.append(Row(cells=cells, height=bounded_number(h, 0, MAX_TWIPS), index=ri))
        if not rows:
            return None
        ncols = max(ncols, max(sum(c.span for c in r.cells) for r in rows))
        return Table(rows=rows, ncols=ncols, index=tindex)


def _iter_rows(tbl):
    for child in tbl:
        if child.tag == W + "tr":
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):  # row-level content control (repeating section)
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _iter_rows(content)


def _iter_cells(tr):
    for child in tr:
        if child.tag == W + "tc":
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _iter_cells(content)


#: Largest length read from a document, in twips (22 inches: Word's largest page side); larger values
#: are clamped so that no arithmetic on them can overflow.
MAX_TWIPS = 31_680
#: Most grid columns a cell may span (Word allows 63 columns).
MAX_GRID_SPAN = 63
#: Largest font size read, in half-points (Word's largest is 1,638 pt).
MAX_HALF_POINTS = 3_276


def _size(text, default):
    """A ``w:sz`` value (half-points), bounded; ``default`` if missing or malformed."""
    return bounded_number(text, 0, MAX_HALF_POINTS, default, integer=False)


_CSS_HEIGHT = re.compile(r"height:\s*([\d.]+)pt")


def _box_height(txbx) -> int | None:
    """Height of the shape holding a text box, in twips (DrawingML extent or VML style)."""
    el = txbx.getparent()
    for _ in range(MAX_SHAPE_ANCESTORS):
        if el is None:
            return None
        for ext in el.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"):
            cy = ext.get("cy")
            cy = bounded_number(cy, 0, MAX_TWIPS * _EMU_PER_TWIP)
            if cy is not None:
                return cy // _EMU_PER_TWIP
        m = _CSS_HEIGHT.search(el.get("style") or "")
        if m:
            pt = bounded_number(m.group(1), 0, MAX_TWIPS / 20, integer=False)
            if pt is not None:
                return int(pt * 20)
        el = el.getparent()
    return None


def _textboxes(el):
    """txbxContent elements under a run child, reading mc:Choice and skipping mc:Fallback."""
    if el.tag == MC + "AlternateContent":
        choice = el.find(MC + "Choice")
        return _textboxes(choice) if choice is not None else []
    if el.tag == MC + "Fallback":
        return []
    out = []
    for sub in el.iter(W + "txbxContent", MC + "Fallback"):
        if sub.tag == W + "txbxContent":
            # skip those inside a Fallback branch
            anc = sub.getparent()
            inside_fallback = False
            while anc is not None and anc is not el:
                if anc.tag == MC + "Fallback":
                    inside_fallback = True
                    break
                anc = anc.getparent()
            if not inside_fallback:
                out.append(sub)
    return out


def _control_from_sdtpr(pr) -> Control | None:
    if pr is None:
        return Control(kind="text")
    name = _val(pr.find(W + "alias")) or _val(pr.find(W + "tag")) or ""
    ctrl = _control_type(pr, name)
    tag = _val(pr.find(W + "tag")) or ""
    if ctrl is not None:
        apply_tag(ctrl, tag)
    return ctrl


def _control_type(pr, name: str) -> Control | None:
    if pr.find(W14 + "checkbox") is not None:
        return Control(kind="checkbox", name=name)
    for tag, kind in (("dropDownList", "choice"), ("comboBox", "choice")):
        el = pr.find(W + tag)
        if el is not None:
            opts = []
            for li in el.findall(W + "listItem"):
                t = li.get(W + "displayText") or li.get(W + "value") or ""
                if t.strip() and not is_placeholder(t) and not is_option_prompt(t):
                    opts.append(squash(t))
            return Control(kind=kind, options=opts, name=name)
    if pr.find(W + "date") is not None:
        return Control(kind="date", name=name)
    if pr.find(W + "picture") is not None:
        return Control(kind="picture", name=name)
    if pr.find(W + "richText") is not None:
        return Control(kind="long_text", name=name)
    if pr.find(W + "group") is not None:
        return Control(kind="group", name=name)
    for el in pr:
        if el.tag.endswith("}repeatingSection") or el.tag.endswith("}repeatingSectionItem"):
            return Control(kind="repeat", name=name)
    if (
        pr.find(W + "docPartObj") is not None
        or pr.find(W + "citation") is not None
        or pr.find(W + "bibliography") is not None
    ):
        return Control(kind="group", name=name)
    return Control(kind="text", name=name)


_ACTIVEX_KINDS = (
    ("checkbox", "checkbox"),
    ("optionbutton", "checkbox"),
    ("combobox", "choice"),
    ("listbox", "choice"),
)


def _activex_kind(name: str) -> str:
    """ActiveX controls are named after their type by Word ("TextBox1", "CheckBox3", "ComboBox1")."""
    low = name.casefold()
    return next((kind for prefix, kind in _ACTIVEX_KINDS if low.startswith(prefix)), "text")


def _control_from_ffdata(ff) -> Control:
    name = _val(ff.find(W + "name")) or ""
    if ff.find(W + "checkBox") is not None:
        return Control(kind="checkbox", name=name)
    dd = ff.find(W + "ddList")
    if dd is not None:
        opts = [squash(_val(e) or "") for e in dd.findall(W + "listEntry")]
        return Control(kind="choice", options=[o for o in opts if o and not is_option_prompt(o)], name=name)
    ti = ff.find(W + "textInput")
    kind = "text"
    if ti is not None:
        t = _val(ti.find(W + "type"))
        if t == "date":
            kind = "date"
        elif t == "number":
            kind = "number"
    return Control(kind=kind, name=name)
