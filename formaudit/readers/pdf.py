"""Read PDF forms: fillable (AcroForm widgets) and flat printed forms.

Two phases. Page by page, the raw material is collected with pdfplumber and the page is closed:
text segments (words on one line, split at wide gaps) with their font size and style, drawn boxes and
rules, bordered tables and the AcroForm widgets on that page. Then, with the body font size of the whole
document known, each page is interpreted: answer areas (widgets, underscore blanks, tick boxes, large
boxes, table cells) are matched to their visible labels, headings become sections and left-over
sentences become section guidance. Field values (``/V``) are never read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FormError
from ..model import Field, Form, Section
from .common import (
    BLANK_RE,
    BOX_RE,
    DATE_BLANK_RE,
    clean_label,
    kind_from_label,
    split_box_options,
    squash,
    yes_no_kind,
)

LINE_PT = 14.0  #: height of one handwritten/typed line in an answer box
WORDS_PER_LINE = 10
FF_MULTILINE, FF_RADIO, FF_PUSH, FF_COMBO = 1 << 12, 1 << 15, 1 << 16, 1 << 17
_PAGE_NO_RE = re.compile(r"^(page\s*)?\d+(\s*(of|/)\s*\d+)?$", re.I)
_ANY_BLANK_RE = re.compile(f"(?:{DATE_BLANK_RE.pattern})|(?:{BLANK_RE.pattern})")
_SENTENCE_RE = re.compile(r"[.!]\s*$")


# ----------------------------------------------------------------------------------------- data
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

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


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
    #: document-wide: fills of label cells, and heading fills with their levels (darker = higher)
    label_fills: set = field(default_factory=set)
    heading_fill_levels: dict = field(default_factory=dict)
    #: each table's rows of cells (box, text, size, bold, text height, fill key)
    grids: list = field(default_factory=list)
    #: widgets laid over the flat layout's own answer areas (they refine kinds only)
    overlays: list = field(default_factory=list)


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


# ------------------------------------------------------------------------------------ entry point
def read_pdf(path, **options) -> Form:
    """Read a PDF form. Raises FormError with a one-line reason on bad input."""
    p = Path(path)
    try:
        return _read(p)
    except FormError:
        raise
    except RecursionError:
        raise FormError(p, "corrupt or truncated PDF (nesting too deep)") from None
    except MemoryError:
        raise FormError(p, "corrupt or truncated PDF (out of memory while parsing)") from None
    except Exception as e:  # any parser failure is a property of the file, not a bug to show
        if _is_password_error(e):
            raise FormError(p, "password-protected PDF — remove the password and save again") from None
        raise FormError(p, f"corrupt or truncated PDF ({_short_reason(e)})") from None


def _is_password_error(e: BaseException) -> bool:
    seen = 0
    while e is not None and seen < 6:
        name = type(e).__name__
        if "Password" in name or "PDFPasswordIncorrect" in repr(getattr(e, "args", "")):
            return True
        if name == "PDFEncryptionError":
            return True
        e = e.__cause__ or e.__context__
        seen += 1
    return False


def _short_reason(e: BaseException) -> str:
    inner = e
    if type(e).__name__ == "PdfminerException" and e.args and isinstance(e.args[0], BaseException):
        inner = e.args[0]
    msg = squash(str(inner))[:80]
    return f"{type(inner).__name__}: {msg}" if msg else type(inner).__name__


def _read(p: Path) -> Form:
    import pdfplumber

    pages: list[PageData] = []
    with pdfplumber.open(p) as pdf:
        widgets_by_page = _acroform_widgets(pdf)
        for i, page in enumerate(pdf.pages):
            try:
                pages.append(_collect_with_widgets(page, i + 1, widgets_by_page.get(i, [])))
            finally:
                page.close()
    if not any(pg.segs or pg.widgets or any(pg.table_words) for pg in pages):
        raise FormError(p, "no text layer — scanned? formaudit needs a PDF with text or form fields")
    return _interpret(p, pages)


# ---------------------------------------------------------------------------------- AcroForm
def _text(v) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    v = resolve1(v)
    if isinstance(v, bytes):
        return decode_text(v)
    if isinstance(v, PSLiteral):
        return str(v.name)
    if isinstance(v, str):
        return v
    return ""


def _name(v) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    v = resolve1(v)
    if isinstance(v, PSLiteral):
        return str(v.name)
    if isinstance(v, bytes):
        return v.decode("latin-1")
    return str(v) if v is not None else ""


def _acroform_widgets(pdf) -> dict[int, list[Widget]]:
    """Terminal AcroForm fields and their widgets, grouped by page index."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    try:
        acro = resolve1(pdf.doc.catalog.get("AcroForm"))
    except Exception:
        return {}
    if not isinstance(acro, dict):
        return {}
    fields = resolve1(acro.get("Fields"))
    if not isinstance(fields, list) or not fields:
        return {}
    # page of each annotation object (widgets may lack /P)
    page_of_annot: dict[int, int] = {}
    page_of_pageid: dict[int, int] = {}
    geom: dict[int, tuple[float, float, float, float]] = {}
    for i, page in enumerate(pdf.pages):
        page_of_pageid[page.page_obj.pageid] = i
        mb = page.mediabox
        geom[i] = (float(mb[0]), float(mb[1]), float(mb[2]), float(mb[3]))
        annots = resolve1(page.page_obj.attrs.get("Annots"))
        if isinstance(annots, list):
            for a in annots:
                if isinstance(a, PDFObjRef):
                    page_of_annot[a.objid] = i
    da_default = _text(acro.get("DA"))
    out: dict[int, list[Widget]] = {}
    seen: set[int] = set()
    counter = [0]

    def walk(ref, parent_name: str, inherited: dict, depth: int) -> None:
        if depth > 30:
            return
        objid = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
        if objid in seen:
            return
        seen.add(objid)
        node = resolve1(ref)
        if not isinstance(node, dict):
            return
        inh = dict(inherited)
        for k in ("FT", "Ff", "Opt", "DA", "TU"):
            if k in node:
                inh[k] = node[k]
        part = _text(node.get("T"))
        name = f"{parent_name}.{part}" if parent_name and part else (part or parent_name)
        kids = resolve1(node.get("Kids"))
        kids = kids if isinstance(kids, list) else []
        field_kids = [k for k in kids if isinstance(resolve1(k), dict) and "T" in resolve1(k)]
        if field_kids:
            for k in field_kids:
                walk(k, name, inh, depth + 1)
            return
        widget_refs = kids if kids else [ref]
        counter[0] += 1
        key = counter[0]
        ftype = _name(inh.get("FT"))
        try:
            flags = int(resolve1(inh.get("Ff")) or 0)
        except (TypeError, ValueError):
            flags = 0
        opts = []
        raw_opt = resolve1(inh.get("Opt"))
        if isinstance(raw_opt, list):
            for o in raw_opt:
                o = resolve1(o)
                if isinstance(o, list) and o:
                    o = resolve1(o[-1])
                t = squash(_text(o))
                if t:
                    opts.append(t)
        tooltip = squash(_text(node.get("TU") or inh.get("TU")))
        m = re.search(r"([\d.]+)\s+Tf", _text(inh.get("DA")) or da_default)
        fsize = float(m.group(1)) if m else 0.0
        for wref in widget_refs:
            w = resolve1(wref)
            if not isinstance(w, dict):
                continue
            rect = resolve1(w.get("Rect"))
            if not isinstance(rect, list) or len(rect) != 4:
                continue
            try:
                x0, y0, x1, y1 = (float(resolve1(v)) for v in rect)
            except (TypeError, ValueError):
                continue
            pg = None
            pref = w.get("P")
            if isinstance(pref, PDFObjRef) and pref.objid in page_of_pageid:
                pg = page_of_pageid[pref.objid]
            if pg is None and isinstance(wref, PDFObjRef):
                pg = page_of_annot.get(wref.objid)
            if pg is None:
                continue
            states = []
            ap = resolve1(w.get("AP"))
            if isinstance(ap, dict):
                n = resolve1(ap.get("N"))
                if isinstance(n, dict):
                    states = [str(k) for k in n if str(k) != "Off"]
            mx0, my0, _mx1, my1 = geom[pg]
            x0, x1 = sorted((x0, x1))
            y0, y1 = sorted((y0, y1))
            out.setdefault(pg, []).append(
                Widget(
                    name=name,
                    ftype=ftype,
                    flags=flags,
                    tooltip=tooltip,
                    options=opts,
                    states=states,
                    x0=x0 - mx0,
                    top=my1 - y1,
                    x1=x1 - mx0,
                    bottom=my1 - y0,
                    field_key=key,
                    font_size=fsize,
                )
            )

    for f in fields:
        walk(f, "", {}, 0)
    return out


# --------------------------------------------------------------------------------- page collection
def _is_bold(fontname: str) -> bool:
    f = fontname.lower()
    return any(t in f for t in ("bold", "black", "heavy", "semibold", "demi")) or f.endswith((",b", "-b"))


def _is_italic(fontname: str) -> bool:
    f = fontname.lower()
    return "italic" in f or "oblique" in f or f.endswith((",i", "-i"))


def _inside(w: dict, box: tuple) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1


