"""Limits pdfminer does not have: reference cycles, absurd cross-reference streams, decompression bombs,
drawing amplification and page/field counts.

pdfminer follows ``7 0 obj 7 0 R endobj`` for ever (``resolve1`` loops), walks a cross-reference stream
whose ``/Index`` claims two billion entries one by one, inflates a flate stream of any size in one call,
and draws a form XObject as often as the content asks — a 4 KB file can draw 100 million glyphs. These
guards are installed into pdfminer once (:func:`install`, idempotent) and count per document
(:func:`reset` at the start of each). When one trips, :class:`PdfLimit` carries the one-line reason.

Every limit is a property of hostile files, far above what real forms reach (named, with units, below).
The worker-process limits in :mod:`formaudit.isolate` remain the backstop for anything not listed here.
"""

from __future__ import annotations

import zlib

#: Bytes inflated at a time from a damaged flate stream.
INFLATE_CHUNK_BYTES = 4096
#: The page size (pt) given to a page with no usable MediaBox: US Letter, PDF's customary default.
LETTER_PT = (612, 792)
#: /Rotate must be a multiple of this many degrees (PDF 32000-1, 7.7.3.3); anything else reads as 0.
ROTATION_STEP_DEG = 90
#: Reference hops followed from one ``n 0 R`` before it is a cycle (real files: 1, rarely 2).
MAX_REF_HOPS = 32
#: Bytes one stream may inflate to (content streams of real forms: < 1 MiB; fonts and images: a few MiB).
MAX_STREAM_BYTES = 64 * 1024 * 1024
#: Bytes all of a document's streams may inflate to, in total.
MAX_DECODED_BYTES = 256 * 1024 * 1024
#: Form-XObject draws (``Do``) per document (real forms: tens to a few hundred).
MAX_XOBJECT_DRAWS = 20_000
#: Pages per document (real forms: under 100).
MAX_PAGES = 1_000
#: AcroForm widgets on one page (real forms: under 300).
MAX_WIDGETS_PER_PAGE = 1_000
#: AcroForm widgets per document.
MAX_WIDGETS = 10_000
#: Largest byte width of one cross-reference-stream field (/W): the spec's offsets fit in 8 bytes.
MAX_XREF_FIELD_BYTES = 8


class PdfLimit(Exception):
    """A limit tripped; ``reason`` is the one-line message for the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _State:
    decoded = 0
    draws = 0
    tripped: PdfLimit | None = None


_state = _State()
_installed = False


def reset() -> None:
    """Start counting for a new document."""
    _state.decoded = 0
    _state.draws = 0
    _state.tripped = None


def tripped() -> PdfLimit | None:
    """The limit that tripped while reading this document (even if a library swallowed the exception)."""
    return _state.tripped


def _trip(reason: str) -> PdfLimit:
    err = PdfLimit(reason)
    if _state.tripped is None:
        _state.tripped = err
    return err


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def inflate(data: bytes) -> bytes:
    """``zlib.decompress`` with :data:`MAX_STREAM_BYTES` per stream and :data:`MAX_DECODED_BYTES` per
    document; a corrupt tail yields what decoded before it (as pdfminer's own fallback does)."""
    room = min(MAX_STREAM_BYTES, MAX_DECODED_BYTES - _state.decoded)
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, room + 1)
    except zlib.error:
        out = _inflate_prefix(data, room)
    if len(out) > room:
        _over(room)
    _state.decoded += len(out)
    return out


def _over(room: int):
    if room < MAX_STREAM_BYTES:
        raise _trip(
            f"streams decompress to more than {_mb(MAX_DECODED_BYTES)} in all — a decompression bomb?"
        )
    raise _trip(f"a stream decompresses to more than {_mb(MAX_STREAM_BYTES)} — a decompression bomb?")


