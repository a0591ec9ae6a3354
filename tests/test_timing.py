"""Completion-time model (formaudit/timing.py, rules/time_model.yaml) and check FA301."""

from __future__ import annotations

import glob
import os
import time

import pytest

from formaudit import ruledata
from formaudit.checks import Context
from formaudit.checks.completion_time import CompletionTime
from formaudit.model import Field, Form, Section
from formaudit.timing import TimeModel, estimate_field, estimate_form, explain, timings

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(os.path.dirname(HERE), "sample_forms")


def C(group: str, key: str, band: str = "expected", rules_dir: str | None = None) -> float:
    """A constant straight from the YAML (not through timing.py), for hand computations."""
    v = ruledata.load("time_model", rules_dir)[group][key]
    return float(v[band]) if isinstance(v, dict) else float(v)


def form_of(
    *fields: Field, title: str | None = None, guidance: str = "", section: str | None = "Questions"
) -> Form:
    return Form(
        source="t.docx",
        format="model",
        title=title,
        sections=[Section(section, guidance=guidance, fields=list(fields))],
    ).finalise()


def bands_ok(e) -> bool:
    return e.low <= e.expected <= e.high


# ------------------------------------------------------------------------------------- published constants


def test_yaml_holds_the_published_constants():
    assert C("reading", "wpm") == 238
    assert C("klm", "M") == 1.35
    assert C("klm", "P") == 1.1
    assert C("klm", "H") == 0.4
    assert (C("klm", "K", "low"), C("klm", "K"), C("klm", "K", "high")) == (0.20, 0.28, 0.50)
    assert C("long_text", "compose_wpm") == 19
    assert C("closed", "choose") == 5
    assert C("prefilled", "verify") == 5
    chars = ruledata.load("time_model")["typing"]["chars"]
    assert chars["date"]["expected"] == 10 and chars["phone"]["expected"] == 11
    assert chars["email"]["expected"] == 25 and chars["number"]["expected"] == 3
    assert 15 <= chars["text"]["expected"] <= 20


# ------------------------------------------------------------------------------------------ sanity band


def test_closed_questions_land_in_the_survey_band():
    """Versta: 7.5 s per point; Pew ATP: ~10.6 s per question."""
    labels = [
        "Is the child known to police?",
        "Has consent been given?",
        "Is an interpreter needed?",
        "Is the child disabled?",
        "Referral source",
        "Gender",
        "Type of plan",
        "Parent informed",
        "Consent to share",
        "Urgent",
    ]
    fields = []
    for i, lab in enumerate(labels):
        if i < 4:
            fields.append(Field("", lab, "yes_no", options=["Yes", "No"]))
        elif i < 7:
            fields.append(Field("", lab, "choice", options=["Police", "School", "Health", "Other"]))
        else:
            fields.append(Field("", lab, "checkbox"))
    fe = estimate_form(form_of(*fields, title="Referral"))
    per_q = fe.expected / len(fields)
    assert 7.5 <= per_q <= 10.6, per_q
    # single questions vary with their wording (a one-word tick box is quicker) but stay near the band
    for e in fe.fields.values():
        assert 5 <= e.expected <= 15, e


# ----------------------------------------------------------------------------------- hand computations


def test_text_field_by_hand():
    f = Field("f1", "Child's full name", "text")
    e = estimate_field(f, TimeModel.load())
    name_chars = next(
        x["chars"]["expected"]
        for x in ruledata.load("time_model")["typing"]["label_chars"]
        if x["name"] == "name"
    )
    want = (
        3 * 60 / C("reading", "wpm")
        + C("klm", "M")
        + C("klm", "P")
        + C("typing", "homes") * C("klm", "H")
        + name_chars * C("klm", "K")
    )
    assert e.expected == pytest.approx(want)
    assert e.ops["keys"].constants == ("klm.K", "typing.label_chars.name")


