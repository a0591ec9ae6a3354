"""OpenDocument text (``.odt``/``.ott``): flattened into the DOCX reader's blocks and interpreted by it.

ODF and WordprocessingML describe the same things — paragraphs with styled spans, tables of rows and
cells, text boxes, fields and form controls — so this module only *flattens* ``content.xml`` (with the
paragraph, text, cell and row styles of ``styles.xml``) into :mod:`formaudit.readers.docx.blocks`
``Para``/``Table``/``Box`` blocks, and the DOCX ``Interpreter`` turns them into a form unchanged. What
maps to what:

* ``text:h`` (``text:outline-level``) and paragraph styles "Heading N" / ``style:default-outline-level``
  → heading level; a paragraph style "Title" → title; ``text:list`` items → numbered paragraphs;
* ``text:span`` bold/italic/size/underline from the automatic and common style chains (sizes in
  half-points like DOCX, pt × 2); ``text:tab``/``text:s``/``text:line-break``; an underlined run of
  spaces or a tab with a leader is a write-in line, as in DOCX;
* ``table:table`` rows and cells: ``table:number-columns-spanned`` → span, ``table:covered-table-cell``
  (a merged continuation) skipped, cell ``fo:background-color`` → fill, row heights and column widths
  → twips, nested tables;
* answer slots: form controls (``draw:control`` → ``office:forms``), the fields ``text:placeholder``,
  ``text:text-input`` and ``text:drop-down``, LibreOffice content controls (``loext:content-control``)
  and Word legacy form fields kept as field marks (``field:fieldmark*`` FORMTEXT/FORMCHECKBOX/
  FORMDROPDOWN); ``draw:frame``/``draw:text-box`` and text-bearing shapes → text boxes; headers and
  footers of the master pages are read once each.

A control's or field's current value — what someone typed into a filled-in form — is never kept.
The archive is checked before any XML is parsed (entry count, sizes, ratios, unsafe names, encryption)
and XML is parsed without DTDs or entities.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from collections import Counter
from pathlib import Path

from ..errors import FormError
from ..model import Form
from ..safety import ArchiveKind, check_archive, parse_xml
from .common import bounded_number, is_placeholder, squash
from .docx import header_fields
from .docx.blocks import (
    BULLET_BOXES,
    SYMBOL_BULLET_BOXES,
    WRITE_IN,
    Box,
    Cell,
    Control,
    Para,
    Row,
    Seg,
    Table,
    all_paras,
    apply_tag,
    bracket_boxes,
    is_option_prompt,
    placeholder_segs,
    symbol_boxes,
)
from .docx.interpret import Interpreter

__all__ = ["check_odt_zip", "read_odt"]

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
FORM = "{urn:oasis:names:tc:opendocument:xmlns:form:1.0}"
FIELD = "{urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0}"
LOEXT = "{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}"
XML = "{http://www.w3.org/XML/1998/namespace}"
MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"

#: The part every OpenDocument text has.
ODT_MAIN_PART = "content.xml"
#: MIME types of a text document and a text template (the ``mimetype`` entry).
_TEXT_MIMETYPES = (
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
)
_CORRUPT = "corrupt or truncated OpenDocument file (not a readable zip archive)"
#: How :func:`formaudit.safety.check_archive` names an OpenDocument file (content.xml is checked after
#: the manifest, so a password-protected file gets the clearer reason).
ODT_ARCHIVE = ArchiveKind(
    archive="the OpenDocument archive",
    genuine="a genuine OpenDocument file",
    corrupt=_CORRUPT,
    main_part=None,
    no_main_part="not an OpenDocument text (no content.xml)",
)
_ENCRYPTED = "password-protected (encrypted) OpenDocument file — remove the password and save again"
#: Default body size when no style states one: 12 pt, in half-points.
_DEFAULT_SIZE = 24.0
#: Styles followed up a parent-style chain before giving up (a cycle or an absurd chain in a damaged file).
_MAX_STYLE_CHAIN = 30
#: Deepest outline level ODF defines (text:outline-level 1–10).
_MAX_OUTLINE_LEVEL = 10
#: A hard cap on rows/cells repeated by ``number-*-repeated`` (spreadsheet-style compression).
_MAX_REPEAT = 100
_WS = re.compile(r"[ \t\r\n]+")
_LENGTH = re.compile(r"^\s*(-?[\d.]+)\s*(pt|cm|mm|in|pc|px|twip)?\s*$", re.I)
_TWIPS_PER = {"pt": 20.0, "cm": 566.93, "mm": 56.693, "in": 1440.0, "pc": 240.0, "px": 15.0, "twip": 1.0}
_CHOOSE = re.compile(r"^(choose|select) an? ", re.I)
_SYMBOL_FONTS = ("wingdings", "symbol", "webdings")


# --------------------------------------------------------------------------- the archive
def check_odt_zip(path: str | os.PathLike) -> None:
    """Raise :class:`FormError` unless ``path`` is an OpenDocument archive that is safe to parse.

    :func:`formaudit.safety.check_archive` (the same limits as for DOCX), from the archive index only: entry
    count, total unpacked size, compression ratio of large entries, no absolute or ``..`` names, no
    zip-encrypted entries, entry data inside the file, and a ``content.xml`` part. A document saved with
    a password (ODF encryption, declared in ``META-INF/manifest.xml``) is refused with a clear reason.
    """
    names = check_archive(path, ODT_ARCHIVE)
    if "META-INF/manifest.xml" in names:
        manifest = _read_part(path, "META-INF/manifest.xml")
        if b"encryption-data" in manifest:
            root = _parse(manifest, path, "META-INF/manifest.xml")
            if root.find(f".//{MANIFEST}encryption-data") is not None:
                raise FormError(path, _ENCRYPTED)
    if ODT_MAIN_PART not in names:
        raise FormError(path, ODT_ARCHIVE.no_main_part)
    if "mimetype" in names:
        mime = _read_part(path, "mimetype").decode("ascii", "replace").strip()
        if mime and mime not in _TEXT_MIMETYPES:
            raise FormError(path, f"not an OpenDocument text document (it is {mime})")


def _read_part(path, name: str) -> bytes:
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.read(name)
    except KeyError:
        return b""
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError):
        raise FormError(path, _CORRUPT) from None


def _parse(data: bytes, path, part: str):
    try:
        return parse_xml(data, path, part)
    except FormError as e:
        raise FormError(path, e.reason.replace("Word documents", "OpenDocument files")) from None


# --------------------------------------------------------------------------- units
#: Largest length read (in its own unit) and in twips: values beyond are clamped (no overflow).
_MAX_LENGTH = 1_000_000
_MAX_TWIPS = 31_680


def _twips(value: str | None) -> int | None:
    """An ODF length ("0.3153in", "1.2cm", "14pt") in twips (1/20 pt)."""
    m = _LENGTH.match(value or "")
    if not m:
        return None
    unit = (m.group(2) or "pt").lower()
    num = m.group(1)
    n = bounded_number(num.lstrip("-"), 0, _MAX_LENGTH, integer=False)
    if n is None:
        return None
    return (-1 if num.startswith("-") else 1) * round(min(n * _TWIPS_PER[unit], _MAX_TWIPS))


def _fill(color: str | None) -> str | None:
    """``fo:background-color`` as 6-hex uppercase; white and transparent are no fill."""
    if not color:
        return None
    c = color.strip().lstrip("#").upper()
    if len(c) == 3 and re.fullmatch(r"[0-9A-F]{3}", c):
        c = "".join(ch * 2 for ch in c)
    if not re.fullmatch(r"[0-9A-F]{6}", c) or c == "FFFFFF":
        return None
    return c


# --------------------------------------------------------------------------- styles
class _Style:
    __slots__ = ("name", "display", "parent", "text", "para", "cell", "row", "col", "outline", "list_style")

    def __init__(self, el):
        self.name = el.get(STYLE + "name") or ""
        self.display = (el.get(STYLE + "display-name") or self.name.replace("_20_", " ")).strip().lower()
        self.parent = el.get(STYLE + "parent-style-name")
        self.outline = el.get(STYLE + "default-outline-level")
        self.list_style = el.get(STYLE + "list-style-name")
        self.text = el.find(STYLE + "text-properties")
        self.para = el.find(STYLE + "paragraph-properties")
        self.cell = el.find(STYLE + "table-cell-properties")
        self.row = el.find(STYLE + "table-row-properties")
        self.col = el.find(STYLE + "table-column-properties")


def _text_props(tp, fonts: dict[str, str]) -> dict:
    """The run properties a ``style:text-properties`` element states (absent ones are left out)."""
    out: dict = {}
    if tp is None:
        return out
    w = tp.get(FO + "font-weight")
    if w:
        out["bold"] = w == "bold" or (bounded_number(w, 0, 1000) or 0) >= 600
    s = tp.get(FO + "font-style")
    if s:
        out["italic"] = s in ("italic", "oblique")
    sz = tp.get(FO + "font-size")
    if sz:
        out["size"] = sz.strip()
    u = tp.get(STYLE + "text-underline-style")
    if u:
        out["underline"] = u != "none"
    fname = tp.get(STYLE + "font-name")
    family = fonts.get(fname, fname) if fname else tp.get(FO + "font-family")
    if family:
        out["symbol"] = family.strip("'\" ").lower().startswith(_SYMBOL_FONTS)
    if tp.get(TEXT + "display") == "none":
        out["hidden"] = True
    return out


def _merge(base: dict, over: dict) -> dict:
    """``over`` on top of ``base``; a percentage size is relative to the base size (half-points)."""
    out = dict(base)
    for k, v in over.items():
        if k == "size":
            out["size"] = _size(v, base.get("size"))
        else:
            out[k] = v
    return out


def _size(value, base: float | None) -> float | None:
    if isinstance(value, (int, float)):
        return float(value)
    v = str(value)
    if v.endswith("%"):
        pct = bounded_number(v[:-1], 0, 10_000, integer=False)
        return base if pct is None else (base or _DEFAULT_SIZE) * pct / 100
    tw = _twips(v)
    return tw / 10 if tw else base  # twips → half-points


class _Styles:
    """Common styles (styles.xml), the automatic styles of the part being read, and the defaults."""

    def __init__(self, styles_root, content_root):
        self.fonts: dict[str, str] = {}
        for root in (styles_root, content_root):
            if root is None:
                continue
            for ff in root.iter(STYLE + "font-face"):
                fam = ff.get("{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}font-family") or ""
                self.fonts[ff.get(STYLE + "name") or ""] = fam.strip("'\" ")
        self.common: dict[tuple[str, str], _Style] = {}
        self.defaults: dict[str, dict] = {}
        self.styles_auto: dict[tuple[str, str], _Style] = {}
        self.content_auto: dict[tuple[str, str], _Style] = {}
        if styles_root is not None:
            office_styles = styles_root.find(OFFICE + "styles")
            if office_styles is not None:
                self._load(office_styles, self.common)
                for d in office_styles.findall(STYLE + "default-style"):
                    self.defaults[d.get(STYLE + "family") or ""] = _text_props(
                        d.find(STYLE + "text-properties"), self.fonts
                    )
            auto = styles_root.find(OFFICE + "automatic-styles")
            if auto is not None:
                self._load(auto, self.styles_auto)
        if content_root is not None:
            auto = content_root.find(OFFICE + "automatic-styles")
            if auto is not None:
                self._load(auto, self.content_auto)
        self.auto = self.content_auto
        # list styles whose bullet is an empty tick box: {(style name, level)}
        self.box_lists: set[tuple[str, int]] = set()
        for root in (styles_root, content_root):
            if root is not None:
                for ls in root.iter(TEXT + "list-style"):
                    self._load_list_style(ls)
        self._cache: dict = {}
        dflt = self.para_text(None)
        self.default_size = dflt.get("size") or _DEFAULT_SIZE

    def _load_list_style(self, ls) -> None:
        name = ls.get(STYLE + "name") or ""
        for lvl in ls.findall(TEXT + "list-level-style-bullet"):
            char = lvl.get(TEXT + "bullet-char") or ""
            tp = lvl.find(STYLE + "text-properties")
            font = ""
            if tp is not None:
                font = (
                    self.fonts.get(tp.get(STYLE + "font-name") or "", "") or tp.get(FO + "font-family") or ""
                )
            symbol = font.strip("'\" ").lower().startswith(_SYMBOL_FONTS)
            if len(char) == 1 and char in (SYMBOL_BULLET_BOXES if symbol else BULLET_BOXES):
                level = lvl.get(TEXT + "level") or "1"
                self.box_lists.add((name, bounded_number(level, 1, 10, 1)))

    def list_box(self, name: str | None, level: int) -> bool:
        """True when items of this list, at this nesting level, are drawn with a tick box as their bullet."""
        return bool(name) and (name, level) in self.box_lists

    @staticmethod
    def _load(container, into):
        for el in container.findall(STYLE + "style"):
            st = _Style(el)
            into[(el.get(STYLE + "family") or "", st.name)] = st

    def use_part(self, content: bool) -> None:
        """Automatic styles of content.xml (the body) or of styles.xml (headers and footers)."""
        self.auto = self.content_auto if content else self.styles_auto
        self._cache = {}

    def get(self, family: str, name: str | None) -> _Style | None:
        if not name:
            return None
        return self.auto.get((family, name)) or self.common.get((family, name))

    def chain(self, family: str, name: str | None):
        seen = set()
        st = self.get(family, name)
        while st is not None and st.name not in seen and len(seen) < _MAX_STYLE_CHAIN:
            seen.add(st.name)
            yield st
            # a parent is always a common style
            st = self.common.get((family, st.parent)) if st.parent else None

    def para_text(self, name: str | None) -> dict:
        """Resolved run properties of a paragraph style: defaults, then the chain from the root down."""
        key = ("P", name)
        if key not in self._cache:
            props = {"bold": False, "italic": False, "size": None, "underline": False, "symbol": False}
            props = _merge(props, self.defaults.get("paragraph", {}))
            if props["size"] is None:
                props["size"] = _DEFAULT_SIZE
            for st in reversed(list(self.chain("paragraph", name))):
                props = _merge(props, _text_props(st.text, self.fonts))
            self._cache[key] = props
        return self._cache[key]

    def span_text(self, name: str | None, base: dict) -> dict:
        """Run properties inside a ``text:span`` of style ``name``, on top of the enclosing ones."""
        chain = list(self.chain("text", name))
        props = base
        for st in reversed(chain):
            props = _merge(props, _text_props(st.text, self.fonts))
        return props

    def heading(self, name: str | None) -> tuple[int | None, bool]:
        """(heading level, is_title) of a paragraph style, like the DOCX style rules."""
        for st in self.chain("paragraph", name):
            if st.display == "title" or st.name == "Title":
                return None, True
            m = re.match(r"heading\s*(\d)", st.display)
            if m:
                return int(m.group(1)), False
            ol = bounded_number(st.outline, 0, 10)
            if ol is not None and 0 < ol <= _MAX_OUTLINE_LEVEL:
                return ol, False
        return None, False

    def para_props(self, name: str | None) -> tuple[str | None, bool, bool]:
        """(fill, ruled, leader tabs) of a paragraph style chain (the nearest statement wins)."""
        key = ("PP", name)
        if key not in self._cache:
            fill = ruled = leader = None
            for st in self.chain("paragraph", name):
                pp = st.para
                if pp is None:
                    continue
                if fill is None and pp.get(FO + "background-color"):
                    fill = _fill(pp.get(FO + "background-color")) or ""
                if ruled is None:
                    b = pp.get(FO + "border-bottom") or pp.get(FO + "border")
                    if b:
                        ruled = _drawn_border(b)
                if leader is None:
                    stops = pp.find(STYLE + "tab-stops")
                    if stops is not None and len(stops):
                        leader = any(
                            (t.get(STYLE + "leader-style") or "none") != "none"
                            or (t.get(STYLE + "leader-text") or " ").strip()
                            for t in stops.findall(STYLE + "tab-stop")
                        )
            self._cache[key] = (fill or None, bool(ruled), bool(leader))
        return self._cache[key]

    def cell_fill(self, name: str | None) -> str | None:
        st = self.get("table-cell", name)
        if st is None or st.cell is None:
            return None
        return _fill(st.cell.get(FO + "background-color"))

    def row_height(self, name: str | None) -> int | None:
        st = self.get("table-row", name)
        if st is None or st.row is None:
            return None
        return _twips(st.row.get(STYLE + "row-height") or st.row.get(STYLE + "min-row-height"))

    def col_width(self, name: str | None) -> int | None:
        st = self.get("table-column", name)
        if st is None or st.col is None:
            return None
        return _twips(st.col.get(STYLE + "column-width"))


# --------------------------------------------------------------------------- answer slots
_BORDER_WIDTH = re.compile(r"(\d+(?:\.\d+)?|\.\d+)\s*(pt|in|cm|mm|px|pc)?")


def _drawn_border(value: str) -> bool:
    """An ``fo:border*`` value that draws a line ("0.51pt solid #000000"), not "none", "hidden" or a zero
    width ("0pt solid")."""
    v = value.strip().lower()
    if not v or v.split()[0] in ("none", "hidden"):
        return False
    m = _BORDER_WIDTH.match(v)
    return m is None or float(m.group(1)) > 0


def _options(labels) -> list[str]:
    out = []
    for t in labels:
        t = squash(t or "")
        if t and not is_placeholder(t) and not _CHOOSE.match(t) and not is_option_prompt(t) and t not in out:
            out.append(t)
    return out


def _tagged(ctrl: Control, tag: str) -> Control:
    """formaudit's own fillable forms say what each control is: "formaudit:kind=number;prefilled"."""
    return apply_tag(ctrl, tag)