def _overlaps(a: tuple, b: tuple, pad: float = 0.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _collect_page(page, number: int, widgets: list[Widget]) -> PageData:
    words = page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False, x_tolerance=1.5)
    words = [w for w in words if w["text"].strip()]
    words, placeholders = _take_placeholders(words)
    wboxes = [(w.x0, w.top, w.x1, w.bottom) for w in widgets]
    rects: list[tuple[float, float, float, float]] = []
    fills: list[tuple[tuple[float, float, float, float], tuple, float]] = []
    for r in list(page.rects) + [c for c in page.curves if _is_rect_curve(c)]:
        box = (float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]))
        if r.get("fill") and not r.get("stroke", True):
            fk = _fill_key(r.get("non_stroking_color"))
            if fk is not None:
                fills.append((box, *fk))
        if not r.get("stroke", True):
            continue  # shading only (heading bands, table header fills)
        if any(_overlaps(box, wb, -1) for wb in wboxes):
            continue
        if box in rects:
            continue
        rects.append(box)
    hlines = []
    for ln in page.lines:
        if abs(float(ln["top"]) - float(ln["bottom"])) < 1.5 and float(ln["x1"]) - float(ln["x0"]) >= 25:
            y = float(ln["top"])
            box = (float(ln["x0"]), y - 1, float(ln["x1"]), y + 1)
            if not any(_overlaps(box, wb, 2) for wb in wboxes):
                hlines.append((float(ln["x0"]), float(ln["x1"]), y))
    rects.extend(_line_boxes(page.lines, hlines, rects))
    boxed = {(round(b[0]), round(b[2]), round(y)) for b in rects for y in (b[1], b[3])}
    hlines = [h for h in hlines if (round(h[0]), round(h[1]), round(h[2])) not in boxed]
    # drawn small squares become tick-box glyphs
    tick_words = []
    for box in list(rects):
        w, h = box[2] - box[0], box[3] - box[1]
        if 5.5 <= w <= 16.5 and 5.5 <= h <= 16.5 and abs(w - h) < 2.5:
            inner = [wd for wd in words if _inside(wd, box)]
            if not inner:
                tick_words.append(
                    {
                        "text": "☐",
                        "x0": box[0],
                        "x1": box[2],
                        "top": box[1],
                        "bottom": box[3],
                        "fontname": "",
                        "size": 0.0,
                    }
                )
            rects.remove(box)
    tables: list = []
    table_words: list = []
    if words or rects or hlines:
        try:
            found = page.find_tables()
        except Exception:
            found = []
        for t in found:
            cells = [c for row in t.rows for c in row.cells if c is not None]
            if len(cells) < 2:
                continue
            if any(_overlaps(tuple(t.bbox), wb) for wb in wboxes):
                continue
            rows = [[tuple(c) if c is not None else None for c in row.cells] for row in t.rows]
            inside = [wd for wd in words + tick_words if _inside(wd, t.bbox)]
            tables.append(rows)
            table_words.append(inside)
        if table_words:
            inside_ids = {id(wd) for tw in table_words for wd in tw}
            words = [wd for wd in words if id(wd) not in inside_ids]
            tick_words = [wd for wd in tick_words if id(wd) not in inside_ids]
            tb = [_rows_bbox(rows) for rows in tables]
            rects = [r for r in rects if not any(_overlaps(r, b, -2) for b in tb)]
            hlines = [
                h
                for h in hlines
                if not any(b[0] - 2 <= h[0] and h[1] <= b[2] + 2 and b[1] - 2 <= h[2] <= b[3] + 2 for b in tb)
            ]
    segs = _segments(words + tick_words, wboxes)
    return PageData(
        number,
        float(page.width),
        float(page.height),
        segs,
        rects,
        hlines,
        tables,
        table_words,
        widgets,
        placeholders,
        fills=fills,
    )


def _collect_with_widgets(page, number: int, widgets: list[Widget]) -> PageData:
    """Collect a page; widgets laid over the printed layout's own answer areas are overlays.

    A fillable PDF made from a printed form (a Word form exported to PDF, then "Prepare Form")
    has its widgets on the answer cells, writing lines, prompts and tick glyphs of the flat layout.
    The flat layout then states the questions (once each, with their options and sections); such
    overlay widgets only refine the kinds of the answers they sit on. Other widgets are read as
    fields of their own.
    """
    if not widgets:
        return _collect_page(page, number, widgets)
    flat = _collect_page(page, number, [])
    over = [w for w in widgets if _on_flat_answer(flat, w)]
    if not over:
        return _collect_page(page, number, widgets)
    # a field counts as an overlay only when all its widgets (radio buttons, kids) are
    keys = {w.field_key for w in over} - {w.field_key for w in widgets if w not in over}
    over = [w for w in widgets if w.field_key in keys]
    rest = [w for w in widgets if w.field_key not in keys]
    pg = _collect_page(page, number, rest) if rest else flat
    pg.overlays = over
    return pg


def _flat_answer_boxes(pg: PageData) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Answer areas of the flat layout: (tick glyphs, blanks/prompts, empty cells and boxes)."""
    ticks, blanks, areas = [], [], []
    words = [w for s in pg.segs for w in s.words] + [w for tw in pg.table_words for w in tw]
    for w in words:
        box = (w["x0"], w["top"], w["x1"], w["bottom"])
        if BOX_RE.search(w["text"]):
            ticks.append(box)
        if _ANY_BLANK_RE.search(w["text"]):
            blanks.append(box)
    blanks.extend(b for b, _k in pg.placeholders)
    cells = []
    for rows, tw in zip(pg.tables, pg.table_words, strict=False):
        for row in rows:
            for c in row:
                if c is not None and not any(_inside(w, c) for w in tw):
                    cells.append(c)
    pg.__dict__["_cells"] = cells
    areas.extend(cells)
    for r in pg.rects:
        # as large as the boxes read as answer areas (a single-line frame is a widget's own border)
        if r[2] - r[0] >= 60 and r[3] - r[1] >= 1.9 * LINE_PT and not any(_inside(w, r) for w in words):
            areas.append(r)
    for x0, x1, y in pg.hlines:
        areas.append((x0, y - 2 * LINE_PT, x1, y + 3))
    return ticks, blanks, areas


def _on_flat_answer(pg: PageData, w: Widget) -> bool:
    """The widget sits on an answer area of the flat layout under it."""
    cache = pg.__dict__.setdefault("_answer_boxes", None)
    if cache is None:
        cache = pg.__dict__["_answer_boxes"] = _flat_answer_boxes(pg)
    ticks, blanks, areas = cache
    box = (w.x0, w.top, w.x1, w.bottom)
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2

    def covers(a: tuple) -> bool:
        return a[0] - 2 <= cx <= a[2] + 2 and a[1] - 2 <= cy <= a[3] + 2

    if w.ftype == "Btn":
        return any(_overlaps(box, t, -0.5) for t in ticks) or any(covers(c) for c in pg.__dict__["_cells"])

    if any(_overlaps(box, b, -0.5) and covers((b[0], b[1] - 6, b[2], b[3] + 6)) for b in blanks):
        return True
    return any(covers(a) and (w.x1 - w.x0) >= 0.5 * (a[2] - a[0]) for a in areas)


def _refine_kind(pg: PageData, area: tuple, fld: Field, multiline_long: bool = True) -> Field:
    """Take the kind from overlay widgets on the field's answer area where they say more: a
    drop-down is a choice (with its items), a multi-line text box a long answer, a lone check box
    a checkbox. Kinds the label states (date, email, signature ...) and printed options stay."""
    if not pg.overlays or fld.kind not in ("text", "long_text"):
        return fld
    on = [
        w
        for w in pg.overlays
        if area[0] - 2 <= (w.x0 + w.x1) / 2 <= area[2] + 2
        and area[1] - 2 <= (w.top + w.bottom) / 2 <= area[3] + 2
    ]
    if not on:
        return fld
    w = on[0]
    if w.ftype == "Ch":
        fld.kind, fld.capacity = "choice", None
        if w.options:
            fld.options = list(w.options)
            fld.kind = "yes_no" if yes_no_kind(w.options) == "yes_no" else "choice"
    elif w.ftype == "Btn" and not (w.flags & FF_PUSH) and len(on) == 1 and not (w.flags & FF_RADIO):
        fld.kind, fld.capacity = "checkbox", None
    elif w.ftype == "Tx" and w.flags & FF_MULTILINE and fld.kind == "text" and multiline_long:
        fld.kind, fld.capacity = "long_text", _capacity(w.bottom - w.top)
    return fld


def _is_rect_curve(c) -> bool:
    """A closed path whose points all lie on its bounding box's edges (a shape or text-box frame)."""
    pts = c.get("pts") or []
    if len(pts) < 4:
        return False
    x0, x1, top, bottom = float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"])
    if x1 - x0 < 10 or bottom - top < 10:
        return False
    for x, y in pts:
        on_x = abs(x - x0) < 1 or abs(x - x1) < 1
        on_y = abs(y - top) < 1 or abs(y - bottom) < 1
        if not (on_x or on_y):
            return False
    corners = sum(
        1
        for x, y in pts
        if (abs(x - x0) < 1 or abs(x - x1) < 1) and (abs(y - top) < 1 or abs(y - bottom) < 1)
    )
    return corners >= 4


def _fill_key(color) -> tuple[tuple, float] | None:
    """A comparable key and the luminance (0 black .. 1 white) of a fill colour; None for white."""
    if color is None:
        return None
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        vals = [float(v) for v in color]
    except (TypeError, ValueError):
        return None
    if len(vals) == 1:
        rgb = (vals[0],) * 3
    elif len(vals) == 3:
        rgb = tuple(vals)
    elif len(vals) == 4:
        c, m, y, k = vals
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return None
    lum = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
    if lum > 0.985:
        return None
    return tuple(round(v * 255) for v in rgb), lum


#: Prompts Word prints for empty content controls (and common hand-typed equivalents), as word
#: sequences; the kind is what the prompt asks for.
_PLACEHOLDERS = [
    (p.split(), kind)
    for p, kind in (
        ("click or tap here to enter text.", "text"),
        ("click or tap to enter a date.", "date"),
        ("click here to enter text.", "text"),
        ("click here to enter a date.", "date"),
        ("choose an item.", "choice"),
        ("click or tap here to enter text", "text"),
        ("click or tap to enter a date", "date"),
        ("choose an item", "choice"),
    )
]


def _norm_word(t: str) -> str:
    return t.lower().replace("\u2019", "'")


def _take_placeholders(words: list[dict]) -> tuple[list[dict], list[tuple[tuple, str]]]:
    """Remove content-control prompts from the words; return them as answer areas (box, kind).

    A prompt may wrap inside a narrow cell: it continues on the next line at the prompt's left edge.
    """
    if not words:
        return words, []
    lines = _lines(words)
    pos = {id(w): (li, wi) for li, ln in enumerate(lines) for wi, w in enumerate(ln)}
    taken: set[int] = set()
    found: list[tuple[tuple, str]] = []

    def successor(w: dict, start: dict, tok: str) -> dict | None:
        li, wi = pos[id(w)]
        ln = lines[li]
        size = float(w.get("size") or 10)
        if (
            wi + 1 < len(ln)
            and ln[wi + 1]["x0"] - w["x1"] < 1.2 * size
            and _norm_word(ln[wi + 1]["text"]) == tok
        ):
            return ln[wi + 1]
        # wrapped: a word on a following line at the prompt's left edge
        for nl in lines[li + 1 : li + 3]:
            if min(c["top"] for c in nl) - w["bottom"] > 1.2 * size:
                break
            for cand in nl:
                if abs(cand["x0"] - start["x0"]) < 3 and _norm_word(cand["text"]) == tok:
                    return cand
        return None

    for ln in lines:
        for w in ln:
            if id(w) in taken:
                continue
            first = _norm_word(w["text"])
            for seq, kind in _PLACEHOLDERS:
                if first != seq[0]:
                    continue
                run = [w]
                cur = w
                for tok in seq[1:]:
                    nxt = successor(cur, w, tok)
                    if nxt is None or id(nxt) in taken:
                        run = []
                        break
                    run.append(nxt)
                    cur = nxt
                if run:
                    taken.update(id(r) for r in run)
                    box = (
                        min(r["x0"] for r in run),
                        min(r["top"] for r in run),
                        max(r["x1"] for r in run),
                        max(r["bottom"] for r in run),
                    )
                    found.append((box, kind))
                    break
    if not taken:
        return words, []
    return [w for w in words if id(w) not in taken], found


