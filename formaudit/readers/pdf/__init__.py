"""Read PDF forms: fillable (AcroForm widgets) and flat printed forms.

Two phases. Page by page, the raw material is collected with pdfplumber and the page is closed:
text segments (words on one line, split at wide gaps) with their font size and style, drawn boxes and
rules, bordered tables and the AcroForm widgets on that page. Then, with the body font size of the whole
document known, each page is interpreted: answer areas (widgets, underscore blanks, tick boxes, large
boxes, table cells) are matched to their visible labels, headings become sections and left-over
sentences become section guidance. Field values (``/V``) are never read.

Word forms printed to PDF: a short line alone on a shaded band and a bold "Section A: ..." line are headings;
"| Yes | No | Not known" answer columns over empty cells make one choice per row; option cells under a
question row are its options; people-by-detail grids and grids turned on their side ("| Contact 1 | Contact 2"
over detail rows) are repeating records; a label's own text box labels the answer box below it.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import FormError
from ...model import Form
from ..common import squash
from . import tolerances as tol
from .acroform import _acroform_widgets
from .data import (
    FF_COMBO,
    FF_MULTILINE,
    FF_PUSH,
    FF_RADIO,
    LINE_PT,
    WORDS_PER_LINE,
    Item,
    PageData,
    Seg,
    Widget,
)
from .layout import Layout
from .overlay import _collect_with_widgets
from .parser_errors import _raised_by_parser
from .structure import _interpret

__all__ = [
    "FF_COMBO",
    "FF_MULTILINE",
    "FF_PUSH",
    "FF_RADIO",
    "LINE_PT",
    "WORDS_PER_LINE",
    "Item",
    "Layout",
    "PageData",
    "Seg",
    "Widget",
    "read_pdf",
]


# ------------------------------------------------------------------------------------ entry point
def read_pdf(path, **options) -> Form:
    """Read a PDF form. Raises FormError with a one-line reason on bad input.

    Only what the PDF libraries (pdfplumber, pdfminer) raise while parsing the file is reported as
    a corrupt, truncated or password-protected file. An exception raised by formaudit's own code
    (collecting the page layout or interpreting it) is a bug: it propagates unchanged, so that it is
    reported as an internal error and not blamed on the user's file. The limits of
    :mod:`formaudit.readers.pdf.limits` (reference cycles, decompression, drawings, pages, widgets)
    are one-line errors.
    """
    from . import limits

    p = Path(path)
    limits.install()
    limits.reset()
    try:
        pages = _collect(p)
        if isinstance(pages, Form):
            return pages  # a dynamic XFA form, read from its template
    except FormError:
        raise
    except limits.PdfLimit as e:
        raise FormError(p, e.reason) from None
    except RecursionError:
        raise FormError(p, "corrupt or truncated PDF (nesting too deep)") from None
    except MemoryError:
        raise FormError(p, "corrupt or truncated PDF (out of memory while parsing)") from None
    except Exception as e:
        if limits.tripped() is not None:  # a guard tripped inside a library that wrapped the exception
            raise FormError(p, limits.tripped().reason) from None
        if not _raised_by_parser(e):
            raise  # formaudit's own code failed: a bug, not a property of the file
        if _is_password_error(e):
            raise FormError(p, "password-protected PDF — remove the password and save again") from None
        raise FormError(p, f"corrupt or truncated PDF ({_short_reason(e)})") from None
    return _interpret(p, pages)


def _is_password_error(e: BaseException) -> bool:
    seen = 0
    while e is not None and seen < tol.CAUSE_CHAIN_DEPTH:
        name = type(e).__name__
        if "Password" in name or "PDFPasswordIncorrect" in repr(getattr(e, "args", "")):
            return True
        if name == "PDFEncryptionError":
            return True
        e = e.__cause__ or e.__context__
        seen += 1
    return False


def _short_reason(e: BaseException) -> str:
    inner = e
    if type(e).__name__ == "PdfminerException" and e.args and isinstance(e.args[0], BaseException):
        inner = e.args[0]
    msg = squash(str(inner))[: tol.REASON_MAX_CHARS]
    return f"{type(inner).__name__}: {msg}" if msg else type(inner).__name__


_CID_RE = re.compile(r"\(cid:\d+\)")


def _unmapped_text(pages: list[PageData]) -> bool:
    """Named heuristic — *unmapped text*: a form without widgets whose text is mostly glyph codes the
    parser could not map to characters ("(cid:53)" — a composite font with no ToUnicode map), more
    than UNMAPPED_TEXT_SHARE of its characters, cannot be read (its labels would be codes)."""
    if any(pg.widgets for pg in pages):
        return False
    total = unmapped = 0
    for pg in pages:
        texts = [sg.text for sg in pg.segs] + [w["text"] for tw in pg.table_words for w in tw]
        for t in texts:
            total += len(t)
            unmapped += sum(len(m) for m in _CID_RE.findall(t))
    return total > 0 and unmapped > tol.UNMAPPED_TEXT_SHARE * total


def _xfa_form(pdf, p: Path) -> Form | None:
    """A dynamic XFA form (fields only in the XFA template, no widgets) read from its template; None
    for any other PDF. An XFA form whose template holds no questions and whose pages hold only a short
    message (the "please wait" an XFA viewer replaces) is a one-line error, not an empty form."""
    from . import xfa

    root = xfa.template_root(pdf, p)
    if root is None:
        return None
    form = xfa.read_template(root, str(p))
    if form is None and _words_at_most(pdf, tol.XFA_MESSAGE_MAX_WORDS):
        raise FormError(p, "XFA form whose template holds no fields — its pages only ask for an XFA viewer")
    return form


def _words_at_most(pdf, n: int) -> bool:
    """The document's pages hold at most ``n`` words (each page is closed after counting)."""
    total = 0
    for page in pdf.pages:
        try:
            total += len(page.extract_words())
        finally:
            page.close()
        if total > n:
            return False
    return True


