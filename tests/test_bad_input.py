"""Every kind of bad input a user can hand the CLI gets exit code 2 and one line on stderr naming the
file and the reason — never a traceback. Also the zip-bomb / XML guards in ``formaudit.safety``.

PDF bad inputs are covered in the PDF reader's tests.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from formaudit import safety
from formaudit.errors import FormError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SECRET = "TOP-SECRET-7f3a9c"


def run(*args: str | os.PathLike, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "formaudit", "extract", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )


def assert_one_line_error(proc: subprocess.CompletedProcess, path, reason: str) -> str:
    """Exit 2; stderr exactly one line ``formaudit: error: <path>: <reason…>``; no traceback."""
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert line.startswith("formaudit: error: "), line
    assert str(path) in line, line
    assert re.search(reason, line, re.I), line
    return line


# --- building test files -----------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    """A small good form: a heading and a two-column table "Child's name | (empty)"."""
    import docx

    d = docx.Document()
    d.add_heading("Child's details", level=1)
    table = d.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Child's name"
    d.save(str(path))
    return path


def docx_parts(good: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(good) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


@pytest.fixture
def good_docx(tmp_path) -> Path:
    return make_docx(tmp_path / "good.docx")


def _spaces_bomb(path: Path, megabytes: int) -> Path:
    """A .docx-shaped zip whose document.xml inflates to ``megabytes`` MB of spaces (about 1 KB per MB
    on disk), written in chunks so the test never holds it in memory."""
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>')
            for _ in range(megabytes):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


@pytest.fixture(scope="module")
def big_bomb(tmp_path_factory) -> Path:
    return _spaces_bomb(tmp_path_factory.mktemp("bomb") / "bomb.docx", 300)


# --- files that are not forms at all ----------------------------------------------------------


def test_unknown_extension(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text("Child's name:\n")
    assert_one_line_error(run(p), p, r"unsupported file type '\.txt'")


def test_no_extension(tmp_path):
    p = tmp_path / "README"
    p.write_text("hello")
    assert_one_line_error(run(p), p, r"unsupported file type")


def test_missing_file(tmp_path):
    p = tmp_path / "missing.docx"
    assert_one_line_error(run(p), p, r"no such file")


def test_folder(tmp_path):
    p = tmp_path / "forms.docx"
    p.mkdir()
    assert_one_line_error(run(p), p, r"folder")


def test_empty_file(tmp_path):
    p = tmp_path / "empty.docx"
    p.write_bytes(b"")
    assert_one_line_error(run(p), p, r"empty")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(good_docx):
    good_docx.chmod(0)
    try:
        assert_one_line_error(run(good_docx), good_docx, r"permission denied")
    finally:
        good_docx.chmod(0o644)


# --- broken Word files -------------------------------------------------------------------------


def test_corrupt_docx_random_bytes(tmp_path):
    p = tmp_path / "random.docx"
    p.write_bytes(os.urandom(4096).replace(b"PK", b"pk").lstrip(b"P") or b"x")
    assert_one_line_error(run(p), p, r"corrupt|not a zip|not a valid")


def test_corrupt_docx_zip_header_then_garbage(tmp_path):
    p = tmp_path / "garbage.docx"
    p.write_bytes(b"PK\x03\x04" + os.urandom(4096))
    assert_one_line_error(run(p), p, r"corrupt or truncated")


def test_truncated_docx(tmp_path, good_docx):
    data = good_docx.read_bytes()
    p = tmp_path / "truncated.docx"
    p.write_bytes(data[: len(data) // 2])
    assert_one_line_error(run(p), p, r"corrupt or truncated")


def test_legacy_doc(tmp_path):
    p = tmp_path / "old.doc"
    p.write_bytes(OLE_MAGIC + b"\x00" * 504 + b"W\x00o\x00r\x00d\x00")
    assert_one_line_error(run(p), p, r"legacy Word \.doc")


def test_doc_renamed_docx(tmp_path):
    p = tmp_path / "renamed.docx"
    p.write_bytes(OLE_MAGIC + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 1000)
    assert_one_line_error(run(p), p, r"legacy Word \.doc format saved with a \.docx name")


def test_password_protected_docx(tmp_path):
    # Encrypted OOXML is an OLE compound file with "EncryptionInfo" and "EncryptedPackage" streams;
    # the directory entries store stream names in UTF-16LE.
    header = OLE_MAGIC + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * (512 - 32)
    directory = b"".join(
        name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
        for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage")
    )
    p = tmp_path / "locked.docx"
    p.write_bytes(header + directory + os.urandom(2048))
    assert_one_line_error(run(p), p, r"password-protected")


def test_zip_bomb_total_size(big_bomb):
    assert_one_line_error(run(big_bomb), big_bomb, r"zip bomb")
    assert big_bomb.stat().st_size < 2 * 1024 * 1024  # the test file itself stays small


def test_zip_bomb_ratio(tmp_path):
    p = _spaces_bomb(tmp_path / "ratio.docx", 20)
    assert_one_line_error(run(p), p, r"zip bomb.*compressed")


def test_too_many_entries(tmp_path, good_docx):
    parts = docx_parts(good_docx)
    parts.update({f"word/media/x{i}.bin": b"" for i in range(safety.MAX_ENTRIES + 1)})
    p = write_zip(tmp_path / "many.docx", parts)
    assert_one_line_error(run(p), p, r"too many entries")


def test_docx_without_document_xml(tmp_path, good_docx):
    parts = docx_parts(good_docx)
    del parts["word/document.xml"]
    p = write_zip(tmp_path / "nodoc.docx", parts)
    assert_one_line_error(run(p), p, r"not a Word document \(no word/document\.xml\)")


def test_plain_zip_named_docx(tmp_path):
    p = write_zip(tmp_path / "archive.docx", {"readme.txt": b"hello"})
    assert_one_line_error(run(p), p, r"no word/document\.xml")


def _xxe_docx(tmp_path: Path, good_docx: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    parts = docx_parts(good_docx)
    xml = parts["word/document.xml"].decode("utf-8")
    # declare an external entity and use it as a paragraph's text, and as the table's label
    decl = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    xml = re.sub(r"(<\?xml[^>]*\?>)", r"\1" + decl, xml, count=1)
    xml = xml.replace("Child's name", "&xxe;").replace("Child&apos;s name", "&xxe;")
    xml = xml.replace("<w:body>", "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", 1)
    assert "&xxe;" in xml and "<!DOCTYPE" in xml
    parts["word/document.xml"] = xml.encode("utf-8")
    return write_zip(tmp_path / "xxe.docx", parts)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_xxe_does_not_leak(tmp_path, good_docx, fmt):
    p = _xxe_docx(tmp_path, good_docx)
    proc = run(p, "--format", fmt)
    assert SECRET not in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    # Rejecting the DTD (exit 2, one line) and reading the form without expanding it are both safe.
    assert proc.returncode in (0, 2), proc.stderr
    if proc.returncode == 2:
        assert_one_line_error(proc, p, r"DTD|entity|XML")


# --- batches and side effects -------------------------------------------------------------------


def test_batch_good_and_bad(tmp_path, good_docx):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"this is not a word document")
    proc = run(good_docx, bad)
    assert "Child's name" in proc.stdout
    assert_one_line_error(proc, bad, r"not a valid \.docx|corrupt")
    assert str(good_docx) not in proc.stderr


def test_batch_good_and_bad_json(tmp_path, good_docx):
    import json

    bad = tmp_path / "missing.docx"
    proc = run(good_docx, bad, "--format", "json")
    assert_one_line_error(proc, bad, r"no such file")
    data = json.loads(proc.stdout)
    forms = data if isinstance(data, list) else [data]
    assert len(forms) == 1
    labels = [f["label"] for s in forms[0]["sections"] for f in s["fields"]]
    assert "Child's name" in labels


def test_input_files_unchanged(tmp_path, good_docx):
    model = tmp_path / "model.yaml"
    model.write_text("schema: formaudit.form/1\nsections: [{title: A, fields: [Name]}]\n")
    old = os.stat(good_docx).st_mtime_ns - 10_000_000_000  # push mtimes into the past
    for p in (good_docx, model):
        os.utime(p, ns=(old, old))
    before = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in (good_docx, model)}
    for fmt in ("text", "json", "yaml"):
        proc = run(good_docx, model, "--format", fmt)
        assert proc.returncode == 0, proc.stderr
    for p, (data, mtime) in before.items():
        assert p.read_bytes() == data
        assert os.stat(p).st_mtime_ns == mtime
    assert sorted(x.name for x in tmp_path.iterdir()) == ["good.docx", "model.yaml"]


# --- formaudit.safety directly ------------------------------------------------------------------


def reason(fn, *args) -> str:
    with pytest.raises(FormError) as ei:
        fn(*args)
    assert "\n" not in str(ei.value)
    return ei.value.reason


def test_check_zip_accepts_real_docx(good_docx):
    assert safety.check_zip(good_docx) is None
    assert safety.check_no_dtd(good_docx) is None


def test_check_zip_rejections(tmp_path, good_docx, big_bomb):
    data = good_docx.read_bytes()
    trunc = tmp_path / "t.docx"
    trunc.write_bytes(data[: len(data) // 2])
    assert reason(safety.check_zip, trunc) == "corrupt or truncated .docx (not a readable zip archive)"

    junk = tmp_path / "j.docx"
    junk.write_bytes(os.urandom(1000))
    assert reason(safety.check_zip, junk) == "corrupt or truncated .docx (not a readable zip archive)"

    assert reason(safety.check_zip, tmp_path / "none.docx") == "no such file"
    assert "zip bomb" in reason(safety.check_zip, big_bomb)

    parts = docx_parts(good_docx)
    del parts["word/document.xml"]
    nodoc = write_zip(tmp_path / "n.docx", parts)
    assert reason(safety.check_zip, nodoc) == "not a Word document (no word/document.xml)"


def test_check_zip_entry_data_past_end_of_file(tmp_path, good_docx):
    """The central directory says an entry's data runs past the end of the file: caught from metadata."""
    p = tmp_path / "cut.docx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in docx_parts(good_docx).items():
            zf.writestr(n, d)
        zf.filelist[-1].compress_size = 10**8  # written into the central directory on close
    assert reason(safety.check_zip, p) == "corrupt or truncated .docx (not a readable zip archive)"