def test_date_field_by_hand():
    f = Field("f1", "Date of birth", "date")
    e = estimate_field(f, TimeModel.load())
    chars = ruledata.load("time_model")["typing"]["chars"]["date"]
    for band in ("low", "expected", "high"):
        want = (
            3 * 60 / C("reading", "wpm", band)
            + C("klm", "M", band)
            + C("klm", "P", band)
            + C("typing", "homes") * C("klm", "H", band)
            + chars[band] * C("klm", "K", band)
        )
        assert getattr(e, band) == pytest.approx(want), band
    assert set(e.ops) == {"read", "mental", "point", "home", "keys"}
    assert "typing.chars.date" in e.ops["keys"].constants
    assert "reading.wpm" in e.ops["read"].constants


def test_guidance_reading_time():
    words = "Please record what the child said in their own words and note who else was present " * 5
    n = len(words.split())
    fe = estimate_form(form_of(guidance=words, section=None))
    assert fe.expected == pytest.approx(n / C("reading", "wpm") * 60)
    assert fe.expected == pytest.approx(n / 238 * 60)


def test_title_is_read_once():
    f = Field("", "Date of birth", "date")
    without = estimate_form(form_of(f, section=None))
    with_title = estimate_form(
        form_of(Field("", "Date of birth", "date"), title="Child in Need Plan", section=None)
    )
    assert with_title.expected - without.expected == pytest.approx(4 / C("reading", "wpm") * 60)


# --------------------------------------------------------------------------------------------- shapes


def test_long_text_grows_with_capacity():
    m = TimeModel.load()
    times = [
        estimate_field(Field("f", "Describe the concerns", "long_text", capacity={"words": w}), m)
        for w in (30, 60, 120, 240)
    ]
    assert all(a.expected < b.expected for a, b in zip(times, times[1:], strict=False))
    assert all(a.high < b.high and a.low < b.low for a, b in zip(times, times[1:], strict=False))
    by_lines = [
        estimate_field(Field("f", "Describe", "long_text", capacity={"lines": n}), m) for n in (2, 4, 8)
    ]
    assert all(a.expected < b.expected for a, b in zip(by_lines, by_lines[1:], strict=False))
    # composition at 19 wpm for the box's words, plus thinking time
    e = times[1]
    assert e.ops["compose"].expected == pytest.approx(
        60 * C("long_text", "fill") * 60 / C("long_text", "compose_wpm")
    )
    assert e.ops["think"].expected == pytest.approx(C("long_text", "think"))
    # an unsized box uses the per-kind default
    d = estimate_field(Field("f", "Describe", "long_text"), m)
    assert d.ops["compose"].expected == pytest.approx(
        C("long_text", "default_words") * C("long_text", "fill") * 60 / C("long_text", "compose_wpm")
    )


def test_repeating_record_counts_rows():
    m = TimeModel.load()
    filled = C("tables", "rows_filled")

    def est(rows):
        return estimate_field(Field("f", "Name", "text", repeat={"group": "g1", "rows": rows}), m)

    one, two = est(1), est(2)
    assert one.expected < two.expected
    # beyond the rows usually filled, more offered rows cost nothing more
    assert est(int(filled)).expected == est(int(filled) + 5).expected
    per_row = one.ops["keys"].expected
    assert est(int(filled)).ops["keys"].expected == pytest.approx(per_row * filled)
    assert est(int(filled)).ops["mental"].expected == pytest.approx(C("klm", "M") * filled)


def test_table_counts_cells_and_rows():
    m = TimeModel.load()
    small = estimate_field(
        Field("f", "Actions", "table", columns=["Action", "Who", "By when"], capacity={"rows": 1}), m
    )
    big = estimate_field(
        Field("f", "Actions", "table", columns=["Action", "Who", "By when"], capacity={"rows": 5}), m
    )
    wider = estimate_field(
        Field(
            "f", "Actions", "table", columns=["Action", "Who", "By when", "Review date"], capacity={"rows": 5}
        ),
        m,
    )
    assert small.expected < big.expected < wider.expected
    assert bands_ok(small) and bands_ok(big) and bands_ok(wider)