def _line_boxes(lines, hlines, rects) -> list[tuple[float, float, float, float]]:
    """Boxes drawn as four separate lines (a bordered 1×1 table exported from Word)."""
    vlines = [
        (float(ln["x0"]), float(ln["top"]), float(ln["bottom"]))
        for ln in lines
        if abs(float(ln["x0"]) - float(ln["x1"])) < 1.5 and float(ln["bottom"]) - float(ln["top"]) >= 10
    ]
    if not vlines:
        return []

    def vert_at(x, y0, y1) -> bool:
        return any(abs(v[0] - x) < 2 and v[1] <= y0 + 2 and v[2] >= y1 - 2 for v in vlines)

    out = []
    hs = sorted(hlines, key=lambda h: h[2])
    for i, (x0, x1, y) in enumerate(hs):
        for x0b, x1b, yb in hs[i + 1 :]:
            if yb - y < 10 or abs(x0b - x0) > 2 or abs(x1b - x1) > 2:
                continue
            if vert_at(x0, y, yb) and vert_at(x1, y, yb):
                box = (x0, y, x1, yb)
                if not any(
                    abs(r[0] - x0) < 2 and abs(r[1] - y) < 2 and abs(r[2] - x1) < 2 and abs(r[3] - yb) < 2
                    for r in rects
                ):
                    out.append(box)
            break
    return out


def _rows_bbox(rows) -> tuple[float, float, float, float]:
    cells = [c for row in rows for c in row if c]
    return (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )


def _lines(words: list[dict]) -> list[list[dict]]:
    """Group words into lines by vertical position, each line sorted left to right."""
    words = sorted(words, key=lambda w: (w["top"], w["x0"]))
    lines: list[list[dict]] = []
    for w in words:
        h = max(w["bottom"] - w["top"], 1.0)
        placed = False
        for ln in reversed(lines[-4:]):
            ref = ln[0]
            rh = max(ref["bottom"] - ref["top"], 1.0)
            if abs(((w["top"] + w["bottom"]) / 2) - ((ref["top"] + ref["bottom"]) / 2)) < 0.45 * max(h, rh):
                ln.append(w)
                placed = True
                break
        if not placed:
            lines.append([w])
    for ln in lines:
        ln.sort(key=lambda w: w["x0"])
    lines.sort(key=lambda ln: min(w["top"] for w in ln))
    return lines


def _segments(words: list[dict], wboxes: list[tuple]) -> list[Seg]:
    segs: list[Seg] = []
    for ln in _lines(words):
        cur: list[dict] = []
        for w in ln:
            if cur:
                prev = cur[-1]
                size = max(float(prev["size"]) or 9, float(w["size"]) or 9)
                gap = w["x0"] - prev["x1"]
                blocked = any(
                    prev["x1"] - 1 <= wb[0]
                    and wb[2] <= w["x0"] + 1
                    and wb[1] < w["bottom"]
                    and w["top"] < wb[3]
                    for wb in wboxes
                )
                if gap > 1.5 * size or blocked:
                    segs.append(_make_seg(cur))
                    cur = []
            cur.append(w)
        if cur:
            segs.append(_make_seg(cur))
    return segs


def _make_seg(ws: list[dict]) -> Seg:
    real = [w for w in ws if w["fontname"]] or ws
    sizes = Counter(round(float(w["size"]) * 2) / 2 for w in real)
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    nchar = sum(len(w["text"]) for w in real) or 1
    bold = sum(len(w["text"]) for w in real if _is_bold(w["fontname"])) / nchar > 0.6
    italic = sum(len(w["text"]) for w in real if _is_italic(w["fontname"])) / nchar > 0.6
    return Seg(
        x0=min(w["x0"] for w in ws),
        x1=max(w["x1"] for w in ws),
        top=min(w["top"] for w in ws),
        bottom=max(w["bottom"] for w in ws),
        text=" ".join(w["text"] for w in ws),
        size=size,
        bold=bold,
        italic=italic,
        words=ws,
    )


# ---------------------------------------------------------------------------------- interpretation
def _interpret(p: Path, pages: list[PageData]) -> Form:
    sizes: Counter = Counter()
    for pg in pages:
        for s in pg.segs:
            if not BOX_RE.fullmatch(s.text) and not _ANY_BLANK_RE.fullmatch(s.text):
                sizes[s.size] += len(s.text)
        for tw in pg.table_words:  # table text is body text too (label cells of table forms)
            for w in tw:
                if (
                    w["fontname"]
                    and not BOX_RE.fullmatch(w["text"])
                    and not _ANY_BLANK_RE.fullmatch(w["text"])
                ):
                    sizes[round(float(w["size"]) * 2) / 2] += len(w["text"])
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    bold_label_lines = sum(
        1
        for pg in pages
        for s in pg.segs
        if _is_bold(s.words[0]["fontname"])
        and abs(s.size - body) < 0.3
        and (BOX_RE.search(s.text) or _ANY_BLANK_RE.search(s.text))
        and re.match(r"\W*[A-Za-z]", s.text)
    )
    for pg in pages:
        _mark_footers(pg, body)
        pg.bold_labels = bold_label_lines >= 3
        pg.grids = [
            _table_grid(pg, rows, words) for rows, words in zip(pg.tables, pg.table_words, strict=False)
        ]
    _mark_running_text(pages)
    _survey_fills(pages)
    title = None
    if pages:
        later = max((s.size for pg in pages[1:] for s in pg.segs if s.role is None), default=0.0)
        title = _find_title(pages[0], body, later)
    all_items: list[tuple[int, Item]] = []
    for pg in pages:
        items = _page_items(pg, body)
        items.sort(key=lambda it: (round(it.top, 1), it.x0))
        all_items.extend((pg.number, it) for it in items)
    # heading levels by size rank (larger = higher); bold body-size headings rank last
    head_sizes = sorted({_size_key(it, body) for _, it in all_items if it.kind == "heading"}, reverse=True)
    level_of = {s: i + 1 for i, s in enumerate(head_sizes)}
    all_items = _drop_repeated_grid_headers(all_items)
    form = Form(source=str(p), format="pdf", title=title)
    cur = Section(title=None, level=1)
    form.sections.append(cur)
    last: tuple[int, Item, Section] | None = None  # last item placed (not a hint), section before it
    for idx, (pno, it) in enumerate(all_items):
        if it.kind == "box":
            # an unlabelled answer box opening a page answers the label or heading that ended the
            # page before (a table row or box split from its label by a page break)
            first_on_page = idx == 0 or all_items[idx - 1][0] != pno
            if first_on_page and last is not None and last[0] == pno - 1 and it.fld is not None:
                cur = _attach_box(form, cur, last, it.fld, body, pno)
                last = None
            continue
        if it.kind == "options" and it.fld is not None:
            # options opening a page: the rest of the list that ended the previous page
            first_on_page = idx == 0 or all_items[idx - 1][0] != pno
            prev = last[1].fld if last is not None and last[1].kind == "field" else None
            if prev is not None and prev.options and first_on_page and last[0] == pno - 1:
                prev.options.extend(o for o in it.fld.options if o not in prev.options)
                continue
            it.kind = "field"
            if len(it.fld.options) == 1:
                it.fld.options = []
        before = cur
        if it.kind == "heading":
            lvl = it.level or level_of[_size_key(it, body)]
            cur = Section(title=it.text, level=lvl, location=f"page {pno}")
            form.sections.append(cur)
        elif it.kind == "field" and it.fld is not None:
            it.fld.location = f"page {pno}"
            cur.fields.append(it.fld)
        elif it.kind == "guidance":
            cur.guidance = (cur.guidance + " " + it.text).strip() if cur.guidance else it.text
        if not (it.kind == "guidance" and it.hint):
            last = (pno, it, before)
    return form.finalise()


def _grid_sig(it: Item) -> tuple[str, str] | None:
    f = it.fld
    if it.kind != "field" or f is None:
        return None
    if f.kind == "table" and f.columns:
        return ("table", "|".join(f.columns))
    if f.repeat and f.repeat.get("group"):
        return ("repeat", f.repeat["group"])
    return None


def _drop_repeated_grid_headers(all_items: list[tuple[int, Item]]) -> list[tuple[int, Item]]:
    """A grid split by a page break repeats its header row at the top of the next page: the
    columns opening a page that equal the grid ending the page before are the same grid."""

    def cols_at(idx: int, step: int) -> tuple[list[int], tuple]:
        """Indices and column labels of the grid whose first/last item is at idx."""
        pno, it = all_items[idx]
        sig = _grid_sig(it)
        if sig is None:
            return [], ()
        if sig[0] == "table":
            return [idx], ("t", sig[1])
        run = []
        j = idx
        while 0 <= j < len(all_items) and all_items[j][0] == pno and _grid_sig(all_items[j][1]) == sig:
            run.append(j)
            j += step
        run.sort()
        return run, ("r", "|".join(all_items[k][1].fld.label for k in run))

    drop: set[int] = set()
    for idx in range(1, len(all_items)):
        pno, it = all_items[idx]
        if all_items[idx - 1][0] == pno:
            continue
        # first non-guidance item on this page, and last non-guidance item on the page before
        k = idx
        while k < len(all_items) and all_items[k][0] == pno and all_items[k][1].kind == "guidance":
            k += 1
        j = idx - 1
        while j >= 0 and all_items[j][0] == pno - 1 and all_items[j][1].kind == "guidance":
            j -= 1
        if k >= len(all_items) or all_items[k][0] != pno or j < 0 or all_items[j][0] != pno - 1:
            continue
        run_new, sig_new = cols_at(k, 1)
        run_old, sig_old = cols_at(j, -1)
        if run_new and sig_old and sig_new == sig_old:
            for n in run_new:
                drop.add(n)
            # the rows on the new page add to the grid's capacity
            if sig_old[0] == "r":
                extra = all_items[run_new[0]][1].fld.repeat or {}
                for o in run_old:
                    f = all_items[o][1].fld
                    if f.repeat and extra.get("rows"):
                        f.repeat["rows"] = f.repeat.get("rows", 0) + extra["rows"]
    return [x for i, x in enumerate(all_items) if i not in drop]


