"""The worker pool's speed measures: work done once in the parent before forking, longest files first."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from formaudit import isolate


def _fake_read(path, **_kw):
    from formaudit.model import Field, Form, Section

    return Form(source=str(path), format="model", sections=[Section(None, fields=[Field("f1", "x")])])


@pytest.mark.skipif(not isolate.can_isolate(), reason="no fork: files are read in-process")
def test_largest_files_start_first_and_results_keep_input_order(monkeypatch, tmp_path):
    import formaudit.readers

    monkeypatch.setattr(formaudit.readers, "read_form", _fake_read)
    sizes = {"a.yaml": 10, "b.yaml": 3000, "c.yaml": 200, "d.yaml": 3000, "e.yaml": 0}
    paths = []
    for name, n in sizes.items():
        p = tmp_path / name
        p.write_bytes(b"#" * n)
        paths.append(p)
    done: list[Path] = []
    results = list(isolate.read_many(paths, jobs=1, on_done=done.append))
    assert [p.name for p, _ in results] == list(sizes)  # input order
    # one worker at a time: completion order is start order — by size, ties in input order
    assert [p.name for p in done] == ["b.yaml", "d.yaml", "c.yaml", "a.yaml", "e.yaml"]
    assert gc.get_freeze_count() == 0  # the parent's objects are back under the garbage collector


def test_warm_loads_the_readers_rule_data_before_forking():
    from formaudit.readers import common
    from formaudit.readers.pdf import flat

    cached = (common._kind_rules, common._label_rules, common._circle_words, flat._furniture)
    for fn in cached:
        fn.cache_clear()
    isolate._warm([Path("x.docx"), Path("y.pdf")])
    for fn in cached:
        assert fn.cache_info().currsize >= 1, fn.__name__
