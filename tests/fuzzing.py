"""Mutation fuzzing of the readers: mutated DOCX parts and PDF objects, each read in an isolated worker.

A run is **ok** when the reader returns a form or a :class:`~formaudit.errors.FormError` with a reason it
chose; it is a **traceback** when the reason is the isolation layer's catch-all for an unexpected
exception ("could not be read (SomeError…)"), a **crash** when the worker died, a **timeout** when it hit
the wall-time limit. Used by ``tests/test_fuzz.py`` (a short, fixed budget in CI) and
``scripts/fuzz.py`` (as long as you like).
"""

from __future__ import annotations

import io
import random
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

#: Tokens spliced into XML and PDF text: structure, extreme numbers, controls, references.
XML_TOKENS = [
    b"<w:tbl>",
    b"</w:tbl>",
    b"<w:tr>",
    b"</w:tc>",
    b"<w:p>",
    b"</w:p>",
    b'<w:gridSpan w:val="' + b"9" * 5000 + b'"/>',
    b'<w:trHeight w:val="' + b"9" * 400 + b'"/>',
    b'<w:vMerge w:val="continue"/>',
    b'<w:gridSpan w:val="-3"/>',
    b'<w:sz w:val="1e400"/>',
    b'<w:outlineLvl w:val="\xc2\xb2"/>',
    b"<w:sdt><w:sdtContent>",
    b"</w:sdtContent></w:sdt>",
    b'<w:fldChar w:fldCharType="begin"/>',
    b'<w:fldChar w:fldCharType="end"/>',
    b"<w:t>\x1b]0;x\x07</w:t>",
    b"&#x1F;",
    b"&#xD800;",
    b"<w:t>" + b"A" * 10000 + b"</w:t>",
    b"<w:checkBox/>",
    b"<w:txbxContent>",
]
PDF_TOKENS = [
    b"1 0 R",
    b"2 0 R",
    b"3 0 R",
    b"99999 0 R",
    b"-1",
    b"9" * 400,
    b"2147483647",
    b"/Kids [3 0 R 3 0 R]",
    b"/Rotate 45",
    b"/MediaBox [0 0 0 0]",
    b"/Filter /FlateDecode",
    b"/Length 999999",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"endobj",
    b"stream\n",
    b"(\\",
    b"/FT /Tx /T (f) /Rect [0 0 1 1]",
    b"/Parent 1 0 R",
    b"/Annots [3 0 R]",
]


def seeds() -> dict[str, list[bytes]]:
    """Seed files: the sample forms and the generated hostile files (small ones)."""
    import hostile

    docx = [p.read_bytes() for p in sorted((ROOT / "sample_forms").glob("*.docx"))]
    docx.append(hostile.docx_valid())
    pdf = [p.read_bytes() for p in sorted((ROOT / "sample_forms").glob("*.pdf"))]
    pdf += [hostile.pdf_simple(), hostile.pdf_no_mediabox(), hostile.pdf_many_widgets(20)]
    return {"docx": docx, "pdf": pdf}


def _mutate_bytes(rng: random.Random, data: bytes, tokens: list[bytes], n: int) -> bytes:
    buf = bytearray(data)
    for _ in range(n):
        if not buf:
            buf += rng.choice(tokens)
            continue
        op = rng.randrange(6)
        i = rng.randrange(len(buf))
        if op == 0:  # flip a byte
            buf[i] = rng.randrange(256)
        elif op == 1:  # delete a range
            del buf[i : i + rng.randrange(1, 64)]
        elif op == 2:  # duplicate a range
            j = min(len(buf), i + rng.randrange(1, 256))
            buf[i:i] = buf[i:j] * rng.randrange(1, 4)
        elif op == 3:  # splice a token
            buf[i:i] = rng.choice(tokens)
        elif op == 4:  # replace a number with an extreme one
            m = list(re.finditer(rb"\d+", bytes(buf[max(0, i - 200) : i + 200])))
            if m:
                g = rng.choice(m)
                a, b = max(0, i - 200) + g.start(), max(0, i - 200) + g.end()
                buf[a:b] = rng.choice([b"0", b"-1", b"9" * rng.choice([5, 20, 400, 5000]), b"2147483648"])
        else:  # truncate
            del buf[i + rng.randrange(0, 4096) :]
    return bytes(buf)


