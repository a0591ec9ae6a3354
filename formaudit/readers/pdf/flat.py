"""Flat (printed) forms outside tables: content-control prompts printed as text, "Label: ____" blanks
and date blanks, tick-box option lines (with their question, wrapped continuations and lists of
"☐ option" lines), large drawn answer boxes and ruled writing lines.
"""

from __future__ import annotations

import functools
import re

from ...model import Field
from ..common import (
    BOX_RE,
    DATE_BLANK_RE,
    circled_options,
    clean_label,
    kind_from_label,
    split_box_options,
    yes_no_kind,
)
from . import tolerances as tol
from .data import _ANY_BLANK_RE, FF_RADIO, LINE_PT, WORDS_PER_LINE, Item, PageData, Seg, _capacity
from .layout import (
    Layout,
    _is_bold,
    _is_heading_seg,
    _is_hint,
    _join,
    _nothing_above,
    _overlaps,
    _rows_bbox,
    _vert_overlap,
    caption_below,
)
from .overlay import _claim, _refine_kind
from .tolerances import (
    ALIGN_PT,
    COLUMN_ALIGN_PT,
    DATE_MAX_PARTS,
    DATE_PART_GAP_EM,
    DATE_PART_MAX_W_EM,
    INPUT_MAX_H_BODY,
    INPUT_MAX_W_PAGE,
    LABEL_REACH_PT,
    LINE_GAP_EM,
    LONG_TICK_LIST,
    ONE_LINE_MAX_PT,
    PART_MIN_H_PT,
    SAME_LINE_PT,
    SAME_SIZE_PT,
    TICK_MAX_PT,
)


# ---- printed content-control prompts
def _placeholder_items(pg, lay: Layout, body, items, label_block, use, heading_question) -> None:
    """A prompt beside a label is that label's (short) answer; a prompt on its own line under a
    label or heading is a long answer area (Word's rich-text control under its question)."""
    tbs = [_rows_bbox(rows) for rows in pg.tables]
    for box, pk in sorted(pg.placeholders, key=lambda p: (p[0][1], p[0][0])):
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if any(
            b[0] - tol.EDGE_PT <= cx <= b[2] + tol.EDGE_PT and b[1] - tol.EDGE_PT <= cy <= b[3] + tol.EDGE_PT
            for b in tbs
        ):
            continue
        left = lay.left_of(box)
        if left is not None and left.role is None and box[0] - left.x1 < LABEL_REACH_PT:
            blk = label_block(left)
            lab = clean_label(_join(blk))
            use(blk)
            if lab:
                kind = kind_from_label(lab) or "text"
                if pk in ("date", "choice") and kind != "signature":
                    kind = pk
                fld = _refine_kind(pg, box, Field(id="", label=lab, kind=kind))
                _claim(pg, box, printed=True)
                items.append(Item(top=blk[0].top, x0=blk[0].x0, kind="field", fld=fld))
            continue
        a = lay.above(box, max_gap=max(tol.ABOVE_REACH_BODY * body, tol.ABOVE_REACH_MIN_PT))
        if a is None or a.role is not None:
            continue
        fld = Field(id="", label="", kind="long_text", capacity=_capacity(tol.PROMPT_BOX_LINES * LINE_PT))
        if pk in ("date", "choice"):
            fld.kind, fld.capacity = pk, None
        if fld.kind == "long_text" and _is_heading_seg(a, body):
            if heading_question(a, fld, box[1]):
                _claim(pg, box, printed=True)
                continue
            block = lay.block_up(a, set()) + [t for t in lay.block_down(a, set()) if t is not a]
            block = [b for b in block if _is_heading_seg(b, body)] or [a]
            text = clean_label(_join(block))
            use(block, "heading")
            items.append(
                Item(top=block[0].top, x0=block[0].x0, kind="heading", text=text, size=a.size, bold=a.bold)
            )
            fld.label = text
            _claim(pg, box, printed=True)
            items.append(Item(top=block[0].top + tol.ORDER_EPS_PT, x0=block[0].x0, kind="field", fld=fld))
            continue
        blk = label_block(a, down=False)
        fld.label = clean_label(_join(blk))
        use(blk)
        if fld.label:
            _claim(pg, box, printed=True)
            if fld.kind != "long_text":
                fld.kind = (
                    kind_from_label(fld.label) if kind_from_label(fld.label) == "signature" else fld.kind
                )
            items.append(Item(top=blk[0].top, x0=blk[0].x0, kind="field", fld=fld))


