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


# ------------------------------------------------------------------------------------------------------
# Work done once per distinct text / candidate must give exactly what the all-pairs definitions give.


def _brute_pairs(texts, cutoff, scorer):
    """The definition: every pair of non-empty texts scored (float32, as the fast paths store scores)."""
    out = set()
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if texts[i] and texts[j] and textnorm._float32(scorer(texts[i], texts[j])) >= cutoff:
                out.add((i, j))
    return out


@pytest.mark.parametrize("cutoff", [85.0, 90.0, 100.0])
def test_pairs_of_repeated_texts_are_every_pair_of_their_copies(cutoff):
    from rapidfuzz import fuzz

    rng = random.Random(11)
    pool = ["name", "child name", "name of child", "date of birth", "address line 1", "address line 2", ""]
    texts = [rng.choice(pool) for _ in range(60)]  # most texts repeated many times
    got = {(i, j) for i, j, _ in textnorm.similar_pairs(texts, cutoff)}
    assert got == _brute_pairs(texts, cutoff, fuzz.token_sort_ratio)
    assert all(i < j for i, j in got)


def test_pairs_across_two_lists_are_the_cross_pairs_of_their_concatenation():
    from rapidfuzz import fuzz

    texts = _texts()[:120] + ["child name", "child name", ""]
    others = ["child's details", "name of child", "address", "", "child name"]
    n = len(texts)
    want = {(i, j - n) for i, j, _ in textnorm.similar_pairs(texts + others, 90.0) if i < n <= j}
    got = {(i, j) for i, j, _ in textnorm.similar_across(texts, others, 90.0, fuzz.token_sort_ratio)}
    assert want and got == want


def _brute_groups(forms, containment, overlap):
    from formaudit import renderings

    vocabs = [renderings.vocabulary(f) for f in forms]
    texts = [renderings.vocabulary(f, guidance=True) for f in forms]
    parent = list(range(len(forms)))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for i in range(len(forms)):
        for j in range(i):
            if renderings.same_form(vocabs[i], vocabs[j], containment, overlap, texts[i], texts[j]):
                a, b = find(i), find(j)
                parent[max(a, b)] = min(a, b)
    groups = {}
    for i in range(len(forms)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


@pytest.mark.parametrize("seed", range(6))
def test_rendering_candidates_miss_no_pair_that_all_pairs_would_join(seed):
    """The containment prefix filter compares only forms sharing a rare question word: invented forms whose
    vocabularies overlap a lot (copies with a word or two lost or added) group as comparing every pair does."""
    from formaudit import renderings
    from formaudit.model import Field, Form, Section

    rng = random.Random(seed)
    words = [f"w{chr(97 + a)}{chr(97 + b)}" for a in range(8) for b in range(8)]
    bases = [rng.sample(words, rng.randint(15, 40)) for _ in range(6)]
    forms = []
    for k in range(40):
        base = list(rng.choice(bases))
        for _ in range(rng.randint(0, 3)):  # a reader loses a word or a copy adds one
            if rng.random() < 0.5 and len(base) > 1:
                base.pop(rng.randrange(len(base)))
            else:
                base.append(rng.choice(words))
        fields = [Field(id="", label=" ".join(base[i : i + 3]), kind="text") for i in range(0, len(base), 3)]
        guidance = " ".join(rng.sample(words, 3)) if rng.random() < 0.3 else ""
        forms.append(
            Form(
                source=f"f{k}.docx",
                format="docx",
                title="",
                sections=[Section(title="", guidance=guidance, fields=fields)],
            ).finalise()
        )
    for containment, overlap in ((0.95, 0.6), (0.8, 0.5), (1.0, 0.9)):
        assert renderings.rendering_groups(forms, containment, overlap) == _brute_groups(
            forms, containment, overlap
        )


def test_many_copies_of_one_form_are_one_group_quickly():
    import time

    from formaudit import renderings

    form = read_form(SAMPLES / "case-note_A.docx")
    copies = []
    for k in range(400):
        c = form.model_copy() if hasattr(form, "model_copy") else __import__("copy").deepcopy(form)
        c.source = f"copy{k}.docx"
        copies.append(c)
    t = time.process_time()
    groups = renderings.rendering_groups(copies)
    assert groups == [list(range(400))]
    assert time.process_time() - t < 5.0  # comparing all 79,800 pairs took ~0.5 s; joined ones are skipped


def test_concept_patterns_that_cannot_be_joined_are_searched_one_by_one():
    either = semantics._either(["(?i)gp surgery", "doctor"])
    assert either.search("name of GP Surgery") and either.search("family doctor")
    assert not either.search("school")
    assert not semantics._either([]).search("anything")
    joined = semantics._either([r"\bnhs number\b", r"^nhs\b"])
    assert joined.search("nhs number of child") and joined.search("nhs no") and not joined.search("the nhs")


def test_words_sorted_once_score_as_token_sort_ratio():
    """``token_sort_ratio`` pairs are scored as ``ratio`` of texts whose words were sorted once: the same pairs
    and scores as scoring every pair with ``token_sort_ratio`` (invented labels, odd spacing, one-word texts)."""
    from rapidfuzz import fuzz

    rng = random.Random(3)
    words = ["child", "name", "of", "the", "date", "birth", "dob", "worker", "b", "a", "zz", "é", "name's"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(150)]
    texts += ["  name   child ", "child\\tname", "", "x"]
    want = _brute_pairs(texts, 85.0, fuzz.token_sort_ratio)
    got = {(i, j): s for i, j, s in textnorm.similar_pairs(texts, 85.0)}
    assert set(got) == want
    for (i, j), s in got.items():
        assert s == textnorm._float32(fuzz.token_sort_ratio(texts[i], texts[j]))
    spaces = ["   ", "name", "name "]  # a text of spaces only is scored as given
    assert {(i, j) for i, j, _ in textnorm.similar_pairs(spaces, 50.0)} == _brute_pairs(
        spaces, 50.0, fuzz.token_sort_ratio
    )
