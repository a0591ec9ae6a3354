"""FA301 completion-time: a form that takes longer to fill in than its budget."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Finding
from ..timing import timings
from . import Check, Option


class CompletionTime(Check):
    """A form whose estimated completion time (low–expected–high minutes) is over its budget.

    **What it finds.** Forms whose expected completion time is over ``budget_minutes``. The estimate adds up,
    field by field, the time a practitioner needs to read the form and fill it in, using the constants of
    ``rules/time_model.yaml`` (each cites its published source):

    * reading the title, section headings, guidance, labels, hints and options at 238 words a minute
      (Brysbaert 2019);
    * typed answers with the Keystroke-Level Model (Card, Moran & Newell 1980; Kieras): think (M 1.35 s),
      point (P 1.1 s), move the hands to the keyboard and back (2 × H 0.4 s), and type the characters
      such an answer usually has (a date 10, a phone number 11, a name ~18…) at K 0.28 s each;
    * yes/no, picklists and tick boxes at 5 s each (HL7 Da Vinci DTR guidance), plus a little per
      further option ticked in a multi-choice;
    * long text at composition speed, 19 words a minute (Karat et al. 1999), for the words the box holds
      (its capacity, or 60 words), plus thinking time;
    * grids and repeating records for the rows usually filled (3, never more than the form offers);
    * signatures 10 s; fields the system pre-populates 5 s to check (DTR).

    The low and high figures use the low and high value of every constant (a skilled typist and a quick
    reader against an unfamiliar one, fewer against more words). Every form's minutes are in every report
    (``forms[].minutes``; ``formaudit scan --explain`` breaks them down by section and by operator): within
    budget, or with no budget, the time is a statistic, not a finding.

    **Why it matters.** Time spent on a form is time not spent with a family; a budget keeps a template from
    growing one question at a time. It complements FA302, which budgets fields.

    **Settings** (key ``FA301``): ``budget_minutes`` (default: none — never fires; ``max-minutes`` in the
    configuration or ``formaudit check --max-minutes`` sets it), ``severity`` (default error). The
    finding's ``minutes`` is the expected time, and ``data`` holds ``{"low", "expected", "high"}`` minutes.

    **Example.** ``FA301 error  child-in-need-plan.docx  Completion time about 37 min (12–75 min) for 27
    fields, over the budget of 30 min``.
    """

    code = "FA301"
    name = "completion-time"
    default_severity = "error"
    options = {
        "budget_minutes": Option(
            float,
            None,
            "expected-minutes budget per form (null: no budget); set by max-minutes in the configuration",
            nullable=True,
            minimum=0,
            config_key="max_minutes",
        ),
    }

    def run(self) -> Iterable[Finding]:
        budget = self.options["budget_minutes"]
        if budget is None:
            return
        timings(self.ctx)
        estimates = self.ctx.cache["form_estimates"]
        for form in self.ctx.forms:
            fe = estimates.get(form.source)
            if fe is None:
                continue
            m = fe.minutes
            lo, ex, hi = m["low"], m["expected"], m["high"]
            if ex <= budget:
                continue
            yield self.finding(
                form.source,
                f"Completion time about {_fmt(ex)} min ({_fmt(lo)}–{_fmt(hi)} min) "
                f"for {fe.field_count} field{'s' if fe.field_count != 1 else ''}, "
                f"over the budget of {_fmt(budget)} min",
                minutes=ex,
                data={"low": round(lo, 2), "expected": round(ex, 2), "high": round(hi, 2)},
                why=_why(fe),
            )


def _fmt(x: float) -> str:
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}"


def _why(fe) -> str:
    """The operators that cost most, e.g. "composing long answers 30 min (82%), typing 2 min (5%)"."""
    names = {
        "read": "reading",
        "mental": "thinking before each answer",
        "point": "pointing",
        "home": "moving between mouse and keyboard",
        "keys": "typing",
        "compose": "composing long answers",
        "think": "planning long answers",
        "choose": "choosing options",
        "sign": "signing",
        "verify": "checking pre-filled answers",
    }
    total = fe.total.expected or 1.0
    top = sorted(fe.total.ops.items(), key=lambda kv: -kv[1].expected)[:3]
    parts = [f"{names.get(k, k)} {_fmt(o.expected / 60)} min ({o.expected / total:.0%})" for k, o in top]
    return "Largest shares: " + ", ".join(parts) if parts else ""
