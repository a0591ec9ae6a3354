"""Hostile and unusual input files, built from code (nothing here comes from a real form).

Each case is a :class:`Case`: a file name, a builder, the exit code ``formaudit extract`` must give and a
regular expression its one stderr line must match (``None`` for a valid file: exit 0, nothing on stderr).
Small cases are also kept under ``tests/data/hostile/`` (``python tests/hostile.py tests/data/hostile``
rebuilds them and ``expected.tsv``); big ones are built on the fly by the tests.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


# ------------------------------------------------------------------------------------------ raw PDF
def raw_pdf(objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF from ``{objid: body}`` with a correct classic xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for oid in sorted(objects):
        offsets[oid] = out.tell()
        out.write(b"%d 0 obj\n" % oid + objects[oid] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for oid in range(1, size):
        if oid in offsets:
            out.write(b"%010d 00000 n \n" % offsets[oid])
        else:
            out.write(b"0000000000 65535 f \n")
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (size, root, trailer_extra, xref)
    )
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"", flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 12 Tf 72 720 Td (Child's name: ______________) Tj ET"


def pdf_simple(
    page_extra: bytes = b"",
    mediabox: bytes = b"[0 0 612 792]",
    resources: bytes = b"<< /Font << /F1 4 0 R >> >>",
    extra_objs=None,
    content: bytes = _TEXT,
) -> bytes:
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources %s /Contents 5 0 R %s>>"
        % (mediabox, resources, page_extra),
        4: _FONT,
        5: _stream(content),
    }
    objs.update(extra_objs or {})
    return raw_pdf(objs)


def pdf_self_ref_mediabox() -> bytes:
    return pdf_simple(mediabox=b"7 0 R", extra_objs={7: b"7 0 R"})


def pdf_self_ref_resources() -> bytes:
    return pdf_simple(resources=b"7 0 R", extra_objs={7: b"7 0 R"})


def pdf_rotate_cycle() -> bytes:
    return pdf_simple(page_extra=b"/Rotate 8 0 R ", extra_objs={8: b"9 0 R", 9: b"8 0 R"})


def pdf_xref_stream_huge() -> bytes:
    """An xref stream whose /W widths and /Index range are absurd."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    off1 = out.tell()
    out.write(b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    xref_at = out.tell()
    out.write(
        b"2 0 obj\n"
        + _stream(
            b"\x00" * 16,
            b"/Type /XRef /Size 2147483647 /W [9999 9999 9999] /Index [0 2147483647] /Root 1 0 R ",
        )
        + b"\nendobj\n"
    )
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    del off1
    return out.getvalue()


def pdf_many_widgets(n: int = 10_000) -> bytes:
    """One page with ``n`` AcroForm text widgets (each its own field)."""
    first = 10
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] >> >>"
        % b" ".join(b"%d 0 R" % (first + i) for i in range(n)),
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R /Annots [%s] >>" % b" ".join(b"%d 0 R" % (first + i) for i in range(n)),
        4: _FONT,
        5: _stream(_TEXT),
    }
    for i in range(n):
        x, y = 20 + (i % 50) * 11, 20 + (i // 50) % 70 * 10
        objs[first + i] = (
            b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (f%d) /Rect [%d %d %d %d] /P 3 0 R >>"
            % (i, x, y, x + 10, y + 8)
        )
    return raw_pdf(objs)


def pdf_xobject_amplification(depth: int = 8, fan: int = 10) -> bytes:
    """Form XObjects nested ``depth`` deep, each drawing the next ``fan`` times: fan**depth leaf draws
    from a file of a few KB."""
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        4: _FONT,
    }
    base = 10
    for level in range(depth):
        oid = base + level
        if level == depth - 1:
            body = b"BT /F1 1 Tf 0 0 Td (x) Tj ET"
            res = b"<< /Font << /F1 4 0 R >> >>"
        else:
            body = b" ".join(b"q 1 0 0 1 %d 0 cm /X Do Q" % k for k in range(fan))
            res = b"<< /XObject << /X %d 0 R >> >>" % (oid + 1)
        objs[oid] = _stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources %s " % res)
    objs[3] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X %d 0 R >> /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        % base
    )
    objs[5] = _stream(_TEXT + b" /X Do")
    return raw_pdf(objs)


def pdf_pages(n: int = 2000) -> bytes:
    first = 10
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (first + i) for i in range(n)), n),
        4: _FONT,
        5: _stream(_TEXT),
    }
    for i in range(n):
        objs[first + i] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        )
    return raw_pdf(objs)


def pdf_flate_bomb(mb: int = 1024) -> bytes:
    """A content stream that inflates to ``mb`` MiB of spaces (about 1 KB per MiB compressed)."""
    co = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(co.compress(chunk) for _ in range(mb)) + co.flush()
    return pdf_simple(
        extra_objs={5: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"}
    )


def pdf_no_mediabox() -> bytes:
    """A valid two-page form whose first page has no /MediaBox (the reader must assume Letter/A4)."""
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        4: _FONT,
        5: _stream(_TEXT),
        6: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>",
        7: _stream(b"BT /F1 12 Tf 72 720 Td (Date of birth: ______________) Tj ET"),
    }
    return raw_pdf(objs)


