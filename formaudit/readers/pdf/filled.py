"""A printed PDF of a filled-in form reads like the blank form.

A flat form printed after someone filled it in has values where its blanks were: "Child's name: Amelia
Hughes" instead of "Child's name: ______", sentences inside the answer boxes, names in the rows of a
grid. When a document has **nowhere left to write** (no underscore or date blank on any page, no
fillable widget) but still has several "Label: value" lines, it is taken for a filled-in copy and,
before interpretation:

* a "Label: value" line becomes the "Label: ______" line it was (the value is dropped);
* text inside a drawn answer box (at least two written lines tall) is dropped: the box is an answer
  area whatever it holds;
* plain (not bold) text in the record rows of a grid whose header row is bold is dropped.

Blank forms are never changed (they have blanks, widgets or no "Label: value" lines), and no value is
kept anywhere.
"""

from __future__ import annotations

import re

from ..common import BOX_RE
from .data import _ANY_BLANK_RE, PageData
from .tolerances import (
    FILLED_BOX_MIN_HEIGHT,
    FILLED_BOX_MIN_WIDTH,
    FILLED_INSIDE_PT,
    FILLED_LABEL_MAX_WORDS,
    FILLED_MIN_LINES,
    FILLED_TICK_MAX_PT,
    FILLED_TICK_MIN_PT,
)

_LABEL_VALUE = re.compile(r"^(?P<label>[^:]{2,80}):\s+(?P<value>\S.*[^:])$")
_NOT_A_LABEL = re.compile(
    r"^(please|note|notes|the following|for example|e\.g|if |where |tick|select|choose)\b", re.I
)


def _label(text: str) -> str | None:
    if BOX_RE.search(text):
        return None  # "Gender: ☐ Male ☐ Female": options, not a value
    m = _LABEL_VALUE.match(text.strip())
    if m is None:
        return None
    label = m.group("label").strip()
    if len(label.split()) > FILLED_LABEL_MAX_WORDS or _NOT_A_LABEL.match(label):
        return None
    return label


def _bold(fontname: str | None) -> bool:
    return bool(fontname) and "bold" in fontname.lower()


def is_filled(pages: list[PageData]) -> bool:
    """Nowhere left to write, but "Label: value" lines: a printed filled-in form."""
    label_values = 0
    for pg in pages:
        if pg.widgets:
            return False
        for s in pg.segs:
            if _ANY_BLANK_RE.search(s.text):
                return False
            if _label(s.text) is not None:
                label_values += 1
        for tw in pg.table_words:
            if any(_ANY_BLANK_RE.search(w["text"]) for w in tw):
                return False
    return label_values >= FILLED_MIN_LINES


def _inside(box, x0, top, x1, bottom) -> bool:
    return (
        x0 >= box[0] - FILLED_INSIDE_PT
        and x1 <= box[2] + FILLED_INSIDE_PT
        and top >= box[1] - FILLED_INSIDE_PT
        and bottom <= box[3] + FILLED_INSIDE_PT
    )


def unfill(pages: list[PageData]) -> bool:
    """If ``pages`` are a printed filled-in form, turn them back into the blank form's material (in
    place). Returns whether they were."""
    if not is_filled(pages):
        return False
    for pg in pages:
        boxes = [
            r
            for r in pg.rects
            if r[3] - r[1] >= FILLED_BOX_MIN_HEIGHT
            and r[2] - r[0] >= FILLED_BOX_MIN_WIDTH
            and r not in pg.dark_rects
        ]
        ticks = [
            r
            for r in pg.rects
            if FILLED_TICK_MIN_PT <= r[2] - r[0] <= FILLED_TICK_MAX_PT
            and FILLED_TICK_MIN_PT <= r[3] - r[1] <= FILLED_TICK_MAX_PT
        ]
        kept = []
        for s in pg.segs:
            if any(_inside(b, s.x0, s.top, s.x1, s.bottom) for b in boxes):
                continue  # typed into an answer box
            on_line = any(
                s.top - FILLED_INSIDE_PT <= (t[1] + t[3]) / 2 <= s.bottom + FILLED_INSIDE_PT for t in ticks
            )
            label = None if on_line else _label(s.text)
            if label is not None:
                s.text = f"{label}: ______"
            kept.append(s)
        pg.segs = kept
        for ti, (rows, words) in enumerate(zip(pg.tables, pg.table_words, strict=False)):
            if len(rows) < 2 or not rows[0] or len(rows[0]) < 2:
                continue
            head = [c for c in rows[0] if c is not None]
            if not head:
                continue
            top0 = min(c[1] for c in head)
            bottom0 = max(c[3] for c in head)
            head_words = [
                w
                for w in words
                if w["top"] >= top0 - FILLED_INSIDE_PT and w["bottom"] <= bottom0 + FILLED_INSIDE_PT
            ]
            if not head_words or not all(_bold(w.get("fontname")) for w in head_words):
                continue
            pg.table_words[ti] = [
                w for w in words if w["top"] < bottom0 - FILLED_INSIDE_PT or _bold(w.get("fontname"))
            ]
    return True
