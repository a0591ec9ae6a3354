"""``formaudit check --format sarif``: SARIF 2.1.0 for code scanning (GitHub and others).

One run; ``tool.driver.rules`` lists every check (its docstring is the help text); each result has the
form's path relative to the repository root, ``region.startLine: 1`` (DOCX and PDF have no lines), a
logical location per section / field involved, and ``partialFingerprints["formaudit/v1"]`` — the gate's
line-independent fingerprint. Library forms an FA102 finding points at are ``relatedLocations``.
"""

from __future__ import annotations

import inspect
import json
from urllib.parse import quote

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    from ..paths import repo_path

    # a file name that is not UTF-8 (bytes kept as surrogates by Python) is percent-encoded byte for byte
    return quote(repo_path(path).encode("utf-8", "surrogateescape"), safe="/")


def _doc(check) -> str:
    return inspect.cleandoc(check.__doc__ or check.name)


def _first_paragraph(text: str) -> str:
    return " ".join(text.split("\n\n", 1)[0].split())


def rules(settings: dict | None = None) -> list[dict]:
    """A SARIF ``reportingDescriptor`` per registered check, in code order."""
    from ..checks import registry

    out = []
    for check in registry():
        doc = _doc(check)
        sev = ((settings or {}).get(check.code) or {}).get("severity", check.default_severity)
        out.append(
            {
                "id": check.code,
                "name": check.name,
                "shortDescription": {"text": check.summary()},
                "fullDescription": {"text": _first_paragraph(doc)},
                "help": {"text": doc, "markdown": doc},
                "defaultConfiguration": {"level": LEVEL.get(sev, "warning")},
                "properties": {"tags": ["forms"], "defaultSeverity": sev},
            }
        )
    return out


def _logical(f) -> list[dict]:
    own = [x for x in f.fields if not x.get("source") or x.get("source") == f.source]
    locs = []
    for x in own:
        section = x.get("section") or "(top)"
        label = x.get("label") or ""
        locs.append({"name": label, "fullyQualifiedName": f"{section}/{label}", "kind": "member"})
    if not own:
        for x in f.sections:
            if x.get("source") and x.get("source") != f.source:
                continue
            title = x.get("title") or "(top)"
            locs.append({"name": title, "fullyQualifiedName": title, "kind": "member"})
    return locs


def _result(f, index: dict[str, int]) -> dict:
    location: dict = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(f.source)},
            "region": {"startLine": 1},
        }
    }
    logical = _logical(f)
    if logical:
        location["logicalLocations"] = logical
    text = f.message if not f.why else f"{f.message}. {f.why}"
    res: dict = {
        "ruleId": f.code,
        "level": LEVEL.get(f.severity, "warning"),
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"formaudit/v1": f.data.get("fingerprint", "")},
        "properties": {"severity": f.severity, "minutes": round(f.minutes, 2)},
    }
    if f.code in index:
        res["ruleIndex"] = index[f.code]
    related = []
    for x in f.fields:
        if not x.get("source") or x.get("source") == f.source:
            continue
        related.append(
            {
                "id": len(related),
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(x["source"])},
                    "region": {"startLine": 1},
                },
                "logicalLocations": [
                    {
                        "name": x.get("label") or "",
                        "fullyQualifiedName": f"{x.get('section') or '(top)'}/{x.get('label') or ''}",
                        "kind": "member",
                    }
                ],
                "message": {"text": f"also asked here: {x.get('section') or '(top)'} › {x.get('label')}"},
            }
        )
    if related:
        res["relatedLocations"] = related
    return res


def to_sarif(result) -> dict:
    """The SARIF log (a dict) for a :class:`formaudit.gate.CheckResult`."""
    from .. import __version__

    rule_list = rules(getattr(result, "settings", None))
    index = {r["id"]: i for i, r in enumerate(rule_list)}
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{e.path}: {e.reason}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(e.path)}}}],
        }
        for e in result.errors
    ]
    invocation: dict = {"executionSuccessful": not result.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "formaudit",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rule_list,
                    }
                },
                "invocations": [invocation],
                "results": [_result(f, index) for f in result.findings],
            }
        ],
    }


def render(result, **_kw) -> str:
    return json.dumps(to_sarif(result), indent=2, ensure_ascii=False) + "\n"