def test_prefilled_fields_cost_verification_only():
    f1 = Field("dob", "Date of birth", "date")
    f2 = Field("name", "Child's name", "text")
    fe = estimate_form(form_of(f1, f2, section=None), prefilled_ids={"dob"})
    e = fe.fields["dob"]
    assert set(e.ops) == {"verify"}
    assert e.expected == pytest.approx(C("prefilled", "verify"))
    assert e.low == pytest.approx(C("prefilled", "verify", "low"))
    assert fe.fields["name"].expected > 0 and "verify" not in fe.fields["name"].ops


def test_multi_choice_costs_a_little_more_per_option_chosen():
    m = TimeModel.load()
    single = estimate_field(Field("f", "Concern", "choice", options=["A", "B", "C", "D"]), m)
    multi = estimate_field(Field("f", "Concern", "multi_choice", options=["A", "B", "C", "D"]), m)
    extra = (min(4, C("closed", "options_chosen")) - 1) * C("closed", "extra_choice")
    assert multi.expected == pytest.approx(single.expected + extra)


def test_signature_is_a_stated_value():
    e = estimate_field(Field("f", "Signature", "signature"), TimeModel.load())
    assert e.ops["sign"].expected == C("signature", "sign")


ALL_KINDS = [
    Field("a", "Name", "text"),
    Field("b", "Address", "text"),
    Field("c", "Age", "number"),
    Field("d", "Date of visit", "date"),
    Field("e", "Time of visit", "time"),
    Field("f", "Email", "email"),
    Field("g", "Phone", "phone"),
    Field("h", "Consent?", "yes_no", options=["Yes", "No"]),
    Field("i", "Source", "choice", options=["Police", "School"]),
    Field("j", "Needs", "multi_choice", options=["Health", "Education", "Housing"]),
    Field("k", "I agree", "checkbox"),
    Field("l", "Signature", "signature"),
    Field("m", "Describe the concerns", "long_text", capacity={"words": 90, "lines": 6}),
    Field("n", "Plan", "long_text"),
    Field("o", "Actions", "table", columns=["What needs to happen?", "Who", "By when"], capacity={"rows": 4}),
    Field("p", "Relationship", "text", repeat={"group": "g1", "rows": 5}),
    Field("q", "Date of birth", "date", repeat={"group": "g1", "rows": 5}),
    Field("r", "Odd kind", "mystery"),
]


def test_low_expected_high_everywhere():
    fe = estimate_form(
        form_of(*ALL_KINDS, title="Everything", guidance="Read this first."), prefilled_ids={"c"}
    )
    for fid, e in fe.fields.items():
        assert bands_ok(e), fid
        assert e.low > 0, fid
        for name, o in e.ops.items():
            assert o.low <= o.expected <= o.high, (fid, name)
            assert o.constants, (fid, name)
    for s in fe.sections:
        assert bands_ok(s.total)
    assert bands_ok(fe.total)
    assert fe.minutes["expected"] == pytest.approx(fe.expected / 60)


def test_explain_rows_add_up():
    fe = estimate_form(form_of(*ALL_KINDS, title="Everything", guidance="Read this first."))
    rows = explain(fe)
    by_section = [r for r in rows if r["by"] == "section"]
    by_op = [r for r in rows if r["by"] == "operator"]
    total = [r for r in rows if r["by"] == "total"]
    assert len(total) == 1 and total[0]["fields"] == len(ALL_KINDS)
    assert sum(r["expected"] for r in by_section) == pytest.approx(total[0]["expected"], abs=0.05)
    assert sum(r["expected"] for r in by_op) == pytest.approx(total[0]["expected"], abs=0.05)
    assert {r["name"] for r in by_op} >= {
        "read",
        "mental",
        "point",
        "home",
        "keys",
        "compose",
        "think",
        "choose",
        "sign",
    }
    assert all(r["constants"] for r in by_op)


