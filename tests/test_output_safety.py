"""Output safety (issue 11): no terminal control, bidi override or NUL from a document reaches any output;
CSV cells cannot start a formula; writes never replace an input or a non-regular file, fail with one
line, and streamline's three files appear together or not at all; `.doc` conversion makes no request."""

from __future__ import annotations

import errno
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from formaudit import display, output
from formaudit.errors import UsageError

HERE = Path(__file__).parent
SAMPLE = sorted((HERE.parent / "sample_forms").glob("*.docx"))[0]
EVIL = ("\x1b]0;pwned\x07", "\x1b[2J", "\u202e", "\x00", "\x9b", "\x07", "\u2066")

EVIL_MODEL = """schema: formaudit.form/1
title: "Evil \\e]0;pwned\\a form \\u202Eabc"
sections:
  - title: "Child\\e[2J details"
    fields:
      - {label: "=HYPERLINK(\\"http://x\\") child's date of birth", kind: date}
      - {label: "+Child's date of birth", kind: date}
      - {label: "@Child's name\\0", kind: text}
      - {label: "-Child's name\\x9b", kind: text}
      - {label: "Worker \\u2066name\\u2069", kind: text, options: ["\\e[31mred"]}
  - title: "Again"
    fields:
      - {label: "Child's name", kind: text}
      - {label: "Child's date of birth", kind: date}
"""


def cli(*args, cwd=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "formaudit", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
        **kw,
    )


@pytest.fixture
def evil(tmp_path) -> Path:
    p = tmp_path / "evil.form.yaml"
    p.write_text(EVIL_MODEL, encoding="utf-8")
    return p


def assert_clean(text: str, where: str) -> None:
    for ch in EVIL:
        assert ch not in text, (where, repr(ch))
    assert "\x1b" not in text, where


@pytest.mark.parametrize(
    "args",
    [
        ("extract",),
        ("extract", "--format", "json"),
        ("extract", "--format", "yaml"),
        ("scan",),
        ("scan", "--format", "json"),
        ("scan", "--format", "markdown"),
        ("scan", "--format", "csv"),
        ("scan", "--format", "csv", "--matrix"),
        ("check", "--format", "github"),
        ("check", "--format", "junit"),
        ("check", "--format", "sarif"),
    ],
    ids=lambda a: "-".join(a),
)
def test_no_control_or_bidi_characters_in_any_output(evil, tmp_path, args):
    proc = cli(*args[:1], evil, *args[1:], cwd=tmp_path)
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    assert_clean(proc.stdout, args)
    assert_clean(proc.stderr, args)
    if args[0] != "check" and "csv" not in args:
        assert "pwned" in proc.stdout  # the title is kept, defused


