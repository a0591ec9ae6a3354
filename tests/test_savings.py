"""Savings arithmetic (Standard Cost Model) against hand-computed cases, and the usage profile."""

from __future__ import annotations

import re

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
    # no workforce unless the user gives one: savings are per completion and per worker
    assert u.fte is None and u.workforce("children") == (None, "")
    assert u.hours_per_fte_year == 1665 and "1,924" in u.hours_basis
    assert set(u.services) == {"children", "adults"} and u.default_service == "children"
    a = u.get("assessment")
    # 655,540 / 33,100 / 12 = 1.650
    assert a.per_month == pytest.approx(655540 / 33100 / 12, abs=0.005) and "655,540" in a.basis
    r = u.get("referral")
    assert r.per_month == pytest.approx(640430 / 33100 / 12, abs=0.005)
    assert r.completed_by == "referrer" and a.completed_by == "social_worker"
    # adults: rates over 18,500 local-authority adult social workers (Skills for Care, Sept 2023)
    s42 = u.get("safeguarding_enquiry", "adults")
    assert s42.per_month == pytest.approx(133265 / 18500 / 12, abs=0.005) and "133,265" in s42.basis
    assert u.get("contact", "adults").completed_by == "referrer"
    for svc in u.services.values():
        for t in svc.types:
            assert t.basis, t.key
            # a basis names its source or says it is an assumption
            assert re.search(r"\((DfE|NHS|Skills for Care)|assumption", t.basis), t.key


def test_savings_without_workers_have_no_workforce_figures():
    s = savings(30, 20, 4)
    assert "hours_saved_workforce_per_year" not in s and "fte_equivalent" not in s and s["workers"] is None
    assert approx(s["hours_saved_per_worker_per_year"], 8, 8, 8)


def test_other_completers_are_reported_apart_from_social_workers():
    sw = savings(30, 20, 4)  # 8 h per worker per year
    ref = savings(30, 10, 1.5, completed_by="referrer")  # 20 × 1.5 × 12 / 60 = 6 h of referrers' time
    t = add_savings([sw, ref])
    assert approx(t["hours_saved_per_worker_per_year"], 8, 8, 8) and t["forms"] == 1
    assert approx(t["other_completers"]["referrer"]["hours_saved_per_worker_per_year"], 6, 6, 6)


@pytest.mark.parametrize(
    ("title", "labels", "service"),
    [
        ("Care Act assessment", ["Eligible needs", "Mental capacity", "Adult's name"], "adults"),
        ("Carer's assessment", ["Name of the adult you care for", "Direct payments"], "adults"),
        ("Child in Need Plan", ["Child's name", "School", "Parent's views"], "children"),
        ("Referral", ["Name of the person", "Next of kin", "Lasting power of attorney"], "adults"),
        ("Pathway plan", ["Young person's name", "Name of the person completing"], "children"),
        ("Petty cash claim", ["Amount", "Date"], "children"),  # no population words: the default
    ],
)
def test_population_from_the_form_words(title, labels, service):
    from formaudit.model import Field, Section
    from formaudit.savings import population

    f = Form(source="x.docx", format="docx", title=title)
    fields = [Field(id=f"f{i}", label=x, kind="text") for i, x in enumerate(labels)]
    f.sections = [Section(title="Details", id="s1", fields=fields)]
    assert population(f, load_usage())[0] == service


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
    assert r.completed_by == "referrer"  # fields not given are kept
    assert u.fte == 120 and u.get("assessment").per_month == pytest.approx(1.65)
    assert u.workforce("adults") == (120, "our establishment")
    assert form_type(Form(source="a.docx", format="docx", title="Referral"), u) == "referral"


def test_usage_files_layer_by_the_one_merge_rule(tmp_path):
    """A rules folder's usage.yaml, then --usage-file: mappings merge key by key at every depth (a service's
    type keeps the fields a later file does not give), lists replace, and a top-level ``types`` (the earlier
    one-service shape) lands in the default service, applied after that service's own ``types``."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "usage.yaml").write_text(
        "services:\n  children:\n    types:\n      referral: {per_worker_per_month: 3, match: ['\\bintake\\b']}\n"
        "      case_note: {per_worker_per_month: 10}\n",
        encoding="utf-8",
    )
    later = tmp_path / "later.yaml"
    later.write_text(
        "services:\n  children:\n    types:\n      case_note: {basis: 'ours'}\n"
        "types:\n  case_note: {per_worker_per_month: 20}\n",
        encoding="utf-8",
    )
    packaged = load_usage().get("referral")
    u = load_usage(rules_dir=str(rules), usage_file=later)
    r = u.get("referral")
    assert r.per_month == 3 and r.completed_by == packaged.completed_by and r.basis == packaged.basis
    assert [p.pattern for p in r.patterns] == ["\\bintake\\b"]  # a list replaces
    c = u.get("case_note")
    assert c.per_month == 20 and c.basis == "ours"
    assert u.sources == ["rules/usage.yaml", str(rules / "usage.yaml"), str(later)]


def test_bad_usage_file(tmp_path):
    p = tmp_path / "usage.yaml"
    p.write_text("types:\n  referral: {per_worker_per_month: lots}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="per_worker_per_month"):
        load_usage(usage_file=p)
    with pytest.raises(UsageError, match="no such usage file"):
        load_usage(usage_file=tmp_path / "missing.yaml")
