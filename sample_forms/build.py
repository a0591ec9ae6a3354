"""Build the sample children's social care forms and their ground truth.

Run from the repository root::

    python sample_forms/build.py

Writes DOCX and PDF forms into ``sample_forms/`` and ``sample_forms/truth/<file>.json`` (+ ``library.json``) in
the evaluation truth format (see docs: one field per question with section, exact visible label, coarse kind and
fine kind, options, columns, subject, expected words; within-form duplicates, redundant sections, repeated blocks;
cross-form duplicates per library). Forms and truth are generated from the same data tables below, so they cannot
drift apart. Output is deterministic: fixed core-properties dates and zip timestamps for DOCX, reportlab
``invariant=1`` for PDF.

The forms are composed for this project (wording modelled on what English councils' children's social care
templates ask); they are not copies of any council's form.

Construction styles (file-name suffix):

* A - Word, two-column tables, shaded merged heading rows, one table per section, tall rows for long answers
* B - Word, Heading 1/2 styles, ``Label: ____`` paragraphs, inline ``Yes ☐  No ☐``, bordered 1x1 answer boxes
* C - Word content controls (text, rich text, date, drop-down, check box) in a table; bold numbered headings
* D - Word legacy form fields (FORMTEXT / FORMCHECKBOX / FORMDROPDOWN) in a table; Heading styles
* E - fillable PDF (AcroForm text fields, multi-line fields, check boxes, radio groups, combo boxes)
* F - flat printed PDF (blanks, ☐ glyphs and drawn squares, drawn answer rectangles)
* G - Word, Heading styles and tables, some questions in text boxes (mc:AlternateContent Choice + Fallback)
* M - Word, mixed constructions (Heading styles, two-column tables, blank-line paragraphs, a captioned grid)
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import sys
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
TRUTH_DIR = HERE / "truth"

KIND_OF = {
    "text": "short",
    "number": "short",
    "email": "short",
    "phone": "short",
    "long_text": "long",
    "date": "date",
    "time": "date",
    "datetime": "date",
    "yes_no": "choice",
    "choice": "choice",
    "multi_choice": "choice",
    "checkbox": "choice",
    "signature": "signature",
    "table": "table",
}


# =============================================================================================== data model
@dataclass
class Fld:
    """One question. ``dup``/``opt`` group within-form (optional) duplicates, ``x``/``xopt`` cross-form ones."""

    label: str
    fine: str = "text"
    subject: str | None = None
    options: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    words: int | None = None
    dup: str | None = None
    opt: str | None = None
    x: str | None = None
    xopt: str | None = None
    heading: bool = False  # the section heading is the question (answer box directly under it)
    rows: int = 4  # empty rows of a table field

    @property
    def kind(self) -> str:
        return KIND_OF[self.fine]


@dataclass
class Grid:
    """A grid directly under a heading, one row per person: each column header is a field."""

    columns: list[Fld]
    rows: int = 4


@dataclass
class Note:
    """Guidance / instruction text (not a field)."""

    text: str


@dataclass
class Sec:
    title: str
    items: list = field(default_factory=list)
    level: int = 1
    mode: str | None = None  # per-section construction override (builder specific)

    @property
    def fields(self) -> list[Fld]:
        out: list[Fld] = []
        for it in self.items:
            if isinstance(it, Fld):
                out.append(it)
            elif isinstance(it, Grid):
                out.extend(it.columns)
        return out


@dataclass
class Form:
    file: str
    title: str
    style: str
    source_form: str
    sections: list[Sec]
    libraries: tuple[str, ...] = ()
    subtitle: str = ""
    intro: tuple[str, ...] = ()
    header: str = ""
    footer: str = ""
    redundant: list[tuple[str, str]] = field(default_factory=list)
    repeated: list[list[str]] = field(default_factory=list)


# ---- compact constructors used by the form tables
def T(label, **kw):
    return Fld(label, "text", **kw)


def NUM(label, **kw):
    return Fld(label, "number", **kw)


def PH(label, **kw):
    return Fld(label, "phone", **kw)


def EM(label, **kw):
    return Fld(label, "email", **kw)


def D(label, **kw):
    return Fld(label, "date", **kw)


def TM(label, **kw):
    return Fld(label, "time", **kw)


def L(label, words, **kw):
    return Fld(label, "long_text", words=words, **kw)


def YN(label, **kw):
    return Fld(label, "yes_no", options=("Yes", "No"), **kw)


def CH(label, options, **kw):
    return Fld(label, "choice", options=tuple(options), **kw)


def MC(label, options, **kw):
    return Fld(label, "multi_choice", options=tuple(options), **kw)


def SIG(label, **kw):
    return Fld(label, "signature", **kw)


def TBL(label, columns, rows=4, **kw):
    return Fld(label, "table", columns=tuple(columns), rows=rows, **kw)


def Q(title, words, level=1, **kw):
    """A section whose heading is itself the question, followed directly by an answer box."""
    return Sec(title, [Fld(title, "long_text", words=words, heading=True, **kw)], level=level)


# =============================================================================================== the forms
ETHNICITY_NOTE = "Use the categories in the DfE children in need census guidance."
GENDER = ("Male", "Female", "Other", "Not known")
LEGAL_STATUS = (
    "No order (section 17)",
    "Accommodated (section 20)",
    "Interim care order (section 38)",
    "Care order (section 31)",
    "Placement order",
)
OUTCOME_CP = ("Child protection plan", "Child in need plan", "No further action")
HARM = ("Neglect", "Physical abuse", "Emotional abuse", "Sexual abuse")


def parent_block(title, who, subject, extra=()):
    # the same details about the same parent are asked again in the assessment's Mother's / Father's details;
    # the address only "if different from the child" here, so that repeat is debatable
    return Sec(
        title,
        [
            T(f"{who} full name", subject=subject, x=f"{subject}_name"),
            D(f"{who} date of birth", subject=subject, x=f"{subject}_dob"),
            T("Address (if different from the child)", subject=subject, xopt=f"{subject}_address"),
            PH("Telephone number", subject=subject, x=f"{subject}_phone"),
            YN("Has parental responsibility?", subject=subject, x=f"{subject}_pr"),
            YN("Aware of this referral?", subject=subject),
            *extra,
        ],
        level=2,
    )


MARF_SECTIONS = [
    Sec(
        "Referral details",
        [
            D("Date of referral", opt="ref_date"),
            YN("Is this referral urgent?"),
            YN("Have you discussed this referral with the Front Door by telephone?", subject="referrer"),
            T("If yes, name of the person you spoke to", subject="referrer"),
        ],
    ),
    Sec(
        "Referrer's details",
        [
            T("Referrer's name", subject="referrer", dup="referrer"),
            T("Job title / role", subject="referrer"),
            T("Agency / organisation", subject="referrer"),
            PH("Telephone number", subject="referrer"),
            EM("Secure email address", subject="referrer"),
            T("Relationship to the child", subject="referrer"),
        ],
    ),
    Sec(
        "Child's details",
        [
            T("Child's first name(s)", subject="child", opt="cname", xopt="child_name"),
            T("Child's surname", subject="child", opt="cname", xopt="child_name"),
            T("Also known as / previous names", subject="child"),
            D("Date of birth or expected date of delivery", subject="child", dup="dob", x="child_dob"),
            CH("Gender", GENDER, subject="child", x="gender"),
            T("NHS number", subject="child", x="nhs"),
            T("Ethnicity", subject="child", x="ethnicity"),
            T("First language", subject="child", x="language"),
            YN("Is an interpreter required?", subject="child", x="interpreter"),
            T("Religion", subject="child", x="religion"),
            YN("Does the child have a disability?", subject="child", x="disability"),
            T("Current address", subject="child", x="child_address"),
            T("Postcode", subject="child", x="postcode"),
            T("School / nursery / college", subject="child", x="school"),
            T("GP name and practice", subject="child", x="gp"),
        ],
    ),
    Sec("Parents and carers", [Note("Give details of everyone with parental responsibility.")]),
    parent_block("Mother / parent 1", "Mother's", "mother"),
    parent_block("Father / parent 2", "Father's", "father"),
    Sec(
        "Other household members",
        [
            Grid(
                [
                    T("Name", subject="household_member"),
                    T("Relationship to child", subject="household_member"),
                    D("Date of birth", subject="household_member"),
                    T("School / occupation", subject="household_member"),
                ],
                rows=4,
            )
        ],
    ),
    Sec(
        "Other professionals involved",
        [
            Grid(
                [
                    T("Name of professional", subject="professional"),
                    T("Agency and role", subject="professional"),
                    PH("Contact number", subject="professional"),
                    EM("Email", subject="professional"),
                ],
                rows=3,
            )
        ],
    ),
    Sec(
        "Consent",
        [
            Note(
                "You should seek consent unless doing so would place the child at increased risk of significant "
                "harm. If so, record your reasons below."
            ),
            YN("Have the parents / carers been told about this referral?"),
            YN("Have the parents / carers consented to this referral?", x="consent"),
            L("If consent has not been obtained, please explain why", 60),
        ],
    ),
    Sec(
        "Reason for referral",
        [
            L(
                "What are you worried about? Describe the concerns, including specific incidents and dates.",
                250,
                subject="child",
                dup="worry",
                xopt="worried",  # the referrer's concerns at referral vs the later forms' worries: debatable
            ),
            L("What is working well for the child and family?", 120, subject="child", x="working_well"),
            L(
                "What does the child say? Record their views, wishes and feelings.",
                100,
                subject="child",
                x="child_views",
            ),
            L("What do you think needs to happen next?", 100, dup="next"),
        ],
    ),
    Sec(
        "Summary of referral",
        [
            L("Summary of concerns", 80, dup="worry", xopt="worried"),
            L("Outcome you are hoping for", 60, dup="next"),
        ],
    ),
    Sec(
        "Declaration",
        [
            T("Name of person completing this form", subject="referrer", dup="referrer"),
            SIG("Signature", subject="referrer"),
            D("Date", opt="ref_date"),
        ],
    ),
    Sec(
        "For Front Door use only",
        [
            T("Child's full name", subject="child", opt="cname"),
            D("Date of birth", subject="child", dup="dob"),
            D("Date received"),
            T("Contact reference number"),
            CH(
                "Decision",
                (
                    "No further action",
                    "Information and advice",
                    "Early help",
                    "Child and family assessment",
                    "Strategy discussion",
                ),
            ),
            T("Front Door manager", subject="manager"),
        ],
    ),
]


def _marf(file, style):
    return Form(
        file=file,
        title="Multi-Agency Referral Form (MARF)",
        style=style,
        source_form="multi-agency-referral",
        sections=MARF_SECTIONS,
        libraries=("children-social-care",),
        subtitle="Children's Services Front Door - request for support or safeguarding referral",
        intro=(
            "If a child is at immediate risk of significant harm, call the police on 999 and the Front Door on "
            "0300 123 4567 before completing this form.",
            "Please complete every section as fully as you can. Incomplete referrals may be returned.",
        ),
        redundant=[("Reason for referral", "Summary of referral")],
        repeated=[["Mother / parent 1", "Father / parent 2"]],
    )


MARF_A = _marf("multi-agency-referral_A.docx", "A")
MARF_E = _marf("multi-agency-referral_E.pdf", "E")

DIMENSION_NOTE = "Include the child's strengths as well as their needs; cite sources of information."

ASSESSMENT = Form(
    file="child-and-family-assessment_B.docx",
    title="Child and Family Assessment",
    style="B",
    source_form="child-and-family-assessment",
    libraries=("children-social-care",),
    subtitle="Single assessment under the Children Act 1989 (section 17 / section 47)",
    intro=(
        "Complete the assessment within 45 working days of the referral (Working Together to Safeguard "
        "Children 2023). Record the child's own words wherever possible.",
    ),
    sections=[
        Sec(
            "Assessment details",
            [
                D("Date assessment started"),
                D("Date assessment completed", opt="completed"),
                CH(
                    "Type of assessment",
                    (
                        "Child in need (section 17)",
                        "Child protection (section 47)",
                        "Private fostering",
                        "Pre-birth",
                        "Disabled child",
                    ),
                ),
                T("Social worker", subject="social_worker", dup="sw", x="sw"),
                T("Team", subject="social_worker", x="sw_team"),
            ],
        ),
        Sec(
            "Child's details",
            [
                T("Child's name", subject="child", dup="cname", x="child_name"),
                D("Date of birth", subject="child", x="child_dob"),
                T("NHS number", subject="child", x="nhs"),
                T("Child's ID number", subject="child", dup="cid", x="child_id"),
                CH("Gender", ("Male", "Female", "Other"), subject="child", x="gender"),
                T("Ethnicity", subject="child", x="ethnicity"),
                T("First language", subject="child", x="language"),
                T("Religion", subject="child", x="religion"),
                YN("Does the child have a disability?", subject="child", x="disability"),
                CH("Legal status", LEGAL_STATUS, subject="child", x="legal_status"),
                T("Address", subject="child", x="child_address"),
                T("GP", subject="child", dup="gp", x="gp"),
                T("School or early years setting", subject="child", dup="school", x="school"),
            ],
        ),
        Sec(
            "Family composition",
            [
                Grid(
                    [
                        T("Name", subject="household_member"),
                        T("Relationship to the child", subject="household_member"),
                        D("Date of birth", subject="household_member"),
                        T("Lives in the household?", subject="household_member"),
                    ],
                    rows=5,
                )
            ],
        ),
        Sec("Parents and carers"),
        Sec(
            "Mother's details",
            [
                T("Full name", subject="mother", x="mother_name"),
                D("Date of birth", subject="mother", x="mother_dob"),
                T("Address", subject="mother", xopt="mother_address"),
                PH("Telephone number", subject="mother", x="mother_phone"),
                YN("Parental responsibility", subject="mother", x="mother_pr"),
            ],
            level=2,
        ),
        Sec(
            "Father's details",
            [
                T("Full name", subject="father", x="father_name"),
                D("Date of birth", subject="father", x="father_dob"),
                T("Address", subject="father", xopt="father_address"),
                PH("Telephone number", subject="father", x="father_phone"),
                YN("Parental responsibility", subject="father", x="father_pr"),
            ],
            level=2,
        ),
        Sec("Child's developmental needs", [Note(DIMENSION_NOTE)]),
        Sec(
            "Health",
            [
                YN("Is the child registered with a GP?", subject="child"),
                T("GP name and practice", subject="child", dup="gp"),
                YN("Are immunisations up to date?", subject="child", x="immunisations"),
                L("Health needs and development", 120, subject="child", x="health"),
            ],
            level=2,
        ),
        Sec(
            "Education and learning",
            [
                T("School / nursery attended", subject="child", dup="school"),
                NUM("Attendance (%)", subject="child", x="attendance"),
                L(
                    "Learning, progress and any special educational needs",
                    120,
                    subject="child",
                    x="education",
                ),
            ],
            level=2,
        ),
        Q("Emotional and behavioural development", 120, level=2, subject="child", x="emotional"),
        Q("Identity and social presentation", 80, level=2, subject="child"),
        Q("Family and social relationships", 80, level=2, subject="child"),
        Q("Self-care skills", 60, level=2, subject="child"),
        Sec("Parenting capacity", [Note(DIMENSION_NOTE)]),
        Q("Basic care and ensuring safety", 120, level=2, subject="parents"),
        Q("Emotional warmth and stability", 100, level=2, subject="parents"),
        Q("Guidance, boundaries and stimulation", 100, level=2, subject="parents"),
        Sec(
            "Family and environmental factors",
            [
                L("Family history and functioning", 150, subject="family"),
                L("Housing, employment and income", 100, subject="family"),
                L("Wider family and community resources", 100, subject="family"),
            ],
        ),
        Sec(
            "Views of the child and family",
            [
                YN("Was the child seen alone?", subject="child", x="seen_alone"),
                MC(
                    "How were the child's views gathered?",
                    ("Seen alone", "Direct work", "Observation", "Advocate", "Other"),
                    subject="child",
                ),
                L("The child's views, wishes and feelings", 150, subject="child", x="child_views"),
                L("Parents' / carers' views", 120, subject="parents", x="parent_views"),
            ],
        ),
        Sec(
            "Analysis",
            [
                L("Analysis of needs, risks and strengths", 300),
                L("What is the impact on the child of what is happening?", 150, subject="child"),
            ],
        ),
        Sec(
            "Summary of assessment",
            [
                Note("Summarise each domain of the assessment triangle for the manager's decision."),
                L("Child's developmental needs - summary", 80, subject="child"),
                L("Parenting capacity - summary", 80, subject="parents"),
                L("Family and environmental factors - summary", 80, subject="family"),
            ],
        ),
        Sec(
            "Outcome",
            [
                CH(
                    "Outcome of assessment",
                    (
                        "No further action",
                        "Early help",
                        "Child in need plan",
                        "Strategy discussion / section 47 enquiry",
                        "Child looked after",
                    ),
                ),
                L("Reasons for the decision", 100),
            ],
        ),
        Sec(
            "Sign-off",
            [
                T("Child's name", subject="child", dup="cname"),
                T("Child's ID number", subject="child", dup="cid"),
                T("Social worker's name", subject="social_worker", dup="sw"),
                SIG("Social worker's signature", subject="social_worker"),
                D("Date", opt="completed"),
                T("Team manager", subject="manager", x="manager"),
                L("Manager's comments", 80, subject="manager"),
                SIG("Manager's signature", subject="manager"),
                D("Date authorised"),
            ],
        ),
    ],
    redundant=[
        ("Summary of assessment", "Child's developmental needs"),
        ("Summary of assessment", "Parenting capacity"),
        ("Summary of assessment", "Family and environmental factors"),
    ],
    repeated=[["Mother's details", "Father's details"]],
)

CIN_PLAN = Form(
    file="child-in-need-plan_C.docx",
    title="Child in Need Plan",
    style="C",
    source_form="child-in-need-plan",
    libraries=("children-social-care",),
    subtitle="Section 17 Children Act 1989",
    intro=("The plan is reviewed at least every three months at a child in need review meeting.",),
    sections=[
        Sec(
            "1. Child's details",
            [
                T("Child's name", subject="child", dup="cname", x="child_name"),
                D("Date of birth", subject="child", x="child_dob"),
                T("Child's ID number", subject="child", x="child_id"),
                T("Address", subject="child", x="child_address"),
                CH(
                    "Legal status",
                    (
                        "Child in need (section 17)",
                        "Accommodated (section 20)",
                        "Subject to a child protection plan",
                    ),
                    subject="child",
                    x="legal_status",
                ),
                D("Date of this plan"),
                CH("Review frequency", ("Every 4 weeks", "Every 6 weeks", "Every 3 months")),
                D("Date of next review meeting"),
            ],
        ),
        Sec(
            "2. People involved in this plan",
            [
                T("Parents / carers", subject="parents"),
                T("Social worker", subject="social_worker", dup="sw", x="sw"),
                T("Team manager", subject="manager", x="manager"),
                MC(
                    "Agencies involved",
                    (
                        "Health visitor / school nurse",
                        "School or nursery",
                        "CAMHS",
                        "Early help",
                        "Housing",
                        "Police",
                    ),
                ),
            ],
        ),
        Q("3. Why is this child in need?", 150, subject="child"),
        Q("4. What are we worried about?", 150, x="worried"),
        Q("5. What is working well?", 120, x="working_well"),
        Sec(
            "6. What needs to happen?",
            [
                Note(
                    "Each action must say who will do it and by when. Keep actions specific and measurable."
                ),
                TBL(
                    "Actions",
                    (
                        "What needs to happen",
                        "Who will do it",
                        "By when",
                        "How will we know it has made a difference?",
                    ),
                    rows=5,
                ),
            ],
        ),
        Sec(
            "7. Child's views",
            [
                YN("Was the child seen alone?", subject="child", x="seen_alone"),
                L("What does the child think about the plan?", 100, subject="child", x="plan_views"),
            ],
        ),
        Sec(
            "8. Parents' / carers' views",
            [
                CH(
                    "Do the parents / carers agree with the plan?",
                    ("Yes", "No", "In part"),
                    subject="parents",
                ),
                L("Parents' / carers' comments", 100, subject="parents", xopt="parent_views"),
            ],
        ),
        Q("9. Contingency plan", 80),
        Sec(
            "10. Agreement",
            [
                T("Name of child", subject="child", dup="cname"),
                SIG("Parent / carer signature", subject="parents"),
                D("Date"),
                T("Social worker's name", subject="social_worker", dup="sw"),
                SIG("Social worker's signature", subject="social_worker"),
                D("Date"),
            ],
        ),
    ],
)

CP_PLAN = Form(
    file="child-protection-plan_D.docx",
    title="Child Protection Plan",
    style="D",
    source_form="child-protection-plan",
    libraries=("children-social-care",),
    subtitle="Agreed at the initial child protection conference; reviewed by the core group",
    intro=(
        "Press F11 to move between fields. The lead social worker circulates this plan within one working "
        "day of the conference.",
    ),
    header="Form CP2 - Child Protection Plan",
    footer="OFFICIAL-SENSITIVE when completed",
    sections=[
        Sec(
            "Child's details",
            [
                T("Child's name", subject="child", dup="cname", x="child_name"),
                D("Date of birth", subject="child", x="child_dob"),
                T("NHS number", subject="child", x="nhs"),
                T("Child's ID number", subject="child", x="child_id"),
                CH("Gender", ("Male", "Female", "Other"), subject="child", x="gender"),
                T("Home address", subject="child", x="child_address"),
                T("School / early years setting", subject="child", x="school"),
            ],
        ),
        Sec(
            "Conference details",
            [
                D("Date of initial child protection conference", x="conf_date"),
                CH("Category of plan", HARM, x="category"),
                T("Conference chair"),
                D("Date of first core group meeting"),
                D("Date of review conference"),
            ],
        ),
        Sec(
            "Lead professionals",
            [
                T("Lead social worker", subject="social_worker", dup="sw", x="sw"),
                PH("Social worker's telephone number", subject="social_worker"),
                T("Team manager", subject="manager", dup="mgr", x="manager"),
            ],
        ),
        Sec(
            "Core group members",
            [
                Grid(
                    [
                        T("Name", subject="professional"),
                        T("Role / agency", subject="professional"),
                        PH("Telephone", subject="professional"),
                        EM("Email", subject="professional"),
                    ],
                    rows=5,
                )
            ],
        ),
        Q("What are we worried about?", 150, x="worried"),
        Q("What needs to change?", 120),
        Sec(
            "Outcomes and actions",
            [
                Note(
                    "Outcomes should describe what will be different for the child, not the services offered."
                ),
                TBL(
                    "Protection plan actions",
                    (
                        "Outcome to be achieved",
                        "Action",
                        "Person responsible",
                        "Timescale",
                        "How progress will be measured",
                    ),
                    rows=5,
                ),
            ],
        ),
        Q("Contingency plan", 80),
        Sec(
            "Child's views",
            [L("Child's wishes and feelings about the plan", 100, subject="child", x="plan_views")],
        ),
        Sec(
            "Parents' agreement",
            [
                T("Name of child", subject="child", dup="cname"),
                YN("Do the parents agree with the plan?", subject="parents"),
                SIG("Mother's signature", subject="mother"),
                SIG("Father's signature", subject="father"),
                D("Date signed by parents", subject="parents"),
            ],
        ),
        Sec(
            "Sign-off",
            [
                T("Social worker's name", subject="social_worker", dup="sw"),
                SIG("Social worker's signature", subject="social_worker"),
                T("Team manager's name", subject="manager", dup="mgr"),
                D("Date plan agreed"),
            ],
        ),
    ],
)

ICPC = Form(
    file="initial-cp-conference-report_A.docx",
    title="Initial Child Protection Conference Report",
    style="A",
    source_form="initial-cp-conference-report",
    libraries=("children-social-care",),
    subtitle="Social worker's report - share with parents at least two working days before conference",
    intro=("Write in plain English. Avoid jargon and abbreviations; the family will read this report.",),
    sections=[
        Sec(
            "Front sheet",
            [
                T("Child's name", subject="child", dup="cname", x="child_name"),
                D("Date of birth", subject="child", dup="dob", x="child_dob"),
                T("Child's ID number", subject="child", x="child_id"),
                D("Date of conference", x="conf_date"),
                T("Social worker", subject="social_worker", dup="sw", x="sw"),
                T("Team", subject="social_worker", x="sw_team"),
                T("Team manager", subject="manager", dup="mgr", x="manager"),
                D("Date of report", opt="rdate"),
            ],
        ),
        Sec(
            "Household composition",
            [
                Grid(
                    [
                        T("Name", subject="household_member"),
                        T("Relationship", subject="household_member"),
                        D("DOB", subject="household_member"),
                        T("Address", subject="household_member"),
                    ],
                    rows=5,
                )
            ],
        ),
        Sec(
            "Identity and diversity",
            [
                T("Child's full name", subject="child", dup="cname"),
                D("DOB", subject="child", dup="dob"),
                T("NHS number", subject="child", x="nhs"),
                T("Ethnicity", subject="child", x="ethnicity"),
                T("First language", subject="child", x="language"),
                T("Religion", subject="child", x="religion"),
                YN("Does the child have a disability?", subject="child", x="disability"),
                YN("Interpreter required?", subject="child", x="interpreter"),
                T("GP", subject="child", dup="gp", x="gp"),
                T("School / early years setting", subject="child", dup="school", x="school"),
            ],
        ),
        Q("Reason for conference", 150),
        Sec(
            "Background and history",
            [
                L("Previous involvement with Children's Services", 150, subject="family"),
                YN("Has the child previously been subject to a child protection plan?", subject="child"),
                T("If yes, dates and category", subject="child"),
            ],
        ),
        Sec("Assessment of the child's needs"),
        Sec(
            "Health",
            [
                T("GP name and practice", subject="child", dup="gp"),
                YN("Immunisations up to date?", subject="child", x="immunisations"),
                L("Health and development", 120, subject="child", x="health"),
            ],
            level=2,
        ),
        Sec(
            "Education",
            [
                T("School attended", subject="child", dup="school"),
                NUM("Attendance this term (%)", subject="child", x="attendance"),
                L("Progress, behaviour and special educational needs", 120, subject="child", x="education"),
            ],
            level=2,
        ),
        Q("Emotional and behavioural development", 100, level=2, subject="child", x="emotional"),
        Q("Parenting capacity", 200, subject="parents"),
        Q("Family and environmental factors", 150, subject="family"),
        Q("Child's wishes and feelings", 120, subject="child", x="child_views", opt="cviews"),
        Q("Parents' views", 120, subject="parents", x="parent_views"),
        Sec(
            "Analysis",
            [
                L("What are we worried about?", 200, dup="worry", x="worried"),
                L("What is working well?", 150, dup="well", x="working_well"),
                L("Complicating factors", 100),
                L("Analysis of the risk of significant harm", 200),
            ],
        ),
        Sec(
            "Summary",
            [
                Note("The chair reads this summary aloud at the start of conference."),
                L("Summary of concerns", 100, dup="worry"),
                L("Summary of strengths and protective factors", 80, dup="well"),
                L("Summary of the child's views", 60, subject="child", opt="cviews"),
            ],
        ),
        Sec(
            "Recommendation",
            [
                CH("Recommendation to conference", OUTCOME_CP),
                MC("Category of significant harm (if a plan is recommended)", HARM, x="category"),
            ],
        ),
        Sec(
            "Sign-off",
            [
                T("Social worker's name", subject="social_worker", dup="sw"),
                SIG("Social worker's signature", subject="social_worker"),
                D("Date", opt="rdate"),
                T("Team manager's name", subject="manager", dup="mgr"),
                SIG("Team manager's signature", subject="manager"),
                D("Date authorised"),
            ],
        ),
    ],
    redundant=[("Analysis", "Summary")],
)

LAC_REVIEW = Form(
    file="looked-after-child-review_E.pdf",
    title="Looked After Child Review",
    style="E",
    source_form="looked-after-child-review",
    libraries=("children-in-care",),
    subtitle="Review of the care plan chaired by the Independent Reviewing Officer (IRO)",
    intro=("Complete on screen. The IRO records decisions within 5 working days of the review.",),
    sections=[
        Sec(
            "Review details",
            [
                T("Child's name", subject="child", dup="cname", x="child_name"),
                D("Date of birth", subject="child", x="child_dob"),
                T("Child's ID number", subject="child", x="child_id"),
                D("Date of review"),
                CH(
                    "Type of review",
                    (
                        "First review (within 20 working days)",
                        "Second review (within 3 months)",
                        "Subsequent review (every 6 months)",
                    ),
                ),
                T("Independent Reviewing Officer", subject="iro", dup="iro"),
                T("Venue"),
            ],
        ),
        Sec(
            "Placement",
            [
                CH(
                    "Legal status",
                    ("Section 20", "Interim care order", "Care order", "Placement order"),
                    subject="child",
                    x="legal_status",
                ),
                CH(
                    "Placement type",
                    ("Foster care", "Kinship care", "Residential home", "Placed with parents"),
                ),
                T("Carer's name", subject="carer"),
                D("Date of placement"),
                YN("Is the placement meeting the child's needs?", subject="child"),
            ],
        ),
        Sec(
            "Health",
            [
                T("NHS number", subject="child"),
                D("Date of last health assessment", subject="child"),
                YN("Dental check in the last 12 months?", subject="child"),
                YN("Immunisations up to date?", subject="child"),
                L("Health update", 100, subject="child"),
            ],
        ),
        Sec(
            "Education",
            [
                T("School", subject="child", x="school"),
                YN("Does the child have an up-to-date Personal Education Plan?", subject="child"),
                D("Date of last PEP meeting", subject="child"),
                L("Education update", 100, subject="child"),
            ],
        ),
        Sec(
            "Family time",
            [
                L("Family time (contact) arrangements", 80, subject="child"),
                MC(
                    "Who was consulted before the review?",
                    ("Child", "Parents", "Carer", "Social worker", "School", "Health"),
                ),
            ],
        ),
        Sec(
            "Child's views",
            [
                CH("Did the child attend the review?", ("Yes", "No", "Part of the review")),
                L("Child's views about their care", 120, subject="child", x="lac_views"),
            ],
        ),
        Sec(
            "Care plan",
            [
                L("Progress since the last review", 150),
                YN("Is the care plan still appropriate?"),
                L("Review decisions", 150),
            ],
        ),
        Sec(
            "Sign-off",
            [
                T("Child's name", subject="child", dup="cname"),
                T("IRO name", subject="iro", dup="iro"),
                SIG("IRO signature", subject="iro"),
                D("Date decisions circulated"),
                # next statutory review vs the pathway plan's next review: often the same meeting, not always
                D("Date of next review", xopt="next_review"),
            ],
        ),
    ],
)

PATHWAY = Form(
    file="pathway-plan_G.docx",
    title="Pathway Plan",
    style="G",
    source_form="pathway-plan",
    libraries=("children-in-care",),
    subtitle="For care leavers aged 16 to 25 (Children (Leaving Care) Act 2000)",
    intro=("Write this plan with the young person, in their words. Review it at least every six months.",),
    sections=[
        Sec(
            "About me",
            [
                T("Young person's name", subject="young_person", dup="yp", x="child_name"),
                D("Date of birth", subject="young_person", x="child_dob"),
                T("ID number", subject="young_person", x="child_id"),
                CH("Care leaver status", ("Eligible", "Relevant", "Former relevant"), subject="young_person"),
                T("Personal adviser", subject="personal_adviser", dup="pa"),
                D("Date of plan"),
                D("Date of next review", xopt="next_review"),
            ],
        ),
        Sec(
            "My views",
            [
                L("What is going well for me?", 100, subject="young_person", x="lac_views"),
                L("What I am worried about", 100, subject="young_person"),
                L("What I want to achieve in the next six months", 100, subject="young_person"),
            ],
            mode="textbox",
        ),
        Sec(
            "Accommodation",
            [
                T("Where I live now", subject="young_person"),
                YN("Is my accommodation suitable?", subject="young_person"),
                L("Plan for accommodation", 100, subject="young_person"),
            ],
        ),
        Sec(
            "Education, training and employment",
            [
                T("Current education, training or employment", subject="young_person"),
                L("Goals and support needed", 100, subject="young_person"),
            ],
        ),
        Sec(
            "Health and wellbeing",
            [
                T("GP", subject="young_person"),
                YN("Registered with a dentist?", subject="young_person"),
                L("Health needs and support", 80, subject="young_person"),
            ],
        ),
        Sec(
            "Money",
            [
                T("Income and benefits", subject="young_person"),
                YN("Do I have a bank account?", subject="young_person"),
                L("Help I need with budgeting", 60, subject="young_person"),
            ],
        ),
        Q("Contingency plan", 80),
        Sec(
            "Signatures",
            [
                T("Young person's name", subject="young_person", dup="yp"),
                SIG("Young person's signature", subject="young_person"),
                T("Personal adviser's name", subject="personal_adviser", dup="pa"),
                SIG("Personal adviser's signature", subject="personal_adviser"),
                D("Date agreed"),
            ],
        ),
    ],
)
PATHWAY.sections[-2].mode = "textbox"  # contingency plan answer box is a text box

EARLY_HELP = Form(
    file="early-help-assessment_F.pdf",
    title="Early Help Assessment",
    style="F",
    source_form="early-help-assessment",
    libraries=("children-social-care",),
    subtitle="Print and complete in black ink",
    intro=(
        "This assessment is voluntary. It is completed with the family and only shared with their consent.",
    ),
    sections=[
        Sec(
            "Child's details",
            [
                T("Child's name", subject="child", dup="cname", x="child_name"),
                D("Date of birth", subject="child", x="child_dob"),
                CH("Gender", ("Male", "Female", "Other"), subject="child", x="gender"),
                T("Address", subject="child", x="child_address"),
                T("Postcode", subject="child", x="postcode"),
                T("School / setting", subject="child", x="school"),
                T("GP", subject="child", x="gp"),
                T("Ethnicity", subject="child", x="ethnicity"),
                T("First language", subject="child", x="language"),
            ],
        ),
        Sec("Parent / carer details"),
        Sec(
            "Parent / carer 1",
            [
                T("Name", subject="carer_1"),
                T("Relationship to child", subject="carer_1"),
                PH("Telephone number", subject="carer_1"),
                YN("Parental responsibility?", subject="carer_1"),
            ],
            level=2,
        ),
        Sec(
            "Parent / carer 2",
            [
                T("Name", subject="carer_2"),
                T("Relationship to child", subject="carer_2"),
                PH("Telephone number", subject="carer_2"),
                YN("Parental responsibility?", subject="carer_2"),
            ],
            level=2,
        ),
        Sec(
            "Consent",
            [
                YN(
                    "Does the family agree to this assessment and to information being shared?",
                    subject="parents",
                    xopt="consent",
                ),
                SIG("Parent / carer signature", subject="parents"),
                D("Date of consent", subject="parents"),
            ],
        ),
        Sec(
            "Assessment",
            [
                T("Child's name", subject="child", dup="cname"),
                L("What is working well?", 120, x="working_well"),
                L("What are the worries?", 120, x="worried", opt="worry"),
                L("What does the family want to change?", 100, subject="family"),
                L("The child's views", 80, subject="child", x="child_views"),
            ],
        ),
        Sec(
            "Next steps",
            [
                L("Summary of needs", 80, opt="worry"),
                CH(
                    "Outcome",
                    (
                        "Team Around the Family",
                        "Single agency support",
                        "Step up to Children's Social Care",
                        "No further action",
                    ),
                ),
            ],
        ),
        Sec(
            "Lead professional",
            [
                T("Name", subject="professional"),
                T("Agency", subject="professional"),
                PH("Telephone", subject="professional"),
                EM("Email", subject="professional"),
                SIG("Signature", subject="professional"),
                D("Date", subject="professional"),
            ],
        ),
    ],
    repeated=[["Parent / carer 1", "Parent / carer 2"]],
)

CASE_NOTE = Form(
    file="case-note_A.docx",
    title="Case Note",
    style="A",
    source_form="case-note",
    libraries=("children-social-care",),
    subtitle="Record of visit, contact or discussion",
    intro=("Record within 24 hours of the contact. Write to the child.",),
    header="Form CN1 - Children's Services case note (version 2.3)",
    footer="OFFICIAL-SENSITIVE when completed - Form ref CN1",
    sections=[
        Sec(
            "Case note details",
            [
                T("Child's name", subject="child", x="child_name"),
                T("Child's ID number", subject="child", x="child_id"),
                D("Date of contact"),
                TM("Time of contact"),
                CH(
                    "Type of contact",
                    ("Home visit", "Office visit", "Telephone call", "Virtual visit", "Other"),
                ),
                YN("Was the child seen?", subject="child"),
                YN("Was the child seen alone?", subject="child", x="seen_alone"),
            ],
        ),
        Sec(
            "Record of contact",
            [
                L("Who was present?", 30),
                L("Purpose of the contact", 40),
                L("What happened?", 250),
                L("What did the child say?", 80, subject="child"),
                L("Analysis and next steps", 80),
            ],
        ),
        Sec(
            "Recorded by",
            [
                T("Worker's name", subject="social_worker", xopt="sw"),
                D("Date recorded"),
                SIG("Signature", subject="social_worker"),
            ],
        ),
    ],
)

S47 = Form(
    file="section-47-enquiry_M.docx",
    title="Section 47 Enquiry Record",
    style="M",
    source_form="section-47-enquiry",
    libraries=("children-social-care",),
    subtitle="Children Act 1989, section 47",
    intro=("Start the enquiry within the timescale agreed at the strategy discussion.",),
    sections=[
        Sec(
            "Child's details",
            [
                T("Child's name", subject="child", dup="cname", x="child_name"),
                D("Date of birth", subject="child", x="child_dob"),
                T("NHS number", subject="child", x="nhs"),
                T("Child's ID number", subject="child", x="child_id"),
                T("Address", subject="child", x="child_address"),
                T("School", subject="child", x="school"),
                T("Allocated social worker", subject="social_worker", dup="sw", x="sw"),
            ],
            mode="cells",
        ),
        Sec(
            "Strategy discussion",
            [
                D("Date of strategy discussion"),
                TBL("Agencies represented at the strategy discussion", ("Name", "Agency", "Role"), rows=4),
                L("Reason for the section 47 enquiry", 150),
                YN("Is a joint investigation with the police required?"),
                YN("Is a medical examination required?", subject="child"),
            ],
            mode="blanks",
        ),
        Sec("Enquiry"),
        Sec(
            "Child seen",
            [
                D("Date child seen", subject="child"),
                YN("Was the child seen alone?", subject="child", x="seen_alone"),
                L("Child's account", 150, subject="child", xopt="child_views"),
            ],
            level=2,
            mode="blanks",
        ),
        Q("Parents' / carers' account", 150, level=2, subject="parents", xopt="parent_views"),
        Q("Information from other agencies", 150, level=2),
        Sec(
            "Analysis and outcome",
            [
                L("Analysis of the risk of significant harm", 200),
                CH("Are the concerns substantiated?", ("Substantiated", "Not substantiated", "Unclear")),
                YN("Is the child likely to suffer significant harm?", subject="child"),
                CH(
                    "Outcome of enquiry",
                    (
                        "Initial child protection conference",
                        "Child in need plan",
                        "Early help",
                        "No further action",
                    ),
                ),
            ],
            mode="blanks",
        ),
        Sec(
            "Sign-off",
            [
                T("Child's name", subject="child", dup="cname"),
                T("Social worker", subject="social_worker", dup="sw"),
                SIG("Signature", subject="social_worker"),
                D("Date completed"),
                T("Team manager", subject="manager", x="manager"),
                L("Manager's decision and reasons", 80, subject="manager"),
                D("Date of manager's decision", subject="manager"),
            ],
            mode="cells",
        ),
    ],
)

#: a second rendering of the child in need plan as a fillable PDF (same form, other construction)
CIN_PLAN_E = replace(CIN_PLAN, file="child-in-need-plan_E.pdf", style="E")

FORMS = [
    MARF_A,
    MARF_E,
    ASSESSMENT,
    CIN_PLAN,
    CIN_PLAN_E,
    CP_PLAN,
    ICPC,
    LAC_REVIEW,
    PATHWAY,
    EARLY_HELP,
    CASE_NOTE,
    S47,
]
VARIANTS = [
    ["multi-agency-referral_A.docx", "multi-agency-referral_E.pdf"],
    ["child-in-need-plan_C.docx", "child-in-need-plan_E.pdf"],
]
LIBRARIES = {
    "children-social-care": "Front door, assessment, planning and conference forms used on one case",
    "children-in-care": "Forms for looked-after children and care leavers",
}
#: cross-form groups whose members are debatable matches (scored as optional)
OPTIONAL_X = {"lac_views"}


# =============================================================================================== truth
def truth_for(form: Form) -> dict:
    fields, refs = [], []
    seen: dict[tuple[str, str], int] = {}
    for sec in form.sections:
        for f in sec.fields:
            key = (sec.title, f.label)
            occ = seen.get(key, 0)
            seen[key] = occ + 1
            d = {"section": sec.title, "label": f.label, "kind": f.kind, "fine_kind": f.fine}
            if f.options:
                d["options"] = list(f.options)
            if f.columns:
                d["columns"] = list(f.columns)
            if f.subject:
                d["subject"] = f.subject
            if f.words:
                d["expected_words"] = f.words
            fields.append(d)
            refs.append((f, [sec.title, f.label, occ]))

    def ref(r):
        return r[:2] if seen[(r[0], r[1])] == 1 else r

    def groups(attr):
        g: dict[str, list] = {}
        for f, r in refs:
            k = getattr(f, attr)
            if k:
                g.setdefault(k, []).append(ref(r))
        for k, members in g.items():
            assert len(members) >= 2, f"{form.file}: {attr} group {k!r} has one member"
        return list(g.values())

    titles = [s.title for s in form.sections]
    assert len(set(titles)) == len(titles), f"{form.file}: repeated section title"
    for a, b in form.redundant:
        assert a in titles and b in titles, (form.file, a, b)
    for blk in form.repeated:
        assert all(t in titles for t in blk), (form.file, blk)
    return {
        "file": form.file,
        "title": form.title,
        "style": form.style,
        "source_form": form.source_form,
        "provenance": "composed",
        "sections": titles,
        "section_levels": [s.level for s in form.sections],
        "fields": fields,
        "duplicates": groups("dup"),
        "optional_duplicates": groups("opt"),
        "redundant_sections": [list(p) for p in form.redundant],
        "repeated_blocks": [list(b) for b in form.repeated],
    }


def library_truth(forms: list[Form]) -> dict:
    libs = []
    for name, desc in LIBRARIES.items():
        libs.append(
            {"name": name, "description": desc, "files": [f.file for f in forms if name in f.libraries]}
        )
    # per library and key: the ``x`` occurrences form a scored group; ``xopt`` occurrences (debatable matches,
    # e.g. "first name" vs "name") join an optional group with them; keys in OPTIONAL_X are optional throughout
    required, optional = [], []
    for name in LIBRARIES:
        keys: dict[str, dict[str, list]] = {}
        for form in (f for f in forms if name in f.libraries):
            for sec in form.sections:
                for f in sec.fields:
                    for attr in ("x", "xopt"):
                        k = getattr(f, attr)
                        if k:
                            keys.setdefault(k, {"x": [], "xopt": []})[attr].append(
                                [form.file, sec.title, f.label]
                            )
        for k, g in keys.items():
            req = [] if k in OPTIONAL_X else g["x"]
            opt = g["x"] + g["xopt"] if (g["xopt"] or k in OPTIONAL_X) else []
            if len({r[0] for r in req}) >= 2:
                required.append(req)
            if len({r[0] for r in opt}) >= 2:
                optional.append(opt)
    return {
        "libraries": libs,
        "variants": VARIANTS,
        "cross_form_duplicates": required,
        "optional_cross_form_duplicates": optional,
    }


# =============================================================================================== DOCX
W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)
PAGE_W = 9638  # A4 text width in twips with 2 cm margins
LABEL_W, ANSWER_W = 3515, PAGE_W - 3515
BOX = "\u2610"
EN_SPACES = "\u2002" * 5
FIXED_TIME = _dt.datetime(2024, 4, 1, 9, 0, 0)
ZIP_TIME = (2024, 4, 1, 9, 0, 0)
PLACEHOLDER = "Click or tap here to enter text."


def x(s: str) -> str:
    return escape(s, {'"': "&quot;"})


def run(text: str, b=False, i=False, sz=None, color=None, font=None) -> str:
    pr = ""
    if font:
        pr += f'<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:hint="eastAsia"/>'
    if b:
        pr += "<w:b/>"
    if i:
        pr += "<w:i/>"
    if color:
        pr += f'<w:color w:val="{color}"/>'
    if sz:
        pr += f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>'
    rpr = f"<w:rPr>{pr}</w:rPr>" if pr else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{x(text)}</w:t></w:r>'


def para(content: str = "", style=None, jc=None, ind=None, before=None, after=None, keep=False) -> str:
    pr = ""
    if style:
        pr += f'<w:pStyle w:val="{style}"/>'
    if keep:
        pr += "<w:keepNext/>"
    if before is not None or after is not None:
        pr += "<w:spacing" + (f' w:before="{before}"' if before is not None else "")
        pr += (f' w:after="{after}"' if after is not None else "") + "/>"
    if ind:
        pr += f'<w:ind w:left="{ind}"/>'
    if jc:
        pr += f'<w:jc w:val="{jc}"/>'
    ppr = f"<w:pPr>{pr}</w:pPr>" if pr else ""
    return f"<w:p>{ppr}{content}</w:p>"


def cell(content: str, w: int, span=1, fill=None) -> str:
    pr = f'<w:tcW w:w="{w}" w:type="dxa"/>'
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if fill:
        pr += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{content or '<w:p/>'}</w:tc>"


def row(cells: list[str], height=None, header=False, cant_split=False) -> str:
    pr = ""
    if cant_split:
        pr += "<w:cantSplit/>"
    if height:
        pr += f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>'
    if header:
        pr += "<w:tblHeader/>"
    trpr = f"<w:trPr>{pr}</w:trPr>" if pr else ""
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def table(rows: list[str], widths: list[int]) -> str:
    borders = "".join(
        f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for b in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )


def box_height(words: int | None) -> int:
    """Height (twips) of an answer box sized for about ``words`` words."""
    return max(850, min(5200, (words or 60) * 15))


class Ids:
    """Deterministic ids for content controls, form fields and drawings."""

    def __init__(self):
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


# ---- content controls (style C)
def sdt_inline(ids: Ids, kind: str, f: Fld) -> str:
    n = ids.next()
    tag = f'<w:alias w:val="{x(f.label[:60])}"/><w:tag w:val="cc{n}"/><w:id w:val="{100000 + n * 7919}"/>'
    if kind == "date":
        typ = (
            '<w:date><w:dateFormat w:val="dd/MM/yyyy"/><w:lid w:val="en-GB"/>'
            '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>'
        )
        ph = "Click or tap to enter a date."
    elif kind == "dropdown":
        items = '<w:listItem w:displayText="Choose an item." w:value=""/>' + "".join(
            f'<w:listItem w:displayText="{x(o)}" w:value="{x(o)}"/>' for o in f.options
        )
        typ = f"<w:dropDownList>{items}</w:dropDownList>"
        ph = "Choose an item."
    elif kind == "rich":
        typ = "<w:richText/>"
        ph = PLACEHOLDER
    else:
        typ = "<w:text/>"
        ph = PLACEHOLDER
    return (
        f"<w:sdt><w:sdtPr>{tag}<w:showingPlcHdr/>{typ}</w:sdtPr><w:sdtContent>"
        f'<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/><w:color w:val="808080"/></w:rPr>'
        f"<w:t>{ph}</w:t></w:r></w:sdtContent></w:sdt>"
    )


def sdt_checkbox(ids: Ids) -> str:
    n = ids.next()
    return (
        f'<w:sdt><w:sdtPr><w:tag w:val="cc{n}"/><w:id w:val="{100000 + n * 7919}"/><w14:checkbox>'
        '<w14:checked w14:val="0"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent>'
        f"{run(BOX, font='MS Gothic')}</w:sdtContent></w:sdt>"
    )


def sdt_block_rich(ids: Ids, f: Fld) -> str:
    n = ids.next()
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{x(f.label[:60])}"/><w:tag w:val="cc{n}"/>'
        f'<w:id w:val="{100000 + n * 7919}"/><w:showingPlcHdr/><w:richText/></w:sdtPr><w:sdtContent>'
        f'<w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/><w:color w:val="808080"/></w:rPr>'
        f"<w:t>{PLACEHOLDER}</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )


# ---- legacy form fields (style D)
def legacy(ids: Ids, kind: str, f: Fld | None = None) -> str:
    n = ids.next()
    if kind == "check":
        name = f"Check{n}"
        ff = f'<w:name w:val="{name}"/><w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="0"/></w:checkBox>'
        return (
            f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData>{ff}</w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
    if kind == "dropdown":
        name = f"Dropdown{n}"
        entries = "".join(f'<w:listEntry w:val="{x(o)}"/>' for o in f.options)
        ff = f'<w:name w:val="{name}"/><w:enabled/><w:calcOnExit w:val="0"/><w:ddList>{entries}</w:ddList>'
        instr, result = " FORMDROPDOWN ", ""
    else:
        name = f"Text{n}"
        ti = (
            '<w:textInput><w:type w:val="date"/><w:format w:val="dd/MM/yyyy"/></w:textInput>'
            if kind == "date"
            else "<w:textInput/>"
        )
        ff = f'<w:name w:val="{name}"/><w:enabled/><w:calcOnExit w:val="0"/>{ti}'
        instr, result = (
            " FORMTEXT ",
            f'<w:r><w:rPr><w:noProof/></w:rPr><w:t xml:space="preserve">{EN_SPACES}</w:t></w:r>',
        )
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData>{ff}</w:ffData></w:fldChar></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


# ---- text boxes (style G)
def text_box(ids: Ids, inner: str, height_twips: int) -> str:
    """A DrawingML text box (mc:Choice) with its VML fallback copy, anchored in its own paragraph."""
    n = ids.next()
    cx, cy = PAGE_W * 635, height_twips * 635  # EMU
    w_pt, h_pt = PAGE_W / 20, height_twips / 20
    choice = (
        '<mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{n}" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{n}" name="Text Box {n}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        '<a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
        'anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>'
        "</wp:anchor></w:drawing></mc:Choice>"
    )
    fallback = (
        "<mc:Fallback><w:pict>"
        f'<v:shape id="Text Box {n}" o:spid="_x0000_s{1024 + n}" type="#_x0000_t202" '
        f'style="position:absolute;margin-left:0;margin-top:0;width:{w_pt:.1f}pt;height:{h_pt:.1f}pt;'
        f'z-index:{n};mso-wrap-style:square" fillcolor="white" strokeweight=".5pt">'
        f"<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    )
    return f"<w:p><w:r><mc:AlternateContent>{choice}{fallback}</mc:AlternateContent></w:r></w:p>"


class DocxBuilder:
    """Writes a Form as a Word document.

    ``heading``: ``row`` (shaded merged table rows), ``style`` (Heading 1/2) or ``numbered`` (bold numbered
    paragraphs). ``mode`` (default per-section construction): ``cells`` (two-column table, empty answer cells),
    ``blanks`` (``Label: ____`` paragraphs and 1x1 answer boxes), ``sdt`` (content controls), ``legacy``
    (legacy form fields); a section may override it with ``blanks``, ``cells`` or ``textbox``.
    """

    def __init__(self, form: Form, heading: str, mode: str, title_style: str | None = None):
        self.form, self.heading, self.mode, self.title_style = form, heading, mode, title_style
        self.ids = Ids()
        self.out: list[str] = []
        self.pending: list = []  # style A: a level-1 section with no own fields (+ its notes), carried forward

    # ---- answer areas per construction
    def short_answer(self, f: Fld, mode: str) -> str:
        if mode == "sdt":
            return para(sdt_inline(self.ids, "date" if f.kind == "date" else "text", f))
        if mode == "legacy":
            return para(legacy(self.ids, "date" if f.fine == "date" else "text"))
        return "<w:p/>"

    def choice_answer(self, f: Fld, mode: str) -> str:
        """Answer-cell content of a choice question."""
        many = f.fine == "multi_choice" or len(f.options) > 4
        if mode == "sdt":
            if f.fine == "choice" and len(f.options) > 2 and f.options != ("Yes", "No"):
                return para(sdt_inline(self.ids, "dropdown", f))
            if many:
                return "".join(para(sdt_checkbox(self.ids) + run(f" {o}"), after=0) for o in f.options)
            return para("".join(run(f"{o} ") + sdt_checkbox(self.ids) + run("   ") for o in f.options))
        if mode == "legacy":
            if f.fine == "choice" and len(f.options) > 2:
                return para(legacy(self.ids, "dropdown", f))
            if many:
                return "".join(para(legacy(self.ids, "check") + run(f" {o}"), after=0) for o in f.options)
            return para("".join(run(f"{o} ") + legacy(self.ids, "check") + run("   ") for o in f.options))
        if many:
            return "".join(para(run(f"{BOX} {o}"), after=0) for o in f.options)
        return para(run("   ".join(f"{BOX} {o}" for o in f.options)))

    def long_answer(self, f: Fld, mode: str) -> str:
        if mode == "sdt":
            return sdt_block_rich(self.ids, f)
        if mode == "legacy":
            return para(legacy(self.ids, "text"))
        return "<w:p/>"

    # ---- headings
    def heading_para(self, sec: Sec) -> str:
        if self.heading == "numbered":
            size = 26 if sec.level == 1 else 22
            return para(run(sec.title, b=True, sz=size), before=240, after=120, keep=True)
        return para(run(sec.title), style=f"Heading{sec.level}")

    def heading_row(self, sec: Sec, span: int, widths_total: int) -> str:
        fill = "BFBFBF" if sec.level == 1 else "E7E6E6"
        sz = 24 if sec.level == 1 else None
        return row(
            [cell(para(run(sec.title, b=True, sz=sz)), widths_total, span=span, fill=fill)], cant_split=True
        )

    # ---- tables of fields (modes cells / sdt / legacy)
    def field_rows(self, items: list, mode: str) -> list[str]:
        rows = []
        lw, aw = LABEL_W, ANSWER_W
        for it in items:
            if isinstance(it, Note):
                rows.append(row([cell(para(run(it.text, i=True, sz=18, color="595959")), PAGE_W, span=2)]))
                continue
            f = it
            if f.kind == "long":
                if not f.heading:
                    rows.append(
                        row([cell(para(run(f.label)), PAGE_W, span=2, fill="F2F2F2")], cant_split=True)
                    )
                rows.append(
                    row([cell(self.long_answer(f, mode), PAGE_W, span=2)], height=box_height(f.words))
                )
                continue
            if f.kind == "choice":
                ans = self.choice_answer(f, mode)
            elif f.kind == "signature" and mode == "cells":
                ans = "<w:p/>"
            else:
                ans = self.short_answer(f, mode)
            rows.append(
                row([cell(para(run(f.label)), lw, fill="F2F2F2"), cell(ans, aw)], height=397, cant_split=True)
            )
        return rows

    def grid_table(self, columns: list[str], nrows: int, mode: str, head: list[str] | None = None) -> str:
        n = len(columns)
        w = PAGE_W // n
        widths = [w] * (n - 1) + [PAGE_W - w * (n - 1)]
        rows = list(head or [])
        rows.append(
            row(
                [cell(para(run(c, b=True, sz=18)), widths[i], fill="E7E6E6") for i, c in enumerate(columns)],
                header=True,
            )
        )
        for _ in range(nrows):
            cells = []
            for i in range(n):
                content = "<w:p/>"
                if mode == "sdt":
                    content = para(sdt_inline(self.ids, "text", Fld(columns[i])))
                elif mode == "legacy":
                    content = para(legacy(self.ids, "text"))
                cells.append(cell(content, widths[i]))
            rows.append(row(cells, height=454))
        return table(rows, widths)

    # ---- blank-line paragraphs (mode blanks)
    def blanks(self, items: list) -> list[str]:
        out = []
        for it in items:
            if isinstance(it, Note):
                out.append(para(run(it.text, i=True, sz=18, color="595959")))
                continue
            f = it
            lab = run(f"{f.label}:" if not f.label.endswith("?") else f.label, b=True)
            if f.kind == "long":
                if not f.heading:
                    out.append(para(run(f.label, b=True), keep=True))
                out.append(table([row([cell("<w:p/>", PAGE_W)], height=box_height(f.words))], [PAGE_W]))
                out.append("<w:p/>")
            elif f.fine == "date":
                out.append(para(lab + run(" ____/____/________")))
            elif f.fine == "time":
                out.append(para(lab + run(" ____:____")))
            elif f.kind == "choice":
                if f.fine == "multi_choice" or len(f.options) > 4:
                    out.append(para(run(f.label, b=True), keep=True))
                    out.extend(para(run(f"{BOX} {o}"), ind=454, after=0) for o in f.options)
                else:
                    out.append(
                        para(run(f.label, b=True) + run("   " + "  ".join(f"{o} {BOX}" for o in f.options)))
                    )
            elif f.kind == "signature":
                out.append(para(lab + run(" " + "_" * 40)))
            else:
                out.append(para(lab + run(" " + "_" * 48)))
        return out

    # ---- text boxes (mode textbox)
    def textboxes(self, sec: Sec) -> list[str]:
        out = []
        for it in sec.items:
            if isinstance(it, Note):
                out.append(para(run(it.text, i=True, sz=18)))
                continue
            inner = "" if it.heading else para(run(it.label, b=True))
            inner += "<w:p/>" * 4
            out.append(text_box(self.ids, inner, box_height(it.words) + (0 if it.heading else 400)))
        return out

    # ---- whole document
    def body(self) -> str:
        f = self.form
        if self.title_style:
            self.out.append(para(run(f.title), style=self.title_style))
        else:
            self.out.append(para(run(f.title, b=True, sz=32), jc="center"))
        if f.subtitle:
            self.out.append(para(run(f.subtitle, i=True, sz=18), jc=None if self.title_style else "center"))
        for t in f.intro:
            self.out.append(para(run(t, i=True, sz=18, color="595959")))
        for sec in f.sections:
            mode = sec.mode or self.mode
            if self.heading == "row":
                self.section_as_rows(sec, mode)
            else:
                self.out.append(self.heading_para(sec))
                self.section_body(sec, mode)
        if self.pending:
            self.out.append(table(self.head_rows([], 2), [LABEL_W, ANSWER_W]))
        return "".join(self.out)

    def head_rows(self, items: list, span: int) -> list[str]:
        """Heading (and guidance) rows spanning ``span`` columns: carried-forward items first."""
        rows = []
        for it in [*self.pending, *items]:
            if isinstance(it, Sec):
                rows.append(self.heading_row(it, span, PAGE_W))
            else:
                rows.append(row([cell(para(run(it.text, i=True, sz=18, color="595959")), PAGE_W, span=span)]))
        self.pending = []
        return rows

    def section_as_rows(self, sec: Sec, mode: str) -> None:
        grids = [it for it in sec.items if isinstance(it, Grid)]
        tables = [it for it in sec.items if isinstance(it, Fld) and it.kind == "table"]
        plain = [it for it in sec.items if not isinstance(it, Grid) and it not in tables]
        if not sec.fields and not grids:
            self.pending += [sec, *plain]
            return
        if grids:
            g = grids[0]
            head = self.head_rows([sec], len(g.columns))
            self.out.append(self.grid_table([c.label for c in g.columns], g.rows, mode, head=head))
            self.out.append("<w:p/>")
            return
        self.out.append(table(self.head_rows([sec], 2) + self.field_rows(plain, mode), [LABEL_W, ANSWER_W]))
        for t in tables:
            self.out.append(para(run(t.label, b=True), before=120, keep=True))
            self.out.append(self.grid_table(list(t.columns), t.rows, mode))
        self.out.append("<w:p/>")

    def section_body(self, sec: Sec, mode: str) -> None:
        if mode == "textbox":
            self.out.extend(self.textboxes(sec))
            return
        chunk: list = []

        def flush():
            if not chunk:
                return
            if mode == "blanks":
                self.out.extend(self.blanks(chunk))
            elif all(isinstance(c, Fld) and c.heading for c in chunk):
                # heading-as-question: an answer box directly under the heading
                f = chunk[0]
                if mode == "sdt":
                    content = sdt_block_rich(self.ids, f)
                elif mode == "legacy":
                    content = para(legacy(self.ids, "text"))
                else:
                    content = "<w:p/>"
                self.out.append(table([row([cell(content, PAGE_W)], height=box_height(f.words))], [PAGE_W]))
            elif all(isinstance(c, Note) for c in chunk):
                self.out.extend(para(run(c.text, i=True, sz=18, color="595959")) for c in chunk)
            else:
                self.out.append(table(self.field_rows(chunk, mode), [LABEL_W, ANSWER_W]))
            self.out.append("<w:p/>")
            chunk.clear()

        for it in sec.items:
            if isinstance(it, Grid):
                flush()
                self.out.append(self.grid_table([c.label for c in it.columns], it.rows, mode))
                self.out.append("<w:p/>")
            elif isinstance(it, Fld) and it.kind == "table":
                flush()
                self.out.append(para(run(it.label, b=mode == "blanks"), before=120, keep=True))
                self.out.append(self.grid_table(list(it.columns), it.rows, mode))
                self.out.append("<w:p/>")
            elif isinstance(it, Note) and mode != "blanks":
                flush()
                self.out.append(para(run(it.text, i=True, sz=18, color="595959")))
            else:
                chunk.append(it)
        flush()

    def save(self, path: Path) -> None:
        import docx
        from docx.oxml import parse_xml
        from docx.shared import Twips

        doc = docx.Document()
        sect = doc.sections[0]
        sect.page_width, sect.page_height = Twips(11906), Twips(16838)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(sect, side, Twips(1134))
        if self.form.header:
            sect.header.paragraphs[0].text = self.form.header
        if self.form.footer:
            sect.footer.paragraphs[0].text = self.form.footer
        body = doc.element.body
        sect_pr = body[-1]
        frag = parse_xml(f"<w:body {W_NS}>{self.body()}</w:body>")
        for el in list(frag):
            sect_pr.addprevious(el)
        cp = doc.core_properties
        cp.title = self.form.title
        cp.subject = "Children's social care"
        cp.author = "formaudit sample forms"
        cp.last_modified_by = "formaudit sample forms"
        cp.keywords = self.form.source_form
        cp.comments = "Composed sample form for formaudit tests"
        cp.revision = 1
        cp.created = cp.modified = cp.last_printed = FIXED_TIME
        buf = io.BytesIO()
        doc.save(buf)
        write_zip_deterministic(buf.getvalue(), path)


def write_zip_deterministic(data: bytes, path: Path) -> None:
    """Re-pack a zip with fixed timestamps and a fixed entry order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    path.write_bytes(out.getvalue())