def pdf_bad_page() -> bytes:
    """A valid page then a page whose content stream is garbage that pdfminer cannot decode."""
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        4: _FONT,
        5: _stream(_TEXT),
        6: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>",
        7: b"<< /Length 12 /Filter /NoSuchFilter >>\nstream\nxxxxxxxxxxxx\nendstream",
    }
    return raw_pdf(objs)


def pdf_warnings() -> bytes:
    """A valid form whose xref offsets are wrong (pdfminer falls back to scanning and logs warnings)."""
    data = pdf_simple()
    i = data.index(b"startxref\n") + len(b"startxref\n")
    return data[:i] + b"99999\n%%EOF\n"


# ------------------------------------------------------------------------------------------ DOCX
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def docx_bytes(body: str, ns: str = W, root: str = "document", main_ct: str | None = None) -> bytes:
    """A minimal .docx whose ``word/document.xml`` has ``body`` inside ``w:body``."""
    ct_main = main_ct or "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{ct_main}"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} xmlns:w="{ns}"><w:body>{body}</w:body></w:{root}>'
        ),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():  # fixed timestamps: the same bytes on every build
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def _p(text: str, ppr: str = "") -> str:
    return f'<w:p>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _row(*cells: str, trpr: str = "", tcpr: str = "") -> str:
    tcs = "".join(f"<w:tc>{f'<w:tcPr>{tcpr}</w:tcPr>' if tcpr else ''}{_p(c)}</w:tc>" for c in cells)
    return f"<w:tr>{f'<w:trPr>{trpr}</w:trPr>' if trpr else ''}{tcs}</w:tr>"


def _tbl(rows: str) -> str:
    return f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>"


FORM_BODY = _p("Child's details", '<w:pStyle w:val="Heading1"/>') + _tbl(
    _row("Child's name", "") + _row("Date of birth", "")
)


def docx_valid() -> bytes:
    return docx_bytes(FORM_BODY)


def docx_strict() -> bytes:
    return docx_bytes(FORM_BODY, ns=STRICT_W)


def docx_wrong_root() -> bytes:
    return docx_bytes(FORM_BODY, root="settings")


def docx_docm() -> bytes:
    return docx_bytes(FORM_BODY, main_ct="application/vnd.ms-word.document.macroEnabled.main+xml")


def docx_big_number(where: str, digits: int) -> bytes:
    n = "9" * digits
    if where == "trHeight":
        body = _tbl(_row("Child's name", "", trpr=f'<w:trHeight w:val="{n}"/>'))
    elif where == "gridSpan":
        body = _tbl(_row("Child's name", "", tcpr=f'<w:gridSpan w:val="{n}"/>'))
    elif where == "tcW":
        body = _tbl(_row("Child's name", "", tcpr=f'<w:tcW w:w="{n}" w:type="dxa"/>'))
    elif where == "outlineLvl":
        body = _p("Child's details", f'<w:outlineLvl w:val="{n}"/>') + _tbl(_row("Child's name", ""))
    elif where == "sz":
        body = f'<w:p><w:r><w:rPr><w:sz w:val="{n}"/></w:rPr><w:t>Child\'s details</w:t></w:r></w:p>' + _tbl(
            _row("Child's name", "")
        )
    else:
        raise ValueError(where)
    return docx_bytes(body)


def _rsid(i: int) -> str:
    """A revision id as Word writes on every paragraph and row (8 hex digits; keeps XML realistic, and
    as poorly compressible as Word's own)."""
    return f"{(i * 2654435761) & 0xFFFFFFFF:08X}"


def docx_big_guidance(mb: float) -> bytes:
    """One section of guidance paragraphs totalling about ``mb`` MiB of XML."""
    parts, size, i = [], 0, 0
    while size < mb * (1 << 20):
        para = (
            f'<w:p w:rsidR="{_rsid(i)}" w:rsidRDefault="{_rsid(i + 7)}"><w:r><w:t xml:space="preserve">'
            f"Note {i}: read guidance part {i * 7 % 1000} before completing section {i % 97} of this form."
            "</w:t></w:r></w:p>"
        )
        parts.append(para)
        size += len(para)
        i += 1
    return docx_bytes(
        _p("Guidance", '<w:pStyle w:val="Heading1"/>') + "".join(parts) + _tbl(_row("Child's name", ""))
    )


def docx_many_rows(n: int) -> bytes:
    rows = "".join(
        f'<w:tr w:rsidR="{_rsid(i)}" w:rsidTr="{_rsid(i + 3)}"><w:tc><w:p w:rsidR="{_rsid(i + 5)}"/></w:tc>'
        f'<w:tc><w:p w:rsidR="{_rsid(i + 11)}"/></w:tc></w:tr>'
        for i in range(n)
    )
    return docx_bytes(
        _p("People", '<w:pStyle w:val="Heading1"/>') + _tbl(_row("Name", "Relationship") + rows)
    )