# ---- inline blanks and tick boxes
def _inline_items(pg, lay: Layout, body, items, anchors, label_block, use) -> None:
    _join_wrapped_options(lay)
    segs = [s for s in lay.segs if s.role is None]
    pending_box_lines: list[tuple[Seg, list[str]]] = []
    for s in segs:
        if s.role is not None:
            continue
        text = s.text
        if BOX_RE.search(text):
            label, opts = _box_line_options(s)
            if label and opts:
                # further options set apart on the same line ("Question? ☐ Yes      ☐ No")
                for t in _options_right(lay, s):
                    opts += split_box_options(t.text)[1]
                    t.role = "label"
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
                wrapped = _label_column_lines(lay, s, conts)
                if wrapped:
                    label = clean_label(label + " " + _join(wrapped))
                    for t in wrapped:
                        t.role = "label"
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
        circled = _circled_line(text)
        if circled is not None:
            label, opts = circled
            if not label:  # the options set apart from their question on its line
                left = lay.left_of((s.x0, s.top, s.x0 + tol.EDGE_PT, s.bottom))
                if left is not None and left.role is None and not _is_heading_seg(left, body):
                    label = clean_label(left.text)
                    left.role = "label"
            if label:
                s.role = "label"
                fld = Field(id="", label=label, kind=yes_no_kind(opts), options=opts)
                items.append(Item(top=s.top, x0=s.x0, kind="field", fld=fld))
                continue
        if _ANY_BLANK_RE.search(text):
            pieces = _split_blanks(text)
            if not pieces:
                continue
            s.role = "label"
            for lab, is_date in pieces:
                if not lab:
                    left = lay.left_of((s.x0, s.top, s.x0 + tol.EDGE_PT, s.bottom))
                    if left is not None and left.role is None:
                        blk = label_block(left)
                        lab = clean_label(_join(blk))
                        use(blk)
                stack = [s]
                if not lab:
                    a = lay.above((s.x0, s.top, s.x1, s.bottom), max_gap=tol.NEAR_ABOVE_BODY * body)
                    if a is not None and a.role is None:
                        blk = label_block(a, down=False)
                        lab = clean_label(_join(blk))
                        use(blk)
                        if lab and len(pieces) == 1 and not is_date:
                            stack = _blank_line_stack(lay, s)
                if not lab:
                    continue
                kind = "date" if is_date else (kind_from_label(lab) or "text")
                fld = Field(id="", label=lab, kind=kind)
                if len(stack) >= 2:
                    fld = _lines_answer(lab, len(stack))
                if len(pieces) == 1:
                    fld = _refine_kind(pg, (s.x0, s.top, s.x1, stack[-1].bottom), fld)
                items.append(Item(top=s.top, x0=s.x0, kind="field", fld=fld))
    # "☐ option" lines grouped under the question above them
    groups: list[list[tuple[Seg, list[str]]]] = []
    for s, opts in pending_box_lines:
        if groups:
            ps = groups[-1][-1][0]
            same_line = (
                _vert_overlap(s.top, s.bottom, ps.top, ps.bottom)
                > tol.OPTIONS_OVERLAP_SHARE * max(s.bottom - s.top, 1)
                and s.x0 > ps.x1
            )
            below = (
                0 <= s.top - ps.bottom < tol.OPTION_LINE_PITCH_EM * max(s.size, body)
                and abs(s.x0 - groups[-1][0][0].x0) < tol.OPTION_LIST_SHIFT_PT
            )
            own = lay.left_of((s.x0, s.top, s.x0 + tol.EDGE_PT, s.bottom))
            if (
                below
                and not same_line
                and own is not None
                and own.role is None
                and not _is_hint(own, body)
                and not _wraps_question(lay, groups[-1][0][0], own)
            ):
                below = False  # a question of its own on this line: a new list
            if same_line or below:
                groups[-1].append((s, opts))
                continue
        groups.append([(s, opts)])
    radios_drawn = any(w.get("marker") == "round" for s in lay.segs for w in s.words)
    for g in groups:
        first = g[0][0]
        opts = _column_order(g)
        left = lay.left_of((first.x0, first.top, first.x0 + tol.EDGE_PT, first.bottom))
        q = left if left is not None and left.role is None else None
        if q is None:
            a = lay.above(
                (first.x0 - tol.OPTION_QUESTION_LEFT_PT, first.top, first.x1, first.bottom),
                max_gap=tol.OPTION_QUESTION_BODY * body,
            )
            if (
                a is not None
                and a.role is None
                and (
                    not _is_heading_seg(a, body)
                    or (pg.bold_labels and a.size <= body + tol.SIZE_STEP_PT)
                    # a web form's radios and check boxes sit in a fieldset whose legend (often
                    # set bold or larger, like a heading) is the question
                    or _web_markers(g)
                    or _legend_over_drawn_markers(a, g, body)
                    or _same_card(pg, a, first)
                )
            ):
                q = a
        if q is not None:
            if q is left:  # beside the list: its lines above and its wrapped lines below
                blk = label_block(q, down=False)[:-1] + label_block(q)
            elif q.top < first.top - tol.EDGE_PT:
                blk = label_block(q, down=False)
            else:
                blk = label_block(q)
            lab = clean_label(_join(blk))
            use(blk)
            kind = yes_no_kind(opts)
            if kind == "choice" and (_square_list(g, radios_drawn) or _check_box_overlays(pg, g)):
                kind = "multi_choice"
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


def _wraps_question(lay: Layout, first: Seg, own: Seg) -> bool:
    """``own`` (left of an option line) is a wrapped line of the question left of the list's
    first option, not a question of its own (a long label beside a list of radios)."""
    q = lay.left_of((first.x0, first.top, first.x0 + tol.EDGE_PT, first.bottom))
    return q is not None and q is not own and q.role is None and own in lay.block_down(q, set())


def _options_right(lay: Layout, s: Seg) -> list[Seg]:
    """Segments right of ``s`` on its line that hold only tick-box options, up to the first that
    does not."""
    out = []
    for t in sorted(
        (t for t in lay.segs if t.role is None and t.x0 > s.x1 - tol.EDGE_PT), key=lambda t: t.x0
    ):
        if _vert_overlap(s.top, s.bottom, t.top, t.bottom) <= tol.SAME_ROW_SHARE * min(
            s.bottom - s.top, t.bottom - t.top
        ):
            continue
        lab, opts = split_box_options(t.text)
        if lab or not opts or not BOX_RE.match(t.text.strip()):
            break
        out.append(t)
    return out


def _join_wrapped_options(lay: Layout) -> None:
    """An option too long for its line wraps: the next line starts under the option's text (right
    of its tick box) and holds no tick box of its own. Its words join the option's line."""
    for s in list(lay.segs):
        if s.role is not None or not BOX_RE.match(s.text.strip()) or len(s.words) < 2:
            continue
        if len([w for w in s.words if BOX_RE.search(w["text"])]) != 1:
            continue
        text_x = s.words[1]["x0"]
        for t in lay.segs:
            if t is s or t.role is not None or t.top <= s.top + tol.SAME_TOP_PT:
                continue
            if t.top - s.bottom > LINE_GAP_EM * max(s.size, tol.MIN_SIZE_PT):
                break
            if (
                abs(t.x0 - text_x) <= ALIGN_PT
                and abs(t.size - s.size) <= SAME_SIZE_PT
                and not BOX_RE.search(t.text)
                and not _ANY_BLANK_RE.search(t.text)
            ):
                s.text = f"{s.text} {t.text}"
                s.words = s.words + t.words
                s.x1, s.bottom = max(s.x1, t.x1), max(s.bottom, t.bottom)
                t.role = "option"
                break


def _square_list(group: list, radios_drawn: bool = False) -> bool:
    """Tick squares (drawn or box glyphs) over several lines that take several answers: a web
    form's check boxes (large drawn squares — the design system draws radio buttons as circles),
    drawn squares on a page that also draws round markers (circles are the single-answer lists, so
    squares are the several-answer ones: ``radios_drawn``) or a long tick list (LONG_TICK_LIST
    options or more) on paper."""
    segs = [s for s, _ in group]
    words = [w for s in segs for w in s.words if BOX_RE.search(w["text"])]
    marks = [w.get("marker", "square") for w in words]
    if len({round(s.top) for s in segs}) < 2 or not all(m == "square" for m in marks):
        return False
    if sum(len(o) for _, o in group) != len(marks):
        return False
    drawn = all(w.get("marker") for w in words)
    return len(marks) >= (2 if _web_markers(group) or (radios_drawn and drawn) else LONG_TICK_LIST)


