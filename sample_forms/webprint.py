"""Web forms in the GOV.UK design-system idiom, printed to PDF by headless Chromium.

:func:`render_html` writes a form (``build.Form``: sections of ``Fld`` questions and ``Note`` text)
as one HTML page the way a council case-management front end shows it: a black header with the
service name, a BETA phase banner, a back link, a caption and page heading, then per section an
``h2`` and its questions — a label above each input box with grey hint text under the label,
radios (circles) and check boxes (squares) inside fieldsets whose legend is the question, dates as
three boxes captioned Day / Month / Year, text areas with a character-count hint, inset and warning
text, and "Save and continue" buttons. The CSS is written here (equivalent to govuk-frontend's
sizes and colours: 19 px text, 40 px inputs and option markers, #505a5f hints), not copied.

:func:`print_pdf` prints it with Chromium over the DevTools pipe (``--remote-debugging-pipe``) so the
browser's own header and footer (date and time, page title; URL and "1/3" page numbers) carry
fixed text, and pins the PDF's creation date: two builds give the same bytes.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINTED_AT = "01/04/2024, 09:00"  # the browser header's date and time (fixed for reproducible builds)
PDF_DATE = b"D:20240401090000"

CSS = """
@page { size: A4; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: Arial, "Liberation Sans", sans-serif; font-size: 19px; line-height: 1.32;
       color: #0b0c0c; }
.header { background: #0b0c0c; color: #fff; padding: 10px 15px; border-bottom: 10px solid #1d70b8; }
.header__logo { font-weight: 700; font-size: 24px; margin-right: 30px; }
.header__service { font-weight: 700; font-size: 19px; }
.width { margin: 0 15px; }
.phase { padding: 10px 0; border-bottom: 1px solid #b1b4b6; font-size: 16px; }
.tag { display: inline-block; background: #1d70b8; color: #fff; font-weight: 700; padding: 2px 8px;
       margin-right: 10px; text-transform: uppercase; letter-spacing: 1px; }
.back { display: inline-block; margin: 15px 0 0 0; font-size: 16px; padding-left: 14px; position: relative;
        text-decoration: underline; }
.back::before { content: ""; position: absolute; left: 3px; top: 6px; width: 6px; height: 6px;
                border: solid #0b0c0c; border-width: 2px 0 0 2px; transform: rotate(-45deg); }
.caption { color: #505a5f; font-size: 24px; margin: 30px 0 5px 0; display: block; }
h1 { font-size: 40px; font-weight: 700; margin: 0 0 30px 0; line-height: 1.1; }
h2 { font-size: 30px; font-weight: 700; margin: 40px 0 20px 0; line-height: 1.15; break-after: avoid; }
h3 { font-size: 24px; font-weight: 700; margin: 25px 0 15px 0; break-after: avoid; }
p { margin: 0 0 20px 0; }
.group { margin-bottom: 30px; break-inside: avoid; }
label.label, .legend { display: block; margin-bottom: 5px; }
.label--s { font-weight: 700; }
.legend { font-weight: 700; font-size: 24px; margin-bottom: 15px; padding: 0; }
.legend--s { font-size: 19px; margin-bottom: 10px; }
fieldset { border: 0; margin: 0; padding: 0; }
.hint { color: #505a5f; margin-bottom: 15px; }
.input { display: block; height: 40px; border: 2px solid #0b0c0c; padding: 5px; width: 100%; }
.w20 { width: 41ex; } .w10 { width: 23ex; } .w5 { width: 12ex; } .w3 { width: 8ex; }
.w2 { width: 5.4ex; } .w4 { width: 9ex; }
textarea.input { height: auto; min-height: 40px; resize: none; }
.count { color: #505a5f; margin-top: 5px; }
.date { display: flex; }
.date__item { margin-right: 20px; }
.date__item label { display: block; margin-bottom: 5px; }
.radios__item, .checks__item { position: relative; min-height: 40px; padding-left: 55px; margin-bottom: 10px;
                               break-inside: avoid; }
.radios--inline .radios__item { display: inline-block; margin-right: 20px; }
.radios__item::before, .checks__item::before { content: ""; position: absolute; left: 0; top: 0;
    width: 40px; height: 40px; border: 2px solid #0b0c0c; background: #fff; }
.radios__item::before { border-radius: 50%; }
.radios__item span, .checks__item span { display: inline-block; padding: 8px 15px 5px 0; }
.select { height: 40px; border: 2px solid #0b0c0c; padding: 5px; font-size: 19px; min-width: 23ex;
          background: #fff; margin: 0; }
.inset { border-left: 10px solid #b1b4b6; padding: 15px; margin: 20px 0 30px 0; }
.warning { position: relative; padding: 0 0 0 50px; margin-bottom: 30px; font-weight: 700; }
.warning::before { content: "!"; position: absolute; left: 0; top: -3px; width: 35px; height: 35px;
                   border-radius: 50%; background: #0b0c0c; color: #fff; font-size: 30px; line-height: 35px;
                   text-align: center; }
.button { display: inline-block; background: #00703c; color: #fff; padding: 8px 10px 7px; margin: 10px 15px 30px 0;
          box-shadow: 0 2px 0 #002d18; border: 2px solid transparent; }
.button--secondary { background: #f3f2f1; color: #0b0c0c; box-shadow: 0 2px 0 #929191; }
.footer { border-top: 1px solid #b1b4b6; background: #f3f2f1; padding: 25px 15px; font-size: 16px;
          margin-top: 30px; }
.footer a { margin-right: 20px; text-decoration: underline; }
"""


def find_chromium() -> str | None:
    for name in CHROMIUM_CANDIDATES:
        p = shutil.which(name)
        if p:
            return p
    return None


def _question(f, hints: dict, widths: dict, selects: frozenset = frozenset()) -> str:
    """One question in the design-system markup."""
    label = escape(f.label)
    hint = hints.get(f.label)
    hint_html = f'<div class="hint">{escape(hint)}</div>' if hint else ""
    fine = f.fine
    if fine == "choice" and f.label in selects:
        # a drop-down list showing its prompt, with the browser's arrow
        opts = "".join(f"<option>{escape(o)}</option>" for o in f.options)
        return (
            f'<div class="group"><label class="label">{label}</label>{hint_html}'
            f'<select class="select"><option>Choose an option</option>{opts}</select></div>'
        )
    if fine in ("yes_no", "choice", "multi_choice", "checkbox"):
        cls = "checks__item" if fine in ("multi_choice", "checkbox") else "radios__item"
        inline = " radios--inline" if fine == "yes_no" else ""
        items = "".join(f'<div class="{cls}"><span>{escape(o)}</span></div>' for o in f.options)
        return (
            f'<div class="group"><fieldset><legend class="legend legend--s">{label}</legend>{hint_html}'
            f'<div class="{cls.split("__")[0]}{inline}">{items}</div></fieldset></div>'
        )
    if fine == "date":
        parts = "".join(
            f'<div class="date__item"><label>{p}</label><div class="input {w}"></div></div>'
            for p, w in (("Day", "w2"), ("Month", "w2"), ("Year", "w4"))
        )
        return (
            f'<div class="group"><fieldset><legend class="legend legend--s">{label}</legend>{hint_html}'
            f'<div class="date">{parts}</div></fieldset></div>'
        )
    if fine == "long_text":
        rows = max(3, min(8, (f.words or 100) // 40))
        limit = (f.words or 100) * 6
        return (
            f'<div class="group"><label class="label">{label}</label>{hint_html}'
            f'<textarea class="input" rows="{rows}"></textarea>'
            f'<div class="count">You can enter up to {limit} characters</div></div>'
        )
    width = widths.get(f.label) or {"phone": "w20", "email": "", "number": "w5"}.get(fine, "")
    return (
        f'<div class="group"><label class="label">{label}</label>{hint_html}'
        f'<div class="input {width}"></div></div>'
    )


def render_html(
    form,
    service: str,
    council: str,
    caption: str,
    hints: dict,
    widths: dict,
    extras: dict,
    legend: str = "s",
    bold_labels: bool = False,
    selects: frozenset = frozenset(),
) -> str:
    """The page's HTML. ``extras`` maps a section title to furniture shown after it: ``inset``,
    ``warning`` (guidance text) and ``buttons`` (True: the section ends with the form's buttons).
    ``legend``: the fieldset legends' size, "s" (bold body size) or "m" (bold, larger);
    ``bold_labels``: input labels in bold (the design system's small label style); ``selects``:
    labels of choice questions shown as drop-down lists."""
    body = []
    for sec in form.sections:
        tag = "h2" if sec.level == 1 else "h3"
        body.append(f"<{tag}>{escape(sec.title)}</{tag}>")
        ex = extras.get(sec.title, {})
        if ex.get("inset"):
            body.append(f'<div class="inset">{escape(ex["inset"])}</div>')
        if ex.get("warning"):
            body.append(f'<div class="warning">{escape(ex["warning"])}</div>')
        for it in sec.items:
            if hasattr(it, "fine"):
                q = _question(it, hints, widths, selects)
                if legend == "m":
                    q = q.replace('class="legend legend--s"', 'class="legend"')
                if bold_labels:
                    q = q.replace('<label class="label">', '<label class="label label--s">')
                body.append(q)
            else:
                body.append(f"<p>{escape(it.text)}</p>")
        if ex.get("buttons"):
            body.append(
                '<div><span class="button">Save and continue</span>'
                '<span class="button button--secondary">Save and come back later</span></div>'
            )
    intro = "".join(f"<p>{escape(t)}</p>" for t in form.intro)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(form.title)} – '
        f"{escape(service)}</title><style>{CSS}</style></head><body>"
        f'<div class="header"><span class="header__logo">{escape(council)}</span>'
        f'<span class="header__service">{escape(service)}</span></div>'
        f'<div class="width"><div class="phase"><span class="tag">Beta</span>This is a new service – your '
        f"feedback will help us to improve it.</div>"
        f'<span class="back">Back</span>'
        f'<span class="caption">{escape(caption)}</span><h1>{escape(form.title)}</h1>{intro}'
        + "".join(body)
        + '</div><div class="footer"><a>Accessibility statement</a><a>Cookies</a><a>Privacy</a>'
        f"<span>© {escape(council)}</span></div></body></html>"
    )


# ---------------------------------------------------------------------------- Chromium over DevTools
class _Pipe:
    def __init__(self, proc, w, r):
        self.proc, self.w, self.r = proc, w, r
        self.buf = b""
        self.next_id = 0

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        while True:
            m = self.recv()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})

    def recv(self) -> dict:
        while b"\0" not in self.buf:
            chunk = os.read(self.r, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def wait_event(self, name: str, session: str) -> None:
        while True:
            m = self.recv()
            if m.get("method") == name and m.get("sessionId") == session:
                return


def _to_fds_3_and_4(read_fd: int, write_fd: int) -> None:
    """In the child: Chromium reads DevTools commands from fd 3 and writes replies to fd 4."""
    r, w = os.dup(read_fd), os.dup(write_fd)  # off 3 and 4 first, so neither overwrites the other
    os.dup2(r, 3)
    os.dup2(w, 4)


def print_pdf(html: str, pdf_path: Path, url: str, chromium: str, scale: float = 1.0) -> None:
    """Print ``html`` to ``pdf_path`` with the browser's header (date, title) and footer (``url``,
    page number / pages), as a user's "Print" from the case-management system produces."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "form.html"
        page.write_text(html, encoding="utf-8")
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        proc = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--remote-debugging-pipe",
                f"--user-data-dir={tmp}/profile",
                "about:blank",
            ],
            pass_fds=(3, 4),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=lambda: _to_fds_3_and_4(to_chrome_r, from_chrome_w),
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        pipe = _Pipe(proc, to_chrome_w, from_chrome_r)
        try:
            target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            pipe.send("Page.enable", session=session)
            pipe.send("Page.navigate", {"url": page.as_uri()}, session=session)
            pipe.wait_event("Page.loadEventFired", session)
            small = 'style="font-size:8px;font-family:Arial,sans-serif;width:100%;margin:0 7mm;display:flex;'
            header = (
                f'<div {small}justify-content:space-between"><span>{PRINTED_AT}</span>'
                '<span class="title"></span><span></span></div>'
            )
            footer = (
                f'<div {small}justify-content:space-between"><span>{escape(url)}</span>'
                '<span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>'
            )
            res = pipe.send(
                "Page.printToPDF",
                {
                    "displayHeaderFooter": True,
                    "headerTemplate": header,
                    "footerTemplate": footer,
                    "printBackground": True,
                    "preferCSSPageSize": True,
                    "scale": scale,
                },
                session=session,
            )
            data = base64.b64decode(res["data"])
            with contextlib.suppress(RuntimeError):  # the browser may close the pipe first
                pipe.send("Browser.close")
        finally:
            os.close(to_chrome_w)
            os.close(from_chrome_r)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    # pin the creation and modification dates (same length: the cross-reference offsets stay valid)
    data = re.sub(rb"D:\d{14}", PDF_DATE, data)
    pdf_path.write_bytes(data)


# ---------------------------------------------------------------------------- other web-form styles
# Three more idioms councils' online forms are built in, each with its own CSS (written here):
# a survey tool, a CMS webform with native controls, and a multi-step wizard printed step by step.
# Each renders a ``build.Form`` (sections of ``Fld`` questions and ``Note`` text); ``hints`` maps a
# label to help text shown with the question.


def _page(title: str, css: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{css}</style></head><body>{body}</body></html>"
    )


SURVEY_CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Segoe UI", "DejaVu Sans", sans-serif; font-size: 15px; color: #242424;
       background: #eef3f8; }
.card { background: #fff; margin: 0 auto; width: 92%; padding: 0 0 24px 0; border-radius: 4px; }
.banner { height: 70px; background: #6b3fa0; border-radius: 4px 4px 0 0; }
.title { font-size: 28px; font-weight: 600; padding: 22px 40px 8px 40px; }
.desc { padding: 0 40px 6px 40px; color: #505050; }
.reqnote { padding: 4px 40px 12px 40px; color: #a4262c; font-size: 13px; }
.sect { margin: 18px 0 4px 0; padding: 14px 40px; background: #f3eefa; border-left: 6px solid #6b3fa0; }
.sect .sname { font-size: 20px; font-weight: 600; }
.sect .sdesc { color: #505050; font-size: 13px; margin-top: 4px; }
.q { padding: 14px 40px 10px 40px; break-inside: avoid; }
.qt { font-size: 15px; margin-bottom: 10px; }
.qt .num { margin-right: 4px; }
.qt .req { color: #a4262c; margin-left: 2px; }
.qhelp { color: #605e5c; font-size: 13px; margin: -4px 0 10px 0; }
.answer { border: 0; border-bottom: 1px solid #8a8886; height: 34px; width: 60%; color: #8a8886;
          padding: 8px 4px; font-size: 14px; background: #fafafa; }
.answer.long { height: 78px; border: 1px solid #c8c6c4; width: 100%; }
.answer.date { width: 60%; position: relative; white-space: nowrap; overflow: hidden; }
.answer.date::after { content: ""; position: absolute; right: 8px; top: 8px; width: 14px; height: 14px;
                      border: 1px solid #605e5c; border-top-width: 4px; }
.opt { display: flex; align-items: center; margin: 6px 0 8px 0; }
.opt .mark { width: 18px; height: 18px; border: 1px solid #605e5c; margin-right: 10px; flex: none; }
.opt .mark.round { border-radius: 50%; }
.foot { text-align: center; color: #605e5c; font-size: 12px; margin-top: 20px; }
.submit { display: inline-block; background: #6b3fa0; color: #fff; padding: 8px 28px; border-radius: 3px;
          margin: 10px 40px; }
"""


def render_survey_html(form, hints: dict, required: frozenset, product: str, date_prompt: str) -> str:
    """A survey tool's response page: a coloured banner, the form title and description, numbered
    questions ("3. Child's name *") with the answer box below showing its placeholder ("Enter your
    answer"), options as small circles (single choice) or squares (several), dates as a box with a
    format prompt and a calendar icon, sections as tinted bars numbered "Section 2"; a Submit button
    and the tool's "Powered by" line at the end."""
    out = [
        '<div class="card"><div class="banner"></div>',
        f'<div class="title">{escape(form.title)}</div>',
        "".join(f'<div class="desc">{escape(t)}</div>' for t in form.intro),
        '<div class="reqnote">* Required</div>',
    ]
    n = 0
    for sec in form.sections:
        out.append(f'<div class="sect"><div class="sname">{escape(sec.title)}</div>')
        notes = [it.text for it in sec.items if not hasattr(it, "fine")]
        out.append("".join(f'<div class="sdesc">{escape(t)}</div>' for t in notes) + "</div>")
        for f in sec.fields:
            n += 1
            star = '<span class="req">*</span>' if f.label in required else ""
            q = [f'<div class="q"><div class="qt"><span class="num">{n}.</span>{escape(f.label)}{star}</div>']
            if f.label in hints:
                q.append(f'<div class="qhelp">{escape(hints[f.label])}</div>')
            if f.fine in ("yes_no", "choice", "multi_choice", "checkbox"):
                shape = "" if f.fine in ("multi_choice", "checkbox") else " round"
                q += [
                    f'<div class="opt"><span class="mark{shape}"></span><span>{escape(o)}</span></div>'
                    for o in f.options
                ]
            elif f.fine == "date":
                q.append(f'<div class="answer date">{escape(date_prompt)}</div>')
            elif f.fine == "long_text":
                q.append('<div class="answer long">Enter your answer</div>')
            else:
                q.append('<div class="answer">Enter your answer</div>')
            out.append("".join(q) + "</div>")
    out.append('<span class="submit">Submit</span></div>')
    out.append(
        f'<div class="foot">Never give out your password. This content is created by the owner of the '
        f"form. Powered by {escape(product)}</div>"
    )
    return _page(form.title, SURVEY_CSS, "".join(out))


CMS_CSS = """
@page { size: A4; margin: 12mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: Verdana, "DejaVu Sans", sans-serif; font-size: 13px; color: #222; }
.site { background: #004b6b; color: #fff; padding: 12px 16px; font-size: 20px; }
.crumbs { font-size: 11px; color: #555; margin: 8px 16px; }
h1 { font-family: Georgia, "DejaVu Serif", serif; font-size: 26px; font-weight: normal; margin: 8px 16px 10px 16px; }
.intro { margin: 0 16px 12px 16px; }
fieldset { border: 1px solid #bbb; margin: 14px 16px; padding: 6px 14px 10px 14px; break-inside: auto; }
legend { font-weight: bold; font-size: 15px; padding: 0 6px; color: #004b6b; }
.desc { font-style: italic; color: #555; margin: 4px 0 8px 0; }
.row { display: grid; grid-template-columns: 34% 66%; column-gap: 12px; padding: 7px 0;
       border-bottom: 1px dotted #ddd; break-inside: avoid; }
.row label, .row .lab { font-weight: bold; }
.form-required { color: #c00; }
.help { font-size: 11px; color: #666; margin-top: 3px; }
input[type=text], input[type=email], input[type=tel], input[type=date], input[type=number] {
  width: 90%; height: 26px; border: 1px solid #999; font-size: 13px; }
select { height: 26px; border: 1px solid #999; font-size: 13px; min-width: 45%; }
textarea { width: 90%; height: 90px; border: 1px solid #999; resize: vertical; }
.opts label { font-weight: normal; display: block; margin: 2px 0; }
.opts input { margin: 0 6px 0 0; vertical-align: middle; }
.actions { margin: 10px 16px; }
.actions span { display: inline-block; border: 1px solid #777; background: #eee; padding: 4px 14px;
                margin-right: 8px; border-radius: 3px; }
.footer { margin-top: 20px; padding: 10px 16px; background: #eee; font-size: 11px; }
"""


def render_cms_html(
    form, hints: dict, required: frozenset, site: str, crumbs: str, selects: frozenset
) -> str:
    """A CMS webform: the site's header and breadcrumb, sections as fieldsets whose legend is the
    title, each question a row of a two-column grid (label and help text left, the browser's own
    control right: text inputs, date inputs showing the format, drop-downs showing "- Select -",
    resizable text areas, native radio buttons and check boxes), red asterisks on required labels,
    Submit / Save draft buttons."""
    out = [
        f'<div class="site">{escape(site)}</div><div class="crumbs">{escape(crumbs)}</div>',
        f"<h1>{escape(form.title)}</h1>",
        "".join(f'<p class="intro">{escape(t)}</p>' for t in form.intro),
        "<form>",
    ]
    for sec in form.sections:
        out.append(f"<fieldset><legend>{escape(sec.title)}</legend>")
        for it in sec.items:
            if not hasattr(it, "fine"):
                out.append(f'<div class="desc">{escape(it.text)}</div>')
                continue
            f = it
            star = ' <span class="form-required">*</span>' if f.label in required else ""
            help_html = f'<div class="help">{escape(hints[f.label])}</div>' if f.label in hints else ""
            lab = f"<label>{escape(f.label)}{star}</label>{help_html}"
            if f.fine in ("yes_no", "choice") and f.label in selects:
                ctrl = (
                    "<select><option>- Select -</option>"
                    + "".join(f"<option>{escape(o)}</option>" for o in f.options)
                    + "</select>"
                )
            elif f.fine in ("yes_no", "choice", "multi_choice", "checkbox"):
                typ = "checkbox" if f.fine in ("multi_choice", "checkbox") else "radio"
                ctrl = (
                    '<div class="opts">'
                    + "".join(f'<label><input type="{typ}" name="x">{escape(o)}</label>' for o in f.options)
                    + "</div>"
                )
            elif f.fine == "long_text":
                ctrl = "<textarea></textarea>"
            else:
                typ = {"date": "date", "email": "email", "phone": "tel", "number": "number"}.get(
                    f.fine, "text"
                )
                ctrl = f'<input type="{typ}">'
            out.append(f'<div class="row"><div>{lab}</div><div>{ctrl}</div></div>')
        out.append("</fieldset>")
    out.append('</form><div class="actions"><span>Save draft</span><span>Submit</span></div>')
    out.append(f'<div class="footer">© {escape(site)} · Contact us · Accessibility · Privacy notice</div>')
    return _page(form.title, CMS_CSS, "".join(out))


WIZARD_CSS = """
@page { size: A4; margin: 12mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: Helvetica, Arial, "Liberation Sans", sans-serif; font-size: 16px; color: #1a1a1a; }
.step { break-after: page; padding: 0 10px; }
.step:last-child { break-after: auto; }
.top { display: flex; justify-content: space-between; border-bottom: 3px solid #00857c; padding: 8px 0;
       margin-bottom: 14px; }
.brand { font-weight: bold; color: #00857c; font-size: 18px; }
.progress-text { font-size: 13px; color: #444; margin-bottom: 4px; }
.bar { height: 10px; background: #ddd; border-radius: 5px; margin-bottom: 18px; }
.bar span { display: block; height: 10px; background: #00857c; border-radius: 5px; }
h1 { font-size: 28px; margin: 10px 0 6px 0; }
.lead { color: #444; margin-bottom: 18px; }
.field { margin-bottom: 20px; break-inside: avoid; }
.field .lbl { display: block; font-weight: bold; margin-bottom: 4px; }
.field .hint { color: #555; font-size: 14px; margin-bottom: 6px; }
.box { height: 38px; border: 1px solid #6f777b; border-radius: 4px; width: 70%; padding: 9px; color: #767676;
       font-size: 14px; }
.box.short { width: 35%; }
.box.area { height: 110px; width: 100%; }
.choice { display: flex; align-items: center; margin: 6px 0; }
.choice i { width: 22px; height: 22px; border: 2px solid #1a1a1a; margin-right: 10px; flex: none; }
.choice i.r { border-radius: 50%; }
.nav { display: flex; justify-content: space-between; margin-top: 26px; }
.btn { display: inline-block; padding: 9px 22px; border-radius: 4px; }
.btn.prim { background: #00857c; color: #fff; }
.btn.sec { border: 1px solid #00857c; color: #00857c; }
dl { margin: 0 0 26px 0; }
.sum-h { font-size: 20px; font-weight: bold; margin: 22px 0 8px 0; }
.sum { display: grid; grid-template-columns: 40% 45% 15%; border-bottom: 1px solid #ccc; padding: 9px 0; }
.sum dt { font-weight: bold; } .sum dd { margin: 0; } .sum .chg { text-align: right; color: #1d5fa8;
  text-decoration: underline; }
"""


def render_wizard_html(form, hints: dict, brand: str, summary_title: str, summary_value: str) -> str:
    """A multi-step online form printed step by step: one page per section, each with the brand
    bar, "Step n of N" and a progress bar, the step's heading, questions (bold label, hint, a
    rounded box with a placeholder, options as circles or squares) and Back / Continue buttons;
    then a check-your-answers page restating every question as a key/value row with a "Change"
    link (the answers, not new questions), ending with an Accept and send button."""
    steps = len(form.sections) + 1
    pages = []
    for i, sec in enumerate(form.sections, 1):
        p = [
            f'<div class="step"><div class="top"><span class="brand">{escape(brand)}</span>'
            f"<span>Save and exit</span></div>",
            f'<div class="progress-text">Step {i} of {steps}</div>',
            f'<div class="bar"><span style="width:{round(100 * i / steps)}%"></span></div>',
            f"<h1>{escape(sec.title)}</h1>",
        ]
        for it in sec.items:
            if not hasattr(it, "fine"):
                p.append(f'<div class="lead">{escape(it.text)}</div>')
                continue
            f = it
            q = [f'<div class="field"><span class="lbl">{escape(f.label)}</span>']
            if f.label in hints:
                q.append(f'<div class="hint">{escape(hints[f.label])}</div>')
            if f.fine in ("yes_no", "choice", "multi_choice", "checkbox"):
                r = "" if f.fine in ("multi_choice", "checkbox") else ' class="r"'
                q += [f'<div class="choice"><i{r}></i><span>{escape(o)}</span></div>' for o in f.options]
            elif f.fine == "long_text":
                q.append('<div class="box area"></div>')
            elif f.fine == "date":
                q.append('<div class="box short">dd/mm/yyyy</div>')
            else:
                q.append('<div class="box"></div>')
            p.append("".join(q) + "</div>")
        back = '<span class="btn sec">Back</span>' if i > 1 else "<span></span>"
        p.append(f'<div class="nav">{back}<span class="btn prim">Continue</span></div></div>')
        pages.append("".join(p))
    s = [
        f'<div class="step"><div class="top"><span class="brand">{escape(brand)}</span>'
        f"<span>Save and exit</span></div>",
        f'<div class="progress-text">Step {steps} of {steps}</div>',
        '<div class="bar"><span style="width:100%"></span></div>',
        f"<h1>{escape(summary_title)}</h1>",
    ]
    for sec in form.sections:
        if not sec.fields:
            continue
        s.append(f'<div class="sum-h">{escape(sec.title)}</div><dl>')
        s += [
            f'<div class="sum"><dt>{escape(f.label)}</dt><dd>{escape(summary_value)}</dd>'
            f'<span class="chg">Change</span></div>'
            for f in sec.fields
        ]
        s.append("</dl>")
    s.append(
        '<div class="nav"><span class="btn sec">Back</span><span class="btn prim">Accept and send</span></div></div>'
    )
    pages.append("".join(s))
    return _page(form.title, WIZARD_CSS, "".join(pages))


LEGACY_CSS = """
@page { size: A4; margin: 10mm; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14px; margin: 0; }
table.form { border-collapse: collapse; width: 100%; }
table.form td { border: 1px solid #808080; padding: 4px 6px; vertical-align: top; }
td.sect { background: #336699; color: #fff; font-weight: bold; font-size: 16px; }
td.lab { width: 38%; background: #e8e8e8; }
td.note { font-style: italic; font-size: 12px; }
input[type=text] { width: 95%; }
textarea { width: 95%; height: 70px; }
.title { font-size: 22px; font-weight: bold; text-align: center; margin: 6px 0 10px 0; }
"""


def render_legacy_table_html(form, hints: dict) -> str:
    """An older council page laid out with one bordered HTML table: a full-width coloured row per
    section, then label | control rows (the browser's own inputs, text areas, radio buttons, check
    boxes and drop-down lists showing "-- Please select --"), notes as italic full-width rows."""
    rows = []
    for sec in form.sections:
        rows.append(f'<tr><td class="sect" colspan="2">{escape(sec.title)}</td></tr>')
        for it in sec.items:
            if not hasattr(it, "fine"):
                rows.append(f'<tr><td class="note" colspan="2">{escape(it.text)}</td></tr>')
                continue
            f = it
            hint = f"<br><small>{escape(hints[f.label])}</small>" if f.label in hints else ""
            if f.fine in ("yes_no", "choice") and len(f.options) > 3:
                ctrl = (
                    "<select><option>-- Please select --</option>"
                    + "".join(f"<option>{escape(o)}</option>" for o in f.options)
                    + "</select>"
                )
            elif f.fine in ("yes_no", "choice", "multi_choice", "checkbox"):
                typ = "checkbox" if f.fine in ("multi_choice", "checkbox") else "radio"
                ctrl = " ".join(f'<input type="{typ}" name="x"> {escape(o)}' for o in f.options)
            elif f.fine == "long_text":
                ctrl = "<textarea></textarea>"
            else:
                ctrl = '<input type="text">'
            rows.append(f'<tr><td class="lab">{escape(f.label)}{hint}</td><td>{ctrl}</td></tr>')
    body = (
        f'<div class="title">{escape(form.title)}</div>'
        + "".join(f"<p>{escape(t)}</p>" for t in form.intro)
        + f'<table class="form">{"".join(rows)}</table>'
        + '<p><input type="submit" value="Submit"> <input type="reset" value="Clear form"></p>'
    )
    return _page(form.title, LEGACY_CSS, body)


CARDS_CSS = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { margin: 0; background: #f0ebf8; font-family: Roboto, Arial, "Liberation Sans", sans-serif; font-size: 14px;
       color: #202124; }
.wrap { width: 640px; margin: 0 auto; padding: 12px 0; }
.card { background: #fff; border: 1px solid #dadce0; border-radius: 8px; padding: 22px 24px; margin-bottom: 12px;
        break-inside: avoid; }
.head { border-top: 10px solid #673ab7; }
.head h1 { font-size: 30px; font-weight: 400; margin: 0 0 10px 0; }
.req { color: #d93025; }
.help { color: #70757a; font-size: 12px; margin: -8px 0 12px 0; }
.sec { background: #673ab7; color: #fff; border-radius: 8px 8px 0 0; padding: 8px 24px; display: inline-block;
       font-size: 14px; margin-top: 8px; }
.sechead { border-radius: 0 8px 8px 8px; }
.sechead .t { font-size: 20px; }
.q { font-size: 16px; margin-bottom: 14px; }
.under { width: 50%; border-bottom: 1px solid #dadce0; color: #70757a; padding: 6px 0; font-size: 14px; }
.under.wide { width: 100%; }
.opt { display: flex; align-items: center; margin: 10px 0; }
.opt i { width: 20px; height: 20px; border: 2px solid #5f6368; margin-right: 14px; flex: none; }
.opt i.r { border-radius: 50%; }
.opt i.c { border-radius: 2px; }
.nav { display: flex; justify-content: space-between; }
.btn { background: #673ab7; color: #fff; padding: 9px 24px; border-radius: 4px; }
.clear { color: #673ab7; }
"""


def render_cards_html(form, hints: dict, required: frozenset) -> str:
    """A survey tool that sets every question in its own bordered card on a tinted page: a title
    card with a coloured top edge, a "Section 2 of 3" tab over each section's title card,
    "Your answer" over an underline, options with circles or rounded squares, "* Indicates required
    question", Next / Clear form."""
    n = len(form.sections)
    out = [
        '<div class="wrap"><div class="card head">',
        f"<h1>{escape(form.title)}</h1>",
        "".join(f"<div>{escape(t)}</div>" for t in form.intro),
        '<div class="req">* Indicates required question</div></div>',
    ]
    for i, sec in enumerate(form.sections, 1):
        notes = "".join(f"<div>{escape(it.text)}</div>" for it in sec.items if not hasattr(it, "fine"))
        out.append(
            f'<div class="sec">Section {i} of {n}</div><div class="card sechead">'
            f'<div class="t">{escape(sec.title)}</div>{notes}</div>'
        )
        for f in sec.fields:
            star = ' <span class="req">*</span>' if f.label in required else ""
            q = [f'<div class="card"><div class="q">{escape(f.label)}{star}</div>']
            if f.label in hints:
                q.append(f'<div class="help">{escape(hints[f.label])}</div>')
            if f.fine in ("yes_no", "choice", "multi_choice", "checkbox"):
                k = "c" if f.fine in ("multi_choice", "checkbox") else "r"
                q += [
                    f'<div class="opt"><i class="{k}"></i><span>{escape(o)}</span></div>' for o in f.options
                ]
            elif f.fine == "date":
                q.append('<div class="under">Date<br>dd/mm/yyyy</div>')
            elif f.fine == "long_text":
                q.append('<div class="under wide">Your answer</div>')
            else:
                q.append('<div class="under">Your answer</div>')
            out.append("".join(q) + "</div>")
    out.append(
        '<div class="nav"><span class="btn">Submit</span><span class="clear">Clear form</span></div></div>'
    )
    return _page(form.title, CARDS_CSS, "".join(out))


BOOT_CSS = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, "DejaVu Sans", sans-serif; font-size: 15px; color: #212529; }
.nav { background: #212529; color: #fff; padding: 10px 20px; font-size: 18px; }
.container { padding: 10px 30px; }
h1 { font-size: 30px; font-weight: 500; margin: 16px 0; }
h2 { font-size: 22px; font-weight: 500; margin: 26px 0 12px 0; padding-bottom: 6px; border-bottom: 1px solid #dee2e6; }
.mb { margin-bottom: 16px; break-inside: avoid; }
.form-label { display: block; margin-bottom: 6px; }
.form-control { display: block; width: 100%; height: 36px; border: 1px solid #ced4da; border-radius: 6px;
                padding: 7px 12px; color: #6c757d; }
textarea.form-control { height: 100px; }
.form-select { width: 60%; height: 36px; border: 1px solid #ced4da; border-radius: 6px; padding: 7px 12px;
               position: relative; }
.form-select::after { content: ""; position: absolute; right: 14px; top: 12px; width: 7px; height: 7px;
                      border: solid #343a40; border-width: 0 2px 2px 0; transform: rotate(45deg); }
.form-text { color: #6c757d; font-size: 13px; margin-top: 4px; }
.form-check { display: flex; align-items: center; margin: 4px 0; }
.form-check i { width: 16px; height: 16px; border: 1px solid #adb5bd; border-radius: 4px; margin-right: 8px; flex: none; }
.form-check i.r { border-radius: 50%; }
.optional { color: #6c757d; }
.btn { display: inline-block; background: #0d6efd; color: #fff; border-radius: 6px; padding: 7px 14px; margin-right: 8px; }
"""


def render_bootstrap_html(form, hints: dict, examples: dict, optional: frozenset, selects: frozenset) -> str:
    """A front-end framework's form: a dark navigation bar, section headings with a rule under
    them, labels above rounded inputs that show an example as placeholder ("e.g. ..."), help text
    under the input, "(optional)" after some labels, a custom select with a chevron showing "Open
    this select menu", small rounded check boxes and radios, Submit / Reset buttons."""
    out = [f'<div class="nav">{escape(form.title)}</div><div class="container"><h1>{escape(form.title)}</h1>']
    out += [f"<p>{escape(t)}</p>" for t in form.intro]
    for sec in form.sections:
        out.append(f"<h2>{escape(sec.title)}</h2>")
        for it in sec.items:
            if not hasattr(it, "fine"):
                out.append(f"<p>{escape(it.text)}</p>")
                continue
            f = it
            opt = ' <span class="optional">(optional)</span>' if f.label in optional else ""
            q = [f'<div class="mb"><label class="form-label">{escape(f.label)}{opt}</label>']
            if f.fine in ("yes_no", "choice") and f.label in selects:
                q.append('<div class="form-select">Open this select menu</div>')
            elif f.fine in ("yes_no", "choice", "multi_choice", "checkbox"):
                r = "" if f.fine in ("multi_choice", "checkbox") else ' class="r"'
                q += [f'<div class="form-check"><i{r}></i><span>{escape(o)}</span></div>' for o in f.options]
            elif f.fine == "long_text":
                q.append('<div class="form-control" style="height:100px"></div>')
            else:
                ex = examples.get(f.label, "")
                q.append(f'<div class="form-control">{escape(ex)}</div>')
            if f.label in hints:
                q.append(f'<div class="form-text">{escape(hints[f.label])}</div>')
            out.append("".join(q) + "</div>")
    out.append('<span class="btn">Submit</span><span class="btn">Reset</span></div>')
    return _page(form.title, BOOT_CSS, "".join(out))