def _attach_box(form: Form, cur: Section, last: tuple, fld: Field, body: float, pno: int) -> Section:
    """Make the page-opening box a field of the heading/label that ended the previous page."""
    lpno, lit, before = last
    if lit.kind == "heading":
        fld.label = lit.text
        fld.location = f"page {lpno}"
        if lit.level or lit.size > body + 0.4:
            cur.fields.append(fld)  # a heading that is the question: section and field
            return cur
        # a heading in the label style (bold body text): only the box's label
        if form.sections and form.sections[-1] is cur and not cur.fields and not cur.guidance:
            form.sections.pop()
            cur = before
        cur.fields.append(fld)
        return cur
    if lit.kind == "guidance" and len(lit.text.split()) <= 30 and cur.guidance.endswith(lit.text):
        cur.guidance = cur.guidance[: -len(lit.text)].rstrip()
        fld.label = clean_label(lit.text)
        fld.location = f"page {lpno}"
        if fld.label:
            cur.fields.append(fld)
    return cur


def _mark_running_text(pages: list[PageData]) -> None:
    """Text repeated at the same place in the top or bottom margin of several pages is a running
    header or footer (form reference, protective marking), not content."""
    if len(pages) < 2:
        return
    seen: dict[tuple, set[int]] = {}
    for pg in pages:
        for s in pg.segs:
            if s.top < pg.height * 0.1 or s.bottom > pg.height * 0.9:
                seen.setdefault((squash(s.text).lower(), round(s.top / 3)), set()).add(pg.number)
    for pg in pages:
        for s in pg.segs:
            if s.role is None and len(seen.get((squash(s.text).lower(), round(s.top / 3)), ())) >= 2:
                s.role = "footer"


def _survey_fills(pages: list[PageData]) -> None:
    """Label fill = the shading of label cells with an empty answer cell beside them; fills of
    full-width text rows that are not label fills are heading fills, levels by darkness."""
    label: Counter = Counter()
    heads: set = set()
    lum: dict = {}
    for pg in pages:
        for _box, key, lm in pg.fills:
            lum[key] = lm
        for grid in pg.grids:
            for r in grid:
                for i, c in enumerate(r):
                    if c[1] and c[5] is not None and i + 1 < len(r) and not r[i + 1][1]:
                        label[c[5]] += 1
                if len(r) == 1 and r[0][1] and r[0][5] is not None:
                    heads.add(r[0][5])
    heads -= set(label)
    levels = {k: min(i + 1, 3) for i, k in enumerate(sorted(heads, key=lambda k: lum.get(k, 1.0)))}
    for pg in pages:
        pg.label_fills = set(label)
        pg.heading_fill_levels = levels


def _size_key(it: Item, body: float) -> float:
    return round(it.size * 2) / 2 if it.size > body + 0.4 else 0.0


def _mark_footers(pg: PageData, body: float) -> None:
    for s in pg.segs:
        t = s.text.strip()
        in_margin = s.top > pg.height * 0.92 or s.bottom < pg.height * 0.06
        if _PAGE_NO_RE.match(t) and (in_margin or s.size < body):
            s.role = "footer"


def _find_title(pg: PageData, body: float, later_max: float) -> str | None:
    """The largest text on page 1, when it is larger than any heading elsewhere and nothing of
    substance (a heading or a field) comes before it."""
    cands = [s for s in pg.segs if s.role is None and s.size > body + 0.4]
    if not cands:
        return None
    big = max(s.size for s in cands)
    if big <= later_max + 0.3:
        return None
    top_segs = sorted((s for s in cands if abs(s.size - big) < 0.3), key=lambda s: s.top)
    first = top_segs[0]
    before = [s for s in pg.segs if s.role is None and s.bottom <= first.top + 1]
    if len(before) > 3 or any(
        s.size > body + 0.4 or BOX_RE.search(s.text) or _ANY_BLANK_RE.search(s.text) for s in before
    ):
        return None
    block = [first]
    for s in top_segs[1:]:
        centred = abs((s.x0 + s.x1) / 2 - (first.x0 + first.x1) / 2) < 20
        if s.top - block[-1].bottom < 0.8 * big and (abs(s.x0 - first.x0) < 40 or centred):
            block.append(s)
        else:
            break
    if len(top_segs) > len(block):
        return None  # several separate blocks of the largest size: they are headings
    smaller_heads = [s for s in cands if abs(s.size - big) >= 0.3]
    bold_body = any(s.bold and s.role is None and abs(s.size - body) < 0.3 for s in pg.segs)
    # heading rows inside tables (larger or bold cell text) count as smaller headings too
    bold_body = bold_body or any(
        w["fontname"] and (_is_bold(w["fontname"]) or body + 0.4 < float(w["size"]) < big - 0.3)
        for tw in pg.table_words
        for w in tw
    )
    # with nothing smaller that could be a heading, the largest text is a title only when more
    # large text follows it (otherwise it is the form's one heading)
    if not smaller_heads and not bold_body and not _followed_by_heading_text(pg, block[-1], body):
        return None
    for s in block:
        s.role = "title"
    return squash(" ".join(s.text for s in block))


def _followed_by_heading_text(pg: PageData, last: Seg, body: float) -> bool:
    after = sorted((s for s in pg.segs if s.top > last.bottom - 1 and s.role is None), key=lambda s: s.top)
    return bool(after) and after[0].size > body + 0.4


# ---- helpers over page geometry
def _vert_overlap(a_top, a_bottom, b_top, b_bottom) -> float:
    return min(a_bottom, b_bottom) - max(a_top, b_top)


def _is_hint(s: Seg, body: float) -> bool:
    t = s.text.strip()
    if s.italic and not s.bold:
        return True
    if s.size < body - 0.4 and not s.bold:
        return True
    return t.startswith("(") and t.endswith(")")


def _is_heading_seg(s: Seg, body: float) -> bool:
    if s.role is not None or BOX_RE.search(s.text) or _ANY_BLANK_RE.search(s.text):
        return False
    if not re.search(r"[A-Za-z]", s.text):
        return False
    if s.size > body + 0.4:
        return True
    return s.bold and not s.italic and s.size >= body - 0.2 and len(s.text) <= 120


class Layout:
    """Spatial queries over one page's free text segments."""

    def __init__(self, pg: PageData, body: float):
        self.pg = pg
        self.body = body
        self.segs = sorted(pg.segs, key=lambda s: (s.top, s.x0))

    def free(self, s: Seg) -> bool:
        return s.role is None

    def left_of(self, box: tuple, blockers: list[tuple] = ()) -> Seg | None:
        """The nearest free segment to the left on the same line."""
        x0, top, _x1, bottom = box
        best = None
        limit = max(
            (b[2] for b in blockers if b[2] <= x0 + 1 and _vert_overlap(top, bottom, b[1], b[3]) > 0),
            default=-1,
        )
        for s in self.segs:
            if s.role not in (None, "label", "heading") or s.x1 > x0 + 2 or s.x1 < limit:
                continue
            h = min(bottom - top, s.bottom - s.top)
            if _vert_overlap(top, bottom, s.top, s.bottom) < 0.4 * max(h, 1):
                continue
            if best is None or s.x1 > best.x1:
                best = s
        return best

    def right_of(self, box: tuple, max_gap: float = 24) -> Seg | None:
        x0, top, x1, bottom = box
        best = None
        for s in self.segs:
            if s.role is not None or s.x0 < x1 - 2 or s.x0 > x1 + max_gap:
                continue
            h = min(bottom - top, s.bottom - s.top)
            if _vert_overlap(top, bottom, s.top, s.bottom) < 0.3 * max(h, 1):
                continue
            if best is None or s.x0 < best.x0:
                best = s
        return best

    def above(
        self, box: tuple, max_gap: float, skip_roles=("option", "footer", "title"), obstacles=()
    ) -> Seg | None:
        """The nearest segment above the box that overlaps it horizontally (hints are skipped)."""
        x0, top, x1, _bottom = box
        cands = []
        for s in self.segs:
            if s.role in skip_roles or s.bottom > top + 2:
                continue
            if s.x1 < x0 - 2 or s.x0 > x1 - 2:
                continue
            cands.append(s)
        cands.sort(key=lambda s: -s.bottom)
        reach = top
        for s in cands:
            if any(o[3] <= reach + 1 and o[3] > s.bottom - 1 and o[0] < x1 and x0 < o[2] for o in obstacles):
                return None
            if reach - s.bottom > max_gap:
                return None
            if _is_hint(s, self.body) and s.role in (None, "hint"):
                s.role = s.role or "hint"
                reach = s.top
                continue
            return s
        return None

    def block_down(self, s: Seg, stop: set[int]) -> list[Seg]:
        """The segment plus continuation lines below it (same style, aligned, close)."""
        block = [s]
        last = s
        for t in self.segs:
            if t.top <= last.top + 0.5 or id(t) in stop or t.role is not None:
                continue
            if t.top - last.bottom > 0.6 * max(last.size, 6):
                if t.top > last.bottom + 3 * max(last.size, 6):
                    break
                continue
            if abs(t.x0 - s.x0) > 3 or abs(t.size - s.size) > 0.3 or t.bold != s.bold or t.italic != s.italic:
                continue
            if t.x1 > s.x1 + 0.35 * (s.x1 - s.x0) + 40 and s.x1 - s.x0 > 0:
                # a much wider line is not a wrapped label line (guidance below a label)
                continue
            if BOX_RE.search(t.text) or _ANY_BLANK_RE.search(t.text):
                break
            block.append(t)
            last = t
        return block

    def block_up(self, s: Seg, stop: set[int]) -> list[Seg]:
        block = [s]
        first = s
        for t in reversed(self.segs):
            if t.bottom >= first.top + 0.5 or id(t) in stop or t.role is not None:
                continue
            if first.top - t.bottom > 0.6 * max(first.size, 6):
                if first.top - t.bottom > 3 * max(first.size, 6):
                    break
                continue
            if abs(t.x0 - s.x0) > 3 or abs(t.size - s.size) > 0.3 or t.bold != s.bold or t.italic != s.italic:
                continue
            if BOX_RE.search(t.text) or _ANY_BLANK_RE.search(t.text) or _SENTENCE_RE.search(t.text):
                break
            block.insert(0, t)
            first = t
        return block


