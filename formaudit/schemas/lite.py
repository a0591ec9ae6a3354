"""A small JSON Schema validator for the rule files (no dependency, so start-up stays fast).

Supports the subset the shipped schemas use: ``type`` (one or a list), ``enum``, ``properties``,
``additionalProperties`` (false or a schema), ``required``, ``items``, ``minimum``/``maximum``, ``minItems``,
``anyOf`` and local ``$ref`` (``#/$defs/name``). :func:`first_error` returns the first problem as
``(key path, message)``, e.g. ``("FA302.max_fields", "must be integer or null (got 'sixty')")``.

``partial=True`` skips ``required`` in mappings: a user's override file holds only the keys it changes.
"""

from __future__ import annotations

from typing import Any

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _join(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in schema and seen < 16:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref is supported: {ref}")
        node: Any = root
        for part in ref[2:].split("/"):
            node = node[part]
        schema, seen = node, seen + 1
    return schema


def first_error(
    value: Any,
    schema: dict[str, Any],
    partial: bool = False,
    root: dict[str, Any] | None = None,
    path: str = "",
) -> tuple[str, str] | None:
    """The first place where ``value`` does not follow ``schema``, or None."""
    root = schema if root is None else root
    schema = _resolve(schema, root)
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else list(types)
        if not any(_TYPES[t](value) for t in names):
            return path, f"must be {' or '.join(names)} (got {_show(value)})"
    if "enum" in schema and value not in schema["enum"]:
        opts = ", ".join("null" if x is None else str(x) for x in schema["enum"])
        return path, f"must be one of {opts} (got {_show(value)})"
    if "anyOf" in schema:
        errs = [first_error(value, s, partial, root, path) for s in schema["anyOf"]]
        if all(errs):
            return next(e for e in errs if e)
    if _TYPES["number"](value):
        if "minimum" in schema and value < schema["minimum"]:
            return path, f"must be at least {schema['minimum']} (got {value!r})"
        if "maximum" in schema and value > schema["maximum"]:
            return path, f"must be at most {schema['maximum']} (got {value!r})"
    if isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for k, v in value.items():
            sub = props.get(k)
            if sub is None:
                if extra is False:
                    known = ", ".join(props) or "none"
                    return _join(path, k), f"unknown key (known{' here' if path else ''}: {known})"
                if isinstance(extra, dict):
                    sub = extra
            if sub is not None:
                err = first_error(v, sub, partial, root, _join(path, k))
                if err:
                    return err
        if not partial:
            for k in schema.get("required", []):
                if k not in value:
                    return _join(path, k), "is required"
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            return path, f"must have at least {schema['minItems']} item(s)"
        items = schema.get("items")
        if isinstance(items, dict):
            for i, v in enumerate(value):
                # an item of a list is always given whole (lists replace, never merge)
                err = first_error(v, items, False, root, _join(path, i))
                if err:
                    return err
    return None


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
