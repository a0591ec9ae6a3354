"""The content-control tag vocabulary formaudit writes into its own fillable forms and reads back.

Every answer control of a form written by :mod:`formaudit.writers.docx_form` carries a tag such as
``formaudit:kind=date`` or ``formaudit:kind=number;prefilled``: the prefix :data:`TAG_PREFIX`, then items
separated by :data:`ITEM_SEP` — ``kind=<kind>`` (one of :data:`formaudit.model.KINDS`) and the flag
``prefilled``. The DOCX and ODT readers honour it (a stated kind wins over the control type and the
label). :func:`format_tag` and :func:`parse_tag` are the one writer/reader pair; unknown items are
ignored, so older or newer tags still read.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import KINDS

__all__ = ["ITEM_SEP", "KIND_KEY", "PREFILLED", "TAG_PREFIX", "FormTag", "format_tag", "parse_tag"]

#: What every formaudit tag starts with.
TAG_PREFIX = "formaudit:"
#: Separates the items after the prefix.
ITEM_SEP = ";"
#: The item key stating the field's kind: ``kind=<kind>``.
KIND_KEY = "kind"
#: The flag item marking a field filled in from the case record.
PREFILLED = "prefilled"


@dataclass(frozen=True)
class FormTag:
    """What a formaudit tag states: the field's kind (None if not stated or unknown) and whether it is
    pre-filled."""

    kind: str | None = None
    prefilled: bool = False


def format_tag(kind: str, prefilled: bool = False) -> str:
    """The tag for a control of ``kind``: ``formaudit:kind=<kind>`` plus ``;prefilled`` when pre-filled."""
    tag = f"{TAG_PREFIX}{KIND_KEY}={kind}"
    if prefilled:
        tag += ITEM_SEP + PREFILLED
    return tag


def parse_tag(tag: str | None) -> FormTag | None:
    """Read a control's tag; None unless it is a formaudit tag. A kind not in ``KINDS`` is ignored."""
    if not tag or not tag.startswith(TAG_PREFIX):
        return None
    kind = None
    prefilled = False
    for item in tag[len(TAG_PREFIX) :].split(ITEM_SEP):
        key, _, value = item.strip().partition("=")
        if key == PREFILLED:
            prefilled = True
        elif key == KIND_KEY and value in KINDS:
            kind = value
    return FormTag(kind=kind, prefilled=prefilled)
