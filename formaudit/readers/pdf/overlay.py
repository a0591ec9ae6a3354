"""Widgets over a printed form: a fillable PDF made from a flat form (a Word form exported to PDF, then
"Prepare Form") has its widgets on the flat layout's own answer areas. Those widgets are set aside as
overlays; the flat layout states the questions and the overlays only refine the kinds of the answers
they sit on (:func:`_refine_kind`).
"""

from __future__ import annotations

from ...model import Field
from ..common import BOX_RE, yes_no_kind
from .data import _ANY_BLANK_RE, FF_MULTILINE, FF_PUSH, FF_RADIO, LINE_PT, PageData, Widget, _capacity
from .layout import _collect_page, _inside, _overlaps


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
