"""Recover the answers of a filled-in form, field by field, for ``formaudit usage``.

Answers stay in memory: :func:`answers` returns ``{field id: answer text}`` for the fields of a template
:class:`~formaudit.model.Form` that the filled file answers, and the caller reduces each answer at once to
what the statistics need (answered or not, a word count, a printed option, a keyed hash). Nothing here
writes, logs or caches a value.

Where an answer lives:

* **Word** (``.docx``): a content control's contents (not its placeholder: ``w:showingPlcHdr``; a check
  box's ``w14:checked``), a legacy FORMTEXT result (not its default blank), FORMCHECKBOX state and
  FORMDROPDOWN choice, the text of an answer cell next to a label cell, and the value of a "Label: value"
  line. Each answer place ("slot") carries the labels it could belong to — the control's title or name,
  the text before or after it on its line, the label cell beside it, the line above — and is matched to
  the template's fields by normalised label, in document order (the k-th field with a label takes the
  k-th free slot carrying it).
* **PDF** with AcroForm fields: each field's value (``/V``), tied to the field the PDF reader made from
  its widget (:data:`formaudit.readers.pdf.acroform.FIELD_OBSERVER`), then matched to the template's
  fields by label and order.

A field of the template that no answer place carries even in the blank template is *not observable*
(:func:`observable`): its statistics are left out rather than reported as never answered.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FormError
from ..model import CLOSED_KINDS, Form

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
CHECKED = "checked"
#: Characters that only draw a blank to write on (leaders, tick-box glyphs, Word's en-space default).
_BLANK_CHARS = re.compile(r"[_.…\u2002\u2003\u00a0\u2610\u25a1\u25a2\u274f\u2751]{2,}|[\u2610\u25a1\u2002]")
#: Largest part read (bytes); the zip guard has already bounded the archive.
MAX_PART_BYTES = 64 * 1024 * 1024


@dataclass
class Slot:
    """One place a filled form holds an answer: the labels it may belong to and what it holds."""

    labels: list[str]
    value: str
    kind: str = "text"  # text | check | choice
    used: bool = field(default=False)
    #: the text as printed, tick-box glyphs kept (a plain cell or line answering a closed question)
    raw: str = ""
    #: a check box's own text (the option it stands for), as a label key
    option: str = ""


def label_key(s: str | None) -> str:
    """The comparison key of a label, as the readers clean it (case, spacing, colons, markers)."""
    from ..readers.common import clean_label, norm_key

    return norm_key(clean_label(s or "")) if s else ""


def clean_value(s: str) -> str:
    """An answer without blank-drawing characters or Word's prompt; "" when nothing was typed."""
    from ..readers.common import DATE_BLANK_RE, is_placeholder, squash

    v = squash(_BLANK_CHARS.sub(" ", DATE_BLANK_RE.sub(" ", s or "")))
    if not v or is_placeholder(v) or not any(c.isalnum() for c in v):
        return ""
    return v


# ------------------------------------------------------------------------------------------- public


def answers(path: str | Path, template: Form) -> dict[str, str]:
    """``{field id of template: answer}`` for the fields of ``template`` that ``path`` answers (blank
    answers are ``""``; a field with no answer place is absent). Raises FormError on an unreadable file."""
    p = Path(path)
    ext = p.suffix.lower()
    if ext in (".docx", ".docm", ".dotx", ".dotm"):
        return match_slots(docx_slots(p), template)
    if ext == ".pdf":
        return pdf_answers(p, template)
    raise FormError(p, "answers are read from .docx and fillable .pdf forms only")


def read_filled(path: str | Path) -> tuple[Form, list[Slot]]:
    """A filled form's structure (read as a blank form is read, never cached) and its answer slots."""
    p = Path(path)
    ext = p.suffix.lower()
    if ext == ".pdf":
        return read_pdf_filled(p)
    if ext not in (".docx", ".docm", ".dotx", ".dotm"):
        raise FormError(p, "not a completed form formaudit usage reads (.docx or fillable .pdf)")
    from ..readers import read_form

    form = read_form(p)
    try:
        return form, docx_slots(p)
    except (RecursionError, MemoryError) as e:
        raise FormError(
            p, f"cannot be read: the file is too large or nested too deeply ({type(e).__name__})"
        ) from None


