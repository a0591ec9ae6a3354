"""Speed measures that must not change results: the no-numpy pair scoring for few texts keeps exactly the
pairs cdist keeps, the C YAML loader reads the rules identically, and start-up imports stay lazy."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from formaudit import semantics, textnorm
from formaudit.checks import redundant_section
from formaudit.readers import read_form

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_forms"


def _texts() -> list[str]:
    """Real labels (sample forms) plus invented near-duplicates, so scores fall on both sides of cutoffs."""
    labels = []
    for name in ("case-note_A.docx", "multi-agency-referral_A.docx", "early-help-assessment_F.pdf"):
        labels += [f.label.lower() for f in read_form(SAMPLES / name).fields]
    rng = random.Random(7)
    words = [
        "child",
        "name",
        "date",
        "of",
        "birth",
        "address",
        "mother",
        "father",
        "school",
        "gp",
        "worker",
        "signed",
        "plan",
        "review",
    ]
    labels += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 5))) for _ in range(300)]
    return labels + ["", ""]


@pytest.mark.parametrize("cutoff", [85.0, 90.0, 92.3])
def test_few_and_many_texts_give_the_same_pairs(monkeypatch, cutoff):
    pytest.importorskip("numpy")
    texts = _texts()
    results = []
    for threshold in (1 << 30, 2):  # extract path, then cdist path
        monkeypatch.setattr(textnorm, "CDIST_MIN_TEXTS", threshold)
        fa101 = {(i, j) for i, j, _ in semantics.similar_pairs(texts, cutoff)}
        fa201 = {
            scorer.__name__: redundant_section.similar_pairs(texts, scorer, cutoff)
            for scorer in (redundant_section.fuzz.token_sort_ratio, redundant_section.fuzz.ratio)
        }
        results.append((fa101, fa201))
    assert results[0][0], "the texts must have similar pairs"
    assert results[0] == results[1]


def test_rules_read_the_same_with_the_c_loader():
    yaml = pytest.importorskip("yaml")
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    for f in sorted((ROOT / "rules").glob("*.yaml")):
        text = f.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.safe_load(text), f.name  # noqa: S506


def _modules_after(*args: str) -> set[str]:
    code = (
        "import sys\nfrom formaudit.cli import cli\n"
        "try:\n    cli(args=sys.argv[1:], prog_name='formaudit')\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    return set(r.stdout.strip().splitlines()[-1].split())


def test_version_imports_nothing_heavy():
    mods = _modules_after("--version")
    assert "click" in mods
    for heavy in (
        "numpy",
        "rapidfuzz",
        "rich",
        "pdfplumber",
        "docx",
        "yaml",
        "formaudit.semantics",
        "formaudit.cli.check",
    ):
        assert heavy not in mods, heavy


def test_check_of_one_small_form_needs_no_numpy_or_pdf_libraries(tmp_path):
    mods = _modules_after("check", "--no-cache", "--format", "github", str(SAMPLES / "case-note_A.docx"))
    assert "formaudit.semantics" in mods, "the checks ran"
    for heavy in ("numpy", "pdfplumber", "pypdfium2"):
        assert heavy not in mods, heavy


def test_each_pdf_page_is_collected_once(monkeypatch):
    """Fillable pages are collected again with their overlay widgets set aside; the words and tables of a
    page are still extracted once."""
    import pdfplumber.page

    calls: dict[tuple[str, int], int] = {}
    real_words, real_tables = pdfplumber.page.Page.extract_words, pdfplumber.page.Page.find_tables

    def count(what, real):
        def wrapper(self, *a, **k):
            key = (what, self.page_number)
            calls[key] = calls.get(key, 0) + 1
            return real(self, *a, **k)

        return wrapper

    monkeypatch.setattr(pdfplumber.page.Page, "extract_words", count("words", real_words))
    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", count("tables", real_tables))
    from formaudit.readers.pdf import overlay

    collections = []
    real_collect = overlay._collect_page
    monkeypatch.setattr(
        overlay, "_collect_page", lambda page, n, w: collections.append(n) or real_collect(page, n, w)
    )
    again = 0
    for p in sorted(SAMPLES.glob("*.pdf")):
        calls.clear()
        collections.clear()
        read_form(p)
        again += len(collections) - len(set(collections))
        assert calls and max(calls.values()) == 1, p.name
    assert again, "some fillable page must be collected more than once for this test to mean anything"
