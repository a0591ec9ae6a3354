"""The ``formaudit streamline`` summary (before → after fields, sections and minutes) as text, JSON or Markdown."""

from __future__ import annotations


def render(proposal, fmt: str = "text", files: dict[str, str] | None = None, **_kw) -> str:
    """The streamline summary as text, JSON or Markdown."""
    s = proposal.summary()
    if files:
        s["files"] = files
    if fmt == "json":
        import json

        return json.dumps({"schema": "formaudit.streamline/1", **s}, indent=2, ensure_ascii=False) + "\n"
    b, a, sv = s["minutes_before"], s["minutes_after"], s["minutes_saved"]

    def rng(m):
        return f"{m['low']:.1f}–{m['expected']:.1f}–{m['high']:.1f}"

    changes = ", ".join(f"{k} {v}" for k, v in s["changes"].items())
    if fmt == "markdown":
        lines = [
            f"## Streamlined: {s['title'] or s['source']}",
            "",
            "| | before | after | saved |",
            "|---|---:|---:|---:|",
            f"| fields | {s['fields_before']} | {s['fields_after']} | {s['fields_before'] - s['fields_after']} |",
            f"| sections | {s['sections_before']} | {s['sections_after']} | |",
            f"| pre-filled | 0 | {s['prefilled_after']} | |",
            f"| minutes (low–expected–high) | {rng(b)} | {rng(a)} | {rng(sv)} |",
            "",
            f"Changes to the original fields: {changes}.",
        ]
        if files:
            lines += ["", "Written: " + ", ".join(f"`{v}`" for v in files.values())]
        return "\n".join(lines) + "\n"
    lines = [
        f"{s['title'] or s['source']}  ({s['source']})",
        f"  fields     {s['fields_before']} → {s['fields_after']}  ({s['prefilled_after']} pre-filled)",
        f"  sections   {s['sections_before']} → {s['sections_after']}",
        f"  minutes    {rng(b)} → {rng(a)}  (saved {rng(sv)})",
        f"  changes    {changes}",
    ]
    if files:
        lines.append("  wrote      " + ", ".join(files.values()))
    return "\n".join(lines) + "\n"
