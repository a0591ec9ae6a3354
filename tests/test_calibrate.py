"""`formaudit calibrate`: fitting the free-text constants to timed completions, held-out accuracy,
refusals outside the published bounds, and the rules folder it writes."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from formaudit.cli.calibrate import calibrate as calibrate_cmd
from formaudit.readers import read_form
from formaudit.timing import TimeModel, estimate_form, explain

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_forms"


def _free_text_share(path: Path) -> float:
    """Share of a form's expected minutes spent composing and thinking (what calibration fits)."""
    rows = explain(estimate_form(read_form(path)))
    return sum(r["share"] for r in rows if r["by"] == "operator" and r["name"] in ("compose", "think"))


#: The ten sample forms whose minutes are most in free text: doubling their time is what the two fitted
#: constants can do (a form of closed questions cannot be made twice as slow by its free-text constants).
FORMS = sorted(
    sorted((p for p in SAMPLES.iterdir() if p.suffix in (".docx", ".pdf")), key=_free_text_share)[-10:]
)
#: observed = FACTOR × predicted: the model as shipped is uniformly too fast
FACTOR = 2.0


def _write_csv(path: Path, rows: list[tuple[str, float]], extra: dict[int, dict[str, str]] | None = None):
    cols = ["form", "minutes"] + sorted({k for d in (extra or {}).values() for k in d})
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for i, (form, minutes) in enumerate(rows):
            d = (extra or {}).get(i, {})
            w.writerow([form, f"{minutes:.3f}", *(d.get(c, "") for c in cols[2:])])


@pytest.fixture(scope="module")
def observed():
    """{path: observed minutes} = FACTOR × the uncalibrated expected minutes, for ten forms."""
    assert len(FORMS) == 10
    return {p: FACTOR * estimate_form(read_form(p)).minutes["expected"] for p in FORMS}


