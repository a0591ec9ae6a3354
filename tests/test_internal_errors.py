"""A reader bug is not a corrupt file: an exception inside formaudit's own interpretation is reported as an
internal error (one line, exit 2, the batch goes on); only errors raised by parsing libraries are reported
as corrupt or unreadable input."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner

from formaudit.cli import cli
from formaudit.errors import FormError
from formaudit.readers import is_parser_error, read_form
from tests.docxbuild import make_docx, p, tbl, tc, tr

BUG = "internal error while reading (a bug — please report)"


@pytest.fixture
def two_forms(tmp_path):
    a = make_docx(tmp_path / "a.docx", p("Child's name: ________"))
    b = make_docx(tmp_path / "b.docx", tbl(tr(tc("Referrer's name"), tc(""))))
    return a, b


def _broken(*_a, **_k):
    raise ValueError("unexpected layout")


def test_interpreter_exception_is_reported_as_a_bug(two_forms, monkeypatch):
    from formaudit.readers.docx import interpret

    monkeypatch.setattr(interpret.Interpreter, "table", _broken)
    with pytest.raises(FormError) as ei:
        read_form(two_forms[1])
    assert ei.value.reason == f"{BUG}: ValueError: unexpected layout"
    assert "corrupt" not in ei.value.reason


def test_builtin_error_from_formaudit_code_is_still_a_bug(two_forms, monkeypatch):
    from formaudit.readers.docx import blocks

    def key_error(*_a, **_k):
        return {}["missing"]  # a KeyError raised on a formaudit line

    monkeypatch.setattr(blocks.Flattener, "table", key_error)
    with pytest.raises(FormError) as ei:
        read_form(two_forms[1])
    assert ei.value.reason.startswith(f"{BUG}: KeyError")


def test_batch_continues_after_a_bug_and_exits_2(two_forms, monkeypatch):
    from formaudit.readers.docx import interpret

    monkeypatch.setattr(interpret.Interpreter, "table", _broken)
    res = CliRunner().invoke(cli, ["extract", "--format", "json", str(two_forms[1]), str(two_forms[0])])
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    assert f"{two_forms[1]}: {BUG}: ValueError: unexpected layout" in res.output
    assert "Child's name" in res.output  # the other file was still read


def test_library_parse_error_is_an_unreadable_file(tmp_path):
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("[Content_Types].xml", "<Types")  # truncated XML: lxml refuses it
    with pytest.raises(FormError) as ei:
        read_form(bad)
    assert "a bug" not in ei.value.reason
    assert "corrupt" in ei.value.reason or "not a" in ei.value.reason


def test_parser_error_classification():
    from lxml import etree

    try:
        etree.fromstring(b"<a>")
    except Exception as e:  # raised by lxml (a C function: only its type says so)
        assert is_parser_error(e)
    try:
        zipfile.ZipFile(__file__)
    except Exception as e:  # raised inside zipfile's Python code
        assert is_parser_error(e)
    try:
        int("x")
    except Exception as e:  # a built-in error raised on this (non-library) line
        assert not is_parser_error(e)
    try:
        try:
            etree.fromstring(b"<a>")
        except Exception as inner:
            raise RuntimeError("wrapped") from inner
    except Exception as e:  # explicitly wrapped library error
        assert is_parser_error(e)
    try:
        try:
            etree.fromstring(b"<a>")
        except Exception:
            _broken()  # a formaudit bug while handling a library error is still a bug
    except Exception as e:
        assert not is_parser_error(e)


def test_model_file_yaml_error_is_not_a_bug(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_text("sections: [\n  - {title: x\n", encoding="utf-8")
    with pytest.raises(FormError) as ei:
        read_form(f)
    assert "a bug" not in ei.value.reason
