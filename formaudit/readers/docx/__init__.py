"""Read Word (.docx) form templates into the form model.

Word forms are built in many ways; this reader handles the constructions councils really use:

* headings from Heading/Title styles (or outline levels), bold numbered or enlarged paragraphs
  ("2. Child's details"), and shaded full-width (merged) table rows;
* two- and multi-column label | answer tables, with merged cells (``gridSpan`` / ``vMerge``) counted once;
* nested tables, text boxes (``w:txbxContent``; the ``mc:Fallback`` copy is skipped) and headers/footers
  (each part read once);
* content controls (``w:sdt``: plain/rich text, date picker, drop-down/combo box with options,
  ``w14:checkbox``) at run, paragraph, row and cell level — python-docx does not model them, so the body
  XML is walked directly;
* legacy form fields (FORMTEXT / FORMCHECKBOX / FORMDROPDOWN with ``w:ffData``);
* "Label: ______" underscore lines, date blanks and "Yes ☐ No ☐" / one-"☐ option"-per-line choices;
* grids with a header row (Name | Relationship | DOB): directly under a heading they are a repeating
  record whose column headers are fields; introduced by their own caption they are one ``table`` field;
  row-labelled matrices whose columns (or rows) name a record's details ("Mother | Father" × "Full name",
  "Date of birth") are records too, other matrices one ``table`` field;
* checklists whose header row names the answers ("Risk | Yes | No | Comments": one choice per row) or a
  tick column ("Type of support | Tick": one question whose options are the rows);
* headings also as short paragraphs on a shaded band and bold "Section A: …" paragraphs; labels in
  full-width rows over one-line answer rows, in text boxes over answer boxes, or beside a box drawn as a
  table inside the answer cell.

The document is first flattened into a list of blocks (paragraphs and tables, each row and cell walked
once), then interpreted in one pass. Answer text (what someone typed into a filled-in form) is never
kept: only labels, options and structure.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

from ...errors import FormError
from ...formtags import TAG_PREFIX
from ...model import Field, Form
from ..common import BLANK_RE, BOX_RE, DATE_BLANK_RE, squash
from .blocks import WRITE_IN, Flattener, Numbering, Para, Styles, all_paras
from .interpret import Interpreter

__all__ = ["TAG_PREFIX", "WRITE_IN", "read_docx"]


# --------------------------------------------------------------------------- entry point
def read_docx(path: str | Path, **_options) -> Form:
    path = Path(path)
    from ...safety import check_no_dtd, check_zip

    check_zip(path)  # zip-bomb guard: sizes, ratios and entry count from the archive index
    check_no_dtd(path)  # OOXML forbids DTDs; refusing them closes the door on entity attacks
    try:
        import docx  # noqa: F401 - registers python-docx's part classes
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as e:  # pragma: no cover
        raise FormError(path, f"python-docx is not installed ({e})") from None
    _check_root(path)
    try:
        document = _open_document(path)
    except FormError:
        raise
    except PackageNotFoundError:
        raise FormError(path, "not a Word document (no main document part)") from None
    except (zipfile.BadZipFile, EOFError):
        raise FormError(path, "corrupt or truncated .docx (not a readable zip archive)") from None
    except KeyError as e:
        raise FormError(path, f"corrupt .docx (missing part {e})") from None
    except Exception as e:  # lxml XMLSyntaxError, ValueError on bad content types, …
        raise FormError(path, f"corrupt .docx ({e.__class__.__name__}: {str(e)[:120]})") from None
    try:
        return _read_document(document, path)
    except RecursionError:
        raise FormError(path, "document is nested too deeply to read") from None


#: Main-part content types of the Word documents read: .docx, .docm (macros are never run: only the
#: XML is read), .dotx and .dotm templates.
WORD_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def _open_document(path: Path):
    """``docx.Document`` for every Word main-part type (python-docx itself accepts only .docx's)."""
    from docx.opc.part import PartFactory
    from docx.package import Package
    from docx.parts.document import DocumentPart

    for ct in WORD_MAIN_TYPES:
        PartFactory.part_type_for.setdefault(ct, DocumentPart)
    part = Package.open(str(path)).main_document_part
    if part.content_type not in WORD_MAIN_TYPES or not isinstance(part, DocumentPart):
        raise FormError(path, f"not a Word document (main part is {part.content_type})")
    return part.document


def _check_root(path: Path) -> None:
    """Refuse a main part whose root element is not ``w:document`` before python-docx sees it."""
    from lxml import etree

    tag = None
    try:
        with zipfile.ZipFile(path) as zf, zf.open("word/document.xml") as fh:
            parser = etree.XMLPullParser(
                events=("start",), resolve_entities=False, no_network=True, load_dtd=False
            )
            for _ in range(16):
                chunk = fh.read(4096)
                if not chunk:
                    break
                parser.feed(chunk)
                ev = next(iter(parser.read_events()), None)
                if ev is not None:
                    tag = ev[1].tag
                    break
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError, EOFError, ValueError):
        return  # the full parse below reports it
    if tag is None or tag == f"{{{_W_NS}}}document":
        return
    if tag.startswith(f"{{{_STRICT_W_NS}}}"):
        raise FormError(
            path,
            "Strict Open XML Word document — save it as an ordinary Word document (.docx) and try again",
        )
    local = tag.rsplit("}", 1)[-1]
    raise FormError(path, f"not a Word document (word/document.xml holds <{local}>, not <w:document>)")


