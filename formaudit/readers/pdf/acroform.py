"""AcroForm: the catalog's field tree walked into widgets (name, type, flags, tooltip, options, on-states,
box and font size per page), and the widgets of one page turned into fields — their labels found left of
or above them, check-box option text, radio groups, grids of text fields and captioned grids.
"""

from __future__ import annotations

import re
from contextvars import ContextVar

from ...model import Field
from ..common import clean_label, kind_from_label, squash, yes_no_kind
from . import tolerances as tol
from .data import FF_COMBO, FF_MULTILINE, FF_PUSH, FF_RADIO, LINE_PT, WORDS_PER_LINE, Item, Seg, Widget
from .layout import Layout, _is_heading_seg, _join, caption_below
from .parser_errors import _raised_by_parser
from .tolerances import ALIGN_PT, LINE_GAP_EM, SAME_SIZE_PT

#: Optional observer of the widget fields made here (``formaudit.usage`` reads a filled form's answers
#: through it): called with ``(field, widget names)``; it never changes what the reader returns.
FIELD_OBSERVER: ContextVar = ContextVar("formaudit_pdf_field_observer", default=None)


def _observed(fld: Field | None, grp: list[Widget]) -> Field | None:
    obs = FIELD_OBSERVER.get()
    if obs is not None and fld is not None:
        obs(fld, [w.name for w in grp])
    return fld


# ---------------------------------------------------------------------------------- catalog walk
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
    except Exception as e:  # a damaged catalog or drawing: read the rest
        if not _raised_by_parser(e):
            raise
        return {}
    if not isinstance(acro, dict):
        return {}
    fields = resolve1(acro.get("Fields"))
    if not isinstance(fields, list) or not fields:
        return {}
    # page of each annotation object (widgets may lack /P)
    page_of_annot: dict[int, int] = {}
    page_of_pageid: dict[int, int] = {}
    geom: dict[int, tuple[float, float, float, float, int]] = {}
    for i, page in enumerate(pdf.pages):
        page_of_pageid[page.page_obj.pageid] = i
        geom[i] = _page_geom(page)
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
        if depth > tol.FIELD_TREE_MAX_DEPTH:
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
            left, top, right, bottom = _shown_box(geom[pg], x0, y0, x1, y1)
            out.setdefault(pg, []).append(
                Widget(
                    name=name,
                    ftype=ftype,
                    flags=flags,
                    tooltip=tooltip,
                    options=opts,
                    states=states,
                    x0=left,
                    top=top,
                    x1=right,
                    bottom=bottom,
                    field_key=key,
                    font_size=fsize,
                    stored=(x0, y0, x1, y1),
                )
            )

    for f in fields:
        walk(f, "", {}, 0)
    return out


def _page_geom(page) -> tuple[float, float, float, float, int]:
    """The page's MediaBox as stored and its turn (/Rotate): a /Rotate page's text and drawings are
    turned upright by the parser, its widgets' rectangles by :func:`_shown_box`."""
    mb = page.page_obj.mediabox
    return (
        float(mb[0]),
        float(mb[1]),
        float(mb[2]),
        float(mb[3]),
        int(page.rotation) % (4 * tol.QUARTER_TURN_DEG),
    )


def turn_widgets(widgets: list[Widget], page) -> list[Widget]:
    """The widgets of a page re-opened turned (see ``turn.upright_page``), placed as it is now shown."""
    from dataclasses import replace

    geom = _page_geom(page)
    out = []
    for w in widgets:
        x0, top, x1, bottom = _shown_box(geom, *w.stored)
        out.append(replace(w, x0=x0, top=top, x1=x1, bottom=bottom))
    return out


