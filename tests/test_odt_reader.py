"""The OpenDocument (.odt) reader: ODF flattened into the DOCX reader's blocks and read by its interpreter.

Small .odt files are written here as zips of raw ODF XML (``mimetype`` first and stored, ``content.xml``,
``styles.xml``, ``META-INF/manifest.xml``). Where LibreOffice (``soffice``) is installed, sample DOCX
forms are also converted to .odt and scored against their truth files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from formaudit import read_form
from formaudit.errors import FormError
from tests.scoring import Score, score_extraction

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_forms"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SECRET = "TYPED-ANSWER-5c1e"

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0" '
    'xmlns:field="urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0" '
    'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'office:version="1.3"'
)

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}>
 <office:styles>
  <style:default-style style:family="paragraph"><style:text-properties fo:font-size="11pt"/></style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
   <style:text-properties fo:font-size="24pt" fo:font-weight="bold"/></style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
   style:parent-style-name="Standard" style:default-outline-level="1">
   <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
   style:parent-style-name="Standard" style:default-outline-level="2">
   <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
 </office:styles>
 <office:automatic-styles/>
 <office:master-styles><style:master-page style:name="Standard"/></office:master-styles>
</office:document-styles>
"""

AUTO = """
 <style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Ital" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="T.A" style:family="table-column"><style:table-column-properties style:column-width="2.5in"/></style:style>
 <style:style style:name="T.B" style:family="table-column"><style:table-column-properties style:column-width="4in"/></style:style>
 <style:style style:name="T.H" style:family="table-cell"><style:table-cell-properties fo:background-color="#d9d9d9"/></style:style>
 <style:style style:name="T.W" style:family="table-cell"><style:table-cell-properties fo:background-color="#ffffff"/></style:style>
 <style:style style:name="T.R" style:family="table-row"><style:table-row-properties style:min-row-height="0.3in"/></style:style>
 <style:style style:name="T.Tall" style:family="table-row"><style:table-row-properties style:row-height="2in"/></style:style>
"""


def manifest(encrypted: bool = False) -> str:
    enc = (
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
        '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" '
        'manifest:salt="AAAA"/></manifest:encryption-data>'
        if encrypted
        else ""
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{enc}</manifest:file-entry>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def write_odt(
    path: Path,
    body: str,
    *,
    forms: str = "",
    encrypted: bool = False,
    content: bytes | None = None,
    styles: str = STYLES,
) -> Path:
    """An .odt holding ``body`` (ODF elements inside ``office:text``)."""
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS}>
 <office:automatic-styles>{AUTO}</office:automatic-styles>
 <office:body><office:text>{forms}{body}</office:text></office:body>
</office:document-content>
"""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")  # stored, first
        zf.writestr("content.xml", content if content is not None else xml)
        zf.writestr("styles.xml", styles)
        zf.writestr("META-INF/manifest.xml", manifest(encrypted))
    return path


def fields(form) -> dict[str, object]:
    return {f.label: f for f in form.fields}


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "formaudit", "extract", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )


TABLE_BODY = """
<text:p text:style-name="Title">Child in need review</text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Child's details</text:h>
<table:table table:name="T">
 <table:table-column table:style-name="T.A"/><table:table-column table:style-name="T.B"/>
 <table:table-row table:style-name="T.R">
  <table:table-cell table:style-name="T.H" table:number-columns-spanned="2">
   <text:p><text:span text:style-name="Bold">About the child</text:span></text:p></table:table-cell>
  <table:covered-table-cell/>
 </table:table-row>
 <table:table-row table:style-name="T.R">
  <table:table-cell table:style-name="T.W"><text:p>Child's name</text:p></table:table-cell>
  <table:table-cell table:style-name="T.W"><text:p/></table:table-cell>
 </table:table-row>
 <table:table-row table:style-name="T.R">
  <table:table-cell><text:p>Date of birth</text:p></table:table-cell>
  <table:table-cell><text:p/></table:table-cell>
 </table:table-row>
 <table:table-row table:style-name="T.Tall">
  <table:table-cell><text:p>What are the worries?</text:p></table:table-cell>
  <table:table-cell><text:p/></table:table-cell>
 </table:table-row>