def _join(block: list[Seg]) -> str:
    return squash(" ".join(s.text for s in block))


def _capacity(height: float, width: float | None = None) -> dict[str, int]:
    lines = max(1, round(height / LINE_PT))
    return {"lines": lines, "words": lines * WORDS_PER_LINE}


def _page_items(pg: PageData, body: float) -> list[Item]:
    lay = Layout(pg, body)
    items: list[Item] = []
    heading_fields: dict[int, Item] = {}
    anchors: set[int] = set()

    def label_block(s: Seg, down: bool = True) -> list[Seg]:
        return lay.block_down(s, anchors) if down else lay.block_up(s, anchors)

    def use(block: list[Seg], role: str = "label") -> None:
        for s in block:
            s.role = role

    def heading_question(s: Seg, fld: Field, top: float) -> bool:
        """A heading directly above an answer box is a section and the box's question."""
        if s.size > body + 0.4 and not _is_hint(s, body):
            block = lay.block_up(s, anchors)
            block += [t for t in lay.block_down(s, anchors) if t is not s]
            text = clean_label(_join(block))
            use(block, "heading")
            it = Item(top=block[0].top, x0=block[0].x0, kind="heading", text=text, size=s.size, bold=s.bold)
            items.append(it)
            fld.label = text
            items.append(Item(top=block[0].top + 0.01, x0=block[0].x0, kind="field", fld=fld))
            heading_fields[id(s)] = it
            return True
        return False

    _widget_items(pg, lay, body, items, anchors, label_block, use, heading_question)
    _table_items(pg, lay, body, items)
    _placeholder_items(pg, lay, body, items, label_block, use, heading_question)
    _inline_items(pg, lay, body, items, anchors, label_block, use)
    _box_items(pg, lay, body, items, anchors, label_block, use, heading_question)

    # headings and guidance from what is left
    taken: set[int] = set()
    for s in lay.segs:
        if s.role is not None or id(s) in taken:
            continue
        if _is_heading_seg(s, body):
            block = lay.block_down(s, set())
            block = [b for b in block if _is_heading_seg(b, body)] or [s]
            for b in block:
                taken.add(id(b))
                b.role = "heading"
            items.append(
                Item(
                    top=s.top,
                    x0=s.x0,
                    kind="heading",
                    text=clean_label(_join(block)),
                    size=s.size,
                    bold=s.bold,
                )
            )
    for s in lay.segs:
        if s.role in (None, "hint"):
            t = squash(s.text)
            if t and not BOX_RE.fullmatch(t) and not _ANY_BLANK_RE.fullmatch(t):
                hint = s.role == "hint" or _is_hint(s, body)
                items.append(Item(top=s.top, x0=s.x0, kind="guidance", text=t, hint=hint))
    return items


def _nothing_above(pg: PageData, top: float, skip: tuple | None = None) -> bool:
    """True when no content (text, table, widget) lies above ``top`` on the page."""
    if any(s.role != "footer" and s.bottom <= top + 1 for s in pg.segs):
        return False
    for rows in pg.tables:
        b = _rows_bbox(rows)
        if b != skip and b[3] <= top + 1:
            return False
    return not any(w.bottom <= top + 1 for w in pg.widgets)


# ---- AcroForm widgets on a page
def _widget_items(pg, lay: Layout, body, items, anchors, label_block, use, heading_question) -> None:
    if not pg.widgets:
        return
    ws = sorted(pg.widgets, key=lambda w: (w.top, w.x0))
    wboxes = [(w.x0, w.top, w.x1, w.bottom) for w in ws]
    # option text right of each check box / radio button
    opt_text: dict[int, str] = {}
    for w in ws:
        if w.ftype == "Btn" and not (w.flags & FF_PUSH):
            s = lay.right_of((w.x0, w.top, w.x1, w.bottom))
            if s is not None:
                s.role = "option"
                opt_text[id(w)] = clean_label(s.text)
    # label segments aligned left of widgets are anchors (they start a label block)
    left_label: dict[int, Seg] = {}
    firsts = {id(next(v for v in ws if v.field_key == k)) for k in {v.field_key for v in ws}}
    for w in ws:
        if id(w) not in firsts:
            continue
        box = (w.x0, w.top, w.x1, w.bottom)
        tick = w.ftype == "Btn"
        s = lay.left_of(
            box,
            blockers=[
                (v.x0, v.top, v.x1, v.bottom) for v in ws if v is not w and not (tick and v.ftype == "Btn")
            ],
        )
        if s is not None and s.role is None:
            left_label[id(w)] = s
            anchors.add(id(s))
    groups: dict[int, list[Widget]] = {}
    for w in ws:
        groups.setdefault(w.field_key, []).append(w)
    done: set[int] = set()
    column_of: dict[int, Field] = {}
    header_of: dict[int, tuple[list[Seg], Widget]] = {}  # field -> (header text above it, its widget)
    check_question: dict[int, tuple[str, Seg | None]] = {}
    for w in ws:
        if w.field_key in done:
            continue
        grp = groups[w.field_key]
        first = grp[0]
        if w.ftype == "Btn" and w.flags & FF_PUSH:
            done.add(w.field_key)
            continue
        box = (first.x0, first.top, first.x1, first.bottom)
        label, lab_seg, hint = "", None, None
        above_block: list[Seg] | None = None
        s = left_label.get(id(first))
        if s is not None and s.role in (None, "label"):
            block = label_block(s) if s.role is None else [s]
            label, lab_seg = clean_label(_join(block)), s
            use(block)
        is_check = w.ftype == "Btn" and not (w.flags & FF_RADIO)
        if not label and not (is_check and id(first) in opt_text and len(grp) == 1):
            # widget straight below another widget of the same column: a grid row
            upper = _widget_above(first, ws)
            if upper is not None and id(upper) in column_of and first.ftype == "Tx":
                fld = column_of[id(upper)]
                fld.repeat = fld.repeat or {"group": "", "rows": 1}
                fld.repeat["rows"] += 1
                column_of[id(first)] = fld
                done.add(w.field_key)
                continue
            a = lay.above(box, max_gap=max(2.5 * body, 24), obstacles=[b for b in wboxes if b != box])
            if a is not None and a.role in (None, "heading"):
                fld = _widget_field(first, grp, "", opt_text, body)
                if fld.kind in ("long_text", "text") and heading_question(a, fld, first.top):
                    done.add(w.field_key)
                    column_of[id(first)] = fld
                    continue
                block = label_block(a, down=False) if a.role is None else [a]
                label, lab_seg = clean_label(_join(block)), a
                use(block)
                above_block = block
        if not label and is_check and len(grp) == 1 and opt_text.get(id(first)):
            # a list of check boxes under a question line: chain to the box above, else the question
            upper = _check_above(first, ws)
            if upper is not None and id(upper) in check_question:
                label, lab_seg = check_question[id(upper)]
            else:
                nonbtn = [(v.x0, v.top, v.x1, v.bottom) for v in ws if v.ftype != "Btn"]
                a = lay.above(box, max_gap=1.5 * body, obstacles=nonbtn)
                if a is not None and a.role is None and not _is_heading_seg(a, body):
                    block = label_block(a, down=False)
                    label, lab_seg = clean_label(_join(block)), a
                    use(block)
            if label:
                check_question[id(first)] = (label, lab_seg)
        if not label and is_check and len(grp) == 1 and opt_text.get(id(first)):
            label = opt_text[id(first)]
        if not label:
            label = w.tooltip or _name_label(w.name)
        fld = _widget_field(first, grp, label, opt_text, body)
        if fld is None:
            done.add(w.field_key)
            continue
        if hint:
            fld.hint = hint
        if is_check:
            # check boxes sharing one question line become one field with options
            fld._question = id(lab_seg) if lab_seg is not None else None  # type: ignore[attr-defined]
        column_of[id(first)] = fld
        if above_block is not None:
            header_of[id(fld)] = (above_block, first)
        items.append(Item(top=first.top, x0=first.x0, kind="field", fld=fld))
        done.add(w.field_key)
    _merge_checkbox_groups(items)
    # grid columns: a repeat group per run of columns on the same header row
    grid_cols = {id(f) for f in column_of.values() if f.repeat}
    if grid_cols:
        gid = 0
        for it in items:
            if id(it.fld) in grid_cols and it.fld.repeat and not it.fld.repeat.get("group"):
                gid += 1
                row_top = it.top
                for it2 in items:
                    if id(it2.fld) in grid_cols and abs(it2.top - row_top) < 3:
                        it2.fld.repeat["group"] = f"p{pg.number}g{gid}"
                        if it2.fld.kind == "long_text":
                            it2.fld.kind = kind_from_label(it2.fld.label) or "text"
                            it2.fld.capacity = None
        _captioned_grids(lay, body, items, header_of, wboxes)


def _captioned_grids(lay: Layout, body, items, header_of, wboxes) -> None:
    """A grid of text fields introduced by its own caption line is one ``table`` field.

    The caption is a plain (non-heading, non-hint) text line directly above the header row that
    labels no widget itself; a grid straight under a heading stays a repeating record.
    """
    groups: dict[str, list[Item]] = {}
    for it in items:
        if it.kind == "field" and it.fld is not None and it.fld.repeat and it.fld.repeat.get("group"):
            groups.setdefault(it.fld.repeat["group"], []).append(it)
    for members in groups.values():
        if len(members) < 2 or any(id(it.fld) not in header_of for it in members):
            continue
        members.sort(key=lambda it: it.x0)
        hdr_top = min(s.top for it in members for s in header_of[id(it.fld)][0])
        x0 = min(header_of[id(it.fld)][1].x0 for it in members)
        x1 = max(header_of[id(it.fld)][1].x1 for it in members)
        cap = lay.above((x0, hdr_top, x1, hdr_top), max_gap=max(1.5 * body, 14), obstacles=wboxes)
        if cap is None or cap.role is not None or _is_heading_seg(cap, body) or cap.size > body + 0.4:
            continue
        blk = lay.block_up(cap, set())
        for s in blk:
            s.role = "caption"
        fld = Field(
            id="",
            label=clean_label(_join(blk)),
            kind="table",
            columns=[it.fld.label for it in members],
            capacity={"rows": max(it.fld.repeat["rows"] for it in members)},
        )
        gone = {id(it) for it in members}
        items[:] = [it for it in items if id(it) not in gone]
        items.append(Item(top=blk[0].top, x0=x0, kind="field", fld=fld))