def observable(path: str | Path, template: Form) -> set[str]:
    """Ids of the template's fields whose answer place this reader finds in the (blank) template."""
    try:
        return set(answers(path, template))
    except FormError:
        return set()


def match_slots(slots: list[Slot], template: Form) -> dict[str, str]:
    """Give each template field (in order) the first free slot after the previous match that carries its
    label (else the first free one anywhere)."""
    by_label: dict[str, list[int]] = {}
    for i, s in enumerate(slots):
        for lab in dict.fromkeys(s.labels):
            if lab:
                by_label.setdefault(lab, []).append(i)
    out: dict[str, str] = {}
    last = -1
    for _sec, f in template.iter_fields():
        cands = [i for i in by_label.get(label_key(f.label), ()) if not slots[i].used]
        if not cands:
            continue
        i = next((c for c in cands if c > last), cands[0])
        slots[i].used = True
        last = i
        out[f.id] = slots[i].value
        if f.kind in CLOSED_KINDS and f.kind != "checkbox":
            out[f.id], last = _closed_answer(f, slots, i, label_key(f.label))
    return out


#: Glyphs that mark a ticked box in typed text.
TICKED = "\u2612\u2611\u2713\u2714\u2717\u2718\u25a0\u25a3"
#: Glyphs that draw an empty box.
UNTICKED = "\u2610\u25a1\u25a2\u274f\u2751"


def _closed_answer(f, slots: list[Slot], i: int, key: str) -> tuple[str, int]:
    """The printed option a closed question's answer place(s) chose, or "" (nothing chosen)."""
    s = slots[i]
    if s.kind == "choice":
        return s.value, i
    if s.kind == "check":
        # one check box per option, consecutive, each carrying the question's label
        group = [i]
        j = i + 1
        while j < len(slots) and not slots[j].used and slots[j].kind == "check" and key in slots[j].labels:
            group.append(j)
            j += 1
        for k in group:
            slots[k].used = True
        by_key = {label_key(o): o for o in f.options}
        chosen = [by_key.get(slots[k].option, "") for k in group if slots[k].value]
        return "; ".join(c for c in chosen if c) or (
            "" if not any(slots[k].value for k in group) else "?"
        ), group[-1]
    return _ticked_option(s.raw, f.options), i


def _ticked_option(raw: str, options: list[str]) -> str:
    """In printed text such as "Yes ☒ No ☐" (or "☐ Yes ☒ No"), the options whose box is ticked ("" if
    none). A box belongs to the option after it when the text starts with a box, else to the one before."""
    if not raw or not any(c in raw for c in TICKED):
        return ""
    text = raw.strip()
    boxes_first = bool(text) and (text[0] in TICKED or text[0] in UNTICKED)
    chosen = []
    low = text.casefold()
    for o in options:
        k = o.casefold()
        pos = low.find(k)
        if pos < 0:
            continue
        mark = text[:pos].rstrip()[-1:] if boxes_first else text[pos + len(k) :].lstrip()[:1]
        if mark and mark in TICKED:
            chosen.append(o)
    return "; ".join(chosen)


# ------------------------------------------------------------------------------------------------ DOCX


def docx_slots(path: Path) -> list[Slot]:
    """Every answer place of a Word document's body, in document order."""
    from ..safety import check_no_dtd, check_zip, parse_xml

    check_zip(path)
    check_no_dtd(path)
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > MAX_PART_BYTES:
                raise FormError(path, "word/document.xml is too large")
            data = z.read(info)
    except (zipfile.BadZipFile, KeyError, EOFError, OSError) as e:
        raise FormError(path, f"corrupt .docx ({type(e).__name__})") from None
    root = parse_xml(data, path, "word/document.xml")
    body = root.find(f"{W}body")
    walker = _DocxWalker()
    if body is not None:
        walker.blocks(body, prev_cell="")
    return walker.slots


