"""Hostile and unusual inputs (issue 11): every reproducer gives exit 2 and one line naming the file and
the reason (or exit 0 where the file is valid), under the time and memory limits, and the rest of the
batch is still reported. Also the isolation itself (timeouts, memory, crashes, order), FIFOs, file names
that try to forge lines, and `--jobs`.

The reproducers are built by ``tests/hostile.py``; the small ones are kept in ``tests/data/hostile/``
with ``expected.tsv`` (file, exit, regex of the stderr line).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import hostile  # noqa: E402

from formaudit import isolate  # noqa: E402
from formaudit.errors import FormError  # noqa: E402

HERE = Path(__file__).parent
CORPUS = HERE / "data" / "hostile"
SAMPLE = sorted((HERE.parent / "sample_forms").glob("*.docx"))[0]
#: Limits the reproducers must stay under (generous for a busy 2-core machine).
TIMEOUT_S = 60
MAX_MB = 1024


def expected() -> list[tuple[str, int, str | None]]:
    rows = []
    for line in (CORPUS / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, code, rx = line.split("\t")
        rows.append((name, int(code), None if rx == "-" else rx))
    return rows


def cli(*args, cwd=None, timeout=300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "formaudit", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
        **kw,
    )


def no_traceback(proc):
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr


# ------------------------------------------------------------------------------------ the corpus
def test_corpus_is_what_the_generator_builds(tmp_path):
    built = hostile.build(tmp_path)
    assert {c.name for c in built} == {n for n, _, _ in expected()}
    for c in built:
        assert (CORPUS / c.name).read_bytes() == (tmp_path / c.name).read_bytes(), c.name


def _check_batch(proc, names_exits, elapsed):
    no_traceback(proc)
    lines = proc.stderr.splitlines()
    bad = [(n, rx) for n, code, rx in names_exits if code == 2]
    assert len(lines) == len(bad), proc.stderr
    for name, rx in bad:
        hits = [ln for ln in lines if ln.startswith("formaudit: error: ") and re.search(rx, ln)]
        assert len(hits) == 1, (name, rx, proc.stderr)
    # no file hit the wall-time or memory limit: every message is the specific guard's
    assert "stopped after" not in proc.stderr and "memory" not in proc.stderr, proc.stderr
    assert elapsed < 3 * TIMEOUT_S


def test_every_reproducer_in_one_batch(tmp_path):
    """extract over the whole corpus plus a good form: exit 2, one line per bad file, the valid files and
    the good form still read."""
    rows = expected()
    files = [CORPUS / n for n, _, _ in rows] + [SAMPLE]
    t = time.monotonic()
    proc = cli("extract", "--format", "json", "--file-timeout", TIMEOUT_S, "--max-file-mb", MAX_MB, *files)
    _check_batch(proc, rows, time.monotonic() - t)
    assert proc.returncode == 2
    forms = json.loads(proc.stdout)
    ok = {n for n, code, _ in rows if code == 0}
    assert {Path(f["source"]).name for f in forms} == ok | {SAMPLE.name}
    assert all(f["field_count"] >= 1 for f in forms)


def test_scan_of_the_corpus_folder(tmp_path):
    t = time.monotonic()
    proc = cli("scan", CORPUS, "--format", "json", "--file-timeout", TIMEOUT_S, "-j", "2")
    _check_batch(proc, expected(), time.monotonic() - t)
    assert proc.returncode == 2
    report = json.loads(proc.stdout)
    assert len(report["forms"]) == sum(1 for _, code, _ in expected() if code == 0)


def test_big_reproducers(tmp_path):
    """The full-size reproducers of the issue, built on the fly."""
    cases = [c for c in hostile.CASES if c.big and c.exit == 2]
    for c in cases:
        (tmp_path / c.name).write_bytes(c.build())
    t = time.monotonic()
    results = list(isolate.read_many([tmp_path / c.name for c in cases], timeout=TIMEOUT_S, max_mb=MAX_MB))
    elapsed = time.monotonic() - t
    for c, (_p, r) in zip(cases, results, strict=True):
        assert isinstance(r, FormError), c.name
        assert re.search(c.message, str(r)), (c.name, str(r))
    assert elapsed < 3 * TIMEOUT_S


def _cpu(path: Path) -> float:
    from formaudit.readers import read_form

    t = time.process_time()
    read_form(path)
    return time.process_time() - t


@pytest.mark.parametrize(
    "build,small,large",
    [(hostile.docx_big_guidance, 0.5, 2.0), (hostile.docx_many_rows, 5_000, 20_000)],
    ids=["guidance-text", "table-rows"],
)
def test_docx_reading_time_is_linear(tmp_path, build, small, large):
    """Four times the document takes about four times as long (quadratic would be sixteen)."""
    a, b = tmp_path / "small.docx", tmp_path / "large.docx"
    a.write_bytes(build(small))
    b.write_bytes(build(large))
    _cpu(a)  # warm imports
    ratio = min(_cpu(b) for _ in range(2)) / max(min(_cpu(a) for _ in range(2)), 1e-3)
    assert ratio < 8, ratio


def test_many_fields_in_a_model_is_refused_quickly(tmp_path):
    p = tmp_path / "big.json"
    p.write_bytes(hostile.model_many_fields_json(20_000))
    t = time.monotonic()
    ((_, r),) = isolate.read_many([p])
    assert isinstance(r, FormError) and "too many fields" in r.reason
    assert time.monotonic() - t < 30


# ------------------------------------------------------------------------------------ isolation
def _hang(path, **_kw):
    if "hang" in str(path):
        while True:
            pass
    if "hog" in str(path):
        blocks = []
        while True:
            blocks.append(bytearray(64 * 1024 * 1024))
    if "crash" in str(path):
        import signal

        os.kill(os.getpid(), signal.SIGSEGV)
    if "bug" in str(path):
        raise ZeroDivisionError("a reader bug")
    from formaudit.model import Field, Form, Section

    if "pid" in str(path):  # which worker read it
        return Form(
            source=str(path), format="model", sections=[Section(None, fields=[Field("f1", str(os.getpid()))])]
        )

    return Form(source=str(path), format="model", sections=[Section(None, fields=[Field("f1", str(path))])])


@pytest.fixture
def fake_reader(monkeypatch):
    """Workers are forks, so a patched reader is what they run."""
    import formaudit.readers

    monkeypatch.setattr(formaudit.readers, "read_form", _hang)


@pytest.mark.skipif(not isolate.can_isolate(), reason="no fork: files are read in-process without limits")
def test_limits_time_memory_crash_and_order(fake_reader, tmp_path):
    names = ["a.yaml", "hang.yaml", "b.yaml", "hog.yaml", "crash.yaml", "bug.yaml", "c.yaml"]
    done = []
    t = time.monotonic()
    results = list(isolate.read_many(names, jobs=2, timeout=2, max_mb=200, on_done=done.append))
    assert time.monotonic() - t < 30
    assert [str(p) for p, _ in results] == names  # input order, whatever finished first
    assert sorted(map(str, done)) == sorted(names)  # progress: every file once
    by = {str(p): r for p, r in results}
    for ok in ("a.yaml", "b.yaml", "c.yaml"):
        assert not isinstance(by[ok], FormError)
        assert by[ok].sections[0].fields[0].label == ok
    assert "stopped after 2 s" in by["hang.yaml"].reason
    assert "more than 200 MB of memory" in by["hog.yaml"].reason
    assert "crashed (SIGSEGV)" in by["crash.yaml"].reason
    assert by["bug.yaml"].reason == "could not be read (ZeroDivisionError: a reader bug)"
    for r in by.values():
        assert "\n" not in str(r)


def test_jobs_give_identical_output(tmp_path):
    forms = sorted(str(p) for p in (HERE.parent / "sample_forms").iterdir() if p.suffix in (".docx", ".pdf"))[
        :6
    ]
    outs = [cli("scan", "--format", "json", "-j", j, *forms).stdout for j in ("1", "2", "4")]
    assert outs[0] and outs[0] == outs[1] == outs[2]


def test_cli_options_reach_the_pool(monkeypatch):
    seen = {}
    monkeypatch.setattr(isolate, "_defaults", isolate.Limits())
    from click.testing import CliRunner

    from formaudit.cli import cli as root

    real = isolate.read_many

    def spy(paths, **kw):
        seen.update(isolate.defaults().__dict__)
        return real(paths, **kw)

    monkeypatch.setattr(isolate, "read_many", spy)
    res = CliRunner().invoke(
        root, ["extract", "-j", "3", "--file-timeout", "7", "--max-file-mb", "300", str(SAMPLE)]
    )
    assert res.exit_code == 0, res.output
    assert seen == {"jobs": 3, "timeout": 7.0, "max_mb": 300}


# ------------------------------------------------------------------------------------ not regular files
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_in_a_scanned_folder_is_skipped(tmp_path):
    (tmp_path / "forms").mkdir()
    os.mkfifo(tmp_path / "forms" / "pipe.yaml")
    os.mkfifo(tmp_path / "forms" / "pipe.docx")
    (tmp_path / "forms" / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    proc = cli("scan", tmp_path / "forms", timeout=60)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "1 form read" in proc.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_named_explicitly_is_one_line(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    proc = cli("extract", fifo, SAMPLE, timeout=60)
    no_traceback(proc)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"formaudit: error: {fifo}: not a regular file (a FIFO, socket or device) — not read"
    ]
    assert "fields" in proc.stdout


# ------------------------------------------------------------------------------------ file names
def test_newline_in_a_file_name_cannot_forge_a_line(tmp_path):
    bad = tmp_path / "x\nformaudit: error: forged.docx"
    bad.write_bytes(b"not a zip")
    proc = cli("extract", bad, SAMPLE)
    no_traceback(proc)
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "x\\nformaudit: error: forged.docx" in lines[0], lines


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
def test_non_utf8_file_names_in_check_scan_and_streamline(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    name = os.fsencode(folder) + b"/caf\xe9 form.docx"
    with open(name, "wb") as fh:
        fh.write(SAMPLE.read_bytes())
    check = cli("check", folder, "--max-fields", "1", "--format", "sarif")
    no_traceback(check)
    assert check.returncode == 1, check.stderr  # FA302 found (and fingerprinted)
    assert json.loads(check.stdout)["runs"][0]["results"]  # valid SARIF naming the file (escaped)
    scan = cli("scan", folder, "--format", "json")
    no_traceback(scan)
    assert scan.returncode == 0
    assert [Path(f["source"]).name for f in json.loads(scan.stdout)["forms"]] == ["caf\\xe9 form.docx"]
    st = subprocess.run(
        [sys.executable, "-m", "formaudit", "streamline", name],
        capture_output=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert b"Traceback" not in st.stderr and st.returncode == 0, st.stderr
    written = sorted(p.name for p in tmp_path.iterdir() if "streamlined" in p.name)
    assert len(written) == 3
    model = next(p for p in tmp_path.iterdir() if p.name.endswith(".yaml"))
    import yaml

    assert yaml.safe_load(model.read_text(encoding="utf-8"))["schema"] == "formaudit.form/1"


@pytest.mark.skipif(not isolate.can_isolate(), reason="no fork: files are read in-process without limits")
def test_workers_read_many_files_each_and_are_renewed(fake_reader):
    """A worker is forked once and reads file after file (forking per file cost ~10 ms of system time
    each); after FILES_PER_WORKER files it is replaced by a fresh fork. Every file is read once, results
    come back in input order, and the run ends (no worker waits for a pipe another worker holds open)."""
    n = isolate.FILES_PER_WORKER * 2 + 10
    names = [f"pid{i}.yaml" for i in range(n)]
    t = time.monotonic()
    results = list(isolate.read_many(names, jobs=2, timeout=20))
    assert time.monotonic() - t < 60
    assert [str(p) for p, _ in results] == names
    pids = [r.sections[0].fields[0].label for _, r in results]
    assert os.getpid() not in map(int, pids)  # read in workers
    workers = set(pids)
    assert 3 <= len(workers) <= n // isolate.FILES_PER_WORKER + 2, len(workers)
    assert all(pids.count(w) <= isolate.FILES_PER_WORKER for w in workers)


@pytest.mark.skipif(not isolate.can_isolate(), reason="no fork: files are read in-process without limits")
def test_a_worker_that_ran_out_of_memory_is_replaced(fake_reader):
    names = ["hog.yaml", "pid1.yaml", "pid2.yaml", "hog2.yaml", "pid3.yaml"]
    results = dict(isolate.read_many(names, jobs=1, timeout=20, max_mb=200))
    assert "more than 200 MB" in results[Path("hog.yaml")].reason
    assert "more than 200 MB" in results[Path("hog2.yaml")].reason
    pids = [results[Path(f"pid{i}.yaml")].sections[0].fields[0].label for i in (1, 2, 3)]
    assert pids[0] == pids[1] != pids[2]  # one worker per stretch between memory failures


@pytest.mark.skipif(not isolate.can_isolate(), reason="no fork: files are read in-process without limits")
def test_work_while_waiting_runs_once_and_its_error_stops_the_reading(fake_reader):
    calls = []
    names = [f"pid{i}.yaml" for i in range(6)]
    results = list(isolate.read_many(names, jobs=2, timeout=20, while_waiting=lambda: calls.append(1)))
    assert calls == [1] and len(results) == 6

    def bad():
        raise ValueError("a bad setting")

    t = time.monotonic()
    with pytest.raises(ValueError, match="a bad setting"):
        list(isolate.read_many(["hang.yaml", "hang2.yaml"], jobs=2, timeout=20, while_waiting=bad))
    assert time.monotonic() - t < 10  # the workers (reading files that never end) were stopped at once
