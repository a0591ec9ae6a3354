"""`formaudit compare`: pairs with known differences, folder pairing, the reports and the CLI."""

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
from formaudit.compare import compare_pair, compare_paths, norm_title, render
from formaudit.readers import read_form

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_forms"

BEFORE = """\
schema: formaudit.form/1
title: Child in Need Plan
sections:
  - title: "1. Child's details"
    fields:
      - Child's name
      - {label: Child's date of birth, kind: date}
      - Address
  - title: Health
    fields:
      - {label: DOB, kind: date}
      - {label: Health needs, kind: long_text}
  - title: Summary
    guidance: Summarise the plan in a few lines.
    fields:
      - {label: Summary of needs, kind: long_text}
  - title: Sign-off
    fields:
      - Social worker name
      - {label: Date signed, kind: date}
"""

AFTER = """\
schema: formaudit.form/1
title: Child in Need Plan
sections:
  - title: "Child's Details"
    fields:
      - Child's name
      - {label: Child's date of birth, kind: date}
      - Address
  - title: Health
    fields:
      - {label: Health needs, kind: long_text}
  - title: Sign-off
    fields:
      - Social worker name
      - {label: Date signed, kind: date}
"""


@pytest.fixture()
def pair_files(tmp_path):
    b, a = tmp_path / "before", tmp_path / "after"
    b.mkdir()
    a.mkdir()
    (b / "cin-plan.yaml").write_text(BEFORE, encoding="utf-8")
    (a / "CIN-Plan.yaml").write_text(AFTER, encoding="utf-8")  # stems pair case-insensitively
    shutil.copy(SAMPLES / "case-note_A.docx", b / "case-note_A.docx")  # no partner
    shutil.copy(SAMPLES / "pathway-plan_G.docx", a / "pathway-plan_G.docx")  # no partner
    return b, a


def test_pair_with_a_duplicate_and_a_section_removed(pair_files):
    b, a = pair_files
    p = compare_pair(read_form(b / "cin-plan.yaml"), read_form(a / "CIN-Plan.yaml"))
    assert p["type"] == "cin_plan"
    assert p["before"]["duplicate_groups"] == 1 and p["after"]["duplicate_groups"] == 0
    assert p["before"]["fields"] == 8 and p["after"]["fields"] == 6
    assert p["change"] == {"sections": -1, "fields": -2, "prefilled_fields": 0, "duplicate_groups": -1}
    for band in ("low", "expected", "high"):
        assert p["after"]["minutes"][band] < p["before"]["minutes"][band]
        assert p["minutes_saved"][band] > 0
    assert p["sections_removed"] == ["Summary"] and p["sections_added"] == []
    rows = {r["title"]: r for r in p["sections"]}
    assert rows["1. Child's details"]["status"] == "kept"  # matched to "Child's Details"
    assert rows["Health"]["before"]["fields"] == 2 and rows["Health"]["after"]["fields"] == 1
    assert rows["Summary"]["status"] == "removed" and rows["Summary"]["after"] is None
    assert rows["Sign-off"]["saved_minutes"]["expected"] == pytest.approx(0)
    # savings use the profile's CIN-plan rate, with its basis, carried per band
    sv = p["savings"]
    assert sv["per_worker_per_month"] == pytest.approx(1.35)
    assert "268,470" in sv["basis"]["per_worker_per_month"]
    saved = p["minutes_saved"]["expected"]
    assert sv["hours_saved_per_worker_per_year"]["expected"] == pytest.approx(saved * 1.35 * 12 / 60)


def test_overrides_and_money(pair_files):
    b, a = pair_files
    p = compare_pair(
        read_form(b / "cin-plan.yaml"),
        read_form(a / "CIN-Plan.yaml"),
        per_month=4,
        workers=100,
        hourly_cost=30,
    )
    sv = p["savings"]
    saved = p["minutes_saved"]["expected"]
    assert sv["hours_saved_workforce_per_year"]["expected"] == pytest.approx(saved * 4 * 12 / 60 * 100)
    assert sv["gbp_saved_workforce_per_year"]["expected"] == pytest.approx(saved * 4 * 12 / 60 * 100 * 30)
    assert (
        "--per-month 4" in sv["basis"]["per_worker_per_month"] and "--workers 100" in sv["basis"]["workers"]
    )


def test_norm_title():
    assert norm_title("2. Child's Details") == norm_title("child's details")
    assert norm_title("Section B – Family & friends") == "family and friends"
    assert norm_title("Part 3: Analysis") == "analysis"


