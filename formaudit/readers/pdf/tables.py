"""Bordered tables: each table's rows of distinct cells (text, size, bold, text height, shading), and
their reading — label | answer cells, heading rows (levels from shading), heading or label rows over an
empty answer row, tick-box cells, blanks in cells, and header rows over empty record rows (a repeating
grid, or one ``table`` field when captioned).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from ... import ruledata
from ...model import Field
from ...textnorm import fold
from ..common import BOX_RE, clean_label, kind_from_label, split_box_options, squash, yes_no_kind
from . import tolerances as tol
from .data import _ANY_BLANK_RE, LINE_PT, Item, PageData, _capacity
from .flat import _blank_items
from .layout import (
    Layout,
    _inside,
    _is_bold,
    _is_italic,
    _join,
    _lines,
    _nothing_above,
    _on_band,
    _part_heading,
    _rows_bbox,
)
from .overlay import _claim, _refine_kind
from .tolerances import SHOWN_ITEM_MAX_WORDS


def _shown_item(text: str) -> bool:
    """Text that reads as one item of a list (a drop-down's shown value), not a sentence or data."""
    t = text.strip()
    return (
        0 < len(t.split()) <= SHOWN_ITEM_MAX_WORDS
        and not re.search(r"[\d:?.;_/]", t)
        and not BOX_RE.search(t)
        and t[:1].isalpha()
    )


def _select_prompt(text: str) -> bool:
    """An answer cell showing a drop-down list's prompt (rules/page_furniture.yaml
    ``select_prompts``)."""
    from .flat import _furniture, _matches

    return _matches(_furniture("select_prompts"), clean_label(text))


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
        > tol.STYLE_SHARE
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
        if size < size0 - tol.SIZE_STEP_PT or (italic and not italic0):
            break
        keep.append(ln)
    return keep


def _cell_fill(pg: PageData, cell: tuple) -> tuple | None:
    """The colour key of the smallest shading that covers the cell, if any."""
    cx, cy = (cell[0] + cell[2]) / 2, (cell[1] + cell[3]) / 2
    best = None
    for box, key, _lum in pg.fills:
        if not (
            box[0] - tol.EDGE_PT <= cx <= box[2] + tol.EDGE_PT
            and box[1] - tol.EDGE_PT <= cy <= box[3] + tol.EDGE_PT
        ):
            continue
        if box[2] - box[0] < tol.CELL_FILL_SHARE * (cell[2] - cell[0]) or box[3] - box[
            1
        ] < tol.CELL_FILL_SHARE * (cell[3] - cell[1]):
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
    if not text or len(text) >= tol.HEADING_MAX_CHARS or BOX_RE.search(text) or _ANY_BLANK_RE.search(text):
        return None
    if c[5] is not None:
        if c[5] in pg.heading_fill_levels:
            return pg.heading_fill_levels[c[5]]
        if c[5] in pg.label_fills:
            return None
    cell_h = c[0][3] - c[0][1]
    size, bold, text_h = c[2], c[3], c[4]
    if (
        size > body + tol.SIZE_STEP_PT or bold
    ) and text_h < tol.HEADING_ROW_TEXT_SHARE * cell_h + tol.HEADING_ROW_PAD_PT:
        return 0
    return None


#: a record row's label may number it: "Child 1", "Parent 2"
_ROW_NUMBER_RE = re.compile(r"\s+\d{1,2}\s*$")


def _grid_rows(grid: list[list[tuple]], ri: int) -> int:
    """Number of empty record rows if grid[ri] is the header row of a grid, else 0."""
    hdr = grid[ri]
    # a grid whose rows are labelled in its first column (Child / Mother / Father ...) has an
    # empty corner cell above the row labels
    row_labels = len(hdr) >= tol.ROW_LABEL_MIN_COLS and not hdr[0][1] and all(c[1] for c in hdr[1:])
    if len(hdr) < 2 or not (all(c[1] for c in hdr) or row_labels):
        return 0
    named = [fold(clean_label(c[1])) for c in hdr[1:] if c[1]]
    if len(named) >= 2 and all(n in _column_option_words() for n in named):
        return 0  # answer columns ("| Yes | No | N/A"): a checklist, not records
    if any(
        BOX_RE.search(c[1]) or _ANY_BLANK_RE.search(c[1]) or len(c[1].split()) > tol.GRID_HEADER_MAX_WORDS
        for c in hdr
    ):
        return 0
    k = 0
    for r in grid[ri + 1 :]:
        if len(r) != len(hdr) or any(c[1] for c in r[1 if row_labels else 0 :]):
            break
        if row_labels and not (r[0][1] and _shown_item(_ROW_NUMBER_RE.sub("", r[0][1]))):
            break
        k += 1
    return k if not row_labels or k >= 2 else 0


def _labels_in_cells(r: list[tuple]) -> bool:
    """Named heuristic — *label in its answer cell*: a row of two or more cells, each holding only a
    label at its top ending with ':' or '?' ("Name:", "Date of birth:") and at least CELL_ROOM_LINES
    written lines of room under it, is a row of questions answered in their own cells."""
    if len(r) < 2:
        return False
    for c in r:
        text = (c[1] or "").rstrip()
        if not text.endswith((":", "?")) or BOX_RE.search(text) or _ANY_BLANK_RE.search(text):
            return False
        if c[0][3] - c[0][1] - c[4] < tol.CELL_ROOM_LINES * LINE_PT:
            return False
    return True


def _only_boxes(text: str) -> bool:
    t = "".join(text.split())
    return bool(t) and all(BOX_RE.fullmatch(ch) for ch in t)


@functools.cache
def _column_option_words() -> frozenset[str]:
    """Answers a checklist prints as its column headers (rules/kinds.yaml ``column_option_words``)."""
    return frozenset(fold(w) for w in ruledata.load("kinds").get("column_option_words", []))


def _matrix_options(grid: list[list[tuple]], ri: int) -> list[str]:
    """Named heuristic — *tick-box matrix*: a row whose first cell is a question and whose other cells
    (two or more) each hold only a tick box, under a header row of as many cells naming those columns
    ("Yes | No | Not known"), is one choice question whose options are the column names. The header
    is the nearest row above with text in every option column (matrix rows may stand between).
    *Answer columns*: the option cells may instead all be empty (a Word checklist printed, the answer
    ticked or written in the column) when every column name is an answer word (rules/kinds.yaml
    ``column_option_words``)."""
    r = grid[ri]
    q = _question_cell(r)
    if len(r) - q < 3 or not r[q][1] or _only_boxes(r[q][1]):
        return []
    blank = all(not (c[1] or "").strip() for c in r[q + 1 :])
    if not blank and not all(_only_boxes(c[1] or "") for c in r[q + 1 :]):
        return []
    for k in range(ri - 1, -1, -1):
        row = grid[k]
        if len(row) != len(r):
            return []
        if all(c[1] and not BOX_RE.search(c[1]) for c in row[q + 1 :]):
            names = [clean_label(c[1]) for c in row[q + 1 :]]
            if blank and not all(fold(n) in _column_option_words() for n in names):
                return []
            return names
        if not all(_only_boxes(c[1] or "") or (blank and not (c[1] or "").strip()) for c in row[q + 1 :]):
            return []
    return []


#: a checklist row's numbering cell: "1", "12.", "a)", "3b"
_NUMBER_CELL_RE = re.compile(r"\(?(?:\d{1,3}[a-z]?|[a-z])[.)]?")


def _question_cell(r: list[tuple]) -> int:
    """The index of a checklist row's question: 1 when the row opens with a numbering cell ("1 | Is the
    stair gate fitted? | ..."), else 0."""
    if len(r) >= 4 and _NUMBER_CELL_RE.fullmatch((r[0][1] or "").strip()) and r[1][1]:
        return 1
    return 0


def _option_rows(grid: list[list[tuple]], ri: int) -> tuple[list[str], int]:
    """Named heuristic — *options in cells of their own*: a full-width question row followed by rows whose
    every cell holds tick-box options and nothing else ("☐ Kitchen | ☐ Living room", empty cells only
    closing the last row) is one question; its options are the cells' options, row by row. Returns the
    options (two or more, else none) and the number of option rows."""
    opts: list[str] = []
    n = 0
    for row in grid[ri + 1 :]:
        texts = [(c[1] or "").strip() for c in row]
        filled = [t for t in texts if t]
        if not filled or any(not t for t in texts[: len(filled)]):
            break
        got = [split_box_options(t) for t in filled]
        if any(lab or not o for lab, o in got):
            break
        opts.extend(x for _, o in got for x in o)
        n += 1
        if len(filled) < len(texts):
            break
    return (opts, n) if len(opts) >= 2 else ([], 0)


@functools.cache
def _record_column_re() -> re.Pattern | None:
    """Words of a header asking a detail of a person or body (rules/kinds.yaml ``record_column_words``)."""
    words = ruledata.load("kinds").get("record_column_words", [])
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I) if words else None