def _read_document(document, path: Path) -> Form:
    styles_el = None
    try:
        styles_el = document.styles.element
    except Exception:  # a document without a styles part
        styles_el = None
    styles = Styles(styles_el)
    try:
        numbering_el = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):  # python-docx: no numbering part
        numbering_el = None
    flat = Flattener(styles, Numbering(numbering_el))
    body = document.element.body
    if body is None:
        raise FormError(path, "corrupt .docx (the document has no body)")
    body_blocks = flat.blocks(body)
    # headers and footers: each part once (linked headers are shared between sections)
    hf_blocks: list = []
    seen_parts = set()
    for sect in document.sections:
        for hf in (
            sect.header,
            sect.first_page_header,
            sect.even_page_header,
            sect.footer,
            sect.first_page_footer,
            sect.even_page_footer,
        ):
            try:
                if hf.is_linked_to_previous:
                    continue
                part = hf.part
            except Exception:
                continue
            if id(part) in seen_parts:
                continue
            seen_parts.add(id(part))
            hf_blocks.extend(flat.blocks(part.element))
    body_size = styles.default_size
    sizes = Counter()
    for para in all_paras(body_blocks):
        for s in para.segs:
            if s.control is None and s.text.strip():
                sizes[s.size or styles.default_size] += len(s.text)
    if sizes:
        body_size = sizes.most_common(1)[0][0]
    interp = Interpreter(body_blocks, body_size, str(path))
    # fields in headers/footers (e.g. "Child's name: ____" on every page) belong before the first heading
    hdr_fields = header_fields(hf_blocks, body_size, str(path))
    form = interp.run()
    if hdr_fields:
        form.sections[0].fields[:0] = hdr_fields
    if form.title is None:
        try:
            t = document.core_properties.title
        except Exception:
            t = None
        form.title = squash(t) if t and squash(t) else None
    return form.finalise()


def header_fields(blocks: list, body_size: float, source: str) -> list[Field]:
    if not blocks:
        return []
    interp = Interpreter(blocks, body_size, source)
    interp.seen_content = True  # no title from headers
    for b in blocks:
        if isinstance(b, Para):
            raw = b.text
            if b.controls or BLANK_RE.search(raw) or DATE_BLANK_RE.search(raw) or BOX_RE.search(raw):
                interp.block(b)
        else:
            interp.block(b)
    interp.close_options()
    fields = [f for s in interp.form.sections for f in s.fields]
    for f in fields:
        f.location = "page header/footer"
    return fields
