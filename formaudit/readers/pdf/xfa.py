"""Dynamic XFA forms (Adobe LiveCycle / AEM Designer): the fields exist only in the XFA template, an
XML packet in the AcroForm's /XFA entry; /Fields is empty and the PDF's page shows a "please wait"
message that only an XFA viewer replaces. Such a file has no widgets and no printed layout to read,
so the form is read from its template instead.

Named heuristic — *XFA template reading*: in document order,

* a ``<field>`` is a question: its label is its caption, else its tooltip (``assist/toolTip``) or
  spoken text, else a plain ``<draw>`` text just before it, else its name; its kind comes from its
  ``<ui>`` (``textEdit`` — ``multiLine`` is a long answer —, ``dateTimeEdit``, ``numericEdit``,
  ``choiceList`` with its ``<items>``, ``checkButton``, ``signature``); buttons, images, bar codes and
  hidden fields are not questions;
* an ``<exclGroup>`` (radio buttons) is one choice: its options are its buttons' captions, its label
  its tooltip or the plain text before it;
* check boxes following a plain text question are that question's options (multi-choice);
* a ``<draw>`` text set bold or larger than the body size (XFA's default is 10 pt) and short is a
  heading — the first, largest one before any field the form's title, the others sections, levelled
  by size; other draw text is section guidance.

Master pages (``pageSet``: running headers and footers) and scripts are skipped. Repeating
subforms are read once (the template holds one instance).
"""

from __future__ import annotations

import re

from ...errors import FormError
from ...model import Field, Form, Section
from ..common import clean_label, kind_from_label, squash, yes_no_kind
from . import tolerances as tol
from .data import WORDS_PER_LINE

#: elements whose content is never part of the form's questions
_SKIP = {
    "pageSet",
    "proto",
    "variables",
    "script",
    "event",
    "bind",
    "calculate",
    "validate",
    "desc",
    "extras",
}
#: a field's ``<ui>`` child -> kind (None: not a question)
_UI_KIND = {
    "textEdit": "text",
    "passwordEdit": "text",
    "dateTimeEdit": "date",
    "numericEdit": "number",
    "choiceList": "choice",
    "checkButton": "checkbox",
    "signature": "signature",
    "button": None,
    "imageEdit": None,
    "barcode": None,
}
#: the template packet: the <template> element in the XFA template namespace (the config packet
#: has a <template> element of its own)
_TEMPLATE_RE = re.compile(rb"<template\b[^>]*xfa-template[^>]*>.*?</template\s*>", re.S)
_LENGTH_RE = re.compile(r"^\s*([\d.]+)\s*(mm|cm|in|pt)?\s*$")
#: points per unit; a length without a unit is in inches (the XFA default), a font size in points
_PT_PER = {
    "mm": tol.PT_PER_INCH / tol.MM_PER_INCH,
    "cm": tol.PT_PER_INCH / tol.CM_PER_INCH,
    "in": tol.PT_PER_INCH,
    "pt": 1.0,
    None: tol.PT_PER_INCH,
}


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el, name: str):
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _text_of(el) -> str:
    """The text of a ``<value>`` / ``<caption>`` / ``<toolTip>`` (plain or rich ``exData``)."""
    if el is None:
        return ""
    return squash(" ".join(t for t in el.itertext()))


def _caption(el) -> str:
    cap = _child(el, "caption")
    if cap is None or cap.get("presence") in ("hidden", "invisible"):
        return ""
    return _text_of(_child(cap, "value"))


def _assist(el) -> str:
    a = _child(el, "assist")
    if a is None:
        return ""
    return _text_of(_child(a, "toolTip")) or _text_of(_child(a, "speak"))


def _length_pt(v: str | None) -> float:
    m = _LENGTH_RE.match(v or "")
    return float(m.group(1)) * _PT_PER[m.group(2)] if m else 0.0


def _font(el) -> tuple[float, bool]:
    """A draw's font size (pt; a bare number is points) and whether it is bold."""
    f = _child(el, "font")
    if f is None:
        return tol.XFA_BODY_PT, False
    m = _LENGTH_RE.match(f.get("size") or "")
    size = float(m.group(1)) * _PT_PER[m.group(2) or "pt"] if m else 0.0
    return (size or tol.XFA_BODY_PT), f.get("weight") == "bold"


