"""Load rule data (YAML) from the packaged ``rules/`` folder, overridden by a user's rules folder.

A user's folder may hold any of the packaged files; its top-level keys replace the packaged ones
(mappings are merged one level deep, so a user can add one synonym without restating the rest).
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import UsageError


def _read_yaml(text: str, where: str) -> dict[str, Any]:
    import yaml

    try:
        # the C loader (libyaml) when PyYAML was built with it: the same safe data, ~10× faster
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except yaml.YAMLError as e:
        raise UsageError(f"{where}: invalid YAML ({e.__class__.__name__})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{where}: expected a mapping at the top level")
    return data


def _packaged_dir():
    """The shipped rules: ``formaudit.rules`` in an installed wheel, ``rules/`` in a source checkout."""
    try:
        return resources.files("formaudit.rules")
    except ModuleNotFoundError:  # running from a source tree that was not installed
        return Path(__file__).resolve().parent.parent / "rules"


@functools.lru_cache(maxsize=64)
def load(name: str, rules_dir: str | None = None) -> dict[str, Any]:
    """Return the merged rule data of ``rules/<name>.yaml``."""
    packaged = _packaged_dir().joinpath(f"{name}.yaml")
    data = (
        _read_yaml(packaged.read_text(encoding="utf-8"), f"rules/{name}.yaml") if packaged.is_file() else {}
    )
    if rules_dir:
        p = os.path.join(rules_dir, f"{name}.yaml")
        if os.path.isfile(p):
            with open(p, encoding="utf-8") as fh:
                user = _read_yaml(fh.read(), p)
            for k, v in user.items():
                if isinstance(v, dict) and isinstance(data.get(k), dict):
                    data[k] = {**data[k], **v}
                else:
                    data[k] = v
    return data
