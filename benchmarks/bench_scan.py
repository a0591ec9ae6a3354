"""Benchmark: run every scan check over synthetic forms (not a test; prints wall time and peak memory).

    python benchmarks/bench_scan.py                 # 1,000 forms × 100 fields = 100,000 fields
    python benchmarks/bench_scan.py 200 100

Labels are drawn from realistic social-care questions with person prefixes, numbered variants and
free-text prompts, so blocking and fuzzy matching see realistic collisions; about a third are made unique
(as forms word questions their own way), so per-label caches do not flatter the figure. Each form words its
own questions with some words of its own (invented, letters only), as the forms of a real library differ in
vocabulary: without them every synthetic form would share one vocabulary and be taken for a rendering of one
form (so FA102 would compare nothing). One file in ``RENDERING_EVERY`` is another rendering of the form
before it (a PDF beside its DOCX). Forms are built in memory (reading files is measured by bench_extract.py).
"""

from __future__ import annotations

import copy
import random
import resource
import sys
import time

from formaudit.model import Field, Form, Section

PEOPLE = ["Child's", "Mother's", "Father's", "Carer's", "Referrer's", "Social worker's", ""]
ITEMS = [
    ("name", "text"),
    ("date of birth", "date"),
    ("address", "text"),
    ("postcode", "text"),
    ("telephone number", "phone"),
    ("email address", "email"),
    ("ethnicity", "text"),
    ("first language", "text"),
    ("religion", "text"),
    ("GP", "text"),
    ("school", "text"),
    ("NHS number", "text"),
    ("gender", "choice"),
]
FREE = [
    "What are we worried about?",
    "What is working well?",
    "What needs to happen?",
    "Views of the child",
    "Parenting capacity",
    "Health needs",
    "Education and learning",
    "Family history",
    "Housing",
    "Summary of concerns",
    "Analysis of risk",
    "Contingency plan",
    "Reason for referral",
]
CONTEXT = [
    "at home",
    "at school",
    "with friends",
    "in the community",
    "during contact",
    "at night",
    "with siblings",
    "in placement",
    "online",
    "at the weekend",
    "with the father",
    "with extended family",
    "in the last month",
]
#: Share of labels made (nearly) unique, as a library's forms word many questions their own way.
UNIQUE_SHARE = 0.35
#: Words of its own each form uses in its title and unique labels (invented from SYLLABLES).
OWN_WORDS = 12
SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "ip", "na", "qua", "zet", "bri", "mon"]
#: One file in this many is a second rendering (same content, ``.pdf``) of the form before it.
RENDERING_EVERY = 20
SECTIONS = [
    "Front sheet",
    "Child's details",
    "Family",
    "Health",
    "Education",
    "Assessment",
    "Plan",
    "Sign-off",
]


def word(rnd: random.Random) -> str:
    """An invented word of three syllables (letters only, so a rendering's vocabulary counts it)."""
    return "".join(rnd.choice(SYLLABLES) for _ in range(3))


def make_form(i: int, n_fields: int, rnd: random.Random) -> Form:
    own = [word(rnd) for _ in range(OWN_WORDS)]
    secs = [Section(title=t, level=1) for t in SECTIONS]
    for k in range(n_fields):
        sec = secs[k % len(secs)]
        if rnd.random() < 0.25:
            label, kind = (
                rnd.choice(FREE) + (f" ({rnd.randint(1, 30)})" if rnd.random() < 0.3 else ""),
                "long_text",
            )
        else:
            item, kind = rnd.choice(ITEMS)
            who = rnd.choice(PEOPLE)
            label = f"{who} {item}".strip().capitalize() if who else item.capitalize()
            if item == "address" and rnd.random() < 0.5:
                label += f" line {rnd.randint(1, 3)}"
        if rnd.random() < UNIQUE_SHARE:
            label = f"{label} {rnd.choice(CONTEXT)} {rnd.choice(own)} (question {i}.{k})"
        sec.fields.append(
            Field(id="", label=label, kind=kind, options=["Yes", "No"] if kind == "choice" else [])
        )
    return Form(
        source=f"synthetic/form{i:04d}.docx",
        format="docx",
        title=f"Form {i} {own[0]} {own[1]}",
        sections=secs,
    ).finalise()


def main(argv: list[str]) -> None:
    n_forms = int(argv[0]) if argv else 1000
    n_fields = int(argv[1]) if len(argv) > 1 else 100
    rnd = random.Random(42)
    forms: list[Form] = []
    for i in range(n_forms):
        if i % RENDERING_EVERY == RENDERING_EVERY - 1:
            forms.append(copy.deepcopy(forms[-1]))
            forms[-1].source = forms[-1].source.replace(".docx", ".pdf")
            forms[-1].format = "pdf"
        else:
            forms.append(make_form(i, n_fields, rnd))
    from formaudit.api import run_checks

    t0, c0 = time.perf_counter(), time.process_time()
    findings, _ = run_checks(forms)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    by_code: dict[str, int] = {}
    for f in findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    print(f"{n_forms} forms × {n_fields} fields = {n_forms * n_fields} fields")
    print(
        f"checks {cpu:.2f} s CPU (user+sys, all threads), {wall:.2f} s wall; "
        f"peak RSS {peak_mib:.0f} MiB (whole process)"
    )
    from formaudit.renderings import rendering_groups

    groups = rendering_groups(forms)
    print(f"{len(groups)} distinct forms ({sum(len(g) > 1 for g in groups)} with a second rendering)")
    print("findings: " + ", ".join(f"{k} {v}" for k, v in sorted(by_code.items())))


if __name__ == "__main__":
    main(sys.argv[1:])