def _check_above(w: Widget, ws: list[Widget]) -> Widget | None:
    best = None
    for o in ws:
        if o is w or o.ftype != "Btn" or o.bottom > w.top + 1 or w.top - o.bottom > 14:
            continue
        if abs(o.x0 - w.x0) < 3 and (best is None or o.bottom > best.bottom):
            best = o
    return best


def _widget_above(w: Widget, ws: list[Widget]) -> Widget | None:
    best = None
    for o in ws:
        if o is w or o.bottom > w.top + 1 or w.top - o.bottom > 12:
            continue
        if abs(o.x0 - w.x0) < 3 and abs(o.x1 - w.x1) < 3 and (best is None or o.bottom > best.bottom):
            best = o
    return best


def _name_label(name: str) -> str:
    last = name.split(".")[-1] if name else ""
    last = re.sub(r"[_\-]+", " ", last)
    last = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", last)
    return squash(re.sub(r"\[\d+\]$", "", last))


def _state_label(state: str) -> str:
    s = re.sub(r"^\d+_", "", state)
    s = re.sub(r"#([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), s)
    return squash(s.replace("_", " "))


def _widget_field(first: Widget, grp: list[Widget], label: str, opt_text: dict, body: float) -> Field | None:
    ft, ff = first.ftype, first.flags
    h = first.bottom - first.top
    if ft == "Tx":
        fs = first.font_size or 0
        tall = h >= max(2.2 * LINE_PT, 2.4 * fs if fs else 0)
        if ff & FF_MULTILINE or tall:
            lines = max(1, round(h / (max(fs, LINE_PT) if fs and fs > 12 else LINE_PT)))
            return Field(
                id="",
                label=label,
                kind="long_text",
                capacity={"lines": lines, "words": lines * WORDS_PER_LINE},
            )
        return Field(id="", label=label, kind=kind_from_label(label) or "text")
    if ft == "Ch":
        opts = list(first.options)
        kind = "choice" if ff & FF_COMBO or opts else "choice"
        if opts and yes_no_kind(opts) == "yes_no":
            kind = "yes_no"
        return Field(id="", label=label, kind=kind, options=opts)
    if ft == "Sig":
        return Field(id="", label=label, kind="signature")
    if ft == "Btn":
        if ff & FF_PUSH:
            return None
        if ff & FF_RADIO or len(grp) > 1:
            opts = []
            for w in grp:
                o = opt_text.get(id(w)) or (_state_label(w.states[0]) if w.states else "")
                if o and o not in opts:
                    opts.append(o)
            kind = (
                yes_no_kind(opts)
                if ff & FF_RADIO
                else ("yes_no" if yes_no_kind(opts) == "yes_no" else "multi_choice")
            )
            return Field(id="", label=label, kind=kind, options=opts)
        fld = Field(id="", label=label, kind="checkbox")
        fld._opt = opt_text.get(id(first))  # type: ignore[attr-defined]
        return fld
    return Field(id="", label=label, kind=kind_from_label(label) or "text")


def _merge_checkbox_groups(items: list[Item]) -> None:
    by_q: dict[int, list[Item]] = {}
    for it in items:
        q = getattr(it.fld, "_question", None) if it.fld is not None else None
        if q is not None and it.fld.kind == "checkbox":
            by_q.setdefault(q, []).append(it)
    for group in by_q.values():
        if len(group) < 2:
            continue
        head = group[0].fld
        opts = [getattr(g.fld, "_opt", None) or g.fld.label for g in group]
        head.options = opts
        head.kind = "yes_no" if yes_no_kind(opts) == "yes_no" else "multi_choice"
        for g in group[1:]:
            items.remove(g)


# ---- flat: printed content-control prompts
def _placeholder_items(pg, lay: Layout, body, items, label_block, use, heading_question) -> None:
    """A prompt beside a label is that label's (short) answer; a prompt on its own line under a
    label or heading is a long answer area (Word's rich-text control under its question)."""
    tbs = [_rows_bbox(rows) for rows in pg.tables]
    for box, pk in sorted(pg.placeholders, key=lambda p: (p[0][1], p[0][0])):
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in tbs):
            continue
        left = lay.left_of(box)
        if left is not None and left.role is None and box[0] - left.x1 < 250:
            blk = label_block(left)
            lab = clean_label(_join(blk))
            use(blk)
            if lab:
                kind = kind_from_label(lab) or "text"
                if pk in ("date", "choice") and kind != "signature":
                    kind = pk
                fld = _refine_kind(pg, box, Field(id="", label=lab, kind=kind))
                items.append(Item(top=blk[0].top, x0=blk[0].x0, kind="field", fld=fld))
            continue
        a = lay.above(box, max_gap=max(2.5 * body, 24))
        if a is None or a.role is not None:
            continue
        fld = Field(id="", label="", kind="long_text", capacity=_capacity(5 * LINE_PT))
        if pk in ("date", "choice"):
            fld.kind, fld.capacity = pk, None
        if fld.kind == "long_text" and _is_heading_seg(a, body):
            if heading_question(a, fld, box[1]):
                continue
            block = lay.block_up(a, set()) + [t for t in lay.block_down(a, set()) if t is not a]
            block = [b for b in block if _is_heading_seg(b, body)] or [a]
            text = clean_label(_join(block))
            use(block, "heading")
            items.append(
                Item(top=block[0].top, x0=block[0].x0, kind="heading", text=text, size=a.size, bold=a.bold)
            )
            fld.label = text
            items.append(Item(top=block[0].top + 0.01, x0=block[0].x0, kind="field", fld=fld))
            continue
        blk = label_block(a, down=False)
        fld.label = clean_label(_join(blk))
        use(blk)
        if fld.label:
            if fld.kind != "long_text":
                fld.kind = (
                    kind_from_label(fld.label) if kind_from_label(fld.label) == "signature" else fld.kind
                )
            items.append(Item(top=blk[0].top, x0=blk[0].x0, kind="field", fld=fld))


# ---- flat: inline blanks and tick boxes
def _inline_items(pg, lay: Layout, body, items, anchors, label_block, use) -> None:
    segs = [s for s in lay.segs if s.role is None]
    pending_box_lines: list[tuple[Seg, list[str]]] = []
    for s in segs:
        if s.role is not None:
            continue
        text = s.text
        if BOX_RE.search(text):
            label, opts = _box_line_options(s)
            conts = _box_continuations(pg, lay, s, label, opts)
            if conts:
                # the options wrap onto the next line(s): read the joined text instead
                merged = _merge_segs([s, *conts])
                jl, jo = _box_line_options(merged)
                if jl and jo:
                    label, opts = jl, jo
                    for t in conts:
                        t.role = "label"
            if label and opts:
                s.role = "label"
                kind = yes_no_kind(opts)
                items.append(
                    Item(
                        top=s.top,
                        x0=s.x0,
                        kind="field",
                        fld=Field(id="", label=label, kind=kind, options=opts),
                    )
                )
            elif opts:
                s.role = "option"
                pending_box_lines.append((s, opts))
            continue
        if _ANY_BLANK_RE.search(text):
            pieces = _split_blanks(text)
            if not pieces:
                continue
            s.role = "label"
            for lab, is_date in pieces:
                if not lab:
                    left = lay.left_of((s.x0, s.top, s.x0 + 1, s.bottom))
                    if left is not None and left.role is None:
                        blk = label_block(left)
                        lab = clean_label(_join(blk))
                        use(blk)
                if not lab:
                    a = lay.above((s.x0, s.top, s.x1, s.bottom), max_gap=1.5 * body)
                    if a is not None and a.role is None:
                        blk = label_block(a, down=False)
                        lab = clean_label(_join(blk))
                        use(blk)
                if not lab:
                    continue
                kind = "date" if is_date else (kind_from_label(lab) or "text")
                fld = Field(id="", label=lab, kind=kind)
                if len(pieces) == 1:
                    fld = _refine_kind(pg, (s.x0, s.top, s.x1, s.bottom), fld)
                items.append(Item(top=s.top, x0=s.x0, kind="field", fld=fld))
    # "☐ option" lines grouped under the question above them
    groups: list[list[tuple[Seg, list[str]]]] = []
    for s, opts in pending_box_lines:
        if groups:
            ps = groups[-1][-1][0]
            same_line = (
                _vert_overlap(s.top, s.bottom, ps.top, ps.bottom) > 0.3 * max(s.bottom - s.top, 1)
                and s.x0 > ps.x1
            )
            below = 0 <= s.top - ps.bottom < 1.2 * max(s.size, body) and abs(s.x0 - groups[-1][0][0].x0) < 150
            if same_line or below:
                groups[-1].append((s, opts))
                continue
        groups.append([(s, opts)])
    for g in groups:
        first = g[0][0]
        opts = [o for _, os in g for o in os]
        left = lay.left_of((first.x0, first.top, first.x0 + 1, first.bottom))
        q = left if left is not None and left.role is None else None
        if q is None:
            a = lay.above((first.x0 - 40, first.top, first.x1, first.bottom), max_gap=1.8 * body)
            if (
                a is not None
                and a.role is None
                and (not _is_heading_seg(a, body) or (pg.bold_labels and a.size <= body + 0.4))
            ):
                q = a
        if q is not None:
            blk = label_block(q, down=False) if q.top < first.top - 1 else label_block(q)
            lab = clean_label(_join(blk))
            use(blk)
            kind = yes_no_kind(opts)
            items.append(
                Item(
                    top=blk[0].top,
                    x0=blk[0].x0,
                    kind="field",
                    fld=Field(id="", label=lab, kind=kind, options=opts),
                )
            )
        elif len(opts) == 1 and not _nothing_above(pg, first.top):
            items.append(
                Item(
                    top=first.top, x0=first.x0, kind="field", fld=Field(id="", label=opts[0], kind="checkbox")
                )
            )
        else:
            lab = opts[0]
            # a list opening the page with no question above it may continue the previous page's
            # list (placed there when that page ended with a question's options)
            items.append(
                Item(
                    top=first.top,
                    x0=first.x0,
                    kind="options" if _nothing_above(pg, first.top) else "field",
                    fld=Field(
                        id="", label=lab, kind="multi_choice" if len(opts) > 1 else "checkbox", options=opts
                    ),
                )
            )


