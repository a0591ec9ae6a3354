"""Readers turn a form file into a :class:`formaudit.model.Form`.

One module per input format; :func:`read_form` picks one by extension after checking the file's
first bytes, so a renamed legacy ``.doc`` or an encrypted Word file gets a clear error instead of a
parser traceback. Every failure a user can cause raises :class:`formaudit.errors.FormError`.

A reader bug is not a corrupt file: an exception raised by a parsing library (zipfile, zlib, lxml,
python-docx, pdfminer/pdfplumber, pypdf(ium), yaml, json) while it reads the file is reported as an
unreadable input, but an exception raised inside formaudit's own interpretation is reported as
``internal error while reading (a bug — please report): ExceptionType: message`` — still one line, exit 2,
and the rest of a batch is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import FormError
from ..model import Form

DOCX_EXT = (".docx", ".docm", ".dotx", ".dotm")
PDF_EXT = (".pdf",)
ODT_EXT = (".odt", ".ott")
#: Word 97–2003: read by converting a copy with LibreOffice where it is installed (readers/office.py)
DOC_EXT = (".doc", ".dot")
MODEL_EXT = (".yaml", ".yml", ".json")
FORM_EXT = DOCX_EXT + DOC_EXT + PDF_EXT + ODT_EXT + MODEL_EXT

_NOT_REGULAR = "not a regular file (a FIFO, socket or device) — not read"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Largest input read at all (bytes). Real form templates are well under 20 MB.
MAX_FILE_BYTES = 200 * 1024 * 1024


def _sniff(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise FormError(path, _NOT_REGULAR)
            return os.read(fd, 2048)
        finally:
            os.close(fd)
    except IsADirectoryError:
        raise FormError(path, "is a folder, not a form file") from None
    except PermissionError:
        raise FormError(path, "permission denied") from None
    except OSError as e:
        raise FormError(path, f"cannot be read ({e.strerror or e})") from None


#: Top-level modules whose exceptions mean "this file could not be parsed" (the input's fault), never a
#: formaudit bug: the archive, XML, Word, PDF and YAML/JSON layers formaudit reads files through.
PARSER_MODULES = frozenset(
    {
        "zipfile",
        "zlib",
        "struct",
        "lxml",
        "xml",
        "docx",
        "pdfminer",
        "pdfplumber",
        "pypdfium2",
        "pypdf",
        "yaml",
        "json",
    }
)
#: Characters of an exception message kept in the one-line report (messages can quote document text).
MAX_REASON_CHARS = 120


def read_form(path: str | os.PathLike, **options) -> Form:
    """Read any supported form file. Raises FormError with a one-line reason on bad input, and a
    FormError saying "internal error … (a bug — please report)" when formaudit itself failed."""
    p = Path(path)
    try:
        return _read_form(p, options)
    except FormError:
        raise
    except (MemoryError, RecursionError) as e:
        raise FormError(
            p, f"cannot be read: the file is too large or nested too deeply ({type(e).__name__})"
        ) from None
    except Exception as e:  # noqa: BLE001 - sorted into "unreadable input" or "formaudit bug" below
        raise _classify(p, e) from None


def is_parser_error(e: BaseException) -> bool:
    """True when ``e`` (or an exception it wraps) was raised by a parsing library: its type is defined in
    one, or the innermost traceback frame is library code. An exception raised by formaudit's own code —
    including a built-in error such as ``KeyError`` from a formaudit line — is not."""
    seen = 0
    while e is not None and seen < 6:
        if _top_module(type(e).__module__) in PARSER_MODULES:
            return True
        tb = e.__traceback__
        last = None
        while tb is not None:
            last = tb
            tb = tb.tb_next
        if last is not None and _top_module(last.tb_frame.f_globals.get("__name__", "")) in PARSER_MODULES:
            return True
        # follow explicit wrapping only ("raise X from e", or the wrapped error as first argument, as
        # pdfplumber's PdfminerException does) — not an error formaudit raised while handling another
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else None
        e = e.__cause__ or inner
        seen += 1
    return False


def _top_module(name: str | None) -> str:
    return (name or "").split(".", 1)[0]


def _classify(p: Path, e: Exception) -> FormError:
    msg = " ".join(str(e).split())[:MAX_REASON_CHARS]
    what = f"{type(e).__name__}: {msg}" if msg else type(e).__name__
    if is_parser_error(e):
        return FormError(p, f"corrupt or unreadable file ({what})")
    return FormError(p, f"internal error while reading (a bug — please report): {what}")


def _read_form(p: Path, options: dict) -> Form:
    if not p.exists():
        raise FormError(p, "no such file")
    if p.is_dir():
        raise FormError(p, "is a folder, not a form file")
    ext = p.suffix.lower()
    if ext not in FORM_EXT:
        raise FormError(
            p,
            f"unsupported file type '{ext or '(none)'}' — formaudit reads .docx, .doc, .pdf, .odt and form-model .yaml/.json",
        )
    st = p.stat()
    if not stat.S_ISREG(st.st_mode):
        raise FormError(p, _NOT_REGULAR)
    size = st.st_size
    if size == 0:
        raise FormError(p, "file is empty")
    if size > MAX_FILE_BYTES:
        raise FormError(
            p, f"file is too large ({size // (1024 * 1024)} MB; limit {MAX_FILE_BYTES // (1024 * 1024)} MB)"
        )
    head = _sniff(p)
    if ext in DOC_EXT:
        if head.startswith(b"PK"):  # a .docx saved under a .doc name
            from .docx import read_docx

            return read_docx(p, **options)
        if not head.startswith(_OLE_MAGIC):
            raise FormError(p, "not a valid Word .doc file — corrupt or not a Word document")
        return _legacy(p, "legacy Word .doc", options)
    if ext in DOCX_EXT:
        if head.startswith(_OLE_MAGIC):
            reason = _ole_reason(p)
            if reason is not None:
                raise FormError(p, reason)
            return _legacy(p, "legacy Word .doc format saved with a .docx name", options)
        if not head.startswith(b"PK"):
            raise FormError(p, "not a valid .docx (not a zip archive) — corrupt or not a Word file")
        from .docx import read_docx

        return read_docx(p, **options)
    if ext in ODT_EXT:
        if head.startswith(_OLE_MAGIC):
            raise FormError(
                p, "not a valid .odt (an OLE compound file) — a renamed Word .doc or an encrypted file"
            )
        if not head.startswith(b"PK"):
            raise FormError(p, "not a valid .odt (not a zip archive) — corrupt or not an OpenDocument file")
        from .odt import read_odt

        return read_odt(p, **options)
    if ext in PDF_EXT:
        if b"%PDF-" not in head[:1024]:
            raise FormError(p, "not a valid PDF (no %PDF header) — corrupt or not a PDF")
        from .pdf import read_pdf

        return read_pdf(p, **options)
    from .model_file import read_model

    return read_model(p, **options)


def _legacy(p: Path, what: str, options: dict) -> Form:
    from .office import read_legacy_doc

    return read_legacy_doc(p, what=what, **options)


def _ole_reason(p: Path) -> str | None:
    """An OLE compound file named .docx is encrypted OOXML (refused: the reason) or a renamed legacy
    .doc (None: read it like a .doc)."""
    try:
        data = p.read_bytes()[: 4 * 1024 * 1024]
    except OSError:
        data = b""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "password-protected (encrypted) Word document — remove the password and save again"
    return None