def _content_control(el) -> Control | None:
    """A LibreOffice content control (``loext:content-control``, from a Word content control)."""
    tag = el.get(LOEXT + "tag") or ""
    name = el.get(LOEXT + "alias") or tag
    if el.get(LOEXT + "checkbox") == "true":
        ctrl = Control(kind="checkbox", name=name)
    elif (
        el.get(LOEXT + "dropdown") == "true"
        or el.get(LOEXT + "combobox") == "true"
        or el.find(LOEXT + "list-item") is not None
    ):
        items = el.findall(LOEXT + "list-item")
        labels = [i.get(LOEXT + "display-text") or i.get(LOEXT + "value") for i in items]
        ctrl = Control(kind="choice", options=_options(labels), name=name)
    elif el.get(LOEXT + "date") == "true":
        ctrl = Control(kind="date", name=name)
    elif el.get(LOEXT + "picture") == "true":
        ctrl = Control(kind="picture", name=name)
    else:
        ctrl = Control(kind="text", name=name)
    return _tagged(ctrl, tag)


def _form_controls(root) -> dict[str, Control]:
    """``office:forms`` controls by id, for ``draw:control`` (labels and options only, never values)."""
    out: dict[str, Control] = {}
    for form in root.iter(FORM + "form"):
        for el in form.iter():
            if not isinstance(el.tag, str) or not el.tag.startswith(FORM):
                continue
            local = el.tag[len(FORM) :]
            cid = el.get(FORM + "id") or el.get(XML + "id")
            if not cid:
                continue
            if local in ("text", "formatted-text", "number", "password"):
                ctrl = Control(kind="text")
            elif local == "textarea":
                ctrl = Control(kind="long_text")
            elif local in ("checkbox", "radio"):
                ctrl = Control(kind="checkbox", name=squash(el.get(FORM + "label") or ""))
            elif local in ("listbox", "combobox"):
                labels = [o.get(FORM + "label") for o in el.findall(FORM + "option")]
                ctrl = Control(kind="choice", options=_options(labels))
            elif local in ("date", "time"):
                ctrl = Control(kind="date")
            else:
                continue  # buttons, hidden fields, fixed text, images, frames
            out[cid] = ctrl
    return out