def _details(labels: list[str]) -> bool:
    """Named heuristic — *record details*: at least RECORD_DETAILS_MIN_SHARE of ``labels`` ask a detail of a
    person or body (a record_column_words word, or a date, phone, email or number label). A row-labelled
    grid whose row labels are details and whose column headers are not ("| Contact 1 | Contact 2" over
    "Name", "Telephone") is a record turned on its side."""
    rx = _record_column_re()
    hits = sum(
        1
        for x in labels
        if (rx and rx.search(fold(x))) or kind_from_label(x) in ("date", "phone", "email", "number")
    )
    return bool(labels) and hits >= tol.RECORD_DETAILS_MIN_SHARE * len(labels)


def _table_items(pg, lay: Layout, body, items) -> None:
    combs = pg.__dict__.get("_comb_tables", ())
    for ti, (rows, grid) in enumerate(zip(pg.tables, pg.grids, strict=False)):
        if not grid or ti in combs:
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
                for rec in grid[ri + 1 : ri + 1 + nrec]:
                    for c in rec:
                        _claim(pg, c[0])
                # one field per column header, each repeated once per record row ...
                places = [(c[0][0], row_top, col) for c, col in zip(r, cols, strict=False) if col]
                nrep = nrec
                if not r[0][1]:
                    recs = grid[ri + 1 : ri + 1 + nrec]
                    row_labs = [clean_label(rec[0][1]) for rec in recs]
                    if _details(row_labs) and not _details([c for c in cols if c]):
                        # ... or the records turned on their side: one field per row label
                        nrep = len(places)
                        places = [
                            (rec[0][0][0], rec[0][0][1], lab)
                            for rec, lab in zip(recs, row_labs, strict=False)
                        ]
                        cols = row_labs
                label = ""
                top_at = row_top
                if ri == 0:
                    cap = lay.above((tb[0], tb[1], tb[2], tb[3]), max_gap=tol.ABOVE_REACH_BODY * body)
                    if (
                        cap is not None
                        and cap.role is None
                        and not (cap.size > body + tol.SIZE_STEP_PT)
                        and not _part_heading(cap, body)
                        and not _on_band(pg, cap, body)
                    ):
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
                                id="", label=label, kind="table", columns=cols, capacity={"rows": nrep}
                            ),
                        )
                    )
                else:
                    gid = f"p{pg.number}t{int(row_top)}"
                    for x0, top, col in places:
                        items.append(
                            Item(
                                top=top,
                                x0=x0,
                                kind="field",
                                fld=Field(
                                    id="",
                                    label=col,
                                    kind=kind_from_label(col) or "text",
                                    repeat={"group": gid, "rows": nrep},
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
                if ri == 0 and h >= tol.LONG_BOX_LINES * LINE_PT and _nothing_above(pg, c[0][1], skip=tb):
                    fld = Field(id="", label="", kind="long_text", capacity=_capacity(h))
                    _claim(pg, c[0])
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
                        kind = (
                            "long_text"
                            if h >= tol.LONG_BOX_LINES * LINE_PT
                            else (kind_from_label(c[1]) or "text")
                        )
                        fld = Field(
                            id="",
                            label=clean_label(c[1]),
                            kind=kind,
                            capacity=_capacity(h) if kind == "long_text" else None,
                        )
                        fld = _refine_kind(pg, nxt[0][0], fld)
                        items.append(Item(top=c[0][1] + tol.ORDER_EPS_PT, x0=c[0][0], kind="field", fld=fld))
                        done.add(ri + 1)
                        prev_heading = False
                elif (orows := _option_rows(grid, ri))[1]:
                    opts, n = orows
                    for row in grid[ri + 1 : ri + 1 + n]:
                        for oc in row:
                            _claim(pg, oc[0])
                    fld = Field(id="", label=clean_label(c[1]), kind=yes_no_kind(opts), options=opts)
                    items.append(Item(top=c[0][1], x0=c[0][0], kind="field", fld=fld))
                    done.update(range(ri + 1, ri + 1 + n))
                elif box_below:
                    h = nxt[0][0][3] - nxt[0][0][1]
                    lab = clean_label(c[1])
                    kind = (
                        "long_text" if h >= tol.LONG_BOX_LINES * LINE_PT else (kind_from_label(lab) or "text")
                    )
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
                    hint = c[2] < body - tol.SIZE_STEP_PT or c[1].startswith("(")
                    prev_guidance = Item(top=c[0][1], x0=c[0][0], kind="guidance", text=c[1], hint=hint)
                    items.append(prev_guidance)
                    prev_heading = was_heading and hint
                continue
            if _labels_in_cells(r):
                for c in r:
                    lab = clean_label(c[1])
                    room = c[0][3] - c[0][1] - c[4]
                    long_ = room >= tol.LONG_CELL_LINES * LINE_PT and kind_from_label(lab) != "signature"
                    fld = Field(
                        id="",
                        label=lab,
                        kind="long_text" if long_ else (kind_from_label(lab) or "text"),
                        capacity=_capacity(room) if long_ else None,
                    )
                    _claim(pg, c[0])
                    items.append(Item(top=c[0][1], x0=c[0][0], kind="field", fld=_refine_kind(pg, c[0], fld)))
                continue
            opts = _matrix_options(grid, ri)
            if opts:
                qc = r[_question_cell(r)]
                lab = clean_label(qc[1])
                fld = Field(id="", label=lab, kind=yes_no_kind(opts), options=opts)
                items.append(Item(top=qc[0][1], x0=qc[0][0], kind="field", fld=fld))
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
                # a shaded (or bold) label cell beside unshaded plain text: an answer already
                # filled in (a value or a drop-down's shown item) - the label is still a field
                filled_in = (
                    c[1]
                    and i + 1 < len(r)
                    and r[i + 1][5] is None
                    and len(r[i + 1][1].split()) <= SHOWN_ITEM_MAX_WORDS
                    and (
                        (c[5] is not None and c[5] in pg.label_fills)
                        or (c[3] and r[i + 1][1] and not r[i + 1][3] and _shown_item(r[i + 1][1]))
                    )
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
                    label_fills_row = (
                        c[4] >= tol.LABEL_FILLS_ROW_LINES * max(c[2], tol.MIN_SIZE_PT)
                        and c[4] >= h - tol.LABEL_FILLS_ROW_SLACK_LINES * LINE_PT
                    )
                    long_ = (
                        h >= tol.LONG_CELL_LINES * LINE_PT
                        and kind_from_label(lab) != "signature"
                        and not label_fills_row
                    )
                    kind = "long_text" if long_ else (kind_from_label(lab) or "text")
                    pk = _placeholder_kind(pg, ans)
                    if pk in ("date", "choice") and kind not in ("signature",):
                        kind, long_ = pk, False
                    elif (
                        pk is None
                        and filled_in
                        and (
                            (kind == "text" and _shown_item(r[i + 1][1]))
                            or (kind != "signature" and _select_prompt(r[i + 1][1]))
                        )
                    ):
                        # a blank form showing a value in an answer cell: a drop-down's first item
                        # or its prompt ("-- Please select --", whatever the label suggests)
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
