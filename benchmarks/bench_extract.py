"""Benchmark: extract time of generated N-page DOCX and PDF forms (not a test; prints timings).

    python benchmarks/bench_extract.py            # 25, 50 and 100 pages
    python benchmarks/bench_extract.py 50 200

Each page holds a heading, a label | answer table of 18 rows and a long-answer box (DOCX), or a heading,
18 "Label: ____" lines and a drawn answer box (PDF). Doubling the pages should roughly double the time.
Needs reportlab (in the [test] extra) to write the PDFs.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROWS = 18


def make_docx(path: Path, pages: int) -> None:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    d = docx.Document()
    d.add_paragraph("Generated assessment form", style="Title")
    for i in range(pages):
        d.add_paragraph(f"Part {i + 1}: family circumstances", style="Heading 1")
        t = d.add_table(rows=ROWS, cols=2)
        t.style = "Table Grid"
        for r in range(ROWS):
            t.cell(r, 0).text = f"Question {i + 1}.{r + 1} about the household"
        d.add_paragraph(f"Summary of part {i + 1}").runs[0].bold = True
        box = d.add_table(rows=1, cols=1)
        box.style = "Table Grid"
        box.rows[0].height = Pt(120)
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.save(str(path))


def make_pdf(path: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    w, h = A4
    for i in range(pages):
        y = h - 60
        c.setFont("Helvetica-Bold", 16)
        c.drawString(50, y, f"Part {i + 1}: family circumstances")
        c.setFont("Helvetica", 10)
        for r in range(ROWS):
            y -= 30
            c.drawString(50, y, f"Question {i + 1}.{r + 1} about the household: " + "_" * 40)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(50, y - 30, f"Summary of part {i + 1}")
        c.rect(50, y - 160, w - 100, 120)
        c.showPage()
    c.save()


def timed(path: Path) -> tuple[float, int]:
    from formaudit import read_form

    t0 = time.perf_counter()
    form = read_form(path)
    return time.perf_counter() - t0, len(form.fields)


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [25, 50, 100]
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'format':6} {'pages':>5} {'fields':>6} {'seconds':>8} {'s/page':>7}")
        for fmt, maker in (("docx", make_docx), ("pdf", make_pdf)):
            prev, prev_n = None, 0
            for n in sizes:
                p = Path(tmp) / f"form{n}.{fmt}"
                maker(p, n)
                timed(p)  # warm imports and caches
                secs, nf = min(timed(p) for _ in range(3))
                ratio = f"  x{secs / prev:.2f} for x{n / prev_n:.0f} pages" if prev else ""
                print(f"{fmt:6} {n:5d} {nf:6d} {secs:8.3f} {secs / n:7.4f}{ratio}")
                prev, prev_n = secs, n


if __name__ == "__main__":
    main(sys.argv[1:])