def _box_line_options(s: Seg) -> tuple[str, list[str]]:
    """(question, options) of a line of tick-box options; the question may be empty."""
    label, opts = split_box_options(s.text)
    styled = _styled_box_options(s)
    if styled and (not label or not opts or (label != styled[0] and label.startswith(styled[0]))):
        # a bold question run followed by plain options says where the question ends
        return styled
    return label, opts


def _merge_segs(segs: list[Seg]) -> Seg:
    """Wrapped lines read as one line of text (words kept in reading order)."""
    first = segs[0]
    return Seg(
        x0=min(s.x0 for s in segs),
        x1=max(s.x1 for s in segs),
        top=first.top,
        bottom=max(s.bottom for s in segs),
        text=" ".join(s.text for s in segs),
        size=first.size,
        bold=first.bold,
        italic=first.italic,
        words=[w for s in segs for w in s.words],
    )


def _box_continuations(pg: PageData, lay: Layout, s: Seg, label: str, opts: list[str]) -> list[Seg]:
    """Lines continuing a question's tick-box options that wrapped at the line end ("... Not
    substantiated ☐ Unclear" / "☐"): directly below at the paragraph's left edge, in the same type,
    holding a box and no question of their own."""
    if not label:
        return []
    out: list[Seg] = []
    last = s
    while True:
        size = max(last.size, 6)
        nxt = None
        for t in lay.segs:
            if t.role is not None or t is s or t in out or t.top <= last.top + 0.5:
                continue
            if t.top - last.bottom > 0.6 * size or t.top < last.bottom - 0.3 * size:
                continue
            if abs(t.size - s.size) > 0.3 or t.x0 < s.x0 - 3 or t.x0 > s.x0 + 2 * size:
                continue
            if nxt is None or t.x0 < nxt.x0:
                nxt = t
        if nxt is None or not BOX_RE.search(nxt.text):
            break
        if any(last.bottom - 1 < y < nxt.top + 1 and x0 < nxt.x1 and nxt.x0 < x1 for x0, x1, y in pg.hlines):
            break  # a rule between them: another row or box
        t_label, t_opts = split_box_options(nxt.text)
        if t_label:
            break  # a question of its own
        ends_with_box = bool(re.search(BOX_RE.pattern + r"\s*$", last.text))
        starts_with_box = bool(BOX_RE.match(nxt.text.strip()))
        if ends_with_box and (starts_with_box or set(t_opts) & set(opts) or yes_no_kind(t_opts) == "yes_no"):
            break  # a complete line followed by another list (or the same answers again)
        out.append(nxt)
        last = nxt
    return out


def _styled_box_options(s: Seg) -> tuple[str, list[str]] | None:
    """ "**Gender** Male ☐ Female ☐": a bold question run followed by plain option text."""
    ws = [w for w in s.words if w["fontname"]]
    if len(ws) < 2 or not _is_bold(ws[0]["fontname"]):
        return None
    n = 0
    while n < len(ws) and _is_bold(ws[n]["fontname"]) and not BOX_RE.search(ws[n]["text"]):
        n += 1
    if n == len(ws) or BOX_RE.search(ws[n]["text"]):
        return None
    rest = [w for w in s.words if w not in ws[:n]]
    label = clean_label(" ".join(w["text"] for w in ws[:n]))
    _, opts = split_box_options(" ".join(w["text"] for w in rest))
    return (label, opts) if label and opts else None


def _split_blanks(text: str) -> list[tuple[str, bool]]:
    """ "Name: ____ DOB: __/__/____" -> [("Name", False), ("DOB", True)]."""
    out = []
    pos = 0
    for m in _ANY_BLANK_RE.finditer(text):
        lab = clean_label(text[pos : m.start()])
        is_date = bool(DATE_BLANK_RE.fullmatch(m.group(0)))
        if not lab and out and not is_date:
            pos = m.end()
            continue  # a blank continuing the previous one
        out.append((lab, is_date))
        pos = m.end()
    return out


def _blank_items(text: str, top: float, x0: float) -> list:
    """One field item per labelled blank in a table cell's text ("Name: ____ DOB: __/__/____")."""
    return [
        Item(
            top=top,
            x0=x0,
            kind="field",
            fld=Field(id="", label=lab, kind="date" if is_date else (kind_from_label(lab) or "text")),
        )
        for lab, is_date in _split_blanks(text)
        if lab
    ]


# ---- flat: large boxes and ruled lines
def _box_items(pg, lay: Layout, body, items, anchors, label_block, use, heading_question) -> None:
    for box in sorted(pg.rects, key=lambda b: (b[1], b[0])):
        x0, top, x1, bottom = box
        w, h = x1 - x0, bottom - top
        if w < 60 or h < 1.9 * LINE_PT:
            continue
        inside = [
            s
            for s in lay.segs
            if x0 - 1 <= s.x0 and s.x1 <= x1 + 1 and top - 1 <= s.top and s.bottom <= bottom + 1
        ]
        label = ""
        if inside:
            text_h = max(s.bottom for s in inside) - top
            if text_h > 0.45 * h or any(s.role not in (None, "hint") for s in inside):
                continue  # a text panel, not an answer box
            first = min(inside, key=lambda s: (s.top, s.x0))
            blk = label_block(first)
            label = clean_label(_join(blk))
            use(blk)
            for s in inside:
                s.role = s.role or "hint"
            area_h = bottom - max(s.bottom for s in inside)
        else:
            area_h = h
        fld = _refine_kind(pg, box, Field(id="", label=label, kind="long_text", capacity=_capacity(area_h)))
        if not label:
            a = lay.above(box, max_gap=max(2.5 * body, 24))
            if a is None and _nothing_above(pg, top):
                items.append(Item(top=top, x0=x0, kind="box", fld=fld))
                continue
            if a is None or a.role not in (None,):
                continue
            if heading_question(a, fld, top):
                continue
            blk = label_block(a, down=False)
            fld.label = clean_label(_join(blk))
            use(blk)
            top_at = blk[0].top
        else:
            top_at = top
        if fld.label:
            items.append(Item(top=top_at, x0=x0, kind="field", fld=fld))
    # ruled lines: "Label ________" drawn as a rule, or several rules under a label
    rules = sorted(pg.hlines, key=lambda r: (r[2], r[0]))
    used: set[int] = set()
    for i, (rx0, rx1, y) in enumerate(rules):
        if i in used:
            continue
        on_line = [s for s in lay.segs if s.x1 > rx0 + 2 and s.x0 < rx1 - 2 and s.top < y < s.bottom + 3]
        if on_line:
            continue  # underline of text or a table rule
        left = lay.left_of((rx0, y - body, rx1, y + 1))
        if left is not None and left.role is None and rx0 - left.x1 < 40:
            blk = label_block(left)
            lab = clean_label(_join(blk))
            use(blk)
            if lab:
                items.append(
                    Item(
                        top=left.top,
                        x0=left.x0,
                        kind="field",
                        fld=_refine_kind(
                            pg,
                            (rx0, y - 2 * LINE_PT, rx1, y + 3),
                            Field(id="", label=lab, kind=kind_from_label(lab) or "text"),
                        ),
                    )
                )
            continue
        # stacked writing lines under a label
        stack = [i]
        for j in range(i + 1, len(rules)):
            if j in used:
                continue
            jx0, jx1, jy = rules[j]
            if abs(jx0 - rx0) < 3 and abs(jx1 - rx1) < 3 and jy - rules[stack[-1]][2] < 3 * LINE_PT:
                between = [
                    s for s in lay.segs if rules[stack[-1]][2] < s.cy < jy and s.x1 > rx0 and s.x0 < rx1
                ]
                if between:
                    break
                stack.append(j)
        used.update(stack)
        a = lay.above((rx0, y - 1.2 * body, rx1, y), max_gap=2 * body)
        if a is None or a.role is not None:
            continue
        blk = label_block(a, down=False)
        lab = clean_label(_join(blk))
        use(blk)
        if not lab:
            continue
        if len(stack) >= 2:
            fld = Field(
                id="",
                label=lab,
                kind="long_text",
                capacity={"lines": len(stack), "words": len(stack) * WORDS_PER_LINE},
            )
        else:
            fld = Field(id="", label=lab, kind=kind_from_label(lab) or "text")
        fld = _refine_kind(pg, (rx0, y - 2 * LINE_PT, rx1, rules[stack[-1]][2] + 3), fld)
        items.append(Item(top=blk[0].top, x0=blk[0].x0, kind="field", fld=fld))


# ---- flat: bordered tables
def _shown_item(text: str) -> bool:
    """Text that reads as one item of a list (a drop-down's shown value), not a sentence or data."""
    t = text.strip()
    return (
        0 < len(t.split()) <= 4
        and not re.search(r"[\d:?.;_/]", t)
        and not BOX_RE.search(t)
        and t[:1].isalpha()
    )


def _cell_text(words: list[dict], cell: tuple) -> tuple[str, float, bool, float]:
    inside = [w for w in words if _inside(w, cell)]
    if not inside:
        return "", 0.0, False, 0.0
    lines = _lines(inside)
    lines = _drop_hint_lines(lines)
    inside = [w for ln in lines for w in ln]
    text = squash(" ".join(w["text"] for ln in lines for w in ln))
    real = [w for w in inside if w["fontname"]] or inside
    size = Counter(round(float(w["size"]) * 2) / 2 for w in real).most_common(1)[0][0]
    bold = (
        sum(len(w["text"]) for w in real if _is_bold(w["fontname"]))
        / max(1, sum(len(w["text"]) for w in real))
        > 0.6
    )
    return text, size, bold, max(w["bottom"] for w in inside) - cell[1]


def _placeholder_kind(pg, cell: tuple) -> str | None:
    """The kind asked for by a content-control prompt inside the cell, if any."""
    for box, kind in pg.placeholders:
        if _inside({"x0": box[0], "x1": box[2], "top": box[1], "bottom": box[3]}, cell):
            return kind
    return None


def _line_style(ln: list[dict]) -> tuple[float, bool]:
    real = [w for w in ln if w["fontname"]] or ln
    size = Counter(round(float(w["size"]) * 2) / 2 for w in real).most_common(1)[0][0]
    italic = all(_is_italic(w["fontname"]) for w in real if w["fontname"]) and any(
        w["fontname"] for w in real
    )
    return size, italic


def _drop_hint_lines(lines: list[list[dict]]) -> list[list[dict]]:
    """A label cell's later lines in a smaller or italic type are a hint ("Valid email address")."""
    if len(lines) < 2:
        return lines
    size0, italic0 = _line_style(lines[0])
    keep = [lines[0]]
    for ln in lines[1:]:
        size, italic = _line_style(ln)
        if size < size0 - 0.4 or (italic and not italic0):
            break
        keep.append(ln)
    return keep


