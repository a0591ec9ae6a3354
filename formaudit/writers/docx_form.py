"""Write a form model as a fillable Word document, plus the model (YAML) and the change log (Markdown).

The DOCX is built with python-docx (package, styles) and raw WordprocessingML for what python-docx has
no API for (content controls, shaded cells, row heights). Layout, chosen so that formaudit's own DOCX
reader reads the document back as exactly the model that was written:

* the form title in the Title style; the form's opening guidance; with a proposal, a first section
  "What changed and why" (Heading 1, plain sentences);
* each section as Heading 1/2/3 with its guidance in italics, then its questions in a two-column
  table — label | content control of the field's kind: plain text (``w:text``), date picker
  (``w:date``), drop-down list (``w:dropDownList``) for choices and yes/no, one ``w14:checkbox``
  per option for "tick all that apply" questions, one check box for a check-box question;
* a long answer (``w:richText``) as a full-width row under its label, the row's height giving the
  box's lines (``LINE_TWIPS`` per line) and the cell's width its words per line (``TWIPS_PER_WORD``);
* a ``table`` question as a caption paragraph over a grid with its column headers and empty rows;
* a repeatable group as a grid (column headers, one row per person, a content control per cell) with
  add-row guidance after it.

Every control's ``w:tag`` is ``formaudit:kind=<kind>`` (``;prefilled`` for pre-filled fields; see
:mod:`formaudit.formtags`), which the reader honours. Pre-filled fields show "Pre-filled from the case record – check it" on a light fill.
:func:`fit_form` adjusts a model to what this layout expresses exactly (the streamline step calls it).
"""

from __future__ import annotations

import io
import os
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..formtags import format_tag
from ..model import Field, Form, Section
from ..output import atomic_write

#: A4 page, 0.75" margins: 9746 twips of text width.
PAGE_W, PAGE_H, MARGIN = 11906, 16838, 1080
TABLE_W = 9700
LABEL_W = 3500
#: Twips per line of a long answer box and per word of its width (the DOCX reader's constants:
#: ``LINE_TWIPS`` and 20 twips/pt × 5.5 pt/char × 6 chars/word).
LINE_TWIPS = 280
TWIPS_PER_WORD = 660
MIN_WPL, MAX_WPL = 4, 14
DEFAULT_WPL = 12  # rules/time_model.yaml long_text.words_per_line
DEFAULT_TABLE_ROWS = 5  # rules/time_model.yaml tables.default_rows

#: Add-row guidance under every repeatable group (under eight words, so FA202 never counts it as
#: repeated boilerplate when a form has several groups).
ADD_ROW = "Add more rows with the Tab key."
ALL_APPLY = "Tick all that apply"
PREFILL_TEXT = "Pre-filled from the case record – check it"
PREFILL_FILL = "FFF2CC"
LABEL_FILL = "F2F2F2"
HEADER_FILL = "D9E2F3"
PREFACE_TITLE = "What changed and why"

_ALL_APPLY_RE = re.compile(
    r"\b(all that apply|tick all|select all|choose all|as many as|any that apply)\b", re.I
)
_BLANKS = re.compile(r"_{3,}|\.{5,}|…{2,}|[\u2002\u2003]{3,}|[☐☑☒□■▢❑❒◻◼]|\[\s{0,2}\]")

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)


# ------------------------------------------------------------------------------------- fitting