# ------------------------------------------------------------------------------------------ model file
def model_many_fields(n: int) -> bytes:
    lines = ["schema: formaudit.form/1", "title: Big", "sections:", "  - title: Everything", "    fields:"]
    lines += [f"      - {{label: Question number {i}, kind: text}}" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


def model_many_fields_json(n: int) -> bytes:
    import json

    doc = {
        "schema": "formaudit.form/1",
        "title": "Big",
        "sections": [{"title": "All", "fields": [{"label": f"Q{i}"} for i in range(n)]}],
    }
    return json.dumps(doc, separators=(",", ":")).encode()


# ------------------------------------------------------------------------------------------ the corpus
@dataclass
class Case:
    name: str
    build: Callable[[], bytes]
    exit: int
    message: str | None  # regex for the one stderr line (None: valid file, no stderr)
    big: bool = False  # built on the fly, not kept in tests/data/hostile


CASES = [
    # 1. hangs and unbounded work
    Case(
        "self-ref-mediabox.pdf",
        pdf_self_ref_mediabox,
        2,
        r"self-ref-mediabox\.pdf: corrupt PDF: .*reference cycle",
    ),
    Case(
        "self-ref-resources.pdf",
        pdf_self_ref_resources,
        2,
        r"self-ref-resources\.pdf: corrupt PDF: .*reference cycle",
    ),
    Case("rotate-cycle.pdf", pdf_rotate_cycle, 2, r"rotate-cycle\.pdf: corrupt PDF: .*reference cycle"),
    Case("xref-stream-huge.pdf", pdf_xref_stream_huge, 2, r"xref-stream-huge\.pdf: corrupt or truncated PDF"),
    Case("widgets-1500.pdf", lambda: pdf_many_widgets(1500), 2, r"widgets-1500\.pdf: too many form fields"),
    Case("widgets-10k.pdf", pdf_many_widgets, 2, r"widgets-10k\.pdf: too many form fields", big=True),
    Case(
        "xobject-amplification.pdf",
        pdf_xobject_amplification,
        2,
        r"xobject-amplification\.pdf: drawing amplification",
    ),
    Case("pages-1200.pdf", lambda: pdf_pages(1200), 2, r"pages-1200\.pdf: too many pages"),
    Case("pages-2000.pdf", pdf_pages, 2, r"pages-2000\.pdf: too many pages", big=True),
    Case(
        "flate-bomb-128mb.pdf", lambda: pdf_flate_bomb(128), 2, r"flate-bomb-128mb\.pdf: .*decompression bomb"
    ),
    Case("flate-bomb-1gb.pdf", pdf_flate_bomb, 2, r"flate-bomb-1gb\.pdf: .*decompression bomb", big=True),
    Case("guidance-8mb.docx", lambda: docx_big_guidance(8), 0, None, big=True),
    Case("rows-100k.docx", lambda: docx_many_rows(100_000), 0, None, big=True),
    Case(
        "fields-99k.form.yaml",
        lambda: model_many_fields(99_000),
        2,
        r"fields-99k\.form\.yaml: form model file is too large",
        big=True,
    ),
    Case(
        "fields-99k.json",
        lambda: model_many_fields_json(99_000),
        2,
        r"fields-99k\.json: form model has too many fields",
        big=True,
    ),
    # 4. formerly tracebacks
    Case("strict-ooxml.docx", docx_strict, 2, r"strict-ooxml\.docx: Strict Open XML"),
    Case("wrong-root.docx", docx_wrong_root, 2, r"wrong-root\.docx: not a Word document"),
    Case("trheight-400-digits.docx", lambda: docx_big_number("trHeight", 400), 0, None),
    Case("trheight-5000-digits.docx", lambda: docx_big_number("trHeight", 5000), 0, None),
    Case("gridspan-5000-digits.docx", lambda: docx_big_number("gridSpan", 5000), 0, None),
    Case("tcw-5000-digits.docx", lambda: docx_big_number("tcW", 5000), 0, None),
    Case("outlinelvl-5000-digits.docx", lambda: docx_big_number("outlineLvl", 5000), 0, None),
    Case("size-5000-digits.docx", lambda: docx_big_number("sz", 5000), 0, None),
    # 6. smaller
    Case("macro-enabled.docm", docx_docm, 0, None),
    Case("no-mediabox.pdf", pdf_no_mediabox, 0, None),
    Case("bad-page.pdf", pdf_bad_page, 0, None),
    Case("pdfminer-warnings.pdf", pdf_warnings, 0, None),
]


def build(folder: Path, big: bool = False) -> list[Case]:
    """Write every case (``big`` ones too if asked) into ``folder``; returns the cases written."""
    folder.mkdir(parents=True, exist_ok=True)
    done = []
    for c in CASES:
        if c.big and not big:
            continue
        (folder / c.name).write_bytes(c.build())
        done.append(c)
    return done


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/hostile")
    cases = build(out)
    with open(out / "expected.tsv", "w", encoding="utf-8") as fh:
        fh.write("# file\texit\tstderr line (regex; '-' = none)\n")
        for c in cases:
            fh.write(f"{c.name}\t{c.exit}\t{c.message or '-'}\n")
    print(f"{len(cases)} files in {out}")
