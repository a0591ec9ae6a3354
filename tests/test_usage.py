"""``formaudit usage`` on synthetic completions (tests/usagebuild.py): every designed pattern is recovered,
no generated value reaches any output, small groups are suppressed, nothing is cached, and the observed
answer lengths reach the time model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from formaudit.cli import cli
from formaudit.usage import COPY_RATE, analyse
from tests import usagebuild as ub

N_DOCX, N_PDF = 24, 20


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("usage")
    truth = ub.build(root, n_docx=N_DOCX, n_pdf=N_PDF)
    return root, truth


@pytest.fixture(scope="module")
def result(corpus):
    root, _ = corpus
    return analyse([root / "filled"], [root / "templates"]).to_dict()


def _template(d, name):
    (t,) = [t for t in d["templates"] if t["source"].endswith(name)]
    return t


def _field(t, label):
    (f,) = [f for f in t["fields"] if f["label"] == label]
    return f


CASES = [("contact", "contact.docx"), ("support", "support.pdf")]


def test_completions_match_their_template_by_structure(result):
    assert _template(result, "contact.docx")["completions"] == N_DOCX
    assert _template(result, "support.pdf")["completions"] == N_PDF
    assert result["unmatched"] == 2  # the two forms of another template
    assert result["completions"] == N_DOCX + N_PDF


@pytest.mark.parametrize("key,name", CASES)
def test_fill_rates_are_recovered(result, corpus, key, name):
    truth = corpus[1][key]
    t = _template(result, name)
    for label, rate in truth["fill"].items():
        f = _field(t, label)
        assert f["observed"], label
        assert abs(f["fill_rate"] - rate) <= 0.02, (label, f["fill_rate"], rate)


@pytest.mark.parametrize("key,name", CASES)
def test_copied_pairs_are_found_and_no_false_pair_above_half(result, corpus, key, name):
    truth = corpus[1][key]
    t = _template(result, name)
    designed = {frozenset(p) for p in truth["copies"]}
    found = {frozenset((p["a"]["label"], p["b"]["label"])): p["rate"] for p in t["copied_pairs"]}
    for pair in designed:
        assert found.get(pair, 0) >= COPY_RATE, (pair, found)
    for pair, rate in found.items():
        if pair not in designed:
            assert rate <= 0.5, (pair, rate)
    for (a, b), rate in truth.get("copy_rates", {}).items():
        assert abs(found[frozenset((a, b))] - rate) <= 0.02


@pytest.mark.parametrize("key,name", CASES)
def test_median_answer_lengths_within_ten_percent(result, corpus, key, name):
    truth = corpus[1][key]
    t = _template(result, name)
    for label, med in truth["median_words"].items():
        w = _field(t, label)["words"]
        assert abs(w["median"] - med) <= 0.1 * med, (label, w, med)
        assert w["q1"] <= w["median"] <= w["q3"]


@pytest.mark.parametrize("key,name", CASES)
def test_option_shares_are_recovered(result, corpus, key, name):
    t = _template(result, name)
    for label, shares in corpus[1][key]["options"].items():
        got = _field(t, label)["options"]
        for o, share in shares.items():
            assert abs(got[o] - share) <= 0.02, (o, got, share)


def test_findings(result, corpus):
    by_code: dict[str, list] = {}
    for f in result["findings"]:
        by_code.setdefault(f["code"], []).append(f)
    never = {f["fields"][0]["label"] for f in by_code["FA401"]}
    assert never == set(corpus[1]["contact"]["never_used"] + corpus[1]["support"]["never_used"])
    copied = {frozenset(x["label"] for x in f["fields"]): f for f in by_code["FA402"]}
    worker = copied[frozenset(("Worker's name", "Completed by"))]
    assert worker["data"]["found_by"] == [] and "did not find it" in worker["message"]
    assert len(copied) == 2
    box = {f["fields"][0]["label"] for f in by_code["FA403"]}
    assert "Analysis and next steps" in box  # answers of 300–400 words in a box of about 100


def test_found_by_marks_pairs_the_label_checks_also_found(corpus, result):
    """The mark comes from FA101/FA102 run on the templates: each pair they put in one finding."""
    from formaudit.engine import resolve_settings, run
    from formaudit.readers import read_form

    root, _ = corpus
    res = result
    for name in ("contact.docx", "support.pdf"):
        form = read_form(root / "templates" / name)
        fs = run([form], resolve_settings(select={"FA101"}))
        grouped = [{r["id"] for r in f.fields} for f in fs]
        for p in _template(res, name)["copied_pairs"]:
            together = any({p["a"]["id"], p["b"]["id"]} <= g for g in grouped)
            assert ("FA101" in p["found_by"]) == together


def _run(args, env=None):
    r = CliRunner().invoke(cli, args, env=env)
    return r.exit_code, r.output


def test_no_generated_value_in_any_output(corpus, tmp_path):
    root, truth = corpus
    outputs = []
    tpl = ["--templates", str(root / "templates")]
    for fmt, extra in (("text", tpl), ("markdown", tpl), ("text", []), ("markdown", [])):
        code, out = _run(["usage", str(root / "filled"), "--format", fmt, *extra])
        assert code == 0, out
        outputs.append(out)
    rules = tmp_path / "rules"
    o = tmp_path / "report.json"
    code, out = _run(
        ["usage", str(root / "filled"), *tpl, "--write-rules", str(rules), "--format", "json", "-o", str(o)]
    )
    assert code == 0, out
    outputs.append(out)
    outputs += [p.read_text(encoding="utf-8") for p in rules.iterdir()]
    outputs.append(o.read_text(encoding="utf-8"))
    # the rules it wrote, used by scan
    for fmt in ("text", "json", "markdown", "csv"):
        code, out = _run(
            ["scan", str(root / "templates"), "--rules", str(rules), "--format", fmt, "--no-cache"]
        )
        assert code == 0, out
        outputs.append(out)
    blob = "\n".join(outputs)
    assert "answer lengths observed in" in blob
    leaks = sorted(w for w in truth["words"] if w in blob)
    assert leaks == [], leaks[:5]
    assert not [v for v in truth["values"] if v in blob]


def test_json_follows_its_schema(result):
    jsonschema = pytest.importorskip("jsonschema")
    from formaudit.schemas import load_schema

    schema = load_schema("usage")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(result, schema)
    for t in result["templates"]:
        for f in t["fields"]:
            assert {"id", "section", "label", "fill_rate", "words"} <= set(f)
        for p in t["copied_pairs"]:
            assert {"id", "section", "label"} <= set(p["a"]) and "rate" in p


def test_groups_under_min_group_are_suppressed_and_counted(corpus):
    root, _ = corpus
    d = analyse([root / "filled"], [root / "templates"], min_group=N_PDF + 1).to_dict()
    # the PDF template's 25 completions are fewer than 26: its figures are left out, and counted
    assert [t["source"].endswith("contact.docx") for t in d["templates"]] == [True]
    assert d["suppressed"]["templates"] == 1 and d["suppressed"]["completions"] == N_PDF
    t = d["templates"][0]
    # "School attended" is answered in 14 of 24 completions: its word figures need 21
    f = _field(t, "School attended")
    assert f["fill_rate"] is not None and f["words"] is None
    assert d["suppressed"]["fields"] >= 1
    assert all(p["both_answered"] >= N_PDF + 1 for p in t["copied_pairs"])


def test_without_templates_completions_are_grouped_by_structure(corpus):
    root, truth = corpus
    d = analyse([root / "filled"]).to_dict()
    counts = sorted(t["completions"] for t in d["templates"])
    assert counts == sorted([N_DOCX, N_PDF])
    assert all(t["inferred"] and t["source"].startswith("(inferred") for t in d["templates"])
    assert d["unmatched"] == 2  # the two strangers form a group under min_group
    (contact,) = [t for t in d["templates"] if t["completions"] == N_DOCX]
    for label, shares in truth["contact"]["options"].items():
        got = _field(contact, label)["options"]
        assert all(abs(got[o] - v) <= 0.02 for o, v in shares.items()), got
    assert _field(contact, "Case number")["fill_rate"] == 0.0
    blob = json.dumps(d)
    assert not [w for w in truth["words"] if w in blob]
    assert "case-" not in blob  # no completion's file name


def test_nothing_is_cached(corpus, tmp_path):
    root, _ = corpus
    cache = tmp_path / "cache"
    code, out = _run(
        ["usage", str(root / "filled"), "--templates", str(root / "templates")],
        env={"FORMAUDIT_CACHE_DIR": str(cache)},
    )
    assert code == 0, out
    assert not cache.exists() or not any(p.is_file() for p in cache.rglob("*"))


def test_observed_lengths_change_the_estimate(corpus, tmp_path):
    from formaudit.readers import read_form
    from formaudit.ruledata import load
    from formaudit.timing import TimeModel, estimate_form
    from formaudit.usage import write_rules

    root, truth = corpus
    res = analyse([root / "filled"], [root / "templates"])
    write_rules(res, tmp_path / "r")
    load.cache_clear()
    form = read_form(root / "templates" / "support.pdf")
    before = estimate_form(form)
    model = TimeModel.load(str(tmp_path / "r"))
    after = estimate_form(form, model=model)
    (fid,) = [f.id for f in form.fields if f.kind == "long_text"]
    med = truth["support"]["median_words"]["Describe the support the family needs"]
    compose = after.fields[fid].ops["compose"]
    # the observed median, composed at long_text.compose_wpm
    assert compose.expected == pytest.approx(med * 60 / model.compose_wpm[1], rel=0.1)
    assert f"observed in {N_PDF} completions" in compose.detail
    assert after.fields[fid].expected != before.fields[fid].expected
    assert model.calibration_label.endswith(f"answer lengths observed in {N_DOCX + N_PDF} completions")


def test_unreadable_file_is_one_line_and_the_rest_is_analysed(corpus, tmp_path):
    import shutil

    root, _ = corpus
    filled = tmp_path / "filled"
    shutil.copytree(root / "filled", filled)
    (filled / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    r = subprocess.run(
        [sys.executable, "-m", "formaudit", "usage", str(filled), "--templates", str(root / "templates")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "broken.docx" in r.stderr
    assert "Traceback" not in r.stderr
    assert f"{N_DOCX + N_PDF} completions matched" in r.stdout


def test_usage_takes_under_twice_the_time_scan_takes(corpus):
    """Reading each completion once for its structure plus once for its answers: within 2× of scan."""
    from formaudit import api

    root, _ = corpus
    files = api.discover([root / "filled"])
    t0 = time.perf_counter()
    api.scan([root / "filled"], files=files)
    scan_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    analyse([root / "filled"], [root / "templates"])
    usage_s = time.perf_counter() - t0
    if os.environ.get("CI_SLOW_MACHINE"):
        pytest.skip("timing is not measured on this machine")
    assert usage_s < 2 * scan_s + 0.5, (usage_s, scan_s)


# ------------------------------------------------------------------------------ answer places, one by one


def _yes_no_form(path, yes: bool | None, glyphs: str, worker: str | None, legacy_text: str | None):
    from tests import docxbuild as d

    def box(name, on):
        return ub._ff_check(name, on) if on is not None else d.ff_check(name)

    d.make_docx(
        path,
        d.p("Details", style="Heading1"),
        d.tbl(
            d.tr(
                d.tc("Interpreter required?"),
                d.tc(d.p(box("c1", yes), " Yes ", box("c2", None if yes is None else not yes), " No")),
            ),
            d.tr(d.tc("Any allergies?"), d.tc(glyphs)),
        ),
        d.p("Worker: ", ub._filled_text(worker)),
        d.p("Referrer: ", ub._ff_text("Ref", legacy_text)),
    )


def test_answer_places_in_word(tmp_path):
    from formaudit.readers import read_form
    from formaudit.usage.answers import answers

    blank = tmp_path / "blank.docx"
    _yes_no_form(blank, None, "Yes ☐ No ☐", None, None)
    t = read_form(blank)
    ids = {f.label: f.id for f in t.fields}
    assert answers(blank, t) == dict.fromkeys(ids.values(), "")  # every place found, none answered
    one = tmp_path / "one.docx"
    _yes_no_form(one, True, "Yes ☒ No ☐", "zqbax zqbex", "zqbix")
    got = {lab: answers(one, t)[fid] for lab, fid in ids.items()}
    assert got == {
        "Interpreter required?": "Yes",
        "Any allergies?": "Yes",
        "Worker": "zqbax zqbex",
        "Referrer": "zqbix",
    }
    two = tmp_path / "two.docx"
    _yes_no_form(two, False, "☐ Yes ☑ No", None, None)
    got = {lab: answers(two, t)[fid] for lab, fid in ids.items()}
    assert got["Interpreter required?"] == "No" and got["Any allergies?"] == "No"
    assert got["Worker"] == "" and got["Referrer"] == ""  # placeholder and default result: not answers


def test_generic_answers_count_for_no_pair():
    """ "n/a" typed into many fields of a completion is not evidence that any two of them are duplicates."""
    from formaudit.model import Field, Form, Section
    from formaudit.usage import MAX_SHARED_FIELDS, _Run, _Template, signature

    fields = [Field(id=f"f{i}", label=f"Question {i}") for i in range(MAX_SHARED_FIELDS + 2)]
    form = Form(source="t", format="model", sections=[Section(title="A", fields=fields)])
    t = _Template(form=form, source="t", sig=signature(form), observable={f.id for f in fields})
    run = _Run()
    for _ in range(10):
        run.add(t, dict.fromkeys((f.id for f in fields), "N/A"))
        run.add(t, {"f0": "zqcax", "f1": "zqcax."})  # normalised: the same answer
    assert dict(t.same) == {("f0", "f1"): 10}


def test_write_rules_never_overwrites_without_force(corpus, tmp_path):
    root, _ = corpus
    out = tmp_path / "r"
    out.mkdir()
    (out / "answers.yaml").write_text("answers: {templates: []}\n", encoding="utf-8")
    code, text = _run(["usage", str(root / "filled"), "--write-rules", str(out)])
    assert code == 2 and "already exists" in text
    assert (out / "answers.yaml").read_text(encoding="utf-8") == "answers: {templates: []}\n"


def test_a_text_box_is_read_once(tmp_path):
    """Word stores a text box twice (DrawingML and its VML fallback): its answer places count once."""
    from formaudit.usage.answers import docx_slots
    from tests import docxbuild as d

    path = tmp_path / "box.docx"
    d.make_docx(path, d.p(d.textbox(d.p("Worker: ", ub._filled_text("zqdax")))))
    slots = docx_slots(path)
    assert [s.value for s in slots] == ["zqdax"]