DOCX_STYLE = {
    "A": dict(heading="row", mode="cells"),
    "B": dict(heading="style", mode="blanks", title_style="Title"),
    "C": dict(heading="numbered", mode="sdt"),
    "D": dict(heading="style", mode="legacy"),
    "G": dict(heading="style", mode="cells", title_style="Title"),
    "M": dict(heading="style", mode="cells"),
}


# =============================================================================================== PDF
A4_W, A4_H = 595.27, 841.89
MARGIN = 50
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


def _register_fonts() -> tuple[str, str]:
    """DejaVu (for ☐) when available, else Helvetica with drawn squares only."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for d in FONT_DIRS:
        reg, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
        if reg.exists() and bold.exists():
            if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVuSans", str(reg)))
                pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


class PdfBuilder:
    """Writes a Form as a PDF: ``fillable`` (AcroForm widgets, style E) or flat (style F)."""

    def __init__(self, form: Form, fillable: bool, filled: bool = False):
        self.form, self.fillable = form, fillable
        self.filled = filled  # a filled-in copy: typed values in every answer area (build_filled)
        self.values = 0
        self.font, self.bold = ("Helvetica", "Helvetica-Bold") if fillable else _register_fonts()
        self.glyph_box = self.font != "Helvetica"
        self.n = 0
        self.page = 1

    # ---- layout helpers
    def new_page(self):
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = A4_H - MARGIN

    def need(self, h):
        if self.y - h < MARGIN + 20:
            self.new_page()

    def footer(self):
        self.c.setFont(self.font, 8)
        self.c.setFillGray(0.4)
        self.c.drawString(MARGIN, 30, f"{self.form.title} - OFFICIAL-SENSITIVE when completed")
        self.c.drawRightString(A4_W - MARGIN, 30, f"Page {self.page}")
        self.c.setFillGray(0)

    def text(self, s, size=10, bold=False, x=MARGIN, width=None, gray=0.0) -> float:
        """Draw wrapped text at the cursor; returns the height used."""
        from reportlab.lib.utils import simpleSplit

        font = self.bold if bold else self.font
        lines = simpleSplit(s, font, size, width or (A4_W - MARGIN - x))
        self.c.setFont(font, size)
        self.c.setFillGray(gray)
        lead = size * 1.25
        for i, ln in enumerate(lines):
            self.c.drawString(x, self.y - size - i * lead, ln)
        self.c.setFillGray(0)
        return len(lines) * lead

    def name(self, f: Fld) -> str:
        self.n += 1
        base = "".join(ch if ch.isalnum() else "_" for ch in f.label.lower()).strip("_")[:30]
        return f"{base}_{self.n}"

    def value(self, long: bool = False) -> str:
        """The next typed value of a filled copy ("" for a blank form)."""
        if not self.filled:
            return ""
        self.values += 1
        return _value(self.values, long)

    def typed(self, x: float, y: float, text: str, width: float | None = None, size: float = 9) -> None:
        """Print a typed value (a filled-in flat form)."""
        from reportlab.lib.utils import simpleSplit

        if not text:
            return
        self.c.setFont(self.font, size)
        lines = simpleSplit(text, self.font, size, width) if width else [text]
        for k, ln in enumerate(lines[:6]):
            self.c.drawString(x, y - k * (size + 2), ln)

    # ---- fields
    def short(self, f: Fld):
        from reportlab.lib.utils import simpleSplit

        label_w = 190
        lines = simpleSplit(f.label, self.font, 10, label_w)
        if len(lines) > 1:  # label too long for the label column: put it on its own line above the widget
            self.need(20 + 14 * len(simpleSplit(f.label, self.font, 10, A4_W - 2 * MARGIN)))
            self.y -= self.text(f.label) + 2
            lines = [""]
        h = max(20, len(lines) * 12.5 + 6)
        self.need(h)
        if lines != [""]:
            self.text(f.label, x=MARGIN, width=label_w)
        wx, ww = MARGIN + 200, A4_W - 2 * MARGIN - 200
        if self.fillable:
            if f.kind == "choice":
                self.choice_widgets(f, wx, self.y - 14)
            else:
                if f.kind == "date":
                    ww = 110
                self.c.acroForm.textfield(
                    name=self.name(f),
                    tooltip=f.label,
                    x=wx,
                    y=self.y - 16,
                    width=ww,
                    height=16,
                    fontSize=10,
                    borderWidth=0.8,
                    borderColor=None,
                    forceBorder=True,
                    value=self.value(),
                )
                if f.kind == "date":
                    self.c.setFont(self.font, 8)
                    self.c.setFillGray(0.4)
                    self.c.drawString(wx + ww + 6, self.y - 12, "dd/mm/yyyy")
                    self.c.setFillGray(0)
        self.y -= h

    def choice_widgets(self, f: Fld, x0: float, y0: float):
        c = self.c
        if f.fine == "choice" and len(f.options) > 3:
            c.acroForm.choice(
                name=self.name(f),
                tooltip=f.label,
                value=f.options[0],
                options=list(f.options),
                x=x0,
                y=y0 - 2,
                width=260,
                height=16,
                fontSize=9,
                fieldFlags="combo",
                borderWidth=0.8,
                forceBorder=True,
            )
            return
        name = self.name(f)
        xx = x0
        for i, o in enumerate(f.options):
            if f.fine == "multi_choice":
                c.acroForm.checkbox(
                    name=f"{name}_{i}",
                    tooltip=f"{f.label}: {o}",
                    x=xx,
                    y=y0,
                    size=11,
                    buttonStyle="check",
                    borderWidth=0.8,
                    forceBorder=True,
                    checked=self.filled and i == 0,
                )
            else:
                c.acroForm.radio(
                    name=name,
                    value=f"opt{i}",
                    tooltip=f.label,
                    x=xx,
                    y=y0,
                    size=11,
                    buttonStyle="circle",
                    borderWidth=0.8,
                    selected=self.filled and i == 0,
                    forceBorder=True,
                )
            c.setFont(self.font, 9)
            c.drawString(xx + 14, y0 + 2, o)
            xx += 14 + c.stringWidth(o, self.font, 9) + 12

    def fillable_field(self, f: Fld):
        if f.kind == "long":
            hb = max(50, min(220, (f.words or 60) * 0.9))
            lab_h = 0 if f.heading else 14 * (1 + len(f.label) // 95)
            self.need(lab_h + hb + 8)
            if not f.heading:
                self.y -= self.text(f.label)
            self.c.acroForm.textfield(
                name=self.name(f),
                tooltip=f.label,
                x=MARGIN,
                y=self.y - hb - 2,
                width=A4_W - 2 * MARGIN,
                height=hb,
                fontSize=10,
                fieldFlags="multiline",
                borderWidth=0.8,
                forceBorder=True,
                value=self.value(long=True),
            )
            self.y -= hb + 10
        elif (
            f.kind == "choice"
            and (f.fine == "multi_choice" or sum(len(o) for o in f.options) > 45)
            and not (f.fine == "choice" and len(f.options) > 3)
        ):
            # options one per line
            self.need(16 + 15 * len(f.options))
            self.y -= self.text(f.label) + 4
            name = self.name(f)
            for i, o in enumerate(f.options):
                if f.fine == "multi_choice":
                    self.c.acroForm.checkbox(
                        name=f"{name}_{i}",
                        tooltip=f"{f.label}: {o}",
                        x=MARGIN + 10,
                        y=self.y - 11,
                        size=11,
                        buttonStyle="check",
                        borderWidth=0.8,
                        forceBorder=True,
                        checked=self.filled and i == 0,
                    )
                else:
                    self.c.acroForm.radio(
                        name=name,
                        value=f"opt{i}",
                        tooltip=f.label,
                        x=MARGIN + 10,
                        y=self.y - 11,
                        size=11,
                        buttonStyle="circle",
                        borderWidth=0.8,
                        selected=self.filled and i == 0,
                        forceBorder=True,
                    )
                self.c.setFont(self.font, 9.5)
                self.c.drawString(MARGIN + 26, self.y - 9, o)
                self.y -= 15
            self.y -= 5
        else:
            self.short(f)

    def flat_field(self, f: Fld):
        c = self.c
        if f.kind == "long":
            hb = max(50, min(220, (f.words or 60) * 0.9))
            self.need(18 + hb)
            if not f.heading:
                self.y -= self.text(f.label)
            c.setLineWidth(0.8)
            c.rect(MARGIN, self.y - hb - 2, A4_W - 2 * MARGIN, hb)
            self.typed(MARGIN + 4, self.y - 12, self.value(long=True), width=A4_W - 2 * MARGIN - 8)
            self.y -= hb + 12
            return
        if f.kind == "choice":
            inline = f.fine != "multi_choice" and len(f.options) <= 3
            if inline:
                self.need(20)
                c.setFont(self.font, 10)
                c.drawString(MARGIN, self.y - 10, f"{f.label}:" if not f.label.endswith("?") else f.label)
                xx = MARGIN + c.stringWidth(f.label + ":", self.font, 10) + 14
                for o in f.options:
                    xx = self.tick(xx, self.y - 10, o, glyph=f.fine != "yes_no")
                self.y -= 20
            else:
                self.need(16 + 15 * len(f.options))
                self.y -= self.text(f.label) + 3
                for o in f.options:
                    self.tick(MARGIN + 12, self.y - 10, o, glyph=False)
                    self.y -= 15
                self.y -= 5
            return
        self.need(20)
        if f.kind == "date":
            blank = "____/____/________"
        elif f.kind == "signature":
            blank = "_" * 40
        else:
            used = c.stringWidth(f.label + ": ", self.font, 10)
            blank = "_" * max(12, int((A4_W - 2 * MARGIN - used) / c.stringWidth("_", self.font, 10)) - 1)
        if self.filled:  # printed from a filled-in form: the value where the blank was
            blank = self.value()
        self.text(f"{f.label}: {blank}" if not f.label.endswith("?") else f"{f.label} {blank}")
        self.y -= 20

    def tick(self, xx, yy, option, glyph) -> float:
        """An option with its tick box: the ☐ glyph (glyph=True, when the font has it) or a drawn square."""
        c = self.c
        c.setFont(self.font, 10)
        if glyph and self.glyph_box:
            c.drawString(xx, yy, f"{BOX} {option}")
            return xx + c.stringWidth(f"{BOX} {option}", self.font, 10) + 14
        c.setLineWidth(0.8)
        c.rect(xx, yy - 1, 9, 9)
        c.drawString(xx + 13, yy, option)
        return xx + 13 + c.stringWidth(option, self.font, 10) + 14

    def grid(self, columns: list[str], nrows: int):
        from reportlab.lib.utils import simpleSplit

        c = self.c
        n = len(columns)
        cw = (A4_W - 2 * MARGIN) / n
        heads = [simpleSplit(col, self.bold, 8.5, cw - 6) for col in columns]
        hh = 8 + 10.5 * max(len(h) for h in heads)  # header row height: column headers wrap in their cell
        self.need(hh + 20 * nrows + 6)
        c.setLineWidth(0.8)
        top = self.y
        c.setFillGray(0.9)
        c.rect(MARGIN, top - hh, cw * n, hh, fill=1, stroke=1)
        c.setFillGray(0)
        c.setFont(self.bold, 8.5)
        for i, lines in enumerate(heads):
            c.line(MARGIN + i * cw, top, MARGIN + i * cw, top - hh)
            for k, ln in enumerate(lines):
                c.drawString(MARGIN + i * cw + 3, top - 12 - 10.5 * k, ln)
        top -= hh - 18  # rows below start under the (possibly taller) header
        for r in range(nrows):
            yy = top - 18 - 20 * (r + 1)
            for i in range(n):
                if self.fillable:
                    self.n += 1
                    c.acroForm.textfield(
                        name=f"grid_{self.n}",
                        tooltip=f"{columns[i]} (row {r + 1})",
                        x=MARGIN + i * cw,
                        y=yy,
                        width=cw,
                        height=20,
                        fontSize=9,
                        borderWidth=0.8,
                        forceBorder=True,
                        value=self.value(),
                    )
                else:
                    c.rect(MARGIN + i * cw, yy, cw, 20)
                    self.typed(MARGIN + i * cw + 3, yy + 6, self.value(), width=cw - 6, size=7)
        self.y = top - 18 - 20 * nrows - 12

    def heading(self, sec: Sec):
        size = 13 if sec.level == 1 else 11
        self.need(60)
        self.y -= 8 if sec.level == 1 else 4
        self.y -= self.text(sec.title, size=size, bold=True) + 6

    def build(self, path: Path):
        from reportlab.pdfgen import canvas

        self.c = canvas.Canvas(str(path), pagesize=(A4_W, A4_H), invariant=1)
        self.c.setTitle(self.form.title)
        self.c.setAuthor("formaudit sample forms")
        self.c.setSubject("Children's social care")
        self.y = A4_H - MARGIN
        self.y -= self.text(self.form.title, size=17, bold=True) + 4
        if self.form.subtitle:
            self.y -= self.text(self.form.subtitle, size=9, gray=0.3) + 2
        for t in self.form.intro:
            self.y -= self.text(t, size=9, gray=0.3) + 2
        self.y -= 6
        for sec in self.form.sections:
            self.heading(sec)
            for it in sec.items:
                if isinstance(it, Note):
                    self.need(14)
                    self.y -= self.text(it.text, size=8.5, gray=0.35) + 4
                elif isinstance(it, Grid):
                    self.grid([c.label for c in it.columns], it.rows)
                elif it.kind == "table":
                    self.need(40)
                    self.y -= self.text(it.label) + 3
                    self.grid(list(it.columns), it.rows)
                elif self.fillable:
                    self.fillable_field(it)
                else:
                    self.flat_field(it)
        self.footer()
        self.c.showPage()
        self.c.save()


# =============================================================================================== web forms (W)
# Case-management front ends in the GOV.UK design-system idiom, printed to PDF from the browser
# (style W): rendered by sample_forms/webprint.py with headless Chromium; skipped when it is absent.
SEX = ("Female", "Male", "Not known")
WORRIES = (
    "Neglect",
    "Physical harm",
    "Emotional harm",
    "Domestic abuse",
    "Parental mental health",
    "Substance misuse",
    "School attendance",
    "Other",
)
WEB_FORMS = [
    Form(
        "request-for-support_W.pdf",
        "Request support for a child",
        "W",
        "request-for-support",
        [
            Sec(
                "About the child",
                [
                    T("First name", subject="child"),
                    T("Last name", subject="child"),
                    D("Date of birth", subject="child"),
                    CH("Sex", SEX, subject="child"),
                    NUM("NHS number", subject="child"),
                    T("Address line 1", subject="child"),
                    T("Town or city", subject="child"),
                    T("Postcode", subject="child"),
                ],
            ),
            Sec(
                "Parent or carer",
                [
                    T("Full name", subject="parent"),
                    T("Relationship to the child", subject="parent"),
                    PH("Telephone number", subject="parent"),
                    EM("Email address", subject="parent"),
                    YN("Do they know about this request?", subject="parent"),
                ],
            ),
            Sec(
                "Reason for the request",
                [
                    MC("What are you worried about?", WORRIES, subject="child"),
                    L("Describe what has happened", 250, subject="child"),
                    CH("How urgent is this?", ("Today", "Within 3 working days", "Within 10 working days")),
                    D("When did you first become concerned?"),
                ],
            ),
            Sec(
                "About you",
                [
                    T("Your name"),
                    T("Your organisation"),
                    PH("Your telephone number"),
                    EM("Your email address"),
                    YN("Have you discussed this with your safeguarding lead?"),
                ],
            ),
        ],
        intro=("Use this form to ask children's social care for help for a child you are worried about.",),
    ),
    Form(
        "child-in-need-review_W.pdf",
        "Child in need review",
        "W",
        "child-in-need-review",
        [
            Sec(
                "Review details",
                [
                    D("Date of review"),
                    T("Review chair"),
                    CH("Review type", ("Initial review", "Review", "Final review")),
                    CH("Where was the review held?", ("Family home", "School", "Council office", "Online")),
                ],
            ),
            Sec(
                "People at the review",
                [
                    MC(
                        "Who attended?",
                        (
                            "Child",
                            "Parent or carer",
                            "Social worker",
                            "Teacher",
                            "Health visitor",
                            "Family support worker",
                            "Other",
                        ),
                    ),
                    YN("Did the child attend the review?", subject="child"),
                    L("Child's views", 200, subject="child"),
                ],
            ),
            Sec("Progress against the plan", [Note("Record progress against each outcome in the plan.")]),
            Sec(
                "Health",
                [
                    L("Health needs and appointments", 150, subject="child"),
                    CH("Are health needs met?", ("Yes", "Partly", "No"), subject="child"),
                ],
                level=2,
            ),
            Sec(
                "Education",
                [
                    L("School attendance and progress", 150, subject="child"),
                    YN("Is the child attending school regularly?", subject="child"),
                ],
                level=2,
            ),
            Sec(
                "Decision",
                [
                    CH(
                        "Outcome of the review",
                        (
                            "Continue the plan",
                            "Step down to early help",
                            "Close the case",
                            "Refer to child protection",
                        ),
                    ),
                    D("Date of next review"),
                    T("Social worker"),
                    CH("Team", ("Assessment", "Children in need", "Child protection", "Disabled children")),
                    T("Team manager"),
                ],
            ),
        ],
    ),
]
#: per web form: service name, caption, printed URL, hints, input widths and furniture per section
WEB_PAGES = {
    "request-for-support_W.pdf": {
        "service": "Request support for a child",
        "caption": "Children's social care",
        "url": "https://cases.anytown.example/request-support/check",
        "hints": {
            "Date of birth": "For example, 27 3 2016",
            "NHS number": "This is a 10 digit number, like 485 777 3456",
            "Relationship to the child": "For example, mother, grandparent or foster carer",
            "What are you worried about?": "Select all that apply.",
            "Describe what has happened": "Include dates, what you saw or were told, and who was involved.",
            "When did you first become concerned?": "For example, 3 11 2023",
            "Your email address": "We will only use this to contact you about this request.",
        },
        "widths": {
            "First name": "w20",
            "Last name": "w20",
            "NHS number": "w10",
            "Postcode": "w10",
            "Town or city": "w20",
        },
        "extras": {
            "Parent or carer": {
                "warning": "You must tell the parent or carer before you make this request, unless doing so "
                "would put the child at risk."
            },
            "Reason for the request": {"inset": "If a child is in immediate danger, call 999."},
            "About you": {"buttons": True},
        },
    },
    "child-in-need-review_W.pdf": {
        "service": "Children's case management",
        "caption": "Case recording",
        "url": "https://cases.anytown.example/child/0000/cin-review/edit",
        "hints": {
            "Date of review": "For example, 14 6 2024",
            "Who attended?": "Select all that apply.",
            "Child's views": "In the child's own words where possible.",
            "Date of next review": "Reviews must be held at least every 3 months.",
        },
        "widths": {"Review chair": "w20", "Social worker": "w20", "Team manager": "w20"},
        "extras": {"Decision": {"buttons": True}},
        # larger bold legends, bold labels, printed shrunk to 80 %
        "legend": "m",
        "bold_labels": True,
        "selects": frozenset({"Team"}),
        "scale": 0.8,
    },
}


def build_web_forms(out_dir: Path) -> list[Path]:
    """Print the web forms (style W) with headless Chromium; without Chromium, say so and skip them."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import webprint

    chromium = webprint.find_chromium()
    written = []
    for form in WEB_FORMS:
        path = out_dir / form.file
        page = WEB_PAGES[form.file]
        if chromium is None:
            print(
                f"skipped {form.file}: Chromium is not installed (needed to print web forms)", file=sys.stderr
            )
        else:
            html = webprint.render_html(
                form,
                page["service"],
                "Anytown Council",
                page["caption"],
                page["hints"],
                page["widths"],
                page["extras"],
                legend=page.get("legend", "s"),
                bold_labels=page.get("bold_labels", False),
                selects=page.get("selects", frozenset()),
            )
            webprint.print_pdf(html, path, page["url"], chromium, scale=page.get("scale", 1.0))
            written.append(path)
        tpath = out_dir / "truth" / f"{form.file}.json"
        tpath.write_text(json.dumps(truth_for(form), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(tpath)
    return written


# =============================================================================================== option groups (E)
# A fillable PDF as office software makes it: generated field names ("Text3", "Check Box12",
# "Group2"), no tooltips, the visible label beside each widget (wrapped over two lines when long),
# radio groups in a row, a 16-option tick list of separate check boxes in two columns beside its
# question, a row of check boxes beside its question, bold guidance sentences and bold captions.
NEEDS = (
    "Housing",
    "Money and debt",
    "Employment",
    "Parenting support",
    "Child's behaviour",
    "School attendance",
    "Early years",
    "Physical health",
    "Mental health",
    "Disability",
    "Domestic abuse",
    "Drug or alcohol use",
    "Young carer",
    "Bereavement",
    "Offending",
    "Other need",
)
OPTION_GROUP_FORMS = [
    Form(
        "family-support-request_E.pdf",
        "Family Support Request",
        "E",
        "family-support-request",
        [
            Sec(
                "Family details",
                [
                    T("Name of the parent or carer making the request", subject="parent"),
                    T("Home address", subject="family"),
                    PH("Contact telephone number", subject="parent"),
                    T("Name of the school or nursery the eldest child attends", subject="child"),
                    CH("Preferred way to contact you", ("Telephone", "Email", "Letter", "Home visit")),
                    MC(
                        "Who lives in the household?",
                        ("Mother", "Father", "Children", "Grandparents", "Others"),
                    ),
                ],
            ),
            Sec(
                "What support is needed",
                [
                    MC("Which needs does the family have?", NEEDS),
                    L("Describe the family's strengths", 120),
                    L("What would the family like to change?", 120),
                ],
            ),
            Sec(
                "Consent",
                [
                    YN("Does the family consent to this request?"),
                    YN("May we share this with the school?"),
                    SIG("Signature of parent or carer"),
                    D("Date signed"),
                ],
            ),
        ],
    ),
]
#: per form: bold guidance sentences after a section heading, and the tick lists' column counts
OPTION_GROUP_NOTES = {
    "Family details": "Please complete every section before you send this form to the family hub.",
    "Consent": "We will not share this request without your consent, unless a child is at risk of harm.",
}


class OptionGroupBuilder:
    """Draws an OPTION_GROUP_FORMS entry with reportlab AcroForm widgets (see the note above)."""

    LABEL_X, LABEL_W, WIDGET_X = MARGIN, 205, MARGIN + 215

    def __init__(self, form: Form):

        self.form = form
        self.font, self.bold = _register_fonts()
        self.c = None
        self.y = A4_H - MARGIN
        self.counters = {"Text": 0, "Check Box": 0, "Group": 0, "Dropdown": 0}
        self.page = 1

    def name(self, kind: str) -> str:
        self.counters[kind] += 1
        return (
            f"{kind}{self.counters[kind]}" if kind != "Check Box" else f"Check Box{self.counters[kind] + 2}"
        )

    def need(self, h: float) -> None:
        if self.y - h < MARGIN + 30:
            self.foot()
            self.c.showPage()
            self.page += 1
            self.y = A4_H - MARGIN

    def foot(self) -> None:
        self.c.setFont(self.font, 8)
        self.c.drawRightString(A4_W - MARGIN, MARGIN - 10, f"Page {self.page}")

    def wrap(self, text: str, width: float, size: float = 10, font: str | None = None) -> list[str]:
        from reportlab.lib.utils import simpleSplit

        return simpleSplit(text, font or self.font, size, width)

    def label(self, text: str, y: float) -> float:
        lines = self.wrap(text, self.LABEL_W)
        self.c.setFont(self.font, 10)
        for i, ln in enumerate(lines):
            self.c.drawString(self.LABEL_X, y - 10 - 12.5 * i, ln)
        return 12.5 * len(lines)

    def widget_box(self, **kw) -> dict:
        return {"borderWidth": 0.8, "forceBorder": True, **kw}

    def field(self, f: Fld) -> None:
        c = self.c
        af = c.acroForm
        if f.fine == "long_text":
            self.need(100)
            c.setFont(self.bold, 10)
            c.drawString(MARGIN, self.y - 10, f.label)  # a bold caption above the box
            af.textfield(
                name=self.name("Text"),
                x=MARGIN,
                y=self.y - 88,
                width=A4_W - 2 * MARGIN,
                height=72,
                fieldFlags="multiline",
                fontSize=10,
                **self.widget_box(),
            )
            self.y -= 100
            return
        if f.fine == "multi_choice" and len(f.options) > 6:
            rows = (len(f.options) + 1) // 2
            self.need(max(30, rows * 16 + 10))
            h = self.label(f.label, self.y)
            c.setFont(self.font, 8.5)
            c.setFillGray(0.35)
            c.drawString(self.LABEL_X, self.y - h - 10, "(tick all that apply)")
            c.setFillGray(0)
            for i, o in enumerate(f.options):
                col, row = divmod(i, rows)
                x = self.WIDGET_X + col * 140
                yy = self.y - 11 - row * 16
                af.checkbox(
                    name=self.name("Check Box"), x=x, y=yy, size=10, buttonStyle="check", **self.widget_box()
                )
                c.setFont(self.font, 9)
                c.drawString(x + 14, yy + 2, o)
            self.y -= rows * 16 + 10
            return
        if f.fine in ("multi_choice", "choice", "yes_no"):
            self.need(30)
            h = self.label(f.label, self.y)
            x = self.WIDGET_X
            group = self.name("Group") if f.fine != "multi_choice" else None
            for i, o in enumerate(f.options):
                if group:
                    af.radio(
                        name=group,
                        value=f"Choice{i + 1}",
                        x=x,
                        y=self.y - 11,
                        size=10,
                        buttonStyle="circle",
                        selected=False,
                        **self.widget_box(),
                    )
                else:
                    af.checkbox(
                        name=self.name("Check Box"),
                        x=x,
                        y=self.y - 11,
                        size=10,
                        buttonStyle="check",
                        **self.widget_box(),
                    )
                c.setFont(self.font, 9)
                c.drawString(x + 14, self.y - 9, o)
                x += 14 + c.stringWidth(o, self.font, 9) + 14
            self.y -= max(h, 14) + 12
            return
        self.need(30)
        h = self.label(f.label, self.y)
        width = 110 if f.fine == "date" else A4_W - MARGIN - self.WIDGET_X
        af.textfield(
            name=self.name("Text"),
            x=self.WIDGET_X,
            y=self.y - 15,
            width=width,
            height=16,
            fontSize=10,
            **self.widget_box(),
        )
        if f.fine == "date":
            c.setFont(self.font, 8)
            c.setFillGray(0.4)
            c.drawString(self.WIDGET_X + width + 6, self.y - 11, "dd/mm/yyyy")
            c.setFillGray(0)
        self.y -= max(h, 16) + 12

    def build(self, path: Path) -> None:
        from reportlab.pdfgen import canvas

        self.c = canvas.Canvas(str(path), pagesize=(A4_W, A4_H), invariant=1)
        self.c.setTitle(self.form.title)
        c = self.c
        c.setFont(self.bold, 18)
        c.drawString(MARGIN, self.y - 18, self.form.title)
        self.y -= 40
        for sec in self.form.sections:
            self.need(60)
            c.setFont(self.bold, 13)
            c.drawString(MARGIN, self.y - 13, sec.title)
            self.y -= 24
            note = OPTION_GROUP_NOTES.get(sec.title)
            if note:
                for ln in self.wrap(note, A4_W - 2 * MARGIN, 10, self.bold):
                    c.setFont(self.bold, 10)
                    c.drawString(MARGIN, self.y - 10, ln)
                    self.y -= 13
                self.y -= 8
            for f in sec.fields:
                self.field(f)
            self.y -= 10
        self.foot()
        c.showPage()
        c.save()


def build_option_group_forms(out_dir: Path) -> list[Path]:
    written = []
    for form in OPTION_GROUP_FORMS:
        path = out_dir / form.file
        OptionGroupBuilder(form).build(path)
        tpath = out_dir / "truth" / f"{form.file}.json"
        tpath.write_text(json.dumps(truth_for(form), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written += [path, tpath]
    return written


# =============================================================================================== older Word tables
# Forms as older Word versions and Google Docs build them: no heading styles (a section heading is bold text in
# a merged, often shaded, table row), two questions per row in four-column tables (label | answer | label |
# answer), tick boxes typed as ☐ in MS Gothic or as Word's Wingdings symbol box (a w:sym with no Unicode text).
# Style H: one table for the whole form, shaded merged heading rows, light-shaded label rows over long answers,
# Wingdings w:sym boxes. Style I (Google Docs): the form's name in a banner table, one table per section,
# headings in unmerged rows shaded alike, label cells in the heading shade, ☐ in MS Gothic. Style L: bold
# body-size paragraph headings over four-column tables, "Yes / No" printed to delete, saved as .odt by
# LibreOffice. Style K: bold paragraph headings with grids directly under them (one row per person; the adults
# numbered 1, 2, 3 …), a captioned grid, a row-labelled matrix, content controls and legacy fields with
# generated names.

FOSTERING = Form(
    file="private-fostering-notification_H.docx",
    title="Private Fostering Notification",
    style="H",
    source_form="private-fostering-notification",
    subtitle="Children (Private Arrangements for Fostering) Regulations 2005",
    intro=("Complete within 48 hours of the notification.",),
    sections=[
        Sec(
            "Notification details",
            [
                D("Date of notification"),
                T("Notified by"),
                CH("How was it received?", ("Phone", "Email", "Letter")),
                YN("Is the arrangement in place?"),
                D("Date the arrangement started"),
            ],
        ),
        Sec(
            "The child",
            [
                T("Child's full name", subject="child", dup="cname"),
                D("Date of birth", subject="child"),
                CH("Gender", ("Male", "Female", "Other"), subject="child"),
                T("Nationality", subject="child"),
                T("Ethnicity", subject="child"),
                T("First language", subject="child"),
                YN("Interpreter needed?", subject="child"),
                T("School attended", subject="child"),
                L("Why is the child living away from home?", 120, subject="child"),
            ],
        ),
        Sec(
            "The private foster carer",
            [
                T("Carer's full name", subject="carer"),
                D("Carer's date of birth", subject="carer"),
                T("Carer's address", subject="carer"),
                T("Postcode", subject="carer"),
                PH("Telephone", subject="carer"),
                EM("Email", subject="carer"),
                T("Relationship to the child", subject="carer"),
                YN("Cared for other children before?", subject="carer"),
            ],
        ),
        Sec(
            "Parents",
            [
                T("Mother's name", subject="mother"),
                T("Father's name", subject="father"),
                T("Mother's address", subject="mother"),
                T("Father's address", subject="father"),
                YN("Do the parents know of this notification?", subject="parents"),
                YN("Do the parents agree to the arrangement?", subject="parents"),
            ],
        ),
        Sec(
            "Checks",
            [
                Note("Request every check that applies before the first visit."),
                MC(
                    "Checks requested (tick all that apply)",
                    (
                        "DBS check",
                        "Health visitor or school nurse",
                        "GP",
                        "Police",
                        "Council records",
                        "School",
                    ),
                ),
                D("Date checks completed"),
            ],
        ),
        Sec(
            "Outcome",
            [
                L("Summary of the assessment", 200),
                CH("Recommendation", ("Suitable", "Suitable with conditions", "Not suitable")),
                T("Child's name", subject="child", dup="cname"),
                T("Social worker", subject="social_worker"),
                SIG("Signature", subject="social_worker"),
                D("Date", subject="social_worker"),
            ],
        ),
    ],
)

FAMILY_SUPPORT = Form(
    file="family-support-request_I.docx",
    title="Family Support Request",
    style="I",
    source_form="family-support-request",
    intro=("Please complete every section. Ask the family before you send this request.",),
    sections=[
        Sec(
            "About the family",
            [
                T("Family surname", subject="family"),
                T("Main contact", subject="family"),
                T("Address", subject="family"),
                T("Postcode", subject="family"),
                PH("Home telephone", subject="family"),
                PH("Mobile", subject="family"),
                EM("Email address", subject="family"),
                CH("Preferred contact", ("Phone", "Text", "Email"), subject="family"),
            ],
        ),
        Sec(
            "The child this request is about",
            [
                T("Child's name", subject="child"),
                D("Date of birth", subject="child"),
                T("School or nursery", subject="child"),
                T("Year group", subject="child"),
                YN("Does the child have an EHC plan?", subject="child"),
                YN("Known to social care?", subject="child"),
            ],
        ),
        Sec(
            "What support is needed",
            [
                MC(
                    "Areas of need (tick all that apply)",
                    (
                        "Parenting",
                        "Housing",
                        "Money and debt",
                        "Health",
                        "School attendance",
                        "Behaviour",
                        "Domestic abuse",
                        "Substance misuse",
                    ),
                ),
                L("What would help the family most?", 150),
                L("What has been tried already?", 100),
            ],
        ),
        Sec(
            "Consent",
            [
                YN("Has the family agreed to this request?", subject="family"),
                YN("May we share it with other services?", subject="family"),
                T("Name of parent or carer", subject="parent"),
                D("Date consent given", subject="parent"),
            ],
        ),
        Sec(
            "Person making the request",
            [
                T("Name", subject="referrer"),
                T("Role", subject="referrer"),
                T("Organisation", subject="referrer"),
                PH("Telephone number", subject="referrer"),
                EM("Secure email", subject="referrer"),
                D("Date of request", subject="referrer"),
            ],
        ),
    ],
)

SHORT_BREAKS = Form(
    file="short-breaks-request_L.odt",
    title="Short Breaks Request",
    style="L",
    source_form="short-breaks-request",
    subtitle="For disabled children and young people aged 0 to 18",
    sections=[
        Sec(
            "Young person's details",
            [
                T("First name", subject="child"),
                T("Last name", subject="child"),
                D("Date of birth", subject="child"),
                CH("Gender", ("Male", "Female", "Prefer not to say"), subject="child"),
                T("Address", subject="child"),
                T("Postcode", subject="child"),
                T("Disability or condition", subject="child"),
                NUM("NHS number", subject="child"),
            ],
        ),
        Sec(
            "Parent or carer",
            [
                T("Name of parent or carer", subject="parent"),
                T("Relationship", subject="parent"),
                PH("Daytime telephone", subject="parent"),
                EM("Email", subject="parent"),
                YN("Does the parent have a disability?", subject="parent"),
            ],
        ),
        Sec(
            "Current support",
            [
                MC(
                    "Services already used (tick all that apply)",
                    (
                        "Youth club",
                        "Overnight breaks",
                        "Holiday scheme",
                        "Direct payments",
                        "Sitting service",
                    ),
                ),
                L("Describe a typical day for the young person", 150, subject="child"),
            ],
        ),
        Sec(
            "Request",
            [
                CH("Type of break", ("Day care", "Overnight", "Weekend")),
                T("How often are breaks needed?"),
                L("What difference would short breaks make to the family?", 120),
            ],
        ),
        Sec(
            "Declaration",
            [
                T("Name of person completing the form", subject="parent"),
                SIG("Signature", subject="parent"),
                D("Date", subject="parent"),
            ],
        ),
    ],
)

HOUSEHOLD = Form(
    file="household-composition_K.docx",
    title="Household Composition Record",
    style="K",
    source_form="household-composition",
    intro=("Record everyone who lives in the household or stays there regularly.",),
    sections=[
        Sec(
            "Record details",
            [
                T("Family reference number"),
                D("Date of record"),
                T("Completed by", subject="social_worker"),
                T("Team", subject="social_worker"),
            ],
        ),
        Sec(
            "Children in the household",
            [
                Grid(
                    [
                        T("First name", subject="household_child"),
                        T("Surname", subject="household_child"),
                        D("Date of birth", subject="household_child"),
                        CH("Gender (M/F)", ("M", "F"), subject="household_child"),
                        T("School or nursery", subject="household_child"),
                        T(
                            "Does the child have any additional needs or a disability? If so, give details.",
                            subject="household_child",
                        ),
                    ],
                    rows=5,
                )
            ],
        ),
        Sec(
            "Adults in the household",
            [
                Grid(
                    [
                        T("Full name", subject="household_adult"),
                        T("Relationship to the children", subject="household_adult"),
                        D("Date of birth", subject="household_adult"),
                        CH("Parental responsibility (Y/N)", ("Y", "N"), subject="household_adult"),
                        PH("Contact number", subject="household_adult"),
                    ],
                    rows=4,
                )
            ],
        ),
        Sec(
            "Information sharing",
            [
                Note("Explain to each person why this record is kept and who may see it."),
                TBL("Who has been told about this record?", ("", "Yes/No", "Name"), rows=4),
                YN("Has consent been given to share this record?"),
            ],
        ),
        Sec(
            "Professionals involved",
            [TBL("Professionals working with the family:", ("Name", "Agency", "Role", "Telephone"), rows=4)],
        ),
        Sec(
            "Observations",
            [
                L("Who was present during the visit?", 60),
                L("Describe the home and the sleeping arrangements", 150),
                L("What did the children say about living here?", 120, subject="household_child"),
                L("Analysis of the household", 200),
            ],
        ),
        Sec(
            "Sign-off",
            [
                T("Worker's name", subject="social_worker"),
                SIG("Signature", subject="social_worker"),
                D("Date", subject="social_worker"),
                T("Manager's name", subject="manager"),
                D("Date authorised", subject="manager"),
            ],
        ),
    ],
)

#: rows of the row-labelled matrix ("Who has been told …?"): the people it asks about
MATRIX_ROWS = ("Child", "Mother", "Father", "Other")
#: four-column tables: label | answer | label | answer (twips)
QUAD_W = [2300, 2519, 2300, 2519]
WINGDINGS_BOXES = ("F06F", "F0A8")


def sym_box(n: int) -> str:
    """Word's Wingdings tick box: a w:sym with no Unicode text (alternating the two common characters)."""
    return f'<w:r><w:sym w:font="Wingdings" w:char="{WINGDINGS_BOXES[n % 2]}"/></w:r>'


class OldTableBuilder:
    """A Form as an older-Word / Google-Docs table form (styles H, I and the source of L).

    ``boxes``: ``sym`` (Wingdings w:sym) or ``gothic`` (☐ typed in MS Gothic). ``heading``: ``merged`` (bold
    text in a merged row), ``unmerged`` (bold text in the first cell of a row whose cells are all shaded alike,
    as Google Docs leaves them) or ``paragraph`` (a bold paragraph of body size above each section's table).
    ``heading_fill``: shading of heading rows; ``label_fill``: shading of the label row over a long answer
    (light grey while the other label cells stay white); ``one_table``: the whole form in one table;
    ``label_cell_fill``: shading of the label cells in two-questions-per-row rows (the heading shade, in I);
    ``printed_yes_no``: Yes/No questions answered by deleting one of "Yes / No" printed in the answer cell;
    ``title_row``: the form's name in a shaded banner table at the top instead of a title paragraph.
    """

    def __init__(
        self,
        form: Form,
        boxes: str,
        heading: str = "merged",
        heading_fill: str | None = None,
        label_fill: str | None = None,
        one_table: bool = False,
        label_cell_fill: str | None = None,
        printed_yes_no: bool = False,
        title_row: bool = False,
    ):
        self.form, self.boxes, self.heading = form, boxes, heading
        self.heading_fill, self.label_fill, self.one_table = heading_fill, label_fill, one_table
        self.label_cell_fill = label_cell_fill
        self.printed_yes_no, self.title_row = printed_yes_no, title_row
        self.nbox = 0

    def box(self) -> str:
        self.nbox += 1
        return sym_box(self.nbox) if self.boxes == "sym" else run(BOX, font="MS Gothic")

    def options(self, f: Fld) -> str:
        """Answer-cell content of a choice: inline boxes, or one "☐ option" paragraph each for long lists."""
        if f.fine == "multi_choice" or len(f.options) > 3:
            return "".join(para(self.box() + run(f" {o}"), after=0) for o in f.options)
        if self.printed_yes_no and f.fine == "yes_no":
            return para(run(" / ".join(f.options)))
        return para("".join(self.box() + run(f" {o}   ") for o in f.options))

    def heading_row(self, sec: Sec) -> str:
        title = para(run(sec.title, b=True, sz=22))
        if self.heading == "unmerged":
            return row(
                [cell(title, QUAD_W[0], fill=self.heading_fill)]
                + [cell("<w:p/>", w, fill=self.heading_fill) for w in QUAD_W[1:]]
            )
        return row([cell(title, PAGE_W, span=4, fill=self.heading_fill)])

    def rows(self, sec: Sec) -> list[str]:
        out = [] if self.heading == "paragraph" else [self.heading_row(sec)]
        pair: list[Fld] = []

        def flush():
            if not pair:
                return
            cells = []
            for k, f in enumerate(pair):
                ans = self.options(f) if f.kind == "choice" else "<w:p/>"
                last = k == len(pair) - 1 and len(pair) == 1
                cells.append(cell(para(run(f.label)), QUAD_W[0], fill=self.label_cell_fill))
                cells.append(cell(ans, sum(QUAD_W[1:]) if last else QUAD_W[1], span=3 if last else 1))
            out.append(row(cells, height=397))
            pair.clear()

        for it in sec.items:
            if isinstance(it, Note):
                flush()
                out.append(row([cell(para(run(it.text, i=True, sz=18)), PAGE_W, span=4)]))
            elif it.kind == "long":
                flush()
                out.append(row([cell(para(run(it.label)), PAGE_W, span=4, fill=self.label_fill)]))
                out.append(row([cell("<w:p/>", PAGE_W, span=4)], height=box_height(it.words)))
            elif it.fine == "multi_choice" or len(it.options) > 3:
                flush()
                out.append(
                    row(
                        [
                            cell(para(run(it.label)), QUAD_W[0], fill=self.label_cell_fill),
                            cell(self.options(it), sum(QUAD_W[1:]), span=3),
                        ]
                    )
                )
            else:
                pair.append(it)
                if len(pair) == 2:
                    flush()
        flush()
        return out

    def body(self) -> str:
        f = self.form
        if self.title_row:
            banner = row([cell(para(run(f.title, b=True, sz=32), jc="center"), PAGE_W, fill="DEEAF6")])
            out = [table([banner], [PAGE_W])]
        else:
            out = [para(run(f.title, b=True, sz=32), jc="center")]
        if f.subtitle:
            out.append(para(run(f.subtitle, i=True, sz=18), jc="center"))
        out += [para(run(t, i=True, sz=18)) for t in f.intro]
        if self.one_table:
            # a document ends with a paragraph, never a table (Word requires it; LibreOffice drops the table)
            out += [table([r for sec in f.sections for r in self.rows(sec)], QUAD_W), "<w:p/>"]
        else:
            for sec in f.sections:
                if self.heading == "paragraph":
                    out.append(para(run(sec.title, b=True), before=240, after=60, keep=True))
                out += [table(self.rows(sec), QUAD_W), "<w:p/>"]
        return "".join(out)

    def save(self, path: Path) -> None:
        save_docx_body(self.form, self.body(), path)


class GridFormBuilder:
    """The per-child grid form (style K): bold paragraph headings, grids directly under them, a captioned grid,
    a row-labelled matrix, content controls tagged with generated names beside visible labels, legacy text
    fields (named Text1, Text2 … by Word) in the grid cells, Word's placeholder text in empty controls."""

    def __init__(self, form: Form):
        self.form = form
        self.ids = Ids()

    def cc(self, f: Fld) -> str:
        """A content control with a generated tag and title ("cc7"), as forms built in a hurry have."""
        n = self.ids.next()
        kind = '<w:date><w:dateFormat w:val="dd/MM/yyyy"/></w:date>' if f.fine == "date" else "<w:text/>"
        kind = "<w:richText/>" if f.kind == "long" else kind
        ph = "Click or tap to enter a date." if f.fine == "date" else PLACEHOLDER
        return (
            f'<w:sdt><w:sdtPr><w:alias w:val="cc{n}"/><w:tag w:val="cc{n}"/><w:id w:val="{200000 + n}"/>'
            f"<w:showingPlcHdr/>{kind}</w:sdtPr><w:sdtContent>"
            f'<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/><w:color w:val="808080"/></w:rPr>'
            f"<w:t>{ph}</w:t></w:r></w:sdtContent></w:sdt>"
        )

    def grid(self, columns: list[str], nrows: int, row_labels: tuple[str, ...] = ()) -> str:
        """A header row and ``nrows`` record rows; ``row_labels`` fill the first column (a matrix's row labels,
        or record numbers under an empty corner cell)."""
        n = len(columns)
        w = PAGE_W // n
        widths = [w] * (n - 1) + [PAGE_W - w * (n - 1)]
        rows = [
            row([cell(para(run(c, b=True, sz=18)), widths[i], fill="D9D9D9") for i, c in enumerate(columns)])
        ]
        for r in range(nrows):
            cells = []
            for i in range(n):
                if row_labels and i == 0:
                    cells.append(cell(para(run(row_labels[r])), widths[i]))
                else:
                    cells.append(cell(para(legacy(self.ids, "text")), widths[i]))
            rows.append(row(cells, height=454))
        return table(rows, widths)

    def body(self) -> str:
        f = self.form
        out = [para(run(f.title, b=True, sz=32))]
        out += [para(run(t, i=True, sz=18)) for t in f.intro]
        for k, sec in enumerate(f.sections, 1):
            out.append(para(run(f"{k}. {sec.title}", b=True, sz=24), before=240, after=120, keep=True))
            plain: list = []
            for it in sec.items:
                if isinstance(it, Grid) and it.columns[0].subject == "household_adult":
                    # records numbered 1, 2, 3 … in a first column with an empty header
                    numbers = tuple(str(r + 1) for r in range(it.rows))
                    out.append(self.grid(["", *(c.label for c in it.columns)], it.rows, row_labels=numbers))
                elif isinstance(it, Grid):
                    out.append(self.grid([c.label for c in it.columns], it.rows))
                elif isinstance(it, Note):
                    out.append(para(run(it.text, i=True, sz=18)))
                elif it.kind == "table":
                    out.append(para(run(it.label), before=120, keep=True))
                    labels = MATRIX_ROWS if it.columns[0] == "" else ()
                    out.append(self.grid(list(it.columns), it.rows, row_labels=labels))
                elif it.kind == "choice":
                    out.append(
                        para(
                            run(f"{it.label}   ")
                            + "".join(run(f"{o} ") + sdt_checkbox(self.ids) + run("   ") for o in it.options)
                        )
                    )
                else:
                    plain.append(it)
            if plain:
                rows = []
                for q in plain:
                    if q.kind == "long":  # the question over a tall box holding a rich-text control
                        rows.append(row([cell(para(run(q.label)), PAGE_W, span=2)]))
                        rows.append(row([cell(para(self.cc(q)), PAGE_W, span=2)], height=box_height(q.words)))
                    else:
                        rows.append(
                            row(
                                [cell(para(run(q.label)), LABEL_W), cell(para(self.cc(q)), ANSWER_W)],
                                height=397,
                            )
                        )
                out.append(table(rows, [LABEL_W, ANSWER_W]))
            out.append("<w:p/>")
        return "".join(out)

    def save(self, path: Path) -> None:
        save_docx_body(self.form, self.body(), path)


def save_docx_body(form: Form, body: str, path: Path) -> None:
    """Write ``body`` (WordprocessingML) as a deterministic .docx with fixed core properties."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Twips

    doc = docx.Document()
    sect = doc.sections[0]
    sect.page_width, sect.page_height = Twips(11906), Twips(16838)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sect, side, Twips(1134))
    body_el = doc.element.body
    sect_pr = body_el[-1]
    for el in list(parse_xml(f"<w:body {W_NS}>{body}</w:body>")):
        sect_pr.addprevious(el)
    cp = doc.core_properties
    cp.title = form.title
    cp.author = cp.last_modified_by = "formaudit sample forms"
    cp.keywords = form.source_form
    cp.comments = "Composed sample form for formaudit tests"
    cp.revision = 1
    cp.created = cp.modified = cp.last_printed = FIXED_TIME
    buf = io.BytesIO()
    doc.save(buf)
    write_zip_deterministic(buf.getvalue(), path)


#: the fixed meta.xml of a converted OpenDocument file (LibreOffice writes dates and its build into it)
ODT_META = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta>'
    "<dc:title>{title}</dc:title></office:meta></office:document-meta>"
)


def convert_to_odt(docx_path: Path, out_path: Path, title: str) -> bool:
    """Save ``docx_path`` as OpenDocument with LibreOffice (no network, private profile) and normalise the
    result for a deterministic build: fixed meta.xml, no revision ids, fixed zip timestamps, ``mimetype``
    first and stored. Returns False (with a message) when LibreOffice is not installed."""
    import re
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"skipped {out_path.name}: LibreOffice (soffice) is not installed", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory(prefix="formaudit-odt-") as tmp:
        cmd = [
            soffice,
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "odt",
            "--outdir",
            tmp,
            str(docx_path),
        ]
        unshare = shutil.which("unshare")
        if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
            cmd = [unshare, "-rn", *cmd]  # no network while LibreOffice runs
        subprocess.run(cmd, capture_output=True, timeout=180, check=True, stdin=subprocess.DEVNULL)
        data = (Path(tmp) / f"{docx_path.stem}.odt").read_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        names = ["mimetype"] + sorted(n for n in src.namelist() if n != "mimetype")
        for name in names:
            if name.startswith("Thumbnails/"):
                continue
            content = src.read(name)
            if name == "META-INF/manifest.xml":  # the thumbnail (a picture of page 1) is left out
                content = re.sub(
                    rb'\s*<manifest:file-entry[^>]*full-path="Thumbnails/[^"]*"[^>]*/>', b"", content
                )
            elif name == "meta.xml":
                content = ODT_META.format(title=x(title)).encode("utf-8")
            elif name.endswith(".xml"):  # revision ids are random per run
                content = re.sub(rb'\s(officeooo|loext):[a-z-]*rsid="[^"]*"', b"", content)
                content = re.sub(rb'(config:name="Rsid(?:Root)?" config:type="int">)\d+', rb"\g<1>0", content)
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, content)
    out_path.write_bytes(out.getvalue())
    return True


TABLE_FORMS = [FOSTERING, FAMILY_SUPPORT, SHORT_BREAKS, HOUSEHOLD]


def build_table_forms(out_dir: Path, truth_dir: Path) -> list[Path]:
    """The older-Word table forms (H, I), their LibreOffice .odt rendering (L) and the grid form (K)."""
    import tempfile

    written = []
    for form in TABLE_FORMS:
        path = out_dir / form.file
        made = True
        if form.style == "H":
            OldTableBuilder(form, "sym", heading_fill="BFBFBF", label_fill="F2F2F2", one_table=True).save(
                path
            )
        elif form.style == "I":
            OldTableBuilder(
                form,
                "gothic",
                heading="unmerged",
                heading_fill="d9d9d9",
                label_cell_fill="d9d9d9",
                title_row=True,
            ).save(path)
        elif form.style == "L":
            with tempfile.TemporaryDirectory(prefix="formaudit-src-") as tmp:
                src = Path(tmp) / (Path(form.file).stem + ".docx")
                OldTableBuilder(
                    form, "gothic", heading="paragraph", label_fill="EDEDED", printed_yes_no=True
                ).save(src)
                made = convert_to_odt(src, path, form.title)
        else:
            GridFormBuilder(form).save(path)
        tpath = truth_dir / f"{form.file}.json"
        tpath.write_text(json.dumps(truth_for(form), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written += ([path] if made else []) + [tpath]
    return written


# =============================================================================================== web forms, other idioms (W)
# Online forms built with other tools than the design system, printed from the browser page by
# page (style W as well): a survey tool's response page (numbered questions, "Enter your answer"
# placeholders over underlined inputs, small drawn circles and squares, a card on a tinted page)
# and a multi-step wizard (one printed page per step with "Step n of N" and a progress bar, Back /
# Continue buttons, and a closing check-your-answers page whose rows restate the questions with a
# "Change" link — not new questions). Rendered by sample_forms/webprint.py.
WEB_FORMS_2 = [
    Form(
        "young-carer-referral_W.pdf",
        "Young carer referral",
        "W",
        "young-carer-referral",
        [
            Sec(
                "About the young person",
                [
                    T("Young person's full name", subject="child"),
                    D("Date of birth", subject="child"),
                    T("Home address", subject="child"),
                    T("School or college", subject="child"),
                    CH("Gender", ("Girl", "Boy", "Non-binary", "Prefer not to say"), subject="child"),
                ],
            ),
            Sec(
                "Caring role",
                [
                    Note("Tell us about the person the young person looks after."),
                    T("Who does the young person care for?"),
                    MC(
                        "What kind of help do they give?",
                        (
                            "Personal care",
                            "Medication",
                            "Cooking and cleaning",
                            "Emotional support",
                            "Looking after brothers or sisters",
                            "Interpreting",
                        ),
                    ),
                    CH(
                        "How many hours a week do they spend caring?",
                        ("Under 5", "5 to 10", "11 to 20", "More than 20"),
                    ),
                    L("How does caring affect their school life?", 150, subject="child"),
                ],
            ),
            Sec(
                "Consent and referrer",
                [
                    YN("Does the young person agree to this referral?", subject="child"),
                    T("Your name"),
                    EM("Your email address"),
                    PH("Your phone number"),
                ],
            ),
        ],
        intro=("Please complete this form to refer a young carer to the support service.",),
    ),
    Form(
        "family-help-request_W.pdf",
        "Ask for family help",
        "W",
        "family-help-request",
        [
            Sec(
                "Your details",
                [T("Your full name"), D("Your date of birth"), PH("Mobile number"), EM("Email address")],
            ),
            Sec(
                "Your household",
                [
                    NUM("How many children live with you?"),
                    CH(
                        "Your housing",
                        ("Own home", "Council or housing association", "Private rented", "Temporary"),
                    ),
                    YN("Does anyone in the household have a disability?"),
                ],
            ),
            Sec(
                "What help you need",
                [
                    MC(
                        "Which areas do you need help with?",
                        ("Money", "Housing", "Parenting", "Health", "Relationships"),
                    ),
                    L("Tell us more about your situation", 200),
                    CH("How would you like us to contact you?", ("Phone", "Email", "Letter")),
                ],
            ),
        ],
    ),
]
#: per form: how webprint renders it and the URL the browser prints in the footer
WEB_PAGES_2 = {
    "young-carer-referral_W.pdf": {
        "idiom": "survey",
        "url": "https://forms.formpad.example/r/Xy12Ab",
        "hints": {
            "Date of birth": "This helps us check eligibility.",
            "How does caring affect their school life?": "For example, missing lessons or time with friends.",
        },
        "required": frozenset(
            {
                "Young person's full name",
                "Date of birth",
                "Your name",
                "Your email address",
                "Does the young person agree to this referral?",
            }
        ),
        "product": "FormPad",
        "date_prompt": "Please input date (dd/MM/yyyy)",
    },
    "family-help-request_W.pdf": {
        "idiom": "wizard",
        "url": "https://familyhelp.eastvale.example/apply/step",
        "hints": {
            "Your date of birth": "For example, 15/03/1990",
            "How many children live with you?": "Include children who stay with you part of the week.",
        },
        "brand": "Eastvale Family Hub",
        "summary_title": "Check your answers before sending",
        "summary_value": "Not provided",
    },
}


def build_web_forms_2(out_dir: Path) -> list[Path]:
    """Print the survey-tool and wizard web forms (style W) with headless Chromium; skipped without it."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import webprint

    chromium = webprint.find_chromium()
    written = []
    for form in WEB_FORMS_2:
        path = out_dir / form.file
        page = WEB_PAGES_2[form.file]
        if chromium is None:
            print(
                f"skipped {form.file}: Chromium is not installed (needed to print web forms)", file=sys.stderr
            )
        else:
            if page["idiom"] == "survey":
                html = webprint.render_survey_html(
                    form, page["hints"], page["required"], page["product"], page["date_prompt"]
                )
            else:
                html = webprint.render_wizard_html(
                    form, page["hints"], page["brand"], page["summary_title"], page["summary_value"]
                )
            webprint.print_pdf(html, path, page["url"], chromium)
            written.append(path)
        tpath = out_dir / "truth" / f"{form.file}.json"
        tpath.write_text(json.dumps(truth_for(form), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(tpath)
    return written


# =============================================================================================== ruled paper forms
# Style R: a flat paper form drawn with rules and dots only — two columns of "Label ____" rules starting at one
# tab stop per column (short labels end far before their rules), a table drawn with horizontal borders only
# (label | answer rows), a grid of column headers over empty ruled rows, dotted leaders ("Name ........", a
# date "..../..../........") and lines of dots under a question; its second page is stored landscape and
# shown portrait (/Rotate 90, the drawing turned the other way).

CARER_SUMMARY = Form(
    file="carers-assessment-summary_R.pdf",
    title="Carer's Assessment Summary",
    style="R",
    source_form="carers-assessment-summary",
    sections=[
        Sec(
            "About the carer",
            [
                T("Surname", subject="carer"),
                T("First name", subject="carer"),
                D("Date of birth", subject="carer"),
                PH("Telephone", subject="carer"),
            ],
        ),
        Sec(
            "The person cared for",
            [
                T("Name of the person cared for", subject="cared-for"),
                T("Relationship to the carer", subject="cared-for"),
                T("Home address", subject="cared-for"),
            ],
        ),
        Sec(
            "Household members",
            [Grid([T("Full name"), T("Relationship"), D("Date of birth"), T("Works or studies")], rows=4)],
        ),
        Sec(
            "Caring role",
            [
                NUM("Hours of care each week"),
                D("Date caring started"),
                L("What does the carer do on a typical day?", 80),
                L("What would help the carer most?", 60),
            ],
        ),
        Sec("Assessor", [T("Name of assessor"), SIG("Signature of assessor")]),
    ],
)


class RuledFormBuilder:
    """Draws :data:`CARER_SUMMARY` (style R) with reportlab, top-down coordinates on an upright A4 page."""

    def __init__(self, form: Form):
        self.form = form

    def _page(self, rotate: int) -> None:
        c = self.c
        if rotate:
            c.setPageRotation(rotate)
            c.transform(0, 1, -1, 0, A4_H, 0)  # shown upright: the drawing turned against /Rotate 90

    def text(self, x: float, top: float, s: str, size: float = 10, bold: bool = False) -> None:
        self.c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.c.drawString(x, A4_H - top - size * 0.8, s)

    def rule(self, x0: float, x1: float, top: float) -> None:
        self.c.line(x0, A4_H - top, x1, A4_H - top)

    def heading(self, sec: Sec, top: float) -> float:
        self.text(50, top, sec.title, size=13, bold=True)
        return top + 28

    def build(self, path: Path) -> None:
        from reportlab.pdfgen import canvas

        f = self.form
        self.c = canvas.Canvas(str(path), pagesize=(A4_W, A4_H), invariant=1)
        self._page(0)
        self.text(50, 40, f.title, size=16, bold=True)
        about, person, household, role, assessor = f.sections
        top = self.heading(about, 80)
        labels = [fl.label for fl in about.fields]
        for i in range(0, len(labels), 2):  # two columns, rules at one tab stop per column
            self.text(50, top, labels[i])
            self.rule(150, 290, top + 10)
            self.text(310, top, labels[i + 1])
            self.rule(400, 545, top + 10)
            top += 25
        top = self.heading(person, top + 20)
        self.rule(50, 545, top)  # horizontal borders only
        for fl in person.fields:
            self.text(54, top + 6, fl.label)
            top += 24
            self.rule(50, 545, top)
        top = self.heading(household, top + 30)
        grid = household.items[0]
        self.rule(50, 545, top)
        for i, col in enumerate(grid.columns):
            self.text(54 + i * 124, top + 6, col.label, bold=True)
        for _ in range(grid.rows + 1):
            top += 24
            self.rule(50, 545, top)
        self.c.showPage()
        self._page(90)
        top = self.heading(role, 60)
        hours, started, day, help_ = role.fields
        self.text(50, top, hours.label + " " + "." * 40)
        top += 25
        self.text(50, top, started.label + " ......./......./...............")
        top += 35
        for fl in (day, help_):
            self.text(50, top, fl.label)
            top += 20
            for _ in range(4 if fl is day else 3):
                self.text(50, top, "." * 110)
                top += 20
            top += 15
        top = self.heading(assessor, top + 10)
        for fl in assessor.fields:  # labels written on their full-width lines
            self.text(50, top, fl.label)
            self.rule(50, 545, top + 10)
            top += 30
        self.c.showPage()
        self.c.save()


RULED_FORMS = [CARER_SUMMARY]


def build_ruled_forms(out_dir: Path, truth_dir: Path) -> list[Path]:
    written = []
    for form in RULED_FORMS:
        path = out_dir / form.file
        RuledFormBuilder(form).build(path)
        tpath = truth_dir / f"{form.file}.json"
        tpath.write_text(json.dumps(truth_for(form), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written += [path, tpath]
    return written


# =============================================================================================== main
# ====================================================================================== filled copies
#: Every value typed into a filled copy contains this marker, so a test can prove none reaches an output.
MARKER = "Zqxj"


def _value(n: int, long: bool = False) -> str:
    """A typed answer that looks like a real one (a name, a date-ish phrase, a sentence, a "Yes")."""
    shapes = [
        "Amelia {m} Hughes",
        "12/03/2015 ({m})",
        "{m} Road, Anytown AN1 2BC",
        "Yes - {m}",
        "07700 900{n:03d} {m}",
        "Mother: Sarah {m}",
    ]
    m = f"{MARKER}{n}"
    if long:
        return f"{m} has settled well at school. Concerns: {m} was seen with bruising; mother says it was a fall."
    return shapes[n % len(shapes)].format(m=m, n=n % 1000)


def fill_docx_xml(xml: bytes) -> bytes:
    """A filled-in copy of a form's ``word/document.xml``: text in every empty table cell and text box,
    typed values in content controls (placeholder gone, check boxes ticked), legacy text-field results,
    "Label: value" over underscore blanks, and one ticked box per ☐ group."""
    import re as _re

    from lxml import etree

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
    root = etree.fromstring(xml)
    counter = iter(range(1, 1_000_000))

    def text_run(value: str):
        r = etree.Element(W + "r")
        t = etree.SubElement(r, W + "t")
        t.text = value
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return r

    # content controls
    for sdt in root.iter(W + "sdt"):
        pr = sdt.find(W + "sdtPr")
        content = sdt.find(W + "sdtContent")
        if pr is None or content is None:
            continue
        cb = pr.find(W14 + "checkbox")
        if cb is not None:
            chk = cb.find(W14 + "checked")
            if chk is not None:
                chk.set(W14 + "val", "1")
            for t in content.iter(W + "t"):
                t.text = "\u2612"
            continue
        ph = pr.find(W + "showingPlcHdr")
        if ph is not None:
            pr.remove(ph)
        ts = list(content.iter(W + "t"))
        long = pr.find(W + "richText") is not None
        for i, t in enumerate(ts):
            t.text = _value(next(counter), long) if i == 0 else ""
    # legacy fields: text results, ticked check boxes, chosen drop-down entries
    for p in root.iter(W + "p"):
        state = None
        for r in p.iter(W + "r"):
            fc = r.find(W + "fldChar")
            if fc is not None:
                typ = fc.get(W + "fldCharType")
                ff = fc.find(W + "ffData")
                if typ == "begin" and ff is not None:
                    if ff.find(W + "checkBox") is not None:
                        d = ff.find(W + "checkBox").find(W + "default")
                        if d is not None:
                            d.set(W + "val", "1")
                    if ff.find(W + "ddList") is not None:
                        etree.SubElement(ff.find(W + "ddList"), W + "result").set(W + "val", "1")
                    state = "text" if ff.find(W + "textInput") is not None else None
                elif typ == "separate" and state == "text":
                    state = "result"
                elif typ == "end":
                    state = None
                continue
            if state == "result":
                for t in r.iter(W + "t"):
                    t.text = _value(next(counter))
                    state = "done"
    # "Label: ____" blanks become "Label: value"; ☐ groups get one tick
    blank = _re.compile(r"_{3,}|\.{5,}|\u2026{2,}")
    for t in root.iter(W + "t"):
        if t.text and blank.search(t.text):
            t.text = blank.sub(lambda _m: _value(next(counter)), t.text, count=1)
            t.text = blank.sub("", t.text)
        if t.text and "\u2610" in t.text:
            t.text = t.text.replace("\u2610", "\u2612", 1)
    # empty table cells and text boxes get typed text; so do the empty lines under a label at the top
    # of a cell or text box ("What are the risks?" with room to write below)
    for holder in list(root.iter(W + "tc")) + list(root.iter(W + "txbxContent")):
        if holder.find(".//" + W + "tbl") is not None or holder.find(".//" + W + "sdt") is not None:
            continue
        if holder.find(".//" + W + "fldChar") is not None:
            continue
        paras = holder.findall(W + "p")
        if not paras:
            continue
        texts = ["".join(p.itertext()).strip() for p in paras]
        if not any(texts):
            paras[0].append(text_run(_value(next(counter), long=holder.tag.endswith("txbxContent"))))
        elif texts[0] and not any(texts[1:]) and len(paras) >= 2 and "\u2612" not in texts[0]:
            paras[1].append(text_run(_value(next(counter), long=True)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def fill_docx(src: Path, dst: Path) -> None:
    """Write a filled-in copy of the DOCX form ``src`` to ``dst`` (see :func:`fill_docx_xml`)."""
    with zipfile.ZipFile(src) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    parts["word/document.xml"] = fill_docx_xml(parts["word/document.xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(zi, data)
    dst.write_bytes(out.getvalue())


def build_filled(out_dir: Path) -> list[Path]:
    """A filled-in copy of every sample form in ``out_dir`` (same file names): DOCX forms filled by
    :func:`fill_docx`, PDFs built with typed values (AcroForm /V values; printed values on the lines and in
    the boxes of flat forms)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for form in FORMS:
        path = out_dir / form.file
        if form.style in ("E", "F"):
            PdfBuilder(form, fillable=form.style == "E", filled=True).build(path)
        else:
            blank = out_dir / f".blank-{form.file}"
            DocxBuilder(form, **DOCX_STYLE[form.style]).save(blank)
            fill_docx(blank, path)
            blank.unlink()
        written.append(path)
    return written


def build(out_dir: Path = HERE) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    truth_dir = out_dir / "truth"
    truth_dir.mkdir(exist_ok=True)
    written = []
    for form in FORMS:
        path = out_dir / form.file
        if form.style in ("E", "F"):
            PdfBuilder(form, fillable=form.style == "E").build(path)
        else:
            DocxBuilder(form, **DOCX_STYLE[form.style]).save(path)
        tpath = truth_dir / f"{form.file}.json"
        tpath.write_text(json.dumps(truth_for(form), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written += [path, tpath]
    written += build_web_forms(out_dir)
    written += build_web_forms_2(out_dir)
    written += build_option_group_forms(out_dir)
    written += build_table_forms(out_dir, truth_dir)
    written += build_ruled_forms(out_dir, truth_dir)
    lib = truth_dir / "library.json"
    lib.write_text(json.dumps(library_truth(FORMS), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(lib)
    return written


# =============================================================================================== checklist form (N)
#: the people a matrix asks about, one row each, and the contacts a transposed record asks about, one column each
PEOPLE_ROWS = ("Child", "Mother", "Father")
CONTACT_COLUMNS = ("Contact 1", "Contact 2")
ROOMS = ("Kitchen", "Living room", "Bedrooms", "Bathroom")
HOME_CHECK = ("Yes", "No", "Not known")

HOME_VISIT = Form(
    file="home-visit-checklist_N.docx",
    title="Home Visit Checklist",
    style="N",
    source_form="home-visit-checklist",
    intro=("Complete during or straight after each planned home visit.",),
    sections=[
        Sec(
            "Visit details",
            [T("Family name"), D("Date of visit"), T("Visiting worker", subject="social_worker")],
            mode="above",
        ),
        Sec(
            "Section A: People present",
            [
                Grid(
                    [
                        T("Full name", subject="household_member"),
                        D("Date of birth", subject="household_member"),
                        T("Relationship to the child", subject="household_member"),
                    ],
                    rows=len(PEOPLE_ROWS),
                )
            ],
            mode="people",
        ),
        Sec(
            "Home conditions",
            [
                CH("Smoke alarm fitted and working", HOME_CHECK),
                CH("Medicines and cleaning products out of reach", HOME_CHECK),
                CH("Safe sleeping arrangements for babies", HOME_CHECK),
                CH("Enough food in the home", HOME_CHECK),
                MC("Which rooms were seen? (tick all that apply)", ROOMS),
            ],
            mode="checklist",
        ),
        Sec(
            "Section B: Emergency contacts",
            [
                Grid(
                    [
                        T("Contact name", subject="emergency_contact"),
                        PH("Telephone", subject="emergency_contact"),
                        T("Relationship to the family", subject="emergency_contact"),
                    ],
                    rows=len(CONTACT_COLUMNS),
                )
            ],
            mode="contacts",
        ),
        Sec(
            "Observations",
            [
                L("What did you observe about the home and the care of the children?", 150),
                D("Date of next visit"),
            ],
            mode="boxes",
        ),
        Sec(
            "Section C: Sign-off",
            [
                YN("Has the family been given a copy of this checklist?"),
                SIG("Worker's signature", subject="social_worker"),
                D("Date signed", subject="social_worker"),
            ],
            mode="signoff",
        ),
    ],
)


class ChecklistFormBuilder:
    """The home-visit checklist (style N): headings as short paragraphs on a grey band or as bold "Section A:"
    paragraphs; labels in full-width rows over one-line answer rows; a people-by-detail matrix and a
    transposed contacts record; a checklist whose header row names the answers (Yes | No | Not known) and a
    tick-all list laid out in cells under its question; labels and answers in text boxes; a Yes/No question
    with Wingdings 2 boxes inserted as symbols, a dotted signature line and a dotted date blank."""

    GREY = "D9D9D9"

    def __init__(self, form: Form):
        self.form = form
        self.ids = Ids()

    def heading(self, sec: Sec) -> str:
        if sec.title.startswith("Section "):
            return para(run(sec.title, b=True), before=240, after=120, keep=True)
        shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{self.GREY}"/>'
        return f'<w:p><w:pPr>{shd}<w:spacing w:before="240" w:after="120"/></w:pPr>{run(sec.title)}</w:p>'

    def matrix(self, corner_heads: list[str], row_labels: list[str], ncols: int) -> str:
        w0 = LABEL_W
        w = (PAGE_W - w0) // (ncols - 1)
        widths = [w0] + [w] * (ncols - 2) + [PAGE_W - w0 - w * (ncols - 2)]
        rows = [row([cell(para(run(h, b=True)), widths[i]) for i, h in enumerate(corner_heads)])]
        for lab in row_labels:
            rows.append(row([cell(para(run(lab)), widths[0])] + [cell("<w:p/>", wi) for wi in widths[1:]]))
        return table(rows, widths)

    def section(self, sec: Sec) -> list[str]:
        out = [self.heading(sec)]
        if sec.mode == "above":
            rows = []
            for f in sec.items:
                rows.append(row([cell(para(run(f.label, b=True)), PAGE_W)]))
                rows.append(row([cell("<w:p/>", PAGE_W)]))
            out.append(table(rows, [PAGE_W]))
        elif sec.mode == "people":
            (g,) = sec.items
            heads = ["", *(c.label for c in g.columns)]
            out.append(self.matrix(heads, list(PEOPLE_ROWS), len(heads)))
        elif sec.mode == "contacts":
            (g,) = sec.items
            heads = ["", *CONTACT_COLUMNS]
            out.append(self.matrix(heads, [c.label for c in g.columns], len(heads)))
        elif sec.mode == "checklist":
            checks = [f for f in sec.items if f.fine == "choice"]
            heads = ["Check", *HOME_CHECK]
            out.append(self.matrix(heads, [f.label for f in checks], len(heads)))
            out.append("<w:p/>")
            (rooms,) = [f for f in sec.items if f.fine == "multi_choice"]
            half = PAGE_W // 2
            rows = [row([cell(para(run(rooms.label)), PAGE_W, span=2)])]
            for a, b in zip(rooms.options[::2], rooms.options[1::2], strict=True):
                rows.append(row([cell(para(run(f"{BOX} {a}")), half), cell(para(run(f"{BOX} {b}")), half)]))
            out.append(table(rows, [half, PAGE_W - half]))
        elif sec.mode == "boxes":
            for f in sec.items:
                out.append(text_box(self.ids, para(run(f.label)), 400))
                tall = box_height(f.words) if f.kind == "long" else 360
                out.append(text_box(self.ids, "<w:p/>", tall))
        elif sec.mode == "signoff":
            yn, sig, date = sec.items
            box = '<w:r><w:sym w:font="Wingdings 2" w:char="F0A3"/></w:r>'
            out.append(para(run(f"{yn.label}   Yes ") + box + run("   No ") + box))
            out.append(para(run(f"{sig.label} " + "." * 40)))
            out.append(para(run(f"{date.label} ..../..../........")))
        out.append("<w:p/>")
        return out

    def body(self) -> str:
        f = self.form
        out = [para(run(f.title, b=True, sz=32))]
        out += [para(run(t, i=True, sz=18)) for t in f.intro]
        for sec in f.sections:
            out += self.section(sec)
        return "".join(out)

    def save(self, path: Path) -> None:
        save_docx_body(self.form, self.body(), path)


_build_before_checklist = build


def build(out_dir: Path = HERE) -> list[Path]:  # noqa: F811 - the forms above, then the checklist form
    written = _build_before_checklist(out_dir)
    path = out_dir / HOME_VISIT.file
    ChecklistFormBuilder(HOME_VISIT).save(path)
    tpath = out_dir / "truth" / f"{HOME_VISIT.file}.json"
    tpath.write_text(json.dumps(truth_for(HOME_VISIT), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return [*written, path, tpath]


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for p in build(out):
        print(p.relative_to(out.parent) if p.is_relative_to(out.parent) else p)
