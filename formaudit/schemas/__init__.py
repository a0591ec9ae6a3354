"""JSON Schemas shipped with formaudit (package data ``formaudit/schemas/*.json``).

``load_schema("form")`` returns the schema of the form model (``formaudit.form/1``).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

#: the ``schema`` value of each JSON document formaudit writes
FORM_SCHEMA = "formaudit.form/1"
REPORT_SCHEMA = "formaudit.report/1"
COMPARE_SCHEMA = "formaudit.compare/2"
USAGE_SCHEMA = "formaudit.usage/1"


@functools.cache
def _load(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    """The schema ``name`` (``"form"`` or ``"form.schema.json"``) as a fresh dict.

    Raises ``FileNotFoundError`` if no such schema ships with formaudit.
    """
    if "/" in name or "\\" in name or name.startswith("."):
        raise FileNotFoundError(f"no such schema: {name!r}")
    filename = name if name.endswith(".json") else f"{name}.schema.json"
    try:
        return json.loads(_load(filename))
    except (FileNotFoundError, IsADirectoryError):
        raise FileNotFoundError(f"no such schema: {name!r}") from None