def _inflate_prefix(data: bytes, room: int) -> bytes:
    """What a damaged flate stream yields before the damage, at most ``room`` bytes (linear, unlike
    pdfminer's byte-at-a-time fallback that concatenates strings)."""
    d = zlib.decompressobj()
    parts, total = [], 0
    step = INFLATE_CHUNK_BYTES
    for i in range(0, len(data), step):
        try:
            chunk = d.decompress(data[i : i + step], room + 1 - total)
        except zlib.error:
            break
        parts.append(chunk)
        total += len(chunk)
        if total > room:
            _over(room)
    return b"".join(parts)


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes``."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)
    compress = staticmethod(zlib.compress)

    @staticmethod
    def decompress(data, *_args, **_kw):
        return inflate(data)


def install() -> None:
    """Patch the guards into pdfminer (once per process)."""
    global _installed
    if _installed:
        return
    from pdfminer import pdfdocument, pdfinterp, pdftypes

    # 1. references: follow a chain of references to its end, refusing cycles
    orig_resolve = pdftypes.PDFObjRef.resolve

    def resolve(self, default=None):
        x = orig_resolve(self, default)
        hops = 0
        while isinstance(x, pdftypes.PDFObjRef):
            hops += 1
            if hops > MAX_REF_HOPS or x.objid == self.objid:
                raise _trip(f"corrupt PDF: object {self.objid} is part of a reference cycle")
            x = orig_resolve(x, default)
        return x

    pdftypes.PDFObjRef.resolve = resolve

    # 2. decompression
    pdftypes.zlib = _BoundedZlib
    pdftypes.decompress_corrupted = lambda data: _inflate_prefix(
        data, min(MAX_STREAM_BYTES, MAX_DECODED_BYTES - _state.decoded)
    )

    # 3. cross-reference streams: widths a real file can have, and no more entries than the data holds
    orig_load = pdfdocument.PDFXRefStream.load

    def load(self, parser):
        orig_load(self, parser)
        widths = (self.fl1, self.fl2, self.fl3)
        if not all(isinstance(w, int) and 0 <= w <= MAX_XREF_FIELD_BYTES for w in widths) or not self.entlen:
            raise pdfdocument.PDFNoValidXRef("corrupt cross-reference stream (/W)")
        room = len(self.data or b"") // self.entlen
        ranges = []
        for start, count in self.ranges:
            if not isinstance(start, int) or not isinstance(count, int) or start < 0 or count < 0:
                raise pdfdocument.PDFNoValidXRef("corrupt cross-reference stream (/Index)")
            count = min(count, room)
            room -= count
            ranges.append((start, count))
        self.ranges = ranges

    pdfdocument.PDFXRefStream.load = load

    # 4. drawing amplification: form XObjects drawn at most MAX_XOBJECT_DRAWS times per document
    orig_do = pdfinterp.PDFPageInterpreter.do_Do

    def do_Do(self, xobjid_arg):  # noqa: N802 - pdfminer's operator name
        _state.draws += 1
        if _state.draws > MAX_XOBJECT_DRAWS:
            raise _trip(
                f"drawing amplification: more than {MAX_XOBJECT_DRAWS:,} XObject drawings — corrupt or hostile PDF"
            )
        return orig_do(self, xobjid_arg)

    pdfinterp.PDFPageInterpreter.do_Do = do_Do

    # 5. not a limit but the same kind of repair: a page with no (or a broken) /MediaBox gets the size
    # pdfminer already assumed for it (US Letter), and a /Rotate that is not a multiple of 90 reads as 0,
    # so pdfplumber does not refuse the whole file
    from pdfminer import pdfpage

    orig_page_init = pdfpage.PDFPage.__init__

    def page_init(self, doc, pageid, attrs, label=None):
        orig_page_init(self, doc, pageid, attrs, label)
        box = pdftypes.resolve1(self.attrs.get("MediaBox"))
        if not (isinstance(box, list) and len(box) == 4 and all(isinstance(v, (int, float)) for v in box)):
            self.attrs["MediaBox"] = list(self.mediabox or (0, 0, *LETTER_PT))
        rot = pdftypes.resolve1(self.attrs.get("Rotate", 0))
        if not isinstance(rot, int) or isinstance(rot, bool) or rot % ROTATION_STEP_DEG:
            self.attrs["Rotate"] = 0
            self.rotate = 0

    pdfpage.PDFPage.__init__ = page_init
    _installed = True
