"""Issue 14: reports a lead can paste (HTML, Markdown, text) and a terminal experience like ruff's.

One test (or more) per point of the issue:
1. nothing cut at 120 columns (file names, "why:" sentences, compare's headline column and its numbers);
2. any terminal encoding (``PYTHONIOENCODING=cp1252 formaudit extract X.docx``);
3. Markdown: form headings with the file name, totals row, headline summary;
4. ``--matrix`` with text/markdown is a usage error, no empty Forms table before an error, Ctrl-C → 130,
   "1 form read";
5. JUnit: info findings below ``--fail-on`` are not failures; FA301's severity agrees in SARIF, README and
   ``formaudit rules FA301``;
6. ``--baseline`` does not change the forms table;
7. main ``--help``: whole descriptions, examples, .odt/.doc;
8. the README's pre-commit example has no placeholder URL.
Then the HTML report (parsed always; rendered in headless Chromium when installed), ``--statistics``,
``--quiet``, and the configuration (``--config``, ``--isolated``, ``per-file-ignores``, ``accept``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from formaudit.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_forms"
CHROMIUM = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and os.path.exists(p)), None
)
#: a file name longer than the old 120-column table could show
LONG = "core-assessment-record-with-a-very-long-council-file-name-for-testing-truncation_A.docx"


def invoke(*args, env=None, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False, **kw)


@pytest.fixture(scope="module")
def two_forms(tmp_path_factory):
    """Two forms, one with a very long file name, and a copy of a form under another name (same title)."""
    d = tmp_path_factory.mktemp("forms")
    shutil.copy(SAMPLES / "child-and-family-assessment_B.docx", d / LONG)
    shutil.copy(SAMPLES / "case-note_A.docx", d / "case-note_A.docx")
    shutil.copy(SAMPLES / "child-in-need-plan_C.docx", d / "child-in-need-plan_C.docx")
    shutil.copy(SAMPLES / "child-in-need-plan_C.docx", d / "support-plan_Z.docx")
    return d


# ------------------------------------------------------------------------------------------ 1. truncation


def test_piped_text_never_cuts_file_names_or_sentences(two_forms):
    r = invoke("scan", two_forms, env={"COLUMNS": None})
    assert r.exit_code == 0, r.output
    assert LONG in r.output
    assert "…" not in r.output.split("\n\n")[1]  # the forms table: nothing elided
    data = json.loads(invoke("scan", two_forms, "--format", "json").output)
    lines = r.output.splitlines()
    for f in data["findings"]:
        if f["why"]:  # each "why:" sentence whole on one line
            assert any(line.strip() == f"why: {f['why']}" for line in lines), f["why"]
    for form in data["forms"]:  # every figure printed whole
        m = form["minutes"]
        assert f"{m['low']:.1f}–{m['expected']:.1f}–{m['high']:.1f}" in r.output


@pytest.mark.parametrize("columns", ["60", "200"])
def test_columns_is_honoured_and_still_nothing_is_cut(two_forms, columns):
    r = invoke("scan", two_forms, env={"COLUMNS": columns})
    assert LONG in r.output
    data = json.loads(invoke("scan", two_forms, "--format", "json").output)
    for form in data["forms"]:
        m = form["minutes"]
        assert f"{m['low']:.1f}–{m['expected']:.1f}–{m['high']:.1f}" in r.output
    if columns == "200":  # wide enough: the lines are laid out within it
        assert max(len(x) for x in r.output.splitlines()) <= 200
    else:  # narrow: prose wraps to the width; only the table (which must not cut) may be wider
        prose = [x for x in r.output.splitlines() if x.startswith("        why:")]
        assert prose and all(len(x) <= 60 for x in prose)


def test_compare_text_headline_column_and_numbers_whole(tmp_path):
    before = SAMPLES / "initial-cp-conference-report_A.docx"
    after = tmp_path / "initial-cp-conference-report_A.docx"
    assert invoke("streamline", before, "-o", after).exit_code == 0
    text = invoke("compare", before, after, env={"COLUMNS": None}).output
    assert "Hours saved" in text and "/worker/ye" not in text
    res = json.loads(invoke("compare", before, after, "--format", "json").output)
    sv = res["pairs"][0]["savings"]
    assert f"{sv['per_worker_per_month']:.2f}" in text
    hrs = sv["hours_saved_per_worker_per_year"]
    assert re.search(rf"\b{hrs['expected']:.1f}\b", text)


# ------------------------------------------------------------------------------------------ 2. encoding


@pytest.mark.parametrize("command", ["rules", "config"])
def test_every_command_prints_on_a_cp1252_terminal(command):
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    r = subprocess.run([sys.executable, "-m", "formaudit", command], capture_output=True, env=env)
    assert r.returncode == 0 and b"Traceback" not in r.stderr
    r.stdout.decode("cp1252")


@pytest.mark.parametrize("command", ["extract", "scan"])
def test_cp1252_terminal_gets_ascii_boxes_not_a_traceback(command):
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    r = subprocess.run(
        [sys.executable, "-m", "formaudit", command, str(SAMPLES / "case-note_A.docx")],
        capture_output=True,
        env=env,
    )
    assert r.returncode == 0, r.stderr.decode("cp1252", "replace")
    assert b"Traceback" not in r.stderr
    out = r.stdout.decode("cp1252")  # what a Windows console shows
    assert "Case Note" in out
    if command == "extract":
        assert "+-- " in out or "|-- " in out or "`-- " in out  # the tree, in ASCII
    else:
        assert "---" in out  # the table rule, in ASCII


def test_encodable_keeps_what_the_encoding_can_write():
    from formaudit.terminal import encodable

    assert encodable("├── Child’s name – 5 min", "utf-8") == "├── Child’s name – 5 min"
    assert encodable("├── Child’s name – 5 min ✓", "cp1252") == "+-- Child’s name – 5 min v"
    assert encodable("━━ ☐ 日本", "ascii") == "-- [ ] ??"


# ------------------------------------------------------------------------------------------ 3. Markdown


def test_markdown_headings_totals_and_headline(two_forms):
    md = invoke("scan", two_forms, "--format", "markdown").output
    headings = [x for x in md.splitlines() if x.startswith("## ")]
    assert len(headings) == len(set(headings))  # two forms titled "Child in Need Plan" stay apart
    assert "## Child in Need Plan (child-in-need-plan_C.docx)" in md
    assert "## Child in Need Plan (support-plan_Z.docx)" in md
    data = json.loads(invoke("scan", two_forms, "--format", "json").output)
    # support-plan_Z.docx is a byte copy of child-in-need-plan_C.docx: one form, counted once in the totals
    total_fields = sum(
        f["field_count"] for f in data["forms"] if not f["source"].endswith("support-plan_Z.docx")
    )
    total_row = next(x for x in md.splitlines() if x.startswith("| **Total**"))
    assert f"**{total_fields}**" in total_row and "3 forms (4 files)" in total_row
    assert "## Headline" in md
    assert "distinct form" in md and "asked more than once" in md and "Minutes per completion" in md
    costliest = sorted((f["minutes"] for f in data["findings"]), reverse=True)[:5]
    listed = re.findall(r"^1\. \*\*([\d.]+) min\*\*", md, flags=re.M)
    expected = [m for m in costliest if m > 0]  # (the JSON rounds minutes to 2 places)
    assert len(listed) == len(expected)
    assert all(abs(float(a) - b) <= 0.051 for a, b in zip(listed, expected, strict=True))


def test_headline_counts_renderings_once_and_distinct_items():
    from formaudit.api import scan
    from formaudit.reporters.headline import headline

    rep = scan([SAMPLES / "child-in-need-plan_C.docx", SAMPLES / "child-in-need-plan_E.pdf"])
    h = headline(rep)
    assert h["files"] == 2 and h["forms"] == 1  # a Word form and its PDF rendering
    mins = [rep.minutes[f.source]["expected"] for f in rep.forms]
    assert h["minutes"]["expected"] == pytest.approx(sum(mins) / 2)
    keys = {
        (f.data.get("subject"), f.data.get("concept"))
        for f in rep.findings
        if f.code in ("FA101", "FA102") and f.data.get("concept")
    }
    assert h["reasked_items"] >= len(keys)


def test_totals_row_counts_renderings_once():
    from formaudit.api import scan
    from formaudit.reporters.headline import form_totals, headline

    word, pdf, other = (
        SAMPLES / "child-in-need-plan_C.docx",
        SAMPLES / "child-in-need-plan_E.pdf",
        SAMPLES / "case-note_A.docx",
    )
    both = scan([word, pdf, other])
    one = scan([word, other])
    tot, tot1 = form_totals(both), form_totals(one)
    assert (tot["files"], tot["forms"]) == (3, 2)
    assert tot["field_count"] == tot1["field_count"]  # the two renderings read the same fields
    assert tot["minutes"]["expected"] == pytest.approx(headline(both)["minutes"]["expected"])
    md = invoke("scan", word, pdf, other, "--format", "markdown", "--no-cache").output
    assert "| **Total** | 2 forms (3 files) |" in md


def test_costliest_findings_name_one_rendering_of_a_form():
    from formaudit.api import scan
    from formaudit.reporters.headline import headline

    rep = scan([SAMPLES / "multi-agency-referral_A.docx", SAMPLES / "multi-agency-referral_E.pdf"])
    assert any(
        f.source.endswith("_E.pdf") and f.minutes > 0 for f in rep.findings
    )  # both renderings have findings
    listed = headline(rep)["costliest"]
    assert listed and all(f.source.endswith("_A.docx") for f in listed)


# ------------------------------------------------------------------------------------------ 4. usage


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_matrix_with_text_or_markdown_is_a_usage_error(fmt):
    r = invoke("scan", SAMPLES / "case-note_A.docx", "--format", fmt, "--matrix")
    assert r.exit_code == 2
    assert "--matrix needs --format csv" in r.output


def test_missing_path_prints_no_empty_forms_table(tmp_path):
    r = CliRunner().invoke(cli, ["scan", str(tmp_path / "nothere.docx")])
    assert r.exit_code == 2
    assert "Forms" not in r.stdout
    assert "nothere.docx" in r.stderr


def test_one_form_read_grammar():
    r = invoke("scan", SAMPLES / "case-note_A.docx")
    assert "1 form read" in r.output and "1 forms" not in r.output


@pytest.mark.parametrize("command", ["scan", "check"])
def test_ctrl_c_exits_130_without_a_traceback(monkeypatch, command):
    import formaudit.api

    def interrupted(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(formaudit.api, "read_all", interrupted)
    r = CliRunner().invoke(cli, [command, str(SAMPLES / "case-note_A.docx"), "--no-cache"])
    assert r.exit_code == 130
    assert "interrupted" in r.stderr and "Traceback" not in r.output and "Aborted" not in r.output


# ------------------------------------------------------------------------------------------ 5. JUnit, FA301


def test_junit_info_below_fail_on_is_not_a_failure(tmp_path):
    out = tmp_path / "j.xml"
    args = ["check", SAMPLES / "case-note_A.docx", "--library", SAMPLES, "--format", "junit", "-o", out]
    invoke(*args, "--exit-zero", "--isolated")
    root = ET.parse(out).getroot()
    cases = root.findall(".//testcase")
    info = [c for c in cases if c.find("failure") is None and c.find("system-out") is not None]
    assert info, "the library makes FA102 (info) findings"
    assert all("below --fail-on" in c.find("system-out").text for c in info)
    assert root.get("failures") == str(sum(1 for c in cases if c.find("failure") is not None))
    invoke(*args, "--force", "--isolated", "--fail-on", "info")
    root = ET.parse(out).getroot()
    assert all(
        c.find("failure") is not None for c in root.findall(".//testcase") if c.get("classname") == "FA102"
    )


def test_fa301_severity_agrees_in_sarif_readme_and_rules(tmp_path):
    from formaudit.checks import by_code

    sev = by_code()["FA301"].default_severity
    level = {"error": "error", "warning": "warning", "info": "note"}[sev]
    out = tmp_path / "o.sarif"
    invoke(
        "check",
        SAMPLES / "case-note_A.docx",
        "--max-minutes",
        "1",
        "--format",
        "sarif",
        "-o",
        out,
        "--isolated",
    )
    run = json.loads(out.read_text())["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "FA301")
    assert rule["defaultConfiguration"]["level"] == level
    assert [r["level"] for r in run["results"] if r["ruleId"] == "FA301"] == [level]
    readme = (ROOT / "README.md").read_text()
    assert re.search(rf"^\| FA301 \| completion-time \| {sev} \|", readme, flags=re.M)
    assert f"default severity: {sev}" in invoke("rules", "FA301").output


# ------------------------------------------------------------------------------------------ 6. baseline


def test_baseline_does_not_change_the_forms_table(tmp_path):
    form = SAMPLES / "child-and-family-assessment_B.docx"
    base = tmp_path / "b.json"
    plain = json.loads(invoke("check", form, "--format", "json", "--exit-zero", "--isolated").output)
    invoke("check", form, "--baseline", base, "--update-baseline", "--isolated")
    r = invoke("check", form, "--baseline", base, "--format", "json", "--isolated")
    based = json.loads(r.output)
    assert based["findings"] == [] and plain["findings"]
    assert based["forms"] == plain["forms"]
    assert plain["forms"][0]["duplicate_groups"] > 0


# ------------------------------------------------------------------------------------------ 7. --help


def test_main_help_whole_descriptions_examples_and_formats():
    text = invoke("--help").output
    assert "…" not in text and "..." not in text.split("Commands:")[1]
    assert "Examples:" in text and "formaudit scan forms/ --format html -o report.html" in text
    assert ".odt" in text and ".doc" in text
    assert "then prints a summary" not in text  # one sentence per command, not the whole docstring
    for name in ("cache", "check", "compare", "config", "extract", "rules", "scan", "streamline"):
        assert re.search(rf"^  {name}\s+\S", text, flags=re.M)


# ------------------------------------------------------------------------------------------ 8. pre-commit


def test_readme_pre_commit_example_has_no_placeholder_url():
    readme = (ROOT / "README.md").read_text()
    part = readme[readme.index("### pre-commit") : readme.index("### Adopting")]
    assert "<" not in part.split("```yaml")[1].split("```")[0]
    config = yaml.safe_load(part.split("```yaml")[1].split("```")[0])
    repo = config["repos"][0]
    assert repo["repo"] == "local"
    hooks = {h["id"]: h for h in repo["hooks"]}
    shipped = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == set(shipped)
    for hid, h in hooks.items():  # the same command and files as the hooks this repository publishes
        assert h["entry"] == shipped[hid]["entry"] and h["files"] == shipped[hid]["files"]


# ------------------------------------------------------------------------------------------ statistics, quiet


def test_statistics_counts_and_minutes_per_code(two_forms):
    data = json.loads(invoke("scan", two_forms, "--format", "json").output)
    text = invoke("scan", two_forms, "--statistics").output
    codes = {f["code"] for f in data["findings"]}
    for code in codes:
        n = sum(1 for f in data["findings"] if f["code"] == code)
        mins = sum(f["minutes"] for f in data["findings"] if f["code"] == code)
        m = re.search(rf"^\s*{n}  {code}  [a-z-]+  ([\d.]+) min$", text, flags=re.M)
        assert m, code
        assert abs(float(m.group(1)) - mins) <= 0.05 + 0.005 * n  # (the JSON rounds minutes to 2 places)
    assert "Forms" not in text
    md = invoke("scan", two_forms, "--statistics", "--format", "markdown").output
    assert "| Count | Code | Check | Minutes |" in md
    r = invoke("scan", two_forms, "--statistics", "--format", "json")
    assert r.exit_code == 2


def test_quiet_prints_findings_only(two_forms):
    data = json.loads(invoke("scan", two_forms, "--format", "json").output)
    text = invoke("scan", two_forms, "--quiet").output
    lines = [x for x in text.splitlines() if x.strip()]
    assert len(lines) == len(data["findings"])
    assert "Forms" not in text and "Headline" not in text and "forms read" not in text


def test_no_progress_is_accepted():
    assert invoke("scan", SAMPLES / "case-note_A.docx", "--no-progress").exit_code == 0


# ------------------------------------------------------------------------------------------ HTML


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def html_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "report.html"
    r = invoke("scan", SAMPLES, "--format", "html", "-o", out)
    assert r.exit_code == 0, r.output
    data = json.loads(invoke("scan", SAMPLES, "--format", "json", "--explain").output)
    return out, data


def test_html_is_self_contained_and_complete(html_report):
    path, data = html_report
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    for _, attrs in page.tags:  # no external asset of any kind
        for k in ("src", "href"):
            assert not attrs.get(k), attrs
    text = " ".join(page.text)
    assert "@media print" in text  # print CSS
    # headline
    from formaudit.api import scan
    from formaudit.reporters.headline import headline

    h = headline(scan([SAMPLES]))
    assert f"{h['forms']}" in text and "distinct forms" in text
    assert "distinct items asked more than once" in text and "hours a year per social worker" in text
    # every form, and one bar per section with minutes
    bars = [a for t, a in page.tags if t == "rect" and a.get("class") == "bar"]
    section_rows = [r for rows in data["explain"].values() for r in rows if r["by"] == "section"]
    assert len(bars) >= len([r for r in section_rows if r["name"] != "(form title)"])
    for form in data["forms"]:
        assert os.path.basename(form["source"]) in text
    # findings with their locations: every costed finding's first place is listed
    for f in data["findings"]:
        if f["minutes"] >= 0.05 and f["fields"]:
            assert f["fields"][0]["label"] in text
    # heat map: one cell per form for each shown item, counts from the matrix
    heat_cells = [a for t, a in page.tags if t == "td" and a.get("class") == "c"]
    assert heat_cells and len(heat_cells) % len(data["matrix"]["forms"]) == 0


def test_html_escapes_labels(tmp_path):
    from formaudit.api import Report
    from formaudit.model import Field, Form, Section
    from formaudit.reporters import render

    form = Form(source="x<script>.docx", title="<b>T</b>", format="docx")
    form.sections = [
        Section(id="s1", title="A & <i>B</i>\u202e", fields=[Field(id="f1", label="<img src=x>")])
    ]
    html = render("scan", "html", Report(forms=[form], minutes={}, explain={}))
    assert "<script>" not in html.split("<style>")[0] + html.split("</style>")[1]
    assert "<b>T</b>" not in html and "&lt;b&gt;T&lt;/b&gt;" in html
    assert "\u202e" not in html


def _png_size_and_colours(data: bytes) -> tuple[int, int, int]:
    """Width, height and number of distinct colours of a PNG (Pillow when installed, else a tiny reader)."""
    try:
        import io

        from PIL import Image

        im = Image.open(io.BytesIO(data)).convert("RGB")
        return im.width, im.height, len(im.getcolors(1 << 24) or [])
    except ImportError:
        import struct
        import zlib

        w, h = struct.unpack(">II", data[16:24])
        depth, ctype = data[24], data[25]
        idat, pos = b"", 8
        while pos < len(data):
            n = struct.unpack(">I", data[pos : pos + 4])[0]
            if data[pos + 4 : pos + 8] == b"IDAT":
                idat += data[pos + 8 : pos + 8 + n]
            pos += 12 + n
        raw = zlib.decompress(idat)
        bpp = {2: 3, 6: 4}.get(ctype, 1) * depth // 8
        # distinct byte patterns in the filtered rows approximate colour variety
        colours = {raw[i : i + bpp] for i in range(1, len(raw), bpp * 97)}
        return w, h, len(colours)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_html_renders_in_headless_chromium(html_report, tmp_path):
    path, data = html_report
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]
    base += [f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [*base, "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=180
    ).stdout
    assert "Form audit" in dom and "<svg" in dom and 'class="heat"' in dom
    for form in data["forms"]:
        assert os.path.basename(form["source"]) in dom
    shot = tmp_path / "shot.png"
    subprocess.run(
        [*base, "--window-size=1280,2000", f"--screenshot={shot}", path.as_uri()],
        capture_output=True,
        timeout=180,
        cwd=tmp_path,
    )
    w, h, colours = _png_size_and_colours(shot.read_bytes())
    assert (w, h) == (1280, 2000)
    assert colours > 20  # text, table rules, headline cards: not a blank page


# ------------------------------------------------------------------------------------------ configuration


@pytest.fixture()
def project(tmp_path):
    """A project folder: two forms under forms/ and a formaudit.toml beside them."""
    (tmp_path / "forms" / "legacy").mkdir(parents=True)
    shutil.copy(SAMPLES / "child-and-family-assessment_B.docx", tmp_path / "forms" / "assessment_B.docx")
    shutil.copy(SAMPLES / "child-in-need-plan_C.docx", tmp_path / "forms" / "legacy" / "plan_C.docx")
    return tmp_path


def check_json(project, *args):
    r = CliRunner().invoke(cli, ["check", "forms", "--format", "json", "--exit-zero", *map(str, args)])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_per_file_ignores_turn_codes_off_for_matching_files(project, monkeypatch):
    monkeypatch.chdir(project)
    before = check_json(project)
    (project / "formaudit.toml").write_text(
        '[per-file-ignores]\n"forms/legacy/*" = ["FA1"]\n"assessment_*" = ["FA201"]\n'
    )
    after = check_json(project)
    kept = {(os.path.basename(f["source"]), f["code"]) for f in after["findings"]}
    assert not any(name == "plan_C.docx" and code.startswith("FA1") for name, code in kept)
    assert not any(name == "assessment_B.docx" and code == "FA201" for name, code in kept)
    gone = [
        f
        for f in before["findings"]
        if (os.path.basename(f["source"]) == "plan_C.docx" and f["code"].startswith("FA1"))
        or (os.path.basename(f["source"]) == "assessment_B.docx" and f["code"] == "FA201")
    ]
    assert gone and len(after["findings"]) == len(before["findings"]) - len(gone)
    text = CliRunner().invoke(cli, ["check", "forms"]).output
    assert f"{len(gone)} turned off by per-file-ignores" in text


def test_accept_one_finding_by_fingerprint(project, monkeypatch):
    monkeypatch.chdir(project)
    findings = check_json(project)["findings"]
    target = next(f for f in findings if f["code"] == "FA101")
    fp = target["data"]["fingerprint"]
    text = CliRunner().invoke(cli, ["check", "forms"]).output
    assert fp[:16] in text  # the text report shows what to accept
    (project / "formaudit.toml").write_text(
        f'[[accept]]\nfingerprint = "{fp[:12]}"\nreason = "required by law"\n'
    )
    after = check_json(project)["findings"]
    assert [f["data"]["fingerprint"] for f in after] == [
        f["data"]["fingerprint"] for f in findings if f["data"]["fingerprint"] != fp
    ]
    assert "1 accepted in the configuration" in CliRunner().invoke(cli, ["check", "forms"]).output
    # a plain list works too; an entry that matches nothing is reported, not an error
    (project / "formaudit.toml").write_text(f'accept = ["{fp}", "0123456789abcdef"]\n')
    out = CliRunner().invoke(cli, ["check", "forms"]).output
    assert "1 accepted" in out and "1 accept entry matched nothing (0123456789ab)" in out


@pytest.mark.parametrize(
    "toml, message",
    [
        ('accept = ["abc"]\n', "at least 8 characters"),
        ('accept = [{fingerprint = "0123456789abcdef", why = "x"}]\n', "unknown key 'why'"),
        ('[per-file-ignores]\n"*.docx" = ["FA999"]\n', "unknown check code 'FA999'"),
        ('per-file-ignores = ["FA1"]\n', "'per-file-ignores' must be a table"),
    ],
)
def test_bad_configuration_is_one_line_exit_2(project, monkeypatch, toml, message):
    monkeypatch.chdir(project)
    (project / "formaudit.toml").write_text(toml)
    r = CliRunner().invoke(cli, ["check", "forms"])
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.output


def test_config_file_inline_overrides_and_isolated(project, monkeypatch):
    monkeypatch.chdir(project)
    (project / "formaudit.toml").write_text('fail-on = "info"\nignore = ["FA2"]\n')
    other = project / "ci.toml"
    other.write_text('fail-on = "error"\n')
    runner = CliRunner()

    def codes(*args):
        r = runner.invoke(cli, ["check", "forms", "--format", "json", *args])
        return r.exit_code, {f["code"] for f in json.loads(r.stdout)["findings"]}

    rc, found = codes()
    assert rc == 1 and not any(c.startswith("FA2") for c in found)  # the file found upward
    rc, found = codes("--config", str(other))  # another file instead: fail-on error, FA2 back
    assert rc == 0 and any(c.startswith("FA2") for c in found)
    rc, found = codes("--config", 'fail-on = "error"')  # the found file, one key overridden
    assert rc == 0 and not any(c.startswith("FA2") for c in found)
    rc, found = codes("--isolated")  # no file at all: defaults
    assert rc == 1 and any(c.startswith("FA2") for c in found)
    r = runner.invoke(cli, ["config", "--isolated", "--format", "json"])
    assert json.loads(r.stdout)["values"]["fail-on"] == {"value": "warning", "source": "default"}
    r = runner.invoke(cli, ["check", "forms", "--config", "a.toml", "--config", "b.toml"])
    assert r.exit_code == 2


def test_config_toml_view_round_trips_new_keys(project, monkeypatch):
    import tomllib

    monkeypatch.chdir(project)
    (project / "formaudit.toml").write_text(
        '[per-file-ignores]\n"forms/legacy/*" = ["FA1"]\n[[accept]]\nfingerprint = "0123456789abcdef"\nreason = "r"\n'
    )
    out = CliRunner().invoke(cli, ["config", "--format", "toml"]).stdout
    table = tomllib.loads(out)["tool"]["formaudit"]
    assert table["per-file-ignores"] == {"forms/legacy/*": ["FA1"]}
    assert table["accept"] == [{"fingerprint": "0123456789abcdef", "reason": "r"}]


def _page_width(path: Path, tmp_path: Path, width: int = 1280) -> int:
    """The page's scrollWidth in headless Chromium at ``width`` px (read by a probe script added to a copy:
    the reports themselves have no script)."""
    probe = tmp_path / f"probe-{path.name}"
    script = '<script>document.body.setAttribute("data-sw", document.documentElement.scrollWidth)</script>'
    probe.write_text(
        path.read_text(encoding="utf-8").replace("</body>", script + "</body>"), encoding="utf-8"
    )
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile2'}",
            f"--window-size={width},900",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    ).stdout
    return int(re.search(r'data-sw="(\d+)"', dom).group(1))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_html_reports_fit_1280_pixels(html_report, tmp_path):
    path, _data = html_report
    assert _page_width(path, tmp_path) <= 1280
    # compare: a long file name in the forms table does not push it behind a scrollbar
    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    for form in ("child-and-family-assessment_B.docx", "multi-agency-referral_A.docx"):
        shutil.copy(SAMPLES / form, tmp_path / "before" / form)
        assert (
            invoke("streamline", tmp_path / "before" / form, "-o", tmp_path / "after" / form).exit_code == 0
        )
    for name in ("core-assessment-record-for-children-and-young-people_A.docx", "a" * 60 + "_B.docx"):
        for side in ("before", "after"):
            shutil.copy(tmp_path / side / "multi-agency-referral_A.docx", tmp_path / side / name)
    out = tmp_path / "cmp.html"
    assert (
        invoke("compare", tmp_path / "before", tmp_path / "after", "--format", "html", "-o", out).exit_code
        == 0
    )
    assert _page_width(out, tmp_path) <= 1280
