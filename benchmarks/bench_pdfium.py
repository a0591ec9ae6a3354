"""Benchmark: characters of every PDF page with pdfplumber (pdfminer) and with pypdfium2, side by side.

    python benchmarks/bench_pdfium.py [FILES_OR_FOLDERS...]    # default: sample_forms/ and ../shared/eval*/forms

For each page it times (CPU seconds) pdfplumber's ``page.chars`` (which interprets the whole page) and
pypdfium2's text page (characters, loose boxes, font size and name), and compares the characters: the same
text in the same order, and boxes equal within ``BOX_TOL_PT``. The reader adopts pdfium only if every page of
every corpus is identical (see the closing lines).
"""

from __future__ import annotations

import ctypes
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: two boxes are "equal" when every edge is within this distance (points)
BOX_TOL_PT = 0.01


def pdf_files(args: list[str]) -> list[Path]:
    roots = [Path(a) for a in args] or [
        ROOT / "sample_forms",
        ROOT.parent / "shared" / "eval" / "forms",
        ROOT.parent / "shared" / "eval-2" / "forms",
    ]
    out = []
    for r in roots:
        out += [r] if r.is_file() else sorted(r.glob("*.pdf"))
    return out


def plumber_chars(path: Path) -> tuple[list[list[tuple]], float]:
    import pdfplumber

    pages, t = [], time.process_time()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            pages.append(
                [
                    (c["text"], c["x0"], c["top"], c["x1"], c["bottom"], round(c["size"], 3))
                    for c in page.chars
                    if c["text"].strip()
                ]
            )
            page.close()
    return pages, time.process_time() - t


def pdfium_chars(path: Path) -> tuple[list[list[tuple]], float]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages, t = [], time.process_time()
    doc = pdfium.PdfDocument(str(path))
    try:
        for page in doc:
            height = page.get_height()
            tp = page.get_textpage()
            out = []
            rect = raw.FS_RECTF()
            for i in range(tp.count_chars()):
                if raw.FPDFText_IsGenerated(tp, i) == 1:
                    continue
                ch = chr(raw.FPDFText_GetUnicode(tp, i))
                if not ch.strip():
                    continue
                raw.FPDFText_GetLooseCharBox(tp, i, ctypes.byref(rect))
                size = raw.FPDFText_GetFontSize(tp, i)
                out.append(
                    (ch, rect.left, height - rect.top, rect.right, height - rect.bottom, round(size, 3))
                )
            pages.append(out)
            tp.close()
            page.close()
    finally:
        doc.close()
    return pages, time.process_time() - t


def same(a: list[tuple], b: list[tuple]) -> tuple[bool, bool]:
    """(same text in the same order, and also the same boxes and sizes)"""
    if [c[0] for c in a] != [c[0] for c in b]:
        return False, False
    return True, all(
        all(abs(x - y) <= BOX_TOL_PT for x, y in zip(ca[1:5], cb[1:5], strict=True)) and ca[5] == cb[5]
        for ca, cb in zip(a, b, strict=True)
    )


def main(args: list[str]) -> None:
    files = pdf_files(args)
    tp = tf = 0.0
    pages = text_same = all_same = 0
    print(
        f"{'file':44} {'pages':>5} {'pdfplumber s':>12} {'pdfium s':>9} {'ratio':>6}  same text / same boxes"
    )
    for f in files:
        a, t1 = plumber_chars(f)
        b, t2 = pdfium_chars(f)
        tp, tf = tp + t1, tf + t2
        st = sb = 0
        for pa, pb in zip(a, b, strict=False):
            s1, s2 = same(pa, pb)
            st, sb = st + s1, sb + s2
        n = max(len(a), len(b))
        pages, text_same, all_same = pages + n, text_same + st, all_same + sb
        print(f"{f.name[:44]:44} {n:5} {t1:12.3f} {t2:9.3f} {t2 / t1 if t1 else 0:6.2f}  {st}/{n} / {sb}/{n}")
    print(
        f"\n{len(files)} PDFs, {pages} pages: pdfplumber chars {tp:.2f} s CPU, pdfium {tf:.2f} s CPU "
        f"(ratio {tf / tp if tp else 0:.2f}); same text on {text_same}/{pages} pages, "
        f"same text and boxes (±{BOX_TOL_PT} pt) and sizes on {all_same}/{pages}"
    )
    verdict = "identical: adoptable" if all_same == pages else "NOT identical: pdfplumber stays"
    print(f"verdict: {verdict}")


if __name__ == "__main__":
    main(sys.argv[1:])