def _collect(p: Path) -> list[PageData] | Form:
    """Parse the file page by page into raw layout (the only phase that runs the PDF libraries)."""
    import pdfplumber

    from . import limits
    from .acroform import turn_widgets
    from .limits import MAX_PAGES, MAX_WIDGETS, MAX_WIDGETS_PER_PAGE, tripped
    from .turn import upright_page

    with pdfplumber.open(p) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise FormError(p, f"too many pages ({len(pdf.pages):,}; limit {MAX_PAGES:,})")
        widgets_by_page = _acroform_widgets(pdf)
        n_widgets = sum(len(ws) for ws in widgets_by_page.values())
        if not n_widgets:
            form = _xfa_form(pdf, p)
            if form is not None:
                return form
        busiest = max((len(ws) for ws in widgets_by_page.values()), default=0)
        if n_widgets > MAX_WIDGETS or busiest > MAX_WIDGETS_PER_PAGE:
            raise FormError(
                p,
                f"too many form fields ({n_widgets:,}, {busiest:,} on one page; limits {MAX_WIDGETS:,} "
                f"and {MAX_WIDGETS_PER_PAGE:,} per page)",
            )
        pages: list[PageData] = []
        first_error: Exception | None = None
        for i, page in enumerate(pdf.pages):
            try:
                widgets = widgets_by_page.get(i, [])
                upright = upright_page(pdf, page, i + 1)  # content drawn sideways: read turned
                if upright is not page:
                    page = upright
                    widgets = turn_widgets(widgets, page)
                pages.append(_collect_with_widgets(page, i + 1, widgets))
            except (FormError, limits.PdfLimit, RecursionError, MemoryError):
                raise
            except Exception as e:  # one damaged page: read the others (the whole file fails if none reads)
                if not _raised_by_parser(e):
                    raise  # formaudit's own code failed: a bug, not a damaged page
                first_error = first_error or e
            finally:
                page.close()
        if first_error is not None and not pages:
            raise first_error
    if tripped() is not None:
        raise tripped()
    from .filled import unfill

    unfill(pages)  # a printed filled-in form: back to the blank form's material, values dropped
    if not any(pg.segs or pg.widgets or any(pg.table_words) for pg in pages):
        raise FormError(p, "no text layer — scanned? formaudit needs a PDF with text or form fields")
    if _unmapped_text(pages):
        raise FormError(
            p,
            "text without character codes (its fonts have no ToUnicode map) — the labels cannot be read; "
            "export or print the PDF again",
        )
    return pages
