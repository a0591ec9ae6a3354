"""Guards for untrusted input files, applied before any parser sees them.

* :func:`check_archive` — a zip-bomb and path-traversal guard for zip-based documents (.docx packages,
  OpenDocument files; :class:`ArchiveKind` names the format in messages), from the archive's central
  directory only (nothing is decompressed); :func:`check_zip` is the .docx form. python-docx has no such guard: a
  333 KB .docx expanding to 102 MB of XML took 5 s and 1.7 GB of memory to open.
* :func:`check_no_dtd` — rejects XML parts that declare a DTD (OPC forbids DTDs in package parts, and a
  DTD is how XXE and entity-expansion attacks start). Reads only each part's prolog.
* :func:`xml_parser` / :func:`parse_xml` — an lxml parser that never resolves entities, loads DTDs or
  touches the network, for code that parses XML parts directly.

Declared sizes are trustworthy enough: Python's ``zipfile`` never returns more bytes for an entry than
its central-directory ``file_size``, so a lying header cannot make a reader inflate more than checked.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import FormError

#: Most entries a .docx may hold (real templates have 10–100).
MAX_ENTRIES = 2_000
#: Most bytes all entries may expand to, in total.
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
#: Highest compression ratio allowed for an entry larger than :data:`RATIO_MIN_SIZE` (XML compresses
#: 5–20:1; a run of spaces about 1000:1).
MAX_RATIO = 200
#: Entries up to this uncompressed size are not ratio-checked (small files compress well legitimately).
RATIO_MIN_SIZE = 1 * 1024 * 1024
#: The part every Word document has.
DOCX_MAIN_PART = "word/document.xml"
#: Most bytes of an XML part read while looking for its root element (the prolog is tiny in practice).
MAX_PROLOG_BYTES = 64 * 1024

_CORRUPT = "corrupt or truncated .docx (not a readable zip archive)"
_EOCD_SIG = b"PK\x05\x06"
_EOCD_LEN = 22
_DOCTYPE_MARKS = tuple("<!DOCTYPE".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def _declared_entries(fh) -> int | None:
    """Total entry count from the end-of-central-directory record, read before ``zipfile`` builds
    (potentially millions of) ``ZipInfo`` objects. None if the record is absent or uses ZIP64."""
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    tail_len = min(size, _EOCD_LEN + 0xFFFF)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    pos = tail.rfind(_EOCD_SIG)
    if pos < 0 or pos + _EOCD_LEN > len(tail):
        return None
    total = struct.unpack("<H", tail[pos + 10 : pos + 12])[0]
    return None if total == 0xFFFF else total


def _unsafe_name(name: str) -> bool:
    n = name.replace("\\", "/")
    if n.startswith("/") or (len(n) > 1 and n[1] == ":"):
        return True
    return any(part == ".." for part in n.split("/"))


@dataclass(frozen=True)
class ArchiveKind:
    """What a zip-based document format calls itself in :func:`check_archive`'s messages, and its main part.

    ``archive`` names the archive ("the .docx archive"), ``genuine`` what a real file is ("a genuine
    Word document"), ``corrupt`` the reason for an unreadable archive, ``main_part`` the entry every such
    file has (None: the caller checks) and ``no_main_part`` the reason when it is missing.
    """

    archive: str
    genuine: str
    corrupt: str
    main_part: str | None
    no_main_part: str


#: A Word (.docx, OOXML) package.
DOCX_ARCHIVE = ArchiveKind(
    archive="the .docx archive",
    genuine="a genuine Word document",
    corrupt=_CORRUPT,
    main_part=DOCX_MAIN_PART,
    no_main_part="not a Word document (no word/document.xml)",
)


def check_archive(path: str | os.PathLike, kind: ArchiveKind = DOCX_ARCHIVE) -> set[str]:
    """Raise :class:`FormError` unless ``path`` is a zip archive that is safe to hand to a parser of
    ``kind``; return the names of its entries.

    Checks, from metadata only: readable archive, at most :data:`MAX_ENTRIES` entries, at most
    :data:`MAX_TOTAL_UNCOMPRESSED` bytes in total, no entry over :data:`RATIO_MIN_SIZE` compressed more
    than :data:`MAX_RATIO`:1, no absolute or ``..`` entry names, no encrypted entries, entry data inside
    the file (not truncated), and ``kind.main_part`` (when given). Messages name the format as ``kind``
    describes it.
    """
    try:
        with open(path, "rb") as fh:
            declared = _declared_entries(fh)
            if declared is not None and declared > MAX_ENTRIES:
                raise FormError(
                    path, f"too many entries in {kind.archive} ({declared:,}; limit {MAX_ENTRIES:,})"
                )
            file_size = fh.seek(0, os.SEEK_END)
            fh.seek(0)
            with zipfile.ZipFile(fh) as zf:
                infos = zf.infolist()
    except FormError:
        raise
    except IsADirectoryError:
        raise FormError(path, "is a folder, not a form file") from None
    except PermissionError:
        raise FormError(path, "permission denied") from None
    except FileNotFoundError:
        raise FormError(path, "no such file") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error, OSError):
        raise FormError(path, kind.corrupt) from None

    if len(infos) > MAX_ENTRIES:
        raise FormError(path, f"too many entries in {kind.archive} ({len(infos):,}; limit {MAX_ENTRIES:,})")
    total = 0
    names = set()
    for info in infos:
        name = info.filename
        if _unsafe_name(name):
            raise FormError(path, f"unsafe path in {kind.archive} ({name!r}) — not {kind.genuine}")
        if info.flag_bits & 0x1:
            raise FormError(path, f"encrypted zip archive — not {kind.genuine}")
        if info.header_offset + info.compress_size > file_size:
            raise FormError(path, kind.corrupt)
        total += info.file_size
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise FormError(
                path,
                f"possible zip bomb: contents expand to more than {_mb(MAX_TOTAL_UNCOMPRESSED)}",
            )
        if info.file_size > RATIO_MIN_SIZE:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise FormError(
                    path,
                    f"possible zip bomb: {name} is compressed {ratio:,.0f}:1 "
                    f"({_mb(info.file_size)} unpacked; limit {MAX_RATIO}:1)",
                )
        names.add(name)
    if kind.main_part is not None and kind.main_part not in names:
        raise FormError(path, kind.no_main_part)
    return names


def check_zip(path: str | os.PathLike) -> None:
    """Raise :class:`FormError` unless ``path`` is a zip archive that is safe to hand to a .docx parser
    (:func:`check_archive` with :data:`DOCX_ARCHIVE`: the limits above and a ``word/document.xml`` part)."""
    check_archive(path, DOCX_ARCHIVE)


def xml_parser(**overrides):
    """A new lxml ``XMLParser`` that does not resolve entities, load DTDs, use the network or accept
    huge trees. Make one per parse (lxml parsers must not be shared between threads)."""
    from lxml import etree

    opts = dict(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
    )
    opts.update(overrides)
    return etree.XMLParser(**opts)


def parse_xml(data: bytes, path: str | os.PathLike = "(xml)", part: str = "XML part"):
    """Parse ``data`` with :func:`xml_parser` and return the root element.

    Raises :class:`FormError` (naming ``path`` and ``part``) for malformed XML or a DTD declaration.
    """
    from lxml import etree

    try:
        root = etree.fromstring(data, parser=xml_parser())
    except etree.XMLSyntaxError as e:
        msg = " ".join(str(e).split())
        raise FormError(path, f"malformed XML in {part} ({msg})") from None
    if root is None:
        raise FormError(path, f"malformed XML in {part} (empty)")
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise FormError(path, f"{part} declares a DTD (not allowed in Word documents)")
    return root


def check_no_dtd(path: str | os.PathLike, parts: Iterable[str] | None = None) -> None:
    """Raise :class:`FormError` if an XML part of the .docx at ``path`` declares a DTD.

    ``parts`` defaults to every ``*.xml`` / ``*.rels`` entry. Only each part's prolog is inflated
    (up to the root element, at most :data:`MAX_PROLOG_BYTES`), so call :func:`check_zip` first and this
    stays cheap. OPC (ECMA-376 Part 2) forbids DTDs in package parts; a DTD is how XXE and
    entity-expansion attacks begin.
    """
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as zf:
            names = (
                list(parts)
                if parts is not None
                else [n for n in zf.namelist() if n.lower().endswith((".xml", ".rels"))]
            )
            for name in names:
                try:
                    fh = zf.open(name)
                except KeyError:
                    continue
                with fh:
                    if _prolog_has_dtd(fh, etree):
                        raise FormError(path, f"{name} declares a DTD (not allowed in Word documents)")
    except FormError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError):
        raise FormError(path, _CORRUPT) from None


def _prolog_has_dtd(fh, etree) -> bool:
    parser = etree.XMLPullParser(
        events=("start",), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    head = b""
    while len(head) < MAX_PROLOG_BYTES:
        chunk = fh.read(4096)
        if not chunk:
            break
        head += chunk
        # A DTD can only come before the root element; stop at the first start tag.
        try:
            parser.feed(chunk)
        except etree.XMLSyntaxError:
            # malformed (the real parser will say so) — but refuse anything that looks like a DTD
            return any(m in head for m in _DOCTYPE_MARKS)
        for _event, el in parser.read_events():
            info = el.getroottree().docinfo
            return bool(info.doctype) or info.internalDTD is not None
    return any(m in head for m in _DOCTYPE_MARKS)