def _fieldmark(el) -> tuple[str, Control | None]:
    """Word legacy form fields kept by LibreOffice as field marks: (FORM type, control)."""
    ftype = (el.get(FIELD + "type") or "").rsplit(".", 1)[-1].upper()
    name = el.get(TEXT + "name") or ""
    if name.startswith("__Fieldmark__"):
        name = ""
    params = [
        (p.get(FIELD + "name") or "", p.get(FIELD + "value") or "") for p in el.findall(FIELD + "param")
    ]
    if ftype == "FORMCHECKBOX":
        return ftype, Control(kind="checkbox", name=name)
    if ftype == "FORMDROPDOWN":
        return ftype, Control(
            kind="choice", options=_options(v for k, v in params if k == "Dropdown_ListEntry"), name=name
        )
    if ftype == "FORMTEXT":
        kinds = {v.lower() for k, v in params if k == "Type"}
        kind = "date" if "date" in kinds else "number" if "number" in kinds else "text"
        return ftype, Control(kind=kind, name=name)
    return ftype, None


# --------------------------------------------------------------------------- flattening
class _Flattener:
    """content.xml (or a header/footer) → Para/Table/Box blocks, each row and cell walked once."""

    def __init__(self, styles: _Styles, controls: dict[str, Control]):
        self.styles = styles
        self.controls = controls
        self.npara = 0
        self.ntable = 0

    # ---- block level
    def blocks(self, container, numbered: bool = False, lists: tuple = ()) -> list:
        """``lists``: the (style name, level) of the list being read, if any."""
        out: list = []
        for child in container:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag in (TEXT + "p", TEXT + "h"):
                box = bool(lists) and self.styles.list_box(*lists)
                out.extend(self.paragraph(child, numbered and not box, box_bullet=box))
            elif tag == TABLE + "table":
                t = self.table(child)
                if t is not None:
                    out.append(t)
            elif tag == TEXT + "list":
                name = child.get(TEXT + "style-name") or (lists[0] if lists else None)
                inner = (name, (lists[1] + 1) if lists else 1)
                for item in child:
                    if item.tag == TEXT + "list-item":
                        out.extend(self.blocks(item, numbered=True, lists=inner))
                    elif item.tag == TEXT + "list-header":
                        out.extend(self.blocks(item, numbered=numbered, lists=inner))
            elif tag in (TEXT + "section", TEXT + "index-body", TEXT + "index-title"):
                out.extend(self.blocks(child, numbered))
            elif tag.startswith(TEXT) and tag.endswith(("table-of-content", "-index", "bibliography")):
                body = child.find(TEXT + "index-body")
                if body is not None:
                    out.extend(self.blocks(body, numbered))
            elif tag in (DRAW + "frame", DRAW + "custom-shape", DRAW + "rect", DRAW + "g"):
                self.npara += 1
                for content, height in self._boxes(child):
                    out.append(Box(blocks=self.blocks(content), height=height, index=self.npara))
        return out

    def paragraph(self, p, numbered: bool = False, box_bullet: bool = False) -> list:
        self.npara += 1
        sid = p.get(TEXT + "style-name")
        level, is_title = self.styles.heading(sid)
        if p.tag == TEXT + "h" and not is_title:
            ol = bounded_number(p.get(TEXT + "outline-level"), 0, 10)
            if ol is not None and 0 < ol <= _MAX_OUTLINE_LEVEL:
                level = ol
        fill, ruled, leaders = self.styles.para_props(sid)
        props = self.styles.para_text(sid)
        segs: list[Seg] = []
        under: list[bool] = []
        boxes: list = []
        state = {"in_result": False, "field": None, "leaders": leaders}
        self._inline(p, props, segs, under, boxes, state)
        if box_bullet:  # the list bullet is the option's tick box: "☐ option"
            segs.insert(0, Seg(text="☐ ", bold=bool(props.get("bold")), size=props.get("size")))
            under.insert(0, False)
        para = Para(
            segs=_write_in_lines(segs, under),
            style_level=level,
            is_title=is_title,
            numbered=numbered,
            index=self.npara,
            fill=fill,
            ruled=ruled,
        )
        out: list = [para]
        for content, height in boxes:  # text boxes follow the paragraph that anchors them
            out.append(Box(blocks=self.blocks(content), height=height, index=self.npara))
        return out

    # ---- inline level
    def _add(self, text, props, segs, under, state):
        if not text or state["in_result"] or props.get("hidden"):
            return
        if props.get("symbol"):
            text = symbol_boxes(text)
        for seg in placeholder_segs(
            bracket_boxes(text), bool(props.get("bold")), bool(props.get("italic")), props.get("size")
        ):
            segs.append(seg)
            under.append(bool(props.get("underline")) and seg.control is None)

    def _control(self, ctrl: Control, segs, under, state):
        if state["in_result"]:
            return
        segs.append(Seg(control=ctrl))
        under.append(False)

    def _inline(self, el, props, segs, under, boxes, state):
        if el.text:
            self._add(_WS.sub(" ", el.text), props, segs, under, state)
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                self._inline_child(child, tag, props, segs, under, boxes, state)
            if child.tail:
                self._add(_WS.sub(" ", child.tail), props, segs, under, state)

    def _inline_child(self, child, tag, props, segs, under, boxes, state):
        if tag == TEXT + "span":
            sub = self.styles.span_text(child.get(TEXT + "style-name"), props)
            self._inline(child, sub, segs, under, boxes, state)
        elif tag == TEXT + "s":
            c = child.get(TEXT + "c") or "1"
            self._add(" " * bounded_number(c, 1, 200, 1), props, segs, under, state)
        elif tag == TEXT + "tab":
            self._add(WRITE_IN if state["leaders"] else "\t", props, segs, under, state)
        elif tag == TEXT + "line-break":
            self._add(" ", props, segs, under, state)
        elif tag == LOEXT + "content-control":
            self._control(_content_control(child), segs, under, state)  # its text is the answer
        elif tag in (TEXT + "placeholder", TEXT + "text-input"):
            name = child.get(TEXT + "description") or ""
            self._control(Control(kind="text", name=squash(name)), segs, under, state)
        elif tag == TEXT + "drop-down":
            labels = [lab.get(TEXT + "value") for lab in child.findall(TEXT + "label")]
            name = child.get(TEXT + "name") or ""
            self._control(Control(kind="choice", options=_options(labels), name=name), segs, under, state)
        elif tag == DRAW + "control":
            ctrl = self.controls.get(child.get(DRAW + "control") or "")
            if ctrl is not None:
                label = ctrl.name if ctrl.kind == "checkbox" else ""
                self._control(Control(kind=ctrl.kind, options=list(ctrl.options)), segs, under, state)
                if label:
                    self._add(" " + label + " ", props, segs, under, state)
        elif tag == FIELD + "fieldmark-start":
            ftype, ctrl = _fieldmark(child)
            if ctrl is not None:
                self._control(ctrl, segs, under, state)
                state["in_result"] = True  # the displayed result is an answer, never a label
            state["field"] = ftype
        elif tag == FIELD + "fieldmark-end":
            state["in_result"] = False
            state["field"] = None
        elif tag == FIELD + "fieldmark":
            _ftype, ctrl = _fieldmark(child)
            if ctrl is not None:
                self._control(ctrl, segs, under, state)
        elif tag in (DRAW + "frame", DRAW + "custom-shape", DRAW + "rect", DRAW + "g", DRAW + "a"):
            boxes.extend(self._boxes(child))
        elif tag in (
            TEXT + "note",
            OFFICE + "annotation",
            OFFICE + "annotation-end",
            TEXT + "soft-page-break",
            TEXT + "bookmark",
            TEXT + "bookmark-start",
            TEXT + "bookmark-end",
            TEXT + "reference-mark",
            TEXT + "reference-mark-start",
            TEXT + "reference-mark-end",
            TEXT + "change",
            TEXT + "change-start",
            TEXT + "change-end",
            TEXT + "toc-mark",
            TEXT + "alphabetical-index-mark",
            FIELD + "fieldmark-separator",
        ) or tag.startswith((DRAW, TABLE)):
            return
        else:  # hyperlinks, ruby, meta, ordinary fields (page numbers, dates…): their text
            self._inline(child, props, segs, under, boxes, state)

    def _boxes(self, el) -> list:
        """(content element, height in twips) of text boxes inside a drawing object."""
        out = []
        height = _twips(el.get(SVG + "height"))
        if el.tag == DRAW + "frame":
            tb = el.find(DRAW + "text-box")
            if tb is not None:
                h = height or _twips(tb.get(FO + "min-height"))
                out.append((tb, h))
            return out
        if el.tag in (DRAW + "g", DRAW + "a"):
            for sub in el:
                if isinstance(sub.tag, str) and sub.tag.startswith(DRAW):
                    out.extend(self._boxes(sub))
            return out
        # a shape with text (Word text boxes arrive as custom shapes)
        if el.find(TEXT + "p") is not None or el.find(TEXT + "list") is not None:
            out.append((el, height))
        return out

    # ---- tables
    def table(self, tbl) -> Table | None:
        self.ntable += 1
        tindex = self.ntable
        widths: list[int | None] = []
        rows_el: list = []
        self._table_parts(tbl, widths, rows_el)
        rows: list[Row] = []
        for tr in rows_el:
            height = self.styles.row_height(tr.get(TABLE + "style-name"))
            cells: list[Cell] = []
            pos = 0
            for tc in tr:
                if tc.tag == TABLE + "covered-table-cell":
                    pos += _count(tc.get(TABLE + "number-columns-repeated"))
                    continue  # the continuation of a merged cell: counted once, where it starts
                if tc.tag != TABLE + "table-cell":
                    continue
                span = max(1, _count(tc.get(TABLE + "number-columns-spanned")))
                for _ in range(min(_count(tc.get(TABLE + "number-columns-repeated")), _MAX_REPEAT)):
                    cells.append(self._cell(tc, span, widths[pos : pos + span]))
                    pos += span
            if cells:
                for _ in range(min(_count(tr.get(TABLE + "number-rows-repeated")), _MAX_REPEAT)):
                    rows.append(Row(cells=cells, height=height, index=len(rows) + 1))
        if not rows:
            return None
        ncols = max(len(widths), max(sum(c.span for c in r.cells) for r in rows))
        return Table(rows=rows, ncols=ncols, index=tindex)

    def _table_parts(self, el, widths, rows_el):
        for child in el:
            tag = child.tag
            if tag == TABLE + "table-column":
                w = self.styles.col_width(child.get(TABLE + "style-name"))
                widths.extend([w] * min(_count(child.get(TABLE + "number-columns-repeated")), 1000))
            elif tag == TABLE + "table-row":
                rows_el.append(child)
            elif tag in (
                TABLE + "table-columns",
                TABLE + "table-header-columns",
                TABLE + "table-column-group",
                TABLE + "table-rows",
                TABLE + "table-header-rows",
                TABLE + "table-row-group",
            ):
                self._table_parts(child, widths, rows_el)

    def _cell(self, tc, span: int, widths: list) -> Cell:
        fill = self.styles.cell_fill(tc.get(TABLE + "style-name"))
        blocks = self.blocks(tc)
        if fill is None:  # paragraph shading fills the cell visually too
            pf = {b.fill for b in blocks if isinstance(b, Para) and b.fill}
            if len(pf) == 1:
                fill = pf.pop()
        width = sum(widths) if widths and all(w is not None for w in widths) else None
        return Cell(blocks=blocks, span=span, fill=fill, width=width)


