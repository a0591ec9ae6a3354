"""Build small .docx files from WordprocessingML fragments, for reader tests.

python-docx writes the package; the body is assembled from raw XML so that tests can use the
constructs python-docx has no API for (content controls, legacy form fields, text boxes, merged cells).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def run(text: str, bold: bool = False, italic: bool = False, size: int | None = None) -> str:
    rpr = ""
    if bold or italic or size:
        rpr = "<w:rPr>" + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        rpr += f'<w:sz w:val="{size}"/>' if size else ""
        rpr += "</w:rPr>"
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(
    *content: str,
    style: str | None = None,
    bold: bool = False,
    size: int | None = None,
    numbered: bool = False,
) -> str:
    """A paragraph; plain strings become runs, strings starting with '<' are inserted as XML."""
    ppr = ""
    if style or numbered:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if numbered else ""
        ppr += "</w:pPr>"
    body = "".join(c if c.startswith("<") else run(c, bold=bold, size=size) for c in content)
    return f"<w:p>{ppr}{body}</w:p>"


def tc(
    *content: str, span: int = 1, fill: str | None = None, vmerge: str | None = None, width: int = 4000
) -> str:
    """A table cell; content are paragraphs/tables XML or plain strings (one paragraph each)."""
    pr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    if fill:
        pr += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    inner = "".join(c if c.startswith("<") else p(c) for c in content) or "<w:p/>"
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{inner}</w:tc>"


def tr(*cells: str, height: int | None = None) -> str:
    pr = f'<w:trPr><w:trHeight w:val="{height}" w:hRule="atLeast"/></w:trPr>' if height else ""
    return f"<w:tr>{pr}{''.join(cells)}</w:tr>"


def tbl(*rows: str, cols: int = 2) -> str:
    grid = "".join('<w:gridCol w:w="4000"/>' for _ in range(cols))
    borders = (
        "<w:tblBorders>"
        + "".join(
            f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for b in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
    )
    return f"<w:tbl><w:tblPr>{borders}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


# ---- content controls
def _sdt(pr: str, content: str) -> str:
    return f"<w:sdt><w:sdtPr>{pr}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"


PLACEHOLDER = "Click or tap here to enter text."


def sdt_text(alias: str = "", rich: bool = False) -> str:
    pr = (f'<w:alias w:val="{alias}"/>' if alias else "") + ("<w:richText/>" if rich else "<w:text/>")
    return _sdt(pr + "<w:showingPlcHdr/>", run(PLACEHOLDER))


def sdt_date() -> str:
    return _sdt(
        '<w:date><w:dateFormat w:val="dd/MM/yyyy"/></w:date><w:showingPlcHdr/>',
        run("Click or tap to enter a date."),
    )


def sdt_dropdown(options: list[str], combo: bool = False) -> str:
    tag = "comboBox" if combo else "dropDownList"
    items = '<w:listItem w:displayText="Choose an item." w:value=""/>' + "".join(
        f'<w:listItem w:displayText="{escape(o)}" w:value="{escape(o)}"/>' for o in options
    )
    return _sdt(f"<w:{tag}>{items}</w:{tag}><w:showingPlcHdr/>", run("Choose an item."))


def sdt_checkbox() -> str:
    pr = (
        '<w14:checkbox><w14:checked w14:val="0"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox>'
    )
    return _sdt(pr, run("☐"))


def sdt_block(content_xml: str, kind: str = "text") -> str:
    """A block-level (paragraph/row/cell) content control wrapping other XML."""
    pr = {"text": "<w:text/>", "rich": "<w:richText/>", "none": ""}[kind]
    return _sdt(pr, content_xml)


# ---- legacy form fields
def _ff(ffdata: str, instr: str, result: str = "\u2002\u2002\u2002\u2002\u2002") -> str:
    out = f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData>{ffdata}</w:ffData></w:fldChar></w:r>'
    out += f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
    out += '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    if result:
        out += run(result)
    out += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    return out


def ff_text(name: str = "Text1", date: bool = False, result: str = "\u2002\u2002\u2002\u2002\u2002") -> str:
    ti = '<w:textInput><w:type w:val="date"/></w:textInput>' if date else "<w:textInput/>"
    return _ff(f'<w:name w:val="{name}"/><w:enabled/>{ti}', "FORMTEXT", result)


def ff_check(name: str = "Check1") -> str:
    return _ff(
        f'<w:name w:val="{name}"/><w:enabled/><w:checkBox><w:sizeAuto/><w:default w:val="0"/></w:checkBox>',
        "FORMCHECKBOX",
        "",
    )


def ff_drop(options: list[str], name: str = "Dropdown1") -> str:
    entries = "".join(f'<w:listEntry w:val="{escape(o)}"/>' for o in options)
    return _ff(f'<w:name w:val="{name}"/><w:enabled/><w:ddList>{entries}</w:ddList>', "FORMDROPDOWN", "")


# ---- text boxes
def textbox(*paras: str) -> str:
    """A DrawingML text box with its VML fallback copy (as Word writes it), inside a run."""
    inner = "".join(paras)
    choice = (
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    )
    fallback = f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    return f"<w:r><mc:AlternateContent>{choice}{fallback}</mc:AlternateContent></w:r>"


def make_docx(path, *blocks: str, header: list[str] | None = None, sections: int = 1) -> str:
    """Write a .docx whose body is ``blocks`` (XML strings); ``header`` paragraphs go in the page header."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.oxml import parse_xml

    d = docx.Document()
    body = d.element.body
    sect_pr = body.sectPr
    for b in blocks:
        frag = parse_xml(f"<w:body {NS}>{b}</w:body>")
        for child in list(frag):
            sect_pr.addprevious(child)
    for _ in range(sections - 1):
        d.add_section(WD_SECTION.NEW_PAGE)
    if header:
        hdr = d.sections[0].header
        hdr.is_linked_to_previous = False
        hel = hdr._element
        for child in list(hel):
            hel.remove(child)
        for b in header:
            frag = parse_xml(f"<w:body {NS}>{b}</w:body>")
            for child in list(frag):
                hel.append(child)
    d.save(str(path))
    return str(path)


