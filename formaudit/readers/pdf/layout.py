"""Page layout: what pdfplumber finds on one page, collected while the page is open — words grouped
into lines and segments with their font size and style, stroked boxes (rects, rectangular curves and
boxes drawn as four lines), horizontal rules, shading, bordered tables, drawn tick boxes and printed
content-control prompts — and :class:`Layout`, the spatial queries (left of, right of, above, label
blocks) that interpretation asks of a page's free text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter

from ..common import BOX_CHARS, BOX_RE, PART_PREFIX_RE, squash
from . import tolerances as tol
from .data import _ANY_BLANK_RE, PageData, Seg, Widget
from .parser_errors import _raised_by_parser
from .tolerances import (
    ALIGN_PT,
    GREY_MAX_CHROMA,
    GREY_MAX_LUM,
    GREY_MIN_LUM,
    MARKER_MAX_PT,
    OPTION_GAP_EM,
    ROUND_MIN_ARCS,
    ROUND_MIN_POINTS,
    ROUND_TOLERANCE,
    TICK_MAX_PT,
    TICK_MIN_PT,
    TICK_SQUARE_PT,
    WORD_GAP_PT,
)


# --------------------------------------------------------------------------------- page collection
def _is_bold(fontname: str) -> bool:
    f = fontname.lower()
    return any(t in f for t in ("bold", "black", "heavy", "semibold", "demi")) or f.endswith((",b", "-b"))


def _is_italic(fontname: str) -> bool:
    f = fontname.lower()
    return "italic" in f or "oblique" in f or f.endswith((",i", "-i"))


def _inside(w: dict, box: tuple) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return (
        box[0] - tol.EDGE_PT <= cx <= box[2] + tol.EDGE_PT
        and box[1] - tol.EDGE_PT <= cy <= box[3] + tol.EDGE_PT
    )


def _overlaps(a: tuple, b: tuple, pad: float = 0.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _once(page, name: str, make):
    """``make(page)``, computed once per open page however many times the page is collected (a fillable
    page is collected again with its overlay widgets set aside: see ``overlay._collect_with_widgets``)."""
    memo = page.__dict__.setdefault("_formaudit_once", {})
    if name not in memo:
        memo[name] = make(page)
    return memo[name]


def page_words(page) -> list[dict]:
    """The page's words with font name, size and fill colour: the one place characters are read (a faster
    character source can replace this function alone). Extracted once per page; each call returns fresh
    dicts (collection edits its word lists)."""
    words = _once(
        page,
        "words",
        lambda pg: pg.extract_words(
            extra_attrs=["fontname", "size", "non_stroking_color"],
            use_text_flow=False,
            x_tolerance=WORD_GAP_PT,
        ),
    )
    out = [dict(w) for w in words if w["text"].strip()]
    boxes = _symbol_box_fonts()
    if boxes:
        of_font: dict[str, frozenset] = {}
        for w in out:
            font = w.get("fontname") or ""
            chars = of_font.get(font)
            if chars is None:
                chars = of_font[font] = _symbol_boxes_of(font, boxes)
            if chars and all(ch in chars for ch in w["text"]):
                w["text"] = BOX_CHARS[0] * len(w["text"])
    return _typed_boxes(out)


def _typed_boxes(words: list[dict]) -> list[dict]:
    """Named heuristic — *typed tick box*: a word that is only a typed marker of
    rules/page_furniture.yaml ``typed_boxes`` ("○", "[ ]", "( )"; an opening bracket and its closing
    bracket as two words on one line, at most one em apart, count as one) is a tick box, read as "☐"."""
    marks = _typed_box_marks()
    if not marks:
        return words
    out: list[dict] = []
    k = 0
    while k < len(words):
        w = words[k]
        nxt = words[k + 1] if k + 1 < len(words) else None
        size = float(w.get("size") or tol.UNKNOWN_SIZE_PT)
        if (
            nxt is not None
            and len(w["text"]) == 1
            and len(nxt["text"]) == 1
            and f"{w['text']} {nxt['text']}" in marks
            and abs(nxt["top"] - w["top"]) <= tol.SAME_TOP_PT * size
            and 0 <= nxt["x0"] - w["x1"] <= size
        ):
            w = dict(w, x1=nxt["x1"], text=BOX_CHARS[0])
            k += 1
        elif w["text"] in marks:
            w["text"] = BOX_CHARS[0]
        out.append(w)
        k += 1
    return out


@functools.lru_cache(maxsize=1)
def _typed_box_marks() -> frozenset:
    from ... import ruledata

    groups = ruledata.load("page_furniture").get("typed_boxes") or {}
    return frozenset(w for words in groups.values() for w in words or [])


def _family_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@functools.lru_cache(maxsize=1)
def _symbol_box_fonts() -> tuple[tuple[str, frozenset], ...]:
    """Tick boxes typed in a symbol font (rules/page_furniture.yaml ``symbol_font_boxes``): the font
    families, longest name first, each with the characters that draw a box in it."""
    from ... import ruledata

    table = ruledata.load("page_furniture").get("symbol_font_boxes") or {}
    fams = [(_family_key(k), frozenset("".join(v or []))) for k, v in table.items()]
    return tuple(sorted(fams, key=lambda kv: -len(kv[0])))


def _symbol_boxes_of(fontname: str, boxes: tuple) -> frozenset:
    """Named heuristic — *symbol-font tick box*: a word typed in a symbol font (Wingdings: Word's
    "Insert Symbol" box) that is made only of that font's box characters is a row of tick boxes,
    read as the "☐" glyph. The characters of the first (longest) family whose name is in the font's
    name; none for other fonts."""
    key = _family_key(fontname)
    for fam, chars in boxes:
        if fam and fam in key:
            return chars
    return frozenset()


def _is_grey(color) -> bool:
    """Mid-grey text (a web form's hint colour, #505a5f; a paper form's grey prompt): a neutral
    colour neither near black nor near white."""
    k = _fill_key(color)
    if k is None:
        return False
    rgb, lum = k
    return GREY_MIN_LUM <= lum <= GREY_MAX_LUM and max(rgb) - min(rgb) <= GREY_MAX_CHROMA


def _is_sliver(cell: tuple) -> bool:
    """A cell narrower or lower than SLIVER_MAX_PT: the accent bar of a coloured band, or the gap
    between two borders, not a cell that could hold a label or an answer."""
    return cell[2] - cell[0] <= tol.SLIVER_MAX_PT or cell[3] - cell[1] <= tol.SLIVER_MAX_PT


def _filled_only(obj) -> bool:
    return obj.get("object_type") in ("rect", "curve") and not obj.get("stroke") and bool(obj.get("fill"))


def _obj_box(obj) -> tuple[float, float, float, float]:
    return float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])


def _backdrops(shapes: list, page_area: float) -> set[int]:
    """Filled, unstroked shapes that are backgrounds, not the frames of a table (their edges
    would make a grid of the page): one covering more than BACKDROP_PAGE_SHARE of the page, or a
    panel covering more than PANEL_MIN_PAGE_SHARE that encloses other drawn shapes (a web page's
    card holding input boxes, option markers and coloured bands)."""
    out: set[int] = set()
    for o in shapes:
        if not _filled_only(o):
            continue
        b = _obj_box(o)
        area = (b[2] - b[0]) * (b[3] - b[1])
        if area > tol.BACKDROP_PAGE_SHARE * page_area:
            out.add(id(o))
        elif area > tol.PANEL_MIN_PAGE_SHARE * page_area:
            for other in shapes:
                if other is o:
                    continue
                c = _obj_box(other)
                if (
                    b[0] - tol.EDGE_PT <= c[0]
                    and c[2] <= b[2] + tol.EDGE_PT
                    and b[1] - tol.EDGE_PT <= c[1]
                    and c[3] <= b[3] + tol.EDGE_PT
                    and (c[2] - c[0]) * (c[3] - c[1]) < area
                ):
                    out.add(id(o))
                    break
    return out


def _find_tables(page) -> list:
    whole = page  # its words are read once; the filtered view below has the same words
    try:
        area = float(page.width) * float(page.height)
        shapes = list(page.rects) + list(page.curves)
        drop = _backdrops(shapes, area)
        if drop:
            page = page.filter(lambda o: id(o) not in drop)
        columns = _ruled_table_columns(page, lambda: page_words(whole))
        if columns:
            return page.find_tables(table_settings={"explicit_vertical_lines": columns})
        return page.find_tables()
    except Exception as e:  # a damaged catalog or drawing: read the rest
        if not _raised_by_parser(e):
            raise
        return []


def _ruled_table_columns(page, read_words=None) -> list[dict]:
    """Column lines of tables drawn with horizontal rules only (Word's "horizontal borders" style).

    Named heuristic — *ruled table*: at least RULED_MIN_RULES horizontal rules of one extent (ends
    within ALIGN_PT), each at most RULED_ROW_MAX_PT below the one before, with no vertical line inside
    them, are the rows of a table when either

    * every row holds one piece of text at its left (a label), not sitting on the rule below it
      (a label written on a writing line is not a table row), and at least MIN_BOX_W_PT of the row is
      empty right of the longest label: a label | answer table, split after the longest label; or
    * the first row holds two or more pieces of text (column headers) and the other rows are empty:
      a grid, split between the headers.

    Returns the vertical lines (line objects) that make those cells for pdfplumber's table finder.
    """
    # rules: stroked lines, and rectangles as thin as a rule (a border drawn as a filled bar); the
    # edges of boxes and of shading are not rules
    hs = [
        e
        for e in list(page.lines) + list(page.rects)
        if e["x1"] - e["x0"] >= tol.MIN_BOX_W_PT
        and abs(e["bottom"] - e["top"]) < tol.RULE_MAX_THICK_PT
        and (e["object_type"] != "line" or e.get("stroke", True))
    ]
    if len(hs) < tol.RULED_MIN_RULES:
        return []
    vs = [e for e in page.vertical_edges if e["bottom"] - e["top"] >= tol.VLINE_MIN_PT]
    groups: list[list[dict]] = []
    for e in sorted(hs, key=lambda e: (round(e["x0"]), round(e["x1"]), e["top"])):
        g = groups[-1] if groups else None
        if (
            g
            and abs(e["x0"] - g[-1]["x0"]) < ALIGN_PT
            and abs(e["x1"] - g[-1]["x1"]) < ALIGN_PT
            and tol.SAME_TOP_PT < e["top"] - g[-1]["top"] <= tol.RULED_ROW_MAX_PT
        ):
            g.append(e)
        elif not (
            g
            and abs(e["x0"] - g[-1]["x0"]) < ALIGN_PT
            and abs(e["x1"] - g[-1]["x1"]) < ALIGN_PT
            and abs(e["top"] - g[-1]["top"]) <= tol.SAME_TOP_PT
        ):
            groups.append([e])
    words = None
    out: list[dict] = []
    for g in groups:
        if len(g) < tol.RULED_MIN_RULES:
            continue
        x0, x1, top, bottom = g[0]["x0"], g[0]["x1"], g[0]["top"], g[-1]["top"]
        if any(
            x0 + ALIGN_PT < v["x0"] < x1 - ALIGN_PT and v["top"] < bottom and v["bottom"] > top for v in vs
        ):
            continue  # a table with its own column lines
        tops = {round(r["top"]) for r in g}
        if any(
            (e["x0"] < x0 - ALIGN_PT or e["x1"] > x1 + ALIGN_PT)
            and e["x0"] < x1 + ALIGN_PT  # overlapping or continuing it (the next column's border)
            and e["x1"] > x0 - ALIGN_PT
            and round(e["top"]) in tops
            for e in hs
        ):
            continue  # part of a wider table's rules
        if words is None:
            words = sorted(
                (read_words or (lambda: page_words(page)))(), key=lambda w: (w["top"] + w["bottom"]) / 2
            )
            drawn = [
                r
                for r in list(page.rects) + list(page.curves)
                if r["bottom"] - r["top"] >= tol.RULE_MAX_THICK_PT
            ]
            centres = [(w["top"] + w["bottom"]) / 2 for w in words]
        rows = []
        for a, b in zip(g, g[1:], strict=False):
            lo, hi = bisect.bisect_right(centres, a["top"]), bisect.bisect_left(centres, b["top"])
            inside = [w for w in words[lo:hi] if x0 <= w["x0"] and w["x1"] <= x1]
            if _prompt_last(inside) or any(
                x0 <= r["x0"] and r["x1"] <= x1 and a["top"] < r["top"] and r["bottom"] < b["top"]
                for r in drawn
            ):
                # an input's placeholder over its underline, or an input box drawn in the row: the
                # answer is there already, the rules only separate the questions
                rows.append((a["top"], b["top"], None))
                continue
            rows.append((a["top"], b["top"], _pieces(inside)))
        on_top = [w for w in words if x0 <= w["x0"] < x1 and 0 <= top - w["bottom"] <= tol.UNDERLINE_PT]
        if on_top:
            continue  # a label written on the first rule: writing lines, not a table
        for run_top, run_bottom, xs in _ruled_runs(rows, x0, x1):
            out.extend(
                {
                    "object_type": "line",
                    "x0": x,
                    "x1": x,
                    "top": run_top,
                    "bottom": run_bottom,
                    "width": 0,
                    "height": run_bottom - run_top,
                }
                for x in xs
            )
    return out


def _prompt_last(words: list[dict]) -> bool:
    """The lowest line of these words is an input's placeholder ("Enter your answer":
    rules/page_furniture.yaml ``input_prompts``): the rule under it is that input's underline (a web
    form's question, its input below), not the border of a table row."""
    if not words:
        return False
    from .flat import _furniture, _matches

    low = max(w["top"] for w in words)
    line = " ".join(
        w["text"] for w in sorted(words, key=lambda w: w["x0"]) if low - w["top"] < tol.SAME_TOP_PT
    )
    return bool(_matches(_furniture("input_prompts"), squash(line)))


