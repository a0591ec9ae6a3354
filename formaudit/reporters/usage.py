"""``formaudit usage`` as text, JSON (``formaudit.usage/1``) or Markdown. Every figure here is an aggregate
over at least ``min_group`` completions; labels come from templates (or labels most of a group share)."""

from __future__ import annotations

import json
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _s(x) -> str:
    """Printable: control and bidi characters removed."""
    return _CONTROL.sub("", str(x if x is not None else ""))


def _cell(x) -> str:
    return _s(x).replace("|", "\\|").replace("\n", " ")


def _pct(x) -> str:
    return "—" if x is None else f"{x:.0%}"


def _words(w) -> str:
    return "—" if not w else f"{w['median']:g} ({w['q1']:g}–{w['q3']:g})"


def _opts(fd) -> str:
    o = fd.get("options")
    if not o:
        return ""
    return ", ".join(f"{k} {v:.0%}" for k, v in o.items())


def render(result, fmt: str = "text", **_kw) -> str:
    d = result.to_dict() if hasattr(result, "to_dict") else result
    if fmt == "json":
        return json.dumps(d, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(d)
    return _text(d)


def _summary(d) -> str:
    sup = d["suppressed"]
    line = (
        f"{d['completions']} completions matched to {len(d['templates'])} template(s); "
        f"{d['unmatched']} matched no template. Every figure is over at least {d['min_group']} completions"
    )
    hidden = [f"{sup[k]} {k}" for k in ("templates", "fields", "pairs") if sup.get(k)]
    if hidden:
        line += f" (suppressed as smaller groups: {', '.join(hidden)})"
    return line + "."


def _text(d) -> str:
    out = ["formaudit usage", "", _summary(d)]
    for t in d["templates"]:
        out += ["", f"{_s(t['title'] or '(untitled)')}  [{_s(t['source'])}]  {t['completions']} completions"]
        out.append(f"  {'field':<48} {'filled':>6}  {'words median (q1–q3)':<22} options")
        for fd in t["fields"]:
            lab = _s(fd["label"])[:46]
            fill = _pct(fd["fill_rate"]) if fd["observed"] else "n/o"
            out.append(f"  {lab:<48} {fill:>6}  {_words(fd['words']):<22} {_s(_opts(fd))}")
        for p in t["copied_pairs"]:
            by = f" [{'/'.join(p['found_by'])}]" if p["found_by"] else ""
            out.append(f"  same answer {p['rate']:.0%}: {_s(p['a']['label'])} ≡ {_s(p['b']['label'])}{by}")
    if d["findings"]:
        out += ["", "Findings"]
        for f in d["findings"]:
            out.append(f"  {f['code']} {f['severity']}: {_s(f['message'])}")
    if d.get("unreadable"):
        out.append(f"{d['unreadable']} file(s) could not be read (named on stderr).")
    out.append("")
    out.append("n/o: not observable (formaudit cannot read this field's answer from the files).")
    return "\n".join(out) + "\n"


def _markdown(d) -> str:
    out = ["# formaudit usage", "", _summary(d)]
    for t in d["templates"]:
        out += ["", f"## {_cell(t['title'] or '(untitled)')} (`{_cell(t['source'])}`)", ""]
        out.append(f"{t['completions']} completions.")
        out += [
            "",
            "| Section | Field | Filled | Words: median (q1–q3) | Options |",
            "|---|---|---:|---|---|",
        ]
        for fd in t["fields"]:
            fill = _pct(fd["fill_rate"]) if fd["observed"] else "n/o"
            out.append(
                f"| {_cell(fd['section'] or '')} | {_cell(fd['label'])} | {fill} | {_words(fd['words'])} | "
                f"{_cell(_opts(fd))} |"
            )
        if t["copied_pairs"]:
            out += ["", "| Field A | Field B | Same answer | Found by labels |", "|---|---|---:|---|"]
            for p in t["copied_pairs"]:
                out.append(
                    f"| {_cell(p['a']['label'])} | {_cell(p['b']['label'])} | {p['rate']:.0%} | "
                    f"{'/'.join(p['found_by']) or 'no'} |"
                )
    if d["findings"]:
        out += ["", "## Findings", "", "| Code | Severity | Finding |", "|---|---|---|"]
        for f in d["findings"]:
            out.append(f"| {f['code']} | {f['severity']} | {_cell(f['message'])} |")
    if d.get("unreadable"):
        out += ["", f"{d['unreadable']} file(s) could not be read (named on stderr)."]
    return "\n".join(out) + "\n"
