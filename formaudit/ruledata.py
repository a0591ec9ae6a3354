"""Load rule data (YAML) from the packaged ``rules/`` folder, overridden by a user's rules folder.

**One merge rule** (:func:`merge`): a user's file holds only what it changes. Mappings merge key by key, at
every depth; anything else — a list, a string, a number, ``null`` — replaces the packaged value. So
``synonyms: {sw: social worker}`` adds one synonym, ``FA301: {budget_minutes: 45}`` changes one setting, and
``concepts: {nhs_number: {prefillable: false}}`` changes one property of one concept (its patterns stay);
a list such as ``generic: [...]`` is replaced whole.

**Validated.** A user's file is checked against its JSON Schema (``formaudit/schemas/rules-<name>.schema.json``)
before it is merged: an unknown key, an unknown check code or a value of the wrong type is a one-line
:class:`~formaudit.errors.UsageError` naming the file and the key (the CLI exits 2).

**Never shared mutably.** :func:`load` returns a fresh deep copy of the (cached) merged data, so one caller
cannot change what the next one reads.
"""

from __future__ import annotations

import copy
import functools
import os
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import UsageError

#: the rule files, by name (``rules/<name>.yaml``); each has a schema ``rules-<name>.schema.json``
NAMES = (
    "answers",
    "checks",
    "concepts",
    "kinds",
    "page_furniture",
    "subjects",
    "synonyms",
    "time_model",
    "topics",
    "usage",
)


def _read_yaml(text: str, where: str) -> dict[str, Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
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


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` merged into a copy of ``base``: mappings key by key at every depth; anything else replaces."""
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def schema_for(name: str) -> dict[str, Any] | None:
    """The JSON Schema of ``rules/<name>.yaml`` (checks.yaml's is generated from the checks' declared options
    by :func:`formaudit.checks.checks_schema`; a test keeps the shipped copy in step)."""
    from .schemas import load_schema

    try:
        return load_schema(f"rules-{name}")
    except FileNotFoundError:
        return None


def validate(name: str, data: dict[str, Any], where: str, partial: bool = True) -> None:
    """Raise a one-line UsageError naming ``where`` and the key if ``data`` does not follow the schema.

    ``partial``: ``data`` is an override file (required keys of mappings may be left out). ``checks.yaml``
    is also checked, with messages naming the option, against the options the checks declare when the
    engine applies it (:func:`formaudit.engine.resolve_settings`).
    """
    schema = schema_for(name)
    if schema is None:
        return
    from .schemas.lite import first_error

    err = first_error(data, schema, partial=partial)
    if err is None:
        return
    key, problem = err
    if problem.startswith("unknown key"):
        what = (
            "check code" if name == "checks" and "." not in key else "setting" if name == "checks" else "key"
        )
        raise UsageError(f"{where}: unknown {what} '{key}'{problem[len('unknown key') :]}")
    raise UsageError(f"{where}: '{key}' {problem}" if key else f"{where}: {problem}")


def user_file(name: str, rules_dir: str | None) -> str | None:
    """``<rules_dir>/<name>.yaml`` when it exists."""
    if not rules_dir:
        return None
    p = os.path.join(rules_dir, f"{name}.yaml")
    return p if os.path.isfile(p) else None


def read_user(name: str, path: str) -> dict[str, Any]:
    """A user's override file, read and validated (UsageError naming the file and the key)."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"{path}: cannot be read ({e.__class__.__name__})") from None
    data = _read_yaml(text, path)
    if name == "checks":  # codes are case-insensitive, as on the command line
        data = {str(k).strip().upper(): v for k, v in data.items()}
    validate(name, data, path)
    return data


@functools.lru_cache(maxsize=16)
def check_folder(rules_dir: str | None) -> None:
    """Validate every rule file of a user's folder up front (even one no command of this run reads)."""
    if not rules_dir:
        return
    if not os.path.isdir(rules_dir):
        raise UsageError(f"--rules {rules_dir}: not a folder")
    for name in NAMES:
        p = user_file(name, rules_dir)
        if p is not None:
            read_user(name, p)


@functools.lru_cache(maxsize=64)
def _load(name: str, rules_dir: str | None) -> dict[str, Any]:
    packaged = _packaged_dir().joinpath(f"{name}.yaml")
    data = (
        _read_yaml(packaged.read_text(encoding="utf-8"), f"rules/{name}.yaml") if packaged.is_file() else {}
    )
    if name == "checks":
        data = {str(k).strip().upper(): v for k, v in data.items()}
    p = user_file(name, rules_dir)
    if p is not None:
        data = merge(data, read_user(name, p))
    return data


def load(name: str, rules_dir: str | None = None) -> dict[str, Any]:
    """The merged rule data of ``rules/<name>.yaml`` and ``<rules_dir>/<name>.yaml`` (a fresh copy)."""
    return copy.deepcopy(_load(name, rules_dir))


load.cache_clear = _load.cache_clear  # type: ignore[attr-defined]