</table:table>
"""


def test_heading_table_with_shaded_heading_row_and_answer_cells(tmp_path):
    form = read_form(write_odt(tmp_path / "t.odt", TABLE_BODY))
    assert form.format == "odt"
    assert form.title == "Child in need review"
    titles = [s.title for s in form.sections if s.title]
    assert titles == ["Child's details", "About the child"]
    got = fields(form)
    assert list(got) == ["Child's name", "Date of birth", "What are the worries?"]
    assert got["Child's name"].kind == "text"
    assert got["Date of birth"].kind == "date"
    assert got["What are the worries?"].kind == "long_text"  # a 2-inch row is a free-text box
    assert got["What are the worries?"].capacity["lines"] >= 3


def test_blocks_carry_styles_fills_spans_and_sizes(tmp_path):
    from formaudit.readers.docx.blocks import Para, Table
    from formaudit.readers.odt import _Flattener, _Styles
    from formaudit.safety import parse_xml

    p = write_odt(tmp_path / "t.odt", TABLE_BODY)
    with zipfile.ZipFile(p) as zf:
        content = parse_xml(zf.read("content.xml"))
        styles = parse_xml(zf.read("styles.xml"))
    st = _Styles(styles, content)
    body = content.find("{*}body/{*}text")
    blocks = _Flattener(st, {}).blocks(body)
    title, heading, table = blocks
    assert isinstance(title, Para) and title.is_title and title.size == 48  # 24 pt in half-points
    assert heading.style_level == 1 and heading.bold
    assert isinstance(table, Table) and table.ncols == 2
    head_row = table.rows[0]
    assert len(head_row.cells) == 1 and head_row.cells[0].span == 2  # the covered cell is skipped
    assert head_row.cells[0].fill == "D9D9D9" and head_row.cells[0].bold
    assert head_row.cells[0].width == 6.5 * 1440
    assert table.rows[1].cells[1].fill is None  # white is no fill
    assert table.rows[1].height == 432  # 0.3 in
    assert table.rows[3].height == 2880  # 2 in


def test_label_line_dropdown_checkbox_and_fields_never_keep_values(tmp_path):
    body = f"""
<text:h text:style-name="Heading_20_1" text:outline-level="1">School</text:h>
<text:p>Name of school: ____________</text:p>
<text:p>Year group: <text:drop-down text:name="yg"><text:label text:value="Choose an item."/>
 <text:label text:value="Year 7"/><text:label text:value="Year 8"/>
 <text:label text:value="Year 9" text:current-selected="true"/>{SECRET}</text:drop-down></text:p>
<text:p>Has an EHCP <draw:control draw:control="c1" text:anchor-type="as-char"/></text:p>
<text:p>Teacher: <text:text-input text:description="teacher">{SECRET}</text:text-input></text:p>
<text:p>Head teacher: <text:placeholder text:placeholder-type="text">&lt;name&gt;</text:placeholder></text:p>
<text:p>Start date: <field:fieldmark-start text:name="Text1" field:type="vnd.oasis.opendocument.field.FORMTEXT">
 <field:param field:name="Type" field:value="date"/></field:fieldmark-start><field:fieldmark-separator/>{SECRET}
 <field:fieldmark-end/></text:p>
<text:p>Reason <loext:content-control loext:dropdown="true"><loext:list-item loext:display-text="Choose an item."
 loext:value=""/><loext:list-item loext:display-text="Neglect" loext:value="N"/><loext:list-item
 loext:display-text="Abuse" loext:value="A"/><text:span>{SECRET}</text:span></loext:content-control></text:p>