def test_held_out_forms_within_ten_percent(observed, tmp_path):
    train, held = FORMS[:7], FORMS[7:]
    csv_path = tmp_path / "timings.csv"
    _write_csv(csv_path, [(os.path.relpath(p, tmp_path), observed[p]) for p in train])
    out = tmp_path / "rules"
    r = CliRunner().invoke(calibrate_cmd, [str(csv_path), "-o", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.output)
    assert res["completions"] == 7 and res["mean_abs_error"]["before"] == pytest.approx(0.5, abs=1e-3)
    assert res["mean_abs_error"]["after"] < 0.1
    bounds = res["bounds"]
    assert bounds["compose_wpm"][0] <= res["fitted"]["compose_wpm"] <= bounds["compose_wpm"][1]
    # the rules folder works with --rules: held-out forms come within 10% of what was observed
    assert TimeModel.load(str(out)).calibration_label == "calibrated on 7 completions"
    for p in held:
        predicted = estimate_form(read_form(p), str(out)).minutes["expected"]
        assert abs(predicted / observed[p] - 1) < 0.10, (p.name, predicted, observed[p])
    # ranges stay ordered in the written constants (low time ≤ expected ≤ high time)
    m = TimeModel.load(str(out))
    assert m.compose_wpm[0] >= m.compose_wpm[1] >= m.compose_wpm[2] and m.think[0] <= m.think[1] <= m.think[2]


def test_leave_one_out_on_ten_forms(observed, tmp_path):
    csv_path = tmp_path / "t.csv"
    _write_csv(csv_path, [(str(p), m) for p, m in observed.items()])  # absolute paths are fine too
    r = CliRunner().invoke(calibrate_cmd, [str(csv_path), "-o", str(tmp_path / "r")])
    assert r.exit_code == 0, r.output
    assert "Calibrated on 10 completions of 10 forms" in r.output and "leave-one-out" in r.output
    res = json.loads(
        CliRunner()
        .invoke(calibrate_cmd, [str(csv_path), "-o", str(tmp_path / "r"), "--force", "--format", "json"])
        .output
    )
    for row in res["rows"]:
        assert abs(row["error_before"] + 0.5) < 1e-3  # observed written to 3 decimals
        assert abs(row["error_loo"]) < 0.10, row


def test_reports_say_calibrated_or_uncalibrated(observed, tmp_path):
    from formaudit.compare import compare_pair

    csv_path = tmp_path / "t.csv"
    _write_csv(csv_path, [(str(p), m) for p, m in list(observed.items())[:3]])
    assert CliRunner().invoke(calibrate_cmd, [str(csv_path), "-o", str(tmp_path / "r")]).exit_code == 0
    f = read_form(FORMS[0])
    assert compare_pair(f, f)["time_model"] == "uncalibrated"
    assert compare_pair(f, f, rules_dir=str(tmp_path / "r"))["time_model"] == "calibrated on 3 completions"


def test_timings_outside_the_bounds_are_refused(observed, tmp_path):
    rows = [(str(p), m) for p, m in list(observed.items())[:4]]
    rows.append((str(FORMS[4]), observed[FORMS[4]] * 50))  # 100 × the model: no constant within bounds
    rows.append((str(FORMS[5]), 0.2))  # faster than reading the form
    csv_path = tmp_path / "t.csv"
    _write_csv(csv_path, rows)
    r = CliRunner().invoke(calibrate_cmd, [str(csv_path), "-o", str(tmp_path / "r")])
    assert r.exit_code == 2
    refusals = [ln for ln in r.output.splitlines() if ln.startswith("formaudit: error:")]
    assert len(refusals) == 2 and all("outside what the time model can give" in x for x in refusals)
    assert "row 6" in refusals[0] and "row 7" in refusals[1]
    assert "Calibrated on 4 completions" in r.output  # the other rows are still used


def test_sections_column_limits_the_prediction(tmp_path):
    from formaudit.calibrate import parts_of

    f = read_form(SAMPLES / "child-and-family-assessment_B.docx")
    m = TimeModel.load()
    whole, _ = parts_of(f, m)
    titled = [s.title for s in f.sections if s.title]
    part, unknown = parts_of(f, m, [titled[0], "2"])
    assert not unknown and part.predict(19, 15) < whole.predict(19, 15)
    _, unknown = parts_of(f, m, ["No such section"])
    assert unknown == ["No such section"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("file,time\nx.docx,3\n", "form and minutes"),
        ("form,minutes\n", "usable timed completion"),
    ],
)
def test_bad_csv_is_one_line(tmp_path, content, message):
    p = tmp_path / "t.csv"
    p.write_text(content, encoding="utf-8")
    r = CliRunner().invoke(calibrate_cmd, [str(p), "-o", str(tmp_path / "r")])
    assert r.exit_code == 2 and message in r.output
    assert len(r.output.strip().splitlines()) == 1 and r.output.startswith("formaudit: error:")


def test_refuses_to_overwrite_without_force(observed, tmp_path):
    csv_path = tmp_path / "t.csv"
    _write_csv(csv_path, [(str(p), m) for p, m in list(observed.items())[:2]])
    out = tmp_path / "r"
    assert CliRunner().invoke(calibrate_cmd, [str(csv_path), "-o", str(out)]).exit_code == 0
    r = CliRunner().invoke(calibrate_cmd, [str(csv_path), "-o", str(out)])
    assert r.exit_code == 2 and "--force" in r.output


def test_time_model_doc_names_every_constant():
    """docs/time-model.md lists every constant of rules/time_model.yaml (as `group.key`)."""
    import yaml

    doc = (ROOT / "docs" / "time-model.md").read_text(encoding="utf-8")
    data = yaml.safe_load((ROOT / "rules" / "time_model.yaml").read_text(encoding="utf-8"))
    missing = [
        f"{group}.{key}"
        for group, body in data.items()
        if isinstance(body, dict)
        for key in body
        if f"{group}.{key}" not in doc
    ]
    assert not missing, missing