def _items(el) -> list[str]:
    """A choice list's shown items: the first ``<items>`` that is not the hidden save values."""
    lists = [c for c in el if _local(c.tag) == "items"]
    shown = [c for c in lists if c.get("presence") != "hidden" and c.get("save") != "1"] or lists
    return [squash(t) for t in (_text_of(i) for i in shown[0])] if shown else []


def _text_of_name(v) -> str:
    if isinstance(v, bytes):
        return v.decode("latin-1", "replace")
    return str(v) if v is not None else ""


def template_root(pdf, path):
    """The parsed XFA template of an open pdfplumber PDF, or None when it has no XFA. A template that
    cannot be parsed is a one-line error."""
    from pdfminer.pdftypes import PDFStream, resolve1

    from .parser_errors import _raised_by_parser

    try:
        acro = resolve1(pdf.doc.catalog.get("AcroForm"))
        if not isinstance(acro, dict) or "XFA" not in acro:
            return None
        xfa = resolve1(acro.get("XFA"))
        parts: list[bytes] = []
        if isinstance(xfa, PDFStream):
            parts.append(xfa.get_data())
        elif isinstance(xfa, list):  # [name stream name stream ...]: the packet named "template"
            for k in range(1, len(xfa), 2):
                s = resolve1(xfa[k])
                if isinstance(s, PDFStream) and _text_of_name(resolve1(xfa[k - 1])) == "template":
                    parts = [s.get_data()]
                    break
                if isinstance(s, PDFStream):
                    parts.append(s.get_data())
    except Exception as e:  # a damaged catalog: not read as XFA
        if not _raised_by_parser(e):
            raise
        return None
    data = b"".join(parts)
    m = _TEMPLATE_RE.search(data)
    if m is None:
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        return etree.fromstring(m.group(0), parser)
    except etree.XMLSyntaxError as e:
        raise FormError(path, f"XFA form whose template cannot be read ({squash(str(e.msg))[:80]})") from None


def read_template(root, source: str) -> Form | None:
    """The form an XFA template describes; None when the template has no questions."""
    events: list[tuple] = []  # ("draw", text, size, bold) | ("field", Field) | ("check", caption)

    def walk(el) -> None:
        for c in el:
            tag = _local(c.tag)
            if tag in _SKIP or c.get("presence") in ("hidden", "inactive"):
                continue
            if tag == "draw":
                t = _text_of(_child(c, "value"))
                if t:
                    size, bold = _font(c)
                    events.append(("draw", t, size, bold))
            elif tag == "field":
                _field_event(c, events)
            elif tag == "exclGroup":
                opts = []
                for b in c:
                    if _local(b.tag) == "field" and b.get("presence") not in ("hidden", "inactive"):
                        o = _caption(b) or _assist(b) or " ".join(_items(b)) or (b.get("name") or "")
                        if o and o not in opts:
                            opts.append(squash(o))
                label = _caption(c) or _assist(c)
                events.append(("group", label, opts, c.get("name") or ""))
            else:
                walk(c)

    walk(root)
    if not any(e[0] in ("field", "group", "check") for e in events):
        return None
    return _assemble(events, source)


def _field_event(c, events: list) -> None:
    ui = _child(c, "ui")
    widget = next((w for w in (ui if ui is not None else []) if _local(w.tag) in _UI_KIND), None)
    kind = _UI_KIND.get(_local(widget.tag)) if widget is not None else "text"
    if kind is None:
        return
    label = clean_label(_caption(c) or _assist(c))
    if kind == "checkbox":
        events.append(("check", label, c.get("name") or ""))
        return
    fld = Field(id="", label=label, kind=kind)
    if kind == "text":
        if widget is not None and widget.get("multiLine") == "1":
            h = _length_pt(c.get("h")) or _length_pt(c.get("minH"))
            lines = max(2, round(h / tol.LINE_PT)) if h else tol.PROMPT_BOX_LINES
            fld.kind = "long_text"
            fld.capacity = {"lines": lines, "words": lines * WORDS_PER_LINE}
    elif kind == "choice":
        fld.options = _items(c)
        if widget is not None and widget.get("open") == "multiSelect":
            fld.kind = "multi_choice"
        elif yes_no_kind(fld.options) == "yes_no":
            fld.kind = "yes_no"
    events.append(("field", fld, c.get("name") or ""))