def _text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t", f"{W}tab") if t.tag == f"{W}t")


class _DocxWalker:
    def __init__(self) -> None:
        self.slots: list[Slot] = []
        self.prev_para = ""

    # blocks: paragraphs, tables and block-level content controls
    def blocks(self, parent, prev_cell: str) -> None:
        for el in parent:
            tag = el.tag
            if tag == f"{W}p":
                self.paragraph(el, prev_cell)
            elif tag == f"{W}tbl":
                self.table(el)
            elif tag == f"{W}sdt":
                content = el.find(f"{W}sdtContent")
                if content is None:
                    continue
                if content.find(f"{W}tc") is not None or content.find(f"{W}tr") is not None:
                    self.blocks(content, prev_cell)
                elif _sdt_is_answer(el):
                    value = _sdt_value(el)
                    labels = [*_sdt_names(el), prev_cell, self.prev_para]
                    self.slots.append(Slot([label_key(x) for x in labels], value, _sdt_kind(el)))
                    self.prev_para = ""
                else:
                    self.blocks(content, prev_cell)

    def table(self, tbl) -> None:
        for tr in _children(tbl, "tr"):
            prev = ""
            for tc in _children(tr, "tc"):
                has_control = any(True for _ in tc.iter(f"{W}sdt")) or any(
                    True for _ in tc.iter(f"{W}ffData")
                )
                has_table = tc.find(f"{W}tbl") is not None
                text = " ".join(_text_of(p) for p in tc.iter(f"{W}p"))
                if has_control or has_table:
                    self.prev_para = ""
                    self.blocks(tc, prev_cell=prev)
                elif prev:
                    # a plain answer cell beside its label cell
                    self.slots.append(Slot([label_key(prev)], clean_value(text), raw=text))
                    self.prev_para = ""
                prev = "" if has_control else text

    def paragraph(self, p, prev_cell: str) -> None:
        pieces: list[object] = []  # str text, or a Slot for a control
        ff = None  # the legacy form field being read: [ffData, result parts, in_result]
        depth = 0
        for el in p.iter():
            tag = el.tag
            if tag == f"{W}sdt":
                if _sdt_is_answer(el) and not _inside_sdt(el, p):
                    pieces.append(Slot(list(_sdt_names(el)), _sdt_value(el), _sdt_kind(el)))
                continue
            if _inside_sdt(el, p):
                continue
            if tag == f"{W}fldChar":
                kind = el.get(f"{W}fldCharType")
                if kind == "begin":
                    depth += 1
                    ffd = el.find(f"{W}ffData")
                    if ffd is not None and depth == 1:
                        ff = [ffd, [], False]
                elif kind == "separate" and ff is not None and depth == 1:
                    ff[2] = True
                elif kind == "end":
                    if ff is not None and depth == 1:
                        pieces.append(_legacy_slot(ff[0], "".join(ff[1])))
                        ff = None
                    depth = max(0, depth - 1)
            elif tag == f"{W}t":
                if ff is not None:
                    if ff[2]:
                        ff[1].append(el.text or "")
                else:
                    pieces.append(el.text or "")
            elif tag == f"{W}tab" and ff is None and _parent_tag(el) == f"{W}r":
                pieces.append(" ")
        plain = "".join(x for x in pieces if isinstance(x, str))
        controls = [i for i, x in enumerate(pieces) if isinstance(x, Slot)]
        if controls:
            for n, i in enumerate(controls):
                lo = controls[n - 1] + 1 if n else 0
                hi = controls[n + 1] if n + 1 < len(controls) else len(pieces)
                before = "".join(x for x in pieces[lo:i] if isinstance(x, str))
                after = "".join(x for x in pieces[i + 1 : hi] if isinstance(x, str))
                s = pieces[i]
                assert isinstance(s, Slot)
                s.option = label_key(after) or label_key(before)
                s.labels = [
                    label_key(x) for x in (*s.labels, before, after, plain, prev_cell, self.prev_para)
                ]
                self.slots.append(s)
        elif ":" in plain:
            label, _, value = plain.partition(":")
            if label.strip() and len(label) <= 200:
                self.slots.append(Slot([label_key(label)], clean_value(value), raw=value))
        if plain.strip():
            self.prev_para = plain


