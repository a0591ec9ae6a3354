"""Build small PDF forms for reader tests with reportlab, using top-down coordinates."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

W, H = A4
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


class Page:
    """A reportlab canvas with helpers that take the distance from the top of the page."""

    def __init__(self, path: Path, rotate: int = 0, sideways: int = 0, **kw):
        """``rotate`` (0, 90, 180, 270) stores each page turned: the page dictionary has that /Rotate
        and the drawing (and the widgets' rectangles) are turned the other way, so that a viewer
        shows the same upright A4 page as with ``rotate=0``. ``sideways`` turns the drawing the same
        way without /Rotate: the page is shown with its content on its side (an A4 form printed
        across a landscape sheet), as a reader has to turn the paper to read it."""
        self.rotate = (rotate or sideways) % 360
        self.flag = bool(rotate)
        # reportlab stores a /Rotate 90 or 270 page's MediaBox turned (A4 landscape, shown portrait)
        size = (H, W) if not self.flag and self.rotate in (90, 270) else A4
        self.c = canvas.Canvas(str(path), pagesize=size, **kw)
        self.form = self.c.acroForm
        self._orient()

    # display (x, y) -> stored (x, y): the inverse of the viewer's clockwise turn by /Rotate
    _MATRIX = {
        0: (1, 0, 0, 1, 0, 0),
        90: (0, 1, -1, 0, H, 0),
        180: (-1, 0, 0, -1, W, H),
        270: (0, -1, 1, 0, 0, W),
    }

    def _orient(self) -> None:
        if self.rotate:
            if self.flag:
                self.c.setPageRotation(self.rotate)
            self.c.transform(*self._MATRIX[self.rotate])

    def _stored(self, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
        """A widget's display rectangle as stored on the turned page: (x, y, width, height)."""
        a, b, c, d, e, f = self._MATRIX[self.rotate]
        pts = [(a * px + c * py + e, b * px + d * py + f) for px in (x, x + w) for py in (y, y + h)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)

    def text(self, x: float, top: float, s: str, size: float = 10, font: str = "Helvetica") -> None:
        self.c.setFont(font, size)
        self.c.drawString(x, H - top - size * 0.8, s)

    def runs(self, x: float, top: float, parts: list[tuple[str, str]], size: float = 10) -> None:
        """One line of text in several fonts: ``parts`` of ``(text, font)`` drawn one after another."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        for s, font in parts:
            self.text(x, top, s, size=size, font=font)
            x += stringWidth(s, font, size)

    def rect(self, x: float, top: float, w: float, h: float) -> None:
        self.c.rect(x, H - top - h, w, h, stroke=1, fill=0)

    def grid(self, xs: list[float], tops: list[float]) -> None:
        self.c.grid(xs, [H - t for t in tops])

    def hline(self, x0: float, x1: float, top: float) -> None:
        self.c.line(x0, H - top, x1, H - top)

    def line_box(self, x: float, top: float, w: float, h: float) -> None:
        """A box drawn as four separate lines, as Word's exporter draws a bordered 1×1 table."""
        self.c.line(x, H - top, x + w, H - top)
        self.c.line(x, H - top - h, x + w, H - top - h)
        self.c.line(x, H - top, x, H - top - h)
        self.c.line(x + w, H - top, x + w, H - top - h)

    def textfield(self, name: str, x: float, top: float, w: float = 200, h: float = 16, **kw) -> None:
        kw.setdefault("borderWidth", 1)
        sx, sy, sw, sh = self._stored(x, H - top - h, w, h)
        self.form.textfield(name=name, x=sx, y=sy, width=sw, height=sh, **kw)

    def checkbox(self, name: str, x: float, top: float, size: float = 10, **kw) -> None:
        sx, sy, _sw, _sh = self._stored(x, H - top - size, size, size)
        self.form.checkbox(name=name, x=sx, y=sy, size=size, **kw)

    def radio(self, name: str, value: str, x: float, top: float, size: float = 10, **kw) -> None:
        sx, sy, _sw, _sh = self._stored(x, H - top - size, size, size)
        self.form.radio(name=name, value=value, x=sx, y=sy, size=size, selected=False, **kw)

    def choice(
        self, name: str, options: list[str], x: float, top: float, w: float = 150, h: float = 16, **kw
    ) -> None:
        sx, sy, sw, sh = self._stored(x, H - top - h, w, h)
        self.form.choice(name=name, options=options, value=options[0], x=sx, y=sy, width=sw, height=sh, **kw)

    def shade(self, x: float, top: float, w: float, h: float, grey: float) -> None:
        """A filled rectangle without a border (Word's cell shading), grey 0 = black, 1 = white."""
        self.c.setFillGray(grey)
        self.c.rect(x, H - top - h, w, h, stroke=0, fill=1)
        self.c.setFillGray(0)

    def bar(self, x: float, top: float, w: float, h: float, grey: float) -> None:
        """A filled rectangle with a border (a heading bar), grey 0 = black, 1 = white."""
        self.c.setFillGray(grey)
        self.c.rect(x, H - top - h, w, h, stroke=1, fill=1)
        self.c.setFillGray(0)

    def frame(self, x: float, top: float, w: float, h: float) -> None:
        """A box drawn as one closed path starting mid-edge (how LibreOffice draws a shape or
        text-box frame; pdfplumber reports it as a curve, not a rect)."""
        path = self.c.beginPath()
        path.moveTo(x + w / 2, H - top - h)
        path.lineTo(x, H - top - h)
        path.lineTo(x, H - top)
        path.lineTo(x + w, H - top)
        path.lineTo(x + w, H - top - h)
        path.lineTo(x + w / 2, H - top - h)
        path.close()
        self.c.drawPath(path, stroke=1, fill=0)

    def word_table(
        self, top: float, rows: list, x0: float = 50, x1: float = 530, split: float = 220
    ) -> float:
        """A bordered table as Word exports it: ``rows`` of ``(height, cells)``; ``cells`` is a
        list of ``(text, grey or None, bold)``; one cell spans the row, two split at ``split``,
        more share the width. Returns the table's bottom."""
        y = top
        self.hline(x0, x1, y)
        for h, cells in rows:
            n = len(cells)
            if n == 1:
                xs = [x0, x1]
            elif n == 2:
                xs = [x0, split, x1]
            else:
                xs = [x0 + (x1 - x0) * i / n for i in range(n + 1)]
            for (text, grey, bold), cx0, cx1 in zip(cells, xs, xs[1:], strict=False):
                if grey is not None:
                    self.shade(cx0, y, cx1 - cx0, h, grey)
                if text:
                    self.text(cx0 + 4, y + 3, text, size=10, font="Helvetica-Bold" if bold else "Helvetica")
            for x in xs:
                self.c.line(x, H - y, x, H - y - h)
            y += h
            self.hline(x0, x1, y)
        return y

    def new_page(self) -> None:
        self.c.showPage()
        self._orient()

    def save(self) -> None:
        self.c.save()


def use_dejavu() -> str | None:
    """Register DejaVu Sans (has the ☐ glyph); None when the font is not installed."""
    if not os.path.exists(DEJAVU):
        return None
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSans", DEJAVU))
    return "DejaVuSans"


def use_dejavu_bold() -> str | None:
    """Register DejaVu Sans Bold (a bold face with the ☐ glyph); None when not installed."""
    bold = DEJAVU.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    if not os.path.exists(bold):
        return None
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", bold))
    return "DejaVuSans-Bold"


def write_raw_pdf(path: Path, objs: list[bytes]) -> None:
    """Write numbered objects (1 = catalog) as a PDF with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    Path(path).write_bytes(bytes(out))


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length " + str(len(data)).encode() + extra + b" >>\nstream\n" + data + b"\nendstream"


def symbol_font_pdf(path: Path, lines: list[tuple[float, list[tuple[str, bytes]]]], to_unicode: bool) -> None:
    """A one-page flat PDF whose tick boxes are typed in Wingdings, as Word prints its "Insert Symbol"
    boxes: ``lines`` of ``(top, runs)``, each run ``("F1" | "WD", bytes)`` — Helvetica text, or
    Wingdings character codes (0xA8 is the empty box). ``to_unicode``: the font maps its codes to the
    private-use characters U+F0xx (Word's export); otherwise the codes read as Latin-1 letters."""
    ops = []
    for top, runs in lines:
        x = 50.0
        for font, text in runs:
            ops.append(f"BT /{font} 10 Tf {x:.1f} {842 - top - 8:.1f} Td (".encode() + text + b") Tj ET")
            x += (12 if font == "WD" else 5.6) * len(text) + 4
    content = b"\n".join(ops)
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /WD def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"1 beginbfrange <20> <FF> <F020> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end"
    )
    wd = b"<< /Type /Font /Subtype /TrueType /BaseFont /Wingdings-Regular /FirstChar 32 /LastChar 255"
    wd += b" /Widths [" + b" ".join([b"900"] * 224) + b"]"
    wd += b" /FontDescriptor 8 0 R"
    wd += b" /ToUnicode 7 0 R >>" if to_unicode else b" >>"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /WD 5 0 R >> >>"
        b" /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        wd,
        stream(content),
        stream(cmap),
        b"<< /Type /FontDescriptor /FontName /ABCDEF+Wingdings-Regular /Flags 4 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    write_raw_pdf(path, objs)


def raw_pdf_with_signature(path: Path, label: str) -> None:
    """A one-page PDF with a visible label and an AcroForm signature field beside it
    (reportlab cannot make /Sig fields), written with a correct xref table."""
    content = f"BT /F1 10 Tf 50 750 Td ({label}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 6 0 R /Annots [5 0 R] >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (sig1) /Rect [200 745 400 765] /P 3 0 R /F 4 >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    Path(path).write_bytes(bytes(out))


def raw_pdf_radio_with_opt(path: Path, label: str, options: list[str], printed: bool = False) -> None:
    """A one-page PDF: a visible question and an AcroForm radio group whose buttons' appearance
    states are the indices "0", "1", ... and whose /Opt array gives each button's export value (the
    PDF 1.5 way to store non-ASCII or repeated export values). ``printed``: the option texts are
    also printed beside the buttons."""
    n = len(options)
    ops = [f"BT /F1 10 Tf 50 750 Td ({label}) Tj ET"]
    if printed:
        ops += [f"BT /F1 10 Tf {262 + 80 * i} 750 Td ({o}) Tj ET" for i, o in enumerate(options)]
    content = "\n".join(ops).encode()
    first_kid = 7
    kid_refs = " ".join(f"{first_kid + i} 0 R" for i in range(n))
    opt = " ".join(f"({o})" for o in options)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        f" /Contents 6 0 R /Annots [{kid_refs}] >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /FT /Btn /Ff 49152 /T (known) /Opt [{opt}] /Kids [{kid_refs}] >>".encode(),
        stream(content),
    ]
    ap = n + first_kid
    for i in range(n):
        x = 250 + 80 * i
        objs.append(
            f"<< /Type /Annot /Subtype /Widget /Parent 5 0 R /Rect [{x} 748 {x + 10} 758] /P 3 0 R /F 4"
            f" /AS /Off /AP << /N << /{i} {ap} 0 R /Off {ap} 0 R >> >> >>".encode()
        )
    objs.append(stream(b"", b" /Type /XObject /Subtype /Form /BBox [0 0 10 10]"))
    write_raw_pdf(path, objs)


