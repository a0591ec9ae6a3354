"""Filled-in forms read like blank ones (issue 11): a filled copy of every sample form (built by
``sample_forms/build.py``'s ``build_filled``: typed text in answer cells and text boxes, values in content
controls, legacy fields and AcroForm fields, "Label: value" lines over blanks, ticked boxes — every value
carrying a marker) must (a) extract exactly like the blank form and (b) leave no marker in any output of
extract, scan (every format), check or streamline.

Plain-text answers are recognised by the readers' filled-in rules (a document with nowhere left to
write; shaded label cells; "Label: value" lines; text inside answer boxes and grid record rows).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from formaudit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "sample_forms"))  # build.py imports its sibling modules
# loaded by path under its own name: "build" is also a PyPI package's name
_spec = importlib.util.spec_from_file_location("sample_forms_build", ROOT / "sample_forms" / "build.py")
sample_build = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = sample_build  # dataclasses look their module up while the file runs
_spec.loader.exec_module(sample_build)

MARKER = sample_build.MARKER
FORMS = {f.file: f.style for f in sample_build.FORMS}


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("filled")
    sample_build.build_filled(out)
    return out


def _model(path: Path) -> list[tuple]:
    from formaudit.isolate import read_one

    form = read_one(path)
    return [
        (s.title, s.level, f.label, f.kind, tuple(f.options), tuple(f.columns))
        for s in form.sections
        for f in s.fields
    ]


def test_every_value_in_a_filled_copy_is_marked(filled):
    """The filled copies really are filled (so the tests below can fail)."""
    import zipfile

    for name, style in FORMS.items():
        data = (filled / name).read_bytes()
        if name.endswith(".docx"):
            with zipfile.ZipFile(filled / name) as zf:
                data = zf.read("word/document.xml")
        assert MARKER.encode() in data or style == "F" and b"FlateDecode" in data, name
        if style != "F":
            assert data.count(MARKER.encode()) >= 5, name


@pytest.mark.parametrize("name", list(FORMS))
def test_filled_copy_extracts_like_the_blank_form(filled, name):
    assert _model(filled / name) == _model(ROOT / "sample_forms" / name)


def _outputs(paths: list[Path], tmp: Path) -> dict[str, str]:
    """Every output of every command over ``paths``, by command line."""
    import shutil

    runner = CliRunner()
    args = [str(p) for p in paths]
    lib = tmp / "library"
    lib.mkdir()
    for p in paths:
        shutil.copy(p, lib / f"earlier-{p.name}")
    runs = {
        "extract": ["extract", *args],
        "extract json": ["extract", "--format", "json", *args],
        "extract yaml": ["extract", "--format", "yaml", *args],
        "scan": ["scan", *args],
        "scan json": ["scan", "--format", "json", *args],
        "scan markdown": ["scan", "--format", "markdown", "--explain", *args],
        "scan csv": ["scan", "--format", "csv", *args],
        "scan matrix": ["scan", "--format", "csv", "--matrix", *args],
        "check": ["check", "--library", str(lib), *args],
        "check sarif": ["check", "--format", "sarif", *args],
    }
    out = {}
    for key, argv in runs.items():
        res = runner.invoke(cli, argv)
        assert res.exception is None or isinstance(res.exception, SystemExit), (key, res.exception)
        out[key] = res.output
    for p in paths:
        dest = tmp / f"{p.stem}-out.docx"
        res = runner.invoke(cli, ["streamline", str(p), "-o", str(dest), "--format", "json", "--compare"])
        out[f"streamline {p.name}"] = res.output
        import zipfile

        if dest.exists():
            with zipfile.ZipFile(dest) as zf:
                out[f"streamline docx {p.name}"] = zf.read("word/document.xml").decode("utf-8")
            for suffix in (".yaml", ".changes.md"):
                out[f"streamline {suffix} {p.name}"] = dest.with_suffix(suffix).read_text(encoding="utf-8")
    return out


def _assert_no_marker(outputs: dict[str, str]) -> None:
    leaks = {k: v.count(MARKER) for k, v in outputs.items() if MARKER in v}
    assert not leaks, leaks


def test_no_value_in_any_output(filled, tmp_path):
    paths = [filled / n for n in FORMS]
    outputs = _outputs(paths, tmp_path)
    assert len(outputs) >= 10 + 4 * len(paths)
    _assert_no_marker(outputs)