def _parent_tag(el) -> str:
    parent = el.getparent()
    return parent.tag if parent is not None else ""


def _children(el, name: str):
    """``w:<name>`` children of ``el``, looking through content controls wrapping rows or cells."""
    for c in el:
        if c.tag == f"{W}{name}":
            yield c
        elif c.tag == f"{W}sdt":
            content = c.find(f"{W}sdtContent")
            if content is not None:
                yield from _children(content, name)


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _inside_sdt(el, stop) -> bool:
    """Inside a content control (read as one answer) or a text box's fallback copy (read once, not twice)."""
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag == f"{W}sdt" or node.tag == _FALLBACK:
            return True
        node = node.getparent()
    return False


def _sdt_is_answer(sdt) -> bool:
    """A content control that takes an answer (not a container of a whole table or a section)."""
    content = sdt.find(f"{W}sdtContent")
    if content is None:
        return False
    return content.find(f".//{W}tbl") is None


def _sdt_names(sdt) -> list[str]:
    pr = sdt.find(f"{W}sdtPr")
    if pr is None:
        return []
    out = []
    for name in ("alias", "tag"):
        e = pr.find(f"{W}{name}")
        if e is not None and e.get(f"{W}val"):
            out.append(e.get(f"{W}val"))
    return out


def _sdt_kind(sdt) -> str:
    pr = sdt.find(f"{W}sdtPr")
    if pr is None:
        return "text"
    if pr.find(f"{W14}checkbox") is not None:
        return "check"
    if pr.find(f"{W}dropDownList") is not None or pr.find(f"{W}comboBox") is not None:
        return "choice"
    return "text"


def _sdt_value(sdt) -> str:
    pr = sdt.find(f"{W}sdtPr")
    if pr is not None:
        if pr.find(f"{W}showingPlcHdr") is not None:
            return ""
        cb = pr.find(f"{W14}checkbox")
        if cb is not None:
            c = cb.find(f"{W14}checked")
            on = c is not None and (c.get(f"{W14}val") or "1").lower() in ("1", "true", "on")
            return CHECKED if on else ""
    content = sdt.find(f"{W}sdtContent")
    if content is None:
        return ""
    paras = content.findall(f".//{W}p")
    text = "\n".join(_text_of(p) for p in paras) if paras else _text_of(content)
    return clean_value(text)


def _legacy_slot(ffd, result: str) -> Slot:
    name_el = ffd.find(f"{W}name")
    names = [name_el.get(f"{W}val")] if name_el is not None and name_el.get(f"{W}val") else []
    cb = ffd.find(f"{W}checkBox")
    if cb is not None:
        c = cb.find(f"{W}checked")
        if c is None:
            c = cb.find(f"{W}default")
            on = c is not None and (c.get(f"{W}val") or "0").lower() in ("1", "true", "on")
        else:
            on = (c.get(f"{W}val") or "1").lower() in ("1", "true", "on")
        return Slot(names, CHECKED if on else "", "check")
    dd = ffd.find(f"{W}ddList")
    if dd is not None:
        entries = [e.get(f"{W}val") or "" for e in dd.findall(f"{W}listEntry")]
        # Word records w:result once an entry other than the default is picked; without it the box shows
        # its default, which cannot be told from an untouched box: counted as not answered
        r = dd.find(f"{W}result")
        try:
            idx = int(r.get(f"{W}val") or -1) if r is not None else -1
        except ValueError:
            idx = -1
        value = entries[idx] if 0 <= idx < len(entries) else ""
        return Slot(names, clean_value(value), "choice")
    default = ""
    ti = ffd.find(f"{W}textInput")
    if ti is not None:
        d = ti.find(f"{W}default")
        if d is not None:
            default = d.get(f"{W}val") or ""
    value = clean_value(result)
    if default and value == clean_value(default):
        value = ""
    return Slot(names, value, "text")