def test_damaged_entry_offsets_through_cli(tmp_path, good_docx):
    """Entry data cut out of the middle (central directory intact): the reader must still fail cleanly."""
    data = good_docx.read_bytes()
    with zipfile.ZipFile(good_docx) as zf:
        info = zf.getinfo("word/document.xml")
    p = tmp_path / "holed.docx"
    p.write_bytes(data[: info.header_offset] + data[info.header_offset + info.compress_size :])
    assert_one_line_error(run(p), p, r"corrupt|truncated|damaged|not a")


@pytest.mark.parametrize(
    "name", ["../evil.xml", "/etc/evil.xml", "word/../../evil.xml", "C:/evil.xml", "..\\evil"]
)
def test_check_zip_unsafe_paths(tmp_path, good_docx, name):
    parts = docx_parts(good_docx)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
        zf.writestr(zipfile.ZipInfo(name), b"x")
    p = tmp_path / "evil.docx"
    p.write_bytes(buf.getvalue())
    assert "unsafe path" in reason(safety.check_zip, p)


def test_check_zip_too_many_entries_counted_before_parsing(tmp_path, monkeypatch):
    p = write_zip(tmp_path / "m.docx", {f"x{i}": b"" for i in range(20)} | {"word/document.xml": b"<a/>"})
    monkeypatch.setattr(safety, "MAX_ENTRIES", 10)

    def boom(*a, **k):
        raise AssertionError("ZipFile should not be built for an over-long archive")

    monkeypatch.setattr(safety.zipfile, "ZipFile", boom)
    assert "too many entries in the .docx archive (21; limit 10)" in reason(safety.check_zip, p)