def _web_markers(group: list) -> bool:
    """The options' markers are drawn larger than paper tick boxes (a web form's 40 px radios
    and check boxes)."""
    return any(w.get("marker") and w["x1"] - w["x0"] > TICK_MAX_PT for s, _ in group for w in s.words)


def _legend_over_drawn_markers(a: Seg, group: list, body: float) -> bool:
    """Bold body-size text just above a list whose markers are all drawn (not glyphs): a web
    form's fieldset legend (the question), even with markers no larger than paper tick boxes."""
    words = [w for s, _ in group for w in s.words if BOX_RE.search(w["text"])]
    return (
        bool(words) and all(w.get("marker") for w in words) and a.bold and a.size <= body + tol.SIZE_STEP_PT
    )


def _check_box_overlays(pg: PageData, group: list) -> bool:
    """A long tick list with a separate AcroForm check box (not one radio group) on each option:
    each can be ticked on its own."""
    if not pg.overlays:
        return False
    boxes = [
        (w["x0"], w["top"], w["x1"], w["bottom"])
        for s, _ in group
        for w in s.words
        if BOX_RE.search(w["text"])
    ]
    on = {
        v.field_key
        for v in pg.overlays
        if v.ftype == "Btn"
        and not (v.flags & FF_RADIO)
        and any(_overlaps((v.x0, v.top, v.x1, v.bottom), b) for b in boxes)
    }
    return len(on) >= LONG_TICK_LIST


def _column_order(group: list) -> list[str]:
    """The options of a group in reading order: down each column, then across, when the options
    stand in a grid of one option per cell (a long tick list set in columns)."""
    if any(len(o) != 1 for _, o in group):
        return [x for _, o in group for x in o]
    starts: list[float] = []
    for s, _ in group:
        if not any(abs(s.x0 - c) <= COLUMN_ALIGN_PT for c in starts):
            starts.append(s.x0)
    if len(starts) < 2 or len({round(s.top) for s, _ in group}) < 2:
        return [o[0] for _, o in group]
    col = {id(s): min(range(len(starts)), key=lambda i: abs(s.x0 - starts[i])) for s, _ in group}
    return [o[0] for s, o in sorted(group, key=lambda g: (col[id(g[0])], g[0].top))]


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


def _label_column_lines(lay: Layout, s: Seg, conts: list[Seg]) -> list[Seg]:
    """A question set in a label column beside its options ("Question ☐ A" / "wrapped ☐ B"):
    its wrapped lines, below it at its left edge and wholly left of the first option's box, in its
    style, down to the last option line."""
    first_box = next((w["x0"] for w in s.words if BOX_RE.search(w["text"])), None)
    if first_box is None or first_box - s.x0 < tol.EDGE_PT:
        return []
    out: list[Seg] = []
    last = s
    bottom = max([c.bottom for c in conts] + [s.bottom])
    for t in lay.segs:
        if t.role is not None or t is s or t in conts or t.top <= last.top + tol.SAME_TOP_PT:
            continue
        if t.top > max(bottom, last.bottom + LINE_GAP_EM * max(last.size, tol.MIN_SIZE_PT)):
            break
        if abs(t.x0 - s.x0) > ALIGN_PT or t.x1 >= first_box - tol.EDGE_PT or BOX_RE.search(t.text):
            continue
        if abs(t.size - s.size) > SAME_SIZE_PT or t.bold != s.bold:
            continue
        out.append(t)
        last = t
    return out


def _box_continuations(pg: PageData, lay: Layout, s: Seg, label: str, opts: list[str]) -> list[Seg]:
    """Lines continuing a question's tick-box options that wrapped at the line end ("... Not
    substantiated ☐ Unclear" / "☐"): directly below at the paragraph's left edge, in the same type,
    holding a box and no question of their own."""
    if not label:
        return []
    out: list[Seg] = []
    last = s
    # options wrapped to stand under the line's first option (after the question)
    first_box = next((w["x0"] for w in s.words if BOX_RE.search(w["text"])), None)
    while True:
        size = max(last.size, tol.MIN_SIZE_PT)
        nxt = None
        for t in lay.segs:
            if t.role is not None or t is s or t in out or t.top <= last.top + tol.SAME_TOP_PT:
                continue
            if t.top - last.bottom > LINE_GAP_EM * size or t.top < last.bottom - tol.LINE_OVERLAP_EM * size:
                continue
            if first_box is not None and t.x1 < first_box - tol.EDGE_PT and not BOX_RE.search(t.text):
                continue  # the question's wrapped line in a label column (see _label_column_lines)
            under_first_box = first_box is not None and abs(t.x0 - first_box) <= ALIGN_PT
            if abs(t.size - s.size) > SAME_SIZE_PT or (
                (t.x0 < s.x0 - ALIGN_PT or t.x0 > s.x0 + tol.NEAR_PT * size) and not under_first_box
            ):
                continue
            if nxt is None or t.x0 < nxt.x0:
                nxt = t
        if nxt is None or not BOX_RE.search(nxt.text):
            break
        if any(
            last.bottom - tol.EDGE_PT < y < nxt.top + tol.EDGE_PT and x0 < nxt.x1 and nxt.x0 < x1
            for x0, x1, y in pg.hlines
        ):
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


def _same_card(pg: PageData, a: Seg, first: Seg) -> bool:
    """``a`` and the option line ``first`` are framed by one box no taller than CARD_MAX_PAGE_SHARE
    of the page: a question's card, whose first line is the question whatever its size."""
    for x0, top, x1, bottom in pg.rects:
        if bottom - top > tol.CARD_MAX_PAGE_SHARE * pg.height:
            continue
        if all(
            x0 - tol.EDGE_PT <= s.x0
            and s.x1 <= x1 + tol.EDGE_PT
            and top - tol.EDGE_PT <= s.top
            and s.bottom <= bottom + tol.EDGE_PT
            for s in (a, first)
        ):
            return True
    return False


def _frames_answers(pg: PageData, lay: Layout, box: tuple) -> bool:
    """The box encloses answer places of its own — a rule to write on or a list of option markers
    — so it is a panel around a question (a survey tool's question card), not an answer box."""
    x0, top, x1, bottom = box
    if any(
        x0 - tol.EDGE_PT <= hx0 and hx1 <= x1 + tol.EDGE_PT and top + tol.EDGE_PT < y < bottom - tol.EDGE_PT
        for hx0, hx1, y in pg.hlines
    ):
        return True
    return any(
        BOX_RE.match(s.text)
        and x0 - tol.EDGE_PT <= s.x0
        and s.x1 <= x1 + tol.EDGE_PT
        and top - tol.EDGE_PT <= s.top
        and s.bottom <= bottom + tol.EDGE_PT
        for s in lay.segs
    )


