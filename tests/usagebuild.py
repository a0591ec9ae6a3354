"""Synthetic completions for ``formaudit usage`` tests: two templates (a Word form with content controls,
legacy form fields, answer cells and "Label: value" lines; a fillable PDF) filled in many times with
generated values in designed patterns. Written to a temporary folder at test time, never committed.

Designed patterns (the truth the tests check against, returned by :func:`build`):

* a field always left blank (fill rate 0) and fields filled in an exact share of completions;
* a field that copies another whose label looks different ("Worker's name" → "Completed by");
* free-text answers of a known word-count distribution (medians known);
* a choice with known option shares.

Values are random words from a private alphabet, so any leak is detectable by grepping for them.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests import docxbuild as d

WORDS = [f"zq{a}{b}x" for a in "bcdfghjklm" for b in "aeiou"]  # 50 marker words, none English


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _filled_text(value: str | None) -> str:
    """A content control with a value (or showing its placeholder when None)."""
    if value is None:
        return d.sdt_text()
    return d._sdt("<w:text/>", d.run(value))


def _filled_rich(value: str | None) -> str:
    if value is None:
        return d._sdt("<w:richText/><w:showingPlcHdr/>", d.run(d.PLACEHOLDER))
    return d._sdt("<w:richText/>", d.run(value))


def _filled_drop(options: list[str], value: str | None) -> str:
    if value is None:
        return d.sdt_dropdown(options)
    items = "".join(f'<w:listItem w:displayText="{o}" w:value="{o}"/>' for o in options)
    return d._sdt(f"<w:dropDownList>{items}</w:dropDownList>", d.run(value))


def _ff_text(name: str, value: str | None) -> str:
    return d.ff_text(name) if value is None else d.ff_text(name, result=value)


def _ff_check(name: str, on: bool) -> str:
    if not on:
        return d.ff_check(name)
    return d._ff(
        f'<w:name w:val="{name}"/><w:enabled/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>'
        "<w:checked/></w:checkBox>",
        "FORMCHECKBOX",
        "",
    )


CONTACT_OPTIONS = ["Phone", "Visit", "Letter"]


def contact_docx(path: Path, v: dict | None = None) -> None:
    """The Word template (``v`` None) or a completion (``v``: values by key, None = left blank)."""
    v = v or {}
    g = v.get
    d.make_docx(
        path,
        d.p("Contact record", style="Title"),
        d.p("Child's details", style="Heading1"),
        d.tbl(
            d.tr(d.tc("Child's name"), d.tc(g("child_name") or "")),
            d.tr(d.tc("Home address"), d.tc(g("address") or "")),
            d.tr(d.tc("School attended"), d.tc(g("school") or "")),
        ),
        d.p("Contact", style="Heading1"),
        d.tbl(
            d.tr(d.tc("Worker's name"), d.tc(d.p(_filled_text(g("worker"))))),
            d.tr(d.tc("Case number"), d.tc(d.p(_filled_text(g("case_no"))))),
            d.tr(d.tc("Type of contact"), d.tc(d.p(_filled_drop(CONTACT_OPTIONS, g("contact_type"))))),
            d.tr(d.tc("Reason for contact"), d.tc(d.p(_filled_rich(g("reason")))), height=2400),
        ),
        d.p("Referrer", style="Heading1"),
        d.p("Referrer's name: ", _ff_text("Referrer", g("referrer"))),
        d.p("Agency: " + (g("agency") or "____________________")),
        d.p(_ff_check("Consent", bool(g("consent"))), " Consent to share information given"),
        d.p("Sign-off", style="Heading1"),
        d.tbl(
            d.tr(d.tc("Completed by"), d.tc(d.p(_filled_text(g("completed_by"))))),
            d.tr(d.tc("Analysis and next steps"), d.tc(d.p(_filled_rich(g("analysis")))), height=4800),
        ),
    )


def _exact(n: int, rate: float, rng: random.Random) -> list[bool]:
    """Exactly round(rate × n) True values, shuffled."""
    k = round(rate * n)
    out = [True] * k + [False] * (n - k)
    rng.shuffle(out)
    return out


def contact_values(n: int, rng: random.Random) -> tuple[list[dict], dict]:
    """``n`` completions of the Word template and the truth they were designed with."""
    school = _exact(n, 0.6, rng)
    agency = _exact(n, 0.7, rng)
    consent = _exact(n, 0.4, rng)
    types = (["Phone"] * round(0.5 * n) + ["Visit"] * round(0.3 * n))[:n]
    types += ["Letter"] * (n - len(types))
    rng.shuffle(types)
    reason_len = [rng.randint(20, 80) for _ in range(n)]
    analysis_len = [rng.randint(300, 400) for _ in range(n)]  # far over its box: FA403
    rows = []
    for i in range(n):
        worker = _words(rng, 2)
        rows.append(
            {
                "child_name": _words(rng, 2),
                "address": _words(rng, 5),
                "school": _words(rng, 3) if school[i] else None,
                "worker": worker,
                "case_no": None,  # always blank
                "contact_type": types[i],
                "reason": _words(rng, reason_len[i]),
                "referrer": _words(rng, 2),
                "agency": _words(rng, 2) if agency[i] else None,
                "consent": consent[i],
                "completed_by": worker,  # copies "Worker's name" under another label
                "analysis": _words(rng, analysis_len[i]),
            }
        )
    import statistics

    truth = {
        "fill": {
            "Child's name": 1.0,
            "Home address": 1.0,
            "School attended": sum(school) / n,
            "Worker's name": 1.0,
            "Case number": 0.0,
            "Reason for contact": 1.0,
            "Agency": sum(agency) / n,
            "Completed by": 1.0,
        },
        "copies": [("Worker's name", "Completed by")],
        "median_words": {
            "Reason for contact": statistics.median(reason_len),
            "Analysis and next steps": statistics.median(analysis_len),
        },
        "options": {"Type of contact": {o: types.count(o) / n for o in CONTACT_OPTIONS}},
        "never_used": ["Case number"],
    }
    return rows, truth


def support_pdf(path: Path, v: dict | None = None) -> None:
    """The fillable PDF template (``v`` None) or a completion."""
    from tests.pdfbuild import Page

    v = v or {}
    pg = Page(path)
    pg.text(50, 40, "Support request", size=16, font="Helvetica-Bold")
    pg.text(50, 80, "Family details", size=13, font="Helvetica-Bold")
    rows = [
        ("Parent's name", "parent", 20),
        ("Home phone", "phone", 20),
        ("Current address", "address", 20),
        ("Correspondence address", "corr", 20),
        ("Notes for office use", "office", 20),
    ]
    top = 110
    for label, key, h in rows:
        pg.text(50, top + 3, label)
        pg.textfield(key, 200, top, w=300, h=h, value=v.get(key) or "")
        top += h + 14
    pg.text(50, top + 3, "Parent agrees to the referral")
    pg.checkbox("agree", 300, top, checked=bool(v.get("agree")))
    top += 30
    pg.text(50, top + 3, "Preferred contact")
    # the blank template presets its first option (as reportlab and many authoring tools do)
    pg.form.choice(
        name="pref",
        options=PREF_OPTIONS,
        value=v.get("pref") or PREF_OPTIONS[0],
        x=200,
        y=842 - top - 16,
        width=150,
        height=16,
    )
    top += 30
    pg.text(50, top + 10, "Needs", size=13, font="Helvetica-Bold")
    top += 40
    pg.text(50, top, "Describe the support the family needs")
    pg.textfield("needs", 50, top + 16, w=450, h=160, value=v.get("needs") or "", fieldFlags="multiline")
    pg.save()


PREF_OPTIONS = ["Phone", "Email", "Post"]


def support_values(n: int, rng: random.Random) -> tuple[list[dict], dict]:
    phone = _exact(n, 0.8, rng)
    agree = _exact(n, 0.5, rng)
    # a choice equal to the template's preset cannot be told from an untouched box: the design avoids it
    pref = ["Email" if x else "Post" for x in _exact(n, 0.6, rng)]
    same = _exact(n, 0.9, rng)
    needs_len = [rng.randint(30, 60) for _ in range(n)]
    rows = []
    for i in range(n):
        addr = _words(rng, 6)
        rows.append(
            {
                "parent": _words(rng, 2),
                "phone": _words(rng, 1) if phone[i] else None,
                "address": addr,
                "corr": addr if same[i] else _words(rng, 6),
                "office": None,
                "agree": agree[i],
                "pref": pref[i],
                "needs": _words(rng, needs_len[i]),
            }
        )
    import statistics

    truth = {
        "fill": {
            "Parent's name": 1.0,
            "Home phone": sum(phone) / n,
            "Current address": 1.0,
            "Correspondence address": 1.0,
            "Notes for office use": 0.0,
            "Parent agrees to the referral": sum(agree) / n,
            "Preferred contact": 1.0,
            "Describe the support the family needs": 1.0,
        },
        "options": {"Preferred contact": {o: pref.count(o) / n for o in PREF_OPTIONS}},
        "copies": [("Current address", "Correspondence address")],
        "copy_rates": {("Current address", "Correspondence address"): sum(same) / n},
        "median_words": {"Describe the support the family needs": statistics.median(needs_len)},
        "never_used": ["Notes for office use"],
    }
    return rows, truth


def build(root: Path, n_docx: int = 30, n_pdf: int = 25, seed: int = 15, strangers: int = 2) -> dict:
    """Templates in ``root/templates``, completions (shuffled file names that say nothing about their
    template) in ``root/filled``; returns the truth and every generated value (for leak tests)."""
    rng = random.Random(seed)
    tdir, fdir = root / "templates", root / "filled"
    tdir.mkdir(parents=True, exist_ok=True)
    fdir.mkdir(parents=True, exist_ok=True)
    contact_docx(tdir / "contact.docx")
    support_pdf(tdir / "support.pdf")
    crows, ctruth = contact_values(n_docx, rng)
    prows, ptruth = support_values(n_pdf, rng)
    jobs = [("docx", r) for r in crows] + [("pdf", r) for r in prows]
    rng.shuffle(jobs)
    values: set[str] = set()
    for i, (kind, r) in enumerate(jobs):
        name = fdir / f"case-{i:04d}.{kind}"
        (contact_docx if kind == "docx" else support_pdf)(name, r)
        for x in r.values():
            if isinstance(x, str) and x not in CONTACT_OPTIONS + PREF_OPTIONS:
                values.add(x)
    for k in range(strangers):  # forms of another template: unmatched
        d.make_docx(
            fdir / f"other-{k}.docx",
            d.p("Unrelated questionnaire", style="Title"),
            d.tbl(d.tr(d.tc("Favourite colour"), d.tc("")), d.tr(d.tc("Shoe size"), d.tc(""))),
        )
    return {
        "contact": ctruth,
        "support": ptruth,
        "values": values,
        "words": set(WORDS),
        "n": {"contact": n_docx, "support": n_pdf},
    }