"""
    forms = (
        '<office:forms><form:form form:name="F"><form:checkbox form:name="ehcp" form:id="c1" '
        f'form:current-state="checked" form:value="{SECRET}"/></form:form></office:forms>'
    )
    p = write_odt(tmp_path / "f.odt", body, forms=forms)
    form = read_form(p)
    got = fields(form)
    assert [s.title for s in form.sections if s.title] == ["School"]
    assert got["Name of school"].kind == "text"
    assert got["Year group"].kind == "choice"
    assert got["Year group"].options == ["Year 7", "Year 8", "Year 9"]
    assert got["Has an EHCP"].kind in ("checkbox", "yes_no")
    assert got["Teacher"].kind == "text"
    assert got["Head teacher"].kind == "text"
    assert got["Start date"].kind == "date"
    assert got["Reason"].kind == "choice" and got["Reason"].options == ["Neglect", "Abuse"]
    assert SECRET not in json.dumps(form.to_dict())
    proc = cli(p, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert SECRET not in proc.stdout


def test_lists_text_boxes_and_headers(tmp_path):
    body = """
<text:h text:style-name="Heading_20_1" text:outline-level="1">Plan</text:h>
<text:list><text:list-item><text:p>First step</text:p></text:list-item></text:list>
<text:p><draw:frame svg:height="1in"><draw:text-box><text:p>Worker's name: __________</text:p></draw:text-box>
</draw:frame></text:p>
"""
    header = (
        '<style:master-page style:name="Standard"><style:header><text:p>Child\'s name: ________</text:p>'
        "</style:header><style:header-first><text:p>Child's name: ________</text:p></style:header-first>"
        "<style:footer><text:p>Page <text:page-number>1</text:page-number></text:p></style:footer>"
        "</style:master-page>"
    )
    styles = STYLES.replace('<style:master-page style:name="Standard"/>', header)
    form = read_form(write_odt(tmp_path / "l.odt", body, styles=styles))
    got = fields(form)
    assert "Worker's name" in got  # inside a text box
    assert got["Child's name"].location == "page header/footer"
    assert sum(f.label == "Child's name" for f in form.fields) == 1  # the same header read once


def test_encrypted_odt_is_one_line_error(tmp_path):
    locked = write_odt(tmp_path / "locked.odt", "", encrypted=True, content=b"\x8f\x01 encrypted \x00")
    with pytest.raises(FormError, match="password-protected"):
        read_form(locked)
    proc = cli(locked)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "password-protected (encrypted) OpenDocument file — remove the password and save again" in lines[0]


def test_bad_odt_inputs_are_refused_cleanly(tmp_path):
    notzip = tmp_path / "notzip.odt"
    notzip.write_text("hello")
    sheet = write_odt(tmp_path / "sheet.odt", "<text:p>x</text:p>")
    with zipfile.ZipFile(sheet) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["mimetype"] = b"application/vnd.oasis.opendocument.spreadsheet"
    with zipfile.ZipFile(sheet, "w") as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    nocontent = tmp_path / "nocontent.odt"
    with zipfile.ZipFile(nocontent, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    dtd = write_odt(
        tmp_path / "dtd.odt",
        "",
        content=b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>',
    )
    for path, reason in (
        (notzip, "not a zip archive"),
        (sheet, "not an OpenDocument text document"),
        (nocontent, "no content.xml"),
        (dtd, "declares a DTD"),
    ):
        with pytest.raises(FormError, match=reason):
            read_form(path)
        proc = cli(path)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_sample_forms_converted_to_odt_read_as_accurately(tmp_path):
    names = [
        "child-protection-plan_D",
        "child-in-need-plan_C",
        "pathway-plan_G",
        "multi-agency-referral_A",
        # older-Word table forms (Wingdings w:sym boxes, unmerged Google Docs heading rows) and per-child grids
        "private-fostering-notification_H",
        "family-support-request_I",
        "household-composition_K",
    ]
    docx = [SAMPLES / f"{n}.docx" for n in names if (SAMPLES / f"{n}.docx").exists()]
    assert docx
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path / "odt"),
            *map(str, docx),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    total = Score()
    for src in docx:
        out = tmp_path / "odt" / f"{src.stem}.odt"
        assert out.exists(), f"LibreOffice did not write {out.name}"
        truth = json.loads((SAMPLES / "truth" / f"{src.name}.json").read_text(encoding="utf-8"))
        total = total + score_extraction(read_form(out).to_dict(), truth)
    assert total.fields_f1 >= 0.95, total.summary()
    assert total.sections_f1 >= 0.95, total.summary()
    assert total.kind_acc >= 0.90, total.summary()


@pytest.mark.parametrize("char,font", [("\uf071", "Wingdings"), ("☐", None), ("\u2022", None)])
def test_list_bullets_drawn_as_tick_boxes_are_options(tmp_path, char, font):
    """A list style whose bullet is an empty box (Wingdings "q" as LibreOffice keeps it from Word, or ☐) makes
    each item a tick-box option; an ordinary bullet does not."""
    props = f'<style:text-properties fo:font-family="{font}"/>' if font else ""
    list_style = (
        '<text:list-style style:name="Boxes"><text:list-level-style-bullet text:level="1" '
        f'text:bullet-char="{char}">{props}</text:list-level-style-bullet></text:list-style>'
    )
    styles = STYLES.replace(" </office:styles>", f"  {list_style}\n </office:styles>")
    body = (
        '<text:h text:outline-level="1">Support</text:h><text:p>Which services does the family use?</text:p>'
        '<text:list text:style-name="Boxes">'
        + "".join(f"<text:list-item><text:p>{o}</text:p></text:list-item>" for o in ("Nursery", "Food bank"))
        + "</text:list>"
    )
    form = read_form(write_odt(tmp_path / "f.odt", body, styles=styles))
    options = [f.options for f in form.fields]
    if char == "\u2022":
        assert options != [["Nursery", "Food bank"]]
    else:
        assert [(f.label, f.options) for f in form.fields] == [
            ("Which services does the family use?", ["Nursery", "Food bank"])
        ]


def test_placeholder_prompt_left_as_plain_text_is_an_answer_slot(tmp_path):
    body = (
        '<text:h text:outline-level="1">Child</text:h>'
        "<text:p>Child's name: Click or tap here to enter text.</text:p>"
        "<text:p>Date of birth: <text:span>Click or tap to enter a date.</text:span></text:p>"
    )
    form = read_form(write_odt(tmp_path / "f.odt", body))
    assert [(f.label, f.kind) for f in form.fields] == [("Child's name", "text"), ("Date of birth", "date")]


def test_ruled_lines_with_a_border_width_below_one_point(tmp_path):
    """LibreOffice writes Word's thin paragraph borders as "0.51pt solid #000000": a line to write on (only
    "none", "hidden" or a zero width draws nothing)."""
    auto = (
        '<style:style style:name="Rule" style:family="paragraph"><style:paragraph-properties '
        'fo:border-bottom="0.51pt solid #000000"/></style:style>'
        '<style:style style:name="NoRule" style:family="paragraph"><style:paragraph-properties '
        'fo:border-bottom="0pt solid #000000"/></style:style>'
    )
    body = (
        '<text:h text:style-name="Heading_20_1" text:outline-level="1">Plan</text:h>'
        "<text:p>What will change</text:p>"
        + '<text:p text:style-name="Rule"/>' * 4
        + "<text:p>Who will help</text:p>"
        + '<text:p text:style-name="NoRule"/>' * 4
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        f"<office:automatic-styles>{AUTO}{auto}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    form = read_form(write_odt(tmp_path / "r.odt", "", content=content.encode()))
    assert [(f.label, f.kind) for f in form.fields] == [("What will change", "long_text")]