def _label_left_of_top(lay: Layout, box: tuple, body: float) -> Seg | None:
    """A label column beside an answer box: free body-size text on the box's first line, ending
    at most LABEL_REACH_PT left of it (a web form's label left of its text area)."""
    x0, top = box[0], box[1]
    strip = (x0, top, x0 + tol.EDGE_PT, top + tol.OPTION_LINE_PITCH_EM * body)
    left = lay.left_of(strip, blockers=[r for r in lay.pg.rects if r != box])
    if (
        left is None
        or left.role is not None
        or x0 - left.x1 >= LABEL_REACH_PT
        or left.size > body + tol.SIZE_STEP_PT
        or BOX_RE.search(left.text)
        or _ANY_BLANK_RE.search(left.text)
    ):
        return None
    return left


def _circled_line(text: str) -> tuple[str, list[str]] | None:
    """Named heuristic — *options printed to delete or circle*: a line ending with its answer's options
    printed as "Yes / No" (with a "delete as appropriate" note, or in the printed-option vocabulary of
    rules/kinds.yaml; see ``common.circled_options``) is a choice labelled by the words before them
    ("" when the line is only the options). None for any other line."""
    if "/" not in text:
        return None  # printed options are separated by slashes
    words = text.split()
    for k in range(len(words) - 1):  # the longest suffix of options
        opts = circled_options(" ".join(words[k:]))
        if opts:
            return clean_label(" ".join(words[:k])), opts
    return None


def _blank_line_stack(lay: Layout, first: Seg) -> list[Seg]:
    """Writing lines typed as text: ``first`` (a line that is only a blank, "______" or "......",
    under its question) and the blank-only lines following it directly below, at the same left edge
    and at most RULE_STACK_LINES written lines apart — one long answer, as a stack of drawn rules is.
    The lines taken are marked as part of the answer."""
    stack = [first]
    below = sorted(
        (
            t
            for t in lay.segs
            if t.role is None
            and t is not first
            and t.top > first.top
            and abs(t.x0 - first.x0) < ALIGN_PT
            and _ANY_BLANK_RE.fullmatch(t.text.strip())
        ),
        key=lambda t: t.top,
    )
    for t in below:
        if t.top - stack[-1].top > tol.RULE_STACK_LINES * LINE_PT:
            break
        stack.append(t)
    if len(stack) < 2 or not _ANY_BLANK_RE.fullmatch(first.text.strip()):
        return [first]
    for t in stack[1:]:
        t.role = "label"
    return stack


def _lines_answer(label: str, lines: int) -> Field:
    """A long answer written on ``lines`` lines (drawn rules or typed blanks), WORDS_PER_LINE words each."""
    return Field(
        id="", label=label, kind="long_text", capacity={"lines": lines, "words": lines * WORDS_PER_LINE}
    )


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


# ---- large boxes and ruled lines
def _box_items(pg, lay: Layout, body, items, anchors, label_block, use, heading_question) -> None:
    line_boxes = [b for b in pg.rects if _is_line_box(pg, lay, b)]
    for box in sorted(pg.rects, key=lambda b: (b[1], b[0])):
        x0, top, x1, bottom = box
        w, h = x1 - x0, bottom - top
        if w < tol.MIN_BOX_W_PT or h < _one_line_max_h(body):
            continue
        inside = [
            s
            for s in lay.segs
            if s.role != "prompt"  # placeholder text shown in an empty input
            and x0 - tol.EDGE_PT <= s.x0
            and s.x1 <= x1 + tol.EDGE_PT
            and top - tol.EDGE_PT <= s.top
            and s.bottom <= bottom + tol.EDGE_PT
        ]
        label = ""
        if any(
            r != box
            and x0 - tol.EDGE_PT <= r[0]
            and r[2] <= x1 + tol.EDGE_PT
            and top - tol.EDGE_PT <= r[1]
            and r[3] <= bottom + tol.EDGE_PT
            for r in line_boxes
        ):
            continue  # a panel framing single-line input boxes, not an answer box itself
        if _frames_answers(pg, lay, box):
            continue  # a question's card: the answer is the rule or the options inside it
        if inside:
            text_h = max(s.bottom for s in inside) - top
            if text_h > tol.PANEL_TEXT_SHARE * h or any(s.role not in (None, "hint") for s in inside):
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
        # the kind is refined (and the overlays on the box claimed) only when the box is a field
        fld = Field(id="", label=label, kind="long_text", capacity=_capacity(area_h))
        if not label:
            left = _label_left_of_top(lay, box, body)
            if left is not None:
                blk = label_block(left)
                fld.label = clean_label(_join(blk))
                use(blk)
                if fld.label:
                    items.append(
                        Item(top=blk[0].top, x0=blk[0].x0, kind="field", fld=_refine_kind(pg, box, fld))
                    )
                continue
            a = lay.above(box, max_gap=max(tol.ABOVE_REACH_BODY * body, tol.ABOVE_REACH_MIN_PT))
            if a is None and _nothing_above(pg, top):
                items.append(Item(top=top, x0=x0, kind="box", fld=_refine_kind(pg, box, fld)))
                continue
            if a is None or a.role not in (None,):
                continue
            if heading_question(a, fld, top):
                _refine_kind(pg, box, fld)
                continue
            blk = label_block(a, down=False)
            fld.label = clean_label(_join(blk))
            use(blk)
            top_at = blk[0].top
        else:
            top_at = top
        if fld.label:
            items.append(Item(top=top_at, x0=x0, kind="field", fld=_refine_kind(pg, box, fld)))
    # ruled lines: "Label ________" drawn as a rule, or several rules under a label
    rules = sorted(pg.hlines, key=lambda r: (r[2], r[0]))
    used: set[int] = set()
    for i, (rx0, rx1, y) in enumerate(rules):
        if i in used:
            continue
        on_line = [
            s
            for s in lay.segs
            if s.x1 > rx0 + tol.NEAR_PT
            and s.x0 < rx1 - tol.NEAR_PT
            and s.top < y < s.bottom + tol.UNDERLINE_PT
        ]
        if on_line:
            lab_seg = _label_on_rule(on_line, rx0, rx1, body)
            if lab_seg is not None:
                lab = clean_label(lab_seg.text)
                lab_seg.role = "label"
                if lab:
                    fld = Field(id="", label=lab, kind=kind_from_label(lab) or "text")
                    box = (lab_seg.x1, y - 2 * LINE_PT, rx1, y + tol.UNDERLINE_PT)
                    items.append(
                        Item(top=lab_seg.top, x0=lab_seg.x0, kind="field", fld=_refine_kind(pg, box, fld))
                    )
            continue  # underline of text or a table rule
        rule_box = (rx0, y - body, rx1, y + tol.EDGE_PT)
        left = lay.left_of(rule_box, blockers=[(a, b - body, c, b + tol.EDGE_PT) for a, c, b in rules])
        if left is not None and left.role is None and _rule_label_reach(left, rx0, rules, i):
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
                            (rx0, y - 2 * LINE_PT, rx1, y + tol.UNDERLINE_PT),
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
            if (
                abs(jx0 - rx0) < ALIGN_PT
                and abs(jx1 - rx1) < ALIGN_PT
                and jy - rules[stack[-1]][2] < tol.RULE_STACK_LINES * LINE_PT
            ):
                between = [
                    s for s in lay.segs if rules[stack[-1]][2] < s.cy < jy and s.x1 > rx0 and s.x0 < rx1
                ]
                if between:
                    break
                stack.append(j)
        used.update(stack)
        a = lay.above((rx0, y - tol.OPTION_LINE_PITCH_EM * body, rx1, y), max_gap=2 * body)
        if (a is None or a.role is not None) and len(stack) == 1:
            others = [(ox0, oy - tol.EDGE_PT, ox1, oy + tol.EDGE_PT) for ox0, ox1, oy in rules] + list(
                pg.rects
            )
            cap = caption_below(lay, (rx0, y - tol.EDGE_PT, rx1, y + tol.EDGE_PT), body, others)
            if cap is not None:
                cap.role = "label"
                lab = clean_label(cap.text)
                fld = Field(id="", label=lab, kind=kind_from_label(lab) or "text")
                box = (rx0, y - 2 * LINE_PT, rx1, y + tol.UNDERLINE_PT)
                items.append(Item(top=y, x0=rx0, kind="field", fld=_refine_kind(pg, box, fld)))
            continue
        if a is None or a.role is not None:
            continue
        if (
            _is_heading_seg(a, body)
            and a.size > body + tol.SIZE_STEP_PT
            and y - a.bottom < tol.HEADING_RULE_GAP_EM * a.size
        ):
            continue  # a heading's underline (a border under a web page's heading), no room to write
        blk = label_block(a, down=False)
        lab = clean_label(_join(blk))
        use(blk)
        if not lab:
            continue
        if len(stack) >= 2:
            fld = _lines_answer(lab, len(stack))
        else:
            fld = Field(id="", label=lab, kind=kind_from_label(lab) or "text")
        fld = _refine_kind(pg, (rx0, y - 2 * LINE_PT, rx1, rules[stack[-1]][2] + tol.UNDERLINE_PT), fld)
        items.append(Item(top=blk[0].top, x0=blk[0].x0, kind="field", fld=fld))


