"""The one content-control tag vocabulary shared by the DOCX writer and the DOCX/ODT readers."""

import pytest

from formaudit.formtags import TAG_PREFIX, FormTag, format_tag, parse_tag
from formaudit.model import KINDS


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("prefilled", [False, True])
def test_format_then_parse_round_trips(kind, prefilled):
    tag = format_tag(kind, prefilled)
    assert tag.startswith(TAG_PREFIX)
    assert parse_tag(tag) == FormTag(kind=kind, prefilled=prefilled)


def test_parse_ignores_unknown_kinds_and_items():
    assert parse_tag("formaudit:kind=nonsense;colour=blue") == FormTag(kind=None, prefilled=False)
    assert parse_tag("formaudit:prefilled") == FormTag(kind=None, prefilled=True)
    assert parse_tag("formaudit: kind=date ; prefilled") == FormTag(kind="date", prefilled=True)


@pytest.mark.parametrize("tag", [None, "", "kind=date", "Formaudit:kind=date", "my-tag"])
def test_other_tags_are_not_ours(tag):
    assert parse_tag(tag) is None
