"""The form model: what every reader produces and every check consumes.

A :class:`Form` is a list of :class:`Section` objects in document order; each section holds its
:class:`Field` objects. The model carries labels, structure and statistics only — never the values a
filled-in form contains — so it is safe to write to reports and logs.

Serialised as JSON/YAML with ``"schema": "formaudit.form/1"`` (see ``formaudit/schemas/form.schema.json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORM_SCHEMA = "formaudit.form/1"

#: Field kinds. ``table`` is a grid answered as a whole (e.g. an actions table introduced by a caption).
KINDS = (
    "text",
    "long_text",
    "number",
    "date",
    "time",
    "email",
    "phone",
    "yes_no",
    "choice",
    "multi_choice",
    "checkbox",
    "signature",
    "table",
)

#: Kinds whose answer is picked rather than typed.
CLOSED_KINDS = frozenset({"yes_no", "choice", "multi_choice", "checkbox"})


@dataclass
class Field:
    """One question on a form.

    ``capacity`` is the expected size of a long answer: ``{"words": int}`` and/or ``{"lines": int}``.
    ``repeat`` marks a field of a repeating record (one grid row per person):
    ``{"group": str, "rows": int}`` — the group id is shared by the record's columns.
    ``location`` says where the field is, in human terms ("table 3 row 4", "page 2").
    """

    id: str
    label: str
    kind: str = "text"
    options: list[str] = field(default_factory=list)
    subject: str | None = None
    required: bool = False
    capacity: dict[str, int] | None = None
    location: str | None = None
    columns: list[str] = field(default_factory=list)
    repeat: dict[str, Any] | None = None
    hint: str | None = None
    #: filled in from the case record (or an earlier form): shown for checking, not typed
    prefilled: bool = False

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "options": list(self.options),
        }
        if self.subject is not None:
            d["subject"] = self.subject
        d["required"] = self.required
        if self.capacity:
            d["capacity"] = dict(self.capacity)
        if self.location:
            d["location"] = self.location
        if self.columns:
            d["columns"] = list(self.columns)
        if self.repeat:
            d["repeat"] = dict(self.repeat)
        if self.hint:
            d["hint"] = self.hint
        if self.prefilled:
            d["prefilled"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Field:
        return cls(
            id=str(d["id"]),
            label=str(d.get("label", "")),
            kind=str(d.get("kind", "text")),
            options=[str(o) for o in d.get("options") or []],
            subject=d.get("subject"),
            required=bool(d.get("required", False)),
            capacity=dict(d["capacity"]) if d.get("capacity") else None,
            location=d.get("location"),
            columns=[str(c) for c in d.get("columns") or []],
            repeat=dict(d["repeat"]) if d.get("repeat") else None,
            hint=d.get("hint"),
            prefilled=bool(d.get("prefilled", False)),
        )


@dataclass
class Section:
    """A titled part of a form (``title`` is ``None`` for the fields before the first heading).

    ``parent`` is the ``id`` of the enclosing section for sub-sections (level > 1).
    ``guidance`` is instruction text shown in the section (not a question).
    """

    title: str | None
    level: int = 1
    id: str = ""
    parent: str | None = None
    guidance: str = ""
    fields: list[Field] = field(default_factory=list)
    location: str | None = None

    @property
    def guidance_words(self) -> int:
        return len(self.guidance.split())

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "title": self.title, "level": self.level}
        if self.parent:
            d["parent"] = self.parent
        if self.location:
            d["location"] = self.location
        d["guidance"] = self.guidance
        d["guidance_words"] = self.guidance_words
        d["fields"] = [f.to_dict() for f in self.fields]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Section:
        return cls(
            title=d.get("title"),
            level=int(d.get("level", 1)),
            id=str(d.get("id", "")),
            parent=d.get("parent"),
            guidance=str(d.get("guidance") or ""),
            fields=[Field.from_dict(f) for f in d.get("fields") or []],
            location=d.get("location"),
        )


@dataclass
class Form:
    """A whole form: where it came from, its title and its sections in document order."""

    source: str
    format: str
    title: str | None = None
    sections: list[Section] = field(default_factory=list)

    @property
    def fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]

    def iter_fields(self):
        """Yield ``(section, field)`` pairs in document order."""
        for s in self.sections:
            for f in s.fields:
                yield s, f

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": FORM_SCHEMA,
            "source": self.source,
            "format": self.format,
            "title": self.title,
            "field_count": sum(len(s.fields) for s in self.sections),
            "section_count": sum(1 for s in self.sections if s.title is not None),
            "sections": [s.to_dict() for s in self.sections],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], source: str | None = None) -> Form:
        return cls(
            source=source or str(d.get("source", "")),
            format=str(d.get("format", "model")),
            title=d.get("title"),
            sections=[Section.from_dict(s) for s in d.get("sections") or []],
        )

    def finalise(self) -> Form:
        """Drop empty untitled sections, number sections and fields, and link sub-sections to parents.

        Field ids are ``f1``, ``f2``… in document order unless a reader already gave a stable id
        (e.g. an AcroForm field name or a content-control tag); duplicates get a ``-2`` suffix.
        """
        self._clean_text()
        self.sections = [s for s in self.sections if s.title is not None or s.fields or s.guidance.strip()]
        seen: set[str] = set()
        n = 0
        stack: list[Section] = []
        for si, s in enumerate(self.sections, 1):
            if not s.id:
                s.id = f"s{si}"
            if s.title is not None:
                while stack and stack[-1].level >= s.level:
                    stack.pop()
                s.parent = stack[-1].id if stack and s.level > 1 else None
                stack.append(s)
            for f in s.fields:
                n += 1
                fid = f.id or f"f{n}"
                base, k = fid, 1
                while fid in seen:
                    k += 1
                    fid = f"{base}-{k}"
                f.id = fid
                seen.add(fid)
        return self

    def _clean_text(self) -> None:
        """Remove control, bidi-override and XML-incompatible characters from every text the form holds
        (documents are untrusted: a label must not drive a terminal or break a written file)."""
        from .display import clean_label as c
        from .display import show_path

        self.source = show_path(self.source)  # a file name as text: undecodable bytes and controls escaped
        if self.title is not None:
            self.title = c(self.title)
        for s in self.sections:
            if s.title is not None:
                s.title = c(s.title)
            s.guidance = c(s.guidance)
            for f in s.fields:
                f.label = c(f.label)
                f.id = c(f.id)
                if f.hint:
                    f.hint = c(f.hint)
                if f.options:
                    f.options = [c(o) for o in f.options]
                if f.columns:
                    f.columns = [c(x) for x in f.columns]


SEVERITIES = ("info", "warning", "error")


@dataclass
class Finding:
    """One problem a check found. ``fields``/``sections`` point at every place involved.

    ``fields`` items: ``{"source", "section", "label", "id"}``; ``sections`` items: ``{"source", "title"}``.
    ``minutes`` is the estimated completion time the finding costs (for ordering, costliest first).
    """

    code: str
    rule: str
    severity: str
    source: str
    message: str
    fields: list[dict[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    why: str = ""
    minutes: float = 0.0
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "source": self.source,
            "message": self.message,
            "fields": [dict(f) for f in self.fields],
            "sections": [dict(s) for s in self.sections],
        }
        if self.why:
            d["why"] = self.why
        d["minutes"] = round(self.minutes, 2)
        if self.data:
            d["data"] = dict(self.data)
        return d


def field_ref(form: Form, section: Section, f: Field) -> dict[str, Any]:
    """How a finding points at a field."""
    ref: dict[str, Any] = {"source": form.source, "section": section.title, "label": f.label, "id": f.id}
    if f.location:
        ref["location"] = f.location
    return ref


def section_ref(form: Form, section: Section) -> dict[str, Any]:
    return {"source": form.source, "title": section.title, "id": section.id}