def _label_on_rule(on_line: list, rx0: float, rx1: float, body: float):
    """Named heuristic — *label written on its line*: one plain line of text sitting on a writing rule
    at the rule's start ("Name" on a rule running on under its answer) with at least MIN_BOX_W_PT of
    the rule empty after it is the label of the rest of the line. Not an underline (the rule ends with
    the text), nor a heading's rule (bold or larger text over a rule across the page)."""
    if len(on_line) != 1:
        return None
    s = on_line[0]
    if s.role is not None or abs(s.x0 - rx0) > tol.RULE_LABEL_GAP_PT or rx1 - s.x1 < tol.MIN_BOX_W_PT:
        return None
    if _is_heading_seg(s, body) or BOX_RE.search(s.text) or _ANY_BLANK_RE.search(s.text):
        return None
    return s


def _rule_label_reach(left, rx0: float, rules: list, i: int) -> bool:
    """Is the text ``left`` of a writing rule (starting at ``rx0``) its label?

    Named heuristic — *rule at a tab stop*: the label ends at most RULE_LABEL_GAP_PT before the
    rule; further (up to LABEL_REACH_PT) when the label ends with a colon, or when the rule starts
    where a rule on another line starts (labels of different lengths, their rules aligned at one tab
    stop, as in a two-column layout). No other rule stands between (``left_of``'s blockers)."""
    gap = rx0 - left.x1
    if gap < tol.RULE_LABEL_GAP_PT:
        return True
    if gap > tol.LABEL_REACH_PT:
        return False
    if left.text.rstrip().endswith(":"):
        return True
    y = rules[i][2]
    return any(abs(r[0] - rx0) < ALIGN_PT and abs(r[2] - y) > tol.SAME_LINE_PT for r in rules)


# ---- dates written in separate boxes
@functools.lru_cache(maxsize=8)
def _furniture(kind: str) -> tuple:
    """Compiled patterns of one list in rules/page_furniture.yaml."""
    from ... import ruledata

    return tuple(re.compile(p, re.I) for p in ruledata.load("page_furniture").get(kind, []))


def warm() -> None:
    """Compile every pattern list of rules/page_furniture.yaml now (see :func:`..common.warm`)."""
    from ... import ruledata

    for kind, pats in ruledata.load("page_furniture").items():
        if isinstance(pats, list):
            _furniture(kind)
    from .layout import _symbol_box_fonts, _typed_box_marks

    _symbol_box_fonts()  # the grouped vocabularies (tick boxes in symbol fonts, typed tick boxes)
    _typed_box_marks()


def _matches(pats: list, text: str) -> bool:
    t = clean_label(text)
    return any(p.search(t) for p in pats)


