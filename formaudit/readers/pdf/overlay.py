"""Widgets over a printed form: a fillable PDF made from a flat form (a Word form exported to PDF, then
"Prepare Form") has its widgets on the flat layout's own answer areas. Those widgets are set aside as
overlays; the flat layout states the questions and the overlays only refine the kinds of the answers
they sit on (:func:`_refine_kind`). An overlay is only set aside when the flat reading made a field of
the answer area under it (the area is *claimed*); one on an area the flat reading left alone (an empty
cell or box with no printed label) is read from the widget itself (:func:`_unclaimed_overlays`).
"""

from __future__ import annotations

import re

from ...model import Field
from ..common import BOX_RE, yes_no_kind
from . import tolerances as tol
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
        if (
            r[2] - r[0] >= tol.MIN_BOX_W_PT
            and r[3] - r[1] >= tol.LONG_BOX_LINES * LINE_PT
            and not any(_inside(w, r) for w in words)
        ):
            areas.append(r)
    for x0, x1, y in pg.hlines:
        areas.append((x0, y - tol.NEAR_PT * LINE_PT, x1, y + tol.UNDERLINE_PT))
    return ticks, blanks, areas


def _centre_in(w: Widget, a: tuple) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return a[0] - tol.NEAR_PT <= cx <= a[2] + tol.NEAR_PT and a[1] - tol.NEAR_PT <= cy <= a[3] + tol.NEAR_PT


def _on_printed(w: Widget, b: tuple) -> bool:
    """The widget sits on printed answer text: a tick glyph (a button) or a blank or prompt."""
    box = (w.x0, w.top, w.x1, w.bottom)
    if w.ftype == "Btn":
        return _overlaps(box, b, -tol.OVERLAY_PAD_PT)
    reach = tol.OVERLAY_REACH_PT
    return _overlaps(box, b, -tol.OVERLAY_PAD_PT) and _centre_in(w, (b[0], b[1] - reach, b[2], b[3] + reach))


def _on_flat_answer(pg: PageData, w: Widget) -> bool:
    """The widget sits on an answer area of the flat layout under it."""
    cache = pg.__dict__.setdefault("_answer_boxes", None)
    if cache is None:
        cache = pg.__dict__["_answer_boxes"] = _flat_answer_boxes(pg)
    ticks, blanks, areas = cache
    if w.ftype == "Btn":
        return any(_on_printed(w, t) for t in ticks) or any(_centre_in(w, c) for c in pg.__dict__["_cells"])
    if any(_on_printed(w, b) for b in blanks):
        return True
    return any(_centre_in(w, a) and (w.x1 - w.x0) >= tol.OVERLAY_WIDTH_SHARE * (a[2] - a[0]) for a in areas)


def _claim(pg: PageData, area: tuple, printed: bool = False) -> list[Widget]:
    """The flat reading made a field of ``area``: the overlays on it are set aside (returned).
    ``printed``: the area is printed answer text (a blank, a prompt), matched as overlays are."""
    on = [w for w in pg.overlays if _centre_in(w, area) or (printed and _on_printed(w, area))]
    pg.claimed.update(w.field_key for w in on)
    return on


_LETTER_RE = re.compile(r"[^\W\d_]")


def _unclaimed_overlays(pg: PageData) -> list[Widget]:
    """Overlays on answer areas the flat reading made no field of, once the flat reading is done.

    Areas are claimed as the flat fields are made (:func:`_claim`); printed tick glyphs and blanks
    are claimed here when their text was read (its line has a role, or its table cell has words).
    A field (all of a radio group's buttons) is claimed when any of its widgets is.
    """
    if not pg.overlays:
        return []
    left = [w for w in pg.overlays if w.field_key not in pg.claimed]
    if not left:
        return []
    for sg in pg.segs:
        if sg.role is None:
            continue
        for wd in sg.words:
            if BOX_RE.search(wd["text"]) or _ANY_BLANK_RE.search(wd["text"]):
                b = (wd["x0"], wd["top"], wd["x1"], wd["bottom"])
                pg.claimed.update(w.field_key for w in left if _on_printed(w, b))
    for grid in pg.grids:
        for row in grid:
            for c in row:
                if c[1] and _LETTER_RE.search(c[1]):
                    pg.claimed.update(w.field_key for w in left if _centre_in(w, c[0]))
    return [w for w in pg.overlays if w.field_key not in pg.claimed]


def _refine_kind(pg: PageData, area: tuple, fld: Field, multiline_long: bool = True) -> Field:
    """Take the kind from overlay widgets on the field's answer area where they say more: a
    drop-down is a choice (with its items), a multi-line text box a long answer, a lone check box
    a checkbox. Kinds the label states (date, email, signature ...) and printed options stay.
    The overlays on the area are claimed by the field (whatever its kind)."""
    if not pg.overlays:
        return fld
    on = _claim(pg, area)
    if not on or fld.kind not in ("text", "long_text"):
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