def test_check_zip_small_compressible_entries_pass(tmp_path, good_docx):
    """A highly compressible part below RATIO_MIN_SIZE is normal (e.g. a styles part)."""
    parts = docx_parts(good_docx)
    parts["word/filler.xml"] = b" " * (safety.RATIO_MIN_SIZE - 1)
    p = write_zip(tmp_path / "ok.docx", parts)
    safety.check_zip(p)


def test_check_no_dtd(tmp_path, good_docx):
    p = _xxe_docx(tmp_path, good_docx)
    safety.check_zip(p)  # metadata is fine …
    assert "word/document.xml declares a DTD" in reason(safety.check_no_dtd, p)  # … the prolog is not


def test_parse_xml_is_safe(tmp_path):
    secret = tmp_path / "s.txt"
    secret.write_text(SECRET)
    xml = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]><r>&x;</r>'.encode()
    assert "declares a DTD" in reason(safety.parse_xml, xml, "f.docx", "word/document.xml")
    # the parser itself never expands entities or fetches anything
    from lxml import etree

    root = etree.fromstring(xml, parser=safety.xml_parser())
    assert SECRET not in etree.tostring(root, encoding="unicode")

    assert safety.parse_xml(b"<r><a>1</a></r>").find("a").text == "1"
    assert "malformed XML in word/x.xml" in reason(safety.parse_xml, b"<r><a></r>", "f.docx", "word/x.xml")


def test_parse_xml_billion_laughs():
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9))
        + b"]><l>&j;</l>"
    )
    with pytest.raises(FormError):
        safety.parse_xml(lol)