XFA_WAIT = (
    "Please wait... If this message is not eventually replaced by the proper contents of the document, "
    "your PDF viewer may not be able to display this type of document."
)


def raw_pdf_xfa(path: Path, template: str, page_text: str = XFA_WAIT, packets: bool = True) -> None:
    """A dynamic XFA form as LiveCycle Designer saves it: the fields exist only in the XFA template
    (an XML packet in /AcroForm /XFA), /Fields is empty, and the one page shows a "please wait"
    message. ``packets``: /XFA as an array of named packets (else one stream)."""
    xdp = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/">\n'
        '<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/">' + template + "</template>\n"
        "</xdp:xdp>"
    ).encode()
    content = f"BT /F1 9 Tf 30 800 Td ({page_text}) Tj ET".encode()
    xfa = b"[(template) 7 0 R]" if packets else b"7 0 R"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /XFA "
        + xfa
        + b" >> /NeedsRendering true >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< >>",
        stream(content),
        stream(xdp),
    ]
    write_raw_pdf(path, objs)


def raw_pdf_cid_text(path: Path, lines: list[str]) -> None:
    """A one-page flat PDF whose text is set in a composite (Type0, Identity-H) font with no /ToUnicode
    map: the glyph codes cannot be turned back into characters (a PDF made by some print drivers)."""
    ops = []
    for i, s in enumerate(lines):
        codes = "".join(f"{ord(ch) - 29:04X}" for ch in s)  # glyph ids, not character codes
        ops.append(f"BT /F1 10 Tf 50 {760 - 20 * i} Td <{codes}> Tj ET")
    content = "\n".join(ops).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Body /Encoding /Identity-H /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Body /DW 500"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R >>",
        stream(content),
        b"<< /Type /FontDescriptor /FontName /ABCDEF+Body /Flags 4 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    write_raw_pdf(path, objs)
