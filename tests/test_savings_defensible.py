"""Savings a council can defend: renderings count once, who completes a form, no national workforce
totals without --workers, ordered ranges, and one code path for streamline and compare."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from formaudit.cli.compare import compare as compare_cmd
from formaudit.cli.streamline import streamline as streamline_cmd
from formaudit.compare import compare_pair, compare_paths, render
from formaudit.readers import read_form
from formaudit.streamline import propose
from formaudit.writers.docx_form import write_model

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_forms"
#: (DOCX rendering, PDF rendering) of one form each, and a form with one rendering only
RENDERED = [
    ("multi-agency-referral_A.docx", "multi-agency-referral_E.pdf"),
    ("child-in-need-plan_C.docx", "child-in-need-plan_E.pdf"),
]
SINGLE = ["child-protection-plan_D.docx"]
#: a national workforce head-count in any spelling, or a line about hours across a workforce
NATIONAL = re.compile(
    r"33[,. ]?100|18[,. ]?500|FTE equivalent \(|across \d|workforce_per_year|fte_equivalent"
)


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """before/after folders holding every rendering, and ones holding one rendering per form."""
    base = tmp_path_factory.mktemp("renderings")
    all_b, all_a, one_b, one_a = (base / n for n in ("all_b", "all_a", "one_b", "one_a"))
    for d in (all_b, all_a, one_b, one_a):
        d.mkdir()
    names = [n for pair in RENDERED for n in pair] + SINGLE
    for name in names:
        src = SAMPLES / name
        stem = src.stem
        proposal = propose(read_form(src))
        shutil.copy(src, all_b / name)
        write_model(proposal, all_a / f"{stem}.streamlined.yaml")
        if name.endswith(".docx"):  # the editable template stands for its form
            shutil.copy(src, one_b / name)
            write_model(proposal, one_a / f"{stem}.streamlined.yaml")
    return all_b, all_a, one_b, one_a


def _bands_ok(obj, where="") -> None:
    """Every {low, expected, high} mapping anywhere in a result is ordered low ≤ expected ≤ high."""
    if isinstance(obj, dict):
        if {"low", "expected", "high"} <= set(obj) and all(
            isinstance(obj[k], (int, float)) for k in ("low", "expected", "high")
        ):
            assert obj["low"] <= obj["expected"] + 1e-9 <= obj["high"] + 2e-9, (where, obj)
        for k, v in obj.items():
            _bands_ok(v, f"{where}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            _bands_ok(v, f"{where}[{i}]")


def test_renderings_count_once(folders):
    all_b, all_a, one_b, one_a = folders
    everything = compare_paths(all_b, all_a)
    one_each = compare_paths(one_b, one_a)
    assert len(everything["pairs"]) == 5 and len(one_each["pairs"]) == 3
    assert everything["totals"]["renderings_not_counted"] == 2 and everything["totals"]["forms"] == 3
    skipped = {p["name"]: p["rendering_of"] for p in everything["pairs"] if not p["counted"]}
    assert skipped == {
        "multi-agency-referral_E": "multi-agency-referral_A",
        "child-in-need-plan_E": "child-in-need-plan_C",
    }
    ta, to = everything["totals"], one_each["totals"]
    for key in ("hours_saved_per_worker_per_year", "minutes_saved_per_worker_per_month"):
        assert ta["savings"][key] == pytest.approx(to["savings"][key])
    assert ta["savings"]["other_completers"]["referrer"]["hours_saved_per_worker_per_year"] == pytest.approx(
        to["savings"]["other_completers"]["referrer"]["hours_saved_per_worker_per_year"]
    )
    assert ta["minutes_saved"] == pytest.approx(to["minutes_saved"])
    assert ta["before"]["minutes"] == pytest.approx(to["before"]["minutes"])
    md = render(everything, "markdown")
    assert "rendering of multi-agency-referral_A: not counted again" in md


def test_per_social_worker_counts_only_social_workers_forms(folders):
    _all_b, _all_a, one_b, one_a = folders
    r = compare_paths(one_b, one_a)
    by_type = {p["type"]: p for p in r["pairs"]}
    ref = by_type["referral"]
    assert ref["completed_by"] == "referrer" and not ref["savings"]["per_social_worker"]
    sw = [p for p in r["pairs"] if p["completed_by"] == "social_worker"]
    tot = r["totals"]["savings"]
    assert tot["forms"] == len(sw) == 2
    assert tot["hours_saved_per_worker_per_year"]["expected"] == pytest.approx(
        sum(p["savings"]["hours_saved_per_worker_per_year"]["expected"] for p in sw)
    )
    assert tot["other_completers"]["referrer"]["hours_saved_per_worker_per_year"][
        "expected"
    ] == pytest.approx(ref["savings"]["hours_saved_per_worker_per_year"]["expected"])
    text = render(r, "text", width=200)
    assert "Referrers' time (not social workers')" in text


def test_no_national_workforce_without_workers(folders, tmp_path):
    all_b, all_a, *_ = folders
    runner = CliRunner()
    for fmt in ("text", "markdown", "csv", "json", "html"):
        out = runner.invoke(compare_cmd, [str(all_b), str(all_a), "--format", fmt])
        assert out.exit_code == 0, out.output
        text = out.output
        if fmt == "csv":  # a fixed header; its workforce columns stay empty
            rows = list(csv.DictReader(io.StringIO(text)))
            cols = [c for c in rows[0] if "workforce" in c or c.startswith("fte_") or c == "workers"]
            assert len(cols) == 10 and all(not r[c] for r in rows for c in cols)
            text = text.split("\n", 1)[1]
        assert not NATIONAL.search(text), (fmt, NATIONAL.search(text))
    src = SAMPLES / "child-in-need-plan_C.docx"
    for fmt in ("text", "markdown", "json"):
        out = runner.invoke(
            streamline_cmd, [str(src), "-o", str(tmp_path / f"s-{fmt}.docx"), "--format", fmt, "--compare"]
        )
        assert out.exit_code == 0, out.output
        assert not NATIONAL.search(out.output), (fmt, NATIONAL.search(out.output))
    # with --workers the totals appear, for the head-count given
    out = runner.invoke(compare_cmd, [str(all_b), str(all_a), "--format", "markdown", "--workers", "40"])
    assert "across 40 workers (given)" in out.output and "FTE equivalent" in out.output


def test_ranges_are_ordered_everywhere(folders, tmp_path):
    all_b, all_a, *_ = folders
    r = compare_paths(all_b, all_a, workers=10, hourly_cost=30)
    _bands_ok(r)
    out = CliRunner().invoke(
        streamline_cmd,
        [str(SAMPLES / "multi-agency-referral_A.docx"), "-o", str(tmp_path / "x.docx"), "--format", "json"],
    )
    _bands_ok(json.loads(out.output))


def test_streamline_and_compare_give_the_same_numbers(tmp_path):
    src = SAMPLES / "multi-agency-referral_A.docx"
    out = CliRunner().invoke(streamline_cmd, [str(src), "-o", str(tmp_path / "x.docx"), "--format", "json"])
    assert out.exit_code == 0, out.output
    s = json.loads(out.output)
    # what `formaudit compare FORM OUT.docx` reports for the written proposal
    r = CliRunner().invoke(compare_cmd, [str(src), str(tmp_path / "x.docx"), "--format", "json"])
    pair = json.loads(r.output)["pairs"][0]
    assert s["minutes_before"] == pytest.approx(pair["before"]["minutes"], abs=1e-3)
    assert s["minutes_after"] == pytest.approx(pair["after"]["minutes"], abs=1e-3)
    assert s["minutes_saved"] == pytest.approx(pair["minutes_saved"], abs=1e-3)
    assert s["savings"]["hours_saved_per_worker_per_year"] == pytest.approx(
        pair["savings"]["hours_saved_per_worker_per_year"], abs=1e-3
    )
    assert s["savings"]["completed_by"] == "referrer" and s["time_model"] == "uncalibrated"
    # and the in-memory proposal is within the writer's round-trip tolerance (2%)
    proposal = propose(read_form(src))
    assert compare_pair(read_form(src), proposal.after)["after"]["minutes"]["expected"] == pytest.approx(
        pair["after"]["minutes"]["expected"], rel=0.02
    )


ADULT_FORM = """\
schema: formaudit.form/1
title: Section 42 safeguarding enquiry
sections:
  - title: The adult
    fields:
      - Adult's name
      - {label: Date of birth, kind: date}
      - {label: "Does the adult have mental capacity to consent?", kind: yes_no}
  - title: Care and support needs
    fields:
      - {label: Eligible needs under the Care Act, kind: long_text}
"""


def test_adults_form_uses_the_adults_profile(tmp_path):
    p = tmp_path / "enquiry.yaml"
    p.write_text(ADULT_FORM, encoding="utf-8")
    f = read_form(p)
    pair = compare_pair(f, f)
    assert pair["service"] == "adults" and pair["type"] == "safeguarding_enquiry"
    assert "Skills for Care" in pair["savings"]["basis"]["per_worker_per_month"]
    forced = compare_pair(f, f, service="children")
    assert forced["service"] == "children" and "--service children" in forced["savings"]["basis"]["service"]


@pytest.mark.parametrize(
    "path", sorted(p for p in SAMPLES.iterdir() if p.suffix in (".docx", ".pdf")), ids=str
)
def test_every_time_estimate_is_ordered(path):
    from formaudit.timing import estimate_form

    fe = estimate_form(read_form(path))
    estimates = [fe.total, *(s.total for s in fe.sections), *fe.fields.values()]
    for e in estimates:
        assert e.low <= e.expected + 1e-9 <= e.high + 2e-9, e
        for name, o in e.ops.items():
            assert o.low <= o.expected + 1e-9 <= o.high + 2e-9, (name, o)