def test_user_rules_override_one_constant(tmp_path):
    (tmp_path / "time_model.yaml").write_text(
        "klm:\n  K: {low: 0.5, expected: 0.5, high: 1.2}\n", encoding="utf-8"
    )
    form = form_of(Field("", "Child's full name", "text"), Field("", "Date of birth", "date"))
    base = estimate_form(form)
    slow = estimate_form(form, rules_dir=str(tmp_path))
    assert slow.expected > base.expected
    chars = 18 + 10
    assert slow.expected - base.expected == pytest.approx(chars * (0.5 - C("klm", "K")))
    # the other constants are untouched
    assert C("klm", "M", rules_dir=str(tmp_path)) == C("klm", "M")


def test_many_fields_are_fast():
    kinds = ["text", "long_text", "date", "yes_no", "choice", "phone", "signature", "number", "checkbox"]
    sections = []
    n = 0
    for si in range(500):
        fields = []
        for _ in range(200):
            n += 1
            k = kinds[n % len(kinds)]
            fields.append(
                Field(
                    f"f{n}",
                    f"Question {n} about the child",
                    k,
                    options=["Yes", "No"] if k == "yes_no" else [],
                )
            )
        sections.append(Section(f"S{si}", id=f"s{si}", guidance="Read this carefully.", fields=fields))
    form = Form(source="big", format="model", title="Big", sections=sections)
    t = time.perf_counter()
    fe = estimate_form(form)
    took = time.perf_counter() - t
    assert fe.field_count == 100_000
    assert took < 1.5, took


@pytest.mark.skipif(not glob.glob(os.path.join(SAMPLES, "*.docx")), reason="no sample forms")
def test_sample_forms_estimate_plausibly():
    from formaudit import read_form

    for p in sorted(glob.glob(os.path.join(SAMPLES, "*.docx"))):
        fe = estimate_form(read_form(p))
        assert bands_ok(fe.total), p
        assert 3 < fe.minutes["expected"] < 300, (p, fe.minutes)


# ---------------------------------------------------------------------------------------- run cache, FA301


def _ctx(forms, budget=None, severity=None):
    options = {"budget_minutes": budget, **({"severity": severity} if severity else {})}
    return Context(forms=forms, settings={"FA301": options})


def test_timings_cache():
    form = form_of(Field("a", "Date of birth", "date"), Field("b", "Describe", "long_text"), title="Plan")
    ctx = _ctx([form])
    t = timings(ctx)
    assert t is ctx.cache["timing"]
    assert set(t["t.docx"]) == {"a", "b"}
    fe = estimate_form(form)
    assert t["t.docx"]["a"] == pytest.approx(fe.fields["a"].expected)
    assert ctx.cache["form_minutes"]["t.docx"] == pytest.approx(fe.minutes)
    assert timings(ctx) is t  # computed once


def test_fa301_is_a_statistic_within_budget_or_without_one():
    form = form_of(Field("a", "Date of birth", "date"), Field("b", "Describe", "long_text"), title="Plan")
    ctx = _ctx([form], None)
    assert list(CompletionTime(ctx).run()) == []
    assert list(CompletionTime(_ctx([form], 1000)).run()) == []


def test_fa301_fires_over_budget():
    form = form_of(Field("b", "Describe", "long_text", capacity={"words": 300}), title="Plan")
    (f,) = list(CompletionTime(_ctx([form], 1)).run())
    assert f.code == "FA301" and f.rule == "completion-time"
    assert f.severity == "error"  # a budget, like FA302
    assert "budget" in f.message and "min" in f.message
    fe = estimate_form(form)
    assert f.minutes == pytest.approx(fe.minutes["expected"]) and f.minutes > 1
    assert set(f.data) == {"low", "expected", "high"}
    assert f.data["low"] <= f.data["expected"] <= f.data["high"]
    (f,) = list(CompletionTime(_ctx([form], 1, severity="warning")).run())
    assert f.severity == "warning"


def test_fa301_one_finding_per_form_over_budget():
    forms = [form_of(Field("a", "Name", "text")), form_of(Field("a", "Name", "text"))]
    forms[1].source = "u.docx"
    found = list(CompletionTime(_ctx(forms, 0)).run())
    assert [f.source for f in found] == ["t.docx", "u.docx"]
    assert CompletionTime.summary().startswith("A form whose estimated completion time")