def _count(v: str | None) -> int:
    return bounded_number(v, 1, 1_000_000, 1)


def _write_in_lines(segs: list[Seg], under: list[bool]) -> list[Seg]:
    """Underlined runs of spaces/tabs (3 or more characters) are lines to write on, as in DOCX."""
    out: list[Seg] = []
    i = 0
    while i < len(segs):
        s = segs[i]
        if s.control is None and under[i] and not s.text.strip():
            j = i
            text = ""
            while j < len(segs) and segs[j].control is None and under[j] and not segs[j].text.strip():
                text += segs[j].text
                j += 1
            if len(text) >= 3 or "\t" in text:
                out.append(Seg(text=WRITE_IN, bold=s.bold, italic=s.italic, size=s.size))
            else:
                out.extend(segs[i:j])
            i = j
            continue
        out.append(s)
        i += 1
    return out


# --------------------------------------------------------------------------- entry point
def read_odt(path: str | Path, **_options) -> Form:
    path = Path(path)
    check_odt_zip(path)
    content = _parse(_read_part(path, ODT_MAIN_PART), path, ODT_MAIN_PART)
    styles_data = _read_part(path, "styles.xml")
    styles_root = _parse(styles_data, path, "styles.xml") if styles_data.strip() else None
    meta_data = _read_part(path, "meta.xml")
    meta_root = _parse(meta_data, path, "meta.xml") if meta_data.strip() else None
    try:
        return _read_document(content, styles_root, meta_root, path)
    except RecursionError:
        raise FormError(path, "document is nested too deeply to read") from None


