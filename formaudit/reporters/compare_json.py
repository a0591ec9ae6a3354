"""The compare result as JSON (``"schema": "formaudit.compare/2"``)."""

from __future__ import annotations

import json

from ..schemas import COMPARE_SCHEMA


def _round(x):
    if isinstance(x, float):
        return round(x, 4)
    if isinstance(x, dict):
        return {k: _round(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_round(v) for v in x]
    return x


def render(result: dict, **_kw) -> str:
    d = {"schema": COMPARE_SCHEMA, **{k: v for k, v in result.items() if k != "schema"}}
    return json.dumps(_round(d), indent=2, ensure_ascii=False) + "\n"
