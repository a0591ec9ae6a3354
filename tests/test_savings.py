"""Savings arithmetic (Standard Cost Model) against hand-computed cases, and the usage profile."""

from __future__ import annotations

import pytest

from formaudit.errors import UsageError
from formaudit.model import Form
from formaudit.savings import add_savings, form_type, load_usage, savings


def approx(d, low, expected, high):
    return d == {"low": pytest.approx(low), "expected": pytest.approx(expected), "high": pytest.approx(high)}


def test_flat_case_by_hand():
    # 30 → 20 minutes, 4 a month, 100 workers, 1,600 h per FTE-year, £40 an hour:
    # 10 min saved × 4 = 40 min per worker per month = 0.6667 h; × 12 = 8 h a year;
    # × 100 workers = 800 h; ÷ 1,600 = 0.5 FTE; 8 h × £40 = £320 per worker, £32,000 in all.
    s = savings(
        {"low": 30, "expected": 30, "high": 30}, {"low": 20, "expected": 20, "high": 20}, 4, 100, 1600, 40
    )
    assert approx(s["minutes_per_completion"]["saved"], 10, 10, 10)
    assert approx(s["minutes_saved_per_worker_per_month"], 40, 40, 40)
    assert approx(s["hours_saved_per_worker_per_month"], 40 / 60, 40 / 60, 40 / 60)
    assert approx(s["hours_saved_per_worker_per_year"], 8, 8, 8)
    assert approx(s["hours_saved_workforce_per_year"], 800, 800, 800)
    assert approx(s["fte_equivalent"], 0.5, 0.5, 0.5)
    assert approx(s["gbp_saved_per_worker_per_year"], 320, 320, 320)
    assert approx(s["gbp_saved_workforce_per_year"], 32000, 32000, 32000)
    # burden before/after: 30 min × 4 × 12 / 60 = 24 h; 20 min → 16 h a worker a year
    assert approx(s["burden_hours_per_worker_per_year"]["before"], 24, 24, 24)
    assert approx(s["burden_hours_per_worker_per_year"]["after"], 16, 16, 16)


def test_bands_are_carried_through():
    # before 20–30–50, after 15–20–32 → band savings 5, 10, 18 (low ≤ expected ≤ high)
    # 3 a month, 10 workers, 1,665 h: per worker per year 5×3×12/60 = 3 h, 6 h, 10.8 h;
    # workforce 30, 60, 108 h; FTE 30/1665, 60/1665, 108/1665.
    s = savings({"low": 20, "expected": 30, "high": 50}, {"low": 15, "expected": 20, "high": 32}, 3, 10, 1665)
    assert approx(s["minutes_per_completion"]["saved"], 5, 10, 18)
    assert approx(s["hours_saved_per_worker_per_year"], 3, 6, 10.8)
    assert approx(s["hours_saved_workforce_per_year"], 30, 60, 108)
    assert approx(s["fte_equivalent"], 30 / 1665, 60 / 1665, 108 / 1665)
    # the uncorrelated cross combination is reported, not used: 20 − 32 = −12, 50 − 15 = 35
    assert s["saved_uncorrelated"] == {"low": pytest.approx(-12), "high": pytest.approx(35)}


def test_band_order_when_the_fast_band_saves_more():
    # before 40–50–60, after 10–30–55: band savings 30, 20, 5 → low 5, expected 20, high 30
    s = savings({"low": 40, "expected": 50, "high": 60}, {"low": 10, "expected": 30, "high": 55}, 1, 1, 1000)
    assert approx(s["minutes_per_completion"]["saved"], 5, 20, 30)


def test_no_money_without_hourly_cost_and_bases_kept():
    s = savings(30, 20, 4, 100, 1600, basis={"per_worker_per_month": "given"})
    assert "gbp_saved_per_worker_per_year" not in s and s["hourly_cost"] is None
    assert s["basis"] == {"per_worker_per_month": "given"}
    assert "Standard Cost Model" in s["method"]


@pytest.mark.parametrize(
    "kw",
    [{"per_month": -1}, {"workers": -5}, {"hours_per_fte_year": 0}, {"hourly_cost": -3}],
)
def test_bad_inputs_are_usage_errors(kw):
    args = {"per_month": 1, "workers": 1, "hours_per_fte_year": 1600, "hourly_cost": None, **kw}
    with pytest.raises(UsageError):
        savings(30, 20, **args)


def test_totals_add_per_form_savings():
    a = savings(30, 20, 4, 100, 1600)  # 8 h per worker per year
    b = savings(15, 12, 10, 100, 1600)  # 3 × 10 × 12 / 60 = 6 h
    t = add_savings([a, b])
    assert approx(t["hours_saved_per_worker_per_year"], 14, 14, 14)
    assert approx(t["hours_saved_workforce_per_year"], 1400, 1400, 1400)


def test_usage_profile_defaults_and_bases():
    u = load_usage()
    assert u.fte == 33100 and "33,100" in u.fte_basis
    assert u.hours_per_fte_year == 1665 and "1,924" in u.hours_basis
    a = u.get("assessment")
    # 655,540 / 33,100 / 12 = 1.650
    assert a.per_month == pytest.approx(655540 / 33100 / 12, abs=0.005) and "655,540" in a.basis
    r = u.get("referral")
    assert r.per_month == pytest.approx(640430 / 33100 / 12, abs=0.005)
    for t in u.types:
        assert t.basis, t.key


@pytest.mark.parametrize(
    ("title", "source", "key"),
    [
        ("Child and Family Assessment", "x.docx", "assessment"),
        ("Multi-Agency Referral Form (MARF)", "x.docx", "referral"),
        ("Initial Child Protection Conference Report", "x.docx", "conference_report"),
        ("Review Child Protection Conference", "x.docx", "conference_report"),
        ("Child Protection Plan", "x.docx", "cp_plan"),
        ("Child in Need Plan", "x.docx", "cin_plan"),
        ("Looked After Child Review", "x.pdf", "lac_review"),
        ("Pathway Plan", "x.docx", "pathway_plan"),
        ("Early Help Assessment", "x.pdf", "early_help_assessment"),
        ("Case Note", "x.docx", "case_note"),
        ("Section 47 Enquiry Record", "x.docx", "s47_enquiry"),
        (None, "forms/caf-form_A.docx", "early_help_assessment"),
        (None, "forms/surrey-cp-report_B.docx", "conference_report"),
        ("Petty cash claim", "claim.docx", "other"),
    ],
)
def test_form_types(title, source, key):
    assert form_type(Form(source=source, format="docx", title=title)) == key


def test_user_usage_file_overrides_one_type(tmp_path):
    p = tmp_path / "usage.yaml"
    p.write_text(
        "types:\n  referral: {per_worker_per_month: 3, basis: 'our MASH'}\n"
        "workforce: {fte: 120, basis: 'our establishment'}\n",
        encoding="utf-8",
    )
    u = load_usage(usage_file=p)
    r = u.get("referral")
    assert r.per_month == 3 and r.basis == "our MASH" and r.patterns  # match patterns kept
    assert u.fte == 120 and u.get("assessment").per_month == pytest.approx(1.65)
    assert form_type(Form(source="a.docx", format="docx", title="Referral"), u) == "referral"


def test_bad_usage_file(tmp_path):
    p = tmp_path / "usage.yaml"
    p.write_text("types:\n  referral: {per_worker_per_month: lots}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="per_worker_per_month"):
        load_usage(usage_file=p)
    with pytest.raises(UsageError, match="no such usage file"):
        load_usage(usage_file=tmp_path / "missing.yaml")
