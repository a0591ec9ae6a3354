"""Read a form model written in YAML or JSON (schema ``formaudit.form/1``).

Web forms and case-management-system screens have no DOCX/PDF to read, so they are described by hand.
Both the full model (as ``formaudit extract --format json|yaml`` prints it) and a shorthand are
accepted::

    schema: formaudit.form/1
    title: Child referral
    sections:
      - title: Child's details
        fields:
          - Child's name                 # a bare label: kind text
          - {label: Date of birth, kind: date}
          - label: Gender
            kind: choice
            options: [Male, Female, Other]
      - title: Health
        level: 2                         # level defaults to 1; ids are assigned in order
        fields: [GP name, GP address]

A top-level ``fields:`` list is the untitled block before the first section. ``source`` defaults to the
file's path, ``format`` to ``model``. Derived keys (``field_count``, ``section_count``,
``guidance_words``) are ignored and recomputed.

Validation follows ``formaudit/schemas/form.schema.json`` but is done here in plain Python (jsonschema
is a test-only dependency) so every problem is one clear line naming the section and field.
YAML is read with ``safe_load`` semantics (no custom tags), YAML 1.2 booleans (``Yes``/``No`` stay
text) and a size limit; an aliased ("billion laughs") document is stopped by item limits.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

from ..errors import FormError
from ..model import FORM_SCHEMA, KINDS, Field, Form, Section

#: Largest form-model file read (bytes). A 10,000-field model is about 2 MB of JSON.
MAX_MODEL_BYTES = 4 * 1024 * 1024
#: Most sections, fields and list items (options + columns) in one model (the longest real forms have
#: about 1,000 fields).
MAX_SECTIONS = 10_000
MAX_FIELDS = 10_000
MAX_ITEMS = 100_000

NOT_A_MODEL = f"not a formaudit form model (no 'schema: {FORM_SCHEMA}')"

_FIELD_KEYS = (
    "id",
    "label",
    "kind",
    "options",
    "subject",
    "item",  # derived by formaudit (extract output); ignored when read
    "required",
    "capacity",
    "location",
    "columns",
    "repeat",
    "hint",
    "prefilled",
)
_CAPACITY_KEYS = ("words", "lines", "rows")
_SECTION_KEYS = ("id", "title", "level", "parent", "location", "guidance", "guidance_words", "fields")


class _Invalid(Exception):
    """A validation problem; turned into a FormError for the file."""


def read_model(path: str | os.PathLike, **options: Any) -> Form:
    """Read a ``formaudit.form/1`` model from a ``.yaml``/``.yml``/``.json`` file.

    Raises :class:`FormError` with a one-line reason if the file cannot be read, does not parse, is
    not a form model or does not follow the schema.
    """
    p = Path(path)
    text = _read_text(p)
    data = _parse(p, text)
    try:
        form = _build(data, default_source=str(p))
    except _Invalid as e:
        raise FormError(p, str(e)) from None
    except RecursionError:
        raise FormError(p, "form model is nested too deeply") from None
    return form.finalise()


def _read_text(p: Path) -> str:
    try:
        size = p.stat().st_size
        if size > MAX_MODEL_BYTES:
            raise FormError(
                p,
                f"form model file is too large ({size / (1024 * 1024):.1f} MB; "
                f"limit {MAX_MODEL_BYTES // (1024 * 1024)} MB)",
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise FormError(p, "no such file") from None
    except IsADirectoryError:
        raise FormError(p, "is a folder, not a form file") from None
    except PermissionError:
        raise FormError(p, "permission denied") from None
    except OSError as e:
        raise FormError(p, f"cannot be read ({e.strerror or e})") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise FormError(p, f"not UTF-8 text (bad byte at offset {e.start})") from None


def _one_line(s: object) -> str:
    return " ".join(str(s).split())


def _parse(p: Path, text: str) -> Any:
    if p.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            raise FormError(p, f"invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
        except RecursionError:
            raise FormError(p, "invalid JSON: nested too deeply") from None
    return _parse_yaml(p, text)


@functools.cache
def _yaml_loader():
    import yaml

    # libyaml's parser where it is installed (about 10× faster on large models; same documents)
    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

    class Loader(base):
        """SafeLoader with YAML 1.2 booleans (only true/false) and no timestamp conversion, so
        ``options: [Yes, No]`` stays text."""

    Loader.yaml_implicit_resolvers = {
        ch: [
            (tag, rx)
            for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
        ]
        for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    return Loader


def _parse_yaml(p: Path, text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_yaml_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.constructor.ConstructorError as e:
        where = _mark(e.problem_mark)
        tag = re.search(r"tag '([^']*)'", str(e.problem or ""))
        if tag:
            raise FormError(p, f"invalid YAML{where}: tag '{tag.group(1)}' is not allowed") from None
        raise FormError(p, f"invalid YAML{where}: {_one_line(e.problem or e)}") from None
    except yaml.MarkedYAMLError as e:
        raise FormError(p, f"invalid YAML{_mark(e.problem_mark)}: {_one_line(e.problem or e)}") from None
    except yaml.YAMLError as e:
        raise FormError(p, f"invalid YAML: {_one_line(e)}") from None
    except RecursionError:
        raise FormError(p, "invalid YAML: nested too deeply") from None


def _mark(mark) -> str:
    if mark is None:
        return ""
    return f" at line {mark.line + 1}, column {mark.column + 1}"


# --- validation and building -------------------------------------------------------------------


class _Budget:
    def __init__(self) -> None:
        self.sections = 0
        self.fields = 0
        self.items = 0

    def take(self, what: str, n: int = 1) -> None:
        setattr(self, what, getattr(self, what) + n)
        limit = {"sections": MAX_SECTIONS, "fields": MAX_FIELDS, "items": MAX_ITEMS}[what]
        if getattr(self, what) > limit:
            noun = {"sections": "sections", "fields": "fields", "items": "options/columns"}[what]
            raise _Invalid(f"form model has too many {noun} (limit {limit:,})")


def _typename(v: Any) -> str:
    if v is None:
        return "nothing (null)"
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, (int, float)):
        return "a number"
    if isinstance(v, str):
        return "text"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "a mapping"
    return type(v).__name__


def _text(v: Any, where: str, key: str, *, optional: bool = False) -> str | None:
    if v is None and optional:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    raise _Invalid(f"{where}: '{key}' must be text, not {_typename(v)}")


def _int(v: Any, where: str, key: str, minimum: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        if isinstance(v, str) and v.strip().isdigit():
            v = int(v.strip())
        else:
            raise _Invalid(f"{where}: '{key}' must be a whole number, not {_typename(v)}")
    if v < minimum:
        raise _Invalid(f"{where}: '{key}' must be at least {minimum}, not {v}")
    return v


def _bool(v: Any, where: str, key: str) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.strip().lower() in ("yes", "no", "true", "false"):
        return v.strip().lower() in ("yes", "true")
    raise _Invalid(f"{where}: '{key}' must be true or false, not {_typename(v)}")


def _text_list(v: Any, where: str, key: str, budget: _Budget) -> list[str]:
    if v is None:
        return []
    if not isinstance(v, list):
        raise _Invalid(f"{where}: '{key}' must be a list of text, not {_typename(v)}")
    budget.take("items", len(v))
    return [_text(x, where, key) for x in v]  # type: ignore[misc]


def _unknown_keys(d: dict, allowed: tuple[str, ...], where: str) -> None:
    for k in d:
        if k not in allowed:
            raise _Invalid(f"{where}: unknown key '{k}' (valid keys: {', '.join(allowed)})")


def _quote(s: str | None) -> str:
    if s is None:
        return "(untitled)"
    s = _one_line(s)
    return f"'{s[:60]}…'" if len(s) > 60 else f"'{s}'"


def _normalise_kind(k: str) -> str:
    return re.sub(r"[\s\-]+", "_", k.strip().lower())


def _build(data: Any, default_source: str) -> Form:
    if (
        isinstance(data, list)
        and data
        and all(isinstance(d, dict) and d.get("schema") == FORM_SCHEMA for d in data)
    ):
        raise _Invalid(f"a list of {len(data)} form models — save each form in its own file")
    if not isinstance(data, dict):
        raise _Invalid(NOT_A_MODEL)
    schema = data.get("schema")
    if schema != FORM_SCHEMA:
        if isinstance(schema, str) and schema.startswith("formaudit.form/"):
            raise _Invalid(f"unsupported form model schema '{schema}' (this formaudit reads '{FORM_SCHEMA}')")
        raise _Invalid(NOT_A_MODEL)

    budget = _Budget()
    source = _text(data.get("source"), "form", "source", optional=True) or default_source
    fmt = _text(data.get("format"), "form", "format", optional=True) or "model"
    title = _text(data.get("title"), "form", "title", optional=True)

    sections: list[Section] = []
    top_fields = data.get("fields")
    if top_fields is not None:
        sec = Section(title=None)
        sec.fields = _fields(top_fields, "top-level fields", budget)
        sections.append(sec)

    raw_sections = data.get("sections")
    if raw_sections is None:
        raw_sections = []
    if not isinstance(raw_sections, list):
        raise _Invalid(f"'sections' must be a list, not {_typename(raw_sections)}")
    for i, s in enumerate(raw_sections, 1):
        budget.take("sections")
        sections.append(_section(s, i, budget))

    _check_unique(sections)
    return Form(source=source, format=fmt, title=title, sections=sections)


def _section(s: Any, i: int, budget: _Budget) -> Section:
    if isinstance(s, str):  # shorthand: a bare title
        return Section(title=s)
    if not isinstance(s, dict):
        raise _Invalid(
            f"section {i}: must be a mapping (title, level, fields…) or a title, not {_typename(s)}"
        )
    title = _text(s.get("title"), f"section {i}", "title", optional=True)
    where = f"section {i} ({_quote(title)})"
    _unknown_keys(s, _SECTION_KEYS, where)
    sec = Section(title=title)
    if s.get("level") is not None:
        sec.level = _int(s["level"], where, "level", 1)
    if s.get("id") is not None:
        sec.id = _text(s["id"], where, "id") or ""
    sec.parent = _text(s.get("parent"), where, "parent", optional=True)
    sec.location = _text(s.get("location"), where, "location", optional=True)
    sec.guidance = _text(s.get("guidance"), where, "guidance", optional=True) or ""
    sec.fields = _fields(s.get("fields"), where, budget)
    return sec


def _fields(v: Any, where: str, budget: _Budget) -> list[Field]:
    if v is None:
        return []
    if not isinstance(v, list):
        raise _Invalid(f"{where}: 'fields' must be a list, not {_typename(v)}")
    return [_field(f, j, where, budget) for j, f in enumerate(v, 1)]


def _field(f: Any, j: int, sec_where: str, budget: _Budget) -> Field:
    budget.take("fields")
    if isinstance(f, (str, int, float)) and not isinstance(f, bool):  # shorthand: a bare label
        return Field(id="", label=str(f))
    where = f"{sec_where}, field {j}"
    if not isinstance(f, dict):
        raise _Invalid(f"{where}: must be a label or a mapping (label, kind…), not {_typename(f)}")
    if "label" not in f:
        raise _Invalid(f"{where}: has no 'label'")
    label = _text(f["label"], where, "label", optional=True) or ""
    where = f"{sec_where}, field {j} ({_quote(label)})"
    _unknown_keys(f, _FIELD_KEYS, where)
    fld = Field(id="", label=label)
    if f.get("id") is not None:
        fld.id = _text(f["id"], where, "id") or ""
    if f.get("kind") is not None:
        kind = _normalise_kind(_text(f["kind"], where, "kind") or "")
        if kind not in KINDS:
            raise _Invalid(
                f"{where}: unknown kind '{_one_line(f['kind'])}' (valid kinds: {', '.join(KINDS)})"
            )
        fld.kind = kind
    fld.options = _text_list(f.get("options"), where, "options", budget)
    fld.columns = _text_list(f.get("columns"), where, "columns", budget)
    fld.subject = _text(f.get("subject"), where, "subject", optional=True)
    if f.get("required") is not None:
        fld.required = _bool(f["required"], where, "required")
    fld.location = _text(f.get("location"), where, "location", optional=True)
    fld.hint = _text(f.get("hint"), where, "hint", optional=True)
    if f.get("prefilled") is not None:
        fld.prefilled = _bool(f["prefilled"], where, "prefilled")
    cap = f.get("capacity")
    if cap is not None:
        if not isinstance(cap, dict):
            raise _Invalid(
                f"{where}: 'capacity' must be a mapping (words, lines, rows), not {_typename(cap)}"
            )
        _unknown_keys(cap, _CAPACITY_KEYS, f"{where} capacity")
        fld.capacity = {
            k: _int(cap[k], where, f"capacity.{k}", 0) for k in _CAPACITY_KEYS if k in cap
        } or None
    rep = f.get("repeat")
    if rep is not None:
        if not isinstance(rep, dict):
            raise _Invalid(f"{where}: 'repeat' must be a mapping (group, rows), not {_typename(rep)}")
        _unknown_keys(rep, ("group", "rows"), f"{where} repeat")
        if rep.get("group") is None:
            raise _Invalid(f"{where}: 'repeat' needs a 'group'")
        fld.repeat = {"group": _text(rep["group"], where, "repeat.group")}
        if rep.get("rows") is not None:
            fld.repeat["rows"] = _int(rep["rows"], where, "repeat.rows", 0)
    return fld


def _check_unique(sections: list[Section]) -> None:
    seen_f: dict[str, str] = {}
    seen_s: dict[str, int] = {}
    for i, s in enumerate(sections, 1):
        if s.id:
            if s.id in seen_s:
                raise _Invalid(f"duplicate section id '{s.id}' (sections {seen_s[s.id]} and {i})")
            seen_s[s.id] = i
        for f in s.fields:
            if not f.id:
                continue
            here = f"{_quote(f.label)} in section {_quote(s.title)}"
            if f.id in seen_f:
                raise _Invalid(f"duplicate field id '{f.id}': {seen_f[f.id]} and {here}")
            seen_f[f.id] = here