def test_streamline_files_are_clean(evil, tmp_path):
    proc = cli("streamline", evil, "-o", tmp_path / "out.docx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert_clean(proc.stdout, "summary")
    import zipfile

    with zipfile.ZipFile(tmp_path / "out.docx") as zf:
        assert_clean(zf.read("word/document.xml").decode("utf-8"), "docx")
    for name in ("out.yaml", "out.changes.md"):
        assert_clean((tmp_path / name).read_text(encoding="utf-8"), name)


def test_csv_cells_cannot_start_a_formula(evil, tmp_path):
    import csv
    import io

    proc = cli("scan", evil, "--format", "csv", cwd=tmp_path)
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    cells = [c for r in rows for c in r]
    assert any(c.startswith("'=HYPERLINK") for c in cells), cells  # the FA101 place of that label
    for c in cells:
        assert not c.startswith(("=", "+", "@", "\t", "\r")), c
        if c.startswith("-"):
            float(c)  # only plain negative numbers may start with "-"


def test_display_helpers():
    assert display.clean_label("Name\x1b[2J\n of\tchild\u202e\x00") == "Name[2J of child"
    assert (
        display.clean_output("a\x1b[31mred\x1b[0m\x1b]0;t\x07\n", keep_sgr=True)
        == "a\x1b[31mred\x1b[0m]0;t\n"
    )
    assert display.clean_output("a\x1b[31mred\n") == "a[31mred\n"
    assert display.show_path(b"caf\xe9\nx.docx") == "caf\\xe9\\nx.docx"
    assert display.show_path("plain name.docx") == "plain name.docx"
    assert [display.csv_cell(v) for v in ("=1", "+x", "-x", "@x", "\tx", "-1.5", "ok", 3)] == [
        "'=1",
        "'+x",
        "'-x",
        "'@x",
        "'\tx",
        "-1.5",
        "ok",
        3,
    ]


# ------------------------------------------------------------------------------------ writing
def test_never_overwrite_an_input_even_with_force(tmp_path):
    form = tmp_path / "same.docx"
    form.write_bytes(SAMPLE.read_bytes())
    before = form.read_bytes()
    proc = cli("streamline", form, "-o", form, "--force", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"formaudit: error: {form}: is one of the input files — formaudit never overwrites an input"
    ]
    assert form.read_bytes() == before
    assert not (tmp_path / "same.yaml").exists() and not (tmp_path / "same.changes.md").exists()
    # extract/scan -o onto an input
    proc = cli("extract", form, "-o", form, "--force", cwd=tmp_path)
    assert proc.returncode == 2 and "never overwrites an input" in proc.stderr
    assert form.read_bytes() == before


def test_model_whose_out_yaml_is_itself(tmp_path, evil):
    before = evil.read_bytes()
    proc = cli("streamline", evil, "-o", tmp_path / "evil.form.docx", "--force", cwd=tmp_path)
    assert proc.returncode == 2 and "never overwrites an input" in proc.stderr, proc.stderr
    assert evil.read_bytes() == before
    assert not (tmp_path / "evil.form.docx").exists()


def test_force_refuses_symlinks_and_devices(tmp_path):
    target = tmp_path / "elsewhere.md"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    proc = cli("scan", SAMPLE, "-o", link, "--force")
    assert proc.returncode == 2 and "is a symbolic link — refusing" in proc.stderr
    assert target.read_text(encoding="utf-8") == "keep" and link.is_symlink()
    proc = cli("scan", SAMPLE, "-o", os.devnull, "--force")
    assert proc.returncode == 2 and "not a regular file — refusing" in proc.stderr


def test_three_files_together_or_not_at_all(tmp_path, monkeypatch):
    real = output._write_temp

    def fail_on_docx(path, data):
        if path.endswith(".docx"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(output, "_write_temp", fail_on_docx)
    with pytest.raises(UsageError, match=r"out\.docx: cannot write \(No space left on device\)"):
        output.atomic_write_many(
            [(tmp_path / "out.changes.md", "a"), (tmp_path / "out.yaml", "b"), (tmp_path / "out.docx", b"c")]
        )
    assert sorted(os.listdir(tmp_path)) == []  # no output and no temporary file left


@pytest.mark.parametrize(
    "err",
    [errno.EROFS, errno.EACCES, errno.ENOSPC, errno.EFBIG],
    ids=["read-only", "denied", "full", "too-big"],
)
def test_write_failures_are_one_line(tmp_path, monkeypatch, err):
    from click.testing import CliRunner

    from formaudit.cli import cli as root

    def boom(*_a, **_k):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(output.tempfile, "mkstemp", boom)
    res = CliRunner().invoke(root, ["scan", str(SAMPLE), "-o", str(tmp_path / "r.txt")])
    assert res.exit_code == 2
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert f"r.txt: cannot write ({os.strerror(err)})" in res.output


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_file_size_limit_is_one_line(tmp_path):
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    proc = subprocess.run(
        [sys.executable, "-m", "formaudit", "scan", SAMPLE, "--format", "json", "-o", tmp_path / "big.json"],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limit,
    )
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"formaudit: error: {tmp_path / 'big.json'}: cannot write (File too large)"
    ]
    assert not (tmp_path / "big.json").exists()


# ------------------------------------------------------------------------------------ offline .doc
class _Listener(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        _Listener.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *_a):
        pass


FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>
<text:h text:outline-level="1">Child's details</text:h>
<text:p>Child's name: ____________________</text:p>
<text:p><draw:frame draw:name="img" svg:width="2cm" svg:height="2cm" text:anchor-type="as-char">
<draw:image xlink:href="{url}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>
</office:text></office:body></office:document>
"""


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_doc_with_a_linked_picture_makes_no_request(tmp_path):
    import urllib.request

    from formaudit.readers import office

    server = http.server.HTTPServer(("127.0.0.1", 0), _Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/pixel.png"
        with pytest.raises(Exception):  # noqa: B017 - the listener answers 404: it is listening
            urllib.request.urlopen(url, timeout=5)  # noqa: S310
        assert _Listener.hits == ["/pixel.png"]
        src = tmp_path / "linked.fodt"
        src.write_text(FODT.format(url=url), encoding="utf-8")
        profile = tmp_path / "profile"
        office._write_profile(profile)
        subprocess.run(
            [
                *office.no_network_prefix(),
                shutil.which("soffice"),
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                str(tmp_path),
                str(src),
            ],
            capture_output=True,
            timeout=180,
            check=True,
        )
        doc = tmp_path / "linked.doc"
        assert url.encode() in doc.read_bytes()  # the .doc links its picture to the listener
        _Listener.hits.clear()
        proc = cli("extract", "--format", "json", doc)
        assert proc.returncode == 0, proc.stderr
        assert [f["label"] for s in json.loads(proc.stdout)["sections"] for f in s["fields"]] == [
            "Child's name"
        ]
        assert _Listener.hits == []
    finally:
        server.shutdown()