_VALUES = [
    "0",
    "-1",
    "9" * 400,
    "9" * 5000,
    "1e400",
    "nan",
    "\u00b2",
    "",
    "continue",
    "restart",
    "auto",
    "FF0000",
]
_TEXTS = ["", "\u202e]0;t", "A" * 5000, "Name: Jane Doe", "\u202e", "Yes \u2610 No \u2610", "____", "1."]


def _mutate_tree(rng: random.Random, data: bytes, n: int) -> bytes:
    """Well-formed mutations (the XML still parses): elements deleted, duplicated or moved, attribute
    values and texts replaced by extreme ones — so the interpreter, not the XML parser, is exercised."""
    from lxml import etree

    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return data
    els = list(root.iter())
    if len(els) < 2:
        return data
    for _ in range(n):
        el = rng.choice(els[1:])
        parent = el.getparent()
        op = rng.randrange(5)
        if op == 0 and parent is not None:
            parent.remove(el)
        elif op == 1 and parent is not None:
            from copy import deepcopy

            for _k in range(rng.randrange(1, 4)):
                parent.insert(parent.index(el), deepcopy(el))
        elif op == 2 and parent is not None:
            other = rng.choice(els)
            if other is not el and el not in other.iterancestors() and other is not parent:
                try:
                    parent.remove(el)
                    other.append(el)
                except ValueError:
                    pass
        elif op == 3 and el.attrib:
            k = rng.choice(list(el.attrib))
            el.set(k, rng.choice(_VALUES))
        elif isinstance(el.tag, str):
            el.text = rng.choice(_TEXTS)
        els = list(root.iter())
        if len(els) < 2:
            break
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def mutate_docx(rng: random.Random, seed: bytes) -> bytes:
    """Mutate one XML part (usually word/document.xml) of a DOCX and re-zip it: mostly well-formed tree
    mutations, sometimes raw byte mutations."""
    with zipfile.ZipFile(io.BytesIO(seed)) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = [n for n in parts if n.endswith((".xml", ".rels"))]
    name = "word/document.xml" if rng.random() < 0.8 and "word/document.xml" in parts else rng.choice(xml)
    if rng.random() < 0.7:
        parts[name] = _mutate_tree(rng, parts[name], rng.randrange(1, 8))
    else:
        parts[name] = _mutate_bytes(rng, parts[name], XML_TOKENS, rng.randrange(1, 6))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    return out.getvalue()


def mutate_pdf(rng: random.Random, seed: bytes) -> bytes:
    """Mutate a PDF's object text (references, numbers, dictionaries, streams)."""
    return _mutate_bytes(rng, seed, PDF_TOKENS, rng.randrange(1, 6))


@dataclass
class Tally:
    runs: int = 0
    ok: int = 0
    refused: int = 0
    tracebacks: list[tuple[str, str]] = field(default_factory=list)
    crashes: list[tuple[str, str]] = field(default_factory=list)
    timeouts: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"runs={self.runs} ok={self.ok} refused={self.refused} tracebacks={len(self.tracebacks)} "
            f"crashes={len(self.crashes)} timeouts={len(self.timeouts)}"
        )


def classify(reason: str | None) -> str:
    if reason is None:
        return "ok"
    if reason.startswith("stopped after"):
        return "timeout"
    if reason.startswith(("the reader crashed", "the reader was killed", "could not be read (the")):
        return "crash"
    if reason.startswith("could not be read ("):
        return "traceback"
    return "refused"


def run_batch(paths: list[Path], tally: Tally, timeout: float, max_mb: int, jobs: int | None = None) -> None:
    from formaudit.errors import FormError
    from formaudit.isolate import read_many

    for p, r in read_many(paths, jobs=jobs, timeout=timeout, max_mb=max_mb):
        tally.runs += 1
        kind = classify(r.reason if isinstance(r, FormError) else None)
        if kind == "ok":
            tally.ok += 1
        elif kind == "refused":
            tally.refused += 1
        else:
            getattr(
                tally, {"traceback": "tracebacks", "crash": "crashes", "timeout": "timeouts"}[kind]
            ).append((str(p), r.reason))