def _pieces(words: list[dict]) -> list[tuple[float, float, float, float]]:
    """A row's words as pieces of text (x0, x1, bottom, size): words on one line split at wide gaps."""
    pieces: list[list[float]] = []
    for w in sorted(words, key=lambda w: w["x0"]):
        size = max(float(w.get("size") or tol.UNKNOWN_SIZE_PT), tol.MIN_SIZE_PT)
        if pieces and w["x0"] - pieces[-1][1] <= tol.SEGMENT_GAP_EM * size:
            pieces[-1][1] = max(pieces[-1][1], w["x1"])
            pieces[-1][2] = max(pieces[-1][2], w["bottom"])
            pieces[-1][3] = max(pieces[-1][3], size)
        else:
            pieces.append([w["x0"], w["x1"], w["bottom"], size])
    return [tuple(p) for p in pieces]


def _ruled_runs(rows: list, x0: float, x1: float) -> list[tuple[float, float, list[float]]]:
    """The tables among a stack of ruled rows (see :func:`_ruled_table_columns`): runs of label rows
    (two or more), and header rows over empty rows, each with its column lines (top, bottom, xs).

    A label row holds one piece of text at its left, in the stack's text size (a larger one is a
    heading between two tables), not sitting on the rule below it, with MIN_BOX_W_PT or more empty
    after it; a header row holds two or more pieces; an empty row holds none."""
    sizes = sorted(p[0][3] for _a, _b, p in rows if p is not None and len(p) == 1)
    text_size = sizes[0] if sizes else 0.0

    def label_row(r) -> bool:
        _a, b, p = r
        return (
            p is not None
            and len(p) == 1
            and p[0][3] <= text_size + tol.SIZE_STEP_PT
            and b - p[0][2] >= tol.UNDERLINE_PT
            and x1 - p[0][1] >= tol.MIN_BOX_W_PT
        )

    out = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and label_row(rows[j]):
            j += 1
        if j - i >= 2:
            right = max(r[2][0][1] for r in rows[i:j])
            out.append((rows[i][0], rows[j - 1][1], [x0, x1, right + tol.NEAR_PT]))
            i = j
            continue
        head = rows[i][2] or []
        j = i + 1
        while j < len(rows) and rows[j][2] == []:
            j += 1
        if len(head) >= 2 and j - i >= 2:
            mids = [(prev[1] + nxt[0]) / 2 for prev, nxt in zip(head, head[1:], strict=False)]
            out.append((rows[i][0], rows[j - 1][1], [x0, x1, *mids]))
            i = j
            continue
        i += 1
    return out


