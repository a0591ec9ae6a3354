"""Interpretation of the collected pages into sections: the body font size, running headers and
footers, page numbers, shading of label and heading cells, the form's title, each page's items in
reading order (answer areas first, then headings and guidance from the text left over), heading levels,
and what continues across a page break (an answer box, an option list, a repeated grid header).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ...model import Field, Form, Section
from ..common import BOX_RE, clean_label, squash
from . import tolerances as tol
from .acroform import _widget_items
from .data import _ANY_BLANK_RE, Item, PageData, Seg
from .flat import (
    _box_items,
    _comb_items,
    _date_box_items,
    _dropdown_items,
    _inline_items,
    _line_box_items,
    _placeholder_items,
)
from .layout import Layout, _is_bold, _is_heading_seg, _is_hint, _is_italic, _join, _on_band, _rows_bbox
from .overlay import _unclaimed_overlays
from .tables import _table_grid, _table_items
from .tolerances import (
    ANSWER_CELL_MIN_PT,
    DEFAULT_BODY_PT,
    LINE_GAP_EM,
    MARGIN_FRAC,
    MARGIN_TOP_FRAC,
    SAME_SIZE_PT,
    SENTENCE_MIN_WORDS,
    TITLE_MAX_FURNITURE,
)


def _interpret(p: Path, pages: list[PageData]) -> Form:
    body = _body_size(pages)
    bold_label_lines = sum(
        1
        for pg in pages
        for s in pg.segs
        if _is_bold(s.words[0]["fontname"])
        and abs(s.size - body) < SAME_SIZE_PT
        and (BOX_RE.search(s.text) or _ANY_BLANK_RE.search(s.text))
        and re.match(r"\W*[A-Za-z]", s.text)
    )
    for pg in pages:
        _mark_footers(pg, body)
        _mark_answer_summaries(pg, body)
        pg.bold_labels = bold_label_lines >= tol.BOLD_LABEL_LINES
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
        if it.kind == "field" and it.fld is not None and last is not None and last[0] == pno - 1:
            first_on_page = idx == 0 or all_items[idx - 1][0] != pno
            prev = last[1].fld if last[1].kind == "field" else None
            if first_on_page and prev is not None and _label_runs_on(prev.label, it.fld.label):
                # a table row split by the page break: its label's last lines open this page
                prev.label = squash(prev.label + " " + it.fld.label)
                continue
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


_SENTENCE_END_RE = re.compile(r"[.!]\s*$")


def _is_sentence(text: str) -> bool:
    """A full sentence — several words ending with a full stop — is guidance, however it is set:
    headings and captions are not punctuated as sentences."""
    return bool(_SENTENCE_END_RE.search(text)) and len(text.split()) >= SENTENCE_MIN_WORDS


def _label_runs_on(label: str, nxt: str) -> bool:
    """``nxt`` continues ``label`` mid-sentence: the label does not end a sentence or question and
    ``nxt`` starts in lower case."""
    return bool(label and nxt) and nxt[:1].islower() and not re.search(r"[.?!:;)]\s*$", label)


def _run_on(lay: Layout, last: Seg) -> list[Seg]:
    """The lines a line runs on into: directly below, in the same size and weight, overlapping it
    (an indented second line after an icon or a bullet)."""
    out = []
    for t in lay.segs:
        if t.top <= last.top + tol.SAME_TOP_PT or t.role is not None:
            continue
        if t.top - last.bottom > LINE_GAP_EM * max(last.size, tol.MIN_SIZE_PT):
            if t.top > last.bottom + tol.BLOCK_REACH_EM * max(last.size, tol.MIN_SIZE_PT):
                break
            continue
        if (
            abs(t.size - last.size) <= SAME_SIZE_PT
            and t.bold == last.bold
            and t.x0 < last.x1
            and last.x0 < t.x1
        ):
            out.append(t)
            last = t
    return out


def _body_size(pages: list[PageData]) -> float:
    """The body font size: the most used size of the form's upright text (labels, questions).

    Italic text (hints, guidance notes) is often set smaller and can outnumber the labels in
    characters; it only decides when a form has no upright text at all.
    """
    upright: Counter = Counter()
    slanted: Counter = Counter()
    for pg in pages:
        for s in pg.segs:
            if not BOX_RE.fullmatch(s.text) and not _ANY_BLANK_RE.fullmatch(s.text):
                (slanted if s.italic else upright)[s.size] += len(s.text)
        for tw in pg.table_words:  # table text is body text too (label cells of table forms)
            for w in tw:
                if (
                    w["fontname"]
                    and not BOX_RE.fullmatch(w["text"])
                    and not _ANY_BLANK_RE.fullmatch(w["text"])
                ):
                    key = round(float(w["size"]) * 2) / 2
                    (slanted if _is_italic(w["fontname"]) else upright)[key] += len(w["text"])
    sizes = upright or slanted
    return sizes.most_common(1)[0][0] if sizes else DEFAULT_BODY_PT


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
        if lit.level or lit.size > body + tol.SIZE_STEP_PT:
            cur.fields.append(fld)  # a heading that is the question: section and field
            return cur
        # a heading in the label style (bold body text): only the box's label
        if form.sections and form.sections[-1] is cur and not cur.fields and not cur.guidance:
            form.sections.pop()
            cur = before
        cur.fields.append(fld)
        return cur
    prev = lit.fld if lit.kind == "field" else None
    if (
        prev is not None
        and prev.kind == "text"
        and not prev.options
        and not prev.repeat
        and fld.kind == "long_text"
    ):
        # a label in its own box at the foot of a page (a one-line text field as read) whose
        # answer box, unlabelled, opens the next page: the box is its answer
        prev.kind, prev.capacity = fld.kind, fld.capacity
        return cur
    if (
        lit.kind == "guidance"
        and len(lit.text.split()) <= tol.GUIDANCE_LABEL_MAX_WORDS
        and cur.guidance.endswith(lit.text)
    ):
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
            margin = tol.RUNNING_MARGIN_SHARE
            if s.top < pg.height * margin or s.bottom > pg.height * (1 - margin):
                seen.setdefault((squash(s.text).lower(), round(s.top / tol.RUNNING_POS_PT)), set()).add(
                    pg.number
                )
    for pg in pages:
        for s in pg.segs:
            if (
                s.role is None
                and len(seen.get((squash(s.text).lower(), round(s.top / tol.RUNNING_POS_PT)), ())) >= 2
            ):
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
    levels = {
        k: min(i + 1, tol.HEADING_FILL_LEVELS)
        for i, k in enumerate(sorted(heads, key=lambda k: lum.get(k, 1.0)))
    }
    for pg in pages:
        pg.label_fills = set(label)
        pg.heading_fill_levels = levels


def _size_key(it: Item, body: float) -> float:
    return round(it.size * 2) / 2 if it.size > body + tol.SIZE_STEP_PT else 0.0


_PAGE_NO_RE = re.compile(r"^(page\s*)?\d+(\s*(of|/)\s*\d+)?$", re.I)


def _mark_footers(pg: PageData, body: float) -> None:
    """Page numbers, what a browser prints in the margins (date, URL, "1/3") and a web page's
    buttons and banners (rules/page_furniture.yaml) are not content."""
    from .flat import _furniture, _matches

    margins, buttons = _furniture("browser_margins"), _furniture("buttons") + _furniture("banners")
    prompts = _furniture("input_prompts")
    for s in pg.segs:
        t = s.text.strip()
        in_margin = s.top > pg.height * (1 - MARGIN_FRAC) or s.bottom < pg.height * MARGIN_TOP_FRAC
        page_no = _PAGE_NO_RE.match(t) and (in_margin or s.size < body)
        if page_no or (in_margin and _matches(margins, t)) or _matches(buttons, t):
            s.role = "footer"
        elif (_matches(prompts, t) and _in_box(pg, s)) or _grey_placeholder(pg, s, t, body):
            s.role = "prompt"  # an empty input's placeholder text: the box is the answer


def _mark_answer_summaries(pg: PageData, body: float) -> None:
    """A check-your-answers list (the last page of a multi-step web form) restates the questions
    asked on the steps before, one row each: the question, its answer and a "Change" link at the
    right end (rules/page_furniture.yaml ``summary_actions``). Its rows (with the question's
    wrapped lines), the group headings between them and the headings directly above the first
    row (the page's title) are not new content. Needs SUMMARY_MIN_ROWS rows on the page."""
    from .flat import _furniture, _matches

    actions = _furniture("summary_actions")
    links = [s for s in pg.segs if _matches(actions, s.text.strip())]
    if len(links) < tol.SUMMARY_MIN_ROWS:
        return
    links.sort(key=lambda s: s.top)
    rows = []  # (top, bottom, key x0)
    for ln in links:
        on_line = [
            s for s in pg.segs if s is not ln and s.x1 <= ln.x0 and s.top < ln.bottom and ln.top < s.bottom
        ]
        if not on_line:
            continue
        for s in on_line:
            s.role = "footer"
        ln.role = "footer"
        rows.append((min(s.top for s in on_line), max(s.bottom for s in on_line), min(s.x0 for s in on_line)))
    if len(rows) < tol.SUMMARY_MIN_ROWS:
        return
    first, last = rows[0][0], rows[-1][1] + tol.LINE_GAP_EM * body
    keys_x0 = {round(r[2]) for r in rows}
    for s in pg.segs:
        if s.role is not None:
            continue
        if first <= s.top <= last and (round(s.x0) in keys_x0 or _is_heading_seg(s, body)):
            s.role = "footer"  # a row's wrapped question, or a group heading within the list
    above = sorted((s for s in pg.segs if s.bottom <= first), key=lambda s: -s.top)
    for s in above:
        if s.role is not None and s.role != "footer":
            break
        if s.role is None:
            if not _is_heading_seg(s, body):
                break
            s.role = "footer"  # the list's title and first group heading


def _grey_placeholder(pg: PageData, s, t: str, body: float) -> bool:
    """Grey text alone inside a one-line box, at its left: an input's placeholder (whatever it
    says), except a date format or a drop-down's prompt, which say what kind the answer is."""
    from .flat import _DATE_FORMAT_RE, _furniture, _matches, _one_line_max_h

    if not s.grey or _DATE_FORMAT_RE.fullmatch(t) or _matches(_furniture("select_prompts"), t):
        return False
    for b in pg.rects:
        if not (b[0] - tol.EDGE_PT <= s.x0 and s.x1 <= b[2] + tol.EDGE_PT and b[1] <= s.cy <= b[3]):
            continue
        if b[3] - b[1] >= _one_line_max_h(body) or s.x0 - b[0] > tol.PLACEHOLDER_INSET_EM * body:
            return False
        return not any(o is not s and b[0] <= o.cx <= b[2] and b[1] <= o.cy <= b[3] for o in pg.segs)
    return False


def _in_box(pg: PageData, s) -> bool:
    """The segment lies within a drawn box or just above a drawn rule (an input's frame or its
    underline): placeholder text, as opposed to the same words said in a sentence."""
    for b in pg.rects:
        if (
            b[0] - tol.EDGE_PT <= s.x0
            and s.x1 <= b[2] + tol.EDGE_PT
            and b[1] - tol.EDGE_PT <= s.cy <= b[3] + tol.EDGE_PT
        ):
            return True
    return any(
        h[0] - tol.EDGE_PT <= s.x0
        and s.x1 <= h[1] + tol.EDGE_PT
        and 0 <= h[2] - s.bottom <= tol.PROMPT_RULE_GAP_PT
        for h in pg.hlines
    )


def _find_title(pg: PageData, body: float, later_max: float) -> str | None:
    """The largest text on page 1, when it is larger than any heading elsewhere and nothing of
    substance (a heading or a field) comes before it."""
    cands = [s for s in pg.segs if s.role is None and s.size > body + tol.SIZE_STEP_PT]
    if not cands:
        return None
    big = max(s.size for s in cands)
    if big <= later_max + SAME_SIZE_PT:
        return None
    top_segs = sorted((s for s in cands if abs(s.size - big) < SAME_SIZE_PT), key=lambda s: s.top)
    first = top_segs[0]
    before = [s for s in pg.segs if s.role is None and s.bottom <= first.top + tol.EDGE_PT]
    if any(BOX_RE.search(s.text) or _ANY_BLANK_RE.search(s.text) for s in before):
        return None
    if len(before) > tol.TITLE_MAX_BEFORE or any(s.size > body + tol.SIZE_STEP_PT for s in before):
        # a web page's header, banners, back link and caption above its heading: furniture, when
        # no answer area lies above the heading either
        if len(before) > TITLE_MAX_FURNITURE or any(s.size >= big - SAME_SIZE_PT for s in before):
            return None
        if any(r[1] < first.top for r in pg.rects) or any(w.top < first.top for w in pg.widgets):
            return None
        above = [i for i, rows in enumerate(pg.tables) if _rows_bbox(rows)[3] <= first.top + tol.EDGE_PT]
        if any(_has_answer_cell(pg.grids[i]) for i in above):
            return None
        for i in reversed(above):  # a header bar drawn as shaded cells
            del pg.tables[i], pg.table_words[i], pg.grids[i]
    else:
        before = []
    block = [first]
    for s in top_segs[1:]:
        centred = abs((s.x0 + s.x1) / 2 - (first.x0 + first.x1) / 2) < tol.TITLE_CENTRED_PT
        if s.top - block[-1].bottom < tol.TITLE_LINE_GAP_EM * big and (
            abs(s.x0 - first.x0) < tol.TITLE_ALIGN_PT or centred
        ):
            block.append(s)
        else:
            break
    if len(top_segs) > len(block):
        return None  # several separate blocks of the largest size: they are headings
    smaller_heads = [s for s in cands if abs(s.size - big) >= SAME_SIZE_PT]
    bold_body = any(s.bold and s.role is None and abs(s.size - body) < SAME_SIZE_PT for s in pg.segs)
    # heading rows inside tables (larger or bold cell text) count as smaller headings too
    bold_body = bold_body or any(
        w["fontname"]
        and (_is_bold(w["fontname"]) or body + tol.SIZE_STEP_PT < float(w["size"]) < big - SAME_SIZE_PT)
        for tw in pg.table_words
        for w in tw
    )
    # with nothing smaller that could be a heading, the largest text is a title only when more
    # large text follows it (otherwise it is the form's one heading)
    if not smaller_heads and not bold_body and not _followed_by_heading_text(pg, block[-1], body):
        return None
    for s in block:
        s.role = "title"
    for s in before:
        s.role = "footer"
    return squash(" ".join(s.text for s in block))


def _has_answer_cell(grid) -> bool:
    """An empty cell at least one written line tall: somewhere to answer."""
    return any(not c[1] and c[0][3] - c[0][1] >= ANSWER_CELL_MIN_PT for row in grid for c in row)


def _followed_by_heading_text(pg: PageData, last: Seg, body: float) -> bool:
    after = sorted(
        (s for s in pg.segs if s.top > last.bottom - tol.EDGE_PT and s.role is None), key=lambda s: s.top
    )
    return bool(after) and after[0].size > body + tol.SIZE_STEP_PT


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
        if s.size > body + tol.SIZE_STEP_PT and not _is_hint(s, body):
            block = lay.block_up(s, anchors)
            block += [t for t in lay.block_down(s, anchors) if t is not s]
            text = clean_label(_join(block))
            use(block, "heading")
            it = Item(top=block[0].top, x0=block[0].x0, kind="heading", text=text, size=s.size, bold=s.bold)
            items.append(it)
            fld.label = text
            items.append(Item(top=block[0].top + tol.ORDER_EPS_PT, x0=block[0].x0, kind="field", fld=fld))
            heading_fields[id(s)] = it
            return True
        return False

    _widget_items(pg, lay, body, items, anchors, label_block, use, heading_question)
    _comb_items(pg, lay, body, items, label_block, use)  # before tables: touching boxes are found as tables
    _table_items(pg, lay, body, items)
    _placeholder_items(pg, lay, body, items, label_block, use, heading_question)
    _date_box_items(pg, lay, body, items, label_block, use)
    _inline_items(pg, lay, body, items, anchors, label_block, use)
    _box_items(pg, lay, body, items, anchors, label_block, use, heading_question)
    _dropdown_items(pg, lay, body, items, label_block, use)
    _line_box_items(pg, lay, body, items, label_block, use, heading_question)
    # overlays on answer areas the flat reading made no field of: read from the widgets
    loose = _unclaimed_overlays(pg)
    if loose:
        pg.overlays = [w for w in pg.overlays if w not in loose]
        own, pg.widgets = pg.widgets, loose
        _widget_items(pg, lay, body, items, anchors, label_block, use, heading_question)
        pg.widgets = own + loose

    # headings and guidance from what is left
    taken: set[int] = set()
    for s in lay.segs:
        if s.role is not None or id(s) in taken:
            continue
        if _is_heading_seg(s, body) or _on_band(pg, s, body):
            block = lay.block_down(s, set())
            block = [b for b in block if _is_heading_seg(b, body)] or [s]
            if _is_sentence(_join(block + _run_on(lay, block[-1]))):
                continue  # emphasised guidance (a warning, an instruction), not a heading
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