def _date_box_items(pg, lay: Layout, body, items, label_block, use) -> None:
    """A date written as a row of small boxes (day | month | year, or one box per digit) is ONE
    date field. The boxes stand side by side on one line, equally tall and about one text line
    high, with at most a separator ("/", "-", ".") between them and optionally a part caption
    (Day / Month / Year, DD / MM / YYYY) over each. The label is the text left of the row, else the
    question above the row and its captions (hints skipped)."""
    parts_re = _furniture("date_parts")
    small = [b for b in pg.rects if _is_part_box(pg, b, body)]
    small.sort(key=lambda b: (round(b[1]), b[0]))
    rows: list[list[tuple]] = []
    for b in small:
        row = rows[-1] if rows else None
        if (
            row
            and abs(b[1] - row[-1][1]) <= SAME_LINE_PT
            and abs(b[3] - row[-1][3]) <= SAME_LINE_PT
            and 0 <= b[0] - row[-1][2] <= DATE_PART_GAP_EM * (b[3] - b[1])
        ):
            row.append(b)
        else:
            rows.append([b])
    taken = pg.__dict__.setdefault("_date_boxes", set())
    for row in rows:
        if not 2 <= len(row) <= DATE_MAX_PARTS:
            continue
        top, bottom = min(b[1] for b in row), max(b[3] for b in row)
        x0, x1 = row[0][0], row[-1][2]
        between = [
            s
            for s in lay.segs
            if s.role is None and x0 < s.cx < x1 and _vert_overlap(top, bottom, s.top, s.bottom) > 0
        ]
        if any(not _SEPARATOR_RE.fullmatch(s.text.strip()) for s in between):
            continue  # words between the boxes: not one answer
        captions = [
            s
            for s in lay.segs
            if s.role is None
            and all(_matches(parts_re, w["text"]) for w in s.words)
            and any(
                b[0] - tol.NEAR_PT <= s.cx <= b[2] + tol.NEAR_PT or b[0] - tol.NEAR_PT <= s.x0 <= b[2]
                for b in row
            )
            and (0 <= top - s.bottom <= tol.NEAR_ABOVE_BODY * body or (top <= s.cy <= bottom))
        ]
        dateish = bool(captions) or bool(between) or _digit_widths(row)
        lab_blk: list[Seg] = []
        left = lay.left_of(row[0])
        if left is not None and left.role is None and row[0][0] - left.x1 < LABEL_REACH_PT:
            lab_blk = label_block(left)
        else:
            ref = min([top] + [c.top for c in captions])
            a = lay.above((x0, ref, max(x1, x0 + tol.EDGE_PT), ref), max_gap=tol.ABOVE_REACH_BODY * body)
            if a is not None and a.role is None and not all(_matches(parts_re, w["text"]) for w in a.words):
                lab_blk = label_block(a, down=False)
        lab = clean_label(_join(lab_blk))
        if not lab:
            continue
        kind = kind_from_label(lab)
        if kind is None and not dateish:
            continue
        use(lab_blk)
        for s in between + captions:
            s.role = "label"
        taken.update(row)
        fld = _refine_kind(
            pg,
            (x0, top, x1, bottom),
            Field(id="", label=lab, kind="date" if kind in (None, "date", "text") else kind),
        )
        items.append(Item(top=lab_blk[0].top, x0=lab_blk[0].x0, kind="field", fld=fld))


def _comb_items(pg, lay: Layout, body, items, label_block, use) -> None:
    """A comb: a row of at least COMB_MIN_BOXES drawn character boxes side by side (one per digit
    or letter), in groups with at most a separator or a small gap between them, is ONE answer —
    a date when grouped day | month | year (2-2-2 or 2-2-4) or its label says so; else the label's
    kind (an NHS number, a postcode). The label is the text left of the row, else the line above."""
    _comb_tables(pg, lay, body, items, label_block, use)
    for s in lay.segs:
        if s.role is not None:
            continue
        boxes = [w for w in s.words if BOX_RE.fullmatch(w["text"]) and w.get("marker") == "square"]
        others = [w for w in s.words if w not in boxes]
        if len(boxes) < tol.COMB_MIN_BOXES or any(not _SEPARATOR_RE.fullmatch(w["text"]) for w in others):
            continue
        boxes.sort(key=lambda w: w["x0"])
        side = max(w["x1"] - w["x0"] for w in boxes)
        groups = [1]
        for a, b in zip(boxes, boxes[1:], strict=False):
            gap = b["x0"] - a["x1"]
            if gap > tol.COMB_GROUP_GAP_EM * side:
                break
            if gap > tol.EDGE_PT or any(a["x1"] <= w["x0"] and w["x1"] <= b["x0"] for w in others):
                groups.append(1)
            else:
                groups[-1] += 1
        else:
            got = _comb_item(lay, (s.x0, s.top, s.x1, s.bottom), groups, body, label_block)
            if got is None:
                continue
            blk, item = got
            use(blk)
            s.role = "label"
            items.append(item)


def _comb_tables(pg, lay: Layout, body, items, label_block, use) -> None:
    """Character boxes drawn touching are found as one-row tables of small empty cells; the tables
    side by side on one line (dd | mm | yyyy) are one comb."""
    combs = []
    for ti, rows in enumerate(pg.tables):
        cells = [c for row in rows for c in row if c is not None]
        if len(rows) != 1 or not cells:
            continue
        if any(c[2] - c[0] > tol.COMB_CELL_MAX_EM * (c[3] - c[1]) for c in cells):
            continue
        if any(not BOX_RE.fullmatch(w["text"]) for w in pg.table_words[ti]):
            continue  # text in a cell: a real table
        combs.append((ti, _rows_bbox(rows), len(cells)))
    combs.sort(key=lambda c: (round(c[1][1]), c[1][0]))
    runs: list[list] = []
    for c in combs:
        prev = runs[-1][-1] if runs else None
        side = c[1][3] - c[1][1]
        if (
            prev is not None
            and abs(prev[1][1] - c[1][1]) <= SAME_LINE_PT
            and 0 <= c[1][0] - prev[1][2] <= tol.COMB_GROUP_GAP_EM * side
        ):
            runs[-1].append(c)
        else:
            runs.append([c])
    taken = pg.__dict__.setdefault("_comb_tables", set())
    for run in runs:
        groups = [n for _, _, n in run]
        if sum(groups) < tol.COMB_MIN_BOXES:
            continue
        x0, top = run[0][1][0], min(c[1][1] for c in run)
        x1, bottom = run[-1][1][2], max(c[1][3] for c in run)
        got = _comb_item(lay, (x0, top, x1, bottom), groups, body, label_block)
        if got is None:
            continue
        blk, item = got
        use(blk)
        taken.update(ti for ti, _, _ in run)
        items.append(item)


