"""``formaudit check --format json``: the reported findings as a scan report (schema ``formaudit.report/1``)."""

from __future__ import annotations

from . import scan_json


def render(result, **kw) -> str:
    return scan_json.render(result.report(), **kw)