def _collect_page(page, number: int, widgets: list[Widget]) -> PageData:
    words = page_words(page)
    words, placeholders = _take_placeholders(words)
    wboxes = [(w.x0, w.top, w.x1, w.bottom) for w in widgets]
    rects: list[tuple[float, float, float, float]] = []
    fills: list[tuple[tuple[float, float, float, float], tuple, float]] = []
    dark_rects: set[tuple[float, float, float, float]] = set()  # stroked boxes with a dark fill
    painted_rules: list[tuple[float, float, float]] = []  # thin filled bars: one-sided borders
    for r in list(page.rects) + [c for c in page.curves if _is_rect_curve(c) or _is_rounded_box(c)]:
        box = (float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]))
        if r.get("fill") and not r.get("stroke", True):
            fk = _fill_key(r.get("non_stroking_color"))
            if fk is not None:
                fills.append((box, *fk))
        if not r.get("stroke", True):
            if r.get("fill") and _is_painted_rule(box):
                painted_rules.append((box[0], box[2], box[1]))
            continue  # shading only (heading bands, table header fills)
        if any(_overlaps(box, wb, -1) for wb in wboxes):
            continue
        if box in rects:
            continue
        rects.append(box)
        if r.get("fill"):
            fk = _fill_key(r.get("non_stroking_color"))
            if fk is not None and fk[1] < tol.DARK_FILL_LUM:
                dark_rects.add(box)
    hlines = []
    for ln in page.lines:
        if (
            abs(float(ln["top"]) - float(ln["bottom"])) < tol.RULE_MAX_THICK_PT
            and float(ln["x1"]) - float(ln["x0"]) >= tol.RULE_MIN_W_PT
        ):
            y = float(ln["top"])
            box = (float(ln["x0"]), y - tol.EDGE_PT, float(ln["x1"]), y + tol.EDGE_PT)
            if not any(_overlaps(box, wb, 2) for wb in wboxes):
                hlines.append((float(ln["x0"]), float(ln["x1"]), y))
    hlines += [
        h for h in painted_rules if not any(_overlaps((h[0], h[2], h[1], h[2]), wb, 2) for wb in wboxes)
    ]
    rects.extend(_line_boxes(page.lines, hlines, rects))
    boxed = {(round(b[0]), round(b[2]), round(y)) for b in rects for y in (b[1], b[3])}
    hlines = [h for h in hlines if (round(h[0]), round(h[1]), round(h[2])) not in boxed]
    # drawn small squares and round markers become tick-box glyphs
    tick_words = []
    markers = [(box, "square") for box in rects] + [(b, shape) for b, shape in _round_markers(page.curves)]
    for box, shape in markers:
        w, h = box[2] - box[0], box[3] - box[1]
        if not (TICK_MIN_PT <= w <= MARKER_MAX_PT and TICK_MIN_PT <= h <= MARKER_MAX_PT):
            continue
        if abs(w - h) >= TICK_SQUARE_PT:
            continue
        drawn_square = shape == "square" and box in rects
        if (w > TICK_MAX_PT or not drawn_square) and not _option_beside(box, words):
            continue  # a larger square, a circle or a curved square: a marker only with its option beside
        inner = [wd for wd in words if _inside(wd, box)]
        if not inner and not any(_inside_box(box, t) for t in tick_words):
            tick_words.append(
                {
                    "text": "☐",
                    "x0": box[0],
                    "x1": box[2],
                    "top": box[1],
                    "bottom": box[3],
                    "fontname": "",
                    "size": 0.0,
                    "marker": shape,
                }
            )
        if drawn_square:
            rects.remove(box)
    tables: list = []
    table_words: list = []
    if words or rects or hlines:
        found = _once(page, "tables", _find_tables)
        for t in found:
            cells = [c for row in t.rows for c in row.cells if c is not None]
            if len(cells) < 2 or sum(1 for c in cells if not _is_sliver(c)) < 2:
                continue  # one cell, or a shaded band beside its accent bar: decoration, not a grid
            if all(c[2] - c[0] <= TICK_MAX_PT and c[3] - c[1] <= TICK_MAX_PT for c in cells):
                continue  # option markers stacked close enough for their edges to join: not a grid
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
                if not any(
                    b[0] - tol.NEAR_PT <= h[0]
                    and h[1] <= b[2] + tol.NEAR_PT
                    and b[1] - tol.NEAR_PT <= h[2] <= b[3] + tol.NEAR_PT
                    for b in tb
                )
            ]
    segs = _segments(words + tick_words, wboxes)
    arrows = [
        (float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"]))
        for c in page.curves
        if float(c["x1"]) - float(c["x0"]) <= tol.ARROW_MAX_PT
        and float(c["bottom"]) - float(c["top"]) <= tol.ARROW_MAX_PT
    ]
    pg_data = PageData(
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
        dark_rects={r for r in dark_rects if r in rects},
    )
    pg_data.arrows = arrows
    return pg_data


def _is_painted_rule(box: tuple) -> bool:
    """A browser paints a border drawn on one side only (an input's underline) as a thin filled
    rectangle: at most RULE_MAX_THICK_PT tall and at least RULE_MIN_W_PT wide, it is a rule."""
    return box[3] - box[1] <= tol.RULE_MAX_THICK_PT and box[2] - box[0] >= tol.RULE_MIN_W_PT


def _inside_box(box: tuple, w: dict) -> bool:
    """The word's box lies within ``box`` (a ring drawn as two circles is one marker)."""
    return (
        box[0] - tol.EDGE_PT <= w["x0"]
        and w["x1"] <= box[2] + tol.EDGE_PT
        and box[1] - tol.EDGE_PT <= w["top"]
        and w["bottom"] <= box[3] + tol.EDGE_PT
    )


def _round_markers(curves) -> list[tuple[float, float, float, float]]:
    """Markers drawn as curves, largest first: circles (radio buttons: closed curves of Bezier arcs
    or many points, all about one radius from the centre) and squares with rounded corners (a
    browser's native check box)."""
    out = []
    for c in curves:
        pts = c.get("pts") or []
        arcs = sum(1 for cmd in c.get("path") or () if cmd and cmd[0] == "c")
        if len(pts) < ROUND_MIN_POINTS and arcs < ROUND_MIN_ARCS:
            continue  # a polygon (a diamond has its corners on a circle too)
        x0, x1, top, bottom = float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"])
        r = (x1 - x0) / 2
        if r <= 0 or abs((bottom - top) - (x1 - x0)) >= TICK_SQUARE_PT:
            continue
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        if all(abs(((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 - r) <= ROUND_TOLERANCE * r for x, y in pts):
            out.append(((x0, top, x1, bottom), "round"))
        elif x1 - x0 <= MARKER_MAX_PT:
            out.append(((x0, top, x1, bottom), "square"))  # a square with rounded corners
    out.sort(key=lambda b: -(b[0][2] - b[0][0]))
    return out


def _option_beside(box: tuple, words: list[dict]) -> bool:
    """Text starts just right of the marker, on its line and smaller than it (the option's words)."""
    side = box[2] - box[0]
    cy = (box[1] + box[3]) / 2
    for w in words:
        near = box[2] - tol.EDGE_PT <= w["x0"] <= box[2] + OPTION_GAP_EM * side
        if (
            near
            and w["top"] <= cy <= w["bottom"] + side / 2
            and w["bottom"] - w["top"] <= tol.OPTION_TEXT_MAX_EM * side
        ):
            return True
    return False


def _is_rounded_box(c) -> bool:
    """A stroked rectangle with rounded corners wider than any option marker (a web framework's
    input, text area or select): its points lie on its bounding box's edges or within
    ROUNDED_CORNER_MAX_PT of a corner, and each edge has a straight run of at least
    ROUNDED_EDGE_RUN_SHARE of its length (a circle touches each edge at one point only)."""
    if not c.get("stroke"):
        return False
    pts = c.get("pts") or []
    x0, x1, top, bottom = float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"])
    w, h = x1 - x0, bottom - top
    if w <= MARKER_MAX_PT or h < tol.RECT_CURVE_MIN_PT or len(pts) < 8:
        return False
    r = min(tol.ROUNDED_CORNER_MAX_PT, h / 2)
    on = {"l": [], "r": [], "t": [], "b": []}
    for x, y in pts:
        edge = False
        if abs(x - x0) < 1:
            on["l"].append(y)
            edge = True
        if abs(x - x1) < 1:
            on["r"].append(y)
            edge = True
        if abs(y - top) < 1:
            on["t"].append(x)
            edge = True
        if abs(y - bottom) < 1:
            on["b"].append(x)
            edge = True
        near_corner = (min(x - x0, x1 - x) <= r + 1) and (min(y - top, bottom - y) <= r + 1)
        if not (edge or near_corner):
            return False
    for side, length in (("l", h), ("r", h), ("t", w), ("b", w)):
        vals = on[side]
        if not vals or max(vals) - min(vals) < tol.ROUNDED_EDGE_RUN_SHARE * length:
            return False
    return True


def _is_rect_curve(c) -> bool:
    """A closed path whose points all lie on its bounding box's edges (a shape or text-box frame)."""
    pts = c.get("pts") or []
    if len(pts) < 4:
        return False
    x0, x1, top, bottom = float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"])
    if x1 - x0 < tol.RECT_CURVE_MIN_PT or bottom - top < tol.RECT_CURVE_MIN_PT:
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
    lum = sum(k * v for k, v in zip(tol.LUMA_WEIGHTS, rgb, strict=True))
    if lum > tol.WHITE_LUM:
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
        size = float(w.get("size") or tol.PROMPT_SIZE_PT)
        if (
            wi + 1 < len(ln)
            and ln[wi + 1]["x0"] - w["x1"] < tol.PROMPT_WORD_GAP_EM * size
            and _norm_word(ln[wi + 1]["text"]) == tok
        ):
            return ln[wi + 1]
        # wrapped: a word on a following line at the prompt's left edge
        for nl in lines[li + 1 : li + 1 + tol.PROMPT_WRAP_LINES]:
            if min(c["top"] for c in nl) - w["bottom"] > tol.PROMPT_WORD_GAP_EM * size:
                break
            for cand in nl:  # at the prompt's left edge (wrapped in a narrow cell)
                if abs(cand["x0"] - start["x0"]) < ALIGN_PT and _norm_word(cand["text"]) == tok:
                    return cand
            # else opening the next line of the paragraph the prompt ends
            if wi == len(ln) - 1 and _norm_word(nl[0]["text"]) == tok and nl[0]["x0"] < start["x0"]:
                return nl[0]
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
                    if any(r["x0"] < w["x0"] - ALIGN_PT for r in run):
                        # wrapped to the paragraph's left margin: the answer is where it starts
                        run = [r for r in run if r["top"] < w["bottom"]]
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
        if abs(float(ln["x0"]) - float(ln["x1"])) < tol.RULE_MAX_THICK_PT
        and float(ln["bottom"]) - float(ln["top"]) >= tol.VLINE_MIN_PT
    ]
    if not vlines:
        return []

    def vert_at(x, y0, y1) -> bool:
        return any(
            abs(v[0] - x) < 2 and v[1] <= y0 + tol.NEAR_PT and v[2] >= y1 - tol.NEAR_PT for v in vlines
        )

    out = []
    hs = sorted(hlines, key=lambda h: h[2])
    for i, (x0, x1, y) in enumerate(hs):
        for x0b, x1b, yb in hs[i + 1 :]:
            if yb - y < tol.VLINE_MIN_PT or abs(x0b - x0) > 2 or abs(x1b - x1) > 2:
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
        for ln in reversed(lines[-tol.LINE_LOOKBACK :]):
            ref = ln[0]
            rh = max(ref["bottom"] - ref["top"], 1.0)
            if abs(
                ((w["top"] + w["bottom"]) / 2) - ((ref["top"] + ref["bottom"]) / 2)
            ) < tol.SAME_LINE_SHARE * max(h, rh):
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
                size = max(
                    float(prev["size"]) or tol.UNKNOWN_SIZE_PT, float(w["size"]) or tol.UNKNOWN_SIZE_PT
                )
                gap = w["x0"] - prev["x1"]
                blocked = any(
                    prev["x1"] - tol.EDGE_PT <= wb[0]
                    and wb[2] <= w["x0"] + tol.EDGE_PT
                    and wb[1] < w["bottom"]
                    and w["top"] < wb[3]
                    for wb in wboxes
                )
                if gap > tol.SEGMENT_GAP_EM * size or blocked:
                    segs.append(_make_seg(cur))
                    cur = []
            cur.append(w)
        if cur:
            segs.append(_make_seg(cur))
    return segs


def _make_seg(ws: list[dict]) -> Seg:
    real = [w for w in ws if w["fontname"]] or ws
    # a trailing parenthetical qualifier ("Title (optional)", set grey or smaller) does not set
    # the line's style: the text before it does
    opens = [i for i, w in enumerate(real) if w["text"].startswith("(")]
    if opens and opens[-1] > 0 and real[-1]["text"].endswith(")"):
        real = real[: opens[-1]]
    sizes = Counter(round(float(w["size"]) * 2) / 2 for w in real)
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    nchar = sum(len(w["text"]) for w in real) or 1
    bold = sum(len(w["text"]) for w in real if _is_bold(w["fontname"])) / nchar > tol.STYLE_SHARE
    italic = sum(len(w["text"]) for w in real if _is_italic(w["fontname"])) / nchar > tol.STYLE_SHARE
    grey = (
        sum(len(w["text"]) for w in real if _is_grey(w.get("non_stroking_color"))) / nchar > tol.STYLE_SHARE
    )
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
        grey=grey,
    )


# --------------------------------------------------------------------- spatial queries over a page's text
_SENTENCE_RE = re.compile(r"[.!]\s*$")


def _vert_overlap(a_top, a_bottom, b_top, b_bottom) -> float:
    return min(a_bottom, b_bottom) - max(a_top, b_top)


def _is_hint(s: Seg, body: float) -> bool:
    t = s.text.strip()
    if (s.italic or s.grey) and not s.bold:
        return True
    if s.size < body - tol.SIZE_STEP_PT and not s.bold:
        return True
    return t.startswith("(") and t.endswith(")")


def _nearer_label(s: Seg, best: Seg, body: float) -> bool:
    """``s`` labels a box on its right rather than ``best``: the nearer one, except that a label
    with its help text set under it (smaller or grey, in the same column) is the label, not the
    help text beside the box's middle (a web form's label column)."""
    if abs(s.x0 - best.x0) < tol.NEAR_PT and _is_hint(s, body) != _is_hint(best, body):
        return not _is_hint(s, body)
    return s.x1 > best.x1


def caption_below(lay: Layout, box: tuple, body: float, others: list[tuple]):
    """Named heuristic — *caption under the line*: a signature block prints the label under its
    answer line or box ("Signature of parent", "Date" in small type beneath). The caption is a short
    plain line (at most SHOWN_ITEM_MAX_WORDS words) starting at the line's start (within
    RULE_LABEL_GAP_PT) and within its extent, at most CAPTION_BELOW_BODY body sizes under it — unless
    another answer area (``others``) follows it closely below, whose label above it then is.
    Returns the caption segment, or None."""
    x0, _top, x1, bottom = box
    for s in lay.segs:
        if s.role is not None or not 0 <= s.top - bottom <= tol.CAPTION_BELOW_BODY * body:
            continue
        if not (x0 - ALIGN_PT <= s.x0 <= x0 + tol.RULE_LABEL_GAP_PT and s.x1 <= x1 + ALIGN_PT):
            continue
        if len(s.text.split()) > tol.SHOWN_ITEM_MAX_WORDS or _is_heading_seg(s, body):
            continue
        if BOX_RE.search(s.text) or _ANY_BLANK_RE.search(s.text):
            continue
        reach = max(tol.ABOVE_REACH_BODY * body, tol.ABOVE_REACH_MIN_PT)
        if any(o[0] < s.x1 and s.x0 < o[2] and 0 <= o[1] - s.bottom <= reach for o in others):
            continue  # the label above the next answer area
        return s
    return None


def _is_heading_seg(s: Seg, body: float) -> bool:
    if s.role is not None or BOX_RE.search(s.text) or _ANY_BLANK_RE.search(s.text):
        return False
    if not re.search(r"[A-Za-z]", s.text):
        return False
    if s.size > body + tol.SIZE_STEP_PT:
        return True
    return (
        s.bold
        and not s.italic
        and s.size >= body - tol.BOLD_BODY_SLACK_PT
        and len(s.text) <= tol.HEADING_MAX_CHARS
    )


def _seg_inside(s: Seg, box: tuple) -> bool:
    return _inside({"x0": s.x0, "x1": s.x1, "top": s.top, "bottom": s.bottom}, box)


def _on_band(pg, s: Seg, body: float) -> bool:
    """Named heuristic — *shaded band heading*: a line of at most HEADING_MAX_CHARS characters alone on a
    shaded fill at least BAND_MIN_PAGE_SHARE of the page wide and at most BAND_MAX_LINES body lines high
    (Word's paragraph shading, printed) heads what follows, though set plain at body size — unless it
    ends like a label or a question (":", "?")."""
    if s.role is not None or len(s.text) > tol.HEADING_MAX_CHARS or not re.search(r"[A-Za-z]", s.text):
        return False
    if BOX_RE.search(s.text) or _ANY_BLANK_RE.search(s.text) or s.text.rstrip().endswith((":", "?")):
        return False  # a label or a question on a shaded row asks; it does not head
    for box, _key, _lum in pg.fills:
        if box[2] - box[0] < tol.BAND_MIN_PAGE_SHARE * pg.width:
            continue
        if box[3] - box[1] > tol.BAND_MAX_LINES * tol.LINE_PT or not _seg_inside(s, box):
            continue
        return not any(t is not s and _seg_inside(t, box) for t in pg.segs)
    return False


def _part_heading(s: Seg, body: float) -> bool:
    """A heading-styled line naming a part ("Section A: The child") or a line on a shaded band."""
    return _is_heading_seg(s, body) and bool(PART_PREFIX_RE.match(s.text.strip()))


def _continues_style(s: Seg, t: Seg) -> bool:
    """``t`` can be a continuation line of the block started by ``s``: left edges aligned (within
    ``ALIGN_PT``, points), the same size (within ``tol.SAME_SIZE_PT``, points) and the same bold, italic
    and grey."""
    return not (
        abs(t.x0 - s.x0) > ALIGN_PT
        or abs(t.size - s.size) > tol.SAME_SIZE_PT
        or t.bold != s.bold
        or t.italic != s.italic
        or t.grey != s.grey
    )


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
            (
                b[2]
                for b in blockers
                if b[2] <= x0 + tol.EDGE_PT and _vert_overlap(top, bottom, b[1], b[3]) > 0
            ),
            default=-1,
        )
        for s in self.segs:
            if s.role not in (None, "label", "heading") or s.x1 > x0 + tol.NEAR_PT or s.x1 < limit:
                continue
            h = min(bottom - top, s.bottom - s.top)
            if _vert_overlap(top, bottom, s.top, s.bottom) < tol.LEFT_OVERLAP_SHARE * max(h, 1):
                continue
            if best is None or _nearer_label(s, best, self.body):
                best = s
        return best

    def right_of(self, box: tuple, max_gap: float = tol.OPTION_TEXT_GAP_PT) -> Seg | None:
        x0, top, x1, bottom = box
        best = None
        for s in self.segs:
            if s.role is not None or s.x0 < x1 - tol.NEAR_PT or s.x0 > x1 + max_gap:
                continue
            h = min(bottom - top, s.bottom - s.top)
            if _vert_overlap(top, bottom, s.top, s.bottom) < tol.RIGHT_OVERLAP_SHARE * max(h, 1):
                continue
            if best is None or s.x0 < best.x0:
                best = s
        return best

    def above(
        self, box: tuple, max_gap: float, skip_roles=("option", "footer", "title", "prompt"), obstacles=()
    ) -> Seg | None:
        """The nearest segment above the box that overlaps it horizontally (hints are skipped)."""
        x0, top, x1, _bottom = box
        cands = []
        for s in self.segs:
            if s.role in skip_roles or s.bottom > top + tol.NEAR_PT:
                continue
            if s.x1 < x0 - tol.NEAR_PT or s.x0 > x1 - tol.NEAR_PT:
                continue
            cands.append(s)
        cands.sort(key=lambda s: -s.bottom)
        reach = top
        for s in cands:
            if any(
                o[3] <= reach + tol.EDGE_PT and o[3] > s.bottom - tol.EDGE_PT and o[0] < x1 and x0 < o[2]
                for o in obstacles
            ):
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
            if t.top <= last.top + tol.SAME_TOP_PT or id(t) in stop or t.role is not None:
                continue
            if t.top - last.bottom > tol.LINE_GAP_EM * max(last.size, tol.MIN_SIZE_PT):
                if t.top > last.bottom + tol.BLOCK_REACH_EM * max(last.size, tol.MIN_SIZE_PT):
                    break
                continue
            if not _continues_style(s, t):
                continue
            if t.x1 > s.x1 + tol.WRAP_WIDER_SHARE * (s.x1 - s.x0) + tol.WRAP_WIDER_PT and s.x1 - s.x0 > 0:
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
            if t.bottom >= first.top + tol.SAME_TOP_PT or id(t) in stop or t.role is not None:
                continue
            if first.top - t.bottom > tol.LINE_GAP_EM * max(first.size, tol.MIN_SIZE_PT):
                if first.top - t.bottom > tol.BLOCK_REACH_EM * max(first.size, tol.MIN_SIZE_PT):
                    break
                continue
            if not _continues_style(s, t):
                continue
            if BOX_RE.search(t.text) or _ANY_BLANK_RE.search(t.text) or _SENTENCE_RE.search(t.text):
                break
            block.insert(0, t)
            first = t
        return block


def _join(block: list[Seg]) -> str:
    return squash(" ".join(s.text for s in block))


def _nothing_above(pg: PageData, top: float, skip: tuple | None = None) -> bool:
    """True when no content (text, table, widget) lies above ``top`` on the page."""
    if any(s.role != "footer" and s.bottom <= top + tol.EDGE_PT for s in pg.segs):
        return False
    for rows in pg.tables:
        b = _rows_bbox(rows)
        if b != skip and b[3] <= top + tol.EDGE_PT:
            return False
    return not any(w.bottom <= top + tol.EDGE_PT for w in pg.widgets)