def _comb_item(lay: Layout, bbox: tuple, groups: list[int], body, label_block) -> tuple[list, Item] | None:
    """The field a comb at ``bbox`` (x0, top, x1, bottom) answers, with the label block it takes: the
    unclaimed text left of the comb within LABEL_REACH_PT, else the line above (within
    tol.NEAR_ABOVE_BODY body sizes). The kind is the label's, else a date when the boxes are grouped
    day | month | year (2-2-2 or 2-2-4), else text. None when there is no label."""
    x0, top, x1, bottom = bbox
    left = lay.left_of((x0, top, x0 + tol.EDGE_PT, bottom))
    if left is not None and left.role is None and x0 - left.x1 < LABEL_REACH_PT:
        blk = label_block(left)
    else:
        a = lay.above((x0, top, x1, bottom), max_gap=tol.NEAR_ABOVE_BODY * body)
        if a is None or a.role is not None:
            return None
        blk = label_block(a, down=False)
    lab = clean_label(_join(blk))
    if not lab:
        return None
    kind = kind_from_label(lab)
    if kind is None and groups in ([2, 2, 2], [2, 2, 4]):
        kind = "date"
    fld = Field(id="", label=lab, kind=kind if kind not in (None, "long_text") else "text")
    return blk, Item(top=blk[0].top, x0=blk[0].x0, kind="field", fld=fld)


_SEPARATOR_RE = re.compile(r"[/\-.–]")


def _is_part_box(pg: PageData, b: tuple, body: float) -> bool:
    """An empty box about one text line high and at most a few characters wide (a date part)."""
    w, h = b[2] - b[0], b[3] - b[1]
    return (
        PART_MIN_H_PT <= h < _one_line_max_h(body) and w <= DATE_PART_MAX_W_EM * h and b not in pg.dark_rects
    )


def _digit_widths(row: list[tuple]) -> bool:
    """Three boxes, the last the widest (day, month, four-digit year), or one box per digit."""
    ws = [b[2] - b[0] for b in row]
    if (
        len(row) == 3
        and ws[2] > tol.YEAR_BOX_WIDER * max(ws[0], ws[1])
        and abs(ws[0] - ws[1]) <= SAME_LINE_PT
    ):
        return True
    return len(row) in tol.DIGIT_BOX_COUNTS and max(ws) - min(ws) <= SAME_LINE_PT


# ---- drop-down lists
#: a date format shown in an empty date input ("dd/mm/yyyy", "mm/dd/yyyy", "DD.MM.YY")
_DATE_FORMAT_RE = re.compile(r"(?i)(?:d{1,2}|m{1,2}|y{2,4})(?:\s*[/.\-]\s*(?:d{1,2}|m{1,2}|y{2,4})){2}")


def _dropdown_items(pg, lay: Layout, body, items, label_block, use) -> None:
    """A drop-down list printed from a web form: a one-line box holding one short line of text (its
    shown item, or a "Choose ..." prompt) and a small arrow at its right end. It is a choice,
    labelled like a one-line input (left of it, or the line above); the shown item is an option
    unless it is a prompt. A one-line box showing only a date format is a date input."""
    prompts = _furniture("select_prompts")
    for box in sorted(pg.rects, key=lambda b: (b[1], b[0])):
        x0, top, x1, bottom = box
        w, h = x1 - x0, bottom - top
        if not tol.LINE_BOX_MIN_H_PT <= h < _one_line_max_h(body) or w < tol.MIN_BOX_W_PT:
            continue
        inside = [s for s in lay.segs if x0 <= s.cx <= x1 and top <= s.cy <= bottom]
        if len(inside) != 1 or inside[0].role is not None:
            continue
        shown = inside[0]
        right = x0 + tol.ARROW_RIGHT_SHARE * w
        arrows = [a for a in pg.arrows if right <= a[0] and a[2] <= x1 and top <= (a[1] + a[3]) / 2 <= bottom]
        date_input = bool(_DATE_FORMAT_RE.fullmatch(shown.text.strip()))  # a date input's format prompt
        if not date_input and (not arrows or shown.x1 > min(a[0] for a in arrows) + tol.NEAR_PT):
            continue  # no arrow at the right end, or text running over it
        others = [r for r in pg.rects if r != box]
        left = lay.left_of(box, blockers=others)
        if (
            left is not None
            and left.role is None
            and x0 - left.x1 < LABEL_REACH_PT
            and left.size <= body + tol.SIZE_STEP_PT
        ):
            blk = label_block(left)
        else:
            a = lay.above(
                box, max_gap=tol.NEAR_ABOVE_BODY * tol.OPTION_LINE_PITCH_EM * body, obstacles=others
            )
            if a is None or a.role is not None:
                continue
            blk = label_block(a, down=False)
        lab = clean_label(_join(blk))
        if not lab:
            continue
        use(blk)
        shown.role = "option"
        item = clean_label(shown.text)
        opts = [] if _matches(prompts, item) or date_input else [item]
        fld = Field(id="", label=lab, kind="date" if date_input else "choice", options=opts)
        items.append(Item(top=blk[0].top, x0=blk[0].x0, kind="field", fld=_refine_kind(pg, box, fld)))


# ---- single-line input boxes
def _line_box_items(pg, lay: Layout, body, items, label_block, use, heading_question) -> None:
    """Single-line input boxes (web forms printed to PDF, DTP layouts): an empty drawn box about one
    line tall, labelled by the text to its left on the same line or by the line just above it.
    Boxes holding text (prompts, panels, heading bars), dark-filled or page-wide boxes and boxes
    touching other boxes (cells of a drawn grid) are not inputs."""
    cands = [b for b in pg.rects if _is_line_box(pg, lay, b)]
    for box in pg.rects:
        inner = _label_inside(lay, box, body) if box not in cands else None
        if inner is not None and _is_line_box(pg, lay, box, label=inner):
            lab = clean_label(inner.text)
            if lab:
                inner.role = "label"
                fld = Field(id="", label=lab, kind=kind_from_label(lab) or "text")
                items.append(Item(top=inner.top, x0=inner.x0, kind="field", fld=_refine_kind(pg, box, fld)))
    line_h = tol.OPTION_LINE_PITCH_EM * body
    for box in sorted(cands, key=lambda b: (b[1], b[0])):
        x0, top, x1, bottom = box
        others = [r for r in pg.rects if r != box]
        fld = Field(id="", label="", kind="text")
        left = lay.left_of(box, blockers=others)
        if (
            left is not None
            and left.role is None
            and x0 - left.x1 < LABEL_REACH_PT
            and left.size <= body + tol.SIZE_STEP_PT
            and not BOX_RE.search(left.text)
            and not _ANY_BLANK_RE.search(left.text)
        ):
            blk = label_block(left)
        else:
            a = lay.above(box, max_gap=tol.NEAR_ABOVE_BODY * line_h, obstacles=others)
            if a is None:
                a = _label_box_above(pg, lay, box, body)
            if a is None or a.role is not None or BOX_RE.search(a.text) or _ANY_BLANK_RE.search(a.text):
                continue
            if (
                a.x0 > x1 - tol.LABEL_ABOVE_BEFORE_SHARE * (x1 - x0)
                or _vert_overlap(a.top, a.bottom, top, bottom) > 0
            ):
                continue
            if heading_question(a, fld, top):
                fld.kind = kind_from_label(fld.label) or "text"
                _refine_kind(pg, box, fld)
                continue
            blk = label_block(a, down=False)
        lab = clean_label(_join(blk))
        if not lab:
            continue
        use(blk)
        fld.label, fld.kind = lab, kind_from_label(lab) or "text"
        items.append(Item(top=blk[0].top, x0=blk[0].x0, kind="field", fld=_refine_kind(pg, box, fld)))