def long_box(capacity: dict[str, int] | None) -> tuple[int, int] | None:
    """(lines, words per line) of the answer box that holds ``capacity``, or None for no stated size."""
    cap = capacity or {}
    words, lines = cap.get("words"), cap.get("lines")
    if lines and words and words % lines == 0 and MIN_WPL <= words // lines <= MAX_WPL:
        return int(lines), int(words // lines)
    if words:
        for wpl in (DEFAULT_WPL, 10, 9, 8, 13, 14, 11, 7, 6, 5, 4):
            if words % wpl == 0:
                return max(1, words // wpl), wpl
        return max(1, round(words / DEFAULT_WPL)), DEFAULT_WPL
    if lines:
        return int(lines), DEFAULT_WPL
    return None


def _sanitise(text: str) -> str:
    """Guidance text as the reader will read it back as guidance: no write-in blanks or tick boxes, and no
    trailing colon (a short "Label:" line is a question to the reader)."""
    t = " ".join(_BLANKS.sub(" ", text or "").split())
    if t.endswith(":"):
        t = t[:-1].rstrip() + "."
    return t


def fit_form(form: Form) -> list[dict[str, Any]]:
    """Adjust ``form`` in place to what the fillable DOCX expresses exactly; returns one note per field
    whose answer changed shape (``{"id", "reason"}``)."""
    notes: list[dict[str, Any]] = []
    for s in form.sections:
        s.guidance = _sanitise(s.guidance)
        groups: list[str] = []
        for f in s.fields:
            f.label = " ".join(f.label.split())
            if f.repeat:
                g = str(f.repeat.get("group"))
                if g not in groups:
                    groups.append(g)
                f.capacity = None
                f.prefilled = False
                f.hint = None
                if f.kind in ("table", "multi_choice", "checkbox"):
                    f.kind = "text"
                continue
            if f.kind == "long_text":
                box = long_box(f.capacity)
                if box is not None:
                    lines, wpl = box
                    new = {"lines": lines, "words": lines * wpl}
                    old = f.capacity or {}
                    if old.get("words") and old["words"] != new["words"]:
                        notes.append(
                            {
                                "id": f.id,
                                "reason": f"Answer box sized {lines} lines × {wpl} words ({new['words']} words).",
                            }
                        )
                    f.capacity = new
            elif f.kind == "table":
                cols = [c for c in f.columns if c.strip()]
                if len(cols) < 2:
                    cols = (cols or ["Item"]) + ["Details"]
                    notes.append({"id": f.id, "reason": "Table given two columns."})
                f.columns = cols
                rows = int((f.capacity or {}).get("rows") or DEFAULT_TABLE_ROWS)
                f.capacity = {"rows": rows}
                f.prefilled = False
            else:
                f.capacity = None
            if f.kind == "yes_no" and not f.options:
                f.options = ["Yes", "No"]
            if f.kind == "checkbox":
                f.options = []
            if f.kind == "multi_choice" and not _ALL_APPLY_RE.search((f.hint or "") + " " + f.label):
                f.hint = f"{f.hint.rstrip('. ')}. {ALL_APPLY}" if f.hint else ALL_APPLY
            if f.kind in ("table", "signature"):
                f.prefilled = False
        for _g in groups:
            if ADD_ROW not in s.guidance:
                s.guidance = (s.guidance + " " + ADD_ROW).strip()
    return notes


# ------------------------------------------------------------------------------------- XML pieces


class _Ids:
    def __init__(self) -> None:
        self.n = 1000

    def next(self) -> int:
        self.n += 1
        return self.n


def _run(text: str, bold=False, italic=False, color: str | None = None, size: int | None = None) -> str:
    rpr = ""
    if bold or italic or color or size:
        rpr = (
            "<w:rPr>"
            + ("<w:b/>" if bold else "")
            + ("<w:i/>" if italic else "")
            + (f'<w:color w:val="{color}"/>' if color else "")
            + (f'<w:sz w:val="{size}"/>' if size else "")
            + "</w:rPr>"
        )
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _p(*runs: str, style: str | None = None, spacing_after: int | None = None, keep_next=False) -> str:
    ppr = ""
    if style or spacing_after is not None or keep_next:
        ppr = (
            "<w:pPr>"
            + (f'<w:pStyle w:val="{style}"/>' if style else "")
            + ("<w:keepNext/>" if keep_next else "")
            + (f'<w:spacing w:after="{spacing_after}"/>' if spacing_after is not None else "")
            + "</w:pPr>"
        )
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def _tag(f: Field, kind: str | None = None) -> str:
    return format_tag(kind or f.kind, f.prefilled)


def _sdt(ids: _Ids, f: Field, type_xml: str, placeholder: str, kind: str | None = None) -> str:
    alias = f.label if len(f.label) <= 60 else f.label[:57] + "…"
    if f.prefilled:
        placeholder = PREFILL_TEXT
    pr = (
        f"<w:alias w:val={quoteattr(alias)}/>"
        f"<w:tag w:val={quoteattr(_tag(f, kind))}/>"
        f'<w:id w:val="{ids.next()}"/>'
        "<w:showingPlcHdr/>" + type_xml
    )
    return f"<w:sdt><w:sdtPr>{pr}</w:sdtPr><w:sdtContent>{_run(placeholder, color='808080')}</w:sdtContent></w:sdt>"


def _checkbox(ids: _Ids, f: Field, kind: str | None = None) -> str:
    pr = (
        f"<w:tag w:val={quoteattr(_tag(f, kind))}/>"
        f'<w:id w:val="{ids.next()}"/>'
        '<w14:checkbox><w14:checked w14:val="0"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox>'
    )
    box = (
        '<w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" w:hint="eastAsia"/>'
        "</w:rPr><w:t>☐</w:t></w:r>"
    )
    return f"<w:sdt><w:sdtPr>{pr}</w:sdtPr><w:sdtContent>{box}</w:sdtContent></w:sdt>"


def _control(ids: _Ids, f: Field, kind: str | None = None) -> list[str]:
    """Paragraphs holding the answer control(s) of ``f``."""
    k = kind or f.kind
    if k in ("choice", "yes_no"):
        items = '<w:listItem w:displayText="Choose an item." w:value=""/>' + "".join(
            f"<w:listItem w:displayText={quoteattr(o)} w:value={quoteattr(o)}/>"
            for o in dict.fromkeys(f.options)
        )
        return [_p(_sdt(ids, f, f"<w:dropDownList>{items}</w:dropDownList>", "Choose an item.", k))]
    if k == "date":
        dt = (
            '<w:date><w:dateFormat w:val="dd/MM/yyyy"/><w:lid w:val="en-GB"/>'
            '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>'
        )
        return [_p(_sdt(ids, f, dt, "Click or tap to enter a date.", k))]
    if k == "multi_choice":
        return [_p(_checkbox(ids, f, k), _run(" " + o)) for o in f.options] or [_p(_checkbox(ids, f, k))]
    if k == "checkbox":
        return [_p(_checkbox(ids, f, k))]
    if k == "long_text":
        return [_p(_sdt(ids, f, "<w:richText/>", "Click or tap here to enter text.", k))]
    return [
        _p(
            _sdt(
                ids,
                f,
                '<w:text w:multiLine="1"/>' if k == "text" else "<w:text/>",
                "Click or tap here to enter text.",
                k,
            )
        )
    ]


def _tc(paras: list[str], width: int, span: int = 1, fill: str | None = None) -> str:
    pr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if fill:
        pr += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{''.join(paras) or '<w:p/>'}</w:tc>"


def _tr(cells: list[str], height: int | None = None, header=False, cant_split=False) -> str:
    pr = ""
    if height or header or cant_split:
        pr = (
            "<w:trPr>"
            + ("<w:cantSplit/>" if cant_split else "")
            + (f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>' if height else "")
            + ("<w:tblHeader/>" if header else "")
            + "</w:trPr>"
        )
    return f"<w:tr>{pr}{''.join(cells)}</w:tr>"


def _tbl(rows: list[str], widths: list[int]) -> str:
    borders = "".join(
        f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for b in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    pr = (
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
    )
    return f"<w:tbl><w:tblPr>{pr}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _label_paras(f: Field) -> list[str]:
    label = f.label + (" *" if f.required else "")
    out = [_p(_run(label, bold=True))]
    if f.hint:
        out.append(_p(_run(f.hint, italic=True, size=18)))
    return out


def _field_rows(ids: _Ids, f: Field) -> list[str]:
    fill = PREFILL_FILL if f.prefilled else None
    if f.kind == "long_text":
        box = long_box(f.capacity)
        label = [_p(_run(f.label + (" *" if f.required else "")), keep_next=True)]
        if f.hint:
            label.append(_p(_run(f.hint, italic=True, size=18), keep_next=True))
        if box is None:
            answer = _tc(
                [
                    _p(
                        _sdt(ids, f, "<w:richText/>", "Click or tap here to enter text.", "long_text"),
                        spacing_after=600,
                    )
                ],
                TABLE_W,
                2,
                fill,
            )
            return [_tr([_tc(label, TABLE_W, 2)], cant_split=True), _tr([answer])]
        lines, wpl = box
        width = min(TABLE_W, wpl * TWIPS_PER_WORD)
        answer = _tc(_control(ids, f), width, 2, fill)
        return [_tr([_tc(label, TABLE_W, 2)], cant_split=True), _tr([answer], height=lines * LINE_TWIPS)]
    return [
        _tr(
            [
                _tc(_label_paras(f), LABEL_W, fill=LABEL_FILL),
                _tc(_control(ids, f), TABLE_W - LABEL_W, fill=fill),
            ],
            cant_split=True,
        )
    ]


def _grid(ids: _Ids, headers: list[str], nrows: int, cols: list[Field] | None) -> str:
    n = len(headers)
    w = TABLE_W // n
    widths = [w] * (n - 1) + [TABLE_W - w * (n - 1)]
    hdr = _tr(
        [_tc([_p(_run(h, bold=True))], widths[i], fill=HEADER_FILL) for i, h in enumerate(headers)],
        header=True,
    )
    rows = [hdr]
    for _ in range(nrows):
        cells = []
        for i in range(n):
            paras = _control(ids, cols[i]) if cols else ["<w:p/>"]
            cells.append(_tc(paras, widths[i]))
        rows.append(_tr(cells))
    return _tbl(rows, widths)


def _would_pend(text: str) -> bool:
    """Would the reader hold this italic paragraph as a possible label (and a grid's caption)?"""
    words = len(text.split())
    if re.match(r"^(\(|e\.g\.|eg\b|note:|notes?\b|please note|guidance\b|n\.b\.|nb\b)", text, re.I):
        return False
    return words <= 40 and ("?" in text or text.endswith((":", "?")))


def _section_blocks(ids: _Ids, s: Section) -> list[str]:
    """Body XML of one section's guidance and fields (the heading is written by the caller)."""
    blocks: list[tuple[str, str]] = []  # (kind, xml): kind in table|para|grid
    simple: list[str] = []

    def flush():
        if simple:
            blocks.append(("table", _tbl(list(simple), [LABEL_W, TABLE_W - LABEL_W])))
            simple.clear()

    fields = s.fields
    i = 0
    add_rows = 0
    while i < len(fields):
        f = fields[i]
        if f.repeat:
            g = f.repeat.get("group")
            cols = [f]
            j = i + 1
            while j < len(fields) and fields[j].repeat and fields[j].repeat.get("group") == g:
                cols.append(fields[j])
                j += 1
            flush()
            rows = int(f.repeat.get("rows") or DEFAULT_TABLE_ROWS)
            blocks.append(("grid", _grid(ids, [c.label for c in cols], rows, cols)))
            blocks.append(("para", _p(_run(ADD_ROW, italic=True))))
            add_rows += 1
            i = j
            continue
        if f.kind == "table":
            flush()
            blocks.append(("para", _p(_run(f.label), keep_next=True)))
            blocks.append(
                ("grid", _grid(ids, list(f.columns), int((f.capacity or {}).get("rows") or 5), None))
            )
            i += 1
            continue
        simple.extend(_field_rows(ids, f))
        i += 1
    flush()
    guidance = s.guidance
    for _ in range(add_rows):
        guidance = guidance.replace(ADD_ROW, " ", 1)
    guidance = " ".join(guidance.split())
    out: list[str] = []
    if guidance:
        g = _p(_run(guidance, italic=True))
        if blocks and blocks[0][0] == "grid" and _would_pend(guidance):
            blocks.insert(2 if len(blocks) > 1 and blocks[1][0] == "para" else 1, ("para", g))
        else:
            blocks.insert(0, ("para", g))
    prev = None
    for kind, xml in blocks:
        if prev in ("table", "grid") and kind in ("table", "grid"):
            out.append("<w:p/>")
        out.append(xml)
        prev = kind
    return out


def _preface(proposal) -> list[str]:
    """A few plain sentences for "What changed and why" (each ends with a full stop and is long enough
    that the reader takes it as guidance, never as a question). Kept short: it is read with the form."""
    s = proposal.summary()
    c = s["changes"]
    b, a = s["minutes_before"]["expected"], s["minutes_after"]["expected"]
    out = [
        f"This streamlined form asks {s['fields_after']} questions instead of {s['fields_before']}, "
        f"and {s['prefilled_after']} of them are pre-filled for checking.",
        f"The estimated time to complete it falls from about {b:.0f} to about {a:.0f} minutes.",
    ]
    did = []
    if c.get("removed-duplicate"):
        did.append("repeated questions were removed")
    if c.get("grouped"):
        did.append("blocks repeated per person became one table")
    if c.get("merged-section"):
        did.append("overlapping sections were merged")
    if c.get("boilerplate-once") or any(x.get("type") == "guidance" for x in proposal.changes):
        did.append("repeated instructions appear once")
    if did:
        text = ", ".join(did[:-1]) + (" and " if len(did) > 1 else "") + did[-1]
        out.append(f"{text[0].upper()}{text[1:]}; the change log lists every original question.")
    else:
        out.append("Nothing was removed; the change log lists every original question and its status.")
    return out


# ------------------------------------------------------------------------------------- documents


def build_docx(proposal_or_form) -> bytes:
    """The fillable DOCX of a proposal (with its "What changed and why" section) or of a form model."""
    import docx
    from docx.oxml import parse_xml

    form: Form = getattr(proposal_or_form, "after", proposal_or_form)
    proposal = proposal_or_form if hasattr(proposal_or_form, "after") else None
    d = docx.Document()
    body = d.element.body
    sect = d.sections[0]
    sect.page_width, sect.page_height = PAGE_W * 635, PAGE_H * 635
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sect, side, MARGIN * 635)
    d.core_properties.title = form.title or ""
    d.core_properties.subject = "Streamlined by formaudit"
    ids = _Ids()
    xml: list[str] = []
    if form.title:
        xml.append(_p(_run(form.title), style="Title"))
    secs = list(form.sections)
    while secs and secs[0].title is None:  # the part before the first heading comes first
        xml.extend(_section_blocks(ids, secs.pop(0)))
    if proposal is not None:
        xml.append(_p(_run(PREFACE_TITLE), style="Heading1"))
        xml.extend(_p(_run(t)) for t in _preface(proposal))
    for s in secs:
        if s.title is not None:
            lvl = min(max(int(s.level or 1), 1), 9)
            xml.append(_p(_run(s.title), style=f"Heading{lvl}"))
        xml.extend(_section_blocks(ids, s))
    sect_pr = body.sectPr
    frag = parse_xml(f"<w:body {NS}>{''.join(xml)}</w:body>")
    for child in list(frag):
        sect_pr.addprevious(child)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def write_docx(proposal_or_form, path: str | os.PathLike, force: bool = False) -> None:
    """Write the fillable DOCX atomically; refuses to overwrite an existing file unless ``force``."""
    atomic_write(path, build_docx(proposal_or_form), force=force)


def write_model(proposal_or_form, path: str | os.PathLike, force: bool = False) -> None:
    """Write the (streamlined) form model as YAML (schema ``formaudit.form/1``)."""

    atomic_write(path, model_text(proposal_or_form), force=force)


def model_text(proposal_or_form) -> str:
    """The (streamlined) form model as YAML text."""
    import yaml

    form: Form = getattr(proposal_or_form, "after", proposal_or_form)
    return yaml.safe_dump(form.to_dict(), sort_keys=False, allow_unicode=True, width=110)


def _md(s: Any) -> str:
    return str(s if s is not None else "(untitled)").replace("|", "\\|").replace("\n", " ")


def render_changelog(proposal) -> str:
    """The change log as Markdown: the summary, then every original field and what happened to it."""
    s = proposal.summary()
    b, a, sv = s["minutes_before"], s["minutes_after"], s["minutes_saved"]
    lines = [
        f"# Change log: {_md(proposal.before.title or proposal.before.source)}",
        "",
        f"Source: `{proposal.before.source}`. Streamlined by formaudit.",
        "",
        "| | before | after | saved |",
        "|---|---:|---:|---:|",
        f"| fields | {s['fields_before']} | {s['fields_after']} | {s['fields_before'] - s['fields_after']} |",
        f"| pre-filled | 0 | {s['prefilled_after']} | |",
        f"| minutes (low–expected–high) | {b['low']:.1f}–{b['expected']:.1f}–{b['high']:.1f} "
        f"| {a['low']:.1f}–{a['expected']:.1f}–{a['high']:.1f} "
        f"| {sv['low']:.1f}–{sv['expected']:.1f}–{sv['high']:.1f} |",
        "",
        "Changes by type: " + ", ".join(f"{k} {v}" for k, v in s["changes"].items()) + ".",
        "",
        "## Every original field",
        "",
        "| # | original section › label | what now | why |",
        "|---:|---|---|---|",
    ]
    for i, c in enumerate(proposal.field_changes, 1):
        now = c.get("now") or {}
        act = c["action"]
        codes = ", ".join(c.get("codes") or [])
        if act == "kept" and now.get("label") == c["label"]:
            what = "kept"
        else:
            what = f"{act}: {_md(now.get('section'))} › {_md(now.get('label'))}"
            extra = [x for x in c["actions"] if x != act and x != "kept"]
            if extra:
                what += f" (also {', '.join(extra)})"
        why = _md(c.get("reason", ""))
        if codes:
            why = f"{codes}: {why}"
        lines.append(f"| {i} | {_md(c['section'])} › {_md(c['label'])} | {what} | {why} |")
    others = [c for c in proposal.changes if c.get("type") != "field"]
    if others:
        lines += ["", "## Sections and guidance", ""]
        for c in others:
            code = f" ({c['code']})" if c.get("code") else ""
            lines.append(f"- **{_md(c.get('section'))}** — {c['action']}{code}: {_md(c.get('reason', ''))}")
    return "\n".join(lines) + "\n"


def write_changelog(proposal, path: str | os.PathLike, force: bool = False) -> None:
    atomic_write(path, render_changelog(proposal), force=force)