def _name_label(name: str) -> str:
    from .acroform import _name_label as by_name

    return by_name(name)


def _labels_next(e: tuple, after: list[tuple], body: float) -> bool:
    """A bold body-size draw text directly before a question without a caption of its own (or before
    a list of check boxes) is that question's label (forms set their labels bold), not a heading."""
    if not after or e[2] > body + tol.SIZE_STEP_PT:
        return False
    nxt = after[0]
    if nxt[0] == "field":
        return not nxt[1].label
    if nxt[0] == "group":
        return not nxt[1]
    return nxt[0] == "check" and (not nxt[1] or (len(after) > 1 and after[1][0] == "check"))


def _assemble(events: list[tuple], source: str) -> Form:
    plain = [e[2] for e in events if e[0] == "draw" and not e[3]]
    body = max(set(plain), key=plain.count) if plain else tol.XFA_BODY_PT

    def is_heading(e) -> bool:
        _, text, size, bold = e
        if len(text) > tol.HEADING_MAX_CHARS or (
            text.endswith(".") and len(text.split()) >= tol.SENTENCE_MIN_WORDS
        ):
            return False
        return bold or size > body + tol.SIZE_STEP_PT

    heads = [e for e in events if e[0] == "draw" and is_heading(e)]
    sizes = sorted({(e[2], e[3]) for e in heads}, reverse=True)
    title = None
    first_q = next((i for i, e in enumerate(events) if e[0] != "draw"), len(events))
    top = max((e[2] for e in heads), default=0)
    for i, e in enumerate(events[:first_q]):
        if e[0] == "draw" and is_heading(e) and e[2] == top and any(h[2] < top for h in heads):
            title = e[1]
            events = events[:i] + events[i + 1 :]
            sizes = sorted({(h[2], h[3]) for h in heads if h is not e}, reverse=True)
            break
    level_of = {s: k + 1 for k, s in enumerate(sizes)}
    form = Form(source=source, format="pdf", title=title)
    cur = Section(title=None, level=1)
    form.sections.append(cur)
    pending: str = ""  # plain text just before a question (its label when the field has no caption)
    i = 0
    while i < len(events):
        e = events[i]
        if e[0] == "draw":
            if is_heading(e) and not _labels_next(e, events[i + 1 : i + 3], body):
                cur = Section(title=clean_label(e[1]) or e[1], level=level_of[(e[2], e[3])])
                form.sections.append(cur)
                pending = ""
            else:
                if pending:
                    cur.guidance = squash(cur.guidance + " " + pending)
                pending = e[1]
            i += 1
            continue
        if e[0] == "check":
            run = [e]
            while i + len(run) < len(events) and events[i + len(run)][0] == "check":
                run.append(events[i + len(run)])
            if pending and len(run) >= 2:
                opts = [r[1] or _name_label(r[2]) for r in run]
                kind = "yes_no" if yes_no_kind(opts) == "yes_no" else "multi_choice"
                cur.fields.append(Field(id="", label=clean_label(pending), kind=kind, options=opts))
            else:
                for r in run:
                    label = r[1] or clean_label(pending) or _name_label(r[2])
                    pending = ""
                    cur.fields.append(Field(id="", label=label, kind="checkbox"))
            pending = ""
            i += len(run)
            continue
        if e[0] == "group":
            _, label, opts, name = e
            label = clean_label(label) or clean_label(pending) or _name_label(name)
            cur.fields.append(Field(id="", label=label, kind=yes_no_kind(opts), options=opts))
        else:
            fld, name = e[1], e[2]
            if not fld.label:
                fld.label = clean_label(pending) or _name_label(name)
            elif pending:
                cur.guidance = squash(cur.guidance + " " + pending)
            if fld.kind == "text" or (fld.kind == "number" and kind_from_label(fld.label)):
                fld.kind = kind_from_label(fld.label) or fld.kind
            cur.fields.append(fld)
        pending = ""
        i += 1
    if pending:
        cur.guidance = squash(cur.guidance + " " + pending)
    return form.finalise()