# ------------------------------------------------------------------------------------------------- PDF


def pdf_answers(path: Path, template: Form) -> dict[str, str]:
    """AcroForm values of a filled PDF, matched to ``template``'s fields through the filled form's reading."""
    return match_slots(read_pdf_filled(path)[1], template)


def read_pdf_filled(path: Path) -> tuple[Form, list[Slot]]:
    """The PDF's reading (as for a blank form) and its answer slots (one per widget field, labelled as read)."""
    from ..readers import read_form
    from ..readers.pdf.acroform import FIELD_OBSERVER

    names_of: dict[int, list[str]] = {}

    def observe(fld, names):
        names_of[id(fld)] = names

    token = FIELD_OBSERVER.set(observe)
    try:
        filled = read_form(path)
    finally:
        FIELD_OBSERVER.reset(token)
    values = _acroform_values(path) if names_of else {}
    slots: list[Slot] = []
    for _sec, f in filled.iter_fields():
        names = names_of.get(id(f))
        if names is None:
            continue
        vals = [values.get(n, "") for n in dict.fromkeys(names)]
        value = next((v for v in vals if v), "")
        if value and f.options and value not in f.options:
            value = _state_option(value, f.options)
        kind = "check" if f.kind == "checkbox" else "choice" if f.kind in ("choice", "yes_no") else "text"
        if kind == "check" and value:
            value = CHECKED
        slots.append(Slot([label_key(f.label)], value, kind))
    return filled, slots


def _state_option(state: str, options: list[str]) -> str:
    k = label_key(state)
    for o in options:
        if label_key(o) == k:
            return o
    return state


def _acroform_values(path: Path) -> dict[str, str]:
    """``{fully qualified field name: value}`` of the terminal AcroForm fields ("" when off/empty)."""
    import pdfplumber
    from pdfminer.pdftypes import PDFObjRef, resolve1
    from pdfminer.psparser import PSLiteral

    def text(v) -> str:
        v = resolve1(v)
        if isinstance(v, PSLiteral):
            n = v.name
            n = n.decode("latin-1") if isinstance(n, bytes) else str(n)
            return "" if n == "Off" else n
        if isinstance(v, bytes):
            if v.startswith((b"\xfe\xff", b"\xff\xfe")):
                return v.decode("utf-16", "replace")
            return v.decode("latin-1")
        if isinstance(v, str):
            return v
        if isinstance(v, list):
            return "; ".join(t for t in (text(x) for x in v) if t)
        return ""

    out: dict[str, str] = {}
    seen: set[int] = set()
    try:
        with pdfplumber.open(path) as pdf:
            acro = resolve1(pdf.doc.catalog.get("AcroForm"))
            fields = resolve1(acro.get("Fields")) if isinstance(acro, dict) else None

            def walk(ref, parent: str, inherited_v, depth: int) -> None:
                if depth > 30:
                    return
                oid = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
                if oid in seen:
                    return
                seen.add(oid)
                node = resolve1(ref)
                if not isinstance(node, dict):
                    return
                part = text(node.get("T"))
                name = f"{parent}.{part}" if parent and part else (part or parent)
                v = node.get("V", inherited_v)
                kids = resolve1(node.get("Kids"))
                kids = kids if isinstance(kids, list) else []
                fkids = [k for k in kids if isinstance(resolve1(k), dict) and "T" in resolve1(k)]
                if fkids:
                    for k in fkids:
                        walk(k, name, v, depth + 1)
                    return
                out[name] = text(v) if v is not None else ""

            for f in fields if isinstance(fields, list) else []:
                walk(f, "", None, 0)
    except FormError:
        raise
    except Exception as e:  # noqa: BLE001 - any parser failure is an unreadable file
        raise FormError(path, f"corrupt or unreadable PDF ({type(e).__name__})") from None
    return {k: clean_value(v) if v != CHECKED else v for k, v in out.items()}
