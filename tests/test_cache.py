"""The parsed-form cache: results never depend on it (cold, warm, corrupt, concurrent), it misses when a
file, the readers or their options change, it stays within its bound, and `formaudit cache clear` empties it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from formaudit import cache as cache_mod
from formaudit.cache import FormCache
from formaudit.readers import read_form

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_forms"
#: one of each reader: DOCX, flat and fillable PDF, form model
FILES = [
    "case-note_A.docx",
    "multi-agency-referral_A.docx",
    "early-help-assessment_F.pdf",
    "looked-after-child-review_E.pdf",
]


@pytest.fixture()
def forms_dir(tmp_path):
    d = tmp_path / "forms"
    d.mkdir()
    for name in FILES:
        shutil.copy(SAMPLES / name, d / name)
    shutil.copy(ROOT / "docs" / "example-model.yaml", d / "contact.yaml")
    return d


def scan(folder, cache_dir, *extra):
    args = [sys.executable, "-m", "formaudit", "scan", str(folder), "--format", "json"]
    args += ["--no-cache"] if cache_dir is None else ["--cache-dir", str(cache_dir)]
    r = subprocess.run([*args, *extra], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout


def entries(cache_dir, kind="forms"):
    return sorted((Path(cache_dir) / kind).glob("*/*.json"))


def test_cold_warm_and_uncached_scans_are_byte_identical(forms_dir, tmp_path):
    cdir = tmp_path / "cache"
    plain = scan(forms_dir, None)
    assert not cdir.exists()
    cold = scan(forms_dir, cdir)
    assert len(entries(cdir)) == len(FILES) + 1
    warm = scan(forms_dir, cdir)
    assert plain == cold == warm
    assert json.loads(warm)["forms"], "the scan read the forms"


def test_a_hit_is_the_same_form_and_takes_the_new_path(forms_dir, tmp_path):
    c = FormCache(tmp_path / "c")
    for p in sorted(forms_dir.iterdir()):
        form = read_form(p)
        assert c.get(p) is None
        c.put(p, form)
        moved = tmp_path / f"moved-{p.name}"
        shutil.copy(p, moved)
        hit = FormCache(tmp_path / "c").get(moved)
        assert hit is not None
        if form.source == str(p):
            assert hit.source == str(moved)
            hit.source = form.source
        assert hit == form


def test_entries_hold_only_the_form_model(forms_dir, tmp_path):
    c = FormCache(tmp_path / "c")
    p = forms_dir / FILES[0]
    form = read_form(p)
    c.put(p, form)
    (entry,) = entries(tmp_path / "c")
    head, _, body = entry.read_bytes().partition(b"\n")
    assert set(json.loads(head)) == {"schema", "key", "source_is_path", "sha256"}
    assert json.loads(body) == json.loads(json.dumps(form.to_dict()))


def _corrupt(path: Path, how: int) -> None:
    raw = path.read_bytes()
    if how == 0:
        path.write_bytes(raw[: len(raw) // 2])  # truncated
    elif how == 1:
        path.write_bytes(b"\x00\xff garbage")
    elif how == 2:  # a well-formed entry with altered content under the old checksum
        head, _, body = raw.partition(b"\n")
        form = json.loads(body)
        form["sections"][-1]["title"] = "Tampered"
        form["sections"][-1]["fields"] = []
        path.write_bytes(head + b"\n" + json.dumps(form).encode())
    else:  # an entry moved under another file's key
        head, _, body = raw.partition(b"\n")
        h = json.loads(head)
        h["key"] = "0" * 64
        path.write_bytes(json.dumps(h).encode() + b"\n" + body)


def test_a_corrupt_cache_never_changes_a_result(forms_dir, tmp_path):
    cdir = tmp_path / "cache"
    plain = scan(forms_dir, None)
    scan(forms_dir, cdir)
    es = entries(cdir)
    for i, e in enumerate(es):
        _corrupt(e, i % 4)
    (result,) = entries(cdir, "results")
    result.write_bytes(result.read_bytes()[:-40])
    assert scan(forms_dir, cdir) == plain
    # the corrupt entries were replaced by good ones
    assert scan(forms_dir, cdir) == plain
    c = FormCache(cdir)
    assert all(c.get(p) is not None for p in forms_dir.iterdir())


def test_concurrent_runs_share_a_cache_safely(forms_dir, tmp_path):
    cdir = tmp_path / "cache"
    plain = scan(forms_dir, None)
    args = [
        sys.executable,
        "-m",
        "formaudit",
        "scan",
        str(forms_dir),
        "--format",
        "json",
        "--cache-dir",
        str(cdir),
    ]
    procs = [
        subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)
    ]
    outs = [p.communicate() for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    assert all(o == plain for o, _ in outs)
    assert not list((cdir / "forms").glob("*/.tmp-*")), "no temporary files left behind"
    assert scan(forms_dir, cdir) == plain


def test_changed_file_readers_or_options_miss(tmp_path, monkeypatch):
    src = tmp_path / "contact.yaml"
    shutil.copy(ROOT / "docs" / "example-model.yaml", src)
    c = FormCache(tmp_path / "c")
    c.put(src, read_form(src))
    assert c.get(src) is not None
    src.write_text(src.read_text().replace("schema:", "# edited\nschema:", 1))
    assert c.get(src) is None, "an edited file is read afresh"
    c.put(src, read_form(src))
    assert c.get(src) is not None
    assert FormCache(tmp_path / "c", options={"ocr": True}).get(src) is None, "other read options miss"
    import formaudit

    real = cache_mod.reader_digest()
    monkeypatch.setattr(formaudit, "__version__", "999.0")
    cache_mod.reader_digest.cache_clear()
    try:
        assert cache_mod.reader_digest() != real
        assert FormCache(tmp_path / "c").get(src) is None, "another formaudit version misses"
    finally:
        cache_mod.reader_digest.cache_clear()


def test_cache_stays_within_its_bound(tmp_path):
    c = FormCache(tmp_path / "c", max_bytes=20_000)
    form = read_form(ROOT / "docs" / "example-model.yaml")
    for i in range(40):
        p = tmp_path / f"f{i}.yaml"
        p.write_text((ROOT / "docs" / "example-model.yaml").read_text() + f"\n# copy {i}\n")
        c.put(p, form)
    one = os.path.getsize(entries(tmp_path / "c")[0])
    assert one * 40 > 20_000, "the test must overflow the bound"
    c.close()
    n, size = c.size()
    assert 0 < n < 40 and size <= 20_000


def test_cache_clear_command(forms_dir, tmp_path):
    cdir = tmp_path / "cache"
    scan(forms_dir, cdir)
    assert entries(cdir)
    r = subprocess.run(
        [sys.executable, "-m", "formaudit", "cache", "clear", "--cache-dir", str(cdir)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0 and f"removed {len(FILES) + 2} cached entries" in r.stdout, r.stdout
    assert not entries(cdir) and not entries(cdir, "results")


def test_library_use_is_uncached_unless_configured(forms_dir, tmp_path, monkeypatch):
    from formaudit.api import read_all

    monkeypatch.setattr(cache_mod, "_config", {"enabled": False, "dir": None})
    assert cache_mod.active() is None
    cache_mod.configure(True, tmp_path / "lib")
    try:
        forms, errors = read_all(sorted(forms_dir.iterdir()))
        assert len(forms) == len(FILES) + 1 and not errors
        assert len(entries(tmp_path / "lib")) == len(FILES) + 1
    finally:
        cache_mod.configure(False)


def test_check_results_are_reused_only_for_the_same_forms_rules_and_options(forms_dir, tmp_path):
    cdir = tmp_path / "cache"
    assert scan(forms_dir, cdir) == scan(forms_dir, cdir) == scan(forms_dir, None)
    assert len(entries(cdir, "results")) == 1, "an unchanged scan reuses its results"
    for extra in (["--select", "FA101"], ["--explain"]):
        assert scan(forms_dir, cdir, *extra) == scan(forms_dir, None, *extra)
    assert len(entries(cdir, "results")) == 3
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "checks.yaml").write_text("FA301:\n  budget_minutes: 1\n")
    assert scan(forms_dir, cdir, "--rules", str(rules)) == scan(forms_dir, None, "--rules", str(rules))
    (rules / "checks.yaml").write_text("FA301:\n  budget_minutes: 2\n")
    assert scan(forms_dir, cdir, "--rules", str(rules)) == scan(forms_dir, None, "--rules", str(rules))
    assert len(entries(cdir, "results")) == 5, "a changed rules file is a new run"
    (forms_dir / "contact.yaml").write_text(
        (forms_dir / "contact.yaml").read_text().replace("schema:", "# edited\nschema:", 1)
    )
    assert scan(forms_dir, cdir) == scan(forms_dir, None)
    assert len(entries(cdir, "results")) == 6, "a changed form is a new run"


def test_cached_values_keep_their_types():
    from formaudit.cache import _tag, _untag_hook
    from formaudit.model import Finding

    f = Finding("FA101", "duplicate-field", "warning", "a.docx", "m", fields=[{"id": "f1"}], minutes=1 / 3)
    value = {"findings": [f], 1: (2, 2.5, float("inf")), "x": [None, True, "s", (1,)], (1, "a"): {}}
    back = json.loads(json.dumps(_tag(value)), object_hook=_untag_hook)
    assert back == value and list(back) == list(value)
    assert type(back[1]) is tuple and type(back["x"][3]) is tuple and isinstance(back["findings"][0], Finding)
    plain = {"b": 1, "a": {"\x00t": 2, "z": 1.0}}
    back = json.loads(json.dumps(_tag(plain)), object_hook=_untag_hook)
    assert back == plain and list(back) == ["b", "a"] and type(back["a"]["z"]) is float
    with pytest.raises(TypeError):
        _tag({"a": {1, 2}})


def _has_jobs() -> bool:
    r = subprocess.run([sys.executable, "-m", "formaudit", "scan", "--help"], capture_output=True, text=True)
    return "--jobs" in r.stdout


def test_cache_and_jobs_give_the_same_bytes(forms_dir, tmp_path):
    """With a process pool (``--jobs``), cold and warm cached scans are still the uncached scan's bytes."""
    if not _has_jobs():
        pytest.skip("this formaudit has no --jobs")
    plain = scan(forms_dir, None, "--jobs", "1")
    for jobs in ("2", "3"):
        cdir = tmp_path / f"cache{jobs}"
        assert scan(forms_dir, None, "--jobs", jobs) == plain
        assert scan(forms_dir, cdir, "--jobs", jobs) == plain
        assert scan(forms_dir, cdir, "--jobs", jobs) == plain
        assert scan(forms_dir, cdir, "--jobs", "1") == plain


def test_any_label_text_round_trips(tmp_path):
    """Labels with characters JSON finds awkward (a lone surrogate from a broken font, NUL, non-Latin
    text) come back exactly."""
    from formaudit.model import Field, Form, Section

    src = tmp_path / "odd.yaml"
    src.write_text("schema: formaudit.form/1\n")
    labels = ["Name \ud800 broken", "Tab\tand\x00NUL", "Enw’r plentyn — 子供の名前", "\x00t"]
    form = Form(
        str(src), "model", "Odd", [Section("S", fields=[Field(f"f{i}", x) for i, x in enumerate(labels)])]
    )
    c = FormCache(tmp_path / "c")
    c.put(src, form)
    assert FormCache(tmp_path / "c").get(src) == form
