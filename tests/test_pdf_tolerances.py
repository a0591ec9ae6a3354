"""The PDF reader's tolerances and thresholds are named, with their units, in one module."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

PDF_DIR = Path(__file__).resolve().parents[1] / "formaudit" / "readers" / "pdf"
#: numbers that are not tolerances: 0, 1 and 2 as counts, halves and index steps
PLAIN = {"0", "1", "2", "0.0", "1.0", "2.0"}
#: structural numbers (a rectangle's 4 coordinates, RGB/CMYK component counts, 255 colour
#: levels, hexadecimal, the AcroForm flag bit positions, a square root, a cache size)
STRUCTURAL = {"3", "4", "8", "12", "15", "16", "17", "255", "0.5"}
#: modules that are themselves tables of named, documented numbers: the reader's tolerances, and the
#: resource limits that keep a hostile file from hanging or exhausting memory
NAMED_MODULES = ("tolerances.py", "limits.py")


def test_reader_modules_use_named_tolerances():
    loose = []
    for f in sorted(PDF_DIR.glob("*.py")):
        if f.name in NAMED_MODULES:
            continue
        toks = list(tokenize.generate_tokens(io.StringIO(f.read_text(encoding="utf-8")).readline))
        for i, t in enumerate(toks):
            if t.type != tokenize.NUMBER or t.string in PLAIN or toks[i - 1].string == "[":
                continue
            if t.string not in STRUCTURAL:
                loose.append(f"{f.name}:{t.start[0]}: {t.string}")
    assert not loose, f"unnamed numbers (name them in tolerances.py): {loose}"


def test_every_tolerance_is_documented_with_a_comment():
    src = (PDF_DIR / "tolerances.py").read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(src))
    undocumented = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            # the comment block above the assignment (consecutive "#" lines, possibly shared)
            k = node.lineno - 2
            while k >= 0 and re.match(r"^[A-Z_]+ = ", src[k]):
                k -= 1
            if k < 0 or not src[k].startswith("#"):
                undocumented.append(name)
    assert not undocumented, f"tolerances without a comment: {undocumented}"
    assert len([n for n in tree.body if isinstance(n, ast.Assign)]) >= 100
