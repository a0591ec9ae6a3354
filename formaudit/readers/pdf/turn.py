"""Pages whose content is drawn on its side: an upright form printed across a landscape sheet, or a
page stored without the /Rotate that would show it upright. A reader turns the paper; the reader
here re-opens such a page with the turn added to its /Rotate, so that the parser lays its text and
drawings out upright and the page reads like the upright one.

Named heuristic — *sideways page*: when most of a page's characters (more than
``tol.SIDEWAYS_SHARE`` of at least ``tol.SIDEWAYS_MIN_CHARS``) advance in one direction other than
left to right (up the page, down it, or right to left upside down), the page is read turned so that
they run left to right. A page with a few sideways words (a margin note, a rotated column header)
keeps its orientation.
"""

from __future__ import annotations

from . import tolerances as tol

#: the clockwise turn (degrees) that makes text advancing in this direction run left to right
_TURN_FOR = {"up": tol.QUARTER_TURN_DEG, "left": 2 * tol.QUARTER_TURN_DEG, "down": 3 * tol.QUARTER_TURN_DEG}


def _direction(matrix) -> str:
    """The direction a character advances on the page as shown (its text matrix's x axis)."""
    a, b = matrix[0], matrix[1]
    if abs(a) >= abs(b):
        return "right" if a >= 0 else "left"
    return "up" if b > 0 else "down"


def sideways_turn(page) -> int:
    """The clockwise turn (0, 90, 180 or 270 degrees) that makes the page's text read left to right."""
    counts = {"right": 0, "left": 0, "up": 0, "down": 0}
    n = 0
    chars = page.chars
    step = max(1, len(chars) // tol.SIDEWAYS_SAMPLE_CHARS)  # an even sample: constant time per page
    for c in chars[::step]:
        if c["text"].isspace():
            continue
        n += 1
        m = c.get("matrix")
        if m is not None:
            counts[_direction(m)] += 1
    if n < tol.SIDEWAYS_MIN_CHARS:
        return 0
    way = max(_TURN_FOR, key=lambda k: counts[k])
    return _TURN_FOR[way] if counts[way] > tol.SIDEWAYS_SHARE * n else 0


def upright_page(pdf, page, number: int):
    """``page`` itself, or (when its content is drawn sideways) the page re-opened with the turn added
    to its /Rotate (the old page is closed). The parsed page object is changed in memory only."""
    turn = sideways_turn(page)
    if not turn:
        return page
    from pdfplumber.page import Page

    obj = page.page_obj
    rotate = (page.rotation + turn) % (4 * tol.QUARTER_TURN_DEG)
    page.close()
    obj.attrs["Rotate"] = rotate
    obj.rotate = rotate
    return Page(pdf, obj, page_number=number, initial_doctop=page.initial_doctop)
