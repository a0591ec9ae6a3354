"""Making untrusted text safe to show: labels, titles and file names come from documents and folders
that anyone may have written.

* :func:`clean_label` — text read from a document: control characters (C0, DEL, C1), bidirectional
  overrides and isolates (U+202A–U+202E, U+2066–U+2069), characters XML cannot hold and lone
  surrogates are removed; line breaks and tabs become spaces. Applied to every form a reader returns
  (:meth:`formaudit.model.Form.finalise`), so no label can clear a screen, set a terminal title, reverse
  text or break a written DOCX.
* :func:`clean_output` — a whole report before it is printed or written: the same characters removed,
  but line breaks and tabs kept, and (``keep_sgr``) the colour codes formaudit's own renderer adds.
* :func:`show_path` — a file name as it appears in a message: control characters and undecodable
  bytes escaped (``\\n``, ``\\x1b``), so a name cannot forge a second line.
* :func:`csv_cell` — a CSV cell that a spreadsheet would run as a formula is prefixed with ``'``
  (OWASP CSV injection: cells starting ``=``, ``+``, ``-``, ``@``, tab or carriage return).
"""

from __future__ import annotations

import os
import re

#: C0 controls except tab/LF/CR, DEL, C1 controls, bidi embeddings/overrides/isolates, the ALM and
#: LRM/RLM marks, U+FFFE/U+FFFF and lone surrogates.
_BAD = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff"
_BAD_RE = re.compile(f"[{_BAD}\ud800-\udfff]")
_LABEL_RE = re.compile(f"[{_BAD}\t\n\r\ud800-\udfff]")
#: A colour/style sequence (SGR: ESC [ digits;… m) — the only escape sequence formaudit itself prints.
_KEEP_SGR_RE = re.compile(f"(\x1b\\[[0-9;]*m)|[{_BAD}\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_label(text: str) -> str:
    """``text`` without control, bidi-override or XML-incompatible characters; line breaks as spaces."""
    if not text or not _LABEL_RE.search(text):
        return text
    out = _LABEL_RE.sub(lambda m: " " if m.group() in "\t\n\r" else "", text)
    return " ".join(out.split())


def clean_output(text: str, keep_sgr: bool = False) -> str:
    """A report without control or bidi-override characters (line breaks and tabs kept); with
    ``keep_sgr`` the colour sequences of formaudit's own terminal output survive."""
    if not text or not _BAD_RE.search(text):
        return text
    if not keep_sgr:
        return _BAD_RE.sub("", text)
    return _KEEP_SGR_RE.sub(lambda m: m.group(1) or "", text)


def one_line(text: str) -> str:
    """``text`` as a single safe line (line breaks shown as ``\\n``)."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return clean_output(text)


def show_path(path: str | os.PathLike | bytes) -> str:
    """A file name for a message: undecodable bytes as ``\\xNN``, control characters escaped."""
    if isinstance(path, bytes):
        s = path.decode("utf-8", "surrogateescape")
    else:
        s = os.fspath(path)
        if isinstance(s, bytes):
            s = s.decode("utf-8", "surrogateescape")
    if not _BAD_RE.search(s) and "\t" not in s and "\n" not in s and "\r" not in s:
        return s
    out = []
    for ch in s:
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:  # an undecodable byte kept by surrogateescape
            out.append(f"\\x{o - 0xDC00:02x}")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif _BAD_RE.match(ch):
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)


_PLAIN_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?")


def csv_cell(value):
    """A CSV cell neutralised against formula injection (OWASP): text starting with ``=``, ``+``, ``-``,
    ``@``, tab or CR gets a leading ``'``. Numbers (and text that is just a number) are left alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, writer):
        self._w = writer

    def writerow(self, row):
        return self._w.writerow([csv_cell(v) for v in row])

    def writerows(self, rows):
        for r in rows:
            self.writerow(r)


def csv_writer(buf, **kw):
    """``csv.writer`` whose every cell goes through :func:`csv_cell`."""
    import csv

    return _SafeWriter(csv.writer(buf, **kw))