def _cell_fill(pg: PageData, cell: tuple) -> tuple | None:
    """The colour key of the smallest shading that covers the cell, if any."""
    cx, cy = (cell[0] + cell[2]) / 2, (cell[1] + cell[3]) / 2
    best = None
    for box, key, _lum in pg.fills:
        if not (box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1):
            continue
        if box[2] - box[0] < 0.6 * (cell[2] - cell[0]) or box[3] - box[1] < 0.6 * (cell[3] - cell[1]):
            continue
        area = (box[2] - box[0]) * (box[3] - box[1])
        if best is None or area < best[0]:
            best = (area, key)
    return best[1] if best else None


def _table_grid(pg: PageData, rows, words) -> list[list[tuple]]:
    """Rows of distinct cells: (box, text, size, bold, text height, fill key)."""
    grid: list[list[tuple]] = []
    for row in rows:
        cells = []
        seen_boxes: set = set()
        for c in row:
            if c is None or c in seen_boxes:
                continue
            seen_boxes.add(c)
            cells.append((c, *_cell_text(words, c), _cell_fill(pg, c)))
        if cells:
            grid.append(cells)
    return grid


def _row_heading_level(pg: PageData, c: tuple, body: float) -> int | None:
    """Level of a full-width text row that is a heading: by its shading (1 = darkest heading fill),
    0 when only its type says so (bold or large); None when it is not a heading."""
    text = c[1]
    if not text or len(text) >= 120 or BOX_RE.search(text) or _ANY_BLANK_RE.search(text):
        return None
    if c[5] is not None:
        if c[5] in pg.heading_fill_levels:
            return pg.heading_fill_levels[c[5]]
        if c[5] in pg.label_fills:
            return None
    cell_h = c[0][3] - c[0][1]
    if (c[2] > body + 0.4 or c[3]) and c[4] < 0.6 * cell_h + 14:
        return 0
    return None


def _grid_rows(grid: list[list[tuple]], ri: int) -> int:
    """Number of empty record rows if grid[ri] is the header row of a grid, else 0."""
    hdr = grid[ri]
    if len(hdr) < 2 or not all(c[1] for c in hdr):
        return 0
    if any(BOX_RE.search(c[1]) or _ANY_BLANK_RE.search(c[1]) or len(c[1].split()) > 12 for c in hdr):
        return 0
    k = 0
    for r in grid[ri + 1 :]:
        if len(r) != len(hdr) or any(c[1] for c in r):
            break
        k += 1
    return k


def _table_items(pg, lay: Layout, body, items) -> None:
    for rows, grid in zip(pg.tables, pg.grids, strict=False):
        if not grid:
            continue
        tb = _rows_bbox(rows)
        done: set[int] = set()
        prev_guidance: Item | None = None  # a text row just above: the caption of a grid below it
        prev_heading = False
        for ri, r in enumerate(grid):
            if ri in done:
                continue
            row_top = min(c[0][1] for c in r)
            nrec = _grid_rows(grid, ri)
            if nrec:
                cols = [clean_label(c[1]) for c in r]
                label = ""
                top_at = row_top
                if ri == 0:
                    cap = lay.above((tb[0], tb[1], tb[2], tb[3]), max_gap=2.5 * body)
                    if cap is not None and cap.role is None and not (cap.size > body + 0.4):
                        blk = lay.block_up(cap, set())
                        for sg in blk:
                            sg.role = "caption"
                        label, top_at = clean_label(_join(blk)), blk[0].top
                elif prev_guidance is not None and not prev_heading:
                    items.remove(prev_guidance)
                    label, top_at = clean_label(prev_guidance.text), prev_guidance.top
                if label:
                    items.append(
                        Item(
                            top=top_at,
                            x0=tb[0],
                            kind="field",
                            fld=Field(
                                id="", label=label, kind="table", columns=cols, capacity={"rows": nrec}
                            ),
                        )
                    )
                else:
                    gid = f"p{pg.number}t{int(row_top)}"
                    for c, col in zip(r, cols, strict=False):
                        items.append(
                            Item(
                                top=row_top,
                                x0=c[0][0],
                                kind="field",
                                fld=Field(
                                    id="",
                                    label=col,
                                    kind=kind_from_label(col) or "text",
                                    repeat={"group": gid, "rows": nrec},
                                ),
                            )
                        )
                done.update(range(ri + 1, ri + 1 + nrec))
                prev_guidance, prev_heading = None, False
                continue
            prev_guidance, was_heading, prev_heading = None, prev_heading, False
            if len(r) == 1 and not r[0][1]:
                # an empty full-width row with no label row above it in this table: the answer to
                # what ended the previous page when the table opens the page
                c = r[0]
                h = c[0][3] - c[0][1]
                if ri == 0 and h >= 1.9 * LINE_PT and _nothing_above(pg, c[0][1], skip=tb):
                    fld = Field(id="", label="", kind="long_text", capacity=_capacity(h))
                    items.append(Item(top=c[0][1], x0=c[0][0], kind="box", fld=fld))
                continue
            texts = [c for c in r if c[1]]
            if len(r) == 1 and texts:
                c = r[0]
                nxt = grid[ri + 1] if ri + 1 < len(grid) else None
                box_below = nxt is not None and len(nxt) == 1 and not nxt[0][1]
                lvl = _row_heading_level(pg, c, body)
                if lvl is not None and (lvl > 0 or not box_below):
                    items.append(
                        Item(
                            top=c[0][1],
                            x0=c[0][0],
                            kind="heading",
                            text=clean_label(c[1]),
                            size=c[2],
                            bold=c[3],
                            level=lvl,
                        )
                    )
                    prev_heading = True
                    if box_below:
                        # a heading row over an empty row: the heading is also the question
                        h = nxt[0][0][3] - nxt[0][0][1]
                        kind = "long_text" if h >= 1.9 * LINE_PT else (kind_from_label(c[1]) or "text")
                        fld = Field(
                            id="",
                            label=clean_label(c[1]),
                            kind=kind,
                            capacity=_capacity(h) if kind == "long_text" else None,
                        )
                        fld = _refine_kind(pg, nxt[0][0], fld)
                        items.append(Item(top=c[0][1] + 0.01, x0=c[0][0], kind="field", fld=fld))
                        done.add(ri + 1)
                        prev_heading = False
                elif box_below:
                    h = nxt[0][0][3] - nxt[0][0][1]
                    lab = clean_label(c[1])
                    kind = "long_text" if h >= 1.9 * LINE_PT else (kind_from_label(lab) or "text")
                    items.append(
                        Item(
                            top=c[0][1],
                            x0=c[0][0],
                            kind="field",
                            fld=_refine_kind(
                                pg,
                                nxt[0][0],
                                Field(
                                    id="",
                                    label=lab,
                                    kind=kind,
                                    capacity=_capacity(h) if kind == "long_text" else None,
                                ),
                            ),
                        )
                    )
                    done.add(ri + 1)
                elif BOX_RE.search(c[1]):
                    lab, opts = split_box_options(c[1])
                    if lab and opts:
                        items.append(
                            Item(
                                top=c[0][1],
                                x0=c[0][0],
                                kind="field",
                                fld=Field(id="", label=lab, kind=yes_no_kind(opts), options=opts),
                            )
                        )
                elif _ANY_BLANK_RE.search(c[1]):
                    items.extend(_blank_items(c[1], c[0][1], c[0][0]))
                else:
                    hint = c[2] < body - 0.4 or c[1].startswith("(")
                    prev_guidance = Item(top=c[0][1], x0=c[0][0], kind="guidance", text=c[1], hint=hint)
                    items.append(prev_guidance)
                    prev_heading = was_heading and hint
                continue
            i = 0
            while i < len(r):
                c = r[i]
                if c[1] and BOX_RE.search(c[1]):
                    lab, opts = split_box_options(c[1])
                    if not lab and i > 0 and r[i - 1][1]:
                        lab = clean_label(r[i - 1][1])
                    if lab and opts:
                        items.append(
                            Item(
                                top=c[0][1],
                                x0=c[0][0],
                                kind="field",
                                fld=Field(id="", label=lab, kind=yes_no_kind(opts), options=opts),
                            )
                        )
                    i += 1
                    continue
                # a shaded label cell beside unshaded text: an answer already filled in (a value
                # or a drop-down's shown item) - the label is still a field
                filled_in = (
                    c[1]
                    and i + 1 < len(r)
                    and c[5] is not None
                    and c[5] in pg.label_fills
                    and r[i + 1][5] is None
                    and len(r[i + 1][1].split()) <= 6
                )
                if c[1] and i + 1 < len(r) and (not r[i + 1][1] or BOX_RE.search(r[i + 1][1]) or filled_in):
                    if BOX_RE.search(r[i + 1][1] or ""):
                        i += 1
                        continue
                    lab = clean_label(c[1])
                    ans = r[i + 1][0]
                    h = ans[3] - ans[1]
                    # a tall answer cell is a long answer only when it is taller than its label
                    # needs (a row made tall by a long wrapped label is a one-line answer)
                    label_fills_row = c[4] >= 2 * max(c[2], 6) and c[4] >= h - 0.5 * LINE_PT
                    long_ = h >= 2.4 * LINE_PT and kind_from_label(lab) != "signature" and not label_fills_row
                    kind = "long_text" if long_ else (kind_from_label(lab) or "text")
                    pk = _placeholder_kind(pg, ans)
                    if pk in ("date", "choice") and kind not in ("signature",):
                        kind, long_ = pk, False
                    elif pk is None and filled_in and _shown_item(r[i + 1][1]) and kind == "text":
                        # a blank form showing a value in an answer cell: a drop-down's first item
                        kind, long_ = "choice", False
                    items.append(
                        Item(
                            top=c[0][1],
                            x0=c[0][0],
                            kind="field",
                            fld=_refine_kind(
                                pg,
                                ans,
                                Field(id="", label=lab, kind=kind, capacity=_capacity(h) if long_ else None),
                                # a multi-line box filling a row only as tall as its label is no
                                # longer an answer than a one-line box
                                multiline_long=not label_fills_row,
                            ),
                        )
                    )
                    i += 2
                    continue
                if c[1] and _ANY_BLANK_RE.search(c[1]):
                    items.extend(_blank_items(c[1], c[0][1], c[0][0]))
                i += 1