def uline(text: str = "                    ") -> str:
    """An underlined run of spaces: a write-in line drawn by underlining, not by underscores."""
    return f'<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def p_leader(label: str, leader: str = "dot") -> str:
    """'Label' followed by a tab whose tab stop draws a dotted/underscore leader to the margin."""
    tabs = f'<w:tabs><w:tab w:val="right" w:leader="{leader}" w:pos="9000"/></w:tabs>'
    return f"<w:p><w:pPr>{tabs}</w:pPr>{run(label)}<w:r><w:tab/></w:r></w:p>"


def fld(instr: str, result: str | None = None) -> str:
    """A complex field (no form-field data): begin, instruction, optional separate + result, end."""
    out = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    out += f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
    if result is not None:
        out += '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run(result)
    return out + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def ruled(n: int = 1) -> str:
    """``n`` empty paragraphs drawn with a bottom border: lines to write on."""
    bdr = '<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="auto"/></w:pBdr></w:pPr>'
    return "".join(f"<w:p>{bdr}</w:p>" for _ in range(n))


def wingdings_box(char: str = "o") -> str:
    """A tick box typed as a Wingdings character (how many older templates draw ☐)."""
    return (
        '<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr>'
        f'<w:t xml:space="preserve">{char}</w:t></w:r>'
    )


def activex(name: str) -> str:
    """An ActiveX control as Word writes it in older forms (the binary part itself is not needed to read it)."""
    return (
        '<w:r><w:object><v:shape id="_x0000_i1025" style="width:150pt;height:18pt"/>'
        f'<w:control r:id="rId99" w:name="{name}" w:shapeid="_x0000_i1025" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></w:object></w:r>'
    )
