"""FA302 field-budget: a form with more fields than its budget allows."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Finding
from . import Check, Option


class FieldBudget(Check):
    """More fields than the form's budget (``max_fields``) allows.

    **What it finds.** A form whose number of questions (every field the readers found: text boxes,
    dates, tick boxes, choices, signatures, grids and the columns of a repeating record) is above
    ``max_fields``. One finding per form over budget; nothing when no budget is set.

    **Why it matters.** Every question is a question a practitioner has to read, think about and
    answer or skip while a family waits; a budget on the number of questions keeps a template from
    growing one "just in case" field at a time. It complements FA301, which budgets minutes.

    **Settings** (key ``FA302``): ``max_fields`` (default: none — never fires), ``severity`` (default
    error). ``formaudit check --max-fields N`` and ``max_fields`` in the configuration set the budget.
    ``data`` holds ``{"fields": N, "max_fields": budget}``.

    **Example.** ``FA302 error  referral.docx  72 fields, over the budget of 60 fields``.
    """

    code = "FA302"
    name = "field-budget"
    default_severity = "error"
    options = {
        "max_fields": Option(
            int,
            None,
            "fields budget per form (null: no budget); set by max-fields in the configuration",
            nullable=True,
            minimum=0,
            config_key="max_fields",
        ),
    }

    def run(self) -> Iterable[Finding]:
        budget = self.options["max_fields"]
        if budget is None:
            return
        for form in self.ctx.forms:
            n = len(form.fields)
            if n > budget:
                yield self.finding(
                    form.source,
                    f"{n} fields, over the budget of {budget} field{'s' if budget != 1 else ''}",
                    why=(
                        f"The form asks {n} questions; the budget is {budget}. Drop, merge or pre-fill "
                        f"{n - budget} of them (see FA101, FA102 and FA201 for candidates)."
                    ),
                    data={"fields": n, "max_fields": budget},
                )