def _label_box_above(pg: PageData, lay: Layout, box: tuple, body: float):
    """Named heuristic — *label box over its answer box*: Word text boxes laid out as a box holding only a
    label over an empty answer box. The nearest drawn box above ``box`` (sharing at least
    LABEL_BOX_OVERLAP_SHARE of the narrower one's width, at most LABEL_BOX_REACH_LINES lines above), when
    it holds one plain line of text and nothing else and no text stands between the two, labels it.
    Returns that line, or None."""
    x0, top, x1, _bottom = box
    best = None
    for r in pg.rects:
        if r == box or r[3] > top + tol.EDGE_PT or top - r[3] > tol.LABEL_BOX_REACH_LINES * tol.LINE_PT:
            continue
        if min(x1, r[2]) - max(x0, r[0]) < tol.LABEL_BOX_OVERLAP_SHARE * min(x1 - x0, r[2] - r[0]):
            continue
        if best is None or r[3] > best[3]:
            best = r
    if best is None:
        return None
    inside = [
        s
        for s in lay.segs
        if best[0] - tol.EDGE_PT <= s.cx <= best[2] + tol.EDGE_PT
        and best[1] - tol.EDGE_PT <= s.cy <= best[3] + tol.EDGE_PT
    ]
    if len(inside) != 1 or _is_heading_seg(inside[0], body):
        return None
    between = [s for s in lay.segs if best[3] < s.cy < top and s.x1 > x0 and s.x0 < x1]
    return None if between else inside[0]


def _one_line_max_h(body: float) -> float:
    """A box less tall than this holds one line of writing: the taller of a paper form's line box
    and a web form's input (40 px at 19 px text), which scale with the text size."""
    return max(ONE_LINE_MAX_PT, INPUT_MAX_H_BODY * body)


def _label_inside(lay: Layout, box: tuple, body: float):
    """Named heuristic — *label inside its box*: a one-line box whose only text is a plain label at
    its left ("Name:" in the box's corner), ending with a colon or a question mark, with at least
    MIN_BOX_W_PT of the box empty after it, is that label's answer box. Returns the label, or None."""
    x0, top, x1, bottom = box
    if not tol.LINE_BOX_MIN_H_PT <= bottom - top < _one_line_max_h(body) or x1 - x0 < 2 * tol.MIN_BOX_W_PT:
        return None  # not a one-line box with room for a label and an answer
    inside = [
        s
        for s in lay.segs
        if x0 - tol.EDGE_PT <= (s.x0 + s.x1) / 2 <= x1 + tol.EDGE_PT
        and top - tol.EDGE_PT <= s.cy <= bottom + tol.EDGE_PT
    ]
    if len(inside) != 1:
        return None
    s = inside[0]
    if s.role is not None or s.x0 - x0 > tol.OPTION_TEXT_GAP_PT or x1 - s.x1 < tol.MIN_BOX_W_PT:
        return None
    if not s.text.rstrip().endswith((":", "?")) or _is_heading_seg(s, body):
        return None
    if (
        BOX_RE.search(s.text)
        or _ANY_BLANK_RE.search(s.text)
        or s.top < top - tol.EDGE_PT
        or s.bottom > bottom + tol.EDGE_PT
    ):
        return None
    return s


def _is_line_box(pg: PageData, lay: Layout, box: tuple, label=None) -> bool:
    x0, top, x1, bottom = box
    w, h = x1 - x0, bottom - top
    if not tol.LINE_BOX_MIN_H_PT <= h < _one_line_max_h(lay.body):
        return False
    if w < max(tol.MIN_BOX_W_PT, tol.LINE_BOX_MIN_ASPECT * h) or w > INPUT_MAX_W_PAGE * pg.width:
        return False
    if box in pg.__dict__.get("_date_boxes", ()):
        return False
    if box in pg.dark_rects:
        return False
    for s in lay.segs:
        if s.role == "prompt" or s is label:
            continue  # placeholder text shown in an empty input; the box's own label
        cx = (s.x0 + s.x1) / 2
        if x0 - tol.EDGE_PT <= cx <= x1 + tol.EDGE_PT and top - tol.EDGE_PT <= s.cy <= bottom + tol.EDGE_PT:
            return False  # text inside: a prompt, a panel or a heading bar
        if (
            s.x0 < x1 - tol.EDGE_PT
            and x0 + tol.EDGE_PT < s.x1
            and _vert_overlap(top, bottom, s.top, s.bottom) > 1
        ):
            return False  # text running across the box
    for b, _k in pg.placeholders:
        if b[0] < x1 and x0 < b[2] and b[1] < bottom and top < b[3]:
            return False
    for r in pg.rects:
        if r == box:
            continue
        contains = (
            r[0] <= x0 + tol.EDGE_PT
            and r[1] <= top + tol.EDGE_PT
            and r[2] >= x1 - tol.EDGE_PT
            and r[3] >= bottom - tol.EDGE_PT
        )
        inside = (
            x0 <= r[0] + tol.EDGE_PT
            and top <= r[1] + tol.EDGE_PT
            and x1 >= r[2] - tol.EDGE_PT
            and bottom >= r[3] - tol.EDGE_PT
        )
        if inside:
            return False  # a box within the box: not an empty input
        if (
            not contains
            and r[0] < x1 + tol.TOUCH_PT
            and x0 < r[2] + tol.TOUCH_PT
            and r[1] < bottom + tol.TOUCH_PT
            and top < r[3] + tol.TOUCH_PT
        ):
            return False  # touching or crossing another box: cells of a drawn grid
    return True