def _read_document(content, styles_root, meta_root, path: Path) -> Form:
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise FormError(path, "not an OpenDocument text (no office:text body)")
    styles = _Styles(styles_root, content)
    flat = _Flattener(styles, _form_controls(content))
    body_blocks = flat.blocks(body)
    hf_blocks = _header_footer_blocks(styles_root, styles) if styles_root is not None else []
    styles.use_part(True)
    sizes: Counter = Counter()
    for para in all_paras(body_blocks):
        for s in para.segs:
            if s.control is None and s.text.strip():
                sizes[s.size or styles.default_size] += len(s.text)
    body_size = sizes.most_common(1)[0][0] if sizes else styles.default_size
    interp = Interpreter(body_blocks, body_size, str(path))
    hdr_fields = header_fields(hf_blocks, body_size, str(path))
    form = interp.run()
    form.format = "odt"
    if hdr_fields:
        form.sections[0].fields[:0] = hdr_fields
    if form.title is None and meta_root is not None:
        t = meta_root.find(f".//{DC}title")
        title = squash(t.text or "") if t is not None else ""
        form.title = title or None
    return form.finalise()


def _header_footer_blocks(styles_root, styles: _Styles) -> list:
    """Headers and footers of the master pages, each distinct one once (they use styles.xml's
    automatic styles and form controls)."""
    styles.use_part(False)
    flat = _Flattener(styles, _form_controls(styles_root))
    out: list = []
    seen: set[bytes] = set()
    from lxml import etree

    for mp in styles_root.iter(STYLE + "master-page"):
        for part in mp:
            if not isinstance(part.tag, str) or not part.tag.startswith(STYLE):
                continue
            if not part.tag[len(STYLE) :].startswith(("header", "footer")):
                continue
            if part.get(STYLE + "display") == "false":
                continue
            key = b"".join(etree.tostring(child, method="c14n") for child in part)
            if key in seen:
                continue
            seen.add(key)
            out.extend(flat.blocks(part))
    return out