def _shown_box(geom: tuple, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """A widget's /Rect (stored page coordinates) as the page is shown: (x0, top, x1, bottom).

    Rotated pages: a page with /Rotate 90, 180 or 270 is shown turned clockwise; the parser turns its
    text and drawings upright (pdfminer's page matrix), and the widgets' rectangles are turned the same
    way here, so that they stand beside their printed labels.
    """
    mx0, my0, mx1, my1, rotate = geom
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    if rotate == tol.QUARTER_TURN_DEG:  # shown x runs up the stored page, shown top from its left edge
        return y0 - my0, x0 - mx0, y1 - my0, x1 - mx0
    if rotate == 2 * tol.QUARTER_TURN_DEG:
        return mx1 - x1, y0 - my0, mx1 - x0, y1 - my0
    if rotate == 3 * tol.QUARTER_TURN_DEG:  # shown x runs down the stored page, shown top from its right edge
        return my1 - y1, mx1 - x1, my1 - y0, mx1 - x0
    return x0 - mx0, my1 - y1, x1 - mx0, my1 - y0


def _options_before(lay: Layout, ws: list[Widget]) -> dict[int, str]:
    """Named heuristic — *option text before its box*: on a line of two or more check boxes or radio
    buttons ("Yes [ ]  No [ ]"), when every box has a short text ending just left of it (within
    OPTION_TEXT_GAP_PT, at most SHOWN_ITEM_MAX_WORDS words) and the last box has no text just right of
    it, each box's option is the text before it. Returns widget id -> option text (the texts are
    marked as options)."""
    buttons = [w for w in ws if w.ftype == "Btn" and not (w.flags & FF_PUSH)]
    lines: list[list[Widget]] = []
    for w in sorted(buttons, key=lambda w: (round(w.top), w.x0)):
        if lines and abs(w.top - lines[-1][-1].top) <= tol.SAME_LINE_PT:
            lines[-1].append(w)
        else:
            lines.append([w])
    out: dict[int, str] = {}
    for line in lines:
        if len(line) < 2:
            continue
        line.sort(key=lambda w: w.x0)
        last = line[-1]
        if lay.right_of((last.x0, last.top, last.x1, last.bottom)) is not None:
            continue
        before = []
        for w in line:
            t = lay.left_of((w.x0, w.top, w.x1, w.bottom))
            if t is None or t.role is not None or w.x0 - t.x1 > tol.OPTION_TEXT_GAP_PT:
                break
            if len(t.text.split()) > tol.SHOWN_ITEM_MAX_WORDS or t.text.rstrip().endswith(("?", ":")):
                break
            before.append((w, t))
        if len(before) != len(line):
            continue
        for w, t in before:
            t.role = "option"
            out[id(w)] = clean_label(t.text)
    return out


# ---------------------------------------------------------------------------------- widgets on a page
def _widget_items(pg, lay: Layout, body, items, anchors, label_block, use, heading_question) -> None:
    if not pg.widgets:
        return
    ws = sorted(pg.widgets, key=lambda w: (w.top, w.x0))
    wboxes = [(w.x0, w.top, w.x1, w.bottom) for w in ws]
    # option text right of each check box / radio button (or left of each, see _options_before)
    opt_text: dict[int, str] = _options_before(lay, ws)
    for w in ws:
        if w.ftype == "Btn" and not (w.flags & FF_PUSH) and id(w) not in opt_text:
            s = lay.right_of((w.x0, w.top, w.x1, w.bottom))
            if s is not None:
                s.role = "option"
                opt_text[id(w)] = clean_label(s.text)
    # label segments aligned left of widgets are anchors (they start a label block)
    left_label: dict[int, Seg] = {}
    firsts = {id(next(v for v in ws if v.field_key == k)) for k in {v.field_key for v in ws}}
    sizes: dict[int, int] = {}
    for v in ws:
        sizes[v.field_key] = sizes.get(v.field_key, 0) + 1
    chain_line: dict[int, Seg] = {}  # lone check box -> last line of the question beside its stack
    for w in ws:
        if id(w) not in firsts:
            continue
        box = (w.x0, w.top, w.x1, w.bottom)
        tick = w.ftype == "Btn"
        lone_check = tick and not (w.flags & (FF_RADIO | FF_PUSH)) and sizes[w.field_key] == 1
        s = lay.left_of(
            box,
            blockers=[
                (v.x0, v.top, v.x1, v.bottom) for v in ws if v is not w and not (tick and v.ftype == "Btn")
            ],
        )
        if lone_check:
            # a question wrapped beside a stack of check boxes: its next line is beside the next box
            up = _check_above(w, ws)
            prev = chain_line.get(id(up)) if up is not None else None
            if prev is not None and s is not None and s.role is None and _continues(prev, s):
                chain_line[id(w)] = s
                continue
        if s is not None and s.role is None:
            left_label[id(w)] = s
            anchors.add(id(s))
            if lone_check:
                chain_line[id(w)] = s
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
            a = lay.above(
                box,
                max_gap=max(tol.ABOVE_REACH_BODY * body, tol.ABOVE_REACH_MIN_PT),
                obstacles=[b for b in wboxes if b != box],
            )
            if a is not None and a.role in (None, "heading"):
                fld = _observed(_widget_field(first, grp, "", opt_text, body), grp)
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
                a = lay.above(box, max_gap=tol.NEAR_ABOVE_BODY * body, obstacles=nonbtn)
                if a is not None and a.role is None and not _is_heading_seg(a, body):
                    block = label_block(a, down=False)
                    label, lab_seg = clean_label(_join(block)), a
                    use(block)
            if label:
                check_question[id(first)] = (label, lab_seg)
        if label and is_check and len(grp) == 1 and lab_seg is not None and id(first) not in check_question:
            check_question[id(first)] = (label, lab_seg)  # the boxes stacked under it answer it too
        if not label and is_check and len(grp) == 1 and opt_text.get(id(first)):
            label = opt_text[id(first)]
        if not label and first.ftype in ("Tx", "Ch", "Sig") and len(grp) == 1:
            cap = caption_below(lay, box, body, [b for b in wboxes if b != box])
            if cap is not None:
                cap.role = "label"
                label = clean_label(cap.text)
        if not label:
            label = w.tooltip or _name_label(w.name)
        fld = _observed(_widget_field(first, grp, label, opt_text, body), grp)
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
                    if id(it2.fld) in grid_cols and abs(it2.top - row_top) < ALIGN_PT:
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
        cap = lay.above(
            (x0, hdr_top, x1, hdr_top),
            max_gap=max(tol.NEAR_ABOVE_BODY * body, tol.CAPTION_REACH_MIN_PT),
            obstacles=wboxes,
        )
        if (
            cap is None
            or cap.role is not None
            or _is_heading_seg(cap, body)
            or cap.size > body + tol.SIZE_STEP_PT
        ):
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


def _continues(prev: Seg, s: Seg) -> bool:
    """``s`` is the next line of the wrapped text ``prev`` (same style, aligned, one line down) and
    ``prev`` does not end the sentence."""
    return (
        abs(s.x0 - prev.x0) <= ALIGN_PT
        and 0 <= s.top - prev.bottom <= LINE_GAP_EM * max(prev.size, tol.MIN_SIZE_PT)
        and abs(s.size - prev.size) <= SAME_SIZE_PT
        and s.bold == prev.bold
        and s.italic == prev.italic
        and not re.search(r"[?:.]\s*$", prev.text)
    )


def _check_above(w: Widget, ws: list[Widget]) -> Widget | None:
    best = None
    for o in ws:
        if (
            o is w
            or o.ftype != "Btn"
            or o.bottom > w.top + tol.EDGE_PT
            or w.top - o.bottom > tol.CHECK_STACK_GAP_PT
        ):
            continue
        if abs(o.x0 - w.x0) < ALIGN_PT and (best is None or o.bottom > best.bottom):
            best = o
    return best


def _widget_above(w: Widget, ws: list[Widget]) -> Widget | None:
    best = None
    for o in ws:
        if o is w or o.bottom > w.top + tol.EDGE_PT or w.top - o.bottom > tol.GRID_ROW_GAP_PT:
            continue
        if (
            abs(o.x0 - w.x0) < ALIGN_PT
            and abs(o.x1 - w.x1) < ALIGN_PT
            and (best is None or o.bottom > best.bottom)
        ):
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


def _button_value(w: Widget) -> str:
    """A radio button's or check box's option when no text is printed beside it: its "on" appearance
    state's name, or — when the field has an /Opt array and the state is an index into it (the PDF 1.5
    way to store export values: states "0", "1", ...) — that entry of /Opt."""
    if not w.states:
        return ""
    state = w.states[0]
    if w.options and state.isdigit() and int(state) < len(w.options):
        return w.options[int(state)]
    return _state_label(state)


def _widget_field(first: Widget, grp: list[Widget], label: str, opt_text: dict, body: float) -> Field | None:
    ft, ff = first.ftype, first.flags
    h = first.bottom - first.top
    if ft == "Tx":
        fs = first.font_size or 0
        tall = h >= max(tol.TALL_WIDGET_LINES * LINE_PT, tol.TALL_WIDGET_EM * fs if fs else 0)
        if ff & FF_MULTILINE or tall:
            lines = max(1, round(h / (max(fs, LINE_PT) if fs and fs > tol.LARGE_WIDGET_FONT_PT else LINE_PT)))
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
                o = opt_text.get(id(w)) or _button_value(w)
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
