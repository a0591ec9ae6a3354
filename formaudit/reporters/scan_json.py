"""The scan report as JSON (schema ``formaudit.report/1``; JSON Schema in formaudit/schemas)."""

from __future__ import annotations

import json


def render(report, **_kw) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
