"""The sample forms in ``sample_forms/``: build determinism, truth consistency, and extraction quality.

* (a) ``sample_forms/build.py`` is deterministic, the committed forms and truth match a fresh build, and every
  truth title/section/label appears as text in its form;
* (b) ``formaudit.read_form`` on every sample form, scored with :mod:`tests.scoring` against its truth, reaches
  fields F1 >= 0.95, sections F1 >= 0.95 and coarse-kind accuracy >= 0.90 (per file and in aggregate);
* (c) the evaluation scorer (``../shared/eval/score.py``, absent in users' clones: skipped) on its corpus.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml

from formaudit import read_form
from tests.scoring import Score, score_extraction

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_forms"
TRUTH = SAMPLES / "truth"
BUILD = SAMPLES / "build.py"
EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"

FIELDS_F1, SECTIONS_F1, KIND_ACC = 0.95, 0.95, 0.90

TRUTH_FILES = sorted(p for p in TRUTH.glob("*.json") if p.name != "library.json")
FORM_NAMES = [p.name[: -len(".json")] for p in TRUTH_FILES]


def load_truth(name: str) -> dict:
    return json.loads((TRUTH / f"{name}.json").read_text(encoding="utf-8"))


def _squash(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).split()).casefold()


def form_text(path: Path) -> str:
    """All visible text of a form, whitespace-collapsed: Word body/header/footer paragraphs, or PDF page text."""
    if path.suffix.lower() == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return _squash("\n".join(page.extract_text() or "" for page in pdf.pages))
    if path.suffix.lower() == ".odt":
        return _odt_text(path)
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                xml = z.read(name).decode("utf-8")
                for para in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
                    out.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", para)))
    return _squash(html.unescape("\n".join(out)))


def _odt_text(path: Path) -> str:
    """Visible text of an OpenDocument file: every paragraph and heading of the body, headers and footers."""
    from lxml import etree

    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    out = []
    with zipfile.ZipFile(path) as z:
        for part in ("content.xml", "styles.xml"):
            root = etree.fromstring(z.read(part))
            for el in root.iter(f"{{{text_ns}}}p", f"{{{text_ns}}}h"):
                bits = []
                for node in el.iter():
                    if node.tag in (f"{{{text_ns}}}s", f"{{{text_ns}}}tab", f"{{{text_ns}}}line-break"):
                        bits.append(" ")
                    elif node.text and node is not el and node.tag.startswith(f"{{{text_ns}}}"):
                        bits.append(node.text)
                    if node is el and el.text:
                        bits.append(el.text)
                    if node is not el and node.tail:
                        bits.append(node.tail)
                out.append("".join(bits))
    return _squash(html.unescape("\n".join(out)))


def _have_soffice() -> bool:
    import shutil

    return bool(shutil.which("soffice") or shutil.which("libreoffice"))


@pytest.fixture(scope="module")
def fresh_builds(tmp_path_factory) -> tuple[Path, Path]:
    """Two independent runs of the build script into temporary folders."""
    outs = []
    for i in range(2):
        out = tmp_path_factory.mktemp(f"build{i}") / "sample_forms"
        subprocess.run(
            [sys.executable, str(BUILD), str(out)], check=True, capture_output=True, cwd=ROOT, timeout=300
        )
        outs.append(out)
    return outs[0], outs[1]


# ----------------------------------------------------------------------------- (a) build and truth
def test_there_are_at_least_ten_sample_forms():
    assert len(FORM_NAMES) >= 10
    assert (TRUTH / "library.json").exists()
    for name in FORM_NAMES:
        assert (SAMPLES / name).exists(), f"truth without form: {name}"


def test_build_is_deterministic(fresh_builds):
    a, b = fresh_builds
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    assert len([f for f in files_a if f.suffix in (".docx", ".pdf")]) >= 10
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), f"{rel} differs between two builds"


def test_committed_samples_match_a_fresh_build(fresh_builds):
    """Truth JSON is byte-identical; forms carry the same text (bytes may differ across library versions)."""
    fresh, _ = fresh_builds
    fresh_truth = sorted(p.name for p in (fresh / "truth").glob("*.json"))
    assert fresh_truth == sorted(p.name for p in TRUTH.glob("*.json")), (
        "rebuild: python sample_forms/build.py"
    )
    for name in fresh_truth:
        assert (fresh / "truth" / name).read_text(encoding="utf-8") == (TRUTH / name).read_text(
            encoding="utf-8"
        ), f"truth/{name} is stale: run python sample_forms/build.py"
    for name in FORM_NAMES:
        if name.endswith(".odt") and not _have_soffice():
            continue  # the build skips forms LibreOffice saves when it is not installed
        if not (fresh / name).exists() and _web_form_without_chromium(name):
            continue  # the build skips web forms (printed by Chromium) where Chromium is absent
        assert form_text(fresh / name) == form_text(SAMPLES / name), f"{name} is stale: rebuild"


def _web_form_without_chromium(name: str) -> bool:
    import shutil

    browsers = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    return name.endswith("_W.pdf") and not any(shutil.which(b) for b in browsers)


@pytest.mark.parametrize("name", FORM_NAMES)
def test_truth_labels_appear_in_form(name):
    truth = load_truth(name)
    assert truth["file"] == name
    assert name.rsplit(".", 1)[0].endswith("_" + truth["style"])
    text = form_text(SAMPLES / name)
    items = [truth["title"], *truth["sections"], *(f["label"] for f in truth["fields"])]
    missing = [s for s in items if _squash(s) not in text]
    assert not missing, f"not found in {name}: {missing}"


@pytest.mark.parametrize("name", FORM_NAMES)
def test_truth_is_consistent(name):
    truth = load_truth(name)
    assert len(truth["sections"]) == len(truth["section_levels"])
    assert all(lv in (1, 2, 3) for lv in truth["section_levels"])
    kinds = {"short", "long", "date", "choice", "signature", "table"}
    sections = set(truth["sections"])
    for f in truth["fields"]:
        assert f["kind"] in kinds, f
        assert f["section"] is None or f["section"] in sections, f
        if f["kind"] == "choice":
            assert f.get("options"), f
        if f["kind"] == "table":
            assert f.get("columns"), f
        if f["kind"] == "long":
            assert f.get("expected_words"), f

    def resolve(ref):
        hits = [f for f in truth["fields"] if f["section"] == ref[0] and f["label"] == ref[1]]
        occ = ref[2] if len(ref) > 2 else 0
        assert len(hits) > occ, f"bad reference {ref}"

    for key in ("duplicates", "optional_duplicates"):
        for group in truth[key]:
            assert len(group) >= 2
            for ref in group:
                resolve(ref)
    for pair in truth["redundant_sections"]:
        assert set(pair) <= sections
    for block in truth["repeated_blocks"]:
        assert set(block) <= sections


def test_library_truth_is_consistent():
    lib = json.loads((TRUTH / "library.json").read_text(encoding="utf-8"))
    names = set(FORM_NAMES)
    for L in lib["libraries"]:
        assert set(L["files"]) <= names
    for v in lib["variants"]:
        assert set(v) <= names
    assert lib["cross_form_duplicates"], "the sample library should have cross-form duplicates"
    for key in ("cross_form_duplicates", "optional_cross_form_duplicates"):
        for group in lib[key]:
            assert len({r[0] for r in group}) >= 2
            for file, section, label, *occ in group:
                truth = load_truth(file)
                hits = [f for f in truth["fields"] if f["section"] == section and f["label"] == label]
                assert len(hits) > (occ[0] if occ else 0), (file, section, label)


# ----------------------------------------------------------------------------- (b) extraction quality
def _score(name: str) -> Score:
    from formaudit import read_form

    pred = read_form(SAMPLES / name).to_dict()
    return score_extraction(pred, load_truth(name))


@pytest.mark.parametrize("name", FORM_NAMES)
def test_extraction_quality_per_form(name):
    sc = _score(name)
    assert sc.fields_f1 >= FIELDS_F1, sc.summary()
    assert sc.sections_f1 >= SECTIONS_F1, sc.summary()
    assert sc.kind_acc >= KIND_ACC, sc.summary()


def test_extraction_quality_aggregate():
    total = Score()
    errors = []
    for name in FORM_NAMES:
        try:
            total = total + _score(name)
        except Exception as e:  # a crash counts as all-missed for that form
            errors.append(f"{name}: {type(e).__name__}: {e}")
            truth = load_truth(name)
            total = total + Score(sec=[0, 0, len(truth["sections"])], fld=[0, 0, len(truth["fields"])])
    report = total.summary() + ("\n" + "\n".join(errors) if errors else "")
    assert not errors, report
    assert total.fields_f1 >= FIELDS_F1, report
    assert total.sections_f1 >= SECTIONS_F1, report
    assert total.kind_acc >= KIND_ACC, report


# ----------------------------------------------------------------------------- (c) the evaluation corpus
def test_eval_corpus_scorer():
    score_py = EVAL_DIR / "score.py"
    if not score_py.exists() or not (EVAL_DIR / "forms").is_dir() or not (EVAL_DIR / "truth").is_dir():
        pytest.skip(f"evaluation corpus not present at {EVAL_DIR} (only in the development workspace)")
    cmd = f'"{sys.executable}" -m formaudit'
    cp = subprocess.run(
        [sys.executable, str(score_py), "--corpus", str(EVAL_DIR), "--cmd", cmd, "-v"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert cp.returncode == 0, f"score.py failed ({cp.returncode}):\n{cp.stdout[-3000:]}\n{cp.stderr[-3000:]}"
    last = cp.stdout.strip().splitlines()[-1]
    metrics = {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", last)}
    for key in ("fields_f1", "sections_f1", "kind_acc"):
        assert key in metrics, f"no {key} in last line: {last!r}"
    detail = cp.stdout[-6000:]
    assert metrics["fields_f1"] >= FIELDS_F1, detail
    assert metrics["sections_f1"] >= SECTIONS_F1, detail
    assert metrics["kind_acc"] >= KIND_ACC, detail


@pytest.mark.parametrize("name", FORM_NAMES)
def test_extracted_model_reads_back_unchanged(name, tmp_path):
    """extract --format yaml/json of every sample form is a valid form model that reads back identically."""
    import jsonschema

    from formaudit.schemas import load_schema

    form = read_form(SAMPLES / name)
    data = form.to_dict()
    jsonschema.Draft202012Validator(load_schema("form")).validate(data)
    for ext, dump in (("json", json.dumps), ("yaml", yaml.safe_dump)):
        path = tmp_path / f"model.{ext}"
        path.write_text(dump(data), encoding="utf-8")
        again = read_form(path).to_dict()
        assert again["sections"] == data["sections"], ext