def test_folders_pair_by_stem_and_list_unmatched(pair_files):
    b, a = pair_files
    r = compare_paths(b, a)
    assert r["schema"] == "formaudit.compare/2"
    assert [p["name"] for p in r["pairs"]] == ["cin-plan"]
    assert [Path(x).name for x in r["unmatched"]["before"]] == ["case-note_A.docx"]
    assert [Path(x).name for x in r["unmatched"]["after"]] == ["pathway-plan_G.docx"]
    assert r["totals"]["change"]["fields"] == -2
    assert "workforce" not in r["usage"] and "hours_saved_workforce_per_year" not in r["totals"]["savings"]


def test_sample_form_against_itself_saves_nothing():
    f = SAMPLES / "child-protection-plan_D.docx"
    r = compare_paths(f, f)
    (p,) = r["pairs"]
    assert p["type"] == "cp_plan"
    assert p["minutes_saved"] == {"low": 0, "expected": 0, "high": 0}
    assert all(row["status"] == "kept" for row in p["sections"])


def test_reports(pair_files):
    b, a = pair_files
    r = compare_paths(b, a, hourly_cost=35)
    text = render(r, "text")
    assert "cin-plan" in text and "Summary" in text and "removed" in text and "case-note_A.docx" in text
    md = render(r, "markdown")
    assert "| Summary | removed |" in md and "## Assumptions" in md and "268,470" in md
    rows = list(csv.DictReader(io.StringIO(render(r, "csv"))))
    kinds = [row["row"] for row in rows]
    assert kinds.count("form") == 1 and "section" in kinds and "total" in kinds
    assert {"unmatched_before", "unmatched_after"} <= set(kinds)
    form_row = next(row for row in rows if row["row"] == "form")
    assert int(form_row["fields_before"]) - int(form_row["fields_after"]) == 2
    assert len({len(row) for row in rows}) == 1
    d = json.loads(render(r, "json"))
    assert d["schema"] == "formaudit.compare/2" and d["pairs"][0]["sections_removed"] == ["Summary"]
    assert "gbp_saved_per_worker_per_year" in d["totals"]["savings"]
    assert "gbp_saved_workforce_per_year" not in d["totals"]["savings"]  # no workforce given


def test_html_is_self_contained_and_escaped(tmp_path):
    before = BEFORE.replace("title: Health", "title: \"Health <script>alert(1)</script> & 'care'\"")
    after = AFTER.replace("title: Health", "title: \"Health <script>alert(1)</script> & 'care'\"")
    (tmp_path / "b.yaml").write_text(before, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(after, encoding="utf-8")
    html = render(compare_paths(tmp_path / "b.yaml", tmp_path / "a.yaml"), "html")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<style>" in html
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "http" not in html.lower()
    assert not re.search(r"\b(src|href)\s*=", html, re.I)
    assert "<link" not in html.lower() and "@import" not in html


def test_render_accepts_one_pair(pair_files):
    b, a = pair_files
    p = compare_pair(read_form(b / "cin-plan.yaml"), read_form(a / "CIN-Plan.yaml"))
    md = render(p, "markdown")
    assert "| Summary | removed |" in md


def test_cli(pair_files, tmp_path):
    b, a = pair_files
    runner = CliRunner()
    r = runner.invoke(compare_cmd, [str(b), str(a), "--format", "json", "--per-month", "2"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["pairs"][0]["savings"]["per_worker_per_month"] == 2
    out = tmp_path / "report.html"
    r = runner.invoke(compare_cmd, [str(b), str(a), "--format", "html", "--output", str(out)])
    assert r.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = runner.invoke(compare_cmd, [str(b), str(a), "--format", "html", "--output", str(out)])
    assert r.exit_code == 2 and "formaudit: error:" in r.output and "--force" in r.output
    r = runner.invoke(compare_cmd, [str(b), str(a), "-o", str(out), "--force"])
    assert r.exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["{b}", "{a}/CIN-Plan.yaml"],  # a folder and a file
        ["{b}", "{b}/nope"],
        ["{b}", "{a}", "--per-month", "-1"],
        ["{b}", "{a}", "--usage", "{b}/missing.yaml"],
    ],
)
def test_cli_errors_are_one_line(pair_files, args):
    b, a = pair_files
    r = CliRunner().invoke(compare_cmd, [x.format(b=b, a=a) for x in args])
    assert r.exit_code == 2
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("formaudit: error: ")


def test_unreadable_file_in_a_pair(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "x.docx").write_bytes(b"not a zip")
    (tmp_path / "a" / "x.docx").write_bytes(b"not a zip either")
    r = CliRunner().invoke(compare_cmd, [str(tmp_path / "b"), str(tmp_path / "a")])
    assert r.exit_code == 2 and "formaudit: error:" in r.output
