"""``formaudit check --format junit``: JUnit XML for CI test reports.

``<testsuites>`` holds one ``<testsuite>`` per template (name = its repo-relative path) with one
``<testcase>`` per reported finding (classname = code, name = message). A finding at or above the gate's
``--fail-on`` level carries a ``<failure>`` (message, type = severity; text = why and where); one below it
(an info finding under the default ``warning``) is a passing testcase whose ``<system-out>`` holds the same
text — so the test report fails exactly when ``check`` does. A clean form is one passing testcase. An unreadable file
is a testsuite with one ``<error>`` testcase. Built with ``xml.etree`` so every value is escaped.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

# characters XML 1.0 does not allow, even escaped
_BAD = dict.fromkeys([c for c in range(0x20) if c not in (0x9, 0xA, 0xD)] + [0xFFFE, 0xFFFF])


def _clean(s) -> str:
    return str(s or "").translate(_BAD)


def _where(f) -> list[str]:
    lines = []
    for x in f.fields:
        other = "" if x.get("source") == f.source else f"{os.path.basename(str(x.get('source') or ''))}: "
        loc = f" ({x['location']})" if x.get("location") else ""
        lines.append(f"- {other}{x.get('section') or '(top)'} › {x.get('label') or ''}{loc}")
    if not f.fields:
        lines += [f"- {x.get('title') or '(top)'}" for x in f.sections]
    return lines


def to_xml(result) -> ET.Element:
    from ..paths import repo_path

    root = ET.Element("testsuites", name="formaudit check")
    from ..checks import SEVERITY_RANK

    floor = SEVERITY_RANK.get(getattr(result, "fail_on", None) or "warning", 1)
    total = failures = errors = 0
    by_form: dict[str, list] = {}
    for f in result.findings:
        by_form.setdefault(f.source, []).append(f)
    for form in result.forms:
        name = _clean(repo_path(form.source))
        found = by_form.get(form.source, [])
        failing = [f for f in found if SEVERITY_RANK.get(f.severity, 0) >= floor]
        suite = ET.SubElement(
            root,
            "testsuite",
            name=name,
            tests=str(max(len(found), 1)),
            failures=str(len(failing)),
            errors="0",
            skipped="0",
        )
        if not found:
            ET.SubElement(suite, "testcase", classname="formaudit", name=_clean(f"{name}: no findings"))
        for f in found:
            case = ET.SubElement(suite, "testcase", classname=f.code, name=_clean(f.message))
            body = []
            if f.why:
                body.append(f"why: {f.why}")
            body += _where(f)
            if f.data.get("fingerprint"):
                body.append(f"fingerprint: {f.data['fingerprint']}")
            if SEVERITY_RANK.get(f.severity, 0) >= floor:
                fail = ET.SubElement(
                    case, "failure", message=_clean(f"{f.code} {f.rule}: {f.message}"), type=f.severity
                )
                fail.text = _clean("\n".join(body))
            else:  # below --fail-on: reported, not a failure
                out = ET.SubElement(case, "system-out")
                out.text = _clean("\n".join([f"{f.severity} (below --fail-on {result.fail_on})", *body]))
        total += max(len(found), 1)
        failures += len(failing)
    for e in result.errors:
        name = _clean(repo_path(e.path))
        suite = ET.SubElement(root, "testsuite", name=name, tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname="formaudit", name=_clean(f"{name}: read"))
        err = ET.SubElement(case, "error", message=_clean(e.reason), type="unreadable")
        err.text = _clean(f"{e.path}: {e.reason}")
        total += 1
        errors += 1
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    return root


def render(result, **_kw) -> str:
    root = to_xml(result)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
